"""The ``serve`` and ``batch`` commands (parsing and printing only): the two that run a long
job, the HTTP service and the resumable corpus run.

Kept beside ``cli.py`` rather than in it so that the main module stays readable; ``cli.py``
registers these parsers (``add_parsers``) and dispatches to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from storyline.cli_follow import allow_network_arg
from storyline.console import positive
from storyline.registry import ENGINES

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _serve_parser(sub)
    _batch_parser(sub)


def _serve_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="run the HTTP API and web UI over a story database")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--db", help="SQLite file or postgresql:// URL (default: $STORYLINE_DB or ./storyline.db)"
    )
    p.add_argument(
        "--token",
        help="bearer token for writes (default: $STORYLINE_TOKEN; without one, only clients on "
        "this machine may write)",
    )
    p.add_argument("--workers", type=positive, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--max-body-mb", type=float, default=10.0, help="largest request body in MiB (default 10)"
    )
    p.add_argument(
        "--watch", action="store_true", help="also poll the followed sources (storyline follow)"
    )
    p.add_argument(
        "--interval",
        type=float,
        default=900.0,
        help="with --watch: seconds between polls of a source (900), as watch --interval",
    )
    p.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a name clients reach the server by (repeatable); localhost, IP addresses and the "
        "--host name are always served, any other Host header gets 400; '*' serves any name "
        "(only behind a proxy that checks Host itself)",
    )
    allow_network_arg(p)  # what --watch and the API's followed sources may fetch


def _serve(args: argparse.Namespace) -> int:
    import os

    try:
        from storyline.web import ServerSettings, serve
        from storyline.web.guard import served_names
    except ImportError as exc:
        print(
            f"storyline: error: serve needs the server extra ({exc.name} is missing): "
            "pip install 'storyline[server]'",
            file=sys.stderr,
        )
        return EXIT_FAILED
    from storyline.store import default_location

    settings = ServerSettings(
        db=args.db or default_location(),
        token=args.token or os.environ.get("STORYLINE_TOKEN") or None,
        max_body_bytes=int(args.max_body_mb * 1024 * 1024),
        allowed_hosts=served_names(args.host, args.allowed_host),
        fetch_networks=tuple(args.allow_network),
        fetch_proxy=args.proxy,
    )
    print(f"storyline: serving {settings.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    if args.interval <= 0:
        print("storyline: error: --interval must be more than 0 seconds.", file=sys.stderr)
        return EXIT_FAILED
    if args.watch and not args.quiet:
        # a poll that brought something or failed says so on the terminal, as watch does: at
        # the default level the server printed nothing of its polls
        logging.getLogger("storyline.engine.watch").setLevel(logging.INFO)
    serve(
        settings,
        host=args.host,
        port=args.port,
        workers=args.workers,
        watch=args.interval if args.watch else None,
    )
    return EXIT_OK


def _batch_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("batch", help="dedup, cluster and summarize a large corpus, resumable")
    p.add_argument("inputs", nargs="+", help=".jsonl(.gz), .parquet or .warc(.gz) files/folders")
    p.add_argument("--output", required=True, help="run folder: stories.jsonl and partitions")
    p.add_argument("--engine", choices=ENGINES, default="local")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)")
    p.add_argument("--workers", type=positive, default=2, help="local Dask worker processes")
    p.add_argument("--words", type=positive, default=100, help="summary length in words")
    p.add_argument("--partition-mb", type=float, help="input MB per partition (default 16)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    p.add_argument(
        "--load-db",
        metavar="URL_OR_PATH",
        help="then load the stories into this database (SQLite path or postgresql:// URL)",
    )


def _batch(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.views.reports import batch_line, load_line

    report = engine.batch(
        args.inputs,
        output=args.output,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
        words=args.words,
        progress=not (args.no_progress or args.quiet),
        partition_mb=args.partition_mb,
    )
    print(f"storyline: {batch_line(report)}", file=sys.stderr)
    if args.load_db:
        from storyline.store import open_store

        store = open_store(args.load_db)
        try:
            loaded = engine.load_batch(report.output, store=store)
        finally:
            store.close()
        print(f"storyline: {load_line(loaded, into=args.load_db)}", file=sys.stderr)
    return EXIT_PARTIAL if report.failed else EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"serve": _serve, "batch": _batch}
