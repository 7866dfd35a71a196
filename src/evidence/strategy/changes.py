"""What changed since the last version: outcomes, measures and targets, old value against new.

A pure comparison of two :class:`~evidence.outcomes.Framework` objects (the previous
version's and this one's), matched on outcome and measure ids. It feeds the "what changed"
part of the strategy and the partnership's "you said, we did": each row is one change in
words a board can read, with the old and the new value.

Kinds: ``outcome added``, ``outcome removed``, ``outcome re-titled``, ``outcome moved``
(to another theme), ``measure added``, ``measure removed``, ``measure re-measured`` (another
indicator or area) and ``measure re-targeted`` (another target method, parameters or
target years). The measures of an added or removed outcome are part of that change and
are not listed again.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from evidence.outcomes.framework import Framework, Measure

__all__ = ["CHANGE_COLUMNS", "framework_changes"]

CHANGE_COLUMNS = ("kind", "theme", "id", "old", "new", "text")


def _target(m: Measure) -> str:
    if not m.target_method:
        return "no target method"
    params = ", ".join(f"{k} {v}" for k, v in sorted(m.target_params.items()))
    years = ", ".join(map(str, m.target_years))
    return f"{m.target_method}" + (f" ({params})" if params else "") + (f" for {years}" if years else "")


def _where(m: Measure) -> str:
    return m.indicator + (f" in {m.area}" if m.area else "")


def framework_changes(old: Framework | None, new: Framework) -> pd.DataFrame:
    """Every change from ``old`` to ``new`` (``old`` ``None``: no earlier version, no rows).

    Returns
    -------
    DataFrame
        ``kind, theme, id, old, new, text``, in the new framework's outcome order (removed
        outcomes last); ``old`` and ``new`` are the values in words ("" when added or removed).

    Examples
    --------
    >>> import datetime as dt
    >>> from evidence.outcomes.framework import Outcome
    >>> a = Framework("Plan", dt.date(2024, 1, 1), (Outcome("1", "Safer streets", "safer"),))
    >>> b = Framework("Plan", dt.date(2025, 1, 1), (Outcome("1", "Safe streets", "safer"),))
    >>> framework_changes(a, b)[["kind", "id", "old", "new"]].values.tolist()
    [['outcome re-titled', '1', 'Safer streets', 'Safe streets']]
    """
    rows: list[dict[str, Any]] = []
    if old is None:
        return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))

    def add(kind: str, theme: str, ident: str, before: str, after: str, text: str) -> None:
        rows.append({"kind": kind, "theme": theme, "id": ident, "old": before, "new": after, "text": text})

    before = {o.id: o for o in old.outcomes}
    after = {o.id: o for o in new.outcomes}
    for o in new.outcomes:
        p = before.get(o.id)
        if p is None:
            add("outcome added", o.theme, o.id, "", o.title, f"Outcome {o.id} is new: {o.title}.")
            continue
        if p.title != o.title:
            add("outcome re-titled", o.theme, o.id, p.title, o.title,
                f"Outcome {o.id} was '{p.title}' and is now '{o.title}'.")
        if p.theme != o.theme:
            add("outcome moved", o.theme, o.id, old.theme_name(p.theme), new.theme_name(o.theme),
                f"Outcome {o.id} moved from {old.theme_name(p.theme)} to {new.theme_name(o.theme)}.")
        was = {m.id: m for m in p.all_measures()}
        now = {m.id: m for m in o.all_measures()}
        for m in o.all_measures():
            q = was.get(m.id)
            if q is None:
                add("measure added", o.theme, m.id, "", _where(m), f"Measure {m.id} ({_where(m)}) is new.")
                continue
            if (q.indicator, q.area) != (m.indicator, m.area):
                add("measure re-measured", o.theme, m.id, _where(q), _where(m),
                    f"Measure {m.id} measured {_where(q)} and now measures {_where(m)}.")
            if (q.target_method, q.target_params, q.target_years) != (m.target_method, m.target_params,
                                                                      m.target_years):
                add("measure re-targeted", o.theme, m.id, _target(q), _target(m),
                    f"Measure {m.id} ({_where(m)}) had the target {_target(q)} and now has {_target(m)}.")
        for ident, q in was.items():
            if ident not in now:
                add("measure removed", o.theme, ident, _where(q), "", f"Measure {ident} ({_where(q)}) was removed.")
    for o in old.outcomes:
        if o.id not in after:
            add("outcome removed", o.theme, o.id, o.title, "", f"Outcome {o.id} ({o.title}) was removed.")
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
