"""The corpus of broken projects: copies of the demo, each with one mistake a user makes.

Each :class:`Case` names how it breaks a fresh copy of ``data/`` and what the report of
the first command that reads the input (``validate`` unless said otherwise) must say: the
file, the place (row, line, area or setting), the column where there is one, the problem
and the fix. :func:`check` runs the real command line in this process, so an exception
that is not an ``EvidenceError`` fails the case as the traceback a user would have seen,
and it checks that no file the user had was changed, moved or removed.

The corpus is split by topic over ``tests/test_corpus_*.py``; each module defines
``CASES`` and calls :func:`check`. ``tests/test_corpus_count.py`` counts the kinds.

Helpers for breaking a copy (``edit_yaml``, ``edit_csv``, ``replace_text``) keep each
case to a line or two.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

DEMO = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Case:
    """One kind of broken input and what its report must say.

    ``file``, ``place``, ``column``, ``says`` and ``fix`` are substrings the command's
    output must contain (``column`` as printed, ``column 'x'``); ``None`` skips that
    check (only where the problem really has no such part, e.g. a whole file).
    """

    kind: str
    breaks: Callable[[Path], None]
    file: str
    says: str
    fix: str
    place: str | None = None
    column: str | None = None
    command: str = "validate"
    exit_code: int = 1
    args: tuple[str, ...] = ()  # the command's options after the project (``("--area", "E05999091")``)

    def __str__(self) -> str:  # the pytest id
        return self.kind


def demo_copy(root: Path) -> Path:
    """A fresh copy of the demo project (without any built evidence base) under ``root``."""
    target = root / "project"
    shutil.copytree(DEMO, target, ignore=shutil.ignore_patterns(".evidence", "README.md"))
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder`` (relative path -> digest), outputs excluded."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith((".evidence/", "areaprofiles/")):
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def run_cli(*argv: str) -> tuple[int, str]:
    """Run ``evidence ARGV`` in this process; return the exit code and everything printed."""
    from evidence.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


def check(case: Case, tmp_path: Path) -> str:
    """Break a demo copy as ``case`` says, run its command and check the report; return it."""
    project = demo_copy(tmp_path)
    case.breaks(project)
    before = snapshot(project)
    code, output = run_cli(case.command, str(project), *case.args)
    assert "Traceback" not in output, output
    assert code == case.exit_code, f"exit {code}, expected {case.exit_code}:\n{output}"
    lowered = output.lower()
    for part, label in ((case.file, "file"), (case.says, "problem"), (case.fix, "fix"), (case.place, "place")):
        if part is not None:
            assert part.lower() in lowered, f"the {label} {part!r} is not in the report:\n{output}"
    if case.column is not None:
        assert f"column '{case.column}'".lower() in lowered, f"column {case.column!r} not in:\n{output}"
    after = snapshot(project)
    changed = sorted(k for k in before if after.get(k) != before[k])
    assert not changed, f"the command changed or removed the user's files {changed}"
    if case.command == "validate":
        assert after == before, f"validate wrote files: {sorted(set(after) - set(before))}"
    return output


# Helpers to break a copy -------------------------------------------------------------------


def edit_yaml(name: str, func: Callable[[dict], object]) -> Callable[[Path], None]:
    """A breaker that loads ``name`` (YAML), lets ``func`` change the mapping, writes it back."""

    def breaks(project: Path) -> None:
        path = project / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        func(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    return breaks


def set_setting(dotted: str, value: object, name: str = "evidence.yml") -> Callable[[Path], None]:
    """A breaker that sets one dotted setting (``gaps.max_missing_share``) in a YAML file."""

    def func(data: dict) -> None:
        *parents, last = dotted.split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value

    return edit_yaml(name, func)


def edit_csv(name: str, func: Callable[[pd.DataFrame], pd.DataFrame | None]) -> Callable[[Path], None]:
    """A breaker that reads ``name`` as text cells, lets ``func`` change it, writes it back."""

    def breaks(project: Path) -> None:
        path = project / name
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        result = func(frame)
        (frame if result is None else result).to_csv(path, index=False)

    return breaks


def replace_text(name: str, old: str, new: str, *, count: int = 1, regex: bool = False) -> Callable[[Path], None]:
    """A breaker that replaces text in ``name`` (``count`` times; 0 for every occurrence)."""

    def breaks(project: Path) -> None:
        path = project / name
        text = path.read_text(encoding="utf-8")
        if regex:
            changed, n = re.subn(old, new, text, count=count)
        else:
            n = text.count(old) if count == 0 else min(text.count(old), count)
            changed = text.replace(old, new, n if count else -1)
        assert n, f"{old!r} not found in {name}: the case no longer breaks anything"
        path.write_text(changed, encoding="utf-8")

    return breaks


def both(*breakers: Callable[[Path], None]) -> Callable[[Path], None]:
    """A breaker that applies several breakers in turn."""

    def breaks(project: Path) -> None:
        for breaker in breakers:
            breaker(project)

    return breaks
