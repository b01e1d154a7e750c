"""docs/analysis.md describes every column of every frame the analysis returns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.core.analytics.test_schema import EXPECTED

DOC = (Path(__file__).resolve().parents[3] / "docs" / "analysis.md").read_text(encoding="utf-8")


def section(name: str) -> str:
    match = re.search(rf"^### `{name}`\n(.*?)(?=^##)", DOC + "\n## end", flags=re.MULTILINE | re.DOTALL)
    assert match, f"docs/analysis.md has no section for {name}"
    return match.group(1)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_column_is_documented(name: str) -> None:
    text = section(name)
    missing = [column for column in EXPECTED[name] if f"`{column}`" not in text]
    assert not missing, f"{name}: {missing}"
