"""responsible — if the customer is let down, it's our responsibility; never blame."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Edit, Severity
from ..fixes import suggestion
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..nlp import Analysis

# Stage one: a sentence goes to the parser only when it holds a blame word AND a third party.
BLAME_WORDS = {
    "messed", "screwed", "dropped", "botched", "goofed", "forgot", "forgotten", "lost",
    "mishandled", "misplaced", "mislabeled", "mislabelled", "misrouted", "wrong", "incorrect", "fault",
    "missed", "mess", "screw", "botch", "losing", "forgetting", "messing", "screwing", "missing", "broke", "broken",
}
PARTY_WORDS = {
    "team", "teams", "department", "dept", "agent", "agents", "rep", "reps", "representative", "colleague",
    "colleagues", "coworker", "coworkers", "engineer", "engineers", "engineering", "developer", "developers",
    "dev", "devs", "folks", "guys", "staff", "courier", "couriers", "carrier", "driver", "drivers", "warehouse",
    "partner", "partners", "vendor", "supplier", "contractor", "store", "branch", "technician", "tech",
    "techs", "manager", "supervisor", "associate", "employee", "crew", "ups", "fedex", "dhl", "usps", "billing",
    "admin", "someone", "somebody", "they", "he", "she", "airline", "bank", "processor", "manufacturer",
}
# Stage two: the parse must show a third party as the subject of a blame predicate.
PARTY_LEMMAS = {w.rstrip("s") for w in PARTY_WORDS} | {"folk", "guy", "staff", "ups", "dhl", "usps"}
BLAME_LEMMAS = {"mess", "screw", "botch", "goof", "forget", "lose", "mishandle", "misplace", "mislabel", "misroute", "miss",
                "break"}
# Verbs strong enough that a pronoun subject ("they messed it up") is blame too.
STRONG_LEMMAS = {"mess", "screw", "botch", "goof"}
THIRD_PERSON = {"they", "he", "she", "someone", "somebody"}
WRONG = {"wrong", "incorrect"}


def _is_party(tok: "Token", strong: bool = False) -> bool:
    if tok.pos_ == "PRON" or tok.lower_ in THIRD_PERSON:
        return strong and tok.lower_ in THIRD_PERSON
    words = {tok.lemma_.lower(), tok.lower_} | {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
    return bool(words & PARTY_LEMMAS) or bool(words & PARTY_WORDS)



def _blamed(verb: "Token") -> bool:
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if lemma in ("screw", "mess"):
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)  # "they screw in by hand" is assembly
    if lemma in BLAME_LEMMAS:
        return True
    if lemma == "drop":
        return any(c.dep_ == "dobj" and c.lemma_.lower() == "ball" for c in verb.children)
    if lemma in ("give", "send", "tell", "ship", "quote", "put", "list", "enter", "print", "post", "charge", "use"):
        return any(
            c.dep_ in ("dobj", "attr") and (any(a.lower_ in WRONG for a in c.children) or c.lower_ in WRONG)
            for c in verb.children
        )
    return False


class BlameOthers(Rule):
    id = "RSP002"
    name = "blame-others"
    trait = "responsible"
    severity = Severity.WARNING
    summary = "Blaming a colleague, another team or a partner (“our engineering team messed up”)."
    why = (
        "To the customer there is one company. Pointing at a colleague, a team or a courier reads as "
        "an excuse; owning it (“we got this wrong, here's the fix”) rebuilds trust."
    )
    message = "Don't blame others (“{passage}”); own it: “I'm sorry, we got this wrong.”"
    fix = "unsafe"
    needs = "parse"
    trigger = "a blame word (messed, dropped, lost, forgot, wrong, fault, …) and a team, colleague or partner word in one sentence"
    confidence = 0.8
    bad = examples(
        {"text": "Our engineering team messed up your order, sorry.", "flagged": "Our engineering team messed up",
         "fixed": "I'm sorry, we got this wrong."},
        {"text": "The previous agent gave you the wrong information about the refund.",
         "flagged": "The previous agent gave you the wrong information"},
        {"text": "Honestly the dev folks dropped the ball on this one.", "flagged": "the dev folks dropped the ball"},
        {"text": "It was the billing team's fault, not ours.", "flagged": "the billing team's fault"},
        {"text": "The courier lost your parcel again.", "flagged": "The courier lost"},
        {"text": "The billing folks must have missed it, so I've fixed it myself.", "flagged": "The billing folks must have missed"},
        {"text": "Honestly, they mess this up constantly.", "flagged": "they mess this up"},
        {"text": "Sorry, the warehouse crew keeps losing these.", "flagged": "the warehouse crew keeps losing"},
    )
    good = examples(
        "Our engineers fixed it last night, so it should work now.",
        "I messed up, sorry: it's fixed now and the refund is on its way.",
        "Something went wrong on our side; I've reissued the order.",
        "Our team hasn't lost a single parcel this year, and yours is safe.",
        "The courier has your parcel and it's out for delivery.",
        "They missed you by a minute, so the driver will come back tomorrow at 10am ET.",
        "I'm so sorry, your team losing a morning of work is a big deal. I've unlocked the workspace.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        for sent in analysis.sents:
            lowers = {t.lower_ for t in sent}
            if not (lowers & BLAME_WORDS and lowers & PARTY_WORDS):
                continue
            sdoc = analysis.parsed(sent, "parse")
            base = sent.start_char
            for tok in sdoc:
                span = self._blame_span(tok)
                if span is None:
                    continue
                start, end = base + span[0], base + span[1]
                edit = Edit(base, base + len(sent.text.rstrip()), "I'm sorry, we got this wrong.")
                yield Hit(
                    start, end,
                    message=self.message.format(passage=analysis.text[start:end]),
                    suggestions=[suggestion(edit, "Own it instead", safe=False)],
                )

    @staticmethod
    def _blame_span(tok: "Token") -> tuple[int, int] | None:
        # "<party>'s fault"
        if tok.lemma_.lower() == "fault":
            owners = [c for c in tok.children if c.dep_ == "poss" and _is_party(c)]
            if owners:
                return owners[0].left_edge.idx, tok.idx + len(tok)
            return None
        if tok.pos_ not in ("VERB", "AUX") or not _blamed(tok):
            return None
        if tok.tag_ == "VBG" and tok.dep_ != "xcomp" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            # "your team losing a morning of work is a big deal": a loss they suffered, named as a thing
            return None
        strong = tok.lemma_.lower() in STRONG_LEMMAS
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and _is_party(c, strong)]
        if not subjects and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("keep", "continue"):
            # "the warehouse crew keeps losing these": the blame sits on the habit
            subjects = [c for c in tok.head.children if c.dep_ == "nsubj" and _is_party(c, True)]
        if not subjects:
            return None
        end_tok = tok
        for c in tok.children:
            if c.dep_ == "prt" or (c.dep_ == "dobj" and c.lemma_.lower() == "ball"):
                end_tok = max(end_tok, c, key=lambda t: t.i)
            if c.dep_ in ("dobj", "attr") and (c.lower_ in WRONG or any(a.lower_ in WRONG for a in c.children)):
                end_tok = max(end_tok, c, key=lambda t: t.i)
        return subjects[0].left_edge.idx, end_tok.idx + len(end_tok)
