"""Kernels forked from one warm process: imports paid once per batch, not once per worker.

Every worker of a local batch needs its own kernel, and every new kernel process
imports ipykernel and then the notebook's data stack (pandas, geopandas, folium...):
about three seconds of CPU each, all at the start of the batch, when the workers
compete for the same cores. A :class:`KernelServer` is one process that runs those
imports (the notebook's warm-up code) once and then forks a ready-made kernel for each
worker that asks, in milliseconds. The forked kernels share the imported modules'
memory copy-on-write, and a kernel that died is replaced just as fast.

A forked kernel is an ordinary ipykernel: its own connection file and sockets, its own
session and process group, working directory and environment as the kernel manager
asked. jupyter_client starts it through :class:`ForkedKernelProvisioner`, the kernel
provisioner extension point, so interrupting, restarting and killing work as usual;
a kernel command that the server cannot serve (another interpreter, another kernel)
is launched as a normal process instead. Each kernel exits when the worker that asked
for it exits, and the server kills any kernel still running when it stops; it stops
when its owner closes it or dies.

Protocol: one request per connection on a Unix socket, a JSON line
``{"argv": [...], "cwd": ..., "env": {...}, "owner": pid}``, answered by
``{"pid": N}`` once the kernel process has its own session, or ``{"error": "..."}``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Unicode

__all__ = ["ForkedKernelProvisioner", "KernelServer", "supported"]

#: Seconds a launch request waits for the server (which may still be importing).
REQUEST_TIMEOUT = 120
#: The modules that start an IPython kernel from the command line.
LAUNCHERS = ("ipykernel_launcher", "ipykernel")


def supported() -> bool:
    """Whether kernels are forked here: on Linux only.

    Windows has no ``fork``; on macOS, forking a process that has loaded the system's
    numerical and graphics frameworks can crash the child, so kernels start as usual.
    """
    return sys.platform.startswith("linux") and hasattr(os, "fork") and hasattr(socket, "AF_UNIX")


class KernelServer:
    """Handle on a running kernel server process (see the module docstring).

    Parameters
    ----------
    warmup : str
        Code the server runs once before forking kernels (the notebook's imports).
    folder : path-like, optional
        Where to put the server's socket; a private temporary folder by default.
    cwd : path-like, optional
        Where the warm-up runs (the notebook's folder, so that its local modules import).
    """

    def __init__(
        self,
        warmup: str = "",
        folder: str | os.PathLike[str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ):
        self._own_folder = folder is None
        self.folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="evidence-kernels-"))
        self.address = str(self.folder / "kernels.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # Bound and listening before the server starts: workers can connect at once,
            # and wait in the backlog while the server is still importing.
            listener.bind(self.address)
            listener.listen(64)
            # Run as a script, not `-m evidence.batch.kernel_server`: importing the
            # package would import papermill, which the kernels do not need.
            self.process = subprocess.Popen(
                [sys.executable, os.path.abspath(__file__), str(listener.fileno()), warmup],
                pass_fds=(listener.fileno(),),
                cwd=cwd,
                stdin=subprocess.PIPE,  # closed by close() or by this process dying: the server's cue to stop
                start_new_session=True,  # Ctrl-C in the terminal is for the batch to handle, not the server
            )
        finally:
            listener.close()

    def close(self, timeout: float = 10) -> None:
        """Stop the server; it kills the kernels it forked that are still running."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.address)

    def __enter__(self) -> KernelServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- the client side: a provisioner for jupyter_client -----------------------------------
class ForkedProcess:
    """Enough of :class:`subprocess.Popen` for jupyter_client, for a kernel that is not our child.

    The exit status of another process's child cannot be read, so :meth:`poll` returns
    0 once the kernel has gone (jupyter_client only asks whether it is running).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._fd: int | None = os.pidfd_open(pid)  # exit is seen even before the server reaps it
        except (AttributeError, OSError):
            self._fd = None

    def poll(self) -> int | None:
        if self.returncode is None and not self._running():
            self.returncode = 0
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
        return self.returncode

    def _running(self) -> bool:
        if self._fd is not None:
            return not select.select([self._fd], [], [], 0)[0]
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ("Z", "X")

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
            time.sleep(0.02)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkedKernelProvisioner(LocalProvisioner):
    """Launch ipykernels by asking a :class:`KernelServer` to fork one.

    Everything but the launch (connection files, signals, shutdown) is
    :class:`~jupyter_client.provisioning.LocalProvisioner`'s. Commands the server cannot
    serve, or a server that is gone, fall back to launching a new process.
    """

    server = Unicode("", config=True, help="Address (Unix socket path) of the kernel server.")

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        argv = _ipykernel_argv(cmd)
        if argv is None or not self.server:
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = kwargs.get("env") or dict(os.environ)
        try:
            pid = _request(self.server, {"argv": argv, "cwd": cwd, "env": env, "owner": os.getpid()})
        except (OSError, ValueError, RuntimeError) as exc:
            self.log.warning("Kernel server unavailable (%s); starting a new kernel process.", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid  # the kernel leads its own session and process group
        self.cwd = cwd
        return self.connection_info


def _ipykernel_argv(cmd: list[str]) -> list[str] | None:
    """The IPKernelApp arguments of ``<this python> -m ipykernel_launcher ...``, else None."""
    if len(cmd) < 3 or cmd[1] != "-m" or cmd[2] not in LAUNCHERS:
        return None
    python = shutil.which(cmd[0]) or cmd[0]
    if os.path.realpath(python) != os.path.realpath(sys.executable):
        return None
    return list(cmd[3:])


def _request(address: str, request: dict[str, Any]) -> int:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(REQUEST_TIMEOUT)
        conn.connect(address)
        conn.sendall(json.dumps(request).encode() + b"\n")
        with conn.makefile("rb") as reply_file:
            reply = json.loads(reply_file.readline() or b"{}")
    if "pid" not in reply:
        raise RuntimeError(reply.get("error", "the kernel server closed the connection"))
    return int(reply["pid"])


# -- the server side -----------------------------------------------------------------------
def serve(listener: socket.socket, warmup: str) -> None:
    """Run the warm-up code, then fork a kernel per request until stdin closes."""
    # ipykernel makes the inline backend the default; it must be chosen before the
    # warm-up imports matplotlib, as it would be in a kernel started the usual way.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import ipykernel.kernelapp  # noqa: F401  the kernel machinery itself

    sys.path.insert(0, os.getcwd())  # as in a kernel started in this folder
    try:
        exec(compile(warmup, "<kernel warm-up>", "exec"), {"__name__": "__evidence_warmup__"})
    except Exception:  # noqa: BLE001 - the same import fails again, visibly, in the job
        traceback.print_exc()
    del sys.path[0]  # each kernel puts its own folder there
    gc.collect()
    gc.freeze()  # keep the shared pages shared: the collector never writes to them
    children: set[int] = set()
    control = sys.stdin.fileno()
    try:
        while True:
            ready = select.select([listener, control], [], [], 1.0)[0]
            _reap(children)
            if control in ready and not os.read(control, 4096):
                return  # the owner closed our stdin, or died
            if listener in ready:
                conn, _ = listener.accept()
                with conn:
                    _answer(conn, listener, children)
    finally:
        for pid in children:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        _reap(children)


def _reap(children: set[int]) -> None:
    for pid in list(children):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0]:
                children.discard(pid)


def _answer(conn: socket.socket, listener: socket.socket, children: set[int]) -> None:
    try:
        with conn.makefile("rb") as request_file:
            request = json.loads(request_file.readline())
        if threading.active_count() > 1:  # forking a threaded process is unsafe
            raise RuntimeError("the kernel server has started threads and cannot fork safely")
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_r)
            _become_kernel(request, ready_w, (listener, conn))
        os.close(ready_w)
        os.read(ready_r, 1)  # EOF once the child leads its own session
        os.close(ready_r)
        children.add(pid)
        reply: dict[str, Any] = {"pid": pid}
    except Exception as exc:  # noqa: BLE001 - reported to the worker, which starts a kernel itself
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    with contextlib.suppress(OSError):
        conn.sendall(json.dumps(reply).encode() + b"\n")


def _become_kernel(request: dict[str, Any], ready: int, inherited: tuple[socket.socket, ...]) -> None:
    """In the forked child: become the kernel the request describes; never returns."""
    code = 1
    try:
        os.setsid()
        os.close(ready)
        for sock in inherited:
            sock.close()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # As jupyter_client sets it for the kernels it launches: the process that asked.
        os.environ["JPY_PARENT_PID"] = str(request["owner"])
        sys.path.insert(0, request["cwd"])
        sys.argv = [sys.executable, "-m", "ipykernel_launcher", *request["argv"]]
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if "numpy" in sys.modules:
            # numpy's global generator was seeded in the server; fresh kernels differ.
            sys.modules["numpy"].random.seed()
        _exit_with(int(request["owner"]))
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # Its default was read from the server's environment when ipykernel was imported.
        app.initialize([*request["argv"], f"--IPKernelApp.parent_handle={request['owner']}"])
        backend = sys.modules.get("matplotlib_inline.backend_inline")
        if backend is not None:
            # Imported before this kernel's shell existed: hook it up now.
            backend._enable_matplotlib_integration()
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:  # noqa: BLE001 - report and leave; nothing above us to catch it
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _exit_with(owner: int) -> None:
    """Exit this kernel when ``owner`` (the worker it serves) exits, as ipykernel's parent poller would."""

    def watch() -> None:
        try:
            fd = os.pidfd_open(owner)
        except (AttributeError, OSError):
            fd = None
        while True:
            if fd is not None:
                select.select([fd], [], [])
                break
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                break
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="evidence-owner-watch", daemon=True).start()


def main(argv: list[str]) -> None:
    """``python kernel_server.py LISTENER_FD WARMUP_CODE``, as started by :class:`KernelServer`."""
    fd, warmup = argv[:2]
    with socket.socket(fileno=int(fd)) as listener:
        serve(listener, warmup)


if __name__ == "__main__":  # pragma: no cover - the server process
    # Python put this script's folder first on the path; the kernels get their own.
    del sys.path[0]
    main(sys.argv[1:])
