"""Benchmark `replylint serve`: POST /v1/check under load, latency, throughput, errors, memory.

Starts the server as a child process (``python -m replylint.cli serve`` on a free
127.0.0.1 port, access log on, as deployed), then for each reply set and each
concurrency drives ``/v1/check`` with a closed-loop load generator for a fixed time:
N client threads, each with its own keep-alive connection, each sending the next
reply as soon as its previous answer has arrived.

Sets:
- ``ibm-cdp``: every reply of ../shared/data/ibm-cdp (real support tweets), with the
  customer's message as context (as bench_check.py does);
- ``long-emails``: 50 longer e-mail replies (150-300 words) written for this bench,
  bench/data/long_emails.jsonl, with customer name, channel and message as context.

Reported per run: p50/p95/p99/max latency (client-side wall time per request, so it
includes HTTP and JSON both ways), requests per second, errors (anything but a 200, or
a broken connection), and the server's RSS 10 s into the run and at its end.

    python bench/bench_serve.py                 # 60 s per run: 2 sets x concurrency 1 and 8
    python bench/bench_serve.py --duration 15   # a quicker look
    python bench/bench_serve.py --write-docs    # also rewrite docs/benchmarks.md's bench_serve section

Loopback only; every loop is bounded in time. Only figures are printed or written:
reply texts are customer text and never leave the data folder. After the runs the
server's whole log is searched for every reply sent (it must contain none).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import itertools
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("REPLYLINT_DATA", REPO.parent / "shared" / "data"))
IBM = DATA / "ibm-cdp" / "replies.jsonl"
LONG = REPO / "bench" / "data" / "long_emails.jsonl"
DOC = REPO / "docs" / "benchmarks.md"

TARGET_P95_MS = 30.0     # at concurrency 1, on both sets
TARGET_RSS_GROWTH = 5.0  # % between 10 s into a run and its end
RSS_EARLY_S = 10.0


# --------------------------------------------------------------------------- data


@dataclass
class ReplySet:
    name: str
    label: str
    bodies: list[bytes]
    texts: list[str]
    words: float


def _words(text: str) -> int:
    return len(text.split())


def load_sets(names: list[str]) -> list[ReplySet]:
    out = []
    for name in names:
        if name == "ibm-cdp":
            rows = [json.loads(line) for line in IBM.open(encoding="utf-8")]
            reqs = [{"text": r["reply"], "context": {"customer_message": r.get("customer_message") or None}}
                    for r in rows]
            label = f"ibm-cdp, {len(rows):,} real replies"
        elif name == "long-emails":
            rows = [json.loads(line) for line in LONG.open(encoding="utf-8")]
            reqs = [{"text": r["reply"], "context": {"customer_name": r["customer_name"], "channel": r["channel"],
                                                     "customer_message": r["customer_message"]}} for r in rows]
            label = f"long e-mails, {len(rows)} written for the bench"
        else:
            raise SystemExit(f"unknown set {name!r}")
        texts = [r["text"] for r in reqs]
        words = sum(_words(t) for t in texts) / len(texts)
        bodies = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in reqs]
        out.append(ReplySet(name, f"{label} (mean {words:.0f} words)", bodies, texts, words))
    return out


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`replylint serve` as a child process, its log in a temporary file."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.log = Path(tempfile.mkstemp(prefix="bench-serve-", suffix=".log")[1])
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("REPLYLINT_API_TOKEN", None)
        with self.log.open("wb") as fh:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "replylint.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                cwd=REPO, stdout=fh, stderr=subprocess.STDOUT, env=env,
            )
        self.started = time.perf_counter()
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = request(self.port, "GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start:\n" + self.log.read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        self.ready_s = time.perf_counter() - self.started

    def rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used so far (all its threads)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return float("nan")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


# --------------------------------------------------------------------------- load


@dataclass
class Run:
    set_name: str
    set_label: str
    concurrency: int
    duration: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    rss_early: float = float("nan")
    rss_end: float = float("nan")
    rss_samples: list[tuple[float, float]] = field(default_factory=list)
    check_ms: list[float] = field(default_factory=list)   # the server's own Server-Timing "check"
    check_cpu_ms: list[float] = field(default_factory=list)  # ... and "cpu", the check's CPU time
    cpu_s: float = float("nan")                            # server process CPU time during the run
    verdicts: dict[str, int] = field(default_factory=dict)

    def pct(self, q: float, xs: list[float] | None = None) -> float:
        xs = sorted(self.latencies_ms if xs is None else xs)
        if not xs:
            return float("nan")
        k = (len(xs) - 1) * q / 100
        lo = int(k)
        hi = min(lo + 1, len(xs) - 1)
        return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.duration if self.duration else 0.0

    def check_pct(self, q: float) -> float:
        return self.pct(q, self.check_ms)

    def cpu_pct(self, q: float) -> float:
        return self.pct(q, self.check_cpu_ms)

    @property
    def overhead_cpu_ms(self) -> float:
        """Server CPU per request outside the check (HTTP, JSON, logging), on average."""
        if not self.check_cpu_ms:
            return float("nan")
        return self.cpu_ms_per_request - sum(self.check_cpu_ms) / len(self.check_cpu_ms)

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_s * 1000 / len(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def growth(self) -> float:
        return (self.rss_end - self.rss_early) / self.rss_early * 100


def drive(server: Server, rs: ReplySet, concurrency: int, duration: float) -> Run:
    """Closed loop: `concurrency` threads, each one request at a time, for `duration` seconds."""
    run = Run(rs.name, rs.label, concurrency, duration)
    counter = itertools.count()
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration
    n = len(rs.bodies)

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        headers = {"Content-Type": "application/json"}
        lat: list[float] = []
        checks: list[float] = []
        cpus: list[float] = []
        errs: dict[str, int] = {}
        verdicts: dict[str, int] = {}
        clock = time.perf_counter
        while clock() < stop_at:
            body = rs.bodies[next(counter) % n]
            t0 = clock()
            try:
                conn.request("POST", "/v1/check", body=body, headers=headers)
                res = conn.getresponse()
                data = res.read()
                dt_ms = (clock() - t0) * 1000
                if res.status != 200:
                    errs[f"HTTP {res.status}"] = errs.get(f"HTTP {res.status}", 0) + 1
                    continue
                lat.append(dt_ms)
                timing = res.getheader("server-timing", "")
                checks.append(server_timing(timing, "check"))
                cpus.append(server_timing(timing, "cpu"))
                v = json.loads(data)["verdict"]
                verdicts[v] = verdicts.get(v, 0) + 1
            except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
                errs[type(exc).__name__] = errs.get(type(exc).__name__, 0) + 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.close()
        with lock:
            run.latencies_ms.extend(lat)
            run.check_ms.extend(c for c in checks if not math.isnan(c))
            run.check_cpu_ms.extend(c for c in cpus if not math.isnan(c))
            for k, v in errs.items():
                run.error_kinds[k] = run.error_kinds.get(k, 0) + v
                run.errors += v
            for k, v in verdicts.items():
                run.verdicts[k] = run.verdicts.get(k, 0) + v

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    cpu_start = server.cpu_s()
    t_start = time.perf_counter()
    for t in threads:
        t.start()
    # Sample the server's memory once a second while the load runs.
    early_taken = False
    while any(t.is_alive() for t in threads):
        elapsed = time.perf_counter() - t_start
        if not early_taken and elapsed >= RSS_EARLY_S:
            run.rss_early = server.rss_mb()
            early_taken = True
        run.rss_samples.append((round(elapsed, 1), server.rss_mb()))
        time.sleep(min(1.0, max(0.05, stop_at - time.perf_counter())) if time.perf_counter() < stop_at else 0.05)
    run.rss_end = server.rss_mb()
    for t in threads:
        t.join()
    run.cpu_s = server.cpu_s() - cpu_start
    return run


def server_timing(header: str, name: str) -> float:
    """One metric's duration (ms) from a Server-Timing header, or NaN."""
    for part in header.split(","):
        metric, _, params = part.strip().partition(";")
        if metric == name:
            for p in params.split(";"):
                key, _, value = p.strip().partition("=")
                if key == "dur":
                    return float(value)
    return float("nan")


def warm(server: Server, rs: ReplySet) -> float:
    """One untimed pass over the set, so every run starts on a warm process."""
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    for body in rs.bodies:
        conn.request("POST", "/v1/check", body=body, headers={"Content-Type": "application/json"})
        conn.getresponse().read()
    conn.close()
    return time.perf_counter() - t0


def leaked(log: Path, texts: list[str]) -> int:
    """How many replies (a 40-character slice from the middle of each) appear in the server's log."""
    content = " ".join(log.read_text(encoding="utf-8", errors="replace").split())
    count = 0
    for t in texts:
        t = " ".join(t.split())
        probe = t[len(t) // 2 - 20 : len(t) // 2 + 20] if len(t) > 60 else t
        if probe and probe in content:
            count += 1
    return count


# --------------------------------------------------------------------------- report


def environment() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import fastapi
    import uvicorn

    import replylint

    commit = _git("rev-parse", "--short", "HEAD")
    if not commit:  # a plain export of the tree (git archive): say what it was exported from
        commit = os.environ.get("REPLYLINT_BENCH_COMMIT", "unknown")
    elif _git("status", "--porcelain", "--", "src", "rules"):
        commit += " + uncommitted changes in src/ or rules/"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "replylint": replylint.__version__,
        "fastapi": fastapi.__version__,
        "uvicorn": uvicorn.__version__,
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "commit": commit,
        "load_start": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def markdown(env: dict[str, str], runs: list[Run], server: dict[str, Any], duration: float) -> str:
    rows = []
    for r in runs:
        rows.append(
            f"| {r.set_label} | {r.concurrency} | {r.pct(50):.1f} / {r.pct(95):.1f} / {r.pct(99):.1f} | "
            f"{r.pct(100):.1f} | {r.check_pct(50):.1f} / {r.check_pct(95):.1f} | "
            f"{r.cpu_pct(50):.1f} / {r.cpu_pct(95):.1f} | {r.cpu_ms_per_request:.1f} | "
            f"{r.rps:,.0f} | {r.requests:,} | {r.errors} | "
            f"{r.rss_early:.0f} → {r.rss_end:.0f} MB ({r.growth:+.1f} %) |"
        )
    targets = []
    for r in runs:
        if r.concurrency == 1:
            ok = r.pct(95) <= TARGET_P95_MS
            targets.append(f"| p95 <= {TARGET_P95_MS:.0f} ms at concurrency 1, {r.set_name} | "
                           f"{r.pct(95):.1f} ms | {'met' if ok else 'NOT met'} |")
    estimates = []
    for r in runs:
        if r.concurrency == 1:
            est = r.cpu_pct(95) + r.overhead_cpu_ms
            estimates.append(f"{r.set_name} {est:.1f} ms")
    errors = sum(r.errors for r in runs)
    targets.append(f"| no errors | {errors} in {sum(r.requests for r in runs):,} requests | "
                   f"{'met' if errors == 0 else 'NOT met'} |")
    worst = max(runs, key=lambda r: abs(r.growth))
    targets.append(f"| RSS at the end of each run within {TARGET_RSS_GROWTH:.0f} % of RSS at 10 s | "
                   f"worst {worst.growth:+.1f} % ({worst.set_name}, concurrency {worst.concurrency}) | "
                   f"{'met' if all(abs(r.growth) <= TARGET_RSS_GROWTH for r in runs) else 'NOT met'} |")
    return f"""## `replylint serve`: POST /v1/check under load

Measured by `python bench/bench_serve.py --write-docs` on {env['date']}: {env['python']},
replylint {env['replylint']} at commit `{env['commit']}`, FastAPI {env['fastapi']}, uvicorn {env['uvicorn']}
(one process, access log on). Machine: nproc {env['nproc']}, CPU {env['cpu']}; load average
{env['load_start']} at the start and {server['load_end']} at the end (the machine is shared: other
work running at the same time shows up in these figures). Server ready {server['ready_s']:.1f} s after
start (model loaded once, before the first request); RSS {server['rss_ready']:.0f} MB when ready.

| set | concurrency | latency p50 / p95 / p99 (ms) | max (ms) | of which the check p50 / p95 (ms) | the check's CPU time p50 / p95 (ms) | server CPU per request (ms) | requests/s | requests | errors | server RSS 10 s → end |
|---|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Targets:

| target | measured | status |
|---|---|---|
{chr(10).join(targets)}

What the service costs on a core of its own, from the CPU times above (an estimate, not a
measurement): the check's CPU time p95 plus the mean CPU time outside the check, at
concurrency 1: {"; ".join(estimates)}. The gap to the wall-clock p95 is time spent waiting
for a CPU on the shared machine.

Privacy: the server's whole log ({server['log_lines']:,} lines) was searched for every reply sent;
{server['leaks']} found.

How it is measured:

- Each run lasts {duration:.0f} s. The load generator runs in the bench's own process: N threads,
  each with its own keep-alive HTTP/1.1 connection, each sending the next reply (in file order,
  wrapping around) as soon as the previous answer has arrived (a closed loop). Latency is the
  client's wall time per request: request out, whole JSON report in.
- The server and the load generator share the machine's 2 cores; at concurrency 8 requests
  queue for the one Linter (checks run one at a time), so latency there is mostly waiting.
- Before the runs, each set is sent once, untimed. Each check runs inside spaCy's memory zone,
  so a reply's new words are not kept in the vocabulary; the same texts are not cheaper the
  second time round.
- "Of which the check" is the server's own `Server-Timing: check;dur=…` (the Linter's work,
  without the wait for it, HTTP or JSON) and "the check's CPU time" its `cpu;dur=…`
  (`time.thread_time()` around the check); "server CPU per request" is the server process's
  user + system CPU time over the run (/proc/PID/stat) divided by the requests answered. On a
  busy machine wall times stretch while CPU time per request stays about the same, so the
  two together show what the service costs and what the machine added.
- Errors: any answer but 200, or a broken connection. RSS is the server process's VmRSS
  from /proc, sampled once a second; compared 10 s into each run and at its end.
- ibm-cdp replies carry the customer's message as context; the long e-mails carry the
  customer's name, `channel = "email"` and the customer's message.
- The 50 long e-mails (bench/data/long_emails.jsonl) were written for this bench: fictional
  customers and companies, 176-223 words each, some with the faults replylint looks for
  ("Dear Customer", "kindly", an unfilled placeholder, stiff formal phrasing).
"""


def write_docs(section: str) -> None:
    """Rewrite the bench_serve section of docs/benchmarks.md (bench/_docs.py, shared by the benches)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _docs import write_section

    write_section("bench_serve", section.strip() + "\n", DOC)
    print(f"wrote {DOC.relative_to(REPO)}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=float, default=60.0, help="seconds per run (default 60)")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--sets", nargs="+", default=["ibm-cdp", "long-emails"], choices=["ibm-cdp", "long-emails"])
    ap.add_argument("--write-docs", action="store_true", help="rewrite docs/benchmarks.md's bench_serve section")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args()
    if args.duration > 600 or args.duration <= 0:
        ap.error("--duration must be in (0, 600]")
    if args.write_docs and args.duration < RSS_EARLY_S * 2:
        ap.error("--write-docs needs runs of at least 20 s")

    sets = load_sets(args.sets)
    env = environment()
    server = Server(free_port())
    info: dict[str, Any] = {"ready_s": server.ready_s, "rss_ready": server.rss_mb()}
    print(f"server ready in {server.ready_s:.1f} s, RSS {info['rss_ready']:.0f} MB; load {env['load_start']}",
          file=sys.stderr)
    runs: list[Run] = []
    try:
        for rs in sets:
            print(f"warming with {rs.label}: {warm(server, rs):.1f} s", file=sys.stderr)
            for c in args.concurrency:
                run = drive(server, rs, c, args.duration)
                runs.append(run)
                print(f"{rs.name:12} c={c}: p50 {run.pct(50):6.1f}  p95 {run.pct(95):6.1f}  p99 {run.pct(99):6.1f}  "
                      f"max {run.pct(100):7.1f} ms  check p50 {run.check_pct(50):5.1f} p95 {run.check_pct(95):5.1f}  "
                      f"check cpu p95 {run.cpu_pct(95):5.1f}  cpu/req {run.cpu_ms_per_request:5.1f} ms  "
                      f"{run.rps:7.1f} req/s  errors {run.errors} {run.error_kinds or ''}  "
                      f"RSS {run.rss_early:.0f} -> {run.rss_end:.0f} MB ({run.growth:+.1f} %)", file=sys.stderr)
    finally:
        server.stop()
    info["load_end"] = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    info["log_lines"] = len(server.log.read_text(errors="replace").splitlines())
    info["leaks"] = leaked(server.log, [t for rs in sets for t in rs.texts])
    server.log.unlink(missing_ok=True)

    section = markdown(env, runs, info, args.duration)
    print(section)
    if args.json:
        args.json.write_text(json.dumps({"env": env, "server": info, "runs": [{
            "set": r.set_name, "concurrency": r.concurrency, "p50": r.pct(50), "p95": r.pct(95), "p99": r.pct(99),
            "max": r.pct(100), "check_p50": r.check_pct(50), "check_p95": r.check_pct(95),
            "check_cpu_p50": r.cpu_pct(50), "check_cpu_p95": r.cpu_pct(95),
            "cpu_ms_per_request": r.cpu_ms_per_request, "rps": r.rps, "requests": r.requests, "errors": r.errors,
            "rss_early": r.rss_early, "rss_end": r.rss_end, "rss_samples": r.rss_samples, "verdicts": r.verdicts,
        } for r in runs]}, indent=2))
    if args.write_docs:
        write_docs(section)
    failed = [r for r in runs if r.errors] or [r for r in runs if r.concurrency == 1 and r.pct(95) > TARGET_P95_MS]
    return 1 if failed or info["leaks"] else 0


if __name__ == "__main__":
    sys.exit(main())
