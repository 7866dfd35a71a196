"""Candidate themes for building the coding frame: a topic model over the open answers.

Non-negative matrix factorisation of TF-IDF word counts (scikit-learn, fixed seed) gives
``n`` groups of words that tend to occur together, with the answers that load most on
each. These are suggestions for the analysts who keep the frame, never findings: nothing
here is published, and nothing is coded with them.
"""

from __future__ import annotations

import warnings

import pandas as pd

__all__ = ["suggest_themes"]


def suggest_themes(texts: pd.Series, n: int = 8, *, words: int = 8, examples: int = 3) -> pd.DataFrame:
    """``topic`` (1..n), ``words`` (the top words, ``;``-separated), ``answers`` (how many load most on it)
    and ``examples`` (the ids, from ``texts``' index, of the answers that load most).

    >>> t = pd.Series(["buses late", "bus fares high", "buses cut", "litter everywhere", "litter and rubbish",
    ...                "rubbish bins"] * 3)
    >>> [w.split(";")[0] for w in suggest_themes(t, 2, words=2)["words"]]
    ['litter', 'buses']
    """
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = texts.fillna("").astype(str)
    vectoriser = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.5)
    matrix = vectoriser.fit_transform(texts.to_numpy())
    n = max(1, min(n, matrix.shape[1]))
    model = NMF(n_components=n, init="nndsvd", random_state=0, max_iter=400)
    with warnings.catch_warnings():  # a few hundred iterations are plenty for suggestions
        warnings.simplefilter("ignore", ConvergenceWarning)
        loads = model.fit_transform(matrix)
    vocab = vectoriser.get_feature_names_out()
    best = loads.argmax(axis=1)
    rows = []
    for k, component in enumerate(model.components_):
        top = [str(vocab[i]) for i in component.argsort()[::-1][:words]]
        order = loads[:, k].argsort()[::-1][:examples]
        rows.append({"topic": k + 1, "words": ";".join(top), "answers": int((best == k).sum()),
                     "examples": ";".join(str(texts.index[i]) for i in order)})
    return pd.DataFrame(rows).sort_values(["answers", "topic"], ascending=[False, True]).reset_index(drop=True)
