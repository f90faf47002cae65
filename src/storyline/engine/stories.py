"""Stories in a store: listing, cited story reports, timelines, facts, pages, search, and
one-shot clustering of JSONL lines."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from storyline.engine.documents import DEFAULT_METHOD, summarize, timeline_payload
from storyline.models import Article, Summary

if TYPE_CHECKING:
    from storyline.cluster import ClusterSettings
    from storyline.features import ClusterDoc
    from storyline.models import Citation
    from storyline.store import SearchHit, Store, StoredStory
    from storyline.timeline import Timeline

log = logging.getLogger(__name__)

# Stories: each story's cited summary, computed on demand and cached per version (the story list
# is engine/listing.py, served from the store's ranking table).


@dataclass(frozen=True)
class StoryReport:
    story: StoredStory
    summary: Summary
    articles: tuple[Article, ...]  # canonical articles, in the order they joined the story
    reprints: tuple[tuple[Article, str], ...]  # (reprint, canonical id)
    cached: bool


def stories(store: Store, *, since: date | None = None) -> list[StoredStory]:
    """Stored stories last seen on or after ``since``, most recent first."""
    return store.stories(since=since)


def story_report(
    store: Store,
    story_id: str,
    *,
    words: int | None = 250,
    sentences: int | None = None,
    method: str = DEFAULT_METHOD,
) -> StoryReport:
    """A story's cited summary with its outlets and reprints; the summary is cached in the store
    under (story, version, method and budget) and recomputed only after the story changes."""
    story = store.story(story_id)
    if story is None:
        raise ValueError(f"No story {story_id!r} in the store; `storyline stories` lists them.")
    ids = [m.article_id for m in store.members(story_id)]
    articles = tuple(store.articles(ids))
    key = f"{method} words={words} sentences={sentences}"
    payload = store.cached_summary(story_id, version=story.version, method=key)
    if payload is not None:
        summary = summary_from_json(payload)
    else:
        summary = summarize(articles, words=words, sentences=sentences, method=method)
        store.put_summary(
            story_id, version=story.version, method=key, payload=summary_to_json(summary)
        )
    copies = store.reprints(ids)
    reprinted = {a.id: a for a in store.articles([r for rs in copies.values() for r in rs])}
    reprints = tuple(
        (reprinted[r], canonical) for canonical, rs in copies.items() for r in rs if r in reprinted
    )
    return StoryReport(story, summary, articles, reprints, cached=payload is not None)


# Story views for the HTTP API and the web UI: timeline, facts and one page payload, each cached in
# the store's summaries table under its own method key and valid for one story version.


TIMELINE_CACHE = "timeline/1"
COMPARISON_CACHE = "compare/1"
PAGE_CACHE = "page/2"
# A story page stays small however big the story gets: on a synthetic 900-article story the
# uncapped page was 4 MB (every outlet cites every sentence) and served at ~5 pages/s
# (benchmarks/load.py). Totals are kept beside each capped list.
PAGE_CITATIONS = 5  # per sentence, strongest first (the sentence's own article leads)
PAGE_FINDINGS = 15  # per label
PAGE_EVIDENCE = 5  # sentences per finding
PAGE_ARTICLES = 200  # articles and reprints listed


@dataclass(frozen=True)
class StoryTimeline:
    story: StoredStory
    timeline: Timeline
    cached: bool


@dataclass(frozen=True)
class StoryComparison:
    """Facts compared across outlets: ``data`` is ``Comparison.to_json()``, ``markdown`` the same
    rendered with quotes (both kept because a cached ``Comparison`` is not rebuilt from JSON)."""

    story: StoredStory
    data: dict[str, Any]
    markdown: str
    cached: bool


@dataclass(frozen=True)
class ArticleReport:
    """A stored article, what cleaning removed from it, and where it sits among the stories."""

    article: Article
    raw: str | None
    story: str | None
    canonical: str | None  # the canonical article's id when this one is a reprint
    reprints: tuple[str, ...]


def story_and_articles(store: Store, story_id: str) -> tuple[StoredStory, tuple[Article, ...]]:
    """A stored story and its canonical articles."""
    story = store.story(story_id)
    if story is None:
        raise ValueError(f"No story {story_id!r} in the store; `storyline stories` lists them.")
    ids = [m.article_id for m in store.members(story_id)]
    return story, tuple(store.articles(ids))


def story_info(store: Store, story_id: str) -> StoredStory:
    """One story's row (version, counts, outlets): cheap, for deciding whether a page is fresh."""
    story = store.story(story_id)
    if story is None:
        raise ValueError(f"No story {story_id!r} in the store; `storyline stories` lists them.")
    return story


def story_timeline(
    store: Store, story_id: str, *, max_dates: int | None = None, sentences_per_date: int = 1
) -> StoryTimeline:
    """The story's dated timeline (``storyline.timeline.build_timeline``), cached per version."""
    from storyline.timeline import build_timeline

    story = store.story(story_id)
    if story is None:
        raise ValueError(f"No story {story_id!r} in the store; `storyline stories` lists them.")
    key = f"{TIMELINE_CACHE} max_dates={max_dates} sentences_per_date={sentences_per_date}"
    payload = store.cached_summary(story_id, version=story.version, method=key)
    if payload is not None:
        return StoryTimeline(story, timeline_from_json(payload), cached=True)
    story, articles = story_and_articles(store, story_id)
    timeline = build_timeline(articles, max_dates=max_dates, sentences_per_date=sentences_per_date)
    store.put_summary(
        story_id, version=story.version, method=key, payload=timeline_to_json(timeline)
    )
    return StoryTimeline(story, timeline, cached=False)


def story_comparison(store: Store, story_id: str) -> StoryComparison:
    """Facts of the story's articles labelled agreed / changed / disputed / single-source
    (``storyline.compare``), cached per version."""
    from storyline.compare import compare, render_markdown

    story = store.story(story_id)
    if story is None:
        raise ValueError(f"No story {story_id!r} in the store; `storyline stories` lists them.")
    payload = store.cached_summary(story_id, version=story.version, method=COMPARISON_CACHE)
    if payload is not None:
        saved = json.loads(payload)
        return StoryComparison(story, saved["data"], saved["markdown"], cached=True)
    story, articles = story_and_articles(store, story_id)
    comparison = compare(articles)
    data = comparison.to_json()
    markdown = render_markdown(comparison, articles={a.id: a for a in articles})
    store.put_summary(
        story_id,
        version=story.version,
        method=COMPARISON_CACHE,
        payload=json.dumps({"data": data, "markdown": markdown}, ensure_ascii=False, default=str),
    )
    return StoryComparison(story, data, markdown, cached=False)


def story_page(
    store: Store,
    story_id: str,
    *,
    words: int | None = 250,
    max_dates: int | None = None,
    sentences_per_date: int = 1,
) -> dict[str, Any]:
    """Everything a story page shows, JSON-ready: summary with resolved citations, timeline,
    facts, outlets, articles and reprints.

    Cached whole per story version and reprint count (a reprint changes the outlets but not the
    version), so a warm page costs two queries instead of loading every article of the story.
    """
    story = store.story(story_id)
    if story is None:
        raise ValueError(f"No story {story_id!r} in the store; `storyline stories` lists them.")
    key = f"{PAGE_CACHE} words={words} max_dates={max_dates} spd={sentences_per_date}"
    payload = store.cached_summary(story_id, version=story.version, method=key)
    if payload is not None:
        page: dict[str, Any] = json.loads(payload)
        if page["story"]["reprints"] == story.reprints:
            return page
    report = story_report(store, story_id, words=words)
    timeline = story_timeline(
        store, story_id, max_dates=max_dates, sentences_per_date=sentences_per_date
    )
    facts = story_comparison(store, story_id)
    page = _page_dict(report, timeline.timeline, facts)
    store.put_summary(
        story_id,
        version=report.story.version,
        method=key,
        payload=json.dumps(page, ensure_ascii=False, default=str),
    )
    return page


def _page_dict(report: StoryReport, timeline: Timeline, facts: StoryComparison) -> dict[str, Any]:
    known = {a.id: a for a in report.articles}
    numbers: dict[str, int] = {}

    def cites(citations: Sequence[Citation]) -> list[dict[str, Any]]:
        out = []
        for c in citations[:PAGE_CITATIONS]:
            article = known.get(c.article_id)
            if article is None:
                continue
            n = numbers.setdefault(c.article_id, len(numbers) + 1)
            quote = article.text[c.start : c.end]
            out.append(
                {**_article_ref(article), "n": n, "start": c.start, "end": c.end, "quote": quote}
            )
        return out

    summary = [{"text": s.text, "citations": cites(s.citations)} for s in report.summary.sentences]
    entries = [
        {
            "date": e.date.isoformat(),
            "granularity": e.granularity,
            "score": e.score,
            "sentences": [{"text": s.text, "citations": cites(s.citations)} for s in e.sentences],
        }
        for e in timeline.entries
    ]
    findings = []
    shown: Counter[str] = Counter()
    for finding in facts.data.get("findings", []):
        shown[finding["label"]] += 1
        if shown[finding["label"]] > PAGE_FINDINGS:
            continue
        links = []
        for span in finding["sentences"][:PAGE_EVIDENCE]:
            article = known.get(span["article_id"])
            if article is not None:
                quote = article.text[span["start"] : span["end"]]
                links.append({**_article_ref(article), **span, "quote": quote})
        head = {k: finding[k] for k in ("label", "kind", "place", "summary", "outlets")}
        findings.append({**head, "sentences": links, "all_sentences": len(finding["sentences"])})
    return {
        "story": story_to_dict(report.story),
        "summary": {"method": report.summary.method, "sentences": summary},
        "limits": {
            "citations": PAGE_CITATIONS,
            "findings": PAGE_FINDINGS,
            "evidence": PAGE_EVIDENCE,
            "articles": PAGE_ARTICLES,
        },
        "timeline": entries,
        "facts": {"labels": facts.data.get("labels", {}), "findings": findings},
        "articles": [_article_ref(a) for a in report.articles[:PAGE_ARTICLES]],
        "reprints": [_reprint_dict(a, c) for a, c in report.reprints[:PAGE_ARTICLES]],
    }


def _article_ref(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "date": article.published.isoformat() if article.published else None,
    }


def timeline_to_json(timeline: Timeline) -> str:
    return json.dumps(
        {
            "method": timeline.method,
            "settings": timeline.settings,
            "entries": [
                {
                    "date": e.date.isoformat(),
                    "granularity": e.granularity,
                    "score": e.score,
                    "sentences": json.loads(
                        summary_to_json(Summary(sentences=e.sentences, method=""))
                    )["sentences"],
                }
                for e in timeline.entries
            ],
        },
        ensure_ascii=False,
        default=str,
    )


def timeline_from_json(payload: str) -> Timeline:
    from storyline.timeline import Timeline, TimelineEntry

    data = json.loads(payload)
    entries = tuple(
        TimelineEntry(
            date=date.fromisoformat(e["date"]),
            granularity=e["granularity"],
            sentences=summary_from_json(
                json.dumps({"method": "", "settings": {}, "sentences": e["sentences"]})
            ).sentences,
            score=float(e["score"]),
        )
        for e in data["entries"]
    )
    return Timeline(entries, method=data["method"], settings=data["settings"])


def search(store: Store, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Full-text search of titles and bodies (plain words; query syntax is never an operator)."""
    if limit < 1:
        raise ValueError(f"limit must be >= 1, got {limit}.")
    return store.search(query, limit=limit)


def article_report(store: Store, article_id: str) -> ArticleReport:
    """One stored article with its removals, its story, and its canonical copy or reprints."""
    found = store.articles([article_id])
    if not found:
        raise ValueError(f"No article {article_id!r} in the store.")
    canonical = store.canonical([article_id]).get(article_id)
    copies = () if canonical else tuple(store.reprints([article_id]).get(article_id, ()))
    return ArticleReport(
        article=found[0],
        raw=store.raw_text(article_id),
        story=store.story_of([article_id]).get(article_id),
        canonical=canonical,
        reprints=copies,
    )


def summary_to_json(summary: Summary) -> str:
    return json.dumps(
        {
            "method": summary.method,
            "settings": summary.settings,
            "sentences": [
                {
                    "text": s.text,
                    "citations": [[c.article_id, c.start, c.end, c.score] for c in s.citations],
                }
                for s in summary.sentences
            ],
        },
        ensure_ascii=False,
        default=str,
    )


def summary_from_json(payload: str) -> Summary:
    from storyline.models import Citation, SummarySentence

    data = json.loads(payload)
    sentences = tuple(
        SummarySentence(
            text=s["text"],
            citations=tuple(
                Citation(article_id=c[0], start=int(c[1]), end=int(c[2]), score=float(c[3]))
                for c in s["citations"]
            ),
        )
        for s in data["sentences"]
    )
    return Summary(sentences=sentences, method=data["method"], settings=data["settings"])


def render_story(
    report: StoryReport,
    *,
    fmt: str = "md",
    timeline: Timeline | None = None,
    comparison: StoryComparison | None = None,
) -> str:
    """A story report: the cited summary, then (when given) the dated timeline and where the
    outlets agree and disagree, then the outlets and reprints."""
    from html import escape

    from storyline import render

    if fmt == "json":
        data = json.loads(render.to_json(report.summary, report.articles))
        data["story"] = story_to_dict(report.story)
        if timeline is not None:
            data["timeline"] = timeline_payload(timeline, report.articles)["timeline"]
        if comparison is not None:
            data["comparison"] = comparison.data
        data["reprints"] = [_reprint_dict(a, canonical) for a, canonical in report.reprints]
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "html":
        extra = ""
        if timeline is not None:
            page = render.timeline_html(timeline, report.articles)
            extra += "<h2>Timeline</h2>" + page.split("</p>", 1)[1].split("<h2>Sources</h2>")[0]
        if comparison is not None:
            extra += (
                f"<h2>Where outlets agree and disagree</h2><pre>{escape(comparison.markdown)}</pre>"
            )
        return _story_html(report, render.to_html(report.summary, report.articles), extra)
    if fmt != "md":
        raise ValueError(f"Unknown format {fmt!r}; use md, json or html.")
    s = report.story
    lines = [f"# {s.label}", "", f"_{_story_line(s)}_", "", "## Summary", ""]
    body = render.to_markdown(report.summary, report.articles).split("\n", 2)[2].lstrip("\n")
    lines += [body.rstrip()]
    if timeline is not None:
        dated = render.timeline_markdown(timeline, report.articles, label="t", level=3)
        lines += ["", "## Timeline", "", dated.split("\n", 2)[2].rstrip()]
    if comparison is not None:
        lines += ["", "## Where outlets agree and disagree", "", comparison.markdown.rstrip()]
    lines += ["", "## Outlets", "", ", ".join(s.outlets) or "(none)"]
    if report.reprints:
        lines += ["", "## Reprints", ""]
        lines += [f"- {_reprint_line(a, canonical, report)}" for a, canonical in report.reprints]
    return "\n".join(lines) + "\n"


def _story_line(s: StoredStory) -> str:
    days = " to ".join(dict.fromkeys(d.isoformat() for d in (s.first_seen, s.last_seen) if d))
    return (
        f"story {s.id} · {s.size} articles, {s.reprints} reprints, {len(s.outlets)} outlets"
        + (f" · {days}" if days else "")
        + f" · version {s.version}"
    )


def _reprint_line(article: Article, canonical: str, report: StoryReport) -> str:
    source = next((a for a in report.articles if a.id == canonical), None)
    of = f" of {source.outlet} “{source.title}”" if source and source.title else ""
    day = f" ({article.published.isoformat()})" if article.published else ""
    title = f" “{article.title}”" if article.title else ""
    return f"{article.outlet}{day}{title}: reprint{of}"


def hit_to_dict(h: SearchHit) -> dict[str, object]:
    """A search hit as the HTTP API and ``storyline search --json`` give it."""
    return {
        "article_id": h.article_id,
        "story": h.story,
        "title": h.title,
        "outlet": h.outlet,
        "date": h.published.isoformat() if h.published else None,
        "snippet": h.snippet,
        "score": h.score,
    }


def story_to_dict(s: StoredStory) -> dict[str, object]:
    return {
        "id": s.id,
        "label": s.label,
        "keywords": list(s.keywords),
        "outlets": list(s.outlets),
        "first_seen": s.first_seen.isoformat() if s.first_seen else None,
        "last_seen": s.last_seen.isoformat() if s.last_seen else None,
        "articles": s.size,
        "reprints": s.reprints,
        "version": s.version,
    }


def _reprint_dict(article: Article, canonical: str) -> dict[str, object]:
    return {
        "id": article.id,
        "canonical": canonical,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "date": article.published.isoformat() if article.published else None,
    }


def _story_html(report: StoryReport, page: str, sections: str = "") -> str:
    from html import escape

    s = report.story
    page = page.replace("<title>Summary</title>", f"<title>{escape(s.label)}</title>", 1)
    page = page.replace(
        "<h1>Summary</h1>", f"<h1>{escape(s.label)}</h1><p>{escape(_story_line(s))}</p>", 1
    )
    items = "".join(
        f"<li>{escape(_reprint_line(a, canonical, report))}</li>"
        for a, canonical in report.reprints
    )
    extra = sections + f"<h2>Outlets</h2><p>{escape(', '.join(s.outlets))}</p>"
    if items:
        extra += f"<h2>Reprints</h2><ul>{items}</ul>"
    return page.replace("</body></html>", extra + "\n</body></html>", 1)


@dataclass(frozen=True)
class ClusterLines:
    """``cluster-batch`` output rows in input order, and the lines that could not be used."""

    rows: tuple[dict[str, str], ...]
    errors: tuple[str, ...]


def cluster_lines(lines: Iterable[str], *, settings: ClusterSettings | None = None) -> ClusterLines:
    """One-shot clustering of JSONL ``{"id", "text", "title"?, "date"?, "source"?}`` lines into
    ``{"id", "story", "event"}`` rows; no store, no cleaning (the text is taken as given)."""
    from storyline.cluster import cluster_batch

    docs: list[ClusterDoc] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = _cluster_doc(json.loads(line), origin=f"line {number}")
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: invalid JSON ({exc.msg} at column {exc.colno}).")
            continue
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if doc.id in seen:
            errors.append(f"line {number}: id {doc.id!r} was already used by an earlier line.")
            continue
        seen.add(doc.id)
        docs.append(doc)
    assignments = cluster_batch(docs, settings=settings) if docs else []
    rows = tuple({"id": a.doc_id, "story": a.story, "event": a.event} for a in assignments)
    return ClusterLines(rows=rows, errors=tuple(errors))


def _cluster_doc(record: object, *, origin: str) -> ClusterDoc:
    from storyline.cluster import ClusterDoc
    from storyline.ingest import parse_date

    if not isinstance(record, dict):
        raise ValueError(f"{origin}: expected a JSON object with 'id' and 'text'.")
    doc_id, text = record.get("id"), record.get("text")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise ValueError(f"{origin}: needs an 'id' (a string).")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{origin}: needs a non-empty string 'text'.")
    title, source = record.get("title"), record.get("source")
    return ClusterDoc(
        id=str(doc_id),
        text=text,
        title=title if isinstance(title, str) else None,
        source=source if isinstance(source, str) else None,
        published=parse_date(record.get("date")),
    )
