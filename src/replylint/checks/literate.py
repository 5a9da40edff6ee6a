"""literate — casual is fine; typos and bad punctuation are not."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Edit, Severity
from ..fixes import replacement_edit, suggestion
from ..rule import Hit, Rule, RuleContext, examples
from ..spelling import COMMON_ZIPF, EVERYDAY_ZIPF, one_slip, speller, zipf

if TYPE_CHECKING:
    from ..nlp import Analysis

_ELONGATED = re.compile(r"([aeiouy])\1\1|(.)\2\2$")
_VOWEL = re.compile(r"[aeiouy]")
_TRIPLE = re.compile(r"(.)\1\1+")
_VOCATIVE = re.compile(r"\b(?:hi|hello|hey|dear|yes)[ ,]+$", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def _vocabulary(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for t in terms for w in re.findall(r"[\w'-]+", t))


_LOWER_WORD = re.compile(r"\b[^\W\d_A-Z]{3,}\b")
_WORD_BEFORE = re.compile(r"(?<![\w'’])([a-z]+) $")
_WORD_AFTER = re.compile(r" ([a-z]+)\b")


def _everyday_slip(word: str, fix: str) -> bool:
    """A slip for one of the commonest words ("there", "this"): worth flagging even where a
    name or an abbreviation could stand."""
    return zipf(fix) >= EVERYDAY_ZIPF and zipf(word) < 2.0 and one_slip(word, fix)


def _shorthand_slip(word: str, fix: str, before: str, after: str) -> bool:
    """A vowel-less short word the neighbours show is a slip, not an abbreviation: one of the
    commonest words ("ths is", "wth the"), or a common one both neighbours confirm ("please snd us")."""
    if not one_slip(word, fix):
        return False
    if zipf(fix) >= EVERYDAY_ZIPF:
        return True
    spell = speller()
    return zipf(fix) >= COMMON_ZIPF and bool(spell.fit(fix, before, "")) and bool(spell.fit(fix, "", after))


def _stuck_key(word: str) -> bool:
    """A letter typed three times inside a longer word ("addresss", "neeeds"): the triple cut to a
    double is a dictionary word of five letters or more. Expressive stretching ("sooo",
    "pleeease") is style, not a typo; the speller picks the correction either way."""
    m = _TRIPLE.search(word)
    if not m:
        return False
    fixed = word[: m.start()] + m.group(1) * 2 + word[m.end():]
    return len(fixed) >= 5 and not _TRIPLE.search(fixed) and fixed in speller().words


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The words right before and after a span, lower-case, when only a space separates them."""
    b = _WORD_BEFORE.search(text[max(0, start - 24): start].lower())
    a = _WORD_AFTER.match(text[end: end + 24].lower())
    return (b.group(1) if b else ""), (a.group(1) if a else "")


class Misspelling(Rule):
    id = "LIT005"
    name = "misspelling"
    trait = "literate"
    severity = Severity.WARNING
    summary = "A word that no dictionary knows, with the likely correction (“recieve” → “receive”); an info hint when the correction is ambiguous."
    why = "Casual is fine, typos are not: a misspelled word is the first thing that makes a reply look careless."
    message = "“{word}” looks misspelled; did you mean “{fix}”?"
    fix = "safe"
    bad = examples(
        {"text": "We have recieved your return.", "flagged": "recieved", "fixed": "We have received your return."},
        {"text": "The error occured after the update.", "flagged": "occured", "fixed": "The error occurred after the update."},
        {"text": "I will definately call you tomorrow.", "flagged": "definately", "fixed": "I will definitely call you tomorrow."},
        {"text": "Please follow the staps below to reset it.", "flagged": "staps",
         "fixed": "Please follow the steps below to reset it."},
        {"text": "Can yow send us the order number?", "flagged": "yow",
         "fixed": "Can you send us the order number?"},
        {"text": "Thanks for reching out about the refund.", "flagged": "reching",
         "fixed": "Thanks for reaching out about the refund."},
        {"text": "We can resolve thiss issue today.", "flagged": "thiss", "fixed": "We can resolve this issue today."},
        {"text": "Hi tehre! Your card is on its way.", "flagged": "tehre", "fixed": "Hi there! Your card is on its way."},
        {"text": "Please snd us a photo of the label.", "flagged": "snd", "fixed": "Please send us a photo of the label."},
        {"text": "Did uoy try signing out and back in?", "flagged": "uoy", "fixed": "Did you try signing out and back in?"},
        {"text": "Which email addresss is on the account?", "flagged": "addresss",
         "fixed": "Which email address is on the account?"},
    )
    good = examples(
        "Thx! Pls DM us your order number and we'll reinstall the app for you ^JS",
        "You can set as many timers as you need, and we're looping in an expert.",
        "Your flight has been retime to 14:35; please unpair the watch and pair it again.",
        "Hi firdaus, your pmt went through and the acct is active.",
        "We organised the lat and long fields for you.",
        "Priya from Acmetel will email you about the SyncBox refund at dana.w@example.com.",
        {"text": "Open Zorblex and tap Sync.", "settings": {"vocabulary": ["zorblex"]}},
        "Hmmm, sooo sorry about that! Try https://acme.com/recieve-help and #recieve.",
        "Yesss, it works again! Goood news for your settings and their backups.",
        "Hey there – the cable ships with the dock, and the fee was refunded.",
        "I've rotated the key, so anyone who copied it from the repo is locked out.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        spell = speller()
        vocab = _vocabulary(tuple(rc.settings.vocabulary))
        masked = analysis.masked_spans()
        named_regions = [(r.start, r.end) for r in analysis.source.regions_of("greeting", "signoff")]
        text = analysis.text
        # Only words the dictionary doesn't know go on to the token checks: most replies have none,
        # and building spaCy tokens for every word is the expensive part.
        unknown = [m.span() for m in _LOWER_WORD.finditer(text) if spell.suspect(m.group(), vocab)]
        for start, end in unknown:
            span = analysis.doc.char_span(start, end, alignment_mode="expand")
            if span is None or span.text != text[start:end]:
                continue  # part of a larger token ("don" in "don't" tokenizes as "do")
            tok = span[0]  # spaCy may split a typo ("thiss" → "this" + "s"): the word is the span
            word = span.text
            if len(word) < 3 or not word.isalpha() or not word.islower():
                continue  # names, brands and acronyms are capitalized
            if _ELONGATED.search(word) and not _stuck_key(word):
                continue  # "sooo", "pleeease" are style; "addresss" is a typo
            if not word.isascii():
                continue  # "crème", "señor": loanwords and names; the dictionary is English-only
            # Where a word is more likely an abbreviation ("pmt", "mgt") or a lower-case name
            # ("Yes firdaus", "lim , may we", a greeting's or sign-off's name), only a slip
            # for one of the commonest words counts: "ths is", "Hi tehre".
            guarded = len(word) <= 4 and not _VOWEL.search(word)
            if any(s <= tok.idx < e for s, e in masked):
                continue  # links, handles, code, quotes
            after = text[tok.idx + len(word): tok.idx + len(word) + 3]
            if after.startswith(("...", "…")):
                continue  # a truncated tweet ("we were unawa...")
            named = any(s <= tok.idx < e for s, e in named_regions) or (
                _VOCATIVE.search(text[max(0, tok.idx - 12): tok.idx]) and after[:1] in (",", ".", "!", " ,")
            ) or (tok.is_sent_start and after.lstrip().startswith(","))
            nxt = analysis.text[tok.idx + len(word): tok.idx + len(word) + 1]
            if nxt in ("'", "’"):
                continue  # elisions: "holdin'", "lovin’"
            prev = analysis.doc[tok.i - 1].text if tok.i else ""
            if prev in ("^", "-", "@", "#", "/") and not analysis.doc[tok.i - 1].whitespace_:
                continue  # "-becky", "^js": sign-offs and tags glued to a mark
            before, after_word = _neighbours(text, tok.idx, tok.idx + len(word))
            if spell.known(word, vocab):
                fix = None if word in vocab else spell.slip(word, before, after_word)
            else:
                fix = spell.suggest(word, before, after_word)
            if fix is None or fix.word == word:
                continue
            if guarded and not (fix.in_context and _shorthand_slip(word, fix.word, before, after_word)):
                continue  # "pmt": an abbreviation, unless the words around it say "ths is", "please snd us"
            if named and not _everyday_slip(word, fix.word):
                continue  # "Yes firdaus": a name, unless it is "Hi tehre"
            edit = replacement_edit(analysis.text, tok.idx, tok.idx + len(word), fix.word)
            # A word no English corpus has ever seen, a clear correction (one likely word, a
            # swapped or doubled letter) or one the neighbouring words confirm is a typo; a
            # rare word with an ambiguous correction may be a name or jargon: only a hint.
            sure = fix.safe or fix.in_context or zipf(word) == 0.0
            yield Hit(tok.idx, tok.idx + len(word), message=self.message.format(word=word, fix=fix.word),
                      suggestions=[suggestion(edit, f"Correct to “{fix.word}”", safe=fix.safe)],
                      confidence=0.9 if sure else 0.6,
                      severity=None if sure else Severity.INFO)


_YOUR_FOR_YOURE = re.compile(
    r"\b([Yy])our(?= (?:(?:most |very |so )?welcome|right|correct|sure|all set|good to go)(?=\s*(?:[,.!?:;)]|$|:\)| that\b| about\b| to (?!the\b|a\b|your\b))))"
    r"|\b([Yy])our(?= (?:going|being|not|already|able)\b)"
)
_YOURE_FOR_YOUR = re.compile(
    r"\b([Yy])ou['’]?re(?= (?:account|order|email|e-mail|password|phone|card|device|booking|item|package|parcel|refund|"
    r"subscription|request|ticket|case|payment|app|address|flight|reservation|details|information)\b)"
)


class YourYoure(Rule):
    id = "LIT009"
    name = "your-youre"
    trait = "literate"
    severity = Severity.WARNING
    summary = "“your” for “you're” (“your welcome”), and “you're” before a noun (“you're account”)."
    why = "Customers notice this mix-up at once, and it makes the whole reply look careless."
    message = "Write “{fix}” here."
    fix = "safe"
    bad = examples(
        {"text": "Your welcome, happy to help!", "flagged": "Your", "fixed": "You're welcome, happy to help!"},
        {"text": "Thanks, your right, the fee should not be there.", "flagged": "your",
         "fixed": "Thanks, you're right, the fee should not be there."},
        {"text": "I've updated you're account with the new address.", "flagged": "you're",
         "fixed": "I've updated your account with the new address."},
    )
    good = examples(
        "You're welcome, happy to help!",
        "You have your right to a refund within 30 days.",
        "You're all set: your account has the new address.",
        "Your correct order ships today, and your welcome email is in your inbox.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        for regex, word in ((_YOUR_FOR_YOURE, "ou're"), (_YOURE_FOR_YOUR, "our")):
            for m in regex.finditer(analysis.text):
                fix = next(g for g in m.groups() if g) + word
                yield Hit(m.start(), m.end(), message=self.message.format(fix=fix),
                          suggestions=[suggestion(Edit(m.start(), m.end(), fix), f"Write “{fix}”", safe=True)])


# u-words said with "yoo" take "a" (a user, a unit); the others take "an" (an update).
_YOO = r"(?:unanim|uni(?![nmd])|uti|use|usu|usa|ura|uro|ure|uku|ubi|ufo|uga|ulu|uvu)"
_A_AN = re.compile(
    r"(?<![\w'’.-])(?:([Aa]) (?=(?!one\b|once\b|eu|ewe|" + _YOO + r")[aeiou][a-z]{2,}\b)"
    r"|([Aa])n (?=(?:(?!h)[bcdfgjklmnpqrstvwxyz]|" + _YOO + r")[a-z]{2,}\b))"
)


class ArticleAAn(Rule):
    id = "LIT011"
    name = "a-an"
    trait = "literate"
    severity = Severity.WARNING
    summary = "“a” before a vowel sound or “an” before a consonant (“a order”, “an link”)."
    why = "A wrong article is a small slip that readers still trip over."
    message = "Write “{fix}” before “{word}”."
    fix = "safe"
    bad = examples(
        {"text": "I've placed a order for a new charger.", "flagged": "a", "fixed": "I've placed an order for a new charger."},
        {"text": "Here is an link to reset it.", "flagged": "an", "fixed": "Here is a link to reset it."},
        {"text": "A email is on its way.", "flagged": "A", "fixed": "An email is on its way."},
        {"text": "There's a update with a fix.", "flagged": "a", "fixed": "There's an update with a fix."},
    )
    good = examples(
        "I've placed an order for a new charger, and it's a one-time fee.",
        "It takes an hour, and a user can do it from the app after an update on an uninterrupted line.",
        "Option A works, and an FAQ page has the details.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        for m in _A_AN.finditer(text):
            article = m.group(1) or m.group(2)
            start = m.start()
            end = start + len(article) + (0 if m.group(1) else 1)
            fix = (article + "n") if m.group(1) else article
            word = re.match(r"\S+", text[m.end():])
            yield Hit(start, end, message=self.message.format(fix=fix, word=word.group() if word else ""),
                      suggestions=[suggestion(Edit(start, end, fix), f"Write “{fix}”", safe=True)])


_ABBREV_BEFORE = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|excl|no|nos|confirm|a\.m|p\.m|p\.s|inc|ltd|co|st|dr|mr|mrs|ms|jr|sr|min|max|est|dept|ext|fig|vol|ref|pg|pp|tel|acct|qty)"
    r"|^\s*(?:[@#]\w+\s+)*\d{1,2})\.$",  # "2. you can…": a numbered tweet in a thread
    re.IGNORECASE,
)


class LowercaseSentenceStart(Rule):
    id = "LIT012"
    name = "lowercase-sentence-start"
    trait = "literate"
    severity = Severity.WARNING
    summary = "A sentence after a full stop that starts with a lower-case letter (“…today. we will…”)."
    why = "A capital after a full stop is basic punctuation; missing ones make a reply look rushed."
    message = "Start the sentence with a capital: “{fix}”."
    fix = "safe"
    bad = examples(
        {"text": "Your refund is done. we will email you the receipt.", "flagged": "we",
         "fixed": "Your refund is done. We will email you the receipt."},
        {"text": "Thanks for waiting! please restart the app.", "flagged": "please",
         "fixed": "Thanks for waiting! Please restart the app."},
        {"text": "It shipped today. you'll get tracking soon.", "flagged": "you",
         "fixed": "It shipped today. You'll get tracking soon."},
    )
    good = examples(
        "thanks for reaching out! We'll check it.",
        "Use e.g. the Settings page, or visit acme.com. iPhone users can tap Share.",
        "It costs $5 vs. $7 before. ok, I've applied it. eBay orders ship separately.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        masked = analysis.masked_spans()
        for sent in analysis.sents[1:]:
            tok = next((t for t in sent if not t.is_space), None)
            if tok is None or not tok.is_alpha or not tok.text[0].islower() or not tok.text.islower():
                continue  # "iPhone", "eBay" keep their own case
            before = text[: tok.idx].rstrip()
            if not before.endswith((".", "!", "?")) or before.endswith("..."):
                continue
            if _ABBREV_BEFORE.search(before) or any(s <= tok.idx < e for s, e in masked):
                continue
            if tok.text in ("ok", "okay", "lol", "thx", "ty", "pls", "hi", "hey", "xo", "xoxo", "cheers", "thanks") or len(tok.text) == 1 and tok.text != "i":
                continue
            if any(s < len(before) <= e for s, e in masked):
                continue  # the "." ended a link or handle
            fix = tok.text[0].upper() + tok.text[1:]
            edit = Edit(tok.idx, tok.idx + 1, tok.text[0].upper())
            yield Hit(tok.idx, tok.idx + len(tok.text), message=self.message.format(fix=fix),
                      suggestions=[suggestion(edit, f"Capitalize “{fix}”", safe=True)])


_SPACE_BEFORE = re.compile(r"(?<=[A-Za-z])[ \t]+([,.!?])(?=\s|$)(?![.!?])")


class SpaceBeforePunctuation(Rule):
    id = "LIT013"
    name = "space-before-punctuation"
    trait = "literate"
    severity = Severity.WARNING
    summary = "A space before a comma, full stop, “!” or “?” (“thanks !”)."
    why = "In English the mark sits on the word; a space before it looks like a typo."
    message = "Remove the space before “{mark}”."
    fix = "safe"
    bad = examples(
        {"text": "Thank you !", "flagged": " !", "fixed": "Thank you!"},
        {"text": "Hi Andy , your booking is confirmed .", "flagged": " ,", "fixed": "Hi Andy, your booking is confirmed ."},
        {"text": "Did it work ?", "flagged": " ?", "fixed": "Did it work?"},
    )
    good = examples(
        "Thank you! :) See you soon ;)",
        "Try again ... it can take a minute.",
        "Tap the ! icon, then the ? button.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        masked = analysis.masked_spans()
        for m in _SPACE_BEFORE.finditer(text):
            after = text[m.end():].lstrip(" \t")[:1]
            if m.group(1) in "!?" and after.islower():
                continue  # "tap the ! icon": the mark is a symbol, not punctuation
            if any(s < m.start() <= e for s, e in masked):
                continue  # "…https://x.co/a ." keeps the full stop out of the link
            yield Hit(m.start(), m.end(), message=self.message.format(mark=m.group(1)),
                      suggestions=[suggestion(Edit(m.start(), m.end(), m.group(1)), "Remove the space", safe=True)])


_NO_SPACE_AFTER = re.compile(r"(?<=[a-z]{2})([.!?;,])(?=[A-Z][a-z]{2,})|(?<=[a-z]{2}),(?=[a-z]{2,})")


class MissingSpaceAfterPunctuation(Rule):
    id = "LIT014"
    name = "missing-space-after-punctuation"
    trait = "literate"
    severity = Severity.WARNING
    summary = "No space after a full stop or comma between words (“booking.Thanks”, “day,we”)."
    why = "Run-together sentences are hard to read and look like a slip of the keyboard."
    message = "Add a space after “{mark}”."
    fix = "safe"
    bad = examples(
        {"text": "Your flight is confirmed.Thanks for waiting.", "flagged": ".", "fixed": "Your flight is confirmed. Thanks for waiting."},
        {"text": "Hi there,we have sent you a DM.", "flagged": ",", "fixed": "Hi there, we have sent you a DM."},
        {"text": "It is done!Have a good day.", "flagged": "!", "fixed": "It is done! Have a good day."},
    )
    good = examples(
        "Visit acme.com/Help or email help@acme.com for more.",
        "It costs 1,000 points, or $10.50.",
        "Open Settings, then tap Billing.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        masked = analysis.masked_spans()
        for m in _NO_SPACE_AFTER.finditer(analysis.text):
            if any(s <= m.start() < e for s, e in masked):
                continue
            yield Hit(m.start(), m.end(), message=self.message.format(mark=m.group()),
                      suggestions=[suggestion(Edit(m.end(), m.end(), " "), "Add a space", safe=True)])


_EMOTICON = re.compile(
    r"(?:(?<=\s)|^)(?:[:;=8xX]['’~-]?\s?[()\[\]DPp/\\|3]|[(\[]['’~-]?[:;=])|(?<=\w)[:;]['’~-]?[()]|<3|\(s\)"
)
_LIST_MARKER = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-z])\)(?=\s)")
_SPLIT_MESSAGE = re.compile(r"^\W*>>|>>\W*$|\.\.\.\s*$|…\s*$")
_CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:['’][A-Z]+)?(?:\s+[A-Z]{2,}(?:['’][A-Z]+)?){2,}\b")
_KNOWN_ACRONYMS = frozenset("FAQ PIN OTP SMS USA UK EU ID URL PDF API VPN ETA ATM ASAP FYI DM PM AM ET PT CT GMT UTC IOS OS TV PC USB HDMI WIFI GPS".split())


class UnbalancedBrackets(Rule):
    id = "LIT015"
    name = "unbalanced-brackets"
    trait = "literate"
    severity = Severity.WARNING
    summary = "An opening bracket or quote mark that is never closed (or a closing one never opened)."
    why = "An unclosed bracket leaves the reader waiting for the end of an aside that never comes."
    message = "This “{mark}” is never {what}."
    bad = examples(
        {"text": "Tap Settings (the gear icon and then Billing.", "flagged": "("},
        {"text": "Your code is \"SAVE10 and it works today.", "flagged": "\""},
        {"text": "Restart it first) and then try again.", "flagged": ")"},
    )
    good = examples(
        "Tap Settings (the gear icon), then Billing. Thanks :)",
        "Check these steps: 1) restart, 2) sign in (1/2)",
        "Your code is \"SAVE10\" and the bag(s) ship today :-(",
        "The pants come in a 27\" inseam and the 55\" TV ships Monday.",
        "Call +44 (0) 20 7660 4452 (8am-6pm GMT) or see (1) above.",
        "It stays on the hold shelf for 7 days (through Tuesday, July 8), and you can check it out.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        if _SPLIT_MESSAGE.search(text) or analysis.source.regions_of("thread_marker"):
            return  # one tweet of several: its brackets may open or close in another
        ignore = [(m.start(), m.end()) for m in _EMOTICON.finditer(text)] + analysis.masked_spans()
        open_at: list[int] = []
        for i, ch in enumerate(text):
            if ch not in "()":
                continue
            if any(s <= i < e for s, e in ignore) and not (ch == ")" and open_at and text[i - 1:i].isdigit()):
                continue  # ":)" is a smile, but "(through July 8)" closes its bracket
            if ch == "(":
                open_at.append(i)
            elif open_at:
                open_at.pop()
            elif not _LIST_MARKER.match(text, max(0, i - 2)) and not _LIST_MARKER.match(text, max(0, i - 1)):
                yield Hit(i, i + 1, message=self.message.format(mark=")", what="opened"))
        for i in open_at:
            yield Hit(i, i + 1, message=self.message.format(mark="(", what="closed"))
        quotes = [i for i, ch in enumerate(text) if ch == '"' and not any(s <= i < e for s, e in ignore)]
        if len(quotes) % 2:
            quotes = [i for i in quotes if not (i and text[i - 1].isdigit())]  # 27" inseam: inches, not a quote
        if len(quotes) % 2:
            yield Hit(quotes[-1], quotes[-1] + 1, message=self.message.format(mark='"', what="closed"))


_STATUS_BEFORE = re.compile(
    r"(?i)\b(?:status|shows?|showing|says|reads|displays?|switch(?:es)? to|chang(?:es|ed) to|marked(?: as)?|"
    r"label(?:l)?ed(?: as)?|set to|button|tab|tap|click|select|press|choose)\W*$"
)


class Shouting(Rule):
    id = "LIT016"
    name = "all-caps"
    trait = "literate"
    severity = Severity.WARNING
    summary = "Three or more words in ALL CAPS in a row (shouting)."
    why = "Capitals read as shouting; customers take it as anger or a system alert."
    message = "Write “{passage}” in normal case; capitals read as shouting."
    bad = examples(
        {"text": "PLEASE DO NOT SHARE your password.", "flagged": "PLEASE DO NOT SHARE"},
        {"text": "Your order WILL SHIP TODAY, promise.", "flagged": "WILL SHIP TODAY"},
        {"text": "THANK YOU SO MUCH for waiting!", "flagged": "THANK YOU SO MUCH"},
    )
    good = examples(
        "Your PIN and the OTP code are in the SMS.",
        "Tap CANCEL, then OK.",
        "The FAQ for EU and UK customers is here.",
        "Select Logging in > I STILL NEED HELP, and our team will reply.",
        "When it lands, the status switches to OUT FOR DELIVERY and the courier will call.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        masked = analysis.masked_spans()
        text = analysis.text
        for m in _CAPS_RUN.finditer(text):
            words = m.group().split()
            if all(w in _KNOWN_ACRONYMS for w in words) or any(s <= m.start() < e for s, e in masked):
                continue
            if sum(1 for w in words if w not in _KNOWN_ACRONYMS and zipf(w.lower()) >= 5.0) < 2:
                continue  # names ("NIDA NUR FAUZIAH") and place lists are not shouting
            line_before = text[text.rfind("\n", 0, m.start()) + 1: m.start()]
            if ">" in line_before or line_before.rstrip().endswith(("‘", "'", '"', "“")):
                continue  # a button or menu label quoted as it appears: "select … > I STILL NEED HELP"
            if _STATUS_BEFORE.search(line_before):
                continue  # a status label as the screen shows it: "the status switches to OUT FOR DELIVERY"
            yield Hit(m.start(), m.end(), message=self.message.format(passage=m.group()))
