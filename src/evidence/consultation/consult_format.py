"""The folder layout of the public i.AI Consult / ThemeFinder tools, read and written.

So that a council can move between tools. The layout (as imported by i.AI Consult)::

    inputs/respondents.jsonl                      {"themefinder_id": 1, "demographic_data": {"age": ["16-24"]}}
    inputs/question_part_<N>/question.json        {"question_text": ..., "question_number": N,
                                                   "has_free_text": true, "multi_choice_options": [...]}
    inputs/question_part_<N>/responses.jsonl      {"themefinder_id": 1, "text": "..."}
    inputs/question_part_<N>/multi_choice.jsonl   {"themefinder_id": 1, "options": ["..."]}
    outputs/mapping/<run>/question_part_<N>/themes.json    [{"theme_key", "theme_name", "theme_description"}]
    outputs/mapping/<run>/question_part_<N>/mapping.jsonl  {"themefinder_id": 1, "theme_keys": ["A"]}

:func:`read_consult_inputs` reads the inputs as a response export (``format: consult`` in
``consultation.yml``; a question's ``column`` is its folder, ``question_part_1``;
``columns`` maps roles to ``demographic_data`` fields). :func:`write_consult_folder`
writes a consultation with its codes (the mapping), for the team: it holds the answers'
text, like the coded-responses CSV. Respondents are numbered 1, 2... in response-id
order; ``inputs/evidence_response_ids.jsonl`` keeps each number's response id.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.consultation.settings import Question, Source
from evidence.errors import did_you_mean
from evidence.io.atomic import atomic_write
from evidence.problems import Problems

__all__ = ["read_consult_inputs", "write_consult_folder"]


def _jsonl(path: Path, problems: Problems) -> list[dict] | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.error(f"'{path.name}' is not UTF-8 text.", "Save it as UTF-8.", file=path)
        return None
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.error(f"Line {n} is not valid JSON: {exc.msg}.", "Each line must be one JSON object.",
                           file=path, place=f"line {n}")
            return None
        if not isinstance(row, dict) or "themefinder_id" not in row:
            problems.error(f"Line {n} has no 'themefinder_id'.", "Each line must name its respondent.", file=path,
                           place=f"line {n}")
            return None
        rows.append(row)
    return rows


def read_consult_inputs(source: Source, questions: tuple[Question, ...], problems: Problems
                        ) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(respondents, answers) of a Consult ``inputs`` folder, in the frames of :mod:`.responses`."""
    inputs = source.path / "inputs" if (source.path / "inputs").is_dir() else source.path
    people_file = inputs / "respondents.jsonl"
    if not people_file.is_file():
        problems.error(f"'{source.path.name}' has no inputs/respondents.jsonl.",
                       "Point 'path' at the folder exported by i.AI Consult (it holds 'inputs/').", file=source.path)
        return None
    people = _jsonl(people_file, problems)
    if people is None:
        return None
    ids_file = inputs / "evidence_response_ids.jsonl"
    names = {}
    if ids_file.is_file():
        names = {int(r["themefinder_id"]): str(r["response_id"]) for r in _jsonl(ids_file, problems) or []}
    rid = {int(p["themefinder_id"]): names.get(int(p["themefinder_id"]), str(p["themefinder_id"])) for p in people}
    frame = pd.DataFrame({"response_id": [rid[int(p["themefinder_id"])] for p in people],
                          "source": source.path.name, "row": range(1, len(people) + 1)})
    for role in ("submitted", "postcode", "area", "respondent_type", "organisation", "channel", "age", "sex",
                 "language"):
        field = source.columns.get(role)
        frame[role] = [(p.get("demographic_data") or {}).get(field, [None])[0] if field else None for p in people]
    answers = []
    folders = sorted(p.name for p in inputs.glob("question_part_*") if p.is_dir())
    for q in questions:
        name = source.questions.get(q.id, q.column)
        folder = inputs / name
        if not folder.is_dir():
            problems.error(f"There is no question folder '{name}' (for '{q.id}').{did_you_mean(name, folders)}",
                           f"Set the question's column to its folder: {', '.join(folders)}.", file=source.path,
                           place=f"inputs/{name}")
            continue
        file = folder / ("multi_choice.jsonl" if q.type != "open" else "responses.jsonl")
        rows = _jsonl(file, problems) if file.is_file() else []
        for r in rows or []:
            values = r.get("options") if q.type != "open" else [r.get("text")]
            for value in values or []:
                if value:
                    answers.append((rid.get(int(r["themefinder_id"]), str(r["themefinder_id"])), q.id, q.type,
                                    str(value)))
    return frame, pd.DataFrame(answers, columns=["response_id", "question", "type", "answer"])


def _dump(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")


def write_consult_folder(analysis: Any, folder: str | Path, *, run: str = "evidence") -> Path:
    """Write the consultation and its codes (human, rule and model, as the mapping) in the Consult layout."""
    a = analysis
    c = a.consultation
    folder = Path(folder)
    people = c.respondents.sort_values("response_id", kind="stable")
    number = {r: n for n, r in enumerate(people["response_id"], 1)}
    demo = [{"themefinder_id": number[r.response_id],
             "demographic_data": {k: [str(getattr(r, k))] for k in ("age", "sex", "respondent_type", "channel")
                                  if isinstance(getattr(r, k), str)}} for r in people.itertuples()]
    atomic_write(folder / "inputs" / "respondents.jsonl", _dump(demo))
    atomic_write(folder / "inputs" / "evidence_response_ids.jsonl",
                 _dump([{"themefinder_id": n, "response_id": r} for r, n in number.items()]))
    themes = [{"theme_key": t.id, "theme_name": t.name, "theme_description": t.description} for t in c.frame.themes]
    for n, q in enumerate(c.settings.questions, 1):
        part = f"question_part_{n}"
        got = c.answers[c.answers["question"] == q.id]
        options = sorted(set(got["answer"])) if q.type != "open" else []
        meta = {"question_text": q.text, "question_number": n, "has_free_text": q.type == "open",
                "multi_choice_options": options}
        atomic_write(folder / "inputs" / part / "question.json",
                     (json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8"))
        ordered = got.assign(n=got["response_id"].map(number)).sort_values(["n", "answer"], kind="stable")
        if q.type == "open":
            atomic_write(folder / "inputs" / part / "responses.jsonl",
                         _dump([{"themefinder_id": int(r.n), "text": r.answer} for r in ordered.itertuples()]))
            coded = a.coding.coded[a.coding.coded["question"] == q.id]
            keys = coded.groupby("response_id")["theme"].agg(lambda s: sorted(set(s)))
            mapping = [{"themefinder_id": number[r], "theme_keys": k} for r, k in
                       sorted(keys.items(), key=lambda x: number[x[0]])]
            out = folder / "outputs" / "mapping" / run / part
            atomic_write(out / "themes.json", (json.dumps(themes, ensure_ascii=False, indent=2) + "\n").encode())
            atomic_write(out / "mapping.jsonl", _dump(mapping))
        else:
            picks = ordered.groupby("n", sort=True)["answer"].agg(list)
            atomic_write(folder / "inputs" / part / "multi_choice.jsonl",
                         _dump([{"themefinder_id": int(k), "options": v} for k, v in picks.items()]))
    return folder
