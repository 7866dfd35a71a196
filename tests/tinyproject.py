"""A tiny, valid project written by code, for tests that plant one problem at a time.

Geography: 4 LSOAs (unit squares) in 2 wards in 1 district; 3 indicators over 6 years;
district and England rows; one custom area. Tests copy it and break one thing.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import yaml
from shapely.geometry import box

LSOAS = ["E01000001", "E01000002", "E01000003", "E01000004"]
WARDS = ["E05000001", "E05000002"]
DISTRICT = "E07000001"
ENGLAND = "E92000001"
YEARS = list(range(2015, 2021))

CONFIG = {
    "name": "Tiny test borough",
    "focus_area": DISTRICT,
    "geography": {
        "area_types": {
            "lsoa": {"boundaries": "lsoa.geojson", "code_column": "code", "name_column": "name"},
            "ward": {"boundaries": "ward.geojson", "code_column": "code", "name_column": "name"},
            "district": {"boundaries": "district.geojson", "code_column": "code", "name_column": "name"},
        },
        "lookup": {"path": "lookup.csv", "columns": {
            "lsoa": {"code": "lsoa_code", "name": "lsoa_name"},
            "ward": {"code": "ward_code", "name": "ward_name"},
            "district": {"code": "district_code", "name": "district_name"},
        }},
        "custom_areas": [{"code": "NP01", "name": "East & West <Partnership>", "type": "neighbourhood",
                          "members": WARDS}],
    },
    "themes": [{"id": "safer", "name": "Safer"}, {"id": "healthy", "name": "Healthy"}],
    "indicators": {"catalogue": "indicators.csv", "values": [{"path": "values.csv"}]},
    "benchmarks": {"comparators": {"lsoa": ["district", "england"], "ward": ["district", "england"],
                                   "district": ["england"], "neighbourhood": ["district", "england"]},
                   "values": "auto"},
}


def write_tiny_project(root: Path) -> Path:
    """Write the tiny project into ``root`` and return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "evidence.yml").write_text(yaml.safe_dump(CONFIG, sort_keys=False), encoding="utf-8")
    crs = "EPSG:27700"
    lsoa = gpd.GeoDataFrame({"code": LSOAS, "name": [f"Tiny 00{i}A" for i in range(1, 5)]},
                            geometry=[box(400000 + 1000 * i, 200000, 401000 + 1000 * i, 201000) for i in range(4)],
                            crs=crs)
    ward = lsoa.assign(code=[WARDS[0]] * 2 + [WARDS[1]] * 2).dissolve("code").reset_index()
    ward["name"] = ["West", "East"]
    district = lsoa.assign(code=DISTRICT).dissolve("code").reset_index()
    district["name"] = "Tinyshire"
    for name, frame in (("lsoa", lsoa), ("ward", ward), ("district", district)):
        frame[["code", "name", "geometry"]].to_file(root / f"{name}.geojson", driver="GeoJSON")
    pd.DataFrame({
        "lsoa_code": LSOAS, "lsoa_name": [f"Tiny 00{i}A" for i in range(1, 5)],
        "ward_code": [WARDS[0]] * 2 + [WARDS[1]] * 2, "ward_name": ["West"] * 2 + ["East"] * 2,
        "district_code": DISTRICT, "district_name": "Tinyshire",
    }).to_csv(root / "lookup.csv", index=False)
    pd.DataFrame([
        {"id": "crime", "name": "Violent crime", "theme": "safer", "unit": "per 1,000", "polarity": "lower_is_better",
         "value_type": "rate", "multiplier": 1000, "source": "Police", "definition": "Offences per 1,000 people"},
        {"id": "smoke", "name": "Smoking", "theme": "Healthy", "unit": "%", "polarity": "lower_is_better",
         "value_type": "proportion", "multiplier": 100, "source": "Survey", "definition": "Adults who smoke"},
        {"id": "imd", "name": "Deprivation score", "theme": "healthy", "unit": "score",
         "polarity": "lower_is_better", "value_type": "score", "multiplier": 1, "source": "MHCLG",
         "definition": ""},
    ]).to_csv(root / "indicators.csv", index=False)
    rows = []
    for y in YEARS:
        for i, code in enumerate(LSOAS):
            rows.append({"indicator_id": "crime", "area_code": code, "period": f"{y}/{str(y + 1)[2:]}",
                         "numerator": 20 + 5 * i + (y - 2015), "denominator": 1500})
            rows.append({"indicator_id": "smoke", "area_code": code, "period": str(y),
                         "numerator": 150 + 20 * i, "denominator": 1000})
        rows.append({"indicator_id": "crime", "area_code": ENGLAND, "period": f"{y}/{str(y + 1)[2:]}",
                     "numerator": 1_000_000, "denominator": 56_000_000})
        rows.append({"indicator_id": "smoke", "area_code": ENGLAND, "period": str(y),
                     "numerator": 140_000, "denominator": 1_000_000})
    for i, code in enumerate(LSOAS):
        rows.append({"indicator_id": "imd", "area_code": code, "period": "2019", "value": 10 + 10 * i,
                     "denominator": 1500})
    frame = pd.DataFrame(rows)
    frame["value"] = frame["value"] if "value" in frame else None
    rate = frame["numerator"] / frame["denominator"] * frame["indicator_id"].map({"crime": 1000, "smoke": 100})
    frame["value"] = frame["value"].fillna(rate.round(4))
    frame[["indicator_id", "area_code", "period", "value", "numerator", "denominator"]].to_csv(
        root / "values.csv", index=False)
    return root
