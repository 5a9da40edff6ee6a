"""concise — get to the point: stacked pleasantries, overlong sentences, restating the question."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Edit, Severity
from ..fixes import suggestion
from ..ingest import WHOLE_TEXT_SCOPE
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..nlp import Analysis

# Stock sentences by kind: a run of three of one kind is a stack.
_FORMULAS = {
    "thanks": re.compile(
        r"^(?:and |so |again, )?(?:thank(?:s| you)(?: (?:so|very) much| a (?:bunch|lot|ton|million))?(?: again| also| once more| once again)?"
        r"(?: for (?:your|the|being|choosing|contacting|reaching|getting|writing|chatting|taking|letting|flagging|bearing|sticking|\w+ing with)\b[^.!?]*)?"
        r"|we (?:really |truly |so |do )?appreciate (?:your|you)(?: \w+){0,6})\s*[.!]*$", re.IGNORECASE),
    "sorry": re.compile(
        r"^(?:(?:we(?:'re| are)|i(?:'m| am)) (?:so |very |really |truly |deeply )?sorry\b[^.!?]*"
        r"|(?:my |our )?(?:sincere |deepest )?apologies\b[^.!?]*|(?:so |very |really )?sorry (?:again )?(?:for|about) the\b[^.!?]{0,40}"
        r"|(?:we|i) (?:really |truly )?(?:hate|regret|are sorry|'re sorry) (?:to hear|hearing|that)\b[^.!?]*"
        r"|(?:that|this) (?:is|sounds) (?:so |really )?(?:frustrating|annoying|disappointing)\b[^.!?]*)\s*[.!]*$",
        re.IGNORECASE),
    "offer": re.compile(
        r"^(?:(?:i'd|i would|i'm|i am|we'd|we would|we're|we are) (?:be )?(?:more than |so |very |always )?"
        r"(?:happy|glad|delighted|pleased) to (?:help|assist)\b[^.!?]*|let me help you(?: with (?:this|that))?"
        r"|(?:i'm|i am|we're|we are) here (?:to help|for you)\b[^.!?]*)\s*[.!]*$", re.IGNORECASE),
    "filler": re.compile(
        r"^(?:ok(?:ay)?|alright|all right|so|well|right|um+|uh+|hmm+|let me see(?: here)?"
        r"|(?:ok(?:ay)?,? )?let me (?:take a look|have a look|check|look)(?: (?:at|into|on) (?:that|this|it))?(?: for you)?)"
        r"\s*[.!,]*$", re.IGNORECASE),
    "closer": re.compile(
        r"^(?:(?:if you have any (?:other|more|further|additional) questions,? )?(?:please )?let (?:me|us) know(?: if)?(?=[ .!,]|$) (?:you (?:have|need)|there(?:'s| is)|(?:we|i) can)\b[^.!?]*"
        r"|(?:and )?(?:if|should) (?:you (?:have|need|think of)|there(?:'s| is)) (?:anything(?: else)?|any (?:other |more |further |additional )?(?:questions?|concerns?|help)|(?:other|more|further) questions)"
        r"(?: (?:at all|in the meantime))?,? (?:please |just |do )?(?:feel free to )?(?:let (?:me|us) know|reach out|ask|contact (?:us|me)|get in touch|shout|give us a shout|message (?:us|me)|dm us|(?:we're|i'm|we are|i am) (?:right )?here)\b[^.!?]*"
        r"|reach (?:back )?out (?:any ?time|whenever)\b[^.!?]*"
        r"|feel free to (?:reach out|contact us|ask|get in touch|message us|dm us)\b[^.!?]*"
        r"|(?:please )?do(?:n't| not) hesitate\b[^.!?]*"
        r"|(?:is there )?anything else (?:i|we) can (?:help|assist|do)\b[^.!?]*|anything (?:else )?at all"
        r"|(?:any|anything) (?:other|else|more|further)\b[^,.!?]{0,25}, (?:just |please |then )?(?:we're|we are|i'm|i am|"
        r"let|ask|reach|give|shout|message|dm|send|write|contact|drop)\b[^.!?]*"
        r"|(?:is|was) there (?:anything|something) (?:else|more)\b[^.!?]*"
        r"|(?:i'm|i am|we're|we are) (?:always )?(?:around|here|available)(?: all day| today| 24/7| all week| around the clock)?(?: (?:if|whenever|when|for|any ?time)\b[^.!?]*)?"
        r"|(?:is there )?anything else on your mind\b[^.!?]*|(?:ping|message|dm|text|call) (?:me|us) (?:any ?time|whenever)\b[^.!?]*"
        r"|(?:i'm|i am|we're|we are) (?:always )?(?:glad|happy|pleased) to hear from you\b[^.!?]*"
        r"|(?:and )?(?:if|should) (?:anything|something|any (?:other |further |more )?(?:questions?|issues?|problems?))"
        r"(?: else)? (?:come|comes|pop|pops) (?:up|to mind)\b[^.!?]*"
        r"|(?:i |we )?hope(?:fully)? (?:this|that) (?:clears (?:things|everything|it) up|answers (?:your questions?|everything|all your questions)|makes sense)\b[^.!?]*"
        r"|(?:i |we )?hope (?:this|that|the above)(?: information)? (?:is|was|has been) (?:helpful|useful|of (?:some )?help)\b[^.!?]*"
        r"|that should (?:cover it|do it|do the trick|be it|sort it)\b[^.!?]*"
        r"|(?:ping|message|dm|text|shout at|holler at) (?:me|us) if (?:anything|something)(?:'s| is)? (?:off|wrong|else|comes up|goes wrong|still \w+)\b[^.!?]*"
        r"|(?:we |i )?wish(?:ing)? you\b[^.!?]*"
        r"|(?:it was|it's been|it has been) (?:a (?:real )?pleasure|great|nice|lovely|fun) (?:chatting|talking|speaking|helping|working)\b[^.!?]*"
        r"|happy (?:\w+ing|holidays|travels|new year)|see you (?:soon|around|next time|then|there|in the \w+|on the \w+)"
        r"|safe travels|stay (?:safe|warm|cool|well|healthy)"
        r"|(?:i |we )?hope (?:this|that) helps\b[^.!?]*|i hope you (?:have|enjoy)\b[^.!?]*"
        r"|have a (?:great|good|wonderful|nice|lovely|fantastic|awesome|blessed|safe) (?:day|one|week|weekend|evening|night|afternoon|flight|trip|stay|holiday|vacation|time|meal|ride|visit|game|show|season|summer|rest of\b[^.!?]*)"
        r"|enjoy (?:your|the rest of)\b[^.!?]*|take care|all the best|talk soon"
        r"|(?:i'm|i am|we're|we are) (?:always )?(?:happy|glad) to help\b[^.!?]*"
        r"|thanks (?:again|for chatting)\b[^.!?]*|thank you for choosing\b[^.!?]*)"
        r"(?:,? and (?:thanks|thank you|take care|have a)[^.!?]*)?\s*[.!?]*$",
        re.IGNORECASE),
}


@functools.lru_cache(maxsize=4096)  # the stacked-lines and closing-clause checks ask about the same sentences
def _formula_kind(sentence: str) -> str | None:
    if len(sentence) > 200:
        return None  # a stock line is short
    low = sentence.lower()
    if len(low) > 24 and not any(h in low for h in _FORMULA_HINTS):
        return None  # longer than "Okay, let me check." and no formula word: not a stock line
    text = re.sub(r"^(?:[@#]\w+[\s,:]*)+", "", sentence.strip())
    text = re.sub(r"[^\w\s.!?,'’)]+$", "", text).rstrip()  # a closing emoji: "Enjoy your day! 💙"
    text = re.sub(r"\s*[\^/~*-]+\s*[A-Z]{1,3}\s*$", "", text)  # tweet initials
    if not text or len(text.split()) > 18:
        return None
    for kind, regex in _FORMULAS.items():
        if regex.match(text):
            return kind
    return None


_LONG_SENTENCE = "Once we receive the returned item at our warehouse and our team has inspected it " \
    "to make sure that everything is in order, we will process your refund to the original " \
    "payment method, which usually takes between five and seven business days to appear on " \
    "your statement depending on your bank."


class _Sentence:
    """A sentence with its text sliced once (spaCy's ``Span.text`` rebuilds it token by token)."""

    __slots__ = ("span", "text", "start_char", "end_char", "start")

    def __init__(self, span: "Span", text: str) -> None:
        self.span, self.start_char, self.end_char, self.start = span, span.start_char, span.end_char, span.start
        self.text = text[span.start_char:span.end_char]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.span)

    def __getitem__(self, i: int):  # type: ignore[no-untyped-def]
        return self.span[i]


def _body_sentences(analysis: "Analysis") -> list[_Sentence]:
    """Sentences before any quote or sign-off (computed once per reply, shared by the rules here)."""
    found = analysis.cache.get("body_sentences")
    if found is None:
        text = analysis.text
        stop = min([r.start for r in analysis.source.regions_of("quote", "signoff")] + [len(text)])
        # A sentence that starts before the sign-off counts, even when initials are glued to it ("… ^DB").
        found = analysis.cache["body_sentences"] = [
            _Sentence(s, text) for s in analysis.sents if s.start_char < stop and text[s.start_char:stop].strip()]
    return found


def _words(sentence: "_Sentence") -> int:
    return len(_WORD.findall(sentence.text))


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


class StackedFormulas(Rule):
    id = "CON004"
    name = "stacked-formulas"
    trait = "concise"
    severity = Severity.WARNING
    summary = "Three or more stock pleasantries in a row (thanks, apologies, “let me know…”, “have a great day”)."
    why = "One warm line is friendly; a stack of them is boilerplate the customer has to read past. Keep one."
    message = "Keep one of these {n} stock lines and cut the rest."
    fix = "unsafe"
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": "Your refund is done. Please let me know if you have any other questions. Do not hesitate to contact us. Have a great day!",
         "flagged": "Do not hesitate to contact us. Have a great day!",
         "fixed": "Your refund is done. Please let me know if you have any other questions."},
        {"text": "Thank you for your email. Thank you also for your patience. And thank you for being a loyal customer. Your SIM is in the mail.",
         "flagged": "Thank you also for your patience. And thank you for being a loyal customer."},
        {"text": "@sam We're sorry to hear that! We're so sorry for the trouble! We really hate hearing this! Please DM us your order number.",
         "flagged": "We're so sorry for the trouble! We really hate hearing this!"},
        {"text": "Your card ships today. I hope this information is helpful. If you have any further questions, please feel free to contact me. Have a great day!",
         "flagged": "If you have any further questions, please feel free to contact me. Have a great day!"},
    )
    good = examples(
        "Your refund is done. Let me know if you have any other questions. Have a great day!",
        "Thanks for reaching out! Your code is WELCOME10.",
        "Tap Link Platform and sign in. That should cover it, and ping me if anything's off.",
        "Sorry about that! I've fixed it. Thanks for your patience, and let me know if it happens again, since it would mean the cache is stuck.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        run: list[Span] = []
        kinds: list[str] = []
        seen: set[tuple[int, int]] = set()
        for sent in _body_sentences(analysis) + [None]:  # type: ignore[list-item]
            kind = _formula_kind(sent.text) if sent is not None else None
            if kind is not None:
                run.append(sent)
                kinds.append(kind)
                continue
            trailing = sent is None  # pleasantries of any kind stacked at the very end are closers
            stacked = len(run) >= 3 and (len(set(kinds)) == 1 or kinds.count("closer") >= 3
                                         or (trailing and kinds.count("closer") >= 2))
            if stacked:
                start, end = run[1].start_char, run[-1].end_char
                while end > start and analysis.text[end - 1].isspace():
                    end -= 1
                back = start
                while back > 0 and analysis.text[back - 1] in " \t":
                    back -= 1
                seen.add((start, end))
                yield Hit(start, end, message=self.message.format(n=len(run)),
                          suggestions=[suggestion(Edit(back, end, ""), "Keep only the first", safe=False)])
            run, kinds = [], []
        yield from (h for h in self._closing_clauses(analysis) if (h.start, h.end) not in seen)

    def _closing_clauses(self, analysis: "Analysis") -> Iterable[Hit]:
        """Closers packed into fewer sentences: "Thanks again for your patience, and have a great day!"."""
        sents = _body_sentences(analysis)
        if not sents or not any(w in sents[-1].text.lower() for w in _CLOSER_HINTS):
            return  # the reply doesn't end on a pleasantry
        closers: list[tuple[int, int]] = []  # closing clauses at the end of the reply, in order
        whole = 0  # how many of the closing sentences are one stock line each
        for sent in reversed(sents):
            text = re.sub(r"\s*[\^/~*-]+\s*[A-Z][A-Za-z]{0,14}\s*$", "", sent.text.rstrip())  # "… ^JS", "… -Marco"
            text = re.sub(rf"[\s{_EMOJI}]+$", "", text)
            clauses = [(m.start(), m.end()) for m in re.finditer(rf"[^,;{_EMOJI}]+?(?=,? and |[,;] |\s*[{_EMOJI}]|$)", text)]
            clauses = [(a, b) for a, b in clauses if text[a:b].strip(" ,;")]
            if len(clauses) > 1 and all(_formula_kind(_clause(text[a:b])) in ("closer", "thanks", "offer")
                                        for a, b in clauses):
                closers = [(sent.start_char + a, sent.start_char + b) for a, b in clauses] + closers
            elif _formula_kind(text):
                closers.insert(0, (sent.start_char, sent.start_char + len(text)))
                whole += 1
            else:
                break
        if len(closers) < 3 or whole == len(closers):
            return  # none packed together: the sentence-level check above decides
        start, end = closers[1][0], closers[-1][1]
        while start < end and analysis.text[start] in " ,;":
            start += 1
        yield Hit(start, end, message=self.message.format(n=len(closers)))


_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF"  # an emoji between two closers ends the first


# One of these is in every closing line the formulas above know (a cheap pre-check).
_CLOSER_HINTS = ("thank", "hope", "let ", "feel free", "hesitate", "have a", "enjoy", "care", "here", "around", "wish",
                 "happy", "glad", "see you", "question", "anything", "something", "help", "appreciate", "stay", "safe",
                 "travels", "pleasure", "talk soon", "best", "come up", "comes up", "pop", "reach", "cheers")


# Every formula of a kind but "filler" (which is short) holds one of these.
_FORMULA_HINTS = _CLOSER_HINTS + ("sorry", "apolog", "regret", "hate", "frustrat", "annoy", "disappoint", "delighted", "pleased",
                                  "let me", "take a look", "have a look", "check")


def _clause(text: str) -> str:
    return re.sub(r"^(?:and|but|so)\s+", "", text.strip(" ,;"), flags=re.IGNORECASE)


class LongSentence(Rule):
    id = "CON005"
    name = "long-sentence"
    trait = "concise"
    severity = Severity.WARNING
    summary = "A sentence longer than the limit (default 40 words; option `max_words`)."
    why = "Long sentences bury the answer; customers skim. Split it where the idea changes."
    message = "This sentence has {n} words; split it (aim for {limit} or fewer)."
    defaults = {"max_words": 40}
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": _LONG_SENTENCE, "flagged": _LONG_SENTENCE},
        {"text": "Hi Dana! " + _LONG_SENTENCE.replace("bank.", "bank, so please keep an eye on it."),
         "flagged": _LONG_SENTENCE.replace("bank.", "bank, so please keep an eye on it.")},
        {"text": _LONG_SENTENCE, "settings": {"rules": {"CON005": {"max_words": 20}}}, "flagged": _LONG_SENTENCE},
    )
    good = examples(
        "Once we get the item back, we'll refund you. It takes five to seven business days to show up.",
        {"text": _LONG_SENTENCE, "settings": {"rules": {"CON005": {"max_words": 60}}}},
        "Steps: open Settings, tap Billing, tap Cards, tap Add, enter the number, the expiry, the code, "
        "the name, the address, the city, the zip, then tap Save.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        limit = int(rc.options.get("max_words", 40))
        if analysis.text.count(" ") < limit:
            return  # the whole reply is shorter than the limit
        for sent in _body_sentences(analysis):
            n = _words(sent)
            if sent.text.count(">") + sent.text.count("→") >= 2:
                continue  # a menu path ("Settings > Billing > Cards") reads as steps
            steps = sum(sent.text.count(c) for c in ",;")
            if n > limit and steps < n / 4:  # a list of steps or a menu path is not a run-on
                end = sent.end_char
                while end > sent.start_char and analysis.text[end - 1].isspace():
                    end -= 1
                first = next((t for t in sent if not (t.text.startswith("@") or t.is_space)), sent[0])
                yield Hit(first.idx, end, message=self.message.format(n=n, limit=limit))


_RESTATE = re.compile(
    r"^(?:(?:hi|hello|hey)\b[^,.!]{0,30}[,.!]\s*)?(?:i (?:understand|see|gather) (?:that )?you(?:'re| are)? \w+"
    r"|you(?:'re| are) (?:asking|wondering|writing in|reaching out) (?:whether|if|about|because|to ask|regarding)"
    r"|(?:thanks|thank you) for (?:your (?:message|email|question|note)|reaching out|writing in) (?:asking|about|regarding) (?:whether|if)"
    r"|as i understand it, you"
    r"|(?:great|good) question (?:about|on|regarding) (?:whether|if|how|why|what|when|where))\b"
    # "sounds like since the storm you've had no signal and you're wondering what's going on"
    r"|\byou(?:'re| are)? (?:(?:just )?wondering|want(?:ing)? to know|would like to know|'d like to know)"
    r" (?:whether|if|how|why|what|when|where|about)\b"
    r"|\b(?<!if )(?<!in case )(?:now )?wondering (?:whether|if)\b"
    r"|^(?:@\w+\s+)*(?:so,? )?(?:it )?(?:sounds|seems) like you(?:'ve| have| are|'re)?\b(?=[^.!?]{80,})"
    r"|^(?:@\w+\s+)*so,? you(?:'re| are) saying\b"
    r"|^(?:@\w+\s+)*if i understand (?:correctly|right|you correctly),? you\b",
    re.IGNORECASE,
)


_CONFIRM = re.compile(r"^(?:correct|right|is that (?:right|correct)|did i get that right|am i right)\b", re.IGNORECASE)


class RestatedQuestion(Rule):
    id = "CON006"
    name = "restated-question"
    trait = "concise"
    severity = Severity.WARNING
    summary = "Restating the customer's question at length before answering (“I understand that you are having an issue with…”)."
    why = "The customer knows what they asked; repeating it back at length delays the answer."
    message = "Skip restating the question ({n} words); answer it."
    defaults = {"min_words": 14}
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": "I understand that you are having an issue with the app crashing every time you open the camera on your new phone. Update to 6.2 and it will stop.",
         "flagged": "I understand that you are having an issue with the app crashing every time you open the camera on your new phone."},
        {"text": "You're asking whether a gift card can be used to pay for items that are on sale when you check out on our website. Yes, it can.",
         "flagged": "You're asking whether a gift card can be used to pay for items that are on sale when you check out on our website."},
        {"text": "Hi Kenji, thanks for your message asking whether we ship to Canada and how much shipping to Canada would cost for your order. Yes, we do!",
         "flagged": "thanks for your message asking whether we ship to Canada and how much shipping to Canada would cost for your order."},
    )
    good = examples(
        "I understand your frustration. I've refunded the charge.",
        "I understand you're having trouble logging in. Let's reset it.",
        "You're asking the right question! Yes, roaming is included.",
        "You're asking whether a gift card can be used to pay for items that are on sale when you check out online. Correct?",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        min_words = int(rc.options.get("min_words", 14))
        sents = _body_sentences(analysis)
        for i, sent in enumerate(sents[:3]):
            m = _RESTATE.search(sent.text)
            if not m or _words(sent) < min_words:
                continue
            after = sents[i + 1].text if i + 1 < len(sents) else ""
            if _CONFIRM.match(after.strip()):
                continue  # restating to check understanding ("…, correct?") is a clarifying question
            if m.start() > 0 and re.search(r"(?i)\b(?:if|in case|whether)\s+$", sent.text[:m.start()]):
                continue  # "In case you're wondering why the bill is higher, it's the prorated May charge."
            lead = re.match(r"(?:@\w+\s+)*(?:(?:hi|hello|hey)\b[^,.!]{0,30}[,.!]\s*)?", sent.text, re.IGNORECASE)
            start = sent.start_char + (lead.end() if lead else 0)
            end = sent.start_char + len(sent.text.rstrip())
            yield Hit(start, end, message=self.message.format(n=_words(sent)))


# Words that carry no part of an answer: thanks, empathy, praise for the question, offers of
# help. A sentence made of these (plus stop words, names and handles) is social padding.
_SOCIAL = frozenset("""
thank thanks appreciate appreciated appreciating appreciation reaching reach reached out contact
contacting contacted touch writing message messages email e-mail note question questions query
asking asked ask great good wonderful fantastic awesome lovely amazing smart excellent brilliant
understand understanding understood frustration frustrating frustrated upset annoyed annoying
disappointing disappointed inconvenience sorry apologize apologise apologies apology hear hearing
heard glad happy delighted pleased help helping helped assist assisting assistance time taking
took today patience patient totally completely absolutely certainly definitely truly sincerely
deeply lot people customer customers know want sure feel feeling feelings experience concern
concerns matters important valued value choosing choose chose support team step way hope hoping
day week morning afternoon evening thing things reason upsetting stressful hard situation
frustrations worry worries completely entirely earlier first share sharing bringing attention
loyal loyalty pleasure honor honored glad see why understandable course love loving
welcome welcoming place connected connect connecting looking rest conversation chat chatting started start
tweet tweeting community part family touching kind words smile ton tons bunch come came
chance opportunity giving give care social found weekend wonder wondering plenty common write
getting means mean meant huge following follow follows followed drop dropping read reading every single whole
fam like always
""".split())

# A sentence that announces the answer is finally coming: what precedes it was preamble.
_PIVOT = re.compile(
    r"^(?:(?:so|now|okay|ok|anyway|alright),? )?(?:to (?:answer|address|get to) your (?:question|query|request|concern)"
    r"|(?:as for|regarding|coming (?:back )?to|getting (?:back )?to|on to|onto) your (?:actual )?(?:question|query)"
    r"|here(?:'s| is) the (?:short )?answer|the (?:short )?answer (?:to your question )?is"
    r"|(?:now|so|okay|ok),? (?:about|as for|regarding|on to|onto|back to) (?:that|the|your) \w+(?: \w+)?\s*[:,-])",
    re.IGNORECASE,
)


_BRANDED = re.compile(r"(?i)\b(?:thank|thanks|welcome|contacting|choosing|reaching out to|part of)\b")


def _is_padding(words: list[tuple[str, bool]]) -> bool:
    """``words`` are (lowercase, is_stop) pairs; a sentence of twenty words or more may hold one content
    word, of thirty or more two."""
    content = sum(1 for w, stop in words if not stop and w not in _SOCIAL)
    return content <= (0 if len(words) < 20 else 1 if len(words) < 30 else 2)


# A windup holds one of these near the top (a cheap pre-check before the per-token work).
_WINDUP_HINTS = ("thank", "apprecia", "understand", "sorry", "glad", "happy", "welcome", "question", "hope", "pleasure",
                 "love", "know how", "experience", "frustrat", "hear", "answer", "about that", "about the", "about your",
                 "as for", "regarding", "onto", "on to", "back to", "believe", "value", "matter", "care", "want you to")


class Windup(Rule):
    id = "CON007"
    name = "windup"
    trait = "concise"
    severity = Severity.WARNING
    summary = "A long windup of thanks, empathy or preamble before the answer starts."
    why = "The customer reads from the top; twenty words of pleasantries push the answer down. One short warm line is plenty."
    message = "{n} words before the answer starts; keep one short line and get to it."
    defaults = {"min_words": 20}
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": "I completely understand how frustrating this must be, and I truly appreciate your patience while we look into it for you. Your card was charged twice, so I've refunded the $12.",
         "flagged": "I completely understand how frustrating this must be, and I truly appreciate your patience while we look into it for you."},
        {"text": "Hi Omar, thank you so much for taking the time to reach out to us today, we really appreciate you getting in touch! The code is SPRING5.",
         "flagged": "thank you so much for taking the time to reach out to us today, we really appreciate you getting in touch!"},
        {"text": "Hello Lena,\n\nOur company was founded on the idea that every traveler deserves a smooth trip, and we take every message seriously. To answer your question, yes, the lounge is open until 11 pm.\n\nBest,\nAmir",
         "flagged": "Our company was founded on the idea that every traveler deserves a smooth trip, and we take every message seriously."},
    )
    good = examples(
        "Thanks for reaching out! Your code is SPRING5.",
        "I'm sorry about the double charge, I know that's frustrating. I've refunded the $12 and it'll show in 3 days.",
        "Great question! Yes, roaming is included in 40 countries.",
        "Thank you so much for the kind words, we really appreciate you taking the time to tell us! I'll share it with the whole team today.",
        "To answer your question, yes: the lounge is open until 11 pm.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        min_words = int(rc.options.get("min_words", 20))
        head = analysis.lower[:400]
        if not any(w in head for w in _WINDUP_HINTS):
            return  # no thanks, empathy, welcome or pivot near the top: nothing to wind up
        skip = [(r.start, r.end) for r in analysis.source.regions if r.kind in ("greeting", "handle")]
        body: list[tuple["Span", list, bool]] = []
        for sent in _body_sentences(analysis):
            # "Thank you for contacting Acme Health Support": the company's name is part of the formula
            # "at Riverbend Veterinary", "our PeakFit fam": a name inside a pleasantry is not content
            branded = bool(_BRANDED.search(sent.text)) or any(t.lower_ in _SOCIAL for t in sent)
            first = next((t.i for t in sent if t.is_alpha and not any(a <= t.idx < b for a, b in skip)), sent.start)
            toks = [t for t in sent if (t.is_alpha or t.like_num) and not any(a <= t.idx < b for a, b in skip)
                    and not (branded and t.text[0].isupper() and t.i > first and not t.is_stop)]
            if not toks:
                continue
            # a link, a question or an ask to DM is part of the answer, never padding
            points = (sent.text.rstrip().endswith("?") or any(t.lower_ == "dm" for t in toks)
                      or any(r.kind in ("url", "email") and sent.start_char <= r.start < sent.end_char
                             for r in analysis.source.regions))
            body.append((sent, toks, points))
        pivot = next((i for i, s in enumerate(b[0] for b in body[:5]) if _PIVOT.match(s.text.strip())), None)
        if pivot:
            run = body[:pivot]  # everything before "To answer your question, …" was preamble
        else:
            n = 0
            while n < len(body) and not body[n][2] and _is_padding([(t.lower_, t.is_stop) for t in body[n][1]]):
                n += 1
            if n == len(body):
                return  # nothing but pleasantries: a thank-you note, not a delayed answer
            run = body[:n]
        words = sum(len(toks) for _, toks, _ in run)
        if not run or words < (min_words * 3 // 5 if pivot else min_words):
            return  # an explicit pivot ("Now, about that skin:") marks a shorter preamble too
        end = run[-1][0].start_char + len(run[-1][0].text.rstrip())
        yield Hit(run[0][1][0].idx, end, message=self.message.format(n=words))


# Hedges and intensifiers that add no meaning; one is voice, three in a sentence is padding.
_HEDGES = re.compile(
    r"\b(?:honestly|literally|totally|definitely|really|truly|genuinely|actually|basically|simply|absolutely|"
    r"certainly|obviously|essentially|frankly|seriously|pretty much|sort of|more or less|the thing is|give or take|"
    r"to be honest|"
    r"(?<!what )(?<!this )(?<!that )(?<!the )(?<!a )(?<!any )(?<!some )(?<!which )(?<!every )kind of)\b",
    re.IGNORECASE,
)


class HedgePile(Rule):
    id = "CON008"
    name = "hedge-pile"
    trait = "concise"
    severity = Severity.WARNING
    summary = "Three or more hedges or intensifiers in one sentence (“honestly”, “literally”, “pretty much”, “sort of”)."
    why = "One “really” is warmth; three in a sentence is noise the customer reads past, and hedges make a clear answer sound unsure."
    message = "{n} hedges in one sentence ({words}); cut them and say it straight."
    scope = WHOLE_TEXT_SCOPE
    bad = examples(
        {"text": "Honestly, it's literally the best seller, so we totally get it! Size M is back Friday.",
         "flagged": "Honestly, it's literally the best seller, so we totally get it!"},
        {"text": "What you'll want to do, more or less, is pretty much fill in the form, and we'll sort of take it from there.",
         "flagged": "What you'll want to do, more or less, is pretty much fill in the form, and we'll sort of take it from there."},
        {"text": "I'm truly, genuinely, deeply sorry, and I really do want to fix this. I've refunded it.",
         "flagged": "I'm truly, genuinely, deeply sorry, and I really do want to fix this."},
    )
    good = examples(
        "I'm really sorry about the wait. I've refunded the fee.",
        "What kind of phone do you have? That kind of error usually means the cache is full.",
        "Honestly, the fastest fix is a reinstall. It takes two minutes.",
        "Actually, you don't need to do anything: the refund is automatic.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        for sent in _body_sentences(analysis):
            found = [m.group().lower() for m in _HEDGES.finditer(sent.text)]
            repeated = max((found.count(h) for h in found), default=0) >= 3  # "actually … actually … actually"
            if (len(set(found)) >= 3 or repeated) and _words(sent) <= 45:
                start = next((t.idx for t in sent if not (t.text.startswith("@") or t.is_space)), sent.start_char)
                end = sent.start_char + len(sent.text.rstrip())
                yield Hit(start, end, message=self.message.format(n=len(found), words=", ".join(dict.fromkeys(found))))
