"""Summaries as Markdown (footnote citations), JSON and a self-contained HTML page.

Article text is hostile input: the HTML rendering escapes every piece of it and carries no script,
so
a ``<script>`` in a headline shows as text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from storyline.models import Article, Citation, ReadError, Summary

if TYPE_CHECKING:
    from storyline.timeline import Timeline


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _coverage(articles: Sequence[Article], outlets: set[str]) -> str:
    return f"{_count(len(articles), 'article')} from {_count(len(outlets), 'outlet')}"


def _article_map(articles: Sequence[Article]) -> dict[str, tuple[int, Article]]:
    return {a.id: (k, a) for k, a in enumerate(articles)}


def _footnote_numbers(summary: Summary, articles: Sequence[Article]) -> dict[str, int]:
    """Footnote numbers in order of first citation, so [1] is the first source the reader meets."""
    known = _article_map(articles)
    numbers: dict[str, int] = {}
    for sentence in summary.sentences:
        for c in sentence.citations:
            if c.article_id in known and c.article_id not in numbers:
                numbers[c.article_id] = len(numbers) + 1
    return numbers


def _marks(sentence_citations: Sequence[Citation], numbers: dict[str, int]) -> list[int]:
    """Footnote numbers of one sentence, each once, in citation order."""
    out: list[int] = []
    for c in sentence_citations:
        n = numbers.get(c.article_id)
        if n is not None and n not in out:
            out.append(n)
    return out


def _describe(article: Article) -> str:
    parts = [article.outlet]
    if article.title:
        parts.append(f"“{article.title}”")
    if article.published:
        parts.append(article.published.isoformat())
    if article.url:
        parts.append(article.url)
    return ", ".join(parts)


def _span(article: Article, c: Citation) -> str:
    return article.text[c.start : c.end]


def to_markdown(summary: Summary, articles: Sequence[Article]) -> str:
    known = _article_map(articles)
    numbers = _footnote_numbers(summary, articles)
    outlets = {a.outlet for a in articles}
    lines = [
        f"# Summary of {_coverage(articles, outlets)}",
        "",
        f"_{summary.words} words, method {summary.method}_",
        "",
    ]
    for sentence in summary.sentences:
        marks = "".join(f"[^{n}]" for n in _marks(sentence.citations, numbers))
        lines += [f"{sentence.text}{marks}", ""]
    for article_id, number in numbers.items():
        lines.append(f"[^{number}]: {_describe(known[article_id][1])}")
    return "\n".join(lines).rstrip() + "\n"


def to_json(summary: Summary, articles: Sequence[Article], errors: Sequence[ReadError] = ()) -> str:
    known = _article_map(articles)
    payload = {
        "method": summary.method,
        "settings": summary.settings,
        "summary": summary.text,
        "sentences": [
            {
                "text": s.text,
                "citations": [
                    {
                        "article": c.article_id,
                        "doc": known[c.article_id][0],
                        "outlet": known[c.article_id][1].outlet,
                        "start": c.start,
                        "end": c.end,
                        "text": _span(known[c.article_id][1], c),
                        "score": c.score,
                    }
                    for c in s.citations
                    if c.article_id in known
                ],
            }
            for s in summary.sentences
        ],
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "date": a.published.isoformat() if a.published else None,
                "origin": a.origin,
                "removed": [
                    {"kind": r.kind, "text": r.text, "reason": r.reason} for r in a.removed
                ],
            }
            for a in articles
        ],
        "errors": [{"origin": e.origin, "problem": e.problem} for e in errors],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body{{font:17px/1.55 Georgia,serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}}
sup a{{text-decoration:none;font:12px sans-serif;color:#05c}}
.meta{{color:#666;font:14px sans-serif}} ol{{font:14px sans-serif;color:#444}}
</style></head><body>
<h1>{title}</h1><p class="meta">{meta}</p>
{body}
<h2>Sources</h2><ol>{sources}</ol>
</body></html>
"""


def to_html(summary: Summary, articles: Sequence[Article]) -> str:
    known = _article_map(articles)
    numbers = _footnote_numbers(summary, articles)
    paragraphs = []
    for sentence in summary.sentences:
        marks = []
        shown: set[str] = set()
        for c in sentence.citations:
            if c.article_id not in numbers or c.article_id in shown:
                continue
            shown.add(c.article_id)
            article = known[c.article_id][1]
            tip = f"{article.outlet}: {_span(article, c)}"
            n = numbers[c.article_id]
            marks.append(f'<sup><a href="#src{n}" title="{escape(tip)}">[{n}]</a></sup>')
        paragraphs.append(f"<p>{escape(sentence.text)}{''.join(marks)}</p>")
    sources = "".join(
        f'<li id="src{n}">{escape(_describe(known[aid][1]))}</li>' for aid, n in numbers.items()
    )
    outlets = {a.outlet for a in articles}
    return _PAGE.format(
        title="Summary",
        meta=escape(f"{_coverage(articles, outlets)} · {summary.words} words · {summary.method}"),
        body="\n".join(paragraphs),
        sources=sources,
    )


RENDERERS = {"md": to_markdown, "html": to_html}


# --- timelines ----------------------------------------------------------------------------------


def timeline_markdown(
    timeline: Timeline, articles: Sequence[Article], *, label: str = "", level: int = 2
) -> str:
    """One heading a date, its cited sentences under it, footnotes for the sources. ``label``
    prefixes footnote names so a timeline can sit beside a summary's own footnotes."""
    known = _article_map(articles)
    numbers: dict[str, int] = {}
    for entry in timeline.entries:
        for s in entry.sentences:
            for c in s.citations:
                if c.article_id in known and c.article_id not in numbers:
                    numbers[c.article_id] = len(numbers) + 1
    lines = [f"{'#' * (level - 1)} Timeline of {len(articles)} articles", ""]
    if timeline.reason:
        lines += [f"No timeline: {timeline.reason}", ""]
    for entry in timeline.entries:
        lines += [f"{'#' * level} {entry.date.isoformat()}", ""]
        for s in entry.sentences:
            marks = "".join(f"[^{label}{n}]" for n in _marks(s.citations, numbers))
            lines += [f"- {s.text}{marks}"]
        lines.append("")
    for article_id, number in numbers.items():
        lines.append(f"[^{label}{number}]: {_describe(known[article_id][1])}")
    return "\n".join(lines).rstrip() + "\n"


def timeline_html(timeline: Timeline, articles: Sequence[Article]) -> str:
    known = _article_map(articles)
    numbers: dict[str, int] = {}
    blocks = []
    for entry in timeline.entries:
        items = []
        for s in entry.sentences:
            marks = []
            for c in s.citations:
                if c.article_id not in known:
                    continue
                n = numbers.setdefault(c.article_id, len(numbers) + 1)
                article = known[c.article_id][1]
                tip = f"{article.outlet}: {_span(article, c)}"
                marks.append(f'<sup><a href="#src{n}" title="{escape(tip)}">[{n}]</a></sup>')
            items.append(f"<li>{escape(s.text)}{''.join(marks)}</li>")
        blocks.append(f"<h2>{entry.date.isoformat()}</h2><ul>{''.join(items)}</ul>")
    if timeline.reason:
        blocks.append(f"<p>No timeline: {escape(timeline.reason)}</p>")
    sources = "".join(
        f'<li id="src{n}">{escape(_describe(known[aid][1]))}</li>' for aid, n in numbers.items()
    )
    return _PAGE.format(
        title="Timeline",
        meta=escape(f"{len(articles)} articles · {len(timeline.entries)} dates"),
        body="\n".join(blocks),
        sources=sources,
    )
