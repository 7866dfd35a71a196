"""The consultation's tables in the evidence base: published counts only, for notebooks.

``evidence consult`` writes the published tables (the same as the workbook's sheets:
disclosure control applied, quotes redacted, no response id) to
``<build.output>/consultation/tables/`` with an ``index.json``; :func:`tables_of`
reads them back as a :class:`ConsultationTables`, whose rich display in a notebook
shows each table escaped. The team's coded responses and review queue are never here.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.io.atomic import atomic_write

__all__ = ["ConsultationTables", "tables_of", "write_tables"]

INDEX = "index.json"


def _file(name: str) -> str:
    return name.lower().replace(" ", "_") + ".csv"


def write_tables(analysis: Any, folder: str | Path) -> list[Path]:
    """Write every published table of ``analysis`` (and the summary) to ``folder``."""
    from evidence.consultation.exports import _csv, published_tables

    folder = Path(folder)
    tables = published_tables(analysis)
    out = [atomic_write(folder / _file(name), _csv(frame)) for name, frame in tables.items()]
    index = {"title": analysis.consultation.settings.title, "min_count": analysis.min_count,
             "summary": list(analysis.summary), "tables": {name: _file(name) for name in tables}}
    out.append(atomic_write(folder / INDEX, json.dumps(index, indent=1, ensure_ascii=False).encode("utf-8")))
    return out


@dataclass(frozen=True)
class ConsultationTables(Mapping[str, pd.DataFrame]):
    """The published consultation tables by name (``"Themes"``, ``"Closed questions"``...)."""

    title: str
    min_count: int
    summary: tuple[str, ...]
    tables: Mapping[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def __repr__(self) -> str:
        return f"<ConsultationTables {self.title!r}: {', '.join(self.tables)}>"

    def _repr_html_(self) -> str:
        from evidence.render import table
        from evidence.render._html import tag

        parts = [tag("h2", self.title), tag("ul", [tag("li", s) for s in self.summary]),
                 tag("p", f"Published figures only: counts below {self.min_count} are blank.")]
        for name, frame in self.tables.items():
            parts.append(table(frame.head(20).astype(str), caption=name + (" (first 20 rows)" if len(frame) > 20
                                                                            else ""), numeric=[]))
        return str(tag("div", parts))


def tables_of(project_or_evidence: Any) -> ConsultationTables:
    """The consultation tables of a project folder or a loaded evidence base (after ``evidence consult``).

    Raises :class:`~evidence.errors.ProjectError` when they have not been written yet.
    """
    from evidence.errors import ProjectError

    if hasattr(project_or_evidence, "config"):
        config = project_or_evidence.config
    else:
        from evidence.config import read_config

        config, problems = read_config(project_or_evidence)
        problems.raise_if_errors()
    folder = Path(config.output) / "consultation" / "tables"
    if not (folder / INDEX).is_file():
        raise ProjectError(f"No consultation tables in {folder}: run 'evidence consult {config.root}' first.")
    index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    tables = {name: pd.read_csv(io.StringIO((folder / file).read_text(encoding="utf-8")), dtype=str,
                                keep_default_na=False) for name, file in index["tables"].items()}
    return ConsultationTables(index["title"], int(index["min_count"]), tuple(index["summary"]), tables)
