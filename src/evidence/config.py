"""The project configuration: ``evidence.yml`` read into typed, validated settings.

The format is documented field by field in ``docs/project-format.md``; ``FIELDS`` below
is the single list of every field the code reads, and a docs test keeps the two in step.
Reading never stops at the first problem: every problem goes into a
:class:`~evidence.problems.Problems` list so ``evidence validate`` can report them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from evidence.config_rules import check_values, repeated, where
from evidence.errors import ProjectError, did_you_mean
from evidence.io.textfile import load_yaml
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
    "ranked_type",
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
    "context.population": (False, (str, int)),  # Fingertips ids are numbers
    "context.deprivation": (False, (str, int)),  # Fingertips ids are numbers
    "profiles": (False, dict),
    "profiles.area_type": (False, str),
    "profiles.map_indicator": (False, (str, int)),  # Fingertips ids are numbers
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

    def where(self, dotted: str) -> dict[str, str | None]:
        """``place`` and ``column`` of the setting ``dotted`` (with its line) for a problem in evidence.yml."""
        return where(self.raw, dotted)

    def relative(self, path: Path) -> str:
        """``path`` relative to the project folder, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_config(project: str | Path) -> Path:
    """Return the config file of ``project`` (a folder or the file itself).

    Raises :class:`~evidence.errors.ProjectError` when there is no such file: then there
    is no project to report problems about. Anything wrong with the file itself (not
    UTF-8, a folder, not valid YAML) is a problem that :func:`read_config` reports.
    """
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


_EMPTY_FIX = {
    "geography.area_types": "List the area types, smallest first, each with its boundary file (see "
                            "docs/project-format.md).",
    "geography.lookup.columns": "Give the lookup's code column of every area type, e.g. lsoa: {code: lsoa_code}.",
    "themes": "List the strategy's themes, e.g. '- {id: safer, name: Safer}'.",
    "indicators.values": "List at least one value file, e.g. '- path: values.csv'.",
}


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false", dict: "a mapping",
             list: "a list"}
    return " or ".join(names.get(k, "empty") for k in kinds)


def _keys_at(spec: str) -> list[str]:
    """The setting names allowed directly under ``spec`` (a FIELDS path; "" for the top level)."""
    return [f.rsplit(".", 1)[-1] for f in FIELDS
            if (f.rsplit(".", 1)[0] == spec if "." in f else not spec) and not f.endswith("*")]


def _elsewhere(key: str, spec: str) -> str:
    """A hint where ``key`` belongs when it is a setting of another level (top level or one section)."""
    homes = [f.rsplit(".", 1)[0] for f in FIELDS if "." in f and f.rsplit(".", 1)[1] == key
             and f.rsplit(".", 1)[0] != spec and "*" not in f]
    if key in _keys_at("") and spec:
        return f" '{key}' is a top-level setting: write it at the start of a line, not indented."
    return f" '{key}' is a setting under '{homes[0]}': move it there." if len(homes) == 1 else ""


def _type_fix(value: Any, kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if value is None:
        if dict in kinds:
            return "Indent its settings under it (by two spaces), or delete the empty line."
        return "Give it a value after the colon, or delete the line."
    if (int in kinds or float in kinds) and isinstance(value, str):
        bare = value.strip().rstrip("%").strip()
        try:
            float(bare)
        except ValueError:
            pass
        else:
            return "Write the number on its own, without quotes or a % sign (see docs/project-format.md)."
    if kinds == (int,) and isinstance(value, float):
        return "Write a whole number, without a decimal point."
    if list in kinds and not isinstance(value, list):
        return "Write a list: one '- item' per line, or [item, item] on one line."
    if str in kinds and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "Put the value in quotes so that it is read as text."
    return "Correct the value (see docs/project-format.md)."


def _check_shape(data: Any, problems: Problems, file: Path, top: Any, spec: str = "", real: str = "") -> None:
    """Check ``data`` against FIELDS: unknown keys, missing keys and wrong types.

    ``spec`` is the FIELDS path of ``data`` ("*" for names and list items), ``real`` its
    path in the file (list items by index) and ``top`` the whole file, for lines.
    """
    if not isinstance(data, dict):
        return
    pattern = spec + ".*" if spec else "*"
    for key, value in data.items():
        dotted = f"{spec}.{key}" if spec else str(key)
        here = f"{real}.{key}" if real else str(key)
        label = str(key) if "*" in spec else dotted
        found = FIELDS.get(dotted) or FIELDS.get(pattern)
        if found is None:
            close = get_close_matches(str(key).lower(), _keys_at(spec), n=1, cutoff=0.8)
            hint = (f" Did you mean '{close[0]}'?" if close else
                    _elsewhere(str(key), spec) or did_you_mean(key, _keys_at(spec)))
            problems.error(f"Unknown setting '{label}'.{hint}",
                           "Remove it or correct its name (every setting is in docs/project-format.md).",
                           file=file, **where(top, here))
            continue
        _, kind = found
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            problems.error(f"Setting '{label}' should be {_type_name(kind)}, not {value!r}.",
                           _type_fix(value, kind), file=file, **where(top, here))
            continue
        child = dotted if FIELDS.get(dotted) else pattern
        if found[0] and isinstance(value, (dict, list)) and not value and not child.endswith("*"):
            problems.error(f"Setting '{label}' is empty.", _EMPTY_FIX.get(child, "Fill it in (see "
                           "docs/project-format.md)."), file=file, **where(top, here))
            continue
        if isinstance(value, dict):
            _check_shape(value, problems, file, top, child, here)
            _check_required(value, problems, file, top, child, here)
        elif isinstance(value, list) and FIELDS.get(child + ".*", (None, None))[1] is dict:
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    _check_shape(item, problems, file, top, child + ".*", f"{here}.{i}")
                    _check_required(item, problems, file, top, child + ".*", f"{here}.{i}")
                else:
                    problems.error(f"Each entry of '{child}' should be a mapping, not {item!r}.",
                                   "See docs/project-format.md for the entry's fields.",
                                   file=file, **where(top, f"{here}.{i}"))


def _check_required(data: dict, problems: Problems, file: Path, top: Any, spec: str, real: str) -> None:
    for dotted, (required, _) in FIELDS.items():
        parent, _, key = dotted.rpartition(".")
        if required and parent == spec and key != "*" and key not in data:
            spot = where(top, real) if real else {"place": f"setting '{key}'", "column": None}
            problems.error(f"Missing setting '{dotted}'.",
                           f"Add '{key}' under '{spec or 'the top level'}' (see docs/project-format.md).",
                           file=file, **spot)


def read_config(project: str | Path, problems: Problems | None = None) -> tuple[Config | None, Problems]:
    """Read and check a project's ``evidence.yml``.

    Returns the config (``None`` when it is too broken to use) and the problems found,
    each with the setting and its line. A file that is not UTF-8, a folder, invalid YAML
    or a setting given twice is a problem too (the config is then ``None``).
    Raises :class:`~evidence.errors.ProjectError` only when there is no such file.
    """
    file = find_config(project)
    root = file.parent
    problems = problems if problems is not None else Problems(root)
    before = len(problems.errors)
    if file.is_dir():
        problems.error(f"'{CONFIG_NAME}' is a folder, not the project's settings file.",
                       f"Move the folder out of the way (or rename it) and save the settings as the file "
                       f"{CONFIG_NAME} there (see docs/project-format.md).", file=file)
        return None, problems
    data = load_yaml(file, problems, what="project settings file", doc="docs/project-format.md")
    if data is None:
        return None, problems
    _check_shape(data, problems, file, data)
    _check_required(data, problems, file, data, "", "")
    well_formed = len(problems.errors) == before
    usable = check_values(data, problems, file)  # each rule skips a value of the wrong shape
    if not (well_formed and usable):
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
                           file=file, **where(data, "geography.lookup.columns"))
    for name in lookup_columns:
        if name not in area_types:
            problems.error(f"The lookup names area type '{name}', which is not in 'geography.area_types'."
                           f"{did_you_mean(name, area_types)}",
                           "Use the same area-type names in both places.",
                           file=file, **where(data, f"geography.lookup.columns.{name}"))
    england = geo.get("england") or {}
    customs, seen = [], set()
    for c in geo.get("custom_areas") or []:
        if str(c["code"]) not in seen:  # a second entry with the same code is reported by check_values
            seen.add(str(c["code"]))
            customs.append(CustomArea(str(c["code"]), c["name"], c["type"], tuple(str(m) for m in c["members"])))
    themes = tuple(Theme(str(t["id"]), str(t["name"])) for t in data["themes"])
    values_sources = []
    for i, spec in enumerate(data["indicators"]["values"]):
        fmt = spec.get("format", "tidy")
        if fmt not in VALUE_FORMATS:
            problems.error(f"Unknown value-file format '{fmt}'.{did_you_mean(fmt, VALUE_FORMATS)}",
                           f"Use one of: {', '.join(VALUE_FORMATS)}.",
                           file=file, **where(data, f"indicators.values.{i}.format"))
        values_sources.append(ValueSource(root / spec["path"], fmt, spec.get("sheet")))
    bench = data.get("benchmarks") or {}
    all_types = list(area_types) + sorted({c.type for c in customs})
    comparators = _comparators(bench.get("comparators"), list(area_types), all_types, problems, file, data)
    bench_values = bench.get("values", "auto")
    if bench_values not in BENCHMARK_VALUES:
        problems.error(f"Unknown benchmark value source '{bench_values}'."
                       f"{did_you_mean(bench_values, BENCHMARK_VALUES)}",
                       f"Use one of: {', '.join(BENCHMARK_VALUES)}.", file=file, **where(data, "benchmarks.values"))
    min_count = (data.get("disclosure") or {}).get("min_count", 5)
    context = data.get("context") or {}
    profiles = data.get("profiles") or {}
    profile_type = profiles.get("area_type")
    if profile_type is not None and profile_type not in all_types:
        problems.error(f"Unknown area type '{profile_type}' for profiles.{did_you_mean(profile_type, all_types)}",
                       f"Use one of: {', '.join(all_types)}.", file=file, **where(data, "profiles.area_type"))
    gap_settings = _gap_settings(data.get("gaps") or {}, root)
    _check_gap_comparator(gap_settings["comparator"], ranked_type(list(area_types), profile_type), comparators,
                          problems, file, data)
    return Config(
        root=root, file=file, name=data["name"], focus_area=str(data["focus_area"]),
        area_types=area_types, lookup_path=root / geo["lookup"]["path"],
        lookup_columns=lookup_columns, themes=themes,
        catalogue=root / data["indicators"]["catalogue"], value_sources=tuple(values_sources),
        comparators=comparators, benchmark_values=bench_values,
        england_code=str(england.get("code", ENGLAND_CODE)), england_name=england.get("name", "England"),
        custom_areas=tuple(customs), min_count=min_count,
        output=root / (data.get("build") or {}).get("output", ".evidence"),
        population_indicator=_text(context.get("population")), deprivation_indicator=_text(context.get("deprivation")),
        profile_area_type=profile_type, map_indicator=_text(profiles.get("map_indicator")),
        tiles=bool(profiles.get("tiles", False)),
        gap_settings=gap_settings, priority_settings=dict(data.get("priorities") or {}),
        raw=data,
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def ranked_type(type_order: list[str], profile_type: str | None) -> str:
    """The area type the gap analysis ranks: ``profiles.area_type``, else wards (the second of three or more)."""
    return profile_type or type_order[1 if len(type_order) > 2 else 0]


def _check_gap_comparator(token, ranked: str, comparators, problems, file, data) -> None:
    """``gaps.comparator`` must be a comparator of the ranked areas, or they all drop out of the gap table."""
    if token is None or ranked not in comparators:
        return
    allowed = list(comparators[ranked])
    if token not in allowed:
        problems.error(f"'gaps.comparator' is '{token}', which is not a comparator of {ranked} areas "
                       f"({', '.join(allowed)}), so every {ranked} would drop out of the gap analysis."
                       f"{did_you_mean(token, allowed)}",
                       f"Use one of: {', '.join(allowed)}; or add '{token}' to 'benchmarks.comparators.{ranked}'.",
                       file=file, **where(data, "gaps.comparator"))


def _comparators(spec, geo_types, all_types, problems, file, data) -> dict[str, tuple[str, ...]]:
    """Comparator tokens per area type; defaults to the largest type and England."""
    largest = geo_types[-1]
    result = {t: ((largest, "england") if t != largest else ("england",)) for t in all_types}
    for area_type, tokens in (spec or {}).items():
        spot = where(data, f"benchmarks.comparators.{area_type}")
        if area_type not in all_types:
            problems.error(f"Comparators are given for unknown area type '{area_type}'."
                           f"{did_you_mean(area_type, all_types)}",
                           f"Use one of: {', '.join(all_types)}.", file=file, **spot)
            continue
        if not tokens:
            problems.error(f"'benchmarks.comparators.{area_type}' is an empty list, so {area_type} areas would "
                           "be compared with nothing.",
                           "List at least one comparator, e.g. [england]; or delete the line for the default.",
                           file=file, **spot)
        for token in repeated(str(t) for t in tokens):
            problems.error(f"'benchmarks.comparators.{area_type}' lists '{token}' more than once.",
                           "List each comparator once: the first is the main one.", file=file, **spot)
        for token in tokens:
            token = str(token)
            is_code = len(token) == 9 and token[0].isalpha() and token[1:].isdigit()
            if token != "england" and token not in geo_types and not is_code:
                problems.error(f"Unknown comparator '{token}'.{did_you_mean(token, geo_types + ['england'])}",
                               f"Use 'england', an area type ({', '.join(geo_types)}) or a 9-character GSS code.",
                               file=file, **spot)
            elif token in geo_types and area_type in geo_types and geo_types.index(token) <= geo_types.index(area_type):
                larger = geo_types[geo_types.index(area_type) + 1:]
                problems.error(f"Area type '{area_type}' cannot be compared with '{token}', which is not larger.",
                               f"Name a larger area type ({', '.join(larger) or 'none is larger'}), 'england' "
                               "or an area code.", file=file, **spot)
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
