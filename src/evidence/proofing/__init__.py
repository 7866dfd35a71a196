"""Proofing the strategy: sustainability, rural and equality impact, and the national outcomes.

==================  ==================================================================
module              concept
==================  ==================================================================
``model``           lenses, aspects and impacts; an :class:`Assessment` per aspect
``reader``          ``proofing.yml`` -> :class:`ProofingRecord`, every mistake a Problem
``inputs``          the record and the national set as ``validate`` reads them
``findings``        missing lenses, negative impacts with no mitigation, "not known"
                    with no planned evidence: frames, then sentences
``statement``       each outcome's matrix in words; :func:`proofing_by_theme`
``place``           the gap analysis's rural/urban and deprivation-fifth splits per indicator
``breakdowns``      the Fingertips breakdowns (sex, age, deprivation, ethnicity) in words
``national``        the national outcome set and the check of the plan against it
``section``         the page sections (``proofing``, ``national``)
==================  ==================================================================
"""

from evidence.proofing.findings import (finding_sentences, missing_lenses, record_frame, unknown_without_evidence,
                                        unmitigated)
from evidence.proofing.model import ASPECTS, IMPACTS, LENSES, Assessment, ProofingRecord
from evidence.proofing.national import NationalCheck, national_check, national_sentences, read_national_set
from evidence.proofing.reader import read_proofing_file
from evidence.proofing.statement import load_proofing, outcome_sentences, proofing_by_theme

__all__ = ["ASPECTS", "Assessment", "IMPACTS", "LENSES", "NationalCheck", "ProofingRecord", "finding_sentences",
           "load_proofing", "missing_lenses", "national_check", "national_sentences", "outcome_sentences",
           "proofing_by_theme", "read_national_set", "read_proofing_file", "record_frame",
           "unknown_without_evidence", "unmitigated"]
