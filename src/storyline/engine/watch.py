"""A poller beside a server: ``start_watcher`` polls the followed sources of a store in a daemon
thread and hands what is new to the server's writer (``serve --watch``).

Apart from ``engine.follow`` (one poll, safe to kill) because it is the loop around it: when to
wake (the soonest source due, at least every few seconds so a source added through the API is
polled soon) and surviving a poll that fails.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from storyline.engine.follow import Ingest, WatchSettings, follow_list, poll

if TYPE_CHECKING:
    from storyline.fetch.client import FetchSettings

log = logging.getLogger(__name__)


def start_watcher(
    location: str,
    *,
    ingest: Ingest,
    stop: threading.Event,
    settings: WatchSettings | None = None,
    fetch_settings: FetchSettings | None = None,
    wake_seconds: float = 5.0,
) -> threading.Thread:
    """Poll the followed sources of the store at ``location`` in a daemon thread until ``stop``
    is set, handing new documents to ``ingest`` (the server's writer). It wakes at least every
    ``wake_seconds``, so a source added through the API is polled within that time."""
    from storyline.fetch.client import Fetcher

    def loop() -> None:
        from storyline.store import open_store

        store = open_store(location)
        fetcher = Fetcher(fetch_settings)
        try:
            while not stop.is_set():
                try:
                    report = poll(store, fetcher=fetcher, settings=settings, ingest=ingest)
                    if report.count("new") or report.count("failed"):
                        log.info(
                            "watch: sources with new pages %d, failed %d; new articles %d",
                            report.count("new"),
                            report.count("failed"),
                            report.ingest.new if report.ingest else 0,
                        )
                except Exception:  # the poller must outlive one bad poll
                    log.exception("watch: the poll failed; trying again later")
                due = [s.next_fetch for s in follow_list(store)]
                pause = min(due, default=time.time() + wake_seconds) - time.time()
                stop.wait(min(max(pause, 0.5), wake_seconds))
        finally:
            fetcher.close()
            store.close()

    thread = threading.Thread(target=loop, name="storyline-watch", daemon=True)
    thread.start()
    return thread
