"""Proofing: the demo's record, its findings and words, the Fingertips breakdowns, the national check.

Everything runs on the session's built demo (``demo``, ``demo_project``) and the real
Gloucester project (``real_gloucester``); no project is built here. The planted findings
are those ``src/evidence/demo/proofing.py`` and ``src/evidence/demo/fingertips.py`` describe.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sentence_rules import check_sentences, text_of
from test_readers import FINGERTIPS

from evidence.breakdowns import compare_breakdowns, published_breakdowns, read_breakdowns
from evidence.errors import ValidationError
from evidence.io.fingertips import read_fingertips
from evidence.known import KnownNames
from evidence.outcomes import action_plan
from evidence.outcomes.report import build_plan_report
from evidence.problems import Problems
from evidence.profiles.content import build_profile
from evidence.proofing import (load_proofing, missing_lenses, national_check, national_sentences, proofing_by_theme,
                               read_national_set, read_proofing_file, unknown_without_evidence, unmitigated)
from evidence.proofing.breakdowns import breakdown_sentences
from evidence.proofing.section import proofing_section

DISTRICT = "E07999001"


@pytest.fixture(scope="module")
def published(demo):
    return demo.published_evidence()


@pytest.fixture(scope="module")
def proofing(published):
    _, record, framework = load_proofing(published)
    return record, framework


def test_demo_record_findings_are_exactly_the_planted_ones(proofing):
    record, framework = proofing
    missing = missing_lenses(record, [(o.id, o.theme) for o in framework.outcomes])
    assert missing[["outcome_id", "lens", "missing"]].values.tolist() == [["6.2", "rural", "the whole lens"]]
    negative = unmitigated(record)
    assert negative[["outcome_id", "lens", "aspect"]].values.tolist() == [["5.1", "sustainability", "environmental"]]
    assert unknown_without_evidence(record).empty  # every "not known" names its evidence
    assert set(record.outcomes) == {o.id for o in framework.outcomes}


def test_proofing_by_theme_in_words(demo_project, proofing):
    record, framework = proofing
    by_theme = proofing_by_theme(demo_project)  # straight from the project folder
    assert list(by_theme) == framework.theme_order()
    learning = " ".join(by_theme["learning"])
    assert "Outcome 6.2 has not been proofed for rural impact (the whole lens is missing)." in learning
    getting_around = by_theme["getting_around"]
    assert any(s.startswith("Outcome 5.1 has a negative sustainability impact (environmental) with no mitigation")
               for s in getting_around)
    assert ("Mitigation (disability): Dropped kerbs and tactile paving at every new crossing."
            in " ".join(getting_around))
    healthy = " ".join(by_theme["healthy"])
    assert "not known for disability and race" in healthy
    assert ("Evidence: 92443; Health equity audit of stop smoking services, due autumn 2021; Smoking by ethnic "
            "group from the Annual Population Survey.") in healthy
    assert not any("Outcome 5.1 has not been proofed" in s for s in getting_around)


def test_breakdowns_survive_the_build_and_are_compared(demo, published):
    raw = demo.breakdowns
    assert set(raw["category_type"]) == {"Ethnic groups", "Sex"}
    assert demo.manifest["rows"]["breakdowns"] == len(raw) > 0
    latest = published.breakdowns
    district = latest[(latest["area_code"] == DISTRICT) & (latest["category_type"] == "Ethnic groups")]
    district = district[district["year"] == district["year"].max()].set_index("category")
    assert district.loc["Mixed", "vs_persons"] == "Worse"  # planted
    assert (district.drop(index="Mixed")["vs_persons"] == "Similar").all()
    assert np.allclose(district["persons_value"], district["persons_value"].iloc[0])  # the district's whole value
    assert set(district["vs_england"]) <= {"Similar", "Worse", "Better"}
    england = latest[latest["area_code"] == "E92000001"]
    assert (england["vs_england"] == "Not compared").all()
    words = " ".join(breakdown_sentences(published, ["92443"]))
    assert "Mixed (ethnic groups) is significantly worse than the whole population" in words


def test_breakdowns_in_the_district_profile(published):
    profile = build_profile(published, DISTRICT)
    ids = [s.id for s in profile.sections]
    assert ids.index("groups") < ids.index("map")
    html = str(profile.section("groups").html)
    assert '<h2 id="groups">Differences between groups</h2>' in html and "Mixed (ethnic groups)" in html
    assert "groups" not in [s.id for s in build_profile(published, "E05999001").sections]  # wards: no breakdowns


def test_breakdown_disclosure_hides_small_counts_and_their_complement():
    rows = pd.DataFrame({"indicator_id": "x", "area_code": "A", "period": "2020", "category_type": "Sex",
                         "category": ["Male", "Female"], "numerator": [3.0, 40.0], "value": [1.0, 9.0],
                         "lower": [0.5, 8.0], "upper": [2.0, 10.0], "persons_value": [5.0, 5.0],
                         "vs_persons": ["Better", "Worse"], "england_value": [4.0, 4.0],
                         "vs_england": ["Better", "Worse"]})
    values = pd.DataFrame({"indicator_id": ["x"], "area_code": ["A"], "period": ["2020"], "suppressed": [False]})
    shown = published_breakdowns(rows, values, min_count=5)
    assert shown["suppressed"].tolist() == [True, True]  # the second could be worked out from the whole
    assert shown["value"].isna().all() and shown["numerator"].isna().all()
    assert set(shown["vs_persons"]) == {"Not compared"}
    assert rows["value"].tolist() == [1.0, 9.0]  # the input is not changed
    england = rows.assign(area_code=["E92000001", "A"], numerator=[3.0, 400.0], category="Male")
    shown = published_breakdowns(england, values, min_count=5)  # England's small count: its benchmark hidden too
    assert shown["suppressed"].tolist() == [True, False]
    assert shown["england_value"].isna().all() and shown.loc[1, "vs_england"] == "Not compared"


def test_fingertips_reader_keeps_the_breakdown_rows(tmp_path):
    path = tmp_path / "download.csv"
    path.write_text(FINGERTIPS, encoding="utf-8-sig")
    found: list = []
    rows = read_fingertips(path, Problems(), found)
    assert list(rows["area_code"]) == ["E92000001", "E07000001", "E06000022"]  # unchanged
    kept = found[0]
    assert kept[["category_type", "category"]].values.tolist() == [["Sex", "Male"],
                                                                   ["Deprivation decile", "Most deprived"]]
    assert kept.index.tolist() == [4, 5]


def test_real_breakdown_rows_survive_and_are_compared(realdata, real_gloucester, tmp_path):
    """The real Fingertips extract's rows by sex and deprivation quintile, as a Fingertips download."""
    data = pd.read_csv(realdata / "indicators" / "fingertips_lad_indicators.csv", dtype=str)
    ids = {"fingertips_mortality_rate", "fingertips_obese_year6"}
    data = data[data["indicator_id"].isin(ids)]
    download = pd.DataFrame({"Indicator ID": data["indicator_id"], "Indicator Name": data["indicator_name"],
                             "Area Code": data["area_code"], "Area Name": data["area_name"],
                             "Area Type": data["area_type"], "Sex": data["sex"], "Age": data["age"],
                             "Category Type": np.where(data["category"].notna() & data["sex"].eq("Persons"),
                                                       "Deprivation quintile", None),
                             "Category": data["category"].where(data["sex"].eq("Persons")),
                             "Time period": data["period"], "Value": data["value"], "Count": data["numerator"],
                             "Denominator": data["denominator"]})
    path = tmp_path / "fingertips.csv"
    download.to_csv(path, index=False)
    problems, found = Problems(), []
    persons = read_fingertips(path, problems, found)
    assert len(persons) and not problems.errors
    catalogue = pd.DataFrame({"id": sorted(ids), "polarity": "lower_is_better", "value_type": "dsr",
                              "multiplier": 100000})
    breakdowns = read_breakdowns([f.assign(source_file="fingertips.csv") for f in found], catalogue,
                                 real_gloucester.areas, problems)
    sexes = breakdowns[breakdowns["category_type"] == "Sex"]
    assert set(sexes["category"]) == {"Male", "Female"}
    assert "E07000081" in set(sexes["area_code"])  # Gloucester's own rows survive
    quintiles = breakdowns[breakdowns["category_type"] == "Deprivation quintile"]
    assert len(quintiles) == 5 and set(quintiles["area_code"]) == {"E92000001"}
    values = persons.assign(value=pd.to_numeric(persons["value"]))
    compared = compare_breakdowns(breakdowns, values, catalogue)
    by_sex = compared[compared["category_type"] == "Sex"]
    assert by_sex["persons_value"].notna().all()  # every row by sex found its whole-population value
    # The extract has no intervals and no counts: nothing is judged rather than judged wrongly.
    assert set(compared["vs_persons"]) == {"Not compared"}
    assert len(real_gloucester.breakdowns) == 0 and "vs_persons" in real_gloucester.breakdowns.columns


def test_national_check_on_the_demo_is_exactly_as_planted(demo_project, published, proofing):
    _, framework = proofing
    national = read_national_set(demo_project / "national_outcomes.csv", KnownNames.of_evidence(published))
    check = national_check(published, framework, national)
    assert dict(zip(check.covered["outcome"], check.covered["measured"])) == {
        "Safer and stronger communities": True, "Healthy and independent lives": True,
        "Children and young people": True, "A cleaner, greener place": False}
    assert list(check.local_only["outcome_id"]) == ["1.2", "2.1", "2.2", "2.3", "5.1", "6.1", "6.2"]
    assert list(check.worse_unmeasured["catalogue_id"]) == ["yp_ks2_expected"]
    assert list(check.not_in_base["metric"]) == ["Healthy life expectancy at birth",
                                                  "Household waste sent for reuse, recycling or composting",
                                                  "Per capita CO2 emissions in the local authority area"]
    words = national_sentences(check, "Demoshire")
    assert words[0].startswith("3 of the 4 national outcomes are covered")
    assert "that is fine, they are local priorities" in words[2]


def test_plan_page_shows_proofing_and_national_sections(published):
    from evidence.outcomes.issues import priority_issues

    plan = action_plan(published, issues=priority_issues(published))
    report = build_plan_report(published, plan)
    ids = [s.id for s in report.sections]
    assert ids.index("coverage") < ids.index("proofing") < ids.index("national") < ids.index("smart")
    proofing_html = str(report.section("proofing").html)
    assert "Outcome 6.2 has not been proofed for rural impact" in proofing_html
    assert "by rural and urban areas" in proofing_html and "by deprivation fifth" in proofing_html
    assert "Most deprived fifth" in proofing_html and "<th scope=\"row\">Violent crime</th>" in proofing_html
    assert "Mixed (ethnic groups)" in proofing_html
    national_html = str(report.section("national").html)
    assert "Key stage 2 expected standard" in national_html
    assert check_sentences({"proofing": text_of(proofing_html), "national": text_of(national_html)}) == []


def test_one_theme_page_has_only_its_proofing(published, proofing):
    _, framework = proofing
    html = str(proofing_section(published, framework, ["learning"]).html)
    assert "Outcome 6.2 has not been proofed for rural impact" in html and "Proofing of Learning" in html
    assert "Outcome 5.1" not in html and "Proofing of Transport Partnership" not in html


def test_words_from_the_record_are_escaped(published, proofing, tmp_path):
    _, framework = proofing
    text = (Path(published.config.root) / "proofing.yml").read_text(encoding="utf-8")
    text = text.replace("Dropped kerbs and tactile paving", "<script>alert(1)</script> & kerbs", 1)
    (tmp_path / "proofing.yml").write_text(text, encoding="utf-8")
    config = dataclasses.replace(published.config, raw={**published.config.raw,
                                                        "proofing": str(tmp_path / "proofing.yml")})
    html = str(proofing_section(dataclasses.replace(published, config=config), framework).html)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; kerbs" in html


def test_reader_errors_without_problems_raise(tmp_path):
    path = tmp_path / "proofing.yml"
    path.write_text('outcomes:\n  - outcome: "1.1"\n    equality: {age: awful}\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="'awful' is not one of"):
        read_proofing_file(path)


def test_an_evidence_base_without_the_breakdowns_table_still_loads(demo_project, tmp_path):
    import shutil

    import evidence

    project = tmp_path / "data"
    shutil.copytree(demo_project, project)
    (project / ".evidence" / "breakdowns.parquet").unlink()  # as built before the table existed
    old = evidence.load(project, rebuild=False)
    assert old.breakdowns.empty and old.published_evidence().breakdowns.empty
    assert breakdown_sentences(old, ["92443"]) == []


def test_breakdown_limits_from_counts_when_the_download_has_none():
    rows = pd.DataFrame({"indicator_id": ["p", "r"], "area_code": "A", "period": "2020", "sex": "Persons", "age": "",
                         "category_type": "Sex", "category": ["Male", "Male"], "value": [50.0, 500.0],
                         "lower": [np.nan, np.nan], "upper": [np.nan, np.nan], "numerator": [50.0, 50.0],
                         "denominator": [100.0, 10000.0]})
    values = pd.DataFrame({"indicator_id": ["p", "r"], "area_code": "A", "period": "2020", "value": [20.0, 200.0]})
    catalogue = pd.DataFrame({"id": ["p", "r"], "polarity": "lower_is_better", "value_type": ["proportion", "rate"],
                              "multiplier": [100, 100000]})
    out = compare_breakdowns(rows, values, catalogue)
    assert out["vs_persons"].tolist() == ["Worse", "Worse"]
    assert 40 < out.loc[0, "lower"] < 50 < out.loc[0, "upper"] < 60  # Wilson, in %
    assert 370 < out.loc[1, "lower"] < 500 < out.loc[1, "upper"] < 660  # Byar, per 100,000
    assert rows["lower"].isna().all()
