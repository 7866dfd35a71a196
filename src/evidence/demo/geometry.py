"""The demo district's boundaries: an irregular outline tiled into wards and LSOAs.

Everything is built in British National Grid (EPSG:27700, metres). Wards are the
Voronoi cells of seeded points clipped to the outline; LSOAs are Voronoi cells of
seeded points inside each ward, clipped to it. The LSOA edges are then noded,
densified, gently warped (so boundaries wander like real ones rather than running
straight) and snap-rounded onto a 1 m grid, and the faces are polygonised. Because
every layer is built from those same faces, LSOAs tile wards and wards tile the
district exactly: neighbouring polygons share identical vertices.

Reprojection to EPSG:4326 uses an explicit PROJ pipeline (the OSGB36 to WGS84
Helmert transformation, EPSG:1314) so the output does not depend on which grid files
a machine happens to have; coordinates are rounded to 6 decimals afterwards. Since
shared vertices are transformed and rounded identically, they stay shared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Transformer
from shapely import Polygon

__all__ = ["CENTRE", "Tiling", "build_tiling", "to_wgs84"]

#: Centre of the fictional district in British National Grid (the East Midlands).
CENTRE = (458_000.0, 292_000.0)
#: Mean radius of the district outline, in metres (about 65 km2).
RADIUS = 4_600.0
#: Grid, in metres, that every vertex is snapped to before reprojection.
GRID = 1.0
#: Decimal places of the EPSG:4326 coordinates (about 0.1 m).
DECIMALS = 6

_BNG_TO_WGS84 = (
    "+proj=pipeline "
    "+step +inv +proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 "
    "+y_0=-100000 +ellps=airy "
    "+step +proj=push +v_3 "
    "+step +proj=cart +ellps=airy "
    "+step +proj=helmert +x=446.448 +y=-125.157 +z=542.06 +rx=0.15 +ry=0.247 "
    "+rz=0.842 +s=-20.489 +convention=position_vector "
    "+step +inv +proj=cart +ellps=WGS84 "
    "+step +proj=pop +v_3 "
    "+step +proj=unitconvert +xy_in=rad +xy_out=deg"
)


@dataclass(frozen=True)
class Tiling:
    """Ward and LSOA polygons in EPSG:27700 on a 1 m grid.

    ``lsoa_ward[i]`` is the index (into ``wards``) of the ward holding LSOA ``i``.
    """

    district: Polygon
    wards: list[Polygon]
    lsoas: list[Polygon]
    lsoa_ward: np.ndarray


def _outline(rng: np.random.Generator, n_vertices: int = 96) -> Polygon:
    """An irregular, star-shaped district outline built from a few low harmonics."""
    theta = np.linspace(0.0, 2 * np.pi, n_vertices, endpoint=False)
    radius = np.ones_like(theta)
    for k in range(2, 7):
        amplitude = rng.uniform(0.04, 0.13) / np.sqrt(k - 1)
        radius += amplitude * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    x = CENTRE[0] + RADIUS * radius * np.cos(theta)
    y = CENTRE[1] + RADIUS * radius * np.sin(theta)
    return Polygon(np.column_stack([x, y]))


def _seeds(
    rng: np.random.Generator,
    region: Polygon,
    n: int,
    min_distance: float,
    weight=None,
) -> np.ndarray:
    """Draw ``n`` points inside ``region`` at least ``min_distance`` apart.

    ``weight(xy) -> [0, 1]`` thins the candidates (denser seeds, smaller cells, where
    the weight is high). The distance is relaxed if the region is too crowded.
    """
    xmin, ymin, xmax, ymax = region.bounds
    points: list[np.ndarray] = []
    tries = 0
    while len(points) < n:
        tries += 1
        if tries % 500 == 0:
            min_distance *= 0.8
        xy = rng.uniform([xmin, ymin], [xmax, ymax])
        if not region.contains(shapely.Point(xy)):
            continue
        if weight is not None and rng.uniform() > weight(xy):
            continue
        if points and np.min(np.hypot(*(np.array(points) - xy).T)) < min_distance:
            continue
        points.append(xy)
    return np.array(points)


def _voronoi_cells(points: np.ndarray, region: Polygon) -> list[Polygon]:
    """Voronoi cells of ``points`` clipped to ``region``, in the order of the points."""
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(points), extend_to=region)
    )
    pts = shapely.points(points)
    ordered = [None] * len(points)
    for cell in cells:
        hit = np.flatnonzero(shapely.contains(cell, pts))
        if len(hit) == 1:
            ordered[hit[0]] = shapely.intersection(cell, region)
    if any(cell is None for cell in ordered):
        raise RuntimeError("a Voronoi cell could not be matched to its seed")
    return [_largest_part(cell) for cell in ordered]


def _largest_part(geometry) -> Polygon:
    """The largest polygon of a geometry (clipping can leave crumbs)."""
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon)]
    return max(parts, key=lambda p: p.area)


def _warp(rng: np.random.Generator):
    """A smooth, small displacement field: boundaries wander by up to ~90 m."""
    waves = [
        (rng.uniform(2 * np.pi / 2500, 2 * np.pi / 900, 2), rng.uniform(0, 2 * np.pi, 2))
        for _ in range(3)
    ]

    def warp(xy: np.ndarray) -> np.ndarray:
        dx = sum(30.0 * np.sin(k[0] * xy[:, 1] + p[0]) for k, p in waves)
        dy = sum(30.0 * np.sin(k[1] * xy[:, 0] + p[1]) for k, p in waves)
        return xy + np.column_stack([dx, dy])

    return warp


def _snap_faces(raw: list[Polygon], warp) -> list[Polygon]:
    """Node, densify, warp and snap-round the raw LSOAs; return one polygon per LSOA."""
    lines = shapely.union_all(shapely.boundary(raw))
    lines = shapely.transform(shapely.segmentize(lines, 120.0), warp)
    lines = shapely.union_all(shapely.get_parts(lines), grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    targets = shapely.transform(shapely.segmentize(raw, 120.0), warp)
    owner = np.array(
        [int(np.argmax(shapely.area(shapely.intersection(face, targets)))) for face in faces]
    )
    snapped = []
    for i in range(len(raw)):
        mine = faces[owner == i]
        if len(mine) == 0:
            raise RuntimeError(f"LSOA {i} lost all its area while snapping")
        snapped.append(_largest_part(shapely.union_all(mine, grid_size=GRID)))
    return snapped


def build_tiling(rng: np.random.Generator, n_wards: int = 20) -> Tiling:
    """Build the district, its wards and their LSOAs (4 to 6 per ward).

    Central wards are smaller (denser housing), edge wards larger and more rural.
    """
    outline = _outline(rng)

    def density(xy: np.ndarray) -> float:
        d = np.hypot(xy[0] - CENTRE[0], xy[1] - CENTRE[1]) / RADIUS
        return 0.25 + 0.75 * np.exp(-(d**2) / (2 * 0.45**2))

    ward_seeds = _seeds(rng, outline, n_wards, 750.0, density)
    raw_wards = _voronoi_cells(ward_seeds, outline)
    raw_lsoas: list[Polygon] = []
    lsoa_ward: list[int] = []
    for w, ward in enumerate(raw_wards):
        k = int(rng.integers(4, 7))
        spacing = 0.5 * np.sqrt(ward.area / k)
        cells = _voronoi_cells(_seeds(rng, ward, k, spacing), ward)
        raw_lsoas += cells
        lsoa_ward += [w] * k
    lsoas = _snap_faces(raw_lsoas, _warp(rng))
    lsoa_ward_arr = np.array(lsoa_ward)
    wards = [
        _largest_part(shapely.union_all([lsoas[i] for i in np.flatnonzero(lsoa_ward_arr == w)]))
        for w in range(n_wards)
    ]
    district = _largest_part(shapely.union_all(lsoas))
    return Tiling(district=district, wards=wards, lsoas=lsoas, lsoa_ward=lsoa_ward_arr)


def to_wgs84(geometries: list[Polygon]) -> list[Polygon]:
    """Reproject BNG polygons to EPSG:4326 (lon, lat), rounded to 6 decimals, CCW exteriors.

    Identical input vertices give identical output vertices, so a tiling stays a
    tiling. Polygons made invalid by rounding (not seen with this seed) are repaired
    with :func:`shapely.make_valid`.
    """
    transformer = Transformer.from_pipeline(_BNG_TO_WGS84)

    def project(xy: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(xy[:, 0], xy[:, 1])
        return np.round(np.column_stack([lon, lat]), DECIMALS)

    out = shapely.transform(np.asarray(geometries, dtype=object), project)
    out = np.where(shapely.is_valid(out), out, shapely.make_valid(out))
    return list(shapely.orient_polygons(out, exterior_cw=False))
