"""Cross-cutting issues on constructed data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from evidence.gaps import CORRELATION_CAVEAT, correlated_indicators, multi_theme_areas

GAPS = pd.DataFrame({
    "area_code": ["W1", "W1", "W1", "W1", "W2", "W2", "W3"],
    "area_name": ["West", "West", "West", "West", "East", "East", "North"],
    "theme": ["safer", "safer", "healthy", "work", "safer", "healthy", "work"],
    "indicator_id": ["crime", "asb", "smoke", "jobs", "crime", "smoke", "jobs"],
    "judgement": ["Worse", "Worse", "Worse", "Similar", "Worse", "Better", "Worse"],
})


def test_areas_worse_in_several_themes():
    out = multi_theme_areas(GAPS, theme_names={"safer": "Safer", "healthy": "Healthy"})
    assert out["area_code"].tolist() == ["W1"]
    row = out.iloc[0]
    assert (row["n_themes"], row["n_worse"], row["themes"]) == (2, 3, "Healthy; Safer")
    assert row["indicators"] == "smoke; asb; crime"
    assert row["text"] == "West is significantly worse on 3 indicators across 2 themes (Healthy; Safer)."
    everyone = multi_theme_areas(GAPS, min_themes=1)
    assert everyone["area_code"].tolist() == ["W1", "W2", "W3"]  # most themes, then most Worse, then code


WARDS = [f"W{i:02d}" for i in range(1, 11)]
AREAS = pd.DataFrame({"area_code": WARDS + ["D1"], "area_type": ["ward"] * 10 + ["district"],
                      "district_code": ["D1"] * 10 + [None]})
INDICATORS = pd.DataFrame({"id": ["a", "b", "c", "d"], "name": ["Alpha", "Beta", "Gamma", "Delta"]})


def _values() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    a = np.arange(10, dtype=float)
    series = {"a": a, "b": a ** 2 + 1,            # same order as a: rho 1
              "c": -3 * a + rng.normal(0, 0.5, 10),  # opposite order (nearly): rho about -1
              "d": rng.permutation(10).astype(float)}
    rows = [(k, w, 2020, v[i]) for k, v in series.items() for i, w in enumerate(WARDS)]
    rows += [("a", w, 2019, 0.0) for w in WARDS]  # older values are ignored
    frame = pd.DataFrame(rows, columns=["indicator_id", "area_code", "year", "value"])
    frame["period"] = frame["year"].astype(str)
    frame.loc[(frame["indicator_id"] == "d") & frame["area_code"].isin(WARDS[:3]), "value"] = np.nan
    return frame


def test_correlated_pairs_match_scipy_spearman():
    values = _values()
    out = correlated_indicators(values, INDICATORS, AREAS, focus_area="D1", threshold=0.0, min_areas=5)
    latest = values[values["year"] == 2020].pivot(index="area_code", columns="indicator_id", values="value")
    for row in out.itertuples():
        both = latest[[row.indicator_a, row.indicator_b]].dropna()
        assert row.n_areas == len(both)
        assert row.rho == pytest.approx(spearmanr(both.iloc[:, 0], both.iloc[:, 1])[0])
    strong = correlated_indicators(values, INDICATORS, AREAS, focus_area="D1", threshold=0.9, min_areas=8)
    pairs = list(zip(strong["indicator_a"], strong["indicator_b"]))
    assert pairs[0] == ("a", "b") and ("a", "c") in pairs and ("b", "c") in pairs
    assert all("d" not in p for p in pairs)
    first = strong.iloc[0]
    assert first["rho"] == pytest.approx(1.0)
    assert "Alpha and Beta rise and fall together across 10 wards" in first["text"]
    assert "does not show that one causes the other" in first["text"]
    assert "move in opposite directions" in strong.set_index(["indicator_a", "indicator_b"]).at[("a", "c"), "text"]


def test_pairs_with_too_few_areas_are_left_out():
    out = correlated_indicators(_values(), INDICATORS, AREAS, focus_area="D1", threshold=0.0, min_areas=8)
    assert all("d" not in (r.indicator_a, r.indicator_b) for r in out.itertuples())  # d has 7 areas


def test_caveat_says_correlation_is_not_cause():
    assert "not cause" in CORRELATION_CAVEAT
