"""Is a story split when its articles arrive in two polls? ECB+'s incidents spread over days.

A story must not depend on how its articles are batched. Here each ECB+ incident gets a day
(a random day of its year, 2008 for ECB, 2013 for ECB+; or, for "kinds within 10 days", both
incidents of a kind in one ten-day span) and each of its articles that day or the next; the
articles are then clustered all at once and fed to one ``StoryIndex`` a day at a time (a
poll a day, as ``watch`` folds them). Scored against the incidents: B-cubed F1 both ways, the
gold same-story pairs that are together all at once but apart in polls ("split only in
polls"), and the wrong pairs only the polls make. Each incident keeps all its articles, four
or two (a small first poll), over seeds 1-3.

Run: ``PYTHONPATH=src python -m benchmarks.polls`` (data from ``$STORYLINE_DATA``); prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from benchmarks.ecbplus import docs_of, ecb_dated, load_ecbplus
from storyline.cluster import StoryIndex, cluster_batch
from storyline.evaluation.clustering import bcubed


def _pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for doc, label in labels.items():
        groups.setdefault(label, []).append(doc)
    return {p for g in groups.values() for p in itertools.combinations(sorted(g), 2)}


def compare(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """All at once against a poll a day, scored on the incidents."""
    docs = {r["doc"]: d for r, d in zip(rows, docs_of(rows), strict=True)}
    gold = {r["doc"]: str(r["subtopic"]) for r in rows}
    once = {a.doc_id: a.story for a in cluster_batch(list(docs.values()))}
    days: dict[date, list[str]] = {}
    for r in rows:
        days.setdefault(r["published"], []).append(r["doc"])
    index = StoryIndex()
    polls: dict[str, str] = {}
    for day in sorted(days):
        polls.update({a.doc_id: a.story for a in index.add_batch([docs[i] for i in days[day]])})
    same, together, apart = _pairs(gold), _pairs(once), _pairs(polls)
    return {
        "docs": len(rows),
        "polls": len(days),
        "gold_pairs": len(same),
        "at_once_f1": bcubed(once, gold).f1,
        "polls_f1": bcubed(polls, gold).f1,
        "split_only_in_polls": len((same & together) - apart),
        "wrong_only_in_polls": len(apart - together - same),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3")
    args = parser.parse_args()
    ecb = load_ecbplus()
    print(
        "| set | seed | docs | polls | gold pairs | at once F1 | polls F1 "
        "| split only in polls | wrong only in polls |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for close, per in itertools.product((False, True), (None, 4, 2)):
        for seed in (int(s) for s in args.seeds.split(",")):
            rows = ecb_dated(ecb, close=close, seed=seed, per=per, days=2)
            r = compare(rows)
            name = ("kinds within 10 days" if close else "2008 / 2013") + (
                ", all per incident" if per is None else f", {per} per incident"
            )
            print(
                f"| {name} | {seed} | {r['docs']} | {r['polls']} | {r['gold_pairs']:,} "
                f"| {r['at_once_f1']:.3f} | {r['polls_f1']:.3f} | {r['split_only_in_polls']:,} "
                f"| {r['wrong_only_in_polls']:,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
