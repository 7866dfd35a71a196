"""Corpus: broken consultation inputs (``consultation:`` in evidence.yml), reported by ``validate``.

Before issue 13 nothing read a consultation; each of these is a mistake a consultation
team makes with exports, the coding frame or the codes, and each now gets a message with
the file, the row or setting, the column and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from corpus import Case, check, edit_csv, replace_text, set_setting

YML = "consultation/consultation.yml"
ONLINE = "consultation/responses_online.csv"
FRAME = "consultation/coding_frame.csv"
CODES = "consultation/codes.csv"
WORKSHOP = "consultation/workshop_town_centre.csv"


def _cp1252(project: Path) -> None:
    path = project / ONLINE
    text = path.read_text(encoding="utf-8").replace("Please keep", "Please keep – café", 1)
    path.write_bytes(text.encode("cp1252", errors="replace"))  # Excel drops what Windows-1252 lacks


def _duplicate_id(frame):
    frame.loc[7, "Response ID"] = frame.loc[3, "Response ID"]


def _xlsx_wrong_sheet(project: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(project / ONLINE, dtype=str, keep_default_na=False)
    frame.to_excel(project / "consultation" / "responses_online.xlsx", sheet_name="Responses", index=False)
    text = (project / YML).read_text(encoding="utf-8")
    text = text.replace("  - path: responses_online.csv\n", "  - path: responses_online.xlsx\n    sheet: Sheet1\n")
    (project / YML).write_text(text, encoding="utf-8")


CASES = [
    Case("consultation: the file named does not exist", set_setting("consultation", "consultation/consult.yml"),
         file="evidence.yml", place="setting 'consultation'", says="does not exist", fix="Correct the file name"),
    Case("consultation: the file named is a folder", set_setting("consultation", "consultation"),
         file="evidence.yml", place="setting 'consultation'", says="which is a folder", fix="Correct the file name"),
    Case("consultation: export missing", replace_text(YML, "path: responses_paper.csv", "path: responses_papers.csv"),
         file="responses_papers.csv", says="does not exist", fix="Check 'responses'"),
    Case("consultation: workbook sheet missing", _xlsx_wrong_sheet, file="responses_online.xlsx",
         place="sheet 'Sheet1'", says="no sheet 'Sheet1'", fix="Responses"),
    Case("consultation: configured column not in the export", replace_text(YML, "postcode: Postcode,", "postcode: Post Code,"),
         file=ONLINE, place="row 1", column="Post Code", says="Did you mean 'Postcode'", fix="Correct the column name"),
    Case("consultation: duplicate respondent id", edit_csv(ONLINE, _duplicate_id), file=ONLINE, place="row 9",
         column="Response ID", says="is used twice", fix="Remove the repeated row"),
    Case("consultation: export saved as Windows-1252", _cp1252, file=ONLINE, place="line", says="not UTF-8",
         fix="CSV UTF-8"),
    Case("consultation: code for an unknown response", edit_csv(CODES, lambda f: f.assign(
        response_id=f["response_id"].where(f.index != 2, "DSC-99999"))), file=CODES, place="row 4",
         column="response_id", says="unknown response or event note 'DSC-99999'", fix="Use the id of a response"),
    Case("consultation: code for an unknown theme", edit_csv(CODES, lambda f: f.assign(
        theme=f["theme"].where(f.index != 0, "bussses"))), file=CODES, place="row 2", column="theme",
         says="Did you mean 'buses'", fix="coding frame"),
    Case("consultation: invalid keyword pattern", edit_csv(FRAME, lambda f: f.assign(
        keywords=f["keywords"].where(f.index != 1, "bus;(buses"))), file=FRAME, place="row 3", column="keywords",
         says="'(buses' is not a valid pattern", fix="escape special characters"),
    Case("consultation: frame theme linked to an unknown indicator", edit_csv(FRAME, lambda f: f.assign(
        indicators=f["indicators"].where(f.index != 0, "safer_violent_crimes"))), file=FRAME, place="row 2",
         column="indicators", says="Did you mean 'safer_violent_crime'", fix="indicator catalogue"),
    Case("consultation: frame theme linked to an unknown strategy theme", edit_csv(FRAME, lambda f: f.assign(
        strategy_theme=f["strategy_theme"].where(f.index != 0, "safety"))), file=FRAME, place="row 2",
         column="strategy_theme", says="not a theme of evidence.yml", fix="Use a theme id or name"),
    Case("consultation: unknown question type", replace_text(YML, "type: multiple", "type: multi"), file=YML,
         place="questions.1.type", says="Did you mean 'multiple'", fix="Use one of: single, multiple, open"),
    Case("consultation: unknown setting", replace_text(YML, "you_said: you_said_we_did.csv",
                                                       "you_say: you_said_we_did.csv"),
         file=YML, place="setting 'you_say'", says="Did you mean 'you_said'", fix="Use one of"),
    Case("consultation: not taken forward without a reason", edit_csv("consultation/you_said_we_did.csv",
         lambda f: f.assign(reason="")), file="you_said_we_did.csv", place="row 4", column="reason",
         says="has no reason", fix="Say why"),
    Case("consultation: coding frame missing", replace_text(YML, "frame: coding_frame.csv", "frame: frame.csv"),
         file="frame.csv", says="coding frame 'frame.csv' does not exist", fix="Check its name"),
    Case("consultation: a setting of the wrong shape", replace_text(YML, "frame: coding_frame.csv",
                                                                    "frame: [coding_frame.csv, old_frame.csv]"),
         file=YML, place="setting 'frame'", says="'frame' must be a file name", fix="example"),
    Case("consultation: code for an unknown question", edit_csv(CODES, lambda f: f.assign(
        question=f["question"].where(f.index != 5, "Q3"))), file=CODES, place="row 7", column="question",
         says="unknown question 'Q3'", fix="Use a question id"),
    Case("consultation: event note in an unknown area", edit_csv(WORKSHOP, lambda f: f.assign(
        area=f["area"].where(f.index != 0, "E05999071"))), file=WORKSHOP, place="row 2", column="area",
         says="'E05999071' is not an area of the project", fix="Use an area code"),
    Case("consultation: event note coded with an unknown theme", edit_csv(WORKSHOP, lambda f: f.assign(
        themes=f["themes"].where(f.index != 1, "crime;polise"))), file=WORKSHOP, place="row 3", column="themes",
         says="unknown theme 'polise'", fix="Use a theme id of the coding frame"),
    Case("consultation: theme in the coding frame twice", edit_csv(FRAME, lambda f: pd.concat([f, f.iloc[[0]]])),
         file=FRAME, column="theme", says="is in the frame twice (first on row 2)", fix="Merge the two rows"),
    Case("consultation: postcode lookup without an LSOA column", edit_csv("consultation/postcodes.csv",
         lambda f: f.rename(columns={"lsoa21cd": "lsoa_2021"})), file="postcodes.csv", place="row 1",
         column="lsoa_code", says="has no LSOA code column", fix="Name it one of"),
    Case("consultation: residents not a number", edit_csv("consultation/population.csv", lambda f: f.assign(
        residents=f["residents"].where(f.index != 0, "about 11400"))), file="population.csv", place="row 2",
         column="residents", says="'about 11400' is not a number of residents", fix="whole number"),
    Case("consultation: analysis share above 1", replace_text(YML, "raised_share: 0.10", "raised_share: 10"),
         file=YML, place="analysis.raised_share", says="is a share between 0 and 1", fix="decimal"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)


def test_postcode_problems_are_warnings_with_counts(tmp_path):
    """Malformed and unknown postcodes do not stop validate: a warning each, with counts."""
    from corpus import demo_copy, run_cli

    project = demo_copy(tmp_path)
    code, output = run_cli("validate", str(project))
    assert code == 0, output
    assert "consultation/responses_online.csv, row 6, column 'Postcode'" in output
    assert re.search(r"\d+ of 1\d\d\d postcodes are not postcodes", output)
    assert "not in the postcode lookup" in output


