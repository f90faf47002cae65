"""Article-body extraction on WCXB pages: trafilatura, readability-lxml and what storyline ships.

Metric (WCXB's): bag-of-words F1 of the extracted body against ``ground_truth.main_content``,
words being lower-cased ``\\w+`` runs, averaged over pages. Every extractor runs on the same
pages in one run. The pages are split in two halves (odd and even file numbers) to show the
comparer's gain is not one half's: a constant set on one half is checked on the other (see
``storyline.ingest.htmldoc``), but the halves are a check of stability, not a held-out score.
The last column averages the pages where readability-lxml beats trafilatura: news pages lean
that way (on the held-out news benchmark readability scores above trafilatura), so a change that
gains on WCXB by losing there is suspect.

    python -m benchmarks.record extraction            # all 400 pages
    python -m benchmarks.extraction --limit 40        # a quick look
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wcxb-articles"
RESULTS = ROOT / "benchmarks" / "results" / "extraction.json"
_WORD = re.compile(r"\w+")

Extractor = Callable[[str], str]


def bag_f1(predicted: str, gold: str) -> float:
    """Bag-of-words F1 (multiset overlap of lower-cased words)."""
    p = Counter(_WORD.findall(predicted.lower()))
    g = Counter(_WORD.findall(gold.lower()))
    if not p or not g:
        return float(not p and not g)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def pages(limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(page id, html, gold main content) for each WCXB page there is."""
    files = sorted((DATA / "html").glob("*.html.gz"))[:limit]
    for path in files:
        page_id = path.name.split(".")[0]
        truth = json.loads((DATA / "ground-truth" / f"{page_id}.json").read_text("utf-8"))
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield page_id, html, truth["ground_truth"]["main_content"]


def trafilatura_defaults(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def readability_lxml(html: str) -> str:
    from readability import Document

    from storyline.ingest.feeds import fragment_text

    return fragment_text(Document(html).summary(html_partial=True))


def storyline_ships(html: str) -> str:
    from storyline.ingest.htmldoc import extract_html
    from storyline.models import ReadError

    page = extract_html(html, origin="wcxb")
    return "" if isinstance(page, ReadError) else page.document.text


EXTRACTORS: dict[str, Extractor] = {
    "trafilatura (library defaults)": trafilatura_defaults,
    "readability-lxml": readability_lxml,
    "storyline (trafilatura + readability comparer)": storyline_ships,
}


def measure(limit: int | None) -> dict[str, dict[str, float]]:
    scores: dict[str, list[tuple[str, float]]] = {name: [] for name in EXTRACTORS}
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    for page_id, html, gold in pages(limit):
        for name, extract in EXTRACTORS.items():
            start = time.perf_counter()
            try:
                text = extract(html)
            except Exception:  # an extractor that fails on a page scores 0 there
                text = ""
            seconds[name] += time.perf_counter() - start
            scores[name].append((page_id, bag_f1(text, gold)))
    trafilatura, readability = (dict(scores[name]) for name in list(EXTRACTORS)[:2])
    leaning = {page_id for page_id, f in readability.items() if f > trafilatura[page_id]}
    results: dict[str, dict[str, float]] = {}
    for name, rows in scores.items():
        odd = [f for page_id, f in rows if int(page_id) % 2]
        even = [f for page_id, f in rows if not int(page_id) % 2]
        lean = [f for page_id, f in rows if page_id in leaning]
        results[name] = {
            "pages": len(rows),
            "f1": round(statistics.fmean(f for _, f in rows), 4),
            "f1_odd": round(statistics.fmean(odd), 4) if odd else 0.0,
            "f1_even": round(statistics.fmean(even), 4) if even else 0.0,
            "readability_pages": len(lean),
            "f1_readability_pages": round(statistics.fmean(lean), 4) if lean else 0.0,
            "ms_per_page": round(1000 * seconds[name] / max(1, len(rows)), 1),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"WCXB pages not found in {DATA}")
    results = measure(args.limit)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    load = os.getloadavg()[0]
    print(
        f"WCXB dev articles ({DATA.name}), body bag-of-words F1; load average {load:.1f} on "
        f"{os.cpu_count()} cores at the end (ms/page is wall time)"
    )
    lean = next(iter(results.values()))["readability_pages"]
    print(
        "| extractor | pages | F1 | F1 odd pages | F1 even pages "
        f"| F1 where readability beats trafilatura ({lean:.0f} pages) | ms/page |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, row in results.items():
        print(
            f"| {name} | {row['pages']:.0f} | {row['f1']:.4f} | {row['f1_odd']:.4f} "
            f"| {row['f1_even']:.4f} | {row['f1_readability_pages']:.4f} "
            f"| {row['ms_per_page']:.0f} |"
        )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
