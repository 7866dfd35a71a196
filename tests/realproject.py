"""A project in the documented format over the real open data in ../shared/realdata.

Gloucester (E07000081) and Spelthorne (E07000213): 2011 LSOAs, 2019 wards, districts,
with IMD 2019, mid-2018 population, Census 2011 household deprivation, police.uk crime
and Fingertips district indicators. Boundaries and the lookup are used in place; the
value file is a tidy extract written next to the config, as an analyst would prepare it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

GLOUCESTER = "E07000081"
SPELTHORNE = "E07000213"

CATALOGUE = [
    # id, name, theme, unit, polarity, value_type, multiplier, source, file
    ("imd2019_income_rate", "Income deprivation", "thriving", "proportion", "lower_is_better", "proportion", 1,
     "MHCLG IoD2019", "imd2019_lsoa11.csv"),
    ("imd2019_idaci_rate", "Income deprivation affecting children", "young_people", "proportion",
     "lower_is_better", "proportion", 1, "MHCLG IoD2019", "imd2019_lsoa11.csv"),
    ("imd2019_idaopi_rate", "Income deprivation affecting older people", "healthy", "proportion",
     "lower_is_better", "proportion", 1, "MHCLG IoD2019", "imd2019_lsoa11.csv"),
    ("imd2019_IMD_decile", "IMD 2019 decile (1 = most deprived)", "thriving", "decile", "higher_is_better",
     "score", 1, "MHCLG IoD2019", "imd2019_lsoa11.csv"),
    ("sape_mid2018_population", "Population, mid-2018", "thriving", "people", "no_judgement", "count", 1,
     "ONS SAPE", "sape_mid2018_lsoa11.csv"),
    ("policeuk_street_crime_count", "Violence and sexual offences, September 2022", "safer", "crimes",
     "lower_is_better", "count", 1, "police.uk", "policeuk_street_crime_lsoa11_gloucester_2022-09.csv"),
    ("imd2019_ward_imd_score", "IMD 2019 score (ward, population-weighted)", "thriving", "score",
     "lower_is_better", "score", 1, "humaniverse from MHCLG IoD2019", "imd2019_ward19.csv"),
    ("imd2019_lad_imd_score", "IMD 2019 average score", "thriving", "score", "lower_is_better", "score", 1,
     "MHCLG IoD2019 File 10", "imd2019_lad19.csv"),
    ("fingertips_active_adults", "Physically active adults", "healthy", "%", "higher_is_better", "proportion",
     100, "OHID Fingertips", "fingertips_lad_indicators.csv"),
    ("fingertips_adults_smoking", "Smoking prevalence in adults", "healthy", "%", "lower_is_better",
     "proportion", 100, "OHID Fingertips", "fingertips_lad_indicators.csv"),
    ("census2011_hhdep_any", "Households deprived in one or more dimensions", "thriving", "%",
     "lower_is_better", "proportion", 100, "ONS Census 2011 QS119EW", None),
]


GLOUCESTERSHIRE = "E10000013"  # the county of Gloucester (a two-tier district)
SURREY = "E10000030"  # the county of Spelthorne
COUNTY_NAMES = {GLOUCESTERSHIRE: "Gloucestershire", SURREY: "Surrey"}
#: The county's one value (smoking prevalence, %): a made-up PLACEHOLDER, not a published figure.
COUNTY_PLACEHOLDER = 12.0
COUNTY_PLACEHOLDER_FILE = "county_placeholder_not_real_data.csv"


# The activity register a Gloucester analyst would keep (activities are made up; the data are real).
ACTIVITIES = [
    # activity, lead, indicators, areas, start, end
    ("Child poverty action group", "Gloucester Children's Partnership", "imd2019_idaci_rate", "all", "2019", ""),
    ("Income advice drop-ins", "Gloucester Advice Network", "imd2019_income_rate", "all", "2015", "2018"),
    ("Pension credit check, Abbeydale", "Age Friendly Gloucester", "imd2019_idaopi_rate", "E05010950", "2020", ""),
]


def geography_2011(realdata: Path) -> dict:
    """The ``geography`` section over the real files: 2011 LSOAs, 2019 wards, the two districts."""
    return {
        "area_types": {
            "lsoa": {"label": "LSOA", "boundaries": str(realdata / "boundaries/lsoa11.geojson"),
                     "code_column": "lsoa11_code", "name_column": "lsoa11_name"},
            "ward": {"boundaries": str(realdata / "boundaries/wards_wd19.geojson"),
                     "code_column": "ward_code", "name_column": "ward_name"},
            "district": {"boundaries": str(realdata / "boundaries/lad_outline.geojson"),
                         "code_column": "lad_code", "name_column": "lad_name"},
        },
        "lookup": {"path": str(realdata / "lookups/lsoa11_ward19_lad19.csv"), "columns": {
            "lsoa": {"code": "lsoa11_code", "name": "lsoa11_name"},
            "ward": {"code": "ward19_code", "name": "ward19_name"},
            "district": {"code": "lad19_code", "name": "lad19_name"},
        }},
    }


def write_real_project(root: Path, realdata: Path, *, gap_inputs: bool = False, focus: str = GLOUCESTER,
                       county: str | None = None, activities: bool = False,
                       deprivation_scale: str = "national_decile") -> Path:
    """Write the real-data project's config, catalogue and tidy values into ``root``.

    ``focus`` is the district the project is about; ``county`` (a GSS code) is added as
    the districts' second comparator, as a two-tier district's analyst would set it, with
    one PLACEHOLDER value (``COUNTY_PLACEHOLDER``; the kit has no county figures).

    With ``gap_inputs`` the project also gets what the gap analysis uses: the IMD 2019
    decile as ``context.deprivation`` (on its national scale, ``deprivation_scale``), the mid-2018
    population as ``context.population`` and the ONS RUC2011 class of every LSOA
    (``rural_urban.csv``) as ``gaps.classification``.
    """
    root.mkdir(parents=True, exist_ok=True)
    ind = realdata / "indicators"
    config = {
        "name": "Gloucester and Spelthorne (real open data)",
        "focus_area": focus,
        "geography": geography_2011(realdata),
        "themes": [{"id": "safer", "name": "Safer"}, {"id": "healthy", "name": "Healthy"},
                   {"id": "young_people", "name": "Young People"}, {"id": "thriving", "name": "Thriving"}],
        "indicators": {"catalogue": "indicators.csv", "values": [{"path": "values.csv"}]},
        "benchmarks": {"comparators": {"lsoa": ["district", "england"], "ward": ["district", "england"],
                                       "district": ["england"]}, "values": "auto"},
    }
    if gap_inputs:
        config["context"] = {"population": "sape_mid2018_population", "deprivation": "imd2019_IMD_decile",
                             "deprivation_scale": deprivation_scale}
        config["gaps"] = {"classification": "rural_urban.csv"}
        ruc = pd.read_csv(ind / "ruc2011_lsoa11.csv", dtype=str)
        ruc = ruc[ruc["indicator_id"] == "ruc2011_class"]
        pd.DataFrame({"area_code": ruc["area_code"], "classification": ruc["category"],
                      "classification_name": ruc["value_text"]}).drop_duplicates("area_code").to_csv(
            root / "rural_urban.csv", index=False)
    if activities:
        config.setdefault("gaps", {})["activities"] = "activities.csv"
        pd.DataFrame(ACTIVITIES, columns=["activity", "lead_partnership", "indicators", "areas", "start", "end"]
                     ).assign(themes="").to_csv(root / "activities.csv", index=False)
    if county is not None:
        config["benchmarks"]["comparators"]["district"] = ["england", county]
        config["indicators"]["values"].append({"path": COUNTY_PLACEHOLDER_FILE})
        # A FIXTURE OF THE DOCUMENTED OPTION, NOT REAL DATA. ../shared/realdata has no county or
        # region figure in any file (checked again for issue 12: no E10/E11/E12 code in any value
        # file, the Fingertips extract has district and England rows only), and validate refuses
        # a comparator with no values at all. So one tidy row as an analyst would type it in,
        # with a made-up figure, exercises the comparator-as-GSS-code path.
        pd.DataFrame({"indicator_id": ["fingertips_adults_smoking"], "area_code": [county],
                      "area_name": [COUNTY_NAMES.get(county, county)], "period": ["2019"],
                      "value": [COUNTY_PLACEHOLDER]}).to_csv(root / COUNTY_PLACEHOLDER_FILE, index=False)
    (root / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    catalogue = pd.DataFrame(CATALOGUE, columns=["id", "name", "theme", "unit", "polarity", "value_type",
                                                 "multiplier", "source", "file"])
    catalogue.drop(columns="file").assign(definition="").to_csv(root / "indicators.csv", index=False)

    columns = ["indicator_id", "area_code", "period", "value", "numerator", "denominator"]
    frames = []
    for file, ids in catalogue.dropna(subset=["file"]).groupby("file")["id"]:
        data = pd.read_csv(ind / file)
        data = data[data["indicator_id"].isin(set(ids))]
        frames.append(data[~data["sex"].isin(["Male", "Female"])])
    england = pd.read_csv(ind / "england_reference.csv")
    frames.append(england[england["indicator_id"].isin(set(catalogue["id"]))])
    frames.append(_household_deprivation(ind))
    values = pd.concat(frames, ignore_index=True)
    values = values[values["area_code"].str.match(r"^E(01|05|07|92)")]
    values[columns].drop_duplicates(["indicator_id", "area_code", "period"]).to_csv(root / "values.csv", index=False)
    return root


def _household_deprivation(ind: Path) -> pd.DataFrame:
    """Share of households deprived in one or more dimensions, from the category counts."""
    frames = []
    for file, area in (("census2011_household_deprivation_lsoa11.csv", None), ("england_reference.csv", "E92000001")):
        data = pd.read_csv(ind / file)
        data = data[data["indicator_id"] == "census2011_hhdep_households_by_deprivation_dimensions"]
        if area is None:
            deprived = data[data["category"] != "0 dimensions"]
        else:
            deprived = data.iloc[1:]  # England rows: 0, 1, 2, 3, 4 dimensions in order
        sums = deprived.groupby("area_code").agg(numerator=("value", "sum"), denominator=("denominator", "first"))
        frames.append(sums.reset_index())
    result = pd.concat(frames, ignore_index=True)
    result["indicator_id"] = "census2011_hhdep_any"
    result["period"] = "2011"
    result["value"] = (result["numerator"] / result["denominator"] * 100).round(4)
    return result
