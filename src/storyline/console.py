"""How the ``storyline`` command behaves at a terminal, whatever the subcommand: flag suggestions,
``--format`` with its ``--json`` alias, log levels for ``-q``/``-v``, quiet broken pipes, output
files, and the checks that keep a mistyped ``--db`` from creating an empty database."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from storyline.store import Store


class Parser(argparse.ArgumentParser):
    """argparse that suggests the closest flag for a mistyped one (``--word`` -> ``--words``)."""

    def error(self, message: str) -> NoReturn:
        if "unrecognized arguments:" in message:
            message += suggestion(self, message.split("unrecognized arguments:", 1)[1].split())
        super().error(message)


def suggestion(parser: argparse.ArgumentParser, unknown: list[str]) -> str:
    import difflib

    known: set[str] = set()
    stack = [parser]
    while stack:
        current = stack.pop()
        for action in current._actions:
            known.update(o for o in action.option_strings if o.startswith("--"))
            if isinstance(action, argparse._SubParsersAction):
                stack.extend(action.choices.values())
    hints = []
    for flag in (u.split("=", 1)[0] for u in unknown if u.startswith("--")):
        close = difflib.get_close_matches(flag, sorted(known), n=1, cutoff=0.6)
        if close:
            hints.append(f"{flag} -> did you mean {close[0]}?")
    return f" ({'; '.join(hints)})" if hints else ""


def format_args(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    """``--format`` with ``--json`` kept as its alias (older scripts use it)."""
    parser.add_argument("--format", choices=list(choices), default=default, help="output format")
    parser.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )


def configure_logging(args: argparse.Namespace) -> None:
    level = logging.ERROR if args.quiet else (logging.WARNING, logging.INFO)[min(args.verbose, 1)]
    if args.verbose > 1:
        level = logging.DEBUG
    # A reader sees "storyline: warning: ..." as beside "storyline: error: ..."; the module that
    # logged it is for -v, when the reader is looking into how a result was made.
    where = " %(name)s" if args.verbose else ""
    handler = logging.StreamHandler()
    handler.setFormatter(_LevelFormatter(f"storyline: %(level)s{where}: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


class _LevelFormatter(logging.Formatter):
    """``%(level)s``: the level in lower case, as the command's own errors write it."""

    def format(self, record: logging.LogRecord) -> str:
        record.level = record.levelname.lower()
        return super().format(record)


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def progress_disabled(args: argparse.Namespace) -> bool | None:
    """tqdm's ``disable``: off with -q, else automatic (shown on a terminal only)."""
    return True if getattr(args, "quiet", False) else None


def write_output(args: argparse.Namespace, text: str) -> None:
    """Output to ``--output`` when given, else stdout."""
    text = text if text.endswith("\n") else text + "\n"
    if getattr(args, "output", None):
        try:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:  # say which file and why, not "[Errno 2] ..."
            raise OSError(
                f"cannot write {args.output}: {exc.strerror or exc}; pick an --output path in "
                "a folder you can write to."
            ) from exc
    else:
        sys.stdout.write(text)
        sys.stdout.flush()  # a closed pipe fails here, inside main's handler


def existing_db(args: argparse.Namespace) -> str:
    """The ``--db`` location of a read command; a SQLite file must exist (opening a mistyped
    name would create an empty database and report no stories)."""
    from storyline.store import default_location

    location = str(args.db or default_location())
    if location.startswith(("postgresql:", "postgres:")):
        return location
    path = location.removeprefix("sqlite:///")
    if path != ":memory:" and not Path(path).is_file():
        raise FileNotFoundError(
            f"No story database at {path}; create one with `storyline ingest FILES --db {path}` "
            "or pass --db (default: $STORYLINE_DB or ./storyline.db)."
        )
    return location


@contextlib.contextmanager
def open_db(args: argparse.Namespace) -> Iterator[Store]:
    from storyline.store import open_store

    store = open_store(existing_db(args))
    try:
        yield store
    finally:
        store.close()


def new_sqlite_file(location: str) -> Path | None:
    """The SQLite file ingest is about to create, or None when it exists or is not a file."""
    if location.startswith(("postgresql:", "postgres:")):
        return None
    path = Path(location.removeprefix("sqlite:///"))
    return None if str(path) == ":memory:" or path.exists() else path


def stored_anything(location: str) -> bool:
    from storyline.store import open_store

    store = open_store(location)
    try:
        return store.counts().articles > 0
    finally:
        store.close()


def remove_database(path: Path) -> None:
    """Ingest stored nothing into a database it created: leave no empty file behind."""
    for name in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", ".lock"))):
        name.unlink(missing_ok=True)


def positive(text: str) -> int:
    """A whole number >= 1, for counts and budgets: argparse then names the flag in its error
    ("argument --words: '0' is not ..."), where the library would name its own parameter."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def budget_args(parser: argparse.ArgumentParser) -> None:
    """``--words``, ``--sentences`` and ``--method``: the summary budget of every summarizing
    command."""
    from storyline.registry import summarizers

    parser.add_argument(
        "--words", type=positive, default=250, help="length budget in words (default 250)"
    )
    parser.add_argument(
        "--sentences", type=positive, default=None, help="length budget in sentences"
    )
    parser.add_argument(
        "--method",
        default="storyline",
        choices=summarizers.names(),
        help="summarization method (default: storyline)",
    )


@contextlib.contextmanager
def reading(path: str) -> Iterator[TextIO]:
    """The file named by ``--input``, or stdin for ``-`` (left open: it is not ours)."""
    if path == "-":
        yield sys.stdin
        return
    with open(path, encoding="utf-8") as fh:
        yield fh


@contextlib.contextmanager
def writing(path: str) -> Iterator[TextIO]:
    """The file named by ``--output``, or stdout for ``-`` (left open: it is not ours)."""
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as fh:
        yield fh


def print_skipped(errors: Iterable[object]) -> None:
    """Each input that was skipped, on stderr (``views.reports.skipped_lines``)."""
    from storyline.views.reports import skipped_lines

    for line in skipped_lines(errors):
        print(f"storyline: {line}", file=sys.stderr)
