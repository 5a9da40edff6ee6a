"""Rewrites keep sentences well-formed."""

from __future__ import annotations

from replylint.findings import Applicability, Edit, Finding, Severity, Suggestion
from replylint.fixes import apply_edits, at_sentence_start, chosen_edits, deletion_edit, replacement_edit


def _apply(text, edit):
    return apply_edits(text, [edit])


def test_deleting_an_opener_capitalizes_the_next_word():
    text = "Please note that your order shipped."
    assert _apply(text, deletion_edit(text, 0, 16)) == "Your order shipped."


def test_deleting_mid_sentence_leaves_one_space_and_the_punctuation():
    text = "It is basically fixed."
    assert _apply(text, deletion_edit(text, 6, 15)) == "It is fixed."
    text = "That is fixed, basically."
    assert _apply(text, deletion_edit(text, 15, 24)) == "That is fixed."


def test_deleting_a_whole_sentence_after_a_greeting():
    text = "Hi Dana, I hope you are well. We found it."
    start = text.index("I hope")
    assert _apply(text, deletion_edit(text, start, start + len("I hope you are well"))) == "Hi Dana, we found it."


def test_replacement_keeps_case_and_names():
    assert replacement_edit("Kindly wait", 0, 6, "please").replacement == "Please"
    assert replacement_edit("ok kindly wait", 3, 9, "please").replacement == "please"
    assert replacement_edit("see the kb now", 8, 10, "Help Center").replacement == "Help Center"


def test_sentence_start_after_handles():
    assert at_sentence_start("@jo @amy please", 9)
    assert not at_sentence_start("hello, please", 7)


def _finding(start, end, repl, safe=True, rule="X"):
    sugg = Suggestion((Edit(start, end, repl),), Applicability.SAFE if safe else Applicability.UNSAFE, "t")
    return Finding(rule, "concise", Severity.WARNING, start, end, "m", "p", (sugg,), 1.0, f"{rule}{start}")


def test_overlapping_suggestions_are_not_both_applied():
    findings = [_finding(0, 5, "A"), _finding(3, 8, "B"), _finding(10, 12, "C")]
    edits = chosen_edits(findings)
    assert [(e.start, e.end) for e in edits] == [(0, 5), (10, 12)]


def test_unsafe_suggestions_need_opt_in():
    findings = [_finding(0, 5, "A", safe=False)]
    assert chosen_edits(findings) == []
    assert len(chosen_edits(findings, unsafe=True)) == 1
