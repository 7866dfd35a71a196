"""Crude rates with Byar's or exact Poisson confidence limits."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.stats._inputs import (
    as_arrays,
    check_level,
    check_multiplier,
    reject_negative,
    reject_not_positive,
    result,
)
from evidence.stats._poisson import count_limits

#: The values of the ``method`` column, by code.
METHODS = ("byar", "exact_poisson")


def rate(
    numerator: object,
    denominator: object,
    multiplier: float = 100000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Rates with Byar's confidence limits, or exact Poisson limits for small counts.

    The method of the Fingertips profiles: PHE Technical Guide "Confidence
    intervals", appendices 1 and 2, and ``phe_rate`` in the R package
    PHEindicatormethods. Counts of 10 or more use Byar's approximation; smaller
    counts the exact limits from the chi-squared distribution. The count's
    limits are divided by the denominator and scaled by ``multiplier``.

    Parameters
    ----------
    numerator : Series, array-like or number
        Events (deaths, admissions...), 0 or more.
    denominator : Series, array-like or number
        Population or person-time at risk, above zero.
    multiplier : float, default 100000
        Scale of the result: 100000 for a rate per 100,000.
    level : float, default 0.95
        Confidence level, strictly between 0 and 1 (0.95, 0.998...).

    Returns
    -------
    DataFrame
        ``value``, ``lower``, ``upper`` and ``method`` (a categorical, ``byar`` or
        ``exact_poisson``), one row per input row, with the index of the Series
        inputs (or a ``RangeIndex``). A missing numerator or denominator gives a
        missing row with a missing method. A numerator of 0 has a lower limit of
        exactly 0.

    Raises
    ------
    DataError
        For a negative numerator, a denominator of 0 or below, or a bad
        ``level`` or ``multiplier``. The message names the rows.

    Examples
    --------
    >>> from evidence.stats import rate
    >>> rate([0, 8, 68], [1000, 155, 174]).round(1)
         value    lower    upper         method
    0      0.0      0.0    368.9  exact_poisson
    1   5161.3   2228.3  10169.8  exact_poisson
    2  39080.5  30346.1  49544.5           byar
    """
    level = check_level(level)
    multiplier = check_multiplier(multiplier)
    index, (events, population) = as_arrays(("numerator", numerator), ("denominator", denominator))
    reject_negative("numerator", events, index)
    reject_not_positive("denominator", population, index)
    lower, upper, exact = count_limits(events, level)
    codes = exact.astype(np.int8)
    codes[np.isnan(events) | np.isnan(population)] = -1
    return result(
        index,
        events / population * multiplier,
        lower / population * multiplier,
        upper / population * multiplier,
        method=pd.Categorical.from_codes(codes, categories=METHODS),
    )
