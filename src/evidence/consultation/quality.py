"""Agreement between two coders who coded the same responses: Cohen's kappa per theme and overall.

For every response (and question) coded by at least two coders, the first two coders
(in name order) each said yes or no to every theme of the frame; kappa compares their
agreement with what chance would give. Kappa is computed here (a few lines) rather than
by scikit-learn so that it also works where the model is not used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["cohen_kappa", "coder_agreement"]


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two boolean ratings of the same items (NaN when undefined).

    >>> round(cohen_kappa(np.array([1, 1, 0, 0], bool), np.array([1, 0, 0, 0], bool)), 3)
    0.5
    """
    a, b = np.asarray(a, bool), np.asarray(b, bool)
    if not len(a):
        return float("nan")
    observed = float(np.mean(a == b))
    pa, pb = a.mean(), b.mean()
    chance = float(pa * pb + (1 - pa) * (1 - pb))
    return float("nan") if chance == 1 else (observed - chance) / (1 - chance)


def coder_agreement(codes: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """``theme`` (``"all themes"`` last), ``items`` (double-coded answers), ``agreement`` (share), ``kappa``."""
    codes = codes[codes["question"] != "event"]
    coders = codes.groupby(["response_id", "question"])["coder"].agg(lambda s: sorted(set(s)))
    double = coders[coders.map(len) >= 2]
    rows = []
    if double.empty:
        return pd.DataFrame(columns=["theme", "items", "agreement", "kappa"])
    keys = list(double.index)
    first = {k: v[0] for k, v in double.items()}
    second = {k: v[1] for k, v in double.items()}
    have = set(zip(codes["response_id"], codes["question"], codes["coder"], codes["theme"]))
    pooled_a, pooled_b = [], []
    for theme in themes:
        a = np.array([(r, q, first[(r, q)], theme) in have for r, q in keys])
        b = np.array([(r, q, second[(r, q)], theme) in have for r, q in keys])
        pooled_a.append(a)
        pooled_b.append(b)
        rows.append({"theme": theme, "items": len(keys), "agreement": float(np.mean(a == b)),
                     "kappa": cohen_kappa(a, b)})
    a, b = np.concatenate(pooled_a), np.concatenate(pooled_b)
    rows.append({"theme": "all themes", "items": len(keys), "agreement": float(np.mean(a == b)),
                 "kappa": cohen_kappa(a, b)})
    return pd.DataFrame(rows)
