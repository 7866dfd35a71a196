"""The consultation's parts on small real inputs: campaigns, redaction, agreement, language, disclosure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.consultation.campaigns import find_campaigns
from evidence.consultation.language import other_language
from evidence.consultation.quality import cohen_kappa
from evidence.consultation.redact import has_personal_data, redact
from evidence.consultation.tables import protect

A = "please save our village library it is the heart of the community and used by children every day"
B = "please save our village hall it is the heart of the community and used by older people every week"


def _answers(texts):
    return pd.DataFrame({"response_id": [f"R{i:03d}" for i in range(len(texts))], "question": "q", "answer": texts})


def test_campaign_counts_every_submission():
    members, camps = find_campaigns(_answers([A] * 30 + [A.replace("every day", "each day")] * 5), min_size=10)
    assert len(camps) == 1 and camps["size"].iloc[0] == 35 and camps["identical"].iloc[0] == 30


def test_campaigns_do_not_chain():
    """A ~ M and M ~ B but A is far from B: a star around a seed never joins A and B through M."""
    a_words, b_words = A.split(), B.split()
    middle = " ".join(a_words[:9] + b_words[9:])
    texts = [A] * 20 + [middle] * 12 + [B] * 20
    members, camps = find_campaigns(_answers(texts), threshold=0.45, min_size=10)
    for ident, group in members.groupby("campaign"):
        got = set(_answers(texts).set_index("response_id").loc[group["response_id"], "answer"])
        assert not {A, B} <= got, ident
        assert group["similarity"].min() >= 0.45


def test_short_agreement_is_not_a_campaign():
    assert find_campaigns(_answers(["More buses please."] * 50))[1].empty


def test_redaction():
    text = ("Mail a.b@example.co.uk, call +44 7700 900123 or 01632 960001, see https://x.org/p and "
            "www.site.org.uk, tweet @jo_b, I'm at DS1 2AB, ask Dave Pritchard")
    out = redact(text, ["Dave Pritchard"])
    assert not has_personal_data(out, ["Dave Pritchard"])
    for gone in ("example", "7700", "01632", "x.org", "site.org", "@jo_b", "DS1 2AB", "Pritchard"):
        assert gone not in out, gone


def test_kappa_reference():
    # Two raters, 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa 0.4 (textbook example).
    a = np.array([1] * 25 + [0] * 25, bool)
    b = np.array([1] * 20 + [0] * 5 + [1] * 10 + [0] * 15, bool)
    assert round(cohen_kappa(a, b), 3) == 0.4


def test_other_language():
    flags = other_language(pd.Series(["Potholes everywhere, roads terrible", "Mae angen mwy o fysiau yn y pentrefi",
                                      "ہمارے علاقے میں بسیں بہت کم ہیں"]))
    assert flags.tolist() == [False, True, True]


def test_secondary_suppression_across_parts():
    frame = pd.DataFrame({"theme": "t", "area": ["A", "B", "C"], "count": [3, 40, 50], "base": 93,
                          "share": [0.03, 0.4, 0.5]})
    out = protect(frame, ["theme"], "area", 5)
    assert out["suppressed"].tolist() == [True, True, False]  # B hidden too: A = total - B - C otherwise
