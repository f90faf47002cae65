"""The web UI in a real browser (Playwright driving Debian's chromium) against a live
``storyline serve`` subprocess: ingest the bundled examples through the API, open the story,
hover a citation and read its source sentence, click one (as a tap would), search, and check the
article page's struck-through noise; at 1280 px and 390 px, no page scrolls sideways and every
citation pop-up opens fully inside the viewport. Screenshots are kept as test artefacts in
$STORYLINE_ARTEFACTS (default: <tmp>/storyline-artefacts/screenshots), printed by the tests.

Skips when chromium or playwright are missing (``apt-get install chromium``; ``pip install
playwright``; never ``playwright install``: the Debian browser is used).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
KESSEL = ROOT / "examples" / "kessel-dam" / "articles.jsonl"
SHOTS = (
    Path(
        os.environ.get("STORYLINE_ARTEFACTS") or Path(tempfile.gettempdir()) / "storyline-artefacts"
    )
    / "screenshots"
)
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
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    print(f"screenshot: {path}")


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
    assert page.locator("section[aria-labelledby=h-facts] .label").count() > 0
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


WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


def inside(box: dict[str, float] | None, viewport: dict[str, int]) -> bool:
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )


@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_every_citation_pop_up_stays_inside_the_viewport(
    browser: Any, server: str, device: str
) -> None:
    viewport = WIDTHS[device]
    phone = device == "phone"
    context = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
    page = context.new_page()
    page.goto(story_url(server))
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    headings = page.locator("main h2").all_inner_texts()
    order = [h for h in headings if h in ("Summary", "Timeline", "Outlets", "Facts across outlets")]
    assert order == ["Summary", "Timeline", "Outlets", "Facts across outlets"], headings
    assert page.locator(".stats dd").count() == 4, "key numbers come first"
    assert page.locator(".summary p").count() >= 2, "the summary reads as paragraphs"
    marks = page.locator(".cite")
    assert marks.count() > 0
    # the marks nearest the right edge are where a pop-up used to run off the page
    boxes = [(marks.nth(k).bounding_box() or {"x": 0.0})["x"] for k in range(marks.count())]
    rightmost = sorted(range(len(boxes)), key=lambda k: -boxes[k])[:3]
    for k in [0, *rightmost, marks.count() - 1]:
        mark = marks.nth(k)
        mark.scroll_into_view_if_needed()
        if phone:
            mark.tap()
        else:
            mark.hover()
        popup = page.locator(f"#{mark.get_attribute('aria-controls')}")
        popup.wait_for(state="visible")
        assert inside(popup.bounding_box(), viewport), (device, k, popup.bounding_box())
        if phone:
            page.keyboard.press("Escape")
        else:
            page.mouse.move(0, 0)
        popup.wait_for(state="hidden")
    mark = marks.nth(rightmost[0])
    mark.scroll_into_view_if_needed()
    mark.tap() if phone else mark.hover()
    shot(page, f"story-citation-{device}", full_page=False)
    page.keyboard.press("Escape")
    shot(page, f"story-{device}")
    page.goto(f"{server}/search?q=spillway")
    assert page.locator(".snippet mark").count() > 0, "search hits are marked, not bracketed"
    assert "[spillway]" not in page.locator("ol.hits").inner_text().lower()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shot(page, f"search-{device}")
    context.close()
