"""Yearly targets: each measure's target method applied to its baseline.

The result has one row per measure and target year. A measure whose method cannot set
a target from the data it has (no baseline, no comparator value, too short a history)
gets rows with missing targets and the reason in ``note``; the SMART check reports it.

Targets are computed from the published evidence only. A measure whose baseline figure
is hidden by disclosure control gets no target ("baseline suppressed: fewer than 5
events in 2019/20"), since any target derived from it (``hold`` most plainly) would
give the hidden figure back. Methods registered with ``uses_baseline=False``
(``explicit``: the partnership's own numbers from ``outcomes.yml``) still set theirs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from evidence.errors import EvidenceError
from evidence.outcomes.baselines import measure_history, period_label
from evidence.outcomes.framework import Framework
from evidence.outcomes.target_methods import TargetContext, get_target_method
from evidence.published import as_published

__all__ = ["TARGET_TABLE_COLUMNS", "measure_targets"]

TARGET_TABLE_COLUMNS = ("measure_id", "year", "period", "method", "target", "low", "high", "kind", "note")


def measure_targets(framework: Framework, evidence: Any, baselines: pd.DataFrame) -> pd.DataFrame:
    """One row per measure and target year with its target (single or range).

    Parameters
    ----------
    framework
        The outcome framework.
    evidence
        The :class:`~evidence.PublishedEvidence` (for each measure's history; an
        ``EvidenceBase`` is put through disclosure control first).
    baselines
        :func:`evidence.outcomes.measure_baselines` of the same framework.

    Returns
    -------
    DataFrame
        ``measure_id, year, period, method, target, low, high, kind, note``: ``kind`` is
        ``single``, ``range`` or ``none``; ``period`` is the year written like the
        baseline period (``2025/26``); ``note`` says why a target is missing.
    """
    evidence = as_published(evidence)
    base = baselines.set_index("measure_id")
    rows = []
    for measure in framework.measures():
        b = base.loc[measure.id]
        note = ""
        result = None
        if not measure.target_years:
            continue
        hidden = bool(b.get("suppressed", False))
        if measure.target_method is None:
            note = "no target method"
        elif hidden and get_target_method(measure.target_method).uses_baseline:
            note = str(b["note"]) or "baseline suppressed"
        elif pd.isna(b["value"]) and not hidden:
            note = f"no baseline: no value of {measure.indicator} for {b['area_code']}"
        else:
            history = measure_history(measure, evidence)
            history = history[history["value"].notna() & (history["year"] <= b["year"])]  # published points
            ctx = TargetContext(float(b["value"]), int(b["year"]), measure.target_years, str(b["polarity"]),
                                float(b["comparator_value"]),
                                pd.Series(history["value"].to_numpy(float), index=history["year"].to_numpy(int)))
            try:
                result = get_target_method(measure.target_method)(ctx, measure.target_params)
            except EvidenceError as exc:  # a hidden comparator: say so rather than "there is none"
                note = str(b["note"]) if b.get("note") and np.isnan(ctx.comparator) else str(exc)
            early = [y for y in measure.target_years if y <= int(b["year"])]
            if early and result is not None:  # validate checks an explicit baseline_year; this one is the data's
                note = (f"no target for {', '.join(map(str, early))}: not after the baseline period ({b['period']}); "
                        "give later target_years or a baseline_year")
                result = result.assign(**{c: result[c].where(~result["year"].isin(early)) for c in ("target", "low", "high")})
        if result is None:
            result = pd.DataFrame({"year": list(measure.target_years), "target": np.nan, "low": np.nan, "high": np.nan})
        for r in result.itertuples(index=False):
            kind = "none" if np.isnan(r.target) and np.isnan(r.low) else (
                "range" if not (np.isnan(r.low) or np.isnan(r.high)) else "single")
            rows.append({"measure_id": measure.id, "year": int(r.year), "period": period_label(int(r.year), b["period"]),
                         "method": measure.target_method, "target": float(r.target), "low": float(r.low),
                         "high": float(r.high), "kind": kind, "note": note})
    frame = pd.DataFrame(rows, columns=list(TARGET_TABLE_COLUMNS))
    return frame.astype({"year": "int64", "target": float, "low": float, "high": float})
