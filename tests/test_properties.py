"""Properties that hold for any input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint import Linter
from replylint.fixes import apply_edits, chosen_edits

LINTER = Linter()

# Replies built from fragments that trigger rules, glued with arbitrary unicode.
FRAGMENTS = st.sampled_from([
    "Kindly ", "please be advised that ", "in order to ", "Dear Customer, ", "{{first_name}} ", "the the ",
    "dont ", "!!", "?? ", "i ", "&gt; ", "&amp;", "<p>", "</p>", "@jo ", "https://staging.acme.com/x ",
    "\n\n", "\n> quoted\n", "Thanks-Mich", " ^JS", "🎉", "é", "\u200b", "We apologize for any inconvenience. ",
    "Cheers mate", "as I already told you ", "I hope this email finds you well. ", "2/2",
])
REPLIES = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=14).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=300))
def test_any_unicode_gives_a_report(text):
    report = LINTER.check(text)
    assert report.verdict in {"pass", "warn", "block"}
    assert 0 <= report.score <= 100


@SETTINGS
@given(REPLIES)
def test_findings_lie_inside_the_text(text):
    report = LINTER.check(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.passage
        for s in f.suggestions:
            for e in s.edits:
                assert 0 <= e.start <= e.end <= len(text)


@SETTINGS
@given(REPLIES)
def test_applied_edits_never_overlap(text):
    report = LINTER.check(text)
    edits = sorted(chosen_edits(report.findings, unsafe=True), key=lambda e: (e.start, e.end))
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start


@SETTINGS
@given(REPLIES)
def test_fix_is_idempotent(text):
    once = LINTER.fix(text)
    assert LINTER.fix(once) == once


@SETTINGS
@given(REPLIES)
def test_safe_rewrite_applied_twice_changes_nothing_more(text):
    fixed = LINTER.fix(text)
    report = LINTER.check(fixed)
    assert apply_edits(fixed, chosen_edits(report.findings)) == fixed
