"""CUS001: excuses about our own access, permissions or tools."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...nlp import Analysis

from ._text import _A, _I_AM, _NEG, _NEG_TOKS, _WE_ARE, _Gate, _GateSet, _Sent, _sents
from .capacity import _merged

_PRIV_NOUN = (
    r"(?:access(?: rights)?|permissions?|privileges?|authority|clearance|visibility|authori[sz]ation|admin rights|"
    r"the (?:ability|tools?|system access) to (?:see|view|access|change|edit|issue|approve|override|process|update|make changes))"
)
# Who, on our side, can lack a privilege: a role, or my login, tools or access level.
_ROLE = (
    r"(?:(?:(?:support|chat|frontline|front[- ]line|customer service|care|phone|social|our|the|regular|general|first[- ]line|tier[- ]?(?:1|one))\s+)+"
    r"(?:agents?|staff|reps?|representatives?|advisors?|associates?|team members?|team|folks)|agents|reps|staff|"
    r"(?:my|our)\s+(?:\w+\s+)?(?:login|account|access(?: level)?|role|permissions?|tools?|tooling|screen|system|dashboard|view|profile|"
    r"user (?:account|level))|(?:the|our)\s+tooling)"
)
_PRIV_VERB = (
    r"(?:see|view|access|check|pull up|look up|bring up|approve|authori[sz]e|issue|make changes|change|edit|modify|override|"
    r"waive|process|touch|adjust|refund|credit|reactivate|reopen|unlock|extend|cover|include|show|display|let me|let us|reach(?!\s+out)|"
    r"allow me|allow us|give me|give us|have access|get access|go into|get into|handle)"
)
_BOSS = (
    # (not "admins": in a SaaS reply those are usually the customer's own workspace admins)
    r"(?:supervisors?|managers?|team ?leads?|leads|our admins?|specialists?|senior (?:agents?|staff)|tier[- ]?(?:2|3|two|three)|"
    r"level[- ]?(?:2|3|two|three)|the billing team|billing|the back[- ]?office|back[- ]?office|my manager|a manager|a supervisor|"
    r"finance|the finance team|escalations|my supervisor|my team ?lead|my lead|my boss|a team ?lead|my manager)"
)
_PRIV_KEYS = (
    "access permission permissions privilege privileges authority clearance visibility authorization authorisation "
    "authorized authorised rights ability tool tools"
)
_ROLE_KEYS = (
    "agent agents staff rep reps representative representatives advisor advisors associate associates team folks login "
    "account access role permissions permission tool tools tooling screen system dashboard view profile user member members"
)
_LACK = [
    # "those reviews sit outside what my console can open", "plan-change history is hidden on the chat side",
    # "support accounts can't touch the deletion logs"
    ("console tool tools screen view dashboard system login",
     (r"\b(?:outside|beyond) what (?:my|our|the agent|the support) (?:console|tool|tools|screen|view|dashboard|system|login)"
     r"(?: on the [\w ]{1,20}?)? (?:can|will|is able to) (?:open|see|show|access|reach|pull up|approve|do)\b"
     r"|\b(?:my|our) (?:console|tool|tools|screen|view|dashboard|system) (?:can't|cannot|can not|doesn't|does not|won't|will not) "
     r"(?:open|see|show|access|pull up|display)\b")),
    ("view visibility access",
     r"\b(?:our|the|my) (?:[\w-]+ )?(?:team|desk|side|channel) (?:has|have) no (?:view|visibility|access) (?:of|into|to|on)\b"),
    ("hidden",
     r"\b(?:is|are) hidden (?:on|from) (?:the|my|our) (?:chat|support|agent|frontline|front-line) (?:side|end|view|tool|team|agents)\b"),
    ("accounts account agents staff",
     (r"\b(?:support|agent|frontline|front-line|chat) (?:accounts?|agents|staff|logins?) (?:can't|cannot|can not|don't|do not) "
     r"(?:touch|see|access|open|view|edit|change)\b")),
    # "I don't have access to", "we can't get permission for", "I have no visibility into"
    (_PRIV_KEYS,
     (rf"\b(?:i|we)\s+(?:(?:just|really|currently|personally|actually|still|unfortunately)\s+)?{_NEG}\s+"
     rf"(?:(?:seem to|appear to)\s+)?(?:have|get|hold|be given)\s+(?:(?:the|any|an?|direct|full|enough|necessary|"
     rf"required|proper|system|admin|that|this|those|such)\s+){{0,2}}{_PRIV_NOUN}(?:\s+(?:to|into|for|on|over)\b)?")),
    (_PRIV_KEYS + "&no",
     rf"\b(?:i|we)\s+(?:have|got)\s+no\s+(?:\w+\s+)?{_PRIV_NOUN}(?:\s+(?:to|into|for|on|over)\b)?"),
    ("lack lacking",
     rf"\b(?:i|we)\s+lack\s+(?:the\s+)?{_PRIV_NOUN}"),
    # "I'm not authorized to", "we aren't permitted to", "I'm not allowed to"
    ("not&authorized authorised permitted allowed cleared able given set trained empowered",
     (rf"\b{_I_AM}\s+(?:(?:just|really|currently|actually|unfortunately)\s+)?not\s+"
     rf"(?:authori[sz]ed|permitted|allowed|cleared|able to access|given access|set up|trained|empowered)\s+to\b")),
    ("not&authorized authorised permitted cleared given set empowered",
     (rf"\b{_WE_ARE}\s+(?:(?:just|really|currently|actually|unfortunately)\s+)?not\s+"
     rf"(?:authori[sz]ed|permitted|cleared|given access|set up|empowered)\s+to\b")),
    # "I'm only set up to handle", "I'm only allowed to refund up to"
    ("only",
     rf"\b(?:{_I_AM}|{_WE_ARE})\s+only\s+(?:set up|authori[sz]ed|permitted|allowed|trained|cleared|empowered)\s+to\b"),
    ("only",
     (r"\bi\s+can\s+only\s+(?:refund|credit|approve|authori[sz]e|issue|offer|comp|waive|see|view|access)\s+"
     r"(?:\w+\s+){0,3}?(?:up to|a maximum of|max(?:imum)?)\b")),
    ("limited",
     rf"\b{_I_AM}\s+(?:only\s+)?limited to\s+(?:refunding|crediting|approving|issuing|offering|refunds|credits)\b"),
    # "our system won't let me", "the tool doesn't allow us"
    ("let lets allow allows permit give gives",
     (rf"\b(?:our|the|my)\s+(?:\w+\s+)?(?:system|systems|tool|tools|software|screen|dashboard|crm|portal|console|computer|database)\s+"
     rf"(?:(?:just|simply|currently|still|here|unfortunately)\s+)?(?:{_NEG}|won{_A}?t)\s+"
     r"(?:let|allow|permit|give|letting|allowing)s?\s+(?:me|us|agents?|staff)\b")),
    # "my screen doesn't show", "the tool I'm working in only shows", "our tools don't show"
    (("show shows display displays include includes have has give go cover covers let lets allow allows"
     "&screen screens tool tools view dashboard console system systems database software portal app crm"),
     (rf"\b(?:(?:my|our)\s+(?:\w+\s+)?(?:screen|screens|tools?|view|dashboard|console|systems?|database)|"
     rf"(?:the|our)\s+(?:\w+\s+)?(?:tools?|screen|system|software|dashboard|portal|console|app|database|crm)\s+(?:that\s+)?(?:i|we)"
     rf"(?:\s+(?:use|have|see|work (?:in|with|from))|{_A}m (?:using|working (?:in|with|from|on))|{_A}re (?:using|working (?:in|with|from|on)))"
     r"(?:\s+(?:on|at|from)\s+(?:our|my)\s+(?:side|end))?)\s+"
     rf"(?:{_NEG}\s+(?:show|display|include|have|give|go back|cover|let|allow)|only\s+(?:shows?|displays?|goes back|has|have|covers?|lets?|allows?))\b")),
    # "I can't make changes from the chat tool", "I'm not able to approve them myself"
    (("myself here end side account tool system screen chat channel line desk dashboard portal login view platform twitter social dm "
     "access permissions permission tools workstation computer terminal pc laptop"),
     (rf"\b(?:i|we)(?:\s+(?:(?:just|really|currently|unfortunately|personally)\s+)?(?:{_NEG}|am not able to|am unable to|are unable to|"
     rf"are not able to|have no way to)|{_A}(?:m|re) (?:(?:just|really|currently|unfortunately)\s+)?(?:not able to|unable to)|{_A}ve no way to)\s+(?:\w+\s+)?"
     r"(?:see|view|access|pull up|look up|bring up|approve|authori[sz]e|issue|make changes|change|edit|modify|override|waive|"
     r"process|touch|adjust|refund|update|do|apply)\b[^.!?\n]{0,50}?(?:\bmyself\b|\bfrom here\b|"
     r"\bfrom (?:my|our|this|the) (?:\w+ )?(?:end|side|account|tool|system|screen|chat|channel|line|desk|dashboard|portal|login|"
     r"workstation|computer|terminal|pc|laptop)\b|"
     r"\b(?:on|at) (?:my|our) (?:end|side)\b|\bin (?:my|our|the chat|the agent) (?:system|tool|view|dashboard)s?\b|"
     r"\bon (?:this|my) (?:screen|channel|line|tool|platform)\b|\bvia (?:this channel|twitter|social media|chat|dm)\b|"
     r"\bover (?:twitter|social media|chat|here)\b|\bwith (?:my|the) (?:access|permissions?|tools?|login)\b)")),
    # "chat agents are walled off from the pharmacy's records", "we're locked out of that system"
    ("walled cut locked blocked&off out",
     (r"\b(?:agents?|reps?|we|i|staff|chat|support|advisors?)(?:\s+\w+){0,2}\s+(?:are|am|is|{a}re|{a}m)\s+(?:walled|cut|locked|blocked)\s+"
      r"(?:off|out)\s+(?:from|of)\b").replace("{a}", _A)),
    # "from my side I only get a stripped-down view of workspaces"
    ("view&only",
     r"\bi only (?:get|have|see) an? (?:stripped[- ]down|limited|partial|read-only|basic|restricted) view\b"),
    # "needs dev-side database access, which the social team doesn't have"
    ("access permission permissions&doesn don",
     (r"\b(?:access|permissions?)\b[^.!?\n]{0,20}?,?\s+which (?:the|our|my) [\w-]+(?: [\w-]+)? (?:team|agents|desk|side) "
      rf"(?:doesn{_A}t|does not|don{_A}t|do not) have\b")),
    # "billing info isn't something I can pull up", "that's beyond what I can do"
    ("something",
     (rf"\b(?:is ?n{_A}?t|is not|are ?n{_A}?t|are not|{_A}s not)\s+something\s+(?:i|we)\s+(?:can|am able to|{_A}m able to|are able to|"
     r"have (?:access|permission) to)\s+(?:see|view|access|pull up|look up|bring up|approve|authori[sz]e|change|edit|override|waive|"
     r"touch|check)\b")),
    ("what",
     (rf"\b(?:beyond|outside(?: of)?|above)\s+what\s+(?:i|we)\s+(?:can|am able to|{_A}m able to|are able to|{_A}re able to|have access to|"
     rf"am allowed to|{_A}m allowed to)\b")),
    # "agents on this line can't view payment records", "my role doesn't include access"
    (("line channel chat team desk account platform level&agent agents rep reps representative representatives "
     "advisor advisors staff we us"),
     (rf"\b(?:agents?|reps?|representatives?|advisors?|staff|we|us)\s+(?:on|in|at|from)\s+(?:this|the)\s+(?:\w+\s+)?(?:line|channel|chat|"
     rf"team|desk|account|platform|level)\s+(?:{_NEG}|have no|are unable to|are not able to)\s+(?:\w+\s+)?(?:see|view|access|pull up|"
     r"look up|approve|change|edit|override|waive|touch|have access|get access|process)\b")),
    ("my",
     (rf"\bmy\s+(?:role|account|login|profile|level|position|permissions?|job|access)\s+(?:{_NEG}|does ?n{_A}?t)\s+"
     r"(?:include|have|give|cover|allow|let|grant|extend|go)\b")),
    ("just only",
     (rf"\b{_I_AM}\s+(?:just|only)\s+(?:a\s+|an\s+|in\s+)?(?:first[- ]line|front[- ]?line|tier[- ]?(?:1|one)|level[- ]?(?:1|one)|L1|"
     r"entry[- ]level|chat(?: support)?|general support|a general)\b")),
    ("limits restricts confines",
     (r"\b(?:this|our|the)\s+(?:[\w-]+\s+)?(?:platform|channel|chat|line|account|tool|system)\s+(?:only\s+)?"
     r"(?:limits|restricts|confines)\s+(?:me|us)\b")),
    # "I only have read-only access", "my permissions are limited"
    ("read limited view restricted basic",
     (r"\b(?:i|we)\s+(?:only\s+)?(?:have|get)\s+(?:(?:very|pretty|quite)\s+)?(?:read[- ]only|limited|view[- ]only|restricted|basic)\s+"
     r"(?:access|permissions?|rights|visibility)\b")),
    ("my&read limited restricted view",
     r"\bmy\s+(?:access|permissions?|login|account)\s+(?:is|are)\s+(?:only\s+)?(?:read[- ]only|limited|restricted|view[- ]only)\b"),
    # "chat agents don't have visibility into fraud holds"
    (_PRIV_KEYS,
     (rf"\b(?:(?:[\w-]+\s+)?(?:agents|reps|advisors|associates|staff)|support|frontline|front[- ]line|customer service)\s+"
     rf"(?:{_NEG})\s+(?:have|get)\s+(?:(?:the|any|an?|direct|full)\s+)?{_PRIV_NOUN}")),
    # "only supervisors can issue credits", "I only do tech support"
    ("only",
     # "only admins can approve payroll" is the customer's own workspace; "only our admins can" is ours
     (r"\bonly\s+(?:supervisors?|managers?|team ?leads?|leads|our admins?|specialists?|senior (?:agents?|staff)|tier[- ]?(?:2|3|two|three)|"
     r"level[- ]?(?:2|3|two|three)|billing|back[- ]?office|my manager|a manager|a supervisor)\s+(?:agents?\s+|staff\s+|team\s+)?"
     r"(?:can|are (?:able|allowed|authori[sz]ed|permitted) to|have (?:access|permission|the authority))\b")),
    ("only just&do handle cover work deal look",
     (r"\bi\s+(?:only|just)\s+(?:do|handle|cover|work on|deal with|look after)\s+(?:tech(?:nical)?|billing|sales|account|general|"
     r"the tech|the technical)\b")),
    # "it won't let me issue a second replacement", "I can't override the system"
    ("me&let allow",
     (rf"\bit\s+(?:{_NEG}|won{_A}?t|keeps? refusing to)\s+(?:let|allow)\s+me\s+(?:to\s+)?(?:issue|apply|change|process|refund|edit|"
     r"override|add|remove|cancel|update|reissue|credit|waive|extend|submit|save|book|reopen)\b")),
    ("override",
     rf"\b(?:i|we)\s+(?:{_NEG})\s+override\s+(?:the|our)\s+(?:system|tool|policy|settings)\b"),
    # "that's a limitation of the software we use"
    ("limitation limitations",
     r"\blimitations?\s+(?:of|in|with)\s+(?:the|our|my)\s+(?:\w+\s+)?(?:software|systems?|tools?|platform|crm|setup|backend|back end)\b"),
    # an agent-side role that can't do a privileged thing: "support staff can't see card numbers",
    # "agents can't issue refunds on orders older than 60 days", "my access level doesn't cover business accounts"
    (_ROLE_KEYS + "&" + _NEG_TOKS,
     (rf"\b{_ROLE}\s+(?:(?:just|simply|currently|still|here|unfortunately|also)\s+)?(?:{_NEG}|have no way to|are unable to|is unable to)\s+"
     rf"(?:(?:even|really|actually)\s+)?{_PRIV_VERB}\b")),
    ("only",
     rf"\bonly\s+{_BOSS}\s+(?:can|are (?:able|allowed|authori[sz]ed|permitted) to|have (?:access|permission|the authority))\b"),
    ("only",
     rf"\b{_BOSS}\s+(?:are|is)\s+the only (?:ones?|people|person|team)\s+(?:who|that)\s+(?:can|are able to|have access)\b"),
    ("locked restricted blocked hidden greyed grayed limits available visible",
     (r"\b(?:locked(?: down)?|restricted|blocked|hidden|greyed out|grayed out|off[- ]limits|not (?:available|visible))\s+"
     r"(?:for|to|from)\s+(?:my|our|me|us|agents|(?:my|our) (?:\w+ )?(?:login|account|access|role|level|team|profile|user|tools?))\b")),
    ("way",
     (rf"\b(?:i|we)\s+(?:have|{_A}ve got|had)\s+no\s+way\s+(?:of|to)\s+(?:see(?:ing)?|view(?:ing)?|check(?:ing)?|access(?:ing)?|"
     r"pull(?:ing)? up|look(?:ing)? up|tell(?:ing)? which|confirm(?:ing)?)\b")),
    ("keys key",
     rf"\b(?:i|we)\s+{_NEG}\s+(?:have|hold)\s+the\s+keys?\s+(?:to|for)\b"),
    # "I can't access the refunds tool", "I can only see the last four digits on my end"
    ("access get log use see open into",
     (rf"\b(?:i|we)(?:\s+(?:{_NEG}|am not able to|am unable to|are unable to|have no way to)|{_A}(?:m|re) (?:not able to|unable to))\s+"
     r"(?:access|get into|log into|log in to|use|see into|open)\s+(?:the|our|that)\s+(?:[\w-]+\s+){0,2}"
     r"(?:tool|system|portal|console|dashboard|database|crm|platform|app|screen|records?)\b")),
    ("only",
     r"\bi\s+can\s+only\s+(?:see|view|access|pull up)\b[^.!?\n]{0,40}?\b(?:on|from|at)\s+my\s+(?:end|side|screen)\b"),
    ("given granted set trained",
     (rf"\b(?:i|we)\s+(?:{_NEG}|haven{_A}?t|have not|hasn{_A}?t)\s+(?:yet\s+)?been\s+(?:given|granted|set up with|trained on)\s+"
     r"(?:(?:the|any|full|direct)\s+)?(?:access|permissions?|rights|the tools?|clearance)\b")),
    ("internal",
     (r"\b(?:our|the|my)\s+internal\s+(?:polic(?:y|ies)|rules?|guidelines?|procedures?|process(?:es)?|limits?|controls?)\b"
     rf"(?=[^.!?\n]{{0,60}}\b(?:{_NEG}|only|need|needs|require|requires|cap|caps|limit|limits|before i|before we|allow|let)\b)")),
    # "locked on our side", "only an admin on our end can change it"
    ("locked restricted disabled greyed grayed blocked hidden&end side",
     r"\b(?:locked|restricted|disabled|greyed out|grayed out|blocked|hidden)\s+(?:down\s+)?(?:on|from|at)\s+(?:my|our)\s+(?:end|side)\b"),
    ("only",
     (rf"\bonly\s+(?:an?\s+|the\s+|our\s+|my\s+)?{_BOSS}\s+(?:(?:on|at|from|in)\s+(?:my|our|the)\s+(?:end|side|team)\s+)?"
     r"(?:can|could|is able to|are able to|has access|have access)\b")),
    # "I'm on the sales team, so I can't see support tickets"
    ("team department side desk&so means and",
     (rf"\b(?:{_I_AM}|{_WE_ARE})\s+(?:just\s+|only\s+)?(?:on|in|with|part of|from)\s+(?:the|our)\s+[\w-]+(?:\s+[\w-]+)?\s+"
     rf"(?:team|department|side|desk)\b[^.!?\n]{{0,25}}?\b(?:so|which means|and)\s+(?:i|we)\s+(?:{_NEG}|{_A}m unable|am unable|have no)")),
    # "I'd need approval from my line manager", "I need my supervisor's sign-off"
    ("approval sign authorization authorisation permission ok okay signature",
     (r"\b(?:need|needs|have to|has to|must|would have to|{_A}d have to)\s+(?:to\s+)?(?:get|ask for|request|seek|have)?\s*"
     r"(?:approval|sign[- ]off|authori[sz]ation|permission|the ok|the okay|a signature)\s+from\s+(?:my|our|a|the)\s+"
     r"(?:line\s+|team\s+|direct\s+)?(?:manager|supervisor|team ?lead|lead|boss|finance|management|higher[- ]ups)\b")),
    ("approval sign ok okay permission authorization",
     (r"\b(?:need|needs|have to|must)\s+(?:to\s+)?(?:get|ask for|request)\s+(?:my|a|the)\s+(?:line\s+)?(?:manager|supervisor|team ?lead|boss)"
     r"(?:[’']s)?\s+(?:approval|sign[- ]off|ok|okay|permission|authori[sz]ation)\b"),),
    # "the agent you spoke with didn't have access to returns"
    (("agent rep representative advisor colleague associate&access permission permissions authority clearance visibility rights "
     "privilege privileges"),
     (rf"\b(?:the|that|my|our|other|previous)\s+(?:[\w-]+\s+)?(?:agent|rep|representative|advisor|colleague|associate)\b[^.!?\n]{{0,60}}?"
     rf"\b(?:{_NEG})\s+(?:have|get)\s+(?:the\s+|any\s+)?(?:[\w-]+\s+)?(?:access|permissions?|authority|clearance|visibility|rights|privileges?)\b")),
    # "my system is showing an error when I try, so I can't"
    ("showing throwing giving returning popping",
     (r"\b(?:my|our)\s+(?:system|screen|tool|tools|computer|dashboard|portal|console|crm|end|side)\s+(?:is\s+|keeps?\s+|has been\s+)?"
     r"(?:showing|throwing|giving|returning|popping up with)\s+(?:me\s+)?(?:an?\s+)?(?:error|errors|issue|issues|warning)\b")),
    ("down slow acting glitching freezing crashing working loading playing",
     (r"\b(?:my|our)\s+(?:system|screen|tool|tools|computer|crm|portal|console)\s+(?:is|has been|keeps?|was)\s+(?:being\s+)?"
     r"(?:down|slow|acting up|glitching|freezing|crashing|not working|not loading|playing up)\b"
     rf"(?=[^.!?\n]{{0,60}}\b(?:i|we)\s+(?:{_NEG}|{_A}m unable|am unable|{_A}m not able))")),
    # idioms of lacking authority
    ("hands",
     r"\b(?:my|our) hands are (?:tied|kind of tied|a bit tied)\b"),
    ("above beyond outside",
     r"\b(?:above|beyond|outside(?: of)?) (?:my|our) (?:pay ?grade|access(?: level)?|level|authority|permissions?|clearance|remit|privileges?)\b"),
    ("hands",
     r"\bout of my hands\b"),
    # "it won't go through on my end", "I can't see that on my end / from here / myself"
    ("end side",
     rf"\b{_NEG}\s+(?:go(?:ing)? through|work(?:ing)?|process|let me|allow me)\s+(?:on|from|at)\s+(?:my|our)\s+(?:end|side)\b"),
    ("end side myself here system systems tool tools screen",
     (rf"\bi\s+(?:{_NEG}|{_A}m unable to|am unable to|{_A}m not able to|am not able to)\s+(?:see|view|access|pull up|change|edit|"
     r"override|touch|issue|approve|authori[sz]e|process|adjust|apply|waive|make changes to)\b[^.!?\n]{0,40}?"
     r"(?:\b(?:on|from|at)\s+my\s+(?:end|side)\b|\bmyself\b|\bfrom here\b|\bin my (?:system|tool)s?\b|\bon my screen\b)")),
    # "they don't give us frontline folks visibility", "management won't let us see"
    ("give grant let allow provide&they management corporate company office hq business",
     (rf"\b(?:they|management|corporate|the company|head office|hq|the business)\s+(?:{_NEG})\s+"
     r"(?:give|grant|let|allow|provide)\s+(?:us|me|agents|staff|(?:us|me) [\w ]{1,30}?)\s+"
     r"(?:any\s+)?(?:access|visibility|permissions?|see|view|touch|change|into)\b")),
    # "that's all in a separate app we don't get"
    ("separate different another other",
     (rf"\b(?:separate|different|another|other)\s+(?:app|application|system|tool|database|platform)\s+(?:that\s+)?(?:i|we)\s+"
     rf"(?:{_NEG})\s+(?:get|have|access|see|use)\b")),
    # "that's handled by another department, so I can't"
    ("department team dept group unit office&by",
     (r"\b(?:handled|managed|done|dealt with|owned|processed)\s+by\s+(?:a|another|the|a different|a separate|our|an?other)\s+"
     rf"(?:\w+\s+)?(?:department|team|dept|group|unit|office)\b[^.!?\n]{{0,30}}?\b(?:so|which means|and)\s+(?:i|we)\s+"
     rf"(?:{_NEG}|{_A}m unable|am unable|have no|{_A}m not able)")),
    # "our internal guidelines cap what I can refund"
    ("cap caps capped limit limits restrict restricts",
     (r"\b(?:guidelines?|polic(?:y|ies)|rules?|limits?)\s+(?:only\s+)?(?:cap|caps|capped|limit|limits|restrict|restricts)\s+"
     r"(?:what|how much)\s+(?:i|we)\s+(?:can|am able to|are able to)\b")),
    # "this channel is limited to technical support only", "we're only able to help with billing here"
    ("technical tech billing general sales product account basic&only just strictly limited reserved set here",
     (r"\b(?:this|our|the)\s+(?:[\w-]+\s+)?(?:channel|platform|chat|line|account|page|handle|team|desk|number|inbox)\s+(?:is\s+)?"
     r"(?:(?:only|just|strictly|limited|reserved|set up|here)\s+)+(?:to\s+|for\s+|to handle\s+)?"
     r"(?:technical|tech|billing|general|sales|product|account|basic)\b")),
    ("only",
     (rf"\b{_WE_ARE}\s+only\s+(?:able|set up|equipped|allowed|permitted)\s+to\s+(?:help|assist|deal)\s+with\s+"
     r"(?:technical|tech|billing|general|product|basic)\b")),
    # "billing isn't visible to me from this chat"
    ("visible available accessible viewable shown exposed",
     (r"\b(?:is ?n[’']?t|is not|are ?n[’']?t|are not|never)\s+(?:visible|available|accessible|viewable|shown|exposed)\s+to\s+"
     r"(?:me|us|agents|staff|support|frontline)\b")),
    # "the order tool locks the address field for me"
    ("locks lock blocks block greys grays disables disable hides hide restricts restrict",
     (r"\b(?:tool|system|screen|software|crm|portal|console|dashboard)\s+(?:locks?|blocks?|greys out|grays out|disables?|hides?|"
     r"restricts?)\b[^.!?\n]{0,40}?\b(?:for|from)\s+(?:me|us|agents)\b")),
    # "I can only look up orders from the past 90 days in the tool I use"
    ("only&tool tools system screen dashboard portal console crm",
     (r"\bi\s+can\s+only\s+(?:see|view|access|pull up|look up|find|search|check)\b[^.!?\n]{0,60}?\b(?:in|on|with|from)\s+(?:the|my|our)\s+"
     r"(?:[\w-]+\s+)?(?:tool|tools|system|screen|dashboard|portal|console|crm)\b")),
    # "aren't something I'm cleared to do", "not something I can do from here"
    ("something&t not",
     # (but "isn't something we're able to do" is the company's no, not a privilege this agent lacks)
     rf"(?:n{_A}t|\bnot)\s+(?:really\s+|actually\s+)?something\s+(?:i(?:{_A}m| am)\s+(?:cleared|allowed|authori[sz]ed|permitted|empowered|set up|able)"
     rf"|we(?:{_A}re| are)\s+(?:cleared|allowed|authori[sz]ed|permitted|empowered|set up))\s+to\b"),
    # "the system only lets me refund up to $50"
    ("only just&lets let allows allow permits permit",
     (r"\b(?:the|our|my)\s+(?:[\w-]+\s+)?(?:system|tool|tools|software|screen|crm|portal|console)\s+(?:only|just)\s+"
     r"(?:lets?|allows?|permits?)\s+(?:me|us|agents)\b")),
    # "I only have access to personal accounts"
    ("only just&access permission permissions visibility clearance",
     r"\b(?:i|we)\s+(?:only|just)\s+have\s+(?:access|permissions?|visibility|clearance)\s+(?:to|for|into|on)\b"),
    # "there's no way for me to bring back the old price in our billing tool"
    ("way",
     (r"\bno\s+way\s+for\s+(?:me|us)\s+to\b[^.!?\n]{0,60}?\b(?:in|on|from|with|at)\s+(?:our|my|the)\s+(?:[\w-]+\s+)?"
     r"(?:tool|tools|system|screen|dashboard|portal|console|crm|end|side)\b|\bno\s+way\s+for\s+(?:me|us)\s+to\s+(?:see|view|access|"
     r"check|pull up|look up)\b")),
    # "...since I can't issue invoices", "nothing I can do on my side"
    ("since as because&i",
     (rf"\b(?:since|as|because)\s+i\s+(?:{_NEG}|am not able to|{_A}m not able to|am unable to|{_A}m unable to|{_A}m not allowed to)\s+"
     r"(?:\w+\s+)?(?:issue|approve|authori[sz]e|grant|waive|refund|credit|override|offer)\b"
     r"(?:[^.!?\n]{0,30}?\bmyself\b)?")),
    ("nothing",
     r"\bnothing\s+(?:i|we)\s+can\s+do\s+(?:about (?:it|that)\s+)?(?:(?:on|from|at)\s+(?:my|our)\s+(?:end|side)|from here)\b"),
    # "our policy doesn't allow me to", "my manager has to sign off on anything over $100"
    ("policy policies rules guidelines process procedure procedures&let lets allow allows permit permits",
     (rf"\b(?:our|the|company)\s+(?:[\w-]+\s+)?(?:polic(?:y|ies)|rules|guidelines|process|procedures?)\s+(?:{_NEG}|won{_A}?t)\s+"
     r"(?:let|allow|permit)s?\s+(?:me|us|agents|staff)\b")),
    ("manager supervisor lead leader boss&sign approve okay ok authorize authorise",
     (r"\b(?:my|our|a|the)\s+(?:line\s+)?(?:manager|supervisor|team ?lead(?:er)?|lead|boss)\s+(?:has to|needs to|must|would have to|"
     r"will have to|would need to)\s+(?:sign off|approve|okay|ok|authori[sz]e|sign)\b")),
    # "I'm only able to see the last 3 orders in our system"
    ("only&able",
     (rf"\b(?:{_I_AM}|{_WE_ARE})\s+only\s+able\s+to\s+(?:see|view|access|pull up|look up|find|search|check)\b[^.!?\n]{{0,60}}?"
     r"\b(?:in|on|with|from)\s+(?:the|my|our)\s+(?:[\w-]+\s+)?(?:tool|tools|system|screen|dashboard|portal|console|crm|end|side)\b")),
    # "a black box to us in support"
    ("black",
     r"\b(?:a\s+)?black box\s+(?:to|for)\s+(?:us|me|agents|support|frontline)\b"),
    # "our chat team can only handle general questions"
    ("only",
     (r"\b(?:this|our|the)\s+(?:[\w-]+\s+)?(?:team|channel|line|desk|chat|account)\s+(?:can|is able to)\s+only\s+"
     r"(?:handle|help with|deal with|answer|assist with|take)\b|\b(?:this|our|the)\s+(?:[\w-]+\s+)?(?:team|channel|line|desk|chat|account)"
     r"\s+only\s+(?:handles|deals with|answers|covers|takes)\b")),
    # "has to be approved by our compliance team before I can action it"
    ("approved signed authorized authorised okayed cleared reviewed&before",
     (r"\b(?:has|have|needs?|would need) to be (?:approved|signed off|authori[sz]ed|okayed|cleared|reviewed) by (?:our|the|my|a) "
     r"(?:[\w-]+\s+)?(?:team|department|manager|supervisor|lead|compliance|finance|legal)\b[^.!?\n]{0,30}?\bbefore (?:i|we) can\b")),
]

_LACK_GATES = _GateSet([_Gate(k, p) for k, p in _LACK])

# Stage two: which sentences earn a parse.
_FIRST = {"i", "me", "my", "we", "us", "our", "myself", "ourselves"}
_PRIV_WORDS = {
    "access", "permission", "permissions", "privilege", "privileges", "visibility", "authority",
    "clearance", "authorization", "authorisation",
}
_NEG_WORDS = {"not", "t", "no", "never", "cannot", "without", "lack", "unable", "dont", "cant", "wont", "didnt", "doesnt"}
_PRIV_LEMMAS = {"access", "permission", "privilege", "visibility", "authority", "clearance", "authorization", "authorisation"}
_GIVE = {"give", "grant", "let", "allow", "provide"}
_AGENTISH = {"agent", "agents", "rep", "reps", "staff", "team", "folks", "advisor", "advisors", "frontline", "desk"}


def _stage_two_trigger(info: _Sent) -> bool:
    """A first-person word, a negation and a privilege noun right after have/get/give/no/any."""
    toks = info.toks
    if toks.isdisjoint(_FIRST) or toks.isdisjoint(_NEG_WORDS) or toks.isdisjoint(_PRIV_WORDS):
        return False
    return bool(_PRIV_LEAD_RX.search(info.low))


_PRIV_LEAD_RX = re.compile(
    r"\b(?:have|has|get|got|given|gave|give|gives|no|any|lack|grant|granted|enough|direct|full|with|without|the|admin|system)"
    r"\s+(?:[\w’'-]+\s+){0,2}(?:access|permissions?|privileges?|visibility|authority|clearance|authori[sz]ation)\b"
)


def _first_person(tok: "Token") -> bool:
    words = {t.lower_ for t in tok.subtree}
    return bool(words & {"i", "we", "my", "our", "me", "us"}) and not (words & {"you", "your"})


def _negated(verb: "Token") -> bool:
    chain = [verb]
    head = verb
    for _ in range(2):  # "I don't seem to have", "we weren't ever given"
        if head.dep_ in ("xcomp", "ccomp", "conj") and head.head is not head:
            head = head.head
            chain.append(head)
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for v in chain for c in v.children)


def _structural_lack(sdoc) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """A first-person party lacking a privilege, by the parse: char span in the sentence."""
    for tok in sdoc:
        if tok.lemma_.lower() not in _PRIV_LEMMAS and tok.lower_ not in _PRIV_WORDS:
            continue
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        # the verb governing the privilege noun (through "to"/"into" phrases at most once)
        verb = tok.head
        if verb.pos_ == "ADP":
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        no_det = any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children)
        negated = _negated(verb) or no_det or lemma == "lack"
        if not negated:
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ in ("xcomp", "conj"):
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        receivers = [c for c in verb.children if c.dep_ in ("dative", "iobj", "dobj") and c is not tok]
        if lemma in ("have", "get", "lack", "hold", "need", "be"):
            if not any(_first_person(s) for s in subjects):
                continue
        elif lemma in _GIVE:
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
            who = subjects if passive else receivers
            if not any(_first_person(s) or s.lower_ in _AGENTISH for s in who):
                continue
        else:
            continue
        who = subjects[0] if subjects else verb
        start = min(who.left_edge.idx, verb.idx)
        end_tok = tok
        nxt = tok.nbor(1) if tok.i + 1 < len(sdoc) else None
        if nxt is not None and nxt.lower_ in ("to", "into", "for", "on", "over"):
            end_tok = nxt
        return start, end_tok.idx + len(end_tok)
    return None


class LackOfAccess(Rule):
    id = "CUS001"
    name = "lack-of-access"
    trait = "customer_focused"
    severity = Severity.WARNING
    summary = "Excuses about our own access, permissions or tools (“I don't have access to billing”, “our system won't let me”)."
    why = (
        "The customer doesn't care which privileges an agent lacks or what a tool can show; they hear "
        "“not my problem”. Say what will happen instead, and who will do it."
    )
    message = "Don't explain what you can't access (“{passage}”); say who will do it and when."
    needs = "parse"
    trigger = (
        "a first-person word, a privilege noun (access, permission, visibility, authority, clearance) right "
        "after have/get/give/no/any, and a negation in one sentence, when no phrase already matched"
    )
    bad = examples(
        {"text": "Those reviews sit outside what my console can open, so I can't say where yours stands.",
         "flagged": "outside what my console can open"},
        {"text": "Hi Dev, chat agents are walled off from the pharmacy's records, so call the pharmacy line.",
         "flagged": "chat agents are walled off from"},
        {"text": "Restoring skins needs database access, which the social team doesn't have, so file a request.",
         "flagged": "access, which the social team doesn't have"},
        {"text": "I can't tell when you upgraded, since plan-change history is hidden on the chat side.",
         "flagged": "is hidden on the chat side"},
        {"text": "I don't have access to billing, so I can't see the charge.", "flagged": "I don't have access to"},
        {"text": "Unfortunately I'm not authorized to issue refunds over $50.", "flagged": "I'm not authorized to"},
        {"text": "Our system won't let me change the delivery address.", "flagged": "Our system won't let me"},
        {"text": "Extending trials is above my pay grade, unfortunately.", "flagged": "above my pay grade"},
        {"text": "The tool I'm working in only shows the last 90 days of orders.",
         "flagged": "The tool I'm working in only shows"},
        {"text": "They don't give us frontline folks visibility into suspensions, sorry.",
         "flagged": "They don't give us frontline folks visibility"},
        {"text": "This channel is limited to technical support only, so please call billing.",
         "flagged": "This channel is limited to technical"},
        {"text": "We frontline agents were never given any access to the refund records.",
         "flagged": "We frontline agents were never given any access to"},
    )
    good = examples(
        "If your account is locked out of the app, I can send you a reset link right now.",
        "Your plan history is in the app under Account > Plan, so you can see when it changed.",
        "You don't have access to the admin page yet; I've sent you an invite.",
        "I've asked Priya on our billing team to check the charge; she'll email you today.",
        "Make sure you have access to the email on file before resetting.",
        "If you can't access your account, I can send a reset link right now.",
        "Our system shows the refund went out on May 3, so it should land by Friday.",
        "I don't have an update yet, but I'll check back with you by 3pm ET.",
        "Turning a past donation into a tribute isn't something we're able to do, but I can set up a new tribute gift today.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        for info in _sents(analysis):
            sent, base, text = info.span, info.start, info.text
            spans = [(m.start(), i, m.end()) for i, m in _LACK_GATES.matches(info)]
            found = bool(spans)
            for s, e in _merged(spans):
                if _in_quotes(text, s):
                    continue  # a quoted article title: "What if I don't have access to a trusted device"
                yield self._hit(analysis, base + s, base + e)
            if found or not _stage_two_trigger(info):
                continue
            span = _structural_lack(analysis.parsed(sent, "parse"))
            if span is not None:
                yield self._hit(analysis, base + span[0], base + span[1])

    def _hit(self, analysis: "Analysis", start: int, end: int) -> Hit:
        while start < end and analysis.text[start].isspace():
            start += 1
        return Hit(start, end, message=self.message.format(passage=analysis.text[start:end]))


def _in_quotes(sentence: str, pos: int) -> bool:
    """Is pos inside an open quotation in its sentence (an odd number of quote marks before it)?"""
    before = sentence[:pos]
    straight = before.count('"')
    curly = before.count("“") - before.count("”")
    return straight % 2 == 1 or curly > 0
