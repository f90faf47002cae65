"""The story list under load: ``GET /api/stories?limit=50`` and the list page ``/`` with wrk on
loopback, at 1, 8 and 32 clients, against a store of 50,000 synthetic articles (issue 17.4).

Targets: >= 300 req/s at 32 clients, p99 < 200 ms, and no slower at 32 clients than at 1. Each
cell is the median of ``--repeats`` wrk runs, client counts interleaved, because the machine is
shared and single runs swing by a factor of three. Before
the ranking table (engine/listing.py) the same request did 26 req/s at one client and 6.5-7.3
at 32 (p99 5.5 s) on a 48.5k-article store, because every call read and sorted every story.

    python -m benchmarks.record story_list                  # builds the 50k store (minutes)
    python -m benchmarks.story_list --db /tmp/s.db          # build once there, then reuse it

The server is ``storyline serve --workers 2`` (two cores), wrk runs beside it on the same
machine, so both share the two cores. Writes benchmarks/results/story_list.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.load import _parse_wrk, build_store, start_server

RESULTS = Path(__file__).resolve().parent / "results" / "story_list.json"
PATHS = ("/api/stories?limit=50", "/")


def wrk(base: str, path: str, *, clients: int, seconds: float) -> dict[str, Any]:
    """One wrk run on one path; threads never outnumber connections."""
    command = ["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{int(seconds)}s", "--latency",
               base + path]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    return _parse_wrk(out)


def engine_ms(db: Path, *, calls: int = 200) -> float:
    """Median milliseconds of one ``engine.list_stories`` call (limit 50) in this process."""
    from storyline import engine
    from storyline.store import open_store

    with open_store(db) as store:
        times = []
        for _ in range(calls):
            start = time.perf_counter()
            engine.list_stories(store, limit=50)
            times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 2)


def _median_row(path: str, clients: int, found: list[dict[str, Any]]) -> dict[str, Any]:
    rps = [r.get("rps", 0.0) for r in found]
    return {
        "path": path,
        "clients": clients,
        "rps": statistics.median(rps),
        "rps_range": [min(rps), max(rps)],
        "p50_ms": statistics.median(r.get("p50_ms", 0.0) for r in found),
        "p99_ms": statistics.median(r.get("p99_ms", 0.0) for r in found),
        "p99_range": [
            min(r.get("p99_ms", 0.0) for r in found),
            max(r.get("p99_ms", 0.0) for r in found),
        ],
        "non_2xx": sum(r["statuses"].get("non-2xx", 0) for r in found),
        "runs": found,
    }


def run(db: Path, args: argparse.Namespace) -> dict[str, Any]:
    built = None
    if not db.exists():
        built = build_store(db, args.articles)
    from storyline.store import open_store

    with open_store(db) as store:
        counts = store.counts()
        listed = store.story_list(limit=1, min_articles=2).total
    process, base = start_server(db, workers=args.workers)
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    try:
        for path in args.paths:
            wrk(base, path, clients=8, seconds=2)  # warm the workers' connections
            # Client counts interleaved, so the other jobs' load falls on each alike.
            for _ in range(args.repeats):
                for clients in args.clients:
                    got = wrk(base, path, clients=clients, seconds=args.seconds)
                    runs.setdefault((path, clients), []).append(got)
    finally:
        process.terminate()
        process.wait(timeout=30)
    rows = [_median_row(path, clients, found) for (path, clients), found in runs.items()]
    return {
        "store": {"articles": counts.articles, "stories": counts.stories, "listed": listed},
        "built": built,
        "workers": args.workers,
        "engine_ms": engine_ms(db),
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--db", type=Path, help="store to use (built there and kept if missing)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--paths", nargs="+", default=list(PATHS))
    parser.add_argument("--repeats", type=int, default=3, help="runs per cell (median kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-list-") as tmp:
        db = args.db or Path(tmp) / "list.db"
        result = run(db, args)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    s = result["store"]
    print(
        f"Store: {s['articles']:,} articles, {s['stories']:,} stories ({s['listed']:,} of 2+ "
        f"articles listed by default); `storyline serve --workers {result['workers']}`, wrk on "
        f"the same 2 cores; one `engine.list_stories` call: {result['engine_ms']} ms (median). "
        "Measured while other jobs loaded the machine.\n"
    )
    print(
        f"Median of {args.repeats} wrk runs of {args.seconds:g} s per cell (range in brackets).\n"
    )
    print("| path | clients | req/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---|---|---|---|")
    for r in result["rows"]:
        low, high = r["rps_range"]
        p99_low, p99_high = r["p99_range"]
        print(
            f"| `{r['path']}` | {r['clients']} | {r['rps']:,.0f} ({low:,.0f}-{high:,.0f}) "
            f"| {r['p50_ms']} | {r['p99_ms']} ({p99_low}-{p99_high}) | {r['non_2xx']} |"
        )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    print(f"\nWrote {RESULTS}")


if __name__ == "__main__":
    main()
