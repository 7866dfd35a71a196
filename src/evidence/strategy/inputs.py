"""The strategy file as an input of the project, read and checked by ``validate`` and ``strategy``.

``strategy:`` in ``evidence.yml`` names it (``strategy.yml``). ``evidence validate`` reads it
with every check ``evidence strategy`` makes, against the names it has just validated, so
that once validate says the project is valid, ``strategy`` cannot stop on a problem in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence.io.textfile import line_of
from evidence.known import KnownNames
from evidence.problems import Problems
from evidence.setting_files import existing_setting_file
from evidence.strategy.model import Strategy
from evidence.strategy.reader import DOC, read_strategy

__all__ = ["load_strategy", "read_project_strategy", "strategy_file"]


def strategy_file(config: Any) -> Path | None:
    """The file named by ``strategy`` in ``evidence.yml`` (relative to the project), or ``None``."""
    name = (config.raw or {}).get("strategy")
    return Path(config.root) / str(name) if name else None


def read_project_strategy(config: Any, known: KnownNames, problems: Problems) -> Strategy | None:
    """Read and check the project's strategy file, if it names one; add every problem to ``problems``."""
    path = existing_setting_file(config, "strategy", strategy_file(config), problems, doc=DOC)
    if path is None:
        return None
    if not (config.raw or {}).get("outcomes"):
        line = line_of(config.raw, "strategy")
        problems.error("'strategy' is set but no outcome framework is: the strategy's outcomes, targets and action "
                       "plans come from it.", "Add 'outcomes: outcomes.yml' to evidence.yml (see "
                       "docs/outcomes-format.md), or remove the 'strategy' setting.", file=config.file,
                       place="setting 'strategy'" + (f", line {line}" if line else ""))
    strategy, _ = read_strategy(path, known, problems)
    return strategy


def load_strategy(evidence: Any) -> Strategy | None:
    """The strategy file of an evidence base's project, read (``None`` when it names none).

    For the plan page's review (the key issue of the year, the cap on measures). Raises
    :class:`~evidence.errors.ValidationError` on problems, which ``validate`` reports first.
    """
    config = evidence.config
    if strategy_file(config) is None:
        return None
    problems = Problems(config.root)
    known = KnownNames.of(config, evidence.indicators, getattr(evidence, "areas", None))
    strategy = read_project_strategy(config, known, problems)
    problems.raise_if_errors()
    return strategy
