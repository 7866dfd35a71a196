"""Rural and equality proofing on constructed data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evidence.errors import DataError
from evidence.errors import ValidationError
from evidence.gaps import classify_areas, proofing_table, read_classification
from evidence.problems import Problems

AREAS = pd.DataFrame({
    "area_code": ["L1", "L2", "L3", "L4", "L5", "W1", "W2", "D1"],
    "area_type": ["lsoa"] * 5 + ["ward"] * 2 + ["district"],
    "ward_code": ["W1", "W1", "W1", "W2", "W2", None, None, None],
    "district_code": ["D1"] * 7 + [None],
})
CLASSES = pd.DataFrame({"area_code": ["L1", "L2", "L3", "L4", "L5"],
                        "classification": ["D1", "E2", "C1", "A1", "Urban city and town"]})


def test_small_areas_broad_classes_and_majority_for_larger_areas():
    out = classify_areas(AREAS, CLASSES, broad=True).set_index("area_code")["classification"]
    assert out[["L1", "L2", "L3", "L4", "L5"]].tolist() == ["Rural", "Rural", "Urban", "Urban", "Urban"]
    assert out["W1"] == "Rural" and out["W2"] == "Urban" and out["D1"] == "Urban"  # 2 of 3; 2 of 2; 3 of 5
    fine = classify_areas(AREAS, CLASSES).set_index("area_code")["classification"]
    assert fine["L1"] == "D1" and fine["W1"] == "C1"  # a three-way tie goes to the class sorting first


def test_proofing_table_by_class():
    gaps = pd.DataFrame({
        "area_code": ["L1", "L2", "L3", "L4", "L5", "L1", "L4"],
        "theme": ["safer"] * 5 + ["healthy"] * 2, "indicator_id": ["c"] * 5 + ["s"] * 2,
        "judgement": ["Worse", "Similar", "Worse", "Worse", "Not compared", "Better", "Worse"],
        "bad_gap_pct": [20.0, 0.0, 10.0, 30.0, np.nan, -10.0, 5.0],
    })
    groups = classify_areas(AREAS, CLASSES, broad=True)
    out = proofing_table(gaps, groups).set_index(["theme", "group"])
    assert out.loc[("safer", "Rural"), ["n_areas", "n_worse"]].tolist() == [2, 1]
    assert out.loc[("safer", "Rural"), "share_worse"] == pytest.approx(50.0)
    assert out.loc[("safer", "Rural"), "mean_bad_gap_pct"] == pytest.approx(10.0)
    assert out.loc[("safer", "Urban"), ["n_areas", "n_worse"]].tolist() == [2, 2]  # L5 not compared
    assert out.loc[("safer", "Urban"), "text"] == ("Urban: 2 of 2 compared values significantly worse (100%), "
                                                   "mean gap +20.0% in the bad direction.")
    by_ind = proofing_table(gaps, groups, by="indicator")
    assert set(by_ind["indicator_id"]) == {"c", "s"}
    unclassified = proofing_table(gaps, groups[groups["area_code"] != "L1"])
    assert "Not classified" in set(unclassified["group"])
    with pytest.raises(DataError, match="'theme' or 'indicator'"):
        proofing_table(gaps, groups, by="ward")


def test_read_classification(tmp_path):
    path = tmp_path / "ruc.csv"
    path.write_text("area_code,classification\nL1,D1\nL2, E2 \n", encoding="utf-8")
    assert read_classification(path)["classification"].tolist() == ["D1", "E2"]
    path.write_text("area_code,classification\nL1,D1\nL1,E2\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"ruc.csv, row 3, column 'area_code': 'L1' is listed twice"):
        read_classification(path)
    path.write_text("code,classification\nL1,D1\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no 'area_code' column"):
        read_classification(path)


def test_read_classification_checks_codes_types_and_classes(tmp_path):
    path = tmp_path / "ruc.csv"
    path.write_text("area_code,classification\nL1,G1\nL2,Rurla village\nW1,D1\nX9,E1\nL3,My own class\n",
                    encoding="utf-8")
    problems = Problems(tmp_path)
    read_classification(path, areas={"L1": "lsoa", "L2": "lsoa", "L3": "lsoa", "W1": "ward"}, small_type="lsoa",
                        problems=problems)
    found = {(p.place, p.column): p.message for p in problems.errors}
    assert "not an ONS 2011 rural-urban code" in found[("row 2", "classification")]
    assert "misspelt 'Rural'" in found[("row 3", "classification")]
    assert "of type 'ward', not 'lsoa'" in found[("row 4", "area_code")]
    assert "not in the lookup" in found[("row 5", "area_code")]
    assert len(found) == 4, problems.report()  # a label of one's own is kept
