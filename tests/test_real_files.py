"""Real council files used as published (issue 12, items 5-7): options of a value file, two LSOA
vintages in one project, and ``evidence init`` on the real boundaries and lookup.

Each real project is built once per session; nothing in the test reshapes a value file.
"""

from __future__ import annotations

import pandas as pd
import pytest

import evidence
from realfiles import (DEPRIVED, GLOUCESTER, HHDEP21, SPELTHORNE, write_lsoa11_project,
                       write_lsoa21_project)


@pytest.fixture(scope="session")
def lsoa11_project(realdata, tmp_path_factory):
    return write_lsoa11_project(tmp_path_factory.mktemp("real11") / "project", realdata)


@pytest.fixture(scope="session")
def lsoa11(lsoa11_project):
    inputs, problems = evidence.validate(lsoa11_project)
    return inputs, problems


@pytest.fixture(scope="session")
def lsoa11_base(lsoa11_project):
    return evidence.load(lsoa11_project)


@pytest.fixture(scope="session")
def lsoa21(realdata, tmp_path_factory):
    project = write_lsoa21_project(tmp_path_factory.mktemp("real21") / "project", realdata)
    return evidence.validate(project)


def _census(realdata, name: str) -> pd.DataFrame:
    return pd.read_csv(realdata / "indicators" / name)


def test_real_files_as_published_validate(lsoa11, lsoa21):
    for inputs, problems in (lsoa11, lsoa21):
        assert not problems.errors, problems.report()
        assert inputs is not None


def test_other_ids_are_skipped_with_one_warning(lsoa11):
    _, problems = lsoa11
    iod = [w for w in problems.warnings if str(w.file).endswith("imd2019_lsoa11.csv") and "Skipped" in w.message]
    assert len(iod) == 1
    assert "Skipped 33 indicator ids" in iod[0].message and "'imd2019_IMD_rank'" in iod[0].message


def test_several_iod_indicators_from_one_file_by_id_mapping(lsoa11, realdata):
    inputs, _ = lsoa11
    values = inputs.values
    assert set(values["indicator_id"]) == {"income", "idaci", "imd_decile", "hhdep_2021", "hhdep_2011"}
    iod = pd.read_csv(realdata / "indicators/imd2019_lsoa11.csv")
    published = iod[iod["indicator_id"] == "imd2019_income_rate"].set_index("area_code")["value"]
    income = values[(values["indicator_id"] == "income") & (values["area_type"] == "lsoa")].set_index("area_code")
    assert len(income) == 138
    assert (income["value"] - published.reindex(income.index)).abs().max() == 0


def test_census_2021_proportion_on_2011_lsoas(lsoa11, realdata):
    """Unchanged codes keep their counts; the children of a split 2011 LSOA are summed exactly."""
    inputs, _ = lsoa11
    census = _census(realdata, "census2021_household_deprivation_lsoa21.csv")
    lookup = pd.read_csv(realdata / "lookups/lsoa11_lsoa21_lad22.csv")
    v = inputs.values
    hhdep = v[(v["indicator_id"] == "hhdep_2021") & (v["area_type"] == "lsoa")].set_index("area_code")
    assert len(hhdep) == 138  # every 2011 LSOA of the project, from 143 2021 LSOAs
    split = lookup[lookup["change_indicator"] == "S"]
    parent = "E01022347"  # Gloucester 004B, split into two 2021 LSOAs
    children = set(split.loc[split["lsoa11_code"] == parent, "lsoa21_code"])
    assert len(children) == 2
    rows = census[census["area_code"].isin(children)]
    assert hhdep.at[parent, "numerator"] == rows.loc[rows["category"].isin(DEPRIVED), "value"].sum()
    assert hhdep.at[parent, "denominator"] == rows["value"].sum()
    same = "E01022276"  # unchanged
    own = census[census["area_code"] == same]
    assert hhdep.at[same, "denominator"] == own["value"].sum() == own["denominator"].iloc[0]
    assert hhdep.at[same, "numerator"] == own.loc[own["category"] != "0 dimensions", "value"].sum()


def test_census_proportion_matches_the_published_percentage(lsoa11_base, realdata):
    census = _census(realdata, "census2021_household_deprivation_lsoa21.csv")
    deprived = census[census["category"] != "0 dimensions"].groupby("area_code")["pct_published"].sum()
    v = lsoa11_base.values
    hhdep = v[(v["indicator_id"] == "hhdep_2021") & (v["area_type"] == "lsoa")].set_index("area_code")
    unchanged = hhdep.index.intersection(deprived.index)
    assert len(unchanged) >= 125
    assert (hhdep.loc[unchanged, "value"] - deprived[unchanged]).abs().max() < 0.3  # published % are rounded
    # England from the England reference rows, districts aggregated from every 2011 LSOA.
    england = v[(v["indicator_id"] == "hhdep_2021") & (v["area_code"] == "E92000001")]["value"].iloc[0]
    assert england == pytest.approx(100 * (1 - 11349860 / 23436000), abs=0.05)
    district = v[(v["indicator_id"] == "hhdep_2021") & (v["area_code"] == GLOUCESTER)].iloc[0]
    gloucester = census[census["lad_code"] == GLOUCESTER]
    assert district["denominator"] == gloucester["value"].sum()


def test_2011_codes_into_a_2021_project_leave_out_split_lsoas(lsoa21, realdata):
    """IoD 2019 income scores are ratios: a split 2011 LSOA cannot be divided, so it is left out, said once."""
    inputs, problems = lsoa21
    v = inputs.values
    income = v[(v["indicator_id"] == "income") & (v["area_type"] == "lsoa")]
    assert len(income) == 133  # 143 2021 LSOAs less the 10 children of 5 split 2011 LSOAs
    warned = [w for w in problems.warnings if "cannot be taken exactly" in w.message]
    assert len(warned) == 1
    assert "5 area codes" in warned[0].message and "E01030736" in warned[0].message
    assert "% of the population" in warned[0].message


def test_age_proportion_of_spelthorne(lsoa21, realdata):
    inputs, _ = lsoa21
    ages = _census(realdata, "census2021_age_lsoa21.csv")
    v = inputs.values
    old = v[(v["indicator_id"] == "aged_65_plus") & (v["area_type"] == "lsoa")].set_index("area_code")
    assert len(old) == 143
    code = ages.loc[ages["lad_code"] == SPELTHORNE, "area_code"].iloc[0]
    mine = ages[ages["area_code"] == code]
    assert old.at[code, "numerator"] == mine.loc[mine["age"] == "Aged 65 years and over", "value"].iloc[0]
    assert old.at[code, "denominator"] == mine["value"].sum()


def test_the_published_census_file_was_refused_before(realdata, tmp_path):
    """Without the options the same file is what it was: every category row a duplicate, 2021 codes unknown."""
    project = write_lsoa11_project(tmp_path / "p", realdata)
    import yaml
    config = yaml.safe_load((project / "evidence.yml").read_text())
    entry = config["indicators"]["values"][1]
    for key in ("indicators", "proportion", "recode"):
        entry.pop(key)
    (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    _, problems = evidence.validate(project)
    report = problems.report()
    assert f"Unknown indicator id '{HHDEP21}'" in report


# evidence init ---------------------------------------------------------------------------

def _init(realdata, project, *extra):
    from corpus import run_cli

    b = realdata / "boundaries"
    return run_cli("init", str(project), "--boundaries", str(b / "lad_outline.geojson"), str(b / "lsoa11.geojson"),
                   str(b / "wards_wd19.geojson"), "--lookup", str(realdata / "lookups/lsoa11_ward19_lad19.csv"),
                   *extra)


@pytest.fixture(scope="session")
def initialised(realdata, tmp_path_factory):
    project = tmp_path_factory.mktemp("init") / "gloucester"
    code, output = _init(realdata, project, "--values", str(realdata / "indicators/imd2019_lsoa11.csv"))
    assert code == 0, output
    return project


def test_init_detects_columns_and_orders_types(initialised):
    import yaml

    config = yaml.safe_load((initialised / "evidence.yml").read_text())
    types = config["geography"]["area_types"]
    assert list(types) == ["lsoa", "ward", "district"]  # smallest first, whatever the order given
    assert types["lsoa"]["code_column"] == "lsoa11_code" and types["lsoa"]["name_column"] == "lsoa11_name"
    assert types["ward"]["code_column"] == "ward_code" and types["district"]["name_column"] == "lad_name"
    assert config["geography"]["lookup"]["columns"] == {
        "lsoa": {"code": "lsoa11_code", "name": "lsoa11_name"}, "ward": {"code": "ward19_code", "name": "ward19_name"},
        "district": {"code": "lad19_code", "name": "lad19_name"}}
    text = (initialised / "evidence.yml").read_text()
    assert "# The lookup's district areas: E07000081 Gloucester; E07000213 Spelthorne." in text
    catalogue = pd.read_csv(initialised / "indicators.csv")
    assert len(catalogue) == 36 and "imd2019_income_rate" in set(catalogue["id"])


def test_validate_after_init_lists_exactly_what_is_to_fill_in(initialised):
    from corpus import run_cli

    code, output = run_cli("validate", str(initialised))
    assert code == 1
    errors = [line for line in output.splitlines() if line[:5].strip().rstrip(".").isdigit()]
    assert len(errors) == 6, output
    assert all("still to fill in" in line for line in errors), output
    for spot in ("setting 'focus_area', line 8", "setting 'themes' entry 1, line", "column 'polarity'",
                 "column 'value_type'", "column 'theme'"):
        assert spot in output


def test_following_validate_to_the_end_gives_a_valid_project(initialised, tmp_path):
    import shutil

    from corpus import run_cli

    project = tmp_path / "filled"
    shutil.copytree(initialised, project)
    config = project / "evidence.yml"
    text = config.read_text().replace('focus_area: "TO FILL IN"', 'focus_area: "E07000081"')
    config.write_text(text.replace('{id: "TO FILL IN", name: "TO FILL IN"}', '{id: thriving, name: Thriving}'))
    catalogue = pd.read_csv(project / "indicators.csv", dtype=str, keep_default_na=False)
    catalogue = catalogue.assign(theme="thriving", polarity="no_judgement", value_type="score")
    catalogue.to_csv(project / "indicators.csv", index=False)
    code, output = run_cli("validate", str(project))
    assert code == 0, output


def test_init_never_overwrites(initialised, realdata):
    before = (initialised / "evidence.yml").read_bytes()
    code, output = _init(realdata, initialised)
    assert code == 1 and "already exists" in output and "never overwrites" in output
    assert (initialised / "evidence.yml").read_bytes() == before


def test_init_reads_ons_column_names(realdata, tmp_path):
    import geopandas as gpd

    from corpus import run_cli

    wards = gpd.read_file(realdata / "boundaries/wards_wd19.geojson").rename(
        columns={"ward_code": "WD19CD", "ward_name": "WD19NM", "lad_code": "LAD19CD", "lad_name": "LAD19NM"})
    wards.to_file(tmp_path / "wards.geojson", driver="GeoJSON")
    lookup = pd.read_csv(realdata / "lookups/lsoa11_ward19_lad19.csv").rename(columns={
        "lsoa11_code": "LSOA11CD", "lsoa11_name": "LSOA11NM", "ward19_code": "WD19CD", "ward19_name": "WD19NM",
        "lad19_code": "LAD19CD", "lad19_name": "LAD19NM"})
    lookup.to_csv(tmp_path / "lookup.csv", index=False)
    code, output = run_cli("init", str(tmp_path / "p"), "--boundaries", str(tmp_path / "wards.geojson"),
                           str(realdata / "boundaries/lad_outline.geojson"), "--lookup", str(tmp_path / "lookup.csv"))
    assert code == 0, output
    text = (tmp_path / "p/evidence.yml").read_text()
    assert 'code_column: "WD19CD"' in text and 'name_column: "WD19NM"' in text
    assert 'ward: {code: "WD19CD", name: "WD19NM"}' in text and 'district: {code: "LAD19CD", name: "LAD19NM"}' in text
    assert text.index("ward:") < text.index("district:")
