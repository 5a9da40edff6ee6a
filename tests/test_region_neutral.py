"""region_neutral: locale-aware spelling and vocabulary, dates, times, seasons and holidays.

The rules' own examples run in test_examples.py; these cover the locale switch (house
setting, Context override, en-CA), the exception lists and the cases examples can't show.
"""

from __future__ import annotations

import pytest

from replylint import Context, Linter
from replylint.checks import region_neutral as rn


@pytest.fixture(scope="module")
def us() -> Linter:
    return Linter(select=["region_neutral"])


@pytest.fixture(scope="module")
def gb() -> Linter:
    return Linter(select=["region_neutral"], locale="en-GB")


def hits(linter: Linter, text: str, rule: str | None = None, **ctx) -> list[str]:
    report = linter.check(text, Context(**ctx) if ctx else None)
    return [f.passage for f in report.findings if rule is None or f.rule == rule]


def first_fix(linter: Linter, text: str, rule: str, **ctx) -> str:
    report = linter.check(text, Context(**ctx) if ctx else None)
    finding = next(f for f in report.findings if f.rule == rule)
    edit = finding.suggestions[0].edits[0]
    return text[: edit.start] + edit.replacement + text[edit.end :]


# --------------------------------------------------------------------------- locale switch


def test_house_locale_is_en_us_and_flags_british_spelling(us):
    report = us.check("Pick a colour you like.")
    (finding,) = [f for f in report.findings if f.rule == "REG001"]
    assert finding.passage == "colour"
    assert finding.safe_suggestion is not None
    assert "en-US" in finding.message and "color" in finding.message


def test_en_gb_house_flags_american_spelling_and_not_british(gb):
    assert hits(gb, "Pick a color you like.", "REG001") == ["color"]
    assert hits(gb, "Pick a colour you like.", "REG001") == []


def test_context_locale_overrides_the_house_locale(us, gb):
    assert hits(us, "Pick a color you like.", "REG001", locale="en-GB") == ["color"]
    assert hits(us, "Pick a colour you like.", "REG001", locale="en-GB") == []
    assert hits(gb, "Pick a colour you like.", "REG001", locale="en-US") == ["colour"]


@pytest.mark.parametrize("locale", ["en-AU", "en-NZ", "en-IE", "en-ZA", "en-IN"])
def test_commonwealth_locales_use_british_spelling(us, locale):
    assert hits(us, "We'll organize it by color.", "REG001", locale=locale) == ["organize", "color"]
    assert hits(us, "We'll organise it by colour.", "REG001", locale=locale) == []


def test_en_ca_flags_no_spelling_and_no_vocabulary(us):
    text = "Pick a colour or color; we'll organise or organize it. Your postcode or zip code, please."
    assert hits(us, text, "REG001", locale="en-CA") == []
    assert hits(us, text, "REG006", locale="en-CA") == []


def test_oxford_spelling_option_accepts_ize_in_en_gb():
    oxford = Linter(select=["REG001"], locale="en-GB", rules={"REG001": {"oxford_spelling": True}})
    assert hits(oxford, "We'll organize the colors.") == ["colors"]


# --------------------------------------------------------------------------- REG001 details


@pytest.mark.parametrize(
    "word",
    ["cancelled", "cancelling", "travelled", "travelling", "traveller", "dialogue", "catalogue", "grey",
     "greyed", "judgement", "analyses", "disc", "aesthetic"],
)
def test_words_standard_in_both_are_not_flagged_in_en_us(us, word):
    assert hits(us, f"The {word} is here.", "REG001") == []


@pytest.mark.parametrize(
    "word", ["program", "license", "practice", "check", "tire", "meter", "draft", "curb", "story", "install",
             "disk", "connection", "analog", "judgment", "aging", "tons", "filter"],
)
def test_british_homographs_are_not_flagged_in_en_gb(gb, word):
    assert hits(gb, f"The {word} is here.", "REG001") == []


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("I apologise for the delay.", "I apologize for the delay."),
        ("Colour options are ready.", "Color options are ready."),
        ("Note: the colour is wrong.", "Note: the color is wrong."),
        ("Our behaviour policy and favourites list.", "Our behavior policy and favourites list."),
        ("Visit our Help Centre.", "Visit our Help Center."),
        ("Pay by cheque.", "Pay by check."),
        ("Your enquiry is open.", "Your inquiry is open."),
    ],
)
def test_spelling_fix_keeps_case(us, text, fixed):
    assert first_fix(us, text, "REG001") == fixed


def test_families_are_covered(us):
    text = ("The colour, organised, analysed, the centre, labelled, the defence, the licence, "
            "a fulfilment, the aluminium, the tyre.")
    assert hits(us, text, "REG001") == [
        "colour", "organised", "analysed", "centre", "labelled", "defence", "licence", "fulfilment",
        "aluminium", "tyre",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Meet us at the Rogers Centre.",
        "The seat went to Labour last year.",
        "Open Settings > Display > Colour Filters.",
        'It is under "Startup and Window Behaviour".',
        "Pick ENQUIRY on the form.",
        "ColourPop is a brand.",
    ],
)
def test_names_and_labels_are_skipped(us, text):
    assert hits(us, text, "REG001") == []


def test_urls_handles_and_emails_are_skipped(us):
    text = "See https://example.co.uk/colour-guide, ask @colourteam or write to colour@example.com."
    assert hits(us, text, "REG001") == []


def test_team_vocabulary_is_never_flagged():
    linter = Linter(select=["region_neutral"], vocabulary=["Colour Lab"])
    assert hits(linter, "Try the Colour Lab, then pick a colour.") == ["colour"]


def test_fix_rewrites_every_british_spelling(us):
    assert us.fix("I apologise: the colour of your favourite mug is grey.") == (
        "I apologize: the color of your favorite mug is grey."
    )


def test_spelling_tables_hold_no_exempt_word_and_are_lower_case():
    to_us, to_uk = rn._spelling_maps()
    assert not rn.US_ACCEPTS & set(to_us)
    assert not rn.BRITISH_ACCEPTS & set(to_uk)
    assert all(k == k.lower() and v == v.lower() for k, v in to_us.items())
    assert to_us["colour"] == "color" and to_uk["color"] == "colour"
    assert "tranquilly" not in to_us and "install" not in to_uk


def test_rules_read_tokens_only(us):
    report = us.check("Pick a colour by 5pm on 03/04/2025, this summer, after Thanksgiving.")
    assert report.stats["stage_two_sentences"] == 0
    assert {r.needs for r in us.active if r.trait == "region_neutral"} == {"tokens"}


# --------------------------------------------------------------------------- REG003 dates


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Your payment is due 07/08.", "07/08"),
        ("The sale ends 5/6 at midnight.", "5/6"),
        ("The event is on 03/04/2025.", "03/04/2025"),
        ("The event is on 3/4/25.", "3/4/25"),
        ("Opened 03-04-2025.", "03-04-2025"),
        ("Opened 3.4.2025.", "3.4.2025"),
        ("It's scheduled for 3/4.", "3/4"),
    ],
)
def test_ambiguous_dates_are_flagged(us, text, passage):
    assert hits(us, text, "REG003") == [passage]


@pytest.mark.parametrize(
    "text",
    [
        "We're here 24/7.",
        "Thanks for waiting. 2/2",
        "(1/2) We're looking into it.",
        "Add 1/2 cup and 3/4 of the bottle.",
        "Update to 11.1.2 or version 1.2.10.",
        "It costs $3.50, or 3-4 business days by post.",
        "Call 1-800-555-0199 or 0344 556 5650.",
        "Your refund posted on 25/12/2025, and on 12/25 too.",
        "The shop is open 5/5.",
        "Rated 4/5 by customers.",
        "Within 25/11 to 10/12 the offer applies.",
    ],
)
def test_unambiguous_or_non_dates_are_not_flagged(us, text):
    assert hits(us, text, "REG003") == []


def test_date_suggestion_follows_the_locale(us):
    assert first_fix(us, "Due 03/04/2025.", "REG003") == "Due March 4, 2025."
    assert first_fix(us, "Due 03/04/2025.", "REG003", locale="en-GB") == "Due 3 April 2025."
    assert first_fix(us, "Due 03/04/2025.", "REG003", locale="en-AU") == "Due 3 April 2025."
    report = us.check("Due 03/04/2025.", Context(locale="en-CA"))
    (finding,) = [f for f in report.findings if f.rule == "REG003"]
    assert finding.suggestions == ()  # Canada writes both orders: no guess


# --------------------------------------------------------------------------- REG004 times


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Please reply by 5pm.", "by 5pm"),
        ("Send it before 3 p.m. so we can ship.", "before 3 p.m."),
        ("The promo runs until 9am.", "until 9am"),
        ("I'll call you at 10:30 am tomorrow.", "at 10:30 am"),
        ("We're available between 9 and 5.", "between 9 and 5"),
        ("Our lines are open 9-5, Monday to Friday.", "9-5"),
        ("Our hours are 9am-5pm.", "9am-5pm"),
        ("Please confirm by end of day.", "by end of day"),
    ],
)
def test_deadlines_without_zone_are_flagged(us, text, passage):
    assert hits(us, text, "REG004") == [passage]


@pytest.mark.parametrize(
    "text",
    [
        "Please reply by 5pm ET.",
        "We're here from 5am to 8pm Pacific time.",
        "Please reply by 5 p.m. your local time.",
        "Our hours are 9am-5pm (UTC). Reply by 5pm.",
        "It happened at 5pm yesterday.",
        "We emailed you at 3pm.",
        "Your flight departs at 6:45 pm.",
        "The driver will deliver until 8 PM.",
        "Our store opens at 9am.",
        "The deals start at 1am in Massachusetts.",
        "It takes between 3 and 5 business days.",
    ],
)
def test_times_with_zone_past_or_local_are_not_flagged(us, text):
    assert hits(us, text, "REG004") == []


# --------------------------------------------------------------------------- REG005 seasons, holidays


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("It's coming this summer.", "this summer"),
        ("We'll know more in the fall.", "in the fall"),
        ("It returns next spring.", "next spring"),
        ("We'll fix it by winter.", "by winter"),
        ("It ships later this autumn.", "later this autumn"),
        ("We'll reply after Thanksgiving.", "after Thanksgiving"),
        ("We reopen before Labor Day.", "before Labor Day"),
        ("It arrives by the bank holiday.", "by the bank holiday"),
        ("We're away over Memorial Day weekend.", "over Memorial Day weekend"),
        ("Deliveries slow down during Golden Week.", "during Golden Week"),
    ],
)
def test_seasons_and_holidays_as_dates_are_flagged(us, text, passage):
    assert hits(us, text, "REG005") == [passage]


@pytest.mark.parametrize(
    "text",
    [
        "Our Summer Sale is on now.",
        "Prices fall on Friday.",
        "Check the spring in the hinge.",
        "After the fall, the screen cracked.",
        "Fall detection is on.",
        "These boots are great for winter.",
        "Happy Thanksgiving!",
        "We're closed on Thanksgiving, Thursday, November 27.",
        "It's back in all US locations this winter.",
        "Last summer we moved.",
    ],
)
def test_names_verbs_and_dated_holidays_are_not_flagged(us, text):
    assert hits(us, text, "REG005") == []


# --------------------------------------------------------------------------- REG006 vocabulary


def test_british_vocabulary_in_en_us_and_american_in_en_gb(us, gb):
    text = "Send your postcode, or ring us; it's in the post."
    assert hits(us, text, "REG006") == ["postcode", "ring us", "in the post"]
    assert hits(gb, text, "REG006") == []
    assert hits(gb, "Send your zip code; it's in the mail.", "REG006") == ["zip code", "in the mail"]
    assert first_fix(us, "Send your zip code.", "REG006", locale="en-IN") == "Send your PIN code."


def test_money_slang_is_flagged_in_every_locale(us):
    for locale in ("en-US", "en-GB", "en-CA"):
        assert hits(us, "It costs 5 grand.", "REG006", locale=locale) == ["5 grand"]
    assert first_fix(us, "It costs £2.5 grand.", "REG006") == "It costs £2,500."


@pytest.mark.parametrize(
    "text", ["A flat fee of $5 applies.", "The phone will ring twice.", "Please post it on our forum.",
             "The grand total is $50."],
)
def test_vocabulary_lookalikes_are_not_flagged(us, text):
    assert hits(us, text, "REG006") == []


# --------------------------------------------------------------------------- REG002, REG007 idioms


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("See y'all soon!", "y'all"),
        ("See y’all soon!", "y’all"),
        ("Our team will revert back to you shortly.", "revert back to you"),
        ("That's a slam dunk.", "a slam dunk"),
        ("We'll touch base tomorrow.", "touch base"),
        ("No dramas, it's sorted.", "No dramas"),
        ("They moved the goalposts.", "moved the goalposts"),
    ],
)
def test_idioms_are_flagged_in_every_locale(us, text, passage):
    assert hits(us, text, "REG002") == [passage]
    assert hits(us, text, "REG002", locale="en-GB") == [passage]


def test_software_revert_is_not_an_idiom(us):
    assert hits(us, "You can revert to the previous version in Settings.", "REG002") == []


def test_for_six_with_a_gap(us):
    assert hits(us, "That bug knocked us for six.", "REG007") == ["knocked us for six"]
    assert hits(us, "Hold the button for six seconds.", "REG007") == []
