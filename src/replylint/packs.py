"""Rules as data: TOML packs of phrase, token-pattern and regex rules.

A pack is one ``.toml`` file with ``[[rule]]`` tables (see docs/writing-rules.md).
Three kinds, after Vale's existence/substitution checks:

- ``phrase``: a list of phrases (``phrases``) or phrase → replacement pairs
  (``swap``), matched case-insensitively on tokens by spaCy's PhraseMatcher;
- ``pattern``: spaCy Matcher token patterns; patterns that use LEMMA/POS/TAG
  need the tagger and run only on sentences holding a ``trigger`` word;
- ``regex``: a Python regular expression over the text.

Every kind takes ``unless`` (regexes that, when they match the sentence
around a hit, cancel it: LanguageTool's antipatterns) and examples.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Severity
from .fixes import deletion_edit, replacement_edit, suggestion
from .rule import Example, Hit, Rule, RuleContext, RuleError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .nlp import Analysis

_RULE_KEYS = {
    "id", "name", "trait", "kind", "severity", "summary", "why", "message", "title",
    "action", "fix", "phrases", "swap", "patterns", "regex", "ignorecase", "replacement",
    "unless", "scope", "preview", "confidence", "needs", "trigger", "bad", "good", "english_only", "hints",
}
_TAG_KEYS = {"LEMMA", "POS", "TAG", "DEP", "MORPH", "ENT_TYPE"}


class PackRule(Rule):
    """Shared behaviour of the data-driven rule kinds."""

    kind = ""

    def __init__(self, spec: dict[str, Any], origin: str, default_trait: str | None,
                 pack: dict[str, Any] | None = None) -> None:
        where = f"{origin}: rule {spec.get('id', '?')}"
        unknown = set(spec) - _RULE_KEYS
        if unknown:
            raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        self.origin = origin
        self.id = str(spec.get("id", ""))  # type: ignore[misc]
        self.name = str(spec.get("name", ""))  # type: ignore[misc]
        self.trait = str(spec.get("trait", default_trait or ""))  # type: ignore[misc]
        try:
            self.severity = Severity(spec.get("severity", "warning"))
        except ValueError:
            raise RuleError(f"{where}: severity must be error, warning or info") from None
        self.summary = spec.get("summary", "")
        self.why = spec.get("why", "")
        self.message = spec.get("message", "")
        self.fix_title = spec.get("title", "")
        self.action = spec.get("action", "none")
        if self.action not in {"delete", "replace", "none"}:
            raise RuleError(f"{where}: action must be delete, replace or none")
        self.fix = spec.get("fix", "unsafe" if self.action != "none" else "none")
        if self.fix not in {"safe", "unsafe", "none"}:
            raise RuleError(f"{where}: fix must be safe, unsafe or none")
        self.replacement = spec.get("replacement")
        self.unless = [re.compile(p, re.IGNORECASE) for p in spec.get("unless", [])]
        self.scope = frozenset(spec.get("scope", ["body"]))
        self.preview = bool(spec.get("preview", False))
        self.english_only = bool(spec.get("english_only", (pack or {}).get("english_only", True)))
        self.confidence = float(spec.get("confidence", 1.0))
        self.needs = spec.get("needs", "tokens")
        self.trigger = " ".join(spec.get("trigger", [])) if isinstance(spec.get("trigger"), list) else spec.get("trigger", "")
        self.bad = tuple(Example.parse(e, where) for e in spec.get("bad", []))
        self.good = tuple(Example.parse(e, where) for e in spec.get("good", []))

    # A hit's sentence, for ``unless`` checks.
    def _cancelled(self, analysis: "Analysis", start: int, end: int) -> bool:
        if not self.unless:
            return False
        span = analysis.doc.char_span(start, end, alignment_mode="expand")
        sent = span.sent if span is not None and len(span) else None
        window = sent.text if sent is not None else analysis.text
        return any(p.search(window) for p in self.unless)

    def make_hit(self, analysis: "Analysis", start: int, end: int, replacement: str | None) -> Hit | None:
        if self._cancelled(analysis, start, end):
            return None
        text = analysis.text
        matched = text[start:end]
        suggestions = []
        if self.fix != "none":
            safe = self.fix == "safe"
            if self.action == "delete" or replacement == "":
                edit = deletion_edit(text, start, end)
                title = self.fix_title or "Delete it"
                suggestions.append(suggestion(edit, title.format(match=matched), safe))
            elif replacement is not None:
                edit = replacement_edit(text, start, end, replacement)
                title = self.fix_title or "Replace with “{replacement}”"
                suggestions.append(
                    suggestion(edit, title.format(match=matched, replacement=edit.replacement), safe)
                )
        message = self.message.format(match=matched, replacement=replacement or "")
        return Hit(start, end, message=message, suggestions=suggestions)

    def register(self, bank: "MatcherBank") -> None:
        """Add this rule's stage-one patterns to the shared matchers."""


class PhraseRule(PackRule):
    kind = "phrase"

    def __init__(self, spec: dict[str, Any], origin: str, default_trait: str | None,
                 pack: dict[str, Any] | None = None) -> None:
        super().__init__(spec, origin, default_trait, pack)
        swap = spec.get("swap")
        phrases = spec.get("phrases")
        if bool(swap) == bool(phrases):
            raise RuleError(f"{origin}: rule {self.id}: a phrase rule needs 'phrases' or 'swap' (one of them)")
        if swap:
            odd = [k for k, v in swap.items() if not isinstance(v, str)]
            if odd:
                raise RuleError(
                    f"{origin}: rule {self.id}: swap values must be strings, not {odd!r} "
                    "(a key written after [rule.swap] belongs to the swap table)"
                )
            self.items: list[tuple[str, str | None]] = [(k, v) for k, v in swap.items()]
            if self.action == "none":
                self.action = "replace"
                if self.fix == "none":
                    self.fix = "unsafe"
        else:
            self.items = [(p, self.replacement) for p in phrases]

    def register(self, bank: "MatcherBank") -> None:
        bank.add_phrases(self.id, [p for p, _ in self.items])

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        for start, end, idx in analysis.matches.get(self.id, []):
            phrase = self.items[idx][0]
            if " " not in phrase and any(c.isspace() for c in analysis.text[start:end]):
                continue  # "youre" must not match the tokens of "you re-rate"
            hit = self.make_hit(analysis, start, end, self.items[idx][1])
            if hit:
                yield hit


class PatternRule(PackRule):
    kind = "pattern"

    def __init__(self, spec: dict[str, Any], origin: str, default_trait: str | None,
                 pack: dict[str, Any] | None = None) -> None:
        super().__init__(spec, origin, default_trait, pack)
        self.patterns: list[list[dict[str, Any]]] = spec.get("patterns") or []
        if not self.patterns:
            raise RuleError(f"{origin}: rule {self.id}: a pattern rule needs 'patterns'")
        uses_tags = any(set(tok) & _TAG_KEYS for pat in self.patterns for tok in pat)
        if uses_tags and self.needs == "tokens":
            self.needs = "lemmas"
        self._triggers = set(self.trigger.lower().split())
        self._own_matcher = None

    def register(self, bank: "MatcherBank") -> None:
        if self.needs == "tokens":
            bank.add_patterns(self.id, self.patterns)

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if self.needs == "tokens":
            found = analysis.matches.get(self.id, [])
        else:
            found = list(self._stage_two(analysis))
        for start, end, _ in found:
            hit = self.make_hit(analysis, start, end, self.replacement)
            if hit:
                yield hit

    def _stage_two(self, analysis: "Analysis") -> Iterator[tuple[int, int, int]]:
        from spacy.matcher import Matcher
        from spacy.util import filter_spans

        from .nlp import load_pipeline

        if self._own_matcher is None:
            self._own_matcher = Matcher(load_pipeline().vocab)
            self._own_matcher.add(self.id, self.patterns)
        for sent in self.sentences_with(analysis, self._triggers):
            sdoc = analysis.parsed(sent, self.needs)
            spans = filter_spans([sdoc[s:e] for _, s, e in self._own_matcher(sdoc)])
            for span in spans:
                yield sent.start_char + span.start_char, sent.start_char + span.end_char, 0


class RegexRule(PackRule):
    kind = "regex"

    def __init__(self, spec: dict[str, Any], origin: str, default_trait: str | None,
                 pack: dict[str, Any] | None = None) -> None:
        super().__init__(spec, origin, default_trait, pack)
        flags = re.IGNORECASE if spec.get("ignorecase", True) else 0
        try:
            self.regex = re.compile(spec.get("regex", ""), flags)
        except re.error as exc:
            raise RuleError(f"{origin}: rule {self.id}: bad regex: {exc}") from None
        if not spec.get("regex"):
            raise RuleError(f"{origin}: rule {self.id}: a regex rule needs 'regex'")
        # Lower-case substrings one of which every match contains: the engine runs the rule only when one is present.
        self.hints = tuple(h.lower() for h in spec.get("hints", []))

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        for m in self.regex.finditer(analysis.text):
            if m.end() == m.start():
                continue
            repl = m.expand(self.replacement) if self.replacement is not None else None
            hit = self.make_hit(analysis, m.start(), m.end(), repl)
            if hit:
                yield hit


KINDS: dict[str, type[PackRule]] = {"phrase": PhraseRule, "pattern": PatternRule, "regex": RegexRule}


class HintIndex:
    """Every regex rule's hints in one Aho-Corasick automaton (pyahocorasick).

    Testing each rule's hints with ``in`` costs a Python loop per rule and reply; one pass of
    the automaton over the lower-cased reply finds every hint present at once.
    """

    def __init__(self, hints: Iterable[str]) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for hint in set(hints):
            if hint:
                self._automaton.add_word(hint, hint)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def present(self, lower: str) -> frozenset[str]:
        if self._empty:
            return frozenset()
        return frozenset(hint for _, hint in self._automaton.iter(lower))


class MatcherBank:
    """One PhraseMatcher and one Matcher for every pack rule: one pass per reply."""

    def __init__(self) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        from .nlp import load_pipeline

        nlp = load_pipeline()
        self._nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        self._keys: dict[int, tuple[str, int]] = {}
        self.empty = True

    def _key(self, rule_id: str, index: int) -> str:
        key = f"{rule_id}#{index}"
        self._keys[self._nlp.vocab.strings.add(key)] = (rule_id, index)
        return key

    def add_phrases(self, rule_id: str, phrases: list[str]) -> None:
        for i, phrase in enumerate(phrases):
            self.phrases.add(self._key(rule_id, i), [self._nlp.make_doc(phrase)])
        self.empty = False

    def add_patterns(self, rule_id: str, patterns: list[list[dict[str, Any]]]) -> None:
        for i, pattern in enumerate(patterns):
            self.tokens.add(self._key(rule_id, i), [pattern])
        self.empty = False

    def __call__(self, doc: "Doc") -> dict[str, list[tuple[int, int, int]]]:
        """Char spans per rule id, longest match first when two overlap."""
        if self.empty:
            return {}
        raw = list(self.phrases(doc)) if len(self.phrases) else []
        if len(self.tokens):
            raw += list(self.tokens(doc))
        by_rule: dict[str, list[tuple[int, int, int]]] = {}
        for match_id, s, e in raw:
            rule_id, index = self._keys[match_id]
            by_rule.setdefault(rule_id, []).append((s, e, index))
        out: dict[str, list[tuple[int, int, int]]] = {}
        for rule_id, matches in by_rule.items():
            matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
            kept: list[tuple[int, int, int]] = []
            for s, e, i in matches:
                if all(e <= ks or s >= ke for ks, ke, _ in kept):
                    kept.append((s, e, i))
            kept.sort()
            out[rule_id] = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), i) for s, e, i in kept]
        return out


def load_pack(path: Path) -> list[PackRule]:
    """Read one TOML pack; raise RuleError with the file name on any problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - {"pack", "rule"}
    if unknown:
        raise RuleError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))} (use [pack] and [[rule]])")
    pack = data.get("pack", {})
    unknown_pack = set(pack) - {"trait", "english_only"}
    if unknown_pack:
        raise RuleError(f"{path}: unknown [pack] key(s) {', '.join(sorted(unknown_pack))} (use trait, english_only)")
    default_trait = pack.get("trait")
    rules = []
    for spec in data.get("rule", []):
        kind = spec.get("kind", "phrase")
        cls = KINDS.get(kind)
        if cls is None:
            raise RuleError(f"{path}: rule {spec.get('id', '?')}: kind must be one of {', '.join(KINDS)}")
        rule = cls(spec, origin=str(path.name), default_trait=default_trait, pack=pack)
        rule.validate()
        rules.append(rule)
    return rules


def load_pack_dir(folder: Path) -> list[PackRule]:
    """Every ``*.toml`` pack in a folder, in name order."""
    if not folder.is_dir():
        raise RuleError(f"rule pack folder not found: {folder}")
    rules: list[PackRule] = []
    for path in sorted(folder.glob("*.toml")):
        rules.extend(load_pack(path))
    return rules
