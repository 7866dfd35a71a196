"""Monitoring: each measure's actual value in a target year against its target.

When the evidence base has a period whose ``year`` is a target year, the measure gets a
status for that year (statuses from :mod:`evidence.targets`):

* with a confidence interval: ``Target met`` when the interval is wholly on the good
  side of a single target (or wholly inside a range), ``Target missed`` when wholly on
  the bad side (or outside), ``Too close to call`` when it straddles;
* without one: the value alone decides (``Target met`` or ``Target missed``).

Years with no data yet are kept (label ``No data yet``) so a chart can draw the whole
target path; the per-theme summary counts each measure by its latest assessed year.

Actual values are the published ones. A target year whose figure is hidden by disclosure
control has no value and no status (label ``Suppressed``): "Target met" on a hidden
figure would say on which side of the target it lies.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from evidence.outcomes.framework import Framework
from evidence.polarity import polarity_sign
from evidence.published import as_published
from evidence.targets import (AMBER, GREEN, INTERVAL_LABELS, LABELS, NOT_ASSESSED, POLARITIES, RED, range_interval,
                              range_status, target_interval, target_status)

__all__ = ["MONITORING_COLUMNS", "NO_DATA", "SUPPRESSED", "chart_data", "monitor", "theme_summary"]

NO_DATA = "No data yet"
SUPPRESSED = "Suppressed"  # the label of a target year whose figure disclosure control hides
MONITORING_COLUMNS = ("measure_id", "outcome_id", "theme", "year", "period", "value", "lower", "upper", "target",
                      "low", "high", "kind", "status", "label", "text")


def _fmt(x: float) -> str:
    return f"{x:,.1f}"


def _target_words(row: Any, polarity: str) -> str:
    if row.kind == "range":
        return f"a target range of {_fmt(row.low)} to {_fmt(row.high)}"
    side = "or higher" if polarity_sign(polarity) > 0 else "or lower"
    return f"a target of {_fmt(row.target)} {side}"


def monitor(framework: Framework, evidence: Any, baselines: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Status of every measure in every target year (see the module docstring).

    Returns
    -------
    DataFrame
        :data:`MONITORING_COLUMNS`: ``status`` is ``Green``/``Amber``/``Red``/``Not
        assessed``, ``label`` its words (or ``No data yet``, or ``Suppressed``), ``text``
        a sentence.
    """
    evidence = as_published(evidence)
    base = baselines.set_index("measure_id")
    values = evidence.values
    frame = targets.merge(base[["outcome_id", "theme", "indicator_id", "area_code", "polarity", "indicator_name",
                                "area_name"]], left_on="measure_id", right_index=True, how="left")
    actual = values[["indicator_id", "area_code", "year", "period", "value", "lower", "upper", "suppressed",
                     "secondary_suppressed"]].copy()
    actual = actual[actual["value"].notna() | actual["suppressed"]].astype(
        {"indicator_id": str, "area_code": str, "period": str})
    actual["year"] = actual["year"].astype("int64")
    actual = actual.drop_duplicates(["indicator_id", "area_code", "year"], keep="last")
    frame = frame.astype({"indicator_id": str, "area_code": str}).rename(columns={"period": "target_period"})
    frame = frame.merge(actual, on=["indicator_id", "area_code", "year"], how="left").reset_index(drop=True)

    status = pd.Series(NOT_ASSESSED, index=frame.index, dtype=object)
    has_ci = frame["lower"].notna() & frame["upper"].notna()
    is_range = frame["kind"] == "range"
    single = (frame["kind"] == "single") & frame["polarity"].isin(POLARITIES)
    for mask, func in ((is_range & has_ci, lambda f: range_interval(f["lower"], f["upper"], f["low"], f["high"])),
                       (is_range & ~has_ci, lambda f: range_status(f["value"], f["low"], f["high"])),
                       (single & has_ci, lambda f: target_interval(f["lower"], f["upper"], f["target"], f["polarity"])),
                       (single & ~has_ci, lambda f: target_status(f["value"], f["target"], f["polarity"]))):
        if mask.any():
            status[mask] = func(frame[mask]).astype(object)
    labels = [INTERVAL_LABELS[s] if ci else LABELS[s] for s, ci in zip(status, has_ci)]
    frame["status"] = status
    hidden = frame["suppressed"].fillna(False).astype(bool)
    frame["label"] = [SUPPRESSED if h else NO_DATA if pd.isna(v) else lab
                      for v, h, lab in zip(frame["value"], hidden, labels)]
    frame["suppressed"] = hidden
    frame["secondary_suppressed"] = frame["secondary_suppressed"].fillna(False).astype(bool)
    frame["period"] = frame["period"].where(frame["period"].notna(), frame["target_period"])
    frame["text"] = [_sentence(r, evidence.reason(secondary=r.secondary_suppressed))
                     for r in frame.itertuples(index=False)]
    return frame[list(MONITORING_COLUMNS)]


def _sentence(r: Any, reason: str) -> str:
    what = f"{r.indicator_name}, {r.area_name}, {r.period}"
    if r.suppressed:
        return f"{what}: the figure is suppressed ({reason}), so it is not assessed."
    if r.kind == "none":
        return f"{what}: no target set."
    target = _target_words(r, r.polarity)
    if pd.isna(r.value):
        return f"{what}: {target}; no data yet."
    ci = f" (95% interval {_fmt(r.lower)} to {_fmt(r.upper)})" if pd.notna(r.lower) and pd.notna(r.upper) else ""
    return f"{what}: {_fmt(r.value)}{ci} against {target}: {r.label.lower()}."


def theme_summary(framework: Framework, monitoring: pd.DataFrame) -> pd.DataFrame:
    """Measures on and off track per theme, by each measure's latest assessed year.

    Returns
    -------
    DataFrame
        ``theme, theme_name, measures, on_track, too_close, off_track, not_assessed,
        text`` in the framework's theme order; ``on_track`` counts ``Target met``,
        ``off_track`` ``Target missed``, ``too_close`` ``Too close to call``.
    """
    assessed = monitoring[monitoring["status"] != NOT_ASSESSED]
    latest = assessed.sort_values("year").groupby("measure_id").tail(1).set_index("measure_id")["status"]
    rows = []
    for theme in framework.theme_order():
        ids = [m.id for o in framework.outcomes if o.theme == theme for m in o.all_measures()]
        got = latest.reindex(ids)
        counts = {s: int((got == s).sum()) for s in (GREEN, AMBER, RED)}
        n = len(ids)
        pending = n - sum(counts.values())
        name = framework.theme_name(theme)
        text = (f"{name}: {counts[GREEN]} of {n} measures on track, {counts[RED]} off track, "
                f"{counts[AMBER]} too close to call, {pending} not yet assessed.")
        rows.append({"theme": theme, "theme_name": name, "measures": n, "on_track": counts[GREEN],
                     "too_close": counts[AMBER], "off_track": counts[RED], "not_assessed": pending, "text": text})
    return pd.DataFrame(rows, columns=["theme", "theme_name", "measures", "on_track", "too_close", "off_track",
                                       "not_assessed", "text"])


def chart_data(evidence: Any, baselines: pd.DataFrame, monitoring: pd.DataFrame, *, history: int = 5) -> pd.DataFrame:
    """Data for a chart of actual values against the target path, one row per measure and year.

    The rows run from ``history`` periods before the baseline to the last target year.
    ``target``/``low``/``high`` start at the baseline (the path's first point is the
    baseline value) and ``label`` gives the status in words in target years.

    Returns
    -------
    DataFrame
        ``measure_id, year, period, value, lower, upper, target, low, high, label, text``
        (published values only: a hidden year has no point).
    """
    evidence = as_published(evidence)
    values = evidence.values
    parts = []
    for b in baselines.itertuples(index=False):
        rows = values[(values["indicator_id"] == b.indicator_id) & (values["area_code"] == b.area_code)
                      & values["value"].notna()]
        if pd.notna(b.year):
            rows = rows[rows["year"] > int(b.year) - history]
        actual = pd.DataFrame({"year": rows["year"].astype("int64").to_numpy(), "period": rows["period"].astype(str).to_numpy(),
                               "value": rows["value"].to_numpy(float), "lower": rows["lower"].to_numpy(float),
                               "upper": rows["upper"].to_numpy(float)})
        mon = monitoring[monitoring["measure_id"] == b.measure_id]
        path = mon[["year", "target", "low", "high", "label", "text"]]
        if pd.notna(b.year) and not mon.empty and int(b.year) not in set(mon["year"]):
            start = pd.DataFrame([{"year": int(b.year), "target": b.value, "low": np.nan, "high": np.nan,
                                   "label": "Baseline", "text": ""}])
            if (mon["kind"] == "range").any():
                start[["low", "high"]] = b.value
            path = pd.concat([start, path], ignore_index=True)
        merged = actual.merge(path, on="year", how="outer").sort_values("year")
        periods = dict(zip(mon["year"], mon["period"]))
        merged["period"] = merged["period"].fillna(merged["year"].map(periods)).fillna(merged["year"].astype(str))
        merged[["label", "text"]] = merged[["label", "text"]].fillna("")
        merged.insert(0, "measure_id", b.measure_id)
        parts.append(merged)
    columns = ["measure_id", "year", "period", "value", "lower", "upper", "target", "low", "high", "label", "text"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns].reset_index(drop=True)
