"""Story and event clustering on ECB+ (43 topics x 2 same-kind events), ours against a baseline.

Ours: ``storyline.cluster.cluster_batch`` with DEFAULT settings on all 982 articles at once;
and the same defaults on the incremental path (batches into one ``StoryIndex``).
Baseline: TF-IDF (scikit-learn, stop words removed) + cosine average-linkage agglomerative
clustering, with the cut threshold chosen *on ECB+ itself*, separately for each level (an oracle the
real system never gets). Also scores the same defaults on held-out sets (WikiRef220, UCI
headlines, DUC 2006 and 2007 topics with their publication dates); throughput is measured by
``benchmarks/cluster_speed.py``. ``benchmarks/floors.json`` pins floors under these numbers.

Run: ``PYTHONPATH=src python -m benchmarks.ecbplus`` (data from ``$STORYLINE_DATA`` or
``../shared/data``); writes ``benchmarks/results/ecbplus.json`` and prints a Markdown table.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import time
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

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


def load_wikiref() -> list[dict[str, str]]:
    """WikiRef220: web news articles; gold = the file-name prefix (coarse topic)."""
    rows = []
    for path in sorted((data_dir() / "wikiref" / "WikiRef220").glob("*.txt")):
        label = re.sub(r"(?:\.\d+| \(\d+\))$", "", path.stem).lower()
        rows.append(
            {
                "doc": path.name,
                "text": path.read_text(encoding="utf-8", errors="replace"),
                "topic": label,
            }
        )
    return rows


def load_uci() -> list[dict[str, str]]:
    """UCI news aggregator prefix: headlines with Google News story ids (gold), in file order;
    ``time`` is the crawl time in ms and ``source`` the publisher."""
    with (data_dir() / "uci-news-aggregator-prefix" / "uci-news-aggregator-prefix.csv").open(
        encoding="utf-8"
    ) as handle:
        return [
            {
                "doc": r["ID"],
                "text": r["TITLE"],
                "topic": r["STORY"],
                "time": r["TIMESTAMP"],
                "source": r["PUBLISHER"],
            }
            for r in csv.DictReader(handle)
        ]


def streamed(
    name: str, docs: Sequence[ClusterDoc], gold: Mapping[str, str], batch: int
) -> dict[str, object]:
    """The incremental path: ``docs`` fed to one StoryIndex ``batch`` at a time, in order."""
    index = StoryIndex()
    found = [a for k in range(0, len(docs), batch) for a in index.add_batch(docs[k : k + batch])]
    b3 = bcubed({a.doc_id: a.story for a in found}, gold)
    return {"set": name, "batch": batch, "docs": len(docs), "bcubed": b3.as_dict()}


def stream_runs(ecb: Sequence[dict[str, str]]) -> list[dict[str, object]]:
    """UCI headlines in crawl-time order (dated); ECB+ and WikiRef220 have no dates, so they
    come in a fixed shuffled order."""
    uci = sorted(load_uci(), key=lambda r: (int(r["time"]), int(r["doc"])))
    uci_docs = [
        ClusterDoc(
            id=r["doc"],
            text=r["text"],
            source=r["source"],
            published=datetime.fromtimestamp(int(r["time"]) / 1000, tz=timezone.utc).date(),
        )
        for r in uci
    ]
    runs = [streamed("uci_headlines, time order", uci_docs, _gold(uci), 250)]
    for name, rows, batch in (("ecbplus topics", ecb, 100), ("wikiref220", load_wikiref(), 20)):
        shuffled = list(rows)
        random.Random(0).shuffle(shuffled)
        docs = [ClusterDoc(id=r["doc"], text=r["text"]) for r in shuffled]
        runs.append(streamed(f"{name}, shuffled", docs, _gold(shuffled), batch))
    return runs


def _gold(rows: Sequence[dict[str, str]]) -> dict[str, str]:
    return {r["doc"]: str(r["topic"]) for r in rows}


def load_duc(year: int) -> list[dict[str, Any]]:
    """DUC 2006 / 2007 (main task): 25 newswire articles per topic, with headlines and
    publication dates; gold = the topic. Topics are subjects followed over months or years
    (autism research, Amnesty International), broader than one story: a check that stories are
    not cut finer than their articles warrant."""
    from storyline.evaluation.duc import load_duc2006, load_duc2007

    topics = load_duc2006() if year == 2006 else load_duc2007(with_references_only=False)
    return [
        {
            "doc": f"{t.id}/{i}",
            "text": d.text,
            "title": d.title,
            "published": d.published,
            "topic": t.id,
        }
        for t in topics
        for i, d in enumerate(t.documents)
    ]


def held_out(name: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, object]:
    """Default settings on a set never tuned on: story level against its only gold level."""
    docs = [
        ClusterDoc(id=r["doc"], text=r["text"], title=r.get("title"), published=r.get("published"))
        for r in rows
    ]
    start = time.perf_counter()
    assignments = cluster_batch(docs)
    seconds = time.perf_counter() - start
    gold = {r["doc"]: r["topic"] for r in rows}
    ours = scores({a.doc_id: a.story for a in assignments}, gold)
    return {
        "set": name,
        "docs": len(rows),
        "gold_clusters": len(set(gold.values())),
        "seconds": round(seconds, 2),
        "story": ours,
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
        "held_out": {
            "wikiref220": held_out("wikiref220", load_wikiref()),
            "uci_headlines": held_out("uci_headlines", load_uci()),
            "duc2006": held_out("duc2006 (dated)", load_duc(2006)),
            "duc2007": held_out("duc2007 (dated)", load_duc(2007)),
        },
    }
    streams = stream_runs(rows)
    results["streamed"] = {str(i): run for i, run in enumerate(streams)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print()
    print("| held-out set | docs | gold clusters | our clusters | B3 P | B3 R | B3 F1 |")
    print("|---|---|---|---|---|---|---|")
    for row in results["held_out"].values():
        assert isinstance(row, dict)
        b3 = row["story"]["bcubed"]
        print(
            f"| {row['set']} | {row['docs']} | {row['gold_clusters']} | "
            f"{row['story']['clusters']} | {b3['precision']:.3f} | {b3['recall']:.3f} | "
            f"{b3['f1']:.3f} |"
        )
    print("\nThe same defaults fed in batches (the incremental path that `storyline ingest` uses):")
    print("\n| set | batch | docs | B3 P | B3 R | B3 F1 |")
    print("|---|---|---|---|---|---|")
    for run in streams:
        b3 = run["bcubed"]
        assert isinstance(b3, dict)
        print(
            f"| {run['set']} | {run['batch']} | {run['docs']} | {b3['precision']:.3f} | "
            f"{b3['recall']:.3f} | {b3['f1']:.3f} |"
        )
    print(f"\nours: {results['ours']['seconds']} s for {len(rows)} articles")


if __name__ == "__main__":
    main()
