"""The vendored front-end files (Leaflet) as inline ``<style>`` and ``<script>`` blocks.

Profiles must work offline and as e-mail attachments, so nothing is fetched from a CDN:
Leaflet's CSS and JS (see ``evidence/assets/README.md`` for version, source and licence)
are read from the package and inlined. The script is guarded so that a page holding
several maps evaluates Leaflet once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from evidence.render._html import Markup

__all__ = ["LEAFLET_VERSION", "leaflet_css", "leaflet_js", "leaflet_assets"]

LEAFLET_VERSION = "1.9.4"


def _read(name: str) -> str:
    return (resources.files("evidence") / "assets" / "leaflet" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def leaflet_css() -> Markup:
    """Leaflet's stylesheet in a ``<style>`` element.

    The marker-icon and layer-control images are dropped (``url(images/...)``): a
    choropleth uses neither, and they would be requests for files that are not there.
    """
    css = re.sub(r"url\(images/[^)]*\)", "none", _read("leaflet.css"))
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    return Markup('<style data-evidence="leaflet-css">{}</style>').format(Markup(css))


@lru_cache(maxsize=1)
def leaflet_js() -> Markup:
    """Leaflet's script in a ``<script>`` element, evaluated only if ``L`` is not defined yet."""
    js = _read("leaflet.js").replace("//# sourceMappingURL=leaflet.js.map", "")
    if re.search(r"</script", js, re.IGNORECASE):  # pragma: no cover - guards a vendored file
        raise RuntimeError("The vendored leaflet.js contains '</script' and cannot be inlined.")
    return Markup(
        '<script data-evidence="leaflet-js">if (typeof window.L === "undefined") {{\n{}\n}}</script>'
    ).format(Markup(js))


def leaflet_assets() -> Markup:
    """Leaflet's CSS and JS, inline, for pages that place maps without their own copy."""
    return leaflet_css() + leaflet_js()
