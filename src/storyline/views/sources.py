"""Followed sources and what fetching them did, as ``storyline fetch``, ``follow`` and ``watch``
print them and as the UI's sources page dates them.

Pure text: the time a line is read against is passed in (``now``, Unix seconds), so the same
source reads the same in a test as at a terminal. Titles come from the web and go through
:func:`printable`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from storyline.views.markdown import count, printable
from storyline.views.reports import ingest_counts

if TYPE_CHECKING:
    from storyline.engine.follow import PollReport, SourcePoll
    from storyline.store.base import FollowedSource

# How long past its due time a source may wait before the UI says nothing is polling it: a poll
# in progress, or one that waits its turn behind the site's rate limit, is not overdue.
OVERDUE_SECONDS = 300


def source_data(source: FollowedSource) -> dict[str, object]:
    """A followed source as ``follow list --json`` and ``/api/sources`` give it: every field."""
    return dataclasses.asdict(source)


def span(seconds: float) -> str:
    """A stretch of time, past or to come, in the unit a reader takes in at a glance."""
    seconds = abs(seconds)
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _ago(moment: float | None, now: float) -> str:
    return "never" if moment is None else f"{span(now - moment)} ago"


def _health(source: FollowedSource, now: float) -> str:
    if not source.failures:
        return "ok"
    return (
        f"failing ({source.failures} in a row: {source.last_error}); backing off, next try in "
        f"{span(source.next_fetch - now)}"
    )


def sources_table(sources: Sequence[FollowedSource], *, now: float) -> str:
    """``storyline follow list``: each source, then when it was last fetched and how it fares."""
    lines = []
    for s in sources:
        lines.append(printable(f"{s.url}  [{s.kind}] {s.title or ''}"))
        lines.append(
            f"    last fetch {_ago(s.last_fetch, now)} (HTTP {s.last_status or '-'}), "
            f"{s.last_new} new then, {s.articles} in all; {_health(s, now)}"
        )
        if s.refused:
            refused = f"{s.refused} of its {count(s.articles, 'page')} gave no article"
            lines.append(f"    {refused}; the latest: " + printable(s.last_refused or ""))
    return "\n".join(lines)


def followed_line(source: FollowedSource, *, added: bool) -> str:
    """``storyline follow add``: what is followed now, and the site it was found from."""
    found = f" (found from {source.site})" if source.site else ""
    verb = "following" if added else "already following"
    title = f": {source.title}" if source.title else ""
    return printable(f"{verb} {source.kind} {source.url}{found}{title}")


def _ingest_part(report: PollReport) -> str:
    return "nothing new to ingest" if report.ingest is None else ingest_counts(report.ingest)


def fetch_line(report: PollReport) -> str:
    """``storyline fetch``: pages fetched, and what ingesting them did."""
    return (
        f"fetched {count(report.pages_fetched, 'page')} ({report.pages_failed} failed, "
        f"{report.fetched_before} fetched before); {_ingest_part(report)} ({report.seconds:.1f} s)"
    )


def poll_line(result: SourcePoll, *, now: float) -> str | None:
    """``storyline watch``: what one poll did with one source; None for a source not due."""
    wait = span((result.next_fetch or now) - now)
    if result.outcome == "new":
        return f"+ {result.url}: {result.new_pages} new"
    if result.outcome == "unchanged":
        return f"= {result.url}: unchanged"
    if result.outcome == "failed":
        return (
            f"! {result.url}: {result.error} (failed {result.failures} in a row; backing off, "
            f"next try in {wait})"
        )
    if result.outcome == "waiting":
        failures = count(result.failures, "failure")
        return f"~ {result.url}: backing off after {failures}, next try in {wait}"
    return None


def poll_summary(report: PollReport) -> str:
    """``storyline watch``: one poll of every source, in one line."""
    return (
        f"polled {count(len(report.sources) - report.count('not due'), 'source')}: "
        f"{report.count('new')} with new pages, {report.count('unchanged')} unchanged, "
        f"{report.count('failed')} failed, {report.count('waiting')} backing off; fetched "
        f"{count(report.pages_fetched, 'page')} ({report.pages_failed} failed) in "
        f"{count(report.requests, 'request')} ({report.conditional} conditional); "
        f"{_ingest_part(report)} "
        f"({report.seconds:.1f} s)"
    )


def _utc(moment: float) -> str:
    return datetime.fromtimestamp(moment, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def polled(source: FollowedSource, *, now: float) -> dict[str, str | None]:
    """When ``source`` was last polled, and since when it is overdue (the UI's sources page):
    following a source on a server started without ``--watch`` polls it never, and the page
    must not read as current."""
    due = source.next_fetch or source.added_at
    return {
        "last": _utc(source.last_fetch) if source.last_fetch else None,
        "overdue": _utc(due) if due and now - due > OVERDUE_SECONDS else None,
    }
