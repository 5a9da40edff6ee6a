"""CAR012: confidential or unreleased information."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _PRE_CAR012, _overlaps, _plain, _sentence
from .internal_notes import _has

_CONFIDENTIAL = re.compile(
    r"(?i)\bkeep (?:this|that|it) (?:between (?:us|you and me|ourselves)|to yourself|quiet|on the down-?low|"
    r"under (?:your hat|wraps)|hush-hush|confidential|secret)\b"
    r"|\b(?:still |currently |kept )?under wraps\b"
    r"|\boff the record\b"
    r"|\b(?:just |strictly )?between (?:you and me|the two of us)\b|\b(?:just|strictly) between us\b"
    r"|\b(?:i'?m|we'?re|i am|we are) not (?:supposed|allowed) to (?:say|share|tell|talk about|mention) (?:this|that|it|yet)\b"
    r"|\b(?:you didn'?t hear (?:it|this|that) from me|don'?t quote me)\b"
    r"|\b(?:under|covered by) (?:an |our )?NDA\b"
    r"|\b(?:still|strictly|currently) confidential\b|\bconfidential (?:for now|until)\b"
    r"|\b(?:please )?(?:don'?t|do not) share (?:it|this|that)(?: with anyone)?(?: yet| for now| publicly| outside)\b"
    r"|\b(?:don'?t|do not|please don'?t) (?:share|post|mention|tweet|spread) (?:this|that|it|the news)?\s*(?:yet|publicly|anywhere)\b"
    r"|\binternal (?:name|project name|codename|code name)\b"
    # "coming as part of Kestrel, our unannounced List view redesign"
    r"|(?-i:\b[A-Z][a-z]+), our (?:(?:still |yet )?(?:unannounced|unreleased|secret|internal))\b"
    r"|\b(?:our |the |its |an? )?(?:internal )?code-?names?d?\b"
    r"|\b(?:don'?t|do not|please don'?t) (?:tell|share (?:this|that|it) with) (?:anyone|anybody|others)\b(?! (?:your|you))"
    r"|\b(?:isn'?t|is not|hasn'?t been|has not been|not|not yet|haven'?t|have not)\s+(?:officially |publicly )?"
    r"(?:announced|public|made public|released publicly)(?: yet)?\b"
)
_REFUSAL = re.compile(
    r"(?i)\b(?:can'?t|cannot|can not|unable|not able|don'?t have|do not have|no (?:info|information|details|news|word)|"
    r"nothing to (?:share|announce)|speculate|comment on|stay tuned|keep (?:an|your) eyes?|watch (?:this|our|for)|"
    r"check back|updates?|we'll (?:let|share|post|update|announce|tweet)|i'll (?:let|update|share)|"
    r"when (?:it|they|we) (?:is|are)|once (?:it|they|we)|as soon as)\b"
)
# What makes "not announced yet" a leak: the reply goes on to reveal the unannounced thing.
_LEAK_CUE = re.compile(
    r"(?i)\b(?:internally|working on|building|planning|developing|testing|coming|launch\w*|roll\w* out|releas\w+|"
    r"ships?|keep (?:this|it|that)|between us|secret|quiet|hush)\b"
)
# Pre-release builds ("Bluebird build 4.8.1-rc2", "our internal build"). Public channels (beta, nightly,
# canary) are left alone: customers can install those.
_PRERELEASE = re.compile(
    r"(?:\b[A-Z][a-z]+ )?(?:\bbuild |\bversion |\bv)?\b\d+(?:\.\d+){1,3}[-_](?:rc|alpha|dev|snapshot|internal|"
    r"SNAPSHOT|RC)[-.]?\d*\b"
    r"|(?i:\b(?:internal|dogfood(?:ing)?|dev|staging) builds?\b)"
)
_LEAD_WORDS = {"the", "this", "our", "a", "in", "on", "with", "to", "from", "and", "fixed", "try", "use", "see"}


_PROJECT_NAME = re.compile(r"\b(?:Project|Operation) (?!Fi\b|Gutenberg\b|Runway\b|Management\b|Manager\b)[A-Z][a-z]+\b")
_FUTURE = re.compile(
    r"(?i)\b(?:coming|will|soon|next (?:month|quarter|year|week|release)|later this|working on|building|launch(?:es|ing)?|"
    r"roll(?:s|ing)? out|part of|ships?|planned|in the works)\b"
)


_CONFIDENTIAL_HINTS = ("keep", "wraps", "record", "code", "between", "supposed", "allowed", "hear", "quote", "nda",
                       "confidential", "share", "tell", "announced", "public", "internal", "unreleased", "secret")
_PRE_BUILD = re.compile(r"\d[-_](?:rc|alpha|dev|snapshot|internal)")


class Confidential(Rule):
    id = "CAR012"
    hints = _PRE_CAR012
    name = "confidential-leak"
    trait = "careful"
    severity = Severity.ERROR
    summary = "Unreleased or confidential information: “keep this between us”, “still under wraps”, a pre-release build."
    why = (
        "If the reply has to ask the customer to keep a secret, it shouldn't contain the secret. Unannounced "
        "plans, codenames and internal builds set expectations we may not meet. Saying you can't comment on "
        "unannounced products is fine."
    )
    message = "“{passage}” shares something that isn't public; leave it out."
    bad = examples(
        {"text": "Bulk editing is coming as part of Kestrel, our unannounced List view redesign.",
         "flagged": "Kestrel, our unannounced"},
        {"text": "Offline mode is coming in Project Falcon, which is still under wraps, so keep that to yourself.",
         "flagged": "still under wraps"},
        {"text": "We're building a family plan internally, not announced yet, so keep this between us.",
         "flagged": "not announced yet"},
        {"text": "The crash is fixed in Bluebird build 4.8.1-rc2.", "flagged": "Bluebird build 4.8.1-rc2"},
        {"text": "Off the record, the price goes down next month.", "flagged": "Off the record"},
    )
    good = examples(
        "We can't comment on unannounced products, but I'll pass your idea along.",
        "The crash is fixed in version 4.8.1, which is in the App Store now.",
        "We haven't announced a date yet; I'll message you as soon as it's set.",
        "Please keep your recovery code to yourself and store it somewhere safe.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = _plain(analysis.text)  # "isn’t" reads as "isn't"; offsets are unchanged
        lowered = text.lower()
        kept: list[tuple[int, int]] = []
        confidential = _CONFIDENTIAL.finditer(text) if _has(lowered, *_CONFIDENTIAL_HINTS) else ()
        for m in confidential:
            sentence = _sentence(text, m.start(), m.end())
            low = m.group().lower()
            if ", our " in low:
                low = ""  # "Kestrel, our unannounced redesign": a leak whatever else the sentence says
            if ("announced" in low or "public" in low) and _REFUSAL.search(sentence):
                continue
            if ("announced" in low or "public" in low) and not (
                    re.search(r"(?i)\b(?:yet|so|but)\b", sentence) and _LEAK_CUE.search(sentence)):
                continue
            if ("to yourself" in low or "share" in low or "quiet" in low) and re.search(
                    r"(?i)\b(?:password|passcode|code|pin|recovery|key|login|account details|card)\b", sentence):
                continue  # "keep your recovery code to yourself" is advice, not a secret
            if "code" in low and not re.search(r"(?i)\b(?:internal|project|feature|release|update|version|called)\b",
                                               sentence):
                continue
            if any(a < m.end() and m.start() < b for a, b in kept):
                continue
            kept.append((m.start(), m.end()))
            yield Hit(m.start(), m.end(), message=self.message.format(passage=analysis.text[m.start():m.end()]))
        projects = _PROJECT_NAME.finditer(text) if "Project " in text or "Operation " in text else ()
        for m in projects:
            if any(a < m.end() and m.start() < b for a, b in kept) or not _FUTURE.search(_sentence(text, m.start())):
                continue
            kept.append((m.start(), m.end()))
            yield Hit(m.start(), m.end(), message=f"“{m.group()}” reads as an internal project codename; describe the "
                                                  "feature without it, or leave it out.")
        builds = _PRERELEASE.finditer(text) if "build" in lowered or _PRE_BUILD.search(lowered) else ()
        for m in builds:
            if any(a < m.end() and m.start() < b for a, b in kept) or _overlaps(analysis, m.start(), m.end(), "url"):
                continue
            s = m.start()
            first_word = m.group().split()[0]
            if " " in m.group() and first_word.lower() in _LEAD_WORDS:
                s += len(first_word) + 1  # "In build 4.8.1-rc2": the build, not the preposition
            kept.append((s, m.end()))
            yield Hit(s, m.end(), message=self.message.format(passage=text[s:m.end()]))
