"""The corpus, topic "config": mistakes in evidence.yml and in the values of its settings.

Each case breaks one thing in a copy of the demo the way a council user would (an editor
saving in Windows-1252, a second ``gaps:`` block pasted at the end, a percentage where a
share goes) and checks that ``evidence validate`` names evidence.yml (or the catalogue row
at fault), the setting with its line, and the fix. Line numbers are those of
``data/evidence.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import Case, both, check, demo_copy, edit_csv, replace_text, run_cli


DEMO_YML = (Path(__file__).resolve().parent.parent / "data" / "evidence.yml").read_text(encoding="utf-8").splitlines()
GAPS_LINE = DEMO_YML.index("gaps:") + 1   # where the demo's gaps block starts
END_LINE = len(DEMO_YML)                  # the demo's last line: text appended after it starts below


def append(name: str, text: str):
    """A breaker that adds ``text`` at the end of ``name``."""

    def breaks(project: Path) -> None:
        path = project / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return breaks


def saved_as_cp1252(project: Path) -> None:
    path = project / "evidence.yml"
    text = path.read_text(encoding="utf-8").replace("name: Demoshire Borough", "name: Démoshire Borough")
    path.write_bytes(text.encode("cp1252"))


def config_is_a_folder(project: Path) -> None:
    (project / "evidence.yml").unlink()
    (project / "evidence.yml").mkdir()


def no_config(project: Path) -> None:
    (project / "evidence.yml").unlink()


def add_to_gaps(text: str):
    """A breaker that adds ``text`` (indented lines) at the start of the ``gaps`` block, line 116 on."""
    return replace_text("evidence.yml", "  activities: activities.csv\n", "  activities: activities.csv\n" + text)


def polarity(ident: str, value: str):
    def func(frame):
        frame.loc[frame["id"] == ident, "polarity"] = value

    return edit_csv("indicators.csv", func)


MEMBERS_NP01 = "members: [E05999001, E05999005, E05999014, E05999017]"

CASES = [
    Case("config: evidence.yml saved in Windows-1252", saved_as_cp1252, file="evidence.yml",
         says="is not UTF-8 text: byte 0xe9 on line 10", place="line 10", fix="Save it as UTF-8"),
    Case("config: evidence.yml is a folder", config_is_a_folder, file="evidence.yml",
         says="'evidence.yml' is a folder", fix="save the settings as the file evidence.yml"),
    Case("config: no evidence.yml", no_config, file="evidence.yml", says="No project found",
         fix="Create evidence.yml there"),
    Case("config: a second gaps block", append("evidence.yml", "\n# Out-of-date indicators\ngaps:\n  max_age: 5\n"),
         file="evidence.yml", says=f"'gaps' is given twice, on lines {GAPS_LINE} and {END_LINE + 3}", place=f"line {END_LINE + 3}",
         fix="Merge the two into one 'gaps' entry"),
    Case("config: tab-indented setting", replace_text("evidence.yml", "  min_count: 5", "\tmin_count: 5"),
         file="evidence.yml", says="Not valid YAML", place="line 100", fix="Indent with spaces, not tabs"),
    Case("config: unclosed list", replace_text("evidence.yml", MEMBERS_NP01, MEMBERS_NP01[:-1]),
         file="evidence.yml", says="Not valid YAML", place="line 52", fix="Check the indentation and quoting"),
    Case("config: two themes with one id",
         replace_text("evidence.yml", "{id: learning, name: Learning}", "{id: safer, name: Learning}"),
         file="evidence.yml", says="The theme id 'safer' is given twice (entries 1 and 6, the first on line 67)",
         place="setting 'themes' entry 6, line 72", column="id", fix="Give every theme an id of its own"),
    Case("config: two themes with one name",
         replace_text("evidence.yml", "{id: learning, name: Learning}", "{id: learning, name: safer}"),
         file="evidence.yml", says="The theme name 'safer' is given twice", place="line 72", column="name",
         fix="Give every theme a name of its own"),
    Case("config: no themes", replace_text("evidence.yml", r"themes:\n(  - .*\n)+", "themes: []\n", regex=True),
         file="evidence.yml", says="Setting 'themes' is empty", place="setting 'themes', line 66",
         fix="List the strategy's themes"),
    Case("config: max_missing_share as a percentage",
         replace_text("evidence.yml", "  classification: rural_urban.csv\n",
                      "  classification: rural_urban.csv\n  max_missing_share: 20\n"),
         file="evidence.yml", says="'gaps.max_missing_share' is 20, but it must be a share from 0 to 1",
         place="setting 'gaps.max_missing_share', line 118", fix="20 looks like a percentage: write 0.2 for 20%"),
    Case("config: correlation_threshold as a percentage",
         replace_text("evidence.yml", "  classification: rural_urban.csv\n",
                      "  classification: rural_urban.csv\n  correlation_threshold: 70\n"),
         file="evidence.yml", says="'gaps.correlation_threshold' is 70",
         place="setting 'gaps.correlation_threshold', line 118", fix="write 0.7 for 70%"),
    Case("config: an IMD score read as a national decile",
         replace_text("evidence.yml", "  deprivation: thr_imd_score\n",
                      "  deprivation: thr_imd_score\n  deprivation_scale: national_decile\n"),
         file="evidence.yml", says="says 'thr_imd_score' is a national decile (1 is the most deprived), but its "
                                   "polarity in the catalogue is lower_is_better",
         place="setting 'context.deprivation_scale', line 111", fix="or set the scale it really has"),
    Case("config: a national rank without the number ranked",
         replace_text("evidence.yml", "  deprivation: thr_imd_score\n",
                      "  deprivation: thr_imd_score\n  deprivation_scale: national_rank\n"),
         file="evidence.yml", says="needs the number of areas ranked nationally",
         place="setting 'context.deprivation_scale', line 111", fix="Add 'context.deprivation_ranked: 32844'"),
    Case("config: min_count 0", replace_text("evidence.yml", "min_count: 5", "min_count: 0"), file="evidence.yml",
         says="'disclosure.min_count' is 0, but must be a whole number of at least 1",
         place="setting 'disclosure.min_count', line 100", fix="Use 5 (the usual threshold)"),
    Case("config: min_count negative", replace_text("evidence.yml", "min_count: 5", "min_count: -1"),
         file="evidence.yml", says="'disclosure.min_count' is -1", place="setting 'disclosure.min_count', line 100",
         fix="whole number of at least 1"),
    Case("config: min_count in quotes", replace_text("evidence.yml", "min_count: 5", 'min_count: "5"'),
         file="evidence.yml", says="Setting 'disclosure.min_count' should be a whole number, not '5'",
         place="setting 'disclosure.min_count', line 100", fix="without quotes"),
    Case("config: max_age with a decimal point",
         add_to_gaps("  max_age: 2.5\n"),
         file="evidence.yml", says="Setting 'gaps.max_age' should be a whole number, not 2.5",
         place="setting 'gaps.max_age', line 117", fix="without a decimal point"),
    Case("config: min_indicators 0",
         add_to_gaps("  min_indicators: 0\n"),
         file="evidence.yml", says="'gaps.min_indicators' is 0", place="line 117", fix="number of indicators a theme"),
    Case("config: a negative priority weight",
         append("evidence.yml", "\npriorities:\n  weights: {significance: 0.4, gap: -0.3, trend: 0.2, "
                                "population: 0.1}\n"),
         file="evidence.yml", says="'priorities.weights.gap' is -0.3, but a weight cannot be negative",
         place=f"setting 'priorities.weights.gap', line {END_LINE + 3}", fix="Use 0 to leave that part out"),
    Case("config: a negative voice weight",
         append("evidence.yml", "\npriorities:\n  weights: {significance: 0.4, gap: 0.3, trend: 0.2, "
                                "population: 0.1, voice: -0.2}\n"),
         file="evidence.yml", says="'priorities.weights.voice' is -0.2, but a weight cannot be negative",
         place=f"setting 'priorities.weights.voice', line {END_LINE + 3}", fix="leave what people said out"),
    Case("config: every priority weight 0",
         append("evidence.yml", "\npriorities:\n  weights:\n    significance: 0\n    gap: 0\n"),
         file="evidence.yml", says="Every weight under 'priorities.weights' is 0",
         place=f"setting 'priorities.weights', line {END_LINE + 3}", fix="Give at least one weight a positive value"),
    Case("config: a misspelt priority weight",
         append("evidence.yml", "\npriorities:\n  weights:\n    significance: 0.5\n    gaps: 0.5\n"),
         file="evidence.yml", says="Unknown setting 'priorities.weights.gaps'. Did you mean 'gap'?",
         place=f"setting 'priorities.weights.gaps', line {END_LINE + 5}", fix="correct its name"),
    Case("config: priorities.better above 0", append("evidence.yml", "\npriorities:\n  better: 1\n"),
         file="evidence.yml", says="'priorities.better' is 1, but it must be from -1 to 0",
         place=f"setting 'priorities.better', line {END_LINE + 3}", fix="Use 0, or -1"),
    Case("config: priorities.gap_cap 0", append("evidence.yml", "\npriorities:\n  gap_cap: 0\n"),
         file="evidence.yml", says="'priorities.gap_cap' is 0, but it must be a positive percentage",
         place=f"line {END_LINE + 3}", fix="Use 50 (the default)"),
    Case("config: gaps.comparator not a comparator of wards",
         add_to_gaps("  comparator: region\n"),
         file="evidence.yml", says="'gaps.comparator' is 'region', which is not a comparator of ward areas",
         place="setting 'gaps.comparator', line 117", fix="Use one of: district, england"),
    Case("config: comparator smaller than the area",
         replace_text("evidence.yml", "ward: [district, england]", "ward: [lsoa, england]"), file="evidence.yml",
         says="Area type 'ward' cannot be compared with 'lsoa', which is not larger",
         place="setting 'benchmarks.comparators.ward', line 92", fix="Name a larger area type (district)"),
    Case("config: custom areas compared with the type of their members",
         replace_text("evidence.yml", "neighbourhood: [district, england]", "neighbourhood: [ward, england]"),
         file="evidence.yml", says="The neighbourhood areas are made of wards, so they cannot be compared with a ward",
         place="setting 'benchmarks.comparators.neighbourhood', line 94", fix="Name a type larger than ward"),
    Case("config: a comparator listed twice",
         replace_text("evidence.yml", "lsoa: [district, england]", "lsoa: [district, england, district]"),
         file="evidence.yml", says="'benchmarks.comparators.lsoa' lists 'district' more than once",
         place="setting 'benchmarks.comparators.lsoa', line 91", fix="List each comparator once"),
    Case("config: a value file listed twice",
         replace_text("evidence.yml", "    - path: values_ward.csv ", "    - path: values_lsoa.csv "),
         file="evidence.yml", says="The value file 'values_lsoa.csv' is given twice (entries 1 and 2, the first "
         "on line 79)", place="setting 'indicators.values' entry 2, line 80", column="path",
         fix="List each value file once"),
    Case("config: comparator code without values",
         replace_text("evidence.yml", "district: [england]", "district: [E12000009, england]"), file="evidence.yml",
         says="The comparator 'E12000009' of district areas has no values in the value files",
         place="setting 'benchmarks.comparators.district', line 93", fix="or correct the code"),
    Case("config: misspelt setting", replace_text("evidence.yml", "  classification:", "  clasification:"),
         file="evidence.yml", says="Unknown setting 'gaps.clasification'. Did you mean 'classification'?",
         place="setting 'gaps.clasification', line 117", fix="correct its name"),
    Case("config: setting at the wrong level", replace_text("evidence.yml", "  min_count: 5", "min_count: 5"),
         file="evidence.yml", says="'min_count' is a setting under 'disclosure': move it there",
         place="setting 'min_count', line 100", fix="correct its name"),
    Case("config: top-level setting indented",
         replace_text("evidence.yml", "outcomes: outcomes.yml", "  outcomes: outcomes.yml"),
         file="evidence.yml", says="Unknown setting 'profiles.outcomes'. 'outcomes' is a top-level setting",
         place="setting 'profiles.outcomes', line 127", fix="correct its name"),
    Case("config: empty section", replace_text("evidence.yml", "  output: .evidence\n", ""), file="evidence.yml",
         says="Setting 'build' should be a mapping, not None", place="setting 'build', line 103",
         fix="Indent its settings under it"),
    Case("config: deprivation indicator without a direction", polarity("thr_imd_score", "no_judgement"),
         file="indicators.csv", says="the deprivation ranking of small areas ('context.deprivation', line 110 of "
         "evidence.yml), but its polarity is no_judgement", place="row 39", column="polarity",
         fix="Give it lower_is_better (a score: higher is more deprived)"),
    Case("config: deprivation indicator without LSOA values",
         replace_text("evidence.yml", "deprivation: thr_imd_score", "deprivation: thr_cohesion"), file="evidence.yml",
         says="'context.deprivation' names 'thr_cohesion', which has no values for the lsoas of E07999001",
         place="setting 'context.deprivation', line 110", fix="Add its lsoa values"),
    Case("config: population that is not a count",
         replace_text("evidence.yml", "population: healthy_population", "population: healthy_population_65plus"),
         file="indicators.csv", says="its value type is 'proportion', not a count of people", place="row 17",
         column="value_type", fix="Set 'context.population' in evidence.yml to a population count indicator"),
    Case("config: unknown population indicator",
         replace_text("evidence.yml", "population: healthy_population", "population: healthy_populaton"),
         file="evidence.yml", says="'context.population' names unknown indicator 'healthy_populaton'. "
         "Did you mean 'healthy_population'?", place="setting 'context.population', line 109",
         fix="Use an id from the indicator catalogue"),
    Case("config: unknown map indicator",
         replace_text("evidence.yml", "  tiles: false", "  tiles: false\n  map_indicator: safer_violnt_crime"),
         file="evidence.yml", says="Did you mean 'safer_violent_crime'?", place="setting 'profiles.map_indicator', "
         "line 123", fix="Use an id from the indicator catalogue"),
    Case("config: map indicator without ward values",
         replace_text("evidence.yml", "  tiles: false", "  tiles: false\n  map_indicator: 92443"),
         file="evidence.yml", says="which has no values for wards, so every ward profile would quietly map",
         place="setting 'profiles.map_indicator', line 123", fix="Set it to an indicator given for wards"),
    Case("config: custom area with an unknown member",
         replace_text("evidence.yml", "E05999014, E05999017]", "E05999014, E05999099]"), file="evidence.yml",
         says="Custom area 'NP01' has members not in the lookup: E05999099", place="custom area 'NP01', line 51",
         column="members", fix="codes from the lookup"),
    Case("config: two custom areas with one code", replace_text("evidence.yml", "code: NP02", "code: NP01"),
         file="evidence.yml", says="The custom area code 'NP01' is given twice",
         place="setting 'geography.custom_areas' entry 2, line 52", column="code",
         fix="Give each custom area a code of its own"),
    Case("config: custom area with a ward's code", replace_text("evidence.yml", "code: NP03", "code: E05999001"),
         file="evidence.yml", says="Custom area code 'E05999001' is already the code of ward", place="line 56",
         column="code", fix="Give the custom area a code of its own"),
    Case("config: custom area without members", replace_text("evidence.yml", MEMBERS_NP01, "members: []"),
         file="evidence.yml", says="Custom area 'NP01' has no members",
         place="setting 'geography.custom_areas' entry 1, line 51", column="members",
         fix="List the codes of the areas it is made of"),
    Case("config: custom area member listed twice",
         replace_text("evidence.yml", "E05999014, E05999017]", "E05999014, E05999001]"), file="evidence.yml",
         says="Custom area 'NP01' lists E05999001 more than once", place="line 51", column="members",
         fix="List each member once"),
    Case("config: custom area of a boundary type", replace_text("evidence.yml", "type: neighbourhood", "type: ward"),
         file="evidence.yml", says="has type 'ward', which is a boundary area type", place="line 50", column="type",
         fix="Give custom areas a type of their own"),
    Case("config: unknown focus area", replace_text("evidence.yml", "focus_area: E07999001", "focus_area: E07999010"),
         file="evidence.yml", says="The focus area 'E07999010' is not in the lookup",
         place="setting 'focus_area', line 11", fix="Set 'focus_area' to one of the district codes"),
    Case("config: focus area that is a ward",
         replace_text("evidence.yml", "focus_area: E07999001", "focus_area: E05999001"), file="evidence.yml",
         says="The gap analysis ranks the wards inside the focus area 'E05999001' (a ward), but there are none",
         place="setting 'focus_area', line 11", fix="or 'focus_area' to an area that contains wards"),
    Case("config: profiles of the focus area's own type",
         replace_text("evidence.yml", "area_type: ward", "area_type: district"), file="evidence.yml",
         says="The gap analysis ranks the districts inside the focus area 'E07999001' (a district), but there are none",
         place="setting 'profiles.area_type', line 121",
         fix="Set 'profiles.area_type' to a type of area inside the district"),
    Case("config: unknown profile area type", replace_text("evidence.yml", "area_type: ward", "area_type: wards"),
         file="evidence.yml", says="Unknown area type 'wards' for profiles. Did you mean 'ward'?",
         place="setting 'profiles.area_type', line 121", fix="Use one of: lsoa, ward, district, neighbourhood"),
    Case("config: England code that has no values",
         replace_text("evidence.yml", "england: {code: E92000001, name: England}",
                      "england: {code: E92000010, name: England}"),
         file="evidence.yml", says="No value file has values for England (E92000010)",
         place="setting 'benchmarks.comparators', line 90", fix="check 'geography.england.code'"),
    # The commands after validate stop with the same report, without a traceback.
    Case("config: build on evidence.yml saved in Windows-1252", saved_as_cp1252, command="build", file="evidence.yml",
         says="is not UTF-8 text", place="line 10", fix="Save it as UTF-8"),
    Case("config: gaps on a second gaps block", append("evidence.yml", "\ngaps:\n  max_age: 5\n"), command="gaps",
         file="evidence.yml", says="'gaps' is given twice", place=f"line {END_LINE + 2}", fix="Merge the two"),
    Case("config: plan on min_count 0", replace_text("evidence.yml", "min_count: 5", "min_count: 0"),
         command="plan", file="evidence.yml", says="'disclosure.min_count' is 0", place="line 100",
         fix="Use 5 (the usual threshold)"),
    Case("config: profiles on evidence.yml that is a folder", config_is_a_folder, command="profiles",
         file="evidence.yml", says="is a folder", fix="save the settings as the file evidence.yml"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)


def test_every_place_in_evidence_yml_has_its_line(tmp_path):
    """Every problem in evidence.yml of a copy broken in many ways at once names its line."""
    project = demo_copy(tmp_path)
    both(replace_text("evidence.yml", "min_count: 5", "min_count: 0"),
         replace_text("evidence.yml", "ward: [district, england]", "ward: [lsoa, england]"),
         replace_text("evidence.yml", "code: NP02", "code: NP01"),
         replace_text("evidence.yml", "format: fingertips", "format: fingertip"))(project)
    code, output = run_cli("validate", str(project))
    assert code == 1
    lines = [line for line in output.splitlines() if re.match(r"\s+\d+\. evidence\.yml", line)]
    assert len(lines) == 4, output
    assert all(re.match(r"\s+\d+\. evidence\.yml, [^:]*, line \d+", line) for line in lines), output



ACCEPTED = {
    "a map indicator given for LSOAs only (aggregated to wards)":
        replace_text("evidence.yml", "  tiles: false", "  tiles: false\n  map_indicator: safer_violent_crime"),
    "the edges of every range":
        both(replace_text("evidence.yml", "min_count: 5", "min_count: 1"),
             add_to_gaps("  max_missing_share: 1\n  correlation_threshold: 0\n  max_age: 1\n  min_indicators: 1\n"
                         "  comparator: england\n"),
             append("evidence.yml", "\npriorities:\n  weights: {gap: 1}\n  better: -1\n  gap_cap: 100\n")),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted(name, tmp_path):
    """The checks refuse only what would fail or mislead: these settings are valid."""
    project = demo_copy(tmp_path)
    ACCEPTED[name](project)
    code, output = run_cli("validate", str(project))
    assert code == 0, output
