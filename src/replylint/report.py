"""The result of checking one reply, and its JSON form."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding, Notice
from .fixes import apply_edits, chosen_edits
from .traits import DISPLAY_ORDER

SCHEMA_VERSION = "1.0"


@dataclass
class Report:
    """Findings, per-trait scores (0-100), overall score and verdict for one reply.

    ``checked`` is False when the reply could not be checked at all (too long,
    not text); ``notices`` says why.
    """

    text: str
    findings: list[Finding]
    traits: dict[str, int]
    score: int
    verdict: str
    notices: list[Notice] = field(default_factory=list)
    version: str = ""
    ruleset: str = ""
    checked: bool = True
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def fixed_text(self) -> str:
        """The reply with every safe suggestion applied once (no overlapping edits)."""
        return apply_edits(self.text, chosen_edits(self.findings))

    def apply(self, ids: set[str] | None = None, unsafe: bool = False) -> str:
        """The reply with chosen findings' suggestions applied (by id, or all safe)."""
        return apply_edits(self.text, chosen_edits(self.findings, unsafe=unsafe, ids=ids))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "replylint_version": self.version,
            "ruleset": self.ruleset,
            "checked": self.checked,
            "verdict": self.verdict,
            "score": self.score,
            "traits": {t: self.traits[t] for t in DISPLAY_ORDER},
            "findings": [f.to_dict() for f in self.findings],
            "notices": [n.to_dict() for n in self.notices],
            "fixed_text": self.fixed_text,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
