"""Is this reply in English? English-only checks skip replies that are not.

Most replies are plainly English: a handful of English function words settles
it for free. Only when they are missing does the language identifier run
(py3langid, which ships its model; loaded on first need).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_WORD_APOS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# Words that are English and rarely anything else (no "in", "is", "a", "we": Dutch,
# Malay and Spanish have those too).
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the and to of with you your you're our this that these those please thanks thank have has "
    "will would can could should what which when where there their they are was were been be it's "
    "don't can't we're we'll we've i'm i'll i've let's for from just about".split()
)
MIN_WORDS = 6
MIN_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Language:
    code: str
    confidence: float


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect(text: str) -> Language | None:
    """The reply's language when it is confidently NOT English, else None."""
    words = [w.lower() for w in _WORD_APOS.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    english = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    if english * 5 >= len(words):
        return None
    ranked = _identifier().rank(text)
    p_english = next((p for code, p in ranked if code == "en"), 0.0)
    code, confidence = ranked[0]
    # Close languages split the probability (Malay/Indonesian), so judge by how
    # unlikely English is, not by how sure the top guess is.
    if code != "en" and p_english <= 1 - MIN_CONFIDENCE:
        return Language(code, float(1 - p_english))
    return None
