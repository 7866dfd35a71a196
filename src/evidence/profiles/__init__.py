"""Area profiles: the content of one profile, the batch that builds them all, the index page.

From a notebook, ``evidence.profiles.run_profiles(PROJECT)`` runs the batch with a
``tqdm.auto`` progress bar and returns the :class:`ProfilesResult` (``.batch``).
"""

from typing import TYPE_CHECKING, Any

from evidence._lazy import lazy_attribute, lazy_dir

if TYPE_CHECKING:  # pragma: no cover
    from evidence.profiles.content import Profile, build_profile
    from evidence.profiles.run import ProfilesResult, run_profiles
    from evidence.render.document import Section

__all__ = ["Profile", "ProfilesResult", "Section", "build_profile", "run_profiles"]

# Imported on first use, so that `evidence profiles` can start its kernels before the
# parent process pays for the data stack.
_HOME = {"Profile": "evidence.profiles.content", "Section": "evidence.render.document",
         "build_profile": "evidence.profiles.content", "ProfilesResult": "evidence.profiles.run",
         "run_profiles": "evidence.profiles.run"}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOME, name, globals())


def __dir__() -> list[str]:
    return lazy_dir(globals(), __all__)
