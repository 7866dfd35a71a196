"""The consultation page as a :class:`~evidence.render.document.Document` of sections.

Built only from the published tables of a :class:`ConsultationAnalysis` (counts below
``min_count`` already blanked, quotes already redacted) with the escaping builder of
:mod:`evidence.render`, so an answer holding ``<script>`` can only ever appear as text.
Sections, in reading order: ``title``, ``summary``, ``who-responded``, ``closed``,
``themes``, ``themes-by-area``, ``quotes``, ``campaigns``, ``evidence-voice``,
``you-said``, ``method`` and ``how-to-read``. A notebook (or the shared report-run
recipe) displays them one per cell.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from evidence.consultation.postcodes import NOT_KNOWN
from evidence.render import callout, heading, summary_list, table
from evidence.render._html import tag
from evidence.render.document import Document, Section

__all__ = ["build_consultation_report"]

DASH = "–"


def _pct(v: Any) -> str:
    return DASH if v is None or (isinstance(v, float) and math.isnan(v)) else f"{float(v):.0%}"


def _n(v: Any) -> str:
    return DASH if v is None or (isinstance(v, float) and math.isnan(v)) else f"{int(v):,}"


def _interval(r: Any) -> str:
    return DASH if pd.isna(r.share) else f"{r.lower:.0%} to {r.upper:.0%}"


def _tbl(frame: pd.DataFrame, caption: str, ident: str, note: str | None = None) -> Any:
    return table(frame, caption=caption, table_id=ident, note=note, numeric=[])


def build_consultation_report(analysis: Any) -> Document:
    """The page's sections for ``analysis`` (a :class:`~evidence.consultation.ConsultationAnalysis`)."""
    a = analysis
    c = a.consultation
    names = c.frame.names()
    qtext = {q.id: q.text for q in c.settings.questions}
    note = (f"Fewer than {a.min_count} respondents: not shown (marked {DASH}); where such a count could be worked "
            "out from the others, one more is hidden.")
    sections = [Section("title", tag("h1", c.settings.title)),
                Section("summary", summary_list(a.summary, title="Summary of findings"))]

    prof = a.profile
    parts: list[Any] = [heading("Who responded", 2, id="who-responded")]
    if len(prof):
        rows = pd.DataFrame({"Group": prof["group"], "Category": [a.area_names.get(x, x) for x in prof["category"]],
                             "Respondents": prof["respondents"].map(_n),
                             "Share of respondents": prof["respondent_share"].map(_pct),
                             "Share of residents": prof["resident_share"].map(_pct)})
        parts.append(tag("ul", [tag("li", s) for s in prof.loc[prof["group"] == "age", "sentence"]]))
        parts.append(_tbl(rows, "Respondents (individuals) against residents", "who-table", note))
        parts.append(tag("p", f"Weighted figures use raking weights on age and sex; the effective sample size is "
                              f"{a.effective_n:,.0f}."))
    else:
        parts.append(tag("p", "No population table was given, so respondents are not compared with residents."))
    sections.append(Section("who-responded", tag("section", parts)))

    cl = a.closed
    rows = pd.DataFrame({"Question": cl["question"].map(qtext), "Answer": cl["answer"], "Count": cl["count"].map(_n),
                         "Share": cl["share"].map(_pct), "95% interval": [_interval(r) for r in cl.itertuples()],
                         "Weighted share": cl["weighted_share"].map(_pct)})
    sections.append(Section("closed", tag("section", heading("Closed questions", 2, id="closed"),
                                          _tbl(rows, "Answers to the closed questions", "closed-table", note))))

    th = a.themes
    rows = pd.DataFrame({"Question": th["question"].map(qtext), "Theme": th["theme"].map(names),
                         "Respondents": th["count"].map(_n), "Share": th["share"].map(_pct),
                         "95% interval": [_interval(r) for r in th.itertuples()]})
    nt = a.notes
    events = pd.DataFrame({"Theme": nt["theme"].map(names), "Points made": nt["points"].map(_n),
                           "Events": nt["events"].map(_n)})
    sections.append(Section("themes", tag("section", heading("Themes per question", 2, id="themes"),
                                          _tbl(rows, "Respondents raising each theme", "themes-table", note),
                                          heading("At events", 3, id="events"),
                                          _tbl(events, "Points recorded at workshops and forums, by theme",
                                               "events-table"))))

    ba = a.by_area[(a.by_area["level"] == "neighbourhood") & (a.by_area["area_code"] != NOT_KNOWN)]
    rows = pd.DataFrame({"Area": ba["area_code"].map(lambda x: a.area_names.get(x, x)),
                         "Theme": ba["theme"].map(names), "Respondents": ba["count"].map(_n),
                         "Share": ba["share"].map(_pct)})
    sections.append(Section("themes-by-area", tag("section", heading("Themes by area", 2, id="themes-by-area"),
                                                  _tbl(rows, "Respondents raising each theme, by neighbourhood",
                                                       "area-table", note))))

    quotes = [heading("What people said", 2, id="quotes")]
    for theme, got in a.quotes.groupby("theme", sort=False):
        quotes.append(heading(names[theme], 3))
        quotes.extend(tag("blockquote", tag("p", q.quote), tag("footer", q.attribution)) for q in got.itertuples())
    sections.append(Section("quotes", tag("section", quotes)))

    camp = a.campaigns
    rows = pd.DataFrame({"Campaign": camp["campaign"], "Question": camp["question"].map(qtext),
                         "Submissions": camp["size"].map(_n), "Identical": camp["identical"].map(_n)})
    orgs = pd.DataFrame({"Organisation": a.organisations["organisation"],
                         "Type": a.organisations["respondent_type"], "Words": a.organisations["words"].map(_n),
                         "Themes": a.organisations["themes"].map(lambda s: ", ".join(names.get(t, t)
                                                                                     for t in s.split(";") if t))})
    sections.append(Section("campaigns", tag("section", heading("Campaigns and organisations", 2, id="campaigns"),
                                             tag("p", "Every submission is counted; each campaign's text was coded "
                                                      "once."),
                                             _tbl(rows, "Campaigns of identical or near-identical responses",
                                                  "campaign-table"),
                                             _tbl(orgs, "Organisations that responded", "org-table"))))

    v = a.voice
    rows = pd.DataFrame({"Area": v["area_code"].map(lambda x: "Whole area" if x == "all" else a.area_names.get(x, x)),
                         "Theme": v["theme"].map(names), "Raised by": v["raised_share"].map(_pct),
                         "Priority issues": v["issues"].map(_n), "Finding": v["finding"]})
    sections.append(Section("evidence-voice", tag("section", heading("What people said against what the evidence "
                                                                     "shows", 2, id="evidence-voice"),
                                                  _tbl(rows, "Evidence against voice, per theme and neighbourhood",
                                                       "voice-table"))))

    ys = c.you_said
    if ys is not None:
        rows = pd.DataFrame({"Theme": ys["theme"].map(names), "You said": ys["you_said"], "We did": ys["we_did"],
                             "Status": ys["status"], "Reason": ys["reason"].fillna("")})
        body = _tbl(rows, "You said, we did", "you-said-table")
    else:
        body = tag("p", "Not yet written.")
    sections.append(Section("you-said", tag("section", heading("You said, we did", 2, id="you-said"), body)))

    q = a.coding.quality
    rows = pd.DataFrame({"Theme": q["theme"].map(names), "Codes": q["positives"].map(_n),
                         "F1 (95% interval)": [DASH if pd.isna(r.f1) else f"{r.f1:.2f} ({r.f1_lower:.2f} to "
                                               f"{r.f1_upper:.2f})" for r in q.itertuples()],
                         "Precision": q["precision"].map(lambda x: DASH if pd.isna(x) else f"{x:.2f}"),
                         "Recall": q["recall"].map(lambda x: DASH if pd.isna(x) else f"{x:.2f}"),
                         "Model used": q["used"].map({True: "yes", False: "no"}), "Why not": q["why"]})
    ag = a.agreement
    kappa = ag.loc[ag["theme"] == "all themes", "kappa"]
    words = (f"Two coders coded {int(ag['items'].iloc[0])} answers; Cohen's kappa over all themes is "
             f"{float(kappa.iloc[0]):.2f}." if len(kappa) else "No answer was coded by two coders.")
    sections.append(Section("method", tag("section", heading("Method and quality", 2, id="method"),
                                          tag("p", "Themes come from the analysts' codes first, then the coding "
                                                   "frame's keyword rules, then a model trained on the analysts' "
                                                   "codes, used only for themes where it was accurate enough."),
                                          tag("p", words), _tbl(rows, "Model quality per theme", "quality-table"),
                                          tag("p", f"{len(a.coding.review):,} answers are in the review queue."))))
    sections.append(Section("how-to-read", callout(
        "How to read this page", "Shares are of the respondents who answered the question; the interval is the "
        "range the share would probably fall in if many similar groups of people had answered.",
        "A consultation hears from the people who chose to respond: compare who responded with who lives here "
        "before reading the shares as the view of the area.", note)))
    return Document(c.settings.title, tuple(sections))
