"""``FollowStore`` for both backends: followed sources, fetched pages, the fetch log, languages;
and the per-article facts readings of ``Store`` (``article_facts``).

One implementation over a tiny dialect (the placeholder and how a statement runs) because the
tables of migrations 2 and 4 are the same on SQLite and PostgreSQL and hold no logic; each backend
mixes ``FollowTables`` in and says how it runs SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from storyline.store.base import (
    FEED_ITEM,
    PAGE_FAILED,
    PAGE_PENDING,
    FetchRecord,
    FollowedSource,
    StoredPage,
)

_CHUNK = 500
LOG_DAYS = 14  # how long the fetch log keeps a request
_SOURCE_COLUMNS = (
    "url, kind, site, title, added_at, etag, last_modified, last_fetch, last_status, last_error, "
    "failures, next_fetch, articles, last_new"
)
# A failed fetch that may pass: no answer (a network error, robots.txt unreadable), 429, 5xx.
_PASSING = "(status = 0 OR status = 429 OR status >= 500)"
_PAGE_COLUMNS = _PAGE_COLUMNS = (
    "url, final_url, fetched_at, status, content_type, body, state, source, error"
)


def _source(row: Sequence[Any]) -> FollowedSource:
    return FollowedSource(
        url=row[0],
        kind=row[1],
        site=row[2],
        title=row[3],
        added_at=float(row[4]),
        etag=row[5],
        last_modified=row[6],
        last_fetch=None if row[7] is None else float(row[7]),
        last_status=None if row[8] is None else int(row[8]),
        last_error=row[9],
        failures=int(row[10]),
        next_fetch=float(row[11]),
        articles=int(row[12]),
        last_new=int(row[13]),
    )


def _source_row(s: FollowedSource) -> tuple[object, ...]:
    return (
        *(s.url, s.kind, s.site, s.title, s.added_at, s.etag, s.last_modified, s.last_fetch),
        *(s.last_status, s.last_error, s.failures, s.next_fetch, s.articles, s.last_new),
    )


def _page(row: Sequence[Any]) -> StoredPage:
    return StoredPage(
        url=row[0],
        final_url=row[1],
        fetched_at=float(row[2]),
        status=int(row[3]),
        content_type=row[4],
        body=bytes(row[5]),
        state=row[6],
        source=row[7],
        error=row[8],
    )


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _tail(page: StoredPage) -> tuple[str, str | None, str | None]:
    return (page.state, page.source, page.error)


class PlainTables:
    """Mixin base: how a backend runs a plain statement, for tables that are the same SQL on
    both backends (written with ``?`` placeholders)."""

    _PLACEHOLDER = "?"

    def _exec(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Run one statement in its own transaction; the rows it returns (backend-specific)."""
        raise NotImplementedError

    def _exec_many(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        """Run one statement per row, all in one transaction (backend-specific)."""
        raise NotImplementedError

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Run a query that writes nothing: no write lock (backend-specific; by default as
        ``_exec``)."""
        return self._exec(sql, params)

    def _marks(self, n: int) -> str:
        return ", ".join([self._PLACEHOLDER] * n)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self._PLACEHOLDER)


class FollowTables(PlainTables):
    """Mixin: the ``FollowStore`` methods."""

    # sources ---------------------------------------------------------------------------------
    def add_source(self, source: FollowedSource) -> bool:
        rows = self._exec(
            self._sql(
                f"INSERT INTO sources ({_SOURCE_COLUMNS}) VALUES ({self._marks(14)}) "
                "ON CONFLICT (url) DO NOTHING RETURNING url"
            ),
            _source_row(source),
        )
        return bool(rows)

    def sources(self) -> list[FollowedSource]:
        rows = self._exec(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY added_at, url")
        return [_source(r) for r in rows]

    def update_source(self, source: FollowedSource) -> None:
        names = _SOURCE_COLUMNS.split(", ")[1:]
        assignments = ", ".join(f"{name} = ?" for name in names)
        row = _source_row(source)
        self._exec(self._sql(f"UPDATE sources SET {assignments} WHERE url = ?"), (*row[1:], row[0]))

    def remove_source(self, url: str) -> bool:
        rows = self._exec(self._sql("DELETE FROM sources WHERE url = ? RETURNING url"), (url,))
        return bool(rows)

    # pages -----------------------------------------------------------------------------------
    def known_pages(self, urls: Iterable[str], *, retry_failed: bool = False) -> set[str]:
        wanted = sorted(set(urls))
        found: set[str] = set()
        # a refused request, a timeout, a 5xx or a 429 passes: such a page is asked again
        passing = "" if retry_failed else f" AND {_PASSING}"
        # asked for by name, a page kept as the feed's teaser is fetched again
        teaser = f" OR (content_type = {self._PLACEHOLDER} AND status <> 200)"
        for chunk in _chunks(wanted):
            # a page is known by its own URL or by where it landed after redirects
            marks = self._marks(len(chunk))
            sql = (
                f"SELECT url, final_url FROM pages WHERE (url IN ({marks}) OR final_url IN "
                f"({marks})) AND NOT ((state = {self._PLACEHOLDER} AND length(body) = 0"
                f"{passing}){teaser if retry_failed else ''})"
            )
            params = [*chunk, *chunk, PAGE_FAILED, *([FEED_ITEM] if retry_failed else [])]
            for url, final in self._exec(sql, params):
                found.update({url, final})
        return found & set(wanted)

    def teaser_pages(self, source: str, *, since: float) -> list[str]:
        sql = self._sql(
            "SELECT url FROM pages WHERE source = ? AND content_type = ? AND fetched_at >= ? "
            f"AND {_PASSING} ORDER BY fetched_at, url"
        )
        return [row[0] for row in self._exec(sql, (source, FEED_ITEM, since))]

    def refused_pages(self) -> dict[str, tuple[int, str]]:
        counts = self._exec(
            self._sql(
                "SELECT source, count(*), max(fetched_at) FROM pages "
                "WHERE state = ? AND source IS NOT NULL GROUP BY source"
            ),
            [PAGE_FAILED],
        )
        refused: dict[str, tuple[int, str]] = {}
        for source, count, latest in counts:
            rows = self._exec(
                self._sql(
                    "SELECT url, error FROM pages WHERE state = ? AND source = ? "
                    "AND fetched_at = ? ORDER BY url LIMIT 1"
                ),
                [PAGE_FAILED, source, latest],
            )
            url, error = rows[0] if rows else ("", None)
            refused[source] = (int(count), f"{url}: {error or 'no article'}")
        return refused

    def put_pages(self, pages: Sequence[StoredPage]) -> None:
        if not pages:
            return
        update = ", ".join(f"{c} = excluded.{c}" for c in _PAGE_COLUMNS.split(", ")[1:])
        self._exec_many(
            self._sql(
                f"INSERT INTO pages ({_PAGE_COLUMNS}) VALUES ({self._marks(9)}) "
                f"ON CONFLICT (url) DO UPDATE SET {update}"
            ),
            [
                (p.url, p.final_url, p.fetched_at, p.status, p.content_type, p.body, *_tail(p))
                for p in pages
            ],
        )

    def pending_pages(self, *, limit: int) -> list[StoredPage]:
        sql = self._sql(
            f"SELECT {_PAGE_COLUMNS} FROM pages WHERE state = ? ORDER BY fetched_at, url LIMIT ?"
        )
        return [_page(r) for r in self._exec(sql, (PAGE_PENDING, limit))]

    def page(self, url: str) -> StoredPage | None:
        rows = self._exec(self._sql(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE url = ?"), (url,))
        return _page(rows[0]) if rows else None

    def settle_pages(self, states: Mapping[str, tuple[str, str | None]]) -> None:
        self._exec_many(
            self._sql("UPDATE pages SET state = ?, error = ? WHERE url = ?"),
            [(state, error, url) for url, (state, error) in states.items()],
        )

    # fetch log -------------------------------------------------------------------------------
    def log_fetches(self, records: Sequence[FetchRecord]) -> None:
        """Append to the fetch log, and drop what is older than ``LOG_DAYS`` (at one request a
        second the log would otherwise grow by 86,400 rows a day)."""
        if records:
            oldest = max(r.at for r in records) - LOG_DAYS * 86400
            self._exec(self._sql("DELETE FROM fetch_log WHERE at < ?"), (oldest,))
            self._exec_many(
                self._sql(
                    "INSERT INTO fetch_log (at, url, status, conditional, bytes, seconds, error) "
                    f"VALUES ({self._marks(7)})"
                ),
                [
                    (r.at, r.url, r.status, r.conditional, r.bytes, r.seconds, r.error)
                    for r in records
                ],
            )

    def fetch_log(self, *, limit: int = 100) -> list[FetchRecord]:
        rows = self._exec(
            self._sql(
                "SELECT at, url, status, conditional, bytes, seconds, error FROM fetch_log "
                "ORDER BY id DESC LIMIT ?"
            ),
            (limit,),
        )
        return [
            FetchRecord(
                at=float(r[0]),
                url=r[1],
                status=None if r[2] is None else int(r[2]),
                conditional=bool(r[3]),
                bytes=int(r[4]),
                seconds=float(r[5]),
                error=r[6],
            )
            for r in rows
        ]

    # languages -------------------------------------------------------------------------------
    def set_languages(self, languages: Mapping[str, str]) -> None:
        self._exec_many(
            self._sql("UPDATE articles SET language = ? WHERE id = ?"),
            [(lang, article) for article, lang in languages.items()],
        )

    def languages(self, ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            sql = (
                "SELECT id, language FROM articles WHERE language IS NOT NULL AND id IN "
                f"({self._marks(len(chunk))})"
            )
            found.update((r[0], r[1]) for r in self._exec(sql, chunk))
        return found

    # facts readings (migration 4) ------------------------------------------------------------
    def article_facts(self, ids: Sequence[str], *, version: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            sql = self._sql(
                "SELECT article, payload FROM article_facts WHERE version = ? AND article IN "
                f"({self._marks(len(chunk))})"
            )
            found.update((r[0], r[1]) for r in self._exec(sql, (version, *chunk)))
        return found

    def put_article_facts(self, payloads: Mapping[str, str], *, version: str) -> None:
        if payloads:
            self._exec_many(
                self._sql(
                    "INSERT INTO article_facts (article, version, payload) VALUES (?, ?, ?) "
                    "ON CONFLICT (article) DO UPDATE "
                    "SET version = excluded.version, payload = excluded.payload"
                ),
                [(article, version, payload) for article, payload in payloads.items()],
            )
