"""Deterministic file writing: the same inputs give byte-identical files everywhere.

Files are rendered to bytes first (CSV with fixed number formats and ``\\n`` line
ends, GeoJSON from coordinates already rounded), then each is written to a staging
name beside its target and moved into place (:func:`evidence.io.atomic.atomic_write`),
so a failed run never leaves a half-written file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from evidence.io.atomic import atomic_write

__all__ = ["csv_bytes", "format_tidy", "geojson_bytes", "write_files"]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A CSV file as UTF-8 bytes: minimal quoting, ``\\n`` line ends, rows as given."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _fixed(values: pd.Series, decimals: pd.Series) -> list[str]:
    """Numbers with a per-row number of decimals; blank for missing."""
    return [
        "" if np.isnan(v) else f"{v:.{int(d)}f}"
        for v, d in zip(values.to_numpy(float), decimals.to_numpy())
    ]


def format_tidy(
    frame: pd.DataFrame, decimals: Mapping[str, int], columns: Sequence[str]
) -> list[list[str]]:
    """Tidy value rows as text, in the frame's order.

    ``value``, ``lower`` and ``upper`` get the indicator's decimals (from
    ``decimals``, by indicator id); ``numerator`` and ``denominator`` are whole
    numbers. The frame is not changed.
    """
    digits = frame["indicator_id"].map(decimals)
    text = {c: frame[c].astype(str).tolist() for c in ("indicator_id", "area_code", "period")}
    for column in ("value", "lower", "upper"):
        text[column] = _fixed(frame[column], digits)
    for column in ("numerator", "denominator"):
        text[column] = _fixed(frame[column], digits * 0)
    return [list(row) for row in zip(*(text[c] for c in columns))]


def _rings(polygon: shapely.Polygon) -> list[list[list[float]]]:
    rings = [polygon.exterior, *polygon.interiors]
    return [[[float(x), float(y)] for x, y in shapely.get_coordinates(r)] for r in rings]


def geojson_bytes(properties: Sequence[Mapping[str, str]], polygons: Sequence) -> bytes:
    """A GeoJSON FeatureCollection (RFC 7946, EPSG:4326), one feature per line.

    Polygons must already be in longitude/latitude with rounded coordinates;
    multipolygons are written as ``MultiPolygon``.
    """
    lines = []
    for props, geom in zip(properties, polygons, strict=True):
        if isinstance(geom, shapely.MultiPolygon):
            geometry = {"type": "MultiPolygon",
                        "coordinates": [_rings(p) for p in geom.geoms]}
        else:
            geometry = {"type": "Polygon", "coordinates": _rings(geom)}
        feature = {"type": "Feature", "properties": dict(props), "geometry": geometry}
        lines.append(json.dumps(feature, separators=(",", ":"), ensure_ascii=False))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    return text.encode("utf-8")


def write_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (relative path -> bytes) under ``root``, each one atomically."""
    for name in sorted(files):
        atomic_write(root / name, files[name])
