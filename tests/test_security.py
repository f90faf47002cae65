"""Hostile pages and hostile bodies: a page from another origin (a real HTTP server on a second
loopback address, 127.0.0.2) opened in Chromium must not store anything through ``storyline serve``,
with or without a token; a rebound name (DNS rebinding, simulated with Chromium's resolver rules)
gets 400; every bad body gets a 4xx that carries the security headers.

The browser part skips without chromium/playwright, as tests/test_web_browser.py does.
"""

from __future__ import annotations

import http.server
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from loopback_site import running
from storyline.web import ServerSettings, create_app
from storyline.web.bodies import MAX_JSON_DEPTH, json_depth
from test_web_browser import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server

TOKEN = "s3cret-token-for-tests"
ARTICLE = {"text": "The Harwick ferry resumed service on Monday after repairs to its ramp."}
SECURITY_HEADER_NAMES = ("content-security-policy", "x-content-type-options", "x-frame-options")


def client_for(tmp_path: Path, **options: Any) -> TestClient:
    """A client whose requests look like a browser's on this server (Host 127.0.0.1:8000)."""
    app = create_app(ServerSettings(db=str(tmp_path / "sec.db"), **options))
    return TestClient(app, base_url="http://127.0.0.1:8000")


def stored(client: TestClient) -> int:
    return int(client.get("/api/health").json()["articles"])


def assert_typed_4xx(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "detail" in response.json()
    for name in SECURITY_HEADER_NAMES:
        assert name in response.headers, name


# --- Host and Origin, in process ---------------------------------------------------------------


def test_a_host_that_is_not_ours_gets_400_reads_and_writes(tmp_path: Path) -> None:
    with client_for(tmp_path) as client:
        for method, path in (("GET", "/api/health"), ("GET", "/"), ("POST", "/api/articles")):
            response = client.request(method, path, json=ARTICLE, headers={"host": "evil.example"})
            assert_typed_4xx(response, 400)
            assert "--allowed-host" in response.json()["detail"][0]["msg"]
        assert client.get("/api/health", headers={"host": "evil.example:8000"}).status_code == 400
        for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "app.localhost"):
            assert client.get("/api/health", headers={"host": host}).status_code == 200, host
        assert stored(client) == 0
    with client_for(tmp_path, allowed_hosts=("news.example",)) as client:
        assert client.get("/api/health", headers={"host": "news.example"}).status_code == 200
        assert client.get("/api/health", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://127.0.0.2:9999"},
        {"origin": "http://127.0.0.1:9999"},  # same address, another port: another origin
        {"origin": "null"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},  # localhost:9999 and localhost:8000 are one "site"
        {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "cross-site"},
    ],
)
@pytest.mark.parametrize("token", [None, TOKEN], ids=["no-token", "token"])
def test_writes_from_another_page_are_refused(
    tmp_path: Path, headers: dict[str, str], token: str | None
) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"} if token else {}
    with client_for(tmp_path, token=token) as client:
        for kind in ("text/plain", "application/json"):
            response = client.post(
                "/api/articles",
                content=json.dumps(ARTICLE),
                headers={**headers, **auth, "content-type": kind},
            )
            assert_typed_4xx(response, 403)
        assert stored(client) == 0


def test_same_origin_and_scripts_may_write(tmp_path: Path) -> None:
    with client_for(tmp_path) as client:
        page = {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}
        assert client.post("/api/articles", json=ARTICLE, headers=page).status_code == 201
        other = {"text": "Ardmore reopened two streets on Tuesday after the flood receded."}
        assert client.post("/api/articles", json=other).status_code == 201  # curl: no Origin
        assert stored(client) == 2
    with client_for(tmp_path, allowed_hosts=("news.example",)) as client:
        proxied = {"origin": "https://news.example"}  # a proxy that rewrites Host
        third = {"text": "The regional governor promised ten more pumps by Friday evening."}
        assert client.post("/api/articles", json=third, headers=proxied).status_code == 201


def test_allowed_host_names_reach_a_real_server(tmp_path: Path) -> None:
    process, url = start_server(tmp_path / "h.db", extra=("--allowed-host", "news.example"))
    try:
        for host, status in (("news.example", 200), ("NEWS.example.", 200), ("evil.example", 400)):
            response = httpx.get(f"{url}/api/health", headers={"host": host})
            assert response.status_code == status, host
            assert "content-security-policy" in response.headers
    finally:
        stop_server(process)


def test_an_unexpected_error_is_a_500_with_the_security_headers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline import engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(engine, "list_stories", broken)
    app = create_app(ServerSettings(db=str(tmp_path / "e.db")))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/stories")
    assert response.status_code == 500 and "a bug" not in response.text
    for name in SECURITY_HEADER_NAMES:
        assert name in response.headers, name


def test_simple_types_are_refused_on_json_only_writes(tmp_path: Path) -> None:
    with client_for(tmp_path) as client:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
            response = client.post("/api/stories", content=b"{}", headers={"content-type": kind})
            assert_typed_4xx(response, 415)


# --- bad bodies: typed 4xx with the security headers ----------------------------------------------


def test_json_depth_is_counted_without_recursion() -> None:
    assert json_depth('[{"text": "a [ { b"}]') == 2
    assert json_depth("[" * 100_000 + "]" * 100_000) > MAX_JSON_DEPTH
    assert json_depth("[" * 100_000) > MAX_JSON_DEPTH, "unclosed, the parser recurses as deep"
    assert json_depth('[[1, [2]], {"a": {"b": []}}, "]]]"]') == 4
    assert json_depth('"no brackets"') == 0
    assert json_depth('["a\\"]"]') == 1  # an escaped quote does not end the string


def test_deeply_nested_json_gets_422_not_500(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    record = '{"text": "x", "extra": ' + deep + "}"
    with client_for(tmp_path) as client:
        for kind, body in (
            ("application/json", deep),
            ("application/json", f"[{record}]"),
            ("application/x-ndjson", record + "\n"),
        ):
            response = client.post("/api/articles", content=body, headers={"content-type": kind})
            assert_typed_4xx(response, 422)
            assert response.json()["detail"][0]["type"] == "json_too_deep"
        upload = client.post("/api/articles", files={"file": ("deep.jsonl", record.encode())})
        assert_typed_4xx(upload, 422)
        assert stored(client) == 0


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("POST", "/api/articles", {"content": b"{", "headers": {"content-type": "application/json"}}, 422),
        ("POST", "/api/articles", {"content": b"\xff\xfe\x00", "headers": {"content-type": "application/json"}}, 422),
        ("POST", "/api/articles", {"content": b"x", "headers": {"content-type": "image/png"}}, 415),
        ("POST", "/api/articles", {"content": b"a=b", "headers": {"content-type": "application/x-www-form-urlencoded"}}, 415),
        ("POST", "/api/articles", {"content": b"--x\r\n", "headers": {"content-type": "multipart/form-data; boundary=x"}}, 422),
        ("POST", "/api/articles", {"content": b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n\xff\xfe\r\n--x--\r\n", "headers": {"content-type": "multipart/form-data; boundary=x"}}, 422),
        ("POST", "/api/articles", {"content": b"junk", "headers": {"content-type": "multipart/form-data"}}, 400),
        ("POST", "/api/articles", {"content": b"<rss><channel></channel></rss>", "headers": {"content-type": "application/rss+xml"}}, 422),
        ("POST", "/api/articles", {"json": [{"text": ""}]}, 422),
        ("GET", "/api/stories?limit=0", {}, 422),
        ("GET", "/api/stories?offset=-1", {}, 422),
        ("GET", "/api/stories?sort=oldest", {}, 422),
        ("GET", "/api/stories/nope", {}, 404),
        ("GET", "/api/articles/nope", {}, 404),
        ("GET", "/api/search", {}, 422),
        ("GET", "/api/nowhere", {}, 404),
        ("DELETE", "/api/articles", {}, 405),
    ],
)  # fmt: skip
def test_every_api_error_is_a_typed_4xx_with_security_headers(
    tmp_path: Path, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    with client_for(tmp_path) as client:
        assert_typed_4xx(client.request(method, path, **kwargs), status)


# --- in Chromium, from a second loopback origin ---------------------------------------------------

ATTACK = """<!doctype html><meta charset="utf-8"><title>elsewhere</title>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe><iframe name="sink3"></iframe>
<form id="plain" method="post" enctype="text/plain" target="sink1" action="TARGET/api/articles">
<input name='{"text": "Planted by a text/plain form post from another origin.", "x": "' value='"}'>
</form>
<form id="urlenc" method="post" target="sink2" action="TARGET/api/articles">
<input name="text" value="Planted by a form post from another origin."></form>
<form id="multi" method="post" enctype="multipart/form-data" target="sink3"
 action="TARGET/api/articles"><input name="text" value="Planted by a multipart form."></form>
<script>
const target = "TARGET/api/articles";
const article = {text: "Planted by a no-cors fetch from a page on another origin, twice over."};
const jsonl = JSON.stringify(article) + "\\n";
document.getElementById("plain").submit();
document.getElementById("urlenc").submit();
document.getElementById("multi").submit();
const form = new FormData();
form.append("file", new Blob([jsonl], {type: "application/x-ndjson"}), "planted.jsonl");
const tries = [
  fetch(target, {method: "POST", mode: "no-cors", body: JSON.stringify(article),
                 headers: {"content-type": "text/plain"}}),
  fetch(target, {method: "POST", mode: "no-cors", body: form}),
  fetch(target, {method: "POST", mode: "no-cors", body: jsonl,
                 headers: {"content-type": "application/x-ndjson", "authorization": "Bearer x"}}),
  fetch(target, {method: "POST", body: JSON.stringify(article),
                 headers: {"content-type": "application/json"}}),
  fetch(target, {method: "POST", mode: "no-cors", credentials: "include",
                 referrerPolicy: "no-referrer", body: jsonl}),
];
navigator.sendBeacon(target, new Blob([jsonl], {type: "text/plain"}));
Promise.allSettled(tries).then(() => { window.__done = true; });
</script>"""


class AttackerPage(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def attacker() -> Iterator[http.server.ThreadingHTTPServer]:
    """A real HTTP server on 127.0.0.2 (another origin than 127.0.0.1): the hostile page."""
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), AttackerPage)
    except OSError as exc:
        pytest.skip(f"cannot listen on 127.0.0.2 here: {exc}")
    with running(server):
        yield server


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Chromium that resolves ``rebound.test`` to 127.0.0.1 (DNS rebinding without DNS) and,
    like Firefox and Safari, does not block public pages from loopback addresses (Chromium's
    Private Network Access would stop the rebound page before it reached the server: the test
    is of the server's defence, not the browser's)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    args = [
        *CHROMIUM_ARGS,
        "--host-resolver-rules=MAP rebound.test 127.0.0.1",
        "--disable-features=BlockInsecurePrivateNetworkRequests,LocalNetworkAccessChecks,"
        "PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults",
    ]
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        except Exception as exc:
            pytest.skip(f"chromium would not start: {exc}")
        yield launched
        launched.close()


def run_attack(chromium: Any, page_url: str, target: str) -> list[tuple[str, int]]:
    """Open the hostile page; returns (method, status) of every response from ``target``."""
    context = chromium.new_context()
    page = context.new_page()
    seen: list[tuple[str, int]] = []
    page.on(
        "response",
        lambda r: seen.append((r.request.method, r.status)) if r.url.startswith(target) else None,
    )
    page.goto(page_url)
    page.wait_for_function("window.__done === true", timeout=30_000)
    page.wait_for_timeout(1500)  # the form posts and the beacon land in their own time
    context.close()
    return seen


@pytest.mark.parametrize("token", [None, TOKEN], ids=["no-token", "token"])
def test_a_page_from_another_origin_stores_nothing(
    chromium: Any, attacker: http.server.ThreadingHTTPServer, tmp_path: Path, token: str | None
) -> None:
    process, url = start_server(tmp_path / "x.db", extra=("--token", token) if token else ())
    try:
        AttackerPage.body = ATTACK.replace("TARGET", url).encode()
        host, port = attacker.server_address[:2]
        seen = run_attack(chromium, f"http://{host!s}:{port}/", url)
        posts = [status for method, status in seen if method == "POST"]
        # The forms, the no-cors fetches and the beacon reached the server and were refused; the
        # JSON fetch and the one with a header no-cors cannot send stopped at the preflight.
        assert len(posts) >= 6 and set(posts) == {403}, seen
        assert httpx.get(f"{url}/api/health").json()["articles"] == 0
    finally:
        stop_server(process)


REBOUND = """<!doctype html><script>
const body = JSON.stringify({text: "Planted through a rebound name, same-origin to the browser."});
Promise.allSettled([
  fetch("/api/articles", {method: "POST", body, headers: {"content-type": "application/json"}}),
  fetch("/api/health"),
]).then(() => { window.__done = true; });
</script>"""


def test_a_rebound_name_can_neither_write_nor_read(chromium: Any, tmp_path: Path) -> None:
    process, url = start_server(tmp_path / "r.db")
    try:
        port = url.rsplit(":", 1)[1]
        page_url = f"http://rebound.test:{port}/attack"
        context = chromium.new_context()
        page = context.new_page()
        # The attacker's page, as their server would have sent it before the name was rebound.
        page.route(page_url, lambda route: route.fulfill(body=REBOUND, content_type="text/html"))
        seen: list[tuple[str, str, int]] = []
        page.on("response", lambda r: seen.append((r.request.method, r.url, r.status)))
        page.goto(page_url)
        page.wait_for_function("window.__done === true", timeout=30_000)
        context.close()
        api = sorted((m, s) for m, u, s in seen if "/api/" in u)
        assert api == [("GET", 400), ("POST", 400)], seen
        assert httpx.get(f"{url}/api/health").json()["articles"] == 0
    finally:
        stop_server(process)


# --- bad input on the command line and in the readers ---------------------------------------------

PROSE = (
    "The Kessel dam held overnight, the water authority said on Tuesday.\n\n"
    "Engineers inspected the spillway twice. Στην Αθήνα είπαν ότι άντεξε. В Москве тоже."
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_are_read_without_a_bom(encoding: str) -> None:
    from storyline.ingest.decoding import decode_bytes

    assert decode_bytes(PROSE.encode(encoding), origin="t") == PROSE
    assert decode_bytes(PROSE.encode(encoding.split("-le")[0].split("-be")[0]), origin="t") == PROSE


def test_binary_with_nul_bytes_is_still_binary() -> None:
    from storyline.ingest.decoding import decode_bytes
    from storyline.models import ReadError

    for data in (
        b"abc\x00\x01\x02" * 100,
        bytes(range(256)) * 20,
        Path(sys.executable).read_bytes()[:8192],
    ):
        found = decode_bytes(data, origin="t")
        assert isinstance(found, ReadError) and "binary" in found.problem


def test_a_stdin_line_over_the_cap_is_skipped_alone() -> None:
    from storyline.ingest.readers import read_stdin
    from storyline.models import RawDocument, ReadError

    good = json.dumps(ARTICLE).encode() + b"\n"
    long = json.dumps({"text": "x" * 5000}).encode() + b"\n"
    for data, bad in ((long + good + good, 1), (good + long + good, 2), (good + good + long, 3)):
        items = list(read_stdin(stream=io.BytesIO(data), max_bytes=1000))
        assert [type(i) for i in items].count(RawDocument) == 2
        (error,) = [i for i in items if isinstance(i, ReadError)]
        assert error.origin == f"<stdin>:{bad}" and "longer than" in error.problem


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_summarize_exits_2_when_nothing_usable_was_read(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.html"
    garbage.write_text("<html><body><div><<<>>> &&& <script>x()</script></div></body></html>")
    out = cli("summarize", str(garbage))
    assert out.returncode == 2 and b"no readable article" in out.stderr
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(ARTICLE) + "\n")
    mixed = cli("summarize", str(garbage), str(good))
    # the garbage page is named as skipped (no article text), so the run is partial
    assert mixed.returncode == 1 and b"Harwick" in mixed.stdout
    assert b"garbage.html: holds no article text" in mixed.stderr
