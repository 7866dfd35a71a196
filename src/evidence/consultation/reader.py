"""The consultation as an input of the project, read and checked by ``validate``.

``consultation:`` in ``evidence.yml`` names ``consultation.yml``
(:mod:`~evidence.consultation.settings`), which names the response exports, the coding
frame, the analysts' codes, event notes, "you said, we did", the postcode lookup and the
population. :func:`read_consultation` reads every one of them with every check, adding
each problem to ``problems``, so that once ``validate`` says the project is valid the
consultation analysis cannot stop on an input problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.consultation.codes import read_codes
from evidence.consultation.frame import CodingFrame, read_frame
from evidence.consultation.notes import read_notes
from evidence.consultation.population import read_population
from evidence.consultation.postcodes import place_respondents, read_postcodes
from evidence.consultation.responses import read_responses
from evidence.consultation.settings import DOC, Settings, read_settings
from evidence.consultation.you_said import read_you_said
from evidence.io.textfile import line_of
from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.setting_files import existing_setting_file

__all__ = ["Consultation", "consultation_file", "read_consultation"]


@dataclass(frozen=True)
class Consultation:
    """Everything a consultation's analysis reads, checked."""

    settings: Settings
    respondents: pd.DataFrame
    answers: pd.DataFrame
    frame: CodingFrame
    codes: pd.DataFrame
    notes: pd.DataFrame
    you_said: pd.DataFrame | None
    population: pd.DataFrame | None

    def __repr__(self) -> str:
        return (f"<Consultation {self.settings.title!r}: {len(self.respondents):,} responses, "
                f"{len(self.settings.questions)} questions, {len(self.frame.themes)} themes, "
                f"{len(self.codes):,} codes, {len(self.notes)} event notes>")


def consultation_file(config: Any) -> Path | None:
    """The file named by ``consultation`` in ``evidence.yml`` (relative to the project), or ``None``."""
    name = (config.raw or {}).get("consultation")
    return Path(config.root) / str(name) if name else None


def read_consultation(config: Any, names: KnownNames, problems: Problems) -> Consultation | None:
    """Read and check the project's consultation, if it names one; every problem goes to ``problems``.

    Returns ``None`` when there is none or when an error stops it being assembled.
    """
    path = existing_setting_file(config, "consultation", consultation_file(config), problems, doc=DOC)
    if path is None:
        return None
    if path.is_dir():
        line = line_of(config.raw, "consultation")
        problems.error(f"'consultation' names '{path.name}', which is a folder in the project folder.",
                       f"Correct the file name (it is relative to the project folder), or remove the setting "
                       f"(see {DOC}).", file=config.file,
                       place="setting 'consultation'" + (f", line {line}" if line else ""))
        return None
    return read_settings_and_files(path, names, problems)


def read_settings_and_files(path: Path, names: KnownNames, problems: Problems) -> Consultation | None:
    """Read ``consultation.yml`` at ``path`` and every file it names (also for use without a project)."""
    n_errors = len(problems.errors)
    settings = read_settings(path, problems)
    if settings is None:
        return None
    small = names.small_type
    lsoas = None if names.areas is None else {c for c, t in names.areas.items() if t == small}
    responses = read_responses(settings.sources, settings.questions, problems)
    lookup = read_postcodes(settings.postcodes, lsoas, problems) if settings.postcodes else None
    first = settings.sources[0]
    files = {s.path.name: (s.path, s.columns.get("postcode", "postcode")) for s in settings.sources}
    respondents = place_respondents(responses.respondents, lookup, lsoas, problems, file=first.path,
                                    column=first.columns.get("postcode", "postcode"), files=files)
    frame = read_frame(settings.frame, names, problems) if settings.frame else None
    if settings.frame is None:
        problems.error("No coding frame is named.", f"Add 'frame: <file>' with the analysts' themes (see {DOC}).",
                       file=path, place="setting 'frame'")
    themes = set(frame.ids) if frame else set()
    areas = None if names.areas is None else set(names.areas)
    notes = read_notes(settings.events, areas, themes, problems)
    ids = set(respondents["response_id"]) | set(notes["note_id"])
    questions = {q.id for q in settings.questions} | {"event"}
    codes = read_codes(settings.codes, ids, questions, themes, problems)
    you_said = read_you_said(settings.you_said, themes, problems) if settings.you_said else None
    population = read_population(settings.population, problems) if settings.population else None
    if frame is None or len(problems.errors) > n_errors:
        return None
    return Consultation(settings, respondents, responses.answers, frame, codes, notes, you_said, population)
