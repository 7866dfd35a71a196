"""The project configuration: ``evidence.yml`` read into typed, validated settings.

The format is documented field by field in ``docs/project-format.md``; ``FIELDS``
(:mod:`evidence.config_shape`) is the single list of every field the code reads, and a
docs test keeps the two in step. The shape of the file is checked there, the values of
the settings in :mod:`evidence.config_rules`.
Reading never stops at the first problem: every problem goes into a
:class:`~evidence.problems.Problems` list so ``evidence validate`` can report them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence.config_rules import check_values, repeated, where
from evidence.config_shape import FIELDS, check_shape
from evidence.deprivation_scale import DeprivationScale, read_scale
from evidence.errors import ProjectError, did_you_mean
from evidence.io.textfile import load_yaml
from evidence.placeholders import config_placeholders
from evidence.problems import Problems
from evidence.value_options import OPTION_KEYS, ValueOptions, options_of

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
    options: ValueOptions = field(default_factory=ValueOptions)


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
    deprivation_scale: DeprivationScale = field(default_factory=DeprivationScale)
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

    def type_label(self, area_type: str, *, plural: bool = False, capital: bool = False) -> str:
        """How an area type is named to a reader: its ``label`` (acronyms kept, "LSOA"), never its key.

        >>> Config.type_label(Config.__new__(Config), "neighbourhood_area", plural=True)
        'neighbourhood areas'
        """
        spec = (getattr(self, "area_types", None) or {}).get(area_type)
        if spec is None and area_type in ("england", "comparator"):  # geography's ENGLAND_TYPE, COMPARATOR_TYPE
            label = getattr(self, "england_name", "England") if area_type == "england" else "comparator area"
            return label + ("s" if plural and area_type != "england" else "")
        label = spec.label if spec is not None else str(area_type).replace("_", " ")
        if not label.isupper():
            label = label.lower()
        if plural:
            label += "s"
        return label[:1].upper() + label[1:] if capital else label

    @property
    def comparator_codes(self) -> list[str]:
        """Comparators given as an area code (a county, region, ICB...), in the order first listed.

        Their values come from the value files (never aggregated), so the files may have
        rows for them although they are not in the lookup.
        """
        names = {"england", *self.area_types, *self.custom_types}
        codes: list[str] = []
        for tokens in self.comparators.values():
            codes.extend(t for t in tokens if t not in names and t != self.england_code and t not in codes)
        return codes

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
    check_shape(data, problems, file)
    if isinstance(data, dict):
        config_placeholders(data, problems, file)  # left by 'evidence init'
    well_formed = len(problems.errors) == before + sum(1 for p in problems.errors[before:]
                                                       if "still to fill in" in p.message)
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
        used = [key for key in OPTION_KEYS if key in spec]
        if fmt == "fingertips" and used:
            problems.error(f"'{used[0]}' is an option of tidy value files; this one is a Fingertips download, read "
                           "as it comes (Persons rows of each indicator's most common age band).",
                           f"Remove '{used[0]}' from this entry, or save the rows you need as a tidy file.",
                           file=file, **where(data, f"indicators.values.{i}.{used[0]}"))
        values_sources.append(ValueSource(root / spec["path"], fmt, spec.get("sheet"), options_of(spec, i, root)))
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
        deprivation_scale=read_scale(context, problems, file, lambda dotted: where(data, dotted)),
        profile_area_type=profile_type, map_indicator=_text(profiles.get("map_indicator")),
        tiles=bool(profiles.get("tiles", False)),
        gap_settings=gap_settings, priority_settings=dict(data.get("priorities") or {}),
        raw=data,
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def ranked_type(type_order: list[str], profile_type: str | None) -> str:
    """The one rule for the area type the reports are about by default (profiles, the gap ranking,
    validate's setting checks): ``profiles.area_type``, else the second smallest of three or more
    types (wards, between LSOAs and the district), else the smallest.

    >>> ranked_type(["lsoa", "ward", "district"], None), ranked_type(["lsoa", "district"], None)
    ('ward', 'lsoa')
    """
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
