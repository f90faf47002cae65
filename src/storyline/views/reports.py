"""What a run did, as the CLI reports it: ingest, corpus batches and their loading, clustering
JSONL, the list of summarization methods and a ROUGE evaluation.

The CLI decides where a line goes (stdout or stderr) and which exit code follows; the words and
the numbers' layout are here, so that ``fetch`` and ``watch`` count an ingest as ``ingest`` does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from storyline.engine.batch import LoadReport
    from storyline.engine.documents import RougeReport
    from storyline.engine.ingest import IngestReport
    from storyline.registry import Entry
    from storyline.runners.pipeline import BatchReport


def ingest_counts(report: IngestReport) -> str:
    """What an ingest did with its articles (``ingest``, ``fetch``, ``watch``)."""
    return (
        f"{report.new} new, {report.duplicates} duplicate, {report.already_stored} already "
        f"stored, {report.failed} failed"
    )


def ingest_lines(report: IngestReport) -> str:
    """``storyline ingest``: the counts and the time, and the articles clustered again when the
    input came out of date order (issue 17.2)."""
    lines = [f"{ingest_counts(report)} ({report.seconds:.1f} s)"]
    if report.reclustered:
        lines.append(f"{report.reclustered} articles clustered again in date order")
    return "\n".join(lines)


def batch_line(report: BatchReport) -> str:
    """``storyline batch``: what the run made and where."""
    return (
        f"{report.articles} articles, {report.reprints} reprints, {report.stories} "
        f"stories in {report.seconds:.1f} s ({report.skipped} tasks resumed) -> "
        f"{report.output / 'stories.jsonl'}"
    )


def load_line(report: LoadReport, *, into: str | Path) -> str:
    """``storyline batch --load-db``: what was loaded into the database ``into``."""
    return (
        f"loaded {report.stories} stories, {report.articles} articles "
        f"({report.reprints} reprints) in {report.batches} batches into {into}; "
        f"{report.skipped_stories} stories were there already"
    )


def clustered_line(rows: Sequence[Mapping[str, object]], *, failed: int) -> str:
    """``storyline cluster-batch``: documents clustered, into how many stories."""
    stories = len({row["story"] for row in rows})
    return f"{len(rows)} clustered into {stories} stories, {failed} failed"


def methods_table(entries: Sequence[Entry]) -> str:
    """``storyline methods``: each registered summarizer, and the extra it needs."""
    lines = []
    for entry in entries:
        extra = f" [needs storyline[{entry.extra}]]" if entry.extra else ""
        lines.append(f"{entry.name:14} {entry.description}{extra}")
    return "\n".join(lines)


def rouge_table(report: RougeReport, *, words: int | None, perl: bool) -> str:
    """``storyline eval rouge``: recall, precision and F1 of each metric, and how they were
    computed (the script, the stemming, the word limit)."""
    kind = "ROUGE-1.5.5 (original Perl)" if perl else "ROUGE-1.5.5 Python port"
    lines = [
        f"{kind}: {report.topics} topics, Porter stemming, -l {words}, jackknifed",
        f"{'metric':10} {'recall':>8} {'precision':>10} {'F1':>8}",
    ]
    for name, s in report.scores.items():
        lines.append(f"{name:10} {s.recall:8.4f} {s.precision:10.4f} {s.f1:8.4f}")
    return "\n".join(lines)


def rouge_json(report: RougeReport) -> str:
    """``storyline eval rouge --format json``: each metric's recall, precision and F1."""
    return json.dumps({k: v.__dict__ for k, v in report.scores.items()}, indent=2)
