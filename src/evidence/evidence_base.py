"""The evidence base as a notebook user sees it: ``evidence.load(PROJECT)``.

An :class:`EvidenceBase` holds the built tables (values, comparisons, indicators, areas, breakdowns)
and the project config, offers a few look-ups for interactive work (an area, a theme,
an indicator, the latest period) and shows a readable summary in JupyterLab.

Its values are the raw figures, small counts included: reports never read them. They
take :meth:`EvidenceBase.published_evidence` (a :class:`~evidence.PublishedEvidence`,
made once by disclosure control), which has no way back to the raw values.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from evidence.builder import TABLES, build
from evidence.config import Config, read_config
from evidence.errors import ProjectError
from evidence.io.store import read_manifest, read_tables
from evidence.lookups import EvidenceLookups

__all__ = ["EvidenceBase", "load"]


@dataclass(frozen=True, eq=False)
class EvidenceBase(EvidenceLookups):
    """The compiled evidence of one project (see ``docs/evidence-base.md``)."""

    config: Config
    values: pd.DataFrame
    comparisons: pd.DataFrame
    indicators: pd.DataFrame
    areas: gpd.GeoDataFrame
    manifest: dict = field(default_factory=dict)
    breakdowns: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)  # evidence.breakdowns
    _published: dict = field(default_factory=dict, repr=False, init=False)

    def published(self) -> pd.DataFrame:
        """The values as they may be shown to anyone: ``published_evidence().values``.

        Counts below ``disclosure.min_count`` are hidden with their rates and limits, and
        so is any further count from which a hidden one could be worked out by
        subtraction (see :mod:`evidence.disclosure`); a hidden row has no judgement,
        rank or trend (see :mod:`evidence.published`).
        """
        return self.published_evidence().values

    def published_evidence(self):  # -> PublishedEvidence (imported late: it imports this module's users)
        """The evidence as every report sees it: disclosure control applied, computed once.

        Returns a :class:`~evidence.PublishedEvidence`: the published values and
        comparisons, the catalogue, the areas and the config, and no way back to the
        raw values. Every report takes it (or converts an EvidenceBase to it on entry),
        so a figure hidden in one report is hidden in all, targets included.
        """
        if "evidence" not in self._published:
            from evidence.published import disclose

            self._published["evidence"] = disclose(self)
        return self._published["evidence"]

    # Display objects for JupyterLab (evidence.display): published figures only, rich reprs, ``.data``.
    def map(self, indicator: str, area_type: str | None = None, period: str | None = None, **options):
        """An interactive map of ``indicator`` by area (:func:`evidence.display.indicator_map`)."""
        from evidence.display import indicator_map

        return indicator_map(self, indicator, area_type, period, **options)

    def profile(self, code: str, **options):
        """Area ``code``'s profile inline, as on its page (:func:`evidence.display.profile_view`)."""
        from evidence.display import profile_view

        return profile_view(self, code, **options)

    def spine(self, code: str, theme: str | None = None):
        """Area ``code``'s spine chart, one theme or all (:func:`evidence.display.spine_view`)."""
        from evidence.display import spine_view

        return spine_view(self, code, theme)

    def trend(self, indicator: str, code: str):
        """The trend of ``indicator`` in area ``code`` (:func:`evidence.display.trend_view`)."""
        from evidence.display import trend_view

        return trend_view(self, indicator, code)

    def compare(self, codes, indicators=None):
        """Areas side by side with intervals and judgements (:func:`evidence.display.compare_areas`)."""
        from evidence.display import compare_areas

        return compare_areas(self, codes, indicators)

    def gaps(self, **options):
        """The gap analysis: priority issues and their tables (:func:`evidence.display.gaps_view`)."""
        from evidence.display import gaps_view

        return gaps_view(self, **options)

    def plan(self, framework=None):
        """The action plan and where it stands (:func:`evidence.display.plan_view`)."""
        from evidence.display import plan_view

        return plan_view(self, framework)

    @property
    def warnings(self) -> list[str]:
        """Warnings found when the inputs were checked."""
        return list(self.manifest.get("warnings", []))

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


def load(project: str | Path, *, rebuild: bool = True, progress: bool | None = None) -> EvidenceBase:
    """Load a project's evidence base, building it first if the inputs changed.

    Parameters
    ----------
    project
        The project folder (or its ``evidence.yml``).
    rebuild
        Build when the evidence base is missing or stale (default). With ``False``,
        read what is on disk as it is.
    progress
        Show a progress bar while building (``None``: only in a notebook).
    """
    config, problems = read_config(project)
    problems.raise_if_errors()
    assert config is not None
    if rebuild:
        build(project, progress=progress)
    manifest = read_manifest(config.output)
    if manifest is None:
        raise ProjectError(f"No evidence base at '{config.output}'. Run 'evidence build {config.root}' first, "
                           "or load with rebuild=True.")
    key = config.output.resolve()
    cached = _CACHE.get(key)
    if cached is not None and cached.manifest == manifest and cached.config == config:
        return cached
    # an evidence base built before the breakdowns table existed (read with rebuild=False) has none
    names = [t for t in TABLES if t != "breakdowns" or (config.output / "breakdowns.parquet").exists()]
    tables = read_tables(config.output, names, geo=("areas",))
    base = EvidenceBase(config, tables["values"], tables["comparisons"], tables["indicators"], tables["areas"],
                        manifest, breakdowns=tables.get("breakdowns", pd.DataFrame()))
    _CACHE[key] = base
    return base


# Evidence bases loaded in this process, by folder: a warm kernel that renders one profile
# after another reads the tables once (the manifest tells when they have changed).
_CACHE: dict[Path, EvidenceBase] = {}
