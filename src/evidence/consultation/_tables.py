"""Shared by the small readers of this package: read a table and check its columns."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from evidence.consultation.settings import DOC
from evidence.errors import did_you_mean
from evidence.io.tables import read_text_table
from evidence.problems import Problems


def read_table(path: Path, what: str, required: Sequence[str], problems: Problems,
               optional: Sequence[str] = ()) -> pd.DataFrame | None:
    """``path`` as text cells with ``required`` columns (optional ones added blank), or ``None``.

    A missing file or a missing column is an error naming the file, the column and the
    nearest header ("did you mean").
    """
    if not path.exists():
        problems.error(f"The {what} '{path.name}' does not exist.",
                       f"Check its name in the consultation file (paths are relative to it; see {DOC}).", file=path)
        return None
    table = read_text_table(path, problems)
    if table is None:
        return None
    absent = [c for c in required if c not in table.columns]
    for column in absent:
        problems.error(f"The {what} has no column '{column}'.{did_you_mean(column, list(table.columns))}",
                       f"Name its columns {', '.join(required)} (see {DOC}).", file=path, place="row 1",
                       column=column)
    if absent:
        return None
    for column in optional:
        if column not in table.columns:
            table[column] = None
    return table


def split_list(cell: object, sep: str = ";") -> list[str]:
    """``"a; b;"`` -> ``["a", "b"]``; blank -> ``[]``."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(sep) if part.strip()]
