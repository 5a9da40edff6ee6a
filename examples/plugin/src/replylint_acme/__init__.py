"""Acme's house rules for replylint: an example plugin.

Two hooks: ``replylint_pack_dirs`` ships a folder of TOML packs, and
``replylint_rules`` returns Python rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from replylint import Hit, Rule
from replylint.hookspecs import hookimpl
from replylint.rule import examples

_OLD_NAME = re.compile(r"\bAcme ?Cloud\b")


class OldProductName(Rule):
    id = "ACME001"
    name = "old-product-name"
    trait = "careful"
    summary = "Our product was renamed from AcmeCloud to Acme Drive."
    why = "Customers search the help center for the current name; the old one confuses them."
    message = "Say “Acme Drive”, the product's current name."
    fix = "safe"
    bad = examples(
        {"text": "Open AcmeCloud and sign in.", "flagged": "AcmeCloud", "fixed": "Open Acme Drive and sign in."},
        {"text": "Acme Cloud syncs every hour.", "flagged": "Acme Cloud"},
        {"text": "Is AcmeCloud up to date?", "flagged": "AcmeCloud"},
    )
    good = examples(
        "Open Acme Drive and sign in.",
        "Our cloud plan includes Acme Drive.",
        "Acme's cloud team fixed the sync issue.",
    )

    def check(self, analysis, rc):
        from replylint.fixes import replacement_edit, suggestion

        for m in _OLD_NAME.finditer(analysis.text):
            edit = replacement_edit(analysis.text, m.start(), m.end(), "Acme Drive")
            yield Hit(m.start(), m.end(), suggestions=[suggestion(edit, "Use “Acme Drive”", safe=True)])


@hookimpl
def replylint_rules(settings):
    return [OldProductName()]


@hookimpl
def replylint_pack_dirs():
    return [Path(__file__).parent / "packs"]
