"""CAR004-CAR006: the team's own lists from config (banned terms, codenames, internal domains)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ...findings import Severity
from ...fixes import replacement_edit, suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _overlaps


@lru_cache(maxsize=64)
def _term_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alts = sorted((re.escape(t.strip()) for t in terms if t.strip()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


class BannedTerm(Rule):
    id = "CAR004"
    english_only = False
    name = "banned-term"
    trait = "careful"
    severity = Severity.WARNING
    summary = "A term your team has banned (config `banned_terms`), with its replacement."
    why = "Teams ban internal names and words that confuse customers; the list is yours, kept in the config."
    message = "“{passage}” is on the team's banned list{advice}."
    fix = "safe"
    bad = examples(
        {"text": "See the knowledge base for steps.", "settings": {"banned_terms": {"knowledge base": "Help Center"}},
         "flagged": "knowledge base", "fixed": "See the Help Center for steps."},
        {"text": "Our Hydra backend is slow today.", "settings": {"banned_terms": ["Hydra"]}, "flagged": "Hydra"},
        {"text": "Knowledge Base articles help.", "settings": {"banned_terms": {"knowledge base": "Help Center"}},
         "flagged": "Knowledge Base"},
    )
    good = examples(
        {"text": "See the Help Center for steps.", "settings": {"banned_terms": {"knowledge base": "Help Center"}}},
        {"text": "The hydrant near the store is fine.", "settings": {"banned_terms": ["Hydra"]}},
        "Anything here is fine when no terms are banned: knowledge base, Hydra.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        terms = rc.settings.banned_terms
        regex = _term_regex(tuple(sorted(terms)))
        if regex is None:
            return
        lowered = {k.lower(): v for k, v in terms.items()}
        for m in regex.finditer(analysis.text):
            repl = lowered.get(m.group().lower(), "")
            advice = f"; use “{repl}”" if repl else ""
            suggestions = []
            if repl:
                edit = replacement_edit(analysis.text, m.start(), m.end(), repl)
                suggestions.append(suggestion(edit, f"Use “{repl}”", safe=True))
            yield Hit(m.start(), m.end(), message=self.message.format(passage=m.group(), advice=advice),
                      suggestions=suggestions)


class Codename(Rule):
    id = "CAR005"
    english_only = False
    name = "unreleased-codename"
    trait = "careful"
    severity = Severity.ERROR
    summary = "An unreleased feature's internal codename (config `codenames`)."
    why = "A codename in a reply leaks unreleased work and confuses the customer, who can't look it up."
    message = "“{passage}” is an internal codename; describe the feature without it, or leave it out."
    bad = examples(
        {"text": "Project Falcon will make this faster.", "settings": {"codenames": ["Project Falcon"]},
         "flagged": "Project Falcon"},
        {"text": "The falcon release fixes it.", "settings": {"codenames": ["Falcon"]}, "flagged": "falcon"},
        {"text": "We're testing BLUEJAY with a few users.", "settings": {"codenames": ["Bluejay"]}, "flagged": "BLUEJAY"},
    )
    good = examples(
        {"text": "Atlanta Falcons fans love this jersey.", "settings": {"codenames": ["Falcon"]}},
        {"text": "A faster sync is coming; I'll update you when it's out.", "settings": {"codenames": ["Falcon"]}},
        "Falcon is only a codename when the team says so.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        regex = _term_regex(tuple(sorted(rc.settings.codenames)))
        if regex is None:
            return
        for m in regex.finditer(analysis.text):
            yield Hit(m.start(), m.end(), message=self.message.format(passage=m.group()))


class InternalDomain(Rule):
    id = "CAR006"
    english_only = False
    name = "internal-domain"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A link or host on one of your internal domains (config `internal_domains`)."
    why = "Customers can't open internal links, and the host names reveal internal systems."
    message = "“{passage}” is on an internal domain; link the public page instead."
    scope = frozenset({"body", "url"})
    bad = examples(
        {"text": "Details: https://wiki.acme.corp/refunds", "settings": {"internal_domains": ["acme.corp"]},
         "flagged": "https://wiki.acme.corp/refunds"},
        {"text": "See tools.acme-int.net/order/55 for it.", "settings": {"internal_domains": ["acme-int.net"]},
         "flagged": "tools.acme-int.net/order/55"},
        {"text": "Open http://acme.corp now.", "settings": {"internal_domains": ["acme.corp"]},
         "flagged": "http://acme.corp"},
        {"text": "The steps are on wiki.acme.corp/refunds for now.", "settings": {"internal_domains": ["acme.corp"]},
         "flagged": "wiki.acme.corp/refunds"},
    )
    good = examples(
        {"text": "Details: https://acme.com/refunds", "settings": {"internal_domains": ["acme.corp"]}},
        {"text": "Write to help@acme.corp.example.com.", "settings": {"internal_domains": ["acme.corp"]}},
        "No internal domains configured: https://wiki.acme.corp/refunds",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        domains = [d.lower().lstrip(".") for d in rc.settings.internal_domains if d.strip()]
        if not domains:
            return
        text = analysis.text
        spans = [(r.start, r.end) for r in analysis.source.regions_of("url")]
        # Hosts the URL region misses ("wiki.acme.corp/refunds": .corp is no public TLD).
        bare = re.compile(r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)*(?:" + "|".join(re.escape(d) for d in domains)
                          + r")(?![\w-]|\.[\w-])(?::\d{2,5})?(?:/[^\s<>\"'`]*)?", re.IGNORECASE)
        for m in bare.finditer(text):
            e = m.end()
            while e > m.start() and text[e - 1] in ".,!?;:)]}'\"":
                e -= 1
            if not any(a <= m.start() < b for a, b in spans) and not _overlaps(analysis, m.start(), e, "email"):
                spans.append((m.start(), e))
        for start, end in sorted(spans):
            url = text[start:end]
            host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.lower()).split("/")[0].split(":")[0]
            if any(host == d or host.endswith("." + d) for d in domains):
                yield Hit(start, end, message=self.message.format(passage=url))
