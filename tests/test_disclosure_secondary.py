"""Secondary suppression: no hidden count can be worked out by subtraction.

Small fixtures with known answers, a Hypothesis property over random hierarchies, and
the demo borough (LSOAs in wards in a district, plus custom neighbourhoods), where every
report takes its figures from ``EvidenceBase.published``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.disclosure import containment, protect_differences, suppress
from evidence.errors import DataError


def frame(counts: dict[str, float | None], indicator: str = "x", period: str = "2020") -> pd.DataFrame:
    return pd.DataFrame({"area_code": list(counts), "indicator_id": indicator, "period": period,
                         "numerator": [float("nan") if c is None else c for c in counts.values()],
                         "value": 1.0, "lower": 0.5, "upper": 1.5})


LINKS = pd.DataFrame({"total": ["W"] * 3, "part": ["L1", "L2", "L3"]})


def hidden(out: pd.DataFrame) -> set[str]:
    return set(out.loc[out["suppressed"], "area_code"])


def test_lone_hidden_part_takes_the_smallest_shown_part_with_it():
    out = protect_differences(suppress(frame({"W": 40, "L1": 2, "L2": 30, "L3": 8})), LINKS)
    assert hidden(out) == {"L1", "L3"}  # 40 - 30 - 8 would give L1's 2 away
    assert out.loc[out["area_code"] == "L3", ["numerator", "value", "upper"]].isna().all(axis=None)
    assert out["secondary_suppressed"].tolist() == [False, False, False, True]


def test_nothing_more_is_hidden_when_subtraction_cannot_reveal_a_count():
    # Two parts already hidden; a hidden total; a part with no count at all.
    assert hidden(protect_differences(suppress(frame({"W": 40, "L1": 2, "L2": 3, "L3": 35})), LINKS)) == {"L1", "L2"}
    assert hidden(protect_differences(suppress(frame({"W": 4, "L1": 1, "L2": 1, "L3": 2})), LINKS)) == {
        "W", "L1", "L2", "L3"}
    out = protect_differences(suppress(frame({"W": 40, "L1": 20, "L2": 10, "L3": 10})), LINKS)
    assert not out["suppressed"].any() and not out["secondary_suppressed"].any()


def test_each_indicator_and_period_is_protected_on_its_own():
    values = pd.concat([frame({"W": 40, "L1": 2, "L2": 30, "L3": 8}, period="2020"),
                        frame({"W": 40, "L1": 12, "L2": 20, "L3": 8}, period="2021")], ignore_index=True)
    out = protect_differences(suppress(values), LINKS)
    assert set(zip(out.loc[out["suppressed"], "area_code"], out.loc[out["suppressed"], "period"])) == {
        ("L1", "2020"), ("L3", "2020")}


def test_protection_cascades_up_and_across_levels():
    # Ward W1: L1 is small, so L3 (its smallest other part) goes too. District D: ward W2
    # is small, so W1 (the smallest other ward) goes too; W1 hidden needs nothing more.
    links = pd.DataFrame({"total": ["W1", "W1", "W1", "D", "D", "D"], "part": ["L1", "L2", "L3", "W1", "W2", "W3"]})
    values = suppress(frame({"D": 100, "W1": 30, "W2": 3, "W3": 67, "L1": 2, "L2": 20, "L3": 8}))
    out = protect_differences(values, links)
    assert hidden(out) == {"W2", "W1", "L1", "L3"}


def test_input_is_not_modified_and_cycles_are_refused():
    values = suppress(frame({"W": 40, "L1": 2, "L2": 30, "L3": 8}))
    before = values.copy()
    protect_differences(values, LINKS)
    pd.testing.assert_frame_equal(values, before)
    with pytest.raises(DataError, match="settle"):
        protect_differences(values, LINKS, max_rounds=0)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), n_wards=st.integers(1, 4), min_count=st.integers(2, 6))
def test_no_shown_total_ever_has_exactly_one_hidden_part(data, n_wards, min_count):
    counts, links = {}, []
    for w in range(n_wards):
        parts = data.draw(st.lists(st.one_of(st.none(), st.integers(0, 25)), min_size=1, max_size=5))
        for i, c in enumerate(parts):
            counts[f"L{w}{i}"] = c
            links.append((f"W{w}", f"L{w}{i}"))
        shown = [c for c in parts if c is not None]
        counts[f"W{w}"] = sum(shown) if shown else None
        links.append(("D", f"W{w}"))
    counts["D"] = sum(c for k, c in counts.items() if k.startswith("W") and c is not None)
    link_frame = pd.DataFrame(links, columns=["total", "part"])
    out = protect_differences(suppress(frame(counts), min_count), link_frame)
    by_code = out.set_index("area_code")
    for total, group in link_frame.groupby("total"):
        parts = by_code.loc[group["part"]]
        total_shown = not by_code.loc[total, "suppressed"] and pd.notna(by_code.loc[total, "numerator"])
        n_hidden = int(parts["suppressed"].sum())
        assert not (total_shown and n_hidden == 1 and parts["numerator"].notna().any()), (total, counts)
    # Small counts are always hidden.
    small = frame(counts)["numerator"].between(0, min_count - 1).to_numpy()
    assert out["suppressed"].to_numpy()[small].all()


def test_containment_of_the_demo_lookup_and_custom_areas(demo):
    links = containment(demo.areas, {c.code: c.members for c in demo.config.custom_areas})
    types = demo.areas.set_index("area_code")["area_type"]
    pairs = set(zip(links["total"].map(types), links["part"].map(types)))
    assert ("ward", "lsoa") in pairs and ("district", "ward") in pairs
    assert ("district", "lsoa") not in pairs  # covered by the two steps
    custom = demo.config.custom_areas[0]
    assert set(links.loc[links["total"] == custom.code, "part"]) == set(custom.members)


def test_demo_published_values_resist_differencing(demo):
    published = demo.published()
    assert published is demo.published()  # computed once
    assert published["secondary_suppressed"].any(), "the demo's small counts need secondary suppression"
    links = containment(demo.areas, {c.code: c.members for c in demo.config.custom_areas})
    keyed = published.assign(shown=~published["suppressed"] & published["numerator"].notna())
    parts = keyed.merge(links, left_on="area_code", right_on="part")
    per_total = parts.groupby(["total", "indicator_id", "period"], observed=True).agg(
        n_hidden=("suppressed", "sum"), n_shown=("shown", "sum")).reset_index()
    totals = keyed[["area_code", "indicator_id", "period", "shown"]].rename(columns={"area_code": "total"})
    per_total = per_total.merge(totals, on=["total", "indicator_id", "period"])
    risky = per_total[(per_total["n_hidden"] == 1) & (per_total["n_shown"] > 0) & per_total["shown"]]
    assert risky.empty, risky.head()
