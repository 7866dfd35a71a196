"""Accessible HTML tables from DataFrames.

A table always has a ``<caption>``, column headers ``<th scope="col">``, and optionally
a row-header column ``<th scope="row">`` (usually the indicator or area name), so screen
readers announce each cell with its headers. Numbers are right-aligned and formatted per
column; judgement cells carry the word plus a decorative shape. The table sits in a
focusable, labelled container that scrolls on its own when it is wider than the screen,
so the page itself never scrolls sideways (WCAG 1.4.10 Reflow).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from evidence.errors import DataError
from evidence.render._html import Markup, new_id, tag
from evidence.render.formatting import Formatter, is_missing, missing_value, number_formatter
from evidence.render.judgement import judgement_badge

__all__ = ["table"]

JUDGEMENT_COLUMNS = ("judgement", "comparison", "judgement_998", "comparison_998")


def _default_formatter(series: pd.Series) -> Formatter:
    if pd.api.types.is_bool_dtype(series):
        return lambda v: missing_value() if is_missing(v) else ("Yes" if v else "No")
    if pd.api.types.is_integer_dtype(series):
        return number_formatter(0)
    if pd.api.types.is_float_dtype(series):
        return number_formatter(1)
    return lambda v: missing_value() if is_missing(v) else str(v)


def _as_formatter(spec: Any) -> Formatter:
    if callable(spec):
        return spec
    if isinstance(spec, int):
        return number_formatter(spec)
    if isinstance(spec, str):
        return lambda v: missing_value() if is_missing(v) else spec.format(v)
    raise DataError(
        f"Unknown column format {spec!r}: give a number of decimals (int), a format string "
        "such as '{:,.1f}', or a function of one value."
    )


def table(
    frame: pd.DataFrame,
    *,
    caption: str | Markup,
    columns: Mapping[str, str] | Sequence[str] | None = None,
    row_header: str | None = None,
    formats: Mapping[str, Any] | None = None,
    judgement_columns: Sequence[str] = JUDGEMENT_COLUMNS,
    note: str | Markup | None = None,
    numeric: Sequence[str] | None = None,
    table_id: str | None = None,
) -> Markup:
    """Render ``frame`` as an accessible, self-styled HTML table.

    Parameters
    ----------
    frame : DataFrame
        The rows to show, in order. Not modified.
    caption : str
        What the table shows, in plain words (escaped).
    columns : mapping or sequence, optional
        Columns to show, in order; a mapping also gives each a header label
        (``{"value": "Value (%)"}``). Defaults to every column, with its name as label.
    row_header : str, optional
        Column whose cells are row headers (``<th scope="row">``), e.g. the indicator name.
    formats : mapping, optional
        Per column: decimals (``1``), a format string (``"{:,.0f}"``) or a function returning
        text or :class:`Markup`. Defaults: integers with separators, floats to 1 decimal.
    judgement_columns : sequence of str
        Columns rendered as a judgement word with its shape.
    note : str, optional
        A sentence shown under the table (e.g. the suppression note).
    numeric : sequence of str, optional
        Columns to right-align as numbers; defaults to the numeric dtypes (give it when
        numbers were formatted to text beforehand).
    table_id : str, optional
        Element id; a unique one is generated otherwise.

    Returns
    -------
    Markup
        ``<div class="ev-table-wrap" role="region" tabindex="0">`` holding the table.

    Examples
    --------
    >>> import pandas as pd
    >>> html = table(pd.DataFrame({"area": ["A & B"], "value": [1.25]}), caption="Demo",
    ...              row_header="area")
    >>> "<caption" in html and 'scope="row">A &amp; B' in html
    True
    """
    if isinstance(columns, Mapping):
        labels = dict(columns)
    elif columns is not None:
        labels = {c: c for c in columns}
    else:
        labels = {str(c): str(c) for c in frame.columns}
    missing = [c for c in labels if c not in frame.columns]
    if missing:
        raise DataError(
            f"Table {str(caption)!r} asks for column(s) {missing} that the frame does not have; "
            f"it has: {', '.join(map(str, frame.columns))}."
        )
    if row_header is not None and row_header not in labels:
        raise DataError(f"row_header {row_header!r} is not one of the table's columns {list(labels)}.")
    formats = dict(formats or {})
    fmt = {
        c: _as_formatter(formats[c]) if c in formats else _default_formatter(frame[c]) for c in labels
    }
    if numeric is not None:
        numeric = {c: c in numeric for c in labels}
    else:
        numeric = {
            c: pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            for c in labels
        }
    judgement = {c: c in judgement_columns for c in labels}

    ident = table_id or new_id("table", str(caption), len(frame))
    caption_id = f"{ident}-caption"
    head = tag(
        "thead",
        tag(
            "tr",
            [
                tag("th", label, scope="col", class_="ev-num" if numeric[c] else None)
                for c, label in labels.items()
            ],
        ),
    )
    body_rows = []
    for record in frame[list(labels)].itertuples(index=False, name=None):
        cells = []
        for (c, _label), value in zip(labels.items(), record):
            if judgement[c]:
                content: Any = judgement_badge(value)
            else:
                content = fmt[c](value)
            cls = "ev-num" if numeric[c] else None
            if c == row_header:
                cells.append(tag("th", content, scope="row", class_=cls))
            else:
                cells.append(tag("td", content, class_=cls))
        body_rows.append(tag("tr", cells))
    if not body_rows:
        body_rows.append(tag("tr", tag("td", "No rows to show.", colspan=str(len(labels)))))
    html = tag(
        "table",
        tag("caption", tag("span", caption, class_="ev-caption-text"), id=caption_id),
        head,
        tag("tbody", body_rows),
        id=ident,
        class_="ev-table",
    )
    wrap = tag(
        "div",
        html,
        class_="ev-table-wrap",
        role="region",
        aria_labelledby=caption_id,
        tabindex="0",
    )
    if note:
        wrap += tag("p", note, class_="ev-note")
    return wrap
