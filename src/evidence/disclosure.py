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
* The denominator and the comparator's value are kept: neither gives the count back
  once the value and limits are blank. What else a hidden row must not show (its
  judgement, rank and trend) is blanked where the published evidence is made,
  :mod:`evidence.published`: reports are handed only that.

Secondary suppression (:func:`protect_differences`): a hidden count can also be worked
out by subtraction, when a larger area's count is shown and the hidden area is the only
one of its parts that is hidden (ward total minus its other LSOAs). Wherever exactly one
part of a shown total is hidden, the smallest other shown part is hidden too, and the
rule is applied again until no total has a single hidden part. Parts and totals are every
area and its parent of each type in the lookup (LSOA in ward, ward in district...) and
every custom area and its members.

The functions are pure: the input frame is never modified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from evidence.errors import DataError

__all__ = ["BLANKED_COLUMNS", "containment", "protect_differences", "secondary_suppression", "suppress",
           "suppression_note", "suppression_reason"]

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
    # A shallow copy: the blanked columns are replaced, never changed in place, so the
    # caller's frame is untouched and the other columns need not be copied.
    out = values.copy(deep=False)
    blank = [c for c in BLANKED_COLUMNS if c in out.columns]
    for column in blank:
        out[column] = out[column].mask(mask)
    previous = out["suppressed"].fillna(False).astype(bool) if "suppressed" in out.columns else False
    out["suppressed"] = (mask | previous).astype(bool)
    return out


def containment(areas: pd.DataFrame, custom_members: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """Which areas add up to which: one row per (``total``, ``part``) pair.

    Every ``<type>_code`` column of ``areas`` names the area's ancestor of that type; an
    area's parts are the areas one level down that name it, so an LSOA is a part of its
    ward and a ward a part of its district (differencing a district from its LSOAs is
    then covered by the two steps). Custom areas are totals of their members.
    """
    frame = areas.drop(columns="geometry", errors="ignore")
    if "custom" in frame.columns:  # custom areas need not tile their ancestors: only their members count
        frame = frame[~frame["custom"].fillna(False).astype(bool)]
    links = []
    parent_columns = [c for c in frame.columns if c.endswith("_code") and c != "area_code"]
    for child_type, rows in frame.groupby("area_type", sort=False):
        ancestors = [c for c in parent_columns if rows[c].notna().any()]
        if not ancestors:
            continue
        # The nearest ancestor: the one with the most distinct codes among these rows.
        nearest = max(ancestors, key=lambda c: rows[c].nunique())
        part = rows.dropna(subset=[nearest])
        links.append(pd.DataFrame({"total": part[nearest].astype(str).to_numpy(),
                                   "part": part["area_code"].astype(str).to_numpy()}))
    for code, members in (custom_members or {}).items():
        links.append(pd.DataFrame({"total": str(code), "part": [str(m) for m in members]}))
    if not links:
        return pd.DataFrame({"total": pd.Series(dtype=object), "part": pd.Series(dtype=object)})
    return pd.concat(links, ignore_index=True).drop_duplicates().reset_index(drop=True)


def protect_differences(values: pd.DataFrame, links: pd.DataFrame, max_rounds: int = 20, *,
                        copy: bool = True) -> pd.DataFrame:
    """Hide more counts wherever a hidden one could be found by subtraction.

    Parameters
    ----------
    values : DataFrame
        The output of :func:`suppress` (``area_code``, ``indicator_id``, ``period``,
        ``numerator``, ``suppressed``). Not modified unless ``copy=False``.
    links : DataFrame
        ``total`` and ``part`` area codes, as from :func:`containment`.
    copy : bool, default True
        ``False`` blanks the rows in ``values`` itself (for a frame the caller has just
        made, such as the output of :func:`suppress`, to save a copy of a large table).

    Returns
    -------
    DataFrame
        A frame in which, for every indicator and period, no shown total has exactly one
        hidden part; the extra rows are blanked like the others and flagged
        ``secondary_suppressed``.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"area_code": ["W", "L1", "L2", "L3"], "indicator_id": "x", "period": "2020",
    ...                   "numerator": [30.0, 3.0, 12.0, 15.0], "value": [1.0, 2.0, 3.0, 4.0]})
    >>> links = pd.DataFrame({"total": ["W", "W", "W"], "part": ["L1", "L2", "L3"]})
    >>> out = protect_differences(suppress(v), links)
    >>> out["suppressed"].tolist(), out["secondary_suppressed"].tolist()
    ([False, True, True, False], [False, False, True, False])
    """
    extra = secondary_suppression(values, links, max_rounds)
    out = values.copy() if copy else values
    if extra.any():
        mask = pd.Series(extra, index=out.index)
        for column in [c for c in BLANKED_COLUMNS if c in out.columns]:
            out[column] = out[column].mask(mask)
    out["suppressed"] = out["suppressed"].to_numpy(dtype=bool) | extra
    out["secondary_suppressed"] = extra
    return out


def secondary_suppression(values: pd.DataFrame, links: pd.DataFrame, max_rounds: int = 20) -> np.ndarray:
    """The rows :func:`protect_differences` hides in addition, as a boolean array (see there)."""
    n = len(values)
    suppressed = values["suppressed"].to_numpy(dtype=bool).copy() if n else np.zeros(0, dtype=bool)
    extra = np.zeros(n, dtype=bool)
    if not n or links.empty:
        return extra
    # Integer codes only (the England-scale evidence base has 20 M rows): areas, and a
    # "slot" per indicator and period; every (part row, total) pair is built once and
    # the rounds below are a few bincounts over them.
    area_ids, area_codes = pd.factorize(values["area_code"])
    area_codes = pd.Index(area_codes).astype(str)
    indicator_ids, _ = pd.factorize(values["indicator_id"])
    period_ids, _ = pd.factorize(values["period"])
    n_periods = int(period_ids.max()) + 1
    n_slots = (int(indicator_ids.max()) + 1) * n_periods
    slot = indicator_ids.astype(np.int64) * n_periods + period_ids
    link_part = area_codes.get_indexer(links["part"].astype(str))
    link_total = area_codes.get_indexer(links["total"].astype(str))
    keep = (link_part >= 0) & (link_total >= 0)
    pairs = pd.DataFrame({"row": np.arange(n), "part": area_ids, "slot": slot}).merge(
        pd.DataFrame({"part": link_part[keep], "total": link_total[keep]}), on="part")
    part_row = pairs["row"].to_numpy()
    total_key = pairs["total"].to_numpy(dtype=np.int64) * n_slots + pairs["slot"].to_numpy()
    # The row holding each pair's total (same indicator and period), or -1 if none.
    row_key = pd.Series(np.arange(n), index=area_ids.astype(np.int64) * n_slots + slot)
    row_key = row_key[~row_key.index.duplicated()]
    total_row = row_key.reindex(total_key).fillna(-1).to_numpy(dtype=np.int64)
    group, _ = pd.factorize(total_key)
    n_groups = int(group.max()) + 1 if len(group) else 0
    del pairs, row_key, total_key
    count = pd.to_numeric(values["numerator"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    # Candidates in the order they would be chosen: smallest count, then lowest area code.
    code_rank = np.argsort(np.argsort(area_codes.to_numpy()))
    order = np.lexsort((code_rank[area_ids[part_row]], count[part_row]))
    has_total = total_row >= 0
    for _ in range(max_rounds):
        shown = ~suppressed & ~np.isnan(count)
        n_hidden = np.bincount(group, weights=suppressed[part_row], minlength=n_groups)
        n_shown = np.bincount(group, weights=shown[part_row], minlength=n_groups)
        total_shown = np.zeros(n_groups, dtype=bool)
        total_shown[group[has_total]] = shown[total_row[has_total]]
        risky = (n_hidden == 1) & (n_shown > 0) & total_shown
        if not risky.any():
            return extra
        pick = order[risky[group[order]] & shown[part_row[order]]]
        _, first = np.unique(group[pick], return_index=True)
        chosen = part_row[pick[first]]
        suppressed[chosen] = True
        extra[chosen] = True
    raise DataError("Secondary suppression did not settle; check the lookup for areas that contain each other.")


def suppression_note(min_count: int = 5) -> str:
    """The plain-language sentence that explains blanked figures to readers.

    >>> suppression_note(5)[:60]
    'Where fewer than 5 people or events were counted in an area,'
    """
    min_count = _check_min_count(min_count)
    return (
        f"Where fewer than {min_count} people or events were counted in an area, the count, "
        "the rate and its confidence interval are not shown, so that no one can be identified. "
        "Where such a count could be worked out by subtracting the other parts from a larger "
        "area's total, one more small area's figures are hidden too. "
        "These figures are marked with a dash."
    )


def suppression_reason(min_count: int = 5, *, secondary: bool = False) -> str:
    """Why one figure is hidden, in a few words (for a table cell or a note).

    >>> suppression_reason(5), suppression_reason(5, secondary=True)[:40]
    ('fewer than 5 events', 'hidden so that a small count elsewhere c')
    """
    min_count = _check_min_count(min_count)
    if secondary:
        return "hidden so that a small count elsewhere cannot be worked out by subtraction"
    return f"fewer than {min_count} events"
