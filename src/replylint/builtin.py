"""The built-in rules, registered through the same hooks as any plugin."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .hookspecs import hookimpl

if TYPE_CHECKING:
    from .config import Settings
    from .rule import Rule


def packs_dir() -> Path:
    """The built-in TOML packs: inside the wheel, or rules/ in a source checkout."""
    shipped = Path(str(resources.files("replylint"))) / "packs"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "rules"


@hookimpl
def replylint_pack_dirs() -> list[Path]:
    return [packs_dir()]


@hookimpl
def replylint_rules(settings: "Settings") -> "list[Rule]":
    from .checks import all_rules

    return all_rules()
