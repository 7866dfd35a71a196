"""Means with confidence limits from Student's t-distribution."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from evidence.errors import DataError
from evidence.stats._inputs import (
    as_arrays,
    as_column_list,
    check_level,
    group_rows,
    group_sums,
    reject,
    require_columns,
    result,
    show_values,
)


def mean(
    values: object = None,
    *,
    mean: object = None,
    sd: object = None,
    n: object = None,
    level: float = 0.95,
    by: str | list[str] | None = None,
) -> pd.DataFrame:
    """Means with confidence limits from Student's t-distribution.

    The method of ``phe_mean`` in the R package PHEindicatormethods:
    ``mean ± |t(a/2, n - 1)| · sd / sqrt(n)``, with the sample standard deviation
    (divisor ``n - 1``). Give either the raw ``values``, or the summary
    statistics ``mean``, ``sd`` and ``n`` (already computed, one row each).

    Parameters
    ----------
    values : Series, array-like or DataFrame, optional
        The raw values. A Series or array gives one mean of all of them. A
        DataFrame gives one mean per group of ``by``: it holds the ``by``
        columns and exactly one other column, the values, e.g.
        ``mean(df[["area", "score"]], by="area")``.
    mean, sd, n : Series, array-like or number, optional
        Summary statistics, keyword only, instead of ``values``: one result per
        row. ``sd`` must be 0 or more and ``n`` at least 1.
    level : float, default 0.95
        Confidence level, strictly between 0 and 1 (0.95, 0.998...).
    by : str or list of str, optional
        With a DataFrame of ``values``, the columns naming the groups.

    Returns
    -------
    DataFrame
        ``value``, ``lower``, ``upper``. From summary statistics: one row per
        input row, with the index of the Series inputs (or a ``RangeIndex``).
        From values: one row per group, indexed by the ``by`` columns (sorted),
        or a single row at 0. A missing value makes its group's mean missing, as
        in the reference method; a group of one value has no limits.

    Raises
    ------
    DataError
        For a mix of ``values`` and summary statistics, an incomplete set of
        summary statistics, a negative ``sd``, an ``n`` below 1, ``by`` without a
        DataFrame, or a bad ``level``.

    Examples
    --------
    >>> import pandas as pd
    >>> from evidence.stats import mean
    >>> mean([30, 40, 50, 60]).round(3)
       value   lower   upper
    0   45.0  24.457  65.543
    >>> scores = pd.DataFrame({"area": ["A", "A", "A", "B", "B"], "score": [1, 2, 3, 10, 14]})
    >>> mean(scores, by="area").round(3).reset_index()
      area  value   lower   upper
    0    A    2.0  -0.484   4.484
    1    B   12.0 -13.412  37.412
    >>> mean(mean=[2.0], sd=[1.0], n=[3]).round(3)
       value  lower  upper
    0    2.0 -0.484  4.484
    """
    level = check_level(level)
    summary = {"mean": mean, "sd": sd, "n": n}
    given = [name for name, statistic in summary.items() if statistic is not None]
    if values is not None:
        if given:
            raise DataError(
                f"Give either values or the summary statistics mean, sd and n, not both "
                f"(got values and {', '.join(given)})."
            )
        return _from_values(values, by, level)
    if by is not None:
        raise DataError(
            "by groups raw values, but summary statistics were given; each row of "
            "mean, sd and n is already one group."
        )
    if len(given) < len(summary):
        missing = [name for name in summary if name not in given]
        raise DataError(f"Give values, or all of mean, sd and n; {', '.join(missing)} missing.")
    index, (centre, spread, size) = as_arrays(*summary.items())
    reject(spread < 0, index, "sd is negative", show_values(spread))
    reject(size < 1, index, "n is below 1", show_values(size), "n is the number of values behind each mean.")
    # The value column must not share memory with the caller's mean.
    return _t_interval(index, np.array(centre, dtype=np.float64), spread, size, level)


def _from_values(values: object, by: object, level: float) -> pd.DataFrame:
    by_columns = as_column_list(by)
    if isinstance(values, pd.DataFrame):
        require_columns(values, by_columns, "values")
        rest = [column for column in values.columns if column not in by_columns]
        if len(rest) != 1:
            raise DataError(
                f"values must hold the by columns and exactly one column of values; "
                f"besides {by_columns} it has {rest}. Select the columns, e.g. "
                f"mean(df[[*by, 'score']], by=by)."
            )
        groups = group_rows(values, by_columns)
        _, (observed,) = as_arrays((str(rest[0]), values[rest[0]]))
    elif by_columns:
        raise DataError(
            "by names columns of values, so values must be a DataFrame holding them, "
            "e.g. mean(df[['area', 'score']], by='area')."
        )
    else:
        index, (observed,) = as_arrays(("values", values))
        groups = group_rows(pd.DataFrame(index=index), [])
    size = groups.sizes.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = group_sums(groups, observed) / size
        deviation = observed - centre[groups.codes]
        spread = np.sqrt(group_sums(groups, deviation * deviation) / (size - 1))
    return _t_interval(groups.keys, centre, spread, size, level)


def _t_interval(index: pd.Index, centre: np.ndarray, spread: np.ndarray, size: np.ndarray, level: float) -> pd.DataFrame:
    # The t quantile is slow to compute; work it out once per distinct n.
    codes, sizes = pd.factorize(size)
    with np.errstate(divide="ignore", invalid="ignore"):
        quantiles = np.abs(student_t.ppf((1 - level) / 2, sizes - 1))
        half_width = np.append(quantiles, np.nan)[codes] * spread / np.sqrt(size)
    return result(index, centre, centre - half_width, centre + half_width)
