"""The offline speller: which words are typos, and what they should be.

Two lexicons decide: symspellpy's English frequency dictionary (82,765 words
from Google Books n-grams, shipped inside the package) and wordfreq's English
frequencies. A word is a typo only when the dictionary does not know it AND it
is rare in wordfreq (so new-but-common words such as "unfollow" are safe), and
it is not team vocabulary or a chat abbreviation. Suggestions come from
SymSpell (edit distance <= 2, ranked by frequency); its index takes 2-3 s to
build, so it is built on the first typo, not at start-up, and kept in the user's
cache folder (cache.py), from which it loads in about half a second.

Context decides the rest. symspellpy also ships 242,342 common English word pairs
with their counts; a correction that forms a common pair with its neighbours
("coll us" → "call us") is preferred, and a rare real word that no pair knows next
to those neighbours, one letter away from a very common word that does ("lat us
know", "wil be"), is a typo too.
"""

from __future__ import annotations

import functools
import math
import os
import pickle
import threading
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from .cache import cache_key, cached_file

# Zipf frequency (wordfreq, log10 per billion words) at which a word is "known" even
# when the dictionary lacks it: 3.0 is about once per million words.
KNOWN_ZIPF = 3.0
# A top suggestion is safe to apply only when it beats the runner-up by this factor.
SAFE_MARGIN = 20.0
# How much more frequent (in zipf) a correction must be than the word it replaces.
MIN_GAIN = 1.5
# A real word below this zipf can still be a slip for a common one, when context says so.
RARE_ZIPF = 3.5
# ...and the word it slipped from must be at least this common ("will", "call"); for a form
# no corpus has seen ("reching"), this common; for a dictionary word ("lat"), one of the
# commonest words ("let", "you", "how").
COMMON_ZIPF = 4.5
UNSEEN_FLOOR_ZIPF = 3.5
EVERYDAY_ZIPF = 5.5
# A regular derivation of a dictionary word that wordfreq has seen this often is in real use.
DERIVED_IN_USE_ZIPF = 1.5
# A word wordfreq rates this common or more is in real use ("repo"): never read as two slips.
TWO_SLIP_MAX_ZIPF = 2.0
# A dictionary word this common or more is meant, whatever its neighbours ("the lat and long").
DICTIONARY_SLIP_ZIPF = 3.0

_PREFIXES = ("re", "un", "pre", "de", "dis", "non", "sub", "co", "multi", "auto", "mis", "e", "over", "under",
             "out", "anti", "inter", "super")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "able")
_VOWELS = "aeiou"


def _needs_change(stem: str, sfx: str) -> bool:
    """Would the spelling rules change this stem before this suffix?"""
    if stem.endswith("s") and sfx in ("s", "d"):
        return True  # "thiss", "addresss"
    if stem.endswith(("ed", "ing")) and sfx not in ("s", "es"):
        return True  # one inflection is enough: "updateded" (but "settings")
    if sfx == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
        return True  # "monthes": -es only after a hissing sound or an o
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


def one_slip(typo: str, word: str, keep_first: bool = False) -> bool:
    """Could one slip of the hand turn ``word`` into ``typo``?

    One letter dropped, added, changed or two swapped; but not a different first letter
    ("sista"/"vista", though "vor"/"for" is) and not a letter stuck on to a short word, which
    is how abbreviations and other languages look ("appt"/"app", "balik"/"bali"); a doubled
    last letter ("andd") is a slip. ``keep_first``: the first letter may not be dropped or added either.
    """
    if abs(len(word) - len(typo)) > 1 or (word in typo and typo != word + word[-1] and len(word) < 5):
        return False
    if keep_first and typo[0] != word[0]:
        return False
    if len(word) == len(typo):
        diff = [i for i in range(len(word)) if word[i] != typo[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == typo[diff[1]] and word[diff[1]] == typo[diff[0]]:
            return True  # swapped pair
        return len(diff) == 1 and (diff[0] > 0 or zipf(word) >= 5.5)  # "vor" for "for", not "sista" for "vista"
    short, long_ = (typo, word) if len(typo) < len(word) else (word, typo)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")

# Words of the support trade that general word lists rate as rare (our own list).
SUPPORT_TERMS = frozenset("""
onboarding offboarding uptime cron webhook webhooks signout geofence geofences recaptcha upsell upsells upselling
passwordless telehealth geotag geotags microtransaction microtransactions loadout loadouts cooldown cooldowns hotfix
hotfixes backoff autopay runbook runbooks lorem ipsum dolor amet relog relogging swimlane swimlanes respawn respawned
""".split())

# Chat shorthand that support replies use on purpose (our own list).
CHAT_ABBREVIATIONS = frozenset(
    """
    thx thnx tx ty tysm pls plz dm dms pm pms btw fyi asap np lol omg imo imho irl idk tbh ttyl
    brb afaik iirc ok okay ya yep nope ur u r k kk hmm hmmm haha hahaha hehe woohoo yay ugh aww
    awww oops whoa wow xoxo xo gonna wanna gotta kinda sorta lemme gimme dunno ain y'all
    eta etas sku skus faq faqs eod eow ooo pto hr hrs min mins sec secs mo mos yr yrs approx
    wifi wi-fi hotspot inbox app apps login logout signup checkout unsubscribe ebook esim
    abt ppl msg msgs pic pics convo convos gon wan
    deets fav favs fave faves tix ahold gotcha hiya howdy yall vid vids selfie selfies emoji emojis lotta coz cuz
    bday promo promos specs stats sync synced syncing unsync admin admins info
    luv nite tonite thru tho altho nvm ikr rn smh fwiw ftw hbu
    """.split()
)


@dataclass(frozen=True)
class Suggestion:
    word: str
    safe: bool
    in_context: bool = False  # chosen because it fits the neighbouring words


@functools.lru_cache(maxsize=1)
def _regional_words() -> frozenset[str]:
    """British and American spellings: region_neutral's business, never a typo."""
    from breame.spelling import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

    words: set[str] = set()
    for table in (AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS):
        words.update(table)
        words.update(table.values())
    return frozenset(w.lower() for w in words)


class Speller:
    """Dictionary membership at once; SymSpell suggestions on first need."""

    def __init__(self) -> None:
        self._path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        with self._path.open(encoding="utf-8") as fh:
            self.words = frozenset(line.split(" ", 1)[0] for line in fh if line.strip())
        self._symspell = None
        self._bigrams: dict[str, int] | None = None
        self._lock = threading.Lock()
        self._known: dict[str, bool] = {}  # word → known, without the team vocabulary
        self._rare: dict[str, bool] = {}  # known word → rare enough to be a slip

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

    def suspect(self, word: str, vocabulary: frozenset[str] = frozenset()) -> bool:
        """Worth a closer look: unknown, or a known word that may be a slip for a common one."""
        w = word.lower()
        if not self.known(w, vocabulary):
            return True
        return w not in vocabulary and self._may_slip(w)

    def _may_slip(self, w: str) -> bool:
        """Could this known word be a slip at all, whatever its neighbours? (``slip``'s word-level
        bars, memoised: most words fail here for free.)

        A dictionary word must be rarer than DICTIONARY_SLIP_ZIPF and not a regular inflection of
        another ("timers"); any other known word rarer than RARE_ZIPF; never chat shorthand, a
        support term, a British/American variant, or a prefix on a common word ("retime").
        """
        hit = self._rare.get(w)
        if hit is None:
            if len(self._rare) > 200_000:
                self._rare.clear()
            z = zipf(w)
            if w in self.words:
                hit = z < DICTIONARY_SLIP_ZIPF and not self._inflected(w)
            else:
                hit = z < RARE_ZIPF
            hit = hit and w not in CHAT_ABBREVIATIONS and w not in SUPPORT_TERMS and w not in _regional_words() and not any(
                w.startswith(p) and len(w) - len(p) >= 3 and zipf(w[len(p):]) >= 4.0 for p in _PREFIXES)
            self._rare[w] = hit
        return hit

    def _known_uncached(self, w: str) -> bool:
        if w in CHAT_ABBREVIATIONS or w in SUPPORT_TERMS or zipf(w) >= KNOWN_ZIPF or self._word(w):
            return True
        for p in _PREFIXES:  # resync, unticked, relogin: a prefix on a word we know
            rest = w[len(p):]
            if w.startswith(p) and len(rest) >= 4 and self._word(rest, min_base=4):
                return True
            if len(p) > 1 and w.startswith(p) and len(rest) == 3 and rest in self.words and zipf(rest) >= 4.5:
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
            if (sfx[0] in "aeiouy" and len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou"
                    and stem[:-1] in self.words):
                return True  # stopped ← stop (not "annd" ← "an")
            if sfx[0] == "e" and stem.endswith("i") and stem[:-1] + "y" in self.words:
                return True  # tried ← try, fishier ← fishy (not "thid" ← "thy")
        return False

    def _inflected(self, w: str) -> bool:
        """A regular inflection of another dictionary word ("timers", "looped")."""
        return any(w.endswith(sfx) and w[: -len(sfx)] in self.words for sfx in ("s", "es", "ed", "ing", "er"))

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

    def suggest(self, word: str, before: str = "", after: str = "") -> Suggestion | None:
        """The best correction, marked safe when it is unambiguous; None when nothing is close.

        A typo is much rarer than its correction; when the candidate is not at least
        ``MIN_GAIN`` zipf more frequent, the word is more likely a rare real word (a
        brand, jargon) than a typo, and nothing is suggested. ``before``/``after`` are
        the neighbouring words: a candidate that forms a common pair with them wins.
        """
        w = word.lower()
        found = self._candidates(w)
        ranked = [c for c in found if zipf(c[0]) - zipf(w) >= MIN_GAIN]
        if not ranked:
            return None
        fits = [(c, p + self.fit(c, before, after)) for c, p in ranked if one_slip(w, c) and self.fit(c, before, after)]
        if fits and not self.fit(w, before, after):
            # Context picks the word (the commoner the pairs it forms, the better); safe only
            # when exactly one candidate fits and it is also the likeliest on its own.
            best = max(fits, key=lambda c: c[1])[0]
            return Suggestion(best, safe=len(fits) == 1 and best == found[0][0], in_context=True)
        if before and after and not self.fit(w, before, after):
            # Two slips away ("uoy" → "you", "ure" → "your"): only one of the commonest words,
            # and only when it forms a common pair on both sides.
            both = self._two_slips(w, before, after)
            if both:
                return Suggestion(max(both)[1], safe=False, in_context=True)
        if ranked[0] is not found[0]:
            return None  # the likeliest word is about as rare as this one: a name or jargon
        safe = len(found) == 1 or found[0][1] - found[1][1] >= math.log(SAFE_MARGIN)
        return Suggestion(found[0][0], safe)

    def slip(self, word: str, before: str, after: str) -> Suggestion | None:
        """A real or derived word used where a common one belongs ("coll us", "wil be").

        Only when the word forms no common pair with its neighbours and a much more common
        word one edit away does. The more the word is a word, the more it takes: a form no
        corpus has seen ("reching") needs a fairly common replacement; one wordfreq knows, a
        common one ("wil" → "will"); a dictionary word, one of the commonest words, fitting on
        both sides ("please lat us" → "let"). British/American variants are never slips.
        """
        w = word.lower()
        if not self._may_slip(w) or not (before or after) or self.fit(w, before, after):
            return None
        in_dictionary = w in self.words
        # a regular derivation in real use ("recommender", zipf 1.9) is a word too
        vouched = in_dictionary or (zipf(w) >= DERIVED_IN_USE_ZIPF and self._word(w))
        if vouched and not (before and after):
            return None  # a dictionary word needs both neighbours to vouch for the replacement
        floor = EVERYDAY_ZIPF if in_dictionary else COMMON_ZIPF if zipf(w) > 0 else UNSEEN_FLOOR_ZIPF
        near = []
        for c, plausibility in self._candidates(w, distance=1):
            if not (one_slip(w, c, keep_first=True) and zipf(c) >= floor and zipf(c) - zipf(w) >= MIN_GAIN):
                continue
            left, right = self.fit(c, before, ""), self.fit(c, "", after)
            if (left and right) or (not vouched and (left or right)):
                near.append((plausibility + left + right, c))
        if not in_dictionary and before and after and zipf(w) < TWO_SLIP_MAX_ZIPF:
            # A rare derived form two slips from one of the commonest words ("theys" → "these"),
            # never a word in real use ("repo").
            near += [(score, c) for score, c in self._two_slips(w, before, after) if c[:1] == w[:1]]
        if not near:
            return None
        return Suggestion(max(near)[1], safe=False, in_context=True)

    def fit(self, word: str, before: str, after: str) -> float:
        """How well ``word`` fits between its neighbours: the log counts of the common
        English pairs it forms with them (0.0 when it forms none)."""
        pairs = self._pairs()
        left = pairs.get(f"{before} {word}", 0) if before else 0
        right = pairs.get(f"{word} {after}", 0) if after else 0
        return (math.log(left) if left else 0.0) + (math.log(right) if right else 0.0)

    @functools.lru_cache(maxsize=16384)  # noqa: B019 - one Speller per process
    def _candidates(self, w: str, distance: int = 2) -> list[tuple[str, float]]:
        """Dictionary words closest to ``w``, most plausible first, with their plausibility."""
        from symspellpy import Verbosity

        # A word in the dictionary is its own closest match: list everything one edit away instead.
        verbosity = Verbosity.ALL if distance == 1 else Verbosity.CLOSEST
        found = self._index().lookup(w, verbosity, max_edit_distance=1 if len(w) <= 4 else distance)
        scored = [(c.term, _plausibility(w, c.term, c.count)) for c in found if c.term != w]
        return sorted(scored, key=lambda c: c[1], reverse=True)

    def _two_slips(self, w: str, before: str, after: str) -> list[tuple[float, str]]:
        """The commonest words two edits or fewer from ``w`` that form a common pair on both sides,
        scored by edit plausibility plus the pair counts."""
        return [(p + self.fit(c, before, after), c) for c, p in self._everyday_within_two(w)
                if self.fit(c, before, "") and self.fit(c, "", after)]

    @functools.lru_cache(maxsize=16384)  # noqa: B019 - one Speller per process
    def _everyday_within_two(self, w: str) -> tuple[tuple[str, float], ...]:
        """The commonest words (zipf >= EVERYDAY_ZIPF) two edits or fewer from ``w``, with their plausibility."""
        from symspellpy import Verbosity

        found = self._index().lookup(w, Verbosity.ALL, max_edit_distance=2)
        return tuple((c.term, _plausibility(w, c.term, c.count)) for c in found
                     if c.term != w and zipf(c.term) >= EVERYDAY_ZIPF)

    def _pairs(self) -> dict[str, int]:
        with self._lock:
            if self._bigrams is None:
                path = resources.files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt"
                pairs: dict[str, int] = {}

                def read() -> None:
                    with path.open(encoding="utf-8") as fh:
                        for line in fh:
                            first, second, count = line.split(" ", 2)
                            pairs[f"{first} {second}"] = int(count)

                def load(cached: Path) -> bool:
                    pairs.update(pickle.loads(cached.read_bytes()))
                    return True

                stat = os.stat(str(path))
                cached_file("bigrams", cache_key(version("symspellpy"), path, stat.st_size, stat.st_mtime_ns),
                            load=load, build=read,
                            save=lambda p: p.write_bytes(pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL)))
                self._bigrams = pairs
            return self._bigrams

    def _index(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._symspell is None:
                from symspellpy import SymSpell

                sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
                stat = os.stat(str(self._path))
                cached_file(
                    "symspell",
                    cache_key(version("symspellpy"), self._path, stat.st_size, stat.st_mtime_ns, 2, 7),
                    load=lambda p: sym.load_pickle(p, compressed=False),
                    build=lambda: sym.load_dictionary(str(self._path), term_index=0, count_index=1),
                    save=lambda p: sym.save_pickle(p, compressed=False),
                )
                self._symspell = sym
            return self._symspell


@functools.lru_cache(maxsize=1)
def speller() -> Speller:
    return Speller()
