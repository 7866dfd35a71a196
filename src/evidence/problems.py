"""Problems found in a project's inputs, collected so that all are reported at once.

A :class:`Problem` says where (file, row or area, column), what is wrong and how to fix
it. Readers and checks append to a :class:`Problems` list instead of raising, so that
``evidence validate`` can list every problem in one run ("3 errors found: ...").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from evidence.errors import ValidationError

__all__ = ["Problem", "Problems"]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem in the inputs.

    Parameters
    ----------
    message
        What is wrong, including the bad value.
    fix
        What the user should do about it.
    file
        The file the problem is in (relative to the project where possible).
    place
        The row (``"row 12"``) or area (``"area E05012345"``) concerned.
    column
        The column concerned.
    severity
        ``"error"`` (the build cannot go on) or ``"warning"`` (listed, does not fail).
    """

    message: str
    fix: str = ""
    file: str | None = None
    place: str | None = None
    column: str | None = None
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        """``file, row 3, column 'value'`` (the parts that are known)."""
        parts = [self.file or "evidence.yml"]
        if self.place:
            parts.append(self.place)
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix else text


class Problems:
    """An ordered collection of problems, with helpers to add and report them."""

    def __init__(self, root: Path | None = None):
        self._items: list[Problem] = []
        self.root = root

    def _name(self, file: Path | str | None) -> str | None:
        if file is None:
            return None
        path = Path(file)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return str(file)

    def error(self, message: str, fix: str = "", *, file=None, place=None, column=None) -> None:
        """Record an error: the build cannot go on until it is fixed."""
        self._items.append(Problem(message, fix, self._name(file), place, column, ERROR))

    def warn(self, message: str, fix: str = "", *, file=None, place=None, column=None) -> None:
        """Record a warning: listed, but the build goes on."""
        self._items.append(Problem(message, fix, self._name(file), place, column, WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._items if not p.is_error]

    def report(self) -> str:
        """All problems as numbered text: errors first, then warnings."""
        lines: list[str] = []
        for title, items in (("error", self.errors), ("warning", self.warnings)):
            if not items:
                continue
            plural = "s" if len(items) != 1 else ""
            lines.append(f"{len(items)} {title}{plural} found:")
            lines.extend(f"  {i}. {p}" for i, p in enumerate(items, 1))
        return "\n".join(lines) if lines else "No problems found."

    def raise_if_errors(self) -> None:
        """Raise :class:`~evidence.errors.ValidationError` carrying every problem."""
        if self.errors:
            raise ValidationError(list(self._items), self.report())
