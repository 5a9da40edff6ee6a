"""Read replies from CSV, JSONL, JSON, Parquet, help-desk exports and folders, row by row.

Every reader streams (constant memory; JSON documents that are not NDJSON are the one
exception, see docs/audit.md) and never stops on a bad row: a row it cannot read becomes
a ``Bad`` with its row number and a reason that does not quote the row's text.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import helpdesk
from .rows import Bad, Item, Skipped, clean_str, normalize_channel, parse_time

FORMATS = ("auto", "csv", "tsv", "jsonl", "json", "parquet", "zendesk", "intercom", "macros", "folder")
TEXT_DEFAULTS = ("text", "reply", "body")
DEFAULTS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "customer_name": ("customer_name",),
    "agent": ("agent", "agent_name"),
    "team": ("team", "group"),
    "channel": ("channel",),
    "created_at": ("created_at", "timestamp", "sent_at", "date"),
    "customer_message": ("customer_message",),
    "title": ("title",),
    "usage": ("usage",),
}
FOLDER_SUFFIXES = {".txt": False, ".md": False, ".markdown": False, ".html": True, ".htm": True}
MAX_RECORD_LINES = 1000  # a quoted CSV field that runs longer than this is a bad quote
MAX_RECORD_CHARS = 2_000_000


class InputProblem(ValueError):
    """The input as a whole cannot be read as asked (a usage error, exit 2)."""


@dataclass
class Columns:
    """Which column holds what. ``None`` means: the first of the defaults that exists."""

    text: str | None = None
    id: str | None = None
    customer_name: str | None = None
    agent: str | None = None
    team: str | None = None
    channel: str | None = None
    created_at: str | None = None
    customer_message: str | None = None
    title: str | None = None
    usage: str | None = None
    macros: bool = False  # rows are saved replies (macros, canned responses)
    delimiter: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def candidates(self, key: str) -> tuple[str, ...]:
        explicit = getattr(self, key)
        if explicit:
            return (explicit,)
        return TEXT_DEFAULTS if key == "text" else DEFAULTS[key]

    def check_header(self, names: list[str], source: str) -> None:
        """An explicitly named column must exist when the header is known."""
        for key in ("text", *DEFAULTS):
            explicit = getattr(self, key)
            if explicit and explicit not in names:
                raise InputProblem(f"{source}: no column {explicit!r} (--{key.replace('_', '-')}-column); "
                                   f"columns: {', '.join(names[:30])}")
        if not self.text and not any(n in names for n in TEXT_DEFAULTS):
            raise InputProblem(f"{source}: no text column (looked for {', '.join(TEXT_DEFAULTS)}); "
                               f"name it with --text-column; columns: {', '.join(names[:30])}")


def _pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in record:
            return record[name]
    return None


def make_item(record: dict[str, Any], source: str, row: int, columns: Columns, line: int | None = None) -> Item | Bad:
    """A row (a dict of columns) as an Item, or a Bad when it has no usable text."""
    rid = clean_str(_pick(record, columns.candidates("id")))
    present = [n for n in columns.candidates("text") if n in record]
    if not present:
        return Bad(source, row, "missing_text", f"no text field ({', '.join(columns.candidates('text'))})",
                   line=line, id=rid)
    text = record[present[0]]
    if text is None:
        return Bad(source, row, "missing_text", f"the {present[0]!r} field is empty (null)", line=line, id=rid)
    if not isinstance(text, str):
        return Bad(source, row, "missing_text", f"the {present[0]!r} field is not text ({type(text).__name__})",
                   line=line, id=rid)
    if not text.strip():
        return Bad(source, row, "missing_text", f"the {present[0]!r} field is blank", line=line, id=rid)
    usage = _pick(record, columns.candidates("usage"))
    try:
        usage = int(usage) if usage not in (None, "") else None
    except (TypeError, ValueError):
        usage = None
    macro = columns.macros
    if macro and helpdesk.looks_like_html(text):
        text = helpdesk.html_to_text(text)
    return Item(
        source=source, row=row, line=line, id=rid if rid is not None else str(row), text=text,
        lint_end=len(text.rstrip()),
        customer_name=clean_str(_pick(record, columns.candidates("customer_name"))),
        agent=clean_str(_pick(record, columns.candidates("agent"))),
        team=clean_str(_pick(record, columns.candidates("team"))),
        channel=normalize_channel(_pick(record, columns.candidates("channel"))),
        created_at=parse_time(_pick(record, columns.candidates("created_at"))),
        customer_message=clean_str(_pick(record, columns.candidates("customer_message"))),
        title=clean_str(_pick(record, columns.candidates("title"))) if macro else None,
        usage=usage if macro else None,
        macro=macro,
    )


# --------------------------------------------------------------------------- detection


def detect_format(path: Path, fmt: str = "auto") -> str:
    if fmt != "auto":
        return fmt
    if path.is_dir():
        return "folder"
    suffixes = [s.lower() for s in path.suffixes]
    last = suffixes[-1] if suffixes else ""
    if last in {".csv"}:
        return "csv"
    if last in {".tsv", ".tab"}:
        return "tsv"
    if last in {".jsonl", ".ndjson"}:
        return "jsonl"
    if last == ".json":
        return "json"
    if last in {".parquet", ".pq"}:
        return "parquet"
    raise InputProblem(f"{path}: cannot tell the format from the extension; use --format ({', '.join(FORMATS[1:])})")


def estimate_rows(path: Path, fmt: str) -> int | None:
    """A cheap row count for the progress bar (newlines; Parquet metadata; files)."""
    try:
        if fmt in {"csv", "tsv", "jsonl"}:
            n = 0
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    n += block.count(b"\n")
            return max(0, n - (1 if fmt in {"csv", "tsv"} else 0))
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if fmt == "folder":
            return sum(1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
    except OSError:
        return None
    return None


def read(path: Path, fmt: str, columns: Columns) -> Iterator[Item | Bad | Skipped]:
    """Every reply (or bad row) in one input, in order."""
    fmt = detect_format(path, fmt)
    source = str(path)
    if fmt in {"csv", "tsv"}:
        yield from read_csv(path, source, columns, "\t" if fmt == "tsv" else (columns.delimiter or ","))
    elif fmt in {"jsonl", "zendesk", "intercom", "macros"} and not path.is_dir() and path.suffix.lower() != ".json":
        yield from read_jsonl(path, source, columns, fmt)
    elif fmt in {"json", "zendesk", "intercom", "macros"} and not path.is_dir():
        yield from read_json(path, source, columns, fmt)
    elif fmt == "parquet":
        yield from read_parquet(path, source, columns)
    elif fmt in {"folder", "macros"}:
        yield from read_folder(path, source)
    else:
        raise InputProblem(f"{path}: format {fmt!r} does not fit this input")


# --------------------------------------------------------------------------- CSV


def _decode(raw: bytes, line: int) -> tuple[str, str | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return (raw.decode("utf-8", errors="replace"),
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1} of line {line})")


def _quote_state(line: str, in_quotes: bool, at_field_start: bool, delimiter: str) -> tuple[bool, bool]:
    """Scan one physical line: are we inside a quoted field at its end?"""
    if not in_quotes and '"' not in line:
        return False, True
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < n and line[i + 1] == '"':
                    i += 2
                    continue
                in_quotes = False
                at_field_start = False
        elif ch == '"' and at_field_start:
            in_quotes = True
            at_field_start = False
        elif ch == delimiter or ch in "\r\n":
            at_field_start = True
        else:
            at_field_start = False
        i += 1
    return in_quotes, True


class _CsvRecords:
    """(first line, record text, problem, lines) per CSV record, resyncing after bad quoting.

    A record is one physical line, or several when a quoted field holds line breaks.
    A quote that never closes (within MAX_RECORD_LINES) is reported for its first line
    and the lines after it are read again as records of their own, so one stray quote
    costs one row, not the rest of the file.
    """

    def __init__(self, path: Path, delimiter: str) -> None:
        self.path = path
        self.delimiter = delimiter
        self.pending: deque[tuple[int, bytes]] = deque()

    def push_back(self, lines: list[tuple[int, bytes]]) -> None:
        for item in reversed(lines):
            self.pending.appendleft(item)

    def __iter__(self) -> Iterator[tuple[int, str | None, str | None, list[tuple[int, bytes]]]]:
        delimiter = self.delimiter
        with self.path.open("rb") as fh:
            numbered = ((i, raw) for i, raw in enumerate(fh, start=1))

            def next_line() -> tuple[int, bytes] | None:
                if self.pending:
                    return self.pending.popleft()
                return next(numbered, None)

            first = True
            while True:
                got = next_line()
                if got is None:
                    return
                start, raw = got
                if first and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                first = False
                buf: list[tuple[int, bytes]] = [(start, raw)]
                text, problem = _decode(raw, start)
                parts = [text]
                in_quotes, _ = _quote_state(text, False, True, delimiter)
                chars = len(text)
                while in_quotes:
                    got = next_line()
                    if got is None or len(buf) >= MAX_RECORD_LINES or chars > MAX_RECORD_CHARS:
                        if got is not None:
                            self.pending.appendleft(got)
                        self.push_back(buf[1:])
                        where = "before the end of the file" if got is None else f"within {MAX_RECORD_LINES:,} lines"
                        yield start, None, f"bad CSV quoting: a quoted field opened on line {start} never closes {where}", []
                        break
                    n, raw = got
                    buf.append((n, raw))
                    text, p2 = _decode(raw, n)
                    problem = problem or p2
                    parts.append(text)
                    chars += len(text)
                    in_quotes, _ = _quote_state(text, True, False, delimiter)
                else:
                    record = "".join(parts)
                    if record.strip():
                        yield start, record, problem, buf


def read_csv(path: Path, source: str, columns: Columns, delimiter: str = ",") -> Iterator[Item | Bad | Skipped]:
    header: list[str] | None = None
    row = 0
    records = _CsvRecords(path, delimiter)
    for line, record, problem, lines in records:
        if header is None:
            if record is None or problem:
                raise InputProblem(f"{source}: the header line cannot be read ({problem or 'bad quoting'})")
            header = next(csv.reader(io.StringIO(record), delimiter=delimiter, strict=True))
            header = [h.strip() for h in header]
            columns.check_header(header, source)
            continue
        row += 1
        if record is None:
            yield Bad(source, row, "bad_csv", problem or "bad CSV quoting", line=line)
            continue
        if problem:
            yield Bad(source, row, "not_utf8", problem, line=line, id=_csv_id(record, header, columns, delimiter))
            continue
        try:
            fields = next(csv.reader(io.StringIO(record, newline=""), delimiter=delimiter, strict=True))
        except csv.Error as exc:
            yield Bad(source, row, "bad_csv", f"bad CSV quoting: {exc}", line=line)
            records.push_back(lines[1:])  # a stray quote swallowed the lines after it: read them again
            continue
        except StopIteration:
            continue
        if len(fields) != len(header):
            yield Bad(source, row, "bad_csv", f"expected {len(header)} fields, found {len(fields)} "
                      "(unquoted delimiter or bad quoting)", line=line)
            continue
        yield make_item(dict(zip(header, fields)), source, row, columns, line=line)


def _csv_id(record: str, header: list[str], columns: Columns, delimiter: str) -> str | None:
    """The id of a row that cannot be linted, when it can still be parsed (to find the row)."""
    try:
        fields = next(csv.reader(io.StringIO(record, newline=""), delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration):
        return None
    if len(fields) != len(header):
        return None
    value = _pick(dict(zip(header, fields)), columns.candidates("id"))
    return clean_str(value) if value is not None and "\ufffd" not in value else None


# --------------------------------------------------------------------------- JSON


def _export_rows(doc: Any, kind: str, source: str, row: int, directory: helpdesk.ZendeskDirectory,
                 columns: Columns, line: int | None) -> Iterator[Item | Bad | Skipped]:
    if kind == "zendesk":
        if isinstance(doc, dict) and not any(k in doc for k in ("tickets", "comments")) and (
                "users" in doc or "groups" in doc):
            directory.add(doc)  # a side-load line: users or groups
            return
        yield from helpdesk.zendesk_tickets(doc, source, row, directory)
    elif kind == "intercom":
        yield from helpdesk.intercom_conversations(doc, source, row)
    elif kind == "zendesk-macros":
        yield from helpdesk.zendesk_macros(doc, source, row)
    else:
        if not isinstance(doc, dict):
            yield Bad(source, row, "not_object", f"a JSON {type(doc).__name__}, not an object", line=line)
            return
        yield make_item(doc, source, row, columns, line=line)


def _kind_for(fmt: str, doc: Any) -> str:
    if fmt == "macros":
        return "zendesk-macros"
    if fmt in {"zendesk", "intercom"}:
        return fmt
    return helpdesk.kind_of(doc) or "rows"


def read_jsonl(path: Path, source: str, columns: Columns, fmt: str = "jsonl") -> Iterator[Item | Bad | Skipped]:
    kind: str | None = None
    directory = helpdesk.ZendeskDirectory()
    row = 0
    with path.open("rb") as fh:
        for line, raw in enumerate(fh, start=1):
            if line == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            row += 1
            text, problem = _decode(raw, line)
            if problem:
                yield Bad(source, row, "not_utf8", problem, line=line)
                continue
            try:
                doc = json.loads(text.strip())
            except json.JSONDecodeError as exc:
                yield Bad(source, row, "invalid_json", f"invalid JSON: {exc.msg} at character {exc.pos + 1}",
                          line=line)
                continue
            if kind is None:
                kind = _kind_for(fmt, doc)
            yield from _export_rows(doc, kind, source, row, directory, columns, line)


def read_json(path: Path, source: str, columns: Columns, fmt: str = "json") -> Iterator[Item | Bad | Skipped]:
    """A whole JSON document: an export object, or a list of row objects."""
    raw = path.read_bytes()
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield Bad(source, 0, "not_utf8", f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield Bad(source, 0, "invalid_json", f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                  line=exc.lineno)
        return
    directory = helpdesk.ZendeskDirectory()
    if isinstance(doc, list):
        kind = _kind_for(fmt, doc[0]) if doc else "rows"
        for row, record in enumerate(doc, start=1):
            yield from _export_rows(record, kind, source, row, directory, columns, None)
        return
    kind = _kind_for(fmt, doc)
    if kind == "rows":
        yield from _export_rows(doc, kind, source, 1, directory, columns, None)
        return
    if kind == "zendesk" and isinstance(doc, dict) and isinstance(doc.get("tickets"), list):
        directory.add(doc)
        for row, ticket in enumerate(doc["tickets"], start=1):
            yield from helpdesk.zendesk_tickets(ticket, source, row, directory)
        return
    if kind == "intercom" and isinstance(doc, dict) and isinstance(doc.get("conversations"), list):
        for row, conv in enumerate(doc["conversations"], start=1):
            yield from helpdesk.intercom_conversations(conv, source, row)
        return
    if kind == "zendesk-macros" and isinstance(doc, dict) and isinstance(doc.get("macros"), list):
        for row, macro in enumerate(doc["macros"], start=1):
            yield from helpdesk.zendesk_macros(macro, source, row)
        return
    yield from _export_rows(doc, kind, source, 1, directory, columns, None)


# --------------------------------------------------------------------------- Parquet


def read_parquet(path: Path, source: str, columns: Columns, batch_size: int = 4096) -> Iterator[Item | Bad | Skipped]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a broken file
        raise InputProblem(f"{source}: not a readable Parquet file ({type(exc).__name__})") from None
    columns.check_header(pf.schema_arrow.names, source)
    row = 0
    for batch in pf.iter_batches(batch_size=batch_size):
        for record in batch.to_pylist():
            row += 1
            yield make_item(record, source, row, columns)


# --------------------------------------------------------------------------- folders


def read_folder(path: Path, source: str) -> Iterator[Item | Bad | Skipped]:
    """Each .txt / .md / .html file in a folder (recursively, sorted) is one saved reply."""
    if not path.is_dir():
        raise InputProblem(f"{source}: not a folder")
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    for row, file in enumerate(files, start=1):
        rel = file.relative_to(path).as_posix()
        raw = file.read_bytes()
        if b"\x00" in raw[:8192]:
            yield Bad(source, row, "not_text", f"{rel}: a binary file (NUL bytes)", id=rel)
            continue
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Bad(source, row, "not_utf8", f"{rel}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                      id=rel)
            continue
        text = helpdesk.stored_text(body, FOLDER_SUFFIXES[file.suffix.lower()] or None)
        if not text.strip():
            yield Bad(source, row, "missing_text", f"{rel}: the file is empty", id=rel)
            continue
        yield Item(source=source, row=row, id=rel, text=text, lint_end=len(text.rstrip()),
                   title=file.stem.replace("_", " ").replace("-", " "), macro=True)


def preflight(path: Path, fmt: str, columns: Columns) -> None:
    """Fail early (before the model loads) on what makes a whole input unreadable:
    an unknown format, a CSV or Parquet file without the columns asked for."""
    fmt = detect_format(path, fmt)
    if fmt in {"csv", "tsv"}:
        delimiter = "\t" if fmt == "tsv" else (columns.delimiter or ",")
        for _, record, problem, _ in _CsvRecords(path, delimiter):
            if record is None or problem:
                raise InputProblem(f"{path}: the header line cannot be read ({problem or 'bad quoting'})")
            header = [h.strip() for h in next(csv.reader(io.StringIO(record), delimiter=delimiter))]
            columns.check_header(header, str(path))
            return
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            names = pq.ParquetFile(path).schema_arrow.names
        except Exception as exc:  # pyarrow raises several types for a broken file
            raise InputProblem(f"{path}: not a readable Parquet file ({type(exc).__name__})") from None
        columns.check_header(names, str(path))


@dataclass
class InputSpec:
    """One input as asked on the command line."""

    path: Path
    format: str = "auto"
    columns: Columns = field(default_factory=Columns)

    def resolved_format(self) -> str:
        return detect_format(self.path, self.format)

    def fingerprint(self) -> dict[str, Any]:
        st = self.path.stat()
        return {"path": str(self.path.resolve()), "size": st.st_size if self.path.is_file() else None,
                "mtime_ns": st.st_mtime_ns, "format": self.resolved_format()}
