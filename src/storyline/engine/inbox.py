"""The inbox: posts taken while the writer cannot ingest them, answered at once (issue 17).

Why: a writer that starts or restarts replays every batch committed after its last checkpoint
before it can take a post, and a killed writer is replaced only after its standby is told to go.
A post that arrived meanwhile used to wait for all of it: seconds on a store a few hundred
batches behind, minutes on one far behind, and a 503 after 15 s. Now the HTTP worker commits
such a post to the store's inbox table and answers 202 with the row's id as its receipt
(``GET /api/posts/{id}`` tells what became of it). Nothing posted is lost: the row is committed
before the answer is sent.

The rules:

- The writer ingests the inbox oldest first, and before any post it takes directly, so articles
  are ingested in the order they were received.
- A post that fails as bad input (``ValueError``) is settled ``failed`` with the reason. Any
  other error (a locked store) leaves it queued for the next drain; after ``MAX_ATTEMPTS`` it is
  settled ``failed`` too, so one post that always breaks the writer cannot stop the queue.
- A post whose writer died after taking it is queued again by the HTTP worker: if its batch was
  committed, ingesting it again finds every article already stored (ingest is idempotent).
- Settled receipts are kept ``KEEP_SECONDS`` (a week), then pruned by the writer.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from storyline.engine.ingest import IngestReport
from storyline.models import RawDocument, ReadError, Removal
from storyline.store import Store
from storyline.store.base import POST_DONE, POST_FAILED, StoredPost

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
KEEP_SECONDS = 7 * 86400.0
_DRAIN_CHUNK = 16  # posts read from the store at a time


@dataclass(frozen=True)
class Receipt:
    """What became of a queued post."""

    id: int
    state: str  # queued, done or failed
    received_at: float
    settled_at: float | None
    report: IngestReport | None
    error: str | None


def encode(docs: Sequence[RawDocument]) -> bytes:
    rows = [
        {**dataclasses.asdict(d), "published": d.published.isoformat() if d.published else None}
        for d in docs
    ]
    return zlib.compress(json.dumps(rows, ensure_ascii=False).encode())


def decode(payload: bytes) -> tuple[RawDocument, ...]:
    rows = json.loads(zlib.decompress(payload))
    return tuple(
        RawDocument(
            **{
                **r,
                "published": date.fromisoformat(r["published"]) if r["published"] else None,
                # what the page reader dropped (a post queued before it was kept has none)
                "removed": tuple(Removal(**x) for x in r.get("removed", ())),
            }
        )
        for r in rows
    )


def report_to_json(report: IngestReport) -> str:
    data = dataclasses.asdict(report)
    data["errors"] = [[e.origin, e.problem] for e in report.errors]
    return json.dumps(data, ensure_ascii=False)


def report_from_json(text: str) -> IngestReport:
    data = json.loads(text)
    data["errors"] = tuple(ReadError(origin=o, problem=p) for o, p in data["errors"])
    return IngestReport(**data)


def queue_post(store: Store, docs: Sequence[RawDocument]) -> int:
    """Commit a post to the inbox; its receipt number."""
    number = store.put_post(encode(docs), received_at=time.time())
    log.info("inbox: post %d queued (%d documents)", number, len(docs))
    return number


def post_receipt(store: Store, number: int) -> Receipt | None:
    post = store.post(number)
    if post is None:
        return None
    return Receipt(
        id=post.id,
        state=post.state,
        received_at=post.received_at,
        settled_at=post.settled_at,
        report=report_from_json(post.report) if post.report else None,
        error=post.error,
    )


def drain(store: Store, ingest: Callable[[Sequence[RawDocument]], IngestReport]) -> int:
    """Ingest the queued posts, oldest first, until none is left; how many were settled. Stops
    early (leaving the rest queued) when a post fails for a reason other than its input."""
    settled = 0
    while posts := store.queued_posts(limit=_DRAIN_CHUNK):
        for post in posts:
            done = _settle(store, post, ingest)
            if done is None:
                return settled
            settled += 1
    if settled:
        store.prune_posts(settled_before=time.time() - KEEP_SECONDS)
    return settled


def _settle(
    store: Store, post: StoredPost, ingest: Callable[[Sequence[RawDocument]], IngestReport]
) -> StoredPost | None:
    """Ingest one post and settle it; None if it stays queued for a later try. The attempt is
    counted before the ingest, so a post that kills the writer is tried ``MAX_ATTEMPTS`` times,
    not forever."""
    attempts = post.attempts + 1
    final = dataclasses.replace(post, attempts=attempts, settled_at=time.time())
    if post.attempts >= MAX_ATTEMPTS:
        final = dataclasses.replace(
            final,
            state=POST_FAILED,
            error=f"the writer stopped while ingesting it {post.attempts} times",
        )
        store.settle_post(final)
        return final
    store.settle_post(dataclasses.replace(post, attempts=attempts))
    try:
        report = ingest(decode(post.payload))
    except ValueError as exc:  # bad input, the same next time
        final = dataclasses.replace(final, state=POST_FAILED, error=str(exc))
    except Exception as exc:
        log.exception("inbox: post %d failed (attempt %d)", post.id, attempts)
        if attempts < MAX_ATTEMPTS:
            return None
        final = dataclasses.replace(
            final, state=POST_FAILED, error=f"ingest failed {attempts} times: {exc}"
        )
    else:
        final = dataclasses.replace(final, state=POST_DONE, report=report_to_json(report))
    final = dataclasses.replace(final, settled_at=time.time())  # when the ingest ended
    store.settle_post(final)
    log.info("inbox: post %d %s", post.id, final.state)
    return final
