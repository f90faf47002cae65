"""Which languages a story's articles are in, and what its page should say about them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.store.base import FollowStore

if TYPE_CHECKING:
    from storyline.store import Store

__all__ = ["language_note", "story_languages"]


def story_languages(store: Store, story_id: str) -> dict[str, int]:
    """Languages of a story's canonical articles and how many of each (unlabelled ones as "en":
    they were stored before detection, when storyline read English only)."""
    from collections import Counter

    from storyline.language import ENGLISH

    ids = [m.article_id for m in store.members(story_id)]
    found = store.languages(ids) if isinstance(store, FollowStore) else {}
    return dict(Counter(found.get(i, ENGLISH) for i in ids).most_common())


def language_note(languages: dict[str, int]) -> str | None:
    """What a story page should say when some of its articles are not in English, else None."""
    from storyline.language import ENGLISH_ONLY, is_english

    other = {lang: n for lang, n in languages.items() if not is_english(lang)}
    if not other:
        return None
    total = sum(languages.values())
    named = ", ".join(f"{n} in {lang}" for lang, n in other.items())
    return (
        f"{sum(other.values())} of {total} articles are not in English ({named}). "
        f"English-only parts: {', '.join(ENGLISH_ONLY)}; for those articles they may be "
        "missing or wrong."
    )
