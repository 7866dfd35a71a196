"""The i.AI Consult / ThemeFinder folder layout: written from the demo, read back as an export."""

from __future__ import annotations

import json
import shutil

import pytest

from evidence.consultation import analyse_project
from evidence.consultation.consult_format import write_consult_folder
from evidence.consultation.reader import read_settings_and_files
from evidence.known import KnownNames
from evidence.problems import Problems


@pytest.fixture(scope="module")
def analysis(demo):
    return analyse_project(demo)


def test_round_trip(analysis, tmp_path):
    folder = write_consult_folder(analysis, tmp_path / "consult")
    first = json.loads((folder / "inputs" / "respondents.jsonl").read_text().splitlines()[0])
    assert set(first) == {"themefinder_id", "demographic_data"}
    mapping = (folder / "outputs" / "mapping" / "evidence" / "question_part_3" / "mapping.jsonl").read_text()
    assert '"theme_keys"' in mapping
    shutil.copy(analysis.consultation.settings.frame, tmp_path / "frame.csv")
    questions = "\n".join(f"  - {{id: {q.id}, column: question_part_{n}, type: {q.type}}}"
                          for n, q in enumerate(analysis.consultation.settings.questions, 1))
    (tmp_path / "consultation.yml").write_text(
        "responses:\n  - {path: consult, format: consult, columns: {age: age, sex: sex}}\n"
        f"questions:\n{questions}\nframe: frame.csv\n", encoding="utf-8")
    problems = Problems(tmp_path)
    back = read_settings_and_files(tmp_path / "consultation.yml", KnownNames(), problems)
    assert not problems.errors, problems.report()
    original = analysis.consultation
    assert sorted(back.respondents["response_id"]) == sorted(original.respondents["response_id"])
    key = ["response_id", "question", "answer"]
    a = original.answers[key].sort_values(key).reset_index(drop=True)
    b = back.answers[key].sort_values(key).reset_index(drop=True)
    assert a.equals(b)
    ages = dict(zip(back.respondents["response_id"], back.respondents["age"]))
    assert all(ages[r] == g for r, g in zip(original.respondents["response_id"], original.respondents["age"]))


def test_rewrite_is_identical(analysis, tmp_path):
    one = write_consult_folder(analysis, tmp_path / "a")
    two = write_consult_folder(analysis, tmp_path / "b")
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files and all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_unknown_question_folder(tmp_path, analysis):
    write_consult_folder(analysis, tmp_path / "consult")
    shutil.copy(analysis.consultation.settings.frame, tmp_path / "frame.csv")
    (tmp_path / "consultation.yml").write_text(
        "responses:\n  - {path: consult, format: consult}\nquestions:\n  - {id: q3, column: question_part3, type: open}\n"
        "frame: frame.csv\n", encoding="utf-8")
    problems = Problems(tmp_path)
    read_settings_and_files(tmp_path / "consultation.yml", KnownNames(), problems)
    assert "Did you mean 'question_part_3'" in problems.report()
