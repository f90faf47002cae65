"""The web UI in a real browser (Playwright driving Debian's chromium) against a live
``storyline serve`` subprocess: ingest the bundled examples through the API, open the story,
hover a citation and read its source sentence, click one (as a tap would), search, and check the
article page's struck-through noise. Screenshots go to results/screenshots/ (desktop and phone).

Skips when chromium or playwright are missing (``apt-get install chromium``; ``pip install
playwright``; never ``playwright install``: the Debian browser is used).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
KESSEL = ROOT / "examples" / "kessel-dam" / "articles.jsonl"
SHOTS = ROOT / "results" / "screenshots"
CHROMIUM = os.environ.get("STORYLINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, *, extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen[bytes], str]:
    """``storyline serve`` in a subprocess on a free loopback port; returns when it answers."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    command = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--port", str(port), *extra], env=env, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            _, err = process.communicate()
            raise RuntimeError(f"storyline serve did not start: {err.decode(errors='replace')}")
        time.sleep(0.1)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@pytest.fixture(scope="module")  # module: test_xss imports it, and one Playwright runs at a time
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:
            pytest.skip(f"chromium would not start: {exc}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "ui.db"
    process, url = start_server(db)
    try:
        posted = httpx.post(
            f"{url}/api/articles",
            content=KESSEL.read_bytes(),
            headers={"content-type": "application/x-ndjson"},
            timeout=120,
        )
        assert posted.status_code == 201, posted.text
        yield url
    finally:
        stop_server(process)


def shot(page: Any, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def story_url(server: str) -> str:
    stories = httpx.get(f"{server}/api/stories").json()["stories"]
    return f"{server}/stories/{stories[0]['id']}"


def test_story_page_citations_show_their_source_on_hover_and_click(
    browser: Any, server: str
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/")
    shot(page, "stories-desktop")
    page.click("a.story-link")
    page.wait_for_selector("h1")
    assert page.locator(".summary .cite").count() > 0
    assert page.locator("svg.timeline-chart circle").count() > 0
    assert page.locator(".findings .label").count() > 0
    first = page.locator(".summary .cite").first
    popup = page.locator(f"#{first.get_attribute('aria-controls')}")
    assert not popup.is_visible()
    first.hover()
    popup.wait_for(state="visible")
    quote = popup.locator(".pop-quote").inner_text()
    assert len(quote) > 20 and popup.locator(".pop-outlet").inner_text()
    shot(page, "story-hover-desktop")
    page.mouse.move(0, 0)
    popup.wait_for(state="hidden")
    second = page.locator(".summary .cite").nth(1)
    second.click()
    pinned = page.locator(f"#{second.get_attribute('aria-controls')}")
    pinned.wait_for(state="visible")
    assert second.get_attribute("aria-expanded") == "true"
    page.mouse.move(0, 0)
    assert pinned.is_visible(), "a clicked citation stays open without hover (touch screens)"
    page.keyboard.press("Escape")
    pinned.wait_for(state="hidden")
    assert second.get_attribute("aria-expanded") == "false"
    second.click()
    pinned.locator(".pop-link").click()
    page.wait_for_selector("mark#hl")
    assert page.locator("mark#hl").inner_text().strip()
    assert errors == [], errors
    page.close()


def test_search_and_the_article_page_strike_through_noise(browser: Any, server: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/")
    page.fill("input[name=q]", "spillway")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=spillway")
    hits = page.locator("ol.hits > li")
    assert hits.count() > 0
    shot(page, "search-desktop")
    for k in range(hits.count()):
        page.goto(f"{server}/search?q=spillway")
        page.locator("ol.hits > li > a").nth(k).click()
        page.wait_for_selector("article.article")
        if page.locator(".body del").count():
            break
    assert page.locator(".body del").count() > 0, "cleaning removed noise from some article"
    decoration = page.locator(".body del").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    assert "line-through" in decoration
    shot(page, "article-desktop")
    page.close()


def test_pages_fit_a_phone(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(story_url(server))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "no sideways scrolling on a phone"
    cite = page.locator(".summary .cite").first
    cite.tap()
    popup = page.locator(f"#{cite.get_attribute('aria-controls')}")
    popup.wait_for(state="visible")
    box = popup.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    shot(page, "story-tap-phone", full_page=False)
    page.goto(f"{server}/")
    shot(page, "stories-phone", full_page=False)
    context.close()
