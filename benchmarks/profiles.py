"""How fast is `evidence profiles`? Three ways to build the same N demo profiles, side by side.

(a) naive: per area, the `papermill` CLI then the `jupyter nbconvert --no-input` CLI
    (a new kernel, new imports and a new exporter for every area);
(b) `evidence profiles` with its default workers (warm kernels reused across areas);
(c) floor: the same pages rendered in one process, with no notebook and no kernel.

Prints seconds per profile for each (best of --repeat alternating runs of b and c) and
the ratios a/b and b/c. Targets on a 2-core machine: a/b >= 12 and b/c <= 1.5.

    .venv/bin/python benchmarks/profiles.py [--n 20] [--project data]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def naive(project: Path, codes: list[str], out: Path) -> float:
    notebook = REPO / "notebooks" / "area_profile.ipynb"
    start = time.perf_counter()
    for code in codes:
        executed = out / f"{code}.ipynb"
        subprocess.run([str(BIN / "papermill"), str(notebook), str(executed), "-p", "project", str(project),
                        "-p", "area_code", code, "--no-progress-bar", "--log-level", "ERROR"], check=True)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed),
                        "--log-level", "ERROR"], check=True)
    return time.perf_counter() - start


def batch(project: Path, codes: list[str], out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "evidence"), "profiles", str(project), "--areas", *codes, "--output", str(out),
                    "--force", "--quiet"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def floor(project: Path, codes: list[str], out: Path) -> float:
    code = (
        "import sys, time; from pathlib import Path\n"
        "start = time.perf_counter()\n"
        "import evidence\n"
        "from evidence.profiles import build_profile\n"
        "from evidence.profiles.page import render_page\n"
        "from evidence.render import exporter\n"
        "eb = evidence.load(sys.argv[1], rebuild=False); exp = exporter()\n"
        "for c in sys.argv[3:]:\n"
        "    Path(sys.argv[2], c + '.html').write_text(render_page(build_profile(eb, c), exp))\n"
        "print(time.perf_counter() - start)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(project), str(out), *codes], check=True,
                            capture_output=True, text=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20, help="number of ward profiles (default 20)")
    parser.add_argument("--project", default=str(REPO / "data"), help="project folder (default: the demo)")
    parser.add_argument("--skip-naive", action="store_true", help="skip (a), the slow one")
    parser.add_argument("--repeat", type=int, default=3, help="runs of (b) and (c); the best is kept (default 3)")
    args = parser.parse_args()

    import evidence

    work = Path(tempfile.mkdtemp(prefix="bench-profiles-"))
    project = work / "project"
    shutil.copytree(args.project, project, ignore=shutil.ignore_patterns(".evidence"))
    evidence.build(project)
    eb = evidence.load(project, rebuild=False)
    codes = sorted(eb.areas.loc[eb.areas["area_type"] == "ward", "area_code"])[: args.n]
    n = len(codes)
    print(f"{n} ward profiles of {eb.config.name}; 2 cores; times include every start-up cost")
    # b and c alternate, --repeat times, and the best of each is kept: this machine's speed
    # drifts by a fifth over minutes, and alternating puts both under the same drift.
    # a, the slow one, runs once, after them.
    runs: dict[str, list[float]] = {"b": [], "c": []}
    for attempt in range(args.repeat):
        for name, func in (("b", batch), ("c", floor)):
            out = work / f"{name}{attempt}"
            out.mkdir()
            runs[name].append(func(project, codes, out))
    if not args.skip_naive:
        (work / "a").mkdir()
        runs["a"] = [naive(project, codes, work / "a")]
    results = {}
    for name, label in (("b", "evidence profiles (warm kernels)"), ("c", "floor: one process, no kernel"),
                        ("a", "naive papermill + nbconvert CLIs")):
        if name not in runs:
            continue
        seconds = results[name] = min(runs[name])
        print(f"({name}) {label:36s} {seconds:7.1f} s total  {seconds / n:6.2f} s per profile"
              + (f"   (runs: {', '.join(f'{r:.1f}' for r in runs[name])})" if len(runs[name]) > 1 else ""),
              flush=True)
    if "a" in results:
        print(f"a/b = {results['a'] / results['b']:.1f}   (target >= 12)")
    print(f"b/c = {results['b'] / results['c']:.2f}  (target <= 1.5)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
