"""Confidence limits for a count of events taken to follow a Poisson distribution.

Shared by :func:`evidence.stats.rate` and :func:`evidence.stats.dsr`, following
PHEindicatormethods (``byars_lower``, ``byars_upper`` and ``phe_rate``) and the
PHE Technical Guide "Confidence intervals" (appendices 1 and 2).
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaincinv

from evidence.stats._inputs import z_value

#: Counts below this get exact limits; Byar's approximation is used from here up.
EXACT_BELOW = 10


def byar_lower(count: np.ndarray, z: float) -> np.ndarray:
    """Byar's lower limit for an observed count: ``O (1 - 1/(9O) - z/(3 sqrt O))^3``."""
    return _byar(count, -z)


def byar_upper(count: np.ndarray, z: float) -> np.ndarray:
    """Byar's upper limit: ``(O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3``."""
    return _byar(count + 1, z)


def _byar(count: np.ndarray, z: float) -> np.ndarray:
    """``count (1 - 1/(9 count) + z/(3 sqrt count))^3``, computed in place.

    These run on tens of millions of rows, where every temporary array costs as
    much as the arithmetic; the operations and their order are those of the
    formula. The cube is two multiplications, within an ulp of ``pow``.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        base = np.multiply(count, 9.0)
        np.divide(1.0, base, out=base)
        np.subtract(1.0, base, out=base)
        step = np.sqrt(count)
        step *= 3.0
        np.divide(abs(z), step, out=step)
        if z < 0:
            base -= step
        else:
            base += step
        np.multiply(base, base, out=step)
        step *= base
        step *= count
    return step


def count_limits(count: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lower and upper limits for each count, and which rows got exact limits.

    Counts of 10 or more use Byar's method. Smaller counts use the exact limits
    from the chi-squared distribution, ``qchisq(a/2, 2O)/2`` and
    ``qchisq(1 - a/2, 2O + 2)/2``; since ``chi2(2k)/2`` is ``Gamma(k)``, these are
    computed as inverse regularised incomplete gamma functions, and only on the
    rows that need them. A count of 0 has a lower limit of exactly 0.
    """
    z = z_value(level)
    lower = byar_lower(count, z)
    upper = byar_upper(count, z)
    exact = count < EXACT_BELOW
    rows = np.flatnonzero(exact)
    if rows.size:
        small = count[rows]
        tail = (1 - level) / 2
        lower_small = np.zeros_like(small)
        events = small > 0
        lower_small[events] = gammaincinv(small[events], tail)
        lower[rows] = lower_small
        upper[rows] = gammaincinv(small + 1, level + tail)
    return lower, upper, exact
