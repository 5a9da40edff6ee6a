"""Rewrite one marked section of docs/benchmarks.md (shared by the bench scripts)."""

from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(name: str, text: str, doc: Path = BENCHMARKS) -> None:
    """Replace the text between <!-- name:start --> and <!-- name:end --> (append if missing)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text}{end}"
    current = doc.read_text(encoding="utf-8")
    if start in current:
        current = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, current, flags=re.S)
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    doc.write_text(current, encoding="utf-8")
