"""The accessibility statement: one shared page that every report's footer links to.

Public-sector websites must publish one (the Public Sector Bodies Accessibility
Regulations 2018). :func:`accessibility_page` is the statement as a
:class:`~evidence.render.document.Document`; :func:`write_accessibility_page` puts it at
``<output>/accessibility.html`` (atomically; the same bytes every time), and the report
template's footer links there, so the link on every page has somewhere to go.
"""

from __future__ import annotations

from pathlib import Path

from evidence.render._html import join, tag
from evidence.render.document import Document, Section
from evidence.render.page import heading

__all__ = ["PAGE", "accessibility_page", "write_accessibility_page"]

#: The statement's file name, at the root of the output folder.
PAGE = "accessibility.html"


def accessibility_page(publisher: str) -> Document:
    """The statement for the pages of ``publisher`` (the project's name, e.g. "Demoshire evidence base")."""
    body = join([
        tag("h1", "Accessibility statement"),
        tag("p", f"These pages present the {publisher}, made with the evidence toolkit. We want as many "
                 "people as possible to be able to use them."),
        heading("How the pages are made accessible", 2, id="how"),
        tag("ul", [tag("li", text) for text in (
            "Every page is a single file that works without an internet connection and prints cleanly.",
            "Headings are in order, with one main heading per page, and a link skips to the main content.",
            "Every chart and map is followed by a table with the same figures, and every table has a caption.",
            "Judgements (better, worse, similar) are always given in words; colour and shape only repeat them.",
            "Colours meet the WCAG 2.2 AA contrast ratio; the pages are checked with axe in a real browser.",
            "Small counts are not shown, so that no one can be identified.")]),
        heading("Known limits", 2, id="limits"),
        tag("p", "Large tables (the action plans) are wide: on a small screen they scroll sideways. The Word "
                 "versions of the documents hold the same content in editable form."),
        heading("Reporting a problem", 2, id="report"),
        tag("p", "If you cannot use part of these pages, or need them in another format, contact the team named "
                 "on the page you were reading. We will reply within ten working days."),
        heading("Enforcement", 2, id="enforcement"),
        tag("p", "The Equality and Human Rights Commission enforces the accessibility regulations. If you are not "
                 "happy with our reply, contact the Equality Advisory and Support Service (EASS)."),
    ])
    return Document("Accessibility statement", (Section("statement", body),))


def write_accessibility_page(output: str | Path, publisher: str) -> Path:
    """Write the statement to ``<output>/accessibility.html`` and return its path."""
    from evidence.io.atomic import atomic_write
    from evidence.profiles.page import render_page

    return atomic_write(Path(output) / PAGE, render_page(accessibility_page(publisher)).encode("utf-8"))
