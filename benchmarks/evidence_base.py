"""Time :func:`evidence.enrich.enrich` and disclosure control on England-scale synthetic data.

Usage::

    python benchmarks/evidence_base.py                 # 33,000 LSOAs x 50 indicators x 10 periods
    python benchmarks/evidence_base.py --lsoas 2000 --indicators 5 --periods 6

The data are seeded and nest like the ONS lookups: LSOA -> ward (about 4.7 LSOAs per
ward) -> district (about 110 LSOAs each), plus England. The indicators mix
proportions and rates given as counts, and scores and DSRs given as values with
published 95% limits; ward, district and England rows are ordinary rows.

Memory: the pass runs in a fresh Python process. After the inputs are built the
process's peak-RSS counter is reset (``/proc/self/clear_refs``, Linux), so the peak
reported is the highest resident memory *during* the pass: inputs, outputs and
temporaries together. The growth is that peak minus the resident memory just before
the pass (the inputs). Where the counter cannot be reset, the process's lifetime
peak (``ru_maxrss``) is reported instead, which is an upper bound.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

TYPES = [("proportion", 100, "lower_is_better"), ("rate", 100000, "lower_is_better"),
         ("score", 1, "no_judgement"), ("dsr", 100000, "higher_is_better"),
         ("proportion", 100, "higher_is_better")]


def _status(field: str) -> int:
    """A field of /proc/self/status in bytes (0 where unavailable)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def make_data(lsoas: int, indicators: int, periods: int, seed: int = 2026):
    """Synthetic ``values``, ``indicators``, ``areas`` and ``comparators`` at any scale."""
    rng = np.random.default_rng(seed)
    n_ward = max(1, round(lsoas / 4.7))
    n_dist = max(1, round(lsoas / 110))
    lsoa_codes = [f"E01{i:06d}" for i in range(lsoas)]
    ward_codes = [f"E05{i:06d}" for i in range(n_ward)]
    dist_codes = [f"E07{i:06d}" for i in range(n_dist)]
    ward_of_lsoa = np.sort(rng.integers(0, n_ward, lsoas))
    dist_of_ward = np.sort(rng.integers(0, n_dist, n_ward))
    areas = pd.DataFrame({
        "area_code": lsoa_codes + ward_codes + dist_codes + ["E92000001"],
        "area_type": ["lsoa"] * lsoas + ["ward"] * n_ward + ["district"] * n_dist + ["england"],
        "ward_code": [ward_codes[w] for w in ward_of_lsoa] + [None] * (n_ward + n_dist + 1),
        "district_code": ([dist_codes[dist_of_ward[w]] for w in ward_of_lsoa]
                          + [dist_codes[d] for d in dist_of_ward] + [None] * (n_dist + 1)),
    })
    pops = np.concatenate([rng.integers(1000, 3000, lsoas), rng.integers(5000, 12000, n_ward),
                           rng.integers(60000, 300000, n_dist), [56_000_000]]).astype(float)
    kinds = [TYPES[i % len(TYPES)] for i in range(indicators)]
    ind = pd.DataFrame({"id": [f"I{i:03d}" for i in range(indicators)],
                        "value_type": [k[0] for k in kinds], "multiplier": [k[1] for k in kinds],
                        "polarity": [k[2] for k in kinds]})
    n_area = len(areas)
    years = np.arange(2010, 2010 + periods)
    # rows: indicator x period x area
    n = indicators * periods * n_area
    i_code = np.repeat(np.arange(indicators, dtype=np.int16), periods * n_area)
    p_code = np.tile(np.repeat(np.arange(periods, dtype=np.int16), n_area), indicators)
    a_code = np.tile(np.arange(n_area, dtype=np.int32), indicators * periods)
    base = rng.uniform(0.05, 0.4, indicators)[i_code] * (1 + 0.02 * p_code * rng.choice([-1, 1], indicators)[i_code])
    base *= rng.lognormal(0, 0.25, n_area)[a_code]
    den = pops[a_code] * rng.uniform(0.9, 1.1, n)
    den = np.round(den)
    vt = np.array([TYPES.index(k) for k in kinds])[i_code]
    value = np.full(n, np.nan)
    num = np.full(n, np.nan)
    lower = np.full(n, np.nan)
    upper = np.full(n, np.nan)
    prop = (vt == 0) | (vt == 4)
    num[prop] = rng.binomial(den[prop].astype(np.int64), np.clip(base[prop], 0, 1))
    rate = vt == 1
    num[rate] = rng.poisson(den[rate] * base[rate] * 0.02)
    published = (vt == 2) | (vt == 3)
    se = base[published] * 100 / np.sqrt(den[published] / 50)
    value[published] = base[published] * 100 + rng.normal(0, 1, published.sum()) * se
    lower[published] = value[published] - 1.96 * se
    upper[published] = value[published] + 1.96 * se
    den[published] = np.nan
    codes = pd.Categorical.from_codes(a_code, categories=areas["area_code"])
    values = pd.DataFrame({
        "indicator_id": pd.Categorical.from_codes(i_code, categories=ind["id"]),
        "area_code": codes,
        "area_type": pd.Categorical.from_codes(
            pd.Index(["lsoa", "ward", "district", "england"]).get_indexer(areas["area_type"])[a_code],
            categories=["lsoa", "ward", "district", "england"]),
        "period": pd.Categorical.from_codes(p_code, categories=[str(y) for y in years]),
        "year": years[p_code].astype(np.int32),
        "value": value, "numerator": num, "denominator": den, "lower": lower, "upper": upper,
        "source_file": pd.Categorical.from_codes(np.zeros(n, np.int8), categories=["values.parquet"]),
        "aggregated": np.zeros(n, dtype=bool),
    })
    comparators = {"lsoa": ["district", "england"], "ward": ["district", "england"],
                   "district": ["england"]}
    return values, ind, areas, comparators


def _start_measure() -> tuple[int, str]:
    """Collect garbage and reset the peak-RSS counter; return resident memory now and the peak's source."""
    gc.collect()
    before = _status("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return before, "VmHWM after reset"
    except OSError:
        return before, "ru_maxrss (lifetime)"


def _peak(source: str) -> int:
    peak = _status("VmHWM") if source.startswith("VmHWM") else 0
    return peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run(lsoas: int, indicators: int, periods: int, trend_rows: str) -> dict:
    """Build the data, then time one pass and measure its peak memory, in this process.

    Then, on the pass's output, time disclosure control as every report gets it
    (``EvidenceBase.published_evidence``: small counts, secondary suppression, then the
    judgements, ranks and trends that would give a hidden figure away).
    """
    from evidence.enrich import enrich
    from evidence.published import published_tables

    values, ind, areas, comparators = make_data(lsoas, indicators, periods)
    before, peak_source = _start_measure()
    start = time.perf_counter()
    out, comp = enrich(values, ind, areas, comparators, trend_rows=trend_rows)
    seconds = time.perf_counter() - start
    peak = _peak(peak_source)
    result = {"rows": len(values), "comparison_rows": len(comp), "seconds": round(seconds, 1),
              "rss_before_gb": round(before / 1e9, 2), "peak_rss_gb": round(peak / 1e9, 2),
              "growth_gb": round((peak - before) / 1e9, 2), "peak_source": peak_source,
              "trend_rows": trend_rows,
              "trends": out["trend"].value_counts().to_dict()}
    del values
    before, peak_source = _start_measure()
    start = time.perf_counter()
    published, _ = published_tables(out, comp, ind, areas, min_count=5)  # as published_evidence() does
    peak = _peak(peak_source)
    result["disclosure"] = {"seconds": round(time.perf_counter() - start, 1),
                            "suppressed": int(published["suppressed"].sum()),
                            "secondary": int(published["secondary_suppressed"].sum()),
                            "peak_rss_gb": round(peak / 1e9, 2), "growth_gb": round((peak - before) / 1e9, 2)}
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lsoas", type=int, default=33_000)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--trend-rows", choices=["all", "latest"], default="all")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(run(args.lsoas, args.indicators, args.periods, args.trend_rows)))
        return
    cmd = [sys.executable, __file__, "--in-process", "--lsoas", str(args.lsoas),
           "--indicators", str(args.indicators), "--periods", str(args.periods),
           "--trend-rows", args.trend_rows]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{result['rows']:,} value rows, {result['comparison_rows']:,} comparison rows "
          f"(trends: {result['trend_rows']})")
    print(f"enrich: {result['seconds']} s; peak RSS {result['peak_rss_gb']} GB "
          f"({result['peak_source']}; inputs {result['rss_before_gb']} GB, "
          f"growth {result['growth_gb']} GB)")
    print("trends:", result["trends"])
    d = result["disclosure"]
    print(f"disclosure control (small counts, secondary suppression, judgements, ranks, trends): {d['seconds']} s; "
          f"peak RSS {d['peak_rss_gb']} GB (growth {d['growth_gb']} GB); "
          f"{d['suppressed']:,} rows hidden, {d['secondary']:,} of them by secondary suppression")


if __name__ == "__main__":
    main()
