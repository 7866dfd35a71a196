"""A profile straight to a page, without running a notebook.

The page is the one the notebook produces (the same sections, through the same
nbconvert template), built from an in-memory notebook whose cells already hold the
sections as outputs. The batch benchmark uses it as the floor (no kernel at all), and it
is handy for previews in tests.
"""

from __future__ import annotations

from typing import Protocol

import nbformat

from evidence.render import exporter

__all__ = ["Page", "profile_notebook", "render_page"]


class Page(Protocol):
    """Anything with a title and sections of HTML: a Profile, a gap-analysis Report."""

    title: str
    sections: tuple


def profile_notebook(profile: Page) -> nbformat.NotebookNode:
    """An executed-looking notebook: one code cell per section, its HTML as the output."""
    cells = []
    for section in profile.sections:
        cell = nbformat.v4.new_code_cell(source=f"# section: {section.id}")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": str(section.html)})]
        cells.append(cell)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["title"] = profile.title
    return notebook


def render_page(profile: Page, html_exporter=None) -> str:
    """The exported HTML page of ``profile`` (any :class:`Page`; pass an exporter to reuse one)."""
    body, _ = (html_exporter or exporter()).from_notebook_node(profile_notebook(profile))
    return body
