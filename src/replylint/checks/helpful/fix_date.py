"""HLP001: a date or time promised for a fix or a feature ("it will be fixed by Friday")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples
from ._parse import _in_condition, _predicate, _subject, _token_at
from ._text import _I

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...nlp import Analysis


_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DAYS_FULL = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend"
_DATE = re.compile(
    r"\b(?:(?:by|on|before|until|til|till|no later than|for|from|around|at|after)\s+)?(?:"
    r"(?:this|next|the|coming|following)\s+(?:" + _DAYS_FULL + r"|week(?:end)?|month|year|quarter|fall|autumn|spring|summer|winter)(?:'s)?"
    r"|(?:(?:this|next|on|by|before|until|coming)\s+)?(?:" + _DAYS_FULL + r")(?:'s(?:\s+(?:update|release|patch|build|version|deploy(?:ment)?))?)?\b(?!\s+(?:morning|afternoon|evening|night)?\s*(?:was|were|had|did))"
    r"|(?:(?:on|by|before|the)\s+)?(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|(?:on|by|before)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b|(?:on|by|before|in)\s+(?:" + _MONTHS + r")\b"
    r"|before the (?:day|week|month|year) is (?:out|over)|(?:from|starting) the \d{1,2}(?:st|nd|rd|th)(?: onwards?)?\b|starting (?:" + _MONTHS + r")\.?\s+\d{1,2}\b"
    r"|tonight|tomorrow|today|later today|this (?:morning|afternoon|evening)|(?:by |at )?(?:the )?(?:end|start|beginning) of (?:the |this |next )?(?:day|week|month|year|quarter|business day)|eod|eow|cob"
    r"|(?:by|at|before|around)\s+\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}(?::\d\d)?\s*(?:am|pm)\s+(?:et|est|pt|pst|ct|cst|utc|gmt|bst)"
    r"|(?:within|in)\s+(?:the\s+next\s+)?(?:\d+|a|an|one|two|three|four|five|six|few|couple(?: of)?|24|48|72)\s+(?:more\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|business days?|working days?)"
    r"|q[1-4](?:\s+\d{4})?|(?:early|mid|late)[- ](?:" + _MONTHS + r"|next (?:week|month|year))"
    r")\b",
    _I,
)
_FIX_WORD = re.compile(
    r"\b(?:fix(?:ed|es)?|resolv(?:e|ed|es)|patch(?:ed|es)?|sort(?:ed)? out|sorted|repair(?:ed)?|deploy(?:ed|s)?|roll(?:ed|s|ing)? out|releas(?:e|ed|es|ing)"
    r"|launch(?:ed|es|ing)?|ships?|shipping|drops|goes out|go out|hits the (?:app store|play store|store)|go(?:es|ing)? live|be live|live (?:on|by|in|next|this|tomorrow|today|tonight)|restor(?:e|ed|es)|back (?:up|online|to normal|in service)"
    r"|up and running|working (?:again|normally|properly|as (?:normal|expected))|work again|back to (?:full (?:strength|speed|service)|normal|usual)"
    r"|going out|\w+ing (?:\w+ ){0,3}again|arriv(?:es|e|ing) (?:with|in) (?:the next |our next |the )?(?:patch|update|version|release|build)|be gone|go away|disappear|(?:scheduled|planned|slated|due|set|expected|targeted)(?= (?:for|on|by|in)\b)|(?:scheduled|planned|slated|due|set|expected|targeted) to (?:ship|land|launch|go live|roll out|release)|coming|comes? out|(?:be|is) out(?! sick| ill| of (?:the )?office| on (?:leave|vacation|holiday|break))|lands?|takes? care of|be (?:ready|available|added|implemented|addressed|corrected)|(?:'ll|will) be ready)\b",
    _I,
)
# What a support reply may date safely: money, parcels, paperwork, appointments.
_TRANSACTION = {
    "refund", "order", "package", "parcel", "delivery", "shipment", "replacement", "card", "invoice", "payment", "credit",
    "plan", "subscription", "statement", "transfer", "bill", "billing", "money", "fund", "deposit", "reimbursement",
    "voucher", "coupon", "point", "email", "letter", "technician", "engineer", "tech", "appointment", "visit", "item",
    "product", "device", "phone", "laptop", "unit", "repair", "return", "exchange", "label", "check", "cheque", "claim",
    "case", "ticket", "store", "flight", "train", "bag", "baggage", "luggage", "stock", "sale", "refill",
    "prescription", "medication", "meds", "pickup", "booking", "reservation", "room", "table", "seat", "document",
    "result", "payout", "paycheck", "salary", "wage", "cash", "$",
    "offer", "promotion", "promo", "deal", "discount", "code", "reward", "bonus", "maintenance", "outage window", "account",
    "seat", "booking", "reservation", "trip", "ride", "driver", "courier", "box", "form", "document", "tracking",
    "shipping", "purchase", "one", "price", "prices", "rate", "rates", "fee", "fees",
    "listing", "slot", "spot", "membership", "application", "appeal", "session", "class", "course", "hold",
}


class FixDatePromise(Rule):
    id = "HLP001"
    name = "fix-date-promise"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "Promising a specific date or time for a fix or a feature (“it will be fixed by Friday”)."
    why = (
        "Fix dates slip, and a missed promise turns one let-down into two. Promise an update, not a date: "
        "“I'll let you know as soon as it's fixed.” Dates for refunds, deliveries and appointments are fine."
    )
    message = "Don't promise a date for a fix or feature (“{passage}”); promise an update: “I'll let you know as soon as it's fixed.”"
    needs = "parse"
    trigger = "a fix or ship word (fixed, resolved, patched, ships, launches, live, coming…) and a date or time in one sentence"
    confidence = 0.85
    bad = examples(
        {"text": "Good news: the bug will be fixed by Friday.", "flagged": "will be fixed by Friday"},
        {"text": "The dark mode feature ships next week, so hang tight!", "flagged": "ships next week"},
        {"text": "Our engineers say it should be resolved within 48 hours.", "flagged": "should be resolved within 48 hours"},
        {"text": "Hi Jake,\n\nYes, that's a bug, and it'll be fixed in Thursday's update.\n\nLia", "flagged": "'ll be fixed in Thursday's update"},
        {"text": "@kpatel The Android app is coming this fall!", "flagged": "is coming this fall"},
        {"text": "Our next update on the 20th takes care of that, promise!", "flagged": "Our next update on the 20th takes care of"},
        {"text": "Your line will be back to full speed from the 9th onwards.", "flagged": "will be back to full speed from the 9th onwards"},
        {"text": "Good news: the calendar will start syncing again after Monday's release.", "flagged": "syncing again after Monday's release"},
        {"text": "Good news: Mac controller support arrives with patch 1.7 on August 9!", "flagged": "arrives with patch 1.7 on August 9"},
    )
    good = examples(
        "Your refund will be processed within 5-7 business days.",
        "Your plan renews on the 1st, and your invoice is dated March 4.",
        "The team is working on a fix, and I'll let you know as soon as it's live.",
        "Your replacement should be ready by Friday at the store.",
        "The outage was fixed at 3pm, so everything should work now.",
        "If it isn't fixed by Friday, reply here and I'll refund the month.",
        "The fix went live on Tuesday; updating the app will pick it up.",
        "Please try signing in again tomorrow, and reply here if it still fails.",
        "Your replacement card is going out in the mail today.",
        "Only workspace owners can restore the Q3 Launch board, and it stays in Trash until Friday.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _FIX_WORD.search(analysis.text) or not _DATE.search(analysis.text):
            return
        goods = bool(_GOODS.search(analysis.text) or _GOODS.search(rc.context.customer_message or ""))
        for sent in analysis.sents:
            t = sent.text
            if not _DATE.search(t) or t.rstrip().endswith("?") or _NOT_A_PROMISE.search(t):
                continue
            fixes = [m.span() for m in _FIX_WORD.finditer(t)]
            if not any(m0 - 60 <= d.start() <= m1 + 50 and not (d.start() < m1 and m0 < d.end())
                       for m0, m1 in fixes for d in _DATE.finditer(t)):
                continue  # stage one: a fix word with a date beside it, or the parser is not asked
            doc = analysis.parsed(sent, "parse")
            span = self._promise(doc, goods)
            if span is None:
                continue
            start, end = sent.start_char + span[0], sent.start_char + span[1]
            yield Hit(start, end, message=self.message.format(passage=analysis.text[start:end]))

    @staticmethod
    def _promise(doc: "Doc", goods: bool) -> tuple[int, int] | None:
        text = doc.text
        if text.rstrip().endswith("?") or _NOT_A_PROMISE.search(text):
            return None
        dates = list(_DATE.finditer(text))
        for m in _FIX_WORD.finditer(text):
            if m.group()[:1].isupper() and text[:m.start()].strip() and text[:m.start()].rstrip()[-1] not in ".!?:\"“":
                continue  # "the Q3 Launch project": a capitalised word mid-sentence is part of a name
            pred = _token_at(doc, m.start())
            if pred is None:
                continue
            head = _predicate(pred)
            if head is None or _in_condition(head, _HARD_CONDITION_MARKS) or _negated(head) or not _future(head, text, m):
                continue
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("can", "could", "may", "might") for c in head.children):
                continue  # "it can be added within 30 days" says what is possible, not when a fix lands
            strong = bool(_STRONG_FIX.match(m.group()))
            if strong and not _future_marker(head, text, m):
                continue  # "most are resolved within 10 days" is how things go, not a promise
            if strong and _pronoun_subject(head) and _ABOUT_MONEY.search(text) and not _ABOUT_A_FAULT.search(text):
                continue  # "so it should disappear this week" about a card hold, not a bug
            if _about_transaction(head) and not _FUNCTIONING.match(m.group()):
                continue  # "transfers will be working again by Wednesday" is a fix, whatever the noun
            weak_strict = m.group().lower().startswith(("ship", "com", "drop", "goes out", "go out", "going out", "scheduled", "planned", "slated", "due", "set", "expected", "targeted"))
            if not strong and (goods and _pronoun_subject(head) or not _feature_subject(head, text, weak_strict)):
                continue  # "it ships today" about an order; "that one comes out in February" about a form
            for d in dates:
                if d.start() < m.start() - 60 or d.start() > m.end() + 50 or (d.start() < m.end() and m.start() < d.end()):
                    continue
                dtok = _token_at(doc, d.start() + (len(d.group()) - len(d.group().lstrip())))
                if dtok is None or _in_condition(dtok, _HARD_CONDITION_MARKS) or _past_clause(dtok):
                    continue
                inside = [t for t in doc if m.start() <= t.idx < m.end()]
                if not any(_same_clause(dtok, t) for t in [head, *inside]):
                    continue
                if d.start() < m.start():
                    # "Our next update on the 20th takes care of that": from the subject on
                    start = _subject_start(head, d.start())
                else:
                    start = _aux_start(head, m.start())
                return start, max(m.end(), d.end())
        return None


_ABOUT_A_FAULT = re.compile(r"\b(?:bug|fix\w*|feature|update|glitch\w*|issue|problem|crash\w*|error|outage|release|version|app|"
                            r"broken|down|working|patch\w*|engineer\w*|developer\w*|devs?|tech team)\b", _I)
_ABOUT_MONEY = re.compile(r"[$£€]|\b(?:holds?|charges?|refunds?|payments?|deposits?|cards?|banks?)\b", _I)
_FUNCTIONING = re.compile(r"working (?:again|normally|properly)|work again|back (?:up|online|to normal|to full)|up and running|\w+ing (?:\w+ ){0,3}again", _I)
_STRONG_FIX = re.compile(r"(?:fix|resolv|patch|sort|repair|restor|back|up and|working|work again|be gone|go away|disappear|be (?:addressed|corrected)|\w+ing (?:\w+ ){0,3}again)", _I)
_NOT_A_PROMISE = re.compile(
    r"\b(?:maintenance|scheduled work|planned work|upgrade window|usually|typically|generally|normally|on average|tends? to|every|each|weekly|daily|monthly|most (?:are|of them|issues|cases|orders)"
    r"|(?:i|we) (?:can't|cannot|can not|won't|don't|do not) (?:promise|guarantee|give|share|confirm)|no (?:eta|date|timeline|timeframe))\b",
    _I,
)
_GOODS = re.compile(r"\b(?:order(?:ed)?|package|parcel|box|shipment|delivery|tracking|item|purchase|refund|form|statement|document|invoice|replacement|card)s?\b", _I)
_FEATURE_NOUNS = {"fix", "patch", "update", "version", "release", "feature", "app", "mode", "integration", "build", "support",
                  "option", "setting", "tool", "function", "functionality", "improvement", "change", "redesign", "site",
                  "website", "page", "service", "system", "upgrade", "bug", "issue", "problem", "it", "this", "that", "they",
                  "scheduling", "export", "import", "sync", "widget", "dashboard", "api", "plugin", "extension", "beta",
                  "esim", "sso", "2fa", "login", "notification", "notifications", "sharing", "offline", "search", "filter",
                  "editing", "version", "firmware", "compatibility"}


def _future_marker(head: "Token", text: str, m: re.Match[str]) -> bool:
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "'ll", "ll", "shall", "should", "gonna", "wo", "must"}:
        return True
    before = text[max(0, m.start() - 40):m.start()].lower()
    return bool(re.search(r"\b(?:will|'ll|should|shall|going to|gonna|expect(?:s|ed|ing)?(?: \w+)? to|hope(?:s|d)?(?: \w+)? to|aim(?:s|ing)? to|plan(?:s|ning)? to|set to|due to|scheduled to|on track to)\s+(?:\w+\s+){0,3}$", before))


def _pronoun_subject(head: "Token") -> bool:
    subj = _subject(head)
    return subj is None or subj.pos_ == "PRON" or subj.lower_ in ("it", "this", "that", "they", "one")


def _feature_subject(head: "Token", text: str, strict: bool = False) -> bool:
    """Is the thing that ships/launches a feature? ("ship" is strict: it is nearly always about goods.)"""
    subj = _subject(head)
    if strict:
        if subj is None:
            nouns = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod")} | {head.lemma_.lower()}
        else:
            nouns = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")}
        return bool(nouns & (_FEATURE_NOUNS - {"it", "this", "that", "they"})) or (
            subj is not None and subj.pos_ == "PRON" and bool(re.search(r"\b(?:fix|feature|update|patch|version|release)\b", text, _I)))
    if subj is None:
        # a misparse ("Dark mode ships/NNS next week"): the predicate's own compound nouns are the thing
        nouns = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod")} | {head.lemma_.lower()}
        return not nouns & _TRANSACTION
    words = {subj.lemma_.lower(), subj.lower_} | {c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")}
    if words & _TRANSACTION or subj.like_num or any(c.tag_ == "$" or c.text in ("$", "£", "€") for c in subj.subtree):
        return False  # "the $1,240 from Friday's sales will land on Tuesday" is money moving, not a fix
    if subj.lower_ in ("he", "she") or any(c.lower_.rstrip(".") in _TITLES for c in subj.children if c.dep_ == "compound"):
        return False  # "Dr. Ahmed is out today": a person, not a release
    if subj.pos_ == "PRON" or subj.lower_ in ("one",):
        # "it'll be ready this afternoon" is a promise to fix only when the reply is about a bug or a feature
        return bool(_ABOUT_A_FAULT.search(text))
    return True


_TITLES = frozenset(["dr", "mr", "mrs", "ms", "mx", "prof", "nurse", "officer", "coach", "captain"])

# "Once the update rolls out on the 12th, …": a time clause that carries its own date is still a promise.
_HARD_CONDITION_MARKS = ("if", "unless", "until", "whether", "before", "since")


def _negated(tok: "Token") -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _past_clause(tok: "Token") -> bool:
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in ("VERB", "AUX"):
            return anc.tag_ in ("VBD",) and not any(c.lower_ in ("will", "'ll") for c in anc.children)
    return False


def _future(head: "Token", text: str, m: re.Match[str]) -> bool:
    """Not past: no past auxiliary, and not a past-tense verb."""
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    before = text[max(0, m.start() - 30):m.start()].lower()
    if re.search(r"\b(?:(?:was|were|has been|have been|had been|got|went|did)\s+(?:\w+ly\s+)?|(?:has|have|had|'ve)\s+(?:\w+ly\s+)?)$", before):
        return False
    if auxes & {"was", "were", "has", "have", "had", "'ve", "did"} and not auxes & {"will", "'ll"}:
        return False
    if head.tag_ == "VBD" and not auxes & {"will", "'ll", "should", "would"}:
        return False
    if head.tag_ == "VBN" and not auxes:
        return bool(re.search(r"\b(?:will|'ll|should|to be|gonna|going to|expects?|expected|hopes?|aims?|plans?|to have)\b", before))
    return True


def _about_transaction(head: "Token") -> bool:
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "expl"):
            words = {c.lemma_.lower(), c.lower_} | {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod")}
            if words & _TRANSACTION:
                return True
    if head.dep_ in ("acl", "relcl") and head.head.lemma_.lower() in _TRANSACTION:
        return True
    return False


def _same_clause(a: "Token", b: "Token") -> bool:
    """Is a inside b's clause (not a separate conjoined or subordinate clause)?"""
    if a.i == b.i:
        return True
    cur = a
    for _ in range(8):
        if cur.i == b.i:
            return True
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("conj", "advcl", "ccomp", "parataxis", "relcl") and cur.pos_ in ("VERB", "AUX"):
            # "be back up and RUNNING in two hours": a coordinated predicate sharing the subject is one clause
            if not (cur.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)):
                return False
        cur = cur.head
    # A misparse ("ships/NNS next week") leaves the date beside the predicate; accept a near neighbour.
    return abs(a.i - b.i) <= 4 and not any(t.is_punct and t.text in ",;:" for t in a.doc[min(a.i, b.i):max(a.i, b.i)])


def _aux_start(head: "Token", fallback: int) -> int:
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
    if auxes:
        return min(auxes, key=lambda t: t.i).idx
    return fallback


def _subject_start(head: "Token", fallback: int) -> int:
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        return min(subj[0].left_edge.idx, fallback)
    return fallback
