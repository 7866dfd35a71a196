"""Problems found in a project's inputs, collected so that all are reported at once.

A :class:`Problem` says where (file, row or area, column), what is wrong and how to fix
it. Readers and checks append to a :class:`Problems` list instead of raising, so that
``evidence validate`` can list every problem in one run ("3 errors found: ...").

Repeats are grouped as they are added: problems of the same file, kind and column
become one problem with the count and the first few places ("rows 12, 13, 20, 21, 25
and 383 more"), so that one mistake repeated over a file is one line, not hundreds that
hide the other problems. The kind is the message itself unless the check names one
(``kind="value is not a number"``) for messages that differ only in the bad value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
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
    count
        How many repeats of the same kind this problem stands for (see :class:`Problems`).
    """

    message: str
    fix: str = ""
    file: str | None = None
    place: str | None = None
    column: str | None = None
    severity: str = ERROR
    count: int = 1

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


SHOWN_PLACES = 5


def join_places(places: list[str], total: int | None = None) -> str:
    """``"rows 2, 3 and 7 more"``: the first places of a group, sharing their leading word.

    ``total`` is how many rows (or areas) the group stands for, when that is more than
    the places listed.

    >>> join_places(["row 2", "row 3", "row 9"])
    'rows 2, 3, 9'
    >>> join_places(["rows 2, 66", "rows 3, 67"])
    'rows 2, 66, 3, 67'
    >>> join_places(["rows 2, 3, 4, 5, 6 and 2 more", "rows 40, 41"], total=9)
    'rows 2, 3, 4, 5, 6 and 4 more'
    >>> join_places([f"area E0{i}" for i in range(8)])
    'areas E00, E01, E02, E03, E04 and 3 more'
    """
    words = {p.split(" ", 1)[0].rstrip("s") for p in places}
    if len(words) == 1 and all(" " in p for p in places):
        word = words.pop()
        items = []
        for place in places:
            rest = re.sub(r" and \d+ more$", "", place.split(" ", 1)[1])  # the total counts those
            items.extend(rest.split(", ") if re.fullmatch(r"[\d, ]+", rest) else [rest])
        total = max(len(items), total or 0)
        shown = items[:SHOWN_PLACES]
        text = f"{word}{'s' if total > 1 else ''} {', '.join(shown)}"
    else:
        total = max(len(places), total or 0)
        shown = places[:SHOWN_PLACES]
        text = "; ".join(shown)
    return text + (f" and {total - len(shown)} more" if total > len(shown) else "")


class _Group:
    """The problems of one (severity, file, column, kind): the first, its first places, the count."""

    def __init__(self, first: Problem, kind: str | None):
        self.first, self.kind = first, kind
        self.places: list[str] = [first.place] if first.place else []
        self.messages: list[str] = [first.message]
        self.count, self.added = first.count, 1
        self.more_messages = False

    def add(self, problem: Problem) -> None:
        self.count += problem.count
        self.added += 1
        if problem.place and len(self.places) < 2 * SHOWN_PLACES and problem.place not in self.places:
            self.places.append(problem.place)
        if problem.message not in self.messages:
            if len(self.messages) < 3:
                self.messages.append(problem.message)
            else:
                self.more_messages = True

    def merged(self) -> Problem:
        first = self.first
        if self.added == 1:
            return first
        nouns = {p.split(" ", 1)[0].rstrip("s") for p in self.places}
        noun = nouns.pop() if len(nouns) == 1 and self.places else "place"
        noun = f"{noun}s" if self.count > 1 else noun
        if self.kind is None:
            message = f"{first.message} (In {self.count} {noun}.)"
        else:
            where = f", {first.place}" if first.place else ""
            message = f"{self.count} {noun}: {self.kind}. The first{where}: {first.message}"
            if len(self.messages) > 1:
                message += f" Also: {' '.join(self.messages[1:])}{' ...' if self.more_messages else ''}"
        place = join_places(self.places, self.count) if self.places else None
        return replace(first, message=message, place=place, count=self.count)


class Problems:
    """An ordered collection of problems, with helpers to add and report them.

    A problem of the same severity, file, column and kind as an earlier one is merged
    into it (see the module docstring); ``kind`` defaults to the message.
    """

    def __init__(self, root: Path | None = None):
        self._groups: dict[tuple, _Group] = {}  # in the order first added
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

    def error(self, message: str, fix: str = "", *, file=None, place=None, column=None,
              kind: str | None = None, count: int = 1) -> None:
        """Record an error: the build cannot go on until it is fixed.

        ``kind`` names what is wrong independently of the bad value ("value is not a
        number"): errors of one file, column and kind are reported as one. ``count`` is
        how many rows the problem stands for when its place lists several.
        """
        self.add(Problem(message, fix, self._name(file), place, column, ERROR, count), kind=kind)

    def warn(self, message: str, fix: str = "", *, file=None, place=None, column=None,
             kind: str | None = None, count: int = 1) -> None:
        """Record a warning: listed, but the build goes on (grouped like :meth:`error`)."""
        self.add(Problem(message, fix, self._name(file), place, column, WARNING, count), kind=kind)

    def add(self, problem: Problem, *, kind: str | None = None) -> None:
        """Record ``problem``, merging it into an earlier one of the same file, column and kind."""
        key = (problem.severity, problem.file, problem.column, kind or problem.message,
               problem.fix if kind is None else None)
        group = self._groups.get(key)
        if group is None:
            self._groups[key] = _Group(problem, kind)
        else:
            group.add(problem)

    @property
    def _items(self) -> list[Problem]:
        return [group.merged() for group in self._groups.values()]

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._groups)

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
