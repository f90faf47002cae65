"""Throughput of the incremental StoryIndex on synthetic news, and whether it stays flat.

Feeds ``benchmarks.synth.generate`` articles (invented text, dated, with gold story/event labels) to
one ``StoryIndex`` in batches of 100 and reports articles per second over each stretch of the
stream (first 1k, to 10k, to 100k), peak memory (tracemalloc plus the process's max RSS), the
size of the serialised state, B-cubed F1 of the stream against the generator's labels and its
far merges (same-story pairs of different gold stories more than 60 days apart).

Run: ``PYTHONPATH=src python -m benchmarks.cluster_speed [-n 100000] [--embedder wordllama]``;
writes ``benchmarks/results/cluster_speed.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from benchmarks.ecbplus import far_merges
from benchmarks.synth import generate
from storyline.cluster import Assignment, ClusterDoc, StoryIndex
from storyline.embeddings import load_embedder
from storyline.evaluation.clustering import bcubed

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "cluster_speed.json"
CHECKPOINTS = (1_000, 10_000, 100_000, 1_000_000)


def run(n: int, *, batch: int, embedder_name: str) -> dict[str, object]:
    embedder = load_embedder(embedder_name)
    index = StoryIndex(embedder=embedder)
    story_gold: dict[str, str] = {}
    event_gold: dict[str, str] = {}
    days: dict[str, int | None] = {}
    assigned: list[Assignment] = []
    pending: list[ClusterDoc] = []
    stretches: list[dict[str, object]] = []
    done, mark, clock = 0, 0, time.perf_counter()
    start = clock
    for article in generate(n, seed=3):
        story_gold[article.id], event_gold[article.id] = article.story_id, article.event_id
        days[article.id] = article.published.toordinal()
        pending.append(
            ClusterDoc(article.id, article.text, article.title, article.source, article.published)
        )
        if len(pending) == batch:
            assigned += index.add_batch(pending)
            done += len(pending)
            pending = []
            if done in CHECKPOINTS or done == n:
                now = time.perf_counter()
                stretches.append(
                    {
                        "from": mark,
                        "to": done,
                        "docs_per_second": round((done - mark) / (now - clock)),
                        "state_mb": round(len(index.to_bytes()) / 1e6, 3),  # not timed
                    }
                )
                mark, clock = done, time.perf_counter()
    if pending:
        assigned += index.add_batch(pending)
    seconds = time.perf_counter() - start
    state = index.to_bytes()
    return {
        "docs": n,
        "batch": batch,
        "features": index.features,
        "seconds": round(seconds, 1),
        "docs_per_second": round(n / seconds),
        "stretches": stretches,
        "stories": len({a.story for a in assigned}),
        "active_stories": len(index.stories()),
        "state_mb": round(len(state) / 1e6, 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "story_bcubed_f1": round(bcubed({a.doc_id: a.story for a in assigned}, story_gold).f1, 3),
        "event_bcubed_f1": round(bcubed({a.doc_id: a.event for a in assigned}, event_gold).f1, 3),
        # same-story pairs of different gold stories > 60 days apart (``ecbplus.far_merges``)
        "far_merges": far_merges({a.doc_id: a.story for a in assigned}, story_gold, days),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="StoryIndex throughput on synthetic news.")
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--embedder", default="lexical", help="lexical | wordllama | minilm")
    args = parser.parse_args()
    result = run(args.n, batch=args.batch, embedder_name=args.embedder)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("| features | stretch | articles/s | state MB at its end |")
    print("|---|---|---|---|")
    for stretch in result["stretches"]:  # type: ignore[attr-defined]
        print(
            f"| {result['features']} | {stretch['from']}-{stretch['to']} | "
            f"{stretch['docs_per_second']} | {stretch['state_mb']} |"
        )
    print()
    print({k: v for k, v in result.items() if k != "stretches"})


if __name__ == "__main__":
    main()
