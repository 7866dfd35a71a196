"""Comparators given as an area code: a county, region, ICB or combined authority.

``benchmarks.comparators: {district: [england, E10000013]}`` compares districts with
their county. Such an area is not in the lookup and is never aggregated, so its values
must come from the value files (tidy or Fingertips); :mod:`evidence.geography` adds it
to the areas as type ``comparator``. Here it gets the name the value files give it, and
every indicator that has no value for it is reported once: otherwise every comparison
with it would be "Not compared" without a word.
"""

from __future__ import annotations

import pandas as pd

from evidence.config import Config
from evidence.problems import Problems

__all__ = ["name_comparator_areas", "warn_missing_comparator_values"]


def name_comparator_areas(areas: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """``areas`` with the comparator areas named from the value files (a new frame)."""
    if not names:
        return areas
    result = areas.copy()
    outside = result["area_type"] == "comparator"
    named = result.loc[outside, "area_code"].map(names)
    result.loc[outside, "area_name"] = named.fillna(result.loc[outside, "area_name"])
    return result


def warn_missing_comparator_values(config: Config, areas: pd.DataFrame, values: pd.DataFrame,
                                   problems: Problems, catalogue: pd.DataFrame | None = None) -> None:
    """One warning per indicator that lacks a value for a comparator set as a code.

    Counts are left out (they are never judged against a comparator), and so is an
    indicator already warned about (``validate`` warns, then ``build`` again after
    aggregation, which gives larger areas values).
    """
    codes = config.comparator_codes
    if not codes or values.empty:
        return
    if catalogue is not None:
        counts = set(catalogue.loc[catalogue["value_type"] == "count", "id"])
        values = values[~values["indicator_id"].isin(counts)]
    said_before = {p.message for p in problems.warnings}
    names = areas.set_index("area_code")["area_name"]
    have = set(zip(values["indicator_id"].astype(str), values["area_code"].astype(str)))
    types_of = values.groupby("indicator_id", observed=True)["area_type"].agg(lambda s: set(s.dropna()))
    for ident, types in types_of.items():
        missing = []
        for code in codes:
            users = sorted(t for t in types if code in config.comparators.get(t, ()))
            if users and (str(ident), code) not in have:
                missing.append((code, users))
        if not missing:
            continue
        said = "; ".join(f"{_named(code, names)} (comparator of {', '.join(users)} areas)" for code, users in missing)
        message = f"Indicator '{ident}' has no value for {said}, so those areas are not compared with it."
        if message in said_before:
            continue
        problems.warn(message,
                      "Add the comparator's published value to a value file (a tidy row with its code, or the "
                      "Fingertips download that includes it), or remove it from 'benchmarks.comparators'.",
                      file=config.file, column="benchmarks.comparators")


def _named(code: str, names: pd.Series) -> str:
    name = str(names.get(code, code))
    return code if name == code else f"{code} {name}"
