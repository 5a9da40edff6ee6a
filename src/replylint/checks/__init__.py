"""Built-in rules that need logic beyond a phrase list (one module per trait)."""

from __future__ import annotations

from ..rule import Rule


def all_rules() -> list[Rule]:
    from .conversational import MessageLength
    from .personal import GenericSalutation

    return [GenericSalutation(), MessageLength()]
