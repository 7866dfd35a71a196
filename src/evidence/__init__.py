"""evidence: turn local indicator data into the evidence base of a community strategy.

In a notebook::

    import evidence
    eb = evidence.load("data")          # builds the evidence base if the inputs changed
    eb                                  # areas by type, indicators by theme, warnings
    eb.area("E05999001")                # latest values of one area with judgements

On the command line: ``evidence validate | build | profiles | gaps | plan PROJECT``.
"""

from evidence._version import __version__
from evidence.build import BuildResult, build
from evidence.errors import (
    DataError,
    EvidenceError,
    EvidenceWarning,
    ProjectError,
    RunError,
    UnknownNameError,
    ValidationError,
)
from evidence.evidence_base import EvidenceBase, load
from evidence.validate import validate

__all__ = [
    "BuildResult",
    "DataError",
    "EvidenceBase",
    "EvidenceError",
    "EvidenceWarning",
    "ProjectError",
    "RunError",
    "UnknownNameError",
    "ValidationError",
    "__version__",
    "build",
    "load",
    "validate",
]
