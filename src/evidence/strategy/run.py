"""``evidence strategy``: the strategy document (Word and HTML), its summary, and what changed.

A :class:`~evidence.reports.Report` run by :func:`evidence.reports.run_report`, the shape of
``evidence plan``. Its ``prepare`` reads the strategy file named by ``strategy:`` and the
outcome framework (every problem at once, before anything runs), computes the gap analysis,
the action plan and the document's content once, writes ``strategy/strategy.docx``,
``strategy/strategy_summary.docx`` and ``strategy_summary.html`` (the print-ready summary)
atomically, and hands the page to ``notebooks/strategy.ipynb``, which displays it into
``<output>/strategy.html`` (the recipe writes the accessibility statement its footer links
to). The consultation and the proofing record are optional: the document says what is
missing and still builds. Everything is made from the published evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.batch import BatchResult, Job
from evidence.config import Config, read_config
from evidence.reports import Prepared, Report, run_report

if TYPE_CHECKING:  # pragma: no cover
    from evidence.published import PublishedEvidence

__all__ = ["NOTEBOOK", "PAGE", "STRATEGY", "StrategyResult", "missing_input_notes", "prepare_content", "run_strategy"]

NOTEBOOK = "strategy.ipynb"
PAGE = "strategy.html"
SUMMARY_PAGE = "strategy_summary.html"
FOLDER = "strategy"


@dataclass(frozen=True)
class StrategyResult:
    """What a strategy run wrote: ``outputs`` (the files, page last), the batch result, and
    ``notes``: what the document could not say yet, and why (also said in the document)."""

    outputs: list[Path] = field(default_factory=list)
    batch: BatchResult | None = None
    page: Path | None = None
    notes: list[str] = field(default_factory=list)


def missing_input_notes(config: Config, proofing_given: bool = False) -> list[str]:
    """The parts of the document that say an input is missing, for the command's output.

    Each input is optional: the document still builds and says so on its page; the
    command says it too, so the analyst sees it without opening the document.
    """
    from evidence.strategy.content import NO_PROOFING, NO_TIMETABLE, NOT_ANALYSED

    raw = config.raw or {}
    missing = [("consultation", NOT_ANALYSED, "add 'consultation: consultation/consultation.yml'"),
               ("timetable", NO_TIMETABLE, "add 'timetable: timetable.yml' (evidence timetable --new)"),
               ("proofing", NO_PROOFING, "add 'proofing: proofing.yml'")]
    return [f"{said} evidence.yml names no {key} file: {fix} (see docs/project-format.md)."
            for key, said, fix in missing if not raw.get(key) and not (key == "proofing" and proofing_given)]


def _files(config: Config) -> list[Path]:
    """The strategy file, the framework, the previous framework, the consultation, timetable and proofing
    files: in the fingerprint."""
    raw = config.raw or {}
    files = [Path(config.root) / str(raw[key]) for key in ("strategy", "outcomes", "consultation", "timetable", "proofing")
             if raw.get(key)]
    strategy = Path(config.root) / str(raw.get("strategy") or "")
    if raw.get("strategy") and strategy.is_file():
        import yaml

        try:
            previous = (yaml.safe_load(strategy.read_text(encoding="utf-8")) or {}).get("previous_framework")
        except (yaml.YAMLError, UnicodeDecodeError, AttributeError):
            previous = None  # prepare reports it, with the line
        if isinstance(previous, str):
            files.append(strategy.parent / previous)
    return files


def _consultation(eb: PublishedEvidence, known: Any) -> Any:
    """The consultation, read, when the project has one without errors (else ``None``: "not analysed yet")."""
    from evidence.consultation.reader import read_consultation
    from evidence.problems import Problems

    problems = Problems(eb.config.root)
    consultation = read_consultation(eb.config, known, problems)
    return consultation if not problems.errors else None


def _timetable(eb: PublishedEvidence, known: Any, day: Any) -> str | None:
    """Where the timetable stands on ``day`` (the publication date), or ``None`` when there is none."""
    from evidence.problems import Problems
    from evidence.timetable.inputs import read_timetable
    from evidence.timetable.summary import where_we_are

    problems = Problems(eb.config.root)
    timetable = read_timetable(eb.config, known, problems)
    if timetable is None or problems.errors:
        return None
    return f"The timetable on {day.day} {day:%B %Y}: {where_we_are(timetable, day)}"


def prepare_content(eb: PublishedEvidence, proofing: Mapping[str, Sequence[str]] | None = None) -> Any:
    """The strategy's content for ``eb``'s project: the strategy file, plan, gap analysis, consultation.

    Raises :class:`~evidence.ProjectError` when ``evidence.yml`` names no strategy file
    and :class:`~evidence.ValidationError` listing the problems of the strategy file or
    the frameworks.
    """
    from evidence.errors import ProjectError
    from evidence.gaps.analysis import analyse
    from evidence.known import KnownNames
    from evidence.outcomes.issues import priority_issues
    from evidence.outcomes.plan import action_plan, framework_path
    from evidence.outcomes.reader import load_framework
    from evidence.problems import Problems
    from evidence.strategy.content import strategy_content
    from evidence.strategy.inputs import strategy_file
    from evidence.strategy.reader import read_strategy

    path = strategy_file(eb.config)
    if path is None:
        raise ProjectError(f"{eb.config.name}: evidence.yml names no strategy file. Add 'strategy: strategy.yml' "
                           "to it (see docs/strategy-format.md).")
    known = KnownNames.of_evidence(eb)
    problems = Problems(eb.config.root)
    strategy, _ = read_strategy(path, known, problems)
    problems.raise_if_errors()
    framework = load_framework(framework_path(eb), eb)
    plan = action_plan(eb, framework, issues=priority_issues(eb))
    if proofing is None and (eb.config.raw or {}).get("proofing"):
        from evidence.proofing.statement import proofing_by_theme

        proofing = proofing_by_theme(eb, framework=framework) or None  # the project's proofing record
        if proofing is not None:  # and the equality evidence from the data (Fingertips breakdowns)
            from evidence.proofing.breakdowns import breakdowns_by_theme

            groups = breakdowns_by_theme(eb, framework)
            proofing = {t: [*words, *groups.get(t, [])] for t, words in proofing.items()}
    return strategy_content(eb, strategy, plan, analysis=analyse(eb), consultation=_consultation(eb, known),
                            proofing=proofing, timetable=_timetable(eb, known, strategy.date))


def _prepare(eb: PublishedEvidence, root: Path, request: Mapping[str, Any]) -> Prepared:
    """The content, the Word documents, the summary page and the page: computed once, here."""
    from evidence.io.atomic import atomic_write
    from evidence.profiles.page import render_page
    from evidence.strategy.docx import write_strategy_docx, write_summary_docx
    from evidence.strategy.page import build_strategy_page, build_summary_page

    content = prepare_content(eb, request.get("proofing"))
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    outputs = [write_strategy_docx(content, folder / "strategy.docx"),
               write_summary_docx(content, folder / "strategy_summary.docx"),
               atomic_write(root / SUMMARY_PAGE, render_page(build_summary_page(content)).encode("utf-8"))]
    params = {"project": str(Path(eb.config.root).resolve())}
    job = Job("strategy", params, output=PAGE, group="strategy")
    page = build_strategy_page(content)
    return Prepared([job], outputs=[*outputs, root.resolve() / PAGE], pages={job.key: page}, value=content)


#: The strategy document.
STRATEGY = Report("strategy", "The strategy document", NOTEBOOK, prepare=_prepare, files=_files)


def run_strategy(project: str | Path, *, output: str | Path = "areaprofiles", progress: bool = True,
                 proofing: Mapping[str, Sequence[str]] | None = None, force: bool = False) -> StrategyResult:
    """Write the strategy document (Word, HTML), its summary and the accessibility statement.

    Parameters
    ----------
    project
        The project folder (holding ``evidence.yml`` with ``strategy:`` and ``outcomes:``).
    output
        Output folder: ``strategy.html``, ``strategy_summary.html``, ``accessibility.html``,
        ``strategy/strategy.docx`` and ``strategy/strategy_summary.docx`` are written there.
    progress
        Show the batch progress bar.
    proofing
        Theme id -> the sentences of its proofing statement (default: from the project's
        proofing record, ``proofing:`` in evidence.yml; without one the document says the
        proofing record has not been provided yet).
    force
        Run again even when nothing changed.

    Raises
    ------
    OutputError
        ``output`` is the project folder, holds it, or overlaps one of its inputs.
    ProjectError
        ``evidence.yml`` names no strategy file or no outcome framework.
    ValidationError
        The strategy file or a framework has problems (all listed, with file, place and fix).
    RunError
        The notebook failed (the failing cell and error are in the message).
    """
    request = {"proofing": {k: list(v) for k, v in sorted(proofing.items())}} if proofing else {}
    run = run_report(STRATEGY, project, output=output, request=request, progress=progress, force=force)
    page = run.output_root.resolve() / PAGE
    config, _ = read_config(Path(project))
    return StrategyResult(outputs=[*run.outputs[:-1], page], batch=run.batch, page=page,
                          notes=missing_input_notes(config, proofing_given=bool(proofing)))
