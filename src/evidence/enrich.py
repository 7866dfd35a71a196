"""The one pass that turns tidy values into the evidence base (``evidence build``).

:func:`enrich` fills values and confidence limits, compares every value with each of
its comparators, ranks areas and labels recent trends, all vectorised over the whole
table (tens of millions of rows on a laptop). It returns the two tables documented in
``docs/evidence-base.md``: ``values`` (one row per indicator x area x period) and
``comparisons`` (one row per indicator x area x period x comparator).

Text columns the pass creates (and the id columns of ``comparisons``) are categorical,
which keeps an England-scale build within a few gigabytes; they read and write to
Parquet like strings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from evidence import stats
from evidence.compare import (
    COMPARISONS,
    JUDGEMENTS,
    comparison_codes,
    judgement_codes,
    polarity_codes,
    rank_and_quintile,
)
from evidence.errors import DataError, unknown_name
from evidence.trend import TRENDS, annual_periods, trend_from_arrays

__all__ = ["COMPARISON_COLUMNS", "VALUE_COLUMNS", "VALUE_TYPES", "enrich"]

VALUE_TYPES: tuple[str, ...] = ("proportion", "rate", "dsr", "mean", "count", "score")
INPUT_COLUMNS: tuple[str, ...] = (
    "indicator_id", "area_code", "area_type", "period", "year", "value", "numerator",
    "denominator", "lower", "upper", "source_file", "aggregated")
VALUE_COLUMNS: tuple[str, ...] = (
    "indicator_id", "area_code", "area_type", "period", "year", "value", "numerator",
    "denominator", "lower", "upper", "lower_998", "upper_998", "ci_method", "aggregated",
    "comparator_code", "comparator_value", "comparison", "judgement", "rank", "n_ranked",
    "quintile", "trend", "source_file")
COMPARISON_COLUMNS: tuple[str, ...] = (
    "indicator_id", "area_code", "period", "comparator", "comparator_code",
    "comparator_value", "comparison", "comparison_998", "judgement", "judgement_998")
CI_METHODS: tuple[str, ...] = ("published", "wilson", "byar", "exact_poisson", "t")
_PROP, _RATE, _DSR, _MEAN, _COUNT, _SCORE = range(6)


def _factor(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1 for missing) and the distinct values; cheap for categoricals."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), pd.Index(column.cat.categories)
    codes, uniques = pd.factorize(column)
    return codes.astype(_code_dtype(len(uniques))), pd.Index(uniques)


def _floats(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype=np.float64, na_value=np.nan)


def _cat(codes: np.ndarray, categories: Sequence[object] | pd.Index) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=categories)


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"{what} has no column(s) {', '.join(map(repr, missing))}; "
                        f"it has {', '.join(map(str, frame.columns))}.")


def _reject_missing(codes: np.ndarray, values: pd.DataFrame, column: str) -> None:
    bad = np.flatnonzero(codes < 0)
    if bad.size:
        shown = ", ".join(map(repr, values.index[bad[:10]].tolist()))
        raise DataError(f"values: '{column}' is blank in {bad.size} row(s) (index {shown}).")


def _indicator_metadata(indicators: pd.DataFrame, ids: pd.Index, codes: np.ndarray,
                        values: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Polarity code, value-type code and multiplier for each distinct indicator id."""
    _require(indicators, ("id", "polarity", "value_type", "multiplier"), "indicators")
    catalogue = pd.Index(indicators["id"].astype(str))
    if catalogue.has_duplicates:
        raise DataError(f"indicators: duplicate id(s) {sorted(set(catalogue[catalogue.duplicated()]))}.")
    pos = catalogue.get_indexer(ids.astype(str))
    if (pos < 0).any():
        unknown = [str(i) for i in ids[pos < 0]]
        rows = np.flatnonzero(np.isin(codes, np.flatnonzero(pos < 0)))
        raise DataError(f"values: {rows.size} row(s) have indicator ids not in the catalogue: "
                        f"{', '.join(unknown[:10])} (first rows {values.index[rows[:5]].tolist()}).")
    pol = polarity_codes(indicators["polarity"].astype(str).to_numpy()[pos], pos.size)
    vt = np.empty(pos.size, dtype=np.int8)
    for i, name in enumerate(indicators["value_type"].astype(str).to_numpy()[pos]):
        if name not in VALUE_TYPES:
            raise unknown_name("value_type", name, VALUE_TYPES)
        vt[i] = VALUE_TYPES.index(name)
    mult = pd.to_numeric(indicators["multiplier"], errors="coerce").to_numpy(dtype=float)[pos]
    if np.any(~np.isfinite(mult) | (mult <= 0)):
        bad = [str(i) for i in ids[~np.isfinite(mult) | (mult <= 0)]]
        raise DataError(f"indicators: multiplier must be a positive number for {', '.join(bad)}.")
    return pol, vt, mult


def _limits(value_type: np.ndarray, num: np.ndarray, den: np.ndarray, mult: np.ndarray,
            rows: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Limits at ``level`` for ``rows`` from counts, and the ci_method code of each."""
    lower = np.full(rows.size, np.nan)
    upper = np.full(rows.size, np.nan)
    method = np.full(rows.size, -1, dtype=np.int8)
    vt = value_type[rows]
    for kind in (_PROP, _RATE, _COUNT):
        sel_kind = vt == kind
        if not sel_kind.any():
            continue
        for m in np.unique(mult[rows[sel_kind]]):
            sel = np.flatnonzero(sel_kind & (mult[rows] == m))
            r = rows[sel]
            if kind == _PROP:
                res = stats.proportion(num[r], den[r], multiplier=float(m), level=level)
                code = np.full(sel.size, CI_METHODS.index("wilson"), dtype=np.int8)
            else:
                d = den[r] if kind == _RATE else np.ones(sel.size)
                mm = float(m) if kind == _RATE else 1.0
                res = stats.rate(num[r], d, multiplier=mm, level=level)
                if "method" in res.columns:
                    kinds = pd.Categorical(res["method"])
                    exact = np.array(["exact" in str(c) for c in kinds.categories] + [False])
                    code = np.where(exact[kinds.codes], CI_METHODS.index("exact_poisson"),
                                    CI_METHODS.index("byar"))
                else:
                    code = np.where(num[r] < 10, CI_METHODS.index("exact_poisson"),
                                    CI_METHODS.index("byar"))
            lower[sel] = _floats(res["lower"])
            upper[sel] = _floats(res["upper"])
            method[sel] = code
    return lower, upper, method


def _comparator_table(values_types: pd.Index, area_type_u: np.ndarray, area_uniques: pd.Index,
                      areas: pd.DataFrame, comparators: Mapping[str, Sequence[str]],
                      england_code: str) -> tuple[np.ndarray, pd.Index, list[str], np.ndarray, np.ndarray]:
    """Comparator codes of every distinct area, slot by slot.

    Returns ``cc`` (areas x slots, codes into ``cc_uniques``, -1 none), ``cc_uniques``,
    the token names, ``token_of`` (types x slots, codes into the names, -1 none) and
    the number of slots of each type.
    """
    _require(areas, ("area_code", "area_type"), "areas")
    known_types = set(areas["area_type"].dropna().astype(str)) | set(map(str, values_types))
    area_pos = pd.Index(areas["area_code"].astype(str)).get_indexer(area_uniques.astype(str))
    slots = max([len(v) for v in comparators.values()] or [0])
    tokens: list[str] = []
    token_of = np.full((len(values_types), max(slots, 1)), -1, dtype=np.int32)
    n_slots = np.zeros(len(values_types), dtype=np.int32)
    codes = np.full((area_uniques.size, max(slots, 1)), None, dtype=object)
    for t, type_name in enumerate(map(str, values_types)):
        these = area_type_u == t
        for j, token in enumerate(comparators.get(type_name, [])):
            token = str(token)
            if token not in tokens:
                tokens.append(token)
            token_of[t, j] = tokens.index(token)
            n_slots[t] = j + 1
            if token.lower() == "england":
                codes[these, j] = england_code
            elif f"{token}_code" in areas.columns:
                ancestor = areas[f"{token}_code"].astype(object).to_numpy()
                pos = area_pos[these]
                codes[these, j] = np.where(pos >= 0, ancestor[np.maximum(pos, 0)], None)
            elif token in known_types:
                raise DataError(f"areas has no column '{token}_code', needed to find the "
                                f"'{token}' comparator of {type_name} areas.")
            else:
                codes[these, j] = token  # a literal area code
    flat = pd.Series(codes.ravel(), dtype=object)
    flat = flat.where(flat.notna(), None)
    cc, cc_uniques = pd.factorize(flat)
    return cc.reshape(codes.shape).astype(np.int32), pd.Index(cc_uniques).astype(str), tokens, token_of, n_slots


def _code_dtype(n_categories: int) -> type:
    """The integer dtype pandas uses for the codes of ``n_categories`` categories."""
    return np.int8 if n_categories < 127 else np.int16 if n_categories < 32767 else np.int32


def _chunks(ind: np.ndarray, n_ind: int, target: int) -> tuple[np.ndarray | None, list[slice]]:
    """Row order by indicator (None if already so) and slices of whole indicators."""
    order = None if np.all(ind[1:] >= ind[:-1]) else np.argsort(ind, kind="stable")
    sizes = np.bincount(ind, minlength=n_ind)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    slices, first = [], 0
    for i in range(1, n_ind + 1):
        if bounds[i] - bounds[first] >= target or i == n_ind:
            slices.append(slice(int(bounds[first]), int(bounds[i])))
            first = i
    return order, slices


def enrich(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame,
           comparators: Mapping[str, Sequence[str]], *, england_code: str = "E92000001",
           trend_window: int = 5, trend_rows: Literal["all", "latest"] = "all",
           chunk_rows: int = 250_000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill, compare, rank and trend the tidy values in one pass.

    Parameters
    ----------
    values : pandas.DataFrame
        ``indicator_id, area_code, area_type, period, year, value, numerator,
        denominator, lower, upper, source_file, aggregated``; comparator rows (district,
        England...) are ordinary rows. Not modified.
    indicators : pandas.DataFrame
        ``id, polarity, value_type, multiplier``.
    areas : pandas.DataFrame
        ``area_code, area_type`` and one ``<type>_code`` column per larger type.
    comparators : mapping of str to list of str
        Area type -> comparator tokens (``england``, an area-type name meaning the
        area's ancestor of that type, or a literal area code); the first is the main one.
    england_code : str
        Code of England.
    trend_window : int
        Points in a recent trend (5, the Fingertips method).
    trend_rows : {"all", "latest"}
        ``all`` labels the trend over the five years ending at every row; ``latest``
        only at the latest period of each indicator and area (others blank), which
        is about twice as fast on the trend step.
    chunk_rows : int
        Rows are processed a few whole indicators at a time, about this many rows,
        which bounds the memory the pass needs beyond its inputs and outputs.

    Returns
    -------
    (values, comparisons) : tuple of pandas.DataFrame
        With exactly the columns of :data:`VALUE_COLUMNS` and :data:`COMPARISON_COLUMNS`.
        ``values`` keeps the input's rows, order and index; ``comparisons`` has one row
        per value and configured comparator (main comparator first), in the order of
        ``values`` within each indicator, indicators in the order of their codes (the
        same order as ``values`` when it is sorted by indicator).

    Notes
    -----
    * ``value`` is filled from counts where blank: ``numerator / denominator *
      multiplier`` for proportions and rates, the numerator for counts.
    * 95% limits are kept when published (both given), else computed from counts:
      Wilson for proportions, Byar (exact Poisson below 10 events) for rates and
      counts; DSRs, means and scores keep published limits only. 99.8% limits are
      computed wherever counts allow, by the same methods.
    * Comparisons use the one-level Fingertips rule of :mod:`evidence.compare` at each
      level; ranks and quintiles group rows by indicator, period, area type and main
      comparator code; trends are those of :mod:`evidence.trend`.

    Examples
    --------
    >>> values = pd.DataFrame({
    ...     "indicator_id": "I1", "area_code": ["A", "E92000001"], "area_type": ["lsoa", "england"],
    ...     "period": "2020", "year": 2020, "value": None, "numerator": [30, 1000],
    ...     "denominator": [100, 10000], "lower": None, "upper": None, "source_file": "v.csv",
    ...     "aggregated": False})
    >>> indicators = pd.DataFrame({"id": ["I1"], "polarity": ["lower_is_better"],
    ...                            "value_type": ["proportion"], "multiplier": [100]})
    >>> areas = pd.DataFrame({"area_code": ["A", "E92000001"], "area_type": ["lsoa", "england"]})
    >>> out, comparisons = enrich(values, indicators, areas, {"lsoa": ["england"]})
    >>> [str(out[c].iloc[0]) for c in ("value", "comparator_value", "comparison", "judgement")]
    ['30.0', '10.0', 'Higher', 'Worse']
    """
    if trend_rows not in ("all", "latest"):
        raise unknown_name("trend_rows", trend_rows, ("all", "latest"))
    if trend_window != 5:
        raise DataError(f"trend_window must be 5 (the Fingertips method), not {trend_window!r}.")
    _require(values, INPUT_COLUMNS, "values")
    n = len(values)
    ind, ind_u = _factor(values["indicator_id"])
    area, area_u = _factor(values["area_code"])
    typ, typ_u = _factor(values["area_type"])
    per, per_u = _factor(values["period"])
    for codes, column in ((ind, "indicator_id"), (area, "area_code"), (typ, "area_type"),
                          (per, "period")):
        _reject_missing(codes, values, column)
    pol_u, vt_u, mult_u = _indicator_metadata(indicators, ind_u, ind, values)

    area_type_u = np.full(area_u.size, -1, dtype=np.int32)
    area_type_u[area[::-1]] = typ[::-1]  # the type of each area's first row
    cc_u, cc_names, tokens, token_of, n_slots = _comparator_table(
        typ_u, area_type_u, area_u, areas, comparators, england_code)
    cc_area = area_u.astype(str).get_indexer(cc_names)  # comparator -> its area code in values
    is_cc_area = np.zeros(area_u.size + 1, dtype=bool)
    is_cc_area[cc_area] = True  # -1 marks the spare last slot
    is_cc_area[-1] = False
    annual_u = annual_periods(pd.Series(per_u))

    # outputs, filled chunk by chunk
    total = int((np.bincount(typ, minlength=typ_u.size) * n_slots).sum())
    cc_dtype = _code_dtype(cc_names.size)
    o = {name: np.full(n, np.nan) for name in
         ("value", "lower", "upper", "lower_998", "upper_998", "comparator_value")}
    o.update(ci=np.full(n, -1, np.int8), cc=np.full(n, -1, cc_dtype),
             c95=np.full(n, 3, np.int8), j95=np.full(n, 5, np.int8), trend=np.full(n, -1, np.int8),
             rank=np.zeros(n, np.int32), n_ranked=np.zeros(n, np.int32), quintile=np.zeros(n, np.int8))
    p = {"ind": np.empty(total, _code_dtype(ind_u.size)), "area": np.empty(total, _code_dtype(area_u.size)),
         "per": np.empty(total, _code_dtype(per_u.size)), "token": np.empty(total, _code_dtype(len(tokens))),
         "cc": np.empty(total, cc_dtype), "value": np.empty(total),
         **{k: np.empty(total, np.int8) for k in ("c95", "c998", "j95", "j998")}}
    cols = {c: values[c] for c in ("value", "numerator", "denominator", "lower", "upper", "year")}

    order, slices = _chunks(ind, ind_u.size, chunk_rows)
    offset = 0
    for sl in slices:
        rows = np.arange(sl.start, sl.stop) if order is None else order[sl]
        whole = sl if order is None else rows  # a slice reads and writes faster
        slots = n_slots[typ[whole]]
        starts = offset + np.cumsum(slots) - slots
        offset += int(slots.sum())
        _chunk(rows, whole, cols, ind, area, typ, per, pol_u, vt_u, mult_u, cc_u, cc_area, is_cc_area,
               annual_u, slots, starts, token_of, P=per_u.size, A=area_u.size,
               T=typ_u.size, C=cc_names.size, latest=trend_rows == "latest", o=o, p=p)

    # Columns carried over unchanged are shared, not copied (pandas copy-on-write).
    shared = values.__getitem__
    out = pd.DataFrame({
        "indicator_id": shared("indicator_id"), "area_code": shared("area_code"),
        "area_type": shared("area_type"), "period": shared("period"), "year": shared("year"),
        "value": o["value"], "numerator": shared("numerator"), "denominator": shared("denominator"),
        "lower": o["lower"], "upper": o["upper"], "lower_998": o["lower_998"],
        "upper_998": o["upper_998"], "ci_method": _cat(o["ci"], CI_METHODS),
        "aggregated": shared("aggregated"), "comparator_code": _cat(o["cc"], cc_names),
        "comparator_value": o["comparator_value"], "comparison": _cat(o["c95"], COMPARISONS),
        "judgement": _cat(o["j95"], JUDGEMENTS),
        "rank": pd.arrays.IntegerArray(o["rank"], o["n_ranked"] == 0),
        "n_ranked": pd.arrays.IntegerArray(o["n_ranked"], o["n_ranked"] == 0),
        "quintile": pd.arrays.IntegerArray(o["quintile"], o["quintile"] == 0),
        "trend": _cat(o["trend"], TRENDS), "source_file": shared("source_file"),
    }, index=values.index, copy=False)
    comparisons = pd.DataFrame({
        "indicator_id": _cat(p["ind"], ind_u), "area_code": _cat(p["area"], area_u),
        "period": _cat(p["per"], per_u), "comparator": _cat(p["token"], tokens),
        "comparator_code": _cat(p["cc"], cc_names), "comparator_value": p["value"],
        "comparison": _cat(p["c95"], COMPARISONS), "comparison_998": _cat(p["c998"], COMPARISONS),
        "judgement": _cat(p["j95"], JUDGEMENTS), "judgement_998": _cat(p["j998"], JUDGEMENTS),
    }, copy=False)
    return out, comparisons


def _chunk(rows, whole, cols, ind, area, typ, per, pol_u, vt_u, mult_u, cc_u, cc_area, is_cc_area,
           annual_u, slots, starts, token_of, *, P, A, T, C, latest, o, p) -> None:
    """Enrich the rows of whole indicators, writing into the output arrays ``o`` and ``p``.

    ``slots`` is the number of comparators of each row and ``starts`` the position of
    each row's first comparison in ``p``.
    """
    i, a, t, pe = ind[whole], area[whole], typ[whole], per[whole]
    pol, vt, mult = pol_u[i], vt_u[i], mult_u[i]
    value, num, den, lower, upper, year = (
        _floats(cols[c].iloc[whole]) for c in ("value", "numerator", "denominator", "lower",
                                               "upper", "year"))
    value, lower, upper = value.copy(), lower.copy(), upper.copy()
    with np.errstate(invalid="ignore"):
        counts_ok = np.isfinite(num) & np.isfinite(den) & (num >= 0) & (den > 0)
        counts_ok &= (vt == _RATE) | (vt == _COUNT) | ((vt == _PROP) & (num <= den))
        count_only = (vt == _COUNT) & np.isfinite(num) & (num >= 0)
    fill = np.isnan(value) & counts_ok & ((vt == _PROP) | (vt == _RATE))
    value[fill] = num[fill] / den[fill] * mult[fill]
    fill = np.isnan(value) & count_only
    value[fill] = num[fill]
    counts_ok |= count_only

    published = np.isfinite(lower) & np.isfinite(upper)
    ci = np.where(published, CI_METHODS.index("published"), -1).astype(np.int8)
    lower[~published], upper[~published] = np.nan, np.nan
    # A population or other count is a size, not an estimate of a rate: no interval is
    # computed for it (nor is it judged against a comparator, below).
    interval_ok = counts_ok & (vt != _COUNT)
    todo = np.flatnonzero(~published & interval_ok)
    lower[todo], upper[todo], ci[todo] = _limits(vt, num, den, mult, todo, 0.95)
    lower_998, upper_998 = np.full(rows.size, np.nan), np.full(rows.size, np.nan)
    todo = np.flatnonzero(interval_ok)
    lower_998[todo], upper_998[todo], _ = _limits(vt, num, den, mult, todo, 0.998)

    # comparator values: look up (indicator, period, comparator area) among this chunk's rows
    crow = np.flatnonzero(is_cc_area[a])
    ckey = (i[crow].astype(np.int64) * P + pe[crow]) * A + a[crow]
    corder = np.argsort(ckey, kind="stable")
    ckey, crow = ckey[corder], crow[corder]
    if np.any(ckey[1:] == ckey[:-1]):
        dup = crow[np.flatnonzero(ckey[1:] == ckey[:-1])]
        raise DataError(f"values: duplicate comparator rows (same indicator, area and period) "
                        f"at positions {rows[dup[:5]].tolist()}.")
    main_cc = np.full(rows.size, -1, np.int32)
    for j in range(int(slots.max(initial=0))):
        has = np.flatnonzero(slots > j)
        cc = cc_u[a[has], j]
        target = np.where(cc >= 0, cc_area[np.maximum(cc, 0)], -1)
        q = (i[has].astype(np.int64) * P + pe[has]) * A + target
        cval = np.full(has.size, np.nan)
        if ckey.size:
            pos = np.minimum(np.searchsorted(ckey, q), ckey.size - 1)
            found = (target >= 0) & (ckey[pos] == q)
            cval[found] = value[crow[pos[found]]]
        # A count (people, events) is not judged against a larger area's count: its size
        # says how big the area is, not how it fares (Fingertips does not compare counts).
        judged = vt[has] != _COUNT
        c95 = comparison_codes(np.where(judged, lower[has], np.nan), upper[has], cval)
        c998 = comparison_codes(np.where(judged, lower_998[has], np.nan), upper_998[has], cval)
        j95, j998 = judgement_codes(c95, pol[has]), judgement_codes(c998, pol[has])
        at = starts[has] + j
        p["ind"][at], p["area"][at], p["per"][at] = i[has], a[has], pe[has]
        p["token"][at], p["cc"][at], p["value"][at] = token_of[t[has], j], cc, cval
        p["c95"][at], p["c998"][at], p["j95"][at], p["j998"][at] = c95, c998, j95, j998
        if j == 0:
            main_cc[has] = cc
        # The headline judgement is against the main comparator; where it has no value,
        # against the next one that has (the page says so: "compared with England: no
        # district value"), rather than "Not compared" without a word.
        take = np.isnan(o["comparator_value"][rows[has]]) & ((j == 0) | np.isfinite(cval))
        r0 = rows[has[take]]
        o["cc"][r0], o["comparator_value"][r0] = cc[take], cval[take]
        o["c95"][r0], o["j95"][r0] = c95[take], j95[take]

    groups = ((i.astype(np.int64) * P + pe) * T + t) * (C + 1) + (main_cc + 1)
    ranks = rank_and_quintile(value, _cat(pol, ["higher_is_better", "lower_is_better",
                                                "no_judgement"]), groups)
    o["rank"][whole] = ranks["rank"].to_numpy(dtype=np.int32, na_value=0)
    o["n_ranked"][whole] = ranks["n_ranked"].to_numpy(dtype=np.int32, na_value=0)
    o["quintile"][whole] = ranks["quintile"].to_numpy(dtype=np.int8, na_value=0)
    o["trend"][whole] = trend_from_arrays(
        i.astype(np.int64) * A + a, year, annual_u[pe], value, num, den, lower, upper,
        use_counts=vt == _PROP, polarity=pol, latest_only=latest)
    for name, arr in (("value", value), ("lower", lower), ("upper", upper),
                      ("lower_998", lower_998), ("upper_998", upper_998)):
        o[name][whole] = arr
    o["ci"][whole] = ci
