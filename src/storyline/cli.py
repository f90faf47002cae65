"""The ``storyline`` command: a thin wrapper over ``storyline.engine``.

Exit codes: 0 all inputs used; 1 partial (some inputs failed, the rest was processed); 2 nothing
usable or a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from storyline.registry import summarizers

if TYPE_CHECKING:
    from storyline.engine.updates import UpdateReport
    from storyline.models import Article
    from storyline.store import Store
    from storyline.timeline import Timeline

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


def _budget_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--words", type=int, default=250, help="length budget in words (default 250)"
    )
    parser.add_argument("--sentences", type=int, default=None, help="length budget in sentences")
    parser.add_argument(
        "--method",
        default="storyline",
        choices=summarizers.names(),
        help="summarization method (default: storyline)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline", description="Cited, de-duplicated stories from news articles."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("summarize", help="summarize articles (files, folders or - for stdin)")
    p.add_argument("paths", nargs="+", help="text/Markdown/HTML/JSON/JSONL files, folders, or -")
    _budget_args(p)
    p.add_argument("--format", choices=["md", "json", "html"], default="md")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument(
        "--since-files",
        nargs="+",
        metavar="NEW",
        help="summarize only what these later files add to PATHS (the earlier ones)",
    )

    p = sub.add_parser("summarize-batch", help="one summary per JSONL line of document clusters")
    p.add_argument(
        "--input", required=True, help="JSONL: {id, documents: [{text, title?, ...}]} or -"
    )
    p.add_argument("--output", required=True, help="JSONL output path or -")
    _budget_args(p)

    sub.add_parser("methods", help="list the registered summarization methods")

    p = sub.add_parser("eval", help="evaluation on public benchmarks")
    ev = p.add_subparsers(dest="metric", required=True)
    r = ev.add_parser("rouge", help="ROUGE-1/2/L/SU4 of summaries against references")
    r.add_argument(
        "--summaries",
        required=True,
        type=Path,
        help="folder of system summaries, one file per topic (name = topic id)",
    )
    r.add_argument(
        "--references",
        required=True,
        type=Path,
        help="folder of references named TOPIC.* (several per topic)",
    )
    r.add_argument("--words", type=int, default=250, help="truncate to this many words (ROUGE -l)")
    r.add_argument(
        "--perl",
        action="store_true",
        help="use the original ROUGE-1.5.5 Perl script instead of our Python port",
    )
    r.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _store_commands(sub)
    _serve_parser(sub)
    _views_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "summarize":
            return _summarize(args)
        if args.command == "summarize-batch":
            return _summarize_batch(args)
        if args.command == "methods":
            for entry in summarizers.entries():
                extra = f" [needs storyline[{entry.extra}]]" if entry.extra else ""
                print(f"{entry.name:14} {entry.description}{extra}")
            return EXIT_OK
        if args.command == "eval":
            return _eval(args)
        if args.command in _STORE_COMMANDS:
            return _STORE_COMMANDS[args.command](args)
        if args.command in ("timeline", "compare"):
            return _view(args)
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_FAILED


def _summarize(args: argparse.Namespace) -> int:
    from storyline import engine, render

    if args.since_files:
        update = engine.updates_paths(
            args.paths, args.since_files, words=args.words, sentences=args.sentences
        )
        for error in update.errors:
            print(f"storyline: skipped {error}", file=sys.stderr)
        _write(args, _render_update(args.format, update))
        return EXIT_PARTIAL if update.errors else EXIT_OK
    report = engine.summarize_paths(
        args.paths, words=args.words, sentences=args.sentences, method=args.method
    )
    for error in report.errors:
        print(f"storyline: skipped {error}", file=sys.stderr)
    if not report.articles:
        print("storyline: error: no readable article in the input.", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "json":
        text = render.to_json(report.summary, report.articles, report.errors) + "\n"
    else:
        text = render.RENDERERS[args.format](report.summary, report.articles)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def _render_update(fmt: str, update: UpdateReport) -> str:
    """An update summary: a line saying what it compares, then the summary as usual."""
    import html
    import json

    from storyline import engine, render

    if fmt == "json":
        return json.dumps(engine.update_to_dict(update), ensure_ascii=False, indent=2) + "\n"
    since = f" since {update.since.isoformat()}" if update.since else ""
    head = (
        f"New{since}: what {len(update.later)} later articles add to {len(update.earlier)} "
        f"earlier ones ({update.restated} later sentences left out: the earlier ones state them)."
    )
    if update.reason:
        head += f"\n\n{update.reason}"
    body = render.RENDERERS[fmt](update.summary, update.later)
    if fmt == "html":
        return body.replace("<body>", f"<body><p>{html.escape(head)}</p>", 1)
    return f"{head}\n\n{body}"


def _write(args: argparse.Namespace, text: str) -> None:
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _open_in(path: str) -> TextIO:
    return sys.stdin if path == "-" else open(path, encoding="utf-8")


def _summarize_batch(args: argparse.Namespace) -> int:
    import json

    from tqdm import tqdm

    from storyline import engine
    from storyline.models import Budget

    total = None
    if args.input != "-":
        with open(args.input, "rb") as fh:
            total = sum(1 for line in fh if line.strip())
    budget = Budget(words=args.words, sentences=args.sentences)
    failed = done = 0
    source = _open_in(args.input)
    sink = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        bar = tqdm(total=total, unit="cluster", file=sys.stderr, disable=None)
        for result in engine.summarize_batch(source, budget=budget, method=args.method):
            bar.update(1)
            if result.error:
                failed += 1
                bar.write(f"storyline: skipped {args.input} {result.error}", file=sys.stderr)
                continue
            done += 1
            sink.write(json.dumps(result.output, ensure_ascii=False) + "\n")
        bar.close()
    finally:
        if source is not sys.stdin:
            source.close()
        if sink is not sys.stdout:
            sink.close()
    print(f"storyline: {done} summarized, {failed} failed", file=sys.stderr)
    if failed:
        return EXIT_PARTIAL if done else EXIT_FAILED
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from storyline import engine

    result = engine.rouge_folders(
        args.summaries, args.references, limit_words=args.words, perl=args.perl
    )
    scores = result["scores"]
    assert isinstance(scores, dict)
    if args.json:
        import json

        print(json.dumps({k: v.__dict__ for k, v in scores.items()}, indent=2))
        return EXIT_OK
    kind = "ROUGE-1.5.5 (original Perl)" if args.perl else "ROUGE-1.5.5 Python port"
    print(f"{kind}: {result['topics']} topics, Porter stemming, -l {args.words}, jackknifed")
    print(f"{'metric':10} {'recall':>8} {'precision':>10} {'F1':>8}")
    for name, s in scores.items():
        print(f"{name:10} {s.recall:8.4f} {s.precision:10.4f} {s.f1:8.4f}")
    return EXIT_OK


# --- stories and the store -------------------------------------------------------------------


def _views_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """timeline and compare: of a stored story (an id) or of files (paths or -)."""
    target = "a story id from `storyline stories`, or files, folders, or - for stdin"
    p = sub.add_parser("timeline", help="a dated timeline with cited sentences")
    p.add_argument("target", nargs="+", help=target)
    p.add_argument("--format", choices=["md", "json", "html"], default="md")
    p.add_argument("--max-dates", type=int, default=None, help="at most this many dates")
    p.add_argument("--sentences-per-date", type=int, default=1, help="sentences per date (1)")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help="story database (for a story id)")
    p = sub.add_parser("compare", help="facts across outlets: agreed, changed, disputed, single")
    p.add_argument("target", nargs="+", help=target)
    p.add_argument("--format", choices=["md", "json"], default="md")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help="story database (for a story id)")


@contextlib.contextmanager
def _open_db(args: argparse.Namespace) -> Iterator[Store]:
    from storyline.store import open_store

    store = open_store(args.db)
    try:
        yield store
    finally:
        store.close()


def _is_story_id(targets: Sequence[str]) -> bool:
    return len(targets) == 1 and targets[0] != "-" and not Path(targets[0]).exists()


def _view(args: argparse.Namespace) -> int:
    import json

    from storyline import engine

    errors: Sequence[object] = ()
    if args.command == "timeline" and _is_story_id(args.target):
        with _open_db(args) as store:
            view = engine.story_timeline(
                store,
                args.target[0],
                max_dates=args.max_dates,
                sentences_per_date=args.sentences_per_date,
            )
            _, articles = engine.story_and_articles(store, args.target[0])
        payload = engine.timeline_payload(view.timeline, articles)
        text = _render_timeline(args.format, view.timeline, articles, payload=payload)
    elif args.command == "timeline":
        docs, timeline = engine.timeline_paths(
            args.target, max_dates=args.max_dates, sentences_per_date=args.sentences_per_date
        )
        errors = docs.errors
        payload = engine.timeline_payload(timeline, docs.articles, docs.raws)
        text = _render_timeline(args.format, timeline, docs.articles, payload=payload)
    elif _is_story_id(args.target):
        with _open_db(args) as store:
            facts = engine.story_comparison(store, args.target[0])
        as_json = json.dumps(facts.data, indent=2, default=str)
        text = as_json if args.format == "json" else facts.markdown
    else:
        report = engine.compare_paths(args.target)
        errors = report.errors
        text = report.json() if args.format == "json" else report.markdown
    for error in errors:
        print(f"storyline: skipped {error}", file=sys.stderr)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_PARTIAL if errors else EXIT_OK


def _render_timeline(
    fmt: str, timeline: Timeline, articles: Sequence[Article], *, payload: dict[str, object]
) -> str:
    import json

    from storyline import render

    if fmt == "json":
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render.timeline_html(timeline, articles)
    return render.timeline_markdown(timeline, articles)


def _store_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db_help = "story database file (default: $STORYLINE_DB or ./storyline.db)"
    p = sub.add_parser("ingest", help="add articles to the story database: dedup and cluster")
    p.add_argument("paths", nargs="+", help="text/Markdown/HTML/JSON/JSONL files, folders, or -")
    p.add_argument("--db", help=db_help)
    p.add_argument("--batch-size", type=int, default=1000, help="articles per transaction")
    p.add_argument("--keep-raw", action="store_true", help="also store the text before cleaning")
    p.add_argument(
        "--embedder",
        choices=["auto", "lexical", "wordllama", "minilm"],
        help="features for story matching (default: what the database was built with, lexical "
        "for a new one; auto = wordllama when installed)",
    )

    p = sub.add_parser("stories", help="list the stories in the database")
    p.add_argument("--since", type=_iso_date, help="only stories seen on or after YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--db", help=db_help)

    p = sub.add_parser("search", help="find stored articles by words, with their stories")
    p.add_argument("query", help="plain words (no operators), e.g. 'Kessel spillway'")
    p.add_argument("--limit", type=int, default=20, help="most hits to show (default 20)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--db", help=db_help)

    p = sub.add_parser("story", help="one story: cited summary, outlets and reprints")
    p.add_argument("id", help="story id, as `storyline stories` lists it")
    p.add_argument("--format", choices=["md", "json", "html"], default="md")
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
    _batch_parser(sub)


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
    from storyline.store import open_store

    store = open_store(args.db)
    try:
        tqdm.monitor_interval = 0  # no monitor thread: ingest forks its worker (engine.prepare)
        bar = tqdm(total=_jsonl_total(args.paths), unit="doc", file=sys.stderr, disable=None)

        def progress(step: engine.BatchProgress) -> None:
            bar.update(step.read)

        report = engine.ingest(
            args.paths,
            store=store,
            batch_size=args.batch_size,
            keep_raw=args.keep_raw,
            on_batch=progress,
            embedder=args.embedder,
        )
        bar.close()
    finally:
        store.close()
    for error in report.errors:
        print(f"storyline: skipped {error}", file=sys.stderr)
    print(
        f"{report.new} new, {report.duplicates} duplicate, {report.already_stored} already "
        f"stored, {report.failed} failed ({report.seconds:.1f} s)"
    )
    if report.failed:
        used = report.new + report.duplicates + report.already_stored
        return EXIT_PARTIAL if used else EXIT_FAILED
    return EXIT_OK


def _stories(args: argparse.Namespace) -> int:
    import json

    from storyline import engine
    from storyline.store import open_store

    store = open_store(args.db)
    try:
        found = engine.stories(store, since=args.since)
    finally:
        store.close()
    if args.json:
        print(json.dumps([engine.story_to_dict(s) for s in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max((len(s.id) for s in found), default=8)  # loaded batch runs: w000012.s00003
    print(
        f"{'story':{width}} {'last seen':10} {'articles':>8} {'reprints':>8} {'outlets':>7}  label"
    )
    for s in found:
        seen = s.last_seen.isoformat() if s.last_seen else "-"
        print(f"{s.id:{width}} {seen:10} {s.size:8} {s.reprints:8} {len(s.outlets):7}  {s.label}")
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    import json

    from storyline import engine
    from storyline.store import open_store

    store = open_store(args.db)
    try:
        hits = engine.search(store, args.query, limit=args.limit)
    finally:
        store.close()
    if args.json:
        rows = [engine.hit_to_dict(h) for h in hits]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not hits:
        print(f"storyline: nothing stored matches {args.query!r}.", file=sys.stderr)
        return EXIT_OK
    for h in hits:
        seen = h.published.isoformat() if h.published else "undated"
        print(f"{h.story or '-'}  {seen}  {h.outlet}: {h.title or h.article_id}")
        print(f"    {h.snippet}")
    return EXIT_OK


def _story(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.store import open_store

    store = open_store(args.db)
    if args.since is not None:
        try:
            update = engine.story_updates(
                store, args.id, args.since, words=args.words, sentences=args.sentences
            )
        finally:
            store.close()
        _write(args, _render_update(args.format, update))
        return EXIT_OK
    try:
        report = engine.story_report(
            store, args.id, words=args.words, sentences=args.sentences, method=args.method
        )
        timeline = engine.story_timeline(store, args.id).timeline
        comparison = engine.story_comparison(store, args.id)
    finally:
        store.close()
    text = engine.render_story(report, fmt=args.format, timeline=timeline, comparison=comparison)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cluster_batch(args: argparse.Namespace) -> int:
    import json

    from storyline import engine

    source = _open_in(args.input)
    try:
        result = engine.cluster_lines(source)
    finally:
        if source is not sys.stdin:
            source.close()
    sink = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for row in result.rows:
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if sink is not sys.stdout:
            sink.close()
    for error in result.errors:
        print(f"storyline: skipped {args.input} {error}", file=sys.stderr)
    stories = len({row["story"] for row in result.rows})
    print(
        f"storyline: {len(result.rows)} clustered into {stories} stories, "
        f"{len(result.errors)} failed",
        file=sys.stderr,
    )
    if result.errors:
        return EXIT_PARTIAL if result.rows else EXIT_FAILED
    return EXIT_OK


# --- the HTTP API and web UI (needs the server extra) ------------------------------------------


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
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--max-body-mb", type=float, default=10.0, help="largest request body in MiB (default 10)"
    )


def _serve(args: argparse.Namespace) -> int:
    import os

    try:
        from storyline.web import ServerSettings, serve
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
    )
    print(f"storyline: serving {settings.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    serve(settings, host=args.host, port=args.port, workers=args.workers)
    return EXIT_OK


def _batch_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("batch", help="dedup, cluster and summarize a large corpus, resumable")
    p.add_argument("inputs", nargs="+", help=".jsonl(.gz), .parquet or .warc(.gz) files/folders")
    p.add_argument("--output", required=True, help="run folder: stories.jsonl and partitions")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)")
    p.add_argument("--workers", type=int, default=2, help="local Dask worker processes")
    p.add_argument("--words", type=int, default=100, help="summary length in words")
    p.add_argument("--partition-mb", type=float, help="input MB per partition (default 16)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    p.add_argument(
        "--load-db",
        metavar="URL_OR_PATH",
        help="then load the stories into this database (SQLite path or postgresql:// URL)",
    )


def _batch(args: argparse.Namespace) -> int:
    from storyline import engine

    report = engine.batch(
        args.inputs,
        output=args.output,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
        words=args.words,
        progress=not args.no_progress,
        partition_mb=args.partition_mb,
    )
    print(
        f"storyline: {report.articles} articles, {report.reprints} reprints, {report.stories} "
        f"stories in {report.seconds:.1f} s ({report.skipped} tasks resumed) -> "
        f"{report.output / 'stories.jsonl'}",
        file=sys.stderr,
    )
    if args.load_db:
        from storyline.store import open_store

        store = open_store(args.load_db)
        try:
            loaded = engine.load_batch(report.output, store=store)
        finally:
            store.close()
        print(
            f"storyline: loaded {loaded.stories} stories, {loaded.articles} articles "
            f"({loaded.reprints} reprints) in {loaded.batches} batches into {args.load_db}; "
            f"{loaded.skipped_stories} stories were there already",
            file=sys.stderr,
        )
    return EXIT_PARTIAL if report.failed else EXIT_OK


_STORE_COMMANDS = {
    "batch": _batch,
    "ingest": _ingest,
    "stories": _stories,
    "search": _search,
    "story": _story,
    "cluster-batch": _cluster_batch,
    "serve": _serve,
}


if __name__ == "__main__":
    sys.exit(main())
