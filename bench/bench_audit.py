"""Benchmark the whole `replylint audit` command on real replies, against proselint.

Measures, on ../shared/data/twcs/replies.jsonl (37k real support tweets):

1. replies per second of the WHOLE command — interpreter start-up, model load,
   reading, linting, writing results.parquet + findings.parquet, summary.json and the
   HTML report — on the first 10,000 rows and on all rows (default: one worker process
   per core), and on 10,000 rows with one process, for the multi-process speed-up;
2. peak memory of the command's whole process tree at both sizes (sampled every
   0.5 s: the sum of RSS and the sum of PSS, which counts pages the forked workers
   share with the parent once); it must stay flat from 10k to 37k rows;
3. proselint 0.16 on the same replies, in this process, through its Python API
   (every check registered, default config), replies per second, right after the
   command's run on the same rows (so both see the same load on a shared machine);
4. Dask: the same command with ``--dask local:1`` and ``--dask local:2`` (a
   LocalCluster of 1 or 2 worker processes with one thread each) on 10,000 rows,
   and the speed-up.

The machine is shared with other sessions, so every 10,000-row configuration runs
``--repeat`` times (default 2), alternating with the others, and the best run is kept.

    python bench/bench_audit.py                # full run, print a table
    python bench/bench_audit.py --quick        # 1,000 and 3,000 rows, a smoke run
    python bench/bench_audit.py --write-docs   # also rewrite docs/benchmarks.md's bench_audit section

Only figures are printed or written; reply texts never leave the data folder (the
command's outputs go to a temporary folder that is deleted afterwards).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _docs import write_section  # noqa: E402  (the bench scripts' shared docs writer)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "twcs" / "replies.jsonl"
DOC = REPO / "docs" / "benchmarks.md"
TARGET_RATIO = 3.0
TARGET_RSS_MB = 1536


# --------------------------------------------------------------------------- measuring a command


@dataclass
class Run:
    label: str
    rows: int
    wall: float = 0.0
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    peak_one_mb: float = 0.0
    processes: int = 0
    linted: int = 0
    inner: float = 0.0  # the command's own elapsed time (start-up of the interpreter not included)
    exit: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.rows / self.wall if self.wall else 0.0


def _tree_memory(root: Any) -> tuple[float, float, float, int]:
    import psutil

    procs = [root]
    try:
        procs += root.children(recursive=True)
    except psutil.Error:
        pass
    rss = pss = one = 0.0
    n = 0
    for p in procs:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        n += 1
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
        one = max(one, info.rss)
    mb = 1024 * 1024
    return rss / mb, pss / mb, one / mb, n


def run_command(label: str, input_path: Path, rows: int, out: Path, extra: list[str]) -> Run:
    import psutil

    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "replylint.cli", "audit", str(input_path),
           "-o", str(out / "results.parquet"), "--findings", str(out / "findings.parquet"),
           "--report", str(out / "report.html"), "--no-progress", "--no-agent-name", *extra]
    run = Run(label, rows)
    stop = threading.Event()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=out, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)

    def sample() -> None:
        while not stop.is_set():
            rss, pss, one, n = _tree_memory(root)
            run.peak_rss_mb = max(run.peak_rss_mb, rss)
            run.peak_pss_mb = max(run.peak_pss_mb, pss)
            run.peak_one_mb = max(run.peak_one_mb, one)
            run.processes = max(run.processes, n)
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    run.wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    run.exit = proc.returncode
    if proc.returncode != 0:
        raise SystemExit(f"{label}: the command failed ({proc.returncode}): {err.decode()[-800:]}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    run.linted = summary["rows"]["linted"]
    run.inner = summary["run"]["elapsed_seconds"]
    run.extra = {"errors": summary["rows"]["errors"], "executor": summary["run"]["executor"],
                 "workers": summary["run"]["workers"], "mean_score": summary["score"]["mean"],
                 "ruleset": summary["ruleset"]}
    return run


# --------------------------------------------------------------------------- proselint


def proselint_rps(texts: list[str]) -> tuple[float, int, int]:
    """proselint's in-process API, as its CLI uses it (and as bench_check.py measures it)."""
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    enabled = len(registry.get_all_enabled(DEFAULT["checks"]))
    warm = ["Hi there, thanks for reaching out!", "Please DM us your order number so we can help."] * 50
    for text in warm:
        LintFile("<reply>", text).lint(DEFAULT)
    t0 = time.perf_counter()
    for text in texts:
        if text:
            LintFile("<reply>", text).lint(DEFAULT)
    return len(texts) / (time.perf_counter() - t0), len(registry.checks), enabled


def engine_rps(texts: list[str]) -> float:
    """The engine alone: Linter.check_many over the replies in this process (one core), warmed."""
    from replylint import Linter

    linter = Linter()
    linter.warm_up()
    t0 = time.perf_counter()
    for _ in linter.check_many(texts):
        pass
    return len(texts) / (time.perf_counter() - t0)


# --------------------------------------------------------------------------- environment


def environment() -> dict[str, str]:
    import proselint.version as plv
    import spacy

    import replylint

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--", "src", "rules"):
        commit += " + uncommitted changes in src/ or rules/"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "replylint": replylint.__version__, "spacy": spacy.__version__,
        "proselint": getattr(plv, "__version__", "?"), "nproc": str(os.cpu_count()), "cpu": cpu, "commit": commit,
        "loadavg": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


# --------------------------------------------------------------------------- report


def table(runs: dict[str, Run], pl: dict[int, float], env: dict[str, str], sizes: list[int],
          pl_checks: tuple[int, int], load_end: str, every: dict[str, list[float]],
          pl_all: dict[int, list[float]], engine: float) -> str:
    small, large = sizes
    local_s, local_l = runs["local-small"], runs["local-large"]

    def r(run: Run) -> str:
        runs_ = every.get(run.label, [])
        others = f"; runs: {', '.join(f'{x:,.0f}' for x in runs_)}" if len(runs_) > 1 else ""
        return f"{run.rps:,.0f} replies/s ({run.wall:.1f} s for {run.rows:,}{others})"

    def p(n: int) -> str:
        all_ = pl_all.get(n, [])
        others = f" (runs: {', '.join(f'{x:,.0f}' for x in all_)})" if len(all_) > 1 else ""
        return f"{pl[n]:,.0f} replies/s{others}"

    def mem(run: Run) -> str:
        return (f"{run.peak_rss_mb:,.0f} MB RSS / {run.peak_pss_mb:,.0f} MB PSS "
                f"({run.processes} processes; largest {run.peak_one_mb:,.0f} MB)")

    lines = [
        "## `replylint audit`, the whole command",
        "",
        f"Measured by `python bench/bench_audit.py --write-docs` on {env['date']}: {env['python']}, "
        f"replylint {env['replylint']} at commit `{env['commit']}` (ruleset {local_s.extra['ruleset']}), "
        f"spaCy {env['spacy']}, proselint {env['proselint']}.",
        f"Machine: nproc {env['nproc']}, CPU {env['cpu']}, load average at start {env['loadavg']}, "
        f"at the end {load_end}. **This machine is shared**: other sessions' processes ran during the "
        "measurement, so absolute figures are pessimistic and vary from run to run. Each 10k configuration "
        "ran several times, alternating with the others, and the best run is shown (all runs listed); "
        "proselint ran right after the command on the same rows.",
        "",
        "Input: `twcs/replies.jsonl` (real support tweets; the reply text is the `reply` field, mean 129 "
        f"characters), the first {small:,} rows and all {large:,}. Each run writes results.parquet, "
        "findings.parquet, the errors file, summary.json and report.html.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| whole command, {small:,} rows, {local_s.extra['workers']} worker processes | {r(local_s)} |",
        f"| whole command, {large:,} rows, {local_l.extra['workers']} worker processes | {r(local_l)} |",
        f"| whole command, {small:,} rows, 1 process (`--workers 1`) | {r(runs['local-one'])} |",
        f"| the command's own elapsed time (no interpreter start-up), {small:,} / {large:,} rows | "
        f"{local_s.inner:.1f} s / {local_l.inner:.1f} s |",
        f"| the engine alone: `Linter.check_many` in one process, {small:,} replies | {engine:,.0f} replies/s |",
        f"| proselint {env['proselint']} in-process, {small:,} replies | {p(small)} |",
        f"| proselint {env['proselint']} in-process, {large:,} replies | {p(large)} |",
        f"| peak memory, {small:,} rows | {mem(local_s)} |",
        f"| peak memory, {large:,} rows | {mem(local_l)} |",
    ]
    if "dask-1" in runs:
        d1, d2 = runs["dask-1"], runs["dask-2"]
        lines += [
            f"| `--dask local:1` (1 worker process, 1 thread), {small:,} rows | {r(d1)}; own elapsed {d1.inner:.1f} s |",
            f"| `--dask local:2` (2 worker processes, 1 thread each), {small:,} rows | {r(d2)}; own elapsed {d2.inner:.1f} s |",
        ]
    lines += ["", "| target | measured | status |", "|---|---|---|"]
    for size, run in ((small, local_s), (large, local_l)):
        ratio = run.rps / pl[size]
        lines.append(f"| whole command >= {TARGET_RATIO:.0f}x proselint's replies/s ({size:,} rows) | "
                     f"{ratio:.2f}x ({run.rps:,.0f} vs {pl[size]:,.0f}) | {'met' if ratio >= TARGET_RATIO else 'NOT met'} |")
    for size, run in ((small, local_s), (large, local_l)):
        ok = run.peak_rss_mb <= TARGET_RSS_MB
        lines.append(f"| peak RSS <= 1.5 GB ({size:,} rows) | {run.peak_rss_mb:,.0f} MB (sum over the process tree) | "
                     f"{'met' if ok else 'NOT met'} |")
    growth = local_l.peak_rss_mb / local_s.peak_rss_mb if local_s.peak_rss_mb else 0
    lines.append(f"| memory flat from {small:,} to {large:,} rows | x{growth:.2f} RSS "
                 f"({local_s.peak_rss_mb:,.0f} → {local_l.peak_rss_mb:,.0f} MB) | {'met' if growth <= 1.15 else 'NOT met'} |")
    if "dask-1" in runs:
        d1, d2 = runs["dask-1"], runs["dask-2"]
        lines.append(f"| Dask speed-up, 2 worker processes vs 1 | x{d1.wall / d2.wall:.2f} whole command, "
                     f"x{d1.inner / d2.inner:.2f} own elapsed | reported |")
    lines.append(f"| local speed-up, {local_s.extra['workers']} processes vs 1 | "
                 f"x{runs['local-one'].wall / local_s.wall:.2f} whole command | reported |")
    marginal = (large - small) / (local_l.wall - local_s.wall) if local_l.wall > local_s.wall else 0.0
    fixed = local_s.wall - small / marginal if marginal else 0.0
    lines += [
        "",
        f"Where the time goes: between {small:,} and {large:,} rows the command adds {large - small:,} replies in "
        f"{local_l.wall - local_s.wall:.1f} s, a marginal {marginal:,.0f} replies/s with "
        f"{local_l.extra['workers']} processes; the rest of the {small:,}-row run, about {fixed:.1f} s, is fixed cost "
        "(interpreter and imports, building the Linter and warming it — the speller's index loads from the user's "
        "cache in about half a second after the first run, see docs/configuration.md — forking the workers, merging "
        "the Parquet parts, the report). The engine alone lints "
        f"{engine:,.0f} replies/s on one core, about proselint's {pl[small]:,.0f}: with two cores the command's "
        f"ceiling is about twice proselint's rate, so the 3x target needs a faster engine (per-reply cost), "
        "not more audit machinery — see the engine notes in docs/audit.md.",
        "",
        "How it is measured:",
        "",
        "- **Whole command**: wall time from launching `python -m replylint.cli audit INPUT -o results.parquet "
        "--findings findings.parquet --report report.html --no-progress --no-agent-name` to its exit: interpreter "
        "start-up, imports, building and warming the Linter, reading, linting, writing, the report. "
        "replies/s = input rows / that time.",
        "- **Memory**: every 0.5 s the script sums RSS and PSS over the command's process tree (the command and "
        "its worker processes; for Dask also the scheduler-side nannies and workers it starts). RSS counts the "
        "model pages that the forked workers share with the parent once per process; PSS splits them.",
        f"- **proselint**: in this process, every check registered ({pl_checks[0]} checks, {pl_checks[1]} enabled "
        "by default), `LintFile(\"<reply>\", text).lint(DEFAULT)` per reply on the same replies, after a warm-up "
        "on 100 invented short texts, right after the command's run on the same rows; one core (it has no "
        "parallel API). Its figure has no start-up in it; the command's has.",
        "- **Dask**: the same command with `--dask local:N`: a LocalCluster of N worker processes with one thread "
        "each, started by the command; its time includes starting the cluster and each worker loading the model.",
        "- Reply texts are customer text: the script prints and writes figures only; the outputs go to a "
        "temporary folder that is deleted.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1,000 and 3,000 rows")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--repeat", type=int, default=2,
                    help="runs of each small-set configuration, alternating; the best is kept (default 2)")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} not found (the shared data folder beside the repository)")
    env = environment()
    with DATA.open(encoding="utf-8") as fh:
        lines = fh.readlines()
    sizes = [1000, 3000] if args.quick else [10_000, len(lines)]
    texts = [json.loads(line)["reply"] for line in lines[: sizes[1]]]
    runs: dict[str, Run] = {}
    every: dict[str, list[float]] = {}
    pl: dict[int, float] = {}
    pl_all: dict[int, list[float]] = {}
    checks = (0, 0)

    def proselint(n: int) -> None:
        nonlocal checks
        rps, total, enabled = proselint_rps(texts[:n])
        checks = (total, enabled)
        pl_all.setdefault(n, []).append(rps)
        pl[n] = max(pl_all[n])
        print(f"  proselint {n:,}: {rps:,.0f} replies/s", file=sys.stderr, flush=True)

    def measure(label: str, path: Path, n: int, extra: list[str], base: Path) -> None:
        print(f"[bench_audit] {label}: {n:,} rows {' '.join(extra)} (load {os.getloadavg()[0]:.2f})",
              file=sys.stderr, flush=True)
        run = run_command(label, path, n, base / label, extra)
        every.setdefault(label, []).append(run.rps)
        best = runs.get(label)
        if best is None or run.wall < best.wall:
            runs[label] = run
        print(f"  {run.rps:,.0f} replies/s, {run.wall:.1f} s, peak {run.peak_rss_mb:,.0f} MB RSS / "
              f"{run.peak_pss_mb:,.0f} MB PSS", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        base = Path(tmp)
        small = base / "small.jsonl"
        small.write_text("".join(lines[: sizes[0]]), encoding="utf-8")
        large = base / "large.jsonl"
        large.write_text("".join(lines[: sizes[1]]), encoding="utf-8")
        plan = [("local-small", []), ("local-one", ["--workers", "1"])]
        if not args.no_dask:
            plan += [("dask-1", ["--dask", "local:1"]), ("dask-2", ["--dask", "local:2"])]
        # Other sessions share this machine: each small-set configuration runs --repeat
        # times, alternating with the others and with proselint, and the best run is kept.
        for _ in range(max(1, args.repeat)):
            for label, extra in plan:
                measure(label, small, sizes[0], extra, base)
                if label == "local-small":
                    proselint(sizes[0])
        measure("local-large", large, sizes[1], [], base)
        proselint(sizes[1])
    print("[bench_audit] the engine alone", file=sys.stderr, flush=True)
    engine = engine_rps(texts[: sizes[0]])
    print(f"  {engine:,.0f} replies/s", file=sys.stderr, flush=True)
    load_end = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    section = table(runs, pl, env, sizes, checks, load_end, every, pl_all, engine)
    print(section)
    if args.write_docs and not args.quick:
        write_section("bench_audit", section)
        print(f"[bench_audit] wrote {DOC.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
