"""The Fingertips breakdowns in words: groups that fare worse than the whole population.

The breakdowns table (:mod:`evidence.breakdowns`) compares each category (a sex, an age
band, a deprivation decile, an ethnic group) with the area's whole-population value and
with England. For the equality lens and the profiles, :func:`breakdown_findings` keeps
the latest period of an area's breakdowns and :func:`breakdown_sentences` says them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["breakdown_findings", "breakdown_sentences", "breakdowns_by_theme"]


def breakdown_findings(evidence: Any, area_code: str | None = None,
                       indicator_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The published breakdowns of ``area_code`` (default: the focus area), latest period per indicator.

    Returns the rows of :attr:`~evidence.PublishedEvidence.breakdowns` with the
    indicator's name (``indicator_name``), ordered by indicator, category type and category.
    """
    from evidence.published import as_published

    eb = as_published(evidence)
    table = eb.breakdowns
    area = str(area_code or eb.config.focus_area)
    if table is None or table.empty:
        return pd.DataFrame(columns=[*getattr(table, "columns", []), "indicator_name"])
    rows = table[table["area_code"].astype(str) == area]
    if indicator_ids is not None:
        rows = rows[rows["indicator_id"].astype(str).isin(set(map(str, indicator_ids)))]
    if rows.empty:
        return rows.assign(indicator_name=pd.Series(dtype=object))
    latest = rows.groupby("indicator_id")["year"].transform("max")
    rows = rows[rows["year"] == latest]
    names = dict(zip(eb.indicators["id"].astype(str), eb.indicators["name"].astype(str)))
    return rows.assign(indicator_name=rows["indicator_id"].astype(str).map(names)).reset_index(drop=True)


def breakdown_sentences(evidence: Any, indicator_ids: Iterable[str] | None = None,
                        area_code: str | None = None) -> list[str]:
    """One sentence per indicator: which groups are worse (or better) than the whole population and England.

    A hidden figure (disclosure control) is said to be hidden, never shown.
    """
    rows = breakdown_findings(evidence, area_code, indicator_ids)
    if rows.empty:
        return []
    out = []
    for (ident, period), group in rows.groupby(["indicator_id", "period"], sort=False):
        name = group["indicator_name"].iloc[0]
        label = [f"{c} ({t.lower()})" if t not in ("Sex", "Age") else str(c)
                 for t, c in zip(group["category_type"], group["category"])]
        said = []
        for word, what in (("Worse", "worse than"), ("Better", "better than"), ("Higher", "higher than"),
                           ("Lower", "lower than")):
            persons = [lab for lab, j in zip(label, group["vs_persons"]) if j == word]
            england = [lab for lab, j in zip(label, group["vs_england"]) if j == word]
            if persons:
                said.append(f"{', '.join(persons)} {'is' if len(persons) == 1 else 'are'} significantly {what} the "
                            "whole population")
            if england:
                said.append(f"{', '.join(england)} {'is' if len(england) == 1 else 'are'} significantly {what} "
                            "England")
        hidden = [lab for lab, s in zip(label, group.get("suppressed", [False] * len(group))) if s]
        text = f"{name} ({period}), {len(group)} groups: " + ("; ".join(said) if said else
                                                              "no group differs significantly from the whole "
                                                              "population or England")
        if hidden:
            text += f"; figures hidden (small numbers) for {', '.join(hidden)}"
        out.append(text + ".")
    return out


def breakdowns_by_theme(evidence: Any, framework: Any) -> dict[str, list[str]]:
    """Theme id -> the breakdown sentences of the indicators its outcomes measure (themes with any).

    The equality evidence from the data for each theme's proofing statement (the strategy
    document's): the focus area's groups compared with the whole population and England.
    """
    out: dict[str, list[str]] = {}
    for theme in framework.theme_order():
        ids = sorted({str(m.indicator) for o in framework.outcomes if o.theme == theme for m in o.all_measures()})
        sentences = breakdown_sentences(evidence, ids) if ids else []
        if sentences:
            out[theme] = [f"By sex, age, deprivation and ethnic group (the data): {s}" for s in sentences]
    return out
