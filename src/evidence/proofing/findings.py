"""What the proofing record lacks, as frames and in plain words.

Three findings, each a pure function of the record (and the framework, for the
outcomes that have no record at all):

* :func:`missing_lenses`: an outcome without a lens, or a lens without one of the aspects
  the guidance names (a protected characteristic not considered, a rural step skipped);
* :func:`unmitigated`: a negative impact with no mitigation;
* :func:`unknown_without_evidence`: an impact "not known" with no evidence planned to find out.

:func:`record_frame` is the record as a table (one row per outcome, lens and aspect) and
:func:`finding_sentences` turns the three findings into sentences for a board.
"""

from __future__ import annotations

import pandas as pd

from evidence.proofing.model import ASPECTS, LENSES, ProofingRecord, aspect_label

__all__ = ["finding_sentences", "listed", "missing_lenses", "record_frame", "unknown_without_evidence",
           "unmitigated"]

_COLUMNS = ["outcome_id", "lens", "aspect", "impact", "indicators", "evidence", "mitigation", "owner", "date"]


def record_frame(record: ProofingRecord) -> pd.DataFrame:
    """The record as one row per outcome, lens and aspect (``indicators`` and ``evidence`` as tuples)."""
    rows = [{c: getattr(a, c if c != "outcome_id" else "outcome_id") for c in _COLUMNS} for a in record.assessments]
    return pd.DataFrame(rows, columns=_COLUMNS)


def listed(words: list[str]) -> str:
    """Words joined for a sentence.

    >>> listed(["age", "sex", "race"])
    'age, sex and race'
    """
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def missing_lenses(record: ProofingRecord, outcomes: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Outcomes and lenses not (fully) proofed.

    Parameters
    ----------
    record
        The proofing record.
    outcomes
        ``(outcome id, theme id)`` of every outcome of the framework, in order: an outcome
        with no record misses every lens. Default: the outcomes the record has.

    Returns
    -------
    pandas.DataFrame
        ``outcome_id, theme, lens, missing`` (the aspects missing, in words; ``"the whole lens"``
        when the lens is absent), in outcome then lens order.
    """
    frame = record_frame(record)
    outcomes = outcomes if outcomes is not None else [(o, "") for o in record.outcomes]
    rows = []
    for outcome_id, theme in outcomes:
        mine = frame[frame["outcome_id"] == outcome_id]
        for lens in LENSES:
            have = set(mine.loc[mine["lens"] == lens, "aspect"])
            lacking = [aspect_label(lens, a) for a in ASPECTS[lens] if a not in have]
            if lacking:
                rows.append({"outcome_id": outcome_id, "theme": theme, "lens": lens,
                             "missing": "the whole lens" if not have else listed(lacking)})
    return pd.DataFrame(rows, columns=["outcome_id", "theme", "lens", "missing"])


def unmitigated(record: ProofingRecord) -> pd.DataFrame:
    """Negative impacts with no mitigation: the rows of :func:`record_frame`."""
    frame = record_frame(record)
    return frame[(frame["impact"] == "negative") & (frame["mitigation"].str.strip() == "")].reset_index(drop=True)


def unknown_without_evidence(record: ProofingRecord) -> pd.DataFrame:
    """Impacts "not known" with no evidence (indicator or text) planned: the rows of :func:`record_frame`."""
    frame = record_frame(record)
    none = frame["indicators"].map(len).eq(0) & frame["evidence"].map(len).eq(0)
    return frame[(frame["impact"] == "not known") & none].reset_index(drop=True)


def finding_sentences(missing: pd.DataFrame, negative: pd.DataFrame, unknown: pd.DataFrame) -> list[str]:
    """The three findings in plain words, one sentence per outcome and lens (none when all is well).

    >>> import pandas as pd
    >>> m = pd.DataFrame({"outcome_id": ["1.1"], "lens": ["rural"], "missing": ["the whole lens"]})
    >>> empty = pd.DataFrame(columns=["outcome_id", "lens", "aspect"])
    >>> finding_sentences(m, empty, empty)
    ['Outcome 1.1 has not been proofed for rural impact (the whole lens is missing).']
    """
    out = []
    for r in missing.itertuples(index=False):
        what = ("the whole lens is missing" if r.missing == "the whole lens" else f"not considered: {r.missing}")
        out.append(f"Outcome {r.outcome_id} has not been proofed for {LENSES[r.lens].lower()} impact ({what}).")
    for (outcome_id, lens), rows in negative.groupby(["outcome_id", "lens"], sort=False):
        aspects = listed([aspect_label(lens, a) for a in rows["aspect"]])
        out.append(f"Outcome {outcome_id} has a negative {LENSES[lens].lower()} impact ({aspects}) with no "
                   "mitigation: say how it will be reduced, or why it is accepted.")
    for (outcome_id, lens), rows in unknown.groupby(["outcome_id", "lens"], sort=False):
        aspects = listed([aspect_label(lens, a) for a in rows["aspect"]])
        out.append(f"Outcome {outcome_id} does not know its {LENSES[lens].lower()} impact ({aspects}) and plans "
                   "no evidence to find out: name an indicator or the evidence that will be gathered.")
    return out
