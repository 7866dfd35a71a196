"""The evidence base as a notebook user sees it: ``evidence.load(PROJECT)``.

An :class:`EvidenceBase` holds the built tables (values, comparisons, indicators, areas)
and the project config, offers a few look-ups for interactive work (an area, a theme,
an indicator, the latest period) and shows a readable summary in JupyterLab.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from evidence.builder import TABLES, build
from evidence.config import Config, read_config
from evidence.errors import DataError, ProjectError, did_you_mean
from evidence.io.store import read_manifest, read_tables

__all__ = ["EvidenceBase", "load"]


@dataclass(frozen=True, eq=False)
class EvidenceBase:
    """The compiled evidence of one project (see ``docs/evidence-base.md``)."""

    config: Config
    values: pd.DataFrame
    comparisons: pd.DataFrame
    indicators: pd.DataFrame
    areas: gpd.GeoDataFrame
    manifest: dict = field(default_factory=dict)
    _published: dict = field(default_factory=dict, repr=False, init=False)

    def published(self) -> pd.DataFrame:
        """The values as they may be shown to anyone: disclosure control applied.

        Counts below ``disclosure.min_count`` are hidden with their rates and limits, and
        so is any further count from which a hidden one could be worked out by
        subtraction (see :mod:`evidence.disclosure`). Every report takes its figures from
        here, so a figure hidden in one report is hidden in all. Computed once.
        """
        if "values" not in self._published:
            from evidence.disclosure import containment, protect_differences, suppress

            members = {c.code: c.members for c in self.config.custom_areas}
            shown = suppress(self.values, self.config.min_count)  # a new frame: blanked further in place
            self._published["values"] = protect_differences(shown, containment(self.areas, members), copy=False)
        return self._published["values"]

    @property
    def warnings(self) -> list[str]:
        """Warnings found when the inputs were checked."""
        return list(self.manifest.get("warnings", []))

    @property
    def themes(self) -> pd.DataFrame:
        """Themes in report order with their number of indicators."""
        counts = self.indicators.groupby("theme").size()
        return pd.DataFrame({"id": [t.id for t in self.config.themes], "name": [t.name for t in self.config.themes],
                             "indicators": [int(counts.get(t.id, 0)) for t in self.config.themes]})

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
        values = self.values.sort_values("year")
        latest_year = values.groupby("indicator_id")["year"].transform("max")
        rows = values[values["year"] == latest_year]
        return rows.merge(self.indicators, left_on="indicator_id", right_on="id", how="left").drop(columns="id")

    def area(self, code: str) -> pd.DataFrame:
        """The latest value of every indicator for area ``code``, in theme order."""
        self._area_row(code)
        rows = self.latest()
        rows = rows[rows["area_code"] == code]
        order = {t.id: i for i, t in enumerate(self.config.themes)}
        return rows.assign(_t=rows["theme"].map(order)).sort_values(["_t", "name"]).drop(columns="_t").reset_index(
            drop=True)

    def theme(self, theme: str) -> pd.DataFrame:
        """Latest values of one theme's indicators for every area."""
        ids = {t.id for t in self.config.themes} | {t.name for t in self.config.themes}
        if theme not in ids:
            raise DataError(f"Unknown theme '{theme}'.{did_you_mean(theme, ids)} Themes: "
                            f"{', '.join(t.id for t in self.config.themes)}.")
        rows = self.latest()
        return rows[(rows["theme"] == theme) | (rows["theme_name"] == theme)].reset_index(drop=True)

    def indicator(self, indicator_id: str) -> pd.DataFrame:
        """Every value of one indicator (all areas, all periods)."""
        if indicator_id not in set(self.indicators["id"]):
            raise DataError(f"Unknown indicator '{indicator_id}'.{did_you_mean(indicator_id, self.indicators['id'])}")
        return self.values[self.values["indicator_id"] == indicator_id].reset_index(drop=True)

    def __repr__(self) -> str:
        types = self.areas["area_type"].value_counts()
        return (f"<EvidenceBase {self.config.name!r}: {len(self.indicators)} indicators, "
                f"{', '.join(f'{n} {t}' for t, n in types.items())}, {len(self.values)} values>")

    def _repr_html_(self) -> str:
        esc = html.escape
        types = self.areas.groupby("area_type", sort=False).size()
        periods = self.values.groupby("indicator_id")["period"].agg(["min", "max", "nunique"])
        rows_types = "".join(f"<tr><th scope='row'>{esc(str(t))}</th><td>{n}</td></tr>" for t, n in types.items())
        themes = self.themes
        rows_themes = "".join(f"<tr><th scope='row'>{esc(r.name)}</th><td>{r.indicators}</td></tr>"
                              for r in themes.itertuples())
        warnings = "".join(f"<li>{esc(w)}</li>" for w in self.warnings[:10])
        more = f"<li>... and {len(self.warnings) - 10} more</li>" if len(self.warnings) > 10 else ""
        return (
            f"<div class='evidence-base'><strong>{esc(self.config.name)}</strong> "
            f"(focus area {esc(self.area_name(self.config.focus_area))}, {len(self.values):,} values, periods "
            f"{esc(str(periods['min'].min()))} to {esc(str(periods['max'].max()))})"
            f"<table><caption>Areas by type</caption><thead><tr><th scope='col'>Type</th>"
            f"<th scope='col'>Areas</th></tr></thead><tbody>{rows_types}</tbody></table>"
            f"<table><caption>Indicators by theme</caption><thead><tr><th scope='col'>Theme</th>"
            f"<th scope='col'>Indicators</th></tr></thead><tbody>{rows_themes}</tbody></table>"
            + (f"<p>{len(self.warnings)} warnings:</p><ul>{warnings}{more}</ul>" if warnings else "<p>No warnings.</p>")
            + "</div>"
        )


def load(project: str | Path, *, rebuild: bool = True) -> EvidenceBase:
    """Load a project's evidence base, building it first if the inputs changed.

    Parameters
    ----------
    project
        The project folder (or its ``evidence.yml``).
    rebuild
        Build when the evidence base is missing or stale (default). With ``False``,
        read what is on disk as it is.
    """
    config, problems = read_config(project)
    problems.raise_if_errors()
    assert config is not None
    if rebuild:
        build(project)
    manifest = read_manifest(config.output)
    if manifest is None:
        raise ProjectError(f"No evidence base at '{config.output}'. Run 'evidence build {config.root}' first, "
                           "or load with rebuild=True.")
    key = config.output.resolve()
    cached = _CACHE.get(key)
    if cached is not None and cached.manifest == manifest and cached.config == config:
        return cached
    tables = read_tables(config.output, TABLES, geo=("areas",))
    base = EvidenceBase(config, tables["values"], tables["comparisons"], tables["indicators"], tables["areas"],
                        manifest)
    _CACHE[key] = base
    return base


# Evidence bases loaded in this process, by folder: a warm kernel that renders one profile
# after another reads the tables once (the manifest tells when they have changed).
_CACHE: dict[Path, EvidenceBase] = {}
