"""Dates of a timetable: exact days, months ("2026-10") and durations in weeks ("6-8").

Council timetables give "October" as often as "19 November", and phases of "6 – 8
weeks". A :class:`Span` holds the earliest and latest day a date may fall on, so a month
is the span of its days and a range of weeks widens every later date by its spread.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Span", "parse_date", "parse_weeks", "DateWords", "WeeksWords"]

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_WEEKS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:[-–]\s*(\d+(?:\.\d+)?))?\s*$")


@dataclass(frozen=True, order=True)
class Span:
    """The earliest and latest day something may fall on (the same day when exact)."""

    earliest: dt.date
    latest: dt.date

    @classmethod
    def day(cls, day: dt.date) -> Span:
        return cls(day, day)

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def plus_weeks(self, low: float, high: float) -> Span:
        """This span moved on by between ``low`` and ``high`` weeks."""
        return Span(self.earliest + dt.timedelta(days=round(7 * low)),
                    self.latest + dt.timedelta(days=round(7 * high)))

    def words(self) -> str:
        """``19 November 2026``, ``October 2026``, ``8–15 February 2027`` or ``12 November – 3 December 2026``.

        >>> Span(dt.date(2026, 10, 1), dt.date(2026, 10, 31)).words()
        'October 2026'
        >>> Span(dt.date(2027, 2, 8), dt.date(2027, 2, 15)).words()
        '8–15 February 2027'
        """
        a, b = self.earliest, self.latest
        if a == b:
            return f"{a.day} {a:%B %Y}"
        if a.day == 1 and b == _month_end(b.year, b.month) and (a.year, a.month) == (b.year, b.month):
            return f"{a:%B %Y}"
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{b.day} {b:%B %Y}"
        if a.year == b.year:
            return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
        return f"{a.day} {a:%B %Y} – {b.day} {b:%B %Y}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class DateWords(ValueError):
    """A date field holds words ("Early October") rather than a date."""


class WeeksWords(ValueError):
    """A duration is neither a number of weeks nor a range such as "6-8"."""


def parse_date(value: object) -> Span:
    """A YAML date value as a :class:`Span`: a day (``2026-11-19``) or a month (``2026-11``).

    Raises :class:`DateWords` for anything else.

    >>> parse_date("2026-02").latest
    datetime.date(2026, 2, 28)
    """
    if isinstance(value, dt.datetime):
        return Span.day(value.date())
    if isinstance(value, dt.date):
        return Span.day(value)
    text = str(value).strip()
    match = _MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        year, month = int(match.group(1)), int(match.group(2))
        return Span(dt.date(year, month, 1), _month_end(year, month))
    try:
        return Span.day(dt.date.fromisoformat(text))
    except ValueError:
        raise DateWords(text) from None


def parse_weeks(value: object) -> tuple[float, float]:
    """A duration in weeks: ``3`` -> (3, 3); ``"6-8"`` or ``"6 – 8"`` -> (6, 8).

    Raises :class:`WeeksWords` for anything else (negative, reversed, words).

    >>> parse_weeks("12-16")
    (12.0, 16.0)
    """
    if isinstance(value, bool):
        raise WeeksWords(str(value))
    if isinstance(value, (int, float)):
        if value < 0:
            raise WeeksWords(str(value))
        return float(value), float(value)
    match = _WEEKS.match(str(value))
    if not match:
        raise WeeksWords(str(value))
    low = float(match.group(1))
    high = float(match.group(2)) if match.group(2) else low
    if high < low:
        raise WeeksWords(str(value))
    return low, high
