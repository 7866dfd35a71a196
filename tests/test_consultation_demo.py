"""The demo's consultation: the planted findings land where planted; nothing published leaks."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest

from evidence.consultation import analyse_project
from evidence.consultation.exports import (published_tables, write_coded_csv, write_review_csv, write_summary_docx,
                                           write_workbook)
from evidence.consultation.redact import PATTERNS, has_personal_data
from evidence.consultation.report import build_consultation_report

NAMES = ["Councillor Jane Smithson", "Jane Smithson", "Dave Pritchard"]


@pytest.fixture(scope="module")
def analysis(demo):
    return analyse_project(demo)


def _voice(analysis, area="all"):
    v = analysis.voice[analysis.voice["area_code"] == area]
    return dict(zip(v["theme"], v["finding"]))


def test_voice_and_evidence_planted(analysis):
    whole = _voice(analysis)
    assert whole["crime"] == "both" and whole["buses"] == "both" and whole["roads"] == "both"
    assert whole["litter"] == "residents only"  # raised everywhere, no indicator
    assert whole["child_health"] == "evidence only"  # the need people rarely raise
    assert _voice(analysis, "NP01")["crime"] == "both"  # the deprived town centre


def test_campaign_found_and_counted(analysis):
    camp = analysis.campaigns
    big = camp.iloc[0]
    assert big["size"] == 320 and big["question"] == "q3" and len(camp) == 1  # the planted one, and only it
    members = analysis.campaign_members[analysis.campaign_members["campaign"] == big["campaign"]]
    assert members["similarity"].min() >= 0.7  # every member near the seed: no chaining
    library = analysis.themes[(analysis.themes["question"] == "q3") & (analysis.themes["theme"] == "library")]
    assert library["count"].iloc[0] >= big["size"]  # every submission counted


def test_under_represented_young_people(analysis):
    young = analysis.profile[(analysis.profile["group"] == "age") & (analysis.profile["category"] == "16-24")].iloc[0]
    assert young["respondent_share"] < 0.05 and young["resident_share"] == pytest.approx(0.12)
    assert "16-24 are 3% of respondents and 12% of residents" in young["sentence"]
    assert 0 < analysis.effective_n < 1500


def test_organisations_languages_codes(analysis):
    orgs = analysis.organisations
    assert len(orgs) == 24 and orgs["words"].max() > 1000
    assert len(analysis.coding.other_language) == 6
    foreign = set(analysis.coding.other_language["response_id"])
    assert not set(analysis.coding.coded["response_id"]) & foreign  # flagged, never coded automatically
    assert 50 <= analysis.agreement["items"].iloc[0] <= 70  # answers a coder found no theme in leave no row
    quality = analysis.coding.quality.set_index("theme")
    assert quality["used"].any() and not quality["used"].all()
    assert quality.loc["child_health", "why"].startswith("too few codes")


def test_provenance_precedence(analysis):
    coded = analysis.coding.coded
    human = set(analysis.consultation.codes["response_id"])
    assert set(coded.loc[coded["response_id"].isin(human) & (coded["question"] == "q3"), "source"]) == {"human"}
    assert {"human", "rule"} <= set(coded["source"])


def _published_text(analysis, tmp_path) -> dict[str, str]:
    html = build_consultation_report(analysis)._repr_html_()
    xlsx, docx = write_workbook(analysis, tmp_path / "c.xlsx"), write_summary_docx(analysis, tmp_path / "c.docx")
    out = {"html": html}
    for path in (xlsx, docx):
        with zipfile.ZipFile(path) as z:
            out[path.name] = " ".join(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8")) for n in z.namelist()
                                      if n.endswith(".xml"))
    for name, frame in published_tables(analysis).items():
        out[name] = frame.to_csv(index=False)
    return out


def test_no_personal_data_published(analysis, tmp_path):
    raw = " ".join(analysis.consultation.answers["answer"].astype(str))
    assert PATTERNS["email"].search(raw) and "Dave Pritchard" in raw  # the demo does plant them
    for name, text in _published_text(analysis, tmp_path).items():
        for kind in ("email", "phone", "handle"):
            assert not PATTERNS[kind].search(text), (name, kind, PATTERNS[kind].search(text))
        assert not any(n.lower() in text.lower() for n in NAMES), name
        assert "example.com" not in text and "savedemoshire" not in text
    assert not any(has_personal_data(q, NAMES) for q in analysis.quotes["quote"])


def test_no_published_cell_below_min_count(analysis):
    for name, frame in published_tables(analysis).items():
        for column in ("count", "respondents"):
            if column in frame.columns:
                shown = pd.to_numeric(frame[column], errors="coerce").dropna()
                assert (shown >= analysis.min_count).all(), (name, column)


def test_script_in_answers_is_text(analysis):
    raw = analysis.consultation.answers["answer"].astype(str)
    assert raw.str.contains("<script>").any()
    html = build_consultation_report(analysis)._repr_html_()
    assert "<script" not in html and "<img" not in html


def test_two_runs_identical_bytes(analysis, demo, tmp_path):
    second = analyse_project(demo)
    for writer, name in ((write_workbook, "c.xlsx"), (write_summary_docx, "c.docx"), (write_coded_csv, "coded.csv"),
                         (write_review_csv, "review.csv")):
        one, two = writer(analysis, tmp_path / "1" / name), writer(second, tmp_path / "2" / name)
        assert one.read_bytes() == two.read_bytes(), name
    assert build_consultation_report(analysis)._repr_html_() == build_consultation_report(second)._repr_html_()


def test_review_csv_defuses_formulas(analysis, tmp_path):
    path = write_review_csv(analysis, tmp_path / "review.csv")
    frame = pd.read_csv(io.StringIO(path.read_text(encoding="utf-8")), dtype=str, keep_default_na=False)
    assert not frame["answer"].str.match(r"^[=+\-@]").any()
    assert "written in another language" in " ".join(frame["reason"])


def test_campaign_text_coded_once(analysis):
    members = analysis.campaign_members
    coded = analysis.coding.coded
    camp = coded[coded["campaign"].notna()]
    per_member = camp.groupby("response_id")["theme"].agg(lambda s: tuple(sorted(s)))
    own = set(analysis.consultation.codes["response_id"])
    shared = per_member[~per_member.index.isin(own)]
    assert shared.nunique() == 1 and len(shared) >= len(members) - len(own & set(members["response_id"]))
    queued = analysis.coding.review
    assert queued["campaign"].notna().sum() <= len(analysis.campaigns)  # a campaign is reviewed once at most


def test_page_says_why_a_model_was_not_used(analysis):
    html = str(build_consultation_report(analysis).section("method").html)
    assert "coded by rule or by hand only" in html and "kappa" in html


def test_quotes_one_per_respondent_and_attributed_by_publishable_group(analysis):
    quotes = analysis.quotes
    assert quotes.groupby("theme").size().max() <= 3
    assert set(quotes["attribution"]) <= {"Resident", "A respondent", "Business",
                                          "Voluntary or community organisation"}
    assert quotes["quote"].str.len().max() <= analysis.consultation.settings.analysis["quote_length"] + 1
    library = quotes[quotes["theme"] == "library"]
    assert library["quote"].str.contains("Central Library").sum() <= 1  # the campaign quoted once


def test_voice_weight_for_priorities(analysis):
    from evidence.consultation.voice import voice_weight

    weights = voice_weight(analysis.voice, analysis.consultation.frame)
    crime = weights[(weights["indicator_id"] == "safer_violent_crime") & (weights["area_code"] == "NP01")]
    assert crime["voice"].iloc[0] > 0.3


def test_script_in_a_quote_is_escaped(analysis):
    import dataclasses

    quotes = analysis.quotes.copy()
    quotes.loc[quotes.index[0], "quote"] = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
    html = build_consultation_report(dataclasses.replace(analysis, quotes=quotes))._repr_html_()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img" in html
    assert "<script" not in html and "<img" not in html


def test_voice_for_the_priority_score_by_area(demo):
    from evidence.consultation.project import voice_for_priorities

    rows = pd.DataFrame({"area_code": ["NP01", "E05999001", "E07999001", "NP01"],
                         "indicator_id": ["safer_violent_crime", "safer_violent_crime", "safer_violent_crime",
                                          "no_such_indicator"]})
    voice = voice_for_priorities(demo, rows)
    assert voice.iloc[0] > 0.3 and voice.iloc[1] == voice.iloc[0]  # a ward takes its neighbourhood's share
    assert 0 < voice.iloc[2] < voice.iloc[0]  # the district: all respondents, fewer of whom raise crime
    assert voice.iloc[3] == 0.0


def test_workbook_has_a_notes_sheet_then_one_table_per_sheet(analysis, tmp_path):
    from openpyxl import load_workbook

    tables = published_tables(analysis)
    book = load_workbook(write_workbook(analysis, tmp_path / "c.xlsx"))
    assert book.sheetnames == ["Notes", *[name[:31] for name in tables]]
    notes = [row[0] for row in book["Notes"].iter_rows(values_only=True)]
    assert notes[0] == analysis.consultation.settings.title and list(analysis.summary) == notes[1:-1]
    assert notes[-1] == f"Counts below {analysis.min_count} are blank (disclosure control)."
    for name, frame in tables.items():
        rows = list(book[name[:31]].iter_rows(values_only=True))
        assert list(rows[0]) == [str(c) for c in frame.columns] and len(rows) == len(frame) + 1, name


def test_word_summary_of_findings_for_the_board(analysis, tmp_path):
    import docx

    document = docx.Document(str(write_summary_docx(analysis, tmp_path / "c.docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [analysis.consultation.settings.title, "Summary of findings",
                        "What people said against what the evidence shows", "What people said"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == list(analysis.summary)
    findings = {row.cells[0].text: row.cells[2].text for row in document.tables[0].rows[1:]}
    assert findings["Litter and fly-tipping"] == "residents only" and findings["Children's health"] == "evidence only"
    assert len([p for p in document.paragraphs if "”" in p.text]) == len(analysis.quotes)
    last = max(d for d in analysis.consultation.respondents["submitted"] if isinstance(d, str))
    assert document.core_properties.created.date().isoformat() == last  # dated by the responses, not the clock


def test_analysis_and_tables_display_escaped_in_a_notebook(analysis):
    import dataclasses

    from evidence.consultation import ConsultationTables

    shown = dataclasses.replace(analysis, summary=("<b>bold</b> & <script>x()</script>",))._repr_html_()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in shown and "<script" not in shown
    tables = ConsultationTables("<i>T</i>", 5, ("s",), {"Themes": pd.DataFrame({"theme": ["<img src=x>"]})})
    html = tables._repr_html_()
    assert "&lt;i&gt;T&lt;/i&gt;" in html and "&lt;img src=x&gt;" in html and "<img" not in html
    assert "ConsultationTables" in repr(tables) and "Themes" in repr(tables)
