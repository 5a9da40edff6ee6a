"""customer_focused (CUS001-CUS006): internal excuses, privileges, jargon and plumbing."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.checks.customer_focused import _text, capacity, internal_process, lack_of_access
from replylint.findings import Severity
from replylint.fixes import apply_edits
from replylint.nlp import tokenize


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(select=["customer_focused"])


def hits(linter: Linter, text: str, context: dict | None = None, **settings) -> list[tuple[str, str]]:
    lint = Linter(select=["customer_focused"], **settings) if settings else linter
    report = lint.check(text, context)
    return [(f.rule, f.passage) for f in report.findings]


# --------------------------------------------------------------------------- what is flagged

VIOLATIONS = [
    # privileges and tools we lack (CUS001)
    ("Sorry, I don't have access to billing details from here.", "CUS001"),
    ("We don’t have access to your account via Twitter.", "CUS001"),
    ("I'm not allowed to issue refunds over $50.", "CUS001"),
    ("My screen doesn't show technician schedules.", "CUS001"),
    ("I tried, but it won't go through on my end once a promo has lapsed.", "CUS001"),
    ("Our internal guidelines cap what I can refund at $50.", "CUS001"),
    ("I'm only set up to handle personal accounts on my end.", "CUS001"),
    ("Support staff can't see card numbers, so I can't tell which card it was.", "CUS001"),
    ("Only supervisors can issue credits over $25, sorry.", "CUS001"),
    ("Unfortunately, that's a limitation of the software we use.", "CUS001"),
    # routing and tracker jargon (CUS002)
    ("I've bumped your ticket up to our L2 team.", "CUS002"),
    ("Per our SLA we respond within 48 hours.", "CUS002"),
    ("The fix is in QA and should go out with the next sprint.", "CUS002"),
    ("That form feeds into a shared inbox that nobody watches very closely.", "CUS002"),
    ("Our ticketing system auto-closes cases after 72 hours.", "CUS002"),
    # workload (CUS003)
    ("Sorry for the wait, we're really short-staffed today.", "CUS003"),
    ("Apologies, we've had a huge influx of tickets since Monday.", "CUS003"),
    ("Sorry about the hold, I'm covering three chats at once.", "CUS003"),
    # our tools named (CUS004)
    ("I've added a note in Freshdesk so the next agent has context.", "CUS004"),
    ("I checked in our CRM and your account is fine.", "CUS004"),
    # internal plumbing (CUS005)
    ("Our SMS gateway is throttling messages, so OTPs are failing.", "CUS005"),
    ("The outage was caused by an expired SSL certificate on one of our load balancers.", "CUS005"),
]


@pytest.mark.parametrize(("text", "rule"), VIOLATIONS)
def test_violation_is_flagged_as_warning(linter, text, rule):
    report = linter.check(text)
    mine = [f for f in report.findings if f.rule == rule]
    assert mine, f"{rule} should flag {text!r}; got {[(f.rule, f.passage) for f in report.findings]}"
    assert all(f.severity is Severity.WARNING for f in mine)


FINE = [
    "I don't have an update yet, but I'll check back with you by 3pm ET.",
    "You don't have permission to edit that folder; ask your admin to share it.",
    "If you can't access your account, I can send a reset link right now.",
    "Reach out to our Photos team in the app if it happens again.",
    "I've passed this to our developers along with your phone model.",
    "We'll pass your feedback on to our devs.",
    "Our system shows the refund went out on May 3.",
    "I can't see an order under that email; could you send the order number?",
    "Payouts go out at the back end of the month.",
    "There's a small queue at the pickup counter on Saturdays.",
    "Your plan is the Level 2 plan, which includes phone support.",
    "Sprint customers can switch plans in the app.",
    "Your ticket number is 55821 if you need it.",
    "That was a glitch on our side, and it's fixed now.",
    "Our servers were down for an hour this morning; everything is back now.",
    "We've been overwhelmed by demand! Supply is limited, but keep trying.",
    "We're busy adding more sizes, and I'll let you know when 10.5 is back.",
    "Your API calls are hitting the rate limit; Pro raises it to 1,000 a minute.",
    "If your admin console shows an error, send me a screenshot.",
    'See the article section "What if I don\'t have access to a trusted device" for the steps.',
]


@pytest.mark.parametrize("text", FINE)
def test_legitimate_use_is_silent(linter, text):
    assert hits(linter, text) == []


# --------------------------------------------------------------------------- context and config

def test_tracker_named_by_the_customer_is_their_product(linter):
    text = "In Jira, open the board settings and turn on the backlog."
    assert hits(linter, text, {"customer_message": "How do I turn on the backlog in Jira?"}) == []
    assert hits(linter, "I've opened a JIRA ticket for the devs.") != []


def test_crm_as_the_customers_product_is_not_flagged(linter):
    assert hits(linter, "You can connect your Salesforce account under Settings > Integrations.") == []
    assert hits(linter, "In Zendesk, go to Admin > Channels.", {"customer_message": "How do I add chat to Zendesk?"}) == []


def test_the_product_we_support_is_not_an_internal_tool(linter):
    text = "I've updated the trigger in Zendesk, so new tickets get the tag."
    assert hits(linter, text) == [("CUS004", "Zendesk")]
    assert hits(linter, text, {"metadata": {"brand": "Zendesk"}}) == []


def test_internal_tools_come_from_config(linter):
    text = "I've logged it in Ticketron and the team will look at it."
    assert hits(linter, text) == []
    assert ("CUS004", "Ticketron") in hits(linter, text, internal_tools=["Ticketron"])
    asked = {"customer_message": "Do I need Ticketron?"}
    assert hits(linter, "Ticketron isn't needed; the app does it.", asked, internal_tools=["Ticketron"]) == []


def test_busy_needs_a_second_cue(linter):
    assert hits(linter, "We're really busy building the new app!") == []
    assert hits(linter, "Sorry for the delay, we're really busy today.") == [("CUS003", "we're really busy")]
    waited = {"customer_message": "Why did it take 3 days to get a reply?"}
    assert hits(linter, "Honestly, we've been really busy.", waited) == [("CUS003", "we've been really busy")]


def test_escalation_rewrite_speaks_customer(linter):
    text = "I've escalated your case to Tier 2, and they'll look into the refund."
    report = linter.check(text)
    finding = next(f for f in report.findings if f.rule == "CUS002")
    assert finding.suggestions and not finding.safe_suggestion
    fixed = apply_edits(text, finding.suggestions[0].edits)
    assert fixed == "I've asked our specialists to look into it, and they'll look into the refund."


def test_tool_name_rewrite_drops_it(linter):
    text = "I've updated the account name in Salesforce, so the next invoice will show it."
    finding = next(f for f in linter.check(text).findings if f.rule == "CUS004")
    assert apply_edits(text, finding.suggestions[0].edits) == "I've updated the account name, so the next invoice will show it."


def test_explanation_run_before_the_fix(linter):
    text = ("We migrated our servers last weekend. The vendor's API started timing out after the move. "
            "I've reset your sync and it works now.")
    found = hits(linter, text)
    assert ("CUS006", "We migrated our servers last weekend. The vendor's API started timing out after the move.") in found
    assert not any(rule == "CUS005" for rule, _ in found)  # one finding for the run, not one per sentence
    assert hits(linter, "I've reset your sync, and it works now. The outage came from a server move last weekend.") == []


# --------------------------------------------------------------------------- stage two stays rare

def test_parse_only_for_triggered_sentences(linter):
    ordinary = "Hi Dana! I can't wait for you to try it. Your access code is in the email. Let me know how it goes!"
    assert linter.check(ordinary).stats["stage_two_sentences"] == 0
    paraphrase = "We frontline agents were never given any access to the refund records."
    report = linter.check(paraphrase)
    assert report.stats["stage_two_sentences"] == 1
    assert [f.rule for f in report.findings] == ["CUS001"]


def test_parse_catches_structure_the_phrases_miss(linter):
    text = "Our department does not have the permissions to see the reasons."
    assert hits(linter, text) == [("CUS001", "Our department does not have the permissions to")]


# --------------------------------------------------------------------------- the gates never hide a match

def _gate_samples() -> list[str]:
    texts = [t for t, _ in VIOLATIONS] + FINE
    for rule in Linter(select=["customer_focused"], preview=True).rules:
        texts += [e.text for e in rule.bad] + [e.text for e in rule.good]
    return texts


@pytest.mark.parametrize("gates", [lack_of_access._LACK_GATES, internal_process._PROCESS_GATES, capacity._CAPACITY_GATES], ids=["lack", "process", "capacity"])
def test_gates_let_every_match_through(gates):
    """A gate's key words must be in every text its regex matches, or the gate hides real hits."""
    for text in _gate_samples():
        for span in tokenize(text).sents:
            info = _text._Sent(span, text)
            for i, gate in enumerate(gates.gates):
                if gate.exact and gate.rx.search(info.text):
                    assert gate.ready(info.toks), f"gate {i} keys {gate.groups} miss {info.text!r}"
