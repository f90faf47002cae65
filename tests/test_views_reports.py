"""Run reports and followed sources as the CLI words them: pure text, read against a given time,
so a source's health and a poll's backing off are checked without a clock or a network."""

from __future__ import annotations

from storyline.engine.follow import PollReport, SourcePoll
from storyline.engine.ingest import IngestReport
from storyline.models import ReadError
from storyline.store.base import FollowedSource
from storyline.views.reports import ingest_counts, ingest_lines, skipped_lines
from storyline.views.sources import fetch_line, poll_line, poll_summary, polled, sources_table

NOW = 1_800_000_000.0

INGESTED = IngestReport(
    new=3, duplicates=1, already_stored=2, failed=0, errors=(), batches=1, seconds=0.42
)


def test_fetch_and_watch_count_an_ingest_as_ingest_does() -> None:
    report = PollReport(
        sources=(
            SourcePoll("https://harbour.example/feed", "new", new_pages=4),
            SourcePoll("https://quay.example/rss", "not due"),
        ),
        pages_fetched=4,
        pages_failed=1,
        requests=1,
        conditional=0,
        ingest=INGESTED,
        seconds=2.04,
    )
    assert ingest_counts(INGESTED) in fetch_line(report)
    assert ingest_counts(INGESTED) in poll_summary(report)
    assert ingest_lines(INGESTED) == "3 new, 1 duplicate, 2 already stored, 0 failed (0.4 s)"
    # one source was due: "1 source", "1 request", singular; four pages, plural
    assert poll_summary(report).startswith("polled 1 source: 1 with new pages")
    assert "fetched 4 pages (1 failed) in 1 request (0 conditional)" in poll_summary(report)


def test_a_failing_source_says_when_it_is_tried_again() -> None:
    failed = SourcePoll(
        "https://quay.example/rss", "failed", error="HTTP 503", failures=3, next_fetch=NOW + 1800
    )
    assert poll_line(failed, now=NOW) == (
        "! https://quay.example/rss: HTTP 503 (failed 3 in a row; backing off, next try in 30 min)"
    )
    assert poll_line(SourcePoll("https://quay.example/rss", "not due"), now=NOW) is None
    source = FollowedSource(
        url="https://quay.example/rss",
        kind="feed",
        title="Quay \x1b[2JNews",  # a title from the web may carry terminal escapes
        last_fetch=NOW - 7200,
        last_status=503,
        last_error="HTTP 503",
        failures=3,
        next_fetch=NOW + 60,
    )
    table = sources_table([source], now=NOW)
    assert "\x1b" not in table
    assert "last fetch 2.0 h ago (HTTP 503)" in table
    assert "failing (3 in a row: HTTP 503); backing off, next try in 60 s" in table


def test_the_sources_page_says_a_source_is_overdue_only_past_its_grace() -> None:
    due_now = FollowedSource(url="https://a.example/feed", kind="feed", next_fetch=NOW - 60)
    overdue = FollowedSource(url="https://b.example/feed", kind="feed", next_fetch=NOW - 3600)
    assert polled(due_now, now=NOW) == {"last": None, "overdue": None}
    assert polled(overdue, now=NOW)["overdue"] == "2027-01-15 07:00 UTC"


def test_a_run_of_one_files_items_skipped_for_one_reason_is_one_line() -> None:
    errors = [
        ReadError("notes.txt", "empty"),
        *(ReadError(f"feed.xml#{k}", "no article text") for k in range(1, 5)),
        ReadError("feed.xml#5", "not a page"),
    ]
    assert skipped_lines(errors) == [
        "skipped notes.txt: empty",
        "skipped feed.xml#1: no article text",
        "skipped 3 more items of feed.xml for the same reason: #2, #3, #4",
        "skipped feed.xml#5: not a page",
    ]
