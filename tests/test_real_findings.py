"""Issue 12: wrong or missing findings on real council data must never be silent.

The projects are built once per session (``real_gloucester``, ``real_spelthorne`` in
conftest.py) from the files in ../shared/realdata as published: IoD 2019 with its
blanked IDACI numerators, districts compared with their county given as a GSS code.
Each test names the defect it guards against; every one fails on the code before the fix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

import evidence
from evidence.gaps.analysis import analyse
from evidence.gaps.report import build_gap_report
from evidence.profiles import build_profile
from realproject import COUNTY_PLACEHOLDER, GLOUCESTER, GLOUCESTERSHIRE, SPELTHORNE, SURREY, write_real_project
from sentence_rules import analysis_problems, check_sentences, text_of

ENGLAND = "E92000001"
BLANK_IDACI_LSOA = "E01030705"  # Spelthorne 001?: IoD 2019 File 8 leaves its IDACI numerator blank
ABBEYDALE = "E05010950"  # a Gloucester ward whose LSOA E01022278 has a blank IDAOPI numerator


def _page_text(document) -> str:
    return " ".join(text_of(section._repr_html_()) for section in document.sections)


# --- 1. Comparators given as a GSS code --------------------------------------------------------

def test_a_county_comparator_without_values_is_warned_once_per_indicator(real_gloucester):
    warnings = [w for w in real_gloucester.warnings if GLOUCESTERSHIRE in w]
    # The district income rate is aggregated from the LSOAs: the county has no value for it.
    income = [w for w in warnings if "'imd2019_income_rate'" in w]
    assert len(income) == 1 and "not compared with it" in income[0]
    assert not any("'sape_mid2018_population'" in w for w in warnings)  # counts are never compared
    # The county's own row is read, named from the file and compared. It is a fixture of the
    # documented option, NOT real data: realproject.COUNTY_PLACEHOLDER (the kit has no county figure).
    assert real_gloucester.area_name(GLOUCESTERSHIRE) == "Gloucestershire"
    assert not any("'fingertips_adults_smoking' has no value" in w for w in warnings)
    c = real_gloucester.comparisons
    county = c[(c["comparator_code"] == GLOUCESTERSHIRE) & (c["indicator_id"] == "fingertips_adults_smoking")]
    assert county["comparator_value"].notna().any()
    assert set(county["comparator_value"].dropna()) == {COUNTY_PLACEHOLDER}


def test_a_county_row_in_a_tidy_file_is_read_and_compared(realdata, tmp_path):
    project = write_real_project(tmp_path / "p", realdata, county=GLOUCESTERSHIRE)
    # A county row as an analyst types it from a publication (the figure is made up for the test).
    pd.DataFrame({"indicator_id": ["imd2019_income_rate"], "area_code": [GLOUCESTERSHIRE],
                  "area_name": ["Gloucestershire"], "period": ["IoD2019"], "value": [0.09]}).to_csv(
        project / "county_income.csv", index=False)
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["indicators"]["values"].append({"path": "county_income.csv"})
    (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    _, problems = evidence.validate(project)
    assert not problems.errors, problems.report()
    eb = evidence.load(project)
    assert eb.area_name(GLOUCESTERSHIRE) == "Gloucestershire"  # the name comes from the file
    c = eb.comparisons
    row = c[(c["area_code"] == GLOUCESTER) & (c["indicator_id"] == "imd2019_income_rate")
            & (c["comparator_code"] == GLOUCESTERSHIRE)]
    assert len(row) == 1 and row["comparator_value"].iloc[0] == pytest.approx(0.09)
    assert row["judgement"].iloc[0] == "Worse"  # Gloucester's 0.126 against 0.09, lower is better
    assert not any("'imd2019_income_rate' has no value" in w for w in eb.warnings)


FINGERTIPS = '''Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Value note
92443,Smoking prevalence in adults,,,E92000001,England,England,Persons,18+ yrs,,,2019,13.9,13.7,14.1,,,
92443,Smoking prevalence in adults,E12000009,South West region,E07000001,Tinyshire,Districts & UAs (from Apr 2023),Persons,18+ yrs,,,2019,18.0,15.0,21.0,,,
92443,Smoking prevalence in adults,E92000001,England,E12000009,South West region,Regions,Persons,18+ yrs,,,2019,12.0,11.5,12.5,,,
92443,Smoking prevalence in adults,E12000009,South West region,E06000022,Bath,Counties & UAs,Persons,18+ yrs,,,2019,12.0,10.0,14.0,,,
'''


def test_a_region_row_in_a_fingertips_download_is_kept_when_it_is_a_comparator(tmp_path):
    from tinyproject import write_tiny_project

    project = write_tiny_project(tmp_path / "tiny")
    (project / "download.csv").write_text(FINGERTIPS, encoding="utf-8")
    catalogue = pd.read_csv(project / "indicators.csv")
    catalogue.loc[len(catalogue)] = ["92443", "Smoking (APS)", "healthy", "%", "lower_is_better", "proportion",
                                     100, "OHID", ""]
    catalogue.to_csv(project / "indicators.csv", index=False)
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["indicators"]["values"].append({"path": "download.csv", "format": "fingertips"})
    config["benchmarks"]["comparators"]["district"] = ["england", "E12000009"]
    (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    eb = evidence.load(project)
    assert eb.area_name("E12000009") == "South West region"
    c = eb.comparisons
    row = c[(c["indicator_id"] == "92443") & (c["comparator_code"] == "E12000009")]
    assert row["comparator_value"].tolist() == [12.0] and row["judgement"].tolist() == ["Worse"]
    assert not (eb.values["area_code"] == "E06000022").any()  # Bath is no comparator: left out, said so


# --- 2. Aggregation that cannot be done -----------------------------------------------------------

def test_what_could_not_be_aggregated_is_a_build_warning_and_in_the_manifest(real_gloucester):
    idaci = [w for w in real_gloucester.warnings if "'imd2019_idaci_rate'" in w and "could not be aggregated" in w]
    assert idaci and BLANK_IDACI_LSOA in " ".join(idaci) and "blank numerator" in " ".join(idaci)
    records = [r for r in real_gloucester.manifest["not_aggregated"] if r["indicator_id"] == "imd2019_idaci_rate"]
    wards = {r["area_code"] for r in records if r["area_type"] == "ward"}
    assert len(wards) == 9  # 9 of the 31 wards have an LSOA with a blank IDACI numerator
    assert {GLOUCESTER, SPELTHORNE} <= {r["area_code"] for r in records if r["area_type"] == "district"}
    assert any(BLANK_IDACI_LSOA in r["blank"] for r in records)


def test_the_profile_says_which_figures_are_missing_and_why(real_gloucester):
    text = _page_text(build_profile(real_gloucester, ABBEYDALE))
    assert "Figures that could not be given" in text
    assert "Income deprivation affecting older people (IoD2019): not aggregated: member E01022278" in text
    assert "evidence gap, not a finding" in text


def test_no_district_value_means_judged_against_england_and_said_so(real_gloucester):
    v = real_gloucester.values
    wards = v[(v["indicator_id"] == "imd2019_idaci_rate") & (v["area_type"] == "ward")
              & (v["area_code"].map(real_gloucester.areas.set_index("area_code")["district_code"]) == GLOUCESTER)]
    assert len(wards) and (wards["comparator_code"] == ENGLAND).all()  # Gloucester has no IDACI value
    assert wards["judgement"].isin(["Worse", "Similar", "Better"]).all()
    worst = wards.sort_values("value").iloc[-1]
    assert worst["value"] > 1.5 * 0.1664  # far above the England rate (0.1664): a finding the board must see
    text = _page_text(build_profile(real_gloucester, str(worst["area_code"])))
    assert "compared with England: no Gloucester value" in text


def test_missing_values_are_an_evidence_gap_not_a_lack_of_need(real_gloucester):
    a = analyse(real_gloucester)
    register = a.unsupported.set_index("activity")
    # A ward at about twice the England rate: the child-poverty group is supported by the evidence.
    assert register.loc["Child poverty action group", "status"] == "evidenced"
    # Abbeydale has no older-people income figure at all: nothing is known, so nothing is judged.
    pension = register.loc["Pension credit check, Abbeydale"]
    assert pension["status"] == "evidence missing" and "evidence gap" in pension["text"]
    assert "does not show" not in pension["text"]


# --- 4. Sentences that are wrong ------------------------------------------------------------------

def test_an_activity_that_ended_is_not_current_cover(real_gloucester):
    a = analyse(real_gloucester)
    ended = a.unsupported.set_index("activity").loc["Income advice drop-ins"]
    assert ended["status"] == "not running" and "ended in 2018" in ended["text"]
    covered = a.coverage[a.coverage["indicator_id"] == "imd2019_income_rate"]
    assert not covered["activities"].str.contains("Income advice").any()


def test_no_relative_index_from_a_non_positive_end(real_gloucester, real_spelthorne):
    for eb in (real_gloucester, real_spelthorne):
        sii = analyse(eb).sii
        bad = sii[(sii["least_deprived_end"] <= 0) | (sii["most_deprived_end"] <= 0)]
        assert bad["rii"].isna().all()
        assert bad["rii_note"].str.contains("at or below zero").all()


def test_counts_get_no_interval_and_stay_out_of_spines_and_correlations(real_gloucester):
    v = real_gloucester.values
    population = v[v["indicator_id"] == "sape_mid2018_population"]
    assert population["lower"].isna().all() and population["upper"].isna().all()
    a = analyse(real_gloucester)
    pairs = set(a.correlated["indicator_a"]) | set(a.correlated["indicator_b"])
    assert not pairs & {"sape_mid2018_population", "policeuk_street_crime_count"}
    profile = build_profile(real_gloucester, GLOUCESTER)
    spines = " ".join(text_of(s._repr_html_()) for s in profile.sections if s.id.startswith("theme-"))
    assert "Population, mid-2018" not in spines.split("latest figures compared")[0]


@pytest.fixture(scope="module")
def real_pages(real_gloucester, real_spelthorne):
    """Every gap-analysis and profile page of the real projects, as text (page name -> text)."""
    pages, analyses = {}, []
    for eb, focus in ((real_gloucester, GLOUCESTER), (real_spelthorne, SPELTHORNE)):
        report = build_gap_report(eb)
        analyses.append(report.analysis)
        pages[f"gaps {focus}"] = _page_text(report)
        areas = eb.areas
        inside = areas[(areas["area_type"].isin(["ward", "district"]))
                       & ((areas["district_code"] == focus) | (areas["area_code"] == focus))]
        for code in inside["area_code"]:
            pages[f"profile {code}"] = _page_text(build_profile(eb, str(code)))
    return pages, analyses


def test_every_real_sentence_keeps_the_rules(real_pages):
    pages, analyses = real_pages
    assert len(pages) > 30
    assert check_sentences(pages) == []
    assert [p for a in analyses for p in analysis_problems(a)] == []
    everything = " ".join(pages.values())
    assert "against 0% in urban areas" not in everything


def test_the_rules_catch_the_sentences_of_the_issue():
    broken = {"p": "Safer: 0% of values significantly worse in rural areas against 0% in rural areas. "
                   "Abbeydale went from 56.8% in 2021 to 56.8% in 2021. "
                   "Healthy: 120% of values significantly worse in urban areas against 3% in rural areas."}
    problems = check_sentences(broken)
    assert len(problems) == 3, problems


def test_spelthorne_with_surrey_as_its_county(real_spelthorne):
    assert real_spelthorne.config.focus_area == SPELTHORNE
    assert any(SURREY in w and "'imd2019_income_rate'" in w for w in real_spelthorne.warnings)
    a = analyse(real_spelthorne)
    assert a.focus_name == "Spelthorne"


def test_equal_shares_are_not_a_group_against_itself():
    from types import SimpleNamespace

    from evidence.gaps.sections import _proof_words

    frame = pd.DataFrame({"theme": ["safer"] * 2 + ["healthy"] * 2, "group": ["Rural", "Urban"] * 2,
                          "n_areas": [10, 30, 10, 30], "n_worse": [0, 0, 1, 9],
                          "share_worse": [0.0, 0.0, 10.0, 30.0], "mean_bad_gap_pct": [np.nan] * 4})
    words = _proof_words(frame, SimpleNamespace(theme_names={"safer": "Safer", "healthy": "Healthy"}))
    assert words[0] == ("Safer: the same share of values is significantly worse in every group "
                        "(rural, urban): 0%.")
    assert words[1] == "Healthy: 30% of values significantly worse in urban areas against 10% in rural areas."
    assert check_sentences({"p": " ".join(words)}) == []


def test_a_target_chart_with_one_period_does_not_say_went_from():
    from evidence.render.target_chart import _describe

    data = pd.DataFrame({"period": ["2021"], "value": [56.8], "target": [np.nan], "low": [np.nan],
                         "high": [np.nan], "label": [""]})
    words = _describe(data, lambda v: f"{v:.1f}%", "Abbeydale")
    assert "went from" not in words and "56.8% in 2021" in words


def test_a_ward_in_the_boundaries_but_not_in_the_lookup_is_named(realdata, tmp_path):
    project = write_real_project(tmp_path / "p", realdata)
    # A best-fit lookup can give a small ward no LSOA: its LSOAs go to the neighbouring ward.
    lookup = pd.read_csv(realdata / "lookups/lsoa11_ward19_lad19.csv", dtype=str)
    lookup.loc[lookup["ward19_code"] == ABBEYDALE, ["ward19_code", "ward19_name"]] = ["E05010951", "Barnwood"]
    lookup.to_csv(project / "lookup.csv", index=False)
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["geography"]["lookup"]["path"] = "lookup.csv"
    (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    _, problems = evidence.validate(project)
    said = [p.message for p in problems.warnings if ABBEYDALE in p.message]
    assert said == [f"ward '{ABBEYDALE}' (Abbeydale) is in the boundary file, inside district '{GLOUCESTER}', "
                    "but in no row of the lookup, so it has no values and no profile."]
    assert not any("covers a wider area" in p.fix for p in problems.warnings)
