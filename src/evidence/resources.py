"""The files shipped with the package: the report notebooks.

The notebooks live in the repository's top-level ``notebooks/`` folder, where users look
for them; a wheel carries a copy as ``evidence/notebooks/`` (``setup.py`` maps the folder
in as package data). :func:`report_notebook` is the one rule that finds a report's
notebook, installed or not.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from evidence.errors import ProjectError

__all__ = ["report_notebook"]


def _checkout_notebooks() -> Path:
    """``notebooks/`` of the source checkout this package runs from (``src/evidence`` -> repository)."""
    return Path(__file__).resolve().parents[2] / "notebooks"


def report_notebook(name: str) -> Path:
    """The path of the report notebook ``name`` (e.g. ``"area_profile.ipynb"``).

    The installed package's copy (``importlib.resources``: a wheel) comes first; a
    source checkout (an editable install, or ``src`` on ``PYTHONPATH``) has no copy
    inside the package and uses its ``notebooks/`` folder, so editing a notebook there
    takes effect at once.

    Examples
    --------
    >>> report_notebook("area_profile.ipynb").name
    'area_profile.ipynb'
    """
    packaged = resources.files("evidence") / "notebooks" / name
    if packaged.is_file():
        return Path(str(packaged))
    checkout = _checkout_notebooks() / name
    if checkout.is_file():
        return checkout
    raise ProjectError(f"Cannot find the report notebook {name}: it is neither in the installed package "
                       f"({Path(str(packaged))}) nor in a source checkout ({checkout}). Fix: reinstall evidence "
                       "(pip install evidence, or pip install -e . in the repository), or pass the notebook's "
                       "path with --notebook.")
