"""The server store: the ``Store`` protocol on PostgreSQL (psycopg 3), for several processes.

Why it mirrors the SQLite schema table for table: the engine and the contract tests
(``tests/test_store.py``) see no difference, and a row means the same on either backend. What
differs is only what PostgreSQL does better or differently:

- one batch is one transaction that first takes ``LOCK TABLE batches`` (share row exclusive), so
  two writers queue and the second sees the first one's batch number: ``StaleBatchError``, never
  a half-written batch;
- full-text search is a stored ``tsvector`` column (English stemming, like FTS5's porter
  tokenizer) with a GIN index; plain words become ``plainto_tsquery``, so query syntax typed by a
  user is never an operator;
- PostgreSQL text cannot hold the NUL character, which is legal in Python strings: text is
  escaped reversibly on the way in (``_escape``) and back on the way out.

Outlets sort with ``COLLATE "C"`` so ties break by code point, as SQLite's binary collation does.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
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
from storyline.store.migrations import POSTGRES, Migration

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = (
    "id, title, source, url, byline, published, dateline, origin, doc_key, text, removed"
)
_D = sql.POSTGRES
_STORY_COLUMNS = sql.story_columns(_D)
# Private-use escape for NUL: "\x00" -> ESC "0", ESC -> ESC ESC. News text never holds either,
# so the common case is one ``in`` test per field and no copy.
_ESC = "\ue000"
_UNESCAPE = re.compile(_ESC + "(.)", re.DOTALL)


def _escape(text: str | None) -> str | None:
    if text is None or ("\x00" not in text and _ESC not in text):
        return text
    return text.replace(_ESC, _ESC + _ESC).replace("\x00", _ESC + "0")


def _unescape(text: str | None) -> str | None:
    if text is None or _ESC not in text:
        return text
    return _UNESCAPE.sub(lambda m: "\x00" if m.group(1) == "0" else m.group(1), text)


def _article(row: Sequence[Any]) -> Article:
    removed = removed_from_json(str(_unescape(row[10])))
    u = _unescape
    return Article(
        id=str(u(row[0])),
        title=u(row[1]),
        source=u(row[2]),
        url=u(row[3]),
        byline=u(row[4]),
        published=row[5],
        dateline=u(row[6]),
        origin=u(row[7]),
        doc_key=u(row[8]),
        text=str(u(row[9])),
        removed=removed,
    )


def _article_row(article: Article, batch: BatchWrite) -> tuple[object, ...]:
    e = _escape
    a = article
    return (
        *(e(a.id), e(a.title), e(a.source), e(a.url), e(a.byline), a.published),
        *(e(a.dateline), e(a.origin), e(a.doc_key), e(a.text), e(removed_to_json(a))),
        *(e(batch.raw.get(a.id)), batch.number, batch.languages.get(a.id)),
    )


def _story(row: Sequence[Any]) -> StoredStory:
    return StoredStory(
        id=str(_unescape(row[0])),
        label=str(_unescape(row[1])),
        keywords=tuple(json.loads(str(_unescape(row[2])))),
        first_seen=row[3],
        last_seen=row[4],
        size=int(row[5]),
        reprints=int(row[6]),
        version=int(row[7]),
        outlets=tuple(str(_unescape(o)) for o in json.loads(row[8] or "[]")),
    )


def _listed(row: Sequence[Any]) -> ListedStory:
    u = _unescape
    return ListedStory(
        id=str(u(row[0])),
        label=str(u(row[1])),
        snippet=str(u(row[2])),
        keywords=tuple(json.loads(str(u(row[3])))),
        outlets=tuple(str(u(o)) for o in json.loads(row[4])),
        outlet_count=int(row[5]),
        articles=int(row[6]),
        reprints=int(row[7]),
        first_seen=row[8],
        last_seen=row[9],
        version=int(row[10]),
        changed_at=row[11],
    )


def is_postgres_location(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL server (``postgresql://`` or ``postgres://``)."""
    return location.startswith(("postgresql:", "postgres:"))


def _story_rows(stories: Sequence[StoryUpdate], *, batch: int) -> list[dict[str, object]]:
    return [
        {
            **{"id": _escape(s.id), "label": _escape(s.label), "size": s.size},
            "keywords": _escape(json.dumps(list(s.keywords), ensure_ascii=False)),
            **{"first_seen": s.first_seen, "last_seen": s.last_seen, "batch": batch},
        }
        for s in stories
    ]


def _member_rows(members: Sequence[Member]) -> list[dict[str, object]]:
    e = _escape
    return [{"article": e(m.article_id), "story": e(m.story), "event": e(m.event)} for m in members]


def _snippet_rows(stories: Sequence[StoryUpdate]) -> list[dict[str, object]]:
    return [
        {"snippet": _escape(s.snippet), "story": _escape(s.id)}
        for s in stories
        if s.snippet is not None
    ]


class PostgresStore(FollowTables, InboxTables):
    """``Store`` on a PostgreSQL database given as a libpq URL (``postgresql://user@host/db``).

    One connection per store object: psycopg connections are not to be shared between threads
    that each run their own transactions, so a server opens one store per worker thread.
    """

    _PLACEHOLDER = "%s"

    def _exec(self, sql: str, params: Sequence[object] = ()) -> list[Any]:  # FollowTables
        with self._transaction(lock=False) as db:
            cur = db.execute(sql.encode(), params)
            return list(cur.fetchall()) if cur.description else []

    def _exec_many(self, sql: str, rows: Sequence[Sequence[object]]) -> None:  # FollowTables
        with self._transaction(lock=False) as db, db.cursor() as cur:
            cur.executemany(sql.encode(), rows)

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the installed extras
            raise StoreError(
                "The PostgreSQL store needs psycopg: pip install 'storyline[postgres]'."
            ) from exc
        self.url = url
        self._integrity = psycopg.IntegrityError
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(url)}: cannot connect to PostgreSQL ({exc}).") from exc
        self._migrate(POSTGRES)

    # lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self, *, lock: bool = True) -> Iterator[Any]:
        """One transaction; ``lock`` queues writers on the batches table first (see module doc)."""
        try:
            with self._db.transaction():
                if lock:
                    self._db.execute("LOCK TABLE batches IN SHARE ROW EXCLUSIVE MODE")
                yield self._db
        except self._integrity as exc:
            raise StoreError(f"the batch was rejected and nothing of it was kept: {exc}") from exc

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        with self._db.transaction():
            # Two processes opening a new database at once must not both create the tables.
            self._db.execute("SELECT pg_advisory_xact_lock(4242424242)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            current = self.schema_version()
            newest = max(m.number for m in migrations)
            if current > newest:
                raise StoreError(
                    f"{_redact(self.url)}: schema version {current} is newer than this storyline "
                    f"knows ({newest}); upgrade storyline."
                )
            for migration in migrations:
                if migration.number > current:
                    log.info("migrating to schema %d: %s", migration.number, migration.name)
                    self._db.execute(migration.sql.encode())
                    self._db.execute(
                        "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                        (migration.number, migration.name),
                    )

    def schema_version(self) -> int:
        return self._scalar("SELECT coalesce(max(version), 0) FROM schema_version")

    def _scalar(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()) -> int:
        row = self._db.execute(sql.encode(), params).fetchone()
        return int(row[0]) if row else 0

    # writing ---------------------------------------------------------------------------------
    def last_batch(self) -> int:
        return self._scalar("SELECT coalesce(max(id), 0) FROM batches")

    def write_batch(self, batch: BatchWrite) -> None:
        with self._transaction() as db:
            last = self.last_batch()
            if batch.number != last + 1:
                raise StaleBatchError(
                    f"batch {batch.number} was built after batch {batch.number - 1}, but the "
                    f"store is at batch {last}: another process is ingesting into it. Run one "
                    "ingest at a time per database."
                )
            db.execute(
                "INSERT INTO batches (id, articles) VALUES (%s, %s)",
                (batch.number, len(batch.articles)),
            )
            with db.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}, raw, batch, language) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [_article_row(a, batch) for a in batch.articles],
                )
                cur.executemany(
                    "INSERT INTO reprints VALUES (%s, %s)",
                    [(_escape(k), _escape(v)) for k, v in batch.reprints.items()],
                )
                for statement in sql.replace_canonical(_D):
                    cur.executemany(
                        statement,
                        [{"old": _escape(o), "new": _escape(n)} for o, n in batch.replaced.items()],
                    )
            self._write_stories(db, batch)
            self._write_list(db, batch)
            self._write_states(db, batch.states, batch.number)

    def _write_stories(self, db: Any, batch: BatchWrite) -> None:
        with db.cursor() as cur:
            cur.executemany(sql.upsert_story(_D), _story_rows(batch.stories, batch=batch.number))
            cur.executemany(sql.insert_member(_D), _member_rows(batch.members))
        # Outlets and reprint counts of every story this batch touched, as in the SQLite store.
        db.execute(sql.upsert_story_outlets(_D), {"batch": batch.number})
        db.execute(sql.add_story_reprints(_D), {"batch": batch.number})

    def _write_list(self, db: Any, batch: BatchWrite) -> None:
        """Refresh the ranking-table rows of the stories this batch touched (as in SQLite)."""
        params = {"batch": batch.number, "now": datetime.now(timezone.utc), "top": LIST_OUTLETS}
        db.execute(sql.refresh_story_list(_D), params)
        with db.cursor() as cur:
            cur.executemany(sql.set_snippet(_D), _snippet_rows(batch.stories))

    def _write_states(self, db: Any, states: Mapping[str, bytes], batch: int) -> None:
        with db.cursor() as cur:
            cur.executemany(
                "INSERT INTO index_state (name, batch, state) VALUES (%s, %s, %s) "
                "ON CONFLICT (name) DO UPDATE SET batch = excluded.batch, "
                "state = excluded.state, updated_at = now()",
                [(_escape(name), batch, blob) for name, blob in states.items()],
            )

    def save_states(self, states: Mapping[str, bytes], *, batch: int) -> None:
        with self._transaction() as db:
            last = self.last_batch()
            if batch != last:
                raise StaleBatchError(
                    f"index state is as of batch {batch} but the store is at batch {last}: "
                    "another process is ingesting into it."
                )
            self._write_states(db, states, batch)

    def rewrite_stories(self, rewrite: StoryRewrite) -> None:
        with self._transaction() as db:
            last = self.last_batch()
            if rewrite.batch != last:
                raise StaleBatchError(
                    f"stories were made again as of batch {rewrite.batch} but the store is at "
                    f"batch {last}: another process is ingesting into it."
                )
            articles = self._ids(rewrite.articles)
            rows = db.execute(
                "SELECT DISTINCT story FROM story_articles WHERE article = ANY(%s)", (articles,)
            ).fetchall()
            held = {str(_unescape(row[0])) for row in rows}
            touched = sorted(held | {s.id for s in rewrite.stories})
            now = datetime.now(timezone.utc)
            with db.cursor() as cur:
                cur.executemany(sql.delete_member(_D), [{"article": a} for a in articles])
                cur.executemany(sql.upsert_story(_D), _story_rows(rewrite.stories, batch=last))
                cur.executemany(sql.insert_member(_D), _member_rows(rewrite.members))
                params = [{"story": _escape(s)} for s in touched]
                for statement in sql.recount_story(_D):
                    cur.executemany(statement, params)
                cur.executemany(
                    sql.refresh_story_row(_D),
                    [p | {"now": now, "top": LIST_OUTLETS} for p in params],
                )
                cur.executemany(sql.set_snippet(_D), _snippet_rows(rewrite.stories))
            self._write_states(db, rewrite.states, last)

    def load_state(self, name: str) -> IndexState | None:
        row = self._db.execute(
            "SELECT batch, state FROM index_state WHERE name = %s", (_escape(name),)
        ).fetchone()
        return None if row is None else IndexState(name=name, batch=int(row[0]), blob=bytes(row[1]))

    # articles --------------------------------------------------------------------------------
    def _ids(self, ids: Iterable[str]) -> list[str]:
        return [str(_escape(i)) for i in dict.fromkeys(ids)]

    def existing(self, ids: Iterable[str]) -> set[str]:
        rows = self._db.execute(
            "SELECT id FROM articles WHERE id = ANY(%s)", (self._ids(ids),)
        ).fetchall()
        return {str(_unescape(row[0])) for row in rows}

    def articles(self, ids: Sequence[str]) -> list[Article]:
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ANY(%s)", (self._ids(ids),)
        ).fetchall()
        by_id = {a.id: a for a in map(_article, rows)}
        return [by_id[i] for i in ids if i in by_id]

    def batch_articles(self, batch: int) -> list[Article]:
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE batch = %s ORDER BY seq", (batch,)
        ).fetchall()
        return [_article(row) for row in rows]

    def articles_published(self, days: Sequence[date], *, through_batch: int) -> list[Article]:
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE published = ANY(%s) "
            "AND batch <= %s ORDER BY published, seq",
            (sorted(set(days)), through_batch),
        ).fetchall()
        return [_article(row) for row in rows]

    def articles_at(self, urls: Sequence[str]) -> list[Article]:
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE url = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM reprints r WHERE r.article = a.id) ORDER BY seq",
            (self._ids(urls),),
        ).fetchall()
        return [_article(row) for row in rows]

    def canonical(self, ids: Iterable[str]) -> dict[str, str]:
        rows = self._db.execute(
            "SELECT article, canonical FROM reprints WHERE article = ANY(%s)", (self._ids(ids),)
        ).fetchall()
        return {str(_unescape(r[0])): str(_unescape(r[1])) for r in rows}

    def reprints(self, canonical_ids: Sequence[str]) -> dict[str, list[str]]:
        rows = self._db.execute(
            "SELECT r.canonical, r.article FROM reprints r JOIN articles a ON a.id = r.article "
            "WHERE r.canonical = ANY(%s) ORDER BY a.published NULLS LAST, a.seq",
            (self._ids(canonical_ids),),
        ).fetchall()
        out: dict[str, list[str]] = {}
        for canonical, article in rows:
            out.setdefault(str(_unescape(canonical)), []).append(str(_unescape(article)))
        return out

    def raw_text(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT raw FROM articles WHERE id = %s", (_escape(article_id),)
        ).fetchone()
        return None if row is None else _unescape(row[0])

    # stories ---------------------------------------------------------------------------------
    def stories(self, *, since: date | None = None) -> list[StoredStory]:
        where = "" if since is None else "WHERE s.last_seen >= %s"
        rows = self._db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories s {where} ORDER BY {sql.stories_order(_D)}",
            () if since is None else (since,),
        ).fetchall()
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
        params = {"min": min_articles, "since": seen_since, "limit": limit, "offset": offset}
        where = sql.story_list_where(_D, seen_since=dated)
        total = self._scalar(f"SELECT count(*) FROM story_list {where}", params)
        rows = self._db.execute(sql.story_list_page(_D, sort, seen_since=dated), params).fetchall()
        return StoryListPage(total=total, stories=tuple(_listed(row) for row in rows))

    def story(self, story_id: str) -> StoredStory | None:
        row = self._db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories s WHERE s.id = %s", (_escape(story_id),)
        ).fetchone()
        return None if row is None else _story(row)

    def members(self, story_id: str) -> list[Member]:
        rows = self._db.execute(
            "SELECT article, story, event FROM story_articles WHERE story = %s ORDER BY seq",
            (_escape(story_id),),
        ).fetchall()
        u = _unescape
        return [Member(str(u(r[0])), str(u(r[1])), str(u(r[2]))) for r in rows]

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        rows = self._db.execute(
            "SELECT a.id, m.story FROM articles a LEFT JOIN reprints r ON r.article = a.id "
            "JOIN story_articles m ON m.article = coalesce(r.canonical, a.id) "
            "WHERE a.id = ANY(%s)",
            (self._ids(article_ids),),
        ).fetchall()
        return {str(_unescape(r[0])): str(_unescape(r[1])) for r in rows}

    def cached_summary(self, story_id: str, *, version: int, method: str) -> str | None:
        row = self._db.execute(
            "SELECT payload FROM summaries WHERE story = %s AND method = %s AND version = %s",
            (_escape(story_id), _escape(method), version),
        ).fetchone()
        return None if row is None else _unescape(row[0])

    def put_summary(self, story_id: str, *, version: int, method: str, payload: str) -> None:
        with self._transaction(lock=False) as db:
            db.execute(
                "INSERT INTO summaries (story, method, version, payload) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (story, method) DO UPDATE SET "
                "version = excluded.version, payload = excluded.payload, created_at = now()",
                (_escape(story_id), _escape(method), version, _escape(payload)),
            )

    # reading ---------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        words = " ".join(re.findall(r"\w+", query))
        if not words:
            return []
        rows = self._db.execute(
            f"SELECT a.id, m.story, a.title, {sql.CITED_AS}, a.published, "
            "ts_headline('english', a.text, q, 'StartSel=[, StopSel=], MaxWords=14, "
            "MinWords=6, ShortWord=2, MaxFragments=1, FragmentDelimiter=…'), "
            "ts_rank(a.search, q) AS score "
            "FROM articles a CROSS JOIN plainto_tsquery('english', %s) q "
            "LEFT JOIN reprints r ON r.article = a.id "
            "LEFT JOIN story_articles m ON m.article = coalesce(r.canonical, a.id) "
            "WHERE a.search @@ q ORDER BY score DESC, a.seq LIMIT %s",
            (words, limit),
        ).fetchall()
        u = _unescape
        return [
            SearchHit(
                article_id=str(u(r[0])),
                story=u(r[1]),
                title=u(r[2]),
                outlet=str(u(r[3])),
                published=r[4],
                snippet=str(u(r[5])),
                score=float(r[6]),
            )
            for r in rows
        ]

    def counts(self) -> StoreCounts:
        row = self._db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM reprints), "
            "(SELECT count(*) FROM stories), (SELECT count(*) FROM batches)"
        ).fetchone()
        assert row is not None
        return StoreCounts(
            articles=int(row[0]), reprints=int(row[1]), stories=int(row[2]), batches=int(row[3])
        )

    def check(self) -> list[str]:
        """Integrity problems (empty when sound); PostgreSQL enforces the foreign keys itself."""
        problems = []
        for name, query in sql.CHECKS.items():
            n = self._scalar(query)
            if n:
                problems.append(f"{name}: {n}")
        return problems


def _redact(url: str) -> str:
    """The URL without its password, for error messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
