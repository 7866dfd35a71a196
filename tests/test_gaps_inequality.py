"""Inequality measures on constructed data, and the SII against independent calculations.

Reference for the SII: the method of PHEindicatormethods ``phe_sii`` (OHID/PHE; Low & Low,
J Public Health 2004;26:388-395). Its documentation gives a worked example of the relative
rank (a first decile with 12% of the population has rank 0.06, a second with 10% has
0.17), which we check. No published SII *value* for a small example was found (the
package's test expectations live in a binary spreadsheet, tests/testthat/testdata_SII.xlsx
in github.com/ukhsa-collaboration/PHEindicatormethods), so the SII is checked on the
package's own documented example data (Area1 deciles, from ``?phe_sii``) against an
independent weighted least-squares fit with ``numpy.polyfit`` and the closed-form
estimator published by the US National Cancer Institute (SEER HD*Calc, "Slope Index of
Inequality"), and on data that lie exactly on a line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.errors import DataError
from evidence.gaps import area_range, deprivation_fifths, fifth_gap, relative_rank, sii, slope_index

# ?phe_sii example, Area1: deciles 1 (most deprived) to 10
PHE_POP = np.array([7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534], dtype=float)
PHE_VALUE = np.array([75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3])


def test_relative_rank_matches_the_phe_worked_example():
    assert relative_rank(np.array([12.0, 10.0, 78.0])).round(2).tolist() == [0.06, 0.17, 0.61]


def test_sii_matches_numpy_weighted_least_squares_on_phe_example():
    s, r, c = sii(PHE_VALUE, PHE_POP)
    x = relative_rank(PHE_POP)
    slope, intercept = np.polyfit(x, PHE_VALUE, 1, w=np.sqrt(PHE_POP))  # polyfit weights residuals
    assert s == pytest.approx(slope, rel=1e-12)
    assert c == pytest.approx(intercept, rel=1e-12)
    assert r == pytest.approx((intercept + slope) / intercept, rel=1e-12)
    # SEER HD*Calc closed form: sum p R (mu - mu_bar) / (sum p R^2 - (sum p R)^2)
    p = PHE_POP / PHE_POP.sum()
    seer = np.sum(p * x * (PHE_VALUE - np.sum(p * PHE_VALUE))) / (np.sum(p * x * x) - np.sum(p * x) ** 2)
    assert s == pytest.approx(seer, rel=1e-12)
    assert 5.0 < s < 10.0  # life expectancy rises from the most to the least deprived end


def test_sii_of_values_on_a_line_is_the_line_slope():
    pop = np.array([100.0, 300.0, 200.0, 400.0])
    x = relative_rank(pop)
    s, r, c = sii(5 + 10 * x, pop)
    assert (s, c, r) == pytest.approx((10.0, 5.0, 3.0))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 100.0), st.floats(1.0, 1e5)), min_size=3, max_size=20),
       st.floats(-50, 50), st.floats(0.1, 10))
def test_sii_shift_and_scale(rows, shift, scale):
    y = np.array([v for v, _ in rows])
    pop = np.array([p for _, p in rows])
    s = sii(y, pop)[0]
    assert sii(y + shift, pop)[0] == pytest.approx(s, abs=1e-6)
    assert sii(scale * y, pop)[0] == pytest.approx(scale * s, abs=1e-6)
    assert sii(y, pop * 7.0)[0] == pytest.approx(s, abs=1e-6)


def test_sii_refuses_bad_input():
    with pytest.raises(DataError):
        sii(np.array([1.0, 2.0]), np.array([1.0, 0.0]))
    with pytest.raises(DataError):
        sii(np.array([1.0]), np.array([1.0]))


# --- a district D1 with 10 LSOAs in two wards -------------------------------------------
LSOAS = [f"L{i:02d}" for i in range(1, 11)]
AREAS = pd.DataFrame({
    "area_code": LSOAS + ["W1", "W2", "D1", "D2"],
    "area_name": [f"Lsoa {i}" for i in range(1, 11)] + ["West", "East", "District", "Other"],
    "area_type": ["lsoa"] * 10 + ["ward"] * 2 + ["district"] * 2,
    "ward_code": ["W1"] * 5 + ["W2"] * 5 + [None] * 4,
    "district_code": ["D1"] * 12 + [None] * 2,
})
INDICATORS = pd.DataFrame({
    "id": ["imd", "decile", "smk", "emp"], "name": ["IMD score", "IMD decile", "Smoking", "Employment"],
    "theme": ["x"] * 4, "unit": ["score", "decile", "%", "%"],
    "polarity": ["lower_is_better", "higher_is_better", "lower_is_better", "higher_is_better"],
    "multiplier": [1.0, 1.0, 100.0, 100.0],
})
SMK_NUM = [20, 10, 30, 30, 30, 30, 30, 30, 50, 30]
SMK_DEN = [200, 100, 100, 100, 100, 100, 100, 100, 200, 100]


def _rows() -> pd.DataFrame:
    rows = []
    for i, code in enumerate(LSOAS):
        rows.append(("imd", code, "2019", 2019, 10.0 * (i + 1), np.nan, np.nan))
        rows.append(("decile", code, "2019", 2019, float(10 - i), np.nan, np.nan))
        rows.append(("smk", code, "2020", 2020, 100 * SMK_NUM[i] / SMK_DEN[i], SMK_NUM[i], SMK_DEN[i]))
        rows.append(("smk", code, "2018", 2018, 99.0, 1, 1))  # an older period, ignored
        rows.append(("emp", code, "2020", 2020, 60.0 + i, np.nan, np.nan))  # no counts
    rows += [("smk", "W1", "2020", 2020, 15.0, np.nan, np.nan), ("smk", "W2", "2020", 2020, 25.0, np.nan, np.nan),
             ("smk", "D2", "2020", 2020, 1.0, np.nan, np.nan)]
    return pd.DataFrame(rows, columns=["indicator_id", "area_code", "period", "year", "value", "numerator",
                                       "denominator"])


VALUES = _rows()


def test_fifths_by_score_and_by_decile_agree():
    by_score = deprivation_fifths(VALUES, INDICATORS, AREAS, deprivation="imd", focus_area="D1")
    by_decile = deprivation_fifths(VALUES, INDICATORS, AREAS, deprivation="decile", focus_area="D1")
    assert by_score["area_code"].tolist() == LSOAS[::-1]  # highest score = most deprived first
    assert by_score["fifth"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert by_decile["area_code"].tolist() == by_score["area_code"].tolist()
    assert by_score["fifth_name"].iloc[0] == "Most deprived fifth"


def test_deprivation_without_polarity_is_refused():
    ind = INDICATORS.assign(polarity=["no_judgement", "higher_is_better", "lower_is_better", "higher_is_better"])
    with pytest.raises(DataError, match="which end is more deprived"):
        deprivation_fifths(VALUES, ind, AREAS, deprivation="imd", focus_area="D1")
    with pytest.raises(DataError, match="'nope' is not in the catalogue"):
        deprivation_fifths(VALUES, INDICATORS, AREAS, deprivation="nope", focus_area="D1")


def test_gap_between_fifths_from_pooled_counts():
    gaps = fifth_gap(VALUES, INDICATORS, AREAS, deprivation="imd", focus_area="D1").set_index("indicator_id")
    smk = gaps.loc["smk"]
    # most deprived fifth: L10 + L09 = (30 + 50) / (100 + 200); least: L02 + L01 = (10 + 20) / (100 + 200)
    assert smk["most_deprived"] == pytest.approx(80 / 3)
    assert smk["least_deprived"] == pytest.approx(10.0)
    assert smk["gap"] == pytest.approx(80 / 3 - 10) and smk["bad_gap"] == pytest.approx(80 / 3 - 10)
    assert smk["method"] == "pooled counts"
    assert smk["text"].startswith("Smoking: the gap between the most and least deprived fifth of D1's "
                                  "neighbourhoods (ranked within D1) is 16.7 percentage points (26.7% against 10.0%)")
    assert smk["text"].endswith("the most deprived fifth is higher, worse.")
    emp = gaps.loc["emp"]  # no counts: plain means; higher is better, so lower in deprived areas is worse
    assert emp["most_deprived"] == pytest.approx(68.5) and emp["least_deprived"] == pytest.approx(60.5)
    assert emp["method"] == "mean" and emp["bad_gap"] == pytest.approx(-8.0)
    assert "imd" not in gaps.index and "decile" in gaps.index


def test_gap_between_fifths_needs_five_areas():
    four = VALUES[VALUES["area_code"].isin(LSOAS[:4])]
    gaps = fifth_gap(four, INDICATORS, AREAS, deprivation="imd", focus_area="D1").set_index("indicator_id")
    assert np.isnan(gaps.at["smk", "gap"])
    assert "cannot be calculated" in gaps.at["smk", "text"]


def test_slope_index_per_indicator():
    table = slope_index(VALUES, INDICATORS, AREAS, deprivation="imd", focus_area="D1").set_index("indicator_id")
    assert set(table.index) == {"smk"}  # only smk has denominators
    order = LSOAS[::-1]
    value = np.array([100 * SMK_NUM[LSOAS.index(c)] / SMK_DEN[LSOAS.index(c)] for c in order])
    pop = np.array([SMK_DEN[LSOAS.index(c)] for c in order], dtype=float)
    expected = sii(value, pop)
    assert table.at["smk", "sii"] == pytest.approx(expected[0])
    assert table.at["smk", "rii"] == pytest.approx(expected[1])
    assert table.at["smk", "n_areas"] == 10
    assert "slope index of inequality is" in table.at["smk", "text"]
    few = slope_index(VALUES, INDICATORS, AREAS, deprivation="imd", focus_area="D1", min_areas=11)
    assert np.isnan(few["sii"].iloc[0]) and "Not computed: 10 areas" in few["note"].iloc[0]


def test_best_and_worst_wards():
    table = area_range(VALUES, INDICATORS, AREAS, focus_area="D1", area_type="ward").set_index("indicator_id")
    row = table.loc["smk"]
    assert (row["best_name"], row["worst_name"], row["range"]) == ("West", "East", pytest.approx(10.0))
    assert row["text"] == ("Smoking: 25.0% in East against 15.0% in West, a range of 10.0 percentage points "
                           "across 2 wards.")


def test_inputs_are_not_changed():
    before = VALUES.copy()
    fifth_gap(VALUES, INDICATORS, AREAS, deprivation="imd", focus_area="D1")
    slope_index(VALUES, INDICATORS, AREAS, deprivation="imd", focus_area="D1")
    pd.testing.assert_frame_equal(VALUES, before)
