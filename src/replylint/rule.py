"""What a rule is: metadata, examples, and a ``check`` that yields hits.

Rules come as data (TOML packs, see packs.py) or as small Python classes that
subclass ``Rule``. Either way a rule carries its own examples — texts that
must be flagged (with the passage and the rewrite) and texts that must not —
and a rule without enough of them is refused at load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from .context import Context
from .findings import Severity, Suggestion
from .ingest import ALL_KINDS
from .nlp import LEVEL_RANK
from .traits import BY_ID

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .config import Settings
    from .nlp import Analysis

MIN_EXAMPLES = 3
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]{1,7}[0-9]{3}$")


class RuleError(ValueError):
    """A rule that cannot be loaded, with the reason."""


@dataclass(frozen=True)
class Example:
    """One example text. Bad examples name the flagged passage and the rewrite."""

    text: str
    context: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    flagged: str | None = None
    fixed: str | None = None

    @classmethod
    def parse(cls, raw: Any, where: str) -> "Example":
        if isinstance(raw, str):
            return cls(text=raw)
        if isinstance(raw, Example):
            return raw
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise RuleError(f"{where}: an example must be a string or a table with a 'text' string")
        unknown = set(raw) - {"text", "context", "settings", "flagged", "fixed"}
        if unknown:
            raise RuleError(f"{where}: unknown example key(s) {', '.join(sorted(unknown))}")
        return cls(**raw)


@dataclass
class Hit:
    """What a rule yields: a span of the CLEAN text and what to say about it."""

    start: int
    end: int
    message: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    confidence: float | None = None
    severity: Severity | None = None


class RuleContext(NamedTuple):
    """Everything a rule may consult besides the text.

    (A NamedTuple, not a frozen dataclass: one is built per rule and reply, and a tuple is
    built several times faster.)
    """

    context: Context
    settings: "Settings"
    options: dict[str, Any]

    @property
    def locale(self) -> str:
        return self.context.locale or self.settings.locale


class Rule:
    """Base class. Subclasses set the class attributes and implement ``check``."""

    id: str = ""
    name: str = ""
    trait: str = ""
    severity: Severity = Severity.WARNING
    summary: str = ""
    why: str = ""
    message: str = ""
    fix_title: str = ""
    needs: str = "tokens"
    trigger: str = ""
    scope: frozenset[str] = frozenset({"body"})
    preview: bool = False
    english_only: bool = True
    # Lower-case substrings one of which every reply the rule can flag contains. The engine finds
    # all rules' hints in one pass and does not call a rule whose hints are all absent.
    hints: tuple[str, ...] = ()
    confidence: float = 1.0
    defaults: dict[str, Any] = {}
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    origin: str = "builtin"

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:  # pragma: no cover
        raise NotImplementedError

    # ------------------------------------------------------------------ helpers

    def sentences_with(self, analysis: "Analysis", words: set[str]) -> Iterator["Span"]:
        """Sentences holding one of ``words`` (lower-case tokens): the stage-two trigger."""
        for sent in analysis.sents:
            if any(tok.lower_ in words for tok in sent):
                yield sent

    def validate(self) -> None:
        """Refuse a rule whose metadata or examples are incomplete."""
        label = f"rule {self.id or '?'} ({self.origin})"
        if not RULE_ID.match(self.id or ""):
            raise RuleError(f"{label}: id must look like 'ABC123' (letters then three digits)")
        if self.trait not in BY_ID:
            raise RuleError(f"{label}: unknown trait {self.trait!r}; use one of {', '.join(BY_ID)}")
        for attr in ("name", "summary", "why", "message"):
            if not getattr(self, attr):
                raise RuleError(f"{label}: missing {attr!r}")
        if self.needs not in LEVEL_RANK:
            raise RuleError(f"{label}: needs must be one of {', '.join(LEVEL_RANK)}")
        if LEVEL_RANK[self.needs] > 0 and not self.trigger:
            raise RuleError(f"{label}: a rule that needs {self.needs!r} must say what triggers it")
        bad_scope = set(self.scope) - ALL_KINDS - {"body"}
        if bad_scope:
            raise RuleError(f"{label}: unknown scope {', '.join(sorted(bad_scope))}")
        if len(self.bad) < MIN_EXAMPLES or len(self.good) < MIN_EXAMPLES:
            raise RuleError(
                f"{label}: needs at least {MIN_EXAMPLES} bad and {MIN_EXAMPLES} good examples "
                f"(has {len(self.bad)} bad, {len(self.good)} good); a rule without examples does not load"
            )
        for ex in self.bad:
            if not ex.flagged:
                raise RuleError(f"{label}: bad example {ex.text[:40]!r} must name the 'flagged' passage")
            if ex.flagged not in ex.text:
                raise RuleError(f"{label}: flagged passage {ex.flagged!r} is not in its example")
        if not 0 < self.confidence <= 1:
            raise RuleError(f"{label}: confidence must be in (0, 1]")

    def describe(self) -> dict[str, Any]:
        """Metadata for `replylint rules`, `explain` and the docs."""
        return {
            "id": self.id,
            "name": self.name,
            "trait": self.trait,
            "severity": Severity(self.severity).value,
            "summary": self.summary,
            "why": self.why,
            "needs": self.needs,
            "trigger": self.trigger,
            "scope": sorted(self.scope),
            "preview": self.preview,
            "english_only": self.english_only,
            "fix": self.fix_kind(),
            "origin": self.origin,
            "bad": [e.__dict__ for e in self.bad],
            "good": [e.__dict__ for e in self.good],
        }

    def fix_kind(self) -> str:
        """'safe', 'unsafe' or 'none': what kind of rewrite the rule offers."""
        return getattr(self, "fix", "none")


def examples(*items: Any) -> tuple[Example, ...]:
    """Build examples from strings and dicts (for Python rules)."""
    return tuple(Example.parse(i, "example") for i in items)
