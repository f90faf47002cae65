"""Wire-copy detection on synthetic news: pairwise precision/recall, speed and memory.

The "is a reprint of" relation holds between two articles when they are copies of one text (an
agency wire, its reprints, exact re-posts). Gold comes from ``benchmarks.synth`` (``wire_group``);
predicted pairs are those that ``DedupIndex`` puts under the same canonical id. Hard negatives are
the outlets' own-words articles about the same event, which share names, numbers, quotes and a
background line.

Targets: precision >= 0.98 and recall >= 0.98 on 5,000 articles. Run:

    PYTHONPATH=src python -m benchmarks.dedup

Writes benchmarks/results/dedup.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.synth import SynthArticle, generate
from storyline.dedup import DedupIndex, DedupSettings
from storyline.fingerprints import Fingerprinter

RESULTS = Path(__file__).resolve().parent / "results" / "dedup.json"


def _pairs(groups: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in groups)


def pairwise_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float | int]:
    """Pair precision/recall of two partitions given as one label per article."""
    joint = Counter(zip(gold, predicted, strict=True))
    true_pairs = _pairs(joint.values())
    gold_pairs = _pairs(Counter(gold).values())
    predicted_pairs = _pairs(Counter(predicted).values())
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if true_pairs else 0.0,
        "gold_pairs": gold_pairs,
        "predicted_pairs": predicted_pairs,
        "true_pairs": true_pairs,
    }


def _errors(articles: Sequence[SynthArticle], predicted: Sequence[str]) -> dict[str, int]:
    """Counts of wrong decisions by kind: what a failing threshold is getting wrong."""
    by_id = {a.id: a for a in articles}
    errors: dict[str, int] = defaultdict(int)
    for article, canonical in zip(articles, predicted, strict=True):
        if canonical == article.id:
            continue
        other = by_id[canonical]
        if other.wire_group != article.wire_group:
            same_event = other.event_id == article.event_id
            errors["false_merge_same_event" if same_event else "false_merge_other_event"] += 1
    first: dict[str, str] = {}
    for article, canonical in zip(articles, predicted, strict=True):
        group_head = first.setdefault(article.wire_group, canonical)
        if canonical != group_head:
            errors[f"missed_{article.kind}"] += 1
    return dict(errors)


def hard_negatives(articles: Sequence[SynthArticle], predicted: Sequence[str]) -> dict[str, int]:
    """Pairs about the same event that are not copies of each other, and how many got merged."""
    by_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for article, canonical in zip(articles, predicted, strict=True):
        by_event[article.event_id].append((article.wire_group, canonical))
    pairs = merged = 0
    for members in by_event.values():
        for i, (group_a, canonical_a) in enumerate(members):
            for group_b, canonical_b in members[i + 1 :]:
                if group_a != group_b:
                    pairs += 1
                    merged += canonical_a == canonical_b
    return {"hard_negative_pairs": pairs, "hard_negatives_merged": merged}


def evaluate(articles: Sequence[SynthArticle], settings: DedupSettings) -> dict[str, Any]:
    index = DedupIndex(settings=settings)
    t0 = time.perf_counter()
    predicted = [
        index.add(a.id, a.text, published=a.published) or a.id for a in articles
    ]  # in stream (date) order, so the window applies as in ingest
    elapsed = time.perf_counter() - t0
    scores = pairwise_scores([a.wire_group for a in articles], predicted)
    return {
        **scores,
        **hard_negatives(articles, predicted),
        "errors": _errors(articles, predicted),
        "articles_per_s": round(len(articles) / elapsed),
        "state_bytes_per_article": round(len(index.to_state()) / len(articles)),
    }


def _rss_mb() -> float:
    """Current resident memory (Linux); elsewhere the peak, which over-counts."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(n: int, settings: DedupSettings, *, seed: int) -> dict[str, Any]:
    """Stream ``n`` articles through one index: speed, and the index's resident memory."""
    articles = list(generate(n, seed=seed))
    gc.collect()
    rss0 = _rss_mb()
    index = DedupIndex(settings=settings)
    t0 = time.perf_counter()
    duplicates = sum(index.add(a.id, a.text, published=a.published) is not None for a in articles)
    elapsed = time.perf_counter() - t0
    gc.collect()
    index_mb = _rss_mb() - rss0
    return {
        "articles": n,
        "duplicates_found": duplicates,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed),
        "index_rss_mb": round(index_mb, 1),
        "index_kb_per_article": round(index_mb * 1024 / n, 2),
        "state_mb": round(len(index.to_state()) / 2**20, 1),
    }


def minhash_speed(articles: Sequence[SynthArticle], settings: DedupSettings) -> dict[str, Any]:
    """Our numpy MinHash against datasketch's on the same shingles (signatures only)."""
    fingerprint = Fingerprinter(settings)
    shingle_sets = [fingerprint(a.text).shingles for a in articles]
    perms = fingerprint._perms  # the benchmark measures the private MinHash on purpose
    t0 = time.perf_counter()
    for s in shingle_sets:
        perms.signature(s)
    ours = len(shingle_sets) / (time.perf_counter() - t0)
    out: dict[str, Any] = {"numpy_signatures_per_s": round(ours)}
    try:
        from datasketch import MinHash  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return out
    byte_sets = [[v.tobytes() for v in s] for s in shingle_sets]
    t0 = time.perf_counter()
    for b in byte_sets:
        m = MinHash(num_perm=settings.num_perm)
        m.update_batch(b)
    out["datasketch_signatures_per_s"] = round(len(byte_sets) / (time.perf_counter() - t0))
    return out


def sweep(articles: Sequence[SynthArticle]) -> list[dict[str, Any]]:
    rows = []
    for shingle in (3, 4, 5):
        for threshold in (0.4, 0.5, 0.6, 0.7):
            settings = DedupSettings(shingle=shingle, threshold=threshold)
            result = evaluate(articles, settings)
            rows.append({"shingle": shingle, "threshold": threshold, **result})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5_000, help="articles for precision/recall")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--stream", type=int, default=50_000, help="articles for throughput")
    parser.add_argument(
        "--sweep", action="store_true", help="also try shingle sizes and thresholds"
    )
    args = parser.parse_args()
    settings = DedupSettings()
    runs = []
    for seed in args.seeds:
        articles = list(generate(args.n, seed=seed))
        kinds = Counter(a.kind for a in articles)
        runs.append({"seed": seed, "kinds": dict(kinds), **evaluate(articles, settings)})
    result: dict[str, Any] = {
        "command": "PYTHONPATH=src python -m benchmarks.dedup " + " ".join(sys.argv[1:]),
        "python": platform.python_version(),
        "settings": settings.__dict__,
        "runs": runs,
        "precision_mean": round(float(np.mean([r["precision"] for r in runs])), 4),
        "recall_mean": round(float(np.mean([r["recall"] for r in runs])), 4),
        "throughput": throughput(args.stream, settings, seed=99),
        "minhash": minhash_speed(list(generate(5_000, seed=7)), settings),
    }
    if args.sweep:
        result["sweep"] = sweep(list(generate(args.n, seed=args.seeds[0])))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")

    print(
        "| seed | articles | reprint pairs | hard-negative pairs (merged) | precision | recall "
        "| F1 | articles/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in runs:
        print(
            f"| {r['seed']} | {args.n} | {r['gold_pairs']} | {r['hard_negative_pairs']} "
            f"({r['hard_negatives_merged']}) | {r['precision']:.4f} | {r['recall']:.4f} "
            f"| {r['f1']:.4f} | {r['articles_per_s']:,} |"
        )
    t = result["throughput"]
    print(
        f"\nStream of {t['articles']:,}: {t['articles_per_s']:,} articles/s on one core, "
        f"index in memory {t['index_rss_mb']} MB, state {t['state_mb']} MB."
    )
    print(f"MinHash signatures/s: {result['minhash']}")
    load = os.getloadavg()[0]
    print(f"Load average at the end: {load:.1f} on {os.cpu_count()} cores (other jobs included).")
    for r in result.get("sweep", []):
        print(
            f"shingle={r['shingle']} threshold={r['threshold']}: P={r['precision']:.4f} "
            f"R={r['recall']:.4f} {r['errors']}"
        )
    print(f"\nWrote {RESULTS}")


if __name__ == "__main__":
    main()
