"""evidence: turn local indicator data into the evidence base of a community strategy."""

from evidence.errors import (
    DataError,
    EvidenceError,
    EvidenceWarning,
    ProjectError,
    RunError,
    UnknownNameError,
    ValidationError,
)

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "EvidenceError",
    "EvidenceWarning",
    "ProjectError",
    "RunError",
    "UnknownNameError",
    "ValidationError",
    "__version__",
]
