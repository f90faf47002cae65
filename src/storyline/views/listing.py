"""Rows of lists and what is new: stories, search hits and a story's update since a date, as the
CLI, the API and the UI show them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.views.citations import iso
from storyline.views.markdown import printable
from storyline.views.model import HitView, SnippetPart

if TYPE_CHECKING:
    from datetime import date, datetime

    from storyline.engine.updates import UpdateReport
    from storyline.store import SearchHit
    from storyline.store.base import ListedStory, StoryListPage

# The stores mark matches in a snippet as [word]; a bracket pair is taken for a mark only when its
# words match the query, so brackets that were in the article stay as they were.
_MARKED = re.compile(r"\[([^\[\]\n]{1,80})\]")
_WORD = re.compile(r"\w+")


def _matches(text: str, query: set[str]) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    return bool(words) and all(any(w[:4] == q[:4] for q in query) for w in words)


def hit_view(hit: SearchHit, query: str = "") -> HitView:
    terms = {w.lower() for w in _WORD.findall(query)}
    parts: list[SnippetPart] = []
    at = 0
    for match in _MARKED.finditer(hit.snippet):
        if terms and not _matches(match.group(1), terms):
            continue
        if match.start() > at:
            parts.append(SnippetPart(hit.snippet[at : match.start()], mark=False))
        parts.append(SnippetPart(match.group(1), mark=True))
        at = match.end()
    if at < len(hit.snippet):
        parts.append(SnippetPart(hit.snippet[at:], mark=False))
    return HitView(
        article_id=hit.article_id,
        story=hit.story,
        title=hit.title,
        outlet=hit.outlet,
        date=iso(hit.published),
        snippet="".join(p.text for p in parts),
        parts=tuple(parts),
        score=hit.score,
    )


def listed_data(s: ListedStory, *, updated_since: datetime | None = None) -> dict[str, object]:
    """A story-list row as the HTTP API and ``storyline stories --format json`` give it;
    ``updated`` is set when ``updated_since`` is given."""
    from storyline.engine.listing import is_updated, utc

    out: dict[str, object] = {
        "id": s.id,
        "label": s.label,
        "snippet": s.snippet,
        "keywords": list(s.keywords),
        "outlets": list(s.outlets),
        "outlet_count": s.outlet_count,
        "first_seen": iso(s.first_seen),
        "last_seen": iso(s.last_seen),
        "articles": s.articles,
        "reprints": s.reprints,
        "version": s.version,
        "changed_at": utc(s.changed_at).isoformat(timespec="seconds"),
    }
    if updated_since is not None:
        out["updated"] = is_updated(s, updated_since)
    return out


def stories_table(
    page: StoryListPage,
    *,
    min_articles: int = 1,
    updated_since: datetime | None = None,
    seen_since: date | None = None,
) -> str:
    """The story list as ``storyline stories`` prints it (article text made :func:`printable`: a
    terminal obeys escape sequences): one row per story (its snippet under it), ``*`` before the
    label of a story changed since ``updated_since``, and a count line that names the filters
    (``min_articles``, ``seen_since``); no story is one line that says which filters to ease."""
    from storyline.engine.listing import is_updated

    found = page.stories
    hidden = "" if min_articles < 2 else f" of {min_articles}+ articles"
    window = f" seen since {seen_since.isoformat()}" if seen_since else ""
    if not page.total:
        ease = [
            *(["--min-articles 1"] if min_articles > 1 else []),
            *(["an earlier --since"] if seen_since else []),
        ]
        hint = f"; try {' or '.join(ease)}" if ease else ""
        return f"No story{hidden}{window}{hint}."
    width = max((len(s.id) for s in found), default=8)  # loaded batch runs: w000012.s00003
    lines = [
        f"{'story':{width}} {'last seen':10} {'articles':>8} {'reprints':>8} {'outlets':>7}  label"
    ]
    for s in found:
        seen = s.last_seen.isoformat() if s.last_seen else "-"
        outlets = str(s.outlet_count) if s.outlet_count else "-"  # none named (files)
        mark = "* " if updated_since and is_updated(s, updated_since) else ""
        lines.append(
            f"{s.id:{width}} {seen:10} {s.articles:8} {s.reprints:8} {outlets:>7}  "
            f"{mark}{printable(s.label)}"
        )
        if s.snippet:
            lines.append(f"{'':{width}} {printable(s.snippet)}")
    marked = " (* updated)" if updated_since else ""
    noun = "story" if page.total == 1 else "stories"
    lines.append(f"{len(found)} of {page.total} {noun}{hidden}{window}{marked}")
    return "\n".join(lines)


def hits_table(hits: Sequence[SearchHit]) -> str:
    """Search hits as ``storyline search`` prints them: story, date, outlet and title, then the
    snippet."""
    lines = []
    for h in hits:
        seen = h.published.isoformat() if h.published else "undated"
        name = printable(f"{h.outlet}: {h.title or h.article_id}")
        lines.append(f"{h.story or '-'}  {seen}  {name}")
        lines.append(f"    {printable(h.snippet)}")
    return "\n".join(lines)


def more_hits(*, offset: int, shown: int) -> str:
    """``storyline search``: which hits a page showed when more match, and how to see the next."""
    first, last = offset + 1, offset + shown
    hits = f"hit {first}" if first == last else f"hits {first}-{last}"
    return (
        f"{hits} shown, more match: --offset {last} shows the next, or add words to narrow the "
        "search."
    )


def update_data(report: UpdateReport) -> dict[str, object]:
    """What is new since a date (API ``?since=``, ``storyline story --since --format json``):
    sentences with citations by article id and span into that article's text."""
    story = None if report.story is None else {"id": report.story[0], "label": report.story[1]}
    return {
        "story": story,
        "since": iso(report.since),
        "earlier_articles": len(report.earlier),
        "later_articles": [a.id for a in report.later],
        "restated_left_out": report.restated,
        "reason": report.reason,
        "key_numbers": None,  # left to the facts stage: see engine.updates
        "sentences": [
            {
                "text": s.text,
                "citations": [
                    {"article_id": c.article_id, "start": c.start, "end": c.end, "score": c.score}
                    for c in s.citations
                ],
            }
            for s in report.summary.sentences
        ],
    }
