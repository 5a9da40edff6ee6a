"""personal — people address each other by name, not by title or department."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Severity
from ..fixes import suggestion
from ..findings import Edit
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ..nlp import Analysis

_GENERIC = re.compile(
    r"(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))[ ,]+"
    r"(?:(?:valued|dear|loyal|esteemed)\s+)?"
    r"(?:customers?|clients?|users?|members?|subscribers?|account ?holders?|card ?holders?|"
    r"sir\s*(?:/|or)\s*madam|madam\s*(?:/|or)\s*sir|sirs?|madam|guest|shopper|patron|valued one)\b"
    r"|to whom it may concern",
    re.IGNORECASE,
)


def first_name(full: str | None) -> str | None:
    """The first word of a customer name, when it looks like a name."""
    if not full:
        return None
    word = full.strip().split()[0].strip(",.") if full.strip() else ""
    return word if word[:1].isalpha() and not word.startswith("@") else None


class GenericSalutation(Rule):
    id = "PER001"
    name = "generic-salutation"
    trait = "personal"
    severity = Severity.WARNING
    summary = "A greeting to a title instead of a person (“Dear Customer”, “Dear Sir/Madam”)."
    why = (
        "A reply addressed to “Customer” says nobody looked at who wrote in. "
        "Use their name; if you don't know it, a plain “Hi,” is warmer than a title."
    )
    message = "Greet the customer by name instead of “{passage}”."
    fix = "safe"
    scope = frozenset({"greeting"})
    bad = examples(
        {"text": "Dear Customer,\nYour refund was issued today.", "context": {"customer_name": "Dana Whitfield"},
         "flagged": "Dear Customer", "fixed": "Hi Dana,\nYour refund was issued today."},
        {"text": "Dear Sir/Madam, thank you for your patience.", "flagged": "Dear Sir/Madam",
         "fixed": "Hi, thank you for your patience."},
        {"text": "Hello valued member, your points were added.", "context": {"customer_name": "Omar"},
         "flagged": "Hello valued member", "fixed": "Hi Omar, your points were added."},
        {"text": "To whom it may concern, the invoice is attached.", "flagged": "To whom it may concern",
         "fixed": "Hi, the invoice is attached."},
    )
    good = examples(
        {"text": "Hi Dana, your refund was issued today.", "context": {"customer_name": "Dana Whitfield"}},
        "Our customers on the annual plan get this for free, so I've added it to your account.",
        "Dear Marco, thank you for your patience while we checked the order.",
        "Hi there! The new app version is live.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        for region in analysis.source.regions_of("greeting"):
            m = _GENERIC.match(text, region.start, region.end)
            if not m:
                continue
            name = first_name(rc.context.customer_name)
            greeting = f"Hi {name}" if name else "Hi"
            title = f"Greet {name} by name" if name else "Use a plain “Hi”"
            yield Hit(
                m.start(),
                m.end(),
                message=self.message.format(passage=m.group()),
                suggestions=[suggestion(Edit(m.start(), m.end(), greeting), title, safe=True)],
            )
