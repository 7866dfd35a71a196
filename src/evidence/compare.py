"""Compare values with a benchmark, and rank areas, the way Fingertips does.

Every function here is vectorised and pure: arrays or Series in, new Series out.
Judgements are always words (never colours); :data:`JUDGEMENT_STYLE` gives each word
a colour-blind-safe colour *and* a text symbol, so that colour never carries the
meaning alone.

Methods (OHID Fingertips, reproduced from its open source):

* **One level** (``SingleOverlappingCIsComparer``): the benchmark *value* is compared
  with the area's 95% interval; the benchmark's own interval is ignored. The test is
  inclusive (``lower <= benchmark <= upper``), so an interval that touches the benchmark
  is *Similar*. Missing limits or a missing benchmark value give *Not compared*.
* **Two levels** (``SingleOverlappingCIsForTwoCILevelsComparer``): *Similar* when the
  benchmark lies within the 95% interval; a 95% difference when it lies between the 95%
  and the 99.8% limits (limits inclusive); a 99.8% difference only when it lies strictly
  outside the 99.8% interval. Both intervals must be present. We name the five outcomes
  ``"Better (99.8%)"``, ``"Better (95%)"``, ``"Similar"``, ``"Worse (95%)"``,
  ``"Worse (99.8%)"`` (``Higher``/``Lower`` for ``no_judgement``), matching the
  Fingertips legend, which labels the darker and lighter shades by level.
* **Quintiles** (``QuintilesCalculator``): bounds at the 20th, 40th, 60th and 80th
  percentiles of the valid values of the group (linear interpolation between order
  statistics, ``(n - 1) * f + 1``, rounded to 10 decimals); a value falls in the first
  category whose bound it does not exceed, and groups with fewer than five values get
  no quintile. We turn Fingertips' categories (1 = lowest) round so that quintile 1 is
  the best fifth (or the highest where there is no polarity).

Sources: ``PholioVisualisationWS/Analysis/SingleOverlappingCIsComparer.cs``,
``SingleOverlappingCIsForTwoCILevelsComparer.cs``, ``QuintilesComparer.cs`` and
``ValueCategoriesCalculator.cs`` in github.com/ukhsa-collaboration/fingertips-open.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from evidence.errors import DataError, unknown_name

__all__ = [
    "COMPARISONS",
    "JUDGEMENTS",
    "JUDGEMENT_STYLE",
    "POLARITIES",
    "TWO_LEVEL_JUDGEMENTS",
    "compare",
    "comparison_codes",
    "judge",
    "judgement_codes",
    "polarity_codes",
    "rank_and_quintile",
    "two_level",
]

POLARITIES: tuple[str, ...] = ("higher_is_better", "lower_is_better", "no_judgement")
COMPARISONS: tuple[str, ...] = ("Higher", "Similar", "Lower", "Not compared")
JUDGEMENTS: tuple[str, ...] = ("Better", "Similar", "Worse", "Higher", "Lower", "Not compared")
TWO_LEVEL_JUDGEMENTS: tuple[str, ...] = (
    "Better (99.8%)", "Better (95%)", "Similar", "Worse (95%)", "Worse (99.8%)",
    "Higher (99.8%)", "Higher (95%)", "Lower (95%)", "Lower (99.8%)", "Not compared",
)

# Okabe-Ito palette (safe for the common colour-vision deficiencies), with a symbol
# that carries the same meaning in text, print and screen readers.
JUDGEMENT_STYLE: dict[str, dict[str, str]] = {
    "Better": {"colour": "#0072B2", "symbol": "▲", "text": "better"},
    "Similar": {"colour": "#F0E442", "symbol": "●", "text": "similar"},
    "Worse": {"colour": "#D55E00", "symbol": "▼", "text": "worse"},
    "Higher": {"colour": "#56B4E9", "symbol": "△", "text": "higher"},
    "Lower": {"colour": "#CC79A7", "symbol": "▽", "text": "lower"},
    "Not compared": {"colour": "#BBBBBB", "symbol": "○", "text": "not compared"},
    "Better (99.8%)": {"colour": "#004C7A", "symbol": "▲▲", "text": "better (99.8%)"},
    "Better (95%)": {"colour": "#0072B2", "symbol": "▲", "text": "better (95%)"},
    "Worse (95%)": {"colour": "#D55E00", "symbol": "▼", "text": "worse (95%)"},
    "Worse (99.8%)": {"colour": "#8F3F00", "symbol": "▼▼", "text": "worse (99.8%)"},
    "Higher (99.8%)": {"colour": "#2B7FB0", "symbol": "△△", "text": "higher (99.8%)"},
    "Higher (95%)": {"colour": "#56B4E9", "symbol": "△", "text": "higher (95%)"},
    "Lower (95%)": {"colour": "#CC79A7", "symbol": "▽", "text": "lower (95%)"},
    "Lower (99.8%)": {"colour": "#9E4A80", "symbol": "▽▽", "text": "lower (99.8%)"},
}

# integer codes used internally (indices into COMPARISONS / JUDGEMENTS)
HIGHER, SIMILAR, LOWER, NOT_COMPARED = 0, 1, 2, 3
_HIB, _LIB, _NOJ = 0, 1, 2


def _array(x: object, n: int | None = None) -> np.ndarray:
    a = np.asarray(pd.Series(x).to_numpy(dtype=float, na_value=np.nan)) if isinstance(
        x, pd.Series) else np.asarray(x, dtype=float)
    if a.ndim == 0 and n is not None:
        a = np.full(n, float(a))
    return a


def _index_of(*args: object) -> pd.Index | None:
    for a in args:
        if isinstance(a, pd.Series):
            return a.index
    return None


def _categorical(codes: np.ndarray, labels: Sequence[str], index: pd.Index | None) -> pd.Series:
    cat = pd.Categorical.from_codes(codes.astype(np.int8, copy=False), categories=list(labels))
    return pd.Series(cat, index=index, copy=False)


def polarity_codes(polarity: object, n: int) -> np.ndarray:
    """Return polarity as integer codes (0 higher, 1 lower, 2 no judgement) of length ``n``.

    ``polarity`` is one name or an array of names; an unknown name raises
    :class:`~evidence.errors.UnknownNameError` listing the allowed ones.
    """
    if isinstance(polarity, str):
        if polarity not in POLARITIES:
            raise unknown_name("polarity", polarity, POLARITIES)
        return np.full(n, POLARITIES.index(polarity), dtype=np.int8)
    series = polarity if isinstance(polarity, pd.Series) else pd.Series(polarity, dtype=object)
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), list(series.cat.categories)
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    lookup = np.empty(len(uniques), dtype=np.int8)
    for i, name in enumerate(uniques):
        if name not in POLARITIES:
            raise unknown_name("polarity", name, POLARITIES)
        lookup[i] = POLARITIES.index(name)
    if (codes < 0).any():
        raise DataError(f"polarity is missing in {int((codes < 0).sum())} row(s); "
                        f"allowed: {', '.join(POLARITIES)}.")
    if len(codes) != n:
        raise DataError(f"polarity has {len(codes)} values for {n} rows.")
    return lookup[codes]


def comparison_codes(lower: np.ndarray, upper: np.ndarray, benchmark: np.ndarray) -> np.ndarray:
    """Integer comparison codes (see :data:`COMPARISONS`) from plain float arrays."""
    with np.errstate(invalid="ignore"):
        higher = lower > benchmark
        lower_ = upper < benchmark
        missing = np.isnan(lower) | np.isnan(upper) | np.isnan(benchmark)
    codes = np.full(lower.shape, SIMILAR, dtype=np.int8)
    codes[higher] = HIGHER
    codes[lower_] = LOWER
    codes[missing] = NOT_COMPARED
    return codes


# judgement code table: rows polarity (hib, lib, noj), columns comparison code
_JUDGE = np.array([
    [0, 1, 2, 5],   # higher_is_better: Higher->Better, Lower->Worse
    [2, 1, 0, 5],   # lower_is_better: Higher->Worse, Lower->Better
    [3, 1, 4, 5],   # no_judgement: keeps Higher/Lower
], dtype=np.int8)


def judgement_codes(comparison: np.ndarray, polarity: np.ndarray) -> np.ndarray:
    """Integer judgement codes (see :data:`JUDGEMENTS`) from comparison and polarity codes."""
    return _JUDGE[polarity, comparison]


def compare(lower: object, upper: object, benchmark: object) -> pd.Series:
    """Compare each interval with a benchmark value: Higher, Similar, Lower or Not compared.

    **Higher** when the interval lies wholly above the benchmark, **Lower** when wholly
    below, otherwise **Similar** (an interval that touches the benchmark is Similar, as
    in Fingertips); a missing limit or benchmark gives **Not compared**.

    Parameters
    ----------
    lower, upper : array-like of float
        The area's confidence limits (any level).
    benchmark : array-like of float or float
        The comparator's value (its own interval is ignored).

    Returns
    -------
    pandas.Series
        Categorical with categories :data:`COMPARISONS`, on the index of the first
        Series argument (or a RangeIndex).

    Examples
    --------
    >>> compare([1.0, 4.0, 2.0, None], [3.0, 6.0, 5.0, 2.0], 5.0).tolist()
    ['Lower', 'Similar', 'Similar', 'Not compared']
    """
    lo = _array(lower)
    hi = _array(upper, lo.size)
    bm = _array(benchmark, lo.size)
    if not (lo.shape == hi.shape == bm.shape):
        raise DataError(f"lower, upper and benchmark have different lengths: "
                        f"{lo.size}, {hi.size}, {bm.size}.")
    return _categorical(comparison_codes(lo, hi, bm), COMPARISONS, _index_of(lower, upper, benchmark))


def judge(comparison: object, polarity: object) -> pd.Series:
    """Turn comparisons into judgements using the indicator's polarity.

    ``higher_is_better`` makes Higher *Better* and Lower *Worse*; ``lower_is_better``
    the reverse; ``no_judgement`` keeps Higher and Lower. Similar and Not compared stay.

    Examples
    --------
    >>> judge(["Higher", "Lower", "Similar"], "lower_is_better").tolist()
    ['Worse', 'Better', 'Similar']
    >>> judge(["Higher", "Not compared"], ["no_judgement", "higher_is_better"]).tolist()
    ['Higher', 'Not compared']
    """
    comp = pd.Categorical(pd.Series(comparison).astype(object), categories=list(COMPARISONS))
    codes = np.asarray(comp.codes)
    if (codes < 0).any():
        bad = sorted({str(v) for v, c in zip(pd.Series(comparison), codes) if c < 0})
        raise unknown_name("comparison", bad[0], COMPARISONS)
    pol = polarity_codes(polarity, codes.size)
    return _categorical(judgement_codes(codes, pol), JUDGEMENTS, _index_of(comparison))


def two_level(lower: object, upper: object, lower_998: object, upper_998: object,
              benchmark: object, polarity: object) -> pd.Series:
    """Two-level (95% and 99.8%) judgement, as Fingertips shows it.

    Returns one of :data:`TWO_LEVEL_JUDGEMENTS`: ``"Similar"`` when the benchmark lies
    within the 95% interval (inclusive); ``"Better (95%)"``/``"Worse (95%)"`` when it lies
    between the 95% and 99.8% limits (inclusive); ``"Better (99.8%)"``/``"Worse (99.8%)"``
    when it lies strictly outside the 99.8% interval; ``Higher``/``Lower`` in place of
    Better/Worse for ``no_judgement``; ``"Not compared"`` when any limit or the benchmark
    is missing.

    Examples
    --------
    >>> two_level([10, 10, 10], [12, 12, 12], [9, 9, 9], [13, 13, 13],
    ...           [11, 9.5, 8], "higher_is_better").tolist()
    ['Similar', 'Better (95%)', 'Better (99.8%)']
    """
    lo = _array(lower)
    n = lo.size
    hi, lo8, hi8, bm = (_array(x, n) for x in (upper, lower_998, upper_998, benchmark))
    pol = polarity_codes(polarity, n)
    c95 = comparison_codes(lo, hi, bm)
    c998 = comparison_codes(lo8, hi8, bm)
    # index into TWO_LEVEL_JUDGEMENTS: direction x level x polarity
    # above the benchmark (Higher): 99.8 if also Higher at 99.8%, else 95
    strong = c998 == c95
    better998, better95, similar, worse95, worse998 = 0, 1, 2, 3, 4
    higher998, higher95, lower95, lower998, nc = 5, 6, 7, 8, 9
    out = np.full(n, similar, dtype=np.int8)
    up = c95 == HIGHER
    down = c95 == LOWER
    good_up = pol == _HIB
    good_down = pol == _LIB
    neutral = pol == _NOJ
    out[up & good_up] = np.where(strong[up & good_up], better998, better95)
    out[up & good_down] = np.where(strong[up & good_down], worse998, worse95)
    out[up & neutral] = np.where(strong[up & neutral], higher998, higher95)
    out[down & good_up] = np.where(strong[down & good_up], worse998, worse95)
    out[down & good_down] = np.where(strong[down & good_down], better998, better95)
    out[down & neutral] = np.where(strong[down & neutral], lower998, lower95)
    out[(c95 == NOT_COMPARED) | (c998 == NOT_COMPARED)] = nc
    return _categorical(out, TWO_LEVEL_JUDGEMENTS,
                        _index_of(lower, upper, lower_998, upper_998, benchmark))


def _round10(x: np.ndarray) -> np.ndarray:
    """Round to 10 decimals as .NET ``Math.Round(x, 10, MidpointRounding.AwayFromZero)``.

    Fingertips rounds its percentile bounds this way; .NET scales by 1e10, rounds half
    away from zero and scales back, leaving values of 1e16 or more unchanged.
    """
    scaled = x * 1e10
    whole = np.trunc(scaled)
    frac = scaled - whole
    rounded = np.where(np.abs(frac) >= 0.5, whole + np.sign(frac), whole) / 1e10
    return np.where(np.abs(x) < 1e16, rounded, x)


def _order_by_group_then_score(groups: np.ndarray, score: np.ndarray) -> np.ndarray:
    """``np.lexsort((score, groups))``, faster: a stable radix sort when groups span < 2**15."""
    order = np.argsort(score)
    if groups.size and int(groups.max()) - int(groups.min()) < 32767:
        key = (groups - groups.min()).astype(np.int16)[order]
    else:
        key = groups[order]
    return order[np.argsort(key, kind="stable")]


def _group_starts(sorted_groups: np.ndarray) -> np.ndarray:
    """Boolean array marking the first element of each run of equal group keys."""
    first = np.ones(sorted_groups.size, dtype=bool)
    first[1:] = sorted_groups[1:] != sorted_groups[:-1]
    return first


def rank_and_quintile(value: object, polarity: object, groups: object) -> pd.DataFrame:
    """Rank areas within groups (rank 1 = best) and give each its quintile (1 = best).

    Parameters
    ----------
    value : array-like of float
        The values; missing values are not ranked (rank, n_ranked and quintile NA).
    polarity : str or array-like of str
        Per row (constant within a group). ``higher_is_better`` ranks the highest value
        first, ``lower_is_better`` the lowest; ``no_judgement`` ranks the highest first.
    groups : array-like of int
        Group key per row (e.g. indicator x period x area type x comparator, factorised).

    Returns
    -------
    pandas.DataFrame
        ``rank`` (ties share the minimum rank), ``n_ranked`` (non-missing values in the
        group) and ``quintile`` (Fingertips percentile bounds, see the module docstring;
        NA when the group has fewer than five values), as ``Int32``/``Int8``.

    Examples
    --------
    >>> rank_and_quintile([5.0, 7.0, 7.0, None, 1.0], "higher_is_better",
    ...                   [0, 0, 0, 0, 0])["rank"].tolist()
    [3, 1, 1, <NA>, 4]
    """
    v = _array(value)
    n = v.size
    g = np.asarray(pd.Series(groups).to_numpy(), dtype=np.int64) if not isinstance(
        groups, np.ndarray) else groups.astype(np.int64, copy=False)
    if g.size != n:
        raise DataError(f"groups has {g.size} values for {n} rows.")
    pol = polarity_codes(polarity, n)
    ok = ~np.isnan(v)
    idx = np.flatnonzero(ok)
    vv, gg, pp = v[idx], g[idx], pol[idx]
    descending = pp != _LIB
    score = np.where(descending, -vv, vv)  # ascending score = best first
    order = _order_by_group_then_score(gg, score)
    s_score, s_group, s_val = score[order], gg[order], vv[order]
    s_desc = descending[order]
    m = order.size
    gstart = _group_starts(s_group)
    gid = np.cumsum(gstart) - 1
    start_pos = np.flatnonzero(gstart)
    sizes = np.diff(np.append(start_pos, m))
    pos = np.arange(m) - start_pos[gid]
    run_start = gstart.copy()
    run_start[1:] |= s_score[1:] != s_score[:-1]
    run_first = np.maximum.accumulate(np.where(run_start, np.arange(m), 0))
    rank_sorted = run_first - start_pos[gid] + 1
    n_sorted = sizes[gid]

    # Fingertips quintile bounds on the ascending values of each group
    big = sizes >= 5
    cat = np.zeros(m, dtype=np.int8)
    if big.any():
        bounds = np.empty((sizes.size, 4))
        desc_g = s_desc[start_pos]
        for j in range(1, 5):
            frac = (1.0 / 5.0) * j
            npos = (sizes - 1) * frac + 1
            k = npos.astype(np.int64)
            d = npos - k
            k = np.clip(k, 1, sizes)
            k1 = np.minimum(k + 1, sizes)
            # ascending index a (1-based) -> sorted position
            lo_pos = np.where(desc_g, start_pos + sizes - k, start_pos + k - 1)
            hi_pos = np.where(desc_g, start_pos + sizes - k1, start_pos + k1 - 1)
            lo_v, hi_v = s_val[lo_pos], s_val[hi_pos]
            bounds[:, j - 1] = _round10(lo_v + d * (hi_v - lo_v))
        cat = np.ones(m, dtype=np.int8)
        for j in range(4):
            cat += s_val > bounds[:, j][gid]
        cat = np.where(s_desc, 6 - cat, cat).astype(np.int8)
        cat[~big[gid]] = 0

    rank = np.zeros(n, dtype=np.int32)
    count = np.zeros(n, dtype=np.int32)
    quint = np.zeros(n, dtype=np.int8)
    rows = idx[order]
    rank[rows] = rank_sorted
    count[rows] = n_sorted
    quint[rows] = cat
    index = _index_of(value, polarity, groups)
    return pd.DataFrame({
        "rank": pd.arrays.IntegerArray(rank, ~ok),
        "n_ranked": pd.arrays.IntegerArray(count, ~ok),
        "quintile": pd.arrays.IntegerArray(quint, quint == 0),
    }, index=index)
