"""helpful — move the customer toward the result they want.

What a reply *does* is not in any one phrase, so these rules read structure:

* HLP001 and HLP002 are two-stage: a cheap regex picks the few sentences that
  might promise a fix date or say no, and only those reach spaCy's parser,
  which settles tense, negation, the subject and whether the clause is a
  condition ("if it isn't fixed by Friday") or an echo of the customer's
  problem ("sorry to hear you can't log in"). HLP002 checks its cheap second
  cue first: a reply that offers any way forward never reaches the parser.
* HLP003 and HLP005 judge the reply as a whole: every sentence is sorted into
  filler (thanks, apologies, sign-offs), deflection, vague talk or substance,
  and a finding needs the deflection or the vagueness to be ALL the substance.
* HLP004 reads Context.customer_message: asking the customer to describe the
  problem again is only wrong when they already did.

A trigger word alone is never a finding: a warning needs a second cue (a no AND
no next step anywhere in the reply; a deflection AND nothing else said).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..findings import Severity
from ..rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..nlp import Analysis

_I = re.IGNORECASE

# --------------------------------------------------------------------------- the reply, sentence by sentence

# Tweet signatures and thread markers: "^JS", "/CB", "-Miza", "~ Ann", "- Mike.", "1/2", "1:".
_SIGNATURE = re.compile(r"(?:\s*(?:[\^/~*]|\s-|-(?=[A-Z]))\s*[A-Z][A-Za-z]{0,11}\.?\s*$)|(?:\s+\^\w{1,4}\s*$)")
_THREAD = re.compile(r"^\s*\(?\d{1,2}(?:/\d{1,2})?[:)]\s*|\s*\(?\d{1,2}/\d{1,2}\)?\s*$")
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200d]+")


@dataclass
class Sentence:
    start: int
    end: int
    raw: str      # the sentence as written (clean text)
    text: str     # handles, emoji and signatures removed; links as "LINK"
    role: str     # "body", "greeting" or "signoff"
    link: bool


def sentences(analysis: "Analysis") -> list[Sentence]:
    """Body sentences of the reply, with handles and tweet signatures stripped (built once per reply)."""
    return _cached(analysis, "sentences", lambda: _sentences(analysis))


def kinds(analysis: "Analysis") -> list[str]:
    """classify() of every sentence (built once per reply)."""
    return _cached(analysis, "kinds", lambda: [classify(s) for s in sentences(analysis)])


def _sentences(analysis: "Analysis") -> list[Sentence]:
    src = analysis.source
    text = analysis.text
    quotes = [(r.start, r.end) for r in src.regions_of("quote", "code")]
    greet = [(r.start, r.end) for r in src.regions_of("greeting")]
    sign = [(r.start, r.end) for r in src.regions_of("signoff")]
    cut = sorted((r.start, r.end, r.kind) for r in src.regions_of("url", "email", "handle", "hashtag", "thread_marker"))
    out: list[Sentence] = []
    for sent in analysis.doc.sents:
        s, e = sent.start_char, sent.end_char
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s or any(a <= s and e <= b for a, b in quotes):
            continue
        pieces, pos, link = [], s, False
        for a, b, kind in cut:
            if b <= s or a >= e:
                continue
            pieces.append(text[pos:max(a, pos)])
            if kind in ("url", "email"):
                pieces.append(" LINK ")
                link = True
            pos = max(pos, min(b, e))
        pieces.append(text[pos:e])
        clean = _EMOJI.sub(" ", "".join(pieces)).replace("’", "'").replace("‘", "'")
        clean = _THREAD.sub(" ", clean)
        clean = _SIGNATURE.sub("", clean)
        clean = re.sub(r"\s+", " ", clean).strip(" ,:;-")
        role = "body"
        if any(a <= s < b and e - b <= 20 for a, b in greet):
            role = "greeting"  # "Hi Priya!" alone; "Hi Priya, that's not possible in the app." is the answer
        elif any(a <= s < b for a, b in sign):
            role = "signoff"
        out.append(Sentence(s, e, text[s:e], clean, role, link))
    return out


def _cached(analysis: "Analysis", key: str, build):  # type: ignore[no-untyped-def]
    """Per-reply memo shared by the helpful rules (they all read the same sentences)."""
    key = f"helpful:{key}"
    if key not in analysis.cache:
        analysis.cache[key] = build()
    return analysis.cache[key]


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


# --------------------------------------------------------------------------- what a sentence does

# Pleasantries that carry no answer.
_FILLER = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening))\b[^.!?]{0,30}"
    r"|(?:oh )?(?:no|yay|wow|woo+|aw+|oh+|ah+|hmm+|um+|ok(?:ay)?|alright|got it|gotcha|understood|sure|of course|absolutely|definitely|totally|indeed)"
    r"|(?:and )?(?:many )?(?:thanks|thank you|thx|ty)\b[^.!?]{0,80}"
    r"|(?:we|i) (?:really |truly |do |so |greatly )?appreciate\b[^.!?]{0,60}"
    r"|(?:we(?:'re| are)|i(?:'m| am)) (?:so |very |really |truly |terribly |deeply )?(?:sorry|glad|happy|thrilled|excited|delighted)\b[^.!?]{0,80}"
    r"|(?:so |very |really |truly )?sorry\b[^.!?]{0,80}|(?:my |our )?(?:sincere |deepest )?apologies\b[^.!?]{0,60}"
    r"|(?:we|i) (?:sincerely |truly |do )?apologi[sz]e\b[^.!?]{0,80}"
    r"|(?:we|i) (?:really |truly )?(?:hate|regret) (?:to hear|hearing|that)\b[^.!?]{0,60}"
    r"|(?:that|this|it)(?: is|'s| sounds| does sound| must be) (?:so |really |very |super |definitely )?(?:frustrating|annoying|disappointing|not (?:good|ideal|great|what we want)|great|awesome|amazing|fantastic|wonderful|cool|exciting|a great (?:idea|question|suggestion))\b[^.!?]{0,40}"
    r"|(?:great|good|excellent|fair|interesting) (?:question|idea|point|suggestion|catch|news)"
    r"|(?:love|loving) (?:this|that|it|the|your)(?: (?:idea|suggestion|request|thought))?|(?:love|loving) to hear it"
    r"|(?:we|i) (?:love|loved) (?:this|that|it|hearing|to hear|the idea|your)\b[^.!?]{0,40}"
    r"|(?:happy|glad) to (?:help|hear|assist)\b[^.!?]{0,40}|you(?:'re| are) (?:very |most )?welcome\b[^.!?]{0,30}"
    r"|(?:i |we )?hope (?:this|that) helps\b[^.!?]{0,30}|(?:i |we )?hope you\b[^.!?]{0,50}"
    r"|(?:please )?(?:let (?:me|us) know|feel free to (?:reach out|ask|let us know|contact us)|(?:do not|don't) hesitate)\b[^.!?]{0,30}"
    r"(?:\b(?:any|other|more|further|else|anything|questions?|help)\b)[^.!?]{0,40}"
    r"|(?:is there )?anything else\b[^.!?]{0,40}|(?:have|enjoy) a (?:great|good|nice|lovely|wonderful|fantastic|awesome) \w+\b[^.!?]{0,20}"
    r"|take care|stay safe|talk soon|cheers|best|all the best|no (?:problem|worries)|any ?time|kind regards|regards|sincerely"
    r"|(?:thanks|thank you) for (?:your|the) (?:patience|understanding)\b[^.!?]{0,30}"
    r"|(?:we(?:'re| are)|i(?:'m| am)) here (?:for you|to help)\b[^.!?]{0,30}"
    r")(?:,\s*(?-i:[A-Z][a-z]+))?[\s.!?,:;)(]*$",  # "Love this idea, Tyrone!"
    _I,
)

# Deflections: pointing the customer somewhere else for the answer.
_DEFLECT = {
    "watch": re.compile(
        r"(?<!we'll )(?<!we will )(?<!i'll )(?<!i will )\b(?:keep (?:an |your )?eyes? (?:on|out)|keep (?:checking|watching)|watch (?:this space|for|our|out for)|check back\b"
        r"|stay tuned|follow (?:along|us|our \w+)\b[^.!?]{0,40}\b(?:updates?|news|the latest|announcements?|info)"
        r"|follow (?:along|us) (?:here|on)|^(?:please )?follow (?:\w+ )?for (?:the latest|updates|news|more)|(?:we(?:'ll| will)|i(?:'ll| will)) (?:post|share|announce|tweet|publish) (?:any )?(?:updates?|news|more|the latest|it|details)\b"
        r"|(?:updates?|news|announcements?|alerts|more info(?:rmation)?)\b[^.!?]{0,40}?\b(?:will be|are(?: all)?|get) (?:posted|shared|announced|available|published) (?:on|here|via|at|in)\b"
        r"|^(?:(?:hi|hey|hello)(?: [A-Z][\w-]*)?[,!]?\s+)?(?:please |you can |feel free to )?(?:check|see|visit|view|follow|monitor|track|watch|head to|go to)\s+(?:(?:the |our )?(?:live |latest )?(?:updates?|news|progress) (?:on|at|via) )?"
        r"(?:our|the) (?:service )?(?:status (?:page|site)|outage map|announcements? (?:page|channel)|discord(?: (?:server|channel))?)\b"
        r"|(?:we(?:'ll| will)) (?:let|tell|notify|update) (?:everyone|all|our (?:customers|users|community|fans))\b"
        r"|(?:status page|our (?:blog|twitter|social|feed|channels?|newsletter|website|site|page))\b[^.!?]{0,30}\b(?:updates?|latest|news)\b"
        r"|\bfollow\b[^.!?]{0,40}\bfirst to (?:know|hear)\b"
        r"|^(?:please )?(?:check|see|visit|watch|keep an eye on) LINK\b[^.!?]{0,25}\b(?:updates?|latest|news|status)\b"
        r"|\b(?:updates?|progress|news)\b[^.!?]{0,40}\b(?:posted|shared)\b[^.!?]{0,60}\b(?:best place to (?:look|check)|(?:encourage|recommend|suggest) "
        r"(?:you )?(?:to )?check(?:ing)? (?:it |them |back )?regularly)\b)",
        _I),
    "feedback": re.compile(
        r"\b(?:(?:i|we)(?:'ll| will|'ve| have| can| shall|'d| would)?(?: be)?(?: sure to| definitely| certainly| happily| gladly)? "
        r"(?:pass(?:ed|ing)?|shar(?:e|ed|ing)|forward(?:ed|ing)?|sen[dt](?:ing)?|relay(?:ed|ing)?|feed(?:ing)?|br(?:ing|ought)|fe(?:e)?d|log(?:ged)?|not(?:e|ed)|record(?:ed)?|flag(?:ged)?|rais(?:e|ed))"
        r"(?: (?:it|this|that|these|them|your (?:\w+ )?(?:feedback|suggestions?|ideas?|requests?|comments?|thoughts|vote|concerns?)))?"
        r"(?: (?:on|along|back|over|up|onto|internally))?(?: (?:to|with|onto))? (?:(?:the|our|my|its|relevant|right|appropriate|proper|concerned) )*(?:[\w-]+ ){0,2}"
        r"(?:team|teams|folks|people|devs?|developers?|engineers?|engineering|department|product|designers?|leadership|management|managers?|head office|branch|store|crew|staff|colleagues|powers that be|decision.makers|(?:who|that) (?:decide|make|build|work))\b"
        r"|(?:your )?(?:feedback|suggestions?|ideas?|requests?|comments?|thoughts|vote)\b[^.!?]{0,20}\b(?:has|have|will|'ll|is|are) (?:been |be )?(?:passed|shared|forwarded|sent|noted|logged|recorded|added|taken)\b"
        r"|(?:we(?:'ll| will)|i(?:'ll| will)) (?:take (?:it|this|that|your \w+) into (?:account|consideration)|keep (?:it|this|that|your \w+|them) in mind)"
        r"|(?:we|i)(?:'ll| will|'ve| have|'d| would)?(?: be sure to| definitely| also)? (?:"
        r"(?:let|made sure|make sure|ensure|ensured) (?:the|our|my) (?:\w+ )?(?:team|folks|devs|developers|engineers|people|designers|product \w+) (?:know|knows|hear|hears|see|sees|get|gets|is aware)\b"
        r"|(?:tell|told) (?:the|our|my) (?:\w+ )?(?:team|folks|devs|developers|engineers|people|designers|product \w+)\b(?! to\b))"
        r"|(?:on|to) (?:the|our) (?:roadmap|wish ?list|list of (?:ideas|requests|suggestions))\b"
        r"|\bpass(?:ed|ing)? (?:this|it|that) (?:along|on) as feedback\b"
        # "We'll make sure it lands in front of the right people"; "your request … reaches the people who plan our stock"
        r"|\b(?:make sure|ensure) (?:it|this|that|your (?:\w+ ){0,4}?(?:request|idea|suggestion|feedback|note|vote))(?: \w+){0,3}? "
        r"(?:lands?|gets?|goes|reaches|ends? up) (?:in front of |to |with )?(?:the )?(?:right |relevant |appropriate )?(?:people|folks|team|teams)\b"
        r"|^(?:duly )?noted\b|(?:we|i)(?:'ve| have) (?:duly )?noted (?:it|this|that|your)\b)",
        _I),
    "elsewhere": re.compile(
        r"\b(?:(?:you(?:'ll| will)?|you'd) (?:have|need) to (?:contact|call|reach out to|speak (?:to|with)|talk to|ask|check with|get in touch with) (?:the|your|them)\b"
        r"|(?:that's|that is|it's|it is|this is) (?:really |entirely |all )?(?:up to|down to|handled by|a matter for|something for|a question for) (?:the|your) (?:carrier|courier|bank|card issuer|manufacturer|retailer|seller|store|provider|merchant|developer|publisher|airline|post office|isp)\b"
        r"|(?:(?:i|we)(?:'d| would)? (?:recommend|suggest|advise) |(?:please |best to |you(?:'d| would)? (?:be best|want) to )?)(?:contact(?:ing)?|call(?:ing)?|reach(?:ing)? out to|check(?:ing)? with|get(?:ting)? in touch with|speak(?:ing)? (?:to|with)|talk(?:ing)? to) (?:the|your) (?:carrier|courier|bank|card issuer|manufacturer|retailer|seller|store|provider|merchant|developer|publisher|airline|post office|isp)\b[^.!?]{0,25}[.!]*$)",
        _I),
    "helpcenter": re.compile(
        r"\b(?:(?:you can|you'll|you will|you may) find (?:that|this|it|lots|plenty|more|all|everything|answers?|info(?:rmation)?|helpful|the answer)\b[^.!?]{0,40}\b(?:help ?cent(?:er|re)|faq|knowledge ?base|support (?:page|site|site)|website|our site|help (?:page|site|section|articles?))"
        r"|(?:check(?: out)?|see|visit|take a look at|browse|look at|head to|go to|refer to|read|look through) (?:our|the) (?:faq|help ?cent(?:er|re)|knowledge ?base|support (?:page|site)|help (?:page|site|section))(?:\s+(?:at|here|for (?:more|lots|answers|info)))?[\s:]*(?:LINK)?[\s.!]*$"
        r"|^(?:our|the) (?:faq|help ?cent(?:er|re)|knowledge ?base|support (?:page|site)|help (?:page|site|section))(?: page)? (?:has|covers|explains|lists|goes over|answers)\b"
        r"|\b(?:faq|help ?cent(?:er|re)|knowledge ?base|status (?:page|site)|LINK|forum|community)\b[^.!?]{0,80}\b(?:that's|that is|it's|it is) the (?:best|right|easiest) place to (?:follow along|keep up|stay (?:updated|up to date)|check|look|start)\b)",
        _I),
}

# Stage one for the whole reply: cheap words every deflection contains.
_DEFLECT_ANY = (re.compile(
    r"\b(?:eye|eyes|checking|watching|watch|check|tuned|follow|post|share|shared|sharing|announce|updates?|news|latest|status"
    r"|pass|passed|passing|forward\w*|relay\w*|feed|log|logged|note|noted|record\w*|flag\w*|rais\w*|sent|send|brought|bring"
    r"|feedback|suggestions?|ideas?|requests?|comments?|thoughts|consideration|mind|roadmap|wish ?list|know|hears?"
    r"|contact\w*|call\w*|reach\w*|touch|speak\w*|talk\w*|find|faq|help ?cent(?:er|re)|knowledge|website|site|visit|browse|refer"
    r"|bank|carrier|courier|manufacturer|retailer|seller|provider|merchant|publisher|airline|isp|up to|down to|first|lands?|reaches)\b", _I),)


# The reply answers praise ("we're glad you like it!"): passing it on is all it needs.
_THANKS_FOR_PRAISE = re.compile(
    r"\b(?:glad|happy|thrilled|stoked|delighted) (?:that )?(?:you(?:'re| are)?|to hear you(?:'re| are)?) (?:like|love|enjoy)\w*"
    r"|\bthanks? (?:you )?(?:so much )?for the (?:kind words|love|shout-?out|compliments?|praise)\b", _I)
_NO_NEWS = re.compile(
    r"\b(?:(?:don't|do not|doesn't|haven't|have not) (?:\w+ )?(?:have|got|share)|(?:no|any) (?:more )?(?:info(?:rmation)?|news|updates?|details|timeline|eta|date|word)"
    r"|nothing (?:new )?to (?:share|report|announce)|soon|shortly|in the works|on the way|stay tuned|watch this space)\b",
    _I,
)


# Talk that sounds like an answer and isn't one.
_VAGUE = re.compile(
    r"\b(?:(?:can|may|might|will|do(?:es)?|often|tend to) (?:vary|differ|depend)|vary (?:depending|based|from)|depends? (?:on|a lot)|it depends"
    r"|(?:a (?:little|bit|tad)|bit|somewhat|quite|pretty|rather|super|kind of|sort of) (?:tricky|complicated|complex|confusing)"
    r"|(?:that's|that is|it's|it is) (?:a )?(?:tricky|tough|hard|difficult|complicated) (?:one|question|to answer)"
    r"|(?:i(?:'m| am)|we(?:'re| are)) (?:\w+ly )?(?:not (?:quite |totally |entirely |100% )?sure|unsure)|^(?:\W*(?:hmm+|um+|well|honestly|oh|sorry)\W*)*not (?:\w+ )?sure\b|(?:i|we) (?:don't|do not) (?:really )?know\b(?! (?:what|who|which|how|where|why|whether)\b)|no idea\b|hard to (?:say|tell)|difficult to say"
    r"|looking into (?:a (?:few|couple(?: of)?)|some|several|various|multiple|a number of) (?:things|options|possibilities|avenues)"
    r"|(?:we|i)(?:'ll| will) (?:look into|check(?: on| into)?|investigate|find out)(?: (?:it|this|that|things))?(?: for you)? and (?:get back|follow up|circle back|be in touch|let you know)"
    r"|(?:we|i)(?:'ll| will) (?:get back to you|circle back|be in touch|follow up)(?: (?:soon|shortly|asap|later))?\s*[.!]*$"
    r"|(?:a lot of|lots of|many|several|various|a number of|so many) (?:variables|factors|moving parts|things) (?:involved|to consider|at play|that (?:affect|go into|matter))"
    r"|lots of (?:factors|things|reasons)|(?:a )?(?:number|variety) of (?:factors|reasons)|all sorts of)",
    _I,
)

# Cues that the reply DOES something: a step, an action taken, a question back, a link.
_NEXT_STEP = re.compile(
    r"\b(?:instead|alternatively|in the meantime|meanwhile|for now|until then|until (?:it|that|this|we)|workaround|work-around|work around"
    r"|here(?:'s| is) (?:how|what|a|the|an)|what (?:i|we) can do|(?:the )?(?:best|easiest|quickest|fastest) (?:way|option|bet)|one option|another option|other options?"
    r"|(?:you|u)(?: can| could| may| might| still can| can still| can always| should be able to|'ll be able to| will be able to|'re able to| are able to| are welcome to"
    r"|'re welcome to| just need to|'ll need to| will need to| need to| have the option| can also| could also| might want to| may want to| want to)\b(?! not\b)"
    r"|(?:i|we)(?: can| could|'d be happy to| would be happy to|'m happy to|'re happy to| am happy to| are happy to|'d love to| would love to"
    r"|'ll| will| am going to| are going to|'m going to|'re going to| can also| could also)(?: (?:also|gladly|happily|personally|definitely|now|then|just|still|\w+ly))?"
    r" (?:send|issue|refund|credit|set|add|help|arrange|offer|give|email|e-mail|call|ship|process|book|reserve|order|create|make|get|switch|swap|move|change"
    r"|update your|reach out to you|follow up with you|contact you|escalate|waive|apply|extend|cover|replace|reissue|transfer|upgrade|walk|show|put|hold|notify|text|message|dm"
    r"|look (?:into|at) (?:your|the|this|that|it)|check (?:your|the|on|with|into)|cancel|remove|reset|restore|fix|open|start|raise|request|file|submit|investigate|confirm|verify|sort|take care|handle|see what)\b"
    r"|(?:i|we)(?:'ve| have)(?: just| already| now| gone ahead and| also)? (?!(?:been|had|passed|shared|forwarded|noted|logged|recorded|received|seen|heard|checked|looked|tried|got|gotten)\b)(?:[a-z]+ed|sent|made|put|set|given|done|built|left|run|taken|found|written|sorted|brought|got you|spoken|told|paid|kept)\b"
    r"|(?:i|we)(?:'m| am|'re| are) (?:now |also |going to )?(?:transferring|connecting|sending|forwarding you|getting|setting|adding|issuing|refunding|crediting|booking|arranging|escalating|reaching out|following up|looking into (?:your|this|it|that)|checking (?:on|with|your)|replacing|reissuing|waiving|extending|upgrading|processing)\b"
    r"|(?:i|we)(?:'ll| will) (?:transfer|connect|escalate)\b"
    r"|\b(?:they|he|she|someone|somebody|[A-Z][a-z]+)(?: will|'ll) (?:contact|call|email|e-mail|reach out|get in touch|be in touch|follow up|send|help|sort|take care|reply|respond|get back|arrange|handle|fix"
    r"|correct|update|adjust|reissue|process|refund|credit|apply|change|approve)\b"
    r"|\b(?:can|will|'ll) (?:tell|show) you (?:where|when|how|what|if|whether|which)\b"
    r"|\b(?:shows?|lists?|has) (?:the |your )?(?:live |current |latest |real-time )?(?:status|details|tracking|progress)\b"
    r"|\bwhat (?:works|helps|satisfies|most (?:people|customers|teams) do)\b"
    r"|(?:i|we)(?:'d| would|'ll| will)? (?:be (?:happy|glad|more than happy|delighted) to|love to) (?!pass|share|forward)\w+"
    r"|(?:i|we)(?:'d| would)(?: still| also| really)? (?:like|love|want) to (?:help|assist|take a (?:closer )?look|look into|check|see|work|find|get|make|sort|fix|try)\b"
    r"|(?:i|we)(?:'d| would| do)? (?:suggest|recommend|advise|encourage|invite)\b|(?:my|our) (?:suggestion|recommendation|advice) (?:is|would be)"
    r"|you(?:'d| would|'ll| will)? (?:be able to|have to|need to|want to)\b|be sure to|make sure (?:to|you)|you(?:'re| are|'d be| would be) (?:best|better)(?: off)? \w+"
    r"|^(?:just|simply)\s+(?!wanted|to\b|a\b|so\b|the\b|in\b|like\b|checking|letting|thought)[a-z]{3,}\b"
    r"|\b(?:please|kindly|pls)\s+(?!(?:note|be (?:advised|informed|inform)|accept|understand|bear with|allow us|do not|don't|excuse)\b)(?:do |go ahead and |just |feel free to )?[a-z]{3,}\b"
    r"|let (?:me|us) know (?:if|whether|how) (?:the|these|those|that|this|it|they) (?:\w+ ){0,2}(?:helps?|works?|went|goes|fix\w*|solves?|sorts?)\b"
    r"|let (?:me|us) (?!know if\b)(?:know (?:your|the|which|what|when|where|how|if (?:you(?:'d| would) like|that|it|this))|\w+)"
    r"|\b(?:dm|pm|direct message|private message|send us a (?:dm|message)|message us|drop us|reach (?:out to )?us|contact us|give us a call|call us|chat with us|email us)\b"
    r"|\b(?:because|due to|as a result of|for (?:security|safety|privacy|legal|licensing) reasons)\b"
    r"|\b(?:yes|yep|yeah|sure thing|absolutely|no),)",
    _I,
)
# An imperative step: the sentence opens with a doing verb.
_IMPERATIVE = re.compile(
    r"^(?:(?:please|just|simply|kindly|first|then|next|also|so|and|but|now|ok(?:ay)?|alright|do)[,\s]+)*"
    r"(?:dm|pm|message|send|reach|contact|call|email|e-mail|text|visit|go|head|tap|click|refer|write (?:in|to|us)|be sure|learn more|read (?:more|this|our|the)|select|choose|pick|open|try|use|sign|log|reset|restart|reboot"
    r"|update|clear|delete|reinstall|install|download|enter|turn|switch|toggle|swipe|hit|press|navigate|fill|submit|complete|apply|vote|join|book|order|chat"
    r"|request|file|share your|provide|give us|see (?:if|whether|this|here|the|our \w+ (?:on|about|for))|take a (?:look|moment)|bring|pop|drop|shoot|ask|speak|talk|add|create|set|make sure|ensure|check (?:your|the|if|that|whether|out (?:this|the \w+ (?:at|here)))"
    r"|follow (?:these|the|this) (?:steps|instructions|link|guide)|upgrade|downgrade|change|cancel|remove|unplug|plug|hold|wait (?:\d|a (?:few|couple))|allow|keep (?:your|the|it|using)|stop by|come (?:by|in|see)|resend|forward us|screenshot|refresh|disable|enable|confirm|verify)\b",
    _I,
)
# A concrete process already under way for this customer.
_UNDERWAY = re.compile(
    r"\byou(?:'ll| will| should)? (?:receive|get|be (?:contacted|updated|notified|emailed|called|refunded|credited|sent|reimbursed|compensated))\b"
    r"|\b(?:to|and they(?:'ll| will)|who(?:'ll| will)) (?:respond|reply|get back to you|contact you|reach out to you|call you|follow up with you|email you)\b"
    r"|\b(?:glad|happy|great) (?:to hear|that) (?:it's|it is|it has|it's been|you've|you're|you are|everything|that|the issue|your)\b",
    _I,
)
_IMPERATIVE_MID = re.compile(r"(?:[,;:]|\bthen|\bso)\s+" + _IMPERATIVE.pattern[1:], _I)
_ASK = re.compile(
    r"\?|\b(?:please|pls|plz|can you|could you|can i|could i|how (?:do|can|long|much|to)|when (?:will|is|are|does|do)|why (?:is|are|does|do|did|can't|won't|isn't)|is there|are there|will you|would you"
    r"|add|bring back|need|want|wish|help|not working|doesn't work|does not work|isn't working|won't|can't|cannot|broken|issue|problem|error|fail|down|outage|refund|cancel|still|where is|where's)\b",
    _I,
)
# Praise and chit-chat: nothing to answer.
_CHAT = re.compile(
    r"\b(?:love|loved|loving|great|awesome|amazing|thanks|thank you|thx|ty|best|kudos|shout ?out|props|fantastic|excellent|wonderful|appreciate\w*"
    r"|happy|glad|perfect|brilliant|cozy|cute|yummy|delicious|tasty|beautiful|gorgeous|nice|cool|fun|enjoy\w*|excited|yay|lol|haha\w*|omg|congrat\w*"
    r"|proud|favou?rite|obsessed|can't wait|cheers)\b|<3|[\u2764\U0001F600-\U0001F64F\U0001F970\U0001F60D]",
    _I,
)
_COMPLAINT = re.compile(
    r"\b(?:don't|didn't|doesn't|haven't|hasn't|hadn't|isn't|aren't|wasn't|weren't|never|no longer|missing|wrong|late|delay\w*|charged|lost|stuck"
    r"|crash\w*|bug\w*|keeps?|again|no one|nobody|terrible|worst|awful|horrible|disappoint\w*|frustrat\w*|ridiculous|unacceptable|annoy\w*"
    r"|still|waiting|waited|hours?|days?|weeks?|months?|ever since|instead|supposed to|should(?:n't)?|hate|sucks?|fix|slow|unable|nothing|scam"
    r"|declined|rejected|failed|deducted|overcharged|double|twice|cancell?ed|blocked|locked|suspended|banned|hacked|damaged|defective|faulty|left my account)\b",
    _I,
)
_HOW_TO = re.compile(
    r"\b(?:how (?:do|can|would|should) (?:i|we|you)|how to|where (?:do|can) i|is there (?:a|any) way|can i|could i|do you (?:have|offer|sell|ship|support)|does (?:it|this|the \w+)|is it possible"
    r"|what (?:is|are|'s) the|how (?:long|much|many)|which \w+|when (?:is|are|does|do|will))\b",
    _I,
)


def _has_substance_cue(text: str, link: bool) -> bool:
    if link or re.search(r"\d", text.replace("LINK", "")):
        return True
    if _NEXT_STEP.search(text) or _IMPERATIVE.match(text) or _IMPERATIVE_MID.search(text) or _UNDERWAY.search(text):
        return True
    return text.rstrip().endswith("?") and not re.search(
        r"\b(?:anything else|how (?:else )?(?:can|may|could) (?:we|i) (?:help|assist)|what can (?:we|i) (?:help|do for you)|(?:any|other|more) questions)\b", text, _I)


def classify(s: Sentence) -> str:
    """'filler', 'deflect:<kind>', 'vague' or 'substance' (anything we can't place is substance)."""
    text = s.text
    if s.role in ("greeting", "signoff"):
        return "filler"
    if not re.search(r"[A-Za-z]{2}", text.replace("LINK", "")):
        return "substance" if s.link else "filler"  # a bare link may be the answer
    for kind, rx in _DEFLECT.items():
        if rx.search(text):
            # "We'll pass it on, and you can use X meanwhile" is a deflection with an answer.
            rest = rx.sub(" ", text)
            if kind not in ("elsewhere", "helpcenter") and _has_substance_cue(rest, kind == "feedback" and s.link) and not re.match(r"^\W*(?:but|however)?\W*$", rest):
                return "substance"
            # an explanation beside the deflection ("Ads keep the free tier free, but we'll pass it on")
            clause = re.sub(r"\b(?:but|and|so|however|though|rest assured|don't worry|not to worry|no worries|thanks?(?: you)?(?: for [^,.!?]*)?|we (?:really )?appreciate [^,.!?]*|we hear you|we understand[^,.!?]*)\b", " ", rest, flags=_I)
            if kind == "feedback" and words(clause) >= 8 and not _FILLER.match(clause.strip(" ,.!-")):
                return "substance"
            # "The winner hasn't been announced yet, but keep an eye on the thread": a status answer beside the pointer
            # ("we don't have any news yet" or "coming soon" is no answer)
            lead = re.sub(r"\b(?:but|and|so|however|though|in the meantime|meanwhile)\W*$", "", text[:rx.search(text).start()], flags=_I).strip(" ,;:-")
            if kind == "watch" and words(lead) >= 4 and not _NO_NEWS.search(lead) and not _FILLER.match(lead):
                return "substance"
            if kind == "elsewhere" and (s.link or re.search(r"\d", text.replace("LINK", ""))):
                return "substance"  # "call them at 1-800-..." / a link to the right place is an answer
            return "deflect:" + kind
    vague = _VAGUE.search(text)
    if vague:
        rest = _VAGUE.sub(" ", text)
        if not _has_substance_cue(rest, s.link) and words(rest) < 8:
            return "vague"
    if _has_substance_cue(text, s.link):
        return "substance"
    if _FILLER.match(text):
        return "filler"
    return "substance"


def customer_asks(message: str | None) -> bool | None:
    """Does the customer ask for or complain about something? None when we don't know the message."""
    if not message or not message.strip():
        return None
    msg = re.sub(r"[@#]\w+", " ", message)
    if _ASK.search(msg) or _COMPLAINT.search(msg):
        return True
    return not _CHAT.search(msg)


# --------------------------------------------------------------------------- HLP001: a date for a fix


_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DAYS_FULL = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend"
_DATE = re.compile(
    r"\b(?:(?:by|on|before|until|til|till|no later than|for|from|around|at|after)\s+)?(?:"
    r"(?:this|next|the|coming|following)\s+(?:" + _DAYS_FULL + r"|week(?:end)?|month|year|quarter|fall|autumn|spring|summer|winter)(?:'s)?"
    r"|(?:(?:this|next|on|by|before|until|coming)\s+)?(?:" + _DAYS_FULL + r")(?:'s(?:\s+(?:update|release|patch|build|version|deploy(?:ment)?))?)?\b(?!\s+(?:morning|afternoon|evening|night)?\s*(?:was|were|had|did))"
    r"|(?:(?:on|by|before|the)\s+)?(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|(?:on|by|before)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b|(?:on|by|before|in)\s+(?:" + _MONTHS + r")\b"
    r"|before the (?:day|week|month|year) is (?:out|over)|(?:from|starting) the \d{1,2}(?:st|nd|rd|th)(?: onwards?)?\b|starting (?:" + _MONTHS + r")\.?\s+\d{1,2}\b"
    r"|tonight|tomorrow|today|later today|this (?:morning|afternoon|evening)|(?:by |at )?(?:the )?(?:end|start|beginning) of (?:the |this |next )?(?:day|week|month|year|quarter|business day)|eod|eow|cob"
    r"|(?:by|at|before|around)\s+\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}(?::\d\d)?\s*(?:am|pm)\s+(?:et|est|pt|pst|ct|cst|utc|gmt|bst)"
    r"|(?:within|in)\s+(?:the\s+next\s+)?(?:\d+|a|an|one|two|three|four|five|six|few|couple(?: of)?|24|48|72)\s+(?:more\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|business days?|working days?)"
    r"|q[1-4](?:\s+\d{4})?|(?:early|mid|late)[- ](?:" + _MONTHS + r"|next (?:week|month|year))"
    r")\b",
    _I,
)
_FIX_WORD = re.compile(
    r"\b(?:fix(?:ed|es)?|resolv(?:e|ed|es)|patch(?:ed|es)?|sort(?:ed)? out|sorted|repair(?:ed)?|deploy(?:ed|s)?|roll(?:ed|s|ing)? out|releas(?:e|ed|es|ing)"
    r"|launch(?:ed|es|ing)?|ships?|shipping|drops|goes out|go out|hits the (?:app store|play store|store)|go(?:es|ing)? live|be live|live (?:on|by|in|next|this|tomorrow|today|tonight)|restor(?:e|ed|es)|back (?:up|online|to normal|in service)"
    r"|up and running|working (?:again|normally|properly|as (?:normal|expected))|work again|back to (?:full (?:strength|speed|service)|normal|usual)"
    r"|going out|\w+ing (?:\w+ ){0,3}again|be gone|go away|disappear|(?:scheduled|planned|slated|due|set|expected|targeted)(?= (?:for|on|by|in)\b)|(?:scheduled|planned|slated|due|set|expected|targeted) to (?:ship|land|launch|go live|roll out|release)|coming|comes? out|be out|is out|lands?|takes? care of|be (?:ready|available|added|implemented|addressed|corrected)|(?:'ll|will) be ready)\b",
    _I,
)
# What a support reply may date safely: money, parcels, paperwork, appointments.
_TRANSACTION = {
    "refund", "order", "package", "parcel", "delivery", "shipment", "replacement", "card", "invoice", "payment", "credit",
    "plan", "subscription", "statement", "transfer", "bill", "billing", "money", "fund", "deposit", "reimbursement",
    "voucher", "coupon", "point", "email", "letter", "technician", "engineer", "tech", "appointment", "visit", "item",
    "product", "device", "phone", "laptop", "unit", "repair", "return", "exchange", "label", "check", "cheque", "claim",
    "case", "ticket", "store", "flight", "train", "bag", "baggage", "luggage", "stock", "sale", "refill",
    "prescription", "medication", "meds", "pickup", "booking", "reservation", "room", "table", "seat", "document",
    "result", "payout", "paycheck", "salary", "wage", "cash", "$",
    "offer", "promotion", "promo", "deal", "discount", "code", "reward", "bonus", "maintenance", "outage window", "account",
    "seat", "booking", "reservation", "trip", "ride", "driver", "courier", "box", "form", "document", "tracking",
    "shipping", "purchase", "one", "price", "prices", "rate", "rates", "fee", "fees",
}


class FixDatePromise(Rule):
    id = "HLP001"
    name = "fix-date-promise"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "Promising a specific date or time for a fix or a feature (“it will be fixed by Friday”)."
    why = (
        "Fix dates slip, and a missed promise turns one let-down into two. Promise an update, not a date: "
        "“I'll let you know as soon as it's fixed.” Dates for refunds, deliveries and appointments are fine."
    )
    message = "Don't promise a date for a fix or feature (“{passage}”); promise an update: “I'll let you know as soon as it's fixed.”"
    needs = "parse"
    trigger = "a fix or ship word (fixed, resolved, patched, ships, launches, live, coming…) and a date or time in one sentence"
    confidence = 0.85
    bad = examples(
        {"text": "Good news: the bug will be fixed by Friday.", "flagged": "will be fixed by Friday"},
        {"text": "The dark mode feature ships next week, so hang tight!", "flagged": "ships next week"},
        {"text": "Our engineers say it should be resolved within 48 hours.", "flagged": "should be resolved within 48 hours"},
        {"text": "Hi Jake,\n\nYes, that's a bug, and it'll be fixed in Thursday's update.\n\nLia", "flagged": "'ll be fixed in Thursday's update"},
        {"text": "@kpatel The Android app is coming this fall!", "flagged": "is coming this fall"},
        {"text": "Our next update on the 20th takes care of that, promise!", "flagged": "Our next update on the 20th takes care of"},
        {"text": "Your line will be back to full speed from the 9th onwards.", "flagged": "will be back to full speed from the 9th onwards"},
        {"text": "Good news: the calendar will start syncing again after Monday's release.", "flagged": "syncing again after Monday's release"},
    )
    good = examples(
        "Your refund will be processed within 5-7 business days.",
        "Your plan renews on the 1st, and your invoice is dated March 4.",
        "The team is working on a fix, and I'll let you know as soon as it's live.",
        "Your replacement should be ready by Friday at the store.",
        "The outage was fixed at 3pm, so everything should work now.",
        "If it isn't fixed by Friday, reply here and I'll refund the month.",
        "The fix went live on Tuesday; updating the app will pick it up.",
        "Please try signing in again tomorrow, and reply here if it still fails.",
        "Your replacement card is going out in the mail today.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not _FIX_WORD.search(analysis.text) or not _DATE.search(analysis.text):
            return
        goods = bool(_GOODS.search(analysis.text) or _GOODS.search(rc.context.customer_message or ""))
        for sent in analysis.doc.sents:
            t = sent.text
            if not _DATE.search(t) or t.rstrip().endswith("?") or _NOT_A_PROMISE.search(t):
                continue
            fixes = [m.span() for m in _FIX_WORD.finditer(t)]
            if not any(m0 - 60 <= d.start() <= m1 + 50 and not (d.start() < m1 and m0 < d.end())
                       for m0, m1 in fixes for d in _DATE.finditer(t)):
                continue  # stage one: a fix word with a date beside it, or the parser is not asked
            doc = analysis.parsed(sent, "parse")
            span = self._promise(doc, goods)
            if span is None:
                continue
            start, end = sent.start_char + span[0], sent.start_char + span[1]
            yield Hit(start, end, message=self.message.format(passage=analysis.text[start:end]))

    @staticmethod
    def _promise(doc: "Doc", goods: bool) -> tuple[int, int] | None:
        text = doc.text
        if text.rstrip().endswith("?") or _NOT_A_PROMISE.search(text):
            return None
        dates = list(_DATE.finditer(text))
        for m in _FIX_WORD.finditer(text):
            pred = _token_at(doc, m.start())
            if pred is None:
                continue
            head = _predicate(pred)
            if head is None or _in_condition(head, _HARD_CONDITION_MARKS) or _negated(head) or not _future(head, text, m):
                continue
            strong = bool(_STRONG_FIX.match(m.group()))
            if strong and not _future_marker(head, text, m):
                continue  # "most are resolved within 10 days" is how things go, not a promise
            if strong and _pronoun_subject(head) and _ABOUT_MONEY.search(text) and not _ABOUT_A_FAULT.search(text):
                continue  # "so it should disappear this week" about a card hold, not a bug
            if _about_transaction(head) and not _FUNCTIONING.match(m.group()):
                continue  # "transfers will be working again by Wednesday" is a fix, whatever the noun
            weak_strict = m.group().lower().startswith(("ship", "com", "drop", "goes out", "go out", "going out", "scheduled", "planned", "slated", "due", "set", "expected", "targeted"))
            if not strong and (goods and _pronoun_subject(head) or not _feature_subject(head, text, weak_strict)):
                continue  # "it ships today" about an order; "that one comes out in February" about a form
            for d in dates:
                if d.start() < m.start() - 60 or d.start() > m.end() + 50 or (d.start() < m.end() and m.start() < d.end()):
                    continue
                dtok = _token_at(doc, d.start() + (len(d.group()) - len(d.group().lstrip())))
                if dtok is None or _in_condition(dtok, _HARD_CONDITION_MARKS) or _past_clause(dtok):
                    continue
                inside = [t for t in doc if m.start() <= t.idx < m.end()]
                if not any(_same_clause(dtok, t) for t in [head, *inside]):
                    continue
                if d.start() < m.start():
                    # "Our next update on the 20th takes care of that": from the subject on
                    start = _subject_start(head, d.start())
                else:
                    start = _aux_start(head, m.start())
                return start, max(m.end(), d.end())
        return None


_ABOUT_A_FAULT = re.compile(r"\b(?:bug|fix\w*|feature|update|glitch\w*|issue|problem|crash\w*|error|outage|release|version|app|"
                            r"broken|down|working|patch\w*|engineer\w*|developer\w*|devs?|tech team)\b", _I)
_ABOUT_MONEY = re.compile(r"[$£€]|\b(?:holds?|charges?|refunds?|payments?|deposits?|cards?|banks?)\b", _I)
_FUNCTIONING = re.compile(r"working (?:again|normally|properly)|work again|back (?:up|online|to normal|to full)|up and running|\w+ing (?:\w+ ){0,3}again", _I)
_STRONG_FIX = re.compile(r"(?:fix|resolv|patch|sort|repair|restor|back|up and|working|work again|be gone|go away|disappear|be (?:addressed|corrected)|\w+ing (?:\w+ ){0,3}again)", _I)
_NOT_A_PROMISE = re.compile(
    r"\b(?:maintenance|scheduled work|planned work|upgrade window|usually|typically|generally|normally|on average|tends? to|every|each|weekly|daily|monthly|most (?:are|of them|issues|cases|orders)"
    r"|(?:i|we) (?:can't|cannot|can not|won't|don't|do not) (?:promise|guarantee|give|share|confirm)|no (?:eta|date|timeline|timeframe))\b",
    _I,
)
_GOODS = re.compile(r"\b(?:order(?:ed)?|package|parcel|box|shipment|delivery|tracking|item|purchase|refund|form|statement|document|invoice|replacement|card)s?\b", _I)
_FEATURE_NOUNS = {"fix", "patch", "update", "version", "release", "feature", "app", "mode", "integration", "build", "support",
                  "option", "setting", "tool", "function", "functionality", "improvement", "change", "redesign", "site",
                  "website", "page", "service", "system", "upgrade", "bug", "issue", "problem", "it", "this", "that", "they",
                  "scheduling", "export", "import", "sync", "widget", "dashboard", "api", "plugin", "extension", "beta",
                  "esim", "sso", "2fa", "login", "notification", "notifications", "sharing", "offline", "search", "filter",
                  "editing", "version", "firmware", "compatibility"}


def _future_marker(head: "Token", text: str, m: re.Match[str]) -> bool:
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "'ll", "ll", "shall", "should", "gonna", "wo", "must"}:
        return True
    before = text[max(0, m.start() - 40):m.start()].lower()
    return bool(re.search(r"\b(?:will|'ll|should|shall|going to|gonna|expect(?:s|ed|ing)?(?: \w+)? to|hope(?:s|d)?(?: \w+)? to|aim(?:s|ing)? to|plan(?:s|ning)? to|set to|due to|scheduled to|on track to)\s+(?:\w+\s+){0,3}$", before))


def _pronoun_subject(head: "Token") -> bool:
    subj = _subject(head)
    return subj is None or subj.pos_ == "PRON" or subj.lower_ in ("it", "this", "that", "they", "one")


def _feature_subject(head: "Token", text: str, strict: bool = False) -> bool:
    """Is the thing that ships/launches a feature? ("ship" is strict: it is nearly always about goods.)"""
    subj = _subject(head)
    if strict:
        if subj is None:
            nouns = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod")} | {head.lemma_.lower()}
        else:
            nouns = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")}
        return bool(nouns & (_FEATURE_NOUNS - {"it", "this", "that", "they"})) or (
            subj is not None and subj.pos_ == "PRON" and bool(re.search(r"\b(?:fix|feature|update|patch|version|release)\b", text, _I)))
    if subj is None:
        # a misparse ("Dark mode ships/NNS next week"): the predicate's own compound nouns are the thing
        nouns = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod")} | {head.lemma_.lower()}
        return not nouns & _TRANSACTION
    words = {subj.lemma_.lower(), subj.lower_} | {c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")}
    if words & _TRANSACTION or subj.like_num or any(c.tag_ == "$" or c.text in ("$", "£", "€") for c in subj.subtree):
        return False  # "the $1,240 from Friday's sales will land on Tuesday" is money moving, not a fix
    if subj.pos_ == "PRON" or subj.lower_ in ("one",):
        # "it'll be ready this afternoon" is a promise to fix only when the reply is about a bug or a feature
        return bool(_ABOUT_A_FAULT.search(text))
    return True


def _token_at(doc: "Doc", char: int) -> "Token | None":
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok) or tok.idx >= char:
            return tok
    return None


def _predicate(tok: "Token") -> "Token | None":
    """The verb (or predicate adjective's copula) a fix word belongs to."""
    cur = tok
    if cur.dep_ in ("aux", "auxpass") and cur.head.i != cur.i:
        cur = cur.head  # "will be ready": the predicate is "be", where the subject hangs
    for _ in range(3):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        if cur.dep_ in ("acomp", "advmod", "prt", "dobj", "prep", "attr", "xcomp", "npadvmod", "pobj", "compound", "amod") and cur.head.i != cur.i:
            cur = cur.head
        else:
            return cur
    return cur


_CONDITION_MARKS = ("if", "unless", "until", "whether", "once", "when", "before", "after", "since")
# "Once the update rolls out on the 12th, …": a time clause that carries its own date is still a promise.
_HARD_CONDITION_MARKS = ("if", "unless", "until", "whether", "before", "since")


def _in_condition(tok: "Token", marks: tuple[str, ...] = _CONDITION_MARKS) -> bool:
    for anc in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in marks for c in anc.children):
            return True
        if anc.dep_ in ("advcl", "ccomp", "relcl") and any(c.lower_ in ("if", "unless", "whether") for c in anc.children):
            return True
    return False


def _negated(tok: "Token") -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _past_clause(tok: "Token") -> bool:
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in ("VERB", "AUX"):
            return anc.tag_ in ("VBD",) and not any(c.lower_ in ("will", "'ll") for c in anc.children)
    return False


def _future(head: "Token", text: str, m: re.Match[str]) -> bool:
    """Not past: no past auxiliary, and not a past-tense verb."""
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    before = text[max(0, m.start() - 30):m.start()].lower()
    if re.search(r"\b(?:(?:was|were|has been|have been|had been|got|went|did)\s+(?:\w+ly\s+)?|(?:has|have|had|'ve)\s+(?:\w+ly\s+)?)$", before):
        return False
    if auxes & {"was", "were", "has", "have", "had", "'ve", "did"} and not auxes & {"will", "'ll"}:
        return False
    if head.tag_ == "VBD" and not auxes & {"will", "'ll", "should", "would"}:
        return False
    if head.tag_ == "VBN" and not auxes:
        return bool(re.search(r"\b(?:will|'ll|should|to be|gonna|going to|expects?|expected|hopes?|aims?|plans?|to have)\b", before))
    return True


def _about_transaction(head: "Token") -> bool:
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "expl"):
            words = {c.lemma_.lower(), c.lower_} | {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod")}
            if words & _TRANSACTION:
                return True
    if head.dep_ in ("acl", "relcl") and head.head.lemma_.lower() in _TRANSACTION:
        return True
    return False


def _same_clause(a: "Token", b: "Token") -> bool:
    """Is a inside b's clause (not a separate conjoined or subordinate clause)?"""
    if a.i == b.i:
        return True
    cur = a
    for _ in range(8):
        if cur.i == b.i:
            return True
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("conj", "advcl", "ccomp", "parataxis", "relcl") and cur.pos_ in ("VERB", "AUX"):
            # "be back up and RUNNING in two hours": a coordinated predicate sharing the subject is one clause
            if not (cur.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)):
                return False
        cur = cur.head
    # A misparse ("ships/NNS next week") leaves the date beside the predicate; accept a near neighbour.
    return abs(a.i - b.i) <= 4 and not any(t.is_punct and t.text in ",;:" for t in a.doc[min(a.i, b.i):max(a.i, b.i)])


def _aux_start(head: "Token", fallback: int) -> int:
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
    if auxes:
        return min(auxes, key=lambda t: t.i).idx
    return fallback


def _subject_start(head: "Token", fallback: int) -> int:
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        return min(subj[0].left_edge.idx, fallback)
    return fallback


# --------------------------------------------------------------------------- HLP002: no without a way forward

_REFUSAL = re.compile(
    r"\b(?:can ?not|can[’']?t|cant|ca n't|unable to|not able to|n[’']t able to|impossible|(?:not|n[’']t) (?:currently |really |yet |presently )?possible"
    r"|no way (?:to|for (?:us|me|you)|(?:we|i) can)|nothing (?:\w+ ){0,3}(?:we|i) (?:can|could|are able to) do|nothing (?:more|else|further) (?:we|i) can"
    r"|(?:we|i)(?:'re| are| am|'m)? (?:not|n[’']t) (?:in a position|able|allowed|permitted|authorized)"
    r"|(?:not|n[’']t) something (?:we|i|the (?:app|website|site|system|portal))\b|(?:is|are|'s|'re)(?:n[’']t| not) (?:part of|among|included in) (?:what (?:we|i) (?:offer|do|provide|sell|support)|our (?:offer|offering|services|plans?))"
    r"|(?:that|this)(?: one)? (?:won[’']t|will not|isn[’']t going to) work out"
    r"|(?:is|are|'s|'re)(?:n[’']t| not) one of the [\w ]{1,25}? (?:we|the [\w ]{1,20}?) (?:offers?|supports?|allows?|provides?)\b"
    r"|(?:do|does|will|would)(?:n[’']t| not) (?:currently |yet |presently |actually |really )?(?:support|offer|allow|provide|ship|accept|carry|sell|stock|permit|cover|issue|deliver|operate|do (?:(?:partial|full|cash|same-day|any) )?(?:refunds|exchanges|that|this|price \w+|\w+ing)|work with|have (?:plans|an option|the option|any plans))\b"
    r"|(?:won[’']?t|will not|wo n[’']t) be (?:possible|available|allowed|permitted|an option)|(?:is|are|'s|'re) off the table|(?:is|'s|are|'re) beyond what (?:we|i|your|the|our) \w+"
    r"|(?:is|are|'s|'re)(?:n[’']t| not) part of how (?:we|i) (?:operate|work|do (?:things|business))"
    r"|(?:is|are|'s|'re)(?:n[’']t| not) (?:currently |yet |presently |really )?(?:available|possible|allowed|permitted|supported|offered|an option|eligible|refundable|something (?:we|i))"
    r"|not (?:currently |yet )?(?:available|supported|allowed|permitted|eligible)\b|non-?refundable|(?:are|is) (?:all |always )?final\b|(?:our|the|company|store) policy|policy (?:is|states|says|does)"
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
        sent = next((x for x in analysis.doc.sents if x.start_char <= s.start < x.end_char), None)
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
            if re.match(r"(?:are|is) (?:all |always )?final|(?:our|the|company|store) policy|policy|that[’']?s|out of our|non-?refund|we regret|only|(?:we|i) (?:can |currently |unfortunately )?only"
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


def _subject(pred: "Token") -> "Token | None":
    cur = pred
    for _ in range(3):
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass", "expl"):
                return c
        if cur.dep_ in ("xcomp", "acomp", "conj", "attr") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return None


def _echo(pred: "Token", perception_only: bool = False) -> bool:
    heads = {"hear", "see", "notice", "seem", "look", "sound", "appear", "learn", "read"} if perception_only else _ECHO_HEADS
    for anc in pred.ancestors:
        if anc.lemma_.lower() in heads or anc.lower_ in heads:
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
_CONTINUED = re.compile(r"^\W*(?:@\w+\s+)*(?:>>|&gt;|\.\.\.|…|\(?\d{1,2}(?:/\d{1,2})?[:)])|(?:>|&gt;|\.\.\.|…|\(?\d{1,2}/\d{1,2}\)?|\(cont(?:'d|inued)?\))\W*$", _I)
# "..., but <a real clause>": an alternative, unless the clause only thanks, sympathises or files feedback.
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


def _partial(analysis: "Analysis") -> bool:
    """Is this one tweet of a thread (">>", "1:", "2/2", "…")? Then the rest of the answer may be elsewhere."""
    return bool(_CONTINUED.search(analysis.text) or analysis.source.regions_of("thread_marker"))


_AFTER_BUT = re.compile(
    r"\b(?:but|however|though|although|that said)\b[,\s]+(?!.*\b(?:pass(?:ed|ing)?|shar(?:e|ed|ing)|forward|feedback|noted|appreciate|see how|understand|hear|know how|sorry|apologi\w+|thanks?|thank you"
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


# --------------------------------------------------------------------------- HLP003: deflection as the whole answer


class EmptyDeflection(Rule):
    id = "HLP003"
    name = "empty-deflection"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "A deflection as the whole answer: “keep an eye on our status page”, “we'll pass it on to the product team”, “see our FAQ”."
    why = (
        "Pointing somewhere else, or promising to pass feedback on, is fine next to an answer; as the whole reply it "
        "leaves the customer with nothing. Add what they can do now, or what you know."
    )
    message = "This deflection (“{passage}”) is the whole answer; add what the customer can do now or what you know."
    trigger = "a deflection phrase, and nothing else of substance in the reply"
    scope = frozenset({"body", "url", "email", "handle", "hashtag"})
    confidence = 0.8
    bad = examples(
        {"text": "@hollyb Keep an eye on our status page for updates!", "flagged": "Keep an eye on our status page for updates",
         "context": {"customer_message": "@NimbusMobile is there an outage? No signal in Austin since noon"}},
        {"text": "Hi Renee,\n\nThanks for the feedback! I'll pass it on to our product team.\n\nGabe",
         "flagged": "I'll pass it on to our product team",
         "context": {"customer_message": "Please bring back the old invoice layout. The new one doesn't show tax per line."}},
        {"text": "Scheduling is on the roadmap! We'll let everyone know when it's ready.", "flagged": "Scheduling is on the roadmap"},
        {"text": "You'll have to contact the carrier about that.", "flagged": "You'll have to contact the carrier about that",
         "context": {"customer_message": "My package shows delivered, but I don't have it."}},
        {"text": "Great question! You can find lots of helpful info in our FAQ.", "flagged": "You can find lots of helpful info in our FAQ"},
        {"text": "Love this idea, Tyrone! We'll make sure it lands in front of the right people 💡 -Dev",
         "flagged": "We'll make sure it lands in front of the right people",
         "context": {"customer_message": "Can you add a dark mode to the app? My eyes hurt at night."}},
        {"text": "Hi Jonas! Follow @NimbusHQ and you'll be first to know about anything new 👀",
         "flagged": "Follow @NimbusHQ and you'll be first to know about anything new",
         "context": {"customer_message": "Will the Nimbus watch support Android soon?"}},
        {"text": "Hi Sam, please check our status page for the latest.", "flagged": "Hi Sam, please check our status page for the latest",
         "context": {"customer_message": "Is the checkout down? Nobody can pay on our store."}},
        {"text": "Our help center covers exports in depth, so that's the best place to start.",
         "flagged": "Our help center covers exports in depth, so that's the best place to start",
         "context": {"customer_message": "How do I export all my invoices at once?"}},
    )
    good = examples(
        {"text": "@hollyb Yes, there's an outage in parts of Austin, sorry! Turn on Wi-Fi Calling in Settings > Phone meanwhile. "
                 "Keep an eye on our status page for updates.",
         "context": {"customer_message": "@NimbusMobile is there an outage? No signal in Austin since noon"}},
        "Thanks for the feedback, and I've passed it on to our product team. You can still show tax per line: open Invoice Settings > Line Items.",
        {"text": "Thank you so much! We'll pass your kind words on to the crew.",
         "context": {"customer_message": "@FlyCo shout out to the crew on flight 220, amazing service!"}},
        "Sorry! Packages marked delivered sometimes turn up a day later. If it's not there by tomorrow, message me and I'll send a replacement.",
        "You'll need to contact your bank for the SWIFT code.",
        {"text": "Yes, checkout is down for stores in the EU since 7pm, and engineers are on it. You can follow live updates on our status page.",
         "context": {"customer_message": "Is the checkout down? Nobody can pay on our store."}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not any(rx.search(analysis.text) for rx in _DEFLECT_ANY):
            return
        sents = sentences(analysis)
        # cheap first: some sentence must deflect at all, and the customer must have asked for something
        if not any(rx.search(s.text) for s in sents for rx in _DEFLECT.values()):
            return
        if customer_asks(rc.context.customer_message) is False or _partial(analysis) or _THANKS_FOR_PRAISE.search(analysis.text):
            return  # praise needs no answer; one tweet of a thread may have its answer in the other part
        kind = kinds(analysis)
        if "substance" in kind or not any(k.startswith("deflect") for k in kind):
            return
        if any(_first_refusal_cue(s.raw) for s in sents if s.role == "body"):
            return  # "that's not possible, but we'll pass it on": the bare no is the finding (HLP002)
        known = customer_asks(rc.context.customer_message) is not None
        for s, k in zip(sents, kind):
            if not k.startswith("deflect"):
                continue
            if not known and (k == "deflect:elsewhere" or re.match(r"^(?:duly )?noted\b", s.text, _I)):
                continue  # "contact your bank" may be the right answer, "Noted" may be all that was needed: without the message we can't tell
            start, end = _sentence_span(analysis, s)
            yield Hit(start, end, message=self.message.format(passage=analysis.text[start:end]))
            return


def _sentence_span(analysis: "Analysis", s: Sentence) -> tuple[int, int]:
    """The sentence without leading handles/greeting words or closing punctuation and signatures."""
    text = analysis.text
    start, end = s.start, s.end
    masked = sorted((r.start, r.end) for r in analysis.source.regions if r.kind in ("handle", "hashtag", "thread_marker"))
    moved = True
    while moved:
        moved = False
        while start < end and text[start] in " \t,:;-":
            start += 1
        for a, b in masked:
            if a <= start < b:
                start, moved = b, True
    m = _SIGNATURE.search(text[start:end])
    if m:
        end = start + m.start()
    while end > start and (text[end - 1] in " .!?,;:)" or _EMOJI.match(text[end - 1])):
        end -= 1
    return start, end


# --------------------------------------------------------------------------- HLP004: make them explain again

_ISSUE = r"(?:the|your|this|that|what) (?:issue|problem|situation|concern|trouble|matter|query|request)s?"
_REASK = re.compile(
    # "could you describe the issue (again)?", "can you tell us more about the problem?"
    r"\b(?:can|could|would|will) you (?:please |kindly |just |quickly |briefly )?(?:(?:re-?)?describe|explain|tell (?:me|us)(?: (?:a (?:little |bit )?)?more)?(?: about)?|elaborate(?: on)?|walk (?:me|us) through|go over|repeat)"
    r" (?:" + _ISSUE + r"(?: (?:you(?:'re| are) (?:having|facing|experiencing)))?(?:\s+(?:again|once more|in (?:more )?detail))?|(?:it|that|everything) (?:again|once more)"
    r"|what (?:the |your )?(?:issue|problem|trouble|matter)s? (?:is|are|was|seems to be))"
    # "Please describe the problem again." at a sentence start
    r"|^(?:(?:please|kindly|first|so),?\s+)?(?:(?:re-?)?describe|explain|tell (?:me|us)(?: (?:a (?:little |bit )?)?more)? about|walk (?:me|us) through) " + _ISSUE + r"(?:\s+(?:again|once more|in (?:more )?detail))?"
    # "What seems to be the problem?", "what's the issue?", "what can I help you with today?"
    r"|\bwhat (?:seems to be|is|'s|exactly is) the (?:problem|issue|trouble|matter)(?: (?:you(?:'re| are) (?:having|facing|experiencing)|today))?(?=\s*\?)"
    r"|\bwhat (?:can|may) (?:i|we) (?:help|assist) you with(?: today)?(?=\s*\?)",
    _I,
)
# Stage one for the whole reply: some re-ask wording at all.
_REASK_ANY = re.compile(r"\b(?:describe|explain|tell (?:me|us)|elaborate|walk (?:me|us)|go over|repeat|what (?:seems|is|'s|exactly|can|may))\b", _I)
# ... and says what goes wrong ("logs me out", "charged twice", "error 502"), not only "I have an issue".
_SYMPTOM = re.compile(
    r"\b(?:won't|wont|doesn't|doesnt|didn't|can't|cant|cannot|isn't|hasn't|haven't|never|not (?:working|loading|showing|opening|arriving|charging)"
    r"|error|crash\w*|freez\w*|frozen|stuck|charged|twice|double|missing|broken|cracked|damaged|wrong|late|declined|failed|fails"
    r"|logs? (?:me )?(?:in|out)|keeps?|stopped|disappeared|deleted|lost|blank|spins?|loop\w*|drops?|dropping|disconnect\w*|cuts? out|goes down|went down"
    r"|slow|flicker\w*|overheat\w*|leak\w*|dead|died|(?:does|did|do|is|are|was) not|no (?:signal|service|internet|sound|power|response)|gives? me|shows? (?:me )?(?:an?|the)|says)\b",
    _I,
)
# The customer's message describes a concrete problem, not only a vent.
_DESCRIBES = re.compile(
    r"\b(?:won't|wont|doesn't|doesnt|can't|cant|cannot|isn't|not (?:working|loading|showing)|error|crash\w*|charged|refund\w*|order\w*|arriv\w+|deliver\w*|missing|broken|cracked"
    r"|cancel\w*|account|log(?:s|ged)? (?:me )?(?:in|out)|login|password|app|payment|card|bill\w*|invoice|package|parcel|flight|booking|update\w*|screen|install\w*|download\w*"
    r"|connect\w*|signal|internet|wifi|outage|network|device|phone|item|subscription|plan|upload\w*|sync\w*|page|site|website|email|code|printer|battery)\b",
    _I,
)
# Details the customer already gave, and the questions that ask for them again.
_ID_NOUN = r"(?:order|account|member(?:ship)?|policy|booking|reservation|confirmation|case|ticket|claim|tracking|rental)"
_ASK_DETAIL = [
    (re.compile(r"\b(?:your|the) " + _ID_NOUN + r" (?:number|no\.?|#|id|code)\b|\b(?:which|what) " + _ID_NOUN + r"\b", _I),
     re.compile(_ID_NOUN + r"\s*(?:number|no\.?|#|id|code)?\s*[:#]?\s*\(?[A-Z]{0,4}-?\d{3,}|#\s?[A-Z]{0,3}-?\d{3,}"
                r"|\(\s*[A-Z]{1,4}-\d{3,}\s*\)", _I)),
    (re.compile(r"\bwhat(?:'s| is| was) the (?:charge|amount)\b|\bhow much (?:were you|was it|was the charge)\b|\bwhich charge\b", _I),
     re.compile(r"[$£€]\s?\d")),
    (re.compile(r"\b(?:what|which) (?:dose|dosage|strength)\b", _I), re.compile(r"\b\d+(?:\.\d+)?\s?(?:mg|mcg|ml)\b", _I)),
]
# "what's going on with your card today?", "describe what's happening": an open re-ask
_OPEN_REASK = re.compile(
    r"\bwhat(?:'s| is) (?:going on|happening|wrong)(?: with (?:your|the) \w+)?(?: today)?(?=\s*\?)"
    r"|\b(?:describe|describing|explain|explaining|tell (?:me|us)|walk (?:me|us) through) what(?:'s| is) (?:happening|going on|wrong)\b"
    r"|\bwhat (?:you|we) (?:discussed|talked about|covered|went over) (?:in|with|during|on) (?:your|the|our) (?:previous|last|earlier|prior) (?:conversation|chat|call|e-?mail)\b"
    r"|\ba (?:short |brief |quick )?description of (?:the|your) (?:problem|issue)\b", _I)
_SPECIFIC = re.compile(r"\b(?:which|what) (?:model|device|browser|version|app|os|phone|error message|order|card|address|email|account|city|zip|postcode|plan)\b|\bscreenshot\b", _I)


class AskAgain(Rule):
    id = "HLP004"
    name = "explain-again"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "Asking the customer to describe the problem again (or for their order number) when their message already says it."
    why = (
        "Being asked to start over is one of the most frustrating things in support. Read what they wrote and "
        "ask only for what's missing, or act on it. Needs the customer's message as Context.customer_message."
    )
    message = "The customer already described this in their message; ask only for what's missing instead of “{passage}”."
    trigger = "a request to describe the issue, and a customer message of 12 or more words"
    confidence = 0.8
    bad = examples(
        {"text": "Thanks for waiting! Could you describe the issue again?", "flagged": "Could you describe the issue again",
         "context": {"customer_message": "The app logs me out every time I switch to another app and back, on my iPhone 14 since yesterday's update."}},
        {"text": "Hi, I'm Sam and I'll be helping you today. What seems to be the problem?", "flagged": "What seems to be the problem",
         "context": {"customer_message": "I was charged twice for my March invoice and the second charge still hasn't been refunded after a week."}},
        {"text": "Sorry to hear that! Can you tell us more about the issue?", "flagged": "Can you tell us more about the issue",
         "context": {"customer_message": "My order arrived with a cracked screen protector and the charger is missing from the box entirely."}},
        {"text": "Sorry to hear that! Can you describe the problem and give me your order number?",
         "flagged": "Can you describe the problem",
         "context": {"customer_message": "My order #58821 arrived in the wrong color. I ordered navy and got black."}},
        {"text": "Hi Kwame, I'm Lena and I'll be helping from here. To get started, what's going on with your card today?",
         "flagged": "what's going on with your card today",
         "context": {"customer_message": "I was charged twice for the same purchase: $84.20 at Corner Market on May 3, card ending 4471."}},
        {"text": "Before I process anything, could you send me your membership number?", "flagged": "your membership number",
         "context": {"customer_message": "I'd like to cancel my membership (member #GF-20931) at the end of this month."}},
        {"text": "Happy to help with a refill! What dose is he on?", "flagged": "What dose",
         "context": {"customer_message": "Can I get a refill of Biscuit's Apoquel 16mg, one tablet daily?"}},
    )
    good = examples(
        {"text": "Could you describe the issue?", "context": {"customer_message": "help, app broken"}},
        "Can you tell us more about the issue?",
        {"text": "Sorry about the logouts! Which iPhone model is it, and which app version do you see under Settings > About?",
         "context": {"customer_message": "The app logs me out every time I switch to another app and back, on my iPhone since yesterday's update."}},
        {"text": "I've sent a navy one for order #58821. Can you describe the problem with the return form so I can fix it too?",
         "context": {"customer_message": "Order 58821 came in the wrong color, and the return form doesn't load."}},
        {"text": "Could you reply with the last four digits of the card on file so I can verify it's you? Then I'll end GF-18874.",
         "context": {"customer_message": "Please cancel my membership, number GF-18874."}},
        {"text": "What's your order number? I'll check where it is.",
         "context": {"customer_message": "Where is my package? It was due Monday."}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        msg = rc.context.customer_message
        if not msg:
            return
        if re.search(r"\b(?:dm|pm|direct message|private message|privately|inbox)\b", analysis.text, _I):
            return  # moving to a private channel to take details is a step, not a re-ask
        found = list(self._reask(analysis, msg))
        yield from found
        if not found:
            yield from self._asks_for_given(analysis, msg)

    def _reask(self, analysis: "Analysis", msg: str) -> Iterable[Hit]:
        """"Could you describe the issue?" when the message already describes it."""
        n = words(re.sub(r"[@#]\w+", " ", msg))
        if n < 12 or not _SYMPTOM.search(msg) or not (_DESCRIBES.search(msg) or n >= 15):
            return
        if not _REASK_ANY.search(analysis.text) and not _OPEN_REASK.search(analysis.text):
            return
        for s in sentences(analysis):
            if s.role == "signoff":
                continue
            for m in _REASK.finditer(s.text):
                m = re.search(re.escape(m.group()), s.raw) or None
                if m is None:
                    continue
                # "describe the problem WITH THE RETURN FORM" narrows it to something new: fine
                tail = s.raw[m.end():m.end() + 40]
                if re.match(r"\s*(?:with|in|on|about|regarding) (?:the|your|this|that) (?!issue|problem|order\b)\w+", tail, _I):
                    continue
                if _SPECIFIC.search(s.raw):
                    continue
                end = m.end()
                while end > m.start() and s.raw[end - 1] in " ?.!,":
                    end -= 1
                start = s.start + m.start()
                yield Hit(start, s.start + end, message=self.message.format(passage=s.raw[m.start():end]))
                return
        for s in sentences(analysis):
            if s.role == "signoff" or not s.raw.rstrip().endswith("?"):
                continue
            m = _OPEN_REASK.search(s.raw)
            if m and not _SPECIFIC.search(s.raw):
                yield Hit(s.start + m.start(), s.start + m.end(), message=self.message.format(passage=m.group()))
                return
        yield from self._asks_for_given(analysis, msg)

    def _asks_for_given(self, analysis: "Analysis", msg: str) -> Iterable[Hit]:
        """A question for a detail the message already holds: its order number, the amount, the dose."""
        if re.search(r"\b(?:verify|confirm (?:it's|that it's|your identity)|security|last (?:four|4))\b", analysis.text, _I):
            return  # asking again to verify identity is a step, not a re-ask
        for s in sentences(analysis):
            if s.role == "signoff" or re.search(r"\b(?:do not|don't|never|avoid|without)\b", s.raw, _I):
                continue
            if not (s.raw.rstrip().endswith("?") or re.search(r"\b(?:share|send|provide|give|dm|tell)\b", s.raw, _I)):
                continue
            for ask, given in _ASK_DETAIL:
                m = ask.search(s.raw)
                value = given.search(msg) if m else None
                if m and value and value.group().strip("#:( ") not in analysis.text and not re.search(r"\d{4,}", s.raw):
                    yield Hit(s.start + m.start(), s.start + m.end(),
                              message=f"The customer already gave this (“{value.group().strip()}”); use it instead of asking again.")
                    return


# --------------------------------------------------------------------------- HLP005: a non-answer


class NonAnswer(Rule):
    id = "HLP005"
    name = "non-answer"
    trait = "helpful"
    severity = Severity.WARNING
    summary = "A reply with no answer in it: only pleasantries and vague talk (“it can vary”, “I'm not sure”, “we'll look into it”) to a direct question."
    why = (
        "The customer asked something; a reply made of thanks, “great question” and “it depends” answers nothing. "
        "Give the answer, or the one thing you need from them to find it."
    )
    message = "This doesn't answer what the customer asked (“{passage}”); give the answer, or say exactly what you'll do next."
    trigger = "vague talk (can vary, depends, not sure, tricky, we'll look into it) and nothing else of substance in the reply"
    confidence = 0.7
    bad = examples(
        {"text": "Good question! Cancellations can be a little tricky. Let me know if you have any other questions.",
         "flagged": "Cancellations can be a little tricky",
         "context": {"customer_message": "If I cancel now, do I lose the days I already paid for?"}},
        {"text": "Hmm, I'm not sure, sorry.", "flagged": "I'm not sure",
         "context": {"customer_message": "Does this charger work with the Pixel 8?"}},
        {"text": "Great question! Transfer times can vary depending on lots of factors.",
         "flagged": "Transfer times can vary depending on lots of factors",
         "context": {"customer_message": "How long does a bank transfer take to show up in my account?"}},
        {"text": "@theojp We'll look into that and get back to you! 😊", "flagged": "We'll look into that and get back to you",
         "context": {"customer_message": "@NimbusMobile how do I turn off international roaming?"}},
    )
    good = examples(
        {"text": "I wasn't sure offhand, so I checked: yes, it supports USB-C Power Delivery, so it'll charge at full speed.",
         "context": {"customer_message": "Does this charger work with the Pixel 8?"}},
        {"text": "Transfer times can vary: between our accounts it's instant, and from other banks it takes 1-2 business days.",
         "context": {"customer_message": "How long does a bank transfer take to show up in my account?"}},
        {"text": "We'll look into it and get back to you!", "context": {"customer_message": "@Acme great job on the new app!"}},
        {"text": "Thanks for the heads up! We're not sure what happened there; can you DM us the order number?",
         "context": {"customer_message": "Why did my order get cancelled?"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        if not rc.context.customer_message or not _VAGUE.search(analysis.text) or _partial(analysis):
            return
        sents = sentences(analysis)
        kind = kinds(analysis)
        if "vague" not in kind or "substance" in kind or any(k.startswith("deflect") for k in kind):
            return
        msg = rc.context.customer_message
        if not customer_asks(msg):
            return  # no message, or nothing asked: we can't tell an answer from a non-answer
        question = "?" in msg or bool(_HOW_TO.search(msg))
        for s, k in zip(sents, kind):
            if k != "vague":
                continue
            stall = bool(re.search(r"\b(?:look into|check(?: on| into)?|investigate|get back|circle back|be in touch|follow up)\b", s.text, _I))
            if stall and not (msg and _HOW_TO.search(msg)):
                return  # "we'll look into it" is a real step for a problem report
            start, end = _vague_span(analysis, s)
            yield Hit(start, end, message=self.message.format(passage=analysis.text[start:end]),
                      severity=None if question else Severity.INFO)
            return


def _vague_span(analysis: "Analysis", s: Sentence) -> tuple[int, int]:
    start, end = _sentence_span(analysis, s)
    raw = analysis.text[start:end]
    m = re.search(r"\b(?:i(?:'m| am)|we(?:'re| are)) (?:not (?:quite |totally |entirely |100% )?sure|unsure)|(?:i|we) (?:don't|do not) (?:really )?know|no idea|hard to (?:say|tell)", raw, _I)
    if m:
        return start + m.start(), start + m.end()
    # drop a leading interjection ("Hmm, ")
    lead = re.match(r"^(?:(?:hmm+|um+|well|ok(?:ay)?|so|oh)[,!.]?\s+)+", raw, _I)
    if lead:
        start += lead.end()
    return start, end
