"""personal — people address each other by name, not by title or department."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Edit, Severity
from ..fixes import suggestion
from ..ingest import TITLES, WHOLE_TEXT_SCOPE
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ..nlp import Analysis

_GENERIC = re.compile(
    r"(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening)|morning|evening)[ ,]+(?:there[ ,]+)?"
    r"(?:(?:valued|dear|loyal|esteemed|our|fellow)\s+)*"
    r"(?:(?-i:[A-Z][\w&'-]*[a-z][\w&'-]*)\s+)?"  # a brand before the title: "Hello, FitCore Member!"
    r"(?:" + TITLES + r")\b|to whom it may concern|to the (?:resident|occupant|homeowner|account holder|customer)s?\b",
    re.IGNORECASE,
)
_ADDRESSED_TO = re.compile(r"\s*to the (?:resident|occupant|homeowner|account holder|customer|owner)s?\b(?: (?:at|of) [^,\n]{1,40})?(?=,|\n)",
                           re.IGNORECASE)
# A title used as a name mid-reply: "Appreciate your patience, dear player, while I add the gems."
_VOCATIVE_TITLE = re.compile(
    r",[ \t]+(?P<title>(?:dear|valued|esteemed|loyal)[ \t]+(?:" + TITLES + r")|(?:ticket|account|card|policy) ?holder)"
    r"(?=[ \t]*[,.!?])",
    re.IGNORECASE,
)
# A bare title as a name, when the customer's name is known: "Sure sir, let me check", "Thanks for checking, passenger!"
_BARE_VOCATIVE = re.compile(
    r"(?:^|,|\b(?:sure|okay|ok|yes|thanks|thank you|sorry|hello|of course|certainly|absolutely))"
    r"[ \t]+(?P<title>sir|ma'?am|madam|subscriber|passenger|policy ?holder|card ?holder|patron)(?=[ \t]*[,.!?])",
    re.IGNORECASE | re.MULTILINE,
)
# "Hi friend" is casual, not generic, unless it is "Dear friend".
_CASUAL_OK = re.compile(r"(?:hi|hey|hello)[ ,]+friends?\b", re.IGNORECASE)


def first_name(full: str | None) -> str | None:
    """The first word of a customer name, when it looks like a name."""
    if not full:
        return None
    word = full.strip().split()[0].strip(",.") if full.strip() else ""
    return word if word[:1].isalpha() and not word.startswith("@") else None


class GenericSalutation(Rule):
    id = "PER001"
    name = "generic-salutation"
    trait = "personal"
    severity = Severity.WARNING
    summary = "A greeting to a title instead of a person (“Dear Customer”, “Dear Sir/Madam”)."
    why = (
        "A reply addressed to “Customer” says nobody looked at who wrote in. "
        "Use their name; if you don't know it, a plain “Hi,” is warmer than a title."
    )
    message = "Greet the customer by name instead of “{passage}”."
    fix = "safe"
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": "Dear Customer,\nYour refund was issued today.", "context": {"customer_name": "Dana Whitfield"},
         "flagged": "Dear Customer", "fixed": "Hi Dana,\nYour refund was issued today."},
        {"text": "Dear Sir/Madam, thank you for your patience.", "flagged": "Dear Sir/Madam",
         "fixed": "Hi, thank you for your patience."},
        {"text": "Hello valued member, your points were added.", "context": {"customer_name": "Omar"},
         "flagged": "Hello valued member", "fixed": "Hi Omar, your points were added."},
        {"text": "To whom it may concern, the invoice is attached.", "flagged": "To whom it may concern",
         "fixed": "Hi, the invoice is attached."},
        {"text": "Greetings, account holder. Your statement is ready.", "flagged": "Greetings, account holder",
         "fixed": "Hi. Your statement is ready."},
        {"text": "To the resident at 14 Elm Court,\n\nWe're replacing the main on your street.",
         "flagged": "To the resident at 14 Elm Court", "fixed": "Hi,\n\nWe're replacing the main on your street."},
        {"text": "Hello, FitCore Member! Your freeze is on.", "context": {"customer_name": "Diego Ruiz"},
         "flagged": "Hello, FitCore Member", "fixed": "Hi Diego! Your freeze is on."},
        {"text": "Thanks for waiting, dear player, while I add the gems.", "context": {"customer_name": "Minh Tran"},
         "flagged": "dear player", "fixed": "Thanks for waiting, Minh, while I add the gems."},
        {"text": "Sure sir, let me check that for you.", "context": {"customer_name": "Arjun Mehta"},
         "flagged": "sir", "fixed": "Sure Arjun, let me check that for you."},
        {"text": "Thanks for checking, passenger! The 8:00 sailing is running.", "context": {"customer_name": "Siobhán Kelly"},
         "flagged": "passenger", "fixed": "Thanks for checking, Siobhán! The 8:00 sailing is running."},
    )
    good = examples(
        {"text": "Hi Dana, your refund was issued today.", "context": {"customer_name": "Dana Whitfield"}},
        "Our customers on the annual plan get this for free, so I've added it to your account.",
        "Dear Marco, thank you for your patience while we checked the order.",
        "Hi there! The new app version is live.",
        "Hey friend, great to hear from you again! Your order shipped.",
        "The ticket holder, not the buyer, must show ID at the gate.",
        "Hi Dana Owens, your deposit is back.",
        "Sure sir, let me check that for you.",  # no name to use instead: "sir" is courtesy, not a stand-in
        {"text": "The fare is the same for every passenger, card holder or not.", "context": {"customer_name": "Ana Ruiz"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        for region in analysis.source.regions_of("greeting"):
            line_end = text.find("\n", region.start)
            m = _GENERIC.match(text, region.start, len(text) if line_end == -1 else line_end)
            if not m or _CASUAL_OK.match(m.group()):
                continue
            name = first_name(rc.context.customer_name)
            greeting = f"Hi {name}" if name else "Hi"
            title = f"Greet {name} by name" if name else "Use a plain “Hi”"
            yield Hit(
                m.start(),
                m.end(),
                message=self.message.format(passage=m.group()),
                suggestions=[suggestion(Edit(m.start(), m.end(), greeting), title, safe=True)],
            )
        name = first_name(rc.context.customer_name)
        m = _ADDRESSED_TO.match(text)  # "To the resident at 14 Elm Court," opens a letter to nobody in particular
        if m and not any(r.start <= m.start() < r.end for r in analysis.source.regions_of("greeting")):
            greeting = f"Hi {name}" if name else "Hi"
            yield Hit(m.start(), m.end(), message=self.message.format(passage=m.group()),
                      suggestions=[suggestion(Edit(m.start(), m.end(), greeting), "Greet them by name", safe=True)])
        vocatives = list(_VOCATIVE_TITLE.finditer(text))
        if name:
            vocatives += [m for m in _BARE_VOCATIVE.finditer(text)
                          if not any(v.start("title") <= m.start("title") < v.end("title") for v in vocatives)]
        for m in vocatives:
            start, end = m.span("title")
            if analysis.source.is_masked(start, end) or any(
                    r.start <= start < r.end for r in analysis.source.regions_of("greeting", "quote")):
                continue
            fixes = [suggestion(Edit(start, end, name), f"Call {name} by name", safe=True)] if name else []
            yield Hit(start, end, message=self.message.format(passage=m.group("title")), suggestions=fixes)


class NamelessGreeting(Rule):
    id = "PER002"
    name = "nameless-greeting"
    trait = "personal"
    severity = Severity.INFO
    summary = "A greeting without the customer's name when we know it (a hint)."
    why = "Using the name we already have costs nothing and tells the customer a person read their message."
    message = "You know the customer's name: greet them as “Hi {name}”."
    fix = "safe"
    scope = frozenset({"greeting"})
    bad = examples(
        {"text": "Hi there, your refund went out today.", "context": {"customer_name": "Dana Whitfield"},
         "flagged": "Hi there", "fixed": "Hi Dana, your refund went out today."},
        {"text": "Hello! The fix is live.", "context": {"customer_name": "Omar Haddad"},
         "flagged": "Hello", "fixed": "Hi Omar! The fix is live."},
        {"text": "Hey, thanks for waiting.", "context": {"customer_name": "Li Wei"},
         "flagged": "Hey", "fixed": "Hi Li, thanks for waiting."},
    )
    good = examples(
        "Hi there, your refund went out today.",
        {"text": "Hi Dana, your refund went out today.", "context": {"customer_name": "Dana Whitfield"}},
        {"text": "Your refund went out today.", "context": {"customer_name": "Dana Whitfield"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        name = first_name(rc.context.customer_name)
        if not name:
            return
        text = analysis.text
        for region in analysis.source.regions_of("greeting"):
            m = _BARE_GREETING.match(text, region.start, region.end)
            if not m:
                continue
            yield Hit(m.start(), m.end(), message=self.message.format(name=name),
                      suggestions=[suggestion(Edit(m.start(), m.end(), f"Hi {name}"), f"Greet {name} by name", safe=True)])


_BARE_GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there| again| all| everyone)?(?=\s*[,!.:;]|\s*$)",
    re.IGNORECASE,
)

_DEPT = (
    r"(?:department|dept\.?|desk|back[- ]office|team|specialists?|folks|people|representatives?|reps?|"
    r"agents?|staff|crew|center|centre|division|unit|office|receivable|payable|operations|ops|group|side|"
    r"services|engineers|developers|devs|reviewers|analysts|technicians|adjusters|experts|investigators|underwriters|"
    r"colleagues|vets|clinicians|pharmacists|nurses|caseworkers|case workers|panel|guys)"
)
_FUNCTIONS = (
    r"(?:accounts|billing|finance|sales|support|logistics|shipping|returns|fulfil?lment|collections|claims|fraud|"
    r"security|legal|engineering|(?-i:IT)|tech(?:nical)? support|customer (?:care|service|relations)|escalations?|compliance|"
    r"payroll|underwriting|dispatch|admissions|procurement|membership|risk|trust (?:and|&) safety)"
)
_CONTACT = (
    r"(?:contact(?:ing)?|reach(?:ing)? out|get(?:ting)? back|call(?:ing)?|e-?mail(?:ing)?|be in touch|follow(?:ing)? up|"
    r"look(?:ing)? into|review(?:ing)?|handl(?:e|ing)|process(?:ing)?|apply|applying|"
    r"send(?:ing)?(?! you (?:a |an |the |your )?(?:separate )?(?:bill|invoice|statement|receipt|copy|confirmation|package|parcel))|investigat(?:e|ing)|"
    r"respond(?:ing)?|dm(?:ing)?|text(?:ing)?|message|messaging|ping|pinging|mail(?:ing)?|take (?:it|this|things) from here|take over|"
    r"tak(?:es|ing) over|dig(?:ging)? into|give you a (?:call|ring|buzz)|be in contact|in contact|get(?:ting)? in touch|"
    r"let you know|phone (?:you|back)|write to you|look(?:ing)? at (?:it|this|that|your)|(?:be )?the ones? (?:to|who(?:'ll| will)) (?:get in touch|contact|call|e-?mail|reach out))\b"
)
_WILL = r"(?:will|'ll|is going to|are going to)\s+(?:be\s+)?"
# A capitalised function with no person: "Accounts Receivable", "Payroll Services", "Member Services".
_NAMED_DEPT = r"(?-i:(?:[A-Z][a-z]+\s+){1,2}(?:Services|Receivable|Payable|Operations|Department|Team|Group|Desk|Office))"
_HANDOFF = re.compile(
    r"\b(?:(?:the|our|a|your|relevant|appropriate|concerned|responsible|dedicated)\s+)+"
    r"(?:[\w-]+\s+){0,2}" + _DEPT + r"\s+(?:" + _WILL + r"|(?=takes over))" + _CONTACT
    + r"|\bhave (?:someone|somebody) (?:from|on|in|at) (?:our |the )?[\w-]+(?: (?:team|desk|department))? (?:give you a (?:call|ring)|call you|contact you|e-?mail you|reach out|get in touch)\b"
    + r"|\b" + _FUNCTIONS + r"\b[^.!?]{0,80}\band (?:they|who)(?:'ll| will) (?:be\s+)?" + _CONTACT
    + r"|\bone of (?:the|our) (?:[\w-]+\s+){0,2}" + _DEPT + r"(?:\s+(?:on|in|at|from)(?:\s+[\w-]+){1,3}?)?\s+" + _WILL + _CONTACT
    + r"|\b(?:someone|somebody|a member|one of (?:us|them)|a person)\s+(?:from|on|in|of|at)\s+(?:our\s+|the\s+)?(?:" + _FUNCTIONS
    + r"(?:\s+" + _DEPT + r")?|(?:[\w-]+\s+){0,2}" + _DEPT + r")\s+" + _WILL + r"(?:contact(?:ing)?|reach(?:ing)? out|get(?:ting)? back|call(?:ing)?|"
    r"e-?mail(?:ing)?|be in touch|in touch|in contact|be in contact|give you a (?:call|ring)|follow(?:ing)? up|look(?:ing)? into|review(?:ing)?)\b"
    r"|\b(?:contact|call|e-?mail|write to|reach out to)\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}(?:department|dept\.?|desk)\b"
    r"|\b(?:pass(?:ed|ing)?|forward(?:ed|ing)?|sen[dt](?:ing)?|refer(?:red|ring)?|hand(?:ed|ing)?)\s+(?:this|it|you|your (?:case|claim|request|ticket))\s+(?:over\s+)?(?:on\s+)?to\s+(?:the|our)\s+"
    r"(?:relevant|appropriate|right|concerned|responsible)\s+(?:department|dept\.?)\b"
    # "if our network engineers call you", "hear from one of our clinical reviewers"
    + r"|\bif\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}" + _DEPT + r"\s+(?:call|contact|email|reach out to)\b"
    + r"|\b(?:hear(?:ing)?(?: back)? from|contacted by|(?:a )?call from|an e-?mail from)\s+"
    r"(?:one of our|someone (?:on|from|in) our|a member of our|our|the)\s+(?:[\w-]+\s+){0,2}" + _DEPT + r"\b"
    # "put it in front of our fraud folks, and they'll ping you"; "handled by the tax setup team"
    + r"|\b(?:to|with|for|of|in front of)\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}" + _DEPT
    + r"(?:\s+now)?,?;?\s+(?:and\s+)?(?:they|who)\s*(?:'ll|will)\s+(?:be\s+)?" + _CONTACT
    + r"|\blet (?:our|the) (?:[\w-]+\s+){0,2}" + _DEPT + r" know,? and (?:they|who)\s*(?:'ll|will)\s+(?:be\s+)?" + _CONTACT
    + r"|\b(?:handled|reviewed|processed|taken care of) by (?:our|the) (?:[\w-]+\s+){0,2}" + _DEPT + r"\b"
    + r"|\b(?:the|our)\s+(?:[\w&-]+\s+){0,3}" + _DEPT + r"\s+(?:is|are)\s+(?:now\s+)?(?:reviewing|handling|processing|looking (?:into|at)|on|aware|working on)"
    r"(?: (?:it|this|that|your|both|the|of)\b)?"
    + r"[^.!?]{0,40}?\band will\s+(?:be\s+)?" + _CONTACT
    + r"|\b(?:the|our)\s+(?:[\w&-]+\s+){0,2}" + _DEPT + r"\s+(?:reviews|handles|processes|checks|(?:now\s+)?ha(?:s|ve) (?:the|your|it))\b"
    r"[^.!?]{0,40}?\band will\s+(?:be\s+)?" + _CONTACT
    # "Compliance will email you", "sending this to engineering, and they'll follow up"
    + r"|(?<!\w\s)(?<!\w)\b" + _FUNCTIONS + r"\s+" + _WILL + _CONTACT + r"(?=\s+(?:you|to you|with you|back|out|shortly|soon)\b)"
    + r"|\b(?:to|with)\s+(?:our\s+|the\s+)?" + _FUNCTIONS + r"(?:\s+" + _DEPT + r")?,?\s+(?:and\s+)?(?:they|who)\s*(?:'ll|will)\s+"
    r"(?:be\s+)?" + _CONTACT
    # "the damage review gets handled over on the claims side, and you'll hear back from them"
    + r"|\b(?:the|our)\s+(?:[\w-]+\s+){0,2}" + _DEPT + r"\b[^.!?]{0,60}?\b(?:you'll|you will) hear (?:back )?from them\b"
    + r"|\bthe (?:people|folks|person|ones) who (?:handle|manage|look after|deal with|run|process)\b[^.!?]{0,40}?\s+" + _WILL + _CONTACT
    + r"|\bexpect (?:a|an) (?:message|call|e-?mail|text) from (?:them|one of (?:our|the)|our|the)\b"
    + r"|\bexpect (?:a|an) (?:message|call|e-?mail|text|visit) from (?:[\w-]+ )?(?:" + _FUNCTIONS + r"|operations)\b"
    # "Blocks of that size go through our events side, … and they'll come back to you"
    + r"|\bgo(?:es)? through (?:our|the) (?:[\w-]+\s+){0,2}" + _DEPT + r"\b[^.!?]{0,60}\bthey(?:'ll| will) (?:come back|get back|contact|"
    r"reach out|be in touch|follow up)\b"
    + r"|\b(?:services|operations) will (?:contact|call|e-?mail|reach out to|be in touch with) you\b"
    + r"|\b(?:to|with) the (?:people|folks|person|ones) who (?:manage|handle|look after|deal with|run|decide|review|approve|assess)\b"
    + r"|\b(?:a call|an e-?mail|a text|a message) from (?:whoever|someone|somebody)(?:'s| is)? (?:on|in|at) (?:our|the)\b"
    # "Whoever handles chargebacks on our side will follow up"
    + r"|\bwhoever(?:'s|\s+is)?\s+(?:handles|deals with|looks after|is in charge of|in charge of|works on|is on|on|picks (?:this|it) up|is (?:working|covering)|working|covering)\b[^.!?]{0,40}?\s+" + _WILL + _CONTACT
    # "Accounts Receivable will reach out", "sits with Payroll Services, and they'll take it from here"
    + r"|\b" + _NAMED_DEPT + r"\s+" + _WILL + _CONTACT
    + r"|\b(?:with|to)\s+" + _NAMED_DEPT + r",?\s+(?:and\s+)?(?:they|who)\s*(?:'ll|will)\s+(?:be\s+)?" + _CONTACT,
    re.IGNORECASE,
)
# Every hand-off above names a department, a function or one of these words: a sentence without
# any of them never reaches the big pattern.
_HANDOFF_KEYS = re.compile(r"\b(?:" + _DEPT + "|" + _FUNCTIONS + r"|whoever|someone|somebody|member|one|person|ones|expect)\b",
                           re.IGNORECASE)
# ... and a verb of getting in touch or passing on (every pattern above needs one).
_HANDOFF_VERBS = re.compile(
    r"\b(?:contact\w*|reach\w*|get(?:ting)? back|call\w*|e-?mail\w*|touch|follow\w*|look\w*|review\w*|handl\w*|process\w*|"
    r"appl(?:y|ying)|sen[dt]\w*|investigat\w*|respond\w*|dm\w*|text\w*|messag\w*|ping\w*|mail\w*|take|takes|taking|taken|"
    r"pass\w*|forward\w*|refer\w*|hand\w*|hear\w*|on|expect|come|manage|deal|run|dig\w*|give)\b",
    re.IGNORECASE)
# A person named in the sentence ("Maria on our billing team") makes it personal.
_PERSON_NEAR = re.compile(
    r"\b(?!(?:Department|Team|Desk|Office|Center|Centre|Support|Billing|Someone|Somebody|Anyone|Anybody|Everyone|Whoever|One)\b)[A-Z][a-z]+\s+(?:on|from|in|with)\s+(?:our|the)\s+"
    r"(?:[\w-]+\s+){0,2}" + _DEPT + r"\b"
    r"|\b(?:my colleague|my teammate|my manager|our specialist|our technician)\s+[A-Z][a-z]+"
)


class FacelessHandoff(Rule):
    id = "PER003"
    name = "faceless-handoff"
    trait = "personal"
    severity = Severity.WARNING
    summary = "Handing the customer to a faceless department (“the Billing Department will contact you”)."
    why = "A department can't be asked a follow-up question; a named person can. Say who will help."
    message = "Name the person who will help (“Maria on our billing team will email you”) instead of “{passage}”."
    bad = examples(
        {"text": "The Billing Department will contact you within 2 business days.", "flagged": "The Billing Department will contact"},
        {"text": "I'll pass this to the relevant department and they will contact you.",
         "flagged": "pass this to the relevant department"},
        {"text": "Sorry about that. Our shipping team will look into it and send one out.",
         "flagged": "Our shipping team will look into"},
        {"text": "For the return, please contact the Returns Department at the number below.",
         "flagged": "contact the Returns Department"},
        {"text": "I've flagged the payment. Someone from accounts will be in touch.",
         "flagged": "Someone from accounts will be in touch"},
        {"text": "I've put your account in front of our fraud folks, and they'll ping you today.",
         "flagged": "in front of our fraud folks, and they'll ping"},
        {"text": "The claims unit is reviewing it now and will mail you a decision.",
         "flagged": "The claims unit is reviewing it now and will mail"},
        {"text": "Sorry about the hold. Someone at the front desk will give you a call to release it.",
         "flagged": "Someone at the front desk will give you a call"},
        {"text": "Your application has been forwarded, and the licensing office will be in contact about the inspection.",
         "flagged": "the licensing office will be in contact"},
    )
    good = examples(
        "Maria on our billing team will contact you within 2 business days.",
        "Our team fixed the outage last night, and everything is back to normal.",
        "You can reach out to our Photos team through the app if it happens again.",
        "I'll email you myself tomorrow with the tracking number.",
        "Someone from our billing team, Priya, will email you today.",
        "Lena in our claims unit is reviewing your appeal and will call you tomorrow.",
        "Our reliability group is reviewing this line, and I'll DM you what they find.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        if not _HANDOFF_KEYS.search(text):
            return
        for sent in analysis.sents:
            stext = text[sent.start_char:sent.end_char]
            if not _HANDOFF_KEYS.search(stext) or not _HANDOFF_VERBS.search(stext):
                continue
            for m in _HANDOFF.finditer(stext):
                if _PERSON_NEAR.search(stext):
                    break
                start = sent.start_char + m.start()
                end = sent.start_char + m.end()
                yield Hit(start, end, message=self.message.format(passage=m.group()))


_TEAM_NAME = re.compile(
    r"^(?:[-–—~]\s*)?(?:the\s+)?(?:[A-Z][\w&.'-]*\s+){0,3}"
    r"(?:support|customer\s+(?:service|care|support|success|experience)|care|service|help\s*desk|"
    r"team|department|desk|billing|helpdesk|customer care team|support team|crew|squad|services|operations)"
    r"(?:\s+team)?\.?$",
    re.IGNORECASE,
)


class FacelessSignoff(Rule):
    id = "PER004"
    name = "faceless-signoff"
    trait = "personal"
    severity = Severity.WARNING
    summary = "Signing off as a team (“The Support Team”, “Customer Service”) with no person's name."
    why = "A reply signed by a department has no one to answer to; the customer can't reply to “Customer Service”."
    message = "Sign with your name{hint} instead of “{passage}”."
    fix = "safe"
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": "Hi Fatima,\n\nYour order will arrive Thursday.\n\nBest,\nThe Acme Team", "context": {"agent_name": "Tom"},
         "flagged": "The Acme Team", "fixed": "Hi Fatima,\n\nYour order will arrive Thursday.\n\nBest,\nTom"},
        {"text": "Your card is active.\n\nSincerely,\nAcme Customer Care Team", "flagged": "Acme Customer Care Team"},
        {"text": "Hi Tomás,\n\nThe update is under Settings > About.\n\nHelp Desk", "flagged": "Help Desk"},
        {"text": "Your return label is attached.\n\nCustomer Service\nNorthwind Outfitters", "flagged": "Customer Service"},
        {"text": "@bella A replacement serum is on its way! 💕 Bloom Care", "flagged": "Bloom Care"},
        {"text": "Hi Ana,\n\nYour deposit is on its way.\n\nWarmly,\nEveryone at Harborview Property Management",
         "flagged": "Everyone at Harborview Property Management"},
        {"text": "Hi Maya,\n\nYour scholarship was applied.\n\nKind regards,\nOffice of Student Financial Aid",
         "flagged": "Office of Student Financial Aid"},
        {"text": "That's fixed, and the refund is on its way. — Your friends at Metro Transit",
         "flagged": "Your friends at Metro Transit"},
        {"text": "Hi Anjali,\n\nOpen the form and click Export.\n\nHappy building!\nThe folks behind Formly",
         "flagged": "The folks behind Formly"},
        {"text": "The app shows skipped stops in real time. — your Metroline social crew", "flagged": "— your Metroline social crew"},
        {"text": "Your refund is on its way. Have a good night from the Quickbite help crew!",
         "flagged": "Have a good night from the Quickbite help crew!"},
        {"text": "Send us your flight number and we'll add it. With thanks, all of us at Wayfarer Tours",
         "flagged": "all of us at Wayfarer Tours"},
    )
    good = examples(
        "Hi Fatima,\n\nYour order will arrive Thursday.\n\nBest,\nTom",
        "Hi Fatima,\n\nYour order will arrive Thursday.\n\nBest,\nTom\nAcme Support Team",
        "Thanks for reaching out, our support team fixed it! ^JS",
        "Your return label is attached.\n\nMaya\nNorthwind Outfitters",
        "Thanks for the kind words about our support team! 💕",
        "Hi Ana,\n\nYour deposit is on its way.\n\nWarmly,\nPriya Shah\nEveryone at Harborview says hi!",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        tail = max(0, len(text.rstrip()) - 160)
        for m in list(_ON_BEHALF.finditer(text, tail)) + list(_TEAM_TAIL.finditer(text, tail)):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            yield Hit(start, m.end(), message=self.message.format(hint="", passage=text[start:m.end()]))
        para = _TEAM_PARAGRAPH.search(text)
        if para and not any(r.start <= para.start("team") < r.end for r in analysis.source.regions_of("signoff")):
            line = para.group("team").strip()
            if _TEAM_NAME.match(line) and not _NAMED.search(line) and not re.search(r"[A-Z][a-z]+\s?[-–—]", line):
                start = para.start("team") + len(para.group("team")) - len(para.group("team").lstrip())
                yield Hit(start, start + len(line), message=self.message.format(hint="", passage=line))
        reported = False
        for region in analysis.source.regions_of("signoff"):
            lines = [(m.start() + region.start, m.group()) for m in re.finditer(r"[^\n]+", text[region.start:region.end])]
            names = [(s, ln) for s, ln in lines if ln.strip() and not _is_valediction(ln)]
            # The signer comes first: "Billing Department / Notewise" is a team, "Tom / Acme Support" a person.
            collective = bool(names) and bool(_COLLECTIVE.match(names[0][1]))
            if not names or not collective and (not _TEAM_NAME.match(names[0][1].strip()) or _NAMED.search(names[0][1])):
                continue
            if _person_above(text, region.start):
                continue  # "Matteo\nSkyWays Customer Care": the person signed on the line above
            team = [n for n in names if _TEAM_NAME.match(n[1].strip()) and not _NAMED.search(n[1])] or names[:1]
            start, line = names[0]
            start += len(line) - len(line.lstrip())
            end = team[-1][0] + len(team[-1][1].rstrip())
            passage = text[start:end]
            agent = (rc.context.agent_name or "").strip()
            hint = f" ({agent})" if agent else ""
            suggestions = [suggestion(Edit(start, end, agent), f"Sign as {agent}", safe=True)] if agent else []
            reported = True
            yield Hit(start, end, message=self.message.format(hint=hint, passage=passage), suggestions=suggestions)
        if not reported:
            yield from self._collective_tail(text)

    def _collective_tail(self, text: str) -> Iterable[Hit]:
        """A reply that ends signed by a collective: "…\nEveryone at Harbor Bank", "… — Your friends at Metro"."""
        body = text.rstrip()
        line_start = body.rfind("\n") + 1
        candidates = [line_start]
        if len(body.splitlines()) > 1:
            candidates.append(body.rfind("\n", 0, line_start - 1) + 1)  # "The folks behind Formly\nformly.com"
        dash = max(body.rfind(" — ", line_start), body.rfind(" – ", line_start), body.rfind(" - ", line_start))
        if dash > 0:
            candidates.append(dash + 1)
        for start in candidates:
            end = body.find("\n", start)
            end = len(body) if end == -1 else end
            line = body[start:end]
            if _COLLECTIVE.match(line) and not _NAMED_PERSON_BEFORE.search(body[max(0, start - 40):start]):
                lead = len(line) - len(line.lstrip(" \t-–—~"))
                yield Hit(start + lead, end, message=self.message.format(hint="", passage=line.strip(" \t-–—~")))
                return


_VALEDICTION_LINE = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|many|with)?\s*regards|best(?: wishes)?|sincerely(?: yours)?|yours(?: truly| sincerely)?|"
    r"cheers|thanks(?: again)?|thank you|many thanks|take care|all the best|respectfully|warmly|talk soon)\s*[,!.]?\s*$",
    re.IGNORECASE,
)


# "Sent on behalf of Member Services", "This conversation was handled by Support Operations."
_ON_BEHALF = re.compile(
    r"^[ \t]*(?:(?:this (?:conversation|chat|ticket|message|reply) was )?(?:sent|written|handled|answered|replied)\s+"
    r"(?:on behalf of|by)|on behalf of)\s+(?:the\s+)?(?-i:(?:[A-Z][\w&'-]*\s+){0,3}(?:Services|Operations|Support|Team|Department|Care|Desk|Center|Centre|Office|Management))"
    r"\.?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A tweet signed by a team: "… refunded too. -The Voltify crew"
_TEAM_TAIL = re.compile(
    r"(?:(?<=[.!?)\s])[-–—~^]|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF])\s*|(?<=[,.!]\s)(?=the\s+(?i:crew|team|folks|gang)\s+at\b))"
    r"\s?(?:the\s+|your\s+)?(?:[A-Z][\w&'-]*\s+){0,2}(?:[a-z]+\s+)?(?i:team|crew|squad|support|care|helpdesk|help desk|guest services|guest experience|member services|hq|front desk|order desk|box office|management)(?:\s+(?:at|@)\s+[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})?"
    r"[ \t]*$"
    r"|(?<=[.!?)\s])[-–—~]\s?(?i:team)\s+[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)?[ \t]*$"  # "— Team Flick"
    # "Have a good night from the Quickbite help crew!", "With thanks, all of us at Wayfarer Tours"
    r"|(?<=\s)(?i:(?:have|enjoy) (?:a|an|the|your) [\w ]{1,25}?|cheers|thanks|best wishes|greetings|love) (?i:from) (?:the |all of us at |everyone at )"
    r"(?:[A-Z][\w&'-]*\s+){1,3}(?:[a-z]+\s+)?(?i:team|crew|squad|folks|gang)[!.]?[ \t]*$"
    r"|(?<=[,!]\s)(?i:all of us|everyone|everybody|your friends) (?i:at|from) [A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3}[!.]?[ \t]*$"
    r"|^[ \t]*(?i:from) (?i:all of us|everyone|the (?:whole )?team) (?i:in|at|on) [A-Z][\w&'-]*(?:\s+(?:at|of|the|[A-Z][\w&'-]*)){0,7}$",
    re.MULTILINE,
)
# A team name alone as the last paragraph, with no valediction ("…\n\nCustomer Service\nNorthwind Outfitters").
_TEAM_PARAGRAPH = re.compile(r"\n[ \t]*\n[ \t]*(?P<team>[^\n]{3,60})(?:\n[^\n]{1,60}){0,2}\s*$")
# "Everyone at Harborview", "Your friends at Pinebrook", "Office of Student Financial Aid": a collective signs.
_COLLECTIVE = re.compile(
    r"^[ \t]*(?:[-–—~]\s*)?(?:(?:sent )?(?:with (?:care|love|thanks) )?(?:from )?(?:everyone|everybody|all of us|all|your friends|your pals|"
    r"the (?:folks|people|gang|crew|team)|the (?:whole|entire) team|(?:the )?office)\s+(?:at|of|from|here at|in|behind)\b"
    r"|(?:the )?office of [A-Z]|(?:sent )?(?:with (?:care|love|thanks) )?from the [\w ]{0,30}(?:office|team|desk|department)\b"
    r"|(?:the )?(?:front desk|reception|help ?desk|service desk|box office)\s+(?:@|at)\s+[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}[ \t]*$)",
    re.IGNORECASE,
)
# A person's name on the line just above a collective line ("Priya\nEveryone at Harborview") signs the reply.
_NAMED_PERSON_BEFORE = re.compile(r"\n[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z.]+)?[ \t]*\n[ \t]*$")
# "Carlos from Acme Billing", "Dana, Acme Support": a person is named.
_NAMED = re.compile(r"\b(?:from|at|of|on)\b|,", re.IGNORECASE)


_PERSON_LINE = re.compile(r"^[ \t]*[A-Z][a-z\u00c0-\u024f'’-]+(?:[ \t]+[A-Z][a-z\u00c0-\u024f'’.-]*){0,2}[ \t]*$")


def _person_above(text: str, start: int) -> bool:
    """Is the line right above the sign-off a person's name ("Kenji Sato")?"""
    above = text[:start].rstrip("\n").rsplit("\n", 1)[-1]
    return bool(_PERSON_LINE.match(above)) and not _TEAM_NAME.match(above.strip()) and not _is_valediction(above)


def _is_valediction(line: str) -> bool:
    return bool(_VALEDICTION_LINE.match(line))
