"""Execution backends, chosen by name.

A backend is called as ``backend(tasks, settings, workers=..., scheduler=...)``
(ignoring the options it does not use) and yields an
:class:`~evidence.batch.results.Outcome` per task as each one finishes:

``local``
    worker processes on this machine (:mod:`evidence.batch.local`), the default;
``dask``
    an existing Dask ``distributed`` cluster (:mod:`evidence.batch.dask`), chosen
    when a scheduler address is given.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from evidence.batch.results import Outcome
from evidence.errors import unknown_name

__all__ = ["BACKENDS", "Backend", "get_backend"]

Backend = Callable[..., Iterator[Outcome]]

#: name -> "module:function"; modules are imported only when used.
BACKENDS: dict[str, str] = {
    "dask": "evidence.batch.dask:run_dask",
    "local": "evidence.batch.local:run_local",
}


def get_backend(name: str) -> Backend:
    """Return the backend function registered as ``name``.

    Raises
    ------
    UnknownNameError
        If no backend has that name; the message lists the names that exist.

    Examples
    --------
    >>> get_backend("local").__name__
    'run_local'
    """
    key = str(name).strip().lower()
    if key not in BACKENDS:
        raise unknown_name("batch backend", name, BACKENDS)
    module, _, function = BACKENDS[key].partition(":")
    return getattr(importlib.import_module(module), function)

