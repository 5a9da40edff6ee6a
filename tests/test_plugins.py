"""Third-party plugins arrive through the entry point group `replylint`, like the built-ins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import Linter
from replylint.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plugin" / "src"


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """Make the example plugin importable and discoverable as if pip-installed."""
    info = tmp_path / "replylint_acme-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: replylint-acme\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[replylint]\nacme = replylint_acme\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(EXAMPLE))
    yield


def test_plugin_rules_run_next_to_the_builtins(installed_plugin):
    linter = Linter()
    ids = {r.id for r in linter.active}
    assert {"ACME001", "ACME002", "NAT002"} <= ids
    report = linter.check("Kindly open AcmeCloud; I put it in the ops queue.")
    assert {"ACME001", "ACME002", "NAT002"} <= {f.rule for f in report.findings}
    assert linter.fix("Open AcmeCloud and sign in.") == "Open Acme Drive and sign in."


def test_rules_command_lists_plugin_rules(installed_plugin):
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows["ACME001"]["origin"] == "acme"
    assert "acme" in rows["ACME002"]["origin"]


def test_entry_points_can_be_turned_off(installed_plugin):
    assert "ACME001" not in {r.id for r in Linter(entry_points=False).rules}
