"""Projects over the real files in ../shared/realdata as published: no value file is reshaped.

Every value file is listed in ``evidence.yml`` with the documented options
(docs/project-format.md, "Files as published"): ``indicators`` to take ids from a
multi-indicator file, ``rows`` and ``proportion`` to make a share from category counts, and
``recode`` to read 2021 LSOA codes into a 2011-LSOA project (or 2011 codes into a 2021 one).
The catalogue is the only file written here (an analyst writes it once).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from realproject import geography_2011

GLOUCESTER = "E07000081"
SPELTHORNE = "E07000213"
DEPRIVED = ["1 dimensions", "2 dimensions", "3 dimensions", "4 dimensions"]
HHDEP21 = "census2021_hhdep_households_by_deprivation_dimensions"
HHDEP11 = "census2011_hhdep_households_by_deprivation_dimensions"
AGE21 = "census2021_usual_residents_by_age6"

CATALOGUE = [
    # id, name, theme, unit, polarity, value_type, multiplier
    ("income", "Income deprivation", "thriving", "proportion", "lower_is_better", "proportion", 1),
    ("idaci", "Income deprivation affecting children", "young_people", "proportion", "lower_is_better",
     "proportion", 1),
    ("imd_decile", "IMD 2019 decile (1 = most deprived)", "thriving", "decile", "higher_is_better", "score", 1),
    ("hhdep_2021", "Households deprived in one or more dimensions, 2021", "thriving", "%", "lower_is_better",
     "proportion", 100),
    ("hhdep_2011", "Households deprived in one or more dimensions, 2011", "thriving", "%", "lower_is_better",
     "proportion", 100),
    ("aged_65_plus", "Residents aged 65 and over", "healthy", "%", "no_judgement", "proportion", 100),
]
THEMES = [{"id": "healthy", "name": "Healthy"}, {"id": "young_people", "name": "Young People"},
          {"id": "thriving", "name": "Thriving"}]


def _catalogue(root: Path, ids: list[str]) -> None:
    table = pd.DataFrame(CATALOGUE, columns=["id", "name", "theme", "unit", "polarity", "value_type", "multiplier"])
    table = table[table["id"].isin(ids)].assign(source="MHCLG IoD2019; ONS Census", definition="")
    table.to_csv(root / "indicators.csv", index=False)


def _write(root: Path, config: dict, ids: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _catalogue(root, ids)
    return root


def write_lsoa11_project(root: Path, realdata: Path) -> Path:
    """Gloucester (and Spelthorne) on 2011 LSOAs, 2019 wards and districts; Census 2021 read through
    the LSOA 2011 -> 2021 lookup, several IoD 2019 indicators from one file by id mapping."""
    ind, lookups = realdata / "indicators", realdata / "lookups"
    hhdep = {"column": "category", "numerator": DEPRIVED, "denominator": "sum"}
    to_2011 = {"lookup": str(lookups / "lsoa11_lsoa21_lad22.csv"), "from": "lsoa21_code", "to": "lsoa11_code",
               "change": "change_indicator"}
    iod = {"imd2019_income_rate": "income", "imd2019_idaci_rate": "idaci", "imd2019_IMD_decile": "imd_decile"}
    config = {
        "name": "Gloucester and Spelthorne, real files as published",
        "focus_area": GLOUCESTER,
        "geography": geography_2011(realdata),
        "themes": THEMES,
        "indicators": {"catalogue": "indicators.csv", "values": [
            {"path": str(ind / "imd2019_lsoa11.csv"), "indicators": iod},
            {"path": str(ind / "census2021_household_deprivation_lsoa21.csv"),
             "indicators": {HHDEP21: "hhdep_2021"}, "proportion": hhdep, "recode": to_2011},
            {"path": str(ind / "census2011_household_deprivation_lsoa11.csv"),
             "indicators": {HHDEP11: "hhdep_2011"}, "proportion": hhdep},
            {"path": str(ind / "england_reference.csv"),
             "indicators": {"imd2019_income_rate": "income", "imd2019_idaci_rate": "idaci"}},
            {"path": str(ind / "england_reference.csv"), "indicators": {HHDEP21: "hhdep_2021"},
             "proportion": hhdep},
            {"path": str(ind / "england_reference.csv"), "indicators": {HHDEP11: "hhdep_2011"},
             "proportion": hhdep},
        ]},
        "benchmarks": {"comparators": {"lsoa": ["district", "england"], "ward": ["district", "england"],
                                       "district": ["england"]}},
    }
    return _write(root, config, ["income", "idaci", "imd_decile", "hhdep_2021", "hhdep_2011"])


def write_lsoa21_project(root: Path, realdata: Path) -> Path:
    """Spelthorne (and Gloucester) on 2021 LSOAs and districts, with the LSOA 2011 -> 2021 -> LAD 2022
    lookup as the geography: Census 2021 as published, IoD 2019 read from 2011 codes."""
    ind, lookup = realdata / "indicators", str(realdata / "lookups/lsoa11_lsoa21_lad22.csv")
    config = {
        "name": "Spelthorne on 2021 LSOAs, real files as published",
        "focus_area": SPELTHORNE,
        "geography": {
            "area_types": {
                "lsoa": {"label": "LSOA", "boundaries": str(realdata / "boundaries/lsoa21.geojson"),
                         "code_column": "lsoa21_code", "name_column": "lsoa21_name"},
                "district": {"boundaries": str(realdata / "boundaries/lad_outline.geojson"),
                             "code_column": "lad_code", "name_column": "lad_name"},
            },
            "lookup": {"path": lookup, "columns": {
                "lsoa": {"code": "lsoa21_code", "name": "lsoa21_name"},
                "district": {"code": "lad22_code", "name": "lad22_name"},
            }},
        },
        "themes": THEMES,
        "indicators": {"catalogue": "indicators.csv", "values": [
            {"path": str(ind / "census2021_age_lsoa21.csv"), "indicators": {AGE21: "aged_65_plus"},
             "rows": {"sex": "All persons"},
             "proportion": {"column": "age", "numerator": ["Aged 65 years and over"]}},
            {"path": str(ind / "imd2019_lsoa11.csv"), "indicators": {"imd2019_income_rate": "income"},
             "recode": {"lookup": lookup, "from": "lsoa11_code", "to": "lsoa21_code", "change": "change_indicator"}},
            {"path": str(ind / "england_reference.csv"), "indicators": {AGE21: "aged_65_plus"},
             "proportion": {"column": "age", "numerator": ["Aged 65 years and over"]}},
        ]},
    }
    return _write(root, config, ["aged_65_plus", "income"])
