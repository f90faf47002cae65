"""Timeline summarization on Timeline17 and Crisis, scored as news-tls scores DATEWISE.

    python -m benchmarks.timelines [--datasets timeline17 crisis]

For each gold timeline: N = its number of dates, K = its mean sentences a date (rounded), and the
input restricted to its date range (articles published in it, days inside it), as news-tls's
``evaluate.py`` does. Metrics are tilse's (original ROUGE-1.5.5): AR-1 and AR-2 F1 with many-to-one
date-content alignment, and date F1, averaged over gold timelines. Timeline17 articles are dated by
what they mention; our Crisis copy holds only sentences grouped by the day they mention, so those
are dated by that day (``dating="published"``), and within a day the sentences that name it
themselves are chosen first. This is not news-tls's Crisis input (whole articles, dated by
publication and by mention): the publication dates and article boundaries are not in our copy, so
Crisis numbers here compare with DATEWISE's only roughly. Time is ``build_timeline`` alone, per
gold timeline.
Writes ``benchmarks/results/timelines.json``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from statistics import mean  # noqa: E402

from benchmarks.report import machine  # noqa: E402
from storyline.evaluation.timelines import (  # noqa: E402
    GoldTimeline,
    TimelineTopic,
    load_crisis,
    load_timeline17,
    score,
)
from storyline.timeline import Dating, TimelineSettings, build_timeline  # noqa: E402

log = logging.getLogger("benchmarks.timelines")
RESULTS = Path(__file__).resolve().parent / "results" / "timelines.json"
# Published DATEWISE (Ghalandari & Ifrim 2020, Table 4): AR-1 F1, AR-2 F1, date F1.
DATEWISE = {"timeline17": (0.120, 0.035, 0.544), "crisis": (0.089, 0.026, 0.295)}
LOADERS = {"timeline17": load_timeline17, "crisis": load_crisis}
DATING: dict[str, Dating] = {"timeline17": "mentions", "crisis": "published"}


def run_one(
    topic: TimelineTopic, gold: GoldTimeline, *, dating: Dating, settings: TimelineSettings
) -> dict[str, object]:
    start, end = gold.dates[0], gold.dates[-1]
    articles = [a for a in topic.articles if a.published is None or start <= a.published <= end]
    began = time.perf_counter()
    timeline = build_timeline(
        articles,
        max_dates=len(gold.entries),
        sentences_per_date=gold.sentences_per_date,
        start=start,
        end=end,
        dating=dating,
        settings=settings,
    )
    seconds = time.perf_counter() - began
    predicted = {e.date: [s.text for s in e.sentences] for e in timeline.entries}
    scores = score(predicted, gold)
    return {
        "topic": topic.name,
        "timeline": gold.name,
        "articles": len(articles),
        "n_dates": len(gold.entries),
        "k": gold.sentences_per_date,
        "ar1_f": round(scores.ar1_f, 4),
        "ar2_f": round(scores.ar2_f, 4),
        "date_f": round(scores.date_f, 4),
        "seconds": round(seconds, 3),
    }


def run(datasets: Sequence[str], *, settings: TimelineSettings | None = None) -> dict[str, object]:
    settings = settings or TimelineSettings()
    results: dict[str, object] = {"machine": machine(), "datasets": {}}
    for name in datasets:
        rows = []
        for topic in LOADERS[name]():
            for gold in topic.gold:
                row = run_one(topic, gold, dating=DATING[name], settings=settings)
                log.info("%s", row)
                rows.append(row)
        ar1, ar2, date_f = DATEWISE[name]
        results["datasets"][name] = {  # type: ignore[index]
            "ar1_f": round(mean(float(r["ar1_f"]) for r in rows), 4),  # type: ignore[arg-type]
            "ar2_f": round(mean(float(r["ar2_f"]) for r in rows), 4),  # type: ignore[arg-type]
            "date_f": round(mean(float(r["date_f"]) for r in rows), 4),  # type: ignore[arg-type]
            "seconds_per_timeline": round(mean(float(r["seconds"]) for r in rows), 3),  # type: ignore[arg-type]
            "datewise": {"ar1_f": ar1, "ar2_f": ar2, "date_f": date_f},
            "timelines": rows,
        }
    return results


def table(results: dict[str, object]) -> str:
    lines = [
        "| dataset | timelines | AR-1 F1 | AR-2 F1 | date F1 | s / timeline "
        "| DATEWISE (AR-1/AR-2/date) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in results["datasets"].items():  # type: ignore[attr-defined]
        ref = row["datewise"]
        lines.append(
            f"| {name} | {len(row['timelines'])} | {row['ar1_f']:.3f} | {row['ar2_f']:.3f} "
            f"| {row['date_f']:.3f} | {row['seconds_per_timeline']:.2f} "
            f"| {ref['ar1_f']:.3f} / {ref['ar2_f']:.3f} / {ref['date_f']:.3f} |"
        )
    lines += ["", "| dataset | topic | timeline | articles | N | K | AR-1 | AR-2 | date F1 | s |"]
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for name, row in results["datasets"].items():  # type: ignore[attr-defined]
        for r in row["timelines"]:
            lines.append(
                f"| {name} | {r['topic']} | {r['timeline']} | {r['articles']} | {r['n_dates']} "
                f"| {r['k']} | {r['ar1_f']:.3f} | {r['ar2_f']:.3f} | {r['date_f']:.3f} "
                f"| {r['seconds']:.2f} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--datasets", nargs="+", default=list(LOADERS), choices=list(LOADERS))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = run(args.datasets)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
