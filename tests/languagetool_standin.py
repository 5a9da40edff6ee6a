"""A stand-in LanguageTool server for tests: /v2/languages and /v2/check, JSON as documented.

It knows three "rules" so the mapping can be tested: a misspelling (TYPOS), a British
spelling (a BRITISH rule id), and a redundancy (STYLE).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KNOWN = [
    ("recieve", "receive", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Possible spelling mistake found."),
    ("colour", "color", "EN_GB_SIMPLE_REPLACE_BRITISH", "AMERICAN_ENGLISH_STYLE", "locale-violation",
     "This word is British English."),
    ("in order to", "to", "IN_ORDER_TO", "REDUNDANCY", "style", "Consider a shorter alternative."),
]


def matches_for(text: str) -> list[dict]:
    out = []
    for needle, fix, rule, category, issue, message in KNOWN:
        start = text.find(needle)
        if start < 0:
            continue
        out.append({
            "message": message,
            "shortMessage": "",
            "replacements": [{"value": fix}],
            # LanguageTool counts offsets in UTF-16 code units.
            "offset": len(text[:start].encode("utf-16-le")) // 2,
            "length": len(needle),
            "context": {"text": text[:80], "offset": start, "length": len(needle)},
            "sentence": text,
            "type": {"typeName": "Other"},
            "rule": {"id": rule, "description": message, "issueType": issue,
                     "category": {"id": category, "name": category.title()}},
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    return out


class StandIn:
    """Serve on 127.0.0.1 in a thread; ``delay`` makes /v2/check slow."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _send(self, payload: object) -> None:
                body = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                outer.requests.append(self.path)
                if self.path.startswith("/v2/languages"):
                    self._send([{"name": "English (US)", "code": "en", "longCode": "en-US"},
                                {"name": "English (GB)", "code": "en", "longCode": "en-GB"}])
                else:
                    self.send_error(404)

            def do_POST(self):
                outer.requests.append(self.path)
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                if not self.path.startswith("/v2/check"):
                    self.send_error(404)
                    return
                if outer.delay:
                    time.sleep(outer.delay)
                text = form.get("text", [""])[0]
                self._send({"software": {"name": "LanguageTool", "version": "6.5"},
                            "language": {"name": "English (US)", "code": "en-US"},
                            "matches": matches_for(text)})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "StandIn":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
