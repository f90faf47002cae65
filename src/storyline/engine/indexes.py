"""The dedup and story indexes that make a store's ingest incremental: opened from the last
checkpoint plus a replay of the batches after it, seeded from stored stories after a batch run is
loaded, checkpointed, and advanced one batch of new articles at a time (``index_batch``).

Index state is checkpointed every ``checkpoint_seconds`` of an ingest and at its end; batches
committed after the last checkpoint are replayed from the stored articles on the next open, which
reaches the very state an uninterrupted run has (dedup and clustering are deterministic given the
same batches in the same order).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.models import Article

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy as np
    import numpy.typing as npt

    from storyline.cluster import ClusterSettings, Story, StoryIndex
    from storyline.dedup import DedupIndex, DedupSettings
    from storyline.embeddings import Embedder
    from storyline.engine.prepare import Prepared, PrepareSettings
    from storyline.features import DocCounts
    from storyline.store import BatchWrite, Member, Store, StoryUpdate

log = logging.getLogger(__name__)

DEDUP_STATE = "dedup"
CLUSTER_STATE = "cluster"
DEFAULT_BATCH_SIZE = 1000  # articles per batch (``ingest --batch-size``), stories per seeding step


@dataclass
class Indexes:
    """The in-memory indexes and the last store batch folded into them."""

    dedup: DedupIndex
    stories: StoryIndex
    batch: int
    saved: int  # last batch whose state is checkpointed in the store
    saved_at: float = field(default_factory=time.perf_counter)  # when, for time-based checkpoints


def _cluster_state(index: StoryIndex) -> bytes:
    """The one place that turns a StoryIndex into bytes (and back, below)."""
    return index.to_bytes()


def _cluster_index(
    blob: bytes, settings: ClusterSettings | None, embedder: Embedder | None
) -> StoryIndex:
    from storyline.cluster import StoryIndex

    return StoryIndex.from_bytes(blob, settings, embedder=embedder)


def _embedder(kind: str | None, checkpoint: bytes | None) -> Embedder | None:
    """The embedder asked for, else the one the checkpointed stories were built with, else the
    default (``auto``: wordllama, for headlines only, loaded when the first one comes). Asking
    for another than the checkpoint's is an error: a store's stories are clustered with one
    kind of features."""
    from storyline.cluster import state_features
    from storyline.embeddings import kind_of, load_embedder

    built = kind_of(state_features(checkpoint)) if checkpoint else None
    if kind == "auto":
        kind = built or "auto"
    if kind is not None and built is not None and kind != built:
        raise ValueError(
            f"This store's stories were clustered with {built} features, not {kind}: "
            "ingest into a new store to change them."
        )
    return load_embedder(kind or built or "auto")


def index_states(indexes: Indexes) -> dict[str, bytes]:
    """The indexes' state as the store keeps it, by name."""
    return {DEDUP_STATE: indexes.dedup.to_state(), CLUSTER_STATE: _cluster_state(indexes.stories)}


def open_indexes(
    store: Store,
    *,
    dedup_settings: DedupSettings | None = None,
    cluster_settings: ClusterSettings | None = None,
    embedder: str | None = None,
) -> Indexes:
    """The indexes as of the store's last batch: last checkpoint plus a replay of what followed.

    Stored dedup settings win over ``dedup_settings`` (they are part of its state). ``embedder``
    (see ``storyline.embeddings.load_embedder``) adds embeddings to story matching; by default a
    store keeps the features its checkpoint was built with, lexical for a new one.
    """
    from storyline.cluster import StoryIndex
    from storyline.dedup import DedupIndex

    dedup_state = store.load_state(DEDUP_STATE)
    cluster_state = store.load_state(CLUSTER_STATE)
    model = _embedder(embedder, cluster_state.blob if cluster_state else None)
    indexes = Indexes(
        DedupIndex(settings=dedup_settings), StoryIndex(cluster_settings, embedder=model), 0, 0
    )
    if dedup_state and cluster_state and dedup_state.batch == cluster_state.batch:
        try:
            indexes = Indexes(
                DedupIndex.from_state(dedup_state.blob),
                _cluster_index(cluster_state.blob, cluster_settings, model),
                dedup_state.batch,
                dedup_state.batch,
            )
        except ValueError as exc:  # a checkpoint from an older version: rebuild from articles
            log.warning("%s: rebuilding the indexes from the stored articles", exc)
    last = store.last_batch()
    if last > indexes.batch:
        log.info("replaying batches %d-%d after the last checkpoint", indexes.batch + 1, last)
    catch_up(store, indexes)
    return indexes


def checkpoint(store: Store, indexes: Indexes) -> None:
    """Save the indexes' state if batches were folded in since the last save."""
    if indexes.batch > indexes.saved:
        store.save_states(index_states(indexes), batch=indexes.batch)
        indexes.saved, indexes.saved_at = indexes.batch, time.perf_counter()


def prepare_settings(indexes: Indexes, *, keep_raw: bool = False) -> PrepareSettings:
    """What the prepared features must match: the indexes' dedup settings, title weight and
    features (the worker loads its own copy of an embedder)."""
    from storyline.embeddings import kind_of
    from storyline.engine.prepare import PrepareSettings

    return PrepareSettings(
        dedup=indexes.dedup.settings,
        title_weight=indexes.stories.settings.title_weight,
        keep_raw=keep_raw,
        embedder=kind_of(indexes.stories.features),
        headline_words=indexes.stories.settings.closeness_min_words,
    )


def catch_up(store: Store, indexes: Indexes) -> None:
    """Fold into ``indexes`` the stored batches they do not hold (after the last checkpoint, or
    committed by another writer). With several to fold and a core to spare, the next batches'
    features are computed in a worker process meanwhile (a replay after a kill is what a post
    waits for)."""
    from storyline.engine.prepare import default_workers, featurise_chunks

    numbers = range(indexes.batch + 1, store.last_batch() + 1)
    settings = prepare_settings(indexes)
    batches = (store.batch_articles(n) for n in numbers)
    workers = default_workers() if len(numbers) > 2 else 0
    for number, prepared in zip(
        numbers, featurise_chunks(batches, settings, workers=workers), strict=True
    ):
        _replay(prepared.articles, number, store=store, indexes=indexes, prepared=prepared)


def seed_indexes(
    store: Store,
    *,
    dedup_settings: DedupSettings | None = None,
    cluster_settings: ClusterSettings | None = None,
    embedder: str | None = None,
) -> Indexes:
    """Build the indexes from the stories the store holds, not by replaying its batches, and
    checkpoint them at its last batch; what ``load_batch`` does after loading a batch run.

    Replaying would re-cluster the run's articles into stories of other ids, and new articles
    would never join the loaded stories. Here every story seen within ``archive_days`` (or the
    dedup window, if longer) of the newest one is adopted with its stored events, and its
    articles and their reprints enter the dedup index with their stored links; older stories
    are archived in the index anyway.
    """
    from storyline.cluster import StoryIndex
    from storyline.dedup import DedupIndex

    dedup = DedupIndex(settings=dedup_settings)
    built = store.load_state(CLUSTER_STATE)  # keep the features the store was built with
    model = _embedder(embedder, built.blob if built else None)
    stories = StoryIndex(cluster_settings, embedder=model)
    every = store.stories()
    newest = max((s.last_seen for s in every if s.last_seen is not None), default=None)
    days = max(stories.settings.archive_days, dedup.settings.window_days or 0)
    since = None if newest is None else newest - timedelta(days=days)
    recent = [s for s in every if since is None or s.last_seen is None or s.last_seen >= since]
    recent.sort(key=lambda s: (s.first_seen or date.max, s.id))
    chunk: list[str] = []
    size = 0
    for story in recent:
        chunk.append(story.id)
        size += story.size
        if size >= DEFAULT_BATCH_SIZE:
            _adopt(store, chunk, dedup, stories)
            chunk, size = [], 0
    if chunk:
        _adopt(store, chunk, dedup, stories)
    stories.reserve(s.id for s in every)  # older stories keep their ids: new ones count past
    indexes = Indexes(dedup, stories, store.last_batch(), 0)
    checkpoint(store, indexes)
    log.info("seeded the indexes with %d of %d stories", len(recent), len(every))
    return indexes


def _adopt(store: Store, story_ids: Sequence[str], dedup: DedupIndex, stories: StoryIndex) -> None:
    from storyline.cluster import from_article

    members = [m for story in story_ids for m in store.members(story)]
    heads = store.articles([m.article_id for m in members])
    copies_of = store.reprints([a.id for a in heads])
    source = {copy: head for head, copies in copies_of.items() for copy in copies}
    copies = store.articles(list(source))
    for article in sorted([*heads, *copies], key=_time_order):
        dedup.add(
            article.id,
            article.text,
            published=article.published,
            copy_of=source.get(article.id, article.id),
        )
    stories.adopt(
        [from_article(a) for a in heads], {m.article_id: (m.story, m.event) for m in members}
    )


def restore_days(
    store: Store, dedup: DedupIndex, articles: Sequence[Article], *, through: int
) -> None:
    """Pin the days of ``articles`` in the dedup index and re-add the stored articles of the
    days it let go within their window, with their stored links, so that an article dated long
    before (or after) the recent stream meets every copy it would meet in date order (issue
    17.2). Only batches up to the index's own are read: a replay restores what the run did."""
    dated = [a.published.toordinal() for a in articles if a.published is not None]
    dedup.pin(dated)
    days = dedup.missing(dated)
    if not days:
        return
    stored = store.articles_published([date.fromordinal(d) for d in days], through_batch=through)
    links = store.canonical(a.id for a in stored)
    for article in stored:
        dedup.add(
            article.id,
            article.text,
            published=article.published,
            copy_of=links.get(article.id, article.id),
        )
    dedup.restored(days)
    log.debug("dedup: re-read %d articles of %d days from the store", len(stored), len(days))


def _replay(
    articles: Sequence[Article], number: int, *, store: Store, indexes: Indexes, prepared: Prepared
) -> None:
    """Fold stored batch ``number`` in again, as it was folded in when it was written."""
    from storyline.cluster import from_article

    reprints = store.canonical(a.id for a in articles)
    restore_days(store, indexes.dedup, articles, through=number - 1)
    # the articles of the batch that took the place of a text of an earlier batch
    # (``fuller_copies``): clustered through that text, as when they were written
    earlier = {
        new: [old for old in olds if old in indexes.dedup]
        for new, olds in store.reprints([a.id for a in articles if a.id not in reprints]).items()
    }
    for article in sorted(articles, key=copy_order):
        found = indexes.dedup.add(
            article.id,
            article.text,
            published=article.published,
            fingerprint=prepared.fingerprints.get(article.id),
            copy_of=next(iter(earlier.get(article.id, ())), None),
        )
        if earlier.get(article.id):
            indexes.dedup.promote(article.id)
        elif found != reprints.get(article.id):
            log.warning("replay of batch %d: %s dedups differently", number, article.id)
    canonical = [
        from_article(a) for a in articles if a.id not in reprints and not earlier.get(a.id)
    ]
    if canonical:
        indexes.stories.add_batch(canonical, counts=prepared.counts, vectors=prepared.vectors)
    indexes.batch = number


def _time_order(article: Article) -> tuple[date, str]:
    """Earliest first, so the canonical copy is the first published; undated last, then by id."""
    return (article.published or date.max, article.id)


def copy_order(article: Article) -> tuple[date, int, str]:
    """The order a batch is deduplicated in, so the canonical copy of a reprint group: earliest
    first and, within a day, the fullest text (the longest) first, then by id.

    A short, copy-edited copy shares so few shingles with its long source (Jaccard ~0.25, though
    containment is 0.7-0.8) that LSH often misses the pair from either side. Added after its
    sources, it is looked up against every one of them and any one proposing it suffices; added
    first, each source had to find it alone, so the group it joined depended on which ids sorted
    first (tests/test_order.py stored other reprint groups shuffled than in date order). A
    same-day group thus shows its fullest text, not its lowest id. Length in characters, not
    shingles, so that the re-run in date order (``engine.reorder``) picks the same copy from the
    stored articles without fingerprinting them.
    """
    return (article.published or date.max, -len(article.text), article.id)


def cluster_rows(
    stories: StoryIndex,
    canonical: Sequence[Article],
    *,
    counts: Mapping[str, DocCounts] | None = None,
    vectors: Mapping[str, npt.NDArray[np.float32]] | None = None,
) -> tuple[tuple[Member, ...], tuple[StoryUpdate, ...]]:
    """Cluster canonical articles into ``stories``: their memberships, and the rows of the
    stories they touched (a story all of whose articles are here gets its snippet)."""
    from storyline.cluster import from_article
    from storyline.engine.listing import with_snippets
    from storyline.store import Member

    assignments = stories.add_batch(
        [from_article(a) for a in canonical], counts=counts, vectors=vectors
    )
    touched = Counter(a.story for a in assignments)
    # the touched stories only: all of them grow with the stream
    updates = tuple(story_row(s) for s in stories.stories(sorted(touched)))
    members = tuple(Member(a.doc_id, a.story, a.event) for a in assignments)
    new = (u.id for u in updates if u.size == touched[u.id])  # every article is in this batch
    return members, with_snippets(updates, members, canonical, new=new)


def story_row(story: Story) -> StoryUpdate:
    """A story of the index as the store keeps it."""
    from storyline.store import StoryUpdate

    return StoryUpdate(
        story.id, story.label, story.keywords, story.first_seen, story.last_seen, story.size
    )


def link_fuller_texts(
    articles: Sequence[Article], *, store: Store, indexes: Indexes, prepared: Prepared | None
) -> None:
    """Index as a copy of the stored partial text of the same address (a feed's teaser kept
    for a page that failed, a paywalled teaser) each of ``articles`` that holds more words, so
    that ``fuller_copies`` puts it in that text's place. Dedup alone misses most such pairs:
    a teaser is rarely the article's lead word for word (a real page's 31-word teaser held
    0.56 of its shingles in the page, under the 0.6 a copy needs)."""
    stored = store.articles_at([a.url for a in articles if a.url])
    partial = {a.url: a for a in stored if a.partial is not None}
    for article in articles:
        old = partial.get(article.url)
        if old is None or old.id == article.id or article.id in indexes.dedup:
            continue
        if len(article.text.split()) > len(old.text.split()) and old.id in indexes.dedup:
            indexes.dedup.add(
                article.id,
                article.text,
                published=article.published,
                fingerprint=prepared.fingerprints.get(article.id) if prepared else None,
                copy_of=old.id,
            )


def fuller_copies(write: BatchWrite, *, store: Store, indexes: Indexes) -> BatchWrite:
    """``write`` with each new article that dedup found to be a copy of a stored article of
    the same page, with more words, put in that article's place (``BatchWrite.replaced``).

    Why: a feed's teaser is kept when its page cannot be fetched, and the page fetched on a
    later poll holds the teaser's words, so dedup made the full article a reprint of its own
    teaser, and the story showed the teaser (26 words) as the outlet's article. The first text
    kept stays canonical for any other copy: only a fuller text of the same address replaces
    it, and the replaced one is kept as its reprint. The story index keeps the first text's
    features (it holds no article ids): the story it joined is the one the fuller text takes.
    """
    from storyline.fetch.urls import same_address

    batch = {a.id: a for a in write.articles}
    older = {new: old for new, old in write.reprints.items() if old not in batch}
    if not older:
        return write
    stored = {a.id: a for a in store.articles(sorted(set(older.values())))}
    replaced: dict[str, str] = {}
    for new, old in sorted(older.items(), key=lambda item: -len(batch[item[0]].text)):
        held = stored.get(old)
        if held is None or old in replaced or not same_address(held.url, batch[new].url):
            continue
        if len(batch[new].text.split()) > len(held.text.split()):
            replaced[old] = new
            indexes.dedup.promote(new)
    if not replaced:
        return write
    reprints = {
        article: replaced.get(canonical, canonical)
        for article, canonical in write.reprints.items()
        if article not in replaced.values()
    }
    stories = _with_leads(write.stories, replaced, batch, store=store, index=indexes.stories)
    return replace(write, reprints=reprints, replaced=replaced, stories=stories)


def _with_leads(
    updates: Sequence[StoryUpdate],
    replaced: Mapping[str, str],
    batch: Mapping[str, Article],
    *,
    store: Store,
    index: StoryIndex,
) -> tuple[StoryUpdate, ...]:
    """``updates`` and the rows of the stories whose text was replaced, each with the lead of
    its new text as snippet: the list showed the teaser's line, "... EU ..." and all. A story
    the index has archived (dated long before the newest) is written again as stored."""
    from storyline.engine.listing import lead_sentence
    from storyline.store import StoryUpdate

    rows = {u.id: u for u in updates}
    held = store.story_of(replaced)
    for old, new in replaced.items():
        story = held.get(old)
        if story is None:
            continue
        row = rows.get(story) or next((story_row(s) for s in index.stories([story])), None)
        if row is None and (kept := store.story(story)) is not None:  # archived by the index
            row = StoryUpdate(
                kept.id, kept.label, kept.keywords, kept.first_seen, kept.last_seen, kept.size
            )
        if row is not None:
            rows[story] = replace(row, snippet=lead_sentence(batch[new], label=row.label))
    return tuple(rows.values())


def index_batch(
    articles: Sequence[Article],
    indexes: Indexes,
    *,
    number: int,
    prepared: Prepared | None = None,
) -> BatchWrite:
    """Dedup and cluster new articles into the indexes; what the store must write for them.

    ``prepared`` may carry the articles' fingerprints and feature counts, computed ahead.
    """
    from storyline.store import BatchWrite

    fingerprints = prepared.fingerprints if prepared else {}
    ordered = sorted(articles, key=_time_order)
    reprints: dict[str, str] = {}
    for article in sorted(articles, key=copy_order):
        found = indexes.dedup.add(
            article.id,
            article.text,
            published=article.published,
            fingerprint=fingerprints.get(article.id),
        )
        if found is not None:
            reprints[article.id] = found
    canonical = [article for article in ordered if article.id not in reprints]
    members, updates = cluster_rows(
        indexes.stories,
        canonical,
        counts=prepared.counts if prepared else None,
        vectors=prepared.vectors if prepared else None,
    )
    indexes.batch = number
    return BatchWrite(
        number=number, articles=tuple(ordered), reprints=reprints, members=members, stories=updates
    )
