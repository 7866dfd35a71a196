"""``make lab`` boots a real JupyterLab that serves explore.ipynb and runs it on its kernel.

The server is started the way the README says (``make lab``, with the venv running the
tests as the Makefile's venv), on loopback, on a free port, with a token and no browser,
its settings, workspaces and runtime files in a temporary folder. Through its REST API
the test fetches the notebook (contents), starts a session (a kernel for the notebook),
and runs every cell over the kernel's websocket, as the JupyterLab front end does, with
the demo project as the parameter; then checks the outputs as the nbclient test does
(a map, a spine chart, a comparison table, no error), and that the kernel draws tqdm.auto's
notebook progress bar, also for a batch of profiles run from Python (``run_profiles``). The server's whole process group is ended at the end.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import websocket

from explore_run import NOTEBOOK, REPO, check_outputs, parameterised
from processes import wait_dead

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab server and a few REST calls to it."""

    def __init__(self, port: int, token: str, process: subprocess.Popen):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token
        self.process = process

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def json(self, method: str, path: str, body: dict | None = None):
        status, data = self.call(method, path, body)
        assert 200 <= status < 300, (status, data[:500])
        return json.loads(data)


@pytest.fixture
def lab(tmp_path):
    port, token = _free_port(), secrets.token_hex(16)
    home = tmp_path / "jupyter"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    args = " ".join([f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
                     f"--IdentityProvider.token={token}", "--no-browser", "--ServerApp.open_browser=False",
                     f"--LabApp.workspaces_dir={home / 'workspaces'}",
                     f"--LabApp.user_settings_dir={home / 'settings'}"])  # as root, make lab allows it itself
    venv = Path(sys.prefix)
    log = (tmp_path / "lab.log").open("wb")
    process = subprocess.Popen(["make", "--no-print-directory", "-o", str(venv / ".installed-stamp"), "lab",
                                f"VENV={venv}", f"LAB_ARGS={args}"],
                               cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = Lab(port, token, process)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (tmp_path / "lab.log").read_text(errors="replace")[-3000:]
            try:
                if server.call("GET", "/api/status")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "JupyterLab did not start in 120 s"
            time.sleep(0.5)
        yield server
    finally:
        pids = _group(process.pid)
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()
        left = wait_dead(pids, 20)
        assert not left, f"still running after the server was stopped: {left}"


def _group(pgid: int) -> set[int]:
    """The processes of process group ``pgid`` (from ``/proc``): make, the server, its kernels."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:  # after the state and the parent: the process group
            found.add(int(stat.parent.name))
    return found


def _signal_group(pgid: int, sig: int) -> None:
    """Signal the server's process group (make, JupyterLab, its kernels), if any of it is left."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def _message(session: str, code: str) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "username": "test", "session": session,
                       "msg_type": "execute_request", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}


def _run_cell(ws: websocket.WebSocket, session: str, code: str, timeout: float = 180) -> list[dict]:
    """Execute ``code`` on the kernel and return its outputs in nbformat's shape."""
    message = _message(session, code)
    ws.send(json.dumps(message))
    outputs, idle, replied = [], False, False
    deadline = time.monotonic() + timeout
    while not (idle and replied):
        assert time.monotonic() < deadline, f"cell did not finish: {code!r}"
        reply = json.loads(ws.recv())
        if reply.get("parent_header", {}).get("msg_id") != message["header"]["msg_id"]:
            continue
        kind, content = reply["msg_type"], reply["content"]
        if reply["channel"] == "shell" and kind == "execute_reply":
            replied = True
        elif kind == "status" and content["execution_state"] == "idle":
            idle = True
        elif kind == "stream":
            outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
        elif kind in ("display_data", "execute_result"):
            outputs.append({"output_type": kind, "data": content["data"]})
        elif kind == "error":
            outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"]})
    return outputs


def test_make_lab_serves_explore_and_runs_it_on_its_kernel(lab, demo_project, tmp_path):
    status, page = lab.call("GET", "/lab")
    assert status == 200 and b"JupyterLab" in page
    served = lab.json("GET", "/api/contents/explore.ipynb?content=1")
    assert served["type"] == "notebook"
    assert served["content"]["cells"][1]["source"] == "".join(json.loads(NOTEBOOK.read_text())["cells"][1]["source"])
    session = lab.json("POST", "/api/sessions", {"path": "explore.ipynb", "type": "notebook", "name": "explore.ipynb",
                                                 "kernel": {"name": "python3"}})
    kernel = session["kernel"]["id"]
    ws = websocket.create_connection(
        lab.base.replace("http", "ws") + f"/api/kernels/{kernel}/channels?session_id={session['id']}",
        header=[f"Authorization: token {lab.token}"], timeout=180)
    try:
        cells = [(c.source, _run_cell(ws, session["id"], c.source))
                 for c in parameterised(demo_project).cells if c.cell_type == "code"]
        check_outputs(cells)
        bar = _run_cell(ws, session["id"], "from evidence.display import progress_bar\n"
                                             "bar = progress_bar(total=2, desc='x'); bar.update(2); bar.close()")
        assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in bar), bar
        batch = _run_cell(ws, session["id"], "from evidence.profiles import run_profiles\n"
                                               f"result = run_profiles({str(demo_project)!r}, areas=['E05999001'], "
                                               f"output={str(tmp_path / 'out')!r}, workers=1)\n"
                                               "[o.key for o in result.batch.successes], result.batch.failures")
        assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in batch), batch
        assert any(o.get("data", {}).get("text/plain") == "(['E05999001'], [])" for o in batch), batch
        assert (tmp_path / "out" / "ward" / "E05999001.html").is_file()
    finally:
        ws.close()
    assert lab.call("DELETE", f"/api/sessions/{session['id']}")[0] == 204
    assert lab.json("GET", "/api/kernels") == []
