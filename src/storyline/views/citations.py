"""The one citation resolver: a ``Citation`` (article id and span) becomes a numbered mark with
its quote and its article's outlet, title, address and date.

Numbers follow first use on a page, so [1] is the first source a reader meets, and a page keeps
one numbering across its summary and its timeline. A citation of an article the page does not
have is dropped rather than shown with a wrong quote (trust first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from storyline.models import Article, Citation
from storyline.text import LIST_MARKER, locate
from storyline.views.model import ArticleRef, Cite, CitedSentence, Source

_SPACE = re.compile(r"\s+")


def iso(value: object) -> str | None:
    """A date as YYYY-MM-DD (``None`` stays ``None``)."""
    return (
        None if value is None else str(value.isoformat() if hasattr(value, "isoformat") else value)
    )


def article_ref(article: Article, *, audit: bool = False) -> ArticleRef:
    """An article as a page lists it; ``audit`` adds its origin and what cleaning removed."""
    from storyline.views.model import RemovedView

    removed = tuple(RemovedView(r.kind, r.text, r.reason) for r in article.removed) if audit else ()
    return ArticleRef(
        article_id=article.id,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        date=iso(article.published),
        source=article.source if audit else None,
        origin=article.origin if audit else None,
        removed=removed,
        partial=article.partial,
    )


class Resolver:
    """Resolves the citations of one page against the page's articles.

    ``input_texts`` (article id -> the text the reader gave) makes spans index that text instead
    of the cleaned text: a file's own offsets, for tools that point back into their input.
    """

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        input_texts: Mapping[str, str] | None = None,
        per_sentence: int | None = None,
    ) -> None:
        self._articles = {a.id: (k, a) for k, a in enumerate(articles)}
        self._inputs = input_texts or {}
        self._per_sentence = per_sentence
        self._numbers: dict[str, int] = {}

    def number(self, article_id: str) -> int:
        return self._numbers.setdefault(article_id, len(self._numbers) + 1)

    def cite(self, citation: Citation) -> Cite | None:
        found = self._articles.get(citation.article_id)
        if found is None:
            return None
        doc, article = found
        quote = article.text[citation.start : citation.end]
        start, end = citation.start, citation.end
        if article.id in self._inputs:
            span = locate(self._inputs[article.id], quote)
            if span is None:
                return None
            start, end = span
        return Cite(
            n=self.number(article.id),
            doc=doc,
            article_id=article.id,
            outlet=article.outlet,
            title=article.title,
            url=article.url,
            date=iso(article.published),
            start=start,
            end=end,
            quote=quote,
            score=citation.score,
        )

    def sentence(self, text: str, citations: Sequence[Citation]) -> CitedSentence:
        """A sentence with its resolved marks, strongest first, one per article (its strongest
        span), capped at ``per_sentence``."""
        cites: list[Cite] = []
        for x in citations:
            if any(c.article_id == x.article_id for c in cites):
                continue
            resolved = self.cite(x)
            if resolved is not None:
                cites.append(resolved)
        cap = len(cites) if self._per_sentence is None else self._per_sentence
        return CitedSentence(
            text=LIST_MARKER.sub("", text),  # its marks quote the span all the same
            citations=tuple(cites[:cap]),
            more=max(len(cites) - cap, 0),
        )

    def sources(self) -> tuple[Source, ...]:
        """The numbered sources, in number order (what the marks point to)."""
        out = []
        for article_id, n in self._numbers.items():
            article = self._articles[article_id][1]
            out.append(
                Source(
                    n,
                    article.id,
                    article.outlet,
                    article.title,
                    article.url,
                    iso(article.published),
                    article.partial,
                )
            )
        return tuple(out)

    def quote(self, article_id: str, start: int, end: int) -> str | None:
        """The text of a span of a page article, white space folded (for facts evidence)."""
        found = self._articles.get(article_id)
        return None if found is None else _SPACE.sub(" ", found[1].text[start:end]).strip()

    def article(self, article_id: str) -> Article | None:
        found = self._articles.get(article_id)
        return None if found is None else found[1]
