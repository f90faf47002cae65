"""Ingest in any order, stories as in date order (issue 17.2).

Why: the story index is incremental. A batch joins the stories the index holds *now*, and the
index forgets what it archived, so the same archive imported newest first or shuffled made other
stories than in date order (a shuffled 20k import: 5,485 stories instead of 1,045). Dedup looks
articles up by their own date and is order-free already; clustering is not, and cannot be made so
batch by batch without holding the whole stream.

What: an ingest call watches the dates of its batches (``watch_batch``, persisted with each
batch so that a killed call resumed by the next one watches on). When a batch holds an article
dated before the newest day of an earlier batch of the call, the call's articles are clustered
again at its end, once, in date order, from the story index as it was before the call
(``ORDER_BASE``). When the call reaches back before what the store held, by more than the
clusterer's ``window_days``, every stored article is clustered again from an empty index: only
that gives the stories a date-ordered ingest of them all would give. A call whose batches came
in date order is left exactly as it was stored.

The re-run is the same stage as ingest: stored articles sorted by (date, id), cut into chunks of
the call's batch size (reprints included, as an input batch holds them), each chunk's canonical
articles into ``StoryIndex.add_batch``. Each reprint group is clustered through its first copy
in ``indexes.copy_order`` (date, then the fullest text, then id), the one a date-order ingest
makes canonical: which copy the dedup index made canonical depends on the arrival order.
Stories the re-run makes take the id of the stored story they hold most of the articles of
(more than half of them), else a new one; the store replaces memberships, counts, list rows and
stale cached summaries in one transaction (``Store.rewrite_stories``), with the new index
checkpoint, so a kill during the re-run leaves the stories as the batches stored them and the
next ingest call re-runs.

An input already in date order needs no re-run to get the same stories: ingest folds it in
batches cut as the re-run cuts (``DayCuts``: whole days, sorted by id within a day).

Limits: a day of more than ``HOLD`` batches, undated articles (not watched; the re-run puts them
last) and a stream (stdin, a generator: cut as it arrives, since its last day would wait for the
next) can be cut otherwise than by the re-run. Cleaning works on input batches (lines that recur
in a batch are boilerplate), so those must hold the same articles too. The server's writer does
not re-run (its posts are one batch each, and a re-run of the whole store would hold every
writer up).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.cluster import StoryIndex
    from storyline.engine.indexes import Indexes
    from storyline.features import DocCounts
    from storyline.models import Article
    from storyline.store import Member, Store, StoryUpdate

log = logging.getLogger(__name__)

ORDER_STATE = "order"  # the open call's watch (JSON); empty once settled
ORDER_BASE = "order_base"  # the story index before the call's first batch; empty once settled
SETTLED = {ORDER_STATE: b"", ORDER_BASE: b""}
CALL, ALL = "call", "all"  # what to cluster again: the call's batches, or every stored article
MAX_CHUNK = 2  # a re-run chunk holds whole days, up to this many times the batch size
# Feature counts kept from the batches for the re-run, once one is due: features are two thirds
# of its cost. About 3 kB an article, so at most ~60 MB; past that they are computed again.
KEEP_COUNTS = 20_000
HOLD = 4  # articles an ingest call holds back to cut whole days, in times its batch size


@dataclass(frozen=True)
class Watch:
    """What an ingest call has seen of dates: its first batch, the newest day of the story
    index before it, the newest day of its batches so far, and what must be clustered again."""

    first: int
    before: date | None
    newest: date | None = None
    redo: str = ""

    def to_bytes(self) -> bytes:
        def day(value: date | None) -> str | None:
            return None if value is None else value.isoformat()

        fields = {"first": self.first, "before": day(self.before), "newest": day(self.newest)}
        return json.dumps(fields | {"redo": self.redo}).encode("utf-8")

    @classmethod
    def from_bytes(cls, blob: bytes) -> Watch:
        raw = json.loads(blob.decode("utf-8"))

        def day(value: str | None) -> date | None:
            return None if value is None else date.fromisoformat(value)

        return cls(int(raw["first"]), day(raw["before"]), day(raw["newest"]), str(raw["redo"]))


def open_watch(store: Store) -> Watch | None:
    """The watch of an ingest call that was killed before it settled, if any."""
    state = store.load_state(ORDER_STATE)
    return Watch.from_bytes(state.blob) if state is not None and state.blob else None


def watch_batch(
    watch: Watch | None, stories: StoryIndex, articles: Sequence[Article], *, number: int
) -> tuple[Watch, dict[str, bytes]]:
    """The watch after batch ``number`` (before it is indexed) and the states to store with it."""
    states: dict[str, bytes] = {}
    if watch is None:
        watch = Watch(first=number, before=stories.newest)
        states[ORDER_BASE] = stories.to_bytes()
    dated = [a.published for a in articles if a.published is not None]
    if dated:
        low, redo = min(dated), watch.redo
        if watch.newest is not None and low < watch.newest and not redo:
            redo = CALL
        reach = timedelta(days=stories.settings.window_days)
        if watch.before is not None and low < watch.before - reach:
            redo = ALL
        newest = max([*dated, *([watch.newest] if watch.newest else [])])
        watch = replace(watch, newest=newest, redo=redo)
    states[ORDER_STATE] = watch.to_bytes()
    return watch, states


def keep_counts(
    kept: dict[str, DocCounts], watch: Watch | None, counts: Mapping[str, DocCounts]
) -> None:
    """Keep a batch's feature counts for the re-run, once one is due (within ``KEEP_COUNTS``)."""
    if watch is not None and watch.redo:
        room = KEEP_COUNTS - len(kept)
        kept.update(list(counts.items())[: max(room, 0)])


def settle(
    store: Store,
    indexes: Indexes,
    watch: Watch | None,
    *,
    batch_size: int,
    counts: Mapping[str, DocCounts] | None = None,
) -> int:
    """End an ingest call: cluster again what came out of date order (see the module doc) and
    clear the watch. Returns how many canonical articles were clustered again. ``counts``:
    feature counts of stored articles computed by the batches (``keep_counts``)."""
    if watch is None:
        return 0
    if not watch.redo:
        store.save_states(SETTLED, batch=indexes.batch)
        return 0
    return _rerun(store, indexes, watch, batch_size=batch_size, counts=counts or {})


def _key(article: Article) -> tuple[date, str]:
    return (article.published or date.max, article.id)


def _base(store: Store, indexes: Indexes, watch: Watch) -> StoryIndex:
    from storyline.cluster import StoryIndex

    settings, embedder = indexes.stories.settings, indexes.stories.embedder
    saved = store.load_state(ORDER_BASE)
    if watch.redo == ALL or saved is None or not saved.blob:
        return StoryIndex(settings, embedder=embedder)
    return StoryIndex.from_bytes(saved.blob, settings, embedder=embedder)


def _representatives(store: Store, first: int) -> tuple[list[tuple[date, str]], dict[str, str]]:
    """Every article stored since batch ``first`` as (date, id), sorted; and the first copy in
    ``copy_order`` (earliest, then fullest) of each reprint group whose canonical article is
    among them -> that canonical id: the copy an ingest in date order makes canonical."""
    from storyline.engine.indexes import copy_order

    ranks = {
        a.id: copy_order(a)
        for n in range(first, store.last_batch() + 1)
        for a in store.batch_articles(n)
    }
    links = store.canonical(ranks)
    first_copy: dict[str, tuple[date, int, str]] = {}
    for rank in ranks.values():
        head = links.get(rank[2], rank[2])
        if head in ranks and (head not in first_copy or rank < first_copy[head]):
            first_copy[head] = rank
    keys = sorted((rank[0], rank[2]) for rank in ranks.values())
    return keys, {rank[2]: head for head, rank in first_copy.items()}


def _days(keys: Sequence[tuple[date, str]], size: int) -> Iterator[Sequence[tuple[date, str]]]:
    """Sorted keys in chunks of whole days: cut at the first change of day once ``size`` are in
    (within a day only past ``MAX_CHUNK`` times ``size``, to bound a chunk's cost). Cutting a
    day's coverage at an arbitrary id split each story of that day in two (synthetic stream,
    5k articles, two seeds: story pair F1 0.954/0.965 cut by id, 0.963/0.971 by day, against
    0.966/0.965 for the generator's own order ingested without a re-run)."""
    start = 0
    for end in range(1, len(keys) + 1):
        last = end == len(keys)
        new_day = not last and end - start >= size and keys[end][0] != keys[end - 1][0]
        if last or new_day or end - start >= MAX_CHUNK * size:
            yield keys[start:end]
            start = end


class DayCuts:
    """Cut one ingest call's new articles into batches of whole days, as the re-run cuts them.

    An input in date order arrives in input batches that end in the middle of a day; folding
    those in as they are gave other stories than the re-run of the same articles shuffled (20k
    articles: pair F1 0.971), which cuts at whole days. Here the articles wait, sorted by
    (date, id), until a later day has begun after ``size`` of them; what precedes that day
    can no longer change (in date order no article of an earlier day follows) and is cut by
    ``_days``. The last day waits for the next input batch or the end of the call, at most
    ``HOLD`` times ``size`` articles (a day that big is cut as it stands, so it alone may differ
    from the re-run). Out of date order the cuts are whatever they are: the re-run follows.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.waiting: dict[str, Article] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.waiting

    def add(self, articles: Sequence[Article]) -> list[list[Article]]:
        """Take new articles; the batches now complete."""
        for article in articles:
            self.waiting.setdefault(article.id, article)
        keys = sorted(_key(a) for a in self.waiting.values())
        if len(keys) >= HOLD * self.size:  # all but the last chunk
            return self._cut(keys, len(keys) - len(list(_days(keys, self.size))[-1]))
        dated = [k[0] for k in keys if k[0] != date.max]
        if not dated:
            return []
        last = max(dated)  # its day (and the undated, sorted after it) may still grow
        return self._cut(keys, next(i for i, k in enumerate(keys) if k[0] >= last))

    def rest(self) -> list[list[Article]]:
        """The call is over: every waiting article, in batches."""
        return self._cut(sorted(_key(a) for a in self.waiting.values()), None)

    def _cut(self, keys: Sequence[tuple[date, str]], final: int | None) -> list[list[Article]]:
        """``_days`` chunks of ``keys``: those ending by ``final`` (all, when None) leave."""
        out, end = [], 0
        for chunk in _days(keys, self.size):
            if final is not None and end + len(chunk) > final:
                break
            out.append([self.waiting.pop(k[1]) for k in chunk])
            end += len(chunk)
        return out


@dataclass
class _Run:
    """What a re-run decided, under the ids the re-run index gave."""

    members: dict[str, tuple[str, str]]  # canonical id -> (story, event)
    updates: dict[str, StoryUpdate]


def _rerun(
    store: Store,
    indexes: Indexes,
    watch: Watch,
    *,
    batch_size: int,
    counts: Mapping[str, DocCounts],
) -> int:
    from storyline.engine.indexes import CLUSTER_STATE, DEDUP_STATE, story_row
    from storyline.store import StoryRewrite

    first = 1 if watch.redo == ALL else watch.first
    index = _base(store, indexes, watch)
    # The batches' index is replaced: let it go now rather than hold two (each has 24 MB of
    # document frequencies). Should the re-run fail, ``ingest``'s callers drop the indexes.
    indexes.stories = index
    base = {s.id: s for s in index.stories()}
    keys, head_of = _representatives(store, first)
    run = _Run({}, {})
    for chunk in _days(keys, batch_size):
        chosen = [k[1] for k in chunk if k[1] in head_of]
        if chosen:
            _add_chunk(store, index, chosen, head_of, run, counts=counts)
    held = store.story_of(list(run.members))
    names = _names(index, run, held, kept=set(base))
    members = tuple(_member(head, *place, names=names) for head, place in run.members.items())
    updates = {
        u.id: u for u in (replace(u, id=names.get(u.id, u.id)) for u in run.updates.values())
    }
    for old in set(held.values()) & set(base):  # joined on arrival, not in date order
        updates.setdefault(old, story_row(base[old]))
    index.rename(names)
    states = {DEDUP_STATE: indexes.dedup.to_state(), CLUSTER_STATE: index.to_bytes(), **SETTLED}
    rewrite = StoryRewrite(
        batch=indexes.batch,
        articles=tuple(run.members),
        members=members,
        stories=tuple(updates[k] for k in sorted(updates)),
        states=states,
    )
    store.rewrite_stories(rewrite)
    indexes.saved = indexes.batch
    log.info(
        "clustered %d articles again in date order (from batch %d) into %d stories",
        len(members),
        first,
        len({m.story for m in members}),
    )
    return len(members)


def _add_chunk(
    store: Store,
    index: StoryIndex,
    chosen: Sequence[str],
    head_of: Mapping[str, str],
    run: _Run,
    *,
    counts: Mapping[str, DocCounts],
) -> None:
    """Cluster one chunk's representatives; record their stories and the touched stories' views
    (a view seen later wins, a snippet once found stays)."""
    from storyline.engine.indexes import cluster_rows

    articles = sorted(store.articles(chosen), key=_key)
    members, updates = cluster_rows(
        index, articles, counts={a.id: counts[a.id] for a in articles if a.id in counts}
    )
    for update in updates:
        old = run.updates.get(update.id)
        if update.snippet is None and old is not None:
            update = replace(update, snippet=old.snippet)
        run.updates[update.id] = update
    for m in members:
        run.members[head_of[m.article_id]] = (m.story, m.event)


def _names(
    index: StoryIndex, run: _Run, held: Mapping[str, str], *, kept: set[str]
) -> dict[str, str]:
    """The re-run's new stories -> their ids in the store: that of the stored story more than
    half of whose re-run articles it holds (the largest share first), else a new one."""
    made = sorted({story for story, _ in run.members.values()} - kept)
    before = Counter(old for old in held.values() if old not in kept)
    shared = Counter(
        (held[head], story)
        for head, (story, _) in run.members.items()
        if head in held and held[head] not in kept and story not in kept
    )
    names: dict[str, str] = {}
    used: set[str] = set()
    for (old, story), n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if 2 * n > before[old] and story not in names and old not in used:
            names[story] = old
            used.add(old)
    index.reserve([*held.values(), *made])
    for story in made:
        if story not in names:
            names[story] = index.new_id()
    return names


def _member(head: str, story: str, event: str, *, names: Mapping[str, str]) -> Member:
    from storyline.store import Member

    name = names.get(story, story)
    return Member(head, name, name + event[len(story) :])
