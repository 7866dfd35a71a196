"""Linking findings to outcomes: which priority issues each outcome's measures address.

A measure addresses a priority issue when it is for the same indicator and its area is
the issue's area or contains it: a district measure covers the district's wards and
LSOAs (through the ancestor columns ``<type>_code`` of ``EvidenceBase.areas``), a custom
area covers its members and everything inside them. The coverage report then lists
priority issues that no outcome addresses, outcomes with no measure, and measures whose
indicator has no recent data for their area.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from evidence.errors import DataError
from evidence.outcomes.framework import Framework
from evidence.published import as_published

__all__ = ["Coverage", "contained_areas", "coverage", "outcome_evidence"]


def contained_areas(code: str, evidence: Any) -> set[str]:
    """``code`` and every area inside it (by the ancestor columns and custom-area members)."""
    areas = evidence.areas
    row = areas[areas["area_code"] == code]
    found = {code}
    if row.empty:
        return found
    column = f"{row['area_type'].iloc[0]}_code"
    if column in areas.columns:
        found |= set(areas.loc[areas[column] == code, "area_code"].astype(str))
    for custom in getattr(evidence.config, "custom_areas", ()):
        if custom.code == code:
            for member in custom.members:
                found |= contained_areas(member, evidence)
    return found


def _require(issues: pd.DataFrame) -> None:
    missing = [c for c in ("indicator_id", "area_code") if c not in issues.columns]
    if missing:
        raise DataError(f"The priority-issues table has no {', '.join(missing)} column; it has "
                        f"{', '.join(map(str, issues.columns))}. Pass the gap analysis's priority issues.")


def outcome_evidence(framework: Framework, issues: pd.DataFrame, evidence: Any) -> pd.DataFrame:
    """The priority issues behind each outcome: one row per (measure, issue it addresses).

    Parameters
    ----------
    framework
        The outcome framework.
    issues
        Priority issues with at least ``indicator_id`` and ``area_code`` (the gap
        analysis adds ``theme, score, rank, judgement, trend``, which are kept).
    evidence
        The :class:`~evidence.EvidenceBase` (for area nesting and the focus area).

    Returns
    -------
    DataFrame
        ``outcome_id, measure_id, measure_area`` then the issue's columns.
    """
    _require(issues)
    codes = issues["area_code"].astype(str)
    ids = issues["indicator_id"].astype(str)
    parts = []
    for measure in framework.measures():
        area = measure.area or str(evidence.config.focus_area)
        hit = (ids == measure.indicator) & codes.isin(contained_areas(area, evidence))
        if hit.any():
            part = issues[hit].copy()
            part.insert(0, "measure_area", area)
            part.insert(0, "measure_id", measure.id)
            part.insert(0, "outcome_id", measure.outcome_id)
            parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["outcome_id", "measure_id", "measure_area", *issues.columns])
    return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True)
class Coverage:
    """What the framework covers, and what it leaves out.

    Attributes
    ----------
    evidence
        :func:`outcome_evidence`: the issues each outcome addresses.
    unaddressed
        Priority issues no outcome's measure addresses (the issue rows).
    no_measures
        Outcomes with no indicator measure: ``outcome_id, title, theme``.
    stale
        Measures whose latest data for their area is older than the framework's
        ``max_data_age`` (or missing): ``measure_id, outcome_id, indicator_id,
        area_code, latest_year, age``.
    """

    evidence: pd.DataFrame
    unaddressed: pd.DataFrame
    no_measures: pd.DataFrame
    stale: pd.DataFrame

    def __repr__(self) -> str:
        return (f"<Coverage: {self.evidence['outcome_id'].nunique()} outcomes backed by evidence, "
                f"{len(self.unaddressed)} priority issues unaddressed, {len(self.no_measures)} outcomes without "
                f"measures, {len(self.stale)} measures without recent data>")


def coverage(framework: Framework, issues: pd.DataFrame, evidence: Any, *, max_age: int | None = None,
             as_of: int | None = None) -> Coverage:
    """Link the priority issues to the outcomes and list the gaps on both sides.

    Parameters
    ----------
    framework, issues, evidence
        As for :func:`outcome_evidence`.
    max_age
        Years a measure's latest data may be behind ``as_of`` (default the framework's
        ``max_data_age``).
    as_of
        The year age is measured from (default the framework's ``as_of``, else the year
        it was issued), so the report does not change with the day it is run.
    """
    evidence = as_published(evidence)  # "recent data" means recent published data
    linked = outcome_evidence(framework, issues, evidence)
    key = issues["indicator_id"].astype(str) + "\x00" + issues["area_code"].astype(str)
    done = set(linked["indicator_id"].astype(str) + "\x00" + linked["area_code"].astype(str))
    unaddressed = issues[~key.isin(done)].reset_index(drop=True)
    no_measures = pd.DataFrame([{"outcome_id": o.id, "title": o.title, "theme": o.theme}
                                for o in framework.outcomes if not o.all_measures()],
                               columns=["outcome_id", "title", "theme"])
    max_age = framework.max_data_age if max_age is None else max_age
    year = framework.reference_year if as_of is None else as_of
    values = evidence.values[evidence.values["value"].notna()]
    latest = values.groupby(["indicator_id", "area_code"], observed=True)["year"].max()
    rows = []
    for m in framework.measures():
        area = m.area or str(evidence.config.focus_area)
        last = latest.get((m.indicator, area))
        last = None if last is None or pd.isna(last) else int(last)
        if last is None or year - last > max_age:
            rows.append({"measure_id": m.id, "outcome_id": m.outcome_id, "indicator_id": m.indicator,
                         "area_code": area, "latest_year": last, "age": None if last is None else year - last})
    stale = pd.DataFrame(rows, columns=["measure_id", "outcome_id", "indicator_id", "area_code", "latest_year", "age"])
    return Coverage(linked, unaddressed, no_measures, stale.astype({"latest_year": "Int64", "age": "Int64"}))
