"""Look-ups shared by the evidence base and its published form: an area, a theme, "latest".

:class:`EvidenceLookups` is mixed into :class:`~evidence.EvidenceBase` (raw values, for
the analyst) and :class:`~evidence.PublishedEvidence` (values after disclosure control,
for reports). Each look-up reads only its own object's ``values``, ``indicators``,
``areas`` and ``config``, so on the published evidence it can only return published
figures.
"""

from __future__ import annotations

import pandas as pd

from evidence.errors import DataError, did_you_mean
from evidence.periods import latest_rows
from evidence.themes import find_theme

__all__ = ["EvidenceLookups"]


class EvidenceLookups:
    """Interactive look-ups over ``self.values``, ``self.indicators``, ``self.areas`` and ``self.config``."""

    config: object
    values: pd.DataFrame
    indicators: pd.DataFrame
    areas: pd.DataFrame

    @property
    def themes(self) -> pd.DataFrame:
        """Themes in report order with their number of indicators."""
        counts = self.indicators.groupby("theme").size()
        themes = self.config.themes  # type: ignore[attr-defined]
        return pd.DataFrame({"id": [t.id for t in themes], "name": [t.name for t in themes],
                             "indicators": [int(counts.get(t.id, 0)) for t in themes]})

    def area_name(self, code: str) -> str:
        """The name of area ``code``."""
        return str(self._area_row(code)["area_name"])

    def _area_row(self, code: str) -> pd.Series:
        match = self.areas[self.areas["area_code"] == code]
        if match.empty:
            raise DataError(f"Unknown area code '{code}'.{did_you_mean(code, self.areas['area_code'])} "
                            "See EvidenceBase.areas for the codes.")
        return match.iloc[0]

    def latest(self) -> pd.DataFrame:
        """Each indicator's latest period for each area, with the indicator's details."""
        rows = latest_rows(self.values.sort_values("year"))
        return rows.merge(self.indicators, left_on="indicator_id", right_on="id", how="left").drop(columns="id")

    def area(self, code: str) -> pd.DataFrame:
        """The latest value of every indicator for area ``code``, in theme order."""
        self._area_row(code)
        rows = self.latest()
        rows = rows[rows["area_code"] == code]
        order = {t.id: i for i, t in enumerate(self.config.themes)}  # type: ignore[attr-defined]
        return rows.assign(_t=rows["theme"].map(order)).sort_values(["_t", "name"]).drop(columns="_t").reset_index(
            drop=True)

    def theme(self, theme: str) -> pd.DataFrame:
        """Latest values of one theme's indicators for every area."""
        found = find_theme(self.config.themes, theme)  # type: ignore[attr-defined]
        rows = self.latest()
        return rows[rows["theme"] == found.id].reset_index(drop=True)

    def indicator(self, indicator_id: str) -> pd.DataFrame:
        """Every value of one indicator (all areas, all periods)."""
        if indicator_id not in set(self.indicators["id"]):
            raise DataError(f"Unknown indicator '{indicator_id}'.{did_you_mean(indicator_id, self.indicators['id'])}")
        return self.values[self.values["indicator_id"] == indicator_id].reset_index(drop=True)
