"""Built-in rules that need logic beyond a phrase list (one module per trait).

Every ``Rule`` subclass defined in a module of this package (or of a trait's
sub-package, such as ``careful/``) is a built-in rule: adding a module is all it
takes to register one.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from ..rule import Rule


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for info in sorted(pkgutil.walk_packages(__path__, prefix=f"{__name__}."), key=lambda m: m.name):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Rule) and cls.__module__ == module.__name__ and cls.id:
                rules.append(cls())
    return rules
