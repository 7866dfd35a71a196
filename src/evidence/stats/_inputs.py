"""Checks and coercion shared by the statistics in :mod:`evidence.stats`.

Every method turns its inputs into float arrays of one length with
:func:`as_arrays`, rejects impossible values with :func:`reject` (the error names
the rows), and builds its answer with :func:`result`. Missing values of any
flavour (``None``, ``NaN``, ``pd.NA`` in nullable dtypes) become ``NaN`` and
flow through the arithmetic, so a missing input gives a missing output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from numbers import Real
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.special import ndtri

from evidence.errors import DataError, did_you_mean

#: Rows named in an error message before the rest are only counted.
MAX_SHOWN = 10


def check_level(level: object) -> float:
    """Return ``level`` as a float, or raise if it is not a confidence level in (0, 1)."""
    ok = isinstance(level, Real) and not isinstance(level, bool) and 0 < float(level) < 1
    if not ok:
        hint = ""
        if isinstance(level, Real) and not isinstance(level, bool) and 1 < float(level) < 100:
            hint = f" Did you mean {float(level) / 100:g}?"
        raise DataError(
            f"level must be a confidence level between 0 and 1, such as 0.95 or 0.998; "
            f"got {level!r}.{hint}"
        )
    return float(level)


def z_value(level: float) -> float:
    """The two-sided normal quantile, written as PHEindicatormethods writes it.

    ``qnorm(confidence + (1 - confidence) / 2)``: the same expression as the
    reference, so ``z`` differs from its ``z`` by the quantile functions' own
    rounding at most (none, for 0.95 and 0.998).
    """
    return float(ndtri(level + (1 - level) / 2))


def check_multiplier(multiplier: object) -> float:
    """Return ``multiplier`` as a float, or raise if it is not a positive number."""
    ok = isinstance(multiplier, Real) and not isinstance(multiplier, bool)
    if not ok or not np.isfinite(float(multiplier)) or float(multiplier) <= 0:
        raise DataError(
            f"multiplier must be a positive number, such as 100 for a percentage or "
            f"100000 for a rate per 100,000; got {multiplier!r}."
        )
    return float(multiplier)


def as_arrays(*inputs: tuple[str, object]) -> tuple[pd.Index, list[np.ndarray]]:
    """Coerce ``(name, input)`` pairs to float arrays of one length, and choose the index.

    Each input is a Series, a 1-D array or list, or a scalar (broadcast to the
    others' length); its name is only for messages. The index is that of the
    Series inputs, which must agree, or a ``RangeIndex``. The arrays may share
    memory with the inputs: read them, never write to them.
    """
    index: pd.Index | None = None
    index_from = ""
    arrays: list[np.ndarray] = []
    length: int | None = None
    for name, obj in inputs:
        if isinstance(obj, pd.Series):
            if index is None:
                index, index_from = obj.index, name
            elif not obj.index.equals(index):
                raise DataError(
                    f"{index_from} and {name} are Series with different indexes, so their "
                    f"rows cannot be paired. Align them first, e.g. "
                    f"{name}.reindex({index_from}.index), or pass plain arrays."
                )
        values = _to_float(name, obj)
        if values.ndim == 1:
            if length is not None and len(values) != length:
                raise DataError(
                    f"{name} has {len(values)} values but the other inputs have "
                    f"{length}; give one value per row (or a single number for every row)."
                )
            length = len(values)
        arrays.append(values)
    if index is None:
        index = pd.RangeIndex(1 if length is None else length)
    out = [a if a.ndim == 1 else np.broadcast_to(a, (len(index),)) for a in arrays]
    for (name, _), values in zip(inputs, out):
        reject(np.isinf(values), index, f"{name} is infinite", show_values(values))
    return index, out


def _to_float(name: str, obj: object) -> np.ndarray:
    """One input as a float64 array: 0-d for a scalar, 1-d otherwise."""
    if isinstance(obj, pd.DataFrame):
        raise DataError(f"{name} must be one column of values, not a DataFrame; select a column.")
    if not isinstance(obj, pd.Series | pd.Index | np.ndarray) and np.ndim(obj) == 0:
        return _scalar_to_float(name, obj)
    if isinstance(obj, pd.Series):
        series = obj
    else:
        array = np.asarray(obj) if not isinstance(obj, pd.Index) else obj.to_numpy()
        if array.ndim != 1:
            raise DataError(f"{name} must be one-dimensional; got shape {array.shape}.")
        if array.dtype.kind in "fiub":
            return array.astype(np.float64, copy=False)
        series = pd.Series(array, dtype=object)
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "fiub":
        return series.to_numpy(dtype=np.float64, copy=False)
    try:
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError) as error:
        coerced = pd.to_numeric(series, errors="coerce")
        bad = (coerced.isna() & series.notna()).to_numpy()
        texts = series.to_numpy(dtype=object)
        reject(bad, series.index, f"{name} is not a number", lambda rows: [repr(texts[r]) for r in rows])
        raise DataError(f"{name} must hold numbers ({error}).") from error


def _scalar_to_float(name: str, obj: object) -> np.ndarray:
    if obj is None or obj is pd.NA or (isinstance(obj, float) and np.isnan(obj)):
        return np.array(np.nan)
    if isinstance(obj, Real):
        return np.array(float(obj))
    raise DataError(f"{name} must be a number; got {obj!r}.")


def show_values(values: np.ndarray) -> Callable[[np.ndarray], list[str]]:
    """For :func:`reject`: describe the offending rows by their value in ``values``."""
    return lambda rows: [f"{v:g}" for v in values[rows]]


def show_pairs(first: np.ndarray, second: np.ndarray, relation: str) -> Callable[[np.ndarray], list[str]]:
    """For :func:`reject`: describe the offending rows as ``"first <relation> second"``."""
    return lambda rows: [f"{a:g} {relation} {b:g}" for a, b in zip(first[rows], second[rows])]


def reject(
    bad: np.ndarray,
    index: pd.Index,
    problem: str,
    describe: Callable[[np.ndarray], list[str]],
    hint: str = "",
) -> None:
    """Raise a :class:`DataError` naming the rows where ``bad`` is true, if any.

    ``describe`` turns positions into one short text per row (usually the value).
    The message reads ``"<problem> in 3 rows: 'E01' (-2), 'E02' (-1), 7 (-5). <hint>"``.
    """
    if not bad.any():
        return
    rows = np.flatnonzero(bad)
    shown = rows[:MAX_SHOWN]
    labels = index[shown].tolist()
    items = ", ".join(f"{label!r} ({text})" for label, text in zip(labels, describe(shown)))
    more = f" and {len(rows) - len(shown)} more" if len(rows) > len(shown) else ""
    plural = "row" if len(rows) == 1 else "rows"
    raise DataError(f"{problem} in {len(rows)} {plural}: {items}{more}.{' ' + hint if hint else ''}")


def reject_negative(name: str, values: np.ndarray, index: pd.Index) -> None:
    """Counts cannot be negative."""
    reject(values < 0, index, f"{name} is negative", show_values(values), "Counts must be 0 or more.")


def reject_not_positive(name: str, values: np.ndarray, index: pd.Index) -> None:
    """Denominators (populations, sample sizes) must be above zero."""
    reject(
        values <= 0,
        index,
        f"{name} is 0 or below",
        show_values(values),
        "A denominator must be above zero; leave it blank if it is unknown.",
    )


def result(index: pd.Index, value: np.ndarray, lower: np.ndarray, upper: np.ndarray, **more: object) -> pd.DataFrame:
    """The frame every method returns: ``value``, ``lower``, ``upper`` (and any ``more``)."""
    columns = {"value": value, "lower": lower, "upper": upper, **more}
    return pd.DataFrame(columns, index=index, copy=False)


def require_columns(data: pd.DataFrame, names: Sequence[object], what: str = "data") -> None:
    """Raise unless every one of ``names`` is a column of ``data``."""
    columns = [str(c) for c in data.columns]
    for name in names:
        if name not in data.columns:
            raise DataError(
                f"{what} has no column {name!r}.{did_you_mean(name, columns)} "
                f"Its columns are: {', '.join(columns)}."
            )


def as_column_list(by: object) -> list[object]:
    """``None``, one column name, or a list of names, as a list."""
    if by is None:
        return []
    if isinstance(by, str) or not isinstance(by, Sequence):
        return [by]
    return list(by)


class Groups(NamedTuple):
    """The rows of a frame split into groups."""

    codes: np.ndarray  #: the group number of every row
    keys: pd.Index  #: one label per group, in group-number order
    sizes: np.ndarray  #: the number of rows in each group


def group_rows(data: pd.DataFrame, by: list[object]) -> Groups:
    """Number the groups of ``data`` by the columns ``by`` (all rows one group if empty).

    Groups are sorted by key, as :meth:`pandas.DataFrame.groupby` sorts them, and
    missing keys form groups of their own rather than being dropped.
    """
    if not by:
        codes = np.zeros(len(data), dtype=np.intp)
        return Groups(codes, pd.RangeIndex(1), np.array([len(data)]))
    grouped = data.groupby(by[0] if len(by) == 1 else by, sort=True, dropna=False, observed=True)
    sizes = grouped.size()
    return Groups(grouped.ngroup().to_numpy(dtype=np.intp), sizes.index, sizes.to_numpy())


def group_sums(groups: Groups, weights: np.ndarray) -> np.ndarray:
    """Sum ``weights`` within each group; a missing value makes its group's sum missing."""
    return np.bincount(groups.codes, weights=weights, minlength=len(groups.keys))
