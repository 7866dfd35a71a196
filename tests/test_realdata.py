"""The real Gloucester and Spelthorne open data, as a project in the documented format."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

import evidence
from realproject import GLOUCESTER, SPELTHORNE, write_real_project


@pytest.fixture(scope="module")
def real(realdata, tmp_path_factory):
    project = write_real_project(tmp_path_factory.mktemp("real") / "project", realdata)
    return evidence.load(project)


def test_real_project_validates_without_errors(realdata, tmp_path):
    _, problems = evidence.validate(write_real_project(tmp_path / "p", realdata))
    assert not problems.errors, problems.report()


def test_area_counts(real):
    counts = real.areas["area_type"].value_counts()
    assert counts["lsoa"] == 138
    assert counts["ward"] == 31
    assert counts["district"] == 2
    assert counts["england"] == 1
    lsoas = real.areas[real.areas["area_type"] == "lsoa"]
    assert (lsoas["district_code"] == GLOUCESTER).sum() == 78  # SOURCES.md: 78 Gloucester LSOAs
    assert set(lsoas["district_code"]) == {GLOUCESTER, SPELTHORNE}


def test_every_lsoa_nests_in_a_ward_of_its_district(real, realdata):
    areas = real.areas
    lsoas = areas[areas["area_type"] == "lsoa"].set_index("area_code")
    wards = areas[areas["area_type"] == "ward"].set_index("area_code")
    ward_district = lsoas["ward_code"].map(wards["district_code"])
    assert (ward_district == lsoas["district_code"]).all()
    # Spatially: an LSOA's representative point lies in its best-fit ward (SOURCES.md: 1 disagrees).
    points = gpd.GeoSeries(lsoas.geometry.values, crs=4326).to_crs(27700).representative_point()
    ward_shapes = gpd.GeoSeries(wards.loc[lsoas["ward_code"]].geometry.values, crs=4326).to_crs(27700)
    inside = points.within(ward_shapes.buffer(1)).to_numpy()
    assert (~inside).sum() <= 1


def test_known_facts(real):
    v = real.values
    income = v[v["indicator_id"] == "imd2019_income_rate"].set_index("area_code")
    # Aggregating File 8 numerators gives the published File 10 district income scores (0.1260, 0.0790).
    assert income.loc[GLOUCESTER, "value"] == pytest.approx(0.1260, abs=0.0005)
    assert income.loc[SPELTHORNE, "value"] == pytest.approx(0.0790, abs=0.0005)
    assert bool(income.loc[GLOUCESTER, "aggregated"])
    # Gloucester has many more LSOAs significantly worse than its district on income deprivation.
    lsoa = income[income["area_type"] == "lsoa"]
    worse = lsoa[lsoa["judgement"] == "Worse"]
    assert len(worse) > 20
    # Wards with suppressed LSOA numerators are not aggregated (never a partial sum).
    idaci = v[(v["indicator_id"] == "imd2019_idaci_rate") & (v["area_type"] == "ward")]
    assert 0 < len(idaci) < 31
    # District IMD average scores as published: Gloucester more deprived than Spelthorne.
    lad = v[v["indicator_id"] == "imd2019_lad_imd_score"].set_index("area_code")["value"]
    assert lad[GLOUCESTER] > lad[SPELTHORNE]
    # Population counts add up from LSOAs to districts.
    pop = v[v["indicator_id"] == "sape_mid2018_population"]
    lsoa_total = pop[pop["area_type"] == "lsoa"].groupby(
        pop["area_code"].map(real.areas.set_index("area_code")["district_code"]))["value"].sum()
    districts = pop[pop["area_type"] == "district"].set_index("area_code")["value"]
    pd.testing.assert_series_equal(lsoa_total.sort_index(), districts.sort_index(), check_names=False)


def test_rebuild_with_unchanged_inputs_does_no_work(real):
    result = evidence.build(real.config.root)
    assert result.rebuilt is False
