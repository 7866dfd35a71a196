"""Read and check an outcome framework file (``outcomes.yml``).

Every problem goes into a :class:`~evidence.problems.Problems` list with the file, the
place (outcome id, action, measure and line), the field and a fix, so that a theme group
sees all its mistakes at once. Checks against the evidence base (indicator ids, areas,
comparators, themes) run when one is given. The format is in ``docs/outcomes-format.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap, load_yaml
from evidence.known import KnownNames
from evidence.outcomes.framework import Action, Aim, Framework, Measure, Milestone, Outcome, ThemeGroup
from evidence.outcomes.reader_review import ReviewFields
from evidence.outcomes.target_methods import get_target_method, target_method_names
from evidence.problems import Problems

__all__ = ["ACTION_FIELDS", "FRAMEWORK_FIELDS", "MEASURE_FIELDS", "OUTCOME_FIELDS", "load_framework",
           "read_framework"]

FRAMEWORK_FIELDS = ("title", "issued", "as_of", "max_data_age", "baseline_year", "target_years", "aims", "themes",
                    "outcomes", "review_date", "target_sets")
OUTCOME_FIELDS = ("id", "title", "theme", "aim", "measures", "actions")
MEASURE_FIELDS = ("id", "indicator", "area", "comparator", "target_method", "target_params", "target_years",
                  "baseline_year", "owner", "lead_partnership", "target_set", "previous_targets")
ACTION_FIELDS = ("action", "tasks", "measures", "targets", "milestones", "timescale", "resources",
                 "contact_officer", "lead_partnership", "long_term_ambitions", "key_issue")
TEXT_FIELDS = ("owner", "lead_partnership", "timescale", "resources", "contact_officer", "long_term_ambitions")
DOC = "docs/outcomes-format.md"


class _Checker(ReviewFields):
    """Collects problems while turning the YAML into dataclasses."""

    doc = DOC

    def __init__(self, path: Path, problems: Problems, known: KnownNames | None):
        super().__init__(path, problems)
        self.known = known
        self.indicators = None if known is None or known.indicators is None else sorted(known.indicators)
        self.areas = None if known is None or known.areas is None else set(known.areas)
        self.area_types = list(known.area_types) if known is not None else []
        self.sets: tuple = ()

    def error(self, message: str, fix: str, place: str, field: str | None, data: YamlMap | None = None) -> None:
        self.field_error(message, fix, place, data, field)

    def years(self, value: Any, data: YamlMap, key: str, place: str) -> tuple[int, ...]:
        items = value if isinstance(value, list) else [value]
        good = [v for v in items if isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2200]
        if len(good) != len(items) or not items:
            self.error(f"'{key}' should be a list of years, not {value!r}.",
                       "Write the years the targets are for, e.g. [2025, 2026, 2027].", place, key, data)
        return tuple(sorted(set(good)))

    def one_year(self, data: YamlMap, place: str, default: int | None = None) -> int | None:
        if data.get("baseline_year") is None:
            return default
        found = self.years(data["baseline_year"], data, "baseline_year", place)
        return found[0] if found else default

    def framework(self, data: YamlMap) -> Framework | None:
        self.unknown_keys(data, FRAMEWORK_FIELDS, "top level")
        title = self.text(data, "title", "top level", required=True)
        issued = None
        if "issued" not in data:
            self.error("Missing required field 'issued'.", "Add the date the plan was agreed, e.g. issued: 2025-05-21; "
                       "exports carry it so a regenerated file is identical.", "top level", "issued", data)
        else:
            issued = self.date(data["issued"], data, "issued", "top level")
        as_of = None
        if data.get("as_of") is not None:
            as_of = (self.years(data["as_of"], data, "as_of", "top level") or (None,))[0]
        max_age = data.get("max_data_age", 3)
        if isinstance(max_age, bool) or not isinstance(max_age, int) or max_age < 0:
            self.error(f"'max_data_age' should be a whole number of years, not {max_age!r}.",
                       "Use e.g. 3: measures whose latest data is older are listed.", "top level", "max_data_age", data)
            max_age = 3
        years = self.years(data["target_years"], data, "target_years", "top level") if "target_years" in data else ()
        self.baseline_year = self.one_year(data, "top level")
        if "target_years" in data:
            self.after_baseline(years, self.baseline_year, "top level", data)
        self.sets = self.target_sets(data)
        review = self.review_date(data)
        aims = tuple(self.aims(data))
        themes = tuple(self.themes(data))
        outcomes = self.outcomes(data, years, {a.id for a in aims}, themes)
        if issued is None or not title:
            return None
        return Framework(title, issued, tuple(outcomes), aims, themes, max_age, as_of, str(self.path), self.sets, review)

    def _list(self, data: YamlMap, key: str, place: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"Field '{key}' should be a list.", f"Write each entry of '{key}' on a line starting '- '.",
                       place, key, data)
            return []
        return value

    def aims(self, data: YamlMap):
        for item in self._list(data, "aims", "top level"):
            if not isinstance(item, YamlMap):
                self.error(f"Each aim should be a mapping with id and title, not {item!r}.", "Write - {id: '2', title: ...}.",
                           "aims", "aims", data)
                continue
            self.unknown_keys(item, ("id", "title"), "aims")
            yield Aim(self.text(item, "id", "aims", required=True), self.text(item, "title", "aims", required=True))

    def themes(self, data: YamlMap):
        listed = self._list(data, "themes", "top level")
        for item in listed:
            if not isinstance(item, YamlMap):
                self.error(f"Each theme should be a mapping with id and name, not {item!r}.", "Write - {id: safer, name: Safer}.",
                           "themes", "themes", data)
                continue
            self.unknown_keys(item, ("id", "name"), "themes")
            yield ThemeGroup(self.text(item, "id", "themes", required=True), self.text(item, "name", "themes", required=True))
        if not listed and self.known is not None:
            yield from (ThemeGroup(i, name) for i, name in self.known.themes)

    def outcomes(self, data: YamlMap, years, aim_ids: set[str], themes: tuple[ThemeGroup, ...]) -> list[Outcome]:
        if "outcomes" not in data:
            self.error("Missing required field 'outcomes'.", "List the priority outcomes (see the example in "
                       f"{DOC}).", "top level", "outcomes", data)
        result, seen = [], set()
        for n, item in enumerate(self._list(data, "outcomes", "top level"), 1):
            if not isinstance(item, YamlMap):
                self.error(f"Outcome {n} should be a mapping, not {item!r}.", "Give it id, title and theme.",
                           f"outcome {n}", None, data)
                continue
            oid = self.text(item, "id", f"outcome {n}", required=True) or str(n)
            place = f"outcome {oid}"
            if oid in seen:
                self.error(f"Outcome id '{oid}' is used twice.", "Give each outcome its own id.", place, "id", item)
            seen.add(oid)
            self.unknown_keys(item, OUTCOME_FIELDS, place)
            title = self.text(item, "title", place, required=True)
            theme = self.theme(item, place, themes)
            aim = self.text(item, "aim", place) or None
            if aim is None and "." in oid and oid.split(".")[0] in aim_ids:
                aim = oid.split(".")[0]
            elif aim is not None and aim_ids and aim not in aim_ids:
                self.error(f"Unknown aim '{aim}'.{did_you_mean(aim, aim_ids)}",
                           f"Use an aim id from 'aims': {', '.join(sorted(aim_ids))}.", place, "aim", item)
            measures = [self.measure(m, f"{oid} measure {i}", f"{place}, measure {i}", oid, years, None)
                        for i, m in enumerate(self._list(item, "measures", place), 1)]
            actions = [self.action(a, oid, i, years) for i, a in enumerate(self._list(item, "actions", place), 1)]
            result.append(Outcome(oid, title, theme, aim, tuple(m for m in measures if m),
                                  tuple(a for a in actions if a)))
        return result

    def theme(self, item: YamlMap, place: str, themes: tuple[ThemeGroup, ...]) -> str:
        value = self.text(item, "theme", place, required=True)
        if not value or not themes:
            return value
        match = next((t.id for t in themes if value in (t.id, t.name) or value.lower() == t.name.lower()), None)
        if match is None:
            ids = [t.id for t in themes]
            self.error(f"Unknown theme '{value}'.{did_you_mean(value, ids)}",
                       f"Use a theme id: {', '.join(ids)} (from 'themes', or from evidence.yml).", place, "theme", item)
            return value
        return match

    def measure(self, item: Any, mid: str, place: str, oid: str, years, action: str | None) -> Measure | None:
        if not isinstance(item, YamlMap) or "indicator" not in item:
            self.error(f"This measure should be a mapping with at least 'indicator', not {item!r}.",
                       "Give the catalogue id of the indicator: - indicator: crime.", place, "indicator",
                       item if isinstance(item, YamlMap) else None)
            return None
        self.unknown_keys(item, MEASURE_FIELDS, place)
        mid = self.text(item, "id", place) or mid
        indicator = self.text(item, "indicator", place, required=True)
        if self.indicators is not None and indicator and indicator not in self.indicators:
            self.error(f"Unknown indicator '{indicator}'.{did_you_mean(indicator, self.indicators)}",
                       "Use an id from the indicator catalogue.", place, "indicator", item)
        area = self.text(item, "area", place) or None
        if area and self.areas is not None and area not in self.areas:
            self.error(f"Unknown area code '{area}'.{did_you_mean(area, self.areas)}",
                       "Use a code from the lookup or a custom area, or leave 'area' out for the focus area.",
                       place, "area", item)
        comparator = self.text(item, "comparator", place) or None
        if comparator and self.areas is not None:
            allowed = ["england", *self.area_types]
            if comparator.lower() not in allowed and comparator not in self.areas:
                self.error(f"Unknown comparator '{comparator}'.{did_you_mean(comparator, allowed)}",
                           f"Use {', '.join(allowed)} or an area code.", place, "comparator", item)
            elif area in self.areas and comparator.lower() in allowed:
                self.contains(area, comparator.lower(), allowed, place, item)
        measure_years = self.years(item["target_years"], item, "target_years", place) if "target_years" in item else years
        baseline_year = self.one_year(item, place, self.baseline_year)
        if "target_years" in item or "baseline_year" in item:
            self.after_baseline(measure_years, baseline_year, place, item)
        method, params = self.method(item, place, measure_years)
        return Measure(mid, oid, indicator, area, comparator, method, params, measure_years, baseline_year,
                       self.text(item, "owner", place), self.text(item, "lead_partnership", place), action,
                       self.measure_target_set(item, place, self.sets), self.previous_targets(item, place))

    def after_baseline(self, years: tuple[int, ...], baseline_year: int | None, place: str, data: YamlMap) -> None:
        """Target years must come after an explicit baseline year (a target for the past measures nothing)."""
        early = [y for y in years if baseline_year is not None and y <= baseline_year]
        if early:
            field = "target_years" if "target_years" in data else "baseline_year"
            self.error(f"Target year{'s' if len(early) > 1 else ''} {', '.join(map(str, early))} "
                       f"{'are' if len(early) > 1 else 'is'} not after the baseline year {baseline_year}.",
                       "Give target years after 'baseline_year' (e.g. the next three years), or an earlier "
                       "baseline_year.", place, field, data)

    def contains(self, area: str, comparator: str, ranks: list[str], place: str, item: YamlMap) -> None:
        """A comparator named by area type must be larger than the measure's area (a ward is in a district)."""
        own = self.known.areas[area] if self.known and self.known.areas else None
        order = [*self.area_types, "england"]
        if own in order and order.index(comparator) <= order.index(own):
            larger = order[order.index(own) + 1:]
            self.error(f"Comparator '{comparator}' does not contain the measure's area '{area}' (of type '{own}').",
                       f"Use a larger area type ({', '.join(larger)}) or an area code." if larger else
                       "Nothing contains England: leave 'comparator' out.", place, "comparator", item)

    def method(self, item: YamlMap, place: str, years) -> tuple[str | None, dict]:
        params = item.get("target_params") or {}
        if not isinstance(params, dict):
            self.error(f"'target_params' should be a mapping, not {params!r}.", "Write e.g. target_params: {by: 2027}.",
                       place, "target_params", item)
            params = {}
        name = self.text(item, "target_method", place) or None
        if name is None:
            if params:
                self.error("'target_params' is given without a 'target_method'.",
                           f"Add target_method: one of {', '.join(target_method_names())}.", place, "target_method", item)
            return None, dict(params)
        if name.lower() not in target_method_names():
            self.error(f"Unknown target method '{name}'.{did_you_mean(name, target_method_names())}",
                       f"Use one of: {', '.join(target_method_names())} (or register your own).",
                       place, "target_method", item)
            return name, dict(params)
        method = get_target_method(name)
        allowed = method.parameters
        for key in params:
            if key not in allowed:
                self.error(f"Target method '{method.name}' has no parameter '{key}'.{did_you_mean(key, allowed)}",
                           f"Its parameters: {', '.join(allowed) or 'none'}.", place, "target_params", item)
        for key, required in allowed.items():
            if required and key not in params:
                self.error(f"Target method '{method.name}' needs parameter '{key}'.",
                           f"Add it under target_params (see {DOC}).", place, "target_params", item)
        if method.check is not None and all(k in params for k, r in allowed.items() if r):
            for message in method.check(params, years):
                self.error(message, f"Correct target_params (see {DOC}).", place, "target_params", item)
        return method.name, dict(params)

    def action(self, item: Any, oid: str, n: int, years) -> Action | None:
        letter = chr(ord("a") + n - 1) if n <= 26 else str(n)
        place = f"outcome {oid}, action {letter}"
        if not isinstance(item, YamlMap):
            self.error(f"Action {letter} should be a mapping with at least 'action', not {item!r}.",
                       "Write - action: what will be done.", place, None)
            return None
        self.unknown_keys(item, ACTION_FIELDS, place)
        text = self.text(item, "action", place, required=True)
        measures, indicator_measures = [], []
        for i, m in enumerate(self._list(item, "measures", place), 1):
            if isinstance(m, YamlMap):
                found = self.measure(m, f"{oid} action {letter} measure {i}", f"{place}, measure {i}", oid, years, letter)
                if found:
                    indicator_measures.append(found)
            elif m is not None:
                measures.append(str(m))
        targets = item.get("targets") or {}
        if not isinstance(targets, dict):
            self.error(f"'targets' should map 'baseline' and years to text, not {targets!r}.",
                       "Write e.g. targets: {baseline: 4 events, 2026: 6 events}.", place, "targets", item)
            targets = {}
        for key in targets:
            if key != "baseline" and not (isinstance(key, int) and 1900 <= key <= 2200):
                self.error(f"'targets' key {key!r} is neither 'baseline' nor a year.", "Use baseline or a year such as 2026.",
                           place, "targets", item)
        milestones = []
        for i, m in enumerate(self._list(item, "milestones", place), 1):
            if not isinstance(m, YamlMap) or "text" not in m or "date" not in m:
                self.error(f"Milestone {i} should have 'text' and 'date', not {m!r}.",
                           "Write - {text: Launch the forum, date: 2026-03-31}.", f"{place}, milestone {i}", "milestones",
                           m if isinstance(m, YamlMap) else item)
                continue
            self.unknown_keys(m, ("text", "date", "done"), f"{place}, milestone {i}")
            date = self.date(m["date"], m, "date", f"{place}, milestone {i}")
            done = self.done(m, f"{place}, milestone {i}")
            if date is not None:
                milestones.append(Milestone(str(m["text"]).strip(), date, done))
        texts = {key: self.text(item, key, place) for key in TEXT_FIELDS if key != "owner"}
        return Action(f"{oid} action {letter}", oid, text, self.texts(item, "tasks", place), tuple(measures),
                      tuple(indicator_measures), {str(k): str(v) for k, v in targets.items()}, tuple(milestones),
                      **texts, key_issue=self.key_issue(item, place))


def read_framework(path: str | Path, evidence: Any | None = None,
                   problems: Problems | None = None) -> tuple[Framework | None, Problems]:
    """Read and check an outcome framework; return it (``None`` if unusable) and the problems.

    Parameters
    ----------
    path
        The ``outcomes.yml`` file. A missing file, a folder, a file not saved as UTF-8,
        invalid YAML, a key given twice and an impossible date are problems with their line.
    evidence
        An :class:`~evidence.EvidenceBase`, or the :class:`~evidence.known.KnownNames`
        that ``evidence validate`` has read: indicator ids, areas, comparators and themes
        are then checked against it.
    problems
        A list to add to (default a new one, rooted at the project folder if known).
    """
    path = Path(path)
    known = evidence if isinstance(evidence, KnownNames) or evidence is None else KnownNames.of_evidence(evidence)
    root = evidence.config.root if evidence is not None and hasattr(evidence, "config") else path.parent
    problems = problems if problems is not None else Problems(root)
    data = load_yaml(path, problems, what="outcome framework", doc=DOC, top="fields")
    if data is None:
        return None, problems
    checker = _Checker(path, problems, known)
    framework = checker.framework(data)
    outcome_ids = [o.id for o in framework.outcomes] if framework else []
    twice = {o for o in outcome_ids if outcome_ids.count(o) > 1}  # already reported; their measures follow
    ids = [m.id for m in framework.measures() if m.outcome_id not in twice] if framework else []
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.error(f"Measure id '{dup}' is used twice.", "Give each measure its own id.", file=path,
                       place=f"measure {dup}", column="id")
    return framework, problems


def load_framework(path: str | Path, evidence: Any | None = None) -> Framework:
    """Read an outcome framework, raising :class:`~evidence.ValidationError` listing every problem.

    Examples
    --------
    ::

        import evidence, evidence.outcomes as oc
        eb = evidence.load("data")
        framework = oc.load_framework("data/outcomes.yml", eb)
    """
    framework, problems = read_framework(path, evidence)
    problems.raise_if_errors()
    assert framework is not None
    return framework
