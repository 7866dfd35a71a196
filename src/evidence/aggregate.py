"""Aggregation: values for larger or custom areas computed from their member areas.

Counts add up, so an area's proportion or rate is recomputed from the summed numerators
and denominators of its members (and its interval recomputed from them later, in
:mod:`evidence.enrich`). Scores and means are averaged with population weights. A value
that has neither counts nor weights cannot be aggregated honestly, and is refused.

An area is aggregated for a period only when every one of its members has the inputs
for that period: a partial sum would understate the area without saying so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.errors import DataError

__all__ = ["ADDITIVE_TYPES", "WEIGHTED_TYPES", "aggregate", "membership", "not_aggregated"]

ADDITIVE_TYPES = ("proportion", "rate", "count")
WEIGHTED_TYPES = ("mean", "score")
VALUE_COLUMNS = ["indicator_id", "area_code", "area_type", "period", "year", "value",
                 "numerator", "denominator", "lower", "upper", "source_file", "aggregated"]


def membership(areas: pd.DataFrame, types: list[str], custom_members: dict[str, tuple[str, ...]] | None = None
               ) -> pd.DataFrame:
    """Which areas make up which: columns ``member_code, area_code, area_type``.

    Each geographic area is made of the areas of the next smaller type (wards of LSOAs,
    districts of wards), so that aggregating level by level, smallest first, uses the
    finest data available. Custom areas are made of their listed members.
    """
    frames = []
    for child, parent in zip(types[:-1], types[1:]):
        rows = areas[areas["area_type"] == child]
        frames.append(pd.DataFrame({"member_code": rows["area_code"].to_numpy(),
                                    "area_code": rows[f"{parent}_code"].to_numpy(), "area_type": parent}))
    kinds = areas.set_index("area_code")["area_type"]
    for code, members in (custom_members or {}).items():
        frames.append(pd.DataFrame({"member_code": list(members), "area_code": code, "area_type": kinds[code]}))
    result = pd.concat(frames, ignore_index=True).dropna()
    return result.astype("string")


def aggregate(values: pd.DataFrame, members: pd.DataFrame, indicators: pd.DataFrame, *,
              weights: pd.Series | None = None, indicator_ids=None) -> pd.DataFrame:
    """Aggregate member values to their areas, for every indicator and period.

    Parameters
    ----------
    values
        Tidy values with ``indicator_id, area_code, period, year, value, numerator,
        denominator``.
    members
        ``member_code, area_code, area_type`` as from :func:`membership`.
    indicators
        The catalogue (``id, value_type, multiplier``).
    weights
        Population per area code, used for scores and means that carry no denominator.
    indicator_ids
        Indicators to aggregate (default: all that have member values). Naming one that
        cannot be aggregated raises :class:`~evidence.errors.DataError`.

    Returns
    -------
    DataFrame
        New rows in the value schema with ``aggregated=True`` and no limits (they are
        computed afterwards from the counts). Only complete areas are returned.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"indicator_id": ["a", "a"], "area_code": ["L1", "L2"],
    ...                   "period": ["2020", "2020"], "year": [2020, 2020], "value": [10.0, 30.0],
    ...                   "numerator": [1.0, 3.0], "denominator": [10.0, 10.0]})
    >>> m = pd.DataFrame({"member_code": ["L1", "L2"], "area_code": ["W1", "W1"], "area_type": ["ward"] * 2})
    >>> cat = pd.DataFrame({"id": ["a"], "value_type": ["proportion"], "multiplier": [100.0]})
    >>> aggregate(v, m, cat)[["area_code", "value", "numerator", "denominator"]]
      area_code  value  numerator  denominator
    0        W1   20.0        4.0         20.0
    """
    kinds = indicators.set_index("id")
    values = values.astype({c: float for c in ("value", "numerator", "denominator")})
    joined = values.merge(members, left_on="area_code", right_on="member_code", suffixes=("_m", ""))
    if indicator_ids is not None:
        joined = joined[joined["indicator_id"].isin(list(indicator_ids))]
    if joined.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    vtype = joined["indicator_id"].map(kinds["value_type"])
    is_count = vtype.eq("count")
    # A count is its own numerator; its denominator (if any) is only carried along.
    joined["numerator"] = joined["numerator"].where(~is_count | joined["numerator"].notna(), joined["value"])
    weight = joined["denominator"]
    if weights is not None:
        weight = weight.fillna(joined["member_code"].map(weights))
    additive = vtype.isin(ADDITIVE_TYPES)
    weighted = vtype.isin(WEIGHTED_TYPES)
    usable = (additive & joined["numerator"].notna() & (joined["denominator"].notna() | is_count)) | (
        weighted & joined["value"].notna() & weight.notna())
    _refuse(joined, usable, vtype, indicator_ids)
    joined = joined.assign(_w=weight, _wv=weight * joined["value"], _ok=usable.astype(int))
    key = ["indicator_id", "area_code", "area_type", "period"]
    sums = joined.groupby(key, observed=True, sort=False).agg(
        year=("year", "first"), numerator=("numerator", "sum"), denominator=("denominator", "sum"),
        _dn=("denominator", "count"),
        _w=("_w", "sum"), _wv=("_wv", "sum"), _ok=("_ok", "sum"), _n=("member_code", "nunique"),
    ).reset_index()
    expected = members.groupby("area_code")["member_code"].nunique()
    sums = sums[(sums["_ok"] == sums["area_code"].map(expected)) & (sums["_n"] == sums["_ok"])]
    sums["denominator"] = sums["denominator"].where(sums["_dn"] == sums["_n"])
    vtype = sums["indicator_id"].map(kinds["value_type"])
    multiplier = sums["indicator_id"].map(kinds["multiplier"]).astype(float)
    additive = vtype.isin(ADDITIVE_TYPES).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = sums["numerator"] / sums["denominator"] * multiplier
        value = np.where(vtype.eq("count"), sums["numerator"], np.where(additive, rate, sums["_wv"] / sums["_w"]))
    result = sums.assign(
        value=value,
        numerator=sums["numerator"].where(additive),
        denominator=sums["denominator"].where(additive),
        lower=np.nan, upper=np.nan, source_file=pd.NA, aggregated=True,
    )
    return result[VALUE_COLUMNS].reset_index(drop=True)


def not_aggregated(values: pd.DataFrame, members: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The areas :func:`aggregate` leaves out although some of their members have values, and why.

    Columns ``indicator_id, area_code, area_type, period, blank, absent``: ``blank`` lists
    the members whose row lacks what aggregation needs (IoD 2019 blanks suppressed IDACI
    numerators, for instance), ``absent`` the members with no row for that period
    (often because they could not be aggregated themselves). Indicators of a kind that
    cannot be aggregated at all (a decile, say) are not listed: there is nothing to miss.

    >>> import pandas as pd
    >>> v = pd.DataFrame({"indicator_id": ["a", "a"], "area_code": ["L1", "L2"], "period": ["2020"] * 2,
    ...                   "year": [2020] * 2, "value": [0.1, 0.3], "numerator": [1.0, None],
    ...                   "denominator": [10.0, 10.0]})
    >>> m = pd.DataFrame({"member_code": ["L1", "L2", "L3"], "area_code": ["W1"] * 3, "area_type": ["ward"] * 3})
    >>> cat = pd.DataFrame({"id": ["a"], "value_type": ["proportion"], "multiplier": [1.0]})
    >>> not_aggregated(v, m, cat)[["area_code", "blank", "absent"]].to_dict("records")
    [{'area_code': 'W1', 'blank': ['L2'], 'absent': ['L3']}]
    """
    columns = ["indicator_id", "area_code", "area_type", "period", "blank", "absent"]
    kinds = indicators.set_index("id")["value_type"]
    joined = values.merge(members, left_on="area_code", right_on="member_code", suffixes=("_m", ""))
    vtype = joined["indicator_id"].map(kinds)
    joined = joined[vtype.isin(ADDITIVE_TYPES + WEIGHTED_TYPES).to_numpy()]
    if joined.empty:
        return pd.DataFrame(columns=columns)
    vtype = joined["indicator_id"].map(kinds)
    is_count = vtype.eq("count")
    numerator = joined["numerator"].astype(float).where(~is_count | joined["numerator"].notna(),
                                                        joined["value"].astype(float))
    usable = (vtype.isin(ADDITIVE_TYPES) & numerator.notna() & (joined["denominator"].notna() | is_count)) | (
        vtype.isin(WEIGHTED_TYPES) & joined["value"].notna() & joined["denominator"].notna())
    # Scores without denominators are weighted by population, which this check cannot see:
    # only indicators whose members carry counts somewhere are judged here.
    has_counts = usable.groupby(joined["indicator_id"]).transform("any")
    joined = joined.assign(_ok=usable)[has_counts.to_numpy()]
    expected = members.groupby("area_code")["member_code"].agg(lambda s: sorted(set(s)))
    rows = []
    for key, group in joined.groupby(["indicator_id", "area_code", "area_type", "period"], observed=True):
        blank = sorted(set(group.loc[~group["_ok"], "member_code"]))
        absent = sorted(set(expected.get(key[1], [])) - set(group["member_code"]))
        if blank or absent:
            rows.append((*key, blank, absent))
    return pd.DataFrame(rows, columns=columns)


def _refuse(joined: pd.DataFrame, usable: pd.Series, vtype: pd.Series, indicator_ids) -> None:
    """Raise for indicators explicitly asked for that cannot be aggregated at all."""
    if indicator_ids is None:
        return
    hopeless = joined.assign(_ok=usable, _t=vtype).groupby("indicator_id")["_ok"].any()
    for ident in hopeless.index[~hopeless]:
        kind = vtype[joined["indicator_id"] == ident].iloc[0]
        raise DataError(
            f"Indicator '{ident}' ({kind}) cannot be aggregated: its member values have no numerator "
            "and denominator" + (" and no population weights." if kind in WEIGHTED_TYPES else ".")
            + " Add counts (or, for scores and means, populations as denominators or weights), "
              "or supply the larger areas' values in the data."
        )
