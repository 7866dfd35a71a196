"""The record of a report's last complete run: is everything still current?

A report run ends by recording, in ``<output>/.report-runs.json``, one *stamp* per report
(a digest of the evidence base's inputs, the report's settings and extra input files, the
notebook, the template, the versions and the request) with the job keys and the files it
wrote. The next run computes the stamp first, from the config and the files alone (no data
stack, no kernel): when it matches and every file is there, nothing has changed and the
run is over in a fraction of a second. Anything else (a changed input, a missing page, an
earlier failure, ``--force``) takes the full path, where the batch manifest decides page
by page; a stamp is only recorded after a run with no failure.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from evidence.config import Config
from evidence.io.atomic import atomic_write
from evidence.io.store import digest_files

__all__ = ["RECORD_NAME", "RunRecord", "read_record", "run_stamp", "write_record"]

RECORD_NAME = ".report-runs.json"


@dataclass(frozen=True)
class RunRecord:
    """One report's last complete run: its stamp, job keys and the files it wrote."""

    stamp: str
    keys: tuple[str, ...]
    outputs: tuple[str, ...]

    def current(self, stamp: str, root: Path) -> bool:
        """Whether ``stamp`` is this run's and every file it wrote is still there."""
        return stamp == self.stamp and all((root / out).is_file() for out in self.outputs)


def _versions() -> str:
    found = []
    for name in ("evidence", "nbconvert"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=unknown")
    return ";".join(found)


def run_stamp(config: Config, *, base_digest: str, notebook: Path, template: Path, settings: Any,
              files: Iterable[str | Path], request: Mapping[str, Any]) -> str:
    """The digest of everything that shapes a report run's outputs.

    ``base_digest`` is the evidence base's input digest, ``settings`` and ``files`` what the
    report reads besides it (e.g. the gap settings and the activity register), ``request``
    the command's options (area type, areas, theme).
    """
    digest = hashlib.sha256()
    template_files = sorted(p for p in Path(template).rglob("*") if p.is_file())
    parts = [base_digest, str(config.min_count), repr(settings), json.dumps(dict(request), sort_keys=True, default=str),
             digest_files([Path(f) for f in files]), digest_files([Path(notebook), *template_files]), _versions()]
    for part in parts:
        digest.update(f"{len(part)}:{part}".encode())
    return digest.hexdigest()


def read_record(root: Path, report: str) -> RunRecord | None:
    """The recorded last complete run of ``report`` under ``root``, if any."""
    try:
        entry = json.loads((root / RECORD_NAME).read_text(encoding="utf-8"))["runs"][report]
        return RunRecord(str(entry["stamp"]), tuple(entry["keys"]), tuple(entry["outputs"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no record (or an unreadable one) only means "take the full path"


def write_record(root: Path, report: str, record: RunRecord) -> Path:
    """Record ``report``'s complete run (atomically; other reports' records are kept)."""
    try:
        runs = json.loads((root / RECORD_NAME).read_text(encoding="utf-8")).get("runs", {})
    except (OSError, ValueError, AttributeError):
        runs = {}
    runs[report] = {"stamp": record.stamp, "keys": list(record.keys), "outputs": list(record.outputs)}
    body = json.dumps({"version": 1, "runs": dict(sorted(runs.items()))}, indent=1) + "\n"
    return atomic_write(root / RECORD_NAME, body.encode("utf-8"))
