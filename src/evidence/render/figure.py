"""A chart or map together with its text alternative and its data table.

Every graphic the kit draws comes back as a :class:`Figure`, so the words and the
table that carry the same information as the picture can never be forgotten: the
figure renders as one block (graphic, key, table) in a notebook output or a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.render._html import Markup, tag

__all__ = ["Figure"]


@dataclass(frozen=True)
class Figure:
    """A rendered graphic with its accessible equivalents.

    Attributes
    ----------
    caption : str
        What the figure shows (plain text; escaped when rendered).
    graphic : Markup
        The inline SVG or map fragment.
    summary : str
        The text alternative in plain words (also inside the graphic's ``<desc>``).
    table : Markup
        The same data as an accessible table.
    key : Markup
        A key to the symbols (may be empty).
    table_collapsed : bool
        Put the table in a ``<details>`` block (for charts whose data is secondary).
    """

    caption: str
    graphic: Markup
    summary: str
    table: Markup
    key: Markup = Markup("")
    table_collapsed: bool = False

    def __html__(self) -> str:
        if self.table_collapsed:
            data = tag(
                "details",
                tag("summary", "Show the data as a table"),
                self.table,
                class_="ev-details",
            )
        else:
            data = self.table
        return str(
            tag(
                "figure",
                tag("figcaption", self.caption),
                self.graphic,
                self.key or None,
                data,
                class_="ev-figure",
            )
        )

    def _repr_html_(self) -> str:
        return self.__html__()

    def __str__(self) -> str:
        return self.__html__()
