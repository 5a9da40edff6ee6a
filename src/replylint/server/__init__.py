"""`replylint serve`: the pre-send check as an HTTP service, with a compose page.

- :mod:`replylint.server.settings` — the ``[server]`` config table (no web imports);
- :mod:`replylint.server.app` — the ASGI app (FastAPI): ``create_app(linter, settings)``;
- :mod:`replylint.server.command` — the click command registered as ``replylint serve``;
- ``static/`` — the compose page and the embeddable ``replylint.js`` client.

See docs/server.md.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # Lazy, so importing the settings never needs the web extras.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
