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
  :mod:`.exports` (CSV, Excel, Word).
"""

from evidence.consultation.analysis import ConsultationAnalysis, analyse_consultation
from evidence.consultation.reader import Consultation, consultation_file, read_consultation
from evidence.consultation.report import build_consultation_report
from evidence.consultation.suggest import suggest_themes

__all__ = ["Consultation", "ConsultationAnalysis", "analyse_consultation", "build_consultation_report",
           "consultation_file", "read_consultation", "suggest_themes"]
