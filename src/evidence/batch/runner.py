"""``run_batch``: one parameterised notebook, many areas, one call.

The flow: validate the jobs (all problems at once) -> fingerprint each job and skip
those whose HTML is up to date -> run the rest on a backend (local processes or
Dask), each worker on its own warm kernel -> record each success in the manifest
as it lands -> return a :class:`~evidence.batch.results.BatchResult`. Job failures
are returned, never raised: the CLI prints them and exits non-zero.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from tqdm import tqdm

from evidence.batch.backends import get_backend
from evidence.batch.export import get_exporter, template_files
from evidence.batch.fingerprint import Manifest, fingerprint
from evidence.batch.jobs import Job, Task
from evidence.batch.results import BatchResult
from evidence.batch.worker import Settings
from evidence.display.progress import interactive, progress_bar
from evidence.errors import ProjectError, ValidationError, unknown_name
from evidence.io.atomic import remove_stale_temp_files

__all__ = ["run_batch"]

#: Seconds between manifest saves while a batch runs (it is always saved at the end).
SAVE_EVERY = 2.0


def _versions() -> str:
    """Versions of the code that writes outputs: a new one rebuilds every profile."""
    names = ("evidence", "nbconvert")
    found = []
    for name in names:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=unknown")
    return ";".join(found)


def _validate(notebook: Path, jobs: list[Job], template: str | None, kernel_name: str) -> None:
    problems: list[str] = []
    if not notebook.is_file():
        raise ProjectError(f"Notebook {notebook} does not exist; pass the path of a .ipynb file.")
    kernels = KernelSpecManager().find_kernel_specs()
    if kernel_name not in kernels:
        raise unknown_name("kernel", kernel_name, kernels)
    keys = Counter((job.group, job.key) for job in jobs)
    problems += [
        f"job key {key!r} appears {n} times in group {group!r}; keys must be unique"
        for (group, key), n in keys.items()
        if n > 1
    ]
    outputs = Counter(job.relative_output for job in jobs)
    problems += [f"{n} jobs write the same output {out}" for out, n in outputs.items() if n > 1]
    problems += [
        f"job {job.key!r}: parameters must be a mapping, not {type(job.parameters).__name__}"
        for job in jobs
        if not hasattr(job.parameters, "items")
    ]
    if problems:
        raise ValidationError(problems, f"{len(problems)} problem(s) found in the jobs: " + "; ".join(problems))
    try:
        get_exporter(template)
    except Exception as exc:
        raise ProjectError(
            f"Cannot load the HTML template {template!r}: {exc}. "
            "Pass an nbconvert template name such as 'lab' or the path of a template folder."
        ) from exc


def run_batch(
    notebook: str | os.PathLike[str],
    jobs: Iterable[Job],
    *,
    output_root: str | os.PathLike[str],
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    inputs_digest: str = "",
    template: str | os.PathLike[str] | None = None,
    progress: bool = True,
    kernel_name: str = "python3",
    backend: str | None = None,
    execution_timeout: float | None = None,
) -> BatchResult:
    """Run ``notebook`` once per job and export each run to HTML under ``output_root``.

    Parameters
    ----------
    notebook : path-like
        A papermill-parameterised notebook (a cell tagged ``parameters``).
    jobs : iterable of Job
        One per area; each job's parameters are injected into the notebook.
    output_root : path-like
        Folder for the HTML, the manifest (``.batch-manifest.json``) and
        ``failures/<group>/<key>.ipynb``. With a Dask scheduler it must be visible to
        every worker at the same path.
    workers : int, optional
        Local worker processes, each with one warm kernel (default: CPU count; ``1``
        runs in this process). Ignored with a scheduler.
    scheduler : str, optional
        Address of a Dask scheduler (``"tcp://host:8786"``): run on that cluster.
    force : bool
        Rebuild every job even when its output is up to date.
    inputs_digest : str
        Digest of the data the notebook reads (e.g. a hash of the evidence-base
        manifest); when it changes every profile is rebuilt.
    template : str or path-like, optional
        nbconvert template name or template folder (default: nbconvert's ``lab``).
    progress : bool
        Show a progress bar with time left on stderr.
    kernel_name : str
        Kernelspec to run the notebook on.
    backend : str, optional
        Backend name (``"local"`` or ``"dask"``); by default ``"dask"`` when a
        scheduler is given, else ``"local"``.
    execution_timeout : float, optional
        Seconds a single cell may run before its job fails (default: no limit).

    Returns
    -------
    BatchResult
        Successes, skipped (up to date) keys, failures and timings.

    Raises
    ------
    ProjectError
        The notebook or template cannot be used.
    ValidationError
        Jobs have duplicate keys or outputs (all problems listed together).
    UnknownNameError
        ``backend`` names no backend, or ``kernel_name`` no installed kernel.

    Examples
    --------
    ::

        result = run_batch("profile.ipynb",
                           [Job(code, {"area_code": code}, group="ward") for code in codes],
                           output_root="areaprofiles")
        for failure in result.failures:
            print(failure)
    """
    started = time.perf_counter()
    notebook = Path(notebook).resolve()
    jobs = list(jobs)
    template_key = None if template is None else str(template)
    run = get_backend(backend or ("dask" if scheduler else "local"))
    _validate(notebook, jobs, template_key, kernel_name)

    root = Path(output_root).resolve()
    manifest = Manifest(root)
    notebook_bytes = notebook.read_bytes()
    templates = template_files(template_key)
    versions = _versions()
    result = BatchResult()
    tasks: list[Task] = []
    for job in jobs:
        digest = fingerprint(notebook_bytes, job.parameters, inputs_digest, templates, versions)
        task = job.resolve(root, digest)
        if not force and manifest.is_current(task.output, digest):
            result.skipped.append(job.key)
        else:
            tasks.append(task)
    folders = {t.output.parent for t in tasks} | {t.failure.parent for t in tasks}
    for folder in folders:
        remove_stale_temp_files(folder)  # left by a killed earlier run

    settings = Settings.for_notebook(
        notebook, kernel_name=kernel_name, template=template_key, execution_timeout=execution_timeout
    )
    if progress and interactive():  # a notebook: tqdm.auto's widget (the CLI keeps its bar on stderr)
        bar = progress_bar(total=len(tasks), desc="pages", unit="page", enabled=True)
    else:
        bar = tqdm(total=len(tasks), disable=not progress, file=sys.stderr, unit="page", desc="pages")
    by_output = {task.output: task for task in tasks}
    last_save = time.monotonic()
    try:
        for outcome in run(tasks, settings, workers=workers, scheduler=scheduler):
            result.timings[outcome.key] = outcome.seconds
            if outcome.failure is None:
                result.successes.append(outcome)
                manifest.record(outcome.output, by_output[outcome.output].fingerprint)
            else:
                result.failures.append(outcome.failure)
                bar.set_postfix(failed=len(result.failures))
            bar.update(1)
            if time.monotonic() - last_save > SAVE_EVERY:
                manifest.save()
                last_save = time.monotonic()
    finally:
        bar.close()
        manifest.save()
    for folder in folders:  # left by a worker that died (or was stopped with its pool) mid-write
        remove_stale_temp_files(folder)
    result.timings["total"] = time.perf_counter() - started
    return result
