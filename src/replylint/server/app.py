"""The pre-send check service: a FastAPI app around one Linter.

    from replylint import Linter
    from replylint.server.app import create_app
    app = create_app(Linter())           # any ASGI server; `replylint serve` uses uvicorn

Routes (see docs/server.md):

- ``POST /v1/check`` {text, context, ignore} -> the Report JSON of the library contract
- ``POST /v1/fix``   {text, context, ignore, ids, unsafe} -> {text, changed, applied, missing}
- ``GET  /v1/rules`` -> every rule, as ``replylint rules --format json``
- ``GET  /healthz``  -> liveness, version and ruleset (no token needed)
- ``GET  /``         -> the compose page; ``/static/replylint.js`` the embeddable client
- ``/openapi.json``, ``/docs``

Privacy: reply text is never logged. The access log carries method, path (no
query string) and status; errors log their type and code location only, never a
message (messages can quote the input) and never a body; error responses never
echo the request either.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import re
import secrets
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware import Middleware
from fastapi.responses import FileResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.middleware.cors import CORSMiddleware

from .. import __version__
from ..config import LOCALES
from ..context import Context
from ..engine import InputError
from ..reference import rule_rows
from ..report import Report
from .settings import ServerSettings

log = logging.getLogger("replylint.server")

STATIC = Path(__file__).resolve().parent / "static"
V1 = "/v1"
_SURROGATE = re.compile("[\ud800-\udfff]")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# --------------------------------------------------------------------------- request and response models


class ContextIn(BaseModel):
    """What the agent UI knows about the conversation (all optional)."""

    model_config = ConfigDict(extra="forbid")

    customer_name: str | None = Field(None, max_length=200, description="the customer's name, e.g. 'Dana Whitfield'")
    agent_name: str | None = Field(None, max_length=200, description="the agent's own name (a person, not a brand)")
    channel: Literal["chat", "email", "social"] | None = Field(None, description="sets length limits; unset = e-mail")
    customer_message: str | None = Field(None, description="the message this reply answers")
    locale: str | None = Field(None, description=f"overrides the house locale: one of {', '.join(LOCALES)}")
    metadata: dict[str, Any] = Field(default_factory=dict, description="yours; rules ignore it")

    @field_validator("channel", "customer_name", "agent_name", "customer_message", "locale", mode="before")
    @classmethod
    def _blank_is_unset(cls, v: Any) -> Any:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("locale")
    @classmethod
    def _locale(cls, v: str | None) -> str | None:
        if v is None:
            return None
        for loc in LOCALES:
            if loc.lower() == v.replace("_", "-").lower():
                return loc
        raise ValueError(f"unknown locale; use one of {', '.join(LOCALES)}")

    def to_context(self) -> Context:
        return Context(
            customer_name=self.customer_name, agent_name=self.agent_name, channel=self.channel,
            customer_message=self.customer_message, locale=self.locale, metadata=dict(self.metadata),
        )


class CheckIn(BaseModel):
    """One draft reply to check."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "Dear Customer, kindly restart the app.",
        "context": {"customer_name": "Dana Whitfield", "channel": "chat"},
        "ignore": [],
    }]})

    text: str = Field(description="the draft reply, as the agent typed it")
    context: ContextIn | None = None
    ignore: list[str] = Field(
        default_factory=list, max_length=1000,
        description="rule ids, id prefixes, trait ids and finding ids the agent dismissed",
    )

    @field_validator("text")
    @classmethod
    def _unicode(cls, v: str) -> str:
        if _SURROGATE.search(v):
            raise ValueError("contains an unpaired UTF-16 surrogate; send well-formed Unicode")
        return v

    def context_obj(self) -> Context | None:
        return self.context.to_context() if self.context is not None else None


class FixIn(CheckIn):
    """A draft and which suggestions to apply."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "Dear Customer, kindly restart the app.",
        "context": {"customer_name": "Dana Whitfield"},
        "ids": None,
    }]})

    ids: list[str] | None = Field(
        None, max_length=1000,
        description="finding ids whose first suggestion to apply (safe or not: the caller chose them); "
        "omitted or null: every safe suggestion, re-checked until nothing changes",
    )
    unsafe: bool = Field(False, description="without ids: also apply suggestions that need a human's eye")


class FixOut(BaseModel):
    text: str = Field(description="the rewritten reply")
    changed: bool
    applied: list[str] = Field(description="with ids: the requested findings that had a suggestion")
    missing: list[str] = Field(description="with ids: requested ids not found in the text (stale or dismissed)")


class EditOut(BaseModel):
    start: int = Field(description="Unicode code point offset into the original text")
    end: int
    replacement: str


class SuggestionOut(BaseModel):
    title: str
    applicability: Literal["safe", "unsafe"]
    edits: list[EditOut]


class FindingOut(BaseModel):
    id: str
    rule: str
    trait: str
    severity: Literal["error", "warning", "info"]
    start: int = Field(description="Unicode code point offset (not UTF-16): text[start:end] == passage")
    end: int
    passage: str
    message: str
    confidence: float
    suggestions: list[SuggestionOut]


class NoticeOut(BaseModel):
    kind: str
    message: str
    rule: str | None = None
    detail: dict[str, Any] | None = None


class ReportOut(BaseModel):
    """The JSON contract of ``Report.to_dict()`` (docs/api.md, schema_version 1.0)."""

    schema_version: str
    replylint_version: str
    ruleset: str
    checked: bool
    verdict: Literal["pass", "warn", "block"]
    score: int
    traits: dict[str, int]
    findings: list[FindingOut]
    notices: list[NoticeOut]
    fixed_text: str


class ProblemOut(BaseModel):
    detail: str


class FieldProblem(BaseModel):
    field: str = Field(description="dotted path of the bad field, e.g. 'context.channel'")
    loc: list[str | int]
    msg: str
    type: str


class InvalidOut(BaseModel):
    message: str
    detail: list[FieldProblem]


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ProblemOut, "description": "missing or wrong bearer token"},
    413: {"model": ProblemOut, "description": "request body over the size limit"},
    422: {"model": InvalidOut, "description": "invalid request; `field` names what to fix"},
}


# --------------------------------------------------------------------------- the service


class Service:
    """The loaded Linter, used one request at a time.

    spaCy objects are not meant for concurrent use, and the GIL would serialize the
    work anyway. Each check runs inside the pipeline's memory zone, so the strings of
    one reply (names, order numbers, typos) do not pile up in the shared vocabulary of
    a long-running process.
    """

    def __init__(self, linter: Any) -> None:
        self.linter = linter
        self._lock = threading.Lock()
        self._nlp: Any = None
        from ..engine import Linter

        if isinstance(linter, Linter):
            from ..nlp import load_pipeline

            self._nlp = load_pipeline()
        rows = rule_rows(linter.rules, {r.id for r in linter.active})
        self.rules_json = _dumps({"count": len(rows), "active": sum(r["active"] for r in rows), "rules": rows})

    @contextlib.contextmanager
    def _zone(self) -> Iterator[None]:
        zone = getattr(self._nlp, "memory_zone", None)
        if zone is None:
            yield
            return
        with zone():
            yield

    def warm_up(self) -> None:
        """Load spaCy and everything the rules load lazily, before the first request."""
        with self._lock:
            try:
                if hasattr(self.linter, "warm_up"):
                    self.linter.warm_up()
                else:
                    self.linter.check("Hi Dana, thanks for waiting! Your order ships today.", None, None)
            except Exception as exc:  # noqa: BLE001 - the first request will say what is wrong
                log.warning("warm-up failed: %s", where(exc))

    @contextlib.contextmanager
    def _turn(self, timing: dict[str, float] | None) -> Iterator[None]:
        """Hold the Linter (and a memory zone); record the wait, the work and its CPU time in ``timing`` (ms)."""
        t0 = time.perf_counter()
        with self._lock:
            t1, c1 = time.perf_counter(), time.thread_time()
            try:
                with self._zone():
                    yield
            finally:
                if timing is not None:
                    timing["wait"] = (t1 - t0) * 1000
                    timing["check"] = (time.perf_counter() - t1) * 1000
                    timing["cpu"] = (time.thread_time() - c1) * 1000  # the check's own CPU time

    def check(self, text: str, context: Context | None, ignore: list[str],
              timing: dict[str, float] | None = None) -> Report:
        with self._turn(timing):
            return self.linter.check(text, context, ignore or None)

    def fix(self, body: FixIn, timing: dict[str, float] | None = None) -> FixOut:
        ctx, ignore = body.context_obj(), body.ignore or None
        with self._turn(timing):
            if body.ids is None:
                new = self.linter.fix(body.text, ctx, unsafe=body.unsafe, ignore=ignore)
                return FixOut(text=new, changed=new != body.text, applied=[], missing=[])
            report = self.linter.check(body.text, ctx, ignore)
            wanted = set(body.ids)
            new = report.apply(wanted)
        found = {f.id: f for f in report.findings}
        applied = [i for i in body.ids if i in found and found[i].suggestions]
        missing = [i for i in body.ids if i not in found]
        return FixOut(text=new, changed=new != body.text, applied=applied, missing=missing)


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(data: Any, status: int = 200, timing: dict[str, float] | None = None) -> Response:
    headers = None
    if timing:  # Server-Timing: how long the request waited for the Linter, and the check itself
        headers = {"Server-Timing": ", ".join(f"{k};dur={v:.2f}" for k, v in timing.items())}
    return Response(_dumps(data), status_code=status, media_type="application/json", headers=headers)


# --------------------------------------------------------------------------- guard: errors, auth, size


def where(exc: BaseException) -> str:
    """An exception's type and innermost code locations: never its message (it may quote input)."""
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    places = " < ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(frames))
    return f"{type(exc).__name__} at {places or 'unknown place'}"


class Guard:
    """Pure ASGI middleware, inside CORS: a safe 500, the bearer token for /v1, the body limit.

    The token is checked before the body is read, so an anonymous caller learns
    nothing about validation; a body over the limit is refused before it is parsed.
    """

    def __init__(self, app: ASGIApp, token: str | None = None, max_bytes: int = 65536) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        method, path = scope.get("method", ""), scope.get("path", "")
        try:
            if (path == V1 or path.startswith(V1 + "/")) and method != "OPTIONS" and not self._authorized(scope):
                await _problem(send, 401, "missing or wrong bearer token: send 'Authorization: Bearer <token>'",
                               [(b"www-authenticate", b'Bearer realm="replylint"')])
                return
            if method in ("POST", "PUT", "PATCH"):
                declared = _header(scope, b"content-length")
                if declared is not None:
                    if not declared.isdigit():
                        await _problem(send, 400, "bad Content-Length header")
                        return
                    if int(declared) > self.max_bytes:
                        await _problem(send, 413, self._too_big(int(declared)))
                        return
                body, over = await self._read(receive)
                if over:
                    await _problem(send, 413, self._too_big(None))
                    return
                receive = _replay(body, receive)
            await self.app(scope, receive, tracked)
        except Exception as exc:  # noqa: BLE001 - the one place every error ends
            error_id = secrets.token_hex(4)
            log.error("internal error %s on %s %s: %s", error_id, method, path, where(exc))
            if not started:
                await _problem(send, 500, f"internal error {error_id}: the reply was not checked")

    def _authorized(self, scope: Scope) -> bool:
        if self.token is None:
            return True
        value = _header(scope, b"authorization") or ""
        scheme, _, given = value.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token)

    def _too_big(self, size: int | None) -> str:
        got = f"is {size:,} bytes" if size is not None else "is larger than that"
        return (f"request body too large: the limit is {self.max_bytes:,} bytes and this one {got} "
                "(server.max_request_bytes)")

    async def _read(self, receive: Receive) -> tuple[bytes, bool]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # client went away
                return b"".join(chunks), False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), False


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1").strip()
    return None


async def _problem(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = _dumps({"detail": detail})
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or []),
    ]})
    await send({"type": "http.response.body", "body": body})


class NoQueryString(logging.Filter):
    """For uvicorn's access log: keep the path, drop any query string (it could carry text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


# --------------------------------------------------------------------------- the app


def _field(loc: tuple[Any, ...] | list[Any], kind: str) -> str:
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[1:]
    if kind == "json_invalid":
        return "body"
    return ".".join(str(p) for p in parts) or "body"


def _invalid(errors: list[dict[str, Any]]) -> Response:
    """422 naming each bad field; pydantic's ``input`` and ``ctx`` are dropped (they echo the body)."""
    detail = []
    for err in errors:
        kind = str(err.get("type", "value_error"))
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        if kind == "json_invalid":
            msg = "the body is not valid JSON"
        detail.append({"field": _field(err.get("loc", ()), kind), "loc": list(err.get("loc", ())),
                       "msg": msg, "type": kind})
    message = "invalid request: " + "; ".join(f"{d['field']}: {d['msg']}" for d in detail)
    return _json({"message": message, "detail": detail}, status=422)


_bearer = HTTPBearer(auto_error=False, description="the server's token (config `server.token` or REPLYLINT_API_TOKEN)")


def _declare_bearer(_: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None) -> None:
    """Declares the bearer scheme in the OpenAPI schema; Guard enforces it before the body is read."""


def create_app(linter: Any = None, settings: ServerSettings | None = None) -> FastAPI:
    """The ASGI app. ``linter`` defaults to ``Linter()``; it is loaded and warmed now, once."""
    if linter is None:
        from ..engine import Linter

        linter = Linter()
    settings = settings or ServerSettings()
    service = Service(linter)
    service.warm_up()

    middleware = []
    if settings.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type"], expose_headers=["server-timing"], max_age=600,
        ))
    middleware.append(Middleware(Guard, token=settings.token_value, max_bytes=settings.max_request_bytes))

    app = FastAPI(
        title="replylint",
        version=__version__,
        summary="Pre-send check of customer-support replies against ten traits.",
        description=(
            "Check a draft reply as the agent types, and fix it with one click. Offsets are Unicode code "
            "points into the text you sent (not UTF-16 units). When the server has a token, every /v1 call "
            "needs `Authorization: Bearer <token>`. Reply text is never logged."
        ),
        middleware=middleware,
    )
    app.state.service = service
    app.state.settings = settings

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> Response:
        return _invalid(list(exc.errors()))

    v1 = APIRouter(prefix=V1, dependencies=[Depends(_declare_bearer)], responses=ERRORS)

    @v1.post("/check", response_model=ReportOut, summary="Check a draft reply",
             description="The Report JSON of the library contract (docs/api.md). Dismissed findings stay "
             "dismissed: pass their ids (or rule or trait ids) in `ignore`.")
    def check(body: CheckIn) -> Response:
        timing: dict[str, float] = {}
        try:
            report = service.check(body.text, body.context_obj(), body.ignore, timing)
        except InputError as exc:  # too long for the linter's max_chars: its message has sizes only
            return _invalid([{"loc": ("body", "text"), "msg": str(exc), "type": "input"}])
        return _json(report.to_dict(), timing=timing)

    @v1.post("/fix", response_model=FixOut, summary="Apply suggestions",
             description="Without `ids`: every safe suggestion (with `unsafe`, all), re-checked until nothing "
             "changes, as `replylint fix`. With `ids`: the first suggestion of each chosen finding, once.")
    def fix(body: FixIn) -> Response:
        timing: dict[str, float] = {}
        try:
            out = service.fix(body, timing)
        except InputError as exc:
            return _invalid([{"loc": ("body", "text"), "msg": str(exc), "type": "input"}])
        return _json(out.model_dump(), timing=timing)

    @v1.get("/rules", summary="Every rule, its trait, severity, fix and whether it is active")
    def rules() -> Response:
        return Response(service.rules_json, media_type="application/json")

    app.include_router(v1)

    @app.get("/healthz", summary="Liveness (no token needed)", tags=["ops"])
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "ruleset": getattr(linter, "ruleset", ""),
                "active_rules": len(linter.active), "auth": settings.token is not None}

    page_headers = {
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                   "base-uri 'none'; frame-ancestors 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }

    @app.get("/", include_in_schema=False)
    def compose() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html", headers=page_headers)

    @app.get("/replylint.js", include_in_schema=False)
    def client_js() -> FileResponse:
        return FileResponse(STATIC / "replylint.js", media_type="text/javascript",
                            headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


__all__ = ["Guard", "NoQueryString", "ServerSettings", "Service", "create_app", "where"]
