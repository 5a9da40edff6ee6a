"""What a check produces: findings, their suggested edits, and notices.

These are the public contract (see docs/api.md): offsets are Unicode code
points into the ORIGINAL input, so ``text[f.start:f.end]`` is the passage.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """``error`` and ``warning`` violate a trait; ``info`` is a hint only."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Applicability(str, Enum):
    """``safe`` may be applied without asking; ``unsafe`` needs a human."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True)
class Suggestion:
    """One rewrite: a set of non-overlapping edits applied together."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.UNSAFE
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True)
class Finding:
    """One passage that violates (or, at ``info``, may weaken) a trait."""

    rule: str
    trait: str
    severity: Severity
    start: int
    end: int
    message: str
    passage: str
    suggestions: tuple[Suggestion, ...] = ()
    confidence: float = 1.0
    id: str = ""

    @property
    def safe_suggestion(self) -> Suggestion | None:
        for s in self.suggestions:
            if s.applicability is Applicability.SAFE:
                return s
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "trait": self.trait,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "passage": self.passage,
            "message": self.message,
            "confidence": round(self.confidence, 3),
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


def fingerprint(rule: str, passage: str, occurrence: int) -> str:
    """A finding id that survives edits elsewhere in the text.

    Built from the rule, the flagged passage (case and spacing folded) and
    which occurrence of that passage it is — never from the offset.
    """
    folded = " ".join(passage.lower().split())
    raw = f"{rule}\x1f{folded}\x1f{occurrence}".encode()
    return hashlib.blake2b(raw, digest_size=6).hexdigest()


@dataclass(frozen=True)
class Notice:
    """Something the reader of a report must know that is not a finding.

    ``kind`` is one of: ``empty``, ``non_english``, ``rule_error``,
    ``backend``, ``input``.
    """

    kind: str
    message: str
    rule: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "message": self.message}
        if self.rule:
            out["rule"] = self.rule
        if self.detail:
            out["detail"] = self.detail
        return out
