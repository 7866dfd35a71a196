"""Area profiles: the content of one profile, the batch that builds them all, the index page."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from evidence.profiles.content import Profile, build_profile
    from evidence.render.document import Section

__all__ = ["Profile", "Section", "build_profile"]

# Imported on first use, so that `evidence profiles` can start its kernels before the
# parent process pays for the data stack.
_HOME = {"Profile": "evidence.profiles.content", "Section": "evidence.render.document",
         "build_profile": "evidence.profiles.content"}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'evidence.profiles' has no attribute {name!r}")
