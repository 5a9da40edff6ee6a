"""`replylint eval`: precision and recall per trait on a labeled corpus.

A corpus row (JSONL) is ``{"id", "text", "context", "violates": [trait ids],
"split": "train"|"test", "paraphrase": bool, ...}``. A reply counts as flagged
for a trait when it has at least one error or warning of that trait (info
findings are hints and do not count), so the scores are at reply level.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine import Linter
from .findings import Severity
from .traits import DISPLAY_ORDER


class CorpusError(ValueError):
    """A corpus file or row that cannot be used."""


@dataclass
class Row:
    id: str
    text: str
    context: dict[str, Any]
    violates: set[str]
    split: str
    paraphrase: bool


def load_corpus(paths: Iterable[Path]) -> list[Row]:
    rows: list[Row] = []
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    for f in files:
        with f.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                    rows.append(Row(
                        id=str(d["id"]), text=d["text"], context=d.get("context") or {},
                        violates=set(d.get("violates") or []), split=d.get("split", "train"),
                        paraphrase=bool(d.get("paraphrase")),
                    ))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise CorpusError(f"{f}:{n}: not a corpus row ({exc})") from None
    return rows


@dataclass
class TraitScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    para_tp: int = 0
    para_n: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    @property
    def paraphrase_recall(self) -> float | None:
        return self.para_tp / self.para_n if self.para_n else None


@dataclass
class EvalResult:
    split: str
    replies: int
    traits: dict[str, TraitScore]
    rule_hits: Counter[str] = field(default_factory=Counter)
    rule_correct: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, trait, row id)

    def to_dict(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "split": self.split,
            "replies": self.replies,
            "traits": {
                t: {"precision": r(s.precision), "recall": r(s.recall), "f1": r(s.f1),
                    "paraphrase_recall": r(s.paraphrase_recall), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                for t, s in self.traits.items()
            },
            "rules": {k: {"hits": v, "correct": self.rule_correct[k]} for k, v in sorted(self.rule_hits.items())},
            "errors": [{"kind": k, "trait": t, "id": i} for k, t, i in self.misses],
        }


def evaluate(linter: Linter, rows: list[Row], split: str) -> EvalResult:
    chosen = [r for r in rows if split == "all" or r.split == split]
    labelled = sorted({t for r in rows for t in r.violates} & set(DISPLAY_ORDER), key=DISPLAY_ORDER.index)
    scores = {t: TraitScore() for t in labelled}
    result = EvalResult(split=split, replies=len(chosen), traits=scores)
    reports = linter.check_many((r.text, r.context) for r in chosen)
    for row, report in zip(chosen, reports):
        counted = [f for f in report.findings if f.severity is not Severity.INFO]
        flagged = {f.trait for f in counted}
        for rule in {f.rule for f in counted}:
            result.rule_hits[rule] += 1
            trait = next(f.trait for f in counted if f.rule == rule)
            if trait in row.violates:
                result.rule_correct[rule] += 1
        for t, s in scores.items():
            truth, got = t in row.violates, t in flagged
            if truth and got:
                s.tp += 1
            elif got:
                s.fp += 1
                result.misses.append(("false_positive", t, row.id))
            elif truth:
                s.fn += 1
                result.misses.append(("missed", t, row.id))
            if truth and row.paraphrase:
                s.para_n += 1
                s.para_tp += int(got)
    return result
