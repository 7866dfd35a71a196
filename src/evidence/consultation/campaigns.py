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
    return np.array(sorted({zlib.crc32(g.encode("utf-8")) for g in grams}), dtype=np.uint64)  # as np.unique


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


def _buckets(signatures: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The LSH buckets holding two or more texts, as two CSR maps (numpy, no Python loop per text).

    Returns ``(member_text, member_ptr, text_bucket, text_ptr)``: bucket ``b`` holds the texts
    ``member_text[member_ptr[b]:member_ptr[b + 1]]``; text ``t`` is in the buckets
    ``text_bucket[text_ptr[t]:text_ptr[t + 1]]``.
    """
    n = len(signatures)
    text_parts, bucket_parts, n_buckets = [], [], 0
    for start in range(0, _N_HASH, _BAND):
        band = np.ascontiguousarray(signatures[:, start:start + _BAND])
        _, inverse, counts = np.unique(band, axis=0, return_inverse=True, return_counts=True)
        inverse = inverse.ravel()
        shared = np.flatnonzero(counts[inverse] > 1)
        if not len(shared):
            continue
        kept, ids = np.unique(inverse[shared], return_inverse=True)
        text_parts.append(shared)
        bucket_parts.append(ids.ravel() + n_buckets)
        n_buckets += len(kept)
    texts = np.concatenate(text_parts) if text_parts else np.zeros(0, dtype=np.int64)
    buckets = np.concatenate(bucket_parts) if bucket_parts else np.zeros(0, dtype=np.int64)
    by_bucket = np.argsort(buckets, kind="stable")
    member_ptr = np.searchsorted(buckets[by_bucket], np.arange(n_buckets + 1))
    by_text = np.argsort(texts, kind="stable")
    text_ptr = np.searchsorted(texts[by_text], np.arange(n + 1))
    return texts[by_bucket], member_ptr, buckets[by_text], text_ptr


def _gather(values: np.ndarray, ptr: np.ndarray, which: np.ndarray) -> np.ndarray:
    """``values[ptr[w]:ptr[w + 1]]`` for every ``w`` in ``which``, concatenated."""
    starts = ptr[which]
    lengths = ptr[which + 1] - starts
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return values[offsets + np.arange(int(lengths.sum()))]


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
        uniq = norm.value_counts().to_dict()
        # Most frequent first, ties by text, so the seed of each group is fixed.
        texts = sorted(uniq, key=lambda t: (-uniq[t], t))
        count = np.array([uniq[t] for t in texts])
        sets = [_shingles(t) for t in texts]
        signatures = _minhash(sets)
        member_text, member_ptr, text_bucket, text_ptr = _buckets(signatures)
        # An upper bound on the submissions a seed could gather (its count and every bucket's):
        # a seed below min_size is skipped before any set is built.
        in_bucket = np.repeat(np.arange(len(member_ptr) - 1), np.diff(member_ptr))
        bucket_total = np.bincount(in_bucket, weights=count[member_text], minlength=len(member_ptr) - 1)
        of_text = np.repeat(np.arange(len(texts)), np.diff(text_ptr))
        bound = count + np.bincount(of_text, weights=bucket_total[text_bucket], minlength=len(texts))
        pysets = [frozenset(x.tolist()) for x in sets]
        sizes = np.array([len(x) for x in sets])
        taken = np.zeros(len(texts), dtype=bool)
        near = np.zeros(len(texts), dtype=bool)  # scratch: the texts sharing a bucket with the seed
        for seed in range(len(texts)):
            if taken[seed] or bound[seed] < min_size:
                continue
            mine_buckets = text_bucket[text_ptr[seed]:text_ptr[seed + 1]]
            shared = _gather(member_text, member_ptr, mine_buckets)
            near[shared] = True
            near[seed] = True
            cand = np.flatnonzero(near & ~taken)  # sorted, each once
            near[shared] = False
            near[seed] = False
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
    # Each question's answers once: the position of its text among the unique texts (one lookup
    # per answer, not one scan of every answer per campaign).
    parts = {}
    for question, part, norm in rows:
        texts = next((g[2] for g in groups if g[0] == question), None)
        if texts is not None:
            position = {t: i for i, t in enumerate(texts)}
            parts[question] = (part["response_id"].to_numpy(), np.array([position[t] for t in norm], dtype=np.int64))
    for n, (question, seed, texts, group, count) in enumerate(groups, 1):
        ident = f"C{n:02d}"
        ids, text_of = parts[question]
        sim = np.full(len(texts), np.nan)
        for m, j in group:
            sim[m] = j
        inside = ~np.isnan(sim[text_of])
        mine_ids, mine_text = ids[inside], text_of[inside]
        seed_response = sorted(mine_ids[mine_text == seed])[0]
        members.append(pd.DataFrame({"response_id": mine_ids, "question": question,
                                     "campaign": ident, "similarity": sim[mine_text],
                                     "seed": seed_response}))
        campaigns.append({"campaign": ident, "question": question, "size": len(mine_ids),
                          "identical": int(count[seed]), "seed_response": seed_response,
                          "min_similarity": round(min(j for _, j in group), 3)})
    member_frame = (pd.concat(members, ignore_index=True) if members else
                    pd.DataFrame(columns=["response_id", "question", "campaign", "similarity", "seed"]))
    return member_frame, pd.DataFrame(campaigns, columns=CAMPAIGN_COLUMNS)
