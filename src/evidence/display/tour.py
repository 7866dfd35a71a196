"""Where a guided tour of a project starts: two areas, a theme and an indicator worth showing.

``notebooks/explore.ipynb`` runs on any project by changing ``project`` alone; the
choices it would otherwise hard-code for the demo (ward codes, an indicator) are made
here from the published evidence, and any of them can be given instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.config import ranked_type
from evidence.published import as_published
from evidence.themes import find_theme

__all__ = ["Start", "starting_points"]


@dataclass(frozen=True)
class Start:
    """The tour's choices: an area type, two areas of it, a theme and one of its indicators."""

    area_type: str
    area: str
    other_area: str
    theme: str
    indicator: str

    def _repr_html_(self) -> str:
        from evidence.render import table
        import pandas as pd

        rows = pd.DataFrame({"choice": ["area type", "area", "compared with", "theme", "indicator"],
                             "value": [self.area_type, self.area, self.other_area, self.theme, self.indicator]})
        return str(table(rows, caption="Where the tour starts (give any of these to change it)",
                         columns={"choice": "Choice", "value": "Value"}, row_header="choice"))


def starting_points(evidence: object, *, area: str | None = None, other_area: str | None = None,
                    theme: str | None = None, indicator: str | None = None) -> Start:
    """The first two areas of the reports' type (inside the focus area), the first theme with an
    indicator that has published values for that type and for the first area, and that
    indicator, unless given."""
    from evidence.display.maps import _mapped_areas

    shown = as_published(evidence)
    config = shown.config
    area_type = ranked_type(config.type_order, config.profile_area_type)
    codes = sorted(_mapped_areas(shown, area_type)["area_code"].astype(str))
    area = area or codes[0]
    other_area = other_area or next((c for c in codes if c != area), area)
    values = shown.values[shown.values["value"].notna()]
    typed = values[values["area_type"].astype(str) == area_type]
    # an indicator mapped across the type that the chosen area has too (for its trend)
    mappable = set(typed["indicator_id"].astype(str)) & set(
        values.loc[values["area_code"].astype(str) == area, "indicator_id"].astype(str))
    catalogue = shown.indicators[shown.indicators["value_type"].astype(str) != "count"]
    themes = [find_theme(config.themes, theme)] if theme else list(config.themes)
    for t in themes:
        ids = [i for i in catalogue.loc[catalogue["theme"].astype(str) == t.id, "id"].astype(str) if i in mappable]
        if indicator or ids:
            return Start(area_type, area, other_area, t.id, indicator or ids[0])
    return Start(area_type, area, other_area, themes[0].id, indicator or sorted(mappable)[0])
