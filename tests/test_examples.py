"""Every example of every rule is a test (as LanguageTool's rule examples are)."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.rule import MIN_EXAMPLES
from replylint.selftest import check_example

ALL_RULES = Linter(preview=True).rules

BAD = [pytest.param(r, ex, id=f"{r.id}-bad{i}") for r in ALL_RULES for i, ex in enumerate(r.bad)]
GOOD = [pytest.param(r, ex, id=f"{r.id}-good{i}") for r in ALL_RULES for i, ex in enumerate(r.good)]


@pytest.mark.parametrize(("rule", "example"), BAD)
def test_bad_example_is_flagged_with_its_rewrite(rule, example):
    assert check_example(rule, example, bad=True) is None


@pytest.mark.parametrize(("rule", "example"), GOOD)
def test_good_example_is_silent(rule, example):
    assert check_example(rule, example, bad=False) is None


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_rule_has_enough_examples(rule):
    assert len(rule.bad) >= MIN_EXAMPLES and len(rule.good) >= MIN_EXAMPLES


def test_no_rule_raises_on_the_labeled_corpus(linter):
    """A rule that raises is skipped with a notice; on our own corpus none may raise."""
    import json
    from pathlib import Path

    from replylint import Context

    errors = []
    for path in sorted(Path(__file__).parent.parent.glob("corpus/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            context = Context(**{k: v for k, v in row["context"].items() if v is not None})
            report = linter.check(row["text"], context)
            errors += [(row["id"], n.rule) for n in report.notices if n.kind == "rule_error"]
    assert errors == []
