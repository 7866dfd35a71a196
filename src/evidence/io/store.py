"""Writing and reading the evidence base folder, atomically.

The folder is written in full beside the old one and swapped in with ``os.replace``,
so a failed or interrupted build never leaves a half-written evidence base in place of
a good one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd

__all__ = ["FORMAT_VERSION", "digest_files", "read_manifest", "read_tables", "write_tables"]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"


def digest_files(paths: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the bytes of ``paths`` (in order) and the ``extra`` strings."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.name).encode())
        if path.exists():
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        else:
            digest.update(b"<missing>")
    for text in extra:
        digest.update(text.encode())
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict | None:
    """The manifest of an evidence base folder, or ``None`` if there is none."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_tables(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict) -> None:
    """Write ``tables`` (name -> frame; GeoDataFrames as GeoParquet) and the manifest atomically."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.staging-", dir=folder.parent))
    try:
        for name, frame in tables.items():
            target = staging / f"{name}.parquet"
            if isinstance(frame, gpd.GeoDataFrame):
                frame.to_parquet(target, index=False)
            else:
                frame.to_parquet(target, index=False)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
            os.replace(folder, old)
        os.replace(staging, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def read_tables(folder: Path, names: Iterable[str], geo: Iterable[str] = ()) -> dict[str, pd.DataFrame]:
    """Read the named tables of an evidence base folder (``geo`` ones as GeoDataFrames)."""
    geo = set(geo)
    return {name: (gpd.read_parquet if name in geo else pd.read_parquet)(folder / f"{name}.parquet")
            for name in names}
