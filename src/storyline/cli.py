"""The ``storyline`` command: a thin wrapper over ``storyline.engine``.

Exit codes: 0 all inputs used; 1 partial (some inputs failed, the rest was processed); 2 nothing
usable or a usage error. How it behaves at a terminal (flag hints, --format, -q/-v, pipes, the
--db checks) is ``storyline.console``; what it computes is ``storyline.engine``, and what it prints
is rendered by ``storyline.views``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from storyline import cli_service
from storyline.console import Parser as _Parser
from storyline.console import configure_logging as _configure_logging
from storyline.console import format_args as _format_args
from storyline.console import new_sqlite_file as _new_sqlite_file
from storyline.console import open_db as _open_db
from storyline.console import progress_disabled as _progress
from storyline.console import remove_database as _remove_database
from storyline.console import silence_stdout as _silence_stdout
from storyline.console import stored_anything as _stored_anything
from storyline.console import write_output as _write
from storyline.registry import summarizers

if TYPE_CHECKING:
    from storyline.engine.updates import UpdateReport

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2
FORMATS = ("md", "json", "html")


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
    from storyline import __version__

    parser = _Parser(
        prog="storyline", description="Cited, de-duplicated stories from news articles."
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bars or log messages (results and skipped inputs still print)",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log what happens (-vv: more)"
    )
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", required=True, parser_class=_Parser),
    )

    p = sub.add_parser("summarize", help="summarize articles (files, folders or - for stdin)")
    p.add_argument("paths", nargs="+", help="text/Markdown/HTML/JSON/JSONL files, folders, or -")
    _budget_args(p)
    _format_args(p, FORMATS, "md")
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
    _format_args(r, ("table", "json"), "table")
    _store_commands(sub)
    cli_service.add_parsers(sub)
    _views_parser(sub)
    _live_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _configure_logging(args)
    try:
        return _run(args)
    except BrokenPipeError:  # `storyline stories | head`: the reader has what it wanted
        _silence_stdout()
        return EXIT_OK
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _run(args: argparse.Namespace) -> int:
    if args.command in _LIVE_COMMANDS or args.command in ("ingest", "summarize"):
        return _live(args)
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
    if args.command in cli_service.COMMANDS:
        return cli_service.COMMANDS[args.command](args)
    if args.command in ("timeline", "compare"):
        return _view(args)
    return EXIT_FAILED


def _summarize(args: argparse.Namespace) -> int:
    from storyline import engine, views

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
    if not report.summary.sentences:  # read, but no sentence survived cleaning (garbage HTML)
        print("storyline: error: nothing usable: no article has a sentence.", file=sys.stderr)
        return EXIT_FAILED
    view = views.documents_view(report.articles, errors=report.errors, summary=report.summary)
    _write(args, views.render(view, args.format))
    return EXIT_PARTIAL if report.errors else EXIT_OK


def _render_update(fmt: str, update: UpdateReport) -> str:
    """An update summary: what it compares, then the summary as usual (JSON: its own contract)."""
    import json

    from storyline import views

    if fmt == "json":
        return json.dumps(views.update_data(update), ensure_ascii=False, indent=2) + "\n"
    return views.render(views.update_view(update), fmt)


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
        bar = tqdm(total=total, unit="cluster", file=sys.stderr, disable=_progress(args))
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
    if args.format == "json":
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
    _format_args(p, FORMATS, "md")
    p.add_argument("--max-dates", type=int, default=None, help="at most this many dates")
    p.add_argument("--sentences-per-date", type=int, default=1, help="sentences per date (1)")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help="story database (for a story id)")
    p = sub.add_parser("compare", help="facts across outlets: agreed, changed, disputed, single")
    p.add_argument("target", nargs="+", help=target)
    _format_args(p, FORMATS, "md")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help="story database (for a story id)")


def _is_story_id(targets: Sequence[str]) -> bool:
    return len(targets) == 1 and targets[0] != "-" and not Path(targets[0]).exists()


def _view(args: argparse.Namespace) -> int:
    from storyline import engine, views

    if _is_story_id(args.target):
        with _open_db(args) as store:
            if args.command == "timeline":
                dated = engine.timeline(
                    store,
                    args.target[0],
                    max_dates=args.max_dates,
                    sentences_per_date=args.sentences_per_date,
                )
                view = views.documents_view(dated.articles, timeline=dated.timeline)
            else:
                facts = engine.compare(store, args.target[0])
                if args.format == "json":
                    _write(args, views.facts_json(facts.comparison, facts.articles))
                    return EXIT_OK
                view = views.documents_view(facts.articles, comparison=facts.comparison)
        _write(args, views.render(view, args.format))
        return EXIT_OK
    if args.command == "timeline":
        docs, timeline = engine.timeline_paths(
            args.target, max_dates=args.max_dates, sentences_per_date=args.sentences_per_date
        )
        errors, articles = docs.errors, docs.articles
        # spans index each input's own text, so a tool can point back into its file
        inputs = {a.id: r.text for a, r in zip(docs.articles, docs.raws, strict=True)}
        view = views.documents_view(articles, errors=errors, timeline=timeline, input_texts=inputs)
    else:
        report = engine.compare_paths(args.target)
        errors = report.errors
        view = views.documents_view(report.articles, errors=errors, comparison=report.comparison)
    for error in errors:
        print(f"storyline: skipped {error}", file=sys.stderr)
    if args.command == "compare" and args.format == "json":
        text = views.facts_json(report.comparison, report.articles, raws=report.raws, errors=errors)
        _write(args, text)
        return EXIT_PARTIAL if errors else EXIT_OK
    _write(args, views.render(view, args.format))
    return EXIT_PARTIAL if errors else EXIT_OK


def _store_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        choices=["auto", "lexical", "wordllama", "minilm"],
        help="features for story matching (default: what the database was built with, lexical "
        "for a new one; auto = wordllama when installed)",
    )

    p = sub.add_parser("stories", help="list the stories in the database")
    p.add_argument("--since", type=_iso_date, help="only stories seen on or after YYYY-MM-DD")
    p.add_argument(
        "--min-articles",
        type=_positive,
        default=2,
        help="hide stories of fewer articles (default 2: single-article stories are collapsed)",
    )
    p.add_argument("--sort", choices=["newest", "most-covered"], default="newest")
    p.add_argument("--limit", type=_positive, help="list at most this many (default: all)")
    p.add_argument(
        "--updated-since",
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


def _positive(text: str) -> int:
    """A whole number >= 1 for ``--min-articles`` and ``--limit``."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


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
    for error in report.errors:
        print(f"storyline: skipped {error}", file=sys.stderr)
    print(
        f"{report.new} new, {report.duplicates} duplicate, {report.already_stored} already "
        f"stored, {report.failed} failed ({report.seconds:.1f} s)"
    )
    if report.reclustered:  # issue 17.2: the input came out of date order
        print(f"{report.reclustered} articles clustered again in date order")
    if report.failed:
        used = report.new + report.duplicates + report.already_stored
        return EXIT_PARTIAL if used else EXIT_FAILED
    return EXIT_OK


def _stories(args: argparse.Namespace) -> int:
    import json

    from storyline import engine, views
    from storyline.engine.listing import is_updated, parse_since

    since = parse_since(args.updated_since)
    with _open_db(args) as store:
        page = engine.list_stories(
            store,
            sort=args.sort,
            limit=args.limit or 1_000_000_000,
            min_articles=args.min_articles,
            seen_since=args.since,
        )
    found = page.stories
    if args.format == "json":
        rows = [views.listed_data(s, updated_since=since) for s in found]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max((len(s.id) for s in found), default=8)  # loaded batch runs: w000012.s00003
    print(
        f"{'story':{width}} {'last seen':10} {'articles':>8} {'reprints':>8} {'outlets':>7}  label"
    )
    for s in found:
        seen = s.last_seen.isoformat() if s.last_seen else "-"
        mark = "* " if since and is_updated(s, since) else ""
        print(
            f"{s.id:{width}} {seen:10} {s.articles:8} {s.reprints:8} {s.outlet_count:7}  "
            f"{mark}{s.label}"
        )
        if s.snippet:
            print(f"{'':{width}} {s.snippet}")
    hidden = "" if args.min_articles < 2 else f" of {args.min_articles}+ articles"
    print(f"{len(found)} of {page.total} stories{hidden}" + (" (* updated)" if since else ""))
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    import json

    from storyline import engine, views

    with _open_db(args) as store:
        hits = engine.search(store, args.query, limit=args.limit, offset=args.offset)
    if args.format == "json":
        rows = [views.data.to_data(views.hit_view(h, args.query)) for h in hits]
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
    from storyline import engine, views

    with _open_db(args) as store:
        if args.since is not None:
            update = engine.story_updates(
                store, args.id, args.since, words=args.words, sentences=args.sentences
            )
            _write(args, _render_update(args.format, update))
            return EXIT_OK
        view = engine.story(
            store, args.id, words=args.words, sentences=args.sentences, method=args.method
        )
    _write(args, views.render(view, args.format))
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


_STORE_COMMANDS = {
    "ingest": _ingest,
    "stories": _stories,
    "search": _search,
    "story": _story,
    "cluster-batch": _cluster_batch,
}


# --- fetching, following and watching sources; extract (see cli_follow) -----------------------

_LIVE_COMMANDS = ("fetch", "follow", "watch", "extract")


def _live_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from storyline import cli_follow

    cli_follow.add_parsers(sub)


def _live(args: argparse.Namespace) -> int:
    """The live commands; and a URL given to ingest or summarize says to use ``fetch``."""
    from storyline import cli_follow

    if args.command in _LIVE_COMMANDS:
        return cli_follow.COMMANDS[args.command](args)
    problem = cli_follow.url_problem(args.paths, args.command)
    if problem:
        print(f"storyline: error: {problem}", file=sys.stderr)
        return EXIT_FAILED
    if args.command == "ingest":
        return _ingest(args)
    return _summarize(args)


if __name__ == "__main__":
    sys.exit(main())
