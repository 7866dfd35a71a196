"""The report-run recipe's own parts: the run stamp, the run record, the failure wording, pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from evidence.batch import Failure
from evidence.config import read_config
from evidence.render._html import Markup
from evidence.render.document import Document, Section
from evidence.reports import load_page, write_page
from evidence.reports.recipe import failure_message
from evidence.reports.record import RunRecord, read_record, run_stamp, write_record
from evidence.resources import report_notebook

REPO = Path(__file__).resolve().parents[1]


def _stamp(config, notebook, *, files=(), request=None, settings=None):
    return run_stamp(config, base_digest="base", notebook=notebook, template=REPO / "src/evidence/templates/evidence",
                     settings=settings, files=files, request=request or {"theme": None})


def test_the_stamp_covers_files_settings_request_and_notebook(tmp_path):
    project = tmp_path / "data"
    shutil.copytree(REPO / "data", project, ignore=shutil.ignore_patterns(".evidence"))
    config, _ = read_config(project)
    notebook = tmp_path / "report.ipynb"
    shutil.copy(report_notebook("gap_analysis.ipynb"), notebook)
    register = project / "activities.csv"
    first = _stamp(config, notebook, files=[register])
    assert first == _stamp(config, notebook, files=[register])
    assert first != _stamp(config, notebook, files=[register], request={"theme": "safer"})
    assert first != _stamp(config, notebook, files=[register], settings=("gaps", 0.5))
    register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = _stamp(config, notebook, files=[register])
    assert second != first
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("Gap analysis", "Gaps"), encoding="utf-8")
    assert _stamp(config, notebook, files=[register]) != second


def test_a_record_is_current_only_with_its_stamp_and_every_output(tmp_path):
    (tmp_path / "page.html").write_text("<html></html>", encoding="utf-8")
    write_record(tmp_path, "gaps", RunRecord("abc", ("page",), ("page.html",)))
    write_record(tmp_path, "plan", RunRecord("def", ("plan",), ("plan.html",)))  # another report's record is kept
    record = read_record(tmp_path, "gaps")
    assert record == RunRecord("abc", ("page",), ("page.html",))
    assert record.current("abc", tmp_path) and not record.current("abd", tmp_path)
    assert not read_record(tmp_path, "plan").current("def", tmp_path)  # its page is missing
    (tmp_path / "page.html").unlink()
    assert not record.current("abc", tmp_path)
    (tmp_path / ".report-runs.json").write_text("{not json", encoding="utf-8")
    assert read_record(tmp_path, "gaps") is None  # an unreadable record only means "run in full"


def test_one_failure_wording_names_the_cell_error_and_kept_notebook(tmp_path):
    kept = tmp_path / "failures" / "gap_analysis" / "gap_analysis.ipynb"
    one = failure_message("The gap analysis", Path("gap_analysis.ipynb"),
                          [Failure("gap_analysis", 3, "ValueError", "bad", kept)])
    assert one == (f"The gap analysis failed in cell 3 of gap_analysis.ipynb: ValueError: bad. "
                   f"The executed notebook is kept at {kept}.")
    many = failure_message("The gap analysis", Path("gap_analysis.ipynb"),
                           [Failure("gap_analysis", 3, "ValueError", "bad"),
                            Failure("gap_analysis_safer", None, "DeadKernelError", "lost")])
    assert many.splitlines() == ["The gap analysis failed:",
                                 "  gap_analysis: in cell 3 of gap_analysis.ipynb: ValueError: bad.",
                                 "  gap_analysis_safer: outside the notebook gap_analysis.ipynb: "
                                 "DeadKernelError: lost."]


def test_a_page_written_by_the_parent_reads_back_as_built(tmp_path):
    page = Document("Gap analysis: Demoshire", (Section("title", Markup("<h1>Gap analysis &amp; more</h1>")),
                                                Section("summary", Markup("<p>x</p>"))))
    back = load_page(write_page(page, tmp_path / "page.json"))
    assert back == page
    assert str(back.section("title").html) == "<h1>Gap analysis &amp; more</h1>"
