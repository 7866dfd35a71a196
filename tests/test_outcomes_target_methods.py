"""Target methods on constructed baselines with known answers, and the method registry."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.errors import DataError, UnknownNameError
from evidence.outcomes import TargetContext, Targets, get_target_method, register_target_method, target_method_names
from evidence.outcomes.target_methods import _REGISTRY

YEARS = (2021, 2022, 2023, 2024, 2025)


def ctx(baseline=20.0, polarity="lower_is_better", comparator=10.0, years=YEARS, history=None):
    history = pd.Series(history if history is not None else {2020: baseline}, dtype=float)
    return TargetContext(baseline, 2020, years, polarity, comparator, history)


def run(name, context, **params):
    return get_target_method(name)(context, params)


def test_reach_comparator_lower_is_better_straight_line():
    result = run("reach_comparator", ctx(), by=2025)
    assert result["year"].tolist() == list(YEARS)
    assert result["target"].tolist() == pytest.approx([18, 16, 14, 12, 10])
    assert result["low"].isna().all() and result["high"].isna().all()


def test_reach_comparator_higher_is_better_and_after_by():
    result = run("reach_comparator", ctx(baseline=10, comparator=20, polarity="higher_is_better"), by=2024)
    assert result["target"].tolist() == pytest.approx([12.5, 15, 17.5, 20, 20])


def test_reach_comparator_defaults_to_last_target_year():
    result = run("reach_comparator", ctx())
    assert result["target"].iloc[-1] == pytest.approx(10)
    assert result["target"].iloc[0] == pytest.approx(18)


def test_reach_comparator_already_better_holds_the_baseline():
    # lower is better and the baseline (20) is already above a comparator of 30: hold, never get worse
    result = run("reach_comparator", ctx(comparator=30))
    assert result["target"].tolist() == pytest.approx([20] * 5)


def test_reach_comparator_range_with_tolerance():
    result = run("reach_comparator", ctx(), by=2025, tolerance=1.5)
    assert result["low"].tolist() == pytest.approx([16.5, 14.5, 12.5, 10.5, 8.5])
    assert result["high"].tolist() == pytest.approx([19.5, 17.5, 15.5, 13.5, 11.5])


def test_reach_comparator_no_polarity_gives_range_towards_comparator():
    result = run("reach_comparator", ctx(polarity="no_judgement"), by=2025)
    assert result["low"].tolist() == pytest.approx([10] * 5)
    assert result["high"].tolist() == pytest.approx([18, 16, 14, 12, 10])


def test_reach_comparator_needs_a_comparator_value():
    with pytest.raises(DataError, match="comparator"):
        run("reach_comparator", ctx(comparator=float("nan")))


def test_close_gap_share_per_year():
    result = run("close_gap", ctx(), share=0.25)
    assert result["target"].tolist() == pytest.approx([17.5, 15, 12.5, 10, 10])


def test_close_gap_higher_is_better_and_already_better():
    up = run("close_gap", ctx(baseline=50, comparator=60, polarity="higher_is_better"), share=0.1)
    assert up["target"].tolist() == pytest.approx([51, 52, 53, 54, 55])
    held = run("close_gap", ctx(baseline=70, comparator=60, polarity="higher_is_better"), share=0.1)
    assert held["target"].tolist() == pytest.approx([70] * 5)


def test_hold_single_and_range():
    single = run("hold", ctx())
    assert single["target"].tolist() == pytest.approx([20] * 5) and single["low"].isna().all()
    ranged = run("hold", ctx(polarity="no_judgement"), tolerance=2)
    assert ranged["low"].tolist() == pytest.approx([18] * 5) and ranged["high"].tolist() == pytest.approx([22] * 5)
    point = run("hold", ctx(polarity="no_judgement"))
    assert point["low"].tolist() == pytest.approx([20] * 5) and point["high"].tolist() == pytest.approx([20] * 5)


def test_continue_trend_improving_trend_extends():
    history = {2016: 30, 2017: 28, 2018: 26, 2019: 24, 2020: 22}
    result = run("continue_trend", ctx(baseline=22, history=history, years=(2021, 2022, 2024)))
    assert result["target"].tolist() == pytest.approx([20, 18, 14])


def test_continue_trend_worsening_trend_holds():
    history = {2016: 30, 2017: 28, 2018: 26, 2019: 24, 2020: 22}
    result = run("continue_trend", ctx(baseline=22, polarity="higher_is_better", history=history, years=(2021, 2022)))
    assert result["target"].tolist() == pytest.approx([22, 22])


def test_continue_trend_uses_last_n_periods():
    history = {2016: 100, 2017: 0, 2018: 30, 2019: 28, 2020: 26}
    result = run("continue_trend", ctx(baseline=26, history=history, years=(2021,)), periods=3)
    assert result["target"].tolist() == pytest.approx([24])


def test_continue_trend_needs_two_points():
    with pytest.raises(DataError, match="at least 2"):
        run("continue_trend", ctx(history={2020: 20}))


def test_explicit_single_and_range():
    result = run("explicit", ctx(years=(2021, 2022)), values={2021: 19, 2022: [15, 17]})
    assert result["target"].tolist() == pytest.approx([19, 16])
    assert np.isnan(result["low"].iloc[0]) and result["low"].iloc[1] == 15 and result["high"].iloc[1] == 17


def test_builtin_names_and_checks():
    assert target_method_names() == sorted(target_method_names())
    assert {"reach_comparator", "close_gap", "hold", "continue_trend", "explicit"} <= set(target_method_names())
    assert get_target_method("close_gap").parameters == {"share": True, "tolerance": False}
    assert get_target_method("close_gap").check({"share": 1.5}, YEARS)
    assert not get_target_method("close_gap").check({"share": 0.5}, YEARS)
    assert get_target_method("explicit").check({"values": {2021: 1}}, (2021, 2022)) == [
        "'values' gives no target for 2022."]
    assert get_target_method("explicit").check({"values": {2021: [3, 1]}}, (2021,))
    assert get_target_method("hold").check({"tolerance": -1}, YEARS)
    assert get_target_method("reach_comparator").check({"by": "soon"}, YEARS)
    assert not get_target_method("reach_comparator").check({"by": 2027, "tolerance": 0.5}, YEARS)
    assert get_target_method("continue_trend").check({"periods": 1}, YEARS)
    with pytest.raises(DataError, match="no value for 2022"):
        run("explicit", ctx(years=(2021, 2022)), values={2021: 1})


def test_unknown_method_lists_allowed_names():
    with pytest.raises(UnknownNameError) as info:
        get_target_method("reach_comparater")
    message = str(info.value)
    assert "Did you mean 'reach_comparator'?" in message
    allowed = message.split("Allowed: ", 1)[1].rstrip(".").split(", ")
    assert allowed == target_method_names()  # every registered name, sorted
    assert {"close_gap", "continue_trend", "explicit", "hold", "reach_comparator"} <= set(allowed)


@pytest.fixture
def custom_method():
    @register_target_method("plus_step")
    def plus_step(ctx, *, step: float = 1.0):
        """Baseline plus ``step`` per year after the baseline year."""
        return Targets.single(ctx.years, [ctx.baseline + step * (y - ctx.baseline_year) for y in ctx.years])

    yield "plus_step"
    _REGISTRY.pop("plus_step", None)


def test_custom_method_is_registered_and_used(custom_method):
    assert custom_method in target_method_names()
    method = get_target_method("Plus_Step")  # names are not case sensitive
    assert method.parameters == {"step": False}
    assert method.description.startswith("Baseline plus")
    assert method(ctx(years=(2021, 2023)), {"step": 2})["target"].tolist() == [22, 26]
    with pytest.raises(DataError, match="already registered"):
        register_target_method("plus_step")(lambda ctx: None)


def test_method_returning_the_wrong_frame_is_an_error():
    @register_target_method("broken_method")
    def broken(ctx):
        return pd.DataFrame({"year": ctx.years})

    try:
        with pytest.raises(DataError, match="Targets.single"):
            get_target_method("broken_method")(ctx(), {})
    finally:
        _REGISTRY.pop("broken_method", None)


@settings(max_examples=60, deadline=None)
@given(baseline=st.floats(0, 1000), comparator=st.floats(0, 1000),
       polarity=st.sampled_from(["higher_is_better", "lower_is_better"]), share=st.floats(0.01, 1))
def test_targets_are_never_worse_than_the_baseline(baseline, comparator, polarity, share):
    context = ctx(baseline=baseline, comparator=comparator, polarity=polarity)
    sign = 1 if polarity == "higher_is_better" else -1
    for result in (run("reach_comparator", context), run("close_gap", context, share=share)):
        assert ((result["target"] - baseline) * sign >= -1e-9).all()
        # and never beyond the comparator
        if (comparator - baseline) * sign > 0:
            assert ((comparator - result["target"]) * sign >= -1e-9).all()
    assert run("reach_comparator", context)["target"].iloc[-1] == pytest.approx(
        comparator if (comparator - baseline) * sign > 0 else baseline)
