"""The names a project's inputs may refer to: indicator ids, themes, area codes and area types.

The activity register, the rural-urban classification and the outcome framework name
indicators, themes and areas. ``evidence validate`` checks them against the catalogue
and the areas it has just read, and the reports check them against a built evidence
base: :class:`KnownNames` is the one small interface both hand to those readers, so a
reader never needs a whole evidence base (or the time to build one) to check a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KnownNames"]


@dataclass(frozen=True)
class KnownNames:
    """What an input may name; ``None`` where it is not known (that check is then skipped).

    Attributes
    ----------
    indicators
        Indicator ids of the catalogue.
    themes
        ``(id, name)`` of each theme of ``evidence.yml``, in order.
    areas
        Area code -> area type, for every area (lookup, custom areas, England).
    area_types
        The geography's area types, smallest first (``lsoa, ward, district``).
    """

    indicators: frozenset[str] | None = None
    themes: tuple[tuple[str, str], ...] = ()
    areas: Mapping[str, str] | None = field(default=None, compare=False)
    area_types: tuple[str, ...] = ()

    @property
    def small_type(self) -> str | None:
        """The smallest area type (the one a classification of small areas is of)."""
        return self.area_types[0] if self.area_types else None

    @property
    def theme_words(self) -> list[str]:
        """Theme ids then names: what an activity's ``themes`` may say."""
        return [t for t, _ in self.themes] + [n for _, n in self.themes]

    @classmethod
    def of(cls, config: Any, catalogue: Any = None, areas: Any = None) -> KnownNames:
        """From a config and, when they could be read, the catalogue and the areas table.

        Works for :class:`~evidence.validation.Inputs` parts and for an evidence base's
        ``config``, ``indicators`` and ``areas`` alike (they share their columns).

        >>> from types import SimpleNamespace as NS
        >>> config = NS(themes=[NS(id="safer", name="Safer")], type_order=["lsoa", "ward"])
        >>> KnownNames.of(config).theme_words
        ['safer', 'Safer']
        """
        indicators = None if catalogue is None else frozenset(catalogue["id"].astype(str))
        codes = None
        if areas is not None:
            codes = dict(zip(areas["area_code"].astype(str), areas["area_type"].astype(str)))
        return cls(indicators, tuple((t.id, t.name) for t in config.themes), codes, tuple(config.type_order))

    @classmethod
    def of_evidence(cls, evidence: Any) -> KnownNames:
        """From a built :class:`~evidence.EvidenceBase`."""
        return cls.of(evidence.config, evidence.indicators, evidence.areas)
