"""The corpus, topic "value options": mistakes in the options of a value file used as published.

Each case adds to a copy of the demo a Census-style table (households by number of
dimensions of deprivation, one row per category and LSOA, as ONS publishes TS011) and an
entry under ``indicators.values`` that takes a proportion from it, with one mistake a user
makes: a category written differently from the file, a catalogue id mistyped, a filter on a
column the file does not have, a lookup column misnamed. ``validate`` must name evidence.yml,
the entry (entry 5) with its line and the option, what is wrong and what to write.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from corpus import Case, check

CATEGORIES = ["0 dimensions", "1 dimensions", "2 dimensions"]
SOURCE_ID = "census_hhdep_households_by_deprivation_dimensions"
GOOD = {"path": "census_hhdep.csv", "indicators": {SOURCE_ID: "hhdep_any"},
        "proportion": {"column": "category", "numerator": ["1 dimensions", "2 dimensions"], "denominator": "sum"}}


def _table(project: Path, sexes: tuple[str, ...]) -> None:
    lsoas = pd.read_csv(project / "lookup.csv", dtype=str)["lsoa_code"]
    rows = [{"area_code": code, "indicator_id": SOURCE_ID, "period": "Census 2021 (21 March 2021)",
             "value": 100 + 10 * i + n, "sex": sex, "category": category}
            for n, code in enumerate(lsoas) for i, category in enumerate(CATEGORIES) for sex in sexes]
    rows.append({"area_code": lsoas.iloc[0], "indicator_id": "census_other_table", "period": "2021", "value": 1,
                 "sex": sexes[0], "category": CATEGORIES[0]})
    pd.DataFrame(rows).to_csv(project / "census_hhdep.csv", index=False)


def entry(change, *, sexes: tuple[str, ...] = ("All persons",), lookup: bool = False):
    """A breaker that adds the category table and an entry for it, changed by ``change(entry)``."""

    def breaks(project: Path) -> None:
        _table(project, sexes)
        with (project / "indicators.csv").open("a", encoding="utf-8") as catalogue:
            catalogue.write("hhdep_any,Households deprived in one or more dimensions,thriving,%,lower_is_better,"
                            "proportion,100,ONS Census 2021 TS011,\n")
        if lookup:
            lsoas = pd.read_csv(project / "lookup.csv", dtype=str)["lsoa_code"]
            pd.DataFrame({"lsoa11_code": lsoas, "lsoa21_code": lsoas, "change_indicator": "U"}).to_csv(
                project / "lsoa_changes.csv", index=False)
        path = project / "evidence.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        spec = yaml.safe_load(yaml.safe_dump(GOOD))
        change(spec)
        data["indicators"]["values"].append(spec)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    return breaks


def setting(dotted: str, value):
    def change(spec: dict) -> None:
        *parents, last = dotted.split(".")
        node = spec
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return change


def drop(key: str):
    return lambda spec: spec.pop(key)


RECODE = {"lookup": "lsoa_changes.csv", "from": "lsoa21_code", "to": "lsoa11_code", "change": "change_indicator"}
ENTRY = "setting 'indicators.values' entry 5, line"

CASES = [
    Case("value options: a numerator category written differently from the file",
         entry(setting("proportion.numerator", ["1 dimension", "2 dimensions"])), file="evidence.yml",
         place=ENTRY, column="proportion.numerator",
         says="Category '1 dimension' is not in the 'category' column of 'census_hhdep.csv'. Did you mean "
              "'1 dimensions'?", fix="Use the categories as the file writes them: '0 dimensions'"),
    Case("value options: a total category the file does not have",
         entry(setting("proportion.denominator", "All households")), file="evidence.yml", place=ENTRY,
         column="proportion.denominator", says="The total category 'All households' is not in the 'category' column",
         fix="write 'sum' for the sum of all categories"),
    Case("value options: the total category also in the numerator",
         entry(setting("proportion.denominator", "2 dimensions")), file="evidence.yml", place=ENTRY,
         column="proportion.denominator", says="is also listed in 'proportion.numerator'",
         fix="Take it out of the numerator"),
    Case("value options: categories in a column the file does not have",
         entry(setting("proportion.column", "age")), file="evidence.yml", place=ENTRY, column="proportion.column",
         says="has no 'age' column to take the categories from", fix="Set 'proportion.column' to the column"),
    Case("value options: an empty numerator",
         entry(setting("proportion.numerator", [])), file="evidence.yml", place=ENTRY,
         column="proportion.numerator", says="'numerator' is empty", fix="Fill it in"),
    Case("value options: a misspelt proportion option",
         entry(lambda s: s["proportion"].update(numerators=s["proportion"].pop("numerator"))), file="evidence.yml",
         place=ENTRY, column="proportion.numerators", says="Unknown setting 'numerators'. Did you mean 'numerator'?",
         fix="Remove it or correct its name"),
    Case("value options: a mapping to an id that is not in the catalogue",
         entry(setting("indicators", {SOURCE_ID: "hhdep_anyy"})), file="evidence.yml", place=ENTRY,
         column=f"indicators.{SOURCE_ID}", says="is mapped to 'hhdep_anyy', which is not in the catalogue. Did you "
         "mean 'hhdep_any'?", fix="Add that indicator to the catalogue, or map the source id to a catalogue id"),
    Case("value options: a source id that is not in the file",
         entry(setting("indicators", {"census_hhdep_by_dimensions": "hhdep_any"})), file="evidence.yml",
         place=ENTRY, column="indicators.census_hhdep_by_dimensions",
         says="Indicator id 'census_hhdep_by_dimensions' is not in the value file 'census_hhdep.csv'",
         fix=f"Use an id of the file's 'indicator_id' column: '{SOURCE_ID}'"),
    Case("value options: ids listed without a catalogue entry",
         entry(setting("indicators", [SOURCE_ID])), file="evidence.yml", place=ENTRY, column="indicators",
         says=f"'{SOURCE_ID}' is mapped to '{SOURCE_ID}', which is not in the catalogue",
         fix="map the source id to a catalogue id (source_id: catalogue_id)"),
    Case("value options: a filter on a column the file does not have",
         entry(setting("rows", {"age": "All ages"})), file="evidence.yml", place=ENTRY, column="rows.age",
         says="The value file 'census_hhdep.csv' has no 'age' column, so its rows cannot be chosen by age",
         fix="Remove 'rows.age' from this value file's entry; its columns are: area_code"),
    Case("value options: a filter value the column does not have",
         entry(setting("rows", {"sex": "Persons"}), sexes=("Males", "Females")), file="evidence.yml",
         place=ENTRY, column="rows.sex", says="The 'sex' column of 'census_hhdep.csv' has no value 'Persons'",
         fix="Use one of its values: 'Males', 'Females'"),
    Case("value options: categories counted twice because a filter is missing",
         entry(lambda spec: None, sexes=("Males", "Females")), file="census_hhdep.csv", place="rows 2, 3",
         column="category", says="give a second count for the same category of an area, e.g. '0 dimensions' of "
         "area E01999001 (they differ in sex)", fix="Choose one row per category with 'rows'"),
    Case("value options: options on a Fingertips download",
         entry(lambda spec: spec.update(path="fingertips_download.csv", format="fingertips")), file="evidence.yml",
         place=ENTRY, column="indicators", says="'indicators' is an option of tidy value files; this one is a "
         "Fingertips download", fix="Remove 'indicators' from this entry"),
    Case("value options: a recode lookup that is not there",
         entry(setting("recode", dict(RECODE, lookup="lsoa11_lsoa21.csv"))), file="lsoa11_lsoa21.csv",
         says="File not found: 'lsoa11_lsoa21.csv'", fix="Check the path in evidence.yml"),
    Case("value options: a recode column the lookup does not have",
         entry(setting("recode", dict(RECODE, **{"from": "LSOA21CD"})), lookup=True), file="evidence.yml",
         place=ENTRY, column="recode.from", says="The lookup 'lsoa_changes.csv' has no column 'LSOA21CD'",
         fix="Set 'recode.from' to one of its columns: lsoa11_code, lsoa21_code, change_indicator"),
    Case("value options: a recode without the project's code column",
         entry(setting("recode", {k: v for k, v in RECODE.items() if k != "to"}), lookup=True),
         file="evidence.yml", place=ENTRY, says="Missing setting 'indicators.values.*.recode.to'",
         fix="Add 'to' under 'indicators.values.*.recode'"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)


def test_the_good_entry_is_valid(tmp_path):
    """The entry every case breaks is itself valid, with the other id skipped in one warning."""
    from corpus import demo_copy, run_cli

    project = demo_copy(tmp_path)
    entry(lambda spec: None)(project)
    code, output = run_cli("validate", str(project))
    assert code == 0, output
    assert "Skipped 1 indicator id of this file that 'indicators' does not take: 'census_other_table'" in output


def test_a_blank_category_makes_the_proportion_missing_not_smaller(tmp_path):
    """A suppressed category count must not shrink the sum: the area's proportion is missing, said once."""
    from corpus import demo_copy, run_cli

    import evidence

    project = demo_copy(tmp_path)
    entry(lambda spec: None)(project)
    table = pd.read_csv(project / "census_hhdep.csv", dtype=str)
    table.loc[1, "value"] = ""  # E01999001, '1 dimensions'
    table.to_csv(project / "census_hhdep.csv", index=False)
    code, output = run_cli("validate", str(project))
    assert code == 0, output
    assert "1 area has a category that is blank or not in the file, so its proportion is missing: E01999001" in output
    inputs, _ = evidence.validate(project)
    rows = inputs.values[inputs.values["indicator_id"] == "hhdep_any"].set_index("area_code")
    assert pd.isna(rows.at["E01999001", "numerator"]) and pd.isna(rows.at["E01999001", "value"])
    other = table[(table["area_code"] == "E01999002") & (table["indicator_id"] == SOURCE_ID)]
    counts = other.set_index("category")["value"].astype(float)
    assert rows.at["E01999002", "numerator"] == counts["1 dimensions"] + counts["2 dimensions"]
    assert rows.at["E01999002", "denominator"] == counts.sum()


def test_recode_sums_counts_of_merged_codes_and_leaves_out_a_ratio(tmp_path):
    """Two codes of the file merged into one of the project's (M, for a 2021 project given 2011 data):
    the category counts of both are summed exactly."""
    from corpus import demo_copy, run_cli

    import evidence

    project = demo_copy(tmp_path)
    entry(lambda spec: spec.update(recode=dict(RECODE)), lookup=True)(project)
    changes = pd.read_csv(project / "lsoa_changes.csv", dtype=str)
    first = changes["lsoa11_code"].iloc[0]
    extra = pd.DataFrame({"lsoa11_code": [first], "lsoa21_code": ["E01999900"], "change_indicator": ["M"]})
    pd.concat([changes, extra]).to_csv(project / "lsoa_changes.csv", index=False)
    table = pd.read_csv(project / "census_hhdep.csv", dtype=str)
    added = table[table["area_code"] == first].assign(area_code="E01999900", value="7")
    pd.concat([table, added]).to_csv(project / "census_hhdep.csv", index=False)
    code, output = run_cli("validate", str(project))
    assert code == 0, output
    inputs, _ = evidence.validate(project)
    rows = inputs.values[inputs.values["indicator_id"] == "hhdep_any"].set_index("area_code")
    own = table[(table["area_code"] == first) & (table["indicator_id"] == SOURCE_ID)]
    counts = own.set_index("category")["value"].astype(float)
    assert rows.at[first, "numerator"] == counts["1 dimensions"] + counts["2 dimensions"] + 14
    assert rows.at[first, "denominator"] == counts.sum() + 21
