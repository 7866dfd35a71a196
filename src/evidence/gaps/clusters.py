"""Where problems cluster: local Moran's I on area polygons, labelled in words.

Local Moran's I (Anselin 1995, *Local indicators of spatial association - LISA*) compares
each area's value with the mean of its neighbours (queen contiguity: areas sharing an
edge or a corner, row-standardised). With a permutation test (``esda.Moran_Local``, a
fixed seed so that reruns agree) each area gets a pseudo p-value; significant areas are
labelled by quadrant:

* "High-High: a cluster of high values", "Low-Low: a cluster of low values",
* "High-Low outlier: a high value among low neighbours",
* "Low-High outlier: a low value among high neighbours",
* "Not significant", and "Not computed" (with the reason) for islands or too few areas.

"High" is the value itself: for the count of significantly worse indicators, High-High is
a cluster of areas with many problems.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.gaps._frames import members, require, text

__all__ = ["CLUSTER_CAVEAT", "CLUSTER_LABELS", "local_clusters", "worse_count_clusters"]

CLUSTER_LABELS: dict[int, str] = {
    1: "High-High: a cluster of high values",
    2: "Low-High outlier: a low value among high neighbours",
    3: "Low-Low: a cluster of low values",
    4: "High-Low outlier: a high value among low neighbours",
}
NOT_SIGNIFICANT = "Not significant"
NOT_COMPUTED = "Not computed"

CLUSTER_CAVEAT = (
    "How to read the clusters: each area is compared with its neighbours, and the p-values come from "
    "randomly reshuffling the values across areas (a permutation test), so they are approximate. With "
    "few areas the test has little power and one unusual area can make or hide a cluster. Many areas are "
    "tested at once, so at the 5% level about one area in twenty may look significant by chance alone; "
    "treat single significant areas with caution. Areas on the edge of the district have neighbours "
    "outside it that are not included (edge effects), and areas with no neighbours (islands) are left out."
)


def local_clusters(frame: gpd.GeoDataFrame, column: str, *, permutations: int = 999, seed: int = 12345,
                   alpha: float = 0.05, min_areas: int = 8) -> pd.DataFrame:
    """Local Moran's I cluster labels for one value per polygon.

    Parameters
    ----------
    frame
        Polygons with ``area_code`` and the value ``column`` (missing values are left out).
    permutations, seed
        Permutations of the conditional randomisation test and the random seed.
    alpha
        Pseudo p-value below which an area is labelled as a cluster or outlier.
    min_areas
        Fewer areas (with values and at least one neighbour) than this: nothing is computed.

    Returns
    -------
    pandas.DataFrame
        ``area_code, value, local_i, p_value, quadrant, cluster, note``, in the input
        order; ``cluster`` is one of the labels in the module docstring.
    """
    require(frame, ["area_code", column, "geometry"], "frame")
    codes = text(frame["area_code"]).to_numpy()
    value = pd.to_numeric(frame[column]).to_numpy(dtype=float)
    out = pd.DataFrame({"area_code": codes, "value": value, "local_i": np.nan, "p_value": np.nan,
                        "quadrant": pd.array([pd.NA] * len(codes), dtype="Int8"), "cluster": NOT_COMPUTED,
                        "note": ""})
    ok = np.isfinite(value)
    out.loc[~ok, "note"] = "No value."
    geo = gpd.GeoDataFrame({"i": np.flatnonzero(ok)}, geometry=frame.geometry.to_numpy()[ok], crs=frame.crs)
    if len(geo) < min_areas:
        out.loc[ok, "note"] = f"Too few areas with values ({len(geo)}; need {min_areas})."
        return out
    from libpysal.weights import Queen

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libpysal warns about islands; we report them instead
        w = Queen.from_dataframe(geo, use_index=False)
    islands = set(w.islands)
    if islands:
        rows = geo["i"].to_numpy()[sorted(islands)]
        out.loc[rows, "note"] = "An island: no neighbouring area."
        geo = geo.drop(index=geo.index[sorted(islands)]).reset_index(drop=True)
        if len(geo) < min_areas:
            out.loc[geo["i"].to_numpy(), "note"] = (f"Too few areas with neighbours ({len(geo)}; "
                                                    f"need {min_areas}).")
            return out
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = Queen.from_dataframe(geo, use_index=False)
        if w.islands:
            out.loc[geo["i"].to_numpy()[w.islands], "note"] = "An island: no neighbouring area."
            return out
    y = value[geo["i"].to_numpy()]
    if np.allclose(y, y[0]):
        out.loc[geo["i"].to_numpy(), "note"] = "All values are equal."
        return out
    from esda import Moran_Local

    w.transform = "r"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lisa = Moran_Local(y, w, permutations=permutations, seed=seed)
    rows = geo["i"].to_numpy()
    quad = np.asarray(lisa.q, dtype=int)
    p = np.asarray(lisa.p_sim, dtype=float)
    out.loc[rows, "local_i"] = np.asarray(lisa.Is, dtype=float)
    out.loc[rows, "p_value"] = p
    out.loc[rows, "quadrant"] = quad
    labels = np.where(p < alpha, [CLUSTER_LABELS.get(q, NOT_SIGNIFICANT) for q in quad], NOT_SIGNIFICANT)
    out.loc[rows, "cluster"] = labels
    return out


def worse_count_clusters(gaps: pd.DataFrame, areas: gpd.GeoDataFrame, *, focus_area: str,
                         area_type: str = "ward", indicator_id: str | None = None,
                         **kwargs) -> pd.DataFrame:
    """Clusters of one indicator's value, or of the number of Worse indicators per area.

    Parameters
    ----------
    gaps
        From :func:`~evidence.gaps.performance_gaps`.
    areas
        The areas table with polygons (``EvidenceBase.areas``).
    indicator_id
        Cluster this indicator's latest value; ``None`` (default) clusters the count
        of significantly worse indicators per area.
    **kwargs
        Passed to :func:`local_clusters`.

    Returns
    -------
    pandas.DataFrame
        As :func:`local_clusters`, with ``area_name``.
    """
    require(gaps, ["area_code", "indicator_id", "judgement", "value"], "gaps")
    inside = members(areas, focus_area, area_type)
    if inside.empty:
        raise DataError(f"No {area_type}s inside {focus_area}.")
    codes = text(gaps["area_code"])
    if indicator_id is None:
        worse = (text(gaps["judgement"]) == "Worse").groupby(codes).sum()
        compared = codes.groupby(codes).size()
        series = worse.where(compared > 0)
    else:
        rows = gaps[(text(gaps["indicator_id"]) == indicator_id).to_numpy()]
        if rows.empty:
            raise DataError(f"No gap rows for indicator '{indicator_id}'.")
        series = pd.Series(pd.to_numeric(rows["value"]).to_numpy(dtype=float), index=text(rows["area_code"]))
    geo = inside[["area_code", "area_name", "geometry"]].copy()
    geo["area_code"] = text(geo["area_code"])
    geo["_value"] = geo["area_code"].map(series).astype(float)
    result = local_clusters(geo, "_value", **kwargs)
    result.insert(1, "area_name", text(geo["area_name"]).to_numpy())
    return result
