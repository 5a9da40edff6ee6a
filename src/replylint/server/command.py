"""`replylint serve`: run the pre-send check service on uvicorn."""

from __future__ import annotations

import copy
import ipaddress
import sys
from typing import Any

import click
import uvicorn
from uvicorn.config import LOGGING_CONFIG

from ..config import ConfigError
from ..rule import RuleError
from .app import create_app
from .settings import ENV_TOKEN, Loaded, ServerSettings, load


class _Fail(click.ClickException):
    exit_code = 2


def log_config(level: str = "info") -> dict[str, Any]:
    """uvicorn's own logging, plus: access lines without query strings, and our logger."""
    cfg = copy.deepcopy(LOGGING_CONFIG)
    cfg.setdefault("filters", {})["no_query"] = {"()": "replylint.server.app.NoQueryString"}
    cfg["handlers"]["access"].setdefault("filters", []).append("no_query")
    cfg["loggers"]["replylint.server"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return cfg


def build(config: str | None = None, host: str | None = None, port: int | None = None,
          overrides: dict[str, Any] | None = None) -> tuple[Any, Loaded]:
    """The app and what it was built from: the config's linter keys and its [server] table."""
    try:
        loaded = load(config, overrides, {"host": host, "port": port})
        from ..engine import Linter

        linter = Linter(loaded.settings, origins=loaded.origins)
    except (ConfigError, RuleError) as exc:
        raise _Fail(str(exc)) from None
    return create_app(linter, loaded.server), loaded


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(app: Any, server: ServerSettings, level: str = "info", access_log: bool = True) -> None:
    """Serve ``app`` with uvicorn (one process; the Linter is already loaded)."""
    uvicorn.run(app, host=server.host, port=server.port, log_config=log_config(level), log_level=level,
                access_log=access_log, server_header=False, proxy_headers=False)


@click.command()
@click.option("--host", help="Address to bind (default: server.host, else 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default: server.port, else 8765).")
@click.option("--config", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
@click.option("--preview", is_flag=True, help="Also run rules still in preview.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True)
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="uvicorn's access log: method, path and status only.")
def command(host: str | None, port: int | None, config: str | None, preview: bool, log_level: str,
            access_log: bool) -> None:
    """Serve the pre-send check: the HTTP API (/v1/check, /v1/fix, /v1/rules) and the compose page at /.

    Settings come from the config's [server] table; the bearer token preferably from the
    environment variable REPLYLINT_API_TOKEN. Reply text is never logged.
    """
    app, loaded = build(config, host, port, {"preview": True} if preview else None)
    server = loaded.server
    if server.token is None and not _is_loopback(server.host):
        click.echo(f"warning: listening on {server.host} without a token; set {ENV_TOKEN} "
                   "or server.token so only your agent UI can call /v1", err=True)
    shown = f"[{server.host}]" if ":" in server.host else server.host
    click.echo(f"replylint serve: compose page http://{shown}:{server.port}/ · API docs /docs · "
               f"token {'required' if server.token else 'off'} · "
               f"config {loaded.path or 'defaults'}", err=True)
    sys.stdout.flush()
    run(app, server, log_level, access_log)
