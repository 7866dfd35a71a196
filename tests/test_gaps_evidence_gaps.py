"""Gaps in the evidence on constructed data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.gaps import evidence_gaps, missing_values, no_small_area_data, stale_indicators, thin_themes

THEMES = [("safer", "Safer"), ("healthy", "Healthy"), ("work", "Work")]
INDICATORS = pd.DataFrame({"id": ["crime", "asb", "smoke", "old", "distonly"],
                           "name": ["Crime", "ASB", "Smoking", "Old survey", "District only"],
                           "theme": ["safer", "safer", "healthy", "healthy", "healthy"]})
AREAS = pd.DataFrame({"area_code": ["L1", "L2", "L3", "L4", "D1", "E"],
                      "area_type": ["lsoa"] * 4 + ["district", "england"]})


def _values() -> pd.DataFrame:
    rows = []
    for year in (2019, 2020):
        for code in ("L1", "L2", "L3", "L4"):
            rows.append(("crime", code, "lsoa", year, 10.0, 50.0))
            # smoke: L4 never present, L3 suppressed (numerator 3) in 2020
            if code != "L4":
                rows.append(("smoke", code, "lsoa", year, 20.0, 3.0 if (code, year) == ("L3", 2020) else 40.0))
            rows.append(("asb", code, "lsoa", year, np.nan if code == "L1" else 5.0, np.nan))
        rows.append(("distonly", "D1", "district", year, 1.0, 100.0))
        rows.append(("distonly", "E", "england", year, 1.0, 1e6))
    rows.append(("old", "L1", "lsoa", 2014, 3.0, 30.0))
    frame = pd.DataFrame(rows, columns=["indicator_id", "area_code", "area_type", "year", "value", "numerator"])
    frame["period"] = frame["year"].astype(str)
    return frame


def test_thin_themes():
    out = thin_themes(INDICATORS, THEMES, min_indicators=3)
    assert out["theme"].tolist() == ["safer", "work"]
    assert out["n_indicators"].tolist() == [2, 0]
    assert out["text"].iloc[1].startswith("The Work theme has 0 indicators (fewer than 3)")


def test_stale_indicators_relative_to_the_latest_year_or_a_given_one():
    out = stale_indicators(_values(), INDICATORS, max_age=3)
    assert out["indicator_id"].tolist() == ["old"] and out["age"].tolist() == [6]
    assert "2014, 6 years before 2020" in out["text"].iloc[0]
    later = stale_indicators(_values(), INDICATORS, max_age=3, reference_year=2024)
    assert later["indicator_id"].tolist() == ["old", "asb", "crime", "distonly", "smoke"]


def test_no_small_area_data():
    out = no_small_area_data(_values(), INDICATORS, small_area_types=["lsoa", "ward"])
    assert out["indicator_id"].tolist() == ["distonly"]
    assert out["area_types"].iloc[0] == "district; england"
    assert "only district, england" in out["text"].iloc[0]


def test_missing_and_suppressed_share():
    out = missing_values(_values(), INDICATORS, AREAS, small_area_types=["lsoa"], min_count=5, max_share=0.1)
    table = out.set_index("indicator_id")
    # smoke: 4 LSOAs x 2 periods = 8 cells; 2 absent (L4) and 1 suppressed -> 3/8
    assert table.at["smoke", "expected"] == 8
    assert (table.at["smoke", "missing"], table.at["smoke", "suppressed"]) == (2, 1)
    assert table.at["smoke", "share"] == 3 / 8
    # asb: 2 blank values of 8; numerators unknown are not counted as suppressed
    assert table.at["asb", "share"] == 2 / 8 and table.at["asb", "suppressed"] == 0
    # old: 4 LSOAs x 1 period, one present
    assert table.at["old", "share"] == 3 / 4
    assert "crime" not in table.index
    assert out["indicator_id"].tolist() == ["old", "smoke", "asb"]
    assert "38% of lsoa values are missing (2) or based on fewer than 5 events (1)" in table.at["smoke", "text"]


def test_all_checks_stacked():
    out = evidence_gaps(_values(), INDICATORS, AREAS, themes=THEMES, small_area_types=["lsoa"],
                        min_indicators=3, max_age=3, max_share=0.1)
    assert out["kind"].value_counts().to_dict() == {"few indicators": 2, "missing or suppressed": 3,
                                                    "out of date": 1, "no small-area data": 1}
    assert list(out.columns) == ["kind", "theme", "indicator_id", "detail", "text"]
    assert out.loc[out["kind"] == "no small-area data", "theme"].tolist() == ["healthy"]
