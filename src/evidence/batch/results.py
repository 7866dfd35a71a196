"""What a batch returns: per-job outcomes, failures, and the batch summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BatchResult", "Failure", "Outcome"]


@dataclass(frozen=True)
class Failure:
    """A job that did not produce its profile.

    Attributes
    ----------
    key : str
        The job's key (area code).
    cell_index : int or None
        Index of the failing cell in the executed notebook (papermill's numbering),
        ``None`` when the failure was outside a cell (export, lost worker).
    ename, evalue : str
        Exception name and message, as the kernel reported them.
    notebook_path : Path or None
        The executed notebook kept in ``<output_root>/failures/<group>/``.
    """

    key: str
    cell_index: int | None
    ename: str
    evalue: str
    notebook_path: Path | None = None

    def __str__(self) -> str:
        where = f"cell {self.cell_index}" if self.cell_index is not None else "outside the notebook"
        kept = f" (notebook kept at {self.notebook_path})" if self.notebook_path else ""
        return f"{self.key}: {self.ename} in {where}: {self.evalue}{kept}"


@dataclass(frozen=True)
class Outcome:
    """What a worker reports for one job."""

    key: str
    output: Path
    seconds: float
    failure: Failure | None = None
    kernel_pid: int | None = None
    worker_pid: int | None = None

    @property
    def ok(self) -> bool:
        """Whether the profile was written."""
        return self.failure is None


@dataclass
class BatchResult:
    """Everything a batch did.

    Attributes
    ----------
    successes : list of Outcome
        Jobs whose HTML was (re)written.
    skipped : list of str
        Keys of jobs already up to date.
    failures : list of Failure
        Jobs that failed; their previous HTML, if any, is untouched.
    timings : dict
        Seconds per job key, plus ``"total"`` for the whole batch.
    """

    successes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """``True`` when no job failed."""
        return not self.failures

    def __repr__(self) -> str:
        return (
            f"BatchResult(built={len(self.successes)}, skipped={len(self.skipped)}, "
            f"failed={len(self.failures)}, seconds={self.timings.get('total', 0.0):.1f})"
        )
