"""Ingest: decoding, regions and the offset map."""

from __future__ import annotations

from replylint.ingest import ingest


def kinds(text):
    src = ingest(text)
    return {(r.kind, src.text[r.start : r.end]) for r in src.regions}


def test_entities_are_decoded_and_offsets_map_back():
    original = "Go to Settings &gt; Privacy &amp; kindly tap Reset."
    src = ingest(original)
    assert src.text == "Go to Settings > Privacy & kindly tap Reset."
    i = src.text.index("kindly")
    s, e = src.to_original(i, i + len("kindly"))
    assert original[s:e] == "kindly"
    s, e = src.to_original(src.text.index(">"), src.text.index(">") + 1)
    assert original[s:e] == "&gt;"


def test_html_becomes_text_with_quotes_and_code_marked():
    original = "<p>Hi Dana,</p><p>Kindly <b>restart</b> it.</p><blockquote>old mail</blockquote><code>rm -rf</code>"
    src = ingest(original)
    assert "Kindly restart it." in src.text and "<b>" not in src.text
    assert ("quote", "old mail") in {(r.kind, src.text[r.start : r.end]) for r in src.regions}
    i = src.text.index("restart")
    s, e = src.to_original(i, i + 7)
    assert original[s:e] == "restart"


def test_urls_handles_emails_and_thread_markers_are_masked():
    found = kinds("@jo see https://acme.com/help. Mail me at a.b@acme.com #fix (1/2)")
    assert ("handle", "@jo") in found
    assert ("url", "https://acme.com/help") in found
    assert ("email", "a.b@acme.com") in found
    assert ("hashtag", "#fix") in found
    assert ("thread_marker", "(1/2)") in found


def test_24_7_is_not_a_thread_marker():
    assert not [k for k in kinds("We're here 24/7") if k[0] == "thread_marker"]


def test_quoted_history_and_greeting_and_signoff():
    text = "Hi Dana,\nYour refund is done.\n\nBest regards,\nTom\n\nOn Mon, 3 Feb, Dana wrote:\n> where is it"
    found = kinds(text)
    assert ("greeting", "Hi Dana,") in found
    assert any(k == "signoff" and v.startswith("Best regards") for k, v in found)
    assert any(k == "quote" and "wrote:" in v for k, v in found)


def test_tweet_signatures_are_signoffs():
    assert any(k == "signoff" for k, _ in kinds("Route change is not allowed.Thanks-Mich"))
    assert any(k == "signoff" for k, _ in kinds("Happy to help! ^CN"))
    assert any(k == "signoff" for k, _ in kinds("Sorry about that. -Becky"))


def test_quote_lines_after_entity_decoding_are_quotes():
    found = kinds("Thanks!\n&gt; my old message")
    assert ("quote", "> my old message") in found


def test_a_greeting_ends_at_a_dash_but_not_inside_a_hyphenated_name():
    assert ("greeting", "Hi there") in kinds("Hi there – per our terms, you may have one account.")
    assert ("greeting", "Hi Mary-Jane,") in kinds("Hi Mary-Jane, your order shipped.")
