"""The server's page cache: new stories computed at once, changed ones served stale and refreshed by
a background thread that waits while the process ingests (web/state.py PageCache); and the story
page's timeline chart (views/html.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from storyline.store import StoredStory
from storyline.web.state import PageCache


def _story(version: int) -> StoredStory:
    return StoredStory(
        id="s1",
        label="Dam",
        keywords=("dam",),
        outlets=("Northwind Press",),
        first_seen=date(2026, 3, 1),
        last_seen=date(2026, 3, 2),
        size=3,
        reprints=0,
        version=version,
    )


def _computer(calls: list[int], version: int) -> Callable[[], dict[str, Any]]:
    def compute() -> dict[str, Any]:
        calls.append(version)
        return {"story": {"version": version, "reprints": 0}, "n": version}

    return compute


def _stamp(page: dict[str, Any]) -> tuple[int, int]:
    return page["story"]["version"], page["story"]["reprints"]


def _wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_new_story_is_computed_at_once_and_then_cached() -> None:
    cache = PageCache(stamp=_stamp, refresh_seconds=60)
    calls: list[int] = []
    assert cache.get(_story(1), _computer(calls, 1))["n"] == 1
    assert cache.get(_story(1), _computer(calls, 1))["n"] == 1
    assert calls == [1]


def test_a_changed_story_is_served_stale_until_the_refresher_has_run() -> None:
    cache = PageCache(stamp=_stamp, refresh_seconds=0)
    calls: list[int] = []
    cache.get(_story(1), _computer(calls, 1))
    ingesting = threading.Event()
    ingesting.set()
    stale = cache.get(_story(2), _computer(calls, 2), busy=ingesting.is_set)
    assert stale["n"] == 1  # no reader waits for a refresh
    time.sleep(0.3)
    assert calls == [1]  # nor does the refresher run while this process ingests
    ingesting.clear()
    assert _wait_for(lambda: calls == [1, 2])
    assert _wait_for(lambda: cache.get(_story(2), _computer(calls, 2))["n"] == 2)
    assert calls == [1, 2]


def test_a_young_page_is_not_refreshed() -> None:
    cache = PageCache(stamp=_stamp, refresh_seconds=3600)
    calls: list[int] = []
    cache.get(_story(1), _computer(calls, 1))
    assert cache.get(_story(2), _computer(calls, 2))["n"] == 1
    time.sleep(0.2)
    assert calls == [1]


def test_a_failed_refresh_keeps_the_old_page() -> None:
    cache = PageCache(stamp=_stamp, refresh_seconds=0)
    calls: list[int] = []
    cache.get(_story(1), _computer(calls, 1))
    tried = threading.Event()

    def broken() -> dict[str, Any]:
        tried.set()
        raise RuntimeError("store went away")

    assert cache.get(_story(2), broken)["n"] == 1
    assert tried.wait(5)
    time.sleep(0.05)
    assert cache.get(_story(2), _computer(calls, 2))["n"] == 1  # old page, refresh queued again
    assert _wait_for(lambda: calls == [1, 2])


def test_the_timeline_chart_never_prints_one_date_label_over_another() -> None:
    """Days close on a long axis (Jul 25 ... Aug 30, Aug 31, Sep 01) keep their dots and
    tooltips; a label is printed only where its row has room for it."""
    import itertools
    import re

    from storyline.views.html import LABEL_GAP, timeline_svg
    from storyline.views.model import DateView

    days = ["2025-07-25", "2025-07-28", "2025-08-30", "2025-08-31", "2025-09-01", "2025-09-04"]
    svg = str(timeline_svg([DateView(day, "day", 1.0, ()) for day in days]))
    assert svg.count("<circle") == len(days) and svg.count("<title>") == len(days)
    labels = [(float(x), y) for x, y in re.findall(r'<text x="([\d.]+)" y="(\d+)"', svg)]
    assert 4 <= len(labels) < len(days)
    for row in {y for _, y in labels}:
        xs = sorted(x for x, y in labels if y == row)
        assert all(b - a >= LABEL_GAP for a, b in itertools.pairwise(xs)), row


def test_the_article_page_shows_the_readers_cuts_after_the_text_in_their_own_place() -> None:
    """A cut the page reader made (paragraph READER) has no index among the cleaner's
    paragraphs: it must not take one and shift the cleaner's cuts off their place."""
    from storyline.models import PARAGRAPH_SEPARATOR, READER, Article, Removal
    from storyline.web.ui import article_blocks

    kept = ["The breakwater will be rebuilt.", "Work starts in May."]
    article = Article(
        id="a1",
        text=PARAGRAPH_SEPARATOR.join(kept),
        removed=(
            Removal("boilerplate", "This post contains affiliate links.", "site notice", READER),
            Removal("boilerplate", "Share this article", "site sign-off or notice", 1),
        ),
    )
    blocks = [(b.removed, b.text) for b in article_blocks(article, start=None, end=None)]
    assert blocks == [
        (False, kept[0]),
        (True, "Share this article"),
        (False, kept[1]),
        (True, "This post contains affiliate links."),
    ]
