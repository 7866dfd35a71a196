"""Whether the evidence base on disk is current, with only the config and the manifest.

Kept apart from :mod:`evidence.builder` (which imports the data stack to build) so that a
command with nothing to do (``evidence profiles`` when nothing changed) can tell in a
fraction of a second: hashing the input files and reading one JSON manifest needs no
pandas, no geopandas and no kernel.
"""

from __future__ import annotations

from pathlib import Path

from evidence._version import __version__
from evidence.config import Config
from evidence.io.store import FORMAT_VERSION, digest_files, read_manifest

__all__ = ["TABLES", "input_digest", "input_files", "is_current"]

#: The tables of an evidence base, one Parquet file each.
TABLES = ("values", "comparisons", "indicators", "areas", "breakdowns")


def input_files(config: Config) -> list[Path]:
    """Every file the evidence base depends on, in a stable order."""
    files = [config.file, config.catalogue, config.lookup_path]
    for spec in config.area_types.values():
        files.append(spec.boundaries)
        if spec.boundaries.suffix.lower() == ".shp":
            files.extend(spec.boundaries.with_suffix(s) for s in (".dbf", ".prj", ".shx"))
    files.extend(s.path for s in config.value_sources)
    return files


def input_digest(config: Config) -> str:
    """A hash of every input file, the package version and the on-disk format version."""
    return digest_files(input_files(config), __version__, str(FORMAT_VERSION))


def is_current(config: Config) -> bool:
    """True when the evidence base on disk was built from exactly the current inputs."""
    manifest = read_manifest(config.output)
    return bool(manifest) and manifest.get("input_digest") == input_digest(config) and all(
        (config.output / f"{name}.parquet").exists() for name in TABLES)
