"""A new project from files: ``evidence init PROJECT --boundaries FILE... --lookup FILE [--values FILE...]``.

Writes a commented ``evidence.yml`` (and a catalogue skeleton ``indicators.csv``) from what
the files show: each boundary file's code and name columns (ONS ``WD19CD``/``WD19NM``,
``LSOA11CD``, or tidy ``ward_code``/``ward_name``), the lookup column that holds the same
codes, the area types smallest first (the lookup column with the most distinct codes is the
smallest type), and the indicator ids and names of the value files. What only the user can
decide is written as ``TO FILL IN`` (:mod:`evidence.placeholders`), and ``evidence validate``
then lists each of those with its line. An existing file is never overwritten.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from evidence.config import CONFIG_NAME
from evidence.errors import ProjectError
from evidence.placeholders import PLACEHOLDER

__all__ = ["init_project"]

_ONS = re.compile(r"^([A-Z]{2,6})(\d{2})CD$")
_TIDY = re.compile(r"^([a-z]+?)(\d{2})?_code$")
TYPE_NAMES = {"lsoa": "lsoa", "msoa": "msoa", "oa": "output_area", "wd": "ward", "ward": "ward", "lad": "district",
              "ltla": "district", "utla": "county", "cty": "county", "ctyua": "county", "rgn": "region",
              "ctry": "country", "district": "district", "par": "parish", "parish": "parish"}
LABELS = {"lsoa": "LSOA", "msoa": "MSOA", "output_area": "Output area"}
CATALOGUE = ["id", "name", "theme", "unit", "polarity", "value_type", "multiplier", "source", "definition"]


@dataclass(frozen=True)
class _Type:
    key: str
    boundaries: Path
    code: str
    name: str
    lookup_code: str
    lookup_name: str | None
    distinct: int


def _name_column(code: str, columns) -> str | None:
    """The name column that goes with code column ``code`` (``WD19CD`` -> ``WD19NM``, ``ward_code`` -> ``ward_name``).

    >>> _name_column("WD19CD", ["WD19CD", "WD19NM"]), _name_column("lsoa11_code", ["lsoa11_name"])
    ('WD19NM', 'lsoa11_name')
    """
    for candidate in (code[:-2] + "NM", code[:-4] + "name" if code.endswith("code") else None,
                      code[:-2] + "nm" if code.endswith("cd") else None):
        if candidate and candidate in columns:
            return candidate
    return None


def _code_columns(columns) -> list[str]:
    return [c for c in columns if _ONS.match(c) or _TIDY.match(c) or c.lower().endswith(("cd", "_code"))]


def _type_key(column: str) -> str:
    """``lsoa11_code`` -> ``lsoa``, ``WD19CD`` -> ``ward``, ``LAD19CD`` -> ``district``.

    >>> _type_key("WD19CD"), _type_key("lad19_code"), _type_key("lsoa11_code")
    ('ward', 'district', 'lsoa')
    """
    m = _ONS.match(column) or _TIDY.match(column)
    stem = (m.group(1) if m else re.sub(r"(_?code|cd)$", "", column, flags=re.I)).lower()
    stem = re.sub(r"\d+$", "", stem)
    return TYPE_NAMES.get(stem, stem or "area")


def _detect(boundaries: list[Path], lookup: pd.DataFrame) -> list[_Type]:
    lookup_codes = _code_columns(lookup.columns)
    found = []
    for path in boundaries:
        if not path.exists():
            raise ProjectError(f"Boundary file not found: '{path}'. Give the path of a boundary file (GeoJSON, "
                               "GeoPackage, Shapefile) after --boundaries.")
        shapes = gpd.read_file(path)
        columns = [c for c in shapes.columns if c != "geometry"]
        unique = [c for c in _code_columns(columns) if shapes[c].notna().all() and shapes[c].is_unique]
        if not unique:
            raise ProjectError(f"No column of '{path.name}' holds one area code per boundary (columns: "
                               f"{', '.join(columns)}). Add a code column (e.g. WD19CD) to the file.")
        overlap = {(c, lc): len(set(shapes[c].astype(str)) & set(lookup[lc].dropna()))
                   for c in unique for lc in lookup_codes}
        if not overlap or max(overlap.values()) == 0:
            raise ProjectError(f"No code of '{path.name}' is in the lookup: check that the lookup's columns "
                               f"({', '.join(lookup.columns)}) hold the codes of this file's areas, of the same "
                               "vintage.")
        code, lookup_code = max(overlap, key=overlap.get)
        name = _name_column(code, columns) or next((c for c in columns if c not in _code_columns(columns)), code)
        found.append(_Type(_type_key(lookup_code), path, code, name, lookup_code,
                           _name_column(lookup_code, lookup.columns), lookup[lookup_code].nunique()))
    found.sort(key=lambda t: -t.distinct)  # the smallest areas are the most numerous
    keys: dict[str, int] = {}
    result = []
    for t in found:
        keys[t.key] = keys.get(t.key, 0) + 1
        key = t.key if keys[t.key] == 1 else f"{t.key}_{keys[t.key]}"
        result.append(_Type(key, t.boundaries, t.code, t.name, t.lookup_code, t.lookup_name, t.distinct))
    return result


def _q(text) -> str:
    """A YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def _rel(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def _indicators(values: list[Path]) -> tuple[list[dict], list[str]]:
    """Catalogue rows and comments (categories, sexes, ages found) of each value file."""
    rows, notes = [], []
    for path in values:
        if not path.exists():
            raise ProjectError(f"Value file not found: '{path}'. Give the path of a value file after --values.")
        table = pd.read_csv(path, dtype=str, keep_default_na=False) if path.suffix.lower() == ".csv" else \
            pd.read_excel(path, dtype=str, keep_default_na=False)
        id_column = "indicator_id" if "indicator_id" in table else ("Indicator ID" if "Indicator ID" in table else None)
        if id_column is None:
            notes.append(f"{path.name}: no indicator_id column; see docs/project-format.md, 'Value files'.")
            continue
        name_column = next((c for c in ("indicator_name", "Indicator Name") if c in table), None)
        first = table.drop_duplicates(id_column)
        for _, r in first.iterrows():
            rows.append({"id": r[id_column], "name": r[name_column] if name_column else r[id_column],
                         "theme": PLACEHOLDER, "unit": r.get("measure") or PLACEHOLDER, "polarity": PLACEHOLDER,
                         "value_type": PLACEHOLDER, "multiplier": "1",
                         "source": r.get("source_id") or r.get("publisher") or PLACEHOLDER, "definition": ""})
        for column in ("sex", "age", "category"):
            if column in table and table[column].replace("", None).dropna().nunique() > 1:
                kinds = table[column].replace("", None).dropna().unique()
                notes.append(f"{path.name}: {len(kinds)} values of '{column}' ({', '.join(map(str, kinds[:4]))}"
                             f"{', ...' if len(kinds) > 4 else ''}): choose rows with 'rows' or make a "
                             "'proportion' (docs/project-format.md, 'Files as published').")
    return rows, notes


def init_project(project: str | Path, boundaries: list[str | Path], lookup: str | Path,
                 values: list[str | Path] = ()) -> list[Path]:
    """Write ``evidence.yml`` and ``indicators.csv`` for a new project in ``project``; return the files written.

    Raises :class:`~evidence.errors.ProjectError` when a file already exists (nothing is
    overwritten), a file is missing, or no boundary's codes are in the lookup.
    """
    root = Path(project)
    config, catalogue = root / CONFIG_NAME, root / "indicators.csv"
    for existing in (config, catalogue):
        if existing.exists():
            raise ProjectError(f"'{existing}' already exists: 'evidence init' never overwrites a file. Move it "
                               "away, or start the new project in another folder.")
    lookup_path = Path(lookup)
    if not lookup_path.exists():
        raise ProjectError(f"Lookup not found: '{lookup_path}'. Give the CSV that nests the areas after --lookup.")
    table = pd.read_csv(lookup_path, dtype=str, keep_default_na=False).replace("", None)
    types = _detect([Path(b) for b in boundaries], table)
    rows, notes = _indicators([Path(v) for v in values])
    root.mkdir(parents=True, exist_ok=True)
    text = _config_text(root, types, lookup_path, table, [Path(v) for v in values], notes)
    config.write_text(text, encoding="utf-8")
    pd.DataFrame(rows, columns=CATALOGUE).to_csv(catalogue, index=False)
    return [config, catalogue]


def _config_text(root: Path, types: list[_Type], lookup: Path, table: pd.DataFrame, values: list[Path],
                 notes: list[str]) -> str:
    largest = types[-1]
    codes = table[[largest.lookup_code] + ([largest.lookup_name] if largest.lookup_name else [])].drop_duplicates()
    if len(codes) == 1:
        focus, choices = codes.iloc[0, 0], ""
    else:
        focus = PLACEHOLDER
        listed = "; ".join(" ".join(str(v) for v in r) for r in codes.head(12).itertuples(index=False))
        choices = f"\n# The lookup's {largest.key} areas: {listed}{' ...' if len(codes) > 12 else ''}."
    out = [
        "# evidence.yml - written by 'evidence init' from the files below; docs/project-format.md",
        "# documents every setting. Replace each TO FILL IN ('evidence validate' lists them with",
        "# their lines), then run 'evidence validate' again until it says the project is valid.",
        "",
        f"name: {_q(root.resolve().name)}",
        f"# The area the strategy is for: a code of the largest area type ({largest.key}).{choices}",
        f"focus_area: {_q(focus)}",
        "",
        "# Area types, smallest first (from the lookup: the type with most areas is the smallest).",
        "geography:",
        "  area_types:",
    ]
    for t in types:
        out += [f"    {t.key}:  # {t.distinct} areas in the lookup",
                f"      label: {_q(LABELS.get(t.key, t.key.replace('_', ' ').capitalize()))}",
                f"      boundaries: {_q(_rel(t.boundaries, root))}",
                f"      code_column: {_q(t.code)}",
                f"      name_column: {_q(t.name)}"]
    out += ["  lookup:", f"    path: {_q(_rel(lookup, root))}", "    columns:"]
    for t in types:
        name = f", name: {_q(t.lookup_name)}" if t.lookup_name else ""
        out.append(f"      {t.key}: {{code: {_q(t.lookup_code)}{name}}}")
    out += ["", "# The strategy's themes, in report order: one '- {id: ..., name: ...}' per theme.",
            "# The catalogue's 'theme' column uses the ids.", "themes:",
            f"  - {{id: {_q(PLACEHOLDER)}, name: {_q(PLACEHOLDER)}}}", "",
            "# The indicator catalogue (indicators.csv: its theme, polarity and value_type are to fill in)",
            "# and the value files.", "indicators:", "  catalogue: indicators.csv", "  values:"]
    for v in values:
        out.append(f"    - path: {_q(_rel(v, root))}")
    if not values:
        out.append(f"    - path: {_q(PLACEHOLDER)}  # a value file (docs/project-format.md, 'Value files')")
    out += [f"    # {note}" for note in notes]
    out += ["", "# Each area type is compared with its largest ancestor type and England by default;",
            "# see 'benchmarks' in docs/project-format.md to change it.", ""]
    return "\n".join(out)
