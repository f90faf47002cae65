"""The embedded store: one SQLite file in WAL mode, with foreign keys and FTS5 search.

Why these settings: WAL lets readers (``storyline stories``, a web page) run while an ingest
writes; ``synchronous=FULL`` makes a committed batch survive a power cut, for the price of one
fsync per batch (batches are ~1,000 articles, so it does not show in throughput); every batch is
one ``BEGIN IMMEDIATE`` transaction, so a killed process leaves only whole batches.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from storyline.models import Article
from storyline.store import sql
from storyline.store.base import (
    LIST_OUTLETS,
    BatchWrite,
    IndexState,
    ListedStory,
    Member,
    SearchHit,
    StaleBatchError,
    StoreCounts,
    StoredStory,
    StoreError,
    StoryListPage,
    StoryRewrite,
    StoryUpdate,
    removed_from_json,
    removed_to_json,
)
from storyline.store.follow import FollowTables
from storyline.store.inbox import InboxTables
from storyline.store.migrations import SQLITE, Migration

log = logging.getLogger(__name__)

_CHUNK = 500  # ids per IN (...) query: well under SQLite's default limit of 32,766 variables
_ARTICLE_COLUMNS = (
    "id, title, source, url, byline, published, dateline, origin, doc_key, text, removed"
)
_D = sql.SQLITE
_STORY_COLUMNS = sql.story_columns(_D)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _article(row: Sequence[Any]) -> Article:
    removed = removed_from_json(row[10])
    return Article(
        id=row[0],
        title=row[1],
        source=row[2],
        url=row[3],
        byline=row[4],
        published=_day(row[5]),
        dateline=row[6],
        origin=row[7],
        doc_key=row[8],
        text=row[9],
        removed=removed,
    )


def _story(row: Sequence[Any]) -> StoredStory:
    return StoredStory(
        id=row[0],
        label=row[1],
        keywords=tuple(json.loads(row[2])),
        first_seen=_day(row[3]),
        last_seen=_day(row[4]),
        size=int(row[5]),
        reprints=int(row[6]),
        version=int(row[7]),
        outlets=tuple(json.loads(row[8] or "[]")),
    )


def _listed(row: Sequence[Any]) -> ListedStory:
    return ListedStory(
        id=row[0],
        label=row[1],
        snippet=row[2],
        keywords=tuple(json.loads(row[3])),
        outlets=tuple(json.loads(row[4])),
        outlet_count=int(row[5]),
        articles=int(row[6]),
        reprints=int(row[7]),
        first_seen=_day(row[8]),
        last_seen=_day(row[9]),
        version=int(row[10]),
        changed_at=datetime.fromisoformat(row[11]),
    )


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _story_rows(stories: Sequence[StoryUpdate], *, batch: int) -> Iterator[dict[str, object]]:
    for s in stories:
        yield {
            **{"id": s.id, "label": s.label, "size": s.size, "batch": batch},
            "keywords": json.dumps(list(s.keywords), ensure_ascii=False),
            **{"first_seen": _iso(s.first_seen), "last_seen": _iso(s.last_seen)},
        }


def _member_rows(members: Sequence[Member]) -> Iterator[dict[str, object]]:
    return ({"article": m.article_id, "story": m.story, "event": m.event} for m in members)


def _snippet_rows(stories: Sequence[StoryUpdate]) -> Iterator[dict[str, object]]:
    return ({"snippet": s.snippet, "story": s.id} for s in stories if s.snippet is not None)


def fts_query(text: str) -> str:
    """Plain words to an FTS5 query that matches all of them: users should not need its syntax
    (a stray quote or ``AND`` would otherwise be a syntax error or an operator)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words)


class SQLiteStore(FollowTables, InboxTables):
    """``Store`` on one SQLite file (or ``":memory:"`` for tests)."""

    def _exec(self, sql: str, params: Sequence[object] = ()) -> list[Any]:  # FollowTables
        with self._transaction() as db:
            return db.execute(sql, params).fetchall()

    def _exec_many(self, sql: str, rows: Sequence[Sequence[object]]) -> None:  # FollowTables
        with self._transaction() as db:
            db.executemany(sql, rows)

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:  # PlainTables
        return self._db.execute(sql, params).fetchall()  # a read waits for no writer (WAL)

    def __init__(self, path: str | Path, *, durable: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: folder {parent} does not exist; create it first.")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            self._migrate(SQLITE)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable storyline database ({exc}).") from exc

    # lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE``: take the write lock up front, so two writers queue rather than
        fail half-way through a batch."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = self.schema_version()
        newest = max(m.number for m in migrations)
        if current > newest:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this storyline knows "
                f"({newest}); upgrade storyline."
            )
        for migration in migrations:
            if migration.number <= current:
                continue
            log.info("migrating %s to schema %d: %s", self.path, migration.number, migration.name)
            script = (
                "BEGIN IMMEDIATE;\n"
                + migration.sql
                + ";\nINSERT INTO schema_version VALUES "
                + f"({migration.number}, '{migration.name}', '{_now()}');\nCOMMIT;"
            )
            try:
                self._db.executescript(script)
            except sqlite3.Error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        row = self._db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        return int(row[0])

    # writing ---------------------------------------------------------------------------------
    def last_batch(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM batches").fetchone()[0])

    def write_batch(self, batch: BatchWrite) -> None:
        with self._transaction() as db:
            last = self.last_batch()
            if batch.number != last + 1:
                raise StaleBatchError(
                    f"{self.path}: batch {batch.number} was built after batch {batch.number - 1}, "
                    f"but the store is at batch {last}: another process is ingesting into it. "
                    "Run one ingest at a time per database."
                )
            now = _now()
            db.execute(
                "INSERT INTO batches VALUES (?, ?, ?)", (batch.number, now, len(batch.articles))
            )
            db.executemany(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}, raw, batch, ingested_at, language) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        *(a.id, a.title, a.source, a.url, a.byline, _iso(a.published)),
                        *(a.dateline, a.origin, a.doc_key, a.text, removed_to_json(a)),
                        *(batch.raw.get(a.id), batch.number, now, batch.languages.get(a.id)),
                    )
                    for a in batch.articles
                ),
            )
            db.executemany("INSERT INTO reprints VALUES (?, ?)", batch.reprints.items())
            for statement in sql.replace_canonical(_D):
                db.executemany(statement, ({"old": o, "new": n} for o, n in batch.replaced.items()))
            self._write_stories(db, batch)
            self._write_list(db, batch, now)
            self._write_states(db, batch.states, batch.number)

    def _write_stories(self, db: sqlite3.Connection, batch: BatchWrite) -> None:
        db.executemany(sql.upsert_story(_D), _story_rows(batch.stories, batch=batch.number))
        db.executemany(sql.insert_member(_D), _member_rows(batch.members))
        # Outlets and reprint counts of every story this batch touched, reprints of older
        # canonical articles included, counted in SQL from the rows just written.
        db.execute(sql.upsert_story_outlets(_D), {"batch": batch.number})
        db.execute(sql.add_story_reprints(_D), {"batch": batch.number})

    def _write_list(self, db: sqlite3.Connection, batch: BatchWrite, now: str) -> None:
        """Refresh the ranking-table rows of the stories this batch touched: the cost is the
        batch's, not the store's."""
        params = {"batch": batch.number, "now": now, "top": LIST_OUTLETS}
        db.execute(sql.refresh_story_list(_D), params)
        db.executemany(sql.set_snippet(_D), _snippet_rows(batch.stories))

    def _write_states(
        self, db: sqlite3.Connection, states: Mapping[str, bytes], batch: int
    ) -> None:
        db.executemany(
            "INSERT INTO index_state VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "batch = excluded.batch, state = excluded.state, updated_at = excluded.updated_at",
            ((name, batch, blob, _now()) for name, blob in states.items()),
        )

    def save_states(self, states: Mapping[str, bytes], *, batch: int) -> None:
        with self._transaction() as db:
            last = self.last_batch()
            if batch != last:
                raise StaleBatchError(
                    f"{self.path}: index state is as of batch {batch} but the store is at batch "
                    f"{last}: another process is ingesting into it."
                )
            self._write_states(db, states, batch)

    def rewrite_stories(self, rewrite: StoryRewrite) -> None:
        with self._transaction() as db:
            last = self.last_batch()
            if rewrite.batch != last:
                raise StaleBatchError(
                    f"{self.path}: stories were made again as of batch {rewrite.batch} but the "
                    f"store is at batch {last}: another process is ingesting into it."
                )
            held: set[str] = set()
            for chunk in _chunks(list(dict.fromkeys(rewrite.articles))):
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT DISTINCT story FROM story_articles WHERE article IN ({marks})", chunk
                )
                held.update(row[0] for row in rows)
            db.executemany(sql.delete_member(_D), ({"article": a} for a in rewrite.articles))
            db.executemany(sql.upsert_story(_D), _story_rows(rewrite.stories, batch=last))
            db.executemany(sql.insert_member(_D), _member_rows(rewrite.members))
            touched = sorted(held | {s.id for s in rewrite.stories})
            for statement in sql.recount_story(_D):
                db.executemany(statement, ({"story": s} for s in touched))
            now = _now()
            db.executemany(
                sql.refresh_story_row(_D),
                ({"story": s, "now": now, "top": LIST_OUTLETS} for s in touched),
            )
            db.executemany(sql.set_snippet(_D), _snippet_rows(rewrite.stories))
            self._write_states(db, rewrite.states, last)

    def load_state(self, name: str) -> IndexState | None:
        row = self._db.execute(
            "SELECT batch, state FROM index_state WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else IndexState(name=name, batch=int(row[0]), blob=bytes(row[1]))

    # articles --------------------------------------------------------------------------------
    def existing(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def articles(self, ids: Sequence[str]) -> list[Article]:
        by_id: dict[str, Article] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            )
            by_id.update((row[0], _article(row)) for row in rows)
        return [by_id[i] for i in ids if i in by_id]

    def batch_articles(self, batch: int) -> list[Article]:
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE batch = ? ORDER BY seq", (batch,)
        )
        return [_article(row) for row in rows]

    def articles_published(self, days: Sequence[date], *, through_batch: int) -> list[Article]:
        out: list[Article] = []
        for chunk in _chunks([d.isoformat() for d in sorted(set(days))]):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE published IN ({marks}) "
                "AND batch <= ? ORDER BY published, seq",
                (*chunk, through_batch),
            )
            out.extend(_article(row) for row in rows)
        return out

    def articles_at(self, urls: Sequence[str]) -> list[Article]:
        out: list[Article] = []
        for chunk in _chunks(sorted(set(urls))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE url IN ({marks}) AND NOT "
                "EXISTS (SELECT 1 FROM reprints r WHERE r.article = a.id) ORDER BY seq",
                chunk,
            )
            out.extend(_article(row) for row in rows)
        return out

    def canonical(self, ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT article, canonical FROM reprints WHERE article IN ({marks})", chunk
            )
            out.update((row[0], row[1]) for row in rows)
        return out

    def reprints(self, canonical_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for chunk in _chunks(list(dict.fromkeys(canonical_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT r.canonical, r.article FROM reprints r JOIN articles a ON a.id = r.article "
                f"WHERE r.canonical IN ({marks}) ORDER BY a.published, a.seq",
                chunk,
            )
            for canonical, article in rows:
                out.setdefault(canonical, []).append(article)
        return out

    def raw_text(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT raw FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else row[0]

    # stories ---------------------------------------------------------------------------------
    def stories(self, *, since: date | None = None) -> list[StoredStory]:
        where = "" if since is None else "WHERE s.last_seen >= ?"
        rows = self._db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories s {where} ORDER BY {sql.stories_order(_D)}",
            () if since is None else (since.isoformat(),),
        )
        return [_story(row) for row in rows]

    def story_list(
        self,
        *,
        sort: str = "newest",
        min_articles: int = 1,
        seen_since: date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> StoryListPage:
        dated = seen_since is not None
        params = {
            "min": min_articles,
            "since": _iso(seen_since),
            "limit": limit,
            "offset": offset,
        }
        where = sql.story_list_where(_D, seen_since=dated)
        total = int(
            self._db.execute(f"SELECT count(*) FROM story_list {where}", params).fetchone()[0]
        )
        rows = self._db.execute(sql.story_list_page(_D, sort, seen_since=dated), params)
        return StoryListPage(total=total, stories=tuple(_listed(row) for row in rows))

    def story(self, story_id: str) -> StoredStory | None:
        row = self._db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories s WHERE s.id = ?", (story_id,)
        ).fetchone()
        return None if row is None else _story(row)

    def members(self, story_id: str) -> list[Member]:
        rows = self._db.execute(
            "SELECT article, story, event FROM story_articles WHERE story = ? ORDER BY seq",
            (story_id,),
        )
        return [Member(article_id=r[0], story=r[1], event=r[2]) for r in rows]

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(article_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT a.id, m.story FROM articles a LEFT JOIN reprints r ON r.article = a.id "
                "JOIN story_articles m ON m.article = coalesce(r.canonical, a.id) "
                f"WHERE a.id IN ({marks})",
                chunk,
            )
            out.update((row[0], row[1]) for row in rows)
        return out

    def cached_summary(self, story_id: str, *, version: int, method: str) -> str | None:
        row = self._db.execute(
            "SELECT payload FROM summaries WHERE story = ? AND method = ? AND version = ?",
            (story_id, method, version),
        ).fetchone()
        return None if row is None else str(row[0])

    def put_summary(self, story_id: str, *, version: int, method: str, payload: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO summaries VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (story, method) DO UPDATE SET "
                "version = excluded.version, payload = excluded.payload, "
                "created_at = excluded.created_at",
                (story_id, method, version, payload, _now()),
            )

    # reading ---------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        match = fts_query(query)
        if not match:
            return []
        rows = self._db.execute(
            f"SELECT a.id, m.story, a.title, {sql.CITED_AS}, a.published, "
            "snippet(articles_fts, 1, '[', ']', '…', 12), -bm25(articles_fts) AS score "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "LEFT JOIN reprints r ON r.article = a.id "
            "LEFT JOIN story_articles m ON m.article = coalesce(r.canonical, a.id) "
            "WHERE articles_fts MATCH ? ORDER BY score DESC, a.seq LIMIT ?",
            (match, limit),
        )
        return [
            SearchHit(
                article_id=r[0],
                story=r[1],
                title=r[2],
                outlet=r[3],
                published=_day(r[4]),
                snippet=r[5],
                score=float(r[6]),
            )
            for r in rows
        ]

    def counts(self) -> StoreCounts:
        def count(table: str) -> int:
            return int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        return StoreCounts(
            articles=count("articles"),
            reprints=count("reprints"),
            stories=count("stories"),
            batches=count("batches"),
        )

    def check(self) -> list[str]:
        """Integrity problems (empty when sound): foreign keys, orphan rows, count drift."""
        problems = [f"foreign key: {row}" for row in self._db.execute("PRAGMA foreign_key_check")]
        for name, query in sql.CHECKS.items():
            n = int(self._db.execute(query).fetchone()[0])
            if n:
                problems.append(f"{name}: {n}")
        return problems
