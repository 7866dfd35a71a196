"""Proportions with Wilson score confidence limits."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.stats._inputs import (
    as_arrays,
    check_level,
    check_multiplier,
    reject,
    reject_negative,
    reject_not_positive,
    result,
    show_pairs,
    z_value,
)


def proportion(
    numerator: object,
    denominator: object,
    multiplier: float = 100,
    level: float = 0.95,
) -> pd.DataFrame:
    """Proportions with Wilson score confidence limits (no continuity correction).

    The method of the Fingertips profiles: PHE Technical Guide "Confidence
    intervals", appendix 3, and ``phe_proportion`` in the R package
    PHEindicatormethods. With ``p`` cases out of ``n`` and ``z`` the two-sided
    normal quantile, the limits are
    ``(2p + z² ± z·sqrt(z² + 4p(1 - p/n))) / (2(n + z²))``, times ``multiplier``.

    Parameters
    ----------
    numerator : Series, array-like or number
        Cases meeting the condition. Need not be whole numbers (weighted counts).
    denominator : Series, array-like or number
        Cases in the sample; above zero and at least the numerator.
    multiplier : float, default 100
        Scale of the result: 100 for a percentage, 1 for a proportion.
    level : float, default 0.95
        Confidence level, strictly between 0 and 1 (0.95, 0.998...).

    Returns
    -------
    DataFrame
        ``value``, ``lower``, ``upper``, one row per input row, with the index of
        the Series inputs (or a ``RangeIndex``). A missing numerator or
        denominator gives a missing row. A numerator of 0 has a lower limit of
        exactly 0; a numerator equal to the denominator an upper limit of exactly
        ``multiplier``.

    Raises
    ------
    DataError
        For a negative numerator, a denominator of 0 or below, a numerator above
        its denominator, or a bad ``level`` or ``multiplier``. The message names
        the rows.

    Examples
    --------
    >>> from evidence.stats import proportion
    >>> proportion([81, 0], [263, 20]).round(2)
       value  lower  upper
    0   30.8  25.53  36.62
    1    0.0   0.00  16.11
    """
    level = check_level(level)
    multiplier = check_multiplier(multiplier)
    index, (cases, sample) = as_arrays(("numerator", numerator), ("denominator", denominator))
    reject_negative("numerator", cases, index)
    reject_not_positive("denominator", sample, index)
    reject(
        cases > sample,
        index,
        "numerator is greater than denominator",
        show_pairs(cases, sample, ">"),
        "A proportion's numerator must be part of its denominator; is this a rate?",
    )
    z = z_value(level)
    z2 = z * z
    # (2p + z² ± z·sqrt(z² + 4p(1 - p/n))) / 2 / (n + z²), in place where possible:
    # this runs on tens of millions of rows, where temporaries cost as much as arithmetic.
    root = cases / sample
    np.subtract(1.0, root, out=root)
    root *= cases
    root *= 4.0
    root += z2
    np.sqrt(root, out=root)
    root *= z
    lower = 2 * cases + z2
    upper = lower + root
    lower -= root
    denominator = np.add(sample, z2, out=root)
    for limit in (lower, upper):
        limit /= 2
        limit /= denominator
        limit *= multiplier
    lower[(cases == 0) & (sample > 0)] = 0.0  # not where the denominator is missing
    upper[cases == sample] = multiplier
    return result(index, cases / sample * multiplier, lower, upper)
