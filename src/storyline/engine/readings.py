"""What the facts stage's parse read in each article, kept in the store so no article is parsed
twice: not by two pages of one story, nor by two processes, nor after a restart.

The spaCy parse is most of a cold story page (``benchmarks/story_page.py``), and what it reads in
an article (its ``Reading``: the quantities of each sentence) depends on the article alone. So a
reading is stored per article id under ``reading_version()`` (a hash of the reading code and the
model: a change to either makes readings be read again, never served stale):

* lazily, by ``readings``, when a page or a comparison needs articles no one has read yet;
* ahead of need in ``storyline serve``, by the writer process after it commits a batch, and
  for the store's newest articles when it starts (``Backlog``): once it has been idle long
  enough to checkpoint, a few articles at a time, each step only while no post is waiting, so
  posts are not slowed (a post that arrives during a step waits for that step; the first step of
  a writer also loads the parser, about a second); the first page of a new story then only
  aligns facts already read.

``storyline ingest`` does not read: its throughput is lexical work only (issue 13).
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any

from storyline.facts.models import Quantity
from storyline.facts.stage import Reading, read_articles, reading_version
from storyline.models import Article
from storyline.store import Store

log = logging.getLogger(__name__)

_FIELDS = tuple(f.name for f in fields(Quantity) if f.name != "article_id")
# Articles read per idle step of the writer: about 20 numeric sentences, 30-60 ms of parsing on
# the 2-core machine of benchmarks/story_page.py, the most a post arriving meanwhile waits.
BACKLOG_CHUNK = 8
# Stored articles a starting writer queues (newest first): a few seconds of idle reading that
# cover the stories a reader is likely to open first.
RECENT_ARTICLES = 2000


def reading_to_json(reading: Reading) -> str:
    """One article's reading; quantities by sentence index (most sentences hold none)."""
    found = [
        [i, {k: v for k, v in asdict(q).items() if k != "article_id"}]
        for i, quantities in enumerate(reading)
        for q in quantities
    ]
    return json.dumps({"sentences": len(reading), "quantities": found}, ensure_ascii=False)


def reading_from_json(payload: str, article_id: str) -> Reading:
    data: dict[str, Any] = json.loads(payload)
    per: list[list[Quantity]] = [[] for _ in range(int(data["sentences"]))]
    for i, values in data["quantities"]:
        per[i].append(Quantity(article_id=article_id, **{k: values[k] for k in _FIELDS}))
    return tuple(tuple(q) for q in per)


def stored_readings(store: Store, ids: Sequence[str]) -> dict[str, Reading]:
    """The readings kept for ``ids`` under the current version (others are left out; one that
    cannot be decoded is left out too, and read again)."""
    out: dict[str, Reading] = {}
    for article_id, payload in store.article_facts(ids, version=reading_version()).items():
        try:
            out[article_id] = reading_from_json(payload, article_id)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            log.warning("article %s: stored reading unreadable (%s); read again", article_id, exc)
    return out


def read_and_keep(store: Store, articles: Sequence[Article]) -> dict[str, Reading]:
    """Read ``articles`` (one parse batch) and store their readings."""
    read = dict(zip((a.id for a in articles), read_articles(articles), strict=True))
    store.put_article_facts(
        {article_id: reading_to_json(r) for article_id, r in read.items()},
        version=reading_version(),
    )
    return read


def readings(store: Store, articles: Sequence[Article]) -> dict[str, Reading]:
    """Every article's reading: from the store, the missing ones read now and stored."""
    found = stored_readings(store, [a.id for a in articles])
    missing = [a for a in articles if a.id not in found]
    if missing:
        found.update(read_and_keep(store, missing))
    return found


def _canonical(store: Store, batch: int) -> list[Article]:
    """The articles of a stored batch that are not reprints (a reprint's facts are its source's)."""
    articles = store.batch_articles(batch)
    reprints = store.canonical(a.id for a in articles)
    return [a for a in articles if a.id not in reprints]


class Backlog:
    """The writer's articles to read ahead of need: the canonical articles of the batches it
    committed, read ``BACKLOG_CHUNK`` at a time while it is idle (``step``)."""

    def __init__(self, *, through: int) -> None:
        self.through = through  # the last batch whose articles are queued
        self._todo: deque[Article] = deque()
        self._fresh = False  # batches may have been committed since the last look

    def expect(self) -> None:
        """A batch may have been committed: look at the store on the next step."""
        self._fresh = True

    def pending(self) -> bool:
        return self._fresh or bool(self._todo)

    def drop(self) -> None:
        """Forget what is queued (reading failed: pages will read those articles themselves)."""
        self._todo.clear()
        self._fresh = False

    @classmethod
    def at_start(cls, store: Store, *, recent: int = RECENT_ARTICLES) -> Backlog:
        """A writer's backlog as it starts: the canonical articles of the store's newest
        batches, about ``recent`` of them, newest batch first, so that a store filled by
        ``storyline ingest`` (which does not read) gets its recent stories read too."""
        backlog = cls(through=store.last_batch())
        batch, queued = store.last_batch(), 0
        while batch > 0 and queued < recent:
            canonical = _canonical(store, batch)
            backlog._todo.extend(canonical)
            queued, batch = queued + len(canonical), batch - 1
        return backlog

    def note(self, store: Store) -> None:
        """Queue the canonical articles of the batches committed since the last call."""
        self._fresh = False
        last = store.last_batch()
        for batch in range(self.through + 1, last + 1):
            self._todo.extend(_canonical(store, batch))
        self.through = max(self.through, last)

    def step(self, store: Store) -> int:
        """Read the next few queued articles that have no reading yet; how many were read."""
        if self._fresh:
            self.note(store)
        chunk = [self._todo.popleft() for _ in range(min(BACKLOG_CHUNK, len(self._todo)))]
        known = store.article_facts([a.id for a in chunk], version=reading_version())
        unread = [a for a in chunk if a.id not in known]
        if unread:
            read_and_keep(store, unread)
        return len(unread)
