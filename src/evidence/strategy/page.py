"""The strategy as pages: the full document and the print-ready summary, each a :class:`Document`.

Both are made from one :class:`~evidence.strategy.content.StrategyContent`, every name and
every word from the inputs escaped (:mod:`evidence.render._html`), headings in order (one
``<h1>``), every table with a caption and row headers, so the page passes the same
accessibility checks as the other reports. ``notebooks/strategy.ipynb`` displays the sections.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from evidence.render import heading, table
from evidence.render._html import Markup, join, tag
from evidence.render.document import Document, Section
from evidence.render.page import slug
from evidence.strategy.content import NO_PROOFING, NOT_ANALYSED, StrategyContent, ThemeContent
from evidence.strategy.markdown import to_html

__all__ = ["build_strategy_page", "build_summary_page", "measure_columns", "published_on"]


def published_on(content: StrategyContent) -> str:
    """The publication date in words (from the strategy file, never the clock)."""
    return f"{content.strategy.date:%d %B %Y}".lstrip("0")


def measure_columns(t: Any) -> list[int]:
    """Indices of the template columns an outcome-measure table shows: Measures, Baseline, the years, leads."""
    first, last = t.target_span
    return [2, *range(first, last + 1), len(t.columns) - 3, len(t.columns) - 2]


def _cell(value: Any) -> str:
    """A template cell as text: numbers to one decimal place, blanks left blank (not "no value")."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return f"{value:,.1f}" if isinstance(value, float) else str(value)


def _rows(header: list[str], rows: list[list[Any]]) -> pd.DataFrame:
    return pd.DataFrame([[_cell(v) for v in r] for r in rows], columns=header, dtype=object)


def _text_table(frame: pd.DataFrame, table_id: str, **kwargs: Any) -> Markup:
    """A table whose cells are text as given (a blank cell is blank, not a missing figure).

    Its id is given (not numbered by the process), so that the page is the same bytes
    however many pages the process has made before.
    """
    return table(frame.map(_cell), formats={c: str for c in frame.columns}, table_id=table_id, **kwargs)


def _title(content: StrategyContent) -> Markup:
    s = content.strategy
    return join([tag("h1", s.title),
                 tag("p", tag("strong", s.version), f". Published {published_on(content)}.", class_="ev-lead"),
                 tag("p", f"Contact: {s.contact}") if s.contact else None])


def _contents(content: StrategyContent) -> Markup:
    links = [("vision", "Our vision"), *[(f"theme-{t.id}", t.name) for t in content.themes],
             ("key-issue", "Key issue of the year"), ("fewer-targets", "Fewer targets"),
             ("changes", "What changed since the last version"), ("action-plans", "Action plans"),
             ("next-steps", "Next steps"), ("glossary", "Glossary"), ("sources", "Data sources"),
             ("about", "About this document")]
    return tag("nav", heading("Contents", 2, id="contents"),
               tag("ol", [tag("li", tag("a", text, href=f"#{ident}")) for ident, text in links]),
               aria_label="Contents")


def _vision(content: StrategyContent) -> Markup:
    s = content.strategy
    parts = [heading("Our vision", 2, id="vision"), to_html(s.vision)]
    if s.introduction:
        parts += [heading("Introduction", 3, id="introduction"), to_html(s.introduction, heading_level=4)]
    return join(parts)


def _measures_table(t: Any, block: Any) -> Markup:
    keep = measure_columns(t)
    frame = _rows([t.columns[i] for i in keep], [[row[i] for i in keep] for row in block.measure_rows])
    return _text_table(frame, f"measures-{slug(block.outcome.id)}",
                       caption=f"Outcome {block.outcome.id}: measures, baselines and yearly targets",
                       row_header="Measures")


def _theme(content: StrategyContent, t: ThemeContent) -> Markup:
    parts: list[Any] = [heading(t.name, 2, id=f"theme-{slug(t.id)}")]
    if t.narrative:
        parts.append(to_html(t.narrative, heading_level=4))
    parts.append(heading("What the evidence says", 3, id=f"evidence-{slug(t.id)}"))
    if t.evidence or t.priority_areas:
        parts.append(tag("ul", [tag("li", line) for line in (*t.evidence, *t.priority_areas)]))
    else:
        parts.append(tag("p", "The gap analysis finds no figure of this theme significantly worse than England."))
    parts.append(heading("Priority outcomes", 3, id=f"outcomes-{slug(t.id)}"))
    if t.table is None or not t.table.blocks:
        parts.append(tag("p", "No priority outcome has been chosen for this theme yet."))
    else:
        for block in t.table.blocks:
            parts.append(heading(block.heading, 4, id=f"outcome-{slug(block.outcome.id)}"))
            parts.append(_measures_table(t.table, block) if block.measure_rows else
                         tag("p", "This outcome has no outcome measure yet."))
    cap = content.strategy.max_measures
    parts.append(tag("p", f"{t.measures} indicator measure{'s' if t.measures != 1 else ''}"
                          + (f", against a cap of {cap} per theme" + (": more than the cap, fewer targets are "
                             "asked for." if t.over_cap else ".") if cap else ".")))
    parts.append(heading("What people said", 3, id=f"said-{slug(t.id)}"))
    if t.said is None:
        parts.append(tag("p", NOT_ANALYSED))
    elif not t.said:
        parts.append(tag("p", "The consultation's 'you said, we did' has no point for this theme."))
    else:
        parts.append(tag("ul", [tag("li", tag("strong", "You said: "), said, " ", tag("strong", "We did: "), did,
                                    f" ({status}).") for said, did, status in t.said]))
    if t.changed:
        parts.append(join([tag("p", "What we changed since the last version (",
                               tag("a", "what changed", href="#changes"), "):"),
                           tag("ul", [tag("li", text) for text in t.changed])]))
    parts.append(heading("Proofing", 3, id=f"proofing-{slug(t.id)}"))
    parts.append(tag("p", NO_PROOFING) if t.proofing is None else
                 tag("ul", [tag("li", s) for s in t.proofing]) if t.proofing else
                 tag("p", "The proofing record has no statement for this theme."))
    return join(parts)


def _key_issue(content: StrategyContent) -> Markup:
    parts: list[Any] = [heading("Key issue of the year", 2, id="key-issue")]
    issue = content.strategy.key_issue
    if issue is None:
        return join([*parts, tag("p", "The strategy file names no key issue of the year.")])
    where = f" ({issue.area})" if issue.area else ""
    parts.append(tag("p", f"The key issue of the year is {issue.issue}{where}. Every theme group needs at least one "
                          "action tagged for it, or measured in its area."))
    gaps = content.key_issue_gaps
    parts.append(tag("p", "Every theme group has an action for it.") if gaps.empty else
                 join([tag("p", "Theme groups with no action for the key issue yet:"),
                       tag("ul", [tag("li", name) for name in gaps["theme_name"]])]))
    return join(parts)


def _fewer_targets(content: StrategyContent) -> Markup:
    counts = content.counts
    cap = content.strategy.max_measures
    parts: list[Any] = [heading("Fewer targets", 2, id="fewer-targets"),
                        tag("p", f"The partnership asks each theme for at most {cap} indicator measures." if cap else
                            "The strategy file sets no cap on measures per theme.")]
    frame = counts.assign(over=counts["over"].map({True: "Over the cap", False: ""}))
    parts.append(_text_table(frame[["theme_name", "outcomes", "measures", "over"]], "measure-counts",
                             caption="Indicator measures per theme group",
                             columns={"theme_name": "Theme group", "outcomes": "Outcomes",
                                      "measures": "Indicator measures", "over": "Against the cap"},
                             row_header="theme_name"))
    return join(parts)


def _changes(content: StrategyContent) -> Markup:
    parts: list[Any] = [heading("What changed since the last version", 2, id="changes")]
    s = content.strategy
    if s.previous is None:
        return join([*parts, tag("p", "No previous version is given, so there is nothing to compare with.")])
    changes = content.changes
    parts.append(tag("p", f"Compared with the previous version's framework ({s.previous.title}): "
                          f"{len(changes)} change{'s' if len(changes) != 1 else ''}. These feed 'you said, we "
                          "did': each theme's 'What people said' lists its own."))
    if len(changes):
        frame = changes.assign(theme=changes["theme"].map(lambda t: content.theme_names.get(t, t)))
        parts.append(_text_table(frame, "changes-table",
                                 caption="Outcomes, measures and targets added, removed, re-titled or "
                                 "re-targeted",
                           columns={"id": "Outcome or measure", "kind": "Change", "theme": "Theme", "old": "Was",
                                    "new": "Now"}, row_header="id"))
    return join(parts)


def _action_plans(content: StrategyContent) -> Markup:
    parts: list[Any] = [heading("Action plans", 2, id="action-plans"),
                        tag("p", "The action plan of each theme, in the partnership's template (the same rows as "
                                 "the exported action plans).")]
    for t in content.themes:
        if t.table is None:
            continue
        parts.append(heading(t.name, 3, id=f"plan-{slug(t.id)}"))
        for block in t.table.blocks:
            parts.append(heading(block.heading, 4, id=f"plan-outcome-{slug(block.outcome.id)}"))
            rows = [list(r) for r in (*block.measure_rows, *block.action_rows)]
            if rows:
                parts.append(_text_table(_rows(list(t.table.columns), rows), f"plan-table-{slug(block.outcome.id)}",
                                         caption=f"Action plan: {block.heading}",
                                         row_header="Action"))
    return join(parts)


def _end(content: StrategyContent) -> Markup:
    s = content.strategy
    parts: list[Any] = [heading("Next steps", 2, id="next-steps"),
                        tag("p", content.timetable_note),
                        tag("p", content.consultation_note) if content.consultation_note else None,
                        heading("Glossary", 2, id="glossary"),
                        tag("dl", [join([tag("dt", term), tag("dd", meaning)]) for term, meaning in content.glossary]),
                        heading("Data sources", 2, id="sources")]
    frame = pd.DataFrame(content.sources, columns=["indicator", "source"])
    parts.append(_text_table(frame, "sources-table",
                             caption="The indicators the outcome measures use, and where they come from",
                       columns={"indicator": "Indicator", "source": "Source"}, row_header="indicator"))
    parts += [heading("About this document", 2, id="about"),
              tag("p", f"{s.title}, {s.version}. Published {published_on(content)}, from the {content.place}."),
              tag("p", f"Contact: {s.contact}") if s.contact else None,
              tag("p", "Figures come from the published evidence base: small counts are not shown. ",
                  tag("a", "Accessibility statement", href="accessibility.html"), ".")]
    return join(parts)


def build_strategy_page(content: StrategyContent) -> Document:
    """The full strategy page: title, contents, vision, one section per theme, checks, plans, glossary."""
    sections = [Section("title", _title(content)), Section("contents", _contents(content)),
                Section("vision", _vision(content))]
    sections += [Section(f"theme-{t.id}", _theme(content, t)) for t in content.themes]
    sections += [Section("key-issue", _key_issue(content)), Section("fewer-targets", _fewer_targets(content)),
                 Section("changes", _changes(content)), Section("action-plans", _action_plans(content)),
                 Section("end", _end(content))]
    return Document(f"{content.strategy.title}: {content.strategy.version}", tuple(sections))


def build_summary_page(content: StrategyContent) -> Document:
    """The summary version for the printers: vision, each theme's outcomes in a line, the key issue, contact."""
    s = content.strategy
    parts: list[Any] = [tag("h1", f"{s.title}: summary"),
                        tag("p", tag("strong", s.version), f". Published {published_on(content)}.", class_="ev-lead"),
                        heading("Our vision", 2, id="vision"), to_html(s.vision)]
    for t in content.themes:
        parts.append(heading(t.name, 2, id=f"theme-{slug(t.id)}"))
        if t.evidence:
            parts.append(tag("p", t.evidence[0]))
        outcomes = [b.outcome for b in t.table.blocks] if t.table is not None else []
        parts.append(tag("ul", [tag("li", f"Outcome {o.id}: {o.title}") for o in outcomes]) if outcomes else
                     tag("p", "No priority outcome has been chosen for this theme yet."))
    if s.key_issue:
        parts += [heading("Key issue of the year", 2, id="key-issue"), tag("p", s.key_issue.issue)]
    parts += [heading("Find out more", 2, id="more"),
              tag("p", f"The full strategy, with the evidence and the action plans: contact {s.contact}."
                  if s.contact else "The full strategy has the evidence and the action plans."),
              tag("p", tag("a", "Accessibility statement", href="accessibility.html"), ".")]
    return Document(f"{s.title}: summary", (Section("summary", join(parts)),))
