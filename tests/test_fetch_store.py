"""The followed-sources tables (schema migration 2) behave alike on SQLite and PostgreSQL."""

from __future__ import annotations

import zlib

import test_store
from storyline.store.base import (
    PAGE_FAILED,
    PAGE_INGESTED,
    FetchRecord,
    FollowedSource,
    FollowStore,
    StoredPage,
)
from test_store import MakeStore, first_batch

# The backend fixtures of the store contract tests: every test here runs on each backend.
make_store = test_store.make_store
postgres_url = test_store.postgres_url


def _page(url: str, **fields: object) -> StoredPage:
    base = dict(
        url=url,
        final_url=url,
        fetched_at=1.5,
        status=200,
        content_type="text/html",
        body=zlib.compress(b"<p>x</p>"),
    )
    return StoredPage(**{**base, **fields})  # type: ignore[arg-type]


def test_sources_round_trip_update_and_remove(make_store: MakeStore) -> None:
    store = make_store()
    assert isinstance(store, FollowStore)
    assert isinstance(store, FollowStore) and store.schema_version() >= 2
    feed = FollowedSource("http://a.test/feed", "feed", site="http://a.test/", added_at=1.0)
    assert store.add_source(feed) and not store.add_source(feed)
    store.add_source(FollowedSource("http://b.test/map.xml", "sitemap", added_at=2.0))
    changed = FollowedSource(
        feed.url, "feed", feed.site, "A Times", 1.0, '"e1"', "Mon", 9.5, 200, None, 0, 99.0, 7, 3
    )
    store.update_source(changed)
    assert store.sources() == [
        changed,
        FollowedSource("http://b.test/map.xml", "sitemap", added_at=2.0),
    ]
    assert store.remove_source(feed.url) and not store.remove_source(feed.url)
    assert [s.url for s in store.sources()] == ["http://b.test/map.xml"]


def test_pages_are_kept_pending_then_settled(make_store: MakeStore) -> None:
    store = make_store()
    assert isinstance(store, FollowStore)
    store.put_pages([_page("http://a.test/1"), _page("http://a.test/2", fetched_at=2.0)])
    assert store.known_pages(["http://a.test/1", "http://a.test/9"]) == {"http://a.test/1"}
    assert [p.url for p in store.pending_pages(limit=10)] == ["http://a.test/1", "http://a.test/2"]
    store.settle_pages(
        {"http://a.test/1": (PAGE_INGESTED, None), "http://a.test/2": (PAGE_FAILED, "bad")}
    )
    assert store.pending_pages(limit=10) == []
    page = store.page("http://a.test/2")
    assert page is not None and page.state == PAGE_FAILED and page.error == "bad"
    assert zlib.decompress(page.body) == b"<p>x</p>"


def test_fetch_log_and_languages(make_store: MakeStore) -> None:
    store = make_store()
    assert isinstance(store, FollowStore)
    records = [
        FetchRecord(1.0, "http://a.test/", 200, False, 10, 0.1),
        FetchRecord(2.0, "http://a.test/", 304, True, 0, 0.05),
    ]
    store.log_fetches(records)
    assert store.fetch_log(limit=5) == records[::-1]
    later = FetchRecord(1.0 + 15 * 86400, "http://a.test/", 200, False, 10, 0.1)
    store.log_fetches([later])
    assert store.fetch_log(limit=5) == [later]  # two weeks on, the old requests are dropped
    batch = first_batch()
    store.write_batch(batch)
    ids = [a.id for a in batch.articles]
    store.set_languages({ids[0]: "de"})
    assert store.languages(ids) == {ids[0]: "de"}
