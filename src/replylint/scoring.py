"""From findings to trait scores, an overall score and a verdict.

The formula (docs/scoring.md) is part of the contract, so audits compare
across versions:

- a finding's penalty is its weight (error 50, warning 20, info 0) times its
  confidence; warnings are divided by the length factor max(1, words / 150),
  so a long e-mail is not judged like a tweet for the same slip;
- a trait's score is 100 minus its penalties, floored at 0;
- the overall score is 100 times the product of the trait scores / 100, so
  one error anywhere halves it and a clean reply scores 100.
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import VerdictPolicy
from .findings import Finding, Severity
from .traits import DISPLAY_ORDER

WEIGHTS = {Severity.ERROR: 50.0, Severity.WARNING: 20.0, Severity.INFO: 0.0}
WORDS_PER_UNIT = 150


def length_factor(words: int) -> float:
    return max(1.0, words / WORDS_PER_UNIT)


def trait_scores(findings: Iterable[Finding], words: int) -> dict[str, int]:
    penalty = {t: 0.0 for t in DISPLAY_ORDER}
    factor = length_factor(words)
    for f in findings:
        p = WEIGHTS[f.severity] * f.confidence
        if f.severity is Severity.WARNING:
            p /= factor
        penalty[f.trait] = penalty.get(f.trait, 0.0) + p
    return {t: max(0, round(100 - p)) for t, p in penalty.items()}


def overall_score(traits: dict[str, int]) -> int:
    product = 1.0
    for score in traits.values():
        product *= score / 100
    return round(100 * product)


_RANK = {"error": 2, "warning": 1, "info": 0}


def verdict(findings: Iterable[Finding], score: int, policy: VerdictPolicy) -> str:
    worst = max((f.severity.rank for f in findings), default=-1)
    if (policy.block_on != "never" and worst >= _RANK[policy.block_on]) or score < policy.block_below:
        return "block"
    if (policy.warn_on != "never" and worst >= _RANK[policy.warn_on]) or score < policy.warn_below:
        return "warn"
    return "pass"
