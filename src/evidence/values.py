"""Indicator values: every value file read, checked and combined into one tidy table.

The checks here are about the values themselves and how they refer to the catalogue
and the geography: unknown ids and codes, duplicates, non-numeric cells, impossible
counts, periods that cannot be read, areas with data but no boundary. Every problem is
recorded with its file, row, column and a fix; nothing is raised.
"""

from __future__ import annotations

import re

import pandas as pd
import shapely

from evidence.config import Config, ValueSource
from evidence.consistency import check_ratios, decimals
from evidence.errors import did_you_mean
from evidence.io.fingertips import read_fingertips
from evidence.io.tables import read_text_table, to_number
from evidence.problems import Problems
from evidence.value_options import ValueOptions
from evidence.value_reshape import apply_options

__all__ = ["NUMBER_COLUMNS", "TIDY_COLUMNS", "comparator_names", "parse_period", "read_values"]

TIDY_COLUMNS = ("indicator_id", "area_code", "period", "value")
NUMBER_COLUMNS = ("value", "numerator", "denominator", "lower", "upper")
SUGGESTED = 10  # unknown codes given a "did you mean" (each compares with every code of its kind)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def parse_period(period: pd.Series) -> pd.Series:
    """First calendar year of each period label (``"2019/20"`` -> 2019), or <NA>.

    Reads ``2019``, ``2019/20``, ``2019-20``, ``2017 - 19``, ``2019/20 Q1``, ``mid-2018``,
    ``IoD2019`` and the like: the first four-digit year in the label.
    """
    first = period.astype("string").str.extract(_YEAR, expand=False)
    return pd.to_numeric(first, errors="coerce").astype("Int64")


def _read_source(source: ValueSource, config: Config, catalogue: pd.DataFrame | None,
                 problems: Problems, breakdowns: list | None = None) -> pd.DataFrame | None:
    if source.format == "fingertips":
        return read_fingertips(source.path, problems, breakdowns)
    table = read_text_table(source.path, problems, sheet=source.sheet)
    if table is None:
        return None
    missing = [c for c in TIDY_COLUMNS if c not in table.columns]
    for column in missing:
        problems.error(f"The value file has no '{column}' column.{did_you_mean(column, table.columns)}",
                       f"A tidy value file needs {', '.join(TIDY_COLUMNS)} (and optionally numerator, "
                       "denominator, lower, upper). For a Fingertips download add 'format: fingertips'.",
                       file=source.path, column=column)
    if missing:
        return None
    if source.options != ValueOptions(source.options.entry):
        table = apply_options(table, source, config, catalogue, problems)
        if table is None:
            return None
    return table.reindex(columns=list(TIDY_COLUMNS) + ["numerator", "denominator", "lower", "upper", "area_name"])


def read_values(config: Config, catalogue: pd.DataFrame | None, areas: pd.DataFrame | None,
                problems: Problems, breakdowns: list | None = None) -> pd.DataFrame | None:
    """Read every value file and return one typed table.

    Columns: ``indicator_id, area_code, area_type, period, year, value, numerator,
    denominator, lower, upper, source_file``. Rows with unknown ids or codes are
    reported and left out, so that the other checks can still run. When ``breakdowns``
    is a list, the breakdown rows of Fingertips downloads are appended to it as text
    frames with a ``source_file`` column (typed by :func:`evidence.breakdowns.read_breakdowns`).
    """
    frames = []
    for source in config.value_sources:
        found: list = []
        raw = _read_source(source, config, catalogue, problems, found)
        if breakdowns is not None:
            breakdowns += [f.assign(source_file=config.relative(source.path)) for f in found if len(f)]
        if raw is None:
            continue
        name = config.relative(source.path)
        frames.append(_check_file(raw, source, name, catalogue, areas, config, problems))
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        if not problems.errors:
            problems.error("No indicator values were read.", "List at least one value file under "
                           "'indicators.values' in evidence.yml.", file=config.file)
        return None
    values = pd.concat(frames, ignore_index=True)
    _check_duplicates(values, problems)
    _check_counts(values, catalogue, problems)
    _warn_missing_periods(values, problems)
    names = comparator_names(values, areas)
    values = values.drop(columns=["_row", "_decimals", "_area_name"]).astype(
        {"indicator_id": "string", "area_code": "string", "area_type": "string", "period": "string",
         "source_file": "string"})
    values.attrs["comparator_names"] = names  # read by evidence.validation to name the areas
    return values


def comparator_names(values: pd.DataFrame, areas: pd.DataFrame | None) -> dict[str, str]:
    """The names the value files give the comparators set as a code (``area_name`` column).

    A county or region set as a comparator is not in the lookup, so its name can only
    come from a value file (a tidy file's optional ``area_name``, Fingertips' Area Name).
    """
    if areas is None or "_area_name" not in values.columns:
        return {}
    outside = set(areas.loc[areas["area_type"] == "comparator", "area_code"])
    named = values[values["area_code"].isin(outside) & values["_area_name"].notna()]
    return {str(k): str(v).strip() for k, v in named.groupby("area_code")["_area_name"].first().items()
            if str(v).strip()}


def _check_file(raw: pd.DataFrame, source: ValueSource, name: str, catalogue, areas, config: Config,
                problems: Problems) -> pd.DataFrame:
    path = source.path
    frame = pd.DataFrame({"indicator_id": raw["indicator_id"], "area_code": raw["area_code"],
                          "period": raw["period"]}, index=raw.index)
    names = raw["area_name"] if "area_name" in raw.columns else pd.Series(None, index=raw.index, dtype=object)
    for column in ("indicator_id", "area_code", "period"):
        for row in frame.index[frame[column].isna()]:
            problems.error(f"Blank {column.replace('_', ' ')}.", "Fill it in or remove the row.",
                           file=path, place=f"row {row}", column=column, kind=f"blank {column}")
    frame = frame.dropna(subset=["indicator_id", "area_code", "period"])
    for column in NUMBER_COLUMNS:
        numbers, bad = to_number(raw.loc[frame.index, column])
        for row in frame.index[bad]:
            problems.error(f"'{raw.at[row, column]}' is not a number.",
                           "Write a plain number (e.g. 12.5, no units or text), or leave the cell blank "
                           "if the value is missing.", file=path, place=f"row {row}", column=column,
                           kind="text where a number should be")
        frame[column] = numbers
    frame["_decimals"] = decimals(raw.loc[frame.index, "value"])
    frame["year"] = parse_period(frame["period"])
    for row in frame.index[frame["year"].isna()]:
        problems.error(f"Period '{frame.at[row, 'period']}' cannot be read.",
                       "Start the period with its four-digit year, e.g. 2019, 2019/20 or 2017 - 19.",
                       file=path, place=f"row {row}", column="period", kind="a period that cannot be read")
    frame = frame[frame["year"].notna()]

    if catalogue is not None:
        known_ids = set(catalogue["id"])
        unknown = ~frame["indicator_id"].isin(known_ids)
        for ident, rows in frame.index[unknown].groupby(frame.loc[unknown, "indicator_id"]).items():
            problems.error(f"Unknown indicator id '{ident}'.{did_you_mean(ident, known_ids)}",
                           "Add the indicator to the catalogue, or correct the id.", file=path,
                           place=_rows(rows), column="indicator_id", kind="indicator ids not in the catalogue",
                           count=len(rows))
        frame = frame[~unknown]

    if areas is not None:
        area_type = frame["area_code"].map(areas.set_index("area_code")["area_type"])
        unknown = area_type.isna()
        if source.format == "fingertips":
            if unknown.any():
                problems.warn(f"Left out {int(unknown.sum())} rows for {frame.loc[unknown, 'area_code'].nunique()} "
                              "areas that are not in the project (Fingertips downloads include other areas).",
                              "Nothing to do.", file=path, column="Area Code")
        else:
            known_codes = list(areas["area_code"])
            groups = frame.index[unknown].groupby(frame.loc[unknown, "area_code"]).items()
            for n, (code, rows) in enumerate(groups):
                # Only the first few are shown (the rest are grouped): suggest for those alone.
                hint = _suggest_code(code, known_codes) if n < SUGGESTED else ""
                problems.error(f"Unknown area code '{code}'.{hint}",
                               "Use a code from the lookup, a custom area, England "
                               f"({config.england_code}) or a comparator set as a code in "
                               "'benchmarks.comparators'; check the codes' vintage (codes of another vintage, such as "
                               "2021 LSOAs in a 2011 project, are read through a change lookup: 'recode' in "
                               "docs/project-format.md).",
                               file=path, place=_rows(rows), column="area_code", kind="area codes not in the project",
                               count=len(rows))
        frame["area_type"] = area_type
        frame = frame[~unknown]
        # Types whose boundary file could not be read at all are reported with that file, not per area.
        shapes = areas.geometry.to_numpy()
        drawn = areas.loc[~shapely.is_missing(shapes) & ~shapely.is_empty(shapes), "area_type"].unique()
        no_boundary = areas.loc[areas.geometry.isna() & areas["area_type"].isin(drawn), "area_code"]
        orphan = frame["area_code"].isin(set(no_boundary))
        for code, rows in frame.index[orphan].groupby(frame.loc[orphan, "area_code"]).items():
            problems.error(f"Area '{code}' has data but no boundary.",
                           "Add its boundary to the boundary file of its type, or remove its rows.",
                           file=path, place=f"area {code} ({_rows(rows)})", column="area_code",
                           kind="areas with data but no boundary")
    else:
        frame["area_type"] = None
    frame["source_file"] = name
    frame["_area_name"] = names.reindex(frame.index)
    frame["_row"] = [f"{name}:{r}" for r in frame.index]
    return frame.reset_index(drop=True)


def same_kind(code: str, codes) -> list[str]:
    """The codes of the same kind as ``code``, for a "did you mean": the same GSS prefix
    (``E01`` LSOAs, ``E05`` wards...), so that an LSOA code never suggests a ward.

    >>> same_kind("E01999O01", ["E01999001", "E05999001", "NP01"])
    ['E01999001']
    """
    prefix = str(code).strip().upper()[:3]
    if re.fullmatch(r"[A-Z]\d\d", prefix):
        return [c for c in codes if str(c).upper().startswith(prefix)]
    return [c for c in codes if not re.match(r"[A-Z]\d\d\d{6}$", str(c))]


def _suggest_code(code: str, codes: list[str]) -> str:
    """A "did you mean" among codes of the same kind; a letter O or I typed for 0 or 1 first."""
    digits = str(code).strip().upper()
    digits = digits[:1] + digits[1:].replace("O", "0").replace("I", "1").replace("L", "1")
    if digits != code and digits in set(codes):
        return f" Did you mean '{digits}'?"
    return did_you_mean(code, same_kind(code, codes))


def _rows(rows) -> str:
    rows = list(rows)
    shown = ", ".join(str(r) for r in rows[:5])
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"


def _where(rows: pd.Series) -> tuple[str, str]:
    """(file, place) for problems that span value rows identified by '<file>:<row>'."""
    files = rows.str.rsplit(":", n=1).str[0]
    numbers = rows.str.rsplit(":", n=1).str[1]
    return files.iloc[0], _rows(numbers[files == files.iloc[0]])


def _check_duplicates(values: pd.DataFrame, problems: Problems) -> None:
    key = ["indicator_id", "area_code", "period"]
    dup = values.duplicated(key, keep=False)
    for (ident, code, period), group in values[dup].groupby(key):
        file, place = _where(group["_row"])
        files = group["_row"].str.rsplit(":", n=1).str[0]
        also = f" (also in {', '.join(sorted(set(files) - {file}))})" if files.nunique() > 1 else ""
        problems.error(f"Indicator '{ident}' has {len(group)} rows for area {code} and period {period}{also}.",
                       "Keep one row per indicator, area and period.", file=file, place=place, column="period",
                       kind="more than one row for the same indicator, area and period",
                       count=int((group["_row"].str.rsplit(":", n=1).str[0] == file).sum()))


def _check_counts(values: pd.DataFrame, catalogue: pd.DataFrame | None, problems: Problems) -> None:
    value_type = values["indicator_id"].map(catalogue.set_index("id")["value_type"]) if catalogue is not None \
        else pd.Series(None, index=values.index)
    num, den = values["numerator"], values["denominator"]
    checks = [
        (num < 0, "numerator", "Counts cannot be negative.", "Correct the count."),
        (den < 0, "denominator", "Denominators cannot be negative.", "Correct the denominator."),
        ((value_type == "count") & (values["value"] < 0), "value", "A count cannot be negative.",
         "Correct the value."),
        (den == 0, "denominator", "The denominator is 0, so no value can be computed.",
         "Give the population at risk, or leave numerator and denominator blank."),
        ((value_type == "proportion") & (num > den) & (den > 0), "numerator", "The numerator is greater than the denominator "
         "for a proportion.", "Check that the two columns are not swapped and hold the same population."),
        (values["lower"] > values["upper"], "lower", "The lower limit is above the upper limit.",
         "Check that the two limits are not swapped."),
        ((values["value"] < values["lower"]) | (values["value"] > values["upper"]), "value",
         "The value lies outside its own confidence interval.", "Check the value and its limits."),
    ]
    for mask, column, message, fix in checks:
        mask = mask.fillna(False).astype(bool)
        for row in values.index[mask]:
            r = values.loc[row]
            file, _, line = r["_row"].rpartition(":")
            given = ", ".join(f"{c} {r[c]:g}" for c in ("value", "numerator", "denominator") if pd.notna(r[c]))
            problems.error(f"{message} (indicator '{r['indicator_id']}', area {r['area_code']}, period "
                           f"{r['period']}: {given}.)", fix, file=file, place=f"row {line}", column=column,
                           kind=message.rstrip(".").lower())
    check_ratios(values, catalogue, problems)
    blank = values["value"].isna() & (values["numerator"].isna() | values["denominator"].isna())
    for file, rows in values.loc[blank, "_row"].groupby(values.loc[blank, "source_file"]):
        _, place = _where(rows)
        problems.warn(f"{len(rows)} row{'s have' if len(rows) > 1 else ' has'} no value (and no numerator and "
                      "denominator to compute one).",
                      "Nothing to do if the data are missing or suppressed at source; they are shown as missing.",
                      file=file, place=place, column="value")


def _warn_missing_periods(values: pd.DataFrame, problems: Problems) -> None:
    """Warn where an indicator has a period for some areas of a type but not for others."""
    have = values.groupby(["indicator_id", "area_type"])["area_code"].nunique()
    per_period = values.groupby(["indicator_id", "area_type", "period"])["area_code"].nunique()
    gaps = per_period[per_period < per_period.index.droplevel("period").map(have)]
    files = values.groupby("indicator_id")["source_file"].first()
    for (ident, area_type, period), n in gaps.items():
        total = have[(ident, area_type)]
        problems.warn(f"Indicator '{ident}' has period {period} for {n} of {total} {area_type} areas.",
                      "Nothing to do if the data were not published for the others; they are shown as missing.",
                      file=files[ident], place=f"indicator {ident}", column="period")
