"""The view models: what a reader sees of a result, resolved and ready for any renderer.

Every renderer (Markdown, JSON, HTML, the web templates) reads these and nothing else, so a
citation number, a quote or an outlet name is decided once (``views.citations``) and shown the same
everywhere. They are plain frozen dataclasses of strings and numbers so that the JSON form is a
direct dump (``views.data``) and FastAPI can publish their schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Made:
    """How a result was made: the stage, its method, storyline's version and the settings; every
    output carries it so a reader can reproduce or question it."""

    stage: str
    method: str
    version: str
    settings: dict[str, object] = field(default_factory=dict)

    @property
    def settings_line(self) -> str:
        """The settings as a reader scans them: ``name=value``, sorted; a nested group's
        members as ``group.name=value`` (not a Python dict); unset ones (None) left out, as they
        mean "the default" and read as a fault."""
        return ", ".join(f"{k}={v}" for k, v in sorted(_flat(self.settings)))


def _flat(settings: dict[str, object], prefix: str = "") -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for key, value in settings.items():
        if isinstance(value, dict):
            out += _flat(value, f"{prefix}{key}.")
        elif value is not None:
            out.append((f"{prefix}{key}", value))
    return out


@dataclass(frozen=True)
class Source:
    """An article as a citation target (one numbered source of a page)."""

    n: int
    article_id: str
    outlet: str
    title: str | None
    url: str | None
    date: str | None
    partial: str | None = None  # why its text is only part of the article (``Article.partial``)


@dataclass(frozen=True)
class Cite:
    """One citation mark: source number ``n``, the quoted span and where it sits. ``doc`` indexes
    the page's article list; ``start``/``end`` index that article's text (its cleaned text, or the
    input's own text when a renderer was asked for input offsets)."""

    n: int
    doc: int
    article_id: str
    outlet: str
    title: str | None
    url: str | None
    date: str | None
    start: int
    end: int
    quote: str
    score: float


@dataclass(frozen=True)
class CitedSentence:
    text: str
    citations: tuple[Cite, ...]
    more: int = 0  # citations left out by a page limit


@dataclass(frozen=True)
class SummaryView:
    made: Made
    words: int
    sentences: tuple[CitedSentence, ...]
    paragraphs: tuple[tuple[int, ...], ...]  # sentence indexes, a few to a paragraph


@dataclass(frozen=True)
class DateView:
    date: str
    granularity: str
    score: float
    sentences: tuple[CitedSentence, ...]


@dataclass(frozen=True)
class TimelineView:
    made: Made
    entries: tuple[DateView, ...]
    empty_reason: str | None  # why there is no timeline, when there is none


@dataclass(frozen=True)
class Evidence:
    """A sentence a finding rests on."""

    article_id: str
    outlet: str
    date: str | None
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class FindingView:
    label: str  # agreed | changed | disputed | single-source
    kind: str
    place: str | None
    summary: str
    outlets: tuple[str, ...]
    sentences: tuple[Evidence, ...]
    all_sentences: int
    what: str = ""  # what the group measures, for a reader ("killed in Kenya", "target per day")

    @property
    def measured(self) -> str:
        """``what``, or the kind and place where a view was built without it."""
        return self.what or self.kind + (f" in {self.place}" if self.place else "")


@dataclass(frozen=True)
class FactsView:
    made: Made
    labels: dict[str, int]  # findings per label, all of them (``findings`` may be capped)
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class OutletView:
    """One outlet of a story: how many articles and reprints, and when it first reported.
    ``name`` is empty on the row of the articles that name no outlet."""

    name: str
    articles: int
    reprints: int
    first_date: str | None
    first: bool  # among the earliest to report


@dataclass(frozen=True)
class RemovedView:
    kind: str
    text: str
    reason: str


@dataclass(frozen=True)
class ArticleRef:
    """An article listed on a page; ``origin`` and ``removed`` (what cleaning took out) are filled
    for articles read from files, where the reader audits the cleaning."""

    article_id: str
    outlet: str
    title: str | None
    url: str | None
    date: str | None
    source: str | None = None
    origin: str | None = None
    removed: tuple[RemovedView, ...] = ()
    partial: str | None = None  # why its text is only part of the article (``Article.partial``)


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, and why."""

    origin: str
    problem: str


@dataclass(frozen=True)
class ReprintView:
    id: str
    canonical: str
    outlet: str
    title: str | None
    url: str | None
    date: str | None
    of_outlet: str | None  # the canonical article's outlet, when known
    # an earlier, partial text of the canonical article's own page (a feed's teaser, kept
    # while the page could not be fetched), which the page's text replaced: not a reprint
    replaced: bool = False


@dataclass(frozen=True)
class StoryMeta:
    id: str
    label: str
    keywords: tuple[str, ...]
    outlets: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    articles: int
    reprints: int
    version: int


@dataclass(frozen=True)
class StoryView:
    """Everything a story page shows: numbers first, the cited summary, the timeline, the outlets,
    the facts across outlets, and the sources the marks point to."""

    story: StoryMeta
    summary: SummaryView
    timeline: TimelineView
    facts: FactsView | None
    outlets: tuple[OutletView, ...]
    articles: tuple[ArticleRef, ...]
    reprints: tuple[ReprintView, ...]
    sources: tuple[Source, ...]
    limits: dict[str, int]
    # which parts are English-only, when some articles are not in English (engine.languages);
    # shown by every renderer, where only the web page said it
    language_note: str | None = None


@dataclass(frozen=True)
class DocumentsView:
    """A summary, timeline or comparison of files (no store): the view plus the articles it
    cites and the inputs that could not be read."""

    title: str
    articles: tuple[ArticleRef, ...]
    sources: tuple[Source, ...]
    errors: tuple[Problem, ...]
    summary: SummaryView | None = None
    timeline: TimelineView | None = None
    facts: FactsView | None = None
    notes: tuple[str, ...] = ()  # paragraphs shown first: what an update compares, and why


@dataclass(frozen=True)
class SnippetPart:
    text: str
    mark: bool  # a word the query matched (shown as <mark>)


@dataclass(frozen=True)
class HitView:
    """A search hit; ``snippet`` is plain text and ``parts`` the same with the matches marked."""

    article_id: str
    story: str | None
    title: str | None
    outlet: str
    date: str | None
    snippet: str
    parts: tuple[SnippetPart, ...]
    score: float
