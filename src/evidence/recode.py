"""Area codes of another vintage, read through a change lookup (e.g. ONS LSOA 2011 -> 2021).

IoD 2019 is published on 2011 LSOAs, Census 2021 on 2021 LSOAs. A value file whose codes
are of another vintage than the project's names a lookup with one row per pair of codes
(``from`` the file's codes, ``to`` the project's) and, optionally, its change indicator
(ONS ``CHGIND``: U unchanged, S split, M merged, X complex). Each of the file's codes is
then handled by what the pairs show, whichever direction the project goes:

* one code to one code (U): the row is taken under the project's code, whatever it holds;
* several of the file's codes to one of the project's (2021 children of a 2011 LSOA that
  was split, for a 2011 project; 2011 LSOAs merged into one 2021 LSOA, for a 2021 project):
  the counts are summed, exactly. Only counts can be summed: numerators and denominators
  (the value is then worked out from them), or the value of a ``count`` indicator. A ratio,
  rate or score without its counts, or a group with a part missing, is left out;
* one of the file's codes to several of the project's (it cannot be divided exactly), or a
  complex change (X): left out.

Whatever is left out is said in one warning per indicator, with the areas and the share of
the file's population (by its denominators, or counts) they hold. Nothing is apportioned.
Codes that are not in the lookup (England, districts) are kept as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from evidence.errors import did_you_mean
from evidence.io.tables import read_text_table, to_number
from evidence.problems import Problems

if TYPE_CHECKING:
    from evidence.config import Config, ValueSource
    from evidence.value_options import Recode

__all__ = ["number_text", "recode"]

COMPLEX = "X"


def number_text(x: float) -> str | None:
    """A number as the text a value file would hold (``None`` for missing).

    >>> number_text(12.0), number_text(0.125), number_text(float("nan"))
    ('12', '0.125', None)
    """
    return None if pd.isna(x) else format(float(x), ".15g")


def _read_pairs(spec: Recode, setting: str, config: Config, problems: Problems) -> pd.DataFrame | None:
    lookup = read_text_table(spec.lookup, problems)
    if lookup is None:
        return None
    ok = True
    for key, column in (("from", spec.source), ("to", spec.target), ("change", spec.change)):
        if column is not None and column not in lookup.columns:
            problems.error(f"The lookup '{spec.lookup.name}' has no column '{column}'."
                           f"{did_you_mean(column, lookup.columns)}",
                           f"Set 'recode.{key}' to one of its columns: {', '.join(lookup.columns)}.",
                           file=config.file, **config.where(f"{setting}.{key}"))
            ok = False
    if not ok:
        return None
    columns = [spec.source, spec.target] + ([spec.change] if spec.change else [])
    pairs = lookup[columns].dropna(subset=[spec.source, spec.target]).drop_duplicates([spec.source, spec.target])
    return pairs.rename(columns={spec.source: "source", spec.target: "target", spec.change or "": "change"})


def recode(table: pd.DataFrame, source: ValueSource, config: Config, catalogue: pd.DataFrame | None,
           problems: Problems) -> pd.DataFrame | None:
    """``table`` with its area codes taken to the project's vintage (a new frame; text cells)."""
    spec = source.options.recode
    assert spec is not None
    pairs = _read_pairs(spec, source.options.setting("recode"), config, problems)
    if pairs is None:
        return None
    targets = pairs.groupby("source")["target"].nunique()
    parts = pairs.groupby("target")["source"].agg(frozenset)
    complex_codes = set(pairs.loc[pairs["change"] == COMPLEX, "source"]) if "change" in pairs else set()
    single = pairs.drop_duplicates("source", keep=False).set_index("source")["target"]

    in_lookup = table["area_code"].isin(targets.index)
    kept, rows = table[~in_lookup], table[in_lookup]
    weight = _weights(rows, catalogue)
    undividable = (rows["area_code"].map(targets) > 1) | rows["area_code"].isin(complex_codes)
    left_out = {ident: list(g) for ident, g in rows.loc[undividable].groupby("indicator_id").groups.items()}
    reasons: dict[str, set[str]] = {i: {"a code of the file goes to several of the project's (split or complex)"}
                                    for i in left_out}

    mapped = rows[~undividable].copy()
    mapped["_target"] = mapped["area_code"].map(single)
    n_parts = mapped["_target"].map(parts.map(len))
    one = mapped[n_parts == 1].drop(columns="_target").assign(area_code=mapped.loc[n_parts == 1, "_target"])
    summed = []
    for (ident, target, _), group in mapped[n_parts > 1].groupby(["indicator_id", "_target", "period"],
                                                                  sort=False):
        row, why = _sum(group, parts[target], catalogue)
        if row is None:
            left_out.setdefault(ident, []).extend(group.index)
            reasons.setdefault(ident, set()).add(why)
        else:
            summed.append(row.drop(labels="_target").to_frame().T.assign(area_code=target))
    result = pd.concat([kept, one] + summed)
    for ident, index in left_out.items():
        _warn(ident, rows, index, weight, reasons[ident], source, spec, problems)
    return result.sort_index()


def _weights(rows: pd.DataFrame, catalogue: pd.DataFrame | None) -> pd.Series:
    """The population a row stands for: its denominator, else its value for a count; else NaN."""
    denominator, _ = to_number(rows["denominator"]) if "denominator" in rows else (pd.Series(float("nan"),
                                                                                            index=rows.index), None)
    value, _ = to_number(rows["value"])
    counts = rows["indicator_id"].map(_types(catalogue)) == "count"
    return denominator.where(denominator.notna(), value.where(counts))


def _types(catalogue: pd.DataFrame | None) -> dict[str, str]:
    return {} if catalogue is None else dict(zip(catalogue["id"], catalogue["value_type"]))


def _sum(group: pd.DataFrame, expected: frozenset, catalogue) -> tuple[pd.Series | None, str]:
    """The parts of one project area summed into one row, or None and why they cannot be."""
    if set(group["area_code"]) != expected:
        missing = sorted(expected - set(group["area_code"]))
        return None, f"a part of a merged area is not in the file ({', '.join(missing[:3])})"
    numbers = {c: to_number(group[c])[0] if c in group else pd.Series(float("nan"), index=group.index)
               for c in ("value", "numerator", "denominator")}
    row = group.iloc[0].copy()
    for column in ("lower", "upper"):
        if column in row:
            row[column] = None
    if numbers["numerator"].notna().all() and numbers["denominator"].notna().all():
        row["numerator"] = number_text(numbers["numerator"].sum())
        row["denominator"] = number_text(numbers["denominator"].sum())
        row["value"] = None  # worked out from the summed counts
        return row, ""
    if numbers["numerator"].notna().any() or numbers["denominator"].notna().any():
        return None, "a part's numerator or denominator is blank (suppressed or missing), so the sum would be short"
    ident = group["indicator_id"].iloc[0]
    if _types(catalogue).get(ident) == "count" and numbers["value"].notna().all():
        row["value"] = number_text(numbers["value"].sum())
        for column in ("numerator", "denominator"):
            if column in row:
                row[column] = number_text(numbers[column].sum()) if numbers[column].notna().all() else None
        return row, ""
    return None, ("a ratio, rate or score cannot be summed: only counts (numerator and denominator, or the value "
                  "of a count indicator) can")


def _warn(ident: str, rows: pd.DataFrame, index: list, weight: pd.Series, reasons: set[str],
          source: ValueSource, spec: Recode, problems: Problems) -> None:
    mine = rows["indicator_id"] == ident
    codes = sorted(set(rows.loc[index, "area_code"]))
    total, lost = weight[mine].sum(min_count=1), weight.loc[index].sum(min_count=1)
    if pd.notna(total) and total > 0 and weight[mine].notna().all():
        share = f"{100 * lost / total:.1f}% of the population of its areas in this file, by the denominators"
    else:
        share = f"{len(codes)} of {rows.loc[mine, 'area_code'].nunique()} of its areas in this file"
    shown = ", ".join(codes[:8]) + (f" and {len(codes) - 8} more" if len(codes) > 8 else "")
    problems.warn(f"Indicator '{ident}': {len(codes)} area code{'s' if len(codes) > 1 else ''} cannot be taken "
                  f"exactly from '{spec.source}' to '{spec.target}' and {'are' if len(codes) > 1 else 'is'} left out "
                  f"({share}): {shown}. Why: {'; '.join(sorted(reasons))}.",
                  "Nothing to do if these areas may be shown as missing; otherwise use a file on the project's codes, "
                  "or one with numerator and denominator counts, which can be summed exactly.",
                  file=source.path, place=f"indicator {ident}", column="area_code")
