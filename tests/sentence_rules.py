"""Rules every sentence of a gap analysis or profile must keep, checked on real data.

Each rule is a function of one sentence (or of the analysis tables) that returns what
is wrong, or None. They catch the sentences a board must never read: a group compared
with itself, an impossible statistic, a trend over one period, missing values presented
as a finding.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)% of (?:values|the|neighbourhood|households|areas)")
SELF_COMPARED = re.compile(r"in (?P<a>[\w ,'-]+?) areas against [-\d.]+% in (?P=a) areas")
SAME_PERIOD = re.compile(r"went from (?P<x>.+?) in (?P<p>\S+?) to (?P<y>.+?) in (?P=p)[.,; ]")
UNSUPPORTED = ("does not show its indicators as significantly worse", "not supported by the evidence")


def text_of(html: str) -> str:
    """The words of an HTML fragment, tags removed and entities decoded."""
    plain = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    plain = re.sub(r"<[^>]+>", " ", plain)
    for entity, char in (("&#39;", "'"), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'),
                         ("&#x27;", "'"), ("&nbsp;", " ")):
        plain = plain.replace(entity, char)
    return re.sub(r"\s+", " ", plain)


def sentences(text: str) -> list[str]:
    """Sentences of running text (split after . ! ? followed by a space and a capital)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.strip()]


def sentence_problems(sentence: str) -> list[str]:
    """What is wrong with one sentence, by the rules (empty when it is fine)."""
    found = []
    if SELF_COMPARED.search(sentence):
        found.append("a group compared with itself")
    for number in PERCENT.findall(sentence):
        if not 0 <= float(number) <= 100:
            found.append(f"a share of {number}%")
    m = SAME_PERIOD.search(sentence + " ")
    if m:
        found.append(f"a change within one period ({m.group('p')})")
    if re.search(r"relative index of inequality (?:is|of) -?0\.0+\b", sentence, flags=re.I):
        found.append("a relative index of inequality of zero")
    return found


def check_sentences(texts: dict[str, str]) -> list[str]:
    """Every broken sentence of ``texts`` (page name -> text), as 'page: problem: sentence'."""
    broken = []
    for page, text in texts.items():
        for sentence in sentences(text):
            for problem in sentence_problems(sentence):
                broken.append(f"{page}: {problem}: {sentence[:300]}")
    return broken


def analysis_problems(a) -> list[str]:
    """Rules on the gap analysis' tables behind the sentences."""
    found = []
    if a.sii is not None and len(a.sii):
        bad = a.sii[a.sii["rii"].notna() & ((a.sii["least_deprived_end"] <= 0) | (a.sii["most_deprived_end"] <= 0))]
        found += [f"RII {r.rii} from a non-positive end: {r.indicator_name}" for r in bad.itertuples()]
    for frame in (a.proof_rural, a.proof_fifths):
        if frame is not None and len(frame):
            share = pd.to_numeric(frame["share_worse"], errors="coerce")
            found += [f"share worse {s} outside 0-100%" for s in share[(share < 0) | (share > 100)]]
    if a.unsupported is not None and len(a.unsupported):
        wrong = a.unsupported[a.unsupported["text"].str.contains("|".join(UNSUPPORTED))
                              & (a.unsupported["missing_count"] > 0)]
        found += [f"'not supported' while values are missing: {t}" for t in wrong["text"]]
    if a.gaps is not None and "value" in a.gaps:
        shares = a.gaps[a.gaps["unit"].astype(str).isin(["%"])]
        vals = pd.to_numeric(shares["value"], errors="coerce")
        found += [f"a % value {v}" for v in vals[(vals < 0) | (vals > 100)] if np.isfinite(v)]
    return found
