"""Building rewrites that read right, and applying them without overlaps.

A rule says *what* to change; these helpers make the edit keep the sentence
well-formed: a deleted opener capitalizes the word after it, a replacement
keeps the case of the passage it replaces, and no double spaces are left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .findings import Applicability, Edit, Finding, Suggestion
from .ingest import GREETING

_HANDLES_BEFORE = re.compile(r"(?:(?:^|\s)[@#]\w+[:,]?\s*)+$")
_LEADING_PUNCT = re.compile(r"[\s,;:\u2014\u2013-]*")


def at_sentence_start(text: str, pos: int) -> bool:
    """True when nothing but spaces, @handles or sentence punctuation precede pos."""
    before = text[:pos]
    handles = _HANDLES_BEFORE.search(before)
    if handles:
        before = before[: handles.start()]
    stripped = before.rstrip(" \t")
    if not stripped or stripped.endswith(("\n", ".", "!", "?")):
        return True
    # A lone closing quote or bracket after sentence punctuation.
    return len(stripped) >= 2 and stripped[-1] in "\"')]" and stripped[-2] in ".!?"


def match_case(passage: str, replacement: str) -> str:
    """Give the replacement the capitalization of the passage it replaces."""
    if not replacement or not passage:
        return replacement
    if passage.isupper() and len(passage) > 1 and len(passage.split()) == 1 and replacement.isalpha():
        return replacement.upper()
    if passage[0].isupper() and replacement[0].islower() and not (passage[:1] == "I" and passage[1:2] in (" ", "'", "’")):
        return replacement[0].upper() + replacement[1:]  # (the pronoun "I" is capital anywhere: it says nothing)
    words = replacement.split()
    if passage[0].islower() and replacement[0].isupper() and len(words) > 1:
        # "Sorry for the trouble" is a sentence-case phrase and may be lowered;
        # "Help Center" or "Zendesk" are names and keep their capitals.
        if words[0][1:].islower() and all(not w[:1].isupper() for w in words[1:]):
            return replacement[0].lower() + replacement[1:]
    return replacement


def replacement_edit(text: str, start: int, end: int, replacement: str) -> Edit:
    """Replace a passage, keeping its case; capitalize at a sentence start."""
    new = match_case(text[start:end], replacement)
    if new and at_sentence_start(text, start) and new[0].islower():
        new = new[0].upper() + new[1:]
    return Edit(start, end, new)


def deletion_edit(text: str, start: int, end: int) -> Edit:
    """Delete a passage and the spacing or comma it leaves behind.

    At a sentence start the next word is capitalized; in mid-sentence a
    dangling comma or double space is folded away.
    """
    n = len(text)
    clause = _CLAUSE_END.match(text, end)
    if clause:
        return _delete_clause(text, start, clause.end())
    # Swallow the separator after the passage: ", " or " " (but keep line breaks).
    tail = _LEADING_PUNCT.match(text, end)
    new_end = tail.end() if tail else end
    while new_end > end and text[new_end - 1] == "\n":
        new_end -= 1
    if at_sentence_start(text, start):
        if new_end < n and text[new_end].isalpha() and text[new_end].islower():
            return Edit(start, new_end + 1, text[new_end].upper())
        if new_end >= n or text[new_end] in "\n":
            # Deleting a whole sentence or line: take the space before it too.
            back = start
            while back > 0 and text[back - 1] in " \t":
                back -= 1
            return Edit(back, new_end, "")
        return Edit(start, new_end, "")
    # Mid-sentence: keep one space between the neighbours, and let the
    # sentence's own punctuation close it ("... to you soon." not "... to you soon .").
    if new_end < n and text[new_end] in ".,!?;:)":
        back = start
        while back > 0 and text[back - 1] in " \t,":
            back -= 1
        return Edit(back, new_end, "")
    if new_end == end:  # nothing after it on the line: take the space before it
        back = start
        while back > 0 and text[back - 1] in " \t":
            back -= 1
        return Edit(back, end, "")
    return Edit(start, new_end, "")


_CLAUSE_END = re.compile(r"[.!]+(?:[ \t]+|(?=\n)|$)")


def _delete_clause(text: str, start: int, end: int) -> Edit:
    """Delete a whole sentence (the passage ran to its closing punctuation)."""
    if at_sentence_start(text, start):
        if end >= len(text) or text[end] == "\n":
            back = start
            while back > 0 and text[back - 1] in " \t":
                back -= 1
            return Edit(back, end, "")
        return Edit(start, end, "")
    lead = text[:start].rstrip()
    since = re.split(r"[.!?\n]", lead)[-1]
    if lead.endswith(",") and GREETING.match(since.strip()):
        # After a greeting's comma ("Hi Dana, I hope ... . We found"): the next
        # sentence continues the greeting's line, so its first word is lowered.
        nxt = text[end : end + 2]
        if len(nxt) == 2 and nxt[0].isupper() and nxt[1].islower():
            return Edit(start, end + 1, nxt[0].lower())
        return Edit(start, end, "")
    # The tail of a longer sentence ("fixed, basically."): keep its full stop.
    back = start
    while back > 0 and text[back - 1] in " \t,":
        back -= 1
    stop = text[start:end].rstrip()
    close = len(stop) - len(stop.rstrip(".!"))
    return Edit(back, end - (len(text[start:end]) - len(stop)) - close, "")


def suggestion(edit: Edit, title: str, safe: bool) -> Suggestion:
    return Suggestion(
        edits=(edit,),
        applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
        title=title,
    )


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits in order of position, skipping any that overlap an earlier one."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end > len(text) or edit.start > edit.end:
            continue
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def chosen_edits(findings: Iterable[Finding], unsafe: bool = False, ids: set[str] | None = None) -> list[Edit]:
    """The edits of each finding's first applicable suggestion, overlaps removed.

    A suggestion is applied whole or not at all: when any of its edits
    overlaps an edit already taken, the whole suggestion is skipped.
    """
    taken: list[Edit] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if ids is not None and f.id not in ids:
            continue
        sugg = f.safe_suggestion
        if sugg is None and (unsafe or ids is not None) and f.suggestions:
            sugg = f.suggestions[0]
        if sugg is None:
            continue
        if any(_overlaps(e, t) for e in sugg.edits for t in taken):
            continue
        taken.extend(sugg.edits)
    return taken


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end
