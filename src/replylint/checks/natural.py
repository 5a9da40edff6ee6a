"""natural — robotic and bureaucratic register that no phrase list can enumerate.

The phrase rules (rules/natural.toml) know fixed expressions. This one knows shapes: the reader
talked about in the third person ("the customer is requested to"), advice with nobody giving it
("it is recommended that", "a retry is advised"), the customer's message processed like a form
("your concern has been acknowledged and logged"), and status readouts ("Booking status: confirmed.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Severity
from ..ingest import WHOLE_TEXT_SCOPE
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ..nlp import Analysis

_READER = (r"(?:customer|user|client|cardholder|card ?holder|account ?holder|passenger|subscriber|member|"
           r"policyholder|guest|caller|applicant|consumer)")
_ASKED = r"(?:requested|advised|required|asked|reminded|expected|encouraged|invited|urged|instructed)"
_FORM_NOUN = (r"(?:concern|concerns|report|request|complaint|query|queries|enquiry|inquiry|issue|matter|case|discrepancy|incident|"
              r"message|patience|cooperation|co-operation|understanding|submission|correspondence|modification|amendment)")
_FORM_VERB = (r"(?:acknowledged|documented|logged|registered|recorded|entered(?: into [\w ]{0,20})?|"
              r"duly noted|noted with (?:thanks|gratitude|appreciation)|considered (?:resolved|closed)|"
              r"deemed (?:resolved|closed)|completed successfully|successfully completed|actioned|executed|effected)")

# Each shape with a plain rewrite to suggest in the message.
_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:the|said)\s+{_READER}\s+(?:is|are)\s+(?:hereby\s+)?(?:kindly\s+)?{_ASKED}\s+to\b",
                re.IGNORECASE), "talk to the customer: “please …” or “you'll need to …”"),
    (re.compile(rf"\bit is (?:hereby |kindly |strongly )?(?:recommended|advised|requested|suggested|required)"
                rf"\s+that\s+(?:the\s+{_READER}|you)\b", re.IGNORECASE), "say who recommends it: “I'd suggest you …”"),
    (re.compile(r"\b(?:a\s+|the\s+)?(?:retry|reinstall(?:ation)?(?: of the \w+)?|restart|re-?login|caution|"
                r"patience|payment|action)\s+is\s+(?:strongly\s+)?advised\b(?=\s*[.!;])", re.IGNORECASE),
     "give the advice directly: “try again”, “reinstall the app”"),
    (re.compile(rf"\b(?:your|the|this)\s+(?:[\w-]+\s+)?{_FORM_NOUN}(?:\s+[\w-]+){{0,3}}?\s+(?:has|have|is|was|will be)\s+"
                rf"(?:now\s+)?(?:been\s+)?(?:received and\s+)?(?:duly\s+)?{_FORM_VERB}", re.IGNORECASE),
     "say what happens next in your own voice: “I've passed this to …”"),
    (re.compile(r"\b(?:has|have) been (?:generated|created|issued|prepared) and (?:transmitted|dispatched|forwarded)\b"
                r"|\btransmitted to your (?:registered|nominated|designated)\b", re.IGNORECASE),
     "say it like a person: “I've emailed you the confirmation.”"),
    (re.compile(r"\bthe requested (?:action|change|modification|operation|transaction|update|adjustment|amendment)"
                r"(?:\s+[\w-]+){0,6}?\s+(?:has|have) been (?:successfully )?(?:completed|processed|performed|executed|effected|actioned)",
                re.IGNORECASE), "say it like a person: “Done! …”"),
    (re.compile(r"\bit is (?:our|my) (?:hope|belief|intention) that\b|\bit is unfortunate that\b", re.IGNORECASE),
     "say it the way you'd say it: “I hope…”, “I'm sorry that…”"),
    (re.compile(r"\b(?:your|the) (?:\w+ )?(?:loyalty|patronage|custom|business|cooperation|understanding|input)(?: [\w ]{0,25})? "
                r"(?:is|are) (?:sincerely|greatly|highly|deeply|truly|much|very much) (?:appreciated|valued)\b"
                r"|\bis of (?:immense|great|tremendous|utmost|significant) (?:value|importance) to (?:us|our)\b",
                re.IGNORECASE), "say “thank you” like you mean it: “Thanks for sticking with us!”"),
    (re.compile(r"\bfailure to \w+[^.!?]{0,60}\b(?:may|will|could) result in\b", re.IGNORECASE),
     "say what will happen and what to do: “Please update the card by June 14 so your account stays active.”"),
    (re.compile(r"\b(?:is|are) (?:presently|currently) undergoing\b", re.IGNORECASE), "say “we're reviewing …”"),
    (re.compile(r"(?:^|(?<=[.!?]\s))(?:affirmative|negative|acknowledged)\s*[.!]", re.IGNORECASE),
     "say “Yes”, “No” or “Got it”"),
    (re.compile(r"\b(?:transaction|booking|request|payment|account|ticket|case|reservation)\s+status\s*:\s*"
                r"(?:unsuccessful|successful|confirmed|failed|declined|approved|pending|completed|closed|resolved)\b\s*\.",
                re.IGNORECASE), "tell them in a sentence: “Your booking is confirmed.”"),
    (re.compile(r"\b(?:please\s+)?state the nature of your\b", re.IGNORECASE), "ask plainly: “What's going on?”"),
    (re.compile(r"\b(?:may|can|should|must|will|shall) be (?:initiated|effected|undertaken|remitted|obtained|rectified)\b",
                re.IGNORECASE), "say who does it: “you can start …”, “we'll fix …”"),
    (re.compile(r"\bi am (?:able|now able|ready) to assist you\b", re.IGNORECASE), "say “I can help with that”"),
    (re.compile(r"\bthis (?:message|e-?mail|letter|note) (?:serves as|is to serve as|constitutes)\b", re.IGNORECASE),
     "just say it: “Your account is closed.”"),
    (re.compile(r"\bsatisfaction (?:is|remains) our (?:\w+ )?(?:priority|commitment|concern|goal|mission)\b", re.IGNORECASE),
     "show it instead: say what you did"),
    (re.compile(r"\bbe (?:confident|assured)(?:,| that)", re.IGNORECASE), "say what's happening: “Our engineers are on it.”"),
    (re.compile(r"\bwe trust (?:this|that|the above|the foregoing)\b[^.!?]{0,40}\b(?:satisfactory|clarif|answers|helps|resolves)",
                re.IGNORECASE), "ask instead: “Does that answer it?”"),
    (re.compile(r"\bwith which (?:i|we) (?:may|can|might)\b", re.IGNORECASE),
     "ask plainly: “Anything else I can help with?”"),
    (re.compile(r"\bfor (?:selecting|choosing) [\w ]{1,25}? as your (?:\w+ )?of choice\b", re.IGNORECASE),
     "say “thanks for flying with us”"),
    (re.compile(r"\b(?:gratitude|thanks|appreciation|apologies) (?:is|are) (?:hereby )?extended\b", re.IGNORECASE),
     "say “thank you” or “sorry”"),
    (re.compile(r"\bwe thank you for your (?:cooperation|kind cooperation|continued patronage|kind attention)\b",
                re.IGNORECASE), "say “thanks for your help”"),
]


# Every shape above holds one of these lower-case substrings (a cheap pre-check).
_HINTS = ("requested", "advised", "required", "asked to", "reminded", "expected", "encouraged", "invited", "urged",
          "instructed", "recommended", "suggested", "acknowledged", "documented", "logged", "registered", "recorded",
          "noted", "entered", "considered", "deemed", "completed", "actioned", "processed", "performed", "executed",
          "affirmative", "negative", "status", "transmitted", "acknowledged", "nature of", "to assist", "initiated", "effected", "undertaken",
          "remitted", "obtained", "rectified", "serves as", "constitutes", "satisfaction", "confident", "assured",
          "we trust", "with which", "of choice", "extended", "we thank you", "our hope",
          "my hope", "our belief", "our intention", "unfortunate", "appreciated", "valued", "of immense", "of great",
          "of tremendous", "of utmost", "of significant", "failure to", "undergoing")


class Bureaucratic(Rule):
    id = "NAT006"
    hints = _HINTS
    name = "bureaucratic-register"
    trait = "natural"
    severity = Severity.WARNING
    summary = ("Robotic or bureaucratic shapes: the reader in the third person, advice with no one giving it, "
               "the customer's message “acknowledged and logged”, status readouts.")
    why = ("Support is a person talking to a person. “The customer is requested to restart the device” reads "
           "like a form letter; “Could you restart your phone?” sounds like someone who wants to help.")
    message = "“{passage}” sounds like a form, not a person; {hint}."
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": "The customer is requested to power off the device and reinsert the SIM.",
         "flagged": "The customer is requested to"},
        {"text": "It is recommended that the user clear the cache. Should it persist, reinstallation of the app is advised.",
         "flagged": "It is recommended that the user"},
        {"text": "Your concern has been acknowledged and logged. A replacement is on its way.",
         "flagged": "Your concern has been acknowledged"},
        {"text": "Affirmative. Booking status: confirmed. Your seat is 14C.",
         "flagged": "Affirmative."},
        {"text": "Greetings. Please state the nature of your issue.", "flagged": "Please state the nature of your"},
        {"text": "Thanks. Your report has been documented and entered into our records. The fix ships in 2.4.1.",
         "flagged": "Your report has been documented"},
    )
    good = examples(
        "Could you power off your phone, take the SIM out and put it back in?",
        "I'd suggest clearing the cache; if that doesn't help, reinstall the app.",
        "Your feedback has been noted and passed on to the team.",
        "Your booking is confirmed: flight SJ 1182, seat 14C.",
        "Our users asked for dark mode, and it's live now.",
        "Parental guidance is advised for this title, so it's rated 12+.",
        "The user who shared the file needs to give you edit access.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        taken: list[tuple[int, int]] = []
        for pattern, hint in _SHAPES:
            for m in pattern.finditer(text):
                start, end = m.start(), m.end()
                while end > start and text[end - 1].isspace():
                    end -= 1
                if any(a < end and start < b for a, b in taken) or analysis.source.is_masked(start, end):
                    continue
                taken.append((start, end))
                yield Hit(start, end, message=self.message.format(passage=text[start:end], hint=hint))
