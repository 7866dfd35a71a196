"""One way to run a notebook report (profiles, gap analysis, plan and those to come).

::

    recipe.py   Report (a report, declared), Prepared, run_report, the failure policy
    record.py   the run record: is the last complete run still current? (no data stack)
    pages.py    pages computed once in the parent, handed to the notebook as JSON
"""

from evidence.reports.pages import load_page, write_page
from evidence.reports.recipe import Prepared, Report, ReportRun, run_report

__all__ = ["Prepared", "Report", "ReportRun", "load_page", "run_report", "write_page"]
