"""Helpers the careful rules share: sentences, quotes, regions, names."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...nlp import Analysis


# A sentence ends at . ! ? before a space, but not after a title ("Mr. Haddad") or a one-letter initial.
_SENT_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])[.!?]+[\"')\]”’]*(?=\s)|\n")


def _sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or line) around text[start:end], cut at . ! ? and line breaks."""
    end = start if end is None else end
    lo = 0
    for m in _SENT_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENT_END.search(text, end)
    hi = m.end() if m else len(text)
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, hi


def _sentence(text: str, start: int, end: int | None = None) -> str:
    lo, hi = _sentence_bounds(text, start, end)
    return text[lo:hi]


_OPEN_QUOTES = "\"'“‘«`"
_CLOSE_QUOTES = "\"'”’»`"


def _quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] wrapped in quotes (“{{first_name}}”, '%NAME%')?"""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(before) and before in _OPEN_QUOTES and bool(after) and after in _CLOSE_QUOTES


def _inside(analysis: "Analysis", start: int, end: int, *kinds: str) -> bool:
    return any(r.start <= start and end <= r.end for r in analysis.source.regions_of(*kinds))


def _overlaps(analysis: "Analysis", start: int, end: int, *kinds: str) -> bool:
    return any(r.start < end and start < r.end for r in analysis.source.regions_of(*kinds))


def _fold(word: str) -> str:
    """Lower-case with accents removed: “Zoë” → “zoe”, “JOSÉ” → “jose”."""
    nfkd = unicodedata.normalize("NFKD", word)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower().strip(".'’")


def _first_name(full: str | None) -> str | None:
    """The customer's first name as written (“Daniel Ortiz” → “Daniel”); None for handles."""
    tokens = _name_tokens(full)
    return tokens[0] if tokens else None


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "mister", "dame", "rev"}


def _name_tokens(full: str | None) -> list[str]:
    """The words of a person's name, titles and initials dropped; [] when it is no name."""
    if not full or not full.strip() or full.strip().startswith("@"):
        return []
    raw = full.strip()
    if "," in raw:  # "Ortiz, Daniel"
        last, _, first = raw.partition(",")
        raw = f"{first} {last}"
    words = []
    for w in re.split(r"[\s]+", raw):
        w = w.strip(",.()\"'")
        if not w or not w[0].isalpha() or _fold(w) in _TITLES or len(w.rstrip(".")) < 2:
            continue
        words.append(w)
    return words


# Lower-case rule hints (the engine skips a rule when none is present); CAR001's are case-sensitive, so the rule checks them itself.
_PRE_CAR001 = ("{", "[", "<", "%", "*|", "$", "__", "(", "«", "XX", "xx", "TB", "TODO", " ,", ", !", ", ?", "HH:", "hh:", "MM/", "DD/", "YYYY")
_PRE_CAR002 = ("test", "lorem", "ipsum", "dolor", "eiusmod", "adipiscing", "incididunt", "asdf", "qwert", "zxcv", "jkl", "sdfsdf", "ignore", "disregard", "goes here", "sample")
_PRE_CAR007 = ("note", "internal", "todo", "fixme", "tbc", "draft", "@", "fyi", "heads up", "heads-up", "legal", "skip this", "ignore this",
               "leaving out", "left out", "agent", "staff", "admin", "private", "cust", "cx",
               "caller", "client", "(", "[", "churn", "risk", "tell", "share", "mention", "disclose", "reveal",
               "forward", "#", "slack", "escalate", "waive", "comp", "upsell", "flag", "tag", "assign", "route",
               "offer", "refund", "credit", "approve", "deny", "reject", "block", "promise", "admit", "inform",
               "let on", "do not send", "called", "contacted", "emailed", "tweeted", "chatted", "wrote in",
               "messaged", "reached out", "reminder", "memo", "self", "shift", "whoever", "holding", "next agent",
               "next rep", "next person", "?")
_PRE_CAR008 = ("pass", "pwd", "key", "token", "override", "pin", "code", "bearer", "secret", "sk_", "rk_", "_prod_", "_live_", "_private_", "whsec", "akia", "asia", "gh",
               "xox", "aiza", "glpat", "sk-", "sg.", "eyj", "begin", "login", "user", "@")
_PRE_CAR011 = ("another", "other", "different", "previous", "one of our", "fellow", "named", "called", "his",
               "her", "their", "my ", "our ", "neighbo", "belongs to", "registered", "under the name", "headed to",
               "meant for", "addressed to", "(")
_PRE_CAR012 = ("keep", "tell", "unannounced", "unreleased", "secret", "confidential", "wraps", "record", "code", "between", "supposed", "allowed", "hear", "quote", "nda",
               "internal", "share", "post", "mention", "tweet", "spread", "announced", "public", "project",
               "operation", "-rc", "_rc", "alpha", "-dev", "_dev", "snapshot", "-internal", "build")


def _plain(text: str) -> str:
    """Curly apostrophes made straight, one character for one, so offsets stay valid (“don’t” → “don't”)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


