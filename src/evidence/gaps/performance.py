"""Performance gaps: how far each area is from its benchmark, and in which direction.

For every area x indicator (the latest period by default) the gap to the benchmark is

* ``gap = value - comparator_value`` (on the indicator's scale), and
* ``gap_pct = 100 * gap / comparator_value`` (relative, in %),

and, so that nobody has to remember each indicator's polarity, the same gap *in the bad
direction*: ``bad_gap = sign * gap`` with ``sign = +1`` for ``lower_is_better`` and
``-1`` for ``higher_is_better`` (missing for ``no_judgement``). A positive ``bad_gap``
always means "worse than the benchmark"; whether that difference is statistically
significant is the ``judgement`` (Fingertips' method, from the evidence base).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.gaps._frames import latest, require, text, with_unit
from evidence.polarity import polarity_signs

__all__ = ["focus_worse_than_england", "performance_gaps", "worse_and_worsening"]

_KEEP = ["indicator_id", "area_code", "area_type", "period", "year", "value", "numerator", "denominator"]


def performance_gaps(values: pd.DataFrame, indicators: pd.DataFrame, *,
                     comparisons: pd.DataFrame | None = None, comparator: str | None = None,
                     areas: pd.DataFrame | None = None, period: str | None = None) -> pd.DataFrame:
    """The gap of every area to its benchmark, with its judgement and recent trend.

    Parameters
    ----------
    values
        The published values (``PublishedEvidence.values``: disclosure control applied).
    indicators
        The catalogue (``EvidenceBase.indicators``): ``id, name, theme, polarity, unit``.
    comparisons, comparator
        To measure the gap to a comparator other than each area's main one, give the
        comparisons table and the comparator token (``"england"``, ``"district"`` or a
        code as in ``benchmarks.comparators``). Areas without that comparison are left out.
    areas
        Optional areas table, to add ``area_name`` and ``comparator_name``.
    period
        A period label to use instead of each indicator's latest period.

    Returns
    -------
    pandas.DataFrame
        One row per indicator x area (comparators themselves, i.e. rows without a
        benchmark value, are dropped): ``indicator_id, indicator_name, theme, unit,
        polarity, area_code, area_type, period, year, value, numerator, denominator,
        comparator_code, comparator_value, gap, gap_pct, bad_gap, bad_gap_pct,
        judgement, trend`` (plus names when ``areas`` is given). ``gap_pct`` is missing
        when the benchmark is zero.

    Examples
    --------
    For a lower-is-better indicator at 12 against a benchmark of 10, ``gap = 2``,
    ``gap_pct = 20`` and ``bad_gap_pct = 20`` (worse); at 8 it would be ``-20`` (better).
    """
    require(values, _KEEP + ["comparator_code", "comparator_value", "judgement", "trend"], "values")
    require(indicators, ["id", "name", "theme", "polarity", "unit"], "indicators")
    rows = latest(values, period)
    frame = rows[_KEEP].copy()
    frame["indicator_id"] = text(frame["indicator_id"])
    frame["area_code"] = text(frame["area_code"])
    frame["period"] = text(frame["period"])
    frame["trend"] = text(rows["trend"]).to_numpy()
    if comparator is None:
        frame["comparator_code"] = text(rows["comparator_code"]).to_numpy()
        frame["comparator_value"] = pd.to_numeric(rows["comparator_value"]).to_numpy(dtype=float)
        frame["judgement"] = text(rows["judgement"]).to_numpy()
    else:
        if comparisons is None:
            raise DataError(f"comparator='{comparator}' needs the comparisons table "
                            "(PublishedEvidence.comparisons).")
        require(comparisons, ["indicator_id", "area_code", "period", "comparator", "comparator_code",
                              "comparator_value", "judgement"], "comparisons")
        tokens = text(comparisons["comparator"])
        if comparator not in set(tokens):
            raise DataError(f"No comparisons with comparator '{comparator}'. Comparators present: "
                            f"{', '.join(sorted(set(tokens)))}.")
        comp = comparisons[tokens == comparator]
        comp = pd.DataFrame({
            "indicator_id": text(comp["indicator_id"]), "area_code": text(comp["area_code"]),
            "period": text(comp["period"]), "comparator_code": text(comp["comparator_code"]),
            "comparator_value": pd.to_numeric(comp["comparator_value"]).to_numpy(dtype=float),
            "judgement": text(comp["judgement"]),
        })
        frame = frame.merge(comp, on=["indicator_id", "area_code", "period"], how="inner")
    frame = frame[frame["comparator_value"].notna() & (frame["comparator_code"] != "")]

    cat = pd.DataFrame({"indicator_id": text(indicators["id"]), "indicator_name": text(indicators["name"]),
                        "theme": text(indicators["theme"]), "unit": text(indicators["unit"]),
                        "polarity": text(indicators["polarity"])})
    frame = frame.merge(cat, on="indicator_id", how="left")
    unknown = sorted(set(frame.loc[frame["polarity"].isna(), "indicator_id"]))
    if unknown:
        raise DataError(f"Indicator(s) {', '.join(unknown)} have values but are not in the catalogue.")

    value = frame["value"].to_numpy(dtype=float)
    bench = frame["comparator_value"].to_numpy(dtype=float)
    sign = -polarity_signs(frame["polarity"])  # +1 where a higher value is worse
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = value - bench
        pct = np.where(bench != 0, 100.0 * gap / np.abs(bench), np.nan)
    frame["gap"] = gap
    frame["gap_pct"] = pct
    frame["bad_gap"] = sign * gap
    frame["bad_gap_pct"] = sign * pct
    columns = ["indicator_id", "indicator_name", "theme", "unit", "polarity", "area_code", "area_type",
               "period", "year", "value", "numerator", "denominator", "comparator_code", "comparator_value",
               "gap", "gap_pct", "bad_gap", "bad_gap_pct", "judgement", "trend"]
    frame = frame[columns]
    if areas is not None:
        names = dict(zip(text(areas["area_code"]), text(areas["area_name"])))
        frame.insert(6, "area_name", frame["area_code"].map(names))
        frame.insert(frame.columns.get_loc("comparator_code") + 1, "comparator_name",
                     frame["comparator_code"].map(names))
    return frame.sort_values(["indicator_id", "area_code"], kind="stable").reset_index(drop=True)


def worse_and_worsening(gaps: pd.DataFrame) -> pd.DataFrame:
    """The rows that are significantly worse than the benchmark *and* getting worse.

    Parameters
    ----------
    gaps
        The result of :func:`performance_gaps` (any frame with ``judgement`` and ``trend``).

    Returns
    -------
    pandas.DataFrame
        The matching rows, largest gap in the bad direction first.
    """
    require(gaps, ["judgement", "trend"], "gaps")
    mask = (text(gaps["judgement"]) == "Worse") & text(gaps["trend"]).str.endswith("getting worse")
    rows = gaps[mask.to_numpy()]
    if "bad_gap_pct" in rows.columns:
        rows = rows.sort_values(["bad_gap_pct", "indicator_id", "area_code"], ascending=[False, True, True],
                                kind="stable", na_position="last")
    return rows.reset_index(drop=True)


def focus_worse_than_england(values: pd.DataFrame, comparisons: pd.DataFrame, indicators: pd.DataFrame,
                             focus_area: str, *, comparator: str = "england",
                             period: str | None = None) -> pd.DataFrame:
    """Indicators on which the focus area as a whole is significantly worse than England.

    Uses the comparisons table (comparator ``england`` at the 95% level) for the focus
    area in each indicator's latest period.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`performance_gaps` for the focus area that are *Worse*,
        largest relative gap first, with a ``text`` column ("Violent crime: 21.7 per
        1,000 against 17.9 for England, 21.3% worse").
    """
    focus = values[text(values["area_code"]) == focus_area]
    if focus.empty:
        raise DataError(f"The values table has no rows for the focus area '{focus_area}'.")
    gaps = performance_gaps(focus, indicators, comparisons=comparisons, comparator=comparator, period=period)
    rows = gaps[gaps["judgement"] == "Worse"].sort_values(["bad_gap_pct", "indicator_id"],
                                                          ascending=[False, True], kind="stable")
    words = [f"{r.indicator_name}: {with_unit(r.value, r.unit)} against {with_unit(r.comparator_value, r.unit)} for "
             f"{comparator.capitalize() if comparator == 'england' else r.comparator_code}, "
             f"{abs(r.bad_gap_pct):,.1f}% worse" for r in rows.itertuples()]
    return rows.assign(text=words).reset_index(drop=True)
