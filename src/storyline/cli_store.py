"""The commands over a story database (parsing and printing only): ``ingest``, ``stories``,
``search``, ``story``, and ``cluster-batch``, which groups JSONL into stories without one.

Kept beside ``cli.py`` rather than in it, as ``cli_service`` and ``cli_follow`` are; ``cli.py``
registers these parsers (``add_parsers``) and dispatches to ``COMMANDS``. What the commands print
is laid out by ``storyline.views``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from storyline.console import budget_args as _budget_args
from storyline.console import format_args as _format_args
from storyline.console import new_sqlite_file as _new_sqlite_file
from storyline.console import open_db as _open_db
from storyline.console import positive, print_skipped
from storyline.console import progress_disabled as _progress
from storyline.console import reading as _reading
from storyline.console import remove_database as _remove_database
from storyline.console import stored_anything as _stored_anything
from storyline.console import write_output as _write
from storyline.console import writing as _writing
from storyline.registry import EMBEDDERS
from storyline.registry import REPORT_FORMATS as FORMATS

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db_help = "story database file (default: $STORYLINE_DB or ./storyline.db)"
    p = sub.add_parser("ingest", help="add articles to the story database: dedup and cluster")
    p.add_argument("paths", nargs="+", help="text/Markdown/HTML/JSON/JSONL files, folders, or -")
    p.add_argument("--db", help=db_help)
    p.add_argument("--batch-size", type=int, default=1000, help="articles per transaction")
    p.add_argument("--keep-raw", action="store_true", help="also store the text before cleaning")
    p.add_argument(
        "--no-reorder",
        action="store_true",
        help="keep the stories the batches make when the input is out of date order (no second "
        "clustering pass; stories then depend on the order of the input)",
    )
    p.add_argument(
        "--embedder",
        choices=EMBEDDERS,
        help="features for story matching (default: what the database was built with, auto "
        "for a new one: wordllama links headlines by meaning; full articles are never embedded)",
    )

    p = sub.add_parser("stories", help="list the stories in the database")
    p.add_argument("--since", type=_iso_date, help="only stories seen on or after YYYY-MM-DD")
    p.add_argument(
        "--min-articles",
        type=positive,
        default=2,
        help="hide stories of fewer articles (default 2: single-article stories are collapsed)",
    )
    p.add_argument("--sort", choices=["newest", "most-covered"], default="newest")
    p.add_argument("--limit", type=positive, help="list at most this many (default: all)")
    p.add_argument(
        "--updated-since",
        type=_since_time,
        help="mark stories changed since this ISO date or time (e.g. your last look)",
    )
    _format_args(p, ("table", "json"), "table")
    p.add_argument("--db", help=db_help)

    p = sub.add_parser("search", help="find stored articles by words, with their stories")
    p.add_argument("query", help="plain words (no operators), e.g. 'Kessel spillway'")
    p.add_argument("--limit", type=int, default=20, help="most hits to show (default 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many hits (for paging)")
    _format_args(p, ("table", "json"), "table")
    p.add_argument("--db", help=db_help)

    p = sub.add_parser("story", help="one story: cited summary, outlets and reprints")
    p.add_argument("id", help="story id, as `storyline stories` lists it")
    _format_args(p, FORMATS, "md")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help=db_help)
    _budget_args(p)
    p.add_argument(
        "--since",
        type=_iso_date,
        help="only what the story's articles from YYYY-MM-DD on add to the earlier ones",
    )

    p = sub.add_parser("cluster-batch", help="cluster JSONL documents into stories, no database")
    p.add_argument("--input", required=True, help="JSONL: {id, text, title?, date?, source?} or -")
    p.add_argument("--output", required=True, help="JSONL {id, story, event} path or -")


def _iso_date(text: str) -> object:
    """A ``date`` for ``--since`` (typed ``object`` to keep datetime out of the import block)."""
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-03-11") from exc


def _jsonl_total(paths: Sequence[str]) -> int | None:
    """Lines to expect, for the progress bar: known only when every input is a .jsonl file."""
    if not all(p.endswith(".jsonl") and Path(p).is_file() for p in paths):
        return None
    total = 0
    for path in paths:
        with open(path, "rb") as fh:
            total += sum(1 for line in fh if line.strip())
    return total


def _ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from storyline import engine
    from storyline.engine.ingest import BatchProgress
    from storyline.store import default_location, open_store
    from storyline.views.reports import ingest_lines

    location = str(args.db or default_location())
    new_file = _new_sqlite_file(location)
    store = open_store(location)
    try:
        tqdm.monitor_interval = 0  # no monitor thread: ingest forks its worker (engine.prepare)
        bar = tqdm(
            total=_jsonl_total(args.paths), unit="doc", file=sys.stderr, disable=_progress(args)
        )

        def progress(step: BatchProgress) -> None:
            bar.update(step.read)

        report = engine.ingest(
            args.paths,
            store=store,
            batch_size=args.batch_size,
            keep_raw=args.keep_raw,
            on_batch=progress,
            embedder=args.embedder,
            reorder=False if args.no_reorder else None,
        )
        bar.close()
    finally:
        store.close()
        if new_file is not None and not _stored_anything(location):
            _remove_database(new_file)
    print_skipped(report.errors)
    print(ingest_lines(report))
    if report.failed:
        used = report.new + report.duplicates + report.already_stored
        return EXIT_PARTIAL if used else EXIT_FAILED
    return EXIT_OK


def _since_time(text: str) -> object:
    """A time for ``--updated-since``; its error names the flag, not the API's parameter."""
    from storyline.engine.listing import parse_since

    try:
        return parse_since(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date or time, e.g. 2026-05-18 or 2026-05-18T09:30:00Z"
        ) from exc


def _stories(args: argparse.Namespace) -> int:
    import json

    from storyline import engine, views

    since = args.updated_since
    with _open_db(args) as store:
        page = engine.list_stories(
            store,
            sort=args.sort,
            limit=args.limit or 1_000_000_000,
            min_articles=args.min_articles,
            seen_since=args.since,
        )
    if args.format == "json":
        rows = [views.listed_data(s, updated_since=since) for s in page.stories]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        table = views.stories_table(
            page, min_articles=args.min_articles, updated_since=since, seen_since=args.since
        )
        print(table)
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    import json

    from storyline import engine, views

    with _open_db(args) as store:
        page = engine.search(store, args.query, limit=args.limit, offset=args.offset)
    if args.format == "json":
        rows = [views.data.to_data(views.hit_view(h, args.query)) for h in page.hits]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not page.hits:
        print(f"storyline: nothing stored matches {args.query!r}.", file=sys.stderr)
    else:
        print(views.hits_table(page.hits))
    if page.more:  # stderr, so that the JSON on stdout stays one list a tool can read
        print(
            f"storyline: {views.more_hits(offset=args.offset, shown=len(page.hits))}",
            file=sys.stderr,
        )
    return EXIT_OK


def _story(args: argparse.Namespace) -> int:
    from storyline import engine, views

    with _open_db(args) as store:
        if args.since is not None:
            update = engine.story_updates(
                store, args.id, args.since, words=args.words, sentences=args.sentences
            )
            _write(args, views.render_update(update, args.format))
            return EXIT_OK
        view = engine.story(
            store, args.id, words=args.words, sentences=args.sentences, method=args.method
        )
    _write(args, views.render(view, args.format))
    return EXIT_OK


def _cluster_batch(args: argparse.Namespace) -> int:
    import json

    from storyline import engine
    from storyline.views.reports import clustered_line

    with _reading(args.input) as source:
        result = engine.cluster_lines(source)
    with _writing(args.output) as sink:
        for row in result.rows:
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    for error in result.errors:
        print(f"storyline: skipped {args.input} {error}", file=sys.stderr)
    print(f"storyline: {clustered_line(result.rows, failed=len(result.errors))}", file=sys.stderr)
    if result.errors:
        return EXIT_PARTIAL if result.rows else EXIT_FAILED
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "ingest": _ingest,
    "stories": _stories,
    "search": _search,
    "story": _story,
    "cluster-batch": _cluster_batch,
}
