"""The strategy in Word: the full version (kept in Word for ease of amendment) and the summary.

Written with python-docx in the built-in styles only (Title, Subtitle, Heading 1-4, List
Bullet, Table Grid), so a council restyles the whole document by changing its styles: a
Heading 1 per theme, a Heading 2 per priority outcome ("Outcome 2.1: ..."), a contents
list (a TOC field over Headings 1-3 that Word fills in when the document is opened), the
version label on the first page, and the action plans appended in the template's columns
(the rows of :func:`evidence.outcomes.layout.theme_tables`, as in the exported plans).
Dates come from the strategy file and every zip entry gets that date, so two runs give
identical bytes; each file is written atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evidence.io.office import docx_table, write_office_file
from evidence.strategy.content import NO_PROOFING, NOT_ANALYSED, StrategyContent
from evidence.strategy.markdown import add_to_docx
from evidence.strategy.page import measure_columns, published_on

__all__ = ["write_strategy_docx", "write_summary_docx"]


def _when(content: StrategyContent) -> dt.datetime:
    d = content.strategy.date
    return dt.datetime(d.year, d.month, d.day)


def _new(content: StrategyContent, subject: str) -> Any:
    import docx

    document = docx.Document()
    props = document.core_properties
    when = _when(content)
    props.title, props.author, props.last_modified_by = content.strategy.title, "evidence", "evidence"
    props.created = props.modified = props.last_printed = when
    props.revision, props.comments, props.subject, props.keywords = 1, "", subject, content.strategy.version
    return document


def _contents_field(document: Any) -> None:
    """A contents list: a TOC field over Headings 1-3, updated by Word when the file is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document.add_paragraph("Contents", style="TOC Heading" if "TOC Heading" in
                           [s.name for s in document.styles] else "Heading 1")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'TOC \\o "1-3" \\h \\z \\u')
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Right-click and choose Update Field to show the contents."
    run.append(text)
    field.append(run)
    document.add_paragraph()._p.append(field)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _first_page(document: Any, content: StrategyContent, title: str) -> None:
    s = content.strategy
    document.add_heading(title, level=0)
    document.add_paragraph(s.version, style="Subtitle")
    document.add_paragraph(f"Published {published_on(content)}.")
    if s.contact:
        document.add_paragraph(f"Contact: {s.contact}")


def _theme(document: Any, content: StrategyContent, t: Any) -> None:
    document.add_heading(t.name, level=1)
    if t.narrative:
        add_to_docx(document, t.narrative, heading_level=2)
    document.add_heading("What the evidence says", level=2)
    lines = (*t.evidence, *t.priority_areas) or ("The gap analysis finds no figure of this theme significantly "
                                                 "worse than England.",)
    for line in lines:
        document.add_paragraph(line, style="List Bullet")
    if t.table is None or not t.table.blocks:
        document.add_paragraph("No priority outcome has been chosen for this theme yet.")
    for block in t.table.blocks if t.table is not None else ():
        document.add_heading(block.heading, level=2)
        if block.measure_rows:
            keep = measure_columns(t.table)
            docx_table(document, [t.table.columns[i] for i in keep], [[row[i] for i in keep]
                                                                       for row in block.measure_rows])
        else:
            document.add_paragraph("This outcome has no outcome measure yet.")
    document.add_heading("What people said", level=2)
    if t.said is None:
        document.add_paragraph(NOT_ANALYSED)
    elif not t.said:
        document.add_paragraph("The consultation's 'you said, we did' has no point for this theme.")
    for said, did, status in t.said or ():
        document.add_paragraph(f"You said: {said} We did: {did} ({status}).", style="List Bullet")
    if t.changed:
        document.add_paragraph("What we changed since the last version (see What changed since the last version):")
        for text in t.changed:
            document.add_paragraph(text, style="List Bullet")
    document.add_heading("Proofing", level=2)
    if t.proofing is None:
        document.add_paragraph(NO_PROOFING)
    for sentence in t.proofing or ():
        document.add_paragraph(sentence, style="List Bullet")


def _action_plans(document: Any, content: StrategyContent) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    document.add_heading("Action plans", level=1)
    for t in content.themes:
        if t.table is None:
            continue
        document.add_heading(f"Action plan: {t.name}", level=2)
        for block in t.table.blocks:
            document.add_heading(block.heading, level=3)
            rows = [list(r) for r in (*block.measure_rows, *block.action_rows)]
            if rows:
                docx_table(document, list(t.table.columns), rows)


def _end(document: Any, content: StrategyContent) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.add_heading("Glossary", level=1)
    for term, meaning in content.glossary:
        p = document.add_paragraph()
        p.add_run(f"{term}: ").bold = True
        p.add_run(meaning)
    document.add_heading("Data sources", level=1)
    docx_table(document, ["Indicator", "Source"], [list(r) for r in content.sources])
    document.add_heading("About this document", level=1)
    s = content.strategy
    document.add_paragraph(f"{s.title}, {s.version}. Published {published_on(content)}, from the {content.place}.")
    if s.contact:
        document.add_paragraph(f"Contact: {s.contact}")


def write_strategy_docx(content: StrategyContent, path: str | Path) -> Path:
    """Write the full strategy as an editable Word document at ``path`` (atomically, deterministically)."""
    s = content.strategy

    def write(temp: Path) -> None:
        document = _new(content, "Sustainable Community Strategy")
        _first_page(document, content, s.title)
        _contents_field(document)
        document.add_heading("Our vision", level=1)
        add_to_docx(document, s.vision, heading_level=2)
        if s.introduction:
            document.add_heading("Introduction", level=2)
            add_to_docx(document, s.introduction)
        for t in content.themes:
            _theme(document, content, t)
        document.add_heading("Key issue of the year", level=1)
        if s.key_issue is None:
            document.add_paragraph("The strategy file names no key issue of the year.")
        else:
            document.add_paragraph(f"{s.key_issue.issue}" + (f" ({s.key_issue.area})" if s.key_issue.area else "")
                                   + ". Every theme group needs at least one action tagged for it or measured in "
                                     "its area.")
            gaps = content.key_issue_gaps
            document.add_paragraph("Every theme group has an action for it." if gaps.empty else
                                   "Theme groups with no action for it yet: " + ", ".join(gaps["theme_name"]) + ".")
        document.add_heading("Fewer targets", level=1)
        cap = s.max_measures
        document.add_paragraph(f"The partnership asks each theme for at most {cap} indicator measures." if cap else
                               "The strategy file sets no cap on measures per theme.")
        docx_table(document, ["Theme group", "Outcomes", "Indicator measures", "Against the cap"],
                    [[r.theme_name, r.outcomes, r.measures, "Over the cap" if r.over else ""]
                     for r in content.counts.itertuples(index=False)])
        document.add_heading("What changed since the last version", level=1)
        if s.previous is None:
            document.add_paragraph("No previous version is given, so there is nothing to compare with.")
        else:
            changes = content.changes
            document.add_paragraph(f"Compared with {s.previous.title}: {len(changes)} changes. These feed 'you said, "
                                   "we did': each theme's 'What people said' lists its own.")
            if len(changes):
                docx_table(document, ["Outcome or measure", "Change", "Was", "Now"],
                            changes[["id", "kind", "old", "new"]].values.tolist())
        document.add_heading("Next steps", level=1)
        document.add_paragraph(content.timetable_note)
        _action_plans(document, content)
        _end(document, content)
        document.save(str(temp))

    return write_office_file(path, write, _when(content))


def write_summary_docx(content: StrategyContent, path: str | Path) -> Path:
    """Write the short summary version (vision, each theme's outcomes, the key issue, contact)."""
    s = content.strategy

    def write(temp: Path) -> None:
        document = _new(content, "Sustainable Community Strategy: summary")
        _first_page(document, content, f"{s.title}: summary")
        document.add_heading("Our vision", level=1)
        add_to_docx(document, s.vision)
        for t in content.themes:
            document.add_heading(t.name, level=1)
            if t.evidence:
                document.add_paragraph(t.evidence[0])
            for block in t.table.blocks if t.table is not None else ():
                document.add_paragraph(block.heading, style="List Bullet")
        if s.key_issue:
            document.add_heading("Key issue of the year", level=1)
            document.add_paragraph(s.key_issue.issue)
        document.save(str(temp))

    return write_office_file(path, write, _when(content))
