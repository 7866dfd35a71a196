"""Dask backend: the same tasks on an existing ``distributed`` cluster.

Each job becomes one Dask task running :func:`evidence.batch.worker.run_task`. A
Dask worker process keeps one warm kernel (the process-wide cache in
:mod:`evidence.batch.kernels`) for all the tasks it runs; the kernels are shut down
on every worker when the batch ends, and by :class:`WarmKernelPlugin` if a worker
closes first.

Requirements on the cluster:

* the workers run in an environment where ``evidence`` and the notebook's packages
  are installed, with the same kernelspec name;
* the notebook, its data and the output root must be on a filesystem the workers
  see at the **same absolute paths** (a shared drive or the same machine): workers
  write the HTML themselves, atomically, and the client writes the manifest;
* one thread per worker (``--nthreads 1``) is best: jobs on the same worker share one
  kernel and run one after another anyway.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from distributed import Client, WorkerPlugin, as_completed

from evidence.batch.jobs import Task
from evidence.batch.kernels import shutdown_kernels
from evidence.batch.results import Failure, Outcome
from evidence.batch.worker import Settings, run_task
from evidence.errors import ProjectError

__all__ = ["WarmKernelPlugin", "run_dask"]

PLUGIN_NAME = "evidence-warm-kernels"


class WarmKernelPlugin(WorkerPlugin):
    """Shut down a worker's warm kernels when the worker closes."""

    name = PLUGIN_NAME

    def teardown(self, worker: Any) -> None:
        """Called by Dask when the worker shuts down."""
        shutdown_kernels()


def run_dask(
    tasks: Sequence[Task], settings: Settings, *, scheduler: str | None = None, **_: Any
) -> Iterator[Outcome]:
    """Run ``tasks`` on the Dask cluster at ``scheduler``; yield outcomes as they finish.

    Parameters
    ----------
    tasks : sequence of Task
        The jobs to run.
    settings : Settings
        Notebook, kernel and template shared by all jobs.
    scheduler : str
        Address of the scheduler, e.g. ``"tcp://127.0.0.1:8786"``.
    """
    if not tasks:
        return
    try:
        client = Client(scheduler, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ProjectError(
            f"Cannot reach the Dask scheduler at {scheduler!r}: {exc}. Check the address, or "
            "start one with `dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`."
        ) from exc
    futures: dict[Any, Task] = {}
    try:
        client.register_plugin(WarmKernelPlugin(), name=PLUGIN_NAME)
        batch = uuid.uuid4().hex[:8]
        futures = {
            client.submit(run_task, task, settings, key=f"evidence-{batch}-{n}", pure=False): task
            for n, task in enumerate(tasks)
        }
        for future in as_completed(futures, loop=client.loop):
            task = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - the worker was lost, not the notebook
                failure = Failure(task.key, None, type(exc).__name__, str(exc))
                yield Outcome(task.key, task.output, 0.0, failure)
    finally:
        try:
            client.cancel(list(futures))
            client.run(shutdown_kernels)
        finally:
            client.close()
