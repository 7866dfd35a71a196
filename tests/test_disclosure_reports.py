"""Published figures are the only figures a report can reach.

A copy of the demo gets one outcome with a measure per built-in target method, each on
the road ward's killed-or-seriously-injured rate whose 2020 figure (4 casualties) is
suppressed, and ``evidence plan`` is run on it. Neither the hidden figure, nor its
limits, nor any target the method would have derived from it may appear in the page,
the chart data, the xlsx, the docx or the CSV, and the page says why the targets are
blank. Then: the published evidence holds no hidden figure in any attribute, and a
suppressed row has no judgement and no trend in a profile and in the gap analysis.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import docx
import numpy as np
import openpyxl
import pandas as pd
import pytest
from corpus import run_cli

import evidence
from evidence.disclosure import BLANKED_COLUMNS
from evidence.errors import DataError
from evidence.evidence_base import EvidenceBase
from evidence.outcomes import action_plan, get_target_method, target_method_names
from evidence.outcomes import target_methods as registry
from evidence.outcomes.baselines import measure_history
from evidence.outcomes.framework import Measure
from evidence.outcomes.target_methods import TargetContext
from evidence.published import PublishedEvidence, as_published

REPO = Path(__file__).parent.parent
WARD, INDICATOR, YEAR = "E05999013", "ga_road_ksi", 2020  # the road ward: 4 casualties in 2020
WARD_NAME = "Little Stretton"
TARGET_YEARS = (2021, 2022, 2023)
#: The parameters each built-in method is given; a new built-in method must be added here.
PARAMS = {"reach_comparator": {}, "close_gap": {"share": 0.25}, "hold": {}, "continue_trend": {"periods": 3},
          "explicit": {"values": {2021: 140, 2022: 130, 2023: [100, 125]}}}
BUILT_IN = [n for n in target_method_names() if get_target_method(n).func.__module__ == registry.__name__]


def _yaml_value(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def _measures() -> str:
    lines = []
    for name in BUILT_IN:
        lines += [f"      - indicator: {INDICATOR}", f"        area: {WARD}", "        comparator: district",
                  f"        target_method: {name}", f"        baseline_year: {YEAR}",
                  f"        target_years: [{', '.join(map(str, TARGET_YEARS))}]", "        owner: Road Safety Officer"]
        if PARAMS[name]:
            lines.append(f"        target_params: {_yaml_value(PARAMS[name])}")
    # and one with a published baseline (2019) whose first target year (2020) is the hidden one
    lines += [f"      - indicator: {INDICATOR}", f"        area: {WARD}", "        comparator: district",
              "        target_method: hold", "        baseline_year: 2019", "        target_years: [2020, 2021]",
              "        owner: Road Safety Officer"]
    return "\n".join(lines)


OUTCOME = """
  - id: "5.9"
    title: Fewer people are killed or seriously injured on the ward's roads
    theme: getting_around
    measures:
{measures}
"""


def _with_outcome(text: str) -> str:
    """``outcomes.yml`` with OUTCOME as the last item of its ``outcomes:`` list (top-level fields follow it)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("outcomes:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\n", "#")), len(lines))
    while end > start + 1 and lines[end - 1].startswith("#"):  # the next field's comment stays with it
        end -= 1
    return "".join(lines[:end]) + OUTCOME.format(measures=_measures()).lstrip("\n") + "\n" + "".join(lines[end:])


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("disclosure") / "data"
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns(".evidence"))
    (target / "outcomes.yml").write_text(_with_outcome((target / "outcomes.yml").read_text(encoding="utf-8")),
                                         encoding="utf-8")
    evidence.build(target)
    return target


@pytest.fixture(scope="module")
def eb(project) -> EvidenceBase:
    return evidence.load(project, rebuild=False)


@pytest.fixture(scope="module")
def plan_run(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("plan-out") / "areaprofiles"
    code, output = run_cli("plan", str(project), "--output", str(out))
    assert code == 0, output
    return out


def _hidden_row(eb: EvidenceBase) -> pd.Series:
    v = eb.values
    row = v[(v["indicator_id"] == INDICATOR) & (v["area_code"] == WARD) & (v["year"] == YEAR)].iloc[0]
    assert 0 <= row["numerator"] < eb.config.min_count, "the demo plants 4 casualties in the road ward in 2020"
    return row


def _raw_targets(eb: EvidenceBase, method: str) -> list[float]:
    """The targets ``method`` would set from the raw (hidden) baseline: what must not leak."""
    row = _hidden_row(eb)
    raw = eb.values[(eb.values["indicator_id"] == INDICATOR) & (eb.values["area_code"] == WARD)
                    & (eb.values["year"] <= YEAR)].sort_values("year")
    ctx = TargetContext(float(row["value"]), YEAR, TARGET_YEARS, "lower_is_better", float(row["comparator_value"]),
                        pd.Series(raw["value"].to_numpy(float), index=raw["year"].to_numpy(int)))
    result = get_target_method(method)(ctx, PARAMS[method])
    return [float(x) for x in result[["target", "low", "high"]].to_numpy().ravel() if np.isfinite(x)]


def _secrets(eb: EvidenceBase) -> dict[str, float]:
    """Every figure that would reveal the hidden one: it, its limits, and the targets derived from it."""
    row = _hidden_row(eb)
    secrets = {c: float(row[c]) for c in BLANKED_COLUMNS if c != "numerator"}
    comparator = float(row["comparator_value"])  # published: the district's value
    for method in BUILT_IN:
        if get_target_method(method).uses_baseline:
            for i, x in enumerate(_raw_targets(eb, method)):
                if abs(x - comparator) > 0.05:
                    secrets[f"{method} target {i}"] = x
    return secrets


def _spellings(x: float) -> set[str]:
    return {f"{x:,.1f}", f"{x:.1f}", f"{x:.2f}", f"{x:,.2f}", repr(x)[:7]}


NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _assert_nothing_reveals(text: str, secrets: dict[str, float], where: str, *, whole: bool = False) -> None:
    """No figure in ``text`` is a secret as a report would write it.

    ``whole``: ``text`` is a whole output, where other indicators' figures may share a
    secret's first decimal by chance, so only the precise spellings (two decimals, the
    full number) count; the parts about the measures are checked at one decimal too.
    """
    figures = {s for s in NUMBER.findall(text)}
    for name, x in secrets.items():
        spellings = _spellings(x) - ({f"{x:,.1f}", f"{x:.1f}"} if whole else set())
        leaked = spellings & figures
        assert not leaked, f"{where} shows {leaked} = the hidden {name} ({x})"


def _page_parts(page: str) -> str:
    """The parts of the plan page about outcome 5.9: its block and its monitoring charts and words."""
    start = page.index('id="outcome-5-9"')
    end = min([i for i in (page.find("<h2", start), page.find('<h3 id="outcome-', start + 1)) if i > 0] or [len(page)])
    parts = [page[start:end]]
    monitoring = page.index('id="monitoring"')
    first = page.index("5.9 measure 1:", monitoring)
    stop = min([i for i in (page.find("<h3", first), page.find("<h2", first)) if i > 0] or [len(page)])
    return "\n".join([*parts, page[first:stop]])


def _page_text(page: str) -> str:
    """What a reader (or a screen reader) gets from a page: its text and its labels, not the
    chart geometry (the charts' figures are those of the chart data, checked on their own)."""
    body = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    labels = re.findall(r'(?:aria-label|title|alt|data-[\w-]+)="([^"]*)"', body)
    return html.unescape(re.sub(r"<[^>]+>", " ", body) + "\n" + "\n".join(labels))


def _xlsx_text(path: Path) -> tuple[str, list[float]]:
    book = openpyxl.load_workbook(path)
    texts, numbers = [], []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                    numbers.append(float(cell))
                elif cell is not None:
                    texts.append(str(cell))
    return "\n".join(texts), numbers


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_every_built_in_method_is_tested():
    assert set(BUILT_IN) == set(PARAMS), "give the new built-in target method its parameters in PARAMS"
    assert {"reach_comparator", "close_gap", "hold", "continue_trend", "explicit"} <= set(BUILT_IN)


def test_the_raw_targets_would_give_the_figure_away(eb):
    """The check below can fail: computed from the raw value, every data-driven target reveals it."""
    row = _hidden_row(eb)
    assert _raw_targets(eb, "hold") == pytest.approx([row["value"]] * 3)
    assert len(_secrets(eb)) > len(BLANKED_COLUMNS)


@pytest.mark.parametrize("method", BUILT_IN)
def test_a_suppressed_baseline_gives_no_target(eb, method):
    plan = action_plan(eb)
    base = plan.baselines[(plan.baselines["area_code"] == WARD) & (plan.baselines["indicator_id"] == INDICATOR)]
    mine = base[[m.startswith("5.9") for m in base["measure_id"]]]
    ids = [m.id for o in plan.framework.outcomes if o.id == "5.9" for m in o.measures
           if m.target_method == method and m.baseline_year == YEAR]
    assert len(ids) == 1
    b = mine.set_index("measure_id").loc[ids[0]]
    # the baseline is the hidden period itself (no fall-back to an older one), blank, with the reason
    assert b["period"] == str(YEAR) and np.isnan(b["value"]) and np.isnan(b["lower"]) and b["suppressed"]
    assert b["note"] == f"baseline suppressed: fewer than {eb.config.min_count} events in {YEAR}"
    targets = plan.targets[plan.targets["measure_id"] == ids[0]]
    if get_target_method(method).uses_baseline:
        assert targets["kind"].eq("none").all() and targets["target"].isna().all()
        assert targets["note"].eq(b["note"]).all()
    else:  # explicit: the partnership's own numbers, which do not come from the data
        assert targets["target"].tolist() == pytest.approx([140, 130, 112.5])
    secrets = _secrets(eb)
    for frame, name in ((plan.baselines, "baselines"), (plan.targets, "targets"), (plan.monitoring, "monitoring"),
                        (plan.chart, "chart data")):
        frame = frame[frame["measure_id"].isin(ids)].drop(columns="year")
        assert len(frame), name
        numbers = frame.select_dtypes("number").to_numpy(dtype=float).ravel()
        for what, x in secrets.items():
            assert not np.isclose(numbers, x, atol=0.05).any(), f"{name} holds the hidden {what}"


def test_a_suppressed_target_year_has_no_status(eb):
    plan = action_plan(eb)
    mon = plan.monitoring
    ids = [m.id for o in plan.framework.outcomes if o.id == "5.9" for m in o.measures if m.baseline_year == 2019]
    hidden = mon[(mon["measure_id"] == ids[0]) & (mon["year"] == YEAR)].iloc[0]
    assert hidden["label"] == "Suppressed" and hidden["status"] == "Not assessed" and np.isnan(hidden["value"])
    assert "suppressed (fewer than 5 events)" in hidden["text"]
    shown = mon[(mon["measure_id"] == ids[0]) & (mon["year"] == 2021)].iloc[0]
    assert shown["label"] not in ("Suppressed", "No data yet")  # 7 casualties in 2021: published and assessed


def test_evidence_plan_leaves_no_hidden_figure_in_any_output(eb, plan_run):
    secrets = _secrets(eb)
    why = f"baseline suppressed: fewer than {eb.config.min_count} events in {YEAR}"
    raw = (plan_run / "priority_outcomes.html").read_text(encoding="utf-8")
    assert "<script" not in raw and "<svg" in raw  # no chart data in scripts: the page's figures are its text
    page = _page_text(raw)
    _assert_nothing_reveals(page, secrets, "the page", whole=True)
    mine = _page_text(_page_parts(raw))
    _assert_nothing_reveals(mine, secrets, "the page's outcome 5.9")
    assert mine.count(why) >= len(BUILT_IN)  # the page says why each target is blank
    assert f"{157.091562:,.1f}" in mine  # the check sees figures as the page writes them: 2021's is shown

    text, numbers = _xlsx_text(plan_run / "plan" / "action_plan.xlsx")
    _assert_nothing_reveals(text, secrets, "the workbook", whole=True)
    book = openpyxl.load_workbook(plan_run / "plan" / "action_plan.xlsx")
    rows = [r for sheet in book.worksheets for r in sheet.iter_rows(values_only=True)
            if any(isinstance(c, str) and WARD_NAME in c for c in r)]
    assert sum(why in " ".join(map(str, r)) for r in rows) == len(BUILT_IN)  # the reason, on every such measure
    cells = [c for r in rows for c in r]
    _assert_nothing_reveals("\n".join(str(c) for c in cells if isinstance(c, str)), secrets, "the workbook's rows")
    for what, x in secrets.items():
        numbers = [float(c) for c in cells if isinstance(c, (int, float)) and not isinstance(c, bool)]
        assert not np.isclose(numbers, x, atol=0.05).any(), f"the workbook holds the hidden {what}"

    document = docx.Document(str(plan_run / "plan" / "action_plan.docx"))
    _assert_nothing_reveals(_docx_text(plan_run / "plan" / "action_plan.docx"), secrets, "the Word document",
                            whole=True)
    rows = [" | ".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    rows = [r for r in rows if WARD_NAME in r]
    assert sum(why in r for r in rows) == len(BUILT_IN)
    _assert_nothing_reveals("\n".join(rows), secrets, "the Word document's rows")

    csv = (plan_run / "plan" / "monitoring.csv").read_text(encoding="utf-8")
    _assert_nothing_reveals(csv, secrets, "monitoring.csv", whole=True)
    monitoring = pd.read_csv(plan_run / "plan" / "monitoring.csv")
    monitoring = monitoring[monitoring["measure_id"].str.startswith("5.9")].drop(columns="year")
    assert len(monitoring) == 3 * len(BUILT_IN) + 2
    for what, x in secrets.items():
        assert not np.isclose(monitoring.select_dtypes("number").to_numpy(float).ravel(), x, atol=0.05).any(), what
    _assert_nothing_reveals(monitoring.to_csv(), secrets, "monitoring.csv's rows")


def test_published_evidence_holds_no_hidden_figure(eb):
    shown = eb.published_evidence()
    assert shown is eb.published_evidence() and as_published(eb) is shown and as_published(shown) is shown
    row = _hidden_row(eb)
    secret = [float(row[c]) for c in BLANKED_COLUMNS if c != "numerator"]
    for name, attribute in vars(shown).items():
        assert not isinstance(attribute, EvidenceBase), name
        assert attribute is not eb.values and attribute is not eb.comparisons, name
        if isinstance(attribute, pd.DataFrame):
            for column in attribute.columns:
                data = attribute[column].to_numpy()
                while isinstance(data, np.ndarray):  # the column and the memory behind it
                    if data.dtype.kind == "f":
                        assert not np.isin(data, secret).any(), f"{name}.{column} holds the hidden figure"
                    data = data.base
    hidden = shown.values[shown.values["suppressed"]]
    assert len(hidden) and hidden[[c for c in BLANKED_COLUMNS]].isna().all().all()
    with pytest.raises(DataError, match="published_evidence"):
        PublishedEvidence(shown.config, eb.values, eb.comparisons, eb.indicators, eb.areas)
    with pytest.raises(DataError, match="not a DataFrame"):
        as_published(eb.values)
    with pytest.raises(DataError):
        action_plan(eb.values)
    assert measure_history(Measure(id="m", indicator=INDICATOR, area=WARD, outcome_id="5.9"), eb)["value"].isna().sum()


def test_hidden_rows_have_no_judgement_rank_or_trend(eb):
    shown = eb.published_evidence()
    v = shown.values
    hidden = v[v["suppressed"]]
    assert (hidden["judgement"] == "Not compared").all() and (hidden["comparison"] == "Not compared").all()
    assert hidden["trend"].isna().all() and hidden["rank"].isna().all() and hidden["quintile"].isna().all()
    # a trend whose five years hold a hidden point was computed from it: not shown
    after = v[(v["indicator_id"] == INDICATOR) & (v["area_code"] == WARD) & v["year"].between(YEAR, YEAR + 4)]
    assert after["trend"].isna().all()
    assert eb.values.loc[after.index, "trend"].notna().all()  # (the raw evidence base has them)
    # the comparisons with every comparator say nothing of a hidden row
    c = shown.comparisons
    keys = set(zip(hidden["indicator_id"].astype(str), hidden["area_code"].astype(str), hidden["period"].astype(str)))
    mine = [k in keys for k in zip(c["indicator_id"].astype(str), c["area_code"].astype(str), c["period"].astype(str))]
    assert any(mine) and (c.loc[mine, ["judgement", "judgement_998", "comparison"]] == "Not compared").all().all()
    # ranks among the published values only: no gap in a group's ranks shows where a hidden value lies
    groups = v[v["rank"].notna()].groupby(["indicator_id", "period", "area_type", "comparator_code"], observed=True)
    for _, g in groups:
        ranks = sorted(g["rank"].astype(int))
        assert ranks[-1] <= len(ranks) and (g["n_ranked"] == len(g)).all()


def test_a_profile_shows_no_judgement_or_trend_for_a_suppressed_value(eb):
    from evidence.profiles import build_profile

    shown = eb.published_evidence()
    latest = shown.values[(shown.values["area_code"] == WARD)].sort_values("year").groupby("indicator_id").tail(1)
    hidden = latest[latest["suppressed"]]
    assert len(hidden), "the road ward's latest figures include suppressed ones"
    raw = eb.values.loc[hidden.index]
    assert raw["judgement"].isin(["Similar", "Better", "Worse"]).any()  # what used to be printed beside them
    profile = build_profile(eb, WARD)
    names = eb.indicators.set_index("id")["name"]
    for ident in hidden["indicator_id"]:
        theme = eb.indicators.set_index("id").loc[ident, "theme"]
        html = str(profile.section(f"theme-{theme}").html)
        rows = [r for r in re.findall(r"<tr>.*?</tr>", html, flags=re.S) if f">{names[ident]}<" in r]
        assert rows, ident
        for r in rows:
            assert "suppressed" in r and "Not compared" in r, r
            assert not re.search(r">(Similar|Better|Worse|Higher|Lower)<", r), r
            assert not re.search(r"getting (better|worse)|No significant change|Increasing|Decreasing", r), r


def test_the_gap_analysis_shows_no_judgement_or_trend_for_a_suppressed_value(eb):
    from evidence.gaps.analysis import analyse

    a = analyse(eb)
    assert isinstance(a.eb, PublishedEvidence)
    hidden = a.eb.values[a.eb.values["suppressed"]]
    keys = set(zip(hidden["indicator_id"].astype(str), hidden["area_code"].astype(str), hidden["period"].astype(str)))
    for frame, name in ((a.gaps, "gap table"), (a.scores, "priority scores")):
        rows = frame[[k in keys for k in zip(frame["indicator_id"].astype(str), frame["area_code"].astype(str),
                                              frame["period"].astype(str))]]
        assert len(rows), name
        assert (rows["judgement"] == "Not compared").all(), name
        assert rows["trend"].fillna("").astype(str).eq("").all(), name
        assert rows["value"].isna().all(), name


def test_a_suppressed_comparator_gives_no_target_derived_from_it(eb):
    from evidence.outcomes import Framework, Outcome

    district = eb.config.focus_area
    measure = Measure(id="c", indicator=INDICATOR, area=district, comparator=WARD, target_method="reach_comparator",
                      target_years=TARGET_YEARS, baseline_year=YEAR, owner="A", outcome_id="9.1")
    framework = Framework("Test", pd.Timestamp("2021-05-20").date(),
                          (Outcome("9.1", "Test", "getting_around", measures=(measure,)),))
    plan = action_plan(eb, framework)
    b = plan.baselines.iloc[0]
    assert not b["suppressed"] and np.isfinite(b["value"]) and np.isnan(b["comparator_value"])
    assert b["note"] == f"comparator suppressed: fewer than {eb.config.min_count} events in {WARD_NAME} in {YEAR}"
    assert plan.targets["target"].isna().all() and plan.targets["note"].eq(b["note"]).all()
    raw = _hidden_row(eb)["value"]
    assert not np.isclose(plan.chart.select_dtypes("number").to_numpy(float).ravel(), raw, atol=0.05).any()
