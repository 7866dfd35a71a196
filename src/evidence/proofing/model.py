"""The proofing record as data: three lenses, their aspects, and one assessment per aspect.

Before sign-off the draft strategy is proofed for sustainability, rural and equality
impact (seed 001, stage 5). Each outcome of the framework gets a record with three
lenses, each split into the aspects the guidance names:

* sustainability: economic, social and environmental;
* rural: the four steps of Defra's rural proofing guidance (2017): identify whether the
  outcome has direct or indirect impacts on rural areas, assess their scale, tailor the
  delivery to rural areas, and evaluate after delivery;
* equality: the nine protected characteristics of the Equality Act 2010 (section 4),
  and optionally socio-economic disadvantage and carers.

Every aspect has an impact (positive, neutral, negative, not known), its evidence
(indicator ids of the catalogue or text), a mitigation, an owner and a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["ASPECTS", "IMPACTS", "LENSES", "OPTIONAL_ASPECTS", "Assessment", "ProofingRecord", "aspect_label"]

#: The impacts an aspect may have, in the order a page lists them.
IMPACTS = ("positive", "neutral", "negative", "not known")

#: The three lenses, in reading order, with their names in words.
LENSES = {"sustainability": "Sustainability", "rural": "Rural", "equality": "Equality"}

#: The aspects every lens must cover (field name -> words).
ASPECTS: dict[str, dict[str, str]] = {
    "sustainability": {"economic": "economic", "social": "social", "environmental": "environmental"},
    "rural": {"identify": "identifying direct or indirect rural impacts (step 1)",
              "assess": "assessing their scale (step 2)",
              "tailor": "tailoring delivery to rural areas (step 3)",
              "evaluate": "evaluating after delivery (step 4)"},
    "equality": {"age": "age", "disability": "disability", "gender_reassignment": "gender reassignment",
                 "marriage_civil_partnership": "marriage and civil partnership",
                 "pregnancy_maternity": "pregnancy and maternity", "race": "race",
                 "religion_belief": "religion or belief", "sex": "sex", "sexual_orientation": "sexual orientation"},
}

#: Aspects a lens may cover besides (the equality lens's local additions).
OPTIONAL_ASPECTS: dict[str, dict[str, str]] = {
    "sustainability": {}, "rural": {},
    "equality": {"socio_economic": "socio-economic disadvantage", "carers": "carers"},
}


def aspect_label(lens: str, aspect: str) -> str:
    """The words for ``aspect`` of ``lens``.

    >>> aspect_label("equality", "religion_belief")
    'religion or belief'
    """
    return {**ASPECTS.get(lens, {}), **OPTIONAL_ASPECTS.get(lens, {})}.get(aspect, aspect.replace("_", " "))


@dataclass(frozen=True)
class Assessment:
    """One aspect of one lens of one outcome's proofing."""

    outcome_id: str
    lens: str
    aspect: str
    impact: str
    indicators: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    mitigation: str = ""
    owner: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class ProofingRecord:
    """Every assessment of the proofing file, in file order (``source``: the file's path)."""

    assessments: tuple[Assessment, ...]
    outcomes: tuple[str, ...] = ()  # the outcome ids the file has a record for, in file order
    source: str | None = None
