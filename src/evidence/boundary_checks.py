"""Boundaries that are where they claim to be: coordinates plausible for England, and
areas that lie inside the larger areas the lookup nests them in.

A GeoJSON file is longitude/latitude by definition (RFC 7946), so a file saved with British
National Grid eastings and northings, or with latitude and longitude swapped, reads
without error and draws every map in the sea. :func:`plausible_coordinates` recognises
both from the coordinates and says which it looks like. :func:`check_cover` checks the
boundaries against the lookup: an LSOA whose representative point lies outside the ward
the lookup puts it in is a warning (ONS best-fit lookups place a few that way), most of
them outside is an error (the wrong file, or a file of another place or vintage).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from evidence.config import Config
from evidence.problems import Problems

__all__ = ["ENGLAND_BOX", "check_cover", "plausible_coordinates"]

ENGLAND_BOX = (-6.5, 49.8, 2.0, 55.9)  # lon_min, lat_min, lon_max, lat_max, with the Isles of Scilly
MARGIN = 0.5  # degrees around the box still accepted (a project just over the border)
TOLERANCE_M = 25.0  # how far outside its parent an area's representative point may lie (generalised lines)
METRIC_CRS = "EPSG:27700"
_REPROJECT = ("Reproject it to longitude/latitude (EPSG:4326) when saving: `ogr2ogr -s_srs EPSG:27700 -t_srs "
              "EPSG:4326 out.geojson in.geojson`, or in QGIS Export > Save Features As with CRS EPSG:4326; "
              "or point the setting at the original Shapefile or GeoPackage, which carries its CRS.")


def _inside(bounds, box, margin: float = MARGIN) -> bool:
    x0, y0, x1, y1 = bounds
    return box[0] - margin <= x0 and x1 <= box[2] + margin and box[1] - margin <= y0 and y1 <= box[3] + margin


def plausible_coordinates(frame: gpd.GeoDataFrame, path: Path, problems: Problems) -> bool:
    """Whether the boundaries (in their own CRS) lie in England once read as longitude/latitude.

    Records an error saying what the coordinates look like (metres of the British National
    Grid, latitude and longitude swapped, or a wrong CRS) and how to fix the file.
    """
    if frame.empty or frame.crs is None:
        return True
    try:
        lonlat = frame.geometry.to_crs("EPSG:4326") if not frame.crs.is_geographic else frame.geometry
    except Exception:  # noqa: BLE001 (pyproj raises several types for a CRS it cannot convert)
        return True
    bounds = tuple(float(b) for b in lonlat.total_bounds)
    if _inside(bounds, ENGLAND_BOX):
        return True
    x0, y0, x1, y1 = bounds
    place = f"all {len(frame)} areas"
    swapped = (ENGLAND_BOX[1], ENGLAND_BOX[0], ENGLAND_BOX[3], ENGLAND_BOX[2])
    if frame.crs.is_geographic and _inside(bounds, swapped):
        problems.error(f"Longitude and latitude look swapped: x runs from {x0:.2f} to {x1:.2f} (latitudes in "
                       f"England) and y from {y0:.2f} to {y1:.2f} (longitudes), so every area would be drawn "
                       "in the wrong place.",
                       "Write each position as [longitude, latitude], as GeoJSON requires: re-export it from "
                       "the source with the axis order fixed, or in Python: gdf.geometry = "
                       "gdf.geometry.map(lambda g: shapely.ops.transform(lambda x, y: (y, x), g)).",
                       file=path, place=place, column="geometry")
    elif frame.crs.is_geographic and _inside(bounds, (0, 0, 700_000, 1_300_000), 0):
        problems.error(f"The coordinates look like British National Grid metres (x {x0:,.0f} to {x1:,.0f}, "
                       f"y {y0:,.0f} to {y1:,.0f}), but the file says, or as GeoJSON is taken to be, longitude "
                       "and latitude (EPSG:4326).", _REPROJECT, file=path, place=place, column="geometry")
    else:
        problems.error(f"The boundaries lie outside England (longitude {x0:.2f} to {x1:.2f}, latitude {y0:.2f} "
                       f"to {y1:.2f} once read in their CRS, {frame.crs.to_string()}): the file's CRS is "
                       "probably wrong.",
                       "Save the file with the CRS its coordinates are really in (British National Grid is "
                       "EPSG:27700), e.g. with GeoDataFrame.set_crs(..., allow_override=True).to_file(...).",
                       file=path, place=place, column="geometry")
    return False


def check_cover(config: Config, areas: gpd.GeoDataFrame, boundaries: dict, problems: Problems) -> None:
    """Check each area type's boundaries against the next larger type the lookup nests it in."""
    types = config.type_order
    for child, parent in zip(types, types[1:]):
        if boundaries.get(child) is None or boundaries.get(parent) is None:
            continue
        kids = areas[(areas["area_type"] == child) & areas.geometry.notna()]
        parents = areas[(areas["area_type"] == parent) & areas.geometry.notna()].set_index("area_code")
        kids = kids[kids[f"{parent}_code"].isin(parents.index)]
        if kids.empty:
            continue
        points = gpd.GeoSeries(kids.geometry.values, crs=areas.crs).to_crs(METRIC_CRS).representative_point()
        shapes = gpd.GeoSeries(parents.geometry.loc[kids[f"{parent}_code"]].values, crs=areas.crs).to_crs(METRIC_CRS)
        distance = pd.Series(points.distance(shapes).to_numpy(), index=kids.index)
        outside = distance > TOLERANCE_M
        if not outside.any():
            continue
        lookup = config.lookup_path
        column = config.lookup_columns[parent][0]
        child_file, parent_file = config.area_types[child].boundaries, config.area_types[parent].boundaries
        if outside.mean() > 0.5 and outside.sum() > 1:
            first = kids.loc[outside].iloc[0]
            problems.error(f"{int(outside.sum())} of {len(kids)} {child}s lie outside the {parent} the lookup puts "
                           f"them in (e.g. {child} {first['area_code']} is {distance[first.name]:,.0f} m from "
                           f"{parent} {first[f'{parent}_code']}): the {child} and {parent} boundaries do not "
                           f"match each other or the lookup.",
                           f"Check that '{child_file.name}' and '{parent_file.name}' are the right files, for the "
                           "same place and vintage as the lookup, with coordinates in the right order.",
                           file=parent_file, place=f"all {len(kids)} {child}s", column="geometry")
            continue
        for index in kids.index[outside]:
            kid = kids.loc[index]
            problems.warn(f"{child} '{kid['area_code']}' lies outside the {parent} '{kid[f'{parent}_code']}' the "
                          f"lookup puts it in: its representative point is {distance[index]:,.0f} m from it.",
                          f"Nothing to do if the lookup is a best-fit one (ONS best-fit lookups put a few {child}s "
                          f"in the {parent} holding most of their people); otherwise correct its {parent} code, or "
                          "check that the boundaries and the lookup are of the same vintage.",
                          file=lookup, place=f"area {kid['area_code']}", column=column,
                          kind=f"{child}s outside their {parent}")
