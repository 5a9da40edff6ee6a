"""conversational — quick, light back-and-forth, not a letter.

Limits come from the channel (config ``channels.<chat|email|social>``); a reply
with no channel gets the e-mail limits, the loosest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..findings import Severity
from ..ingest import GREETING, WHOLE_TEXT_SCOPE
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ..config import ChannelLimits
    from ..nlp import Analysis

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")

_LONG_CHAT = " ".join(
    ["I checked your account and the order history, and everything looks fine on our side today."] * 14
)
_WALL = (
    "Our return policy is flexible: you can send most items back within 30 days for a full refund, "
    "return shipping is free, items should be unused and in the original packaging with the tags on, "
    "shoes should come back in their box, and final-sale items can't be returned, but they can be "
    "exchanged for a different size within 14 days if you contact us first."
)
_MANY_PARAGRAPHS = "\n\n".join(
    ["Thanks for the details.", "I checked the order.", "It left the warehouse Monday.",
     "The courier has it now.", "Tracking updates overnight.", "You'll get an email.",
     "Let me know when it arrives."]
)


@dataclass
class _Body:
    text: str
    start: int
    end: int
    paragraphs: list[tuple[int, int]]


def _body(analysis: "Analysis") -> _Body | None:
    """The reply without quoted history and sign-off, split into paragraphs."""
    text = analysis.text
    end = min([r.start for r in analysis.source.regions_of("quote", "signoff")] + [len(text)])
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return None
    paragraphs = []
    pos = 0
    for m in list(_PARAGRAPH_BREAK.finditer(text, 0, end)) + [None]:
        stop = m.start() if m else end
        chunk = text[pos:stop]
        if chunk.strip() and not GREETING.fullmatch(chunk.strip()):  # "Hi Dana," alone is no paragraph
            lead = len(chunk) - len(chunk.lstrip())
            paragraphs.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else end
    return _Body(text[:end], 0, end, paragraphs)


class _ChannelRule(Rule):
    trait = "conversational"
    severity = Severity.WARNING
    scope = WHOLE_TEXT_SCOPE
    english_only = False  # length limits hold in any language

    def limits(self, rc: RuleContext) -> tuple["ChannelLimits", str]:
        channel = rc.context.channel or "email"
        return rc.settings.channels[channel], (rc.context.channel or "unlabelled")


class TooManyWords(_ChannelRule):
    id = "CNV001"
    name = "too-many-words"
    summary = "A reply longer than its channel's word limit (chat 180, social 120, e-mail 400)."
    why = (
        "Chat and social are back-and-forth: a long message stalls the conversation. "
        "Send the part that unblocks the customer, then the rest."
    )
    message = "This {channel} reply has {n} words (limit {limit}); split it and lead with what the customer needs."
    bad = examples(
        {"text": _LONG_CHAT, "context": {"channel": "chat"}, "flagged": _LONG_CHAT.split(" ", 180)[-1]},
        {"text": _LONG_CHAT + " See https://acme.com/help.", "context": {"channel": "social"},
         "flagged": " ".join(_LONG_CHAT.split(" ")[120:]) + " See https://acme.com/help."},
        {"text": _LONG_CHAT, "context": {"channel": "chat"}, "settings": {"channels": {"chat": {"max_words": 100}}},
         "flagged": _LONG_CHAT.split(" ", 100)[-1]},
    )
    good = examples(
        {"text": "Thanks! Which phone are you using, and is the app up to date?", "context": {"channel": "chat"}},
        {"text": _LONG_CHAT, "context": {"channel": "email"}},
        _LONG_CHAT,
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        limits, label = self.limits(rc)
        body = _body(analysis)
        if body is None:
            return
        words = list(_WORD.finditer(body.text))
        if len(words) > limits.max_words:
            yield Hit(words[limits.max_words].start(), body.end, message=self.message.format(
                channel=label, n=len(words), limit=limits.max_words))


class TooManyParagraphs(_ChannelRule):
    id = "CNV002"
    name = "too-many-paragraphs"
    summary = "More paragraphs than the channel allows (chat 5, social 4, e-mail 6; a greeting line doesn't count)."
    why = "A chat reply in seven pieces reads like a letter; say the one thing that matters, then continue."
    message = "This {channel} reply has {n} paragraphs (limit {limit}); keep it to what the customer needs now."
    bad = examples(
        {"text": _MANY_PARAGRAPHS, "context": {"channel": "chat"},
         "flagged": "You'll get an email.\n\nLet me know when it arrives."},
        {"text": "Hi Sara,\n\n" + _MANY_PARAGRAPHS + "\n\nThanks again.\n\nBest,\nTom", "context": {"channel": "email"},
         "flagged": "Let me know when it arrives."},
        {"text": _MANY_PARAGRAPHS, "context": {"channel": "social"},
         "flagged": "Tracking updates overnight.\n\nYou'll get an email.\n\nLet me know when it arrives."},
    )
    good = examples(
        {"text": _MANY_PARAGRAPHS.rsplit("\n\n", 1)[0], "context": {"channel": "email"}},
        {"text": "Hi Sara,\n\nYour order shipped.\n\nTracking updates overnight.\n\nBest,\nTom", "context": {"channel": "chat"}},
        "Your refund was issued today.\n\nIt takes 5-7 business days to show on your statement.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        limits, label = self.limits(rc)
        body = _body(analysis)
        if body is None or len(body.paragraphs) <= limits.max_paragraphs:
            return
        start = body.paragraphs[limits.max_paragraphs][0]
        yield Hit(start, body.paragraphs[-1][1], message=self.message.format(
            channel=label, n=len(body.paragraphs), limit=limits.max_paragraphs))


class WallOfText(_ChannelRule):
    id = "CNV003"
    name = "wall-of-text"
    summary = "One unbroken paragraph longer than the channel allows (chat 90 words, social 80, e-mail 150)."
    why = "A block with no breaks is hard to read on a phone; customers skim and miss the answer."
    message = "This paragraph runs {n} words without a break (limit {limit}); split it or trim it."
    bad = examples(
        {"text": _WALL + " " + _WALL, "context": {"channel": "chat"}, "flagged": _WALL + " " + _WALL},
        {"text": "Hi Ana,\n\n" + _WALL + " " + _WALL, "context": {"channel": "chat"}, "flagged": _WALL + " " + _WALL},
        {"text": _WALL, "context": {"channel": "chat"}, "settings": {"channels": {"chat": {"max_paragraph_words": 40}}},
         "flagged": _WALL},
    )
    good = examples(
        {"text": _WALL, "context": {"channel": "chat"}},
        {"text": _WALL + "\n\n" + _WALL, "context": {"channel": "email"}},
        {"text": _WALL + " " + _WALL, "context": {"channel": "email"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        limits, label = self.limits(rc)
        body = _body(analysis)
        if body is None:
            return
        for start, end in body.paragraphs:
            n = len(_WORD.findall(body.text[start:end]))
            if n > limits.max_paragraph_words and n <= limits.max_words:
                yield Hit(start, end, message=self.message.format(n=n, limit=limits.max_paragraph_words))


class TooManyQuestions(_ChannelRule):
    id = "CNV004"
    name = "too-many-questions"
    summary = "More questions in one message than the channel allows (chat 3, social 3, e-mail 4)."
    why = "A list of questions is a form, not a conversation; ask the one that unblocks you first."
    message = "This {channel} reply asks {n} questions; ask the one that unblocks you first."
    bad = examples(
        {"text": "Which phone do you use? Which app version? When did it start? Did you restart it? Is it on Wi-Fi?",
         "context": {"channel": "chat"}, "flagged": "Did you restart it? Is it on Wi-Fi?"},
        {"text": "Hi! What's the order number? What's the email on it? Which item? What size?",
         "context": {"channel": "social"}, "flagged": "What size?"},
        {"text": "What happened? When? Where? Which device? Which version?",
         "flagged": "Which version?"},
    )
    good = examples(
        {"text": "Thanks! Which phone are you using, and is the app up to date?", "context": {"channel": "chat"}},
        {"text": "What's the order number? I'll check where it is right now.", "context": {"channel": "chat"}},
        "What happened? When did it start? Which device is it on? Which version?",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        limits, label = self.limits(rc)
        body = _body(analysis)
        if body is None:
            return
        questions = [s for s in analysis.sents if s.end_char <= body.end and s.text.rstrip().endswith("?")]
        if len(questions) > limits.max_questions:
            extra = questions[limits.max_questions:]
            end = extra[-1].start_char + len(extra[-1].text.rstrip())
            yield Hit(extra[0].start_char, end, message=self.message.format(channel=label, n=len(questions)))
