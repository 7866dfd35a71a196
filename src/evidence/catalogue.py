"""The indicator catalogue: what each indicator is, how it is judged and on what scale.

The catalogue is a CSV with one row per indicator (documented in
``docs/project-format.md``). Its vocabulary words (polarity, value type) are checked
with a "did you mean" for near misses, and the indicators that settings of
``evidence.yml`` name (``context.*``, ``profiles.map_indicator``) are checked to exist
and to be fit for what the setting uses them for.
"""

from __future__ import annotations

import pandas as pd

from evidence.config import Config
from evidence.errors import did_you_mean
from evidence.io.tables import read_text_table, to_number
from evidence.problems import Problems

__all__ = ["CATALOGUE_COLUMNS", "POLARITIES", "VALUE_TYPES", "check_named_indicators", "read_catalogue"]

POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")
VALUE_TYPES = ("proportion", "rate", "dsr", "mean", "count", "score")
CATALOGUE_COLUMNS = ("id", "name", "theme", "unit", "polarity", "value_type", "multiplier", "source")
OPTIONAL_COLUMNS = ("definition",)


def read_catalogue(config: Config, problems: Problems) -> pd.DataFrame | None:
    """Read and check the catalogue; return it typed, with ``theme`` as a theme id.

    Columns of the result: ``id, name, theme, theme_name, unit, polarity, value_type,
    multiplier, source, definition``; one row per indicator id, in file order.
    """
    path = config.catalogue
    table = read_text_table(path, problems)
    if table is None:
        return None
    missing = [c for c in CATALOGUE_COLUMNS if c not in table.columns]
    for column in missing:
        problems.error(f"The catalogue has no '{column}' column.{did_you_mean(column, CATALOGUE_COLUMNS)}",
                       f"Add it: the catalogue needs {', '.join(CATALOGUE_COLUMNS)}.", file=path, column=column)
    if missing:
        return None
    table = table.reindex(columns=list(CATALOGUE_COLUMNS) + list(OPTIONAL_COLUMNS))

    for row, value in table["id"].items():
        if not value:
            problems.error("Blank indicator id.", "Give every indicator a unique id.", file=path,
                           place=f"row {row}", column="id")
    dup = table["id"].notna() & table["id"].duplicated(keep="first")
    for row, value in table.loc[dup, "id"].items():
        problems.error(f"Indicator id '{value}' appears more than once.",
                       "Give each indicator one row with a unique id.", file=path, place=f"row {row}", column="id")
    for column in ("name", "unit", "source"):
        for row in table.index[table[column].isna()]:
            problems.error(f"Indicator '{table.at[row, 'id']}' has no {column}.",
                           f"Fill in the '{column}' column.", file=path, place=f"row {row}", column=column)

    _check_words(table, "polarity", POLARITIES, path, problems)
    _check_words(table, "value_type", VALUE_TYPES, path, problems)

    by_id = {t.id: t for t in config.themes}
    by_name = {t.name.lower(): t for t in config.themes}
    theme_ids, theme_names = [], []
    for row, value in table["theme"].items():
        theme = by_id.get(value or "") or by_name.get((value or "").lower())
        if theme is None:
            allowed = [t.id for t in config.themes]
            problems.error(f"Indicator '{table.at[row, 'id']}' has unknown theme '{value or ''}'."
                           f"{did_you_mean(value or '', allowed)}",
                           f"Use a theme id or name from evidence.yml: {', '.join(allowed)}.",
                           file=path, place=f"row {row}", column="theme")
        theme_ids.append(theme.id if theme else value)
        theme_names.append(theme.name if theme else value)

    multiplier, bad = to_number(table["multiplier"])
    for row in table.index[bad | multiplier.isna() | (multiplier <= 0)]:
        problems.error(f"Indicator '{table.at[row, 'id']}' has multiplier '{table.at[row, 'multiplier'] or ''}', "
                       "which is not a positive number.",
                       "Use 100 for a percentage, 1000 or 100000 for a rate, 1 otherwise.",
                       file=path, place=f"row {row}", column="multiplier")

    check_named_indicators(config, table, problems)

    result = pd.DataFrame({
        "id": table["id"].astype(str),
        "name": table["name"],
        "theme": theme_ids,
        "theme_name": theme_names,
        "unit": table["unit"],
        "polarity": table["polarity"].str.lower(),
        "value_type": table["value_type"].str.lower(),
        "multiplier": multiplier,
        "source": table["source"],
        "definition": table["definition"].fillna(""),
    }, index=table.index)
    result = result[result["id"].notna() & ~dup].reset_index(drop=True)
    return result.astype({c: "string" for c in result.columns if c != "multiplier"})


def _check_words(table: pd.DataFrame, column: str, allowed, path, problems: Problems) -> None:
    for row, value in table[column].items():
        word = (value or "").strip().lower()
        if word not in allowed:
            problems.error(f"Indicator '{table.at[row, 'id']}' has unknown {column.replace('_', ' ')} "
                           f"'{value or ''}'.{did_you_mean(word, allowed)}",
                           f"Use one of: {', '.join(allowed)}.", file=path, place=f"row {row}", column=column)


# Setting -> what it is used for, and the value types it accepts (None: any).
NAMED_INDICATORS = {
    "context.population": ("the population of each area", ("count",)),
    "context.deprivation": ("the deprivation ranking of small areas", None),
    "profiles.map_indicator": ("the map of every profile", None),
}


def check_named_indicators(config: Config, table: pd.DataFrame, problems: Problems) -> None:
    """The indicators named by settings exist in the catalogue ``table`` and suit their use.

    ``table`` is the catalogue as read (text cells, indexed by file row). The deprivation
    indicator needs a direction (``higher_is_better`` for a decile or rank where 1 is the
    most deprived, ``lower_is_better`` for a score where higher is more deprived): with
    ``no_judgement`` no one can say which end is more deprived, and every profile and the
    gap analysis would fail. The population must be a count.
    """
    rows = {str(v): row for row, v in table["id"].items() if v}
    known = list(rows)
    named = {"context.population": config.population_indicator,
             "context.deprivation": config.deprivation_indicator,
             "profiles.map_indicator": config.map_indicator}
    for setting, ident in named.items():
        if ident is None:
            continue
        use, value_types = NAMED_INDICATORS[setting]
        if ident not in rows:
            problems.error(f"'{setting}' names unknown indicator '{ident}'.{did_you_mean(ident, known)}",
                           f"Use an id from the indicator catalogue ({config.relative(config.catalogue)}).",
                           file=config.file, **config.where(setting))
            continue
        row = rows[ident]
        at = config.where(setting)["place"].removeprefix("setting ")
        value_type = (table.at[row, "value_type"] or "").strip().lower()
        if value_types and value_type in VALUE_TYPES and value_type not in value_types:
            problems.error(f"Indicator '{ident}' is {use} ({at} of evidence.yml), but its value type is "
                           f"'{value_type}', not a count of people.",
                           f"Set '{setting}' in evidence.yml to a population count indicator (value_type count), "
                           "or remove the setting.", file=config.catalogue, place=f"row {row}", column="value_type")
        polarity = (table.at[row, "polarity"] or "").strip().lower()
        if setting == "context.deprivation" and polarity == "no_judgement":
            problems.error(f"Indicator '{ident}' is {use} ({at} of evidence.yml), but its polarity is "
                           "no_judgement, so it is not known which end is more deprived.",
                           "Give it lower_is_better (a score: higher is more deprived) or higher_is_better "
                           "(a decile or rank: 1 is the most deprived), or set 'context.deprivation' to another "
                           "indicator.", file=config.catalogue, place=f"row {row}", column="polarity")
