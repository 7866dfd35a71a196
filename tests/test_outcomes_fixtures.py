"""Shared builders for the ``test_outcomes_*`` tests (this file holds no tests).

:func:`make_evidence` builds a real :class:`evidence.EvidenceBase` around the tiny
project's configuration with hand-made values, so that every baseline, target and
status has a known answer; :func:`write_yaml` writes an ``outcomes.yml``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
from tinyproject import DISTRICT, ENGLAND, LSOAS, WARDS, write_tiny_project

from evidence.config import read_config
from evidence.evidence_base import EvidenceBase

INDICATORS = pd.DataFrame([
    # id, name, theme, unit, polarity
    ("crime", "Violent crime", "safer", "per 1,000", "lower_is_better"),
    ("employment", "Employment rate", "healthy", "%", "higher_is_better"),
    ("age", "Median age", "healthy", "years", "no_judgement"),
    ("old", "Old survey", "safer", "%", "higher_is_better"),
], columns=["id", "name", "theme", "unit", "polarity"]).assign(
    theme_name=lambda f: f["theme"].str.title(), value_type="rate", multiplier=1.0, source="test", definition="")

AREAS = pd.DataFrame({
    "area_code": [*LSOAS, *WARDS, DISTRICT, "NP01", ENGLAND],
    "area_name": ["Tiny 001A", "Tiny 002A", "Tiny 003A", "Tiny 004A", "West", "East", "Tinyshire",
                  "East & West <Partnership>", "England"],
    "area_type": ["lsoa"] * 4 + ["ward"] * 2 + ["district", "neighbourhood", "england"],
    "ward_code": [WARDS[0]] * 2 + [WARDS[1]] * 2 + [None] * 5,
    "district_code": [DISTRICT] * 6 + [None, DISTRICT, None],
})


def value_rows() -> pd.DataFrame:
    """Values with known answers (see the tests for what each one is for)."""
    rows = [
        # crime, district (lower is better): baseline 2020/21 = 20 (18-22), England 10
        *[("crime", DISTRICT, f"{y}/{(y + 1) % 100:02d}", y, v, lo, hi) for y, v, lo, hi in [
            (2018, 24, 22, 26), (2019, 22, 20, 24), (2020, 20, 18, 22)]],
        *[("crime", ENGLAND, f"{y}/{(y + 1) % 100:02d}", y, 10, 9.9, 10.1) for y in (2018, 2019, 2020)],
        # crime in target years: met (13-17 < 19), missed (21-29 > 19), too close (17-22 around 19)
        ("crime", DISTRICT, "2021/22", 2021, 15, 13, 17),
        ("crime", DISTRICT, "2022/23", 2022, 25, 21, 29),
        ("crime", DISTRICT, "2023/24", 2023, 19.5, 17, 22),
        ("crime", WARDS[0], "2020/21", 2020, 30, 25, 35),
        # employment, ward West (higher is better), no intervals: point fallback
        ("employment", WARDS[0], "2020", 2020, 68, None, None),
        ("employment", WARDS[0], "2021", 2021, 72, None, None),
        ("employment", WARDS[0], "2022", 2022, 65, None, None),
        ("employment", DISTRICT, "2020", 2020, 70, None, None),
        # age, district (no polarity): range targets 40-50
        ("age", DISTRICT, "2020", 2020, 45, 44, 46),
        ("age", DISTRICT, "2021", 2021, 45, 42, 48),
        ("age", DISTRICT, "2022", 2022, 53, 51, 55),
        ("age", DISTRICT, "2023", 2023, 50, 48, 52),
        # old: latest data 2015 (stale by 2025)
        ("old", DISTRICT, "2015", 2015, 50, 45, 55),
    ]
    frame = pd.DataFrame(rows, columns=["indicator_id", "area_code", "period", "year", "value", "lower", "upper"])
    frame["year"] = frame["year"].astype("Int64")
    main = {DISTRICT: ENGLAND, WARDS[0]: DISTRICT}
    frame["comparator_code"] = frame["area_code"].map(main)
    lookup = frame.set_index(["indicator_id", "area_code", "year"])["value"]
    frame["comparator_value"] = [lookup.get((i, c, y)) for i, c, y in
                                 zip(frame["indicator_id"], frame["comparator_code"], frame["year"])]
    return frame.astype({"indicator_id": "string", "area_code": "string", "period": "string",
                         "comparator_value": float})


def make_evidence(folder: Path, values: pd.DataFrame | None = None) -> EvidenceBase:
    """A real EvidenceBase: the tiny project's config with the values above."""
    root = write_tiny_project(folder)
    config, problems = read_config(root)
    problems.raise_if_errors()
    return EvidenceBase(config, value_rows() if values is None else values, pd.DataFrame(), INDICATORS.copy(),
                        AREAS.copy())


def write_yaml(folder: Path, text: str, name: str = "outcomes.yml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path
