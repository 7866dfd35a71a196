"""The exceptions and warnings that ``evidence`` raises.

Every error a user can cause derives from :class:`EvidenceError`; the command line
turns it into a message and a non-zero exit code, with no traceback. Any other
exception is a bug and keeps its traceback.

::

    EvidenceError
    ├── ProjectError        the project folder or its config file is unusable
    ├── ValidationError     the inputs have problems (carries every problem found)
    ├── DataError           a function was given data it cannot use (names the rows)
    ├── UnknownNameError    a name looked up in a registry does not exist
    ├── OutputError         an output would replace or remove files the project did not write
    └── RunError            a batch of notebooks finished with failures

    EvidenceWarning         something looks wrong but the work can go on
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher, get_close_matches

__all__ = [
    "DataError",
    "EvidenceError",
    "EvidenceWarning",
    "OutputError",
    "ProjectError",
    "RunError",
    "UnknownNameError",
    "ValidationError",
    "did_you_mean",
]


class EvidenceError(Exception):
    """Root of every error a user of ``evidence`` can cause and fix."""


class ProjectError(EvidenceError):
    """The project folder or its configuration file cannot be used."""


class ValidationError(EvidenceError):
    """The project's inputs have problems; ``problems`` lists every one of them."""

    def __init__(self, problems: Sequence[object], message: str | None = None):
        self.problems = list(problems)
        super().__init__(message or f"{len(self.problems)} problem(s) found")


class DataError(EvidenceError, ValueError):
    """A function was given values it cannot use; the message names the rows."""


class UnknownNameError(EvidenceError, KeyError):
    """A name looked up in a registry (method, format, engine...) does not exist."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class OutputError(EvidenceError):
    """An output path would overwrite or remove an input or a file the project did not write.

    Raised before anything is written; the message names the path and what to do.
    """


class RunError(EvidenceError):
    """A batch run finished, but some items failed; ``failures`` lists them."""

    def __init__(self, message: str, failures: Sequence[object] = ()):
        self.failures = list(failures)
        super().__init__(message)


class EvidenceWarning(UserWarning):
    """Something looks wrong in the inputs, but the work can go on."""


def did_you_mean(value: object, allowed: Iterable[str]) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest allowed word, or ``""``.

    Case is ignored; of equally close words the one agreeing with ``value`` in more
    positions wins (so a code with a letter O for a zero finds its own code).

    >>> did_you_mean("higher_better", ["higher_is_better", "lower_is_better"])
    " Did you mean 'higher_is_better'?"
    >>> did_you_mean("E01999O01", ["E01999091", "E01999001", "E01999081"])
    " Did you mean 'E01999001'?"
    """
    word = str(value).strip().lower()
    by_lower: dict[str, str] = {}
    for name in allowed:
        by_lower.setdefault(str(name).lower(), str(name))
    matches = get_close_matches(word, list(by_lower), n=max(len(by_lower), 1), cutoff=0.5)
    if not matches:
        return ""
    best = SequenceMatcher(None, word, matches[0]).ratio()
    tied = [m for m in matches if SequenceMatcher(None, word, m).ratio() == best]
    match = max(tied, key=lambda m: sum(a == b for a, b in zip(word, m)))
    return f" Did you mean '{by_lower[match]}'?"


def unknown_name(kind: str, name: object, allowed: Iterable[str]) -> UnknownNameError:
    """Build the error for an unknown registry name, listing the allowed ones."""
    allowed = sorted(allowed)
    return UnknownNameError(
        f"Unknown {kind} {name!r}.{did_you_mean(name, allowed)} "
        f"Allowed: {', '.join(allowed)}."
    )
