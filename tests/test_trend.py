"""Tests for evidence.trend: the Fingertips recent-trend marker."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from evidence.errors import DataError
from evidence.trend import CHI2_998, TRENDS, annual_periods, chi2_for_trend, recent_trend, wls_trend


def series(values=None, *, numerator=None, denominator=None, lower=None, upper=None,
           years=range(2015, 2020), polarity="lower_is_better", value_type="proportion",
           periods=None):
    years = list(years)
    n = len(years)
    frame = pd.DataFrame({
        "indicator_id": "I1", "area_code": "E01000001",
        "period": periods or [str(y) for y in years], "year": years,
        "value": np.nan if values is None else values,
        "numerator": np.nan if numerator is None else numerator,
        "denominator": np.nan if denominator is None else denominator,
        "lower": np.nan if lower is None else lower, "upper": np.nan if upper is None else upper,
        "polarity": polarity, "value_type": value_type}, index=range(n))
    if values is None and numerator is not None:
        frame["value"] = np.asarray(numerator, float) / np.asarray(denominator, float) * 100
    return frame


def last(frame, **kw):
    return recent_trend(frame, **kw).tolist()[-1]


def test_rising_proportion_lower_is_better_is_getting_worse():
    frame = series(numerator=[1000, 1100, 1200, 1300, 1400], denominator=[10000] * 5)
    assert last(frame) == "Increasing and getting worse"
    assert last(frame.assign(polarity="higher_is_better")) == "Increasing and getting better"
    assert last(frame.assign(polarity="no_judgement")) == "Increasing"
    falling = series(numerator=[1400, 1300, 1200, 1100, 1000], denominator=[10000] * 5)
    assert last(falling) == "Decreasing and getting better"


def test_flat_series_has_no_significant_change():
    frame = series(numerator=[1000, 1010, 995, 1005, 1000], denominator=[10000] * 5)
    assert last(frame) == "No significant change"


def test_single_outlier_fails_the_drop_one_rule():
    # flat apart from one huge last point: chi-squared is large, but dropping that
    # point reverses the slope, so Fingertips does not call it a trend
    r = [1010, 1000, 1000, 990, 3000]
    n = [10000] * 5
    chi2 = chi2_for_trend(np.array([r], float), np.array([n], float))[0]
    assert chi2 > CHI2_998
    without_last = np.polyfit(np.arange(1, 5), np.log(np.array(r[:4]) / (10000 - np.array(r[:4]))), 1)[0]
    assert without_last < 0  # the slope changes sign when the outlier is dropped
    assert last(series(numerator=r, denominator=n)) == "No significant change"


def test_fewer_than_five_points_cannot_be_calculated():
    frame = series(numerator=[1000, 1100, 1200, 1300], denominator=[10000] * 4,
                   years=range(2016, 2020))
    assert recent_trend(frame).tolist() == ["Cannot be calculated"] * 4


def test_gap_in_years_cannot_be_calculated():
    frame = series(numerator=[1000, 1100, 1200, 1300, 1400], denominator=[10000] * 5,
                   years=[2014, 2015, 2016, 2018, 2019])
    assert last(frame) == "Cannot be calculated"


def test_missing_counts_or_intervals_cannot_be_calculated():
    frame = series(numerator=[1000, 1100, np.nan, 1300, 1400], denominator=[10000] * 5)
    assert last(frame) == "Cannot be calculated"
    rates = series([1.0, 2, 3, 4, 5], lower=[0.9, 1.9, np.nan, 3.9, 4.9],
                   upper=[1.1, 2.1, 3.1, 4.1, 5.1], value_type="rate")
    assert last(rates) == "Cannot be calculated"


def test_multi_year_periods_are_not_annual():
    assert annual_periods(pd.Series(["2019", "2019/20", "2019-20", "2017 - 19", "2019/20 Q1"])).tolist() == [
        True, True, True, False, False]
    frame = series(numerator=[1000, 1100, 1200, 1300, 1400], denominator=[10000] * 5,
                   periods=["2013 - 15", "2014 - 16", "2015 - 17", "2016 - 18", "2017 - 19"])
    assert last(frame) == "Cannot be calculated"


def test_latest_only_labels_just_the_latest_row():
    frame = series(numerator=[900, 1000, 1100, 1200, 1300, 1400], denominator=[10000] * 6,
                   years=range(2014, 2020))
    everything = recent_trend(frame).tolist()
    assert everything[-2:] == ["Increasing and getting worse"] * 2
    latest = recent_trend(frame, latest_only=True)
    assert latest.isna().tolist() == [True] * 5 + [False]
    assert latest.iloc[-1] == "Increasing and getting worse"


def test_rows_in_any_order_and_several_series():
    a = series(numerator=[1000, 1100, 1200, 1300, 1400], denominator=[10000] * 5)
    b = series(numerator=[1000, 1005, 995, 1000, 1002], denominator=[10000] * 5).assign(area_code="E2")
    both = pd.concat([a, b], ignore_index=True).sample(frac=1, random_state=1)
    out = recent_trend(both)
    assert out.loc[4] == "Increasing and getting worse"
    assert out.loc[9] == "No significant change"
    assert out.index.equals(both.index)


def test_chi2_matches_scipy_linear_regression_formula():
    # The chi-squared test for trend equals N * r² of the regression of the 0/1
    # outcome on the period score over all individuals (Armitage); computed here
    # from scipy's weighted Pearson correlation of the expanded table.
    rng = np.random.default_rng(1)
    for _ in range(5):
        n = rng.integers(50, 200, 5).astype(float)
        r = np.array([rng.binomial(int(k), 0.3) for k in n], float)
        t = np.repeat(np.arange(1, 6), 2)
        y = np.tile([1, 0], 5)
        w = np.ravel(np.column_stack([r, n - r]))
        x_ind = np.repeat(t, w.astype(int))
        y_ind = np.repeat(y, w.astype(int))
        rho = sps.pearsonr(x_ind, y_ind).statistic
        expected = n.sum() * rho ** 2
        assert chi2_for_trend(r[None, :], n[None, :])[0] == pytest.approx(expected, rel=1e-9)


def test_wls_slope_matches_numpy_polyfit_with_weights():
    rng = np.random.default_rng(2)
    value = rng.normal(50, 5, (20, 5))
    half = rng.uniform(1, 5, (20, 5))
    slope, chi2 = wls_trend(value, value - half, value + half)
    se = 2 * half / 3.92
    for i in range(20):
        # polyfit weights multiply the residuals, so they are 1/se
        fit, cov = np.polyfit(np.arange(1, 6), value[i], 1, w=1 / se[i], cov="unscaled")
        assert slope[i] == pytest.approx(fit[0], rel=1e-9)
        assert chi2[i] == pytest.approx(fit[0] ** 2 / cov[0, 0], rel=1e-9)


def test_rate_with_steady_rise_and_tight_limits():
    v = np.array([100.0, 110, 120, 130, 140])
    frame = series(v, lower=v - 2, upper=v + 2, value_type="rate", polarity="higher_is_better")
    assert last(frame) == "Increasing and getting better"
    assert last(frame.assign(lower=v - 200, upper=v + 200)) == "No significant change"


def test_only_window_of_five_supported():
    with pytest.raises(DataError):
        recent_trend(series(numerator=[1] * 5, denominator=[10] * 5), window=3)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 5000), min_size=5, max_size=5),
       st.lists(st.integers(5000, 10000), min_size=5, max_size=5),
       st.sampled_from(["higher_is_better", "lower_is_better", "no_judgement"]))
def test_reversing_time_mirrors_the_direction(r, n, polarity):
    frame = series(numerator=r, denominator=n, polarity=polarity)
    backwards = series(numerator=r[::-1], denominator=n[::-1], polarity=polarity)
    a, b = last(frame), last(backwards)
    assert a in TRENDS and b in TRENDS
    flip = {"Increasing": "Decreasing", "Decreasing": "Increasing", "better": "worse",
            "worse": "better"}
    mirrored = " ".join(flip.get(word, word) for word in a.split(" "))
    if a not in ("No significant change", "Cannot be calculated"):
        assert b == mirrored
    else:
        assert b == a


def test_fingertips_published_series_diabetes_prevalence():
    # Fingertips indicator 241 "Diabetes: QOF prevalence (17+)", England, 2020-2024, as
    # used in dhsc-govuk/FingertipsNext TrendMarkerCalculatorTests; Fingertips shows
    # an increasing trend (the indicator has no polarity).
    r = [3455176, 3491868, 3625401, 3774801, 3938080]
    n = [48783947, 49122259, 49956777, 50649129, 51441896]
    frame = series(numerator=r, denominator=n, years=range(2020, 2025), polarity="no_judgement")
    assert last(frame) == "Increasing"
