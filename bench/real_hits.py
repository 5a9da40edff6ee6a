"""Run replylint over the real replies in ../shared/data and show what each rule flags.

Used before a rule lands: a rule's hit rate on real replies, and a seeded
random sample of its hits to read. Nothing from the data is written into the
project except what --sample-out writes (ids, passages, verdict columns to fill).

    python bench/real_hits.py                       # hit rate per rule
    python bench/real_hits.py --rule NAT002 --show 40
    python bench/real_hits.py --sample-out bench/fp_sample.jsonl --per-trait 40
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path

from replylint import Context, Linter

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = {"twcs": DATA / "twcs" / "replies.jsonl", "ibm-cdp": DATA / "ibm-cdp" / "replies.jsonl"}


def load(name: str, limit: int | None) -> list[dict]:
    rows = []
    with SETS[name].open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="twcs,ibm-cdp")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--rule", action="append", default=[], help="only these rule ids / traits")
    ap.add_argument("--show", type=int, default=0, help="print N sampled hits per rule")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--preview", action="store_true")
    ap.add_argument("--sample-out", type=Path, help="write a per-trait sample of hits to judge")
    ap.add_argument("--per-trait", type=int, default=40)
    args = ap.parse_args()

    kwargs = {"preview": args.preview}
    if args.rule:
        kwargs["select"] = args.rule
    linter = Linter(**kwargs)
    hits: dict[str, list[tuple[str, str, str, str]]] = collections.defaultdict(list)
    replies_hit: dict[str, set[str]] = collections.defaultdict(set)
    total = 0
    started = time.perf_counter()
    for name in args.sets.split(","):
        rows = load(name, args.limit)
        items = [(r["reply"], Context(customer_message=r.get("customer_message"))) for r in rows]
        for row, report in zip(rows, linter.check_many(items)):
            total += 1
            for f in report.findings:
                hits[f.rule].append((row["id"], f.trait, f.passage, report.text))
                replies_hit[f.rule].add(row["id"])
    elapsed = time.perf_counter() - started
    print(f"{total} replies in {elapsed:.1f}s")
    print(f"{'rule':8} {'trait':17} {'hits':>6} {'replies':>8} {'rate %':>7}")
    for rule in sorted(hits):
        n = len(replies_hit[rule])
        print(f"{rule:8} {hits[rule][0][1]:17} {len(hits[rule]):6} {n:8} {100 * n / total:7.2f}")
    rng = random.Random(args.seed)
    if args.show:
        for rule in sorted(hits):
            sample = rng.sample(hits[rule], min(args.show, len(hits[rule])))
            print(f"\n== {rule} ({len(hits[rule])} hits)")
            for rid, _, passage, text in sample:
                print(f"  [{rid}] «{passage}» :: {text[:220]!r}")
    if args.sample_out:
        by_trait: dict[str, list] = collections.defaultdict(list)
        for rule, items in hits.items():
            for rid, trait, passage, text in items:
                by_trait[trait].append({"reply_id": rid, "rule": rule, "passage": passage})
        with args.sample_out.open("w", encoding="utf-8") as out:
            for trait in sorted(by_trait):
                sample = rng.sample(by_trait[trait], min(args.per_trait, len(by_trait[trait])))
                for item in sample:
                    out.write(json.dumps({"seed": args.seed, "trait": trait, **item,
                                          "verdict": "", "reason": ""}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
