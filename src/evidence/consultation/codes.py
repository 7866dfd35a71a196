"""The analysts' own codes: which themes a person found in a response (or an event note).

One row per (response, question, theme, coder): ``response_id``, ``question``,
``theme``, ``coder``, ``date``. The file grows as the team works; a response coded by two
coders gives the agreement figure (:func:`evidence.consultation.quality.coder_agreement`).
A code naming a response, a question or a theme that does not exist is an error with
its row: it would otherwise be silently lost.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from evidence.consultation._tables import read_table
from evidence.errors import did_you_mean
from evidence.problems import Problems

__all__ = ["CODE_COLUMNS", "read_codes"]

CODE_COLUMNS = ["response_id", "question", "theme", "coder", "date"]


def read_codes(paths: tuple[Path, ...], responses: set[str], questions: set[str], themes: set[str],
               problems: Problems) -> pd.DataFrame:
    """Every code file as one frame (``CODE_COLUMNS`` plus ``file`` and ``row``)."""
    frames = []
    for path in paths:
        table = read_table(path, "codes file", CODE_COLUMNS[:4], problems, optional=["date"])
        if table is None:
            continue
        checks = (("response_id", responses, "response or event note", "Use the id of a response in the exports."),
                  ("question", questions, "question", "Use a question id of the consultation file."),
                  ("theme", themes, "theme", "Use a theme id of the coding frame (or add the theme to it)."))
        bad_rows = pd.Series(False, index=table.index)
        for column, allowed, what, fix in checks:
            if not allowed:
                continue
            bad = ~table[column].isin(allowed)
            bad_rows |= bad
            for row, value in table.loc[bad, column].head(5).items():
                problems.error(f"Code for unknown {what} '{value}'.{did_you_mean(str(value), allowed)}", fix,
                               file=path, place=f"row {row}", column=column)
            if bad.sum() > 5:
                problems.error(f"{int(bad.sum()) - 5} more codes name an unknown {what}.", fix, file=path,
                               column=column)
        blank = table["coder"].isna()
        if blank.any():
            problems.warn(f"{int(blank.sum())} codes do not say who coded them.",
                          "Fill in 'coder' (initials will do): agreement between coders needs it.", file=path,
                          place=f"row {blank.idxmax()}", column="coder")
        table = table[~bad_rows].assign(coder=table["coder"].fillna("unknown"), file=path.name)
        table["row"] = table.index
        frames.append(table[[*CODE_COLUMNS, "file", "row"]])
    if not frames:
        return pd.DataFrame(columns=[*CODE_COLUMNS, "file", "row"])
    return pd.concat(frames, ignore_index=True).drop_duplicates(["response_id", "question", "theme", "coder"])
