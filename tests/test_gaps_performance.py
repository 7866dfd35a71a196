"""Performance gaps on constructed values with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evidence.errors import DataError
from evidence.gaps import focus_worse_than_england, performance_gaps, worse_and_worsening

INDICATORS = pd.DataFrame({
    "id": ["low", "high", "none"], "name": ["Crime", "Employment", "Births"], "theme": ["safer", "work", "work"],
    "theme_name": ["Safer", "Work", "Work"], "unit": ["per 1,000", "%", "count"],
    "polarity": ["lower_is_better", "higher_is_better", "no_judgement"],
    "value_type": ["rate", "proportion", "count"], "multiplier": [1000.0, 100.0, 1.0],
}).astype({"id": "string", "polarity": "string"})


def _values(rows: list[dict]) -> pd.DataFrame:
    base = {"area_type": "ward", "numerator": np.nan, "denominator": np.nan, "comparator_code": "D1",
            "comparator_value": 10.0, "judgement": "Similar", "trend": "No significant change"}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["period"] = frame["year"].astype(str)
    # the evidence base stores these as categoricals
    for column in ("judgement", "trend", "comparator_code"):
        frame[column] = frame[column].astype("category")
    return frame


VALUES = _values([
    {"indicator_id": "low", "area_code": "W1", "year": 2019, "value": 50.0},   # older period: ignored
    {"indicator_id": "low", "area_code": "W1", "year": 2020, "value": 12.0, "judgement": "Worse",
     "trend": "Increasing and getting worse", "denominator": 2000.0},
    {"indicator_id": "low", "area_code": "W2", "year": 2020, "value": 8.0, "judgement": "Better"},
    {"indicator_id": "high", "area_code": "W1", "year": 2020, "value": 12.0, "judgement": "Better"},
    {"indicator_id": "high", "area_code": "W2", "year": 2020, "value": 7.5, "judgement": "Worse",
     "trend": "No significant change"},
    {"indicator_id": "none", "area_code": "W1", "year": 2020, "value": 12.0, "judgement": "Higher"},
    {"indicator_id": "none", "area_code": "W2", "year": 2020, "value": 3.0, "comparator_value": 0.0},
    {"indicator_id": "low", "area_code": "D1", "area_type": "district", "year": 2020, "value": 10.0,
     "comparator_code": None, "comparator_value": np.nan, "judgement": "Not compared"},
])


def _row(frame: pd.DataFrame, indicator: str, area: str) -> pd.Series:
    match = frame[(frame["indicator_id"] == indicator) & (frame["area_code"] == area)]
    assert len(match) == 1
    return match.iloc[0]


def test_gap_is_signed_by_polarity():
    gaps = performance_gaps(VALUES, INDICATORS)
    low = _row(gaps, "low", "W1")
    assert (low["gap"], low["gap_pct"], low["bad_gap"], low["bad_gap_pct"]) == pytest.approx((2, 20, 2, 20))
    high = _row(gaps, "high", "W1")  # higher is better and it is higher: the bad-direction gap is negative
    assert (high["gap_pct"], high["bad_gap_pct"]) == pytest.approx((20, -20))
    high2 = _row(gaps, "high", "W2")
    assert high2["bad_gap_pct"] == pytest.approx(25.0)
    assert np.isnan(_row(gaps, "none", "W1")["bad_gap"])
    assert _row(gaps, "none", "W1")["gap"] == pytest.approx(2.0)


def test_latest_period_only_and_comparators_dropped():
    gaps = performance_gaps(VALUES, INDICATORS)
    assert set(gaps["year"]) == {2020}
    assert "D1" not in set(gaps["area_code"])  # the comparator itself has no benchmark
    assert len(gaps) == 6


def test_zero_benchmark_gives_no_relative_gap():
    gaps = performance_gaps(VALUES, INDICATORS)
    row = _row(gaps, "none", "W2")
    assert row["gap"] == pytest.approx(3.0) and np.isnan(row["gap_pct"])


def test_judgement_and_trend_are_carried_as_text():
    gaps = performance_gaps(VALUES, INDICATORS)
    row = _row(gaps, "low", "W1")
    assert row["judgement"] == "Worse" and row["trend"] == "Increasing and getting worse"


def test_a_chosen_period():
    gaps = performance_gaps(VALUES, INDICATORS, period="2019")
    assert gaps["value"].tolist() == [50.0]
    with pytest.raises(DataError, match="2018"):
        performance_gaps(VALUES, INDICATORS, period="2018")


def test_inputs_are_not_changed():
    before_v, before_i = VALUES.copy(), INDICATORS.copy()
    performance_gaps(VALUES, INDICATORS)
    pd.testing.assert_frame_equal(VALUES, before_v)
    pd.testing.assert_frame_equal(INDICATORS, before_i)


def test_indicator_missing_from_catalogue_is_named():
    with pytest.raises(DataError, match="'?low'?"):
        performance_gaps(VALUES, INDICATORS[INDICATORS["id"] != "low"])


def test_worse_and_worsening():
    gaps = performance_gaps(VALUES, INDICATORS)
    rows = worse_and_worsening(gaps)
    assert list(zip(rows["indicator_id"], rows["area_code"])) == [("low", "W1")]


COMPARISONS = pd.DataFrame({
    "indicator_id": ["low", "low", "high", "low"], "area_code": ["W1", "W1", "W1", "D1"],
    "period": ["2020", "2020", "2020", "2020"], "comparator": ["district", "england", "england", "england"],
    "comparator_code": ["D1", "E92000001", "E92000001", "E92000001"],
    "comparator_value": [10.0, 8.0, 15.0, 8.0], "comparison": ["Higher", "Higher", "Lower", "Higher"],
    "judgement": ["Worse", "Worse", "Worse", "Worse"],
}).astype({"comparator": "category", "judgement": "category"})


def test_gap_to_another_comparator():
    gaps = performance_gaps(VALUES, INDICATORS, comparisons=COMPARISONS, comparator="england")
    assert set(zip(gaps["indicator_id"], gaps["area_code"])) == {("low", "W1"), ("high", "W1"), ("low", "D1")}
    assert _row(gaps, "low", "W1")["gap_pct"] == pytest.approx(50.0)
    assert _row(gaps, "high", "W1")["bad_gap_pct"] == pytest.approx(20.0)
    with pytest.raises(DataError, match="Comparators present: district, england"):
        performance_gaps(VALUES, INDICATORS, comparisons=COMPARISONS, comparator="region")
    with pytest.raises(DataError, match="comparisons table"):
        performance_gaps(VALUES, INDICATORS, comparator="england")


def test_focus_area_worse_than_england():
    rows = focus_worse_than_england(VALUES, COMPARISONS, INDICATORS, "D1")
    assert rows["indicator_id"].tolist() == ["low"]
    assert rows["text"].iloc[0] == "Crime: 10.0 per 1,000 against 8.0 per 1,000 for England, 25.0% worse"
    with pytest.raises(DataError, match="focus area 'X9'"):
        focus_worse_than_england(VALUES, COMPARISONS, INDICATORS, "X9")
