"""The story list a reader scans: served from the store's ranking table, kept by the writer.

Why a table and not a query over the stories: listing used to read every story with its outlets
and sort them in Python, so its cost grew with the store and collapsed under concurrency (26
req/s at one client, 7 at 32 on a 48.5k-article store; issue 17.4). Now every batch refreshes
the rows of the stories it touched (``Store.write_batch``), and a page of the list is one indexed
``LIMIT`` query whatever the size of the store.

What a row holds: label, a one-line snippet (the lead sentence of the article whose headline is
the label, computed here when a batch writes the story, so listing never reads article text),
article/reprint/outlet counts, first and last seen, and when the story last changed, which
gives the "updated since your last visit" marker. Single-article stories are collapsed by
default (``min_articles=2``): they are most of a store's stories and rarely what a reader wants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from storyline.engine.errors import InvalidRequest
from storyline.store.base import STORY_LIST_SORTS, ListedStory, StoryListPage

if TYPE_CHECKING:
    from storyline.models import Article
    from storyline.store import Member, Store, StoryUpdate

__all__ = [
    "DEFAULT_MIN_ARTICLES",
    "SNIPPET_CHARS",
    "STORY_SORTS",
    "is_updated",
    "lead_sentence",
    "list_stories",
    "parse_since",
    "with_snippets",
]

STORY_SORTS = STORY_LIST_SORTS
DEFAULT_MIN_ARTICLES = 2
SNIPPET_CHARS = 240  # one line on a wide screen; longer leads are cut at a word
_MIN_LEAD_WORDS = 8  # shorter: a caption, a dateline or a kicker, not the lead (dedup's line floor)
_WORDS = re.compile(r"\w+")


def lead_sentence(article: Article, *, label: str = "") -> str:
    """The article's first real sentence (one of ``_MIN_LEAD_WORDS`` words or more, so a
    caption, dateline or kicker left above the lead is skipped), cut to ``SNIPPET_CHARS`` at a
    word boundary. A sentence that repeats ``label`` is skipped too: an article without a title
    is labelled by its first line, and the list would print that line twice."""
    from storyline.text import LIST_MARKER, split_paragraph

    for paragraph in article.text.split("\n"):
        for start, end in split_paragraph(paragraph):
            lead = LIST_MARKER.sub("", paragraph[start:end])
            if len(_WORDS.findall(lead)) < _MIN_LEAD_WORDS or _repeats(lead, label):
                continue
            if len(lead) > SNIPPET_CHARS:
                lead = lead[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"
            return lead
    return ""


def _label_words(label: str) -> tuple[list[str], bool]:
    """A label's words in lower case, and whether it was cut ("…"): a label is its headline
    re-cased when shouted and cut to a length, so it is matched by words, not as a string."""
    words = _WORDS.findall(label.casefold())
    cut = label.rstrip().endswith(("…", "..."))
    return (words[:-1] if cut else words), cut  # the cut may split the last word


def _is_label(headline: str, label: str) -> bool:
    said, cut = _label_words(label)
    words = _WORDS.findall(headline.casefold())
    return bool(said) and (words == said or (cut and words[: len(said)] == said))


def _repeats(sentence: str, label: str) -> bool:
    """Whether ``sentence`` says ``label`` again: the same words, or either one opening the
    other (a label cut at "…" from a long first line, or a first line of two sentences)."""
    said, _ = _label_words(label)
    words = _WORDS.findall(sentence.casefold())
    shorter = min(len(words), len(said))
    return shorter >= _MIN_LEAD_WORDS and words[:shorter] == said[:shorter]


def _headline(article: Article) -> str:
    from storyline.cluster.events import lead_line

    return article.title or lead_line(article.text)


def with_snippets(
    updates: Iterable[StoryUpdate],
    members: Sequence[Member],
    articles: Sequence[Article],
    *,
    new: Iterable[str] = (),
) -> tuple[StoryUpdate, ...]:
    """``updates`` with their snippet set where this batch decides it: the lead sentence of the
    batch article whose headline is the story's label (the clusterer picks the label by
    centrality, so that is the story's most central article), or for a story new in the batch
    (``new``), of its first article. Otherwise None: the stored snippet stays."""
    by_id = {a.id: a for a in articles}
    of_story: dict[str, list[Article]] = {}
    for member in members:
        if member.article_id in by_id:
            of_story.setdefault(member.story, []).append(by_id[member.article_id])
    fresh = set(new)
    out = []
    for update in updates:
        heads = of_story.get(update.id, [])
        chosen = next((a for a in heads if _is_label(_headline(a), update.label)), None)
        if chosen is None and update.id in fresh and heads:
            chosen = heads[0]
        snippet = lead_sentence(chosen, label=update.label) if chosen is not None else None
        out.append(replace(update, snippet=snippet))
    return tuple(out)


def list_stories(
    store: Store,
    *,
    sort: str = "newest",
    limit: int = 50,
    offset: int = 0,
    min_articles: int = DEFAULT_MIN_ARTICLES,
    seen_since: date | None = None,
) -> StoryListPage:
    """A page of the story list: ``newest`` (last seen first) or ``most-covered`` (outlets,
    then articles and reprints), stories of at least ``min_articles`` articles (reprints
    included), last seen on or after ``seen_since``."""
    if sort not in STORY_SORTS:
        raise InvalidRequest(f"Unknown sort {sort!r}; use one of {', '.join(STORY_SORTS)}.")
    if limit < 1 or offset < 0:
        raise InvalidRequest(f"limit must be >= 1 and offset >= 0, got {limit} and {offset}.")
    if min_articles < 1:
        raise InvalidRequest(f"min_articles must be >= 1, got {min_articles}.")
    return store.story_list(
        sort=sort, min_articles=min_articles, seen_since=seen_since, limit=limit, offset=offset
    )


def parse_since(text: str | None) -> datetime | None:
    """An "updated since" time from ISO 8601 (a date means its midnight UTC); naive times are
    UTC. Raises ValueError with the expected form."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(
            f"updated_since {text!r} is not an ISO 8601 date or time, e.g. 2026-05-18 or "
            "2026-05-18T09:30:00Z."
        ) from exc
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def is_updated(s: ListedStory, since: datetime) -> bool:
    """Whether the story changed after ``since`` (new stories included)."""
    return utc(s.changed_at) > utc(since)


def utc(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
