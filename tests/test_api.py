"""The library contract: Linter, Context, Report, Finding (see docs/api.md)."""

from __future__ import annotations

import json

import pytest

from replylint import SCHEMA_VERSION, TRAIT_IDS, Context, Hit, InputError, Linter, Rule, Severity
from replylint.hookspecs import hookimpl
from replylint.rule import examples

BAD = "Dear Customer, please be advised that {{first_name}} your order is delayed."


def test_report_has_every_trait_and_contract_fields(linter):
    report = linter.check(BAD, Context(customer_name="Dana Lee"))
    data = report.to_dict()
    assert set(data["traits"]) == set(TRAIT_IDS)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["replylint_version"] and len(data["ruleset"]) == 16
    assert data["verdict"] == "block"  # the placeholder is an error
    traits_hit = {f["trait"] for f in data["findings"]}
    assert {"personal", "natural", "careful"} <= traits_hit
    json.loads(report.to_json())  # valid JSON


def test_offsets_point_into_the_original_text(linter):
    text = "@jo 🎉 Kindly DM us &amp; we'll look. {{name}}"
    report = linter.check(text)
    assert report.findings
    for f in report.findings:
        assert text[f.start : f.end] == f.passage
    assert {"Kindly", "{{name}}"} <= {f.passage for f in report.findings}


def test_clean_reply_passes_with_full_marks(linter):
    report = linter.check("Hi Dana, your refund went out today. It should show up in 3-5 business days.")
    assert report.findings == []
    assert report.score == 100 and report.verdict == "pass"


def test_empty_text_is_a_pass_with_a_notice(linter):
    report = linter.check("   \n ")
    assert report.verdict == "pass"
    assert [n.kind for n in report.notices] == ["empty"]


def test_too_long_text_is_a_clear_error():
    small = Linter(max_chars=50)
    with pytest.raises(InputError, match="limit is 50"):
        small.check("x" * 51)
    with pytest.raises(InputError, match="must be text"):
        small.check(b"bytes")  # type: ignore[arg-type]


def test_finding_ids_survive_edits_elsewhere(linter):
    a = linter.check("Kindly send the code. Thanks!")
    b = linter.check("Hello! We checked your account. Kindly send the code. Thanks so much!")
    ida = {f.passage: f.id for f in a.findings}
    idb = {f.passage: f.id for f in b.findings}
    assert ida["Kindly"] == idb["Kindly"]


def test_repeated_passage_gets_distinct_ids(linter):
    report = linter.check("Kindly send it. Kindly confirm.", )
    ids = [f.id for f in report.findings if f.rule == "NAT002"]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_ignore_takes_rule_ids_traits_and_finding_ids(linter):
    full = linter.check(BAD)
    rules = {f.rule for f in full.findings}
    assert "NAT001" in rules
    assert "NAT001" not in {f.rule for f in linter.check(BAD, ignore=["NAT001"]).findings}
    assert not [f for f in linter.check(BAD, ignore=["natural"]).findings if f.trait == "natural"]
    dismissed = full.findings[0].id
    assert dismissed not in {f.id for f in linter.check(BAD, ignore=[dismissed]).findings}


def test_check_many_equals_check(linter):
    texts = ["Kindly send it.", "", "Dear Customer, hi.", ("Hi {{x}}", {"customer_name": "Al"}), "Fine reply."]
    many = list(linter.check_many(texts, batch_size=2))
    singles = [linter.check(t) if isinstance(t, str) else linter.check(t[0], t[1]) for t in texts]
    assert [r.to_dict() for r in many] == [r.to_dict() for r in singles]


def test_check_many_reports_bad_rows_without_stopping():
    small = Linter(max_chars=20)
    out = list(small.check_many(["Kindly send it.", "y" * 30, "ok"]))
    assert [r.checked for r in out] == [True, False, True]
    assert out[1].notices[0].kind == "input"


def test_context_validates_channel():
    with pytest.raises(ValueError, match="channel"):
        Context(channel="fax")  # type: ignore[arg-type]
    assert Context.from_dict({"customer_name": "A", "team": "x"}).metadata == {"team": "x"}


class _Broken(Rule):
    id = "ZZZ001"
    name = "always-raises"
    trait = "literate"
    summary = "Raises."
    why = "To prove one broken rule does not stop a check."
    message = "never shown"
    bad = examples({"text": "a b", "flagged": "a"}, {"text": "a c", "flagged": "a"}, {"text": "a d", "flagged": "a"})
    good = examples("x", "y", "z")

    def check(self, analysis, rc):
        raise RuntimeError("boom")
        yield  # pragma: no cover


class _BrokenPlugin:
    @hookimpl
    def replylint_rules(self, settings):
        return [_Broken()]


def test_a_rule_that_raises_becomes_a_notice():
    linter = Linter(plugins=[_BrokenPlugin()])
    report = linter.check(BAD)
    assert any(n.kind == "rule_error" and n.rule == "ZZZ001" for n in report.notices)
    assert {"NAT001", "CAR001"} <= {f.rule for f in report.findings}  # the others still ran


def test_a_rule_is_not_called_when_none_of_its_hints_is_in_the_reply():
    """The engine skips a rule whose `hints` are all absent (one pass finds every rule's hints)."""
    class Raiser(_Broken):
        id = "ZZZ003"
        hints = ("sandbox", "sand-box")

    class P:
        @hookimpl
        def replylint_rules(self, settings):
            return [Raiser()]

    linter = Linter(plugins=[P()], select=["ZZZ003"])
    assert not linter.check("Your order shipped today.").notices  # never called, so it could not raise
    called = linter.check("Try it in the SANDBOX first.").notices  # hints match case-insensitively
    assert [n.rule for n in called if n.kind == "rule_error"] == ["ZZZ003"]


def test_info_findings_change_no_score():
    class Hinter(Rule):
        id = "ZZZ002"
        name = "hint"
        trait = "concise"
        severity = Severity.INFO
        summary = "A hint."
        why = "Hints do not count."
        message = "hint"
        bad = examples({"text": "hint me", "flagged": "hint"}, {"text": "hint you", "flagged": "hint"},
                       {"text": "hint us", "flagged": "hint"})
        good = examples("a", "b", "c")

        def check(self, analysis, rc):
            i = analysis.text.find("hint")
            if i >= 0:
                yield Hit(i, i + 4)

    class P:
        @hookimpl
        def replylint_rules(self, settings):
            return [Hinter()]

    report = Linter(plugins=[P()], select=["ZZZ002"]).check("hint me")
    assert [f.severity for f in report.findings] == [Severity.INFO]
    assert report.score == 100 and report.verdict == "pass"


def test_fixed_text_and_fix_are_idempotent(linter):
    text = "Kindly send the the code in order to verify it!!"
    once = linter.fix(text)
    assert once == "Please send the code to verify it!"
    assert linter.fix(once) == once


def test_spacy_component_puts_the_report_on_the_doc():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("replylint")
    doc = nlp("Kindly send the code.")
    assert doc._.replylint.verdict == "warn"
    assert [f.rule for f in doc._.findings] == ["NAT002"]


def test_warm_up_loads_the_lazy_parts_and_returns_the_linter():
    from replylint.spelling import speller

    linter = Linter()
    assert linter.warm_up() is linter
    assert speller()._symspell is not None
