"""The gap analysis: which issues stand out, where, for whom, and where nothing addresses them.

Pure functions over the evidence base's tables (frames in, new frames out), one concept
per module:

=====================  ==============================================================
``performance``        gap of every area to its benchmark; worse-and-worsening; the
                       focus area against England
``inequality``         best and worst wards; the gap between deprivation fifths; the
                       slope and relative index of inequality (SII, RII)
``coverage``           the existing activity register; issues no activity addresses;
                       activities the evidence does not support
``crosscutting``       areas with problems in several themes; indicators that move together
``evidence_gaps``      thin themes, out-of-date, area-less and sparse indicators
``proofing``           findings by rural/urban class and deprivation fifth
``priority``           the priority score and ranking, explained in words
``clusters``           local Moran's I clusters, labelled in words
``exports``            CSV, Excel and GeoPackage outputs (atomic writes)
=====================  ==============================================================

Typical use::

    from evidence import load
    from evidence import gaps

    shown = load("data").published_evidence()     # disclosure control applied
    table = gaps.performance_gaps(shown.values, shown.indicators, areas=shown.areas)
    scores = gaps.priority_scores(table)
"""

from typing import TYPE_CHECKING, Any

from evidence._lazy import lazy_attribute, lazy_dir

if TYPE_CHECKING:  # pragma: no cover
    from evidence.gaps.clusters import CLUSTER_CAVEAT, local_clusters, worse_count_clusters
    from evidence.gaps.coverage import activities_without_evidence, issue_coverage, read_activity_register
    from evidence.gaps.crosscutting import CORRELATION_CAVEAT, correlated_indicators, multi_theme_areas
    from evidence.gaps.evidence_gaps import (
        evidence_gaps,
        missing_values,
        no_small_area_data,
        stale_indicators,
        thin_themes,
    )
    from evidence.gaps.exports import readable_columns, write_csv, write_priority_areas, write_workbook
    from evidence.gaps.inequality import area_range, deprivation_fifths, fifth_gap, relative_rank, sii, slope_index
    from evidence.gaps.performance import focus_worse_than_england, performance_gaps, worse_and_worsening
    from evidence.gaps.priority import DEFAULT_WEIGHTS, priority_scores, theme_priorities
    from evidence.gaps.proofing import RUC2011_BROAD, classify_areas, proofing_table, read_classification

__all__ = [
    "CLUSTER_CAVEAT",
    "CORRELATION_CAVEAT",
    "DEFAULT_WEIGHTS",
    "RUC2011_BROAD",
    "activities_without_evidence",
    "area_range",
    "classify_areas",
    "correlated_indicators",
    "deprivation_fifths",
    "evidence_gaps",
    "fifth_gap",
    "focus_worse_than_england",
    "issue_coverage",
    "local_clusters",
    "missing_values",
    "multi_theme_areas",
    "no_small_area_data",
    "performance_gaps",
    "priority_scores",
    "proofing_table",
    "read_activity_register",
    "read_classification",
    "readable_columns",
    "relative_rank",
    "sii",
    "slope_index",
    "stale_indicators",
    "theme_priorities",
    "thin_themes",
    "worse_and_worsening",
    "worse_count_clusters",
    "write_csv",
    "write_priority_areas",
    "write_workbook",
]

# A function named like its module must be bound eagerly: once the module is imported,
# the package attribute would otherwise be the module, not the function.
from evidence.gaps.evidence_gaps import evidence_gaps  # noqa: E402

# Imported on first use: a report that finds its last run current needs none of them.
_HOME = {
    "CLUSTER_CAVEAT": "evidence.gaps.clusters",
    "CORRELATION_CAVEAT": "evidence.gaps.crosscutting",
    "DEFAULT_WEIGHTS": "evidence.gaps.priority",
    "RUC2011_BROAD": "evidence.gaps.proofing",
    "activities_without_evidence": "evidence.gaps.coverage",
    "area_range": "evidence.gaps.inequality",
    "classify_areas": "evidence.gaps.proofing",
    "correlated_indicators": "evidence.gaps.crosscutting",
    "deprivation_fifths": "evidence.gaps.inequality",
    "evidence_gaps": "evidence.gaps.evidence_gaps",
    "fifth_gap": "evidence.gaps.inequality",
    "focus_worse_than_england": "evidence.gaps.performance",
    "issue_coverage": "evidence.gaps.coverage",
    "local_clusters": "evidence.gaps.clusters",
    "missing_values": "evidence.gaps.evidence_gaps",
    "multi_theme_areas": "evidence.gaps.crosscutting",
    "no_small_area_data": "evidence.gaps.evidence_gaps",
    "performance_gaps": "evidence.gaps.performance",
    "priority_scores": "evidence.gaps.priority",
    "proofing_table": "evidence.gaps.proofing",
    "read_activity_register": "evidence.gaps.coverage",
    "read_classification": "evidence.gaps.proofing",
    "readable_columns": "evidence.gaps.exports",
    "relative_rank": "evidence.gaps.inequality",
    "sii": "evidence.gaps.inequality",
    "slope_index": "evidence.gaps.inequality",
    "stale_indicators": "evidence.gaps.evidence_gaps",
    "theme_priorities": "evidence.gaps.priority",
    "thin_themes": "evidence.gaps.evidence_gaps",
    "worse_and_worsening": "evidence.gaps.performance",
    "worse_count_clusters": "evidence.gaps.clusters",
    "write_csv": "evidence.gaps.exports",
    "write_priority_areas": "evidence.gaps.exports",
    "write_workbook": "evidence.gaps.exports",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOME, name, globals())


def __dir__() -> list[str]:
    return lazy_dir(globals(), __all__)
