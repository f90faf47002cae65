"""Multi-document summarization on DUC 2006 and DUC 2007: every registered method, one run.

    python -m benchmarks.summarization [--datasets duc2006 duc2007] [--methods ...] [--no-perl]
    python -m benchmarks.summarization --words 100 --methods storyline centroid lexrank lead

Generic 250-word summaries (the DUC topic query is ignored), scored with NIST's flags
(``-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d -l 250``) by the original
ROUGE-1.5.5 Perl script when it is installed, and always by our Python port, so the two can be
compared. Speed is summarizer time alone (sentence splitting included; reading and cleaning are
timed apart), pinned to one core. Writes ``benchmarks/results/summarization.json`` and the
summarization section of ``BENCHMARKS.md``.

``--words N`` (other than 250) is the proxy for DUC 2004's task 2, which we do not have: N-word
summaries of the same clusters, cut at N words as DUC 2004 is scored (SumRepo's flags
``-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0``: all references at once, no
jackknifing; the flags this adds, ``-w``, ``-2 4 -u`` and ``-d``, only add ROUGE-W, ROUGE-SU4
and per-topic lines, and leave R-1 and R-2 as they are). The references are still DUC's
250-word summaries, so recall is lower than DUC 2004's against 100-word ones: compare methods
and versions with it, not with DUC 2004's published numbers. Writes
``benchmarks/results/summarization-N.json`` and its own ``summarization-N`` section.
"""

from __future__ import annotations

import os

# One core for the speed numbers: BLAS threads would otherwise use both.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

from benchmarks.report import machine, write_section  # noqa: E402
from storyline.clean import clean_batch  # noqa: E402
from storyline.evaluation import duc  # noqa: E402
from storyline.evaluation.rouge import RougeScorer, Score  # noqa: E402
from storyline.models import Article, Budget  # noqa: E402
from storyline.registry import summarizers  # noqa: E402

log = logging.getLogger("benchmarks.summarization")
RESULTS = Path(__file__).resolve().parent / "results" / "summarization.json"
DEFAULT_METHODS = ("storyline", "centroid", "lexrank", "lead", "sumy-lexrank")
NIST_WORDS = 250  # DUC 2006 and 2007's budget, scored jackknifed as NIST did


@dataclass(frozen=True)
class Scoring:
    """The budget the summaries get and how ROUGE scores them: ``words`` is also ROUGE's ``-l``;
    ``jackknife`` averages the evaluations that each leave one reference out (NIST's DUC 2006
    and 2007 scoring), without it all references count at once (DUC 2004's)."""

    words: int = NIST_WORDS
    jackknife: bool = True

    @classmethod
    def for_words(cls, words: int) -> Scoring:
        return cls(words=words, jackknife=words == NIST_WORDS)

    @property
    def name(self) -> str:
        """The results file's stem and BENCHMARKS.md's section."""
        return "summarization" if self.words == NIST_WORDS else f"summarization-{self.words}"


@dataclass(frozen=True)
class Cluster:
    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]


def load(dataset: str) -> tuple[list[Cluster], float]:
    """Clusters of cleaned articles, and the seconds cleaning took."""
    topics = duc.load_duc2006() if dataset == "duc2006" else duc.load_duc2007()
    start = time.perf_counter()
    clusters = [Cluster(t.id, tuple(clean_batch(t.documents)), t.references) for t in topics]
    return clusters, time.perf_counter() - start


def regex_floor(clusters: Sequence[Cluster]) -> float:
    """Clusters/s of one regex pass over the text: the floor any method sits above."""
    pattern = re.compile(r"[A-Za-z0-9]+")
    start = time.perf_counter()
    for cluster in clusters:
        for article in cluster.articles:
            pattern.findall(article.text)
    return len(clusters) / (time.perf_counter() - start)


def run_method(
    name: str, clusters: Sequence[Cluster], *, words: int = NIST_WORDS, passes: int = 3
) -> tuple[list[list[str]], float, float]:
    """Summaries, CPU seconds and wall seconds of the best of ``passes`` runs over all clusters.

    CPU time is the speed we report: the process is pinned to one core and CPU time leaves out
    what other processes take; the best pass filters the rest of the noise of a shared machine.
    The first pass also warms what a long-running process would have warm (the stem memo).
    """
    method = summarizers.create(name)
    budget = Budget(words=words)
    best_cpu = best_wall = float("inf")
    outputs = []
    for _ in range(passes):
        wall, cpu = time.perf_counter(), time.process_time()
        outputs = [method.summarize(c.articles, budget=budget) for c in clusters]
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return [[s.text for s in out.sentences] for out in outputs], best_cpu, best_wall


def score(
    summaries: Sequence[Sequence[str]],
    clusters: Sequence[Cluster],
    *,
    perl: bool,
    scoring: Scoring = Scoring(),
) -> dict[str, dict[str, Score]]:
    pairs = [("\n".join(s), c.references) for s, c in zip(summaries, clusters, strict=True)]
    limit, jackknife = scoring.words, scoring.jackknife
    port = RougeScorer.with_wordnet(limit_words=limit)
    out = {"port": port.score_corpus(pairs, jackknife=jackknife)}
    if perl:
        from storyline.evaluation.rouge_perl import score_corpus_perl

        out["perl"] = score_corpus_perl(pairs, limit_words=limit, jackknife=jackknife)
    return out


def perl_available() -> bool:
    try:
        from storyline.evaluation.rouge_perl import check_perl

        check_perl()
    except Exception as error:  # any failure means: fall back to the port
        log.warning("ROUGE-1.5.5 Perl unavailable, scoring with the Python port only: %s", error)
        return False
    return True


def run(
    datasets: Sequence[str],
    methods: Sequence[str],
    *,
    perl: bool,
    scoring: Scoring = Scoring(),
) -> dict[str, object]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    perl = perl and perl_available()
    results: dict[str, object] = {
        "machine": machine(),
        "words": scoring.words,
        "jackknife": scoring.jackknife,
        "datasets": {},
    }
    for dataset in datasets:
        clusters, clean_seconds = load(dataset)
        rows = {}
        for name in methods:
            # sumy takes minutes a pass: one pass is enough to show the gap
            passes = 1 if name == "sumy-lexrank" else 3
            summaries, seconds, wall = run_method(
                name, clusters, words=scoring.words, passes=passes
            )
            scores = score(summaries, clusters, perl=perl, scoring=scoring)
            rows[name] = {
                "clusters_per_s": len(clusters) / seconds,
                "seconds": seconds,
                "wall_clusters_per_s": len(clusters) / wall,
                "rouge": {k: {m: v.__dict__ for m, v in s.items()} for k, s in scores.items()},
            }
            log.info("%s %s: %.1f clusters/s", dataset, name, len(clusters) / seconds)
        results["datasets"][dataset] = {  # type: ignore[index]
            "topics": len(clusters),
            "articles": sum(len(c.articles) for c in clusters),
            "clean_clusters_per_s": len(clusters) / clean_seconds,
            "regex_floor_clusters_per_s": regex_floor(clusters),
            "methods": rows,
        }
    return results


def table(results: dict[str, object]) -> str:
    lines = []
    words, jackknife = results.get("words", NIST_WORDS), results.get("jackknife", True)
    scoring = f"{words} words, {'jackknifed' if jackknife else 'all references at once'}"
    for dataset, data in results["datasets"].items():  # type: ignore[attr-defined]
        scorer = "perl" if "perl" in next(iter(data["methods"].values()))["rouge"] else "port"
        lines += [
            f"**{dataset}** ({data['topics']} topics, {data['articles']} articles; ROUGE "
            f"{'1.5.5 Perl' if scorer == 'perl' else 'Python port'}, {scoring}, recall; "
            f"port R-2 in brackets)",
            "",
            "| method | R-1 | R-2 | R-SU4 | R-L | R-2 port | clusters/s (1 core, CPU) | wall |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, row in data["methods"].items():
            r = row["rouge"][scorer]
            port = row["rouge"]["port"]["rouge-2"]["recall"]
            lines.append(
                f"| {name} | {r['rouge-1']['recall']:.4f} | {r['rouge-2']['recall']:.4f} | "
                f"{r['rouge-su4']['recall']:.4f} | {r['rouge-l']['recall']:.4f} | {port:.4f} | "
                f"{row['clusters_per_s']:.1f} | {row['wall_clusters_per_s']:.1f} |"
            )
        lines += [
            "",
            f"Cleaning: {data['clean_clusters_per_s']:.0f} clusters/s; one regex pass (the floor): "
            f"{data['regex_floor_clusters_per_s']:.0f} clusters/s.",
            *_speedup(data["methods"]),
            "",
        ]
    return "\n".join(lines)


def _speedup(methods: dict[str, dict[str, float]]) -> list[str]:
    if "storyline" not in methods or "sumy-lexrank" not in methods:
        return []
    ratio = methods["storyline"]["clusters_per_s"] / methods["sumy-lexrank"]["clusters_per_s"]
    return [f"storyline is {ratio:.0f}x faster than sumy's LexRank in this run."]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", nargs="+", default=["duc2006", "duc2007"])
    parser.add_argument("--methods", nargs="+", default=list(DEFAULT_METHODS))
    parser.add_argument("--no-perl", action="store_true", help="score with the Python port only")
    parser.add_argument(
        "--words",
        type=int,
        default=NIST_WORDS,
        help="summary budget and ROUGE -l; other than 250 it is scored as DUC 2004 was (all "
        "references at once) and recorded apart",
    )
    args = parser.parse_args(argv)
    if args.words <= 0:
        parser.error(f"--words must be a positive number of words, got {args.words}")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scoring = Scoring.for_words(args.words)
    results = run(args.datasets, args.methods, perl=not args.no_perl, scoring=scoring)
    path = RESULTS.with_name(f"{scoring.name}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    text = table(results)
    given = sys.argv[1:] if argv is None else list(argv)
    command = "python -m benchmarks.summarization " + " ".join(given)
    write_section(scoring.name, text, command=command.strip(), machine=results["machine"])
    print(text)


if __name__ == "__main__":
    main()
