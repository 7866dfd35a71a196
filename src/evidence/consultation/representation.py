"""Who responded, set against who lives here; and optional raking weights.

Only individuals are counted (an organisation is not a resident). For age, sex and
area, :func:`respondent_profile` gives each category's share of respondents (of those
who said) beside its share of residents, and a sentence in words. :func:`rake` gives
weights that make the respondents' age and sex mix match the residents' (iterative
proportional fitting), with the effective sample size, for weighted closed-question
figures shown beside the unweighted ones.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["PROFILE_COLUMNS", "area_population", "individuals", "rake", "respondent_profile"]

PROFILE_COLUMNS = ["group", "category", "respondents", "respondent_share", "residents", "resident_share", "ratio",
                   "sentence"]


def individuals(respondents: pd.DataFrame) -> pd.DataFrame:
    """The respondents who answered for themselves (not for an organisation)."""
    kind = respondents["respondent_type"].fillna("").astype(str).str.lower()
    org = kind.str.contains("organisation|business|group|council|charity") | respondents["organisation"].notna()
    return respondents[~org.to_numpy()]


def area_population(values: pd.DataFrame, indicator: str, area_codes: Sequence[str], group: str) -> pd.DataFrame:
    """``group``, ``category``, ``residents`` of ``area_codes`` from an evidence base's population indicator."""
    rows = values[(values["indicator_id"].astype(str) == indicator) & values["area_code"].isin(list(area_codes))]
    rows = rows.sort_values("year", kind="stable").groupby("area_code").tail(1)
    return pd.DataFrame({"group": group, "category": rows["area_code"].astype(str).to_numpy(),
                         "residents": pd.to_numeric(rows["value"]).to_numpy(dtype=float)})


def _words(group: str, category: str, label: str) -> str:
    if group == "age":
        return f"People aged {category}"
    if group == "sex":
        return {"female": "Women", "male": "Men"}.get(category.lower(), category)
    return f"People in {label}"


def respondent_profile(people: pd.DataFrame, population: pd.DataFrame, group: str, column: str, *,
                       labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per category of ``group``: respondents and residents, counts and shares, in words.

    ``people`` are the individuals; ``column`` holds their category (``age``, ``sex`` or an
    area code column). Respondents who did not say are left out of the shares.
    """
    pop = population[population["group"] == group]
    if pop.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    said = people[column].dropna().astype(str)
    counts = said.value_counts()
    residents = pop.groupby("category")["residents"].sum()
    total_r, total_p = max(1, int(counts.sum())), float(residents.sum()) or 1.0
    rows = []
    for category in residents.index:
        n = int(counts.get(category, 0))
        rs, ps = n / total_r, float(residents[category]) / total_p
        label = (labels or {}).get(category, category)
        rows.append({"group": group, "category": category, "respondents": n, "respondent_share": rs,
                     "residents": float(residents[category]), "resident_share": ps,
                     "ratio": rs / ps if ps else np.nan,
                     "sentence": f"{_words(group, category, label)} are {rs:.0%} of respondents and {ps:.0%} of "
                                 "residents."})
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def rake(people: pd.DataFrame, population: pd.DataFrame, groups: Sequence[str] = ("age", "sex"), *,
         iterations: int = 50, cap: float = 5.0) -> tuple[pd.Series, float]:
    """Raking weights for the individuals whose every category in ``groups`` is known.

    Returns the weights (indexed like ``people``; mean 1, capped at ``cap``) and the
    effective sample size ``(sum w)^2 / sum w^2``. Categories without residents are left
    out; an empty result gives an empty Series and 0.
    """
    groups = [g for g in groups if not population[population["group"] == g].empty]
    known = people.dropna(subset=list(groups)) if groups else people.iloc[0:0]
    for g in groups:
        cats = set(population.loc[population["group"] == g, "category"])
        known = known[known[g].astype(str).isin(cats)]
    if known.empty:
        return pd.Series(dtype=float), 0.0
    w = np.ones(len(known))
    for _ in range(iterations):
        for g in groups:
            pop = population[population["group"] == g].groupby("category")["residents"].sum()
            target = pop / pop.sum()
            cats = known[g].astype(str).to_numpy()
            have = pd.Series(w).groupby(cats).sum() / w.sum()
            w = w * (target.reindex(cats).to_numpy() / have.reindex(cats).to_numpy())
        w = np.minimum(w / w.mean(), cap)
    w = w / w.mean()
    ess = float(w.sum() ** 2 / np.sum(w ** 2))
    return pd.Series(w, index=known.index), ess
