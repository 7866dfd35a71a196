"""Cross-cutting issues: areas with problems in several themes, indicators that move together.

Both point the board at issues no single theme group owns. Correlation across wards is
a prompt for discussion, never evidence of cause: two indicators can move together
because both follow deprivation, population age or the size of the area.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.gaps._frames import latest, members, require, text

__all__ = ["CORRELATION_CAVEAT", "correlated_indicators", "multi_theme_areas"]

CORRELATION_CAVEAT = (
    "Correlation is not cause: indicators that rise and fall together across areas may both "
    "follow something else (deprivation, the age of the population, the size of the area), "
    "and with few areas a strong correlation can arise by chance. Use these pairs to ask "
    "questions of partners, not to decide what causes what."
)


def multi_theme_areas(gaps: pd.DataFrame, *, min_themes: int = 2,
                      theme_names: dict[str, str] | None = None) -> pd.DataFrame:
    """Areas that are significantly worse on at least one indicator in several themes.

    Parameters
    ----------
    gaps
        From :func:`~evidence.gaps.performance_gaps` (needs ``area_code, theme,
        indicator_id, judgement``).
    min_themes
        Keep areas with at least this many themes having a *Worse* indicator.
    theme_names
        Theme id -> display name, for the text.

    Returns
    -------
    pandas.DataFrame
        ``area_code, (area_name,) n_themes, themes, n_worse, indicators, text``, most
        themes first (then most Worse indicators, then area code).
    """
    require(gaps, ["area_code", "theme", "indicator_id", "judgement"], "gaps")
    worse = gaps[text(gaps["judgement"]) == "Worse"]
    names = theme_names or {}
    frame = pd.DataFrame({"area_code": text(worse["area_code"]).to_numpy(),
                          "theme": text(worse["theme"]).to_numpy(),
                          "indicator_id": text(worse["indicator_id"]).to_numpy()}).drop_duplicates()
    g = frame.sort_values(["area_code", "theme", "indicator_id"]).groupby("area_code", sort=True)
    out = pd.DataFrame({
        "n_themes": g["theme"].nunique(),
        "themes": g["theme"].agg(lambda s: "; ".join(dict.fromkeys(names.get(t, t) for t in s))),
        "n_worse": g["indicator_id"].size(),
        "indicators": g["indicator_id"].agg("; ".join),
    }).reset_index()
    out = out[out["n_themes"] >= min_themes]
    if "area_name" in gaps.columns:
        area_names = dict(zip(text(gaps["area_code"]), text(gaps["area_name"])))
        out.insert(1, "area_name", out["area_code"].map(area_names))
    label = out["area_name"] if "area_name" in out.columns else out["area_code"]
    out["text"] = [f"{n} is significantly worse on {w} indicator{'s' if w != 1 else ''} across {t} "
                   f"theme{'s' if t != 1 else ''} ({th})."
                   for n, w, t, th in zip(label, out["n_worse"], out["n_themes"], out["themes"])]
    return out.sort_values(["n_themes", "n_worse", "area_code"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def correlated_indicators(values: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, *,
                          focus_area: str, area_type: str = "ward", threshold: float = 0.7,
                          min_areas: int = 8, label: str | None = None) -> pd.DataFrame:
    """Pairs of indicators whose latest values move together across the focus area's areas.

    ``label`` names the area type in the text (default: ``area_type``).

    Spearman's rank correlation of each indicator's latest value across the areas of
    ``area_type`` inside the focus area, over the areas that have both values. Counts
    (``value_type`` count: populations, numbers of events) are left out: they rise with
    an area's size, so they would "correlate" with every other count.

    Parameters
    ----------
    threshold
        Keep pairs with ``|rho| >= threshold``.
    min_areas
        Keep pairs with at least this many areas having both values.

    Returns
    -------
    pandas.DataFrame
        ``indicator_a, indicator_b, rho, n_areas, text``, strongest first; the caveat is
        :data:`CORRELATION_CAVEAT`.
    """
    inside = members(areas, focus_area, area_type)
    rows = values[text(values["area_code"]).isin(set(text(inside["area_code"])))]
    if "value_type" in indicators.columns:  # a count (people, events) mostly measures the area's size
        counts = set(text(indicators.loc[text(indicators["value_type"]) == "count", "id"]))
        rows = rows[~text(rows["indicator_id"]).isin(counts).to_numpy()]
    rows = latest(rows)
    wide = pd.DataFrame({"indicator_id": text(rows["indicator_id"]).to_numpy(),
                         "area_code": text(rows["area_code"]).to_numpy(),
                         "value": pd.to_numeric(rows["value"]).to_numpy(dtype=float)}).pivot_table(
        index="area_code", columns="indicator_id", values="value", aggfunc="first")
    wide = wide.reindex(sorted(wide.columns), axis=1)
    if wide.shape[1] < 2:
        return pd.DataFrame(columns=["indicator_a", "indicator_b", "rho", "n_areas", "text"])
    present = wide.notna().astype(float)
    overlap = present.T @ present
    rho = wide.corr(method="spearman", min_periods=max(min_areas, 2))
    names = dict(zip(text(indicators["id"]), text(indicators["name"])))
    cols = list(wide.columns)
    records = []
    for i, a in enumerate(cols):
        for b in cols[i + 1:]:
            r, n = rho.at[a, b], int(overlap.at[a, b])
            if np.isfinite(r) and n >= min_areas and abs(r) >= threshold:
                records.append((a, b, float(r), n))
    out = pd.DataFrame(records, columns=["indicator_a", "indicator_b", "rho", "n_areas"])
    out["text"] = [f"{names.get(a, a)} and {names.get(b, b)} "
                   f"{'rise and fall together' if r > 0 else 'move in opposite directions'} across {n} "
                   f"{label or area_type}s (Spearman's rho {r:.2f}): where one is high, the other tends to be "
                   f"{'high' if r > 0 else 'low'}. "
                   "This does not show that one causes the other."
                   for a, b, r, n in zip(out["indicator_a"], out["indicator_b"], out["rho"], out["n_areas"])]
    out = out.assign(_abs=out["rho"].abs()).sort_values(["_abs", "indicator_a", "indicator_b"],
                                                        ascending=[False, True, True], kind="stable")
    return out.drop(columns="_abs").reset_index(drop=True)
