"""Tests for evidence.compare: benchmark comparison, judgements, ranks and quintiles."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.compare import (
    COMPARISONS,
    JUDGEMENT_STYLE,
    JUDGEMENTS,
    TWO_LEVEL_JUDGEMENTS,
    compare,
    judge,
    rank_and_quintile,
    two_level,
)
from evidence.errors import DataError, UnknownNameError


def test_compare_basic_cases():
    lower = [1.0, 6.0, 2.0, 4.0, np.nan, 1.0]
    upper = [3.0, 8.0, 9.0, 5.0, 2.0, 2.0]
    bench = [5.0, 5.0, 5.0, 5.0, 5.0, np.nan]
    assert compare(lower, upper, bench).tolist() == [
        "Lower", "Higher", "Similar", "Similar", "Not compared", "Not compared"]


def test_touching_interval_is_similar():
    # Fingertips: lower <= benchmark <= upper is "Same", so touching is Similar
    assert compare([5.0, 2.0], [7.0, 5.0], 5.0).tolist() == ["Similar", "Similar"]


def test_compare_keeps_series_index_and_categories():
    lower = pd.Series([1.0, 6.0], index=["a", "b"])
    out = compare(lower, pd.Series([2.0, 7.0], index=["a", "b"]), 4.0)
    assert out.index.tolist() == ["a", "b"]
    assert list(out.cat.categories) == list(COMPARISONS)


def test_compare_rejects_different_lengths():
    with pytest.raises(DataError):
        compare([1.0, 2.0], [3.0], [1.0, 2.0])


@pytest.mark.parametrize(("polarity", "expected"), [
    ("higher_is_better", ["Better", "Worse", "Similar", "Not compared"]),
    ("lower_is_better", ["Worse", "Better", "Similar", "Not compared"]),
    ("no_judgement", ["Higher", "Lower", "Similar", "Not compared"]),
])
def test_judge_polarity(polarity, expected):
    assert judge(["Higher", "Lower", "Similar", "Not compared"], polarity).tolist() == expected


def test_judge_rejects_unknown_polarity_with_suggestion():
    with pytest.raises(UnknownNameError, match="higher_is_better"):
        judge(["Higher"], "higher_better")


def test_two_level_all_outcomes():
    # 95% interval (10, 12); 99.8% interval (9, 13)
    bench = [11, 10, 9.5, 9, 8.9, 12, 12.5, 13, 13.1]
    n = len(bench)
    out = two_level([10] * n, [12] * n, [9] * n, [13] * n, bench, "higher_is_better").tolist()
    assert out == ["Similar", "Similar", "Better (95%)", "Better (95%)", "Better (99.8%)",
                   "Similar", "Worse (95%)", "Worse (95%)", "Worse (99.8%)"]
    low = two_level([10] * n, [12] * n, [9] * n, [13] * n, bench, "lower_is_better").tolist()
    assert low[4] == "Worse (99.8%)" and low[8] == "Better (99.8%)"
    neutral = two_level([10] * n, [12] * n, [9] * n, [13] * n, bench, "no_judgement").tolist()
    assert neutral[2] == "Higher (95%)" and neutral[8] == "Lower (99.8%)"


def test_two_level_needs_both_intervals():
    out = two_level([10.0], [12.0], [np.nan], [13.0], [5.0], "higher_is_better")
    assert out.tolist() == ["Not compared"]


def test_every_word_has_a_colour_and_a_symbol():
    for word in set(JUDGEMENTS) | set(TWO_LEVEL_JUDGEMENTS):
        style = JUDGEMENT_STYLE[word]
        assert style["colour"].startswith("#") and len(style["colour"]) == 7
        assert style["symbol"]
    # symbols distinguish the judgements without colour
    symbols = [JUDGEMENT_STYLE[w]["symbol"] for w in JUDGEMENTS]
    assert len(set(symbols)) == len(symbols)


def test_rank_ties_missing_and_polarity():
    value = [5.0, 7.0, 7.0, np.nan, 1.0]
    high = rank_and_quintile(value, "higher_is_better", [0] * 5)
    assert high["rank"].tolist() == [3, 1, 1, pd.NA, 4]
    assert high["n_ranked"].tolist() == [4, 4, 4, pd.NA, 4]
    low = rank_and_quintile(value, "lower_is_better", [0] * 5)
    assert low["rank"].tolist() == [2, 3, 3, pd.NA, 1]
    none = rank_and_quintile(value, "no_judgement", [0] * 5)
    assert none["rank"].tolist() == high["rank"].tolist()
    # fewer than five values: no quintile
    assert high["quintile"].isna().all()


def test_rank_is_within_groups():
    out = rank_and_quintile([1.0, 2.0, 3.0, 10.0, 20.0], "higher_is_better", [0, 0, 0, 1, 1])
    assert out["rank"].tolist() == [3, 2, 1, 2, 1]
    assert out["n_ranked"].tolist() == [3, 3, 3, 2, 2]


def _net_round10(x):
    """.NET Math.Round(x, 10, AwayFromZero), step by step as the .NET runtime does it."""
    if abs(x) >= 1e16:
        return x
    scaled = x * 1e10
    frac, whole = math.modf(scaled)
    if abs(frac) >= 0.5:
        whole += math.copysign(1.0, frac)
    return whole / 1e10


def _fingertips_quintile(values, v):
    """Fingertips' QuintilesCalculator, written out loop by loop (category 1 = lowest)."""
    vals = sorted(values)
    count = len(vals)
    bounds = [vals[0]]
    for i in range(1, 5):
        n = (count - 1) * (0.2 * i) + 1
        if n == 1:
            bounds.append(vals[0])
        elif n == count:
            bounds.append(vals[-1])
        else:
            k = int(n)
            d = n - k
            bounds.append(_net_round10(vals[k - 1] + d * (vals[k] - vals[k - 1])))
    bounds.append(vals[-1])
    for category in range(1, 6):
        if v <= bounds[category]:
            return category
    raise AssertionError


def test_quintiles_follow_fingertips_percentile_bounds():
    value = [1.0, 2, 3, 4, 5, 7, 7, 8, 9, 10]
    high = rank_and_quintile(value, "higher_is_better", [0] * 10)["quintile"].tolist()
    low = rank_and_quintile(value, "lower_is_better", [0] * 10)["quintile"].tolist()
    fingertips = [_fingertips_quintile(value, v) for v in value]
    assert low == fingertips
    assert high == [6 - c for c in fingertips]
    assert high[9] == 1 and high[0] == 5  # highest value is in the first (best) fifth


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=5, max_size=40),
       st.sampled_from(["higher_is_better", "lower_is_better", "no_judgement"]))
def test_quintiles_match_reference_property(values, polarity):
    out = rank_and_quintile(values, polarity, [0] * len(values))["quintile"].tolist()
    ref = [_fingertips_quintile(values, v) for v in values]
    if polarity != "lower_is_better":
        ref = [6 - c for c in ref]
    assert out == ref


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-50, 50).map(float)), min_size=1, max_size=60),
       st.sampled_from(["higher_is_better", "lower_is_better", "no_judgement"]))
def test_rank_matches_pandas_min_rank(values, polarity):
    arr = np.array([np.nan if v is None else v for v in values])
    groups = np.arange(arr.size) % 3
    out = rank_and_quintile(arr, polarity, groups)
    ascending = polarity == "lower_is_better"
    expected = pd.Series(arr).groupby(groups).rank(method="min", ascending=ascending)
    assert out["rank"].astype("Float64").tolist() == pd.array(expected, dtype="Float64").tolist()
    # ranks of each group are a permutation of min-ranks: 1 is present when any value is
    for g in range(3):
        ranks = out["rank"][groups == g].dropna()
        if len(ranks):
            assert ranks.min() == 1 and ranks.max() <= len(ranks)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-100, 100), st.floats(0, 50), st.floats(-100, 100)),
                min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_compare_is_invariant_to_row_order(rows, rnd):
    lower = np.array([r[0] for r in rows])
    upper = lower + np.array([r[1] for r in rows])
    bench = np.array([r[2] for r in rows])
    base = compare(lower, upper, bench).tolist()
    perm = list(range(len(rows)))
    rnd.shuffle(perm)
    shuffled = compare(lower[perm], upper[perm], bench[perm]).tolist()
    assert shuffled == [base[p] for p in perm]
