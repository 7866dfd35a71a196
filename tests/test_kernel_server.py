"""The kernel server: real ipykernels forked from one warm process (no mocks).

Each test starts a real :class:`KernelServer` and real kernels through jupyter_client,
and checks what a notebook author would notice: the kernel is an ordinary one (its own
folder on the path, its own process group, inline matplotlib, its own random numbers),
imports are paid in the server, dead kernels come back, and nothing outlives its owner.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from evidence.batch import Job, run_batch
from evidence.batch.kernel_server import KernelServer, _ipykernel_argv
from evidence.batch.kernels import WarmKernel
from processes import alive, wait_dead

pytestmark = pytest.mark.slow

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

#: Imported by the warm-up: records which process imported it.
MODULE = "import os\nimported_in = os.getpid()\n"


@contextlib.contextmanager
def forked_kernel(folder: Path, warmup: str = "") -> Iterator[tuple[KernelServer, WarmKernel]]:
    """A kernel server and one kernel started from it; the kernel, then the server, stopped after."""
    with KernelServer(warmup, cwd=folder) as server:
        kernel = WarmKernel(server=server.address, runtime_dir=folder)
        try:
            kernel.start(folder)
            yield server, kernel
        finally:
            kernel.shutdown()


def value(kernel: WarmKernel, expression: str) -> str:
    """Evaluate ``expression`` in the kernel and return its repr."""
    return kernel.call(lambda: kernel._run(_evaluate(kernel, expression)))


async def _evaluate(kernel: WarmKernel, expression: str) -> str:
    msg_id = kernel.kc.execute("", silent=True, user_expressions={"v": expression})
    while True:
        msg = await kernel.kc.get_shell_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id:
            result = msg["content"]["user_expressions"]["v"]
            assert result["status"] == "ok", result
            return result["data"]["text/plain"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "warm_mod.py").write_text(MODULE)
    return tmp_path


def test_forked_kernel_is_an_ordinary_kernel_with_the_imports_done(folder):
    server = KernelServer("import warm_mod\nimport numpy", cwd=folder)
    kernels = [WarmKernel(server=server.address, runtime_dir=folder) for _ in range(2)]
    try:
        for kernel in kernels:
            kernel.start(folder)
            kernel.call(kernel._execute, "import os, sys")
        a, b = kernels
        assert a.pid != b.pid
        for kernel in kernels:
            # Forked by the server, which imported the module before the kernel existed...
            assert int(value(kernel, "os.getppid()")) == server.process.pid
            assert int(value(kernel, "__import__('warm_mod').imported_in")) == server.process.pid
            # ...yet a normal kernel: own process group, own folder first on the path, our
            # worker named as its parent as jupyter_client does, the same interpreter.
            assert int(value(kernel, "os.getpgid(0)")) == kernel.pid
            assert value(kernel, "sys.path[0]") == repr(str(folder))
            assert value(kernel, "os.getcwd()") == repr(str(folder))
            assert int(value(kernel, "int(os.environ['JPY_PARENT_PID'])")) == os.getpid()
            assert value(kernel, "sys.executable") == repr(sys.executable)
        # numpy's global generator is reseeded in each kernel, as in a fresh process.
        draws = {value(k, "__import__('numpy').random.randint(1 << 30)") for k in kernels}
        assert len(draws) == 2
    finally:
        for kernel in kernels:
            kernel.shutdown()
        server.close()
    assert not wait_dead({k for k in (a.pid, b.pid) if k} | {server.process.pid})


def test_inline_matplotlib_in_a_forked_kernel(folder):
    """pyplot imported by the server's warm-up still draws inline in every kernel."""
    with forked_kernel(folder, "import matplotlib.pyplot") as (_, kernel):
        code = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()"
        outputs = kernel.call(lambda: kernel._run(_outputs(kernel, code)))
        assert any("image/png" in o.get("data", {}) for o in outputs), outputs


async def _outputs(kernel: WarmKernel, code: str) -> list[dict]:
    msg_id = kernel.kc.execute(code)
    outputs = []
    while True:
        msg = await kernel.kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("display_data", "execute_result", "error"):
            outputs.append(msg["content"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs


def test_dead_kernel_is_forked_again(folder):
    with forked_kernel(folder, "import warm_mod") as (server, kernel):
        first = kernel.pid
        os.kill(first, signal.SIGKILL)
        started = time.perf_counter()
        kernel.reset(folder)  # notices the death and starts a new kernel
        assert kernel.pid != first and kernel.starts == 2
        assert int(value(kernel, "__import__('os').getppid()")) == server.process.pid
        assert time.perf_counter() - started < 20
    assert not wait_dead({first, kernel.pid or 0} - {0})


def test_kernel_exits_with_the_worker_that_asked_for_it(folder):
    """A worker killed outright leaves no kernel behind, even though the server lives on."""
    script = (
        "import sys, time\n"
        "from evidence.batch.kernels import WarmKernel\n"
        f"k = WarmKernel(server=sys.argv[1], runtime_dir={str(folder)!r})\n"
        f"k.start({str(folder)!r})\n"
        "print(k.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    with KernelServer("", cwd=folder) as server:
        with subprocess.Popen([sys.executable, "-c", script, server.address], stdout=subprocess.PIPE,
                              text=True) as worker:  # closes the pipe when done
            try:
                kernel_pid = int(worker.stdout.readline())
                assert alive(kernel_pid)
            finally:
                worker.kill()
                worker.wait()
        assert not wait_dead({kernel_pid}), "kernel outlived its worker"
        assert server.process.poll() is None


def test_closing_the_server_kills_its_kernels_and_a_gone_server_means_a_normal_kernel(folder):
    with forked_kernel(folder) as (server, kernel):
        forked = kernel.pid
        server.close()
        assert not wait_dead({forked, server.process.pid})
        # With the server gone the next kernel is launched the usual way (our own child).
        kernel.reset(folder)
        assert kernel.pid != forked
        assert int(value(kernel, "__import__('os').getppid()")) == os.getpid()


def test_only_this_interpreters_ipykernel_is_forked():
    assert _ipykernel_argv([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"]) == ["-f", "c.json"]
    assert _ipykernel_argv([sys.executable, "-m", "other_kernel", "-f", "c.json"]) is None
    assert _ipykernel_argv(["/usr/bin/env", "-m", "ipykernel_launcher"]) is None
    assert _ipykernel_argv(["R", "--slave", "-e", "IRkernel::main()"]) is None


def test_batch_kernels_come_from_one_server(tmp_path):
    """Two workers, two kernels, one set of imports: the warm-up ran in the server."""
    (tmp_path / "warm_mod.py").write_text(MODULE)
    nb = new_notebook(cells=[
        new_code_cell("import os\nimport warm_mod"),
        new_code_cell("area = 'none'", metadata={"tags": ["parameters"]}),
        new_code_cell("print(f'KERNEL={os.getpid()} PARENT={os.getppid()} IMPORTED={warm_mod.imported_in}')"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = tmp_path / "nb.ipynb"
    nbformat.write(nb, notebook)
    result = run_batch(notebook, [Job(k, {"area": k}, group="ward") for k in ("E1", "E2", "E3", "E4")],
                       output_root=tmp_path / "out", workers=2, progress=False)
    assert result.ok, result.failures
    seen = set()
    for page in (tmp_path / "out" / "ward").glob("*.html"):
        kernel, parent, imported = map(int, re.search(r"KERNEL=(\d+) PARENT=(\d+) IMPORTED=(\d+)",
                                                      page.read_text()).groups())
        seen.add((kernel, parent, imported))
    kernels = {k for k, _, _ in seen}
    servers = {p for _, p, _ in seen}
    assert len(kernels) == 2 and len(servers) == 1
    assert {i for _, _, i in seen} == servers  # imported once, in the server
    assert not wait_dead(kernels | servers), "kernels or server left running"
