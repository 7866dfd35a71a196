"""The priority score: known answers, weights, tie-breaking and the words."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.errors import DataError
from evidence.gaps import DEFAULT_WEIGHTS, priority_scores, theme_priorities


def _gaps(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "area_name", "indicator_id", "indicator_name", "theme",
                                       "judgement", "trend", "bad_gap_pct", "denominator", "comparator_name"])


GAPS = _gaps([
    ("A1", "Abbey", "crime", "Crime", "safer", "Worse", "Increasing and getting worse", 25.0, 1000.0, "England"),
    ("B1", "Bridge", "crime", "Crime", "safer", "Similar", "No significant change", 100.0, 10.0, "England"),
    ("C1", "Castle", "crime", "Crime", "safer", "Better", "Decreasing and getting better", -20.0, np.nan,
     "England"),
])


def test_known_scores():
    out = priority_scores(GAPS).set_index("area_code")
    assert out.at["A1", "score"] == pytest.approx(0.4 * 1 + 0.3 * 0.5 + 0.2 * 1 + 0.1 * 1)
    pop_b = math.log10(11) / math.log10(1001)
    assert out.at["B1", "c_gap"] == 1.0  # capped
    assert out.at["B1", "score"] == pytest.approx(0.3 + 0.1 * pop_b)
    assert out.at["C1", "score"] == 0.0  # Better counts 0 by default, negative gaps count 0
    assert out["rank"].to_dict() == {"A1": 1, "B1": 2, "C1": 3}
    penalised = priority_scores(GAPS, better=-1.0).set_index("area_code")
    assert penalised.at["C1", "score"] == pytest.approx(-0.4)


def test_explanations():
    out = priority_scores(GAPS).set_index("area_code")
    assert out.at["A1", "explanation"] == ("Abbey, Crime: ranked first (score 0.85) because it is significantly "
                                           "worse than England (25.0% worse), and getting worse; population 1,000.")
    assert "100.0% worse than England, though not significantly" in out.at["B1", "explanation"]
    assert out.at["C1", "explanation"].endswith("because it is not worse than England.")


def test_weights_are_a_mapping_and_checked():
    only_sig = priority_scores(GAPS, weights={"significance": 1.0}).set_index("area_code")
    assert only_sig["score"].to_dict() == {"A1": 1.0, "B1": 0.0, "C1": 0.0}
    with pytest.raises(DataError, match="Unknown priority weight.*Allowed: significance, gap, trend, population"):
        priority_scores(GAPS, weights={"size": 1.0})
    with pytest.raises(DataError, match="positive total"):
        priority_scores(GAPS, weights={"gap": -1.0, "trend": 2.0})
    assert sum(DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)


def test_population_given_per_area_and_as_share():
    out = priority_scores(GAPS, population=pd.Series({"A1": 500.0, "B1": 1000.0}),
                          population_scale="share").set_index("area_code")
    assert out["c_population"].to_dict() == {"A1": 0.5, "B1": 1.0, "C1": 0.0}


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(6))))
def test_ties_are_broken_the_same_way_whatever_the_input_order(order):
    rows = [(f"X{i}", f"Area {i}", ind, ind, "safer", "Worse", "", 10.0, 100.0, "England")
            for i in (3, 1, 2) for ind in ("b", "a")]
    gaps = _gaps(rows)
    ranked = priority_scores(gaps.iloc[list(order)])
    assert list(zip(ranked["area_code"], ranked["indicator_id"])) == [
        ("X1", "a"), ("X1", "b"), ("X2", "a"), ("X2", "b"), ("X3", "a"), ("X3", "b")]


def test_theme_ranking_in_words():
    rows = [("W1", "West", i, i, "safer", j, t, g, 100.0, "England") for i, j, t, g in [
        ("c1", "Worse", "Increasing and getting worse", 30.0), ("c2", "Worse", "", 10.0),
        ("c3", "Similar", "", 0.0)]]
    rows += [("W2", "East", "c1", "c1", "safer", "Similar", "", 5.0, 100.0, "England"),
             ("W2", "East", "h1", "h1", "healthy", "Worse", "", 10.0, 100.0, "England")]
    scores = priority_scores(_gaps(rows))
    themes = theme_priorities(scores, theme_names={"safer": "Safer", "healthy": "Healthy"},
                              theme_order=["safer", "healthy"])
    assert list(zip(themes["area_code"], themes["theme"])) == [("W2", "healthy"), ("W1", "safer"), ("W2", "safer")]
    w1 = themes.set_index(["area_code", "theme"]).loc[("W1", "safer")]
    # c1: 0.4 + 0.3 * 0.6 + 0.2 + 0.1 = 0.88; c2: 0.4 + 0.3 * 0.2 + 0.1 = 0.56; c3: 0.1 -> mean 0.5133
    assert w1["score"] == pytest.approx((0.88 + 0.56 + 0.1) / 3)
    assert (w1["n_indicators"], w1["n_worse"], w1["n_worsening"]) == (3, 2, 1)
    assert w1["explanation"] == ("West, Safer: ranked second (score 0.51) because it is significantly worse than "
                                 "England on 2 of 3 Safer indicators and 1 is getting worse.")
    w2 = themes.set_index(["area_code", "theme"]).loc[("W2", "safer")]
    assert "not significantly worse than England on any of its 1 Safer indicator" in w2["explanation"]


def test_inputs_are_not_changed():
    before = GAPS.copy()
    theme_priorities(priority_scores(GAPS))
    pd.testing.assert_frame_equal(GAPS, before)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Worse", "Similar", "Better", "Not compared"]),
                          st.sampled_from(["", "Increasing and getting worse", "Decreasing and getting better"]),
                          st.one_of(st.none(), st.floats(-500, 500)), st.one_of(st.none(), st.floats(1, 1e6))),
                min_size=1, max_size=12),
       st.dictionaries(st.sampled_from(list(DEFAULT_WEIGHTS)), st.floats(0.01, 5), min_size=1))
def test_scores_stay_between_the_bounds(rows, weights):
    gaps = _gaps([(f"A{i}", f"A{i}", "x", "x", "t", j, t, np.nan if g is None else g,
                   np.nan if d is None else d, "England") for i, (j, t, g, d) in enumerate(rows)])
    out = priority_scores(gaps, weights=weights, better=-1.0)
    share = weights.get("significance", 0.0) / sum(weights.values())
    assert (out["score"] >= -share - 1e-12).all() and (out["score"] <= 1 + 1e-12).all()
    assert out["rank"].tolist() == list(range(1, len(rows) + 1))
    assert out["score"].is_monotonic_decreasing


def test_voice_weight_is_off_by_default_and_counts_when_asked():
    voice = pd.Series([0.0, 0.5, 1.0], index=GAPS.index)
    plain = priority_scores(GAPS)
    assert "c_voice" not in plain.columns  # default: results as before, whatever the consultation says
    assert priority_scores(GAPS, voice=voice)["score"].tolist() == plain["score"].tolist()  # weight 0: ignored
    weights = {**DEFAULT_WEIGHTS, "voice": 1.0}
    assert priority_scores(GAPS, weights=weights)["score"].tolist() == plain["score"].tolist()  # no consultation
    heard = priority_scores(GAPS, weights=weights, voice=voice).set_index("area_code")
    a1 = 0.4 * 1 + 0.3 * 0.5 + 0.2 * 1 + 0.1 * 1
    assert heard.at["A1", "score"] == pytest.approx(a1 / 2.0)  # voice 0 on a total weight of 2
    assert heard.at["C1", "c_voice"] == 1.0 and heard.at["C1", "score"] == pytest.approx(0.5)
    assert "raised by 50% of consultation respondents" in heard.at["B1", "explanation"]
    with pytest.raises(DataError, match="positive total"):
        priority_scores(GAPS, weights={"voice": 1.0})  # what people said alone is not a priority score
