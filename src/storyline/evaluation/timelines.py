"""Timeline summarization data (Timeline17, Crisis) and tilse's metrics, as news-tls uses them.

The data are research copies read from ``../shared/data`` (or ``$STORYLINE_DATA``); nothing is
copied into storyline. Timeline17 gives whole articles (tokenised, one sentence a line) with their
publication dates; our copy of Crisis gives only sentences grouped by the date they mention, so a
Crisis "article" here is one sentence, published on the day it mentions, and the timeline builder
is told to date sentences by publication (``dating="published"``).

Scores follow news-tls (Ghalandari & Ifrim 2020): ROUGE-1/2 F1 after aligning dates many-to-one
with date-and-content costs (tilse's ``align_date_content_costs_many_to_one``, the original
ROUGE-1.5.5 with stemming and stopword removal) and date F1. tilse is an optional ``eval`` extra and
is imported only when scoring.
"""

from __future__ import annotations

import ast
import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.evaluation.duc import data_dir
from storyline.models import PARAGRAPH_SEPARATOR, Article, content_id


@dataclass(frozen=True)
class GoldTimeline:
    """One reference timeline: (date, sentences) in date order."""

    name: str
    entries: tuple[tuple[date, tuple[str, ...]], ...]

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(day for day, _ in self.entries)

    @property
    def sentences_per_date(self) -> int:
        """news-tls's K: the mean number of sentences a date, rounded."""
        return round(sum(len(s) for _, s in self.entries) / max(len(self.entries), 1))


@dataclass(frozen=True)
class TimelineTopic:
    name: str
    articles: tuple[Article, ...]
    gold: tuple[GoldTimeline, ...]


@dataclass(frozen=True)
class TimelineScores:
    ar1_f: float
    ar2_f: float
    date_f: float


def parse_gold(text: str, *, name: str) -> GoldTimeline:
    """A gold file: blocks of ``YYYY-MM-DD`` then sentences, separated by lines of dashes."""
    entries: list[tuple[date, tuple[str, ...]]] = []
    for block in text.split("\n--------------------------------"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines or lines[0].startswith("---"):
            continue
        entries.append((date.fromisoformat(lines[0][:10]), tuple(lines[1:])))
    entries.sort(key=lambda entry: entry[0])
    return GoldTimeline(name=name, entries=tuple(entries))


def _gold(folder: Path) -> tuple[GoldTimeline, ...]:
    return tuple(
        parse_gold(path.read_text(encoding="utf-8", errors="replace"), name=path.stem)
        for path in sorted(folder.glob("*.txt"))
    )


def _article(lines: Sequence[str], *, published: date, origin: str) -> Article:
    # One sentence a line in the source: each becomes a paragraph so the splitter keeps them.
    text = PARAGRAPH_SEPARATOR.join(line.strip() for line in lines if line.strip())
    return Article(id=content_id(origin, text), text=text, published=published, origin=origin)


def _rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_timeline17(root: Path | None = None) -> list[TimelineTopic]:
    base = (root or data_dir()) / "timeline17"
    topics = []
    for path in sorted((base / "articles").glob("*.csv")):
        articles = tuple(
            _article(
                row["text"].splitlines(),
                published=date.fromisoformat(row["date"][:10]),
                origin=f"{path.stem}:{i}",
            )
            for i, row in enumerate(_rows(path))
        )
        topics.append(TimelineTopic(path.stem, articles, _gold(base / "gold" / path.stem)))
    return topics


def load_crisis(root: Path | None = None) -> list[TimelineTopic]:
    base = (root or data_dir()) / "crisis"
    topics = []
    for path in sorted((base / "time-sent").glob("*.csv")):
        articles = []
        for row in _rows(path):
            day = date.fromisoformat(row["time"][:10])
            for i, sentence in enumerate(ast.literal_eval(row["Sentences"])):
                # Which article a sentence came from is not kept: each stands alone, so that
                # ranking counts sentences, as DATEWISE's mention counts do.
                articles.append(
                    _article([sentence], published=day, origin=f"{path.stem}:{day}:{i}")
                )
        topics.append(TimelineTopic(path.stem, tuple(articles), _gold(base / "gold" / path.stem)))
    return topics


def score(
    predicted: Mapping[date, Sequence[str]],
    gold: GoldTimeline,
    *,
    rouge_computation: str = "original",
) -> TimelineScores:
    """AR-1 F1, AR-2 F1 (many-to-one date-content alignment) and date F1, via tilse.

    ``rouge_computation="reimpl"`` uses tilse's Python approximation instead of the Perl script:
    several times faster, for tuning; report numbers from "original".
    """
    # Optional (the eval extra) and untyped; imported here so that loading data does not need it.
    from tilse.data import timelines as tilse_timelines  # type: ignore[import-untyped]
    from tilse.evaluation import rouge as tilse_rouge  # type: ignore[import-untyped]

    reference = tilse_timelines.GroundTruth(
        [tilse_timelines.Timeline({day: list(sents) for day, sents in gold.entries})]
    )
    system = tilse_timelines.Timeline({day: list(sents) for day, sents in predicted.items()})
    evaluator = tilse_rouge.TimelineRougeEvaluator(
        measures=["rouge_1", "rouge_2"], rouge_computation=rouge_computation
    )
    rouge = evaluator.evaluate_align_date_content_costs_many_to_one(system, reference)
    return TimelineScores(
        ar1_f=float(rouge["rouge_1"]["f_score"]),
        ar2_f=float(rouge["rouge_2"]["f_score"]),
        date_f=date_f1(predicted.keys(), gold.dates),
    )


def date_f1(predicted: Iterable[date], gold: Iterable[date]) -> float:
    predicted_set, gold_set = set(predicted), set(gold)
    shared = len(predicted_set & set(gold))
    if not shared:
        return 0.0
    precision, recall = shared / len(predicted_set), shared / len(gold_set)
    return 2 * precision * recall / (precision + recall)
