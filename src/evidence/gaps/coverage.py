"""The existing activity register, and where it meets (or misses) the evidence.

The register lists what partners already do: one activity per row (CSV) or entry
(YAML list, or a mapping with an ``activities`` list), with the fields

===================  ==========================================================
``activity``         name of the activity (required)
``lead_partnership`` the partnership or organisation that leads it (required)
``themes``           semicolon list of theme ids or names (optional)
``indicators``       semicolon list of indicator ids it aims to move (optional)
``areas``            semicolon list of area codes, or ``all`` (required)
``start``, ``end``   first and last year (``2021`` or ``2021/22``); blank = open
===================  ==========================================================

An activity must name at least one theme or indicator. An activity *covers* an issue
(indicator x area) when it names the indicator, or names the indicator's theme and no
indicators at all; and when its areas are ``all``, the issue's area itself, an area
containing it (a district covers its wards and LSOAs) or a custom area containing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import get_close_matches
from pathlib import Path

import pandas as pd

from evidence.errors import did_you_mean
from evidence.gaps._frames import ancestors, require, text
from evidence.io.tables import read_text_table
from evidence.io.textfile import load_yaml
from evidence.problems import Problems

__all__ = ["REGISTER_COLUMNS", "activities_without_evidence", "issue_coverage", "read_activity_register"]

REGISTER_COLUMNS = ("activity", "lead_partnership", "themes", "indicators", "areas", "start", "end")
_REQUIRED = ("activity", "lead_partnership", "areas")
DOC = "docs/gap-analysis-inputs.md"
_YEAR = re.compile(r"^\s*(\d{4})(?:\s*(?:/|-|\s-\s)\s*\d{2,4})?\s*$")


def _split(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in str(value).split(";") if p.strip()]


def _read_rows(path: Path, problems: Problems) -> list[tuple[str, dict]] | None:
    """(place, record) pairs from a CSV or YAML register, or ``None`` (problem recorded)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame = read_text_table(path, problems)
        if frame is None:
            return None
        missing = [c for c in _REQUIRED if c not in frame.columns]
        for column in missing:
            problems.error(f"The activity register has no '{column}' column."
                           f"{did_you_mean(column, frame.columns)}",
                           f"Add it, or rename the column: the register's columns are {', '.join(REGISTER_COLUMNS)}.",
                           file=path, place="row 1", column=column)
        absent = [c for c in REGISTER_COLUMNS if c not in frame.columns]
        for column in frame.columns:
            near = get_close_matches(column.lower(), absent, n=1, cutoff=0.6)
            if column not in REGISTER_COLUMNS and near:
                problems.error(f"Unknown column '{column}'. Did you mean '{near[0]}'?",
                               f"Rename it: the register's columns are {', '.join(REGISTER_COLUMNS)}.",
                               file=path, place="row 1", column=column)
        if missing:
            return None
        return [(f"row {i}", {k: None if pd.isna(v) else v for k, v in rec.items() if k in REGISTER_COLUMNS})
                for i, rec in zip(frame.index, frame.to_dict("records"))]
    if suffix in (".yml", ".yaml"):
        data = load_yaml(path, problems, what="activity register", doc=DOC, top="activities", allow_list=True)
        if data is None:
            return None
        if isinstance(data, Mapping):
            data = data.get("activities")
        if not isinstance(data, list) or not all(isinstance(d, Mapping) for d in data):
            problems.error("Expected a list of activities (each a mapping of fields).",
                           "Write '- activity: ...' entries, or 'activities:' followed by such a list.", file=path)
            return None
        return [(f"activity {i}" + (f", line {rec.line}" if getattr(rec, "line", 0) else ""), dict(rec))
                for i, rec in enumerate(data, 1)]
    if not path.exists():
        problems.error(f"Activity register not found: '{path.name}'.",
                       f"Check the path (a .csv, .yml or .yaml file, see {DOC}).", file=path)
        return None
    problems.error(f"Cannot read '{path.name}': unknown file type '{suffix}'.",
                   "Use a .csv, .yml or .yaml file.", file=path)
    return None


def _year(value: object) -> int | None | str:
    """The first year of a period, ``None`` for blank, or the bad text."""
    raw = "" if value is None else str(value).strip()
    if raw == "":
        return None
    m = _YEAR.match(raw)
    return int(m.group(1)) if m else raw


def read_activity_register(path: str | Path, *, indicators: Iterable[str] | None = None,
                           themes: Iterable[str] | None = None, areas: Iterable[str] | None = None,
                           problems: Problems | None = None) -> pd.DataFrame:
    """Read and check an activity register; report every problem at once.

    Parameters
    ----------
    path
        The register: ``.csv``, ``.yml`` or ``.yaml`` (fields in the module docstring).
    indicators, themes, areas
        Known indicator ids, theme ids/names and area codes; names not among them are
        errors (with a "did you mean"). Leave out to skip that check.
    problems
        A :class:`~evidence.problems.Problems` list to add to; when not given, errors
        raise :class:`~evidence.errors.ValidationError` listing every problem.

    Returns
    -------
    pandas.DataFrame
        One row per activity: ``activity, lead_partnership, themes, indicators, areas``
        (tuples of text; ``areas`` is ``("all",)`` for everywhere), ``start, end``
        (``Int64`` years, missing when open), ``place`` (row or entry number).
    """
    path = Path(path)
    own = problems is None
    problems = problems if problems is not None else Problems(path.parent)
    rows = _read_rows(path, problems)
    known_ind = None if indicators is None else {str(i) for i in indicators}
    known_theme = None
    if themes is not None:
        known_theme = {}
        for t in themes:
            known_theme.setdefault(str(t).lower(), str(t))
    known_area = None if areas is None else {str(a) for a in areas}
    records = []
    first_place: dict[str, str] = {}
    for place, rec in rows or []:
        unknown = [k for k in rec if str(k) not in REGISTER_COLUMNS]
        for key in unknown:
            if place.startswith("activity"):
                problems.error(f"Unknown field '{key}'.{did_you_mean(key, REGISTER_COLUMNS)}",
                               f"Use only: {', '.join(REGISTER_COLUMNS)}.", file=path, place=place, column=str(key))
        name = str(rec.get("activity") or "").strip()
        if name and name.lower() in first_place:
            problems.error(f"Activity '{name}' is listed twice ({first_place[name.lower()]} and {place}).",
                           "Give each activity its own name (e.g. add the area it is for), or merge the two.",
                           file=path, place=place, column="activity")
        first_place.setdefault(name.lower(), place)
        for column in _REQUIRED:
            if not str(rec.get(column) or "").strip():
                problems.error(f"Activity '{name or '?'}' has no {column.replace('_', ' ')}.",
                               f"Fill in '{column}'" + (" (area codes separated by ';', or 'all')."
                                                        if column == "areas" else "."),
                               file=path, place=place, column=column)
        ind, thm, ars = _split(rec.get("indicators")), _split(rec.get("themes")), _split(rec.get("areas"))
        if not ind and not thm:
            problems.error(f"Activity '{name or '?'}' names no indicator and no theme.",
                           "List the indicator ids it aims to move in 'indicators' (separated by ';'), "
                           "or its themes in 'themes'.", file=path, place=place, column="indicators")
        if known_ind is not None:
            for i in ind:
                if i not in known_ind:
                    problems.error(f"Unknown indicator '{i}'.{did_you_mean(i, known_ind)}",
                                   "Use indicator ids from the catalogue, separated by ';'.",
                                   file=path, place=place, column="indicators")
        theme_ids = []
        for t in thm:
            if known_theme is not None and t.lower() not in known_theme:
                near = get_close_matches(t.lower(), list(known_theme), n=1, cutoff=0.5)
                problems.error(f"Unknown theme '{t}'." + (f" Did you mean '{known_theme[near[0]]}'?" if near else ""),
                               f"Use theme ids or names from evidence.yml: {', '.join(dict.fromkeys(known_theme.values()))}.",
                               file=path, place=place, column="themes")
            theme_ids.append(known_theme.get(t.lower(), t) if known_theme else t)
        if any(a.lower() == "all" for a in ars):
            if len(ars) > 1:
                problems.error("'all' is listed with other areas.", "Write either 'all' or a list of area codes.",
                               file=path, place=place, column="areas")
            ars = ["all"]
        elif known_area is not None:
            for a in ars:
                if a not in known_area:
                    problems.error(f"Unknown area code '{a}'.{did_you_mean(a, known_area)}",
                                   "Use area codes from the lookup or custom areas, separated by ';', or 'all'.",
                                   file=path, place=place, column="areas")
        years = {}
        for column in ("start", "end"):
            y = _year(rec.get(column))
            if isinstance(y, str):
                problems.error(f"'{y}' is not a year or period.", f"Write '{column}' as a year such as 2024 "
                               "or a period such as 2024/25, or leave it blank.", file=path, place=place,
                               column=column)
                y = None
            years[column] = y
        if years["start"] is not None and years["end"] is not None and years["end"] < years["start"]:
            problems.error(f"The activity ends ({years['end']}) before it starts ({years['start']}).",
                           "Swap or correct 'start' and 'end'.", file=path, place=place, column="end")
        records.append({"activity": name, "lead_partnership": str(rec.get("lead_partnership") or "").strip(),
                        "themes": tuple(theme_ids), "indicators": tuple(ind), "areas": tuple(ars),
                        "start": years["start"], "end": years["end"], "place": place})
    if own:
        problems.raise_if_errors()
    frame = pd.DataFrame(records, columns=list(REGISTER_COLUMNS) + ["place"])
    frame["start"] = pd.array(frame["start"].tolist(), dtype="Int64")
    frame["end"] = pd.array(frame["end"].tolist(), dtype="Int64")
    return frame


def _targets(register: pd.DataFrame, indicators: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """Long frame ``activity, indicator_id, covering_code`` of what each active activity targets."""
    require(register, ["activity", "themes", "indicators", "areas", "start", "end"], "register")
    reg = register
    if year is not None:
        start = pd.to_numeric(reg["start"]).fillna(-10**6)
        end = pd.to_numeric(reg["end"]).fillna(10**6)
        reg = reg[(start <= year) & (end >= year)]
    theme_of = pd.DataFrame({"indicator_id": text(indicators["id"]), "theme": text(indicators["theme"]),
                             "theme_name": text(indicators["theme_name"]) if "theme_name" in indicators
                             else text(indicators["theme"])})
    rows = []
    for r in reg.itertuples(index=False):
        ids = list(r.indicators)
        if not ids:
            wanted = {t.lower() for t in r.themes}
            ids = theme_of.loc[theme_of["theme"].str.lower().isin(wanted)
                               | theme_of["theme_name"].str.lower().isin(wanted), "indicator_id"].tolist()
        rows.extend((r.activity, i, a) for i in ids for a in r.areas)
    return pd.DataFrame(rows, columns=["activity", "indicator_id", "covering_code"]).drop_duplicates()


def issue_coverage(issues: pd.DataFrame, register: pd.DataFrame, indicators: pd.DataFrame,
                   areas: pd.DataFrame, *, year: int | None = None,
                   custom_areas: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """Which priority issues an existing activity addresses, and which none does.

    Parameters
    ----------
    issues
        Priority issues: at least ``indicator_id, area_code`` (e.g. the Worse rows of
        :func:`~evidence.gaps.performance_gaps` or the top of a priority list).
    register
        From :func:`read_activity_register`.
    indicators, areas
        The catalogue (for themes) and the areas table (for nesting).
    year
        Count only activities running in this year (``start <= year <= end``).
    custom_areas
        Custom area code -> member codes (``{c.code: c.members for c in config.custom_areas}``),
        so that an activity for a neighbourhood partnership covers its wards.

    Returns
    -------
    pandas.DataFrame
        ``issues`` with ``covered`` (bool) and ``activities`` ("; "-joined names, sorted).
        Filter ``~covered`` for the issues where additional interventions are required.
    """
    require(issues, ["indicator_id", "area_code"], "issues")
    targets = _targets(register, indicators, year)
    links = ancestors(areas, {k: list(v) for k, v in (custom_areas or {}).items()})
    keys = pd.DataFrame({"_row": range(len(issues)), "indicator_id": text(issues["indicator_id"]).to_numpy(),
                         "area_code": text(issues["area_code"]).to_numpy()})
    cover = keys.merge(links, on="area_code", how="left")
    cover["covering_code"] = cover["covering_code"].fillna(cover["area_code"])
    cover = pd.concat([cover, keys.assign(covering_code="all")], ignore_index=True)
    hits = cover.merge(targets, on=["indicator_id", "covering_code"])
    names = hits.groupby("_row")["activity"].agg(lambda s: "; ".join(sorted(set(s))))
    out = issues.reset_index(drop=True).copy()
    out["activities"] = names.reindex(range(len(out))).fillna("").to_numpy()
    out["covered"] = out["activities"] != ""
    return out


def activities_without_evidence(register: pd.DataFrame, gaps: pd.DataFrame, indicators: pd.DataFrame,
                                areas: pd.DataFrame, *,
                                custom_areas: Mapping[str, Iterable[str]] | None = None,
                                missing: pd.DataFrame | None = None, year: int | None = None) -> pd.DataFrame:
    """Activities whose indicators are not significantly worse in any area they cover.

    An activity is *evidenced* when at least one of its indicators is *Worse* in one of
    its areas or an area inside them (for ``all``: anywhere in ``gaps``). One that is not
    evidenced while some of its indicator x area pairs have no value that can be judged
    (``missing``: ``indicator_id, area_code``) is not judged at all: missing evidence is
    an evidence gap, never a sign that the activity is not needed. With ``year``, an
    activity not running in that year (ended before it, or starting after) is not
    current and is not judged either.

    Returns
    -------
    pandas.DataFrame
        ``register`` with ``evidenced`` (bool), ``worse_count``, ``missing_count``,
        ``status`` (``evidenced``, ``not shown``, ``evidence missing`` or ``not running``)
        and ``text``; filter ``status == "not shown"`` for activities addressing issues
        the evidence does not show.
    """
    require(gaps, ["indicator_id", "area_code", "judgement"], "gaps")
    if register.empty:
        return register.assign(evidenced=pd.Series(dtype=bool), worse_count=pd.Series(dtype=int),
                               missing_count=pd.Series(dtype=int), status=pd.Series(dtype=object),
                               text=pd.Series(dtype=object))
    targets = _targets(register, indicators, None)
    links = ancestors(areas, {k: list(v) for k, v in (custom_areas or {}).items()})

    def hits_of(pairs: pd.DataFrame) -> pd.DataFrame:
        found = pairs.merge(links, on="area_code", how="left")
        found["covering_code"] = found["covering_code"].fillna(found["area_code"])
        found = pd.concat([found, pairs.assign(covering_code="all")], ignore_index=True).drop_duplicates()
        return targets.merge(found, on=["indicator_id", "covering_code"]).drop_duplicates(
            ["activity", "indicator_id", "area_code"])

    worse = gaps[text(gaps["judgement"]) == "Worse"]
    worse = pd.DataFrame({"indicator_id": text(worse["indicator_id"]).to_numpy(),
                          "area_code": text(worse["area_code"]).to_numpy()})
    counts = hits_of(worse).groupby("activity").size()
    out = register.copy()
    out["worse_count"] = out["activity"].map(counts).fillna(0).astype(int).to_numpy()
    out["evidenced"] = out["worse_count"] > 0
    gap_hits = pd.DataFrame(columns=["activity", "indicator_id", "area_code"])
    if missing is not None and len(missing):
        pairs = pd.DataFrame({"indicator_id": text(missing["indicator_id"]).to_numpy(),
                              "area_code": text(missing["area_code"]).to_numpy()}).drop_duplicates()
        gap_hits = hits_of(pairs)
    out["missing_count"] = out["activity"].map(gap_hits.groupby("activity").size()).fillna(0).astype(int).to_numpy()
    running = pd.Series(True, index=out.index)
    if year is not None:
        running = ((pd.to_numeric(out["start"]).fillna(-10**6) <= year)
                   & (pd.to_numeric(out["end"]).fillna(10**6) >= year)).astype(bool)
    out["status"] = ["not running" if not run else "evidenced" if ev else "evidence missing" if n else "not shown"
                     for run, ev, n in zip(running, out["evidenced"], out["missing_count"])]
    names = dict(zip(text(indicators["id"]), text(indicators["name"])))
    area_names = dict(zip(text(areas["area_code"]), text(areas["area_name"])))
    texts = []
    for r in out.itertuples():
        if r.status == "not running":
            when = (f"ended in {r.end}" if pd.notna(r.end) and year is not None and r.end < year
                    else f"starts in {r.start}")
            texts.append(f"{r.activity}: {when}, so it is not current cover for the latest data ({year}).")
        elif r.status == "evidenced":
            texts.append(f"{r.activity}: {r.worse_count} significantly worse value(s) among its indicators and areas.")
        elif r.status == "evidence missing":
            first = gap_hits[gap_hits["activity"] == r.activity].iloc[0]
            pairs = "pair has" if r.missing_count == 1 else "pairs have"
            texts.append(f"{r.activity}: cannot be judged: {r.missing_count} of its indicator and area {pairs} "
                         f"no value that can be compared (e.g. {names.get(first.indicator_id, first.indicator_id)} in "
                         f"{area_names.get(first.area_code, first.area_code)}). This is an evidence gap, not a sign "
                         "that the activity is not needed.")
        else:
            texts.append(f"{r.activity}: the evidence does not show its indicators as significantly worse in its "
                         "areas; check whether it is still needed or whether other evidence supports it.")
    out["text"] = texts
    return out
