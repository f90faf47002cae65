"""Facts and cross-source comparison on hand-labelled stories: precision, recall and speed.

Gold is ``tests/fixtures/facts/labels.jsonl``, written by hand for three multi-outlet stories: two
fictional ones in ``tests/fixtures/facts/stories.jsonl`` (a ferry disaster, air strikes) and the
Kessel Dam example (``examples/kessel-dam/articles.jsonl``). It labels

* every quantity a reader would compare (article, value, kind), for extraction precision/recall;
* every attributed sentence (article, sentence, speaker), for attribution precision/recall;
* fact groups with one label each (agreed, changed, disputed, single-source); a predicted finding
  matches a gold group with the same label, kind and place whose facts (article, value) or, for
  contested claims, sentences overlap it with Jaccard >= 0.5, one-to-one.

Targets: per label precision >= 0.9 and recall >= 0.8; quantities and attributions precision
>= 0.9; facts + comparison of a 50-article story well under 2 s without the NER extra. Run:

    PYTHONPATH=src python -m benchmarks.facts

Writes benchmarks/results/facts.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.synth import generate
from storyline.clean import clean_batch
from storyline.compare import LABELS, Finding, compare
from storyline.facts import (
    article_facts,
    extract_attributions,
    extract_quantities,
    resolve_pronouns,
    speaker_key,
)
from storyline.ingest import parse_date
from storyline.models import Article, RawDocument
from storyline.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "facts"
KESSEL = ROOT / "examples" / "kessel-dam" / "articles.jsonl"
RESULTS = Path(__file__).resolve().parent / "results" / "facts.json"
MIN_JACCARD = 0.5
# Written and labelled after the rules were tuned on the other stories, then scored once without
# changing a rule: the honest estimate. The development stories are where the rules came from.
HELD_OUT = frozenset({"wildfire"})

Key = tuple[str, ...]


def story_of(doc_key: str) -> str:
    """Fixture ids start with their story ("ferry-2-coastradio"); Kessel Dam ids with a digit."""
    head = doc_key.split("-")[0]
    return "kessel-dam" if head.isdigit() else head


def load_stories() -> dict[str, list[Article]]:
    """Every labelled story, cleaned the way the pipeline cleans a batch."""
    docs: dict[str, list[RawDocument]] = defaultdict(list)
    for path in (FIXTURES / "stories.jsonl", KESSEL):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            doc = RawDocument(
                text=row["text"],
                origin=f"{path.name}:{row['id']}",
                title=row.get("title"),
                source=row.get("source"),
                url=row.get("url"),
                published=parse_date(row.get("date")),
                doc_key=row["id"],
            )
            docs[story_of(row["id"])].append(doc)
    return {story: clean_batch(batch) for story, batch in docs.items()}


def load_labels() -> list[dict[str, Any]]:
    lines = (FIXTURES / "labels.jsonl").read_text("utf-8").splitlines()
    return [row for row in map(json.loads, lines) if not row["type"].startswith("_")]


def _pr(true: int, predicted: int, gold: int) -> dict[str, float | int]:
    return {
        "precision": round(true / predicted, 4) if predicted else 1.0,
        "recall": round(true / gold, 4) if gold else 1.0,
        "predicted": predicted,
        "gold": gold,
        "true": true,
    }


# --------------------------------------------------------------------------- extraction


def score_quantities(
    stories: dict[str, list[Article]], labels: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    gold = Counter(
        (r["article"], float(r["value"]), r["kind"]) for r in labels if r["type"] == "quantity"
    )
    predicted: Counter[tuple[str, float, str]] = Counter()
    for articles in stories.values():
        for article in articles:
            for sentence in split_sentences(article):
                for q in extract_quantities(sentence):
                    predicted[(article.doc_key or article.id, q.value, q.kind)] += 1
    true = sum((gold & predicted).values())
    result = _pr(true, sum(predicted.values()), sum(gold.values()))
    result["false_positives"] = [list(k) for k in (predicted - gold)]
    result["missed"] = [list(k) for k in (gold - predicted)]
    return result


def _speakers_match(a: str, b: str) -> bool:
    ka, kb = speaker_key(a), speaker_key(b)
    return bool(ka) and bool(kb) and (ka in kb or kb in ka)


def score_attributions(
    stories: dict[str, list[Article]], labels: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    gold = [r for r in labels if r["type"] == "attribution"]
    matched: set[int] = set()
    predicted = true = 0
    wrong: list[list[str]] = []
    for articles in stories.values():
        for article in articles:
            key = article.doc_key or article.id
            sentences = split_sentences(article)
            rows = resolve_pronouns([extract_attributions(s) for s in sentences], sentences)
            for sentence, attributions in zip(sentences, rows, strict=True):
                candidates = [
                    i
                    for i, g in enumerate(gold)
                    if g["article"] == key and g["contains"] in sentence.text
                ]
                for a in attributions:
                    predicted += 1
                    hit = next(
                        (
                            i
                            for i in candidates
                            if i not in matched and _speakers_match(gold[i]["speaker"], a.speaker)
                        ),
                        None,
                    )
                    if hit is None:
                        wrong.append([key, a.speaker, sentence.text[:80]])
                    else:
                        matched.add(hit)
                        true += 1
    result = _pr(true, predicted, len(gold))
    result["false_positives"] = wrong
    result["missed"] = [
        [g["article"], g["speaker"], g["contains"]] for i, g in enumerate(gold) if i not in matched
    ]
    return result


# --------------------------------------------------------------------------- groups


def _finding_key(finding: Finding, doc_keys: dict[str, str]) -> frozenset[Key]:
    if finding.kind == "claim":
        return frozenset((doc_keys[c.article_id], str(c.start)) for c in finding.claims)
    return frozenset((doc_keys[f.article_id], repr(float(f.value))) for f in finding.facts)


def _gold_key(row: dict[str, Any], articles: Sequence[Article]) -> frozenset[Key]:
    if row["kind"] == "claim":
        starts = []
        for doc_key, contains in row["sentences"]:
            article = next(a for a in articles if a.doc_key == doc_key)
            sentence = next(s for s in split_sentences(article) if contains in s.text)
            starts.append((doc_key, str(sentence.start)))
        return frozenset(starts)
    return frozenset((doc_key, repr(float(value))) for doc_key, value in row["facts"])


def _jaccard(a: frozenset[Key], b: frozenset[Key]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def score_groups(
    stories: dict[str, list[Article]], labels: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    per_label: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    errors: list[dict[str, Any]] = []
    for story, articles in stories.items():
        doc_keys = {a.id: a.doc_key or a.id for a in articles}
        gold = [
            (r, _gold_key(r, articles))
            for r in labels
            if r["type"] == "group" and r["story"] == story
        ]
        used: set[int] = set()
        for finding in compare(articles).findings:
            key = _finding_key(finding, doc_keys)
            per_label[finding.label]["predicted"] += 1
            hit = _best_gold(finding, key, gold, used)
            if hit is None:
                errors.append(
                    {
                        "story": story,
                        "extra": finding.label,
                        "kind": finding.kind,
                        "summary": finding.summary,
                    }
                )
            else:
                used.add(hit)
                per_label[finding.label]["true"] += 1
        for i, (row, _) in enumerate(gold):
            per_label[row["label"]]["gold"] += 1
            if i not in used:
                errors.append(
                    {
                        "story": story,
                        "missed": row["label"],
                        "kind": row["kind"],
                        "facts": row.get("facts") or row.get("sentences"),
                    }
                )
    scores = {label: _pr(c["true"], c["predicted"], c["gold"]) for label, c in per_label.items()}
    return {"labels": scores, "errors": errors}


def _best_gold(
    finding: Finding,
    key: frozenset[Key],
    gold: Sequence[tuple[dict[str, Any], frozenset[Key]]],
    used: set[int],
) -> int | None:
    best: tuple[float, int] | None = None
    for i, (row, gold_key) in enumerate(gold):
        if i in used or row["label"] != finding.label or row["kind"] != finding.kind:
            continue
        if row.get("place") != finding.place:
            continue
        score = _jaccard(key, gold_key)
        if score >= MIN_JACCARD and (best is None or score > best[0]):
            best = (score, i)
    return best[1] if best else None


def evaluate(stories: dict[str, list[Article]], labels: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """All three scores over the given stories (labels of other stories are ignored)."""
    keys = {a.doc_key for batch in stories.values() for a in batch}
    mine = [r for r in labels if r.get("article") in keys or r.get("story") in stories]
    return {
        "quantities": score_quantities(stories, mine),
        "attributions": score_attributions(stories, mine),
        "groups": score_groups(stories, mine),
    }


# --------------------------------------------------------------------------- speed


def speed(n_articles: int = 50, repeats: int = 5) -> dict[str, Any]:
    """Seconds for facts + comparison of one n-article story (synthetic news, cleaned first)."""
    articles = clean_batch([a.to_raw() for a in list(generate(n_articles, seed=11))[:n_articles]])
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        comparison = compare(articles)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    n_facts = sum(len(article_facts(a)) for a in articles)
    facts_only = time.perf_counter() - start
    return {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "facts": n_facts,
        "findings": len(comparison.findings),
        "median_s": round(statistics.median(times), 4),
        "max_s": round(max(times), 4),
        "facts_only_s": round(facts_only, 4),
        "spacy_imported": "spacy" in sys.modules,
    }


def ner_speed(articles: Sequence[Article]) -> dict[str, Any] | None:
    """The optional spaCy path, for comparison; None when the extra is not installed."""
    from storyline.entities import extract_entities, load_ner

    try:
        start = time.perf_counter()
        nlp = load_ner()
        loaded = time.perf_counter() - start
    except (RuntimeError, OSError) as err:
        return {"available": False, "reason": str(err)[:200]}
    start = time.perf_counter()
    entities = sum(len(extract_entities(a, nlp=nlp)) for a in articles)
    return {
        "available": True,
        "load_s": round(loaded, 3),
        "entities_s": round(time.perf_counter() - start, 3),
        "entities": entities,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="articles in the speed story")
    parser.add_argument("--ner", action="store_true", help="also time the spaCy entity path")
    args = parser.parse_args()
    stories = load_stories()
    labels = load_labels()
    dev = {k: v for k, v in stories.items() if k not in HELD_OUT}
    held_out = {k: v for k, v in stories.items() if k in HELD_OUT}
    result: dict[str, Any] = {
        "command": "PYTHONPATH=src python -m benchmarks.facts " + " ".join(sys.argv[1:]),
        "python": platform.python_version(),
        "stories": {s: len(a) for s, a in stories.items()},
        **evaluate(dev, labels),
        "held_out": evaluate(held_out, labels),
        "speed": speed(args.n),
    }
    if args.ner:
        result["ner"] = ner_speed([a for batch in stories.values() for a in batch])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print("| set | what | precision | recall | predicted | gold |")
    print("|---|---|---|---|---|---|")
    for name, scores in (("dev", result), ("held-out", result["held_out"])):
        rows = [("quantities", scores["quantities"]), ("attributions", scores["attributions"])]
        rows += [(f"label: {k}", v) for k, v in scores["groups"]["labels"].items()]
        for what, r in rows:
            pr = f"{r['precision']:.3f} | {r['recall']:.3f}"
            print(f"| {name} | {what} | {pr} | {r['predicted']} | {r['gold']} |")
    s = result["speed"]
    print(
        f"\nFacts + comparison, {s['articles']} articles ({s['words']:,} words, "
        f"{s['facts']} facts): median {s['median_s']:.3f} s, max {s['max_s']:.3f} s; "
        f"spaCy imported: {s['spacy_imported']}"
    )
    if "ner" in result:
        print(f"spaCy entities: {result['ner']}")
    print(f"\nWrote {RESULTS}")


if __name__ == "__main__":
    main()
