"""Built-in rules that need logic beyond a phrase list (one module per trait)."""

from __future__ import annotations

from ..rule import Rule


def all_rules() -> list[Rule]:
    from .careful import BannedTerm, Codename, InternalDomain
    from .conversational import MessageLength
    from .personal import GenericSalutation
    from .responsible import BlameOthers

    return [BannedTerm(), Codename(), InternalDomain(), GenericSalutation(), MessageLength(), BlameOthers()]
