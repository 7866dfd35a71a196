"""The small, safe Markdown of the strategy's own words: paragraphs, lists, headings, emphasis.

The vision, introduction and theme narratives are written by the partnership in
``strategy.yml``. They are parsed into blocks (:func:`parse`) of runs of text, each run
plain, bold or italic; nothing else is interpreted (no raw HTML, no links, no images), so
the text is always escaped and the same words reach the HTML page (:func:`to_html`) and
the Word document (:func:`add_to_docx`, real List Bullet / List Number / Heading styles).

Block syntax: a blank line ends a paragraph; ``- `` or ``* `` starts a bullet, ``1. `` a
numbered item; ``### `` a heading (one level below the section it is in). Inline:
``**bold**`` and ``*italic*`` (or ``_italic_``).

>>> str(to_html("We will **act**.\\n\\n- one <b>\\n- two"))
'<p>We will <strong>act</strong>.</p><ul><li>one &lt;b&gt;</li><li>two</li></ul>'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evidence.render._html import Markup, join, tag

__all__ = ["Block", "add_to_docx", "parse", "to_html"]

_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(?!\s)(.+?)(?<!\s)\*|(?<![\w])_(?!\s)(.+?)(?<!\s)_(?![\w])")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")

Run = tuple[str, str]  # (style: "" | "b" | "i", text)


@dataclass(frozen=True)
class Block:
    """One block: ``kind`` is ``p``, ``h``, ``ul`` or ``ol``; ``items`` its lines as runs."""

    kind: str
    items: tuple[tuple[Run, ...], ...]


def runs(text: str) -> tuple[Run, ...]:
    """``text`` split into plain, bold and italic runs."""
    out: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(("", text[pos:m.start()]))
        if m.group(1) is not None:
            out.append(("b", m.group(1)))
        else:
            out.append(("i", m.group(2) if m.group(2) is not None else m.group(3)))
        pos = m.end()
    if pos < len(text):
        out.append(("", text[pos:]))
    return tuple(out)


def parse(text: str) -> list[Block]:
    """The blocks of ``text``."""
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []
    kind = ""

    def flush() -> None:
        nonlocal para, items, kind
        if para:
            blocks.append(Block("p", (runs(" ".join(para)),)))
        if items:
            blocks.append(Block(kind, tuple(runs(i) for i in items)))
        para, items, kind = [], [], ""

    for line in str(text or "").splitlines():
        if not line.strip():
            flush()
            continue
        heading = _HEADING.match(line)
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if heading:
            flush()
            blocks.append(Block("h", (runs(heading.group(1)),)))
        elif bullet or number:
            new = "ul" if bullet else "ol"
            if para or (items and kind != new):
                flush()
            kind = new
            items.append((bullet or number).group(1).strip())
        elif items:  # a continuation line of the last item
            items[-1] += " " + line.strip()
        else:
            para.append(line.strip())
    flush()
    return blocks


def _html_runs(line: tuple[Run, ...]) -> Markup:
    return join(tag("strong", t) if s == "b" else tag("em", t) if s == "i" else join([t]) for s, t in line)



def to_html(text: str, *, heading_level: int = 3) -> Markup:
    """``text`` as escaped HTML (headings at ``heading_level``)."""
    parts = []
    for block in parse(text):
        if block.kind == "p":
            parts.append(tag("p", _html_runs(block.items[0])))
        elif block.kind == "h":
            parts.append(tag(f"h{heading_level}", _html_runs(block.items[0])))
        else:
            parts.append(tag(block.kind, [tag("li", _html_runs(i)) for i in block.items]))
    return join(parts)


def add_to_docx(document: Any, text: str, *, heading_level: int = 3) -> None:
    """Append ``text`` to a python-docx ``document`` with its real styles."""
    for block in parse(text):
        if block.kind == "h":
            _docx_runs(document.add_heading("", level=heading_level), block.items[0])
            continue
        style = {"p": None, "ul": "List Bullet", "ol": "List Number"}[block.kind]
        for line in block.items:
            _docx_runs(document.add_paragraph(style=style), line)


def _docx_runs(paragraph: Any, line: tuple[Run, ...]) -> None:
    for style, text in line:
        run = paragraph.add_run(text)
        run.bold = style == "b" or None
        run.italic = style == "i" or None
