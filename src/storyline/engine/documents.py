"""Articles from files: read, summarize, time-line and compare them without a store.

The engine is where I/O meets the pure stages: it reads, cleans, summarizes and reports per-file
problems without letting one bad article stop a batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.models import Article, Budget, RawDocument, ReadError, Summary
from storyline.registry import summarizers
from storyline.summarizers.base import Summarizer

if TYPE_CHECKING:
    from storyline.compare import Comparison
    from storyline.evaluation.rouge import Score
    from storyline.timeline import Timeline

log = logging.getLogger(__name__)

DEFAULT_METHOD = "storyline"


@dataclass(frozen=True)
class Corpus:
    """What reading a set of inputs gave: the cleaned articles and the inputs that failed."""

    articles: tuple[Article, ...]
    errors: tuple[ReadError, ...]


@dataclass(frozen=True)
class SummaryReport:
    summary: Summary
    articles: tuple[Article, ...]
    errors: tuple[ReadError, ...]


def read(paths: Sequence[str | Path], *, max_bytes: int | None = None) -> Corpus:
    """Read files, folders or "-" (stdin) and clean every article; bad inputs become errors."""
    from storyline.clean import clean_batch
    from storyline.ingest import read_paths

    docs: list[RawDocument] = []
    errors: list[ReadError] = []
    options = {} if max_bytes is None else {"max_bytes": max_bytes}
    for item in read_paths(list(paths), **options):
        (errors if isinstance(item, ReadError) else docs).append(item)  # type: ignore[arg-type]
    return Corpus(articles=unique(clean_batch(docs)), errors=tuple(errors))


def read_texts(texts: Sequence[str]) -> Corpus:
    """Article texts given as strings (plain text or Markdown; a first short line is taken as
    the headline), cleaned like files are."""
    from storyline.clean import clean_batch
    from storyline.ingest import parse_text

    docs: list[RawDocument] = []
    errors: list[ReadError] = []
    for k, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{k}] is a {type(text).__name__}, not a string.")
        item = parse_text(text, origin=f"texts[{k}]")
        (errors if isinstance(item, ReadError) else docs).append(item)  # type: ignore[arg-type]
    return Corpus(articles=unique(clean_batch(docs)), errors=tuple(errors))


def unique(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Drop an article read twice (same content id), keeping the first: re-reading is idempotent."""
    seen: set[str] = set()
    out = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            out.append(article)
    return tuple(out)


def summarizer(method: str = DEFAULT_METHOD) -> Summarizer:
    return summarizers.create(method)


def summarize(
    articles: Sequence[Article],
    *,
    words: int | None = 250,
    sentences: int | None = None,
    method: str = DEFAULT_METHOD,
) -> Summary:
    return summarizer(method).summarize(articles, budget=Budget(words=words, sentences=sentences))


def summarize_paths(
    paths: Sequence[str | Path],
    *,
    words: int | None = 250,
    sentences: int | None = None,
    method: str = DEFAULT_METHOD,
) -> SummaryReport:
    corpus = read(paths)
    summary = summarize(corpus.articles, words=words, sentences=sentences, method=method)
    return SummaryReport(summary=summary, articles=corpus.articles, errors=corpus.errors)


# --- batch: one cluster of documents per JSONL line --------------------------------------------


@dataclass(frozen=True)
class BatchResult:
    line: int
    output: dict[str, object] | None
    error: str | None = None


def summarize_cluster(
    cluster: Mapping[str, object], *, origin: str, budget: Budget, method: Summarizer
) -> dict[str, object]:
    """One ``summarize-batch`` line: spans index the input documents' own ``text``."""
    from storyline.clean import clean_batch
    from storyline.ingest import parse_record

    documents = cluster.get("documents")
    if not isinstance(documents, list) or not documents:
        raise ValueError(f"{origin}: needs a non-empty list 'documents'.")
    raws: list[RawDocument] = []
    originals: list[str] = []
    for k, doc in enumerate(documents):
        raw = parse_record(doc, origin=f"{origin} documents[{k}]")
        if isinstance(raw, ReadError):
            raise ValueError(str(raw))
        raws.append(raw)
        originals.append(raw.own_text)
    from storyline.views import Resolver

    articles = clean_batch(raws)
    summary = method.summarize(articles, budget=budget)
    resolver = Resolver(
        articles, input_texts={a.id: o for a, o in zip(articles, originals, strict=True)}
    )
    sentences = []
    for s in summary.sentences:
        cited = resolver.sentence(s.text, s.citations).citations
        cites = [{"doc": c.doc, "start": c.start, "end": c.end} for c in cited]
        sentences.append({"text": s.text, "citations": cites})
    return {"id": cluster.get("id"), "summary": summary.text, "sentences": sentences}


def summarize_batch(
    lines: Iterable[str], *, budget: Budget, method: str = DEFAULT_METHOD
) -> Iterator[BatchResult]:
    """Summarize each JSONL line; a bad line yields an error and the batch carries on."""
    chosen = summarizer(method)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"line {number}"
        try:
            cluster = json.loads(line)
            if not isinstance(cluster, dict):
                raise ValueError(f"{origin}: expected a JSON object.")
            yield BatchResult(
                number, summarize_cluster(cluster, origin=origin, budget=budget, method=chosen)
            )
        except json.JSONDecodeError as exc:
            yield BatchResult(
                number, None, f"{origin}: invalid JSON ({exc.msg} at column {exc.colno})."
            )
        except ValueError as exc:
            yield BatchResult(number, None, str(exc))


# --- timelines and comparisons of files (no store) ----------------------------------------------


@dataclass(frozen=True)
class Documents:
    """Read inputs before and after cleaning, one to one, plus what failed."""

    raws: tuple[RawDocument, ...]
    articles: tuple[Article, ...]
    errors: tuple[ReadError, ...]


def read_documents(paths: Sequence[str | Path]) -> Documents:
    """Like ``read`` but keeps each input's own text, so spans can point back into it."""
    from storyline.clean import clean_batch
    from storyline.ingest import read_paths

    raws: list[RawDocument] = []
    errors: list[ReadError] = []
    for item in read_paths(list(paths)):
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            raws.append(item)
    return Documents(tuple(raws), tuple(clean_batch(raws)), tuple(errors))


def timeline_paths(
    paths: Sequence[str | Path], *, max_dates: int | None = None, sentences_per_date: int = 1
) -> tuple[Documents, Timeline]:
    """A dated, cited timeline of the articles in ``paths`` (publication dates from metadata)."""
    from storyline.timeline import build_timeline

    docs = read_documents(paths)
    timeline = build_timeline(
        docs.articles, max_dates=max_dates, sentences_per_date=sentences_per_date
    )
    return docs, timeline


@dataclass(frozen=True)
class ComparisonReport:
    comparison: Comparison
    articles: tuple[Article, ...]
    errors: tuple[ReadError, ...]
    raws: tuple[RawDocument, ...] = ()  # each input as read: fact spans point into its text


def compare_paths(paths: Sequence[str | Path]) -> ComparisonReport:
    """Facts across the outlets of the articles in ``paths``, labelled agreed / changed over time /
    disputed / single-source. Give it one story: facts of unrelated stories would be aligned."""
    from storyline.compare import compare

    docs = read_documents(paths)
    return ComparisonReport(compare(docs.articles), docs.articles, docs.errors, docs.raws)


# --- evaluation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RougeReport:
    """ROUGE of a folder of summaries: how many topics were scored, and each metric's mean."""

    topics: int
    scores: dict[str, Score]


def rouge_folders(
    summaries: Path, references: Path, *, limit_words: int | None = 250, perl: bool = False
) -> RougeReport:
    """ROUGE of every summary file against the reference files of its topic, jackknifed.

    A file's topic is its name up to the first dot (``D0601A.txt`` -> ``D0601A``); references
    belong to a summary when one topic name starts with the other, so NIST's ``D0601.M.250.A.B``
    matches ``D0601A``. Summaries are read one sentence a line, as ROUGE's SPL format wants.
    """
    from storyline.evaluation.rouge import RougeScorer

    def topic(path: Path) -> str:
        return path.name.split(".", 1)[0].upper()

    peers = sorted(p for p in summaries.iterdir() if p.is_file() and not p.name.startswith("."))
    models = sorted(p for p in references.iterdir() if p.is_file() and not p.name.startswith("."))
    if not peers:
        raise ValueError(f"{summaries}: no summary files found.")
    pairs = []
    for peer in peers:
        key = topic(peer)
        refs = [m for m in models if key.startswith(topic(m)) or topic(m).startswith(key)]
        if not refs:
            raise ValueError(
                f"{peer}: no reference file in {references} whose name starts with {key}."
            )
        pairs.append(
            (
                peer.read_text("utf-8", errors="replace"),
                [m.read_text("utf-8", errors="replace") for m in refs],
            )
        )
    if perl:
        from storyline.evaluation.rouge_perl import score_corpus_perl

        scores = score_corpus_perl(pairs, limit_words=limit_words, jackknife=True)
    else:
        scores = RougeScorer.with_wordnet(limit_words=limit_words).score_corpus(
            pairs, jackknife=True
        )
    return RougeReport(topics=len(pairs), scores=scores)
