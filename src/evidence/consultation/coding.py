"""Themes for every open answer, with provenance: a person's code, then a keyword rule, then the model.

Precedence is human > rule > model. An answer a person coded takes exactly the themes
they gave (every coder's, together); otherwise each theme whose keyword rule matches
is coded ``rule``; otherwise a theme whose model is used and is at least 50% sure is
coded ``model``. A campaign's text is coded once, on its seed, and every submission in
the campaign gets those codes. Answers in another language are not coded at all: they
go to the review queue with the answers the model is unsure about (within
``review_margin`` of 50%) and those no rule or model found a theme for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from evidence.consultation.frame import CodingFrame
from evidence.consultation.language import other_language
from evidence.consultation.model import train_theme_models

__all__ = ["CODED_COLUMNS", "REVIEW_COLUMNS", "Coding", "code_answers", "code_notes"]

CODED_COLUMNS = ["response_id", "question", "theme", "source", "probability", "campaign"]
REVIEW_COLUMNS = ["response_id", "question", "reason"]


@dataclass(frozen=True)
class Coding:
    """Coded answers, the review queue and the model's quality table."""

    coded: pd.DataFrame
    review: pd.DataFrame
    quality: pd.DataFrame
    other_language: pd.DataFrame  # response_id, question


def _key(frame: pd.DataFrame) -> pd.Series:
    return frame["response_id"].astype(str) + "|" + frame["question"].astype(str)


def code_answers(answers: pd.DataFrame, frame: CodingFrame, codes: pd.DataFrame, campaigns: pd.DataFrame, *,
                 min_codes: int = 40, min_f1: float = 0.7, review_margin: float = 0.15) -> Coding:
    """Code the open answers (``response_id``, ``question``, ``answer``); see the module docstring."""
    open_ = answers[answers["type"] == "open"].copy()
    open_["key"] = _key(open_)
    texts = pd.Series(open_["answer"].astype(str).to_numpy(), index=open_["key"].to_numpy())
    seed_of = pd.Series(dtype=object)
    campaign_of = pd.Series(dtype=object)
    if len(campaigns):
        member_keys = _key(campaigns)
        seed_of = pd.Series((campaigns["seed"].astype(str) + "|" + campaigns["question"].astype(str)).to_numpy(),
                            index=member_keys.to_numpy())
        campaign_of = pd.Series(campaigns["campaign"].to_numpy(), index=member_keys.to_numpy())
    coding_key = pd.Series(texts.index, index=texts.index)
    coding_key.update(seed_of[seed_of.index.isin(texts.index)])
    unique = texts[texts.index.isin(set(coding_key))]
    foreign = other_language(unique)
    human_codes = codes[codes["question"] != "event"]
    human = (_key(human_codes).to_frame("key").assign(theme=human_codes["theme"].to_numpy())
             .groupby("key")["theme"].agg(lambda s: sorted(set(s))))
    themes = frame.ids
    # Human labels for training: every coded answer in English, one boolean per theme.
    labelled = human[human.index.isin(unique.index[~foreign.to_numpy()])]
    labels = pd.DataFrame({t: labelled.map(lambda got, t=t: t in got) for t in themes}, index=labelled.index)
    english = unique[~foreign.to_numpy()]
    probs, quality = train_theme_models(english, labels, min_codes=min_codes, min_f1=min_f1)
    rules = pd.DataFrame({t.id: english.map(t.matches) for t in frame.themes}, index=english.index)
    rows, review = [], []
    rule_hits = rules.to_numpy(dtype=bool)
    model_themes = list(probs.columns)
    p_all = probs.to_numpy(dtype=float) if model_themes else np.zeros((len(english), 0))
    theme_names = [frame.theme(t).name for t in model_themes]
    model_pos = [themes.index(t) for t in model_themes]
    human_of = human.to_dict()  # a dict: one pandas lookup per answer was slow on 10,000 responses
    for pos, (key, text) in enumerate(zip(english.index, english.to_numpy())):
        got = human_of.get(key)
        if got is not None:
            rows.extend((key, t, "human", np.nan) for t in got)
            continue
        found = [t for t, hit in zip(themes, rule_hits[pos]) if hit]
        rows.extend((key, t, "rule", np.nan) for t in found)
        unsure, has_any = [], bool(found)
        for k, t in enumerate(model_themes):
            if rule_hits[pos, model_pos[k]]:
                continue
            p = float(p_all[pos, k])
            if p >= 0.5:
                rows.append((key, t, "model", round(p, 3)))
                has_any = True
            if abs(p - 0.5) < review_margin:
                unsure.append(f"{theme_names[k]} ({p:.0%})")
        if unsure:
            review.append((key, "the model is unsure about: " + ", ".join(unsure)))
        elif not has_any and len(text.split()) >= 5:
            review.append((key, "no theme found by rule or model"))
    for key in unique.index[foreign.to_numpy()]:
        review.append((key, "written in another language: for a person to read (not coded automatically)"))
    per_key = pd.DataFrame(rows, columns=["key", "theme", "source", "probability"])
    # Spread each coding key's codes to every submission that shares it (campaign members).
    spread = coding_key.rename("ckey").rename_axis("key").reset_index()
    coded = spread.merge(per_key.rename(columns={"key": "ckey"}), on="ckey", how="inner")
    # A campaign member a person coded on its own keeps that person's codes.
    own = coded["key"].isin(human.index) & (coded["key"] != coded["ckey"])
    coded = coded[~own]
    coding_of = coding_key.to_dict()
    extra = [(k, t, "human", np.nan) for k, got in human_of.items() if coding_of.get(k, k) != k for t in got]
    coded = pd.concat([coded.drop(columns="ckey"), pd.DataFrame(extra, columns=["key", "theme", "source",
                                                                                 "probability"])])
    order = {t: i for i, t in enumerate(themes)}
    coded = _split(coded, campaign_of)
    coded = coded.sort_values(["response_id", "question", "theme"], key=lambda s: s.map(order) if s.name == "theme"
                              else s, kind="stable").reset_index(drop=True)
    queue = _split(pd.DataFrame(review, columns=["key", "reason"]), campaign_of)[REVIEW_COLUMNS + ["campaign"]]
    foreign_keys = pd.DataFrame({"key": unique.index[foreign.to_numpy()]})
    return Coding(coded[CODED_COLUMNS], queue.sort_values(["response_id", "question"]).reset_index(drop=True),
                  quality, _split(foreign_keys, campaign_of)[["response_id", "question"]])


def _split(frame: pd.DataFrame, campaign_of: pd.Series) -> pd.DataFrame:
    parts = frame["key"].str.rsplit("|", n=1, expand=True) if len(frame) else pd.DataFrame(columns=[0, 1])
    out = frame.assign(response_id=parts[0].to_numpy() if len(frame) else [],
                       question=parts[1].to_numpy() if len(frame) else [])
    out["campaign"] = out["key"].map(campaign_of) if len(out) else []
    return out.drop(columns="key")


def code_notes(notes: pd.DataFrame, frame: CodingFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """``note_id``, ``event``, ``area``, ``theme``, ``source``: the note taker's or analysts' codes, else rules."""
    extra = codes[codes["question"] == "event"].groupby("response_id")["theme"].agg(list)
    rows = []
    for r in notes.itertuples(index=False):
        given = sorted(set(r.themes) | set(extra.get(r.note_id, [])))
        if given:
            rows.extend((r.note_id, r.event, r.area, t, "human") for t in given)
        else:
            rows.extend((r.note_id, r.event, r.area, t.id, "rule") for t in frame.themes if t.matches(r.point))
    return pd.DataFrame(rows, columns=["note_id", "event", "area", "theme", "source"])
