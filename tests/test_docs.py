"""The generated rule reference must match the rules."""

from __future__ import annotations

from pathlib import Path

from replylint import Linter
from replylint.reference import rules_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_rule_reference_is_up_to_date():
    expected = rules_markdown(Linter(preview=True, entry_points=False).rules)
    current = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `replylint rules --format markdown > docs/rules.md`"
