"""Every example of every rule is a test (as LanguageTool's rule examples are)."""

from __future__ import annotations

import functools

import pytest

from replylint import Linter
from replylint.fixes import apply_edits
from replylint.rule import MIN_EXAMPLES

ALL_RULES = Linter(preview=True).rules


@functools.lru_cache(maxsize=None)
def _single(rule_id: str, settings_key: str) -> Linter:
    import json

    extra = json.loads(settings_key)
    return Linter(select=[rule_id], preview=True, **extra)


def _linter_for(rule_id: str, settings: dict | None) -> Linter:
    import json

    return _single(rule_id, json.dumps(settings or {}, sort_keys=True))


BAD = [pytest.param(r, ex, id=f"{r.id}-bad{i}") for r in ALL_RULES for i, ex in enumerate(r.bad)]
GOOD = [pytest.param(r, ex, id=f"{r.id}-good{i}") for r in ALL_RULES for i, ex in enumerate(r.good)]


@pytest.mark.parametrize(("rule", "example"), BAD)
def test_bad_example_is_flagged(rule, example):
    report = _linter_for(rule.id, example.settings).check(example.text, example.context)
    mine = [f for f in report.findings if f.rule == rule.id]
    passages = [f.passage for f in mine]
    assert example.flagged in passages, f"{rule.id} flagged {passages!r}, expected {example.flagged!r}"
    if example.fixed is not None:
        finding = next(f for f in mine if f.passage == example.flagged)
        assert finding.suggestions, f"{rule.id} offered no rewrite"
        fixed = apply_edits(example.text, finding.suggestions[0].edits)
        assert fixed == example.fixed


@pytest.mark.parametrize(("rule", "example"), GOOD)
def test_good_example_is_silent(rule, example):
    report = _linter_for(rule.id, example.settings).check(example.text, example.context)
    mine = [f.passage for f in report.findings if f.rule == rule.id]
    assert mine == [], f"{rule.id} wrongly flagged {mine!r} in {example.text!r}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_rule_has_enough_examples(rule):
    assert len(rule.bad) >= MIN_EXAMPLES and len(rule.good) >= MIN_EXAMPLES
