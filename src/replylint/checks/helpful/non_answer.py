"""HLP005: a non-answer: only pleasantries and vague talk ("it can vary", "I'm not sure") to a direct question."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples
from ._text import _I, _VAGUE, Sentence, _partial, _sentence_span, customer_asks, kinds, sentences

if TYPE_CHECKING:
    from ...nlp import Analysis


_HOW_TO = re.compile(
    r"\b(?:how (?:do|can|would|should) (?:i|we|you)|how to|where (?:do|can) i|is there (?:a|any) way|can i|could i|do you (?:have|offer|sell|ship|support)|does (?:it|this|the \w+)|is it possible"
    r"|what (?:is|are|'s) the|how (?:long|much|many)|which \w+|when (?:is|are|does|do|will))\b",
    _I,
)


class NonAnswer(Rule):
    id = "HLP005"
    name = "non-answer"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "A reply with no answer in it: only pleasantries and vague talk (“it can vary”, “I'm not sure”, “we'll look into it”) to a direct question."
    why = (
        "The customer asked something; a reply made of thanks, “great question” and “it depends” answers nothing. "
        "Give the answer, or the one thing you need from them to find it."
    )
    message = "This doesn't answer what the customer asked (“{passage}”); give the answer, or say exactly what you'll do next."
    trigger = "vague talk (can vary, depends, not sure, tricky, we'll look into it) and nothing else of substance in the reply"
    confidence = 0.7
    bad = examples(
        {"text": "Good question! Cancellations can be a little tricky. Let me know if you have any other questions.",
         "flagged": "Cancellations can be a little tricky",
         "context": {"customer_message": "If I cancel now, do I lose the days I already paid for?"}},
        {"text": "Hmm, I'm not sure, sorry.", "flagged": "I'm not sure",
         "context": {"customer_message": "Does this charger work with the Pixel 8?"}},
        {"text": "Great question! Transfer times can vary depending on lots of factors.",
         "flagged": "Transfer times can vary depending on lots of factors",
         "context": {"customer_message": "How long does a bank transfer take to show up in my account?"}},
        {"text": "@theojp We'll look into that and get back to you! 😊", "flagged": "We'll look into that and get back to you",
         "context": {"customer_message": "@NimbusMobile how do I turn off international roaming?"}},
        {"text": "Great question! Our API is built to scale with teams of every size. A nightly sync like that sounds like a great use case!",
         "flagged": "Our API is built to scale with teams of every size",
         "context": {"customer_message": "Does your API have a rate limit? We sync 50,000 records a night."}},
    )
    good = examples(
        {"text": "I wasn't sure offhand, so I checked: yes, it supports USB-C Power Delivery, so it'll charge at full speed.",
         "context": {"customer_message": "Does this charger work with the Pixel 8?"}},
        {"text": "Transfer times can vary: between our accounts it's instant, and from other banks it takes 1-2 business days.",
         "context": {"customer_message": "How long does a bank transfer take to show up in my account?"}},
        {"text": "We'll look into it and get back to you!", "context": {"customer_message": "@Acme great job on the new app!"}},
        {"text": "Our API is built to scale: the limit is 600 requests a minute, so batch your sync in pages of 500.",
         "context": {"customer_message": "Does your API have a rate limit? We sync 50,000 records a night."}},
        {"text": "Thanks for the heads up! We're not sure what happened there; can you DM us the order number?",
         "context": {"customer_message": "Why did my order get cancelled?"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not rc.context.customer_message or not _VAGUE.search(analysis.text) or _partial(analysis):
            return
        sents = sentences(analysis)
        kind = kinds(analysis)
        if "vague" not in kind or "substance" in kind or any(k.startswith("deflect") for k in kind):
            return
        msg = rc.context.customer_message
        if not customer_asks(msg):
            return  # no message, or nothing asked: we can't tell an answer from a non-answer
        question = "?" in msg or bool(_HOW_TO.search(msg))
        for s, k in zip(sents, kind):
            if k != "vague":
                continue
            stall = bool(re.search(r"\b(?:look into|check(?: on| into)?|investigate|get back|circle back|be in touch|follow up)\b", s.text, _I))
            if stall and not (msg and _HOW_TO.search(msg)):
                return  # "we'll look into it" is a real step for a problem report
            start, end = _vague_span(analysis, s)
            yield Hit(start, end, message=self.message.format(passage=analysis.text[start:end]),
                      severity=None if question else Severity.INFO)
            return


def _vague_span(analysis: "Analysis", s: Sentence) -> tuple[int, int]:
    start, end = _sentence_span(analysis, s)
    raw = analysis.text[start:end]
    m = re.search(r"\b(?:i(?:'m| am)|we(?:'re| are)) (?:not (?:quite |totally |entirely |100% )?sure|unsure)|(?:i|we) (?:don't|do not) (?:really )?know|no idea|hard to (?:say|tell)", raw, _I)
    if m:
        return start + m.start(), start + m.end()
    # drop a leading interjection ("Hmm, ")
    lead = re.match(r"^(?:(?:hmm+|um+|well|ok(?:ay)?|so|oh)[,!.]?\s+)+", raw, _I)
    if lead:
        start += lead.end()
    return start, end
