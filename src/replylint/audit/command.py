"""`replylint audit`: lint a batch of past replies and report on them.

Registered by replylint.cli as the ``audit`` command. The heavy libraries (pyarrow,
plotly, dask) are imported when a run needs them, so ``replylint check`` stays fast;
this module only checks that the ``audit`` extra is installed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import click

for _module in ("pyarrow", "tqdm", "plotly"):
    if importlib.util.find_spec(_module) is None:
        raise ImportError(f"No module named {_module!r}")

from .readers import FORMATS, Columns, InputProblem, InputSpec, preflight
from .templates import PRESETS, TemplateConfig, parse_fields, parse_syntax

EXIT_INTERRUPTED = 130


def _fail(message: str) -> click.ClickException:
    from ..cli import Fail

    return Fail(message)


def _template_fields(values: tuple[str, ...]) -> frozenset[str]:
    items: list[str] = []
    for value in values:
        if value.startswith("@"):
            path = Path(value[1:])
            try:
                items.append(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise _fail(f"--template-fields {value}: cannot read ({exc.strerror or exc})") from None
        else:
            items.append(value)
    return parse_fields(items)


@click.command("audit", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format (default: from the extension; .json/.jsonl exports are recognized by shape).")
@click.option("--text-column", help="Column with the reply (default: text, reply or body).")
@click.option("--id-column", help="Column with the reply's id (default: id; else the row number).")
@click.option("--customer-name-column", help="Column with the customer's name (default: customer_name).")
@click.option("--agent-column", help="Column with the agent (default: agent or agent_name).")
@click.option("--team-column", help="Column with the team (default: team or group).")
@click.option("--channel-column", help="Column with the channel: chat, email, social (default: channel).")
@click.option("--created-at-column", help="Column with the send time (default: created_at, timestamp, sent_at, date).")
@click.option("--customer-message-column", help="Column with the message the reply answers (default: customer_message).")
@click.option("--title-column", help="Macros: column with the macro's title (default: title).")
@click.option("--usage-column", help="Macros: column with how often the macro is used (default: usage).")
@click.option("--delimiter", help="CSV delimiter (default: comma; tab for .tsv).")
@click.option("--macros", "is_macros", is_flag=True, help="The rows are saved replies (macros, canned responses).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="One row per reply: results.jsonl or results.parquet.")
@click.option("--findings", type=click.Path(path_type=Path), help="One row per finding: findings.parquet or .jsonl.")
@click.option("--errors", type=click.Path(path_type=Path),
              help="Rows that could not be linted (default: <output>.errors.jsonl beside the output).")
@click.option("--report", type=click.Path(path_type=Path), help="The HTML report (one self-contained file).")
@click.option("--summary", type=click.Path(path_type=Path), help="The report's figures as JSON (default: summary.json beside the report).")
@click.option("--include-text", is_flag=True, help="Also write each reply's text into the results table.")
@click.option("--resume", is_flag=True, help="Go on with an interrupted run: lint only the rows not yet written.")
@click.option("--redact", is_flag=True, help="Mask e-mail addresses, phone numbers and long digit runs in every output.")
@click.option("--templates/--no-templates", default=None,
              help="Template mode: well-formed placeholders are not findings, malformed ones are "
                   "(default: on for macros, off otherwise).")
@click.option("--template-syntax", multiple=True,
              help=f"Placeholder syntax: a preset ({', '.join(PRESETS)}) or 'OPEN CLOSE' (default: handlebars).")
@click.option("--template-fields", multiple=True,
              help="Known placeholder fields, comma-separated or @file; others are findings.")
@click.option("--timezone", default="UTC", show_default=True, help="The team's time zone for hours, days and weeks.")
@click.option("--workers", type=int, default=0, help="Worker processes (default: one per core; 1 lints in-process).")
@click.option("--chunk-size", type=int, default=64, show_default=True, help="Replies per task.")
@click.option("--commit-every", type=int, default=5000, show_default=True,
              help="Commit the outputs at least every N replies (and every --commit-seconds).")
@click.option("--commit-seconds", type=float, default=5.0, show_default=True)
@click.option("--dask", "dask_address",
              help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for a local cluster.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--agent-name/--no-agent-name", default=True, show_default=True,
              help="Pass the agent column to the rules as the agent's name (off when it holds brands or handles).")
@click.option("--title", default="Support reply audit", show_default=True, help="The report's title.")
@click.option("--config", type=click.Path(dir_okay=False), help="Config file (default: found upward).")
@click.option("--select", multiple=True, help="Rules to run: ids, id prefixes or traits (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: ids, id prefixes or traits.")
@click.option("--preview", is_flag=True, help="Also run rules still in preview.")
def command(inputs: tuple[Path, ...], fmt: str, text_column: str | None, id_column: str | None,
            customer_name_column: str | None, agent_column: str | None, team_column: str | None,
            channel_column: str | None, created_at_column: str | None, customer_message_column: str | None,
            title_column: str | None, usage_column: str | None, delimiter: str | None, is_macros: bool,
            output: Path | None, findings: Path | None, errors: Path | None, report: Path | None,
            summary: Path | None, include_text: bool, resume: bool, redact: bool, templates: bool | None,
            template_syntax: tuple[str, ...], template_fields: tuple[str, ...], timezone: str, workers: int,
            chunk_size: int, commit_every: int, commit_seconds: float, dask_address: str | None,
            progress: bool | None, agent_name: bool, title: str, config: str | None, select: tuple[str, ...],
            ignore: tuple[str, ...], preview: bool) -> None:
    """Audit past replies: CSV, JSONL, Parquet, Zendesk / Intercom exports, or a folder of macros.

    Writes one row per reply (--output), one row per finding (--findings), the rows it
    could not read (--errors) and a report for a support lead (--report, --summary).
    Reply text is never printed: progress and errors show row numbers and reasons.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from ..cli import _build_linter
    from .runner import Audit, AuditError, AuditOptions, Interrupted

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(f"--timezone {timezone!r}: not a time zone name (e.g. UTC, Europe/Berlin, America/New_York)") from None
    if delimiter is not None:
        delimiter = delimiter.replace("\\t", "\t")
        if len(delimiter) != 1:
            raise _fail("--delimiter takes one character (\\t for a tab)")
    if chunk_size < 1 or commit_every < 1 or workers < 0:
        raise _fail("--chunk-size and --commit-every must be at least 1, --workers at least 0")
    if not any((output, findings, report, summary)):
        raise _fail("nothing to write: give --output, --findings, --report or --summary")
    columns = Columns(
        text=text_column, id=id_column, customer_name=customer_name_column, agent=agent_column, team=team_column,
        channel=channel_column, created_at=created_at_column, customer_message=customer_message_column,
        title=title_column, usage=usage_column, macros=is_macros,
        delimiter=delimiter,
    )
    specs = [InputSpec(Path(p), fmt, columns) for p in inputs]
    try:
        formats = [spec.resolved_format() for spec in specs]
        for spec in specs:
            preflight(spec.path, spec.format, spec.columns)
    except InputProblem as exc:
        raise _fail(str(exc)) from None
    for path in (output, findings):
        if path is not None and path.suffix.lower() not in {".jsonl", ".ndjson", ".parquet", ".pq"}:
            raise _fail(f"{path}: write .jsonl or .parquet (the format follows the extension)")
    has_macros = is_macros or any(f in {"folder", "macros"} for f in formats) or any(
        _looks_like_macros(spec.path) for spec, f in zip(specs, formats) if f == "json")
    template_cfg = None
    if templates is not False and (templates or has_macros or template_syntax or template_fields):
        try:
            template_cfg = TemplateConfig(parse_syntax(template_syntax or ("handlebars",)),
                                          _template_fields(template_fields))
        except ValueError as exc:
            raise _fail(str(exc)) from None
    linter = _build_linter(config, select, ignore, preview)
    options = AuditOptions(
        inputs=specs, output=output, findings=findings, errors=errors, report=report, summary=summary,
        resume=resume, redact=redact, include_text=include_text, templates=template_cfg,
        templates_all=bool(templates), timezone=timezone, workers=workers, chunk_size=chunk_size,
        commit_rows=commit_every, commit_seconds=commit_seconds, dask=dask_address,
        progress=sys.stderr.isatty() if progress is None else progress, agent_as_name=agent_name, title=title,
    )
    client = cluster = None
    try:
        if dask_address:
            from .dask import connect

            try:
                client, cluster = connect(dask_address)
            except (OSError, TimeoutError, ValueError) as exc:
                raise _fail(f"--dask {dask_address}: cannot connect ({exc})") from None
        result = Audit(options, linter, client=client).run()
    except Interrupted as exc:
        click.echo(f"replylint audit: {exc}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except (AuditError, InputProblem, ValueError) as exc:
        raise _fail(str(exc)) from None
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    _print_result(result)


def _looks_like_macros(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'"macros"' in head


def _print_result(result: Any) -> None:
    s = result.summary
    rows = s["rows"]
    rate = f"{result.written / result.elapsed:,.0f} replies/s" if result.elapsed > 0 else ""
    resumed = f" (resumed after {result.resumed_from:,} rows)" if result.resumed_from else ""
    click.echo(
        f"replylint audit: {rows['linted']:,} replies linted, {rows['errors']:,} rows with errors, "
        f"{rows['skipped']:,} skipped{resumed} · {result.elapsed:.1f} s · {rate}", err=True)
    if rows["linted"]:
        v = s["verdicts"]
        click.echo(f"  mean score {s['score']['mean']} · pass {v['pass']:,} · warn {v['warn']:,} · block {v['block']:,}",
                   err=True)
    for name, path in result.outputs.items():
        click.echo(f"  {name}: {path}", err=True)
