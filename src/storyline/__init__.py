"""storyline: cited, de-duplicated stories from news articles of many outlets.

>>> import storyline
>>> report = storyline.summarize(["examples/"], words=120)   # files, folders, or Article objects
>>> print(report.summary.text)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storyline.models import Article, Budget, Citation, Summary, SummarySentence

__version__ = "0.1.0"
__all__ = [
    "Article",
    "Budget",
    "Citation",
    "Summary",
    "SummarySentence",
    "__version__",
    "summarize",
]


def summarize(
    inputs: Sequence[str | Path] | Sequence[Article],
    *,
    words: int | None = 250,
    sentences: int | None = None,
    method: str = "storyline",
) -> engine.SummaryReport:
    """Read (paths) or take (Article objects) articles and summarize them with citations."""
    from storyline import engine

    if inputs and all(isinstance(i, Article) for i in inputs):
        articles = tuple(i for i in inputs if isinstance(i, Article))
        summary = engine.summarize(articles, words=words, sentences=sentences, method=method)
        return engine.SummaryReport(summary=summary, articles=articles, errors=())
    paths = [i for i in inputs if isinstance(i, (str, Path))]
    return engine.summarize_paths(paths, words=words, sentences=sentences, method=method)


if False:  # pragma: no cover - for type checkers only, keeps import time low
    from storyline import engine
