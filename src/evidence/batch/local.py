"""Local backend: a pool of worker processes, each holding one warm kernel.

Each worker process (started by a ``forkserver``: forking the caller, which may
hold zmq sockets and threads, is unsafe) starts its kernel and HTML exporter once, in the
pool initialiser, then takes jobs from the shared queue until none are left, so
slow areas do not hold up fast ones. Workers wait for each other to be warm
before taking jobs, so every worker gets a share even of a short batch. With two
or more workers the kernels are forked from one
:class:`~evidence.batch.kernel_server.KernelServer`, so the notebook's imports are paid
once, not once per worker.

Ctrl-C is handled by the parent only: workers ignore SIGINT, the parent cancels
the jobs not yet started, waits for the running ones, and each worker shuts its
kernel down as it exits. If a worker process dies (killed, out of memory), the
jobs it held are retried once on a fresh pool, then reported as failures.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

from evidence.batch.jobs import Task
from evidence.batch import kernel_server
from evidence.batch.kernel_server import KernelServer
from evidence.batch.kernels import configure, shutdown_kernels
from evidence.batch.results import Failure, Outcome
from evidence.batch.worker import Settings, prepare, run_task

__all__ = ["discard_prestarted", "prestart", "run_local"]

#: How many broken pools a job may be caught in before it is tried alone (and given up
#: if its worker dies then too).
MAX_ATTEMPTS = 2
#: Seconds a warm worker waits for the others before starting anyway.
WARM_WAIT = 120


class _Pool:
    """The worker processes of one batch, with what they share.

    A private runtime folder holds every kernel's sockets (removed at the end, even if a
    worker was killed) and, with two or more workers, a kernel server that imports the
    notebook's data stack once and forks each worker's kernel from it.
    """

    def __init__(self, settings: Settings, size: int):
        self.runtime = Path(tempfile.mkdtemp(prefix="evidence-batch-"))
        # Started first: its imports are the longest wait before the first job.
        self.server = None
        if size > 1 and kernel_server.supported():
            self.server = KernelServer(settings.warmup, self.runtime, cwd=settings.notebook.parent)
        try:
            context = _context()
            self.executor = ProcessPoolExecutor(
                size,
                mp_context=context,
                initializer=_init_worker,
                initargs=(settings, context.Barrier(size), str(self.runtime), self.server and self.server.address),
            )
        except BaseException:
            self._release()
            raise

    def shutdown(self) -> None:
        """Drop the jobs not started, wait for the running ones, then stop the server."""
        try:
            self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            self._release()

    def _release(self) -> None:
        if self.server is not None:
            self.server.close()
        shutil.rmtree(self.runtime, ignore_errors=True)


#: Pools started ahead of their batch by :func:`prestart`, by (settings, size).
_PRESTARTED: dict[tuple[Settings, int], _Pool] = {}


def prestart(settings: Settings, workers: int | None = None) -> None:
    """Start the worker processes and their kernels now, ahead of the batch.

    A caller that still has slow work to do before it knows its jobs (imports, building
    the evidence base) lets the kernels warm up meanwhile; :func:`run_local` takes the
    pool over when it is called with the same settings and number of workers, and
    :func:`discard_prestarted` shuts down a pool that was not used.
    """
    size = max(1, workers or os.cpu_count() or 1)
    if size == 1 or (settings, size) in _PRESTARTED:
        return
    pool = _Pool(settings, size)
    for _ in range(size):
        pool.executor.submit(os.getpid)  # the first submissions start every process (and its initialiser)
    _PRESTARTED[(settings, size)] = pool


def discard_prestarted() -> None:
    """Shut down pools started by :func:`prestart` that no batch took over."""
    while _PRESTARTED:
        _, pool = _PRESTARTED.popitem()
        pool.shutdown()


def _init_worker(settings: Settings, barrier: Any, runtime: str, server: str | None) -> None:
    """Pool initialiser: ignore Ctrl-C, start the kernel, wait for the other workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    Finalize(None, shutdown_kernels, exitpriority=100)
    configure(runtime_dir=runtime, server=server)
    try:
        prepare(settings)
    except Exception:  # noqa: BLE001 - each job will report the problem itself
        pass
    try:
        barrier.wait(timeout=WARM_WAIT)
    except threading.BrokenBarrierError:
        pass


def run_local(
    tasks: Sequence[Task], settings: Settings, *, workers: int | None = None, **_: Any
) -> Iterator[Outcome]:
    """Run ``tasks`` on local worker processes; yield outcomes as jobs finish.

    Parameters
    ----------
    tasks : sequence of Task
        The jobs to run.
    settings : Settings
        Notebook, kernel and template shared by all jobs.
    workers : int, optional
        Number of worker processes (default: CPU count). ``1`` runs the jobs in this
        process, one after another, on one warm kernel.
    """
    workers = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    if not tasks or workers == 1:
        discard_prestarted()
    if not tasks:
        return
    if workers == 1:
        yield from _run_in_process(tasks, settings)
        return
    attempts = dict.fromkeys((t.output for t in tasks), 0)
    pending = list(tasks)
    while pending:
        # A dead worker breaks the whole pool and fails every job in it, not only the one
        # that killed it. Jobs caught in MAX_ATTEMPTS broken pools are then tried alone, one
        # at a time, so that only a job that kills its worker on its own is given up.
        alone = [t for t in pending if attempts[t.output] >= MAX_ATTEMPTS]
        group = alone[:1] or pending
        pending = [t for t in pending if t not in group]
        size = min(workers, len(group))
        pool = _PRESTARTED.pop((settings, size), None) or _Pool(settings, size)
        discard_prestarted()  # one prepared for another size: not needed
        try:
            futures = {pool.executor.submit(run_task, task, settings): task for task in group}
            for future in as_completed(futures):
                task = futures[future]
                try:
                    yield future.result()
                except BrokenProcessPool as exc:
                    attempts[task.output] += 1
                    if len(group) == 1 and attempts[task.output] >= MAX_ATTEMPTS:
                        yield _lost(task, "WorkerLost", f"the worker process died: {exc}")
                    else:
                        pending.append(task)
                except Exception as exc:  # noqa: BLE001 - e.g. parameters that cannot be pickled
                    yield _lost(task, type(exc).__name__, str(exc))
        finally:
            # On Ctrl-C (or the caller stopping early) drop the jobs not started yet.
            pool.shutdown()


def _lost(task: Task, ename: str, evalue: str) -> Outcome:
    return Outcome(task.key, task.output, 0.0, Failure(task.key, None, ename, evalue))


def _context() -> Any:
    """The ``forkserver`` start method, with the worker's imports preloaded.

    The fork server imports ``evidence.batch.worker`` once; every worker (and any
    replacement pool) is forked from it with those imports already done, while no
    kernel, socket or thread of the caller is ever forked.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["evidence.batch.worker"])
    return context


def _run_in_process(tasks: Sequence[Task], settings: Settings) -> Iterator[Outcome]:
    try:
        for task in tasks:
            yield run_task(task, settings)
    finally:
        shutdown_kernels()
