"""The strategy's timetable: stages, gates and sign-offs, meetings, and Local Community Action Plans.

==================  ==================================================================
module              concept
==================  ==================================================================
``dates``           days, months ("2026-10") and weeks ("6-8") as earliest/latest spans
``model``           bodies, stages, gates, decisions and meetings as data
``reader``          ``timetable.yml`` -> :class:`Timetable`, every mistake a Problem
``inputs``          the project's timetable and LCAP files, as ``validate`` reads them
``templates``       timetables transcribed from councils' papers, to start a new one
``schedule``        when each stage and gate falls (``after`` + durations, actual dates)
``status``          Completed, In progress, Overdue ... and gate outcomes on a day
``checks``          warnings naming both things: gates jumped, consultations, sign-offs
``reports``         the report each stage produces: there, missing or out of date
``ical``            the iCalendar file of meetings, gates, consultations and deadlines
``exports``         the Excel workbook and a Word cover note per body
``gantt``           the Gantt chart as accessible SVG with its text and table
``summary``         where we are, in one sentence
``page``            the page as a :class:`~evidence.render.document.Document`
``lcap``            LCAP files, candidate areas, quick wins and the pack of one area
``lcap_pack``       the pack's local action plan, workbook, Word document and page
``command``         ``evidence timetable``: --new from a template, or where we are
``run``             the timetable page through the report-run recipe, with its downloads
``lcap_run``        ``evidence lcap``: the pack folder of one LCAP area
==================  ==================================================================
"""

from evidence.timetable.model import OUTCOMES, REPORTS, STAGE_STATUSES, Body, Decision, Gate, Meeting, Stage, Timetable
from evidence.timetable.inputs import read_timetable
from evidence.timetable.reader import read_timetable_file
from evidence.timetable.templates import TEMPLATES, new_timetable

__all__ = ["Body", "Decision", "Gate", "Meeting", "OUTCOMES", "REPORTS", "STAGE_STATUSES", "Stage",
           "TEMPLATES", "Timetable", "new_timetable", "read_timetable", "read_timetable_file"]
