"""Tests for evidence.enrich: the one pass behind `evidence build`."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from evidence.enrich import COMPARISON_COLUMNS, VALUE_COLUMNS, enrich
from evidence.errors import DataError, UnknownNameError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "evidence-base.md"
YEARS = range(2015, 2020)


def wilson(r, n, z):
    """Wilson score interval (Newcombe 1998, method 3), in percent."""
    p = r / n
    centre = 2 * r + z * z
    spread = z * np.sqrt(z * z + 4 * r * (1 - p))
    return 100 * (centre - spread) / (2 * (n + z * z)), 100 * (centre + spread) / (2 * (n + z * z))


def poisson_limits(count, level):
    """Byar's limits from 10 events, exact chi-squared limits below (PHE guide)."""
    z = sps.norm.ppf(1 - (1 - level) / 2)
    if count < 10:
        lo = sps.chi2.ppf((1 - level) / 2, 2 * count) / 2 if count > 0 else 0.0
        return lo, sps.chi2.ppf(1 - (1 - level) / 2, 2 * count + 2) / 2
    o1 = count + 1
    return (count * (1 - 1 / (9 * count) - z / (3 * np.sqrt(count))) ** 3,
            o1 * (1 - 1 / (9 * o1) + z / (3 * np.sqrt(o1))) ** 3)


def row(ind, code, atype, year, value=None, num=None, den=None, lower=None, upper=None):
    return {"indicator_id": ind, "area_code": code, "area_type": atype, "period": str(year),
            "year": year, "value": value, "numerator": num, "denominator": den,
            "lower": lower, "upper": upper, "source_file": f"{atype}.csv", "aggregated": atype == "ward"}


def make_inputs():
    """A small hand-made evidence base: three indicators, LSOAs, a ward, a district, England."""
    rows = []
    for k, y in enumerate(YEARS):
        # P: proportion, lower is better; L1 rises steeply, L2 and L3 are flat
        rows += [row("P", "L1", "lsoa", y, num=100 + 60 * k, den=1000),
                 row("P", "L2", "lsoa", y, num=100, den=1000),
                 row("P", "L3", "lsoa", y, num=300, den=1000),
                 row("P", "W1", "ward", y, num=400, den=4000),
                 row("P", "D1", "district", y, num=2000, den=10000),
                 row("P", "E92000001", "england", y, num=150000, den=1000000)]
        # R: rate per 100,000, higher is better; S: score with published limits only
        rows += [row("R", "L1", "lsoa", y, num=5, den=2000),
                 row("R", "D1", "district", y, num=400, den=100000),
                 row("S", "L1", "lsoa", y, value=20.0, lower=18.0, upper=22.0),
                 row("S", "L2", "lsoa", y, value=30.0, lower=29.0, upper=31.0),
                 row("S", "D1", "district", y, value=21.0, lower=20.5, upper=21.5)]
    values = pd.DataFrame(rows)
    indicators = pd.DataFrame({"id": ["P", "R", "S"],
                               "polarity": ["lower_is_better", "higher_is_better", "no_judgement"],
                               "value_type": ["proportion", "rate", "score"],
                               "multiplier": [100, 100000, 1]})
    areas = pd.DataFrame({
        "area_code": ["L1", "L2", "L3", "W1", "D1", "E92000001"],
        "area_type": ["lsoa", "lsoa", "lsoa", "ward", "district", "england"],
        "ward_code": ["W1", "W1", None, None, None, None],
        "district_code": ["D1", "D1", "D1", "D1", None, None]})
    comparators = {"lsoa": ["district", "england"], "ward": ["district", "england"],
                   "district": ["england"]}
    return values, indicators, areas, comparators


@pytest.fixture
def inputs():
    return make_inputs()


def pick(frame, ind, code, year, **more):
    mask = (frame["indicator_id"] == ind) & (frame["area_code"] == code) & (frame["period"] == str(year))
    for k, v in more.items():
        mask &= frame[k] == v
    out = frame[mask]
    assert len(out) == 1
    return out.iloc[0]


def test_columns_are_exactly_the_documented_ones(inputs):
    out, comp = enrich(*inputs)
    assert tuple(out.columns) == VALUE_COLUMNS
    assert tuple(comp.columns) == COMPARISON_COLUMNS
    text = DOCS.read_text()
    section = text.split("## `values.parquet`")[1].split("## `comparisons.parquet`")[0]
    documented = [c for cell in re.findall(r"^\| ([^|]+) \|", section, re.M)
                  for c in re.findall(r"`([a-z_0-9]+)`", cell)]
    assert documented == list(VALUE_COLUMNS)
    comp_doc = text.split("## `comparisons.parquet`")[1].split("##")[0]
    assert re.findall(r"`([a-z_0-9]+)`", comp_doc.split("(the config token")[0]) + re.findall(
        r"`([a-z_0-9]+)`", comp_doc.split("`district`),")[1]) == list(COMPARISON_COLUMNS)


def test_proportion_row_every_column(inputs):
    out, _ = enrich(*inputs)
    r = pick(out, "P", "L1", 2019)
    assert r["value"] == pytest.approx(34.0)
    lo, hi = wilson(340.0, 1000.0, sps.norm.ppf(0.975))
    assert (r["lower"], r["upper"]) == (pytest.approx(lo), pytest.approx(hi))
    lo8, hi8 = wilson(340.0, 1000.0, sps.norm.ppf(0.999))
    assert (r["lower_998"], r["upper_998"]) == (pytest.approx(lo8), pytest.approx(hi8))
    assert r["ci_method"] == "wilson"
    assert r["comparator_code"] == "D1" and r["comparator_value"] == pytest.approx(20.0)
    assert r["comparison"] == "Higher" and r["judgement"] == "Worse"  # lower is better
    # ranks among the three LSOAs of D1: L2 (10%) best, L3 (30%), L1 (34%) worst
    assert (r["rank"], r["n_ranked"]) == (3, 3)
    assert pick(out, "P", "L2", 2019)["rank"] == 1
    assert pd.isna(r["quintile"])  # fewer than five areas
    assert r["trend"] == "Increasing and getting worse"
    assert pick(out, "P", "L2", 2019)["trend"] == "No significant change"
    assert pick(out, "P", "L1", 2018)["trend"] == "Cannot be calculated"  # only four years
    assert r["source_file"] == "lsoa.csv" and not r["aggregated"]
    assert (r["area_type"], r["year"], r["numerator"], r["denominator"]) == ("lsoa", 2019, 340, 1000)


def test_similar_and_england_rows(inputs):
    out, _ = enrich(*inputs)
    d = pick(out, "P", "D1", 2017)
    assert d["comparator_code"] == "E92000001" and d["comparator_value"] == pytest.approx(15.0)
    assert d["comparison"] == "Higher" and d["judgement"] == "Worse"
    w = pick(out, "P", "W1", 2017)  # ward 10% vs district 20%: lower and better
    assert w["comparison"] == "Lower" and w["judgement"] == "Better" and w["aggregated"]
    e = pick(out, "P", "E92000001", 2017)
    assert pd.isna(e["comparator_code"]) and e["comparison"] == "Not compared"
    assert e["judgement"] == "Not compared" and e["rank"] == 1 and e["n_ranked"] == 1


def test_rate_small_count_uses_exact_limits(inputs):
    out, _ = enrich(*inputs)
    r = pick(out, "R", "L1", 2016)
    assert r["value"] == pytest.approx(250.0)
    lo, hi = poisson_limits(5, 0.95)
    assert (r["lower"], r["upper"]) == (pytest.approx(lo / 2000 * 1e5), pytest.approx(hi / 2000 * 1e5))
    lo8, hi8 = poisson_limits(5, 0.998)
    assert r["lower_998"] == pytest.approx(lo8 / 2000 * 1e5)
    assert r["ci_method"] == "exact_poisson"
    d = pick(out, "R", "D1", 2016)
    lo, hi = poisson_limits(400, 0.95)
    assert (d["lower"], d["upper"]) == (pytest.approx(lo / 100000 * 1e5), pytest.approx(hi / 100000 * 1e5))
    assert d["ci_method"] == "byar"
    assert r["comparison"] == "Similar" and r["judgement"] == "Similar"


def test_published_limits_are_kept_and_no_998_without_counts(inputs):
    out, comp = enrich(*inputs)
    s = pick(out, "S", "L2", 2019)
    assert (s["value"], s["lower"], s["upper"]) == (30.0, 29.0, 31.0)
    assert s["ci_method"] == "published" and np.isnan(s["lower_998"]) and np.isnan(s["upper_998"])
    assert s["comparison"] == "Higher" and s["judgement"] == "Higher"  # no judgement
    assert pick(out, "S", "L1", 2019)["judgement"] == "Similar"
    c = pick(comp, "S", "L2", 2019, comparator="district")
    assert c["comparison"] == "Higher" and c["comparison_998"] == "Not compared"


def test_comparisons_rows(inputs):
    values = inputs[0]
    out, comp = enrich(*inputs)
    n_lsoa_ward = (values["area_type"].isin(["lsoa", "ward"])).sum()
    n_district = (values["area_type"] == "district").sum()
    assert len(comp) == 2 * n_lsoa_ward + n_district
    dist = pick(comp, "P", "L1", 2019, comparator="district")
    eng = pick(comp, "P", "L1", 2019, comparator="england")
    assert dist["comparator_code"] == "D1" and eng["comparator_code"] == "E92000001"
    assert eng["comparator_value"] == pytest.approx(15.0)
    # 99.8% interval of 34% out of 1000 lies above 20% too
    assert dist["comparison_998"] == "Higher" and dist["judgement_998"] == "Worse"
    assert eng["judgement"] == "Worse"
    # the main comparator columns of values are those of the first comparator
    main = comp[comp["comparator"] == "district"]
    assert set(main["comparator_code"].dropna()) == {"D1"}


def test_inputs_are_not_mutated(inputs):
    before = [x.copy(deep=True) for x in inputs[:3]]
    comparators = {k: list(v) for k, v in inputs[3].items()}
    enrich(*inputs)
    for a, b in zip(inputs[:3], before):
        pd.testing.assert_frame_equal(a, b)
    assert inputs[3] == comparators


def test_value_filled_only_where_missing(inputs):
    values = inputs[0].copy()
    values.loc[0, "value"] = 99.0  # a published value is kept even with counts
    out, _ = enrich(values, *inputs[1:])
    assert out.loc[0, "value"] == 99.0


def test_categorical_inputs_give_the_same_answer(inputs):
    values = inputs[0]
    cat = values.astype({c: "category" for c in ("indicator_id", "area_code", "area_type", "period")})
    a, ca = enrich(values, *inputs[1:])
    b, cb = enrich(cat, *inputs[1:])
    def plain(column):
        return [None if pd.isna(x) else x for x in column.astype(object)]

    for col in VALUE_COLUMNS:
        assert plain(a[col]) == plain(b[col]), col
    for col in COMPARISON_COLUMNS:
        assert plain(ca[col]) == plain(cb[col]), col


def test_latest_only_trends(inputs):
    out, _ = enrich(*inputs, trend_rows="latest")
    assert pick(out, "P", "L1", 2019)["trend"] == "Increasing and getting worse"
    assert pd.isna(pick(out, "P", "L1", 2018)["trend"])


def test_errors_name_the_problem(inputs):
    values, indicators, areas, comparators = inputs
    with pytest.raises(DataError, match="not in the catalogue"):
        enrich(values.assign(indicator_id="X"), indicators, areas, comparators)
    with pytest.raises(UnknownNameError, match="lower_is_better"):
        enrich(values, indicators.assign(polarity="lower_better"), areas, comparators)
    with pytest.raises(UnknownNameError):
        enrich(values, indicators, areas, comparators, trend_rows="some")
    with pytest.raises(DataError, match="ward_code"):
        enrich(values, indicators, areas.drop(columns="ward_code"), {"lsoa": ["ward"]})
    with pytest.raises(DataError, match="duplicate"):
        enrich(pd.concat([values, values.iloc[[4]]], ignore_index=True), indicators, areas, comparators)
    with pytest.raises(DataError, match="numerator"):
        enrich(values.drop(columns="numerator"), indicators, areas, comparators)


def test_literal_comparator_code(inputs):
    values, indicators, areas, _ = inputs
    out, comp = enrich(values, indicators, areas, {"lsoa": ["W1"]})
    r = pick(out, "P", "L3", 2019)
    assert r["comparator_code"] == "W1" and r["comparator_value"] == pytest.approx(10.0)


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_results_do_not_depend_on_row_order(rnd):
    inputs = make_inputs()
    values = inputs[0]
    perm = list(range(len(values)))
    rnd.shuffle(perm)
    a, ca = enrich(values, *inputs[1:])
    b, cb = enrich(values.iloc[perm], *inputs[1:])
    pd.testing.assert_frame_equal(a.loc[b.index], b, check_categorical=False)
    key = ["indicator_id", "area_code", "period", "comparator"]
    sa = ca.astype({k: str for k in key}).sort_values(key).reset_index(drop=True)
    sb = cb.astype({k: str for k in key}).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(sa, sb, check_categorical=False)


def test_counts_are_not_compared_with_a_larger_area():
    """A ward's population is smaller than its district's: that is size, not a judgement."""
    import pandas as pd

    from evidence.enrich import enrich

    values = pd.DataFrame({
        "indicator_id": ["pop", "pop"], "area_code": ["W1", "D1"], "area_type": ["ward", "district"],
        "period": ["2020", "2020"], "year": [2020, 2020], "value": [5000.0, 100000.0],
        "numerator": [5000.0, 100000.0], "denominator": [float("nan")] * 2, "lower": [float("nan")] * 2,
        "upper": [float("nan")] * 2, "source_file": ["v.csv"] * 2, "aggregated": [False, False]})
    indicators = pd.DataFrame({"id": ["pop"], "polarity": ["no_judgement"], "value_type": ["count"],
                               "multiplier": [1.0]})
    areas = pd.DataFrame({"area_code": ["W1", "D1"], "area_type": ["ward", "district"],
                          "district_code": ["D1", None]})
    out, _ = enrich(values, indicators, areas, {"ward": ["district"], "district": []})
    ward = out[out["area_code"] == "W1"].iloc[0]
    assert ward["comparator_value"] == 100000.0
    assert ward["comparison"] == "Not compared" and ward["judgement"] == "Not compared"
