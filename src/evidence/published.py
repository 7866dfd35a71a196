"""Published evidence: the only evidence a report can be handed.

:class:`PublishedEvidence` is made by disclosure control (:func:`disclose`) from an
:class:`~evidence.EvidenceBase` and holds what anyone may see: the published values and
comparisons, the catalogue, the areas and the config. It keeps no reference to the
evidence base and no frame with a hidden figure, so a report built from it (a profile,
the gap analysis, an action plan and its targets, and every later report) cannot reveal
a suppressed figure, whatever it computes: a target derived from a hidden baseline is
itself missing.

What a hidden row (``suppressed``: a small count, or one hidden so that it cannot be
worked out by subtraction; see :mod:`evidence.disclosure`) publishes:

* count, value and limits (95% and 99.8%): blank; ``ci_method``: blank (the method
  says whether a count was below 10);
* comparison and judgement, in the values and in every comparison with every
  comparator: ``Not compared`` (Fingertips shows no judgement for a suppressed value);
* rank, number ranked and quintile: blank, and the other areas of its group are ranked
  again among the published values alone (a gap in the ranks would place the hidden
  value between its neighbours);
* trend: blank, and so is every trend whose five-year window holds a hidden point (the
  trend was computed from it);
* the denominator, the area and the period are kept: none of them gives a count back.

A row compared with a hidden comparator (an area compared with a custom area whose
count is hidden, say) shows no comparator value and no judgement either.

Every report entry point calls :func:`as_published` first: it accepts an
``EvidenceBase`` (converted once, the result cached on it) or a ``PublishedEvidence``,
and refuses anything else, such as a bare values table, whose disclosure it cannot know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from evidence.disclosure import containment, protect_differences, suppress, suppression_reason
from evidence.errors import DataError
from evidence.lookups import EvidenceLookups

__all__ = ["NOT_COMPARED", "PublishedEvidence", "as_published", "disclose"]

#: The judgement (and comparison) word a hidden row publishes.
NOT_COMPARED = "Not compared"

_JUDGEMENT_COLUMNS = ("comparison", "comparison_998", "judgement", "judgement_998")
_TREND_WINDOW = 5  # the Fingertips recent trend: five consecutive annual points
_MADE_BY_DISCLOSURE = object()  # only disclose() holds it: nothing else can make a PublishedEvidence


@dataclass(frozen=True, eq=False, repr=False)
class PublishedEvidence(EvidenceLookups):
    """The evidence after disclosure control: what every report is made from.

    Make it with :meth:`EvidenceBase.published_evidence` (or :func:`disclose`). It has
    the look-ups of the evidence base (``area``, ``theme``, ``indicator``, ``latest``,
    ``area_name``, ``themes``) over the published values.

    Attributes
    ----------
    config
        The project's settings.
    values
        The published values: the columns of ``values.parquet`` plus ``suppressed`` and
        ``secondary_suppressed``; hidden rows blanked as the module docstring says.
    comparisons
        The comparisons table with the judgements of hidden rows, and of rows compared
        with a hidden comparator, set to ``Not compared``.
    indicators, areas
        The catalogue and the areas (no figures in them).
    """

    config: Any
    values: pd.DataFrame
    comparisons: pd.DataFrame
    indicators: pd.DataFrame
    areas: pd.DataFrame
    _made_by: object = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self._made_by is not _MADE_BY_DISCLOSURE:
            raise DataError("PublishedEvidence is made by disclosure control only: use "
                            "evidence.load(PROJECT).published_evidence().")

    @property
    def min_count(self) -> int:
        """The smallest count shown (``disclosure.min_count``)."""
        return int(self.config.min_count)

    @property
    def n_suppressed(self) -> int:
        """How many values are hidden (small counts and those hidden with them)."""
        return int(self.values["suppressed"].sum())

    def reason(self, secondary: bool = False) -> str:
        """Why a hidden figure is blank, in words ("fewer than 5 events", or why it went with one)."""
        return suppression_reason(self.min_count, secondary=secondary)

    def __repr__(self) -> str:
        return (f"<PublishedEvidence {self.config.name!r}: {len(self.indicators)} indicators, {len(self.values)} "
                f"values, {self.n_suppressed} hidden by disclosure control (min_count {self.min_count})>")


def as_published(evidence: object) -> PublishedEvidence:
    """The published evidence of ``evidence``: every report's first call.

    An :class:`~evidence.EvidenceBase` is converted once (disclosure control, cached on
    it); a :class:`PublishedEvidence` is returned as it is; anything else is refused.

    Raises
    ------
    DataError
        ``evidence`` is neither (a bare values table cannot be checked for disclosure).
    """
    if isinstance(evidence, PublishedEvidence):
        return evidence
    from evidence.evidence_base import EvidenceBase

    if isinstance(evidence, EvidenceBase):
        return evidence.published_evidence()
    raise DataError(f"A report takes the evidence base (evidence.load(PROJECT)) or its published evidence, not a "
                    f"{type(evidence).__name__}: only those carry disclosure control, so a report cannot show a "
                    "figure that must be hidden.")


def disclose(eb: Any) -> PublishedEvidence:
    """Apply disclosure control to an evidence base: primary and secondary suppression, then
    blank what a hidden figure would give away (judgements, ranks, trends, comparator values).

    The evidence base's frames are not modified. Prefer :meth:`EvidenceBase.published_evidence`,
    which computes this once.
    """
    config = eb.config
    members = {c.code: c.members for c in config.custom_areas}
    if "numerator" in eb.values.columns:
        shown = suppress(eb.values, config.min_count)  # a new frame: blanked further in place
        shown = protect_differences(shown, containment(eb.areas, members), copy=False)
    else:  # no counts at all (survey estimates only): nothing to hide
        shown = eb.values.assign(suppressed=False, secondary_suppressed=False)
    comparisons = eb.comparisons.copy(deep=False)
    hidden = shown["suppressed"].to_numpy(dtype=bool)
    if hidden.any():
        _hide_derived(shown, hidden, eb.indicators)
        comparisons = _hide_comparisons(comparisons, shown.loc[hidden])
    return PublishedEvidence(config, _own_columns(shown), comparisons, eb.indicators.copy(deep=False),
                             eb.areas.copy(deep=False), _MADE_BY_DISCLOSURE)


def _own_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every float column in its own array, so that no column's memory (its
    NumPy ``base``) holds a raw figure of a column blanked beside it."""
    out = frame.copy(deep=False)
    for column in out.columns:
        data = out[column].to_numpy() if out[column].dtype.kind == "f" else None
        if data is not None and data.base is not None and data.base.ndim == 2:
            out[column] = data.copy()
    return out


def _words(column: pd.Series, mask: np.ndarray, word: str | None) -> pd.Series:
    """``column`` with ``word`` (or a blank) on the rows of ``mask``; categories kept."""
    if word is not None and isinstance(column.dtype, pd.CategoricalDtype) and word not in column.cat.categories:
        column = column.cat.add_categories([word])
    return column.mask(mask) if word is None else column.mask(mask, word)


def _keys(*columns: pd.Series) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([c.to_numpy(dtype=np.int64) if pd.api.types.is_integer_dtype(c.dtype) else
                                      c.astype(str).to_numpy() for c in columns])


def _hide_derived(values: pd.DataFrame, hidden: np.ndarray, indicators: pd.DataFrame) -> None:
    """Blank, in place, what a hidden row's figures would give away (see the module docstring)."""
    if "ci_method" in values.columns:
        values["ci_method"] = values["ci_method"].mask(hidden)
    for column in _JUDGEMENT_COLUMNS:
        if column in values.columns:
            values[column] = _words(values[column], hidden, NOT_COMPARED)
    rows = values.loc[hidden]
    if {"comparator_code", "comparator_value"} <= set(values.columns):
        # Rows compared with a hidden comparator: no comparator value, no judgement.
        secret = _keys(rows["indicator_id"], rows["area_code"], rows["period"])
        against = _keys(values["indicator_id"], values["comparator_code"], values["period"]).isin(secret)
        if against.any():
            values["comparator_value"] = values["comparator_value"].mask(against)
            for column in _JUDGEMENT_COLUMNS:
                if column in values.columns:
                    values[column] = _words(values[column], against, NOT_COMPARED)
    if "trend" in values.columns and "year" in values.columns:
        years = pd.to_numeric(rows["year"]).astype("int64")
        window = pd.MultiIndex.from_arrays([
            np.tile(rows["indicator_id"].astype(str).to_numpy(), _TREND_WINDOW),
            np.tile(rows["area_code"].astype(str).to_numpy(), _TREND_WINDOW),
            np.concatenate([years.to_numpy() + k for k in range(_TREND_WINDOW)])])
        year = pd.to_numeric(values["year"]).fillna(-1).astype("int64")
        touched = _keys(values["indicator_id"], values["area_code"], year).isin(window)
        values["trend"] = _words(values["trend"], touched | hidden, None)
    if "rank" in values.columns:
        _rerank(values, hidden, indicators)


def _codes(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer group code per row for the combination of ``columns`` (missing values a group too)."""
    code = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        ids, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        code = code * (len(uniques) + 1) + ids
    return pd.factorize(code)[0]


def _rerank(values: pd.DataFrame, hidden: np.ndarray, indicators: pd.DataFrame) -> None:
    """Rank again, among published values only, every group that holds a hidden row."""
    from evidence.compare import rank_and_quintile

    columns = [c for c in ("indicator_id", "period", "area_type", "comparator_code") if c in values.columns]
    group = _codes(values, columns)
    touched = np.zeros(int(group.max()) + 1 if len(group) else 0, dtype=bool)
    touched[group[hidden]] = True
    ranked = values["rank"].notna().to_numpy() if "n_ranked" not in values.columns else \
        values["n_ranked"].notna().to_numpy()
    rows = touched[group] & ranked
    if not rows.any():
        return
    polarity = dict(zip(indicators["id"].astype(str), indicators["polarity"].astype(str)))
    pol = values.loc[rows, "indicator_id"].astype(str).map(polarity).fillna("no_judgement")
    fresh = rank_and_quintile(pd.to_numeric(values.loc[rows, "value"]).to_numpy(dtype=float),
                              pol.to_numpy(dtype=object), group[rows])
    for column in ("rank", "n_ranked", "quintile"):
        if column in values.columns:
            new = values[column].copy()
            new[rows] = fresh[column].astype(new.dtype).to_numpy()
            values[column] = new


def _hide_comparisons(comparisons: pd.DataFrame, hidden_rows: pd.DataFrame) -> pd.DataFrame:
    """The comparisons with no judgement for a hidden row, nor against a hidden comparator."""
    needed = {"indicator_id", "area_code", "period"}
    if comparisons.empty or not needed <= set(comparisons.columns):
        return comparisons
    secret = _keys(hidden_rows["indicator_id"], hidden_rows["area_code"], hidden_rows["period"])
    mine = _keys(comparisons["indicator_id"], comparisons["area_code"], comparisons["period"]).isin(secret)
    against = np.zeros(len(comparisons), dtype=bool)
    if "comparator_code" in comparisons.columns:
        against = _keys(comparisons["indicator_id"], comparisons["comparator_code"],
                        comparisons["period"]).isin(secret)
        if against.any() and "comparator_value" in comparisons.columns:
            comparisons["comparator_value"] = comparisons["comparator_value"].mask(against)
    blank = mine | against
    if blank.any():
        for column in _JUDGEMENT_COLUMNS:
            if column in comparisons.columns:
                comparisons[column] = _words(comparisons[column], blank, NOT_COMPARED)
    return comparisons
