"""Aggregation of member areas: sums of counts, weighted means, refusals, completeness."""

from __future__ import annotations

import pandas as pd
import pytest

from evidence.aggregate import aggregate, membership
from evidence.errors import DataError

CATALOGUE = pd.DataFrame({
    "id": ["p", "r", "s", "d", "c"],
    "value_type": ["proportion", "rate", "score", "dsr", "count"],
    "multiplier": [100.0, 100000.0, 1.0, 100000.0, 1.0],
})
MEMBERS = pd.DataFrame({"member_code": ["L1", "L2", "L3"], "area_code": ["W1", "W1", "W2"],
                        "area_type": ["ward"] * 3})


def values(rows):
    frame = pd.DataFrame(rows, columns=["indicator_id", "area_code", "period", "value", "numerator", "denominator"])
    return frame.assign(year=frame["period"].str[:4].astype(int))


def test_proportion_sums_counts():
    v = values([("p", "L1", "2020", None, 5, 50), ("p", "L2", "2020", None, 15, 50), ("p", "L3", "2020", None, 1, 4)])
    out = aggregate(v, MEMBERS, CATALOGUE).set_index("area_code")
    assert out.loc["W1", "numerator"] == 20 and out.loc["W1", "denominator"] == 100
    assert out.loc["W1", "value"] == pytest.approx(20.0)
    assert out.loc["W2", "value"] == pytest.approx(25.0)
    assert out["aggregated"].all() and out["lower"].isna().all()


def test_rate_uses_multiplier():
    v = values([("r", "L1", "2020", None, 3, 1000), ("r", "L2", "2020", None, 7, 1000)])
    out = aggregate(v, MEMBERS, CATALOGUE).set_index("area_code")
    assert out.loc["W1", "value"] == pytest.approx(10 / 2000 * 100000)


def test_score_is_population_weighted():
    v = values([("s", "L1", "2019", 10.0, None, 1000), ("s", "L2", "2019", 40.0, None, 3000)])
    out = aggregate(v, MEMBERS, CATALOGUE).set_index("area_code")
    assert out.loc["W1", "value"] == pytest.approx((10 * 1000 + 40 * 3000) / 4000)
    assert pd.isna(out.loc["W1", "numerator"])


def test_score_with_external_weights():
    v = values([("s", "L1", "2019", 10.0, None, None), ("s", "L2", "2019", 40.0, None, None)])
    out = aggregate(v, MEMBERS, CATALOGUE, weights=pd.Series({"L1": 1.0, "L2": 1.0}))
    assert out.set_index("area_code").loc["W1", "value"] == pytest.approx(25.0)


def test_counts_add_up_without_denominators():
    v = values([("c", "L1", "2019", 3.0, None, None), ("c", "L2", "2019", 4.0, None, None)])
    out = aggregate(v, MEMBERS, CATALOGUE).set_index("area_code")
    assert out.loc["W1", "value"] == 7 and pd.isna(out.loc["W1", "denominator"])


def test_incomplete_areas_are_not_aggregated():
    v = values([("p", "L1", "2020", None, 5, 50), ("p", "L2", "2020", 12.0, None, None)])
    assert aggregate(v, MEMBERS, CATALOGUE).empty


def test_refuses_to_aggregate_without_counts_or_weights():
    v = values([("d", "L1", "2020", 100.0, None, None), ("d", "L2", "2020", 120.0, None, None)])
    with pytest.raises(DataError, match="Indicator 'd' \\(dsr\\) cannot be aggregated"):
        aggregate(v, MEMBERS, CATALOGUE, indicator_ids=["d"])
    with pytest.raises(DataError, match="no population weights"):
        aggregate(values([("s", "L1", "2019", 1.0, None, None)]), MEMBERS, CATALOGUE, indicator_ids=["s"])
    assert aggregate(v, MEMBERS, CATALOGUE).empty  # silently skipped when not asked for by name


def test_inputs_are_not_mutated():
    v = values([("c", "L1", "2019", 3.0, None, None), ("c", "L2", "2019", 4.0, None, None)])
    before = v.copy()
    aggregate(v, MEMBERS, CATALOGUE)
    pd.testing.assert_frame_equal(v, before)


def test_membership_levels_and_custom_areas():
    areas = pd.DataFrame({"area_code": ["L1", "L2", "W1", "D1", "N1"], "area_type": ["lsoa", "lsoa", "ward",
                                                                                 "district", "hood"],
                          "ward_code": ["W1", "W1", None, None, None], "district_code": ["D1", "D1", "D1", None, None]})
    m = membership(areas, ["lsoa", "ward", "district"], {"N1": ("W1",)})
    assert set(map(tuple, m.to_numpy())) == {("L1", "W1", "ward"), ("L2", "W1", "ward"), ("W1", "D1", "district"),
                                             ("W1", "N1", "hood")}
