"""The compose page in a real browser: Playwright driving Debian's Chromium, headless,
against a uvicorn server on a free loopback port started here. Screenshots go to
test-artifacts/ (see tests/browser.py)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from replylint.server.app import create_app
from replylint.server.settings import ServerSettings

BAD = "Hi {{first_name}}, please be advised that your order is delayed. Kindly restart the app."
SETTLED = '#verdict[data-verdict="{}"][data-stale="false"]'


@pytest.fixture(scope="module")
def server(linter) -> Iterator[str]:
    """A uvicorn server in a thread on a free 127.0.0.1 port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(linter, ServerSettings()), log_config=None, access_log=False,
                            log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def page(chromium, server):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(server + "/")
    _until(pg, "window.replylintCompose !== undefined")
    yield pg
    context.close()
    assert not errors, errors


def _until(page, js: str, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Poll a JS expression (page.wait_for_function would need 'unsafe-eval', which the page's CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(js):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for: {js}")
        time.sleep(0.03)


def _marks(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(".rl-backdrop mark", "ms => ms.map(m => m.textContent)")


def _hover(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    # The textarea lies over the highlights (it takes the typing), so hover by position.
    box = page.locator(selector).bounding_box()
    assert box, selector
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_type_see_blocked_apply_and_move_on(page, artifacts):  # type: ignore[no-untyped-def]
    page.fill("#customer-name", "Dana Whitfield")
    page.select_option("#channel", "chat")
    page.click("#reply")
    page.keyboard.type(BAD, delay=4)  # keystrokes, so the debounce is exercised
    page.wait_for_selector(SETTLED.format("block"), timeout=10_000)
    assert page.text_content("#verdict-label") == "Blocked"
    assert page.is_disabled("#send")
    report = page.evaluate("window.replylintCompose.report")
    assert _marks(page) == [f["passage"] for f in report["findings"]]  # one highlight per finding, exact
    assert {"{{first_name}}", "please be advised that", "Kindly"} <= set(_marks(page))
    assert page.get_attribute(".rl-mark[data-rule='CAR001']", "class") == "rl-mark rl-error"
    chips = page.eval_on_selector_all("#chips li", "ls => ls.map(l => [l.dataset.trait, +l.dataset.score])")
    assert len(chips) == 10 and dict(chips)["careful"] < 100 and dict(chips)["helpful"] == 100
    assert page.locator("#findings .finding").count() == len(report["findings"])
    page.screenshot(path=str(artifacts / "compose-blocked.png"), full_page=True)

    _hover(page, ".rl-mark[data-rule='NAT002']")
    card = page.locator(".rl-card")
    card.wait_for(state="visible")
    assert "instead of “Kindly”" in card.text_content() and "Please" in card.text_content()
    page.screenshot(path=str(artifacts / "compose-hover.png"))

    # One click on the placeholder's suggestion: the text changes and the reply is no longer blocked.
    page.click(".finding[data-rule='CAR001'] button.apply")
    page.wait_for_selector(SETTLED.format("warn"), timeout=10_000)
    assert page.input_value("#reply").startswith("Hi Dana, please be advised that")
    assert page.text_content("#verdict-label") == "Needs changes"
    assert page.is_enabled("#send")
    assert "{{first_name}}" not in _marks(page) and {"please be advised that", "Kindly"} <= set(_marks(page))
    page.screenshot(path=str(artifacts / "compose-applied.png"), full_page=True)

    # Apply from the hover card, then the rest of the safe fixes: ready to send.
    _hover(page, ".rl-mark[data-rule='NAT002']")
    page.locator(".rl-card[data-finding-id] button.rl-apply").click()
    _until(page, "document.querySelector('#reply').value.includes('Please restart')")
    page.wait_for_selector(SETTLED.format("warn"), timeout=10_000)
    page.click("#fix-all")
    _until(page, "!document.querySelector('#reply').value.includes('advised') && "
                 "window.replylintCompose.state === 'ready' && "
                 "document.querySelector('#verdict').dataset.stale === 'false'")
    fixed = page.input_value("#reply")
    assert fixed.startswith("Hi Dana, your order is delayed. Please restart the app.")
    report = page.evaluate("window.replylintCompose.report")
    assert page.get_attribute("#verdict", "data-verdict") == report["verdict"] == "pass"
    assert page.text_content("#verdict-label") == "Ready to send" and _marks(page) == []
    page.keyboard.press("Control+z")  # the edits went through the browser's undo stack
    assert page.input_value("#reply") != fixed
    page.keyboard.press("Control+Shift+z")
    assert page.input_value("#reply") == fixed
    page.wait_for_selector(SETTLED.format("pass"), timeout=10_000)
    page.screenshot(path=str(artifacts / "compose-ready.png"), full_page=True)


def test_emoji_before_a_finding_highlights_exactly_the_passage(page, artifacts):  # type: ignore[no-untyped-def]
    # Astral emoji (2 UTF-16 units each), a skin tone and a ZWJ family (several code points).
    text = "👍🏽 Thanks Dana! 👨‍👩‍👧 We 🎉 got it. Kindly restart the app, then revert back to us. 🙏"
    page.fill("#reply", text)
    page.wait_for_selector('#verdict[data-stale="false"]:not([data-verdict="empty"])', timeout=10_000)
    page.wait_for_selector(".rl-mark[data-rule='NAT002']")
    report = page.evaluate("window.replylintCompose.report")
    passages = [f["passage"] for f in report["findings"]]
    assert "Kindly" in passages
    assert _marks(page) == passages  # every highlight is exactly its finding's passage
    for f in report["findings"]:
        assert text[f["start"] : f["end"]] == f["passage"]  # the server counts code points
    # Selecting a finding from the panel selects exactly its passage in the textarea.
    page.click(".finding[data-rule='NAT002']")
    assert page.evaluate("(() => { const t = document.querySelector('#reply');"
                         " return t.value.slice(t.selectionStart, t.selectionEnd); })()") == "Kindly"
    page.screenshot(path=str(artifacts / "compose-emoji.png"))
    # The client's conversions agree with Python's code point offsets.
    got = page.evaluate("""(text) => {
        const R = window.ReplyLint;
        return [R.codePointLength(text), R.toUtf16(text, 3), R.toCodePoint(text, R.toUtf16(text, 11)),
                R.applyEdits(text, [{start: 2, end: 3, replacement: "!"}])];
    }""", text)
    assert got[0] == len(text)
    assert got[1] == len(text[:3].encode("utf-16-le")) // 2
    assert got[2] == 11
    assert got[3] == text[:2] + "!" + text[3:]


def test_dismissed_finding_stays_dismissed_while_typing(page):  # type: ignore[no-untyped-def]
    page.fill("#reply", "Kindly restart the app. Kindly send a screenshot.")
    page.wait_for_selector(".finding[data-rule='NAT002']")
    page.wait_for_selector(SETTLED.format("warn"), timeout=10_000)
    kindly = ".rl-backdrop mark[data-rule='NAT002']"
    assert page.eval_on_selector_all(kindly, "ms => ms.map(m => m.textContent)") == ["Kindly", "Kindly"]
    page.locator(".finding[data-rule='NAT002'] button.dismiss").first.click()
    _until(page, f"document.querySelectorAll(\"{kindly}\").length === 1")
    page.click("#reply")
    page.keyboard.press("End")
    page.keyboard.type(" Thanks!", delay=4)
    _until(page, "document.querySelector('#reply').value.endsWith('Thanks!') && "
                 "window.replylintCompose.state === 'ready'")
    report = page.evaluate("window.replylintCompose.report")
    assert [f["passage"] for f in report["findings"] if f["rule"] == "NAT002"] == ["Kindly"]
    assert page.text_content("#dismissed-count") == "1 dismissed"
    assert page.eval_on_selector_all(kindly, "ms => ms.map(m => m.textContent)") == ["Kindly"]
    page.click("#restore")
    _until(page, f"document.querySelectorAll(\"{kindly}\").length === 2")
