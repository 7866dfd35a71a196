"""The pack of one LCAP area: its local action plan rows, the workbook, the Word document and the page.

The local action plan is laid out in the Gloucester template's columns (Action, Task,
Measures, Milestones/Detailed Tasks, Timescale, Resource/Organisations involved, Contact
Officer, Lead Partnership, Long-term Ambitions): the borough outcomes' actions whose
measures are in the area or one of its members, then the LCAP file's local actions.
Workbook and document are written like the borough's plan (atomic, dated to the pack's
day, byte-identical on a rerun); text cells are never formulas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.io.office import write_office_file
from evidence.render import heading, summary_list, table
from evidence.render._html import join, tag
from evidence.render.document import Document, Section
from evidence.timetable.exports import _sheet
from evidence.timetable.lcap import LcapPack

__all__ = ["PLAN_COLUMNS", "local_plan_rows", "pack_document", "write_pack"]

PLAN_COLUMNS = ("Outcome", "Action", "Task", "Measures", "Milestones/Detailed Tasks", "Timescale",
                "Resource/Organisations involved", "Contact Officer", "Lead Partnership", "Long-term Ambitions",
                "From")


def local_plan_rows(pack: LcapPack, framework: Any = None, members: Any = ()) -> pd.DataFrame:
    """The area's action plan rows: borough actions measured in the area, then the local actions."""
    codes = {pack.lcap.area, *map(str, members)}
    rows = []
    for outcome in getattr(framework, "outcomes", ()) or ():
        for action in outcome.actions:
            measures = [*outcome.measures, *action.indicator_measures]
            if not any(m.area in codes for m in measures):
                continue
            rows.append([f"{outcome.id} {outcome.title}", action.action, "; ".join(action.tasks),
                         "; ".join(action.measures), "; ".join(f"{m.text} ({m.date})" for m in action.milestones),
                         action.timescale, action.resources, action.contact_officer, action.lead_partnership,
                         action.long_term_ambitions, "Borough plan"])
    for a in pack.lcap.actions:
        rows.append([a.get("outcome", ""), a.get("action", ""), a.get("tasks", ""), a.get("measures", ""),
                     a.get("milestones", ""), a.get("timescale", ""), a.get("resources", ""),
                     a.get("contact_officer", ""), a.get("lead_partnership", ""), "", "Local action"])
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS))


def _d(day: Any) -> str:
    return f"{day.day} {day:%B %Y}" if isinstance(day, dt.date) else ""


def _gates(pack: LcapPack) -> pd.DataFrame:
    return pd.DataFrame([{"gate": g.gate.what, "planned": g.planned.end.words() if g.planned.end else "",
                          "outcome": g.outcome, "decided": _d(g.decided_on)} for g in pack.gates],
                        columns=["gate", "planned", "outcome", "decided"])


ISSUE_LABELS = {"area_name": "Area", "area_code": "Area code", "indicator_name": "Indicator",
                "indicator_id": "Indicator id", "score": "Score", "explanation": "Why it is a priority"}


def _issues(pack: LcapPack) -> pd.DataFrame:
    keep = [c for c in ISSUE_LABELS if c in pack.issues.columns]
    return pack.issues[keep]


def write_pack(pack: LcapPack, folder: str | Path, plan: pd.DataFrame | None = None) -> list[Path]:
    """Write ``lcap_<area>.xlsx`` and ``lcap_<area>.docx`` into ``folder``; return both paths."""
    import docx
    from openpyxl import Workbook

    plan = local_plan_rows(pack) if plan is None else plan
    when = dt.datetime(pack.as_of.year, pack.as_of.month, pack.as_of.day)
    folder = Path(folder)
    wins = pack.quick_wins
    issues = _issues(pack)
    gates = _gates(pack)

    def xlsx(temp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        wb.properties.title, wb.properties.creator = pack.lcap.name, "evidence"
        wb.properties.created = wb.properties.modified = when
        _sheet(wb, "Issues", list(issues.columns), issues.astype(object).values.tolist(), [24] * len(issues.columns))
        _sheet(wb, "Quick wins", ["Issue", "Action", "Owner", "Raised", "Promised", "Done", "Status", "Days taken"],
               [[r.issue, r.action, r.owner, r.raised, r.promised, r.done if pd.notna(r.done) else None, r.status,
                 int(r.days_taken)] for r in wins.itertuples()], [32, 36, 20, 14, 14, 14, 12, 10])
        _sheet(wb, "Gates", ["Gate", "Planned", "Outcome", "Decided"], gates.values.tolist(), [50, 28, 22, 18])
        _sheet(wb, "Local action plan", list(PLAN_COLUMNS), plan.values.tolist(), [24, 32, 36, 28, 28, 14, 24, 18, 20,
                                                                                    22, 14])
        wb.save(temp)

    def word(temp: Path) -> None:
        document = docx.Document()
        props = document.core_properties
        props.title, props.author, props.last_modified_by = pack.lcap.name, "evidence", "evidence"
        props.created = props.modified = props.last_printed = when
        props.revision, props.comments, props.subject, props.keywords = 1, "", "Local Community Action Plan", ""
        document.add_heading(pack.lcap.name, 1)
        document.add_paragraph(f"As of {_d(pack.as_of)}. {pack.lcap.selection}".strip())
        for title, frame in (("Gates", gates), ("Quick wins", wins.drop(columns=["raised"])),
                             ("Local action plan", plan.drop(columns=["From"]))):
            document.add_heading(title, 2)
            grid = document.add_table(rows=1, cols=len(frame.columns))
            grid.style = "Table Grid"
            for cell, name in zip(grid.rows[0].cells, frame.columns):
                cell.text = str(name).replace("_", " ").capitalize() if name.islower() else str(name)
            for row in frame.itertuples(index=False):
                for cell, value in zip(grid.add_row().cells, row):
                    cell.text = _d(value) if isinstance(value, dt.date) else ("" if pd.isna(value) else str(value))
        document.save(temp)

    stem = f"lcap_{pack.lcap.area}"
    return [write_office_file(folder / f"{stem}.xlsx", xlsx, when), write_office_file(folder / f"{stem}.docx", word, when)]


def pack_document(pack: LcapPack, plan: pd.DataFrame | None = None) -> Document:
    """The pack as a page: summary, issues, quick wins, gates and the local action plan."""
    plan = local_plan_rows(pack) if plan is None else plan
    wins = pack.quick_wins
    counts = wins["status"].value_counts()
    done = int(counts.get("Done", 0))
    summary = (f"On {_d(pack.as_of)}: {done} of {len(wins)} quick wins done, {int(counts.get('Overdue', 0))} overdue; "
               + ", ".join(f"{g.gate.what.split(':')[0]} {g.outcome.lower()}" for g in pack.gates) + ".")
    shown = wins.assign(raised=wins["raised"].map(_d), promised=wins["promised"].map(_d),
                        done=wins["done"].map(lambda d: _d(d) if isinstance(d, dt.date) else ""))
    sections = [
        Section("summary", join([heading("Where the plan is", 2, id="lcap-summary"), tag("p", summary),
                                 tag("p", pack.lcap.selection) if pack.lcap.selection else None])),
        Section("issues", join([heading("Priority issues of the area", 2, id="lcap-issues"),
                                table(_issues(pack), caption="Priority issues of the area and its members",
                                      columns={c: ISSUE_LABELS[c] for c in _issues(pack).columns},
                                      formats={"score": 2})
                                if len(pack.issues) else tag("p", "No priority issues were given for this area.")])),
        Section("quick-wins", join([heading("Quick wins", 2, id="quick-wins"),
                                    table(shown, caption="Quick wins register", row_header="issue",
                                          columns={"issue": "Issue", "action": "Action", "owner": "Owner",
                                                   "raised": "Raised", "promised": "Promised", "done": "Done",
                                                   "status": "Status", "days_taken": "Days taken"})
                                    if len(wins) else tag("p", "No quick wins are recorded.")])),
        Section("gates", join([heading("Gates", 2, id="lcap-gates"),
                               table(_gates(pack), caption="The LCAP's gates", row_header="gate",
                                     columns={"gate": "Gate", "planned": "Planned", "outcome": "Outcome",
                                              "decided": "Decided"})])),
        Section("plan", join([heading("Local action plan", 2, id="lcap-plan"),
                              table(plan, caption="Local action plan (Gloucester template columns)",
                                    row_header="Action") if len(plan) else
                              summary_list([], title=None)])),
    ]
    return Document(pack.lcap.name, tuple(sections))
