"""What ROUGE does not see in our summaries: sentences that do not stand alone, and citations that
do not state the numbers of the sentence they support.

    python -m benchmarks.summary_checks [--budgets 250 100]

On DUC 2006 and DUC 2007 (every cluster, the default summarizer, 250 and 100 words) and on the
stories of ``../shared/facts/dev.jsonl``: the summary sentences that open with a reference no
earlier sentence resolves or that are fragments (``storyline.summarizers.quality.problems``;
target 0), and, of the citations of sentences that state a number, those whose cited span states
all of the sentence's numbers and no other value for the same thing
(``storyline.summarizers.numbers.states_numbers``; target 100%). Writes
``benchmarks/results/summary_checks.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from benchmarks.report import machine
from storyline.clean import clean_batch
from storyline.evaluation import duc
from storyline.models import Article, Budget, RawDocument, Summary
from storyline.registry import summarizers
from storyline.summarizers.numbers import numbers_in, states_numbers
from storyline.summarizers.quality import problems

log = logging.getLogger("benchmarks.summary_checks")
RESULTS = Path(__file__).resolve().parent / "results" / "summary_checks.json"
FACTS_DEV = duc.data_dir().parent / "facts" / "dev.jsonl"


def facts_stories(path: Path = FACTS_DEV) -> list[list[Article]]:
    """The articles of each story in the facts dev set, cleaned as the pipeline cleans."""
    stories = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        raws = [
            RawDocument(
                text=a["text"],
                origin=f"{row['story']}:{a['doc']}",
                title=a.get("title"),
                source=a.get("source"),
                published=date.fromisoformat(a["date"][:10]) if a.get("date") else None,
            )
            for a in row["articles"]
        ]
        stories.append(clean_batch(raws))
    return stories


def check(summaries: Iterable[Summary], clusters: Sequence[Sequence[Article]]) -> dict[str, object]:
    """Counts over ``summaries`` (one per cluster, same order)."""
    sentences = standalone_problems = numbered = citations = stating = 0
    examples: list[str] = []
    for summary, articles in zip(summaries, clusters, strict=True):
        texts = {a.id: a.text for a in articles}
        sentences += len(summary.sentences)
        for index, why in problems(summary):
            standalone_problems += 1
            examples.append(f"{why}: {summary.sentences[index].text[:100]}")
        for sentence in summary.sentences:
            claim = numbers_in(sentence.text)
            if not claim:
                continue
            numbered += 1
            for c in sentence.citations:
                citations += 1
                stating += states_numbers(claim, texts[c.article_id][c.start : c.end])
    return {
        "clusters": len(clusters),
        "sentences": sentences,
        "not_standalone": standalone_problems,
        "examples": examples[:10],
        "sentences_with_numbers": numbered,
        "citations_of_those": citations,
        "citations_stating_numbers": stating,
        "stating_share": round(stating / citations, 4) if citations else 1.0,
    }


def run(budgets: Sequence[int]) -> dict[str, object]:
    method = summarizers.create("storyline")
    sets: dict[str, list[list[Article]]] = {
        "duc2006": [clean_batch(t.documents) for t in duc.load_duc2006()],
        "duc2007": [clean_batch(t.documents) for t in duc.load_duc2007()],
    }
    if FACTS_DEV.is_file():
        sets["facts-dev"] = facts_stories()
    rows = {}
    for name, clusters in sets.items():
        for words in budgets:
            outputs = [method.summarize(c, budget=Budget(words=words)) for c in clusters]
            rows[f"{name}@{words}"] = check(outputs, clusters)
            log.info("%s@%d: %s", name, words, rows[f"{name}@{words}"])
    return {"machine": machine(), "checks": rows}


def table(results: dict[str, object]) -> str:
    lines = [
        "Default summarizer. Not stand-alone: opens with a reference no earlier summary sentence "
        "resolves, or is a quote tail or bare attribution (summarizers/quality.py). Citations are "
        "checked with the predicate the citer applies (summarizers/numbers.py: every number of the "
        "sentence stated, no other value for what it counts), so 100% guards against regressions;"
        " it does not judge the number reader itself.",
        "",
        "| set @ words | clusters | sentences | not stand-alone (target 0) | sentences with "
        "numbers | their citations | stating the numbers (target 100%) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in results["checks"].items():  # type: ignore[attr-defined]
        lines.append(
            f"| {name} | {row['clusters']} | {row['sentences']} | {row['not_standalone']} "
            f"| {row['sentences_with_numbers']} | {row['citations_of_those']} "
            f"| {row['citations_stating_numbers']} ({100 * row['stating_share']:.1f}%) |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--budgets", nargs="+", type=int, default=[250, 100])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = run(args.budgets)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
