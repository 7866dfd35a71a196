"""The context of a profile: who lives there and how deprived its neighbourhoods are.

Population comes from the project's ``context.population`` indicator; the deprivation
mix counts the area's small areas in each fifth of the project's deprivation indicator
(``context.deprivation``): the national fifths when ``context.deprivation_scale`` says the
indicator is a national decile, rank or score ("3 of its 4 neighbourhoods are among the
most deprived 20% in England"), else fifths ranked within the focus area, the same
neighbourhoods as in the gap analysis. Every sentence names its scale.
"""

from __future__ import annotations

import pandas as pd

from evidence.published import PublishedEvidence
from evidence.deprivation_scale import fifth_names, scale_words
from evidence.gaps.inequality import deprivation_fifths as rank_fifths
from evidence.profiles.standouts import format_value
from evidence.render import heading, table
from evidence.render._html import Markup, join, tag

__all__ = ["context_section", "deprivation_fifths", "small_areas_in"]



def small_areas_in(eb: PublishedEvidence, area: pd.Series) -> list[str]:
    """Codes of the smallest areas that make up ``area`` (itself, if it is one)."""
    smallest = eb.config.type_order[0]
    areas = eb.areas
    if area["area_type"] == smallest:
        return [str(area["area_code"])]
    column = f"{area['area_type']}_code"
    if column in areas.columns:
        return list(areas.loc[(areas["area_type"] == smallest) & (areas[column] == area["area_code"]), "area_code"])
    custom = next((c for c in eb.config.custom_areas if c.code == area["area_code"]), None)
    if custom is None:
        return []
    members = areas[areas["area_code"].isin(custom.members)]
    if (members["area_type"] == smallest).all():
        return list(members["area_code"])
    member_type = members["area_type"].iloc[0]
    return list(areas.loc[(areas["area_type"] == smallest) & areas[f"{member_type}_code"].isin(custom.members),
                          "area_code"])


def deprivation_fifths(eb: PublishedEvidence) -> pd.Series | None:
    """Fifth (1 = most deprived) of every small area of the focus area, or None.

    The ranking is the gap analysis's (:func:`evidence.gaps.inequality.deprivation_fifths`),
    so "the most deprived fifth" is the same neighbourhoods in a profile and in the gap
    analysis.
    """
    ident = eb.config.deprivation_indicator
    smallest = eb.config.type_order[0]
    if ident is None or not ((eb.values["indicator_id"] == ident) & (eb.values["area_type"] == smallest)).any():
        return None
    scale = eb.config.deprivation_scale
    if scale.national:  # every small area has its national fifth, inside the focus area or not
        from evidence.deprivation_scale import national_fifth
        from evidence.periods import latest_rows

        rows = eb.values[(eb.values["indicator_id"] == ident) & (eb.values["area_type"] == smallest)]
        rows = latest_rows(rows.dropna(subset=["value"]), by=["area_code"])
        fifth = pd.Series([national_fifth(float(v), scale) for v in rows["value"]], index=rows["area_code"].to_numpy(),
                          dtype="Int64")
        return fifth.dropna()
    ranked = rank_fifths(eb.values, eb.indicators, eb.areas, deprivation=ident,
                         focus_area=eb.config.focus_area, area_type=smallest)
    return ranked.set_index("area_code")["fifth"]


def context_section(eb: PublishedEvidence, area: pd.Series, values: pd.DataFrame) -> Markup:
    """The "About the area" section: population and deprivation mix, in words and a table."""
    name = str(area["area_name"])
    place = eb.area_name(eb.config.focus_area)
    parts = [heading(f"About {name}", 2, id="context")]
    words = []
    pop_id = eb.config.population_indicator
    if pop_id is not None:
        pop = values[(values["indicator_id"] == pop_id) & (values["area_code"] == area["area_code"])]
        if not pop.empty:
            row = pop.sort_values("year").iloc[-1]
            words.append(f"About {format_value(row['value'], 'people', 'count')} people lived in {name} in "
                         f"{row['period']}.")
    fifths = deprivation_fifths(eb)
    # Areas outside the focus area have no neighbourhoods among its fifths: no mix then.
    mine = fifths.reindex(small_areas_in(eb, area)).dropna().astype(int) if fifths is not None else pd.Series()
    if len(mine):
        counts = mine.value_counts().reindex(range(1, 6), fill_value=0)
        label = eb.indicators.set_index("id").loc[eb.config.deprivation_indicator, "name"]
        scale, england = eb.config.deprivation_scale, eb.config.england_name
        names = fifth_names(scale, place, england)
        where = scale_words(scale, place, england)
        fifth = "20%" if scale.national else "fifth"
        small = eb.config.area_types[eb.config.type_order[0]].label
        if len(mine) == 1:
            group = names[int(mine.iloc[0])]
            words.append(f"On the {label}, {name} is among the {group[:1].lower()}{group[1:]}"
                         + ("" if scale.national else f" {where}") + ".")
        else:
            most = counts[1]
            words.append(f"{most} of its {len(mine)} neighbourhoods ({small}s) {'is' if most == 1 else 'are'} among "
                         f"the most deprived {fifth} {where} on the {label}, and "
                         f"{counts[5]} among the least deprived {fifth}.")
            frame = pd.DataFrame({"fifth": [names[f] for f in range(1, 6)], "count": counts.to_numpy(),
                                  "share": (counts / counts.sum() * 100).to_numpy()})
            parts.append(tag("p", " ".join(words)))
            words = []
            scope = f"national fifths, {england}" if scale.national else f"fifths ranked within {place}"
            parts.append(table(frame, caption=f"Neighbourhoods of {name} by deprivation fifth ({label}; {scope})",
                               columns={"fifth": "Deprivation fifth", "count": "Neighbourhoods",
                                        "share": "Share (%)"},
                               row_header="fifth", formats={"count": 0, "share": 0}))
    if words:
        parts.append(tag("p", " ".join(words)))
    if len(parts) == 1:
        parts.append(tag("p", "No population or deprivation indicator is set for this project "
                              "('context' in evidence.yml)."))
    return join(parts)
