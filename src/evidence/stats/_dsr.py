"""Directly standardised rates with Dobson confidence limits."""

from __future__ import annotations

import functools
from importlib.resources import files

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.stats._inputs import (
    MAX_SHOWN,
    Groups,
    as_arrays,
    as_column_list,
    check_level,
    check_multiplier,
    group_rows,
    group_sums,
    reject,
    reject_negative,
    reject_not_positive,
    require_columns,
    result,
    show_values,
    z_value,
)
from evidence.stats._poisson import EXACT_BELOW, byar_lower, byar_upper


@functools.cache
def esp2013() -> np.ndarray:
    """The European Standard Population 2013: 19 bands, 0-4 ... 85-89, 90+ (read-only)."""
    with (files("evidence") / "data" / "esp2013.csv").open(encoding="utf-8") as handle:
        table = pd.read_csv(handle)
    populations = table["population"].to_numpy(dtype=np.float64)
    populations.setflags(write=False)
    return populations


def dsr(
    data: pd.DataFrame,
    count: str,
    population: str,
    standard: str | object | None = None,
    multiplier: float = 100000,
    level: float = 0.95,
    by: str | list[str] | None = None,
) -> pd.DataFrame:
    """Directly standardised rates with Dobson confidence limits.

    The method of the Fingertips profiles: PHE Technical Guide "Confidence
    intervals", appendix 4, and ``calculate_dsr`` (formerly ``phe_dsr``) in the R
    package PHEindicatormethods. For each group, with ``O_i`` events, ``n_i``
    people and ``w_i`` standard population in band ``i``::

        DSR   = sum(O_i w_i / n_i) / sum(w_i)
        var   = sum(O_i (w_i / n_i)^2) / sum(w_i)^2
        limit = DSR + sqrt(var / O) (Byar(O) - O),   O = sum(O_i)

    with Byar's limits for the total count ``O``, all scaled by ``multiplier``.

    Parameters
    ----------
    data : DataFrame
        One row per age band (and per group, see ``by``). Not modified.
    count, population : str
        Columns of ``data`` holding each band's events and population.
    standard : str, array-like or None
        The standard population of each band: a column of ``data``, or an
        array with one value per band, matched to each group's rows **by
        position** (sort every group's rows in band order). Default: the
        European Standard Population 2013 in 19 bands, 0-4 ... 85-89, 90+.
    multiplier : float, default 100000
        Scale of the result: 100000 for a rate per 100,000.
    level : float, default 0.95
        Confidence level, strictly between 0 and 1 (0.95, 0.998...).
    by : str or list of str, optional
        Columns naming the groups (area, period, sex...). One result per group.

    Returns
    -------
    DataFrame
        ``value``, ``lower``, ``upper``: one row per group, indexed by the ``by``
        columns (sorted, as ``groupby`` sorts), or a single row at 0 without
        ``by``. Missing where the group's total count is below 10, as the
        reference method does not publish a DSR for so few events. A missing
        count, population or standard in any band makes its group missing;
        PHEindicatormethods instead counts a missing count as 0, but a blank
        count in published data is more often a suppressed small number.

    Raises
    ------
    DataError
        For a negative count, a population of 0 or below, a negative standard,
        groups whose number of rows differs from the length of an array
        ``standard``, a missing column, or a bad ``level`` or ``multiplier``.

    Examples
    --------
    >>> import pandas as pd
    >>> from evidence.stats import dsr
    >>> bands = pd.DataFrame({"deaths": [10, 30, 60], "people": [5000, 4000, 1000]})
    >>> dsr(bands, "deaths", "people", standard=[3000, 4000, 3000]).round(1)
        value   lower   upper
    0  2160.0  1713.6  2678.0
    """
    level = check_level(level)
    multiplier = check_multiplier(multiplier)
    if not isinstance(data, pd.DataFrame):
        raise DataError(f"data must be a DataFrame with one row per age band; got {type(data).__name__}.")
    by_columns = as_column_list(by)
    in_data = isinstance(standard, str)
    columns = [count, population, *([standard] if in_data else [])]
    require_columns(data, [*columns, *by_columns])
    groups = group_rows(data, by_columns)
    index, arrays = as_arrays(*((str(name), data[name]) for name in columns))
    events, people = arrays[:2]
    if in_data:
        weights = arrays[2]
    else:
        weights = _by_position(groups, esp2013() if standard is None else standard, by_columns)
    reject_negative(count, events, index)
    reject_not_positive(population, people, index)
    reject(weights < 0, index, "the standard population is negative", show_values(weights))

    total = group_sums(groups, events)
    standard_total = group_sums(groups, weights)
    z = z_value(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = group_sums(groups, events * weights / people) / standard_total * multiplier
        variance = 1 / standard_total**2 * group_sums(groups, events * (weights / people) ** 2)
        scale = np.sqrt(variance / total) * multiplier
        lower = value + scale * (byar_lower(total, z) - total)
        upper = value + scale * (byar_upper(total, z) - total)
    too_few = ~(total >= EXACT_BELOW)
    for column in (value, lower, upper):
        column[too_few] = np.nan
    return result(groups.keys, value, lower, upper)


def _by_position(groups: Groups, standard: object, by: list[object]) -> np.ndarray:
    """Give each row the standard population of its band, by its position in its group."""
    _, (bands,) = as_arrays(("standard", np.asarray(standard, dtype=object).ravel()))
    wrong = np.flatnonzero(groups.sizes != len(bands))
    if wrong.size:
        if by:
            shown = wrong[:MAX_SHOWN]
            keys = groups.keys[shown].tolist()
            listed = ", ".join(f"{key!r} ({size} rows)" for key, size in zip(keys, groups.sizes[shown]))
            more = f" and {wrong.size - MAX_SHOWN} more" if wrong.size > MAX_SHOWN else ""
            found = f"{wrong.size} group(s) by {by} differ: {listed}{more}"
        else:
            found = f"data has {groups.sizes[0]} rows and no by columns"
        raise DataError(
            f"The standard population has {len(bands)} bands, so each group needs "
            f"{len(bands)} rows, one per band in the same order; {found}. Add rows with "
            f"a count of 0 for empty bands, give by, or pass the standard as a column of data."
        )
    order = np.argsort(groups.codes, kind="stable")
    position = np.empty(len(order), dtype=np.intp)
    position[order] = np.tile(np.arange(len(bands)), len(groups.sizes))
    return bands[position]
