"""Helpers the helpful rules share: the reply sentence by sentence, what each sentence does, patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...nlp import Analysis

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
    for sent in analysis.sents:
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
    r"|(?:great|good|excellent|fair|interesting|exciting) (?:question|idea|point|suggestion|catch|news)(?: about [^.!?]{0,40})?"
    r"|(?:that|this|it|a [^.!?]{0,30}like that) (?:sounds|looks) like (?:a |an )?(?:great|good|fun|smart|exciting|perfect|brilliant|interesting) (?:use case|idea|plan|project|setup|fit|choice)\b[^.!?]{0,20}"
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
        r"|(?:updates?|news|announcements?|alerts|more info(?:rmation)?|(?:new )?(?:plans|launches|offers|deals|promotions|features))\b[^.!?]{0,40}?\b(?:will be|are(?: all)?|get) (?:posted|shared|announced|available|published) (?:on|here|via|at|in)\b"
        r"|\b(?:that's|that is) the (?:best |right )?(?:spot|place) to (?:watch|keep an eye on)\b"
        r"|\b(?:subscribe|sign up) (?:to|for) (?:our|the) (?:newsletter|mailing list|blog|channel|updates)\b"
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
        r"|\b(?:make sure|made sure|ensure|ensured) (?:it|this|that|your (?:\w+ ){0,4}?(?:request|idea|suggestion|feedback|note|vote))(?: \w+){0,3}? "
        r"(?:lands?|landed|gets?|got|goes|went|reaches|reached|ends? up|ended up) (?:in front of |to |with )?(?:the )?(?:right |relevant |appropriate )?(?:people|folks|team|teams)\b"
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


_NO_NEWS = re.compile(
    r"\b(?:(?:don't|do not|doesn't|haven't|have not) (?:\w+ )?(?:have|got|share)|(?:no|any) (?:more )?(?:info(?:rmation)?|news|updates?|details|timeline|eta|date|word)"
    r"|nothing (?:new )?to (?:share|report|announce)|soon|shortly|in the works|on the way|stay tuned|watch this space)\b",
    _I,
)


# Talk that sounds like an answer and isn't one.
_VAGUE = re.compile(
    r"\b(?:(?:can|may|might|will|do(?:es)?|often|tend to) (?:vary|differ|depend)|vary (?:depending|based|from)|depends? (?:on|a lot)|it depends"
    r"|(?:(?:it )?(?:really |all )?depends? (?:on )?)?(?:a (?:few|couple(?: of)?|number of)|several|many|various|lots of) (?:factors|things|variables)"
    r"|(?:can|may) get (?:a (?:little|bit|tad) |quite |pretty |rather |kind of )?(?:tricky|complicated|complex|confusing)"
    r"|(?:a (?:little|bit|tad)|bit|somewhat|quite|pretty|rather|super|kind of|sort of) (?:tricky|complicated|complex|confusing)"
    r"|(?:that's|that is|it's|it is) (?:a )?(?:tricky|tough|hard|difficult|complicated) (?:one|question|to answer)"
    r"|(?:i(?:'m| am)|we(?:'re| are)) (?:\w+ly )?(?:not (?:quite |totally |entirely |100% )?sure|unsure)|^(?:\W*(?:hmm+|um+|well|honestly|oh|sorry)\W*)*not (?:\w+ )?sure\b|(?:i|we) (?:don't|do not) (?:really )?know\b(?! (?:what|who|which|how|where|why|whether)\b)|no idea\b|hard to (?:say|tell)|difficult to say"
    r"|looking into (?:a (?:few|couple(?: of)?)|some|several|various|multiple|a number of) (?:things|options|possibilities|avenues)"
    r"|(?:we|i)(?:'ll| will) (?:look into|check(?: on| into)?|investigate|find out)(?: (?:it|this|that|things))?(?: for you)? and (?:get back|follow up|circle back|be in touch|let you know)"
    r"|(?:we|i)(?:'ll| will) (?:get back to you|circle back|be in touch|follow up)(?: (?:soon|shortly|asap|later))?\s*[.!]*$"
    r"|(?:a lot of|lots of|many|several|various|a number of|so many) (?:variables|factors|moving parts|things) (?:involved|to consider|at play|that (?:affect|go into|matter))"
    r"|lots of (?:factors|things|reasons)|(?:a )?(?:number|variety) of (?:factors|reasons)|all sorts of"
    # Platitudes that sound like an answer: "our API is built to scale with teams of every size",
    # "every claim matters to us", "we're working hard to get every package where it needs to go"
    r"|(?:is|are) (?:built|designed|made) to (?:scale|grow|flex|adapt) (?:with|for|to)\b[^.!?]{0,40}"
    r"|(?:is|are) (?:built|designed|made) to be (?:flexible|simple|fair|easy)\b[^.!?]{0,60}"
    r"|(?:is|are) something (?:we|i) (?:invest in|care (?:deeply )?about|take seriously|prioriti[sz]e)\b[^.!?]{0,20}"
    r"|we offer a (?:wide |broad |whole )?(?:range|variety|number|host) of\b[^.!?]{0,40}"
    r"|(?:every|each) (?:claim|request|case|inquiry|enquiry|order|package|delivery|customer|member|question|message|one)(?: we (?:receive|get|handle))? (?:matters|is important) to us"
    r"|(?:is|are) built with (?:reliability|security|safety|privacy|quality|you|our customers|members|students) in mind\b[^.!?]{0,60}"
    r"|we(?:'re| are) always (?:working|looking|striving|trying) (?:to|on|for ways to) (?:make|improve|making|improving|get|getting)\b[^.!?]{0,60}"
    r"|regularly reviews? (?:our|its|their|all) \w+\b[^.!?]{0,60}"
    r"|(?:any )?(?:updates|changes|news) (?:are|will be) (?:always )?(?:shared|announced|posted|communicated) (?:through|via|on|in) (?:our |the )?(?:official|usual) (?:channels|website|site)"
    r"|(?:you(?:'re| are) in (?:safe|good) hands)"
    r"|(?:details|terms|rules|coverage|benefits|costs|fees|prices|times) (?:can|may|will|do) (?:vary|differ|change)\b[^.!?]{0,20}"
    r"|we (?:always )?recommend (?:reviewing|reading|checking) (?:your|the) (?:plan|policy|account|contract|member|benefits?) (?:documents?|terms|details|handbook|summary|guide)"
    r"|we(?:'re| are) (?:always )?(?:working hard|committed|dedicated) to (?:getting|making|reviewing|providing|delivering|giving|ensuring|bringing|keeping)\b[^.!?]{0,50})",
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
    r"|\b(?:yes|yep|yeah|sure thing|absolutely|no),"
    # someone else's way in: "Your boyfriend can get a weekend day pass for $6"
    r"|\b(?:they|he|she|your (?:[\w-]+ )?(?:partner|friend|boyfriend|girlfriend|husband|wife|son|daughter|kids?|child(?:ren)?|family|guest|colleague|team|manager|admin|bank|doctor))"
    r" (?:can|could) (?:still |also |instead |always )?(?:get|buy|use|book|order|apply|sign up|join|try|pick|request|claim|call|visit)\b"
    # a hand-off to someone who can ("Grabbing someone who can"), a remedy given ("and added a $5 credit")
    r"|\b(?:grab|get|find|fetch|loop in|bring in|pull in)(?:bing|ting|ding|ing)? (?:in )?(?:someone|somebody|a colleague|a teammate|a specialist|a supervisor|a manager)\b"
    r"|\b(?:added|applied|issued|put|posted) (?:a |an )?(?:[$£€]\s?\d[\d.,]*\s?|\d+% )?(?:account |goodwill |courtesy |one-time )?(?:credit|refund|voucher|discount|coupon|gift card|rebate)\b)",
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


# A closing offer is no answer and no way forward: "Anything else I can help with?"
CLOSER = re.compile(
    r"\b(?:is there )?anything else (?:(?:that )?(?:i|we) can (?:help(?: you)?(?: out)?(?: with)?|do(?: for you)?|assist(?: you)?(?: with)?)|you need)\b"
    r"(?: today| for now| at the moment)?",
    _I,
)


def _has_substance_cue(text: str, link: bool) -> bool:
    if "nything else" in text:
        text = CLOSER.sub(" ", text)
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


# --------------------------------------------------------------------------- threads, and the span of a sentence finding

_CONTINUED = re.compile(r"^\W*(?:@\w+\s+)*(?:>>|&gt;|\.\.\.|…|\(?\d{1,2}(?:/\d{1,2})?[:)])|(?:>|&gt;|\.\.\.|…|\(?\d{1,2}/\d{1,2}\)?|\(cont(?:'d|inued)?\))\W*$", _I)


def _partial(analysis: "Analysis") -> bool:
    """Is this one tweet of a thread (">>", "1:", "2/2", "…")? Then the rest of the answer may be elsewhere."""
    return bool(_CONTINUED.search(analysis.text) or analysis.source.regions_of("thread_marker"))


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
