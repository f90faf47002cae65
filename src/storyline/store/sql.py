"""The SQL both stores share, written once, with the dialect differences in one ``Dialect``.

Why: the SQLite and PostgreSQL stores hold the same tables and must answer alike (the contract
tests in tests/test_store.py run on both), yet each carried its own copy of every statement, so a
fix to one was easily missed in the other (issue 16.3). Statements here take named parameters
and are built from a ``Dialect``, which names what really differs:

- placeholders: ``:name`` (sqlite3) or ``%(name)s`` (psycopg);
- a JSON list of a story's outlets, most articles first: ``json_group_array`` over an ordered
  subquery or ``json_agg(... ORDER BY ...)``;
- text order: SQLite compares bytes, PostgreSQL needs ``COLLATE "C"`` to do the same, and puts
  NULLs first in descending order unless told ``NULLS LAST``;
- an upsert that adds to the stored value names the table in PostgreSQL.

What stays in the backends is what is not the same SQL at all: full-text search (FTS5 and
``tsvector``), id lists (chunked ``IN (...)`` and ``= ANY(...)``), NUL escaping for PostgreSQL
text, locking and migrations.
"""

from __future__ import annotations

from dataclasses import dataclass

# A story's outlets are the named sources of its articles: an article with none (a file, a record
# with no "source") is cited by its file name but is no outlet of its own, so 28 unnamed articles
# are not "28 outlets" (views.build._sized says the same of files).
OUTLET = "a.source"
NAMED = "a.source IS NOT NULL AND a.source <> ''"
CITED_AS = "coalesce(a.source, a.origin, a.id)"  # Article.outlet, in SQL: how a hit is cited


@dataclass(frozen=True)
class Dialect:
    name: str
    placeholder: str  # with {name} where the parameter's name goes
    collate: str  # appended to a text sort key so that it orders by code point
    nulls_last: str  # appended to a DESC sort key whose NULLs must come last

    def p(self, name: str) -> str:
        return self.placeholder.format(name=name)

    def outlets_json(self, story: str, *, limit: str = "") -> str:
        """The JSON list (as text) of a story's outlets, most articles first, ties by name."""
        top = f" LIMIT {limit}" if limit else ""
        if self.name == "sqlite":
            return (
                "(SELECT json_group_array(outlet) FROM (SELECT outlet FROM story_outlets o "
                f"WHERE o.story = {story} ORDER BY articles DESC, outlet{top}))"
            )
        return (
            f"(SELECT coalesce(json_agg(outlet ORDER BY n DESC, outlet{self.collate}), '[]')::text "
            "FROM (SELECT o.outlet, o.articles AS n FROM story_outlets o "
            f"WHERE o.story = {story} ORDER BY o.articles DESC, o.outlet{self.collate}{top}) AS t)"
        )


SQLITE = Dialect("sqlite", ":{name}", "", "")
POSTGRES = Dialect("postgres", "%({name})s", ' COLLATE "C"', " NULLS LAST")


def story_columns(d: Dialect) -> str:
    """The columns of ``StoredStory`` over ``stories s``."""
    return (
        "s.id, s.label, s.keywords, s.first_seen, s.last_seen, s.size, s.reprints, s.version, "
        + d.outlets_json("s.id")
    )


def stories_order(d: Dialect) -> str:
    return f"s.last_seen DESC{d.nulls_last}, s.size DESC, s.id{d.collate}"


def upsert_story(d: Dialect) -> str:
    """A story as the clusterer left it after a batch: a new one at version 1, a known one a
    version later (its cached summaries are then stale)."""
    values = ", ".join(
        d.p(n) for n in ("id", "label", "keywords", "first_seen", "last_seen", "size")
    )
    return (
        "INSERT INTO stories (id, label, keywords, first_seen, last_seen, size, version, batch) "
        f"VALUES ({values}, 1, {d.p('batch')}) ON CONFLICT (id) DO UPDATE SET "
        "label = excluded.label, keywords = excluded.keywords, "
        "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
        "size = excluded.size, version = stories.version + 1, batch = excluded.batch"
    )


def insert_member(d: Dialect) -> str:
    """A canonical article's place in a story, ordered as the article was indexed."""
    return (
        f"INSERT INTO story_articles SELECT {d.p('article')}, {d.p('story')}, {d.p('event')}, "
        f"seq FROM articles WHERE id = {d.p('article')}"
    )


def upsert_story_outlets(d: Dialect) -> str:
    """Outlet counts of every story that batch ``:batch`` touched, reprints of older canonical
    articles included, counted from the rows just written."""
    return (
        "INSERT INTO story_outlets (story, outlet, articles) "
        f"SELECT m.story, {OUTLET}, count(*) FROM articles a "
        "LEFT JOIN reprints r ON r.article = a.id "
        "JOIN story_articles m ON m.article = coalesce(r.canonical, a.id) "
        f"WHERE a.batch = {d.p('batch')} AND {NAMED} GROUP BY 1, 2 "
        "ON CONFLICT (story, outlet) DO UPDATE SET "
        "articles = story_outlets.articles + excluded.articles"
    )


def add_story_reprints(d: Dialect) -> str:
    """Reprint counts of the stories whose older articles batch ``:batch`` reprinted."""
    return (
        "UPDATE stories SET reprints = stories.reprints + c.n FROM "
        "(SELECT m.story, count(*) AS n FROM articles a "
        "JOIN reprints r ON r.article = a.id JOIN story_articles m ON m.article = r.canonical "
        f"WHERE a.batch = {d.p('batch')} GROUP BY m.story) AS c WHERE c.story = stories.id"
    )


def replace_canonical(d: Dialect) -> list[str]:
    """Article ``:new`` (written in this batch, canonical) takes stored canonical ``:old``'s
    place: its reprints and its story membership; ``:old`` becomes its reprint, and the story
    a version later (its cached summaries cited the old text) with one reprint more. Run before
    the batch's outlet counts and list rows, which then count ``:new`` in its story."""
    old, new = d.p("old"), d.p("new")
    return [
        f"UPDATE reprints SET canonical = {new} WHERE canonical = {old}",
        f"INSERT INTO reprints VALUES ({old}, {new})",
        f"UPDATE story_articles SET article = {new} WHERE article = {old}",
        "UPDATE stories SET version = version + 1, reprints = reprints + 1 WHERE id IN "
        f"(SELECT story FROM story_articles WHERE article = {new})",
    ]


# The ranking table (migration 3): a row per story, what a list line shows, refreshed per batch.
LIST_COLUMNS = (
    "story, label, snippet, keywords, outlet_names, outlets, articles, reprints, first_seen, "
    "last_seen, version, changed_at"
)
_LIST_REFRESHED = (
    "label keywords outlet_names outlets articles reprints coverage first_seen last_seen "
    "version changed_at"
).split()


def refresh_story_list(d: Dialect) -> str:
    """Upsert the list rows of the stories batch ``:batch`` touched (its articles' stories,
    reprints' included), stamped ``:now``, with the ``:top`` most frequent outlets named."""
    return _refresh_list(
        d,
        "s.id IN (SELECT m.story FROM articles a LEFT JOIN reprints r ON r.article = a.id "
        "JOIN story_articles m ON m.article = coalesce(r.canonical, a.id) "
        f"WHERE a.batch = {d.p('batch')})",
    )


def refresh_story_row(d: Dialect) -> str:
    """Upsert the list row of story ``:story`` (as ``refresh_story_list`` does for a batch)."""
    return _refresh_list(d, f"s.id = {d.p('story')}")


def _refresh_list(d: Dialect, where: str) -> str:
    return (
        f"INSERT INTO story_list ({LIST_COLUMNS}, coverage) "
        f"SELECT s.id, s.label, '', s.keywords, {d.outlets_json('s.id', limit=d.p('top'))}, "
        "(SELECT count(*) FROM story_outlets o WHERE o.story = s.id), "
        f"s.size, s.reprints, s.first_seen, s.last_seen, s.version, {d.p('now')}, "
        f"s.size + s.reprints FROM stories s WHERE {where} "
        "ON CONFLICT (story) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in _LIST_REFRESHED)
    )


def set_snippet(d: Dialect) -> str:
    return f"UPDATE story_list SET snippet = {d.p('snippet')} WHERE story = {d.p('story')}"


def story_list_where(d: Dialect, *, seen_since: bool) -> str:
    """Stories of at least ``:min`` articles (reprints included), last seen since ``:since``."""
    where = f"WHERE coverage >= {d.p('min')}"
    return where + (f" AND last_seen >= {d.p('since')}" if seen_since else "")


def story_list_page(d: Dialect, sort: str, *, seen_since: bool) -> str:
    order = {
        "newest": f"last_seen DESC{d.nulls_last}, articles DESC, story{d.collate}",
        "most-covered": f"outlets DESC, coverage DESC, story{d.collate}",
    }[sort]
    return (
        f"SELECT {LIST_COLUMNS} FROM story_list {story_list_where(d, seen_since=seen_since)} "
        f"ORDER BY {order} LIMIT {d.p('limit')} OFFSET {d.p('offset')}"
    )


# Rewriting stories (``Store.rewrite_stories``): statements over one story ``:story`` or one
# article ``:article``, run for each; a rewrite touches the stories of a re-run, not the store.


def delete_member(d: Dialect) -> str:
    return f"DELETE FROM story_articles WHERE article = {d.p('article')}"


def recount_story(d: Dialect) -> list[str]:
    """Story ``:story``'s outlet counts, size and reprint count, counted again from its members;
    and, when it has none left, the story gone with its list row and cached summaries."""
    story = d.p("story")
    empty = f"NOT EXISTS (SELECT 1 FROM story_articles m WHERE m.story = {story})"
    return [
        f"DELETE FROM story_outlets WHERE story = {story}",
        f"INSERT INTO story_outlets (story, outlet, articles) SELECT {story}, {OUTLET}, count(*) "
        f"FROM articles a JOIN (SELECT article AS id FROM story_articles WHERE story = {story} "
        "UNION ALL SELECT r.article FROM reprints r JOIN story_articles m "
        f"ON m.article = r.canonical WHERE m.story = {story}) AS x ON x.id = a.id "
        f"WHERE {NAMED} GROUP BY 2",
        "UPDATE stories SET size = (SELECT count(*) FROM story_articles m "
        f"WHERE m.story = {story}), "
        "reprints = (SELECT count(*) FROM reprints r JOIN story_articles m "
        f"ON m.article = r.canonical WHERE m.story = {story}) WHERE id = {story}",
        f"DELETE FROM story_list WHERE story = {story} AND {empty}",
        f"DELETE FROM summaries WHERE story = {story} AND {empty}",
        f"DELETE FROM stories WHERE id = {story} AND {empty}",
    ]


# Integrity checks: each query counts the rows that break one rule (0 when the store is sound).
CHECKS = {
    "canonical article in no story": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM story_articles m WHERE m.article = a.id) AND NOT EXISTS "
    "(SELECT 1 FROM reprints r WHERE r.article = a.id)",
    "story without articles": "SELECT count(*) FROM stories s WHERE NOT EXISTS "
    "(SELECT 1 FROM story_articles m WHERE m.story = s.id)",
    "story size differs from its articles": "SELECT count(*) FROM stories s WHERE size != "
    "(SELECT count(*) FROM story_articles m WHERE m.story = s.id)",
    "reprint of a reprint": "SELECT count(*) FROM reprints r JOIN reprints c "
    "ON c.article = r.canonical",
    "batch size differs from its articles": "SELECT count(*) FROM batches b WHERE articles "
    "!= (SELECT count(*) FROM articles a WHERE a.batch = b.id)",
    "story list row differs from its story": "SELECT count(*) FROM stories s "
    "LEFT JOIN story_list l ON l.story = s.id WHERE l.story IS NULL "
    "OR l.label != s.label OR l.articles != s.size OR l.reprints != s.reprints "
    "OR l.version != s.version OR l.last_seen IS DISTINCT FROM s.last_seen "
    "OR l.outlets != (SELECT count(*) FROM story_outlets o WHERE o.story = s.id)",
}
