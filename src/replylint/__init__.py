"""replylint: check support replies against the ten traits of a great reply.

    >>> from replylint import Linter
    >>> report = Linter().check("Dear Customer, please be advised that ...")
    >>> report.verdict, report.score
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import ConfigError, Settings  # noqa: E402
from .context import Context  # noqa: E402
from .engine import InputError, Linter  # noqa: E402
from .findings import Applicability, Edit, Finding, Notice, Severity, Suggestion  # noqa: E402
from .report import SCHEMA_VERSION, Report  # noqa: E402
from .rule import Example, Hit, Rule, RuleContext, RuleError  # noqa: E402
from .traits import TRAIT_IDS  # noqa: E402

__all__ = [
    "Applicability", "ConfigError", "Context", "Edit", "Example", "Finding", "Hit", "InputError",
    "Linter", "Notice", "Report", "Rule", "RuleContext", "RuleError", "SCHEMA_VERSION", "Settings",
    "Severity", "Suggestion", "TRAIT_IDS", "__version__",
]
