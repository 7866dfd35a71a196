"""The breakdowns table: Fingertips rows by sex, age, deprivation, ethnicity..., compared as Fingertips does.

A Fingertips download holds, besides the whole-population rows that become the values,
rows for one sex, another age band, or a category of an inequality breakdown
(``Category Type``: "County & UA deprivation deciles in England (IMD2019, 4/21 geog.)",
"Ethnic groups"...). The reader hands them back (:func:`evidence.io.fingertips.read_fingertips`);
here they are typed (:func:`read_breakdowns`, by ``validate``), compared (by the build,
:func:`compare_breakdowns`) and published (:func:`published_breakdowns`, by disclosure control).

Each category is compared with the area's whole-population value (``vs_persons``) and
with England (``vs_england``: England's value for the same category where the download
has it, otherwise England's whole-population value), the way Fingertips compares: the
benchmark value against the category's 95% interval (:func:`evidence.compare.compare`),
then Better/Worse by the indicator's polarity. A row without limits gets them from its
count and denominator (Wilson for proportions, Byar for rates; :mod:`evidence.stats`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.io.tables import to_number
from evidence.problems import Problems

__all__ = ["BREAKDOWN_COLUMNS", "compare_breakdowns", "empty_breakdowns", "published_breakdowns", "read_breakdowns"]

#: The columns of ``breakdowns.parquet`` (before comparison).
BREAKDOWN_COLUMNS = ["indicator_id", "area_code", "area_type", "period", "year", "sex", "age", "category_type",
                     "category", "value", "lower", "upper", "numerator", "denominator", "source_file"]
_NUMBERS = ("value", "lower", "upper", "numerator", "denominator")
_COMPARED = ["persons_value", "vs_persons", "england_value", "vs_england"]
_KEY = ["indicator_id", "area_code", "period"]


def empty_breakdowns() -> pd.DataFrame:
    """A breakdowns table with no rows (a project without breakdown rows)."""
    frame = pd.DataFrame({c: pd.Series(dtype=float if c in _NUMBERS or c.endswith("_value") else object)
                          for c in BREAKDOWN_COLUMNS + _COMPARED})
    return frame.astype({"year": "Int64"})


def read_breakdowns(raw: list[pd.DataFrame], catalogue: pd.DataFrame | None, areas: pd.DataFrame | None,
                    problems: Problems) -> pd.DataFrame:
    """Type the breakdown rows of the Fingertips downloads (from :func:`evidence.values.read_values`).

    Rows of indicators not in the catalogue and of areas not in the project are left out
    (a download covers other areas and indicators; the whole-population rows are where
    those are reported); a figure that is not a number is a warning with its rows, and is
    left blank.
    """
    from evidence.values import parse_period

    frames = [f for f in raw if len(f)]
    if not frames or catalogue is None or areas is None:
        return empty_breakdowns()
    table = pd.concat(frames)
    rows = table.index
    table = table.reset_index(drop=True)
    out = pd.DataFrame({c: table[c].astype(object) for c in ("indicator_id", "area_code", "period", "sex", "age",
                                                             "category_type", "category", "source_file")})
    out = out.apply(lambda c: c.where(c.notna(), None).map(lambda v: v if v is None else str(v).strip()))
    for column in _NUMBERS:
        numbers, bad = to_number(table[column])
        if bad.any():
            where = ", ".join(str(r) for r in rows[bad.to_numpy()][:5])
            problems.warn(f"{int(bad.sum())} breakdown rows have a {column} that is not a number (rows {where}); "
                          "those figures are left blank.", "Nothing to do, unless you need those breakdowns: then "
                          "correct the cells.", file=table.loc[bad, "source_file"].iloc[0], column=column)
        out[column] = numbers.to_numpy()
    types = dict(zip(areas["area_code"].astype(str), areas["area_type"].astype(str)))
    out["area_type"] = out["area_code"].map(types)
    out["year"] = parse_period(out["period"].astype("string")).to_numpy()
    keep = out["indicator_id"].isin(set(catalogue["id"].astype(str))) & out["area_type"].notna() & out["year"].notna()
    out = out[keep].drop_duplicates(["indicator_id", "area_code", "period", "category_type", "category", "sex", "age"])
    return out[BREAKDOWN_COLUMNS].sort_values(["indicator_id", "area_code", "category_type", "category", "year"],
                                              kind="stable", ignore_index=True)


def _fill_limits(frame: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Limits from the count and denominator where the download gives none (Wilson for proportions, Byar for
    rates), each indicator on its own scale (``multiplier``)."""
    from evidence import stats

    meta = indicators.assign(id=indicators["id"].astype(str)).drop_duplicates("id").set_index("id")
    need = (frame["lower"].isna() & frame["numerator"].notna() & (frame["denominator"] > 0)).to_numpy()
    out = frame.copy()
    methods = {"proportion": (stats.proportion, 100.0), "rate": (stats.rate, 1e5)}
    for ident in pd.unique(frame.loc[need, "indicator_id"]):
        if ident not in meta.index or str(meta.at[ident, "value_type"]) not in methods:
            continue
        method, default = methods[str(meta.at[ident, "value_type"])]
        rows = need & (frame["indicator_id"] == ident).to_numpy()
        if method is stats.proportion:
            rows &= (frame["numerator"] <= frame["denominator"]).to_numpy()
        if rows.any():
            multiplier = pd.to_numeric(pd.Series([meta.at[ident, "multiplier"]]), errors="coerce").fillna(default)
            limits = method(frame.loc[rows, "numerator"], frame.loc[rows, "denominator"], float(multiplier.iloc[0]))
            out.loc[rows, "lower"] = limits["lower"].to_numpy()
            out.loc[rows, "upper"] = limits["upper"].to_numpy()
    return out


def compare_breakdowns(breakdowns: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame, *,
                       england_code: str = "E92000001") -> pd.DataFrame:
    """``breakdowns`` with ``persons_value, vs_persons, england_value, vs_england`` (a new frame).

    ``values`` are the evidence base's values (the whole-population rows); the judgement
    words are those of :func:`evidence.compare.judge` (Better, Similar, Worse; Higher and
    Lower for an indicator without polarity; Not compared without a benchmark or limits).

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"indicator_id": ["x"], "area_code": ["A"], "period": ["2020"], "sex": ["Male"],
    ...                   "age": [""], "category_type": ["Sex"], "category": ["Male"], "value": [20.0],
    ...                   "lower": [18.0], "upper": [22.0], "numerator": [None], "denominator": [None]})
    >>> v = pd.DataFrame({"indicator_id": ["x", "x"], "area_code": ["A", "E92000001"], "period": ["2020"] * 2,
    ...                   "value": [15.0, 21.0]})
    >>> cat = pd.DataFrame({"id": ["x"], "polarity": ["lower_is_better"], "value_type": ["proportion"],
    ...                     "multiplier": [100]})
    >>> compare_breakdowns(b, v, cat)[["vs_persons", "vs_england"]].values.tolist()
    [['Worse', 'Similar']]
    """
    from evidence.compare import compare, judge

    if breakdowns.empty:
        return empty_breakdowns() if not len(breakdowns.columns) else breakdowns.assign(
            **{c: pd.Series(dtype=float if c.endswith("_value") else object) for c in _COMPARED})
    frame = _fill_limits(breakdowns, indicators)
    whole = values[_KEY + ["value"]].copy()
    whole[_KEY] = whole[_KEY].astype(str)
    whole = whole.drop_duplicates(_KEY).set_index(_KEY)["value"]
    key = pd.MultiIndex.from_frame(frame[_KEY].astype(str))
    persons = whole.reindex(key).to_numpy(dtype=float)
    same = ["indicator_id", "period", "category_type", "category", "sex", "age"]
    england_rows = frame[frame["area_code"].astype(str) == england_code].drop_duplicates(same).set_index(same)["value"]
    england = england_rows.reindex(pd.MultiIndex.from_frame(frame[same])).to_numpy(dtype=float)
    england_whole = whole.reindex(pd.MultiIndex.from_arrays(
        [frame["indicator_id"].astype(str), pd.Series(england_code, index=frame.index), frame["period"].astype(str)]))
    england = np.where(np.isnan(england), england_whole.to_numpy(dtype=float), england)
    polarity = frame["indicator_id"].astype(str).map(
        dict(zip(indicators["id"].astype(str), indicators["polarity"].astype(str)))).fillna("no_judgement")
    out = frame.copy()
    out["persons_value"] = persons
    vs_persons = judge(compare(frame["lower"], frame["upper"], persons), polarity.to_numpy())
    out["vs_persons"] = vs_persons.astype(str).to_numpy()
    is_england = frame["area_code"].astype(str).eq(england_code).to_numpy()
    out["england_value"] = np.where(is_england, np.nan, england)
    vs = judge(compare(frame["lower"], frame["upper"], england), polarity.to_numpy()).astype(str).to_numpy()
    out["vs_england"] = np.where(is_england, "Not compared", vs)
    return out


def published_breakdowns(breakdowns: pd.DataFrame, published_values: pd.DataFrame, *,
                         min_count: int = 5, england_code: str = "E92000001") -> pd.DataFrame:
    """The breakdowns as anyone may see them: small counts hidden, and what would give them away.

    A count below ``min_count`` is hidden with its value and limits (as in the values).
    When exactly one category of a breakdown (indicator, area, period, category type) is
    hidden, the next smallest count of it is hidden too: the categories add up to the
    whole, so one hidden category could be worked out by subtraction. A hidden row, and a
    row whose benchmark (the area's whole-population value, or England's row for the same
    category) is hidden, has no judgement (``Not compared``) and no benchmark value. The
    input is not modified.
    """
    from evidence.disclosure import BLANKED_COLUMNS

    frame = breakdowns.copy()
    if frame.empty:
        return frame.assign(suppressed=pd.Series(dtype=bool))
    counts = pd.to_numeric(frame["numerator"], errors="coerce")
    hidden = np.array(counts < min_count, dtype=bool)
    group = frame.groupby(["indicator_id", "area_code", "period", "category_type"], sort=False).ngroup().to_numpy()
    n_hidden = np.bincount(group, weights=hidden.astype(float), minlength=group.max() + 1)
    for g in np.flatnonzero(n_hidden == 1):
        rows = np.flatnonzero((group == g) & ~hidden & counts.notna().to_numpy())
        if len(rows):
            hidden[rows[np.argmin(counts.to_numpy()[rows])]] = True
    for column in BLANKED_COLUMNS:
        if column in frame.columns:
            frame.loc[hidden, column] = np.nan
    if "suppressed" in published_values.columns and len(published_values):
        shown = published_values[~published_values["suppressed"].astype(bool)]
    else:
        shown = published_values
    published = set(zip(shown["indicator_id"].astype(str), shown["area_code"].astype(str),
                        shown["period"].astype(str)))
    keys = list(zip(frame["indicator_id"].astype(str), frame["area_code"].astype(str), frame["period"].astype(str)))
    persons_hidden = np.array([k not in published for k in keys], dtype=bool)
    frame.loc[hidden | persons_hidden, "persons_value"] = np.nan
    frame.loc[hidden | persons_hidden, "vs_persons"] = "Not compared"
    same = [c for c in ("indicator_id", "period", "category_type", "category", "sex", "age") if c in frame.columns]
    england = frame["area_code"].astype(str).eq(england_code).to_numpy()
    secret = set(map(tuple, frame.loc[hidden & england, same].astype(str).to_numpy()))
    england_hidden = np.array([tuple(k) in secret for k in frame[same].astype(str).to_numpy()], dtype=bool)
    frame.loc[hidden | england_hidden, "vs_england"] = "Not compared"
    frame.loc[hidden | england_hidden, "england_value"] = np.nan
    frame["suppressed"] = hidden
    return frame
