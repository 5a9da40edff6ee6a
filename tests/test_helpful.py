"""helpful (HLP): behaviour that depends on the whole reply and on the customer's message.

The rule examples (tests/test_examples.py) pin single texts; these tests pin what changes
when the context changes: the same sentence is fine or not depending on what else the reply
says, and on what the customer wrote.
"""

from __future__ import annotations

import pytest

from replylint import Linter

HELPFUL = Linter(select=["helpful"])


def hits(text: str, customer_message: str | None = None, rule: str | None = None) -> list[tuple[str, str, str]]:
    ctx = {"customer_message": customer_message} if customer_message is not None else None
    report = HELPFUL.check(text, ctx)
    return [(f.rule, f.severity.value, f.passage) for f in report.findings if rule is None or f.rule == rule]


def warnings(text: str, customer_message: str | None = None) -> list[str]:
    return [rule for rule, sev, _ in hits(text, customer_message) if sev != "info"]


# --------------------------------------------------------------------------- HLP002: a no needs a way forward


ASK_PO = "Can you ship to a PO box?"


def test_bare_no_is_a_warning():
    assert hits("Unfortunately we can't ship to PO boxes. Sorry about that!", ASK_PO) == [
        ("HLP002", "warning", "we can't ship to PO boxes")]


@pytest.mark.parametrize("forward", [
    "But at checkout you can pick any UPS Access Point near you.",          # an alternative
    "Instead, pick a UPS Access Point at checkout.",                         # "instead"
    "Here's how to pick a pickup point: acme.com/pickup",                     # a link
    "Want me to switch the order to a pickup point?",                         # a question back
    "I've switched your order to the pickup point on Main St.",               # an action taken
    "Please DM us your order number and we'll sort out another address.",     # a next step
])
def test_any_way_forward_anywhere_in_the_reply_clears_the_no(forward):
    assert warnings(f"Unfortunately we can't ship to PO boxes. {forward}", ASK_PO) == []


def test_feedback_pass_along_is_not_a_way_forward():
    text = "We're afraid that isn't possible right now, but we'll pass your feedback on to the right team."
    assert warnings(text, "Can I download playlists on the web player?") == ["HLP002"]


def test_an_honest_reason_without_an_alternative_is_only_a_hint():
    text = "We can't offer trials in Quebec due to licensing restrictions."
    assert hits(text, "Can I get a free trial in Montreal?") == [
        ("HLP002", "info", "We can't offer trials in Quebec")]


def test_one_tweet_of_a_thread_is_only_a_hint():
    # the way forward may be in the other tweet
    assert [sev for _, sev, _ in hits("1/2 We're unable to transfer licenses between accounts.")] == ["info"]


def test_paraphrased_refusals_are_caught_by_structure():
    for text in ("Honestly there's nothing we can do about that.",
                 "That's just how the system works, I'm afraid.",
                 "There isn't a way to do that at the moment.",
                 "Sorry, we only deliver within the city limits."):
        assert warnings(text, "Can you do anything about it?") == ["HLP002"], text


@pytest.mark.parametrize("text", [
    "Sorry to hear you can't log in!",                     # the customer's problem, echoed
    "We apologize that you're unable to find it.",
    "If you can't find the email, give it ten minutes.",    # a condition
    "We can't wait to see what you build!",                 # an idiom
    "Please don't share your account number here.",         # an instruction
    "I wasn't able to reach you by phone yesterday.",       # a past report, not a no
])
def test_what_only_looks_like_a_no(text):
    assert hits(text, "Any update?", rule="HLP002") == []


def test_nobody_asked_so_a_cannot_is_an_answer_not_a_refusal():
    text = "It needs 12 characters and it can't include your name."
    assert hits(text, "What are the password rules?") == []
    assert warnings("It can't include your name.", "Can I use my name in my password?") == ["HLP002"]


def test_a_reply_with_a_way_forward_never_reaches_the_parser():
    report = HELPFUL.check("We can't ship to PO boxes. Pick a pickup point here: acme.com/pickup",
                           {"customer_message": ASK_PO})
    assert report.stats.get("stage_two_sentences", 0) == 0


# --------------------------------------------------------------------------- HLP001: no dates for fixes


@pytest.mark.parametrize("text", [
    "The patch goes live Thursday, so you'll be all set then.",
    "We expect this to be resolved by tomorrow morning.",
    "Our team will have it fixed by Monday.",
    "Hey! It'll be back up and running in two hours.",
    "Bulk editing launches on June 3!",
])
def test_fix_and_feature_dates_are_flagged(text):
    assert warnings(text, "The export is broken, when will it work?") == ["HLP001"]


@pytest.mark.parametrize("text,message", [
    ("The outage was fixed at 3pm, so everything should work now.", "Is the site down?"),
    ("If it isn't fixed by Friday, email me and I'll refund the month.", "Export is broken."),
    ("Your refund will be processed within 5-7 business days.", "Where's my refund?"),
    ("Yes! Their sweaters will ship together in one box tomorrow.", "We ordered two sweaters, will they ship together?"),
    ("Release Radar refreshes every Friday.", "When does Release Radar update?"),
    ("A technician will be there Tuesday to repair the line.", "My internet is down."),
])
def test_dates_that_are_not_fix_promises(text, message):
    assert hits(text, message, rule="HLP001") == []


def test_ship_is_about_goods_unless_a_feature_ships():
    assert warnings("It ships tomorrow.", "When does my order ship?") == []
    assert warnings("The dark mode feature ships next week!", "When is dark mode coming?") == ["HLP001"]


# --------------------------------------------------------------------------- HLP003: deflection as the whole answer


def test_deflection_alone_is_a_warning_but_not_beside_an_answer():
    ask = "@Nimbus is there an outage? No signal in Austin since noon"
    assert warnings("@hollyb Keep an eye on our status page for updates!", ask) == ["HLP003"]
    assert warnings("@hollyb Yes, there's an outage in Austin. Turn on Wi-Fi Calling meanwhile. "
                    "Keep an eye on our status page for updates!", ask) == []


def test_passing_praise_along_is_not_a_black_hole():
    text = "Thank you so much! We'll pass your kind words on to the crew."
    assert hits(text, "@FlyCo shout out to the crew on flight 220, amazing service") == []
    # the same pass-along as the whole answer to a request is one
    assert warnings("Thanks! We'll pass your feedback on to the product team.",
                    "Please bring back the old invoice layout.") == ["HLP003"]


def test_deflection_with_an_explanation_is_an_answer():
    text = "Ads help us keep the free tier free, but don't worry, we'll pass your feedback to the team."
    assert hits(text, "Too many ads in the app, please remove them") == []


def test_a_thread_part_is_not_judged_as_the_whole_answer():
    assert hits("2/2 We'll pass it on to the right folks.", "Please add a sleep timer") == []


# --------------------------------------------------------------------------- HLP004: making them explain again

DESCRIBED = "The app logs me out every time I switch to another app and back, on my iPhone 14 since the update."


def test_reask_needs_the_customers_description():
    text = "Thanks for waiting! Could you describe the issue again?"
    assert warnings(text, DESCRIBED) == ["HLP004"]
    assert hits(text) == []                           # no customer message: we can't know
    assert hits(text, "app broken help") == []        # too short to be a description
    # a long message that only vents has nothing to re-ask
    assert hits(text, "Worst customer service ever, I have been waiting forever and nobody cares at all!!") == []


def test_reask_that_moves_to_a_private_channel_is_a_step():
    assert hits("Can you DM us and describe the issue there?", DESCRIBED) == []


def test_specific_follow_up_questions_are_fine():
    assert hits("Sorry about that! Which iPhone model and app version are you on?", DESCRIBED) == []


def test_asking_for_an_order_number_already_given():
    found = hits("Sorry about that! What's your order number?", "My order #58821 arrived in the wrong color, I ordered navy and got black.")
    assert [(r, p) for r, _, p in found] == [("HLP004", "your order number")]


# --------------------------------------------------------------------------- HLP005: non-answers


def test_a_stall_is_a_non_answer_only_for_a_simple_question():
    stall = "We'll look into that and get back to you!"
    assert warnings(stall, "How do I turn off international roaming?") == ["HLP005"]
    assert hits(stall, "My bill is wrong again, this is ridiculous") == []   # looking into a problem is a step


def test_vague_talk_needs_a_question_to_ignore():
    vague = "Great question! Transfer times can vary depending on lots of factors."
    assert warnings(vague, "How long does a bank transfer take?") == ["HLP005"]
    assert hits(vague) == []                                  # no message: can't judge
    assert hits("Transfer times can vary: between our accounts it's instant, from other banks 1-2 business days.",
                "How long does a bank transfer take?") == []
