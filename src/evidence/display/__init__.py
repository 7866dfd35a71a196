"""Display objects for exploring the evidence in JupyterLab: maps, charts and tables one call away.

Each is made from the published evidence (disclosure control applied) by the renderers
the exported pages use, shows itself through ``_repr_html_`` and gives its figures as a
DataFrame (``.data``, ``.to_frame()``). The evidence base offers them as methods::

    eb = evidence.load("data")
    eb.map("92443")                      # MapView: folium choropleth of wards, tooltips in words
    eb.profile("E05999001")              # ProfileView: the profile's sections
    eb.spine("E05999001", theme="safer") # SpineView
    eb.trend("92443", "E05999001")       # TrendView
    eb.compare(["E05999001", "E05999002"])  # Comparison (``.style`` for a pandas Styler)
    eb.gaps(), eb.plan()                 # GapsView, PlanView

=============  ==========================================================
module         concept
=============  ==========================================================
``_view``      the :class:`View` every display is (title, HTML, data)
``maps``       an indicator's map
``charts``     spine and trend charts
``compare``    areas side by side
``profile``    a profile inline
``analysis``   the gap analysis and the action plan
``progress``   ``tqdm.auto`` bars shown only in a notebook
``tour``       where ``notebooks/explore.ipynb`` starts on any project
=============  ==========================================================
"""

from typing import TYPE_CHECKING, Any

from evidence._lazy import lazy_attribute, lazy_dir

if TYPE_CHECKING:  # pragma: no cover
    from evidence.display._view import View
    from evidence.display.analysis import GapsView, PlanView, gaps_view, plan_view
    from evidence.display.charts import SpineView, TrendView, spine_view, trend_view
    from evidence.display.compare import Comparison, compare_areas
    from evidence.display.maps import MapView, indicator_map
    from evidence.display.profile import ProfileView, profile_view
    from evidence.display.progress import interactive, progress_bar
    from evidence.display.tour import Start, starting_points

__all__ = [
    "Comparison",
    "GapsView",
    "MapView",
    "PlanView",
    "ProfileView",
    "SpineView",
    "Start",
    "TrendView",
    "View",
    "compare_areas",
    "gaps_view",
    "indicator_map",
    "interactive",
    "plan_view",
    "profile_view",
    "progress_bar",
    "spine_view",
    "starting_points",
    "trend_view",
]

_HOME = {
    "Comparison": "compare", "GapsView": "analysis", "MapView": "maps", "PlanView": "analysis",
    "ProfileView": "profile", "SpineView": "charts", "TrendView": "charts", "View": "_view",
    "compare_areas": "compare", "gaps_view": "analysis", "indicator_map": "maps", "interactive": "progress",
    "plan_view": "analysis", "profile_view": "profile", "progress_bar": "progress", "spine_view": "charts",
    "trend_view": "charts", "Start": "tour", "starting_points": "tour",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOME, name, globals())


def __dir__() -> list[str]:
    return lazy_dir(globals(), __all__)
