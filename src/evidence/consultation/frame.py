"""The coding frame: the analysts' themes, their keyword rules and their link to the strategy.

One row per theme (CSV or xlsx): ``theme`` (an id), ``name``, ``description``,
``keywords`` and ``exclusions`` (``;``-separated; each a word, a phrase or a regular
expression, matched case-insensitively on word boundaries), ``strategy_theme`` (an id
or name of a theme of ``evidence.yml``) and ``indicators`` (``;``-separated indicator
ids). The link to the strategy's themes and indicators is what lets the report set what
people said against what the evidence shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evidence.consultation._tables import read_table, split_list
from evidence.errors import did_you_mean
from evidence.known import KnownNames
from evidence.problems import Problems

__all__ = ["CodingFrame", "FrameTheme", "read_frame"]


@dataclass(frozen=True)
class FrameTheme:
    """One theme of the coding frame, with its compiled rules."""

    id: str
    name: str
    description: str
    keywords: tuple[str, ...]
    exclusions: tuple[str, ...]
    strategy_theme: str | None
    indicators: tuple[str, ...]
    pattern: re.Pattern | None
    exclude: re.Pattern | None

    def matches(self, text: str) -> bool:
        """Whether the keyword rule codes ``text`` with this theme."""
        if self.pattern is None or not self.pattern.search(text):
            return False
        return self.exclude is None or not self.exclude.search(text)


@dataclass(frozen=True)
class CodingFrame:
    """The themes in frame order."""

    themes: tuple[FrameTheme, ...]

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def theme(self, ident: str) -> FrameTheme:
        return next(t for t in self.themes if t.id == ident)

    def names(self) -> dict[str, str]:
        return {t.id: t.name for t in self.themes}

    def links(self) -> pd.DataFrame:
        """One row per (frame theme, indicator): ``theme``, ``strategy_theme``, ``indicator_id``."""
        rows = [(t.id, t.strategy_theme, i) for t in self.themes for i in (t.indicators or (None,))]
        return pd.DataFrame(rows, columns=["theme", "strategy_theme", "indicator_id"])


def compile_terms(terms: list[str]) -> re.Pattern:
    """One case-insensitive pattern matching any term on word boundaries (raises ``re.error``)."""
    for term in terms:  # each alone first, so that a bad one is named
        re.compile(term)
    return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?:{t})' for t in terms)})(?!\w)", re.IGNORECASE)


def read_frame(path: Path, known: KnownNames, problems: Problems) -> CodingFrame | None:
    """Read and check the coding frame: ids unique, rules that compile, links that exist."""
    table = read_table(path, "coding frame", ["theme", "name"], problems,
                       optional=["description", "keywords", "exclusions", "strategy_theme", "indicators"])
    if table is None:
        return None
    themes, seen = [], {}
    strategy = {w.lower(): t for t, n in known.themes for w in (t, n)}
    for row, r in table.iterrows():
        r = {k: (None if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in r.items()}
        ident = r["theme"]
        if not ident:
            problems.error("A theme has no id.", "Give every theme a short id (e.g. 'potholes').", file=path,
                           place=f"row {row}", column="theme")
            continue
        if ident in seen:
            problems.error(f"Theme '{ident}' is in the frame twice (first on row {seen[ident]}).",
                           "Merge the two rows, or give one its own id.", file=path, place=f"row {row}",
                           column="theme")
            continue
        seen[ident] = row
        compiled = {}
        for column in ("keywords", "exclusions"):
            terms = split_list(r[column])
            compiled[column] = None
            if not terms:
                continue
            try:
                compiled[column] = compile_terms(terms)
            except re.error:
                bad = next(t for t in terms if _fails(t))
                problems.error(f"'{bad}' is not a valid pattern ({_why(bad)}).",
                               "Write plain words, or escape special characters with a backslash (\\( \\? \\+), "
                               "or correct the regular expression.", file=path, place=f"row {row}", column=column)
        link = r["strategy_theme"]
        theme_id = None
        if link:
            theme_id = strategy.get(str(link).lower())
            if theme_id is None and known.themes:
                problems.error(f"Theme '{ident}' is linked to '{link}', which is not a theme of evidence.yml."
                               f"{did_you_mean(str(link), known.theme_words)}",
                               f"Use a theme id or name: {', '.join(t for t, _ in known.themes)}.", file=path,
                               place=f"row {row}", column="strategy_theme")
        indicators = split_list(r["indicators"])
        if known.indicators is not None:
            for ind in indicators:
                if ind not in known.indicators:
                    problems.error(f"Theme '{ident}' is linked to indicator '{ind}', which is not in the catalogue."
                                   f"{did_you_mean(ind, known.indicators)}",
                                   "Use an id from the indicator catalogue, or remove it.", file=path,
                                   place=f"row {row}", column="indicators")
        themes.append(FrameTheme(str(ident), str(r["name"] or ident), str(r["description"] or ""),
                                 tuple(split_list(r["keywords"])), tuple(split_list(r["exclusions"])), theme_id,
                                 tuple(indicators), compiled["keywords"], compiled["exclusions"]))
    if not themes:
        problems.error("The coding frame has no themes.", "Add one row per theme.", file=path)
        return None
    return CodingFrame(tuple(themes))


def _fails(term: str) -> bool:
    try:
        re.compile(term)
    except re.error:
        return True
    return False


def _why(term: str) -> str:
    try:
        re.compile(term)
    except re.error as exc:
        return str(exc)
    return ""
