"""The ``evidence`` command line.

The only place where an :class:`~evidence.errors.EvidenceError` becomes a message and an
exit code (1 for problems in the inputs or a failed run, 2 for a wrong command); any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
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
    from evidence.validate import validate

    _, problems = validate(args.project)
    _out(problems.report())
    if problems.errors:
        _out(f"\nThe project has {len(problems.errors)} error(s). Fix them and run 'evidence validate' again.")
        return 1
    _out("\nThe project is valid." + (" Warnings do not stop a build." if problems.warnings else ""))
    return 0


@command("build")
def _build(args: argparse.Namespace) -> int:
    from evidence.build import build
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

    for extra in EXTRA_PARSERS:
        extra(sub)
    return parser


# Later capabilities (profiles, gaps, plan) add their sub-commands here.
EXTRA_PARSERS: list[Callable] = []


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
