"""Finding a theme by its id or its name: the one rule every report and look-up uses.

A theme is named on the command line (``--theme``), in a notebook or in a look-up by its
id (``safer``) or its name (``Safer communities``), in any case. An unknown one is a
:class:`~evidence.errors.DataError` that suggests the nearest and lists the ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from evidence.errors import DataError, did_you_mean

__all__ = ["NamedTheme", "find_theme"]


class NamedTheme(Protocol):
    """Anything with a theme's ``id`` and ``name`` (:class:`evidence.config.Theme`)."""

    id: str
    name: str


def find_theme(themes: Iterable[NamedTheme], theme: str, *, where: str = "evidence.yml") -> NamedTheme:
    """The theme of ``themes`` whose id or name is ``theme`` (case-insensitive).

    ``where`` says where the allowed themes come from, for the message.

    Examples
    --------
    >>> from evidence.config import Theme
    >>> find_theme([Theme("safer", "Safer communities")], "SAFER COMMUNITIES").id
    'safer'
    """
    themes = list(themes)
    wanted = str(theme).strip().lower()
    for t in themes:
        if wanted in (t.id.lower(), t.name.lower()):
            return t
    ids = [t.id for t in themes]
    raise DataError(f"Unknown theme '{theme}'.{did_you_mean(str(theme), ids + [t.name for t in themes])} "
                    f"Themes in {where}: {', '.join(ids)}.")
