"""The consultation page as a :class:`~evidence.render.document.Document` of sections.

Built only from the published tables of a :class:`ConsultationAnalysis` (counts below
``min_count`` already blanked, quotes already redacted) with the escaping builder of
:mod:`evidence.render`, so an answer holding ``<script>`` can only ever appear as text.
Sections, in reading order: ``title`` (with the timetable's "where we are" banner when
one is given), ``summary``, ``who-responded``, ``closed``, ``themes``,
``themes-by-area`` (with a map when the areas' boundaries are given), ``quotes``,
``campaigns``, ``evidence-voice``, ``you-said``, ``method``, ``how-to-read`` and
``downloads``. A notebook (or the shared report-run recipe) displays them one per cell.
The page links only to the published downloads beside it, never to the team's coded
responses or review queue.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from evidence.consultation.postcodes import NOT_KNOWN
from evidence.render import callout, heading, summary_list, table
from evidence.render._html import Markup, join, tag
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


#: Download file -> what it is (the published files beside the page, in ``downloads``).
DOWNLOADS = {"consultation.xlsx": "Every published table (Excel workbook, a table per sheet, notes first)",
             "summary_of_findings.docx": "Summary of findings for the board (Word document)"}


def build_consultation_report(analysis: Any, *, shapes: Any = None, downloads: dict[str, str] | None = None,
                              banner: Markup | None = None, tiles: bool = False) -> Document:
    """The page's sections for ``analysis`` (a :class:`~evidence.consultation.ConsultationAnalysis`).

    Parameters
    ----------
    shapes
        Boundaries (``area_code``, ``area_name``, ``geometry``) of the areas respondents
        are counted in (wards): themes by area get a map. ``None``: tables only.
    downloads
        Label -> link (relative to the page) of each published download.
    banner
        The timetable's "where we are" line (:func:`evidence.timetable.page.banner`).
    tiles
        Map tiles from OpenStreetMap (``profiles.tiles``).

    Element ids are numbered afresh for each page (:func:`_stable_ids`), so the same
    analysis always gives the same bytes.
    """
    return _stable_ids(_build(analysis, shapes, downloads, banner, tiles))


_EV_ID = re.compile(r"\b(ev-[a-z]+-[0-9a-f]{6})-(\d+)\b")
_FOLIUM_ID = re.compile(r"(?<=_)([0-9a-f]{32})(?![0-9a-f])")


def _stable_ids(document: Document) -> Document:
    """The page with its element ids numbered in reading order.

    The render kit numbers ids with a counter that runs for the whole process and
    folium names map elements with random hex; both are replaced, consistently over the
    page, so that two runs (or two pages in one process) give identical bytes. Only ids
    are touched: the rest of the escaped HTML is kept as built.
    """
    ev: dict[str, str] = {}
    fol: dict[str, str] = {}

    def ev_sub(m: re.Match[str]) -> str:
        return ev.setdefault(m.group(0), f"{m.group(1)}-{len(ev) + 1}")

    def fol_sub(m: re.Match[str]) -> str:
        return fol.setdefault(m.group(1), f"{len(fol) + 1:032x}")

    sections = tuple(Section(s.id, Markup(_FOLIUM_ID.sub(fol_sub, _EV_ID.sub(ev_sub, str(s.html)))))
                     for s in document.sections)
    return Document(document.title, sections)


def _area_maps(a: Any, shapes: Any, names: dict[str, str], qtext: dict[str, str], tiles: bool) -> list[Any]:
    """A map of the share raising each of the three themes raised most, per ward, on the first open question."""
    import geopandas as gpd

    from evidence.render import choropleth

    wards = a.by_area[a.by_area["level"] != "neighbourhood"]
    if shapes is None or len(shapes) == 0 or wards.empty:
        return []
    question = str(a.themes["question"].iloc[0]) if len(a.themes) else str(wards["question"].iloc[0])
    overall = a.themes[a.themes["question"] == question].sort_values(["share", "theme"], ascending=[False, True],
                                                                     kind="stable", na_position="last")
    top = [t for t in overall["theme"] if t in set(wards["theme"])][:3]
    rows = wards[wards["question"] == question]
    parts: list[Any] = [tag("p", f"Each map shades the {len(shapes)} areas by the share of respondents answering "
                                 f"“{qtext.get(question, question)}” who raised the theme; grey areas had "
                                 "too few respondents to show. A table after each map gives the same figures.")]
    for i, theme in enumerate(top):
        got = rows[rows["theme"] == theme].set_index("area_code")["share"]
        frame = shapes[["area_code", "area_name", "geometry"]].copy()
        frame["value"] = frame["area_code"].astype(str).map(got).astype(float) * 100
        frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=shapes.crs).to_crs(4326)
        caption = f"{names.get(theme, theme)}: share of respondents raising it (%), by area"
        parts += [heading(names.get(theme, theme), 3, id=f"map-{theme}"),
                  choropleth(frame, caption=caption, unit="%", decimals=0, include_leaflet=i == 0, tiles=tiles)]
    return parts


def _downloads(downloads: dict[str, str] | None) -> Markup:
    parts = [heading("Downloads", 2, id="downloads")]
    if not downloads:
        return join(parts + [tag("p", "Run `evidence consult` on the project to write the workbook, the summary of "
                                      "findings and the published tables (CSV) beside this page.")])
    items = [tag("li", tag("a", label, href=href)) for label, href in downloads.items()]
    return join(parts + [tag("p", "The published figures of this page as files (counts below the threshold are "
                                  "blank, quotes are redacted):"), tag("ul", items)])


def _build(analysis: Any, shapes: Any, downloads: dict[str, str] | None, banner: Markup | None,
           tiles: bool) -> Document:
    a = analysis
    c = a.consultation
    names = c.frame.names()
    qtext = {q.id: q.text for q in c.settings.questions}
    note = (f"Fewer than {a.min_count} respondents: not shown (marked {DASH}); where such a count could be worked "
            "out from the others, one more is hidden.")
    title = tag("h1", c.settings.title)
    sections = [Section("title", join([title, banner]) if banner else title),
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
                                                  *_area_maps(a, shapes, names, qtext, tiles),
                                                  heading("By neighbourhood", 3, id="by-neighbourhood"),
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
    sections.append(Section("downloads", _downloads(downloads)))
    return Document(c.settings.title, tuple(sections))
