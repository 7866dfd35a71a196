"""Read and check a proofing record (``proofing.yml``), collecting every problem.

The format is in ``docs/proofing-format.md``::

    outcomes:
      - outcome: "1.1"
        sustainability:
          owner: Community Safety Manager
          date: 2021-04-12
          economic: positive
          social: {impact: positive, evidence: [safer_violent_crime]}
          environmental: neutral

A lens holds its aspects (an impact word, or a mapping with ``impact``, ``evidence``,
``mitigation``, ``owner`` and ``date``) and may give ``evidence``, ``mitigation``,
``owner`` and ``date`` once for all its aspects. An evidence item without a space is an
indicator id of the catalogue (checked, with "did you mean"); one with spaces is text.
Each problem names the file, the outcome and lens with its line, the field and the fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap, load_yaml
from evidence.io.yaml_fields import FieldReader
from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.proofing.model import ASPECTS, IMPACTS, LENSES, OPTIONAL_ASPECTS, Assessment, ProofingRecord

__all__ = ["DOC", "read_proofing_file"]

DOC = "docs/proofing-format.md"
TOP_FIELDS = ("title", "outcomes")
SHARED_FIELDS = ("evidence", "mitigation", "owner", "date")
ASPECT_FIELDS = ("impact", *SHARED_FIELDS)


class _Reader(FieldReader):
    doc = DOC

    def __init__(self, path: Path, problems: Problems, known: KnownNames, outcome_ids: Collection[str] | None):
        super().__init__(path, problems)
        self.known, self.outcome_ids = known, outcome_ids

    def assessed_date(self, data: YamlMap, place: str) -> dt.date | None:
        """The ``date`` a lens was assessed, or ``None`` when not given."""
        value = data.get("date")
        return None if value is None else self.date(value, data, "date", place, example="2021-04-12")

    def evidence(self, data: YamlMap, place: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(indicator ids, texts) of ``evidence``: an item without a space is an indicator id."""
        ids, texts = [], []
        for item in self.texts(data, "evidence", place):
            if not item:
                continue
            if " " in item:
                texts.append(item)
            elif self.known.indicators is not None and item not in self.known.indicators:
                self.field_error(f"Unknown indicator '{item}'.{did_you_mean(item, self.known.indicators)}",
                                 "Use an indicator id of the catalogue, or write the evidence in words (with "
                                 f"spaces) (see {DOC}).", place, data, "evidence")
            else:
                ids.append(item)
        return tuple(ids), tuple(texts)

    def impact(self, value: Any, data: YamlMap, key: str, place: str) -> str | None:
        word = " ".join(str(value).strip().lower().replace("_", " ").split()) if value is not None else ""
        if word in IMPACTS:
            return word
        shown = "blank" if not word else f"'{value}'"
        self.field_error(f"The impact {shown} is not one of {', '.join(IMPACTS)}.{did_you_mean(word, IMPACTS)}",
                         f"Write one of: {', '.join(IMPACTS)}.", place, data, key)
        return None

    def lens(self, outcome_id: str, lens: str, data: Any, place: str) -> list[Assessment]:
        if not isinstance(data, YamlMap):
            self.field_error(f"Lens '{lens}' should be a mapping of its aspects.",
                             f"Indent its aspects under it, e.g. {next(iter(ASPECTS[lens]))}: positive (see {DOC}).",
                             place, data, None)
            return []
        allowed = (*SHARED_FIELDS, *ASPECTS[lens], *OPTIONAL_ASPECTS[lens])
        self.unknown_keys(data, allowed, place)
        ids, texts = self.evidence(data, place)
        shared = dict(indicators=ids, evidence=texts, mitigation=self.text(data, "mitigation", place),
                      owner=self.text(data, "owner", place), date=self.assessed_date(data, place))
        found = []
        for aspect in (*ASPECTS[lens], *OPTIONAL_ASPECTS[lens]):
            if aspect not in data:
                continue
            value = data[aspect]
            where = f"{place}, {aspect}"
            if isinstance(value, YamlMap):
                self.unknown_keys(value, ASPECT_FIELDS, where)
                impact = self.impact(value.get("impact"), value, "impact", where)
                own_ids, own_texts = self.evidence(value, where)
                fields = dict(indicators=own_ids or shared["indicators"], evidence=own_texts or shared["evidence"],
                              mitigation=self.text(value, "mitigation", where) or shared["mitigation"],
                              owner=self.text(value, "owner", where) or shared["owner"],
                              date=self.assessed_date(value, where) or shared["date"])
            else:
                impact = self.impact(value, data, aspect, place)
                fields = shared
            if impact is not None:
                found.append(Assessment(outcome_id, lens, aspect, impact, **fields))
        return found

    def read(self, data: YamlMap) -> ProofingRecord | None:
        self.unknown_keys(data, TOP_FIELDS, "the top level")
        entries = data.get("outcomes")
        if not isinstance(entries, list) or not entries:
            self.field_error("The proofing record has no 'outcomes' list.",
                             f"List one entry per outcome: '- outcome: \"1.1\"' with its lenses (see {DOC}).",
                             "the top level", data, "outcomes" if "outcomes" in data else None)
            return None
        assessments, seen = [], {}
        for i, entry in enumerate(entries, start=1):
            if not isinstance(entry, YamlMap):
                self.problems.error(f"Entry {i} of 'outcomes' should be a mapping with 'outcome' and its lenses.",
                                    f"See {DOC}.", file=self.path, place=f"outcome entry {i}")
                continue
            outcome_id = self.text(entry, "outcome", f"outcome entry {i}", required=True)
            place = f"outcome {outcome_id}" if outcome_id else f"outcome entry {i}"
            self.unknown_keys(entry, ("outcome", *LENSES), place)
            if not outcome_id:
                continue
            if outcome_id in seen:
                self.field_error(f"Outcome '{outcome_id}' has a second record (the first is entry {seen[outcome_id]}).",
                                 "Keep one entry per outcome, with all its lenses.", place, entry, "outcome")
                continue
            seen[outcome_id] = i
            if self.outcome_ids is not None and outcome_id not in self.outcome_ids:
                self.field_error(f"Outcome '{outcome_id}' is not in the outcome framework."
                                 f"{did_you_mean(outcome_id, self.outcome_ids)}",
                                 "Use an outcome id of outcomes.yml, or remove the entry.", place, entry, "outcome")
                continue
            for lens in LENSES:
                if lens in entry:
                    assessments += self.lens(outcome_id, lens, entry[lens], f"{place}, {lens}")
        return ProofingRecord(tuple(assessments), tuple(seen), str(self.path))


def read_proofing_file(path: str | Path, known: KnownNames | None = None, *,
                       outcome_ids: Collection[str] | None = None,
                       problems: Problems | None = None) -> ProofingRecord | None:
    """Read ``path`` into a :class:`ProofingRecord`, adding every problem to ``problems``.

    ``known`` gives the indicator ids evidence may name and ``outcome_ids`` the outcomes
    of the framework; either check is skipped when not given. Without ``problems``,
    errors raise :class:`~evidence.errors.ValidationError` listing every problem.
    """
    path = Path(path)
    own = problems is None
    problems = Problems(path.parent) if problems is None else problems
    before = len(problems.errors)
    data = load_yaml(path, problems, what="proofing record", doc=DOC, top="fields")
    record = None if data is None else _Reader(path, problems, known or KnownNames(), outcome_ids).read(data)
    if own:
        problems.raise_if_errors()
    return record if len(problems.errors) == before else None
