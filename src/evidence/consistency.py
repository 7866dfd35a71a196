"""Values consistent with their own counts: value = numerator / denominator x multiplier.

For a proportion or a crude rate the value a file gives must be its numerator over its
denominator times the indicator's multiplier (100 for a percentage, 1000 or 100000 for a
rate). A value a hundred times too small would otherwise be shown next to its own,
correct, confidence interval (which is computed from the counts) and judged Worse.

The identity only holds for crude ratios, so only ``proportion`` and ``rate`` indicators
are checked: a ``dsr`` is age-standardised, a ``mean`` or ``score`` has no counts behind
it and a ``count`` is its numerator. The tolerance lets real published data pass: the
value may be rounded to the decimals it is written with, numerators published rounded to
the nearest 5 (as in IoD File 8 or DWP tables) may be 2.5 out, and the published value may
differ from the ratio of its published parts by up to 10% (25% where the numerators were
rounded: the IoD 2019 income scores of small areas differ from their File 8 numerators over
the File 6 populations by up to 14%). A mistake worth reporting is far larger than that.

Where most of an indicator's rows in a file fit another scale (numerator / denominator,
a 0-1 scale, while the multiplier is 100), one problem says so instead of one per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.problems import Problems, join_places

__all__ = ["CRUDE_TYPES", "check_ratios", "decimals"]

CRUDE_TYPES = ("proportion", "rate")
SCALES = (1.0, 100.0, 1000.0, 10000.0, 100000.0)
RELATIVE = 0.10
ROUNDED_RELATIVE = 0.25


def decimals(texts: pd.Series) -> pd.Series:
    """Number of decimals each number is written with (``"17.0"`` -> 1, ``"17"`` -> 0).

    >>> decimals(pd.Series(["17.0", "3", "0.125", None])).tolist()
    [1, 0, 3, 0]
    """
    digits = texts.astype("string").str.extract(r"\.(\d+)\s*$", expand=False).str.len()
    return digits.fillna(0).astype(int)


def _fits(value, numerator, denominator, places, slack, scale) -> pd.Series:
    """Whether ``value`` is numerator / denominator x ``scale`` within the tolerance."""
    ratio = numerator / denominator * scale
    low = (numerator - slack).clip(lower=0) / denominator * scale
    high = (numerator + slack) / denominator * scale
    relative = np.where(slack >= 2.5, ROUNDED_RELATIVE, RELATIVE)
    tolerance = 0.5 * 10.0 ** (-places) + relative * ratio.abs() + 1e-9
    return (value >= low - tolerance) & (value <= high + tolerance)


def _scale_name(scale: float) -> str:
    return "numerator / denominator (a 0-1 scale)" if scale == 1 else f"numerator / denominator x {scale:,.0f}"


def check_ratios(values: pd.DataFrame, catalogue: pd.DataFrame | None, problems: Problems) -> None:
    """Report values that are not numerator / denominator x multiplier (see the module docstring).

    ``values`` has the columns of :func:`evidence.values.read_values` plus ``_row``
    (``"<file>:<row>"``) and ``_decimals`` (the decimals each value was written with).
    """
    if catalogue is None or values.empty:
        return
    by_id = catalogue.set_index("id")
    value_type = values["indicator_id"].map(by_id["value_type"])
    multiplier = values["indicator_id"].map(by_id["multiplier"]).astype(float)
    num, den, value = values["numerator"], values["denominator"], values["value"]
    checked = (value_type.isin(CRUDE_TYPES) & value.notna() & num.notna() & (num >= 0) & (den > 0)
               & multiplier.notna() & ~((value_type == "proportion") & (num > den)))
    rows = values[checked.fillna(False).astype(bool)].assign(_multiplier=multiplier, _type=value_type)
    if rows.empty:
        return
    # Numerators that are all multiples of 5 were probably published rounded to the nearest 5.
    group = [rows["source_file"], rows["indicator_id"]]
    rounded = (rows["numerator"] % 5 == 0).groupby(group).transform("all") & (rows["numerator"] > 0).groupby(
        group).transform("any")
    slack = np.where(rounded, 2.5, 0.5 * (rows["numerator"] % 1 != 0))
    slack = pd.Series(slack, index=rows.index)
    args = (rows["value"], rows["numerator"], rows["denominator"], rows["_decimals"], slack)
    bad = ~_fits(*args, rows["_multiplier"])
    if not bad.any():
        return
    reported = pd.Series(False, index=rows.index)
    for (file, ident), part in rows[bad].groupby(["source_file", "indicator_id"], sort=False):
        total = int(((rows["source_file"] == file) & (rows["indicator_id"] == ident)).sum())
        mult = float(part["_multiplier"].iloc[0])
        for scale in SCALES:
            if scale == mult:
                continue
            fit = _fits(*(a.loc[part.index] for a in args), scale)
            if fit.sum() >= max(1, total / 2):
                first = part[fit].iloc[0]
                factor = mult / scale
                change = f"multiply them by {factor:,.0f}" if factor > 1 else f"divide them by {1 / factor:,.0f}"
                places = [f"row {r.rpartition(':')[2]}" for r in part.loc[fit, "_row"]]
                problems.error(
                    f"The values of indicator '{ident}' look like {_scale_name(scale)}, but its multiplier in the "
                    f"catalogue is {mult:g}: {int(fit.sum())} of its {total} rows with counts (e.g. area "
                    f"{first['area_code']}, period {first['period']}: value {first['value']:g} where "
                    f"{first['numerator']:g} / {first['denominator']:g} x {mult:g} = "
                    f"{first['numerator'] / first['denominator'] * mult:.4g}).",
                    f"Put the values on the scale of the multiplier ({change}), or, if the values are right, set "
                    f"the indicator's multiplier to {scale:g} in the catalogue.",
                    file=file, place=join_places(places),
                    column="value", kind=f"values of '{ident}' on another scale")
                reported[part.index[fit]] = True
                break
    for _, r in rows[bad & ~reported].iterrows():
        file, _, line = r["_row"].rpartition(":")
        expected = r["numerator"] / r["denominator"] * r["_multiplier"]
        problems.error(
            f"The value {r['value']:g} is not numerator / denominator x multiplier: {r['numerator']:g} / "
            f"{r['denominator']:g} x {r['_multiplier']:g} = {expected:.4g} (indicator '{r['indicator_id']}', "
            f"a {r['_type']}, area {r['area_code']}, period {r['period']}).",
            "Correct the value, the numerator or the denominator (a mistyped or shifted cell?). If the value is "
            "age-standardised, set the indicator's value_type to dsr in the catalogue.",
            file=file, place=f"row {line}", column="value",
            kind="values that are not numerator / denominator x multiplier")

