"""Does what ingest stores depend on the order articles arrive in? (issue 17.2)

One synthetic corpus spanning years (``benchmarks.synth``, 4 stories a week, so the 30-day dedup
window matters) is ingested into empty SQLite stores in date order, reversed and shuffled, and
once more in date order into a store that already holds one article dated after all of it (the
issue's backfill case, which found 0 copies when the window followed the newest date seen).
Reprint groups (each article with its copies, as sets of content ids) must be identical; the
story partitions are compared pairwise with the date-order one (pair precision/recall, 1.0 means
identical). The incremental clusterer depends on the order of its batches, so an ingest call
whose batches came out of date order clusters its articles again at its end, in date order
(``storyline.engine.reorder``): "clustered again" counts them, and articles/s includes it. An
input in date order is folded in batches of whole days, cut as the re-run cuts, so it needs no
re-run; the generator's own order is only roughly by date (an event runs into the next block's
days), which the few batches an ingest call holds back to cut whole days put right.

    PYTHONPATH=src python -m benchmarks.record order -n 20000

Writes benchmarks/results/order.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.dedup import pairwise_scores
from benchmarks.synth import SynthArticle, SynthConfig, generate
from storyline import engine
from storyline.models import RawDocument
from storyline.store import Store, open_store

RESULTS = Path(__file__).resolve().parent / "results" / "order.json"
NEWER = RawDocument(
    text="Harbour pilots in a distant town voted on Monday to accept a new shift pattern after "
    "talks that lasted most of the spring, their union said in a statement on the vote.",
    origin="newer.txt",
    title="Pilots accept shifts",
    source="Distant Courier",
    published=date(2099, 5, 18),
)


def _ids(store: Store) -> list[str]:
    return [a.id for n in range(1, store.last_batch() + 1) for a in store.batch_articles(n)]


def _labels(store: Store) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Article id -> reprint group (its canonical id), -> story, and -> its origin, for every
    stored article."""
    articles = [a for n in range(1, store.last_batch() + 1) for a in store.batch_articles(n)]
    ids = [a.id for a in articles]
    canonical = store.canonical(ids)
    origins = {a.id: a.origin or "" for a in articles}
    return {i: canonical.get(i, i) for i in ids}, store.story_of(ids), origins


def _run(
    folder: Path, name: str, articles: Sequence[SynthArticle], *, first: bool, reorder: bool
) -> dict[str, Any]:
    with open_store(folder / f"{name}.db", durable=False) as store:
        if first:
            engine.ingest([NEWER], store=store)
        start = time.perf_counter()
        report = engine.ingest([a.to_raw() for a in articles], store=store, reorder=reorder)
        seconds = time.perf_counter() - start
        groups, stories, origins = _labels(store)
    return {
        "name": name,
        "copies": report.duplicates,
        "reclustered": report.reclustered,
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds),
        "groups": groups,
        "stories": stories,
        "origins": origins,
    }


def _partition(labels: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for article_id, label in labels.items():
        members.setdefault(label, set()).add(article_id)
    return {frozenset(m) for m in members.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20_000, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    articles = list(generate(args.n, seed=args.seed, config=SynthConfig(stories_per_block=4)))
    shuffled = articles[:]
    random.Random(args.seed).shuffle(shuffled)
    orders = {
        "date order": (articles, False, True),
        "reversed": (articles[::-1], False, True),
        "shuffled": (shuffled, False, True),
        "date order after a newer article": (articles, True, True),
        # Strictly by date, a day's articles in the generator's order: no batch comes out of
        # order, so nothing is clustered again; the batches hold whole days, as the re-run's do.
        "sorted by date": (sorted(articles, key=lambda a: a.published), False, True),
        "date order, not clustered again (reorder=False)": (articles, False, False),
        "shuffled, not clustered again (reorder=False)": (shuffled, False, False),
    }
    with tempfile.TemporaryDirectory() as tmp:
        runs = [
            _run(Path(tmp), f"run{k}", order, first=first, reorder=reorder) | {"name": name}
            for k, (name, (order, first, reorder)) in enumerate(orders.items())
        ]
    base = runs[0]
    ids = sorted(base["groups"])
    story_of = {f"synth:{a.id}": a.story_id for a in articles}
    gold = [story_of[base["origins"][i]] for i in ids]
    rows = []
    for run in runs:  # the newer article is left out: only the corpus's ids are compared
        groups = {i: g for i, g in run["groups"].items() if i in base["groups"]}
        same_groups = _partition(groups) == _partition(base["groups"])
        found = [run["stories"][i] for i in ids]
        stories = pairwise_scores([base["stories"][i] for i in ids], found)
        truth = pairwise_scores(gold, found)
        rows.append(
            {
                "order": run["name"],
                "copies": run["copies"],
                "same_reprint_groups": same_groups,
                "story_pairs_precision": stories["precision"],
                "story_pairs_recall": stories["recall"],
                "stories": len(set(run["stories"].values())),
                "gold_story_pairs_f1": truth["f1"],
                "clustered_again": run["reclustered"],
                "articles_per_s": run["articles_per_s"],
            }
        )
    first, last = articles[0].published, articles[-1].published
    result = {
        "command": "PYTHONPATH=src python -m benchmarks.order -n " + str(args.n),
        "articles": args.n,
        "span": [first.isoformat(), last.isoformat()],
        "rows": rows,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"{args.n:,} synthetic articles dated {first} to {last}, ingested (lexical) into empty "
        "SQLite stores; stories compared pairwise with the date-order run, and with the "
        "generator's gold stories (pair F1). Measured while other jobs loaded the machine.\n"
    )
    print(
        "| order | copies found | same reprint groups | story pairs P / R | stories "
        "| gold story F1 | clustered again | articles/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['order']} | {r['copies']:,} | {'yes' if r['same_reprint_groups'] else 'no'} "
            f"| {r['story_pairs_precision']:.4f} / {r['story_pairs_recall']:.4f} "
            f"| {r['stories']:,} | {r['gold_story_pairs_f1']:.4f} | {r['clustered_again']:,} "
            f"| {r['articles_per_s']:,} |"
        )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    print(f"\nWrote {RESULTS}")


if __name__ == "__main__":
    main()
