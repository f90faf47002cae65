"""Results to view models: summaries, timelines, comparisons and stored stories.

The builders take results (``Summary``, ``Timeline``, ``Comparison``, a stored story's row) and the
articles they cite, and resolve every citation through one ``Resolver`` per page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from storyline.facts.views import KEY_ORDER
from storyline.fetch.urls import same_address
from storyline.language import ENGLISH_ONLY, UNKNOWN, is_english
from storyline.models import Article, ReadError, Summary
from storyline.views.citations import Resolver, article_ref, iso
from storyline.views.markdown import count
from storyline.views.model import (
    DateView,
    DocumentsView,
    Evidence,
    FactsView,
    FindingView,
    Made,
    OutletView,
    Problem,
    ReprintView,
    StoryMeta,
    StoryView,
    SummaryView,
    TimelineView,
)

if TYPE_CHECKING:
    from storyline.compare import Comparison
    from storyline.engine.updates import UpdateReport
    from storyline.store import StoredStory
    from storyline.timeline import Timeline

# A page stays small however big the story gets: on a synthetic 900-article story the uncapped
# page was 4 MB (every outlet cites every sentence) and served at ~5 pages/s (benchmarks/load.py).
# Totals are kept beside each capped list.
PAGE_LIMITS = {"citations": 5, "findings": 15, "evidence": 5, "articles": 200}
# Sentences to a paragraph: three reads as a paragraph without becoming a wall of text.
PARAGRAPH_SENTENCES = 3
# Key findings first, in the facts stage's order.
LABEL_ORDER = (*KEY_ORDER, "single-source")


def made(stage: str, method: str, settings: Mapping[str, object] | None = None) -> Made:
    from storyline import __version__

    return Made(stage=stage, method=method, version=__version__, settings=dict(settings or {}))


def summary_view(summary: Summary, resolver: Resolver) -> SummaryView:
    sentences = tuple(resolver.sentence(s.text, s.citations) for s in summary.sentences)
    indexes = list(range(len(sentences)))
    paragraphs = tuple(
        tuple(indexes[k : k + PARAGRAPH_SENTENCES])
        for k in range(0, len(indexes), PARAGRAPH_SENTENCES)
    )
    return SummaryView(
        made=made("summarize", summary.method, summary.settings),
        words=summary.words,
        sentences=sentences,
        paragraphs=paragraphs,
    )


def timeline_view(
    timeline: Timeline, resolver: Resolver, articles: Sequence[Article]
) -> TimelineView:
    entries = tuple(
        DateView(
            date=e.date.isoformat(),
            granularity=str(e.granularity),
            score=float(e.score),
            sentences=tuple(resolver.sentence(s.text, s.citations) for s in e.sentences),
        )
        for e in timeline.entries
    )
    return TimelineView(
        made=made("timeline", timeline.method, timeline.settings),
        entries=entries,
        empty_reason=None if entries else _why_no_timeline(timeline, articles),
    )


def _why_no_timeline(timeline: Timeline, articles: Sequence[Article]) -> str:
    """The stage's own reason (``Timeline.reason``, which says what to pass), else a general one
    (a timeline cached before the stage gave reasons)."""
    if timeline.reason:
        return timeline.reason
    if not articles:
        return "There are no articles to date."
    if not any(a.published for a in articles):
        return (
            "No article carries a publication date, and the dates their text names are too few "
            "to place on a timeline."
        )
    support = timeline.settings.get("min_support")
    need = f" (at least {support})" if support is not None else ""
    many = "the article reports" if len(articles) == 1 else f"the {len(articles)} articles report"
    return (
        f"No date is mentioned by enough sentences{need} to place it on a timeline: {many} "
        "one moment, or dates too scattered to rank."
    )


def facts_view(
    comparison: Comparison, resolver: Resolver, *, limits: Mapping[str, int] | None = None
) -> FactsView:
    """A thin adapter over ``storyline.compare.Comparison``: findings in label order, each with
    its evidence sentences quoted from the page's articles."""
    cap = dict(limits or {})
    per_label, evidence = cap.get("findings"), cap.get("evidence")
    shown: Counter[str] = Counter()
    findings = []
    from storyline.facts.views import key_findings

    key, single = key_findings(comparison)
    ordered = [*key, *single]
    for finding in ordered:
        shown[finding.label] += 1
        if per_label is not None and shown[finding.label] > per_label:
            continue
        spans = finding.sentences()
        quoted = []
        for article_id, start, end in spans[:evidence]:
            article = resolver.article(article_id)
            quote = resolver.quote(article_id, start, end)
            if article is not None and quote is not None:
                quoted.append(
                    Evidence(article_id, article.outlet, iso(article.published), start, end, quote)
                )
        findings.append(
            FindingView(
                label=finding.label,
                kind=finding.kind,
                place=finding.place,
                summary=finding.summary,
                outlets=tuple(finding.outlets),
                sentences=tuple(quoted),
                all_sentences=len(spans),
                what=finding.what,
            )
        )
    from storyline.facts import claims, values

    labels = {label: len(comparison.by_label(label)) for label in LABEL_ORDER}
    settings = {
        "approx_tolerance": values.APPROX_TOLERANCE,
        "unit_tolerance": values.UNIT_TOLERANCE,
        "min_shared_stems": claims.MIN_SHARED_STEMS,
    }
    return FactsView(
        made=made("compare", "facts", settings), labels=labels, findings=tuple(findings)
    )


def story_meta(s: StoredStory) -> StoryMeta:
    return StoryMeta(
        id=s.id,
        label=s.label,
        keywords=tuple(s.keywords),
        outlets=tuple(s.outlets),
        first_seen=iso(s.first_seen),
        last_seen=iso(s.last_seen),
        articles=s.size,
        reprints=s.reprints,
        version=s.version,
    )


def language_note(languages: dict[str, int]) -> str | None:
    """What a story page should say when some of its articles are not in English, else None.

    An article the detector could not place (``UNKNOWN``: short, mixed, or English printed with
    a space before each comma, as tokenised archives are) is not said to be in another language:
    "1 in und" read as a foreign article to a reader of 24 English ones."""
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


def outlets_view(
    articles: Sequence[Article], reprints: Sequence[tuple[Article, str]]
) -> tuple[OutletView, ...]:
    """Outlets, most articles first; ``first`` marks those that reported on the earliest day.

    Articles with no source (files, records without one) are one row at the end, not an outlet
    each: they are cited by file name, but 28 of them are not 28 outlets (see ``_sized``)."""
    own: Counter[str] = Counter(a.source or "" for a in articles)
    copied: Counter[str] = Counter(a.source or "" for a, _ in reprints)
    first: dict[str, str] = {}
    for a in [*articles, *(r for r, _ in reprints)]:
        day, name = iso(a.published), a.source or ""
        if day is not None and (name not in first or day < first[name]):
            first[name] = day
    earliest = min(first.values(), default=None)
    names = sorted(set(own) | set(copied), key=lambda n: (not n, -(own[n] + copied[n]), n))
    return tuple(
        OutletView(
            name=n,
            articles=own[n],
            reprints=copied[n],
            first_date=first.get(n),
            first=bool(n) and earliest is not None and first.get(n) == earliest,
        )
        for n in names
    )


def story_view(
    story: StoredStory,
    *,
    summary: Summary,
    timeline: Timeline,
    comparison: Comparison | None,
    articles: Sequence[Article],
    reprints: Sequence[tuple[Article, str]],
    limits: Mapping[str, int] | None = None,
    language_note: str | None = None,
) -> StoryView:
    """A stored story's page. ``limits`` caps the lists (``PAGE_LIMITS`` for the web page; none
    for the CLI, which shows everything)."""
    cap = dict(limits or {})
    resolver = Resolver(articles, per_sentence=cap.get("citations"))
    summary_part = summary_view(summary, resolver)
    timeline_part = timeline_view(timeline, resolver, articles)
    facts = None if comparison is None else facts_view(comparison, resolver, limits=cap)
    shown = cap.get("articles")
    by_id = {a.id: a for a in articles}
    return StoryView(
        story=story_meta(story),
        summary=summary_part,
        timeline=timeline_part,
        facts=facts,
        outlets=outlets_view(articles, reprints),
        articles=tuple(article_ref(a) for a in articles[:shown]),
        reprints=tuple(_reprint(a, c, by_id.get(c)) for a, c in reprints[:shown]),
        sources=resolver.sources(),
        limits=cap,
        language_note=language_note,
    )


def _reprint(article: Article, canonical: str, source: Article | None) -> ReprintView:
    return ReprintView(
        id=article.id,
        canonical=canonical,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        date=iso(article.published),
        of_outlet=source.outlet if source else None,
        replaced=bool(article.partial and source and same_address(article.url, source.url)),
    )


def _sized(articles: Sequence[Article]) -> str:
    """ "6 articles from 4 outlets". An article with no source is cited by its file name, but it
    is no outlet of its own: 43 unnamed articles are not "from 43 outlets"."""
    named = {a.source for a in articles if a.source}
    unnamed = sum(1 for a in articles if not a.source)
    sized = count(len(articles), "article")
    if not named:
        return f"{sized}, no outlet named" if articles else sized
    sized += f" from {count(len(named), 'outlet')}"
    return sized + (f" ({unnamed} with no outlet named)" if unnamed else "")


def documents_view(
    articles: Sequence[Article],
    *,
    errors: Sequence[ReadError] = (),
    summary: Summary | None = None,
    timeline: Timeline | None = None,
    comparison: Comparison | None = None,
    input_texts: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    story: tuple[str, str] | None = None,
) -> DocumentsView:
    """A summary, timeline or comparison of files, or of a stored ``story`` (id, label), which
    the title and the first note then name (``timeline ID``, ``compare ID``: a saved report must
    say which story it is). ``input_texts`` makes citation offsets index each input's own text
    rather than the cleaned text; ``notes`` are shown first."""
    resolver = Resolver(articles, input_texts=input_texts)
    what = "Summary" if summary is not None else "Timeline" if timeline is not None else "Facts"
    title = f"{what} of {_sized(articles)}"
    if story is not None:
        title = f"{what} of story {story[0]}: {_sized(articles)}"
        notes = (f"Story {story[0]}: {story[1]}", *notes)
    return DocumentsView(
        title=title,
        articles=tuple(article_ref(a, audit=True) for a in articles),
        errors=tuple(Problem(e.origin, e.problem) for e in errors),
        summary=None if summary is None else summary_view(summary, resolver),
        timeline=None if timeline is None else timeline_view(timeline, resolver, articles),
        facts=None if comparison is None else facts_view(comparison, resolver),
        sources=resolver.sources(),
        notes=tuple(notes),
    )


def update_view(update: UpdateReport) -> DocumentsView:
    """What a story's later articles add: their summary, led by what it compares."""
    since = f" since {update.since.isoformat()}" if update.since else ""
    n = len(update.later)
    head = (
        f"What {count(n, 'later article')} add{'s' if n == 1 else ''} to "
        f"{count(len(update.earlier), 'earlier one')} ({count(update.restated, 'later sentence')}"
        " left out: the earlier ones state them)."
    )
    # With no later article there is nothing to count: the reason alone says what to do.
    notes = [update.reason] if not n and update.reason else [head, update.reason]
    title = f"What is new{since}"
    if update.story is not None:
        # The page is read (and saved) apart from the story's own: it says which story it is.
        story_id, label = update.story
        title += f" in story {story_id}"
        notes.insert(0, f"Story {story_id}: {label}")
    notes = [note for note in notes if note]
    view = documents_view(update.later, summary=update.summary, notes=notes)
    return replace(view, title=title)
