"""What to take from a value file as published: which indicators, which rows, which categories.

Councils get tables as their publishers make them: an IoD 2019 file with dozens of indicator
ids, a Census table with one row per category (households by number of dimensions of
deprivation, usual residents by age band). A value-file entry of ``evidence.yml`` says what
to take from such a file, so that no one has to reshape it by hand:

``indicators``
    source id -> catalogue id (or a list of ids taken under their own names); every other id
    in the file is skipped, with one warning that lists them.
``rows``
    filters on the file's ``sex``, ``age`` and ``category`` columns (a value or a list).
``proportion``
    the categories (of ``column``, default ``category``) whose counts form the numerator, and
    the denominator: a named total category, or ``sum`` (the default), the sum of all categories.
``recode``
    the file's area codes are of another vintage (see :mod:`evidence.recode`).

The options are applied, in that order, to the table as read (all text), before the values
are checked, so that every later check sees ordinary tidy rows. A mistake in an option (a
category or column the file does not have, a catalogue id that does not exist) is a problem
in ``evidence.yml`` with the setting's line; the file is then left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["OPTION_KEYS", "SUM", "Proportion", "Recode", "ValueOptions", "options_of"]

SUM = "sum"
OPTION_KEYS = ("indicators", "rows", "proportion", "recode")
FILTER_COLUMNS = ("sex", "age", "category")


@dataclass(frozen=True)
class Recode:
    """The lookup that takes a value file's codes (column ``source``) to the project's (``target``)."""

    lookup: Path
    source: str
    target: str
    change: str | None = None


@dataclass(frozen=True)
class Proportion:
    """Categories of ``column`` whose counts form a proportion of ``denominator`` (a category or ``sum``)."""

    column: str = "category"
    numerator: tuple[str, ...] = ()
    denominator: str = SUM


@dataclass(frozen=True)
class ValueOptions:
    """The options of one value-file entry (``entry`` is its index under ``indicators.values``)."""

    entry: int = 0
    indicators: tuple[tuple[str, str], ...] | None = None
    rows: tuple[tuple[str, tuple[str, ...]], ...] = ()
    proportion: Proportion | None = None
    recode: Recode | None = None

    def setting(self, name: str) -> str:
        """The dotted setting of option ``name`` of this entry, for :meth:`Config.where`."""
        return f"indicators.values.{self.entry}.{name}"


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def options_of(spec: dict, entry: int, root: Path) -> ValueOptions:
    """The options of the value-file entry ``spec`` (already checked for shape).

    >>> options_of({"path": "x.csv", "indicators": ["a"], "rows": {"sex": "Persons"}}, 0, Path("."))
    ValueOptions(entry=0, indicators=(('a', 'a'),), rows=(('sex', ('Persons',)),), proportion=None, recode=None)
    """
    chosen = spec.get("indicators")
    indicators = None
    if isinstance(chosen, dict):
        indicators = tuple((str(k), str(v)) for k, v in chosen.items())
    elif isinstance(chosen, list):
        indicators = tuple((str(k), str(k)) for k in chosen)
    rows = tuple((column, _texts(v)) for column, v in (spec.get("rows") or {}).items())
    share = spec.get("proportion")
    proportion = None
    if isinstance(share, dict):
        proportion = Proportion(str(share.get("column", "category")), _texts(share.get("numerator", [])),
                                str(share.get("denominator", SUM)))
    codes = spec.get("recode")
    recoding = None
    if isinstance(codes, dict):
        recoding = Recode(root / codes["lookup"], str(codes["from"]), str(codes["to"]),
                          None if codes.get("change") is None else str(codes["change"]))
    return ValueOptions(entry, indicators, rows, proportion, recoding)


