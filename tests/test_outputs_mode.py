"""Every output honours the umask: colleagues on a shared drive can open what was written.

The commands run in a child process started under umask 022, so its kernels and workers
inherit that umask whatever the test session's is; every file that ``build``,
``profiles``, ``gaps`` and ``plan`` write must then be 0644 and every folder 0755 (before
``evidence.io.atomic`` the evidence base folder was 0700 and the gap and plan exports
0600). The writers themselves are checked under other umasks too, so a hard-coded 0644
cannot pass.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from evidence.io.atomic import atomic_file, atomic_folder, atomic_write

RUN_UNDER_022 = "import os, sys; os.umask(0o022); from evidence.cli import main; sys.exit(main(sys.argv[1:]))"


def _modes(*roots: Path) -> dict[str, str]:
    """Path -> octal mode of every file and folder under ``roots`` (the roots included)."""
    found = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            found[str(path)] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


@pytest.mark.slow
def test_every_output_of_the_demo_is_0644_or_0755_under_umask_022(demo_project, tmp_path):
    project = tmp_path / "demo"
    shutil.copytree(demo_project, project, ignore=shutil.ignore_patterns(".evidence"))
    output = tmp_path / "areaprofiles"
    for args in (["build", project], ["profiles", project, "--areas", "E05999001", "E05999017", "--workers", "1",
                                      "--quiet", "--output", output],
                 ["gaps", project, "--output", output], ["plan", project, "--output", output]):
        done = subprocess.run([sys.executable, "-c", RUN_UNDER_022, *map(str, args)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    base = project / ".evidence"
    modes = _modes(base, output)
    assert any(p.endswith(".parquet") for p in modes) and any(p.endswith(".gpkg") for p in modes)
    assert any(p.endswith(".xlsx") for p in modes) and any(p.endswith(".docx") for p in modes)
    wrong = {p: m for p, m in modes.items() if m != ("0o755" if Path(p).is_dir() else "0o644")}
    assert not wrong, wrong


@pytest.mark.parametrize("umask, file_mode, folder_mode", [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750),
                                                           (0o002, 0o664, 0o775)], ids=["022", "027", "002"])
def test_the_atomic_writers_give_the_modes_of_a_plain_open_and_mkdir(tmp_path, umask, file_mode, folder_mode):
    old = os.umask(umask)
    try:
        written = atomic_write(tmp_path / "page.html", b"<p>hi</p>")
        with atomic_file(tmp_path / "book.xlsx", ".xlsx") as staging:
            staging.write_bytes(b"PK")
            os.chmod(staging, 0o600)  # as a library using mkstemp would leave it
        with atomic_folder(tmp_path / "base") as folder:
            (folder / "values.parquet").write_bytes(b"PAR1")
            (folder / "sub").mkdir(mode=0o700)
        (tmp_path / "plain").write_bytes(b"")
        (tmp_path / "plain_folder").mkdir()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plain").stat().st_mode) == file_mode  # what open() gives: the reference
    assert stat.S_IMODE((tmp_path / "plain_folder").stat().st_mode) == folder_mode
    for path in (written, tmp_path / "book.xlsx", tmp_path / "base" / "values.parquet"):
        assert stat.S_IMODE(path.stat().st_mode) == file_mode, path
    for path in (tmp_path / "base", tmp_path / "base" / "sub"):
        assert stat.S_IMODE(path.stat().st_mode) == folder_mode, path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base", "book.xlsx", "page.html", "plain", "plain_folder"]


def test_a_failed_write_leaves_the_old_file_and_no_staging_file(tmp_path):
    target = atomic_write(tmp_path / "plan.xlsx", b"old")
    with pytest.raises(RuntimeError), atomic_file(target, ".xlsx") as staging:
        staging.write_bytes(b"half")
        Path(f"{staging}-journal").write_bytes(b"")  # SQLite's sidecar, as a GeoPackage writer leaves
        raise RuntimeError("the writer failed")
    with pytest.raises(RuntimeError), atomic_folder(tmp_path / "base") as folder:
        (folder / "t.parquet").write_bytes(b"half")
        raise RuntimeError("the build failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]
