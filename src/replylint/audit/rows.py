"""What the readers hand the runner: a reply to lint, a row that could not be read, or a skip.

Every reader yields these in input order. The runner numbers them (``seq``) across all
inputs; that number is the audit's watermark for ``--resume``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

CONTEXT_FIELDS = ("customer_name", "agent", "team", "channel", "created_at", "customer_message")


@dataclass
class Item:
    """One reply to lint. ``text`` is the reply as stored; only ``text[:lint_end]`` is
    linted (quoted history and the e-mail signature are cut off the end), so every
    finding's offsets index ``text`` itself."""

    source: str
    row: int
    id: str
    text: str
    lint_end: int
    line: int | None = None
    customer_name: str | None = None
    agent: str | None = None
    team: str | None = None
    channel: str | None = None
    created_at: dt.datetime | None = None
    customer_message: str | None = None
    title: str | None = None
    usage: int | None = None
    macro: bool = False


@dataclass
class Bad:
    """A row that could not be read or linted. ``reason`` never quotes the row's text."""

    source: str
    row: int
    code: str
    reason: str
    line: int | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "row": self.row, "line": self.line, "id": self.id,
                "code": self.code, "reason": self.reason}


@dataclass
class Skipped:
    """A record that holds no reply to lint on purpose (a customer's message, an
    internal note, an attachment-only part). Counted, not an error."""

    source: str
    row: int
    reason: str


# --------------------------------------------------------------------------- values

_CHANNELS = {
    "email": "email", "e-mail": "email", "mail": "email",
    "chat": "chat", "native_messaging": "chat", "messaging": "chat", "messenger": "chat", "conversation": "chat",
    "whatsapp": "chat", "sms": "chat", "line": "chat", "wechat": "chat", "web_widget": "chat", "in_app": "chat",
    "live_chat": "chat", "text": "chat",
    "social": "social", "twitter": "social", "x": "social", "facebook": "social", "instagram": "social",
    "instagram_dm": "social", "tweet": "social",
}


def normalize_channel(value: Any) -> str | None:
    """Map a help desk's channel name onto replylint's chat / email / social (else None)."""
    if value is None:
        return None
    return _CHANNELS.get(str(value).strip().lower().replace(" ", "_"))


_TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"


def parse_time(value: Any) -> dt.datetime | None:
    """ISO 8601 text, epoch seconds (or milliseconds), or Twitter's format, as aware UTC.

    Naive timestamps are taken as UTC (help-desk exports are UTC). Unparseable: None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, bool):
        return None
    elif isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{9,13}(\.\d+)?", value.strip())):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    else:
        text = str(value).strip()
        try:
            stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" UTC", "+00:00"))
        except ValueError:
            try:
                stamp = dt.datetime.strptime(text, _TWITTER_TIME)
            except ValueError:
                return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def clean_str(value: Any) -> str | None:
    """A context value as text, or None when absent or blank."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from a dataframe
        return None
    text = str(value).strip()
    return text or None
