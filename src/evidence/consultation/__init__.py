"""Consultation: what people said, set against what the evidence says.

Read (``validate`` calls :func:`read_consultation`), then analyse
(:func:`analyse_consultation`), then publish (:func:`build_consultation_report`, the
exports in :mod:`evidence.consultation.exports`). Modules, one concept each:

* inputs: :mod:`.settings` (``consultation.yml``), :mod:`.responses`, :mod:`.frame`,
  :mod:`.codes`, :mod:`.notes`, :mod:`.you_said`, :mod:`.postcodes`, :mod:`.population`,
  :mod:`.reader`;
* analysis: :mod:`.language`, :mod:`.campaigns`, :mod:`.model`, :mod:`.coding`,
  :mod:`.quality`, :mod:`.representation`, :mod:`.tables`, :mod:`.voice`,
  :mod:`.redact`, :mod:`.quotes`, :mod:`.summary`, :mod:`.analysis`; :mod:`.suggest`
  (candidate themes for the frame, never published);
* output: :mod:`.report` (the page as a :class:`~evidence.render.document.Document`),
  :mod:`.exports` (CSV, Excel, Word), :mod:`.tables_store` (the published tables in the
  evidence base, :func:`tables_of` for notebooks);
* the project: :mod:`.project` (:func:`analyse_project`: the analysis of a project's
  consultation from its published evidence), :mod:`.run` (``evidence consult``,
  :func:`run_consult`, through the report-run recipe).
"""

from evidence.consultation.analysis import ConsultationAnalysis, analyse_consultation
from evidence.consultation.reader import Consultation, consultation_file, read_consultation
from evidence.consultation.project import analyse_project
from evidence.consultation.report import build_consultation_report
from evidence.consultation.suggest import suggest_themes
from evidence.consultation.tables_store import ConsultationTables, tables_of


def run_consult(*args, **kwargs):  # noqa: ANN002, ANN003 - the signature is evidence.consultation.run.run_consult's
    """:func:`evidence.consultation.run.run_consult` (imported when called: it needs the batch machinery)."""
    from evidence.consultation.run import run_consult as run

    return run(*args, **kwargs)


__all__ = ["Consultation", "ConsultationAnalysis", "ConsultationTables", "analyse_consultation", "analyse_project",
           "build_consultation_report", "consultation_file", "read_consultation", "run_consult", "suggest_themes",
           "tables_of"]
