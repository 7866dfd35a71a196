"""Plain-text summaries of a built evidence base, for the command line."""

from __future__ import annotations

from evidence.builder import BuildResult

__all__ = ["describe"]


def describe(result: BuildResult) -> str:
    """A short summary of a build: what is in the evidence base and where it is."""
    m = result.manifest
    rows = m.get("rows", {})
    state = (f"Built in {result.seconds:.1f} s" if result.rebuilt
             else "Up to date (inputs unchanged, nothing rebuilt)")
    lines = [
        f"Evidence base for {m.get('project', '?')}: {state}.",
        f"  {rows.get('indicators', 0)} indicators, {rows.get('areas', 0)} areas, "
        f"{rows.get('values', 0):,} values ({m.get('aggregated_rows', 0):,} aggregated from member areas), "
        f"{rows.get('comparisons', 0):,} comparisons.",
    ]
    warnings = m.get("warnings", [])
    if warnings:
        lines.append(f"  {len(warnings)} warning(s) from validation; 'evidence validate' lists them.")
    lines.append(f"  Written to {result.folder} (Parquet and GeoParquet; see docs/evidence-base.md).")
    return "\n".join(lines)
