"""The hooks a replylint plugin implements (entry-point group ``replylint``).

The built-in rules arrive through these same hooks (``replylint.builtin``),
exactly as a third-party package's rules do — as pytest's own features are
plugins.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .config import Settings
    from .rule import Rule

PROJECT = "replylint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def replylint_rules(settings: "Settings") -> "list[Rule]":
    """Return the Python rules this plugin provides (instances of Rule subclasses)."""


@hookspec
def replylint_pack_dirs() -> "list[Path]":
    """Return folders of TOML rule packs this plugin ships."""
