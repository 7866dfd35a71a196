"""Reading the fields of a user's YAML file, each mistake a problem with its line.

``outcomes.yml`` and ``timetable.yml`` (and every YAML input to come) are read the same
way: a mapping from :func:`evidence.io.textfile.load_yaml` is walked field by field, and
an unknown field, a missing one or one of the wrong shape is recorded with the file, the
place ("outcome 2.1, action a, line 58"), the field and the fix, instead of raising.
:class:`FieldReader` holds those shared readers; a format's reader subclasses it and adds
its own fields.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap
from evidence.problems import Problems

__all__ = ["FieldReader"]


class FieldReader:
    """Shared field readers over :class:`~evidence.io.textfile.YamlMap` mappings.

    ``doc`` is the documentation page a fix points to (set by the subclass).
    """

    doc: str = ""

    def __init__(self, path: Path, problems: Problems):
        self.path, self.problems = path, problems

    def where(self, place: str, data: Any, key: str | None) -> str:
        """``place`` with the line of ``key`` in ``data`` (or of ``data`` itself) when known."""
        line = None
        if isinstance(data, YamlMap):
            line = data.key_lines.get(key, data.line) if key else data.line
        return f"{place}, line {line}" if line else place

    def field_error(self, message: str, fix: str, place: str, data: Any, key: str | None) -> None:
        """Record an error at field ``key`` of ``data``."""
        self.problems.error(message, fix, file=self.path, place=self.where(place, data, key), column=key)

    def unknown_keys(self, data: YamlMap, allowed: tuple[str, ...], place: str) -> None:
        """Report every key of ``data`` that is not in ``allowed``, with the nearest allowed one."""
        for key in data:
            if key not in allowed:
                self.field_error(f"Unknown field '{key}'.{did_you_mean(key, allowed)}",
                                 f"Remove it or use one of: {', '.join(allowed)} (see {self.doc}).",
                                 place, data, str(key))

    def text(self, data: YamlMap, key: str, place: str, *, required: bool = False) -> str:
        """Field ``key`` as one line of text (``""`` when blank, missing or not text)."""
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.field_error(f"Missing required field '{key}'.", f"Add '{key}' (see {self.doc}).",
                                 place, data, key)
            return ""
        if isinstance(value, (dict, list)):
            self.field_error(f"Field '{key}' should be text, not a {type(value).__name__}.",
                             "Write it as one line of text.", place, data, key)
            return ""
        return str(value).strip()

    def texts(self, data: YamlMap, key: str, place: str) -> tuple[str, ...]:
        """Field ``key`` as a list of text (one text counts as a list of one)."""
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return (str(value).strip(),)
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.field_error(f"Field '{key}' should be a list of text.", f"Write '{key}' as a list: [first, second].",
                             place, data, key)
            return ()
        return tuple(str(v).strip() for v in value if v is not None)

    def date(self, value: Any, data: Any, key: str, place: str, *, example: str = "2026-03-31") -> dt.date | None:
        """``value`` (field ``key`` of ``data``) as a date, or ``None`` with a problem at ``key``.

        YAML gives a real date for ``2026-03-31``; a quoted one is parsed; anything else
        ("March 2026", "31/03/2026", an impossible day) is a problem whose fix shows ``example``.
        """
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.field_error(f"'{value}' is not a date.", f"Write a real date as YYYY-MM-DD, e.g. {example}.",
                             place, data, key)
            return None
