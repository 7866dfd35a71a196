"""Corpus: broken activity registers and rural-urban classifications, reported by ``validate``.

Before issue 10 ``validate`` did not read ``gaps.activities`` or ``gaps.classification``:
each of these passed it and stopped ``evidence gaps`` later (or, for an encoding, with a
traceback). Now ``validate`` makes every check the gap analysis makes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus import Case, check, edit_csv, replace_text, set_setting

REGISTER = "activities.csv"
RUC = "rural_urban.csv"


def _cells(name: str, row: int, **cells: str):
    """A breaker that sets cells of data row ``row`` (0 = the first row under the header)."""

    def func(frame: pd.DataFrame) -> None:
        for column, value in cells.items():
            frame.loc[row, column] = value

    return edit_csv(name, func)


def _rename(name: str, old: str, new: str):
    return edit_csv(name, lambda f: f.rename(columns={old: new}))


def _cp1252(name: str, old: str, new: str):
    """A breaker that edits ``name`` and saves it as Excel's "CSV (Comma delimited)" does: Windows-1252."""

    def breaks(project: Path) -> None:
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_bytes(text.replace(old, new, 1).encode("cp1252"))

    return breaks


def _duplicate_row(name: str, row: int, **cells: str):
    def func(frame: pd.DataFrame) -> pd.DataFrame:
        extra = frame.iloc[[row]].copy()
        for column, value in cells.items():
            extra[column] = value
        return pd.concat([frame, extra], ignore_index=True)

    return edit_csv(name, func)


CASES = [
    # the activity register
    Case("gap inputs: register theme misspelt", replace_text(REGISTER, "Getting Around", "Getting Arround"),
         file=REGISTER, place="row 11", column="themes", says="Unknown theme 'Getting Arround'",
         fix="Use theme ids or names from evidence.yml"),
    Case("gap inputs: register indicator unknown", replace_text(REGISTER, "safer_asb", "safer_asbo"),
         file=REGISTER, place="row 2", column="indicators", says="Unknown indicator 'safer_asbo'",
         fix="Use indicator ids from the catalogue"),
    Case("gap inputs: register area code unknown", _cells(REGISTER, 1, areas="E05999901"),
         file=REGISTER, place="row 3", column="areas", says="Unknown area code 'E05999901'",
         fix="Use area codes from the lookup or custom areas"),
    Case("gap inputs: register start written as a month", _cells(REGISTER, 1, start="April 2023"),
         file=REGISTER, place="row 3", column="start", says="'April 2023' is not a year or period",
         fix="as a year such as 2024"),
    Case("gap inputs: register ends before it starts", _cells(REGISTER, 0, start="2026", end="2022"),
         file=REGISTER, place="row 2", column="end", says="ends (2022) before it starts (2026)",
         fix="Swap or correct 'start' and 'end'"),
    Case("gap inputs: register required column renamed", _rename(REGISTER, "lead_partnership", "lead partner"),
         file=REGISTER, place="row 1", column="lead_partnership",
         says="has no 'lead_partnership' column. Did you mean 'lead partner'?", fix="Add it, or rename the column"),
    Case("gap inputs: register optional column misspelt", _rename(REGISTER, "indicators", "indicator"),
         file=REGISTER, place="row 1", column="indicator", says="Unknown column 'indicator'. Did you mean 'indicators'?",
         fix="Rename it"),
    Case("gap inputs: register activity listed twice", _duplicate_row(REGISTER, 0, areas="NP02"),
         file=REGISTER, place="row 15", column="activity", says="is listed twice (row 2 and row 15)",
         fix="Give each activity its own name"),
    Case("gap inputs: register with no areas", _cells(REGISTER, 2, areas=""),
         file=REGISTER, place="row 4", column="areas", says="has no areas", fix="Fill in 'areas'"),
    Case("gap inputs: register 'all' with other areas", _cells(REGISTER, 2, areas="all;NP01"),
         file=REGISTER, place="row 4", column="areas", says="'all' is listed with other areas",
         fix="Write either 'all' or a list of area codes"),
    Case("gap inputs: register saved as Windows-1252",
         _cp1252(REGISTER, "Youth employment hub", "Youth employment hub – Market"),
         file=REGISTER, place="line 7", says="is not UTF-8 text: byte 0x96", fix="CSV UTF-8"),
    Case("gap inputs: register setting names a missing file", set_setting("gaps.activities", "activity_register.csv"),
         file="evidence.yml", place="setting 'gaps.activities'",
         says="'activity_register.csv', which does not exist", fix="Correct the file name"),
    # the rural-urban classification
    Case("gap inputs: classification LSOA code unknown", replace_text(RUC, "E01999004,", "E01999904,"),
         file=RUC, place="row 5", column="area_code", says="Area code 'E01999904' is not in the lookup",
         fix="Use the lsoa codes of the lookup"),
    Case("gap inputs: classification code not an RUC2011 class", replace_text(RUC, "E01999004,C1", "E01999004,G1"),
         file=RUC, place="row 5", column="classification", says="'G1' is not an ONS 2011 rural-urban code",
         fix="Use one of A1, B1"),
    Case("gap inputs: classification label misspelt", _cells(RUC, 3, classification="Urbn city and town"),
         file=RUC, place="row 5", column="classification", says="looks like a misspelt 'Urban' class",
         fix="Start the label with 'Urban'"),
    Case("gap inputs: classification column renamed", _rename(RUC, "classification", "RUC11CD"),
         file=RUC, place="row 1", column="classification", says="has no 'classification' column",
         fix="Name the columns 'area_code' and 'classification'"),
    Case("gap inputs: classification saved as Windows-1252",
         _cp1252(RUC, "E01999004,C1,Urban city and town", "E01999004,C1,Urban city and town – sparse"),
         file=RUC, place="line 5", says="is not UTF-8 text: byte 0x96", fix="CSV UTF-8"),
    Case("gap inputs: classification lists a ward", replace_text(RUC, "E01999004,", "E05999001,"),
         file=RUC, place="row 5", column="area_code", says="'E05999001' is an area of type 'ward', not 'lsoa'",
         fix="List 'lsoa' codes only"),
    Case("gap inputs: classification area listed twice", replace_text(RUC, "E01999004,", "E01999003,"),
         file=RUC, place="row 5", column="area_code", says="'E01999003' is listed twice (first in row 4)",
         fix="Keep one row per area"),
    Case("gap inputs: classification blank class", _cells(RUC, 3, classification=""),
         file=RUC, place="row 5", column="classification", says="The cell is blank", fix="Fill it in"),
    Case("gap inputs: classification setting names a missing file", set_setting("gaps.classification", "ruc.csv"),
         file="evidence.yml", place="setting 'gaps.classification'", says="'ruc.csv', which does not exist",
         fix="Correct the file name"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)
