"""The HTML report in headless Chromium: charts render offline, figures equal summary.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from replylint.audit.report import _fmt
from replylint.audit.templates import TemplateConfig

from .test_audit import EXAMPLES, run_audit, synthetic_rows, write_jsonl


def _resolve(summary: dict[str, Any], path: str) -> Any:
    value: Any = summary
    for part in path.split("/"):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def test_report_renders_offline_and_matches_summary_json(chromium, artifacts, linter, tmp_path):
    src = write_jsonl(tmp_path / "replies.jsonl", synthetic_rows(150, seed=9) + [{"id": "broken", "text": None}])
    report, summary_path = tmp_path / "report.html", tmp_path / "summary.json"
    run_audit(linter, [src, EXAMPLES / "macros"], tmp_path, report=report, summary=summary_path,
              timezone="Europe/Berlin", templates=TemplateConfig())
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", html)  # nothing to fetch: plotly.js is inlined

    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []

    def block(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", block)
    page.goto(report.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
    page.wait_for_timeout(300)
    assert requests == []

    charts = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(el => ({
        id: el.id, svg: el.querySelectorAll('.main-svg').length,
        marks: el.querySelectorAll('.point, .trace, .heatmaplayer image, .hm').length,
        data: el.data.map(t => ({x: t.x, y: t.y, z: t.z}))}))""")
    by_id = {c["id"]: c for c in charts}
    for name in ("chart-traits", "chart-distribution", "chart-rules", "chart-agents", "chart-teams", "chart-weekly",
                 "chart-heatmap", "chart-hours"):
        assert name in by_id, name
        assert by_id[name]["svg"] >= 1 and by_id[name]["marks"] >= 1, name
    # The charts plot the summary's numbers.
    assert by_id["chart-traits"]["data"][0]["x"] == [t["mean"] for t in summary["traits"]]
    assert by_id["chart-distribution"]["data"][0]["y"] == [h["count"] for h in summary["score"]["histogram"]]
    assert by_id["chart-rules"]["data"][0]["x"] == [r["count"] for r in summary["rules"][:15]]
    assert by_id["chart-agents"]["data"][0]["y"] == [a["mean_score"] for a in summary["agents"]]
    assert by_id["chart-heatmap"]["data"][0]["z"] == summary["staffing"]["heatmap"]["replies"]

    # Every figure printed on the page is the one in summary.json.
    figures = page.evaluate("""() => [...document.querySelectorAll('[data-figure]')]
        .map(el => [el.dataset.figure, el.textContent])""")
    assert len(figures) > 60
    for path, text in figures:
        assert text == _fmt(_resolve(summary, path)), path
    paths = {p for p, _ in figures}
    assert {"rows/linted", "score/mean", "rows/errors", "macros/count"} <= paths
    assert page.locator("#worst mark").count() > 0  # findings highlighted in the worst replies
    assert page.locator("#coaching .example").count() > 0
    assert page.locator("#macros tbody tr").count() == len(summary["macros"]["to_fix"])

    shot = artifacts / "audit-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
    assert Path(summary_path).exists()
