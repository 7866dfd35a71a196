"""``evidence profiles``: one profile per area, built by the batch runner, plus the index.

The evidence base is built (or found current) first, so every kernel only reads it.
Each area becomes a :class:`~evidence.batch.Job` of the profile notebook; the batch runs
them on warm kernels (locally or on a Dask cluster), skips those whose inputs have not
changed, keeps failures apart, and writes every page atomically. The index lists the
profiles that exist after the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evidence.batch import BatchResult, Job, run_batch
from evidence.batch.local import discard_prestarted, prestart
from evidence.batch.worker import Settings
from evidence.errors import DataError, did_you_mean
from evidence.io.atomic import atomic_write
from evidence.render import template_dir
from evidence.resources import report_notebook

if TYPE_CHECKING:  # pragma: no cover
    from evidence.published import PublishedEvidence

__all__ = ["ProfilesResult", "profile_jobs", "run_profiles"]

NOTEBOOK = "area_profile.ipynb"


@dataclass(frozen=True)
class ProfilesResult:
    """What a profiles run did: the batch result and where the index is."""

    batch: BatchResult
    index: Path
    output_root: Path


def profile_jobs(eb: PublishedEvidence, area_type: str | None = None, areas: list[str] | None = None) -> list[Job]:
    """One job per area to profile: the listed ``areas``, or every area of ``area_type``."""
    config = eb.config
    known = eb.areas.set_index("area_code")["area_type"]
    if areas:
        unknown = [a for a in areas if a not in known.index]
        if unknown:
            raise DataError(f"Unknown area code(s): {', '.join(unknown)}.{did_you_mean(unknown[0], known.index)} "
                            "Use codes from the lookup or the custom areas.")
        codes = list(areas)
    else:
        area_type = area_type or config.profile_area_type or config.type_order[min(1, len(config.type_order) - 1)]
        types = sorted(set(known))
        if area_type not in types:
            raise DataError(f"Unknown area type '{area_type}'.{did_you_mean(area_type, types)} "
                            f"Use one of: {', '.join(types)}.")
        codes = sorted(known.index[known == area_type])
    root = str(config.root.resolve())
    return [Job(code, {"project": root, "area_code": code}, group=str(known[code])) for code in codes]


def run_profiles(project: str | Path, *, area_type: str | None = None, areas: list[str] | None = None,
                 output: str | Path = "areaprofiles", workers: int | None = None, scheduler: str | None = None,
                 force: bool = False, notebook: str | Path | None = None, progress: bool = True) -> ProfilesResult:
    """Build the evidence base, run the profile notebook for each area, and write the index."""
    notebook = Path(notebook or report_notebook(NOTEBOOK)).resolve()
    template = template_dir() / "evidence"
    if scheduler is None:
        # Warm the kernels while this process imports the data stack and checks the
        # evidence base: on two cores that overlap is a quarter of a short batch.
        prestart(Settings.for_notebook(notebook, template=str(template)), workers)
    try:
        from evidence.builder import build
        from evidence.evidence_base import load
        from evidence.outputs import guard_report_output

        guard_report_output(project, output)  # never over, around or inside the project's inputs
        built = build(project)
        eb = load(project, rebuild=False).published_evidence()  # reports see published evidence only
        jobs = profile_jobs(eb, area_type, areas)
        # The index page needs the render stack and the published values: get both now
        # (the values above), while the kernels warm up, rather than after the last profile.
        from evidence.profiles.index import index_page

        output_root = Path(output)
        digest = f"{built.manifest.get('input_digest', '')}:{eb.config.min_count}"
        batch = run_batch(notebook, jobs, output_root=output_root, workers=workers, scheduler=scheduler,
                          force=force, inputs_digest=digest, template=template, progress=progress)
    finally:
        discard_prestarted()
    existing = {}
    for area_type_dir in sorted(p for p in output_root.iterdir() if p.is_dir() and p.name != "failures"):
        for page in sorted(area_type_dir.glob("*.html")):
            existing[page.stem] = page
    codes = set(eb.areas["area_code"])
    listed = {code: path for code, path in existing.items() if code in codes}
    index = output_root / "index.html"
    if listed:
        atomic_write(index, index_page(eb, listed, output_root).encode("utf-8"))
    return ProfilesResult(batch, index, output_root)
