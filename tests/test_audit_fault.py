"""Kill `replylint audit` mid-run with SIGKILL, resume, and every row is there exactly once.

(Ctrl-C, a real SIGINT, is tested in-process in test_audit.py.)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from .test_audit import comparable, run_audit, synthetic_rows, write_jsonl

ROWS = 600


def _journal_seq(state: Path) -> int:
    try:
        return json.loads((state / "journal.json").read_text(encoding="utf-8"))["next_seq"]
    except (OSError, ValueError, KeyError):
        return 0


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "replylint.cli", "audit", *args]
    return subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_commit_after(proc: subprocess.Popen, state: Path, seq: int, timeout: float = 90.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _journal_seq(state)
        if now > seq:
            return now
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before it could be interrupted: {proc.stderr.read().decode()[-500:]}")
        time.sleep(0.01)
    proc.kill()
    raise AssertionError("no commit within the time limit")


def test_sigkill_then_resume_holds_each_row_once(linter, tmp_path):
    rows = synthetic_rows(ROWS, seed=11)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out, fout = tmp_path / "results.parquet", tmp_path / "findings.parquet"
    state = tmp_path / "results.parquet.audit-state"
    args = [str(src), "-o", str(out), "--findings", str(fout), "--workers", "1", "--chunk-size", "8",
            "--commit-every", "16", "--no-progress"]

    # 1. SIGKILL right after the first commit: no chance to clean up.
    proc = _start(args, tmp_path)
    first = _wait_for_commit_after(proc, state, 0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists() and first < ROWS

    # 2. Resume to the end.
    done = subprocess.run([sys.executable, "-m", "replylint.cli", "audit", *args, "--resume"], cwd=tmp_path,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert b"resumed after" in done.stderr

    results = pq.read_table(out).to_pylist()
    ids = [r["id"] for r in results]
    assert ids == [r["id"] for r in rows]  # each input row exactly once, in input order
    findings = pq.read_table(fout).to_pylist()
    assert len(findings) == sum(r["findings_count"] for r in results)
    assert not state.exists()
    # And the same figures as one uninterrupted run in this process.
    clean = run_audit(linter, [src], tmp_path, output=tmp_path / "clean.parquet")
    assert results == pq.read_table(tmp_path / "clean.parquet").to_pylist()
    assert clean.summary["rows"]["linted"] == ROWS
    assert comparable(clean.summary)["rules"]
