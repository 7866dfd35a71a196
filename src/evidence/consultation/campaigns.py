"""Campaigns: identical and near-identical submissions, grouped without chaining unrelated texts.

Texts are compared as sets of word 3-shingles (Jaccard similarity). Candidates
come from MinHash with banding (fixed hash seeds, so runs are identical): the texts that
share a band with a seed; each candidate's true Jaccard similarity to the seed is then
computed exactly. Groups are *stars*: the
most frequent remaining text is a seed and takes every remaining text whose similarity
**to the seed** is at least the threshold. So every member is within the bound of its
seed; two texts each a little like a third are never joined through it (single-linkage
chaining). A group of at least ``min_size`` submissions is a campaign. Every
submission stays counted; the campaign's seed text is what gets coded, once.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd

__all__ = ["CAMPAIGN_COLUMNS", "find_campaigns", "normalise_text"]

CAMPAIGN_COLUMNS = ["campaign", "question", "size", "identical", "seed_response", "min_similarity"]
_PRIME = (1 << 61) - 1
_N_HASH, _BAND = 96, 3


def normalise_text(text: str) -> str:
    """Lower case, letters and digits only, single spaces: what "identical" is judged on.

    >>> normalise_text("  Save  OUR library!! ")
    'save our library'
    """
    return " ".join(re.findall(r"[^\W_]+", str(text).lower()))


def _shingles(text: str) -> np.ndarray:
    words = text.split()
    grams = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]
    return np.unique(np.array([zlib.crc32(g.encode("utf-8")) for g in grams], dtype=np.uint64))


def _minhash(sets: list[np.ndarray]) -> np.ndarray:
    rng = np.random.default_rng(20261201)
    a = rng.integers(1, 1 << 31, _N_HASH, dtype=np.uint64)
    b = rng.integers(0, 1 << 31, _N_HASH, dtype=np.uint64)
    out = []
    for first in range(0, len(sets), 500):  # in chunks: hashes x shingles of every text would not fit
        chunk = sets[first:first + 500]
        flat = np.concatenate(chunk)
        starts = np.cumsum([0] + [len(s) for s in chunk[:-1]])
        values = (flat[None, :] * a[:, None] + b[:, None]) % np.uint64(_PRIME)
        out.append(np.minimum.reduceat(values, starts, axis=1).T)  # texts x hashes
    return np.concatenate(out)


def _buckets(signatures: np.ndarray) -> tuple[list[np.ndarray], list[list[int]]]:
    """The LSH buckets holding two or more texts, and for each text the buckets it is in."""
    members: list[np.ndarray] = []
    of_text: list[list[int]] = [[] for _ in range(len(signatures))]
    for start in range(0, _N_HASH, _BAND):
        keys = [row.tobytes() for row in np.ascontiguousarray(signatures[:, start:start + _BAND])]
        groups: dict[bytes, list[int]] = {}
        for i, key in enumerate(keys):
            groups.setdefault(key, []).append(i)
        for group in groups.values():
            if len(group) > 1:
                for i in group:
                    of_text[i].append(len(members))
                members.append(np.array(group))
    return members, of_text


def find_campaigns(answers: pd.DataFrame, *, threshold: float = 0.7, min_size: int = 10,
                   min_words: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group open answers into campaigns.

    Parameters
    ----------
    answers
        ``response_id``, ``question``, ``answer`` (open answers). Not modified.
    threshold
        Jaccard similarity of word 3-shingles to the seed that makes a member.
    min_size
        Submissions (identical or near) that make a campaign.
    min_words
        Shorter texts ("More buses.") are left alone: people agreeing is not a campaign.

    Returns
    -------
    (members, campaigns)
        ``members``: ``response_id``, ``question``, ``campaign``, ``similarity``, ``seed`` (one row per
        submission in a campaign); ``campaigns``: :data:`CAMPAIGN_COLUMNS`, largest first.
    """
    rows, groups = [], []
    for question, part in answers.groupby("question", sort=True):
        norm = part["answer"].map(normalise_text)
        long = norm.str.count(" ") + 1 >= min_words
        part, norm = part[long], norm[long]
        if len(part) < min_size:
            continue
        uniq = norm.value_counts()
        # Most frequent first, ties by text, so the seed of each group is fixed.
        texts = sorted(uniq.index, key=lambda t: (-uniq[t], t))
        count = np.array([uniq[t] for t in texts])
        sets = [_shingles(t) for t in texts]
        signatures = _minhash(sets)
        buckets, of_text = _buckets(signatures)
        pysets = [frozenset(x.tolist()) for x in sets]
        sizes = np.array([len(x) for x in sets])
        taken = np.zeros(len(texts), dtype=bool)
        for seed in range(len(texts)):
            if taken[seed]:
                continue
            cand = np.unique(np.concatenate([np.array([seed]), *(buckets[b] for b in of_text[seed])]))
            cand = cand[~taken[cand]]
            if count[cand].sum() < min_size:  # cannot make a campaign even if all were alike
                continue
            # MinHash's estimate first (cheap), with a safe margin: only then the exact similarity.
            estimate = (signatures[cand] == signatures[seed]).mean(axis=1)
            cand = cand[estimate >= threshold - 0.15]  # 3 standard errors of a 96-hash estimate
            if count[cand].sum() < min_size:
                continue
            mine = pysets[seed]
            inter = np.array([len(mine & pysets[j]) for j in cand], dtype=float)
            jac = inter / (sizes[cand] + sizes[seed] - inter)
            keep = jac >= threshold
            if count[cand[keep]].sum() < min_size:
                continue
            taken[cand[keep]] = True
            group = [(int(m), 1.0 if m == seed else float(j)) for m, j in zip(cand[keep], jac[keep])]
            groups.append((question, seed, texts, group, count))
        rows.append((question, part, norm))
    return _tables(groups, rows)


def _tables(groups: list, rows: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    groups.sort(key=lambda g: (-sum(g[4][m] for m, _ in g[3]), g[0], g[2][g[1]]))
    members, campaigns = [], []
    parts = {q: (part, norm) for q, part, norm in rows}
    for n, (question, seed, texts, group, count) in enumerate(groups, 1):
        ident = f"C{n:02d}"
        part, norm = parts[question]
        sim = pd.Series({texts[m]: j for m, j in group})
        inside = norm.isin(sim.index).to_numpy()
        mine, mine_norm = part[inside], norm[inside]
        seed_response = mine.loc[(mine_norm == texts[seed]).to_numpy(), "response_id"].sort_values().iloc[0]
        members.append(pd.DataFrame({"response_id": mine["response_id"].to_numpy(), "question": question,
                                     "campaign": ident, "similarity": mine_norm.map(sim).to_numpy(),
                                     "seed": seed_response}))
        campaigns.append({"campaign": ident, "question": question, "size": len(mine),
                          "identical": int(count[seed]), "seed_response": seed_response,
                          "min_similarity": round(min(j for _, j in group), 3)})
    member_frame = (pd.concat(members, ignore_index=True) if members else
                    pd.DataFrame(columns=["response_id", "question", "campaign", "similarity", "seed"]))
    return member_frame, pd.DataFrame(campaigns, columns=CAMPAIGN_COLUMNS)
