"""The command line: output formats, exit codes, errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from replylint.cli import main

BAD = "Dear Customer, please be advised that {{first_name}} ..."


def run(args, stdin=None):
    return CliRunner().invoke(main, args, input=stdin)


def test_check_json_stdin_is_one_report_with_several_traits():
    result = run(["check", "--format", "json", "-"], BAD)
    assert result.exit_code == 1  # a placeholder blocks
    report = json.loads(result.output)
    assert report["verdict"] == "block"
    assert {"personal", "natural", "careful"} <= {f["trait"] for f in report["findings"]}


def test_check_several_files_is_a_list(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Kindly send it.")
    b.write_text("Thanks, it's fixed now.")
    result = run(["check", "--format", "json", str(a), str(b)])
    assert result.exit_code == 0
    out = json.loads(result.output)
    assert [o["path"] for o in out] == [str(a), str(b)]
    assert out[0]["report"]["verdict"] == "warn" and out[1]["report"]["verdict"] == "pass"


def test_text_output_underlines_the_passage(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("Hi Dana,\nKindly send the code.")
    result = run(["check", str(f)])
    assert result.exit_code == 0
    assert f"{f}:2:1: NAT002" in result.output
    assert "^^^^^^" in result.output and "safe fix" in result.output
    assert "score" in result.output and "natural 80" in result.output


def test_context_options_reach_the_rules():
    result = run(["check", "--format", "json", "--customer-name", "Dana Lee", "-"], "Dear Customer, thanks.")
    report = json.loads(result.output)
    assert report["fixed_text"] == "Hi Dana, thanks."


def test_undecodable_and_binary_input_exit_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 ok")
    result = run(["check", str(bad)])
    assert result.exit_code == 2 and "not valid UTF-8" in result.output
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02")
    assert run(["check", str(binary)]).exit_code == 2
    assert run(["check", str(tmp_path / "missing.txt")]).exit_code == 2


def test_config_typo_exits_2_with_the_key(tmp_path):
    cfg = tmp_path / "replylint.toml"
    cfg.write_text('selct = ["natural"]\n')
    result = run(["check", "--config", str(cfg), "-"], "hi")
    assert result.exit_code == 2
    assert "did you mean 'select'" in result.output


def test_show_settings_names_origins(tmp_path):
    cfg = tmp_path / "replylint.toml"
    cfg.write_text('locale = "en-GB"\n')
    result = run(["check", "--config", str(cfg), "--show-settings"])
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.startswith("locale"))
    assert '"en-GB"' in line and str(cfg) in line


def test_fix_and_diff():
    result = run(["fix", "-"], "Kindly send the the code in order to verify.")
    assert result.output == "Please send the code to verify.\n"
    diff = run(["fix", "--diff", "-"], "Kindly send it.")
    assert diff.output.startswith("--- <stdin>") and "+Please send it." in diff.output


def test_rules_and_explain():
    table = run(["rules"])
    assert table.exit_code == 0 and "NAT002" in table.output
    md = run(["rules", "--format", "markdown"])
    assert md.output.startswith("# Rule reference")
    ex = run(["explain", "NAT002"])
    assert ex.exit_code == 0 and "Why:" in ex.output and "Kindly" in ex.output
    typo = run(["explain", "NAT02"])
    assert typo.exit_code == 2 and "NAT002" in typo.output


def test_version():
    from replylint import __version__

    assert run(["--version"]).output.strip().endswith(__version__)


def test_test_rules_passes_for_builtins():
    result = run(["test-rules"])
    assert result.exit_code == 0 and result.output.rstrip().endswith(", 0 failed")
