"""Reading tabular input files (CSV, Excel, Parquet) as text, for validation.

Values are read as text so that a bad cell ("n/a", "12,5") can be reported with its
row and column instead of silently becoming missing. The frame's index is the row number
a user sees when they open the file (the header is row 1 in a CSV or spreadsheet).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from evidence.io.textfile import read_text
from evidence.problems import Problems

__all__ = ["TABLE_SUFFIXES", "read_text_table", "to_number"]

TABLE_SUFFIXES = (".csv", ".xlsx", ".xls", ".parquet", ".pq")
MISSING_WORDS = {"", "na", "n/a", "nan", "null", "none", "-", ".", ":", "*", "x", "..", "c", "z"}


def read_text_table(path: Path, problems: Problems, *, sheet=None) -> pd.DataFrame | None:
    """Read a table with every column as text (``None`` for blank cells).

    Returns ``None`` and records a problem when the file is missing or unreadable. A
    CSV is decoded by :func:`~evidence.io.textfile.read_text`, so one saved in
    Windows-1252 or a folder in its place is reported with the line and the fix.
    The frame's index is the row number a person sees in the file.
    """
    if not path.exists():
        problems.error(f"File not found: '{path.name}'.",
                       "Check the path in evidence.yml (it is relative to the project folder).",
                       file=path)
        return None
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text = read_text(path, problems, what="file")
            if text is None:
                return None
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        elif suffix in (".xlsx", ".xls"):
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, keep_default_na=False)
        elif suffix in (".parquet", ".pq"):
            frame = pd.read_parquet(path)
            frame = frame.astype(object).where(frame.notna(), None)
            frame = frame.map(lambda v: v if v is None else str(v))
        else:
            problems.error(f"Cannot read '{path.name}': unknown file type '{suffix}'.",
                           f"Save it as one of: {', '.join(TABLE_SUFFIXES)}.", file=path)
            return None
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        problems.error(f"Cannot read '{path.name}': {exc}.",
                       "Check that the file is a valid, UTF-8 encoded table.", file=path)
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype(object).where(frame.notna(), None)
    frame = frame.map(lambda v: (v.strip() or None) if isinstance(v, str) else v)
    first_row = 1 if suffix in (".parquet", ".pq") else 2
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    return frame


def to_number(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Convert text to floats; return (numbers, mask of cells that are not numbers).

    Blank cells and the usual missing-value markers ("", "NA", "-", ":"...) become NaN and
    are not reported; anything else that does not parse (e.g. "12,5", "ten") is flagged.
    Thousands separators in well-formed numbers ("1,234") are accepted.
    """
    text = texts.astype(object).where(texts.notna(), "")
    text = text.map(lambda v: str(v).strip())
    missing = text.str.lower().isin(MISSING_WORDS)
    cleaned = text.str.replace(r"^(-?\d{1,3}(,\d{3})+(\.\d+)?)$", lambda m: m.group(1).replace(",", ""), regex=True)
    numbers = pd.to_numeric(cleaned.where(~missing, np.nan), errors="coerce").astype(float)
    bad = numbers.isna() & ~missing
    return numbers, bad
