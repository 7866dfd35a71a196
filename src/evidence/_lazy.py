"""Names a package exports but imports on first use (PEP 562 ``__getattr__``), in one place.

A package keeps a table ``name -> module`` and two one-line hooks::

    def __getattr__(name: str) -> Any:
        return lazy_attribute(__name__, _HOME, name, globals())

    def __dir__() -> list[str]:
        return lazy_dir(globals(), __all__)

so that a process needing only a corner of the package (a report finding its last run
current, a batch worker exporting pages) does not import the data stack. A module in the
table may be given relative to the package (``"results"``) or in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_attribute", "lazy_dir"]


def lazy_attribute(package: str, home: Mapping[str, str], name: str, namespace: MutableMapping[str, Any]) -> Any:
    """Import ``name`` from its module in ``home``, keep it in ``namespace`` and return it."""
    if name not in home:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module = home[name] if "." in home[name] else f"{package}.{home[name]}"
    value = getattr(import_module(module), name)
    namespace[name] = value
    return value


def lazy_dir(namespace: Mapping[str, Any], exported: Iterable[str]) -> list[str]:
    """The package's names, the lazy ones included."""
    return sorted(set(namespace) | set(exported))
