""""You said, we did": per theme, what the partnership did about what people said.

Columns: ``theme`` (a frame theme id), ``you_said``, ``we_did`` and ``status``, one of
:data:`STATUSES`; ``reason`` is required when the status is "not taken forward".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidence.consultation._tables import read_table
from evidence.errors import did_you_mean
from evidence.problems import Problems

__all__ = ["STATUSES", "read_you_said"]

STATUSES = ("changed", "already in the plan", "not taken forward")


def read_you_said(path: Path, themes: set[str], problems: Problems) -> pd.DataFrame | None:
    """The table, checked: known themes, known statuses, a reason where not taken forward."""
    table = read_table(path, "'you said, we did' table", ["theme", "you_said", "we_did", "status"], problems,
                       optional=["reason"])
    if table is None:
        return None
    for row, r in table.iterrows():
        r = {k: (None if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in r.items()}
        if themes and r["theme"] not in themes:
            problems.error(f"Unknown theme '{r['theme']}'.{did_you_mean(str(r['theme']), themes)}",
                           "Use a theme id of the coding frame.", file=path, place=f"row {row}", column="theme")
        status = str(r["status"] or "").lower()
        if status not in STATUSES:
            problems.error(f"Status '{r['status']}' is not one of {', '.join(STATUSES)}."
                           f"{did_you_mean(status, STATUSES)}", f"Write one of: {', '.join(STATUSES)}.", file=path,
                           place=f"row {row}", column="status")
        elif status == "not taken forward" and not r["reason"]:
            problems.error("A point not taken forward has no reason.",
                           "Say why in 'reason': people are owed the reason as much as the decision.", file=path,
                           place=f"row {row}", column="reason")
    return table.assign(status=table["status"].fillna("").str.lower()).reset_index(drop=True)
