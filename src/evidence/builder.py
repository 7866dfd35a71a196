"""Building the evidence base: inputs -> aggregated, enriched tables on disk.

``build`` validates the project, fills in the values of larger and custom areas from
their members (per ``benchmarks.values``), adds intervals, comparisons, ranks and trends
in one pass (:func:`evidence.enrich.enrich`) and writes the tables described in
``docs/evidence-base.md``. A rebuild whose inputs are unchanged does no work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from evidence._version import __version__
from evidence.aggregate import aggregate, membership, not_aggregated
from evidence.aggregation_report import report_not_aggregated
from evidence.breakdowns import compare_breakdowns, empty_breakdowns
from evidence.comparator_codes import warn_missing_comparator_values
from evidence.config import Config, read_config
from evidence.enrich import enrich
from evidence.freshness import TABLES, input_digest, input_files, is_current
from evidence.io.store import FORMAT_VERSION, read_manifest, write_tables
from evidence.validation import Inputs, read_inputs

__all__ = ["BuildResult", "build", "fill_from_members", "input_digest", "is_current"]


@dataclass(frozen=True)
class BuildResult:
    """What a build did: where the evidence base is and whether it was rebuilt."""

    folder: Path
    rebuilt: bool
    manifest: dict
    seconds: float


def fill_from_members(inputs: Inputs, missing: list | None = None) -> pd.DataFrame:
    """Add aggregated rows for larger and custom areas, as ``benchmarks.values`` says.

    ``data`` aggregates nothing but custom areas (which never have data of their own);
    ``aggregate`` recomputes every larger area from its members, replacing given values;
    ``auto`` fills only the area-periods that have no value of their own. England is
    never aggregated.

    An area that could not be aggregated (a member's numerator blank or a member without
    a value) and has no value of its own is appended to ``missing`` (rows of
    :func:`evidence.aggregate.not_aggregated`) when a list is given.
    """
    config, values = inputs.config, inputs.values
    values = values.assign(aggregated=False)
    types = config.type_order
    customs = {c.code: c.members for c in config.custom_areas}
    members = membership(inputs.areas, types, customs)
    key = ["indicator_id", "area_code", "period"]
    levels = types[1:] + sorted({c.type for c in config.custom_areas})
    for level in levels:
        level_members = members[members["area_type"] == level]
        is_custom = level not in types
        if config.benchmark_values == "data" and not is_custom:
            continue
        new = aggregate(values, level_members, inputs.catalogue)
        if missing is not None:
            gaps = not_aggregated(values, level_members, inputs.catalogue)
            # An area with a (published) value of its own keeps it when aggregation fails.
            missing.append(gaps[~gaps.set_index(key).index.isin(values.set_index(key).index)])
        if new.empty:
            continue
        if config.benchmark_values == "aggregate" and not is_custom:
            replaced = values.set_index(key).index.isin(new.set_index(key).index)
            values = values[~replaced]
        else:
            have = values.set_index(key).index
            new = new[~new.set_index(key).index.isin(have)]
        values = pd.concat([values, new.astype(values.dtypes.to_dict(), errors="ignore")], ignore_index=True)
    return values.sort_values(["indicator_id", "area_type", "area_code", "year", "period"],
                              ignore_index=True)


def build(project: str | Path, *, force: bool = False, progress: bool | None = False) -> BuildResult:
    """Validate ``project`` and write its evidence base; do nothing if it is current.

    Raises :class:`~evidence.errors.ValidationError` (listing every problem) when the
    inputs have errors; nothing on disk is touched then. ``progress`` shows a
    ``tqdm.auto`` bar of the steps (``None``: only in a notebook; the CLI shows none).
    """
    start = time.perf_counter()
    config, _ = read_config(project)
    if config is not None and not force and is_current(config):
        return BuildResult(config.output, False, read_manifest(config.output) or {},
                           time.perf_counter() - start)
    from evidence.display.progress import progress_bar

    bar = progress_bar(total=4, desc="Building the evidence base", enabled=progress)
    bar.set_postfix_str("reading and checking the inputs")
    inputs = read_inputs(project)
    config = inputs.config
    missing: list[pd.DataFrame] = []
    bar.update()
    bar.set_postfix_str("aggregating to larger areas")
    values = fill_from_members(inputs, missing)
    areas = inputs.areas
    not_done = report_not_aggregated(missing, inputs.catalogue, inputs.problems)
    warn_missing_comparator_values(config, areas, values, inputs.problems, inputs.catalogue)  # now with aggregated rows too
    bar.update()
    bar.set_postfix_str("intervals, comparisons, ranks and trends")
    enriched, comparisons = enrich(values, inputs.catalogue, areas, config.comparators,
                                   england_code=config.england_code)
    breakdowns = compare_breakdowns(inputs.breakdowns if inputs.breakdowns is not None else empty_breakdowns(),
                                    enriched, inputs.catalogue, england_code=config.england_code)
    bar.update()
    bar.set_postfix_str("writing")
    manifest = {
        "format_version": FORMAT_VERSION,
        "evidence_version": __version__,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "project": config.name,
        "focus_area": config.focus_area,
        "input_digest": input_digest(config),
        "inputs": [config.relative(p) for p in input_files(config)],
        "rows": {"values": len(enriched), "comparisons": len(comparisons),
                 "indicators": len(inputs.catalogue), "areas": len(areas), "breakdowns": len(breakdowns)},
        "aggregated_rows": int(enriched["aggregated"].sum()),
        "warnings": [str(p) for p in inputs.problems.warnings],
        "not_aggregated": not_done,
    }
    write_tables(config.output, {"values": enriched, "comparisons": comparisons,
                                 "indicators": inputs.catalogue, "areas": areas, "breakdowns": breakdowns}, manifest)
    bar.update()
    bar.set_postfix_str("done")
    bar.close()
    return BuildResult(config.output, True, manifest, time.perf_counter() - start)

