"""CAR001: unrendered template placeholders and stand-ins (XXX, TBD)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Edit, Severity
from ...fixes import suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import (
    _PRE_CAR001,
    _first_name,
    _inside,
    _quoted,
    _sentence,
    _sentence_bounds,
)

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
    r"|<<\s*[A-Za-z_][\w. ]{0,30}\s*>>"
    r"|«(?P<chevron>[A-Za-z][A-Za-z0-9_]{1,30})»"
    r"|\[\[\s*[A-Za-z_][\w .]{0,30}?\s*\]\]"
)

# Slots in brackets: [CUSTOMER NAME], [Agent Name], [date], <insert link>, (FIRST NAME).
_BRACKETED = re.compile(
    r"\[(?P<sq>[^\[\]\n]{1,40})\](?![(\[])"
    r"|<(?P<ang>[^<>\n]{1,40})>"
    r"|\((?P<par>[^()\n]{1,40})\)"
)
# "[REBOOKED FLIGHT]", "[NEW DATE]": two to four capitalised words in square brackets are a slot.
# A date or time format left where the value belongs: "departing Denver at HH:MM", "due on MM/DD".
# ("Enter the time as HH:MM" and "in YYYY-MM-DD format" describe a format; they are not slots.)
_FORMAT_SLOT = re.compile(
    r"\b(?:at|on|by|until|till|from|before|after|around|departing|arriving|leaving|landing)\s+"
    r"(?P<slot>HH:MM(?:\s?(?:AM|PM|am|pm))?|hh:mm(?:\s?(?:am|pm))?|MM/DD(?:/YY(?:YY)?)?|DD/MM(?:/YY(?:YY)?)?|YYYY-MM-DD|DD\.MM\.YYYY)(?![\w/:-])"
)
_CAPS_SLOT = re.compile(r"[A-Z]{2,}(?:[ _/-][A-Z]{2,}){1,3}")
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
    r"[$£€#]\s?(?:TBD|TBA|TBC|TK)\b|[$£€#]\s?_{2,}"
    r"|\b(?:TBD|TBA|TBC)\s?%"
    r"|\b(?:number|no\.|#|code|ID|id|link|URL|url|tracking)\s+(?:is|will be|:)\s+(?:TBD|TBA|TBC)\b"
    # a slot where a value belongs: "booked for TBD", "you've met TODO of your deductible"
    r"|\b(?:(?:booked|scheduled|set|confirmed|moved|rescheduled|due|arriving|delivered|shipping|ships)\s+(?:for|on|at)"
    r"|met|paid|owe|costs?|total(?:s|led)?|of|at)\s+(?-i:TBD|TBA|TODO|XXX)\b"
    r"|(?<!with )(?<!type )(?<!write )(?<!prefix )(?<!enter )(?<!add )\b(?-i:TODO)\b(?!\s*(?:list|app)\b)(?!:?\s+(?:becomes|turns|marks|creates|items?)\b)"
    r"|[<{]\s*(?:TBD|TBA|TBC|TK)\s*[>}]"
    # a number left blank: "will reach your card in TBD business days"
    r"|\b(?-i:TBD|TBA|TBC|XX)\s+(?:business\s+|working\s+|calendar\s+)?(?:days?|hours?|weeks?|minutes?|months?)\b"
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
# "the first-name tag is *|FNAME|*": the placeholder given as the answer to "what's the tag?"
_NAMED_BEFORE = re.compile(r"(?i)\b(?:tags?|fields?|variables?|placeholders?|merge codes?|tokens?|syntax)\s+(?:is|are|looks like|reads|:)\s*$"
                           r"|\b(?:the|a|its|their|that) (?:merge )?(?:tag|field|variable|placeholder|token)\s*$")
_WRAP_BEFORE = re.compile(r"(?i)\b(?:wrap|surround|enclose|put)\b[^.!?]{0,60}\b(?:in|with|between)\s*$")
_GREETING_BEFORE = re.compile(r"(?i)\b(?:hi|hello|hey|dear|thanks|thank you|sorry|welcome)[\s,]*$")
_FIRST_NAME_TAG = re.compile(r"(?i)first[ _-]?name|\bfname\b|^\W*name\W*$|customer[ _-]?name|client[ _-]?name")
_AGENT_NAME_TAG = re.compile(r"(?i)agent[ _-]?name|rep[ _-]?name|your[ _-]?name|signature|sig\b")


def _in_quotation(text: str, start: int, end: int) -> bool:
    """Between an opening and a closing quote mark on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end:len(text) if line_end == -1 else line_end]
    return len(re.findall(r'["“”]', before)) % 2 == 1 and bool(re.search(r'["”]', after))


def _slot_like(content: str) -> bool:
    """Does the inside of [ ], < > or ( ) read as a slot to fill in?"""
    c = content.strip()
    if c and _FILL_VERB.match(c) and len(c.split()) <= 8:
        return True  # "<insert link to 2FA recovery article>": an instruction to the writer
    if c.isupper() and re.match(r"(?:CONFIRM|CHECK|VERIFY|UPDATE|ASK|GET|LOOK UP|DOUBLE[- ]CHECK|FIND)\b", c) and len(c.split()) >= 2:
        return True  # "[CONFIRM TIME W/ BAGGAGE OFFICE]": a note to fill in before sending
    if not c or any(ch.isdigit() for ch in c):
        return False
    if _SLOT_ONLY.match(c):
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


# Words that put a ${VARIABLE} in the customer's own code or settings.
_CODE_TALK = re.compile(
    r"\b(?:environment|env(?: var(?:iable)?s?)?|variables?|scripts?|shell|\.env|config(?:uration)?|ya?ml|pipelines?|workflows?|"
    r"repo(?:sitory)?|code|dockerfile|terminal|command line|secrets?)\b", re.IGNORECASE)


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
        {"text": "We've rebooked you on tomorrow's flight, departing Denver at HH:MM.", "flagged": "HH:MM"},
        {"text": "{% if premium %}You get free shipping!{% endif %} Your order is on its way.",
         "flagged": "{% if premium %}"},
        {"text": "Your order number is XXX and it ships today.", "flagged": "XXX"},
        {"text": "If the reset doesn't help, call us at 1-800-XXX-XXXX.", "flagged": "1-800-XXX-XXXX"},
        {"text": "I've issued a refund of $TBD to your card.", "flagged": "$TBD"},
        {"text": "Your replacement ships on [TBD].", "flagged": "[TBD]"},
        {"text": "I've rebooked you on [REBOOKED FLIGHT] to Boise.", "flagged": "[REBOOKED FLIGHT]"},
        {"text": "The refund will reach your card in TBD business days.", "flagged": "TBD business days"},
        {"text": "Best,\n[Agent Name]", "context": {"agent_name": "Nadia"}, "flagged": "[Agent Name]",
         "fixed": "Best,\nNadia"},
        {"text": "Hi , your appointment is confirmed for June 12.", "context": {"customer_name": "Zoe Adams"},
         "flagged": "Hi ,", "fixed": "Hi Zoe, your appointment is confirmed for June 12."},
        {"text": "Reset two-factor here: <insert link to 2FA recovery article>. Have a backup code ready.", "flagged": "<insert link to 2FA recovery article>"},
        {"text": "Your bag will be delivered to your hotel [CONFIRM TIME W/ BAGGAGE OFFICE].", "flagged": "[CONFIRM TIME W/ BAGGAGE OFFICE]"},
    )
    good = examples(
        {"text": "In Mailchimp, the first-name tag is *|FNAME|*, so add it to your greeting.",
         "context": {"customer_message": "How do I add each person's first name to my Mailchimp campaign?"}},
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
        "Mailchimp uses the merge tag *|FNAME|* for first names, so map your First Name column to FNAME.",
        "On Linux, set savePath=${HOME}/Games/saves in settings.ini and restart the game.",
        "Enter the departure time as HH:MM, and dates in YYYY-MM-DD format.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not any(k in analysis.text for k in _PRE_CAR001):  # case matters ("XX", "TBD"): not an engine hint
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
            if m.group().startswith(("${", "%")) and (text[m.end():m.end() + 1] in ("/", "\\")
                                                      or text[m.start() - 1:m.start()] in ("=", "/", "\\")):
                continue  # "savePath=${HOME}/saves", "%APPDATA%\\Game": a variable in a path the customer types
            if m.group().startswith("${") and m.group()[2:-1].isupper() and _CODE_TALK.search(text[max(0, m.start() - 150):m.end() + 80]):
                continue  # "reference it in your script as ${DATABASE_URL}": an environment variable the customer uses
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
            caps_slot = m.group("sq") is not None and bool(_CAPS_SLOT.fullmatch(content.strip()))
            if not (caps_slot or _slot_like(content)) or _menu_path(text, m.start(), m.end()):
                continue
            if self._explained(analysis, rc, m.start(), m.end(), syntax=False):
                continue
            taken.append((m.start(), m.end()))
            yield self._hit(analysis, rc, m.start(), m.end())
        for m in (_FORMAT_SLOT.finditer(text) if ("HH" in text or "hh:" in text or "MM" in text or "YYYY" in text) else ()):
            s_, e_ = m.start("slot"), m.end("slot")
            if free(s_, e_):
                taken.append((s_, e_))
                yield self._hit(analysis, rc, s_, e_)
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
        for m in (_TBD.finditer(text) if "TB" in text or "TK" in text or "TODO" in text or "XXX" in text or "__" in text else ()):
            s, e = m.start(), m.end()
            slot = re.search(r"\s(?:TBD|TBA|TODO|XXX)$", m.group())
            if slot and re.match(r"[A-Za-z]", m.group()) and not re.match(
                    r"(?i)(?:number|no\.|code|id|link|url|tracking)\b", m.group()):
                s += slot.start() + 1  # "booked for TBD": the stand-in itself is the passage
            if m.group().lstrip("$£€# ").startswith("_") and _in_quotation(text, s, e):
                continue  # the form's own blank, quoted: 'On the line "Amount paid: $____", write…'
            if free(s, e):
                taken.append((s, e))
                yield self._hit(analysis, rc, s, e)
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
        opened = len(re.findall(r'["“”]', before)) % 2 == 1  # inside a quotation
        if opened and re.search(r"(?i)\b(?:like|e\.g\.|such as|for example|example|say|says|reads?|(?:opens?|starts?|begins?|(?:go|goes|went|came|come) out) with|"
                                r"instead of|show(?:s|ed|ing)?|display(?:s|ed|ing)?|print(?:s|ed|ing)?)\W*$",
                                re.split(r'["“]', before)[-2] if len(re.split(r'["“]', before)) > 1 else ""):
            return True  # an example shown in quotes: like "Hi %FIRST_NAME%, your table is ready!"
        if _GREETING_BEFORE.search(before) or (before.rstrip().endswith(",") and re.match(r"\s*(?:[!?.]|$)", after)):
            return False
        if _quoted(text, start, end) or _NAMED_AFTER.match(after):
            return True
        if _INSTRUCT_BEFORE.search(before) or _WRAP_BEFORE.search(before) or _NAMED_BEFORE.search(before):
            return True
        if re.search(r"(?i)\b(?:like this|like so|as follows|this way|for example|e\.g\.)\s*:$", text[max(0, lo - 80):lo].rstrip()):
            return True  # "wrap it like this:\n\n{% if … %}": the template shown on its own line
        if _TEACH.search(text):
            return True  # the reply is about templates ("You can do that with a Liquid condition.")
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
