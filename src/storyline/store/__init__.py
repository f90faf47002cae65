"""Where articles, stories and index state live between runs: the ``Store`` protocol and backends.

``open_store`` picks the backend from the location: a file path (or ``sqlite:///path``) is the
embedded SQLite store; a ``postgresql://...`` URL opens the PostgreSQL backend (postgres extra).
"""

from __future__ import annotations

import os
from pathlib import Path

from storyline.store.base import (
    BatchWrite,
    IndexState,
    ListedStory,
    Member,
    SearchHit,
    StaleBatchError,
    Store,
    StoreCounts,
    StoredPost,
    StoredStory,
    StoreError,
    StoryListPage,
    StoryRewrite,
    StoryUpdate,
)

__all__ = [
    "DEFAULT_DB",
    "BatchWrite",
    "IndexState",
    "ListedStory",
    "Member",
    "SearchHit",
    "StaleBatchError",
    "Store",
    "StoreCounts",
    "StoreError",
    "StoredPost",
    "StoredStory",
    "StoryListPage",
    "StoryRewrite",
    "StoryUpdate",
    "default_location",
    "open_store",
]

DEFAULT_DB = "storyline.db"
ENV_VAR = "STORYLINE_DB"


def default_location() -> str:
    """``$STORYLINE_DB`` if set, else ``./storyline.db``."""
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def open_store(location: str | Path | None = None, *, durable: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at ``location``.

    ``durable=False`` trades the last batches on a power cut (never on a process crash) for a
    little speed: SQLite's ``synchronous=NORMAL`` in WAL mode.
    """
    where = str(location) if location is not None else default_location()
    if where.startswith(("postgresql:", "postgres:")):
        from storyline.store.postgres import PostgresStore

        return PostgresStore(where)
    if where.startswith("sqlite:///"):
        where = where[len("sqlite:///") :]
    from storyline.store.sqlite import SQLiteStore

    return SQLiteStore(where, durable=durable)
