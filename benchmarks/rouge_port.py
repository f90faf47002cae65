"""Check storyline's pure-Python ROUGE against ROUGE-1.5.5.pl and NIST's official DUC 2006 scores.

For several DUC 2006 peers, jackknifed over the four references as NIST's rougejk.in does:
ROUGE-2 and ROUGE-SU4 recall from the port, from the Perl script (when installed), and the official
averages; the largest per-topic difference between port and Perl; and the port's time for 50 topics.

    PYTHONPATH=src python -m benchmarks.rouge_port [--peers 1 24 12 ...] [--no-perl]
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from storyline.evaluation.duc import (
    DucTopic,
    data_dir,
    load_duc2006,
    load_duc2006_peer,
    official_rouge,
)
from storyline.evaluation.rouge import RougeScorer, Score, mean_scores
from storyline.evaluation.rouge_perl import (
    RougeUnavailable,
    parse_averages,
    parse_topics,
    rouge_exceptions,
    run_rouge_perl,
)

RESULTS = Path(__file__).resolve().parent / "results" / "rouge_port.json"
DEFAULT_PEERS = ("1", "24", "12", "15", "8", "33", "5", "C")
logger = logging.getLogger("benchmarks.rouge_port")


def _pairs(topics: Sequence[DucTopic], peer_id: str) -> tuple[list[tuple[str, list[str]]], bool]:
    """(peer, references) per topic; a human peer is scored against the three others only."""
    summaries = load_duc2006_peer(peer_id)
    pairs = []
    human = peer_id.isalpha()
    root = data_dir() / "duc2006" / "NISTeval" / "ROUGE" / "models"
    for topic in topics:
        if topic.id not in summaries:
            continue
        if human:
            names = sorted(root.glob(f"{topic.id[:5]}.M.250.{topic.id[5:]}.*"))
            refs = [
                r for r, n in zip(topic.references, names, strict=True) if n.suffix[1:] != peer_id
            ]
        else:
            refs = list(topic.references)
        pairs.append((summaries[topic.id], refs))
    return pairs, not human


def _diff(a: Mapping[str, Score], b: Mapping[str, Score]) -> float:
    return max(
        abs(a[m].recall - b[m].recall) for m in ("rouge-1", "rouge-2", "rouge-l", "rouge-su4")
    )


def _peer_row(
    peer_id: str, topics: Sequence[DucTopic], scorer: RougeScorer, *, perl: bool
) -> dict[str, object]:
    pairs, jackknife = _pairs(topics, peer_id)
    start = time.perf_counter()
    per_topic = [scorer.score(p, refs, jackknife=jackknife) for p, refs in pairs]
    seconds = time.perf_counter() - start
    port = mean_scores(per_topic)
    intervals = scorer.score_corpus_intervals(pairs, jackknife=jackknife)
    row: dict[str, object] = {
        "peer": peer_id,
        "topics": len(pairs),
        "port_seconds": round(seconds, 2),
        "port": {m: vars(s) for m, s in port.items()},
        "port_bootstrap": {
            m: {f: vars(getattr(i, f)) for f in ("recall", "precision", "f1")}
            for m, i in intervals.items()
        },
        "official_rouge2_r": official_rouge("rouge2.jk.m.avg").get(peer_id),
        "official_su4_r": official_rouge("rougeSU4.jk.m.avg").get(peer_id),
    }
    if perl:
        start = time.perf_counter()
        output = run_rouge_perl(pairs, jackknife=jackknife)
        row["perl_seconds"] = round(time.perf_counter() - start, 2)
        averages = parse_averages(output)
        perl_topics = parse_topics(output)
        row["perl"] = {m: vars(s) for m, s in averages.items()}
        row["perl_topic_mean"] = {m: vars(s) for m, s in mean_scores(perl_topics).items()}
        row["max_topic_diff_recall"] = max(
            _diff(a, b) for a, b in zip(per_topic, perl_topics, strict=True)
        )
    return row


def _fmt(value: object) -> str:
    return f"{value:.1e}" if isinstance(value, float) else "-"


def _table(rows: Sequence[Mapping[str, object]]) -> str:
    head = (
        "| peer | R-2 port mean | R-2 port boot | R-2 Perl | R-2 official | SU4 port boot "
        "| SU4 Perl | SU4 official | max topic diff | port s | Perl s |\n" + "|---" * 11 + "|"
    )
    lines = [head]
    for r in rows:
        port, boot, perl = r["port"], r["port_bootstrap"], r.get("perl", {})
        assert isinstance(port, dict) and isinstance(perl, dict) and isinstance(boot, dict)
        boot = {m: v["recall"] | {"recall": v["recall"]["mean"]} for m, v in boot.items()}

        def cell(scores: dict[str, dict[str, float]], metric: str) -> str:
            return f"{scores[metric]['recall']:.5f}" if metric in scores else "-"

        lines.append(
            f"| {r['peer']} | {cell(port, 'rouge-2')} | {cell(boot, 'rouge-2')} "
            f"| {cell(perl, 'rouge-2')} | {r['official_rouge2_r']} | {cell(boot, 'rouge-su4')} "
            f"| {cell(perl, 'rouge-su4')} "
            f"| {r['official_su4_r']} | {_fmt(r.get('max_topic_diff_recall'))} "
            f"| {r['port_seconds']} | {r.get('perl_seconds', '-')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", nargs="+", default=list(DEFAULT_PEERS))
    parser.add_argument("--no-perl", action="store_true", help="port and official numbers only")
    parser.add_argument("--no-exceptions", action="store_true", help="Porter only, no WordNet")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    topics = load_duc2006()
    perl = not args.no_perl
    try:
        exceptions = None if args.no_exceptions else rouge_exceptions()
    except RougeUnavailable as error:
        logger.warning("%s: scoring without WordNet exceptions.", error)
        exceptions, perl = None, False
    scorer = RougeScorer(exceptions=exceptions)
    rows = []
    for peer_id in args.peers:
        rows.append(_peer_row(peer_id, topics, scorer, perl=perl))
        logger.info("peer %s done", peer_id)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    settings = {"exceptions": exceptions is not None, "perl": perl}
    RESULTS.write_text(json.dumps({"settings": settings, "rows": rows}, indent=2) + "\n")
    print(_table(rows))


if __name__ == "__main__":
    main()
