"""Loading a batch run into a real SQLite story store: what ``stories.jsonl`` says is what the store
shows, and loading twice writes nothing the second time."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from storyline import engine
from storyline.cli import main
from storyline.runners import BatchSettings, LocalRunner, run_batch
from storyline.runners.inputs import write_jsonl
from storyline.store import open_store
from test_runners import synthetic_records
from test_store import postgres_schema_url, postgres_url  # noqa: F401 - a session fixture

pytest.importorskip(
    "pyarrow", reason="batch runs need the dask extra: pip install 'storyline[dask]'"
)

SMALL = 150_000  # partition bytes: a few partitions for 300 synthetic articles


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    records = synthetic_records(300, seed=7)
    for record in records[::60]:
        del record["date"]  # undated articles: a window of their own
    write_jsonl(records, folder / "news.jsonl")
    out = folder / "run"
    run_batch(
        [folder / "news.jsonl"],
        output=out,
        runner=LocalRunner(),
        settings=BatchSettings(partition_bytes=SMALL),
    )
    return out


def _stories(run: Path) -> list[dict[str, object]]:
    with open(run / "stories.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_loaded_stories_match_stories_jsonl_and_reload_writes_nothing(
    run: Path, tmp_path: Path
) -> None:
    expected = _stories(run)
    reprints = {
        str(c): list(copies)
        for s in expected
        for c, copies in dict(s["reprints"]).items()  # type: ignore[call-overload]
    }
    store = open_store(tmp_path / "stories.db")
    try:
        first = engine.load_batch(run, store=store, batch_size=100)
        assert first.stories == len(expected) and first.skipped_stories == 0
        assert first.batches > 1  # ~100 articles a transaction, whole stories each
        articles = sum(len(list(s["articles"])) for s in expected)  # type: ignore[call-overload]
        copies = sum(len(c) for c in reprints.values())
        assert first.articles == articles + copies and first.reprints == copies > 0
        counts = store.counts()
        assert (counts.stories, counts.articles, counts.reprints) == (
            len(expected),
            articles + copies,
            copies,
        )
        for s in expected:
            story_id = str(s["story"])
            stored = store.story(story_id)
            assert stored is not None
            assert stored.size == len(list(s["articles"]))  # type: ignore[call-overload]
            assert stored.first_seen is not None or s["first_seen"] is None
            assert [m.article_id for m in store.members(story_id)] == s["articles"]
            assert stored.label  # the clusterer's label of the story
        found = store.reprints(list(reprints))
        assert {c: sorted(r) for c, r in found.items()} == {
            c: sorted(r) for c, r in reprints.items()
        }
        every_reprint = [r for rs in reprints.values() for r in rs]
        story_of = store.story_of(every_reprint)
        canonical_story = {str(c): str(s["story"]) for s in expected for c in s["articles"]}  # type: ignore[attr-defined]
        assert all(story_of[r] == canonical_story[c] for c, rs in reprints.items() for r in rs)
        assert store.check() == []

        again = engine.load_batch(run, store=store, batch_size=100)
        assert (again.stories, again.articles, again.batches) == (0, 0, 0)
        assert again.skipped_stories == len(expected)
        assert store.counts() == counts
    finally:
        store.close()


def test_batch_cli_loads_the_run_so_stories_lists_it(
    run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    plan = json.loads((run / "plan.json").read_text())
    news = plan["partitions"][0]["path"]
    argv = ["batch", news, "--output", str(run), "--no-progress", "--load-db", str(db)]
    argv += ["--partition-mb", str(SMALL / 1e6)]
    assert main(argv) == 0  # the finished run resumes at once, then loads
    assert main(["stories", "--db", str(db), "--json", "--min-articles", "1"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(s["id"] for s in listed) == sorted(str(s["story"]) for s in _stories(run))
    assert main(argv) == 0  # loading again is a no-op
    assert "0 stories, 0 articles" in capsys.readouterr().err


def test_another_run_with_the_same_story_ids_is_refused(run: Path, tmp_path: Path) -> None:
    write_jsonl(synthetic_records(120, seed=8), tmp_path / "other.jsonl")
    other = tmp_path / "other"
    run_batch([tmp_path / "other.jsonl"], output=other, settings=BatchSettings())
    store = open_store(tmp_path / "two.db")
    try:
        engine.load_batch(run, store=store)
        before = store.counts()
        with pytest.raises(ValueError, match="its own database"):
            engine.load_batch(other, store=store)
        assert store.counts() == before  # nothing of the other run was written
    finally:
        store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_ingest_after_a_load_continues_the_loaded_stories(
    run: Path, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    from benchmarks.synth import generate

    from storyline.clean import clean

    if backend == "postgres":
        store = open_store(postgres_schema_url(request.getfixturevalue("postgres_url")))
    else:
        store = open_store(tmp_path / "continued.db")
    try:
        engine.load_batch(run, store=store, batch_size=100)
        state = store.load_state(engine.CLUSTER_STATE)
        assert state is not None and state.batch == store.last_batch()  # nothing to replay
        loaded = {s.id for s in store.stories()}
        later = list(generate(400, seed=7))[300:]  # the same stories, a little later
        gold_loaded = {a.story_id for a in generate(300, seed=7)}
        report = engine.ingest([a.to_raw() for a in later], store=store)
        assert report.new > 0 and report.failed == 0
        stored_id = {a.id: clean(a.to_raw()).id for a in later}
        homes = store.story_of(stored_id.values())
        continuing = [a for a in later if a.story_id in gold_loaded and stored_id[a.id] in homes]
        joined = [a for a in continuing if homes[stored_id[a.id]] in loaded]
        # As many join as when the first 300 were ingested rather than loaded (some later
        # events of a synthetic story move to new places and people: new happenings).
        plain = _joined_after_a_plain_ingest(tmp_path / "plain.db", stored_id)
        assert continuing and len(joined) >= plain - 2 and plain >= 0.5 * len(continuing)
        assert store.check() == []
    finally:
        store.close()


def _joined_after_a_plain_ingest(db: Path, stored_id: dict[str, str]) -> int:
    from benchmarks.synth import generate

    articles = list(generate(400, seed=7))
    with open_store(db) as store:
        engine.ingest([a.to_raw() for a in articles[:300]], store=store)
        first = {s.id for s in store.stories()}
        engine.ingest([a.to_raw() for a in articles[300:]], store=store)
        gold_first = {a.story_id for a in articles[:300]}
        homes = store.story_of(stored_id.values())
        return sum(
            1
            for a in articles[300:]
            if a.story_id in gold_first and homes.get(stored_id[a.id]) in first
        )


def test_stories_made_after_a_load_never_reuse_an_older_story_id(run: Path, tmp_path: Path) -> None:
    """An ingest months before the run leaves stories the load does not adopt (too old to join);
    the index seeded by the load must still number its new stories past them."""
    from benchmarks.synth import generate

    store = open_store(tmp_path / "mixed.db")
    try:
        early = [a.to_raw() for a in generate(40, seed=11)]
        early = [replace(raw, published=date(2023, 6, 1)) for raw in early]
        engine.ingest(early, store=store)
        before = {s.id: [m.article_id for m in store.members(s.id)] for s in store.stories()}
        engine.load_batch(run, store=store, batch_size=100)
        later = [a.to_raw() for a in generate(60, seed=12)]
        report = engine.ingest(later, store=store)
        assert report.new > 0
        for story_id, members in before.items():  # the early stories are untouched
            assert [m.article_id for m in store.members(story_id)] == members
        assert store.check() == []
    finally:
        store.close()
