"""`replylint serve`: the HTTP API, its settings and its privacy (see docs/server.md)."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx versions
    from fastapi.testclient import TestClient

from click.testing import CliRunner

from replylint import TRAIT_IDS, Context
from replylint.cli import main as cli_main
from replylint.config import ConfigError
from replylint.server.app import NoQueryString, create_app
from replylint.server.command import _Fail, build, log_config
from replylint.server.settings import ENV_TOKEN, ServerSettings, load, server_settings, split_config

BAD = "Hi {{first_name}}, please be advised that your order is delayed. Kindly restart the app."
CTX = {"customer_name": "Dana Whitfield", "channel": "chat"}
SECRET = "Card 4111-1111-1111-1111 for SECRET-PATIENT-7781"


@pytest.fixture(scope="module")
def client(linter) -> TestClient:
    return TestClient(create_app(linter, ServerSettings()))


@pytest.fixture(scope="module")
def locked(linter) -> TestClient:
    settings = ServerSettings(token="tok-123", cors_origins=["https://desk.example.com"], max_request_bytes=4096)
    return TestClient(create_app(linter, settings))


AUTH = {"Authorization": "Bearer tok-123"}


# --------------------------------------------------------------------------- the contract


def test_check_returns_the_library_report(client, linter):
    res = client.post("/v1/check", json={"text": BAD, "context": CTX})
    assert res.status_code == 200
    assert res.json() == linter.check(BAD, Context(**CTX)).to_dict()
    data = res.json()
    assert data["verdict"] == "block" and set(data["traits"]) == set(TRAIT_IDS)
    assert res.headers["server-timing"].startswith("wait;dur=") and "check;dur=" in res.headers["server-timing"]
    assert {f["rule"] for f in data["findings"]} >= {"CAR001", "NAT001", "NAT002"}


def test_offsets_are_code_points_even_after_an_emoji(client):
    text = "👍🏽 Thanks Dana! 👨‍👩‍👧 Kindly restart the app."
    (f,) = [f for f in client.post("/v1/check", json={"text": text}).json()["findings"] if f["rule"] == "NAT002"]
    assert text[f["start"] : f["end"]] == "Kindly" == f["passage"]


def test_ignore_takes_finding_rule_and_trait_ids(client):
    first = client.post("/v1/check", json={"text": BAD, "context": CTX}).json()
    kindly = next(f for f in first["findings"] if f["rule"] == "NAT002")
    # A dismissed finding stays dismissed while the agent types elsewhere.
    longer = BAD + " Thanks for bearing with us!"
    again = client.post("/v1/check", json={"text": longer, "context": CTX, "ignore": [kindly["id"]]}).json()
    assert "NAT002" not in {f["rule"] for f in again["findings"]} and "NAT001" in {f["rule"] for f in again["findings"]}
    by_trait = client.post("/v1/check", json={"text": BAD, "context": CTX, "ignore": ["natural"]}).json()
    assert not any(f["trait"] == "natural" for f in by_trait["findings"])
    by_rule = client.post("/v1/check", json={"text": BAD, "context": CTX, "ignore": ["CAR001"]}).json()
    assert by_rule["verdict"] == "warn"


def test_fix_applies_safe_suggestions_or_the_chosen_ids(client, linter):
    safe = client.post("/v1/fix", json={"text": BAD, "context": CTX}).json()
    assert safe["text"] == linter.fix(BAD, Context(**CTX)) and safe["changed"]
    assert "{{first_name}}" in safe["text"]  # unsafe: not applied without asking
    report = client.post("/v1/check", json={"text": BAD, "context": CTX}).json()
    car = next(f for f in report["findings"] if f["rule"] == "CAR001")
    chosen = client.post("/v1/fix", json={"text": BAD, "context": CTX, "ids": [car["id"], "gone"]}).json()
    assert chosen["text"].startswith("Hi Dana, please be advised")
    assert chosen["applied"] == [car["id"]] and chosen["missing"] == ["gone"]
    assert client.post("/v1/fix", json={"text": BAD, "context": CTX, "unsafe": True}).json()["text"].startswith("Hi Dana,")


def test_rules_health_and_openapi(client, linter):
    rules = client.get("/v1/rules").json()
    assert rules["count"] == len(linter.rules) and {r["id"] for r in rules["rules"]} >= {"CAR001", "NAT002"}
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["ruleset"] == linter.ruleset
    schema = client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/fix", "/v1/rules", "/healthz"} <= set(schema["paths"])
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert client.get("/docs").status_code == 200


def test_compose_page_and_client_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and 'id="reply"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for path in ("/static/compose.js", "/static/compose.css", "/static/replylint.js", "/replylint.js"):
        assert client.get(path).status_code == 200, path
    assert "ReplyLint" in client.get("/replylint.js").text


def test_static_files_ship_inside_the_package():
    static = Path(__import__("replylint.server", fromlist=["x"]).__file__).parent / "static"
    assert {"index.html", "compose.css", "compose.js", "replylint.js"} <= {p.name for p in static.iterdir()}


# --------------------------------------------------------------------------- errors


def test_validation_errors_name_the_field_and_do_not_echo_input(client):
    res = client.post("/v1/check", json={"context": CTX})
    assert res.status_code == 422 and res.json()["detail"][0]["field"] == "text"
    res = client.post("/v1/check", json={"text": SECRET, "context": {"channel": "fax"}})
    assert res.status_code == 422
    assert res.json()["detail"][0]["field"] == "context.channel" and "context.channel" in res.json()["message"]
    assert SECRET not in res.text and "fax" not in res.text
    res = client.post("/v1/check", json={"text": SECRET, "context": {"locale": "en-XX"}})
    assert res.status_code == 422 and res.json()["detail"][0]["field"] == "context.locale"
    res = client.post("/v1/check", json={"text": 12})
    assert res.status_code == 422 and res.json()["detail"][0]["field"] == "text"
    res = client.post("/v1/check", json={"text": "x", "colour": "red"})
    assert res.status_code == 422 and res.json()["detail"][0]["field"] == "colour"
    res = client.post("/v1/check", content=b'{"text": "' + SECRET.encode() + b'"', headers={"content-type": "application/json"})
    assert res.status_code == 422 and res.json()["detail"][0]["field"] == "body" and SECRET not in res.text
    res = client.post("/v1/check", content=b'{"text": "a \\ud83d b"}', headers={"content-type": "application/json"})
    assert res.status_code == 422 and "surrogate" in res.json()["message"]


def test_too_long_for_the_linter_is_422_on_text(linter):
    small = TestClient(create_app(linter, ServerSettings(max_request_bytes=300_000)))
    res = small.post("/v1/check", json={"text": "word " * 21_000})
    assert res.status_code == 422 and res.json()["detail"][0]["field"] == "text"
    assert "limit is 100,000" in res.json()["message"]


def test_request_size_limit_is_413_with_a_clear_message(locked):
    res = locked.post("/v1/check", json={"text": "x" * 5000}, headers=AUTH)
    assert res.status_code == 413
    assert "limit is 4,096 bytes" in res.json()["detail"] and "server.max_request_bytes" in res.json()["detail"]

    def chunks():  # no Content-Length: counted while read
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}'

    res = locked.post("/v1/check", content=chunks(), headers={**AUTH, "content-type": "application/json"})
    assert res.status_code == 413
    ok = locked.post("/v1/check", json={"text": "Thanks Dana, it ships today."}, headers=AUTH)
    assert ok.status_code == 200


def test_token_guards_every_v1_call(locked, monkeypatch):
    for method, path in (("post", "/v1/check"), ("post", "/v1/fix"), ("get", "/v1/rules")):
        res = getattr(locked, method)(path, **({"json": {"text": "hi"}} if method == "post" else {}))
        assert res.status_code == 401, path
        assert res.headers["www-authenticate"].startswith("Bearer")
    # The token is checked before the body: an anonymous caller learns nothing from validation.
    assert locked.post("/v1/check", content=b"not json").status_code == 401
    assert locked.post("/v1/check", json={"text": "hi"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert locked.post("/v1/check", json={"text": "hi"}, headers={"Authorization": "Basic tok-123"}).status_code == 401
    assert locked.post("/v1/check", json={"text": "hi"}, headers=AUTH).status_code == 200
    assert locked.get("/healthz").status_code == 200 and locked.get("/").status_code == 200


def test_token_from_the_environment_wins(monkeypatch):
    monkeypatch.setenv(ENV_TOKEN, "from-env")
    assert server_settings({"token": "from-file"}).token_value == "from-env"
    monkeypatch.setenv(ENV_TOKEN, "  ")
    assert server_settings({"token": "from-file"}).token_value == "from-file"
    assert "from-file" not in repr(server_settings({"token": "from-file"}))


def test_cors_allow_list(locked):
    pre = locked.options("/v1/check", headers={
        "Origin": "https://desk.example.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://desk.example.com"
    res = locked.post("/v1/check", json={"text": "hi"}, headers={**AUTH, "Origin": "https://desk.example.com"})
    assert res.headers["access-control-allow-origin"] == "https://desk.example.com"
    res = locked.post("/v1/check", json={"text": "hi"}, headers={**AUTH, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in res.headers
    bad = locked.options("/v1/check", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert bad.status_code == 400


# --------------------------------------------------------------------------- privacy


class Exploding:
    """A linter that fails the way a bug would: with the reply in its message."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.rules, self.active, self.ruleset = inner, inner.rules, inner.active, inner.ruleset

    def check(self, text, context=None, ignore=None):  # type: ignore[no-untyped-def]
        if "SECRET" in text:
            raise RuntimeError(f"cannot check {text!r}")
        return self.inner.check(text, context, ignore)

    def fix(self, text, context=None, unsafe=False, ignore=None):  # type: ignore[no-untyped-def]
        raise ValueError(f"cannot fix {text!r}")


def test_errors_never_log_or_echo_the_reply(linter, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    app = TestClient(create_app(Exploding(linter), ServerSettings(max_request_bytes=2048)))
    res = app.post("/v1/check", json={"text": SECRET, "context": {"customer_name": "SECRET Person"}})
    assert res.status_code == 500 and "internal error" in res.json()["detail"]
    assert app.post("/v1/fix", json={"text": SECRET}).status_code == 500
    assert app.post("/v1/check", json={"text": SECRET * 100}).status_code == 413
    assert app.post("/v1/check", json={"text": SECRET, "context": {"channel": 1}}).status_code == 422
    assert app.post("/v1/check", json={"text": "Thanks Dana, it ships today."}).status_code == 200
    out, err = capfd.readouterr()
    logged = caplog.text + out + err
    assert "internal error" in logged and "RuntimeError at" in logged and "ValueError at" in logged
    assert "SECRET" not in logged and "4111" not in logged
    assert "SECRET" not in res.text


def test_access_log_keeps_the_path_and_drops_the_query():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", "/healthz?text=SECRET", "1.1", 200), None)
    NoQueryString().filter(record)
    assert record.getMessage() == '127.0.0.1:5 - "GET /healthz HTTP/1.1" 200'
    cfg = log_config()
    assert "no_query" in cfg["handlers"]["access"]["filters"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_server_logs_carry_no_reply_text(tmp_path):
    """uvicorn with `replylint serve`'s logging: a 500, a 413, a 422 and a query string."""
    import httpx

    port = _free_port()
    script = textwrap.dedent(f"""
        from replylint.server.app import create_app
        from replylint.server.command import run
        from replylint.server.settings import ServerSettings

        class Boom:
            rules, active, ruleset = [], [], "test"
            def check(self, text, context=None, ignore=None):
                raise RuntimeError("cannot check " + text)

        settings = ServerSettings(port={port}, max_request_bytes=2048)
        run(create_app(Boom(), settings), settings, "debug")
    """)
    log = tmp_path / "server.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=fh, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("server did not start:\n" + log.read_text())
                time.sleep(0.1)
        assert httpx.post(base + "/v1/check", json={"text": SECRET}).status_code == 500
        assert httpx.post(base + "/v1/check", json={"text": SECRET * 100}).status_code == 413
        assert httpx.post(base + "/v1/check", json={"text": SECRET, "context": {"channel": "x"}}).status_code == 422
        assert httpx.get(base + "/healthz", params={"q": SECRET}).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    logged = log.read_text()
    assert '"POST /v1/check HTTP/1.1" 500' in logged and "internal error" in logged
    assert '"GET /healthz HTTP/1.1" 200' in logged
    assert "SECRET" not in logged and "4111" not in logged


def test_checks_do_not_grow_the_shared_vocabulary(linter):
    from replylint.nlp import load_pipeline
    from replylint.server.app import Service

    service = Service(linter)
    strings = load_pipeline().vocab.strings
    service.check("Hi Dana, warm-up.", None, [])
    before = len(strings)
    for i in range(30):
        service.check(f"Hi Zqx{i}name, order Q{i}X7Z{i} ships from Wrrblx{i} today.", None, [])
    assert len(strings) == before


# --------------------------------------------------------------------------- settings and command


def test_server_table_is_split_from_linter_settings(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_TOKEN, raising=False)
    cfg = tmp_path / "replylint.toml"
    cfg.write_text(textwrap.dedent("""
        ignore = ["NAT002"]

        [server]
        port = 9001
        max_request_bytes = 2048
        cors_origins = ["https://desk.example.com/"]
        token = "file-token"
    """))
    linter_data, server_data = split_config({"ignore": ["X"], "server": {"port": 1}})
    assert linter_data == {"ignore": ["X"]} and server_data == {"port": 1}
    loaded = load(cfg)
    assert loaded.settings.ignore == ["NAT002"] and loaded.server.port == 9001
    assert loaded.server.cors_origins == ["https://desk.example.com"]
    app, loaded = build(str(cfg), port=9002)
    assert loaded.server.port == 9002 and loaded.server.host == "127.0.0.1"
    c = TestClient(app)
    auth = {"Authorization": "Bearer file-token"}
    data = c.post("/v1/check", json={"text": BAD}, headers=auth).json()
    assert "NAT002" not in {f["rule"] for f in data["findings"]}  # the linter keys were used
    assert c.post("/v1/check", json={"text": "x" * 3000}, headers=auth).status_code == 413


def test_pyproject_server_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.replylint]\nlocale = "en-GB"\n\n[tool.replylint.server]\nport = 9100\n')
    loaded = load()
    assert loaded.settings.locale == "en-GB" and loaded.server.port == 9100


def test_bad_server_settings_are_clear(tmp_path):
    cfg = tmp_path / "replylint.toml"
    cfg.write_text("[server]\nprot = 1\n")
    with pytest.raises(ConfigError, match=r"unknown key 'server.prot'; did you mean 'port'"):
        load(cfg)
    cfg.write_text('[server]\ncors_origins = ["desk.example.com"]\n')
    with pytest.raises(ConfigError, match="not an origin"):
        load(cfg)
    cfg.write_text("server = 3\n")
    with pytest.raises(ConfigError, match="must be a table"):
        load(cfg)
    cfg.write_text("[server]\nmax_request_bytes = 10\n")
    with pytest.raises(_Fail, match="server.max_request_bytes"):
        build(str(cfg))


def test_serve_is_a_replylint_command():
    result = CliRunner().invoke(cli_main, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    assert "--host" in result.output and "--port" in result.output
    assert "REPLYLINT_API_TOKEN" in result.output


def test_response_is_plain_json(client):
    res = client.post("/v1/check", json={"text": "Merci beaucoup, Dana ✨"})
    assert res.headers["content-type"].startswith("application/json")
    assert json.loads(res.content.decode("utf-8"))["checked"] is True
