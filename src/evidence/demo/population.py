"""Seeded populations: the denominators behind every rate and proportion.

Each LSOA gets a resident population of 1,000 to about 3,000 (ONS keeps LSOAs in
1,000-3,000), growing slowly, and a demographic mix that follows its deprivation:
deprived areas are younger with bigger households; affluent and rural ones older.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["DENOMINATORS", "ENGLAND_POPULATION", "england_denominator", "lsoa_populations"]

#: Share of the total population in each denominator group (England-like), with how
#: the share moves per unit of deprivation.
DENOMINATORS: dict[str, tuple[float, float]] = {
    "pop": (1.0, 0.0),
    "pop16_64": (0.625, 0.005),
    "pop65": (0.19, -0.035),
    "children": (0.185, 0.02),  # aged 0-15
    "adults16": (0.815, -0.02),
    "adults19": (0.78, -0.02),
    "age10_17": (0.093, 0.01),
    "age16_17": (0.023, 0.003),
    "age18_24": (0.075, 0.008),
    "females15_17": (0.017, 0.002),
    "year_group": (0.0118, 0.0013),  # one school year (Reception, Year 6, Key Stage 4...)
    "pupils": (0.128, 0.014),  # aged 5-15 in state schools
    "births": (0.0105, 0.0015),
    "households": (0.425, -0.02),  # households per resident
}

#: England's population by year, 2017 to 2024.
ENGLAND_POPULATION = np.array(
    [55.62e6, 55.98e6, 56.29e6, 56.55e6, 56.54e6, 57.11e6, 57.69e6, 58.2e6]
)


def lsoa_populations(
    rng: np.random.Generator, deprivation: np.ndarray, n_years: int
) -> dict[str, np.ndarray]:
    """Denominators by group: arrays of shape ``(n_lsoas, n_years)`` of whole numbers.

    Parameters
    ----------
    rng
        The generator for this component.
    deprivation
        Latent deprivation of each LSOA.
    n_years
        Number of annual periods (year index 0 is 2017, or 2017/18).
    """
    n = len(deprivation)
    base = 1000.0 + rng.gamma(2.0, 80.0, n)
    growth = rng.normal(0.006, 0.004, n)
    growth[rng.choice(n, 2, replace=False)] = 0.06  # two new housing estates
    years = np.arange(n_years)
    pop = base[:, None] * (1 + growth[:, None]) ** years[None, :]
    pop = np.minimum(pop, 2990.0)
    out = {}
    for group, (share, slope) in DENOMINATORS.items():
        shares = np.clip(share + slope * deprivation, share * 0.4, share * 1.8)
        size = pop * shares[:, None]
        if share < 0.05:  # small groups vary from year to year
            size = size * rng.normal(1.0, 0.08, size.shape)
        out[group] = np.maximum(np.round(size), 1.0)
    out["pop"] = np.round(pop)
    return out


def england_denominator(group: str) -> np.ndarray:
    """England's denominator of a group by year index (whole numbers)."""
    share, _ = DENOMINATORS[group]
    return np.round(ENGLAND_POPULATION * share)
