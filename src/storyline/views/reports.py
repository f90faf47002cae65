"""What a run did, as the CLI reports it: ingest, corpus batches and their loading, clustering
JSONL, the list of summarization methods and a ROUGE evaluation.

The CLI decides where a line goes (stdout or stderr) and which exit code follows; the words and
the numbers' layout are here, so that ``fetch`` and ``watch`` count an ingest as ``ingest`` does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
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
    replaced = (
        f" ({report.replaced} replacing a partial text kept before)" if report.replaced else ""
    )
    return (
        f"{report.new} new{replaced}, {report.duplicates} duplicate, {report.already_stored} "
        f"already stored, {report.failed} failed"
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


def skipped_lines(errors: Iterable[object]) -> list[str]:
    """Each input that was skipped, a line each; a run of one file's items skipped for one reason
    reads as its first line and the others' places ("skipped 7 more items of feed.xml for the
    same reason: #2, #3, ..."), not as a wall of identical lines (one for each item of a
    title-only feed)."""
    lines: list[str] = []
    run: list[object] = []

    def flush() -> None:
        if not run:
            return
        lines.append(f"skipped {run[0]}")
        if len(run) == 2:
            lines.append(f"skipped {run[1]}")
        elif len(run) > 2:
            items = ", ".join(_item(e) for e in run[1:])  # every one: a reader fixes them all
            lines.append(
                f"skipped {len(run) - 1} more items of {_file(run[0])} for the same reason: {items}"
            )
        run.clear()

    for error in errors:
        if run and _key(error) is not None and _key(error) == _key(run[-1]):
            run.append(error)
            continue
        flush()
        run.append(error)
    flush()
    return lines


def _key(error: object) -> tuple[str, str] | None:
    origin, problem = getattr(error, "origin", None), getattr(error, "problem", None)
    if not isinstance(origin, str) or not isinstance(problem, str) or origin == _file(error):
        return None  # a whole file is never folded into another's line
    return _file(error), problem


def _file(error: object) -> str:
    """The file part of an item's origin: "feed.xml" of "feed.xml#3", "a.jsonl" of "a.jsonl:7"."""
    origin = str(getattr(error, "origin", error))
    return _ITEM.sub("", origin)


def _item(error: object) -> str:
    origin = str(getattr(error, "origin", error))
    return origin[len(_file(error)) :]


_ITEM = re.compile(r"(#\d+|:\d+)$")
