"""The project configuration: ``evidence.yml`` read into typed, validated settings.

The format is documented field by field in ``docs/project-format.md``; ``FIELDS`` below
is the single list of every field the code reads, and a docs test keeps the two in step.
Reading never stops at the first problem: every problem goes into a
:class:`~evidence.problems.Problems` list so ``evidence validate`` can report them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evidence.errors import ProjectError, did_you_mean
from evidence.problems import Problems

__all__ = [
    "CONFIG_NAME",
    "FIELDS",
    "AreaType",
    "Config",
    "CustomArea",
    "Theme",
    "ValueSource",
    "find_config",
    "read_config",
]

CONFIG_NAME = "evidence.yml"
ENGLAND_CODE = "E92000001"
VALUE_FORMATS = ("tidy", "fingertips")
BENCHMARK_VALUES = ("auto", "data", "aggregate")

# Every field the code reads, as dotted paths ("*" stands for a name or a list item);
# (required, type).
FIELDS: dict[str, tuple[bool, type | tuple[type, ...]]] = {
    "name": (True, str),
    "focus_area": (True, str),
    "geography": (True, dict),
    "geography.area_types": (True, dict),
    "geography.area_types.*": (True, dict),
    "geography.area_types.*.label": (False, str),
    "geography.area_types.*.boundaries": (True, str),
    "geography.area_types.*.code_column": (True, str),
    "geography.area_types.*.name_column": (True, str),
    "geography.area_types.*.layer": (False, (str, type(None))),
    "geography.lookup": (True, dict),
    "geography.lookup.path": (True, str),
    "geography.lookup.columns": (True, dict),
    "geography.lookup.columns.*": (True, dict),
    "geography.lookup.columns.*.code": (True, str),
    "geography.lookup.columns.*.name": (False, str),
    "geography.england": (False, dict),
    "geography.england.code": (False, str),
    "geography.england.name": (False, str),
    "geography.custom_areas": (False, list),
    "geography.custom_areas.*": (True, dict),
    "geography.custom_areas.*.code": (True, str),
    "geography.custom_areas.*.name": (True, str),
    "geography.custom_areas.*.type": (True, str),
    "geography.custom_areas.*.members": (True, list),
    "themes": (True, list),
    "themes.*": (True, dict),
    "themes.*.id": (True, str),
    "themes.*.name": (True, str),
    "indicators": (True, dict),
    "indicators.catalogue": (True, str),
    "indicators.values": (True, list),
    "indicators.values.*": (True, dict),
    "indicators.values.*.path": (True, str),
    "indicators.values.*.format": (False, str),
    "indicators.values.*.sheet": (False, (str, int, type(None))),
    "benchmarks": (False, dict),
    "benchmarks.comparators": (False, dict),
    "benchmarks.comparators.*": (True, list),
    "benchmarks.values": (False, str),
    "disclosure": (False, dict),
    "disclosure.min_count": (False, int),
    "build": (False, dict),
    "build.output": (False, str),
    "context": (False, dict),
    "context.population": (False, str),
    "context.deprivation": (False, str),
    "profiles": (False, dict),
    "profiles.area_type": (False, str),
    "profiles.map_indicator": (False, str),
    "profiles.tiles": (False, bool),
    "gaps": (False, dict),
    "gaps.activities": (False, str),
    "gaps.classification": (False, str),
    "gaps.comparator": (False, str),
    "gaps.max_age": (False, int),
    "gaps.min_indicators": (False, int),
    "gaps.max_missing_share": (False, (int, float)),
    "gaps.correlation_threshold": (False, (int, float)),
    "outcomes": (False, str),
    "consultation": (False, str),
    "priorities": (False, dict),
    "priorities.weights": (False, dict),
    "priorities.weights.significance": (False, (int, float)),
    "priorities.weights.gap": (False, (int, float)),
    "priorities.weights.trend": (False, (int, float)),
    "priorities.weights.population": (False, (int, float)),
    "priorities.better": (False, (int, float)),
    "priorities.gap_cap": (False, (int, float)),
}


@dataclass(frozen=True)
class AreaType:
    """One type of area (LSOA, ward, district...) and its boundary file."""

    name: str
    label: str
    boundaries: Path
    code_column: str
    name_column: str
    layer: str | None = None


@dataclass(frozen=True)
class CustomArea:
    """A user-defined area made of member areas of one smaller type."""

    code: str
    name: str
    type: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    id: str
    name: str


@dataclass(frozen=True)
class ValueSource:
    """One file of indicator values and how to read it."""

    path: Path
    format: str = "tidy"
    sheet: str | int | None = None


@dataclass(frozen=True)
class Config:
    """A project's settings, with every path resolved against the project folder."""

    root: Path
    file: Path
    name: str
    focus_area: str
    area_types: dict[str, AreaType]
    lookup_path: Path
    lookup_columns: dict[str, tuple[str, str | None]]
    themes: tuple[Theme, ...]
    catalogue: Path
    value_sources: tuple[ValueSource, ...]
    comparators: dict[str, tuple[str, ...]]
    benchmark_values: str = "auto"
    england_code: str = ENGLAND_CODE
    england_name: str = "England"
    custom_areas: tuple[CustomArea, ...] = ()
    min_count: int = 5
    output: Path = field(default=Path(".evidence"))
    population_indicator: str | None = None
    deprivation_indicator: str | None = None
    profile_area_type: str | None = None
    map_indicator: str | None = None
    tiles: bool = False
    gap_settings: dict[str, Any] = field(default_factory=dict, compare=False)
    priority_settings: dict[str, Any] = field(default_factory=dict, compare=False)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def type_order(self) -> list[str]:
        """Area types of the geography, smallest first."""
        return list(self.area_types)

    @property
    def custom_types(self) -> list[str]:
        return sorted({c.type for c in self.custom_areas})

    def relative(self, path: Path) -> str:
        """``path`` relative to the project folder, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_config(project: str | Path) -> Path:
    """Return the config file of ``project`` (a folder or the file itself)."""
    path = Path(project)
    if path.is_dir():
        path = path / CONFIG_NAME
    if not path.exists():
        where = Path(project)
        raise ProjectError(
            f"No project found at '{where}': expected the file '{path}'. "
            f"Create {CONFIG_NAME} there (see docs/project-format.md), or run "
            f"'evidence demo' for a complete example."
        )
    return path


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ProjectError(
            f"{path.name}{where}: not valid YAML ({getattr(exc, 'problem', exc)}). "
            "Check the indentation and quoting there."
        ) from None
    if not isinstance(data, dict):
        raise ProjectError(f"{path.name}: expected a mapping of settings at the top level.")
    return data


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false", dict: "a mapping",
             list: "a list"}
    return " or ".join(names.get(k, "empty") for k in kinds)


def _check_shape(data: Any, problems: Problems, file: Path, path: str = "") -> None:
    """Check ``data`` against FIELDS: unknown keys, missing keys and wrong types."""
    if not isinstance(data, dict):
        return
    pattern = path + ".*" if path else "*"
    for key, value in data.items():
        dotted = f"{path}.{key}" if path else str(key)
        spec = FIELDS.get(dotted) or FIELDS.get(pattern)
        if spec is None:
            known = [f.rsplit(".", 1)[-1] for f in FIELDS if f.rsplit(".", 1)[0] == path
                     or (not path and "." not in f)]
            problems.error(
                f"Unknown setting '{dotted}'.{did_you_mean(key, known)}",
                "Remove it or correct its name (every setting is in docs/project-format.md).",
                file=file, place=f"setting '{dotted}'")
            continue
        _, kind = spec
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            problems.error(
                f"Setting '{dotted}' should be {_type_name(kind)}, not {value!r}.",
                "Correct the value (see docs/project-format.md).",
                file=file, place=f"setting '{dotted}'")
            continue
        child = dotted if FIELDS.get(dotted) else pattern
        if isinstance(value, dict):
            _check_shape(value, problems, file, child)
            _check_required(value, problems, file, child)
        elif isinstance(value, list) and FIELDS.get(child + ".*", (None, None))[1] is dict:
            for item in value:
                if isinstance(item, dict):
                    _check_shape(item, problems, file, child + ".*")
                    _check_required(item, problems, file, child + ".*")
                else:
                    problems.error(f"Each entry of '{child}' should be a mapping, not {item!r}.",
                                   "See docs/project-format.md for the entry's fields.",
                                   file=file, place=f"setting '{child}'")


def _check_required(data: dict, problems: Problems, file: Path, path: str) -> None:
    for dotted, (required, _) in FIELDS.items():
        parent, _, key = dotted.rpartition(".")
        if required and parent == path and key != "*" and key not in data:
            problems.error(f"Missing setting '{dotted}'.",
                           f"Add '{key}' under '{path or 'the top level'}' (see docs/project-format.md).",
                           file=file, place=f"setting '{path or key}'")


def read_config(project: str | Path, problems: Problems | None = None) -> tuple[Config | None, Problems]:
    """Read and check a project's ``evidence.yml``.

    Returns the config (``None`` when it is too broken to use) and the problems found.
    Raises :class:`~evidence.errors.ProjectError` only when there is no readable file.
    """
    file = find_config(project)
    root = file.parent
    problems = problems if problems is not None else Problems(root)
    data = _load_yaml(file)
    _check_shape(data, problems, file)
    _check_required(data, problems, file, "")
    if problems.errors:
        return None, problems
    return _build(data, root, file, problems), problems


def _build(data: dict, root: Path, file: Path, problems: Problems) -> Config | None:
    geo = data["geography"]
    area_types = {
        name: AreaType(
            name=name,
            label=spec.get("label") or name.replace("_", " ").capitalize(),
            boundaries=root / spec["boundaries"],
            code_column=spec["code_column"],
            name_column=spec["name_column"],
            layer=spec.get("layer"),
        )
        for name, spec in geo["area_types"].items()
    }
    lookup_columns = {name: (c["code"], c.get("name")) for name, c in geo["lookup"]["columns"].items()}
    for name in area_types:
        if name not in lookup_columns:
            problems.error(f"Area type '{name}' has no column in the lookup.",
                           f"Add 'geography.lookup.columns.{name}: {{code: <column>}}'.",
                           file=file, place="setting 'geography.lookup.columns'")
    for name in lookup_columns:
        if name not in area_types:
            problems.error(f"The lookup names area type '{name}', which is not in 'geography.area_types'."
                           f"{did_you_mean(name, area_types)}",
                           "Use the same area-type names in both places.",
                           file=file, place="setting 'geography.lookup.columns'")
    england = geo.get("england") or {}
    customs = tuple(
        CustomArea(str(c["code"]), c["name"], c["type"], tuple(str(m) for m in c["members"]))
        for c in geo.get("custom_areas") or []
    )
    for custom in customs:
        if custom.type in area_types:
            problems.error(f"Custom area '{custom.code}' has type '{custom.type}', which is a boundary area type.",
                           "Give custom areas a type of their own, e.g. 'neighbourhood'.",
                           file=file, place=f"custom area '{custom.code}'", column="type")
    themes = tuple(Theme(str(t["id"]), str(t["name"])) for t in data["themes"])
    values_sources = []
    for i, spec in enumerate(data["indicators"]["values"], 1):
        fmt = spec.get("format", "tidy")
        if fmt not in VALUE_FORMATS:
            problems.error(f"Unknown value-file format '{fmt}'.{did_you_mean(fmt, VALUE_FORMATS)}",
                           f"Use one of: {', '.join(VALUE_FORMATS)}.",
                           file=file, place=f"indicators.values entry {i}", column="format")
        values_sources.append(ValueSource(root / spec["path"], fmt, spec.get("sheet")))
    bench = data.get("benchmarks") or {}
    all_types = list(area_types) + sorted({c.type for c in customs})
    comparators = _comparators(bench.get("comparators"), list(area_types), all_types, problems, file)
    bench_values = bench.get("values", "auto")
    if bench_values not in BENCHMARK_VALUES:
        problems.error(f"Unknown benchmark value source '{bench_values}'.{did_you_mean(bench_values, BENCHMARK_VALUES)}",
                       f"Use one of: {', '.join(BENCHMARK_VALUES)}.", file=file, place="setting 'benchmarks.values'")
    min_count = (data.get("disclosure") or {}).get("min_count", 5)
    if min_count < 0:
        problems.error(f"'disclosure.min_count' must be 0 or more, not {min_count}.",
                       "Use 5 (the usual threshold) or another whole number.", file=file,
                       place="setting 'disclosure.min_count'")
    context = data.get("context") or {}
    profiles = data.get("profiles") or {}
    profile_type = profiles.get("area_type")
    if profile_type is not None and profile_type not in all_types:
        problems.error(f"Unknown area type '{profile_type}' for profiles.{did_you_mean(profile_type, all_types)}",
                       f"Use one of: {', '.join(all_types)}.", file=file, place="setting 'profiles.area_type'")
    return Config(
        root=root, file=file, name=data["name"], focus_area=str(data["focus_area"]),
        area_types=area_types, lookup_path=root / geo["lookup"]["path"],
        lookup_columns=lookup_columns, themes=themes,
        catalogue=root / data["indicators"]["catalogue"], value_sources=tuple(values_sources),
        comparators=comparators, benchmark_values=bench_values,
        england_code=str(england.get("code", ENGLAND_CODE)), england_name=england.get("name", "England"),
        custom_areas=customs, min_count=min_count,
        output=root / (data.get("build") or {}).get("output", ".evidence"),
        population_indicator=context.get("population"), deprivation_indicator=context.get("deprivation"),
        profile_area_type=profile_type, map_indicator=profiles.get("map_indicator"),
        tiles=bool(profiles.get("tiles", False)),
        gap_settings=_gap_settings(data.get("gaps") or {}, root), priority_settings=dict(data.get("priorities") or {}),
        raw=data,
    )


def _comparators(spec, geo_types, all_types, problems, file) -> dict[str, tuple[str, ...]]:
    """Comparator tokens per area type; defaults to the largest type and England."""
    largest = geo_types[-1]
    result = {t: ((largest, "england") if t != largest else ("england",)) for t in all_types}
    for area_type, tokens in (spec or {}).items():
        place = f"setting 'benchmarks.comparators.{area_type}'"
        if area_type not in all_types:
            problems.error(f"Comparators are given for unknown area type '{area_type}'."
                           f"{did_you_mean(area_type, all_types)}",
                           f"Use one of: {', '.join(all_types)}.", file=file, place=place)
            continue
        for token in tokens:
            token = str(token)
            is_code = len(token) == 9 and token[0].isalpha() and token[1:].isdigit()
            if token != "england" and token not in geo_types and not is_code:
                problems.error(f"Unknown comparator '{token}'.{did_you_mean(token, geo_types + ['england'])}",
                               f"Use 'england', an area type ({', '.join(geo_types)}) or a 9-character GSS code.",
                               file=file, place=place)
            elif token in geo_types and area_type in geo_types and geo_types.index(token) <= geo_types.index(area_type):
                problems.error(f"Area type '{area_type}' cannot be compared with '{token}', which is not larger.",
                               "Name a larger area type, 'england' or an area code.", file=file, place=place)
        result[area_type] = tuple(str(t) for t in tokens)
    return result


def _gap_settings(spec: dict, root: Path) -> dict[str, Any]:
    """The ``gaps`` section with its paths resolved and its defaults filled in."""
    settings: dict[str, Any] = {"comparator": None, "max_age": 3, "min_indicators": 3, "max_missing_share": 0.2,
                                "correlation_threshold": 0.7, "activities": None, "classification": None}
    settings.update(spec)
    for key in ("activities", "classification"):
        if settings[key] is not None:
            settings[key] = root / settings[key]
    return settings
