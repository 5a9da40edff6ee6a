"""Result, finding and error tables that survive a crash.

Every sink writes in commits. A JSONL sink appends to its final file and, at each
commit, flushes and fsyncs it and reports its size; ``--resume`` truncates the file back
to the last committed size, so a half-written tail from a killed run disappears. A
Parquet sink writes each commit as a closed part file in the run's state folder (a
killed run leaves whole parts only) and, when the run finishes, merges the parts into
the one final file in row groups of ~64k rows. Commits are recorded in a journal
(runner.py) written last and atomically, so what the journal names is on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from ..traits import DISPLAY_ORDER

ROW_GROUP = 65_536


def table_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".parquet", ".pq"}:
        return "parquet"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    raise ValueError(f"{path}: write .jsonl or .parquet (the format follows the extension)")


# --------------------------------------------------------------------------- schemas


def result_schema(include_text: bool) -> Any:
    import pyarrow as pa

    finding = pa.struct([
        ("id", pa.string()), ("rule", pa.string()), ("trait", pa.string()), ("severity", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()), ("passage", pa.string()), ("message", pa.string()),
        ("confidence", pa.float32()), ("suggestion", pa.string()), ("applicability", pa.string()),
    ])
    fields = [
        ("id", pa.string()), ("source", pa.string()), ("row", pa.int64()),
        ("title", pa.string()), ("usage", pa.int64()),
        ("customer_name", pa.string()), ("agent", pa.string()), ("team", pa.string()), ("channel", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")), ("customer_message", pa.string()),
        ("score", pa.int32()), *((t, pa.int32()) for t in DISPLAY_ORDER), ("verdict", pa.string()),
        ("findings_count", pa.int32()), ("findings", pa.list_(finding)), ("notices", pa.list_(pa.string())),
        ("ruleset", pa.string()), ("linted_chars", pa.int32()),
    ]
    if include_text:
        fields.append(("text", pa.string()))
    return pa.schema(fields)


def finding_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("reply_id", pa.string()), ("source", pa.string()), ("row", pa.int64()), ("title", pa.string()),
        ("agent", pa.string()), ("team", pa.string()), ("channel", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")),
        ("id", pa.string()), ("rule", pa.string()), ("trait", pa.string()), ("severity", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()), ("passage", pa.string()), ("message", pa.string()),
        ("confidence", pa.float32()), ("suggestion", pa.string()), ("applicability", pa.string()),
    ])


def error_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("source", pa.string()), ("row", pa.int64()), ("line", pa.int64()), ("id", pa.string()),
                      ("code", pa.string()), ("reason", pa.string())])


def result_record(row: dict[str, Any], include_text: bool) -> dict[str, Any]:
    """The output columns of one result row (the worker's row has a few more keys)."""
    names = result_schema(include_text).names
    return {k: row.get(k) for k in names}


def finding_records(row: dict[str, Any]) -> list[dict[str, Any]]:
    base = {"reply_id": row["id"], "source": row["source"], "row": row["row"], "title": row.get("title"),
            "agent": row.get("agent"), "team": row.get("team"), "channel": row.get("channel"),
            "created_at": row.get("created_at")}
    return [{**base, **f} for f in row["findings"]]


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=_json_default, separators=(",", ":"))


# --------------------------------------------------------------------------- sinks


class JsonlSink:
    """Append-only JSONL with commit points."""

    def __init__(self, path: Path, committed: int | None = None) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if committed is None:
            self._fh = path.open("wb")
        else:
            size = path.stat().st_size if path.exists() else 0
            if size < committed:
                raise ValueError(f"{path} is shorter ({size:,} bytes) than its last commit ({committed:,} bytes); "
                                 "it was changed since the run stopped: run without --resume to start over")
            with path.open("r+b") as fh:  # cut back to the commit: a killed run's half-written tail goes
                fh.truncate(committed)
            self._fh = path.open("ab")
        self.rows = 0

    def write(self, records: list[dict[str, Any]]) -> None:
        if records:
            self._fh.write("".join(dumps(r) + "\n" for r in records).encode("utf-8"))
            self.rows += len(records)

    def commit(self) -> dict[str, Any]:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        return {"size": self._fh.tell()}

    def finish(self) -> None:
        self.commit()
        self._fh.close()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


class ParquetSink:
    """Parts per commit in ``parts_dir``; one final file at ``finish``."""

    def __init__(self, path: Path, schema: Any, parts_dir: Path, parts: list[str] | None = None) -> None:
        self.path = path
        self.schema = schema
        self.parts_dir = parts_dir
        parts_dir.mkdir(parents=True, exist_ok=True)
        self.parts: list[str] = list(parts or [])
        keep = set(self.parts)
        for leftover in parts_dir.iterdir():  # a part a killed run never committed
            if leftover.name not in keep:
                leftover.unlink()
        self._buffer: list[dict[str, Any]] = []
        self.rows = 0

    def write(self, records: list[dict[str, Any]]) -> None:
        self._buffer.extend(records)
        self.rows += len(records)

    def commit(self) -> dict[str, Any]:
        if self._buffer:
            import pyarrow as pa
            import pyarrow.parquet as pq

            name = f"part-{len(self.parts):06d}.parquet"
            table = pa.Table.from_pylist(self._buffer, schema=self.schema)
            tmp = self.parts_dir / (name + ".tmp")
            pq.write_table(table, tmp, compression="zstd")
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, self.parts_dir / name)
            self.parts.append(name)
            self._buffer = []
        return {"parts": list(self.parts)}

    def finish(self) -> None:
        """Merge the parts into the final file (written aside, then moved into place)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.commit()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(tmp, self.schema, compression="zstd") as writer:
            pending: list[Any] = []
            count = 0
            for name in self.parts:
                table = pq.read_table(self.parts_dir / name, schema=self.schema)
                pending.append(table)
                count += table.num_rows
                if count >= ROW_GROUP:
                    writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP)
                    pending, count = [], 0
            if pending or not self.parts:
                writer.write_table(pa.concat_tables(pending) if pending else self.schema.empty_table(),
                                   row_group_size=ROW_GROUP)
        os.replace(tmp, self.path)

    def close(self) -> None:
        self._buffer = []


def open_sink(path: Path, kind: str, parts_dir: Path, state: dict[str, Any] | None, schema_fn: Any) -> Any:
    """A sink for ``path`` (format from the extension), restored from a journal entry."""
    if table_format(path) == "jsonl":
        return JsonlSink(path, committed=(state or {}).get("size") if state is not None else None)
    return ParquetSink(path, schema_fn(), parts_dir / kind, parts=(state or {}).get("parts"))
