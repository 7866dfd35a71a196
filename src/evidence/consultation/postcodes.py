"""Postcodes: tidy them, check their shape, and place respondents in LSOAs.

The lookup is an extract of the ONS Postcode Directory (or any table with a postcode
and an LSOA code column: ``postcode``/``pcds``/``pcd`` and ``lsoa_code``/``lsoa21cd``/
``lsoa11cd``). A respondent whose postcode is blank, malformed or not in the lookup is
counted as "area not known", never dropped; :func:`place_respondents` says how many of
each there were, as one warning with counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from evidence.consultation._tables import read_table
from evidence.problems import Problems

__all__ = ["NOT_KNOWN", "normalise_postcode", "place_respondents", "read_postcodes"]

NOT_KNOWN = "area not known"
_SHAPE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
_POSTCODE_COLUMNS = ("postcode", "pcds", "pcd", "pcd7", "pcd8")
_LSOA_COLUMNS = ("lsoa_code", "lsoa21cd", "lsoa11cd", "lsoa")


def normalise_postcode(text: object) -> str | None:
    """``" de1 2ab"`` -> ``"DE1 2AB"``; ``None`` for a blank or malformed postcode.

    >>> normalise_postcode("de12ab"), normalise_postcode("DE1"), normalise_postcode(None)
    ('DE1 2AB', None, None)
    """
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    compact = re.sub(r"\s+", "", str(text)).upper()
    if not _SHAPE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def read_postcodes(path: Path, lsoas: set[str] | None, problems: Problems) -> dict[str, str] | None:
    """Postcode -> LSOA code from the lookup; LSOA codes not in the project are a warning."""
    table = read_table(path, "postcode lookup", [], problems)
    if table is None:
        return None
    pc = next((c for c in table.columns if c.lower() in _POSTCODE_COLUMNS), None)
    ls = next((c for c in table.columns if c.lower() in _LSOA_COLUMNS), None)
    for found, names, role in ((pc, _POSTCODE_COLUMNS, "postcode"), (ls, _LSOA_COLUMNS, "LSOA code")):
        if found is None:
            problems.error(f"The postcode lookup has no {role} column.",
                           f"Name it one of: {', '.join(names)}.", file=path, place="row 1", column=names[0])
    if pc is None or ls is None:
        return None
    keys = table[pc].map(normalise_postcode)
    out = dict(zip(keys[keys.notna()], table.loc[keys.notna(), ls].astype(str)))
    if lsoas is not None:
        outside = sorted(set(out.values()) - lsoas)
        if outside:
            problems.warn(f"{len(outside)} LSOA codes in the postcode lookup are not areas of the project, e.g. "
                          f"'{outside[0]}'; their respondents are counted as '{NOT_KNOWN}'.",
                          "Use the postcode lookup of the project's area (and the same LSOA vintage as the lookup).",
                          file=path, column=ls)
    return out


def place_respondents(respondents: pd.DataFrame, lookup: dict[str, str] | None, lsoas: set[str] | None,
                      problems: Problems, *, file: Path | None = None, column: str = "postcode",
                      files: dict[str, tuple[Path, str]] | None = None) -> pd.DataFrame:
    """A copy of ``respondents`` with ``postcode`` tidied and an ``lsoa`` column (``None`` if not known).

    A respondent who gave an area code of the project (the ``area`` role) instead of a
    postcode is placed there. Malformed and unknown postcodes are one warning each, with
    the count and the first row.
    """
    out = respondents.copy()
    tidy = out["postcode"].map(normalise_postcode)
    malformed = out["postcode"].notna() & tidy.isna()
    lsoa = tidy.map(lookup or {})
    unknown = tidy.notna() & lsoa.isna() & (lookup is not None)
    if lsoas is not None:
        lsoa = lsoa.where(lsoa.isin(lsoas))
    area = out["area"].astype(object).where(out["area"].isin(lsoas or set()))
    lsoa = lsoa.astype(object)
    placed = lsoa.where(lsoa.notna(), area)
    out["postcode"] = tidy
    out["lsoa"] = placed.where(placed.notna(), None)
    for mask, what in ((malformed, "are not postcodes (wrong shape)"), (unknown, "are not in the postcode lookup")):
        for source, rows in out[mask.to_numpy()].groupby("source", sort=False):
            path, col = (files or {}).get(source, (file, column))
            n_source = int((out["source"] == source).sum())
            problems.warn(f"{len(rows)} of {n_source} postcodes {what}, e.g. row {rows['row'].iloc[0]}; those "
                          f"respondents are counted as '{NOT_KNOWN}'.",
                          "Correct them in the export if you can (a full postcode such as DE1 2AB); the rest are "
                          "reported as area not known.", file=path, place=f"row {rows['row'].iloc[0]}", column=col)
    return out
