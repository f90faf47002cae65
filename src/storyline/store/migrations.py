"""Numbered schema migrations of the SQLite and PostgreSQL stores (same tables, two dialects).

Python strings rather than .sql files so they install with the package without package-data
rules. A migration is never edited once released: change the schema by appending the next number.
``schema_version`` holds one row per applied migration; each runs in its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


# Migration 4 is the same SQL in both dialects.
ARTICLE_FACTS = Migration(
    4,
    "article_facts: what the parse of the facts stage read in each article",
    """
    -- Per article, the quantities the spaCy parse found in each sentence (JSON, see
    -- engine.readings), under the version of the code and model that read them: a story page
    -- parses only articles no page or writer has read before (issue 16, cold story page).
    CREATE TABLE article_facts (
        article TEXT PRIMARY KEY REFERENCES articles(id),
        version TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    """,
)


def inbox_migration(*, key: str, real: str, blob: str) -> Migration:
    """Migration 5, the same table in both dialects but for three column types."""
    return Migration(
        5,
        "inbox: posts accepted while the writer could not take them",
        f"""
        -- A post that arrives while the writer replays or restarts is committed here and
        -- answered 202 with its id as the receipt; the writer ingests queued rows oldest first
        -- before any new post (engine/inbox.py). payload: zlib JSON of the posted documents;
        -- report: JSON of the ingest report once done.
        CREATE TABLE inbox (
            id {key},
            received_at {real} NOT NULL,
            payload {blob} NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            settled_at {real},
            report TEXT,
            error TEXT
        );
        CREATE INDEX inbox_state ON inbox(state, id);
        """,
    )


def named_outlets_migration(outlet_names: str) -> Migration:
    """Migration 6, the same statements in both dialects but for the JSON list of names."""
    return Migration(
        6,
        "story_outlets: named outlets only",
        f"""
        -- An article with no source was counted as an outlet of its own (its file name), so a
        -- story of 28 unnamed articles showed "35 outlets". Outlets are now the articles' named
        -- sources (store/sql.py OUTLET); recount every story's and every list row's.
        DELETE FROM story_outlets;
        INSERT INTO story_outlets (story, outlet, articles)
        SELECT m.story, a.source, count(*) FROM articles a
            LEFT JOIN reprints r ON r.article = a.id
            JOIN story_articles m ON m.article = coalesce(r.canonical, a.id)
            WHERE a.source IS NOT NULL AND a.source <> '' GROUP BY m.story, a.source;
        UPDATE story_list SET
            outlet_names = {outlet_names},
            outlets = (SELECT count(*) FROM story_outlets o WHERE o.story = story_list.story);
        """,
    )


# A feed's link that redirects (a tracker, a short link) is kept under its own URL; the page it
# lands on is known by its final URL too, so the same article linked directly later is not
# fetched again (engine.follow; seen on a loopback site whose feed linked an article both ways).
PAGES_FINAL_URL = Migration(
    7,
    "pages: index on final_url, to know a page by where a redirect landed",
    "CREATE INDEX IF NOT EXISTS pages_final ON pages(final_url);",
)


# A page fetched again after its feed's teaser was kept in its place (engine.follow) replaces the
# teaser's article, found by its address: dedup alone missed the pair when the teaser was not
# the article's lead word for word (a 31-word teaser of a real page: containment 0.56 < 0.6).
ARTICLES_URL = Migration(
    8,
    "articles: index on url, to find the partial text that a fuller text of a page replaces",
    "CREATE INDEX IF NOT EXISTS articles_url ON articles(url);",
)


SQLITE: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, reprints, stories, summaries, index state, full-text search",
        """
        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            committed_at TEXT NOT NULL,
            articles INTEGER NOT NULL
        );
        -- seq orders articles as they were indexed (replay needs it) and keys the FTS index.
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT,
            source TEXT,
            url TEXT,
            byline TEXT,
            published TEXT,
            dateline TEXT,
            origin TEXT,
            doc_key TEXT,
            text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            raw TEXT,
            batch INTEGER NOT NULL REFERENCES batches(id),
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_batch ON articles(batch);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE reprints (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            canonical TEXT NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX reprints_canonical ON reprints(canonical);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            keywords TEXT NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            size INTEGER NOT NULL,
            reprints INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL,
            batch INTEGER NOT NULL REFERENCES batches(id)
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
        CREATE TABLE story_articles (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            story TEXT NOT NULL REFERENCES stories(id),
            event TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story, seq);
        -- Outlet counts per story (canonical articles and reprints), kept up to date per batch so
        -- listing stories never scans their articles.
        CREATE TABLE story_outlets (
            story TEXT NOT NULL REFERENCES stories(id),
            outlet TEXT NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (story, outlet)
        ) WITHOUT ROWID;
        -- One cached summary per story and method; valid only while version matches the story's.
        CREATE TABLE summaries (
            story TEXT NOT NULL REFERENCES stories(id),
            method TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (story, method)
        );
        CREATE TABLE index_state (
            name TEXT PRIMARY KEY,
            batch INTEGER NOT NULL,
            state BLOB NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END;
        """,
    ),
    Migration(
        2,
        "followed sources, fetched pages, fetch log, article language",
        """
        -- A feed or sitemap storyline polls (storyline follow / watch). Times are Unix seconds.
        CREATE TABLE sources (
            url TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            site TEXT,
            title TEXT,
            added_at REAL NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_fetch REAL,
            last_status INTEGER,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_fetch REAL NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0,
            last_new INTEGER NOT NULL DEFAULT 0
        );
        -- Every page fetched (or feed item taken as is), keyed by canonical URL so nothing is
        -- fetched twice; the body is kept zlib-compressed so extraction can be redone.
        CREATE TABLE pages (
            url TEXT PRIMARY KEY,
            final_url TEXT NOT NULL,
            source TEXT,
            fetched_at REAL NOT NULL,
            status INTEGER NOT NULL,
            content_type TEXT,
            body BLOB NOT NULL,
            state TEXT NOT NULL,
            error TEXT
        );
        CREATE INDEX pages_state ON pages(state);
        CREATE TABLE fetch_log (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            url TEXT NOT NULL,
            status INTEGER,
            conditional INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            seconds REAL NOT NULL,
            error TEXT
        );
        CREATE INDEX fetch_log_at ON fetch_log(at);
        ALTER TABLE articles ADD COLUMN language TEXT;
        """,
    ),
    Migration(
        3,
        "story_list: the ranking table the story list is served from",
        """
        -- One row per story with everything a list line shows, kept by write_batch for the
        -- stories each batch touches, so listing reads 50 rows of one index whatever the size of
        -- the store (issue 17.4). snippet: the lead sentence of the story's label article.
        -- changed_at: when the story last changed, for the "updated since" marker.
        CREATE TABLE story_list (
            story TEXT PRIMARY KEY REFERENCES stories(id),
            label TEXT NOT NULL,
            snippet TEXT NOT NULL DEFAULT '',
            keywords TEXT NOT NULL,
            outlet_names TEXT NOT NULL,
            outlets INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            reprints INTEGER NOT NULL,
            coverage INTEGER NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            version INTEGER NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX story_list_newest ON story_list(last_seen DESC, articles DESC, story);
        CREATE INDEX story_list_covered ON story_list(outlets DESC, coverage DESC, story);
        CREATE INDEX story_list_coverage ON story_list(coverage);
        INSERT INTO story_list
        SELECT s.id, s.label,
            coalesce((SELECT substr(a.text, 1, 240) FROM story_articles m
                JOIN articles a ON a.id = m.article WHERE m.story = s.id ORDER BY m.seq LIMIT 1),
                ''),
            s.keywords,
            (SELECT json_group_array(outlet) FROM (SELECT outlet FROM story_outlets o
                WHERE o.story = s.id ORDER BY articles DESC, outlet LIMIT 8)),
            (SELECT count(*) FROM story_outlets o WHERE o.story = s.id),
            s.size, s.reprints, s.size + s.reprints, s.first_seen, s.last_seen, s.version,
            (SELECT committed_at FROM batches b WHERE b.id = s.batch)
        FROM stories s;
        """,
    ),
    ARTICLE_FACTS,
    inbox_migration(key="INTEGER PRIMARY KEY AUTOINCREMENT", real="REAL", blob="BLOB"),
    named_outlets_migration(
        "(SELECT json_group_array(outlet) FROM (SELECT outlet FROM story_outlets o "
        "WHERE o.story = story_list.story ORDER BY articles DESC, outlet LIMIT 8))"
    ),
    PAGES_FINAL_URL,
    ARTICLES_URL,
)


POSTGRES: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, reprints, stories, summaries, index state, full-text search",
        """
        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            committed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            articles INTEGER NOT NULL
        );
        CREATE TABLE articles (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT,
            source TEXT,
            url TEXT,
            byline TEXT,
            published DATE,
            dateline TEXT,
            origin TEXT,
            doc_key TEXT,
            text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            raw TEXT,
            batch INTEGER NOT NULL REFERENCES batches(id),
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            search TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('english', coalesce(title, '')), 'A')
                || setweight(to_tsvector('english', text), 'B')
            ) STORED
        );
        CREATE INDEX articles_batch ON articles(batch);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_search ON articles USING GIN (search);
        CREATE TABLE reprints (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            canonical TEXT NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX reprints_canonical ON reprints(canonical);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            keywords TEXT NOT NULL,
            first_seen DATE,
            last_seen DATE,
            size INTEGER NOT NULL,
            reprints INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL,
            batch INTEGER NOT NULL REFERENCES batches(id)
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
        CREATE TABLE story_articles (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            story TEXT NOT NULL REFERENCES stories(id),
            event TEXT NOT NULL,
            seq BIGINT NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story, seq);
        CREATE TABLE story_outlets (
            story TEXT NOT NULL REFERENCES stories(id),
            outlet TEXT NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (story, outlet)
        );
        CREATE TABLE summaries (
            story TEXT NOT NULL REFERENCES stories(id),
            method TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (story, method)
        );
        CREATE TABLE index_state (
            name TEXT PRIMARY KEY,
            batch INTEGER NOT NULL,
            state BYTEA NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """,
    ),
    Migration(
        2,
        "followed sources, fetched pages, fetch log, article language",
        """
        -- A feed or sitemap storyline polls (storyline follow / watch). Times are Unix seconds.
        CREATE TABLE sources (
            url TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            site TEXT,
            title TEXT,
            added_at DOUBLE PRECISION NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_fetch DOUBLE PRECISION,
            last_status INTEGER,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_fetch DOUBLE PRECISION NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0,
            last_new INTEGER NOT NULL DEFAULT 0
        );
        -- Every page fetched (or feed item taken as is), keyed by canonical URL so nothing is
        -- fetched twice; the body is kept zlib-compressed so extraction can be redone.
        CREATE TABLE pages (
            url TEXT PRIMARY KEY,
            final_url TEXT NOT NULL,
            source TEXT,
            fetched_at DOUBLE PRECISION NOT NULL,
            status INTEGER NOT NULL,
            content_type TEXT,
            body BYTEA NOT NULL,
            state TEXT NOT NULL,
            error TEXT
        );
        CREATE INDEX pages_state ON pages(state);
        CREATE TABLE fetch_log (
            id BIGSERIAL PRIMARY KEY,
            at DOUBLE PRECISION NOT NULL,
            url TEXT NOT NULL,
            status INTEGER,
            conditional BOOLEAN NOT NULL,
            bytes INTEGER NOT NULL,
            seconds DOUBLE PRECISION NOT NULL,
            error TEXT
        );
        CREATE INDEX fetch_log_at ON fetch_log(at);
        ALTER TABLE articles ADD COLUMN language TEXT;
        """,
    ),
    Migration(
        3,
        "story_list: the ranking table the story list is served from",
        """
        CREATE TABLE story_list (
            story TEXT PRIMARY KEY REFERENCES stories(id),
            label TEXT NOT NULL,
            snippet TEXT NOT NULL DEFAULT '',
            keywords TEXT NOT NULL,
            outlet_names TEXT NOT NULL,
            outlets INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            reprints INTEGER NOT NULL,
            coverage INTEGER NOT NULL,
            first_seen DATE,
            last_seen DATE,
            version INTEGER NOT NULL,
            changed_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX story_list_newest
            ON story_list(last_seen DESC NULLS LAST, articles DESC, story COLLATE "C");
        CREATE INDEX story_list_covered
            ON story_list(outlets DESC, coverage DESC, story COLLATE "C");
        CREATE INDEX story_list_coverage ON story_list(coverage);
        INSERT INTO story_list
        SELECT s.id, s.label,
            coalesce((SELECT substr(a.text, 1, 240) FROM story_articles m
                JOIN articles a ON a.id = m.article WHERE m.story = s.id ORDER BY m.seq LIMIT 1),
                ''),
            s.keywords,
            (SELECT coalesce(json_agg(outlet ORDER BY n DESC, outlet COLLATE "C"), '[]')::text
                FROM (SELECT o.outlet, o.articles AS n FROM story_outlets o WHERE o.story = s.id
                ORDER BY o.articles DESC, o.outlet COLLATE "C" LIMIT 8) AS top),
            (SELECT count(*) FROM story_outlets o WHERE o.story = s.id),
            s.size, s.reprints, s.size + s.reprints, s.first_seen, s.last_seen, s.version,
            (SELECT committed_at FROM batches b WHERE b.id = s.batch)
        FROM stories s;
        """,
    ),
    ARTICLE_FACTS,
    inbox_migration(key="BIGSERIAL PRIMARY KEY", real="DOUBLE PRECISION", blob="BYTEA"),
    named_outlets_migration(
        """(SELECT coalesce(json_agg(outlet ORDER BY n DESC, outlet COLLATE "C"), '[]')::text
        FROM (SELECT o.outlet, o.articles AS n FROM story_outlets o
        WHERE o.story = story_list.story ORDER BY o.articles DESC, o.outlet COLLATE "C" LIMIT 8)
        AS top)"""
    ),
    PAGES_FINAL_URL,
    ARTICLES_URL,
)
