"""conversational — quick, light back-and-forth, not a letter."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Severity
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ..nlp import Analysis

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")

_LONG_CHAT = " ".join(
    ["I checked your account and the order history, and everything looks fine on our side today."] * 14
)
_MANY_PARAGRAPHS = "\n\n".join(
    ["Thanks for the details.", "I checked the order.", "It left the warehouse Monday.",
     "The courier has it now.", "Tracking updates overnight.", "You'll get an email.",
     "Let me know when it arrives."]
)


class MessageLength(Rule):
    id = "CNV001"
    name = "message-too-long"
    trait = "conversational"
    severity = Severity.WARNING
    summary = "A reply longer than its channel allows: words, paragraphs or questions."
    why = (
        "Chat and social are back-and-forth: a wall of text or a list of questions stalls the "
        "conversation. Send the part that unblocks the customer, then the rest."
    )
    message = "This {channel} reply is long ({what}); split it, and lead with the one thing the customer needs."
    bad = examples(
        {"text": _LONG_CHAT, "context": {"channel": "chat"}, "flagged": _LONG_CHAT.split(" ", 180)[-1]},
        {"text": _MANY_PARAGRAPHS, "context": {"channel": "chat"},
         "flagged": "You'll get an email.\n\nLet me know when it arrives."},
        {"text": "Which phone do you use? Which app version? When did it start? Did you restart it? Is it on Wi-Fi?",
         "context": {"channel": "chat"}, "flagged": "Did you restart it? Is it on Wi-Fi?"},
    )
    good = examples(
        {"text": "Thanks! Which phone are you using, and is the app up to date?", "context": {"channel": "chat"}},
        {"text": _MANY_PARAGRAPHS, "context": {"channel": "email"}},
        "Your refund was issued today. It takes 5-7 business days to show on your statement.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        channel = rc.context.channel or "email"
        limits = rc.settings.channels[channel]
        label = rc.context.channel or "unlabelled"
        text = analysis.text
        body_end = min([r.start for r in analysis.source.regions_of("quote", "signoff")] + [len(text)])
        body = text[:body_end].rstrip()
        if not body:
            return
        words = list(_WORD.finditer(body))
        if len(words) > limits.max_words:
            start = words[limits.max_words].start()
            yield Hit(start, len(body), message=self.message.format(
                channel=label, what=f"{len(words)} words; aim for {limits.max_words} or fewer"))
            return
        paragraphs = [m.end() for m in _PARAGRAPH_BREAK.finditer(body)]
        if len(paragraphs) + 1 > limits.max_paragraphs:
            start = paragraphs[limits.max_paragraphs - 1]
            while start < len(body) and body[start].isspace():
                start += 1
            yield Hit(start, len(body), message=self.message.format(
                channel=label, what=f"{len(paragraphs) + 1} paragraphs; aim for {limits.max_paragraphs} or fewer"))
            return
        questions = [s for s in analysis.doc.sents if s.end_char <= body_end and s.text.rstrip().endswith("?")]
        if len(questions) > limits.max_questions:
            extra = questions[limits.max_questions:]
            yield Hit(extra[0].start_char, extra[-1].end_char, message=self.message.format(
                channel=label,
                what=f"{len(questions)} questions; ask the one that unblocks you first"))
