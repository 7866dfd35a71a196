"""Local Moran's I clusters on a grid of squares with a known pattern."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from evidence.gaps import CLUSTER_CAVEAT, local_clusters, worse_count_clusters

N = 6  # a 6 x 6 grid


def _grid(values: np.ndarray) -> gpd.GeoDataFrame:
    cells = [(r, c) for r in range(N) for c in range(N)]
    return gpd.GeoDataFrame({"area_code": [f"A{r}{c}" for r, c in cells], "value": values},
                            geometry=[box(c, r, c + 1, r + 1) for r, c in cells], crs="EPSG:27700")


def _pattern() -> np.ndarray:
    rng = np.random.default_rng(1)
    cols = np.tile(np.arange(N), N)
    return np.where(cols < 2, 10.0, np.where(cols > 3, 0.0, 5.0)) + rng.normal(0, 0.3, N * N)


def test_high_and_low_clusters_are_found_and_labelled():
    out = local_clusters(_grid(_pattern()), "value", seed=42)
    labels = dict(zip(out["area_code"], out["cluster"]))
    assert labels["A20"] == "High-High: a cluster of high values"   # middle of the high side
    assert labels["A25"] == "Low-Low: a cluster of low values"      # middle of the low side
    assert set(out["cluster"]) <= {"High-High: a cluster of high values", "Low-Low: a cluster of low values",
                                   "Not significant", "High-Low outlier: a high value among low neighbours",
                                   "Low-High outlier: a low value among high neighbours"}
    assert (out["p_value"] > 0).all()


def test_local_i_matches_the_formula():
    values = _pattern()
    grid = _grid(values)
    out = local_clusters(grid, "value", permutations=99)
    # esda's (Anselin 1995) form: I_i = (n - 1) z_i sum_j w_ij z_j / sum_k z_k^2, w row-standardised
    z = values - values.mean()
    m2 = (z ** 2).sum() / (N * N - 1)
    for i in (0, 7, 20):
        neighbours = [j for j in range(N * N) if j != i and grid.geometry[i].touches(grid.geometry[j])]
        lag = z[neighbours].mean()
        assert np.isclose(out["local_i"].iloc[i], z[i] / m2 * lag)


def test_fixed_seed_gives_the_same_answer():
    a = local_clusters(_grid(_pattern()), "value", seed=7)
    b = local_clusters(_grid(_pattern()), "value", seed=7)
    pd.testing.assert_frame_equal(a, b)


def test_islands_missing_values_and_too_few_areas_are_not_computed():
    grid = _grid(_pattern())
    island = gpd.GeoDataFrame({"area_code": ["FAR"], "value": [3.0]}, geometry=[box(100, 100, 101, 101)],
                              crs=grid.crs)
    frame = pd.concat([grid, island], ignore_index=True)
    frame.loc[0, "value"] = np.nan
    out = local_clusters(frame, "value").set_index("area_code")
    assert (out.at["FAR", "cluster"], out.at["FAR", "note"]) == ("Not computed", "An island: no neighbouring area.")
    assert (out.at["A00", "cluster"], out.at["A00", "note"]) == ("Not computed", "No value.")
    assert out.loc["A20", "cluster"].startswith("High-High")
    small = local_clusters(grid.iloc[:5], "value")
    assert set(small["cluster"]) == {"Not computed"} and "Too few areas" in small["note"].iloc[0]
    flat = local_clusters(grid.assign(value=1.0), "value")
    assert set(flat["note"]) == {"All values are equal."}


def test_worse_counts_per_ward():
    grid = _grid(np.zeros(N * N))
    areas = grid.drop(columns="value").assign(area_name=grid["area_code"], area_type="ward", district_code="D1")
    areas = pd.concat([areas, gpd.GeoDataFrame({"area_code": ["D1"], "area_name": ["D"], "area_type": ["district"]},
                                               geometry=[box(0, 0, N, N)], crs=grid.crs)], ignore_index=True)
    cols = np.tile(np.arange(N), N)
    rows = [(code, ind, "Worse" if (c < 2 and k < 3) else "Similar", 1.0)
            for code, c in zip(grid["area_code"], cols) for k, ind in enumerate(["a", "b", "c", "d"])]
    gaps = pd.DataFrame(rows, columns=["area_code", "indicator_id", "judgement", "value"])
    out = worse_count_clusters(gaps, areas, focus_area="D1", seed=1).set_index("area_code")
    assert out.at["A20", "value"] == 3 and out.at["A25", "value"] == 0
    assert out.at["A20", "cluster"].startswith("High-High") and out.at["A20", "area_name"] == "A20"
    one = worse_count_clusters(gaps, areas, focus_area="D1", indicator_id="a")
    assert set(one["note"]) == {"All values are equal."}


def test_caveat_covers_the_limits():
    for words in ("permutation", "few areas", "by chance", "edge", "islands"):
        assert words in CLUSTER_CAVEAT
