"""A profile's first page, "at a glance": what stands out, the worst and best indicators, the map.

A ward profile prints to a dozen A4 pages; a board member reads the first. This section
gives that page everything a decision needs, and prints on its own (the stylesheet puts
a page break after ``.ev-glance``); the full profile follows. The map here is the
profile's map, smaller and without its ranked table (the map section later has it).
"""

from __future__ import annotations

import pandas as pd

from evidence.profiles.standouts import Standouts, format_value
from evidence.render import heading, table
from evidence.render._html import Markup, join, tag

__all__ = ["GLANCE_MAP_HEIGHT", "at_a_glance", "worst_and_best"]

GLANCE_MAP_HEIGHT = 180  # pixels: with the summary and the table it fits one A4 page
WORST, BEST = 4, 3  # indicators listed: the worse ones matter more to a board


def worst_and_best(s: Standouts, worst: int = WORST, best: int = BEST) -> pd.DataFrame:
    """The ``worst`` indicators furthest in the worse direction and the ``best`` furthest in the better one.

    Only significantly worse (better) indicators, by the size of the gap: an indicator that
    is similar to the comparator is neither.
    """
    return pd.concat([s.worse.head(worst).assign(side="Worst"), s.better.head(best).assign(side="Best")],
                     ignore_index=True)


def at_a_glance(summary: Markup, s: Standouts, comp: str, figure, map_words: str) -> Markup:
    """The first page: the "What stands out" list, the worst and best indicators, the map.

    ``figure`` is the map (a :class:`~evidence.render.figure.Figure`, None when there is none; then
    ``map_words`` says why).
    """
    parts = [heading("At a glance", 2, id="glance"), summary]
    rows = worst_and_best(s)
    if len(rows):
        frame = rows.assign(
            shown=[format_value(v, u, t) for v, u, t in zip(rows["value"], rows["unit"], rows["value_type"])],
            against=[format_value(v, u, t) for v, u, t in zip(rows["comparator_value"], rows["unit"],
                                                               rows["value_type"])],
            difference=[f"{abs(r):.0f}% {'higher' if g > 0 else 'lower'}" if pd.notna(r) and pd.notna(g) else "-"
                        for r, g in zip(rows["relative_gap"], rows["gap"])])
        parts.append(table(frame, caption=f"The worst and best indicators against {comp}",
                           columns={"name": "Indicator", "shown": "Value", "against": comp,
                                    "difference": "Difference", "judgement": f"Compared with {comp}"},
                           row_header="name", formats={"shown": str, "against": str, "difference": str}))
    else:
        parts.append(tag("p", f"No indicator is significantly worse or better than {comp}."))
    if figure is not None:
        parts += [tag("p", f"Map: {figure.caption}."),
                  Markup(figure.graphic)]
    else:
        parts.append(tag("p", map_words))
    parts.append(tag("p", "The full profile follows.", class_="ev-glance-next"))
    return tag("div", join(parts), class_="ev-glance")
