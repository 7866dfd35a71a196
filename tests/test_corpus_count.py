"""The corpus of broken projects covers at least 60 kinds of mistake, each named once."""

from __future__ import annotations

import importlib
from pathlib import Path

MODULES = sorted(p.stem for p in Path(__file__).parent.glob("test_corpus_*.py") if p.stem != "test_corpus_count")


def test_corpus_has_at_least_sixty_distinct_kinds():
    kinds = [case.kind for name in MODULES for case in importlib.import_module(name).CASES]
    repeated = sorted({k for k in kinds if kinds.count(k) > 1})
    assert not repeated, f"kinds named twice: {repeated}"
    assert len(kinds) >= 60, f"only {len(kinds)} kinds in {MODULES}"
