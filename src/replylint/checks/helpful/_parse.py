"""Helpers over spaCy's parse that HLP001 and HLP002 share: token lookup, predicate, subject, conditions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _token_at(doc: "Doc", char: int) -> "Token | None":
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok) or tok.idx >= char:
            return tok
    return None


def _predicate(tok: "Token") -> "Token | None":
    """The verb (or predicate adjective's copula) a fix word belongs to."""
    cur = tok
    if cur.dep_ in ("aux", "auxpass") and cur.head.i != cur.i:
        cur = cur.head  # "will be ready": the predicate is "be", where the subject hangs
    for _ in range(3):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        if cur.dep_ in ("acomp", "advmod", "prt", "dobj", "prep", "attr", "xcomp", "npadvmod", "pobj", "compound", "amod") and cur.head.i != cur.i:
            cur = cur.head
        else:
            return cur
    return cur


_CONDITION_MARKS = ("if", "unless", "until", "whether", "once", "when", "before", "after", "since")


def _in_condition(tok: "Token", marks: tuple[str, ...] = _CONDITION_MARKS) -> bool:
    for anc in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in marks for c in anc.children):
            return True
        if anc.dep_ in ("advcl", "ccomp", "relcl") and any(c.lower_ in ("if", "unless", "whether") for c in anc.children):
            return True
    return False


def _subject(pred: "Token") -> "Token | None":
    cur = pred
    for _ in range(3):
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass", "expl"):
                return c
        if cur.dep_ in ("xcomp", "acomp", "conj", "attr") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return None
