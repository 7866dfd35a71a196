"""The geography: every area, its type, its ancestors and its boundary.

Built from the lookup (which nests each smallest area into every larger type) and one
boundary file per area type, plus England and any custom areas from the config. The
result is one GeoDataFrame of areas (documented in ``docs/evidence-base.md``).
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import pandas as pd
import shapely

from evidence.config import Config
from evidence.errors import did_you_mean
from evidence.boundary_checks import check_cover, plausible_coordinates
from evidence.io.tables import TABLE_SUFFIXES, read_text_table
from evidence.io.textfile import line_of
from evidence.placeholders import is_placeholder
from evidence.problems import Problems

__all__ = ["ENGLAND_TYPE", "build_areas", "read_boundaries", "read_lookup"]

ENGLAND_TYPE = "england"
COMPARATOR_TYPE = "comparator"  # a comparator given as an area code outside the lookup
CRS = "EPSG:4326"


def read_lookup(config: Config, problems: Problems) -> pd.DataFrame | None:
    """Read the lookup into columns ``<type>_code`` and ``<type>_name``, one row per smallest area.

    Checks that every configured column exists, no code is blank, the smallest areas are
    unique and every area nests in exactly one area of each larger type.
    """
    path = config.lookup_path
    table = read_text_table(path, problems)
    if table is None:
        return None
    out = {}
    for area_type in config.type_order:
        code_col, name_col = config.lookup_columns.get(area_type, (None, None))
        for column, role in ((code_col, "code"), (name_col, "name")):
            if column is not None and column not in table.columns:
                problems.error(f"The lookup has no column '{column}' (the {area_type} {role}s)."
                               f"{did_you_mean(column, table.columns)}",
                               f"Correct 'geography.lookup.columns.{area_type}.{role}' in evidence.yml "
                               f"or the lookup's header. Its columns are: {', '.join(table.columns)}.",
                               file=path, column=column)
                return None
        out[f"{area_type}_code"] = table[code_col]
        out[f"{area_type}_name"] = table[name_col] if name_col else table[code_col]
    lookup = pd.DataFrame(out, index=table.index)
    smallest = config.type_order[0]
    for area_type in config.type_order:
        column = f"{area_type}_code"
        for row in lookup.index[lookup[column].isna()]:
            problems.error(f"Blank {area_type} code.", "Fill in the code, or remove the row.",
                           file=path, place=f"row {row}", column=config.lookup_columns[area_type][0],
                           kind=f"blank {area_type} codes")
    if not _codes_unique_across_types(lookup, config, path, problems):
        return None
    dup = lookup[f"{smallest}_code"].notna() & lookup[f"{smallest}_code"].duplicated()
    for row in lookup.index[dup]:
        code = lookup.at[row, f"{smallest}_code"]
        rows = lookup.index[lookup[f"{smallest}_code"] == code]
        parents = [f"{t} {', '.join(sorted(set(lookup.loc[rows, f'{t}_code'].dropna())))}"
                   for t in config.type_order[1:] if lookup.loc[rows, f"{t}_code"].nunique() > 1]
        where = f" (in {'; '.join(parents)})" if parents else ""
        problems.error(f"{smallest} '{code}' appears more than once, on rows {', '.join(map(str, rows))}{where}.",
                       f"Keep one row per {smallest}: the lookup must nest each one in exactly one area "
                       "of each larger type (for a best-fit lookup, the one holding most of its population).",
                       file=path, place=f"row {row}", column=config.lookup_columns[smallest][0],
                       kind=f"{smallest}s on more than one row")
    lookup = lookup[~dup]
    types = config.type_order
    for i, child in enumerate(types[1:-1], 1):
        for parent in types[i + 1:]:
            pairs = lookup[[f"{child}_code", f"{parent}_code"]].dropna().drop_duplicates()
            split = pairs[pairs[f"{child}_code"].duplicated(keep=False)]
            for code, group in split.groupby(f"{child}_code"):
                rows = lookup.index[lookup[f"{child}_code"] == code]
                problems.error(
                    f"{child} '{code}' does not nest: it is in {len(group)} {parent}s "
                    f"({', '.join(sorted(group[f'{parent}_code']))}).",
                    f"Every {child} must lie in one {parent}; correct the {parent} codes of its rows "
                    f"or check the lookup's vintage matches the boundaries.",
                    file=path, place=f"area {code} (rows {', '.join(map(str, rows[:5]))})",
                    column=config.lookup_columns[parent][0], kind=f"{child}s in more than one {parent}")
    return lookup.reset_index(drop=True)


def _codes_unique_across_types(lookup: pd.DataFrame, config: Config, path, problems: Problems) -> bool:
    """Whether no code is used for areas of two types (a ward code copied into the district column).

    The row reported is the one where the code is out of place: where its GSS prefix
    (``E05`` for wards) is not the usual one of the column it is in.
    """
    ok = True
    types = config.type_order
    usual = {t: lookup[f"{t}_code"].dropna().str[:3].mode() for t in types}
    usual = {t: (m.iloc[0] if len(m) else None) for t, m in usual.items()}
    for i, small in enumerate(types):
        for large in types[i + 1:]:
            shared = set(lookup[f"{small}_code"].dropna()) & set(lookup[f"{large}_code"].dropna())
            for code in sorted(shared):
                same_row = lookup.index[lookup[f"{small}_code"].eq(code) & lookup[f"{large}_code"].eq(code)]
                wrong, right = small, large
                if not len(same_row) and code[:3] == usual[small] != usual[large]:
                    wrong, right = large, small
                rows = same_row if len(same_row) else lookup.index[lookup[f"{wrong}_code"].eq(code)]
                column = config.lookup_columns[wrong][0]
                problems.error(f"'{code}' is used both in the {small} column and in the {large} column"
                               f"{' of the same row' if len(same_row) else ''}, so the two areas cannot be told "
                               "apart.",
                               f"Give each area its own code: check the {wrong} column '{column}' of this row "
                               f"(was the {right} code copied into it?) against the ONS lookup.",
                               file=path, place=f"row {rows[0]}", column=column,
                               kind=f"codes used at two levels ({small} and {large})")
                ok = False
    return ok


def read_boundaries(config: Config, area_type: str, problems: Problems) -> gpd.GeoDataFrame | None:
    """Read one area type's boundary file as ``area_code, area_name, geometry`` in EPSG:4326."""
    spec = config.area_types[area_type]
    path = spec.boundaries
    if not path.exists():
        problems.error(f"Boundary file not found for {area_type}s: '{path.name}'.",
                       f"Check 'geography.area_types.{area_type}.boundaries' in evidence.yml.", file=path)
        return None
    setting = f"geography.area_types.{area_type}.boundaries"
    line = line_of(config.raw, setting)
    place = f"setting '{setting}'" + (f", line {line}" if line else "")
    not_spatial = (f"'{path.name}' is not a boundary file: the setting '{setting}' must name a file of "
                   f"{area_type} polygons, not a table")
    fix = (f"Point '{setting}' at the {area_type} boundaries (GeoJSON, GeoPackage or Shapefile, e.g. from the ONS "
           "Open Geography Portal); tables such as the lookup go under 'geography.lookup'.")
    if path.is_dir() and not path.suffix and not any(path.glob("*.shp")):  # a folder of Shapefiles is read
        problems.error(f"'{path.name}' is a folder, not a boundary file.", fix, file=config.file, place=place)
        return None
    if path.suffix.lower() in TABLE_SUFFIXES + (".txt", ".tsv"):
        problems.error(f"{not_spatial} ('{path.suffix}').", fix, file=config.file, place=place)
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = gpd.read_file(path, layer=spec.layer) if spec.layer else gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several unrelated types for unreadable files
        problems.error(f"Cannot read boundary file '{path.name}': {exc}.",
                       "Check that GeoPandas can open it (GeoJSON, GeoPackage or Shapefile).", file=path)
        return None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns:
        problems.error(f"{not_spatial} (it has no geometries).", fix, file=config.file, place=place)
        return None
    ok = True
    for column, setting in ((spec.code_column, "code_column"), (spec.name_column, "name_column")):
        if column not in frame.columns:
            problems.error(f"The boundary file has no column '{column}'.{did_you_mean(column, frame.columns)}",
                           f"Correct 'geography.area_types.{area_type}.{setting}' in evidence.yml. "
                           f"The file's columns are: {', '.join(c for c in frame.columns if c != 'geometry')}.",
                           file=path, column=column)
            ok = False
    if frame.crs is None:
        problems.error("The boundary file has no coordinate reference system (CRS).",
                       "Save it with its CRS (e.g. EPSG:27700 or EPSG:4326), for example with "
                       "GeoDataFrame.set_crs(...).to_file(...), or add the .prj file of a Shapefile.",
                       file=path, column="geometry")
        ok = False
    if not ok:
        return None
    codes = frame[spec.code_column].astype(str).str.strip()
    empty = frame.geometry.isna() | frame.geometry.is_empty
    invalid = ~empty & ~frame.geometry.is_valid
    for i in frame.index[empty]:
        problems.error(f"Area '{codes[i]}' has no geometry.", "Add its polygon or remove the feature.",
                       file=path, place=f"area {codes[i]}", column="geometry", kind="areas without a geometry")
    for i in frame.index[invalid]:
        reason = shapely.is_valid_reason(frame.geometry[i])
        problems.error(f"Area '{codes[i]}' has an invalid geometry ({reason}).",
                       "Repair it, e.g. with GeoSeries.make_valid() or QGIS 'Fix geometries'.",
                       file=path, place=f"area {codes[i]}", column="geometry", kind="invalid geometries")
    for code in codes[codes.duplicated()].unique():
        problems.error(f"Area '{code}' appears more than once.", "Dissolve its parts into one feature.",
                       file=path, place=f"area {code}", column=spec.code_column, kind="areas given more than once")
    if not plausible_coordinates(frame[~empty & ~invalid], path, problems):
        return None
    result = gpd.GeoDataFrame(
        {"area_code": codes, "area_name": frame[spec.name_column].astype(str).str.strip()},
        geometry=frame.geometry, crs=frame.crs,
    )
    result = result[~empty & ~invalid & ~codes.duplicated()]
    result = result.to_crs(CRS).reset_index(drop=True)
    result.attrs["reported"] = sorted(set(codes[empty | invalid]))  # already reported: not "missing" too
    return result


def build_areas(config: Config, lookup: pd.DataFrame, boundaries: dict[str, gpd.GeoDataFrame | None],
                problems: Problems) -> gpd.GeoDataFrame:
    """Every area of the project as one GeoDataFrame.

    Columns: ``area_code, area_name, area_type, <type>_code`` for every larger type
    (the area's ancestors), ``custom`` and ``geometry``. Includes England (no geometry)
    and the custom areas (the union of their members' boundaries).
    """
    types = config.type_order
    frames = []
    for i, area_type in enumerate(types):
        cols = [f"{area_type}_code", f"{area_type}_name"] + [f"{t}_code" for t in types[i + 1:]]
        part = lookup[cols].drop_duplicates(f"{area_type}_code").rename(
            columns={f"{area_type}_code": "area_code", f"{area_type}_name": "area_name"})
        part.insert(2, "area_type", area_type)
        frames.append(part)
    areas = pd.concat(frames, ignore_index=True)
    geometry = pd.Series(None, index=areas.index, dtype=object)
    extras: dict[str, list[str]] = {}
    for area_type in types:
        bounds = boundaries.get(area_type)
        mask = areas["area_type"] == area_type
        if bounds is None:
            continue
        by_code = bounds.set_index("area_code")
        geometry[mask] = areas.loc[mask, "area_code"].map(by_code.geometry)
        named = areas.loc[mask, "area_code"].map(by_code["area_name"])
        same_as_code = areas.loc[mask, "area_name"] == areas.loc[mask, "area_code"]
        areas.loc[mask & same_as_code, "area_name"] = named[same_as_code]
        spec = config.area_types[area_type]
        missing = areas.loc[mask & geometry.isna() & ~areas["area_code"].isin(bounds.attrs.get("reported", [])),
                            "area_code"]
        for code in missing:
            problems.error(f"{area_type} '{code}' is in the lookup but has no boundary.",
                           f"Add it to '{spec.boundaries.name}' or check that the lookup and the boundaries "
                           "are of the same vintage.", file=spec.boundaries, place=f"area {code}",
                           column=spec.code_column, kind=f"{area_type}s in the lookup without a boundary")
        extras[area_type] = sorted(set(bounds["area_code"]) - set(areas.loc[mask, "area_code"]))
    areas = gpd.GeoDataFrame(areas, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)
    for area_type, extra in extras.items():
        _warn_not_in_lookup(config, area_type, extra, boundaries[area_type], areas, problems)
    check_cover(config, areas, boundaries, problems)
    areas["custom"] = False
    if config.focus_area not in set(areas["area_code"]) and not is_placeholder(config.focus_area):
        problems.error(f"The focus area '{config.focus_area}' is not in the lookup.",
                       f"Set 'focus_area' to one of the {types[-1]} codes: "
                       f"{', '.join(sorted(areas.loc[areas['area_type'] == types[-1], 'area_code'])[:10])}.",
                       file=config.file, **config.where("focus_area"))
    customs = _custom_areas(config, areas, problems)
    england = gpd.GeoDataFrame({"area_code": [config.england_code], "area_name": [config.england_name],
                                "area_type": [ENGLAND_TYPE], "custom": [False]},
                               geometry=gpd.GeoSeries([None], crs=CRS), crs=CRS)
    result = pd.concat([areas, customs, england, _comparator_areas(config, areas)], ignore_index=True)
    ancestors = [f"{t}_code" for t in types[1:]]
    result = result[["area_code", "area_name", "area_type", *ancestors, "custom", "geometry"]]
    return gpd.GeoDataFrame(result, geometry="geometry", crs=CRS).astype(
        {c: "string" for c in ["area_code", "area_name", "area_type", *ancestors]})


def _warn_not_in_lookup(config: Config, area_type: str, extra: list[str], bounds: gpd.GeoDataFrame,
                        areas: gpd.GeoDataFrame, problems: Problems) -> None:
    """Boundaries with no row in the lookup: inside the project (say exactly that) or beyond it.

    A best-fit LSOA -> ward lookup can give a small ward no LSOA at all, so the ward is
    in the boundary file, inside the district, but in no row of the lookup: it will have
    no values and no profile. That is not "a file covering a wider area".
    """
    if not extra:
        return
    spec = config.area_types[area_type]
    largest = config.type_order[-1]
    outline = areas.loc[(areas["area_type"] == largest) & areas.geometry.notna()]
    inside: dict[str, str] = {}
    if area_type != largest and len(outline):
        shapes = bounds.set_index("area_code").loc[extra]
        points = shapes.geometry.representative_point()
        for code, point in points.items():
            hit = outline[outline.geometry.contains(point)]
            if len(hit):
                inside[str(code)] = str(hit["area_code"].iloc[0])
    names = bounds.set_index("area_code")["area_name"]
    for code, parent in inside.items():
        problems.warn(f"{area_type} '{code}' ({names.get(code, code)}) is in the boundary file, inside {largest} "
                      f"'{parent}', but in no row of the lookup, so it has no values and no profile.",
                      f"Add its rows to the lookup ('{config.relative(config.lookup_path)}'); a best-fit lookup "
                      f"can give a small {area_type} no member at all, in which case say so to readers.",
                      file=spec.boundaries, place=f"area {code}", column=spec.code_column)
    beyond = [c for c in extra if c not in inside]
    if beyond:
        problems.warn(f"{len(beyond)} {area_type} boundaries outside the project's {largest}s are not in the lookup "
                      f"and are left out (e.g. {', '.join(beyond[:3])}).",
                      "Nothing to do if the file covers a wider area than the project.",
                      file=spec.boundaries, column=spec.code_column)


def _comparator_areas(config: Config, areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Comparators given as a GSS code and not in the lookup (a county, region, ICB...).

    They get area type ``comparator`` and no boundary; their name is the code until a
    value file names them (:func:`evidence.values.name_comparators`).
    """
    codes = [c for c in config.comparator_codes if c not in set(areas["area_code"])]
    return gpd.GeoDataFrame({"area_code": codes, "area_name": codes, "area_type": [COMPARATOR_TYPE] * len(codes),
                             "custom": [False] * len(codes)},
                            geometry=gpd.GeoSeries([None] * len(codes), crs=CRS), crs=CRS)


def _custom_areas(config: Config, areas: gpd.GeoDataFrame, problems: Problems) -> gpd.GeoDataFrame:
    known = areas.set_index("area_code")
    rows = []
    types = config.type_order
    raw = (config.raw.get("geography") or {}).get("custom_areas") or []
    for custom in config.custom_areas:
        index = next((i for i, c in enumerate(raw) if str(c.get("code")) == custom.code), None)

        def place(key: str, index=index, code=custom.code) -> str:
            line = line_of(config.raw, f"geography.custom_areas.{index}.{key}") if index is not None else None
            return f"custom area '{code}'" + (f", line {line}" if line else "")

        if custom.code in known.index:
            other = known.loc[custom.code]
            problems.error(f"Custom area code '{custom.code}' is already the code of {other['area_type']} "
                           f"'{other['area_name']}' in the lookup.",
                           "Give the custom area a code of its own, e.g. NP01.", file=config.file,
                           place=place("code"), column="code")
            continue
        if not custom.members:
            continue  # reported with the settings
        unknown = [m for m in custom.members if m not in known.index]
        if unknown:
            problems.error(f"Custom area '{custom.code}' has members not in the lookup: {', '.join(unknown)}.",
                           f"Use {' or '.join(t for t in types[:-1]) or types[0]} codes from the lookup.",
                           file=config.file, place=place("members"), column="members")
            continue
        member_types = set(known.loc[list(custom.members), "area_type"])
        if len(member_types) != 1:
            problems.error(f"Custom area '{custom.code}' mixes member types ({', '.join(sorted(member_types))}).",
                           "List members of one area type only.", file=config.file, place=place("members"),
                           column="members")
            continue
        member_type = member_types.pop()
        members = known.loc[list(custom.members)]
        row = {"area_code": custom.code, "area_name": custom.name, "area_type": custom.type,
               "custom": True, "geometry": shapely.union_all(members.geometry.dropna().values)}
        for t in types[types.index(member_type) + 1:]:
            parents = set(members[f"{t}_code"].dropna())
            row[f"{t}_code"] = parents.pop() if len(parents) == 1 else None
        rows.append(row)
    if not rows:
        return gpd.GeoDataFrame(columns=["area_code", "area_name", "area_type", "custom", "geometry"],
                                geometry="geometry", crs=CRS)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
