"""How a judgement (Better, Similar, Worse...) looks: a word, a shape and a colour.

The word always carries the meaning; shape and colour are extra cues, so the profile
reads the same in greyscale print, to people with colour-vision deficiency and to
screen-reader users (WCAG 1.4.1 Use of colour). Fills are either dark enough to meet
3:1 non-text contrast on white, or light with a near-black outline that does.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.render._html import Markup, tag

__all__ = [
    "JUDGEMENTS",
    "JudgementStyle",
    "judgement_badge",
    "judgement_marker",
    "marker_at",
    "style_for",
]

INK = "#0b0c0c"


@dataclass(frozen=True)
class JudgementStyle:
    """The visual cues for one judgement word."""

    word: str
    fill: str
    shape: str  # circle, diamond, square, up, down
    meaning: str  # plain words; "{c}" stands for the comparator's name

    def explain(self, comparator: str) -> str:
        """The meaning with the comparator named, e.g. "clearly better than England..."."""
        return self.meaning.format(c=comparator)


JUDGEMENTS: dict[str, JudgementStyle] = {
    s.word: s
    for s in (
        JudgementStyle("Better", "#005ea5", "circle",
                       "clearly better than {c}, allowing for the margin of error"),
        JudgementStyle("Similar", "#ffdd00", "diamond", "not clearly different from {c}"),
        JudgementStyle("Worse", "#d4351c", "square",
                       "clearly worse than {c}, allowing for the margin of error"),
        JudgementStyle("Higher", "#4c2c92", "up",
                       "clearly higher than {c}, for measures where higher is neither better nor worse"),
        JudgementStyle("Lower", "#c9b8ea", "down",
                       "clearly lower than {c}, for measures where lower is neither better nor worse"),
        JudgementStyle("Not compared", "#ffffff", "ring",
                       "no comparison could be made (for example, too few people were counted)"),
    )
}


def style_for(word: object) -> JudgementStyle:
    """The style of a judgement word; blanks and unknown words read as "Not compared".

    Two-level words such as ``"Better (99.8%)"`` take the style of their first word.
    """
    key = str(word).strip().split(" (")[0].capitalize() if isinstance(word, str) else ""
    return JUDGEMENTS.get(key, JUDGEMENTS["Not compared"])


def _shape_path(shape: str, cx: float, cy: float, r: float) -> str:
    if shape == "diamond":
        r *= 1.25
        return f"M{cx:.1f} {cy - r:.1f}L{cx + r:.1f} {cy:.1f}L{cx:.1f} {cy + r:.1f}L{cx - r:.1f} {cy:.1f}Z"
    if shape == "square":
        r *= 0.9
        return f"M{cx - r:.1f} {cy - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}Z"
    if shape == "up":
        r *= 1.15
        return f"M{cx:.1f} {cy - r:.1f}L{cx + r:.1f} {cy + r * 0.8:.1f}L{cx - r:.1f} {cy + r * 0.8:.1f}Z"
    if shape == "down":
        r *= 1.15
        return f"M{cx:.1f} {cy + r:.1f}L{cx + r:.1f} {cy - r * 0.8:.1f}L{cx - r:.1f} {cy - r * 0.8:.1f}Z"
    # circle and ring: two arcs
    return (
        f"M{cx - r:.1f} {cy:.1f}a{r:.1f} {r:.1f} 0 1 0 {2 * r:.1f} 0"
        f"a{r:.1f} {r:.1f} 0 1 0 {-2 * r:.1f} 0Z"
    )


def judgement_marker(word: object, cx: float, cy: float, r: float = 6.0) -> Markup:
    """An SVG ``<path>`` for the judgement's shape, centred on ``(cx, cy)``."""
    style = style_for(word)
    return tag(
        "path",
        d=_shape_path(style.shape, cx, cy, r),
        fill=style.fill,
        stroke=INK,
        stroke_width="1.5",
        class_=f"ev-marker ev-marker--{style.shape}",
    )


def marker_at(word: object, x_pct: float, y: float, r: float = 6.0) -> Markup:
    """The judgement marker at ``x_pct`` percent of the chart's width and ``y`` pixels.

    Shapes are paths, which cannot take percentages, so the marker is drawn around the
    origin of a nested ``<svg>`` placed at the percentage: the chart stays fluid in width
    while its text keeps its real size at any screen width.
    """
    return tag("svg", judgement_marker(word, 0, 0, r), x=f"{x_pct:.2f}%", y=f"{y:.1f}",
               width="1", height="1", overflow="visible")


def judgement_badge(word: object) -> Markup:
    """The judgement for a table cell: a small decorative shape followed by the word.

    The shape is ``aria-hidden``; the word is the content, so nothing depends on colour.
    """
    style = style_for(word)
    text = str(word).strip() if isinstance(word, str) and str(word).strip() else "Not compared"
    icon = tag(
        "svg",
        judgement_marker(style.word, 8, 8, 5.5),
        width="16",
        height="16",
        viewBox="0 0 16 16",
        aria_hidden="true",
        focusable="false",
        class_="ev-badge-icon",
    )
    return tag("span", icon, text, class_=f"ev-badge ev-badge--{style.shape}")
