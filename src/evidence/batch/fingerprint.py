"""Incremental rebuilds: fingerprint each output's inputs, remember them in a manifest.

A profile is up to date when its HTML exists and the fingerprint of what made it
(notebook bytes, the job's parameters, the caller's ``inputs_digest`` for the
evidence base, the template files, the package version) equals the one recorded
when it was written. The manifest, ``<output_root>/.batch-manifest.json``, maps
each output path (relative to the root) to that fingerprint and is written
atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from evidence.io.atomic import atomic_write

__all__ = ["MANIFEST_NAME", "Manifest", "fingerprint"]

MANIFEST_NAME = ".batch-manifest.json"


def _update(digest: Any, label: str, data: bytes) -> None:
    # Length-prefixed, labelled fields: no two different inputs hash the same stream.
    digest.update(f"{label}:{len(data)}:".encode())
    digest.update(data)


def fingerprint(
    notebook_bytes: bytes,
    parameters: Mapping[str, Any],
    inputs_digest: str = "",
    template_files: Iterable[str | os.PathLike[str]] = (),
    version: str = "",
) -> str:
    """Return the sha256 hex digest of everything that shapes one output.

    Parameters
    ----------
    notebook_bytes : bytes
        The notebook file's content.
    parameters : mapping
        The job's parameters (JSON-encoded with sorted keys; other types via ``str``).
    inputs_digest : str
        The caller's digest of the data the notebook reads.
    template_files : iterable of path-like
        Template files whose bytes are included, in the given order.
    version : str
        Version of the package (and exporter) that writes the output.

    Examples
    --------
    >>> a = fingerprint(b"{}", {"area": "E1"})
    >>> a == fingerprint(b"{}", {"area": "E1"}), a == fingerprint(b"{}", {"area": "E2"})
    (True, False)
    """
    digest = hashlib.sha256()
    _update(digest, "notebook", notebook_bytes)
    _update(digest, "parameters", json.dumps(parameters, sort_keys=True, default=str).encode())
    _update(digest, "inputs", inputs_digest.encode())
    for path in template_files:
        _update(digest, "template", Path(path).read_bytes())
    _update(digest, "version", version.encode())
    return digest.hexdigest()


class Manifest:
    """The record of which fingerprint produced each output under one root.

    Parameters
    ----------
    root : path-like
        The output root; the manifest lives at ``root / MANIFEST_NAME``.
    """

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root).resolve()
        self.path = self.root / MANIFEST_NAME
        self.entries: dict[str, str] = {}
        if self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}  # an unreadable manifest only means "rebuild everything"
            self.entries = {str(k): str(v) for k, v in loaded.get("outputs", {}).items()}

    def _name(self, output: str | os.PathLike[str]) -> str:
        path = Path(output)
        path = path.resolve() if path.is_absolute() else self.root / path
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def is_current(self, output: str | os.PathLike[str], fingerprint: str) -> bool:
        """Whether ``output`` exists and was made from inputs with this fingerprint."""
        path = Path(output) if Path(output).is_absolute() else self.root / output
        return path.is_file() and self.entries.get(self._name(output)) == fingerprint

    def record(self, output: str | os.PathLike[str], fingerprint: str) -> None:
        """Remember that ``output`` was written from inputs with ``fingerprint``."""
        self.entries[self._name(output)] = fingerprint

    def forget(self, output: str | os.PathLike[str]) -> None:
        """Drop the record for ``output`` (its next run rebuilds it)."""
        self.entries.pop(self._name(output), None)

    def save(self) -> Path:
        """Write the manifest atomically."""
        body = {"version": 1, "outputs": dict(sorted(self.entries.items()))}
        return atomic_write(self.path, (json.dumps(body, indent=1) + "\n").encode("utf-8"))
