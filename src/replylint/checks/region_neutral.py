"""region_neutral — write so everyone understands; the house locale decides spelling.

The rules that need logic beyond a phrase list (the idioms, REG002 and REG007,
are data in rules/region_neutral.toml):

- REG001 spelling that differs from the locale (British in en-US, American in
  en-GB and the other Commonwealth locales; nothing in en-CA, which mixes both);
- REG003 numeric dates whose day and month can be swapped (03/04/2025);
- REG004 deadlines and opening hours given as a clock time with no time zone;
- REG005 seasons and local holidays used as dates ("this fall", "after Thanksgiving");
- REG006 everyday words that belong to one region (postcode, "ring us", "5 grand").

The locale is ``rc.locale``: ``Context.locale`` for one reply, else the house
``settings.locale`` (en-US by default). Every rule here reads stage-one tokens
or the text only: a dict lookup per token or a regex per reply, no tagger.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..findings import Edit, Severity
from ..fixes import at_sentence_start, match_case, suggestion
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..nlp import Analysis

CANADA = "en-CA"  # Canadian English mixes both systems (colour + organize + program): no spelling rule.
BRITISH_STYLE = frozenset({"en-GB", "en-AU", "en-NZ", "en-IE", "en-ZA", "en-IN"})


def _edit(text: str, start: int, end: int, replacement: str) -> Edit:
    """Replace a passage keeping its case ("Colour" → "Color", "colour" → "color").

    fixes.replacement_edit also capitalizes after ":" and ";", which would turn "Note: colour"
    into "Note: Color"; a word swap only needs the passage's own case.
    """
    return Edit(start, end, match_case(text[start:end], replacement))


def _family(locale: str) -> str:
    """'us', 'british' or 'canada' (unknown locales read as the house default, en-US)."""
    if locale == CANADA:
        return "canada"
    if locale in BRITISH_STYLE:
        return "british"
    return "us"


# =========================================================================== REG001 spelling

# British spellings that are standard (or an accepted variant) in American English too, so a
# US reader sees nothing odd: never flagged in en-US. Derived from VarCon (SCOWL): every breame
# British form that VarCon also tags American (A, A. or Av), plus the house's own calls
# (cancelled, travelled, grey, judgement are all common in US print).
US_ACCEPTS = frozenset(
    """
    cancelled cancelling cancellation cancellations travelled travelling traveller travellers
    grey greys greyed greying greyish judgement judgements dialogue dialogues catalogue catalogues
    catalogued cataloguing accoutrements aeon aeons aesthete aesthetes aesthetic aesthetically
    aesthetics ageing analogue analogues analyses archaeological archaeologically archaeologist
    archaeologists archaeology axe battleaxe biassed biassing bingeing buses busing catalyses
    chimaera chimaeras chiselled chiselling clarinettist clarinettists disc discs draught
    draughtboard draughtboards draughtsman draughtsmen epilogue epilogues exorcise exorcised
    exorcises exorcising fillet filleted filleting fillets gases gauge gauged gauges gauging
    glamour likeable minibuses monologue monologues omelette omelettes paralyses pharmacopoeia
    pharmacopoeias pouffe pouffes prologue prologues psychoanalyses sabre sabres sheikh smoulder
    smouldered smouldering smoulders sombre tonne tonnes tranquillity travelogue travelogues
    videodisc videodiscs woollies woolly
    """.split()
)

# American spellings that are also correct British words, so a British reader sees nothing
# wrong: never flagged in the British-style locales. VarCon tags all of these British too;
# many are homographs (a computer program, to license, a practice, a gas meter, a draft
# email, to tire, a disk drive, to install, a connection, a cheque *check*).
BRITISH_ACCEPTS = frozenset(
    """
    program programs license licensed licenses licensing practice practices check checks tire
    tires meter meters draft drafts curb curbs story stories disk disks ton tons gram grams
    kilogram kilograms milligram milligrams centigram centigrams micrometer micrometers install
    installs instill instills connection connections inflection inflections analog analogs aging
    judgment likable yogurt yogurts siphon siphoned siphoning siphons sulfur fetal fetid fetus
    fetuses medieval primeval encyclopedia encyclopedias encyclopedic homeopath homeopathic
    homeopaths homeopathy almanac almanacs balk balked balking balks banister banisters biased
    biasing breathalyzer busses bussing caliper calipers chimera chimeras crenelated dialog eon
    eons gage gaged gages gaging gluing groin groins ionizer ionizers pederast pederasts phony
    pouf poufs presidium presidiums sheik synthesizer synthesizers technicolor tranquility
    filter filters misspelled pummel pummeled bevy bevies
    """.split()
)

# Common British forms breame lacks, and fixes to a few of its pairs.
_EXTRA_TO_US = {
    "cheque": "check", "cheques": "checks", "chequing": "checking", "kerb": "curb", "kerbs": "curbs",
    "storey": "story", "storeys": "stories", "enrolment": "enrollment", "enrolments": "enrollments",
    "skilful": "skillful", "skilfully": "skillfully", "learnt": "learned", "snowplough": "snowplow",
    "oedema": "edema", "enquiry": "inquiry", "enquiries": "inquiries", "enquire": "inquire",
    "enquired": "inquired", "enquires": "inquires", "enquiring": "inquiring",
}
# breame pairs that are wrong (tranquilly is an adverb, a bevvy is not a bevy): never used.
_BAD_PAIRS = frozenset({"tranquilly", "bevvy", "bevvies", "edoema", "philtre", "philtres"})


@lru_cache(maxsize=1)
def _spelling_maps() -> tuple[dict[str, str], dict[str, str]]:
    """(british → american, american → british), with the standard-in-both words removed."""
    from breame.spelling import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

    to_us = {b: a for b, a in BRITISH_ENGLISH_SPELLINGS.items() if b not in US_ACCEPTS and a != b}
    to_us.update(_EXTRA_TO_US)
    to_us = {b: a for b, a in to_us.items() if a != b and b not in _BAD_PAIRS}
    to_uk = {a: b for a, b in AMERICAN_ENGLISH_SPELLINGS.items() if a not in BRITISH_ACCEPTS and a != b}
    to_uk.update({"gray": "grey", "grays": "greys", "grayed": "greyed", "edema": "oedema",
                  "snowplow": "snowplough", "snowplows": "snowploughs"})
    return to_us, to_uk


def _is_oxford_ize(american: str, british: str) -> bool:
    """organize/organise: an -ize form Oxford (and many British houses) also use."""
    return ("iz" in american or "yz" in american) and american.replace("iz", "is").replace("yz", "ys") == british


# Capitalized words right before a capitalized variant that make the phrase a plain label, not
# a name: "Help Centre", "Call Centre", "Loyalty Programme", "Window Behaviour". Any other
# capitalized neighbour ("Rogers Centre", "Barbican Centre") makes it a name, which is skipped.
_GENERIC_LABEL_WORDS = frozenset(
    """
    help call contact service services customer customers support data resource resources learning
    privacy security safety account accounts visitor visitors information info business community
    download downloads developer developers control notification notifications admin media partner
    partners training repair care health fitness leisure shopping distribution operations message
    messages messaging game gaming app window windows display text font theme background accent
    loyalty rewards reward referral affiliate membership member members benefits returns delivery
    collection order orders product products trade sales tech technical innovation experience
    service-desk main user users
    """.split()
)
# Capitalized words right after a capitalized variant that make it a UI label: "Colour Settings".
_UI_NOUNS = frozenset("settings options menu tab page section list button preferences picker mode panel folder".split())


def _title(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


_ALPHA_RUN = re.compile(r"[^\W\d_]+")


class LocaleSpelling(Rule):
    id = "REG001"
    name = "locale-spelling"
    trait = "region_neutral"
    severity = Severity.WARNING
    summary = "A spelling from another English (“colour” in en-US, “color” in en-GB); en-CA flags nothing."
    why = (
        "One reply in two spellings reads as careless, and the house spelling is the one customers see "
        "everywhere else. The locale is the reply's `locale` or the house `locale` (en-US by default). "
        "Words standard in both (cancelled, travelled, dialogue, catalogue, grey, judgement; program, "
        "license, practice, check, tire, meter, draft in British English) are never flagged, nor names "
        "(“Rogers Centre”). Canadian English mixes both systems, so en-CA flags nothing. British-style "
        "locales flag -ize too unless the rule option `oxford_spelling = true`."
    )
    message = "“{word}” is the {variety} spelling; in {locale} write “{replacement}”."
    fix = "safe"
    defaults = {"oxford_spelling": False}
    bad = examples(
        {"text": "I apologise for the delay.", "flagged": "apologise", "fixed": "I apologize for the delay."},
        {"text": "Colour options are listed in our Help Centre.", "flagged": "Colour",
         "fixed": "Color options are listed in our Help Centre."},
        {"text": "You'll find it in our Help Centre.", "flagged": "Centre",
         "fixed": "You'll find it in our Help Center."},
        {"text": "The licence covers two devices.", "flagged": "licence", "fixed": "The license covers two devices."},
        {"text": "You can pay by cheque or card.", "flagged": "cheque", "fixed": "You can pay by check or card."},
        {"text": "I've analysed the logs.", "flagged": "analysed", "fixed": "I've analyzed the logs."},
        {"text": "Your favorite color is back in stock.", "context": {"locale": "en-GB"}, "flagged": "favorite",
         "fixed": "Your favourite color is back in stock."},
        {"text": "We'll organize a pickup.", "context": {"locale": "en-AU"}, "flagged": "organize",
         "fixed": "We'll organise a pickup."},
    )
    good = examples(
        "I apologize for the delay; your order was cancelled and refunded.",
        "Open Settings > Display > Colour Filters, or pick ENQUIRY on the form.",
        "Meet us at the Rogers Centre box office; the Labour Day sale is on.",
        "The dialogue box is grey until you pick a catalogue item.",
        {"text": "Your programme licence covers practice tests; the program and license are ready.",
         "context": {"locale": "en-GB"}},
        {"text": "Pick a colour or color you like: both spellings are fine here.", "context": {"locale": "en-CA"}},
        {"text": "We'll organize a pickup.", "context": {"locale": "en-GB"},
         "settings": {"rules": {"REG001": {"oxford_spelling": True}}}},
        "Visit https://example.co.uk/colour-guide or write to colour@example.com.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        locale = rc.locale
        family = _family(locale)
        if family == "canada":
            return
        to_us, to_uk = _spelling_maps()
        table = to_us if family == "us" else to_uk
        oxford = bool(rc.options.get("oxford_spelling", False))
        text = analysis.text
        doc = analysis.doc
        get = table.get
        # One dictionary lookup per word of the text; spaCy tokens are built only for the hits.
        for m in _ALPHA_RUN.finditer(analysis.lower):
            repl = get(m.group())
            if repl is None:
                continue
            span = doc.char_span(m.start(), m.end())
            if span is None or len(span) != 1 or not span[0].is_alpha:
                continue  # part of a larger token: a link, a handle, "colour-guide.html"
            tok = span[0]
            word = tok.text
            lower = tok.lower_
            if family == "british" and oxford and _is_oxford_ize(lower, repl):
                continue
            if not self._reads_as_word(doc, tok, text):
                continue
            edit = _edit(text, tok.idx, tok.idx + len(word), repl)
            variety = "British" if family == "us" else "American"
            yield Hit(
                tok.idx,
                tok.idx + len(word),
                message=self.message.format(word=word, variety=variety, locale=locale, replacement=edit.replacement),
                suggestions=[suggestion(edit, f"Use “{edit.replacement}”", safe=True)],
            )

    @staticmethod
    def _reads_as_word(doc, tok, text: str) -> bool:  # type: ignore[no-untyped-def]
        """False for names: a capitalized word in mid-sentence, unless it is a plain label."""
        word = tok.text
        if word.islower():
            return True
        prev = _neighbour(doc, tok.i, -1)
        nxt = _neighbour(doc, tok.i, +1)
        if not _title(word):
            return False  # "ENQUIRY", "METRO CENTRE": a form label or a sign; "ColourPop": a brand
        if _in_ui_path(text, tok.idx, tok.idx + len(word)):
            return False  # "Settings > Colour", “Window Behaviour”: a label must match what the screen shows
        if at_sentence_start(text, tok.idx):
            return not (nxt is not None and _title(nxt.text) and nxt.lower_ not in _UI_NOUNS)
        if prev is not None and _title(prev.text) and prev.lower_ in _GENERIC_LABEL_WORDS:
            return True
        if nxt is not None and nxt.lower_ in _UI_NOUNS and (prev is None or not _title(prev.text)):
            return True
        return False


_PATH_BEFORE = re.compile(r"(?:>|→|»|->)[^.!?\n>→»]{0,40}$")
_PATH_AFTER = re.compile(r"^[^.!?\n]{0,30}?(?:-+>|→|»|\s>\s)")


def _in_ui_path(text: str, start: int, end: int) -> bool:
    """Inside a menu path ("Settings > Display > Colour", "Enquiry --> Booking") or a quoted label."""
    if _PATH_BEFORE.search(text[max(0, start - 40):start]) or _PATH_AFTER.match(text[end:end + 30]):
        return True
    line = text[text.rfind("\n", 0, start) + 1:start]
    return line.count('"') % 2 == 1 or line.rfind("“") > line.rfind("”")


def _neighbour(doc, i: int, step: int):  # type: ignore[no-untyped-def]
    j = i + step
    while 0 <= j < len(doc) and doc[j].is_space:
        j += step
    return doc[j] if 0 <= j < len(doc) else None


# =========================================================================== helpers

def _sentence_at(analysis: "Analysis", pos: int) -> "Span | None":
    for sent in analysis.sents:
        if sent.start_char <= pos < sent.end_char:
            return sent
    return None


def _sentence_text(analysis: "Analysis", start: int, end: int) -> tuple[int, str]:
    """(offset, text) of the sentence holding [start, end), widened to cover the whole match."""
    first = _sentence_at(analysis, start)
    last = _sentence_at(analysis, max(start, end - 1))
    s = first.start_char if first is not None else 0
    e = last.end_char if last is not None else len(analysis.text)
    return s, analysis.text[s:e]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
# A written-out date nearby: "November 27", "27 November", "Nov. 27", "on the 27th".
# A written date with its day ("May 26", "26 May", "the 3rd of June"); a bare month name is a date too.
_DAY_DATE = (
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\bMay\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\b"
)
_DATED = re.compile(_DAY_DATE)
_WRITTEN_DATE = re.compile(
    _DAY_DATE + r"|\b(?:January|February|March|April|June|July|August|September|October|November|December)\b"
)


# =========================================================================== REG003 dates

_NUMERIC_DATE = re.compile(
    r"(?<![\w/.,:$£€#+-])"
    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?"
    r"(?![\w/%$£€]|[.,:-]\d)"
)
# Words that make a bare "5/6" a date: "due 07/08", "valid until 10/11", "ends 5/6".
_DATE_CUE = re.compile(
    r"(?:\b(?:on|by|until|untill|till|til|before|after|from|through|thru|since|due|ends?|ending|ended|"
    r"expires?|expired|expiring|expiry|valid|effective|starting|starts?|started|dated|date|between|deadline(?:\s+is)?|"
    r"(?:week|month|end|beginning|start|middle|as)\s+of|"
    r"arriv(?:es?|ing)|ships?|shipping|delivered|launch(?:es)?|live|open(?:s|ing)?|clos(?:es?|ed|ing)|renews?|"
    r"(?:scheduled|booked|set|planned|postponed|moved|rescheduled|delayed|pushed(?:\s+back)?|changed)\s+(?:for|to|until)|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|today|tomorrow|tonight)\s*[,:]?\s*)$",
    re.IGNORECASE,
)
# A thing that happens on a date, a few words before the number: "your appointment is 02/03".
_DATE_NOUN_BEFORE = re.compile(
    r"\b(?:appointment|meeting|deadline|date|delivery|renewal|booking|reservation|event|payment|invoice|bill|sale|"
    r"offer|promo|promotion|subscription|trial|warranty|flight|check-in|visit|call|webinar|launch|release)s?"
    r"(?:\s+\w+){0,2}?\s+(?:is|was|will\s+be|are|falls\s+on|set\s+for)\s*:?\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"^\s*(?:at|@|,)?\s*(?:\d{1,2}(?::\d{2})?\s?(?:[ap]\.?m\b|h\b)|\d{1,2}:\d{2}|midnight|noon)",
                         re.IGNORECASE)
_VERSION_CUE = re.compile(r"(?:\b(?:version|ver|v|ios|ipados|macos|android|windows|build|release|update|firmware|"
                          r"app|software|os|chrome|firefox|safari|patch)\s*)$", re.IGNORECASE)


def _date_text(month: int, day: int, year: str | None, locale: str) -> str:
    name = _MONTHS[month - 1]
    yr = ""
    if year:
        yr = year if len(year) == 4 else ("20" + year if int(year) < 70 else "19" + year)
    if _family(locale) == "us":
        return f"{name} {day}, {yr}" if yr else f"{name} {day}"
    return f"{day} {name} {yr}" if yr else f"{day} {name}"


class AmbiguousDate(Rule):
    id = "REG003"
    name = "ambiguous-numeric-date"
    trait = "region_neutral"
    severity = Severity.WARNING
    summary = "A numeric date whose day and month can be swapped (03/04/2025, “due 5/6”)."
    why = (
        "03/04/2025 is March 4 in the US and 3 April almost everywhere else: one of the two readers "
        "gets the wrong date. Write the month as a word. Dates that can only be read one way "
        "(25/12/2025, 12/25) are fine, as are 24/7, thread markers (2/2), fractions (\"1/2 and 3/4 sizes\"), scores and version numbers."
    )
    message = "“{date}” reads as {one} or {other} depending on the reader; write the month: “{suggested}”."
    fix = "unsafe"
    bad = examples(
        {"text": "Your payment is due 07/08.", "flagged": "07/08", "fixed": "Your payment is due July 8."},
        {"text": "The event is on 03/04/2025 at noon.", "flagged": "03/04/2025",
         "fixed": "The event is on March 4, 2025 at noon."},
        {"text": "The event is on 03/04/2025 at noon.", "context": {"locale": "en-GB"}, "flagged": "03/04/2025",
         "fixed": "The event is on 3 April 2025 at noon."},
        {"text": "We shipped it on 3.4.2025.", "flagged": "3.4.2025", "fixed": "We shipped it on March 4, 2025."},
        {"text": "The promo code is valid until 10/11.", "flagged": "10/11",
         "fixed": "The promo code is valid until October 11."},
        {"text": "Sign-ups close on 10.11, so register before then.", "flagged": "10.11"},
    )
    good = examples(
        "We're here 24/7, and your refund posted on 25/12/2025. (2/2)",
        "Update to version 11.1.2, then add 1/2 cup of the cleaner. It takes 3-4 business days.",
        "Your payment is due 12/25, and the shop is open 5/5.",
        "Call 555-0142 or 1-800-555-0199; the plan is $10.50/month.",
        "Rated 4/5 by customers, and 2/3 of them reorder.",
        "Prices went up 10.5% on 2.3 plans, and version 10.11 fixes the sync.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        matches = list(_NUMERIC_DATE.finditer(text))
        if not matches:
            return
        # A reply that also writes an unambiguous date with the same separator (25/11) has shown
        # its order; its other dates read the same way.
        shown: set[str] = set()
        for m in matches:
            a, b = int(m.group("a")), int(m.group("b"))
            if (a, b) != (24, 7) and (a > 12) != (b > 12) and 1 <= min(a, b) and max(a, b) <= 31:
                shown.add(m.group("sep"))
        for m in matches:
            a, b, sep, year = int(m.group("a")), int(m.group("b")), m.group("sep"), m.group("y")
            if not (1 <= a <= 12 and 1 <= b <= 12) or a == b:
                continue
            if sep in shown:
                continue
            if sep == "." and (not year or len(year) != 4) and not (
                    len(m.group("a")) == len(m.group("b")) == 2 and self._cued(text, m)):
                continue  # 3.4 and 11.1.2 are numbers and versions, unless a date word leads in ("renews on 10.11.25")
            if sep == "-" and not year:
                continue  # 3-4 is a range
            if sep == "-" and len(year) == 2 and not (len(m.group("a")) == 2 and len(m.group("b")) == 2):
                continue
            before = text[max(0, m.start() - 30):m.start()]
            if _VERSION_CUE.search(before):
                continue
            if _FRACTION_UNIT.match(text[m.end():m.end() + 14]):
                continue  # "1/2 and 3/4 sizes", "3/4 inch": fractions
            if not year and not self._cued(text, m):
                continue  # a bare 1/2 is a thread marker, a fraction or a score
            if year and len(year) == 4 and not 1900 <= int(year) <= 2099:
                continue
            family = _family(rc.locale)
            one, other = _date_text(a, b, None, "en-US"), _date_text(b, a, None, "en-GB")
            suggested = None if family == "canada" else (
                _date_text(a, b, year, rc.locale) if family == "us" else _date_text(b, a, year, rc.locale))
            sugg = []
            if suggested:
                edit = _edit(text, m.start(), m.end(), suggested)
                sugg.append(suggestion(edit, f"Write “{suggested}”", safe=False))
            yield Hit(
                m.start(), m.end(),
                message=self.message.format(date=m.group(), one=one, other=other,
                                            suggested=suggested or f"{one}” or “{other}"),
                suggestions=sugg,
            )

    @staticmethod
    def _cued(text: str, m: re.Match[str]) -> bool:
        before = text[max(0, m.start() - 40):m.start()]
        if _DATE_CUE.search(before) or _DATE_NOUN_BEFORE.search(before):
            return True
        if re.search(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s*(?:to|and|-|–|through|thru|until|till)\s*$", before):
            return True  # the second date of a range: "from 5/6 to 5/9"
        return bool(_TIME_AFTER.match(text[m.end():m.end() + 16]))


_FRACTION_UNIT = re.compile(
    r"""\s*(?:-\s*)?(?:sizes?|inch(?:es)?|in\.|"|cups?|tsp|tbsp|teaspoons?|tablespoons?|miles?|lbs?|pounds?|oz|ounces?|mm|cm|"""
    r"""length|sleeves?|zip|scale|time)\b""", re.IGNORECASE)


# =========================================================================== REG004 times

_AMPM = r"(?:[ap]\.\s?m\.?|[ap]m\b)"
_CLOCK = (rf"(?:\d{{1,2}}(?::[0-5]\d)?\s?{_AMPM}|(?:[01]?\d|2[0-3]):[0-5]\d(?!\s?{_AMPM})|noon|midday|midnight|"
          rf"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{{1,2}})\s+o['’]clock|"
          rf"(?:[1-9]|1[0-2])(?::[0-5]\d)?\s+(?:tonight|this\s+(?:evening|morning|afternoon)))")
_HOUR = r"\d{1,2}(?::[0-5]\d)?"
# "by 5pm", "before 3 p.m.", "until 9am", "at 10:30 am", "from 1 to 3am", "between 9 and 5", "9am-5pm".
_TIME_PHRASE = re.compile(
    rf"\b(?:from|between)\s+{_HOUR}\s?(?:{_AMPM})?\s*(?:-|–|—|to|and|until|till)\s*{_CLOCK}"
    rf"|\bbetween\s+(?:[1-9]|1[0-2])\s+and\s+(?:[1-9]|1[0-2])(?=\s*(?:[,.;!?)]|$|on\b|every\b|each\b|daily\b|today\b|"
    rf"tomorrow\b|tonight\b|mon|tue|wed|thu|fri|sat|sun|weekdays?\b))"
    rf"|\b(?:by|before|until|till|til|after|at|from|for|no later than)\s+(?:about\s+|around\s+|approx\.?\s+)?{_CLOCK}"
    rf"(?:\s*(?:-|–|—|to|until|till)\s*{_CLOCK})?"
    rf"|(?<![\w:])\d{{1,2}}(?::[0-5]\d)?\s?{_AMPM}\s*(?:-|–|—|to)\s*{_CLOCK}"
    # a deadline in someone's working day: "by end of day", "by close of business"
    rf"|\bby\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day|close\s+of\s+business|COB|EOD)\b"
    # a deadline verb right before the clock: "ends 11:59 pm", "closes midnight tonight"
    rf"|\b(?:ends?|ending|closes?|closing|expires?|expiring|due|deadline\s+is|starting|starts?|begins?|beginning|"
    rf"kicks?\s+off(?:\s+at)?)\s+{_CLOCK}"
    # opening hours with bare numbers: "open 9-5", "hours are 8 to 6", "available 9–5"
    rf"|\b(?:open|available|staffed|online|hours\s+are|lines\s+are\s+open|(?:call|reach|contact|phone|ring)\s+us|"
    rf"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\.?,?)\s+(?:from\s+)?(?:[1-9]|1[0-2])\s*(?:-|–|to)\s*"
    rf"(?:[1-9]|1[0-2])\b(?!\s*(?:days?|business|weeks?|hours?|minutes?|months?|%|items?|people|times)\b)(?!\s*(?:[-/:\d]|\.\d))",
    re.IGNORECASE,
)
# Pre-check: a clock ("5pm", "10:30", "noon"), a bare range ("9-5", "9 and 5") or "end of day".
_TIME_HINT = re.compile(r"\d\s?[ap]\.?m|\d:\d|o['’]clock|\d\s+(?:tonight|this\s+(?:evening|morning|afternoon))|\d\s*(?:-|–|to|and)\s*\d|noon|midnight|midday|of (?:the )?(?:business|"
                        r"working )?day|close of|\bCOB\b|\bEOD\b", re.IGNORECASE)
_ZONE_ABBR = re.compile(
    r"\b(?:[ECMP][SD]?T|AK[SD]?T|H[SD]?T|GMT|UTC|BST|IST|CES?T|EES?T|WES?T|MSK|JST|KST|HKT|SGT|MYT|PHT|WIB|"
    r"AE[SD]T|AC[SD]T|AW[SD]T|NZ[SD]?T|SAST|ART|BRT)\b"
)
_ZONE_WORDS = re.compile(
    r"\b(?:eastern|central|mountain|pacific|atlantic|alaska|hawaii)\s+(?:standard\s+|daylight\s+)?time\b"
    r"|\b(?:your|local|their|the customer's|customer's|our|store|UK|US|U\.S\.|EU|Irish|Indian|London|Sydney)\s+time\b"
    r"|\btime[- ]?zones?\b"
    r"|\b(?:local|your time)\b|\bzulu\b",
    re.IGNORECASE,
)
# Right after the clock: "8pm Pacific", "5am - 6pm Arizona time", "(Eastern)", "at 1am in Ohio".
_ZONE_AFTER = re.compile(
    r"^\W{0,3}(?:(?:eastern|central|mountain|pacific|atlantic)\b|[A-Z][a-z]+\s+time\b|in\s+your\s+time|"
    r"(?:tiempo|hora)\b|(?-i:in\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]+))",
    re.IGNORECASE,
)
# Times tied to a place the reader is in or going to: flights, deliveries, a store's own hours.
_LOCAL_PLACE = re.compile(
    r"\b(?:flights?|depart\w*|arriv\w*|board\w*|gates?|take ?off|takeoff|land(?:s|ing)?|airports?|trains?|bus|buses|"
    r"stations?|platforms?|check[- ]in|deliver\w*|drivers?|carriers?|couriers?|parcels?|packages?|shipments?|"
    r"restaurants?|stores?|shops?|branch(?:es)?|locations?|outlets?|in[- ]store|breakfast|lunch|dinner|brunch|menu|"
    r"serv(?:e|es|ed|ing)|pick ?up|pickup|collect(?:ion)?|appointments?|reservations?|movie|showtimes?|doors|"
    r"counters?|terminals?|tables?|caf[eé]s?|hotels?|venues?|theat(?:er|re)s?|salons?|spas?|gyms?|clinics?|"
    r"technicians?|installers?|meters?|your (?:home|house|door)|at home|on ?site|in person|"
    r"offices?(?! hours)|pools?|front desk|campus|vets?|dentists?|doctors?|routes?|shuttles?|leaves|leaving|wake-up calls?|"
    r"guests?|check-?out|pharmac(?:y|ies|ists?)|refills?|prescriptions?|hygienists?|walk-?ins?|halls?|lessons?|viewings?|"
    r"(?:meeting|conference|waiting|exam|treatment|study|class) ?rooms?|rooms? [A-Z]?\d[\d.]*)\b|\bDr\.? (?=[A-Z])"
    r"|(?-i:\b[A-Z][A-Z0-9]\d{2,4}\b|\b[A-Z]{3}-[A-Z]{3}\b)"  # a flight number (AK6323) or route (KUL-LGK)
    r"|(?<![\d+])\b0\d{2,4}[ -]?\d{3}[ -]?\d{3,4}\b",  # a national number (0344 556 5650): the line's own hours
    re.IGNORECASE,
)
# The reply is about the customer coming in: every time in it is the place's own.
_IN_PERSON = re.compile(
    r"\b(?:in[- ]person|come (?:in|by)|stop by|drop (?:in|by)|walk[- ]in|"
    r"bring (?:your|a|the|along)\b(?! questions)|visit (?:us\b(?! online| at (?:www|https?))|our (?:store|office|clinic|branch|"
    r"location|showroom|studio|shop))|our (?:clinic|office(?! hours)|branch|store|front desk))\b",
    re.IGNORECASE,
)
# The sentence tells of something that already happened.
_PAST = re.compile(
    r"\b(?:yesterday|ago|earlier|last\s+(?:night|week|month|year|time|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|was|were|had|did|happened|occurred|called|emailed|received|noticed|placed|sent|went|came|"
    r"got|tried|arrived|left|took|made)\b",
    re.IGNORECASE,
)
# "dropped six times last night between 8 and 10 PM": a report of what happened, whatever else the sentence says.
_CLEARLY_PAST = re.compile(r"\b(?:yesterday|last night|(?:\w+ )?ago|earlier today)\b(?![^.!?]{0,60}\b(?:will|tomorrow|tonight|next)\b)",
                           re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|going to|gonna|tomorrow|tonight|next|please|can|could|should|must|need to|"
    r"is|are|am|be)\b|'ll\b|'re\b|'s\b",
    re.IGNORECASE,
)


# An appointment, a visit or a slot offered to the customer, in the time's own sentence: the time is theirs.
_APPOINTMENT = re.compile(
    # (appointments, technicians, dentists, lessons … are _LOCAL_PLACE words, checked first over a wider window)
    r"\b(?:booked|book(?:ed)? you|moved you|reschedul\w*|inspections?|visits?|plumbers?|"
    r"nurses?|cleanings?|classes|class|tours?|consultations?|fittings?|"
    r"ceremony|wedding|suite|pick (?:it|them|him|her|your \w+) up|drop(?:-| )?off|bring (?:\w+ )?in\b|fasted|fasting|"
    r"instruction|rehearsals?|(?:i|we) have (?:\w+day|tomorrow|today)\b[^!?\n]{0,60}?\b(?:open|free|available)|"
    r"would (?:\w+day|that|either)\b[^!?\n]{0,60}?\bwork)\b",
    re.IGNORECASE,
)


# A bare "1:30" in a sentence about media is a position in it, not a time of day.
_MEDIA = re.compile(r"\b(?:video|song|track|clip|episode|podcast|recording|stream|timestamp|mark|playback)s?\b",
                    re.IGNORECASE)
_ZONE_EXAMPLE = {"en-US": "ET", "en-CA": "ET", "en-GB": "UK time", "en-IE": "Irish time", "en-AU": "AEST",
                 "en-NZ": "NZT", "en-ZA": "SAST", "en-IN": "IST"}


class TimeWithoutZone(Rule):
    id = "REG004"
    name = "time-without-zone"
    trait = "region_neutral"
    severity = Severity.WARNING
    summary = "A deadline or opening hours given as a clock time with no time zone (“closes at 8pm”, “by 5pm”)."
    why = (
        "“Reply by 5pm” means a different moment in New York, London and Sydney; a customer elsewhere "
        "misses the deadline or calls when nobody is there. Name the zone (“5 p.m. ET”) or say “your "
        "local time”. Times that happened already, and times tied to a place the customer is at "
        "(a flight, a delivery, a store's hours), are not flagged; neither is a reply that names a zone anywhere."
    )
    message = "“{passage}” has no time zone; add one (“{example}”) or say “your local time”."
    bad = examples(
        {"text": "Please reply by 5pm so we can ship today.", "flagged": "by 5pm"},
        {"text": "Our live chat closes at 8pm, so message us before then.", "flagged": "at 8pm"},
        {"text": "Maintenance runs tonight from 1 to 3am.", "flagged": "from 1 to 3am"},
        {"text": "We're available between 9 and 5 on weekdays.", "flagged": "between 9 and 5"},
        {"text": "Our office hours are 9am to 5pm, so call before then.", "flagged": "9am to 5pm"},
        {"text": "The code stays live until 6 tonight, so there's still time.", "flagged": "until 6 tonight"},
    )
    good = examples(
        "Please reply by 5pm ET so we can ship today.",
        "We're here every day from 5am to 8pm Pacific time.",
        "It happened at 5pm yesterday, and we fixed it an hour later.",
        "Your flight departs at 6:45 pm from gate 12.",
        "The driver will deliver until 8 PM tonight.",
        "Our team is online 9am-5pm (your local time) on weekdays.",
        "Dr. Reyes can see Biscuit on Thursday at 10:30 a.m.",
        "The pool opens at 6 a.m. on weekends.",
        "Your refill will be ready after 2 p.m. Thursday, and we'll text you when it's bagged.",
        "Your road test is Tuesday at 10:20 a.m.; bring your permit and proof of address.",
        "I've booked Ray from Northside Plumbing for tomorrow between 9 and 11 a.m., and he'll text you on the way.",
        "I have Saturday at 10 a.m. or Monday at 4:30 p.m. open; which works?",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        if not _TIME_HINT.search(text) or _ZONE_ABBR.search(text) or _ZONE_WORDS.search(text) \
                or _IN_PERSON.search(text):
            return
        for m in _TIME_PHRASE.finditer(text):
            if _ZONE_AFTER.match(text[m.end():m.end() + 30]):
                continue
            start = m.start()
            if re.match(r"[a-z]", m.group(), re.IGNORECASE) and not re.match(
                    r"(?:by|before|until|till|til|after|at|from|between|no later|ends?|ending|clos|expir|due|deadline|"
                    r"start|begin|kick)",
                    m.group(), re.IGNORECASE):
                start += re.search(r"\d", m.group()).start()  # "open 9-5": the passage is the hours
            s, sent = _sentence_text(analysis, m.start(), m.end())
            # The sentence and a little around it ("... arriving in Ft. Myers at 8:50 PM" splits at "Ft.";
            # "no service scheduled for 19:06 today. There's a 19:16 train").
            if _LOCAL_PLACE.search(text[max(0, min(s, m.start() - 160)):max(s + len(sent), m.end() + 60)]):
                continue
            if _PAST.search(sent) and not _FUTURE.search(sent) or _CLEARLY_PAST.search(sent):
                continue
            if _APPOINTMENT.search(sent):
                continue  # "I've booked Ray for tomorrow between 9 and 11 a.m.": an appointment keeps the customer's own clock
            if not re.search(rf"{_AMPM}|noon|midday|midnight|day|business|COB|EOD", m.group(), re.IGNORECASE) \
                    and _MEDIA.search(sent):
                continue  # "at 1:30 in the video": a position, not a clock
            example = f"5 p.m. {_ZONE_EXAMPLE.get(rc.locale, 'ET')}"
            yield Hit(start, m.end(), message=self.message.format(passage=text[start:m.end()], example=example))


# =========================================================================== REG005 seasons, holidays

_SEASON = r"(?:summer|winter|spring|fall|autumn)"
_SEASON_PHRASE = re.compile(
    rf"\b(?:(?:this|next|the\s+coming|coming|later\s+this|early\s+this|earlier\s+this|"
    rf"(?:the\s+)?(?:end|start|beginning|middle)\s+of(?:\s+the)?)\s+"
    rf"|(?:by|until|till|before|after|in|during|over|through|throughout|around|from|ahead\s+of|in\s+time\s+for|"
    rf"for)\s+(?:the\s+)?(?:(?:early|late|mid|end\s+of(?:\s+the)?|start\s+of(?:\s+the)?|beginning\s+of(?:\s+the)?)"
    rf"[- ]\s*)?"
    rf"|(?:early|late|mid)[- ])"
    rf"(?P<season>{_SEASON})(?:\s+(?:months|holidays|break|term))?\b"
    rf"|\b(?P<season2>{_SEASON})\s+(?P<year>20\d\d)\b"
    rf"|\b(?:once|when|after|until|till|before) the weather (?P<season3>warms up|cools (?:down|off)|gets (?:warmer|colder|cooler)|turns (?:warm|cold))\b",
    re.IGNORECASE,
)
# Words after the season that make it a product, a name or a thing, not a date.
_SEASON_NOUNS = frozenset(
    """
    sale sales collection collections range menu edition editions line lineup release special specials deal deals
    catalog catalogue season update creators mechanism loaded clip clips roll rolls onion onions water cleaning
    fashion clothes clothing wardrobe tires tyres tire tyre coat coats boots jacket jackets gear hours schedule
    timetable time olympics games solstice equinox camp school session sessions semester program programme
    offer offers promotion promo campaign drink drinks flavor flavour flavors flavours festival break term of
    """.split()
)
_HOLIDAY = (
    r"(?:Thanksgiving|Turkey\s+Day|Labou?r\s+Day|Memorial\s+Day|Presidents'?\s+Day|President's\s+Day|Independence\s+Day|"
    r"(?:the\s+)?Fourth\s+of\s+July|Columbus\s+Day|Veterans'?\s+Day|(?:Martin\s+Luther\s+King(?:,?\s+Jr\.?)?|MLK)\s+Day|"
    r"Juneteenth|Boxing\s+Day|Victoria\s+Day|Canada\s+Day|Civic\s+Holiday|Family\s+Day|Australia\s+Day|Anzac\s+Day|"
    r"Waitangi\s+Day|Golden\s+Week|Lunar\s+New\s+Year|Chinese\s+New\s+Year|Diwali|Deepavali|Obon|"
    r"(?:the\s+)?(?:(?:May|August|Easter|spring|summer|late\s+May|early\s+May)\s+)?bank\s+holidays?|"
    r"(?:the\s+)?half[- ]term|spring\s+break|(?:the\s+)?school\s+holidays|Bonfire\s+Night|Guy\s+Fawkes(?:\s+Night)?|"
    r"Hogmanay|(?:the\s+)?(?:King|Queen)'s\s+Birthday|(?:the\s+)?Super\s+Bowl|"
    r"(?:the\s+)?(?:Easter|May|August|Victoria\s+Day|Labou?r\s+Day|Memorial\s+Day)?\s*long\s+weekend|"
    r"(?:the\s+)?(?:end|start)\s+of\s+the\s+(?:financial|tax)\s+year|EOFY|"
    r"back[- ]to[- ]school(?:\s+season)?|(?:the\s+)?clocks\s+(?:go\s+(?:forward|back)|change))"
)
_HOLIDAY_PHRASE = re.compile(
    rf"\b(?:after|before|by|over|until|till|around|during|following|ahead\s+of|in\s+time\s+for|through|since|on|"
    rf"until\s+after|right\s+after|just\s+after|just\s+before|straight\s+after|post|pre|from|this|next|once|when|"
    rf"(?:closed|shut|open)(?:\s+(?:for|on|over|during))?)\s+"
    rf"(?:the\s+)?(?:(?:US|U\.S\.|UK|American|Canadian|British)\s+)?(?P<h>{_HOLIDAY})"
    rf"(?:\s+(?:Day|weekend|week|holiday|Monday|Friday|break))?"
    rf"|\b(?P<h2>Golden\s+Week)\b"
    rf"|\b(?P<h3>{_HOLIDAY})\s+(?:through|thru|until|till|to)\s+(?:that|the|this|next|\w+day)\b",
    re.IGNORECASE,
)


# Pre-check: every season and holiday pattern holds one of these (lower-cased) substrings.
_SEASON_HINTS = (
    "summer", "winter", "spring", "fall", "autumn", "thanksgiving", "turkey day", "labor", "labour", "memorial", "president",
    "independence", "fourth", "columbus", "veteran", "king", "mlk", "juneteenth", "boxing", "victoria", "canada",
    "civic", "family day", "australia", "anzac", "waitangi", "golden", "new year", "diwali", "deepavali", "obon",
    "holiday", "half", "bonfire", "fawkes", "hogmanay", "birthday", "super bowl", "long weekend", "year", "eofy", "weather", "school", "clocks",
)
# A sentence that names the country or says "nationwide" has told the reader which hemisphere.
_COUNTRY_NAMED = re.compile(
    r"\b(?:US|U\.S\.|USA|UK|U\.K\.|America|Canada|Britain|England|Scotland|Wales|Ireland|Australia|New\s+Zealand|"
    r"South\s+Africa|India|Mexico|Japan|Europe)\b|\b(?:nationwide|across\s+the\s+country)\b"
)


class SeasonOrHoliday(Rule):
    id = "REG005"
    hints = _SEASON_HINTS
    name = "season-or-holiday-date"
    trait = "region_neutral"
    severity = Severity.WARNING
    summary = "A season or a local holiday used as a date (“this fall”, “next spring”, “after Thanksgiving”)."
    why = (
        "Summer is December in Sydney, and Thanksgiving, Labor Day or a bank holiday mean nothing (or "
        "another date) outside their country. Give the month or the date. Names (“our Summer Sale”), "
        "“fall” and “spring” as ordinary words, holidays named next to their date, and a season in a "
        "sentence that names the country (“in all US locations this winter”) are fine."
    )
    message = "“{passage}” depends on where the reader lives; give the month or date instead."
    bad = examples(
        {"text": "The Android app is coming this fall.", "flagged": "this fall"},
        {"text": "Your warranty runs out next spring.", "flagged": "next spring"},
        {"text": "Delivery times are longer over the winter months.", "flagged": "over the winter months"},
        {"text": "We'll process returns after Boxing Day.", "flagged": "after Boxing Day"},
        {"text": "Your replacement will ship after Thanksgiving.", "flagged": "after Thanksgiving"},
        {"text": "The office is closed over the bank holiday weekend.", "flagged": "over the bank holiday weekend"},
    )
    good = examples(
        "Our Summer Sale ends on August 31, and prices fall again in September.",
        "Replace the spring in the hinge, then check the fall detection setting.",
        "We're closed Thursday, November 27, for the US Thanksgiving holiday.",
        "Happy Thanksgiving! Your order ships Friday.",
        "These boots are great for winter hikes.",
        "Last summer we moved to a new warehouse.",
        "It's back in all US locations this winter.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        for m in _SEASON_PHRASE.finditer(text):
            season = m.group("season") or m.group("season2") or m.group("season3")
            start, end = m.start(), m.end()
            s_start = m.start("season") if m.group("season") else m.start("season2") if m.group("season2") else m.start("season3")
            if not m.group("season3") and not self._season_is_date(text, m, season, s_start):
                continue  # ("once the weather warms up" is always a when)
            _, sent = _sentence_text(analysis, start, end)
            if _WRITTEN_DATE.search(sent) or _COUNTRY_NAMED.search(sent):
                continue
            yield Hit(start, end, message=self.message.format(passage=m.group()))
        for m in _HOLIDAY_PHRASE.finditer(text):
            name = m.group("h") or m.group("h2") or m.group("h3")
            if not self._holiday_is_name(name):
                continue
            _, sent = _sentence_text(analysis, m.start(), m.end())
            if re.search(r"\b\d{1,2}/\d{1,2}\b", sent):
                continue
            if _DATED.search(text) or re.match(r"\s+(?:Sale|Sales|Deals?|Specials?|Event|Menu|Hours|Collection|Promo)\b", text[m.end():]):
                continue  # the reply gives the date itself ("Monday, May 26"), or it's a sale's name
            start = m.start()
            lead = re.match(r"(?:closed|shut|open)\s+", m.group(), re.IGNORECASE)
            if lead:  # "closed Thanksgiving Day": the passage is the holiday
                start += lead.end()
            yield Hit(start, m.end(), message=self.message.format(passage=text[start:m.end()]))

    @staticmethod
    def _season_is_date(text: str, m: re.Match[str], season: str, s_start: int) -> bool:
        low = season.lower()
        lead = text[m.start():s_start].lower()
        if lead.strip() == "for" or lead.startswith("for "):
            # "for summer" is what a product is good for; "closed for the summer" is a date.
            if "the" not in lead.split():
                return False
        after = text[m.end():m.end() + 40]
        nxt = re.match(r"[\s-]*([A-Za-z']+)", after)
        next_word = nxt.group(1) if nxt else ""
        if next_word.lower() in _SEASON_NOUNS and not m.group().lower().endswith(("months", "holidays", "break", "term")):
            return False
        if next_word.lower() == "of" and low in {"fall", "spring"}:
            return False  # "after the fall of", "in the spring of the lock"
        if season[0].isupper() and not at_sentence_start(text, s_start) and next_word[:1].isupper():
            return False  # "this Summer Sale", "Fall Creators Update": a name
        prep = lead.split()[0] if lead.split() else ""
        if low == "fall" and prep in {"after", "since", "during", "before", "from", "through", "around", "over"}:
            return False  # "cracked after the fall", "damaged during the fall": a drop, not autumn
        if low == "spring" and prep in {"after", "since", "from", "around", "through"}:
            return False  # "remove it from the spring"
        if low in {"fall", "spring"} and lead.strip() in {"in", "by", "until", "till"}:
            # "in fall" / "by spring" without "the": only at a clause boundary ("a drop in fall prices").
            return bool(re.match(r"\s*(?:[,.;!?)]|$|\d|and\b|or\b|so\b|when\b|to\b|this\b|next\b)", after))
        return True

    @staticmethod
    def _holiday_is_name(name: str) -> bool:
        """Lower case is fine ("after thanksgiving" in a tweet), except for names that are also
        ordinary phrases: a family day out, a golden week of sales, someone's birthday."""
        low = name.lower()
        if any(k in low for k in ("family day", "golden week", "birthday", "civic holiday", "independence day")):
            return name[0].isupper()
        return True


# =========================================================================== REG006 vocabulary

# (pattern, replacement by locale family). The pattern is matched case-insensitively on the text.
_VOCAB_FOR_US: list[tuple[str, str]] = [
    (r"\bpost ?codes\b", "ZIP codes"),
    (r"\bpost ?code\b", "ZIP code"),
    (r"\b(?:my|your|his|her|their|our|the|a)\s+flat(?=\s*(?:[,.;!?)]|$|or\b|and\b|is\b|was\b|in\b|at\b|on\b|to\b|"
     r"for\b|door\b|number\b|address\b|building\b|block\b))", "{det} apartment"),
    (r"\bgive\s+(?:us|me|them|him|her)\s+a\s+(?:ring|bell)\b", "give {obj} a call"),
    (r"\b(?:ring|rang|ringing)\s+(?:us|me|them|you|him|her|our\s+team|the\s+(?:store|shop|branch|team|helpline|hotline|"
     r"number|office|bank))\b", "{call} {obj}"),
    (r"\bin\s+the\s+post\b", "in the mail"),
    (r"\bby\s+post\b", "by mail"),
    (r"\bthrough\s+the\s+post\b", "through the mail"),
    (r"\ba\s+fortnight\b", "two weeks"),
    (r"\bfortnightly\b", "every two weeks"),
    (r"\bfortnight\b", "two weeks"),
    (r"\bon\s+holiday\b", "on vacation"),
    (r"\bwhilst\b", "while"),
    (r"\bamongst\b", "among"),
    (r"\bnapp(?:y|ies)\b", "diaper"),
    (r"\bpetrol\b", "gas"),
    (r"\bcar\s+parks?\b", "parking lot"),
    (r"\bcurrent\s+account\b", "checking account"),
    (r"\bsort\s+codes?\b", "routing number"),
    (r"\buntick(?=ed\b|ing\b|\b)", "uncheck"),
    (r"\btick(?=(?:ed|ing|s)?\s+(?:the|this|that|your|both|all)\s+(?:\w+\s+){0,2}(?:box|boxes|checkbox|checkboxes|option|"
     r"options)\b)", "check"),
    (r"\bmaths\b", "math"),
    (r"\bat\s+the\s+weekend\b", "on the weekend"),
    (r"\b(?:a|the|your|my)\s+torch\b(?!\s+(?:relay|song|bearer))", "{det} flashlight"),
    (r"\blorr(?:y|ies)\b", "truck"),
    (r"\bmotorway\b", "highway"),
    (r"\bmums\b", "moms"),
    (r"\bmum\b(?!'s the word)", "mom"),
]
_VOCAB_FOR_BRITISH: list[tuple[str, str]] = [
    (r"\bzip\s?codes\b", "{postcode}s"),
    (r"\bzip\s?code\b", "{postcode}"),
    (r"\bcell\s?phones?\b", "mobile"),
    (r"\bin\s+the\s+mail\b", "in the post"),
    (r"\bon\s+vacation\b", "on holiday"),
    (r"\bgas\s+station\b", "petrol station"),
    (r"\bparking\s+lot\b", "car park"),
    (r"\bchecking\s+account\b", "current account"),
    (r"\bdiapers?\b", "nappies"),
]
# Pre-check: each pattern above holds one of these (lower-cased) substrings.
_VOCAB_HINTS = {
    "us": ("post", "flat", "ring", "rang", "bell", "fortnight", "holiday", "whilst", "amongst", "napp", "petrol",
           "car park", "current account", "sort code", "tick", "maths", "lorr", "motorway", "weekend", "torch", "mum"),
    "british": ("zip", "cell", "mail", "vacation", "gas station", "parking lot", "checking account", "diaper"),
}
# Slang for an amount of money, in any locale: "5 grand", "20 large".
_MONEY_SLANG = re.compile(r"(?<![\w.,])(\$|£|€)?(\d+(?:\.\d+)?)\s?grand\b", re.IGNORECASE)
_POSTCODE_WORD = {"en-GB": "postcode", "en-AU": "postcode", "en-NZ": "postcode", "en-IE": "postcode",
                  "en-ZA": "postal code", "en-IN": "PIN code"}


@lru_cache(maxsize=2)
def _near_hints(regex: re.Pattern[str], text: str, lower: str, hints: tuple[str, ...]) -> list[re.Match[str]]:
    """The regex's matches, searched only around the hint words (each match holds one).

    The word list is one long alternation, costly to run over a whole reply; the matches are
    short, so a window around each hint finds them all.
    """
    found: dict[int, re.Match[str]] = {}
    for hint in hints:
        i = lower.find(hint)
        while i != -1:
            for m in regex.finditer(text, max(0, i - 60), min(len(text), i + len(hint) + 60)):
                if m.start() <= i < m.end() or m.start() < i + len(hint) <= m.end():
                    found.setdefault(m.start(), m)
            i = lower.find(hint, i + 1)
    matches, end = [], -1
    for start in sorted(found):  # keep them non-overlapping, leftmost first, as one pass would
        if start >= end:
            matches.append(found[start])
            end = found[start].end()
    return matches


def _vocab(family: str) -> tuple[re.Pattern[str] | None, list[str]]:
    """One regex for the family's words (group i is pair i: one pass per reply) and the templates."""
    pairs = _VOCAB_FOR_US if family == "us" else _VOCAB_FOR_BRITISH if family == "british" else []
    if not pairs:
        return None, []
    regex = re.compile("|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(pairs)), re.IGNORECASE)
    return regex, [r for _, r in pairs]


class RegionalWord(Rule):
    id = "REG006"
    name = "regional-word"
    trait = "region_neutral"
    severity = Severity.WARNING
    summary = "An everyday word from another region (“postcode”, “ring us”, “your flat” in en-US; “zip code” in en-GB)."
    why = (
        "Customers stumble on words their region doesn't use: a US customer has a ZIP code and an "
        "apartment, a British one a postcode and a flat. Use the house locale's word. Money slang "
        "(“5 grand”) is flagged in every locale; en-CA flags no vocabulary."
    )
    message = "“{passage}” is {where} usage; in {locale} say “{replacement}”."
    fix = "unsafe"
    bad = examples(
        {"text": "Please double-check the postcode on your order.", "flagged": "postcode",
         "fixed": "Please double-check the ZIP code on your order."},
        {"text": "If the app still won't load, ring us and we'll help.", "flagged": "ring us",
         "fixed": "If the app still won't load, call us and we'll help."},
        {"text": "Is the package going to your flat or your office?", "flagged": "your flat",
         "fixed": "Is the package going to your apartment or your office?"},
        {"text": "Your credit limit is now 5 grand.", "flagged": "5 grand", "fixed": "Your credit limit is now 5,000."},
        {"text": "Your new card is in the post.", "flagged": "in the post", "fixed": "Your new card is in the mail."},
        {"text": "Please send us your zip code.", "context": {"locale": "en-GB"}, "flagged": "zip code",
         "fixed": "Please send us your postcode."},
    )
    good = examples(
        "Please double-check the ZIP code on your order, then call us.",
        "We charge a flat fee of $5, and the phone will ring twice.",
        "Please post it on our forum, and keep the grand total in mind.",
        {"text": "Please double-check the postcode on your order, or ring us.", "context": {"locale": "en-GB"}},
        {"text": "Your new card is in the mail.", "context": {"locale": "en-CA"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        locale = rc.locale
        family = _family(locale)
        for m in (_MONEY_SLANG.finditer(text) if "grand" in text.lower() else ()):
            cur, num = m.group(1) or "", m.group(2)
            try:
                amount = float(num) * 1000
            except ValueError:  # pragma: no cover
                continue
            plain = f"{cur}{amount:,.0f}" if amount == int(amount) else f"{cur}{amount:,.2f}"
            edit = _edit(text, m.start(), m.end(), plain)
            yield Hit(m.start(), m.end(),
                      message=f"“{m.group()}” is slang; write the amount: “{plain}”.",
                      suggestions=[suggestion(edit, f"Write “{plain}”", safe=False)])
        if family == "canada":
            return
        where = "British" if family == "us" else "American"
        regex, templates = _vocab(family)
        if regex is None:
            return
        for m in _near_hints(regex, text, analysis.lower, _VOCAB_HINTS[family]):
            template = templates[int(m.lastgroup[1:])]  # type: ignore[index]
            repl = self._replacement(m.group(), template, locale)
            edit = _edit(text, m.start(), m.end(), repl)
            yield Hit(m.start(), m.end(),
                      message=self.message.format(passage=m.group(), where=where, locale=locale,
                                                  replacement=edit.replacement),
                      suggestions=[suggestion(edit, f"Use “{edit.replacement}”", safe=False)])

    @staticmethod
    def _replacement(passage: str, template: str, locale: str) -> str:
        words = passage.split()
        low = [w.lower() for w in words]
        out = template
        if "{det}" in out:
            rest = out.replace("{det}", "").strip()
            det = words[0] if low[0] != "a" else ("an" if rest[:1].lower() in "aeiou" else "a")
            out = out.replace("{det}", det)
        if "{obj}" in out:
            obj = " ".join(words[1:]) if low[0] in {"ring", "rang", "ringing"} else words[1]
            out = out.replace("{obj}", obj)
        if "{call}" in out:
            out = out.replace("{call}", {"ring": "call", "rang": "called", "ringing": "calling"}[low[0]])
        if "{postcode}" in out:
            out = out.replace("{postcode}", _POSTCODE_WORD.get(locale, "postcode"))
        return out


__all__ = [
    "LocaleSpelling", "AmbiguousDate", "TimeWithoutZone", "SeasonOrHoliday", "RegionalWord",
]
