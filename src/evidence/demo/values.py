"""The value model: seeded numerators, denominators and values for every indicator.

Values follow each LSOA's latent deprivation and urbanity (see
:mod:`evidence.demo.scenario`) through the effects in the :class:`~.catalogue.Spec`,
so related indicators move together. Counts are drawn (binomial for proportions,
Poisson for rates) so small areas have small, noisy numerators, as real ones do.

District figures are the exact sums of the published LSOA or ward numerators and
denominators where those exist, so aggregating the small areas reproduces them; for
district-only indicators they are the district's own figures. England figures are
smooth national series with large numerators or published limits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from evidence.demo.catalogue import CATALOGUE, PERIODS, Spec
from evidence.demo.population import england_denominator, lsoa_populations
from evidence.demo.scenario import DISTRICT_CODE, Scenario

__all__ = ["ENGLAND_CODE", "TIDY_COLUMNS", "DemoValues", "build_values"]

ENGLAND_CODE = "E92000001"
TIDY_COLUMNS = ["indicator_id", "area_code", "period", "value", "numerator", "denominator",
                "lower", "upper"]
_N_YEARS = 8  # population years 2017 .. 2024


@dataclass(frozen=True)
class DemoValues:
    """Tidy value tables in ``TIDY_COLUMNS`` (floats; formatting happens when writing).

    ``district_population`` is the district's population by year, 2017 to 2024.
    """

    lsoa: pd.DataFrame
    ward: pd.DataFrame
    comparators: pd.DataFrame
    district_population: np.ndarray


def _year_index(kind: str) -> np.ndarray:
    """Population year index (0 = 2017) of each period of a kind."""
    return {"fy": np.arange(7), "cal": np.arange(1, 8), "pooled": np.arange(6),
            "census": np.array([0, 4]), "imd": np.array([2])}[kind]


def _time(spec: Spec) -> np.ndarray:
    """Years since the first period (census periods are ten years apart)."""
    n = len(PERIODS[spec.periods])
    return np.arange(n) * (10.0 if spec.periods == "census" else 1.0)


def _link(spec: Spec, value: float) -> float:
    """The base value on the link scale of the spec's value type."""
    if spec.value_type == "proportion":
        return float(logit(value / spec.multiplier))
    if spec.value_type == "mean":
        return value
    return float(np.log(value / spec.multiplier))


def _inverse(spec: Spec, eta: np.ndarray) -> np.ndarray:
    """Link scale back to a probability (proportion), rate per person, or value."""
    if spec.value_type == "proportion":
        return expit(eta)
    if spec.value_type == "mean":
        return eta
    return np.exp(eta)


def _effects(spec: Spec, n_periods: int) -> np.ndarray:
    """Trend plus shocks, by period, shared by every area (link scale)."""
    effect = spec.trend * _time(spec)
    for period, shock in spec.shocks:
        if period < n_periods:
            effect[period] += shock
    return effect


def _eta(rng, spec, deprivation, urban, role) -> np.ndarray:
    """Linear predictor of each area (rows) and period (columns)."""
    n_periods = len(PERIODS[spec.periods])
    deprived = (role == "deprived").astype(float)
    planted = sum(np.where(role == r, e, 0.0) for r, e in spec.roles) if spec.roles else 0.0
    area = (_link(spec, spec.base) + spec.slope * deprivation
            + spec.urban * (urban - 0.3) + planted)
    noise_sd = 0.6 if spec.value_type == "mean" else 0.08
    area = area + rng.normal(0, noise_sd, len(deprivation))
    eta = area[:, None] + _effects(spec, n_periods)[None, :]
    eta += spec.dep_trend * deprived[:, None] * _time(spec)[None, :]
    return eta + rng.normal(0, noise_sd / 3, eta.shape)


def _draw(rng, spec: Spec, eta: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Numerators: binomial for proportions, Poisson for rates."""
    if spec.value_type == "proportion":
        return rng.binomial(den.astype(np.int64), expit(eta)).astype(float)
    return rng.poisson(den * np.exp(eta)).astype(float)


def _frame(spec, codes, periods, value, num=None, den=None, lower=None, upper=None):
    """A tidy frame for one indicator from (area x period) arrays."""
    shape = (len(codes), len(periods))
    blank = np.full(shape, np.nan)

    def flat(a):
        return (blank if a is None else np.broadcast_to(a, shape)).ravel()

    frame = pd.DataFrame({
        "indicator_id": spec.id,
        "area_code": np.repeat(np.asarray(codes, dtype=object), len(periods)),
        "period": np.tile(np.asarray(periods, dtype=object), len(codes)),
        "value": flat(value), "numerator": flat(num), "denominator": flat(den),
        "lower": flat(lower), "upper": flat(upper),
    })
    keep = ~np.isin(np.arange(len(periods)), spec.skip)
    return frame[np.tile(keep, len(codes))]


def _ratio(spec, num, den):
    return np.divide(num, den) * spec.multiplier


def _england(spec: Spec, periods: list[str]) -> pd.DataFrame:
    """England's series: large numerators, or published limits for surveys and means."""
    years = _year_index(spec.periods)
    if spec.value_type == "count":
        pop = england_denominator("pop")[years]
        return _frame(spec, [ENGLAND_CODE], periods, pop[None], pop[None])
    eta = _link(spec, spec.england) + _effects(spec, len(periods))
    if spec.denominator in (None, "survey"):
        value = _inverse(spec, eta) * (1 if spec.value_type == "mean" else spec.multiplier)
        if spec.denominator == "survey":  # national survey: +/- 1 percentage point
            half = np.full(len(periods), 1.0)
        elif spec.level in ("ward", "district"):  # life expectancy, earnings
            half = 0.06 if spec.unit == "years" else 0.006 * value
        else:  # travel times, IMD: no limits published
            half = None
        lower, upper = (None, None) if half is None else ((value - half)[None],
                                                          (value + half)[None])
        return _frame(spec, [ENGLAND_CODE], periods, value[None], lower=lower, upper=upper)
    den = england_denominator(spec.denominator)[years]
    num = np.round(den * _inverse(spec, eta))
    return _frame(spec, [ENGLAND_CODE], periods, _ratio(spec, num, den)[None], num[None],
                  den[None])


def _lsoa(rng, spec, scenario, pops):
    """LSOA table of one indicator, and the district figures built from it."""
    periods = PERIODS[spec.periods]
    years = _year_index(spec.periods)
    lsoas = scenario.lsoas
    codes, dep, urb = lsoas["lsoa_code"], lsoas["deprivation"].to_numpy(), lsoas["urban"]
    role = lsoas["role"].to_numpy()
    pop = pops["pop"][:, years]
    if spec.value_type == "count":
        return _frame(spec, codes, periods, pop, pop), _frame(
            spec, [DISTRICT_CODE], periods, pop.sum(0)[None], pop.sum(0)[None])
    if spec.denominator is None:  # value only: a mean, or a score for one period
        if spec.value_type == "score":
            noise = rng.normal(0, 0.2, len(dep))
            value = np.exp(np.log(spec.base) + spec.slope * dep + noise)[:, None]
        else:
            value = _inverse(spec, _eta(rng, spec, dep, urb.to_numpy(), role))
        weighted = (value * pop).sum(0) / pop.sum(0)
        return (_frame(spec, codes, periods, np.round(value, spec.decimals)),
                _frame(spec, [DISTRICT_CODE], periods, weighted[None]))
    den = pops[spec.denominator][:, years]
    if spec.periods == "census":
        den = np.round(den * np.array([0.96, 1.0]))
    if spec.id == "healthy_population_65plus":
        num = pops["pop65"][:, years]
    else:
        num = _draw(rng, spec, _eta(rng, spec, dep, urb.to_numpy(), role), den)
    if spec.id == "yp_gcse_grade5":  # one LSOA's 2020/21 figure was not published
        num[7, 3], den = np.nan, den.copy()
        den[7, 3] = np.nan
    value = _ratio(spec, num, den)
    d_num, d_den = np.nansum(num, 0), np.nansum(den, 0)
    return (_frame(spec, codes, periods, value, num, den),
            _frame(spec, [DISTRICT_CODE], periods, _ratio(spec, d_num, d_den)[None],
                   d_num[None], d_den[None]))


def _ward_traits(scenario, pops):
    """Population-weighted deprivation and urbanity, and population, of each ward."""
    ward = scenario.lsoas["ward"].to_numpy()
    weight = pops["pop"][:, 4]
    n = len(scenario.wards)
    total = np.bincount(ward, weight, n)
    dep = np.bincount(ward, weight * scenario.lsoas["deprivation"], n) / total
    urb = np.bincount(ward, weight * scenario.lsoas["urban"], n) / total
    return dep, urb, total


def _ward(rng, spec, scenario, pops):
    """Ward table of one indicator, and the district figures built from it."""
    periods = PERIODS[spec.periods]
    codes = scenario.wards["ward_code"]
    role = scenario.wards["role"].to_numpy()
    dep, urb, total = _ward_traits(scenario, pops)
    eta = _eta(rng, spec, dep, urb, role)
    if spec.value_type == "mean":  # life expectancy with published limits
        half = 125.0 / np.sqrt(total)[:, None]
        value = eta
        d_value = (value * total[:, None]).sum(0) / total.sum() + rng.normal(0, 0.1, eta.shape[1])
        d_half = 125.0 / np.sqrt(total.sum())
        return (_frame(spec, codes, periods, value, lower=value - half, upper=value + half),
                _frame(spec, [DISTRICT_CODE], periods, d_value[None], lower=d_value[None] - d_half,
                       upper=d_value[None] + d_half))
    if spec.denominator == "survey":
        den = rng.integers(110, 230, eta.shape).astype(float)
    else:
        ward = scenario.lsoas["ward"].to_numpy()
        group = pops[spec.denominator][:, _year_index(spec.periods)]
        den = np.stack([np.bincount(ward, group[:, t], len(codes)) for t in range(len(periods))], 1)
    num = _draw(rng, spec, eta, den)
    if spec.id == "thr_satisfaction_area":  # one ward was not surveyed in 2020
        num, den = num.copy(), den.copy()
        num[int(np.argmax(dep)), 2] = den[int(np.argmax(dep)), 2] = np.nan
    d_num, d_den = np.nansum(num, 0), np.nansum(den, 0)
    return (_frame(spec, codes, periods, _ratio(spec, num, den), num, den),
            _frame(spec, [DISTRICT_CODE], periods, _ratio(spec, d_num, d_den)[None],
                   d_num[None], d_den[None]))


def _district(rng, spec, pops):
    """The district's own figures for a district-only indicator."""
    periods = PERIODS[spec.periods]
    eta = _link(spec, spec.base) + _effects(spec, len(periods)) + rng.normal(0, 0.03, len(periods))
    if spec.denominator in (None, "survey"):
        value = _inverse(spec, eta) * (1 if spec.value_type == "mean" else spec.multiplier)
        half = 0.06 * value if spec.value_type == "mean" else np.full(len(periods), 3.3)
        return _frame(spec, [DISTRICT_CODE], periods, value[None], lower=(value - half)[None],
                      upper=(value + half)[None])
    den = pops[spec.denominator][:, _year_index(spec.periods)].sum(0)
    num = _draw(rng, spec, eta, den)
    return _frame(spec, [DISTRICT_CODE], periods, _ratio(spec, num, den)[None], num[None],
                  den[None])


def build_values(seed: int, scenario: Scenario) -> DemoValues:
    """Draw every non-Fingertips indicator's values for the scenario.

    Each indicator draws from its own stream (``default_rng([seed, 2, i])``), so adding
    or changing one indicator leaves the others' values unchanged.
    """
    pops = lsoa_populations(np.random.default_rng([seed, 1]), scenario.lsoas["deprivation"]
                            .to_numpy(), _N_YEARS)
    lsoa, ward, comp = [], [], []
    for i, spec in enumerate(CATALOGUE):
        rng = np.random.default_rng([seed, 2, i])
        if spec.level == "lsoa":
            small, district = _lsoa(rng, spec, scenario, pops)
            lsoa.append(small)
        elif spec.level == "ward":
            small, district = _ward(rng, spec, scenario, pops)
            ward.append(small)
        elif spec.level == "district":
            district = _district(rng, spec, pops)
        else:
            continue  # Fingertips download: see evidence.demo.fingertips
        comp += [district, _england(spec, PERIODS[spec.periods])]
    frames = (_sorted(pd.concat(f, ignore_index=True)) for f in (lsoa, ward, comp))
    return DemoValues(*frames, pops["pop"].sum(0))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in catalogue order, then by area code, periods in time order (stable)."""
    order = {s.id: i for i, s in enumerate(CATALOGUE)}
    key = pd.DataFrame({"i": frame["indicator_id"].map(order), "a": frame["area_code"]})
    return frame.iloc[key.sort_values(["i", "a"], kind="stable").index].reset_index(drop=True)
