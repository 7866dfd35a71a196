"""What could not be aggregated, and why: build warnings and the manifest's record.

An area whose members lack a numerator (IoD 2019 blanks suppressed ones) or a value is
not aggregated, rather than given a partial sum. That must never be silent: the build
warns once per indicator and area type, naming the areas and the blank members, and the
manifest keeps every such area (``not_aggregated``) so that the profiles and the gap
analysis can say why a figure is missing.
"""

from __future__ import annotations

import pandas as pd

from evidence.problems import Problems

__all__ = ["SHOWN", "describe", "report_not_aggregated"]

SHOWN = 5  # areas named in a warning (the manifest keeps them all)


def describe(record: dict) -> str:
    """Why one area has no aggregated value, in words.

    >>> describe({"area_type": "ward", "area_code": "W1", "blank": ["L2"], "absent": []})
    'not aggregated: member L2 has a blank numerator or denominator'
    """
    parts = []
    blank, absent = list(record.get("blank") or []), list(record.get("absent") or [])
    if blank:
        parts.append(f"member{'s' if len(blank) > 1 else ''} {_few(blank)} "
                     f"{'have' if len(blank) > 1 else 'has'} a blank numerator or denominator")
    if absent:
        parts.append(f"member{'s' if len(absent) > 1 else ''} {_few(absent)} "
                     f"{'have' if len(absent) > 1 else 'has'} no value")
    return "not aggregated: " + "; ".join(parts)


def report_not_aggregated(missing: list[pd.DataFrame], catalogue: pd.DataFrame,
                          problems: Problems) -> list[dict]:
    """Warn about the areas left without a value; return them as records for the manifest."""
    frames = [f for f in missing if len(f)]
    if not frames:
        return []
    table = pd.concat(frames, ignore_index=True)
    names = catalogue.set_index("id")["name"]
    records = []
    for (ident, area_type), group in table.groupby(["indicator_id", "area_type"], sort=True):
        rows = [{"indicator_id": str(ident), "area_code": str(r.area_code), "area_type": str(area_type),
                 "period": str(r.period), "blank": [str(m) for m in r.blank],
                 "absent": [str(m) for m in r.absent]} for r in group.itertuples()]
        records.extend(rows)
        areas = sorted({r["area_code"] for r in rows})
        shown = "; ".join(f"{r['area_code']} ({r['period']}): {describe(r)[len('not aggregated: '):]}"
                          for r in rows[:SHOWN])
        more = f"; and {len(rows) - SHOWN} more" if len(rows) > SHOWN else ""
        problems.warn(f"Indicator '{ident}' ({names.get(ident, ident)}) could not be aggregated for "
                      f"{len(areas)} {area_type} area{'s, which have' if len(areas) > 1 else ', which has'} no value: "
                      f"{shown}{more}.",
                      "Supply the published value of those areas in a value file (it is used as it is), or "
                      "the members' missing counts; until then their profiles and the gap analysis show the "
                      "figure as missing (an evidence gap).", column="indicator_id")
    return records


def _few(codes: list[str]) -> str:
    return ", ".join(codes[:SHOWN]) + (f" and {len(codes) - SHOWN} more" if len(codes) > SHOWN else "")
