"""The ten traits of a great support reply: ids, rule-code prefixes, precedence.

The ids are part of the public contract. The order of ``TRAITS`` is also the
precedence used when two rules flag the same passage (see docs/scoring.md):
a passage that is both a leak and stilted is reported as the leak.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trait:
    id: str
    prefix: str
    title: str
    guide: str


TRAITS: tuple[Trait, ...] = (
    Trait("careful", "CAR", "Careful", "Nothing meant for internal eyes or testing reaches the customer."),
    Trait("responsible", "RSP", "Responsible", "If the customer is let down, it's our responsibility; never blame."),
    Trait("customer_focused", "CUS", "Customer-focused", "Customers don't care why, or which privileges we lack."),
    Trait("helpful", "HLP", "Helpful", "Move the customer toward the result they want."),
    Trait("personal", "PER", "Personal", "Names, not titles or departments."),
    Trait("natural", "NAT", "Natural", "If we wouldn't say it out loud, we don't write it."),
    Trait("concise", "CON", "Concise", "Get to the point."),
    Trait("region_neutral", "REG", "Region-neutral", "No local phrases, spellings or terms."),
    Trait("literate", "LIT", "Literate", "Casual is fine; typos and bad punctuation are not."),
    Trait("conversational", "CNV", "Conversational", "Quick, light back-and-forth, not a letter."),
)

TRAIT_IDS: tuple[str, ...] = tuple(t.id for t in TRAITS)
BY_ID: dict[str, Trait] = {t.id: t for t in TRAITS}
PRECEDENCE: dict[str, int] = {t.id: i for i, t in enumerate(TRAITS)}
# The order in which reports and docs list traits (the guide's order).
DISPLAY_ORDER: tuple[str, ...] = (
    "concise", "natural", "conversational", "personal", "helpful",
    "responsible", "customer_focused", "literate", "region_neutral", "careful",
)
