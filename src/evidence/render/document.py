"""A board page as data: a title and its sections in reading order.

Profiles, the gap analysis and the outcome report are all a :class:`Document`: the
notebook displays its sections one cell at a time, and
:func:`evidence.profiles.page.render_page` puts the same sections on a page without a
kernel. Each section is an id (for links and cell tags) and an escaped HTML fragment.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.errors import DataError
from evidence.render._html import Markup

__all__ = ["Document", "Section"]


@dataclass(frozen=True)
class Section:
    """One part of a page: an id (for cell tags and links) and its HTML."""

    id: str
    html: Markup

    def _repr_html_(self) -> str:
        return str(self.html)

    def __repr__(self) -> str:
        # Short on purpose: a notebook stores this text/plain form beside the HTML, and the
        # default dataclass repr would repeat the whole page section (and pretty-printing
        # it costs more than building it).
        return f"<Section {self.id!r}: {len(self.html):,} characters of HTML>"


@dataclass(frozen=True)
class Document:
    """A page: its title and its sections in reading order."""

    title: str
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section:
        """The section with id ``section_id``."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise DataError(f"No section '{section_id}'. Sections: {', '.join(s.id for s in self.sections)}.")

    def themes(self) -> list[Section]:
        """The per-theme sections (ids starting with ``theme-``)."""
        return [s for s in self.sections if s.id.startswith("theme-")]

    def _repr_html_(self) -> str:
        return "".join(str(s.html) for s in self.sections)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.title!r}: sections {', '.join(s.id for s in self.sections)}>"
