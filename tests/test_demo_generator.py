"""The seeded demo generator (`evidence.demo`) and the demo project committed in data/.

The committed files must be exactly the generator's output; the boundaries must tile
(LSOAs -> wards -> district); the values must be plausible and contain the planted
features that data/README.md promises.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
import yaml

import evidence.demo as demo
from evidence.demo.catalogue import CATALOGUE

DATA = Path(__file__).resolve().parents[1] / "data"
REGENERATE = "regenerate with: python -c \"import evidence.demo as d; d.generate('data')\""
THEMES = {"safer", "healthy", "young_people", "getting_around", "thriving", "learning"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return demo.generate(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def lookup() -> pd.DataFrame:
    return pd.read_csv(DATA / "lookup.csv", dtype=str)


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    return {t: gpd.read_file(DATA / "boundaries" / f"{t}.geojson")
            for t in ("lsoa", "ward", "district")}


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return pd.read_csv(DATA / "indicators.csv", dtype={"id": str})


def _tidy(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype={"indicator_id": str, "area_code": str,
                                           "period": str})


@pytest.fixture(scope="module")
def values() -> dict[str, pd.DataFrame]:
    return {k: _tidy(f"values_{k}.csv") for k in ("lsoa", "ward", "comparators")}


# --- committed output ---------------------------------------------------------------


def test_committed_data_are_the_generators_output(generated):
    files = sorted(p.relative_to(generated) for p in generated.rglob("*") if p.is_file())
    assert len(files) >= 11
    for rel in files:
        committed = DATA / rel
        assert committed.exists(), f"data/{rel} is missing; {REGENERATE}"
        assert committed.read_bytes() == (generated / rel).read_bytes(), (
            f"data/{rel} differs from the generator's output; {REGENERATE}"
        )


def test_data_folder_is_small():
    # hidden folders such as .evidence/ (a build's output) are not committed
    committed = [p for p in DATA.rglob("*")
                 if p.is_file() and not any(part.startswith(".")
                                            for part in p.relative_to(DATA).parts)]
    assert sum(p.stat().st_size for p in committed) < 5_000_000


def test_the_seed_matters():
    # another seed gives another district: the generator really is seeded
    a = demo.make_scenario(demo.DEFAULT_SEED).lookup()
    b = demo.make_scenario(7).lookup()
    assert not a.equals(b)


# --- geography ----------------------------------------------------------------------


def _bng(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return frame.geometry.to_crs(27700)


def test_layers_are_valid_polygons_in_wgs84(layers):
    for name, layer in layers.items():
        assert layer.crs.to_epsg() == 4326, name
        assert layer.geometry.is_valid.all(), name
        assert set(layer.geom_type) <= {"Polygon", "MultiPolygon"}, name


def test_lsoas_do_not_overlap(layers):
    geoms = _bng(layers["lsoa"]).to_numpy()
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert pairs.sum() > len(geoms)  # neighbours touch
    assert overlap.max() < 1e-3  # square metres


def test_lsoas_tile_the_district_without_gaps(layers):
    lsoa, district = _bng(layers["lsoa"]), _bng(layers["district"]).iloc[0]
    union = shapely.union_all(lsoa.to_numpy())
    assert abs(union.area - district.area) / district.area < 1e-6
    assert abs(lsoa.area.sum() - district.area) / district.area < 1e-6
    assert union.symmetric_difference(district).area / district.area < 1e-9


def test_wards_are_the_unions_of_their_lsoas(layers, lookup):
    lsoa = layers["lsoa"].set_index("lsoa_code").geometry.to_crs(27700)
    ward = layers["ward"].set_index("ward_code").geometry.to_crs(27700)
    assert set(ward.index) == set(lookup["ward_code"])
    for code, members in lookup.groupby("ward_code")["lsoa_code"]:
        union = shapely.union_all(lsoa.loc[members].to_numpy())
        assert abs(union.area - ward[code].area) / ward[code].area < 1e-6, code
        assert union.symmetric_difference(ward[code]).area / ward[code].area < 1e-9, code
    assert abs(ward.area.sum() - _bng(layers["district"]).area.sum()) < 1.0


def test_every_lsoa_lies_in_exactly_its_ward(layers, lookup):
    assert lookup["lsoa_code"].is_unique
    assert set(lookup["lsoa_code"]) == set(layers["lsoa"]["lsoa_code"])
    assert (lookup["district_code"] == "E07999001").all()
    lsoa = layers["lsoa"].set_index("lsoa_code").geometry
    ward = layers["ward"].set_index("ward_code").geometry
    within = shapely.within(lsoa.loc[lookup["lsoa_code"]].to_numpy(),
                            ward.loc[lookup["ward_code"]].to_numpy())
    assert within.all(), list(lookup["lsoa_code"][~within])
    # and in no other ward (beyond touching its boundary)
    others = shapely.STRtree(ward.to_numpy()).query(
        lsoa.loc[lookup["lsoa_code"]].to_numpy(), predicate="contains_properly")
    assert len(others[0]) == 0


def test_codes_names_and_counts(layers, lookup):
    assert 15 <= lookup["ward_code"].nunique() <= 25
    assert 80 <= len(lookup) <= 130
    per_ward = lookup.groupby("ward_code").size()
    assert per_ward.between(4, 7).all()
    assert lookup["lsoa_code"].str.fullmatch(r"E01999\d{3}").all()
    assert lookup["ward_code"].str.fullmatch(r"E05999\d{3}").all()
    assert lookup["lsoa_name"].str.fullmatch(r"Demoshire \d{3}[A-G]").all()
    assert lookup.groupby("ward_code")["ward_name"].nunique().eq(1).all()
    # somewhere in England: the East Midlands
    lon, lat = layers["district"].geometry.iloc[0].centroid.coords[0]
    assert -2.5 < lon < 0.0 and 52.0 < lat < 53.5


# --- project configuration ----------------------------------------------------------


def test_evidence_yml_has_every_section(lookup):
    config = yaml.safe_load((DATA / "evidence.yml").read_text())
    assert config["focus_area"] == "E07999001"
    assert list(config["geography"]["area_types"]) == ["lsoa", "ward", "district"]
    assert {t["id"] for t in config["themes"]} == THEMES
    assert config["benchmarks"]["comparators"]["lsoa"] == ["district", "england"]
    assert config["benchmarks"]["comparators"]["district"] == ["england"]
    assert config["benchmarks"]["values"] == "auto"
    assert config["disclosure"]["min_count"] == 5
    assert config["build"]["output"] == ".evidence"
    custom = config["geography"]["custom_areas"]
    assert 3 <= len(custom) <= 4
    members = list(itertools.chain.from_iterable(a["members"] for a in custom))
    assert sorted(members) == sorted(lookup["ward_code"].unique())  # a partition
    for entry in config["indicators"]["values"]:
        assert (DATA / entry["path"]).exists()
    assert "#" in (DATA / "evidence.yml").read_text()  # commented example


# --- catalogue and values -----------------------------------------------------------


def test_catalogue(catalogue):
    assert list(catalogue.columns) == ["id", "name", "theme", "unit", "polarity",
                                       "value_type", "multiplier", "source", "definition"]
    assert len(catalogue) >= 35 and catalogue["id"].is_unique
    assert set(catalogue["theme"]) == THEMES
    assert set(catalogue["polarity"]) == {"higher_is_better", "lower_is_better",
                                          "no_judgement"}
    assert set(catalogue["value_type"]) == {"proportion", "rate", "dsr", "mean", "count",
                                            "score"}


def test_every_value_names_a_known_indicator_and_area(values, catalogue, lookup):
    known = set(catalogue["id"])
    areas = {"lsoa": set(lookup["lsoa_code"]), "ward": set(lookup["ward_code"]),
             "comparators": {"E07999001", "E92000001"}}
    for name, frame in values.items():
        assert set(frame["indicator_id"]) <= known, name
        assert set(frame["area_code"]) <= areas[name], name
        assert not frame.duplicated(["indicator_id", "area_code", "period"]).any(), name
    covered = set().union(*(set(f["indicator_id"]) for f in values.values()))
    fingertips = pd.read_csv(DATA / "fingertips_download.csv", dtype=str)
    assert covered | set(fingertips["Indicator ID"]) == known


def test_periods(values):
    periods = pd.concat(values.values()).groupby("indicator_id")["period"].nunique()
    assert periods.max() >= 6
    assert (periods >= 6).mean() > 0.7
    assert {"2017/18", "2023/24", "2018", "2024"} <= set(values["lsoa"]["period"])


def test_values_are_consistent_with_numerators(values, catalogue):
    spec = catalogue.set_index("id")
    for name, frame in values.items():
        both = frame.dropna(subset=["numerator", "denominator"])
        both = both.join(spec[["value_type", "multiplier"]], on="indicator_id")
        computed = both["numerator"] / both["denominator"] * both["multiplier"]
        assert np.allclose(both["value"], computed, rtol=1e-3, atol=0.051), name
        proportions = both[both["value_type"] == "proportion"]
        assert (proportions["numerator"] <= proportions["denominator"]).all(), name
        assert (both["numerator"] >= 0).all(), name


def test_district_figures_are_sums_of_lsoa_figures(values, lookup):
    lsoa = values["lsoa"].dropna(subset=["denominator"])
    sums = lsoa.groupby(["indicator_id", "period"])[["numerator", "denominator"]].sum()
    district = (values["comparators"].query("area_code == 'E07999001'")
                .set_index(["indicator_id", "period"]).loc[sums.index])
    assert (district["numerator"] == sums["numerator"]).all()
    assert (district["denominator"] == sums["denominator"]).all()


def test_small_counts_and_missing_values(values):
    lsoa = values["lsoa"]
    assert (lsoa["numerator"] < 5).sum() >= 20
    assert (lsoa["numerator"] < 10).sum() > (lsoa["numerator"] < 5).sum()
    assert 1 <= lsoa["value"].isna().sum() <= 3
    assert values["ward"]["value"].isna().sum() >= 1


def test_population_sizes(values, lookup):
    pop = values["lsoa"].query("indicator_id == 'healthy_population'")
    assert pop["value"].between(1000, 3000).all()
    ward = pop.merge(lookup, left_on="area_code", right_on="lsoa_code").groupby(
        ["ward_code", "period"])["value"].sum()
    assert ward.between(4000, 12000).all()
    district = pop.groupby("period")["value"].sum()
    assert district.between(110_000, 130_000).all()


def test_fingertips_download_keeps_its_quirks():
    text = (DATA / "fingertips_download.csv").read_text()
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(frame.columns)[:3] == ["Indicator ID", "Indicator Name", "Parent Code"]
    assert len(frame.columns) == 27
    assert {"Persons", "Male", "Female"} <= set(frame["Sex"])
    assert set(frame["Area Type"]) == {"England", "Districts & UAs (from Apr 2023)"}
    assert frame["Indicator Name"].str.contains("\n").any()
    blank = frame[frame["Value"] == ""]
    assert len(blank) >= 1 and (blank["Value note"] != "").all()
    ids = set(frame["Indicator ID"])
    assert 3 <= len(ids) <= 4 and all(i.isdigit() for i in ids)


# --- planted features ---------------------------------------------------------------


def _latest_ward_values(values, lookup, catalogue) -> pd.DataFrame:
    """Latest raw value of each indicator by ward: LSOA counts summed, or ward values."""
    mult = catalogue.set_index("id")["multiplier"]
    lsoa = values["lsoa"].merge(lookup, left_on="area_code", right_on="lsoa_code")
    lsoa = lsoa[lsoa["period"] == lsoa.groupby("indicator_id")["period"].transform("max")]
    counts = lsoa.dropna(subset=["denominator"]).groupby(["indicator_id", "ward_code"])[
        ["numerator", "denominator"]].sum()
    rates = counts["numerator"] / counts["denominator"] * mult.reindex(
        counts.index.get_level_values(0)).to_numpy()
    means = lsoa[lsoa["denominator"].isna()].groupby(["indicator_id", "ward_code"])[
        "value"].mean()
    ward = values["ward"]
    ward = ward[ward["period"] == ward.groupby("indicator_id")["period"].transform("max")]
    direct = ward.rename(columns={"area_code": "ward_code"}).set_index(
        ["indicator_id", "ward_code"])["value"]
    return pd.concat([rates, means, direct]).rename("value").reset_index()


@pytest.mark.parametrize("role", ["deprived", "affluent", "road"])
def test_planted_wards_stand_out(role, values, lookup, catalogue):
    scenario = demo.make_scenario(demo.DEFAULT_SEED)
    codes = set(scenario.wards.loc[scenario.wards["role"] == role, "ward_code"])
    assert len(codes) == (1 if role == "road" else 3)
    names = set(scenario.wards.loc[scenario.wards["role"] == role, "ward_name"])
    readme = (DATA / "README.md").read_text()
    assert all(n in readme for n in names)
    indicators = demo.planted_indicators("road" if role == "road" else "deprived")
    assert len(indicators) >= (3 if role == "road" else 12)
    polarity = catalogue.set_index("id")["polarity"]
    comp = values["comparators"].query("area_code == 'E07999001'")
    district = comp[comp["period"] == comp.groupby("indicator_id")["period"]
                    .transform("max")].set_index("indicator_id")["value"]
    ward = _latest_ward_values(values, lookup, catalogue)
    ward = ward[ward["ward_code"].isin(codes) & ward["indicator_id"].isin(indicators)]
    assert ward["indicator_id"].nunique() == len(indicators)
    gap = ward["value"].to_numpy() - district.loc[ward["indicator_id"]].to_numpy()
    worse = np.where(polarity.loc[ward["indicator_id"]] == "lower_is_better", gap > 0, gap < 0)
    expected_worse = role != "affluent"
    bad = ward.assign(district=district.loc[ward["indicator_id"]].to_numpy())[
        worse != expected_worse]
    assert bad.empty, bad.to_string()


def test_deprived_wards_get_worse_on_some_indicators(values, lookup):
    scenario = demo.make_scenario(demo.DEFAULT_SEED)
    deprived = scenario.wards.loc[scenario.wards["role"] == "deprived", "ward_code"]
    lsoa = values["lsoa"].merge(lookup, left_on="area_code", right_on="lsoa_code")
    child = lsoa[(lsoa["indicator_id"] == "yp_child_poverty")
                 & lsoa["ward_code"].isin(deprived)]
    by_year = child.groupby("period")[["numerator", "denominator"]].sum()
    rate = by_year["numerator"] / by_year["denominator"]
    assert rate.iloc[-1] > rate.iloc[0] * 1.1


def test_different_seed_still_tiles():
    scenario = demo.make_scenario(7)
    tiling = scenario.tiling
    union = shapely.union_all(tiling.lsoas)
    assert union.symmetric_difference(tiling.district).area < 1e-6
    assert abs(sum(p.area for p in tiling.lsoas) - tiling.district.area) < 1e-6
    assert all(shapely.is_valid(tiling.lsoas))
