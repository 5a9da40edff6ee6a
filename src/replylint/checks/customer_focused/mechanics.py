"""CUS005-CUS006: internal mechanics, and explaining causes before any fix."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:

    from ...nlp import Analysis

from ._text import _A, _reply, _rx, _Sent, _sents

# Strong: infrastructure jargon a customer never needs. Medium: internal things a customer knows exist.
_STRONG = _rx(
    r"\b(?:back-?end|cron(?: job)?s?|batch(?:es)?(?! of\b)(?: jobs?| files?| process(?:es)?| runs?)?|nightly (?:job|run|file|batch|sync|export|import)|"
    r"dedupe?(?: step)?|de-?duplication|cdn|edge (?:nodes?|servers?|locations?|network)|(?:image|file|video|web|cloud|email|asset) host(?:ing)?|gateway|load balancers?|microservices?|time-?outs?|timed out|"
    r"throttl\w+|rate[- ]limit\w*|deploy(?:ment|ed|s)?|migrat\w+|timing out|databases?|db|apis?|sync (?:failure|job|error|issue)|"
    r"re-?sync\w*|caches?|cached|caching|clusters?|scripts?|dns|propagat\w+|double[- ]allocat\w+|pipelines?|hotfix(?:es)?|roll-?backs?|"
    r"config(?:uration)? (?:change|error|issue)|otps?|errored(?: out)?|webhooks?|queue workers?|workers?|"
    r"servers? (?:migration|move|upgrade|crash(?:ed)?|went down)|push (?:service|provider)|payment processor|"
    r"(?:email|sms|payment|shipping|hosting|cloud|data|messaging) (?:service )?(?:providers?|vendors?)|"
    r"(?:warehouse|inventory|ticketing|routing|pricing|fulfil?lment|crm|erp)(?: management)? (?:software|system|service|platform|engine|database|tool)|"
    r"(?:sync|pricing|routing|notification|auth(?:entication)?|indexing|search|matching|recommendation) (?:services?|engines?|jobs?|workers?)|"
    r"ticketing system|warehouse (?:software|system)|dashboard (?:data|sync)|data feed|feeds?|memory leaks?|monitoring|"
    r"overnight (?:jobs?|runs?|batch(?:es)?|process(?:es)?)|nightly|help ?desk (?:software|system|tool)|new help ?desk|"
    r"5\d\d(?:s| errors?)|40[34] errors?|builds? \d[\d.]*|staging|prod(?:uction)? (?:servers?|environment|database)|"
    r"dkim|spf|dmarc|ssl(?: cert(?:ificate)?s?)?|tls|race conditions?|cms|(?:rules?|promo|pricing|fraud|recommendation|search) engines?|"
    r"fraud (?:rules?|model|filters?|scoring)|endpoints?|payloads?|session tokens?|auth tokens?|indexe[sd]|indexing|replicas?|"
    r"shards?|kubernetes|k8s|aws|azure|gcp|s3 buckets?|lambdas?|regressions?|codebase|(?:the|our) logs|log files?|"
    r"stack traces?|null pointers?|exceptions? (?:errors?|was thrown)|failover|automation|auto[- ]?clos\w+|misconfigur\w+|"
    r"(?:the|our|an?) (?:ios|android|web|app|latest|new|current|beta) builds?|(?:login|checkout|signup|sign-up|payment|onboarding) flow|"
    r"partner[’']s (?:system|api|platform|servers?|software|integration)|upstream|downstream|third[- ]party (?:api|service|provider|vendor|integration)s?|the vendor[’']s (?:api|system|service)|"
    r"3pl|wms|tms|smtp|relays?|imap|mx records?|s?ftp|etl|data warehouse|scheduler|message queue|kafka|rabbitmq|redis|postgres(?:ql)?|mysql|mongo(?:db)?|"
    r"elasticsearch|nginx|datadog|pagerduty|sentry|storefront|(?:velocity|risk|fraud|routing|business|matching|validation) (?:rules?|checks?|filters?|scores?)|"
    r"(?:finance|accounting|legacy|internal|old|new|order management|fulfil?lment|inventory|warehouse|ticketing|routing|pricing|"
    r"crm|erp|back-office|back office) systems?)\b"
)
_MEDIUM = _rx(
    r"\b(?:servers?|systems?|software|provider|vendor|processor|integration|platform|code|bug|update|release|data ?cent(?:er|re)s?|"
    r"outage|tool|tools|carrier's system|third[- ]party|skus?|latency|workflows?|"
    # vendors a customer may know by name: jargon only next to a failure or our system
    r"cloudflare|akamai|fastly|heroku|twilio|sendgrid|mailgun|postmark|stripe|braintree|adyen|netsuite|sap|magento)\b"
)
_FAILURE = _rx(
    r"\b(?:fail\w*|errored|error|crash\w*|went down|broke|broken|outage|glitch\w*|timed out|time-?out|stuck|"
    r"didn[’']?t (?:populate|run|go|sync|send|fire|process)|isn[’']?t (?:flowing|syncing|talking|working)|"
    r"hasn[’']?t been (?:talking|syncing|working|sending)|not (?:talking|syncing|flowing)|retried|throttl\w+|"
    r"dropped|corrupt\w*|overloaded|misconfigured|went out \w+ times|overwr\w+|wiped|bounced|stale|"
    r"got lost|lost in|rejected|mismatch\w*|(?:are ?n[’']?t|is ?n[’']?t|not|out of) (?:in )?sync(?:ed|ing)?|failed to \w+|(?:did ?n[’']?t|did not|never) (?:match|fire|trigger|run|sync|send|load|update|process|post|"
    r"go out|pick (?:it|them) up|register|record|save|arrive|populate|generate|publish|apply|trigger|propagate|deliver|index)|(?:did ?n[’']?t|did not|was ?n[’']?t|were ?n[’']?t|was not|were not)\s+(?:\w+\s+){0,3}?(?:correctly|properly|over|through))\b"
)
_OURS = _rx(r"\b(?:our|we|we[’']re|we[’']ve|internal(?:ly)?)\b")
_SOLUTION = _rx(
    rf"\b(?:i{_A}ve|we{_A}ve|i have|we have|i{_A}ll|we{_A}ll|i will|we will|you can|you{_A}ll|you will|please|try|"
    r"should (?:now|be|arrive|show|land|work)|is (?:fixed|resolved|back)|it{_A}s (?:fixed|resolved|back)|"
    r"fixed|resolved|refunded|reissued|sent|reset|here{_A}s|here is|to fix|workaround|in the meantime|meanwhile|"
    r"for now|until then|want me to|shall I|let me|"
    # a fix the customer can apply, stated as what it does: "Setting textures to High stops the crash"
    r"(?:setting|switching|turning|changing|updating|restarting|clearing|reinstalling|lowering|disabling|enabling)\b[^.!?]{0,40}\b"
    r"(?:stops|fixes|solves|resolves|clears|prevents|avoids|gets rid of)|"
    # a step for the customer opening a sentence: "Press Ctrl+Shift+R", "Open Settings"
    r"(?:^|(?<=[.!?]\s))(?:press|click|tap|open|go to|head to|clear|restart|reload|refresh|reinstall|log out|sign out|"
    r"select|choose|reset|re-?enter|boot|hold|unplug|update|install|turn (?:off|on)|disable|enable|switch|delete|remove))\b"
)


# Token gates: a sentence without one of these words has no strong (medium) mechanics word.
_STRONG_HEADS = frozenset(["backend", "cron", "batch", "batches", "nightly", "dedupe", "dedup", "deduplication", "duplication", "cdn", "edge", "gateway", "gateways", "balancer", "balancers", "microservice", "microservices", "timeout", "timeouts", "timed", "throttled", "throttling", "throttle", "throttles", "rate", "deploy", "deployed", "deployment", "deployments", "deploys", "deploying", "migration", "migrations", "migrated", "migrate", "migrating", "timing", "database", "databases", "db", "api", "apis", "sync", "resync", "synced", "syncing", "cache", "caches", "cached", "caching", "cluster", "clusters", "script", "scripts", "dns", "propagate", "propagated", "propagation", "propagating", "allocated", "pipeline", "pipelines", "hotfix", "hotfixes", "rollback", "rollbacks", "roll", "config", "configuration", "otp", "otps", "errored", "webhook", "webhooks", "worker", "workers", "servers", "server", "push", "processor", "warehouse", "inventory", "ticketing", "routing", "pricing", "fulfillment", "fulfilment", "crm", "erp", "notification", "authentication", "auth", "indexing", "search", "matching", "recommendation", "dashboard", "feed", "feeds", "memory", "monitoring", "overnight", "helpdesk", "desk", "build", "builds", "staging", "prod", "production", "dkim", "spf", "dmarc", "ssl", "tls", "race", "cms", "engine", "engines", "fraud", "endpoint", "endpoints", "payload", "payloads", "token", "tokens", "indexed", "indexes", "replica", "replicas", "shard", "shards", "kubernetes", "k8s", "aws", "azure", "gcp", "s3", "lambda", "lambdas", "regression", "regressions", "codebase", "logs", "log", "stack", "null", "exception", "failover", "automation", "auto", "flow", "upstream", "downstream", "third", "vendor", "vendors", "provider", "providers", "misconfigured", "misconfiguration", "host", "hosting", "partner", "500", "502", "503", "504", "500s", "502s", "503s", "504s", "403", "404", "3pl", "wms", "tms", "smtp", "relay", "relays", "imap", "mx", "sftp", "ftp", "etl", "warehouse", "scheduler", "queue", "kafka", "rabbitmq", "redis", "postgres", "postgresql", "mysql", "mongo", "mongodb", "elasticsearch", "nginx", "cloudflare", "akamai", "fastly", "heroku", "twilio", "sendgrid", "mailgun", "postmark", "stripe", "braintree", "adyen", "netsuite", "sap", "magento", "datadog", "pagerduty", "sentry", "storefront", "velocity", "risk", "rules", "rule", "checks", "filter", "filters", "scores", "finance", "accounting", "legacy", "internal", "old", "new", "system", "systems"])
_MEDIUM_HEADS = frozenset(["servers", "server", "systems", "system", "software", "provider", "vendor", "processor", "integration", "platform", "code", "bug", "update", "release", "data", "datacenter", "datacentre", "datacenters", "center", "centre", "centers", "centres", "outage", "tool", "tools", "carrier", "third", "skus", "sku", "latency", "workflow", "workflows", "cloudflare", "akamai", "fastly", "heroku", "twilio", "sendgrid", "mailgun", "postmark", "stripe", "braintree", "adyen", "netsuite", "sap", "magento"])


_STRONG_SUBSTRINGS = ("back end", "back-end", "rate limit", "rate-limit", "time-out")


def _maybe_mechanics(info: _Sent) -> bool:
    """Cheap test: could this sentence hold an internal-mechanics word at all?"""
    return (
        not info.toks.isdisjoint(_STRONG_HEADS)
        or not info.toks.isdisjoint(_MEDIUM_HEADS)
        or any(k in info.low for k in _STRONG_SUBSTRINGS)
    )


class _Mech:
    """Internal-mechanics facts of one sentence, computed once for CUS005 and CUS006."""

    __slots__ = ("failure", "medium", "strong", "text")

    def __init__(self, text: str, toks: frozenset[str]) -> None:
        self.text = text
        strong: set[str] = set()
        rest = text
        low = text.lower()
        if not toks.isdisjoint(_STRONG_HEADS) or any(k in low for k in _STRONG_SUBSTRINGS):
            strong = {w.lower() for w in _STRONG.findall(text)}
            if strong:
                rest = _STRONG.sub(" ", text)
        medium: set[str] = set()
        if not toks.isdisjoint(_MEDIUM_HEADS):
            medium = {w.lower() for w in _MEDIUM.findall(rest)}
        self.strong, self.medium = len(strong), len(medium)
        self.failure = bool(self.strong or self.medium) and bool(_FAILURE.search(text))

    def spells_out_internals(self) -> bool:
        """Two pieces of jargon, or one with a failure or system of ours (CUS005)."""
        if self.strong >= 2:
            return True
        if self.strong == 1 and (self.failure or self.medium >= 1) and _OURS.search(self.text):
            return True
        # "our warehouse software hasn't been talking to the carrier's system"
        return self.medium >= 2 and self.failure and bool(_OUR_SYSTEM.search(self.text))

    def internal_cause(self) -> bool:
        """Weaker: a sentence about an internal cause (one of a run of several, CUS006)."""
        if not (self.strong or self.medium):
            return False
        if self.text.rstrip().endswith("?") or _API_HELP.search(self.text):
            return False  # a question, or the customer's own cache, API or server
        return bool(self.failure or self.strong)


_OUR_SYSTEM = _rx(r"\bour\s+(?:[\w-]+\s+)?(?:software|systems?|servers?|platform|integrations?|tools?|database)\b")


class _Body:
    """A sentence outside the greeting and sign-off, trimmed of leading @handles and links."""

    __slots__ = ("_mech", "end", "info", "start", "text")

    def __init__(self, start: int, end: int, text: str, info: _Sent) -> None:
        self.start, self.end, self.text, self.info = start, end, text, info
        self._mech: _Mech | None = None

    @property
    def mech(self) -> _Mech:
        if self._mech is None:
            self._mech = _Mech(self.text, self.info.toks)
        return self._mech


def _body(analysis: "Analysis", info: _Sent) -> _Body | None:
    """The sentence as body text, or None inside the greeting or sign-off (or when nothing is left)."""
    sent = info.span
    text = sent.text.strip()
    if not text:
        return None
    memo = _reply(analysis)[1]
    roles = memo.get("roles")
    if roles is None:
        roles = memo["roles"] = [(r.start, r.end) for r in analysis.source.regions_of("greeting", "signoff")]
    if any(a <= sent.start_char and sent.end_char <= b for a, b in roles):  # type: ignore[union-attr]
        return None
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    end = start + len(text)
    # leading @handles and links are not part of the passage
    moved = True
    while moved:
        moved = False
        while start < end and analysis.text[start].isspace():
            start += 1
        for s, e in analysis.masked_spans():
            if s <= start < e:
                start, moved = e, True
    if start >= end:
        return None
    return _Body(start, end, analysis.text[start:end], info)


_OPENER = re.compile(r"(?i)^(?:@\w+\s*)*(?:hi|hello|hey|thanks|thank you|sorry|apologies)\b[^.!?]{0,40}[.!?]?$")


def _leading_run(analysis: "Analysis") -> tuple[int, int, int] | None:
    """The opening run of internal-cause sentences before any solution: (start, end, count)."""
    memo = _reply(analysis)[1]
    if "run" not in memo:
        memo["run"] = _find_leading_run(analysis)
    return memo["run"]  # type: ignore[return-value]


def _find_leading_run(analysis: "Analysis") -> tuple[int, int, int] | None:
    run: list[_Body] = []
    for info in _sents(analysis):
        body = _body(analysis, info)
        if body is None:
            continue
        if not run and _OPENER.match(body.text):
            continue  # a short opener ("Sorry about that!") before the explanation
        if not run and not _maybe_mechanics(info):
            break  # the first body sentence says nothing internal: no run
        mech = body.mech
        cause = mech.internal_cause() or (bool(run) and bool(_FAILURE.search(body.text)))
        if cause and not _SOLUTION.search(body.text):
            run.append(body)
            continue
        break
    if len(run) >= 2 and any(b.mech.strong for b in run):
        return run[0].start, run[-1].end, len(run)
    return None


class InternalMechanics(Rule):
    id = "CUS005"
    name = "internal-mechanics"
    trait = "customer_focused"
    severity = Severity.WARNING
    summary = "Spelling out internal plumbing (“a cron job on the backend”, “our CDN provider's edge node”, “the dedupe step failed”)."
    why = (
        "Cron jobs, batch files, gateways and dedupe steps explain the problem to an engineer, not to the customer. "
        "Say what it means for them (“the numbers will catch up tonight”) and what happens next."
    )
    message = "Skip the internals (“{passage}”): say what it means for the customer and what happens next."
    bad = examples(
        {"text": "Payouts are triggered by a cron job on the backend that runs monthly.",
         "flagged": "Payouts are triggered by a cron job on the backend that runs monthly."},
        {"text": "Our CDN provider is having an edge node outage. Pulling down to refresh may help.",
         "flagged": "Our CDN provider is having an edge node outage."},
        {"text": "Our SMS gateway is throttling messages, so OTPs are failing. Try again in an hour.",
         "flagged": "Our SMS gateway is throttling messages, so OTPs are failing."},
        {"text": "Last night's batch file errored out, so your refund didn't go. It'll go tonight.",
         "flagged": "Last night's batch file errored out, so your refund didn't go."},
    )
    good = examples(
        "Sorry about the flood! That was a glitch on our side, it's fixed, and you won't get any more duplicates.",
        "Images aren't loading for some people in the eastern US right now, and we're working on it.",
        "Our servers were down for an hour this morning; everything is back to normal now.",
        "I replayed one of your calls and got the same 429, which confirms you're hitting the per-minute rate limit. "
        "Adding a short delay between batches, or using our bulk endpoint, will fix it.",
        "You can connect the API with the key under Settings > Developers.",
        {"text": "Our engineers found what causes the export timeouts, and the fix goes out in our next release.",
         "context": {"customer_message": "Exporting the sales report to CSV times out every time."}},
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        run = _leading_run(analysis)
        for info in _sents(analysis):
            if not _maybe_mechanics(info):
                continue
            body = _body(analysis, info)
            if body is None or (run and run[0] <= body.start and body.end <= run[1]):
                continue
            if not body.mech.spells_out_internals() or _API_HELP.search(body.text) or _IS_FIX.search(body.text):
                continue  # about the customer's own setup, or the fix itself
            if _SOLUTION.search(analysis.text[:body.start]) and body.text.count(". ") == 0:
                continue  # the fix came first; one sentence on why it works is fine
            if _speaks_it(body.text, rc.context.customer_message):
                continue  # the customer wrote "webhook" or "cache" first: that's their language, not our jargon
            yield Hit(body.start, body.end, message=self.message.format(passage=_short(body.text)))


_API_HELP = _rx(r"\b(?:your|you|you[’']re)\b[^.!?]{0,100}\b(?:api|endpoints?|webhooks?|database|server|cache|config\w*|script|"
                r"deploy\w*|backend|rate[- ]limits?|quotas?)\b"
                r"|\b(?:for|on|of|in|to|from) your (?:own )?(?:domain|site|website|dns|repo(?:sitory)?|storefront|store|shop|app|browser|device|network|router)\b"
                # the customer's own hardware: "a known hiccup with that model", "the gray box mounted next to your meter"
                r"|\b(?:with|on|for) (?:that|this|your) (?:model|unit|device|router|modem|inverter|gateway|hub|panel|meter|thermostat)s?\b"
                r"|\b(?:unplug\w*|reset button|power[- ]cycl\w*|mounted (?:next to|on|by|beside))")
# The sentence is the fix: "Adding a short delay between batches will fix it."
_IS_FIX = _rx(r"\b(?:will|should|would)\s+(?:fix|solve|resolve|sort)\s+(?:it|this|that)\b|\bto (?:fix|solve|resolve) (?:it|this)\b"
              r"|^\W*(?:here it is|here(?:'s|’s| is) (?:how|the fix|what to do)|try this)\b")

def _speaks_it(text: str, customer_message: str | None) -> bool:
    """Does the customer's own message use the technical terms this passage uses?"""
    if not customer_message:
        return False
    asked = {_term(m.group()) for m in _STRONG.finditer(customer_message)}
    if _TIMES_OUT.search(customer_message):
        asked.add("timeout")  # "the export times out": the symptom in the customer's words
    return bool(asked & {_term(m.group()) for m in _STRONG.finditer(text)})


_TIMES_OUT = _rx(r"\btim(?:e|ed|es|ing)[- ]?outs?\b")


def _term(word: str) -> str:
    """One spelling per technical term: "timeouts", "timed out" and "timing out" are one word."""
    low = word.lower()
    return "timeout" if _TIMES_OUT.fullmatch(low) else low.rstrip("s")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ExplainsBeforeSolving(Rule):
    id = "CUS006"
    name = "explains-before-solving"
    trait = "customer_focused"
    severity = Severity.WARNING
    summary = "Opening with several sentences of internal cause (our migration, the vendor's API) before any fix or next step."
    why = (
        "The customer wrote in for a result. Lead with the fix or the next step; if the cause matters, one "
        "short clause after it is enough."
    )
    message = "Lead with the fix or next step; these {count} sentences explain internal causes first."
    bad = examples(
        {"text": "We migrated our servers last weekend. The vendor's API started timing out after the move. "
                 "I've reset your sync and it works now.",
         "flagged": "We migrated our servers last weekend. The vendor's API started timing out after the move."},
        {"text": "Hi Ana,\n\nOur deployment on Tuesday shipped a bug in the export code. The database migration "
                 "then failed halfway. Your exports are back now.\n\nLee",
         "flagged": "Our deployment on Tuesday shipped a bug in the export code. The database migration then failed halfway."},
        {"text": "Sorry about that! The payment processor changed its API last week. Our integration broke and the "
                 "webhooks stopped firing. Your order is confirmed now.",
         "flagged": "The payment processor changed its API last week. Our integration broke and the webhooks stopped firing."},
    )
    good = examples(
        "I've reset your sync, and it works now. The outage came from a server move last weekend.",
        "Your order is confirmed now. Sorry for the wait!",
        "Our team fixed the outage last night. Everything is back to normal, and your data is safe.",
        "The API key is under Settings > Developers. You can rotate it there any time.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        run = _leading_run(analysis)
        if run is None:
            return
        start, end, count = run
        yield Hit(start, end, message=self.message.format(count=count))
