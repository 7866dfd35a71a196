"""The rules each value of ``evidence.yml`` must keep, beyond its type.

:mod:`evidence.config` checks the shape of the file (known settings, required ones, types);
this module checks the values that would make a later command fail or quietly mislead:
a share typed as a percentage (``max_missing_share: 20``), ``min_count: 0``, priority
weights that are negative or all zero, two themes with one id, a custom area listed
twice. Every problem names the setting and its line (:func:`where`) and says what to write.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from evidence.io.textfile import line_of
from evidence.problems import Problems

__all__ = ["check_values", "repeated", "where"]

WEIGHTS = ("significance", "gap", "trend", "population")


def where(data: Any, dotted: str) -> dict[str, str | None]:
    """The ``place`` and ``column`` of setting ``dotted`` for a problem, with its line.

    List items are given by their index from 0 (``themes.1.id``) and shown from 1:

    >>> where({}, "gaps.max_missing_share")
    {'place': "setting 'gaps.max_missing_share'", 'column': None}
    >>> where({}, "themes.1.id")
    {'place': "setting 'themes' entry 2", 'column': 'id'}
    """
    parts = dotted.split(".")
    line = line_of(data, dotted)
    at = f", line {line}" if line else ""
    index = max((i for i, p in enumerate(parts) if p.isdigit()), default=None)
    if index is None:
        return {"place": f"setting '{dotted}'{at}", "column": None}
    entry = f"setting '{'.'.join(parts[:index])}' entry {int(parts[index]) + 1}{at}"
    return {"place": entry, "column": ".".join(parts[index + 1:]) or None}


def _get(data: dict, dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Rules:
    """The value checks of one ``evidence.yml``, recording problems with their lines."""

    def __init__(self, data: dict, problems: Problems, file: Path):
        self.data, self.problems, self.file = data, problems, file
        self.usable = True  # False when a value makes the settings impossible to assemble

    def error(self, message: str, fix: str, dotted: str, column: str | None = None) -> None:
        spot = where(self.data, dotted)
        self.problems.error(message, fix, file=self.file, place=spot["place"], column=column or spot["column"])

    def warn(self, message: str, fix: str, dotted: str) -> None:
        self.problems.warn(message, fix, file=self.file, **where(self.data, dotted))

    def finite(self, dotted: str) -> float | None:
        """The number at ``dotted``, or None when unset; NaN and infinity are reported."""
        value = _get(self.data, dotted)
        if not _number(value):
            return None
        if not math.isfinite(value):
            self.error(f"'{dotted}' is {value}, which is not a usable number.", "Write an ordinary number.", dotted)
            return None
        return float(value)

    def whole(self, dotted: str, minimum: int, fix: str) -> None:
        value = _get(self.data, dotted)
        if _number(value) and value < minimum:
            self.error(f"'{dotted}' is {value}, but must be a whole number of at least {minimum}.", fix, dotted)

    def share(self, dotted: str, meaning: str, default: float) -> None:
        """A share from 0 to 1; a value from 1 to 100 is recognised as a percentage."""
        value = self.finite(dotted)
        if value is None or 0 <= value <= 1:
            return
        if 1 < value <= 100:
            fix = f"{value:g} looks like a percentage: write {value / 100:g} for {value:g}%."
        else:
            fix = f"Write a share from 0 to 1, e.g. {default:g} for {100 * default:g}%."
        self.error(f"'{dotted}' is {value:g}, but it must be a share from 0 to 1 ({meaning}).", fix, dotted)

    def run(self) -> None:
        self.whole("disclosure.min_count", 1,
                   "Use 5 (the usual threshold) or another whole number of at least 1: counts from 0 to "
                   "min_count - 1 are suppressed, so 1 suppresses only zero counts.")
        self.whole("gaps.max_age", 1, "Give the number of years after which an indicator is out of date (default 3).")
        self.whole("gaps.min_indicators", 1,
                   "Give the number of indicators a theme needs not to be listed as thin (default 3).")
        self.share("gaps.max_missing_share", "indicators with a larger share of missing or suppressed values are "
                   "listed", 0.2)
        self.share("gaps.correlation_threshold", "the smallest correlation between indicators that is reported", 0.7)
        self.priorities()
        self.paths()
        self.themes()
        files = _get(self.data, "indicators.values")
        if isinstance(files, list):
            plain = [f if not (isinstance(f, dict) and (f.get("indicators") or f.get("proportion"))) else None
                     for f in files]  # entries that take different indicators from one file may share it
            self._unique(plain, "indicators.values", "path", "value file",
                         "List each value file once: its values would otherwise be read twice.")
        self.custom_areas()

    def priorities(self) -> None:
        weights = _get(self.data, "priorities.weights")
        if isinstance(weights, dict):
            values = {k: self.finite(f"priorities.weights.{k}") for k in WEIGHTS if k in weights}
            if "voice" in weights:  # the optional consultation component: may not be negative either
                values_voice = self.finite("priorities.weights.voice")
                if values_voice is not None and values_voice < 0:
                    self.error(f"'priorities.weights.voice' is {values_voice:g}, but a weight cannot be negative.",
                               "Use 0 (the default) to leave what people said out of the score, or a positive "
                               "weight.", "priorities.weights.voice")
            negative = [k for k, v in values.items() if v is not None and v < 0]
            for k in negative:
                self.error(f"'priorities.weights.{k}' is {values[k]:g}, but a weight cannot be negative.",
                           "Use 0 to leave that part out of the score, or a positive weight.",
                           f"priorities.weights.{k}")
            if not negative and None not in values.values() and not any(values.values()):
                self.error("Every weight under 'priorities.weights' is 0 (a weight left out counts as 0), so "
                           "no priority score can be worked out.",
                           "Give at least one weight a positive value, e.g. the defaults: significance 0.4, "
                           "gap 0.3, trend 0.2, population 0.1.", "priorities.weights")
        better = self.finite("priorities.better")
        if better is not None and not -1 <= better <= 0:
            self.error(f"'priorities.better' is {better:g}, but it must be from -1 to 0: a Better value scores "
                       "0 (the default) or less, so that doing well never raises an area's priority.",
                       "Use 0, or -1 to push areas that do well down the list.", "priorities.better")
        cap = self.finite("priorities.gap_cap")
        if cap is not None and cap <= 0:
            self.error(f"'priorities.gap_cap' is {cap:g}, but it must be a positive percentage.",
                       "Use 50 (the default): a gap of 50% or more in the worse direction counts in full.",
                       "priorities.gap_cap")
        elif cap is not None and cap < 1:
            self.warn(f"'priorities.gap_cap' is {cap:g}, a gap of {cap:g}%: almost every gap in the worse "
                      "direction then counts in full.",
                      f"It is a percentage: if you meant {100 * cap:g}%, write {100 * cap:g}.", "priorities.gap_cap")

    def paths(self) -> None:
        """A blank path would name the project folder itself."""
        dotted = ["geography.lookup.path", "indicators.catalogue", "build.output", "gaps.activities",
                  "gaps.classification", "outcomes"]
        types = _get(self.data, "geography.area_types")
        dotted += [f"geography.area_types.{t}.boundaries" for t in (types if isinstance(types, dict) else {})]
        files = _get(self.data, "indicators.values")
        dotted += [f"indicators.values.{i}.path" for i in range(len(files) if isinstance(files, list) else 0)]
        for setting in dotted:
            value = _get(self.data, setting)
            if isinstance(value, str) and not value.strip():
                self.error(f"'{setting}' is blank.", "Give the path of the file, relative to the project folder, "
                           "or delete the line if the setting is optional.", setting)
                self.usable = False

    def themes(self) -> None:
        themes = _get(self.data, "themes")
        if not isinstance(themes, list):
            return
        self._unique(themes, "themes", "id", "theme id", "Give every theme an id of its own.")
        self._unique(themes, "themes", "name", "theme name",
                     "Give every theme a name of its own: the catalogue's 'theme' column may use the name.",
                     fold=True)

    def _unique(self, items: list, setting: str, key: str, what: str, fix: str, *, fold: bool = False) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get(key), str):
                continue
            value = item[key].strip()
            if not value:
                self.error(f"Entry {i + 1} of '{setting}' has a blank {key}.", f"Fill in its {key}.",
                           f"{setting}.{i}.{key}")
                continue
            norm = value.lower() if fold else value
            if norm in seen:
                first = line_of(self.data, f"{setting}.{seen[norm]}.{key}")
                self.error(f"The {what} '{value}' is given twice (entries {seen[norm] + 1} and {i + 1}"
                           f"{f', the first on line {first}' if first else ''}).", fix, f"{setting}.{i}.{key}")
            else:
                seen[norm] = i

    def custom_areas(self) -> None:
        customs = _get(self.data, "geography.custom_areas")
        if not isinstance(customs, list):
            return
        area_types = _get(self.data, "geography.area_types")
        boundary_types = set(area_types) if isinstance(area_types, dict) else set()
        self._unique(customs, "geography.custom_areas", "code", "custom area code",
                     "Give each custom area a code of its own, or merge the two entries.")
        for i, custom in enumerate(customs):
            if not isinstance(custom, dict):
                continue
            dotted = f"geography.custom_areas.{i}"
            code = custom.get("code")
            members = custom.get("members")
            if isinstance(members, list):
                if not members:
                    self.error(f"Custom area '{code}' has no members.",
                               "List the codes of the areas it is made of, e.g. members: [E05012345, E05012346].",
                               f"{dotted}.members")
                twice = repeated(str(m) for m in members)
                if twice:
                    self.error(f"Custom area '{code}' lists {', '.join(twice)} more than once: its counts would "
                               "be added twice.", "List each member once.", f"{dotted}.members")
            kind = custom.get("type")
            if isinstance(kind, str) and kind.strip().lower() == "england":
                self.error(f"Custom area '{code}' has type 'england', the type of the national comparator.",
                           "Give custom areas a type of their own, e.g. 'neighbourhood'.", f"{dotted}.type")
            elif isinstance(kind, str) and kind in boundary_types:
                self.error(f"Custom area '{code}' has type '{kind}', which is a boundary area type.",
                           "Give custom areas a type of their own, e.g. 'neighbourhood'.", f"{dotted}.type")


def repeated(items: Iterable[str]) -> list[str]:
    """The items that occur more than once, in the order of their second occurrence.

    >>> repeated(["a", "b", "a", "c", "b", "a"])
    ['a', 'b']
    """
    seen: set[str] = set()
    twice: list[str] = []
    for item in items:
        if item in seen and item not in twice:
            twice.append(item)
        seen.add(item)
    return twice


def check_values(data: dict, problems: Problems, file: Path) -> bool:
    """Check the values of an ``evidence.yml`` mapping; record problems in ``problems``.

    Returns False when a value (a blank path) leaves nothing to assemble the settings from;
    the other problems leave the settings usable for checking the rest of the project.
    """
    rules = _Rules(data, problems, file)
    rules.run()
    return rules.usable
