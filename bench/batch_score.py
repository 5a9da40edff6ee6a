"""Score one corpus batch on all its rows, train and test: the fresh-batch figure.

A new batch of labeled replies is scored once, before any rule is tuned on it; that is the
honest measure of how the rules generalise to wording nobody tuned them on. Reply level:
a trait counts as flagged when it has a warning or an error.

    python bench/batch_score.py b4        # every row whose id contains "-b4-"
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from replylint import Context, Linter

ROOT = Path(__file__).resolve().parents[1]
TRAITS = ("concise", "natural", "personal", "region_neutral", "careful", "helpful", "responsible", "customer_focused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", help="the batch's tag in row ids, e.g. b4 for natural-b4-001")
    args = parser.parse_args()
    linter = Linter()
    tp: collections.Counter[str] = collections.Counter()
    fp: collections.Counter[str] = collections.Counter()
    fn: collections.Counter[str] = collections.Counter()
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if f"-{args.batch}-" not in row["id"]:
                continue
            context = Context(**{k: v for k, v in row["context"].items() if v is not None})
            report = linter.check(row["text"], context)
            flagged = {f.trait for f in report.findings if f.severity.value in ("error", "warning")}
            for trait in TRAITS:
                want, got = trait in row["violates"], trait in flagged
                if want and got:
                    tp[trait] += 1
                elif got:
                    fp[trait] += 1
                elif want:
                    fn[trait] += 1
    print(f"{'trait':18} precision  recall   (tp / fp / fn)")
    for trait in TRAITS:
        if not (tp[trait] + fn[trait]):
            continue
        precision = tp[trait] / (tp[trait] + fp[trait]) if tp[trait] + fp[trait] else 0.0
        recall = tp[trait] / (tp[trait] + fn[trait])
        print(f"{trait:18} {precision:9.2f}  {recall:6.2f}   ({tp[trait]} / {fp[trait]} / {fn[trait]})")


if __name__ == "__main__":
    main()
