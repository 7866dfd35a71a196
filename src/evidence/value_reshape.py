"""Applying a value file's options to the table as read: rows chosen, indicators mapped,
categories made a proportion, codes of another vintage recoded.

What each option means is declared in :mod:`evidence.value_options` (which ``config``
reads without loading pandas); this module does the work on the table, before the values
are checked. A mistake in an option is a problem in ``evidence.yml`` with the setting's
line, and the file is then left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from evidence.errors import did_you_mean
from evidence.io.tables import to_number
from evidence.problems import Problems
from evidence.recode import number_text, recode
from evidence.value_options import FILTER_COLUMNS, SUM, ValueOptions

if TYPE_CHECKING:
    from evidence.config import Config, ValueSource

__all__ = ["apply_options"]

SHOWN = 12  # values listed in a message


def _listed(values) -> str:
    values = [str(v) for v in values]
    more = f" and {len(values) - SHOWN} more" if len(values) > SHOWN else ""
    return ", ".join(f"'{v}'" for v in values[:SHOWN]) + more


def apply_options(table: pd.DataFrame, source: ValueSource, config: Config, catalogue: pd.DataFrame | None,
                  problems: Problems) -> pd.DataFrame | None:
    """``table`` (a tidy value file as read) with the entry's options applied; ``None`` if one cannot be.

    Never changes ``table``; problems with an option are recorded against ``evidence.yml``.
    """
    options = source.options
    before = len(problems.errors)
    table = _filter_rows(table, source, config, problems)
    if table is not None and options.indicators is not None:
        table = _select(table, source, config, catalogue, problems)
    if table is not None and options.proportion is not None:
        table = _proportion(table, source, config, problems)
    if table is not None and options.recode is not None:
        table = recode(table, source, config, catalogue, problems)
    return table if len(problems.errors) == before else None


def _error(config: Config, setting: str, message: str, fix: str, problems: Problems) -> None:
    problems.error(message, fix, file=config.file, **config.where(setting))


def _filter_rows(table: pd.DataFrame, source: ValueSource, config: Config, problems: Problems) -> pd.DataFrame | None:
    options, name = source.options, config.relative(source.path)
    keep = pd.Series(True, index=table.index)
    ok = True
    for column, wanted in options.rows:
        setting = options.setting(f"rows.{column}")
        if column not in table.columns:
            _error(config, setting, f"The value file '{name}' has no '{column}' column, so its rows cannot be "
                   f"chosen by {column}.{did_you_mean(column, table.columns)}",
                   f"Remove 'rows.{column}' from this value file's entry; its columns are: "
                   f"{', '.join(table.columns)}.", problems)
            ok = False
            continue
        present = list(pd.unique(table[column].dropna()))
        for value in wanted:
            if value not in present:
                _error(config, setting, f"The '{column}' column of '{name}' has no value '{value}'."
                       f"{did_you_mean(value, present)}",
                       f"Use one of its values: {_listed(present) or 'none (the column is blank)'}.", problems)
                ok = False
        keep &= table[column].isin(wanted)
    return table[keep] if ok else None


def _select(table: pd.DataFrame, source: ValueSource, config: Config, catalogue: pd.DataFrame | None,
            problems: Problems) -> pd.DataFrame | None:
    """Only the rows of the ids the entry takes, under their catalogue ids; one warning for the others."""
    options, name = source.options, config.relative(source.path)
    present = list(pd.unique(table["indicator_id"].dropna()))
    known = None if catalogue is None else set(catalogue["id"])
    mapping = {}
    for source_id, catalogue_id in options.indicators or ():
        setting = options.setting(f"indicators.{source_id}") if isinstance(
            config.raw["indicators"]["values"][options.entry].get("indicators"), dict) else options.setting("indicators")
        if source_id not in present:
            _error(config, setting, f"Indicator id '{source_id}' is not in the value file '{name}'."
                   f"{did_you_mean(source_id, present)}",
                   f"Use an id of the file's 'indicator_id' column: {_listed(present)}.", problems)
        elif known is not None and catalogue_id not in known:
            _error(config, setting, f"'{source_id}' is mapped to '{catalogue_id}', which is not in the catalogue."
                   f"{did_you_mean(catalogue_id, known)}",
                   "Add that indicator to the catalogue, or map the source id to a catalogue id "
                   "(source_id: catalogue_id).", problems)
        else:
            mapping[source_id] = catalogue_id
    skipped = [i for i in present if i not in dict(options.indicators or ())]
    if skipped:
        problems.warn(f"Skipped {len(skipped)} indicator id{'s' if len(skipped) > 1 else ''} of this file that "
                      f"'indicators' does not take: {_listed(skipped)}.",
                      f"Nothing to do; to use one, add it under '{options.setting('indicators')}' in evidence.yml "
                      "(and to the catalogue).", file=source.path, column="indicator_id")
    taken = table[table["indicator_id"].isin(mapping)].copy()
    taken["indicator_id"] = taken["indicator_id"].map(mapping)
    return taken


def _proportion(table: pd.DataFrame, source: ValueSource, config: Config, problems: Problems) -> pd.DataFrame | None:
    """One row per indicator, area and period: numerator and denominator summed from category counts."""
    options, name = source.options, config.relative(source.path)
    share = options.proportion
    assert share is not None
    setting = options.setting("proportion")
    if share.column not in table.columns:
        _error(config, f"{setting}.column", f"The value file '{name}' has no '{share.column}' column to take "
               f"the categories from.{did_you_mean(share.column, table.columns)}",
               f"Set 'proportion.column' to the column that holds the categories, e.g. "
               f"{' or '.join(c for c in FILTER_COLUMNS if c in table.columns) or 'category'}.", problems)
        return None
    present = list(pd.unique(table[share.column].dropna()))
    bad = False
    if not share.numerator:
        _error(config, f"{setting}.numerator", "'proportion.numerator' lists no category.",
               f"List the categories whose counts form the numerator, from: {_listed(present)}.", problems)
        bad = True
    for category in share.numerator:
        if category not in present:
            _error(config, f"{setting}.numerator", f"Category '{category}' is not in the '{share.column}' column "
                   f"of '{name}'.{did_you_mean(category, present)}",
                   f"Use the categories as the file writes them: {_listed(present)}.", problems)
            bad = True
    if share.denominator != SUM and share.denominator not in present:
        _error(config, f"{setting}.denominator", f"The total category '{share.denominator}' is not in the "
               f"'{share.column}' column of '{name}'.{did_you_mean(share.denominator, present)}",
               f"Name the category that holds the total, or write 'sum' for the sum of all categories "
               f"({_listed(present)}).", problems)
        bad = True
    elif share.denominator in share.numerator:
        _error(config, f"{setting}.denominator", f"The total category '{share.denominator}' is also listed in "
               "'proportion.numerator'.", "Take it out of the numerator: a total is not one of its parts.", problems)
        bad = True
    if bad:
        return None
    rows = table[table[share.column].notna()]
    key = ["indicator_id", "area_code", "period"]
    twice = rows.duplicated(key + [share.column], keep=False)
    if twice.any():
        first = rows[twice].iloc[0]
        others = [c for c in FILTER_COLUMNS if c in rows.columns and c != share.column
                  and rows.loc[twice, c].nunique() > 1]
        hint = f" (they differ in {', '.join(others)})" if others else ""
        problems.error(f"{int(twice.sum())} rows give a second count for the same category of an area, e.g. "
                       f"'{first[share.column]}' of area {first['area_code']}{hint}, so the categories cannot be "
                       "added up.", f"Choose one row per category with 'rows' in this file's entry in evidence.yml, "
                       f"e.g. rows: {{{(others or ['sex'])[0]}: ...}}.",
                       file=source.path, place=f"rows {', '.join(str(r) for r in rows.index[twice][:5])}",
                       column=share.column)
        return None
    counts, not_numbers = to_number(rows["value"])
    for row in rows.index[not_numbers]:
        problems.error(f"'{rows.at[row, 'value']}' is not a number.", "Write the count as a plain number, or leave "
                       "the cell blank if it is missing.", file=source.path, place=f"row {row}", column="value",
                       kind="text where a number should be")
    if not_numbers.any():
        return None
    frame = rows[key].assign(_count=counts, _row=rows.index)
    in_numerator = rows[share.column].isin(share.numerator)
    groups = frame.groupby(key, sort=False, dropna=False)
    numerator = frame[in_numerator].groupby(key, sort=False)["_count"].sum(min_count=1)
    if share.denominator == SUM:
        denominator = groups["_count"].sum(min_count=1)
    else:
        total = rows[share.column] == share.denominator
        denominator = frame[total].groupby(key, sort=False)["_count"].sum(min_count=1)
    result = groups["_row"].first().to_frame()
    result["numerator"] = numerator.reindex(result.index)
    result["denominator"] = denominator.reindex(result.index)
    # A blank (suppressed) or absent category makes its sum unknown, never a smaller sum.
    listed = rows[share.column].groupby([rows[k] for k in key], sort=False).agg(set).reindex(result.index)
    blank = frame["_count"].isna().groupby([frame[k] for k in key], sort=False)
    blank_num = blank.apply(lambda b: bool(b[in_numerator.loc[b.index]].any())).reindex(result.index)
    blank_any = blank.any().reindex(result.index)
    everything = set(present)
    wanted = set(share.numerator)
    short_num = blank_num | listed.map(lambda got: not wanted <= got)
    short_den = (blank_any | listed.map(lambda got: got != everything)) if share.denominator == SUM else \
        (listed.map(lambda got: share.denominator not in got))
    result.loc[short_num.astype(bool), "numerator"] = float("nan")
    result.loc[short_den.astype(bool), "denominator"] = float("nan")
    unknown = (short_num | short_den).astype(bool)
    if unknown.any():
        areas = sorted(set(result.index[unknown].get_level_values("area_code")))
        problems.warn(f"{len(areas)} area{'s have' if len(areas) > 1 else ' has'} a category that is blank or not "
                      f"in the file, so {'their' if len(areas) > 1 else 'its'} proportion is missing: "
                      f"{', '.join(areas[:8])}{' ...' if len(areas) > 8 else ''}.",
                      "Nothing to do if the counts were suppressed at source; a sum without them would be too small.",
                      file=source.path, column=share.column)
    result = result.reset_index().set_index("_row")
    result.index.name = None
    return pd.DataFrame({
        "indicator_id": result["indicator_id"], "area_code": result["area_code"], "period": result["period"],
        "value": None, "numerator": result["numerator"].map(number_text),
        "denominator": result["denominator"].map(number_text), "lower": None, "upper": None,
    }, index=result.index)

