"""The careful trait: context-dependent behaviour beyond each rule's own examples.

Careful findings are errors that block sending, so most of these tests pin
down what must NOT be flagged: a customer's own short name, a merge tag
explained to a customer who asked about templates, a date that is honestly
TBD, a masked card, a public admin console, the customer's own router.
"""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.findings import Applicability, Severity
from replylint.fixes import apply_edits


@pytest.fixture(scope="module")
def careful() -> Linter:
    return Linter(select=["careful"])


def hits(linter: Linter, text: str, **context) -> list[tuple[str, str]]:
    report = linter.check(text, context or None)
    return [(f.rule, f.passage) for f in report.findings if f.trait == "careful"]


def rules(linter: Linter, text: str, **context) -> set[str]:
    return {rule for rule, _ in hits(linter, text, **context)}


# --------------------------------------------------------------------------- CAR009 names


@pytest.mark.parametrize(
    ("greeting", "customer"),
    [
        ("Hi Dan,", "Daniel Ortiz"),
        ("Hi Danny!", "Daniel Ortiz"),
        ("Hi Daniel,", "Daniel Ortiz"),
        ("hi daniel,", "Daniel Ortiz"),
        ("Hi DANIEL,", "Daniel Ortiz"),
        ("Dear Mr. Ortiz,", "Daniel Ortiz"),
        ("Hi Daniel Ortiz,", "Daniel Ortiz"),
        ("Hi Bob,", "Robert King"),
        ("Hi Bill,", "William Hart"),
        ("Hi Liz,", "Elizabeth Moss"),
        ("Hi Kate,", "Catherine Lowe"),
        ("Hi Kathy,", "Katherine Lowe"),
        ("Hi Mike,", "Michael Chen"),
        ("Hi Liv!", "Olivia Brooks"),
        ("Hi Alex,", "Alexandra Stone"),
        ("Hi Alexander,", "Alex Stone"),
        ("Hi Chris,", "Christina Park"),
        ("Hi José,", "Jose Ramirez"),
        ("Hi Jose,", "José Ramírez"),
        ("Hi Zoë,", "Zoe Adams"),
        ("Hi Mary-Jane,", "Mary-Jane Watson"),
        ("Hi Daniel,", "Ortiz, Daniel"),
        ("Good morning Dan,", "Daniel Ortiz"),
        ("Hello again Dan,", "Daniel Ortiz"),
    ],
)
def test_greeting_with_the_customers_own_name_is_fine(careful, greeting, customer):
    assert "CAR009" not in rules(careful, f"{greeting} your delivery is moved to Saturday.", customer_name=customer)


@pytest.mark.parametrize(
    "greeting",
    ["Hi there,", "Hi all,", "Hi team,", "Hello again!", "Hey folks,", "Hi everyone,", "Hey, Kate here from Acme!",
     "Hi,", "Dear Valued Customer,", "Dear Policyholder,", "Hi friend,"],
)
def test_greetings_that_are_not_names_are_fine(careful, greeting):
    assert "CAR009" not in rules(careful, f"{greeting} your delivery is moved to Saturday.", customer_name="Daniel Ortiz")


@pytest.mark.parametrize(
    ("text", "customer", "wrong"),
    [
        ("Hi Maria, I've moved your delivery to Saturday.", "Daniel Ortiz", "Maria"),
        ("hi maria, I've moved your delivery to Saturday.", "Daniel Ortiz", "maria"),
        ("@livbrooks Hi Emma! Your refund went through.", "Olivia Brooks", "Emma"),
        ("Dear Ms. Jensen, your claim was approved.", "Daniel Ortiz", "Jensen"),
        ("Good afternoon Priyanka, your claim was approved.", "Daniel Ortiz", "Priyanka"),
        ("Hi Liam,\n\nYour router is active.\n\nThanks again for your patience, Sarah!\n\nBest,\nKate", "Liam Byrne",
         "Sarah"),
        ("Thanks Sarah! Your router is active now.", "Liam Byrne", "Sarah"),
    ],
)
def test_someone_elses_name_is_an_error(careful, text, customer, wrong):
    report = careful.check(text, {"customer_name": customer, "agent_name": "Kate"})
    found = [f for f in report.findings if f.rule == "CAR009"]
    assert [f.passage for f in found] == [wrong]
    assert found[0].severity is Severity.ERROR


def test_wrong_name_rewrite_uses_the_customers_first_name(careful):
    report = careful.check("Hi Maria, your delivery is Saturday.", {"customer_name": "Daniel Ortiz"})
    (finding,) = [f for f in report.findings if f.rule == "CAR009"]
    assert apply_edits(report.text, finding.suggestions[0].edits) == "Hi Daniel, your delivery is Saturday."
    assert finding.suggestions[0].applicability is Applicability.UNSAFE


@pytest.mark.parametrize("context", [{}, {"customer_name": ""}, {"customer_name": "@kelz_"}])
def test_no_customer_name_means_no_name_finding(careful, context):
    assert "CAR009" not in rules(careful, "Hi Maria, your delivery is Saturday.", **context)


def test_name_the_customer_mentioned_is_fine(careful):
    text = "Hi Maria, I've added you to Daniel's account as he asked."
    ctx = {"customer_name": "Daniel Ortiz", "customer_message": "Please add my wife Maria to the account."}
    assert "CAR009" not in rules(careful, text, **ctx)


def test_agents_own_signature_and_colleagues_are_fine(careful):
    text = "Hi Daniel, Jake on our billing team approved it. Thanks, Kate"
    assert "CAR009" not in rules(careful, text, customer_name="Daniel Ortiz")
    text = "Hi Daniel,\n\nIt's done.\n\nTalk soon, Kate"
    assert "CAR009" not in rules(careful, text, customer_name="Daniel Ortiz", agent_name="Kate")


# --------------------------------------------------------------------------- CAR001 placeholders


def test_merge_tag_explained_to_a_customer_who_asked_is_fine(careful):
    ask = "How do I add the subscriber's first name to my campaign template?"
    assert not hits(careful, "Put *|FNAME|* in the subject line and it fills in for each subscriber.",
                    customer_message=ask)
    assert not hits(careful, "Add {{ first_name }} to the email body.", customer_message=ask)


def test_merge_tag_is_flagged_without_a_template_question(careful):
    assert ("CAR001", "*|FNAME|*") in hits(careful, "Thanks *|FNAME|*, your subscription renews soon.")


def test_placeholder_in_the_greeting_is_flagged_even_when_templates_were_asked_about(careful):
    ask = "How do merge tags work in your templates?"
    assert ("CAR001", "{{first_name}}") in hits(careful, "Hi {{first_name}}, merge tags fill in when it sends.",
                                               customer_message=ask)


@pytest.mark.parametrize(
    "text",
    [
        "The `{{first_name}}` tag is empty when a contact has no first name saved.",
        'That "%FIRSTNAME%" text shows up when the contact\'s name field is blank.',
        "Use {{ order.number }} in your Liquid template to print the order number.",
    ],
)
def test_quoted_backticked_or_explained_syntax_is_fine(careful, text):
    assert not hits(careful, text)


def test_placeholder_rewrite_fills_in_the_known_name(careful):
    report = careful.check("Hi [First Name], your refund is approved.", {"customer_name": "Daniel Ortiz"})
    (finding,) = [f for f in report.findings if f.rule == "CAR001"]
    assert apply_edits(report.text, finding.suggestions[0].edits) == "Hi Daniel, your refund is approved."


@pytest.mark.parametrize(
    "text",
    [
        "The release date is still TBD, I'll update you as soon as I hear.",
        "The repair cost is TBD until the technician has a look.",
        "Your card ending in XXXX was charged twice; I've reversed one.",
        "The charge on card XXXX-XXXX-XXXX-4242 is reversed.",
        "We have the jacket in XL and XXL.",
        "The XXX Games tickets go on sale Friday.",
        "Tap Settings > [your name] > iCloud > Manage Storage.",
        "Check out our [help center](https://acme.com/help) for the steps.",
        "Your order [#40213] ships tomorrow.",
        "Hi, your appointment is confirmed.",
    ],
)
def test_legitimate_tbd_masks_and_brackets_are_fine(careful, text):
    assert "CAR001" not in rules(careful, text)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Your order number is XXX and it ships today.", "XXX"),
        ("I've issued a refund of $TBD to your card.", "$TBD"),
        ("Your replacement ships on [TBD].", "[TBD]"),
        ("Your tracking number is TBD.", "number is TBD"),
        ("I've refunded $XX.XX to your card.", "$XX.XX"),
        ("It should arrive within XX business days.", "XX"),
        ("Please call us at 1-800-XXX-XXXX.", "1-800-XXX-XXXX"),
        ("Hi XXX, your order shipped.", "XXX"),
        ("Hi <<FirstName>>, welcome aboard.", "<<FirstName>>"),
        ("Dear {FirstName}, your plan renews soon.", "{FirstName}"),
        ("Hi {!Contact.FirstName}, thanks.", "{!Contact.FirstName}"),
        ("Your tracking number is [TRACKING #].", "[TRACKING #]"),
        ("Hi , thanks for waiting.", "Hi ,"),
    ],
)
def test_stand_ins_for_a_value_are_flagged(careful, text, passage):
    assert ("CAR001", passage) in hits(careful, text)


# --------------------------------------------------------------------------- CAR002 test text


@pytest.mark.parametrize(
    "text",
    ["Test reply - please ignore.", "Hi Ahmed, this is a test. Your checkout is live.", "[TEST] Your store is live.",
     "testing 1 2 3", "@115712 test"],
)
def test_replies_that_are_tests_are_flagged(careful, text):
    assert "CAR002" in rules(careful, text)


@pytest.mark.parametrize(
    "text",
    ["Run a speed test at speedtest.net and send us a screenshot.", "Use code TEST10 at checkout for 10% off.",
     "Is this a test environment or your live store?", "Test your connection again after restarting."],
)
def test_a_real_test_mentioned_is_fine(careful, text):
    assert "CAR002" not in rules(careful, text)


# --------------------------------------------------------------------------- CAR003 internal URLs


@pytest.mark.parametrize(
    "text",
    [
        "Sign in at https://admin.google.com with your admin account.",
        "Your store admin is at https://admin.shopify.com/store/yourstore/orders.",
        "Our developer portal is at https://dev.twitter.com/docs.",
        "Open 192.168.0.1 in a browser to reach the router settings.",
        "The update to iOS 11.1 fixes this; 10.3.3 is the last version for the 5c.",
        "I can add a $10.00 credit for the trouble.",
        "You can follow your request at https://acme.zendesk.com/hc/requests/5521.",
    ],
)
def test_public_consoles_routers_and_versions_are_fine(careful, text):
    assert "CAR003" not in rules(careful, text)


def test_localhost_on_the_customers_own_machine_is_fine(careful):
    text = "Point the CLI at http://localhost:3000/webhooks and run it again."
    assert "CAR003" not in rules(careful, text, customer_message="How do I test webhooks locally?")
    assert "CAR003" in rules(careful, "You can check your order at http://localhost:8080/orders/5521.")


@pytest.mark.parametrize(
    "url",
    [
        "https://acme-staging.herokuapp.com/app",
        "http://127.0.0.1:8000/admin",
        "https://qa.acme.com/orders/5521",
        "https://acme.slack.com/archives/C123ABC",
        "https://jira.acme.com/browse/SUP-12",
        "https://admin.acme.com/users/88213/edit",
        "https://acme.com/admin/customers/5521",
        "http://10.0.4.17:8080/report",
    ],
)
def test_internal_links_are_flagged(careful, url):
    assert ("CAR003", url) in hits(careful, f"Details are at {url} for you.")


# --------------------------------------------------------------------------- CAR008 secrets


def test_temporary_password_is_a_warning_and_a_shared_one_an_error(careful):
    report = careful.check("Your temporary password is Temp#4821; change it after you log in.")
    (temp,) = [f for f in report.findings if f.rule == "CAR008"]
    assert temp.severity is Severity.WARNING
    report = careful.check("Use the shared support login, support@acme.com / Acme!2024.")
    (shared,) = [f for f in report.findings if f.rule == "CAR008"]
    assert (shared.passage, shared.severity) == ("Acme!2024", Severity.ERROR)


@pytest.mark.parametrize(
    "text",
    [
        "Your password must be at least 8 characters.",
        "Is it saying your password is incorrect? Try the reset link.",
        "The default password for the router is on the sticker.",
        "Your Wi-Fi password is printed on the back of the router.",
        "Please don't share your password with anyone, including us.",
        "Email help@acme.com / 1-800-555-0142 if it happens again.",
    ],
)
def test_talking_about_passwords_is_fine(careful, text):
    assert "CAR008" not in rules(careful, text)


def test_secret_patterns_run_on_short_replies_of_any_language(careful):
    assert "CAR008" in rules(careful, "Use this key: sk_test_4eC39HqLyjWDarjtT1zdp7dc")


# --------------------------------------------------------------------------- CAR010 mojibake


def test_mojibake_fix_is_safe_and_keeps_curly_quotes(careful):
    report = careful.check("Itâ€™s on its way!")
    (finding,) = [f for f in report.findings if f.rule == "CAR010"]
    assert finding.suggestions[0].applicability is Applicability.SAFE
    assert apply_edits(report.text, finding.suggestions[0].edits) == "It’s on its way!"


@pytest.mark.parametrize(
    "text",
    ["It’s on its way, Zoë! Café au lait, naïve, 😊👍🏽", "Our São Paulo store reopens Monday.", "Ça coûte 20 €.",
     "Hi 上原, please DM us your booking number."],
)
def test_correct_accents_and_emoji_are_fine(careful, text):
    assert "CAR010" not in rules(careful, text)


# --------------------------------------------------------------------------- notes, leaks, other people's data


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Internal note: customer already got a refund in March. Hi Sam, your refund is on its way.", "CAR007"),
        ("[Note to agent: do not offer more than 10%] Hi, here's 10% off.", "CAR007"),
        ("(he's been a customer for 10 years, give him the discount) Hi Tom, here's 15% off.", "CAR007"),
        ("Customer has called 5 times about this. Hi, the fee is removed.", "CAR007"),
        ("Offer him 20% only if he threatens to cancel. Hi Ravi, here's 10% off.", "CAR007"),
        ("A customer named Jenna (jenna@gmail.com) had this too.", "CAR011"),
        ("It's coming in the Phoenix release, which hasn't been announced yet, but should be out in March.", "CAR012"),
        ("Between you and me, the price drops next month.", "CAR012"),
        ("Offline mode is coming with Project Condor next quarter.", "CAR012"),
    ],
)
def test_internal_and_confidential_text_is_flagged(careful, text, rule):
    assert rule in rules(careful, text)


@pytest.mark.parametrize(
    "text",
    [
        "Your phone's internal storage is full.",
        "I've logged this for internal review.",
        "Note that the credit applies to your next bill.",
        "Please note: a small amount of salt can carry over from the previous batch.",
        "We can't comment on unannounced products.",
        "We haven't announced anything about a new model yet, so I can't say more.",
        "This is due to licensing restrictions between us, the network and the league.",
        "Keep your recovery code to yourself.",
        "Other customers have reported the same thing; we're on it.",
        "You can reach Carlos on our installs team at 1-800-555-0150, ext. 214.",
        "My colleague Carlos will call you tomorrow.",
        "Ask him to reset his password from the login page, then try again.",
        "We're still testing the new update; I'll let you know once it's live.",
        "Project Gutenberg has free ebooks you can read in the app.",
        "The client is available for Windows and Mac.",
        "The customer is responsible for return shipping.",
        "Your son can exchange it in store (ask him to bring his receipt).",
        "Kids ride free (only if he's under 13).",
        "(Don't worry, he'll be fine.) The vet visit is covered.",
        "I've escalated this to our engineering team (they're looking into it now).",
        "Refund for her order is on its way.",
        "The update isn't public yet, but we'll tweet as soon as it's out.",
        "The winner hasn’t been announced yet, but keep your eye on the thread for updates.",
    ],
)
def test_ordinary_support_replies_are_not_flagged(careful, text):
    assert not hits(careful, text)
