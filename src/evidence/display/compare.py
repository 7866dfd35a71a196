"""``eb.compare(codes)``: areas side by side, each value with its interval and judgement.

One row per indicator, for each area its latest published value with its 95% interval
and its judgement against its own main comparator (word, shape and colour, as in the
profiles' tables). A suppressed figure is blank with the reason. ``data`` is the long
frame (one row per area and indicator); ``style`` gives the wide frame as a pandas
``Styler`` with judgement colours, for those who prefer pandas' own output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from evidence.errors import DataError, did_you_mean
from evidence.published import as_published
from evidence.render import table
from evidence.render._html import Markup, join, tag
from evidence.render.judgement import style_for

from evidence.display._view import View, comparator_of

__all__ = ["Comparison", "compare_areas"]


@dataclass(frozen=True, eq=False, repr=False)
class Comparison(View):
    """Areas side by side; ``data`` has one row per area and indicator."""

    codes: tuple[str, ...] = ()

    def wide(self) -> pd.DataFrame:
        """One row per indicator, a value and a judgement column per area."""
        d = self.data
        frame = d.pivot_table(index=["theme_name", "indicator"], columns="area_name", values=["shown", "judgement"],
                              aggfunc="first", sort=False)
        frame.columns = [f"{area}: {'value' if what == 'shown' else 'judgement'}" for what, area in frame.columns]
        return frame.reset_index()

    @property
    def style(self):  # -> pandas.io.formats.style.Styler
        """The wide frame as a pandas ``Styler``, judgement cells coloured as in the reports."""
        wide = self.wide()
        judged = [c for c in wide.columns if c.endswith(": judgement")]

        def colour(word: object) -> str:
            fill = style_for(word).fill
            ink = "#ffffff" if fill in ("#005ea5", "#d4351c", "#4c2c92") else "#0b0c0c"
            return f"background-color:{fill};color:{ink}"

        return wide.style.map(colour, subset=judged).hide(axis="index")


def _shown(row, published) -> str:
    from evidence.profiles.standouts import format_value

    if bool(row.suppressed):
        return f"not shown ({published.reason(bool(row.secondary_suppressed))})"
    if pd.isna(row.value):
        return "no value"
    value = format_value(row.value, row.unit, row.value_type)
    if pd.notna(row.lower) and pd.notna(row.upper):
        value += f" ({format_value(row.lower, '', row.value_type)} to {format_value(row.upper, '', row.value_type)})"
    return value


def compare_areas(evidence: object, codes: Sequence[str], indicators: Sequence[str] | None = None) -> Comparison:
    """Compare the areas ``codes`` on ``indicators`` (default: every indicator they all have)."""
    shown = as_published(evidence)
    codes = [str(c) for c in ([codes] if isinstance(codes, str) else codes)]
    if not codes:
        raise DataError("compare() needs at least one area code.")
    names = {c: shown.area_name(c) for c in codes}  # unknown codes raise with a suggestion
    latest = shown.latest()
    rows = latest[latest["area_code"].astype(str).isin(codes)]
    rows = rows[rows["value_type"].astype(str) != "count"] if indicators is None else rows
    if indicators is not None:
        known = shown.indicators["id"].astype(str)
        unknown = [i for i in indicators if i not in set(known)]
        if unknown:
            raise DataError(f"Unknown indicator(s) {', '.join(unknown)}.{did_you_mean(unknown[0], known)}")
        rows = rows[rows["indicator_id"].astype(str).isin(list(indicators))]
    else:  # the indicators every area has
        have = rows.groupby("indicator_id")["area_code"].nunique()
        rows = rows[rows["indicator_id"].isin(have.index[have == len(set(codes))])]
    order = {t.id: i for i, t in enumerate(shown.config.themes)}
    theme_names = {t.id: t.name for t in shown.config.themes}
    rows = rows.assign(_t=rows["theme"].map(order), _a=rows["area_code"].map({c: i for i, c in enumerate(codes)}))
    rows = rows.sort_values(["_t", "name", "_a"]).drop(columns=["_t", "_a"])
    comparators = {c: comparator_of(shown, c)[1] for c in codes}
    data = pd.DataFrame({
        "area_code": rows["area_code"].astype(str).to_numpy(),
        "area_name": rows["area_code"].astype(str).map(names).to_numpy(),
        "theme_name": rows["theme"].map(theme_names).to_numpy(),
        "indicator_id": rows["indicator_id"].astype(str).to_numpy(),
        "indicator": rows["name"].astype(str).to_numpy(),
        "period": rows["period"].astype(str).to_numpy(),
        "value": pd.to_numeric(rows["value"]).to_numpy(dtype=float),
        "lower": pd.to_numeric(rows["lower"]).to_numpy(dtype=float),
        "upper": pd.to_numeric(rows["upper"]).to_numpy(dtype=float),
        "comparator": rows["area_code"].astype(str).map(comparators).to_numpy(),
        "judgement": rows["judgement"].astype(object).fillna("Not compared").to_numpy(),
        "suppressed": rows["suppressed"].astype(bool).to_numpy(),
        "shown": [_shown(r, shown) for r in rows.itertuples()],
    })
    title = "Comparing " + " and ".join(names[c] for c in codes)
    wide = data.pivot_table(index=["theme_name", "indicator", "period"], columns="area_code",
                            values=["shown", "judgement"], aggfunc="first", sort=False)
    flat = wide.reset_index()
    frame = pd.DataFrame({"indicator": flat["indicator"], "theme": flat["theme_name"], "period": flat["period"]})
    columns = {"indicator": "Indicator", "theme": "Theme", "period": "Period"}
    judged = []
    for c in codes:
        if ("shown", c) not in wide.columns:
            continue
        frame[f"v_{c}"] = flat[("shown", c)].to_numpy()
        frame[f"j_{c}"] = flat[("judgement", c)].to_numpy()
        columns[f"v_{c}"] = f"{names[c]}: value (95% interval)"
        columns[f"j_{c}"] = f"{names[c]} compared with {comparators[c]}"
        judged.append(f"j_{c}")
    html = join([tag("h2", title), tag("p", "Each area's latest value, with its 95% confidence interval, and its "
                                            "judgement against its own main comparator, allowing for the margin "
                                            f"of error. Figures hidden by disclosure control are not shown (small counts, and those from "
                                            "which a small count could be worked out)."),
                 table(frame, caption=title, columns=columns, row_header="indicator", judgement_columns=judged,
                       formats={k: str for k in columns if k.startswith("v_")})])
    return Comparison(title, Markup(html), data, height=900, codes=tuple(codes))
