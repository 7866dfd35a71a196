"""The SMART check: every measure needs a baseline, a target, a date and an owner.

Measurable (a baseline from the evidence), achievable and specific (a target from a
named method), time-bound (target years) and owned (an owner, or the contact officer of
the action it belongs to). Each gap is one row, said in words a theme group can act on.
"""

from __future__ import annotations

import pandas as pd

from evidence.outcomes.framework import Framework

__all__ = ["SMART_COLUMNS", "smart_check"]

SMART_COLUMNS = ("outcome_id", "measure_id", "indicator_id", "lacks", "message")


def smart_check(framework: Framework, baselines: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """List every measure lacking a baseline, a target, a date or an owner.

    Parameters
    ----------
    framework
        The outcome framework.
    baselines, targets
        :func:`~evidence.outcomes.measure_baselines` and :func:`~evidence.outcomes.measure_targets`.

    Returns
    -------
    DataFrame
        ``outcome_id, measure_id, indicator_id, lacks, message``; ``lacks`` is one of
        ``baseline``, ``target``, ``date``, ``owner``. Empty when every measure is SMART.
    """
    base = baselines.set_index("measure_id")
    has_target = set(targets.loc[targets["kind"] != "none", "measure_id"])
    notes = targets[targets["note"] != ""].groupby("measure_id")["note"].first().to_dict()
    officers = {a.id.rsplit(" action ", 1)[-1] + "@" + a.outcome_id: a.contact_officer
                for o in framework.outcomes for a in o.actions}
    rows = []
    for m in framework.measures():
        b = base.loc[m.id]
        what = f"Measure '{m.id}' ({b['indicator_name']}, {b['area_name']})"
        gaps = []
        if bool(b.get("suppressed", False)):
            gaps.append(("baseline", f"{what} has no published baseline ({b['note']}): the figure is hidden by "
                         "disclosure control. Measure a larger area, or an indicator with larger counts."))
        elif pd.isna(b["value"]):
            gaps.append(("baseline", f"{what} has no baseline: the evidence base has no value of "
                         f"'{m.indicator}' for {b['area_code']}. Add the data or measure another area."))
        if not m.target_years:
            gaps.append(("date", f"{what} has no date: give target_years, e.g. [2025, 2026, 2027]."))
        elif m.id not in has_target:
            reason = notes.get(m.id, "no target method")
            gaps.append(("target", f"{what} has no target ({reason}). Choose a target_method that the data allow."))
        elif m.id in notes:  # some target years could not be given a target
            gaps.append(("target", f"{what} has {notes[m.id]}."))
        owner = m.owner or (officers.get(f"{m.action}@{m.outcome_id}", "") if m.action else "")
        if not owner:
            gaps.append(("owner", f"{what} has no owner: name the officer responsible in 'owner'."))
        rows.extend({"outcome_id": m.outcome_id, "measure_id": m.id, "indicator_id": m.indicator, "lacks": lacks,
                     "message": message} for lacks, message in gaps)
    return pd.DataFrame(rows, columns=list(SMART_COLUMNS))
