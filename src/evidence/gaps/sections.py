"""The sections of the gap-analysis page, each an HTML fragment built with the rendering kit.

One function per section, each taking the :class:`~evidence.gaps.analysis.GapAnalysis`
and returning :class:`~markupsafe.Markup`: every name from the inputs is escaped by the
kit, and every judgement is given in words. The maps are in :mod:`evidence.gaps.report`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.deprivation_scale import fifth_names, scale_words
from evidence.gaps._frames import fmt
from evidence.gaps.analysis import GapAnalysis
from evidence.gaps.crosscutting import CORRELATION_CAVEAT
from evidence.gaps.missing_figures import not_aggregated_words
from evidence.render import callout, heading, summary_list, suppression_notice, table
from evidence.render._html import Markup, join, tag
from evidence.render.formatting import format_number
from evidence.render.judgement import JUDGEMENTS, judgement_badge

__all__ = ["coverage", "crosscutting", "downloads", "evidence_gaps", "how_to_read", "inequality", "performance",
           "priorities", "proofing", "summary", "title"]

TOP_N = 10
DOWNLOADS = {"gap_table.csv": "The gap table (every area and indicator, CSV)",
             "priority_list.csv": "The priority list (every ward and indicator, ranked, CSV)",
             "gap_analysis.xlsx": "The gap table and priorities as an Excel workbook (one sheet per theme)",
             "priority_areas.gpkg": "Priority areas as a GeoPackage, for a GIS"}


def _pct(x: float) -> str:
    return "-" if x is None or not np.isfinite(x) else f"{x:+.1f}%"


def _nums(frame: pd.DataFrame, decimals: dict[str, int]) -> pd.DataFrame:
    """Numbers as text with "-" for missing (the kit's hidden "no value" text would escape a scrolled table)."""
    return frame.assign(**{c: ["-" if v is None or not np.isfinite(v) else format_number(v, d)
                               for v in pd.to_numeric(frame[c]).to_numpy(dtype=float)] for c, d in decimals.items()})


def _scope(a: GapAnalysis) -> str:
    return f" ({a.theme_name} theme only)" if a.theme else ""


def _type_label(a: GapAnalysis, area_type: str) -> str:
    return a.eb.config.type_label(area_type)


def title(a: GapAnalysis) -> Markup:
    """The page title (the page's only ``<h1>``) and the lead paragraph."""
    text = f"Gap analysis: {a.focus_name}" + (f", {a.theme_name}" if a.theme else "")
    wards = _type_label(a, a.area_type)
    return join([tag("h1", text), tag("p", (
        f"Where {a.focus_name} and its {wards}s fall short{_scope(a)}: which issues stand out, for whom, where "
        f"existing activity does not reach, and what the evidence cannot yet show ({a.eb.config.name}). "
        f"Each {wards} is compared with {a.benchmark}; the judgements allow for the margin of error."),
        class_="ev-lead")])


def summary(a: GapAnalysis) -> Markup:
    """"What the evidence says": the main findings in plain words."""
    wards = _type_label(a, a.area_type)
    bullets = []
    top = a.areas[a.areas["n_worse"] > 0].head(3)
    if len(top):
        named = "; ".join(f"{r.area_name} ({r.n_worse} of {r.n_indicators} indicators significantly worse)"
                          for r in top.itertuples())
        bullets.append(f"The {wards}s with the most issues are {named}.")
    else:
        bullets.append(f"No {wards} is significantly worse than {a.benchmark} on any indicator.")
    if len(a.themes):
        t = a.themes.iloc[0]
        bullets.append(f"The highest-scoring issue is {t['theme_name']} in {t['area_name']}: "
                       f"{t['n_worse']} of {t['n_indicators']} indicators significantly worse.")
    n = len(a.worse_england)
    if n:
        bullets.append(f"{a.focus_name} as a whole is significantly worse than England on {n} indicator"
                       f"{'s' if n != 1 else ''}, most of all {a.worse_england['indicator_name'].iloc[0]}.")
    else:
        bullets.append(f"{a.focus_name} as a whole is not significantly worse than England on any indicator "
                       "that can be compared.")
    w = len(a.worsening)
    if w:
        bullets.append(f"{w} {wards} and indicator pair{'s are' if w != 1 else ' is'} both significantly worse "
                       f"than {a.benchmark} and getting worse.")
    else:
        bullets.append(f"No {wards} is both significantly worse than {a.benchmark} and getting worse on any "
                       "indicator.")
    if a.fifth_gaps is not None:
        worse = a.fifth_gaps[a.fifth_gaps["bad_gap"] > 0]
        fifth, where = _fifth_scale(a)
        judged = f"{len(worse)} of {int(a.fifth_gaps['bad_gap'].notna().sum())} indicators that can be judged"
        if a.eb.config.deprivation_scale.national:
            bullets.append(f"{a.focus_name}'s neighbourhoods among the most deprived 20% {where} do worse than "
                           f"those among the least deprived 20% on {judged}.")
        else:
            bullets.append(f"The most deprived fifth {where} does worse than the least deprived fifth on {judged}.")
    if a.coverage is not None:
        open_ = a.coverage[~a.coverage["covered"]]
        status = a.unsupported["status"]
        n_shown, n_missing = int((status == "not shown").sum()), int((status == "evidence missing").sum())
        bullets.append(f"{len(open_)} of {len(a.coverage)} significantly worse {wards} issues have no existing "
                       f"activity addressing them; {n_shown} activit"
                       f"{'ies address' if n_shown != 1 else 'y addresses'} issues the "
                       "evidence does not show as a problem"
                       + (f", and {n_missing} cannot be judged because values are missing (an evidence gap)."
                          if n_missing else "."))
    if len(a.multi_theme):
        bullets.append(f"{len(a.multi_theme)} {wards}{'s have' if len(a.multi_theme) != 1 else ' has'} problems in "
                       "two or more themes: issues no single theme group owns.")
    if len(a.evidence):
        bullets.append(f"The evidence itself has {len(a.evidence)} gaps (thin themes, old data, no small-area "
                       "data, or many missing values): see Evidence gaps.")
    return summary_list(bullets, title="What the evidence says")


def _weights_words(a: GapAnalysis) -> str:
    from evidence.gaps.priority import DEFAULT_WEIGHTS

    weights = dict(DEFAULT_WEIGHTS)
    given = a.eb.config.priority_settings.get("weights")
    if given:
        weights = {k: float(given.get(k, 0.0)) for k in DEFAULT_WEIGHTS}
    if "c_voice" in a.scores.columns:  # what people said, when asked for and a consultation exists
        weights["voice"] = float(given.get("voice", 0.0))
    total = sum(weights.values()) or 1.0
    parts = {"significance": "being significantly worse", "gap": "the size of the gap",
             "trend": "getting worse", "population": "the number of people",
             "voice": "the share of consultation respondents who raised it"}
    cap = a.eb.config.priority_settings.get("gap_cap", 50)
    return ("Each issue gets a score from 0 to 1: " + ", ".join(
        f"{parts[k]} counts for {100 * w / total:.0f}%" for k, w in weights.items()) +
        f". A gap of {cap}% or more in the worse direction counts in full. The score is a way to sort the list "
        "for discussion; the reasons given with each rank matter more than small differences in score.")


def priorities(a: GapAnalysis) -> Markup:
    """Priority issues: the top areas, area x theme and area x indicator issues, each explained."""
    wards = _type_label(a, a.area_type)
    n = TOP_N
    parts = [heading("Priority issues", 2, id="priority-issues"), tag("p", _weights_words(a))]
    if a.scores.empty:
        return join(parts + [tag("p", f"There are no {wards} figures to rank.")])
    parts += [heading(f"{wards.capitalize()}s ranked by their issues", 3),
              tag("ol", [tag("li", e) for e in a.areas["explanation"].head(n)], class_="ev-ranked")]
    top = a.themes.head(n)
    parts += [heading(f"Top {len(top)} issues by {wards} and theme", 3),
              tag("ol", [tag("li", e) for e in top["explanation"]], class_="ev-ranked"),
              table(top, caption=f"Top {len(top)} {wards} and theme issues, highest score first",
                    columns={"rank": "Rank", "area_name": wards.capitalize(), "theme_name": "Theme",
                             "n_worse": "Significantly worse", "n_worsening": "Getting worse",
                             "n_indicators": "Indicators", "score": "Score"},
                    row_header="area_name", formats={"score": 2, "rank": 0})]
    issues = a.scores.head(n)
    frame = _gap_rows(issues)
    parts += [heading(f"Top {len(issues)} single issues", 3),
              table(frame, caption=f"Top {len(issues)} {wards} and indicator issues, with why each is ranked",
                    columns={"rank": "Rank", "area_name": wards.capitalize(), "indicator_name": "Indicator",
                             "value_s": "Value", "bench_s": a.benchmark, "gap_s": "Gap, worse direction",
                             "judgement": f"Compared with {a.benchmark}", "explanation": "Why"},
                    row_header="area_name", formats={"rank": 0}, numeric=["value_s", "bench_s", "gap_s"])]
    return join(parts)


def _gap_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(value_s=[fmt(v) for v in frame["value"]],
                        bench_s=[fmt(v) for v in frame["comparator_value"]],
                        gap_s=[_pct(v) for v in frame["bad_gap_pct"]])


def performance(a: GapAnalysis) -> Markup:
    """Performance gaps: the focus area against England, and worse-and-worsening areas."""
    wards = _type_label(a, a.area_type)
    parts = [heading("Performance gaps", 2, id="performance-gaps"),
             heading(f"Where {a.focus_name} as a whole is worse than England", 3)]
    if len(a.worse_england):
        parts += [summary_list(a.worse_england["text"].tolist()),
                  table(_gap_rows(a.worse_england), caption=f"Indicators on which {a.focus_name} is significantly "
                        "worse than England, largest gap first",
                        columns={"indicator_name": "Indicator", "period": "Period", "value_s": a.focus_name,
                                 "bench_s": "England", "gap_s": "Gap, worse direction"},
                        row_header="indicator_name", numeric=["value_s", "bench_s", "gap_s"])]
    else:
        parts.append(tag("p", a.notes.get("england") or
                         f"{a.focus_name} is not significantly worse than England on any indicator."))
    parts.append(heading(f"Worse and worsening: {wards}s significantly worse than {a.benchmark} and getting worse", 3))
    rows = a.worsening
    if len(rows):
        parts += [tag("p", f"{len(rows)} {wards} and indicator pairs are both significantly worse than "
                           f"{a.benchmark} and getting worse: these need attention first."),
                  table(_gap_rows(rows), caption=f"Worse and worsening {wards}s, largest gap first",
                        columns={"area_name": wards.capitalize(), "indicator_name": "Indicator", "period": "Period",
                                 "value_s": "Value", "bench_s": a.benchmark, "gap_s": "Gap, worse direction",
                                 "trend": "Recent trend"},
                        row_header="area_name", numeric=["value_s", "bench_s", "gap_s"])]
    else:
        parts.append(tag("p", f"No {wards} is both significantly worse than {a.benchmark} and getting worse."))
    if a.n_suppressed:
        parts.append(suppression_notice(a.eb.config.min_count, a.n_suppressed))
    return join(parts)


def _fifth_scale(a: GapAnalysis) -> tuple[str, str]:
    """("fifth" or "20%", the words that say the scale) for sentences about deprivation fifths."""
    config = a.eb.config
    scale = config.deprivation_scale
    return ("20%" if scale.national else "fifth"), scale_words(scale, a.focus_name, config.england_name)


def _scale_source(a: GapAnalysis) -> str:
    config = a.eb.config
    scale = config.deprivation_scale
    kind = {"national_decile": "deciles 1 and 2 are the most deprived 20%",
            "national_rank": f"ranks 1 to {scale.ranked} in {config.england_name}, 1 the most deprived",
            "national_score": "scores against the national cut points"}.get(scale.kind, "")
    label = a.eb.indicators.set_index("id")["name"].get(config.deprivation_indicator, config.deprivation_indicator)
    return f"{label}: {kind}"


def inequality(a: GapAnalysis) -> Markup:
    """Inequality inside the focus area: ward range, deprivation fifths gap, SII, in words."""
    wards = _type_label(a, a.area_type)
    parts = [heading(f"Inequality inside {a.focus_name}", 2, id="inequality"),
             heading(f"Best and worst {wards}", 3)]
    ranges = a.ranges.sort_values("ratio", ascending=False, na_position="last")
    if len(ranges):
        parts += [tag("p", f"For each indicator, the {wards} with the worst and the best value. The largest "
                           "relative ranges:"),
                  summary_list(ranges["text"].head(5).tolist()),
                  table(_nums(ranges, {"worst_value": 1, "best_value": 1, "range": 1}),
                        caption=f"Range between the worst and best {wards} per indicator",
                        columns={"indicator_name": "Indicator", "worst_name": f"Worst {wards}",
                                 "worst_value": "Worst value", "best_name": f"Best {wards}",
                                 "best_value": "Best value", "range": "Range", "n_areas": f"{wards.capitalize()}s"},
                        row_header="indicator_name", numeric=["worst_value", "best_value", "range", "n_areas"])]
    else:
        parts.append(tag("p", f"There are no {wards} values to compare."))
    parts.append(heading("Gap between the most and least deprived neighbourhoods", 3))
    if a.fifth_gaps is None:
        parts.append(tag("p", a.notes["deprivation"]))
        return join(parts)
    fifth = a.fifth_gaps.assign(_abs=a.fifth_gaps["bad_gap"].abs()).sort_values("_abs", ascending=False,
                                                                                   na_position="last")
    judged = fifth[fifth["bad_gap"].notna()]
    word, where = _fifth_scale(a)
    names = fifth_names(a.eb.config.deprivation_scale, a.focus_name, a.eb.config.england_name)
    if a.eb.config.deprivation_scale.national:
        how = (f"Neighbourhoods are grouped by their national deprivation fifth ({_scale_source(a)}): the most "
               f"deprived 20% {where} are {a.focus_name}'s neighbourhoods among the most deprived 20% of all "
               f"neighbourhoods {where}, so the groups need not be of equal size. The largest gaps:")
    else:
        how = (f"Neighbourhoods (small areas) of {a.focus_name} are ranked by deprivation within {a.focus_name} and "
               "split into five groups of equal size (local fifths, not the national ones). The largest gaps "
               "between the most and least deprived fifth:")
    parts += [tag("p", how),
              summary_list(judged["text"].head(5).tolist()),
              table(_nums(fifth, {"most_deprived": 1, "least_deprived": 1, "gap": 1}).assign(
                        side=["Worse" if b > 0 else "Better" if b < 0 else "-" for b in fifth["bad_gap"]]),
                    caption=(f"{a.focus_name}'s neighbourhoods among the most against the least deprived 20% "
                             f"{where}, per indicator" if a.eb.config.deprivation_scale.national else
                             f"Most against least deprived fifth {where}, per indicator"),
                    columns={"indicator_name": "Indicator", "most_deprived": names[1],
                             "least_deprived": names[5], "gap": "Gap", "side":
                             f"{names[1]} is", "method": "Method"}, row_header="indicator_name",
                    numeric=["most_deprived", "least_deprived", "gap"])]
    notes = [" ".join(n for n in (note, rii) if n) or "-"
             for note, rii in zip(a.sii["note"], a.sii.get("rii_note", pd.Series("", index=a.sii.index)))]
    sii = a.sii.assign(_abs=a.sii["sii"].abs(), note=notes)
    sii = sii.sort_values("_abs", ascending=False, na_position="last")
    parts += [heading("Slope index of inequality (SII)", 3),
              tag("p", "The slope index of inequality models the gap across every neighbourhood, not just the two "
                       "ends: it is the difference between the least and the most deprived end of a line fitted "
                       "through all neighbourhoods, weighted by population (the method used by OHID). A negative "
                       "value means the least deprived end is lower."),
              summary_list(sii[sii["sii"].notna()]["text"].head(5).tolist()),
              table(_nums(sii, {"sii": 1, "rii": 2, "most_deprived_end": 1, "least_deprived_end": 1}),
                    caption="Slope and relative index of inequality across neighbourhoods, per indicator",
                    columns={"indicator_name": "Indicator", "sii": "SII", "rii": "RII",
                             "most_deprived_end": "Most deprived end", "least_deprived_end": "Least deprived end",
                             "n_areas": "Neighbourhoods", "note": "Note"},
                    row_header="indicator_name",
                    numeric=["sii", "rii", "most_deprived_end", "least_deprived_end", "n_areas"])]
    return join(parts)


def coverage(a: GapAnalysis) -> Markup:
    """Coverage gaps: issues no existing activity addresses, and activities without evidence."""
    wards = _type_label(a, a.area_type)
    parts = [heading("Coverage: where existing activity does and does not reach", 2, id="coverage")]
    if a.coverage is None:
        return join(parts + [tag("p", a.notes["coverage"])])
    year = a.notes.get("coverage_year")
    open_ = a.coverage[~a.coverage["covered"]]
    parts += [tag("p", f"Each significantly worse {wards} issue is matched with the activity register: an activity "
                       f"covers an issue when it names the indicator (or its theme) and the {wards} or an area "
                       f"containing it, and runs in {year}."),
              heading("Priority issues with no existing activity", 3)]
    if len(open_):
        by_ind = open_.groupby("indicator_name", sort=False)["area_name"].agg(lambda s: ", ".join(s))
        parts += [summary_list([f"{i}: no activity in {areas}." for i, areas in by_ind.head(8).items()]),
                  table(open_, caption=f"Significantly worse {wards} issues with no existing activity, by priority",
                        columns={"rank": "Rank", "area_name": wards.capitalize(), "indicator_name": "Indicator",
                                 "theme": "Theme id", "judgement": f"Compared with {a.benchmark}",
                                 "trend": "Recent trend"},
                        row_header="area_name", formats={"rank": 0})]
    else:
        parts.append(tag("p", "Every significantly worse issue has at least one existing activity."))
    covered = a.coverage[a.coverage["covered"]]
    if len(covered):
        parts.append(table(covered, caption=f"Significantly worse {wards} issues and the activities addressing them",
                           columns={"rank": "Rank", "area_name": wards.capitalize(), "indicator_name": "Indicator",
                                    "activities": "Existing activities"}, row_header="area_name",
                           formats={"rank": 0}))
    parts.append(heading("Activities addressing issues the evidence does not show as a problem", 3))
    unsupported = a.unsupported[a.unsupported["status"] == "not shown"]
    if len(unsupported):
        parts.append(summary_list(unsupported["text"].tolist()))
    else:
        parts.append(tag("p", "No current activity addresses only issues the evidence shows are not a problem."))
    unjudged = a.unsupported[a.unsupported["status"] == "evidence missing"]
    if len(unjudged):
        parts.append(heading("Activities the evidence cannot judge (values missing: an evidence gap)", 3))
        parts.append(summary_list(unjudged["text"].tolist()))
    ended = a.unsupported[a.unsupported["status"] == "not running"]
    if len(ended):
        parts.append(heading("Activities that are not current", 3))
        parts.append(summary_list(ended["text"].tolist()))
    register = a.unsupported.assign(
        aims=["; ".join(r.indicators or r.themes) for r in a.unsupported.itertuples()],
        where=["; ".join(r.areas) for r in a.unsupported.itertuples()],
        years=[f"{r.start if pd.notna(r.start) else '?'} to {r.end if pd.notna(r.end) else 'open'}"
               for r in a.unsupported.itertuples()],
        shown=[{"evidenced": "Yes", "not shown": "No", "evidence missing": "Cannot tell: values missing",
                "not running": "Not current"}[s] for s in a.unsupported["status"]])
    parts.append(table(register, caption="The activity register and whether the evidence supports each activity",
                       columns={"activity": "Activity", "lead_partnership": "Lead partnership", "aims": "Aims to move",
                                "where": "Areas", "years": "Years", "worse_count": "Significantly worse values",
                                "shown": "Supported by the evidence"}, row_header="activity"))
    return join(parts)


def crosscutting(a: GapAnalysis) -> Markup:
    """Cross-cutting issues: areas with problems in several themes; indicators that move together."""
    wards = _type_label(a, a.area_type)
    parts = [heading("Cross-cutting issues", 2, id="cross-cutting"),
             heading(f"{wards.capitalize()}s with problems in several themes", 3)]
    if len(a.multi_theme):
        parts += [summary_list(a.multi_theme["text"].head(8).tolist()),
                  table(a.multi_theme, caption=f"{wards.capitalize()}s significantly worse in two or more themes",
                        columns={"area_name": wards.capitalize(), "n_themes": "Themes", "themes": "Which themes",
                                 "n_worse": "Significantly worse indicators"}, row_header="area_name")]
    else:
        parts.append(tag("p", f"No {wards} is significantly worse in more than one theme."))
    parts.append(heading("Indicators that move together", 3))
    corr = a.correlated
    if len(corr):
        names = dict(zip(a.eb.indicators["id"].astype(str), a.eb.indicators["name"].astype(str)))
        frame = corr.assign(a_name=corr["indicator_a"].map(names), b_name=corr["indicator_b"].map(names),
                            how=["Together" if r > 0 else "Opposite" for r in corr["rho"]])
        parts += [summary_list(corr["text"].head(5).tolist()),
                  table(frame.head(20), caption=f"Pairs of indicators that move together across {wards}s "
                        "(strongest 20)", columns={"a_name": "Indicator", "b_name": "With", "how": "Direction",
                                                   "rho": "Spearman's rho", "n_areas": f"{wards.capitalize()}s"},
                        row_header="a_name", formats={"rho": 2})]
    else:
        parts.append(tag("p", f"No pair of indicators moves together strongly across the {wards}s."))
    parts.append(callout("Correlation is not cause", CORRELATION_CAVEAT, level=3))
    return join(parts)


def evidence_gaps(a: GapAnalysis) -> Markup:
    """Evidence gaps: where the data cannot yet tell the board enough."""
    parts = [heading("Evidence gaps", 2, id="evidence-gaps")]
    not_aggregated = not_aggregated_words(a)
    if a.evidence.empty and not not_aggregated:
        return join(parts + [tag("p", "No gaps were found in the evidence.")])
    for kind, title_ in (("few indicators", "Themes with few indicators"), ("out of date", "Out-of-date data"),
                         ("no small-area data", "No data for small areas"),
                         ("missing or suppressed", "Many missing or suppressed values")):
        rows = a.evidence[a.evidence["kind"] == kind]
        if len(rows):
            parts += [heading(title_, 3), summary_list(rows["text"].tolist())]
    if not_aggregated:
        parts += [heading("Figures that could not be aggregated", 3),
                  tag("p", "These areas have no figure because a member area lacks the counts needed to add it up. "
                           "They are missing evidence, not areas without need; where the main comparator has no "
                           "figure, areas are judged against the next comparator."),
                  summary_list(not_aggregated)]
    return join(parts)


def _proof_table(frame: pd.DataFrame, a: GapAnalysis, what: str) -> Markup:
    frame = frame.assign(theme_name=frame["theme"].map(a.theme_names).fillna(frame["theme"]),
                         share=[f"{s:.0f}%" for s in frame["share_worse"]],
                         gap=[_pct(v) for v in frame["mean_bad_gap_pct"]])
    return table(frame, caption=f"Share of neighbourhood values significantly worse than {a.benchmark}, by theme "
                                f"and {what}",
                 columns={"theme_name": "Theme", "group": what.capitalize(), "n_areas": "Values compared",
                          "n_worse": "Significantly worse", "share": "Share worse", "gap": "Mean gap, worse direction"},
                 row_header="theme_name", numeric=["share", "gap"])


def _proof_words(frame: pd.DataFrame, a: GapAnalysis, *, places: bool = True) -> list[str]:
    """One sentence per theme; ``places`` for kinds of place ("in rural areas"), else deprivation
    fifths, named with their scale ("in the most deprived 20% in England")."""
    def lower(group) -> str:
        return str(group)[:1].lower() + str(group)[1:]

    def where(group) -> str:
        if places:
            return f"in {lower(group)} areas"
        scale = a.eb.config.deprivation_scale
        return f"in the {lower(group)}" + ("" if scale.national else f" {_fifth_scale(a)[1]}")

    out = []
    for theme, rows in frame.groupby("theme", sort=False):
        rows = rows[(rows["group"] != "Not classified") & (rows["n_areas"] > 0) & rows["share_worse"].notna()]
        if rows["group"].nunique() < 2:
            continue  # one kind of place: nothing to compare it with
        name = a.theme_names.get(theme, theme)
        hi, lo = rows.loc[rows["share_worse"].idxmax()], rows.loc[rows["share_worse"].idxmin()]
        if round(float(hi["share_worse"])) == round(float(lo["share_worse"])):
            # equal shares (0% everywhere, say): no group against itself, and no difference to claim
            out.append(f"{name}: the same share of values is significantly worse in every group "
                       f"({', '.join(lower(g) for g in rows['group'])}): {hi['share_worse']:.0f}%.")
            continue
        out.append(f"{name}: {hi['share_worse']:.0f}% of values significantly worse {where(hi['group'])} "
                   f"against {lo['share_worse']:.0f}% {where(lo['group'])}.")
    return out


def proofing(a: GapAnalysis) -> Markup:
    """Rural and deprivation proofing: the main findings split by kind of place."""
    parts = [heading("Proofing: rural and urban areas, and deprivation", 2, id="proofing"),
             tag("p", "The main findings, split by kind of neighbourhood, so that the board can check the strategy "
                      "for rural and equality impact. A theme where one kind of place has a much larger share of "
                      "significantly worse values needs a response designed for it."),
             heading("Rural and urban neighbourhoods", 3)]
    if a.proof_rural is None:
        parts.append(tag("p", a.notes["classification"]))
    else:
        parts += [summary_list(_proof_words(a.proof_rural, a)), _proof_table(a.proof_rural, a, "rural or urban")]
    parts.append(heading("Deprivation fifths", 3))
    if a.proof_fifths is None:
        parts.append(tag("p", a.notes["deprivation"]))
    else:
        _, where = _fifth_scale(a)
        parts += [tag("p", f"Deprivation fifths {where}."),
                  summary_list(_proof_words(a.proof_fifths, a, places=False)),
                  _proof_table(a.proof_fifths, a, "deprivation fifth")]
    return join(parts)


def downloads(a: GapAnalysis, folder: str | None) -> Markup:
    """Links to the exported files, relative to the page."""
    parts = [heading("Downloads", 2, id="downloads")]
    if not folder:
        return join(parts + [tag("p", "Run `evidence gaps` on the project to write the gap table, the priority "
                                      "list (CSV and Excel) and the priority areas (GeoPackage) beside this page.")])
    base = folder.rstrip("/")
    items = [tag("li", tag("a", label, href=f"{base}/{name}"), f" ({name})") for name, label in DOWNLOADS.items()]
    return join(parts + [tag("p", "The same figures as files, for analysts and a GIS team:"), tag("ul", items)])


def how_to_read(a: GapAnalysis) -> Markup:
    """How to read this report: judgements, scores, suppression."""
    from evidence.disclosure import suppression_note

    items = [tag("li", judgement_badge(s.word), ": ", s.explain(a.benchmark), ".") for s in JUDGEMENTS.values()]
    return callout(
        "How to read this report",
        tag("p", f"Each {_type_label(a, a.area_type)} and neighbourhood is compared with {a.benchmark}, and "
                 f"{a.focus_name} as a whole with England, taking into account the margin of error (the 95% "
                 "confidence interval). The word is always given; the shape and colour repeat it."),
        tag("ul", items, class_="ev-judgement-list"),
        tag("p", "A gap 'in the worse direction' is positive when the area is worse, whether higher or lower is "
                 "better for that indicator. 'Getting worse' is the recent trend of the area's own figures."),
        tag("p", "Priority scores sort issues for discussion; they do not decide priorities. Every map is followed "
                 "by a table with the same figures."),
        tag("p", suppression_note(a.eb.config.min_count)),
    )
