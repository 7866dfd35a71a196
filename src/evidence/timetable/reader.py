"""Read and check a timetable file (``timetable.yml``), collecting every problem.

Each problem names the file, the stage, gate or meeting with its line, the field and
what to do, so that the LSP support team fixes all of them in one pass. The format is
in ``docs/timetable-format.md``. :func:`evidence.timetable.inputs.read_timetable` is
what ``evidence validate`` calls for the file named by ``timetable:`` in ``evidence.yml``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap, load_yaml
from evidence.io.yaml_fields import FieldReader
from evidence.problems import Problems
from evidence.timetable.dates import DateWords, Span, WeeksWords, parse_date, parse_weeks
from evidence.timetable.model import OUTCOMES, REPORTS, Body, Decision, Gate, Meeting, Stage, Timetable
from evidence.timetable.schedule import find_cycles

__all__ = ["DOC", "read_timetable_file", "timetable_from_data"]

DOC = "docs/timetable-format.md"
TOP_FIELDS = ("title", "template", "issued", "consultation_min_weeks", "bodies", "stages", "gates", "meetings",
              "lcap")
BODY_FIELDS = ("id", "name")
STAGE_FIELDS = ("id", "name", "phase", "who", "tasks", "wording", "start", "end", "after", "weeks",
                "actual_start", "actual_end", "needed", "consultation", "produces")
GATE_FIELDS = ("id", "what", "sign_off", "after", "date", "wording", "decisions")
DECISION_FIELDS = ("body", "date", "outcome", "minute", "note")
MEETING_FIELDS = ("body", "date", "decides", "wording", "gate")


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_in(words: str) -> int | None:
    """The month named in words such as "Early October" (1-12), or ``None``.

    >>> _month_in("End September (possibly 17th)")
    9
    """
    for word in words.lower().replace("/", " ").split():
        if word[:3] in _MONTHS and word.isalpha():
            return _MONTHS.index(word[:3]) + 1
    return None


def _raw(data: YamlMap, key: str) -> dict[str, YamlMap]:
    """The entries of list ``key`` by id, without reporting anything (for the lines of later problems)."""
    value = data.get(key)
    if not isinstance(value, list):
        return {}
    return {str(i.get("id")): i for i in value if isinstance(i, YamlMap)}


class _Reader(FieldReader):
    """Turns the YAML into a :class:`Timetable`, adding a problem for each mistake."""

    doc = DOC

    def __init__(self, path: Path, problems: Problems):
        super().__init__(path, problems)
        self.errors_before = len(problems.errors)
        self.lcaps: tuple[str, ...] = ()

    def error(self, message: str, fix: str, place: str, data: Any, key: str | None) -> None:
        self.field_error(message, fix, place, data, key)

    # -- field readers (text, texts and unknown_keys are FieldReader's) -------------------
    def flag(self, data: YamlMap, key: str, place: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(f"Field '{key}' should be true or false, not {value!r}.", f"Write {key}: true or {key}: false.",
                       place, data, key)
            return default
        return value

    def span(self, data: YamlMap, key: str, place: str) -> Span | None:
        if data.get(key) is None:
            return None
        try:
            return parse_date(data[key])
        except DateWords as exc:
            month = _month_in(str(exc))
            example = f"as YYYY-{month:02d} (the year, then {month:02d})" if month else "as YYYY-MM, e.g. 2026-10"
            self.error(f"'{exc}' is not a date: '{key}' takes a day (YYYY-MM-DD) or a month (YYYY-MM).",
                       f"Keep the words in the 'wording' field (wording: \"{exc}\") and give '{key}' to month "
                       f"precision {example}, or as a day (YYYY-MM-DD).", place, data, key)
            return None

    def day(self, data: YamlMap, key: str, place: str, *, required: bool = False) -> dt.date | None:
        if data.get(key) is None:
            if required:
                self.error(f"Missing required field '{key}'.", f"Add the day as {key}: YYYY-MM-DD.", place, data, key)
            return None
        span = self.span(data, key, place)
        if span is not None and not span.exact:
            self.error(f"'{data[key]}' is a month: '{key}' is a day that happened.",
                       f"Give the day as YYYY-MM-DD, e.g. {span.earliest.isoformat()}.", place, data, key)
            return None
        return span.earliest if span else None

    def items(self, data: YamlMap, key: str, place: str) -> list[tuple[int, YamlMap]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"'{key}' should be a list.", f"Write each entry of '{key}' on a line starting '- '.",
                       place, data, key)
            return []
        good = []
        for n, item in enumerate(value, 1):
            if isinstance(item, YamlMap):
                good.append((n, item))
            else:
                self.error(f"Entry {n} of '{key}' should be a set of fields, not {item!r}.",
                           f"Give each entry its fields, e.g. '- id: ...' (see {DOC}).", place, data, key)
        return good

    # -- the parts ------------------------------------------------------------------------
    def bodies(self, data: YamlMap) -> list[Body]:
        found: list[Body] = []
        for n, item in self.items(data, "bodies", "top level"):
            place = f"body {n}"
            self.unknown_keys(item, BODY_FIELDS, place)
            ident = self.text(item, "id", place, required=True)
            name = self.text(item, "name", place) or ident
            if ident and any(b.id == ident for b in found):
                self.error(f"Body id '{ident}' is used twice.", "Give each body its own id.", place, item, "id")
            elif ident:
                found.append(Body(ident, name))
        return found

    def refs(self, data: YamlMap, key: str, place: str) -> tuple[str, ...]:
        return self.texts(data, key, place)

    def stage(self, n: int, item: YamlMap) -> Stage | None:
        place = f"stage {n}"
        ident = self.text(item, "id", place, required=True)
        place = f"stage '{ident}'" if ident else place
        self.unknown_keys(item, STAGE_FIELDS, place)
        name = self.text(item, "name", place, required=True)
        start, end = self.span(item, "start", place), self.span(item, "end", place)
        weeks = None
        if item.get("weeks") is not None:
            try:
                weeks = parse_weeks(item["weeks"])
            except WeeksWords:
                self.error(f"'{item['weeks']}' is not a number of weeks or a range of weeks.",
                           "Write a number (weeks: 3) or a range in quotes (weeks: \"6-8\"); keep other words in "
                           "'wording'.", place, item, "weeks")
        after = self.refs(item, "after", place)
        if start is None and not after and "start" not in item:
            self.error(f"Stage '{ident}' has no start.", "Give 'start' (a day or a month) or 'after' (the stage or "
                       "gate it follows).", place, item, "start")
        if start is not None and end is not None and end.latest < start.earliest:
            self.error(f"Stage '{ident}' ends ({end.words()}) before it starts ({start.words()}).",
                       "Correct 'start' or 'end' (is the year right?).", place, item, "end")
        actual_start, actual_end = self.day(item, "actual_start", place), self.day(item, "actual_end", place)
        if actual_start and actual_end and actual_end < actual_start:
            self.error(f"Stage '{ident}' actually ended ({actual_end}) before it actually started ({actual_start}).",
                       "Correct 'actual_start' or 'actual_end'.", place, item, "actual_end")
        if actual_end and not actual_start:
            self.error(f"Stage '{ident}' has an 'actual_end' but no 'actual_start'.",
                       "Add the day the work really began as actual_start.", place, item, "actual_start")
        produces = self.texts(item, "produces", place)
        for report in produces:
            if report.lower() not in REPORTS:
                self.error(f"Unknown report '{report}'.{did_you_mean(report, REPORTS)}",
                           f"Use one of: {', '.join(REPORTS)} (the tool finds and dates these itself).",
                           place, item, "produces")
        needed = self.flag(item, "needed", place, True)
        consultation = self.flag(item, "consultation", place, False)
        if not ident or not name:
            return None
        return Stage(ident, name, self.text(item, "phase", place), self.texts(item, "who", place),
                     self.texts(item, "tasks", place), self.text(item, "wording", place), start, end, after, weeks,
                     actual_start, actual_end, not needed, consultation,
                     tuple(r.lower() for r in produces if r.lower() in REPORTS), item.line,
                     dict(item.key_lines))

    def gate(self, n: int, item: YamlMap, bodies: set[str]) -> Gate | None:
        place = f"gate {n}"
        ident = self.text(item, "id", place, required=True)
        place = f"gate '{ident}'" if ident else place
        self.unknown_keys(item, GATE_FIELDS, place)
        what = self.text(item, "what", place, required=True)
        sign_off = self.texts(item, "sign_off", place)
        if not sign_off:
            self.error(f"Gate '{ident}' has no one to sign it off.",
                       "Add sign_off: the ids of the bodies that must approve it, e.g. sign_off: [lsp_executive].",
                       place, item, "sign_off")
        for body in sign_off:
            self.body_ref(body, bodies, place, item, "sign_off")
        date = self.span(item, "date", place)
        after = self.refs(item, "after", place)
        if date is None and not after and "date" not in item:
            self.error(f"Gate '{ident}' has no date.", "Give 'date' (a day or a month) or 'after' (the stage it "
                       "closes).", place, item, "date")
        decisions = []
        for m, entry in self.items(item, "decisions", place):
            dplace = f"{place}, decision {m}"
            self.unknown_keys(entry, DECISION_FIELDS, dplace)
            body, day, known = self.decision(entry, bodies, dplace)
            if body and day and known:
                decisions.append(Decision(body, day, known, self.text(entry, "minute", dplace),
                                          self.text(entry, "note", dplace)))
        if not ident or not what:
            return None
        return Gate(ident, what, sign_off, after, date, self.text(item, "wording", place), tuple(decisions), item.line,
                    dict(item.key_lines))

    def decision(self, entry: YamlMap, bodies: set[str], place: str) -> tuple[str, dt.date | None, str | None]:
        """A decision's ``body`` (checked against ``bodies``), ``date`` and ``outcome`` (one of
        :data:`OUTCOMES`, any case; ``None`` with a problem when it is not): a gate's decisions
        and an LCAP's are read the same way."""
        body = self.text(entry, "body", place, required=True)
        if body:
            self.body_ref(body, bodies, place, entry, "body")
        day = self.day(entry, "date", place, required=True)
        outcome = self.text(entry, "outcome", place, required=True)
        known = next((o for o in OUTCOMES if o.lower() == outcome.lower()), None)
        if outcome and known is None:
            self.error(f"Unknown outcome '{outcome}'.{did_you_mean(outcome, OUTCOMES)}",
                       f"Use one of: {', '.join(OUTCOMES)} (leave the decision out while it is awaited).",
                       place, entry, "outcome")
        return body, day, known

    def body_ref(self, body: str, bodies: set[str], place: str, data: YamlMap, key: str) -> None:
        if body not in bodies:
            self.error(f"'{body}' is not one of the timetable's bodies.{did_you_mean(body, sorted(bodies))}",
                       f"Use the id of a body listed under 'bodies' ({', '.join(sorted(bodies)) or 'none yet'}), "
                       "or add it there.", place, data, key)

    def meeting(self, n: int, item: YamlMap, bodies: set[str], gates: set[str]) -> Meeting | None:
        place = f"meeting {n}"
        self.unknown_keys(item, MEETING_FIELDS, place)
        body = self.text(item, "body", place, required=True)
        if body:
            self.body_ref(body, bodies, place, item, "body")
        date = self.span(item, "date", place)
        if date is None and "date" not in item:
            self.error("Missing required field 'date'.", "Add the meeting's date as YYYY-MM-DD (or YYYY-MM).",
                       place, item, "date")
        gate = self.text(item, "gate", place)
        if gate and gate not in gates:
            self.error(f"'{gate}' is not a gate of this timetable.{did_you_mean(gate, sorted(gates))}",
                       "Use the id of a gate listed under 'gates'.", place, item, "gate")
        if not body or date is None:
            return None
        return Meeting(body, date, self.text(item, "decides", place), self.text(item, "wording", place), gate)

    def check_after(self, data: YamlMap, stages: list[Stage], gates: list[Gate]) -> None:
        ids = [s.id for s in stages] + [g.id for g in gates]
        lists = {"stages": stages, "gates": gates}
        for key, found in lists.items():
            raw = _raw(data, key)
            kind = key[:-1]
            for item in found:
                for ref in item.after:
                    if ref not in ids:
                        self.error(f"'after' names '{ref}', which is not a stage or gate of this timetable."
                                   f"{did_you_mean(ref, ids)}", "Use the id of a stage or gate listed in this file.",
                                   f"{kind} '{item.id}'", raw.get(item.id), "after")
        edges = {s.id: s.after for s in stages}
        edges.update({g.id: g.after for g in gates})
        raw_stages = {**_raw(data, "gates"), **_raw(data, "stages")}
        for cycle in find_cycles(edges):
            chain = " -> ".join([*cycle, cycle[0]])
            self.error(f"These stages wait for each other in a circle, so none of them can start: {chain}.",
                       f"Remove one of the 'after' links between {', '.join(cycle)}.",
                       f"stage '{cycle[0]}'", raw_stages.get(cycle[0]), "after")

    def timetable(self, data: YamlMap) -> Timetable | None:
        from evidence.timetable.templates import TEMPLATES

        self.unknown_keys(data, TOP_FIELDS, "top level")
        title = self.text(data, "title", "top level", required=True)
        template = self.text(data, "template", "top level")
        if template and template not in TEMPLATES:
            self.error(f"Unknown template '{template}'.{did_you_mean(template, TEMPLATES)}",
                       f"Use one of: {', '.join(TEMPLATES)}, or remove 'template'.", "top level", data, "template")
        issued = self.day(data, "issued", "top level")
        minimum = data.get("consultation_min_weeks", 12)
        if isinstance(minimum, bool) or not isinstance(minimum, (int, float)) or minimum <= 0:
            self.error(f"'consultation_min_weeks' should be a number of weeks, not {minimum!r}.",
                       "Use e.g. 12 (the usual minimum for a public consultation).", "top level", data,
                       "consultation_min_weeks")
            minimum = 12
        bodies = self.bodies(data)
        body_ids = {b.id for b in bodies}
        stages = [s for n, i in self.items(data, "stages", "top level") if (s := self.stage(n, i)) is not None]
        if not data.get("stages"):
            self.error("The timetable has no stages.", f"List the stages of work under 'stages' (see {DOC}), or start "
                       "from a template: evidence timetable PROJECT --new TEMPLATE --start DATE.", "top level", data,
                       "stages")
        gates = [g for n, i in self.items(data, "gates", "top level") if (g := self.gate(n, i, body_ids)) is not None]
        seen: dict[str, str] = {}
        for kind, items in (("stage", stages), ("gate", gates)):
            raw = _raw(data, f"{kind}s")
            for item in items:
                if item.id in seen:
                    by = f"two {kind}s" if seen[item.id] == kind else f"a {seen[item.id]} and a {kind}"
                    self.error(f"The id '{item.id}' is used twice (by {by}).",
                               "Give each stage and gate its own id.", f"{kind} '{item.id}'", raw.get(item.id), "id")
                seen[item.id] = kind
        gate_ids = {g.id for g in gates}
        meetings = [m for n, i in self.items(data, "meetings", "top level")
                    if (m := self.meeting(n, i, body_ids, gate_ids)) is not None]
        self.check_after(data, stages, gates)
        lcaps = self.lcaps = self.texts(data, "lcap", "top level")
        if len(self.problems.errors) > self.errors_before or not title:
            return None
        return Timetable(title, tuple(bodies), tuple(stages), tuple(gates), tuple(meetings), template,
                         float(minimum), lcaps, str(self.path), issued)


def _read(path: Path, problems: Problems) -> tuple[Timetable | None, tuple[str, ...]]:
    """The timetable (``None`` on errors) and the LCAP files it names (known even when it has errors)."""
    data = load_yaml(Path(path), problems, what="timetable", doc=DOC, top="timetable fields")
    if data is None:
        return None, ()
    reader = _Reader(Path(path), problems)
    return reader.timetable(data), reader.lcaps


def read_timetable_file(path: Path, problems: Problems) -> Timetable | None:
    """Read ``path``; every problem goes into ``problems``; ``None`` when there are errors."""
    return _read(path, problems)[0]


def _as_yaml(value: Any) -> Any:
    if isinstance(value, dict):
        out = YamlMap({k: _as_yaml(v) for k, v in value.items()})
        out.line, out.key_lines = 0, {}
        return out
    if isinstance(value, list):
        return [_as_yaml(v) for v in value]
    return value


def timetable_from_data(data: dict, path: str | Path, problems: Problems) -> Timetable | None:
    """A timetable from a mapping such as :func:`~evidence.timetable.templates.template_data` gives.

    Checked like a file (problems name ``path``, without lines).
    """
    return _Reader(Path(path), problems).timetable(_as_yaml(data))
