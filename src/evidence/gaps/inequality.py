"""Inequality inside the focus area: best and worst wards, deprivation gaps and the SII.

Three measures, each stated in words as well as numbers:

* **Range**: the best and worst area of one type (wards by default) per indicator.
* **Gap between deprivation fifths**: small areas are ranked by a deprivation
  indicator and split into five equal-count fifths (1 = most deprived); each fifth's
  value is recomputed from its summed numerators and denominators where every area has
  them (otherwise the denominator-weighted mean of the values, or the plain mean).
* **Slope index of inequality (SII)** and **relative index (RII)**: the method used
  by PHE/OHID (Fingertips, ``PHEindicatormethods::phe_sii``; Low & Low, *Measuring
  the gap: quantifying and comparing local health inequalities*, J Public Health
  2004;26:388-395). Areas are ordered from most to least deprived; each gets the
  midpoint of its share of the cumulative population as ``x`` in [0, 1]; the value is
  regressed on ``x`` by weighted least squares with the population as weight
  (PHE fit ``Y·√a = c·√a + b·x·√a``, the same thing). The SII is the slope ``b``: the
  modelled difference between the least deprived end (``x = 1``) and the most deprived
  end (``x = 0``). The RII is ``(c + b) / c``, the ratio of the two ends. We fit on the
  small areas themselves (a "quantile" per area); confidence limits (PHE simulate them)
  are not computed.

Deprivation direction comes from the deprivation indicator's polarity: with
``lower_is_better`` (an IMD *score*) a higher value is more deprived; with
``higher_is_better`` (an IMD *decile* or rank, 1 = most deprived) a lower value is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.deprivation_scale import DeprivationScale, fifth_names, national_fifth, scale_words
from evidence.errors import DataError
from evidence.gaps._frames import fmt, latest, members, require, text, unit_words, with_unit
from evidence.polarity import polarity_sign, polarity_signs

__all__ = ["area_range", "deprivation_fifths", "fifth_gap", "relative_rank", "sii", "slope_index"]

FIFTH_NAMES = {1: "Most deprived fifth", 2: "Second fifth", 3: "Third fifth", 4: "Fourth fifth",
               5: "Least deprived fifth"}


def _catalogue(indicators: pd.DataFrame) -> pd.DataFrame:
    require(indicators, ["id", "name", "polarity", "unit", "multiplier"], "indicators")
    return pd.DataFrame({"indicator_id": text(indicators["id"]), "indicator_name": text(indicators["name"]),
                         "polarity": text(indicators["polarity"]), "unit": text(indicators["unit"]),
                         "multiplier": pd.to_numeric(indicators["multiplier"]).to_numpy(dtype=float)})


def _latest_in(values: pd.DataFrame, codes: pd.Series, period: str | None = None) -> pd.DataFrame:
    rows = values[text(values["area_code"]).isin(set(text(codes)))]
    rows = latest(rows, period)
    out = pd.DataFrame({"indicator_id": text(rows["indicator_id"]), "area_code": text(rows["area_code"]),
                        "period": text(rows["period"]),
                        "value": pd.to_numeric(rows["value"]).to_numpy(dtype=float),
                        "numerator": pd.to_numeric(rows["numerator"]).to_numpy(dtype=float),
                        "denominator": pd.to_numeric(rows["denominator"]).to_numpy(dtype=float)})
    return out[np.isfinite(out["value"])].reset_index(drop=True)


def area_range(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, *, focus_area: str,
               area_type: str = "ward", period: str | None = None, label: str | None = None) -> pd.DataFrame:
    """Best and worst area of ``area_type`` inside the focus area, per indicator.

    "Best" follows the polarity; for ``no_judgement`` indicators the "best" column
    holds the lowest value and the "worst" the highest. Ties go to the first area code.
    ``label`` names the area type in the text (default: ``area_type``).

    Returns
    -------
    pandas.DataFrame
        ``indicator_id, indicator_name, period, n_areas, best_code, best_name,
        best_value, worst_code, worst_name, worst_value, range, ratio, text``.
    """
    inside = members(areas, focus_area, area_type)
    rows = _latest_in(values, inside["area_code"], period).merge(_catalogue(indicators), on="indicator_id")
    names = dict(zip(text(areas["area_code"]), text(areas["area_name"])))
    # badness: larger is worse; no_judgement treated as "higher = worst" for the listing
    badness = np.where(polarity_signs(rows["polarity"]) > 0, -rows["value"], rows["value"])
    rows = rows.assign(_bad=badness).sort_values(["indicator_id", "_bad", "area_code"], kind="stable")
    first = rows.groupby("indicator_id", sort=True).head(1).set_index("indicator_id")
    last = rows.sort_values(["indicator_id", "_bad", "area_code"], ascending=[True, False, True],
                            kind="stable").groupby("indicator_id").head(1).set_index("indicator_id")
    out = pd.DataFrame({
        "indicator_name": first["indicator_name"], "period": first["period"],
        "n_areas": rows.groupby("indicator_id").size(),
        "best_code": first["area_code"], "best_name": first["area_code"].map(names),
        "best_value": first["value"], "worst_code": last["area_code"], "worst_name": last["area_code"].map(names),
        "worst_value": last["value"], "unit": first["unit"],
    })
    out["range"] = (out["worst_value"] - out["best_value"]).abs()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio"] = np.where(out["best_value"] != 0, out["worst_value"] / out["best_value"], np.nan)
    out["text"] = [f"{r.indicator_name}: {with_unit(r.worst_value, r.unit)} in {r.worst_name} against "
                   f"{with_unit(r.best_value, r.unit)} in {r.best_name}, a range of {fmt(r.range)} "
                   f"{unit_words(r.unit)} across {r.n_areas} {label or area_type}s." for r in out.itertuples()]
    return out.reset_index().drop(columns="unit")


def deprivation_fifths(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, *,
                       deprivation: str, focus_area: str, area_type: str = "lsoa",
                       scale: DeprivationScale | None = None, england: str = "England") -> pd.DataFrame:
    """Rank the small areas of the focus area by deprivation and split them into fifths.

    With a national ``scale`` (:mod:`evidence.deprivation_scale`) the fifths are the
    national ones read from each area's decile, rank or score, so they need not be of
    equal size ("3 of 4 neighbourhoods are among the most deprived 20% in England");
    ``order`` is still the order inside the focus area.

    Parameters
    ----------
    deprivation
        Indicator id of the deprivation measure (e.g. an IMD score or decile). Its
        polarity says which end is more deprived (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        ``area_code, deprivation, order, fifth, fifth_name``: ``order`` 1 is the most
        deprived area (ties broken by area code), ``fifth`` 1 the most deprived fifth
        (``floor(5 * (order - 1) / n) + 1``: as equal numbers of areas as possible; with
        fewer than five areas some fifths are empty and the least deprived fifth is missing).
    """
    cat = _catalogue(indicators).set_index("indicator_id")
    if deprivation not in cat.index:
        raise DataError(f"Deprivation indicator '{deprivation}' is not in the catalogue. "
                        "Set the id of an IMD score or decile indicator.")
    polarity = cat.at[deprivation, "polarity"]
    if polarity == "no_judgement":
        raise DataError(f"Deprivation indicator '{deprivation}' has polarity no_judgement, so it is not "
                        "known which end is more deprived. Give it lower_is_better (a score: higher is "
                        "more deprived) or higher_is_better (a decile: 1 is most deprived).")
    inside = members(areas, focus_area, area_type)
    rows = _latest_in(values[text(values["indicator_id"]) == deprivation], inside["area_code"])
    if rows.empty:
        raise DataError(f"No values of deprivation indicator '{deprivation}' for {area_type}s in {focus_area}.")
    key = -rows["value"] if polarity_sign(polarity) < 0 else rows["value"]
    rows = rows.assign(_key=key).sort_values(["_key", "area_code"], kind="stable").reset_index(drop=True)
    n = len(rows)
    order = np.arange(1, n + 1)
    names = FIFTH_NAMES
    if scale is not None and scale.national:
        fifth = np.array([national_fifth(float(v), scale) or 0 for v in rows["value"]], dtype=int)
        names = fifth_names(scale, focus_area, england)
        keep = fifth > 0  # values off the scale are refused by validate; never guessed here
        rows, order, fifth = rows[keep].reset_index(drop=True), order[keep], fifth[keep]
    else:
        fifth = (5 * (order - 1)) // n + 1
    return pd.DataFrame({"area_code": rows["area_code"], "deprivation": rows["value"], "order": order,
                         "fifth": fifth, "fifth_name": [names[f] for f in fifth]})


def _pooled(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Value per group: summed numerators/denominators where all have them, else weighted mean."""
    r = rows.assign(_counts=rows["numerator"].notna() & rows["denominator"].gt(0),
                    _w=rows["denominator"].where(rows["denominator"].gt(0)))
    r["_wv"] = r["value"] * r["_w"]
    g = r.groupby(["indicator_id", by])
    out = g.agg(n_areas=("area_code", "size"), all_counts=("_counts", "all"), numerator=("numerator", "sum"),
                denominator=("denominator", "sum"), all_w=("_w", lambda s: bool(s.notna().all())),
                wv=("_wv", "sum"), w=("_w", "sum"), mean=("value", "mean"), multiplier=("multiplier", "first"))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = out["numerator"] / out["denominator"] * out["multiplier"]
        weighted = out["wv"] / out["w"]
    out["value"] = np.where(out["all_counts"], pooled, np.where(out["all_w"], weighted, out["mean"]))
    out["method"] = np.where(out["all_counts"], "pooled counts",
                             np.where(out["all_w"], "population-weighted mean", "mean"))
    return out.reset_index()


def fifth_gap(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, *, deprivation: str,
              focus_area: str, area_type: str = "lsoa", period: str | None = None,
              scale: DeprivationScale | None = None, england: str = "England",
              place: str | None = None) -> pd.DataFrame:
    """The gap between the most and the least deprived fifth of small areas, per indicator.

    Returns
    -------
    pandas.DataFrame
        ``indicator_id, indicator_name, unit, most_deprived, least_deprived, gap, ratio,
        bad_gap, method, text``; ``gap = most_deprived - least_deprived``; ``bad_gap``
        is positive when the most deprived fifth is worse (missing for no_judgement).
        Indicators without values in both end fifths (e.g. fewer than five areas) have
        missing values and a text saying so.
    """
    fifths = deprivation_fifths(values, indicators, areas, deprivation=deprivation, focus_area=focus_area,
                                area_type=area_type, scale=scale, england=england)
    cat = _catalogue(indicators)
    rows = _latest_in(values[text(values["indicator_id"]) != deprivation], fifths["area_code"], period)
    rows = rows.merge(fifths[["area_code", "fifth"]], on="area_code").merge(cat, on="indicator_id")
    pooled = _pooled(rows, "fifth")
    ids = pd.Index(sorted(set(rows["indicator_id"])), name="indicator_id")
    top = pooled[pooled["fifth"] == 1].set_index("indicator_id").reindex(ids)
    bottom = pooled[pooled["fifth"] == 5].set_index("indicator_id").reindex(ids)
    c = cat.set_index("indicator_id").loc[ids]
    out = pd.DataFrame({"indicator_name": c["indicator_name"], "unit": c["unit"], "polarity": c["polarity"],
                        "most_deprived": top["value"].astype(float), "least_deprived": bottom["value"].astype(float),
                        "method": top["method"].fillna("")})
    out["gap"] = out["most_deprived"] - out["least_deprived"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio"] = np.where(out["least_deprived"] != 0, out["most_deprived"] / out["least_deprived"], np.nan)
    out["bad_gap"] = out["gap"].to_numpy(dtype=float) * -polarity_signs(out["polarity"])
    scale = scale or DeprivationScale()
    out["text"] = [_fifth_words(r, scale, place or focus_area, england) for r in out.itertuples()]
    return out.reset_index()


def _fifth_words(r, scale: DeprivationScale, place: str, england: str) -> str:
    fifth = "20%" if scale.national else "fifth"
    where = scale_words(scale, place, england)
    if not np.isfinite(r.gap):
        need = "neighbourhoods in both" if scale.national else "values in both fifths, and at least five ranked areas"
        return (f"{r.indicator_name}: the gap between the most and least deprived {fifth} {where} cannot be "
                f"calculated (it needs {need}).")
    side = "higher" if r.gap > 0 else "lower" if r.gap < 0 else "the same"
    judged = ""
    if np.isfinite(r.bad_gap) and r.bad_gap != 0:
        judged = ", worse" if r.bad_gap > 0 else ", better"
    between = (f"{place}'s neighbourhoods among the most and the least deprived 20% {where}" if scale.national
               else f"the most and least deprived fifth {where}")
    return (f"{r.indicator_name}: the gap between {between} is "
            f"{fmt(abs(r.gap))} {unit_words(r.unit)} ({with_unit(r.most_deprived, r.unit)} against "
            f"{with_unit(r.least_deprived, r.unit)}); the most deprived {fifth} is {side}{judged}.")


def relative_rank(population: np.ndarray) -> np.ndarray:
    """Midpoint of each group's share of the cumulative population (groups most deprived first).

    The ``x`` of the SII regression, in [0, 1].

    Examples
    --------
    PHE's worked example: a first group with 12% of the population has relative rank
    0.06, a second with 10% has ``0.12 + 0.10 / 2 = 0.17``.

    >>> relative_rank(np.array([12.0, 10.0, 78.0])).round(2).tolist()
    [0.06, 0.17, 0.61]
    """
    a = np.asarray(population, dtype=float)
    share = a / a.sum()
    return np.cumsum(share) - share / 2


def _sii_words(r) -> str:
    if r.note:
        return f"{r.indicator_name}: slope index of inequality not computed ({r.note.split(': ', 1)[1].rstrip('.')})."
    words = unit_words(r.unit)
    return (f"{r.indicator_name}: the slope index of inequality is {fmt(r.sii)} {words}: modelled across all "
            f"neighbourhoods, the least deprived end is {fmt(abs(r.sii))} {words} "
            f"{'higher' if r.sii > 0 else 'lower'} than the most deprived end "
            f"({with_unit(r.least_deprived_end, r.unit)} against {with_unit(r.most_deprived_end, r.unit)})."
            + (f" {r.rii_note}" if getattr(r, "rii_note", "") else ""))


def sii(value: np.ndarray, population: np.ndarray) -> tuple[float, float, float]:
    """Slope and relative index of inequality of groups ordered from most to least deprived.

    Parameters
    ----------
    value
        The indicator value of each group (area or quantile), most deprived first.
    population
        Its population (the weight), all positive.

    Returns
    -------
    (sii, rii, intercept)
        ``sii`` is the WLS slope on the cumulative population midpoints (fitted value at
        the least deprived end minus at the most deprived end); ``intercept`` the fitted
        value at the most deprived end; ``rii = (intercept + sii) / intercept``.

    Examples
    --------
    >>> s, r, c = sii(np.array([30.0, 20.0, 10.0]), np.array([1.0, 1.0, 1.0]))
    >>> round(s, 6), round(c, 6)
    (-30.0, 35.0)
    """
    y = np.asarray(value, dtype=float)
    a = np.asarray(population, dtype=float)
    if y.shape != a.shape or y.ndim != 1:
        raise DataError(f"value and population must be 1-D and the same length, not {y.shape} and {a.shape}.")
    if y.size < 2 or not np.all(np.isfinite(y)) or not np.all(a > 0):
        raise DataError("The SII needs at least two groups with finite values and positive populations.")
    x = relative_rank(a)
    w = a / a.sum()
    xm, ym = np.sum(w * x), np.sum(w * y)
    slope = float(np.sum(w * (x - xm) * (y - ym)) / np.sum(w * (x - xm) ** 2))
    intercept = float(ym - slope * xm)
    rii = (intercept + slope) / intercept if intercept != 0 else float("nan")
    return slope, float(rii), intercept


def slope_index(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, *, deprivation: str,
                focus_area: str, area_type: str = "lsoa", period: str | None = None,
                min_areas: int = 5) -> pd.DataFrame:
    """The SII and RII of every indicator across the focus area's small areas.

    Areas need a value and a positive denominator (the population weight); indicators
    with fewer than ``min_areas`` such areas get no SII (``note`` says why).

    Returns
    -------
    pandas.DataFrame
        ``indicator_id, indicator_name, unit, n_areas, sii, rii, most_deprived_end,
        least_deprived_end, note, rii_note, text``. ``rii`` is missing, and ``rii_note``
        says why, when a modelled end is at or below zero (the ratio would mean nothing).
    """
    fifths = deprivation_fifths(values, indicators, areas, deprivation=deprivation, focus_area=focus_area,
                                area_type=area_type)  # the order within the focus area, whatever the scale
    cat = _catalogue(indicators)
    rows = _latest_in(values[text(values["indicator_id"]) != deprivation], fifths["area_code"], period)
    rows = rows[rows["denominator"].gt(0)].merge(fifths[["area_code", "order"]], on="area_code")
    rows = rows.sort_values(["indicator_id", "order"], kind="stable")
    # the WLS of sii(), vectorised over indicators: shares, midpoints and weighted means per group
    ind = rows["indicator_id"]
    share = rows["denominator"] / rows["denominator"].groupby(ind).transform("sum")
    x = share.groupby(ind).cumsum() - share / 2
    xm = (share * x).groupby(ind).transform("sum")
    ym = (share * rows["value"]).groupby(ind).transform("sum")
    sxy = (share * (x - xm) * (rows["value"] - ym)).groupby(ind).sum()
    sxx = (share * (x - xm) ** 2).groupby(ind).sum()
    out = pd.DataFrame({"n_areas": ind.groupby(ind).size(), "xm": xm.groupby(ind).first(),
                        "ym": ym.groupby(ind).first()})
    with np.errstate(divide="ignore", invalid="ignore"):
        out["sii"] = sxy / sxx
    out["most_deprived_end"] = out["ym"] - out["sii"] * out["xm"]
    out["least_deprived_end"] = out["most_deprived_end"] + out["sii"]
    # A ratio of the two ends means something only when both are above zero: a modelled
    # end at or below zero (a rare event, a steep line) would give -0.01 or 0.00.
    ends_ok = (out["most_deprived_end"] > 0) & (out["least_deprived_end"] > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["rii"] = (out["least_deprived_end"] / out["most_deprived_end"]).where(ends_ok)
    few = out["n_areas"] < max(min_areas, 2)
    out.loc[few, ["sii", "rii", "most_deprived_end", "least_deprived_end"]] = np.nan
    out["rii_note"] = [
        "" if ok or f or not np.isfinite(lo) else
        f"RII not given: the modelled {'least' if lo <= 0 else 'most'} deprived end is "
        f"{fmt(lo if lo <= 0 else md)}, at or below zero, so the ratio of the two ends has no meaning."
        for ok, f, lo, md in zip(ends_ok, few, out["least_deprived_end"], out["most_deprived_end"])]
    out["note"] = np.where(few, "Not computed: " + out["n_areas"].astype(str)
                           + f" areas with values and populations; {max(min_areas, 2)} needed.", "")
    out = out.rename_axis("indicator_id").reset_index().drop(columns=["xm", "ym"])
    out = out.merge(cat[["indicator_id", "indicator_name", "unit"]], on="indicator_id", how="left")
    out["text"] = [_sii_words(r) for r in out.itertuples()]
    return out[["indicator_id", "indicator_name", "unit", "n_areas", "sii", "rii", "most_deprived_end",
                "least_deprived_end", "note", "rii_note", "text"]]
