"""Batch audit of past replies: readers, help-desk exports, the runner, writers, the report.

The command is ``replylint audit`` (replylint.audit.command). From Python::

    from pathlib import Path
    from replylint import Linter
    from replylint.audit import Audit, AuditOptions, InputSpec

    result = Audit(AuditOptions([InputSpec(Path("replies.csv"))], output=Path("results.parquet"),
                                report=Path("report.html")), Linter()).run()
    result.summary["score"]["mean"]

For a Dask cluster see replylint.audit.dask. Needs the ``audit`` extra.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Aggregator", "Audit", "AuditOptions", "Columns", "InputSpec", "RunResult", "TemplateConfig", "redact"]


def __getattr__(name: str) -> Any:  # lazy: importing the package must stay cheap for the CLI
    if name in {"Audit", "AuditOptions", "RunResult"}:
        from . import runner

        return getattr(runner, name)
    if name in {"InputSpec", "Columns"}:
        from . import readers

        return getattr(readers, name)
    if name == "TemplateConfig":
        from .templates import TemplateConfig

        return TemplateConfig
    if name == "Aggregator":
        from .summary import Aggregator

        return Aggregator
    if name == "redact":
        from .redact import redact

        return redact
    raise AttributeError(name)
