"""LanguageTool, when the user points replylint at a server or a local install.

Off by default: replylint's own checks stand alone offline. With
``[languagetool] url = "http://localhost:8010"`` each reply is also sent to that
server through language-tool-python, and its matches become findings:
spelling and grammar → literate, style and redundancy → concise, British/American
variants → region_neutral. A slow or down server never blocks a check: the call
has a time limit, a failure becomes a notice, and after a failure the server is
left alone for ``retry_after`` seconds so a compose box stays fast.

Privacy: text is sent only to the URL the user configured; a public LanguageTool
API (languagetool.org) additionally needs ``allow_public = true``.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from ..findings import Applicability, Edit, Severity, Suggestion

PUBLIC_HOSTS = ("languagetool.org", "languagetoolplus.com")
RULE_PREFIX = "LT:"

_CONCISE_CATEGORIES = {"REDUNDANCY", "STYLE", "PLAIN_ENGLISH", "WORDINESS"}
_REGION_MARKERS = ("BRITISH", "AMERICAN", "EN_GB", "EN_US_ONLY", "EN_GB_ONLY", "BRE_", "AME_")


@dataclass(frozen=True)
class LTMatch:
    """A LanguageTool match in replylint's terms (offsets into the text that was sent)."""

    rule: str
    trait: str
    start: int
    end: int
    message: str
    suggestions: tuple[Suggestion, ...]
    severity: Severity = Severity.WARNING


@dataclass
class LTOutcome:
    matches: list[LTMatch] = field(default_factory=list)
    problem: str | None = None


def trait_for(category: str, rule_id: str) -> str:
    """Which replylint trait a LanguageTool match belongs to."""
    if any(marker in rule_id.upper() for marker in _REGION_MARKERS) or "BRITISH" in category.upper():
        return "region_neutral"
    if category.upper() in _CONCISE_CATEGORIES:
        return "concise"
    return "literate"


def is_public(url: str) -> bool:
    host = (urllib.parse.urlparse(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in PUBLIC_HOSTS)


class LanguageToolBackend:
    """One language-tool-python client per Linter, created on first use."""

    def __init__(self, url: str | None, local: bool, language: str, timeout: float,
                 retry_after: float, disabled_rules: list[str]) -> None:
        self.url = url
        self.local = local
        self.language = language
        self.timeout = timeout
        self.retry_after = retry_after
        self.disabled_rules = disabled_rules
        self._tool: Any = None
        self._down_until = 0.0
        self._lock = threading.Lock()
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="replylint-lt")

    @property
    def where(self) -> str:
        return self.url or "the local LanguageTool"

    def check(self, text: str) -> LTOutcome:
        """LanguageTool's matches for ``text``, or a problem; never raises, never hangs."""
        if time.monotonic() < self._down_until:
            return LTOutcome(problem=f"LanguageTool at {self.where} failed recently; skipped until it recovers.")
        future = self._pool.submit(self._check, text)
        try:
            return LTOutcome(matches=future.result(timeout=self.timeout))
        except concurrent.futures.TimeoutError:
            problem = f"LanguageTool at {self.where} did not answer within {self.timeout:g} s"
        except Exception as exc:  # the server's or the client's error: report, don't raise
            problem = f"LanguageTool at {self.where} failed ({type(exc).__name__})"
        self._down_until = time.monotonic() + self.retry_after
        with self._lock:
            self._tool = None  # reconnect next time
        return LTOutcome(problem=problem + "; the offline checks ran.")

    def _client(self) -> Any:
        with self._lock:
            if self._tool is None:
                import language_tool_python

                if self.url:
                    tool = language_tool_python.LanguageTool(self.language, remote_server=self.url)
                else:
                    tool = language_tool_python.LanguageTool(self.language)
                tool._TIMEOUT = self.timeout  # bound the HTTP call itself, not only our wait
                for rule in self.disabled_rules:
                    tool.disabled_rules.add(rule)
                self._tool = tool
            return self._tool

    def _check(self, text: str) -> list[LTMatch]:
        out = []
        for m in self._client().check(text):
            rule_id = str(getattr(m, "rule_id", "UNKNOWN"))
            category = str(getattr(m, "category", ""))
            start = int(m.offset)
            end = start + int(m.error_length)
            if not 0 <= start < end <= len(text):
                continue
            suggestions = tuple(
                Suggestion((Edit(start, end, r),), Applicability.UNSAFE, f"Replace with “{r}”")
                for r in list(getattr(m, "replacements", []))[:3]
            )
            out.append(LTMatch(
                rule=RULE_PREFIX + rule_id,
                trait=trait_for(category, rule_id),
                start=start, end=end,
                message=str(getattr(m, "message", "")) or "LanguageTool flags this passage.",
                suggestions=suggestions,
            ))
        return out

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
