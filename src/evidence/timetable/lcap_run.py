"""``evidence lcap PROJECT --area CODE``: the pack of one Local Community Action Plan area.

The pack is a folder, ``<output>/lcap/<CODE>/``, holding:

* the area's profile, run for that one area through the profiles report
  (:data:`evidence.profiles.run.PROFILES`, as ``evidence profiles --areas CODE`` runs it);
* ``lcap_<CODE>.html``: the pack's page -- where the plan is, the priority issues of the
  area and its members, the quick-wins register, the LCAP's gates and a Gantt chart of its
  stages (the ``lcap`` template started on the file's ``started`` day), the local action plan and the area-selection
  record for Gate 1 (every candidate ranked by the gap analysis and, when the project has a consultation, what
  residents raised there, with the reason in words);
* ``lcap_<CODE>.xlsx`` and ``lcap_<CODE>.docx``: the local action plan in the Gloucester
  template, with the issues, quick wins and gates (:func:`evidence.timetable.lcap_pack.write_pack`);
* ``selection_<CODE>.csv``: the selection record (text cells safe for a spreadsheet);
* ``lcap_<CODE>.ics``: the LCAP's gates and deadlines for a calendar.

Bad input is a :class:`~evidence.problems.Problem`: an area code that is not in the
lookup or the custom areas (with did-you-mean), and an area with no LCAP file (the fix
says how to start one). Everything is computed from the published evidence.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.errors import DataError, did_you_mean
from evidence.problems import Problems

__all__ = ["LcapResult", "find_lcap", "pack_folder", "run_lcap"]


@dataclass(frozen=True)
class LcapResult:
    """What ``evidence lcap`` wrote: the files (the page last), the pack folder and a one-line summary."""

    outputs: list[Path] = field(default_factory=list)
    folder: Path | None = None
    summary: str = ""


def pack_folder(output: str | Path, area: str) -> Path:
    """``<output>/lcap/<area>``: where the pack of ``area`` is written."""
    return Path(output) / "lcap" / area


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def find_lcap(config: Any, timetable: Any, area: str, areas: dict[str, str], problems: Problems):
    """The LCAP file of ``area`` (read and checked), or ``None`` with the problem in ``problems``.

    ``areas`` maps every known area code to its name (lookup, custom areas).
    """
    from evidence.io.textfile import load_yaml, line_of
    from evidence.known import KnownNames
    from evidence.timetable.inputs import timetable_file
    from evidence.timetable.lcap import read_lcap_file
    from evidence.timetable.reader import DOC

    if area not in areas:
        problems.error(f"'{area}' (given with --area) is not an area code of the lookup or the custom areas."
                       f"{did_you_mean(area, sorted(areas))}",
                       "Give the code of the LCAP's ward or neighbourhood, as in the lookup or evidence.yml's custom "
                       "areas (the LCAP files of the timetable name theirs under 'area').",
                       file=_relative(config.lookup_path, config.root), place="option --area")
        return None
    path = timetable_file(config)
    known = KnownNames(areas={code: "" for code in areas})
    found = {}
    for name in timetable.lcaps:
        lcap = read_lcap_file(path.parent / name, Problems(config.root), known)  # validate has reported its problems
        if lcap is not None:
            found[lcap.area] = (name, lcap)
    if area in found:
        return found[area][1]
    data = load_yaml(path, Problems(config.root), what="timetable", doc=DOC)
    line = line_of(data, "lcap") if data is not None else None
    listed = "; ".join(f"{name} (area {code})" for code, (name, _) in sorted(found.items())) or "none"
    problems.error(f"No LCAP file is for area '{area}' ({areas[area]}): the files listed under 'lcap' are: {listed}.",
                   f"Start one: write lcap_{area}.yml in the project folder with 'area: {area}' and 'started: "
                   "YYYY-MM-DD' (the Monday work on the area began; the lcap template puts its four gates from "
                   "there; docs/timetable-format.md lists the other fields), add '- lcap_"
                   f"{area}.yml' under 'lcap:' in {path.name}, then run evidence validate.",
                   file=path.name, place="top level" + (f", line {line}" if line else ""), column="lcap")
    return None


def _members(eb: Any, area: str) -> list[str]:
    """The area's smaller areas (its LSOAs for a ward), whose issues are the area's too."""
    from evidence.gaps._frames import members

    small = eb.config.type_order[0] if eb.config.type_order else None
    if small is None:
        return []
    try:
        found = members(eb.areas, area, small)
    except DataError:  # a custom area: no ancestor column to find members by
        return []
    return [str(c) for c in found["area_code"] if str(c) != area]


def _candidates(analysis: Any, eb: Any) -> pd.DataFrame:
    """The gap analysis's ranked areas (their explanations without the rank they already say), ranked
    again with what residents raised when the project has a consultation (its published counts)."""
    from evidence.consultation.reader import consultation_file
    from evidence.timetable.lcap import rank_candidates, residents_raised

    areas = analysis.areas.copy()
    areas["explanation"] = areas["explanation"].astype(str).str.split(" because ", n=1).str[-1]
    raised = None
    if consultation_file(eb.config) is not None:
        from evidence.consultation.project import analyse_project

        consultation = analyse_project(eb, with_issues=False)
        questions = {q.id: q.text for q in consultation.consultation.settings.questions}
        raised = residents_raised(consultation.by_area, consultation.theme_names, questions)
    return rank_candidates(areas, raised)


def _frame_csv(frame: pd.DataFrame) -> bytes:
    from evidence.io.cells import csv_text

    buffer = io.StringIO()
    csv_text(frame).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _page(pack: Any, plan: pd.DataFrame, record: pd.DataFrame, links: dict[str, str], voice: bool = False):
    from evidence.render import heading, table
    from evidence.render._html import join, tag
    from evidence.render.document import Document, Section
    from evidence.timetable.gantt import gantt_chart
    from evidence.timetable.lcap import lcap_timetable
    from evidence.timetable.lcap_pack import pack_document

    doc = pack_document(pack, plan)
    lcap = pack.lcap
    gantt = Section("gantt", join([heading("The LCAP's stages and gates", 2, id="lcap-gantt"),
                                   gantt_chart(lcap_timetable(lcap), pack.as_of, (list(pack.stages),
                                                                                  list(pack.gates)))]))
    title = Section("title", join([tag("h1", lcap.name), tag("p", (
        f"The pack of area {lcap.area}: where its Local Community Action Plan is, the priority issues of the area, "
        "the quick wins, the gates, the local action plan and the record of how the area was selected."),
        class_="ev-lead")]))
    shown = record.rename(columns={"rank": "Rank", "area_code": "Area code", "area_name": "Area",
                                   "selected": "Selected", "reason": "Reason", "gate_1": "Gate 1"})
    selection = Section("selection", join([
        heading("Area selection (Gate 1)", 2, id="lcap-selection"),
        tag("p", lcap.selection) if lcap.selection else None,
        table(shown, caption="Candidate areas ranked by the gap analysis" + (" and what residents raised in the "
                                                                     "consultation" if voice else "") +
              ", with the reason", row_header="Area")]))
    items = [tag("li", tag("a", label, href=href), f" ({Path(href).name})") for label, href in links.items()]
    downloads = Section("downloads", join([heading("The pack's files", 2, id="lcap-downloads"), tag("ul", items)]))
    return Document(lcap.name, (title, *doc.sections[:4], gantt, *doc.sections[4:], selection, downloads))


def run_lcap(project: str | Path, area: str, *, output: str | Path = "areaprofiles", as_of: dt.date | None = None,
             progress: bool = False) -> LcapResult:
    """Write the pack of the LCAP of ``area`` into ``<output>/lcap/<area>/``.

    Raises
    ------
    OutputError
        ``output`` overlaps the project's inputs (nothing is written).
    ProjectError
        ``evidence.yml`` names no timetable.
    ValidationError
        The inputs have problems, ``area`` is not a known code, or no LCAP file is for it.
    """
    from evidence.builder import build
    from evidence.config import read_config
    from evidence.consultation.reader import consultation_file
    from evidence.evidence_base import load
    from evidence.gaps.analysis import analyse
    from evidence.io.atomic import atomic_write
    from evidence.outputs import guard_report_output
    from evidence.outcomes.issues import priority_issues
    from evidence.profiles.page import render_page
    from evidence.profiles.run import run_profiles
    from evidence.timetable.ical import write_ics
    from evidence.timetable.lcap import build_pack, lcap_timetable, selection_record
    from evidence.timetable.lcap_pack import local_plan_rows, write_pack
    from evidence.timetable.run import project_timetable

    day = as_of or dt.date.today()
    folder = pack_folder(output, area)
    guard_report_output(project, folder)
    config, problems = read_config(project)
    problems.raise_if_errors()
    timetable = project_timetable(config)
    build(project)  # validates every input; no-op when current
    eb = load(project, rebuild=False).published_evidence()
    names = dict(zip(eb.areas["area_code"].astype(str), eb.areas["area_name"].astype(str)))
    problems = Problems(config.root)
    lcap = find_lcap(config, timetable, area, names, problems)
    problems.raise_if_errors()
    assert lcap is not None
    profiles = run_profiles(project, areas=[area], output=folder, workers=1, progress=progress)
    profile = next(iter(sorted(folder.glob(f"*/{area}.html"))), None)
    members = _members(eb, area)
    issues = priority_issues(eb, area_types=tuple(dict.fromkeys(eb.areas["area_type"].astype(str))))
    pack = build_pack(lcap, day, issues, members)
    framework = None
    if (config.raw or {}).get("outcomes"):
        from evidence.outcomes.plan import framework_path
        from evidence.outcomes.reader import load_framework

        framework = load_framework(framework_path(eb), eb)
    plan = local_plan_rows(pack, framework, members)
    candidates = _candidates(analyse(eb), eb)
    gate1 = next((g for g in pack.gates if g.gate.id == "gate1"), None)
    record = selection_record(candidates, [area], gate1)
    written = write_pack(pack, folder, plan)
    written.append(atomic_write(folder / f"selection_{area}.csv", _frame_csv(record)))
    written.append(write_ics(lcap_timetable(lcap), folder / f"lcap_{area}.ics"))
    links = {f"Profile of {names[area]}": _relative(profile, folder)} if profile else {}
    links.update({"Local action plan, issues, quick wins and gates (Excel workbook)": written[0].name,
                  "Local action plan (Word document)": written[1].name,
                  "Area-selection record for Gate 1 (CSV)": written[2].name,
                  "The LCAP's stages and gates (iCalendar)": written[3].name})
    document = _page(pack, plan, record, links, consultation_file(config) is not None)
    page = atomic_write(folder / f"lcap_{area}.html", render_page(document).encode("utf-8"))
    if profiles.batch.failures:
        from evidence.errors import RunError
        from evidence.reports.recipe import failure_message
        from evidence.resources import report_notebook

        raise RunError(failure_message(f"The profile of {area} (the rest of the pack was written)",
                                       report_notebook("area_profile.ipynb"), profiles.batch.failures),
                       profiles.batch.failures)
    wins = pack.quick_wins["status"].value_counts()
    summary = (f"{lcap.name}, on {day.day} {day:%B %Y}: {int(wins.get('Done', 0))} of {len(pack.quick_wins)} quick "
               f"wins done, {int(wins.get('Overdue', 0))} overdue; " +
               "; ".join(f"{g.gate.id} {g.outcome.lower()}" for g in pack.gates) + ".")
    return LcapResult([*([profile] if profile else []), *written, page], folder, summary)
