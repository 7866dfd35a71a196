"""Notes from events (workshops, area forums, a stakeholder breakfast), one row per point made.

Columns: ``event``, ``date``, ``area`` (an area code of the project, or blank), ``point``
(what was said) and optionally ``themes`` (``;``-separated frame theme ids, the note
taker's codes). Each note gets the id ``<file stem>-<row>`` so that analysts can code it
in the codes file like a response.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidence.consultation._tables import read_table, split_list
from evidence.errors import did_you_mean
from evidence.problems import Problems

__all__ = ["NOTE_COLUMNS", "read_notes"]

NOTE_COLUMNS = ["note_id", "file", "row", "event", "date", "area", "point", "themes"]


def read_notes(paths: tuple[Path, ...], areas: set[str] | None, themes: set[str], problems: Problems
               ) -> pd.DataFrame:
    """Every notes file as one frame (``NOTE_COLUMNS``); ``themes`` is a list per note."""
    frames = []
    for path in paths:
        table = read_table(path, "event notes", ["event", "point"], problems, optional=["date", "area", "themes"])
        if table is None:
            continue
        out = pd.DataFrame({"note_id": [f"{path.stem}-{r}" for r in table.index], "file": path.name,
                            "row": table.index, "event": table["event"], "date": table["date"],
                            "area": table["area"], "point": table["point"].fillna(""),
                            "themes": table["themes"].map(split_list)})
        if areas is not None:
            bad = out["area"].notna() & ~out["area"].isin(areas)
            for _, r in out[bad].head(3).iterrows():
                problems.error(f"Area '{r['area']}' is not an area of the project.{did_you_mean(r['area'], areas)}",
                               "Use an area code of the lookup or a custom area, or leave it blank.", file=path,
                               place=f"row {r['row']}", column="area")
        for _, r in out.iterrows():
            for theme in r["themes"]:
                if theme not in themes:
                    problems.error(f"Note coded with unknown theme '{theme}'.{did_you_mean(theme, themes)}",
                                   "Use a theme id of the coding frame.", file=path, place=f"row {r['row']}",
                                   column="themes")
        frames.append(out)
    if not frames:
        return pd.DataFrame(columns=NOTE_COLUMNS)
    return pd.concat(frames, ignore_index=True)
