"""The speller's word-level decisions: which forms are words, and which corrections context picks."""

import pytest

from replylint import Linter
from replylint.spelling import speller


@pytest.mark.parametrize("word", ["settings", "boxes", "goes", "stopped", "tried", "synced", "using"])
def test_regular_inflections_are_words(word):
    assert speller().known(word)


@pytest.mark.parametrize("word", ["monthes", "updateded", "geting", "tryed", "annd"])
def test_inflections_that_break_the_spelling_rules_are_not(word):
    assert not speller().known(word)


def test_two_slips_away_needs_an_everyday_word_that_fits_both_sides():
    sp = speller()
    fix = sp.suggest("uoy", "did", "try")
    assert fix is not None and fix.word == "you" and fix.in_context
    # With no neighbours to vouch for it, "you" is not offered from two edits away.
    alone = sp.suggest("uoy")
    assert alone is None or alone.word != "you"


def _lit005(text):
    return [text[f.start:f.end] for f in Linter(select=["LIT005"]).check(text).findings if f.severity.value != "info"]


def test_a_letter_typed_three_times_is_a_typo_but_stretching_is_style():
    assert _lit005("Please include the email addresss on your account.") == ["addresss"]
    assert _lit005("Yesss, sooo glad it works now! Goood news all round.") == []


def test_vowel_less_shorthand_is_a_typo_only_when_both_neighbours_confirm():
    assert _lit005("Please snd us a photo of the receipt.") == ["snd"]
    assert _lit005("Your pmt went through and the acct is active.") == []


def test_a_dash_ends_the_greeting_so_typos_after_it_are_checked():
    assert _lit005("Hey there – you cna filter the results by date.") == ["cna"]
