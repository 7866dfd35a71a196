"""Every setting of ``evidence.yml`` (``FIELDS``) and the check of a file's shape against it.

The shape is what YAML alone cannot promise: every setting is known (a misspelt one gets
a "did you mean" among the settings of its own level, or where it belongs), the required
ones are there and not empty, and each has its type. A file with such a problem cannot be
assembled into a :class:`~evidence.config.Config`; each problem names the setting and its line.
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any

from evidence.config_rules import where
from evidence.errors import did_you_mean
from evidence.problems import Problems

__all__ = ["FIELDS", "check_shape"]

# Every field the code reads, as dotted paths ("*" stands for a name or a list item);
# (required, type).
FIELDS: dict[str, tuple[bool, type | tuple[type, ...]]] = {
    "name": (True, str),
    "focus_area": (True, str),
    "geography": (True, dict),
    "geography.area_types": (True, dict),
    "geography.area_types.*": (True, dict),
    "geography.area_types.*.label": (False, str),
    "geography.area_types.*.boundaries": (True, str),
    "geography.area_types.*.code_column": (True, str),
    "geography.area_types.*.name_column": (True, str),
    "geography.area_types.*.layer": (False, (str, type(None))),
    "geography.lookup": (True, dict),
    "geography.lookup.path": (True, str),
    "geography.lookup.columns": (True, dict),
    "geography.lookup.columns.*": (True, dict),
    "geography.lookup.columns.*.code": (True, str),
    "geography.lookup.columns.*.name": (False, str),
    "geography.england": (False, dict),
    "geography.england.code": (False, str),
    "geography.england.name": (False, str),
    "geography.custom_areas": (False, list),
    "geography.custom_areas.*": (True, dict),
    "geography.custom_areas.*.code": (True, str),
    "geography.custom_areas.*.name": (True, str),
    "geography.custom_areas.*.type": (True, str),
    "geography.custom_areas.*.members": (True, list),
    "themes": (True, list),
    "themes.*": (True, dict),
    "themes.*.id": (True, str),
    "themes.*.name": (True, str),
    "indicators": (True, dict),
    "indicators.catalogue": (True, str),
    "indicators.values": (True, list),
    "indicators.values.*": (True, dict),
    "indicators.values.*.path": (True, str),
    "indicators.values.*.format": (False, str),
    "indicators.values.*.sheet": (False, (str, int, type(None))),
    "indicators.values.*.indicators": (False, (dict, list)),
    "indicators.values.*.indicators.*": (False, (str, int)),
    "indicators.values.*.rows": (False, dict),
    "indicators.values.*.rows.sex": (False, (str, int, list)),
    "indicators.values.*.rows.age": (False, (str, int, list)),
    "indicators.values.*.rows.category": (False, (str, int, list)),
    "indicators.values.*.proportion": (False, dict),
    "indicators.values.*.proportion.column": (False, str),
    "indicators.values.*.proportion.numerator": (True, (list, str)),
    "indicators.values.*.proportion.denominator": (False, str),
    "indicators.values.*.recode": (False, dict),
    "indicators.values.*.recode.lookup": (True, str),
    "indicators.values.*.recode.from": (True, str),
    "indicators.values.*.recode.to": (True, str),
    "indicators.values.*.recode.change": (False, str),
    "benchmarks": (False, dict),
    "benchmarks.comparators": (False, dict),
    "benchmarks.comparators.*": (True, list),
    "benchmarks.values": (False, str),
    "disclosure": (False, dict),
    "disclosure.min_count": (False, int),
    "build": (False, dict),
    "build.output": (False, str),
    "context": (False, dict),
    "context.population": (False, (str, int)),  # Fingertips ids are numbers
    "context.deprivation": (False, (str, int)),  # Fingertips ids are numbers
    "context.deprivation_scale": (False, str),
    "context.deprivation_ranked": (False, int),
    "context.deprivation_cuts": (False, list),
    "profiles": (False, dict),
    "profiles.area_type": (False, str),
    "profiles.map_indicator": (False, (str, int)),  # Fingertips ids are numbers
    "profiles.tiles": (False, bool),
    "gaps": (False, dict),
    "gaps.activities": (False, str),
    "gaps.classification": (False, str),
    "gaps.comparator": (False, str),
    "gaps.max_age": (False, int),
    "gaps.min_indicators": (False, int),
    "gaps.max_missing_share": (False, (int, float)),
    "gaps.correlation_threshold": (False, (int, float)),
    "outcomes": (False, str),
    "timetable": (False, str),
    "consultation": (False, str),
    "strategy": (False, str),
    "proofing": (False, str),
    "national_outcomes": (False, str),
    "priorities": (False, dict),
    "priorities.weights": (False, dict),
    "priorities.weights.significance": (False, (int, float)),
    "priorities.weights.gap": (False, (int, float)),
    "priorities.weights.trend": (False, (int, float)),
    "priorities.weights.population": (False, (int, float)),
    "priorities.weights.voice": (False, (int, float)),
    "priorities.better": (False, (int, float)),
    "priorities.gap_cap": (False, (int, float)),
}


_EMPTY_FIX = {
    "geography.area_types": "List the area types, smallest first, each with its boundary file (see "
                            "docs/project-format.md).",
    "geography.lookup.columns": "Give the lookup's code column of every area type, e.g. lsoa: {code: lsoa_code}.",
    "themes": "List the strategy's themes, e.g. '- {id: safer, name: Safer}'.",
    "indicators.values": "List at least one value file, e.g. '- path: values.csv'.",
}


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false", dict: "a mapping",
             list: "a list"}
    return " or ".join(names.get(k, "empty") for k in kinds)


def _keys_at(spec: str) -> list[str]:
    """The setting names allowed directly under ``spec`` (a FIELDS path; "" for the top level)."""
    return [f.rsplit(".", 1)[-1] for f in FIELDS
            if (f.rsplit(".", 1)[0] == spec if "." in f else not spec) and not f.endswith("*")]


def _elsewhere(key: str, spec: str) -> str:
    """A hint where ``key`` belongs when it is a setting of another level (top level or one section)."""
    homes = [f.rsplit(".", 1)[0] for f in FIELDS if "." in f and f.rsplit(".", 1)[1] == key
             and f.rsplit(".", 1)[0] != spec and "*" not in f]
    if key in _keys_at("") and spec:
        return f" '{key}' is a top-level setting: write it at the start of a line, not indented."
    return f" '{key}' is a setting under '{homes[0]}': move it there." if len(homes) == 1 else ""


def _type_fix(value: Any, kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if value is None:
        if dict in kinds:
            return "Indent its settings under it (by two spaces), or delete the empty line."
        return "Give it a value after the colon, or delete the line."
    if (int in kinds or float in kinds) and isinstance(value, str):
        bare = value.strip().rstrip("%").strip()
        try:
            float(bare)
        except ValueError:
            pass
        else:
            return "Write the number on its own, without quotes or a % sign (see docs/project-format.md)."
    if kinds == (int,) and isinstance(value, float):
        return "Write a whole number, without a decimal point."
    if list in kinds and not isinstance(value, list):
        return "Write a list: one '- item' per line, or [item, item] on one line."
    if str in kinds and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "Put the value in quotes so that it is read as text."
    return "Correct the value (see docs/project-format.md)."


def _check_shape(data: Any, problems: Problems, file: Path, top: Any, spec: str = "", real: str = "") -> None:
    """Check ``data`` against FIELDS: unknown keys, missing keys and wrong types.

    ``spec`` is the FIELDS path of ``data`` ("*" for names and list items), ``real`` its
    path in the file (list items by index) and ``top`` the whole file, for lines.
    """
    if not isinstance(data, dict):
        return
    pattern = spec + ".*" if spec else "*"
    for key, value in data.items():
        dotted = f"{spec}.{key}" if spec else str(key)
        here = f"{real}.{key}" if real else str(key)
        label = str(key) if "*" in spec else dotted
        found = FIELDS.get(dotted) or FIELDS.get(pattern)
        if found is None:
            close = get_close_matches(str(key).lower(), _keys_at(spec), n=1, cutoff=0.8)
            hint = (f" Did you mean '{close[0]}'?" if close else
                    _elsewhere(str(key), spec) or did_you_mean(key, _keys_at(spec)))
            problems.error(f"Unknown setting '{label}'.{hint}",
                           "Remove it or correct its name (every setting is in docs/project-format.md).",
                           file=file, **where(top, here))
            continue
        _, kind = found
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            problems.error(f"Setting '{label}' should be {_type_name(kind)}, not {value!r}.",
                           _type_fix(value, kind), file=file, **where(top, here))
            continue
        child = dotted if FIELDS.get(dotted) else pattern
        if found[0] and isinstance(value, (dict, list)) and not value and not child.endswith("*"):
            problems.error(f"Setting '{label}' is empty.", _EMPTY_FIX.get(child, "Fill it in (see "
                           "docs/project-format.md)."), file=file, **where(top, here))
            continue
        if isinstance(value, dict):
            _check_shape(value, problems, file, top, child, here)
            _check_required(value, problems, file, top, child, here)
        elif isinstance(value, list) and FIELDS.get(child + ".*", (None, None))[1] is dict:
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    _check_shape(item, problems, file, top, child + ".*", f"{here}.{i}")
                    _check_required(item, problems, file, top, child + ".*", f"{here}.{i}")
                else:
                    problems.error(f"Each entry of '{child}' should be a mapping, not {item!r}.",
                                   "See docs/project-format.md for the entry's fields.",
                                   file=file, **where(top, f"{here}.{i}"))


def _check_required(data: dict, problems: Problems, file: Path, top: Any, spec: str, real: str) -> None:
    for dotted, (required, _) in FIELDS.items():
        parent, _, key = dotted.rpartition(".")
        if required and parent == spec and key != "*" and key not in data:
            spot = where(top, real) if real else {"place": f"setting '{key}'", "column": None}
            problems.error(f"Missing setting '{dotted}'.",
                           f"Add '{key}' under '{spec or 'the top level'}' (see docs/project-format.md).",
                           file=file, **spot)


def check_shape(data: dict, problems: Problems, file: Path) -> None:
    """Record every unknown, missing, empty or mistyped setting of the file ``data`` in ``problems``."""
    _check_shape(data, problems, file, data)
    _check_required(data, problems, file, data, "", "")
