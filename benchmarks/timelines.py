"""Timeline summarization on Timeline17 and Crisis, scored as news-tls scores DATEWISE.

    python -m benchmarks.timelines [--datasets timeline17 crisis] [--only syria/sbs yemen]
    python -m benchmarks.timelines --datasets crisis --only syria/sbs --days

For each gold timeline: N = its number of dates, K = its mean sentences a date (rounded), and the
input restricted to its date range (articles published in it, days inside it), as news-tls's
``evaluate.py`` does. Metrics are tilse's (original ROUGE-1.5.5): AR-1 and AR-2 F1 with many-to-one
date-content alignment, and date F1, averaged over gold timelines. Timeline17 articles are dated by
what they mention; our Crisis copy holds only sentences grouped by the day they mention, so those
are dated by that day (``dating="published"``), and within a day the sentences that name it
themselves are chosen first. This is not news-tls's Crisis input (whole articles, dated by
publication and by mention): the publication dates and article boundaries are not in our copy, so
Crisis numbers here compare with DATEWISE's only roughly. Time is ``build_timeline`` alone, per
gold timeline. Beside every number: the same builder choosing the N days on which most articles
were published (the volume baseline), and leave-one-topic-out: each topic's timelines built with
the settings chosen (from ``GRID``) on the other topics of both datasets.

Our Timeline17 copy holds mostly articles published on the gold days (egypt: only those), so
publication volume alone finds most days there and cannot tell a method that reads what articles
say from one that counts them. The *volume-blind* check (``blind``) takes that signal away: each
Timeline17 timeline (N days, inside its range) is built from the topic's articles published from
its start on but on none of its gold days, so the later ones can only refer back, and scored by
date F1 alone. Publication volume then points only at days off the timeline; the volume
baseline's other days come from its tie-break, how many articles name them. egypt has no such
article and is left out.

How far date F1 can go is set by how much editors agree: beside every dataset, each gold
timeline scored against the days other outlets' reference timelines of the same topic chose inside
its range (``editor_agreement``), as if those were a system's. On Crisis another outlet's
reference scores date F1 0.27 on average (0.41 the best of them), below the ranking's 0.35: a day
one editor leaves out is often a landmark in the next one's timeline, so on Crisis a higher date
F1 mostly means finding the days that most outlets report. (Crisis yemen's dailystar and voa
references are one file, so that timeline counts twice in every Crisis mean.)

Whether a timeline is level with the volume baseline can turn on one day (0.067 date F1 on a
15-day timeline); the *subsample* check (``subsample_check``) ranks each timeline's days again
from random 80% parts of its input and reports how often our ranking falls below the
baseline's, so that a difference the draw makes is told from one the method makes.
Writes ``benchmarks/results/timelines.json``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from statistics import mean  # noqa: E402

from benchmarks.report import machine  # noqa: E402
from storyline.evaluation.timelines import (  # noqa: E402
    GoldTimeline,
    TimelineTopic,
    date_f1,
    load_crisis,
    load_timeline17,
    score,
)
from storyline.models import Article  # noqa: E402
from storyline.timeline import (  # noqa: E402
    PreparedTimeline,
    Timeline,
    build_timeline,
    prepare_timeline,
)
from storyline.timeline_days import (  # noqa: E402
    DayEvidence,
    day_evidence,
    keep_articles,
    rank_days,
    spread_out,
)
from storyline.timeline_settings import Dating, TimelineSettings  # noqa: E402

log = logging.getLogger("benchmarks.timelines")
RESULTS = Path(__file__).resolve().parent / "results" / "timelines.json"
# Published DATEWISE (Ghalandari & Ifrim 2020, Table 4): AR-1 F1, AR-2 F1, date F1.
DATEWISE = {"timeline17": (0.120, 0.035, 0.544), "crisis": (0.089, 0.026, 0.295)}
LOADERS = {"timeline17": load_timeline17, "crisis": load_crisis}
DATING: dict[str, Dating] = {"timeline17": "mentions", "crisis": "published"}


VOLUME = TimelineSettings(ranking="volume")
# What leave-one-topic-out chooses (by date F1 of the ranking alone, the two datasets weighing
# equally): how much a day taken lowers its neighbours, and whether refer-backs count double. The
# other evidence weights are equal and not fitted (see TimelineSettings: fitted weights moved with
# every fold and cost the left-out topic).
GRID = {"spread": (0.0, 0.25, 0.5), "refer_back_weight": (1.0, 2.0)}


@dataclass(frozen=True)
class Case:
    dataset: str
    topic: TimelineTopic
    gold: GoldTimeline
    articles: tuple[Article, ...]
    prepared: PreparedTimeline
    evidence: tuple[DayEvidence, ...]
    prepare_seconds: float  # dating and vectorising, shared by the runs of this case


def case(dataset: str, topic: TimelineTopic, gold: GoldTimeline, *, blind: bool = False) -> Case:
    """One gold timeline's input: the articles inside its range, or with ``blind`` those
    published from its start on but on none of its days (see the module's docstring)."""
    start, end = gold.dates[0], gold.dates[-1]
    if blind:
        days = set(gold.dates)
        articles = tuple(
            a for a in topic.articles if a.published is not None and a.published >= start
        )
        articles = tuple(a for a in articles if a.published not in days)
    else:
        articles = tuple(
            a for a in topic.articles if a.published is None or start <= a.published <= end
        )
    began = time.perf_counter()
    prepared = prepare_timeline(articles, dating=DATING[dataset])
    seconds = time.perf_counter() - began
    evidence = prepared.evidence(start=start, end=end)
    return Case(dataset, topic, gold, articles, prepared, tuple(evidence), seconds)


def run_one(item: Case, *, settings: TimelineSettings) -> dict[str, float]:
    gold = item.gold
    began = time.perf_counter()
    timeline = _built(item, settings)
    seconds = time.perf_counter() - began + item.prepare_seconds
    predicted = {e.date: [s.text for s in e.sentences] for e in timeline.entries}
    scores = score(predicted, gold)
    return {
        "ar1_f": round(scores.ar1_f, 4),
        "ar2_f": round(scores.ar2_f, 4),
        "date_f": round(scores.date_f, 4),
        "seconds": round(seconds, 3),
    }


def ranking_f1(
    item: Case, settings: TimelineSettings, evidence: Sequence[DayEvidence] | None = None
) -> float:
    """Date F1 of the ranking's top N days: the cheap objective the grid search uses."""
    ranked = rank_days(item.evidence if evidence is None else evidence, settings=settings)
    top = itertools.islice(spread_out(ranked, settings=settings), len(item.gold.entries))
    return date_f1([day for day, _ in top], item.gold.dates)


# The subsample check: on a timeline of 10 or 15 days one day is 0.1 or 0.067 date F1, so
# whether a timeline is below the volume baseline can turn on one day that either ranking holds
# by a few articles. Drawn again from 80% of the input, 50 times (seeded by the timeline's name),
# the share of draws on which our ranking's date F1 falls below the baseline's says whether a
# difference is the method's or the draw's.
SUBSAMPLE, DRAWS = 0.8, 50


def subsample_check(item: Case, *, settings: TimelineSettings) -> dict[str, float]:
    """Ours minus the volume baseline, date F1 of the rankings' top N days (:func:`ranking_f1`),
    over ``DRAWS`` random ``SUBSAMPLE`` parts of the case's articles: the share of draws below,
    the share above, and the mean difference."""
    draw = random.Random(f"{item.dataset}:{item.topic.name}:{item.gold.name}")
    start, end = item.gold.dates[0], item.gold.dates[-1]
    docs = range(len(item.articles))
    differences = []
    for _ in range(DRAWS):
        kept = keep_articles(
            item.prepared.dated, set(draw.sample(docs, int(SUBSAMPLE * len(docs))))
        )
        evidence = day_evidence(kept, central=item.prepared.central, start=start, end=end)
        differences.append(
            ranking_f1(item, settings, evidence) - ranking_f1(item, VOLUME, evidence)
        )
    return {
        "below": round(sum(d < 0 for d in differences) / DRAWS, 2),
        "above": round(sum(d > 0 for d in differences) / DRAWS, 2),
        "mean_difference": round(mean(differences), 4),
    }


def editor_agreement(gold: GoldTimeline, others: Sequence[GoldTimeline]) -> float | None:
    """Mean date F1 of ``gold`` against each other reference timeline of its topic taken as a
    prediction (its days inside ``gold``'s range, when it has at least three there): how much
    two editors' choices of days agree. None when no other timeline covers the range. A copy
    of ``gold`` is not another editor (Crisis yemen's dailystar and voa files are the same)."""
    start, end = gold.dates[0], gold.dates[-1]
    scores = []
    for other in others:
        days = [day for day in other.dates if start <= day <= end]
        if other.entries != gold.entries and len(days) >= 3:
            scores.append(date_f1(days, gold.dates))
    return mean(scores) if scores else None


def choose(cases: Sequence[Case]) -> TimelineSettings:
    """The grid point with the best mean date F1 over ``cases`` (each dataset's mean weighing
    equally); ties go to the defaults, then to the first point."""
    best, best_value = TimelineSettings(), -1.0
    points = [TimelineSettings()] + [
        TimelineSettings(**dict(zip(GRID, values, strict=True)))  # type: ignore[arg-type]
        for values in itertools.product(*GRID.values())
    ]
    datasets = sorted({c.dataset for c in cases})
    for point in points:
        value = mean(
            mean(ranking_f1(c, point) for c in cases if c.dataset == name) for name in datasets
        )
        if value > best_value + 1e-9:
            best, best_value = point, value
    return best


def grid_values(settings: TimelineSettings) -> dict[str, float]:
    return {name: float(getattr(settings, name)) for name in GRID}


def speed(n_articles: int = 200, *, repeats: int = 3) -> dict[str, object]:
    """Seconds for the default (automatic) timeline of ``n_articles`` Timeline17 articles (the
    egypt topic), best of ``repeats``: the 200-article target. Wall time beside the process's CPU
    time, since on a shared machine the wall time says as much about the other jobs."""
    articles = next(t for t in load_timeline17() if t.name == "egypt").articles[:n_articles]
    build_timeline(articles[:10])  # warm the sentence splitter and the stemmer
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        began, began_cpu = time.perf_counter(), time.process_time()
        timeline = build_timeline(articles)
        best = min(best, time.perf_counter() - began)
        best_cpu = min(best_cpu, time.process_time() - began_cpu)
    return {
        "articles": len(articles),
        "seconds": round(best, 3),
        "cpu_seconds": round(best_cpu, 3),
        "load_average": round(os.getloadavg()[0], 2),
        "dates": len(timeline.entries),
    }


def selected(topic: str, timeline: str, only: Sequence[str] | None) -> bool:
    """Whether ``--only`` names this timeline: by its topic ("syria") or topic/timeline
    ("syria/sbs")."""
    return only is None or any(name in (topic, f"{topic}/{timeline}") for name in only)


def run(
    datasets: Sequence[str],
    *,
    settings: TimelineSettings | None = None,
    only: Sequence[str] | None = None,
) -> dict[str, object]:
    """Every gold timeline of ``datasets``, or with ``only`` those it names: a quick look at a
    few timelines, without leave-one-out (reported as the fitted numbers), the volume-blind
    check or the speed line, which need every topic."""
    settings = settings or TimelineSettings()
    cases = [
        case(name, topic, gold)
        for name in datasets
        for topic in LOADERS[name]()
        for gold in topic.gold
        if selected(topic.name, gold.name, only)
    ]
    folds = sorted({(c.dataset, c.topic.name) for c in cases})
    held_out = {
        fold: settings
        if only is not None
        else choose([c for c in cases if (c.dataset, c.topic.name) != fold])
        for fold in folds
    }
    results: dict[str, object] = {"machine": machine(), "datasets": {}, "folds": {}}
    if only is None:
        results["speed"] = speed()
        for fold, chosen in held_out.items():
            results["folds"][":".join(fold)] = grid_values(chosen)  # type: ignore[index]
        if "timeline17" in datasets:
            results["blind"] = blind_check(held_out)
    datasets = [name for name in datasets if any(c.dataset == name for c in cases)]
    for name in datasets:
        rows = []
        for item in (c for c in cases if c.dataset == name):
            fitted = run_one(item, settings=settings)
            chosen = held_out[(item.dataset, item.topic.name)]
            loo = fitted if chosen == settings else run_one(item, settings=chosen)
            volume = run_one(item, settings=VOLUME)
            row: dict[str, object] = {
                "topic": item.topic.name,
                "timeline": item.gold.name,
                "articles": len(item.articles),
                "n_dates": len(item.gold.entries),
                "k": item.gold.sentences_per_date,
                **{key: fitted[key] for key in ("ar1_f", "ar2_f", "date_f", "seconds")},
                "loo": {key: loo[key] for key in ("ar1_f", "ar2_f", "date_f")},
                "volume": {key: volume[key] for key in ("ar1_f", "ar2_f", "date_f")},
                "subsample": subsample_check(item, settings=settings),
                "editors_date_f": editor_agreement(item.gold, item.topic.gold),
            }
            log.info("%s", row)
            rows.append(row)
        ar1, ar2, date_f = DATEWISE[name]
        results["datasets"][name] = {  # type: ignore[index]
            **_means(rows),
            "loo": _means([r["loo"] for r in rows]),  # type: ignore[misc]
            "volume": _means([r["volume"] for r in rows]),  # type: ignore[misc]
            "seconds_per_timeline": round(mean(float(r["seconds"]) for r in rows), 3),  # type: ignore[arg-type]
            "datewise": {"ar1_f": ar1, "ar2_f": ar2, "date_f": date_f},
            "editors_date_f": _mean_of(r["editors_date_f"] for r in rows),
            "timelines": rows,
        }
    return results


def timeline_f1(item: Case, settings: TimelineSettings) -> float:
    """Date F1 of the timeline built (no ROUGE): unlike :func:`ranking_f1`, a day that no
    quotable sentence tells gives no entry, whichever ranking put it first."""
    return date_f1(_built(item, settings).dates, item.gold.dates)


def _built(item: Case, settings: TimelineSettings) -> Timeline:
    """The timeline of a case as the benchmark scores it: the gold's N days and K sentences,
    inside the gold's range."""
    gold = item.gold
    return build_timeline(
        item.articles,
        max_dates=len(gold.entries),
        sentences_per_date=gold.sentences_per_date,
        start=gold.dates[0],
        end=gold.dates[-1],
        dating=DATING[item.dataset],
        settings=settings,
        prepared=item.prepared,
    )


def blind_check(held_out: dict[tuple[str, str], TimelineSettings]) -> dict[str, object]:
    """Date F1 of the timelines built from the volume-blind Timeline17 input (module docstring):
    defaults, each topic with its leave-one-out settings, and the volume baseline."""
    rows = []
    for topic in LOADERS["timeline17"]():
        for gold in topic.gold:
            item = case("timeline17", topic, gold, blind=True)
            if not item.articles:
                continue
            chosen = held_out[("timeline17", topic.name)]
            rows.append(
                {
                    "topic": topic.name,
                    "timeline": gold.name,
                    "articles": len(item.articles),
                    "date_f": round(timeline_f1(item, TimelineSettings()), 4),
                    "loo_date_f": round(timeline_f1(item, chosen), 4),
                    "volume_date_f": round(timeline_f1(item, VOLUME), 4),
                }
            )
    return {
        key: round(mean(float(r[key]) for r in rows), 4)  # type: ignore[arg-type]
        for key in ("date_f", "loo_date_f", "volume_date_f")
    } | {"timelines": rows}


def day_table(item: Case, *, settings: TimelineSettings | None = None) -> str:
    """Where our timeline and the volume baseline part ways on one gold timeline: every day that
    is gold, ours or the baseline's, with its rank under each ranking, its evidence (told /
    refer-backs / calendar-date mentions / centrality / articles published) and the first
    sentence each timeline quotes for it (the baseline's only where it differs). How the
    per-timeline diagnoses of issue #14 were read."""
    settings = settings or TimelineSettings()
    gold = dict(item.gold.entries)
    ours, volume = _built(item, settings), _built(item, VOLUME)
    quoted = [{e.date: e.sentences[0].text for e in t.entries} for t in (ours, volume)]
    ranks = [
        {day: i + 1 for i, (day, _, _) in enumerate(rank_days(item.evidence, settings=s))}
        for s in (settings, VOLUME)
    ]
    evidence = {e.day: e for e in item.evidence}
    lines = [
        f"{item.dataset} {item.topic.name}/{item.gold.name}: G gold, O ours, V volume; rank ours"
        " / volume; told / later / calendar / centrality / published"
    ]
    for day in sorted(set(gold) | set(quoted[0]) | set(quoted[1])):
        chosen = (set(gold), set(quoted[0]), set(quoted[1]))
        marks = "".join(
            mark if day in days else "." for mark, days in zip("GOV", chosen, strict=True)
        )
        e = evidence.get(day)
        counts = (
            f"{e.told} / {e.later} / {e.explicit} / {e.centrality:.1f} / {e.volume}" if e else "-"
        )
        lines.append(f"{marks} {day} {ranks[0].get(day, '-')} / {ranks[1].get(day, '-')}  {counts}")
        if day in gold:
            lines.append(f"    gold: {' | '.join(gold[day])[:160]}")
        if day in quoted[0]:
            lines.append(f"    ours: {quoted[0][day][:160]}")
        if day in quoted[1] and quoted[1][day] != quoted[0].get(day):
            lines.append(f"    volume: {quoted[1][day][:160]}")
    return "\n".join(lines)


def _means(rows: Sequence[dict[str, object]]) -> dict[str, float]:
    return {
        key: round(mean(float(r[key]) for r in rows), 4)  # type: ignore[arg-type]
        for key in ("ar1_f", "ar2_f", "date_f")
    }


def _mean_of(values: Iterable[object]) -> float | None:
    """The mean of the values that are numbers (a timeline alone in its topic has none)."""
    numbers = [float(v) for v in values if isinstance(v, float | int)]
    return round(mean(numbers), 4) if numbers else None


def _triple(row: dict[str, float]) -> str:
    return f"{row['ar1_f']:.3f} / {row['ar2_f']:.3f} / {row['date_f']:.3f}"


def table(results: dict[str, object]) -> str:
    lines = [
        "AR-1 / AR-2 / date F1. Fitted: TimelineSettings' defaults; leave-one-out: each topic with"
        " the settings (GRID) chosen on the other seven; volume: the N days on which most articles"
        " were published (same sentence selection).",
        "",
        "| dataset | timelines | fitted | leave-one-topic-out | volume baseline | s / timeline "
        "| DATEWISE | other outlets' days, date F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in results["datasets"].items():  # type: ignore[attr-defined]
        editors = row.get("editors_date_f")
        lines.append(
            f"| {name} | {len(row['timelines'])} | {_triple(row)} | {_triple(row['loo'])} "
            f"| {_triple(row['volume'])} | {row['seconds_per_timeline']:.2f} "
            f"| {_triple(row['datewise'])} | {'' if editors is None else f'{editors:.3f}'} |"
        )
    lines += [
        "",
        "Other outlets' days: each gold timeline scored against the days that the other reference"
        " timelines of its topic chose inside its range (the mean over them): how far two"
        " editors agree on which days matter.",
    ]
    blind: dict[str, object] | None = results.get("blind")  # type: ignore[assignment]
    if blind:
        lines += [
            "",
            "Volume-blind check (Timeline17 timelines built from the articles published off their"
            " gold days, from their start on; date F1 of the N-day timeline):",
            "",
            "| timeline | articles | date F1 | LOO date F1 | volume date F1 |",
            "|---|---|---|---|---|",
        ]
        for r in blind["timelines"]:  # type: ignore[attr-defined]
            lines.append(
                f"| {r['topic']} {r['timeline']} | {r['articles']} | {r['date_f']:.3f} "
                f"| {r['loo_date_f']:.3f} | {r['volume_date_f']:.3f} |"
            )
        lines.append(
            f"| mean | | {blind['date_f']:.3f} | {blind['loo_date_f']:.3f} "
            f"| {blind['volume_date_f']:.3f} |"
        )
    fast: dict[str, object] | None = results.get("speed")  # type: ignore[assignment]
    if fast:
        lines += [
            "",
            f"Speed: the automatic timeline of {fast['articles']} articles (Timeline17 egypt) in "
            f"{fast['seconds']} s ({fast.get('cpu_seconds')} s of CPU, load average "
            f"{fast.get('load_average')} on {os.cpu_count()} cores), {fast['dates']} dates "
            f"(target < 2 s; best of 3).",
        ]
    folds: dict[str, dict[str, float]] = results["folds"]  # type: ignore[assignment]
    if folds:
        lines += ["", "| left out | " + " | ".join(GRID) + " |", "|---|" + "---|" * len(GRID)]
    for fold, chosen in folds.items():
        lines.append(f"| {fold} | " + " | ".join(str(chosen[name]) for name in GRID) + " |")
    lines += [
        "",
        "| dataset | topic | timeline | articles | N | K | AR-1 | AR-2 | date F1 | LOO date F1 "
        "| volume AR-1 / AR-2 / date F1 | below volume on | subsamples below / above volume "
        "| s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    below = []
    for name, row in results["datasets"].items():  # type: ignore[attr-defined]
        for r in row["timelines"]:
            lower = below_volume(r)
            if lower:
                below.append(f"{name} {r['topic']}/{r['timeline']} ({', '.join(lower)})")
            lines.append(
                f"| {name} | {r['topic']} | {r['timeline']} | {r['articles']} | {r['n_dates']} "
                f"| {r['k']} | {r['ar1_f']:.3f} | {r['ar2_f']:.3f} | {r['date_f']:.3f} "
                f"| {r['loo']['date_f']:.3f} | {_triple(r['volume'])} | {', '.join(lower)} "
                f"| {_shares(r.get('subsample'))} | {r['seconds']:.2f} |"
            )
    lines += [
        "",
        f"Below the volume baseline on some measure: {'; '.join(below) or 'none'}. Subsamples:"
        f" the share of {DRAWS} draws of {SUBSAMPLE:.0%} of a timeline's input on which the"
        " date F1 of our ranking's top N days falls below / rises above the baseline's.",
    ]
    return "\n".join(lines)


def _shares(subsample: dict[str, float] | None) -> str:
    if not subsample:
        return ""
    return f"{subsample['below']:.0%} / {subsample['above']:.0%}"


METRICS = {"ar1_f": "AR-1", "ar2_f": "AR-2", "date_f": "date F1"}


def below_volume(row: dict[str, object]) -> list[str]:
    """The measures on which a timeline's fitted numbers fall below the volume baseline's: the
    target asks to be level with it on every timeline, on each measure."""
    volume: dict[str, float] = row["volume"]  # type: ignore[assignment]
    return [
        label
        for key, label in METRICS.items()
        if float(row[key]) < volume[key]  # type: ignore[arg-type]
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--datasets", nargs="+", default=list(LOADERS), choices=list(LOADERS))
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="TOPIC[/TIMELINE]",
        help="only these timelines (syria, syria/sbs), for fast iteration: no leave-one-out,"
        " volume-blind check or speed line, and the results file is not written",
    )
    parser.add_argument(
        "--days",
        action="store_true",
        help="with --only: instead of scoring, list each timeline's gold, chosen and volume"
        " days with their ranks, evidence and quoted sentences (day_table)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.days:
        if args.only is None:
            parser.error("--days lists the days of the timelines --only names; give --only.")
        for name in args.datasets:
            for topic in LOADERS[name]():
                for gold in topic.gold:
                    if selected(topic.name, gold.name, args.only):
                        print(day_table(case(name, topic, gold)), end="\n\n")
        return
    results = run(args.datasets, only=args.only)
    if args.only is None:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
