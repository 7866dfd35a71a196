"""Rendering kit: accessible, self-contained HTML pieces for area profiles.

Every function is pure and returns :class:`markupsafe.Markup` (or a
:class:`~evidence.render.figure.Figure` that renders to it); every name, label and free
text taken from input files is escaped by the builder in :mod:`evidence.render._html`.

========================  =====================================================
module                    concept
========================  =====================================================
``tables``                accessible table from a DataFrame
``spine``                 Fingertips-style spine chart (SVG) + its table
``charts``                trend chart (SVG) + its table
``maps``                  folium choropleth, self-contained (inlined Leaflet)
``page``                  headings, summary bullets, "how to read this", notes
``judgement``             word + shape + colour of each judgement
``notebook_export``       the nbconvert HTMLExporter with the ``evidence`` template
========================  =====================================================
"""

from typing import TYPE_CHECKING, Any

from evidence._lazy import lazy_attribute, lazy_dir

if TYPE_CHECKING:  # pragma: no cover
    from evidence.render.charts import trend_chart
    from evidence.render.figure import Figure
    from evidence.render.judgement import judgement_badge
    from evidence.render.maps import choropleth, classify
    from evidence.render.notebook_export import exporter, template_dir
    from evidence.render.page import callout, heading, how_to_read, summary_list, suppression_notice
    from evidence.render.spine import spine_chart
    from evidence.render.tables import table

__all__ = [
    "Figure",
    "callout",
    "choropleth",
    "classify",
    "exporter",
    "heading",
    "how_to_read",
    "judgement_badge",
    "spine_chart",
    "summary_list",
    "suppression_notice",
    "table",
    "template_dir",
    "trend_chart",
]

# Imported on first use: a batch worker that only exports pages needs the exporter, not
# folium, mapclassify (which brings scikit-learn) or the charts.
_HOME = {
    "Figure": "figure", "callout": "page", "choropleth": "maps", "classify": "maps",
    "exporter": "notebook_export", "heading": "page", "how_to_read": "page",
    "judgement_badge": "judgement", "spine_chart": "spine", "summary_list": "page",
    "suppression_notice": "page", "table": "tables", "template_dir": "notebook_export",
    "trend_chart": "charts",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOME, name, globals())


def __dir__() -> list[str]:
    return lazy_dir(globals(), __all__)
