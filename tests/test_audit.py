"""replylint audit: readers, help-desk exports, templates, redaction, outputs, resume, summary."""

from __future__ import annotations

import json
import os
import random
import signal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from replylint.audit.readers import Columns, InputSpec
from replylint.audit.redact import redact
from replylint.audit.runner import Audit, AuditError, AuditOptions, Interrupted
from replylint.audit.summary import Aggregator
from replylint.audit.templates import TemplateConfig, parse_syntax
from replylint.cli import main
from replylint.traits import DISPLAY_ORDER

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "audit"
EXAMPLES = REPO / "examples" / "audit"

# --------------------------------------------------------------------------- helpers (used by the other audit tests)

GREETINGS = ["Hi {name},", "Hello {name}!", "Dear Customer,", "Hi there,", "Hey {name},"]
BODIES = [
    "your refund of $12 is on its way and should reach your card in 3-5 business days.",
    "please be advised that your order has been dispatched.",
    "kindly restart the app and try again.",
    "I've reset your password; the link works for 24 hours.",
    "our engineers messed up the last update, sorry about that.",
    "I don't have access to billing, so I've escalated this to tier 2.",
    "your parcel arrives tomorrow before noon.",
    "we apologise for any inconvenience caused.",
    "the new plan starts on Monday and includes two seats.",
]
CLOSINGS = ["", " Anything else I can help with?", " Thanks!", " Best, Sam", " Let me know if that works."]
AGENTS = [("Priya Shah", "Billing"), ("Tom Berg", "Orders"), ("Ana Costa", "Orders")]
NAMES = ["Dana", "Luis", "Mia", "Kofi", "Ravi", "Sam", "Lee"]


def synthetic_rows(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Invented replies (no real customer text) with agents, teams, channels and times."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        name = rnd.choice(NAMES)
        agent, team = AGENTS[i % len(AGENTS)]
        body = rnd.choice(BODIES)
        text = rnd.choice(GREETINGS).format(name=name) + " " + body[0].upper() + body[1:] + rnd.choice(CLOSINGS)
        day = 4 + (i * 17) % 21
        hour = (8 + i * 5) % 24
        rows.append({
            "id": f"s-{i:05d}", "text": text, "agent": agent, "team": team,
            "channel": ["email", "chat", "twitter"][i % 3], "customer_name": f"{name} Example",
            "customer_message": "Where is my order?", "created_at": f"2024-03-{day:02d}T{hour:02d}:15:00Z",
        })
    return rows


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_audit(linter: Any, inputs: list[Path], tmp: Path, **kw: Any) -> Any:
    columns = kw.pop("columns", Columns())
    fmt = kw.pop("fmt", "auto")
    opts = AuditOptions([InputSpec(p, fmt, columns) for p in inputs], progress=False, workers=kw.pop("workers", 1), **kw)
    return Audit(opts, linter).run()


def comparable(summary: dict[str, Any]) -> dict[str, Any]:
    """A summary without what differs between two runs of the same audit (time, paths)."""
    return {k: v for k, v in summary.items() if k not in {"run", "generated_at", "inputs"}}


# --------------------------------------------------------------------------- readers


def test_malformed_rows_go_to_the_errors_file_and_never_stop_the_run(linter, tmp_path):
    out = tmp_path / "results.jsonl"
    result = run_audit(linter, [DATA / "malformed.csv", DATA / "malformed.jsonl"], tmp_path, output=out)
    ids = [r["id"] for r in read_jsonl(out)]
    assert ids == ["m-1", "m-2", "m-6", "m-9", "j-1", "j-8"]
    errors = read_jsonl(tmp_path / "results.errors.jsonl")
    got = [(Path(e["source"]).name, e["row"], e["code"]) for e in errors]
    assert got == [
        ("malformed.csv", 3, "bad_csv"), ("malformed.csv", 4, "missing_text"), ("malformed.csv", 5, "not_utf8"),
        ("malformed.csv", 7, "bad_csv"), ("malformed.csv", 8, "bad_csv"),
        ("malformed.jsonl", 2, "invalid_json"), ("malformed.jsonl", 3, "missing_text"),
        ("malformed.jsonl", 4, "not_utf8"), ("malformed.jsonl", 5, "not_object"),
        ("malformed.jsonl", 6, "missing_text"), ("malformed.jsonl", 7, "missing_text"),
    ]
    assert all(e["reason"] for e in errors)
    assert errors[2]["line"] == 7 and errors[2]["id"] == "m-5"  # the row can be found again
    # Reasons name rows and problems, never the customer's words.
    blob = json.dumps(errors)
    for words in ("Ravi", "today", "Mia", "hours changed", "Sam"):
        assert words not in blob
    s = result.summary
    assert s["rows"] == {"linted": 6, "errors": 11, "skipped": 0, "read": 17}
    assert s["errors_by_code"] == {"bad_csv": 3, "invalid_json": 1, "missing_text": 4, "not_object": 1, "not_utf8": 2}


def test_a_multiline_quoted_field_is_one_reply(linter, tmp_path):
    out = tmp_path / "r.jsonl"
    run_audit(linter, [DATA / "malformed.csv"], tmp_path, output=out, include_text=True)
    m2 = next(r for r in read_jsonl(out) if r["id"] == "m-2")
    assert m2["text"] == 'Hi Sam, the "new" plan starts Monday.\nIt includes two seats.'
    assert m2["row"] == 2


def test_parquet_input_with_mapped_columns_and_parquet_outputs(linter, tmp_path):
    rows = synthetic_rows(40)
    table = pa.table({
        "ticket": [r["id"] for r in rows] + ["s-null"],
        "message": [r["text"] for r in rows] + [None],
        "rep": [r["agent"] for r in rows] + ["Tom Berg"],
        "sent": [r["created_at"] for r in rows] + [None],
    })
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    res = CliRunner().invoke(main, [
        "audit", str(src), "--text-column", "message", "--id-column", "ticket", "--agent-column", "rep",
        "--created-at-column", "sent", "-o", str(tmp_path / "results.parquet"),
        "--findings", str(tmp_path / "findings.parquet"), "--include-text", "--workers", "1", "--no-progress",
    ])
    assert res.exit_code == 0, res.output
    results = pq.read_table(tmp_path / "results.parquet")
    assert results.num_rows == 40
    names = results.schema.names
    for col in ("id", "source", "row", "agent", "team", "channel", "created_at", "customer_message", "score",
                *DISPLAY_ORDER, "verdict", "findings_count", "findings", "text"):
        assert col in names
    assert results.schema.field("created_at").type == pa.timestamp("us", tz="UTC")
    data = results.to_pylist()
    assert [r["id"] for r in data] == [r["id"] for r in rows]
    assert {r["agent"] for r in data} == {a for a, _ in AGENTS}
    findings = pq.read_table(tmp_path / "findings.parquet").to_pylist()
    assert len(findings) == sum(r["findings_count"] for r in data) > 0
    by_id = {r["id"]: r for r in data}
    for f in findings:
        reply = by_id[f["reply_id"]]
        assert reply["text"][f["start"]:f["end"]] == f["passage"]
    errors = read_jsonl(tmp_path / "results.errors.jsonl")
    assert [(e["row"], e["code"], e["id"]) for e in errors] == [(41, "missing_text", "s-null")]


def test_findings_table_is_queryable_like_a_bi_tool_would(linter, tmp_path):
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    src = write_jsonl(tmp_path / "in.jsonl", synthetic_rows(60))
    result = run_audit(linter, [src], tmp_path, output=tmp_path / "results.parquet",
                       findings=tmp_path / "findings.parquet")
    findings = ds.dataset(tmp_path / "findings.parquet").to_table(columns=["rule"])
    counts = {d["values"]: d["counts"] for d in pc.value_counts(findings["rule"]).to_pylist()}
    assert counts == {r["rule"]: r["count"] for r in result.summary["rules"]}


def test_unknown_extension_or_missing_column_is_a_usage_error(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", synthetic_rows(3))
    runner = CliRunner()
    res = runner.invoke(main, ["audit", str(src), "-o", str(tmp_path / "out.csv"), "--workers", "1"])
    assert res.exit_code == 2 and ".jsonl or .parquet" in res.output
    res = runner.invoke(main, ["audit", str(src)])
    assert res.exit_code == 2 and "nothing to write" in res.output
    res = runner.invoke(main, ["audit", str(src), "-o", str(tmp_path / "o.jsonl"), "--timezone", "Mars/Olympus"])
    assert res.exit_code == 2 and "time zone" in res.output
    csv_in = tmp_path / "in.csv"
    csv_in.write_text("id,reply\n1,Hi there\n", encoding="utf-8")
    res = runner.invoke(main, ["audit", str(csv_in), "-o", str(tmp_path / "o.jsonl"), "--text-column", "body"])
    assert res.exit_code == 2 and "no column 'body'" in res.output


# --------------------------------------------------------------------------- help-desk exports


def test_zendesk_export_lints_only_public_agent_comments(linter, tmp_path):
    out = tmp_path / "z.jsonl"
    result = run_audit(linter, [EXAMPLES / "zendesk-tickets.json"], tmp_path, output=out, include_text=True)
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["1276", "1302"]  # not the requester's 1274/1301, not private 1275
    first, second = rows
    assert (first["agent"], first["team"], first["customer_name"], first["channel"]) == (
        "Priya Shah", "Billing", "Jane Roe", "email")
    assert first["created_at"] == "2024-03-04T15:02:44+00:00"
    assert first["customer_message"].startswith("Hi, I was charged twice")
    # Signature block and quoted history are not linted; the sign-off name is.
    linted = first["text"][:first["linted_chars"]]
    assert linted.endswith("Best,\nPriya Shah")
    assert "wrote:" in first["text"] and "Specialist" in first["text"]
    assert second["channel"] == "chat" and second["team"] == "Mobile app"
    assert {f["rule"] for f in second["findings"]} >= {"PER001", "NAT001"}
    for r in rows:
        for f in r["findings"]:
            assert r["text"][f["start"]:f["end"]] == f["passage"]
    assert result.summary["skipped_by_reason"] == {"not written by an agent": 2, "private (internal) comment": 1}


def test_zendesk_ndjson_with_side_loaded_users(linter, tmp_path):
    doc = json.loads((EXAMPLES / "zendesk-tickets.json").read_text(encoding="utf-8"))
    lines = [{"users": doc["users"], "groups": doc["groups"]}] + doc["tickets"]
    src = write_jsonl(tmp_path / "export.json.ndjson", lines)
    out = tmp_path / "z.jsonl"
    run_audit(linter, [src], tmp_path, output=out)
    assert [(r["id"], r["agent"]) for r in read_jsonl(out)] == [("1276", "Priya Shah"), ("1302", "Tom Berg")]


def test_intercom_export_lints_only_admin_comment_parts_as_text(linter, tmp_path):
    out = tmp_path / "i.jsonl"
    result = run_audit(linter, [EXAMPLES / "intercom-conversations.json"], tmp_path, output=out, include_text=True)
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["7003", "7005"]  # not the note, the assignment or the user's part
    first, second = rows
    assert "<p>" not in first["text"] and "–" in first["text"]  # HTML became text, &ndash; decoded
    assert first["agent"] == "Ana Costa" and first["team"] == "5017691" and first["channel"] == "chat"
    assert first["customer_message"].startswith("Hi, where is my order")
    assert second["customer_message"].startswith("Thanks! Can I change")
    assert first["created_at"] == "2024-03-05T09:55:00+00:00"
    assert {f["rule"] for f in second["findings"]} >= {"CUS001", "NAT001"}
    for f in second["findings"]:
        assert second["text"][f["start"]:f["end"]] == f["passage"]
    assert result.summary["rows"]["skipped"] == 3


def test_quoted_history_and_signatures_are_cut_before_linting(linter, tmp_path):
    body = ("Hi Dana,\n\nYour replacement ships today.\n\nBest,\nSam Lee\nSupport Engineer | Example Inc.\n"
            "www.example.com\n\nOn Tue, Mar 5, 2024 at 9:00 AM Dana <dana@example.com> wrote:\n"
            "> Dear Customer, please be advised that kindly nothing works\n")
    conv = {"type": "conversation", "id": "1", "source": {"type": "email", "body": "<p>help</p>",
                                                          "author": {"type": "user", "id": "u1"}},
            "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [
                {"type": "conversation_part", "id": "p1", "part_type": "comment", "body": body,
                 "created_at": 1709632500, "author": {"type": "admin", "id": "9", "name": "Sam Lee"}}]}}
    src = write_jsonl(tmp_path / "conv.jsonl", [conv])
    out = tmp_path / "o.jsonl"
    run_audit(linter, [src], tmp_path, output=out, include_text=True)
    (row,) = read_jsonl(out)
    assert row["text"] == body
    assert row["text"][:row["linted_chars"]] == "Hi Dana,\n\nYour replacement ships today.\n\nBest,\nSam Lee"
    assert row["findings"] == [] and row["channel"] == "email"


# --------------------------------------------------------------------------- templates and macros


def test_macro_folder_in_template_mode(linter, tmp_path):
    out = tmp_path / "m.jsonl"
    fields = (EXAMPLES / "macro-fields.txt").read_text(encoding="utf-8").split()
    cfg = TemplateConfig(parse_syntax(["handlebars"]), frozenset(fields))
    result = run_audit(linter, [EXAMPLES / "macros"], tmp_path, output=out, templates=cfg, include_text=True)
    rows = {r["id"]: r for r in read_jsonl(out)}
    assert set(rows) == {"refund-approved.md", "shipping-delay.txt", "password-reset.html"}
    assert rows["refund-approved.md"]["findings"] == []  # well-formed placeholders are not findings
    assert rows["refund-approved.md"]["score"] == 100
    car = [f for f in rows["shipping-delay.txt"]["findings"] if f["rule"] == "CAR001"]
    assert [f["passage"] for f in car] == ["{{ticket.id}"]
    assert "not closed" in car[0]["message"]
    pw = [f for f in rows["password-reset.html"]["findings"] if f["rule"] == "CAR001"]
    assert [f["passage"] for f in pw] == ["{{ frist_name }}"]
    assert "first_name" in pw[0]["message"] and pw[0]["suggestion"] == "Write “{{ first_name }}”"
    assert rows["password-reset.html"]["verdict"] == "block"  # rescored: a malformed placeholder is an error
    macros = result.summary["macros"]
    assert macros["count"] == 3
    assert [m["id"] for m in macros["to_fix"]][0] == "shipping-delay.txt"


def test_without_template_mode_placeholders_are_leaks(linter, tmp_path):
    out = tmp_path / "m.jsonl"
    run_audit(linter, [EXAMPLES / "macros"], tmp_path, output=out, templates=None)
    rows = {r["id"]: r for r in read_jsonl(out)}
    assert any(f["rule"] == "CAR001" for f in rows["refund-approved.md"]["findings"])


def test_zendesk_macros_ranked_by_usage_via_cli(tmp_path):
    res = CliRunner().invoke(main, [
        "audit", str(EXAMPLES / "zendesk-macros.json"), "--summary", str(tmp_path / "s.json"),
        "--template-fields", f"@{EXAMPLES / 'macro-fields.txt'}", "--workers", "1", "--no-progress",
    ])
    assert res.exit_code == 0, res.output
    s = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    ranked = [(m["title"], m["usage"]) for m in s["macros"]["to_fix"]]
    assert ranked == [("Shipping delay", 1380), ("Escalate to engineering", 95)]  # "Refund approved" is clean


def test_custom_template_syntax(linter, tmp_path):
    rows = [{"id": "1", "text": "Hi <<first_name>>, your order <<order_id> ships today."}]
    src = write_jsonl(tmp_path / "t.jsonl", rows)
    out = tmp_path / "o.jsonl"
    cfg = TemplateConfig(parse_syntax(["<< >>"]))
    run_audit(linter, [src], tmp_path, output=out, templates=cfg, templates_all=True)
    (row,) = read_jsonl(out)
    assert [(f["rule"], f["passage"]) for f in row["findings"] if f["rule"] == "CAR001"] == [("CAR001", "<<order_id>")]


# --------------------------------------------------------------------------- redaction


def test_redact_masks_every_output_and_keeps_offsets(linter, tmp_path):
    rows = [
        {"id": "r1", "text": "Dear Customer, write to jane.roe@example.com or call +1 (555) 010-2000 about card "
                             "4111111111111111. Kindly reply.", "customer_message": "I am bob@example.org, 07700 900123",
         "agent": "Tom Berg", "created_at": "2024-03-04T10:00:00Z"},
        {"id": "r2", "text": "Hi Dana, kindly confirm order 88123456 at dana@example.net.", "agent": "Tom Berg"},
        {"id": "r3", "reply": None},
    ]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    res = CliRunner().invoke(main, [
        "audit", str(src), "-o", str(tmp_path / "results.jsonl"), "--findings", str(tmp_path / "findings.jsonl"),
        "--report", str(tmp_path / "report.html"), "--redact", "--include-text", "--workers", "1", "--no-progress",
    ])
    assert res.exit_code == 0, res.output
    secrets = ["jane.roe@example.com", "bob@example.org", "dana@example.net", "010-2000", "4111111111111111",
               "88123456", "900123", "example.com"]
    for name in ("results.jsonl", "findings.jsonl", "results.errors.jsonl", "summary.json", "report.html"):
        blob = (tmp_path / name).read_text(encoding="utf-8")
        for secret in secrets:
            assert secret not in blob, (name, secret)
    out = read_jsonl(tmp_path / "results.jsonl")
    assert "****.***@*******.***" in out[0]["text"] and len(out[0]["text"]) == len(rows[0]["text"])
    for r in out:
        for f in r["findings"]:
            assert r["text"][f["start"]:f["end"]] == f["passage"]
    assert redact("call 555-010-2000, order 1234567") == "call ***-***-****, order *******"


# --------------------------------------------------------------------------- runs


def test_a_process_pool_gives_the_same_results_as_one_process(linter, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", synthetic_rows(90))
    one = run_audit(linter, [src], tmp_path, output=tmp_path / "one.jsonl", workers=1, chunk_size=8)
    two = run_audit(linter, [src], tmp_path, output=tmp_path / "two.jsonl", workers=2, chunk_size=8)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert comparable(one.summary) == comparable(two.summary)
    assert two.summary["run"]["executor"] == "processes"


def test_interrupted_run_resumes_without_duplicates_or_gaps(linter, tmp_path, monkeypatch):
    rows = synthetic_rows(150)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    (tmp_path / "bad.jsonl").write_text('{"id": "b1", "text": ""}\nnot json\n', encoding="utf-8")
    inputs = [src, tmp_path / "bad.jsonl"]
    full = run_audit(linter, inputs, tmp_path, output=tmp_path / "full.parquet", findings=tmp_path / "full-f.jsonl")

    commits = {"n": 0}
    original = Audit._write_journal

    def stop_after_two(self, *args, **kwargs):  # Ctrl-C (a real SIGINT) arrives after the second commit
        original(self, *args, **kwargs)
        commits["n"] += 1
        if commits["n"] == 2:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(Audit, "_write_journal", stop_after_two)
    out, fout = tmp_path / "part.parquet", tmp_path / "part-f.jsonl"
    with pytest.raises(Interrupted) as info:
        run_audit(linter, inputs, tmp_path, output=out, findings=fout, chunk_size=8, commit_rows=16)
    assert 0 < info.value.written < len(rows)
    assert not out.exists() and (tmp_path / "part.parquet.audit-state" / "journal.json").exists()
    monkeypatch.setattr(Audit, "_write_journal", original)
    with pytest.raises(AuditError, match="timezone"):
        run_audit(linter, inputs, tmp_path, output=out, findings=fout, resume=True, timezone="Asia/Tokyo")
    resumed = run_audit(linter, inputs, tmp_path, output=out, findings=fout, resume=True, chunk_size=8)
    assert resumed.resumed_from > 0
    got = pq.read_table(out).to_pylist()
    assert [r["id"] for r in got] == [r["id"] for r in rows]
    assert got == pq.read_table(tmp_path / "full.parquet").to_pylist()
    assert fout.read_bytes() == (tmp_path / "full-f.jsonl").read_bytes()
    assert read_jsonl(tmp_path / "part.errors.jsonl") == read_jsonl(tmp_path / "full.errors.jsonl")
    assert comparable(resumed.summary) == comparable(full.summary)
    assert not (tmp_path / "part.parquet.audit-state").exists()


def test_resume_cuts_a_half_written_jsonl_tail(linter, tmp_path, monkeypatch):
    rows = synthetic_rows(60)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "r.jsonl"
    monkeypatch.setattr(Audit, "_write_journal", _stopping(Audit._write_journal, after=1))
    with pytest.raises(Interrupted):
        run_audit(linter, [src], tmp_path, output=out, chunk_size=8, commit_rows=8)
    monkeypatch.undo()
    with out.open("ab") as fh:  # what a killed run leaves: rows written after the last commit
        fh.write(b'{"id":"s-00099","half":')
    run_audit(linter, [src], tmp_path, output=out, resume=True)
    assert [r["id"] for r in read_jsonl(out)] == [r["id"] for r in rows]


def _stopping(original: Any, after: int) -> Any:
    calls = {"n": 0}

    def wrapper(self, *args, **kwargs):
        original(self, *args, **kwargs)
        calls["n"] += 1
        if calls["n"] >= after:
            self._stop = True

    return wrapper


def test_resume_without_an_unfinished_run(linter, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", synthetic_rows(5))
    out = tmp_path / "r.jsonl"
    run_audit(linter, [src], tmp_path, output=out)
    with pytest.raises(AuditError, match="nothing to resume"):
        run_audit(linter, [src], tmp_path, output=out, resume=True)


def test_summary_of_partitions_merges_to_the_summary_of_the_whole(linter, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", synthetic_rows(80))
    out = tmp_path / "r.jsonl"
    whole = run_audit(linter, [src], tmp_path, output=out, include_text=True, timezone="Europe/Berlin")
    rows = read_jsonl(out)
    parts = [Aggregator("Europe/Berlin") for _ in range(3)]
    for i, row in enumerate(rows):
        parts[i % 3].add_row(row)
    merged = Aggregator("Europe/Berlin")
    for p in reversed(parts):
        merged.merge(json.loads(json.dumps(p.state())))  # states travel as JSON
    figures = merged.summary()
    assert figures == {k: v for k, v in whole.summary.items() if k in figures}


def test_the_figures_cover_the_support_leads_questions(linter, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", synthetic_rows(120))
    s = run_audit(linter, [src], tmp_path, summary=tmp_path / "s.json", timezone="America/New_York").summary
    assert s["rows"]["linted"] == 120
    assert [t["trait"] for t in s["traits"]] == list(DISPLAY_ORDER)
    assert sum(h["count"] for h in s["score"]["histogram"]) == 120
    assert s["rules"] and s["rules"][0]["count"] >= s["rules"][-1]["count"]
    assert all(len(r["examples"]) <= 3 and r["examples"] for r in s["rules"])
    assert {a["name"] for a in s["agents"]} == {a for a, _ in AGENTS}
    assert {t["name"] for t in s["teams"]} == {"Billing", "Orders"}
    weakest = s["agents"][0]["weakest"]
    assert weakest and all(ex["passage"] for w in weakest for ex in w["examples"])
    assert all(ex["id"] in {r["id"] for r in synthetic_rows(120) if r["agent"] == s["agents"][0]["name"]}
               for w in weakest for ex in w["examples"])  # each agent's own passages
    assert len(s["weekly"]) >= 3 and s["weekly"][0]["week"] <= s["weekly"][-1]["week"]
    st = s["staffing"]
    assert st["timezone"] == "America/New_York" and sum(h["replies"] for h in st["by_hour"]) == 120
    # 08:15 UTC on a March day before the DST switch is 03:15 in New York.
    assert sum(map(sum, st["heatmap"]["replies"])) == 120
    assert s["worst"] and s["worst"][0]["score"] == min(w["score"] for w in s["worst"])
    assert {c["channel"] for c in s["channels"]} == {"email", "chat", "social"}


def test_progress_and_messages_never_show_reply_text(tmp_path):
    rows = synthetic_rows(30)
    src = write_jsonl(tmp_path / "in.jsonl", rows + [{"id": "x", "text": None}])
    res = CliRunner().invoke(main, ["audit", str(src), "-o", str(tmp_path / "r.jsonl"), "--workers", "1",
                                    "--progress"])
    assert res.exit_code == 0, res.output
    assert "rows" in res.output and "30 replies linted, 1 rows with errors" in res.output
    for r in rows:
        assert r["text"][:25] not in res.output
