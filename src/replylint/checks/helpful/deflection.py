"""HLP003: a deflection as the whole answer ("keep an eye on our status page", "we'll pass it on")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples
from ._text import _DEFLECT, _I, _partial, _sentence_span, customer_asks, kinds, sentences
from .refusal import _first_refusal_cue

if TYPE_CHECKING:
    from ...nlp import Analysis


# Stage one for the whole reply: cheap words every deflection contains.
_DEFLECT_ANY = (re.compile(
    r"\b(?:eye|eyes|checking|watching|watch|check|tuned|follow|post|share|shared|sharing|announce|updates?|news|latest|status"
    r"|pass|passed|passing|forward\w*|relay\w*|feed|log|logged|note|noted|record\w*|flag\w*|rais\w*|sent|send|brought|bring"
    r"|feedback|suggestions?|ideas?|requests?|comments?|thoughts|consideration|mind|roadmap|wish ?list|know|hears?"
    r"|contact\w*|call\w*|reach\w*|touch|speak\w*|talk\w*|find|faq|help ?cent(?:er|re)|knowledge|website|site|visit|browse|refer"
    r"|bank|carrier|courier|manufacturer|retailer|seller|provider|merchant|publisher|airline|isp|up to|down to|first|lands?|reaches)\b", _I),)


# The reply answers praise ("we're glad you like it!"): passing it on is all it needs.
_THANKS_FOR_PRAISE = re.compile(
    r"\b(?:glad|happy|thrilled|stoked|delighted) (?:that )?(?:you(?:'re| are)?|to hear you(?:'re| are)?) (?:like|love|enjoy)\w*"
    r"|\bthanks? (?:you )?(?:so much )?for the (?:kind words|love|shout-?out|compliments?|praise)\b", _I)


# The customer told us something ("thanks for the heads-up"): without their message, passing it on may be all it needs.
_THANKS_FOR_REPORT = re.compile(
    r"\bthanks? (?:you )?(?:so much )?for (?:the heads[- ]?up|letting us know|flagging (?:this|that|it)|pointing (?:this|that|it) out|reporting (?:this|that|it)|spotting (?:this|that|it))\b", _I)


class EmptyDeflection(Rule):
    id = "HLP003"
    name = "empty-deflection"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "A deflection as the whole answer: “keep an eye on our status page”, “we'll pass it on to the product team”, “see our FAQ”."
    why = (
        "Pointing somewhere else, or promising to pass feedback on, is fine next to an answer; as the whole reply it "
        "leaves the customer with nothing. Add what they can do now, or what you know."
    )
    message = "This deflection (“{passage}”) is the whole answer; add what the customer can do now or what you know."
    trigger = "a deflection phrase, and nothing else of substance in the reply"
    scope = frozenset({"body", "url", "email", "handle", "hashtag"})
    confidence = 0.8
    bad = examples(
        {"text": "@hollyb Keep an eye on our status page for updates!", "flagged": "Keep an eye on our status page for updates",
         "context": {"customer_message": "@NimbusMobile is there an outage? No signal in Austin since noon"}},
        {"text": "Hi Renee,\n\nThanks for the feedback! I'll pass it on to our product team.\n\nGabe",
         "flagged": "I'll pass it on to our product team",
         "context": {"customer_message": "Please bring back the old invoice layout. The new one doesn't show tax per line."}},
        {"text": "Scheduling is on the roadmap! We'll let everyone know when it's ready.", "flagged": "Scheduling is on the roadmap"},
        {"text": "You'll have to contact the carrier about that.", "flagged": "You'll have to contact the carrier about that",
         "context": {"customer_message": "My package shows delivered, but I don't have it."}},
        {"text": "Great question! You can find lots of helpful info in our FAQ.", "flagged": "You can find lots of helpful info in our FAQ"},
        {"text": "Love this idea, Tyrone! We'll make sure it lands in front of the right people 💡 -Dev",
         "flagged": "We'll make sure it lands in front of the right people",
         "context": {"customer_message": "Can you add a dark mode to the app? My eyes hurt at night."}},
        {"text": "Hi Jonas! Follow @NimbusHQ and you'll be first to know about anything new 👀",
         "flagged": "Follow @NimbusHQ and you'll be first to know about anything new",
         "context": {"customer_message": "Will the Nimbus watch support Android soon?"}},
        {"text": "Hi Sam, please check our status page for the latest.", "flagged": "Hi Sam, please check our status page for the latest",
         "context": {"customer_message": "Is the checkout down? Nobody can pay on our store."}},
        {"text": "Our help center covers exports in depth, so that's the best place to start.",
         "flagged": "Our help center covers exports in depth, so that's the best place to start",
         "context": {"customer_message": "How do I export all my invoices at once?"}},
    )
    good = examples(
        {"text": "@hollyb Yes, there's an outage in parts of Austin, sorry! Turn on Wi-Fi Calling in Settings > Phone meanwhile. "
                 "Keep an eye on our status page for updates.",
         "context": {"customer_message": "@NimbusMobile is there an outage? No signal in Austin since noon"}},
        "Thanks for the feedback, and I've passed it on to our product team. You can still show tax per line: open Invoice Settings > Line Items.",
        {"text": "Thank you so much! We'll pass your kind words on to the crew.",
         "context": {"customer_message": "@FlyCo shout out to the crew on flight 220, amazing service!"}},
        "Sorry! Packages marked delivered sometimes turn up a day later. If it's not there by tomorrow, message me and I'll send a replacement.",
        "You'll need to contact your bank for the SWIFT code.",
        {"text": "Yes, checkout is down for stores in the EU since 7pm, and engineers are on it. You can follow live updates on our status page.",
         "context": {"customer_message": "Is the checkout down? Nobody can pay on our store."}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not any(rx.search(analysis.text) for rx in _DEFLECT_ANY):
            return
        sents = sentences(analysis)
        # cheap first: some sentence must deflect at all, and the customer must have asked for something
        if not any(rx.search(s.text) for s in sents for rx in _DEFLECT.values()):
            return
        if customer_asks(rc.context.customer_message) is False or _partial(analysis) or _THANKS_FOR_PRAISE.search(analysis.text):
            return  # praise needs no answer; one tweet of a thread may have its answer in the other part
        if rc.context.customer_message is None and _THANKS_FOR_REPORT.search(analysis.text):
            return  # "thanks for the heads-up, we'll let the team know": a report, and passing it on is the answer
        kind = kinds(analysis)
        if "substance" in kind or not any(k.startswith("deflect") for k in kind):
            return
        if any(_first_refusal_cue(s.raw) for s in sents if s.role == "body"):
            return  # "that's not possible, but we'll pass it on": the bare no is the finding (HLP002)
        known = customer_asks(rc.context.customer_message) is not None
        for s, k in zip(sents, kind):
            if not k.startswith("deflect"):
                continue
            if not known and (k == "deflect:elsewhere" or re.match(r"^(?:duly )?noted\b", s.text, _I)):
                continue  # "contact your bank" may be the right answer, "Noted" may be all that was needed: without the message we can't tell
            start, end = _sentence_span(analysis, s)
            yield Hit(start, end, message=self.message.format(passage=analysis.text[start:end]))
            return
