"""The inbox table for both backends (migration 5): posts taken while the writer could not.

Rows, not logic: ``engine/inbox.py`` decides what is queued, encodes the documents and ingests
them. The SQL is the same on SQLite and PostgreSQL, so it is written once over ``PlainTables``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.store.base import POST_QUEUED, StoredPost
from storyline.store.follow import PlainTables

_COLUMNS = "id, received_at, payload, state, attempts, settled_at, report, error"


def _post(row: Sequence[Any]) -> StoredPost:
    return StoredPost(
        id=int(row[0]),
        received_at=float(row[1]),
        payload=bytes(row[2]),
        state=row[3],
        attempts=int(row[4]),
        settled_at=None if row[5] is None else float(row[5]),
        report=row[6],
        error=row[7],
    )


class InboxTables(PlainTables):
    """Mixin: the inbox methods of ``Store``."""

    def put_post(self, payload: bytes, *, received_at: float) -> int:
        rows = self._exec(
            self._sql(
                "INSERT INTO inbox (received_at, payload, state) VALUES (?, ?, ?) RETURNING id"
            ),
            (received_at, payload, POST_QUEUED),
        )
        return int(rows[0][0])

    def queued_posts(self, *, limit: int) -> list[StoredPost]:
        rows = self._read(
            self._sql(f"SELECT {_COLUMNS} FROM inbox WHERE state = ? ORDER BY id LIMIT ?"),
            (POST_QUEUED, limit),
        )
        return [_post(r) for r in rows]

    def queued_count(self) -> int:
        rows = self._read(self._sql("SELECT count(*) FROM inbox WHERE state = ?"), (POST_QUEUED,))
        return int(rows[0][0])

    def post(self, post_id: int) -> StoredPost | None:
        rows = self._read(self._sql(f"SELECT {_COLUMNS} FROM inbox WHERE id = ?"), (post_id,))
        return _post(rows[0]) if rows else None

    def settle_post(self, post: StoredPost) -> None:
        self._exec(
            self._sql(
                "UPDATE inbox SET state = ?, attempts = ?, settled_at = ?, report = ?, error = ? "
                "WHERE id = ?"
            ),
            (post.state, post.attempts, post.settled_at, post.report, post.error, post.id),
        )

    def prune_posts(self, *, settled_before: float) -> int:
        rows = self._exec(
            self._sql("DELETE FROM inbox WHERE state <> ? AND settled_at < ? RETURNING id"),
            (POST_QUEUED, settled_before),
        )
        return len(rows)
