"""Run every rule's own examples: the built-ins' tests, and a team pack's.

`replylint test-rules` calls this so a support lead who writes a TOML pack
can prove it before shipping it; the test suite calls the same function.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache

from .engine import Linter
from .fixes import apply_edits
from .rule import Example, Rule


@lru_cache(maxsize=256)
def _isolated(rule_id: str, settings_json: str, base_json: str) -> Linter:
    base = json.loads(base_json)
    extra = json.loads(settings_json)
    return Linter(**{**base, **extra, "select": [rule_id], "ignore": [], "preview": True})


def check_example(rule: Rule, example: Example, bad: bool, base: dict | None = None) -> str | None:
    """None when the example behaves, else what went wrong."""
    base = {k: v for k, v in (base or {}).items() if k == "packs"}
    linter = _isolated(rule.id, json.dumps(example.settings or {}, sort_keys=True), json.dumps(base, sort_keys=True))
    report = linter.check(example.text, example.context)
    mine = [f for f in report.findings if f.rule == rule.id]
    if not bad:
        if mine:
            return f"flagged {[f.passage for f in mine]!r} in a good example {example.text!r}"
        return None
    passages = [f.passage for f in mine]
    if example.flagged not in passages:
        return f"expected {example.flagged!r} flagged in {example.text!r}, got {passages!r}"
    if example.fixed is not None:
        finding = next(f for f in mine if f.passage == example.flagged)
        if not finding.suggestions:
            return f"expected a rewrite for {example.text!r}, got none"
        fixed = apply_edits(example.text, finding.suggestions[0].edits)
        if fixed != example.fixed:
            return f"rewrite of {example.text!r} gave {fixed!r}, expected {example.fixed!r}"
    return None


def run_examples(linter: Linter) -> Iterator[tuple[Rule, str]]:
    """Yield (rule, problem) for every example of every loaded rule that misbehaves."""
    base = {"packs": linter.settings.packs}
    for rule in linter.active:
        for ex in rule.bad:
            problem = check_example(rule, ex, True, base)
            if problem:
                yield rule, problem
        for ex in rule.good:
            problem = check_example(rule, ex, False, base)
            if problem:
                yield rule, problem
