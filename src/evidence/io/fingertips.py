"""Reader for a Fingertips "download data" CSV, as it comes from the website or API.

Fingertips exports have one row per indicator x area x sex x age x category x period,
with mixed area types (England, regions, districts...), blank values where data are
suppressed, and indicator names that may run over several lines inside quotes. This
reader keeps the whole-population rows (``Sex`` = Persons, where an indicator has them;
the most common ``Age`` band of each indicator; no inequality ``Category``) and maps the
columns onto the tidy value schema. The breakdown rows (an inequality ``Category Type``:
deprivation decile, ethnicity...; ``Male``/``Female``; another age band) are handed back
separately when asked for, for the evidence base's breakdowns table
(:mod:`evidence.breakdowns`); what is neither is counted, not lost silently.
A row with a field more or less than the header (edited by hand, or cut short) is
reported with its line: its area code and values would otherwise land in the wrong columns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidence.io.tables import read_text_table
from evidence.problems import Problems

__all__ = ["FINGERTIPS_COLUMNS", "read_fingertips"]

FINGERTIPS_COLUMNS = {
    "Indicator ID": "indicator_id",
    "Area Code": "area_code",
    "Time period": "period",
    "Value": "value",
    "Lower CI 95.0 limit": "lower",
    "Upper CI 95.0 limit": "upper",
    "Count": "numerator",
    "Denominator": "denominator",
}
REQUIRED = ("Indicator ID", "Area Code", "Time period", "Value")


def read_fingertips(path: Path, problems: Problems, breakdowns: list | None = None) -> pd.DataFrame | None:
    """Read a Fingertips download into tidy text columns (index = file row number).

    Returns columns ``indicator_id, area_code, period, value, lower, upper, numerator,
    denominator, indicator_name, area_type, area_name``; values are still text, to be checked by
    :mod:`evidence.values`. When ``breakdowns`` is a list, the breakdown rows are appended
    to it as one frame of the same columns plus ``sex, age, category_type, category``
    (``category_type`` ``Sex`` and ``Age`` for the rows of one sex or another age band).
    """
    table = read_text_table(path, problems, exact_fields=True)  # a shifted row moves 'Area Code'
    if table is None:
        return None
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        problems.error(f"This does not look like a Fingertips download: no column(s) {', '.join(missing)}.",
                       "Use the CSV from a Fingertips profile's 'Download' tab as it comes, "
                       "or set 'format: tidy' for a tidy file.", file=path)
        return None
    keep = pd.Series(True, index=table.index)
    notes = []
    category = pd.Series(False, index=table.index)
    if "Category Type" in table.columns:
        category = table["Category Type"].notna()
        keep &= ~category
        if category.any():
            notes.append(f"{int(category.sum())} rows of inequality breakdowns (Category Type)")
    other = pd.Series(False, index=table.index)
    if "Sex" in table.columns:
        sex = table["Sex"].fillna("")
        has_persons = sex.eq("Persons").groupby(table["Indicator ID"]).transform("any")
        other = has_persons & sex.ne("Persons")
        keep &= ~other
        if other.any():
            notes.append(f"{int(other.sum())} rows for one sex only (Male/Female)")
    other_age = pd.Series(False, index=table.index)
    if "Age" in table.columns:
        age = table["Age"].fillna("")
        common = age[keep].groupby(table.loc[keep, "Indicator ID"]).agg(
            lambda s: s.value_counts().index[0])
        other_age = ~category & age.ne(table["Indicator ID"].map(common).fillna(""))
        keep &= ~other_age
        if (other_age & ~other).any():
            notes.append(f"{int((other_age & ~other).sum())} rows for other age bands")
    if notes:
        kept = breakdowns is not None
        problems.warn(f"{'Kept apart' if kept else 'Left out'} {'; '.join(notes)}"
                      f"{' (one sex of another age band left out)' if kept and (other & other_age).any() else ''}.",
                      "Nothing to do: the whole-population figures are the values"
                      + ("; the breakdowns are in the evidence base's breakdowns table." if kept else
                         "; to use other rows, make a tidy file with the rows you want."), file=path)
    if breakdowns is not None:
        kinds = pd.Series(None, index=table.index, dtype=object)
        kinds[other & ~other_age] = "Sex"
        kinds[other_age & ~other] = "Age"
        labels = pd.Series(None, index=table.index, dtype=object)
        labels[kinds == "Sex"] = table.loc[kinds == "Sex", "Sex"] if "Sex" in table.columns else None
        labels[kinds == "Age"] = table.loc[kinds == "Age", "Age"] if "Age" in table.columns else None
        if category.any():
            kinds[category] = table.loc[category, "Category Type"]
            labels[category] = table.loc[category, "Category"] if "Category" in table.columns else None
        parts = table[kinds.notna()]
        found = _tidy(parts)
        for column, source in (("sex", "Sex"), ("age", "Age")):
            found[column] = parts[source] if source in parts.columns else None
        found["category_type"], found["category"] = kinds[kinds.notna()], labels[kinds.notna()]
        breakdowns.append(found)
    return _tidy(table[keep])


def _tidy(rows: pd.DataFrame) -> pd.DataFrame:
    """The tidy text columns of Fingertips ``rows`` (same index)."""
    result = pd.DataFrame({tidy: rows[col] if col in rows.columns else None
                           for col, tidy in FINGERTIPS_COLUMNS.items()}, index=rows.index)
    names = rows.get("Indicator Name")
    result["indicator_name"] = names.str.replace(r"\s+", " ", regex=True) if names is not None else None
    result["area_type"] = rows.get("Area Type")
    result["area_name"] = rows.get("Area Name")
    return result
