"""Update summaries ("what is new since") on the DUC 2007 update clusters.

    python -m benchmarks.updates

Each of the 10 update topics holds three consecutive sets of articles, A, B and C. Two updates a
topic: B given A, and C given A and B, 100 words each (DUC 2007's update length). DUC's update
references are not in our copy, so measures that need none:

- restating: the share of update sentences that paraphrase an earlier set: at least
  ``PARAPHRASE`` of the sentence's content stems occur in one earlier sentence (target 0);
- new content covered: the content-stem bigrams that at least two articles of the later set state
  and no earlier article states ("what the later set adds"), and the share of them the update
  summary states.

and a third that ROUGE does not see either: the update sentences that do not stand alone
(``storyline.summarizers.quality.problems``: a fragment, or a reference such as "It ...",
"rejected that argument" that no earlier summary sentence resolves; target 0). DUC's update
references are not in our copy, so no ROUGE.

Beside each, the default summarizer run on the later set alone (a generic summary of the new
articles): what ignoring the earlier sets would give. Writes ``benchmarks/results/updates.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from statistics import mean

from benchmarks.report import machine
from storyline.clean import clean_batch
from storyline.engine.updates import summarize_updates
from storyline.evaluation.duc import data_dir, parse_document
from storyline.models import Article, Budget
from storyline.registry import summarizers
from storyline.summarizers.quality import problems
from storyline.text import Stemmer, content_stems, split_sentences

log = logging.getLogger("benchmarks.updates")
RESULTS = Path(__file__).resolve().parent / "results" / "updates.json"
BUDGET = Budget(words=100)
# Share of a sentence's content stems found in one earlier sentence that makes it a paraphrase;
# stricter in kind than the engine's own test (a cosine), so the measure is not the method.
PARAPHRASE = 0.7


def load_sets(root: Path | None = None) -> dict[str, list[list[Article]]]:
    base = (root or data_dir()) / "duc2007" / "duc2007_testdocs" / "update"
    topics = {}
    for topic in sorted(p for p in base.iterdir() if p.is_dir()):
        sets = []
        for folder in sorted(p for p in topic.iterdir() if p.is_dir()):
            raws = [
                parse_document(f.read_text(encoding="latin-1"), origin=str(f))
                for f in sorted(folder.iterdir())
                if f.is_file()
            ]
            sets.append(clean_batch(raws))
        topics[topic.name] = sets
    return topics


def _bigrams(stems: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(stems))


class Measure:
    """The two measures for one (earlier, later) pair."""

    def __init__(self, earlier: Sequence[Article], later: Sequence[Article]) -> None:
        self.stem = Stemmer()
        self.earlier_sentences = [
            set(content_stems(s.text, self.stem)) for a in earlier for s in split_sentences(a)
        ]
        known: set[tuple[str, str]] = set()
        for a in earlier:
            known |= _bigrams(content_stems(a.text, self.stem))
        counts: dict[tuple[str, str], int] = {}
        for a in later:
            for gram in _bigrams(content_stems(a.text, self.stem)) - known:
                counts[gram] = counts.get(gram, 0) + 1
        self.new = {gram for gram, n in counts.items() if n >= 2}

    def restating(self, sentences: Sequence[str]) -> int:
        count = 0
        for text in sentences:
            stems = set(content_stems(text, self.stem))
            if stems and any(
                len(stems & old) / len(stems) >= PARAPHRASE for old in self.earlier_sentences
            ):
                log.info("restates: %s", text)
                count += 1
        return count

    def covered(self, sentences: Sequence[str]) -> float:
        said: set[tuple[str, str]] = set()
        for text in sentences:
            said |= _bigrams(content_stems(text, self.stem))
        return len(said & self.new) / len(self.new) if self.new else 1.0


def run() -> dict[str, object]:
    generic = summarizers.create("storyline")
    rows = []
    for topic, sets in load_sets().items():
        for k in (1, 2):
            earlier = [a for s in sets[:k] for a in s]
            later = sets[k]
            measure = Measure(earlier, later)
            update_summary = summarize_updates(earlier, later, budget=BUDGET).summary
            plain_summary = generic.summarize(later, budget=BUDGET)
            update = [s.text for s in update_summary.sentences]
            plain = [s.text for s in plain_summary.sentences]
            rows.append(
                {
                    "topic": topic,
                    "update": "BC"[k - 1],
                    "new_bigrams": len(measure.new),
                    "update_sentences": len(update),
                    "update_restating": measure.restating(update),
                    "update_covered": round(measure.covered(update), 4),
                    "update_not_alone": len(problems(update_summary)),
                    "generic_sentences": len(plain),
                    "generic_restating": measure.restating(plain),
                    "generic_covered": round(measure.covered(plain), 4),
                    "generic_not_alone": len(problems(plain_summary)),
                }
            )
            log.info("%s", rows[-1])
    return {"machine": machine(), "updates": rows}


def table(results: dict[str, object]) -> str:
    rows: list[dict[str, float]] = results["updates"]  # type: ignore[assignment]

    def total(key: str) -> int:
        return int(sum(r[key] for r in rows))

    lines = [
        f"DUC 2007 update topics ({len(rows) // 2}): B given A, C given A and B, 100 words. "
        f"Restating: >= {PARAPHRASE:.0%} of a sentence's content stems in one earlier sentence "
        "(the engine leaves out such sentences itself, so its 0 is by design; the generic row "
        "shows how often it happens otherwise). New content: stem bigrams that two or more later "
        "articles state and no earlier one does, share stated by the summary (mean per update).",
        "",
        "| summary of the later set | sentences | restating an earlier set (target 0) "
        "| new content covered | not standing alone (target 0) |",
        "|---|---|---|---|---|",
    ]
    for name in ("update", "generic"):
        lines.append(
            f"| {name} | {total(name + '_sentences')} | {total(name + '_restating')} "
            f"| {mean(r[name + '_covered'] for r in rows):.3f} "
            f"| {total(name + '_not_alone')} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
