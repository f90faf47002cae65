"""Rows of lists: stories and search hits, as the CLI, the API and the UI show them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.views.citations import iso
from storyline.views.model import HitView, SnippetPart

if TYPE_CHECKING:
    from storyline.store import SearchHit

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
