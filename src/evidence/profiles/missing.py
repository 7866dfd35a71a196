"""What a profile must say about figures that are missing or judged against another area.

Two things are never left silent on a page: an indicator the build could not aggregate
for the area (a member LSOA's numerator blank, say), listed with the reason as an
evidence gap; and a judgement made against the next comparator because the main one
has no value ("compared with England: no Gloucester value").
"""

from __future__ import annotations

import pandas as pd

from evidence.aggregation_report import describe
from evidence.render._html import Markup, join, tag

__all__ = ["mark_fallbacks", "missing_section"]


def mark_fallbacks(latest: pd.DataFrame, names: pd.Series, main_code: str | None, main_name: str) -> pd.DataFrame:
    """``latest`` with ``comparator_label`` (who each row is compared with) and ``comparator_note``.

    The note is blank where the row is compared with the main comparator, and says
    "compared with England: no Gloucester value" where the main one had no value.
    """
    codes = latest["comparator_code"].astype(object)
    label = [main_name if c is None or pd.isna(c) or c == main_code else str(names.get(c, c)) for c in codes]
    note = ["" if lab == main_name else f"compared with {lab}: no {main_name} value" for lab in label]
    return latest.assign(comparator_label=label, comparator_note=note)


def missing_section(records, area_code: str, indicators: pd.DataFrame, shown: set[str]) -> Markup | None:
    """The evidence gaps of one area: indicators the build could not aggregate for it."""
    rows = [r for r in records if r.get("area_code") == area_code and r.get("indicator_id") not in shown]
    if not rows:
        return None
    names = indicators.set_index("id")["name"]
    latest: dict[str, dict] = {}
    for r in rows:  # one line per indicator: its latest missing period
        if r["indicator_id"] not in latest or str(r["period"]) > str(latest[r["indicator_id"]]["period"]):
            latest[r["indicator_id"]] = r
    items = [tag("li", f"{names.get(ident, ident)} ({r['period']}): {describe(r)}.")
             for ident, r in sorted(latest.items())]
    return join([tag("h2", "Figures that could not be given", id="missing"),
                 tag("p", "These indicators have no figure for this area because it could not be aggregated from "
                          "its member areas. This is an evidence gap, not a finding: it says nothing about need."),
                 tag("ul", join(items))])
