"""The rule reference, generated from rule metadata (docs/rules.md, `replylint rules`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .traits import BY_ID, DISPLAY_ORDER

if TYPE_CHECKING:
    from .rule import Rule


def rule_rows(rules: "list[Rule]", active: "set[str] | None" = None) -> list[dict[str, Any]]:
    rows = []
    for r in sorted(rules, key=lambda r: (DISPLAY_ORDER.index(r.trait), r.id)):
        d = r.describe()
        d["active"] = active is None or r.id in active
        rows.append(d)
    return rows


def _example_text(ex: dict[str, Any]) -> str:
    return ex["text"].replace("\n", " ⏎ ")


def rules_markdown(rules: "list[Rule]") -> str:
    """The whole reference page, one section per trait and rule."""
    out = [
        "# Rule reference",
        "",
        "Generated from the rules' own metadata by `replylint rules --format markdown`;",
        "`tests/test_docs.py` fails when this page is out of date.",
        "",
        "| rule | name | trait | severity | fix | summary |",
        "|---|---|---|---|---|---|",
    ]
    rows = rule_rows(rules)
    for d in rows:
        preview = " (preview)" if d["preview"] else ""
        out.append(
            f"| [{d['id']}](#{d['id'].lower()}) | {d['name']}{preview} | {d['trait']} | "
            f"{d['severity']} | {d['fix']} | {d['summary']} |"
        )
    current = None
    for d in rows:
        if d["trait"] != current:
            current = d["trait"]
            out += ["", f"## {BY_ID[current].title} (`{current}`)", "", f"_{BY_ID[current].guide}_"]
        out += ["", f"### {d['id']}", "", f"**{d['name']}** — {d['summary']}", ""]
        out.append(f"- Severity: `{d['severity']}`; fix: `{d['fix']}`; needs: `{d['needs']}`"
                   + (f" (triggered by: {d['trigger']})" if d["trigger"] else "")
                   + ("; preview" if d["preview"] else ""))
        out += ["", f"**Why it hurts the customer.** {d['why']}", "", "Flagged:", ""]
        for ex in d["bad"]:
            line = f"- {_example_text(ex)!s} → flags “{ex['flagged']}”"
            if ex.get("fixed"):
                line += f"; rewrite: {ex['fixed'].replace(chr(10), ' ⏎ ')}"
            out.append(line)
        out += ["", "Not flagged:", ""]
        for ex in d["good"]:
            out.append(f"- {_example_text(ex)}")
    return "\n".join(out) + "\n"


def explain_text(rule: "Rule") -> str:
    d = rule.describe()
    lines = [
        f"{d['id']} {d['name']} ({d['trait']}, {d['severity']}{', preview' if d['preview'] else ''})",
        "",
        d["summary"],
        "",
        "Why: " + d["why"],
        "",
        f"Fix: {d['fix']}    Needs: {d['needs']}" + (f"    Trigger: {d['trigger']}" if d["trigger"] else ""),
        f"Source: {d['origin']}",
        "",
        "Flagged:",
    ]
    for ex in d["bad"]:
        lines.append(f"  ✗ {_example_text(ex)}")
        lines.append(f"      passage: {ex['flagged']!r}" + (f"  →  {ex['fixed']!r}" if ex.get("fixed") else ""))
    lines += ["", "Not flagged:"]
    lines += [f"  ✓ {_example_text(ex)}" for ex in d["good"]]
    return "\n".join(lines)
