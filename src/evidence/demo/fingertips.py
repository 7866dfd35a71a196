"""A Fingertips "download data" CSV for the district-level OHID indicators.

The file mimics what a Fingertips profile's download button gives, quirks included:
the full column set, England and district rows with different area types, ``Male`` and
``Female`` rows besides ``Persons``, inequality breakdowns (``Category Type`` "Ethnic
groups" for smoking, one group planted significantly worse than the whole population),
an indicator name that runs over two lines inside quotes, and blank values explained in
``Value note``.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, logit
from scipy.stats import chi2

from evidence.demo.catalogue import CATALOGUE, PERIODS, Spec
from evidence.polarity import polarity_sign
from evidence.demo.population import england_denominator
from evidence.demo.scenario import DISTRICT_CODE, DISTRICT_NAME
from evidence.demo.values import ENGLAND_CODE

__all__ = ["FINGERTIPS_COLUMNS", "fingertips_rows"]

FINGERTIPS_COLUMNS = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name",
    "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value",
    "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit",
    "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to percentiles",
    "Time period Sortable", "New data", "Compared to goal", "Time period range",
]

#: Published names (one over two lines, as in the real download), ages and sex splits.
_META = {
    "92443": ("Smoking Prevalence in adults (18+) - current smokers (APS)", "18+ yrs",
              {"Male": 0.22, "Female": -0.25}),
    "93014": ("Percentage of physically active adults", "19+ yrs",
              {"Male": 0.08, "Female": -0.08}),
    "21001": ("Emergency Hospital Admissions for Intentional Self-Harm", "All ages",
              {"Male": np.log(0.65), "Female": np.log(1.4)}),
    "93764": ("Admission episodes for alcohol-related conditions (Narrow):\n"
              "Old Method", "All ages", {}),
}
_DISTRICT_TYPE = "Districts & UAs (from Apr 2023)"
_REGION = ("E12000004", "East Midlands region")
_SURVEY_SIZE = {DISTRICT_CODE: 420, ENGLAND_CODE: 160_000}  # effective sample sizes
_Z95, _Z998 = 1.959964, 3.090232
_BLANKS = {("92443", "Male", 2), ("93014", "Persons", 3)}  # (id, sex, period index)
_BLANK_NOTE = "Value not published for data quality reasons"
#: Inequality breakdowns: indicator -> (Category Type, {category: (logit shift, share of the sample)}).
#: In the district, "Mixed" smokes far more than the whole population (planted: worse than persons).
_CATEGORIES = {
    "92443": ("Ethnic groups", {"White": (0.05, 0.80), "Mixed": (1.1, 0.12), "Asian": (-0.7, 0.05),
                                "Black": (-0.4, 0.02), "Other ethnic group": (0.0, 0.01)}),
}


def _number(x: float) -> str:
    """Fingertips prints values with many digits; ours are rounded to 6 decimals."""
    return "" if x is None or np.isnan(x) else repr(round(float(x), 6))


def _wilson(p: float, n: float, z: float) -> tuple[float, float]:
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def _byar(count: float, z: float) -> tuple[float, float]:
    """Byar's limits for a Poisson count (OHID's method for DSRs, via Dobson)."""
    lower = count * (1 - 1 / (9 * count) - z / (3 * np.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * np.sqrt(count + 1))) ** 3
    return lower, upper


def _estimate(rng, spec: Spec, area: str, eta: float, pop: float):
    """(value, limits95, limits998, count, denominator) for one row."""
    if spec.value_type == "proportion":
        n = _SURVEY_SIZE[area]
        p = float(expit(eta + (rng.normal(0, 0.07) if area == DISTRICT_CODE else 0.0)))
        limits = [_wilson(p, n, z) for z in (_Z95, _Z998)]
        return 100 * p, [100 * v for v in limits[0]], [100 * v for v in limits[1]], None, None
    rate = float(np.exp(eta))
    count = float(rng.poisson(rate * pop)) if area == DISTRICT_CODE else round(rate * pop)
    dsr = count / pop * 1e5 * (1 + (rng.normal(0, 0.02) if area == DISTRICT_CODE else 0.0))
    limits = [tuple(dsr * v / count for v in _byar(count, z)) for z in (_Z95, _Z998)]
    return dsr, limits[0], limits[1], count, round(pop)


def _compare(spec: Spec, value, low, high, england) -> str:
    if np.isnan(value):
        return "Not compared"
    if low <= england <= high:
        return "Similar"
    higher = low > england
    if spec.polarity == "no_judgement":
        return "Higher" if higher else "Lower"
    return "Worse" if higher == (polarity_sign(spec.polarity) < 0) else "Better"


def _trend(spec: Spec, values: list[float], i: int) -> str:
    """A Fingertips-like recent-trend label (needs five points)."""
    recent = [v for v in values[max(0, i - 4): i + 1] if not np.isnan(v)]
    if i < 4 or len(recent) < 5:
        return "Cannot be calculated"
    change = recent[-1] / recent[0] - 1
    if abs(change) < 0.08:
        return "No significant change"
    direction = "Increasing" if change > 0 else "Decreasing"
    better = (change < 0) == (polarity_sign(spec.polarity) < 0)
    return f"{direction} and getting {'better' if better else 'worse'}"


def fingertips_rows(seed: int, district_population: np.ndarray) -> list[list[str]]:
    """Rows (as text) of the Fingertips download for the catalogue's Fingertips indicators.

    ``district_population`` is the district's population by year from 2017. Each
    indicator draws from its own stream (``default_rng([seed, 3, i])``).
    """
    populations = {ENGLAND_CODE: england_denominator("pop"), DISTRICT_CODE: district_population}
    rows: list[list[str]] = []
    for i, spec in enumerate(CATALOGUE):
        if spec.level != "fingertips":
            continue
        rng = np.random.default_rng([seed, 3, i])
        name, age, sexes = _META[spec.id]
        periods = PERIODS[spec.periods]
        years = np.arange(len(periods)) + (1 if spec.periods == "cal" else 0)
        link = logit if spec.value_type == "proportion" else (lambda v: np.log(v / 1e5))
        for sex, shift in [("Persons", 0.0), *sexes.items()]:
            series = {}
            for area, level in ((ENGLAND_CODE, spec.england), (DISTRICT_CODE, spec.base)):
                base = link(level / (100 if spec.value_type == "proportion" else 1))
                series[area] = [
                    _estimate(rng, spec, area, base + shift + spec.trend * t,
                              populations[area][years[t]])
                    for t in range(len(periods))
                ]
                for t in range(len(periods)):
                    if area == DISTRICT_CODE and (spec.id, sex, t) in _BLANKS:
                        series[area][t] = (np.nan, (np.nan,) * 2, (np.nan,) * 2, None, None)
            rows += _rows(spec, name, age, sex, ("", ""), series, periods)
        if spec.id in _CATEGORIES:
            rows += _category_rows(np.random.default_rng([seed, 4, i]), spec, name, age, periods, populations, link)
    return rows


def _category_rows(rng, spec: Spec, name: str, age: str, periods, populations, link) -> list[list[str]]:
    """The rows of one indicator's inequality breakdown (survey proportions: sample shared by category)."""
    kind, categories = _CATEGORIES[spec.id]
    rows = []
    for category, (shift, share) in categories.items():
        series = {}
        for area, level in ((ENGLAND_CODE, spec.england), (DISTRICT_CODE, spec.base)):
            base = link(level / 100)
            size = max(int(_SURVEY_SIZE[area] * share), 8)
            series[area] = []
            for t in range(len(periods)):
                p = float(expit(base + shift + spec.trend * t + (rng.normal(0, 0.07) if area == DISTRICT_CODE else 0)))
                limits = [_wilson(p, size, z) for z in (_Z95, _Z998)]
                series[area].append((100 * p, [100 * v for v in limits[0]], [100 * v for v in limits[1]], None,
                                     None))
        rows += _rows(spec, name, age, "Persons", (kind, category), series, periods, trend=False)
    return rows


def _rows(spec: Spec, name: str, age: str, sex: str, category: tuple[str, str], series, periods, *,
          trend: bool = True) -> list[list[str]]:
    """The download's rows of one sex or category, England then the district."""
    rows = []
    for area in (ENGLAND_CODE, DISTRICT_CODE):
        values = [row[0] for row in series[area]]
        for t, (value, ci95, ci998, count, den) in enumerate(series[area]):
            england = area == ENGLAND_CODE
            rows.append([
                spec.id, name, "" if england else _REGION[0],
                "" if england else _REGION[1], area,
                "England" if england else DISTRICT_NAME,
                "England" if england else _DISTRICT_TYPE, sex, age, *category,
                periods[t], _number(value), _number(ci95[0]), _number(ci95[1]),
                _number(ci998[0]), _number(ci998[1]),
                "" if count is None else str(int(count)),
                "" if den is None else str(int(den)),
                _BLANK_NOTE if np.isnan(value) else "",
                _trend(spec, values, t) if sex == "Persons" and trend else "Cannot be calculated",
                "Not compared" if england else _compare(
                    spec, value, *ci95, series[ENGLAND_CODE][t][0]),
                "Not compared", f"{periods[t][:4]}0000",
                "New data" if t == len(periods) - 1 else "", "Not compared", "1y",
            ])
    return rows
