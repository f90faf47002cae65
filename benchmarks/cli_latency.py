"""Wall time of ``storyline summarize`` on a folder of 10 articles, start-up included.

    python -m benchmarks.cli_latency [--runs 10]

The articles come from our synthetic generator (benchmarks/synth.py), one story, written as plain
text files to a temporary folder; each run is a fresh process, as a user at a terminal sees it.
Target (summarization issue): under 1.5 s. Also times ``storyline --help`` (the start-up a user
pays on every command; target of the surfaces issue: under 0.3 s).

The commands run as from an installed package: with compiled bytecode, which ``pip install``
writes and a user's first run would write. Sessions here set ``PYTHONDONTWRITEBYTECODE``, which
made every timed run compile storyline's modules again (0.1 s of CPU per command); ``cached_env``
gives the runs a bytecode cache of their own in a temporary folder (nothing is written into the
checkout), filled by one untimed run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.report import machine, write_section
from benchmarks.synth import generate

RESULTS = Path(__file__).resolve().parent / "results" / "cli_latency.json"


def cached_env(cache: Path, *, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment with bytecode written to and read from ``cache`` (see the docstring)."""
    out = dict(os.environ if env is None else env)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out["PYTHONPYCACHEPREFIX"] = str(cache)
    return out


def timed_runs(
    command: Sequence[str], *, runs: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    """Wall seconds and CPU seconds (user + sys of the process) of ``runs`` fresh processes,
    after one untimed run that fills the bytecode cache."""
    subprocess.run(command, check=True, capture_output=True, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return walls, cpus


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
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
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
        env = cached_env(Path(cache))
        times, cpu = timed_runs(command, runs=args.runs, env=env)
        helps, _ = timed_runs([*command[:3], "--help"], runs=args.runs, env=env)
    result = {
        "machine": machine(),
        "articles": 10,
        "runs": args.runs,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "best_s": min(times),
        "median_cpu_s": statistics.median(cpu),
        "best_cpu_s": min(cpu),
        "load_average": round(os.getloadavg()[0], 1),
        "help_median_s": statistics.median(helps),
        "help_max_s": max(helps),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2), encoding="utf-8")
    text = (
        f"`storyline summarize` on a folder of 10 articles, a fresh process each run "
        f"({args.runs} runs): median {result['median_s']:.2f} s, "
        f"slowest {result['max_s']:.2f} s, best {result['best_s']:.2f} s (target < 1.5 s); CPU "
        f"(user + sys) median {result['median_cpu_s']:.2f} s, best {result['best_cpu_s']:.2f} s. "
        f"`storyline --help`: median {result['help_median_s']:.2f} s, slowest "
        f"{result['help_max_s']:.2f} s (target < 0.3 s). Bytecode compiled once beforehand, as "
        f"in an installed package; measured on a 2-core machine shared with other jobs (load "
        f"average {result['load_average']}): wall times include waiting for a core."
    )
    write_section(
        "cli-latency", text, command="python -m benchmarks.cli_latency", machine=machine()
    )
    print(text)


if __name__ == "__main__":
    main()
