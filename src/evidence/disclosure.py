"""Disclosure control: blank small counts and the figures that would reveal them.

Small numbers of people (a handful of deaths, admissions or pupils in a ward) can
identify individuals. Before values are published, every row whose count (numerator)
is at least 0 and below ``min_count`` has its count, value and confidence limits
blanked and is flagged ``suppressed``. The rule in full:

* ``0 <= numerator < min_count``: suppressed (zero is suppressed too: "none" in a small
  area is as disclosive as "one").
* numerator missing (the source published no count, e.g. a survey estimate): kept as
  published, since there is no count to protect.
* numerator negative (an error in the input, caught by validation): not touched here.
* The denominator, the comparator's value and the judgement are kept: none of them
  gives the count back once the value and limits are blank.

The functions are pure: the input frame is never modified.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.errors import DataError

__all__ = ["BLANKED_COLUMNS", "suppress", "suppression_note"]

#: Columns blanked on a suppressed row (those present in the frame).
BLANKED_COLUMNS = ("numerator", "value", "lower", "upper", "lower_998", "upper_998")


def _check_min_count(min_count: object) -> int:
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise DataError(f"min_count must be a whole number of at least 1, got {min_count!r}.")
    return int(min_count)


def suppress(values: pd.DataFrame, min_count: int = 5) -> pd.DataFrame:
    """Return a copy of ``values`` with small counts and their rates blanked.

    Parameters
    ----------
    values : DataFrame
        Rows with a ``numerator`` column and any of ``value``, ``lower``, ``upper``,
        ``lower_998``, ``upper_998``. Not modified.
    min_count : int, default 5
        Smallest count that may be shown; counts from 0 to ``min_count - 1`` are hidden.

    Returns
    -------
    DataFrame
        Same rows and columns plus a boolean ``suppressed`` column (combined with an
        existing ``suppressed`` column by "or"); the :data:`BLANKED_COLUMNS` of suppressed
        rows are missing.

    Raises
    ------
    DataError
        If ``numerator`` is absent or ``min_count`` is not a positive whole number.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"numerator": [3.0, 12.0, None], "value": [1.5, 6.0, 2.0]})
    >>> out = suppress(df)
    >>> out["suppressed"].tolist(), out["value"].isna().tolist()
    ([True, False, False], [True, False, False])
    """
    min_count = _check_min_count(min_count)
    if "numerator" not in values.columns:
        raise DataError(
            "suppress() needs a 'numerator' column (the count behind each value); "
            f"the frame has: {', '.join(map(str, values.columns))}."
        )
    count = pd.to_numeric(values["numerator"], errors="coerce")
    mask = (count >= 0) & (count < min_count)
    mask = mask.fillna(False).astype(bool)
    out = values.copy()
    blank = [c for c in BLANKED_COLUMNS if c in out.columns]
    for column in blank:
        out[column] = out[column].mask(mask)
    previous = out["suppressed"].fillna(False).astype(bool) if "suppressed" in out.columns else False
    out["suppressed"] = (mask | previous).astype(bool)
    return out


def suppression_note(min_count: int = 5) -> str:
    """The plain-language sentence that explains blanked figures to readers.

    >>> suppression_note(5)[:60]
    'Where fewer than 5 people or events were counted in an area,'
    """
    min_count = _check_min_count(min_count)
    return (
        f"Where fewer than {min_count} people or events were counted in an area, the count, "
        "the rate and its confidence interval are not shown, so that no one can be identified. "
        "These figures are marked with a dash."
    )
