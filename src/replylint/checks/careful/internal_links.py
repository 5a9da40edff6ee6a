"""CAR003: links to internal, local, staging and tool hosts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...findings import Severity
from ...rule import Hit, Rule, RuleContext, examples

if TYPE_CHECKING:
    from ...nlp import Analysis

from ._text import _overlaps, _sentence

_GO_LINK = re.compile(r"(?:(?<=\bsee )|(?<=\bat )|(?<=\bin )|(?<=\bon )|(?<=\bvia )|(?<=\bper )|(?<=://))go/[a-z0-9][\w-]+")
# Hosts the URL region misses: localhost, IPs, and internal-only top-level names.
_BARE_HOST = re.compile(
    r"(?<![\w@.$/-])(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|"
    r"(?:10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})(?![\d.]*\d)|"
    r"(?:[a-z0-9-]+\.)+(?:internal|corp|intranet|localhost|lan)\b)(?::\d{2,5})?(?:/[^\s<>\"'`]*)?",
    re.IGNORECASE,
)
_ENV_LABEL = re.compile(
    r"^(?:staging|stage|stg|dev|devel|develop|qa|uat|preprod|pre-prod|internal|intranet|int|corp|"
    r"jira|confluence|jenkins|grafana|kibana|backoffice|back-office|backend|ops)(?:[-_]?\d+|[-_][a-z0-9]+)*$"
)
# Labels that name a dev/test environment only with a suffix ("dev-eu2", "qa1"); alone they may be public.
_ENV_BARE_OK = {"dev", "int", "ops", "backend", "corp"}
_PUBLIC_DEV = re.compile(
    r"(?:^|\.)(?:dev\.to|dev\.twitter\.com|dev\.fitbit\.com|dev\.windows\.com|dev\.azure\.com|dev\.office\.com|"
    r"dev\.mysql\.com|dev\.epicgames\.com|dev\.bitly\.com|dev\.botframework\.com|dev\.mi\.com|dev\.px\.dev)$"
)
_DOCS_PATH = re.compile(r"(?i)/(?:docs?|documentation|api|apps?|reference|portal|blog|guides?|forums?|community|"
                        r"sdks?|downloads?|console|dashboard|en(?:-[a-z]+)?)\b")
_INTERNAL_TLD = re.compile(r"\.(?:internal|corp|intranet|localhost|lan)$")
_PRIVATE_IP = re.compile(r"^(?:10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})$")
_LOOPBACK = re.compile(r"^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])$")
_ADMIN_HOST = re.compile(r"^(?:admin|admin\d*|backoffice|back-office|staff|ops|internal|manage|cms|crm|console)\.")
# Staff-only tool hosts, whatever the path: "gm-tools.example.net", "staff-portal.example.com".
_STAFF_HOST = re.compile(r"^(?:gm|staff|agent|ops|mod|moderator|internal)[-_]?(?:tools?|portal|console|panel)\.")
_RECORD_PATH = re.compile(
    r"/(?:users?|customers?|accounts?|members?|subscribers?|people|profiles?|contacts?)/\d{2,}"
    r"|/(?:impersonate|masquerade|login[_-]as|sudo|become)\b"
    r"|/(?:polic(?:y|ies)|claims?|orders?|tickets?|cases?|invoices?|bookings?|reservations?)/\d{3,}|/\d{3,}/edit\b",
    re.IGNORECASE,
)
# Agent-side views of helpdesk, CRM, chat and issue-tracker tools.
_TOOL_URL = re.compile(
    r"\.atlassian\.net/(?:browse|jira|wiki|secure)\b"
    r"|(?:^|\.)jira\.[\w-]+\.[\w.-]+"
    r"|(?-i:/browse/[A-Z][A-Z0-9]+-\d+)"
    r"|\.zendesk\.com/agent/"
    r"|\.freshdesk\.com/a/"
    r"|\.(?:lightning\.)?force\.com/lightning/r/"
    r"|app\.intercom\.(?:com|io)/a/"
    r"|app\.hubspot\.com/(?:contacts|tickets|live-messages)/"
    r"|\.slack\.com/archives/"
    r"|app\.slack\.com/client/"
    r"|secure\.helpscout\.net/conversation/"
    r"|app\.frontapp\.com/"
    r"|\.gorgias\.com/app/"
    r"|\.kustomerapp\.com/app/"
    r"|linear\.app/[\w-]+/issue/"
    r"|sentry\.io/organizations/"
    r"|app\.datadoghq\.(?:com|eu)/"
    r"|(?:^|\.)(?:grafana|kibana|jenkins|confluence)\.[\w-]+\.[\w.-]+"
    r"|\.sharepoint\.com/sites/"
    r"|\.my\.salesforce\.com/(?:[0-9A-Za-z]{15,18}\b|lightning/)"
    r"|^go/[\w-]+",
    re.IGNORECASE,
)
_ROUTER_CONTEXT = re.compile(
    r"(?i)\b(?:router|modem|gateway|wi-?fi|wireless|network|hub|access point|extender|browser|address bar|"
    r"admin (?:page|panel|console|settings)|settings page|ip address|default ip)\b"
)
_OWN_MACHINE = re.compile(
    r"(?i)\b(?:your (?:own )?(?:machine|computer|laptop|server|pc|mac|dev(?:elopment)? (?:machine|server|environment))|"
    r"locally|on your end|local (?:dev(?:elopment)?|server|machine|testing|environment|host)|port \d+|"
    r"run(?:ning)?|forward(?:ing)?|listen(?:ing)?|curl|webhooks?|cli)\b"
)
_OWN_MACHINE_ASK = re.compile(
    r"(?i)\b(?:localhost|locally|local(?:ly)? (?:dev|server|machine|testing|host)|my (?:machine|laptop|computer|server|pc|mac)|"
    r"self-host(?:ed|ing)?|on-prem(?:ise)?|docker|webhooks?|router|modem|gateway|wi-?fi)\b"
)


# A path into a staff tool or one customer's record: "/admin/…", "/backoffice/…", "?acct=558120".
_STAFF_PATH = re.compile(r"(?i)^/(?:admin|backoffice|back-office|staff|internal|ops)\b|[?&](?:acct|account|account_id|customer|customer_id|user_id|uid)=\d{3,}")


_PRE_BARE_HOST = re.compile(r"(?i)localhost|\d\.\d{1,3}\.\d{1,3}\.\d|\.(?:internal|corp|intranet|lan)\b")
_SHORTENER = re.compile(r"(?i)^(?:https?://)?(?:t\.co|bit\.ly|goo\.gl|ow\.ly|buff\.ly|tinyurl\.com|amzn\.to|youtu\.be)/")


def _split_url(url: str) -> tuple[str, str]:
    """(host, path) of a URL or bare host, lower-case host, no scheme, port or credentials."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.IGNORECASE)
    host, slash, path = rest.partition("/")
    host = host.rsplit("@", 1)[-1].split(":")[0].lower().rstrip(".")
    return host, slash + path


def _internal_reason(url: str, sentence: str, ask: str) -> str | None:
    host, path = _split_url(url)
    sentence = sentence.replace(url, " ")  # the link's own words ("/admin/webhooks/") are not context
    if not host:
        return None
    staff_path = bool(_STAFF_PATH.search(path))  # "/admin/webhooks/…", "?acct=558120": our tool, whatever the customer runs
    if _LOOPBACK.match(host):
        if (_OWN_MACHINE.search(sentence) or _OWN_MACHINE_ASK.search(ask)) and not staff_path:
            return None  # the customer's own machine, as they asked
        return "a local address that only works on our own machine"
    if _PRIVATE_IP.match(host):
        bare = not re.search(r":\d|/\S", url.split("://")[-1])
        gateway = host.endswith((".1", ".254"))  # where home routers live
        if not staff_path and ((_ROUTER_CONTEXT.search(sentence) and (bare or gateway)) or _OWN_MACHINE_ASK.search(ask) or (bare and gateway)):
            return None  # "open 192.168.1.1 in your browser": the customer's router
        # (a file on 10.40.2.17 is on our network, even in a sentence about the router)
        return "a private network address customers can't reach"
    if _INTERNAL_TLD.search(host):
        return "an internal-only host"
    full = host + path
    if _TOOL_URL.search(full):
        return "a link into an internal tool (helpdesk, CRM, chat or issue tracker)"
    if _PUBLIC_DEV.search(host):
        return None
    labels = host.split(".")
    for label in labels[:-2]:  # the registered domain itself ("dev.to") never counts
        if _ENV_LABEL.match(label) and label not in _ENV_BARE_OK:
            return "a staging, test or internal environment"
        if label in {"dev", "int"} and not _DOCS_PATH.match(path):
            return "a staging, test or internal environment"
    for label in labels[:-2]:
        if re.search(r"(?:^|[-_])(?:staging|stage|stg|qa|uat|preprod|internal)(?:[-_]|\d|$)", label):
            return "a staging, test or internal environment"
        if re.match(r"^(?:dev|int)[-_]?[a-z]*\d+$|^(?:dev|int)[-_][a-z0-9]+$", label):
            return "a staging, test or internal environment"
    if _STAFF_HOST.match(host):
        return "a staff-only tool"
    if _ADMIN_HOST.match(host) and _RECORD_PATH.search(path):
        return "an admin page of our own tools"
    if re.search(r"/admin(?:/[^/\s]+)*?/(?:users?|customers?|accounts?|orders?|members?|subscriptions?)/\d+", path,
                 re.IGNORECASE):
        return "an admin page of our own tools"
    return None


class InternalUrl(Rule):
    id = "CAR003"
    english_only = False
    name = "internal-url"
    trait = "careful"
    severity = Severity.ERROR
    summary = "A link to an internal, local or staging address, an admin page or an issue tracker."
    why = (
        "Customers can't open internal links, and they reveal our internal systems; a staging link may "
        "show them unreleased work, and an admin or helpdesk link shows them a login wall. Public consoles "
        "(admin.google.com), developer sites and the customer's own router (192.168.1.1) are fine."
    )
    message = "The link “{passage}” is {reason}; replace it with the public page."
    scope = frozenset({"body", "url"})
    bad = examples(
        {"text": "You can see the new page at http://localhost:3000/pricing now.", "flagged": "http://localhost:3000/pricing"},
        {"text": "Here's the preview: https://staging.acme.com/checkout", "flagged": "https://staging.acme.com/checkout"},
        {"text": "I logged it here https://acme.atlassian.net/browse/SUP-123 for you.",
         "flagged": "https://acme.atlassian.net/browse/SUP-123"},
        {"text": "Try the fix on https://dev-eu2.acme.internal/app and let me know.",
         "flagged": "https://dev-eu2.acme.internal/app"},
        {"text": "I've reset it at https://admin.acme.com/users/88213/edit for you.",
         "flagged": "https://admin.acme.com/users/88213/edit"},
        {"text": "Your ticket is https://acme.zendesk.com/agent/tickets/5521 if you need it.",
         "flagged": "https://acme.zendesk.com/agent/tickets/5521"},
        {"text": "Here's the record: https://gm-tools.riftforge.net/players/55102/inventory",
         "flagged": "https://gm-tools.riftforge.net/players/55102/inventory"},
        {"text": "Download it from http://10.40.2.17/cpe-firmware/latest.bin and install it on the router.",
         "flagged": "http://10.40.2.17/cpe-firmware/latest.bin"},
    )
    good = examples(
        "You can see the new page at https://acme.com/pricing now.",
        "Our developer docs are at https://developer.acme.com/api.",
        "Make sure your router's address is set, then restart it and try again.",
        "Sign in at https://admin.google.com as a super admin and open Users.",
        "Open 192.168.1.1 in your browser to reach your router's settings page.",
        {"text": "Point the CLI at http://localhost:3000/webhooks and run it again.",
         "context": {"customer_message": "How do I test webhooks locally?"}},
        "You can track the request at https://acme.zendesk.com/hc/requests/5521.",
    )

    def check(self, analysis: "Analysis", rc: RuleContext) -> Iterable[Hit]:
        text = analysis.text
        ask = rc.context.customer_message or ""
        spans: list[tuple[int, int]] = [(r.start, r.end) for r in analysis.source.regions_of("url")]
        patterns = [_BARE_HOST] if _PRE_BARE_HOST.search(text) else []
        if "go/" in text:
            patterns.append(_GO_LINK)
        for pattern in patterns:
            for m in pattern.finditer(text):
                s, e = m.start(), m.end()
                while e > s and text[e - 1] in ".,!?;:)]}'\"":
                    e -= 1
                if _overlaps(analysis, s, e, "email", "code", "quote"):
                    continue
                if not any(a <= s < b for a, b in spans):
                    spans.append((s, e))
        if not spans:
            return
        seen: set[tuple[int, int]] = set()
        for s, e in sorted(spans):
            if (s, e) in seen or any(a < s and e <= b for a, b in seen):
                continue
            url = text[s:e]
            if _SHORTENER.match(url):
                continue
            reason = _internal_reason(url, _sentence(text, s, e), ask)
            if reason:
                seen.add((s, e))
                yield Hit(s, e, message=self.message.format(passage=url, reason=reason))
