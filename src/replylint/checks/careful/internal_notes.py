"""CAR007: internal notes and asides meant for colleagues."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ...findings import Severity
from ...fixes import deletion_edit, suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _PRE_CAR007, _fold, _name_tokens, _plain, _sentence_bounds
from .customer_name import _KNOWN_NAMES, _same_person

_NOTE_MARK = re.compile(
    r"(?i)\b(?P<mark>(?:note|notes|reminder|memo) (?:to|for) (?:self|myself|me)|notes? for (?:the )?(?:agents?|team|rep|reviewer)|notes? to (?:the )?(?:agents?|team)|"
    r"internal(?: note| notes| only| use only| comment| memo| remark)?|for internal use(?: only)?|"
    r"agent(?:'s)? notes?|agent only|staff(?: note| only)|private note|admin note|cs note|ops note|"
    r"do not send|not for (?:the )?customer|todo|fixme|tbc)\b\s*(?P<sep>[:\]\)]|[-–—](?=\s))"
)
_NOTE_ANYWHERE = re.compile(
    r"(?i)\b(?:note|reminder|memo) (?:to|for) (?:self|myself)\b|\bfor internal use only\b|\binternal use only\b|\bnot for (?:the )?customer'?s? eyes\b"
    r"|\bnot (?:customer|client)[- ]facing\b|\bnot to be shared (?:with (?:the )?(?:customer|client)|externally)\b"
)
_BRACKET_MARK = re.compile(
    r"(?i)^\s*(?:(?:internal |agent |private |staff )?notes? (?:to|for) (?:self|myself|(?:the )?agents?|(?:the )?team|"
    r"reviewer|supervisor)|agent|internal|staff|admin|cs|rep|internal note|agent note|private|ops|supervisor|tl|"
    r"team lead)\s*(?:note|only)?\s*(?:[:\-–—]|$)"
)
# Verbs only an agent is told to do (a customer is never asked to "escalate" or "waive").
_DIRECTIVE = re.compile(
    r"(?i)^\s*(?:(?:only|don'?t|do not|never)\s+)?(?:escalate|offer|waive|refund|credit|comp|flag|tag|follow[ -]?up|"
    r"f/u|close|merge|assign|transfer|route|cc|loop in|upsell|push|monitor|ignore|block|ban|mute|ping|remind|deny|"
    r"approve|keep|make sure|hold off)\b"
)
_THIRD_PERSON = re.compile(r"(?i)\b(?:he|she|him|her|his|hers|he's|she's|customer|cust|cx|caller|client|this guy)\b")
_SECOND_PERSON = re.compile(r"(?i)\b(?:you|your|you're|yours|we'll|i'll)\b")
_POLICY = r"(?!\s+(?:responsible|required|entitled|eligible|liable|able|welcome|allowed|charged|billed|asked to))"
_ABOUT_CUSTOMER = re.compile(
    r"(?i)^\s*(?:the )?(?:customer|cust|cx|caller|client|guest|shopper|acct|account|he|she)\b(?:'s)?\s+"
    r"(?:(?:is|was|has|had)\b" + _POLICY + r"|called|emailed|tweeted|chatted|wrote|said|says|wants|wanted|seems|sounds|got|threatened|"
    r"asked|claims|claimed|keeps|already|again|being|angry|upset|difficult|rude|frustrated|annoyed|irate|"
    r"furious|vip|flagged|escalated|mad|demanding|complaining|complained)\b"
)
_JARGON = re.compile(
    r"(?i)\b(?:churn risk|flight risk|escalation risk|cancel(?:lation)? risk|high[- ]churn)\b"
    r"|\b(?:called|contacted|emailed|tweeted|chatted|wrote in|reached out|messaged)\s+(?:us\s+)?\d+\s?x\b"
)
# Only inside ( ) or [ ]: asides that would be ordinary words in prose.
_ASIDE_JARGON = re.compile(
    r"(?i)\b(?:keep it (?:short|brief)|be nice|sweet[- ]talk|playbook|save offer|retention offer|macro|"
    r"(?:give|offer|comp|credit|refund|escalate|upsell|discount|waive|transfer|block|ignore)\s+(?:him|her)\b|"
    r"if (?:he|she) (?:asks|pushes|complains|threatens|tweets|calls|escalates|insists|mentions)|"
    r"comp (?:the |his |her |their )?(?:shipping|fee|order|meal|item|charge|delivery|month|upgrade)|^\s*vip\s*[-–—:])"
)
# An instruction to the agent about the customer: "Offer him 20% only if he asks."
_AGENT_DIRECTIVE = re.compile(
    r"(?i)(?:(?:only|never|don'?t|do not)\s+)?(?:escalate|waive|comp|upsell|flag|tag|assign|route|offer|refund|credit|"
    r"approve|deny|reject|block|blacklist)"
    r"(?:\s+(?:him|her|the customer|the cust|cx|the client)\b"
    r"|\b[^.!?\n]{0,40}?\b(?:if|when|unless|once|only if)\s+(?:he|she|the customer|cx)\b)"
)
_SENTENCE_NOTE = re.compile(
    r"(?i)(?:the )?(?:customer|cust|cx|caller)\s+(?:called|emailed|tweeted|chatted|wrote in|contacted us|"
    r"said|says|wants|claims|claimed|threatened|already|keeps|angry|upset|requested|reported|complained|demanded|"
    r"insists|insisted|(?:is|was) (?:being|angry|upset|frustrated|annoyed|irate|furious|rude|difficult|a vip|vip)|"
    r"has (?:called|already|been (?:calling|emailing|tweeting|waiting|difficult|rude|angry)|threatened|complained))\b"
)
_DONT_TELL = re.compile(
    r"(?i)\b(?:do not|don'?t|never|pls don'?t|please don'?t)\s+(?:tell|inform|let on to|promise|offer|admit to|"
    r"mention (?:this |that |it )?to)\s+(?:the\s+)?(?:customer|cust|cx|client|caller)s?\b"
    r"|\b(?:do not|don'?t|never)\s+(?:share|mention|disclose|reveal|forward)\b[^.!?\n]{0,30}?\b(?:to|with)\s+(?:the\s+)?"
    r"(?:customer|cust|cx|client|caller)s?\b"
    r"|\b(?:do not|don'?t)\s+tell\s+(?:him|her)\b(?!\s+(?:your|you|about your|any|anything|the|that you|if|what|how))"
)
# An aside asking a colleague to check: "(run this by Priya first, not 100% sure about the cap)".
_ASK_COLLEAGUE = re.compile(
    r"^\s*(?i:run (?:this|it) (?:by|past)|check (?:this |it )?with|confirm (?:this |it )?with|verify (?:this |it )?with|"
    r"double[- ]check (?:this |it )?with|get (?:sign[- ]?off|approval|an ok|the ok) from|ask|needs? (?:sign[- ]?off|approval) from)"
    r"\s+[A-Z][a-z]+\b"
    r"|(?i:\bnot (?:100% |totally |entirely |completely )?sure (?:about|if|whether|this|that)\b)"
    # "(Sam, okay to send a free label past the window?)": a question to a named colleague
    r"|^\s*[A-Z][a-z]+,\s*(?i:ok(?:ay)?|can (?:we|i)|could (?:we|i)|should (?:we|i)|is (?:it|that|this)|do we|are we|did)\b[^)\]]*\?"
    # "(Leaving out the recall part until legal signs off.)"
    r"|(?i:\buntil (?:legal|compliance|my manager|the lead) (?:signs off|approves|confirms|okays)\b|\b(?:leaving|left) out the\b)"
)
# A line for the team: "FYI team - he's on the legacy plan, so don't move him."
_TEAM_FYI = re.compile(
    r"(?im)^[ \t]*(?:fyi|heads[- ]up|psa),? (?:team|all|guys|folks|everyone)[ \t]*[-–—:,][^\n]*?(?:[.!](?=\s)|$)"
    r"|^[ \t]*(?:fyi|heads[- ]up|note)\s+(?:for|to)\s+(?:whoever|the next (?:agent|person|rep)|next shift)\b[^\n]*"
    # "Heads up, whoever picks this up next: …"
    r"|\b(?:fyi|heads[- ]up|note)[ \t]*[,:-][ \t]*(?:to )?whoever (?:picks|takes|grabs|gets|handles|works) (?:this|it)(?: up| over| on)?"
    r"(?: next)?\b[^\n]*?(?:[.!](?=\s)|$)"
)
# An aside that says it isn't for the customer: "(Keep this out of the reply: …)",
# "[sig block trial v2 - delete before go-live]".
_NOT_FOR_SENDING = re.compile(
    r"(?i)[(\[][^()\[\]\n]{0,80}?\b(?:keep (?:this|that) out of|leave (?:this|that) out of|not for (?:the )?(?:customer|reply|client)|"
    r"don'?t (?:send|include) (?:this|that)|(?:delete|remove) (?:this |it )?before (?:sending|send|go[- ]live|launch|publishing))"
    r"\b[^()\[\]\n]{0,200}[)\]]"
)
# A line for a colleague, not the customer: "@mark can you confirm the export finished?" after the reply.
_COLLEAGUE_PING = re.compile(
    r"(?<=[.!?]\s)@[\w.]*\w\s+(?:(?i:can|could|would|will|pls|please)\s+(?i:you|u)\b|(?i:is|are|do|does|did|should) "
    r"(?i:that|this|it|we|the)\b)[^.!?\n]*\?"
)
# A hand-over to the next shift or a sign-off request: "Flagging for night shift: 3rd contact this
# month, approve the $10 credit if she writes back", "Holding this until you OK it."
_HANDOVER = re.compile(
    r"(?i)(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?:fyi|heads[- ]up|note|flagging(?: this)?|passing (?:this|it) on)\s+(?:for|to)\s+(?:the\s+)?"
    r"(?:whoever\b|next (?:agent|person|rep|shift)\b|(?:night|day|morning|evening|weekend|late|early|overnight) (?:shift|team|crew)\b)[^\n]*?(?:[.!](?=\s)|$)"
    r"|\bholding (?:this|it|the reply|the email) (?:until|till|for) you (?:to )?(?:ok|okay|approve|confirm|sign off|check)\b[^.!?\n]*[.!]?",
    re.MULTILINE,
)
# A question to a named colleague inside the reply: "Ravi, is 20% right for an 8-person group, or
# does that rate start at 10?" (only when the name is not the customer's or the agent's).
_ASKS_NAMED = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?P<name>[A-Z][a-z]+),|@(?P<handle>[A-Z][a-z]+)\b,?) (?:can|could|would|will|is|are|does|do|should|did) "
    r"(?:you|u|we|this|that|it|the|our|\d)[^?\n]{0,160}\?",
    re.MULTILINE,
)
_TO_CUSTOMER = re.compile(r"(?i)\b(?:dm|direct message|send us|message us|follow|reply|let us know|your|you're|yours)\b")
# A trial-run remark in brackets: "[checking that replies from the new dashboard post properly]".
_TRIAL_ASIDE = re.compile(
    r"(?i)^\s*(?:just )?(?:checking|testing|trialling|trialing|test-driving|trying out)\b[^\n]{0,80}?\b(?:posts?|sends?|works?|goes through|go through|skip this|ignore this|"
    r"shows? up|renders?|displays?|formats?|arrives?|delivers?|properly)\b"
)
# A trial line left at the top: "Test-driving the new quick-reply button, skip this line."
_TRIAL_LINE = re.compile(
    r"(?i)^\s*(?:just )?(?:test-driving|testing|trying out|trialling|trialing|checking)\b[^.!?\n]{0,80}?"
    r"\b(?:skip this(?: line| bit| part)?|ignore this(?: line| bit| part)?|please ignore)\b[^.!?\n]*[.!]?"
)
# A draft marker at the top: "DRAFT v2, wording not final:", "[DRAFT]".
_DRAFT_MARK = re.compile(r"^\s*\[?DRAFT\b\]?(?:\s+v?\d+)?[^\n.!?]{0,40}?(?:[:\]\-–—]|(?=\n))")
_CHAT_QUOTE = re.compile(
    r"(?i)\b(?:per|from|says|said|asked|via|according to|as)\s+@\w+\s+(?:said\s+)?(?:in|on)\s+#[\w-]+"
    r"|\b(?:in|on|from|per|see|via|posted in|asked in)\s+(?:the\s+)?#[a-z0-9]+(?:[-_][a-z0-9]+)+\b(?:\s+channel)?"
    r"|\b(?:per|from|see|via|according to|(?:said|posted|mentioned|discussed|confirmed|shared|noted) (?:in|on)) (?:our |the )?(?:internal slack|slack channel|slack thread)\b"
)


class InternalNote(Rule):
    id = "CAR007"
    hints = _PRE_CAR007
    name = "internal-note"
    trait = "careful"
    severity = Severity.ERROR
    summary = "An internal note left in the reply: “Note to self”, “INTERNAL:”, “[agent: …]”, “don't tell the customer”."
    why = (
        "Notes about the customer or instructions to the agent were never meant for the customer's eyes; "
        "one that slips through (“customer is being difficult, keep it short”) can end the relationship. "
        "“Note that…” or “our internal review” said to the customer are fine."
    )
    message = "This reads as an internal note (“{passage}”); remove it before sending."
    fix = "unsafe"
    scope = frozenset({"body", "handle", "hashtag"})
    bad = examples(
        {"text": "I've refunded the $32. (Keep this out of the reply: they're on a final warning with us.)",
         "flagged": "(Keep this out of the reply: they're on a final warning with us.)"},
        {"text": "Your passport was mailed today.\n\n[sig block trial v2 - delete before go-live]\n\nRobert",
         "flagged": "[sig block trial v2 - delete before go-live]"},
        {"text": "Heads up, whoever picks this up next: offer the discount first. Hi Mateo! Yes, you can downgrade.",
         "flagged": "Heads up, whoever picks this up next: offer the discount first."},
        {"text": "Note to self: check if he already got a credit last month. Hi Marcus, I've added a $10 credit.",
         "flagged": "Note to self: check if he already got a credit last month.",
         "fixed": "Hi Marcus, I've added a $10 credit."},
        {"text": "INTERNAL: VIP account, waive without asking.\n\nHi Grace, the late fee is waived this time.",
         "flagged": "INTERNAL: VIP account, waive without asking."},
        {"text": "Hi Ravi, [agent: only offer 20% if he threatens to cancel] I've applied 20% off.",
         "flagged": "[agent: only offer 20% if he threatens to cancel]",
         "fixed": "Hi Ravi, I've applied 20% off."},
        {"text": "(Customer is being difficult, keep it short.) Your refund went out today.",
         "flagged": "(Customer is being difficult, keep it short.)"},
        {"text": "@ricoj Hi Rico! (escalate if he tweets again) Your refund is processing.",
         "flagged": "(escalate if he tweets again)"},
        {"text": "Customer called 3x, angry, churn risk. Hi, the roaming charge is removed.",
         "flagged": "Customer called 3x, angry, churn risk."},
        {"text": "We've reset your line. Flagging for night shift: third contact this month, approve a credit if she writes back.",
         "flagged": "Flagging for night shift: third contact this month, approve a credit if she writes back."},
        {"text": "Groups of eight get 20% off. Ravi, is 20% right for eight, or does that start at ten?",
         "context": {"customer_name": "Charlotte Moss"}, "flagged": "Ravi, is 20% right for eight, or does that start at ten?"},
        {"text": "Your pass is active through May 31. [checking that replies from the new dashboard post properly]",
         "flagged": "[checking that replies from the new dashboard post properly]"},
        {"text": "The outage was our fault - don't tell the customer that. Your service is back.",
         "flagged": "don't tell the customer"},
        {"text": "Per @jake in #billing-ops: just refund them. Your refund is processed.",
         "flagged": "Per @jake in #billing-ops"},
        {"text": "TODO: add tracking link. Your order shipped today.", "flagged": "TODO: add tracking link."},
        {"text": "Your label is attached.\n\n(Sam, okay to send a free label past the 30-day window? Holding until you reply.)", "flagged": "(Sam, okay to send a free label past the 30-day window? Holding until you reply.)"},
        {"text": "Your renewal stays at $48.\n\nFYI team - he's on the legacy plan, so don't move him.", "flagged": "FYI team - he's on the legacy plan, so don't move him."},
        {"text": "Exports are capped at 10,000 rows. @priya.s is that still right after the April change?", "flagged": "@priya.s is that still right after the April change?"},
        {"text": "I've sent the $240 back to your card.\n\nHeads up for whoever takes this next: she disputed two orders last year.", "flagged": "Heads up for whoever takes this next: she disputed two orders last year."},
        {"text": "A prepaid label is attached.\n\n(Leaving out the recall part until legal signs off.)", "flagged": "(Leaving out the recall part until legal signs off.)"},
    )
    good = examples(
        "Hi Marcus, I've added a $10 credit. Note that it applies to your next bill.",
        "Your phone's internal storage is full, which is why the update fails.",
        "I've passed your feedback to the store manager for internal review.",
        {"text": "Maria, can you confirm the new address so I can update the shipment?", "context": {"customer_name": "Maria Lopez"}},
        "Our night shift team checks the line at 2 a.m., so it should be back before you wake up.",
        "If it still fails, Jordan on our network team will call you tomorrow. Does 10 a.m. work?",
        "Jake on our billing team approved your refund this morning.",
        "Please don't tell anyone your PIN, not even us.",
        "Please note: a small amount of salt can carry over from the previous batch.",
        "(If you already tried that, let me know and we'll look further.) Your refund went out today.",
        "FYI, the team at the Elm St store can also swap it for you today.",
        "(Sam from our billing team will email you the receipt.) Your refund is done.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        raw = analysis.text
        text = _plain(raw)  # "don’t" reads as "don't"; offsets are unchanged
        low = text.lower()
        found: list[tuple[int, int, bool]] = []  # (start, end, deletable)
        # Each detector runs only when its trigger words are present (Python regex alternations are slow).
        if _has(low, "note", "reminder", "memo", "internal", "agent", "staff", "private", "admin", "cs ", "ops ",
                "do not send", "not for", "todo", "fixme", "tbc"):
            found.extend(self._marked_notes(text))
        if _has(low, "to self", "to myself", "internal use", "eyes", "facing", "not to be shared"):
            found.extend((m.start(), m.end(), False) for m in _NOTE_ANYWHERE.finditer(text))
        if "(" in text or "[" in text:
            for m in _ASIDE.finditer(text):
                inner = m.group(1)
                to_colleague = bool(re.match(r"\s*[A-Z][a-z]+,", inner) and _ASK_COLLEAGUE.search(inner))
                if _SECOND_PERSON.search(inner) and not (_BRACKET_MARK.match(inner) or to_colleague):
                    continue
                if (_BRACKET_MARK.match(inner) or (_DIRECTIVE.match(inner) and _THIRD_PERSON.search(inner))
                        or _ASK_COLLEAGUE.search(inner) or _TRIAL_ASIDE.match(inner)
                        or _ABOUT_CUSTOMER.match(inner) or _JARGON.search(inner) or _ASIDE_JARGON.search(inner)):
                    found.append((m.start(), m.end(), True))
        if _has(low, "risk", "churn") or _TIMES.search(low):
            for m in _JARGON.finditer(text):
                lo, hi = _sentence_bounds(text, m.start(), m.end())
                found.append((lo, hi, True))
        # Sentences that are notes about the customer, or instructions to the agent.
        patterns = []
        if _has(low, "customer", "cust", "cx", "caller"):
            patterns.append((_SENTENCE_NOTE, False))
        if _has(low, " him", " her", " he ", " she ", "customer", "cx", "client", "cust") and _has(
                low, "escalate", "waive", "comp", "upsell", "flag", "tag", "assign", "route", "offer", "refund",
                "credit", "approve", "deny", "reject", "block"):
            patterns.append((_AGENT_DIRECTIVE, True))
        for pattern, needs_no_you in patterns:
            for m in pattern.finditer(text):
                lo, hi = _sentence_bounds(text, m.start())
                prefix = text[lo:m.start()]
                if prefix.strip() and not _only_handles(prefix):
                    continue
                if needs_no_you and _SECOND_PERSON.search(text[m.start():hi]):
                    continue
                found.append((m.start(), hi, True))
        if _has(low, "don't", "dont", "do not", "never"):
            found.extend((m.start(), m.end(), False) for m in _DONT_TELL.finditer(text))
        if "@" in text:
            found.extend((m.start(), m.end(), True) for m in _COLLEAGUE_PING.finditer(text))
        if _has(low, "fyi", "heads up", "heads-up", "psa", "note for", "note to"):
            found.extend((m.start(), m.end(), True) for m in _TEAM_FYI.finditer(text))
        if _has(low, "shift", "whoever", "holding", "next agent", "next rep", "next person"):
            found.extend((m.start(), m.end(), True) for m in _HANDOVER.finditer(text))
        if "?" in text and rc.context.customer_name:
            found.extend(self._questions_to_colleagues(text, rc))
        if "skip this" in low or "ignore this" in low or "please ignore" in low:
            found.extend((m.start(), m.end(), True) for m in _TRIAL_LINE.finditer(text))
        if "DRAFT" in text:
            found.extend((m.start(), m.end(), True) for m in _DRAFT_MARK.finditer(text))
        if _has(low, "out of", "not for", "send this", "send that", "include this", "include that", "before"):
            found.extend((m.start(), m.end(), True) for m in _NOT_FOR_SENDING.finditer(text))
        if "#" in text or "slack" in low:
            for m in _CHAT_QUOTE.finditer(text):
                lo, hi = _sentence_bounds(text, m.start(), m.end())
                if re.search(r"(?i)\b(?:discord|community|forums?|subreddit|reddit|public)\b", text[lo:hi]):
                    continue  # "the #tech-help channel on our Discord" is a public place to go
                found.append((m.start(), m.end(), False))
        kept: list[tuple[int, int]] = []
        for s, e, deletable in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
            while e > s and raw[e - 1].isspace():
                e -= 1
            if any(a <= s < b or a < e <= b for a, b in kept):
                continue
            kept.append((s, e))
            suggestions = []
            if deletable:
                suggestions.append(suggestion(deletion_edit(raw, s, e), "Delete the internal note", safe=False))
            yield Hit(s, e, message=self.message.format(passage=_short(raw[s:e])), suggestions=suggestions)

    @staticmethod
    def _questions_to_colleagues(text: str, rc: RuleContext) -> Iterator[tuple[int, int, bool]]:
        """A question put to someone by a first name that is neither the customer's nor the agent's."""
        customer, agent = _name_tokens(rc.context.customer_name), _name_tokens(rc.context.agent_name)
        for m in _ASKS_NAMED.finditer(text):
            name = m.group("name") or m.group("handle")
            if _same_person(name, customer) or (agent and _same_person(name, agent)):
                continue
            if m.group("handle") and _TO_CUSTOMER.search(m.group()):
                continue  # "@Dana can you DM us your order number?": a handle may be the customer's
            if not m.group("handle") and _fold(name) not in _KNOWN_NAMES:
                continue
            yield m.start(), m.end(), True

    def _marked_notes(self, text: str) -> Iterator[tuple[int, int, bool]]:
        """Notes that announce themselves: “Note to self:”, “INTERNAL:”, “(internal)”, “TODO:”."""
        for m in _NOTE_MARK.finditer(text):
            mark = m.group("mark")
            lo, hi = _sentence_bounds(text, m.start())
            prefix = text[lo:m.start()]
            opened = prefix.rstrip().endswith(("(", "["))
            at_start = not prefix.strip() or opened or _only_handles(prefix)
            if mark.lower() in {"todo", "fixme", "tbc"} and mark != mark.upper():
                continue  # "todo" is Spanish; only the code marker TODO/FIXME counts
            if not (at_start or (mark.isupper() and len(mark) > 3)):
                continue
            if re.search(r"(?i)\b(?:with|type|write|prefix|enter|add|begins?|starts?)\s+$", prefix):
                continue  # "any line that starts with TODO: becomes a checklist item": the product's syntax
            if opened:
                open_at = lo + len(prefix.rstrip()) - 1
                close = _closing(text, open_at)
                if close:
                    yield open_at, close, True
                    continue
            yield m.start(), _note_end(text, m.start(), hi), True


_ASIDE = re.compile(r"[(\[]([^()\[\]\n]{3,200})[)\]]")
_TIMES = re.compile(r"\d\s?x\b")


def _has(low: str, *keys: str) -> bool:
    return any(k in low for k in keys)


def _only_handles(prefix: str) -> bool:
    return bool(prefix.strip()) and all(w.startswith("@") for w in prefix.split())


def _closing(text: str, open_at: int) -> int | None:
    pair = {"(": ")", "[": "]"}[text[open_at]]
    close = text.find(pair, open_at + 1)
    nl = text.find("\n", open_at + 1)
    if close == -1 or (nl != -1 and nl < close) or close - open_at > 240:
        return None
    return close + 1


def _note_end(text: str, start: int, sentence_end: int) -> int:
    """A note runs to the end of its sentence, or of its line when it has no full stop."""
    nl = text.find("\n", start)
    end = sentence_end if nl == -1 else min(sentence_end, nl)
    return end


def _short(passage: str, limit: int = 60) -> str:
    passage = " ".join(passage.split())
    return passage if len(passage) <= limit else passage[: limit - 1].rstrip() + "…"
