"""Shared by the benchmarks: where they ran, and their section of BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import re
from datetime import datetime, timezone
from pathlib import Path

BENCHMARKS_MD = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = round(pages / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
    }


def write_section(name: str, body: str, *, command: str, machine: object) -> None:
    """Replace (or append) the section between ``<!-- name -->`` markers in BENCHMARKS.md, so each
    benchmark rewrites only its own numbers."""
    m = machine if isinstance(machine, dict) else {}
    block = (
        f"<!-- {name}:start -->\n"
        f"Command: `{command}`  \n"
        f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib')} GiB, "
        f"Python {m.get('python')}, run {m.get('date')}.\n\n{body.rstrip()}\n"
        f"<!-- {name}:end -->"
    )
    text = BENCHMARKS_MD.read_text(encoding="utf-8") if BENCHMARKS_MD.exists() else "# Benchmarks\n"
    pattern = re.compile(
        rf"<!-- {re.escape(name)}:start -->.*?<!-- {re.escape(name)}:end -->", re.S
    )
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + f"\n\n## {name}\n\n{block}\n"
    BENCHMARKS_MD.write_text(text, encoding="utf-8")


def forget_what_was_read() -> None:
    """Start a timed run cold: the process memoises sentences it split and read (what a running
    server keeps), which would make every run after the first a warm one."""
    from storyline.facts import attribution, extraction
    from storyline.text import sentence_spans

    extraction._READ.clear()
    sentence_spans.cache_clear()
    attribution.extract_attributions.cache_clear()
