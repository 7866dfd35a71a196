"""The ``evidence`` command line.

The only place where an :class:`~evidence.errors.EvidenceError` becomes a message and an
exit code (1 for problems in the inputs or a failed run, 2 for a wrong command); any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from evidence._version import __version__
from evidence.errors import EvidenceError, ValidationError

__all__ = ["main"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    """Register a sub-command handler."""
    def register(func):
        COMMANDS[name] = func
        return func
    return register


def _out(text: str = "") -> None:
    print(text, flush=True)


@command("validate")
def _validate(args: argparse.Namespace) -> int:
    from evidence.validation import validate

    _, problems = validate(args.project)
    _out(problems.report())
    if problems.errors:
        _out(f"\nThe project has {len(problems.errors)} error(s). Fix them and run 'evidence validate' again.")
        return 1
    _out("\nThe project is valid." + (" Warnings do not stop a build." if problems.warnings else ""))
    return 0


@command("build")
def _build(args: argparse.Namespace) -> int:
    from evidence.builder import build
    from evidence.summary import describe

    result = build(args.project, force=args.force)
    _out(describe(result))
    return 0


@command("demo")
def _demo(args: argparse.Namespace) -> int:
    from evidence.demo import generate

    path = generate(Path(args.path), **({"seed": args.seed} if args.seed is not None else {}))
    _out(f"Demo project written to {path}. Next: evidence build {path}")
    return 0


@command("init")
def _init(args: argparse.Namespace) -> int:
    from evidence.starter import init_project

    written = init_project(args.project, args.boundaries, args.lookup, args.values or [])
    _out(f"Wrote {', '.join(str(p) for p in written)}. Next: fill in each TO FILL IN, as "
         f"'evidence validate {args.project}' lists them.")
    return 0


@command("profiles")
def _profiles(args: argparse.Namespace) -> int:
    from evidence.profiles.run import run_profiles

    result = run_profiles(args.project, area_type=args.area_type, areas=args.areas, output=args.output,
                          workers=args.workers, scheduler=args.scheduler, force=args.force,
                          notebook=args.notebook, progress=not args.quiet, all_areas=args.all)
    batch = result.batch
    _out(f"Profiles: {len(batch.successes)} built, {len(batch.skipped)} up to date, {len(batch.failures)} failed "
         f"({batch.timings.get('total', 0.0):.1f} s).")
    for failure in batch.failures:
        _out(f"  FAILED {failure}")
    if result.index.exists():
        _out(f"Index of profiles: {result.index.resolve()}")
    if batch.failures:
        _out(f"Failed notebooks are kept in {result.output_root / 'failures'}; the previous profiles, if any, "
             "are unchanged.")
        return 1
    return 0


@command("gaps")
def _gaps(args: argparse.Namespace) -> int:
    from evidence.gaps.run import run_gaps

    result = run_gaps(args.project, output=args.output, theme=args.theme, per_theme=args.per_theme)
    for path in result.outputs:
        _out(f"Wrote {path}")
    return 0


@command("plan")
def _plan(args: argparse.Namespace) -> int:
    from evidence.outcomes.run import run_plan

    result = run_plan(args.project, output=args.output, theme=args.theme)
    for path in result.outputs:
        _out(f"Wrote {path}")
    return 0


@command("consult")
def _consult(args: argparse.Namespace) -> int:
    if args.suggest_themes is not None:
        from evidence.consultation.suggest import suggestion_lines

        for line in suggestion_lines(args.project, args.suggest_themes):
            _out(line)
        return 0
    from evidence.consultation.run import run_consult

    result = run_consult(args.project, output=args.output, as_of=args.as_of, force=args.force)
    for path in result.outputs:
        _out(f"Wrote {path}")
    for path in result.team:
        _out(f"Wrote {path} (for the consultation team only: response ids and unredacted answers; never publish it)")
    for note in result.notes:
        _out(f"Note: {note}")
    return 0


@command("strategy")
def _strategy(args: argparse.Namespace) -> int:
    from evidence.strategy.run import run_strategy

    result = run_strategy(args.project, output=args.output)
    for path in result.outputs:
        _out(f"Wrote {path}")
    for note in result.notes:
        _out(f"Note: {note}")
    return 0


@command("timetable")
def _timetable(args: argparse.Namespace) -> int:
    from evidence.timetable.command import new_timetable_file, timetable_lines

    if args.new:
        path = new_timetable_file(args.project, args.new, args.start or dt.date.today(), args.file)
        _out(f"Wrote {path}. Add 'timetable: {args.file}' to evidence.yml, then run: evidence validate {args.project}")
        return 0
    from evidence.timetable.run import run_timetable

    result = run_timetable(args.project, output=args.output, as_of=args.as_of, progress=False)
    for path in result.outputs:
        _out(f"Wrote {path}")
    for line in timetable_lines(args.project, args.as_of, args.output):
        _out(line)
    return 0


@command("lcap")
def _lcap(args: argparse.Namespace) -> int:
    from evidence.timetable.lcap_run import run_lcap

    result = run_lcap(args.project, args.area, output=args.output, as_of=args.as_of)
    for path in result.outputs:
        _out(f"Wrote {path}")
    _out(result.summary)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evidence", description="Build the evidence base of a community strategy from local indicator data.")
    parser.add_argument("--version", action="version", version=f"evidence {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a project's inputs and list every problem")
    p.add_argument("project", help="the project folder (holding evidence.yml)")

    p = sub.add_parser("build", help="validate and compile the evidence base (skipped when inputs are unchanged)")
    p.add_argument("project", help="the project folder (holding evidence.yml)")
    p.add_argument("--force", action="store_true", help="rebuild even if the inputs are unchanged")

    p = sub.add_parser("demo", help="(re)generate the bundled demo project")
    p.add_argument("path", nargs="?", default="data", help="folder to write the demo project to (default: data)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: the documented demo seed)")

    p = sub.add_parser("init", help="start a project from boundary, lookup and value files (writes evidence.yml)")
    p.add_argument("project", help="the new project folder (an existing evidence.yml is never overwritten)")
    p.add_argument("--boundaries", nargs="+", required=True, metavar="FILE", help="a boundary file per area type")
    p.add_argument("--lookup", required=True, metavar="FILE", help="the CSV that nests the areas")
    p.add_argument("--values", nargs="+", metavar="FILE", help="value files, for a catalogue skeleton")

    p = sub.add_parser("profiles", help="build an HTML profile of every area (papermill + nbconvert, in parallel)")
    p.add_argument("project", help="the project folder (holding evidence.yml)")
    p.add_argument("--area-type", help="area type to profile (default: profiles.area_type, usually ward)")
    p.add_argument("--areas", nargs="+", metavar="CODE", help="profile only these areas")
    p.add_argument("--all", action="store_true",
                   help="profile every area of the type in the lookup (default: those inside the focus area)")
    p.add_argument("--workers", type=int, help="parallel workers, each with one warm kernel (default: CPU count)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://host:8786)")
    p.add_argument("--force", action="store_true", help="rebuild profiles even if their inputs are unchanged")
    p.add_argument("--output", default="areaprofiles", help="output folder (default: areaprofiles)")
    p.add_argument("--notebook", help="the profile notebook (default: notebooks/area_profile.ipynb)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("gaps", help="the borough-wide gap analysis and priority issues (HTML, CSV, Excel, GeoPackage)")
    p.add_argument("project", help="the project folder (holding evidence.yml)")
    p.add_argument("--theme", help="only this theme (id or name)")
    p.add_argument("--per-theme", action="store_true", help="also write one page per theme")
    p.add_argument("--output", default="areaprofiles", help="output folder (default: areaprofiles)")

    p = sub.add_parser("plan", help="priority outcomes, action plans (xlsx, docx, HTML) and monitoring")
    p.add_argument("project", help="the project folder (holding evidence.yml)")
    p.add_argument("--theme", help="only this theme (id or name)")
    p.add_argument("--output", default="areaprofiles", help="output folder (default: areaprofiles)")

    p = sub.add_parser("consult", help="what people said against the evidence (HTML, Excel, Word, CSV)")
    p.add_argument("project", help="the project folder (holding evidence.yml, which names consultation:)")
    p.add_argument("--output", default="areaprofiles", help="output folder (default: areaprofiles)")
    p.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                   help="the day of the timetable's 'where we are' line (default: today)")
    p.add_argument("--force", action="store_true", help="re-run even if nothing changed")
    p.add_argument("--suggest-themes", type=int, metavar="N",
                   help="only print N candidate themes for the coding frame (never published)")

    p = sub.add_parser("strategy", help="the strategy document (Word, HTML), its summary and what changed")
    p.add_argument("project", help="project folder (its evidence.yml names the strategy and outcomes files)")
    p.add_argument("--output", default="areaprofiles", help="output folder (default: areaprofiles)")

    p = sub.add_parser("timetable", help="the strategy's timetable: where we are, or --new from a template")
    p.add_argument("project", help="the project folder (holding evidence.yml)")
    p.add_argument("--new", metavar="TEMPLATE", help="write a new timetable from a template (never overwrites)")
    p.add_argument("--start", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="the start day for --new")
    p.add_argument("--file", default="timetable.yml", help="the new timetable's file name (default: timetable.yml)")
    p.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="statuses on this day")
    p.add_argument("--output", default="areaprofiles", help="output folder (default: areaprofiles)")

    p = sub.add_parser("lcap", help="the pack of one Local Community Action Plan area (profile, issues, quick wins, "
                                    "gates, local action plan)")
    p.add_argument("project", help="the project folder (holding evidence.yml)")
    p.add_argument("--area", required=True, metavar="CODE", help="the area of the LCAP (a code of its lcap file)")
    p.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="statuses on this day")
    p.add_argument("--output", default="areaprofiles", help="output folder; the pack goes to "
                                                            "<output>/lcap/<CODE>/ (default: areaprofiles)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        print("\nFix the problems above and run the command again.", file=sys.stderr)
        return 1
    except EvidenceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: outputs already written are complete; nothing was half-written.", file=sys.stderr)
        return 130


def run() -> None:
    """Console entry point: :func:`main`, then exit without tearing the interpreter down.

    Exit handlers still run (multiprocessing and jupyter_client clean up there) and the
    output streams are flushed; only the freeing of every module and object one by one
    is skipped, which after loading the data stack costs most of a second per command.
    Every output file is complete and closed before :func:`main` returns.
    """
    code = main()
    try:
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # closed or broken pipe: nothing more can be said
                pass
        os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
