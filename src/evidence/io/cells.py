"""Text from the inputs written into spreadsheets as text, never as a formula.

An officer's name, an action or an area name typed as ``=HYPERLINK("http://x","click")``
must reach the action plan as those characters, not as a live formula (a "formula
injection", or CSV injection). Every workbook and CSV the project exports goes
through this module:

* Excel (:func:`text_cells`): openpyxl stores any text starting with ``=`` as a formula
  and text such as ``#N/A`` as an error value; such cells are turned back into string
  cells (``t="inlineStr"`` in the saved XML, no ``<f>`` element), so the workbook shows
  the text exactly as typed and nothing is evaluated.
* CSV (:func:`csv_text`): a CSV file has no cell types, and a spreadsheet evaluates a
  field starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return. Following
  OWASP's advice, such text gets a leading apostrophe (``'=HYPERLINK(...)``), which
  spreadsheets treat as "this is text". Numbers are never changed: only text
  columns are, and text that is a plain number (``-2.5``) is left as it is.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["FORMULA_START", "csv_text", "looks_like_formula", "text_cells"]

#: First characters that make a spreadsheet read a text field as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


def looks_like_formula(value: object) -> bool:
    """Whether ``value`` is text that a spreadsheet would evaluate as a formula.

    >>> looks_like_formula('=HYPERLINK("http://x","click")'), looks_like_formula("-2.5")
    (True, False)
    >>> looks_like_formula("@SUM(A1)"), looks_like_formula("Reduce smoking"), looks_like_formula(-3)
    (True, False, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _is_number(value)


def csv_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells that look like formulas start with an apostrophe.

    Only text (object, string and categorical) columns are touched; numeric columns and
    the caller's frame are left as they are.

    >>> csv_text(pd.DataFrame({"who": ["=1+1", "Ann"], "gap": [-1.5, 2.0]})).to_dict("list")
    {'who': ["'=1+1", 'Ann'], 'gap': [-1.5, 2.0]}
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
            continue
        if not series.map(looks_like_formula).any():
            continue
        values = series.astype(object)
        out[column] = values.where(~values.map(looks_like_formula), "'" + values.astype(str))
    return out


def text_cells(worksheet: Any) -> None:
    """Make every text cell of an openpyxl ``worksheet`` a string cell (no formula, no error value).

    Call it after the cells are filled and before the workbook is saved. The project
    writes no formulas of its own, so every formula cell holds text from the inputs.
    """
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type in ("f", "e"):
                cell.data_type = "s"
