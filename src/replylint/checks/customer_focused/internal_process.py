"""CUS002: internal routing and process jargon (tiers, trackers, queues, SLAs)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...fixes import replacement_edit, suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:

    from ...nlp import Analysis

from ._text import _A, _customer_mentions, _Gate, _GateSet, _rx, _sents

_SPECIALISTS = "asked our specialists to look into it"
_CASE = 1
_BARE_ID_RX = r"(?<![\w/-])[A-Z]{2,6}-\d{2,6}\b"  # an issue-tracker id ("ENG-4410"), only with a tracker cue
_ROUTE_VERB = (
    r"(?:escalat\w*|transferr?\w*|pass(?:ed|ing)?|sen[dt](?:ing)?|rout\w+|forward\w*|mov(?:ed|ing)|bump(?:ed|ing)?|handed|"
    r"kick(?:ed|ing)?|push(?:ed|ing)?|punt(?:ed|ing)?|refer(?:red|ring)?)"
)
_ROUTE_OBJ = r"(?:\s+(?:it|this|that|(?:your|the|this)\s+\w+(?:\s+\w+)?))?(?:\s+(?:up|over|on))?"
_TIER = r"(?:tier|level)[ -]?(?:[1-3]|one|two|three|ii|iii)\b"
# "standup" is process talk only in a sentence about the devs or the team.
_STANDUP_WITH_TEAM = r"\b(?:daily\s+|morning\s+|team\s+)?stand[- ]?ups?\b"
_PROCESS = [
    # "so it drops into the adjustments resolver group's queue", "I've posted it in the ops Slack channel",
    # "flagged your account in our retention tool as a save"
    ("resolver queue slack retention save&group queue slack channel tool save desk team department",
     (r"\bresolver (?:group|team|queue)s?\b|\b(?:in|into|to)\s+(?:the|our)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:team|group|desk|department)(?:'s|s')?\s+queue\b|\b(?:in|on|to|into)\s+(?:the|our)\s+(?:ops|internal|team|support|engineering|eng|dev|staff|agent)\s+slack(?:\s+channel)?\b"
      r"|\bour\s+(?:retention|churn|save|win-?back)\s+(?:tool|system|queue|team|desk)\b|\bas\s+a\s+save\b(?!\s+(?:point|file|slot|game|state|location))"), 0),
    # "escalated this to tier 2", "passed your case on to Level 2 support"
    ("tier level l1 l2 l3",
     (rf"\b(?P<route>{_ROUTE_VERB}{_ROUTE_OBJ}\s+(?:to|into|over to|up to|with)\s+(?:(?:our|the|a)\s+)?(?:{_TIER}|L[1-3]\b)"
     r"(?:\s+(?:support|team|agents?|queue|specialists?|techs?|engineers?|desk|bucket|group|folks|people))?)"), 0),
    ("tier level",
     (rf"\b(?:our\s+|the\s+|a\s+)?{_TIER}\s+(?:support|team|agents?|queue|specialists?|techs?|engineers?|desk|escalation|bucket|group|"
     r"folks)\b"), 0),
    ("line backline",
     (r"\b(?:first|second|third|1st|2nd|3rd)[- ]line\s+(?:support|team|agents?|techs?|engineers?|specialists?|desk)\b|"
     r"\b(?:the|our)\s+back[- ]?line\b"), 0),
    ("l1 l2 l3",
     r"\bto\s+(?:our\s+|the\s+)?L[1-3]\b(?:\s+(?:support|team|queue))?", re.IGNORECASE),
    # "escalated it to my team lead / the backline / engineering"
    ("lead leads leader leaders tl backline line escalation escalations teamlead teamleader",
     (rf"\b(?P<route2>{_ROUTE_VERB}{_ROUTE_OBJ}\s+to\s+(?:my|our|the)\s+(?:team ?lead|TL|backline|back-line|back line|"
     r"second[- ]line|2nd[- ]line|third[- ]line|escalations? team|team ?leader)\b)"), 0),
    # tracker tickets: "a JIRA ticket", "opened an internal ticket", "raised a bug ticket with the devs"
    ("jira servicenow service bugzilla youtrack",
     r"\b(?:a |an |the |our )?(?:jira|servicenow|service now|bugzilla|youtrack)(?: ticket| issue| bug| board| card| task| story)?\b", 0),
    ("opened filed raised logged created submitted put",
     (r"\b(?:opened|filed|raised|logged|created|submitted|put in)\s+(?:a|an|the)\s+(?:internal|bug|dev|engineering|eng|"
     r"backend|back-end)\s+(?:ticket|issue|report|card|task|request)\b"), 0),
    # an internal tracker id with tracker context: "tagged internally as VVM-512"
    ("tagged logged tracked filed referenced labeled labelled listed",
     r"\b(?:tagged|logged|tracked|filed|referenced|labell?ed|listed)\s+(?:internally\s+)?(?:as|under)\s+[A-Z]{2,6}-\d{2,6}\b", 0),
    ("jira tracker bug bugs engineering engineers engineer devs dev developers internally sprint qa squad backlog",
     _BARE_ID_RX, _CASE),
    ("internally",
     r"\b(?:tagged|logged|tracked|filed|flagged|noted)\s+internally\b", 0),
    # priorities and SLAs
    ("p0 p1 p2 p3 p4 sev sev0 sev1 sev2 sev3 sev4",
     r"(?<![\^\w])(?<!level )(?<!Level )(?<!floor )(?<!Floor )(?<!deck )(?<!garage )(?<!parking )(?:P[0-4]|Sev ?[0-4]|SEV ?[0-4])(?:\s+(?:priority|ticket|issue|incident|bug))?(?![\w-])"
     r"(?!\s+(?i:level|floor|deck|garage|parking|lot|car park|elevator|lift|stairs?|exit)\b)", _CASE),
    ("sla",
     (r"\b(?i:per|under|within|according to|against|breach(?:es|ed)? of|outside|inside)\s+(?i:the|our)\s+(?i:internal\s+)?SLA\b|"
     r"\b(?i:our|the|internal)\s+SLA\b(?!\s+(?i:guarantees?|commits?|promises?|covers?|includes?|gives|entitles))"),
     _CASE),
    # internal queues and boards
    ("queue",
     (r"\b(?:our|the)\s+(?:ticket|tickets|case|cases|support|escalations?|engineering|dev|developer|tier[ -]?\d|"
     r"chargebacks?|disputes?|refunds?|review|claims?|billing|internal|backlog|work)\s+queue\b"), 0),
    ("queue",
     (r"\b(?:in|into|to|from|with)\s+(?:our|the)\s+(?!(?:play|up next|download|upload|print|song|music|video|watch|render|call|chat|"
     r"phone|virtual|pickup|pick-up|check-in|security|waiting|store|live|priority boarding)\s)[\w-]+\s+queue\b"
     r"(?=[^.!?\n]{0,40}\b(?:backed up|deep|cases|tickets|behind|weeks?|days?|sitting|stuck))"), 0),
    ("queue",
     (r"\b(?:sitting|stuck|waiting|parked|languishing)\s+in\s+(?P<q>(?:our|the)\s+(?!(?:play|up next|download|print|song|music|video|"
     r"call|chat|phone|virtual|pickup|check-in|security|waiting|store)\s)[\w-]+\s+queue)\b"), 0),
    ("priority",
     r"\bpriority[- ](?:[0-4]|one|two|three)\b(?:\s+(?:bucket|queue|ticket|issue|case))?", 0),
    ("po procurement",
     r"(?<![\w-])(?i:a|the|our|an open|the open)\s+PO\b(?!\s+(?i:box))|(?<!your )\b(?i:procurement)\b", _CASE),
    ("queue",
     r"\bticket queue\b|\bqueue\s+(?:is|which is|that is|of)\s+(?:about\s+|around\s+|over\s+)?\d+\s+(?:cases|tickets)\b", 0),
    # internal work pools: "out of the general tracing pool", "parked in our fallout bucket", "the disputes pod",
    # "the Stage 2 worklist in our case tool", "at tomorrow's standup"
    ("pool bucket pod worklist worklists",
     (r"\b(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}?(?:tracing|triage|escalat\w*|fallout|exceptions?|review|claims?|disputes?|"
     r"chargebacks?|intake|holding|general|fraud|risk)\s+(?:pool|bucket|pod|worklist)\b|\b(?:the|our)\s+(?:[\w-]+\s+){0,2}worklist\b"), 0),
    ("standup",
     r"\b(?:at|in|during|before|after)\s+(?:the|our|tomorrow's|today's|this morning's|the daily|our daily|the morning)\s+stand-?up\b", 0),
    ("tool",
     r"\b(?:in|into|from|on|via|through)\s+(?:our|the)\s+(?:internal\s+)?(?:case|admin|agent|back-?end|ops)\s+tool\b", 0),
    # dev process: "next sprint", "sprint planning"
    ("sprint",
     (r"\b(?i:next|this|current|upcoming|coming|following|future|a later|the next|this week's|next week's)\s+sprint\b|"
     r"\bsprint\s+(?:planning|backlog|board|cycle|review|goal)\b"), _CASE),
    ("qa",
     (r"(?<![\^@#\w])(?:(?i:our|the)\s+QA(?:\s+(?:team|folks|engineers|testers))?|QA\s+(?:team|testing|tested|engineers|environment|"
     r"build|signed off|approved|passed|is testing|are testing)|(?i:in|through|passed|passes|failed|fails)\s+QA)\b"), _CASE),
    # internal departments and systems named as plumbing
    ("office backoffice",
     r"\b(?:with|to|from|by|through|via)\s+(?:the|our)\s+back[- ]?office\b", 0),
    # "our routing rules", "assigned to the wrong queue", "in our bug tracker"
    ("routing",
     r"\b(?:our|the)\s+(?:ticket\s+|case\s+)?routing\s+(?:rules?|system|engine|logic|tool)\b", 0),
    ("queue",
     r"\b(?:assigned|routed|sent|moved|put|dropped|landed|ended up)\s+(?:\w+\s+){0,2}(?:to|in|into)\s+the\s+wrong\s+queue\b", 0),
    ("tracker",
     r"\b(?:our|the|an?)\s+(?:internal\s+)?(?:bug|issue|ticket)[- ]?tracker\b|\b(?:our|the) (?:internal )?tracker\b", 0),
    ("squad",
     r"\b(?:the|our)\s+(?:[\w-]+\s+)?squad\b(?=[^.!?\n]{0,40})", 0),
    ("ticketing ticket case desk helpdesk crm management",
     r"\b(?:our|the|my)\s+(?:ticketing|ticket|case[- ]management|help ?desk|crm)\s+(?:system|tool|software|platform|queue)\b", 0),
    ("inbox mailbox address queue",
     r"\b(?:a|the|our)\s+(?:shared|general|central|group|catch-?all|unmonitored|generic)\s+(?:inbox|mailbox|e-?mail address|queue)\b", 0),
    ("checked watches monitors reads",
     (r"\b(?:only\s+)?gets?\s+checked\s+(?:once a (?:week|month)|weekly|monthly|occasionally|rarely|every (?:few|couple of) (?:days|weeks))\b|"
     r"\b(?:nobody|no one|no-one)\s+(?:really\s+)?(?:watches|monitors|checks|reads)\b"), 0),
    # automations and routing rules: "our system auto-closes tickets", "routed by keyword", "merged by our automation"
    ("auto automatically autoclose autoclosed autocloses",
     (r"\bauto(?:matically)?[- ]?(?:clos|merg|assign|rout|archiv|reject|cancel|resolv)\w*\s+(?:\w+\s+)?(?:tickets|cases|requests|chats|"
     r"conversations|threads|emails|messages)\b|\bauto[- ]?clos\w+\b"), 0),
    ("by based according",
     (r"\b(?:routed|assigned|sorted|triaged|sent|tagged)\s+(?:\w+\s+)?(?:by|based on|according to)\s+(?:keywords?|category|categories|"
     r"rules|topic|an algorithm|our (?:system|rules|bot|automation))\b"), 0),
    ("automation bot macro macros trigger triggers workflow engine rules duplicate",
     r"\b(?:by|from)\s+our\s+(?:automation|bot|macros?|triggers?|workflow|rules engine|fraud rules)\b|\bmerged into a duplicate\b", 0),
    # approvals and processing order
    ("sign approval go green",
     (r"\b(?:sign[- ]off|approval|go-ahead|green light)\s+from\s+(?:the\s+|our\s+)?(?:finance|legal|compliance|management|approvals?|"
     r"risk|accounting|procurement|credit)\b|\b(?:the\s+|our\s+)?(?:finance\s+)?approvals\s+team\b"), 0),
    ("order ahead",
     (r"\bin the order (?:received|they (?:come|came|arrive|arrived|were received) in|they(?:[’']re| are| were) received|of receipt)\b|"
     r"\b\d{2,}\s+(?:tickets\s+|cases\s+|requests\s+|claims\s+|others\s+)?ahead of (?:yours|your (?:request|ticket|case|claim))\b"), 0),
    ("sprint planning grooming refinement standup stand",
     (r"\bmid[- ]sprint\b|\b(?:sprint|backlog)\s+(?:planning|grooming|refinement)\b|\b(?:next|upcoming)\s+planning\s+session\b|"
     r"\b(?:daily\s+)?stand[- ]?up\b(?=[^.!?\n]{0,40}\b(?:devs?|developers|engineers|team)\b)"), 0),
    # "closes conversations after 3 days without an agent reply", "in our chargeback backlog", "300 cases deep"
    ("after agent",
     (r"\b(?:auto[- ]?)?(?:closes?|closed|archives?|archived|resolves?|resolved|expires?|expired)\s+(?:\w+\s+)?(?:tickets|cases|conversations|"
     r"chats|threads|requests)\s+after\s+(?:\d+|a few|two|three|five|seven)\s+(?:hours|days|weeks)\b|"
     r"\bwithout an agent (?:reply|response)\b|\bno agent (?:reply|response)\b"), 0),
    ("backlog deep",
     r"\b(?:in|into|on|to|onto)\s+(?:our|the)\s+[\w-]+\s+backlog\b|\b\d+\s+(?:cases|tickets|requests|claims)\s+deep\b", 0),
    ("t1 t2 t3",
     r"\bT[1-3]\s+(?:team|support|agents?|desk)\b", _CASE),
    # "gone to our resolutions queue"
    ("queue",
     (r"\b(?:gone|went|moved|sent|passed|added|put|placed|routed|forwarded|assigned|escalated|dropped)\s+(?:\w+\s+)?(?:to|into|in|on|onto)\s+"
     r"(?P<q>(?:our|the)\s+(?!(?:play|up next|download|upload|print|song|music|video|watch|render|call|chat|phone|virtual|pickup|check-in|"
     r"security|waiting|store|live)\s)[\w-]+\s+queue)\b"), 0),
    # "raise an internal ticket", "the devs will triage it", "in the daily standup"
    ("open file raise log create submit put&ticket issue report card task request",
     (r"\b(?:open|file|raise|log|create|submit|put in)\s+(?:a|an)\s+(?:internal|bug|dev|engineering|eng|backend|back-end|jira)\s+"
     r"(?:ticket|issue|report|card|task|request)\b"), 0),
    ("triage triaged triages triaging&devs dev developers engineers engineering team they",
     r"\btriag(?:e|ed|es|ing)\b", 0),
    ("it",
     (r"\b(?i:wait(?:ing)? (?:for|on)|ask(?:ed)?|put in a request with|(?:raised?|logged|filed) (?:it|this) with|check(?:ed)? with|"
     r"pass(?:ed)? (?:it|this) (?:on )?to|get|got|need)\s+(?i:our\s+|the\s+)?IT\b(?:\s+(?i:team|department|dept|desk|folks|guys))?"), _CASE),
    ("standup standups stand&devs dev developers engineers engineering team",
     _STANDUP_WITH_TEAM, 0),
    ("escalation escalations",
     r"\b(?:our|the)\s+escalations?\s+(?:desk|team|queue|department|unit|group)\b", 0),
    ("priority&internally ticket case",
     r"\b(?:bumped|raised|upped|increased|changed|set|flagged)\s+(?:up\s+)?(?:the\s+)?priority\b", 0),
    ("macro macros",
     r"\b(?:our|the|a|my)\s+(?:[\w-]+\s+)?macros?\b", 0),
]

# A flag of 0 means case-insensitive; _CASE marks the patterns whose capitals matter (P1, SLA, QA, PO, tracker ids).
# Keyed patterns whose keys are a cue the rule requires, not only a speed-up (see _Gate.exact).
_CUE_KEYED = {_BARE_ID_RX, _STANDUP_WITH_TEAM}
_PROCESS_GATES = _GateSet([_Gate(k, p, f == _CASE, exact=p not in _CUE_KEYED) for k, p, f in _PROCESS])
# "the squad" is jargon only in routing talk: "assigned to the iOS squad"
_SQUAD_CUE = _rx(r"\b(?:assigned|passed|sent|handed|escalated|routed|given)\s+(?:\w+\s+){0,3}to\s+(?:the|our)\s+(?:[\w-]+\s+)?squad\b")
_BARE_ID = re.compile(r"[A-Z]{2,6}-\d{2,6}")
_ENG_CUE = _rx(r"\b(?:jira|tracker|bugs?|engineering|engineers?|devs?|developers?|dev team|internally|sprint|QA|squad|backlog)\b")
_REF_CUE = _rx(r"\b(?:order|booking|reference|ref|confirmation|case number|ticket number|your ticket|tracking|invoice|receipt)\b")
_JIRA_NAMES = ("jira", "servicenow", "service now", "bugzilla", "youtrack")
_REWRITE_LEAD = re.compile(rf"(?:\bi{_A}ve|\bi have|\bwe{_A}ve|\bwe have|\bi|\bwe)\s+$", re.IGNORECASE)
_JIRA_REWRITE = _rx(
    r"\b(?:opened|filed|raised|logged|created)\s+an?\s+(?:jira|internal|bug)\s+(?:ticket|issue|bug)(?:\s+\([A-Z]{2,6}-\d{1,6}\))?"
    r"\s+(?:for|with)\s+(?:the|our)\s+(?:devs|developers|engineers|dev team|engineering team|development team)\b"
)


class InternalProcess(Rule):
    id = "CUS002"
    name = "internal-process"
    trait = "customer_focused"
    severity = Severity.WARNING
    summary = "Internal routing and tracker jargon: “escalated to tier 2”, “opened a JIRA ticket”, “P1”, “per the SLA”, “next sprint”."
    why = "Tiers, queues, trackers and sprints are our plumbing; the customer only needs to know someone is on it, and when they'll hear back."
    message = "Say it in customer terms (“I've asked our specialists to look into it”) instead of “{passage}”."
    fix = "unsafe"
    bad = examples(
        {"text": "Your transfer was rejected and is now parked in our fallout bucket.", "flagged": "our fallout bucket"},
        {"text": "I've added a note so whoever picks it up at tomorrow's standup sees the proof.", "flagged": "at tomorrow's standup"},
        {"text": "I've escalated this to tier 2 and they will get back to you.", "flagged": "escalated this to tier 2",
         "fixed": "I've asked our specialists to look into it and they will get back to you."},
        {"text": "I've opened a JIRA ticket for the developers.", "flagged": "opened a JIRA ticket for the developers",
         "fixed": "I've reported this to our developers."},
        {"text": "Your case is now with our Level 2 support team.", "flagged": "our Level 2 support"},
        {"text": "It's logged as a P2, so the devs should pick it up in the next sprint.", "flagged": "P2"},
        {"text": "Your dispute is sitting in the chargebacks queue right now.", "flagged": "the chargebacks queue"},
        {"text": "Known issue, it's tagged internally as VVM-512.", "flagged": "tagged internally as VVM-512"},
        {"text": "I've posted it in the ops Slack channel so maintenance picks it up.", "flagged": "in the ops Slack channel"},
        {"text": "I've re-coded your case so it drops into the adjustments resolver group's queue.",
         "flagged": "into the adjustments resolver group's queue"},
    )
    good = examples(
        "The pool reopens Monday, and the hot tub is open now.",
        "Drop the bottles in the recycling bucket by the door.",
        "Your order sits in our queue until the warehouse opens at 8 a.m. ET.",
        "Keep that file as a save point before you update the game.",
        "I've asked our specialists to look into it and will update you tomorrow.",
        "Your plan is now on tier 2 pricing, which includes 50 GB.",
        "The second level of the parking garage is open again.",
        {"text": "In Jira, open the board settings and turn on the backlog.",
         "context": {"customer_message": "How do I enable the backlog on my Jira board?"}},
        "The queue at the store was long today, so we've extended the pickup window.",
        "Sprint customers can switch plans in the app under Account > Plan.",
        "Our SLA guarantees 99.9% monthly uptime on paid plans, with credits if we fall short.",
        {"text": "The SLA on the Business plan is a four-hour first response.",
         "context": {"customer_message": "What SLA do you offer on Business?"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        taken: list[tuple[int, int]] = []
        for info in _sents(analysis):
            base, sent = info.start, info.text
            for m in _JIRA_REWRITE.finditer(sent) if not info.toks.isdisjoint(("jira", "internal", "bug")) else ():
                start, end = base + m.start(), base + m.end()
                if _customer_mentions(rc, "jira") and "jira" in m.group().lower():
                    continue
                taken.append((start, end))
                edit = replacement_edit(text, start, end, "reported this to our developers")
                yield Hit(start, end, message=self.message.format(passage=m.group()),
                          suggestions=[suggestion(edit, "Say it in customer terms", safe=False)])
            for _, m in _PROCESS_GATES.matches(info):
                # the shortest passage: the queue's name, not the routing verb before it
                s0, e0 = m.span("q") if m.re.groupindex.get("q") and m.group("q") else m.span()
                start, end = base + s0, base + e0
                if any(s < end and start < e for s, e in taken):
                    continue
                passage = sent[s0:e0]
                low = passage.lower()
                if "squad" in low and not _SQUAD_CUE.search(sent):
                    continue
                if _BARE_ID.fullmatch(passage) and not (_ENG_CUE.search(sent) and not _REF_CUE.search(sent)):
                    continue
                if any(n in low for n in _JIRA_NAMES) and any(_customer_mentions(rc, n) for n in _JIRA_NAMES if n in low):
                    continue
                if low.strip() in _JIRA_NAMES and not _tracker_talk(sent):
                    continue
                if any(_customer_mentions(rc, w) for w in re.findall(r"\b[A-Z]{2,}\d?\b", passage)):
                    continue  # "our SLA" answering "what's your SLA?": the customer's own word
                taken.append((start, end))
                suggestions = []
                route = m.groupdict().get("route")
                if route and _REWRITE_LEAD.search(sent[: m.start("route")]):
                    edit = replacement_edit(text, start, end, _SPECIALISTS)
                    suggestions.append(suggestion(edit, "Say it in customer terms", safe=False))
                yield Hit(start, end, message=self.message.format(passage=passage), suggestions=suggestions)


_TRACKER_TALK = _rx(
    r"\b(?:ticket|issue|bug|board|card|task|story|logged|filed|opened|raised|tracked|created|devs?|developers?|engineers?)\b"
)


def _tracker_talk(sentence: str) -> bool:
    """A bare tracker name ("jira") is process talk only next to a ticket or dev word."""
    return bool(_TRACKER_TALK.search(sentence))
