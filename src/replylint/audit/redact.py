"""Mask e-mail addresses, phone numbers and long digit runs, keeping every offset.

A masked string has the same length as the original, character for character, so a
finding's ``start``/``end`` still index the redacted text and ``text[start:end]`` is
still its (redacted) passage. Letters and digits become ``*``; the punctuation that
gives a value its shape (``@``, ``.``, ``-``, ``+``, spaces, brackets) stays, so a
reader still sees that an e-mail address or a phone number was there.
"""

from __future__ import annotations

import re
from typing import Any

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number: optional +, digits in groups separated by spaces, dots, dashes or
# brackets, seven digits or more in all.
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?!\w)")
# Any run of six digits or more: card, account, order and ticket numbers.
_DIGITS = re.compile(r"\d{6,}")
_KEEP = frozenset("@.-+()[] \t\n")


def _mask(match: re.Match[str]) -> str:
    return "".join(c if c in _KEEP else "*" for c in match.group())


def _mask_phone(match: re.Match[str]) -> str:
    value = match.group()
    if sum(c.isdigit() for c in value) < 7 or "\n" in value:
        return value
    return _mask(match)


def redact(text: str | None) -> str | None:
    """``text`` with e-mail addresses, phone numbers and digit runs masked (same length)."""
    if not text:
        return text
    if "@" in text:
        text = _EMAIL.sub(_mask, text)
    if any(c.isdigit() for c in text):
        text = _PHONE.sub(_mask_phone, text)
        text = _DIGITS.sub(_mask, text)
    return text


def redact_value(value: Any) -> Any:
    """Redact strings, and the strings inside lists and dicts."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [redact_value(v) for v in value]
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    return value
