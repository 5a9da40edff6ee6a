"""The LanguageTool backend against a stand-in server that speaks its documented JSON."""

from __future__ import annotations

import socket
import time

import pytest

from replylint import ConfigError, Linter

from .languagetool_standin import StandIn


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_off_by_default_and_no_request_sent():
    with StandIn() as lt:
        Linter().check("We recieve it in order to help.")
        assert lt.requests == []


def test_matches_become_findings_with_traits_rule_ids_and_suggestions():
    with StandIn() as lt:
        linter = Linter(select=["LT"], languagetool={"url": lt.url})
        text = "🎉 We got the colour you asked for in order to help."
        report = linter.check(text)
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["LT:EN_GB_SIMPLE_REPLACE_BRITISH"].trait == "region_neutral"
    assert by_rule["LT:IN_ORDER_TO"].trait == "concise"
    for f in report.findings:
        assert text[f.start:f.end] == f.passage  # offsets survive the emoji (UTF-16 on the wire)
    colour = by_rule["LT:EN_GB_SIMPLE_REPLACE_BRITISH"]
    assert colour.passage == "colour"
    assert colour.suggestions[0].edits[0].replacement == "color"
    assert colour.suggestions[0].applicability.value == "unsafe"
    assert report.notices == []


def test_same_problem_is_reported_once_when_a_builtin_rule_also_finds_it():
    with StandIn() as lt:
        report = Linter(languagetool={"url": lt.url}).check("We recieve returns in order to help.")
    passages = [f.passage for f in report.findings]
    assert passages.count("in order to") == 1
    assert passages.count("recieve") == 1
    kept = {f.passage: f.rule for f in report.findings}
    assert kept["in order to"] == "CON001" and kept["recieve"] == "LIT005"


def test_a_down_server_gives_a_notice_and_offline_checks_still_run():
    linter = Linter(languagetool={"url": f"http://127.0.0.1:{_free_port()}", "timeout": 2})
    report = linter.check("Kindly send the code.")
    assert [n.kind for n in report.notices] == ["backend"]
    assert "Kindly send" not in report.notices[0].message  # no customer text in notices
    assert [f.rule for f in report.findings] == ["NAT002"]


def test_a_slow_server_times_out_without_hanging_and_is_then_skipped():
    with StandIn(delay=3.0) as lt:
        linter = Linter(languagetool={"url": lt.url, "timeout": 0.5, "retry_after": 60})
        started = time.perf_counter()
        first = linter.check("Kindly send the code.")
        assert time.perf_counter() - started < 2.5
        assert "did not answer within 0.5 s" in first.notices[0].message
        started = time.perf_counter()
        second = linter.check("Kindly send the code.")
        assert time.perf_counter() - started < 0.3  # left alone after a failure
        assert "skipped" in second.notices[0].message
        assert [f.rule for f in second.findings] == ["NAT002"]


def test_public_api_needs_explicit_consent():
    with pytest.raises(ConfigError, match="allow_public"):
        Linter(languagetool={"url": "https://api.languagetool.org/"})
    Linter(languagetool={"url": "https://api.languagetool.org/", "allow_public": True})


def test_ignoring_lt_turns_it_off():
    with StandIn() as lt:
        Linter(languagetool={"url": lt.url}, ignore=["LT"]).check("We recieve it.")
        assert lt.requests == []
