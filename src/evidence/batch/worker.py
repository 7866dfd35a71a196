"""Run one task on this process's warm kernel: execute, export, or keep the failure.

This is the single function every backend calls, in a pool process, a Dask
worker, or in-process. It never raises for a failing notebook: it returns an
:class:`~evidence.batch.results.Outcome` whose ``failure`` says what went wrong,
keeps the executed notebook under ``failures/``, and leaves the previous HTML
untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from jupyter_client.kernelspec import KernelSpecManager
from papermill.exceptions import PapermillExecutionError

from evidence.batch.engine import ENGINE_NAME
from evidence.batch.export import export_html, get_exporter
from evidence.batch.jobs import Task
from evidence.batch.kernels import get_kernel, import_code
from evidence.batch.results import Failure, Outcome
from evidence.io.atomic import staging_path

__all__ = ["Settings", "prepare", "run_task"]


@dataclass(frozen=True)
class Settings:
    """What every task of one batch shares (picklable, sent to each worker)."""

    notebook: Path
    kernel_name: str = "python3"
    template: str | None = None
    execution_timeout: float | None = None
    #: Code run once when a kernel starts (default: the notebook's imports).
    warmup: str = ""
    #: The kernel's language, for notebooks whose metadata does not say.
    language: str = "python"

    @classmethod
    def for_notebook(cls, notebook: str | os.PathLike[str], **kwargs: object) -> Settings:
        """Settings for ``notebook``, with its import statements as warm-up code."""
        path = Path(notebook).resolve()
        kernel_name = str(kwargs.get("kernel_name", "python3"))
        language = KernelSpecManager().get_kernel_spec(kernel_name).language
        return cls(notebook=path, warmup=import_code(path), language=language, **kwargs)  # type: ignore[arg-type]


def prepare(settings: Settings) -> None:
    """Start this process's kernel and exporter before the first task (pool initialiser).

    The kernel is launched first: the template compiles here while the kernel process
    starts and runs its imports.
    """
    with ThreadPoolExecutor(1, "evidence-prepare") as starter:
        kernel = starter.submit(get_kernel, settings.kernel_name, settings.warmup, cwd=settings.notebook.parent)
        # Exporting an empty notebook compiles the template once, before any job.
        get_exporter(settings.template).from_notebook_node(nbformat.v4.new_notebook())
        kernel.result()


def _keep(staging: Path, destination: Path) -> Path | None:
    """Move the executed notebook of a failed job into the failures folder, if written."""
    if not staging.exists():
        return None
    os.replace(staging, destination)
    return destination


def _is_kept_failure(path: Path) -> bool:
    """Whether ``path`` is a failed notebook this runner kept (papermill's metadata in it).

    Only such a file is removed when its job succeeds: a file of the user's that happens
    to sit at the same place under ``failures/`` is never touched.
    """
    try:
        with path.open(encoding="utf-8") as handle:
            return "papermill" in (json.load(handle).get("metadata") or {})
    except (OSError, ValueError, AttributeError):
        return False


def run_task(task: Task, settings: Settings) -> Outcome:
    """Execute ``task``'s notebook on the warm kernel and write its HTML.

    Returns
    -------
    Outcome
        With ``failure`` set when the notebook raised, the kernel died, or the export
        failed; the failed notebook (if any) is kept at ``task.failure``.
    """
    start = time.perf_counter()
    # papermill writes the executed notebook here (with its error banner if a cell
    # failed); it is kept in the failures folder only if the job fails.
    staging = staging_path(task.failure.with_suffix(""), ".ipynb")  # .<key>.<random>.tmp.ipynb
    kernel = None
    try:
        kernel = get_kernel(settings.kernel_name, settings.warmup, cwd=settings.notebook.parent)
        task.failure.parent.mkdir(parents=True, exist_ok=True)
        nb = papermill.execute_notebook(
            str(settings.notebook),
            str(staging),
            parameters=task.parameters,
            engine_name=ENGINE_NAME,
            kernel_name=settings.kernel_name,
            language=settings.language,
            request_save_on_cell_execute=False,
            progress_bar=False,
            execution_timeout=settings.execution_timeout,
            warm_kernel=kernel,
            kernel_cwd=settings.notebook.parent,
        )
        if task.root is not None:  # the footer's link to the shared accessibility statement, from this page
            nb.metadata["accessibility"] = Path(os.path.relpath(task.root / "accessibility.html",
                                                                task.output.parent)).as_posix()
        export_html(nb, task.output, settings.template)
        if _is_kept_failure(task.failure):
            task.failure.unlink()  # a stale failure from an earlier run is now fixed
        failure = None
    except PapermillExecutionError as exc:
        failure = Failure(task.key, exc.cell_index, exc.ename, exc.evalue, _keep(staging, task.failure))
    except Exception as exc:  # export or kernel start failed: still only this job
        failure = Failure(task.key, None, type(exc).__name__, str(exc), _keep(staging, task.failure))
    finally:
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
    return Outcome(
        key=task.key,
        output=task.output,
        seconds=time.perf_counter() - start,
        failure=failure,
        kernel_pid=kernel.pid if kernel is not None else None,
        worker_pid=os.getpid(),
    )
