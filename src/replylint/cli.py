"""The `replylint` command: check, fix, rules, explain.

Exit codes: 0 when every verdict is pass or warn, 1 when any is block,
2 on usage, config or input errors.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .config import ConfigError, build_settings, find_config, read_config
from .context import CHANNELS, Context
from .engine import InputError, Linter
from .findings import Finding
from .reference import explain_text, rule_rows, rules_markdown
from .report import Report
from .rule import RuleError
from .traits import DISPLAY_ORDER

EXIT_OK, EXIT_BLOCK, EXIT_ERROR = 0, 1, 2
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLE = {"pass": "bold green", "warn": "bold yellow", "block": "bold red"}


class Fail(click.ClickException):
    """A usage, config or input error: message on stderr, exit 2."""

    exit_code = EXIT_ERROR


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _build_linter(config: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
                  preview: bool, locale: str | None = None) -> Linter:
    overrides: dict[str, Any] = {}
    if select:
        overrides["select"] = _split(select)
    if ignore:
        overrides["ignore"] = _split(ignore)
    if preview:
        overrides["preview"] = True
    try:
        path = Path(config) if config else find_config()
        file_data = read_config(path) if path else {}
        settings, origins = build_settings(file_data, overrides, file_label=str(path) if path else "default")
        return Linter(settings, origins=origins)
    except (ConfigError, RuleError) as exc:
        raise Fail(str(exc)) from None


def read_reply(path: str) -> tuple[str, str]:
    """(label, text) of a FILE or '-' for stdin; undecodable input is an error."""
    if path == "-":
        data = sys.stdin.buffer.read()
        label = "<stdin>"
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise Fail(f"{path}: cannot read: {exc.strerror or exc}") from None
        label = path
    if b"\x00" in data[:8192]:
        raise Fail(f"{label}: looks like a binary file, not a reply (it has NUL bytes)")
    try:
        return label, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Fail(
            f"{label}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 and try again"
        ) from None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _render_finding(console: Console, label: str, text: str, f: Finding) -> None:
    line, col = _line_col(text, f.start)
    style = _SEVERITY_STYLE[f.severity.value]
    console.print(
        f"[bold]{escape(label)}:{line}:{col}:[/] [{style}]{f.rule}[/] "
        f"[dim]{f.trait} · {f.severity.value}[/] {escape(f.message)}"
    )
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.start)
    line_end = len(text) if line_end == -1 else line_end
    src = text[line_start:line_end]
    width = max(1, min(f.end, line_end) - f.start)
    gutter = " " * len(str(line))
    console.print(f"[blue]{gutter} |[/]")
    console.print(f"[blue]{line} |[/] {escape(src)}")
    console.print(f"[blue]{gutter} |[/] {' ' * (f.start - line_start)}[{style}]{'^' * width}[/]")
    for s in f.suggestions[:1]:
        repl = " / ".join(repr(e.replacement) for e in s.edits)
        console.print(f"[blue]{gutter} =[/] [green]{s.applicability.value} fix[/]: {escape(s.title)} ({escape(repl)})")
    console.print()


def _render_summary(console: Console, label: str, report: Report) -> None:
    style = _VERDICT_STYLE[report.verdict]
    counts = f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}"
    console.print(f"[bold]{escape(label)}[/]: score [bold]{report.score}[/]/100 · "
                  f"verdict [{style}]{report.verdict.upper()}[/] · {counts}")
    chips = []
    for t in DISPLAY_ORDER:
        s = report.traits[t]
        color = "green" if s == 100 else ("yellow" if s >= 50 else "red")
        chips.append(f"[{color}]{t} {s}[/]")
    console.print("  " + " · ".join(chips))
    for n in report.notices:
        console.print(f"  [magenta]notice[/] ({n.kind}): {escape(n.message)}")


class _Commands(click.Group):
    """`audit` and `serve` live in their own packages, with their own extras, and are imported
    only when asked for: web-server and plotting imports would add half a second to every `check`."""

    optional = {"audit": ("replylint.audit.command", "audit"), "serve": ("replylint.server.command", "server")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.optional])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.optional:
            return super().get_command(ctx, name)
        import importlib

        module, extra = self.optional[name]
        try:
            return importlib.import_module(module).command  # type: ignore[no-any-return]
        except ImportError as exc:
            why = str(exc)

        @click.command(name, context_settings={"ignore_unknown_options": True},
                       help=f"(needs: pip install 'replylint[{extra}]')")
        @click.argument("args", nargs=-1, type=click.UNPROCESSED)
        def unavailable(args: tuple[str, ...]) -> None:
            raise Fail(f"`replylint {name}` needs extra packages: pip install 'replylint[{extra}]' ({why})")

        return unavailable


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="replylint")
def main() -> None:
    """Check customer-support replies against the ten traits of a great reply."""


_common = [
    click.option("--config", type=click.Path(dir_okay=False), help="Config file (default: found upward)."),
    click.option("--select", multiple=True, help="Rules to run: ids, id prefixes or traits (comma-separated)."),
    click.option("--ignore", multiple=True, help="Rules to skip: ids, id prefixes or traits."),
    click.option("--preview", is_flag=True, help="Also run rules still in preview."),
]
_context_opts = [
    click.option("--customer-name", help="The customer's name (sharpens greeting checks)."),
    click.option("--agent-name", help="The agent's own name (a person, not a brand)."),
    click.option("--customer-message", help="The message this reply answers."),
    click.option("--channel", type=click.Choice(CHANNELS), help="chat, email or social (sets length limits)."),
    click.option("--locale", help="Locale for this reply, e.g. en-GB (default: the house locale)."),
]


def _apply(options: list[Any]):  # type: ignore[no-untyped-def]
    def deco(fn):  # type: ignore[no-untyped-def]
        for opt in reversed(options):
            fn = opt(fn)
        return fn
    return deco


def _context(customer_name: str | None, agent_name: str | None, customer_message: str | None,
             channel: str | None, locale: str | None) -> Context:
    try:
        return Context(customer_name=customer_name, agent_name=agent_name,
                       customer_message=customer_message, channel=channel, locale=locale)  # type: ignore[arg-type]
    except ValueError as exc:
        raise Fail(str(exc)) from None


@main.command()
@click.argument("files", nargs=-1)
@_apply(_common + _context_opts)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and where each came from.")
def check(files: tuple[str, ...], config: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          preview: bool, customer_name: str | None, agent_name: str | None, customer_message: str | None,
          channel: str | None, locale: str | None, fmt: str, show_settings: bool) -> None:
    """Check replies. One FILE is one reply; '-' (or no FILE) reads stdin."""
    linter = _build_linter(config, select, ignore, preview)
    if show_settings:
        _print_settings(linter)
        return
    if not files:
        if sys.stdin.isatty():
            raise click.UsageError("give one or more FILEs, or '-' to read a reply from stdin")
        files = ("-",)
    ctx = _context(customer_name, agent_name, customer_message, channel, locale)
    results: list[tuple[str, Report]] = []
    for path in files:
        label, text = read_reply(path)
        try:
            results.append((label, linter.check(text, ctx)))
        except InputError as exc:
            raise Fail(f"{label}: {exc}") from None
    if fmt == "json":
        if len(results) == 1:
            payload: Any = results[0][1].to_dict()
        else:
            payload = [{"path": label, "report": r.to_dict()} for label, r in results]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        console = _console()
        for label, report in results:
            for f in report.findings:
                _render_finding(console, label, report.text, f)
            _render_summary(console, label, report)
    sys.exit(EXIT_BLOCK if any(r.verdict == "block" for _, r in results) else EXIT_OK)


def _print_settings(linter: Linter) -> None:
    data = linter.settings.model_dump(mode="json")
    width = max(len(k) for k in data)
    for key, value in data.items():
        origin = linter.origins.get(key, "default")
        click.echo(f"{key.ljust(width)} = {json.dumps(value)}    # {origin}")
    click.echo(f"{'active rules'.ljust(width)} = {len(linter.active)} of {len(linter.rules)}")


@main.command()
@click.argument("file", default="-")
@_apply(_common + _context_opts)
@click.option("--diff", is_flag=True, help="Show a unified diff instead of the rewritten reply.")
@click.option("--unsafe", is_flag=True, help="Also apply suggestions that need a human's eye.")
def fix(file: str, config: str | None, select: tuple[str, ...], ignore: tuple[str, ...], preview: bool,
        customer_name: str | None, agent_name: str | None, customer_message: str | None,
        channel: str | None, locale: str | None, diff: bool, unsafe: bool) -> None:
    """Print FILE (or stdin) with the safe suggestions applied."""
    linter = _build_linter(config, select, ignore, preview)
    label, text = read_reply(file)
    ctx = _context(customer_name, agent_name, customer_message, channel, locale)
    try:
        fixed = linter.fix(text, ctx, unsafe=unsafe)
    except InputError as exc:
        raise Fail(f"{label}: {exc}") from None
    if diff:
        lines = difflib.unified_diff(
            text.splitlines(keepends=True), fixed.splitlines(keepends=True),
            fromfile=label, tofile=f"{label} (fixed)",
        )
        click.echo("".join(lines), nl=False)
    else:
        click.echo(fixed, nl=not fixed.endswith("\n"))


@main.command("rules")
@_apply(_common)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
def rules_cmd(config: str | None, select: tuple[str, ...], ignore: tuple[str, ...], preview: bool, fmt: str) -> None:
    """List every rule: id, trait, severity, fix, and whether it is active."""
    linter = _build_linter(config, select, ignore, preview)
    if fmt == "markdown":
        click.echo(rules_markdown(linter.rules), nl=False)
        return
    rows = rule_rows(linter.rules, {r.id for r in linter.active})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"replylint rules ({len(linter.active)} of {len(rows)} active)")
    for col in ("rule", "name", "trait", "severity", "fix", "active", "summary"):
        table.add_column(col, overflow="fold")
    for d in rows:
        table.add_row(d["id"], d["name"] + (" (preview)" if d["preview"] else ""), d["trait"], d["severity"],
                      d["fix"], "yes" if d["active"] else "no", d["summary"])
    _console().print(table)


@main.command()
@click.argument("rule")
@click.option("--config", type=click.Path(dir_okay=False))
def explain(rule: str, config: str | None) -> None:
    """Explain one RULE (id or name): what it flags, why, and examples."""
    linter = _build_linter(config, (), (), True)
    found = [r for r in linter.rules if rule in (r.id, r.name) or r.id == rule.upper()]
    if not found:
        close = difflib.get_close_matches(rule.upper(), [r.id for r in linter.rules], n=1)
        raise Fail(f"no rule {rule!r}" + (f"; did you mean {close[0]}?" if close else "; see `replylint rules`"))
    click.echo(explain_text(found[0]))


@main.command("eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_apply(_common)
@click.option("--split", type=click.Choice(["train", "test", "all"]), multiple=True,
              help="Which split(s) to score (default: train and test).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="List the ids of missed and wrongly flagged replies.")
def eval_cmd(paths: tuple[str, ...], config: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
             preview: bool, split: tuple[str, ...], fmt: str, show_errors: bool) -> None:
    """Precision, recall and F1 per trait on labeled replies (corpus/*.jsonl)."""
    from .evaluate import CorpusError, evaluate, load_corpus

    linter = _build_linter(config, select, ignore, preview)
    try:
        rows = load_corpus(Path(p) for p in paths)
    except CorpusError as exc:
        raise Fail(str(exc)) from None
    results = [evaluate(linter, rows, sp) for sp in (split or ("train", "test"))]
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in results], indent=2))
        return
    console = _console()

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    for res in results:
        table = Table(title=f"{res.split} split: {res.replies} replies")
        for col in ("trait", "precision", "recall", "F1", "paraphrase recall", "TP", "FP", "FN"):
            table.add_column(col, justify="right" if col != "trait" else "left")
        for t, s in res.traits.items():
            table.add_row(t, pct(s.precision), pct(s.recall), pct(s.f1), pct(s.paraphrase_recall),
                          str(s.tp), str(s.fp), str(s.fn))
        console.print(table)
        hits = ", ".join(f"{k} {v} ({res.rule_correct[k]} right)" for k, v in sorted(res.rule_hits.items()))
        console.print(f"rule hits: {hits or 'none'}\n")
        if show_errors:
            for kind, trait, rid in res.misses:
                console.print(f"  {kind:15} {trait:17} {rid}")


@main.command("test-rules")
@_apply(_common)
def test_rules(config: str | None, select: tuple[str, ...], ignore: tuple[str, ...], preview: bool) -> None:
    """Run every loaded rule's examples (built-ins, plugins and your packs)."""
    from .selftest import run_examples

    linter = _build_linter(config, select, ignore, True)
    problems = list(run_examples(linter))
    for rule, problem in problems:
        click.echo(f"{rule.id} ({rule.origin}): {problem}")
    total = sum(len(r.bad) + len(r.good) for r in linter.active)
    click.echo(f"{total - len(problems)} passed, {len(problems)} failed")
    sys.exit(EXIT_BLOCK if problems else EXIT_OK)



if __name__ == "__main__":  # pragma: no cover
    main()
