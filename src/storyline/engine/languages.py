"""Which languages a story's articles are in; what a page says of them is
``views.build.language_note``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.store.base import FollowStore

if TYPE_CHECKING:
    from storyline.store import Store

__all__ = ["story_languages"]


def story_languages(store: Store, story_id: str) -> dict[str, int]:
    """Languages of a story's canonical articles and how many of each (unlabelled ones as "en":
    they were stored before detection, when storyline read English only)."""
    from collections import Counter

    from storyline.language import ENGLISH

    ids = [m.article_id for m in store.members(story_id)]
    found = store.languages(ids) if isinstance(store, FollowStore) else {}
    return dict(Counter(found.get(i, ENGLISH) for i in ids).most_common())
