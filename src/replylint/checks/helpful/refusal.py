"""HLP002: saying no with no workaround, alternative or next step anywhere in the reply."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples
from ._parse import _in_condition, _predicate, _subject, _token_at
from ._text import (
    CLOSER,
    _COMPLAINT,
    _I,
    _IMPERATIVE,
    _IMPERATIVE_MID,
    _NEXT_STEP,
    Sentence,
    _partial,
    customer_asks,
    sentences,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...nlp import Analysis


_REFUSAL = re.compile(
    r"\b(?:can ?not|can[’']?t|cant|ca n't|unable to|not able to|n[’']t able to|impossible|(?:not|n[’']t) (?:currently |really |yet |presently )?possible"
    r"|no way (?:to|for (?:us|me|you)|(?:we|i) can)|nothing (?:\w+ ){0,3}(?:we|i) (?:can|could|are able to) do|nothing (?:more|else|further) (?:we|i) can"
    r"|(?:we|i)(?:'re| are| am|'m)? (?:not|n[’']t) (?:in a position|able|allowed|permitted|authorized)"
    r"|(?:not|n[’']t) something (?:we|i|the (?:app|website|site|system|portal))\b(?! (?:\w+ ){0,3}?(?:had|has|have|did|were|was) (?:any |a )?(?:part|hand|say|role|control|involvement)\b)|(?:is|are|'s|'re)(?:n[’']t| not) (?:part of|among|included in) (?:what (?:we|i) (?:offer|do|provide|sell|support)|our (?:offer|offering|services|plans?))"
    r"|(?:that|this)(?: one)? (?:won[’']t|will not|isn[’']t going to) work out"
    r"|(?:is|are|'s|'re)(?:n[’']t| not) one of the [\w ]{1,25}? (?:we|the [\w ]{1,20}?) (?:offers?|supports?|allows?|provides?)\b"
    r"|(?:do|does|will|would)(?:n[’']t| not) (?:currently |yet |presently |actually |really )?(?:support|offer|allow|provide|ship|accept|carry|sell|stock|permit|cover|issue|deliver|operate|do (?:(?:partial|full|cash|same-day|any) )?(?:refunds|exchanges|that|this|price \w+|\w+ing)|work with|have (?:plans|an option|the option|any plans))\b"
    r"|(?:won[’']?t|will not|wo n[’']t) be (?:possible|available|allowed|permitted|an option)|(?:is|are|'s|'re) off the table|(?:is|'s|are|'re) beyond what (?:we|i|your|the|our) \w+"
    r"|(?:is|are|'s|'re)(?:n[’']t| not) part of how (?:we|i) (?:operate|work|do (?:things|business))"
    r"|(?:is|are|'s|'re)(?:n[’']t| not) (?:currently |yet |presently |really )?(?:available|possible|allowed|permitted|supported|offered|an option|eligible|refundable|something (?:we|i))"
    r"|not (?:currently |yet )?(?:available|supported|allowed|permitted|eligible)\b|non-?refundable|non-?transferable|non-?exchangeable|non-?returnable|(?:won[’']?t|will not) work,? (?:i[’']?m afraid|unfortunately|sadly|sorry)|(?:are|is) (?:all |always )?final\b|(?:our|the|company|store) policy|policy (?:is|states|says|does)"
    r"|that[’']?s (?:just |simply )?(?:how|the way) (?:(?:it|things|this|that)|(?:the|our) \w+(?: \w+)?) (?:works?|is|are|goes|operates?)|out of our hands|only (?:possible|available|allowed|valid|eligible|accepted|refundable|offered)"
    r"|no longer (?:available|possible|supported|offer|able|sell|carry|stock|provide|support)|(?:has|have) been discontinued|we regret"
    r"|(?:won[’']?t|will not|wo n[’']t) be able to|(?:is|'s|are|'re)(?:n't| not) (?:a|any) (?:way|option) (?:to|for)|there(?:'s| is) no (?:way|option) (?:to|for)"
    r"|(?:we|i) (?:can |currently |unfortunately )?only (?:deliver|ship|accept|support|sell|serve|operate|work with|fly|stock|carry)\b"
    r"|(?:does|do)(?:n't| not) (?:currently |yet |really )?exist|(?:is|'s)(?:n't| not) (?:currently |really )?an option|not an option)\b",
    _I,
)
# Heads that make "you can't ..." an echo of the customer's problem, not our no.
_ECHO_HEADS = {"sorry", "hear", "understand", "apologize", "apologise", "see", "know", "seem", "look", "sound", "notice",
               "hate", "appear", "realize", "realise", "learn", "read", "feel", "frustrate", "frustrating", "bummer", "shame",
               "understandable", "annoying", "sad", "confirm", "say", "mention", "report", "experience", "tell", "wonder", "ask"}
_IDIOMS = {"wait", "thank", "stress", "emphasize", "emphasise", "beat", "believe", "imagine", "agree", "stop", "resist", "miss",
           "express", "overstate", "complain", "argue", "blame", "recommend", "praise", "top", "fault", "deny", "ignore",
           "understand", "tell", "say", "guarantee", "promise", "speak", "express", "hide", "contain", "get", "go", "help"}
# What the customer may be told they can't do: permission, not a symptom.
_PERMISSION = {"change", "cancel", "modify", "amend", "edit", "refund", "return", "transfer", "move", "reschedule", "add",
               "remove", "upgrade", "downgrade", "switch", "combine", "exchange", "swap", "reuse", "extend", "split", "merge",
               "rename", "keep", "book", "reserve", "use", "bring", "carry", "take", "get", "have", "request", "claim", "apply",
               "redeem", "stack", "pause", "defer", "sell", "resell", "gift", "share", "view", "choose", "pick", "select", "opt"}
_LOOKUP = {"see", "find", "locate", "view", "access", "verify", "confirm", "reproduce", "replicate", "detect", "trace",
           "pull", "identify", "determine", "tell", "say", "know", "guarantee", "speak", "comment", "discuss", "share", "speculate",
           "disclose", "reveal", "advise", "provide information", "release", "predict", "estimate", "give"}


class RefusalWithoutAlternative(Rule):
    id = "HLP002"
    name = "no-without-alternative"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "Saying no (“not possible”, “we don't support”, “we can't”) with no workaround, alternative or next step anywhere in the reply."
    why = (
        "A bare no leaves the customer where they started. Say what they CAN do: a workaround, an alternative, "
        "the next step, or at least an honest reason. “We can't ship to PO boxes, but a UPS Access Point will hold it.”"
    )
    message = "This says no (“{passage}”) and the reply offers no workaround, alternative or next step; add one."
    needs = "parse"
    trigger = "a refusal phrase (can't, unable to, not possible, we don't support/offer, not available, policy, final)"
    confidence = 0.8
    bad = examples(
        {"text": "We can't change the name on receipts, sorry.", "flagged": "We can't change the name on receipts"},
        {"text": "@nate_w We don't support offline mode, sorry.", "flagged": "We don't support offline mode"},
        {"text": "Unfortunately we can't ship to PO boxes. Sorry about that!", "flagged": "we can't ship to PO boxes"},
        {"text": "Hi Lucas,\n\nThe app isn't available in Brazil.\n\nAnna", "flagged": "The app isn't available in Brazil"},
        {"text": "Honestly there's nothing we can do about that.", "flagged": "nothing we can do about that"},
        {"text": "All ticket sales are final. That's our policy.", "flagged": "All ticket sales are final"},
        {"text": "Hi Ana, sorry, we don't do partial refunds.", "flagged": "we don't do partial refunds"},
        {"text": "Same-day changes are off the table for basic fares, sorry!", "flagged": "Same-day changes are off the table for basic fares"},
        {"text": "Gift wrap isn't part of how we operate. -Jo", "flagged": "Gift wrap isn't part of how we operate"},
    )
    good = examples(
        "We don't support CSV export yet, sorry! Here's a workaround: connect our Google Sheets integration and download the sheet as CSV.",
        "We can't ship to PO boxes, but at checkout you can pick any UPS Access Point near you.",
        "Sorry to hear you can't log in! Reset your password at acme.com/reset and you'll be back in.",
        "Refunds aren't possible after 30 days, but I can give you account credit instead. Want me to do that?",
        "We can't wait to see you on Friday!",
        "Dark mode isn't available yet. In the meantime, your phone's dark mode darkens most screens in the app too.",
        "If you can't find the email, check your spam folder.",
        "Same-day changes are off the table for basic fares, but you can upgrade to Flex for $20 and change it today.",
        "Sorry, we don't do partial refunds, so I've sent a full one instead: it reaches your card in 3 to 5 days.",
        "Story saves can't move between Switch and PC yet, but if you link both copies to one account, your season pass carries over.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _REFUSAL.search(analysis.text):
            return
        sents = sentences(analysis)
        body = [s for s in sents if s.role == "body"]
        cands = {id(s): m for s in body if (m := _first_refusal_cue(s.raw))}
        if not cands:
            return
        msg = rc.context.customer_message
        if msg and msg.strip() and not (_REQUEST.search(re.sub(r"[@#]\w+", " ", msg)) or _COMPLAINT.search(msg)) and (
                customer_asks(msg) is False or re.search(r"(?:^|[.!?]\s+)\W*(?:what|which|where|who|how many|how much|how long)\b", msg, _I)):
            return  # nobody asked for anything: "it can't include your name" answers "what are the rules?"
        # The second cue comes first, because it is cheap: a reply that offers any way forward
        # (a step, an alternative, a link, a question back) is fine whatever it refuses, and
        # never reaches the parser.
        for s in body:
            m = cands.get(id(s))
            if m is None:
                if _way_forward(s.text, s.link):
                    return
                continue
            cue = (s.start + m.start(), s.start + m.end())
            masked = _strip_regions(analysis, s.start, cue[0]) + " NO " + _strip_regions(analysis, cue[1], s.end)
            if _way_forward(masked, False, but=False) or _AFTER_BUT.search(_strip_regions(analysis, cue[1], s.end)):
                return
        found = None
        for s in body:
            if id(s) in cands:
                found = self._refusal(analysis, s)
                if found is not None:
                    break
        if found is None:
            return
        start, end, where, lookup, cue = found
        for g in analysis.source.regions_of("greeting"):
            if g.start <= start < g.end < end:
                start = g.end
                while start < end and analysis.text[start] in " ,!.:;-":
                    start += 1
        lead = re.match(r"(?:sorry|apologies|unfortunately|sadly)\W+", analysis.text[start:end], _I)
        if lead and lead.end() < end - start:
            start += lead.end()  # "sorry, we don't do partial refunds": the no starts at "we"
        i = sents.index(where)
        around = " ".join(x.text for x in sents[max(0, i - 1):i + 2]).replace(
            analysis.text[cue[0]:cue[1]].replace("’", "'"), " NO ")  # "sorry as X is not allowed": the no is not its own reason
        reason = bool(_REASON.search(around))
        # one tweet of a thread (">>", "1:", "…") may carry its way forward in the next one;
        # "Sure, it's fine, but it can't be used onboard" is a yes with a limit
        partial = _partial(analysis) or any(
            re.match(r"^(?:yes|yep|yeah|sure|of course|absolutely|definitely|it's fine|that's fine)\b", x.text, _I) for x in body)
        severity = Severity.INFO if reason or lookup or partial else None
        yield Hit(start, end, message=self.message.format(passage=analysis.text[start:end]), severity=severity)

    def _refusal(self, analysis: "Analysis", s: Sentence) -> tuple[int, int, Sentence, bool, tuple[int, int]] | None:
        """The refusal's clause span, its sentence, and whether it is a lookup ("we can't find ...")."""
        text = s.raw
        if text.rstrip().endswith("?"):
            return None
        sent = next((x for x in analysis.sents if x.start_char <= s.start < x.end_char), None)
        if sent is None:
            return None
        doc = analysis.parsed(sent, "parse")
        base = sent.start_char
        for m in _REFUSAL.finditer(text):
            cue = m.group().lower()
            off = s.start - base + m.start()
            tok = _token_at(doc, off)
            if tok is None:
                continue
            # non-verbal policy cues: the match itself is the passage (widened to its clause subject)
            if re.match(r"(?:are|is) (?:all |always )?final|(?:our|the|company|store) policy|policy|that[’']?s|out of our|non-?(?:refund|transfer|exchang|return)|we regret|only|(?:we|i) (?:can |currently |unfortunately )?only"
                        r"|(?:is|are|'s|'re) off the table|(?:is|'s|are|'re) beyond what|(?:not|n[’']t) something|(?:is|are|'s|'re)(?:n[’']t| not) one of the|(?:is|are|'s|'re)(?:n[’']t| not) (?:part of|among|included in)|(?:that|this)(?: one)? (?:won|will not|isn)", cue):
                if cue.startswith("we regret"):
                    continue  # a refusal follows; its own cue carries it
                pred = _predicate(tok)
                if pred is None or _in_condition(pred):
                    continue
                if cue.startswith("only") and re.match(r"\s*(?:on|in|with|for|via|through|from|at|by|using|to|if|when|once|after)\b", text[m.end():], _I):
                    continue  # "only possible on desktop", "only available if you pay by card" say how to get it
                if cue.startswith("only") and not re.search(r"\b(?:so|therefore|which means)\b.*\b(?:can[’']?t|cannot|unable)\b|\bwithin\b|\bif\b|\bfor\b", text, _I):
                    continue
                if cue.startswith(("our", "the", "company", "store", "policy")) and not (
                        re.search(r"\b(?:that[’']?s|it[’']?s|is|per|according to|as per|against)\b", text, _I)
                        and re.search(r"\b(?:not|no|never|n[’']t|cannot|only|final|non-?\w+|unable|against)\b", text, _I)):
                    continue  # "you'll receive it in 7 days, it's the policy" explains; a policy NO says no
                return (*self._clause_span(doc, pred, base, off, off + len(m.group())), s, False,
                        (s.start + m.start(), s.start + m.end()))
            pred = _refusal_predicate(doc, tok)
            if pred is None:
                continue
            if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in pred.children) and re.search(
                    r"(?:^|\b(?:please|kindly|also|and|so)\W*)(?:do not|don['’]t|do n['’]t|never)\s*$", doc[max(0, pred.i - 4):pred.i].text, _I):
                continue  # "Please don't share your details here": an instruction, not a no
            if re.search(r"\b(?:if|when|in case|unless|whether)\s+(?:you|u|it|we|they|that|this)\s*$", text[:m.start()], _I):
                continue  # "If you can't find it, ..."
            if pred.lemma_.lower() == "seem":  # "we can't seem to get enough of you"
                pred = next((c for c in pred.children if c.dep_ == "xcomp"), pred)
            if not _refusal_verb(pred):
                continue
            if pred.lemma_.lower() in _IDIOMS and not _idiom_is_refusal(pred):
                continue
            if _in_condition(pred) or _is_question(pred):
                continue
            subj = _subject(pred)
            if subj is not None and subj.lower_ in ("you", "u", "your") or (subj is not None and any(c.lower_ in ("your", "you") for c in subj.children if c.dep_ == "poss")):
                if _echo(pred) or pred.lemma_.lower() not in _PERMISSION and not re.search(
                        r"\b(?:afraid|unfortunately|regret|policy|once|after|only|no longer|not allowed|won[’']?t be able)\b", text, _I):
                    continue
            elif _echo(pred, perception_only=True) and subj is not None and subj.lower_ not in ("we", "i"):
                continue  # "sorry to hear the app isn't available to you" echoes; "Nope, can't do that, sorry" doesn't
            if _past(pred):
                continue  # "I was unable to reach you": a report of what happened, not a no
            if _hypothetical(pred):
                continue  # "If you have 10,000 songs, you won't be able to add more" states a limit, it doesn't refuse a request
            lookup = pred.lemma_.lower() in _LOOKUP
            return (*self._clause_span(doc, pred, base, off, off + len(m.group())), s, lookup,
                    (s.start + m.start(), s.start + m.end()))
        return None

    @staticmethod
    def _clause_span(doc: "Doc", pred: "Token", base: int, cue_start: int, cue_end: int) -> tuple[int, int]:
        drop = {"conj", "cc", "punct", "advcl", "parataxis", "intj", "mark", "dep", "npadvmod"}
        # "The app isn't AVAILABLE": the clause is the copula's, subject included
        while pred.dep_ in ("acomp", "attr", "xcomp") and pred.head.i != pred.i and pred.head.i < pred.i:
            pred = pred.head
        keep = [pred]
        for c in pred.children:
            if c.dep_ in drop:
                continue
            if c.dep_ == "advmod" and c.i < pred.i and c.lower_ in ("unfortunately", "sadly", "honestly", "currently", "just", "so"):
                continue
            if c.lower_ in ("sorry", "apologies", "unfortunately", "sadly"):
                continue  # the apology beside the no is not part of it
            if c.i > pred.i and c.lower_ in ("due", "because", "since", "as", "given", "owing"):
                continue  # the reason is not part of the no
            keep.extend(c.subtree)
        keep = [t for t in keep if not (t.is_punct and t.i in (min(k.i for k in keep), max(k.i for k in keep)))] or [pred]
        lo = min(keep, key=lambda t: t.i)
        hi = max(keep, key=lambda t: t.i)
        start = min(lo.idx, cue_start)
        end = max(hi.idx + len(hi), cue_end)
        text = doc.text
        while end > start and text[end - 1] in " ,;:.!":
            end -= 1
        while start < end and text[start] in " ,;:":
            start += 1
        return base + start, base + end


def _refusal_predicate(doc: "Doc", tok: "Token") -> "Token | None":
    """The verb or adjective our no is about ("ship" in "we can't ship", "available" in "isn't available")."""
    window = doc[tok.i: min(len(doc), tok.i + 6)]
    for t in window:
        low = t.lower_
        if low in ("unable", "impossible", "possible", "available", "allowed", "permitted", "supported", "offered", "eligible",
                   "refundable", "able", "position", "authorized", "option", "exist"):
            # "unable to ship": the verb after "to" is the action refused
            for c in t.children:
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                    return c if low in ("unable", "able") else t
            return t
        if low == "nothing":
            for c in t.children:
                if c.dep_ == "relcl":
                    return c
            return t.head
        if low == "way":
            return t
        if t.pos_ in ("VERB",) or (t.pos_ == "AUX" and t.lemma_ == "do" and t.dep_ == "ROOT"):
            if any(c.dep_ == "neg" for c in t.children) or low in ("support", "offer", "allow") or any(
                    a.lower_ in ("ca", "can", "cannot") for a in t.children):
                return t
    head = tok.head
    if any(c.dep_ == "neg" for c in head.children):
        return head
    return None


_PASSIVE_OK = _PERMISSION | {
    "do", "send", "process", "issue", "make", "waive", "extend", "accommodate", "grant", "approve", "honor", "honour",
    "accept", "deliver", "ship", "reverse", "reinstate", "recover", "restore", "retrieve", "undo", "reactivate", "unlock",
    "release", "offer", "provide", "allow", "permit", "support", "arrange", "guarantee", "replace", "repair", "fix", "reset",
    "delete", "merge", "link", "unlink", "verify", "change", "update", "reprint", "resend", "reissue", "print", "match"}


def _past(pred: "Token") -> bool:
    """Is the no in the past tense ("I was unable to", "we couldn't", "it wasn't possible")?"""
    cur = pred
    for _ in range(3):
        auxes = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "VBD" or a.lower_ in ("could", "did", "was", "were", "had") for a in auxes):
            return True
        if cur.tag_ == "VBD" and cur.lemma_.lower() in ("be", "do"):
            return True
        if cur.dep_ in ("xcomp", "acomp", "attr") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return False


def _hypothetical(pred: "Token") -> bool:
    cur = pred
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _refusal_verb(pred: "Token") -> bool:
    """Rule out what only looks like a no: idioms, relative clauses, passives that aren't about a request."""
    lemma = pred.lemma_.lower()
    objs = {c.lemma_.lower() for c in pred.children if c.dep_ in ("dobj", "attr", "prt", "acomp", "advmod")}
    if lemma in ("think", "seem") or objs & {"promise", "guarantee", "secret", "enough", "wait"}:
        return False
    if pred.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that", "which") for c in pred.children):
        return False
    passive = any(c.dep_ == "auxpass" for c in pred.children)
    if passive and pred.pos_ == "VERB" and lemma not in _PASSIVE_OK:
        return False
    return True


def _idiom_is_refusal(pred: "Token") -> bool:
    """'can't help WITH that' and 'can't get it to work' are a no; 'can't help but' and 'can't wait' are not."""
    lemma = pred.lemma_.lower()
    if lemma == "help":
        return any(c.dep_ in ("prep", "dobj") and c.lower_ in ("with", "you", "this", "that", "it") for c in pred.children) and not any(
            c.lower_ == "but" for c in pred.children)
    if lemma == "get":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in ("refund", "credit", "replacement", "discount") for c in pred.children)
    if lemma == "go":
        return not any(c.lower_ in ("wrong",) for c in pred.subtree)
    return False


def _echo(pred: "Token", perception_only: bool = False) -> bool:
    heads = {"hear", "see", "notice", "seem", "look", "sound", "appear", "learn", "read"} if perception_only else _ECHO_HEADS
    node = pred
    while node.head.i != node.i:
        if node.dep_ == "conj":
            return False  # "I looked into it, and I'm afraid X isn't an option": a new clause, not an echo
        node = node.head
        if (node.lemma_.lower() in heads or node.lower_ in heads) and not (
                node.lemma_.lower() == "look" and any(c.dep_ == "prep" and c.lower_ in ("into", "at") for c in node.children)):
            return True
    return False


def _is_question(pred: "Token") -> bool:
    sent_text = pred.doc.text.rstrip()
    return sent_text.endswith("?") or (pred.i > 0 and pred.doc[0].tag_ in ("MD", "VBZ", "VBP") and pred.doc[0].dep_ == "aux")


def _strip_regions(analysis: "Analysis", start: int, end: int) -> str:
    text = analysis.text
    out, pos = [], start
    for r in sorted(analysis.source.regions, key=lambda r: r.start):
        if r.kind not in ("url", "email", "handle", "hashtag") or r.end <= start or r.start >= end:
            continue
        out.append(text[pos:max(pos, r.start)])
        if r.kind in ("url", "email"):
            out.append(" LINK ")
        pos = max(pos, r.end)
    out.append(text[pos:end])
    return "".join(out).replace("’", "'").replace("‘", "'")


# The customer asked for something we might say no to.
_REQUEST = re.compile(
    r"\b(?:can|could|would|will|may|cn|pls|plz|please|pleasee?)\b(?: (?:i|you|we|u|ya|y'all|they|it|this|my|the))?"
    r"|(?<!what )(?<!which )(?<!where )(?<!who )(?<!how )(?<!when )(?<!why )(?<!what's )"
    r"\b(?:do|does|did|is|are|will|would|can|could)(?:n't)? (?:you|u|y'all|ya|it|this|that|they|there|the \w+|your \w+)\b|\bis (?:it|there) (?:possible|a way|any ?way|an option)|\b(?:do|does|will) (?:you|u|y'all|it|this|the \w+) (?:support|offer|ship|have|sell|accept|allow|deliver|carry|do|work|take|let|cover|refund|give|provide|open|stock)"
    r"|\bhow (?:do|can|would) (?:i|we)\b|\bi(?:'d| would) (?:like|love)|\bi (?:want|need|wish|wanna|was hoping|am trying|'m trying|tried)\b|\bwhy (?:can't|cannot|can i not|won't|isn't|aren't|don't|doesn't|is|are|do|does|did)\b"
    r"|\bwhen (?:will|are|is|can|do|does)\b|\bany (?:way|chance|option)|\bhelp\b|\brefund|\bcancel|\bchange|\bbring (?:it )?back|\badd\b|\bswap|\bexchange|\breturn|\bupgrade|\btransfer"
    r"|\bmove|\bship|\bdeliver|\bunable|\bcan[’']?t\b|\bcannot\b|\bwon[’']?t\b|\bnot (?:working|able|allowed|available)|\bplan to|\bgoing to|\bhoping",
    _I,
)
_REASON = re.compile(
    r"\b(?:because|cause|since (?!yesterday|today|tonight|last|then|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|early|late|the (?:start|beginning|update|last))\w+|as (?:we|it|the|this|our|they|there|your|you|these|those)\b|due to|the reason|that's why"
    r"|as (?!per\b|advised\b|well\b|soon\b|always\b|usual\b|of\b|mentioned\b|such\b|a\b|an\b|far\b|long\b|much\b|many\b)[\w’'/-]+(?: [\w’'/-]+){0,3} (?:is|are|was|were|has|have|can|cannot|can't|will|do|does|don't|doesn't|only|means)\b"
    r"|for (?:security|safety|privacy|legal|licensing|compliance) (?:reasons|purposes)|for (?:the )?(?:protection|security|safety) of"
    r"|(?:important|necessary|required) (?:that|to|for)\b"
    r"|therefore|thus|hence|so that(?! (?:won|will not|wo|isn|is not|can|cannot|does|doesn|wouldn))|(?:this|that)(?:'s| is) why|already|(?:in order )?to (?:keep|protect|ensure|prevent|comply)|for (?:your|their|our) (?:safety|security|protection|privacy)"
    r"|for (?:security|safety|privacy|legal|licensing) reasons|licensing|regulations?|regulatory|the law|legally|rights holders?)\b",
    _I,
)


# Stage one drops what is plainly not a no before the parser sees it.
_NOT_A_NO = re.compile(
    r"(?:can[’']?t|cannot|can not) (?:wait|thank|believe|beat|stop|get enough|imagine|think|go wrong|help but|resist|seem to get enough|agree more|stress)"
    r"|\b(?:if|when|in case|unless|whether) (?:you|u|it|we|they|that|this) (?:can[’']?t|cannot|can not|are(?:n't| not) able|'re not able|are unable)",
    _I,
)


def _first_refusal_cue(text: str) -> "re.Match[str] | None":
    for m in _REFUSAL.finditer(text):
        window = text[max(0, m.start() - 20):m.end() + 20]
        if _NOT_A_NO.search(window):
            continue
        if re.search(r"\b(?:due to|because(?: of)?|owing to)\b[^.,;!?]{0,40}$", text[:m.start()], _I):
            continue  # "a charge due to previous meals not available": part of a reason, not a no
        if re.search(r"\b(?:(?:possible|likely|probable|may be|might be|could be|seems?|appears?|looks like) that|maybe|perhaps|probably)\b[^.!?]{0,60}$", text[:m.start()], _I):
            continue  # "it's possible that some tracks aren't available": an explanation, not a no
        return m
    return None


# "..., but <a real clause>": an alternative, unless the clause only thanks, sympathises or files feedback.
_AFTER_BUT = re.compile(
    r"\b(?:but|however|though|although|that said)\b[,\s]+(?!.*\b(?:pass(?:ed|ing)?(?= (?:(?:it|this|that|them|these|those|your \w+) )?(?:on|along|back|to)\b)|shar(?:e|ed|ing)|forward|feedback|noted|appreciate|see how|understand|hear|know how|sorry|apologi\w+|thanks?|thank you"
    r"|excited|hope|hopefully|test(?:ing)? things|always|working on|look(?:ing)? into|let (?:\w+ ){1,3}know|(?:the )?(?:right|relevant) (?:team|folks|people)|keep (?:it|this|that) in mind|consider)\b)"
    r"(?=(?:\S+\s+){2,})\S.{10,}",
    _I,
)
_ALT_STATEMENT = re.compile(
    r"\bonly\b[^.!?]{1,40}\b(?:(?:is|are|can be|will be|may be)\s+\w+|possible|available|allowed|permitted|accepted|eligible)\b"
    r"|\b(?:is|are|has been|have been|will be|can be)\s+(?:offered|issued|provided|credited|refunded|arranged|waived|given|sent|resent|emailed|processed"
    r"|updated|changed|cancell?ed|rebooked|reissued|approved|applied|added|restored|replaced|extended)\b"
    r"|\b(?:we|i)(?: can| could| may| will)? only (?!pass|share|forward|note)\w+|[,;]\s*only\s+\w+|^only\s+\w+"
    r"|\b(?:until|unless|as soon as|after) (?:you|your|we|the|it)\b"
    r"|\b(?:needs?|has|have) to be\b|\bmust be\b|\bonly (?:possible|available|allowed|supported|offered) (?:on|in|with|for|via|through|from|at|by|using)\b",
    _I,
)


def _way_forward(text: str, link: bool, but: bool = True) -> bool:
    """A workaround, an alternative, a next step, a question back, or a link."""
    if "nything else" in text:
        text = CLOSER.sub(" ", text)
        if not re.search(r"\w", text):
            return False
    if link or "LINK" in text:
        return True
    if (but and _AFTER_BUT.search(text)) or _ALT_STATEMENT.search(text):
        return True
    if _IMPERATIVE_MID.search(text):
        return True
    if _NEXT_STEP.search(text) and not re.fullmatch(r"\W*(?:because|due to)\b.*", text, _I):
        # "because" alone is a reason, not a step (it's handled as an honest reason)
        m = _NEXT_STEP.search(text)
        while m is not None:
            if not re.match(r"because|due to|as a result|for (?:security|safety|privacy|legal|licensing)|(?:yes|yep|yeah|no|sure thing|absolutely),", m.group(), _I):
                return True
            m = _NEXT_STEP.search(text, m.end())
    if _IMPERATIVE.match(text.strip()):
        return True
    if text.rstrip().endswith("?") and not re.search(
            r"\b(?:anything else|how (?:else )?(?:can|may|could) (?:we|i) (?:help|assist)|what (?:else )?can (?:we|i) (?:help|do for you)|(?:any|other|more) questions)\b", text, _I):
        return True
    if re.search(r"\b\d{3}[-. )]\d{3}[-. ]\d{4}\b|\b1-?8\d\d\b", text):
        return True
    return False
