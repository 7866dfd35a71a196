"""Small building blocks of a profile page: headings, summary bullets and reading notes.

Notebook cells display these with ``IPython.display.HTML``; the nbconvert template
(``evidence/templates/evidence``) styles them through their ``ev-`` classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from evidence.errors import DataError
from evidence.disclosure import suppression_note
from evidence.render._html import Markup, tag
from evidence.render.judgement import JUDGEMENTS, judgement_badge

__all__ = ["callout", "heading", "how_to_read", "slug", "summary_list", "suppression_notice"]


def slug(text: str) -> str:
    """A readable id for a heading: lower case, hyphens, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "section"


def heading(text: str, level: int = 2, *, id: str | None = None) -> Markup:  # noqa: A002
    """An ``<h2>``...``<h6>`` with an id so the page can link to it.

    Level 1 is refused: the notebook's first markdown cell provides the page's single
    ``<h1>``.
    """
    if not 2 <= int(level) <= 6:
        raise DataError(f"Heading level {level!r}: use 2 to 6 (the page title is the only h1).")
    return tag(f"h{int(level)}", text, id=id or slug(text))


def summary_list(items: Iterable[str | Markup], *, title: str | None = None, level: int = 2) -> Markup:
    """Key messages as a bulleted list, optionally under a heading."""
    bullets = [tag("li", item) for item in items]
    if not bullets:
        bullets = [tag("li", "Nothing to report.")]
    return tag(
        "section",
        heading(title, level) if title else None,
        tag("ul", bullets),
        class_="ev-summary",
    )


def callout(title: str, *body: str | Markup, level: int = 2) -> Markup:
    """A boxed note with a heading (used for "how to read this" and caveats)."""
    return tag(
        "section",
        heading(title, level),
        [tag("p", part) if not isinstance(part, Markup) else part for part in body],
        class_="ev-callout",
    )


def how_to_read(comparator_name: str = "England", *, level: int = 2, min_count: int | None = 5) -> Markup:
    """The "How to read this profile" block: what the judgements and charts mean."""
    items = [tag("li", judgement_badge(s.word), ": ", s.explain(comparator_name), ".")
             for s in JUDGEMENTS.values()]
    body = [
        tag("p", f"Each figure is compared with {comparator_name}, taking into account the margin "
                 "of error (the 95% confidence interval). The word is always given; the shape and "
                 "colour repeat it."),
        tag("ul", items, class_="ev-judgement-list"),
        tag("p", "In the spine charts the black line is the comparator, the grey bar shows the "
                 "range across comparable areas, and better is always on the right (higher is on "
                 "the right where neither is better)."),
        tag("p", "Every chart and map is followed by a table with the same figures."),
    ]
    if min_count:
        body.append(tag("p", suppression_note(min_count)))
    return callout("How to read this profile", *body, level=level)


def suppression_notice(min_count: int = 5, n_suppressed: int | None = None) -> Markup:
    """The note shown near tables that contain blanked (suppressed) figures."""
    text = suppression_note(min_count)
    if n_suppressed is not None:
        text += f" {n_suppressed} figure{'s are' if n_suppressed != 1 else ' is'} hidden on this page."
    return tag("p", text, class_="ev-note")
