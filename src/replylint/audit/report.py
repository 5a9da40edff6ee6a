"""The audit report: one self-contained HTML file a support lead opens offline.

Everything on the page comes from the summary dict (the same figures as summary.json):
elements that show a figure carry ``data-figure="path/in/summary"`` so a test can check
the page against the file. Charts are Plotly figures; plotly.js is inlined once in the
page head, so nothing is fetched from the network.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from ..traits import BY_ID

SEVERITY_COLOR = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
MAX_TEXT = 2400
TOP_RULES = 15
TOP_GROUPS = 30
COACHING = 25


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _fmt(value: Any) -> str:
    """How a figure is printed: the summary's value as is ("—" when there is none)."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    return str(value)


def _fig(path: str, value: Any, suffix: str = "") -> str:
    return f'<span data-figure="{_e(path)}">{_e(_fmt(value))}</span>{_e(suffix)}'


def _chart(fig: Any, div_id: str) -> str:
    fig.update_layout(margin={"l": 60, "r": 20, "t": 40, "b": 50}, template="plotly_white",
                      font={"family": "system-ui, sans-serif", "size": 12})
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                       config={"displaylogo": False, "responsive": True})


def _highlight(text: str, findings: list[dict[str, Any]], limit: int = MAX_TEXT) -> str:
    """The reply with each finding's passage marked (offsets index ``text``)."""
    out: list[str] = []
    pos = 0
    shown = text[:limit]
    for f in sorted(findings, key=lambda f: (f["start"], f["end"])):
        s, e = f["start"], min(f["end"], len(shown))
        if s < pos or s >= len(shown):
            continue
        out.append(_e(shown[pos:s]))
        title = f"{f['rule']} · {f['trait']} · {f['severity']}: {f['message']}"
        out.append(f'<mark class="sev-{_e(f["severity"])}" title="{_e(title)}">{_e(shown[s:e])}'
                   f'<sup>{_e(f["rule"])}</sup></mark>')
        pos = e
    out.append(_e(shown[pos:]))
    if len(text) > limit:
        out.append(f'<span class="muted"> … ({len(text) - limit:,} more characters)</span>')
    return "".join(out)


def _example(ex: dict[str, Any]) -> str:
    return (f'<div class="example"><span class="muted">…{_e(ex.get("before"))}</span>'
            f'<mark class="sev-{_e(ex.get("severity"))}">{_e(ex["passage"])}</mark>'
            f'<span class="muted">{_e(ex.get("after"))}…</span>'
            f'<div class="meta">{_e(ex["rule"])} · reply {_e(ex.get("id"))} (row {_e(ex.get("row"))}) — {_e(ex["message"])}</div></div>')


# --------------------------------------------------------------------------- sections


def _kpis(s: dict[str, Any]) -> str:
    cards = [
        ("Replies linted", _fig("rows/linted", s["rows"]["linted"])),
        ("Mean score", _fig("score/mean", s["score"]["mean"]) + '<small>/100</small>'),
        ("Median score", _fig("score/median", s["score"]["median"])),
        ("Pass", _fig("verdicts/pass_rate", s["verdicts"]["pass_rate"], " %")),
        ("Blocked", _fig("verdicts/block_rate", s["verdicts"]["block_rate"], " %")),
        ("Findings", _fig("findings", s["findings"])),
        ("Rows with errors", _fig("rows/errors", s["rows"]["errors"])),
        ("Skipped", _fig("rows/skipped", s["rows"]["skipped"])),
    ]
    return '<div class="kpis">' + "".join(
        f'<div class="kpi"><div class="label">{_e(label)}</div><div class="value">{value}</div></div>'
        for label, value in cards) + "</div>"


def _traits(s: dict[str, Any], go: Any) -> str:
    traits = s["traits"]
    fig = go.Figure(go.Bar(x=[t["mean"] for t in traits], y=[t["label"] for t in traits], orientation="h",
                           marker_color=["#27ae60" if (t["mean"] or 0) >= 95 else "#f39c12" if (t["mean"] or 0) >= 85
                                         else "#c0392b" for t in traits],
                           text=[_fmt(t["mean"]) for t in traits], textposition="auto"))
    fig.update_layout(title="Mean score per trait", height=380, xaxis={"range": [0, 100]},
                      yaxis={"autorange": "reversed"})
    rows = "".join(
        f'<tr><td>{_e(t["label"])}</td><td class="num">{_fig(f"traits/{i}/mean", t["mean"])}</td>'
        f'<td class="num">{_fig(f"traits/{i}/flagged", t["flagged"])}</td>'
        f'<td class="num">{_fig(f"traits/{i}/flagged_share", t["flagged_share"], " %")}</td>'
        f'<td class="muted">{_e(BY_ID[t["trait"]].guide)}</td></tr>'
        for i, t in enumerate(traits))
    table = ('<table><thead><tr><th>Trait</th><th>Mean</th><th>Replies flagged</th><th>Share</th><th>The guide</th>'
             f'</tr></thead><tbody>{rows}</tbody></table>')
    return f'<section id="traits"><h2>How we do on each trait</h2><div class="grid2"><div>{_chart(fig, "chart-traits")}</div><div>{table}</div></div></section>'


def _distribution(s: dict[str, Any], go: Any) -> str:
    hist = s["score"]["histogram"]
    fig = go.Figure(go.Bar(x=[h["bin"] for h in hist], y=[h["count"] for h in hist], marker_color="#2e86c1"))
    fig.update_layout(title="Distribution of scores", height=320, xaxis_title="score", yaxis_title="replies")
    verdicts = s["verdicts"]
    return (f'<section id="distribution"><h2>Distribution of scores</h2>{_chart(fig, "chart-distribution")}'
            f'<p>Pass {_fig("verdicts/pass", verdicts["pass"])} · warn {_fig("verdicts/warn", verdicts["warn"])} · '
            f'block {_fig("verdicts/block", verdicts["block"])} · 10th percentile {_fig("score/p10", s["score"]["p10"])} · '
            f'90th percentile {_fig("score/p90", s["score"]["p90"])}</p></section>')


def _rules(s: dict[str, Any], go: Any) -> str:
    rules = s["rules"][:TOP_RULES]
    if not rules:
        return '<section id="rules"><h2>Top rules</h2><p>No rule fired.</p></section>'
    fig = go.Figure(go.Bar(x=[r["count"] for r in rules], y=[r["rule"] for r in rules], orientation="h",
                           marker_color=[SEVERITY_COLOR.get(r["severity"], "#777") for r in rules],
                           hovertext=[f'{r["trait"]} · {r["severity"]}' for r in rules]))
    fig.update_layout(title="Findings per rule", height=max(300, 26 * len(rules) + 80),
                      yaxis={"autorange": "reversed"}, xaxis_title="findings")
    rows = "".join(
        f'<tr><td><b>{_e(r["rule"])}</b></td><td>{_e(r["trait"])}</td><td>{_e(r["severity"])}</td>'
        f'<td class="num">{_fig(f"rules/{i}/count", r["count"])}</td>'
        f'<td class="num">{_fig(f"rules/{i}/replies", r["replies"])}</td>'
        f'<td>{"".join(_example(ex) for ex in r["examples"])}</td></tr>'
        for i, r in enumerate(rules))
    return (f'<section id="rules"><h2>Top rules</h2>{_chart(fig, "chart-rules")}'
            '<table><thead><tr><th>Rule</th><th>Trait</th><th>Severity</th><th>Findings</th><th>Replies</th>'
            f'<th>Example passages</th></tr></thead><tbody>{rows}</tbody></table></section>')


def _groups(s: dict[str, Any], go: Any, key: str, title: str) -> str:
    groups = s[key][:TOP_GROUPS]
    if not groups:
        return ""
    fig = go.Figure(go.Bar(x=[g["name"] for g in groups], y=[g["mean_score"] for g in groups],
                           marker_color="#8e44ad", text=[f'{g["replies"]} replies' for g in groups]))
    fig.update_layout(title=f"Mean score per {title.lower()} (the {len(groups)} busiest)", height=360,
                      yaxis={"range": [0, 100], "title": "mean score"})
    rows = "".join(
        f'<tr><td>{_e(g["name"])}</td><td class="num">{_fig(f"{key}/{i}/replies", g["replies"])}</td>'
        f'<td class="num">{_fig(f"{key}/{i}/mean_score", g["mean_score"])}</td>'
        f'<td class="num">{_fig(f"{key}/{i}/block_rate", g["block_rate"], " %")}</td>'
        f'<td>{", ".join(_e(w["label"]) + " " + _e(_fmt(w["mean"])) for w in g["weakest"]) or "—"}</td></tr>'
        for i, g in enumerate(groups))
    more = f'<p class="muted">{len(s[key]) - len(groups)} more in summary.json.</p>' if len(s[key]) > len(groups) else ""
    return (f'<section id="{key}"><h2>Per {title.lower()}</h2>{_chart(fig, f"chart-{key}")}'
            f'<table><thead><tr><th>{_e(title)}</th><th>Replies</th><th>Mean score</th><th>Blocked</th>'
            f'<th>Weakest traits</th></tr></thead><tbody>{rows}</tbody></table>{more}</section>')


def _coaching(s: dict[str, Any]) -> str:
    key = "agents" if s["agents"] else "teams"
    groups = [g for g in s[key][:COACHING] if g["weakest"]]
    if not groups:
        return ""
    blocks = []
    for i, g in enumerate(s[key][:COACHING]):
        if not g["weakest"]:
            continue
        weak = "".join(
            f'<div class="weak"><h4>{_e(w["label"])} — mean {_fig(f"{key}/{i}/weakest/{j}/mean", w["mean"])}</h4>'
            f'{"".join(_example(ex) for ex in w["examples"]) or "<p class=muted>No example kept.</p>"}</div>'
            for j, w in enumerate(g["weakest"]))
        blocks.append(f'<div class="coach"><h3>{_e(g["name"])} <small>{g["replies"]} replies · mean '
                      f'{_e(_fmt(g["mean_score"]))}</small></h3>{weak}</div>')
    who = "agent" if key == "agents" else "team"
    return (f'<section id="coaching"><h2>Coaching: each {who}\'s weakest traits</h2>'
            f'<p class="muted">Up to three traits per {who}, lowest mean first, with passages from that {who}\'s own replies.</p>'
            f'{"".join(blocks)}</section>')


def _trend(s: dict[str, Any], go: Any) -> str:
    weekly = s["weekly"]
    if not weekly:
        return ""
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=[w["week"] for w in weekly], y=[w["replies"] for w in weekly], name="replies",
                         marker_color="#d5dbdb"), secondary_y=True)
    fig.add_trace(go.Scatter(x=[w["week"] for w in weekly], y=[w["mean_score"] for w in weekly], name="mean score",
                             mode="lines+markers", line={"color": "#2e86c1", "width": 3}), secondary_y=False)
    fig.update_layout(title=f"Week by week (weeks start on Monday, {s['timezone']})", height=360)
    fig.update_yaxes(title_text="mean score", range=[0, 100], secondary_y=False)
    fig.update_yaxes(title_text="replies", secondary_y=True, showgrid=False)
    rows = "".join(
        f'<tr><td>{_e(w["week"])}</td><td class="num">{_fig(f"weekly/{i}/replies", w["replies"])}</td>'
        f'<td class="num">{_fig(f"weekly/{i}/mean_score", w["mean_score"])}</td>'
        f'<td class="num">{_fig(f"weekly/{i}/block_rate", w["block_rate"], " %")}</td></tr>'
        for i, w in enumerate(weekly))
    daily = ""
    if len(weekly) < 6 and len(s["daily"]) > 1:
        d = s["daily"]
        dfig = go.Figure(go.Scatter(x=[x["date"] for x in d], y=[x["mean_score"] for x in d], mode="lines+markers",
                                    line={"color": "#16a085"}))
        dfig.update_layout(title="Day by day", height=300, yaxis={"range": [0, 100], "title": "mean score"})
        daily = _chart(dfig, "chart-daily")
    return (f'<section id="trend"><h2>Is it getting better?</h2>{_chart(fig, "chart-weekly")}{daily}'
            '<details><summary>Weekly figures</summary><table><thead><tr><th>Week</th><th>Replies</th>'
            f'<th>Mean score</th><th>Blocked</th></tr></thead><tbody>{rows}</tbody></table></details></section>')


def _staffing(s: dict[str, Any], go: Any) -> str:
    st = s["staffing"]
    if not st:
        return ""
    heat = go.Figure(go.Heatmap(z=st["heatmap"]["replies"], x=[f"{h:02d}" for h in st["heatmap"]["hours"]],
                                y=st["heatmap"]["days"], colorscale="Blues", hovertemplate="%{y} %{x}:00 — %{z} replies<extra></extra>"))
    heat.update_layout(title=f"Replies by day of week and hour ({st['timezone']})", height=330,
                       yaxis={"autorange": "reversed"}, xaxis_title="hour of day")
    by_hour = st["by_hour"]
    hours = go.Figure()
    hours.add_trace(go.Bar(x=[h["hour"] for h in by_hour], y=[h["replies"] for h in by_hour], name="replies",
                           marker_color="#5dade2"))
    hours.add_trace(go.Scatter(x=[h["hour"] for h in by_hour], y=[h["mean_score"] for h in by_hour],
                               name="mean score", yaxis="y2", mode="lines+markers", line={"color": "#c0392b"}))
    hours.update_layout(title="Replies and mean score by hour of day", height=320,
                        yaxis={"title": "replies"}, yaxis2={"title": "mean score", "overlaying": "y", "side": "right",
                                                            "range": [0, 100], "dtick": 20, "tickmode": "linear",
                                                            "showgrid": False})
    days = "".join(f'<td class="num">{_fig(f"staffing/by_weekday/{i}/replies", d["replies"])}</td>'
                   for i, d in enumerate(st["by_weekday"]))
    heads = "".join(f'<th class="num">{_e(d["day"])}</th>' for d in st["by_weekday"])
    return (f'<section id="staffing"><h2>When replies go out (staffing view)</h2>'
            f'<p class="muted">In {_e(st["timezone"])} · {_fig("staffing/replies_with_time", st["replies_with_time"])} replies with a time, '
            f'from {_e(st["first"])} to {_e(st["last"])} (UTC).</p>'
            f'<div class="grid2"><div>{_chart(heat, "chart-heatmap")}</div><div>{_chart(hours, "chart-hours")}</div></div>'
            f'<table><thead><tr>{heads}</tr></thead><tbody><tr>{days}</tr></tbody></table></section>')


def _macros(s: dict[str, Any]) -> str:
    m = s.get("macros")
    if not m:
        return ""
    rows = "".join(
        f'<tr><td class="num">{i + 1}</td><td><b>{_e(x.get("title") or x["id"])}</b><div class="muted">{_e(x["id"])}</div></td>'
        f'<td class="num">{_fig(f"macros/to_fix/{i}/usage", x.get("usage"))}</td>'
        f'<td class="num">{_fig(f"macros/to_fix/{i}/score", x["score"])}</td>'
        f'<td class="num">{_fig(f"macros/to_fix/{i}/impact", x["impact"])}</td>'
        f'<td>{"".join("<div>" + _e(f["rule"]) + ": <mark class=sev-" + _e(f["severity"]) + ">" + _e(f["passage"]) + "</mark> — " + _e(f["message"]) + "</div>" for f in x["findings"])}</td></tr>'
        for i, x in enumerate(m["to_fix"]))
    return (f'<section id="macros"><h2>Saved replies to fix first</h2>'
            f'<p class="muted">{_fig("macros/count", m["count"])} saved replies checked. A macro is sent again and again: '
            'the ranking weighs each one\'s lost points (100 − score) by how often it is used (usage, 1 when unknown).</p>'
            '<table><thead><tr><th>#</th><th>Macro</th><th>Usage</th><th>Score</th><th>Impact</th><th>Findings</th></tr></thead>'
            f'<tbody>{rows or "<tr><td colspan=6>Every saved reply is clean.</td></tr>"}</tbody></table></section>')


def _worst(s: dict[str, Any]) -> str:
    worst = s["worst"]
    if not worst:
        return ""
    blocks = []
    for i, w in enumerate(worst):
        who = " · ".join(_e(x) for x in (w.get("agent"), w.get("team")) if x)
        items = "".join(f'<li><b>{_e(f["rule"])}</b> <span class="sev-{_e(f["severity"])}-text">{_e(f["severity"])}</span> '
                        f'{_e(f["message"])}</li>' for f in w["findings"])
        blocks.append(
            f'<div class="reply"><div class="reply-head">#{i + 1} · reply {_e(w["id"])} (row {_e(w["row"])}) '
            f'{("· " + who) if who else ""} · score {_fig(f"worst/{i}/score", w["score"])} · {_e(w["verdict"])}</div>'
            f'<div class="reply-text">{_highlight(w["text"], w["findings"])}</div><ul>{items}</ul></div>')
    return f'<section id="worst"><h2>The worst replies</h2>{"".join(blocks)}</section>'


def _problems(s: dict[str, Any]) -> str:
    errs = "".join(f'<tr><td>{_e(code)}</td><td class="num">{_fig(f"errors_by_code/{code}", n)}</td></tr>'
                   for code, n in s["errors_by_code"].items())
    skips = "".join(f'<tr><td>{_e(reason)}</td><td class="num">{n}</td></tr>' for reason, n in s["skipped_by_reason"].items())
    if not errs and not skips:
        return ""
    return ('<section id="input"><h2>Input</h2><div class="grid2">'
            f'<div><h3>Rows that could not be linted</h3><table><tbody>{errs or "<tr><td>none</td></tr>"}</tbody></table>'
            '<p class="muted">Each is in the errors file with its row number and the reason.</p></div>'
            f'<div><h3>Records skipped on purpose</h3><table><tbody>{skips or "<tr><td>none</td></tr>"}</tbody></table></div>'
            '</div></section>')


CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif; margin: 0; color: #1c2833; background: #f4f6f7; }
header { background: #1c2833; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header .muted { color: #aab7b8; }
main { padding: 16px 32px 48px; max-width: 1400px; margin: auto; }
section { background: #fff; border-radius: 8px; padding: 16px 20px; margin: 16px 0; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
h2 { margin-top: 0; font-size: 19px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 16px 0; }
.kpi { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.kpi .label { color: #566573; font-size: 13px; } .kpi .value { font-size: 26px; font-weight: 600; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; }
@media (max-width: 1000px) { .grid2 { grid-template-columns: 1fr; } }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 8px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e8e8; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #7f8c8d; }
mark { border-radius: 3px; padding: 0 2px; }
mark.sev-error { background: #f5b7b1; } mark.sev-warning { background: #fad7a0; } mark.sev-info { background: #aed6f1; }
mark sup { font-size: 9px; color: #566573; margin-left: 2px; }
.sev-error-text { color: #c0392b; } .sev-warning-text { color: #b9770e; } .sev-info-text { color: #2471a3; }
.example { margin: 2px 0 8px; } .example .meta { font-size: 11px; color: #7f8c8d; }
.reply { border: 1px solid #e5e8e8; border-radius: 6px; margin: 12px 0; }
.reply-head { background: #f8f9f9; padding: 6px 10px; font-size: 13px; color: #566573; }
.reply-text { white-space: pre-wrap; padding: 10px; font-size: 14px; line-height: 1.5; }
.reply ul { margin: 0 0 10px; font-size: 13px; }
.coach { border-top: 1px solid #e5e8e8; padding-top: 8px; } .coach h3 small { color: #7f8c8d; font-weight: normal; }
.weak h4 { margin: 6px 0 2px; font-size: 14px; }
footer { color: #7f8c8d; font-size: 12px; padding: 0 32px 32px; max-width: 1400px; margin: auto; }
"""


def render(summary: dict[str, Any]) -> str:
    import plotly.graph_objects as go
    from plotly.offline import get_plotlyjs

    s = summary
    sections = [
        _kpis(s), _traits(s, go), _distribution(s, go), _rules(s, go),
        _groups(s, go, "agents", "Agent"), _groups(s, go, "teams", "Team"), _coaching(s),
        _trend(s, go), _staffing(s, go), _macros(s), _worst(s), _problems(s),
    ]
    inputs = ", ".join(s.get("inputs") or [])
    redacted = " · e-mail addresses, phone numbers and long numbers masked" if s.get("redacted") else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(s.get("title") or "replylint audit")}</title>
<style>{CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head><body>
<header><h1>{_e(s.get("title") or "replylint audit")}</h1>
<div class="muted">{_e(inputs)} · generated {_e(s.get("generated_at"))} · replylint {_e(s.get("replylint_version"))}
 · ruleset {_e(s.get("ruleset"))} · time zone {_e(s.get("timezone"))}{_e(redacted)}</div></header>
<main>{"".join(sections)}</main>
<footer>Scores: 100 is a reply with no error or warning; one error halves the overall score (see docs/scoring.md).
Every figure on this page is in summary.json. Generated by <code>replylint audit</code>; nothing on this page loads from the network.</footer>
</body></html>
"""


def write_report(summary: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render(summary), encoding="utf-8")
    tmp.replace(path)
