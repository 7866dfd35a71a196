"""The one way every output is written: to a staging name beside it, then moved into place.

A reader (or a colleague's browser on a shared drive) sees the old file or the new one,
never half of one, and a failed or killed run leaves the previous output untouched:

* :func:`atomic_write` writes bytes (or chunks of bytes) to a file;
* :func:`atomic_file` yields a staging path for a library that writes the file itself
  (Excel, Word, GeoPackage) and moves it into place when the block succeeds;
* :func:`atomic_folder` yields a staging folder to fill, then swaps it in for the old
  folder (the evidence base).

Every output gets the mode a plain ``open()`` or ``mkdir()`` would give it under the
current umask (0644 files and 0755 folders under the usual 022; 0664 and 0775 under 002
for a shared group): ``tempfile.mkstemp`` (0600) and ``mkdtemp`` (0700) are never used
for outputs, so colleagues can open what was written.

Staging names are ``.<name>.<8 random characters>.tmp`` (plus an extension when a
library insists on one): :func:`remove_stale_temp_files` removes only such names,
never a user's file that merely ends in ``.tmp``.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import string
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = [
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "atomic_file",
    "atomic_folder",
    "atomic_write",
    "file_mode",
    "folder_mode",
    "remove_stale_temp_files",
    "staging_path",
]

#: Staging names are ``.<name>.<random>.tmp`` beside their destination.
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
_ALPHABET = string.ascii_lowercase + string.digits
#: The staging names this module (and the batch worker's staged notebooks) use.
_TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}.+\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}(\.[A-Za-z0-9]+)?$")
#: Sidecar files SQLite (GeoPackage) may leave beside a file it wrote.
_SIDECARS = ("-journal", "-wal", "-shm")
_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    with _UMASK_LOCK:  # elsewhere: set and restore at once
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file under the current umask (0644 under 022)."""
    return 0o666 & ~_umask()


def folder_mode() -> int:
    """The mode ``mkdir`` gives a new folder under the current umask (0755 under 022)."""
    return 0o777 & ~_umask()


def staging_path(path: str | os.PathLike[str], suffix: str = "") -> Path:
    """A fresh staging name beside ``path``: ``.<name>.<random>.tmp<suffix>`` (not created)."""
    path = Path(path)
    token = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return path.with_name(f"{TEMP_PREFIX}{path.name}.{token}{TEMP_SUFFIX}{suffix}")


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{s}") for s in _SIDECARS)):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], suffix: str = "") -> Iterator[Path]:
    """Yield a staging path beside ``path`` (not yet created); move it over ``path`` on success.

    Parameters
    ----------
    path : path-like
        The destination; its folder is created if needed.
    suffix : str
        An extension for the staging name, for writers that choose the format by it
        (e.g. ``".xlsx"``).

    The block must create the staging file. On success it gets :func:`file_mode` and
    replaces ``path`` in one rename; on any exception it (and any SQLite sidecar) is
    removed and ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> with atomic_file(target) as staging:
    ...     _ = staging.write_text("a,b\\n")
    >>> target.read_text()
    'a,b\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_path(path, suffix)
    try:
        yield staging
        os.chmod(staging, file_mode())
        os.replace(staging, path)
    except BaseException:
        _remove(staging)
        raise
    finally:
        for sidecar in _SIDECARS:
            with contextlib.suppress(FileNotFoundError):
                Path(f"{staging}{sidecar}").unlink()
    _sync_folder(path.parent)


def atomic_write(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never a mix.

    Parameters
    ----------
    path : path-like
        Destination; its folder is created if needed.
    data : bytes or iterable of bytes
        The content, or chunks of it (an iterable that raises part-way leaves the old
        file untouched and no temporary file behind).

    Returns
    -------
    Path
        The destination path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> atomic_write(target, b"<p>hi</p>").read_bytes()
    b'<p>hi</p>'
    """
    path = Path(path)
    with atomic_file(path) as staging:
        with open(staging, "xb") as handle:
            for chunk in [data] if isinstance(data, (bytes, bytearray)) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    return path


def _set_modes(folder: Path) -> None:
    """Give ``folder`` and everything in it the modes a plain mkdir/open would."""
    files, folders = file_mode(), folder_mode()
    os.chmod(folder, folders)
    for root, dirs, names in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), folders)
        for name in names:
            os.chmod(os.path.join(root, name), files)


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike[str], check: Callable[[], None] | None = None) -> Iterator[Path]:
    """Yield an empty staging folder beside ``path``; swap it in for ``path`` on success.

    The old folder, if any, is moved aside, the staging folder renamed into its place,
    and only then is the old one deleted; if the rename fails the old folder is put
    back. ``check`` (if given) runs just before the swap and may raise to stop it (the
    evidence base checks again that the folder it replaces is one it wrote).
    Everything in the new folder gets the modes of :func:`file_mode` and
    :func:`folder_mode`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "base"
    >>> with atomic_folder(target) as staging:
    ...     _ = (staging / "t.txt").write_text("x")
    >>> sorted(p.name for p in target.iterdir())
    ['t.txt']
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_path(path)
    staging.mkdir(mode=0o777)
    try:
        yield staging
        _set_modes(staging)
        if check is not None:
            check()
        old = None
        if path.exists():
            old = staging_path(path, ".old")
            os.replace(path, old)
        try:
            os.replace(staging, path)
        except BaseException:
            if old is not None:
                os.replace(old, path)  # put the previous folder back
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        _sync_folder(path.parent)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def remove_stale_temp_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete staging files left in ``folder`` by a writer that was killed.

    Only names of this module's pattern are removed; only call this when no other run
    writes to the same folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    stale = [p for p in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}*") if p.is_file() and _TEMP_NAME.match(p.name)]
    for p in stale:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    return stale
