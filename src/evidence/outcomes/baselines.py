"""Baselines: each measure's latest value from the evidence base, with its interval and comparator.

A measure's baseline is the latest period of its indicator for its area (the focus area
unless the measure names one), up to its ``baseline_year`` when it has one. The comparator value is the value of the measure's
comparator (``england``, an area-type name meaning the area's own ancestor of that
type, or an area code) for the same period; with no comparator set, the evidence base's
main comparator for that row is used.

Baselines are read from the published evidence (disclosure control applied). When the
baseline period's figure is hidden (a small count), the baseline is that period with no
value: ``suppressed`` is true and ``note`` says why ("baseline suppressed: fewer than 5
events in 2019/20"). It does not fall back to an older period, and the yearly targets of
such a measure are blank with the same reason (:mod:`.yearly_targets`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from evidence.outcomes.framework import Framework, Measure
from evidence.published import as_published

__all__ = ["BASELINE_COLUMNS", "comparator_code", "measure_baselines", "measure_history", "period_label"]

BASELINE_COLUMNS = (
    "measure_id", "outcome_id", "action", "theme", "indicator_id", "indicator_name", "unit", "polarity",
    "area_code", "area_name", "period", "year", "value", "lower", "upper", "comparator_code",
    "comparator_name", "comparator_value", "suppressed", "note",
)


def comparator_code(measure: Measure, area_code: str, evidence: Any) -> str | None:
    """The area code of ``measure``'s comparator for ``area_code`` (``None``: the main comparator)."""
    token = measure.comparator
    if token is None:
        return None
    if token.lower() == "england":
        return str(evidence.config.england_code)
    column = f"{token.lower()}_code"
    if token.lower() in evidence.config.area_types and column in evidence.areas.columns:
        row = evidence.areas[evidence.areas["area_code"] == area_code]
        if row.empty or pd.isna(row[column].iloc[0]):
            return None
        return str(row[column].iloc[0])
    return token


def measure_history(measure: Measure, evidence: Any) -> pd.DataFrame:
    """Every published value of the measure's indicator for its area, oldest first (a new frame)."""
    evidence = as_published(evidence)
    area = measure.area or evidence.config.focus_area
    values = evidence.values
    rows = values[(values["indicator_id"] == measure.indicator) & (values["area_code"] == area)]
    return rows.sort_values("year").reset_index(drop=True)


def _baseline_rows(measure: Measure, evidence: Any) -> pd.DataFrame:
    history = measure_history(measure, evidence)
    hidden = history["suppressed"].to_numpy(dtype=bool)
    history = history[history["value"].notna().to_numpy() | hidden]  # a hidden period is still the latest
    if measure.baseline_year is not None:
        history = history[history["year"] <= measure.baseline_year]
    return history


def period_label(year: int, like: object = None) -> str:
    """A period label for ``year`` in the style of ``like``: ``2025/26`` after ``2019/20``, else ``2025``.

    >>> period_label(2025, "2019/20"), period_label(2025, "2019")
    ('2025/26', '2025')
    """
    text = "" if like is None or (isinstance(like, float) and np.isnan(like)) else str(like)
    if len(text) == 7 and text[4] == "/" and text[:4].isdigit():
        return f"{year}/{(year + 1) % 100:02d}"
    return str(year)


def _row_at(evidence: Any, indicator: str, code: str | None, period: str) -> pd.Series | None:
    if code is None:
        return None
    values = evidence.values
    match = values[(values["indicator_id"] == indicator) & (values["area_code"] == code) & (values["period"] == period)]
    return match.iloc[0] if not match.empty else None


def measure_baselines(framework: Framework, evidence: Any) -> pd.DataFrame:
    """One row per measure: its latest value, interval and comparator value.

    Measures with no data for their area get a row with missing values (the SMART
    check reports them); a measure whose baseline figure is hidden by disclosure control
    gets its period, no value, ``suppressed`` true and the reason in ``note``.

    Parameters
    ----------
    framework
        The outcome framework.
    evidence
        The :class:`~evidence.PublishedEvidence` (an ``EvidenceBase`` is put through
        disclosure control first).

    Returns
    -------
    DataFrame
        Columns :data:`BASELINE_COLUMNS`, in framework order.
    """
    evidence = as_published(evidence)
    indicators = evidence.indicators.set_index(evidence.indicators["id"].astype(str))
    names = dict(zip(evidence.areas["area_code"].astype(str), evidence.areas["area_name"].astype(str)))
    theme_of = {o.id: o.theme for o in framework.outcomes}
    rows = []
    for measure in framework.measures():
        area = measure.area or str(evidence.config.focus_area)
        info = indicators.loc[measure.indicator] if measure.indicator in indicators.index else None
        row: dict[str, object] = {
            "measure_id": measure.id, "outcome_id": measure.outcome_id, "action": measure.action,
            "theme": theme_of.get(measure.outcome_id), "indicator_id": measure.indicator,
            "indicator_name": str(info["name"]) if info is not None else measure.indicator,
            "unit": str(info["unit"]) if info is not None else "",
            "polarity": str(info["polarity"]) if info is not None else "no_judgement",
            "area_code": area, "area_name": names.get(area, area), "period": None, "year": pd.NA,
            "value": np.nan, "lower": np.nan, "upper": np.nan,
            "comparator_code": None, "comparator_name": None, "comparator_value": np.nan,
            "suppressed": False, "note": "",
        }
        valued = _baseline_rows(measure, evidence)
        if not valued.empty:
            last = valued.iloc[-1]
            code = comparator_code(measure, area, evidence)
            if measure.comparator is None:
                code = None if pd.isna(last.get("comparator_code")) else str(last["comparator_code"])
            other = _row_at(evidence, measure.indicator, code, str(last["period"]))
            if measure.comparator is None:  # the evidence base's own comparison (blank if the comparator is hidden)
                comp = float(last["comparator_value"]) if pd.notna(last.get("comparator_value")) else np.nan
            else:
                comp = float(other["value"]) if other is not None and pd.notna(other["value"]) else np.nan
            if bool(last["suppressed"]):
                why = evidence.reason(secondary=bool(last.get("secondary_suppressed", False)))
                row.update(suppressed=True, note=f"baseline suppressed: {why} in {last['period']}")
            elif other is not None and bool(other["suppressed"]):  # a method that needs it says this
                why = evidence.reason(secondary=bool(other.get("secondary_suppressed", False)))
                row.update(note=f"comparator suppressed: {why} in {names.get(code, code)} in {last['period']}")
            row.update(period=str(last["period"]), year=int(last["year"]), value=float(last["value"]),
                       lower=float(last["lower"]) if pd.notna(last["lower"]) else np.nan,
                       upper=float(last["upper"]) if pd.notna(last["upper"]) else np.nan,
                       comparator_code=code, comparator_name=names.get(code, code) if code else None,
                       comparator_value=comp)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(BASELINE_COLUMNS))
    return frame.astype({"year": "Int64", "value": float, "lower": float, "upper": float, "comparator_value": float,
                         "suppressed": bool, "note": str})
