"""Read and check ``strategy.yml`` (the words of one version of the strategy), every mistake a problem.

The fields are read with :class:`~evidence.io.yaml_fields.FieldReader` (unknown, missing or
mis-shaped fields with their line); themes are checked against the project's themes,
the key issue's area against its areas, and the previous version's outcome framework is
read with every check of :mod:`evidence.outcomes.reader` (its problems are that file's).
The format is in ``docs/strategy-format.md``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap, load_yaml
from evidence.io.yaml_fields import FieldReader
from evidence.known import KnownNames
from evidence.outcomes.reader import read_framework
from evidence.problems import Problems
from evidence.strategy.model import KeyIssue, Strategy

__all__ = ["DOC", "STRATEGY_FIELDS", "read_strategy"]

DOC = "docs/strategy-format.md"
STRATEGY_FIELDS = ("title", "version", "date", "contact", "vision", "introduction", "themes", "key_issue",
                   "max_measures", "previous_framework", "glossary")


class _Reader(FieldReader):
    doc = DOC

    def __init__(self, path: Path, problems: Problems, known: KnownNames | None):
        super().__init__(path, problems)
        self.known = known

    def publication_date(self, data: YamlMap) -> dt.date | None:
        value = data.get("date")
        if value is None:
            self.field_error("Missing required field 'date'.", "Add the publication date, e.g. date: 2025-07-01; "
                             "the documents carry it (not the day they were made).", "top level", data, "date")
            return None
        return self.date(value, data, "date", "top level", example="2025-07-01")

    def mapping(self, data: YamlMap, key: str, example: str) -> dict[str, Any]:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.field_error(f"Field '{key}' should be a mapping, not {type(value).__name__}.",
                             f"Write it as {example} (see {DOC}).", "top level", data, key)
            return {}
        return value

    def narratives(self, data: YamlMap) -> dict[str, str]:
        value = self.mapping(data, "themes", "themes: {safer: 'Our narrative ...'}")
        ids = [t for t, _ in self.known.themes] if self.known is not None else []
        names = {n.lower(): t for t, n in self.known.themes} if self.known is not None else {}
        result = {}
        for key, text in value.items():
            key = str(key)
            theme = key if key in ids or not ids else names.get(key.lower())
            if theme is None:
                self.field_error(f"Unknown theme '{key}'.{did_you_mean(key, ids)}",
                                 f"Use a theme id of evidence.yml: {', '.join(ids)}.", "themes", value, key)
                continue
            if not isinstance(text, str) or not text.strip():
                self.field_error(f"The narrative of theme '{key}' should be text (Markdown), not {text!r}.",
                                 "Write it as a block: safer: |, then the paragraphs indented below.",
                                 "themes", value, key)
                continue
            result[theme] = text.strip()
        return result

    def key_issue(self, data: YamlMap) -> KeyIssue | None:
        value = data.get("key_issue")
        if value is None:
            return None
        if isinstance(value, str):
            return KeyIssue(value.strip()) if value.strip() else None
        if not isinstance(value, YamlMap):
            self.field_error(f"Field 'key_issue' should be text or a mapping, not {value!r}.",
                             "Write key_issue: {issue: Regenerating the town centre, area: NP01}.", "top level",
                             data, "key_issue")
            return None
        self.unknown_keys(value, ("issue", "area"), "key_issue")
        issue = self.text(value, "issue", "key_issue", required=True)
        area = self.text(value, "area", "key_issue") or None
        areas = self.known.areas if self.known is not None else None
        if area and areas is not None and area not in areas:
            self.field_error(f"Unknown area code '{area}'.{did_you_mean(area, list(areas))}",
                             "Use a code from the lookup or a custom area, or leave 'area' out for the whole "
                             "focus area.", "key_issue", value, "area")
            area = None
        return KeyIssue(issue, area) if issue else None

    def cap(self, data: YamlMap) -> int | None:
        value = data.get("max_measures")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.field_error(f"'max_measures' should be a whole number of measures per theme, not {value!r}.",
                             "Use e.g. max_measures: 5 (fewer targets: the themes over it are listed).",
                             "top level", data, "max_measures")
            return None
        return value

    def glossary(self, data: YamlMap) -> dict[str, str]:
        value = self.mapping(data, "glossary", "glossary: {LSP: Local Strategic Partnership}")
        result = {}
        for term, meaning in value.items():
            if not isinstance(meaning, (str, int, float)) or isinstance(meaning, bool) or not str(meaning).strip():
                self.field_error(f"The meaning of '{term}' should be text, not {meaning!r}.",
                                 "Write term: meaning, one a line.", "glossary", value, str(term))
                continue
            result[str(term).strip()] = str(meaning).strip()
        return result


def read_strategy(path: str | Path, known: KnownNames | None = None,
                  problems: Problems | None = None) -> tuple[Strategy | None, Problems]:
    """Read and check ``strategy.yml``; return it (``None`` if unusable) and the problems.

    Parameters
    ----------
    path
        The strategy file. A missing file, a folder, a file not saved as UTF-8, invalid
        YAML or a key given twice are problems with their line.
    known
        The themes and areas it may name (from ``evidence validate`` or an evidence base).
    problems
        A list to add to (default a new one, rooted at the file's folder).
    """
    path = Path(path)
    problems = problems if problems is not None else Problems(path.parent)
    data = load_yaml(path, problems, what="strategy file", doc=DOC, top="fields")
    if data is None:
        return None, problems
    reader = _Reader(path, problems, known)
    reader.unknown_keys(data, STRATEGY_FIELDS, "top level")
    title = reader.text(data, "title", "top level", required=True)
    version = reader.text(data, "version", "top level", required=True)
    date = reader.publication_date(data)
    vision = reader.text(data, "vision", "top level", required=True)
    introduction = reader.text(data, "introduction", "top level")
    narratives = reader.narratives(data)
    key_issue = reader.key_issue(data)
    cap = reader.cap(data)
    contact = reader.text(data, "contact", "top level")
    glossary = reader.glossary(data)
    previous, previous_file = None, None
    name = reader.text(data, "previous_framework", "top level")
    if name:
        previous_file = path.parent / name
        if not previous_file.is_file():
            reader.field_error(f"'previous_framework' names '{name}', which "
                               f"{'is a folder' if previous_file.is_dir() else 'does not exist'} in the project folder.",
                               "Give the outcome framework (outcomes.yml) of the previous version, relative to the "
                               "project folder, or remove the field.", "top level", data, "previous_framework")
            previous_file = None
        else:
            previous, _ = read_framework(previous_file, known, problems)
    if not (title and version and date and vision):
        return None, problems
    return Strategy(title, version, date, vision, introduction, narratives, key_issue, cap, contact, glossary,
                    previous, previous_file, path), problems
