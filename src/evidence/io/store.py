"""Writing and reading the evidence base folder, atomically.

The folder is written in full beside the old one and swapped in with ``os.replace``
(:func:`evidence.io.atomic.atomic_folder`), so a failed or interrupted build never
leaves a half-written evidence base in place of a good one, and the folder and its
files get the modes the umask gives (0755 and 0644 under 022), never 0700.

Only a folder the project wrote is ever replaced: every evidence base carries a marker
file (:data:`MARKER`, which says in its text what the folder is), and
:func:`write_tables` refuses to replace a folder without it, so ``build.output``
pointing at a folder of the user's can never delete it. An evidence base written
before the marker existed is recognised by its manifest (``format_version`` and
``input_digest``, which only a build writes) and is replaced like a marked one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from typing import TYPE_CHECKING

from evidence.errors import OutputError
from evidence.io.atomic import atomic_folder

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FORMAT_VERSION", "MARKER", "digest_files", "is_evidence_base", "read_manifest", "read_tables",
           "write_tables"]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: The file that marks a folder as an evidence base written by ``evidence build``.
MARKER = "EVIDENCE-BASE.txt"
MARKER_TEXT = (
    "This folder is an evidence base written by 'evidence build'.\n"
    "Each build replaces the whole folder: do not keep files of your own here.\n"
    "Its tables are described in docs/evidence-base.md of the evidence toolkit.\n"
)


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


def is_evidence_base(folder: Path) -> bool:
    """Whether ``folder`` is an evidence base the project wrote (safe to replace whole).

    True when it carries the :data:`MARKER` file, or (an evidence base built before the
    marker existed) when its manifest has the ``format_version`` and ``input_digest``
    that only a build writes.
    """
    if (folder / MARKER).is_file():
        return True
    manifest = read_manifest(folder)
    return isinstance(manifest, dict) and "format_version" in manifest and "input_digest" in manifest


def check_replaceable(folder: Path) -> None:
    """Raise :class:`~evidence.errors.OutputError` unless ``folder`` may be written over.

    It may when it does not exist, is an empty folder, or is an evidence base
    (:func:`is_evidence_base`); a file or a folder of anything else is never touched.
    """
    if not folder.exists() and not folder.is_symlink():
        return
    if not folder.is_dir():
        raise OutputError(f"The evidence base would replace '{folder}', which is a file, not an evidence base. "
                          "Nothing was written. Fix: set 'build.output' in evidence.yml to a new folder, "
                          "e.g. '.evidence' (the default).")
    if any(folder.iterdir()) and not is_evidence_base(folder):
        raise OutputError(f"The evidence base would replace the folder '{folder}', which holds files that "
                          f"'evidence build' did not write (it has no {MARKER}). Nothing was written or "
                          "removed. Fix: set 'build.output' in evidence.yml to a new folder, e.g. '.evidence' "
                          "(the default), or empty that folder first.")


def write_tables(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict) -> None:
    """Write ``tables`` (name -> frame; GeoDataFrames as GeoParquet) and the manifest atomically.

    The folder gets the :data:`MARKER` file. An existing ``folder`` is replaced only if
    it is an evidence base or empty; otherwise :class:`~evidence.errors.OutputError` is
    raised before anything is written.
    """
    check_replaceable(folder)
    # check again just before the swap: the folder may have changed while the tables were written
    with atomic_folder(folder, check=lambda: check_replaceable(folder)) as staging:
        for name, frame in tables.items():
            frame.to_parquet(staging / f"{name}.parquet", index=False)  # GeoParquet for a GeoDataFrame
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def read_tables(folder: Path, names: Iterable[str], geo: Iterable[str] = ()) -> dict[str, pd.DataFrame]:
    """Read the named tables of an evidence base folder (``geo`` ones as GeoDataFrames)."""
    import geopandas as gpd  # here, not at the top: the manifest checks need no data stack
    import pandas as pd

    geo = set(geo)
    return {name: (gpd.read_parquet if name in geo else pd.read_parquet)(folder / f"{name}.parquet")
            for name in names}
