"""What to run: one :class:`Job` per area, and the :class:`Task` a worker receives.

A job is the analyst's view (an area code and the notebook's parameters); a task
is the job resolved against an output root: absolute output and failure paths
and the fingerprint of its inputs. Tasks are plain picklable data, so the same
ones go to a local process pool or to a Dask cluster.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Job", "Task"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(text: str) -> str:
    """Turn a key such as ``'Ward: St Mary's'`` into a file-name stem."""
    return _UNSAFE.sub("_", text).strip("._") or "_"


@dataclass(frozen=True)
class Job:
    """One notebook run: an area and the parameters papermill injects.

    Parameters
    ----------
    key : str
        Unique name of the run within its group, e.g. an area code ``"E05000001"``.
    parameters : mapping
        Values papermill writes into the notebook's ``parameters`` cell.
    output : path-like, optional
        Where the HTML goes, relative to the output root (or absolute). Default
        ``<group>/<key>.html``.
    group : str
        Kind of area (``"ward"``, ``"lsoa"``...); names the failures sub-folder.

    Examples
    --------
    >>> Job("E05000001", {"area_code": "E05000001"}, group="ward").relative_output
    PosixPath('ward/E05000001.html')
    """

    key: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    output: str | os.PathLike[str] | None = None
    group: str = ""

    @property
    def relative_output(self) -> Path:
        """The output path as given, or the default ``<group>/<key>.html``."""
        if self.output is not None:
            return Path(self.output)
        return Path(self.group) / f"{_safe_name(self.key)}.html"

    def resolve(self, output_root: str | os.PathLike[str], fingerprint: str = "") -> Task:
        """Return the :class:`Task` for this job under ``output_root``."""
        root = Path(output_root).resolve()
        return Task(
            key=self.key,
            parameters=dict(self.parameters),
            output=root / self.relative_output,
            failure=root / "failures" / (self.group or "_") / f"{_safe_name(self.key)}.ipynb",
            fingerprint=fingerprint,
            root=root,
        )


@dataclass(frozen=True)
class Task:
    """A job resolved for execution (absolute paths, input fingerprint)."""

    key: str
    parameters: dict[str, Any]
    output: Path
    failure: Path
    fingerprint: str = ""
    root: Path | None = None  # the output root: the page's footer links to its accessibility statement
