"""The per-theme parts of the plan report: outcomes with their measures, evidence and actions; monitoring.

Each outcome shows its measures (baseline with its interval and comparator, the target
for each year and the status in words), the priority issues it addresses by area (the
evidence behind it), and its actions in the columns of the action-plan template. The
monitoring part gives the per-theme count of measures on and off track and, for each
measure, a chart of the actual values against the target path with the status in words.
Everything is built with :mod:`evidence.render`, so text from the inputs is escaped.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from evidence.outcomes.layout import ThemeTable
from evidence.outcomes.monitoring import NO_DATA, SUPPRESSED
from evidence.render import heading, table
from evidence.render._catalogue import indicator_info
from evidence.render._html import Markup, join, tag
from evidence.render.target_chart import target_chart

__all__ = ["monitoring_section", "outcome_block", "theme_section"]


def _fmt(eb: Any, indicator: str) -> Any:
    info = indicator_info(eb.indicators, indicator)
    return lambda v, unit=False: info.fmt(v, unit=unit) or "no value"


def _lines(text: object) -> Markup:
    """Cell text whose line breaks are kept (escaped line by line)."""
    parts = str(text).split("\n") if isinstance(text, str) else [str(text)]
    out: list[Any] = []
    for i, part in enumerate(parts):
        if i:
            out.append(tag("br"))
        out.append(part)
    return join(out)


def _target_text(row: Any, fmt: Any) -> str:
    if row.kind == "range":
        return f"{fmt(row.low)} to {fmt(row.high)}"
    if row.kind == "single":
        return fmt(row.target)
    return "no target"


def measures_table(eb: Any, plan: Any, measure_ids: list[str], years: tuple[int, ...], labels: tuple[str, ...],
                   caption: str) -> Markup:
    """The measures with baseline (interval, comparator), each year's target and its status in words."""
    base = plan.baselines.set_index("measure_id")
    mon = plan.monitoring
    notes = {(r.measure_id, int(r.year)): r.note for r in plan.targets.itertuples(index=False) if r.note}
    rows = []
    for mid in measure_ids:
        b = base.loc[mid]
        fmt = _fmt(eb, b["indicator_id"])
        if bool(b.get("suppressed", False)):
            baseline = f"Not shown: {b['note']}"
        elif pd.notna(b["value"]):
            interval = (f" (95% interval {fmt(b['lower'])} to {fmt(b['upper'])})"
                        if pd.notna(b["lower"]) and pd.notna(b["upper"]) else "")
            baseline = f"{fmt(b['value'], True)}{interval}, {b['period']}"
        else:
            baseline = "No baseline: no data"
        comp = (f"{b['comparator_name']}: {fmt(b['comparator_value'], True)}"
                if isinstance(b["comparator_name"], str) and pd.notna(b["comparator_value"]) else "None")
        row = {"measure": f"{b['indicator_name']} ({b['area_name']})", "baseline": baseline, "comparator": comp}
        by_year = {r.year: r for r in mon[mon["measure_id"] == mid].itertuples(index=False)}
        for year, label in zip(years, labels):
            r = by_year.get(year)
            if r is None:
                row[label] = "-"
                continue
            actual = "" if r.label in (NO_DATA, SUPPRESSED) or pd.isna(r.value) else f"; actual {fmt(r.value)}"
            why = notes.get((mid, int(year)))
            target = f"No target ({why})" if r.kind == "none" and why else f"Target {_target_text(r, fmt)}"
            row[label] = f"{target}{actual}: {r.label.lower()}"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["measure", "baseline", "comparator", *labels], dtype=object)
    columns = {"measure": "Measure (area)", "baseline": "Baseline", "comparator": "Comparator",
               **{label: f"{label}: target and status" for label in labels}}
    return table(frame, caption=caption, columns=columns, row_header="measure",
                 formats={c: str for c in columns})


def evidence_table(eb: Any, plan: Any, outcome_id: str, caption: str) -> Markup:
    """The priority issues an outcome addresses, by area (or a sentence when there are none)."""
    cover = plan.coverage
    if cover is None:
        return tag("p", "The priority issues were not given, so the evidence behind this outcome is not shown.")
    rows = cover.evidence[cover.evidence["outcome_id"] == outcome_id].drop_duplicates(["indicator_id", "area_code"])
    if rows.empty:
        return tag("p", "None of the gap analysis's priority issues is measured by this outcome's measures.",
                   class_="ev-note")
    rows = rows.sort_values("rank", kind="stable")
    shown = pd.DataFrame({
        "issue": [f"{r.indicator_name}, {r.area_name}" for r in rows.itertuples(index=False)],
        "period": rows["period"].astype(str).to_numpy(),
        "value": [_fmt(eb, r.indicator_id)(r.value, True) for r in rows.itertuples(index=False)],
        "comparator": [f"{r.comparator_name}: {_fmt(eb, r.indicator_id)(r.comparator_value, True)}"
                       for r in rows.itertuples(index=False)],
        "judgement": rows["judgement"].astype(str).to_numpy(),
        "trend": rows["trend"].astype(str).replace("", "Cannot be calculated").to_numpy(),
        "rank": rows["rank"].astype(int).to_numpy(),
    })
    return table(shown, caption=caption, row_header="issue",
                 columns={"issue": "Priority issue (indicator, area)", "period": "Period", "value": "Value",
                          "comparator": "Benchmark", "judgement": "Compared with the benchmark",
                          "trend": "Recent trend", "rank": "Priority rank"},
                 formats={"period": str, "value": str, "comparator": str, "trend": str},
                 numeric=["value", "rank"])


def actions_table(theme_table: ThemeTable, block: Any, caption: str) -> Markup:
    """The outcome's actions in the template's columns (Action ... Long-term Ambitions)."""
    columns = list(theme_table.columns)
    if not block.action_rows:
        return tag("p", "No actions yet.", class_="ev-note")
    frame = pd.DataFrame([list(r) for r in block.action_rows], columns=columns, dtype=object)
    frame = frame.map(lambda v: "" if v is None else (f"{v:,.1f}" if isinstance(v, float) else str(v)))
    keys = [f"c{i}" for i in range(len(columns))]
    frame.columns = keys
    labels = dict(zip(keys, [c if c not in ("Baseline", *theme_table.year_labels) else f"Targets: {c}"
                             for c in columns]))
    return table(frame, caption=caption, columns=labels, formats={k: _lines for k in keys})


def outcome_block(eb: Any, plan: Any, theme_table: ThemeTable, block: Any) -> Markup:
    """One outcome: heading, aim, measures, the evidence behind it and its actions."""
    o = block.outcome
    parts: list[Any] = [heading(block.heading, 3, id=f"outcome-{o.id}".replace(".", "-"))]
    if block.aim:
        parts.append(tag("p", block.aim, class_="ev-note"))
    if o.measures:
        parts.append(measures_table(eb, plan, [m.id for m in o.measures], theme_table.years,
                                    theme_table.year_labels, f"Outcome {o.id}: outcome measures, baselines, "
                                    "yearly targets and status"))
    else:
        parts.append(tag("p", f"Outcome {o.id} has no outcome measure yet: choose an indicator so that progress "
                              "can be measured.", class_="ev-note"))
    parts.append(heading(f"Evidence behind outcome {o.id}", 4, id=f"evidence-{o.id}".replace(".", "-")))
    parts.append(evidence_table(eb, plan, o.id, f"Outcome {o.id}: priority issues from the gap analysis that its "
                                                "measures address"))
    parts.append(heading(f"Actions for outcome {o.id}", 4, id=f"actions-{o.id}".replace(".", "-")))
    parts.append(actions_table(theme_table, block, f"Outcome {o.id}: action plan"))
    return join(parts)


def theme_section(eb: Any, plan: Any, theme_table: ThemeTable) -> Markup:
    """A theme: its summary sentence, then each of its outcomes."""
    summary = plan.summary.set_index("theme")
    parts: list[Any] = [heading(theme_table.name, 2, id=f"theme-{theme_table.theme}")]
    if theme_table.theme in summary.index:
        parts.append(tag("p", summary.loc[theme_table.theme, "text"]))
    parts += [outcome_block(eb, plan, theme_table, b) for b in theme_table.blocks]
    return join(parts)


def _summary_table(summary: pd.DataFrame) -> Markup:
    return table(summary, caption="Measures on and off track by theme (each measure counted by its latest "
                                  "assessed year)",
                 columns={"theme_name": "Theme", "measures": "Measures", "on_track": "On track (target met)",
                          "too_close": "Too close to call", "off_track": "Off track (target missed)",
                          "not_assessed": "Not yet assessed"}, row_header="theme_name")


def monitoring_section(eb: Any, plan: Any, themes: list[str]) -> Markup:
    """Monitoring: the per-theme summary table, then one target chart per measure with its status."""
    summary = plan.summary[plan.summary["theme"].isin(themes)]
    parts: list[Any] = [heading("Monitoring: are we on track?", 2, id="monitoring"), _summary_table(summary)]
    base = plan.baselines.set_index("measure_id")
    mon = plan.monitoring
    for theme in themes:
        ids = [m.id for o in plan.framework.outcomes if o.theme == theme for m in o.all_measures()]
        if not ids:
            continue
        parts.append(heading(f"{plan.framework.theme_name(theme)}: measures against their targets", 3,
                             id=f"monitoring-{theme}"))
        for mid in ids:
            b = base.loc[mid]
            rows = plan.chart[plan.chart["measure_id"] == mid]
            assessed = mon[(mon["measure_id"] == mid) & (mon["label"] != NO_DATA) & (mon["status"] != "Not assessed")]
            hidden = bool(b.get("suppressed", False))
            targeted = (mon.loc[mon["measure_id"] == mid, "kind"] != "none").any()
            if hidden and not targeted:
                status = f"{mid} has no target, so it has no status ({b['note']})."
            elif assessed.empty:
                status = f"{mid}: no target year has data yet, so its status is not known."
            else:
                status = f"Latest status of {mid}: {assessed.sort_values('year').iloc[-1]['text']}"
            if rows["value"].notna().any() or rows["target"].notna().any():
                parts.append(target_chart(rows, eb.indicators, b["indicator_id"], area_name=str(b["area_name"]),
                                          caption=f"{mid}: {b['indicator_name']}, {b['area_name']}, "
                                                  "against its target"))
            parts.append(tag("p", status))
            if hidden and targeted:  # targets that do not come from the data (explicit)
                parts.append(tag("p", f"{mid} has no baseline figure ({b['note']}); its targets are the plan's "
                                      "own numbers.", class_="ev-note"))
    return join(parts)
