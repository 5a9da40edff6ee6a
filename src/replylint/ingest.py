"""Turn a raw reply (plain text, Markdown or HTML) into the text rules read.

Nothing is deleted from view: HTML tags are dropped and entities decoded, but
every character of the clean text keeps a pointer back into the original, and
the parts a rule may want to skip (quoted history, URLs, e-mail addresses,
@handles, code, thread markers) are MARKED as regions rather than removed.
The greeting and sign-off are marked too, so the rules about them can read
just those.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# Region kinds that are not prose: rules skip them unless they ask for them.
MASKED_KINDS = frozenset({"quote", "url", "email", "handle", "hashtag", "code", "thread_marker"})
# Region kinds that are prose with a role (rules read them as part of the body).
ROLE_KINDS = frozenset({"greeting", "signoff"})
ALL_KINDS = MASKED_KINDS | ROLE_KINDS
# For rules that judge whole sentences or messages: a link or @handle inside a
# long sentence is still part of it (quoted history and code are not).
WHOLE_TEXT_SCOPE = frozenset({"body", "url", "email", "handle", "hashtag", "thread_marker"})


@dataclass(frozen=True)
class Region:
    kind: str
    start: int
    end: int


@dataclass
class Source:
    """A reply ready for analysis: clean text, regions, and the offset map."""

    original: str
    text: str
    format: str
    regions: list[Region] = field(default_factory=list)
    # For clean char i: where it starts and ends in the original. None = identity.
    _ostart: list[int] | None = None
    _oend: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the original input."""
        if self._ostart is None or self._oend is None:
            return start, end
        n = len(self.text)
        if start >= n:
            pos = len(self.original) if not self._oend else self._oend[-1]
            return pos, pos
        o_start = self._ostart[start]
        if end <= start:
            return o_start, o_start
        return o_start, self._oend[min(end, n) - 1]

    def regions_of(self, *kinds: str) -> list[Region]:
        return [r for r in self.regions if r.kind in kinds]

    def kinds_at(self, start: int, end: int) -> set[str]:
        """Kinds of all regions overlapping [start, end)."""
        return {r.kind for r in self.regions if r.start < end and start < r.end}

    def is_masked(self, start: int, end: int) -> bool:
        return bool(self.kinds_at(start, end) & MASKED_KINDS)


# --------------------------------------------------------------------------- decoding

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTML_HINT = re.compile(
    r"<(?:p|br|div|span|a|b|i|u|strong|em|ul|ol|li|table|tr|td|blockquote|html|body|h[1-6]|pre|code)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>", re.DOTALL)
_BLOCK_TAGS = frozenset(
    "p br div li ul ol tr table h1 h2 h3 h4 h5 h6 blockquote pre hr section article header footer".split()
)
_SKIP_CONTENT = frozenset({"script", "style", "head", "title"})
_REGION_TAGS = {"blockquote": "quote", "code": "code", "pre": "code"}


class _Builder:
    """Accumulates clean text with a back-pointer per character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.ostart: list[int] = []
        self.oend: list[int] = []
        self.length = 0

    def copy(self, original: str, start: int, end: int) -> None:
        """Copy original[start:end], decoding HTML entities."""
        pos = start
        for m in _ENTITY.finditer(original, start, end):
            self._verbatim(original, pos, m.start())
            decoded = html.unescape(m.group())
            if decoded == m.group():
                self._verbatim(original, m.start(), m.end())
            else:
                self.emit(decoded.replace("\xa0", " "), m.start(), m.end())
            pos = m.end()
        self._verbatim(original, pos, end)

    def _verbatim(self, original: str, start: int, end: int) -> None:
        if end <= start:
            return
        self.parts.append(original[start:end])
        self.ostart.extend(range(start, end))
        self.oend.extend(range(start + 1, end + 1))
        self.length += end - start

    def emit(self, chunk: str, ostart: int, oend: int) -> None:
        """Add synthetic text that stands for original[ostart:oend]."""
        self.parts.append(chunk)
        self.ostart.extend([ostart] * len(chunk))
        self.oend.extend([oend] * len(chunk))
        self.length += len(chunk)

    def text(self) -> str:
        return "".join(self.parts)


def looks_like_html(text: str) -> bool:
    return _HTML_HINT.search(text) is not None


def _decode_html(original: str) -> tuple[_Builder, list[Region]]:
    b = _Builder()
    regions: list[Region] = []
    open_regions: dict[str, list[int]] = {}
    skip_depth = 0
    pos = 0
    for m in _TAG.finditer(original):
        if skip_depth == 0:
            b.copy(original, pos, m.start())
        pos = m.end()
        name = (m.group(2) or "").lower()
        if not name:  # comment
            continue
        closing = m.group(1) == "/"
        if name in _SKIP_CONTENT:
            skip_depth = max(0, skip_depth + (-1 if closing else 1))
            continue
        if skip_depth:
            continue
        kind = _REGION_TAGS.get(name)
        if kind and closing and open_regions.get(name):
            regions.append(Region(kind, open_regions[name].pop(), b.length))
        if name in _BLOCK_TAGS and b.length and not b.parts[-1].endswith("\n"):
            b.emit("\n", m.start(), m.end())
        if kind and not closing:
            open_regions.setdefault(name, []).append(b.length)
    if skip_depth == 0:
        b.copy(original, pos, len(original))
    return b, regions


# --------------------------------------------------------------------------- regions

_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|us|uk|ly|gl|me|app|dev|help|support|ai|gov|edu|info|biz|tv|ca|au|de)"
    r"(?:/[^\s<>\"'`]*)?(?![\w@])",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
_HASHTAG = re.compile(r"(?<![\w&#])#\w*[A-Za-z_]\w*")
_FENCE = re.compile(r"```.*?(?:```|\Z)", re.DOTALL)
_BACKTICK = re.compile(r"`[^`\n]+`")
_THREAD = re.compile(r"(?:^|(?<=\s))\(?(\d{1,2})\s?/\s?(\d{1,2})\)?(?=\s*$)|^\s*\(?(\d{1,2})/(\d{1,2})\)?(?=\s)")
_QUOTE_HEADER = re.compile(
    r"^(?:On .{3,200}?wrote:|-{2,}\s*Original Message\s*-{2,}|From: .+\nSent: .+)\s*$",
    re.MULTILINE | re.IGNORECASE,
)
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|howdy|dear|greetings|good (?:morning|afternoon|evening|day)|to whom it may concern)\b"
    r"(?:(?! [-–—] )[^\n,.!:;?–—]){0,48}[,!.:;]?",
    re.IGNORECASE,
)
_VALEDICTION = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|many|with)?\s*regards|best(?: wishes)?|sincerely(?: yours)?|yours(?: truly| sincerely)?|"
    r"cheers|thanks(?: again)?|thank you|many thanks|take care|all the best|respectfully|warmly|talk soon)"
    r"[ \t]*[,!.]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Titles used instead of a name ("Dear Customer", "Greetings, account holder").
TITLES = (
    r"customers?|clients?|users?|members?|subscribers?|account ?holders?|card ?holders?|policy ?holders?|"
    r"patients?|applicants?|(?:home|pet|car|vehicle|account) ?owners?|ticket ?holders?|residents?|tenants?|renters?|occupiers?|occupants?|"
    r"parents?(?:\s*/\s*guardians?)?|guardians?|"
    r"passengers?|travell?ers?|shoppers?|patrons?|guests?|buyers?|borrowers?|students?|employees?|"
    r"players?|gamers?|readers?|listeners?|viewers?|riders?|drivers?|diners?|investors?|admins?|administrators?|"
    r"commuters?|owners? of (?:order|account|booking|ticket|policy|card) #?\w+|"
    r"sir\s*(?:/|or)\s*madam|madam\s*(?:/|or)\s*sir|sirs?|madam|valued one|friends?"
)
_TITLE_AFTER_COMMA = re.compile(
    r"\s*(?:(?:valued|dear|loyal|esteemed|our)\s+)*(?:" + TITLES + r")\b[,!.:;]?", re.IGNORECASE
)
# Agent initials or a first name glued to the end of a tweet: "^JS", "-Becky", "*TC", "~ Ana".
_SIGNATURE_TAIL = re.compile(
    r"(?:(?<=\s)|(?<=[.!?)\w]))[\^~*\-–—]\s?[A-Z][A-Za-z]{0,14}(?:\s?[A-Z][A-Za-z]{0,14})?[ \t]*$"
    r"|(?<=\s)[-–—~]\s?[a-z][a-z]{1,14}[ \t]*$"  # "Thanks - prabu": a lower-case name after a dash
)


def _thread_ok(m: re.Match[str]) -> bool:
    a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return a is not None and b is not None and 1 <= int(a) <= int(b) <= 20


def find_regions(text: str, preset: list[Region] | None = None) -> list[Region]:
    regions: list[Region] = list(preset or [])

    def add(kind: str, start: int, end: int) -> None:
        if end > start:
            regions.append(Region(kind, start, end))

    # Quoted history: everything after a reply header, and "> " lines.
    header = _QUOTE_HEADER.search(text)
    body_end = len(text)
    if header:
        add("quote", header.start(), len(text))
        body_end = header.start()
    for m in _QUOTE_LINE.finditer(text, 0, body_end):
        add("quote", m.start(), m.end())
    for m in _FENCE.finditer(text):
        add("code", m.start(), m.end())
    for m in _BACKTICK.finditer(text):
        add("code", m.start(), m.end())
    emails = list(_EMAIL.finditer(text))
    for m in emails:
        add("email", m.start(), m.end())
    for m in _URL.finditer(text):
        if any(e.start() <= m.start() < e.end() for e in emails):
            continue
        end = m.end()
        while end > m.start() and text[end - 1] in ".,!?;:)]}'\"":
            end -= 1
        add("url", m.start(), end)
    for m in _HANDLE.finditer(text):
        if not any(e.start() <= m.start() < e.end() for e in emails):
            add("handle", m.start(), m.end())
    for m in _HASHTAG.finditer(text):
        add("hashtag", m.start(), m.end())
    for m in _THREAD.finditer(text, 0, body_end):
        if _thread_ok(m):
            add("thread_marker", m.start(), m.end())

    masked = sorted((r.start, r.end) for r in regions if r.kind in MASKED_KINDS)
    _mark_greeting(text, masked, add)
    _mark_signoff(text[:body_end], add)
    regions.sort(key=lambda r: (r.start, r.end, r.kind))
    return regions


def _skip_masked(text: str, pos: int, masked: list[tuple[int, int]]) -> int:
    """Move pos past leading whitespace and masked spans (handles, markers)."""
    moved = True
    while moved:
        moved = False
        while pos < len(text) and text[pos].isspace():
            pos += 1
        for s, e in masked:
            if s <= pos < e:
                pos = e
                moved = True
    return pos


def _mark_greeting(text: str, masked: list[tuple[int, int]], add) -> None:  # type: ignore[no-untyped-def]
    pos = _skip_masked(text, 0, masked)
    m = GREETING.match(text, pos)
    if m:
        end = m.end()
        if m.group().endswith(","):
            title = _TITLE_AFTER_COMMA.match(text, end)
            if title:
                end = title.end()
        # A greeting stops at the end of its line.
        nl = text.find("\n", m.start(), end)
        add("greeting", m.start(), nl if nl != -1 else end)


def _mark_signoff(text: str, add) -> None:  # type: ignore[no-untyped-def]
    stripped = text.rstrip()
    if not stripped:
        return
    # E-mail style: a valediction line near the end, then at most 3 short lines.
    for m in _VALEDICTION.finditer(stripped):
        rest = stripped[m.end():].strip("\n")
        lines = [ln for ln in rest.splitlines() if ln.strip()]
        if len(lines) <= 3 and all(len(ln) <= 60 for ln in lines):
            add("signoff", m.start() + (len(m.group()) - len(m.group().lstrip())), len(stripped))
            return
    # A last line that is only a name or team ("The Support Team").
    last_nl = stripped.rfind("\n")
    if last_nl != -1:
        last = stripped[last_nl + 1 :]
        words = last.strip(" -–—~^*").split()
        if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not last.rstrip().endswith((".", "?", "!", ":")):
            start = last_nl + 1 + (len(last) - len(last.lstrip()))
            add("signoff", start, len(stripped))
            return
    # Tweet style: "... thanks! ^JS" or "-Becky" at the very end.
    m = _SIGNATURE_TAIL.search(stripped)
    if m:
        add("signoff", m.start(), len(stripped))


# --------------------------------------------------------------------------- entry point


def ingest(original: str, fmt: str = "auto") -> Source:
    """Decode and mark a reply. ``fmt`` is ``auto``, ``plain``, ``markdown`` or ``html``."""
    if fmt not in {"auto", "plain", "markdown", "html"}:
        raise ValueError(f"unknown input format {fmt!r} (use auto, plain, markdown or html)")
    if fmt == "auto":
        fmt = "html" if looks_like_html(original) else "plain"
    preset: list[Region] = []
    if fmt == "html":
        b, preset = _decode_html(original)
        text = b.text()
        src = Source(original, text, fmt, _ostart=b.ostart, _oend=b.oend)
    elif _ENTITY.search(original):
        b = _Builder()
        b.copy(original, 0, len(original))
        text = b.text()
        src = Source(original, text, fmt, _ostart=b.ostart, _oend=b.oend)
    else:
        src = Source(original, original, fmt)
    src.regions = find_regions(src.text, preset)
    return src

