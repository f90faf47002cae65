"""The HTTP API end to end: ingest in every accepted form, stories, story pages, search, articles,
errors that name the field, size limits, the write token, security headers, and concurrent writers
and readers on a real uvicorn server. Fixture articles are the bundled fictional examples."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
from benchmarks.synth import generate
from fastapi.testclient import TestClient

from storyline import engine
from storyline.store import open_store
from storyline.web import ServerSettings, create_app

ROOT = Path(__file__).resolve().parents[1]
KESSEL = ROOT / "examples" / "kessel-dam" / "articles.jsonl"
TOKEN = "s3cret-token-for-tests"


def client_for(tmp_path: Path, **options: Any) -> TestClient:
    return TestClient(create_app(ServerSettings(db=str(tmp_path / "web.db"), **options)))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path) as c:
        yield c


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    response = client.post(
        "/api/articles",
        content=KESSEL.read_bytes(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["new"] == 6
    return client


def only_story(client: TestClient) -> str:
    stories = client.get("/api/stories").json()["stories"]
    assert len(stories) == 1
    return str(stories[0]["id"])


def test_jsonl_ingest_makes_a_story_with_every_section(loaded: TestClient) -> None:
    page = loaded.get(f"/api/stories/{only_story(loaded)}").json()
    assert set(page) >= {"story", "summary", "timeline", "facts", "articles", "reprints"}
    assert page["story"]["articles"] == 6 and len(page["story"]["outlets"]) == 4
    cited = [c for s in page["summary"]["sentences"] for c in s["citations"]]
    assert cited and all(c["quote"] and c["outlet"] for c in cited)
    entries = page["timeline"]["entries"]
    assert entries and all(e["sentences"] for e in entries)
    assert page["summary"]["made"]["method"] and page["timeline"]["made"]["version"]
    labels = {f["label"] for f in page["facts"]["findings"]}
    assert labels <= {"agreed", "changed", "disputed", "differs", "single-source", "contested"}
    assert labels
    assert all(s["quote"] for f in page["facts"]["findings"] for s in f["sentences"])


def test_a_second_post_of_the_same_articles_adds_nothing(loaded: TestClient) -> None:
    again = loaded.post(
        "/api/articles",
        content=KESSEL.read_bytes(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert again.status_code == 200
    assert (again.json()["new"], again.json()["already_stored"]) == (0, 6)
    assert loaded.get("/api/health").json()["articles"] == 6


TOPICS = {
    "ferry": (
        "Harwick ferry crews walked out on {day} over a pay dispute, stranding commuters at the "
        "Port Elling terminal. The union said the strike would last until talks resume.",
        ("Northwind Press", "Radio Meridian", "Coastline Daily", "Valley Tribune"),
        1,
    ),
    "orchard": (
        "The orchard festival in Lindqvist opened on {day} with forty stalls of apples, cider "
        "and pears. Organisers expect twenty thousand visitors over the weekend.",
        ("Valley Tribune",),
        25,
    ),
    "bridge": (
        "Engineers closed the Tamsin river bridge on {day} after inspectors found cracked "
        "bearings. Drivers face a forty-minute detour through Oskarby until repairs end.",
        ("Coastline Daily", "Radio Meridian"),
        13,
    ),
}


def topic_articles(name: str) -> list[dict[str, str]]:
    """One topic's articles: near-copies, so one canonical article and reprints; topics are
    posted apart and dated weeks apart so that each is its own story."""
    text, outlets, day = TOPICS[name]
    docs = []
    for k, outlet in enumerate(outlets):
        body = text.format(day=("Monday", "Tuesday", "Wednesday", "Thursday")[k])
        docs.append(
            {
                "text": f"{body} Reported by {outlet}.",
                "title": f"{name} {k}",
                "source": outlet,
                "date": f"2025-04-{day + k:02d}",
            }
        )
    return docs


def test_story_list_pages_and_sorts(client: TestClient) -> None:
    for name in TOPICS:
        assert client.post("/api/articles", json=topic_articles(name)).status_code == 201
    every = {"min_articles": 1}
    everything = client.get("/api/stories", params={"limit": 500, **every}).json()
    assert everything["total"] == 3
    # By default the single-article story (the orchard's one text) is collapsed.
    collapsed = client.get("/api/stories").json()
    assert collapsed["total"] == 2 and all(
        s["articles"] + s["reprints"] > 1 for s in collapsed["stories"]
    )
    first = client.get("/api/stories", params={"limit": 2, **every}).json()["stories"]
    second = client.get("/api/stories", params={"limit": 2, "offset": 2, **every}).json()
    assert [s["id"] for s in first + second["stories"]] == [s["id"] for s in everything["stories"]]
    newest = [s["last_seen"] for s in everything["stories"]]
    assert newest == sorted(newest, reverse=True)
    covered = client.get("/api/stories", params={"sort": "most-covered", **every}).json()
    assert [s["outlet_count"] for s in covered["stories"]] == [4, 2, 1]
    html = client.get("/?sort=most-covered&min_articles=1").text
    assert html.index("ferry 0") < html.index("bridge 0") < html.index("orchard 0")


def test_search_says_when_more_match_than_a_page_shows(
    loaded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page cut at its limit must not read as every match: the API says ``more`` and the page
    counts "Results 1-2" with a link to the next, not "2 results"."""
    from storyline.web import ui

    every = loaded.get("/api/search", params={"q": "dam", "limit": 200}).json()
    total = len(every["hits"])
    assert total >= 3 and every["more"] is False
    first = loaded.get("/api/search", params={"q": "dam", "limit": 2}).json()
    assert first["more"] is True and first["hits"] == every["hits"][:2]
    last = loaded.get("/api/search", params={"q": "dam", "limit": 2, "offset": total - 2}).json()
    assert last["more"] is False and last["hits"] == every["hits"][-2:]
    monkeypatch.setattr(ui, "SEARCH_PAGE", 2)
    page = loaded.get("/search", params={"q": "dam"}).text
    assert "Results 1–2 for “dam”; more match" in page and 'page=2" rel="next"' in page
    assert f"{total} results" not in page and "2 results" not in page
    end = loaded.get("/search", params={"q": "dam", "page": (total + 1) // 2}).text
    assert 'rel="next"' not in end and 'rel="prev"' in end
    monkeypatch.undo()
    assert f"{total} results for “dam”" in loaded.get("/search", params={"q": "dam"}).text


def test_a_page_served_while_its_story_changes_says_it_is_behind(loaded: TestClient) -> None:
    """A changed story's page is served from cache while it is refreshed (web/state.py); the
    page says so and gives the count now, so that its older count does not read as wrong."""
    story = only_story(loaded)
    first = loaded.get(f"/stories/{story}").text
    assert "New coverage is being added" not in first
    before = loaded.get("/api/stories").json()["stories"][0]
    later = {
        "title": "Kessel dam: Serin floods reach Ardmore as Upper Marrow villages stay cut off",
        "source": "Marrow Valley Courier",
        "date": "2025-03-16",
        "text": "Floodwaters from the Serin River below the Kessel dam reached the outskirts of "
        "Ardmore on Sunday, and nine villages in Upper Marrow were still cut off, the interior "
        "ministry said. Rescue crews in boats reached Tolvey and Brannock for the first time "
        "since the dam failed, the ministry said.",
    }
    assert loaded.post("/api/articles", json=[later]).status_code == 201
    now = loaded.get("/api/stories").json()["stories"][0]
    assert now["id"] == story and now["version"] > before["version"], "the article joined it"
    page = loaded.get(f"/stories/{story}").text
    assert f"this page shows version {before['version']} of the story" in page
    assert f"it now has {now['articles']}. Reload in a minute" in page


def test_a_page_with_a_bad_query_string_answers_in_words(client: TestClient) -> None:
    """A hand-edited address on a UI page gets an HTML page that names the parameter; the API
    keeps FastAPI's JSON detail."""
    page = client.get("/", params={"min_articles": "abc"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "min_articles: Input should be a valid integer" in page.text
    assert "(got &#39;abc&#39;)" in page.text
    search = client.get("/search", params={"q": "dam", "page": "0"})
    assert search.status_code == 422 and "page: Input should be greater than" in search.text
    api = client.get("/api/stories", params={"min_articles": "abc"})
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", "min_articles"]


def test_search_and_article_pages(loaded: TestClient) -> None:
    hits = loaded.get("/api/search", params={"q": "spillway engineer"}).json()["hits"]
    assert hits and all(h["story"] == only_story(loaded) for h in hits)
    assert loaded.get("/api/search", params={"q": '" AND ( OR'}).json()["hits"] == []
    cleaned = [
        loaded.get(f"/api/articles/{h['article_id']}").json()
        for h in loaded.get("/api/search", params={"q": "Ardmore", "limit": 50}).json()["hits"]
    ]
    with_removals = [a for a in cleaned if a["removed"]]
    assert with_removals, "the examples carry captions and sign-offs that cleaning removes"
    article = with_removals[0]
    assert len(article["raw"]) > len(article["text"]), "the text before cleaning is kept"
    noise = [r for r in article["removed"] if r["kind"] in ("caption", "boilerplate")]
    assert noise and all(r["text"] not in article["text"] for r in noise)
    html = loaded.get(f"/articles/{article['id']}").text
    assert "<del" in html


def test_one_object_a_list_html_text_and_multipart_are_accepted(client: TestClient) -> None:
    one = {"text": "The Harwick ferry resumed service on Monday after repairs.", "title": "Ferry"}
    assert client.post("/api/articles", json=one).json()["new"] == 1
    page = (
        "<html><head><title>Orchard festival opens</title></head><body><article>"
        "<h1>Orchard festival opens</h1><p>The orchard festival in Lindqvist opened on Friday "
        "with forty stalls and a brass band from the harbour district.</p><p>Organisers said "
        "attendance was higher than last year despite the rain that fell all morning.</p>"
        "</article></body></html>"
    )
    posted = client.post(
        "/api/articles?source=Valley%20Tribune",
        content=page,
        headers={"content-type": "text/html"},
    )
    assert posted.status_code == 201, posted.text
    uploads = [
        ("file", ("a.jsonl", KESSEL.read_bytes(), "application/x-ndjson")),
        ("file", ("b.html", page.replace("Friday", "Saturday").encode(), "text/html")),
    ]
    assert client.post("/api/articles", files=uploads).json()["received"] == 7
    hit = client.get("/api/search", params={"q": "orchard"}).json()["hits"]
    assert any(h["outlet"] == "Valley Tribune" for h in hit)


def test_feeds_are_accepted_and_items_without_text_reported(client: TestClient) -> None:
    feeds = Path(__file__).resolve().parent / "fixtures" / "feeds"
    posted = client.post(
        "/api/articles",
        content=(feeds / "valdria-herald.rss").read_bytes(),
        headers={"content-type": "application/rss+xml"},
    )
    assert posted.status_code == 201, posted.text
    body = posted.json()
    assert (body["received"], body["new"], body["failed"]) == (3, 2, 1)
    assert body["errors"][0]["origin"] == "request#3"
    upload = [("file", ("cd.atom", (feeds / "coastline-daily.atom").read_bytes(), "text/xml"))]
    assert client.post("/api/articles", files=upload).json()["new"] == 1
    hits = client.get("/api/search", params={"q": "spillway"}).json()["hits"]
    assert any(h["outlet"] == "The Valdria Herald" for h in hits)
    nothing = client.post(
        "/api/articles",
        content=(feeds / "sitemap.xml").read_bytes(),
        headers={"content-type": "application/xml"},
    )
    assert nothing.status_code == 422
    assert "not an RSS or Atom feed" in nothing.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ([{"text": "fine"}, {"title": "no body"}], ["body", 1, "text"]),
        ({"text": 5}, ["body", "text"]),
        ({"text": "x", "title": ["a", "list"]}, ["body", "title"]),
        ([{"text": "x", "date": 20250311}], ["body", 0, "date"]),
        ({"text": ""}, ["body", "text"]),
    ],
)
def test_bad_json_bodies_name_the_field(client: TestClient, body: object, loc: list[Any]) -> None:
    response = client.post("/api/articles", json=body)
    assert response.status_code == 422
    assert loc in [e["loc"] for e in response.json()["detail"]]
    assert client.get("/api/health").json()["articles"] == 0, "a bad body writes nothing"


def test_other_bad_requests_are_4xx_and_say_why(client: TestClient) -> None:
    broken = client.post(
        "/api/articles", content=b'{"text": "x"', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422 and "invalid JSON" in broken.text
    bad_line = client.post(
        "/api/articles",
        content=b'{"text": "ok"}\n{"text": \n',
        headers={"content-type": "application/x-ndjson"},
    )
    assert bad_line.status_code == 422 and bad_line.json()["detail"][0]["loc"] == ["body", "line 2"]
    wrong_type = client.post("/api/articles", content=b"x", headers={"content-type": "image/png"})
    assert wrong_type.status_code == 415
    sort = client.get("/api/stories", params={"sort": "popular"})
    assert sort.status_code == 422 and "sort" in sort.json()["detail"][0]["loc"]
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    assert client.get("/api/search").status_code == 422
    missing = client.get("/api/stories/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/stories/nope").status_code == 404


def test_bodies_over_the_limit_get_413(tmp_path: Path) -> None:
    with client_for(tmp_path, max_body_bytes=4096) as client:
        big = [{"text": "word " * 2000}]
        assert client.post("/api/articles", json=big).status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield b'{"text": "'
            for _ in range(10):
                yield b"x" * 1000
            yield b'"}'

        streamed = client.post(
            "/api/articles", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413
        assert client.get("/api/health").json()["articles"] == 0


def test_writes_need_the_token_when_one_is_set(tmp_path: Path) -> None:
    body = {"text": "The Harwick ferry resumed service on Monday after repairs."}
    with client_for(tmp_path, token=TOKEN) as client:
        assert client.post("/api/articles", json=body).status_code == 401
        wrong = client.post("/api/articles", json=body, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        right = client.post(
            "/api/articles", json=body, headers={"authorization": f"Bearer {TOKEN}"}
        )
        assert right.status_code == 201
        assert client.get("/api/stories").status_code == 200, "reads need no token"


def test_without_a_token_only_loopback_clients_write(tmp_path: Path) -> None:
    settings = ServerSettings(db=str(tmp_path / "web.db"))
    body = {"text": "The Harwick ferry resumed service on Monday after repairs."}
    remote = TestClient(create_app(settings), client=("203.0.113.7", 40000))
    refused = remote.post("/api/articles", json=body)
    assert refused.status_code == 403 and "--token" in refused.json()["detail"]
    assert remote.get("/api/stories").status_code == 200
    local = TestClient(create_app(settings), client=("127.0.0.1", 40000))
    assert local.post("/api/articles", json=body).status_code == 201


def test_security_headers_and_no_external_resources(loaded: TestClient) -> None:
    story = only_story(loaded)
    for path in ("/", f"/stories/{story}", "/search?q=dam", "/api/stories", "/static/app.js"):
        response = loaded.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    page = loaded.get(f"/stories/{story}").text
    assert "<script>" not in page and " style=" not in page
    assert "http://" not in page.split("<main", 1)[0] and "https://" not in page.split("<main")[0]
    assert '<meta name="viewport"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fstore%2fsqlite.py",
        "/static//etc/passwd",
        "/static/....//app.py",
    ],
)
def test_static_files_do_not_leave_their_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_openapi_schema_documents_the_routes(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/articles", "/api/stories", "/api/stories/{story_id}", "/api/search"} <= set(
        schema["paths"]
    )
    body = schema["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "application/x-ndjson", "text/html", "multipart/form-data"} <= set(
        body
    )
    one = body["application/json"]["schema"]["anyOf"][0]
    assert one["required"] == ["text"] and {"title", "source", "url", "date"} <= set(
        one["properties"]
    )


# --- concurrency on a real server ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live(tmp_path: Path) -> Iterator[str]:
    """A uvicorn server in a thread (real sockets, real thread pool) on a free loopback port."""
    import uvicorn

    app = create_app(ServerSettings(db=str(tmp_path / "live.db")))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=20)


def test_concurrent_writers_and_readers_lose_nothing(live: str, tmp_path: Path) -> None:
    import httpx

    docs = [a.to_dict() for a in generate(360, seed=9)]
    batches = [docs[k : k + 30] for k in range(0, len(docs), 30)]
    statuses: list[int] = []
    stop = threading.Event()

    def write(batch: list[dict[str, str]]) -> int:
        with httpx.Client(base_url=live, timeout=60) as http:
            return http.post("/api/articles", json=batch).status_code

    def read() -> None:
        with httpx.Client(base_url=live, timeout=60) as http:
            while not stop.is_set():
                got = http.get("/api/stories")
                assert got.status_code == 200, got.text
                stories = got.json()["stories"]
                statuses.append(http.get("/api/search", params={"q": "said"}).status_code)
                for s in stories[:2]:
                    statuses.append(http.get(f"/stories/{s['id']}").status_code)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    with ThreadPoolExecutor(max_workers=4) as pool:
        written = list(pool.map(write, batches))
    stop.set()
    for thread in readers:
        thread.join(timeout=60)
    assert set(written) == {201}
    assert statuses and set(statuses) == {200}
    # The same articles ingested in one go give the same rows: nothing lost, nothing doubled.
    reference = open_store(tmp_path / "reference.db")
    from storyline.ingest import parse_record
    from storyline.models import RawDocument

    raws = [parse_record(d, origin=f"ref[{k}]") for k, d in enumerate(docs)]
    engine.ingest([r for r in raws if isinstance(r, RawDocument)], store=reference)
    served = open_store(tmp_path / "live.db")
    assert served.counts().articles == reference.counts().articles > 300
    assert served.counts().reprints == reference.counts().reprints
    assert served.check() == []
    assert httpx.get(f"{live}/api/health").json()["articles"] == reference.counts().articles


# --- the same API on PostgreSQL -------------------------------------------------------------------

from test_store import postgres_schema_url, postgres_url  # noqa: E402, F401 - a session fixture


def test_the_api_serves_a_postgresql_store(postgres_url: str) -> None:  # noqa: F811
    with TestClient(create_app(ServerSettings(db=postgres_schema_url(postgres_url)))) as client:
        posted = client.post(
            "/api/articles",
            content=KESSEL.read_bytes(),
            headers={"content-type": "application/x-ndjson"},
        )
        assert posted.status_code == 201 and posted.json()["new"] == 6
        story = only_story(client)
        page = client.get(f"/api/stories/{story}").json()
        assert page["summary"]["sentences"] and page["timeline"]["entries"]
        hits = client.get("/api/search", params={"q": "spillway"}).json()["hits"]
        assert hits and hits[0]["story"] == story
        assert any(p["mark"] and "spillway" in p["text"].lower() for p in hits[0]["parts"])
        assert client.get(f"/stories/{story}").status_code == 200
        assert client.get("/api/health").json()["articles"] == 6
