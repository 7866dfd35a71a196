"""The consultation's parts on small real inputs: campaigns, redaction, agreement, language, disclosure."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from evidence.consultation.campaigns import find_campaigns
from evidence.consultation.language import other_language
from evidence.consultation.quality import cohen_kappa
from evidence.consultation.redact import has_personal_data, redact
from evidence.consultation.tables import protect

A = "please save our village library it is the heart of the community and used by children every day"
B = "please save our village hall it is the heart of the community and used by older people every week"


def _answers(texts):
    return pd.DataFrame({"response_id": [f"R{i:03d}" for i in range(len(texts))], "question": "q", "answer": texts})


def test_campaign_counts_every_submission():
    members, camps = find_campaigns(_answers([A] * 30 + [A.replace("every day", "each day")] * 5), min_size=10)
    assert len(camps) == 1 and camps["size"].iloc[0] == 35 and camps["identical"].iloc[0] == 30


def test_campaigns_do_not_chain():
    """A ~ M and M ~ B but A is far from B: a star around a seed never joins A and B through M."""
    a_words, b_words = A.split(), B.split()
    middle = " ".join(a_words[:9] + b_words[9:])
    texts = [A] * 20 + [middle] * 12 + [B] * 20
    members, camps = find_campaigns(_answers(texts), threshold=0.45, min_size=10)
    for ident, group in members.groupby("campaign"):
        got = set(_answers(texts).set_index("response_id").loc[group["response_id"], "answer"])
        assert not {A, B} <= got, ident
        assert group["similarity"].min() >= 0.45


def test_short_agreement_is_not_a_campaign():
    assert find_campaigns(_answers(["More buses please."] * 50))[1].empty


def test_redaction():
    text = ("Mail a.b@example.co.uk, call +44 7700 900123 or 01632 960001, see https://x.org/p and "
            "www.site.org.uk, tweet @jo_b, I'm at DS1 2AB, ask Dave Pritchard")
    out = redact(text, ["Dave Pritchard"])
    assert not has_personal_data(out, ["Dave Pritchard"])
    for gone in ("example", "7700", "01632", "x.org", "site.org", "@jo_b", "DS1 2AB", "Pritchard"):
        assert gone not in out, gone


def test_kappa_reference():
    # Two raters, 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa 0.4 (textbook example).
    a = np.array([1] * 25 + [0] * 25, bool)
    b = np.array([1] * 20 + [0] * 5 + [1] * 10 + [0] * 15, bool)
    assert round(cohen_kappa(a, b), 3) == 0.4


def test_other_language():
    flags = other_language(pd.Series(["Potholes everywhere, roads terrible", "Mae angen mwy o fysiau yn y pentrefi",
                                      "ہمارے علاقے میں بسیں بہت کم ہیں"]))
    assert flags.tolist() == [False, True, True]


def test_secondary_suppression_across_parts():
    frame = pd.DataFrame({"theme": "t", "area": ["A", "B", "C"], "count": [3, 40, 50], "base": 93,
                          "share": [0.03, 0.4, 0.5]})
    out = protect(frame, ["theme"], "area", 5)
    assert out["suppressed"].tolist() == [True, True, False]  # B hidden too: A = total - B - C otherwise


def test_xlsx_export_reads_like_csv(tmp_path):
    """A keyed-paper workbook (a named sheet) gives the same respondents and answers as the CSV it came from."""
    from evidence.consultation.responses import read_responses
    from evidence.consultation.settings import Question, Source
    from evidence.problems import Problems

    frame = pd.DataFrame({"Ref": ["P1", "P2"], "Post code": ["de1 2ab", None], "Q": ["Agree", "Disagree"],
                          "Open": ["More <b>buses</b> please", "Fix the road; 100% agree"]})
    frame.to_csv(tmp_path / "r.csv", index=False)
    frame.to_excel(tmp_path / "r.xlsx", sheet_name="Keyed", index=False)
    questions = (Question("q1", "Q", "single", "Q", ("Agree",)), Question("q2", "Open", "open", "Open"))
    columns = {"id": "Ref", "postcode": "Post code"}
    got = []
    for path, sheet in ((tmp_path / "r.csv", None), (tmp_path / "r.xlsx", "Keyed")):
        problems = Problems()
        got.append(read_responses((Source(path, sheet, columns),), questions, problems))
        assert not problems.errors, problems.report()
    assert got[0].answers.equals(got[1].answers)
    assert got[0].respondents.drop(columns="source").equals(got[1].respondents.drop(columns="source"))
    assert got[0].answers["answer"].tolist()[-2] == "More <b>buses</b> please"  # kept as text
    assert got[0].respondents["postcode"].iloc[0] == "de1 2ab" and pd.isna(got[0].respondents["postcode"].iloc[1])


def test_suggested_themes_find_the_campaign(demo):
    from evidence.consultation import analyse_project

    from evidence.consultation import suggest_themes

    analysis = analyse_project(demo)
    open_ = analysis.consultation.answers
    texts = open_[open_["question"] == "q3"].set_index("response_id")["answer"]
    found = suggest_themes(texts, 6)
    assert any("library" in w.split(";") for w in found["words"])


def test_profile_cells_protected_together():
    """Who responded: a small age group is hidden, and so is the next smallest (else total minus the rest)."""
    from evidence.consultation.analysis import analyse_consultation
    from evidence.consultation.reader import read_settings_and_files
    from evidence.known import KnownNames
    from evidence.problems import Problems
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    ages = ["16-24"] * 3 + ["25-64"] * 40 + ["65+"] * 20
    rows = "\n".join(f"R{i},{a},I think the buses are too few" for i, a in enumerate(ages))
    (folder / "r.csv").write_text("id,age,q\n" + rows + "\n", encoding="utf-8")
    (folder / "frame.csv").write_text("theme,name,keywords\nbuses,Buses,bus;buses\n", encoding="utf-8")
    (folder / "pop.csv").write_text("group,category,residents\nage,16-24,100\nage,25-64,500\nage,65+,200\n",
                                    encoding="utf-8")
    (folder / "c.yml").write_text("responses: [{path: r.csv, columns: {id: id, age: age}}]\n"
                                  "questions: [{id: q, column: q, type: open}]\nframe: frame.csv\n"
                                  "population: pop.csv\n", encoding="utf-8")
    problems = Problems(folder)
    consultation = read_settings_and_files(folder / "c.yml", KnownNames(), problems)
    assert not problems.errors, problems.report()
    profile = analyse_consultation(consultation, min_count=5).profile.set_index("category")
    assert profile.loc["16-24", "suppressed"] and profile.loc["65+", "suppressed"]
    assert not profile.loc["25-64", "suppressed"] and profile.loc["25-64", "respondents"] == 40


def test_benchmark_runs_small_and_prints_its_figures(capsys, monkeypatch):
    """``benchmarks/consultation.py`` end to end on 300 responses: every step timed, the figures printed."""
    import runpy
    import sys
    from pathlib import Path

    script = Path(__file__).parent.parent / "benchmarks" / "consultation.py"
    monkeypatch.setattr(sys, "argv", [str(script), "--responses", "300", "--codes", "200"])
    runpy.run_path(str(script), run_name="__main__")
    printed = capsys.readouterr().out
    assert "responses 300, open answers 900" in printed
    for step in ("read and check", "analyse", "page sections", "outputs", "end to end"):
        assert re.search(rf"{step} \d+\.\d s", printed), step
    assert re.search(r"campaigns \d+ \(largest [\d,]+\)", printed) and "16 files" in printed
