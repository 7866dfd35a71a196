"""A tiny HTML/SVG builder on top of :class:`markupsafe.Markup` where escaping is the default.

Every renderer in :mod:`evidence.render` builds its output with :func:`tag`. Text
children and attribute values are escaped unless they are already :class:`Markup`
(the output of another ``tag`` call, or a string the kit marks safe on purpose), so a
name such as ``<script>`` or ``A & B`` read from an input file can only ever appear as
text. There is no way to pass raw text through ``tag`` by accident: the only door is
``Markup(...)``, which reviewers can grep for.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

__all__ = ["Markup", "escape", "join", "new_id", "tag"]

VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr"})
SVG_SHAPES = frozenset({"path", "rect", "circle", "line", "polygon", "polyline", "ellipse", "use"})
_counter = itertools.count(1)


def _attr_name(name: str) -> str:
    """Python keyword-friendly names: ``class_`` -> ``class``, ``aria_label`` -> ``aria-label``."""
    return name.rstrip("_").replace("_", "-")


def attrs(attributes: dict[str, Any]) -> Markup:
    """Render attributes; ``None``/``False`` are dropped, ``True`` gives a bare attribute."""
    parts = []
    for name, value in attributes.items():
        if value is None or value is False:
            continue
        key = escape(_attr_name(name))
        parts.append(f" {key}" if value is True else f' {key}="{escape(value)}"')
    return Markup("".join(parts))


def _children(items: Iterable[Any]) -> Iterable[Markup]:
    for item in items:
        if item is None or item is False:
            continue
        if isinstance(item, (list, tuple)) or (
            not isinstance(item, str) and hasattr(item, "__iter__") and not hasattr(item, "__html__")
        ):
            yield from _children(item)
        else:
            yield escape(item)


def tag(name: str, *children: Any, **attributes: Any) -> Markup:
    """Build one element, escaping every text child and attribute value.

    Parameters
    ----------
    name : str
        Element name (``"td"``, ``"svg"``, ``"rect"``...).
    *children
        Text (escaped), :class:`Markup` (kept), numbers (formatted with ``str``),
        ``None`` (skipped) or nested lists of these.
    **attributes
        Attribute values (escaped). ``class_`` gives ``class``; underscores become hyphens
        (``aria_label`` -> ``aria-label``); ``None`` or ``False`` drops the attribute.

    Examples
    --------
    >>> str(tag("td", "<b> & co", class_="x"))
    '<td class="x">&lt;b&gt; &amp; co</td>'
    """
    # Plain string building on already-escaped parts: this runs tens of thousands of
    # times per page, and Markup.format is several times slower than an f-string.
    head = f"<{name}{attrs(attributes)}"
    if name in VOID:
        return Markup(head + ">")
    body = "".join(_children(children))
    if not body and name in SVG_SHAPES:
        return Markup(head + "/>")
    return Markup(f"{head}>{body}</{name}>")


def join(items: Iterable[Any], sep: str = "") -> Markup:
    """Join escaped items into one :class:`Markup`."""
    return Markup(sep).join(_children(items))


def new_id(prefix: str, *content: object) -> str:
    """A page-unique, readable element id: prefix, a short content hash and a counter.

    The hash keeps ids stable in shape; the counter keeps two renderings of the same data
    on one page apart (ids must be unique for ``aria-labelledby`` to work).
    """
    digest = hashlib.sha1(repr(content).encode("utf-8")).hexdigest()[:6]
    return f"ev-{prefix}-{digest}-{next(_counter)}"
