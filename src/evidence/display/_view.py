"""What every display object is: a title, its HTML (the report's renderers) and its data.

A :class:`View` shows itself in JupyterLab through ``_repr_html_`` and gives its figures
as a DataFrame (``.data``, or a copy with ``.to_frame()``), as geopandas' ``explore()``
and pandas' ``style`` do. The HTML is made by the same renderers as the exported pages
(:mod:`evidence.render`, escaped by :mod:`evidence.render._html`) from the published
evidence only. In a notebook it is shown inside an ``<iframe srcdoc>`` with the pages'
own stylesheet, the way folium shows a map: the page styles (``body``, ``h1``...) cannot
restyle JupyterLab, each map has its own Leaflet, and the output looks like the page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from evidence.render._html import Markup, tag

__all__ = ["View", "comparator_of", "standalone_page"]

# The iframe grows to its page's height once loaded (a trusted output runs the handler;
# the height given is the fallback).
_FIT = "this.style.height=(this.contentWindow.document.documentElement.scrollHeight+4)+'px'"


@functools.cache
def _stylesheet() -> str:
    from evidence.render.notebook_export import template_dir

    return (template_dir() / "evidence" / "evidence.css").read_text(encoding="utf-8")


def standalone_page(title: str, body: Markup) -> str:
    """A complete HTML document holding ``body`` with the exported pages' stylesheet."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"{tag('title', title)}<style>{_stylesheet()}</style></head>"
            f"<body><main>{body}</main></body></html>")


@dataclass(frozen=True, eq=False)
class View:
    """A display object: what it shows (``title``), the HTML, and its figures as a frame.

    Attributes
    ----------
    title
        Plain words ("Smoking prevalence by ward, 2023").
    html
        The escaped HTML fragment (the report renderers' output).
    data
        The figures shown, published values only (a suppressed figure is blank).
    height
        The iframe's height in pixels before it fits its content.
    """

    title: str
    html: Markup
    data: pd.DataFrame = field(repr=False)
    height: int = 600

    def to_frame(self) -> pd.DataFrame:
        """The figures shown, as a new DataFrame."""
        return self.data.copy()

    def __html__(self) -> str:
        return str(self.html)

    def _repr_html_(self) -> str:
        page = standalone_page(self.title, self.html)
        return str(tag("iframe", srcdoc=page, title=self.title, class_="evidence-view", onload=_FIT,
                       style=f"width:100%;height:{int(self.height)}px;border:0"))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.title!r}: {len(self.data)} rows>"


def comparator_of(evidence: Any, area_code: str) -> tuple[str | None, str]:
    """The main comparator of an area (code and name), as its profile names it."""
    from evidence.profiles.content import comparator_name, main_comparator

    area = evidence._area_row(area_code)
    code = main_comparator(evidence.config, area)
    if code is None:
        found = evidence.values.loc[evidence.values["area_code"] == area_code, "comparator_code"].dropna()
        found = found.astype(str).mode()
        code = found.iloc[0] if len(found) else None
    return code, comparator_name(evidence, code)
