"""CUS003: capacity excuses (short-staffed, backlog, high volume)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:

    from ...nlp import Analysis

from ._text import _A, _Gate, _GateSet, _rx, _sents

_WORKLOAD_NOUNS = (
    r"(?:support\s+)?(?:requests?|contacts?|calls?|chats?|messages?|e-?mails?|inquir(?:y|ies)|enquir(?:y|ies)|tickets?|"
    r"cases?|quer(?:y|ies)|tweets?|dms?|customers?|guests?|responses?|claims?)"
)
# Each of these is the excuse by itself.
_CAPACITY_PATTERNS = [
    ("staffed understaffed shorthanded handed skeleton shortage shortages short",
     (r"\b(?:short[- ]?staffed|under[- ]?staffed|short[- ]handed|skeleton (?:crew|staff)|staff(?:ing)? shortages?|"
     r"short (?:on|of) (?:staff|agents|people|hands))\b")),
    ("backlog",
     (r"\b(?:due to|because of|owing to|with|clearing|working through|catching up on|behind on)\s+(?:a |an |the |our )?"
     r"(?:(?:large|huge|big|massive|current|ongoing|internal|heavy|bit of a)\s+)?backlog\b")),
    ("backlog",
     r"\bbacklog of (?:tickets|cases|requests|e-?mails|chats|messages|claims|refunds|applications|returns)\b"),
    ("volume volumes number numbers amount amounts",
     (r"\b(?:high|higher(?: than (?:usual|normal|expected))?|heavy|heavier than (?:usual|normal)|large|huge|unusually high|"
     rf"increased|record|overwhelming|massive)\s+(?:volumes?|numbers?|amounts?)\s+of\s+{_WORKLOAD_NOUNS}\b")),
    ("volume volumes",
     (r"\b(?:due to|because of|owing to|experienc(?:e|es|ing)|fac(?:e|es|ing)|receiv(?:e|es|ing)|handl(?:e|es|ing)|seeing|getting|"
     r"having)\s+(?:a |an |in )?(?:high|higher(?: than (?:usual|normal|expected))?|heavy|unusually high|increased|large|record|"
     r"massive)\s+volumes?(?! of\b)\b")),
    ("half",
     (r"\b(?:half|most|many|several|a few|some|lots|a lot|a bunch) (?:the|our|of the|of our|of us|of the team|of our team|of our staff)"
     r"(?: (?:team|staff|agents|office|department))?\b[^.!?\n]{0,25}?\b(?:out|off|sick|away|on leave|ill)\b")),
    (("out off away at on&supervisor supervisors manager managers lead leads leader leaders teamlead colleague colleagues coworker "
     "coworkers boss"),
     (r"\b(?:my|our|the) (?:supervisors?|managers?|team ?leads?|leads?|colleagues?|coworkers?) (?:is|are|was|were) (?:out|off|away)\s+"
     r"(?:sick|ill|today|on leave|at lunch|for lunch|on (?:a )?break|on holiday|on vacation)\b|"
     r"\b(?:my|our|the) (?:(?:other )?supervisors?|managers?|team ?lead(?:er)?s?|leads?|boss) (?:is|are|was|were) "
     r"(?:at|on|out (?:at|to|for)) (?:lunch|(?:a )?break|holiday|vacation|leave)\b")),
    ("meeting meetings",
     r"\b(?:my|our|the) (?:(?:other )?supervisors?|managers?|team ?leads?|other one) (?:is|are) in (?:a )?meetings?\b"),
    # "I'm the only one covering chat tonight", "I'm the only agent on the phones"
    ("only&covering on working staffing",
     (rf"\bi(?:{_A}m| am) the only (?:one|person|agent|rep) (?:covering|on|working|staffing)\s+(?:the\s+)?"
     r"(?:chat|chats|the phones|phones|the queue|the desk|support|tonight|today|this shift)\b")),
    ("juggling",
     r"\bjuggling\s+(?:\w+\s+){0,2}(?:chats|customers|conversations|tickets|calls|cases)\b"),
    ("chats chat customers customer calls call conversations conversation tickets ticket",
     (rf"\bi (?:was|am|{_A}m) (?:helping|handling|assisting|on|with|in|covering)\s+(?:\w+\s+){{0,2}}(?:other|another|several|multiple|\d+|"
     r"two|three|four|five|six)\s+(?:other\s+)?(?:chats?|customers?|calls?|conversations?|tickets?)\b")),
    ("shift",
     rf"\b(?:it{_A}s|it is|during|at) (?:a |the )?shift change\b"),
    ("lost losing&reps agents staff people members colleagues",
     (r"\b(?:lost|losing)\s+(?:a few|some|several|two|three|\d+|a couple|a lot|half|most|many)\s+(?:of\s+)?(?:our\s+|the\s+)?"
     r"(?:reps|agents|staff|people|team members|colleagues|support staff)\b")),
    # "our support inbox got flooded", "a huge influx of tickets", "our team is down to two people"
    ("flooded swamped slammed overwhelmed inundated jammed backed overloaded maxed snowed stretched",
     (r"\b(?:our|the)\s+(?:support\s+|customer service\s+|care\s+)?(?:inbox|inboxes|queues?|team|lines?|phones?|chat|agents|staff)\s+"
     r"(?:(?:has|have|had|got|get|is|are|was|were|been|getting|being|completely|totally|really|absolutely)\s+){0,3}"
     r"(?:flooded|swamped|slammed|overwhelmed|inundated|jammed|backed up|overloaded|maxed out|snowed under|stretched thin)\b")),
    ("influx surge spike flood deluge avalanche pile",
     (rf"\b(?:(?:huge|big|massive|large|sudden|unexpected|unusual|real)\s+)?(?:influx|surge|spike|flood|deluge|avalanche|pile[- ]up)\s+of\s+"
     rf"(?:new\s+)?{_WORKLOAD_NOUNS}\b")),
    ("down",
     r"\b(?:our|the)\s+(?:\w+\s+)?team\s+(?:is|was|has been)\s+down\s+to\s+(?:\w+\s+)?(?:people|agents|of us|person)\b"),
    ("only just",
     (r"\b(?:only|just)\s+(?:had\s+|have\s+)?(?:one|two|three|four|\d+|a couple|a few|a handful)\s+(?:of us|people|person|agents?|staff)\s+"
     r"(?:are\s+|is\s+|was\s+|were\s+)?(?:on|working|in|covering|manning|answering)\b")),
    ("fumes empty capacity maxed drowning buried swamped",
     r"\b(?:running on (?:fumes|empty)|at (?:full )?capacity|over capacity|maxed out|drowning in|buried in|swamped with)\b"),
    ("down short",
     r"\b(?:down|short)\s+(?:a|one|two|three|a few|a couple of|several)\s+(?:people|agents|staff|team members|colleagues|reps)\b"),
    ("once same simultaneously",
     (r"\b(?:covering|handling|juggling|working|managing|answering|doing)\s+(?:\w+\s+){0,2}(?:chats|conversations|calls|customers|tickets)\s+"
     r"(?:at once|at the same time|simultaneously)\b")),
    ("quit left resigned laid",
     (r"\b(?:(?:two|three|four|several|some|a few|a couple|half|many|most|\d+) of )?(?:our|the) (?:agents|staff|team members|colleagues|"
     r"people|reps|support staff) (?:quit|left|resigned|were let go|got laid off)\b")),
    ("out off away sick leave holiday vacation",
     (r"\b(?:a lot of|many|most|several|half) (?:of )?(?:our|the) (?:team|staff|agents|colleagues|people) (?:are|is|were|was) "
     r"(?:out|off|away|sick|on leave|on holiday|on vacation)\b")),
    ("behind catch",
     (rf"\b(?:we{_A}re|we are|we{_A}ve been|we have been|i{_A}m|i am)\s+(?:\w+\s+)?behind\s+on\s+(?:our\s+)?(?:e-?mails|replies|tickets|"
     r"messages|requests|cases|inbox|chats|dms)\b|\bplaying catch[- ]up\b")),
    ("turnover hires hire training trainees onboarding",
     (r"\b(?:staff|team|agent|employee)\s+turnover\b|\b(?:training|onboarding)\s+(?:a\s+(?:lot|bunch)\s+of\s+|several\s+|some\s+)?"
     r"new\s+(?:agents|staff|hires|people|team members|reps)\b|\blots? of new (?:hires|agents|staff)\b")),
    # "there are only so many of us to go around", "more applications than hands", "hiring hasn't caught up"
    ("many", r"\bonly so many of us\b"),
    ("only&covering working answering on", r"\b(?:it's|it is) only (?:me|two of us|one of us|me and (?:one|two) others?(?: (?:people|person))?) (?:covering|working|answering|on)\b"),
    ("buried underwater digging",
     (r"\b(?:inbox|queue|inboxes|team) (?:got|is|was|has been|have been) buried\b|\bstill digging (?:out|ourselves out)\b"
     r"|\b(?:we(?:'ve| have) been|we(?:'re| are)) underwater\b")),
    ("pile stack",
     r"\b(?:still )?working (?:through|down) (?:the|a|our) (?:pile|stack|backlog)\b"),
    ("hands", r"\bmore (?:\w+ ){0,2}than (?:we have )?hands\b|\bnot enough hands\b"),
    ("hiring", r"\bhiring (?:hasn't|has not|hasn’t) (?:caught up|kept up|kept pace)\b"),
    # "each of our adjusters is carrying roughly triple the usual caseload"
    ("caseload caseloads workload workloads",
     (r"\b(?:carrying|handling|juggling|working|with)\s+(?:roughly |about |nearly |almost |around )?(?:double|triple|twice|three times|"
     r"\d+x|\d+ times) (?:the|their|our|a) (?:usual|normal|typical|regular) (?:caseload|workload|volume|load)\b")),
    # "we've been stretching every crew across more jobs", "two of our front-desk staff are on leave"
    ("stretching stretched stretch",
     r"\bstretch(?:ing|ed)?\s+(?:every|each|our|the)\s+(?:\w+\s+)?(?:crews?|teams?|staff|agents?|techs?|technicians?|drivers?)\b"),
    ("leave sick vacation holiday",
     (r"\b(?:two|three|four|several|some|a few|a couple|half|many|most|\d+) of (?:our|the) (?:[\w-]+ )?(?:staff|agents|team members|"
     r"colleagues|people|reps|vets|nurses|drivers|techs|technicians|crew members?) (?:are|is|were|was|have been) "
     r"(?:out sick|off sick|on leave|on vacation|on holiday|out|off)\b")),
    ("pile mountain stack heap mound ton tons flood wave",
     rf"\b(?:pile|mountain|stack|heap|mound|tons?|flood|wave)\s+of\s+(?:new\s+|unread\s+)?{_WORKLOAD_NOUNS}\b"),
]


_CAPACITY_GATES = _GateSet([_Gate(k, p) for k, p in _CAPACITY_PATTERNS])
_BUSY_KEYS = frozenset(["pulled", "tied", "caught", "occupied", "heads", "stuck"])
_WEAK_KEYS = frozenset(
    ["mayhem", "chaos", "chaotic", "madness", "bedlam", "swamped", "slammed", "snowed", "overwhelmed", "buried", "stretched", "flat", "catching", "catch", "run", "busier", "busy", "inundated", "sick", "off", "leave", "crazy", "hectic", "mad", "wild", "chaotic", "insane", "rough", "manic", "out"]
)
# These are an excuse only next to a delay: "sorry for the wait, we're swamped".
_CAPACITY_BUSY_TEAM = _rx(
    rf"\b(?:the\s+(?:whole\s+|entire\s+)?team|our\s+(?:whole\s+|entire\s+)?team|everyone|we|i)\s+(?:was|were|is|are|have been|"
    rf"has been|{_A}ve been|{_A}s been|{_A}re|{_A}m|got)\s+(?:all\s+)?(?:pulled (?:into|onto|off)|tied up|caught up|occupied|"
    r"heads[- ]down|stuck)(?:\s+(?:with|on|in|into))?\b"
)
_CAPACITY_WEAK = _rx(
    rf"\b(?:we{_A}re|we are|we{_A}ve been|we have been|we were|i{_A}m|i am|i{_A}ve been|the team is|our team is|everyone is|"
    rf"it{_A}s been|things are|it{_A}s|it is|it was)\s+(?:(?:really|very|so|a bit|a little|extremely|quite|super|incredibly|pretty|currently|just|all|"
    r"absolutely|completely)\s+)*(?:swamped|slammed|snowed under|overwhelmed|buried|stretched (?:\w+ )?thin|flat out|catching up|playing catch[- ]up|"
    r"run off our feet|busier than (?:usual|normal|ever)|busy|inundated|off sick|out sick|off for \w+ days?|out for \w+ days?|"
    r"off (?:work|last week|yesterday)|on leave|mayhem|chaos|chaotic|madness|bedlam|(?:a |an )?(?:\w+ )?(?:crazy|hectic|mad|wild|chaotic|insane|rough|manic) "
    r"(?:week|day|month|few days|few weeks|morning|time|season))\b"
    r"(?!\s+(?:by|with)\s+(?:the\s+|all\s+)?(?:demand|interest|response|love|support|kind))"
)
_DELAY = _rx(
    r"\b(?:delay\w*|wait\w*|late|slow\w*|repl(?:y|ies|ied)|respon\w+|get(?:ting)? back|took|taking|sorry|apolog\w+|"
    r"patience|patient|bear with|hold|sooner|earlier|queue|silence|quiet)\b"
)
_WAITED = _rx(
    r"\b(?:wait\w*|waited|hours?|days?|still there|hello\?|anyone there|no (?:reply|response|answer)|took|ignor\w+|"
    r"repl(?:y|ied)|respon\w+|so long|forever)\b"
)


class CapacityExcuse(Rule):
    id = "CUS003"
    name = "capacity-excuse"
    trait = "customer_focused"
    severity = Severity.WARNING
    summary = "Staffing and workload excuses (“we're short-staffed”, “due to a backlog”, “a high volume of requests”, “I was juggling four chats”)."
    why = (
        "How busy we are is our problem, not the customer's. Apologize for the wait once, then help: "
        "“Sorry for the wait! Here's what I found.”"
    )
    message = "Leave our workload out of it (“{passage}”): apologize for the wait and get to the answer."
    bad = examples(
        {"text": "Every refund request landed at once, and there are only so many of us to go around. Your refund is approved.",
         "flagged": "only so many of us"},
        {"text": "I'll check May 12 for you now. I'm the only one covering chat tonight, so bear with me.",
         "flagged": "I'm the only one covering chat"},
        {"text": "Each of our adjusters is carrying roughly triple the usual caseload, so claims are slow.",
         "flagged": "carrying roughly triple the usual caseload"},
        {"text": "Sorry for the wait, we're really short-staffed today. How can I help?", "flagged": "short-staffed"},
        {"text": "Sorry for the slow reply, due to a backlog it's taking longer than usual.", "flagged": "due to a backlog"},
        {"text": "We're receiving a high volume of requests, so replies may take 3 days.", "flagged": "high volume of requests"},
        {"text": "Honestly, we've been swamped with half the team out sick. What can I do for you?",
         "context": {"customer_message": "Why did it take 3 days to get a reply?"}, "flagged": "we've been swamped"},
        {"text": "Sorry, it's shift change and I was juggling four other chats. I'm back now.", "flagged": "it's shift change"},
        {"text": "Sorry for the delay, we're a little busier than normal today.", "flagged": "we're a little busier than normal"},
    )
    good = examples(
        "Two of our vets are on call tonight, so you can come in any time.",
        "You're the only one on the account with admin rights, so the invite has to come from you.",
        "We've doubled the crew on your street so the repair finishes sooner.",
        "Sorry for the 40-minute wait, that's way too long. I'm here now. How can I help?",
        "Your order is in our backlog report as shipped, and it should arrive Wednesday.",
        "The volume of the speaker is set in the app under Sound.",
        "Heavy traffic on the highway slowed the courier a little; your parcel is out for delivery today.",
        "We've been overwhelmed by demand! Supply is limited, but please keep trying.",
        "We were very busy when the slots went live. Did you manage to get one in the end?",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        waited = bool(_WAITED.search(rc.context.customer_message or ""))
        for info in _sents(analysis):
            base, sent = info.start, info.text
            spans = [(m.start(), i, m.end()) for i, m in _CAPACITY_GATES.matches(info)]
            weak = list(_CAPACITY_WEAK.finditer(sent)) if not info.toks.isdisjoint(_WEAK_KEYS) else []
            if not info.toks.isdisjoint(_BUSY_KEYS):
                weak += list(_CAPACITY_BUSY_TEAM.finditer(sent))
            for m in weak:
                rest = sent[: m.start()] + " " + sent[m.end() :]
                if _DELAY.search(rest) or spans or waited:
                    spans.append((m.start(), -1, m.end()))
            for s, e in _merged(spans):
                yield Hit(base + s, base + e, message=self.message.format(passage=sent[s:e]))


def _merged(spans: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One passage per overlapping group: the earliest, and of those the one from the pattern
    listed first ("we've been swamped" over "swamped with"). Spans are (start, rank, end)."""
    out: list[tuple[int, int]] = []
    for s, _, e in sorted(spans):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out
