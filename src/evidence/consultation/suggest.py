"""Candidate themes for building the coding frame: a topic model over the open answers.

Non-negative matrix factorisation of TF-IDF word counts (scikit-learn, fixed seed) gives
``n`` groups of words that tend to occur together, with the answers that load most on
each. These are suggestions for the analysts who keep the frame, never findings: nothing
here is published, and nothing is coded with them.
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

__all__ = ["suggest_themes", "suggestion_lines"]


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


def suggestion_lines(project: Any, n: int) -> list[str]:
    """``evidence consult PROJECT --suggest-themes N``: candidate themes in words, for building the frame.

    Reads the project's consultation (every check ``validate`` makes) and proposes ``n``
    themes from the open answers not written in another language. Printed only: never
    written to a file, never published.
    """
    from evidence.config import read_config
    from evidence.consultation.language import other_language
    from evidence.consultation.reader import read_consultation
    from evidence.errors import EvidenceError
    from evidence.known import KnownNames

    if n < 1:
        raise EvidenceError(f"--suggest-themes needs a number of themes of at least 1, not {n}.")
    config, problems = read_config(project)
    problems.raise_if_errors()
    consultation = read_consultation(config, KnownNames.of(config), problems)
    problems.raise_if_errors()
    if consultation is None:
        raise EvidenceError("The project names no consultation: add 'consultation: consultation/consultation.yml' "
                            "to evidence.yml (see docs/consultation-format.md).")
    answers = consultation.answers
    open_ = answers[(answers["type"] == "open") & answers["answer"].fillna("").astype(str).str.strip().ne("")]
    open_ = open_[~other_language(open_["answer"]).to_numpy()]
    if len(open_) < 2:
        return ["Too few open answers to suggest themes from."]
    texts = pd.Series(open_["answer"].astype(str).to_numpy(), index=open_["response_id"].astype(str).to_numpy())
    found = suggest_themes(texts, n)
    lines = [f"{len(found)} candidate themes from {len(texts):,} open answers (suggestions to help build the coding "
             "frame: not findings, never published):"]
    for r in found.itertuples():
        examples = r.examples.replace(";", ", ")
        lines.append(f"  {r.topic}. {', '.join(r.words.split(';'))} ({r.answers:,} answers; e.g. {examples})")
    return lines
