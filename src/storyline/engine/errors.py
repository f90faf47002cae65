"""The errors the engine raises for a caller's mistake, typed so front ends can map them.

They subclass ``ValueError`` (a bad request is a bad value) so ``except ValueError`` keeps
working; the HTTP API maps ``NotFound`` to 404 and every other ``StorylineError`` to 400, and the
CLI prints the message and exits 2.
"""

from __future__ import annotations


class StorylineError(ValueError):
    """A request storyline cannot serve as asked; the message says how to fix it."""


class NotFound(StorylineError):
    """Something asked for by id is not in the store."""


class StoryNotFound(NotFound):
    def __init__(self, story_id: str) -> None:
        super().__init__(f"No story {story_id!r} in the store; `storyline stories` lists them.")
        self.story_id = story_id


class ArticleNotFound(NotFound):
    def __init__(self, article_id: str) -> None:
        super().__init__(f"No article {article_id!r} in the store.")
        self.article_id = article_id


class InvalidRequest(StorylineError):
    """An option out of range or of the wrong kind (a limit below 1, an unknown sort)."""
