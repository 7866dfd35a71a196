"""Red/amber/green (RAG) status of values against targets.

Four vectorised functions, one per kind of target, each returning a categorical
Series of the words in :data:`STATUSES` with the index of the Series inputs (or
a ``RangeIndex``):

* :func:`target_status`: a value against one target with a polarity. Green on the
  good side or equal, Amber within ``tolerance`` on the bad side, Red beyond.
* :func:`target_interval`: a confidence interval against one target. Green wholly on
  the good side (touching counts), Amber straddling, Red wholly on the bad side.
* :func:`range_status`: a value against a range ``low <= x <= high``. Green inside
  (bounds included), Amber within ``tolerance`` outside, Red beyond.
* :func:`range_interval`: an interval against a range. Green wholly inside, Amber
  straddling a bound, Red wholly outside.

``Not assessed`` marks rows where any input is missing. :func:`status_label`
turns the words into plain language for reports: ``Target met``, ``Close to
target`` (amber from a tolerance) or ``Too close to call`` (amber from an
interval), ``Target missed``, ``Not assessed``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.errors import DataError, did_you_mean
from evidence.stats._inputs import as_arrays, reject, show_pairs, show_values

__all__ = [
    "AMBER",
    "GREEN",
    "INTERVAL_LABELS",
    "LABELS",
    "NOT_ASSESSED",
    "POLARITIES",
    "RED",
    "STATUSES",
    "range_interval",
    "range_status",
    "status_label",
    "target_interval",
    "target_status",
]

GREEN, AMBER, RED, NOT_ASSESSED = "Green", "Amber", "Red", "Not assessed"
#: The status words, in the order of the categories of every result.
STATUSES = (GREEN, AMBER, RED, NOT_ASSESSED)
#: The polarities a target can have (the catalogue's ``no_judgement`` cannot).
POLARITIES = ("higher_is_better", "lower_is_better")
#: Plain-language labels for point statuses, where amber means "within tolerance".
LABELS = {GREEN: "Target met", AMBER: "Close to target", RED: "Target missed", NOT_ASSESSED: "Not assessed"}
#: Plain-language labels for interval statuses, where amber means "straddling".
INTERVAL_LABELS = {**LABELS, AMBER: "Too close to call"}

_GREEN, _AMBER, _RED, _NONE = range(4)


def target_status(value: object, target: object, polarity: object, *, tolerance: object = None) -> pd.Series:
    """Status of values against a target, by which side of it they fall.

    Parameters
    ----------
    value, target : Series, array-like or number
        The values and their targets (one target for all, or one per row).
    polarity : str or array-like of str
        ``higher_is_better`` or ``lower_is_better``, for all rows or per row.
    tolerance : Series, array-like or number, optional
        How far on the bad side of the target still counts as ``Amber`` (in the
        value's units, 0 or more). Without it, or where it is missing, there is
        no amber band.

    Returns
    -------
    Series
        ``Green`` where the value is on the good side of the target or equal to
        it, ``Amber`` within ``tolerance`` of it on the bad side, ``Red`` beyond,
        ``Not assessed`` where the value, target or polarity is missing.

    Examples
    --------
    >>> from evidence.targets import target_status
    >>> target_status([71.0, 69.5, 60.0, None], 70, "higher_is_better", tolerance=1).tolist()
    ['Green', 'Amber', 'Red', 'Not assessed']
    """
    index, (value, target, tolerance) = as_arrays(
        ("value", value), ("target", target), ("tolerance", np.nan if tolerance is None else tolerance)
    )
    higher, unknown = _polarity(polarity, index)
    shortfall = np.where(higher, target - value, value - target)
    return _point_statuses(shortfall, tolerance, unknown, index)


def target_interval(lower: object, upper: object, target: object, polarity: object) -> pd.Series:
    """Status of confidence intervals against a target.

    ``Green`` where the whole interval is on the good side of the target (or
    touches it: a value equal to the target meets it), ``Red`` where the whole
    interval is on the bad side, ``Amber`` where it straddles the target, and
    ``Not assessed`` where a limit, the target or the polarity is missing.

    Examples
    --------
    >>> from evidence.targets import target_interval
    >>> target_interval([70, 68, 60], [75, 72, 65], 70, "higher_is_better").tolist()
    ['Green', 'Amber', 'Red']
    """
    index, (lower, upper, target) = as_arrays(("lower", lower), ("upper", upper), ("target", target))
    _reject_crossed(lower, upper, index, "lower", "upper")
    higher, unknown = _polarity(polarity, index)
    worst = np.where(higher, lower - target, target - upper)  # the limit nearest the bad side
    best = np.where(higher, upper - target, target - lower)
    codes = np.where(worst >= 0, _GREEN, np.where(best >= 0, _AMBER, _RED))
    return _statuses(codes, unknown | np.isnan(worst) | np.isnan(best), index)


def range_status(value: object, low: object, high: object, *, tolerance: object = None) -> pd.Series:
    """Status of values against a target range, ``low <= value <= high``.

    ``Green`` inside the range (bounds included), ``Amber`` within ``tolerance``
    outside it, ``Red`` beyond, ``Not assessed`` where the value or a bound is
    missing. For a one-sided target use :func:`target_status`.

    Examples
    --------
    >>> from evidence.targets import range_status
    >>> range_status([5, 9.5, 12], 4, 9, tolerance=1).tolist()
    ['Green', 'Amber', 'Red']
    """
    index, (value, low, high, tolerance) = as_arrays(
        ("value", value), ("low", low), ("high", high), ("tolerance", np.nan if tolerance is None else tolerance)
    )
    _reject_crossed(low, high, index, "low", "high")
    shortfall = np.maximum(low - value, value - high)
    return _point_statuses(shortfall, tolerance, np.zeros(len(index), dtype=bool), index)


def range_interval(lower: object, upper: object, low: object, high: object) -> pd.Series:
    """Status of confidence intervals against a target range, ``low <= x <= high``.

    ``Green`` where the whole interval is inside the range (bounds included),
    ``Red`` where it is wholly outside, ``Amber`` where it straddles a bound,
    ``Not assessed`` where a limit or a bound is missing.

    Examples
    --------
    >>> from evidence.targets import range_interval
    >>> range_interval([5, 8, 10], [6, 10, 11], 4, 9).tolist()
    ['Green', 'Amber', 'Red']
    """
    index, (lower, upper, low, high) = as_arrays(("lower", lower), ("upper", upper), ("low", low), ("high", high))
    _reject_crossed(lower, upper, index, "lower", "upper")
    _reject_crossed(low, high, index, "low", "high")
    inside = (lower >= low) & (upper <= high)
    outside = (upper < low) | (lower > high)
    codes = np.where(inside, _GREEN, np.where(outside, _RED, _AMBER))
    missing = np.isnan(lower) | np.isnan(upper) | np.isnan(low) | np.isnan(high)
    return _statuses(codes, missing, index)


def status_label(status: object, *, interval: bool = False) -> pd.Series:
    """Plain-language labels for status words, for reports.

    Parameters
    ----------
    status : Series or array-like of str
        Words from :data:`STATUSES`, as the status functions return them.
    interval : bool, default False
        The statuses come from an interval-aware function, so ``Amber`` means
        "too close to call" rather than "close to target".

    Examples
    --------
    >>> from evidence.targets import status_label
    >>> status_label(["Green", "Amber", "Red", "Not assessed"], interval=True).tolist()
    ['Target met', 'Too close to call', 'Target missed', 'Not assessed']
    """
    labels = INTERVAL_LABELS if interval else LABELS
    words = status if isinstance(status, pd.Series) else pd.Series(list(status), dtype=object)
    unknown = ~words.isin(list(labels))
    if unknown.any():
        bad = words[unknown]
        raise DataError(
            f"Unknown status {bad.iloc[0]!r} in {int(unknown.sum())} row(s).{did_you_mean(bad.iloc[0], STATUSES)} "
            f"Allowed: {', '.join(STATUSES)}."
        )
    return words.astype(object).map(labels).astype("str")


def _polarity(polarity: object, index: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Whether higher is better in each row, and which rows have no polarity."""
    if isinstance(polarity, str) or np.ndim(polarity) == 0:
        codes = np.full(len(index), -1 if pd.isna(polarity) else 0, dtype=np.intp)
        uniques: object = [polarity]
    else:
        if isinstance(polarity, pd.Series) and not polarity.index.equals(index):
            raise DataError("polarity is a Series whose index differs from the values'; align them first.")
        if len(polarity) != len(index):
            raise DataError(f"polarity has {len(polarity)} values but the other inputs have {len(index)}.")
        codes, uniques = pd.factorize(np.asarray(polarity).ravel() if not isinstance(polarity, pd.Series) else polarity)
    normal = [str(word).strip().lower() for word in uniques]
    known = np.array([word in POLARITIES for word in normal] + [True])  # the last: missing
    bad = ~known[codes]
    if bad.any():
        first = normal[codes[bad][0]]
        hint = (
            "An indicator with no polarity cannot be judged against a single target; use range_status."
            if first == "no_judgement"
            else did_you_mean(first, POLARITIES).strip()
        )
        reject(bad, index, "polarity is unknown", lambda rows: [repr(uniques[codes[r]]) for r in rows],
               f"{hint} Allowed: {', '.join(POLARITIES)}.".strip())
    higher = np.array([word == POLARITIES[0] for word in normal] + [False])
    return higher[codes], codes == -1


def _point_statuses(shortfall: np.ndarray, tolerance: np.ndarray, unknown: np.ndarray, index: pd.Index) -> pd.Series:
    """Green where the value falls short of its target by 0 or less, Amber by up to
    the tolerance (none where it is missing), Red by more."""
    reject(tolerance < 0, index, "tolerance is negative", show_values(tolerance))
    codes = np.where(shortfall <= 0, _GREEN, np.where(shortfall <= np.nan_to_num(tolerance), _AMBER, _RED))
    return _statuses(codes, unknown | np.isnan(shortfall), index)


def _reject_crossed(low: np.ndarray, high: np.ndarray, index: pd.Index, low_name: str, high_name: str) -> None:
    reject(
        low > high,
        index,
        f"{low_name} is above {high_name}",
        show_pairs(low, high, ">"),
    )


def _statuses(codes: np.ndarray, missing: np.ndarray, index: pd.Index) -> pd.Series:
    codes = np.where(missing, _NONE, codes).astype(np.int8)
    return pd.Series(pd.Categorical.from_codes(codes, categories=STATUSES), index=index, name="status")
