"""The board-ready gap-analysis report: a :class:`Report` of sections, like an area profile.

:func:`build_gap_report` runs the analysis (:func:`evidence.gaps.analysis.analyse`) and
renders each part with :mod:`evidence.gaps.sections` and the maps below. The notebook
``notebooks/gap_analysis.ipynb`` displays the sections one per cell; for a page without
a kernel use :func:`evidence.profiles.page.render_page` on the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from evidence.published import PublishedEvidence
from evidence.gaps import sections
from evidence.gaps.analysis import GapAnalysis, analyse
from evidence.gaps.cluster_map import cluster_map
from evidence.gaps.clusters import CLUSTER_CAVEAT
from evidence.render import callout, choropleth, heading
from evidence.render._html import Markup, join, tag
from evidence.render.document import Document, Section
from evidence.timetable.page import project_banner

__all__ = ["Report", "build_gap_report", "maps_section"]


@dataclass(frozen=True)
class Report(Document):
    """The gap analysis as a page: title and sections in reading order, plus the analysis."""

    analysis: GapAnalysis | None = None


def _count_map(a: GapAnalysis, counts: pd.Series, caption: str, first: bool):
    shapes = a.shapes[["area_code", "area_name", "geometry"]].copy()
    shapes["value"] = shapes["area_code"].astype(str).map(counts).astype(float)
    shapes = gpd.GeoDataFrame(shapes, geometry="geometry", crs=a.shapes.crs).to_crs(4326)
    # natural breaks: quantiles of small whole counts give empty or repeated classes
    return choropleth(shapes, caption=caption, decimals=0, scheme="natural_breaks", include_leaflet=first,
                      tiles=bool(a.eb.config.tiles))


def maps_section(a: GapAnalysis) -> Markup:
    """Maps: significantly worse indicators per area overall and per theme, and the cluster view."""
    wards = sections._type_label(a, a.area_type)
    parts = [heading("Maps", 2, id="maps")]
    if a.scores.empty or a.shapes.empty:
        return join(parts + [tag("p", f"There are no {wards} figures to map.")])
    worse = a.scores[a.scores["c_significance"] > 0]
    all_codes = a.shapes["area_code"].astype(str)
    overall = worse.groupby(worse["area_code"].astype(str)).size().reindex(all_codes, fill_value=0)
    scope = f" ({a.theme_name})" if a.theme else ""
    parts += [tag("p", f"Darker {wards}s are significantly worse than {a.benchmark} on more indicators. Each map is "
                       "followed by a table ranking the same areas."),
              heading(f"Priority map: significantly worse indicators per {wards}{scope}", 3),
              _count_map(a, overall, f"Number of significantly worse indicators by {wards}{scope}", True)]
    if not a.theme:
        for theme in a.theme_order:
            rows = a.scores[a.scores["theme"] == theme]
            if rows.empty:
                continue
            counts = rows[rows["c_significance"] > 0].groupby(rows["area_code"].astype(str)).size() \
                .reindex(all_codes, fill_value=0)
            name = a.theme_names[theme]
            parts += [heading(f"{name}: significantly worse indicators per {wards}", 3, id=f"map-{theme}"),
                      _count_map(a, counts, f"{name}: number of significantly worse indicators by {wards}", False)]
    small = sections._type_label(a, a.small_type)
    parts.append(heading(f"Cluster view: where problems group together ({small}s)", 3, id="clusters"))
    clusters = a.clusters
    computed = clusters["cluster"] != "Not computed"
    if not computed.any():
        note = clusters["note"].iloc[0] if len(clusters) else "No areas."
        parts.append(tag("p", f"The cluster view cannot be computed here: {note}"))
    else:
        from evidence.gaps._frames import members

        shapes = members(a.eb.areas, a.focus_area, a.small_type)
        high = int((clusters["cluster"].str.startswith("High-High")).sum())
        parts += [tag("p", f"Local Moran's I compares each {small}'s number of significantly worse indicators with "
                           f"its neighbours'. {high} {small}{'s are' if high != 1 else ' is'} part of a cluster of "
                           "high counts (High-High): places where problems sit side by side rather than in one "
                           "area alone."),
                  cluster_map(shapes, clusters, caption=f"Clusters of {small}s with many significantly worse "
                                                        "indicators (local Moran's I)",
                              value_label="Significantly worse indicators", include_leaflet=False)]
    parts.append(callout("Reading the cluster view with care", CLUSTER_CAVEAT, level=4))
    return join(parts)


def build_gap_report(eb: PublishedEvidence | object, *, focus_area: str | None = None, theme: str | None = None,
                     downloads: str | None = None, as_of: str | None = None) -> Report:
    """Assemble the gap-analysis report of ``focus_area`` (default: the project's focus area).

    Parameters
    ----------
    eb
        The published evidence, or the evidence base (:func:`evidence.load`), which is
        put through disclosure control first.
    focus_area
        Area code; default ``focus_area`` of ``evidence.yml``.
    theme
        A theme id or name: only its indicators.
    downloads
        Folder of the exported files, relative to the page (e.g. ``"gap_analysis"``):
        the Downloads section links to them. ``None`` says how to produce them.
    as_of
        The day (ISO) the timetable's "where we are" banner is as of (default: today);
        ``evidence gaps`` passes :func:`evidence.timetable.page.banner_day`.

    Returns
    -------
    Report
        Sections ``title, summary, priorities, performance, inequality, coverage,
        cross-cutting, evidence-gaps, proofing, maps, downloads, how-to-read``.
    """
    a = analyse(eb, focus_area=focus_area, theme=theme)
    title = f"Gap analysis: {a.focus_name}" + (f", {a.theme_name}" if a.theme else "")
    parts = [
        ("title", join([sections.title(a), project_banner(a.eb.config, as_of)])),  # "where we are", with a timetable
        ("summary", sections.summary(a)),
        ("priorities", sections.priorities(a)),
        ("performance", sections.performance(a)),
        ("inequality", sections.inequality(a)),
        ("coverage", sections.coverage(a)),
        ("cross-cutting", sections.crosscutting(a)),
        ("evidence-gaps", sections.evidence_gaps(a)),
        ("proofing", sections.proofing(a)),
        ("maps", maps_section(a)),
        ("downloads", sections.downloads(a, downloads)),
        ("how-to-read", sections.how_to_read(a)),
    ]
    return Report(title, tuple(Section(i, html) for i, html in parts), analysis=a)
