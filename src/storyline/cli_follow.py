"""The ``fetch``, ``follow``, ``watch`` and ``extract`` commands (parsing and printing only).

Kept beside ``cli.py`` rather than in it so that the main module stays readable; ``cli.py``
registers these parsers and dispatches to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.engine.follow import SourcePoll
    from storyline.fetch.client import Fetcher
    from storyline.store import Store
    from storyline.store.base import FollowedSource

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2
DB_HELP = "story database (default: $STORYLINE_DB or ./storyline.db)"


def _fetch_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument(
        "--rate", type=float, default=1.0, help="requests per second per site (default 1)"
    )
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    allow_network_arg(p)


def allow_network_arg(p: argparse.ArgumentParser) -> None:
    """The network options of every command that fetches: --allow-network and --proxy."""
    p.add_argument(
        "--proxy",
        metavar="URL",
        help="an HTTP proxy to fetch through (http://HOST:PORT); HTTP_PROXY is not read",
    )
    p.add_argument(
        "--allow-network",
        action="append",
        default=[],
        metavar="CIDR",
        help="a private network (CIDR, or one address) that fetches may reach, repeatable: "
        "127.0.0.1/32 for a feed on this machine; by default only public addresses are fetched",
    )


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fetch", help="download article pages, extract and ingest them")
    p.add_argument("urls", nargs="+", help="http(s) addresses of article pages")
    p.add_argument("--refetch", action="store_true", help="fetch pages fetched before again")
    _fetch_args(p)

    p = sub.add_parser("follow", help="feeds and sites that `storyline watch` polls")
    follow = p.add_subparsers(dest="follow_command", required=True)
    f = follow.add_parser("add", help="follow a feed, a news sitemap, or a site (its feed)")
    f.add_argument("urls", nargs="+", help="feed, sitemap or site addresses")
    _fetch_args(f)
    f = follow.add_parser("list", help="followed sources: last fetch, new articles, errors")
    f.add_argument("--json", action="store_true", help="print JSON instead of a table")
    f.add_argument("--db", help=DB_HELP)
    f = follow.add_parser("remove", help="stop following a source")
    f.add_argument("urls", nargs="+", help="the feed's (or the site's) address")
    f.add_argument("--db", help=DB_HELP)

    p = sub.add_parser("watch", help="poll the followed sources and ingest what is new")
    p.add_argument("--once", action="store_true", help="poll every source once, then stop")
    p.add_argument(
        "--interval", type=float, default=900.0, help="seconds between polls of a source (900)"
    )
    _fetch_args(p)

    p = sub.add_parser("extract", help="print what storyline keeps of an HTML page")
    p.add_argument("page", help="a saved HTML page, or - for stdin")
    p.add_argument("--format", choices=["text", "json"], default="text")


def _fetcher(args: argparse.Namespace) -> Fetcher:
    from storyline.fetch.client import Fetcher, FetchSettings

    settings = FetchSettings(
        rate=args.rate,
        timeout=args.timeout,
        allowed_networks=tuple(args.allow_network),
        proxy=args.proxy,
    )
    return Fetcher(settings)


def _store(args: argparse.Namespace, *, existing: bool = False) -> Store:
    """The story database; ``existing``: a read command, so a missing SQLite file is an error
    rather than a new empty database (``console.existing_db``)."""
    from storyline.console import existing_db
    from storyline.store import open_store

    return open_store(existing_db(args) if existing else args.db)


def _fetch(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.console import print_skipped
    from storyline.views.sources import fetch_line

    store = _store(args)
    try:
        with _fetcher(args) as fetcher:
            report = engine.fetch_urls(store, args.urls, fetcher=fetcher, refetch=args.refetch)
    finally:
        store.close()
    errors = report.ingest.errors if report.ingest else ()
    print_skipped(errors)
    print(fetch_line(report))
    if report.pages_failed or errors:
        return EXIT_PARTIAL if report.pages_fetched else EXIT_FAILED
    return EXIT_OK


def _follow(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.views.sources import followed_line

    store = _store(args, existing=args.follow_command != "add")
    try:
        if args.follow_command == "list":
            return _follow_list(engine.follow_list(store), as_json=args.json)
        if args.follow_command == "remove":
            for url in args.urls:
                gone = engine.follow_remove(store, url)
                print(f"no longer following {gone.url}")
            return EXIT_OK
        failed = 0
        with _fetcher(args) as fetcher:
            for url in args.urls:
                try:
                    source, added = engine.follow_add(store, url, fetcher=fetcher)
                except ValueError as exc:
                    failed += 1
                    print(f"storyline: {exc}", file=sys.stderr)
                    continue
                print(followed_line(source, added=added))
        if failed:
            return EXIT_PARTIAL if failed < len(args.urls) else EXIT_FAILED
        return EXIT_OK
    finally:
        store.close()


def _follow_list(sources: Sequence[FollowedSource], *, as_json: bool) -> int:
    from storyline.views.sources import source_data, sources_table

    if as_json:
        import json

        print(json.dumps([source_data(s) for s in sources], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not sources:
        print("storyline: no source followed yet; `storyline follow add URL`.", file=sys.stderr)
        return EXIT_OK
    print(sources_table(sources, now=time.time()))
    return EXIT_OK


def _watch(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.console import print_skipped
    from storyline.engine.follow import WatchSettings
    from storyline.views.sources import poll_line, poll_summary

    def show(result: SourcePoll) -> None:
        line = poll_line(result, now=time.time())
        if line:
            print(line, file=sys.stderr, flush=True)

    settings = WatchSettings(interval=args.interval)
    store = _store(args)
    try:
        with _fetcher(args) as fetcher:
            while True:
                report = engine.poll(
                    store, fetcher=fetcher, settings=settings, eager=args.once, on_source=show
                )
                # the pages that gave no article, each named with why (as fetch names them)
                print_skipped(report.ingest.errors if report.ingest else ())
                print(poll_summary(report), flush=True)
                if args.once:
                    failed = report.count("failed")
                    return EXIT_PARTIAL if failed else EXIT_OK
                due = [s.next_fetch for s in engine.follow_list(store)]
                time.sleep(max(1.0, min(due, default=time.time() + 60) - time.time()))
    except KeyboardInterrupt:
        print("storyline: stopped watching", file=sys.stderr)
        return EXIT_OK
    finally:
        store.close()


def _extract(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from storyline.ingest.htmldoc import extract_page
    from storyline.views.markdown import printable  # titles come from the web

    origin = "<stdin>" if args.page == "-" else args.page
    problem = _page_problem(args.page)
    if problem:
        print(f"storyline: error: {args.page}: {problem}", file=sys.stderr)
        return EXIT_FAILED
    data = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
    page = extract_page(data, origin=origin)
    if isinstance(page, str):
        print(f"storyline: error: {page}", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "json":
        print(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
    else:
        if page.document.title:
            print(printable(page.document.title) + "\n")
        print(page.document.text)
    return EXIT_OK


def _page_problem(page: str) -> str | None:
    """Why ``extract`` cannot read ``page``, in words (not Python's "[Errno 2]")."""
    from pathlib import Path

    from storyline.fetch.urls import is_url

    if page == "-":
        return None
    if is_url(page):
        return (
            "is a web address; `storyline extract` reads a saved page (save it first, e.g. "
            f"`curl -o page.html {page}`), and `storyline fetch {page}` downloads and ingests it."
        )
    path = Path(page)
    if path.is_dir():
        return "is a folder; `storyline extract` reads one saved HTML page."
    if not path.exists():
        return "does not exist; check the path (relative paths start from the current folder)."
    return None


COMMANDS = {"fetch": _fetch, "follow": _follow, "watch": _watch, "extract": _extract}


def url_problem(paths: Sequence[str], command: str) -> str | None:
    """A URL where a path is expected: say to use ``fetch``."""
    from storyline.fetch.urls import is_url

    urls = [p for p in paths if is_url(p)]
    if not urls:
        return None
    return (
        f"{urls[0]} is a web address, not a file; `storyline {command}` reads files. Use "
        f"`storyline fetch {' '.join(urls)}` to download and ingest pages, or `storyline follow "
        "add` for a feed."
    )
