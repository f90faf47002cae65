"""The store contract, run on every backend, and the engine's ingest over a real store.

Backends are one parametrised fixture: the PostgreSQL backend joins ``BACKENDS`` and must pass the
same tests. Fixture articles are written here (fictional).
"""

from __future__ import annotations

import functools
import os
import pwd
import random
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from benchmarks.synth import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import engine, views
from storyline.engine.ingest import BatchProgress
from storyline.models import Article, RawDocument, Removal
from storyline.store import (
    BatchWrite,
    Member,
    StaleBatchError,
    Store,
    StoreError,
    StoryRewrite,
    StoryUpdate,
    open_store,
)

BACKENDS = ["sqlite", "postgres"]
MakeStore = Callable[[], Store]
POSTGRES_ENV = "STORYLINE_TEST_POSTGRES"  # a server URL to use instead of starting one


def _postgres_bin() -> Path | None:
    """The folder of Debian's PostgreSQL server binaries (newest version), or None."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts)
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for the session: initdb in a temp folder, pg_ctl start on a
    free loopback port, trust auth, durability off (tests need no crash safety). The server will
    not run as root, so as root it runs as the ``postgres`` user that Debian's package creates.
    Skips when the binaries or psycopg are missing; ``$STORYLINE_TEST_POSTGRES`` names a server
    to use instead."""
    pytest.importorskip("psycopg")
    if os.environ.get(POSTGRES_ENV):
        yield os.environ[POSTGRES_ENV]
        return
    bindir = _postgres_bin()
    if bindir is None or not (bindir / "initdb").exists():
        pytest.skip("PostgreSQL server binaries not found (apt-get install postgresql)")
    prefix: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        os.chown(base, owner.pw_uid, owner.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()
    run = functools.partial(subprocess.run, check=True, capture_output=True, timeout=120)
    try:
        run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "storyline", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"])  # fmt: skip
        options = (
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
             "-l", str(base / "log"), "-w", "start"])  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL server: {exc}")
    try:
        yield f"postgresql://storyline@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def postgres_schema_url(url: str) -> str:
    """A fresh, empty schema on the server: a new store in milliseconds, unlike a database."""
    import psycopg

    name = f"t{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {name}".encode())
    return f"{url}?options=-csearch_path%3D{name}"


@pytest.fixture(params=BACKENDS)
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeStore]:
    """A factory of fresh, empty stores of one backend (closed at the end of the test)."""
    opened: list[Store] = []
    counter = iter(range(1_000_000))
    server = request.getfixturevalue("postgres_url") if request.param == "postgres" else ""

    def make() -> Store:
        if request.param == "sqlite":
            store = open_store(tmp_path / f"store{next(counter)}.db")
        elif request.param == "postgres":
            from storyline.store.postgres import PostgresStore

            store = PostgresStore(postgres_schema_url(server))
        else:  # pragma: no cover - a backend listed in BACKENDS without a branch here
            raise AssertionError(request.param)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: MakeStore) -> Store:
    return make_store()


def article(key: str, *, source: str = "Northwind Press", day: int = 11, text: str = "") -> Article:
    body = text or (
        f"Floodwaters from the swollen Serin River cut off {key} villages on Tuesday.\n\n"
        "Rescue crews reached them by boat, the interior ministry said."
    )
    return Article(
        id=f"id-{key}",
        text=body,
        title=f"Serin floods, report {key}",
        source=source,
        url=f"https://example.test/{key}",
        published=date(2025, 3, day),
        origin=f"fixture:{key}",
        removed=(Removal("caption", "A photo caption.", "looks like a caption", 0),),
    )


def story(story_id: str, size: int, *, day: int = 11) -> StoryUpdate:
    return StoryUpdate(
        id=story_id,
        label="Serin floods",
        keywords=("serin", "flood"),
        first_seen=date(2025, 3, 11),
        last_seen=date(2025, 3, day),
        size=size,
    )


def first_batch() -> BatchWrite:
    a, b, c = article("a"), article("b", source="Radio Meridian"), article("c", source="Coastline")
    return BatchWrite(
        number=1,
        articles=(a, b, c),
        reprints={c.id: a.id},
        members=(Member(a.id, "s1", "s1/e1"), Member(b.id, "s1", "s1/e2")),
        stories=(story("s1", 2),),
        states={"dedup": b"\x00\x01state"},
    )


# --- contract --------------------------------------------------------------------------------


def test_an_empty_store_is_sound(store: Store) -> None:
    assert store.schema_version() >= 1
    assert store.last_batch() == 0
    counts = store.counts()
    assert (counts.articles, counts.reprints, counts.stories, counts.batches) == (0, 0, 0, 0)
    assert store.check() == []
    assert store.stories() == []
    assert store.load_state("dedup") is None


def test_a_batch_is_stored_whole(store: Store) -> None:
    batch = first_batch()
    store.write_batch(batch)
    assert store.last_batch() == 1
    assert store.articles([a.id for a in reversed(batch.articles)]) == list(
        reversed(batch.articles)
    )
    assert store.batch_articles(1) == list(batch.articles)
    assert store.existing(["id-a", "id-x", "id-c"]) == {"id-a", "id-c"}
    assert store.canonical(["id-a", "id-c"]) == {"id-c": "id-a"}
    assert store.reprints(["id-a", "id-b"]) == {"id-a": ["id-c"]}
    assert store.story_of(["id-a", "id-b", "id-c"]) == {"id-a": "s1", "id-b": "s1", "id-c": "s1"}
    assert [m.article_id for m in store.members("s1")] == ["id-a", "id-b"]
    saved = store.story("s1")
    assert saved is not None
    assert (saved.size, saved.reprints, saved.version) == (2, 1, 1)
    assert saved.outlets == ("Coastline", "Northwind Press", "Radio Meridian"), "ties by name"
    state = store.load_state("dedup")
    assert state is not None and (state.batch, state.blob) == (1, b"\x00\x01state")
    assert store.check() == []


def test_a_story_changed_by_a_batch_gets_a_new_version(store: Store) -> None:
    store.write_batch(first_batch())
    late = article("d", source="Radio Meridian", day=14)
    store.write_batch(
        BatchWrite(
            number=2,
            articles=(late,),
            members=(Member(late.id, "s1", "s1/e2"),),
            stories=(story("s1", 3, day=14),),
        )
    )
    saved = store.story("s1")
    assert saved is not None and (saved.version, saved.size) == (2, 3)
    assert saved.outlets[0] == "Radio Meridian", "two articles: most first"
    assert [s.id for s in store.stories(since=date(2025, 3, 14))] == ["s1"]
    assert store.stories(since=date(2025, 3, 15)) == []
    assert store.check() == []


def test_a_reprint_of_an_older_article_counts_for_its_story(store: Store) -> None:
    store.write_batch(first_batch())
    copy = article("e", source="Valley Tribune", day=12)
    store.write_batch(BatchWrite(number=2, articles=(copy,), reprints={copy.id: "id-a"}))
    saved = store.story("s1")
    assert saved is not None
    assert saved.reprints == 2 and "Valley Tribune" in saved.outlets
    assert saved.version == 1, "the summary's input (canonical articles) did not change"
    assert store.reprints(["id-a"]) == {"id-a": ["id-c", "id-e"]}


def test_a_stale_batch_changes_nothing(store: Store) -> None:
    store.write_batch(first_batch())
    with pytest.raises(StaleBatchError, match="another process"):
        store.write_batch(BatchWrite(number=1, articles=(article("z"),)))
    assert store.existing(["id-z"]) == set()
    assert store.counts().batches == 1


def test_a_failing_batch_rolls_back_entirely(store: Store) -> None:
    """A member of a story that the batch never wrote breaks a foreign key: nothing is kept."""
    orphan = article("o")
    bad = BatchWrite(number=1, articles=(orphan,), members=(Member(orphan.id, "s-missing", "e"),))
    with pytest.raises((sqlite3.IntegrityError, StoreError)):
        store.write_batch(bad)
    assert store.last_batch() == 0
    assert store.existing([orphan.id]) == set()
    assert store.check() == []


def test_cached_summaries_are_keyed_on_the_story_version(store: Store) -> None:
    store.write_batch(first_batch())
    store.put_summary("s1", version=1, method="storyline words=250", payload='{"v": 1}')
    assert store.cached_summary("s1", version=1, method="storyline words=250") == '{"v": 1}'
    assert store.cached_summary("s1", version=2, method="storyline words=250") is None
    assert store.cached_summary("s1", version=1, method="lexrank words=250") is None
    store.put_summary("s1", version=2, method="storyline words=250", payload='{"v": 2}')
    assert store.cached_summary("s1", version=1, method="storyline words=250") is None


def test_article_facts_are_kept_per_article_under_one_version(store: Store) -> None:
    batch = first_batch()
    store.write_batch(batch)
    a, b, _ = (x.id for x in batch.articles)
    assert store.article_facts([a, b], version="facts/1") == {}
    store.put_article_facts({a: '{"a": 1}', b: '{"b": 1}'}, version="facts/1")
    assert store.article_facts([a, b, "unknown"], version="facts/1") == {
        a: '{"a": 1}',
        b: '{"b": 1}',
    }
    assert store.article_facts([a], version="facts/2") == {}  # read by other code: not used
    store.put_article_facts({a: '{"a": 2}'}, version="facts/2")  # replaces the older reading
    assert store.article_facts([a, b], version="facts/2") == {a: '{"a": 2}'}
    assert store.article_facts([a], version="facts/1") == {}


def test_stories_made_again_replace_members_counts_list_rows_and_stale_summaries(
    store: Store,
) -> None:
    """``rewrite_stories`` (a re-run in date order): s2 loses its one article and goes with its
    list row and cached summary; s1 keeps a and its reprint; b and d make a new story s3."""
    store.write_batch(first_batch())
    late = article("d", source="Radio Meridian", day=14)
    store.write_batch(
        BatchWrite(
            number=2,
            articles=(late,),
            members=(Member(late.id, "s2", "s2/e1"),),
            stories=(story("s2", 1, day=14),),
        )
    )
    for story_id in ("s1", "s2"):
        store.put_summary(story_id, version=1, method="storyline", payload="{}")
    rewrite = StoryRewrite(
        batch=2,
        articles=("id-a", "id-b", "id-d"),
        members=(
            Member("id-a", "s1", "s1/e1"),
            Member("id-b", "s3", "s3/e1"),
            Member("id-d", "s3", "s3/e1"),
        ),
        stories=(story("s1", 1), replace(story("s3", 2, day=14), snippet="Boats reached them.")),
        states={"cluster": b"again"},
    )
    with pytest.raises(StaleBatchError, match="another process"):
        store.rewrite_stories(replace(rewrite, batch=1))
    assert store.story_of(["id-b"]) == {"id-b": "s1"}, "a stale rewrite changes nothing"
    store.rewrite_stories(rewrite)
    assert store.story_of(["id-a", "id-b", "id-c", "id-d"]) == {
        "id-a": "s1",
        "id-b": "s3",
        "id-c": "s1",
        "id-d": "s3",
    }
    assert store.story("s2") is None
    one, three = store.story("s1"), store.story("s3")
    assert one is not None and (one.size, one.reprints, one.version) == (1, 1, 2)
    assert one.outlets == ("Coastline", "Northwind Press")
    assert three is not None and (three.size, three.reprints, three.version) == (2, 0, 1)
    assert three.outlets == ("Radio Meridian",)
    assert store.cached_summary("s1", version=one.version, method="storyline") is None
    assert store.cached_summary("s2", version=1, method="storyline") is None
    listed = {row.id: row for row in store.story_list(min_articles=1).stories}
    assert sorted(listed) == ["s1", "s3"]
    assert listed["s3"].snippet == "Boats reached them." and listed["s3"].articles == 2
    state = store.load_state("cluster")
    assert state is not None and (state.batch, state.blob) == (2, b"again")
    assert store.check() == []


def test_search_finds_words_and_tolerates_query_syntax(store: Store) -> None:
    store.write_batch(first_batch())
    hits = store.search("serin rescue")
    assert {h.article_id for h in hits} == {"id-a", "id-b", "id-c"}
    assert all(h.story == "s1" and h.snippet for h in hits)
    assert store.search('"unbalanced AND (') == []
    assert store.search("") == []
    assert store.search("villages", limit=1)[0].score > 0


def test_states_checkpoint_only_the_last_batch(store: Store) -> None:
    store.write_batch(first_batch())
    store.save_states({"cluster": b"abc"}, batch=1)
    assert store.load_state("cluster") is not None
    with pytest.raises(StaleBatchError):
        store.save_states({"cluster": b"old"}, batch=0)


def test_the_story_list_row_follows_its_story(store: Store) -> None:
    """The ranking table (migration 3) is refreshed by every batch that touches a story: new
    articles, a reprint of an older article, a new snippet; an update without one keeps it."""
    batch = first_batch()
    store.write_batch(replace(batch, stories=(replace(batch.stories[0], snippet="Lead one."),)))
    (row,) = store.story_list().stories
    assert (row.id, row.label, row.snippet, row.articles, row.reprints) == (
        "s1",
        "Serin floods",
        "Lead one.",
        2,
        1,
    )
    assert row.outlets == ("Coastline", "Northwind Press", "Radio Meridian")
    assert row.outlet_count == 3 and row.version == 1 and row.changed_at.tzinfo is not None
    copy = article("e", source="Valley Tribune", day=12)
    store.write_batch(BatchWrite(number=2, articles=(copy,), reprints={copy.id: "id-a"}))
    (row,) = store.story_list().stories
    assert (row.reprints, row.outlet_count, row.snippet) == (2, 4, "Lead one.")
    late = article("d", source="Radio Meridian", day=14)
    store.write_batch(
        BatchWrite(
            number=3,
            articles=(late,),
            members=(Member(late.id, "s1", "s1/e2"),),
            stories=(replace(story("s1", 3, day=14), snippet="Lead two."),),
        )
    )
    (row,) = store.story_list().stories
    assert (row.articles, row.version, row.last_seen, row.snippet) == (
        3,
        2,
        date(2025, 3, 14),
        "Lead two.",
    )
    assert store.check() == []


def test_the_story_list_sorts_filters_and_pages_like_the_stories(store: Store) -> None:
    """Against the full story rows, sorted and filtered in Python: the same pages."""
    engine.ingest([a.to_raw() for a in generate(400, seed=8)], store=store, workers=0)
    every = store.stories()
    assert len(every) > 10
    assert store.check() == []
    listed = store.story_list(limit=10_000, min_articles=1)
    assert listed.total == len(every)
    assert [s.id for s in listed.stories] == [s.id for s in every]
    for row, full in zip(listed.stories, every, strict=True):
        assert (row.label, row.articles, row.reprints, row.version) == (
            full.label,
            full.size,
            full.reprints,
            full.version,
        )
        assert row.outlet_count == len(full.outlets) and row.outlets == full.outlets[:8]
        assert row.snippet, "every story written by ingest has a snippet"
    covered = sorted(every, key=lambda s: (-len(s.outlets), -(s.size + s.reprints), s.id))
    page = store.story_list(sort="most-covered", limit=10_000, min_articles=1)
    assert [s.id for s in page.stories] == [s.id for s in covered]
    big = [s.id for s in every if s.size + s.reprints >= 5]
    assert [s.id for s in store.story_list(min_articles=5, limit=10_000).stories] == big
    assert store.story_list(min_articles=5).total == len(big)
    pages = [store.story_list(limit=7, offset=k, min_articles=1).stories for k in (0, 7, 14)]
    assert [s.id for p in pages for s in p] == [s.id for s in every[:21]]
    since = every[len(every) // 2].last_seen
    assert since is not None
    recent = [s.id for s in every if s.last_seen is not None and s.last_seen >= since]
    found = store.story_list(min_articles=1, seen_since=since, limit=10_000)
    assert [s.id for s in found.stories] == recent and found.total == len(recent)


def test_articles_are_found_by_publication_day_up_to_a_batch(store: Store) -> None:
    store.write_batch(first_batch())
    late = article("d", source="Radio Meridian", day=14)
    store.write_batch(
        BatchWrite(
            number=2,
            articles=(late,),
            members=(Member(late.id, "s1", "s1/e2"),),
            stories=(story("s1", 3, day=14),),
        )
    )
    days = [date(2025, 3, 14), date(2025, 3, 11)]
    assert [a.id for a in store.articles_published(days, through_batch=2)] == [
        "id-a",
        "id-b",
        "id-c",
        "id-d",
    ]
    assert [a.id for a in store.articles_published(days, through_batch=1)] == [
        "id-a",
        "id-b",
        "id-c",
    ]
    assert store.articles_published([date(2025, 3, 12)], through_batch=2) == []


def test_migration_3_fills_the_story_list_of_an_older_store(tmp_path: Path) -> None:
    """A store made before the ranking table gets one row per story when it is opened."""
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.write_batch(first_batch())
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE story_list")
        db.execute("DROP TABLE article_facts")
        db.execute("DROP TABLE inbox")
        db.execute("DELETE FROM schema_version WHERE version >= 3")
    db.close()
    with open_store(path) as store:
        assert store.schema_version() >= 3
        (row,) = store.story_list().stories
        assert (row.id, row.articles, row.reprints, row.outlet_count) == ("s1", 2, 1, 3)
        assert row.snippet.startswith("Floodwaters from the swollen Serin River")
        assert store.check() == []


def unnamed_batch() -> BatchWrite:
    """first_batch with its reprint and one more article from files that name no outlet."""
    a, b = article("a"), article("b", text="Boats reached the last Serin village on Tuesday.")
    c = replace(article("c"), source=None)
    d = replace(article("d", text="The Serin fell by a metre overnight, engineers said."))
    d = replace(d, source=None)
    return BatchWrite(
        number=1,
        articles=(a, b, c, d),
        reprints={c.id: a.id},
        members=(
            Member(a.id, "s1", "s1/e1"),
            Member(b.id, "s1", "s1/e1"),
            Member(d.id, "s1", "s1/e2"),
        ),
        stories=(story("s1", 3),),
        states={},
    )


def test_articles_that_name_no_outlet_are_no_outlets(store: Store) -> None:
    """A story's outlets are its articles' named sources: two files with no source are not two
    more outlets (the story list showed 35 outlets for 28 unnamed articles)."""
    store.write_batch(unnamed_batch())
    (row,) = store.story_list().stories
    assert (row.articles, row.reprints, row.outlet_count) == (3, 1, 1)
    assert row.outlets == ("Northwind Press",)
    saved = store.story("s1")
    assert saved is not None and saved.outlets == ("Northwind Press",)
    assert store.check() == []


def test_migration_6_recounts_the_outlets_of_an_older_store(tmp_path: Path) -> None:
    """A store that counted each unnamed article as an outlet is recounted when opened."""
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.write_batch(unnamed_batch())
    with sqlite3.connect(path) as db:  # what migrations 1-5 wrote: the file names as outlets
        db.execute(
            "INSERT INTO story_outlets VALUES ('s1', 'fixture:c', 1), ('s1', 'fixture:d', 1)"
        )
        db.execute('UPDATE story_list SET outlets = 3, outlet_names = \'["x", "y", "z"]\'')
        db.execute("DELETE FROM schema_version WHERE version >= 6")
    db.close()
    with open_store(path) as store:
        assert store.schema_version() >= 6
        (row,) = store.story_list().stories
        assert (row.outlet_count, row.outlets) == (1, ("Northwind Press",))
        assert store.check() == []


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_version VALUES (999, 'future', 'now')")
    db.close()
    with pytest.raises(StoreError, match="upgrade storyline"):
        open_store(path)


def test_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.db")


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
_maybe = st.none() | _text
articles = st.builds(
    Article,
    id=st.text("0123456789abcdef", min_size=1, max_size=16),
    text=_text,
    title=_maybe,
    source=_maybe,
    url=_maybe,
    byline=_maybe,
    published=st.none() | st.dates(),
    dateline=_maybe,
    origin=_maybe,
    doc_key=_maybe,
    removed=st.lists(
        st.builds(Removal, kind=_text, text=_text, reason=_text, paragraph=st.integers(0, 10**6)),
        max_size=3,
    ).map(tuple),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(item=articles)
def test_an_article_round_trips(make_store: MakeStore, item: Article) -> None:
    store = make_store()
    store.write_batch(BatchWrite(number=1, articles=(item,)))
    assert store.articles([item.id]) == [item]
    assert store.batch_articles(1) == [item]
    store.close()


# --- the engine over a store -----------------------------------------------------------------


def synthetic(n: int, *, seed: int = 3) -> list[object]:
    return [a.to_raw() for a in generate(n, seed=seed)]


def snapshot(store: Store) -> tuple[object, ...]:
    stories = store.stories()
    members = {s.id: store.members(s.id) for s in stories}
    ids = sorted(
        store.existing(
            a.id for b in range(1, store.last_batch() + 1) for a in store.batch_articles(b)
        )
    )
    return (store.counts(), stories, members, store.canonical(ids))


def test_reingest_is_idempotent(store: Store) -> None:
    docs = synthetic(240)
    first = engine.ingest(docs, store=store, batch_size=100)
    assert first.new > 0 and first.duplicates > 0 and first.failed == 0
    assert first.new + first.duplicates + first.already_stored == 240
    assert store.counts().articles == first.new + first.duplicates
    before = snapshot(store)
    again = engine.ingest(docs, store=store, batch_size=100)
    assert (again.new, again.duplicates, again.batches) == (0, 0, 0)
    assert again.already_stored == 240
    assert snapshot(store) == before
    assert store.check() == []


def test_an_old_article_in_a_new_batch_gets_its_story_written(store: Store) -> None:
    """Its story is archived by the very batch that opens it (a year older than the rest); the
    store must still get the story's row, label and all."""
    old = RawDocument(
        text="The river Ost burst its banks in Marrowby on Tuesday, flooding 300 homes. Mayor "
        "Ada Venn said rescue boats reached the old mill district overnight.",
        origin="test:old",
        title="Ost floods 300 homes in Marrowby",
        source="Marrowby Courier",
        published=date(2023, 1, 10),
    )
    report = engine.ingest([*synthetic(60), old], store=store, batch_size=100)
    assert report.failed == 0 and report.batches == 1
    (found,) = [a for a in store.batch_articles(1) if a.origin == "test:old"]
    story = store.story(store.story_of([found.id])[found.id])
    assert story is not None and story.label and story.size == 1
    assert story.first_seen == date(2023, 1, 10)
    assert store.check() == []


def test_a_reopened_store_continues_like_one_long_run(make_store: MakeStore) -> None:
    """Checkpoint plus replay gives the indexes an uninterrupted run has: same final rows."""
    docs = synthetic(300, seed=5)
    whole = make_store()
    engine.ingest(docs, store=whole, batch_size=60, workers=0)
    assert whole.last_batch() >= 4

    class Stop(Exception):
        pass

    def stop_after(last: int) -> Callable[[BatchProgress], None]:
        def step(progress: BatchProgress) -> None:
            if progress.number >= last:
                raise Stop  # as a kill would, once the batch is committed

        return step

    parts = make_store()
    # The first call stops without any checkpoint: the second replays its batch from the
    # store, checkpoints after each of its own and stops; the third reads that checkpoint back.
    for last, seconds in ((1, 1e9), (3, 0.0)):
        with pytest.raises(Stop):
            engine.ingest(
                docs,
                store=parts,
                batch_size=60,
                workers=0,
                checkpoint_seconds=seconds,
                on_batch=stop_after(last),
            )
        assert last <= parts.last_batch() < whole.last_batch()
    engine.ingest(docs, store=parts, batch_size=60, workers=0)
    assert snapshot(parts) == snapshot(whole)


def test_reversed_and_shuffled_ingest_store_the_same_stories(make_store: MakeStore) -> None:
    """Out of date order, an ingest call clusters its articles again in date order at its end
    (``engine.reorder``), through ``rewrite_stories`` on every backend. (An ingest call sorts
    what it holds back to cut whole days, so the input must span several batches.)"""
    docs = synthetic(800, seed=4)
    shuffled = docs[:]
    random.Random(2).shuffle(shuffled)
    partitions = []
    for order in (docs[::-1], shuffled):
        store = make_store()
        # Batches of 200: cleaning drops lines that recur within a batch, so much smaller ones
        # can clean (and so identify) a few articles differently in another order.
        report = engine.ingest(order, store=store, batch_size=200, workers=0)
        assert report.reclustered > 0
        assert store.check() == []
        ids = [a.id for b in range(1, store.last_batch() + 1) for a in store.batch_articles(b)]
        groups: dict[str, set[str]] = {}
        for article_id, story_id in store.story_of(ids).items():
            groups.setdefault(story_id, set()).add(article_id)
        partitions.append({frozenset(g) for g in groups.values()})
        listed = store.story_list(min_articles=1)
        assert listed.total == len(groups) == store.counts().stories
    assert partitions[0] == partitions[1]


def test_story_summaries_are_cached_until_the_story_changes(store: Store) -> None:
    docs = synthetic(200, seed=7)
    engine.ingest(docs[:100], store=store, batch_size=100)
    top = max(store.stories(), key=lambda s: s.size)
    first = engine.story_report(store, top.id, words=60)
    assert not first.cached and first.summary.sentences
    cited = {c.article_id for s in first.summary.sentences for c in s.citations}
    assert cited <= {a.id for a in first.articles}
    again = engine.story_report(store, top.id, words=60)
    assert again.cached and again.summary == first.summary
    engine.ingest(docs, store=store, batch_size=100)
    now = store.story(top.id)
    assert now is not None
    later = engine.story_report(store, top.id, words=60)
    assert later.cached == (now.version == top.version)


def test_story_pages_carry_citations_outlets_and_reprints(store: Store) -> None:
    engine.ingest(synthetic(200, seed=11), store=store, batch_size=200)
    reprinted = max(store.stories(), key=lambda s: s.reprints)
    assert reprinted.reprints > 0
    report = engine.story_report(store, reprinted.id, words=80)
    assert len(report.reprints) == reprinted.reprints
    view = engine.story(store, reprinted.id, words=80)
    md = views.render(view, "md")
    assert "[^1]" in md and "## Reprints" in md and reprinted.outlets[0] in md
    html = views.render(view, "html")
    assert "<h2>Reprints</h2>" in html and "<script" not in html
    with pytest.raises(ValueError, match="No story"):
        engine.story_report(store, "s-none")


def test_a_page_replaces_its_teaser_and_a_replayed_store_keeps_it(store: Store) -> None:
    """A page's text takes the place of its feed's teaser (stored first, marked partial): the
    story holds the page, the teaser is its reprint. The batches are replayed when the index
    checkpoint is older (a writer killed before it saved): a later copy of the page's text is
    then a reprint of the page, not of the teaser (a reprint of a reprint)."""
    from dataclasses import replace

    from storyline.models import PARTIAL, READER, RawDocument, Removal

    text = "\n\n".join(
        f"Rescue crews reached {k} villages cut off by the swollen Serin River by boat on "
        f"Tuesday, the interior ministry said, after {k * 3} homes were flooded overnight."
        for k in range(2, 14)
    )
    url, day = "https://northwind.example/news/serin", date(2025, 3, 11)
    lead = " ".join(text.split()[:30])
    note = Removal(PARTIAL, "", "partial text: only the feed's teaser", READER)
    teaser = RawDocument(lead, "feed#1", "Serin floods", "Northwind Press", url, published=day)
    page = replace(teaser, text=text, origin="page")
    quiet = {"checkpoint_seconds": 1e9, "checkpoint_at_end": False, "reorder": False}
    for docs in ([replace(teaser, removed=(note,))], [page]):
        engine.ingest(docs, store=store, **quiet)  # type: ignore[arg-type]
    (story,) = store.stories()
    (member,) = store.members(story.id)
    (kept,) = store.articles([member.article_id])
    assert kept.text.startswith("Rescue crews") and len(kept.text) > 2 * len(lead)
    assert kept.partial is None and (story.size, story.reprints) == (1, 1)
    copy = replace(page, origin="wire", source="Wire Service", url=None)
    report = engine.ingest([copy], store=store)  # indexes replayed from an empty checkpoint
    assert report.duplicates == 1 and store.check() == []
    links = store.canonical(store.reprints([kept.id])[kept.id])
    assert set(links.values()) == {kept.id} and len(links) == 2
