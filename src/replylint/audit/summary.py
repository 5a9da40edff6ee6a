"""Streaming figures for the support lead: constant memory, mergeable, resumable.

An ``Aggregator`` sees each linted row once and keeps only counts, sums and a bounded
number of examples (the first few in input order, so a local run, a resumed run and a
Dask run agree). Its state is plain JSON: the runner saves it with every commit, and
the Dask API merges one state per partition. ``summary()`` turns it into the figures
of summary.json, which the HTML report shows as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from ..traits import BY_ID, DISPLAY_ORDER

SCHEMA = "replylint-audit-summary/1"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RULE_EXAMPLES = 3
GROUP_EXAMPLES = 2
WORST = 20
MACROS = 50
CONTEXT_CHARS = 40


def _key(row: dict[str, Any]) -> list[Any]:
    """Input order that is the same in every run: source, row, id."""
    return [str(row.get("source") or ""), int(row.get("row") or 0), str(row.get("id") or "")]


def _insert(bucket: list[dict[str, Any]], entry: dict[str, Any], cap: int, key: str = "key") -> None:
    """Keep the ``cap`` smallest entries by ``entry[key]`` (input order)."""
    if len(bucket) >= cap and entry[key] >= bucket[-1][key]:
        return
    bucket.append(entry)
    bucket.sort(key=lambda e: e[key])
    del bucket[cap:]


def _example(row: dict[str, Any], f: dict[str, Any]) -> dict[str, Any]:
    text = row.get("text") or ""
    s, e = f["start"], f["end"]
    return {
        "key": _key(row), "id": row.get("id"), "source": row.get("source"), "row": row.get("row"),
        "rule": f["rule"], "trait": f["trait"], "severity": f["severity"], "message": f["message"],
        "passage": f["passage"],
        "before": text[max(0, s - CONTEXT_CHARS):s], "after": text[e:e + CONTEXT_CHARS],
    }


def _new_group() -> dict[str, Any]:
    return {"replies": 0, "score_sum": 0, "block": 0, "warn": 0,
            "trait_sum": {t: 0 for t in DISPLAY_ORDER}, "examples": {}}


def _mean(total: float, n: int) -> float | None:
    return round(total / n, 1) if n else None


def _pct(part: int, n: int) -> float | None:
    return round(100.0 * part / n, 1) if n else None


class Aggregator:
    def __init__(self, timezone: str = "UTC", state: dict[str, Any] | None = None) -> None:
        self.timezone = timezone
        self._tz = ZoneInfo(timezone)
        self.s: dict[str, Any] = state or {
            "linted": 0, "errors": 0, "skipped": 0, "errors_by_code": {}, "skipped_by_reason": {},
            "verdicts": {"pass": 0, "warn": 0, "block": 0},
            "score_hist": [0] * 101,
            "trait_sum": {t: 0 for t in DISPLAY_ORDER},
            "trait_flagged": {t: 0 for t in DISPLAY_ORDER},
            "findings": 0,
            "rules": {},
            "groups": {"agent": {}, "team": {}},
            "channels": {},
            "weekly": {}, "daily": {},
            "hour": [[0, 0] for _ in range(24)], "weekday": [[0, 0] for _ in range(7)],
            "heat": [[0] * 24 for _ in range(7)],
            "timed": 0, "first": None, "last": None,
            "worst": [], "macros": [], "macro_count": 0,
        }

    # ------------------------------------------------------------------ adding

    def add_error(self, code: str) -> None:
        self.s["errors"] += 1
        self.s["errors_by_code"][code] = self.s["errors_by_code"].get(code, 0) + 1

    def add_skipped(self, reason: str) -> None:
        self.s["skipped"] += 1
        self.s["skipped_by_reason"][reason] = self.s["skipped_by_reason"].get(reason, 0) + 1

    def add_row(self, row: dict[str, Any]) -> None:
        s = self.s
        score, verdict, findings = int(row["score"]), row["verdict"], row["findings"]
        s["linted"] += 1
        s["verdicts"][verdict] = s["verdicts"].get(verdict, 0) + 1
        s["score_hist"][max(0, min(100, score))] += 1
        s["findings"] += len(findings)
        for t in DISPLAY_ORDER:
            s["trait_sum"][t] += row[t]
            if row[t] < 100:
                s["trait_flagged"][t] += 1
        seen_rules: set[str] = set()
        for f in findings:
            r = s["rules"].get(f["rule"])
            if r is None:
                r = s["rules"][f["rule"]] = {"trait": f["trait"], "severity": f["severity"], "count": 0,
                                             "replies": 0, "examples": []}
            r["count"] += 1
            if f["rule"] not in seen_rules:
                seen_rules.add(f["rule"])
                r["replies"] += 1
                _insert(r["examples"], _example(row, f), RULE_EXAMPLES)
        for kind in ("agent", "team"):
            name = row.get(kind)
            if name:
                self._add_group(s["groups"][kind], name, row)
        if row.get("channel"):
            ch = s["channels"].setdefault(row["channel"], [0, 0])
            ch[0] += 1
            ch[1] += score
        created = row.get("created_at")
        if isinstance(created, str):
            created = dt.datetime.fromisoformat(created)
        if created is not None:
            self._add_time(created, row)
        worst = {"key": [score, -len(findings), *_key(row)], "id": row.get("id"), "source": row.get("source"),
                 "row": row.get("row"), "agent": row.get("agent"), "team": row.get("team"), "score": score,
                 "verdict": verdict, "text": row.get("text") or "", "findings": [
                     {k: f[k] for k in ("rule", "trait", "severity", "start", "end", "passage", "message")}
                     for f in findings]}
        if findings:
            _insert(s["worst"], worst, WORST)
        if row.get("macro") or row.get("title") is not None or row.get("usage") is not None:
            s["macro_count"] += 1
            usage = row.get("usage")
            weight = usage if isinstance(usage, int) and usage > 0 else 1
            impact = (100 - score) * weight
            if findings:
                rules = sorted({f["rule"] for f in findings})
                _insert(s["macros"], {"key": [-impact, *_key(row)], "id": row.get("id"), "title": row.get("title"),
                                      "usage": usage, "score": score, "verdict": verdict, "impact": impact,
                                      "rules": rules, "findings": worst["findings"][:5]}, MACROS)

    def _add_group(self, groups: dict[str, Any], name: str, row: dict[str, Any]) -> None:
        g = groups.get(name)
        if g is None:
            g = groups[name] = _new_group()
        g["replies"] += 1
        g["score_sum"] += row["score"]
        if row["verdict"] in ("block", "warn"):
            g[row["verdict"]] += 1
        for t in DISPLAY_ORDER:
            g["trait_sum"][t] += row[t]
        for f in row["findings"]:
            if f["severity"] == "info":
                continue
            bucket = g["examples"].setdefault(f["trait"], [])
            _insert(bucket, _example(row, f), GROUP_EXAMPLES)

    def _add_time(self, created: dt.datetime, row: dict[str, Any]) -> None:
        s = self.s
        local = created.astimezone(self._tz)
        day = local.date()
        week = (day - dt.timedelta(days=local.weekday())).isoformat()
        w = s["weekly"].get(week)
        if w is None:
            w = s["weekly"][week] = {"replies": 0, "score_sum": 0, "block": 0, "trait_sum": {t: 0 for t in DISPLAY_ORDER}}
        w["replies"] += 1
        w["score_sum"] += row["score"]
        w["block"] += row["verdict"] == "block"
        for t in DISPLAY_ORDER:
            w["trait_sum"][t] += row[t]
        d = s["daily"].setdefault(day.isoformat(), [0, 0])
        d[0] += 1
        d[1] += row["score"]
        s["hour"][local.hour][0] += 1
        s["hour"][local.hour][1] += row["score"]
        s["weekday"][local.weekday()][0] += 1
        s["weekday"][local.weekday()][1] += row["score"]
        s["heat"][local.weekday()][local.hour] += 1
        s["timed"] += 1
        stamp = created.astimezone(dt.UTC).isoformat()
        if s["first"] is None or stamp < s["first"]:
            s["first"] = stamp
        if s["last"] is None or stamp > s["last"]:
            s["last"] = stamp

    # ------------------------------------------------------------------ state

    def state(self) -> dict[str, Any]:
        return self.s

    def merge(self, other: Aggregator | dict[str, Any]) -> Aggregator:
        o = other.s if isinstance(other, Aggregator) else other
        s = self.s
        for k in ("linted", "errors", "skipped", "findings", "timed", "macro_count"):
            s[k] += o[k]
        for k in ("errors_by_code", "skipped_by_reason"):
            for code, n in o[k].items():
                s[k][code] = s[k].get(code, 0) + n
        for v, n in o["verdicts"].items():
            s["verdicts"][v] = s["verdicts"].get(v, 0) + n
        s["score_hist"] = [a + b for a, b in zip(s["score_hist"], o["score_hist"])]
        for t in DISPLAY_ORDER:
            s["trait_sum"][t] += o["trait_sum"][t]
            s["trait_flagged"][t] += o["trait_flagged"][t]
        for rule, r in o["rules"].items():
            mine = s["rules"].get(rule)
            if mine is None:
                s["rules"][rule] = r
                continue
            mine["count"] += r["count"]
            mine["replies"] += r["replies"]
            for ex in r["examples"]:
                _insert(mine["examples"], ex, RULE_EXAMPLES)
        for kind in ("agent", "team"):
            for name, g in o["groups"][kind].items():
                mine = s["groups"][kind].get(name)
                if mine is None:
                    s["groups"][kind][name] = g
                    continue
                for k in ("replies", "score_sum", "block", "warn"):
                    mine[k] += g[k]
                for t in DISPLAY_ORDER:
                    mine["trait_sum"][t] += g["trait_sum"][t]
                for trait, exs in g["examples"].items():
                    bucket = mine["examples"].setdefault(trait, [])
                    for ex in exs:
                        _insert(bucket, ex, GROUP_EXAMPLES)
        for ch, (n, total) in o["channels"].items():
            mine = s["channels"].setdefault(ch, [0, 0])
            mine[0] += n
            mine[1] += total
        for week, w in o["weekly"].items():
            mine = s["weekly"].get(week)
            if mine is None:
                s["weekly"][week] = w
                continue
            for k in ("replies", "score_sum", "block"):
                mine[k] += w[k]
            for t in DISPLAY_ORDER:
                mine["trait_sum"][t] += w["trait_sum"][t]
        for day, (n, total) in o["daily"].items():
            mine = s["daily"].setdefault(day, [0, 0])
            mine[0] += n
            mine[1] += total
        for i in range(24):
            s["hour"][i] = [a + b for a, b in zip(s["hour"][i], o["hour"][i])]
        for i in range(7):
            s["weekday"][i] = [a + b for a, b in zip(s["weekday"][i], o["weekday"][i])]
            s["heat"][i] = [a + b for a, b in zip(s["heat"][i], o["heat"][i])]
        for k, pick in (("first", min), ("last", max)):
            vals = [v for v in (s[k], o[k]) if v is not None]
            s[k] = pick(vals) if vals else None
        for entry in o["worst"]:
            _insert(s["worst"], entry, WORST)
        for entry in o["macros"]:
            _insert(s["macros"], entry, MACROS)
        return self

    # ------------------------------------------------------------------ figures

    def summary(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        s = self.s
        n = s["linted"]
        hist = s["score_hist"]
        return {
            "schema": SCHEMA,
            **(meta or {}),
            "timezone": self.timezone,
            "rows": {"linted": n, "errors": s["errors"], "skipped": s["skipped"],
                     "read": n + s["errors"] + s["skipped"]},
            "errors_by_code": dict(sorted(s["errors_by_code"].items())),
            "skipped_by_reason": dict(sorted(s["skipped_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))),
            "score": {
                "mean": _mean(sum(i * c for i, c in enumerate(hist)), n),
                "median": _quantile(hist, 0.5), "p10": _quantile(hist, 0.1), "p90": _quantile(hist, 0.9),
                "histogram": [{"bin": f"{lo}-{lo + 9}" if lo < 100 else "100", "from": lo, "to": min(lo + 9, 100),
                               "count": sum(hist[lo:lo + 10]) if lo < 100 else hist[100]}
                              for lo in range(0, 101, 10)],
            },
            "verdicts": {**{v: s["verdicts"].get(v, 0) for v in ("pass", "warn", "block")},
                         "pass_rate": _pct(s["verdicts"].get("pass", 0), n),
                         "block_rate": _pct(s["verdicts"].get("block", 0), n)},
            "findings": s["findings"],
            "traits": [{"trait": t, "label": BY_ID[t].title, "mean": _mean(s["trait_sum"][t], n),
                        "flagged": s["trait_flagged"][t], "flagged_share": _pct(s["trait_flagged"][t], n)}
                       for t in DISPLAY_ORDER],
            "rules": [{"rule": rule, "trait": r["trait"], "severity": r["severity"], "count": r["count"],
                       "replies": r["replies"], "examples": [_public(e) for e in r["examples"]]}
                      for rule, r in sorted(s["rules"].items(), key=lambda kv: (-kv[1]["count"], kv[0]))],
            "agents": self._groups("agent"),
            "teams": self._groups("team"),
            "channels": [{"channel": ch, "replies": c, "mean_score": _mean(total, c)}
                         for ch, (c, total) in sorted(s["channels"].items(), key=lambda kv: (-kv[1][0], kv[0]))],
            "weekly": [{"week": week, "replies": w["replies"], "mean_score": _mean(w["score_sum"], w["replies"]),
                        "block_rate": _pct(w["block"], w["replies"]),
                        "traits": {t: _mean(w["trait_sum"][t], w["replies"]) for t in DISPLAY_ORDER}}
                       for week, w in sorted(s["weekly"].items())],
            "daily": [{"date": day, "replies": c, "mean_score": _mean(total, c)}
                      for day, (c, total) in sorted(s["daily"].items())],
            "staffing": None if not s["timed"] else {
                "timezone": self.timezone, "replies_with_time": s["timed"], "first": s["first"], "last": s["last"],
                "by_hour": [{"hour": h, "replies": c, "mean_score": _mean(total, c)}
                            for h, (c, total) in enumerate(s["hour"])],
                "by_weekday": [{"day": WEEKDAYS[d], "replies": c, "mean_score": _mean(total, c)}
                               for d, (c, total) in enumerate(s["weekday"])],
                "heatmap": {"days": list(WEEKDAYS), "hours": list(range(24)), "replies": s["heat"]},
            },
            "worst": [_public(e) for e in s["worst"]],
            "macros": {"count": s["macro_count"], "to_fix": [_public(e) for e in s["macros"]]}
            if s["macro_count"] else None,
        }

    def _groups(self, kind: str) -> list[dict[str, Any]]:
        out = []
        for name, g in sorted(self.s["groups"][kind].items(), key=lambda kv: (-kv[1]["replies"], kv[0])):
            n = g["replies"]
            traits = {t: _mean(g["trait_sum"][t], n) for t in DISPLAY_ORDER}
            weak = sorted((t for t in DISPLAY_ORDER if traits[t] is not None and traits[t] < 100),
                          key=lambda t: (traits[t], DISPLAY_ORDER.index(t)))[:3]
            out.append({
                "name": name, "replies": n, "mean_score": _mean(g["score_sum"], n),
                "block_rate": _pct(g["block"], n), "warn_rate": _pct(g["warn"], n), "traits": traits,
                "weakest": [{"trait": t, "label": BY_ID[t].title, "mean": traits[t],
                             "examples": [_public(e) for e in g["examples"].get(t, [])]} for t in weak],
            })
        return out


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "key"}


def _quantile(hist: list[int], q: float) -> int | None:
    n = sum(hist)
    if not n:
        return None
    target = q * (n - 1)
    seen = 0
    for score, count in enumerate(hist):
        seen += count
        if seen > target:
            return score
    return 100
