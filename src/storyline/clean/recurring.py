"""Lines one outlet prints under many of its articles (a footer, a promotion): its
boilerplate, learnt from a batch of the outlet's articles, not from a list."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from storyline.clean.furniture import SHORT_CHARS
from storyline.clean.paragraphs import normalise, split_paragraphs
from storyline.models import RawDocument

log = logging.getLogger(__name__)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Containment of the smaller set in the larger (1.0: all of one article is in the other)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _distinct_stories(bodies: Iterable[frozenset[str]]) -> int:
    """How many of these articles are different stories rather than updates of one.

    An outlet that reprints one story three times (each update) repeats its paragraphs; that is
    content, not boilerplate, so versions sharing most of their body count once.
    """
    stories: list[frozenset[str]] = []
    for body in bodies:
        if all(_overlap(body, other) <= 0.5 for other in stories):
            stories.append(body)
    return len(stories)


def _recurring_in(articles: list[frozenset[str]], min_count: int, min_share: float) -> set[str]:
    counts = Counter(p for paragraphs in articles for p in paragraphs)
    needed = max(min_count, min_share * len(articles))
    candidates = {p for p, n in counts.items() if n >= needed and len(p) <= SHORT_CHARS}
    # An article that is mostly shared lines is a version of another article, not a story with a
    # footer: its shared lines are content.
    versions = [a for a in articles if len(a & candidates) > len(a) / 2]
    out: set[str] = set()
    for candidate in candidates:
        if any(candidate in a for a in versions):
            continue
        bodies = (a - candidates for a in articles if candidate in a)
        if _distinct_stories(bodies) >= min_count:
            out.add(candidate)
    return out


def find_recurring(
    docs: Sequence[RawDocument], *, min_count: int = 3, min_share: float = 0.5
) -> frozenset[str]:
    """Normalised paragraphs that one source prints in many of its articles: its boilerplate.

    A paragraph qualifies when it appears in at least ``min_count`` articles of the same source, and
    in at least ``min_share`` of that source's articles, and those articles are different stories.
    Documents without a source are grouped together.
    """
    if min_count < 2:
        raise ValueError(
            f"min_count must be at least 2 (a line in one article does not recur), got {min_count}."
        )
    if not 0.0 < min_share <= 1.0:
        raise ValueError(
            f"min_share is a fraction of a source's articles in (0, 1], got {min_share}."
        )
    by_source: dict[str, list[frozenset[str]]] = defaultdict(list)
    for doc in docs:
        paragraphs = frozenset(normalise(p) for p in split_paragraphs(doc.text))
        by_source[doc.source or ""].append(paragraphs)
    out: set[str] = set()
    for source, articles in by_source.items():
        if len(articles) >= min_count:
            found = _recurring_in(articles, min_count, min_share)
            if found:
                log.debug("source %r: %d recurring paragraphs", source, len(found))
            out |= found
    return frozenset(out)
