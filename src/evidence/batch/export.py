"""Executed notebook -> self-contained HTML, written atomically.

The HTML shows outputs only: no code, no ``In [1]:`` prompts. The template is
nbconvert's ``lab`` by default; pass a name nbconvert knows or the path of a
template folder (such as the project's own under ``src/evidence/templates/``).

Nothing is ever half-written: pages are written with
:func:`evidence.io.atomic.atomic_write` (a staging file beside the page, then
``os.replace``), so an exception or a killed process leaves the previous page
byte-identical.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from evidence.io.atomic import atomic_write

__all__ = ["DEFAULT_TEMPLATE", "export_html", "get_exporter", "template_files"]

#: nbconvert's template used until the project's own template is given.
DEFAULT_TEMPLATE = "lab"
_LOCK = threading.Lock()


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
