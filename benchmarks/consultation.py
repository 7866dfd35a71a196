"""Time the consultation analysis end to end: 10,000 responses, three open questions.

Usage::

    python benchmarks/consultation.py [--responses 10000] [--codes 600]

Writes a synthetic consultation (exports, frame, codes) to a temporary folder from the
demo's sentences, reads it with every check (:func:`read_settings_and_files`), analyses
it (campaigns, rules, the model with cross-validation, tables, disclosure, quotes),
builds the page's sections and writes every output (the page's HTML, the workbook, the
Word summary, the published tables, the coded responses and review queue). Prints
seconds per step and the figures found. Target: under 60 s on 2 cores (the notebook
kernel's start, a second or two through the warm-kernel recipe, is not included).
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from evidence.consultation import analyse_consultation
from evidence.consultation.exports import write_coded_csv, write_review_csv, write_summary_docx, write_workbook
from evidence.consultation.reader import read_settings_and_files
from evidence.consultation.report import build_consultation_report
from evidence.consultation.tables_store import write_tables
from evidence.demo.consultation import _CAMPAIGN, _SENTENCES, AGES, FRAME, vary
from evidence.demo.writer import csv_bytes
from evidence.known import KnownNames
from evidence.problems import Problems

YML = """title: Benchmark
responses:
  - path: responses.csv
    columns: {id: id, postcode: postcode, age: age, sex: sex, respondent_type: type}
questions:
  - {id: q1, column: q1, type: open}
  - {id: q2, column: q2, type: open}
  - {id: q3, column: q3, type: open}
frame: frame.csv
codes: codes.csv
"""


def write(folder: Path, n: int, n_codes: int) -> None:
    rng = np.random.default_rng(7)
    themes = list(_SENTENCES)
    rows, codes = [], []
    rules = {t[0]: re.compile("|".join(rf"(?<!\w)(?:{w})(?!\w)" for w in t[3].split(";")), re.I) for t in FRAME}
    for i in range(n):
        answers = []
        for _ in range(3):
            if i % 10 == 0:
                answers.append(_CAMPAIGN + f" {rng.choice(['Thanks.', 'Please.', ''])}")
                continue
            chosen = rng.choice(themes, rng.integers(1, 3), replace=False)
            answers.append(" ".join(vary(rng, str(rng.choice(_SENTENCES[t])).format(place=f"Ward {i % 40}"))
                                    for t in chosen))
        rows.append([f"R{i:05d}", "", str(rng.choice(AGES)), str(rng.choice(["Female", "Male"])), "Resident",
                     *answers])
        if i < n_codes and i % 10:
            for t, pattern in rules.items():
                if pattern.search(answers[0]):
                    codes.append([f"R{i:05d}", "q1", t, "AB", "2026-10-01"])
    (folder / "consultation.yml").write_text(YML, encoding="utf-8")
    (folder / "responses.csv").write_bytes(csv_bytes(["id", "postcode", "age", "sex", "type", "q1", "q2", "q3"],
                                                     rows))
    (folder / "frame.csv").write_bytes(csv_bytes(["theme", "name", "description", "keywords", "exclusions",
                                                  "strategy_theme", "indicators"], [list(t) for t in FRAME]))
    (folder / "codes.csv").write_bytes(csv_bytes(["response_id", "question", "theme", "coder", "date"], codes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--codes", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        write(folder, args.responses, args.codes)
        t1 = time.perf_counter()
        problems = Problems(folder)
        consultation = read_settings_and_files(folder / "consultation.yml", KnownNames(), problems)
        problems.raise_if_errors()
        t2 = time.perf_counter()
        analysis = analyse_consultation(consultation)
        t3 = time.perf_counter()
        document = build_consultation_report(analysis)
        t4 = time.perf_counter()
        out = folder / "out"
        out.mkdir()
        (out / "consultation.html").write_text(document._repr_html_(), encoding="utf-8")
        written = [write_workbook(analysis, out / "consultation.xlsx"),
                   write_summary_docx(analysis, out / "summary_of_findings.docx"),
                   write_coded_csv(analysis, out / "coded_responses.csv"),
                   write_review_csv(analysis, out / "review_queue.csv"), *write_tables(analysis, out / "tables")]
        t5 = time.perf_counter()
    print(f"responses {len(consultation.respondents):,}, open answers {len(consultation.answers):,}, "
          f"codes {len(consultation.codes):,}")
    print(f"campaigns {len(analysis.campaigns)} (largest {int(analysis.campaigns['size'].max()):,}), "
          f"coded rows {len(analysis.coding.coded):,}, review queue {len(analysis.coding.review):,}, "
          f"models used {int(analysis.coding.quality['used'].sum())} of {len(analysis.coding.quality)}")
    print(f"write inputs {t1 - t0:.1f} s; read and check {t2 - t1:.1f} s; analyse {t3 - t2:.1f} s; "
          f"page sections {t4 - t3:.1f} s ({len(document.sections)}); outputs {t5 - t4:.1f} s ({len(written) + 1} "
          f"files); end to end {t5 - t1:.1f} s")


if __name__ == "__main__":
    main()
