"""Every multi-outlet finding of every DUC 2006 and 2007 cluster, one line each, to diff.

A precision guard for rules of the facts package beyond the dev set: each cluster's articles are
compared whole (as ``storyline compare`` would compare them) and every finding other than
single-source and contested is written as ``TOPIC [label] what: value (outlet date); ...``.
Run it before and after a change and read every line the diff shows by
``../shared/facts/GUIDELINES.md``: a new ``changed``, ``disputed`` or ``agreed`` must be right.
It holds no judgements and no gold.

    python -m benchmarks.facts_walk OUT.txt      # about a minute and a half on 2 cores

Skips (exit 0, a message) when the shared data is absent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.clean import clean_batch
from storyline.compare import compare
from storyline.evaluation.duc import load_duc2006, load_duc2007
from storyline.facts.labels import value_text

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def walk_lines() -> list[str]:
    """One line per finding of every DUC 2006/2007 cluster (single-source ones left out)."""
    topics = [*load_duc2006(DATA / "duc2006")]
    topics += load_duc2007(DATA / "duc2007", with_references_only=False)
    lines = []
    for topic in topics:
        for finding in compare(clean_batch(list(topic.documents))).findings:
            if finding.label in ("single-source", "contested"):
                continue
            shown = "; ".join(f"{value_text(f)} ({f.outlet[:8]} {f.when})" for f in finding.facts)
            lines.append(f"{topic.id} [{finding.label}] {finding.what}: {shown}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="file to write the lines to")
    args = parser.parse_args()
    if not (DATA / "duc2006").exists() or not (DATA / "duc2007").exists():
        print(f"skipped: {DATA}/duc2006 or duc2007 is absent")
        return
    lines = walk_lines()
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {label: sum(f"[{label}]" in line for line in lines) for label in
              ("agreed", "changed", "disputed", "differs")}  # fmt: skip
    print(f"{len(lines)} findings {counts}; wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
