"""Issue 12, what boards see on real council data: national deprivation fifths, maps of
custom areas, area-type labels, the profiles of the focus area, the index and its key, and
a first page "at a glance".

The projects are the session's real ones (``real_gloucester``, ``real_spelthorne``), built
from ../shared/realdata as published. Each test fails on the code before its fix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

import evidence
from browser import page_checker  # noqa: F401  (a fixture)
from evidence.gaps.analysis import analyse
from evidence.gaps.report import build_gap_report
from evidence.profiles import build_profile
from realproject import GLOUCESTER, write_real_project
from sentence_rules import check_sentences, text_of

ABBEYDALE = "E05010950"


def _text(document) -> str:
    return " ".join(text_of(section._repr_html_()) for section in document.sections)


def _national_fifths(realdata, district: str) -> pd.Series:
    """IMD 2019 national fifth of each LSOA of ``district``, straight from the published file."""
    iod = pd.read_csv(realdata / "indicators/imd2019_lsoa11.csv")
    deciles = iod[(iod["indicator_id"] == "imd2019_IMD_decile") & (iod["lad_code"] == district)]
    return ((deciles.set_index("area_code")["value"] + 1) // 2).astype(int)


# --- 1. Deprivation context on the national scale --------------------------------------------------

def test_the_district_profile_counts_neighbourhoods_among_the_most_deprived_20pc_in_england(real_gloucester,
                                                                                            realdata):
    fifths = _national_fifths(realdata, GLOUCESTER)
    most, least = int((fifths == 1).sum()), int((fifths == 5).sum())
    assert (most, least, len(fifths)) == (21, 17, 78)  # not the 16/16/15/16/15 of fifths ranked in Gloucester
    context = text_of(build_profile(real_gloucester, GLOUCESTER).section("context").html)
    assert (f"{most} of its 78 neighbourhoods (LSOAs) are among the most deprived 20% in England on the IMD 2019 "
            f"decile (1 = most deprived), and {least} among the least deprived 20%.") in context
    assert "national fifths, England" in context


def test_the_gap_analysis_uses_the_national_fifths_and_says_so(real_gloucester, realdata):
    a = analyse(real_gloucester)
    fifths = _national_fifths(realdata, GLOUCESTER)
    assert a.fifths.set_index("area_code")["fifth"].sort_index().tolist() == fifths.sort_index().tolist()
    assert a.fifths["fifth_name"].iloc[0] == "Most deprived 20% in England"
    assert all("20% in England" in t for t in a.fifth_gaps["text"])
    text = _text(build_gap_report(real_gloucester))
    assert "Gloucester's neighbourhoods among the most deprived 20% in England do worse than those" in text
    assert "in the most deprived 20% in England against" in text  # the proofing sentences
    assert check_sentences({"gaps": text}) == []


def test_local_fifths_say_they_are_ranked_within_the_district(realdata, tmp_path):
    project = write_real_project(tmp_path / "p", realdata, gap_inputs=True, deprivation_scale="local")
    eb = evidence.load(project)
    a = analyse(eb)
    assert a.fifths["fifth"].value_counts().sort_index().tolist() == [16, 16, 15, 16, 15]
    assert all("ranked within Gloucester" in t for t in a.fifth_gaps["text"])
    context = text_of(build_profile(eb, GLOUCESTER).section("context").html)
    assert "among the most deprived fifth of Gloucester's neighbourhoods (ranked within Gloucester)" in context


@pytest.mark.parametrize("scale, extra, polarity, wanted", [
    ("national_decile", {}, "lower_is_better", "but its polarity in the catalogue is lower_is_better"),
    ("national_rank", {}, "higher_is_better", "needs the number of areas ranked nationally"),
    ("national_rank", {"deprivation_ranked": 5}, "higher_is_better", "has values that are not a national rank"),
    ("national_score", {"deprivation_cuts": [5, 10]}, "lower_is_better", "needs the four national cut points"),
    ("national_score", {"deprivation_cuts": [5, 8, 12, 19]}, "lower_is_better", "on a 0 to 1 scale"),
    ("national_fifths", {}, "higher_is_better", "Unknown deprivation scale 'national_fifths'"),
])
def test_validate_refuses_a_deprivation_scale_the_values_do_not_have(realdata, tmp_path, scale, extra, polarity,
                                                                     wanted):
    project = write_real_project(tmp_path / "p", realdata, gap_inputs=True, deprivation_scale=scale)
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["context"].update(extra)
    if scale == "national_score":  # the IoD income score: a rate from 0 to 1, higher is more deprived
        config["context"]["deprivation"] = "imd2019_income_rate"
    (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    catalogue = pd.read_csv(project / "indicators.csv")
    catalogue.loc[catalogue["id"] == config["context"]["deprivation"], "polarity"] = polarity
    catalogue.to_csv(project / "indicators.csv", index=False)
    _, problems = evidence.validate(project)
    said = [f"{p.message} {p.fix}" for p in problems.errors]
    assert any(wanted in s for s in said), problems.report()
    assert all("context.deprivation" in str(p.place) for p in problems.errors), problems.report()


def test_a_national_score_with_its_cut_points_gives_national_fifths(realdata, tmp_path):
    project = write_real_project(tmp_path / "p", realdata, gap_inputs=True, deprivation_scale="national_score")
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["context"].update(deprivation="imd2019_income_rate", deprivation_cuts=[0.05, 0.08, 0.12, 0.19])
    (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    _, problems = evidence.validate(project)
    assert not problems.errors, problems.report()
    a = analyse(evidence.load(project))
    income = a.fifths.set_index("area_code")["deprivation"]
    expected = 5 - sum((income > c).astype(int) for c in (0.05, 0.08, 0.12, 0.19))
    assert a.fifths.set_index("area_code")["fifth"].tolist() == expected.tolist()


# --- 4. The profiles of the focus area, the index by district --------------------------------------

def test_profiles_default_to_the_areas_inside_the_focus_area(real_gloucester):
    from evidence.profiles.run import profile_jobs

    areas = real_gloucester.areas
    wards = areas[areas["area_type"] == "ward"]
    inside = set(wards.loc[wards["district_code"] == GLOUCESTER, "area_code"])
    assert len(inside) == 18 and len(wards) == 31  # the lookup covers Spelthorne too
    assert {job.key for job in profile_jobs(real_gloucester, "ward")} == inside
    assert len(profile_jobs(real_gloucester, "ward", all_areas=True)) == 31


def _index(eb, tmp_path):
    from evidence.profiles.index import index_page

    wards = eb.areas[eb.areas["area_type"] == "ward"]["area_code"]
    return index_page(eb, {c: tmp_path / "ward" / f"{c}.html" for c in wards}, tmp_path)


def test_the_index_shows_each_area_s_district_and_filters_by_it(real_gloucester, tmp_path):
    html = _index(real_gloucester, tmp_path)
    assert '<label for="ev-profile-district">Show the profiles in one district</label>' in html
    assert '<select id="ev-profile-district" aria-controls="ev-profile-list" data-column="District">' in html
    assert '<option value="Gloucester">Gloucester</option>' in html and '<option value="Spelthorne">' in html
    table = html[html.index('id="ev-profile-list"'):]
    abbeydale = table[table.index("Abbeydale"):]
    assert text_of(abbeydale[:abbeydale.index("</tr>")]).split()[:4] == ["Abbeydale", "E05010950", "Ward",
                                                                         "Gloucester"]


# --- 5. The index map's key reads naturally for counts --------------------------------------------

def test_the_index_key_has_distinct_non_empty_classes_in_words_for_counts(real_gloucester, tmp_path):
    import re

    html = _index(real_gloucester, tmp_path)
    key = text_of(html[html.index('class="ev-legend'):][:3000]) if 'class="ev-legend' in html else ""
    swatches = re.findall(r"(\d+(?: to \d+)? indicators?) \((\d+) areas?\)", text_of(html))
    assert swatches, key
    labels = [label for label, _ in swatches]
    assert len(labels) == len(set(labels))
    assert all(int(n) > 0 for _, n in swatches)
    assert "more than" not in " ".join(labels) and "1 indicators" not in text_of(html)
    total = sum(int(n) for _, n in swatches)
    assert total == 31


# --- 3. Area-type labels, not keys -----------------------------------------------------------------

def test_an_lsoa_profile_says_lsoa_not_the_type_s_key(real_gloucester):
    profile = build_profile(real_gloucester, "E01022276")  # Gloucester 010A
    assert profile.title == "Gloucester 010A: LSOA profile"
    text = _text(profile)
    assert "the range across LSOAs" in text and "by LSOA" in text
    assert "lsoa" not in text.replace("LSOA", "")  # no 'lsoa profile', 'across lsoas', 'by lsoa'
    assert "Gloucester 010A: LSOA profile" in text_of(profile.section("title").html)


# --- 2. A custom area gets a map; a type with one area gets no Worst = 25th = 75th = Best ----------

ABBEYMEAD = "E05010951"


def _custom_project(realdata, root, wards: list[str]):
    """The real project with one neighbourhood (custom area) per ward in ``wards``, made of its LSOAs."""
    project = write_real_project(root, realdata)
    lookup = pd.read_csv(realdata / "lookups/lsoa11_ward19_lad19.csv", dtype=str)
    config = yaml.safe_load((project / "evidence.yml").read_text())
    config["geography"]["custom_areas"] = [
        {"code": f"NB{i:02d}", "name": f"{lookup.loc[lookup['ward19_code'] == w, 'ward19_name'].iloc[0]} "
                                       "neighbourhood", "type": "neighbourhood",
         "members": lookup.loc[lookup["ward19_code"] == w, "lsoa11_code"].tolist()} for i, w in enumerate(wards, 1)]
    config["benchmarks"]["comparators"]["neighbourhood"] = ["district", "england"]
    (project / "evidence.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    _, problems = evidence.validate(project)
    assert not problems.errors, problems.report()
    return evidence.load(project)


def test_a_lone_custom_area_is_mapped_among_its_member_lsoas_and_its_spine_says_why_no_range(realdata, tmp_path):
    from evidence.render.spine import spine_rows

    eb = _custom_project(realdata, tmp_path / "p", [ABBEYDALE])
    members = eb.config.custom_areas[0].members
    assert len(members) >= 3
    profile = build_profile(eb, "NB01")
    section = profile.section("map").html
    assert "too few comparable areas" not in text_of(section)
    assert f"the {len(members)} LSOAs it is made of" in text_of(section)
    assert section.count("<tr>") >= len(members)  # the ranked table of the member LSOAs
    rows = spine_rows(eb.values, eb.indicators, "NB01")
    assert rows and all(r.n_areas == 1 for r in rows)
    assert all(np.isnan([r.worst, r.q25, r.q75, r.best]).all() for r in rows)  # not Worst = 25th = 75th = Best
    spines = " ".join(text_of(s.html) for s in profile.sections if s.id.startswith("theme-"))
    assert "No range of comparable areas is drawn for any indicator: no other area of the same type" in spines
    assert check_sentences({"NB01": _text(profile)}) == []


def test_sibling_custom_areas_are_mapped_together(realdata, tmp_path):
    eb = _custom_project(realdata, tmp_path / "p", [ABBEYDALE, ABBEYMEAD])
    section = text_of(build_profile(eb, "NB01").section("map").html)
    assert "Map of 2 areas" in section and "Abbeydale neighbourhood (outlined)" in section
    assert "Abbeymead neighbourhood" in section


# --- 6. A first page "at a glance" that prints on its own ------------------------------------------

STAINES_SOUTH = "E05007371"  # the real ward with the longest first page


def test_the_first_section_is_at_a_glance_worst_and_best_with_the_map(real_gloucester):
    profile = build_profile(real_gloucester, ABBEYDALE)
    glance = profile.section("summary").html
    assert 'class="ev-glance"' in glance and "At a glance" in text_of(glance)
    assert "What stands out" in text_of(glance) and "The worst and best indicators against Gloucester" in glance
    assert "ev-map" in glance and "Map: " in text_of(glance)  # the map is on the first page
    assert "The full profile follows." in text_of(glance)
    assert check_sentences({"glance": text_of(glance)}) == []


@pytest.mark.browser
@pytest.mark.parametrize("code", [ABBEYDALE, STAINES_SOUTH])
def test_the_glance_page_prints_on_its_own_a4_page(real_gloucester, tmp_path, code):
    from browser import printed_pages

    from evidence.profiles.page import render_page

    path = tmp_path / f"{code}.html"
    path.write_text(render_page(build_profile(real_gloucester, code)), encoding="utf-8")
    first, rest, everything = (printed_pages(path, keep) for keep in ("first", "rest", "all"))
    assert first == 1  # the title and the glance fit one A4 page
    assert everything == 1 + rest > 2  # and the full profile starts on page 2


@pytest.mark.browser
def test_the_demo_s_longest_glance_page_prints_on_one_page_too(demo, tmp_path):
    from browser import printed_pages

    from evidence.profiles.page import render_page

    path = tmp_path / "NP01.html"  # 33 indicators, 25 worse, a long name: the demo's longest first page
    path.write_text(render_page(build_profile(demo, "NP01")), encoding="utf-8")
    assert printed_pages(path, "first") == 1
    assert printed_pages(path, "all") == 1 + printed_pages(path, "rest")


@pytest.mark.browser
def test_the_index_filter_works_offline_and_passes_axe(real_gloucester, tmp_path, page_checker):
    from browser import choose_option

    path = tmp_path / "index.html"
    path.write_text(_index(real_gloucester, tmp_path), encoding="utf-8")
    assert page_checker(path, "real-index").problems() == []
    shown, said = choose_option(path, "#ev-profile-district", "Spelthorne", "#ev-profile-list tbody tr",
                                "#ev-profile-search-status")
    assert (shown, said) == (13, "13 of 31 profiles shown")


@pytest.mark.browser
def test_a_real_ward_profile_with_its_glance_page_passes_axe(real_gloucester, tmp_path, page_checker):
    from evidence.profiles.page import render_page

    path = tmp_path / "abbeydale.html"
    path.write_text(render_page(build_profile(real_gloucester, ABBEYDALE)), encoding="utf-8")
    report = page_checker(path, "real-abbeydale")
    assert report.problems() == []
    assert len(report.maps) == 2 and min(report.maps) >= 18  # the glance map and the full one: 18 wards


def test_the_gap_analysis_names_area_types_by_their_labels(real_gloucester):
    text = _text(build_gap_report(real_gloucester))
    assert "Smoking prevalence in adults: no data for LSOAs or wards (only comparator area, district, England)" in text
    assert "lsoa" not in text.replace("LSOA", "")
