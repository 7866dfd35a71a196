"""The strategy document's own input: what ``strategy.yml`` says, as frozen dataclasses.

Everything else in the document (the evidence, the outcomes and targets, the action
plans, what people said) comes from the other inputs; :class:`Strategy` holds only the
words the partnership writes for this version: title, version label, date, vision,
introduction, a narrative per theme, the key issue of the year, the cap on measures per
theme and the outcome framework of the previous version (to say what changed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from evidence.outcomes.framework import Framework

__all__ = ["KeyIssue", "Strategy"]


@dataclass(frozen=True)
class KeyIssue:
    """The key issue of the year that every theme group must address, optionally a place."""

    issue: str
    area: str | None = None


@dataclass(frozen=True)
class Strategy:
    """One version of the Sustainable Community Strategy (see ``docs/strategy-format.md``).

    ``date`` is the publication date printed in the documents (never the clock, so two
    runs give the same bytes); ``vision``, ``introduction`` and the ``narratives`` are
    Markdown (a small safe subset, escaped: :mod:`evidence.strategy.markdown`).
    """

    title: str
    version: str
    date: dt.date
    vision: str
    introduction: str = ""
    narratives: dict[str, str] = field(default_factory=dict, hash=False)
    key_issue: KeyIssue | None = None
    max_measures: int | None = None
    contact: str = ""
    glossary: dict[str, str] = field(default_factory=dict, hash=False)
    previous: Framework | None = field(default=None, compare=False)
    previous_file: Path | None = None
    source: Path | None = None
