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
