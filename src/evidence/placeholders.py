"""The "to fill in" placeholders that ``evidence init`` writes, reported by ``validate``.

``evidence init`` detects what it can from the files it is given and writes
:data:`PLACEHOLDER` where only the user can decide: the focus area when the lookup holds
several districts, the themes, and each indicator's theme, polarity and value type. Each
placeholder left is one problem with its setting and line (or its catalogue rows), saying
what to write, so that a user follows ``validate`` to the end; the checks that would only
repeat it ("unknown polarity 'TO FILL IN'") are skipped for those cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.config_rules import where
from evidence.problems import Problems

if TYPE_CHECKING:  # config imports this module, and a no-op run must not load pandas
    import pandas as pd

__all__ = ["PLACEHOLDER", "catalogue_placeholders", "config_placeholders", "has_placeholders", "is_placeholder"]

PLACEHOLDER = "TO FILL IN"

_CONFIG_FIXES = {
    "focus_area": "Write the code of the area the strategy is for (one of the lookup's codes of the largest area "
                  "type; the comment above the setting lists them).",
    "themes.id": "Give the theme a short id, e.g. safer; the catalogue's 'theme' column uses it.",
    "themes.name": "Give the theme its name as reports show it, e.g. Safer communities.",
}
_CATALOGUE_FIXES = {
    "theme": "Write the id of one of the themes of evidence.yml.",
    "polarity": "Write higher_is_better, lower_is_better or no_judgement (for a context indicator such as "
                "population).",
    "value_type": "Write what the value is: proportion, rate, dsr, mean, score or count (see "
                  "docs/project-format.md, 'The indicator catalogue').",
    "unit": "Write the unit shown next to values, e.g. %, per 1,000, people.",
    "source": "Write who publishes the data.",
    "name": "Write the indicator's name as reports show it.",
}


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is the placeholder (``TO FILL IN``, any case).

    >>> is_placeholder("to fill in"), is_placeholder("E07000081")
    (True, False)
    """
    return isinstance(value, str) and value.strip().upper() == PLACEHOLDER


def _walk(data: Any, path: str = ""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, f"{path}.{i}")
    else:
        yield path, data


def has_placeholders(data: Any) -> bool:
    """Whether any setting of ``data`` (an ``evidence.yml`` mapping) is still to fill in."""
    return any(is_placeholder(value) for _, value in _walk(data))


def config_placeholders(data: dict, problems: Problems, file: Path) -> int:
    """Record each setting of ``evidence.yml`` still to fill in; return how many there are."""
    found = 0
    for dotted, value in _walk(data):
        if is_placeholder(value):
            found += 1
            general = ".".join(p for p in dotted.split(".") if not p.isdigit())
            problems.error(f"Setting '{general}' is still to fill in.",
                           _CONFIG_FIXES.get(general, "Fill it in (see docs/project-format.md)."),
                           file=file, kind=f"setting {general} still to fill in", **where(data, dotted))
    return found


def catalogue_placeholders(table: pd.DataFrame, path: Path, problems: Problems) -> pd.DataFrame:
    """Record each catalogue cell still to fill in; return a mask of those cells (same shape as ``table``)."""
    mask = table.map(is_placeholder)
    for column in table.columns:
        for row in table.index[mask[column]]:
            problems.error(f"The {column.replace('_', ' ')} of indicator '{table.at[row, 'id']}' is still to fill in.",
                           _CATALOGUE_FIXES.get(column, f"Fill in the '{column}' column."), file=path,
                           place=f"row {row}", column=column, kind=f"catalogue {column} still to fill in")
    return mask
