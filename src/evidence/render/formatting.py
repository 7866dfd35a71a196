"""Numbers as board members read them: thousands separators, fixed decimals, a unit.

Missing values (blank, suppressed, not computed) are shown as a dash for sighted
readers and as the words "no value" for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from evidence.render._html import Markup, tag

__all__ = ["Formatter", "format_number", "is_missing", "missing_value", "number_formatter"]

Formatter = Callable[[Any], "str | Markup"]


def is_missing(value: Any) -> bool:
    """True for ``None``, ``NaN``, ``pd.NA``, ``NaT`` and blank strings."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def missing_value() -> Markup:
    """A dash that screen readers announce as "no value"."""
    return tag("span", "–", aria_hidden="true") + tag("span", "no value", class_="ev-vh")


def format_number(value: Any, decimals: int = 1, unit: str = "") -> str:
    """Format a number with thousands separators, ``decimals`` places and an optional unit.

    Examples
    --------
    >>> format_number(12345.678, 1)
    '12,345.7'
    >>> format_number(12.5, 1, "%")
    '12.5%'
    >>> format_number(3.0, 0, "per 1,000")
    '3 per 1,000'
    """
    if is_missing(value):
        return ""
    number = float(value)
    if math.isinf(number):
        return "infinite"
    text = f"{number:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def number_formatter(decimals: int = 1, unit: str = "") -> Formatter:
    """A cell formatter for :func:`evidence.render.tables.table` (missing -> dash)."""

    def fmt(value: Any) -> str | Markup:
        return missing_value() if is_missing(value) else format_number(value, decimals, unit)

    return fmt
