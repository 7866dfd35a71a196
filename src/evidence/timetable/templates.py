"""Timetables transcribed from councils' own papers, to start a new one from.

=====================  ===========================================================
template               transcribed from
=====================  ===========================================================
``scs-stages-a-e``     Preparing the SCS 2011/2014: key activities and timetable (A–E)
``scs-stages-1-9``     Stages & timescales for SCS development (Stages 1–9, with the LAA)
``lsp-two-yearly``     LSP Executive, 21 May 2007: the full timetable, every two years
``lsp-annual``         the same paper's annual cycle: from the Assembly, without area forums
``lcap``               Local Community Action Plan production model: phases in weeks, 4 gates
``action-planning``    Gloucester Partnership action planning guidance: deadline and approval
=====================  ===========================================================

Stages keep the paper's own words in ``wording``; their dates come from ``after`` and
``weeks`` (the paper's time allocation, or the gap between its dates), so a timetable
started on another day keeps its shape. Where a paper gives dated meetings, the dates
move by the same number of days (or months, for "October") as the start.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from evidence.errors import EvidenceError, did_you_mean

__all__ = ["TEMPLATES", "dump_yaml", "new_timetable", "template_data"]

D = dt.date

# 000: Preparing the Sustainable Community Strategy 2011/2014, stages A–E --------------------
_A_E: dict[str, Any] = {
    "title": "Sustainable Community Strategy: key activities and timetable (stages A–E)",
    "seed_start": D(2010, 4, 1),
    "bodies": [("lsp", "Local Strategic Partnership (LSP Board)"), ("partners", "Each partner organisation"),
               ("area_committees", "Area Committees")],
    "stages": [
        {"id": "A", "name": "Agree the approach and timetable for the document's preparation", "phase": "Approach",
         "who": ["LSP"], "wording": "LSP to agree approach and structure in April.", "start": "START", "weeks": 4},
        {"id": "B", "name": "Review existing available evidence, talk to partnerships, refresh priorities and carry "
                            "out a gap analysis", "phase": "Evidence and gap analysis",
         "who": ["LSP", "Key partnerships", "Lead officers"],
         "tasks": ["Gather evidence about the existing issues from desk based research and prepare area profiles of "
                   "communities, as a starting point",
                   "Invite existing key partnerships and lead officers to contribute views on present and future issues",
                   "Set out the basis of stakeholder consultation", "Prepare a consultation document",
                   "Identify opportunities for joint consultation work, such as the LDF"],
         "wording": "Consultations with key partnerships to take place between May and June. Consultation draft "
                    "prepared in July. LSP to agree timetable and consultation draft in July.",
         "after": ["gate_A"], "weeks": "12-13", "produces": ["evidence base", "profiles", "gap analysis"]},
        {"id": "C", "name": "Consultations with stakeholders, beyond the key partnerships to CVS groups and "
                            "community influencers", "phase": "Consultation",
         "who": ["LSP", "Community and voluntary sector groups", "Area Committees", "Parish Councils",
                 "Neighbourhood panels"],
         "tasks": ["Circulate the consultation draft and area profiles, inviting responses",
                   "LSP Breakfast Stakeholder Event for community/voluntary sector groups",
                   "Area Committees set up workshops for local people to identify local priorities",
                   "Use existing groups, e.g. Parish Councils, Neighbourhood panels",
                   "Prepare findings of responses to consultations"],
         "wording": "Consultations with stakeholders to take place between August and October. LSP to consider "
                    "summary of findings in November.",
         "after": ["gate_B"], "weeks": "13-14", "consultation": True, "produces": ["consultation findings"]},
        {"id": "D", "name": "Consider the findings of consultations and decide the issues to include in the strategy",
         "phase": "Drafting", "who": ["LSP Board members"],
         "tasks": ["Take an overview of evidence about local need, existing and future planned activity",
                   "Choose the issues to include and identify where additional interventions are required",
                   "First draft strategy prepared in December", "Final draft strategy prepared in January"],
         "wording": "First draft strategy prepared in December. Final draft strategy prepared in January.",
         "after": ["gate_C"], "weeks": "14-15"},
        {"id": "E", "name": "Agree the final draft of the strategy, with developed responses to the issues",
         "phase": "Agreement", "who": ["LSP", "Each partner"],
         "tasks": ["Final draft strategy agreed by LSP in February",
                   "Strategy formally endorsed by each partner by April"],
         "wording": "Final draft strategy agreed by LSP in February. Strategy formally endorsed by each partner by "
                    "April.", "after": ["gate_D"], "weeks": "8-9"},
        {"id": "E_publish", "name": "Publish the strategy", "phase": "Agreement", "who": ["LSP"],
         "wording": "Strategy published in June.", "after": ["gate_E"], "weeks": "8-9", "produces": ["action plans"]},
    ],
    "gates": [
        {"id": "gate_A", "what": "Approach and structure of the strategy", "sign_off": ["lsp"], "after": ["A"],
         "wording": "April"},
        {"id": "gate_B", "what": "Timetable and consultation draft", "sign_off": ["lsp"], "after": ["B"],
         "wording": "July"},
        {"id": "gate_C", "what": "Summary of findings of the consultations", "sign_off": ["lsp"], "after": ["C"],
         "wording": "November"},
        {"id": "gate_D", "what": "Final draft strategy", "sign_off": ["lsp"], "after": ["D"], "wording": "February"},
        {"id": "gate_E", "what": "Strategy formally endorsed by each partner", "sign_off": ["partners"],
         "after": ["E"], "wording": "by April"},
    ],
}

# 001: Stages & timescales for SCS development (Stages 1–9) --------------------------------------
_1_9: dict[str, Any] = {
    "title": "Sustainable Community Strategy and LAA: stages and timescales (Stages 1–9)",
    "seed_start": D(2007, 7, 6),
    "bodies": [("theme_partnerships", "Theme Partnerships"), ("cross_cutting", "Cross Cutting Partnerships"),
               ("district_leaders", "District Leaders & Chief Executives"), ("district_lsps", "District LSPs"),
               ("lt_board", "Leicestershire Together Board"), ("ssog", "SSOG"),
               ("lcc_cabinet", "LCC Cabinet"), ("lt_forum", "LT Forum"), ("support_team", "LSP Support Team"),
               ("laa_leads", "LAA lead officers"), ("goem", "GOEM")],
    "stages": [
        {"id": "stage1", "name": "Completion of Evidence Base & Drafting of Priority Outcomes", "phase": "Evidence",
         "who": ["Theme Partnerships", "Cross Cutting Partnerships", "District Leaders & Chief Executives",
                 "District LSPs"],
         "tasks": ["Briefings at theme partnership/District LSP meetings on SCS/LAA process",
                   "Circulation of draft evidence base reports to theme/cross cutting leads",
                   "Comments on Evidence Base reports & emergence of 1st set of priority outcomes"],
         "wording": "Now – 28th September", "start": "START", "weeks": 12,
         "produces": ["evidence base", "profiles"]},
        {"id": "stage2", "name": "Wider partner consultation on emerging priorities/cross-cutting priorities",
         "phase": "Evidence",
         "who": ["All above", "Leicestershire Together Board and SSOG", "Key Partners", "LCC Chief Officers and Members",
                 "LT Forum"],
         "tasks": ["Complete Evidence Base reports circulated for wider partner consideration",
                   "Identification of cross-cutting issues/priorities"],
         "wording": "3rd October – 26th October", "after": ["stage1"], "weeks": 4, "produces": ["gap analysis"]},
        {"id": "stage3", "name": "First Draft of SCS", "phase": "Drafting", "who": ["LSP Support Team"],
         "tasks": ["Incorporate comments from theme & cross cutting partnerships, Board, SSOG etc",
                   "Finalise evidence base reports", "Pull together consultation draft of SCS"],
         "wording": "26th October – 9th November", "after": ["stage2"], "weeks": 2},
        {"id": "stage4", "name": "LAA Drafting and early negotiations with Government begin", "phase": "Drafting",
         "who": ["LSP Support Team", "LAA lead officers"],
         "tasks": ["LAA development to begin, starting with draft priorities in SCS",
                   "200 Indicator Set released October/November",
                   "Indicator set requires checking against SCS priorities"],
         "wording": "9th November Onwards", "after": ["stage3"], "weeks": "18-20"},
        {"id": "stage5", "name": "Public Consultation on draft SCS", "phase": "Consultation",
         "who": ["General Public", "All Partnerships & Districts", "LCC staff/Members"],
         "tasks": ["Open public consultation on draft SCS", "Sustainability/Rural/Equality Proofing exercises"],
         "wording": "12th November – 18th January (21st December where possible)", "after": ["draft_scs"],
         "weeks": 10, "consultation": True, "produces": ["consultation findings"]},
        {"id": "stage6", "name": "SCS and LAA Redraft", "phase": "Redraft",
         "who": ["LSP Support team", "LAA lead officers"],
         "tasks": ["Redraft of SCS and LAA priorities incorporating comments from public consultation",
                   "2nd LAA Draft submitted to GOEM with chosen indicators"],
         "wording": "18th January – 4th February", "after": ["stage5"], "weeks": "2-3"},
        {"id": "stage7", "name": "Redraft of SCS/LAA circulated to theme partnerships/Districts", "phase": "Redraft",
         "who": ["Theme partnership leads", "District Leaders and Chief Execs", "LT Board and SSOG members"],
         "tasks": ["Final check of priority outcomes and content of draft SCS and LAA",
                   "LAA negotiations around chosen indicators"],
         "wording": "4th February – 15th February", "after": ["stage6"], "weeks": "1-2"},
        {"id": "stage8", "name": "Drafting of final SCS and LAA", "phase": "Final strategy",
         "who": ["LSP Support team", "Theme partnership leads"],
         "tasks": ["Prepare final SCS/LAA for approval and sign off",
                   "Final Draft LAA submitted to GOEM with indicators and target figures"],
         "wording": "15th February – 21st March", "after": ["redraft"], "weeks": 5, "produces": ["action plans"]},
        {"id": "stage9", "name": "Sign-off", "phase": "Final strategy",
         "who": ["LT Board", "SSOG", "LCC Cabinet", "Theme Partnerships", "Other partners"],
         "tasks": ["Final SCS/LAA to appropriate partnership and LCC meetings for approval and sign-off",
                   "Owing to LAA negotiations on target figures, the LAA sign-off will happen after the SCS"],
         "wording": "2nd April – June", "after": ["stage8"], "weeks": "10-14"},
    ],
    "gates": [
        {"id": "draft_scs", "what": "Consultation draft of the SCS, for public consultation", "sign_off": ["lt_board"],
         "after": ["stage3"], "wording": "9th November"},
        {"id": "redraft", "what": "Redraft of the SCS/LAA: final check of priority outcomes",
         "sign_off": ["theme_partnerships", "district_leaders"], "after": ["stage7"], "wording": "15th February"},
        {"id": "final", "what": "Final SCS/LAA approval and sign-off",
         "sign_off": ["lt_board", "ssog", "lcc_cabinet", "theme_partnerships"], "after": ["stage9"],
         "wording": "2nd April – June"},
    ],
}

# 002: LSP Executive, 21 May 2007: proposals for revising the Community Plan ---------------------
_LSP_BODIES = [("chairs_officers", "LSP Chairs and Officers"), ("lsp_executive", "LSP Executive"),
               ("sbc_members", "SBC members"), ("sbc_executive", "SBC Executive"), ("assembly", "LSP Assembly"),
               ("area_forums", "Area forums"), ("thematic_partnerships", "Thematic partnerships")]
_LSP_MEETINGS = [
    ("chairs_officers", D(2007, 5, 15), "Discuss timetable and proposals", "15 May 2007", "", False),
    ("lsp_executive", D(2007, 5, 21), "Report on proposals", "21 May", "proposals", False),
    ("sbc_members", D(2007, 6, 6), "Briefing on LSP and Community Plan for SBC members", "6 June", "", False),
    ("sbc_executive", D(2007, 6, 11), "Report on proposals to SBC Executive", "11 June", "", False),
    ("lsp_executive", D(2007, 7, 17), "Agree outline of strategy structure and themes", "17 July", "outline", False),
    ("assembly", D(2007, 9, 17), "Assembly", "End September (possibly 17th)", "", True),
    ("lsp_executive", "2007-10", "LSP Executive team day", "Early October", "", True),
    ("lsp_executive", D(2007, 11, 19), "Approve the draft strategy and action plans", "19 November", "draft", True),
    ("lsp_executive", D(2008, 2, 4), "Approve the strategy and action plans", "4 February 2008", "final", True),
    ("sbc_executive", D(2008, 3, 4), "Approve the strategy", "4 March", "sbc", True),
]
_LSP_STAGES = [
    {"id": "area_forums", "name": "Consult at area forums", "phase": "Consultation", "who": ["Area forums"],
     "wording": "October/November", "start": "2007-10", "end": "2007-11", "consultation": True,
     "produces": ["consultation findings"], "annual": False},
    {"id": "assessments", "name": "Thematic partnerships complete strategic assessments to identify priorities and "
                                  "actions", "phase": "Strategic assessments", "who": ["Thematic partnerships"],
     "tasks": ["Include feedback from the Assembly and quality of life statistics"],
     "wording": "October/November", "start": "2007-10", "end": "2007-11", "produces": ["gap analysis"],
     "annual": True},
    {"id": "printers", "name": "Summary version sent to printers", "phase": "Publication",
     "tasks": ["Full version including action plan to be kept only in Word for ease of amendment"],
     "wording": "March", "start": "2008-03", "end": "2008-03", "after": [], "annual": True,
     "produces": ["action plans"]},
    {"id": "launch", "name": "Launch revised strategy and action plans", "phase": "Publication", "wording": "1 April",
     "start": D(2008, 4, 1), "end": D(2008, 4, 1), "annual": True},
]
_LSP_GATES = [
    {"id": "proposals", "what": "Proposals and timetable for revising the Community Plan",
     "sign_off": ["lsp_executive"], "date": D(2007, 5, 21), "wording": "21 May", "annual": False},
    {"id": "outline", "what": "Outline of strategy structure and themes", "sign_off": ["lsp_executive"],
     "date": D(2007, 7, 17), "wording": "17 July", "annual": False},
    {"id": "draft", "what": "Draft strategy and action plans", "sign_off": ["lsp_executive"], "after": ["assessments"],
     "date": D(2007, 11, 19), "wording": "19 November", "annual": True},
    {"id": "final", "what": "Strategy and action plans", "sign_off": ["lsp_executive"], "date": D(2008, 2, 4),
     "wording": "4 February 2008", "annual": True},
    {"id": "sbc", "what": "Strategy (by the council)", "sign_off": ["sbc_executive"], "date": D(2008, 3, 4),
     "wording": "4 March", "annual": True},
]


def _lsp(annual: bool) -> dict[str, Any]:
    keep = (lambda x: x) if not annual else (lambda items: [i for i in items if i.get("annual", True)])
    meetings = [{"body": b, "date": d, "decides": what, "wording": w, **({"gate": g} if g else {}), "annual": a}
                for b, d, what, w, g, a in _LSP_MEETINGS]
    return {
        "title": "Community Plan revision: " + ("annual cycle (from the Assembly; action plans updated)" if annual
                                                else "two-yearly cycle (the full timetable; targets updated)"),
        "seed_start": D(2007, 9, 17) if annual else D(2007, 5, 15),
        "bodies": _LSP_BODIES, "stages": keep(_LSP_STAGES), "gates": keep(_LSP_GATES), "meetings": keep(meetings),
    }


# 003: Local Community Action Plan production model ----------------------------------------------
_LCAP: dict[str, Any] = {
    "title": "Local Community Action Plan",
    "seed_start": None,
    "bodies": [("area_members", "Ward and Divisional (Area) Members"), ("executive", "Borough Council Executive"),
               ("clo", "Community Liaison Officer")],
    "stages": [
        {"id": "area_selection", "name": "Area Selection", "phase": "Initiation and Outreach",
         "who": ["Community Liaison Officer", "Borough and County Area Members"],
         "tasks": ["Induction for Borough and County Area Members",
                   "Community Liaison Officers provided with nominal geographic area: continue to ensure validity of "
                   "the area with community and service providers, to ensure 'meaningful communities'"],
         "wording": "3 weeks", "start": "START", "weeks": 3},
        {"id": "issues", "name": "Issue identification and prioritisation", "phase": "Initiation and Outreach",
         "who": ["Community Liaison Officer", "Patch workers", "Area Members", "Service Officers"],
         "tasks": ["Service Managers and the stakeholder list informed of the area selected",
                   "Formation of 'representative' network of contacts", "'Patch workers' engaged",
                   "Collection of data and intelligence to identify issues, through Area Members, Service Officers, "
                   "community and desk research"],
         "wording": "6 – 8 weeks", "after": ["gate1"], "weeks": "6-8", "produces": ["profiles", "gap analysis"]},
        {"id": "categorise", "name": "Categorise and synthesise issues with Area Members",
         "phase": "Initiation and Outreach", "who": ["Community Liaison Officer", "Area Members"],
         "wording": "2 weeks", "after": ["issues"], "weeks": 2},
        {"id": "quick_wins", "name": "Identification and implementation of Quick Wins", "phase": "Initiation and Outreach",
         "who": ["Community Liaison Officer", "Service Officers"], "wording": "alongside Gate 2 onwards",
         "after": ["gate2"], "weeks": "4-6"},
        {"id": "inform", "name": "Inform Service Officers and stakeholders; drill down to root causes",
         "phase": "Initiation and Outreach", "who": ["Community Liaison Officer", "Service Officers", "Patch workers"],
         "tasks": ["Inform Service Officers and stakeholder organisations of issues identified",
                   "Drill down to root cause(s) with community and patch workers",
                   "Confirmation of key issues and priorities with community"],
         "wording": "2 weeks", "after": ["gate2"], "weeks": 2, "consultation": False},
        {"id": "review", "name": "Review and analyse with Service Officers and Partner organisations",
         "phase": "Initiation and Outreach", "who": ["Service Officers", "Partner organisations"],
         "wording": "2 weeks", "after": ["inform"], "weeks": 2},
        {"id": "solutions", "name": "Solutions development (Local Community Action Plan and bid development)",
         "phase": "LCAP Development", "who": ["Community", "Service Officers/Partners", "Area Members"],
         "tasks": ["Appropriate solutions identified with community, Service Officers/Partners",
                   "Ongoing feedback to and dialogue with community and Members",
                   "Working up and testing feasibility of solutions with Service Officers/Partners, Area Members "
                   "and community"],
         "wording": "12 – 16 weeks", "after": ["review"], "weeks": "12-16"},
        {"id": "approvals", "name": "Local Community Action Plan and bid approvals", "phase": "LCAP Development",
         "who": ["Area Members", "Executive"], "tasks": ["Information fed into Corporate Planning process"],
         "wording": "6 weeks", "after": ["solutions"], "weeks": 6, "produces": ["action plans"]},
        {"id": "delivery_planning", "name": "Service planning/amendment to enable delivery", "phase": "Delivery planning",
         "who": ["Service Officers/Partners", "Community Liaison Team"],
         "tasks": ["Service Officers/Partners hold primary responsibility to refine and confirm actions",
                   "Hand-over support from Community Liaison Team available",
                   "Final consultation on LCAP for publication"],
         "after": ["gate3"], "weeks": "4-6", "consultation": False},
        {"id": "implementation", "name": "Implementation", "phase": "Implementation",
         "who": ["Departments", "Partners"], "after": ["gate4"]},
        {"id": "monitoring", "name": "Monitoring & Evaluation", "phase": "Monitoring and Evaluation",
         "who": ["Area Members", "Community Planning Officer", "Community Liaison Officer"],
         "tasks": ["Integration of monitoring into Corporate Performance Management system",
                   "Area Members undertake informal monitoring and evaluation",
                   "Community Planning Officer holds reactive monitoring role",
                   "Community Liaison Officer undertakes benefits monitoring"], "after": ["gate4"]},
    ],
    "gates": [
        {"id": "gate1", "what": "GATE 1: Agreement on selected areas", "sign_off": ["area_members"],
         "after": ["area_selection"]},
        {"id": "gate2", "what": "GATE 2: Categorise and synthesise issues with Area Members",
         "sign_off": ["area_members"], "after": ["categorise"]},
        {"id": "gate3", "what": "GATE 3: Area Members approval and sign-off; Executive approval and sign-off of "
                                "Draft LCAP", "sign_off": ["area_members", "executive"], "after": ["approvals"]},
        {"id": "gate4", "what": "GATE 4: LCAP Publication", "sign_off": ["area_members"],
         "after": ["delivery_planning"]},
    ],
}

# 004: Gloucester Partnership action planning guidance -------------------------------------------
_ACTION: dict[str, Any] = {
    "title": "Action planning by the Priority Action Groups",
    "seed_start": D(2010, 1, 1),
    "bodies": [("pags", "Priority Action Groups (PAGs)"), ("gp_executive", "Gloucester Partnership Executive")],
    "stages": [
        {"id": "action_planning", "name": "Action planning by PAGs", "phase": "Action planning",
         "who": ["Priority Action Groups"],
         "tasks": ["Carry out action planning in the group's own meetings using its preferred methods",
                   "Review the baseline for the high level outcome measure and set yearly targets"],
         "wording": "Jan-March; 31st March: deadline for completed action plans", "start": D(2010, 1, 1),
         "end": D(2010, 3, 31), "produces": ["action plans"]},
    ],
    "gates": [
        {"id": "approval", "what": "Approval of action plans by GP Executive", "sign_off": ["gp_executive"],
         "date": D(2010, 5, 21), "wording": "May 21st"},
    ],
    "meetings": [{"body": "gp_executive", "date": D(2010, 5, 21), "decides": "Approve the action plans",
                  "wording": "May 21st", "gate": "approval"}],
}

TEMPLATES: dict[str, Any] = {"scs-stages-a-e": _A_E, "scs-stages-1-9": _1_9, "lsp-two-yearly": None,
                             "lsp-annual": None, "lcap": _LCAP, "action-planning": _ACTION}


def _raw(name: str) -> dict[str, Any]:
    if name == "lsp-two-yearly":
        return _lsp(False)
    if name == "lsp-annual":
        return _lsp(True)
    return TEMPLATES[name]


def _shift(value: Any, seed: dt.date | None, start: dt.date) -> Any:
    """A date of the paper moved by as many days (a month: months) as the start moved."""
    if value == "START":
        return start
    if isinstance(value, dt.date) and seed is not None:
        return start + (value - seed)
    if isinstance(value, str) and len(value) == 7 and value[4] == "-" and seed is not None:
        months = int(value[:4]) * 12 + int(value[5:]) - 1 + (start.year - seed.year) * 12 + start.month - seed.month
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return value


def template_data(name: str, start: dt.date) -> dict[str, Any]:
    """The template ``name`` started on ``start``, as the mapping a ``timetable.yml`` holds.

    Raises :class:`~evidence.errors.EvidenceError` for an unknown name.
    """
    if name not in TEMPLATES:
        raise EvidenceError(f"Unknown template '{name}'.{did_you_mean(name, TEMPLATES)} "
                            f"Templates: {', '.join(TEMPLATES)}.")
    raw = _raw(name)
    seed = raw["seed_start"]

    def clean(item: dict) -> dict:
        out = {}
        for key, value in item.items():
            if key == "annual" or value in ([], None):
                continue
            out[key] = [_shift(v, seed, start) for v in value] if key in ("start", "end", "date") and \
                isinstance(value, list) else _shift(value, seed, start) if key in ("start", "end", "date") else value
        return out

    data: dict[str, Any] = {"title": raw["title"], "template": name, "issued": start,
                            "consultation_min_weeks": 12,
                            "bodies": [{"id": i, "name": n} for i, n in raw["bodies"]],
                            "stages": [clean(s) for s in raw["stages"]],
                            "gates": [clean(g) for g in raw["gates"]]}
    if raw.get("meetings"):
        data["meetings"] = [clean(m) for m in raw["meetings"]]
    return data


class _PlainDumper(yaml.SafeDumper):
    """Writes every value in full: no ``&id001`` anchors for a date used twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """YAML text of a timetable or LCAP mapping: keys in order, no anchors, long lines kept."""
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=110)


def new_timetable(name: str, start: dt.date) -> str:
    """The text of a new ``timetable.yml`` from template ``name`` started on ``start``."""
    data = template_data(name, start)
    head = (f"# Timetable started from the template '{name}' on {start.isoformat()} by `evidence timetable --new`.\n"
            "# Stages keep the paper's own words in 'wording'; record what really happens in actual_start,\n"
            "# actual_end and each gate's decisions. The format: docs/timetable-format.md\n")
    return head + dump_yaml(data)
