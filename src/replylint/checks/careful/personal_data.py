"""CAR011: someone else's personal data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _PRE_CAR011, _sentence_bounds

_EMAIL_ADDR = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(?\d{3}\)?[\s.-]?)?\d{3}[\s.-]\d{4}(?![\w-])")
_OTHER_PERSON = re.compile(
    r"(?i)\b(?:another|other|a different|a previous|one of our|a fellow)\s+(?:customer|user|member|client|guest|"
    r"shopper|caller|subscriber|cardholder|patient|passenger|person|buyer|family|household)s?\b"
    r"|\ba (?:customer|user|member|client|guest) (?:named|called)\b"
    r"|\b(?:your|a) neighbou?r\b"
    r"|\bthe (?:resident|occupant|tenant|homeowner|person|neighbou?r|recipient)s? (?:there|at (?:that|the) (?:address|house|"
    r"apartment|unit|door)|who (?:received|has|got|signed for|took))\b"
    r"|\b(?:his|her)\s+(?:cell|mobile|phone|number|e-?mail|home address|address)\s+(?:is|was|:)"
    r"|\b(?:his|her|their|my)\s+(?:personal|private|own|home)\s+(?:cell|mobile|phone|number|line|e-?mail|"
    r"address|whatsapp)\b"
    r"|\b(?:my|our)\s+(?:colleague|coworker|co-worker|teammate|manager|supervisor)(?:'s)?\s+(?:personal|private|home|cell)\b"
    # a record that belongs to someone named: "belongs to Priya Raman (priya@…)", "(Daniel R., 555-0193)"
    r"|\b(?:belongs to|is registered to|registered under|is under the name of|headed to|meant for|addressed to)\s+"
    r"(?:[\w#.,'-]+\s+){0,6}?\(?(?-i:[A-Z][a-z]+)"
    r"|\((?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]*\.?)?),\s*(?=[^)]*(?:@|\d{3}[\s.-]\d{4}))"
)
_PHONE_HINT = re.compile(r"\d{3}[\s.-]\d{4}")
# A street address: "418 Birchwood Ln, Apt 3"
_STREET_ADDRESS = re.compile(
    r"\b\d{1,5} (?:[A-Z][a-z]+ ){1,2}(?:St|Ln|Ave|Rd|Blvd|Dr|Ct|Way|Street|Lane|Avenue|Road|Drive|Court)\b\.?(?:,? (?:Apt|Unit|Suite) \w+)?")
# "Gail Porter in the bursar's office … her email is": a colleague's work address, given on purpose.
_AT_WORK = re.compile(
    r"(?i)\b(?:in|at|from|on|with|of)\s+(?:the|our|your)\s+[\w'’ -]{0,30}?(?:office|team|department|desk|unit|"
    r"clinic|branch|registrar|bursar)\b"
)
_PUBLIC_LINE = re.compile(r"(?i)\b(?:ext\.?|extension|toll[- ]free|1-800|800-|888-|877-|866-|main line|support line)\b")


class ThirdPartyData(Rule):
    id = "CAR011"
    hints = _PRE_CAR011
    name = "someone-elses-data"
    trait = "careful"
    severity = Severity.ERROR
    summary = "Someone else's contact details: another customer's e-mail or phone, a colleague's personal number."
    why = (
        "Sharing another customer's or a colleague's personal contact details is a privacy breach, "
        "whatever the good intent. Refer to them anonymously and give the public line instead."
    )
    message = "“{passage}” is someone else's personal contact detail; leave it out."
    scope = frozenset({"body", "email"})
    bad = examples(
        {"text": "Another customer, Jenna Park (jenna.park@gmail.com), had the same problem.",
         "flagged": "jenna.park@gmail.com"},
        {"text": "You can text my colleague Carlos directly on his personal cell, 555-0188.", "flagged": "555-0188"},
        {"text": "A different user had this too; ask her at 415-555-0199 how she fixed it.", "flagged": "415-555-0199"},
        {"text": "The package went to 418 Birchwood Ln, Apt 3, which belongs to Teresa Lindqvist.", "flagged": "418 Birchwood Ln, Apt 3"},
        {"text": "I reached the resident there, Mr. Haddad at (415) 555-0143, and he's holding it.", "flagged": "(415) 555-0143"},
    )
    good = examples(
        "Another customer had the same problem last week, and a reinstall fixed it.",
        "You can reach Carlos on our installs team at 1-800-555-0150, ext. 214.",
        "We'll text a code to your number ending in 0142 to verify it's you.",
        "Other customers found the reset helped; write to help@acme.com if it doesn't.",
        "Your order is on its way to 418 Birchwood Ln, Apt 3, and should arrive Friday.",
        "Gail Porter in the bursar's office can tell you what's owed; her email is gporter@westfield.edu.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        if not (_PHONE_HINT.search(text) or ("@" in text and _EMAIL_ADDR.search(text)) or _STREET_ADDRESS.search(text)):
            return  # no e-mail address, phone number or street address to leak
        seen: set[int] = set()
        for cue in _OTHER_PERSON.finditer(text):
            lo, hi = _sentence_bounds(text, cue.start(), cue.end())
            sentence = text[lo:hi]
            if _PUBLIC_LINE.search(sentence):
                continue
            if re.match(r"(?i)(?:his|her)\s+(?!personal|private|own|home)", cue.group()) and _AT_WORK.search(
                    text, max(0, lo - 200), hi):
                continue  # a colleague's work contact, introduced with their office
            for pattern in (_EMAIL_ADDR, _PHONE, _STREET_ADDRESS):
                for m in pattern.finditer(text, lo, hi):
                    value = m.group()
                    if pattern is _EMAIL_ADDR and re.match(r"(?i)(?:support|help|care|service|info|billing|team|hello|"
                                                          r"contact|sales|no-?reply)@", value):
                        continue
                    if m.start() in seen:
                        continue
                    seen.add(m.start())
                    yield Hit(m.start(), m.end(), message=self.message.format(passage=value))
