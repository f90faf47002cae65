"""Issue 17.2: ingesting one corpus in date order, reversed or shuffled stores the same reprint
groups, and a backfill of old archives into a store that holds newer articles finds the copies it
finds in an empty store. Real SQLite stores through ``engine.ingest``; the corpus is synthetic
(``benchmarks/synth.py``) and spans months, so the 30-day dedup window matters."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from benchmarks.synth import SynthArticle, SynthConfig, generate

from storyline import engine
from storyline.dedup import DedupSettings
from storyline.engine.indexes import open_indexes
from storyline.models import RawDocument
from storyline.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
N = 2000
# Small batches and a small in-memory horizon, so that 2,000 articles exercise what 20,000 in
# batches of 1,000 do: days let go in the middle of a batch, and re-read from the store.
BATCH = 200
TIGHT = DedupSettings(horizon=128)


@pytest.fixture(scope="module")
def corpus() -> list[SynthArticle]:
    articles = list(generate(N, seed=7, config=SynthConfig(stories_per_block=4)))
    assert (articles[-1].published - articles[0].published).days > 120
    return articles


def _ingest(
    path: Path, articles: Sequence[SynthArticle], *, first: RawDocument | None = None
) -> Store:
    store = open_store(path)
    if first is not None:
        engine.ingest([first], store=store, workers=0)
    report = engine.ingest(
        [a.to_raw() for a in articles],
        store=store,
        workers=0,
        batch_size=BATCH,
        dedup_settings=TIGHT,
    )
    # Exact re-posts have the same content id as their source: stored once.
    assert report.failed == 0
    assert report.new + report.duplicates + report.already_stored == len(articles)
    return store


def _ids(store: Store) -> list[str]:
    """Every stored article id (content hashes: the same whatever the order of ingest)."""
    return [a.id for n in range(1, store.last_batch() + 1) for a in store.batch_articles(n)]


def reprint_groups(store: Store) -> set[frozenset[str]]:
    """Every article with its copies, as sets of ids (which copy is canonical may differ: the
    first one ingested)."""
    ids = _ids(store)
    canonical = store.canonical(ids)
    groups: dict[str, set[str]] = {}
    for article_id in ids:
        groups.setdefault(canonical.get(article_id, article_id), set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def story_groups(store: Store) -> set[frozenset[str]]:
    """Every story's articles, reprints included, as sets of ids."""
    groups: dict[str, set[str]] = {}
    for article_id, story in store.story_of(_ids(store)).items():
        groups.setdefault(story, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def stores(
    corpus: list[SynthArticle], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Store]]:
    folder = tmp_path_factory.mktemp("order")
    shuffled = corpus[:]
    random.Random(3).shuffle(shuffled)
    opened = {
        "ordered": _ingest(folder / "ordered.db", corpus),
        "sorted": _ingest(folder / "sorted.db", sorted(corpus, key=lambda a: a.published)),
        "reversed": _ingest(folder / "reversed.db", corpus[::-1]),
        "shuffled": _ingest(folder / "shuffled.db", shuffled),
    }
    yield opened
    for store in opened.values():
        store.close()


def test_reprint_groups_do_not_depend_on_the_order(stores: dict[str, Store]) -> None:
    ordered = reprint_groups(stores["ordered"])
    copies = sum(len(g) - 1 for g in ordered)
    assert copies > 500  # the corpus has plenty of wire copies
    assert reprint_groups(stores["reversed"]) == ordered
    assert reprint_groups(stores["shuffled"]) == ordered
    assert reprint_groups(stores["sorted"]) == ordered
    for store in stores.values():
        assert store.counts().reprints == copies
        assert store.check() == []


_AGENCY = [
    "The harbour authority of the fictional port of Wrenmouth said on Thursday that it would "
    "close the northern breakwater for repairs until the end of the autumn season.",
    "Engineers found cracks in three of the concrete blocks that shelter the inner basin after "
    "a storm in the first week of the month, the authority said in a statement.",
    "Fishing crews who moor along the breakwater will be moved to temporary berths in the old "
    "coal dock, which was dredged last year for the new ferry service to the islands.",
    "The repairs are expected to cost about four million crowns and will be paid from a fund "
    "the town council set aside after the floods that damaged the promenade two winters ago.",
    "Ferry timetables will not change, although passengers should expect short delays while "
    "cranes work near the harbour mouth during the first two weeks of the project.",
    "A spokeswoman for the fishermen's cooperative said members welcomed the repairs but "
    "wanted the authority to publish a firm date for the reopening of the northern berths.",
    "The breakwater was built in the eighteen nineties and was last repaired in full more "
    "than forty years ago, according to records kept by the town's maritime museum.",
]


def test_a_days_fullest_copy_is_canonical_whichever_arrives_first(tmp_path: Path) -> None:
    """A short, copy-edited copy of the day's agency text joins it in either order, and the
    copy the story shows is the full text, not the one whose id happens to sort first."""
    full = "\n\n".join(_AGENCY)
    short = "\n\n".join(
        [_AGENCY[0].replace("said on Thursday", "announced on Thursday"), *_AGENCY[1:3]]
    )
    day = date(2026, 9, 17)
    docs = [
        RawDocument(full, "wire.txt", title="Breakwater shut", source="Wire", published=day),
        RawDocument(short, "herald.txt", title="Pier work", source="Herald", published=day),
    ]
    for name, order in (("first", docs), ("last", docs[::-1])):
        with open_store(tmp_path / f"{name}.db") as store:
            engine.ingest(order, store=store, workers=0)
            articles = store.batch_articles(1)
            fullest = max(articles, key=lambda a: len(a.text))
            assert len(articles) == 2
            assert min(a.id for a in articles) != fullest.id  # the short copy's id sorts first
            assert store.canonical(a.id for a in articles) == {
                a.id: fullest.id for a in articles if a.id != fullest.id
            }


def test_a_backfill_beside_a_newer_article_finds_the_same_copies(
    corpus: list[SynthArticle], stores: dict[str, Store], tmp_path: Path
) -> None:
    """The issue's case: one article dated long after the corpus, then the corpus."""
    newer = RawDocument(
        text="Harbour pilots in a distant town voted on Monday to accept a new shift pattern "
        "after talks that lasted most of the spring, their union said in a statement.",
        origin="newer.txt",
        title="Pilots accept shifts",
        source="Distant Courier",
        published=date(2031, 5, 18),
    )
    store = _ingest(tmp_path / "backfill.db", corpus, first=newer)
    try:
        alone = frozenset({store.batch_articles(1)[0].id})
        groups = reprint_groups(store)
        assert alone in groups
        assert groups - {alone} == reprint_groups(stores["ordered"])
    finally:
        store.close()


def test_stories_do_not_depend_on_the_order(stores: dict[str, Store]) -> None:
    """In any order, date order included (no re-run: its batches hold whole days, as the
    re-run's do), the same stories."""
    ordered = story_groups(stores["ordered"])
    assert story_groups(stores["sorted"]) == ordered
    assert story_groups(stores["reversed"]) == ordered
    assert story_groups(stores["shuffled"]) == ordered


def test_a_straggler_meets_the_copies_the_index_let_go(
    corpus: list[SynthArticle], tmp_path: Path
) -> None:
    """The dedup index keeps only dates near recent additions in memory; an article dated long
    before them has those days' articles re-read from the store, so it is still found to be a
    copy, after a restart too."""
    groups: dict[str, int] = {}
    for a in corpus:
        groups[a.wire_group] = groups.get(a.wire_group, 0) + 1
    straggler = next(a for a in corpus[:300] if a.kind == "reprint" and groups[a.wire_group] > 2)
    rest = [a for a in corpus if a.id != straggler.id]
    with open_store(tmp_path / "straggler.db") as store:
        engine.ingest(
            [a.to_raw() for a in rest],
            store=store,
            workers=0,
            batch_size=100,
            dedup_settings=DedupSettings(horizon=64),
        )
        indexes = open_indexes(store)
        assert straggler.published is not None
        assert indexes.dedup.missing([straggler.published.toordinal()]), "the days were let go"
        report = engine.ingest([straggler.to_raw()], store=store, workers=0)
        assert report.duplicates == 1
        assert store.check() == []


def test_an_input_in_date_order_is_not_clustered_again(
    corpus: list[SynthArticle], tmp_path: Path
) -> None:
    """Issue 17.2 changes nothing for an input whose batches come in date order: no re-run, the
    very stories the batches made (the synthetic corpus is only roughly in date order: sorted
    here), and the watch of the call is cleared at its end."""
    dated = sorted(corpus, key=lambda a: a.published)
    runs = {}
    for reorder in (False, True):
        with open_store(tmp_path / f"{reorder}.db") as store:
            report = engine.ingest(
                [a.to_raw() for a in dated],
                store=store,
                workers=0,
                batch_size=BATCH,
                dedup_settings=TIGHT,
                reorder=reorder,
            )
            assert report.reclustered == 0
            runs[reorder] = (story_groups(store), {s.id: s.size for s in store.stories()})
            watch = store.load_state("order")
            assert (watch is None) if not reorder else (watch is not None and watch.blob == b"")
    assert runs[True] == runs[False]


def test_a_story_the_rerun_leaves_whole_keeps_its_id(
    corpus: list[SynthArticle], stores: dict[str, Store], tmp_path: Path
) -> None:
    """The date-order re-run hands each story the id of the stored story it mostly is: a story
    it makes of the very articles the batches had put together keeps their story's id."""
    with open_store(tmp_path / "arrival.db") as arrival:
        engine.ingest(
            [a.to_raw() for a in corpus],
            store=arrival,
            workers=0,
            batch_size=BATCH,
            dedup_settings=TIGHT,
            reorder=False,
        )
        before = arrival.story_of(_ids(arrival))
    after = stores["ordered"].story_of(_ids(stores["ordered"]))
    assert before.keys() == after.keys()
    members_before: dict[str, set[str]] = {}
    members_after: dict[str, set[str]] = {}
    for article_id in before:
        members_before.setdefault(before[article_id], set()).add(article_id)
        members_after.setdefault(after[article_id], set()).add(article_id)
    same = [s for s, m in members_before.items() if members_after.get(after[next(iter(m))]) == m]
    assert len(same) > len(members_before) // 2, "the re-run changed most stories"
    assert all(after[next(iter(members_before[s]))] == s for s in same)
    assert stores["ordered"].check() == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=600,
    )


def _rows(db: Path) -> dict[str, list[object]]:
    """What ingest decides about stories, and the index checkpoints (timestamps left out)."""
    queries = {
        "stories": "SELECT id, label, keywords, first_seen, last_seen, size, reprints, version "
        "FROM stories ORDER BY id",
        "members": "SELECT article, story, event FROM story_articles ORDER BY article",
        "outlets": "SELECT story, outlet, articles FROM story_outlets ORDER BY story, outlet",
        "list": "SELECT story, label, snippet, articles, reprints, version FROM story_list "
        "ORDER BY story",
        "states": "SELECT name, batch, state FROM index_state ORDER BY name",
    }
    with sqlite3.connect(db) as con:
        rows = {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    con.close()
    return rows


def _watching(db: Path) -> tuple[int, bool]:
    """Committed batches, and whether the ingest call's watch is still open (not settled)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            batches = int(con.execute("SELECT count(*) FROM batches").fetchone()[0])
            row = con.execute("SELECT length(state) FROM index_state WHERE name = 'order'")
            found = row.fetchone()
        con.close()
        return batches, bool(found and found[0])
    except sqlite3.Error:
        return 0, False


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_during_the_rerun_keeps_the_store_sound_and_the_next_call_finishes_it(
    tmp_path: Path,
) -> None:
    articles = list(generate(3000, seed=9))
    random.Random(5).shuffle(articles)
    data = tmp_path / "shuffled.jsonl"
    data.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    args = ("ingest", str(data), "--batch-size", "100")
    reference = tmp_path / "whole.db"
    assert _cli(*args, "--db", str(reference)).returncode == 0
    batches = _watching(reference)[0]

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", *args, "--db", str(killed)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while _watching(killed)[0] < batches and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert _watching(killed) == (batches, True), "killed after its batches, before the re-run"
    with open_store(killed) as store:
        assert store.check() == [], "the stories the batches made, whole"
        assert len(store.story_of(_ids(store))) == store.counts().articles
    again = _cli(*args, "--db", str(killed))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("0 new"), again.stdout
    assert _rows(killed) == _rows(reference)
