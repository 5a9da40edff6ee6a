"""Scale the audit out on a Dask cluster (dask.distributed).

Two ways in:

1. The command: ``replylint audit INPUT ... --dask tcp://scheduler:8786`` (or
   ``--dask local:4`` for a LocalCluster of 4 single-threaded worker processes). The
   client reads the input, ships chunks of replies to the workers and writes the
   outputs in input order, exactly as a local run does: same files, same ``--resume``,
   same report. Each worker process builds and warms its Linter once (a warm-up task
   per worker at the start), then keeps it for every chunk.

2. The Python API over a Dask bag (or dataframe) for data that already lives on the
   cluster (tens of millions of rows in many files): the workers read, lint, write part
   files and aggregate the figures; only the small per-partition summaries travel::

       import dask.bag as db
       from replylint import Linter
       from replylint.audit.dask import lint_bag, summarize, write_parquet

       rows = db.read_text("s3://bucket/replies-*.jsonl").map(json.loads)
       outcomes = lint_bag(rows, Linter.from_config("replylint.toml")).persist()
       paths = write_parquet(outcomes, "s3-mounted/out/")      # part files, by the workers
       figures = summarize(outcomes, timezone="Europe/Berlin")  # the summary.json figures

Use worker processes with one thread each (``--nthreads 1``): linting is Python code
that holds the GIL, so threads in one process do not add speed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..engine import Linter
from .readers import Columns, make_item
from .rows import Bad, Item
from .runner import Job, lint_items, linter_for, worker_stats
from .summary import Aggregator
from .templates import TemplateConfig

__all__ = [
    "DaskExecutor",
    "connect",
    "lint_bag",
    "lint_dataframe",
    "make_job",
    "summarize",
    "worker_stats",
    "write_parquet",
]


def _prepare(job: Job) -> dict[str, Any]:
    """Build and warm this worker's Linter (once per process)."""
    linter_for(job)
    return worker_stats()


class DaskExecutor:
    """Chunks go to the cluster as tasks; the job (settings) is scattered to all workers once."""

    name = "dask"

    def __init__(self, client: Any, job: Job) -> None:
        self.client = client
        self.job = job
        info = client.scheduler_info()
        workers = list(info.get("workers", {}))
        if not workers:
            raise RuntimeError("the Dask cluster has no workers")
        self.capacity = sum(w.get("nthreads", 1) for w in info["workers"].values()) or 1
        self._job = client.scatter(job, broadcast=True, hash=False)
        # One warm-up task per worker: every worker loads the model now, in parallel.
        warm = [client.submit(_prepare, self._job, workers=[w], allow_other_workers=False, pure=False)
                for w in workers]
        client.gather(warm)

    def submit(self, items: list[Item]) -> Any:
        return self.client.submit(lint_items, items, self._job, pure=False)

    def close(self, cancel: bool = False) -> None:
        pass


def connect(address: str) -> tuple[Any, Any]:
    """A Client for ``address``; ``local`` / ``local:N`` starts a LocalCluster of N processes.

    Returns (client, cluster-or-None); close both when done.
    """
    from dask.distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        n = int(address.split(":", 1)[1]) if ":" in address else 2
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(address), None


# =========================================================================== Python API


def make_job(linter: Linter, *, redact: bool = False, templates: TemplateConfig | None = None,
             templates_all: bool = False, agent_as_name: bool = True) -> Job:
    return Job(settings=linter.settings.model_dump(mode="json"), ruleset=linter.ruleset, redact=redact,
               templates=templates.to_dict() if templates else None, templates_all=templates_all,
               agent_as_name=agent_as_name)


def _lint_partition(records: Iterable[Any], partition: int, job: Job, columns: dict[str, Any],
                    chunk_size: int) -> list[dict[str, Any]]:
    cols = Columns(**columns)
    source = f"partition-{partition:05d}"
    out: list[dict[str, Any]] = []
    chunk: list[Item] = []

    def flush() -> None:
        for kind, payload in lint_items(chunk, job):
            out.append({"kind": "ok" if kind == "ok" else "error", **payload})
        chunk.clear()

    for row, record in enumerate(records, start=1):
        if isinstance(record, str):
            record = {"text": record}
        element = make_item(record, source, row, cols) if isinstance(record, dict) else Bad(
            source, row, "not_object", f"a {type(record).__name__}, not a row")
        if isinstance(element, Bad):
            if chunk:
                flush()
            out.append({"kind": "error", **element.to_dict()})
            continue
        chunk.append(element)
        if len(chunk) >= chunk_size:
            flush()
    if chunk:
        flush()
    return out


def lint_bag(bag: Any, linter: Linter | None = None, *, columns: Columns | None = None, redact: bool = False,
             templates: TemplateConfig | None = None, templates_all: bool = False, chunk_size: int = 64,
             job: Job | None = None) -> Any:
    """Lint a bag of rows (dicts with a text column, or plain strings) on the cluster.

    Returns a bag of outcome dicts: ``{"kind": "ok", ...result row...}`` (the columns of
    results.parquet, plus ``text``) or ``{"kind": "error", source, row, code, reason}``.
    ``source`` is ``partition-NNNNN`` and ``row`` the row's place in its partition.
    """
    import dask
    import dask.bag as db

    if job is None:
        job = make_job(linter or Linter(), redact=redact, templates=templates, templates_all=templates_all)
    cols = (columns or Columns()).to_dict()
    parts = [dask.delayed(_lint_partition)(part, i, job, cols, chunk_size) for i, part in enumerate(bag.to_delayed())]
    return db.from_delayed(parts)


def lint_dataframe(ddf: Any, linter: Linter | None = None, **kwargs: Any) -> Any:
    """Lint a Dask dataframe's rows (needs pandas); returns the same outcome bag as lint_bag."""
    return lint_bag(ddf.to_bag(index=False, format="dict"), linter, **kwargs)


def _partition_state(outcomes: Iterable[dict[str, Any]], timezone: str) -> list[dict[str, Any]]:
    agg = Aggregator(timezone)
    for o in outcomes:
        if o["kind"] == "ok":
            agg.add_row(o)
        else:
            agg.add_error(o["code"])
    return [agg.state()]


def summarize(outcomes: Any, timezone: str = "UTC", meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The summary.json figures, aggregated per partition on the workers, merged here."""
    states = outcomes.map_partitions(_partition_state, timezone).compute()
    agg = Aggregator(timezone)
    for state in states:
        agg.merge(state)
    return agg.summary(meta)


def _write_partition(outcomes: list[dict[str, Any]], path: str, findings_path: str | None,
                     include_text: bool) -> list[int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from . import writers

    rows = [o for o in outcomes if o["kind"] == "ok"]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist([writers.result_record(r, include_text) for r in rows],
                                        schema=writers.result_schema(include_text)), path, compression="zstd")
    if findings_path:
        Path(findings_path).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist([f for r in rows for f in writers.finding_records(r)],
                                            schema=writers.finding_schema()), findings_path, compression="zstd")
    return [len(rows)]


def write_parquet(outcomes: Any, directory: str | Path, *, findings: bool = True,
                  include_text: bool = False) -> list[str]:
    """Each partition's results (and findings) as a Parquet part file written by its worker.

    ``directory/results/part-NNNNN.parquet`` and ``directory/findings/part-NNNNN.parquet``;
    DuckDB reads them as ``read_parquet('directory/results/*.parquet')``.
    """
    import dask

    base = Path(directory)
    tasks, paths = [], []
    for i, part in enumerate(outcomes.to_delayed()):
        path = str(base / "results" / f"part-{i:05d}.parquet")
        fpath = str(base / "findings" / f"part-{i:05d}.parquet") if findings else None
        tasks.append(dask.delayed(_write_partition)(part, path, fpath, include_text))
        paths.append(path)
    dask.compute(*tasks)
    return paths
