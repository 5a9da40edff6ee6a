"""The audit run: read, lint in parallel, write in commits, resume, summarize.

Data flow::

    readers ──(seq, Item | Bad | Skipped)──► chunks of ~64 replies
        ──► executor (inline · local process pool · Dask cluster): lint_items() per chunk
        ──► results handled IN INPUT ORDER ──► sinks (results, findings, errors) + Aggregator
        ──► commit every N rows / S seconds: sinks flushed, then the journal (next seq,
            sink sizes or parts, aggregator state) replaced atomically
        ──► at the end: Parquet parts merged, summary.json and report.html written

Memory is bounded by the chunks in flight (a few per worker), the sinks' uncommitted
buffer (one commit's rows) and the aggregator (counts and a fixed number of examples).
``seq`` numbers every element of the input stream; the journal's ``next_seq`` is the
watermark: ``--resume`` skips the first ``next_seq`` elements without linting them,
after cutting every output back to the journal, so no row is written twice or lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .. import __version__
from ..engine import Linter
from ..findings import Severity, fingerprint
from ..scoring import overall_score, trait_scores, verdict
from ..traits import DISPLAY_ORDER
from . import readers, writers
from .redact import redact, redact_value
from .rows import Bad, Item, Skipped
from .summary import Aggregator
from .templates import TemplateConfig, apply_template_mode

JOURNAL_VERSION = 1


class AuditError(Exception):
    """A run that cannot start or go on (usage, resume mismatch): message for the user."""


class Interrupted(Exception):
    """Ctrl-C or SIGTERM: what was handled is committed; ``--resume`` goes on."""

    def __init__(self, written: int) -> None:
        super().__init__(f"interrupted after {written:,} rows; run the same command with --resume to continue")
        self.written = written


# =========================================================================== worker side


@dataclass
class Job:
    """What a worker needs to lint a chunk; small and picklable (sent to Dask workers)."""

    settings: dict[str, Any]
    ruleset: str
    redact: bool = False
    templates: dict[str, Any] | None = None
    templates_all: bool = False
    agent_as_name: bool = True

    @property
    def key(self) -> str:
        return hashlib.sha256(json.dumps(self.settings, sort_keys=True, default=str).encode()).hexdigest()


_LINTERS: dict[str, Linter] = {}
_LOCK = threading.Lock()
_STATS: dict[str, int] = {"rows": 0, "chunks": 0, "linter_builds": 0}


def warm_up(linter: Linter, full: bool = False) -> None:
    """Load what the first checks would load lazily, once.

    ``full`` (``Linter.warm_up()``: the speller's index, word frequencies, the language
    identifier, ~2-5 s) is for a local pool, which warms before it forks so the workers
    share the loaded state instead of each building it. Otherwise only spaCy's pipeline
    is touched and the rest loads on first need (a Dask worker: on its first misspelling).
    """
    if full and hasattr(linter, "warm_up"):
        linter.warm_up()
        return
    linter.check("Hi Dana, thanks for your order. It ships today!")


def register_linter(job: Job, linter: Linter) -> None:
    """Use this Linter for ``job`` in this process (and in processes forked from it)."""
    _LINTERS[job.key] = linter


def linter_for(job: Job) -> Linter:
    """The process's Linter for these settings: built and warmed once per process."""
    linter = _LINTERS.get(job.key)
    if linter is not None:
        return linter
    with _LOCK:
        return _LINTERS.get(job.key) or _build(job)


def _build(job: Job) -> Linter:
    from ..config import Settings

    linter = Linter(Settings.model_validate(job.settings))
    if linter.ruleset != job.ruleset:
        raise RuntimeError(
            f"this worker's rules differ from the client's (ruleset {linter.ruleset} vs {job.ruleset}): "
            "install the same replylint version, plugins and rule packs on every worker"
        )
    warm_up(linter)
    _STATS["linter_builds"] += 1
    _LINTERS[job.key] = linter
    return linter


def worker_stats() -> dict[str, Any]:
    """How many rows this process linted and how often it built a Linter (for tests, ops)."""
    return {"pid": os.getpid(), **_STATS}


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


_WORD = __import__("re").compile(r"[^\W_]+(?:['’][^\W_]+)*")


def lint_items(items: list[Item], job: Job) -> list[tuple[str, Any]]:
    """Lint a chunk: ("ok", result row) or ("bad", error dict) per item, in order."""
    from ..context import Context

    linter = linter_for(job)
    template_cfg = TemplateConfig.from_dict(job.templates) if job.templates else None
    inputs = []
    for it in items:
        ctx = Context(customer_name=it.customer_name, agent_name=it.agent if job.agent_as_name else None,
                      channel=it.channel, customer_message=it.customer_message)  # type: ignore[arg-type]
        inputs.append((it.text[:it.lint_end], ctx))
    out: list[tuple[str, Any]] = []
    for it, report in zip(items, linter.check_many(inputs, batch_size=max(1, len(inputs)))):
        if not report.checked:
            reason = "; ".join(n.message for n in report.notices) or "the reply could not be checked"
            out.append(("bad", Bad(it.source, it.row, "not_checked", reason, line=it.line, id=it.id).to_dict()))
            continue
        findings = [_finding_dict(f) for f in report.findings]
        traits, score, verdict_ = dict(report.traits), report.score, report.verdict
        if template_cfg is not None and (it.macro or job.templates_all):
            findings, changed = apply_template_mode(findings, it.text, it.lint_end, template_cfg, fingerprint)
            if changed:
                traits, score, verdict_ = _rescore(findings, it.text[:it.lint_end], linter)
        row = {
            "id": it.id, "source": it.source, "row": it.row, "title": it.title, "usage": it.usage,
            "customer_name": it.customer_name, "agent": it.agent, "team": it.team, "channel": it.channel,
            "created_at": it.created_at, "customer_message": it.customer_message,
            "score": score, **{t: traits[t] for t in DISPLAY_ORDER}, "verdict": verdict_,
            "findings_count": len(findings), "findings": findings, "notices": [n.kind for n in report.notices],
            "ruleset": report.ruleset, "linted_chars": it.lint_end, "text": it.text, "macro": it.macro,
        }
        if job.redact:
            row = _redacted(row)
        out.append(("ok", row))
    _STATS["rows"] += len(items)
    _STATS["chunks"] += 1
    return out


def _finding_dict(f: Any) -> dict[str, Any]:
    sg = f.suggestions[0] if f.suggestions else None
    return {"id": f.id, "rule": f.rule, "trait": f.trait, "severity": f.severity.value, "start": f.start,
            "end": f.end, "passage": f.passage, "message": f.message, "confidence": float(f.confidence),
            "suggestion": sg.title if sg else None, "applicability": sg.applicability.value if sg else None}


def _rescore(findings: list[dict[str, Any]], text: str, linter: Linter) -> tuple[dict[str, int], int, str]:
    objs = [SimpleNamespace(severity=Severity(f["severity"]), confidence=f["confidence"], trait=f["trait"])
            for f in findings]
    traits = trait_scores(objs, len(_WORD.findall(text)))  # type: ignore[arg-type]
    score = overall_score(traits)
    return traits, score, verdict(objs, score, linter.settings.verdict)  # type: ignore[arg-type]


_KEEP_CLEAR = {"id", "source", "row", "created_at", "ruleset", "verdict", "channel"}


def _redacted(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        out[k] = v if k in _KEEP_CLEAR else redact_value(v)
    return out


# =========================================================================== executors


class _Done:
    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


class InlineExecutor:
    """Lint in this process (``--workers 1``)."""

    name = "inline"
    capacity = 1

    def __init__(self, job: Job) -> None:
        self.job = job

    def submit(self, items: list[Item]) -> Any:
        return _Done(lint_items(items, self.job))

    def close(self, cancel: bool = False) -> None:
        pass


class PoolExecutor:
    """A local pool of worker processes. With fork (Linux) they inherit the warmed Linter."""

    name = "processes"

    def __init__(self, job: Job, workers: int) -> None:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        self.job = job
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        self.capacity = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_ignore_sigint)

    def submit(self, items: list[Item]) -> Any:
        return self._pool.submit(lint_items, items, self.job)

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=True, cancel_futures=cancel)


# =========================================================================== the run


@dataclass
class AuditOptions:
    inputs: list[readers.InputSpec]
    output: Path | None = None
    findings: Path | None = None
    errors: Path | None = None
    report: Path | None = None
    summary: Path | None = None
    resume: bool = False
    redact: bool = False
    include_text: bool = False
    templates: TemplateConfig | None = None
    templates_all: bool = False
    timezone: str = "UTC"
    workers: int = 0
    chunk_size: int = 64
    commit_rows: int = 5000
    commit_seconds: float = 5.0
    dask: str | None = None
    progress: bool = True
    agent_as_name: bool = True
    title: str = "Support reply audit"
    extra: dict[str, Any] = field(default_factory=dict)

    def anchor(self) -> Path | None:
        for p in (self.output, self.findings, self.summary, self.report):
            if p is not None:
                return p
        return None

    def errors_path(self) -> Path | None:
        if self.errors is not None:
            return self.errors
        anchor = self.output or self.findings or self.report or self.summary
        if anchor is None:
            return None
        return anchor.with_name(f"{anchor.stem or 'audit'}.errors.jsonl")

    def summary_path(self) -> Path | None:
        if self.summary is not None:
            return self.summary
        if self.report is not None:
            return self.report.with_name("summary.json")
        return None

    def state_dir(self) -> Path | None:
        anchor = self.anchor()
        return anchor.with_name(anchor.name + ".audit-state") if anchor else None


@dataclass
class RunResult:
    summary: dict[str, Any]
    written: int
    errors: int
    skipped: int
    elapsed: float
    outputs: dict[str, str]
    resumed_from: int = 0


class Audit:
    def __init__(self, options: AuditOptions, linter: Linter, client: Any = None) -> None:
        self.o = options
        self.linter = linter
        self.client = client  # a dask.distributed Client, when the run is on a cluster
        self.job = Job(
            settings=linter.settings.model_dump(mode="json"), ruleset=linter.ruleset, redact=options.redact,
            templates=options.templates.to_dict() if options.templates else None,
            templates_all=options.templates_all, agent_as_name=options.agent_as_name,
        )
        self._stop = False

    # ------------------------------------------------------------------ fingerprint / journal

    def fingerprint(self) -> dict[str, Any]:
        o = self.o
        return {
            "inputs": [{**spec.fingerprint(), "columns": spec.columns.to_dict()} for spec in o.inputs],
            "ruleset": self.linter.ruleset, "redact": o.redact, "include_text": o.include_text,
            "templates": self.job.templates, "templates_all": o.templates_all, "timezone": o.timezone,
            "agent_as_name": o.agent_as_name,
            "outputs": {k: str(v) if v else None for k, v in
                        (("output", o.output), ("findings", o.findings), ("errors", o.errors_path()))},
        }

    def _journal_path(self) -> Path | None:
        d = self.o.state_dir()
        return d / "journal.json" if d else None

    def _load_journal(self) -> dict[str, Any] | None:
        path = self._journal_path()
        if path is None or not path.exists():
            return None
        try:
            journal = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise AuditError(f"{path}: the journal of the unfinished run cannot be read ({exc}); "
                             "run without --resume to start over") from None
        if journal.get("version") != JOURNAL_VERSION:
            raise AuditError(f"{path}: written by another version of replylint audit; run without --resume")
        mine = self.fingerprint()
        theirs = journal.get("fingerprint") or {}
        differs = sorted(k for k in mine if mine[k] != theirs.get(k))
        if differs:
            raise AuditError("--resume: this run differs from the unfinished one in "
                             f"{', '.join(differs)}; run without --resume to start over")
        return journal

    def _write_journal(self, next_seq: int, sinks: dict[str, Any], agg: Aggregator) -> None:
        path = self._journal_path()
        if path is None:
            return
        state = {name: sink.commit() for name, sink in sinks.items()}
        journal = {"version": JOURNAL_VERSION, "fingerprint": self.fingerprint(), "next_seq": next_seq,
                   "sinks": state, "aggregator": agg.state(),
                   "written_at": dt.datetime.now(dt.UTC).isoformat()}
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(journal, fh, ensure_ascii=False, default=writers._json_default)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    # ------------------------------------------------------------------ executors

    def _executor(self) -> Any:
        if self.client is not None:
            from .dask import DaskExecutor

            return DaskExecutor(self.client, self.job)
        workers = self.o.workers or os.cpu_count() or 1
        register_linter(self.job, self.linter)
        warm_up(self.linter, full=workers > 1)
        if workers <= 1:
            return InlineExecutor(self.job)
        return PoolExecutor(self.job, workers)

    # ------------------------------------------------------------------ stream

    def _elements(self, start: int) -> Iterator[tuple[int, Item | Bad | Skipped]]:
        seq = 0
        for spec in self.o.inputs:
            for element in readers.read(spec.path, spec.format, spec.columns):
                if seq >= start:
                    yield seq, element
                seq += 1

    def _chunks(self, start: int) -> Iterator[list[tuple[int, Any]]]:
        chunk: list[tuple[int, Any]] = []
        items = 0
        for seq, element in self._elements(start):
            chunk.append((seq, element))
            if isinstance(element, Item):
                items += 1
            if items >= self.o.chunk_size or len(chunk) >= 4 * self.o.chunk_size:
                yield chunk
                chunk, items = [], 0
        if chunk:
            yield chunk

    # ------------------------------------------------------------------ run

    def run(self) -> RunResult:
        o = self.o
        t0 = time.perf_counter()
        for p in (o.output, o.findings):
            if p is not None:
                try:
                    writers.table_format(p)
                except ValueError as exc:
                    raise AuditError(str(exc)) from None
        errors_path = o.errors_path()
        if errors_path is not None and errors_path.suffix.lower() not in {".jsonl", ".ndjson", ".parquet"}:
            raise AuditError(f"{errors_path}: the errors file is .jsonl or .parquet")
        state_dir = o.state_dir()
        journal = None
        if o.resume:
            if state_dir is None:
                raise AuditError("--resume needs the outputs of the run to resume (--output or --findings)")
            journal = self._load_journal()
            if journal is None and o.output is not None and o.output.exists():
                raise AuditError(f"--resume: {o.output} is complete (no unfinished run); nothing to resume")
        if journal is None and state_dir is not None and state_dir.exists():
            shutil.rmtree(state_dir)
        if state_dir is not None:
            state_dir.mkdir(parents=True, exist_ok=True)
        start = int(journal["next_seq"]) if journal else 0
        agg = Aggregator(o.timezone, state=journal["aggregator"] if journal else None)
        sinks = self._open_sinks(journal, state_dir, errors_path)

        executor = self._executor()
        total = self._estimate_total()
        progress = _progress(total, start, o.progress)
        handlers = self._install_signals()
        written = 0
        last_commit_rows, last_commit_time = 0, time.monotonic()
        next_seq = start
        pending: deque[tuple[list[tuple[int, Any]], Any]] = deque()
        capacity = max(1, getattr(executor, "capacity", 1)) * 3
        failed = True
        try:
            def handle(chunk: list[tuple[int, Any]], future: Any) -> None:
                nonlocal written, next_seq
                outcomes = iter(future.result() if future is not None else ())
                results, errors = [], []
                for _, element in chunk:
                    if isinstance(element, Item):
                        kind, payload = next(outcomes)
                        if kind == "ok":
                            results.append(payload)
                        else:
                            errors.append(payload)
                            agg.add_error(payload["code"])
                    elif isinstance(element, Bad):
                        bad = element.to_dict()
                        errors.append({**bad, "reason": redact(bad["reason"])} if o.redact else bad)
                        agg.add_error(element.code)
                    else:
                        agg.add_skipped(element.reason)
                for row in results:
                    agg.add_row(row)
                if "results" in sinks:
                    sinks["results"].write([writers.result_record(r, o.include_text) for r in results])
                if "findings" in sinks:
                    sinks["findings"].write([f for r in results for f in writers.finding_records(r)])
                if "errors" in sinks:
                    sinks["errors"].write(errors)
                written += len(results)
                next_seq = chunk[-1][0] + 1
                progress.update(len(chunk))
                if errors:
                    progress.set_postfix(errors=agg.s["errors"], refresh=False)

            for chunk in self._chunks(start):
                items = [el for _, el in chunk if isinstance(el, Item)]
                pending.append((chunk, executor.submit(items) if items else None))
                while len(pending) > capacity or (pending and _ready(pending[0][1])):
                    handle(*pending.popleft())
                    if (written - last_commit_rows >= o.commit_rows
                            or time.monotonic() - last_commit_time >= o.commit_seconds):
                        self._write_journal(next_seq, sinks, agg)
                        last_commit_rows, last_commit_time = written, time.monotonic()
                if self._stop:
                    break
            if not self._stop:
                while pending:
                    handle(*pending.popleft())
                    if self._stop:
                        break
            if self._stop:
                executor.close(cancel=True)
                self._write_journal(next_seq, sinks, agg)
                for sink in sinks.values():
                    sink.close()
                raise Interrupted(written)
            self._write_journal(next_seq, sinks, agg)
            failed = False
        finally:
            progress.close()
            self._restore_signals(handlers)
            if failed and not self._stop:
                executor.close(cancel=True)
                for sink in sinks.values():
                    sink.close()
        executor.close()

        outputs: dict[str, str] = {}
        for name, sink in sinks.items():
            sink.finish()
            outputs[name] = str(sink.path)
        elapsed = time.perf_counter() - t0
        meta = {
            "title": o.title,
            "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "replylint_version": __version__, "ruleset": self.linter.ruleset,
            "inputs": [str(spec.path) for spec in o.inputs], "redacted": o.redact,
            "templates": self.job.templates,
        }
        summary = agg.summary(meta)
        summary["run"] = {"elapsed_seconds": round(elapsed, 2), "rows_this_run": written,
                          "resumed_from_seq": start,
                          "replies_per_second": round(written / elapsed, 1) if elapsed > 0 else None,
                          "executor": executor.name, "workers": getattr(executor, "capacity", 1)}
        summary_path = o.summary_path()
        if summary_path is not None:
            summary_path.parent.mkdir(parents=True, exist_ok=True)
            summary_path.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
            outputs["summary"] = str(summary_path)
        if o.report is not None:
            from .report import write_report

            write_report(summary, o.report)
            outputs["report"] = str(o.report)
        if state_dir is not None and state_dir.exists():
            shutil.rmtree(state_dir)
        return RunResult(summary, written, agg.s["errors"], agg.s["skipped"], elapsed, outputs, start)

    def _open_sinks(self, journal: dict[str, Any] | None, state_dir: Path | None,
                    errors_path: Path | None) -> dict[str, Any]:
        o = self.o
        saved = (journal or {}).get("sinks", {})
        sinks: dict[str, Any] = {}
        parts = state_dir if state_dir is not None else Path(".")
        if o.output is not None:
            sinks["results"] = writers.open_sink(o.output, "results", parts, saved.get("results") if journal else None,
                                                 lambda: writers.result_schema(o.include_text))
        if o.findings is not None:
            sinks["findings"] = writers.open_sink(o.findings, "findings", parts,
                                                  saved.get("findings") if journal else None, writers.finding_schema)
        if errors_path is not None:
            sinks["errors"] = writers.open_sink(errors_path, "errors", parts, saved.get("errors") if journal else None,
                                                writers.error_schema)
        return sinks

    def _estimate_total(self) -> int | None:
        total = 0
        for spec in self.o.inputs:
            n = readers.estimate_rows(spec.path, spec.resolved_format())
            if n is None:
                return None
            total += n
        return total

    def _install_signals(self) -> dict[int, Any]:
        import threading

        if threading.current_thread() is not threading.main_thread():
            return {}

        def stop(signum: int, frame: Any) -> None:
            if self._stop:  # a second Ctrl-C: stop now
                signal.signal(signum, signal.SIG_DFL)
                raise KeyboardInterrupt
            self._stop = True

        old = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            old[sig] = signal.signal(sig, stop)
        return old

    @staticmethod
    def _restore_signals(handlers: dict[int, Any]) -> None:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _ready(future: Any) -> bool:
    if future is None:
        return True
    done = getattr(future, "done", None)
    return True if done is None else bool(done())


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def set_postfix(self, **kw: Any) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int | None, initial: int, enabled: bool) -> Any:
    """tqdm on stderr: rows, rate and ETA. It shows counts only, never reply text."""
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit=" rows", unit_scale=True, dynamic_ncols=True,
                file=sys.stderr, desc="audit", smoothing=0.1, mininterval=0.5)
