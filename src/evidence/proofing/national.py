"""The national outcome check: does the plan measure what the national framework asks?

A national outcome set (the Local Outcomes Framework today, as the National Indicator
Set was for Local Area Agreements) is a CSV with one row per metric: ``outcome``,
``metric`` and an optional ``catalogue_id`` (the project's indicator that measures it).
:func:`national_check` compares it with the plan and the evidence base and says:

* which national outcomes at least one plan measure covers (a measure of a metric's
  indicator);
* which local outcomes have no national metric (that is fine: they are local choices);
* national metrics in the evidence base on which the focus area is Worse than its
  benchmark but which no plan measure takes up;
* national metrics not in the evidence base (no catalogue id, or no values): data to obtain.

The format and how to build one from the published framework: ``docs/proofing-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from evidence.errors import did_you_mean
from evidence.io.tables import read_text_table
from evidence.known import KnownNames
from evidence.problems import Problems

__all__ = ["DOC", "NationalCheck", "national_check", "national_sentences", "read_national_set"]

DOC = "docs/proofing-format.md"
COLUMNS = ("outcome", "metric", "catalogue_id")


def read_national_set(path: str | Path, known: KnownNames | None = None, *,
                      problems: Problems | None = None) -> pd.DataFrame | None:
    """Read ``outcome, metric, catalogue_id`` (text; ``catalogue_id`` blank where none), rows in file order.

    Every problem names the file, row and column: a missing column (with "did you mean"),
    a blank outcome or metric, a metric listed twice under one outcome, and a catalogue id
    that is not in the catalogue (with "did you mean"). Without ``problems`` errors raise
    :class:`~evidence.errors.ValidationError`.
    """
    path = Path(path)
    own = problems is None
    problems = Problems(path.parent) if problems is None else problems
    before = len(problems.errors)
    table = read_text_table(path, problems)
    result = None
    if table is not None:
        missing = [c for c in COLUMNS[:2] if c not in table.columns]
        for column in missing:
            problems.error(f"The national outcome set has no '{column}' column.{did_you_mean(column, table.columns)}",
                           f"Name the columns outcome, metric and (optionally) catalogue_id (see {DOC}).",
                           file=path, place="row 1", column=column)
        if not missing:
            result = _check_rows(table, path, known or KnownNames(), problems)
    if own:
        problems.raise_if_errors()
    return result if len(problems.errors) == before else None


def _check_rows(table: pd.DataFrame, path: Path, known: KnownNames, problems: Problems) -> pd.DataFrame:
    ids = table["catalogue_id"] if "catalogue_id" in table.columns else pd.Series(None, index=table.index)
    frame = pd.DataFrame({"outcome": table["outcome"], "metric": table["metric"], "catalogue_id": ids})
    frame = frame.apply(lambda c: c.fillna("").astype(str).str.strip())
    seen: dict[tuple[str, str], int] = {}
    for row, r in frame.iterrows():
        for column in ("outcome", "metric"):
            if not r[column]:
                problems.error("The cell is blank.", f"Fill in the {column}, or remove the row.", file=path,
                               place=f"row {row}", column=column)
        key = (r["outcome"], r["metric"])
        if all(key) and key in seen:
            problems.error(f"Metric '{r['metric']}' is listed twice under '{r['outcome']}' (first in row "
                           f"{seen[key]}).", "Keep one row per metric of an outcome.", file=path,
                           place=f"row {row}", column="metric")
        seen.setdefault(key, row)
        ident = r["catalogue_id"]
        if ident and known.indicators is not None and ident not in known.indicators:
            problems.error(f"Unknown indicator '{ident}'.{did_you_mean(ident, known.indicators)}",
                           "Use an indicator id of the catalogue, or leave catalogue_id blank when the project has "
                           "no indicator for the metric (it is then listed as data to obtain).", file=path,
                           place=f"row {row}", column="catalogue_id")
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class NationalCheck:
    """The result of :func:`national_check` (each part a frame, in the national set's order)."""

    covered: pd.DataFrame       # outcome, n_metrics, measured (bool), measures (ids, text)
    local_only: pd.DataFrame    # outcome_id, title, theme
    worse_unmeasured: pd.DataFrame  # outcome, metric, catalogue_id, indicator_name, period
    not_in_base: pd.DataFrame   # outcome, metric, catalogue_id


def national_check(evidence: Any, framework: Any, national: pd.DataFrame) -> NationalCheck:
    """Compare the national outcome set with the plan's measures and the published evidence.

    ``evidence`` is the :class:`~evidence.PublishedEvidence` (an ``EvidenceBase`` is put
    through disclosure control first): a judgement hidden by disclosure control is not
    counted as Worse.
    """
    from evidence.periods import latest_rows
    from evidence.published import as_published

    eb = as_published(evidence)
    national = national.fillna("")
    measured: dict[str, list[str]] = {}
    for m in framework.measures():
        measured.setdefault(str(m.indicator), []).append(m.id)
    covered = []
    for outcome, rows in national.groupby("outcome", sort=False):
        ids = [i for i in rows["catalogue_id"] if i]
        measures = [m for i in ids for m in measured.get(i, [])]
        covered.append({"outcome": outcome, "n_metrics": len(rows), "measured": bool(measures),
                        "measures": ", ".join(dict.fromkeys(measures))})
    national_ids = set(national["catalogue_id"]) - {""}
    local = [{"outcome_id": o.id, "title": o.title, "theme": o.theme} for o in framework.outcomes
             if not {str(m.indicator) for m in o.all_measures()} & national_ids]
    values = eb.values
    have = set(values["indicator_id"].astype(str))
    focus = values[values["area_code"].astype(str) == str(eb.config.focus_area)]
    latest = latest_rows(focus) if len(focus) else focus
    judged = dict(zip(latest["indicator_id"].astype(str), latest["judgement"].astype(str)))
    periods = dict(zip(latest["indicator_id"].astype(str), latest["period"].astype(str)))
    names = dict(zip(eb.indicators["id"].astype(str), eb.indicators["name"].astype(str)))
    worse, absent = [], []
    for r in national.itertuples(index=False):
        if not r.catalogue_id or r.catalogue_id not in have:
            absent.append({"outcome": r.outcome, "metric": r.metric, "catalogue_id": r.catalogue_id})
        elif judged.get(r.catalogue_id) == "Worse" and r.catalogue_id not in measured:
            worse.append({"outcome": r.outcome, "metric": r.metric, "catalogue_id": r.catalogue_id,
                          "indicator_name": names.get(r.catalogue_id, r.catalogue_id),
                          "period": periods.get(r.catalogue_id, "")})
    return NationalCheck(
        pd.DataFrame(covered, columns=["outcome", "n_metrics", "measured", "measures"]),
        pd.DataFrame(local, columns=["outcome_id", "title", "theme"]),
        pd.DataFrame(worse, columns=["outcome", "metric", "catalogue_id", "indicator_name", "period"]),
        pd.DataFrame(absent, columns=["outcome", "metric", "catalogue_id"]))


def national_sentences(check: NationalCheck, area_name: str = "the area") -> list[str]:
    """The check in plain words: one sentence per part."""
    cov = check.covered
    yes = list(cov.loc[cov["measured"], "outcome"])
    no = list(cov.loc[~cov["measured"], "outcome"])
    out = [f"{len(yes)} of the {len(cov)} national outcomes {'is' if len(yes) == 1 else 'are'} covered by at least "
           f"one measure of the plan" + (f" ({'; '.join(yes)})" if yes else "") + "."]
    if no:
        out.append(f"No measure of the plan covers: {'; '.join(no)}.")
    local = check.local_only
    out.append("Every local outcome has a national metric." if local.empty else
               f"{len(local)} local {'outcome has' if len(local) == 1 else 'outcomes have'} no national metric "
               f"({', '.join(local['outcome_id'])}): that is fine, they are local priorities.")
    worse = check.worse_unmeasured
    for r in worse.itertuples(index=False):
        out.append(f"{area_name} is worse than its benchmark on {r.indicator_name} ({r.period}), a national metric "
                   f"of '{r.outcome}', but the plan has no measure of it.")
    absent = check.not_in_base
    if len(absent):
        out.append(f"{len(absent)} national {'metric is' if len(absent) == 1 else 'metrics are'} not in the evidence "
                   f"base (data to obtain): {'; '.join(absent['metric'])}.")
    return out
