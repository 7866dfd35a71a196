"""A theme classifier trained only on the analysts' codes, used only where it has earned it.

One TF-IDF vocabulary (words and word pairs) over every open answer and, per theme, a
logistic regression trained on the responses a person coded (coded with the theme:
positive; coded, but not with it: negative). A theme's model is cross-validated
(stratified 5 folds, fixed seed) before it is used: it codes responses only if the
theme has at least ``min_codes`` positive and as many negative codes and its F1
clears ``min_f1``. The quality table says, for every theme, how many codes it had, its
F1 with a bootstrap 95% interval, precision and recall, and in words why a model was
not used. scikit-learn is imported only here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["QUALITY_COLUMNS", "train_theme_models"]

QUALITY_COLUMNS = ["theme", "positives", "negatives", "f1", "f1_lower", "f1_upper", "precision", "recall", "used",
                   "why"]
SEED = 20261201


def _f1(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(y & p))
    prec = tp / max(1.0, float(np.sum(p)))
    rec = tp / max(1.0, float(np.sum(y)))
    return (2 * prec * rec / (prec + rec) if prec + rec else 0.0), prec, rec


def train_theme_models(texts: pd.Series, labels: pd.DataFrame, *, min_codes: int = 40, min_f1: float = 0.7,
                       n_boot: int = 200) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cross-validate and fit a model per theme; return (probabilities, quality).

    Parameters
    ----------
    texts
        Every text to score, indexed by a key (``response_id|question``).
    labels
        Human labels: index a subset of ``texts``' keys, one boolean column per theme.

    Returns
    -------
    (probabilities, quality)
        ``probabilities``: texts' index x used themes (probability of the theme);
        ``quality``: :data:`QUALITY_COLUMNS`, one row per theme of ``labels``.
    """
    quality, probs = [], {}
    trainable = [t for t in labels.columns if labels[t].sum() >= min_codes and (~labels[t]).sum() >= min_codes]
    for theme in labels.columns:
        if theme not in trainable:
            pos = int(labels[theme].sum())
            quality.append({"theme": theme, "positives": pos, "negatives": int(len(labels) - pos), "f1": np.nan,
                            "f1_lower": np.nan, "f1_upper": np.nan, "precision": np.nan, "recall": np.nan,
                            "used": False, "why": f"too few codes to learn from ({pos} coded with the theme; "
                                                  f"{min_codes} needed), so it is coded by rule or by hand only"})
    if not trainable:
        return pd.DataFrame(index=texts.index), pd.DataFrame(quality, columns=QUALITY_COLUMNS)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=20000, sublinear_tf=True)
    matrix = vectoriser.fit_transform(texts.fillna("").astype(str).to_numpy())
    position = pd.Series(np.arange(len(texts)), index=texts.index)
    train = matrix[position.reindex(labels.index).to_numpy()]
    rng = np.random.default_rng(SEED)
    boot = [rng.integers(0, len(labels), len(labels)) for _ in range(n_boot)]
    for theme in trainable:
        y = labels[theme].to_numpy(dtype=bool)
        model = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear", random_state=0)
        folds = StratifiedKFold(5, shuffle=True, random_state=0)
        predicted = cross_val_predict(model, train, y, cv=folds).astype(bool)
        f1, prec, rec = _f1(y, predicted)
        reps = np.array([_f1(y[i], predicted[i])[0] for i in boot])
        used = f1 >= min_f1
        why = "" if used else f"its cross-validated F1 ({f1:.2f}) is below the bar of {min_f1:.2f}, so it is " \
                              "coded by rule or by hand only"
        quality.append({"theme": theme, "positives": int(y.sum()), "negatives": int((~y).sum()), "f1": f1,
                        "f1_lower": float(np.quantile(reps, 0.025)), "f1_upper": float(np.quantile(reps, 0.975)),
                        "precision": prec, "recall": rec, "used": bool(used), "why": why})
        if used:
            model.fit(train, y)
            probs[theme] = model.predict_proba(matrix)[:, 1]
    order = {t: i for i, t in enumerate(labels.columns)}
    table = pd.DataFrame(quality, columns=QUALITY_COLUMNS).sort_values("theme", key=lambda s: s.map(order))
    return pd.DataFrame(probs, index=texts.index), table.reset_index(drop=True)
