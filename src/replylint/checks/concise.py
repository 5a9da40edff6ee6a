"""concise — get to the point: stacked pleasantries, overlong sentences, restating the question."""

from __future__ import annotations

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
        r"^(?:and |so |again, )?(?:thank(?:s| you)(?: (?:so|very) much)?(?: again| also)?"
        r"(?: for (?:your|the|being|choosing|contacting|reaching|getting|writing|chatting|taking)\b[^.!?]*)?"
        r"|we appreciate (?:your|you)(?: \w+){0,4})\s*[.!]*$", re.IGNORECASE),
    "sorry": re.compile(
        r"^(?:(?:we(?:'re| are)|i(?:'m| am)) (?:so |very |really |truly |deeply )?sorry\b[^.!?]*"
        r"|(?:my |our )?(?:sincere |deepest )?apologies\b[^.!?]*"
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
        r"|feel free to (?:reach out|contact us|ask|get in touch|message us|dm us)\b[^.!?]*"
        r"|(?:please )?do(?:n't| not) hesitate\b[^.!?]*"
        r"|(?:is there )?anything else (?:i|we) can (?:help|assist|do)\b[^.!?]*|anything (?:else )?at all"
        r"|(?:i |we )?hope (?:this|that) helps\b[^.!?]*|i hope you (?:have|enjoy)\b[^.!?]*"
        r"|have a (?:great|good|wonderful|nice|lovely|fantastic|awesome|blessed) (?:day|one|week|weekend|evening|night|afternoon|rest of\b[^.!?]*)"
        r"|enjoy (?:your|the rest of)\b[^.!?]*|take care|all the best|talk soon"
        r"|(?:i'm|i am|we're|we are) (?:always )?(?:happy|glad) to help\b[^.!?]*"
        r"|thanks (?:again|for chatting)\b[^.!?]*|thank you for choosing\b[^.!?]*)"
        r"(?: and (?:thanks|thank you|take care|have a)[^.!?]*)?\s*[.!?]*$",
        re.IGNORECASE),
}


def _formula_kind(sentence: str) -> str | None:
    text = re.sub(r"^(?:[@#]\w+[\s,:]*)+", "", sentence.strip())
    text = re.sub(r"\s*[\^/~*-]+\s*[A-Z]{1,3}\s*$", "", text)  # tweet initials
    if not text or len(text.split()) > 14:
        return None
    for kind, regex in _FORMULAS.items():
        if regex.match(text):
            return kind
    return None


_LONG_SENTENCE = "Once we receive the returned item at our warehouse and our team has inspected it " \
    "to make sure that everything is in order, we will process your refund to the original " \
    "payment method, which usually takes between five and seven business days to appear on " \
    "your statement depending on your bank."


def _body_sentences(analysis: "Analysis") -> list["Span"]:
    stop = min([r.start for r in analysis.source.regions_of("quote", "signoff")] + [len(analysis.text)])
    return [s for s in analysis.doc.sents if s.end_char <= stop and s.text.strip()]


def _words(span: "Span") -> int:
    return sum(1 for t in span if t.is_alpha or t.like_num)


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
    )
    good = examples(
        "Your refund is done. Let me know if you have any other questions. Have a great day!",
        "Thanks for reaching out! Your code is WELCOME10.",
        "Sorry about that! I've fixed it. Thanks for your patience, and let me know if it happens again, since it would mean the cache is stuck.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        run: list[Span] = []
        kinds: list[str] = []
        for sent in _body_sentences(analysis) + [None]:  # type: ignore[list-item]
            kind = _formula_kind(sent.text) if sent is not None else None
            if kind is not None:
                run.append(sent)
                kinds.append(kind)
                continue
            stacked = len(run) >= 3 and (len(set(kinds)) == 1 or kinds.count("closer") >= 3)
            if stacked:
                start, end = run[1].start_char, run[-1].end_char
                while end > start and analysis.text[end - 1].isspace():
                    end -= 1
                back = start
                while back > 0 and analysis.text[back - 1] in " \t":
                    back -= 1
                yield Hit(start, end, message=self.message.format(n=len(run)),
                          suggestions=[suggestion(Edit(back, end, ""), "Keep only the first", safe=False)])
            run, kinds = [], []


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
    r"|as i understand it, you)\b",
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
            start = sent.start_char + m.start()
            greet = re.match(r"(?:hi|hello|hey)\b[^,.!]{0,30}[,.!]\s*", sent.text, re.IGNORECASE)
            if greet and m.start() == 0:
                start = sent.start_char + greet.end()
            end = sent.start_char + len(sent.text.rstrip())
            yield Hit(start, end, message=self.message.format(n=_words(sent)))
