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

# papermill first: importing it loads the engines declared in the "papermill.engine"
# entry-point group, ours included, so evidence.batch.engine must not be the module that
# triggers papermill's first import (that would be a circular import).
import papermill  # noqa: F401, I001

from evidence.batch.engine import ENGINE_NAME, WarmKernelEngine
from evidence.batch.jobs import Job
from evidence.batch.results import BatchResult, Failure
from evidence.batch.runner import run_batch

__all__ = ["BatchResult", "ENGINE_NAME", "Failure", "Job", "WarmKernelEngine", "run_batch"]
