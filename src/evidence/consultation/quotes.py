"""Representative quotes per theme: few, varied, trimmed, with personal data removed.

For each theme, the candidates are English answers coded with it (a person's codes
first, then rules, then the model), at most one per respondent and one per campaign
(the campaign's seed text stands for all of it), of a readable length. The pick is
deterministic (a hash of the response id and theme orders the candidates). Each quote is
redacted (:func:`evidence.consultation.redact.redact`) and trimmed at a word boundary.
It is attributed only by the respondent's group (``respondent_type``), and only when that
group has at least ``min_count`` respondents coded with the theme; otherwise "a respondent".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pandas as pd

from evidence.consultation.redact import redact

__all__ = ["QUOTE_COLUMNS", "pick_quotes", "trim"]

QUOTE_COLUMNS = ["theme", "question", "quote", "attribution", "source"]
_SOURCE_RANK = {"human": 0, "rule": 1, "model": 2}


def trim(text: str, length: int) -> str:
    """``text`` cut at the last word boundary before ``length`` characters, with an ellipsis.

    >>> trim("one two three four", 10)
    'one two…'
    """
    text = " ".join(str(text).split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def pick_quotes(coded: pd.DataFrame, answers: pd.DataFrame, respondents: pd.DataFrame, themes: Iterable[str], *,
                per_theme: int = 3, length: int = 240, min_count: int = 5, names: Iterable[str] = (),
                skip: set[tuple[str, str]] = frozenset()) -> pd.DataFrame:
    """:data:`QUOTE_COLUMNS`, ``per_theme`` rows per theme at most (``skip``: (response, question) to leave out)."""
    open_ = answers[answers["type"] == "open"]
    # Plain dicts: a pandas lookup per candidate was most of the time on 10,000 responses.
    texts = dict(zip(zip(open_["response_id"], open_["question"]), open_["answer"]))
    kind_series = respondents.set_index("response_id")["respondent_type"].dropna().astype(str)
    kind = dict(zip(kind_series.index, kind_series))
    names = list(names)
    rows = []
    for theme in themes:
        got = coded[coded["theme"] == theme]
        group_n = (got.assign(kind=got["response_id"].map(kind_series)).groupby("kind")["response_id"].nunique()
                   .to_dict())
        got = got[got["campaign"].isna() | (got["response_id"] == got.groupby("campaign")["response_id"]
                                            .transform("min"))]
        cand = []
        for r in got.itertuples(index=False):
            if (r.response_id, r.question) in skip:
                continue
            text = str(texts.get((r.response_id, r.question), ""))
            words = len(text.split())
            if not 6 <= words <= 400:
                continue
            order = hashlib.sha256(f"{theme}|{r.response_id}|{r.question}".encode()).hexdigest()
            cand.append((_SOURCE_RANK.get(r.source, 3), order, r.response_id, r.question, text, r.source))
        used: set[str] = set()
        for _, _, rid, question, text, source in sorted(cand):
            if rid in used:
                continue
            used.add(rid)
            group = kind.get(rid)
            who = group if group is not None and group_n.get(group, 0) >= min_count else "A respondent"
            rows.append({"theme": theme, "question": question, "quote": trim(redact(text, names), length),
                         "attribution": who, "source": source})
            if len(used) >= per_theme:
                break
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
