"""Settings of `replylint serve`: the ``[server]`` table of the replylint config.

The table lives in the same file as the linter's settings (``replylint.toml``
or ``[tool.replylint.server]`` in pyproject.toml)::

    [server]
    host = "127.0.0.1"                 # loopback unless you mean it
    port = 8765
    max_request_bytes = 65536          # larger bodies get 413
    cors_origins = ["https://desk.example.com"]
    # token = "..."                    # prefer the environment variable REPLYLINT_API_TOKEN

``split_config`` separates the table from the linter's keys *before* the
linter's own settings are validated, so a config with a ``[server]`` table
works whether or not ``replylint.config.Settings`` knows the key.

This module imports no web framework: it is safe to use without the extras.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from ..config import ConfigError, Settings, build_settings, find_config, read_config

ENV_TOKEN = "REPLYLINT_API_TOKEN"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_REQUEST_BYTES = 64 * 1024


class ServerSettings(BaseModel):
    """The validated ``[server]`` table. The token never shows in a repr or a dump."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(DEFAULT_HOST, description="address to bind; loopback by default")
    port: int = Field(DEFAULT_PORT, ge=0, le=65535, description="TCP port (0: any free port)")
    token: SecretStr | None = Field(
        None, description=f"bearer token every /v1 call must send; the environment variable {ENV_TOKEN} wins"
    )
    max_request_bytes: int = Field(
        DEFAULT_MAX_REQUEST_BYTES, ge=1024, le=16 * 1024 * 1024,
        description="largest request body accepted; larger is 413",
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="origins allowed to call the API from a browser (exact, or '*')"
    )

    @field_validator("host")
    @classmethod
    def _host(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("must not be empty")
        return v

    @field_validator("token", mode="before")
    @classmethod
    def _token(cls, v: Any) -> Any:
        if isinstance(v, str) and not v.strip():
            return None
        return v

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, v: list[str]) -> list[str]:
        out = []
        for origin in v:
            origin = origin.strip().rstrip("/")
            if origin == "*":
                out.append(origin)
                continue
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
                raise ValueError(
                    f"{origin!r} is not an origin; write scheme://host[:port], e.g. https://desk.example.com"
                )
            out.append(origin)
        return out

    @property
    def token_value(self) -> str | None:
        return self.token.get_secret_value() if self.token is not None else None


@dataclass(frozen=True)
class Loaded:
    """Everything `replylint serve` reads at start."""

    settings: Settings
    origins: dict[str, str]
    server: ServerSettings
    path: Path | None


def split_config(data: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(linter keys, server table) of a raw replylint config table."""
    rest = dict(data or {})
    server = rest.pop("server", None)
    if server is None:
        server = {}
    if not isinstance(server, Mapping):
        raise ConfigError(f"server: must be a table ([server]), not {type(server).__name__}")
    return rest, dict(server)


def server_settings(
    table: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    where: str = "config file",
) -> ServerSettings:
    """Validate the ``[server]`` table; command-line overrides and the token variable win."""
    env = os.environ if environ is None else environ
    merged: dict[str, Any] = dict(table or {})
    merged.update({k: v for k, v in (overrides or {}).items() if v is not None})
    if env.get(ENV_TOKEN, "").strip():
        merged["token"] = env[ENV_TOKEN].strip()
    try:
        return ServerSettings(**merged)
    except ValidationError as exc:
        raise ConfigError(_explain(exc, where)) from None


def load(
    config: str | Path | None = None,
    linter_overrides: Mapping[str, Any] | None = None,
    server_overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Loaded:
    """Read the config (``config`` or the one found upward) for the linter and the server."""
    path = Path(config) if config is not None else find_config()
    raw = read_config(path) if path is not None else {}
    linter_data, server_data = split_config(raw)
    label = str(path) if path is not None else "default"
    settings, origins = build_settings(linter_data, dict(linter_overrides or {}), file_label=label)
    server = server_settings(server_data, server_overrides, environ, where=label)
    return Loaded(settings=settings, origins=origins, server=server, path=path)


def _explain(exc: ValidationError, where: str) -> str:
    fields = list(ServerSettings.model_fields)
    lines = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(fields)}"
            lines.append(f"{where}: unknown key 'server.{key}'{hint}")
        else:
            lines.append(f"{where}: bad value for 'server.{key}': {err['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)


__all__ = ["ENV_TOKEN", "Loaded", "ServerSettings", "load", "server_settings", "split_config"]
