"""One registry of pluggable methods, read by the CLI choices, the API schema and the docs.

Entries are ``"module:attribute"`` strings resolved on first use: registering costs no import, so
the CLI starts fast and an optional extra is imported only when its method is asked for. The names
of the other choices (embedders, batch engines, report formats) are plain tuples here for the
same reason: the modules that implement them import numpy or Dask, and the CLI builds its parser
from these names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# Features for story matching (``storyline.embeddings``: ``ingest --embedder``).
EMBEDDERS = ("auto", "lexical", "wordllama", "minilm")
# How ``storyline batch`` runs its tasks (``storyline.runners``: ``batch --engine``).
ENGINES = ("local", "dask")
# What a story or summary report is written as (``storyline.views.render``: ``--format``).
REPORT_FORMATS = ("md", "json", "html")


@dataclass(frozen=True)
class Entry:
    name: str
    target: str  # "package.module:factory"
    description: str
    extra: str | None = None  # the pip extra that provides its dependencies, if any


class Registry(Generic[T]):
    def __init__(self, kind: str, entries: list[Entry]) -> None:
        self.kind = kind
        self._entries = {e.name: e for e in entries}

    def names(self) -> list[str]:
        return list(self._entries)

    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def entry(self, name: str) -> Entry:
        try:
            return self._entries[name]
        except KeyError:
            known = ", ".join(self._entries)
            raise ValueError(f"Unknown {self.kind} {name!r}; choose one of: {known}.") from None

    def factory(self, name: str) -> Callable[..., T]:
        entry = self.entry(name)
        module_name, _, attr = entry.target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            hint = (
                f" Install it with: pip install 'storyline[{entry.extra}]'." if entry.extra else ""
            )
            raise RuntimeError(f"The {self.kind} {name!r} needs {exc.name!r}.{hint}") from exc
        factory: Callable[..., T] = getattr(module, attr)
        return factory

    def create(self, name: str, **options: object) -> T:
        return self.factory(name)(**options)


# Imported here only for typing; the protocol module itself imports nothing heavy.
from storyline.summarizers.base import Summarizer  # noqa: E402

summarizers: Registry[Summarizer] = Registry(
    "summarizer",
    [
        Entry(
            "storyline",
            "storyline.summarizers.concepts:ConceptSummarizer",
            "Cross-outlet concept coverage (default): content several outlets share counts more.",
        ),
        Entry(
            "lexrank",
            "storyline.summarizers.graph:LexRank",
            "LexRank (Erkan & Radev 2004): eigenvector centrality of the sentence graph.",
        ),
        Entry(
            "centroid",
            "storyline.summarizers.graph:Centroid",
            "Centroid (Radev et al. 2004): sentences closest to the TF-IDF centroid.",
        ),
        Entry(
            "lead",
            "storyline.summarizers.graph:Lead",
            "Round-robin lead: first sentences of each article in turn.",
        ),
        Entry(
            "sumy-lexrank",
            "storyline.summarizers.peers:SumyLexRank",
            "sumy's LexRank, an outside peer for benchmarks.",
            extra="eval",
        ),
    ],
)
