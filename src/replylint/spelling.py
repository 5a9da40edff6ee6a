"""The offline speller: which words are typos, and what they should be.

Two lexicons decide: symspellpy's English frequency dictionary (82,765 words
from Google Books n-grams, shipped inside the package) and wordfreq's English
frequencies. A word is a typo only when the dictionary does not know it AND it
is rare in wordfreq (so new-but-common words such as "unfollow" are safe), and
it is not team vocabulary or a chat abbreviation. Suggestions come from
SymSpell (edit distance <= 2, ranked by frequency); its index takes ~2 s to
build, so it is built on the first typo, not at start-up.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass
from importlib import resources

# Zipf frequency (wordfreq, log10 per billion words) at which a word is "known" even
# when the dictionary lacks it: 3.0 is about once per million words.
KNOWN_ZIPF = 3.0
# A top suggestion is safe to apply only when it beats the runner-up by this factor.
SAFE_MARGIN = 20.0
# How much more frequent (in zipf) a correction must be than the word it replaces.
MIN_GAIN = 1.5

_PREFIXES = ("re", "un", "pre", "de", "dis", "non", "sub", "co", "multi", "auto", "mis", "e", "over", "under",
             "out", "anti", "inter", "super")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "able")
_VOWELS = "aeiou"


def _needs_change(stem: str, sfx: str) -> bool:
    """Would the spelling rules change this stem before this suffix?"""
    if stem.endswith("s") and sfx in ("s", "d"):
        return True  # "thiss", "addresss"
    if sfx == "d" and not stem.endswith("e"):
        return True
    if sfx[0] in "aeiouy" and stem.endswith("e") and sfx != "s":
        return True  # e-drop: "useing"
    if stem.endswith("y") and len(stem) > 1 and stem[-2] not in _VOWELS and sfx in ("ed", "es", "er", "ers", "est"):
        return True  # y → i: "tryed"
    short_cvc = (
        len(stem) <= 4 and len(stem) >= 3 and stem[-1] not in _VOWELS + "wxy"
        and stem[-2] in _VOWELS and stem[-3] not in _VOWELS
    )
    return short_cvc and sfx[0] in "aeiouy" and sfx not in ("s",)  # doubling: "geting"


def _plausibility(typo: str, candidate: str, count: int) -> float:
    """Frequency, plus credit for the slips people actually make.

    Among corrections at the same edit distance, a swapped pair ("nkow" → "know") or a
    missed double letter ("sory" → "sorry") is far likelier than an arbitrary letter.
    """
    score = math.log(max(count, 1))
    if sorted(typo) == sorted(candidate):
        score += 6.0  # transposition
    elif len(candidate) == len(typo) + 1 and any(
        candidate[:i] + candidate[i + 1:] == typo for i in range(1, len(candidate)) if candidate[i] == candidate[i - 1]
    ):
        score += 4.0  # a double letter written once
    elif len(typo) == len(candidate) + 1 and any(
        typo[:i] + typo[i + 1:] == candidate for i in range(1, len(typo)) if typo[i] == typo[i - 1]
    ):
        score += 4.0  # a letter doubled by mistake
    if candidate[:1] == typo[:1]:
        score += 1.5  # the first letter is rarely wrong
    return score


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")

# Chat shorthand that support replies use on purpose. Our own list.
# Words of the support trade that general word lists rate as rare (our own list).
SUPPORT_TERMS = frozenset("""
onboarding offboarding uptime cron webhook webhooks signout geofence geofences recaptcha upsell upsells upselling
passwordless telehealth geotag geotags microtransaction microtransactions loadout loadouts cooldown cooldowns hotfix
hotfixes backoff autopay lorem ipsum dolor amet relog relogging swimlane swimlanes respawn respawned
""".split())

CHAT_ABBREVIATIONS = frozenset(
    """
    thx thnx tx ty tysm pls plz dm dms pm pms btw fyi asap np lol omg imo imho irl idk tbh ttyl
    brb afaik iirc ok okay ya yep nope ur u r k kk hmm hmmm haha hahaha hehe woohoo yay ugh aww
    awww oops whoa wow xoxo xo gonna wanna gotta kinda sorta lemme gimme dunno ain y'all
    eta etas sku skus faq faqs eod eow ooo pto hr hrs min mins sec secs mo mos yr yrs approx
    wifi wi-fi hotspot inbox app apps login logout signup checkout unsubscribe ebook esim
    abt ppl msg msgs pic pics convo convos gon wan
    deets fave faves tix ahold gotcha hiya howdy yall vid vids selfie selfies emoji emojis lotta coz cuz
    bday promo promos specs stats sync synced syncing unsync admin admins info
    """.split()
)


@dataclass(frozen=True)
class Suggestion:
    word: str
    safe: bool


class Speller:
    """Dictionary membership at once; SymSpell suggestions on first need."""

    def __init__(self) -> None:
        self._path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        with self._path.open(encoding="utf-8") as fh:
            self.words = frozenset(line.split(" ", 1)[0] for line in fh if line.strip())
        self._symspell = None
        self._lock = threading.Lock()
        self._known: dict[str, bool] = {}  # word → known, without the team vocabulary

    def known(self, word: str, vocabulary: frozenset[str] = frozenset()) -> bool:
        w = word.lower()
        if w in vocabulary:
            return True
        hit = self._known.get(w)
        if hit is None:
            if len(self._known) > 200_000:
                self._known.clear()  # bounded: a batch audit sees millions of distinct tokens
            hit = self._known[w] = self._known_uncached(w)
        return hit

    def _known_uncached(self, w: str) -> bool:
        if w in CHAT_ABBREVIATIONS or w in SUPPORT_TERMS or zipf(w) >= KNOWN_ZIPF or self._word(w):
            return True
        for p in _PREFIXES:  # resync, unticked, relogin: a prefix on a word we know
            rest = w[len(p):]
            if w.startswith(p) and len(rest) >= 4 and self._word(rest, min_base=4):
                return True
            if w.startswith(p) and len(rest) == 3 and rest in self.words and zipf(rest) >= 4.5:
                return True  # autopay, rerun: a prefix on a very common short word
        if self._compound(w):
            return True  # touchpad, mixtapes
        return False

    def _word(self, w: str, min_base: int = 3) -> bool:
        """In the dictionary, or a regular inflection of a word in it.

        Inflections must follow the spelling rules, so "synced" and "fishier" pass
        but "geting" (get → getting) and "tryed" (try → tried) do not.
        """
        if w in self.words:
            return True
        for sfx in _SUFFIXES:
            if not w.endswith(sfx) or len(w) - len(sfx) < min_base:
                continue
            stem = w[: -len(sfx)]
            if stem in self.words and not _needs_change(stem, sfx):
                doubled = stem + stem[-1] + sfx
                if sfx[0] in "aeiouy" and stem[-1] not in _VOWELS + "wxy" and doubled in self.words:
                    return False  # "occured": the doubled form is the word ("occurred")
                return True
            if sfx[0] in "aeiouy" and stem + "e" in self.words:
                return True  # using ← use
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou" and stem[:-1] in self.words:
                return True  # stopped ← stop
            if stem.endswith("i") and stem[:-1] + "y" in self.words:
                return True  # tried ← try, fishier ← fishy
        return False

    def _compound(self, w: str) -> bool:
        """Two common words run together, and attested as such (touchpad, mixtapes)."""
        seen = zipf(w)
        if seen < 1.5:
            return False
        for i in range(3, len(w) - 2):
            left, right = w[:i], w[i:]
            floor = 3.0 if seen >= 2.0 else 4.5  # a rarer compound needs two very common halves (backoff)
            if left in self.words and zipf(left) >= floor and self._word(right) and zipf(right.rstrip("s")) >= floor:
                return True
        return False

    def suggest(self, word: str) -> Suggestion | None:
        """The best correction, marked safe when it is unambiguous; None when nothing is close.

        A typo is much rarer than its correction; when the candidate is not at least
        ``MIN_GAIN`` zipf more frequent, the word is more likely a rare real word (a
        brand, jargon) than a typo, and nothing is suggested.
        """
        from symspellpy import Verbosity

        w = word.lower()
        found = self._index().lookup(w, Verbosity.CLOSEST, max_edit_distance=1 if len(w) <= 4 else 2)
        if not found:
            return None
        ranked = sorted(found, key=lambda c: _plausibility(w, c.term, c.count), reverse=True)
        best = ranked[0]
        if zipf(best.term) - zipf(w) < MIN_GAIN:
            return None
        runner_up = ranked[1] if len(ranked) > 1 else None
        safe = runner_up is None or _plausibility(w, best.term, best.count) - _plausibility(
            w, runner_up.term, runner_up.count) >= math.log(SAFE_MARGIN)
        return Suggestion(best.term, safe)

    def _index(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._symspell is None:
                from symspellpy import SymSpell

                sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
                sym.load_dictionary(str(self._path), term_index=0, count_index=1)
                self._symspell = sym
            return self._symspell


@functools.lru_cache(maxsize=1)
def speller() -> Speller:
    return Speller()
