"""A papermill engine that runs notebooks on a warm, reused kernel.

papermill picks execution engines by name from a registry
(``papermill.engines.papermill_engines``). Importing this module registers
:class:`WarmKernelEngine` as ``evidence_warm``, so::

    import papermill, evidence.batch
    papermill.execute_notebook("profile.ipynb", "out.ipynb",
                               parameters={"area_code": "E05000001"},
                               engine_name="evidence_warm")

parameterises the notebook as usual, but executes its cells on this process's
:class:`~evidence.batch.kernels.WarmKernel` instead of starting and stopping a kernel
per notebook. The kernel's user namespace is reset before every notebook.

A kernel that dies or hangs past ``execution_timeout`` is recorded as an error output
on the cell that was running (so papermill raises its usual
``PapermillExecutionError`` naming that cell) and is restarted for the next job.
"""

from __future__ import annotations

import os
from typing import Any

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, NotebookExecutionManager, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

from evidence.batch.kernels import WarmKernel, get_kernel

__all__ = ["ENGINE_NAME", "WarmKernelEngine"]

#: The name under which papermill finds this engine.
ENGINE_NAME = "evidence_warm"


class WarmKernelEngine(Engine):
    """Execute papermill notebooks on a long-lived kernel.

    Extra keyword arguments understood (pass them to ``papermill.execute_notebook``):

    ``warm_kernel``
        The :class:`~evidence.batch.kernels.WarmKernel` to use; by default this
        process's cached kernel for ``kernel_name``.
    ``kernel_cwd``
        Working directory for the notebook's code (default: the current directory,
        as with papermill's own engine).
    """

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: NotebookExecutionManager,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: float = 60,
        execution_timeout: float | None = None,
        warm_kernel: WarmKernel | None = None,
        kernel_cwd: str | os.PathLike[str] | None = None,
        **kwargs: Any,
    ) -> nbformat.NotebookNode:
        """Run the cells of ``nb_man.nb`` on the warm kernel (papermill's engine hook)."""
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        client_kwargs = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        kernel = warm_kernel or get_kernel(kernel_name)
        cwd = os.fspath(kernel_cwd or os.getcwd())
        return kernel.call(cls._execute, kernel, nb_man, cwd, client_kwargs)

    @staticmethod
    def _execute(
        kernel: WarmKernel, nb_man: NotebookExecutionManager, cwd: str, client_kwargs: dict[str, Any]
    ) -> nbformat.NotebookNode:
        # Runs on the kernel's own thread (see WarmKernel.call).
        kernel._reset(cwd)
        client = PapermillNotebookClient(nb_man, km=kernel.km, **client_kwargs)
        client.kc = kernel.kc  # reuse the open channels; nbclient would open new ones
        try:
            return client.execute()
        except (DeadKernelError, CellTimeoutError) as exc:
            _mark_interrupted_cell(nb_man, exc)
            kernel._stop(now=True)  # the next job starts a fresh kernel
            return nb_man.nb


def _mark_interrupted_cell(nb_man: NotebookExecutionManager, exc: BaseException) -> None:
    """Put an error output on the cell that was running when the kernel was lost."""
    started = [
        index
        for index, cell in enumerate(nb_man.nb.cells)
        if cell.get("metadata", {}).get("papermill", {}).get("status") not in (None, "pending")
    ]
    if not started:
        return
    index = started[-1]
    cell = nb_man.nb.cells[index]
    if cell.cell_type == "code":
        cell.outputs.append(
            nbformat.v4.new_output(
                "error", ename=type(exc).__name__, evalue=str(exc).strip(), traceback=[]
            )
        )
    nb_man.cell_exception(cell, cell_index=index, exception=exc)


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
