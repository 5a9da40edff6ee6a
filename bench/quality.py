"""Quality figures in one run: corpus precision/recall (both splits), hit rates on real
replies, and the judged false-positive samples. Writes docs/benchmarks.md#quality.

    python bench/quality.py                # print
    python bench/quality.py --write-docs   # also rewrite the quality section of docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _docs import write_section  # noqa: E402

from replylint import Context, Linter
from replylint.evaluate import evaluate, load_corpus
from replylint.findings import Severity
from replylint.traits import DISPLAY_ORDER

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SETS = {"twcs": DATA / "twcs" / "replies.jsonl", "ibm-cdp": DATA / "ibm-cdp" / "replies.jsonl"}


def real_hit_rates(linter: Linter) -> tuple[int, collections.Counter[str], collections.Counter[str]]:
    total = 0
    per_trait: collections.Counter[str] = collections.Counter()
    per_rule: collections.Counter[str] = collections.Counter()
    for path in SETS.values():
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        items = ((r["reply"], Context(customer_message=r.get("customer_message"))) for r in rows)
        for report in linter.check_many(items):
            total += 1
            counted = [f for f in report.findings if f.severity is not Severity.INFO]
            for t in {f.trait for f in counted}:
                per_trait[t] += 1
            for rule in {f.rule for f in counted}:
                per_rule[rule] += 1
    return total, per_trait, per_rule


def judged() -> dict[str, tuple[int, int]]:
    out = {}
    for path in sorted((ROOT / "bench" / "fp_judged").glob("*.jsonl")):
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        out[path.stem] = (sum(r.get("verdict") == "wrong" for r in rows), len(rows))
    return out


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    linter = Linter()
    rows = load_corpus([ROOT / "corpus"])
    results = {sp: evaluate(linter, rows, sp) for sp in ("train", "test")}
    total, per_trait, per_rule = real_hit_rates(linter)
    samples = judged()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    lines = [
        "## Quality",
        "",
        f"Measured by `python bench/quality.py --write-docs` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC "
        f"at commit `{commit}` ({len(linter.active)} active rules, ruleset {linter.ruleset}). "
        "See [how we measure](quality.md).",
        "",
        f"Corpus: {len(rows)} labeled replies in `corpus/` ({results['train'].replies} train, "
        f"{results['test'].replies} test). Real replies: {total:,} (twcs + ibm-cdp). "
        "Hit rate = share of real replies with at least one warning or error of the trait.",
        "",
        "| trait | test P | test R | test F1 | test paraphrase R | train P | train R | real hit rate | judged wrong |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in DISPLAY_ORDER:
        te, tr = results["test"].traits.get(t), results["train"].traits.get(t)
        if te is None or tr is None:
            continue
        wrong, n = samples.get(t, (None, None))
        judged_txt = f"{wrong} of {n}" if n else ("no real hits" if t in samples else "not judged")
        lines.append(
            f"| {t} | {fmt(te.precision)} | {fmt(te.recall)} | {fmt(te.f1)} | {fmt(te.paraphrase_recall)} | "
            f"{fmt(tr.precision)} | {fmt(tr.recall)} | {100 * per_trait[t] / total:.2f}% | {judged_txt} |"
        )
    lines += ["", "Rules by hit rate on real replies:", "", "| rule | replies hit | rate |", "|---|---|---|"]
    for rule, n in per_rule.most_common():
        lines.append(f"| {rule} | {n:,} | {100 * n / total:.2f}% |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write_docs:
        write_section("quality", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
