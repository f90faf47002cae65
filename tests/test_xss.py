"""Article text is hostile input: the XSS corpus (tests/fixtures/xss/payloads.txt) goes into
titles, bodies, sources and URLs, and nothing of it may become markup or run.

Two checks: every page's HTML is parsed and must hold no script but /static/app.js, no event
handler attribute and no link to a non-http(s) URL; then a real browser opens every page, hovers
and clicks the citations, with the Content-Security-Policy bypassed (so escaping alone must hold)
and with it on (where not even a blocked attempt may show up), and no payload may set
``window.__xss`` or open a dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from storyline.web import ServerSettings, create_app
from test_web_browser import browser, start_server, stop_server  # noqa: F401 - a fixture

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "fixtures" / "xss" / "payloads.txt")
    .read_text("utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]
SAFE_SCHEMES = ("http://", "https://")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "style", "video", "source", "math"}


def hostile_articles() -> list[dict[str, str]]:
    """One article per payload, in every field; the prose around it makes them one story."""
    docs = []
    for k, payload in enumerate(PAYLOADS):
        docs.append(
            {
                "title": f"Kessel reservoir update {k} {payload}",
                "source": f"Outlet {k % 4} {payload}",
                "url": payload if k % 2 else f"https://example.test/{k}?q={payload}",
                "date": f"2025-03-{11 + k % 9:02d}",
                "text": (
                    f"The water authority said on Tuesday that the Kessel reservoir fell by "
                    f"{k + 2} centimetres overnight {payload} as engineers inspected the "
                    f"spillway for the {k + 1}th time this month.\n\n"
                    f"{payload}\n\n"
                    f"Residents of Ardmore said {k + 3} streets were still closed, and the "
                    f"regional governor promised {k + 10} more pumps {payload} by Friday."
                ),
            }
        )
    return docs


class PageAudit(HTMLParser):
    """What a page would let run: scripts, handler attributes, active tags, link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str | None] = []
        self.handlers: list[str] = []
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.forms = 0
        self.inputs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.forms += tag == "form"
        self.inputs += tag == "input"
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values.get("src"))
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        for name in ("href", "src", "action", "data", "formaction", "xlink:href"):
            if values.get(name) is not None:
                self.links.append(str(values[name]))

    def handle_data(self, data: str) -> None:
        if self.scripts and self.lasttag == "script" and data.strip():
            self.scripts.append("inline:" + data)


def audit(html: str) -> PageAudit:
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    return parser


def is_safe_link(link: str) -> bool:
    cleaned = "".join(ch for ch in link if ch > " ").lower()
    if cleaned.startswith(("/", "#", "?")):
        return not cleaned.startswith("//")
    return link.startswith(SAFE_SCHEMES) and cleaned.startswith(SAFE_SCHEMES)


def page_paths(get: Any) -> list[str]:
    """Every UI page the hostile articles reach: lists, story pages, article pages, searches."""
    stories = get("/api/stories?limit=500").json()["stories"]
    paths = ["/", "/?sort=most-covered", "/search?q=script", "/search?q=window+xss"]
    for story in stories:
        paths.append(f"/stories/{story['id']}")
        page = get(f"/api/stories/{story['id']}").json()
        ids = [a["article_id"] for a in page["articles"]] + [r["id"] for r in page["reprints"]]
        paths += [f"/articles/{i}" for i in ids]
    return paths


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(db=str(tmp_path / "xss.db")))) as c:
        posted = c.post("/api/articles", json=hostile_articles())
        assert posted.status_code == 201, posted.text
        yield c


def test_the_corpus_is_big_enough() -> None:
    assert len(PAYLOADS) >= 20


def test_no_page_carries_markup_from_an_article(client: TestClient) -> None:
    paths = page_paths(client.get)
    assert len([p for p in paths if p.startswith("/articles/")]) == len(PAYLOADS)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        found = audit(response.text)
        assert found.scripts == ["/static/app.js"], path
        assert found.handlers == [], (path, found.handlers)
        assert not found.tags & FORBIDDEN_TAGS, (path, found.tags & FORBIDDEN_TAGS)
        assert (found.forms, found.inputs) == (1, 1), "only the search form"
        assert all(is_safe_link(link) for link in found.links), (path, found.links)


def test_article_data_is_kept_verbatim_and_shown_as_text(client: TestClient) -> None:
    """Escaping happens on output only: the API returns exactly what was posted."""
    stories = client.get("/api/stories").json()["stories"]
    titles = set()
    for story in stories:
        page = client.get(f"/api/stories/{story['id']}").json()
        titles |= {a["title"] for a in page["articles"] + page["reprints"]}
    assert {" ".join(d["title"].split()) for d in hostile_articles()} == titles, "white space aside"
    jinja = next(d for d in hostile_articles() if "{{" in d["title"])
    hit = client.get("/api/search", params={"q": "jinja"}).json()["hits"][0]
    html = client.get(f"/articles/{hit['article_id']}").text
    assert "{{ 7*7 }}" in html and "jinjajinjajinja" not in html, "no template evaluation"
    assert jinja["title"].split("{{")[0].strip() in html


def test_article_urls_link_only_when_http(client: TestClient) -> None:
    for path in page_paths(client.get):
        if path.startswith("/articles/"):
            article = client.get(f"/api{path}").json()
            html = client.get(path).text
            linked = 'rel="nofollow noopener noreferrer">original</a>' in html
            url = article["url"]
            valid = url.startswith(SAFE_SCHEMES) and not any(c.isspace() for c in url)
            assert linked == valid, url


# --- in the browser -----------------------------------------------------------------------------

TRAP = """
window.__dialogs = 0;
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective));
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = start_server(tmp_path_factory.mktemp("xss") / "xss.db")
    try:
        posted = httpx.post(f"{url}/api/articles", json=hostile_articles(), timeout=120)
        assert posted.status_code == 201, posted.text
        yield url
    finally:
        stop_server(process)


def visit_everything(page: Any, base: str, paths: list[str], *, csp: bool) -> None:
    """Open, hover and click everything; with ``csp`` also no blocked attempt on any page (the
    trap's counters live in each page, so they are read before leaving it)."""
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("load")
        cites = page.locator(".cite")
        for k in range(min(cites.count(), 12)):
            cites.nth(k).hover(timeout=5000, force=True)
            cites.nth(k).click(timeout=5000, force=True)
        for link in page.locator("main a:visible").all()[:10]:
            link.hover(timeout=5000, force=True)
        page.wait_for_timeout(50)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        if csp:
            assert page.evaluate("window.__csp") == [], ("injected markup tried to load", path)


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping-alone", "with-csp"])
def test_no_payload_runs_in_the_browser(
    browser: Any,  # noqa: F811 - the fixture imported above
    hostile_server: str,
    *,
    bypass_csp: bool,
) -> None:
    context = browser.new_context(bypass_csp=bypass_csp)
    context.add_init_script(TRAP)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = page_paths(lambda p: httpx.get(hostile_server + p, timeout=60))
    visit_everything(page, hostile_server, paths, csp=not bypass_csp)
    assert dialogs == []
    context.close()
