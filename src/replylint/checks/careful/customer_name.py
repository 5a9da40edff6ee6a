"""CAR009: a greeting that names someone other than the customer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Edit, Severity
from ...fixes import suggestion
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _fold, _name_tokens, _overlaps

# Equivalent forms of one name (formal names, short forms, common spellings). Compact on purpose:
# a greeting that uses any form in the customer's group is theirs. Prefix forms (Alex/Alexandra,
# Chris/Christina) are matched by rule, not listed.
_NICK_GROUPS = """
daniel dan danny dani | robert rob robbie bob bobby bert | william will bill billy willie liam
elizabeth liz lizzie lizzy beth betty eliza libby lisa elsie | katherine catherine kathryn katharine kate katie kathy cathy kat kit kitty
michael mike mikey mick mickey | james jim jimmy jamie | john jack johnny jon | jonathan jon jonny
joseph joe joey | thomas tom tommy | richard rick ricky rich richie dick | charles charlie chuck chas
christopher chris kit topher | christina christine kristina kristine chris tina chrissy | matthew matt matty
anthony tony ant | andrew andy drew | alexander alexandra alexandria alex alexa lex sasha sandy xander
nicholas nick nicky nico | nicole nicky nikki | benjamin ben benny benji | samuel samantha sam sammy
jennifer jen jenny jenn | jessica jess jessie | rebecca becky becca | margaret maggie meg peggy marge greta
patricia pat patty trish tricia | patrick pat paddy | susan sue susie suzanne suzy | deborah debra deb debbie
victoria vicky vicki tori | abigail abby abbie | olivia liv livvy livia | isabella isabel isabelle bella izzy
gabriel gabe | gabriella gabrielle gabby | steven stephen steve stevie | stephanie steph stephie
edward ed eddie ted ned | theodore theo ted teddy | timothy tim timmy | gregory greg | jeffrey geoffrey jeff geoff
kenneth ken kenny | ronald ron ronnie | donald don donnie | douglas doug | raymond ray | lawrence laurence larry
gerald gerry jerry | peter pete | philip phillip phil | frederick fred freddie freddy | francis frank frankie
frances fran frankie | harold harry hal | henry hank harry hal | walter walt wally | zachary zach zack
joshua josh | nathaniel nathan nate | jacob jake | dominic dominick dom | vincent vince vinny | leonard leo len lenny
sebastian seb | maximilian maxwell max | cameron cam | kimberly kimberley kim | amanda mandy | melissa mel missy
melanie mel | pamela pam | cynthia cindy | dorothy dot dottie | josephine jo josie | joanna joanne jo
judith judy | valerie val | veronica ronnie | zoe zoey | eleanor ellie nora | ellen ellie | emily em emmy
emma em | madeline madeleine madison maddie | natalie nat | natasha tasha | alexis lexi | anastasia ana stacy
ann anne anna annie | mary molly polly mae | sarah sara sally sadie | caroline carol carrie | jacqueline jackie
rosemary rose rosie | teresa theresa terry tess tessa | raphael rafael rafa | francisco paco pancho
jose pepe | alejandro ale | guillermo memo | eduardo lalo | roberto beto | ricardo rico | enrique kike quique
manuel manny | mohammed muhammad mohammad mohamed mohamad mo | abdullah abdul | dmitri dmitry dima
ivan vanya | evgeny yevgeny zhenya | giuseppe beppe | johannes hans | kelsey kels | priya priyanka
"""
_COMMON_FIRST = frozenset("""
aaron abigail adam adrian ahmed aisha alan albert alex alice alicia alison allison amber amy ana andrea angela
anita antonio april arjun arthur ashley austin barbara benjamin beth betty beverly bianca brandon brenda brian
brittany brooke bruce bryan caleb carl carla carlos carmen carol caroline carrie cecilia chad charlotte chelsea
cheryl chloe christian cindy claire clara colin connor courtney craig crystal curtis dana daniel danielle david
dawn dean denise dennis derek diana diane diego donna dylan edgar elena elijah elizabeth ella ellen emily emma
eric erica erin ethan eva evan fatima felix fernando fiona gabriel gary george gloria grace hannah harold
heather helen hector holly hugo ian irene isaac isabel isabella jack jackson jacob jade james jamie jane janet
jared jasmine jason javier jean jeffrey jenna jennifer jeremy jesse jessica jill joan joanna joel john jordan
jorge jose joseph joshua joy joyce juan judy julia julian julie justin kaitlyn karen karl kate katherine kathleen
katie kayla keith kelly kelsey ken kevin kim kyle laura lauren leah lee leo leon liam lily linda lindsay lisa
logan lori louis lucas lucy luis luke lydia lynn madison mai marcus margaret maria mariah marie marilyn mario
mark marta martha martin mary mason matthew maya megan melissa mia michael michelle miguel mila milo miranda
mohammed molly monica morgan nadia nancy naomi natalie nathan neil nicholas nicole nina noah nora oliver olivia
omar oscar owen pablo pamela patricia patrick paul paula pedro peter philip priya rachel rafael ramon randy
raquel ravi ray rebecca riley rita robert robin rodrigo roger ronald rosa ruby russell ruth ryan samantha samuel
sandra sara sarah scott sean sergio shannon sharon shawn sofia sophia sophie stacy stephanie steven susan sydney
tamara tanya tara taylor teresa thomas tiffany timothy tina todd tom tony tracy travis tyler valerie vanessa
victor victoria vincent wendy william xavier yasmin yusuf zachary zoe
ahmad ali amir anil chen deepak emre fatma hana hiroshi jin kenji li mehmet mei raj rahul sanjay sunil wei yuki
aiden ava camila elena harper hazel layla luna nora penelope scarlett stella violet zara
""".split())
_NICKS: dict[str, frozenset[str]] = {}
for _group in _NICK_GROUPS.replace("\n", " | ").split("|"):
    _names = frozenset(_group.split())
    for _n in _names:
        _NICKS[_n] = _NICKS.get(_n, frozenset()) | _names
_KNOWN_NAMES = _COMMON_FIRST | frozenset(_NICKS)

_GREET_LEAD = re.compile(
    r"(?i)(?:hi|hello|hey|hiya|howdy|dear|greetings|good (?:morning|afternoon|evening|day)|morning|evening)\b[\s,]*"
)
_NOT_NAMES = frozenset("""
there all team folks everyone everybody again guys friend friends yall y'all you both sir madam ma'am mate
buddy pal love dear welcome sorry thanks thank please yes no ok okay and from it's its this i i'm we we're our
to back gang fam neighbor neighbour lovely crew customer customers user member members support hello hi hey
in just so morning afternoon evening people ladies gents gentlemen world twitter again, happy great good
""".split())
# Titles and roles a greeting may use instead of a name ("Dear Policyholder", "Hi Valued Member").
_ROLE_WORDS = frozenset("""
valued dear esteemed loyal member customer client subscriber user policyholder cardholder holder patient
homeowner applicant guest shopper traveler traveller passenger student parent resident tenant owner buyer
seller partner colleague sir madam madame friend neighbor donor supporter fan player gamer driver rider diner
reader listener viewer caller visitor investor borrower beneficiary employee manager admin administrator
developer creator merchant vendor host account team support everyone all folks there community family
""".split())
_ROLE_SUFFIX = re.compile(r"(?i)(?:holder|owner|er|or|ant|ent|ee|ist|ian|ive|ship|ment|ness|ing|s)$")


def _role_like(word: str) -> bool:
    """An unknown greeting word that reads as a title or role, not a first name."""
    w = _fold(word)
    return w in _ROLE_WORDS or bool(_ROLE_SUFFIX.search(w))


_TITLE_WORD = re.compile(r"(?i)(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'’-]*[a-z\u00c0-\u024f](?:[-'’][A-Za-z\u00c0-\u024f]+)?")


def _fixed(word: str) -> str:
    if word.isascii():
        return word
    import ftfy

    return ftfy.fix_text(word, uncurl_quotes=False)


def _same_person(word: str, tokens: list[str]) -> bool:
    """Does a greeting word name the customer (any of their names, a short form or a prefix form)?"""
    w = _fold(_fixed(word))
    for token in tokens:
        if w == _fold(token):
            return True  # "Ji-woo" for Ji-woo Park: a hyphenated name matched whole
        for part in re.split(r"[-\s]", token):
            t = _fold(part)
            if not t:
                continue
            if w == t or w in _NICKS.get(t, ()) or t in _NICKS.get(w, ()):
                return True
            if len(w) >= 3 and len(t) >= 3 and (t.startswith(w) or w.startswith(t)):
                return True
    return False


_THANKS_NAME = re.compile(
    r"(?i:\b(?:thanks(?: so much| again)?|thank you(?: so much| again)?|sorry|cheers|congrats|congratulations|"
    r"welcome back|good news|no problem|you'?re welcome|happy to help))[ \t]*,?[ \t]+"
    r"(?P<name>[A-Z][a-z\u00c0-\u024f]{2,})\b(?=[ \t]*[!,.?])"
)


# "the host, Daniel", "my manager, Priya": a role noun before the name introduces a colleague.
_ROLE_NOUNS = (
    r"(?:host|agent|manager|supervisor|colleague|coworker|co-worker|"
    r"teammate|technician|tech|engineer|specialist|rep|representative|adjuster|advisor|adviser|driver|courier|"
    r"instructor|trainer|coach|doctor|nurse|pharmacist|lead|owner|director|analyst|developer|designer|installer|"
    r"planner|coordinator|consultant|concierge|pilot|captain|chef|guide|presenter|speaker|moderator|contact|"
    r"account manager|case manager|counsellor|counselor|agent assigned|teacher|tutor|inspector|plumber|electrician|"
    r"vet|veterinarian|dentist|hygienist|groomer|stylist|therapist|mechanic|receptionist|contractor|officer|landlord)"
)
_APPOSITIVE = re.compile(r"(?i)\b(?:the|our|my|your|a|an|their|his|her)\s+(?:[\w-]+\s+)?" + _ROLE_NOUNS + "$")
# "Marcus, one of our sign-in specialists, is ready", "Ben, our pharmacist, has set aside…": the
# role after the name introduces a colleague.
_APPOSITIVE_AFTER = re.compile(
    r"(?i)[ \t]*,[ \t]+(?:one of (?:our|the|my)\b|(?:our|my|the|a|an) (?:[\w-]+ ){0,3}?" + _ROLE_NOUNS + r"s?\b|who\b)"
)


_TITLED = re.compile(
    r"(?:,[ \t]*|\b(?i:hi|hello|dear|thanks|thank you|sorry)[ \t,]+)(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+"
    r"(?P<name>[A-Z][a-z\u00c0-\u024f'’-]+)(?=[ \t]*[.!?,])(?!['’]s)"
)
# A name addressed after a comma: at the end of a sentence, or mid-sentence before a lower-case word.
_VOCATIVE = re.compile(
    r"(?P<pre>[^\n,.!?]{3,80}),[ \t]+(?P<name>[A-Z][a-z\u00c0-\u024f]{2,})"
    r"(?:[ \t]*(?=[!?.]|$)|(?P<mid>(?=,[ \t]+[a-z])))",
    re.MULTILINE,
)
_SIGNATURE_LEAD = re.compile(r"(?i)(?:thanks|thank you|cheers|best|regards|talk soon|take care|all the best|"
                             r"kind regards|warm regards|many thanks|with thanks)\b")


class WrongCustomerName(Rule):
    id = "CAR009"
    name = "wrong-customer-name"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A greeting (or a thank-you) that names someone other than the customer."
    why = (
        "Calling Daniel “Maria” tells him the reply was pasted from someone else's ticket, and it may "
        "carry their details too. Short forms of the customer's own name (Dan for Daniel, Liv for Olivia) "
        "are fine, and so are “Hi there” or “Hi team”. Needs `customer_name` in the context."
    )
    message = "“{passage}” isn't the customer's name ({customer}); check the reply is for this customer."
    fix = "unsafe"
    bad = examples(
        {"text": "Hi Maria, I've moved your delivery to Saturday.", "context": {"customer_name": "Daniel Ortiz"},
         "flagged": "Maria", "fixed": "Hi Daniel, I've moved your delivery to Saturday."},
        {"text": "@livbrooks Hi Emma! Your refund went through this morning.",
         "context": {"customer_name": "Olivia Brooks"}, "flagged": "Emma",
         "fixed": "@livbrooks Hi Olivia! Your refund went through this morning."},
        {"text": "Hi Liam,\n\nYour router is activated.\n\nThanks again for your patience, Sarah!\n\nBest,\nKate",
         "context": {"customer_name": "Liam Byrne", "agent_name": "Kate"}, "flagged": "Sarah"},
        {"text": "Dear Mr. Jensen, your claim was approved.", "context": {"customer_name": "Daniel Ortiz"},
         "flagged": "Jensen"},
        {"text": "Thanks for verifying, Mr. Petrov. I've cleared the fraud hold.", "context": {"customer_name": "Ivan Sokolov"}, "flagged": "Petrov"},
        {"text": "The update wiped cosmetics on a few accounts. I've restored all 15 skins, Kenji, including the Aurora bundle.", "context": {"customer_name": "Lucia Gomez"}, "flagged": "Kenji"},
    )
    good = examples(
        {"text": "Hi Dan, I've moved your delivery to Saturday.", "context": {"customer_name": "Daniel Ortiz"}},
        {"text": "@livbrooks Hi Liv! Your refund went through.", "context": {"customer_name": "Olivia Brooks"}},
        {"text": "Hi there, I've moved your delivery to Saturday.", "context": {"customer_name": "Daniel Ortiz"}},
        {"text": "Dear Mr. Ortiz, your claim was approved.", "context": {"customer_name": "Daniel Ortiz"}},
        {"text": "Hi Maria, I've moved your delivery to Saturday."},
        {"text": "Hi Zoë, your order has shipped.", "context": {"customer_name": "Zoe Adams"}},
        {"text": "Hi Daniel, Jake on our billing team approved it. Thanks, Kate",
         "context": {"customer_name": "Daniel Ortiz"}},
        {"text": "I've asked Dr. Patel's office to resubmit it, and I'll email you Thursday.", "context": {"customer_name": "Monica Reyes"}},
        {"text": "Thanks for verifying, Mr. Sokolov. I've cleared the hold.", "context": {"customer_name": "Ivan Sokolov"}},
        {"text": "Our installers, Maria, Jose, and Ana, will arrive at 9.", "context": {"customer_name": "Lucia Gomez"}},
        {"text": "Hi Ji-woo, your data request is in.", "context": {"customer_name": "Ji-woo Park"}},
        {"text": "If it still fails, Marcus, one of our sign-in specialists, will call you today.",
         "context": {"customer_name": "Meera Shah"}},
        {"text": "So you don't wait any longer, Ben, our pharmacist, has set aside a 3-day supply.",
         "context": {"customer_name": "Roberto Diaz"}},
        {"text": "Dear Pet Owner, Biscuit's booster is due.", "context": {"customer_name": "Dana Lee"}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        tokens = _name_tokens(rc.context.customer_name)
        if not tokens:
            return
        text = analysis.text
        first = tokens[0]
        agent = _name_tokens(rc.context.agent_name)
        asked = {_fold(w) for w in re.findall(r"[^\W\d_]+", rc.context.customer_message or "")}

        def wrong(word: str) -> bool:
            f = _fold(_fixed(word))
            return not (_same_person(word, tokens) or (agent and _same_person(word, agent)) or f in asked)

        done: set[int] = set()
        for region in analysis.source.regions_of("greeting"):
            names = self._greeting_names(text, region.start)
            if names and all(wrong(text[a:b]) for a, b in names):
                a, b = names[0]
                done.add(a)
                yield self._hit(text, a, b, first, rc)
        for m in _TITLED.finditer(text):  # "Thanks for verifying, Mr. Petrov."
            a, b = m.start("name"), m.end("name")
            if a in done or _overlaps(analysis, a, b, "quote", "handle") or not wrong(text[a:b]):
                continue
            if _APPOSITIVE.search(text[max(0, m.start() - 60):m.start()].rstrip(" ,")) or _APPOSITIVE_AFTER.match(text, b):
                continue  # "his teacher, Mr. Alvarez, would love…": a colleague introduced
            done.add(a)
            yield self._hit(text, a, b, first, rc)
        for m in _VOCATIVE.finditer(text):  # "…, Maria." and "… all 15 skins, Kenji, including the bundle."
            a, b = m.start("name"), m.end("name")
            word, pre = text[a:b], m.group("pre").strip()
            if a in done or _overlaps(analysis, a, b, "greeting", "signoff", "quote", "handle"):
                continue
            if _fold(word) not in _KNOWN_NAMES or len(pre.split()) < 2 or not wrong(word):
                continue
            if _APPOSITIVE.search(pre) or _APPOSITIVE_AFTER.match(text, b):
                continue  # "I'll pass them to the host, Daniel", "Ben, our pharmacist, …": naming a colleague
            if m.group("mid") is not None:
                if len(pre) < 12 or re.search(r"[A-Z][a-z]+$", pre) or re.match(r",\s*(?:and|or|&|[A-Z])", text[b:b + 6]):
                    continue  # a list of names ("Maria, Jose, and Ana")
            elif not text[b:].strip(" \t!?.") and _SIGNATURE_LEAD.match(pre):
                continue  # "Talk soon, Kate" closing a reply is the agent's signature
            done.add(a)
            yield self._hit(text, a, b, first, rc)
        for m in _THANKS_NAME.finditer(text):
            a, b = m.start("name"), m.end("name")
            word = text[a:b]
            if _overlaps(analysis, a, b, "greeting", "signoff", "quote", "handle") or _fold(word) not in _KNOWN_NAMES:
                continue
            if re.match(r"[ \t]*[.,]?[ \t]*(?:\n|$)", text[b:]) or not wrong(word):
                continue  # "Thanks, Kate" ending a reply or a line is a signature
            if a not in done:
                done.add(a)
                yield self._hit(text, a, b, first, rc)

    def _greeting_names(self, text: str, start: int) -> list[tuple[int, int]]:
        """The name words a greeting addresses (“Hi Maria and John,” → Maria, John); [] for “Hi there”."""
        stop = re.compile(r"[\n,!?:;]").search(text, start)
        end = min(stop.start() if stop else len(text), start + 80)
        lead = _GREET_LEAD.match(text, start, end)
        if not lead:
            return []
        pos = lead.end()
        m = re.compile(r"(?i)(?:again|there)\b[\s,]*").match(text, pos, end)
        if m:
            pos = m.end()
        names: list[tuple[int, int]] = []
        closes = False
        while pos < end and len(names) < 3:
            m = _TITLE_WORD.match(text, pos, end)
            if m:
                pos = m.end()
                continue
            m = _NAME_WORD.match(text, pos, end)
            if not m:
                low = re.compile(r"[a-z\u00c0-\u024f][a-z\u00c0-\u024f'’-]+").match(text, pos, end)
                if (low and _fold(low.group()) in _KNOWN_NAMES and _fold(low.group()) not in _NOT_NAMES
                        and text[low.end():low.end() + 1] in {",", "!", ".", ""}):
                    m = low  # "hi maria," typed in lower case
                else:
                    break
            names.append((m.start(), m.end()))
            pos = m.end()
            if pos >= end or text[pos] in ".":
                closes = True
                break
            sep = re.compile(r"\s+(?:and|&)\s+|\s+").match(text, pos, end)
            if not sep:
                break
            pos = sep.end()
        if not names:
            return []
        first_word = text[names[0][0]:names[0][1]]
        if _fold(first_word) in _NOT_NAMES or text[names[0][1]:names[0][1] + 6].lstrip().lower().startswith("here"):
            return []  # "Hi Team", "Hey, Kate here"
        known = _fold(_fixed(first_word)) in _KNOWN_NAMES
        if not known and (not closes or any(_role_like(text[a:b]) for a, b in names)):
            return []  # "Dear Pet Owner": a role, which PER001 reports
        return names

    def _hit(self, text: str, a: int, b: int, first: str, rc: RuleContext) -> Hit:
        edit = Edit(a, b, first)
        return Hit(a, b, message=self.message.format(passage=text[a:b], customer=rc.context.customer_name),
                   suggestions=[suggestion(edit, f"Use “{first}”", safe=False)])
