"""Counts and shares per question, theme, group and area, through disclosure control.

Every count is of respondents (an answer coded with two themes counts once for each);
shares have Wilson 95% intervals (:func:`evidence.stats.proportion`). Before anything is
published a count below ``min_count`` is blanked with its share and interval, and where
the parts of a total (the groups of one theme, the areas of one theme, the answers of
one closed question) have exactly one hidden cell, the next smallest is hidden too
(:func:`evidence.disclosure.protect_differences`), so no hidden count can be worked out
by subtraction.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from evidence.disclosure import protect_differences, suppress
from evidence.stats import proportion

__all__ = ["closed_counts", "protect", "theme_counts", "theme_counts_by"]

_TOTAL = "__total__"


def _shares(frame: pd.DataFrame, count: str = "count", base: str = "base") -> pd.DataFrame:
    ok = frame[base] > 0
    ci = proportion(frame[count].where(ok), frame[base].where(ok), multiplier=1)
    return frame.assign(share=ci["value"].to_numpy(), lower=ci["lower"].to_numpy(), upper=ci["upper"].to_numpy())


def protect(frame: pd.DataFrame, by: Sequence[str], part: str | None, min_count: int) -> pd.DataFrame:
    """``frame`` with small counts blanked (``count``, ``share``, ``lower``, ``upper``) and ``suppressed`` set.

    With ``part``, the rows of each ``by`` group are parts of one total (their sum is
    the group's total, which the ``base`` column shows): secondary suppression applies.
    """
    out = frame.reset_index(drop=True)
    slot = out[list(by)].astype(str).agg("|".join, axis=1) if by else pd.Series("all", index=out.index)
    values = pd.DataFrame({"area_code": (out[part].astype(str) if part else pd.Series("x", index=out.index)),
                           "indicator_id": slot, "period": "all", "numerator": out["count"].astype(float),
                           "value": out["share"]})
    shown = suppress(values, min_count)
    if part:
        totals = values.groupby("indicator_id", as_index=False).agg(numerator=("numerator", "sum"))
        totals = totals.assign(area_code=_TOTAL, period="all", value=np.nan, suppressed=False)
        both = pd.concat([shown, totals[shown.columns]], ignore_index=True)
        links = pd.DataFrame({"total": _TOTAL, "part": sorted(set(values["area_code"]))})
        both = protect_differences(both, links)
        hidden = both["suppressed"].to_numpy()[: len(out)]
    else:
        hidden = shown["suppressed"].to_numpy()
    out = out.copy()
    for column in ("count", "share", "lower", "upper"):
        if column in out.columns:
            out[column] = out[column].astype(float).mask(hidden)
    out["suppressed"] = hidden
    return out


def theme_counts(coded: pd.DataFrame, answered: pd.DataFrame, themes: Sequence[str], min_count: int) -> pd.DataFrame:
    """``question``, ``theme``, ``count``, ``base`` (respondents answering), ``share``, limits, ``suppressed``."""
    base = answered.groupby("question")["response_id"].nunique()
    n = coded.groupby(["question", "theme"])["response_id"].nunique()
    rows = [(q, t, int(n.get((q, t), 0)), int(base[q])) for q in base.index for t in themes]
    table = _shares(pd.DataFrame(rows, columns=["question", "theme", "count", "base"]))
    return protect(table, ["question", "theme"], None, min_count)


def theme_counts_by(coded: pd.DataFrame, answered: pd.DataFrame, groups: pd.Series, themes: Sequence[str],
                    min_count: int, *, name: str = "group") -> pd.DataFrame:
    """Like :func:`theme_counts`, per group (``groups``: response_id -> group, e.g. area or respondent type).

    The base is the group's respondents to the question; cells of one theme across the
    groups are protected together (secondary suppression).
    """
    answered = answered.assign(**{name: answered["response_id"].map(groups)}).dropna(subset=[name])
    coded = coded.assign(**{name: coded["response_id"].map(groups)}).dropna(subset=[name])
    base = answered.groupby(["question", name])["response_id"].nunique()
    n = coded.groupby(["question", name, "theme"])["response_id"].nunique()
    rows = [(q, g, t, int(n.get((q, g, t), 0)), int(b)) for (q, g), b in base.items() for t in themes]
    table = _shares(pd.DataFrame(rows, columns=["question", name, "theme", "count", "base"]))
    return protect(table, ["question", "theme"], name, min_count)


def closed_counts(answers: pd.DataFrame, questions: Sequence, min_count: int,
                  weights: pd.Series | None = None) -> pd.DataFrame:
    """Closed questions: ``question``, ``answer``, ``count``, ``base``, ``share``, limits, ``agree``,
    ``weighted_share`` (with ``weights``: response_id -> weight), ``suppressed``."""
    frames = []
    for q in questions:
        if q.type == "open":
            continue
        got = answers[answers["question"] == q.id]
        base = got["response_id"].nunique()
        counts = got.groupby("answer")["response_id"].nunique()
        table = pd.DataFrame({"question": q.id, "answer": counts.index.astype(str), "count": counts.to_numpy(),
                              "base": base})
        table["agree"] = table["answer"].isin(q.agree)
        if weights is not None and len(weights):
            w = got.assign(w=got["response_id"].map(weights)).dropna(subset=["w"])
            total = w.drop_duplicates("response_id")["w"].sum()
            share = w.groupby("answer")["w"].sum() / total if total else None
            table["weighted_share"] = table["answer"].map(share) if share is not None else np.nan
        else:
            table["weighted_share"] = np.nan
        frames.append(_shares(table))
    if not frames:
        return pd.DataFrame(columns=["question", "answer", "count", "base", "share", "lower", "upper", "agree",
                                     "weighted_share", "suppressed"])
    table = pd.concat(frames, ignore_index=True)
    out = protect(table, ["question"], "answer", min_count)
    out["weighted_share"] = out["weighted_share"].mask(out["suppressed"])
    return out
