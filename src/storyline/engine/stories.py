"""Stored stories: listing, a story's cited summary, timeline and facts, its page view model,
search and article reports. Results that cost time are cached in the store per story version."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.engine.codecs import (
    summary_from_json,
    summary_to_json,
    timeline_from_json,
    timeline_to_json,
)
from storyline.engine.documents import DEFAULT_METHOD, summarize
from storyline.engine.errors import ArticleNotFound, InvalidRequest, StoryNotFound
from storyline.models import Article, Summary

if TYPE_CHECKING:
    from storyline.compare import Comparison
    from storyline.store import SearchHit, Store, StoreCounts, StoredStory
    from storyline.timeline import Timeline
    from storyline.views import StoryView

log = logging.getLogger(__name__)

# Cache keys in the store's summaries table; bump the number when the cached form changes.
# Every key also carries ``code_version()``, so what a newer storyline computes differently is
# computed again rather than served from an older one's cache.
TIMELINE_CACHE = "timeline/1"
PAGE_CACHE = "page/4"


@functools.cache
def code_version() -> str:
    """A hash of storyline's own source. Cached summaries, timelines and pages are valid only
    under the code that made them: an upgrade that ranks days or words headings differently
    must not keep serving the old ones until each story changes (a hand-bumped number is
    forgotten by the next change; the facts' readings are keyed the same way)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class StoryReport:
    story: StoredStory
    summary: Summary
    articles: tuple[Article, ...]  # canonical articles, in the order they joined the story
    reprints: tuple[tuple[Article, str], ...]  # (reprint, canonical id)
    cached: bool


@dataclass(frozen=True)
class StoryTimeline:
    story: StoredStory
    timeline: Timeline
    articles: tuple[Article, ...]
    cached: bool


@dataclass(frozen=True)
class StoryComparison:
    """Facts of a story's articles compared across outlets."""

    story: StoredStory
    comparison: Comparison
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class ArticleReport:
    """A stored article, what cleaning removed from it, and where it sits among the stories."""

    article: Article
    raw: str | None
    story: str | None
    canonical: str | None  # the canonical article's id when this one is a reprint
    reprints: tuple[str, ...]


def stories(store: Store, *, since: date | None = None) -> list[StoredStory]:
    """Stored stories last seen on or after ``since``, most recent first."""
    return store.stories(since=since)


def story_info(store: Store, story_id: str) -> StoredStory:
    """One story's row (version, counts, outlets): cheap, for deciding whether a page is fresh."""
    story = store.story(story_id)
    if story is None:
        raise StoryNotFound(story_id)
    return story


def story_and_articles(store: Store, story_id: str) -> tuple[StoredStory, tuple[Article, ...]]:
    """A stored story and its canonical articles."""
    story = story_info(store, story_id)
    ids = [m.article_id for m in store.members(story_id)]
    return story, tuple(store.articles(ids))


def _reprints(store: Store, ids: list[str]) -> tuple[tuple[Article, str], ...]:
    copies = store.reprints(ids)
    reprinted = {a.id: a for a in store.articles([r for rs in copies.values() for r in rs])}
    return tuple(
        (reprinted[r], canonical) for canonical, rs in copies.items() for r in rs if r in reprinted
    )


def story_report(
    store: Store,
    story_id: str,
    *,
    words: int | None = 250,
    sentences: int | None = None,
    method: str = DEFAULT_METHOD,
) -> StoryReport:
    """A story's cited summary with its outlets and reprints; the summary is cached in the store
    under (story, version, method and budget) and recomputed only after the story changes."""
    story, articles = story_and_articles(store, story_id)
    summary, cached = _summary(store, story, articles, words, sentences, method)
    reprints = _reprints(store, [a.id for a in articles])
    return StoryReport(story, summary, articles, reprints, cached=cached)


def _summary(
    store: Store,
    story: StoredStory,
    articles: tuple[Article, ...],
    words: int | None,
    sentences: int | None,
    method: str,
) -> tuple[Summary, bool]:
    key = f"{method}@{code_version()} words={words} sentences={sentences}"
    payload = store.cached_summary(story.id, version=story.version, method=key)
    if payload is not None:
        return summary_from_json(payload), True
    summary = summarize(articles, words=words, sentences=sentences, method=method)
    store.put_summary(story.id, version=story.version, method=key, payload=summary_to_json(summary))
    return summary, False


def timeline(
    store: Store, story_id: str, *, max_dates: int | None = None, sentences_per_date: int = 1
) -> StoryTimeline:
    """The story's dated timeline (``storyline.timeline.build_timeline``), cached per version."""
    story, articles = story_and_articles(store, story_id)
    built, cached = _timeline(store, story, articles, max_dates, sentences_per_date)
    return StoryTimeline(story, built, articles, cached=cached)


def _timeline(
    store: Store,
    story: StoredStory,
    articles: tuple[Article, ...],
    max_dates: int | None,
    sentences_per_date: int,
) -> tuple[Timeline, bool]:
    from storyline.timeline import build_timeline

    key = (
        f"{TIMELINE_CACHE}@{code_version()} max_dates={max_dates} "
        f"sentences_per_date={sentences_per_date}"
    )
    payload = store.cached_summary(story.id, version=story.version, method=key)
    if payload is not None:
        return timeline_from_json(payload), True
    built = build_timeline(articles, max_dates=max_dates, sentences_per_date=sentences_per_date)
    store.put_summary(story.id, version=story.version, method=key, payload=timeline_to_json(built))
    return built, False


def compare(store: Store, story_id: str) -> StoryComparison:
    """Facts of the story's articles labelled agreed / changed / disputed / single-source
    (``storyline.compare``). Not cached on its own: the story page that shows it is; what the
    parse read in each article is (``engine.readings``)."""
    from storyline.compare import compare as compare_articles
    from storyline.engine.readings import readings

    story, articles = story_and_articles(store, story_id)
    read = readings(store, articles)
    return StoryComparison(story, compare_articles(articles, readings=read), articles)


def story(
    store: Store,
    story_id: str,
    *,
    words: int | None = 250,
    sentences: int | None = None,
    method: str = DEFAULT_METHOD,
    max_dates: int | None = None,
    limits: Mapping[str, int] | None = None,
) -> StoryView:
    """Everything a story page shows, as a view model (``storyline.views``) that any renderer
    takes: summary with resolved citations, timeline, facts, outlets, articles and reprints.

    ``limits`` caps the lists (``views.PAGE_LIMITS`` for the web page). The view is cached in the
    store per story version and reprint count (a reprint changes the outlets but not the version),
    so a warm page costs two queries instead of loading every article of the story.
    """
    from storyline import views
    from storyline.compare import compare as compare_articles
    from storyline.engine.languages import story_languages
    from storyline.engine.readings import readings

    row = story_info(store, story_id)
    caps = dict(sorted((limits or {}).items()))
    key = (
        f"{PAGE_CACHE}@{code_version()} {method} words={words} sentences={sentences} "
        f"dates={max_dates} {caps}"
    )
    payload = store.cached_summary(story_id, version=row.version, method=key)
    if payload is not None:
        page = views.data.from_data(views.StoryView, json.loads(payload))
        if page.story.reprints == row.reprints:
            return page
    row, articles = story_and_articles(store, story_id)  # loaded once for all three results
    summary, _ = _summary(store, row, articles, words, sentences, method)
    dated, _ = _timeline(store, row, articles, max_dates, 1)
    page = views.story_view(
        row,
        summary=summary,
        timeline=dated,
        comparison=compare_articles(articles, readings=readings(store, articles)),
        articles=articles,
        reprints=_reprints(store, [a.id for a in articles]),
        limits=caps,
        language_note=views.build.language_note(story_languages(store, story_id)),
    )
    store.put_summary(
        story_id,
        version=row.version,
        method=key,
        payload=json.dumps(views.data.to_data(page), ensure_ascii=False),
    )
    return page


@dataclass(frozen=True)
class SearchPage:
    """One page of search hits, and whether more match after it: a page cut at ``limit`` must
    not read as every match (a reader told "20 results" would think that is all there is)."""

    hits: tuple[SearchHit, ...]
    more: bool


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> SearchPage:
    """Full-text search of titles and bodies (plain words; query syntax is never an operator),
    best first; ``offset`` skips that many hits, for paging."""
    if limit < 1 or offset < 0:
        raise InvalidRequest(f"limit must be >= 1 and offset >= 0, got {limit} and {offset}.")
    found = store.search(query, limit=limit + offset + 1)[offset:]
    return SearchPage(hits=tuple(found[:limit]), more=len(found) > limit)


def article_report(store: Store, article_id: str) -> ArticleReport:
    """One stored article with its removals, its story, and its canonical copy or reprints."""
    found = store.articles([article_id])
    if not found:
        raise ArticleNotFound(article_id)
    canonical = store.canonical([article_id]).get(article_id)
    copies = () if canonical else tuple(store.reprints([article_id]).get(article_id, ()))
    return ArticleReport(
        article=found[0],
        raw=store.raw_text(article_id),
        story=store.story_of([article_id]).get(article_id),
        canonical=canonical,
        reprints=copies,
    )


@dataclass(frozen=True)
class StoreHealth:
    """What a store holds, and the posts answered 202 and not yet ingested (``/api/health``)."""

    counts: StoreCounts
    queued_posts: int


def health(store: Store) -> StoreHealth:
    """The store's counts and its inbox's length: cheap, for a liveness probe."""
    return StoreHealth(counts=store.counts(), queued_posts=store.queued_count())
