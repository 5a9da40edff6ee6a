"""The Linter: rules in, reports out. Every shell (CLI, audit, server) uses it."""

from __future__ import annotations

import hashlib
import re
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import __version__
from .config import ConfigError, Settings, build_settings, closest, find_config, read_config
from .context import Context
from .findings import Finding, Notice, Severity, fingerprint
from .fixes import apply_edits, chosen_edits
from .ingest import MASKED_KINDS, ROLE_KINDS, Source, ingest
from .backends.languagetool import RULE_PREFIX as LT_PREFIX
from .backends.languagetool import LanguageToolBackend
from .language import detect
from .nlp import Analysis, load_pipeline, split_sentences
from .packs import HintIndex, MatcherBank, PackRule
from .plugins import collect_rules, plugin_manager
from .report import Report
from .rule import Hit, Rule, RuleContext
from .scoring import overall_score, trait_scores, verdict
from .traits import BY_ID, PRECEDENCE, TRAIT_IDS

ReplyInput = str | tuple[str, Context | dict[str, Any] | None]


class InputError(ValueError):
    """A reply that cannot be checked: too long, or not text."""


class Linter:
    """Checks replies against the active rules.

    ``Linter()`` uses the built-in defaults (no config file is read);
    ``Linter.from_config(path)`` reads one; keyword overrides win over both.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        plugins: list[Any] | None = None,
        entry_points: bool = True,
        origins: dict[str, str] | None = None,
        **overrides: Any,
    ) -> None:
        if settings is None or overrides:
            base = settings.model_dump() if settings is not None else {}
            settings, origin = build_settings(base, overrides, file_label="settings")
            origins = {**(origins or {}), **{k: v for k, v in origin.items() if v == "override"}}
        self.settings: Settings = settings
        self.origins: dict[str, str] = origins or {k: "default" for k in Settings.model_fields}
        self._pm = plugin_manager(plugins, entry_points=entry_points)
        self.rules: list[Rule] = collect_rules(self._pm, settings)
        self.active: list[Rule] = self._select(self.rules)
        self._english_only = any(r.english_only for r in self.active)
        self._options = {r.id: {**r.defaults, **self.settings.rules.get(r.id, {})} for r in self.active}
        # What the per-reply loop reads of each rule, looked up once.
        self._plan = [(r, frozenset(r.hints), r.english_only, self._options[r.id]) for r in self.active]
        self._languagetool = self._backend()
        self._bank = MatcherBank()
        for rule in self.active:
            if isinstance(rule, PackRule):
                rule.register(self._bank)
        self._hints = HintIndex(h for r in self.active for h in r.hints)
        self.ruleset = self._ruleset_hash()
        terms = sorted((re.escape(t) for t in self.settings.vocabulary if t.strip()), key=len, reverse=True)
        self._vocab_regex = re.compile(r"(?<!\w)(?:" + "|".join(terms) + r")(?!\w)", re.IGNORECASE) if terms else None

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_config(cls, path: str | Path | None = None, **overrides: Any) -> "Linter":
        """Read ``path`` (or discover a config upward from the working directory)."""
        found = Path(path) if path is not None else find_config()
        file_data = read_config(found) if found else {}
        label = str(found) if found else "default"
        settings, origins = build_settings(file_data, overrides, file_label=label)
        return cls(settings, origins=origins)

    def _select(self, rules: list[Rule]) -> list[Rule]:
        s = self.settings
        names = {r.id for r in rules} | {r.name for r in rules} | set(TRAIT_IDS) | {"ALL"}
        for key in ("select", "ignore"):
            for token in getattr(s, key):
                if not self._known_token(token, rules):
                    hint = closest(token, sorted(names))
                    raise ConfigError(
                        f"{key}: {token!r} is not a rule id, rule-id prefix, rule name or trait"
                        + (f"; did you mean {hint!r}?" if hint else "")
                    )
        for rule_id in s.severity:
            if not any(r.id == rule_id for r in rules):
                hint = closest(rule_id, sorted(r.id for r in rules))
                raise ConfigError(
                    f"severity: unknown rule {rule_id!r}" + (f"; did you mean {hint!r}?" if hint else "")
                )
        for rule_id in s.rules:
            if not any(r.id == rule_id for r in rules):
                hint = closest(rule_id, sorted(r.id for r in rules))
                raise ConfigError(
                    f"rules: unknown rule {rule_id!r}" + (f"; did you mean {hint!r}?" if hint else "")
                )
        active = []
        for rule in rules:
            explicit = rule.id in s.select or rule.name in s.select
            if rule.preview and not (s.preview or explicit):
                continue
            if any(_matches(t, rule) for t in s.select) and not any(_matches(t, rule) for t in s.ignore):
                active.append(rule)
        return active

    @staticmethod
    def _known_token(token: str, rules: list[Rule]) -> bool:
        return (token == "ALL" or token in TRAIT_IDS or token == "LT" or token.startswith(LT_PREFIX)
                or any(_matches(token, r) for r in rules))

    def _backend(self) -> LanguageToolBackend | None:
        lt = self.settings.languagetool
        if not lt.enabled or "LT" in self.settings.ignore:
            return None
        return LanguageToolBackend(
            lt.url, lt.local, lt.language or self.settings.locale, lt.timeout, lt.retry_after, lt.disabled_rules
        )

    def _ruleset_hash(self) -> str:
        payload = {
            "version": __version__,
            "rules": [(r.id, r.origin, sorted(r.describe().items(), key=lambda kv: kv[0]).__repr__()) for r in self.active],
            "settings": self.settings.model_dump(mode="json"),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def warm_up(self) -> "Linter":
        """Load everything that is otherwise loaded on first need (the speller's index,
        word frequencies, the language identifier, the parser), so a server's first
        requests are as fast as the rest. Takes a few seconds; returns self."""
        from .language import _identifier
        from .spelling import speller, zipf

        speller()._index()
        zipf("the")
        _identifier()
        self.check("Hi Dana, we recieved your order and the courier lost it. Kindly check the colour, thanks!")
        return self

    # ------------------------------------------------------------------ checking

    def check(
        self,
        text: str,
        context: Context | dict[str, Any] | None = None,
        ignore: Iterable[str] | None = None,
    ) -> Report:
        """Check one reply. Raises InputError for text that is not a str or too long."""
        self._validate_input(text)
        source = ingest(text, self.settings.input_format) if text.strip() else None
        doc = split_sentences(load_pipeline().make_doc(source.text)) if source else None
        return self._run(text, source, doc, _context(context), ignore)

    def check_many(
        self,
        replies: Iterable[ReplyInput],
        ignore: Iterable[str] | None = None,
        batch_size: int = 256,
    ) -> Iterator[Report]:
        """Check a stream of replies (text, or (text, context)) with spaCy's batching.

        A reply that cannot be checked yields a Report with ``checked=False``
        and a notice, so one bad row never stops a batch.
        """
        nlp = load_pipeline()
        batch: list[tuple[str, Context]] = []
        for item in replies:
            text, ctx = (item, None) if isinstance(item, str) else (item[0], item[1])
            batch.append((text, _context(ctx)))
            if len(batch) >= batch_size:
                yield from self._run_batch(nlp, batch, ignore)
                batch = []
        if batch:
            yield from self._run_batch(nlp, batch, ignore)

    def _run_batch(self, nlp: Any, batch: list[tuple[str, Context]], ignore: Iterable[str] | None) -> Iterator[Report]:
        sources: list[Source | None] = []
        problems: list[str | None] = []
        for text, _ in batch:
            try:
                self._validate_input(text)
                sources.append(ingest(text, self.settings.input_format) if text.strip() else None)
                problems.append(None)
            except InputError as exc:
                sources.append(None)
                problems.append(str(exc))
        texts = [s.text for s in sources if s is not None]
        docs = iter(nlp.tokenizer.pipe(texts, batch_size=len(texts) or 1))
        for (text, ctx), source, problem in zip(batch, sources, problems):
            if problem is not None:
                yield self._unchecked(text if isinstance(text, str) else "", problem)
                continue
            doc = split_sentences(next(docs)) if source is not None else None
            yield self._run(text, source, doc, ctx, ignore)

    def fix(
        self,
        text: str,
        context: Context | dict[str, Any] | None = None,
        unsafe: bool = False,
        ignore: Iterable[str] | None = None,
        max_passes: int = 10,
    ) -> str:
        """Apply suggestions, re-lint and apply again until nothing changes."""
        current = text
        for _ in range(max_passes):
            report = self.check(current, context, ignore)
            edits = chosen_edits(report.findings, unsafe=unsafe)
            new = apply_edits(current, edits)
            if new == current:
                return current
            current = new
        return current

    # ------------------------------------------------------------------ internals

    def _validate_input(self, text: Any) -> None:
        if not isinstance(text, str):
            raise InputError(f"a reply must be text (str), not {type(text).__name__}")
        if len(text) > self.settings.max_chars:
            raise InputError(
                f"the reply is {len(text):,} characters; the limit is {self.settings.max_chars:,} "
                "(setting max_chars)"
            )

    def _unchecked(self, text: str, problem: str) -> Report:
        traits = {t: 100 for t in TRAIT_IDS}
        return Report(
            text=text, findings=[], traits=traits, score=100, verdict="pass",
            notices=[Notice("input", problem)], version=__version__, ruleset=self.ruleset, checked=False,
        )

    def _run(
        self,
        text: str,
        source: Source | None,
        doc: Any,
        ctx: Context,
        ignore: Iterable[str] | None,
    ) -> Report:
        notices: list[Notice] = []
        if source is None or doc is None:
            notices.append(Notice("empty", "The reply is empty; nothing to check."))
            report = self._report(text, [], notices, 0)
            return report
        ignore_set = set(ignore or [])
        analysis = Analysis(source=source, doc=doc)
        analysis.matches = self._bank(doc)
        analysis.hints = self._hints.present(analysis.lower)
        language = detect(_prose(source)) if self._english_only else None
        if language is not None:
            notices.append(Notice(
                "non_english",
                f"The reply looks like {language.code} (confidence {language.confidence:.2f}), not English: "
                "English-only checks were skipped.",
                detail={"language": language.code, "confidence": round(language.confidence, 3)},
            ))
        findings: list[Finding] = []
        present, settings = analysis.hints, self.settings
        for rule, hints, english_only, options in self._plan:
            if ignore_set and any(_matches(t, rule) for t in ignore_set):
                continue
            if language is not None and english_only:
                continue
            if hints and present.isdisjoint(hints):
                continue  # none of the words the rule needs is in the reply
            rc = RuleContext(ctx, settings, options)
            try:
                for hit in rule.check(analysis, rc):
                    finding = self._finding(rule, hit, source)
                    if finding is not None:
                        findings.append(finding)
            except Exception as exc:  # one broken rule must not take the check down
                notices.append(
                    Notice(
                        "rule_error",
                        f"Rule {rule.id} failed and was skipped ({type(exc).__name__}); other rules ran.",
                        rule=rule.id,
                    )
                )
        if self._languagetool is not None and language is None and "LT" not in ignore_set:
            findings.extend(self._languagetool_findings(source, notices, ignore_set))
        findings = _with_ids(_dedupe(self._outside_vocabulary(findings, text)))
        if ignore_set:
            findings = [f for f in findings if f.id not in ignore_set]
        words = _word_count(doc)
        report = self._report(text, findings, notices, words)
        report.stats["stage_two_sentences"] = analysis.stage_two
        report.stats["sentences"] = len(analysis.sents)
        return report

    def _languagetool_findings(self, source: Source, notices: list[Notice], ignore: set[str]) -> list[Finding]:
        assert self._languagetool is not None
        outcome = self._languagetool.check(source.text)
        if outcome.problem:
            notices.append(Notice("backend", outcome.problem))
        dropped = ignore | set(self.settings.ignore)
        out = []
        for m in outcome.matches:
            if any(m.rule == t or (t.startswith(LT_PREFIX) and m.rule.startswith(t)) for t in dropped):
                continue
            if m.trait in dropped or source.is_masked(m.start, m.end):
                continue
            start, end = source.to_original(m.start, m.end)
            out.append(Finding(
                rule=m.rule, trait=m.trait, severity=m.severity, start=start, end=end, message=m.message,
                passage=source.original[start:end],
                suggestions=tuple(replace(sg, edits=tuple(_map_edit(e, source) for e in sg.edits)) for sg in m.suggestions),
                confidence=0.8,
            ))
        return out

    def _outside_vocabulary(self, findings: list[Finding], text: str) -> list[Finding]:
        """Team vocabulary is never flagged: drop findings inside a vocabulary term."""
        if not self.settings.vocabulary or not findings:
            return findings
        spans = [(m.start(), m.end()) for m in self._vocab_regex.finditer(text)]
        return [f for f in findings if not any(s <= f.start and f.end <= e for s, e in spans)]

    def _report(self, text: str, findings: list[Finding], notices: list[Notice], words: int) -> Report:
        traits = trait_scores(findings, words)
        score = overall_score(traits)
        return Report(
            text=text,
            findings=findings,
            traits=traits,
            score=score,
            verdict=verdict(findings, score, self.settings.verdict),
            notices=notices,
            version=__version__,
            ruleset=self.ruleset,
        )

    def _finding(self, rule: Rule, hit: Hit, source: Source) -> Finding | None:
        if not _in_scope(rule.scope, source, hit.start, hit.end):
            return None
        start, end = source.to_original(hit.start, hit.end)
        suggestions = tuple(
            replace(s, edits=tuple(_map_edit(e, source) for e in s.edits)) for s in hit.suggestions
        )
        sev = self.settings.severity.get(rule.id)
        severity = Severity(sev) if sev else (hit.severity or Severity(rule.severity))
        return Finding(
            rule=rule.id,
            trait=rule.trait,
            severity=severity,
            start=start,
            end=end,
            message=hit.message or rule.message,
            passage=source.original[start:end],
            suggestions=suggestions,
            confidence=hit.confidence if hit.confidence is not None else rule.confidence,
        )


def _prose(source: Source) -> str:
    """The reply's own words: without links, handles, e-mail, code or quoted history."""
    spans = sorted((r.start, r.end) for r in source.regions if r.kind in MASKED_KINDS)
    out, pos = [], 0
    for start, end in spans:
        if start > pos:
            out.append(source.text[pos:start])
        pos = max(pos, end)
    out.append(source.text[pos:])
    return " ".join(out)


def _map_edit(edit: Any, source: Source) -> Any:
    start, end = source.to_original(edit.start, edit.end)
    return replace(edit, start=start, end=end)


def _matches(token: str, rule: Rule) -> bool:
    return (
        token == "ALL"
        or token == rule.trait
        or token == rule.name
        or rule.id.startswith(token)
    )


def _context(ctx: Context | dict[str, Any] | None) -> Context:
    if ctx is None:
        return Context()
    if isinstance(ctx, Context):
        return ctx
    return Context.from_dict(ctx)


def _in_scope(scope: frozenset[str], source: Source, start: int, end: int) -> bool:
    """Does a hit lie where the rule reads? (see ingest: masked vs role regions)"""
    kinds = source.kinds_at(start, end)
    if kinds & MASKED_KINDS - scope:
        return False
    if "body" in scope:
        return True
    wanted = scope & (ROLE_KINDS | MASKED_KINDS)
    return any(
        r.kind in wanted and r.start <= start and end <= r.end for r in source.regions
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One passage, one finding: keep the most severe, then by trait precedence."""
    ranked = sorted(
        findings,
        key=lambda f: (-f.severity.rank, PRECEDENCE.get(f.trait, 99), -(f.end - f.start), f.rule),
    )
    kept: list[Finding] = []
    for f in ranked:
        if any(_same_passage(f, k) for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


def _same_passage(a: Finding, b: Finding) -> bool:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    if overlap <= 0:
        return a.start == b.start == a.end == b.end
    longer = max(a.end - a.start, b.end - b.start)
    return overlap * 2 >= longer and a.rule != b.rule


def _with_ids(findings: list[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in findings:
        key = (f.rule, " ".join(f.passage.lower().split()))
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(replace(f, id=fingerprint(f.rule, f.passage, n)))
    return out


__all__ = ["Linter", "InputError", "BY_ID"]


def _word_count(doc: Any) -> int:
    """Tokens that are neither space nor punctuation, counted in one array call (no Token objects)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    if not len(doc):
        return 0
    flags = doc.to_array([IS_SPACE, IS_PUNCT])
    return int((flags.sum(axis=1) == 0).sum())
