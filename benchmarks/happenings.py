"""Is one happening's coverage one story? Timeline17's four topics as ``ingest`` cuts them.

Each Timeline17 topic is the coverage of one long happening (haiti: the January 2010 earthquake
and its aftermath, 20 days; egypt: the 2011 revolution, 20 days; h1n1 and finan: months of a
pandemic and a financial crisis, more than one story by our definition). Per topic: how many
stories its articles fall in and the share of the largest, with the name rule on (the default)
and off (``name_agreement`` -1), fed as ``storyline ingest`` feeds an input in date order
(whole days of about 1,000 articles, ``engine.reorder``) and in batches of 100 (a happening
spread over several batches: the index match). Texts as the CSVs give them (no cleaning, no
dedup), ids ``TOPIC-N``. A story that mixes topics counts its minority articles as
*impure*.

Beside it, the stand-in that caps ``name_agreement``: ECB+ with every article of both
incidents of a kind dated in one fortnight (the kinds 40 days apart), scored against the
incidents, all at once and 100 at a time: fragments of one happening are joined by their
names and days, two incidents of a kind in one fortnight must not be.

Run: ``PYTHONPATH=src python -m benchmarks.happenings`` (data from ``$STORYLINE_DATA``).
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from benchmarks.ecbplus import by_date, data_dir, docs_of, load_ecbplus, merged_kinds, streamed
from storyline.cluster import ClusterDoc, ClusterSettings, StoryIndex, cluster_batch
from storyline.evaluation.clustering import bcubed

TOPICS = ("egypt", "finan", "h1n1", "haiti")
SETTINGS = {
    "names on (default)": ClusterSettings(),
    "names off": replace(ClusterSettings(), name_agreement=-1.0),
}


def load_timeline17() -> list[ClusterDoc]:
    csv.field_size_limit(1 << 30)
    docs = []
    for topic in TOPICS:
        path = data_dir() / "timeline17" / "articles" / f"{topic}.csv"
        with path.open(encoding="utf-8") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                docs.append(
                    ClusterDoc(
                        id=f"{topic}-{n}",
                        text=row["text"],
                        published=date.fromisoformat(row["date"]),
                    )
                )
    return docs


def as_ingest(docs: Sequence[ClusterDoc], batch: int, settings: ClusterSettings) -> dict[str, str]:
    """Each article's story, fed in ``ingest``'s cuts: (day, id hash), whole days per batch."""
    from storyline.engine.reorder import _days  # the engine's own cut

    def key(doc: ClusterDoc) -> tuple[date, str]:
        assert doc.published is not None
        return doc.published, hashlib.sha1(doc.id.encode("utf-8")).hexdigest()

    by_key = {key(d): d for d in docs}
    index = StoryIndex(settings)
    story: dict[str, str] = {}
    for chunk in _days(sorted(by_key), batch):
        for a in index.add_batch([by_key[k] for k in chunk]):
            story[a.doc_id] = a.story
    return story


def per_topic(story: Mapping[str, str]) -> dict[str, Any]:
    topics: dict[str, Counter[str]] = {}
    members: dict[str, Counter[str]] = {}
    for doc, s in story.items():
        topic = doc.split("-")[0]
        topics.setdefault(topic, Counter())[s] += 1
        members.setdefault(s, Counter())[topic] += 1
    impure = sum(sum(c.values()) - c.most_common(1)[0][1] for c in members.values())
    out: dict[str, Any] = {"impure": impure}
    for topic, counts in sorted(topics.items()):
        total = sum(counts.values())
        out[topic] = (total, len(counts), counts.most_common(1)[0][1] / total)
    return out


def ecb_kinds_in_a_fortnight() -> list[dict[str, Any]]:
    """ECB+, every article of each incident dated within a week, both incidents of a kind
    starting within the same ten days."""
    rng = random.Random(1)
    by: dict[str, list[dict[str, Any]]] = {}
    for r in load_ecbplus():
        by.setdefault(r["subtopic"], []).append(r)
    out = []
    for sub in sorted(by):
        start = date(2010, 1, 1) + timedelta(days=40 * int(by[sub][0]["topic"]))
        day0 = start + timedelta(days=rng.randrange(10))
        out += [{**r, "published": day0 + timedelta(days=rng.randrange(7))} for r in by[sub]]
    return by_date(out)


def main() -> None:
    docs = load_timeline17()
    print("Timeline17 as `ingest` cuts it: stories per topic / share of the topic's articles in")
    print("its largest story (impure: articles in a story most of whose articles are another")
    print("topic's):\n")
    print("| setting | batch | egypt | finan | h1n1 | haiti | impure |")
    print("|---|---|---|---|---|---|---|")
    for name, settings in SETTINGS.items():
        for batch in (1000, 100):
            topics = per_topic(as_ingest(docs, batch, settings))
            cells = " | ".join(f"{topics[t][1]} / {topics[t][2]:.2f}" for t in TOPICS)
            print(f"| {name} | {batch:,} | {cells} | {topics['impure']} |")
    rows = ecb_kinds_in_a_fortnight()
    gold = {r["doc"]: r["subtopic"] for r in rows}
    print("\nECB+, every article of both incidents of a kind in one fortnight (B-cubed F1 against")
    print("the incidents; kinds whose two incidents share a story, all at once):\n")
    print("| setting | all at once | kinds merged | 100 at a time |")
    print("|---|---|---|---|")
    for name, settings in SETTINGS.items():
        found = cluster_batch(docs_of(rows), settings=settings)
        once = bcubed({a.doc_id: a.story for a in found}, gold).f1
        run = streamed("ecb", rows, 100, key="subtopic", settings=settings)
        b3 = run["bcubed"]
        assert isinstance(b3, dict)
        kinds = len(merged_kinds(found, rows))
        print(f"| {name} | {once:.3f} | {kinds} of 43 | {b3['f1']:.3f} |")


if __name__ == "__main__":
    main()
