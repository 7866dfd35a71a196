"""Docs that cannot rot: every setting the code reads is documented, the API is pinned."""

from __future__ import annotations

from pathlib import Path

import evidence
from evidence.config import FIELDS

DOCS = Path(__file__).parent.parent / "docs"


def test_every_setting_is_documented():
    text = (DOCS / "project-format.md").read_text()
    missing = [field for field in FIELDS if f"`{field}`" not in text]
    assert not missing, f"Settings read by the code but not documented in docs/project-format.md: {missing}"


def test_every_documented_setting_is_read():
    import re
    text = (DOCS / "project-format.md").read_text()
    table = text.split("### Fields", 1)[1].split("## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_.*]+)` \|", table, flags=re.M))
    assert documented <= set(FIELDS), f"Documented but not read: {sorted(documented - set(FIELDS))}"


def test_public_api_is_sorted_and_importable():
    assert list(evidence.__all__) == sorted(evidence.__all__)
    for name in evidence.__all__:
        assert hasattr(evidence, name), name
