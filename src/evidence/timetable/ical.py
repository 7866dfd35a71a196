"""The timetable as an iCalendar file (RFC 5545): meetings, gates, consultations and deadlines.

Written by hand (the format is a few lines per event) so that every byte follows from
the timetable file: each event's ``UID`` is made of what it is and the timetable's
title, ``DTSTAMP`` is the timetable's ``issued`` day (or its first date), and events
come in a fixed order -- a rerun gives an identical file and a calendar that imported it
updates the same events instead of doubling them. All events are all-day; a date known
to the month only spans that month.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from evidence.io.atomic import atomic_write
from evidence.timetable.dates import Span
from evidence.timetable.model import Timetable
from evidence.timetable.schedule import schedule

__all__ = ["calendar_events", "ics_text", "write_ics"]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # do not split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(parts)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "timetable"


def calendar_events(timetable: Timetable) -> list[dict]:
    """Each event as ``uid``, ``start``, ``end`` (exclusive), ``summary`` and ``description``."""
    plans = schedule(timetable)
    events: list[dict] = []

    def add(uid: str, span: Span, summary: str, description: str = "") -> None:
        events.append({"uid": uid, "start": span.earliest, "end": span.latest + dt.timedelta(days=1),
                       "summary": summary, "description": description})

    for n, m in enumerate(timetable.meetings, 1):
        body = timetable.body_name(m.body)
        add(f"meeting-{n}-{m.body}", m.date, f"{body}: {m.decides or 'meeting'}",
            f"Wording: {m.wording}" if m.wording else "")
    for g in timetable.gates:
        day = plans[g.id].end
        if day is None:
            continue
        who = ", ".join(timetable.body_name(b) for b in g.sign_off)
        add(f"gate-{g.id}", day, f"Gate: {g.what}", f"To be signed off by: {who}")
    for s in timetable.stages:
        plan = plans[s.id]
        if s.consultation and plan.start is not None:
            start = Span.day(s.actual_start) if s.actual_start else plan.start
            add(f"consultation-start-{s.id}", start, f"Consultation opens: {s.name}", s.wording)
            end = Span.day(s.actual_end) if s.actual_end else plan.end
            if end is not None:
                add(f"consultation-end-{s.id}", end, f"Consultation closes: {s.name}", s.wording)
        elif plan.end is not None and not s.not_needed:
            add(f"deadline-{s.id}", Span.day(plan.end.latest), f"Deadline: {s.name}",
                f"Planned end {plan.end.words()}" + (f"; wording: {s.wording}" if s.wording else ""))
    return events


def ics_text(timetable: Timetable) -> str:
    """The iCalendar text (CRLF line ends) of the timetable's events."""
    events = calendar_events(timetable)
    first = timetable.issued or min((e["start"] for e in events), default=dt.date(2000, 1, 1))
    stamp = f"{first:%Y%m%d}T000000Z"
    domain = _slug(timetable.title)[:40] + "-" + hashlib.sha1(timetable.title.encode()).hexdigest()[:8]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//evidence//timetable//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(timetable.title)}"]
    for e in events:
        lines += ["BEGIN:VEVENT", f"UID:{e['uid']}@{domain}.evidence", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{e['start']:%Y%m%d}", f"DTEND;VALUE=DATE:{e['end']:%Y%m%d}",
                  f"SUMMARY:{_escape(e['summary'])}"]
        if e["description"]:
            lines.append(f"DESCRIPTION:{_escape(e['description'])}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_ics(timetable: Timetable, path: str | Path) -> Path:
    """Write the iCalendar file atomically (the project's one atomic writer); returns ``path``."""
    return atomic_write(path, ics_text(timetable).encode("utf-8"))
