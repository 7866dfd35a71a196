"""The strategy document end to end: `run_strategy` on the demo project, its Word files, its pages.

The notebook runs for real once per module; the Word documents are reopened with
python-docx (a heading per theme and per outcome, the version label on the first page, a
contents field, the template's action-plan columns); what changed, the key issue and the
overdue milestones are checked against exactly what the demo plants; the pages pass
Chromium and axe; a second run gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import re

import docx
import pytest
from browser import page_checker  # noqa: F401  (page_checker is a fixture)

from evidence.demo.strategy import PLANTED_CHANGES, PREVIOUS_FILE
from evidence.outcomes.layout import AFTER_TARGETS, BEFORE_TARGETS
from evidence.outcomes.reader import read_framework
from evidence.outcomes.review import key_issue_gaps, overdue_milestones, target_set_status
from evidence.strategy.changes import framework_changes
from evidence.strategy.content import NO_PROOFING, NO_TIMETABLE, NOT_ANALYSED, strategy_content
from evidence.strategy.markdown import to_html
from evidence.strategy.page import build_strategy_page
from evidence.strategy.reader import read_strategy
from evidence.strategy.run import run_strategy

VERSION = "Consultation draft 0.3"


@pytest.fixture(scope="module")
def ran(demo_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("strategy") / "areaprofiles"
    return run_strategy(demo_project, output=out, progress=False), out


@pytest.fixture(scope="module")
def frameworks(demo_project):
    new, problems = read_framework(demo_project / "outcomes.yml")
    old, more = read_framework(demo_project / PREVIOUS_FILE)
    assert not problems.errors and not more.errors
    return old, new


def _words(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_run_writes_every_output(ran):
    result, out = ran
    names = [p.resolve().relative_to(out.resolve()).as_posix() for p in result.outputs]
    assert names == ["strategy/strategy.docx", "strategy/strategy_summary.docx", "strategy_summary.html",
                     "strategy.html"]
    assert (out / "accessibility.html").is_file()
    assert 'href="accessibility.html">Accessibility statement' in result.page.read_text(encoding="utf-8")


def test_docx_has_a_heading_per_theme_and_outcome_and_the_template_columns(ran, demo, frameworks):
    _, out = ran
    document = docx.Document(str(out / "strategy" / "strategy.docx"))
    headings = {p.style.name: [] for p in document.paragraphs}
    for p in document.paragraphs:
        headings[p.style.name].append(p.text)
    assert [t.name for t in demo.config.themes] == headings["Heading 1"][1:1 + len(demo.config.themes)]
    outcome_ids = [o.id for o in frameworks[1].outcomes]
    assert sorted(h.split(":")[0] for h in headings["Heading 2"] if h.startswith("Outcome ")) == \
        sorted(f"Outcome {i}" for i in outcome_ids)  # in the themes' order
    first_page = [p.text for p in document.paragraphs[:4]]
    assert first_page[0].startswith("Demoshire Sustainable Community Strategy") and VERSION in first_page
    assert document.paragraphs[1].style.name == "Subtitle"
    assert "<w:fldSimple" in document.element.xml and "TOC \\o" in document.element.xml  # the contents list
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    template = [h for h in headers if h[:3] == list(BEFORE_TARGETS)]
    assert template and all(h[-len(AFTER_TARGETS):] == list(AFTER_TARGETS) for h in template)
    summary = docx.Document(str(out / "strategy" / "strategy_summary.docx"))
    assert VERSION in [p.text for p in summary.paragraphs[:3]] and len(summary.paragraphs) < 60


def test_changes_are_exactly_the_planted_ones(frameworks):
    changes = framework_changes(*frameworks)
    assert sorted(zip(changes["kind"], changes["id"])) == sorted(PLANTED_CHANGES)
    row = changes.set_index("id").loc["2.1 action a measure 2"]
    assert "share 0.1" in row["old"] and "share 0.25" in row["new"]
    assert framework_changes(None, frameworks[1]).empty


def test_review_checks_name_exactly_what_is_planted(frameworks, demo_project):
    framework = frameworks[1]
    strategy, problems = read_strategy(demo_project / "strategy.yml")
    assert not problems.errors
    assert key_issue_gaps(framework, strategy.key_issue.area)["theme"].tolist() == ["learning"]
    overdue = overdue_milestones(framework)
    assert overdue["milestone"].tolist() == ["Licensing review reported to the board",
                                             "Forums running in all four partnership areas"]
    assert target_set_status(framework)["status"].tolist() == ["expired", "expiring"]


def test_page_says_it_in_words(ran):
    result, _ = ran
    text = _words(result.page.read_text(encoding="utf-8"))
    assert VERSION in text and "Published 16 November 2026" in text
    key = text[text.index("The key issue of the year is"):text.index("Fewer targets The partnership")]
    assert key.endswith("Theme groups with no action for the key issue yet: Learning and Skills Partnership ")
    assert "Over the cap" in text and "5 changes" in text
    assert NO_PROOFING not in text  # the demo's proofing record (proofing.yml) is read by the run
    assert "Outcome 6.2 has not been proofed for rural impact (the whole lens is missing)." in text
    assert "Outcome 5.1 has a negative sustainability impact (environmental) with no mitigation" in text
    assert "You said: Crime and feeling safe in the town centre worries you." in text
    assert "By sex, age, deprivation and ethnic group (the data): Smoking prevalence in adults" in text
    assert "Mixed (ethnic groups) is significantly worse than the whole population" in text  # planted


def test_missing_inputs_are_said_and_the_document_still_builds(demo, demo_project):
    from evidence.outcomes import action_plan

    strategy, _ = read_strategy(demo_project / "strategy.yml")
    content = strategy_content(demo.published_evidence(), strategy, action_plan(demo),
                               proofing={"safer": ["Positive for the town centre's residents."]})
    text = _words("".join(str(s.html) for s in build_strategy_page(content).sections))
    assert NOT_ANALYSED in text and NO_TIMETABLE in text
    assert "The gap analysis finds no figure" in text  # no analysis given
    assert "Positive for the town centre's residents." in text
    assert "The proofing record has no statement for this theme." in text  # the other themes


def test_the_command_says_which_inputs_the_document_lacks(ran, demo_project):
    from dataclasses import replace

    from evidence.config import read_config
    from evidence.strategy.run import missing_input_notes

    assert ran[0].notes == []  # the demo names a consultation, a timetable and a proofing record
    config, _ = read_config(demo_project)
    bare = replace(config, raw={k: v for k, v in config.raw.items() if k not in ("consultation", "proofing")})
    notes = missing_input_notes(bare)
    assert [n.split(" evidence.yml")[0] for n in notes] == [NOT_ANALYSED, NO_PROOFING]
    assert "names no consultation file" in notes[0] and "add 'proofing: proofing.yml'" in notes[1]
    assert missing_input_notes(bare, proofing_given=True) == notes[:1]


def test_markdown_is_escaped_and_kept_to_its_subset():
    out = str(to_html("<script>x</script> **b** [link](http://x)\n\n1. one\n2. two"))
    assert "<script>" not in out and "&lt;script&gt;" in out and "<strong>b</strong>" in out
    assert "<a " not in out and "<ol><li>one</li><li>two</li></ol>" in out


def test_pages_are_clean_in_a_real_browser(ran, page_checker):  # noqa: F811
    result, out = ran
    for path in (result.page, out / "strategy_summary.html", out / "accessibility.html"):
        report = page_checker(path, path.stem)
        assert report.problems() == [], path.name
        assert report.overflow_320 == 0, path.name


def test_a_second_run_gives_identical_bytes(ran, demo_project):
    result, out = ran

    def digests():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in result.outputs}

    before = digests()
    again = run_strategy(demo_project, output=out, progress=False, force=True)
    assert again.batch.successes and digests() == before


def test_next_steps_come_from_the_timetable_on_the_publication_date(ran):
    result, _ = ran
    text = _words(result.page.read_text(encoding="utf-8"))
    assert "Next steps The timetable on 16 November 2026: Stages 3 and 5 of 9 in progress" in text


def test_every_kind_of_change_with_old_and_new_values():
    import datetime as dt

    from evidence.outcomes.framework import Framework, Measure, Outcome

    def fw(*outcomes):
        return Framework("Plan", dt.date(2025, 1, 1), outcomes)

    old = fw(Outcome("1", "A", "safer", measures=(Measure("m1", "1", "crime"), Measure("m2", "1", "asb"))),
             Outcome("2", "B", "healthy", measures=(Measure("m3", "2", "smoking", target_method="hold"),)))
    new = fw(Outcome("1", "A", "thriving", measures=(Measure("m1", "1", "crime", area="NP01"),)),
             Outcome("2", "B", "healthy", measures=(Measure("m3", "2", "smoking", target_method="reach_comparator",
                                                           target_params={"by": 2027}),)))
    rows = framework_changes(old, new)[["kind", "id", "old", "new"]].values.tolist()
    assert rows == [["outcome moved", "1", "safer", "thriving"],
                    ["measure re-measured", "m1", "crime", "crime in NP01"],
                    ["measure removed", "m2", "asb", ""],
                    ["measure re-targeted", "m3", "hold", "reach_comparator (by 2027)"]]


def test_the_plan_page_review_names_the_key_issue_gaps_and_the_cap(demo):
    """Where the LSP monitors: the plan page's review repeats the strategy's two checks."""
    from evidence.outcomes import action_plan
    from evidence.outcomes.report import build_plan_report

    published = demo.published_evidence()
    plan = action_plan(published)
    text = _words(str(build_plan_report(published, plan).section("review").html))
    key = text[text.index("Key issue of the year"):text.index("Fewer targets")]
    assert key.endswith("Theme groups with no action for the key issue yet: Learning and Skills Partnership ")
    assert "over the cap: fewer targets are asked for." in text
    process = plan.smart[plan.smart["lacks"] == "outcome measure"]  # "try to avoid process measures"
    assert len(process) and process["message"].str.contains("only by process counts").all()


def test_each_theme_says_what_changed_in_it_and_no_clock_leaks(ran, frameworks):
    """What changed feeds 'you said, we did'; every date (docx core properties too) is the strategy's."""
    import datetime as dt

    result, out = ran
    text = _words(result.page.read_text(encoding="utf-8"))
    changes = framework_changes(*frameworks)
    assert len(changes)
    for theme, rows in changes.groupby("theme"):
        for line in rows["text"]:
            assert line in text
    assert text.count("What we changed since the last version") == changes["theme"].nunique()
    for name in ("strategy.docx", "strategy_summary.docx"):
        document = docx.Document(str(out / "strategy" / name))
        props = document.core_properties
        when = {d.replace(tzinfo=None) for d in (props.created, props.modified, props.last_printed)}
        assert when == {dt.datetime(2026, 11, 16)}, name  # the strategy's date, not the clock
        if name == "strategy.docx":
            words = " ".join(p.text for p in document.paragraphs)
            assert all(line in words for line in changes["text"])
    summary = (out / "strategy_summary.html").read_text(encoding="utf-8")
    assert "@media print" in summary and "Published 16 November 2026" in _words(summary)


def test_the_plan_page_is_stale_when_the_strategy_or_proofing_files_change(demo):
    """The plan page shows the strategy's key issue and cap and the proofing record: they are in its fingerprint."""
    from evidence.outcomes.run import PLAN

    names = {p.name for p in PLAN.files(demo.config)}
    assert {"outcomes.yml", "strategy.yml"} <= names
    assert {str(demo.config.raw[k]).split("/")[-1] for k in ("proofing", "national_outcomes")
            if demo.config.raw.get(k)} <= names
