"""Where outputs may go: never over, around or inside the files a project reads.

A build replaces its output folder whole, and the report commands write pages and
downloads under theirs, so an output path that is an input, holds one or lies inside
one would destroy the user's files (``build.output: .`` used to delete the whole
project). These checks run before anything is written:

* :func:`check_build_output` (run by ``evidence validate`` and so by every build) adds
  a problem for a ``build.output`` that is the project folder, holds it, overlaps an
  input, is an existing file, or is a folder of the user's (not empty and not an
  evidence base);
* :func:`check_report_output` (run by ``evidence profiles``, ``gaps`` and ``plan``)
  raises :class:`~evidence.errors.OutputError` for an ``--output`` that is the project
  folder, holds it, overlaps an input or is the evidence base.

An output overlaps an input when it *is* the input, *contains* it (the input would be
inside the output folder), or *lies inside* it: inside an input folder (a boundary
folder such as a shapefile folder or a ``.gdb``) or inside a folder that holds an
input within the project (``boundaries/out``), where the outputs would mix with the
files read.
"""

from __future__ import annotations

import os
from pathlib import Path

from evidence.config import Config
from evidence.errors import OutputError
from evidence.io.store import MARKER, is_evidence_base
from evidence.problems import Problems

__all__ = ["check_build_output", "check_report_output", "guard_report_output", "input_paths", "overlap"]

#: Files that travel with a shapefile (read by GDAL with the ``.shp``).
SHAPEFILE_PARTS = (".dbf", ".shx", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


def input_paths(config: Config) -> list[Path]:
    """Every file or folder the project's commands read, as resolved absolute paths.

    ``evidence.yml``, the catalogue, the lookup, the boundary files (with a shapefile's
    sibling files), the value files, ``gaps.activities``, ``gaps.classification`` and
    the files the ``outcomes``, ``timetable`` and ``consultation`` settings name.
    """
    paths = [config.file, config.catalogue, config.lookup_path]
    for spec in config.area_types.values():
        paths.append(spec.boundaries)
        if spec.boundaries.suffix.lower() == ".shp":
            paths.extend(spec.boundaries.with_suffix(s) for s in SHAPEFILE_PARTS)
    paths.extend(s.path for s in config.value_sources)
    paths.extend(Path(config.gap_settings[k]) for k in ("activities", "classification")
                 if config.gap_settings.get(k) is not None)
    for setting in ("outcomes", "timetable", "consultation"):
        named = (config.raw or {}).get(setting)
        if isinstance(named, str) and named:
            paths.append(config.root / named)
    unique: dict[Path, None] = {}
    for path in paths:
        unique.setdefault(Path(os.path.abspath(path)).resolve(), None)
    return list(unique)


def _inside(path: Path, folder: Path) -> bool:
    return folder in path.parents


def overlap(target: Path, config: Config) -> str | None:
    """How ``target`` (an output path) collides with the project's files, or ``None``.

    The answer is a phrase for a message: ``"is the project folder itself"``, ``"contains
    the input 'lookup.csv'"``...
    """
    target = Path(os.path.abspath(target)).resolve()
    root = config.root.resolve()
    if target == root:
        return "is the project folder itself"
    if _inside(root, target):
        return "contains the project folder"
    inputs = input_paths(config)
    for path in inputs:
        name = config.relative(path)
        if target == path:
            return f"is the input '{name}'"
        if _inside(path, target):
            return f"contains the input '{name}'"
        if _inside(target, path):
            return f"lies inside the input '{name}'"
    for path in inputs:
        holder = path.parent
        if holder != root and _inside(holder, root) and _inside(target, holder):
            return (f"lies inside the folder '{config.relative(holder)}', which holds the input "
                    f"'{config.relative(path)}'")
    return None


def check_build_output(config: Config, problems: Problems) -> None:
    """Add a problem when ``build.output`` could overwrite or remove a file of the user's."""
    place = "setting 'build.output'"
    given = (config.raw.get("build") or {}).get("output", ".evidence")
    target = config.output
    fix_new = "Give the evidence base a folder of its own, e.g. 'build.output: .evidence' (the default)."
    clash = overlap(target, config)
    if clash is not None:
        problems.error(f"'build.output' ({given!r}) {clash}: a build replaces its output folder whole "
                       "and would delete your inputs.", fix_new, file=config.file, place=place)
    elif target.is_file():
        problems.error(f"'build.output' ({given!r}) is an existing file, not a folder; a build would replace it.",
                       "Point 'build.output' at a new folder, e.g. '.evidence' (the default), or move the file.",
                       file=config.file, place=place)
    elif target.is_dir() and any(target.iterdir()) and not is_evidence_base(target):
        problems.error(f"'build.output' ({given!r}) is a folder that holds files 'evidence build' did not write "
                       f"(it has no {MARKER}); a build replaces its output folder whole, which would delete them.",
                       "Point 'build.output' at a new or empty folder, e.g. '.evidence' (the default).",
                       file=config.file, place=place)


def check_report_output(config: Config, output: str | Path, option: str = "--output") -> None:
    """Raise :class:`~evidence.errors.OutputError` when a report's output folder would touch an input.

    ``output`` is the folder given to ``evidence profiles``, ``gaps`` or ``plan``; it may
    be inside the project (``PROJECT/areaprofiles``) but not be the project folder,
    hold it, overlap an input, be the evidence base (which each build replaces) or be a
    file.
    """
    clash = overlap(Path(output), config)
    target, base = Path(os.path.abspath(output)).resolve(), config.output.resolve()
    if clash is None and (target == base or _inside(target, base)):
        where = "is" if target == base else "lies inside"
        clash = f"{where} the evidence base folder ('build.output'), which every build replaces"
    if clash is None and Path(output).exists() and not Path(output).is_dir():
        clash = "is an existing file, not a folder"
    if clash is not None:
        raise OutputError(f"The output folder '{output}' ({option}) {clash}. Nothing was written. "
                          f"Fix: give {option} a folder of its own for the reports, e.g. '{option} areaprofiles'.")


def guard_report_output(project: str | Path, output: str | Path) -> None:
    """:func:`check_report_output` for ``project``'s config, before a report command writes anything.

    A config too broken to read is left to the build that follows, which lists its problems.
    """
    from evidence.config import read_config

    config, _ = read_config(project)
    if config is not None:
        check_report_output(config, output)
