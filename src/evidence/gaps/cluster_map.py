"""The cluster view: a map of local Moran's I labels, in words, with its table.

The kit's :func:`~evidence.render.choropleth` shades numbers in classes; cluster labels
are categories ("High-High: a cluster of high values"...), so this map colours each
label with its own colour-blind-safe fill and names it in the key, by the same rules as
the kit: Leaflet inlined (no request leaves the file), escaped names in tooltips, a
visually hidden summary and the same information as a table after the map.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
import shapely

from evidence.errors import DataError
from evidence.gaps.clusters import CLUSTER_LABELS, NOT_COMPUTED, NOT_SIGNIFICANT
from evidence.render._html import Markup, new_id
from evidence.render.figure import Figure
from evidence.render.formatting import format_number
from evidence.render.maps import fitted_script, map_graphic
from evidence.render.tables import table

__all__ = ["CLUSTER_FILLS", "cluster_map"]

#: Label -> fill (Okabe-Ito based; clusters dark, outliers mid, the rest light grey/white).
CLUSTER_FILLS: dict[str, str] = {
    CLUSTER_LABELS[1]: "#a6331a",  # High-High
    CLUSTER_LABELS[4]: "#e69f00",  # High-Low outlier
    CLUSTER_LABELS[2]: "#56b4e9",  # Low-High outlier
    CLUSTER_LABELS[3]: "#0b4f8a",  # Low-Low
    NOT_SIGNIFICANT: "#e8e8e8",
    NOT_COMPUTED: "#ffffff",
}


def cluster_map(shapes: gpd.GeoDataFrame, clusters: pd.DataFrame, *, caption: str, value_label: str,
                include_leaflet: bool = True, height: int = 420) -> Figure:
    """Map the cluster label of every area, with a key in words and a table.

    Parameters
    ----------
    shapes
        Polygons in EPSG:4326 with ``area_code``.
    clusters
        From :func:`~evidence.gaps.worse_count_clusters`: ``area_code, area_name, value,
        p_value, cluster, note``.
    caption
        What the map shows.
    value_label
        Header of the value column in the table ("Significantly worse indicators").
    """
    frame = shapes[["area_code", shapes.geometry.name]].merge(clusters, on="area_code", how="inner")
    if frame.empty:
        raise DataError("No areas to map: the clusters and the shapes share no area code.")
    frame = gpd.GeoDataFrame(frame, geometry=shapes.geometry.name, crs=shapes.crs).to_crs(4326)
    geometry = shapely.set_precision(frame.geometry.to_numpy(), 1e-5)
    fills = [CLUSTER_FILLS.get(c, "#ffffff") for c in frame["cluster"]]
    tips = [str(Markup("<strong>{}</strong><br>{}").format(n, c)) for n, c in zip(frame["area_name"],
                                                                                   frame["cluster"])]
    geo = gpd.GeoDataFrame({"fill": fills, "tip": tips}, geometry=geometry, crs=4326)
    m = folium.Map(tiles=None, zoom_control=True, scrollWheelZoom=False, prefer_canvas=False,
                   control_scale=False)
    folium.GeoJson(
        geo.__geo_interface__, name="clusters",
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#505a5f", "weight": 1,
                                  "fillOpacity": 1},
        highlight_function=lambda f: {"weight": 3, "color": "#0b0c0c"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(m)
    map_id, script = fitted_script(m, geo)
    counts = frame["cluster"].value_counts()
    present = [label for label in CLUSTER_FILLS if counts.get(label, 0)]
    found = [f"{counts[label]} area{'s' if counts[label] != 1 else ''}: {label}" for label in present]
    summary = f"Map of {len(frame)} areas by cluster. " + "; ".join(found) + ". The table after the map lists them."
    swatches = [(CLUSTER_FILLS[label], f"{label} ({counts[label]} area{'s' if counts[label] != 1 else ''})")
                for label in present]
    graphic = map_graphic(map_id, script, caption=caption, summary=summary, swatches=swatches,
                          ident=new_id("clusters", caption), height=height, include_leaflet=include_leaflet)
    order = {label: i for i, label in enumerate(CLUSTER_FILLS)}
    rows = frame.assign(_o=frame["cluster"].map(order)).sort_values(["_o", "value", "area_name"],
                                                                      ascending=[True, False, True])
    data = pd.DataFrame({"area": rows["area_name"].astype(str),
                         "value": [format_number(v, 0) or "-" for v in rows["value"]],
                         "cluster": rows["cluster"].astype(str),
                         "p": [f"{p:.3f}" if pd.notna(p) else "-" for p in rows["p_value"]],
                         "note": rows["note"].astype(str).replace("", "-")}, dtype=object)
    data_table = table(data, caption=f"{caption}: every area with its cluster label",
                       columns={"area": "Area", "value": value_label, "cluster": "Cluster",
                                "p": "Pseudo p-value", "note": "Note"},
                       row_header="area", numeric=["value", "p"])
    return Figure(caption=caption, graphic=graphic, summary=summary, table=data_table)
