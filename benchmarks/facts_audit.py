"""An audit of ``compare`` on real news unlike the dev set: multi-outlet web news on crises.

dev.jsonl is DUC newswire only; the held-out check also has web articles, wire news on wars
followed over weeks and ministry reports. This script builds a few such stories from the shared
data and prints every multi-outlet finding (agreed, changed, disputed, differs) with the sentence
of each fact, plus a sample of the quantity mentions, so that a person can judge them by
``../shared/facts/GUIDELINES.md``. It holds no judgements and no gold: it is a reading aid.

Stories (chosen by topic and date window, never by what the system finds in them; ``STORIES``
lists all 40):

* Timeline17 (``timeline17/articles/<topic>.csv``: publication date and tokenised text of web
  articles from many outlets): weeks of the Haiti earthquake, the H1N1 outbreak and the Egyptian
  revolution. Up to ``size`` articles spread evenly over the window. The CSV has no outlet
  column: an article names its outlet when its opening says "(Reuters)", "BBC", "CNN", ...;
  otherwise it is its own outlet ("site-17"), the hard case of reprinted copy under many names.
* ECB+ (``ecbplus/ecbplus_docs.jsonl``, with ``--ecbplus``: every subtopic, one incident reported
  by many outlets, an earthquake, a shooting, a takeover): each document its own outlet (the
  site of the URL its text opens with, else the document), dated by a date line near its top
  where it has one, else undated (so differing values read ``differs``: the grouping is what is
  judged). Its text is tokenised as the other sets' is.
* Crisis (``crisis/time-sent/<topic>.csv``: sentences of many outlets grouped by the date they
  mention): each date's sentences cut into runs of ``CHUNK`` sentences, each run one report of an
  unknown outlet dated that day (many reports on one day about many incidents: the hard case for
  "disputed"), for weeks of the wars in Libya, Syria and Yemen and of Egypt's unrest. A date
  here is the date a sentence mentions, so a weekday in it is read against that date.

The judgements of the findings this prints stay with whoever reads them (the facts issue's
report gives counts per story set); none are kept in the repository.

    python -m benchmarks.facts_audit [--story haiti-week1] [--mentions 15]
        [--labels changed,disputed] [--ecbplus]

Skips (exit 0, a message) when the shared data is absent.
"""

from __future__ import annotations

import argparse
import ast
import csv
import functools
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.engine.documents import ComparisonReport, compare_paths

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PER_STORY = 30
CHUNK = 8
_OUTLETS = (
    ("Reuters", r"\bReuters\b"),
    ("Associated Press", r"\bAssociated Press\b|\(AP\)|\bAP\b -"),
    ("AFP", r"\bAFP\b"),
    ("CNN", r"\bCNN\b"),
    ("BBC", r"\bBBC\b"),
    ("Guardian", r"\bGuardian\b"),
    ("Al Jazeera", r"\bAl Jazeera\b"),
    ("Fox News", r"\bFox News\b"),
    ("Xinhua", r"\bXinhua\b"),
)


@dataclass(frozen=True)
class StorySpec:
    name: str
    corpus: str  # "timeline17", "crisis" or "ecbplus" (topic: the subtopic, no dates)
    topic: str
    first: str
    last: str
    size: int = PER_STORY  # articles (timeline17) or half the reports (crisis) kept


STORIES = (
    StorySpec("haiti-week1", "timeline17", "haiti", "2010-01-13", "2010-01-19"),
    StorySpec("haiti-week2", "timeline17", "haiti", "2010-01-20", "2010-01-26"),
    StorySpec("h1n1-week1", "timeline17", "h1n1", "2009-04-24", "2009-05-01"),
    StorySpec("egypt-protests", "timeline17", "egypt", "2011-01-28", "2011-02-04"),
    StorySpec("h1n1-week2", "timeline17", "h1n1", "2009-05-02", "2009-05-12"),
    StorySpec("egypt-fall", "timeline17", "egypt", "2011-02-05", "2011-02-13"),
    StorySpec("libya-war", "crisis", "libya", "2011-03-15", "2011-03-24"),
    StorySpec("syria-homs", "crisis", "syria", "2012-02-04", "2012-02-12"),
    StorySpec("yemen-crackdown", "crisis", "yemen", "2011-03-15", "2011-03-24"),
    # A second round, larger stories of other weeks (40 articles, 80 reports).
    StorySpec("libya-apr", "crisis", "libya", "2011-04-10", "2011-04-20", 40),
    StorySpec("libya-aug", "crisis", "libya", "2011-08-20", "2011-08-28", 40),
    StorySpec("syria-aug12", "crisis", "syria", "2012-08-01", "2012-08-10", 40),
    StorySpec("yemen-jun", "crisis", "yemen", "2011-06-01", "2011-06-10", 40),
    StorySpec("egypt-crisis", "crisis", "egypt", "2011-01-25", "2011-02-03", 40),
    StorySpec("h1n1-june", "timeline17", "h1n1", "2009-06-01", "2009-06-30", 40),
    StorySpec("haiti-all", "timeline17", "haiti", "2010-01-12", "2010-01-31", 40),
    StorySpec("syria-houla", "crisis", "syria", "2012-05-25", "2012-06-03", 40),
    StorySpec("egypt-coup", "crisis", "egypt", "2013-07-01", "2013-07-10", 40),
    StorySpec("yemen-sep", "crisis", "yemen", "2011-09-15", "2011-09-24", 40),
    StorySpec("libya-benghazi", "crisis", "libya", "2012-09-11", "2012-09-20", 40),
    StorySpec("egypt-jan", "timeline17", "egypt", "2011-01-25", "2011-01-31", 40),
    # A third round (15 windows, chosen by topic and date only, weighted to wars followed over
    # weeks): other months of each Crisis war, a late-May H1N1 week and the 2008 financial crisis.
    StorySpec("libya-may11", "crisis", "libya", "2011-05-10", "2011-05-19", 40),
    StorySpec("libya-jun11", "crisis", "libya", "2011-06-05", "2011-06-14", 40),
    StorySpec("libya-oct11", "crisis", "libya", "2011-10-15", "2011-10-24", 40),
    StorySpec("libya-may13", "crisis", "libya", "2013-05-01", "2013-05-10", 40),
    StorySpec("syria-dec11", "crisis", "syria", "2011-12-20", "2011-12-29", 40),
    StorySpec("syria-mar12", "crisis", "syria", "2012-03-01", "2012-03-10", 40),
    StorySpec("syria-oct12", "crisis", "syria", "2012-10-01", "2012-10-10", 40),
    StorySpec("syria-jan13", "crisis", "syria", "2013-01-10", "2013-01-19", 40),
    StorySpec("syria-may13", "crisis", "syria", "2013-05-01", "2013-05-10", 40),
    StorySpec("yemen-nov11", "crisis", "yemen", "2011-11-15", "2011-11-24", 40),
    StorySpec("yemen-may12", "crisis", "yemen", "2012-05-15", "2012-05-24", 40),
    StorySpec("egypt-nov11", "crisis", "egypt", "2011-11-18", "2011-11-27", 40),
    StorySpec("egypt-dec12", "crisis", "egypt", "2012-12-01", "2012-12-10", 40),
    StorySpec("h1n1-may", "timeline17", "h1n1", "2009-05-13", "2009-05-22", 40),
    StorySpec("finan-oct08", "timeline17", "finan", "2008-10-01", "2008-10-10", 40),
    # A fourth round, read only after the third round's fixes, as their held-out check.
    StorySpec("libya-feb11", "crisis", "libya", "2011-02-16", "2011-02-25", 40),
    StorySpec("syria-jul12", "crisis", "syria", "2012-07-15", "2012-07-24", 40),
    StorySpec("yemen-feb12", "crisis", "yemen", "2012-02-15", "2012-02-24", 40),
    StorySpec("egypt-jun12", "crisis", "egypt", "2012-06-15", "2012-06-24", 40),
)

_DETOK = (
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"\\/"), "/"),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r" ([,.;:!?%])"), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"\$ (?=\d)"), "$"),
    (re.compile(r"(\d) - (\d)"), r"\1-\2"),
    (re.compile(r"(\w) - (\w)"), r"\1-\2"),
)


def detokenise(text: str) -> str:
    """Tokenised text ("Haiti 's 3,000 dead , officials said .") as a page would show it."""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text


# What ECB+'s tokens leave after ``detokenise``: "3: 33 a. m", "1, 400", "5. 9", "(. 538)".
_ECB_DETOK = (
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r" ([)\]])"), r"\1"),
    (re.compile(r"(\d): (\d\d)\b"), r"\1:\2"),  # "3: 33" (detokenise closed "3 :")
    (re.compile(r"(\d)\. (\d)"), r"\1.\2"),  # "5. 9" (a decimal, "5 . 9" in the corpus)
    (re.compile(r"(^|[\s(])\. (\d)"), r"\1.\2"),  # "(. 538)", "a. 357 Magnum"
    (re.compile(r"(\d), (\d{3})\b"), r"\1,\2"),  # "1, 400"
    (re.compile(r"\b([ap])\. m\b\.?", re.IGNORECASE), r"\1.m."),  # "a. m"
    (re.compile(r"\b([A-Z])\. (?=[A-Z]\.)"), r"\1."),  # "U. S."
    (re.compile(r"(\w) / (\w)"), r"\1/\2"),
    (re.compile(r"([£€]) (?=\d)"), r"\1"),
    (re.compile(r"(\w)s ' "), r"\1s' "),  # "victims ' families"
    (re.compile(r" - - "), " -- "),
    (re.compile(r" ([’'])\s?s\b"), r"\1s"),  # "apartment ’ s"
    (re.compile(r"“ "), "“"),
    (re.compile(r" ”"), "”"),
)


def ecb_detokenise(text: str) -> str:
    """ECB+'s tokenised text as the page showed it: ``detokenise`` and the cases it leaves
    ("3: 33 a. m", "1, 400", "5. 9", "(. 538)", "( left )", "victims ' ", "“ We")."""
    text = detokenise(text)
    for pattern, repl in _ECB_DETOK:
        text = pattern.sub(repl, text)
    return text


def outlet_of(text: str, fallback: str) -> str:
    head = text[:400]
    return next((name for name, rx in _OUTLETS if re.search(rx, head)), fallback)


def _spread(rows: list[dict[str, str]], n: int) -> list[dict[str, str]]:
    if len(rows) <= n:
        return rows
    step = len(rows) / n
    return [rows[int(k * step)] for k in range(n)]


_SITE = re.compile(r"https?://(?:www\.|articles\.|edition\.|news\.)?([^/]+)")
_DATE_LINE = re.compile(
    r"^(?:\w+day,? )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}),? (\d{4})"
)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


@functools.cache
def _ecbplus_docs(path: Path) -> tuple[dict[str, str], ...]:
    """The corpus's documents, read once for all of its subtopics."""
    with path.open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())


def ecbplus_subtopics() -> list[str]:
    """The ECB+ subtopics, in the corpus's order."""
    docs = _ecbplus_docs(DATA / "ecbplus" / "ecbplus_docs.jsonl")
    return list(dict.fromkeys(doc["subtopic"] for doc in docs))


def _ecbplus_rows(subtopic: str) -> list[dict[str, str]]:
    rows = []
    for doc in _ecbplus_docs(DATA / "ecbplus" / "ecbplus_docs.jsonl"):
        if doc["subtopic"] != subtopic:
            continue
        lines = ecb_detokenise(doc["text"]).split("\n")
        site = _SITE.match(lines[0].replace(" ", "")) if lines else None
        if site is not None:
            lines = lines[1:]
        row = {"id": doc["doc"], "source": site.group(1) if site else doc["doc"]}
        for head in lines[:4]:
            found = _DATE_LINE.match(head.strip())
            if found is not None:
                month = _MONTHS.index(found.group(1).lower()) + 1
                row["date"] = f"{found.group(3)}-{month:02d}-{int(found.group(2)):02d}"
                break
        row["text"] = "\n".join(lines)
        rows.append(row)
    return rows


def story_rows(spec: StorySpec) -> list[dict[str, str]]:
    """The story's articles as compare's JSONL rows (id, source, date, title, text)."""
    csv.field_size_limit(sys.maxsize)
    if spec.corpus == "ecbplus":
        return _ecbplus_rows(spec.topic)
    if spec.corpus == "timeline17":
        path = DATA / "timeline17" / "articles" / f"{spec.topic}.csv"
        with path.open(encoding="utf-8") as f:
            rows = [
                (k, r)
                for k, r in enumerate(csv.DictReader(f))
                if spec.first <= r["date"] <= spec.last
            ]
        rows = [(k, r) for k, r in rows if 120 <= len(r["text"].split()) <= 2500]
        chosen = _spread([dict(r, row=str(k)) for k, r in rows], spec.size)
        out = []
        for r in chosen:
            text = detokenise(r["text"])
            out.append(
                {
                    "id": f"{spec.topic}-{r['row']}",
                    "source": outlet_of(text, f"site-{r['row']}"),
                    "date": r["date"],
                    "text": text,
                }
            )
        return out
    path = DATA / "crisis" / "time-sent" / f"{spec.topic}.csv"
    with path.open(encoding="utf-8") as f:
        days = [r for r in csv.DictReader(f) if spec.first <= r["time"] <= spec.last]
    out = []
    for r in days:
        sentences = [detokenise(x) for x in ast.literal_eval(r["Sentences"])]
        for k in range(0, len(sentences), CHUNK):
            out.append(
                {
                    "id": f"{spec.topic}-{r['time']}-{k // CHUNK}",
                    "source": f"report-{r['time']}-{k // CHUNK}",
                    "date": r["time"],
                    "text": " ".join(sentences[k : k + CHUNK]),
                }
            )
    return _spread(out, 2 * spec.size)


def run(spec: StorySpec) -> tuple[list[dict[str, str]], ComparisonReport, float]:
    rows = story_rows(spec)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{spec.name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        start = time.perf_counter()
        report = compare_paths([path])
        took = time.perf_counter() - start
    return rows, report, took


def _sentence(report: ComparisonReport, article_id: str, start: int, end: int) -> str:
    article = next(a for a in report.articles if a.id == article_id)
    return " ".join(article.text[start:end].split())[:300]


def lines(spec: StorySpec, *, labels: set[str], mentions: int) -> Iterator[str]:
    rows, report, took = run(spec)
    comparison = report.comparison
    counts = Counter(f.label for f in comparison.findings)
    outlets = len({r["source"] for r in rows})
    yield f"## {spec.name}: {len(rows)} articles, {outlets} outlets, {len(comparison.facts)} facts"
    yield f"findings {dict(sorted(counts.items()))}; compare took {took:.2f} s"
    for n, finding in enumerate(comparison.findings):
        if finding.label not in labels:
            continue
        yield f"\n[{spec.name} #{n}] {finding.label.upper()}: {finding.what}"
        for fact in finding.facts:
            said = f" per {fact.attributed_to}" if fact.attributed_to else ""
            yield (
                f"   {fact.value:g}{'~' if fact.approx else ''} [{fact.text}] {fact.outlet}, "
                f"{fact.when}{said}: {_sentence(report, fact.article_id, fact.start, fact.end)}"
            )
        for claim in finding.claims:  # a contested finding holds sentences, not numbers
            yield (
                f"   {claim.speaker} {claim.verb} ({claim.outlet}, {claim.when}): "
                f"{_sentence(report, claim.article_id, claim.start, claim.end)}"
            )
    sample = random.Random(spec.name).sample(
        list(comparison.facts), min(mentions, len(comparison.facts))
    )
    yield f"\n-- {len(sample)} sampled mentions of {spec.name}"
    for fact in sample:
        yield (
            f"   {fact.kind}: {fact.value:g} [{fact.text}] "
            f"{_sentence(report, fact.article_id, fact.start, fact.end)}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", action="append", help="story names (default: all)")
    parser.add_argument("--mentions", type=int, default=10, help="mentions sampled per story")
    parser.add_argument("--labels", default="agreed,changed,disputed,differs")
    parser.add_argument("--ecbplus", action="store_true", help="ECB+'s subtopics instead")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    stories: tuple[StorySpec, ...] = STORIES
    if args.ecbplus:
        stories = tuple(StorySpec(t, "ecbplus", t, "", "") for t in ecbplus_subtopics())
    specs = [s for s in stories if not args.story or s.name in args.story]
    for spec in specs:
        for line in lines(spec, labels=set(args.labels.split(",")), mentions=args.mentions):
            print(line)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
