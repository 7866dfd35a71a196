"""Recent trends: the Fingertips trend marker, vectorised over millions of series.

The recent trend of an indicator for an area is judged over its five most recent
consecutive annual points (Fingertips: "recent trends", shown as arrows; the method is
in OHID's *Fingertips technical guide* and its open source, ``TrendMarkerCalculator.cs``
in github.com/ukhsa-collaboration/fingertips-open and dhsc-govuk/FingertipsNext):

* **Proportions** (with numerators ``r`` and denominators ``n``): the chi-squared test
  for trend (Cochran-Armitage; Altman, *Practical Statistics for Medical Research*,
  1991, 10.7.4) with scores ``t = 1..5``::

      X2 = N (N Σrt - R Σnt)² / (R (N - R) (N Σnt² - (Σnt)²)),  R = Σr, N = Σn.

  The direction is the sign of the ordinary least-squares slope of the log odds
  ``log(r / (n - r))`` on ``t``.
* **Other value types** (rates, DSRs, means, counts, scores): weighted least squares of
  the value on ``t`` with weights ``1 / se²``, ``se = (upper95 - lower95) / 3.92``;
  ``X2 = (slope / se(slope))²`` with ``se(slope)² = Σw / (Σw Σwt² - (Σwt)²)``.
* The trend is **significant** only when ``X2`` exceeds the 99.8% point of chi-squared
  on one degree of freedom (9.5495...) **and** the slope keeps its sign when each of
  the five points is dropped in turn (six slopes of one sign). The label then says
  the direction and, from the polarity, whether that is getting better or worse.

Where this differs from Fingertips' code, and why:

* Fingertips picks the chi-squared test when the indicator is benchmarked by "SPC for
  proportions"; we pick it for every ``proportion`` indicator (we have no comparator
  method per indicator);
* the five points must be consecutive annual periods ending at the row (Fingertips
  takes the five most recent valid points); periods spanning more than one year
  (``2017 - 19``) are not annual, so Fingertips' "year range must be 1" rule holds;
* a proportion needs numerators and denominators at all five points, with
  ``0 < r < n`` (Fingertips refuses ``r == n``; ``r == 0`` makes the log odds infinite,
  so we refuse it too); other value types need finite value and ``upper > lower``;
* Fingertips computes trends only for proportions, crude rates and DSRs; we also apply
  the weighted method to means, counts and scores that have 95% limits;
* Fingertips counts a slope of exactly zero as positive in the drop-one check, so a
  flat series with one jump at the end is a trend but the same series reversed is
  not; we require every slope to be strictly of one sign (the direction must *hold*),
  which only differs from Fingertips when four points are exactly level.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.compare import polarity_codes
from evidence.errors import DataError

__all__ = [
    "CHI2_998",
    "TRENDS",
    "chi2_for_trend",
    "annual_periods",
    "recent_trend",
    "trend_codes",
    "trend_from_arrays",
    "wls_trend",
]

CHI2_998 = 9.54953570608324  # chi-squared(1) at 0.998, as in Fingertips
TRENDS: tuple[str, ...] = (
    "Increasing and getting better",
    "Increasing and getting worse",
    "Decreasing and getting better",
    "Decreasing and getting worse",
    "Increasing",
    "Decreasing",
    "No significant change",
    "Cannot be calculated",
)
_INC_BETTER, _INC_WORSE, _DEC_BETTER, _DEC_WORSE, _INC, _DEC, _NO_CHANGE, _CANNOT = range(8)
_CHUNK = 200_000
_T = np.arange(1.0, 6.0)


def chi2_for_trend(r: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Chi-squared test for trend in proportions, one statistic per row of ``(N, k)`` arrays.

    Scores are ``1..k`` (equally spaced periods).

    Examples
    --------
    >>> chi2 = chi2_for_trend(np.array([[10., 20, 30, 40, 50]]), np.full((1, 5), 100.))
    >>> round(float(chi2[0]), 3)  # 100² / (0.3 x 0.7 x 1000)
    47.619
    """
    t = np.arange(1.0, r.shape[1] + 1)
    R, N = r.sum(axis=1), n.sum(axis=1)
    srt, snt, sntt = r @ t, n @ t, n @ (t * t)
    with np.errstate(divide="ignore", invalid="ignore"):
        return N * (N * srt - R * snt) ** 2 / (R * (N - R) * (N * sntt - snt ** 2))


def _drop_one_signs(y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Slope signs (+1, -1, or 0 for flat or undefined) with all points and each dropped.

    Weighted least squares of ``y`` on ``t = 1..5`` with weights ``w`` (``w = 1`` is
    ordinary least squares). Returns an ``(N, 6)`` int8 array, column 0 for all points.
    """
    wt, wtt = w * _T, w * _T * _T
    s1, s3, s5 = w.sum(1), wt.sum(1), wtt.sum(1)
    s2, s4 = (wt * y).sum(1), (w * y).sum(1)
    signs = np.empty((y.shape[0], 6), dtype=np.int8)
    with np.errstate(divide="ignore", invalid="ignore"):
        for j in range(6):
            if j == 0:
                a1, a2, a3, a4, a5 = s1, s2, s3, s4, s5
            else:
                k = j - 1
                a1, a3, a5 = s1 - w[:, k], s3 - wt[:, k], s5 - wtt[:, k]
                a2, a4 = s2 - wt[:, k] * y[:, k], s4 - w[:, k] * y[:, k]
            # sign of the slope = sign of its numerator (the denominator, a weighted
            # variance of t, is positive); differences within rounding error are 0
            top = a1 * a2 - a3 * a4
            tol = 1e-9 * (np.abs(a1 * a2) + np.abs(a3 * a4))
            ok = (a1 * a5 - a3 * a3) > 0
            signs[:, j] = np.where(ok & (top > tol), 1, np.where(ok & (top < -tol), -1, 0))
    return signs


def wls_trend(value: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Slope and chi-squared of the weighted least-squares trend, per row of ``(N, 5)``.

    Weights are ``1 / se²`` with ``se = (upper - lower) / 3.92`` (the 95% interval).
    """
    se = (upper - lower) / 3.92
    with np.errstate(divide="ignore", invalid="ignore"):
        w = 1.0 / (se * se)
        s1, s3, s5 = w.sum(1), (w * _T).sum(1), (w * _T * _T).sum(1)
        s2, s4 = (w * _T * value).sum(1), (w * value).sum(1)
        det = s1 * s5 - s3 * s3
        slope = (s1 * s2 - s3 * s4) / det
        chi2 = slope * slope * det / s1
    return slope, chi2


def trend_codes(value: np.ndarray, numerator: np.ndarray, denominator: np.ndarray,
                lower: np.ndarray, upper: np.ndarray, use_counts: np.ndarray,
                polarity: np.ndarray) -> np.ndarray:
    """Trend codes (indices into :data:`TRENDS`) for ``(N, 5)`` arrays of consecutive points.

    ``use_counts`` (bool, per row) chooses the chi-squared test for proportions;
    ``polarity`` holds polarity codes (0 higher is better, 1 lower, 2 no judgement).
    Rows are processed in chunks to bound memory.
    """
    out = np.empty(value.shape[0], dtype=np.int8)
    for s in range(0, value.shape[0], _CHUNK):
        sl = slice(s, s + _CHUNK)
        out[sl] = _trend_chunk(value[sl], numerator[sl], denominator[sl], lower[sl],
                               upper[sl], use_counts[sl], polarity[sl])
    return out


def _trend_chunk(v, r, n, lo, hi, use_counts, pol) -> np.ndarray:
    m = v.shape[0]
    code = np.full(m, _CANNOT, dtype=np.int8)
    # proportions: chi-squared test for trend, direction from the log odds
    with np.errstate(invalid="ignore"):
        ok_p = use_counts & np.all((r > 0) & (r < n) & np.isfinite(r) & np.isfinite(n), axis=1)
        ok_w = ~use_counts & np.all(np.isfinite(v) & np.isfinite(lo) & np.isfinite(hi)
                                    & (hi > lo), axis=1)
    slope_sign = np.zeros(m, dtype=np.int8)
    significant = np.zeros(m, dtype=bool)
    # the drop-one check is only needed where the test is significant
    if ok_p.any():
        rows = np.flatnonzero(ok_p)
        rows = rows[chi2_for_trend(r[rows], n[rows]) > CHI2_998]
        rp, np_ = r[rows], n[rows]
        signs = _drop_one_signs(np.log(rp / (np_ - rp)), np.ones_like(rp))
        significant[rows] = np.abs(signs.sum(1)) == 6
        slope_sign[rows] = signs[:, 0]
    if ok_w.any():
        rows = np.flatnonzero(ok_w)
        rows = rows[wls_trend(v[rows], lo[rows], hi[rows])[1] > CHI2_998]
        se = (hi[rows] - lo[rows]) / 3.92
        signs = _drop_one_signs(v[rows], 1.0 / (se * se))
        significant[rows] = np.abs(signs.sum(1)) == 6
        slope_sign[rows] = signs[:, 0]
    computed = ok_p | ok_w
    code[computed] = _NO_CHANGE
    up = significant & (slope_sign > 0)
    down = significant & (slope_sign < 0)
    code[up & (pol == 0)] = _INC_BETTER
    code[up & (pol == 1)] = _INC_WORSE
    code[up & (pol == 2)] = _INC
    code[down & (pol == 0)] = _DEC_WORSE
    code[down & (pol == 1)] = _DEC_BETTER
    code[down & (pol == 2)] = _DEC
    return code


def annual_periods(period: pd.Series) -> np.ndarray:
    """True where the period label is one year (``2019``, ``2019/20``, ``2019-20``).

    Multi-year periods (``2017 - 19``) and sub-annual ones (``2019/20 Q1``) are not
    annual, and Fingertips computes no recent trend for them.
    """
    codes, uniques = pd.factorize(period)
    labels = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    single = labels.str.fullmatch(r"\s*\d{4}\s*").to_numpy(dtype=bool)
    parts = labels.str.extract(r"^\s*(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})\s*$")
    start = pd.to_numeric(parts[0], errors="coerce")
    end = pd.to_numeric(parts[1], errors="coerce")
    end = end.where(end >= 100, (start // 100) * 100 + end)
    end = end.where(end >= start, end + 100)
    ok = single | ((end - start) <= 1).to_numpy(dtype=bool, na_value=False)
    return np.where(codes >= 0, ok[np.maximum(codes, 0)] if ok.size else False, False)


def recent_trend(frame: pd.DataFrame, *, window: int = 5, latest_only: bool = False,
                 series: tuple[str, ...] = ("indicator_id", "area_code")) -> pd.Series:
    """Recent trend label for each row, over the five consecutive years ending at it.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``indicator_id``, ``area_code``, ``period``, ``year``, ``value``,
        ``numerator``, ``denominator``, ``lower``, ``upper`` (95% limits), ``polarity``
        and ``value_type``. Not modified.
    window : int
        Number of points; only 5 (the Fingertips method) is supported.
    latest_only : bool
        Label only the latest year of each series (the others get NA); the full
        default labels every row, as ``values.parquet`` documents.
    series : tuple of str
        Columns identifying a series.

    Returns
    -------
    pandas.Series
        Categorical with categories :data:`TRENDS`, on ``frame.index``.
    """
    if window != 5:
        raise DataError(f"trend_window must be 5 (the Fingertips method), not {window!r}.")
    need = [*series, "period", "year", "value", "numerator", "denominator", "lower",
            "upper", "polarity", "value_type"]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise DataError(f"recent_trend needs column(s) {', '.join(missing)}.")
    key = np.zeros(len(frame), dtype=np.int64)
    for col in series:
        codes, uniques = pd.factorize(frame[col])
        key = key * (len(uniques) + 1) + (codes + 1)
    arrays = {c: frame[c].to_numpy(dtype=np.float64, na_value=np.nan)
              for c in ("year", "value", "numerator", "denominator", "lower", "upper")}
    codes = trend_from_arrays(
        key, arrays.pop("year"), annual_periods(frame["period"]), **arrays,
        use_counts=_equals(frame["value_type"], "proportion"),
        polarity=polarity_codes(frame["polarity"], len(frame)), latest_only=latest_only)
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(TRENDS)),
                     index=frame.index, name="trend")


def trend_from_arrays(series: np.ndarray, year: np.ndarray, annual: np.ndarray,
                      value: np.ndarray, numerator: np.ndarray, denominator: np.ndarray,
                      lower: np.ndarray, upper: np.ndarray, *, use_counts: np.ndarray,
                      polarity: np.ndarray, latest_only: bool = False,
                      window: int = 5) -> np.ndarray:
    """Trend codes (indices into :data:`TRENDS`, -1 for none) for rows of many series.

    ``series`` is an integer series key per row and ``year`` the first year of the
    period (float, NaN if unknown); rows may come in any order. Each row whose series
    has annual points for the four years before it gets the trend of those five
    points; other rows get "Cannot be calculated", or -1 with ``latest_only`` for rows
    that are not the latest of their series.
    """
    nrow = series.size
    yr = np.nan_to_num(year, nan=-1e6).astype(np.int64)
    dk, dy = np.diff(series), np.diff(yr)
    if np.any(dk < 0) or np.any((dk == 0) & (dy < 0)):
        # = np.lexsort((yr, series)): stable sorts by year, then by series; timsort is
        # quick on the runs that rows sorted by period then area leave
        span = int(yr.max() - yr.min())
        by_year = np.argsort(yr - yr.min() if span >= 32767 else (yr - yr.min()).astype(np.int16),
                             kind="stable")
        order = by_year[np.argsort(series[by_year], kind="stable")]
    else:
        order = np.arange(nrow)
    del dk, dy
    k, y = series[order], yr[order]
    ann = annual[order] & ~np.isnan(year[order])
    # window ending at sorted position i: points i-4..i, same series, consecutive years
    good = np.zeros(nrow, dtype=bool)
    if nrow >= window:
        tail = slice(window - 1, None)
        good[tail] = ann[tail]
        for lag in range(1, window):
            prev = slice(window - 1 - lag, nrow - lag)
            good[tail] &= (k[tail] == k[prev]) & ((y[tail] - y[prev]) == lag) & ann[prev]
    last = np.ones(nrow, dtype=bool)
    last[:-1] = k[1:] != k[:-1]
    ends = np.flatnonzero(good & last) if latest_only else np.flatnonzero(good)

    cols = [a[order] for a in (value, numerator, denominator, lower, upper)]
    counts, pol = use_counts[order], polarity[order]
    out_sorted = np.full(nrow, _CANNOT, dtype=np.int8)
    offsets = np.arange(-(window - 1), 1)
    for s in range(0, ends.size, _CHUNK):
        e = ends[s:s + _CHUNK]
        idx = e[:, None] + offsets
        out_sorted[e] = trend_codes(*(c[idx] for c in cols), counts[e], pol[e])
    if latest_only:
        out_sorted[~last] = -1
    out = np.empty(nrow, dtype=np.int8)
    out[order] = out_sorted
    return out


def _equals(column: pd.Series, word: str) -> np.ndarray:
    """``column == word`` as a bool array, fast for categorical columns."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        hit = np.asarray(column.cat.categories == word)
        codes = column.cat.codes.to_numpy()
        return np.where(codes >= 0, hit[np.maximum(codes, 0)] if hit.size else False, False)
    return (column == word).to_numpy(dtype=bool, na_value=False)
