"""careful — nothing meant for internal eyes or testing reaches the customer.

Careful findings are errors: they block sending, so every detector here is
written for precision first and documents what it deliberately leaves alone
(a merge tag explained to a customer who asked about templates, a masked card
number, a release date that is honestly still "TBD", a router's 192.168.1.1).

Rules that are plain lists (config-driven banned terms, codenames, domains)
sit next to the ones that need context: the customer's name, the customer's
own message, or the regions ingest marked (greeting, sign-off, url, email).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..findings import Edit, Severity
from ..fixes import deletion_edit, replacement_edit, suggestion
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ..nlp import Analysis


# =========================================================================== shared helpers

_SENT_END = re.compile(r"[.!?]+[\"')\]”’]*(?=\s)|\n")


def _sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or line) around text[start:end], cut at . ! ? and line breaks."""
    end = start if end is None else end
    lo = 0
    for m in _SENT_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENT_END.search(text, end)
    hi = m.end() if m else len(text)
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, hi


def _sentence(text: str, start: int, end: int | None = None) -> str:
    lo, hi = _sentence_bounds(text, start, end)
    return text[lo:hi]


_OPEN_QUOTES = "\"'“‘«`"
_CLOSE_QUOTES = "\"'”’»`"


def _quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] wrapped in quotes (“{{first_name}}”, '%NAME%')?"""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(before) and before in _OPEN_QUOTES and bool(after) and after in _CLOSE_QUOTES


def _inside(analysis: "Analysis", start: int, end: int, *kinds: str) -> bool:
    return any(r.start <= start and end <= r.end for r in analysis.source.regions_of(*kinds))


def _overlaps(analysis: "Analysis", start: int, end: int, *kinds: str) -> bool:
    return any(r.start < end and start < r.end for r in analysis.source.regions_of(*kinds))


def _fold(word: str) -> str:
    """Lower-case with accents removed: “Zoë” → “zoe”, “JOSÉ” → “jose”."""
    nfkd = unicodedata.normalize("NFKD", word)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower().strip(".'’")


def _first_name(full: str | None) -> str | None:
    """The customer's first name as written (“Daniel Ortiz” → “Daniel”); None for handles."""
    tokens = _name_tokens(full)
    return tokens[0] if tokens else None


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "mister", "dame", "rev"}


def _name_tokens(full: str | None) -> list[str]:
    """The words of a person's name, titles and initials dropped; [] when it is no name."""
    if not full or not full.strip() or full.strip().startswith("@"):
        return []
    raw = full.strip()
    if "," in raw:  # "Ortiz, Daniel"
        last, _, first = raw.partition(",")
        raw = f"{first} {last}"
    words = []
    for w in re.split(r"[\s]+", raw):
        w = w.strip(",.()\"'")
        if not w or not w[0].isalpha() or _fold(w) in _TITLES or len(w.rstrip(".")) < 2:
            continue
        words.append(w)
    return words


# Cheap prefilters: a rule whose trigger characters or words are absent has nothing to do.
_PRE_CAR001 = ("{", "[", "<", "%", "*|", "$", "(", "«", "XX", "xx", "TB", " ,", ", !", ", ?")
_PRE_CAR002 = ("test", "lorem", "ipsum", "dolor", "asdf", "qwert", "zxcv", "jkl", "sdfsdf", "ignore")
_PRE_CAR007 = ("note", "internal", "todo", "fixme", "tbc", "agent", "staff", "admin", "private", "cust", "cx",
               "caller", "client", "(", "[", "churn", "risk", "tell", "share", "mention", "disclose", "reveal",
               "forward", "#", "slack", "escalate", "waive", "comp", "upsell", "flag", "tag", "assign", "route",
               "offer", "refund", "credit", "approve", "deny", "reject", "block", "promise", "admit", "inform",
               "let on", "do not send", "called", "contacted", "emailed", "tweeted", "chatted", "wrote in",
               "messaged", "reached out", "reminder", "memo", "self")
_PRE_CAR008 = ("pass", "pwd", "key", "token", "bearer", "secret", "sk_", "rk_", "whsec", "akia", "asia", "gh",
               "xox", "aiza", "glpat", "sk-", "sg.", "eyj", "begin", "login", "user", "@")
_PRE_CAR011 = ("another", "other", "different", "previous", "one of our", "fellow", "named", "called", "his",
               "her", "their", "my ", "our ", "neighbo")
_PRE_CAR012 = ("keep", "tell", "confidential", "wraps", "record", "code", "between", "supposed", "allowed", "hear", "quote", "nda",
               "internal", "share", "post", "mention", "tweet", "spread", "announced", "public", "project",
               "operation", "-rc", "_rc", "alpha", "-dev", "_dev", "snapshot", "-internal", "build")


def _plain(text: str) -> str:
    """Curly apostrophes made straight, one character for one, so offsets stay valid (“don’t” → “don't”)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _mentions(text: str, keys: tuple[str, ...], lower: bool = True) -> bool:
    """Cheap prefilter: does the text hold any trigger substring (case-insensitively)?"""
    hay = text.lower() if lower else text
    return any(k in hay for k in keys)


# =========================================================================== CAR001 placeholders

# Template syntaxes: Liquid/Handlebars/Jinja, Mailchimp, JS/shell, Salesforce,
# %MERGE% tags, single-brace format fields, Word mail-merge chevrons, wiki brackets.
_SYNTAX = re.compile(
    r"\{\{\s*[^{}\n]{1,60}?\s*\}\}"
    r"|\{%-?\s*[^%\n]{1,80}?\s*-?%\}"
    r"|\*\|[A-Z0-9_:]{1,40}\|\*"
    r"|\$\{\s*[A-Za-z_][\w.]{0,40}\s*\}"
    r"|\{!\s*[A-Za-z_][\w.]{0,60}\s*\}"
    r"|%%?[A-Z][A-Z0-9_]{2,40}%%?|%%[A-Za-z][\w.]{1,40}%%|%[A-Z][a-z]+(?:[A-Z][a-z]+)+%"
    r"|%[a-z]+(?:[._][a-z]+)+%"
    r"|(?<![{$\w])\{\s*(?P<brace>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_]\w*)*)\s*\}(?!\})"
    r"|<<\s*[A-Za-z_][\w.]{0,30}\s*>>"
    r"|«(?P<chevron>[A-Za-z][A-Za-z0-9_]{1,30})»"
    r"|\[\[\s*[A-Za-z_][\w .]{0,30}?\s*\]\]"
)

# Slots in brackets: [CUSTOMER NAME], [Agent Name], [date], <insert link>, (FIRST NAME).
_BRACKETED = re.compile(
    r"\[(?P<sq>[^\[\]\n]{1,40})\](?![(\[])"
    r"|<(?P<ang>[^<>\n]{1,40})>"
    r"|\((?P<par>[^()\n]{1,40})\)"
)
_FILL_VERB = re.compile(r"(?i)^\s*(?:insert|add|enter|put|paste|fill in|include|replace with|type)\b")
_SLOT_ONLY = re.compile(r"^\s*(?:X{1,6}|x{2,6}|TBD|TBA|TBC|TK|\?{2,}|_{3,}|#{3,})\s*$")
_SLOT_HEADS = frozenset("""
name names firstname lastname fullname fname lname surname username nickname number no num nr date dates
time day link url email e-mail address amount price total cost fee phone code id signature sig
title company product item model city state zip zipcode postcode store location value details
reference ref customer client agent rep representative person recipient handle percentage percent
discount credit refund order ticket case account plan team department brand sku version deadline
eta month year placeholder field variable text here x xx xxx #
""".split())
_SLOT_WORDS = _SLOT_HEADS | frozenset("""
your my the a an of customer's client's agent's first last full middle given family company product
order tracking ticket case account reference confirmation phone email refund due delivery shipping
ship return store expiry expiration start end appointment billing renewal invoice new old correct
user contact support help article promo coupon discount gift card serial model device policy
booking reservation flight pickup today's current estimated relevant member membership
subscription manager team department twitter social dm cust pin street home mailing postal
website site web page dollar insert here's twitter-handle
""".split())

# Uppercase X stand-ins: "1-800-XXX-XXXX", "$XX.XX", "XXX", "in XX days". Not "XXL", not "XXXX-1234".
_X_NUMBER = re.compile(r"(?<![\w-])(?=[\dXx().+-]*[Xx]{2})[\dXx(][\dXx().+-]{3,}[Xx](?![\w-])")
_X_WORD = re.compile(r"(?<![\w-])(?P<cur>[$£€#]\s?)?(?P<x>X{1,}(?:[.,]X{2})?)(?![\w-])")
_X_UNIT = re.compile(
    r"\s*(?:%|(?:business |working )?(?:days?|hours?|hrs?|mins?|minutes?|weeks?|months?|years?)\b|"
    r"USD\b|dollars?\b|points?\b|GB\b|MB\b|items?\b)"
)
_MASKING = re.compile(
    r"(?i)(?:ending|ends|end|last (?:four|4|two|2|three|3)(?: digits)?|card|account|acct|iban|visa|"
    r"mastercard|amex|masked|redacted|hidden|starting|starts)\b[^.!?\n]{0,20}$"
)
_TBD = re.compile(
    r"[$£€#]\s?(?:TBD|TBA|TBC|TK)\b"
    r"|\b(?:TBD|TBA|TBC)\s?%"
    r"|\b(?:number|no\.|#|code|ID|id|link|URL|url|tracking)\s+(?:is|will be|:)\s+(?:TBD|TBA|TBC)\b"
    r"|[<{]\s*(?:TBD|TBA|TBC|TK)\s*[>}]"
)
# A name slot that rendered empty: "Hi ," / "Dear ," / "Thanks for your patience, !".
_EMPTY_SLOT = re.compile(
    r"(?i)\b(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))[ \t]+,"
    r"|(?<=\w),[ \t]+(?=[!?](?:\s|$))"
)
_TEACH = re.compile(
    r"(?i)\b(?:templates?|merge[ -]?(?:tags?|fields?|variables?|codes?)|placeholders?|variables?|"
    r"liquid|handlebars|mustache|jinja|personali[sz](?:ation|e|ed|ing)|dynamic (?:content|fields?|text)|"
    r"short ?codes?|snippets?|mail ?merge|syntax)\b"
)
# "the {{first_name}} tag", "*|FNAME|* field": the placeholder named as a thing.
_NAMED_AFTER = re.compile(r"(?i)[\"'”’`]?\s+(?:merge\s+)?(?:tags?|fields?|variables?|placeholders?|tokens?|codes?)\b")
_TEACH_ASK = re.compile(
    r"(?i)\b(?:templates?|merge[ -]?(?:tags?|fields?|variables?|codes?)|placeholders?|variables?|liquid|"
    r"handlebars|mustache|jinja|personali[sz]|dynamic (?:content|fields?)|short ?codes?|mail ?merge|macros?|"
    r"snippets?|tokens?)"
)
_INSTRUCT_BEFORE = re.compile(
    r"(?i)\b(?:type|enter|paste|insert|add|use|put|write|include|like|e\.g\.|such as|example:?|called|named)"
    r"\s+(?:in\s+|the\s+|a\s+|an\s+)?(?:merge\s+)?(?:tag\s+|field\s+|variable\s+|code\s+)?[\"'“‘`]?$"
)
_GREETING_BEFORE = re.compile(r"(?i)\b(?:hi|hello|hey|dear|thanks|thank you|sorry|welcome)[\s,]*$")
_FIRST_NAME_TAG = re.compile(r"(?i)first[ _-]?name|\bfname\b|^\W*name\W*$|customer[ _-]?name|client[ _-]?name")
_AGENT_NAME_TAG = re.compile(r"(?i)agent[ _-]?name|rep[ _-]?name|your[ _-]?name|signature|sig\b")


def _slot_like(content: str) -> bool:
    """Does the inside of [ ], < > or ( ) read as a slot to fill in?"""
    c = content.strip()
    if not c or any(ch.isdigit() for ch in c):
        return False
    if _SLOT_ONLY.match(c):
        return True
    if _FILL_VERB.match(c):
        return True
    if any(ch in c for ch in ":;!?=\"“”"):
        return False
    words = [w for w in re.split(r"[\s_/]+", c.lower().replace("’", "'")) if w]
    words = [w[:-2] if w.endswith("'s") and w not in _SLOT_WORDS else w for w in words]
    words = ["#" if w.strip(".") == "#" else w.strip(".#") for w in words]
    words = [w for w in words if w]
    if not words or len(words) > 5:
        return False
    return words[-1] in _SLOT_HEADS and all(w in _SLOT_WORDS for w in words)


def _menu_path(text: str, start: int, end: int) -> bool:
    """“Settings > [your name] > iCloud”: a UI label, not a slot."""
    before = text[max(0, start - 4):start].rstrip()
    after = text[end:end + 4].lstrip()
    return before.endswith((">", "›", "→", "»")) or after.startswith((">", "›", "→", "»"))


class Placeholder(Rule):
    id = "CAR001"
    english_only = False  # syntax, keys, links and mojibake look the same in any language
    name = "unrendered-placeholder"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A template placeholder or stand-in value that was never filled in."
    why = (
        "“Hi {{first_name}}” or “your order number is XXX” tells the customer they got a form letter "
        "nobody read; it is the most visible template leak there is. A merge tag explained to a customer "
        "who asked how templates work is fine, and so is a masked card number (“ending in XXXX”) or a "
        "date that is honestly still TBD."
    )
    message = "Fill in or remove the placeholder “{passage}” before sending."
    fix = "unsafe"
    scope = frozenset({"body", "url", "hashtag"})
    bad = examples(
        {"text": "Hi {{first_name}}, your order is on its way!", "context": {"customer_name": "Daniel Ortiz"},
         "flagged": "{{first_name}}", "fixed": "Hi Daniel, your order is on its way!"},
        {"text": "Dear [CUSTOMER NAME], thanks for your patience.", "flagged": "[CUSTOMER NAME]"},
        {"text": "You can track it here: <insert link> and it should arrive Monday.", "flagged": "<insert link>"},
        {"text": "Hello *|FNAME|*, your subscription renews soon.", "flagged": "*|FNAME|*"},
        {"text": "Hi ${name}, we've reset your password.", "flagged": "${name}"},
        {"text": "Hi %FIRST_NAME%, your plan renews on May 1.", "flagged": "%FIRST_NAME%"},
        {"text": "{% if premium %}You get free shipping!{% endif %} Your order is on its way.",
         "flagged": "{% if premium %}"},
        {"text": "Your order number is XXX and it ships today.", "flagged": "XXX"},
        {"text": "If the reset doesn't help, call us at 1-800-XXX-XXXX.", "flagged": "1-800-XXX-XXXX"},
        {"text": "I've issued a refund of $TBD to your card.", "flagged": "$TBD"},
        {"text": "Your replacement ships on [TBD].", "flagged": "[TBD]"},
        {"text": "Best,\n[Agent Name]", "context": {"agent_name": "Nadia"}, "flagged": "[Agent Name]",
         "fixed": "Best,\nNadia"},
        {"text": "Hi , your appointment is confirmed for June 12.", "context": {"customer_name": "Zoe Adams"},
         "flagged": "Hi ,", "fixed": "Hi Zoe, your appointment is confirmed for June 12."},
    )
    good = examples(
        "Type {{ and your field name in the template editor to insert a merge field, e.g. the first name field.",
        {"text": "In your template editor, type {{first_name}} wherever you want the recipient's name to appear.",
         "context": {"customer_message": "How do I put each subscriber's first name in the email?"}},
        {"text": "Yes: *|FNAME|* pulls in the subscriber's first name when the campaign sends.",
         "context": {"customer_message": "What does the *|FNAME|* merge tag do?"}},
        "Your order [#40213] ships tomorrow, and the tracking link is in your inbox.",
        "In the editor, click Insert > Link to add your own link.",
        "Your discount is 50% OFF until Sunday.",
        "The release date is still TBD, but I'll update you as soon as it's set.",
        "The charge on your card ending in XXXX-1234 was reversed.",
        "The hoodie comes in S through XXL, and the XXL is back in stock.",
        "Go to Settings > [your name] > iCloud and sign out, then sign back in.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _mentions(analysis.text, _PRE_CAR001, lower=False):
            return
        text = analysis.text
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        for m in _SYNTAX.finditer(text):
            word = m.group("brace") or m.group("chevron")
            if m.group("brace") and not ("_" in word or "." in word or re.search(r"[a-z][A-Z]", word)
                                         or word.lower() in _SLOT_HEADS):
                continue
            if m.group("chevron") and not ("_" in word or re.search(r"[a-z][A-Z]", word)):
                continue
            if self._explained(analysis, rc, m.start(), m.end(), syntax=True):
                continue
            taken.append((m.start(), m.end()))
            yield self._hit(analysis, rc, m.start(), m.end())
        for m in _BRACKETED.finditer(text):
            content = m.group("sq") or m.group("ang") or m.group("par")
            if content is None or not free(m.start(), m.end()):
                continue
            if m.group("par") is not None and not (content.strip().isupper() or _FILL_VERB.match(content)):
                continue  # "(your name)" in prose is usually an aside; only "(FIRST NAME)" is a slot
            if not _slot_like(content) or _menu_path(text, m.start(), m.end()):
                continue
            if self._explained(analysis, rc, m.start(), m.end(), syntax=False):
                continue
            taken.append((m.start(), m.end()))
            yield self._hit(analysis, rc, m.start(), m.end())
        has_x = "XX" in text or "xx" in text or "X" in text and any(c in text for c in "$£€#")
        for m in (_X_NUMBER.finditer(text) if has_x else ()):
            tok = m.group()
            if not free(m.start(), m.end()) or not re.search(r"[\d-]", tok) or tok.lower().count("x") < 3:
                continue
            if not re.search(r"[Xx]{2,}$", tok) or _MASKING.search(_sentence(text, m.start())[:200]):
                continue
            taken.append((m.start(), m.end()))
            yield self._hit(analysis, rc, m.start(), m.end())
        for m in (_X_WORD.finditer(text) if has_x else ()):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            xs = m.group("x")
            before = text[max(0, s - 40):s]
            unit = _X_UNIT.match(text, e)
            if m.group("cur"):
                pass
            elif len(xs.replace(".", "").replace(",", "")) >= 3 and not _MASKING.search(before):
                if re.match(r"[\s-]*\d", text[e:e + 3]) or re.search(r"\d[\s-]*$", before[-3:]):
                    continue  # "XXXX 1234" is a masked number
                prev = re.search(r"([A-Za-z]+)\W*$", before)
                if re.match(r" [A-Z][a-z]", text[e:e + 3]) or (
                        prev and prev.group(1)[0].isupper() and not re.fullmatch(
                            r"(?i)hi|hello|hey|dear|is|at|of|to|number|code|id|total|ref|mr|mrs|ms", prev.group(1))
                        and not re.search(r"[.!?]\s*$", before[: prev.start(1)] or ".")):
                    continue  # part of a name: "XXX Games", "Super Bowl XXX"
            elif len(xs) >= 2 and unit and not _MASKING.search(before):
                pass
            else:
                continue
            taken.append((s, e))
            yield self._hit(analysis, rc, s, e)
        for m in (_TBD.finditer(text) if "TB" in text or "TK" in text else ()):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                yield self._hit(analysis, rc, m.start(), m.end())
        for m in (_EMPTY_SLOT.finditer(text) if " ," in text or ", !" in text or ", ?" in text else ()):
            if not free(m.start(), m.end()):
                continue
            passage = m.group()
            if passage.startswith(","):
                edit = Edit(m.start(), m.end(), "")
                yield Hit(m.start(), m.end(), message="A name slot rendered empty here; add the name or drop the comma.",
                          suggestions=[suggestion(edit, "Drop the empty slot", safe=False)])
                continue
            word = passage.rstrip(", \t")
            name = _first_name(rc.context.customer_name)
            new = f"{word} {name}," if name else f"{word},"
            edit = Edit(m.start(), m.end(), new)
            yield Hit(m.start(), m.end(),
                      message=f"“{word}” is followed by an empty name slot; the merge field rendered nothing.",
                      suggestions=[suggestion(edit, f"Write “{new}”", safe=False)])

    def _explained(self, analysis: "Analysis", rc: RuleContext, start: int, end: int, syntax: bool) -> bool:
        """A placeholder shown to a customer who asked how templates work, or quoted as syntax.

        Never when it stands where a name would (“Hi {{first_name}},”, “Thanks, [NAME]!”): that is a
        template leak whatever the customer asked.
        """
        text = analysis.text
        if _inside(analysis, start, end, "greeting", "signoff"):
            return False
        lo, hi = _sentence_bounds(text, start, end)
        before = text[lo:start]
        after = text[end:hi]
        if _GREETING_BEFORE.search(before) or (before.rstrip().endswith(",") and re.match(r"\s*(?:[!?.]|$)", after)):
            return False
        if _quoted(text, start, end) or _NAMED_AFTER.match(after):
            return True
        if syntax and _INSTRUCT_BEFORE.search(before):
            return True
        if _TEACH.search(text[lo:hi]):
            return True
        ask = rc.context.customer_message or ""
        return bool(_TEACH_ASK.search(ask) or _SYNTAX.search(ask))

    def _hit(self, analysis: "Analysis", rc: RuleContext, start: int, end: int) -> Hit:
        passage = analysis.text[start:end]
        suggestions = []
        first = _first_name(rc.context.customer_name)
        agent = (rc.context.agent_name or "").strip()
        if first and _FIRST_NAME_TAG.search(passage) and not _AGENT_NAME_TAG.search(passage):
            suggestions.append(suggestion(Edit(start, end, first), f"Use the customer's name, “{first}”", safe=False))
        elif agent and _AGENT_NAME_TAG.search(passage):
            suggestions.append(suggestion(Edit(start, end, agent), f"Sign with your name, “{agent}”", safe=False))
        return Hit(start, end, message=self.message.format(passage=passage), suggestions=suggestions)


# =========================================================================== CAR002 test text

_LOREM = re.compile(r"(?i)\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing\b")
_LOREM_TOPIC = re.compile(r"(?i)lorem ipsum(?:[\"”’']|\s+(?:text|copy|placeholder|filler|dummy|is|that|in))")
_MASH = re.compile(r"(?i)(?<![\w@#./-])(?:asdf(?:gh|jkl)?[;a-z]*|sdfsdf\w*|jkl;|zxcv\w*|qwerty(?:uiop)?)(?![\w@.-])")
_MASH_OK = re.compile(r"(?i)\b(?:keyboards?|layouts?|keys|keypad|typing|type)\b")
_TEST_CHAIN = re.compile(
    r"(?i)\btest(?:ing)?(?:[ ,.!-]+(?:test(?:ing)?|1 ?,? ?2 ?,? ?3|one,? two,? three)\b)+"
    r"|\btest ?123\b"
)
_TEST_SENTENCE = re.compile(
    r"(?i)^(?:\[?(?:this is )?(?:only |just )?(?:a |an )?(?:internal )?test(?:ing)?(?: (?:message|email|e-mail|reply|post|"
    r"tweet|ticket|note|response|macro|send))?\]?|test(?:ing)?,? (?:please )?ignore(?: this)?|"
    r"please ignore(?:,| -| this)? (?:this is )?(?:a |just a )?test(?: message| email)?|ignore this(?: message| email)?)"
    r"(?:\s*[,:\-–—]?\s*(?:please )?(?:ignore|disregard)(?: this| it)?(?: message| email| reply)?)?"
    r"\s*(?:[.!:\-–—]+|$)"
)
_TEST_BANNER = re.compile(r"\[(?:TEST|TESTING)\]|(?m:^)(?:TEST|TESTING)\b(?=\s*[:\-–—!.]|\s+[A-Z])")


class TestText(Rule):
    id = "CAR002"
    english_only = False
    name = "test-text"
    trait = "careful"
    severity = Severity.ERROR
    summary = "Test or filler text: “lorem ipsum”, “asdf”, “testing 123”, “This is a test message.”"
    why = (
        "A test message that reaches a customer shows them our tooling is broken and nobody checked. "
        "Only text that IS a test counts: “run a speed test” or “we're testing a fix” is advice, not a leak."
    )
    message = "This looks like test text (“{passage}”); remove it before sending."
    fix = "unsafe"
    bad = examples(
        {"text": "test test 123", "flagged": "test test 123"},
        {"text": "Hi Marco, lorem ipsum dolor sit amet, your refund is on its way.", "flagged": "lorem ipsum"},
        {"text": "This is a test message.", "flagged": "This is a test message."},
        {"text": "asdf your replacement card is in the mail.", "flagged": "asdf",
         "fixed": "Your replacement card is in the mail."},
        {"text": "THIS IS A TEST MESSAGE. Hi Ahmed, your store's checkout is live now.",
         "flagged": "THIS IS A TEST MESSAGE.", "fixed": "Hi Ahmed, your store's checkout is live now."},
        {"text": "@115712 testing", "flagged": "testing"},
    )
    good = examples(
        "Could you run a quick speed test and send me the result?",
        "We're testing a fix for the login issue and will update you.",
        "Test the new password in a private window first, please.",
        "Your test drive is booked for Friday at 10am ET.",
        "Place a $1 test order to make sure everything works before you announce it.",
        "The lorem ipsum text on your new site is the theme's placeholder copy; replace it in the page editor.",
        "Switch the keyboard layout back to QWERTY under Settings > Keyboard.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _mentions(analysis.text, _PRE_CAR002):
            return
        text = analysis.text
        found: list[tuple[int, int]] = []
        for m in _LOREM.finditer(text):
            if not _LOREM_TOPIC.search(text, m.start(), min(len(text), m.end() + 14)) and not _quoted(
                    text, m.start(), m.end()):
                found.append((m.start(), m.end()))
        for m in _MASH.finditer(text):
            if not _MASH_OK.search(_sentence(text, m.start())):
                found.append((m.start(), m.end()))
        for m in _TEST_CHAIN.finditer(text):
            found.append((m.start(), m.end()))
        for m in _TEST_BANNER.finditer(text):
            found.append((m.start(), m.end()))
        # A sentence (or the whole reply, after @handles) that is nothing but "test".
        greetings = analysis.source.regions_of("greeting")
        for sent in analysis.doc.sents:
            s, e = sent.start_char, sent.end_char
            while s < e and (text[s].isspace() or analysis.is_masked(s, s + 1)):
                s += 1
            for g in greetings:  # "Hi Ahmed, this is a test."
                if s <= g.start < e and text[g.start:g.end].rstrip().endswith((",", "!", ":")):
                    s = g.end
                    while s < e and text[s].isspace():
                        s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e and _TEST_SENTENCE.match(text[s:e]) and _TEST_SENTENCE.match(text[s:e]).end() == e - s:
                found.append((s, e))
        kept: list[tuple[int, int]] = []
        for s, e in sorted(found, key=lambda p: (p[0], -(p[1] - p[0]))):
            if any(a <= s < b for a, b in kept):
                continue
            kept.append((s, e))
            edit = deletion_edit(text, s, e)
            yield Hit(s, e, message=self.message.format(passage=text[s:e]),
                      suggestions=[suggestion(edit, "Delete the test text", safe=False)])


# =========================================================================== CAR003 internal URLs

_GO_LINK = re.compile(r"(?:(?<=\bsee )|(?<=\bat )|(?<=\bin )|(?<=\bon )|(?<=\bvia )|(?<=\bper )|(?<=://))go/[a-z0-9][\w-]+")
# Hosts the URL region misses: localhost, IPs, and internal-only top-level names.
_BARE_HOST = re.compile(
    r"(?<![\w@.$/-])(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|"
    r"(?:10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})(?![\d.]*\d)|"
    r"(?:[a-z0-9-]+\.)+(?:internal|corp|intranet|localhost|lan)\b)(?::\d{2,5})?(?:/[^\s<>\"'`]*)?",
    re.IGNORECASE,
)
_ENV_LABEL = re.compile(
    r"^(?:staging|stage|stg|dev|devel|develop|qa|uat|preprod|pre-prod|internal|intranet|int|corp|"
    r"jira|confluence|jenkins|grafana|kibana|backoffice|back-office|backend|ops)(?:[-_]?\d+|[-_][a-z0-9]+)*$"
)
# Labels that name a dev/test environment only with a suffix ("dev-eu2", "qa1"); alone they may be public.
_ENV_BARE_OK = {"dev", "int", "ops", "backend", "corp"}
_PUBLIC_DEV = re.compile(
    r"(?:^|\.)(?:dev\.to|dev\.twitter\.com|dev\.fitbit\.com|dev\.windows\.com|dev\.azure\.com|dev\.office\.com|"
    r"dev\.mysql\.com|dev\.epicgames\.com|dev\.bitly\.com|dev\.botframework\.com|dev\.mi\.com|dev\.px\.dev)$"
)
_DOCS_PATH = re.compile(r"(?i)/(?:docs?|documentation|api|apps?|reference|portal|blog|guides?|forums?|community|"
                        r"sdks?|downloads?|console|dashboard|en(?:-[a-z]+)?)\b")
_INTERNAL_TLD = re.compile(r"\.(?:internal|corp|intranet|localhost|lan)$")
_PRIVATE_IP = re.compile(r"^(?:10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})$")
_LOOPBACK = re.compile(r"^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])$")
_ADMIN_HOST = re.compile(r"^(?:admin|admin\d*|backoffice|back-office|staff|ops|internal|manage|cms|crm|console)\.")
_RECORD_PATH = re.compile(
    r"/(?:users?|customers?|accounts?|members?|subscribers?|people|profiles?|contacts?)/\d{2,}"
    r"|/(?:impersonate|masquerade|login[_-]as|sudo|become)\b",
    re.IGNORECASE,
)
# Agent-side views of helpdesk, CRM, chat and issue-tracker tools.
_TOOL_URL = re.compile(
    r"\.atlassian\.net/(?:browse|jira|wiki|secure)\b"
    r"|(?:^|\.)jira\.[\w-]+\.[\w.-]+"
    r"|(?-i:/browse/[A-Z][A-Z0-9]+-\d+)"
    r"|\.zendesk\.com/agent/"
    r"|\.freshdesk\.com/a/"
    r"|\.(?:lightning\.)?force\.com/lightning/r/"
    r"|app\.intercom\.(?:com|io)/a/"
    r"|app\.hubspot\.com/(?:contacts|tickets|live-messages)/"
    r"|\.slack\.com/archives/"
    r"|app\.slack\.com/client/"
    r"|secure\.helpscout\.net/conversation/"
    r"|app\.frontapp\.com/"
    r"|\.gorgias\.com/app/"
    r"|\.kustomerapp\.com/app/"
    r"|linear\.app/[\w-]+/issue/"
    r"|sentry\.io/organizations/"
    r"|app\.datadoghq\.(?:com|eu)/"
    r"|(?:^|\.)(?:grafana|kibana|jenkins|confluence)\.[\w-]+\.[\w.-]+"
    r"|\.sharepoint\.com/sites/"
    r"|\.my\.salesforce\.com/(?:[0-9A-Za-z]{15,18}\b|lightning/)"
    r"|^go/[\w-]+",
    re.IGNORECASE,
)
_ROUTER_CONTEXT = re.compile(
    r"(?i)\b(?:router|modem|gateway|wi-?fi|wireless|network|hub|access point|extender|browser|address bar|"
    r"admin (?:page|panel|console|settings)|settings page|ip address|default ip)\b"
)
_OWN_MACHINE = re.compile(
    r"(?i)\b(?:your (?:own )?(?:machine|computer|laptop|server|pc|mac|dev(?:elopment)? (?:machine|server|environment))|"
    r"locally|on your end|local (?:dev(?:elopment)?|server|machine|testing|environment|host)|port \d+|"
    r"run(?:ning)?|forward(?:ing)?|listen(?:ing)?|curl|webhooks?|cli)\b"
)
_OWN_MACHINE_ASK = re.compile(
    r"(?i)\b(?:localhost|locally|local(?:ly)? (?:dev|server|machine|testing|host)|my (?:machine|laptop|computer|server|pc|mac)|"
    r"self-host(?:ed|ing)?|on-prem(?:ise)?|docker|webhooks?|router|modem|gateway|wi-?fi)\b"
)


_PRE_BARE_HOST = re.compile(r"(?i)localhost|\d\.\d{1,3}\.\d{1,3}\.\d|\.(?:internal|corp|intranet|lan)\b")
_SHORTENER = re.compile(r"(?i)^(?:https?://)?(?:t\.co|bit\.ly|goo\.gl|ow\.ly|buff\.ly|tinyurl\.com|amzn\.to|youtu\.be)/")


def _split_url(url: str) -> tuple[str, str]:
    """(host, path) of a URL or bare host, lower-case host, no scheme, port or credentials."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.IGNORECASE)
    host, slash, path = rest.partition("/")
    host = host.rsplit("@", 1)[-1].split(":")[0].lower().rstrip(".")
    return host, slash + path


def _internal_reason(url: str, sentence: str, ask: str) -> str | None:
    host, path = _split_url(url)
    if not host:
        return None
    if _LOOPBACK.match(host):
        if _OWN_MACHINE.search(sentence) or _OWN_MACHINE_ASK.search(ask):
            return None  # the customer's own machine, as they asked
        return "a local address that only works on our own machine"
    if _PRIVATE_IP.match(host):
        bare = not re.search(r":\d|/\S", url.split("://")[-1])
        if _ROUTER_CONTEXT.search(sentence) or _OWN_MACHINE_ASK.search(ask) or (bare and host.endswith((".1", ".254"))):
            return None  # "open 192.168.1.1 in your browser": the customer's router
        return "a private network address customers can't reach"
    if _INTERNAL_TLD.search(host):
        return "an internal-only host"
    full = host + path
    if _TOOL_URL.search(full):
        return "a link into an internal tool (helpdesk, CRM, chat or issue tracker)"
    if _PUBLIC_DEV.search(host):
        return None
    labels = host.split(".")
    for label in labels[:-2]:  # the registered domain itself ("dev.to") never counts
        if _ENV_LABEL.match(label) and label not in _ENV_BARE_OK:
            return "a staging, test or internal environment"
        if label in {"dev", "int"} and not _DOCS_PATH.match(path):
            return "a staging, test or internal environment"
    for label in labels[:-2]:
        if re.search(r"(?:^|[-_])(?:staging|stage|stg|qa|uat|preprod|internal)(?:[-_]|\d|$)", label):
            return "a staging, test or internal environment"
        if re.match(r"^(?:dev|int)[-_]?[a-z]*\d+$|^(?:dev|int)[-_][a-z0-9]+$", label):
            return "a staging, test or internal environment"
    if _ADMIN_HOST.match(host) and _RECORD_PATH.search(path):
        return "an admin page of our own tools"
    if re.search(r"/admin(?:/[^/\s]+)*?/(?:users?|customers?|accounts?|orders?|members?|subscriptions?)/\d+", path,
                 re.IGNORECASE):
        return "an admin page of our own tools"
    return None


class InternalUrl(Rule):
    id = "CAR003"
    english_only = False
    name = "internal-url"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A link to an internal, local or staging address, an admin page or an issue tracker."
    why = (
        "Customers can't open internal links, and they reveal our internal systems; a staging link may "
        "show them unreleased work, and an admin or helpdesk link shows them a login wall. Public consoles "
        "(admin.google.com), developer sites and the customer's own router (192.168.1.1) are fine."
    )
    message = "The link “{passage}” is {reason}; replace it with the public page."
    scope = frozenset({"body", "url"})
    bad = examples(
        {"text": "You can see the new page at http://localhost:3000/pricing now.", "flagged": "http://localhost:3000/pricing"},
        {"text": "Here's the preview: https://staging.acme.com/checkout", "flagged": "https://staging.acme.com/checkout"},
        {"text": "I logged it here https://acme.atlassian.net/browse/SUP-123 for you.",
         "flagged": "https://acme.atlassian.net/browse/SUP-123"},
        {"text": "Try the fix on https://dev-eu2.acme.internal/app and let me know.",
         "flagged": "https://dev-eu2.acme.internal/app"},
        {"text": "I've reset it at https://admin.acme.com/users/88213/edit for you.",
         "flagged": "https://admin.acme.com/users/88213/edit"},
        {"text": "Your ticket is https://acme.zendesk.com/agent/tickets/5521 if you need it.",
         "flagged": "https://acme.zendesk.com/agent/tickets/5521"},
    )
    good = examples(
        "You can see the new page at https://acme.com/pricing now.",
        "Our developer docs are at https://developer.acme.com/api.",
        "Make sure your router's address is set, then restart it and try again.",
        "Sign in at https://admin.google.com as a super admin and open Users.",
        "Open 192.168.1.1 in your browser to reach your router's settings page.",
        {"text": "Point the CLI at http://localhost:3000/webhooks and run it again.",
         "context": {"customer_message": "How do I test webhooks locally?"}},
        "You can track the request at https://acme.zendesk.com/hc/requests/5521.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        ask = rc.context.customer_message or ""
        spans: list[tuple[int, int]] = [(r.start, r.end) for r in analysis.source.regions_of("url")]
        patterns = [_BARE_HOST] if _PRE_BARE_HOST.search(text) else []
        if "go/" in text:
            patterns.append(_GO_LINK)
        for pattern in patterns:
            for m in pattern.finditer(text):
                s, e = m.start(), m.end()
                while e > s and text[e - 1] in ".,!?;:)]}'\"":
                    e -= 1
                if _overlaps(analysis, s, e, "email", "code", "quote"):
                    continue
                if not any(a <= s < b for a, b in spans):
                    spans.append((s, e))
        if not spans:
            return
        seen: set[tuple[int, int]] = set()
        for s, e in sorted(spans):
            if (s, e) in seen or any(a < s and e <= b for a, b in seen):
                continue
            url = text[s:e]
            if _SHORTENER.match(url):
                continue
            reason = _internal_reason(url, _sentence(text, s, e), ask)
            if reason:
                seen.add((s, e))
                yield Hit(s, e, message=self.message.format(passage=url, reason=reason))


# =========================================================================== CAR004-CAR006 team lists (config)

@lru_cache(maxsize=64)
def _term_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alts = sorted((re.escape(t.strip()) for t in terms if t.strip()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


class BannedTerm(Rule):
    id = "CAR004"
    english_only = False
    name = "banned-term"
    trait = "careful"
    severity = Severity.WARNING
    summary = "A term your team has banned (config `banned_terms`), with its replacement."
    why = "Teams ban internal names and words that confuse customers; the list is yours, kept in the config."
    message = "“{passage}” is on the team's banned list{advice}."
    fix = "safe"
    bad = examples(
        {"text": "See the knowledge base for steps.", "settings": {"banned_terms": {"knowledge base": "Help Center"}},
         "flagged": "knowledge base", "fixed": "See the Help Center for steps."},
        {"text": "Our Hydra backend is slow today.", "settings": {"banned_terms": ["Hydra"]}, "flagged": "Hydra"},
        {"text": "Knowledge Base articles help.", "settings": {"banned_terms": {"knowledge base": "Help Center"}},
         "flagged": "Knowledge Base"},
    )
    good = examples(
        {"text": "See the Help Center for steps.", "settings": {"banned_terms": {"knowledge base": "Help Center"}}},
        {"text": "The hydrant near the store is fine.", "settings": {"banned_terms": ["Hydra"]}},
        "Anything here is fine when no terms are banned: knowledge base, Hydra.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        terms = rc.settings.banned_terms
        regex = _term_regex(tuple(sorted(terms)))
        if regex is None:
            return
        lowered = {k.lower(): v for k, v in terms.items()}
        for m in regex.finditer(analysis.text):
            repl = lowered.get(m.group().lower(), "")
            advice = f"; use “{repl}”" if repl else ""
            suggestions = []
            if repl:
                edit = replacement_edit(analysis.text, m.start(), m.end(), repl)
                suggestions.append(suggestion(edit, f"Use “{repl}”", safe=True))
            yield Hit(m.start(), m.end(), message=self.message.format(passage=m.group(), advice=advice),
                      suggestions=suggestions)


class Codename(Rule):
    id = "CAR005"
    english_only = False
    name = "unreleased-codename"
    trait = "careful"
    severity = Severity.ERROR
    summary = "An unreleased feature's internal codename (config `codenames`)."
    why = "A codename in a reply leaks unreleased work and confuses the customer, who can't look it up."
    message = "“{passage}” is an internal codename; describe the feature without it, or leave it out."
    bad = examples(
        {"text": "Project Falcon will make this faster.", "settings": {"codenames": ["Project Falcon"]},
         "flagged": "Project Falcon"},
        {"text": "The falcon release fixes it.", "settings": {"codenames": ["Falcon"]}, "flagged": "falcon"},
        {"text": "We're testing BLUEJAY with a few users.", "settings": {"codenames": ["Bluejay"]}, "flagged": "BLUEJAY"},
    )
    good = examples(
        {"text": "Atlanta Falcons fans love this jersey.", "settings": {"codenames": ["Falcon"]}},
        {"text": "A faster sync is coming; I'll update you when it's out.", "settings": {"codenames": ["Falcon"]}},
        "Falcon is only a codename when the team says so.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        regex = _term_regex(tuple(sorted(rc.settings.codenames)))
        if regex is None:
            return
        for m in regex.finditer(analysis.text):
            yield Hit(m.start(), m.end(), message=self.message.format(passage=m.group()))


class InternalDomain(Rule):
    id = "CAR006"
    english_only = False
    name = "internal-domain"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A link or host on one of your internal domains (config `internal_domains`)."
    why = "Customers can't open internal links, and the host names reveal internal systems."
    message = "“{passage}” is on an internal domain; link the public page instead."
    scope = frozenset({"body", "url"})
    bad = examples(
        {"text": "Details: https://wiki.acme.corp/refunds", "settings": {"internal_domains": ["acme.corp"]},
         "flagged": "https://wiki.acme.corp/refunds"},
        {"text": "See tools.acme-int.net/order/55 for it.", "settings": {"internal_domains": ["acme-int.net"]},
         "flagged": "tools.acme-int.net/order/55"},
        {"text": "Open http://acme.corp now.", "settings": {"internal_domains": ["acme.corp"]},
         "flagged": "http://acme.corp"},
        {"text": "The steps are on wiki.acme.corp/refunds for now.", "settings": {"internal_domains": ["acme.corp"]},
         "flagged": "wiki.acme.corp/refunds"},
    )
    good = examples(
        {"text": "Details: https://acme.com/refunds", "settings": {"internal_domains": ["acme.corp"]}},
        {"text": "Write to help@acme.corp.example.com.", "settings": {"internal_domains": ["acme.corp"]}},
        "No internal domains configured: https://wiki.acme.corp/refunds",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        domains = [d.lower().lstrip(".") for d in rc.settings.internal_domains if d.strip()]
        if not domains:
            return
        text = analysis.text
        spans = [(r.start, r.end) for r in analysis.source.regions_of("url")]
        # Hosts the URL region misses ("wiki.acme.corp/refunds": .corp is no public TLD).
        bare = re.compile(r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)*(?:" + "|".join(re.escape(d) for d in domains)
                          + r")(?![\w-]|\.[\w-])(?::\d{2,5})?(?:/[^\s<>\"'`]*)?", re.IGNORECASE)
        for m in bare.finditer(text):
            e = m.end()
            while e > m.start() and text[e - 1] in ".,!?;:)]}'\"":
                e -= 1
            if not any(a <= m.start() < b for a, b in spans) and not _overlaps(analysis, m.start(), e, "email"):
                spans.append((m.start(), e))
        for start, end in sorted(spans):
            url = text[start:end]
            host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.lower()).split("/")[0].split(":")[0]
            if any(host == d or host.endswith("." + d) for d in domains):
                yield Hit(start, end, message=self.message.format(passage=url))


# =========================================================================== CAR007 internal notes

_NOTE_MARK = re.compile(
    r"(?i)\b(?P<mark>(?:note|notes|reminder|memo) to (?:self|myself)|notes? for (?:the )?(?:agents?|team|rep|reviewer)|notes? to (?:the )?(?:agents?|team)|"
    r"internal(?: note| notes| only| use only| comment| memo| remark)?|for internal use(?: only)?|"
    r"agent(?:'s)? notes?|agent only|staff(?: note| only)|private note|admin note|cs note|ops note|"
    r"do not send|not for (?:the )?customer|todo|fixme|tbc)\b\s*(?P<sep>[:\]\)]|[-–—](?=\s))"
)
_NOTE_ANYWHERE = re.compile(
    r"(?i)\b(?:note|reminder|memo) to (?:self|myself)\b|\bfor internal use only\b|\binternal use only\b|\bnot for (?:the )?customer'?s? eyes\b"
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
    r"approve)\b"
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
_CHAT_QUOTE = re.compile(
    r"(?i)\b(?:per|from|says|said|asked|via|according to|as)\s+@\w+\s+(?:said\s+)?(?:in|on)\s+#[\w-]+"
    r"|\b(?:in|on|from|per|see|via|posted in|asked in)\s+(?:the\s+)?#[a-z0-9]+(?:[-_][a-z0-9]+)+\b(?:\s+channel)?"
    r"|\b(?:in|on|from) (?:our |the )?(?:internal slack|slack channel|slack thread)\b"
)


class InternalNote(Rule):
    id = "CAR007"
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
        {"text": "The outage was our fault - don't tell the customer that. Your service is back.",
         "flagged": "don't tell the customer"},
        {"text": "Per @jake in #billing-ops: just refund them. Your refund is processed.",
         "flagged": "Per @jake in #billing-ops"},
        {"text": "TODO: add tracking link. Your order shipped today.", "flagged": "TODO: add tracking link."},
    )
    good = examples(
        "Hi Marcus, I've added a $10 credit. Note that it applies to your next bill.",
        "Your phone's internal storage is full, which is why the update fails.",
        "I've passed your feedback to the store manager for internal review.",
        "Jake on our billing team approved your refund this morning.",
        "Please don't tell anyone your PIN, not even us.",
        "Please note: a small amount of salt can carry over from the previous batch.",
        "(If you already tried that, let me know and we'll look further.) Your refund went out today.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _mentions(analysis.text, _PRE_CAR007):
            return
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
                if _SECOND_PERSON.search(inner) and not _BRACKET_MARK.match(inner):
                    continue
                if (_BRACKET_MARK.match(inner) or (_DIRECTIVE.match(inner) and _THIRD_PERSON.search(inner))
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
        if "#" in text or "slack" in low:
            found.extend((m.start(), m.end(), False) for m in _CHAT_QUOTE.finditer(text))
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


# =========================================================================== CAR008 secrets

_TOKEN = re.compile(
    r"\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{8,}"
    r"|\bwhsec_[0-9A-Za-z]{16,}"
    r"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"
    r"|\bgh[pousr]_[0-9A-Za-z]{20,}"
    r"|\bgithub_pat_[0-9A-Za-z_]{22,}"
    r"|\bxox[abposr]-[0-9A-Za-z-]{10,}"
    r"|\bAIza[0-9A-Za-z_-]{35}"
    r"|\bglpat-[0-9A-Za-z_-]{20,}"
    r"|\bsk-(?:proj-|ant-)?[0-9A-Za-z_-]{24,}"
    r"|\bSG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}"
    r"|\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}"
    r"|\b[Bb]earer\s+[0-9A-Za-z._~+/-]{20,}=*"
    r"|-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"
)
_TOKEN_HINTS = ("sk_", "rk_", "whsec_", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat", "xox", "AIza", "glpat-", "sk-", "SG.",
                "eyJ", "PRIVATE KEY")
_KEY_VALUE = re.compile(
    r"(?i)\b(?:api[ _-]?key|api[ _-]?secret|secret[ _-]?key|client[ _-]?secret|access[ _-]?token|auth[ _-]?token|"
    r"private[ _-]?key|webhook[ _-]?secret|signing[ _-]?secret)\s*(?:is|:|=)\s*[\"'“]?(?P<v>[0-9A-Za-z_\-./+=]{16,})"
)
_PASSWORD = re.compile(
    r"(?i)\b(?:(?P<kind>temporary|temp|new|one-time|initial|reset|default|factory)\s+)?"
    r"(?:password|passwd|pwd|passcode|pass ?phrase)(?:\s*(?::|=)|\s+(?:is|was|will be|is now|set to|has been set to|"
    r"reset to|changed to)|\s+[-–—])\s*[\"'“‘]?(?P<v>[^\s\"'”’]{4,64})"
    r"|(?i:\b(?:set|changed|reset|updated)\s+(?:your|the|his|her)\s+(?P<kind2>temporary |temp |new |account |login )?"
    r"password\s+to\s*[\"'“‘]?)(?P<v2>[^\s\"'”’]{4,64})"
)
_CRED_PAIR = re.compile(
    r"(?P<user>[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?i:user(?:name)?|login|user id)\s*[:=]?\s*\S+)"
    r"\s*(?:/|\||,?\s*(?i:\bpassword\b)\s*[:=]?|,?\s*(?i:\bpw\b)\s*[:=]?)\s*"
    r"(?i:password\s*[:=]?\s*)?[\"'“]?(?P<v>[^\s\"'”’,]{4,64})"
)
_NOT_A_PASSWORD = re.compile(
    r"(?i)^(?:incorrect|correct|wrong|invalid|expired|required|case[- ]sensitive|reset|changed|updated|"
    r"protected|needed|missing|blank|empty|too|not|being|now|still|the|your|a|an|this|that|it|same|different|"
    r"strong|weak|secure|saved|stored|encrypted|hidden|link|page|field|manager|characters?|digits?|letters?)\W*$"
)


def _passwordish(value: str) -> bool:
    """Looks like a real password: mixes letters with digits/symbols, or case inside the word."""
    v = value.rstrip(".,;:!?)")
    if len(v) < 4 or _NOT_A_PASSWORD.match(v) or set(v) <= {"*", "•", "x", "X", "#", "."}:
        return False
    if re.fullmatch(r"[\d\s-]+", v):
        return len(v) >= 6  # a bare PIN of 4-5 digits is too ambiguous ("is 1234" may be a default)
    letters = any(c.isalpha() for c in v)
    digits = any(c.isdigit() for c in v)
    symbols = any(not c.isalnum() for c in v)
    inner_caps = any(c.isupper() for c in v[1:]) and any(c.islower() for c in v)
    return letters and (digits or symbols or inner_caps)


class Secret(Rule):
    id = "CAR008"
    english_only = False
    name = "secret-in-reply"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A secret in the reply: an API key or token, a private key, or a password in plain text."
    why = (
        "A key or password in a reply is a credential leak: it lives on in the customer's inbox (or in "
        "public, on social) and must be rotated. Send a reset link instead. A temporary password the "
        "customer must change at first login is a warning, not an error; a factory-default one is public."
    )
    message = "“{passage}” looks like {what}; never send it in a reply."
    bad = examples(
        {"text": "Here's the key from our test account: sk_live_51Hx9QeLkdT0aZ3.", "flagged": "sk_live_51Hx9QeLkdT0aZ3"},
        {"text": "Use AKIAIOSFODNN7EXAMPLE as the access key.", "flagged": "AKIAIOSFODNN7EXAMPLE"},
        {"text": "Sign in with the shared support login, support@acme.com / Acme!2024, and you'll see it.",
         "flagged": "Acme!2024"},
        {"text": "I've set your new password to Sunshine2024. You can log in with it now.", "flagged": "Sunshine2024"},
        {"text": "Add the header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdefghijklmn to the call.",
         "flagged": "Bearer eyJhbGciOiJIUzI1NiJ9abcdefghijklmn"},
        {"text": "Our bot token is xoxb-1234567890-abcdefghij, paste it in the app.", "flagged": "xoxb-1234567890-abcdefghij"},
    )
    good = examples(
        "Your API key is under Developers > API Keys. Click Reveal to copy it, and keep it private.",
        "I've sent a password reset link to your email. Choose a new password there.",
        "Is it saying your password is incorrect? Try the reset link.",
        "Your line is unbarred and the voicemail default password is 1234 until you change it.",
        "Use a password with at least 12 characters, like a short phrase.",
        "Your publishable key starts with pk_live_ and is safe to put in your web page.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _mentions(analysis.text, _PRE_CAR008):
            return
        text = analysis.text
        seen: list[tuple[int, int]] = []

        def emit(s: int, e: int, what: str, severity: Severity | None = None) -> Iterator[Hit]:
            while e > s and text[e - 1] in ".,;:!?)":
                e -= 1
            if any(a < e and s < b for a, b in seen) or _overlaps(analysis, s, e, "quote", "code"):
                return
            seen.append((s, e))
            yield Hit(s, e, message=self.message.format(passage=text[s:e], what=what), severity=severity)

        low = text.lower()
        tokens = _TOKEN.finditer(text) if _has(text, *_TOKEN_HINTS) or "bearer" in low else ()
        for m in tokens:
            yield from emit(m.start(), m.end(), "an API key, token or private key")
        for m in (_KEY_VALUE.finditer(text) if _has(low, "key", "secret", "token") else ()):
            v = m.group("v")
            if any(c.isdigit() for c in v) and any(c.isalpha() for c in v):
                yield from emit(m.start("v"), m.end("v"), "an API key or secret")
        for m in (_PASSWORD.finditer(text) if _has(low, "pass", "pwd") else ()):
            g = "v" if m.group("v") else "v2"
            value = m.group(g)
            kind = (m.group("kind") or m.group("kind2") or "").strip().lower()
            if not _passwordish(value) or kind in {"default", "factory"}:
                continue
            sev = Severity.WARNING if kind in {"temporary", "temp", "one-time", "initial", "reset", "new"} else None
            if sev and re.search(r"(?i)\b(?:shared|team|admin|our|test account|master)\b", _sentence(text, m.start())):
                sev = None
            yield from emit(m.start(g), m.end(g), "a password in plain text", sev)
        pair = _has(low, "@", "user", "login") and _has(low, "/", "|", "password", "pw")
        for m in (_CRED_PAIR.finditer(text) if pair else ()):
            value = m.group("v")
            if (_passwordish(value) and any(c.isalpha() for c in value)
                    and not re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value.rstrip(".,"))):
                yield from emit(m.start("v"), m.end("v"), "a login and password in plain text")


# =========================================================================== CAR009 wrong customer name

# Equivalent forms of one name (formal names, short forms, common spellings). Compact on purpose:
# a greeting that uses any form in the customer's group is theirs. Prefix forms (Alex/Alexandra,
# Chris/Christina) are matched by rule, not listed.
_NICK_GROUPS = """
daniel dan danny dani | robert rob robbie bob bobby bert | william will bill billy willie liam
elizabeth liz lizzie lizzy beth betty eliza libby lisa elsie | katherine catherine kathryn katharine kate katie kathy cathy kat kit kitty
michael mike mikey mick mickey | james jim jimmy jamie | john jack johnny jon | jonathan jon jonny
joseph joe joey | thomas tom tommy | richard rick ricky rich richie dick | charles charlie chuck chas
christopher chris kit topher | christina christine kristina kristine chris tina chrissy | matthew matt matty
anthony tony ant | andrew andy drew | alexander alexandra alexandria alex alexa lex sasha sandy xander
nicholas nick nicky nico | nicole nicky nikki | benjamin ben benny benji | samuel samantha sam sammy
jennifer jen jenny jenn | jessica jess jessie | rebecca becky becca | margaret maggie meg peggy marge greta
patricia pat patty trish tricia | patrick pat paddy | susan sue susie suzanne suzy | deborah debra deb debbie
victoria vicky vicki tori | abigail abby abbie | olivia liv livvy livia | isabella isabel isabelle bella izzy
gabriel gabe | gabriella gabrielle gabby | steven stephen steve stevie | stephanie steph stephie
edward ed eddie ted ned | theodore theo ted teddy | timothy tim timmy | gregory greg | jeffrey geoffrey jeff geoff
kenneth ken kenny | ronald ron ronnie | donald don donnie | douglas doug | raymond ray | lawrence laurence larry
gerald gerry jerry | peter pete | philip phillip phil | frederick fred freddie freddy | francis frank frankie
frances fran frankie | harold harry hal | henry hank harry hal | walter walt wally | zachary zach zack
joshua josh | nathaniel nathan nate | jacob jake | dominic dominick dom | vincent vince vinny | leonard leo len lenny
sebastian seb | maximilian maxwell max | cameron cam | kimberly kimberley kim | amanda mandy | melissa mel missy
melanie mel | pamela pam | cynthia cindy | dorothy dot dottie | josephine jo josie | joanna joanne jo
judith judy | valerie val | veronica ronnie | zoe zoey | eleanor ellie nora | ellen ellie | emily em emmy
emma em | madeline madeleine madison maddie | natalie nat | natasha tasha | alexis lexi | anastasia ana stacy
ann anne anna annie | mary molly polly mae | sarah sara sally sadie | caroline carol carrie | jacqueline jackie
rosemary rose rosie | teresa theresa terry tess tessa | raphael rafael rafa | francisco paco pancho
jose pepe | alejandro ale | guillermo memo | eduardo lalo | roberto beto | ricardo rico | enrique kike quique
manuel manny | mohammed muhammad mohammad mohamed mohamad mo | abdullah abdul | dmitri dmitry dima
ivan vanya | evgeny yevgeny zhenya | giuseppe beppe | johannes hans | kelsey kels | priya priyanka
"""
_COMMON_FIRST = frozenset("""
aaron abigail adam adrian ahmed aisha alan albert alex alice alicia alison allison amber amy ana andrea angela
anita antonio april arjun arthur ashley austin barbara benjamin beth betty beverly bianca brandon brenda brian
brittany brooke bruce bryan caleb carl carla carlos carmen carol caroline carrie cecilia chad charlotte chelsea
cheryl chloe christian cindy claire clara colin connor courtney craig crystal curtis dana daniel danielle david
dawn dean denise dennis derek diana diane diego donna dylan edgar elena elijah elizabeth ella ellen emily emma
eric erica erin ethan eva evan fatima felix fernando fiona gabriel gary george gloria grace hannah harold
heather helen hector holly hugo ian irene isaac isabel isabella jack jackson jacob jade james jamie jane janet
jared jasmine jason javier jean jeffrey jenna jennifer jeremy jesse jessica jill joan joanna joel john jordan
jorge jose joseph joshua joy joyce juan judy julia julian julie justin kaitlyn karen karl kate katherine kathleen
katie kayla keith kelly kelsey ken kevin kim kyle laura lauren leah lee leo leon liam lily linda lindsay lisa
logan lori louis lucas lucy luis luke lydia lynn madison mai marcus margaret maria mariah marie marilyn mario
mark marta martha martin mary mason matthew maya megan melissa mia michael michelle miguel mila milo miranda
mohammed molly monica morgan nadia nancy naomi natalie nathan neil nicholas nicole nina noah nora oliver olivia
omar oscar owen pablo pamela patricia patrick paul paula pedro peter philip priya rachel rafael ramon randy
raquel ravi ray rebecca riley rita robert robin rodrigo roger ronald rosa ruby russell ruth ryan samantha samuel
sandra sara sarah scott sean sergio shannon sharon shawn sofia sophia sophie stacy stephanie steven susan sydney
tamara tanya tara taylor teresa thomas tiffany timothy tina todd tom tony tracy travis tyler valerie vanessa
victor victoria vincent wendy william xavier yasmin yusuf zachary zoe
ahmad ali amir anil chen deepak emre fatma hana hiroshi jin kenji li mehmet mei raj rahul sanjay sunil wei yuki
aiden ava camila elena harper hazel layla luna nora penelope scarlett stella violet zara
""".split())
_NICKS: dict[str, frozenset[str]] = {}
for _group in _NICK_GROUPS.replace("\n", " | ").split("|"):
    _names = frozenset(_group.split())
    for _n in _names:
        _NICKS[_n] = _NICKS.get(_n, frozenset()) | _names
_KNOWN_NAMES = _COMMON_FIRST | frozenset(_NICKS)

_GREET_LEAD = re.compile(
    r"(?i)(?:hi|hello|hey|hiya|howdy|dear|greetings|good (?:morning|afternoon|evening|day)|morning|evening)\b[\s,]*"
)
_NOT_NAMES = frozenset("""
there all team folks everyone everybody again guys friend friends yall y'all you both sir madam ma'am mate
buddy pal love dear welcome sorry thanks thank please yes no ok okay and from it's its this i i'm we we're our
to back gang fam neighbor neighbour lovely crew customer customers user member members support hello hi hey
in just so morning afternoon evening people ladies gents gentlemen world twitter again, happy great good
""".split())
# Titles and roles a greeting may use instead of a name ("Dear Policyholder", "Hi Valued Member").
_ROLE_WORDS = frozenset("""
valued dear esteemed loyal member customer client subscriber user policyholder cardholder holder patient
homeowner applicant guest shopper traveler traveller passenger student parent resident tenant owner buyer
seller partner colleague sir madam madame friend neighbor donor supporter fan player gamer driver rider diner
reader listener viewer caller visitor investor borrower beneficiary employee manager admin administrator
developer creator merchant vendor host account team support everyone all folks there community family
""".split())
_ROLE_SUFFIX = re.compile(r"(?i)(?:holder|owner|er|or|ant|ent|ee|ist|ian|ive|ship|ment|ness|ing|s)$")


def _role_like(word: str) -> bool:
    """An unknown greeting word that reads as a title or role, not a first name."""
    w = _fold(word)
    return w in _ROLE_WORDS or bool(_ROLE_SUFFIX.search(w))


_TITLE_WORD = re.compile(r"(?i)(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'’-]*[a-z\u00c0-\u024f](?:[-'’][A-Za-z\u00c0-\u024f]+)?")


def _fixed(word: str) -> str:
    if word.isascii():
        return word
    import ftfy

    return ftfy.fix_text(word, uncurl_quotes=False)


def _same_person(word: str, tokens: list[str]) -> bool:
    """Does a greeting word name the customer (any of their names, a short form or a prefix form)?"""
    w = _fold(_fixed(word))
    for token in tokens:
        for part in re.split(r"[-\s]", token):
            t = _fold(part)
            if not t:
                continue
            if w == t or w in _NICKS.get(t, ()) or t in _NICKS.get(w, ()):
                return True
            if len(w) >= 3 and len(t) >= 3 and (t.startswith(w) or w.startswith(t)):
                return True
    return False


_THANKS_NAME = re.compile(
    r"(?i:\b(?:thanks(?: so much| again)?|thank you(?: so much| again)?|sorry|cheers|congrats|congratulations|"
    r"welcome back|good news|no problem|you'?re welcome|happy to help))[ \t]*,?[ \t]+"
    r"(?P<name>[A-Z][a-z\u00c0-\u024f]{2,})\b(?=[ \t]*[!,.?])"
)


class WrongCustomerName(Rule):
    id = "CAR009"
    name = "wrong-customer-name"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A greeting (or a thank-you) that names someone other than the customer."
    why = (
        "Calling Daniel “Maria” tells him the reply was pasted from someone else's ticket, and it may "
        "carry their details too. Short forms of the customer's own name (Dan for Daniel, Liv for Olivia) "
        "are fine, and so are “Hi there” or “Hi team”. Needs `customer_name` in the context."
    )
    message = "“{passage}” isn't the customer's name ({customer}); check the reply is for this customer."
    fix = "unsafe"
    bad = examples(
        {"text": "Hi Maria, I've moved your delivery to Saturday.", "context": {"customer_name": "Daniel Ortiz"},
         "flagged": "Maria", "fixed": "Hi Daniel, I've moved your delivery to Saturday."},
        {"text": "@livbrooks Hi Emma! Your refund went through this morning.",
         "context": {"customer_name": "Olivia Brooks"}, "flagged": "Emma",
         "fixed": "@livbrooks Hi Olivia! Your refund went through this morning."},
        {"text": "Hi Liam,\n\nYour router is activated.\n\nThanks again for your patience, Sarah!\n\nBest,\nKate",
         "context": {"customer_name": "Liam Byrne", "agent_name": "Kate"}, "flagged": "Sarah"},
        {"text": "Dear Mr. Jensen, your claim was approved.", "context": {"customer_name": "Daniel Ortiz"},
         "flagged": "Jensen"},
    )
    good = examples(
        {"text": "Hi Dan, I've moved your delivery to Saturday.", "context": {"customer_name": "Daniel Ortiz"}},
        {"text": "@livbrooks Hi Liv! Your refund went through.", "context": {"customer_name": "Olivia Brooks"}},
        {"text": "Hi there, I've moved your delivery to Saturday.", "context": {"customer_name": "Daniel Ortiz"}},
        {"text": "Dear Mr. Ortiz, your claim was approved.", "context": {"customer_name": "Daniel Ortiz"}},
        {"text": "Hi Maria, I've moved your delivery to Saturday."},
        {"text": "Hi Zoë, your order has shipped.", "context": {"customer_name": "Zoe Adams"}},
        {"text": "Hi Daniel, Jake on our billing team approved it. Thanks, Kate",
         "context": {"customer_name": "Daniel Ortiz"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        tokens = _name_tokens(rc.context.customer_name)
        if not tokens:
            return
        text = analysis.text
        first = tokens[0]
        agent = _name_tokens(rc.context.agent_name)
        asked = {_fold(w) for w in re.findall(r"[^\W\d_]+", rc.context.customer_message or "")}

        def wrong(word: str) -> bool:
            f = _fold(_fixed(word))
            return not (_same_person(word, tokens) or (agent and _same_person(word, agent)) or f in asked)

        done: set[int] = set()
        for region in analysis.source.regions_of("greeting"):
            names = self._greeting_names(text, region.start)
            if names and all(wrong(text[a:b]) for a, b in names):
                a, b = names[0]
                done.add(a)
                yield self._hit(text, a, b, first, rc)
        for m in re.finditer(
            r"(?P<pre>[^\n,.!?]{3,80}),[ \t]+(?P<name>[A-Z][a-z\u00c0-\u024f]{2,})[ \t]*(?=[!?.]|$)", text, re.MULTILINE
        ):
            a, b = m.start("name"), m.end("name")
            if _overlaps(analysis, a, b, "greeting", "signoff", "quote", "handle"):
                continue
            word = text[a:b]
            pre = m.group("pre").strip()
            if _fold(word) not in _KNOWN_NAMES or len(pre.split()) < 2 or not wrong(word):
                continue
            tail = text[b:].strip(" \t!?.")
            if not tail and re.match(r"(?i)(?:thanks|thank you|cheers|best|regards|talk soon|take care|all the best|"
                                     r"kind regards|warm regards|many thanks|with thanks)\b", pre):
                continue  # "Talk soon, Kate" closing a reply is the agent's signature
            if a not in done:
                done.add(a)
                yield self._hit(text, a, b, first, rc)
        for m in _THANKS_NAME.finditer(text):
            a, b = m.start("name"), m.end("name")
            word = text[a:b]
            if _overlaps(analysis, a, b, "greeting", "signoff", "quote", "handle") or _fold(word) not in _KNOWN_NAMES:
                continue
            if re.match(r"[ \t]*[.,]?[ \t]*(?:\n|$)", text[b:]) or not wrong(word):
                continue  # "Thanks, Kate" ending a reply or a line is a signature
            if a not in done:
                done.add(a)
                yield self._hit(text, a, b, first, rc)

    def _greeting_names(self, text: str, start: int) -> list[tuple[int, int]]:
        """The name words a greeting addresses (“Hi Maria and John,” → Maria, John); [] for “Hi there”."""
        stop = re.compile(r"[\n,!?:;]").search(text, start)
        end = min(stop.start() if stop else len(text), start + 80)
        lead = _GREET_LEAD.match(text, start, end)
        if not lead:
            return []
        pos = lead.end()
        m = re.compile(r"(?i)(?:again|there)\b[\s,]*").match(text, pos, end)
        if m:
            pos = m.end()
        names: list[tuple[int, int]] = []
        closes = False
        while pos < end and len(names) < 3:
            m = _TITLE_WORD.match(text, pos, end)
            if m:
                pos = m.end()
                continue
            m = _NAME_WORD.match(text, pos, end)
            if not m:
                low = re.compile(r"[a-z\u00c0-\u024f][a-z\u00c0-\u024f'’-]+").match(text, pos, end)
                if (low and _fold(low.group()) in _KNOWN_NAMES and _fold(low.group()) not in _NOT_NAMES
                        and text[low.end():low.end() + 1] in {",", "!", ".", ""}):
                    m = low  # "hi maria," typed in lower case
                else:
                    break
            names.append((m.start(), m.end()))
            pos = m.end()
            if pos >= end or text[pos] in ".":
                closes = True
                break
            sep = re.compile(r"\s+(?:and|&)\s+|\s+").match(text, pos, end)
            if not sep:
                break
            pos = sep.end()
        if not names:
            return []
        first_word = text[names[0][0]:names[0][1]]
        if _fold(first_word) in _NOT_NAMES or text[names[0][1]:names[0][1] + 6].lstrip().lower().startswith("here"):
            return []  # "Hi Team", "Hey, Kate here"
        known = _fold(_fixed(first_word)) in _KNOWN_NAMES
        if not known and (not closes or _role_like(first_word)):
            return []
        return names

    def _hit(self, text: str, a: int, b: int, first: str, rc: RuleContext) -> Hit:
        edit = Edit(a, b, first)
        return Hit(a, b, message=self.message.format(passage=text[a:b], customer=rc.context.customer_name),
                   suggestions=[suggestion(edit, f"Use “{first}”", safe=False)])


# =========================================================================== CAR010 broken encoding

_NON_SPACE_RUN = re.compile(r"[^ \t\r\n]+")


class Mojibake(Rule):
    id = "CAR010"
    english_only = False
    name = "broken-encoding"
    trait = "careful"
    severity = Severity.ERROR
    summary = "Broken character encoding (mojibake): “Itâ€™s”, “cafÃ©”, “â€œquotesâ€\x9d”."
    why = (
        "Garbled characters make the reply look machine-made and careless, and in a name they misspell "
        "the customer. ftfy finds the pattern and repairs it; correct accents and emoji are left alone."
    )
    message = "“{passage}” has broken encoding; it should read “{fixed}”."
    fix = "safe"
    bad = examples(
        {"text": "Itâ€™s on its way! Youâ€™ll get tracking soon.", "flagged": "Itâ€™s",
         "fixed": "It’s on its way! Youâ€™ll get tracking soon."},
        {"text": "Hi ZoÃ«, your order has shipped.", "flagged": "ZoÃ«,", "fixed": "Hi Zoë, your order has shipped."},
        {"text": "The cafÃ© gift card is attached.", "flagged": "cafÃ©", "fixed": "The café gift card is attached."},
        {"text": "We've added â‚¬20 credit.", "flagged": "â‚¬20", "fixed": "We've added €20 credit."},
    )
    good = examples(
        "It’s on its way! You’ll get tracking by email soon.",
        "Hi Zoë, your order has shipped and should arrive Thursday. 🎉",
        "Our São Paulo café reopens Monday; see the résumé of changes. Ça va? 👍",
        "The price is €20 or £18, naïve as that sounds.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        if text.isascii():
            return
        from ftfy import fix_text
        from ftfy.badness import is_bad

        if not is_bad(text):
            return
        for m in _NON_SPACE_RUN.finditer(text):
            run = m.group()
            if run.isascii() or not is_bad(run):
                continue
            s, e = m.start(), m.end()
            # Trim ASCII punctuation the fix doesn't touch ("ZoÃ«," keeps its comma in the passage).
            fixed = fix_text(run, uncurl_quotes=False, unescape_html=False, fix_line_breaks=False)
            if fixed == run:
                yield Hit(s, e, message=f"“{run}” has broken encoding (mojibake); retype it.")
                continue
            edit = Edit(s, e, fixed)
            yield Hit(s, e, message=self.message.format(passage=run, fixed=fixed),
                      suggestions=[suggestion(edit, f"Repair to “{fixed}”", safe=True)])


# =========================================================================== CAR011 someone else's personal data

_EMAIL_ADDR = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(?\d{3}\)?[\s.-]?)?\d{3}[\s.-]\d{4}(?![\w-])")
_OTHER_PERSON = re.compile(
    r"(?i)\b(?:another|other|a different|a previous|one of our|a fellow)\s+(?:customer|user|member|client|guest|"
    r"shopper|caller|subscriber|cardholder|patient|passenger|person|buyer|family|household)s?\b"
    r"|\ba (?:customer|user|member|client|guest) (?:named|called)\b"
    r"|\b(?:your|a) neighbou?r\b"
    r"|\b(?:his|her)\s+(?:cell|mobile|phone|number|e-?mail|home address|address)\s+(?:is|was|:)"
    r"|\b(?:his|her|their|my)\s+(?:personal|private|own|home|direct)\s+(?:cell|mobile|phone|number|line|e-?mail|"
    r"address|whatsapp)\b"
    r"|\b(?:my|our)\s+(?:colleague|coworker|co-worker|teammate|manager|supervisor)(?:'s)?\s+(?:personal|private|home|cell)\b"
)
_PHONE_HINT = re.compile(r"\d{3}[\s.-]\d{4}")
_PUBLIC_LINE = re.compile(r"(?i)\b(?:ext\.?|extension|toll[- ]free|1-800|800-|888-|877-|866-|main line|support line)\b")


class ThirdPartyData(Rule):
    id = "CAR011"
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
    )
    good = examples(
        "Another customer had the same problem last week, and a reinstall fixed it.",
        "You can reach Carlos on our installs team at 1-800-555-0150, ext. 214.",
        "We'll text a code to your number ending in 0142 to verify it's you.",
        "Other customers found the reset helped; write to help@acme.com if it doesn't.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _mentions(analysis.text, _PRE_CAR011):
            return
        text = analysis.text
        if not (_PHONE_HINT.search(text) or ("@" in text and _EMAIL_ADDR.search(text))):
            return  # no e-mail address or phone number to leak
        seen: set[int] = set()
        for cue in _OTHER_PERSON.finditer(text):
            lo, hi = _sentence_bounds(text, cue.start(), cue.end())
            sentence = text[lo:hi]
            if _PUBLIC_LINE.search(sentence):
                continue
            for pattern in (_EMAIL_ADDR, _PHONE):
                for m in pattern.finditer(text, lo, hi):
                    value = m.group()
                    if pattern is _EMAIL_ADDR and re.match(r"(?i)(?:support|help|care|service|info|billing|team|hello|"
                                                          r"contact|sales|no-?reply)@", value):
                        continue
                    if m.start() in seen:
                        continue
                    seen.add(m.start())
                    yield Hit(m.start(), m.end(), message=self.message.format(passage=value))


# =========================================================================== CAR012 confidential or unreleased

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
                       "confidential", "share", "tell", "announced", "public", "internal")
_PRE_BUILD = re.compile(r"\d[-_](?:rc|alpha|dev|snapshot|internal)")


class Confidential(Rule):
    id = "CAR012"
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
        if not _mentions(analysis.text, _PRE_CAR012):
            return
        text = _plain(analysis.text)  # "isn’t" reads as "isn't"; offsets are unchanged
        lowered = text.lower()
        kept: list[tuple[int, int]] = []
        confidential = _CONFIDENTIAL.finditer(text) if _has(lowered, *_CONFIDENTIAL_HINTS) else ()
        for m in confidential:
            sentence = _sentence(text, m.start(), m.end())
            low = m.group().lower()
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
