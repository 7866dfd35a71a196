"""Local Community Action Plans (LCAPs): the file of one area, candidate areas and the area's pack.

An LCAP file (named under ``lcap:`` in ``timetable.yml``; format in
``docs/timetable-format.md``) records one area's plan: the area, the day work began
(the ``lcap`` template is started on it, so its four gates fall where the production
model puts them), the gates' decisions and the stages' actual dates, a register of
quick wins and the local actions of its action plan.

:func:`rank_candidates` ranks the candidate areas by the gap analysis's priorities and,
when the project has a consultation, what residents raised there (:func:`residents_raised`,
from its published counts), with the reason in words (the selection record for Gate 1); :func:`build_pack` gathers one
area's issues, quick wins (Done, Due, Overdue, days taken), gates and plan rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap, load_yaml
from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.timetable.model import Timetable
from evidence.timetable.reader import DOC, _Reader, timetable_from_data
from evidence.timetable.status import GateState, StageState, stage_states
from evidence.timetable.templates import template_data

__all__ = ["ACTION_FIELDS", "LCAP_FIELDS", "QUICK_WIN_FIELDS", "Lcap", "LcapPack", "QuickWin", "build_pack",
           "lcap_summary", "lcap_timetable", "quick_win_table", "rank_candidates", "read_lcap_file", "residents_raised",
           "selection_record"]

LCAP_FIELDS = ("area", "name", "started", "selection", "actual", "decisions", "quick_wins", "actions")
QUICK_WIN_FIELDS = ("issue", "action", "owner", "raised", "promised", "done")
ACTION_FIELDS = ("action", "outcome", "tasks", "measures", "milestones", "timescale", "resources", "contact_officer",
                 "lead_partnership")
DECISION_FIELDS = ("gate", "body", "date", "outcome", "minute", "note")


@dataclass(frozen=True)
class QuickWin:
    """A quick win: the issue, the action, who owns it, and when it was raised, promised and done."""

    issue: str
    action: str
    owner: str
    raised: dt.date
    promised: dt.date
    done: dt.date | None = None

    def status(self, as_of: dt.date) -> str:
        """Done, Overdue (promised day passed) or Due."""
        if self.done is not None and self.done <= as_of:
            return "Done"
        return "Overdue" if self.promised < as_of else "Due"

    def days_taken(self, as_of: dt.date) -> int:
        """Days from raised to done (or to ``as_of`` while not done)."""
        end = self.done if self.done is not None and self.done <= as_of else as_of
        return (end - self.raised).days


@dataclass(frozen=True)
class Lcap:
    """One area's Local Community Action Plan file."""

    area: str
    name: str
    started: dt.date
    selection: str
    actual: dict
    decisions: tuple[dict, ...]
    quick_wins: tuple[QuickWin, ...]
    actions: tuple[dict, ...]
    file: str


def read_lcap_file(path: Path, problems: Problems, known: KnownNames | None = None) -> Lcap | None:
    """Read and check one LCAP file; every problem goes into ``problems`` (``None`` on errors)."""
    data = load_yaml(Path(path), problems, what="LCAP file", doc=DOC, top="LCAP fields")
    if data is None:
        return None
    before = len(problems.errors)
    r = _Reader(Path(path), problems)
    r.unknown_keys(data, LCAP_FIELDS, "top level")
    area = r.text(data, "area", "top level", required=True)
    if area and known is not None and known.areas is not None and area not in known.areas:
        r.error(f"Unknown area code '{area}'.{did_you_mean(area, sorted(known.areas))}",
                "Use a code from the lookup or a custom area of evidence.yml.", "top level", data, "area")
    started = r.day(data, "started", "top level", required=True)
    template = template_data("lcap", started or dt.date(2000, 1, 3))
    stage_ids = [s["id"] for s in template["stages"]]
    gate_ids = [g["id"] for g in template["gates"]]
    body_ids = {b["id"] for b in template["bodies"]}
    actual = {}
    raw_actual = data.get("actual") or {}
    if not isinstance(raw_actual, YamlMap):
        r.error("'actual' should map stage ids to their actual start and end.",
                "Write e.g. actual: {area_selection: {start: 2026-03-02, end: 2026-03-20}}.", "top level", data, "actual")
        raw_actual = {}
    for stage, dates in raw_actual.items():
        place = f"actual '{stage}'"
        if stage not in stage_ids:
            r.error(f"'{stage}' is not a stage of the LCAP template.{did_you_mean(stage, stage_ids)}",
                    f"Use one of: {', '.join(stage_ids)}.", "top level, actual", raw_actual, str(stage))
            continue
        if not isinstance(dates, YamlMap):
            r.error(f"Stage '{stage}' should give start and end.", "Write {start: YYYY-MM-DD, end: YYYY-MM-DD}.",
                    "top level, actual", raw_actual, str(stage))
            continue
        r.unknown_keys(dates, ("start", "end"), place)
        actual[stage] = (r.day(dates, "start", place), r.day(dates, "end", place))
    decisions = []
    for n, item in r.items(data, "decisions", "top level"):
        place = f"decision {n}"
        r.unknown_keys(item, DECISION_FIELDS, place)
        gate = r.text(item, "gate", place, required=True)
        if gate and gate not in gate_ids:
            r.error(f"'{gate}' is not a gate of the LCAP template.{did_you_mean(gate, gate_ids)}",
                    f"Use one of: {', '.join(gate_ids)}.", place, item, "gate")
        body, day, known_outcome = r.decision(item, body_ids, place)
        decisions.append({"gate": gate, "body": body, "date": day, "outcome": known_outcome,
                          "minute": r.text(item, "minute", place)})
    wins = []
    for n, item in r.items(data, "quick_wins", "top level"):
        place = f"quick win {n}"
        r.unknown_keys(item, QUICK_WIN_FIELDS, place)
        issue, action = r.text(item, "issue", place, required=True), r.text(item, "action", place, required=True)
        owner = r.text(item, "owner", place, required=True)
        raised = r.day(item, "raised", place, required=True)
        promised = r.day(item, "promised", place, required=True)
        done = r.day(item, "done", place)
        for key, day in (("promised", promised), ("done", done)):
            if raised and day and day < raised:
                r.error(f"Quick win '{issue}' is {key} on {day}, before it was raised ({raised}).",
                        f"Correct 'raised' or '{key}'.", place, item, key)
        if issue and action and owner and raised and promised:
            wins.append(QuickWin(issue, action, owner, raised, promised, done))
    actions = []
    for n, item in r.items(data, "actions", "top level"):
        place = f"action {n}"
        r.unknown_keys(item, ACTION_FIELDS, place)
        row = {key: (r.text(item, key, place, required=key == "action") if key not in ("tasks", "measures", "milestones")
                     else "; ".join(r.texts(item, key, place))) for key in ACTION_FIELDS}
        actions.append(row)
    if len(problems.errors) > before or not area or started is None:
        return None
    return Lcap(area, r.text(data, "name", "top level") or f"Local Community Action Plan: {area}", started,
                r.text(data, "selection", "top level"), actual, tuple(decisions), tuple(wins), tuple(actions),
                str(path))


def lcap_timetable(lcap: Lcap, problems: Problems | None = None) -> Timetable:
    """The ``lcap`` template started on the LCAP's start day, with its actual dates and decisions."""
    data = template_data("lcap", lcap.started)
    data["title"] = lcap.name
    for stage in data["stages"]:
        start, end = lcap.actual.get(stage["id"], (None, None))
        if start:
            stage["actual_start"] = start
        if end:
            stage["actual_end"] = end
    for gate in data["gates"]:
        gate["decisions"] = [{k: v for k, v in d.items() if k != "gate" and v}
                             for d in lcap.decisions if d["gate"] == gate["id"]]
    timetable = timetable_from_data(data, lcap.file, problems if problems is not None else Problems())
    assert timetable is not None, "the lcap template and a read LCAP file always make a valid timetable"
    return timetable


def lcap_summary(lcap: Lcap, as_of: dt.date) -> dict[str, str]:
    """One LCAP in words on ``as_of``, for the timetable page: ``plan``, ``area``, ``started``,
    ``stages`` (those in progress, overdue or due soon), ``gates`` and ``quick_wins`` (those
    raised by ``as_of``: done, overdue, due)."""
    stages, gates = stage_states(lcap_timetable(lcap), as_of)
    live = [f"{s.stage.name} ({s.status.lower()})" for s in stages if s.status in ("In progress", "Overdue",
                                                                                     "Due soon")]
    table = quick_win_table(lcap, as_of)
    raised = table[table["raised"] <= as_of]  # a quick win raised later is not counted yet
    wins, total = raised["status"].value_counts(), len(raised)
    return {"plan": lcap.name, "area": lcap.area, "started": f"{lcap.started.day} {lcap.started:%B %Y}",
            "stages": "; ".join(live) or ("Every stage completed" if all(s.status == "Completed" for s in stages)
                                          else "No stage under way"),
            "gates": "; ".join(f"{g.gate.what.split(':')[0].capitalize()}: {g.outcome.lower()}" for g in gates),
            "quick_wins": (f"{int(wins.get('Done', 0))} of {total} done, {int(wins.get('Overdue', 0))} overdue, "
                           f"{int(wins.get('Due', 0))} due") if total else
            ("None raised yet" if lcap.quick_wins else "None recorded")}


def quick_win_table(lcap: Lcap, as_of: dt.date) -> pd.DataFrame:
    """The quick-wins register: issue, action, owner, raised, promised, done, status, days taken."""
    rows = [{"issue": w.issue, "action": w.action, "owner": w.owner, "raised": w.raised, "promised": w.promised,
             "done": w.done, "status": w.status(as_of), "days_taken": w.days_taken(as_of)} for w in lcap.quick_wins]
    return pd.DataFrame(rows, columns=["issue", "action", "owner", "raised", "promised", "done", "status",
                                       "days_taken"])


def residents_raised(by_area: pd.DataFrame, theme_names: dict[str, str] | None = None,
                     questions: dict[str, str] | None = None) -> pd.DataFrame:
    """Per area, the theme its consultation respondents raised most, from the published counts.

    ``by_area`` is a consultation analysis's ``by_area`` table (``area_code``, ``theme``,
    ``count``, ``base``, ``share``, ``suppressed``; see
    :func:`evidence.consultation.project.analyse_project`): counts below the disclosure
    threshold are already blanked there and stay out. Returns ``area_code``, ``theme``
    (its name), ``count``, ``base``, ``share`` and ``question`` (its text from
    ``questions``, id -> text; "any" is any open question): the largest published share
    in the area over its questions (ties: the row listed first). Not modified.

    >>> t = pd.DataFrame({"area_code": ["W1", "W1", "W2"], "theme": ["bus", "crime", "bus"],
    ...                   "count": [30.0, None, 8.0], "base": [60, 60, 40], "share": [0.5, None, 0.2],
    ...                   "suppressed": [False, True, False]})
    >>> residents_raised(t, {"bus": "Buses"}).values.tolist()
    [['W1', 'Buses', 30, 60, 0.5, ''], ['W2', 'Buses', 8, 40, 0.2, '']]
    """
    names = dict(theme_names or {})
    columns = ["area_code", "theme", "count", "base", "share", "question"]
    texts = {"any": "any open question", **(questions or {})}
    shown = by_area[~by_area["suppressed"].astype(bool) & by_area["count"].notna() & (by_area["count"] > 0)]
    if shown.empty:
        return pd.DataFrame(columns=columns)
    shown = shown.assign(area_code=shown["area_code"].astype(str), order=range(len(shown)))
    best = shown.sort_values(["area_code", "share", "order"], ascending=[True, False, True], kind="stable")
    best = best.drop_duplicates("area_code")
    return pd.DataFrame({"area_code": best["area_code"], "theme": best["theme"].map(lambda t: names.get(t, str(t))),
                         "count": best["count"].astype(int), "base": best["base"].astype(int),
                         "share": best["share"].astype(float),
                         "question": best["question"].map(lambda q: texts.get(str(q), "")) if "question" in best
                         else ""}, columns=columns).reset_index(drop=True)


def rank_candidates(areas: pd.DataFrame, raised: pd.DataFrame | None = None, *, top: int | None = None) -> pd.DataFrame:
    """Candidate areas ranked by the gap analysis's priorities and what residents raised, with the reason in words.

    The gap analysis's mean priority score decides, at the two decimals the reason gives
    it; between areas level on it, the one where residents raised their most-raised
    theme more often (its published share of respondents) comes first, then more
    indicators Worse, then the area code.

    Parameters
    ----------
    areas
        One row per area as :func:`evidence.gaps.analysis.area_priorities` gives it
        (``area_code``, ``area_name``, ``score``, ``n_worse``, ``explanation``); not modified.
    raised
        Optional: what residents raised in the consultation, one row per area as
        :func:`residents_raised` gives it (published, suppressed counts only); named in
        the reason.
    top
        Keep only the first ``top`` areas.
    """
    frame = areas[["area_code", "area_name", "score", "n_worse", "explanation"]].copy()
    frame["area_code"] = frame["area_code"].astype(str)
    said = {}
    if raised is not None and len(raised):
        said = {str(r.area_code): r for r in raised.itertuples(index=False)}
    frame["shown_score"] = frame["score"].astype(float).round(2)
    frame["raised"] = frame["area_code"].map(lambda c: float(said[c].share) if c in said else 0.0)
    frame = frame.sort_values(["shown_score", "raised", "n_worse", "area_code"], ascending=[False, False, False, True],
                              kind="stable").reset_index(drop=True)
    frame["rank"] = range(1, len(frame) + 1)
    level = {score: list(group["area_name"].astype(str)) for score, group in frame.groupby("shown_score")}

    def reason(r) -> str:
        score = f"{r['shown_score']:.2f}"
        text = f"Ranked {r['rank']} of {len(frame)}: the gap analysis gives a mean priority score of {score} " \
               f"because {str(r['explanation']).rstrip('.')}."
        got = said.get(r["area_code"])
        if got is not None:
            theme = str(got.theme)[:1].lower() + str(got.theme)[1:]
            asked = f" answering “{got.question}”" if getattr(got, "question", "") else ""
            text += f" In the consultation, {got.count} of the {got.base} respondents here{asked} " \
                    f"({round(float(got.share) * 100):.0f}%) raised {theme}, the theme raised most here."
        elif said:
            text += " Too few respondents here to show what they raised in the consultation."
        others = [name for name in level[r["shown_score"]] if name != str(r["area_name"])]
        if said and others:
            text += f" Level on that score with {' and '.join(others)}: the area where residents raised their " \
                    "most-raised theme more often comes first."
        return text

    frame["reason"] = [reason(r) for _, r in frame.iterrows()] if len(frame) else pd.Series(dtype=str)
    frame = frame[["rank", "area_code", "area_name", "score", "n_worse", "raised", "reason"]]
    return frame.head(top) if top else frame


def selection_record(candidates: pd.DataFrame, chosen: list[str], gate: GateState | None = None) -> pd.DataFrame:
    """The record for Gate 1: each candidate, whether it was selected, why, and the gate's decision."""
    frame = candidates.copy()
    frame["selected"] = frame["area_code"].isin([str(c) for c in chosen]).map({True: "Selected", False: "Not selected"})
    decision = "Awaiting decision"
    if gate is not None:
        decision = gate.outcome + (f" ({gate.decided_on.day} {gate.decided_on:%B %Y})" if gate.decided_on else "")
    frame["gate_1"] = decision
    return frame[["rank", "area_code", "area_name", "selected", "reason", "gate_1"]]


@dataclass(frozen=True)
class LcapPack:
    """Everything the pack of one area holds, as of a day."""

    lcap: Lcap
    as_of: dt.date
    issues: pd.DataFrame
    quick_wins: pd.DataFrame
    stages: tuple[StageState, ...]
    gates: tuple[GateState, ...]
    plan: pd.DataFrame


def build_pack(lcap: Lcap, as_of: dt.date, issues: pd.DataFrame | None = None,
               members: Any = ()) -> LcapPack:
    """The pack of ``lcap``'s area on ``as_of``.

    ``issues`` are priority issues (rows of :func:`evidence.gaps.analysis.score_priorities`
    with ``area_code``); those of the area and of ``members`` (its wards or small areas)
    are kept, highest score first. The plan rows are the LCAP's local actions.
    """
    codes = {lcap.area, *map(str, members)}
    if issues is not None and len(issues):
        mine = issues[issues["area_code"].astype(str).isin(codes)]
        mine = mine.sort_values("score", ascending=False, kind="stable") if "score" in mine else mine
    else:
        mine = pd.DataFrame(columns=["area_code", "indicator_id", "score"])
    stages, gates = stage_states(lcap_timetable(lcap), as_of)
    plan = pd.DataFrame(list(lcap.actions), columns=list(ACTION_FIELDS))
    return LcapPack(lcap, as_of, mine.reset_index(drop=True), quick_win_table(lcap, as_of), tuple(stages),
                    tuple(gates), plan)
