"""One way to run a report: a :class:`Report` says what it is, :func:`run_report` runs it.

Every notebook report (profiles, gap analysis, plan, and those to come) is the same
recipe::

    guard the output folder -> is the last complete run still current? (config, manifest
    and fingerprints only: no data stack, no kernel) -> yes: done -> no: build (or find
    current) the evidence base -> published evidence -> the report's ``prepare``: its jobs,
    the pages it computes here, its exports -> run_batch (warm kernels, atomic pages,
    failures kept apart, current pages skipped) -> the report's ``finish`` (e.g. the
    index) -> the failure policy -> record the run.

A report is a few declarative lines: its name, its notebook, what its fingerprint covers
besides the evidence base (``settings`` and ``files``), ``prepare`` and ``finish``.

Failure policy: a failed notebook never replaces a good page (the batch keeps it under
``<output>/failures/``); a report with ``raise_failures`` (one page per run: gaps, plan)
raises :class:`~evidence.errors.RunError` naming the cell, the error and the kept
notebook; one with many pages (profiles) returns its failures for the CLI to list.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.config import Config, read_config
from evidence.errors import RunError
from evidence.freshness import is_current
from evidence.io.store import digest_files, read_manifest
from evidence.outputs import guard_report_output
from evidence.reports.record import RunRecord, read_record, run_stamp, write_record
from evidence.resources import report_notebook

if TYPE_CHECKING:  # pragma: no cover
    from evidence.batch import BatchResult, Failure, Job
    from evidence.published import PublishedEvidence
    from evidence.render.document import Document

__all__ = ["PAGES_FOLDER", "Prepared", "Report", "ReportRun", "failure_message", "run_report"]

#: Where the parent leaves the pages it computed for the notebooks (removed after the run).
PAGES_FOLDER = ".report-pages"


@dataclass(frozen=True)
class Prepared:
    """What a report runs, made from the published evidence before any kernel starts.

    ``jobs`` are the notebook runs; ``pages`` the page of each job key computed here
    (handed to the notebook as its ``page`` parameter, so nothing is computed twice);
    ``outputs`` every file the run writes, in the order the CLI lists them (the exports,
    already written by ``prepare``, and the pages); ``value`` whatever the caller gets
    back (the gap analysis).
    """

    jobs: list[Job]
    outputs: list[Path] = field(default_factory=list)
    pages: Mapping[str, Document] = field(default_factory=dict)
    value: Any = None


def _nothing(config: Config) -> Any:
    return None


def _no_files(config: Config) -> list[Path]:
    return []


@dataclass(frozen=True)
class Report:
    """A notebook report, declared.

    Parameters
    ----------
    name
        Short name (``"gaps"``): the key of its run record.
    title
        How failures name it (``"The gap analysis"``).
    notebook
        File name of its notebook in ``notebooks/`` (found by
        :func:`evidence.resources.report_notebook`).
    prepare
        ``(published evidence, output root, request) -> Prepared``.
    settings, files
        What the report reads besides the evidence base (settings; input files such as
        the activity register): both are in its fingerprint.
    finish
        ``(published evidence, output root) -> files`` written after the batch (the index).
    raise_failures
        Raise :class:`~evidence.errors.RunError` when a notebook fails (else return them).
    workers
        Default number of workers.
    """

    name: str
    title: str
    notebook: str
    prepare: Callable[[PublishedEvidence, Path, Mapping[str, Any]], Prepared]
    settings: Callable[[Config], Any] = _nothing
    files: Callable[[Config], Iterable[Path]] = _no_files
    finish: Callable[[PublishedEvidence, Path], list[Path]] | None = None
    raise_failures: bool = True
    workers: int | None = 1


@dataclass(frozen=True)
class ReportRun:
    """What :func:`run_report` did: the batch, the files, and whether all was already current."""

    batch: BatchResult
    outputs: list[Path]
    output_root: Path
    value: Any = None
    current: bool = False


def failure_message(title: str, notebook: Path, failures: list[Failure]) -> str:
    """The one wording of a failed report: the cell, the error and where the notebook is kept."""
    lines = []
    for failure in failures:
        where = (f"in cell {failure.cell_index} of {notebook.name}" if failure.cell_index is not None
                 else f"outside the notebook {notebook.name}")
        kept = f" The executed notebook is kept at {failure.notebook_path}." if failure.notebook_path else ""
        lines.append((failure.key, f"{where}: {failure.ename}: {failure.evalue}.{kept}"))
    if len(lines) == 1:
        return f"{title} failed {lines[0][1]}"
    return f"{title} failed:\n" + "\n".join(f"  {key}: {line}" for key, line in lines)


def _template() -> Path:
    # evidence.render.template_dir() without importing nbconvert (the fast path needs only the files)
    return Path(str(resources.files("evidence") / "templates")) / "evidence"


def _stamp(report: Report, config: Config, base_digest: str, notebook: Path, request: Mapping[str, Any]) -> str:
    return run_stamp(config, base_digest=base_digest, notebook=notebook, template=_template(),
                     settings=report.settings(config), files=report.files(config), request=request)


def _relative(path: Path, root: Path) -> str:
    return Path(path).resolve().relative_to(root.resolve()).as_posix()


def run_report(report: Report, project: str | Path, *, output: str | Path = "areaprofiles",
               request: Mapping[str, Any] | None = None, force: bool = False, progress: bool = True,
               workers: int | None = None, scheduler: str | None = None,
               notebook: str | Path | None = None) -> ReportRun:
    """Run ``report`` for ``project`` into ``output``; do nothing when nothing changed.

    ``request`` holds the command's options, passed to ``prepare`` and part of the
    fingerprint. Raises :class:`~evidence.errors.OutputError` for an output folder over
    the project's inputs, :class:`~evidence.errors.ValidationError` for inputs with
    problems, and (``report.raise_failures``) :class:`~evidence.errors.RunError`.
    """
    started = time.perf_counter()
    request = dict(request or {})
    notebook = Path(notebook or report_notebook(report.notebook)).resolve()
    guard_report_output(project, output)  # never over, around or inside the project's inputs
    root = Path(output)
    config, _ = read_config(project)
    if config is not None and not force and root.is_dir() and is_current(config):
        record = read_record(root, report.name)
        base = (read_manifest(config.output) or {}).get("input_digest", "")
        if record is not None and record.current(_stamp(report, config, base, notebook, request), root):
            from evidence.batch.results import BatchResult

            batch = BatchResult(skipped=list(record.keys), timings={"total": time.perf_counter() - started})
            return ReportRun(batch, [root / out for out in record.outputs], root, current=True)
    return _run(report, project, root, request, force, progress, workers, scheduler, notebook, started)


def _run(report: Report, project: str | Path, root: Path, request: dict[str, Any], force: bool, progress: bool,
         workers: int | None, scheduler: str | None, notebook: Path, started: float) -> ReportRun:
    from evidence.batch.local import discard_prestarted, prestart
    from evidence.batch.worker import Settings

    template = _template()
    workers = workers if workers is not None else report.workers
    if scheduler is None and workers != 1:
        # Warm the kernels while this process imports the data stack and checks the
        # evidence base: on two cores that overlap is a quarter of a short batch.
        prestart(Settings.for_notebook(notebook, template=str(template)), workers)
    pages_folder = root.resolve() / PAGES_FOLDER / report.name
    try:
        from evidence.batch import run_batch
        from evidence.builder import build
        from evidence.evidence_base import load
        from evidence.reports.pages import write_page

        built = build(project)
        eb = load(project, rebuild=False).published_evidence()  # reports see published evidence only
        prepared = report.prepare(eb, root, request)
        jobs = list(prepared.jobs)
        for i, job in enumerate(jobs):
            if job.key in prepared.pages:
                path = write_page(prepared.pages[job.key], pages_folder / f"{job.key}.json")
                jobs[i] = replace(job, parameters={**job.parameters, "page": str(path)})
        config = eb.config
        base = built.manifest.get("input_digest", "")
        extra = hashlib.sha256(repr(report.settings(config)).encode()).hexdigest()[:16]
        files = digest_files([Path(f) for f in report.files(config)])[:16]
        batch = run_batch(notebook, jobs, output_root=root, workers=workers, scheduler=scheduler, force=force,
                          inputs_digest=f"{base}:{config.min_count}:{extra}:{files}", template=template,
                          progress=progress)
    finally:
        discard_prestarted()
        shutil.rmtree(pages_folder, ignore_errors=True)
        if pages_folder.parent.is_dir() and not any(pages_folder.parent.iterdir()):
            pages_folder.parent.rmdir()
    if batch.failures and report.raise_failures:
        raise RunError(failure_message(report.title, notebook, batch.failures), batch.failures)
    outputs = list(prepared.outputs) + (report.finish(eb, root) if report.finish else [])
    from evidence.render.accessibility import write_accessibility_page

    write_accessibility_page(root, config.name)  # the statement every page's footer links to
    if not batch.failures:
        stamp = _stamp(report, config, base, notebook, request)
        write_record(root, report.name, RunRecord(stamp, tuple(job.key for job in jobs),
                                                  tuple(_relative(p, root) for p in outputs if Path(p).exists())))
    batch.timings["total"] = time.perf_counter() - started
    return ReportRun(batch, outputs, root, value=prepared.value)
