"""Wall time of ``storyline summarize`` on a folder of 10 articles, start-up included.

    python -m benchmarks.cli_latency [--runs 10]

The articles come from our synthetic generator (benchmarks/synth.py), one story, written as plain
text files to a temporary folder; each run is a fresh process, as a user at a terminal sees it.
Target (summarization issue): under 1.5 s. Also times ``storyline --help`` (the start-up a user
pays on every command; target of the surfaces issue: under 0.3 s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import machine, write_section
from benchmarks.synth import generate

RESULTS = Path(__file__).resolve().parent / "results" / "cli_latency.json"


def write_story(folder: Path, n: int = 10) -> None:
    articles = []
    for article in generate(400, seed=7):
        if not articles or article.story_id == articles[0].story_id:
            articles.append(article)
        if len(articles) == n:
            break
    for k, article in enumerate(articles):
        (folder / f"{k:02d}.txt").write_text(
            f"{article.title}\n\n{article.text}\n", encoding="utf-8"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_story(folder)
        command = [
            sys.executable,
            "-m",
            "storyline.cli",
            "summarize",
            str(folder),
            "--words",
            "120",
        ]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        helps = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([*command[:3], "--help"], check=True, capture_output=True)
            helps.append(time.perf_counter() - start)
    result = {
        "machine": machine(),
        "articles": 10,
        "runs": args.runs,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "help_median_s": statistics.median(helps),
        "help_max_s": max(helps),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2), encoding="utf-8")
    text = (
        f"`storyline summarize` on a folder of 10 articles, a fresh process each run "
        f"({args.runs} runs): median {result['median_s']:.2f} s, "
        f"slowest {result['max_s']:.2f} s (target < 1.5 s). `storyline --help`: median "
        f"{result['help_median_s']:.2f} s, slowest {result['help_max_s']:.2f} s (target < 0.3 s)."
    )
    write_section(
        "cli-latency", text, command="python -m benchmarks.cli_latency", machine=machine()
    )
    print(text)


if __name__ == "__main__":
    main()
