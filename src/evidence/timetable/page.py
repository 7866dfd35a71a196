"""The timetable page as a :class:`~evidence.render.document.Document` of sections.

Sections, in reading order: ``title`` (the page's one ``<h1>``), ``summary`` (the one
sentence, and the day the page is as of), ``status`` (the stages by phase), ``timeline`` (what happens each month),
``gantt`` (the chart with its text and table), ``signoff`` (the sign-off matrix: each
gate's document against each body), ``decisions`` (the decisions log), ``reports``
(each stage's reports with their build dates), ``lcaps`` (each Local Community Action
Plan the timetable names: its stages, gates and quick wins, and its pack), ``checks`` (the warnings) and
``downloads`` (the calendar, workbook and cover notes, when written). The notebook
``notebooks/timetable.ipynb`` displays one section per cell; everything from the
timetable file is escaped by :func:`~evidence.render._html.tag`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.render import heading, summary_list, table
from evidence.render._html import Markup, join, tag
from evidence.render.document import Document, Section
from evidence.timetable.checks import Check, dated_checks
from evidence.timetable.gantt import gantt_chart
from evidence.timetable.model import Timetable
from evidence.timetable.reports import ReportState, report_checks, report_states
from evidence.timetable.status import GateState, StageState, stage_states
from evidence.timetable.summary import where_we_are

__all__ = ["banner", "banner_day", "decisions_log", "project_banner", "signoff_matrix", "timeline_by_month",
           "timetable_document"]


def _d(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _summary(timetable: Timetable, as_of: dt.date, states, given: bool) -> Markup:
    when = f"on {_d(as_of)}" + (" (the day asked for)" if given else " (today)")
    return join([heading("Where we are", 2, id="where-we-are"),
                 tag("p", where_we_are(timetable, as_of, states), class_="ev-lead"),
                 tag("p", f"Statuses are as {when}. Dates in the file after that day have not happened yet.")])


def _status(timetable: Timetable, stages: list[StageState], gates: list[GateState]) -> Markup:
    parts = [heading("Stages by phase", 2, id="stages")]
    phases: dict[str, list[StageState]] = {}
    for s in stages:
        phases.setdefault(s.stage.phase or "Stages", []).append(s)
    for phase, items in phases.items():
        frame = pd.DataFrame([{"stage": f"{s.number}. {s.stage.name}", "who": "; ".join(s.stage.who),
                               "planned": (s.planned.start.words() if s.planned.start else "") + " to " +
                               (s.planned.end.words() if s.planned.end else "open"),
                               "wording": s.stage.wording, "actual": (_d(s.stage.actual_start) + " to " +
                                                                     (_d(s.stage.actual_end) or "now"))
                               if s.stage.actual_start else "", "status": s.status} for s in items])
        parts += [heading(phase, 3), table(frame, caption=f"{phase}: stages and their status", row_header="stage",
                                           columns={"stage": "Stage", "who": "Who is involved", "planned": "Planned",
                                                    "wording": "The timetable's wording", "actual": "Actual",
                                                    "status": "Status"})]
    if gates:
        frame = pd.DataFrame([{"gate": g.gate.what, "due": g.planned.end.words() if g.planned.end else "",
                               "by": "; ".join(timetable.body_name(b) for b in g.gate.sign_off), "outcome": g.outcome,
                               "waiting": "; ".join(timetable.body_name(b) for b in g.outstanding)} for g in gates])
        parts += [heading("Gates", 3), table(frame, caption="Gates: what must be approved, by whom, and the outcome",
                                             row_header="gate", columns={"gate": "Gate", "due": "Planned",
                                                                         "by": "To be signed off by",
                                                                         "outcome": "Outcome",
                                                                         "waiting": "Not yet signed off by"})]
    return join(parts)


def timeline_by_month(timetable: Timetable, stages: list[StageState], gates: list[GateState]) -> dict[str, list[str]]:
    """Month ("November 2026") -> what starts, ends, is decided or meets in it, in date order."""
    events: list[tuple[dt.date, str]] = []
    for s in stages:
        start = s.stage.actual_start or (s.planned.start.earliest if s.planned.start else None)
        end = s.stage.actual_end or (s.planned.end.latest if s.planned.end else None)
        if start:
            events.append((start, f"{s.stage.name} starts" + ("" if s.stage.actual_start else " (planned)")))
        if end:
            events.append((end, f"{s.stage.name} ends" + ("" if s.stage.actual_end else " (planned)")))
    for g in gates:
        day = g.decided_on or (g.planned.end.latest if g.planned.end else None)
        if day:
            events.append((day, f"Gate: {g.gate.what} ({g.outcome.lower()})"))
    for m in timetable.meetings:
        when = "" if m.date.exact else "Some time this month: "
        events.append((m.date.earliest, when + f"{timetable.body_name(m.body)} meets" +
                       (f": {m.decides}" if m.decides else "") + (f" (the timetable says: {m.wording})"
                                                                  if m.wording else "")))
    months: dict[str, list[str]] = defaultdict(list)
    for day, text in sorted(events, key=lambda e: (e[0], e[1])):
        months[f"{day:%B %Y}"].append(text if text.startswith("Some time") else f"{day.day} {day:%b}: {text}")
    return dict(months)


def _timeline(timetable, stages, gates) -> Markup:
    parts = [heading("Timeline by month", 2, id="timeline")]
    for month, items in timeline_by_month(timetable, stages, gates).items():
        parts.append(summary_list(items, title=month, level=3))
    return join(parts)


def signoff_matrix(timetable: Timetable, gates: list[GateState], as_of: dt.date) -> pd.DataFrame:
    """One row per gate's document, one column per body that signs anything: its last decision by
    ``as_of`` with its date, "Awaiting decision", or "Not needed" where the body does not sign it."""
    bodies = [b for b in timetable.bodies if any(b.id in g.gate.sign_off for g in gates)]
    rows = []
    for g in gates:
        row = {"document": g.gate.what}
        for b in bodies:
            made = [d for d in g.gate.decisions if d.body == b.id and d.date <= as_of]
            last = max(made, key=lambda d: d.date) if made else None
            if b.id not in g.gate.sign_off:
                row[b.id] = "Not needed"
            else:
                row[b.id] = f"{last.outcome} ({_d(last.date)})" if last else "Awaiting decision"
        rows.append(row)
    return pd.DataFrame(rows, columns=["document", *[b.id for b in bodies]])


def decisions_log(timetable: Timetable, as_of: dt.date) -> pd.DataFrame:
    """Every decision made by ``as_of``, newest first: date, body, gate, outcome, minute."""
    rows = [{"date": _d(d.date), "day": d.date, "body": timetable.body_name(d.body), "gate": g.what,
             "outcome": d.outcome, "minute": d.minute, "note": d.note}
            for g in timetable.gates for d in g.decisions if d.date <= as_of]
    frame = pd.DataFrame(rows, columns=["date", "day", "body", "gate", "outcome", "minute", "note"])
    return frame.sort_values(["day", "body"], ascending=[False, True], kind="stable").drop(columns="day") \
        .reset_index(drop=True)


def _reports(states: list[ReportState], root: Path | None) -> Markup:
    def where(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix() if root else path.name
        except ValueError:
            return path.name

    frame = pd.DataFrame([{"stage": r.stage, "report": r.report, "file": where(r.file),
                           "built": r.built.strftime("%d %B %Y %H:%M UTC") if r.built else "not built",
                           "state": r.state} for r in states], columns=["stage", "report", "file", "built", "state"])
    if frame.empty:
        return join([heading("Reports of each stage", 2, id="reports"),
                     tag("p", "No stage says which reports it produces.")])
    return join([heading("Reports of each stage", 2, id="reports"),
                 table(frame, caption="The reports each stage produces, with their build dates", row_header="stage",
                       columns={"stage": "Stage", "report": "Report", "file": "File", "built": "Built",
                                "state": "Check"})])


def banner(timetable: Timetable, as_of: dt.date | None = None) -> Markup:
    """The one-line "where we are" banner for the gap analysis, consultation and plan pages.

    >>> from evidence.timetable.model import Stage
    >>> from evidence.timetable.dates import Span
    >>> t = Timetable("SCS", (), (Stage("s", "Evidence", start=Span.day(dt.date(2026, 1, 5)), weeks=(4, 4)),))
    >>> str(banner(t, dt.date(2026, 1, 1)))
    '<p class="ev-banner" role="note"><strong>Where we are (1 January 2026):</strong> No stage in progress; 0 of 1 \
completed; none overdue; no decision is scheduled.</p>'
    """
    day = as_of or dt.date.today()
    return tag("p", tag("strong", f"Where we are ({_d(day)}):"), " ", where_we_are(timetable, day),
               class_="ev-banner", role="note")


def _lcaps(lcaps: list[Any], as_of: dt.date, packs: dict[str, str]) -> Markup:
    from evidence.timetable.lcap import lcap_summary

    rows = []
    for lcap in lcaps:
        row = lcap_summary(lcap, as_of)
        href = packs.get(lcap.area)
        row["pack"] = tag("a", f"The pack of {lcap.area}", href=href) if href else \
            f"Not written yet: evidence lcap PROJECT --area {lcap.area}"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["plan", "area", "started", "stages", "gates", "quick_wins", "pack"])
    frame["pack"] = pd.Series([r["pack"] for r in rows], index=frame.index, dtype=object)  # Markup, not str
    return join([heading("Local Community Action Plans", 2, id="lcaps"),
                 tag("p", "Each area's plan follows the LCAP production model from the day work on it began: its "
                          "stages under way, its four gates and its quick wins."),
                 table(frame, caption="Local Community Action Plans: where each is", row_header="plan",
                       columns={"plan": "Plan", "area": "Area code", "started": "Started",
                                "stages": "Stages under way", "gates": "Gates", "quick_wins": "Quick wins",
                                "pack": "Pack"}, formats={"pack": lambda v: v})])  # a link stays a link


def _downloads(downloads: dict[str, str]) -> Markup:
    items = [tag("li", tag("a", label, href=href), f" ({Path(href).name})") for label, href in downloads.items()]
    return join([heading("Downloads", 2, id="downloads"),
                 tag("p", "The timetable for calendars, spreadsheets and each body's papers:"), tag("ul", items)])


def banner_day(config: Any, as_of: dt.date | None = None) -> str | None:
    """The day (ISO) the "where we are" banner of another report's page is as of, or ``None``.

    ``None`` when the project names no timetable (no banner); else ``as_of`` or today. The
    gap analysis, plan and consultation runs put it in their request, so it is in their
    fingerprint: an unchanged rerun on a later day rebuilds the page and its banner says
    the new day, and a rerun on the same day is still a no-op. No imports: the no-op path.

    >>> from types import SimpleNamespace
    >>> banner_day(SimpleNamespace(raw={"timetable": "timetable.yml"}), dt.date(2026, 12, 1))
    '2026-12-01'
    >>> banner_day(SimpleNamespace(raw={}), dt.date(2026, 12, 1)) is None
    True
    """
    if not (getattr(config, "raw", None) or {}).get("timetable"):
        return None
    return (as_of or dt.date.today()).isoformat()


def project_banner(config: Any, as_of: dt.date | str | None = None) -> Markup | None:
    """The "where we are" banner of a project's timetable, or ``None`` when it names none.

    For the pages of other reports (gap analysis, plan, consultation): ``config`` is the
    project's :class:`~evidence.config.Config` (``eb.config``); join the result into the
    page's title section, after the ``<h1>`` (``join`` leaves ``None`` out)::

        Section("title", join([tag("h1", title), lead, project_banner(eb.config)]))

    A timetable with errors gives ``None`` too: ``evidence validate`` reports them, and a
    page is never stopped by the banner. ``as_of`` (a day or its ISO text, as
    :func:`banner_day` gives it) defaults to today; the banner always names its day.
    """
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    from evidence.problems import Problems
    from evidence.timetable.inputs import timetable_file
    from evidence.timetable.reader import read_timetable_file

    path = timetable_file(config)
    if path is None or not path.is_file():
        return None
    timetable = read_timetable_file(path, Problems(Path(config.root)))
    return banner(timetable, as_of) if timetable is not None else None


def timetable_document(timetable: Timetable, as_of: dt.date | None = None, *, root: str | Path | None = None,
                       files: dict[str, Path] | None = None, given: bool | None = None,
                       downloads: dict[str, str] | None = None, lcaps: list[Any] | None = None,
                       packs: dict[str, str] | None = None) -> Document:
    """The page: every section, as of ``as_of`` (today when not given; the page says which).

    ``files`` (report name -> file, see :func:`evidence.timetable.reports.report_files`)
    gives each stage's reports; without it that section and its checks are left out.
    ``given`` says whether ``as_of`` was asked for (default: whether it is given) and
    ``downloads`` (link text -> path relative to the page) adds the Downloads section.
    ``lcaps`` (read :class:`~evidence.timetable.lcap.Lcap` files) adds the LCAPs section;
    ``packs`` maps an LCAP's area code to its pack page, relative to this page.
    """
    given = as_of is not None if given is None else given
    as_of = as_of or dt.date.today()
    states = stage_states(timetable, as_of)
    stages, gates = states
    reports = report_states(timetable, as_of, files) if files else []
    checks: list[Check] = dated_checks(timetable, as_of) + report_checks(reports)
    figure = gantt_chart(timetable, as_of, states)
    matrix = signoff_matrix(timetable, gates, as_of)
    labels = {"document": "Document (gate)", **{b.id: b.name for b in timetable.bodies}}
    log = decisions_log(timetable, as_of)
    root_path = Path(root) if root else None
    sections = [
        Section("title", join([tag("h1", f"{timetable.title}: timetable"),
                               tag("p", "Where the strategy is: the stages and their status, the gates and who has "
                                        "signed them off, the decisions made and the reports each stage produces.",
                                   class_="ev-lead")])),
        Section("summary", _summary(timetable, as_of, states, given)),
        Section("status", _status(timetable, stages, gates)),
        Section("timeline", _timeline(timetable, stages, gates)),
        Section("gantt", join([heading("Gantt chart", 2, id="gantt"), figure])),
        Section("signoff", join([heading("Sign-off matrix", 2, id="signoff"),
                                 table(matrix, caption="Who has signed off each document", row_header="document",
                                       columns={c: labels.get(c, c) for c in matrix.columns})
                                 if len(matrix) else tag("p", "The timetable has no gates.")])),
        Section("decisions", join([heading("Decisions log", 2, id="decisions"),
                                   table(log, caption="Decisions made, newest first", row_header="date",
                                         columns={"date": "Date", "body": "Body", "gate": "Gate", "outcome": "Outcome",
                                                  "minute": "Minute", "note": "Note"})
                                   if len(log) else tag("p", "No decision has been recorded yet.")])),
    ]
    if lcaps:
        sections.append(Section("lcaps", _lcaps(list(lcaps), as_of, dict(packs or {}))))
    if files:
        sections.append(Section("reports", _reports(reports, root_path)))
    sections.append(Section("checks", summary_list([c.message + " " + c.fix for c in checks] or
                                                   ["No warnings: no gate jumped, no sign-off outstanding."],
                                                   title="Checks", level=2)))
    if downloads:
        sections.append(Section("downloads", _downloads(downloads)))
    return Document(timetable.title, tuple(sections))
