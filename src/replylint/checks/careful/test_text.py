"""CAR002: test and filler text (lorem ipsum, asdf, "testing 123")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...fixes import deletion_edit, suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _PRE_CAR002, _quoted, _sentence

_LOREM = re.compile(r"(?i)\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing\b|\badipiscing elit\b"
                    r"|\bsed do eiusmod\b|\beiusmod tempor\b|\btempor incididunt\b|\bdolore magna aliqua\b")
_LOREM_TOPIC = re.compile(r"(?i)lorem ipsum(?:[,.]?[\"”’']|,?\s+(?:the\s+)?(?:text|copy|placeholder|filler|dummy|sample|blocks?|paragraphs?|is|that|in))"
                         r"|(?:that's|that is|it's|it is|called|the|every|any|is)\s+[\"“‘']?lorem ipsum\b")
_MASH = re.compile(r"(?i)(?<![\w@#./-])(?:asdf(?:gh|jkl)?[;a-z]*|sdfsdf\w*|jkl;|zxcv\w*|qwerty(?:uiop)?)(?![\w@.-])")
_MASH_OK = re.compile(r"(?i)\b(?:keyboards?|layouts?|keys|keypad|typing|type)\b")
_TEST_CHAIN = re.compile(
    r"(?i)\btest(?:ing)?(?:[ ,.!-]+(?:test(?:ing)?|1 ?,? ?2 ?,? ?3|one,? two,? three)\b)+"
    r"|\btest ?123\b"
)
_TEST_SENTENCE = re.compile(
    r"(?i)^(?:\[?(?:this is )?(?:only |just )?(?:a |an )?(?:internal )?test(?:ing)?(?: (?:message|email|e-mail|reply|post|"
    r"tweet|ticket|note|response|macro|send))?\]?|test(?:ing)?,? (?:please )?ignore(?: this)?|"
    r"please ignore(?:,| -| this)? (?:this is )?(?:a |just a )?test(?: message| email)?|ignore this(?: message| email)?)"
    r"(?:\s*[,:\-–—]?\s*(?:please )?(?:ignore|disregard)(?: this| it)?(?: message| email| reply)?)?"
    r"\s*(?:[.!:\-–—]+|$)"
)
# A throwaway message about itself: "Dummy reply from the new inbox, please disregard",
# "Please disregard this one, I'm checking whether the new signature shows up".
_THROWAWAY = re.compile(
    r"(?i)\b(?:dummy|test|testing|throwaway) (?:reply|message|post|tweet|e-?mail)\b[^.!?\n]{0,60}\b(?:disregard|ignore)\b"
    r"|\bplease (?:disregard|ignore) this(?: one| message| e-?mail| reply| tweet)?,? (?:i'm|i am|we're|we are|just) "
    r"(?:checking|testing|trying)\b[^.!?\n]*"
    r"|\b(?:checking|testing) (?:that|whether|if|how)\b[^!?\n]{0,100}?\b(?:disregard|ignore)\b"
    r"|\b(?:real |final )?(?:copy|text|content|answer) goes here\b|\bsample (?:response|reply|copy) for\b"
)
_TEST_BANNER = re.compile(r"\[(?:TEST|TESTING)\]|(?m:^)(?:TEST|TESTING)\b(?=\s*[:\-–—!.]|\s+[A-Z])")


class TestText(Rule):
    id = "CAR002"
    hints = _PRE_CAR002
    english_only = False
    name = "test-text"
    trait = "careful"
    severity = Severity.ERROR
    summary = "Test or filler text: “lorem ipsum”, “asdf”, “testing 123”, “This is a test message.”"
    why = (
        "A test message that reaches a customer shows them our tooling is broken and nobody checked. "
        "Only text that IS a test counts: “run a speed test” or “we're testing a fix” is advice, not a leak."
    )
    message = "This looks like test text (“{passage}”); remove it before sending."
    fix = "unsafe"
    bad = examples(
        {"text": "test test 123", "flagged": "test test 123"},
        {"text": "Hi Marco, lorem ipsum dolor sit amet, your refund is on its way.", "flagged": "lorem ipsum"},
        {"text": "This is a test message.", "flagged": "This is a test message."},
        {"text": "asdf your replacement card is in the mail.", "flagged": "asdf",
         "fixed": "Your replacement card is in the mail."},
        {"text": "THIS IS A TEST MESSAGE. Hi Ahmed, your store's checkout is live now.",
         "flagged": "THIS IS A TEST MESSAGE.", "fixed": "Hi Ahmed, your store's checkout is live now."},
        {"text": "@115712 testing", "flagged": "testing"},
        {"text": "@dwalsh_ Dummy reply from the new inbox, please disregard", "flagged": "Dummy reply from the new inbox, please disregard"},
        {"text": "@amara Sample response for the return flow. Real copy goes here once approved.", "flagged": "Real copy goes here"},
        {"text": "@yusuf Checking that the autopay macro pulls in the account number — please disregard.", "flagged": "Checking that the autopay macro pulls in the account number — please disregard"},
        {"text": "Checking whether replies from the new dashboard post correctly. Please disregard.",
         "flagged": "Checking whether replies from the new dashboard post correctly. Please disregard"},
        {"text": "Your booster is due March 3. Consectetur adipiscing elit, sed do eiusmod tempor.",
         "flagged": "Consectetur adipiscing"},
    )
    good = examples(
        "Could you run a quick speed test and send me the result?",
        "We're testing a fix for the login issue and will update you.",
        "Test the new password in a private window first, please.",
        "Your test drive is booked for Friday at 10am ET.",
        "Place a $1 test order to make sure everything works before you announce it.",
        "The lorem ipsum text on your new site is the theme's placeholder copy; replace it in the page editor.",
        'That Latin-looking text is "lorem ipsum," the sample copy every template comes with.',
        "Switch the keyboard layout back to QWERTY under Settings > Keyboard.",
        "Please disregard the earlier text; it was sent by mistake. Your order is on time.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        found: list[tuple[int, int]] = []
        for m in _LOREM.finditer(text):
            if not _LOREM_TOPIC.search(text, max(0, m.start() - 12), min(len(text), m.end() + 14)) and not _quoted(
                    text, m.start(), m.end()):
                found.append((m.start(), m.end()))
        for m in _MASH.finditer(text):
            if not _MASH_OK.search(_sentence(text, m.start())):
                found.append((m.start(), m.end()))
        for m in _TEST_CHAIN.finditer(text):
            found.append((m.start(), m.end()))
        for m in _TEST_BANNER.finditer(text):
            found.append((m.start(), m.end()))
        for m in _THROWAWAY.finditer(text):
            found.append((m.start(), m.end()))
        # A sentence (or the whole reply, after @handles) that is nothing but "test".
        greetings = analysis.source.regions_of("greeting")
        for sent in analysis.sents:
            s, e = sent.start_char, sent.end_char
            while s < e and (text[s].isspace() or analysis.source.is_masked(s, s + 1)):
                s += 1
            for g in greetings:  # "Hi Ahmed, this is a test."
                if s <= g.start < e and text[g.start:g.end].rstrip().endswith((",", "!", ":")):
                    s = g.end
                    while s < e and text[s].isspace():
                        s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e and _TEST_SENTENCE.match(text[s:e]) and _TEST_SENTENCE.match(text[s:e]).end() == e - s:
                found.append((s, e))
        kept: list[tuple[int, int]] = []
        for s, e in sorted(found, key=lambda p: (p[0], -(p[1] - p[0]))):
            if any(a <= s < b for a, b in kept):
                continue
            kept.append((s, e))
            edit = deletion_edit(text, s, e)
            yield Hit(s, e, message=self.message.format(passage=text[s:e]),
                      suggestions=[suggestion(edit, "Delete the test text", safe=False)])
