"""The Summarizer protocol: one call signature for every method in the registry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from storyline.models import Article, Budget, Summary


class Summarizer(Protocol):
    name: str

    def summarize(self, articles: Sequence[Article], *, budget: Budget) -> Summary:
        """A summary of ``articles`` within ``budget``; every sentence cites its sources."""
        ...
