"""Evidence against voice: for each theme (and each neighbourhood), did people raise it, and does
the evidence show a need?

* **both**: the evidence shows a need (a priority issue on an indicator the theme is
  linked to) and people raised it (at least ``raised_share`` of respondents, and a
  publishable count);
* **evidence only**: a need people rarely raised (worth asking why: unaware, or not a
  concern);
* **residents only**: raised, but no linked indicator shows a need (a perception to
  answer, or a gap in the evidence);
* **neither**.

The priority issues are the gap analysis's (:func:`evidence.outcomes.priority_issues`:
area x indicator rows judged worse than their benchmark), passed in as a frame, so
this module needs no evidence base.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from evidence.consultation.frame import CodingFrame

__all__ = ["VOICE_COLUMNS", "evidence_against_voice", "voice_weight"]

VOICE_COLUMNS = ["area_code", "theme", "raised_share", "raised", "issues", "evidence", "finding", "indicators"]
FINDINGS = {(True, True): "both", (True, False): "evidence only", (False, True): "residents only",
            (False, False): "neither"}


def evidence_against_voice(shares: pd.DataFrame, issues: pd.DataFrame, frame: CodingFrame, *,
                           raised_share: float = 0.1, areas: Mapping[str, Sequence[str]] | None = None,
                           overall: str = "all") -> pd.DataFrame:
    """One row per (area, theme): :data:`VOICE_COLUMNS`.

    Parameters
    ----------
    shares
        ``area_code``, ``theme``, ``share`` (of respondents raising it; blank when
        suppressed) and ``suppressed``; the overall rows have ``area_code == overall``.
    issues
        Priority issues: ``area_code``, ``indicator_id`` (and optionally ``score``).
    areas
        Area code -> the codes inside it whose issues count for it (a neighbourhood's
        wards and LSOAs, say); ``overall`` takes every issue.
    """
    links = frame.links().dropna(subset=["indicator_id"])
    rows = []
    for r in shares.itertuples(index=False):
        inside = set(issues["area_code"]) if r.area_code == overall else {r.area_code, *(areas or {}).get(r.area_code, ())}
        linked = set(links.loc[links["theme"] == r.theme, "indicator_id"])
        hits = issues[issues["area_code"].isin(inside) & issues["indicator_id"].isin(linked)]
        raised = bool(not r.suppressed and pd.notna(r.share) and r.share >= raised_share)
        evidence = not hits.empty
        rows.append({"area_code": r.area_code, "theme": r.theme, "raised_share": r.share, "raised": raised,
                     "issues": len(hits), "evidence": evidence, "finding": FINDINGS[(evidence, raised)],
                     "indicators": ";".join(sorted(set(hits["indicator_id"].astype(str))))})
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def voice_weight(voice: pd.DataFrame, frame: CodingFrame) -> pd.DataFrame:
    """``indicator_id``, ``area_code``, ``voice``: the largest share of respondents raising a theme linked to
    the indicator, in that area: an optional weight for the priority score (not applied here)."""
    links = frame.links().dropna(subset=["indicator_id"])
    merged = voice.merge(links[["theme", "indicator_id"]], on="theme")
    merged = merged.assign(voice=merged["raised_share"].fillna(0.0))
    return merged.groupby(["indicator_id", "area_code"], as_index=False)["voice"].max()
