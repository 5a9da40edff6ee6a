"""Template mode: placeholders in saved replies (macros) are there on purpose.

In a macro, ``{{ticket.requester.first_name}}`` is not a leak: the help desk fills it in
when the agent sends the reply. So in template mode a WELL-FORMED placeholder in the
configured syntax is not a finding (the engine's CAR001 hit on it, and any other rule's
hit inside it, are dropped), and a MALFORMED one is: an unclosed ``{{first_name}``, an
unopened ``{first_name}}``, an empty ``{{ }}``, or, when a list of fields is configured,
an unknown field such as ``{{ frist_name }}`` (with the closest known field suggested).

Malformed placeholders are reported under CAR001 (the engine's placeholder rule), as
errors of the ``careful`` trait: the customer would see the broken syntax.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Presets: name -> list of (open, close, kind). "variable" holds a field name and
# optional filters ("{{ first_name | fallback: 'there' }}"); "tag" holds a statement
# ("{% if ticket.status == 'solved' %}").
PRESETS: dict[str, list[tuple[str, str, str]]] = {
    "handlebars": [("{{", "}}", "variable"), ("{%", "%}", "tag")],
    "liquid": [("{{", "}}", "variable"), ("{%", "%}", "tag")],
    "mustache": [("{{", "}}", "variable")],
    "mailchimp": [("*|", "|*", "variable")],
    "dollar": [("${", "}", "variable")],
    "percent": [("%", "%", "variable")],
    "brackets": [("[", "]", "variable")],
    "single-brace": [("{", "}", "variable")],
}
DEFAULT_SYNTAX = "handlebars"
_NAME = r"[A-Za-z_][\w.\-]*"


@dataclass(frozen=True)
class Delimiters:
    open: str
    close: str
    kind: str = "variable"


@dataclass
class TemplateConfig:
    """Which placeholder syntax is well-formed, and (optionally) which fields exist."""

    syntax: list[Delimiters] = field(default_factory=lambda: parse_syntax([DEFAULT_SYNTAX]))
    fields: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {"syntax": [[d.open, d.close, d.kind] for d in self.syntax], "fields": sorted(self.fields)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TemplateConfig:
        return cls([Delimiters(*d) for d in data["syntax"]], frozenset(data.get("fields") or ()))


def parse_syntax(values: Iterable[str]) -> list[Delimiters]:
    """Preset names ("handlebars", "mailchimp", ...) or "OPEN CLOSE" pairs ("<< >>")."""
    out: list[Delimiters] = []
    for value in values:
        value = value.strip()
        if value.lower() in PRESETS:
            out.extend(Delimiters(*d) for d in PRESETS[value.lower()])
            continue
        parts = value.split()
        if len(parts) != 2 or not all(parts):
            raise ValueError(
                f"template syntax {value!r}: use a preset ({', '.join(PRESETS)}) or 'OPEN CLOSE', e.g. '{{{{ }}}}'"
            )
        out.append(Delimiters(parts[0], parts[1], "variable"))
    if not out:
        raise ValueError("no template syntax given")
    return out


def parse_fields(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip() for item in values for v in re.split(r"[,\s]+", item) if v.strip())


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    name: str | None


@dataclass(frozen=True)
class Problem:
    start: int
    end: int
    message: str
    replacement: str | None = None


def _wellformed_regex(d: Delimiters) -> re.Pattern[str]:
    o, c = re.escape(d.open), re.escape(d.close)
    if d.kind == "tag":
        return re.compile(o + r"-?\s*(?P<name>\w[^\n]*?)\s*-?" + c)
    # The name, then optional filters that contain neither delimiter nor a newline.
    bad = re.escape(d.open[0] + d.close[0])
    return re.compile(o + r"\s*(?P<name>" + _NAME + r")(?:\s*\|[^\n" + bad + r"]*)?\s*" + c)


def scan(text: str, config: TemplateConfig) -> tuple[list[Placeholder], list[Problem]]:
    """Well-formed placeholders and malformed ones in ``text``."""
    good: list[Placeholder] = []
    problems: list[Problem] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for d in config.syntax:
        for m in _wellformed_regex(d).finditer(text):
            if not free(m.start(), m.end()):
                continue
            taken.append((m.start(), m.end()))
            name = m.group("name").strip()
            if d.kind == "variable" and config.fields and name not in config.fields:
                near = difflib.get_close_matches(name, sorted(config.fields), n=1, cutoff=0.6)
                hint = f"; did you mean “{near[0]}”?" if near else ""
                fixed = m.group().replace(name, near[0], 1) if near else None
                problems.append(Problem(m.start(), m.end(), f"“{name}” is not a known template field{hint}", fixed))
            else:
                good.append(Placeholder(m.start(), m.end(), name))
    for d in config.syntax:
        problems.extend(p for p in _broken(text, d, config) if free(p.start, p.end))
    problems.sort(key=lambda p: (p.start, p.end))
    kept: list[Problem] = []
    for p in problems:  # one problem per passage
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return good, kept


def _broken(text: str, d: Delimiters, config: TemplateConfig) -> list[Problem]:
    o, c = re.escape(d.open), re.escape(d.close)
    out: list[Problem] = []
    if d.open == d.close or len(d.open) < 2 and len(d.close) < 2:
        # Symmetric or one-character delimiters ("%NAME%", "[name]"): only an empty one is
        # certain; anything else is too common in prose to call broken.
        for m in re.finditer(o + r"\s+" + c, text):
            out.append(Problem(m.start(), m.end(), f"An empty placeholder “{m.group()}” renders nothing"))
        return out
    part_open = "|".join(re.escape(d.open[i:]) for i in range(1, len(d.open)))
    part_close = "|".join(re.escape(d.close[:i]) for i in range(1, len(d.close)))
    # "{{ }}": empty.
    for m in re.finditer(o + r"\s*" + c, text):
        out.append(Problem(m.start(), m.end(), f"An empty placeholder “{m.group()}” renders nothing"))
    # "{{first_name}" or "{{first_name": opened, never (fully) closed.
    close_tail = rf"(?:{part_close})?" if part_close else ""
    for m in re.finditer(o + r"\s*(?P<name>" + _NAME + r")\s*" + close_tail + r"(?!" + c + ")", text):
        name = m.group("name")
        out.append(Problem(m.start(), m.end(),
                           f"The placeholder “{m.group()}” is not closed with “{d.close}”; it will show as typed",
                           d.open + name + d.close))
    # "{first_name}}" or "first_name}}": closed, never (fully) opened.
    open_head = rf"(?:{part_open})?" if part_open else ""
    for m in re.finditer(r"(?<![" + re.escape(d.open[0]) + r"\w])" + open_head + r"\s*(?P<name>" + _NAME + r")\s*" + c, text):
        name = m.group("name")
        start = m.start() if m.group().lstrip()[:1] in d.open else m.start("name")
        out.append(Problem(start, m.end(),
                           f"The placeholder “{text[start:m.end()]}” is missing its opening “{d.open}”; it will show as typed",
                           d.open + name + d.close))
    return out


def apply_template_mode(findings: list[dict[str, Any]], text: str, lint_end: int,
                        config: TemplateConfig, fingerprint: Any) -> tuple[list[dict[str, Any]], bool]:
    """Drop findings inside well-formed placeholders; add malformed-placeholder findings.

    ``findings`` are finding dicts (offsets into ``text``); returns (findings, changed).
    """
    good, problems = scan(text[:lint_end], config)
    if not good and not problems:
        return findings, False
    spans = [(p.start, p.end) for p in good]
    bad_spans = [(p.start, p.end) for p in problems]

    def inside(f: dict[str, Any], pool: list[tuple[int, int]]) -> bool:
        return any(s <= f["start"] and f["end"] <= e for s, e in pool)

    def overlaps(f: dict[str, Any], pool: list[tuple[int, int]]) -> bool:
        return any(f["start"] < e and s < f["end"] for s, e in pool)

    kept = [f for f in findings
            if not inside(f, spans) and not (f["rule"] == "CAR001" and overlaps(f, bad_spans + spans))]
    seen: dict[str, int] = {}
    for p in problems:
        passage = text[p.start:p.end]
        key = " ".join(passage.lower().split())
        n = seen.get(key, 0)
        seen[key] = n + 1
        kept.append({
            "id": fingerprint("CAR001", passage, n), "rule": "CAR001", "trait": "careful", "severity": "error",
            "start": p.start, "end": p.end, "passage": passage, "message": p.message + ".",
            "confidence": 1.0,
            "suggestion": f"Write “{p.replacement}”" if p.replacement else None,
            "applicability": "unsafe" if p.replacement else None,
        })
    kept.sort(key=lambda f: (f["start"], f["end"], f["rule"]))
    return kept, True
