"""Helpers the customer_focused rules share: sentence splitting once per reply, word gates, patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...rule import RuleContext

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ...nlp import Analysis


_A = "['’]"  # straight or curly apostrophe
# A negated auxiliary: don't, doesn't, didn't, can't, cannot, won't, will not, isn't, aren't ...
_NEG = (
    rf"(?:do ?n{_A}?t|do not|does ?n{_A}?t|does not|did ?n{_A}?t|did not|ca ?n{_A}?t|cannot|can not|"
    rf"wo ?n{_A}?t|will not|is ?n{_A}?t|is not|are ?n{_A}?t|are not|was ?n{_A}?t|was not|were ?n{_A}?t|were not)"
)
_I_AM = rf"(?:i{_A}m|i am)"
_WE_ARE = rf"(?:we{_A}re|we are)"


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# The words of a sentence for the gates: runs of letters and digits ("don't" is "don" + "t",
# "read-only" is "read" + "only"). A regex over the text is ~30x cheaper than walking spaCy tokens.
_WORD = re.compile(r"[^\W_]+")


class _Sent:
    """One sentence as the rules here read it: offsets, text, lower-case text and its token set."""

    __slots__ = ("low", "span", "start", "text", "toks")

    def __init__(self, span: "Span", text: str) -> None:
        self.start = span.start_char
        self.text = text[span.start_char : span.end_char]
        self.low = self.text.lower()
        self.toks = frozenset(_WORD.findall(self.low))
        self.span = span


_LAST: tuple[object, list[_Sent], dict[str, object]] = (None, [], {})


def _reply(analysis: "Analysis") -> tuple[list[_Sent], dict[str, object]]:
    """The reply's sentences and a memo, built once and shared by the six rules.

    A one-reply cache: rules run one reply at a time, and the tuple is swapped whole, so a
    reader never sees another reply's sentences.
    """
    global _LAST
    last = _LAST
    if last[0] is analysis:
        return last[1], last[2]
    text = analysis.text
    out = [_Sent(sent, text) for sent in analysis.sents]
    memo: dict[str, object] = {}
    _LAST = (analysis, out, memo)
    return out, memo


def _sents(analysis: "Analysis") -> list[_Sent]:
    return _reply(analysis)[0]


class _Gate:
    """A regex behind a token test: it runs only on sentences holding one key word of each group.

    Python's ``re`` tries every branch of a big alternation at every position, so sixty patterns
    over every sentence would cost milliseconds; a set test on the sentence's tokens costs well
    under a microsecond. ``keys`` is "a b&c d": (a or b) and (c or d), words in lower case as
    ``_WORD`` splits them ("don't" is "don" + "t"); a matching text must hold one of each group.
    """

    __slots__ = ("exact", "groups", "rx")

    def __init__(self, keys: str, pattern: str, case: bool = False, exact: bool = True) -> None:
        self.groups = tuple(frozenset(g.split()) for g in keys.split("&"))
        self.rx = re.compile(pattern, 0 if case else re.IGNORECASE)
        # exact: the keys only skip work. Not exact: the keys are a cue the rule requires anyway
        # (a bare "ENG-4410" counts only next to a tracker or developer word).
        self.exact = exact

    def ready(self, toks: frozenset[str]) -> bool:
        return all(not toks.isdisjoint(g) for g in self.groups)

    def finditer(self, sent: _Sent) -> Iterator[re.Match[str]]:
        if self.ready(sent.toks):
            yield from self.rx.finditer(sent.text)


class _GateSet:
    """Many gates, indexed by the words of their first key group: a sentence only tries the
    gates one of its tokens names, in list order."""

    def __init__(self, gates: list[_Gate]) -> None:
        self.gates = gates
        self.index: dict[str, list[int]] = {}
        for i, gate in enumerate(gates):
            for word in gate.groups[0]:
                self.index.setdefault(word, []).append(i)
        self.keys = frozenset(self.index)

    def matches(self, sent: _Sent) -> Iterator[tuple[int, re.Match[str]]]:
        index = self.index
        hits = sent.toks & self.keys
        if not hits:
            return
        found = {i for tok in hits for i in index[tok]}
        for i in sorted(found):
            gate = self.gates[i]
            if all(not sent.toks.isdisjoint(g) for g in gate.groups[1:]):
                for m in gate.rx.finditer(sent.text):
                    yield i, m


_NEG_TOKS = "t not cannot never no unable dont cant wont doesnt didnt isnt arent"


def _customer_mentions(rc: RuleContext, word: str) -> bool:
    """The name is the customer's own topic: their message names it, or it is the product we support
    (context metadata ``brand`` or ``agent``, e.g. a Zendesk agent talking about Zendesk)."""
    msg = rc.context.customer_message or ""
    if msg and re.search(rf"\b{re.escape(word)}\b", msg, re.IGNORECASE):
        return True
    meta = rc.context.metadata or {}
    brand = " ".join(str(meta.get(k) or "") for k in ("brand", "agent", "product")).lower().replace(" ", "")
    return bool(brand) and word.lower().replace(" ", "") in brand
