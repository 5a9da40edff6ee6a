"""The literate trait, measured: injected-typo recall, false findings, JFLEG, Harper.

    python bench/literate.py                # print
    python bench/literate.py --write-docs   # also rewrite docs/benchmarks.md#literate
    python bench/literate.py --harper       # also run Harper (pip install -e '.[bench]') on the same replies

Recall: real misspellings are injected into real replies (ibm-cdp), one per reply, with a
fixed seed. The pairs come from codespell's dictionary and the Birkbeck corpus, kept to
corrections among wordfreq's 20,000 most frequent English words. A hit counts only when a
finding covers the injected word; "right suggestion" when its first rewrite is the correction.
False findings are literate findings on the same replies left untouched, per 100 replies.
Nothing here is written into the project but figures.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from wordfreq import top_n_list

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _docs import write_section  # noqa: E402

from replylint import Linter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
WORD = re.compile(r"(?<![\w@#/.'’-])[a-z]{3,}(?![\w@/'’-])")


def misspelling_pairs() -> dict[str, list[str]]:
    """correct word -> misspellings, from codespell and Birkbeck, corrections in the top 20k."""
    top = set(top_n_list("en", 20000))
    pairs: dict[str, set[str]] = collections.defaultdict(set)
    for line in (DATA / "codespell" / "dictionary.txt").open(encoding="utf-8"):
        if "->" not in line:
            continue
        typo, fixes = line.strip().split("->", 1)
        fixes = [f.strip() for f in fixes.split(",") if f.strip()]
        if len(fixes) == 1 and fixes[0] in top and typo.isalpha() and typo.islower():
            pairs[fixes[0]].add(typo)
    for line in (DATA / "spelling-mitton" / "birkbeck.txt").open(encoding="utf-8"):
        if ":" not in line:
            continue
        correct, wrongs = line.split(":", 1)
        correct = correct.strip()
        if correct not in top:
            continue
        for w in wrongs.split():
            if w.isalpha() and w.islower() and w != correct and w not in top:
                pairs[correct].add(w)
    return {k: sorted(v) for k, v in pairs.items()}


def inject(replies: list[str], pairs: dict[str, list[str]], seed: int) -> list[tuple[int, str, int, int, str]]:
    """(reply index, new text, start, end, correct word) for each reply that has a target word."""
    from replylint.ingest import MASKED_KINDS, ingest

    rng = random.Random(seed)
    out = []
    for i, text in enumerate(replies):
        masked = [(r.start, r.end) for r in ingest(text, "plain").regions if r.kind in MASKED_KINDS]
        targets = [m for m in WORD.finditer(text) if m.group() in pairs
                   and not any(s < m.end() and m.start() < e for s, e in masked)]
        if not targets:
            continue
        m = rng.choice(targets)
        typo = rng.choice(pairs[m.group()])
        new = text[: m.start()] + typo + text[m.end():]
        out.append((i, new, m.start(), m.start() + len(typo), m.group()))
    return out


def detokenize(sentence: str) -> str:
    """JFLEG is tokenized ("it 's done ."); put it back the way people type."""
    s = re.sub(r" ([.,!?;:%)\]])", r"\1", sentence.strip())
    s = re.sub(r"([(\[$]) ", r"\1", s)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)


def literate(findings):  # type: ignore[no-untyped-def]
    """Literate findings that count: warnings and errors (info hints don't)."""
    return [f for f in findings if f.trait == "literate" and f.severity.value != "info"]


def run(args: argparse.Namespace) -> dict:
    linter = Linter()
    replies = [json.loads(line)["reply"] for line in (DATA / "ibm-cdp" / "replies.jsonl").open(encoding="utf-8")]
    pairs = misspelling_pairs()
    cases = inject(replies, pairs, args.seed)

    clean_reports = list(linter.check_many(replies))
    false_findings = sum(len(literate(r.findings)) for r in clean_reports)

    detected = right = 0
    started = time.perf_counter()
    for i, text, start, end, correct in cases:
        report = linter.check(text)
        covering = [f for f in literate(report.findings) if f.start <= start and end <= f.end]
        if covering:
            detected += 1
            sugg = covering[0].suggestions
            if sugg and sugg[0].edits and sugg[0].edits[0].replacement.lower() == correct:
                right += 1
    per_reply_ms = 1000 * (time.perf_counter() - started) / max(1, len(cases))

    jfleg_src = [detokenize(x) for x in (DATA / "jfleg" / "dev" / "dev.src").read_text(encoding="utf-8").splitlines()]
    jfleg_ref = [detokenize(x) for x in (DATA / "jfleg" / "dev" / "dev.ref0").read_text(encoding="utf-8").splitlines()]
    erroneous = [(s, r) for s, r in zip(jfleg_src, jfleg_ref) if s.strip() != r.strip()]
    src_hit = sum(1 for r in linter.check_many(s for s, _ in erroneous) if literate(r.findings))
    ref_clean = sum(1 for r in linter.check_many(r for _, r in erroneous) if not literate(r.findings))

    # The latency the speller adds: check with and without LIT005 on the clean replies.
    without = Linter(ignore=["LIT005"])
    lat = {}
    for name, lint in (("with", linter), ("without", without)):
        times = []
        for text in replies:
            t = time.perf_counter()
            lint.check(text)
            times.append(1000 * (time.perf_counter() - t))
        times.sort()
        lat[name] = (statistics.median(times), times[int(0.95 * len(times))])

    result = {
        "cases": len(cases), "detected": detected, "right": right,
        "false_per_100": 100 * false_findings / len(replies), "replies": len(replies),
        "jfleg_erroneous": len(erroneous), "jfleg_src_flagged": src_hit, "jfleg_ref_clean": ref_clean,
        "latency": lat, "injected_ms": per_reply_ms,
    }
    if args.harper:
        result["harper"] = harper(replies, cases)
    return result


def harper(replies: list[str], cases: list[tuple[int, str, int, int, str]]) -> dict:
    """Harper (harper-py, American dialect, default rules) on the same replies."""
    import harper as harper_py  # type: ignore[import-not-found]

    linter = harper_py.Linter()
    false = sum(len(linter.lint(t)) for t in replies)
    detected = right = 0
    for _, text, start, end, correct in cases:
        for lint in linter.lint(text):
            if lint.span.start <= start and end <= lint.span.end:
                detected += 1
                sugg = lint.suggestions
                if sugg and sugg[0].replacement_text.lower() == correct:
                    right += 1
                break
    return {"false_per_100": 100 * false / len(replies), "detected": detected, "right": right}


def render(r: dict) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    lines = [
        "## Literate",
        "",
        f"Measured by `python bench/literate.py --write-docs` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at `{commit}`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| injected misspellings (ibm-cdp, seed 7) | {r['cases']} |",
        f"| detected (a finding covers the word) | {r['detected'] / r['cases']:.3f} (target ≥ 0.9) |",
        f"| right top suggestion | {r['right'] / r['cases']:.3f} (target ≥ 0.7) |",
        f"| false literate findings per 100 untouched replies | {r['false_per_100']:.1f} |",
        f"| JFLEG dev: erroneous sentences with ≥ 1 finding | {r['jfleg_src_flagged']} of {r['jfleg_erroneous']} |",
        f"| JFLEG dev: corrected references with no finding | {r['jfleg_ref_clean']} of {r['jfleg_erroneous']} |",
        f"| check p50 / p95 with the speller (LIT005) | {r['latency']['with'][0]:.2f} / {r['latency']['with'][1]:.2f} ms |",
        f"| check p50 / p95 without it | {r['latency']['without'][0]:.2f} / {r['latency']['without'][1]:.2f} ms |",
    ]
    if "harper" in r:
        h = r["harper"]
        lines += [
            f"| Harper 0.2 (harper-py): detected | {h['detected'] / r['cases']:.3f} |",
            f"| Harper: right top suggestion | {h['right'] / r['cases']:.3f} |",
            f"| Harper: findings per 100 untouched replies | {h['false_per_100']:.1f} |",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--harper", action="store_true")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    text = render(run(args))
    print(text)
    if args.write_docs:
        write_section("literate", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
