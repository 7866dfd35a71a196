"""A transparent priority score for area x indicator and area x theme, explained in words.

The score of an area on an indicator is a weighted mean of four components, each on a
0-to-1 scale (significance may go to -1), so that anyone can recompute it by hand::

    score = (w_s * significance + w_g * gap + w_t * trend + w_p * population) / (w_s + w_g + w_t + w_p)

=================  =========================================================================
``significance``   1 when *Worse* than the benchmark (95% level), 0 when *Similar*,
                   ``better`` (default 0; use -1 to push areas that do well down) when
                   *Better*; 0 for *Higher*, *Lower*, *Not compared*.
``gap``            the relative gap in the bad direction, ``bad_gap_pct / gap_cap``, clipped
                   to [0, 1]: only a shortfall raises the score, and any shortfall of
                   ``gap_cap`` % (default 50) or more counts the same.
``trend``          1 when the recent trend is "... and getting worse", otherwise 0.
``population``     how many people the value concerns: ``log10(1 + pop) / log10(1 + max pop)``
                   over the rows scored (``population_scale="log"``, default) or the
                   area's share of the largest population (``"share"``); 0 when unknown.
                   ``pop`` is the denominator, or a population given per area.
=================  =========================================================================

Default weights (:data:`DEFAULT_WEIGHTS`): significance 0.4, gap 0.3, trend 0.2,
population 0.1; the project config holds them under ``priorities.weights``.

An optional fifth component, ``voice`` (weight ``priorities.weights.voice``, default 0,
so that results do not change unless it is asked for), is what people said: the share
of consultation respondents raising a theme linked to the indicator, in the area
(:func:`evidence.consultation.project.voice_for_priorities`). It is used only when the
weight is above 0 and the project has a consultation; the score and the explanation
then say so.

An area's score on a theme is the mean of its indicator scores in that theme. Ranks run
from 1 (highest score); ties are broken by more *Worse* indicators, then by the larger gap
(or more worsening indicators for themes), then by area code and indicator or theme id,
so the order never depends on the input order.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.gaps._frames import require, text

__all__ = ["DEFAULT_WEIGHTS", "VOICE", "priority_scores", "theme_priorities", "voice_weight"]

DEFAULT_WEIGHTS: dict[str, float] = {"significance": 0.4, "gap": 0.3, "trend": 0.2, "population": 0.1}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def _ordinal(n: int) -> str:
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: The optional component: what people said in a consultation (weight 0 unless set).
VOICE = "voice"


def voice_weight(weights: Mapping[str, float] | None) -> float:
    """The weight of the voice component in ``priorities.weights`` (0 when not set)."""
    return float((weights or {}).get(VOICE, 0.0) or 0.0)


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    allowed = [*DEFAULT_WEIGHTS, VOICE]
    unknown = sorted(set(weights) - set(allowed))
    if unknown:
        raise DataError(f"Unknown priority weight(s) {', '.join(unknown)}. Allowed: "
                        f"{', '.join(allowed)} (set them under priorities.weights).")
    out = {k: float(weights.get(k, 0.0)) for k in allowed}
    bad = [k for k, v in out.items() if not np.isfinite(v) or v < 0]
    if bad or sum(out.values()) <= 0:
        raise DataError(f"Priority weights must be 0 or more with a positive total, not {dict(weights)}.")
    return out


def priority_scores(gaps: pd.DataFrame, *, weights: Mapping[str, float] | None = None, better: float = 0.0,
                    gap_cap: float = 50.0, population: pd.Series | None = None,
                    population_scale: str = "log", voice: pd.Series | None = None) -> pd.DataFrame:
    """Score and rank every area x indicator row of a gap table.

    Parameters
    ----------
    gaps
        From :func:`~evidence.gaps.performance_gaps` (``judgement, trend, bad_gap_pct,
        denominator, area_code, indicator_id``).
    weights
        Component -> weight (missing components weigh 0); default :data:`DEFAULT_WEIGHTS`.
    better
        Significance score of a *Better* value: 0 (default) or -1.
    gap_cap
        Relative gap (%) at which the gap component reaches 1.
    population
        Optional Series of population by area code, used instead of the denominator.
    population_scale
        ``"log"`` or ``"share"`` (see the module docstring).
    voice
        The voice component of each row of ``gaps`` (same index, 0 to 1), used with a
        positive ``voice`` weight; without it that weight counts for nothing.

    Returns
    -------
    pandas.DataFrame
        ``gaps`` with ``c_significance, c_gap, c_trend, c_population, score, rank,
        explanation`` (and ``c_voice`` when the voice component is used), sorted by rank.

    Examples
    --------
    A Worse value (1), 25% worse with ``gap_cap=50`` (0.5), getting worse (1), on the
    largest population (1) scores ``(0.4 + 0.3 * 0.5 + 0.2 + 0.1) / 1.0 = 0.85``.
    """
    require(gaps, ["area_code", "indicator_id", "judgement", "trend", "bad_gap_pct"], "gaps")
    if population_scale not in ("log", "share"):
        raise DataError(f"population_scale must be 'log' or 'share', not {population_scale!r}.")
    if not gap_cap > 0:
        raise DataError(f"gap_cap must be positive, not {gap_cap!r}.")
    w = _weights(weights)
    judgement = text(gaps["judgement"])
    trend = text(gaps["trend"])
    sig = np.select([judgement == "Worse", judgement == "Better"], [1.0, float(better)], 0.0)
    gap = np.clip(pd.to_numeric(gaps["bad_gap_pct"]).to_numpy(dtype=float) / gap_cap, 0.0, 1.0)
    gap = np.nan_to_num(gap, nan=0.0)
    worsening = trend.str.endswith("getting worse").to_numpy()
    if population is not None:
        pop = text(gaps["area_code"]).map(population).to_numpy(dtype=float)
    elif "denominator" in gaps.columns:
        pop = pd.to_numeric(gaps["denominator"]).to_numpy(dtype=float)
    else:
        pop = np.full(len(gaps), np.nan)
    pop = np.where(pop > 0, pop, np.nan)
    top = np.nanmax(pop) if np.isfinite(pop).any() else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        pc = np.log10(1 + pop) / np.log10(1 + top) if population_scale == "log" else pop / top
    pc = np.nan_to_num(pc, nan=0.0)
    out = gaps.copy()
    out["c_significance"] = sig
    out["c_gap"] = gap
    out["c_trend"] = worsening.astype(float)
    out["c_population"] = pc
    use_voice = voice is not None and w.get(VOICE, 0.0) > 0
    if use_voice:
        out["c_voice"] = np.clip(pd.to_numeric(voice.reindex(gaps.index)).fillna(0.0).to_numpy(dtype=float), 0, 1)
    total = sum(w.values()) if use_voice else sum(v for k, v in w.items() if k != VOICE)
    if total <= 0:
        raise DataError(f"Priority weights must be 0 or more with a positive total, not {dict(weights or {})}.")
    out["score"] = (w["significance"] * sig + w["gap"] * gap + w["trend"] * out["c_trend"]
                    + w["population"] * pc + (w[VOICE] * out["c_voice"] if use_voice else 0.0)) / total
    out["_gap"] = pd.to_numeric(out["bad_gap_pct"]).fillna(-np.inf)
    out["_code"], out["_ind"] = text(out["area_code"]), text(out["indicator_id"])
    out = out.sort_values(["score", "c_significance", "_gap", "_code", "_ind"],
                          ascending=[False, False, False, True, True], kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    out["explanation"] = [_explain_row(r) for r in out.itertuples()]
    return out.drop(columns=["_gap", "_code", "_ind"]).reset_index(drop=True)


def _explain_row(r) -> str:
    name = getattr(r, "indicator_name", r.indicator_id)
    where = getattr(r, "area_name", None) or r.area_code
    bench = getattr(r, "comparator_name", None) or "its benchmark"
    if r.c_significance > 0:
        gap = f" ({r.bad_gap_pct:.1f}% worse)" if np.isfinite(r.bad_gap_pct) else ""
        because = f"it is significantly worse than {bench}{gap}"
    elif r.c_significance < 0:
        because = f"it is significantly better than {bench}"
    elif r.c_gap > 0:
        because = f"it is {r.bad_gap_pct:.1f}% worse than {bench}, though not significantly"
    else:
        because = f"it is not worse than {bench}"
    if r.c_trend > 0:
        because += ", and getting worse"
    denominator = getattr(r, "denominator", np.nan)
    if denominator is not None and np.isfinite(denominator) and denominator > 0:
        because += f"; population {denominator:,.0f}"
    raised = getattr(r, "c_voice", 0.0)
    if raised and raised > 0:
        because += f"; raised by {raised:.0%} of consultation respondents"
    return f"{where}, {name}: ranked {_ordinal(int(r.rank))} (score {r.score:.2f}) because {because}."


def _explain_theme(area: str, theme: str, rank: int, score: float, worse: int, n: int, worsening: int,
                   bench: str) -> str:
    of = f"{worse} of {n} {theme} indicator{'s' if n != 1 else ''}"
    if worse:
        because = f"it is significantly worse than {bench} on {of}"
    else:
        because = (f"it is not significantly worse than {bench} on any of its {n} {theme} "
                   f"indicator{'s' if n != 1 else ''}")
    if worsening:
        because += f" and {worsening} {'is' if worsening == 1 else 'are'} getting worse"
    return f"{area}, {theme}: ranked {_ordinal(rank)} (score {score:.2f}) because {because}."


def theme_priorities(scores: pd.DataFrame, *, theme_names: Mapping[str, str] | None = None,
                     theme_order: list[str] | None = None) -> pd.DataFrame:
    """Score and rank every area x theme from :func:`priority_scores`.

    The theme score is the mean of the area's indicator scores in the theme.

    Returns
    -------
    pandas.DataFrame
        ``area_code, (area_name,) theme, theme_name, n_indicators, n_worse,
        n_worsening, score, rank, explanation`` ("Ranked first because it is
        significantly worse than England on 6 of 9 Safer indicators and 4 are getting
        worse."), sorted by rank.
    """
    require(scores, ["area_code", "theme", "indicator_id", "score", "c_significance", "c_trend"], "scores")
    names = dict(theme_names or {})
    order = {t: i for i, t in enumerate(theme_order or [])}
    frame = pd.DataFrame({"area_code": text(scores["area_code"]).to_numpy(),
                          "theme": text(scores["theme"]).to_numpy(),
                          "score": scores["score"].to_numpy(dtype=float),
                          "worse": (scores["c_significance"] > 0).to_numpy(),
                          "worsening": (scores["c_trend"] > 0).to_numpy()})
    g = frame.groupby(["area_code", "theme"], sort=True)
    out = g.agg(n_indicators=("score", "size"), n_worse=("worse", "sum"), n_worsening=("worsening", "sum"),
                score=("score", "mean")).reset_index()
    out[["n_worse", "n_worsening"]] = out[["n_worse", "n_worsening"]].astype(int)
    out.insert(2, "theme_name", out["theme"].map(lambda t: names.get(t, t)))
    if "area_name" in scores.columns:
        out.insert(1, "area_name", out["area_code"].map(dict(zip(text(scores["area_code"]),
                                                                  text(scores["area_name"])))))
    bench = "its benchmark"
    if "comparator_name" in scores.columns:
        found = set(text(scores["comparator_name"])) - {""}
        bench = found.pop() if len(found) == 1 else "its benchmark"
    out["_order"] = out["theme"].map(order).fillna(len(order))
    out = out.sort_values(["score", "n_worse", "n_worsening", "area_code", "_order", "theme"],
                          ascending=[False, False, False, True, True, True], kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    label = out["area_name"] if "area_name" in out.columns else out["area_code"]
    out["explanation"] = [_explain_theme(a, t, int(k), s, w, n, v, bench) for a, t, k, s, w, n, v in
                          zip(label, out["theme_name"], out["rank"], out["score"], out["n_worse"],
                              out["n_indicators"], out["n_worsening"])]
    return out.drop(columns="_order").reset_index(drop=True)
