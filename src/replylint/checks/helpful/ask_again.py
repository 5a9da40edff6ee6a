"""HLP004: asking the customer to describe the problem again, or for a detail they already gave."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples
from ._text import _I, sentences, words

if TYPE_CHECKING:
    from ...nlp import Analysis


_ISSUE = r"(?:the|your|this|that|what) (?:issue|problem|situation|concern|trouble|matter|query|request)s?"
_REASK = re.compile(
    # "could you describe the issue (again)?", "can you tell us more about the problem?"
    r"\b(?:can|could|would|will) you (?:please |kindly |just |quickly |briefly )?(?:(?:re-?)?describe|explain|tell (?:me|us)(?: (?:a (?:little |bit )?)?more)?(?: about)?|elaborate(?: on)?|walk (?:me|us) through|go over|repeat)"
    r" (?:" + _ISSUE + r"(?: (?:you(?:'re| are) (?:having|facing|experiencing)))?(?:\s+(?:again|once more|in (?:more )?detail))?|(?:it|that|everything) (?:again|once more)"
    r"|what (?:the |your )?(?:issue|problem|trouble|matter)s? (?:is|are|was|seems to be))"
    # "Please describe the problem again." at a sentence start
    r"|^(?:(?:please|kindly|first|so),?\s+)?(?:(?:re-?)?describe|explain|tell (?:me|us)(?: (?:a (?:little |bit )?)?more)? about|walk (?:me|us) through) " + _ISSUE + r"(?:\s+(?:again|once more|in (?:more )?detail))?"
    # "What seems to be the problem?", "what's the issue?", "what can I help you with today?"
    r"|\bwhat (?:seems to be|is|'s|exactly is) the (?:problem|issue|trouble|matter)(?: (?:you(?:'re| are) (?:having|facing|experiencing)))?(?: with (?:your|the) \w+)?(?: today)?(?=\s*\?)"
    # "could you give me a quick summary of the issue?", "send us a DM with the details of what happened"
    r"|\b(?:give|send|share with) (?:me|us) (?:a |an )?(?:quick |short |brief )?(?:summary|rundown|recap|overview|description) of (?:" + _ISSUE + r"|what(?:'s| is| has)? (?:happened|happening|going on|been (?:happening|going on)))"
    r"|\b(?:with|send (?:us|me)|share) (?:the |some |a few |more )?details (?:of|about|on) what(?:'s| has)? (?:happened|happening|went wrong|been (?:happening|going on))"
    r"|\bwhat (?:can|may) (?:i|we) (?:help|assist) you with(?: today)?(?=\s*\?)",
    _I,
)
# Stage one for the whole reply: some re-ask wording at all.
_REASK_ANY = re.compile(r"\b(?:describe|explain|tell (?:me|us)|elaborate|walk (?:me|us)|go over|repeat|what (?:seems|is|'s|exactly|can|may)|summary|rundown|recap|overview|description|details)\b", _I)
# ... and says what goes wrong ("logs me out", "charged twice", "error 502"), not only "I have an issue".
_SYMPTOM = re.compile(
    r"\b(?:won't|wont|doesn't|doesnt|didn't|can't|cant|cannot|isn't|hasn't|haven't|never|not (?:working|loading|showing|opening|arriving|charging)"
    r"|error|crash\w*|freez\w*|frozen|stuck|charged|twice|double|missing|broken|cracked|damaged|wrong|late|declined|failed|fails"
    r"|logs? (?:me )?(?:in|out)|keeps?|stopped|disappeared|deleted|lost|blank|spins?|loop\w*|drops?|dropping|disconnect\w*|cuts? out|goes down|went down"
    r"|slow|flicker\w*|overheat\w*|leak\w*|dead|died|denied|rejected|refused|overcharged|cancell?ed|fallen out|fell out|in pain|hurts?|"
    r"(?:does|did|do|is|are|was) not|no (?:signal|service|internet|sound|power|response)|gives? me|shows? (?:me )?(?:an?|the)|says)\b",
    _I,
)
# The customer's message describes a concrete problem, not only a vent.
_DESCRIBES = re.compile(
    r"\b(?:won't|wont|doesn't|doesnt|can't|cant|cannot|isn't|not (?:working|loading|showing)|error|crash\w*|charged|refund\w*|order\w*|arriv\w+|deliver\w*|missing|broken|cracked"
    r"|cancel\w*|account|log(?:s|ged)? (?:me )?(?:in|out)|login|password|app|payment|card|bill\w*|invoice|package|parcel|flight|booking|update\w*|screen|install\w*|download\w*"
    r"|connect\w*|signal|internet|wifi|outage|network|device|phone|item|subscription|plan|upload\w*|sync\w*|page|site|website|email|code|printer|battery)\b",
    _I,
)
# Details the customer already gave, and the questions that ask for them again.
_ID_NOUN = r"(?:order|account|member(?:ship)?|policy|booking|reservation|confirmation|case|ticket|claim|tracking|rental|authori[sz]ation|bag tag|report)"
_ASK_DETAIL = [
    (re.compile(r"\b(?:your|the) " + _ID_NOUN + r" (?:number|no\.?|#|id|code|reference|ref)\b|\b(?:which|what) " + _ID_NOUN + r"\b", _I),
     re.compile(_ID_NOUN + r"\s*(?:number|no\.?|#|id|code|reference|ref\.?)?\s*[:#]?\s*\(?[A-Z]{0,5}-?\d{3,}|#\s?[A-Z]{0,3}-?\d{3,}"
                r"|\(\s*[A-Z]{1,4}-\d{3,}\s*\)", _I)),
    (re.compile(r"\bwhat(?:'s| is| was) the (?:charge|amount)\b|\bhow much (?:were you|was it|was the charge)\b|\bwhich charge\b", _I),
     re.compile(r"[$£€]\s?\d")),
    (re.compile(r"\b(?:what|which) (?:dose|dosage|strength)\b", _I), re.compile(r"\b\d+(?:\.\d+)?\s?(?:mg|mcg|ml)\b", _I)),
]
# "what's going on with your card today?", "describe what's happening": an open re-ask
_OPEN_REASK = re.compile(
    r"\bwhat(?:'s| is) (?:going on|happening|wrong)(?: with (?:your|the) \w+)?(?: today)?(?=\s*\?)"
    r"|\b(?:describe|describing|explain|explaining|tell (?:me|us)|walk (?:me|us) through|let (?:me|us) know) (?:[^.?!]{0,40}\band )?what(?:'s| is| has) (?:happening|going on|wrong|been (?:happening|going on))\b"
    r"|\bwhat (?:you|we) (?:discussed|talked about|covered|went over) (?:in|with|during|on) (?:your|the|our) (?:previous|last|earlier|prior) (?:conversation|chat|call|e-?mail)\b"
    r"|\ba (?:short |brief |quick )?description of (?:the|your) (?:problem|issue)\b", _I)
_SPECIFIC = re.compile(r"\b(?:which|what) (?:model|device|browser|version|app|os|phone|error message|order|card|address|email|account|city|zip|postcode|plan)\b|\bscreenshot\b", _I)


class AskAgain(Rule):
    id = "HLP004"
    name = "explain-again"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "Asking the customer to describe the problem again (or for their order number) when their message already says it."
    why = (
        "Being asked to start over is one of the most frustrating things in support. Read what they wrote and "
        "ask only for what's missing, or act on it. Needs the customer's message as Context.customer_message."
    )
    message = "The customer already described this in their message; ask only for what's missing instead of “{passage}”."
    trigger = "a request to describe the issue, and a customer message of 12 or more words"
    confidence = 0.8
    bad = examples(
        {"text": "Thanks for waiting! Could you describe the issue again?", "flagged": "Could you describe the issue again",
         "context": {"customer_message": "The app logs me out every time I switch to another app and back, on my iPhone 14 since yesterday's update."}},
        {"text": "Hi, I'm Sam and I'll be helping you today. What seems to be the problem?", "flagged": "What seems to be the problem",
         "context": {"customer_message": "I was charged twice for my March invoice and the second charge still hasn't been refunded after a week."}},
        {"text": "Sorry to hear that! Can you tell us more about the issue?", "flagged": "Can you tell us more about the issue",
         "context": {"customer_message": "My order arrived with a cracked screen protector and the charger is missing from the box entirely."}},
        {"text": "Sorry to hear that! Can you describe the problem and give me your order number?",
         "flagged": "Can you describe the problem",
         "context": {"customer_message": "My order #58821 arrived in the wrong color. I ordered navy and got black."}},
        {"text": "Hi Kwame, I'm Lena and I'll be helping from here. To get started, what's going on with your card today?",
         "flagged": "what's going on with your card today",
         "context": {"customer_message": "I was charged twice for the same purchase: $84.20 at Corner Market on May 3, card ending 4471."}},
        {"text": "Before I process anything, could you send me your membership number?", "flagged": "your membership number",
         "context": {"customer_message": "I'd like to cancel my membership (member #GF-20931) at the end of this month."}},
        {"text": "Happy to help with a refill! What dose is he on?", "flagged": "What dose",
         "context": {"customer_message": "Can I get a refill of Biscuit's Apoquel 16mg, one tablet daily?"}},
    )
    good = examples(
        {"text": "Could you describe the issue?", "context": {"customer_message": "help, app broken"}},
        "Can you tell us more about the issue?",
        {"text": "Sorry about the logouts! Which iPhone model is it, and which app version do you see under Settings > About?",
         "context": {"customer_message": "The app logs me out every time I switch to another app and back, on my iPhone since yesterday's update."}},
        {"text": "I've sent a navy one for order #58821. Can you describe the problem with the return form so I can fix it too?",
         "context": {"customer_message": "Order 58821 came in the wrong color, and the return form doesn't load."}},
        {"text": "Could you reply with the last four digits of the card on file so I can verify it's you? Then I'll end GF-18874.",
         "context": {"customer_message": "Please cancel my membership, number GF-18874."}},
        {"text": "What's your order number? I'll check where it is.",
         "context": {"customer_message": "Where is my package? It was due Monday."}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        msg = rc.context.customer_message
        if not msg:
            return
        if re.search(r"\b(?:dm|pm|direct message|private message|privately|inbox)\b", analysis.text, _I):
            return  # moving to a private channel to take details is a step, not a re-ask
        found = list(self._reask(analysis, msg))
        yield from found
        if not found:
            yield from self._asks_for_given(analysis, msg)

    def _reask(self, analysis: "Analysis", msg: str) -> Iterable[Hit]:
        """"Could you describe the issue?" when the message already describes it."""
        n = words(re.sub(r"[@#]\w+", " ", msg))
        if n < 12 or not _SYMPTOM.search(msg) or not (_DESCRIBES.search(msg) or n >= 15):
            return
        if not _REASK_ANY.search(analysis.text) and not _OPEN_REASK.search(analysis.text):
            return
        for s in sentences(analysis):
            if s.role == "signoff":
                continue
            for m in _REASK.finditer(s.text):
                m = re.search(re.escape(m.group()), s.raw) or None
                if m is None:
                    continue
                # "describe the problem WITH THE RETURN FORM" narrows it to something new: fine
                tail = s.raw[m.end():m.end() + 40]
                if re.match(r"\s*(?:with|in|on|about|regarding) (?:the|your|this|that) (?!issue|problem|order\b)\w+", tail, _I):
                    continue
                if _SPECIFIC.search(s.raw):
                    continue
                end = m.end()
                while end > m.start() and s.raw[end - 1] in " ?.!,":
                    end -= 1
                start = s.start + m.start()
                yield Hit(start, s.start + end, message=self.message.format(passage=s.raw[m.start():end]))
                return
        for s in sentences(analysis):
            if s.role == "signoff" or not s.raw.rstrip().endswith("?"):
                continue
            m = _OPEN_REASK.search(s.raw)
            if m and not _SPECIFIC.search(s.raw):
                yield Hit(s.start + m.start(), s.start + m.end(), message=self.message.format(passage=m.group()))
                return
        yield from self._asks_for_given(analysis, msg)

    def _asks_for_given(self, analysis: "Analysis", msg: str) -> Iterable[Hit]:
        """A question for a detail the message already holds: its order number, the amount, the dose."""
        if re.search(r"\b(?:verify|confirm (?:it's|that it's|your identity)|security|last (?:four|4))\b", analysis.text, _I):
            return  # asking again to verify identity is a step, not a re-ask
        for s in sentences(analysis):
            if s.role == "signoff" or re.search(r"\b(?:do not|don't|never|avoid|without)\b", s.raw, _I):
                continue
            if not (s.raw.rstrip().endswith("?") or re.search(r"\b(?:share|send|provide|give|dm|tell)\b", s.raw, _I)):
                continue
            for ask, given in _ASK_DETAIL:
                m = ask.search(s.raw)
                value = given.search(msg) if m else None
                if m and value and value.group().strip("#:( ") not in analysis.text and not re.search(r"\d{4,}", s.raw):
                    yield Hit(s.start + m.start(), s.start + m.end(),
                              message=f"The customer already gave this (“{value.group().strip()}”); use it instead of asking again.")
                    return
