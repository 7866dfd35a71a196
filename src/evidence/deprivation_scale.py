"""Which scale the deprivation fifths are on: inside the focus area, or national.

The IoD's ranks, deciles and scores are national: an LSOA in IMD decile 1 is among the
most deprived 10% in England wherever it is. Ranking a district's LSOAs again inside the
district (``local``, the default) always splits them 20/20/20/20/20, which says nothing
about how deprived the district is. ``context.deprivation_scale`` says what the
deprivation indicator is, so that its fifths are the national ones:

``local``
    Rank the small areas of the focus area by the indicator and split them into five
    equal-count fifths ("the most deprived fifth of Gloucester's neighbourhoods").
``national_decile``
    The indicator is a national decile, 1 = most deprived 10%: fifth = deciles 1-2, 3-4, ...
``national_rank``
    A national rank, 1 = most deprived, out of ``context.deprivation_ranked`` areas
    (32,844 LSOAs for IoD 2019): fifth = ``ceil(5 * rank / ranked)``.
``national_score``
    A score, higher = more deprived, with the national cut points between fifths given
    in ``context.deprivation_cuts`` (the scores at the 20th, 40th, 60th and 80th
    percentile of all areas in England, on the scale of the values: IoD domain scores such
    as income are rates from 0 to 1, the IMD score runs from 0 to about 90).

Every sentence about the fifths names its scale: "of Gloucester's neighbourhoods" or
"in England". This module holds no data stack (the config reads it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["DeprivationScale", "SCALES", "fifth_names", "national_fifth", "read_scale", "scale_words"]

SCALES = ("local", "national_decile", "national_rank", "national_score")


@dataclass(frozen=True)
class DeprivationScale:
    """The scale of ``context.deprivation``: its kind, national rank count or score cut points."""

    kind: str = "local"
    ranked: int | None = None
    cuts: tuple[float, ...] = ()

    @property
    def national(self) -> bool:
        """Whether the fifths are the national ones (not ranked inside the focus area)."""
        return self.kind != "local"


def read_scale(context: dict, problems, file, where) -> DeprivationScale:
    """The scale from the ``context`` section, each mistake a problem at its setting.

    ``where(dotted)`` gives the place of a setting for a problem (``config_rules.where``).
    """
    kind = str(context.get("deprivation_scale", "local"))
    if kind not in SCALES:
        from evidence.errors import did_you_mean

        problems.error(f"Unknown deprivation scale '{kind}'.{did_you_mean(kind, SCALES)}",
                       f"Use one of: {', '.join(SCALES)} (local ranks the focus area's small areas; the national "
                       "ones read an IoD decile, rank or score as published).", file=file,
                       **where("context.deprivation_scale"))
        return DeprivationScale()
    ranked, cuts = context.get("deprivation_ranked"), context.get("deprivation_cuts")
    if kind == "national_rank" and not (isinstance(ranked, int) and ranked > 0):
        problems.error("'context.deprivation_scale: national_rank' needs the number of areas ranked nationally, "
                       "to know where the most deprived 20% ends.",
                       "Add 'context.deprivation_ranked: 32844' (IoD 2019 LSOAs; 33755 for IoD 2025).",
                       file=file, **where("context.deprivation_scale"))
        return DeprivationScale()
    numbers = []
    if kind == "national_score":
        numbers = [c for c in cuts or [] if isinstance(c, (int, float)) and not isinstance(c, bool)]
        if len(numbers) != 4 or len(numbers) != len(cuts or []) or sorted(numbers) != numbers \
                or len(set(numbers)) != 4:
            problems.error("'context.deprivation_scale: national_score' needs the four national cut points between "
                           "the fifths, smallest first (a score is not a fifth by itself).",
                           "Add 'context.deprivation_cuts: [a, b, c, d]': the scores at the 20th, 40th, 60th and "
                           "80th percentile of all areas in England, on the scale of the values.",
                           file=file, **where("context.deprivation_cuts" if cuts is not None
                                              else "context.deprivation_scale"))
            return DeprivationScale()
    return DeprivationScale(kind, ranked if kind == "national_rank" else None, tuple(float(n) for n in numbers))


def national_fifth(value: float, scale: DeprivationScale) -> int | None:
    """The national fifth (1 = most deprived 20%) of one value, or None when it is not on the scale.

    >>> national_fifth(1, DeprivationScale("national_decile")), national_fifth(10, DeprivationScale("national_decile"))
    (1, 5)
    >>> national_fifth(6568, DeprivationScale("national_rank", 32844))
    1
    >>> national_fifth(0.31, DeprivationScale("national_score", cuts=(0.05, 0.09, 0.14, 0.22)))
    1
    """
    if value is None or not math.isfinite(value):
        return None
    if scale.kind == "national_decile":
        return int(math.ceil(value / 2)) if value == int(value) and 1 <= value <= 10 else None
    if scale.kind == "national_rank":
        return int(math.ceil(5 * value / scale.ranked)) if 1 <= value <= scale.ranked else None
    if scale.kind == "national_score":
        return 5 - sum(value > c for c in scale.cuts)
    raise ValueError(f"{scale.kind} is not a national scale")


def fifth_names(scale: DeprivationScale, place: str, england: str = "England") -> dict[int, str]:
    """The name of each fifth, saying its scale: "Most deprived 20% in England" or "... fifth of D".

    Local names stay the short ones the tables have always used ("Most deprived fifth");
    :func:`scale_words` gives the words that say within which area they are ranked.
    """
    if scale.national:
        return {1: f"Most deprived 20% in {england}", 2: f"Second most deprived 20% in {england}",
                3: f"Middle 20% in {england}", 4: f"Second least deprived 20% in {england}",
                5: f"Least deprived 20% in {england}"}
    return {1: "Most deprived fifth", 2: "Second fifth", 3: "Third fifth", 4: "Fourth fifth",
            5: "Least deprived fifth"}


def scale_words(scale: DeprivationScale, place: str, england: str = "England") -> str:
    """How a sentence says the scale of the fifths (after "the most deprived fifth" / "20%")."""
    return f"in {england}" if scale.national else f"of {place}'s neighbourhoods (ranked within {place})"
