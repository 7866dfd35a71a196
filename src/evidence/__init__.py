"""evidence: turn local indicator data into the evidence base of a community strategy.

In a notebook::

    import evidence
    eb = evidence.load("data")          # builds the evidence base if the inputs changed
    eb                                  # areas by type, indicators by theme, warnings
    eb.area("E05999001")                # latest values of one area with judgements (raw: for the analyst)
    shown = eb.published_evidence()     # what reports are made from: disclosure control applied

On the command line: ``evidence validate | build | profiles | gaps | plan PROJECT``.
"""

from typing import TYPE_CHECKING, Any

from evidence._lazy import lazy_attribute, lazy_dir

from evidence._version import __version__
from evidence.errors import (
    DataError,
    EvidenceError,
    EvidenceWarning,
    ProjectError,
    RunError,
    UnknownNameError,
    ValidationError,
)

if TYPE_CHECKING:  # pragma: no cover
    from evidence.builder import BuildResult, build
    from evidence.evidence_base import EvidenceBase, load
    from evidence.published import PublishedEvidence
    from evidence.validation import validate

__all__ = [
    "BuildResult",
    "DataError",
    "EvidenceBase",
    "EvidenceError",
    "EvidenceWarning",
    "ProjectError",
    "PublishedEvidence",
    "RunError",
    "UnknownNameError",
    "ValidationError",
    "__version__",
    "build",
    "load",
    "validate",
]

# The heavy parts (pandas, geopandas, scipy...) are imported on first use, so that
# processes needing only a corner of the package (batch workers that export pages,
# ``evidence --help``) start quickly. Module names differ from these function names,
# so importing a submodule never hides a function.
_LAZY = {
    "BuildResult": "evidence.builder",
    "build": "evidence.builder",
    "EvidenceBase": "evidence.evidence_base",
    "load": "evidence.evidence_base",
    "PublishedEvidence": "evidence.published",
    "validate": "evidence.validation",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _LAZY, name, globals())


def __dir__() -> list[str]:
    return lazy_dir(globals(), __all__)
