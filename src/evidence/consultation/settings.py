"""``consultation.yml``: which exports, columns, questions and files make up a consultation.

The file is named by ``consultation:`` in ``evidence.yml`` (as ``outcomes:`` names
``outcomes.yml``) and documented in ``docs/consultation-format.md``. :func:`read_settings`
checks its shape (unknown keys with a "did you mean", wrong types, question types,
a question without a column) and returns :class:`Settings`; the files it names are read
by the other readers of this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap, line_of, load_yaml
from evidence.problems import Problems

__all__ = ["ANALYSIS_DEFAULTS", "COLUMN_ROLES", "DOC", "QUESTION_TYPES", "Question", "Settings", "Source",
           "read_settings"]

DOC = "docs/consultation-format.md"
#: What a column of a response export may be mapped to; ``id`` is required.
COLUMN_ROLES = ("id", "submitted", "postcode", "area", "respondent_type", "organisation", "channel", "age", "sex",
                "language")
QUESTION_TYPES = ("single", "multiple", "open")
#: The analysis settings and their defaults (``analysis:`` in consultation.yml).
ANALYSIS_DEFAULTS: dict[str, float | int] = {
    "model_min_codes": 40,      # responses coded with a theme (and as many without) before the model may code it
    "model_min_f1": 0.7,        # cross-validated F1 a theme's model must reach to be used
    "review_margin": 0.15,      # model probabilities within this of 0.5 go to the review queue
    "near_duplicate": 0.7,      # word-shingle Jaccard similarity to a campaign's seed text
    "min_campaign": 10,         # identical or near-identical submissions that make a campaign
    "raised_share": 0.10,       # share of an area's respondents that makes a theme "raised" there
    "quotes_per_theme": 3,
    "quote_length": 240,
}
#: Each top-level setting and what it must be: a text, a list of texts (one text will do), a list, a mapping.
_SHAPES = {"title": "text", "responses": "list", "questions": "list", "frame": "text", "codes": "texts",
           "events": "texts", "you_said": "text", "postcodes": "text", "population": "text", "redact_names": "texts",
           "analysis": "mapping"}
_TOP = tuple(_SHAPES)
_SAY = {"text": "a file name or text", "texts": "a file name or text, or a list of them",
        "list": "a list (lines starting with '- ')", "mapping": "a mapping ('name: value' lines)"}


def _shape_ok(value: Any, shape: str) -> bool:
    if value is None:
        return True
    if shape == "text":
        return isinstance(value, (str, int, float)) and not isinstance(value, bool)
    if shape == "texts":
        items = value if isinstance(value, list) else [value]
        return all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in items)
    if shape == "list":
        return isinstance(value, (list, dict))
    return isinstance(value, dict)


@dataclass(frozen=True)
class Source:
    """One response export: its file, sheet and the column mapped to each role."""

    path: Path
    sheet: str | None
    columns: dict[str, str]
    questions: dict[str, str] = field(default_factory=dict)  # question id -> this export's column, if not the usual
    format: str = "table"  # "table" (CSV/xlsx) or "consult" (an i.AI Consult / ThemeFinder folder)


@dataclass(frozen=True)
class Question:
    """One question: its id, the column holding answers, its type and, if closed, agreement answers."""

    id: str
    column: str
    type: str
    text: str
    agree: tuple[str, ...] = ()
    separator: str = ";"


@dataclass(frozen=True)
class Settings:
    """The consultation's settings, every path resolved against the project folder."""

    file: Path
    title: str
    sources: tuple[Source, ...]
    questions: tuple[Question, ...]
    frame: Path | None = None
    codes: tuple[Path, ...] = ()
    events: tuple[Path, ...] = ()
    you_said: Path | None = None
    postcodes: Path | None = None
    population: Path | None = None
    redact_names: tuple[str, ...] = ()
    analysis: dict[str, float | int] = field(default_factory=lambda: dict(ANALYSIS_DEFAULTS))


def _paths(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _where(data: YamlMap, dotted: str) -> str:
    line = line_of(data, dotted)
    return f"setting '{dotted}'" + (f", line {line}" if line else "")


def read_settings(path: Path, problems: Problems) -> Settings | None:
    """Read and check ``consultation.yml``; ``None`` (with the problems recorded) when it cannot be used."""
    data = load_yaml(path, problems, what="consultation file", doc=DOC)
    if data is None:
        return None
    root = path.parent
    n_before = len(problems.errors)
    for key in list(data):
        if key not in _TOP:
            problems.error(f"Unknown setting '{key}'.{did_you_mean(str(key), _TOP)}",
                           f"Use one of: {', '.join(_TOP)} (see {DOC}).", file=path, place=_where(data, str(key)))
        elif not _shape_ok(data[key], _SHAPES[key]):
            given = data[key]
            kind = "a mapping" if isinstance(given, dict) else "a list" if isinstance(given, list) else \
                "a yes/no" if isinstance(given, bool) else "a number" if isinstance(given, (int, float)) else "text"
            problems.error(f"'{key}' must be {_SAY[_SHAPES[key]]}, not {kind} ({given!r}).",
                           f"See {DOC} for an example.", file=path, place=_where(data, str(key)))
    if len(problems.errors) > n_before:
        return None
    sources = _sources(data, root, path, problems)
    questions = _questions(data, path, problems)
    analysis = dict(ANALYSIS_DEFAULTS)
    given = data.get("analysis") or {}
    if not isinstance(given, dict):
        given = {}
        problems.error("'analysis' must be a mapping of settings.", f"Write one 'name: value' per line (see {DOC}).",
                       file=path, place=_where(data, "analysis"))
    for key, value in given.items():
        if key not in ANALYSIS_DEFAULTS:
            problems.error(f"Unknown analysis setting '{key}'.{did_you_mean(str(key), ANALYSIS_DEFAULTS)}",
                           f"Use one of: {', '.join(ANALYSIS_DEFAULTS)}.", file=path,
                           place=_where(data, f"analysis.{key}"))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            problems.error(f"'analysis.{key}' must be a number of at least 0, not {value!r}.",
                           f"Write a number, e.g. {key}: {ANALYSIS_DEFAULTS[key]}.", file=path,
                           place=_where(data, f"analysis.{key}"))
        else:
            analysis[key] = value
    for key in ("model_min_f1", "review_margin", "near_duplicate", "raised_share"):
        if float(analysis[key]) > 1:
            problems.error(f"'analysis.{key}' is a share between 0 and 1, not {analysis[key]!r}.",
                           f"Write it as a decimal, e.g. {ANALYSIS_DEFAULTS[key]}.", file=path,
                           place=_where(data, f"analysis.{key}"))
    names = _paths(data.get("redact_names"))
    if len(problems.errors) > n_before:
        return None

    def one(key: str) -> Path | None:
        value = data.get(key)
        return root / str(value) if value else None

    return Settings(file=path, title=str(data.get("title") or "Consultation"), sources=tuple(sources),
                    questions=tuple(questions), frame=one("frame"),
                    codes=tuple(root / p for p in _paths(data.get("codes"))),
                    events=tuple(root / p for p in _paths(data.get("events"))), you_said=one("you_said"),
                    postcodes=one("postcodes"), population=one("population"),
                    redact_names=tuple(str(n) for n in names if str(n).strip()), analysis=analysis)


def _sources(data: YamlMap, root: Path, path: Path, problems: Problems) -> list[Source]:
    entries = data.get("responses")
    if not entries:
        problems.error("No response exports are named.",
                       f"Add 'responses:', a list of exports with 'path' and 'columns' (see {DOC}).", file=path,
                       place=_where(data, "responses"))
        return []
    if isinstance(entries, dict):
        entries = [entries]
    out = []
    for i, entry in enumerate(entries):
        where = _where(data, f"responses.{i}")
        if isinstance(entry, str):
            entry = {"path": entry}
        if not isinstance(entry, dict) or not entry.get("path"):
            problems.error(f"Response export {i + 1} has no 'path'.", "Give the file of the export as 'path'.",
                           file=path, place=where)
            continue
        columns = entry.get("columns") or {}
        if not isinstance(columns, dict):
            columns = {}
        for role in columns:
            if role not in COLUMN_ROLES:
                problems.error(f"Unknown column role '{role}'.{did_you_mean(str(role), COLUMN_ROLES)}",
                               f"Map columns to: {', '.join(COLUMN_ROLES)} (see {DOC}).", file=path,
                               place=_where(data, f"responses.{i}.columns.{role}"))
        if "id" not in columns and entry.get("format") != "consult":
            problems.error("The export does not say which column holds the response id.",
                           "Add 'columns: {id: <the column of the response id>}'.", file=path, place=where)
        sheet = entry.get("sheet")
        own = entry.get("questions") or {}
        fmt = str(entry.get("format", "table"))
        if fmt not in ("table", "consult"):
            problems.error(f"Export format '{fmt}' is not known.{did_you_mean(fmt, ['table', 'consult'])}",
                           "Use 'table' (CSV or xlsx, the default) or 'consult' (an i.AI Consult inputs folder).",
                           file=path, place=_where(data, f"responses.{i}.format"))
        out.append(Source(root / str(entry["path"]), None if sheet is None else str(sheet),
                          {str(k): str(v) for k, v in columns.items() if k in COLUMN_ROLES},
                          {str(k): str(v) for k, v in own.items()} if isinstance(own, dict) else {}, fmt))
    return out


def _questions(data: YamlMap, path: Path, problems: Problems) -> list[Question]:
    entries = data.get("questions") or []
    out, seen = [], set()
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        where = _where(data, f"questions.{i}")
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("column"):
            problems.error(f"Question {i + 1} needs an 'id' and the 'column' holding its answers.",
                           f"Write e.g. '- {{id: q1, column: Q1, type: open}}' (see {DOC}).", file=path, place=where)
            continue
        kind = str(entry.get("type", "open"))
        if kind not in QUESTION_TYPES:
            problems.error(f"Question '{entry['id']}' has type '{kind}'.{did_you_mean(kind, QUESTION_TYPES)}",
                           f"Use one of: {', '.join(QUESTION_TYPES)}.", file=path,
                           place=_where(data, f"questions.{i}.type"))
            continue
        ident = str(entry["id"])
        if ident in seen:
            problems.error(f"Question id '{ident}' is used twice.", "Give every question its own id.", file=path,
                           place=where)
        seen.add(ident)
        agree = _paths(entry.get("agree"))
        if kind == "single" and not agree:
            problems.warn(f"Closed question '{ident}' does not say which answers count as agreement.",
                          "Add 'agree: [Strongly agree, Agree]' so that agreement can be reported.", file=path,
                          place=where)
        out.append(Question(ident, str(entry["column"]), kind, str(entry.get("text") or entry["column"]),
                            tuple(str(a) for a in agree), str(entry.get("separator", ";"))))
    if not out:
        problems.error("No questions are configured.", f"Add 'questions:' with the column of each (see {DOC}).",
                       file=path, place=_where(data, "questions"))
    return out
