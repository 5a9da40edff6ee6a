"""Config discovery, validation and selection."""

from __future__ import annotations

import textwrap

import pytest

from replylint import ConfigError, Linter
from replylint.config import find_config

TEAM_PACK = textwrap.dedent('''
    [pack]
    trait = "customer_focused"

    [[rule]]
    id = "TEAM001"
    name = "say-help-center"
    kind = "phrase"
    summary = "Our product is the Help Center, never the knowledge base."
    why = "Customers know it by its public name."
    message = "Call it the Help Center."
    phrases = ["knowledge base", "kb article"]
    replacement = "Help Center"
    fix = "safe"
    action = "replace"
    bad = [
      {text = "See the knowledge base.", flagged = "knowledge base", fixed = "See the Help Center."},
      {text = "Knowledge base articles help.", flagged = "Knowledge base"},
      {text = "I sent a KB article.", flagged = "KB article"},
    ]
    good = ["See the Help Center.", "Our base plan has it.", "I know the answer."]
''')


def test_pyproject_is_found_upward(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.replylint]\nignore = ["NAT002"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_config() == tmp_path / "pyproject.toml"
    linter = Linter.from_config()
    assert "NAT002" not in {r.id for r in linter.active}
    assert linter.origins["ignore"] == str(tmp_path / "pyproject.toml")
    assert linter.origins["select"] == "default"


def test_pyproject_without_our_table_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    monkeypatch.chdir(tmp_path)
    assert find_config() is None or find_config().parent != tmp_path


def test_unknown_key_names_the_closest(tmp_path):
    cfg = tmp_path / "replylint.toml"
    cfg.write_text('ignor = ["NAT002"]\n')
    with pytest.raises(ConfigError, match=r"unknown key 'ignor'.*did you mean 'ignore'"):
        Linter.from_config(cfg)


def test_nested_unknown_key_and_bad_value(tmp_path):
    cfg = tmp_path / "replylint.toml"
    cfg.write_text('[verdict]\nblock_onn = "error"\n')
    with pytest.raises(ConfigError, match="block_on"):
        Linter.from_config(cfg)
    cfg.write_text('locale = "en-XX"\n')
    with pytest.raises(ConfigError, match="locale"):
        Linter.from_config(cfg)
    cfg.write_text('max_chars = "lots"\n')
    with pytest.raises(ConfigError, match="max_chars"):
        Linter.from_config(cfg)


def test_unknown_rule_in_select_is_an_error_with_a_hint():
    with pytest.raises(ConfigError, match="did you mean 'NAT002'"):
        Linter(select=["NAT02x"])
    with pytest.raises(ConfigError, match="severity"):
        Linter(severity={"NOPE999": "error"})


def test_select_and_ignore_by_prefix_and_trait():
    only_natural = Linter(select=["natural"])
    assert {r.trait for r in only_natural.active} == {"natural"}
    by_prefix = Linter(select=["CAR"], ignore=["CAR002"])
    assert {r.id for r in by_prefix.active} == {r.id for r in by_prefix.rules if r.id.startswith("CAR")} - {"CAR002"}


def test_severity_override_and_verdict_policy():
    text = "Kindly send the code."
    assert Linter().check(text).verdict == "warn"
    assert Linter(severity={"NAT002": "error"}).check(text).verdict == "block"
    assert Linter(verdict={"warn_on": "never"}).check(text).verdict == "pass"
    assert Linter(verdict={"block_below": 90}).check(text).verdict == "block"


def test_team_pack_folder_loads_without_code(tmp_path):
    packs = tmp_path / "styles"
    packs.mkdir()
    (packs / "team.toml").write_text(TEAM_PACK)
    cfg = tmp_path / "replylint.toml"
    cfg.write_text('packs = ["styles"]\n')
    linter = Linter.from_config(cfg)
    report = linter.check("Check the knowledge base for steps.")
    assert [f.rule for f in report.findings] == ["TEAM001"]
    assert report.fixed_text == "Check the Help Center for steps."


def test_pack_rule_without_examples_is_refused(tmp_path):
    packs = tmp_path / "styles"
    packs.mkdir()
    (packs / "team.toml").write_text(TEAM_PACK.split("    bad = [")[0].replace("    ", "") if False else
                                     TEAM_PACK[: TEAM_PACK.index("bad = [")])
    with pytest.raises(Exception, match="examples"):
        Linter(packs=[str(packs)])


def test_preview_rules_are_off_unless_asked(tmp_path):
    pack = TEAM_PACK.replace('kind = "phrase"', 'kind = "phrase"\npreview = true')
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "team.toml").write_text(pack)
    assert "TEAM001" not in {r.id for r in Linter(packs=[str(folder)]).active}
    assert "TEAM001" in {r.id for r in Linter(packs=[str(folder)], preview=True).active}
    assert "TEAM001" in {r.id for r in Linter(packs=[str(folder)], select=["ALL", "TEAM001"]).active}


def test_vocabulary_is_never_flagged():
    text = "Try Test Drive mode: test test 123 is what it prints."
    assert "CAR002" in {f.rule for f in Linter().check("test test 123").findings}
    assert "CAR002" not in {f.rule for f in Linter(vocabulary=["test test 123"]).check(text).findings}


def test_banned_terms_and_codenames_from_config():
    linter = Linter(banned_terms={"knowledge base": "Help Center"}, codenames=["Falcon"])
    report = linter.check("Falcon is in the knowledge base.")
    assert {f.rule: f.passage for f in report.findings} == {"CAR005": "Falcon", "CAR004": "knowledge base"}
    assert report.verdict == "block"


REGEX_PACK = """
[pack]
trait = "careful"

[[rule]]
id = "TEAM002"
name = "sandbox-word"
kind = "regex"
summary = "Our sandbox name."
why = "Customers never see the sandbox."
message = "Internal name: {match}."
regex = '''\\bsand-?box\\b'''
hints = HINTS
bad = [{text = "Try it in the sandbox first.", flagged = "sandbox"}, {text = "The sand-box is reset nightly.", flagged = "sand-box"}, {text = "Sandbox is down.", flagged = "Sandbox"}]
good = ["Try it in the app first.", "The beach had sand.", "Our box ships today."]
"""


@pytest.mark.parametrize(("hints", "flagged"), [('["sandbox", "sand-box"]', True), ('["sandpit"]', False)])
def test_regex_rule_runs_only_when_a_hint_is_present(tmp_path, hints, flagged):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "team.toml").write_text(REGEX_PACK.replace("HINTS", hints))
    linter = Linter(packs=[str(folder)], select=["TEAM002"])
    found = [f.rule for f in linter.check("Please test it in the Sandbox.").findings]
    assert found == (["TEAM002"] if flagged else [])
