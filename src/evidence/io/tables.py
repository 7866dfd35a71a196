"""Reading tabular input files (CSV, Excel, Parquet) as text, for validation.

Values are read as text so that a bad cell ("n/a", "12,5") can be reported with its
row and column instead of silently becoming missing. The frame's index is the row number
a user sees when they open the file (the header is row 1 in a CSV or spreadsheet).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from evidence.errors import did_you_mean
from evidence.io.textfile import read_text
from evidence.problems import Problems

__all__ = ["TABLE_SUFFIXES", "read_text_table", "to_number"]

TABLE_SUFFIXES = (".csv", ".xlsx", ".xls", ".parquet", ".pq")
MISSING_WORDS = {"", "na", "n/a", "nan", "null", "none", "-", ".", ":", "*", "x", "..", "c", "z"}


def read_text_table(path: Path, problems: Problems, *, sheet=None, exact_fields: bool = False) -> pd.DataFrame | None:
    """Read a table with every column as text (``None`` for blank cells).

    Returns ``None`` and records a problem when the file is missing or unreadable: not
    UTF-8 (with the line and how to save it from Excel), an Excel sheet that is not there
    (with the sheets that are), or a CSV line with more fields than the header (an
    unquoted ``1,235`` shifts every value after it; one problem, not one per cell). With
    ``exact_fields`` a line with fewer fields is reported too (a download that always has
    every field). The frame's index is the row number a person sees in the file.
    """
    if not path.exists():
        problems.error(f"File not found: '{path.name}'.",
                       "Check the path in evidence.yml (it is relative to the project folder).",
                       file=path)
        return None
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text = read_text(path, problems, what="table")
            if text is None or not _has_rows(text, path, problems) or \
                    not _fields_agree(text, path, problems, exact_fields):
                return None
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        elif suffix in (".xlsx", ".xls"):
            frame = _read_excel(path, sheet, problems)
            if frame is None:
                return None
        elif suffix in (".parquet", ".pq"):
            frame = pd.read_parquet(path)
            frame = frame.astype(object).where(frame.notna(), None)
            frame = frame.map(lambda v: v if v is None else str(v))
        else:
            problems.error(f"Cannot read '{path.name}': unknown file type '{suffix}'.",
                           f"Save it as one of: {', '.join(TABLE_SUFFIXES)}.", file=path)
            return None
    except zipfile.BadZipFile:
        problems.error(f"'{path.name}' is not an Excel workbook: an .xlsx file is a zip archive and this one is not "
                       "(probably a CSV, or an old .xls, renamed).",
                       "Open it in Excel and Save As 'Excel Workbook (*.xlsx)', or give it the extension of what it "
                       "really is (.csv) in evidence.yml and on disk.", file=path)
        return None
    except ImportError:  # an old .xls workbook needs xlrd, which evidence does not install
        problems.error(f"'{path.name}' is an old Excel 97-2003 workbook (.xls), which cannot be read here.",
                       "Open it in Excel and Save As 'Excel Workbook (*.xlsx)' or 'CSV UTF-8 (Comma delimited)', "
                       "and change the path in evidence.yml.", file=path)
        return None
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        problems.error(f"Cannot read '{path.name}': {exc}.",
                       "Check that the file is a valid, UTF-8 encoded table of its type "
                       f"('{suffix}'), e.g. by opening it in Excel and saving it again.", file=path)
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype(object).where(frame.notna(), None)
    frame = frame.map(lambda v: (v.strip() or None) if isinstance(v, str) else v)
    first_row = 1 if suffix in (".parquet", ".pq") else 2
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    return frame


def _read_excel(path: Path, sheet, problems: Problems) -> pd.DataFrame | None:
    if path.suffix.lower() == ".xlsx" and not zipfile.is_zipfile(path):
        raise zipfile.BadZipFile(path.name)
    with pd.ExcelFile(path) as book:
        names = [str(n) for n in book.sheet_names]
        wanted = 0 if sheet is None else sheet
        if isinstance(wanted, int) and not 0 <= wanted < len(names) or \
                not isinstance(wanted, int) and str(wanted) not in names:
            problems.error(f"'{path.name}' has no sheet {wanted!r}.{did_you_mean(wanted, names)}",
                           f"Set 'sheet' of this value file in evidence.yml to one of its sheets: "
                           f"{', '.join(repr(n) for n in names)} (or a number from 0).",
                           file=path, place=f"sheet {wanted!r}")
            return None
        return pd.read_excel(book, sheet_name=wanted if isinstance(wanted, int) else str(wanted), dtype=str,
                             keep_default_na=False)


def _has_rows(text: str, path: Path, problems: Problems) -> bool:
    """Whether the CSV has a header of comma-separated columns (not empty, not ';'-separated)."""
    header = next((line for line in text.splitlines() if line.strip()), None)
    if header is None:
        problems.error(f"The table '{path.name}' is empty.",
                       "Save the table into it again (a header line, then one line per row), or remove it from "
                       "evidence.yml.", file=path, place="line 1")
        return False
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if "," not in header and separator in header:
            problems.error(f"The columns of '{path.name}' are separated by {name}, not commas.",
                           "Save it as 'CSV UTF-8 (Comma delimited)' (Excel set to a language that writes ';' "
                           "does this), or replace the separators with commas.", file=path, place="line 1")
            return False
    return True


def _fields_agree(text: str, path: Path, problems: Problems, exact: bool) -> bool:
    """Whether every line of a CSV has as many fields as its header; if not, report the lines."""
    reader = csv.reader(io.StringIO(text))
    records, end = [], 0
    try:
        for fields in reader:
            records.append((fields, end + 1))  # the line the record starts on
            end = reader.line_num
    except csv.Error:  # e.g. old Mac line ends or a huge field: left to pandas, which reports it
        return True
    if not records:
        return True
    header, width, row, ok = records[0][0], len(records[0][0]), 1, True
    for fields, line in records[1:]:
        if not fields:  # a blank line, which pandas skips too
            continue
        row += 1
        if not any(f.strip() for f in fields):
            continue
        if len(fields) == width or (len(fields) < width and not exact):
            continue
        ok = False
        where = f"line {line}" if line == row else f"row {row} (line {line})"
        column = None
        if len(fields) > width:
            split = _split_number(fields)
            guess = ""
            if split is not None and split < width:
                column = header[split]
                guess = (f" '{fields[split]},{fields[split + 1]}' looks like one number with a thousands "
                         f"separator, split over two columns from '{column}' on.")
            problems.error(f"This line has {len(fields)} fields but the header has {width} columns, so the "
                           f"values after the extra field land in the wrong columns.{guess}",
                           "Quote numbers with thousands separators (\"1,235\") or remove the separator (1235); "
                           "put text that contains a comma in double quotes. Saving the file from Excel as CSV "
                           "does both.", file=path, place=where, column=column, kind="lines with extra fields")
        else:
            problems.error(f"This line has {len(fields)} fields but the header has {width} columns: a field is "
                           "missing, so the values after it land in the wrong columns (e.g. a name where the "
                           "area code should be).",
                           "Download the file again, or restore the missing field (an empty field still needs "
                           "its comma).", file=path, place=where, column=column, kind="lines with missing fields")
    return ok


def _split_number(fields: list[str]) -> int | None:
    """Index of the first field that, with the next, looks like a number split at a thousands comma."""
    for i in range(len(fields) - 1):
        if re.fullmatch(r"\s*-?\d{1,3}", fields[i]) and re.fullmatch(r"\d{3}(\.\d+)?\s*", fields[i + 1]):
            return i
    return None


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
