"""The audit on a real dask.distributed LocalCluster: 2 worker processes, same results as a local run."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from replylint.audit.readers import Columns, InputSpec
from replylint.audit.runner import Audit, AuditOptions, worker_stats

from .test_audit import comparable, read_jsonl, run_audit, synthetic_rows, write_jsonl

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)
    c = Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def test_cluster_run_equals_local_run_and_both_workers_lint(client, linter, tmp_path):
    rows = synthetic_rows(96, seed=3)
    src = write_jsonl(tmp_path / "in.jsonl", rows + [{"id": "bad", "text": ""}])
    local = run_audit(linter, [src], tmp_path, output=tmp_path / "local.jsonl", findings=tmp_path / "lf.jsonl")
    options = AuditOptions([InputSpec(src)], output=tmp_path / "dask.jsonl", findings=tmp_path / "df.jsonl",
                           progress=False, chunk_size=4)
    on_cluster = Audit(options, linter, client=client).run()

    assert on_cluster.summary["run"]["executor"] == "dask" and on_cluster.summary["run"]["workers"] == 2
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "df.jsonl").read_bytes() == (tmp_path / "lf.jsonl").read_bytes()
    assert read_jsonl(tmp_path / "dask.errors.jsonl") == read_jsonl(tmp_path / "local.errors.jsonl")
    assert comparable(on_cluster.summary) == comparable(local.summary)

    stats = client.run(worker_stats)
    assert len(stats) == 2
    pids = {s["pid"] for s in stats.values()}
    assert len(pids) == 2  # two worker processes
    assert all(s["rows"] > 0 for s in stats.values()), stats  # both linted rows
    assert sum(s["rows"] for s in stats.values()) >= len(rows)
    assert all(s["linter_builds"] == 1 for s in stats.values()), stats  # each loaded the model once


def test_python_api_over_a_bag(client, linter, tmp_path):
    import dask.bag as db

    from replylint.audit.dask import lint_bag, summarize, write_parquet

    rows = synthetic_rows(60, seed=5)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    local = run_audit(linter, [src], tmp_path, output=tmp_path / "local.jsonl")
    bag = db.from_sequence(rows + [{"id": "nope"}], npartitions=3)
    outcomes = lint_bag(bag, linter, columns=Columns()).persist()
    paths = write_parquet(outcomes, tmp_path / "out")
    assert len(paths) == 3 and all(Path(p).exists() for p in paths)
    table = pq.read_table(tmp_path / "out" / "results")
    by_id = {r["id"]: r for r in table.to_pylist()}
    expected = {r["id"]: r for r in read_jsonl(tmp_path / "local.jsonl")}
    assert set(by_id) == set(expected)
    for rid, row in expected.items():
        assert (by_id[rid]["score"], by_id[rid]["verdict"], [f["id"] for f in by_id[rid]["findings"]]) == (
            row["score"], row["verdict"], [f["id"] for f in row["findings"]])
    figures = summarize(outcomes)
    assert figures["rows"]["linted"] == 60 and figures["rows"]["errors"] == 1
    mine = json.loads(json.dumps(local.summary))
    for key in ("score", "verdicts", "traits", "weekly", "staffing"):
        assert figures[key] == mine[key], key
    assert [(r["rule"], r["count"]) for r in figures["rules"]] == [(r["rule"], r["count"]) for r in mine["rules"]]
