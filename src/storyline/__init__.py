"""storyline: cited, de-duplicated stories from news articles of many outlets.

>>> import storyline
>>> report = storyline.summarize(["examples/kessel-dam"], words=120)  # files or folders
>>> report = storyline.summarize(texts=["The dam gave way on Tuesday ..."])  # texts in memory
>>> report = storyline.summarize(list(report.articles))  # Article values
>>> print(report.summary.text)

Everything else (a story store, timelines, facts across outlets, search) is in
``storyline.engine``; ``storyline.views`` renders any result as Markdown, JSON or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.models import Article, Budget, Citation, ReadError, Summary, SummarySentence

if TYPE_CHECKING:  # keeps `import storyline` (and `storyline --help`) fast
    from storyline.engine import SummaryReport

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
    inputs: str | Path | Sequence[str | Path] | Sequence[Article] | None = None,
    *,
    texts: Sequence[str] | None = None,
    words: int | None = 250,
    sentences: int | None = None,
    method: str = "storyline",
) -> SummaryReport:
    """Summarize articles with citations: ``inputs`` are paths (files, folders, ``-`` for stdin)
    or ``Article`` values; ``texts`` are article texts in memory. A string in ``inputs`` that is
    not an existing path is an error, not an empty summary (pass text as ``texts=``)."""
    from storyline import engine

    if (inputs is None) == (texts is None):
        raise TypeError("summarize() takes paths or Article values, or texts=[...]: one of them.")
    if texts is not None:
        if isinstance(texts, str):
            raise TypeError("texts must be a list of strings, e.g. texts=[article_text].")
        corpus = engine.read_texts(texts)
        return _report(corpus.articles, corpus.errors, words, sentences, method)
    items: Sequence[object] = [inputs] if isinstance(inputs, (str, Path)) else list(inputs or [])
    if items and all(isinstance(i, Article) for i in items):
        articles = tuple(i for i in items if isinstance(i, Article))
        return _report(articles, (), words, sentences, method)
    paths: list[str | Path] = []
    for item in items:
        if not isinstance(item, (str, Path)):
            raise TypeError(f"Cannot summarize a {type(item).__name__}: give paths or Articles.")
        if str(item) != "-" and not Path(item).exists():
            shown = str(item) if len(str(item)) < 60 else str(item)[:57] + "..."
            raise FileNotFoundError(
                f"No file or folder {shown!r}; to summarize text, pass it as texts=[...]."
            )
        paths.append(item)
    return engine.summarize_paths(paths, words=words, sentences=sentences, method=method)


def _report(
    articles: tuple[Article, ...],
    errors: Sequence[ReadError],
    words: int | None,
    sentences: int | None,
    method: str,
) -> SummaryReport:
    from storyline import engine

    summary = engine.summarize(articles, words=words, sentences=sentences, method=method)
    return engine.SummaryReport(summary=summary, articles=articles, errors=tuple(errors))
