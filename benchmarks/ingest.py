"""Ingest throughput into the SQLite store, peak memory, and cost per batch as the store grows.

Each size runs in a fresh child process (so peak RSS is that run's own): synthetic news
(``benchmarks/synth.py``) is written to a JSONL file first (not timed), then ``engine.ingest``
reads, cleans, dedups, clusters (lexical features) and commits it batch by batch. A second pass
over the first 5,000 articles times the stages alone, to show where the time goes.

    python -m benchmarks.ingest                 # 10k and 100k
    python -m benchmarks.ingest --sizes 10000   # quicker
    python -m benchmarks.ingest --embedders lexical wordllama   # and with embeddings
    python -m benchmarks.ingest --order generator   # the generator's rough order (see below)

The stream is fed in date order by default, as a feed delivers it. The generator's own order is
only roughly by date (an event runs into the next block's days), and an ingest call whose
batches go back in time clusters its articles a second time at its end (``engine/reorder.py``):
``--order generator`` measures that re-run too.

Ingest prepares the next batches in a second process (engine/prepare.py), so the run uses both
cores; the stage times are one process, one stage at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from benchmarks.synth import generate

RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"
BATCH = 1000


def _write_jsonl(path: Path, n: int, seed: int, *, order: str) -> None:
    """The generator's articles as JSONL, in its order or sorted by date (stable: a day keeps the
    generator's order). The sort is the system's ``sort`` on a date-keyed copy, so neither the
    articles nor the sort's memory count in the measured process's peak RSS."""
    keyed = path.with_suffix(".keyed")
    with keyed.open("w", encoding="utf-8") as fh:
        for article in generate(n, seed=seed):
            fh.write(f"{article.published.isoformat()}\t{json.dumps(article.to_dict())}\n")
    if order == "date":
        env = {**os.environ, "LC_ALL": "C"}
        sort = ["sort", "-s", "-t", "\t", "-k1,1", "-o", str(keyed), str(keyed)]
        subprocess.run(sort, check=True, env=env)
    with keyed.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line.split("\t", 1)[1])
    keyed.unlink()


def _stages(path: Path, n: int) -> dict[str, float]:
    """Seconds per 1,000 articles of each stage, run alone on the first ``n`` articles."""
    from storyline.clean import clean_batch
    from storyline.cluster import StoryIndex, from_article
    from storyline.dedup import DedupIndex
    from storyline.engine.documents import unique
    from storyline.ingest import read_paths
    from storyline.models import RawDocument

    t0 = time.perf_counter()
    docs = [d for d in islice(read_paths([path]), n) if isinstance(d, RawDocument)]
    t1 = time.perf_counter()
    articles = []
    for k in range(0, len(docs), BATCH):
        articles.extend(clean_batch(docs[k : k + BATCH]))
    articles = list(unique(articles))
    t2 = time.perf_counter()
    dedup = DedupIndex()
    canonical = [a for a in articles if dedup.add(a.id, a.text) is None]
    t3 = time.perf_counter()
    index = StoryIndex()
    for k in range(0, len(canonical), BATCH):
        index.add_batch([from_article(a) for a in canonical[k : k + BATCH]])
    t4 = time.perf_counter()
    per = 1000.0 / len(docs)
    return {
        "read_parse": (t1 - t0) * per,
        "clean": (t2 - t1) * per,
        "dedup": (t3 - t2) * per,
        "cluster": (t4 - t3) * per,
        "canonical_share": len(canonical) / len(articles),
    }


def child(n: int, seed: int, embedder: str, order: str) -> dict[str, object]:
    """One measured run (called in a fresh process)."""
    from storyline import engine
    from storyline.engine.ingest import BatchProgress
    from storyline.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        data, db = Path(tmp) / "news.jsonl", Path(tmp) / "bench.db"
        _write_jsonl(data, n, seed, order=order)
        base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        store = open_store(db)
        batches: list[dict[str, float]] = []
        stored = 0

        def on_batch(step: BatchProgress) -> None:
            nonlocal stored
            stored += step.new + step.duplicates
            batches.append({"stored": stored, "seconds": round(step.seconds, 4)})

        cpu = _cpu()
        start = time.perf_counter()
        report = engine.ingest(
            [data], store=store, batch_size=BATCH, on_batch=on_batch, embedder=embedder
        )
        elapsed = time.perf_counter() - start
        main_cpu, worker_cpu = (after - before for after, before in zip(_cpu(), cpu, strict=True))
        store.close()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        size = db.stat().st_size + sum(p.stat().st_size for p in Path(tmp).glob("bench.db-*"))
        stages = _stages(data, min(n, 5000))
    return {
        "articles": n,
        "embedder": embedder,
        "order": order,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1),
        "cpu_ms_per_article": round(1000 * (main_cpu + worker_cpu) / n, 3),
        "cpu_ms_per_article_main": round(1000 * main_cpu / n, 3),
        "new": report.new,
        "duplicates": report.duplicates,
        "already_stored": report.already_stored,
        "reclustered": report.reclustered,
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_before_ingest_mb": round(base_rss / 1024, 1),
        "db_mb": round(size / 1e6, 1),
        "ms_per_article_first_batches": _ms(batches[:5]),
        "ms_per_article_last_batches": _ms(batches[-5:]),
        "batches": batches,
        "stage_ms_per_article_first_5000": {k: round(v, 3) for k, v in stages.items()},
    }


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its ended children (the prepare worker): unlike wall
    time, what ingest costs whatever else the machine runs (``sort`` is excluded by taking the
    difference around the ingest)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _tenths(batches: list[dict[str, float]]) -> list[float]:
    n = len(batches)
    return [_ms(batches[k * n // 10 : (k + 1) * n // 10]) for k in range(10)] if n >= 10 else []


def _ms(batches: list[dict[str, float]]) -> float:
    return round(1000.0 * sum(b["seconds"] for b in batches) / (BATCH * max(len(batches), 1)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--embedders", nargs="+", default=["lexical"], help="lexical | wordllama | minilm"
    )
    parser.add_argument(
        "--order", choices=["date", "generator"], default="date", help="input order (see above)"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.seed, args.embedders[0], args.order)))
        return
    runs = []
    for embedder, n in ((e, n) for e in args.embedders for n in args.sizes):
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.ingest",
            "--child",
            str(n),
            "--seed",
            str(args.seed),
            "--embedders",
            embedder,
            "--order",
            args.order,
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"batch_size": BATCH, "runs": runs}, indent=2) + "\n", "utf-8")
    print("| articles | features | order | articles/s | CPU ms/article (main) | peak RSS MB "
          "| DB MB | ms/article first 5 batches | last 5 | clustered again |")  # fmt: skip
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        print(
            f"| {r['articles']:,} | {r['embedder']} | {r['order']} | {r['articles_per_s']:,.0f} | "
            f"{r['cpu_ms_per_article']} ({r['cpu_ms_per_article_main']}) | "
            f"{r['peak_rss_mb']:,.0f} | "
            f"{r['db_mb']} | {r['ms_per_article_first_batches']} | "
            f"{r['ms_per_article_last_batches']} | {r['reclustered']:,} |"
        )
    print(
        "\nSynthetic stream (benchmarks/synth.py), 1,000-article batches into SQLite, each size in"
        "\na fresh process; a second process prepares the next batches (engine/prepare.py)."
        "\nCPU ms/article: the ingest process and its prepare worker together (the main"
        "\nprocess alone in brackets), which other jobs on the machine change far less than"
        "\nwall time: with two free cores, articles/s is at most about 1000 / the larger of"
        "\nthe main process's share and the worker's."
        "\nFlat cost: ms/article of the first and last five batches and of each tenth of the run"
        "\n(below); dedup and story state are windowed (30 days of publication dates), so memory"
        "\nstays flat too."
    )
    print("\nms/article in each tenth of the run (flat cost as the store grows):")
    for r in runs:
        print(f"- {r['articles']:,} {r['embedder']}: {_tenths(r['batches'])}")
    print("\nstage ms/article (lexical, one process, first 5,000, run alone):")
    for r in runs:
        print(f"- {r['articles']:,} {r['embedder']}: {r['stage_ms_per_article_first_5000']}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nLoad average at the end (1, 5, 15 min): {load} on {os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
