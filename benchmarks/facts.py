"""Facts and cross-source comparison on real news: the hand-labelled dev set, and speed.

Quality is ``../shared/facts/score.py`` run exactly as the held-out check runs it, on
``../shared/facts/dev.jsonl`` (DUC 2006/2007 clusters labelled by ``GUIDELINES.md``): the
``compare --format json`` command on each story's articles, mention precision/recall and per-label
finding precision/recall. The rules were tuned on the odd lines of dev.jsonl (``tune``) while the
even lines (``check``) were only scored, so the check half is the honest estimate; the table gives
both and the whole.

Speed: facts + comparison of a 50-article synthetic story with the parser loaded (median of
repeats, one process), and the ``compare`` command on 10 articles, start-up included.

    python -m benchmarks.record facts          # or: PYTHONPATH=src python -m benchmarks.facts
    python -m benchmarks.facts --speed-only    # the two timings only, nothing written

Writes benchmarks/results/facts.json and prints Markdown tables. Skips the quality part when the
shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.cli_latency import cached_env, timed_runs
from benchmarks.report import forget_what_was_read
from benchmarks.synth import generate
from storyline.clean import clean_batch
from storyline.compare import compare
from storyline.facts.parser import load_parser

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "facts"
RESULTS = Path(__file__).resolve().parent / "results" / "facts.json"
COMMAND = f"{sys.executable} -m storyline.cli compare {{input}} --format json"
LABELS = ("agreed", "changed", "disputed")
CLI_REPEATS = 5
# The same score.py command on dev.jsonl before the last round of rules (commit 70a2dd0: before
# fixed properties given as two figures in turn, plain nouns parted by the happening most
# articles name, and running totals that update a plain count over two dates), for the table.
BEFORE_COMMIT = "70a2dd0"
BEFORE = {"mentions": (0.904, 0.93), "agreed": (0.97, 0.8), "changed": (0.947, 0.72),
          "disputed": (1.0, 0.5)}  # fmt: skip


def _env() -> dict[str, str]:
    """The CLI subprocesses run this checkout's code."""
    paths = [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def score(lines: list[str], name: str) -> dict[str, Any]:
    """score.py's summary for these dev.jsonl lines (run as the held-out check runs it)."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / f"{name}.jsonl"
        gold.write_text("".join(lines), encoding="utf-8")
        out = Path(tmp) / "out.json"
        run = subprocess.run(
            [
                sys.executable,
                str(SHARED / "score.py"),
                str(gold),
                "--cmd",
                COMMAND,
                "--json",
                str(out),
            ],
            capture_output=True,
            text=True,
            env=_env(),
        )
        if not out.exists():
            raise RuntimeError(f"score.py failed on {name}: {run.stderr[-500:]}")
        summary: dict[str, Any] = json.loads(out.read_text("utf-8"))["summary"]
    return summary


def quality() -> dict[str, Any] | None:
    path = SHARED / "dev.jsonl"
    if not path.exists():
        return None
    lines = [line + "\n" for line in path.read_text("utf-8").splitlines() if line.strip()]
    return {
        "dev": score(lines, "dev"),
        "tune": score(lines[0::2], "tune"),
        "check": score(lines[1::2], "check"),
    }


def speed(n_articles: int = 50, repeats: int = 5) -> dict[str, Any]:
    """Seconds for facts + comparison of one n-article story, the parser already loaded."""
    articles = clean_batch([a.to_raw() for a in list(generate(n_articles, seed=11))[:n_articles]])
    start = time.perf_counter()
    parser = load_parser()
    load_s = time.perf_counter() - start
    times, cpu = [], []
    for _ in range(repeats):
        forget_what_was_read()  # each repeat reads the story cold
        start, start_cpu = time.perf_counter(), time.process_time()
        comparison = compare(articles, parser=parser)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "facts": len(comparison.facts),
        "findings": len(comparison.findings),
        "parser_load_s": round(load_s, 3),
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "median_cpu_s": round(statistics.median(cpu), 3),
    }


def cli_speed(n_articles: int = 10, repeats: int = 5) -> dict[str, Any]:
    """Wall-clock and CPU seconds of ``storyline compare`` on n articles, process start-up
    included, with compiled bytecode as an installed package has it (``cli_latency.cached_env``)."""
    articles = list(generate(n_articles, seed=5))[:n_articles]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.jsonl"
        rows = [
            {"id": f"a{k}", "source": a.source, "date": a.published.isoformat(), "text": a.text}
            for k, a in enumerate(articles)
        ]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        command = [sys.executable, "-m", "storyline.cli", "compare", str(path)]
        env = cached_env(Path(tmp) / "bytecode", env=_env())
        times, cpu = timed_runs([*command, "--format", "json"], runs=repeats, env=env)
    # On a loaded machine wall time mostly measures waiting for a core; CPU time (user + sys of
    # the process) is what one free core would take.
    return {
        "articles": n_articles,
        "median_s": round(statistics.median(times), 3),
        "median_cpu_s": round(statistics.median(cpu), 3),
        "best_s": round(min(times), 3),
        "best_cpu_s": round(min(cpu), 3),
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="articles in the speed story")
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="skip the dev-set scoring (about 80 CLI runs); print the speed lines only",
    )
    args = parser.parse_args()
    result: dict[str, Any] = {
        "command": "python -m benchmarks.record facts " + " ".join(sys.argv[1:]),
        "python": platform.python_version(),
        "quality": None if args.speed_only else quality(),
        "speed": speed(args.n),
        "cli": cli_speed(repeats=CLI_REPEATS),
    }
    if not args.speed_only:  # a partial run does not replace the recorded results
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    if result["quality"] is not None:
        print("Scored by ../shared/facts/score.py (dev.jsonl: tune = odd lines, check = even).\n")
        print("| set | mentions P | mentions R | " + " | ".join(
            f"{lab} P | {lab} R" for lab in LABELS) + " |")  # fmt: skip
        print("|---" * (3 + 2 * len(LABELS)) + "|")
        for name in ("check", "tune", "dev"):
            s = result["quality"][name]
            cells = [f"{s['mention_precision']:.3f}", f"{s['mention_recall']:.3f}"]
            for lab in LABELS:
                p, r = s[lab]["precision"], s[lab]["recall"]
                cells += [f"{p:.3f} ({s[lab]['findings']})" if p is not None else "- (0)",
                          f"{r:.3f} ({s[lab]['groups']})" if r is not None else "-"]  # fmt: skip
            print(f"| {name} | " + " | ".join(cells) + " |")
        before = " ".join(f"{k} P {p} R {r};" for k, (p, r) in BEFORE.items())
        print(
            f"\n(findings made) and (gold groups) in brackets. Before ({BEFORE_COMMIT}), dev: "
            f"{before}"
        )
    s, c = result["speed"], result["cli"]
    print(
        f"\nFacts + comparison, {s['articles']} articles ({s['words']:,} words, {s['facts']} "
        f"facts), parser loaded: median {s['median_s']:.3f} s wall ({s['median_cpu_s']:.3f} s "
        f"CPU), max {s['max_s']:.3f} s "
        f"(parser load {s['parser_load_s']:.2f} s once). `storyline compare` on "
        f"{c['articles']} articles, start-up included: median {c['median_s']:.2f} s wall, "
        f"{c['median_cpu_s']:.2f} s CPU (user + sys); best of {CLI_REPEATS} {c['best_s']:.2f} s "
        f"wall, {c['best_cpu_s']:.2f} s CPU. Measured on a 2-core machine shared with "
        f"other jobs (load average {c['load_average']}): wall times are inflated by waiting."
    )
    if not args.speed_only:
        print(f"\nWrote {RESULTS}")


if __name__ == "__main__":
    main()
