"""What we know about the conversation a reply belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Channel = Literal["chat", "email", "social"]
CHANNELS: tuple[str, ...] = ("chat", "email", "social")


@dataclass(frozen=True)
class Context:
    """Facts about one reply that make rules sharper.

    ``agent_name`` is a person's name, never a brand. ``channel`` unset means
    the loosest limits. ``locale`` overrides the house locale for one reply.
    ``metadata`` is free-form and ignored by the built-in rules.
    """

    customer_name: str | None = None
    agent_name: str | None = None
    channel: Channel | None = None
    customer_message: str | None = None
    locale: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.channel is not None and self.channel not in CHANNELS:
            raise ValueError(
                f"channel must be one of {', '.join(CHANNELS)} (got {self.channel!r})"
            )

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Context":
        if not data:
            return cls()
        known = {"customer_name", "agent_name", "channel", "customer_message", "locale"}
        unknown = set(data) - known - {"metadata"}
        meta = dict(data.get("metadata") or {})
        for key in unknown:
            meta[key] = data[key]
        return cls(**{k: data.get(k) or None for k in known}, metadata=meta)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "customer_name": self.customer_name,
            "agent_name": self.agent_name,
            "channel": self.channel,
            "customer_message": self.customer_message,
            "locale": self.locale,
        }
        if self.metadata:
            out["metadata"] = self.metadata
        return out
