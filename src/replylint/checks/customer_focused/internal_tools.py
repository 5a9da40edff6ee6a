"""CUS004: internal tool names and CRM process talk."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ...findings import Edit, Severity
from ...fixes import suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:

    from ...nlp import Analysis

from ._text import _A, _WORD, _customer_mentions, _rx, _sents

_CRMS = (
    "salesforce", "zendesk", "freshdesk", "hubspot", "intercom", "kustomer", "gorgias", "help scout",
    "helpscout", "zoho desk", "gladly", "dynamics 365", "genesys", "talkdesk", "five9", "confluence",
    "liveagent", "re:amaze", "slack", "tripleseat", "yardi", "dealersocket", "appfolio", "buildium", "servicetitan",
)
_PROCESS_VERBS = (
    r"(?:updated|update|logged|log|noted|note|added|add|entered|enter|changed|change|opened|open|filed|file|flagged|"
    r"flag|checked|check|looked|look|saw|see|set|put|marked|mark|created|create|raised|raise|recorded|record|tagged|"
    r"tag|assigned|assign|pinged|messaged|posted|saved|save|edited|edit|corrected|correct|fixed|fix|removed|remove|"
    r"reset|reopened|closed|escalated|synced|pulled|pull|found|find|can see|can't see)"
)
_ADMIN_TOOLS = _rx(
    r"\b(?:the|our|my)\s+(?:internal\s+)?(?:admin|agent|staff|support|back[- ]?end|internal)\s+(?:console|panel|portal|dashboard|tool|tools|system|view)\b"
    r"|\b(?:our|the)\s+(?:OMS|CRM|ERP|WMS|billing system|order management system|order system|internal systems?|internal tools?)\b"
)
_BACKEND = _rx(r"\b(?:our|the)\s+(?:back-?end|back end(?!\s+of\b))(?!\s+of\b)")
_BACKEND_CUE = _rx(
    r"\b(?:sync\w*|job|failure|failed|fail|server|servers|database|cron|deploy\w*|migration|bug|glitch|error|errors|"
    r"outage|went down|crash\w*|broke|triggered|runs?|process\w*|issue|update|data)\b"
)
_STATUS_CODE = re.compile(r"\b[A-Z]{3,}(?:[-_][A-Z]{3,})+\b(?=\s+(?:status|code|flag|state|queue|hold)\b)")
_FIRST_ACTOR = _rx(rf"\b(?:i|we|i{_A}ve|we{_A}ve|i{_A}ll|we{_A}ll|i{_A}m|we{_A}re|let me|me)\b")
_YOUR = _rx(r"\b(?:you|your)\b")


@lru_cache(maxsize=64)
def _name_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    names = tuple(n for n in names if n and n.strip())
    if not names:
        return None
    alts = "|".join(re.escape(n.strip()) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w@#/.])(?:{alts})(?![\w-])", re.IGNORECASE)


_CRM_RX = _name_regex(_CRMS)
_CRM_HEADS = frozenset(w for name in _CRMS for w in _WORD.findall(name) if len(w) > 3 and w not in ("desk", "front", "help"))
_ADMIN_HEADS = frozenset(["console", "panel", "portal", "dashboard", "tool", "tools", "system", "systems", "view", "oms", "crm", "erp", "wms"])
_STATUS_HEADS = frozenset(["status", "code", "flag", "state", "queue", "hold"])


class InternalToolName(Rule):
    id = "CUS004"
    name = "internal-tool-name"
    trait = "customer_focused"
    severity = Severity.WARNING
    summary = "Our own tools named to the customer: config `internal_tools`, a CRM in process talk (“updated it in Salesforce”), the admin console, our OMS."
    why = (
        "The customer never sees our CRM, admin console or order system; naming them is noise at best and "
        "sounds like an excuse at worst. Say what you did, not where you clicked."
    )
    message = "Leave our tools out of it (“{passage}”): say what you did for the customer."
    fix = "unsafe"
    bad = examples(
        {"text": "I've updated the account name in Salesforce, so the next invoice will show it.", "flagged": "Salesforce",
         "fixed": "I've updated the account name, so the next invoice will show it."},
        {"text": "I can reset it from the admin console, give me a sec.", "flagged": "the admin console"},
        {"text": "Your order was stuck because the addresses didn't match in our OMS.", "flagged": "our OMS"},
        {"text": "I've logged it in Ticketron and the team will look at it.", "settings": {"internal_tools": ["Ticketron"]},
         "flagged": "Ticketron", "fixed": "I've logged it and the team will look at it."},
        {"text": "Our backend had a sync failure overnight, so the numbers are missing.", "flagged": "Our backend"},
        {"text": "It was held in HOLD-FRAUD status until I cleared it.", "flagged": "HOLD-FRAUD"},
    )
    good = examples(
        {"text": "In Zendesk, go to Admin > Channels to turn on the chat widget.",
         "context": {"customer_message": "How do I add chat to my Zendesk?"}},
        "You can connect your Salesforce account under Settings > Integrations.",
        "Payouts go out at the back end of the month, on the last business day.",
        {"text": "Ticketron isn't something you need; the app does it for you.",
         "settings": {"internal_tools": ["Ticketron"]},
         "context": {"customer_message": "Do I need Ticketron for this?"}},
        "Open your admin console and choose Users > Add user.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        tools = tuple(getattr(rc.settings, "internal_tools", None) or ())
        tool_rx = _name_regex(tools)
        for info in _sents(analysis):
            base, sent, toks = info.start, info.text, info.toks
            taken: list[tuple[int, int]] = []
            fresh = _Claims(taken)

            # configured internal tools: the team declared them internal
            if tool_rx is not None:
                for m in tool_rx.finditer(sent):
                    if _customer_mentions(rc, m.group()) or not fresh(m.start(), m.end()):
                        continue
                    yield self._hit(text, base + m.start(), base + m.end(), sent, m, removable=True)
            # a CRM or tracker in the agent's own process talk
            if _CRM_RX is not None and not toks.isdisjoint(_CRM_HEADS):
                for m in _CRM_RX.finditer(sent):
                    name = m.group()
                    if _customer_mentions(rc, name) or not _process_talk(sent, m.start(), m.end()):
                        continue
                    if not fresh(m.start(), m.end()):
                        continue
                    yield self._hit(text, base + m.start(), base + m.end(), sent, m, removable=True)
            for m in _ADMIN_TOOLS.finditer(sent) if not toks.isdisjoint(_ADMIN_HEADS) else ():
                if _YOUR.search(sent[max(0, m.start() - 40) : m.start()]) and not _FIRST_ACTOR.search(sent[: m.start()]):
                    continue
                if not _FIRST_ACTOR.search(sent) and not re.match(r"(?i)our\b", m.group()):
                    continue
                if fresh(m.start(), m.end()):
                    yield self._hit(text, base + m.start(), base + m.end(), sent, m)
            backend = "backend" in toks or "back end" in info.low or "back-end" in info.low
            for m in _BACKEND.finditer(sent) if backend else ():
                rest = sent[: m.start()] + sent[m.end() :]
                placed = re.search(r"(?i)\b(?:on|in|from|at|via)\s+$", sent[: m.start()])
                if not (_BACKEND_CUE.search(rest) or placed):
                    continue
                if fresh(m.start(), m.end()):
                    yield self._hit(text, base + m.start(), base + m.end(), sent, m)
            for m in _STATUS_CODE.finditer(sent) if not toks.isdisjoint(_STATUS_HEADS) else ():
                if fresh(m.start(), m.end()):
                    yield self._hit(text, base + m.start(), base + m.end(), sent, m)

    def _hit(self, text: str, start: int, end: int, sent: str, m: re.Match[str], removable: bool = False) -> Hit:
        suggestions = []
        if removable:
            # "... the account name in Salesforce, so ..." -> drop " in Salesforce"
            lead = re.search(r"\s+(?:in|on|into|via|through|using)\s+(?:the\s+|our\s+)?$", text[:start])
            if lead and lead.start() > 0 and text[lead.start() - 1].isalnum():
                after = text[end:]
                tail = re.match(r"(?:\s+(?:app|tool|system|record|account))?", after, re.IGNORECASE)
                stop = end + (tail.end() if tail else 0)
                edit = Edit(lead.start(), stop, "")
                suggestions.append(suggestion(edit, "Leave the tool's name out", safe=False))
        return Hit(start, end, message=self.message.format(passage=text[start:end]), suggestions=suggestions)


class _Claims:
    """Spans already reported in a sentence: a later pattern may not report an overlapping one."""

    def __init__(self, taken: list[tuple[int, int]]) -> None:
        self.taken = taken

    def __call__(self, start: int, end: int) -> bool:
        if any(a < end and start < b for a, b in self.taken):
            return False
        self.taken.append((start, end))
        return True


_PROCESS_TALK = _rx(rf"\b(?:i|we)(?:{_A}ve|{_A}ll|{_A}d| have| had| will| just| already)?\s+(?:\w+\s+)?{_PROCESS_VERBS}\b")


def _process_talk(sent: str, start: int, end: int) -> bool:
    """A tool name in the agent's own action ("I've updated it in Salesforce"), not the customer's product."""
    before = sent[:start]
    if re.search(r"\b(?:your|you|you're|you’re)\s+$", before, re.IGNORECASE):
        return False
    near = re.search(r"\b(?:in|on|into|via|through|using|from|to)\s+(?:the\s+|our\s+)?$", before, re.IGNORECASE)
    ticketish = re.match(r"\s+(?:ticket|case|record|note|notes|entry|task|issue|profile)\b", sent[end:], re.IGNORECASE)
    return bool(_PROCESS_TALK.search(sent)) and bool(near or ticketish)
