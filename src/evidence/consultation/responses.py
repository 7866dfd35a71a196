"""Response exports as they come (Citizen Space, SmartSurvey, Microsoft Forms, keyed paper returns).

Each export is a CSV or a sheet of a workbook with one row per respondent; the columns
are mapped to roles in ``consultation.yml``. :func:`read_responses` returns two tidy
frames, with every problem recorded (file, row, column, fix):

* ``respondents``: one row per response (``response_id``, ``source``, ``row`` and the
  mapped roles: ``submitted``, ``postcode``, ``area``, ``respondent_type``,
  ``organisation``, ``channel``, ``age``, ``sex``, ``language``);
* ``answers``: one row per answer (``response_id``, ``question``, ``type``, ``answer``):
  a closed answer as given, one row per option ticked of a multiple-choice question,
  the free text of an open question (kept as text: HTML in it is never markup).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evidence.consultation.settings import COLUMN_ROLES, DOC, Question, Source
from evidence.errors import did_you_mean
from evidence.io.tables import read_text_table
from evidence.problems import Problems

__all__ = ["ANSWER_COLUMNS", "RESPONDENT_COLUMNS", "Responses", "read_responses"]

RESPONDENT_COLUMNS = ["response_id", "source", "row", *[r for r in COLUMN_ROLES if r != "id"]]
ANSWER_COLUMNS = ["response_id", "question", "type", "answer"]


@dataclass(frozen=True)
class Responses:
    """Respondents and their answers, as read from every export."""

    respondents: pd.DataFrame
    answers: pd.DataFrame


def _sheet_ok(source: Source, problems: Problems) -> bool:
    if source.sheet is None or source.path.suffix.lower() not in (".xlsx", ".xls") or not source.path.exists():
        return True
    try:
        with pd.ExcelFile(source.path) as book:
            names = list(book.sheet_names)
    except (ValueError, OSError) as exc:
        problems.error(f"Cannot read the workbook '{source.path.name}': {exc}.",
                       "Check that it is an Excel workbook (.xlsx) and not open with a lock.", file=source.path)
        return False
    if source.sheet not in names:
        problems.error(f"The workbook has no sheet '{source.sheet}'.{did_you_mean(source.sheet, names)}",
                       f"Use one of its sheets: {', '.join(names)}.", file=source.path, place=f"sheet '{source.sheet}'")
        return False
    return True


def _read_one(source: Source, questions: tuple[Question, ...], problems: Problems
              ) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    if source.format == "consult" and source.path.is_dir():
        from evidence.consultation.consult_format import read_consult_inputs

        return read_consult_inputs(source, questions, problems)
    if not source.path.exists():
        problems.error(f"The response export '{source.path.name}' does not exist.",
                       f"Check 'responses' in the consultation file (paths are relative to it; see {DOC}).",
                       file=source.path)
        return None
    if not _sheet_ok(source, problems):
        return None
    table = read_text_table(source.path, problems, sheet=source.sheet)
    if table is None:
        return None
    present = list(table.columns)
    missing = False
    wanted = [(role, col) for role, col in source.columns.items()] + \
        [(q.id, source.questions.get(q.id, q.column)) for q in questions]
    for role, column in wanted:
        if column not in present:
            missing = True
            problems.error(f"The column '{column}' (for '{role}') is not in the export.{did_you_mean(column, present)}",
                           "Correct the column name in the consultation file, or the header of the export.",
                           file=source.path, place="row 1", column=column)
    if missing:
        return None
    ids = table[source.columns["id"]]
    people = pd.DataFrame({"response_id": ids.to_numpy(dtype=object), "source": source.path.name,
                           "row": table.index.to_numpy()})
    for role in RESPONDENT_COLUMNS[3:]:
        column = source.columns.get(role)
        people[role] = table[column].to_numpy(dtype=object) if column else None
    blank = people["response_id"].isna()
    for row in people.loc[blank, "row"].head(5):
        problems.error("A response has no id.", "Give every response its id from the export (or a new unique one).",
                       file=source.path, place=f"row {row}", column=source.columns["id"])
    people = people[~blank]
    if "submitted" in source.columns:
        dates = pd.to_datetime(people["submitted"], errors="coerce", dayfirst=True, format="mixed")
        bad = dates.isna() & people["submitted"].notna()
        if bad.any():
            first = people.loc[bad].iloc[0]
            problems.warn(f"{int(bad.sum())} submitted dates cannot be read, e.g. '{first['submitted']}'.",
                          "Write dates as YYYY-MM-DD or DD/MM/YYYY; these responses are kept without a date.",
                          file=source.path, place=f"row {first['row']}", column=source.columns["submitted"])
        people["submitted"] = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), None)
    answers = []
    keep = table.loc[~blank.to_numpy()]
    for q in questions:
        cells = keep[source.questions.get(q.id, q.column)]
        frame = pd.DataFrame({"response_id": people["response_id"].to_numpy(), "answer": cells.to_numpy()})
        frame = frame[frame["answer"].notna()]
        if q.type == "multiple":
            frame = frame.assign(answer=frame["answer"].str.split(q.separator)).explode("answer")
            frame["answer"] = frame["answer"].str.strip()
            frame = frame[frame["answer"].fillna("") != ""]
        frame.insert(1, "question", q.id)
        frame.insert(2, "type", q.type)
        answers.append(frame)
    return people, pd.concat(answers, ignore_index=True) if answers else pd.DataFrame(columns=ANSWER_COLUMNS)


def read_responses(sources: tuple[Source, ...], questions: tuple[Question, ...], problems: Problems) -> Responses:
    """Read every export; duplicate response ids (within or across exports) are errors."""
    people, answers = [], []
    for source in sources:
        got = _read_one(source, questions, problems)
        if got is not None:
            people.append(got[0])
            answers.append(got[1])
    respondents = pd.concat(people, ignore_index=True) if people else pd.DataFrame(columns=RESPONDENT_COLUMNS)
    respondents["response_id"] = respondents["response_id"].astype(str)
    dup = respondents["response_id"].duplicated(keep="first")
    for _, row in respondents[dup].head(10).iterrows():
        first = respondents[respondents["response_id"] == row["response_id"]].iloc[0]
        problems.error(f"Response id '{row['response_id']}' is used twice (first in {first['source']}, row "
                       f"{first['row']}).",
                       "Remove the repeated row if it is the same response exported twice, or give it its own id.",
                       file=_path_of(sources, row["source"]),
                       place=f"row {row['row']}", column=_id_column(sources, row["source"]))
    if dup.sum() > 10:
        problems.error(f"{int(dup.sum()) - 10} more response ids are repeated.", "Make every response id unique.",
                       file=sources[0].path)
    all_answers = pd.concat(answers, ignore_index=True) if answers else pd.DataFrame(columns=ANSWER_COLUMNS)
    all_answers["response_id"] = all_answers["response_id"].astype(str)
    return Responses(respondents.reset_index(drop=True), all_answers[ANSWER_COLUMNS].reset_index(drop=True))


def _path_of(sources: tuple[Source, ...], name: str) -> Path:
    return next(s.path for s in sources if s.path.name == name)


def _id_column(sources: tuple[Source, ...], name: str) -> str:
    return next(s.columns.get("id", "themefinder_id") for s in sources if s.path.name == name)
