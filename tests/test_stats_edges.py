"""The edge cases of :mod:`evidence.stats`: zeros, extremes, missing and bad inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import evidence.stats
from evidence.errors import DataError
from evidence.stats import dsr, mean, proportion, rate

COUNT_METHODS = [proportion, rate]


def test_public_api_is_pinned_and_sorted():
    assert evidence.stats.__all__ == ["dsr", "mean", "proportion", "rate"]
    assert evidence.stats.__all__ == sorted(evidence.stats.__all__)


# ------------------------------------------------------------ exact endpoints


@pytest.mark.parametrize("method", COUNT_METHODS)
@pytest.mark.parametrize("level", [0.95, 0.998, 0.5, 0.999999])
def test_zero_numerator_has_a_lower_limit_of_exactly_zero(method, level):
    result = method([0, 0, 0], [1, 7, 1e9], level=level)
    assert (result["lower"] == 0.0).all()
    assert (result["value"] == 0.0).all()
    assert (result["upper"] > 0).all()


@pytest.mark.parametrize("level", [0.95, 0.998, 0.5])
@pytest.mark.parametrize("multiplier", [1, 100, 1000, 37.5])
def test_numerator_equal_to_denominator_has_an_upper_limit_of_exactly_the_multiplier(level, multiplier):
    result = proportion([1, 7, 250_000, 0.3], [1, 7, 250_000, 0.3], multiplier=multiplier, level=level)
    assert (result["upper"] == multiplier).all()
    assert (result["value"] == multiplier).all()
    assert (result["lower"] < multiplier).all()


def test_rate_switches_from_exact_to_byar_at_ten():
    result = rate([0, 9, 9.99, 10, 11], 1000)
    assert result["method"].tolist() == ["exact_poisson"] * 3 + ["byar"] * 2
    assert list(result["method"].cat.categories) == ["byar", "exact_poisson"]


# --------------------------------------------------------------------- missing


MISSING = [None, np.nan, pd.NA, float("nan")]


@pytest.mark.parametrize("method", COUNT_METHODS)
@pytest.mark.parametrize("missing", MISSING, ids=repr)
def test_a_missing_numerator_or_denominator_gives_a_missing_row(method, missing):
    result = method(pd.Series([5, missing, 7, 3], dtype=object), pd.Series([10, 10, missing, 10], dtype=object))
    assert result.loc[[1, 2]].drop(columns="method", errors="ignore").isna().all().all()
    assert result.loc[[0, 3]].drop(columns="method", errors="ignore").notna().all().all()
    if method is rate:
        assert result["method"].isna().tolist() == [False, True, True, False]


@pytest.mark.parametrize("method", COUNT_METHODS)
def test_nullable_integer_columns_are_read_with_their_missing_values(method):
    frame = pd.DataFrame({"x": pd.array([3, None, 0], dtype="Int64"), "n": pd.array([9, 9, None], dtype="Int64")})
    result = method(frame["x"], frame["n"])
    assert result["value"].isna().tolist() == [False, True, True]


@pytest.mark.parametrize("method", COUNT_METHODS)
def test_a_missing_scalar_makes_every_row_missing(method):
    assert method([1, 2], None)["value"].isna().all()


def test_dsr_is_missing_for_a_group_with_a_missing_count_or_population():
    data = pd.DataFrame(
        {
            "area": ["A"] * 3 + ["B"] * 3 + ["C"] * 3,
            "deaths": [10, 20, 30, 10, None, 30, 10, 20, 30],
            "people": [1000, 1000, 1000, 1000, 1000, 1000, 1000, pd.NA, 1000],
        }
    )
    result = dsr(data, "deaths", "people", standard=[1, 2, 1], by="area")
    assert result.notna().all(axis=1).tolist() == [True, False, False]


def test_mean_is_missing_where_a_value_is_missing():
    scores = pd.DataFrame({"area": ["A", "A", "B", "B"], "score": [1.0, 2.0, np.nan, 4.0]})
    result = mean(scores, by="area")
    assert result.loc["A"].notna().all() and result.loc["B"].isna().all()
    assert mean(mean=[1.0, None], sd=[1.0, 1.0], n=[4, 4])["value"].isna().tolist() == [False, True]


# ------------------------------------------------------------------ bad counts


@pytest.mark.parametrize("method", COUNT_METHODS)
def test_a_negative_numerator_names_its_rows_and_values(method):
    numerator = pd.Series([5, -2, 3, -1], index=["E01000001", "E01000002", "E01000003", "E01000004"])
    with pytest.raises(DataError) as caught:
        method(numerator, 10)
    message = str(caught.value)
    assert "numerator is negative in 2 rows" in message
    assert "'E01000002' (-2)" in message and "'E01000004' (-1)" in message
    assert "E01000001" not in message


@pytest.mark.parametrize("method", COUNT_METHODS)
@pytest.mark.parametrize("bad", [0, -5])
def test_a_denominator_of_zero_or_below_names_its_rows(method, bad):
    with pytest.raises(DataError, match=rf"denominator is 0 or below in 1 row: 2 \({bad}\)"):
        method([1, 2, 0], [10, 10, bad])


def test_a_numerator_above_its_denominator_names_the_rows_for_a_proportion():
    with pytest.raises(DataError, match=r"numerator is greater than denominator in 1 row: 'b' \(11 > 10\)"):
        proportion(pd.Series([1, 11], index=["a", "b"]), pd.Series([10, 10], index=["a", "b"]))
    assert rate([11], [10])["value"].iloc[0] == pytest.approx(110_000)  # fine for a rate


def test_an_error_lists_ten_rows_and_counts_the_rest():
    with pytest.raises(DataError) as caught:
        rate(np.full(25, -1.0), 100)
    message = str(caught.value)
    assert "in 25 rows" in message
    assert "9 (-1)" in message and "10 (-1)" not in message
    assert "and 15 more" in message


def test_dsr_names_the_rows_of_bad_counts_and_populations():
    data = pd.DataFrame({"deaths": [1, -3, 5], "people": [10, 10, 0]}, index=["0-4", "5-9", "10-14"])
    with pytest.raises(DataError, match=r"deaths is negative in 1 row: '5-9' \(-3\)"):
        dsr(data, "deaths", "people", standard=[1, 1, 1])
    with pytest.raises(DataError, match=r"people is 0 or below in 1 row: '10-14' \(0\)"):
        dsr(data.assign(deaths=1), "deaths", "people", standard=[1, 1, 1])
    with pytest.raises(DataError, match="the standard population is negative"):
        dsr(data.assign(deaths=1, people=5), "deaths", "people", standard=[1, -1, 1])


def test_mean_rejects_a_negative_sd_and_an_n_below_one():
    with pytest.raises(DataError, match=r"sd is negative in 1 row: 1 \(-0.5\)"):
        mean(mean=[1, 2], sd=[1, -0.5], n=[5, 5])
    with pytest.raises(DataError, match=r"n is below 1 in 1 row: 0 \(0\)"):
        mean(mean=[1, 2], sd=[1, 1], n=[0, 5])


def test_infinite_and_non_numeric_inputs_are_rejected_by_row():
    with pytest.raises(DataError, match=r"denominator is infinite in 1 row: 1 \(inf\)"):
        rate([1, 2], [10, np.inf])
    with pytest.raises(DataError, match=r"numerator is not a number in 1 row: 'b' \('seven'\)"):
        proportion(pd.Series([1, "seven"], index=["a", "b"]), 10)
    with pytest.raises(DataError, match="must be a number"):
        rate("ten", 100)


# ------------------------------------------------------------------- levels


@pytest.mark.parametrize("level", [0.95, 0.998, 0.5, 0.01, 0.999999, np.float64(0.9)])
def test_any_level_strictly_between_zero_and_one_is_accepted(level):
    for method in COUNT_METHODS:
        assert method([5], [50], level=level)["lower"].notna().all()
    assert mean([1, 2, 3], level=level)["lower"].notna().all()


@pytest.mark.parametrize("level", [0, 1, -0.1, 1.5, 95, 99.8, "0.95", True, None, float("nan")])
def test_other_levels_raise(level):
    for call in (
        lambda: proportion([5], [50], level=level),
        lambda: rate([5], [50], level=level),
        lambda: mean([1, 2, 3], level=level),
        lambda: dsr(pd.DataFrame({"x": [10], "n": [100]}), "x", "n", standard=[1], level=level),
    ):
        with pytest.raises(DataError, match="level must be a confidence level between 0 and 1"):
            call()


def test_a_percentage_level_gets_a_hint():
    with pytest.raises(DataError, match=r"Did you mean 0\.95\?"):
        rate([5], [50], level=95)


@pytest.mark.parametrize("multiplier", [0, -100, np.nan, "100", None])
def test_a_bad_multiplier_raises(multiplier):
    with pytest.raises(DataError, match="multiplier must be a positive number"):
        proportion([5], [50], multiplier=multiplier)


# -------------------------------------------------------------- shape and index


@pytest.mark.parametrize("method", COUNT_METHODS)
def test_the_series_index_is_kept(method):
    index = pd.Index(["E07000078", "E07000079", "E07000080"], name="area_code")
    result = method(pd.Series([1, 2, 3], index=index), pd.Series([10, 20, 30], index=index))
    assert result.index.equals(index) and result.index.name == "area_code"
    assert list(result.columns[:3]) == ["value", "lower", "upper"]


@pytest.mark.parametrize("method", COUNT_METHODS)
def test_arrays_and_scalars_give_a_range_index(method):
    assert method(np.array([1, 2]), np.array([10, 20])).index.equals(pd.RangeIndex(2))
    assert method(3, 30).index.equals(pd.RangeIndex(1))
    assert method([1, 2, 3], 100).index.equals(pd.RangeIndex(3))  # a scalar is broadcast
    index = pd.Index([7, 8])
    assert method(pd.Series([1, 2], index=index), [10, 20]).index.equals(index)


@pytest.mark.parametrize("method", COUNT_METHODS)
def test_series_with_different_indexes_are_refused(method):
    with pytest.raises(DataError, match="different indexes"):
        method(pd.Series([1, 2], index=["a", "b"]), pd.Series([10, 20], index=["b", "a"]))
    with pytest.raises(DataError, match="has 3 values but the other inputs have 2"):
        method([1, 2], [10, 20, 30])
    with pytest.raises(DataError, match="not a DataFrame"):
        method(pd.DataFrame({"x": [1]}), 10)


def test_inputs_are_not_changed():
    numerator = pd.Series([0.0, 5.0, 10.0])
    denominator = np.array([10.0, 10.0, 10.0])
    data = pd.DataFrame({"deaths": [5, 6, 7], "people": [100, 100, 100]})
    before = numerator.copy(), denominator.copy(), data.copy()
    proportion(numerator, denominator)
    rate(numerator, denominator)
    dsr(data, "deaths", "people", standard=[1, 1, 1])
    result = mean(mean=numerator, sd=denominator, n=denominator)
    result.loc[0, "value"] = 99.0  # the result owns its memory
    pd.testing.assert_series_equal(numerator, before[0])
    np.testing.assert_array_equal(denominator, before[1])
    pd.testing.assert_frame_equal(data, before[2])


# ------------------------------------------------------------------------ DSR


def test_dsr_needs_ten_events_in_total():
    data = pd.DataFrame({"area": ["A"] * 3 + ["B"] * 3, "deaths": [3, 3, 3, 3, 3, 4], "people": [100] * 6})
    result = dsr(data, "deaths", "people", standard=[1, 1, 1], by="area")
    assert result.loc["A"].isna().all()  # 9 events
    assert result.loc["B"].notna().all()  # 10 events


def test_dsr_groups_by_several_columns_into_a_sorted_multiindex():
    data = pd.DataFrame(
        {"year": [2020, 2020, 2019, 2019], "sex": ["M", "M", "F", "F"], "d": [10, 20, 30, 40], "n": [1e3] * 4}
    )
    result = dsr(data, "d", "n", standard=[1, 3], by=["year", "sex"])
    assert result.index.names == ["year", "sex"]
    assert result.index.tolist() == [(2019, "F"), (2020, "M")]
    assert result.loc[(2020, "M"), "value"] == pytest.approx((10 + 3 * 20) / 4 / 1e3 * 1e5)


def test_dsr_defaults_to_the_european_standard_population_2013():
    data = pd.DataFrame({"d": [10] * 19, "n": [1000] * 19})
    assert dsr(data, "d", "n")["value"].iloc[0] == pytest.approx(1000.0)
    with pytest.raises(DataError, match="19 bands, so each group needs 19 rows.*data has 18 rows"):
        dsr(data.iloc[:18], "d", "n")


def test_dsr_names_the_groups_whose_rows_do_not_match_the_standard():
    data = pd.DataFrame({"area": ["A", "A", "B", "C", "C", "C"], "d": [5] * 6, "n": [100] * 6})
    with pytest.raises(DataError) as caught:
        dsr(data, "d", "n", standard=[1, 2], by="area")
    assert "2 group(s) by ['area'] differ: 'B' (1 rows), 'C' (3 rows)" in str(caught.value)


def test_dsr_reads_the_standard_from_a_column_in_any_row_order():
    data = pd.DataFrame({"band": [1, 0, 2], "d": [20, 10, 30], "n": [1e3] * 3, "std": [3.0, 1.0, 1.0]})
    shuffled = dsr(data, "d", "n", standard="std")
    ordered = dsr(data.sort_values("band"), "d", "n", standard=[1, 3, 1])
    pd.testing.assert_frame_equal(shuffled, ordered)


def test_dsr_names_a_missing_column():
    data = pd.DataFrame({"deaths": [10], "people": [100]})
    with pytest.raises(DataError, match=r"data has no column 'death'\. Did you mean 'deaths'\?"):
        dsr(data, "death", "people", standard=[1])
    with pytest.raises(DataError, match="must be a DataFrame"):
        dsr([1, 2, 3], "deaths", "people")


# ----------------------------------------------------------------------- mean


def test_mean_of_one_value_has_no_limits():
    result = mean([5.0])
    assert result["value"].iloc[0] == 5.0 and result[["lower", "upper"]].isna().all().all()
    assert mean(mean=5.0, sd=1.0, n=1)[["lower", "upper"]].isna().all().all()


def test_mean_refuses_mixed_or_incomplete_arguments():
    with pytest.raises(DataError, match="not both"):
        mean([1, 2], mean=[1])
    with pytest.raises(DataError, match="sd, n missing"):
        mean(mean=[1])
    with pytest.raises(DataError, match="must be a DataFrame"):
        mean([1, 2, 3], by="area")
    with pytest.raises(DataError, match="already one group"):
        mean(mean=[1], sd=[1], n=[2], by="area")


def test_mean_of_a_dataframe_needs_exactly_one_value_column():
    frame = pd.DataFrame({"area": ["A", "B"], "x": [1, 2], "y": [3, 4]})
    with pytest.raises(DataError, match=r"exactly one column of values; besides \['area'\] it has \['x', 'y'\]"):
        mean(frame, by="area")
    with pytest.raises(DataError, match=r"values has no column 'aera'\. Did you mean 'area'\?"):
        mean(frame[["area", "x"]], by="aera")
    one_column = mean(frame[["x"]])
    assert one_column["value"].iloc[0] == 1.5 and one_column.index.equals(pd.RangeIndex(1))
