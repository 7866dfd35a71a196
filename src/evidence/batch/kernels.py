"""Warm Jupyter kernels: one long-lived kernel per worker process.

Starting a kernel and importing pandas, geopandas and friends costs a second or
more; running a profile notebook on a warm kernel costs a fraction of that. A
:class:`WarmKernel` starts one ipykernel, runs the notebook's imports once, and
between jobs wipes the user namespace with ``InteractiveShell.reset`` (which keeps
``sys.modules``, so re-running ``import pandas`` is a dictionary lookup). One job
therefore cannot see the variables of the previous one, but imports stay paid.

All traffic with the kernel goes through one private thread that owns an asyncio
event loop: jupyter_client's async sockets are bound to the loop that made them,
and the thread also serialises jobs when a Dask worker runs several threads.

The process-wide cache (:func:`get_kernel`, :func:`shutdown_kernels`) is what the
pool initialiser, the papermill engine and the Dask task share.
"""

from __future__ import annotations

import ast
import asyncio
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import nbformat
import zmq
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import DeadKernelError

from evidence.batch.kernel_server import ForkedKernelProvisioner

__all__ = ["WarmKernel", "configure", "get_kernel", "import_code", "shutdown_kernels"]

T = TypeVar("T")

#: Code run before every job: wipe the user namespace (keeping ``sys.modules``),
#: restart execution counts at 1, close figures left open, and move to ``cwd``.
#: Finally ``gc.freeze()`` moves every object still alive (modules, the evidence base
#: cached by ``evidence.load``) out of the collector's sight: ``reset`` runs a full
#: ``gc.collect()``, which otherwise walks the whole data stack before every job (about
#: 0.15 s each). Objects a job creates are collected as usual.
RESET_CODE = """\
get_ipython().reset(new_session=True, aggressive=False)
import gc as _evidence_gc, os as _evidence_os, sys as _evidence_sys
_evidence_os.chdir({cwd!r})
if "matplotlib.pyplot" in _evidence_sys.modules:
    _evidence_sys.modules["matplotlib.pyplot"].close("all")
_evidence_gc.freeze()
del _evidence_gc, _evidence_os, _evidence_sys
"""


def import_code(notebook: str | os.PathLike[str]) -> str:
    """Return the top-level import statements of a notebook's code cells.

    Running these once when a kernel starts is what makes later jobs cheap. Cells
    that do not parse as Python (magics, shell escapes) are scanned line by line.

    Examples
    --------
    >>> import nbformat, tempfile, pathlib
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\\nx = 1")])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> nbformat.write(nb, path)
    >>> import_code(path)
    'import os'
    """
    nb = nbformat.read(Path(notebook), as_version=4)
    lines: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            lines += [
                line.strip()
                for line in cell.source.splitlines()
                if line.startswith(("import ", "from ")) and not line.rstrip().endswith(("(", "\\"))
            ]
            continue
        lines += [
            ast.get_source_segment(cell.source, node) or ""
            for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom))
        ]
    return "\n".join(dict.fromkeys(line for line in lines if line))


class WarmKernel:
    """One ipykernel kept running for many notebooks.

    Parameters
    ----------
    kernel_name : str
        Kernelspec name (``python3`` is the virtualenv's own ipykernel).
    warmup : str
        Code run once after every (re)start, normally :func:`import_code`.
    startup_timeout : float
        Seconds to wait for the kernel to answer after it is launched.
    runtime_dir : path-like, optional
        Folder for the kernel's socket files (a new temporary folder by default).
    server : str, optional
        Address of a :class:`~evidence.batch.kernel_server.KernelServer` to fork the
        kernel from, instead of starting a new process.
    """

    def __init__(
        self,
        kernel_name: str = "python3",
        warmup: str = "",
        startup_timeout: float = 60,
        *,
        runtime_dir: str | os.PathLike[str] | None = None,
        server: str | None = None,
    ):
        self.kernel_name = kernel_name
        self.warmup = warmup
        self.startup_timeout = startup_timeout
        self.runtime_dir = runtime_dir
        self.server = server
        self.km: AsyncKernelManager | None = None
        self.kc: Any = None
        self.starts = 0
        self._ipc_dir: Path | None = None
        self._thread_id: int | None = None
        self._executor = ThreadPoolExecutor(1, "evidence-kernel", initializer=self._init_thread)

    # -- the kernel thread -------------------------------------------------------
    def _init_thread(self) -> None:
        self._thread_id = threading.get_ident()
        asyncio.set_event_loop(asyncio.new_event_loop())

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` on the kernel's own thread and return its result."""
        if threading.get_ident() == self._thread_id:
            return fn(*args, **kwargs)
        return self._executor.submit(fn, *args, **kwargs).result()

    def _run(self, coro: Any) -> Any:
        return asyncio.get_event_loop().run_until_complete(coro)

    def _transport(self) -> dict[str, str]:
        """Unix sockets in a private folder where available, else TCP on loopback.

        With TCP, each worker picks five free ports and the kernel binds them a moment
        later; two kernels starting at once can pick the same port ("Address already in
        use"). Socket files in a folder of this kernel's own cannot collide, and only
        this user can open them.
        """
        if os.name != "posix":
            return {}
        if self._ipc_dir is None:
            # Short names: a Unix socket's path is limited to about 100 bytes.
            prefix = "k" if self.runtime_dir else "evidence-kernel-"
            self._ipc_dir = Path(tempfile.mkdtemp(prefix=prefix, dir=self.runtime_dir))
        return {"transport": "ipc", "ip": str(self._ipc_dir / "k")}

    # -- lifecycle ---------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        """Process id of the running kernel, or ``None``."""
        provisioner = getattr(self.km, "provisioner", None)
        return getattr(provisioner, "pid", None)

    def start(self, cwd: str | os.PathLike[str] | None = None) -> WarmKernel:
        """Start the kernel (if not running) and run the warm-up code."""
        return self.call(self._start, cwd)

    def _start(self, cwd: Any) -> WarmKernel:
        if self.km is not None and self._run(self.km.is_alive()):
            return self
        self._stop(now=True)
        km = AsyncKernelManager(kernel_name=self.kernel_name, **self._transport())
        if km.transport == "tcp" and zmq.has("curve"):
            # Encrypt kernel traffic (ipykernel warns about plain TCP otherwise).
            km.curve_publickey, km.curve_secretkey = zmq.curve_keypair()
        if self.server:
            km.kernel_id = str(uuid.uuid4())
            km.provisioner = ForkedKernelProvisioner(
                kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km, server=self.server
            )
        self._run(
            km.start_kernel(
                cwd=str(cwd or os.getcwd()),
                # nbclient does the same: kernels sharing one sqlite history file
                # lock each other out.
                extra_arguments=["--HistoryManager.hist_file=:memory:"],
            )
        )
        kc = km.client()
        kc.start_channels()
        try:
            self._run(kc.wait_for_ready(timeout=self.startup_timeout))
        except Exception:
            kc.stop_channels()
            self._run(km.shutdown_kernel(now=True))
            raise
        kc.allow_stdin = False
        self.km, self.kc = km, kc
        self.starts += 1
        if self.warmup:
            # An import that fails here fails again, visibly, in the job itself.
            self._execute(self.warmup)
        return self

    def _execute(self, code: str, silent: bool = True, timeout: float = 60) -> dict[str, Any]:
        """Run ``code`` and return the reply content; notice within a second if the kernel dies."""
        return self._run(self._request(code, silent, timeout))

    async def _request(self, code: str, silent: bool, timeout: float) -> dict[str, Any]:
        msg_id = self.kc.execute(code, silent=silent, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = await self.kc.get_shell_msg(timeout=1)
            except queue.Empty:
                if not await self.km.is_alive():
                    raise DeadKernelError("the kernel died") from None
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the kernel did not answer within {timeout} s") from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]

    def reset(self, cwd: str | os.PathLike[str]) -> None:
        """Forget every user variable and change to ``cwd``; restart a dead kernel."""
        self.call(self._reset, cwd)

    def _reset(self, cwd: Any) -> None:
        code = RESET_CODE.format(cwd=str(cwd))
        self._start(cwd)
        try:
            content = self._execute(code)
        except (DeadKernelError, TimeoutError):
            # Died (or hung) between jobs: start afresh and try once more.
            self._stop(now=True)
            self._start(cwd)
            content = self._execute(code)
        if content.get("status") != "ok":
            raise RuntimeError(f"resetting the kernel failed: {content.get('evalue')}")

    def restart(self, cwd: str | os.PathLike[str] | None = None) -> None:
        """Stop the kernel hard and start a fresh one (after it died or hung)."""
        self.call(lambda: (self._stop(now=True), self._start(cwd)))

    def is_alive(self) -> bool:
        """Whether the kernel process is running."""
        return self.km is not None and bool(self.call(lambda: self._run(self.km.is_alive())))

    def _stop(self, now: bool = False) -> None:
        km, kc, self.km, self.kc = self.km, self.kc, None, None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            try:
                if self._run(km.is_alive()):
                    self._run(km.shutdown_kernel(now=now))
            finally:
                self._run(km.cleanup_resources())

    def _close(self) -> None:
        """Stop the kernel, then close this thread's event loop (and its self-pipe sockets)."""
        try:
            self._stop(now=True)
        finally:
            asyncio.get_event_loop().close()
            asyncio.set_event_loop(None)

    def shutdown(self, timeout: float = 10) -> None:
        """Shut the kernel down and release its thread.

        If the kernel thread is still busy (say, after Ctrl-C in the main thread) the
        kernel's process group is killed first, so no orphan kernel survives.
        """
        pid = self.pid
        # now=True: the kernel holds nothing worth a graceful exit at the end of a batch,
        # and the polite shutdown request costs about a second per kernel.
        future = self._executor.submit(self._close)
        try:
            future.result(timeout=timeout)
        except Exception:
            if pid is not None:
                try:
                    os.killpg(os.getpgid(pid), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                future.result(timeout=timeout)
            except Exception:  # the process is gone; nothing more to release
                pass
        self._executor.shutdown(wait=False)
        if self._ipc_dir is not None:
            shutil.rmtree(self._ipc_dir, ignore_errors=True)


_KERNELS: dict[str, WarmKernel] = {}
_LOCK = threading.Lock()
#: Keyword arguments for the kernels :func:`get_kernel` creates (see :func:`configure`).
_OPTIONS: dict[str, Any] = {}


def configure(*, runtime_dir: str | os.PathLike[str] | None = None, server: str | None = None) -> None:
    """Set where this process's kernels keep their sockets and which kernel server forks them.

    Called by a pool worker before its first kernel; kernels created later by
    :func:`get_kernel` (after a crash, say) use the same settings.
    """
    _OPTIONS.update(runtime_dir=runtime_dir, server=server)


def get_kernel(
    kernel_name: str = "python3", warmup: str = "", cwd: str | os.PathLike[str] | None = None
) -> WarmKernel:
    """Return this process's warm kernel for ``kernel_name``, starting it if needed.

    The ``warmup`` code is used only when the kernel is first created.
    """
    with _LOCK:
        kernel = _KERNELS.get(kernel_name)
        if kernel is None:
            kernel = _KERNELS[kernel_name] = WarmKernel(kernel_name, warmup, **_OPTIONS)
    kernel.start(cwd)
    return kernel


def shutdown_kernels() -> None:
    """Shut down every warm kernel this process started (idempotent)."""
    with _LOCK:
        kernels = list(_KERNELS.values())
        _KERNELS.clear()
    for kernel in kernels:
        kernel.shutdown()
