"""RAG status against targets: :mod:`evidence.targets`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import evidence.targets
from evidence.errors import DataError
from evidence.targets import (
    INTERVAL_LABELS,
    LABELS,
    STATUSES,
    range_interval,
    range_status,
    status_label,
    target_interval,
    target_status,
)


def test_public_api_is_pinned_and_sorted():
    assert evidence.targets.__all__ == sorted(evidence.targets.__all__)
    assert STATUSES == ("Green", "Amber", "Red", "Not assessed")


# ----------------------------------------------------------------- point target


def test_higher_is_better_point_status():
    result = target_status([75, 70, 69.9, 50], 70, "higher_is_better")
    assert result.tolist() == ["Green", "Green", "Red", "Red"]  # equal to the target meets it


def test_lower_is_better_point_status():
    result = target_status([5, 10, 10.1, 30], 10, "lower_is_better")
    assert result.tolist() == ["Green", "Green", "Red", "Red"]


def test_a_tolerance_makes_near_misses_amber():
    higher = target_status([70, 68, 67.99], 70, "higher_is_better", tolerance=2)
    lower = target_status([10, 12, 12.01], 10, "lower_is_better", tolerance=2)
    assert higher.tolist() == lower.tolist() == ["Green", "Amber", "Red"]
    # per-row tolerances; a missing tolerance means no amber band
    assert target_status([68, 68], 70, "higher_is_better", tolerance=[2, None]).tolist() == ["Amber", "Red"]


def test_missing_inputs_are_not_assessed():
    result = target_status([None, 80, 80, 80], [70, np.nan, 70, 70], ["higher_is_better", "higher_is_better", None, pd.NA])
    assert result.tolist() == ["Not assessed"] * 4


def test_polarity_can_vary_by_row_and_is_read_loosely():
    polarity = pd.Series([" Higher_is_Better", "lower_is_better", "higher_is_better"], index=["a", "b", "c"])
    values = pd.Series([80.0, 80.0, 60.0], index=["a", "b", "c"])
    result = target_status(values, 70, polarity)
    assert result.tolist() == ["Green", "Red", "Red"]
    assert result.index.tolist() == ["a", "b", "c"]


def test_result_is_categorical_with_every_status():
    result = target_status(pd.Series([1.0], index=["E07000078"]), 0, "higher_is_better")
    assert list(result.cat.categories) == list(STATUSES)
    assert result.index.tolist() == ["E07000078"]


def test_an_unknown_polarity_suggests_the_nearest_word():
    with pytest.raises(DataError, match=r"polarity is unknown in 2 rows: 0 \('higher_better'\), 1 \('higher_better'\)\. "
                                        r"Did you mean 'higher_is_better'\? Allowed: higher_is_better, lower_is_better\."):
        target_status([1, 2], 1, "higher_better")
    with pytest.raises(DataError, match=r"in 1 row: 'b' \('lowerisbetter'\)"):
        target_status(pd.Series([1, 2], index=["a", "b"]), 1, pd.Series(["higher_is_better", "lowerisbetter"], index=["a", "b"]))
    with pytest.raises(DataError, match="use range_status"):
        target_interval([1], [2], 1, "no_judgement")


def test_bad_shapes_and_tolerances_are_refused():
    with pytest.raises(DataError, match="tolerance is negative"):
        target_status([1], 1, "higher_is_better", tolerance=-1)
    with pytest.raises(DataError, match="polarity has 1 values but the other inputs have 2"):
        target_status([1, 2], 1, ["higher_is_better"])
    with pytest.raises(DataError, match="index differs"):
        target_status(pd.Series([1], index=["a"]), 1, pd.Series(["higher_is_better"], index=["b"]))


# -------------------------------------------------------------- interval target


def test_higher_is_better_interval_status():
    result = target_interval([71, 70, 65, 60, 60], [80, 75, 72, 70, 69.9], 70, "higher_is_better")
    # wholly above; touching from above; straddling; touching from below; wholly below
    assert result.tolist() == ["Green", "Green", "Amber", "Amber", "Red"]


def test_lower_is_better_interval_status():
    result = target_interval([5, 8, 9, 10, 10.1], [9, 10, 12, 15, 15], 10, "lower_is_better")
    assert result.tolist() == ["Green", "Green", "Amber", "Amber", "Red"]


def test_interval_status_refuses_crossed_limits_and_skips_missing_ones():
    with pytest.raises(DataError, match=r"lower is above upper in 1 row: 1 \(5 > 4\)"):
        target_interval([1, 5], [2, 4], 3, "higher_is_better")
    assert target_interval([None, 1], [2, None], 3, "higher_is_better").tolist() == ["Not assessed"] * 2


@settings(deadline=None)
@given(
    st.floats(-1e6, 1e6), st.floats(0, 1e3), st.floats(0, 1e3), st.floats(-1e6, 1e6),
    st.sampled_from(["higher_is_better", "lower_is_better"]),
)
def test_interval_status_agrees_with_the_point_status_of_its_limits(value, below, above, target, polarity):
    lower, upper = value - below, value + above
    interval = target_interval(lower, upper, target, polarity).iloc[0]
    at_limits = set(target_status([lower, upper], target, polarity))
    expected = "Green" if at_limits == {"Green"} else "Red" if at_limits == {"Red"} else "Amber"
    assert interval == expected
    # an interval of no width is judged like its point
    assert target_interval(value, value, target, polarity).iloc[0] == target_status(value, target, polarity).iloc[0]


# ------------------------------------------------------------------ range target


def test_range_status_includes_its_bounds():
    assert range_status([3.9, 4, 6, 9, 9.1], 4, 9).tolist() == ["Red", "Green", "Green", "Green", "Red"]


def test_range_status_with_a_tolerance():
    assert range_status([2.9, 3, 10, 10.5], 4, 9, tolerance=1).tolist() == ["Red", "Amber", "Amber", "Red"]


def test_range_status_checks_its_bounds_and_skips_missing_ones():
    with pytest.raises(DataError, match=r"low is above high in 1 row: 0 \(9 > 4\)"):
        range_status([5], 9, 4)
    assert range_status([5, None, 5], [4, 4, None], 9).tolist() == ["Green", "Not assessed", "Not assessed"]


def test_range_interval_status():
    result = range_interval([4, 5, 3, 8, 1, 10, 9.5, 3], [9, 6, 5, 10, 3.9, 12, 9.5, 10], 4, 9)
    # inside (touching both bounds); inside; straddling low; straddling high; below; above; above; covering
    assert result.tolist() == ["Green", "Green", "Amber", "Amber", "Red", "Red", "Red", "Amber"]
    with pytest.raises(DataError, match="lower is above upper"):
        range_interval([5], [4], 1, 9)
    assert range_interval([5], [6], [None], [9]).tolist() == ["Not assessed"]


# ------------------------------------------------------------------------ labels


def test_status_labels_for_reports():
    words = target_status([71, 69, 60, None], 70, "higher_is_better", tolerance=2)
    assert status_label(words).tolist() == ["Target met", "Close to target", "Target missed", "Not assessed"]
    straddles = target_interval([65], [75], 70, "higher_is_better")
    assert status_label(straddles, interval=True).tolist() == ["Too close to call"]
    assert set(LABELS) == set(INTERVAL_LABELS) == set(STATUSES)


def test_status_label_keeps_the_index_and_refuses_unknown_words():
    words = pd.Series(["Green", "Red"], index=["x", "y"])
    assert status_label(words).index.tolist() == ["x", "y"]
    with pytest.raises(DataError, match=r"Unknown status 'Gren' in 1 row\(s\)\. Did you mean 'Green'\?"):
        status_label(["Gren", "Red"])
