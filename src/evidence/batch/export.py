"""Executed notebook -> self-contained HTML, written atomically.

The HTML shows outputs only: no code, no ``In [1]:`` prompts. The template is
nbconvert's ``lab`` by default; pass a name nbconvert knows or the path of a
template folder (such as the project's own under ``src/evidence/templates/``).

Nothing is ever half-written: :func:`atomic_write` writes a temporary file in the
destination folder, flushes and fsyncs it, and only then renames it over the old
file with ``os.replace``. An exception (or a killed process) before the rename
leaves the previous file byte-identical.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

__all__ = [
    "DEFAULT_TEMPLATE",
    "TEMP_PREFIX",
    "atomic_write",
    "export_html",
    "get_exporter",
    "remove_stale_temp_files",
    "template_files",
]

#: nbconvert's template used until the project's own template is given.
DEFAULT_TEMPLATE = "lab"
#: Temporary files are named ``.<name>.<random>.tmp`` next to their destination
#: (staged notebooks ``.<key>.<random>.tmp.ipynb``).
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"

#: The names :func:`atomic_write` and the worker's staged notebooks use (an 8-character
#: random part, from ``mkstemp`` or a uuid): only such files are ever cleaned up, never
#: a file of the user's that merely ends in ``.tmp``.
_TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}.+\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}(\.ipynb)?$")

_LOCK = threading.Lock()


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in [data] if isinstance(data, (bytes, bytearray)) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files; profiles are meant to be read
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    # Make the rename itself durable.
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return path


def remove_stale_temp_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete temporary files left in ``folder`` by a writer that was killed.

    Only call this when no other batch writes to the same folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    stale = [p for p in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}*") if p.is_file() and _TEMP_NAME.match(p.name)]
    for p in stale:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    return stale


def _template_location(template: str | os.PathLike[str] | None) -> tuple[str, list[str]]:
    """Return (template_name, extra_template_basedirs) for a name or a folder path."""
    if template is None:
        return DEFAULT_TEMPLATE, []
    path = Path(template)
    if path.is_dir():
        return path.name, [str(path.parent.resolve())]
    return str(template), []


@functools.lru_cache(maxsize=8)
def get_exporter(template: str | None = None) -> HTMLExporter:
    """Return this process's HTML exporter for ``template`` (built once, then reused).

    Parameters
    ----------
    template : str, optional
        A template name nbconvert knows (``"lab"``, ``"classic"``...) or the path of a
        template folder; ``None`` means :data:`DEFAULT_TEMPLATE`.
    """
    name, extra_dirs = _template_location(template)
    from evidence.render.notebook_export import exporter, template_dir

    if name == "evidence" and extra_dirs in ([], [str(template_dir().resolve())]):
        # The project's own template: use the exporter configured for it (cells tagged
        # remove-cell dropped, the title taken from the page's h1, Leaflet inlined once).
        return exporter()
    return HTMLExporter(
        template_name=name,
        extra_template_basedirs=extra_dirs,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def template_files(template: str | os.PathLike[str] | None = None) -> list[Path]:
    """List the files of the template and of the templates it extends, sorted.

    These are what an output's fingerprint covers: editing the project's template
    rebuilds every profile.
    """
    exporter = get_exporter(None if template is None else str(template))
    folders = [Path(d) for d in exporter.template_paths if (Path(d) / "conf.json").is_file()]
    files = {f.resolve() for folder in folders for f in folder.rglob("*") if f.is_file()}
    return sorted(files)


def export_html(
    nb: nbformat.NotebookNode, path: str | os.PathLike[str], template: str | None = None
) -> Path:
    """Convert an executed notebook to HTML (outputs only) and write it atomically."""
    exporter = get_exporter(template)
    with _LOCK:  # exporters hold per-call state; Dask workers may run threads
        body, _ = exporter.from_notebook_node(nb)
    return atomic_write(path, body.encode("utf-8"))
