"""The figures the gap analysis lacks because they could not be aggregated, in words.

The build records every area it could not aggregate (``manifest.json``
``not_aggregated``, carried by :class:`~evidence.PublishedEvidence`). The gap page lists
those inside the focus area under Evidence gaps: missing evidence, never a lack of need.
"""

from __future__ import annotations

from evidence.gaps._frames import text

__all__ = ["not_aggregated_words"]


def not_aggregated_words(a) -> list[str]:
    """One sentence per indicator with areas in the focus area that could not be aggregated."""
    records = [r for r in getattr(a.eb, "not_aggregated", ()) or ()]
    if not records:
        return []
    names = dict(zip(text(a.eb.areas["area_code"]), text(a.eb.areas["area_name"])))
    inside = {a.focus_area} | _focus_members(a)
    catalogue = a.eb.indicators
    ind_names = dict(zip(text(catalogue["id"]), text(catalogue["name"])))
    if a.theme:
        catalogue = catalogue[text(catalogue["theme"]) == a.theme]
    wanted = set(text(catalogue["id"]))
    by_indicator: dict[str, list[dict]] = {}
    for r in records:
        if r["area_code"] in inside and r["indicator_id"] in wanted:
            by_indicator.setdefault(r["indicator_id"], []).append(r)
    out = []
    for ident, rows in sorted(by_indicator.items()):
        areas = sorted({names.get(r["area_code"], r["area_code"]) for r in rows})
        blank = sorted({m for r in rows for m in r["blank"]})
        why = (f"member areas with a blank numerator or denominator: {', '.join(blank[:6])}"
               f"{' and more' if len(blank) > 6 else ''}" if blank else "member areas without a value")
        out.append(f"{ind_names.get(ident, ident)} ({rows[0]['period']}): no figure for {len(areas)} area"
                   f"{'s' if len(areas) != 1 else ''} ({', '.join(areas[:8])}{' and more' if len(areas) > 8 else ''})"
                   f"; {why}.")
    return out


def _focus_members(a) -> set[str]:
    """Codes of the areas inside the focus area (every type)."""
    column = f"{a.eb.config.type_order[-1]}_code"
    areas = a.eb.areas
    if column not in areas.columns:
        return set()
    return set(text(areas.loc[text(areas[column]) == a.focus_area, "area_code"]))
