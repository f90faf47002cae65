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
    """What a story page should say when some of its articles are not in English, else None.

    An article the detector could not place (``UNKNOWN``: short, mixed, or English printed with
    a space before each comma, as tokenised archives are) is not said to be in another language:
    "1 in und" read as a foreign article to a reader of 24 English ones."""
    from storyline.language import ENGLISH_ONLY, UNKNOWN, is_english

    other = {lang: n for lang, n in languages.items() if not is_english(lang) and lang != UNKNOWN}
    unknown = languages.get(UNKNOWN, 0)
    if not other and not unknown:
        return None
    total = sum(languages.values())
    said = []
    if other:
        named = ", ".join(f"{n} in {lang}" for lang, n in other.items())
        said.append(f"{_of(sum(other.values()), total)} not in English ({named}).")
    if unknown:
        said.append(f"{_of(unknown, total)} in a language storyline could not tell.")
    return (
        f"{' '.join(said)} English-only parts: {', '.join(ENGLISH_ONLY)}; for those articles "
        "they may be missing or wrong."
    )


def _of(n: int, total: int) -> str:
    return f"{n} of {total} articles {'is' if n == 1 else 'are'}"
