"""Office files (xlsx, docx) written atomically and deterministically, and Word tables.

Every export of the project (the action plan, the timetable and its cover notes, the LCAP
pack, the consultation's workbook and summary, the strategy) writes its Office files with
:func:`write_office_file`: a staging file beside the target, every zip entry and the core
properties dated from the inputs (not the clock), then ``os.replace``. Regenerating from
the same inputs gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evidence.io.atomic import atomic_file, staging_path

__all__ = ["docx_table", "normalise_zip", "write_office_file"]


def write_office_file(path: str | Path, write: Callable[[Path], None], when: dt.datetime) -> Path:
    """Write an xlsx or docx file atomically and byte-identically for the same content and ``when``.

    ``write(staging)`` writes the file to a staging path beside ``path``; its zip entries
    and core properties then get the date ``when`` (never the clock), and it is moved into
    place, so a failed export never leaves a half-written file over a good one.
    """
    with atomic_file(path, Path(path).suffix) as staging:
        write(staging)
        normalise_zip(staging, when)
    return Path(path)


def normalise_zip(path: Path, when: dt.datetime) -> None:
    """Give every zip entry of ``path`` the date ``when`` and fix the core properties' dates to it."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    out = staging_path(path)
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in entries:
                if name == "docProps/core.xml":
                    text = data.decode("utf-8")
                    for tag in ("created", "modified"):
                        text = re.sub(rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)", rf"\g<1>{stamp}\g<2>", text)
                    data = text.encode("utf-8")
                info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                target.writestr(info, data)
        os.replace(out, path)
    finally:
        out.unlink(missing_ok=True)


def docx_table(document: Any, header: list[str], rows: list[list[Any]]) -> None:
    """Add a "Table Grid" table to a python-docx ``document``: a bold header row, then ``rows`` (floats to 1 decimal)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = f"{value:,.1f}" if isinstance(value, float) else str(value)
