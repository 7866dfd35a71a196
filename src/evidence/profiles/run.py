"""``evidence profiles``: one profile per area, built by the batch runner, plus the index.

The evidence base is built (or found current) first, so every kernel only reads it.
Each area becomes a :class:`~evidence.batch.Job` of the profile notebook; the batch runs
them on warm kernels (locally or on a Dask cluster), skips those whose inputs have not
changed, keeps failures apart, and writes every page atomically. The index lists the
profiles that exist after the run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.batch import BatchResult, Job
from evidence.config import ranked_type
from evidence.errors import DataError, did_you_mean
from evidence.io.atomic import atomic_write
from evidence.reports import Prepared, Report, run_report

if TYPE_CHECKING:  # pragma: no cover
    from evidence.published import PublishedEvidence

__all__ = ["PROFILES", "ProfilesResult", "inside_focus", "profile_jobs", "run_profiles"]

NOTEBOOK = "area_profile.ipynb"


@dataclass(frozen=True)
class ProfilesResult:
    """What a profiles run did: the batch result and where the index is."""

    batch: BatchResult
    index: Path
    output_root: Path


def profile_jobs(eb: PublishedEvidence, area_type: str | None = None, areas: list[str] | None = None,
                 all_areas: bool = False) -> list[Job]:
    """One job per area to profile: the listed ``areas``, or the areas of ``area_type`` inside the
    focus area (every area of the type in the lookup with ``all_areas``)."""
    config = eb.config
    known = eb.areas.set_index("area_code")["area_type"]
    if areas:
        unknown = [a for a in areas if a not in known.index]
        if unknown:
            raise DataError(f"Unknown area code(s): {', '.join(unknown)}.{did_you_mean(unknown[0], known.index)} "
                            "Use codes from the lookup or the custom areas.")
        codes = list(areas)
    else:
        area_type = area_type or ranked_type(config.type_order, config.profile_area_type)
        types = sorted(set(known))
        if area_type not in types:
            raise DataError(f"Unknown area type '{area_type}'.{did_you_mean(area_type, types)} "
                            f"Use one of: {', '.join(types)}.")
        codes = sorted(known.index[known == area_type])
        if not all_areas:
            codes = [c for c in codes if c in inside_focus(eb)]
    root = str(config.root.resolve())
    return [Job(code, {"project": root, "area_code": code}, group=str(known[code])) for code in codes]


def inside_focus(eb: PublishedEvidence) -> set[str]:
    """Codes of the focus area and of every area inside it (custom areas whose members all are)."""
    areas, focus = eb.areas, eb.config.focus_area
    kinds = areas.set_index("area_code")["area_type"]
    column = f"{kinds.get(focus)}_code"
    inside = {focus}
    if column in areas.columns:
        inside |= set(areas.loc[(areas[column].astype("string") == focus).fillna(False), "area_code"])
    for custom in eb.config.custom_areas:
        if custom.members and set(custom.members) <= inside:
            inside.add(custom.code)
    return inside


def _prepare(eb: PublishedEvidence, root: Path, request: Mapping[str, Any]) -> Prepared:
    jobs = profile_jobs(eb, request.get("area_type"), request.get("areas"), bool(request.get("all_areas")))
    return Prepared(jobs, outputs=[root / job.relative_output for job in jobs])


def _index(eb: PublishedEvidence, root: Path) -> list[Path]:
    """Write the index of every profile under ``root`` (this run's and earlier ones')."""
    from evidence.profiles.index import index_page

    existing = {}
    for area_type_dir in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "failures"):
        for page in sorted(area_type_dir.glob("*.html")):
            existing[page.stem] = page
    codes = set(eb.areas["area_code"])
    listed = {code: path for code, path in existing.items() if code in codes}
    index = root / "index.html"
    if not listed:
        return []
    return [atomic_write(index, index_page(eb, listed, root).encode("utf-8"))]


#: The profiles report: one page per area, then the index.
PROFILES = Report("profiles", "The area profiles", NOTEBOOK, prepare=_prepare, finish=_index,
                  raise_failures=False, workers=None)


def run_profiles(project: str | Path, *, area_type: str | None = None, areas: list[str] | None = None,
                 output: str | Path = "areaprofiles", workers: int | None = None, scheduler: str | None = None,
                 force: bool = False, notebook: str | Path | None = None, progress: bool = True,
                 all_areas: bool = False) -> ProfilesResult:
    """Build the evidence base, run the profile notebook for each area, and write the index.

    By default the areas of the type inside the focus area are profiled; ``all_areas``
    profiles every area of the type in the lookup (a lookup often covers a wider area).
    """
    run = run_report(PROFILES, project, output=output,
                     request={"area_type": area_type, "areas": areas, "all_areas": all_areas},
                     force=force, progress=progress, workers=workers, scheduler=scheduler, notebook=notebook)
    return ProfilesResult(run.batch, run.output_root / "index.html", run.output_root)
