"""The statistics of the evidence base, by the methods of the Fingertips profiles.

Each function is vectorised over Series, arrays or numbers, never changes its
inputs, and returns a new DataFrame with columns ``value``, ``lower`` and
``upper`` (and ``method`` where the method varies by row):

* :func:`proportion`: Wilson score limits (``phe_proportion``);
* :func:`rate`: Byar's limits, exact Poisson limits below 10 events (``phe_rate``);
* :func:`dsr`: directly standardised rates with Dobson limits (``calculate_dsr``);
* :func:`mean`: Student's t limits (``phe_mean``).

The references are functions of the R package PHEindicatormethods, which
implements the PHE Technical Guide "Confidence intervals". Bad inputs raise
:class:`evidence.errors.DataError` naming the rows; missing inputs give missing
outputs.
"""

from evidence.stats._dsr import dsr
from evidence.stats._mean import mean
from evidence.stats._proportion import proportion
from evidence.stats._rate import rate

__all__ = ["dsr", "mean", "proportion", "rate"]
