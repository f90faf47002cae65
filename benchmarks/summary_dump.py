"""Every summary the default summarizer writes, to diff two versions of the code: a change made to
run faster must leave them byte-identical.

    python -m benchmarks.summary_dump OUT_DIR [--datasets duc2006 duc2007] [--words 250 100]
    PYTHONPATH=OTHER_TREE/src:. python -m benchmarks.summary_dump OTHER_DIR
    diff -r OTHER_DIR OUT_DIR

For each data set and budget, one JSON line a cluster (its summary's sentences, their citations,
the method and settings), written by one summarizer over all clusters in order as
``benchmarks.summarization`` runs it, then again by the same summarizer (its lexicon warm, as the
benchmark's later passes find it); and ``storyline summarize-batch`` output, citations included,
for the first four clusters of each set, read from their documents as a JSONL file of them.
The second command writes the other tree's summaries with this script (``src`` first on the path).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

from storyline.clean import clean_batch
from storyline.cli import main as cli_main
from storyline.evaluation import duc
from storyline.models import Budget
from storyline.registry import summarizers

BATCH_CLUSTERS = 4  # clusters of each set also summarized through summarize-batch


def dump(out: Path, *, datasets: Sequence[str], words: Sequence[int]) -> list[Path]:
    """Write the summaries under ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    batch: list[str] = []
    for dataset in datasets:
        topics = duc.load_duc2006() if dataset == "duc2006" else duc.load_duc2007()
        clusters = [(t.id, clean_batch(t.documents)) for t in topics]
        for topic in topics[:BATCH_CLUSTERS]:
            documents = [
                {
                    "id": f"{topic.id}-{k}",
                    "text": d.text,
                    "title": d.title,
                    "published": d.published.isoformat() if d.published else None,
                }
                for k, d in enumerate(topic.documents)
            ]
            batch.append(json.dumps({"id": topic.id, "documents": documents}))
        for budget in words:
            method = summarizers.create("storyline")  # one over all clusters, as the benchmark
            for run in ("", "-again"):
                path = out / f"{dataset}-{budget}{run}.jsonl"
                with path.open("w", encoding="utf-8") as sink:
                    for cluster_id, articles in clusters:
                        summary = method.summarize(articles, budget=Budget(words=budget))
                        line = {"id": cluster_id, "summary": dataclasses.asdict(summary)}
                        sink.write(json.dumps(line, default=str) + "\n")
                written.append(path)
    source = out / "batch-input.jsonl"
    source.write_text("\n".join(batch) + "\n", encoding="utf-8")
    for budget in words:
        path = out / f"batch-{budget}.jsonl"
        command = ["summarize-batch", "--input", str(source), "--output", str(path)]
        cli_main([*command, "--words", str(budget)])
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the JSONL files")
    parser.add_argument("--datasets", nargs="+", default=["duc2006", "duc2007"])
    parser.add_argument("--words", nargs="+", type=int, default=[250, 100])
    args = parser.parse_args(argv)
    for path in dump(args.out, datasets=args.datasets, words=args.words):
        print(path)


if __name__ == "__main__":
    main()
