"""The proofing and national-outcome sections of a page (:class:`~evidence.render.document.Section`).

:func:`proofing_section` shows each theme's proofing statement in words (the matrix of
lenses and impacts per outcome), the findings, and the data evidence for the rural and
equality lenses (rural/urban and deprivation-fifth splits, and the Fingertips breakdowns
by sex, age, deprivation and ethnicity). :func:`national_section` shows the national
outcome check. The plan page (:func:`evidence.outcomes.report.build_plan_report`) adds
both; every text from the inputs is escaped.
"""

from __future__ import annotations

from typing import Any

from evidence.render._html import Markup, join, tag
from evidence.render.document import Section

__all__ = ["national_section", "proofing_section"]


def _words(items: list[str]) -> Markup:
    return tag("ul", [tag("li", s) for s in items])


def _place_table(rows: Any, names: dict, title: str) -> Markup:
    """Indicators by group: how many compared small-area values are significantly worse (the gap analysis's split)."""
    import pandas as pd

    from evidence.render import table

    cells = rows.assign(cell=[f"{w} of {n} ({s:.0f}%)" for w, n, s in
                              zip(rows["n_worse"], rows["n_areas"], rows["share_worse"])])
    groups = list(dict.fromkeys(cells["group"]))
    wide = cells.pivot(index="indicator_id", columns="group", values="cell").reindex(columns=groups).fillna("-")
    wide = wide.reindex(list(dict.fromkeys(cells["indicator_id"])))
    frame = pd.DataFrame({"indicator": [names.get(i, i) for i in wide.index], **{g: list(wide[g]) for g in groups}})
    return table(frame, caption=f"Small areas of the focus area significantly worse than their benchmark, by {title}: "
                                "values worse of those compared, for each measured indicator",
                 columns={"indicator": "Indicator", **{g: g for g in groups}}, row_header="indicator")


def proofing_section(evidence: Any, framework: Any, themes: list[str] | None = None) -> Section:
    """The ``proofing`` section: the statement per theme, the findings and the data evidence.

    ``themes`` (theme ids of the framework) limits it to those themes' outcomes (default: all).
    """
    from evidence.proofing.breakdowns import breakdown_sentences
    from evidence.proofing.findings import finding_sentences, missing_lenses, unknown_without_evidence, unmitigated
    from evidence.proofing.place import place_evidence
    from evidence.proofing.statement import load_proofing, proofing_by_theme
    from evidence.published import as_published
    from evidence.render import heading

    eb = as_published(evidence)
    _, record, _ = load_proofing(eb)
    parts: list[Any] = [heading("Proofing: sustainability, rural and equality impact", 2, id="proofing")]
    themes = list(themes) if themes is not None else framework.theme_order()
    outcomes = [o for o in framework.outcomes if o.theme in themes]
    ids = sorted({str(m.indicator) for o in outcomes for m in o.all_measures()})
    if record is None:
        parts.append(tag("p", "The project has no proofing record (proofing in evidence.yml), so the outcomes have "
                              "not been proofed for sustainability, rural and equality impact."))
    else:
        mine = {o.id for o in outcomes}
        missing = missing_lenses(record, [(o.id, o.theme) for o in outcomes])
        negative, unknown = (f[f["outcome_id"].isin(mine)] for f in (unmitigated(record),
                                                                     unknown_without_evidence(record)))
        findings = finding_sentences(missing, negative, unknown)
        parts.append(heading("What the proofing lacks", 3, id="proofing-findings"))
        parts.append(_words(findings) if findings else tag("p", "Every outcome is proofed through all three lenses, "
                                                               "every negative impact has a mitigation and every "
                                                               "impact not yet known has evidence planned."))
        by_theme = proofing_by_theme(eb, record=record, framework=framework)
        for theme, sentences in ((t, s) for t, s in by_theme.items() if t in themes):
            parts.append(heading(f"Proofing of {framework.theme_name(theme)}", 3, id=f"proofing-{theme}"))
            parts.append(_words(sentences))
    parts.append(heading("What the data say about places and groups", 3, id="proofing-data"))
    place = place_evidence(eb, ids)
    names = dict(zip(eb.indicators["id"].astype(str), eb.indicators["name"].astype(str)))
    if place.empty:
        parts.append(tag("p", "The measured indicators have no small-area findings to split by rural and urban areas "
                              "or by deprivation fifth."))
    else:
        for lens, title in (("rural", "rural and urban areas"), ("equality", "deprivation fifth")):
            rows = place[place["lens"] == lens]
            if len(rows):
                parts.append(_place_table(rows, names, title))
    groups = breakdown_sentences(eb, ids)
    parts.append(tag("p", tag("strong", "By sex, age, deprivation and ethnicity"), " (Fingertips breakdowns of the "
                     "measured indicators, latest period, focus area):"))
    parts.append(_words(groups) if groups else tag("p", "The evidence base has no breakdown rows for the measured "
                                                        "indicators."))
    return Section("proofing", join(parts))


def national_section(evidence: Any, framework: Any) -> Section:
    """The ``national`` section: the national outcome check in words (or why there is none)."""
    from evidence.known import KnownNames
    from evidence.problems import Problems
    from evidence.proofing.inputs import read_project_national
    from evidence.proofing.national import national_check, national_sentences
    from evidence.published import as_published
    from evidence.render import heading

    eb = as_published(evidence)
    parts: list[Any] = [heading("National outcomes", 2, id="national")]
    problems = Problems(eb.config.root)
    national = read_project_national(eb.config, KnownNames.of_evidence(eb), problems)
    problems.raise_if_errors()
    if national is None:
        parts.append(tag("p", "The project names no national outcome set (national_outcomes in evidence.yml), so the "
                              "plan is not checked against national outcomes."))
    else:
        check = national_check(eb, framework, national)
        parts.append(_words(national_sentences(check, eb.area_name(eb.config.focus_area))))
    return Section("national", join(parts))
