"""Per-notebook overhead: the naive papermill + nbconvert loop against ``run_batch``.

(a) naive: for each area, ``papermill`` then ``jupyter nbconvert --no-input --to html``,
    each as a subprocess from the virtualenv's ``bin`` (a new kernel and a new
    Python per step);
(b) ``run_batch`` with its default workers (one warm kernel per worker).

Usage::

    python benchmarks/batch_overhead.py [-n 12] [--imports pandas] [--workers N]

Prints seconds per notebook for each and the ratio a/b. The notebooks are trivial,
so this measures the machinery's overhead, not the analysis.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from evidence.batch import Job, run_batch

BIN = Path(sys.executable).parent


def make_notebook(folder: Path, imports: str) -> Path:
    """A trivial parameterised notebook: imports, a parameter, one printed line."""
    nb = new_notebook(
        cells=[
            new_code_cell("import os" + "".join(f"\nimport {m}" for m in imports.split(",") if m)),
            new_code_cell("area = 'none'", metadata={"tags": ["parameters"]}),
            new_markdown_cell("# Area profile"),
            new_code_cell("print(f'Profile of {area} from kernel {os.getpid()}')"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "profile.ipynb"
    nbformat.write(nb, path)
    return path


def naive(notebook: Path, areas: list[str], out: Path) -> float:
    """Run the papermill CLI then the nbconvert CLI for each area; return seconds."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for area in areas:
        executed = out / f"{area}.ipynb"
        subprocess.run(
            [BIN / "papermill", notebook, executed, "-p", "area", area, "--no-progress-bar", "-k", "python3"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [BIN / "jupyter", "nbconvert", "--no-input", "--to", "html", executed],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def batched(notebook: Path, areas: list[str], out: Path, workers: int | None) -> tuple[float, float]:
    """Run the same areas with ``run_batch``; return (wall seconds, summed per-job seconds)."""
    start = time.perf_counter()
    result = run_batch(
        notebook, [Job(a, {"area": a}) for a in areas], output_root=out, workers=workers, force=True, progress=False
    )
    elapsed = time.perf_counter() - start
    if result.failures:
        raise SystemExit(f"run_batch failed: {result.failures}")
    return elapsed, sum(o.seconds for o in result.successes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=12, help="number of notebooks (areas)")
    parser.add_argument("--imports", default="", help="comma-separated modules the notebook imports")
    parser.add_argument("--workers", type=int, default=None, help="run_batch workers (default: CPUs)")
    args = parser.parse_args()
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notebook = make_notebook(folder, args.imports)
        areas = [f"E{n:08d}" for n in range(args.n)]
        a = naive(notebook, areas, folder / "naive") / args.n
        b_wall, b_jobs = batched(notebook, areas, folder / "batch", args.workers)
    workers = min(args.workers or os.cpu_count() or 1, args.n)
    b = b_wall / args.n
    steady = b_jobs / args.n / workers
    print(f"notebooks: {args.n}, imports: {args.imports or '-'}, cpus: {os.cpu_count()}, workers: {workers}")
    print(f"(a) papermill + nbconvert CLI per job: {a:.3f} s/notebook")
    print(f"(b) run_batch (warm kernels):           {b:.3f} s/notebook (wall, incl. pool and kernel start)")
    print(f"    once warm:                          {steady:.3f} s/notebook (per-job time / workers)")
    print(f"ratio a/b: {a / b:.1f}x (warm: {a / steady:.0f}x)")


if __name__ == "__main__":
    main()
