"""Story and event clustering on ECB+ (43 topics x 2 same-kind events), ours against a baseline.

Ours: ``storyline.cluster.cluster_batch`` with DEFAULT settings on all 982 articles at once.
Baseline: TF-IDF (scikit-learn, stop words removed) + cosine average-linkage agglomerative
clustering, with the cut threshold chosen *on ECB+ itself*, separately for each level (an oracle the
real system never gets). Also measures the incremental index's throughput on synthetic articles.

Run: ``PYTHONPATH=src python benchmarks/ecbplus.py`` (data from ``$STORYLINE_DATA`` or
``../shared/data``); writes ``benchmarks/results/ecbplus.json`` and prints a Markdown table.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from storyline.cluster import ClusterDoc, StoryIndex, average_linkage, cluster_batch
from storyline.evaluation.clustering import bcubed, pairwise

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "ecbplus.json"
BASELINE_THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 26)]


def data_dir() -> Path:
    return Path(os.environ.get("STORYLINE_DATA", ROOT.parent / "shared" / "data"))


def load_ecbplus() -> list[dict[str, str]]:
    path = data_dir() / "ecbplus" / "ecbplus_docs.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, object]:
    return {
        "bcubed": bcubed(predicted, gold).as_dict(),
        "pairwise": pairwise(predicted, gold).as_dict(),
        "clusters": len(set(predicted.values())),
    }


def run_ours(rows: Sequence[dict[str, str]]) -> dict[str, object]:
    docs = [ClusterDoc(id=r["doc"], text=r["text"]) for r in rows]
    start = time.perf_counter()
    assignments = cluster_batch(docs)
    seconds = time.perf_counter() - start
    topic_gold = {r["doc"]: str(r["topic"]) for r in rows}
    event_gold = {r["doc"]: r["subtopic"] for r in rows}
    return {
        "seconds": round(seconds, 2),
        "topic": scores({a.doc_id: a.story for a in assignments}, topic_gold),
        "event": scores({a.doc_id: a.event for a in assignments}, event_gold),
    }


def run_baseline(rows: Sequence[dict[str, str]]) -> dict[str, object]:
    """TF-IDF + average linkage, threshold picked per level by B-cubed F1 on this very data."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [r["text"] for r in rows]
    )
    sim = np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)
    ids = [r["doc"] for r in rows]
    out: dict[str, object] = {}
    for level, key in (("topic", "topic"), ("event", "subtopic")):
        gold = {r["doc"]: str(r[key]) for r in rows}
        best: tuple[float, float, dict[str, str]] | None = None
        for threshold in BASELINE_THRESHOLDS:
            labels = average_linkage(sim, threshold)
            predicted = {i: str(label) for i, label in zip(ids, labels, strict=True)}
            f1 = bcubed(predicted, gold).f1
            if best is None or f1 > best[0]:
                best = (f1, threshold, predicted)
        assert best is not None
        out[level] = {"threshold": best[1], **scores(best[2], gold)}
    out["seconds"] = round(time.perf_counter() - start, 2)
    return out


def synthetic_docs(n: int, *, seed: int = 7) -> list[ClusterDoc]:
    """Fictional articles: each story has its own place, people, numbers and vocabulary, dated
    within a few days; stories start over 100 days. Written here, no corpus involved."""
    rng = random.Random(seed)
    common = [f"word{i}" for i in range(3000)]
    docs: list[ClusterDoc] = []
    story = 0
    while len(docs) < n:
        story += 1
        place = f"Place{story}ville"
        person = f"Name{story} Surname{rng.randint(1, 999)}"
        topic_words = rng.sample(common, 30)
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 100))
        for j in range(rng.randint(3, 15)):
            words = rng.sample(topic_words, 15) + rng.sample(common, 40)
            sentence = " ".join(words)
            text = f"{person} said in {place} that {sentence} with {rng.randint(10, 99)} people."
            docs.append(
                ClusterDoc(
                    id=f"syn{len(docs):06d}",
                    text=text,
                    title=f"{place} {' '.join(topic_words[:4])}",
                    source=f"outlet{j % 7}",
                    published=start + timedelta(days=rng.randint(0, 4)),
                )
            )
    docs = docs[:n]
    docs.sort(key=lambda d: (d.published or date.min, d.id))
    return docs


def throughput(n: int = 10_000, batch: int = 100) -> dict[str, object]:
    docs = synthetic_docs(n)
    index = StoryIndex()
    start = time.perf_counter()
    for i in range(0, n, batch):
        index.add_batch(docs[i : i + batch])
    seconds = time.perf_counter() - start
    return {
        "docs": n,
        "batch": batch,
        "seconds": round(seconds, 1),
        "docs_per_second": round(n / seconds, 1),
        "stories": len(index.stories()),
        "state_json_mb": round(len(json.dumps(index.to_dict())) / 1e6, 1),
    }


def table(results: Mapping[str, Mapping[str, object]]) -> str:
    lines = [
        "| system | level | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | clusters |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for system in ("ours", "baseline"):
        for level in ("topic", "event"):
            row = results[system][level]
            assert isinstance(row, dict)
            b3, pw = row["bcubed"], row["pairwise"]
            name = system if system == "ours" else f"baseline (thr {row['threshold']}, oracle)"
            lines.append(
                f"| {name} | {level} | {b3['precision']:.3f} | {b3['recall']:.3f} | "
                f"{b3['f1']:.3f} | {pw['precision']:.3f} | {pw['recall']:.3f} | "
                f"{pw['f1']:.3f} | {row['clusters']} |"
            )
    return "\n".join(lines)


def main() -> None:
    rows = load_ecbplus()
    results: dict[str, dict[str, object]] = {
        "ours": run_ours(rows),
        "baseline": run_baseline(rows),
        "throughput": throughput(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print()
    print(
        f"ours: {results['ours']['seconds']} s for {len(rows)} articles; "
        f"throughput: {results['throughput']}"
    )


if __name__ == "__main__":
    main()
