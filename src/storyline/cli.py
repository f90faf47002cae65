"""The ``storyline`` command: a thin wrapper over ``storyline.engine``.

Exit codes: 0 all inputs used; 1 partial (some inputs failed, the rest was processed); 2 nothing
usable or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from storyline.registry import summarizers

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
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_FAILED


def _summarize(args: argparse.Namespace) -> int:
    from storyline import engine, render

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


def _store_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db_help = "story database file (default: $STORYLINE_DB or ./storyline.db)"
    p = sub.add_parser("ingest", help="add articles to the story database: dedup and cluster")
    p.add_argument("paths", nargs="+", help="text/Markdown/HTML/JSON/JSONL files, folders, or -")
    p.add_argument("--db", help=db_help)
    p.add_argument("--batch-size", type=int, default=1000, help="articles per transaction")
    p.add_argument("--keep-raw", action="store_true", help="also store the text before cleaning")

    p = sub.add_parser("stories", help="list the stories in the database")
    p.add_argument("--since", type=_iso_date, help="only stories seen on or after YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--db", help=db_help)

    p = sub.add_parser("story", help="one story: cited summary, outlets and reprints")
    p.add_argument("id", help="story id, as `storyline stories` lists it")
    p.add_argument("--format", choices=["md", "json", "html"], default="md")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument("--db", help=db_help)
    _budget_args(p)

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
    from storyline.store import open_store

    store = open_store(args.db)
    try:
        bar = tqdm(total=_jsonl_total(args.paths), unit="doc", file=sys.stderr, disable=None)

        def progress(step: engine.BatchProgress) -> None:
            bar.update(step.read)

        report = engine.ingest(
            args.paths,
            store=store,
            batch_size=args.batch_size,
            keep_raw=args.keep_raw,
            on_batch=progress,
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
    print(f"{'story':8} {'last seen':10} {'articles':>8} {'reprints':>8} {'outlets':>7}  label")
    for s in found:
        seen = s.last_seen.isoformat() if s.last_seen else "-"
        print(f"{s.id:8} {seen:10} {s.size:8} {s.reprints:8} {len(s.outlets):7}  {s.label}")
    return EXIT_OK


def _story(args: argparse.Namespace) -> int:
    from storyline import engine
    from storyline.store import open_store

    store = open_store(args.db)
    try:
        report = engine.story_report(
            store, args.id, words=args.words, sentences=args.sentences, method=args.method
        )
    finally:
        store.close()
    text = engine.render_story(report, fmt=args.format)
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


_STORE_COMMANDS = {
    "ingest": _ingest,
    "stories": _stories,
    "story": _story,
    "cluster-batch": _cluster_batch,
}


if __name__ == "__main__":
    sys.exit(main())
