"""The Sustainable Community Strategy itself: the document, its summary, and what changed.

``strategy.yml`` (named by ``strategy:`` in ``evidence.yml``; ``docs/strategy-format.md``)
holds the words of one version; everything else comes from the other reports: the gap
analysis (the evidence per theme), the outcome framework (outcomes, measures, baselines,
targets, action plans), the consultation ("you said, we did") and the proofing record.
``evidence strategy PROJECT`` writes ``strategy.docx`` (Word, editable), ``strategy.html``
and the summary version.

Modules: :mod:`.model` (:class:`Strategy`), :mod:`.reader` and :mod:`.inputs` (read by
``validate``), :mod:`.markdown` (the safe Markdown subset), :mod:`.changes` (what changed
since the previous version), :mod:`.content` (the document assembled once), :mod:`.page`
(HTML pages), :mod:`.docx` (Word) and :mod:`.run` (the report).
"""

from __future__ import annotations

from evidence.strategy.changes import framework_changes
from evidence.strategy.model import KeyIssue, Strategy
from evidence.strategy.reader import read_strategy

__all__ = ["KeyIssue", "Strategy", "framework_changes", "read_strategy"]
