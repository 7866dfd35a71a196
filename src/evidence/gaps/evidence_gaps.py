"""Gaps in the evidence itself: where the data cannot yet tell the board enough.

Four checks, each returning one row per flagged theme or indicator with a ``text``
column that says what is missing and why it matters:

* themes with fewer than ``min_indicators`` indicators;
* indicators whose latest period is more than ``max_age`` years before a reference year
  (default: the latest year anywhere in the evidence base);
* indicators with no small-area data (only the district, England or other comparators);
* indicators with too many missing or suppressed values: the share of small-area x
  period cells that are absent, blank, or have a numerator below the disclosure
  threshold (``config.min_count``).

:func:`evidence_gaps` runs all four and stacks them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from evidence.gaps._frames import require, text

__all__ = ["evidence_gaps", "missing_values", "no_small_area_data", "stale_indicators", "thin_themes"]

_COLUMNS = ["kind", "theme", "indicator_id", "detail", "text"]


def _names(indicators: pd.DataFrame) -> dict[str, str]:
    return dict(zip(text(indicators["id"]), text(indicators["name"])))


def thin_themes(indicators: pd.DataFrame, themes: Sequence[tuple[str, str]], *,
                min_indicators: int = 3) -> pd.DataFrame:
    """Themes with fewer than ``min_indicators`` indicators.

    Parameters
    ----------
    themes
        ``(id, name)`` pairs in report order (``[(t.id, t.name) for t in config.themes]``).

    Returns
    -------
    pandas.DataFrame
        ``theme, theme_name, n_indicators, text`` in report order.
    """
    require(indicators, ["id", "theme"], "indicators")
    counts = text(indicators["theme"]).value_counts()
    rows = [(tid, name, int(counts.get(tid, 0))) for tid, name in themes]
    out = pd.DataFrame(rows, columns=["theme", "theme_name", "n_indicators"])
    out = out[out["n_indicators"] < min_indicators].reset_index(drop=True)
    out["text"] = [f"The {name} theme has {n} indicator{'s' if n != 1 else ''} (fewer than "
                   f"{min_indicators}): the evidence may not show its issues fully."
                   for name, n in zip(out["theme_name"], out["n_indicators"])]
    return out


def stale_indicators(values: pd.DataFrame, indicators: pd.DataFrame, *, max_age: int = 3,
                     reference_year: int | None = None) -> pd.DataFrame:
    """Indicators whose latest period starts more than ``max_age`` years before ``reference_year``.

    Returns
    -------
    pandas.DataFrame
        ``indicator_id, indicator_name, latest_period, latest_year, age, text``, oldest first.
    """
    require(values, ["indicator_id", "period", "year"], "values")
    year = pd.to_numeric(values["year"], errors="coerce")
    frame = pd.DataFrame({"indicator_id": text(values["indicator_id"]).to_numpy(),
                          "period": text(values["period"]).to_numpy(), "year": year.to_numpy(dtype=float)})
    frame = frame[np.isfinite(frame["year"])]
    ref = int(frame["year"].max()) if reference_year is None else int(reference_year)
    top = frame.sort_values(["indicator_id", "year", "period"]).groupby("indicator_id").tail(1)
    top = top.assign(age=ref - top["year"].astype(int))
    top = top[top["age"] > max_age]
    names = _names(indicators)
    out = pd.DataFrame({"indicator_id": top["indicator_id"], "indicator_name": top["indicator_id"].map(names),
                        "latest_period": top["period"], "latest_year": top["year"].astype(int),
                        "age": top["age"]})
    out["text"] = [f"{n}: the latest data are for {p}, {a} year{'s' if a != 1 else ''} before {ref}; newer data "
                   "may show a different picture."
                   for n, p, a in zip(out["indicator_name"], out["latest_period"], out["age"])]
    return out.sort_values(["age", "indicator_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def no_small_area_data(values: pd.DataFrame, indicators: pd.DataFrame, *,
                       small_area_types: Sequence[str], labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Indicators with no values for any small-area type (e.g. ``["lsoa", "ward"]``).

    ``labels`` names the area types in the text (``{"lsoa": "LSOA"}``; default: the keys).

    Returns
    -------
    pandas.DataFrame
        ``indicator_id, indicator_name, area_types, text`` (the types it does have).
    """
    require(values, ["indicator_id", "area_type", "value"], "values")
    has = values[pd.to_numeric(values["value"]).notna().to_numpy()]
    types = pd.DataFrame({"indicator_id": text(has["indicator_id"]).to_numpy(),
                          "area_type": text(has["area_type"]).to_numpy()}).drop_duplicates()
    by = types.groupby("indicator_id")["area_type"].agg(lambda s: sorted(s))
    ids = text(indicators["id"])
    small = set(small_area_types)
    names = _names(indicators)
    rows = [(i, names[i], "; ".join(by.get(i, []))) for i in ids if not small & set(by.get(i, []))]
    out = pd.DataFrame(rows, columns=["indicator_id", "indicator_name", "area_types"])
    said = labels or {}
    out["text"] = [f"{n}: no data for {' or '.join(said.get(k, k) + 's' for k in small_area_types)}"
                   + (f" (only {', '.join(said.get(k, k) for k in t.split('; '))})" if t else "")
                   + "; inequalities inside the district cannot be seen." for n, t in
                   zip(out["indicator_name"], out["area_types"])]
    return out


def missing_values(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, *,
                   small_area_types: Sequence[str], min_count: int = 5, max_share: float = 0.2,
                   labels: Mapping[str, str] | None = None,
                   area_codes: Sequence[str] | None = None) -> pd.DataFrame:
    """Indicators with too many missing or suppressed small-area values.

    For each indicator and small-area type it has data for, the expected cells are
    every area of that type (in ``area_codes`` when given, e.g. the focus area's) x
    every period of the indicator. A cell counts as missing when it has no row or no
    value, and as suppressed when disclosure control hid it (the ``suppressed`` column of
    the published values) or, in a table without that column, when its numerator is
    below ``min_count``.

    Returns
    -------
    pandas.DataFrame
        ``indicator_id, indicator_name, area_type, expected, missing, suppressed, share,
        text`` for shares above ``max_share``, worst first.
    """
    require(values, ["indicator_id", "area_code", "area_type", "period", "value", "numerator"], "values")
    require(areas, ["area_code", "area_type"], "areas")
    small = list(small_area_types)
    codes = text(areas["area_code"])
    atype = text(areas["area_type"])
    keep = atype.isin(small)
    if area_codes is not None:
        keep &= codes.isin(set(area_codes))
    n_areas = atype[keep].value_counts()
    v = values[text(values["area_type"]).isin(small).to_numpy()]
    frame = pd.DataFrame({"indicator_id": text(v["indicator_id"]).to_numpy(),
                          "area_type": text(v["area_type"]).to_numpy(),
                          "area_code": text(v["area_code"]).to_numpy(), "period": text(v["period"]).to_numpy(),
                          "value": pd.to_numeric(v["value"]).to_numpy(dtype=float),
                          "numerator": pd.to_numeric(v["numerator"]).to_numpy(dtype=float)})
    if "suppressed" in v.columns:  # published values: the hidden rows are blank, and flagged
        frame["hidden"] = v["suppressed"].fillna(False).to_numpy(dtype=bool)
    else:
        frame["hidden"] = np.isfinite(frame["value"]) & (frame["numerator"] < min_count)
    frame = frame[frame["area_code"].isin(set(codes[keep]))]
    frame["suppressed"] = frame["hidden"]
    frame["ok"] = np.isfinite(frame["value"]) | frame["suppressed"]
    periods = pd.DataFrame({"indicator_id": text(values["indicator_id"]).to_numpy(),
                            "period": text(values["period"]).to_numpy()}).drop_duplicates()
    n_periods = periods.groupby("indicator_id").size()
    g = frame.drop_duplicates(["indicator_id", "area_type", "area_code", "period"]).groupby(
        ["indicator_id", "area_type"])
    out = g.agg(present=("ok", "sum"), suppressed=("suppressed", "sum")).reset_index()
    out["expected"] = (out["indicator_id"].map(n_periods) * out["area_type"].map(n_areas)).fillna(0).astype(int)
    out["missing"] = (out["expected"] - out["present"]).clip(lower=0).astype(int)
    out["suppressed"] = out["suppressed"].astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share"] = (out["missing"] + out["suppressed"]) / out["expected"]
    out = out[out["share"] > max_share]
    out.insert(1, "indicator_name", out["indicator_id"].map(_names(indicators)))
    out["text"] = [f"{n}: {100 * s:.0f}% of {t} values are missing ({m}) or based on fewer than {min_count} "
                   f"events ({sp}); small-area findings are uncertain." for n, s, t, m, sp in
                   zip(out["indicator_name"], out["share"], out["area_type"].map(lambda k: (labels or {}).get(k, k)),
                       out["missing"], out["suppressed"])]
    columns = ["indicator_id", "indicator_name", "area_type", "expected", "missing", "suppressed", "share", "text"]
    return out[columns].sort_values(["share", "indicator_id", "area_type"], ascending=[False, True, True],
                                    kind="stable").reset_index(drop=True)


def evidence_gaps(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, *,
                  themes: Sequence[tuple[str, str]], small_area_types: Sequence[str],
                  min_indicators: int = 3, max_age: int = 3, reference_year: int | None = None,
                  min_count: int = 5, max_share: float = 0.2,
                  area_codes: Sequence[str] | None = None, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """All four evidence-gap checks stacked: ``kind, theme, indicator_id, detail, text``.

    ``kind`` is ``few indicators``, ``out of date``, ``no small-area data`` or
    ``missing or suppressed``; the other arguments are those of the four checks.
    """
    theme_of = dict(zip(text(indicators["id"]), text(indicators["theme"])))
    parts = []
    t = thin_themes(indicators, themes, min_indicators=min_indicators)
    parts.append(pd.DataFrame({"kind": "few indicators", "theme": t["theme"], "indicator_id": "",
                               "detail": t["n_indicators"].astype(str) + " indicators", "text": t["text"]}))
    s = stale_indicators(values, indicators, max_age=max_age, reference_year=reference_year)
    parts.append(pd.DataFrame({"kind": "out of date", "theme": s["indicator_id"].map(theme_of),
                               "indicator_id": s["indicator_id"], "detail": "latest " + s["latest_period"],
                               "text": s["text"]}))
    n = no_small_area_data(values, indicators, small_area_types=small_area_types, labels=labels)
    parts.append(pd.DataFrame({"kind": "no small-area data", "theme": n["indicator_id"].map(theme_of),
                               "indicator_id": n["indicator_id"], "detail": n["area_types"], "text": n["text"]}))
    m = missing_values(values, indicators, areas, small_area_types=small_area_types, min_count=min_count,
                       max_share=max_share, area_codes=area_codes, labels=labels)
    parts.append(pd.DataFrame({"kind": "missing or suppressed", "theme": m["indicator_id"].map(theme_of),
                               "indicator_id": m["indicator_id"],
                               "detail": m["area_type"] + ": " + (100 * m["share"]).round(0).astype(int).astype(str)
                               + "%", "text": m["text"]}))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=_COLUMNS)
    return pd.concat(parts, ignore_index=True)[_COLUMNS]
