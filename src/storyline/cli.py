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
from typing import cast

from storyline import cli_service, cli_store
from storyline.console import Parser as _Parser
from storyline.console import budget_args as _budget_args
from storyline.console import configure_logging as _configure_logging
from storyline.console import format_args as _format_args
from storyline.console import open_db as _open_db
from storyline.console import positive, print_skipped
from storyline.console import progress_disabled as _progress
from storyline.console import reading as _reading
from storyline.console import silence_stdout as _silence_stdout
from storyline.console import write_output as _write
from storyline.console import writing as _writing
from storyline.registry import REPORT_FORMATS as FORMATS
from storyline.registry import summarizers

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


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
    cli_store.add_parsers(sub)
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
        print(f"storyline: error: {_message(exc)}", file=sys.stderr)
        return EXIT_FAILED


def _message(exc: Exception) -> str:
    """An error in words: an OSError from a file names the file first, without "[Errno 2]"."""
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}."
    return str(exc)


def _run(args: argparse.Namespace) -> int:
    if args.command in _LIVE_COMMANDS or args.command in ("ingest", "summarize"):
        return _live(args)
    if args.command == "summarize":
        return _summarize(args)
    if args.command == "summarize-batch":
        return _summarize_batch(args)
    if args.command == "methods":
        from storyline.views.reports import methods_table

        print(methods_table(summarizers.entries()))
        return EXIT_OK
    if args.command == "eval":
        return _eval(args)
    if args.command in cli_store.COMMANDS:
        return cli_store.COMMANDS[args.command](args)
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
        print_skipped(update.errors)
        _write(args, views.render_update(update, args.format))
        return EXIT_PARTIAL if update.errors else EXIT_OK
    report = engine.summarize_paths(
        args.paths, words=args.words, sentences=args.sentences, method=args.method
    )
    print_skipped(report.errors)
    if not report.articles:
        print("storyline: error: no readable article in the input.", file=sys.stderr)
        return EXIT_FAILED
    if not report.summary.sentences:  # read, but no sentence survived cleaning (garbage HTML)
        print("storyline: error: nothing usable: no article has a sentence.", file=sys.stderr)
        return EXIT_FAILED
    view = views.documents_view(report.articles, errors=report.errors, summary=report.summary)
    _write(args, views.render(view, args.format))
    return EXIT_PARTIAL if report.errors else EXIT_OK


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
    with _reading(args.input) as source, _writing(args.output) as sink:
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
    print(f"storyline: {done} summarized, {failed} failed", file=sys.stderr)
    if failed:
        return EXIT_PARTIAL if done else EXIT_FAILED
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.views.reports import rouge_json, rouge_table

    report = engine.rouge_folders(
        args.summaries, args.references, limit_words=args.words, perl=args.perl
    )
    if args.format == "json":
        print(rouge_json(report))
    else:
        print(rouge_table(report, words=args.words, perl=args.perl))
    return EXIT_OK


# --- stories and the store -------------------------------------------------------------------


def _views_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """timeline and compare: of a stored story (an id) or of files (paths or -)."""
    target = "a story id from `storyline stories`, or files, folders, or - for stdin"
    p = sub.add_parser("timeline", help="a dated timeline with cited sentences")
    p.add_argument("target", nargs="+", help=target)
    _format_args(p, FORMATS, "md")
    p.add_argument("--max-dates", type=positive, default=None, help="at most this many dates")
    p.add_argument("--sentences-per-date", type=positive, default=1, help="sentences per date (1)")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help="story database (for a story id)")
    p = sub.add_parser("compare", help="facts across outlets: agreed, changed, disputed, single")
    p.add_argument("target", nargs="+", help=target)
    _format_args(p, FORMATS, "md")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help="story database (for a story id)")


def _is_story_id(targets: Sequence[str]) -> bool:
    """One target that is no file: a story id ("s00012", a batch's "w000007.s00001"). A missing
    path with a folder or an input suffix ("typo.jsonl") is a file the reader mistyped, not a
    story to look up in a database."""
    from storyline.ingest.formats import FILES, format_of

    name = targets[0] if len(targets) == 1 else ""
    if name in ("-", "") or Path(name).exists() or any(c in name for c in "/\\"):
        return False
    return "." not in name or format_of(name, reader=FILES) is None


def _view(args: argparse.Namespace) -> int:
    return _stored_view(args) if _is_story_id(args.target) else _files_view(args)


def _stored_view(args: argparse.Namespace) -> int:
    """timeline or compare of a story in the database."""
    from storyline import engine, views

    with _open_db(args) as store:
        if args.command == "timeline":
            dated = engine.timeline(
                store,
                args.target[0],
                max_dates=args.max_dates,
                sentences_per_date=args.sentences_per_date,
            )
            named = (dated.story.id, dated.story.label)
            view = views.documents_view(dated.articles, timeline=dated.timeline, story=named)
        else:
            facts = engine.compare(store, args.target[0])
            if args.format == "json":
                _write(args, views.facts_json(facts.comparison, facts.articles))
                return EXIT_OK
            named = (facts.story.id, facts.story.label)
            view = views.documents_view(facts.articles, comparison=facts.comparison, story=named)
    _write(args, views.render(view, args.format))
    return EXIT_OK


def _files_view(args: argparse.Namespace) -> int:
    """timeline or compare of files: the inputs that could not be read are named, and no
    report of nothing is written (as summarize: the exit code says so)."""
    from storyline import engine, views

    if args.command == "timeline":
        docs, timeline = engine.timeline_paths(
            args.target, max_dates=args.max_dates, sentences_per_date=args.sentences_per_date
        )
        errors, articles = docs.errors, docs.articles
        # spans index each input's own text, so a tool can point back into its file
        inputs = {a.id: r.own_text for a, r in zip(docs.articles, docs.raws, strict=True)}
        view = views.documents_view(articles, errors=errors, timeline=timeline, input_texts=inputs)
    else:
        report = engine.compare_paths(args.target)
        errors, articles = report.errors, report.articles
        view = views.documents_view(articles, errors=errors, comparison=report.comparison)
    print_skipped(errors)
    if not articles:
        print("storyline: error: no readable article in the input.", file=sys.stderr)
        return EXIT_FAILED
    if args.command == "compare" and args.format == "json":
        _write(args, views.facts_json(report.comparison, articles, raws=report.raws, errors=errors))
    else:
        _write(args, views.render(view, args.format))
    return EXIT_PARTIAL if errors else EXIT_OK


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
        return cli_store.COMMANDS["ingest"](args)
    return _summarize(args)


if __name__ == "__main__":
    sys.exit(main())
