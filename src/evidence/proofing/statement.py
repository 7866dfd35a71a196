"""The proofing statement in words: each outcome's matrix, and the sentences per theme.

:func:`outcome_sentences` says, for one outcome, each lens's impacts by aspect, its
mitigations and its evidence; :func:`proofing_by_theme` gathers those and the findings
(:mod:`.findings`) per theme of the framework, the mapping the strategy document takes::

    import evidence
    from evidence.proofing import proofing_by_theme
    proofing_by_theme(evidence.load("data"))     # or a project folder, or its Config
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from evidence.proofing.findings import (finding_sentences, listed, missing_lenses, record_frame,
                                        unknown_without_evidence, unmitigated)
from evidence.proofing.model import IMPACTS, LENSES, ProofingRecord, aspect_label

__all__ = ["load_proofing", "outcome_sentences", "proofing_by_theme"]


def outcome_sentences(record: ProofingRecord, outcome_id: str,
                      indicator_names: Mapping[str, str] | None = None) -> list[str]:
    """One sentence per lens proofed for ``outcome_id``: impacts by aspect, mitigations, evidence, owner."""
    names = indicator_names or {}
    frame = record_frame(record)
    frame = frame[frame["outcome_id"] == outcome_id]
    out = []
    for lens, words in LENSES.items():
        rows = frame[frame["lens"] == lens]
        if rows.empty:
            continue
        parts = []
        for impact in IMPACTS:
            aspects = [aspect_label(lens, a) for a in rows.loc[rows["impact"] == impact, "aspect"]]
            if aspects:
                parts.append(f"{impact} for {listed(aspects)}")
        sentence = f"{words}: {'; '.join(parts)}."
        mitigations = {(m, aspect_label(lens, a)) for a, m in zip(rows["aspect"], rows["mitigation"]) if m}
        by_text: dict[str, list[str]] = {}
        for m, a in sorted(mitigations, key=lambda x: (list(rows["mitigation"]).index(x[0]), x[1])):
            by_text.setdefault(m, []).append(a)
        for m, aspects in by_text.items():
            sentence += f" Mitigation ({listed(aspects)}): {m.rstrip('.')}."
        ids = list(dict.fromkeys(i for t in rows["indicators"] for i in t))
        texts = list(dict.fromkeys(e for t in rows["evidence"] for e in t))
        evidence = [names.get(i, i) for i in ids] + texts
        if evidence:
            sentence += f" Evidence: {'; '.join(e.rstrip('.') for e in evidence)}."
        owners = list(dict.fromkeys(o for o in rows["owner"] if o))
        dates = sorted({d for d in rows["date"] if d is not None})
        if owners or dates:
            sentence += (f" Assessed by {listed(owners)}" if owners else " Assessed") + (
                f" on {dates[-1]:%d %B %Y}." if dates else ".")
        out.append(sentence)
    return out


def load_proofing(source: Any) -> tuple[Any, ProofingRecord | None, Any]:
    """``(config, record, framework)`` of a project folder, a ``Config``, or an evidence base.

    The record and the framework are ``None`` when the project names none. Raises
    :class:`~evidence.errors.ValidationError` when either has problems (``validate``
    reports them first).
    """
    from evidence.config import read_config
    from evidence.known import KnownNames
    from evidence.outcomes.inputs import read_project_framework
    from evidence.problems import Problems
    from evidence.proofing.inputs import read_project_proofing

    indicators = getattr(source, "indicators", None)
    config = getattr(source, "config", None)
    if config is None and hasattr(source, "raw") and hasattr(source, "root"):
        config = source
    if config is None:
        config, problems = read_config(Path(source))
        problems.raise_if_errors()
    known = KnownNames.of(config, indicators, getattr(source, "areas", None))
    problems = Problems(config.root)
    framework = read_project_framework(config, known, problems)
    record = read_project_proofing(config, known, problems, framework)
    problems.raise_if_errors()
    return config, record, framework


def proofing_by_theme(source: Any, *, record: ProofingRecord | None = None, framework: Any = None,
                      indicator_names: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """The proofing statement of each theme: theme id -> sentences in plain words.

    Parameters
    ----------
    source
        A project folder, its ``Config``, or an evidence base (published or not): the
        record and framework are read from the project unless given.
    record, framework
        The proofing record and the outcome framework, when already read.
    indicator_names
        Indicator id -> name, for the evidence (default: the evidence base's catalogue).

    Returns
    -------
    dict
        Every theme of the framework, in its order: per outcome ``"Outcome 1.1 (title)."``
        then one sentence per lens, then the findings (missing lenses, negative impacts
        with no mitigation, "not known" with no planned evidence); an empty dict when the
        project has no framework or no proofing record.
    """
    if record is None or framework is None:
        _, read_record, read_framework = load_proofing(source)
        record, framework = record or read_record, framework or read_framework
    if record is None or framework is None:
        return {}
    if indicator_names is None and getattr(source, "indicators", None) is not None:
        cat = source.indicators
        indicator_names = dict(zip(cat["id"].astype(str), cat["name"].astype(str)))
    missing = missing_lenses(record, [(o.id, o.theme) for o in framework.outcomes])
    negative, unknown = unmitigated(record), unknown_without_evidence(record)
    result: dict[str, list[str]] = {}
    for theme in framework.theme_order():
        sentences = []
        for outcome in [o for o in framework.outcomes if o.theme == theme]:
            sentences.append(f"Outcome {outcome.id} ({outcome.title.rstrip('.')}).")
            sentences += outcome_sentences(record, outcome.id, indicator_names)
            mine = [f[f["outcome_id"] == outcome.id] for f in (missing, negative, unknown)]
            sentences += finding_sentences(*mine)
        result[theme] = sentences
    return result
