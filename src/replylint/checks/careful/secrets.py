"""CAR008: API keys, tokens, private keys and passwords."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _PRE_CAR008, _overlaps, _sentence
from .internal_notes import _has

_TOKEN = re.compile(
    r"\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{8,}"
    r"|\b[a-z]{2,10}_(?:prod|live|production|secret|private)_(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{12,}"
    r"|\bwhsec_[0-9A-Za-z]{16,}"
    r"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"
    r"|\bgh[pousr]_[0-9A-Za-z]{20,}"
    r"|\bgithub_pat_[0-9A-Za-z_]{22,}"
    r"|\bxox[abposr]-[0-9A-Za-z-]{10,}"
    r"|\bAIza[0-9A-Za-z_-]{35}"
    r"|\bglpat-[0-9A-Za-z_-]{20,}"
    r"|\bsk-(?:proj-|ant-)?[0-9A-Za-z_-]{24,}"
    r"|\bSG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}"
    r"|\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}"
    r"|\b[Bb]earer\s+[0-9A-Za-z._~+/-]{20,}=*"
    r"|-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"
)
_TOKEN_HINTS = ("sk_", "rk_", "_prod_", "_live_", "_production_", "_secret_", "_private_", "whsec_", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat", "xox", "AIza", "glpat-", "sk-", "SG.",
                "eyJ", "PRIVATE KEY")
# A prefixed hex credential named as a key nearby: "our support key, ak_sup_9f3c2e71b04d4a8e".
_PREFIXED_HEX = re.compile(r"\b[a-z]{2,5}_(?:[a-z]{2,8}_)?(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b")
_KEY_VALUE = re.compile(
    r"(?i)\b(?:api[ _-]?key|api[ _-]?secret|secret[ _-]?key|client[ _-]?secret|access[ _-]?token|auth[ _-]?token|"
    r"private[ _-]?key|webhook[ _-]?secret|signing[ _-]?secret)\s*(?:is|:|=)\s*[\"'“]?(?P<v>[0-9A-Za-z_\-./+=]{16,})"
)
_PASSWORD = re.compile(
    r"(?i)\b(?:(?P<kind>temporary|temp|new|one-time|initial|reset|default|factory)\s+)?"
    r"(?:password|passwd|pwd|passcode|pass ?phrase)(?:\s*(?::|=)|\s+(?:is|was|will be|is now|set to|has been set to|(?:has been|was|is) (?:reset|changed|updated) to|"
    r"reset to|changed to)|\s+[-–—])\s*[\"'“‘]?(?P<v>[^\s\"'”’]{4,64})"
    r"|(?i:\b(?:set|changed|reset|updated)\s+(?:your|the|his|her)\s+(?P<kind2>temporary |temp |new |account |login )?"
    r"password\s+to\s*[\"'“‘]?)(?P<v2>[^\s\"'”’]{4,64})"
)
_CRED_PAIR = re.compile(
    r"(?P<user>[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?i:user(?:name)?|login|user id)\s*[:=]?\s*\S+)"
    r"\s*(?:/|\||,?\s*(?i:\bpassword\b)\s*[:=]?|,?\s*(?i:\bpw\b)\s*[:=]?)\s*"
    r"(?i:password\s*[:=]?\s*)?[\"'“]?(?P<v>[^\s\"'”’,]{4,64})"
)
# A code for staff, not for the customer: "the staff override for every locker is 9090#",
# "the manager PIN is 4471" (a value with a digit in it).
_STAFF_CODE = re.compile(
    r"(?i)\b(?:staff|master|admin|manager|supervisor|employee|universal|backdoor|maintenance|engineer(?:ing)?)\s+"
    r"(?:override|access|unlock|reset|door|alarm)?\s*(?:code|pin|passcode|password|override)\b[^.!?\n]{0,50}?\b(?:is|:|=)\s*"
    r"[\"'“‘]?(?P<v>[\w#*-]*\d[\w#*-]*)"
)
# A guest Wi-Fi password is given out on purpose.
_GUEST_NETWORK = re.compile(r"(?i)\b(?:wi-?fi|wireless|network|hotspot|ssid)\b[^.!?]{0,60}\bguest|\bguest\b[^.!?]{0,40}\b(?:wi-?fi|network)\b")
_NOT_A_PASSWORD = re.compile(
    r"(?i)^(?:incorrect|correct|wrong|invalid|expired|required|case[- ]sensitive|reset|changed|updated|"
    r"protected|needed|missing|blank|empty|too|not|being|now|still|the|your|a|an|this|that|it|same|different|"
    r"strong|weak|secure|saved|stored|encrypted|hidden|link|page|field|manager|characters?|digits?|letters?)\W*$"
)


def _passwordish(value: str) -> bool:
    """Looks like a real password: mixes letters with digits/symbols, or case inside the word."""
    v = value.rstrip(".,;:!?)")
    if len(v) < 4 or _NOT_A_PASSWORD.match(v) or set(v) <= {"*", "•", "x", "X", "#", "."}:
        return False
    if re.fullmatch(r"[\d\s-]+", v):
        return len(v) >= 6  # a bare PIN of 4-5 digits is too ambiguous ("is 1234" may be a default)
    letters = any(c.isalpha() for c in v)
    digits = any(c.isdigit() for c in v)
    symbols = any(not c.isalnum() for c in v)
    inner_caps = any(c.isupper() for c in v[1:]) and any(c.islower() for c in v)
    return letters and (digits or symbols or inner_caps)


class Secret(Rule):
    id = "CAR008"
    hints = _PRE_CAR008
    english_only = False
    name = "secret-in-reply"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A secret in the reply: an API key or token, a private key, or a password in plain text."
    why = (
        "A key or password in a reply is a credential leak: it lives on in the customer's inbox (or in "
        "public, on social) and must be rotated. Send a reset link instead. A temporary password the "
        "customer must change at first login is a warning, not an error; a factory-default one is public."
    )
    message = "“{passage}” looks like {what}; never send it in a reply."
    bad = examples(
        {"text": "Here's the key from our test account: sk_live_51Hx9QeLkdT0aZ3.", "flagged": "sk_live_51Hx9QeLkdT0aZ3"},
        {"text": "Use AKIAIOSFODNN7EXAMPLE as the access key.", "flagged": "AKIAIOSFODNN7EXAMPLE"},
        {"text": "I replayed your call using our support key, ak_sup_9f3c2e71b04d4a8e, and got the same 429.",
         "flagged": "ak_sup_9f3c2e71b04d4a8e"},
        {"text": "Sign in with the shared support login, support@acme.com / Acme!2024, and you'll see it.",
         "flagged": "Acme!2024"},
        {"text": "I've set your new password to Sunshine2024. You can log in with it now.", "flagged": "Sunshine2024"},
        {"text": "Add the header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdefghijklmn to the call.",
         "flagged": "Bearer eyJhbGciOiJIUzI1NiJ9abcdefghijklmn"},
        {"text": "Our bot token is xoxb-1234567890-abcdefghij, paste it in the app.", "flagged": "xoxb-1234567890-abcdefghij"},
        {"text": "If the keypad jams, the staff override for every locker in the building is 9090#.", "flagged": "9090#"},
    )
    good = examples(
        "Your API key is under Developers > API Keys. Click Reveal to copy it, and keep it private.",
        "I've sent a password reset link to your email. Choose a new password there.",
        "Is it saying your password is incorrect? Try the reset link.",
        "Here you go: the network is HarborView-Guest and the password is bluewater88 for your whole stay.",
        "Your line is unbarred and the voicemail default password is 1234 until you change it.",
        "Use a password with at least 12 characters, like a short phrase.",
        "Your publishable key starts with pk_live_ and is safe to put in your web page.",
        "Your locker code is 4471, and staff at the front desk can open it if the keypad jams.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        seen: list[tuple[int, int]] = []

        def emit(s: int, e: int, what: str, severity: Severity | None = None) -> Iterator[Hit]:
            while e > s and text[e - 1] in ".,;:!?)":
                e -= 1
            if any(a < e and s < b for a, b in seen) or _overlaps(analysis, s, e, "quote", "code"):
                return
            seen.append((s, e))
            yield Hit(s, e, message=self.message.format(passage=text[s:e], what=what), severity=severity)

        low = text.lower()
        tokens = _TOKEN.finditer(text) if _has(text, *_TOKEN_HINTS) or "bearer" in low else ()
        for m in tokens:
            yield from emit(m.start(), m.end(), "an API key, token or private key")
        for m in (_PREFIXED_HEX.finditer(text) if _has(low, "key", "secret", "token", "credential") else ()):
            yield from emit(m.start(), m.end(), "an API key, token or private key")
        for m in (_KEY_VALUE.finditer(text) if _has(low, "key", "secret", "token") else ()):
            v = m.group("v")
            if any(c.isdigit() for c in v) and any(c.isalpha() for c in v):
                yield from emit(m.start("v"), m.end("v"), "an API key or secret")
        for m in (_PASSWORD.finditer(text) if _has(low, "pass", "pwd") else ()):
            g = "v" if m.group("v") else "v2"
            value = m.group(g)
            kind = (m.group("kind") or m.group("kind2") or "").strip().lower()
            if not _passwordish(value) or kind in {"default", "factory"}:
                continue
            if _GUEST_NETWORK.search(_sentence(text, m.start())):
                continue  # "the network is HarborView-Guest and the password is bluewater88": meant to be shared
            sev = Severity.WARNING if kind in {"temporary", "temp", "one-time", "initial", "reset", "new"} else None
            if sev and re.search(r"(?i)\b(?:shared|team|admin|our|test account|master)\b", _sentence(text, m.start())):
                sev = None
            yield from emit(m.start(g), m.end(g), "a password in plain text", sev)
        for m in (_STAFF_CODE.finditer(text) if _has(low, "code", "pin", "pass", "override") else ()):
            yield from emit(m.start("v"), m.end("v"), "a staff code in plain text")
        pair = _has(low, "@", "user", "login") and _has(low, "/", "|", "password", "pw")
        for m in (_CRED_PAIR.finditer(text) if pair else ()):
            value = m.group("v")
            if (_passwordish(value) and any(c.isalpha() for c in value)
                    and not re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value.rstrip(".,"))):
                yield from emit(m.start("v"), m.end("v"), "a login and password in plain text")
