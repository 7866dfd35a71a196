"""Run one parameterised notebook per area and export each run to HTML.

The batch machinery is content-agnostic: it runs any papermill notebook. Each
worker keeps one warm kernel (:mod:`~evidence.batch.kernels`) and one HTML
exporter (:mod:`~evidence.batch.export`); jobs whose inputs have not changed are
skipped (:mod:`~evidence.batch.fingerprint`); failures are collected, never
written over a good profile.

::

    jobs.py         Job (what to run), Task (resolved paths + fingerprint)
    kernels.py      WarmKernel: one kernel per process, reset between jobs
    kernel_server.py  KernelServer: kernels forked from one process that did the imports
    engine.py       WarmKernelEngine: papermill engine "evidence_warm"
    export.py       HTML export (written with evidence.io.atomic)
    fingerprint.py  input fingerprints and the rebuild manifest
    worker.py       run_task: execute + export one task, capture the failure
    local.py        local process-pool backend
    dask.py         Dask distributed backend
    backends.py     backend registry ("local", "dask")
    results.py      Failure, Outcome, BatchResult
    runner.py       run_batch
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from evidence._lazy import lazy_attribute, lazy_dir

if TYPE_CHECKING:  # pragma: no cover
    from evidence.batch.engine import ENGINE_NAME, WarmKernelEngine
    from evidence.batch.jobs import Job
    from evidence.batch.results import BatchResult, Failure
    from evidence.batch.runner import run_batch

__all__ = ["BatchResult", "ENGINE_NAME", "Failure", "Job", "WarmKernelEngine", "run_batch"]

# Imported on first use: a report that finds every page current needs Job and
# BatchResult, not papermill and the kernel machinery (seconds of imports).
_HOME = {
    "BatchResult": "results", "ENGINE_NAME": "engine", "Failure": "results", "Job": "jobs",
    "WarmKernelEngine": "engine", "run_batch": "runner",
}


def __getattr__(name: str) -> Any:
    if _HOME.get(name) in ("engine", "runner"):
        # papermill first: importing it loads the engines declared in the
        # "papermill.engine" entry-point group, ours included, so evidence.batch.engine
        # must not be the module that triggers papermill's first import (that would be
        # a circular import).
        import_module("papermill")
    return lazy_attribute(__name__, _HOME, name, globals())


def __dir__() -> list[str]:
    return lazy_dir(globals(), __all__)
