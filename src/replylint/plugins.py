"""Finding and loading plugins, and collecting their rules."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from . import hookspecs
from .packs import load_pack_dir
from .rule import Rule, RuleError

if TYPE_CHECKING:
    from .config import Settings

ENTRY_POINT_GROUP = "replylint"


class PluginError(RuntimeError):
    """A plugin that cannot be loaded, or that returned something unusable."""


def plugin_manager(extra: list[Any] | None = None, entry_points: bool = True) -> pluggy.PluginManager:
    """The built-in plugin first, then installed entry points, then ``extra``."""
    from . import builtin

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="replylint.builtin")
    if entry_points:
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if pm.has_plugin(ep.name):
                continue
            try:
                pm.register(ep.load(), name=ep.name)
            except Exception as exc:  # a broken plugin is reported, not swallowed
                raise PluginError(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
    for i, plugin in enumerate(extra or []):
        pm.register(plugin, name=getattr(plugin, "__name__", f"extra-{i}"))
    return pm


def collect_rules(pm: pluggy.PluginManager, settings: "Settings") -> list[Rule]:
    """Every rule from every plugin and from the configured pack folders, validated."""
    rules: list[Rule] = []
    for impl in pm.hook.replylint_pack_dirs.get_hookimpls():
        for folder in impl.function() or []:
            rules.extend(_tagged(load_pack_dir(Path(folder)), impl.plugin_name))
    for folder in settings.packs:
        rules.extend(_tagged(load_pack_dir(Path(folder)), f"pack folder {folder}"))
    for impl in pm.hook.replylint_rules.get_hookimpls():
        for rule in impl.function(settings=settings) or []:
            if not isinstance(rule, Rule):
                raise PluginError(f"plugin {impl.plugin_name!r} returned {rule!r}, not a Rule")
            if rule.origin == "builtin":
                rule.origin = impl.plugin_name
            rule.validate()
            rules.append(rule)
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(
                f"rule id {rule.id} is defined twice ({seen[rule.id].origin} and {rule.origin})"
            )
        seen[rule.id] = rule
    return sorted(rules, key=lambda r: r.id)


def _tagged(rules: list[Any], origin: str) -> list[Rule]:
    for rule in rules:
        rule.origin = f"{origin}: {rule.origin}" if origin != "replylint.builtin" else rule.origin
    return rules
