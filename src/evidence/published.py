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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from evidence.disclosure import containment, protect_differences, suppress, suppression_reason
from evidence.errors import DataError
from evidence.lookups import EvidenceLookups

__all__ = ["NOT_COMPARED", "PublishedEvidence", "as_published", "disclose", "published_tables"]

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
    not_aggregated
        The areas the build could not aggregate, with the members that lacked counts
        (``manifest.json`` ``not_aggregated``; codes only, no figures).
    breakdowns
        The Fingertips breakdowns (sex, age, deprivation, ethnicity...) after disclosure
        control (:func:`evidence.breakdowns.published_breakdowns`).
    """

    config: Any
    values: pd.DataFrame
    comparisons: pd.DataFrame
    indicators: pd.DataFrame
    areas: pd.DataFrame
    _made_by: object = field(default=None, compare=False)
    not_aggregated: tuple = field(default=(), compare=False)  # areas left without a value (manifest)
    breakdowns: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False)  # published breakdowns

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
    values, comparisons = published_tables(eb.values, eb.comparisons, eb.indicators, eb.areas,
                                           min_count=config.min_count,
                                           custom_members={c.code: c.members for c in config.custom_areas})
    from evidence.breakdowns import published_breakdowns

    raw = getattr(eb, "breakdowns", None)
    breakdowns = published_breakdowns(raw if raw is not None else pd.DataFrame(), values, min_count=config.min_count,
                                      england_code=config.england_code)
    return PublishedEvidence(config, values, comparisons, eb.indicators.copy(deep=False), eb.areas.copy(deep=False),
                             _MADE_BY_DISCLOSURE,
                             tuple((getattr(eb, "manifest", None) or {}).get("not_aggregated", [])), breakdowns)


def published_tables(values: pd.DataFrame, comparisons: pd.DataFrame, indicators: pd.DataFrame,
                     areas: pd.DataFrame, *, min_count: int = 5,
                     custom_members: Mapping[str, Iterable[str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The published values and comparisons (see the module docstring); the inputs are not modified.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"indicator_id": "x", "area_code": ["A", "B"], "area_type": "ward", "period": "2020",
    ...                   "year": 2020, "numerator": [3.0, 30.0], "value": [1.0, 9.0], "judgement": "Similar"})
    >>> areas = pd.DataFrame({"area_code": ["A", "B"], "area_type": "ward"})
    >>> shown, _ = published_tables(v, pd.DataFrame(), pd.DataFrame({"id": ["x"], "polarity": ["no_judgement"]}),
    ...                             areas)
    >>> shown["value"].tolist(), shown["judgement"].tolist()
    ([nan, 9.0], ['Not compared', 'Similar'])
    """
    if "numerator" in values.columns:
        shown = suppress(values, min_count)  # a new frame: blanked further in place
        shown = protect_differences(shown, containment(areas, custom_members), copy=False)
    else:  # no counts at all (survey estimates only): nothing to hide
        shown = values.assign(suppressed=False, secondary_suppressed=False)
    comparisons = comparisons.copy(deep=False)
    hidden = shown["suppressed"].to_numpy(dtype=bool)
    if hidden.any():
        codes = _hide_derived(shown, hidden, indicators)
        comparisons = _hide_comparisons(comparisons, codes, codes.rows()[hidden])
    return _own_columns(shown), _own_columns(comparisons)


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


def _codes_of(column: pd.Series, uniques: pd.Index) -> np.ndarray:
    """Positions of ``column``'s values in ``uniques`` (-1 where absent), fast for categoricals."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = np.append(uniques.get_indexer(column.cat.categories), -1)
        return lookup[column.cat.codes.to_numpy()]  # code -1 (missing) takes the appended -1
    return uniques.get_indexer(column)


@dataclass(frozen=True)
class _Codes:
    """Integer codes of the values table's keys, made once: membership tests at England scale
    are then ``np.isin`` over int64 (string tuples would take minutes over 20 M rows)."""

    indicators: pd.Index
    areas: pd.Index
    periods: pd.Index
    indicator: np.ndarray
    area: np.ndarray
    period: np.ndarray

    @classmethod
    def of(cls, values: pd.DataFrame) -> _Codes:
        parts = [pd.factorize(values[c], use_na_sentinel=True) for c in ("indicator_id", "area_code", "period")]
        (i, iu), (a, au), (p, pu) = parts
        return cls(*(pd.Index(np.asarray(u, dtype=object)) for u in (iu, au, pu)), i, a, p)

    def key(self, indicator: np.ndarray, area: np.ndarray, period: np.ndarray) -> np.ndarray:
        """One int64 per row (-1 where a part is unknown)."""
        key = (indicator.astype(np.int64) * len(self.areas) + area) * len(self.periods) + period
        return np.where((indicator < 0) | (area < 0) | (period < 0), -1, key)

    def rows(self) -> np.ndarray:
        return self.key(self.indicator, self.area, self.period)

    def recode(self, frame: pd.DataFrame, area_column: str = "area_code") -> np.ndarray:
        """Keys of another frame's (indicator, ``area_column``, period) in this table's codes."""
        return self.key(_codes_of(frame["indicator_id"], self.indicators), _codes_of(frame[area_column], self.areas),
                        _codes_of(frame["period"], self.periods))


def _hide_derived(values: pd.DataFrame, hidden: np.ndarray, indicators: pd.DataFrame) -> _Codes:
    """Blank, in place, what a hidden row's figures would give away (see the module docstring).

    Returns the key codes, for the comparisons table.
    """
    if "ci_method" in values.columns:
        values["ci_method"] = values["ci_method"].mask(hidden)
    for column in _JUDGEMENT_COLUMNS:
        if column in values.columns:
            values[column] = _words(values[column], hidden, NOT_COMPARED)
    codes = _Codes.of(values)
    secret = codes.rows()[hidden]
    if {"comparator_code", "comparator_value"} <= set(values.columns):
        # Rows compared with a hidden comparator: no comparator value, no judgement.
        against = np.isin(codes.key(codes.indicator, _codes_of(values["comparator_code"], codes.areas), codes.period),
                          secret)
        if against.any():
            values["comparator_value"] = values["comparator_value"].mask(against)
            for column in _JUDGEMENT_COLUMNS:
                if column in values.columns:
                    values[column] = _words(values[column], against, NOT_COMPARED)
    if "trend" in values.columns and "year" in values.columns:
        year = pd.to_numeric(values["year"]).to_numpy(dtype=float, na_value=np.nan)
        known = ~np.isnan(year)
        first = int(np.nanmin(year)) if known.any() else 0
        span = (int(np.nanmax(year)) - first + _TREND_WINDOW) if known.any() else 1
        series = codes.indicator.astype(np.int64) * len(codes.areas) + codes.area
        offset = np.where(known, year - first, -1).astype(np.int64)
        by_year = np.where(known & (series >= 0), series * span + offset, -1)
        window = (by_year[hidden & known][:, None] + np.arange(_TREND_WINDOW)).ravel()  # the 5 years from each
        touched = np.isin(by_year, window) & (by_year >= 0)
        values["trend"] = _words(values["trend"], touched | hidden, None)
    if "rank" in values.columns:
        _rerank(values, hidden, indicators, codes)
    return codes


def _rerank(values: pd.DataFrame, hidden: np.ndarray, indicators: pd.DataFrame, codes: _Codes) -> None:
    """Rank again, among published values only, every group that holds a hidden row."""
    from evidence.compare import rank_and_quintile

    group = codes.indicator.astype(np.int64) * len(codes.periods) + codes.period
    for column in ("area_type", "comparator_code"):
        if column in values.columns:
            ids, uniques = pd.factorize(values[column], use_na_sentinel=False)
            group = group * (len(uniques) + 1) + ids
    group = pd.factorize(group)[0]
    touched = np.zeros(int(group.max()) + 1 if len(group) else 0, dtype=bool)
    touched[group[hidden]] = True
    ranked = values["n_ranked" if "n_ranked" in values.columns else "rank"].notna().to_numpy()
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


def _hide_comparisons(comparisons: pd.DataFrame, codes: _Codes, secret: np.ndarray) -> pd.DataFrame:
    """The comparisons with no judgement for a hidden row, nor against a hidden comparator."""
    if comparisons.empty or not {"indicator_id", "area_code", "period"} <= set(comparisons.columns):
        return comparisons
    blank = np.isin(codes.recode(comparisons), secret)
    if "comparator_code" in comparisons.columns:
        against = np.isin(codes.recode(comparisons, "comparator_code"), secret)
        if against.any() and "comparator_value" in comparisons.columns:
            comparisons["comparator_value"] = comparisons["comparator_value"].mask(against)
        blank |= against
    if blank.any():
        for column in _JUDGEMENT_COLUMNS:
            if column in comparisons.columns:
                comparisons[column] = _words(comparisons[column], blank, NOT_COMPARED)
    return comparisons
