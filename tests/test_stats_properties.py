"""Properties every interval in :mod:`evidence.stats` must have, checked with Hypothesis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.stats import dsr, mean, proportion, rate

# Each example builds a few small DataFrames; the first call into scipy can be slow.
PROPERTY = settings(deadline=None, max_examples=100)

LEVELS = st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.998]) | st.floats(0.5, 0.9999)
COUNTS = st.integers(0, 2_000_000)
DENOMINATORS = st.integers(1, 50_000_000)


@st.composite
def counts_within(draw, size=st.integers(1, 30)):
    """Numerators and denominators, each numerator at most its denominator."""
    n = draw(size)
    denominators = draw(st.lists(DENOMINATORS, min_size=n, max_size=n))
    numerators = [draw(st.integers(0, d)) for d in denominators]
    return np.array(numerators, dtype=float), np.array(denominators, dtype=float)


@st.composite
def age_bands(draw, groups=st.integers(1, 4), bands=st.integers(1, 8)):
    """A DSR input: ``groups`` areas of ``bands`` rows, and a standard population."""
    g, b = draw(groups), draw(bands)
    rows = g * b
    return (
        pd.DataFrame(
            {
                "area": np.repeat([f"A{i}" for i in range(g)], b),
                "deaths": draw(st.lists(st.integers(0, 5_000), min_size=rows, max_size=rows)),
                "people": draw(st.lists(st.integers(1, 500_000), min_size=rows, max_size=rows)),
            }
        ),
        np.array(draw(st.lists(st.integers(1, 10_000), min_size=b, max_size=b)), dtype=float),
    )


SAMPLES = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=40)


# --------------------------------------------------------- interval contains value


@PROPERTY
@given(counts_within(), LEVELS)
def test_proportion_and_rate_intervals_contain_the_value(counts, level):
    x, n = counts
    for result in (proportion(x, n, level=level), rate(x, n, level=level)):
        assert (result["lower"] <= result["value"]).all()
        assert (result["value"] <= result["upper"]).all()
        assert (result["lower"] >= 0).all()
    assert (proportion(x, n, level=level)["upper"] <= 100).all()


@PROPERTY
@given(age_bands(), LEVELS)
def test_dsr_interval_contains_the_value(bands, level):
    data, standard = bands
    result = dsr(data, "deaths", "people", standard=standard, by="area", level=level).dropna()
    assert (result["lower"] <= result["value"]).all() and (result["value"] <= result["upper"]).all()


@PROPERTY
@given(SAMPLES, LEVELS)
def test_mean_interval_contains_the_value(values, level):
    result = mean(values, level=level).iloc[0]
    assert result["lower"] <= result["value"] <= result["upper"]


# ------------------------------------------------------- wider level, wider interval


def _contains(wide: pd.DataFrame, narrow: pd.DataFrame) -> bool:
    both = wide[["lower", "upper"]].notna().all(axis=1)
    return bool(
        (wide.loc[both, "lower"] <= narrow.loc[both, "lower"]).all()
        and (narrow.loc[both, "upper"] <= wide.loc[both, "upper"]).all()
    )


@PROPERTY
@given(counts_within())
def test_the_998_interval_contains_the_95_interval(counts):
    x, n = counts
    assert _contains(proportion(x, n, level=0.998), proportion(x, n, level=0.95))
    assert _contains(rate(x, n, level=0.998), rate(x, n, level=0.95))


@PROPERTY
@given(age_bands(), SAMPLES)
def test_the_998_interval_contains_the_95_interval_for_dsrs_and_means(bands, values):
    data, standard = bands
    assert _contains(
        dsr(data, "deaths", "people", standard=standard, by="area", level=0.998),
        dsr(data, "deaths", "people", standard=standard, by="area", level=0.95),
    )
    assert _contains(mean(values, level=0.998), mean(values, level=0.95))


# ---------------------------------------------------------- monotone in the count


@PROPERTY
@given(st.integers(1, 200), st.integers(1, 10_000_000), LEVELS)
def test_limits_rise_with_the_count_when_the_denominator_is_fixed(top, denominator, level):
    # Whole counts: the reference method switches from exact to Byar's limits between 9
    # and 10 events, and is monotone across the switch for whole counts only.
    counts = np.arange(0, min(top, denominator) + 1, dtype=float)
    for method in (proportion, rate):
        result = method(counts, denominator, level=level)
        assert (np.diff(result["lower"]) >= 0).all(), method.__name__
        assert (np.diff(result["upper"]) >= 0).all(), method.__name__


@PROPERTY
@given(st.integers(10, 5_000), st.integers(1, 10_000), LEVELS)
def test_a_dsr_rises_with_the_count_in_any_band(total, extra, level):
    data = pd.DataFrame({"deaths": [total, 5, 5], "people": [50_000, 20_000, 10_000]})
    more = data.assign(deaths=[total + extra, 5, 5])
    low, high = (dsr(frame, "deaths", "people", standard=[3, 2, 1], level=level).iloc[0] for frame in (data, more))
    assert low["value"] < high["value"] and low["upper"] < high["upper"] and low["lower"] < high["lower"]


# ------------------------------------------------------------ missing in, missing out


@PROPERTY
@given(counts_within(size=st.integers(2, 20)), st.data())
def test_missing_inputs_give_missing_rows_and_leave_the_others_alone(counts, data):
    x, n = counts
    holes = np.array(data.draw(st.lists(st.booleans(), min_size=len(x), max_size=len(x))))
    which = data.draw(st.sampled_from(["numerator", "denominator"]))
    marker = data.draw(st.sampled_from([None, np.nan, pd.NA]))
    x_in = pd.Series(x, dtype=object)
    n_in = pd.Series(n, dtype=object)
    (x_in if which == "numerator" else n_in)[holes] = marker
    for method in (proportion, rate):
        full = method(x, n)
        gappy = method(x_in, n_in)
        numbers = ["value", "lower", "upper"]
        assert gappy.loc[holes, numbers].isna().all().all()
        pd.testing.assert_frame_equal(gappy.loc[~holes], full.loc[~holes])


@PROPERTY
@given(SAMPLES, st.data())
def test_a_missing_value_makes_only_its_group_mean_missing(values, data):
    hole = data.draw(st.integers(0, len(values) - 1))
    frame = pd.DataFrame({"group": ["with"] * len(values) + ["without"] * len(values), "x": values + values})
    frame.loc[hole, "x"] = np.nan
    result = mean(frame, by="group")
    assert result.loc["with"].isna().all()
    pd.testing.assert_series_equal(result.loc["without"], mean(values).loc[0], check_names=False)


# ------------------------------------------------------ aggregate, then compute


@PROPERTY
@given(counts_within(size=st.integers(1, 12)), LEVELS)
def test_an_aggregate_from_summed_counts_is_the_weighted_mean_of_its_members(counts, level):
    """An aggregate area's value, computed from its members' summed numerators and
    denominators, is the denominator-weighted mean of the members' values; and an
    aggregate of a single member is that member."""
    x, n = counts
    for method in (proportion, rate):
        members = method(x, n, level=level)
        aggregate = method(x.sum(), n.sum(), level=level).iloc[0]
        assert aggregate["value"] == pytest.approx(np.average(members["value"], weights=n), rel=1e-9)
        pd.testing.assert_series_equal(method(x[:1].sum(), n[:1].sum(), level=level).iloc[0], members.iloc[0])


@PROPERTY
@given(age_bands(), LEVELS)
def test_grouped_dsrs_equal_each_group_computed_alone(bands, level):
    data, standard = bands
    together = dsr(data, "deaths", "people", standard=standard, by="area", level=level)
    for area, rows in data.groupby("area"):
        alone = dsr(rows, "deaths", "people", standard=standard, level=level).iloc[0]
        pd.testing.assert_series_equal(together.loc[area], alone, check_names=False, rtol=1e-12)


@PROPERTY
@given(age_bands(groups=st.just(1)), LEVELS)
def test_a_dsr_standardised_to_its_own_population_is_the_crude_rate(bands, level):
    data, _ = bands
    standardised = dsr(data, "deaths", "people", standard="people", level=level).iloc[0]
    crude = rate(data["deaths"].sum(), data["people"].sum(), level=level).iloc[0]
    if data["deaths"].sum() < 10:
        assert standardised.isna().all()
    else:
        np.testing.assert_allclose(standardised.to_numpy(dtype=float), crude[["value", "lower", "upper"]].to_numpy(dtype=float), rtol=1e-9)


@PROPERTY
@given(st.lists(SAMPLES, min_size=1, max_size=5), LEVELS)
def test_means_from_values_equal_means_from_their_summary_statistics(samples, level):
    frame = pd.concat([pd.DataFrame({"g": i, "x": s}) for i, s in enumerate(samples)], ignore_index=True)
    from_values = mean(frame, by="g", level=level)
    from_summary = mean(
        mean=[np.mean(s) for s in samples],
        sd=[np.std(s, ddof=1) for s in samples],
        n=[len(s) for s in samples],
        level=level,
    )
    np.testing.assert_allclose(from_values.to_numpy(), from_summary.to_numpy(), rtol=1e-9, atol=1e-6)


@PROPERTY
@given(st.lists(SAMPLES, min_size=1, max_size=5), LEVELS)
def test_pooling_groups_summary_statistics_equals_the_mean_of_all_their_values(samples, level):
    """Aggregating groups (pooled n, mean and sd from each group's n, mean and sd), then
    computing, equals computing on all the values at once."""
    sizes = np.array([len(s) for s in samples], dtype=float)
    means = np.array([np.mean(s) for s in samples])
    sds = np.array([np.std(s, ddof=1) for s in samples])
    total = sizes.sum()
    pooled_mean = (sizes * means).sum() / total
    squares = ((sizes - 1) * sds**2 + sizes * (means - pooled_mean) ** 2).sum()
    pooled = mean(mean=pooled_mean, sd=np.sqrt(squares / (total - 1)), n=total, level=level)
    everything = mean(np.concatenate(samples), level=level)
    np.testing.assert_allclose(pooled.to_numpy(), everything.to_numpy(), rtol=1e-9, atol=1e-6)
