"""``storyline ingest / stories / story / cluster-batch`` end to end, and a real SIGKILL mid-ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.synth import generate

from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kessel-dam" / "articles.jsonl"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


def write_synthetic(path: Path, n: int, *, seed: int) -> list[dict[str, str]]:
    rows = [a.to_dict() for a in generate(n, seed=seed)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def test_the_example_is_one_story(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    out = run("ingest", str(EXAMPLE), "--db", db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("6 new, 0 duplicate, 0 already stored, 0 failed")
    listed = run("stories", "--db", db, "--json")
    assert listed.returncode == 0, listed.stderr
    stories = json.loads(listed.stdout)
    assert len(stories) == 1 and stories[0]["articles"] == 6
    assert "Kessel" in stories[0]["label"]
    page = run("story", stories[0]["id"], "--db", db, "--words", "100")
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("# ") and "[^1]:" in page.stdout and "## Outlets" in page.stdout
    data = json.loads(run("story", stories[0]["id"], "--db", db, "--format", "json").stdout)
    assert data["story"]["id"] == stories[0]["id"] and data["summary"]["sentences"]
    again = run("ingest", str(EXAMPLE), "--db", db)
    assert again.stdout.startswith("0 new, 0 duplicate, 6 already stored"), again.stdout
    found = json.loads(run("search", "spillway", "--db", db, "--json").stdout)
    assert found and {h["story"] for h in found} == {stories[0]["id"]}
    assert all(any(p["mark"] for p in h["parts"]) for h in found)
    assert all("[spillway]" not in h["snippet"].lower() for h in found), "marks are not brackets"
    table = run("search", "spillway", "--db", db, "--limit", "1")
    assert table.returncode == 0 and table.stdout.startswith(stories[0]["id"] + "  2025-")
    none = run("search", "zeppelin", "--db", db)
    assert none.returncode == 0 and "nothing stored matches" in none.stderr


def test_database_from_environment_and_since_filter(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    env_run = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "ingest", "-"],
        input=EXAMPLE.read_text("utf-8"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "STORYLINE_DB": str(db), "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
    )
    assert env_run.returncode == 0, env_run.stderr
    assert db.exists()
    assert (
        json.loads(run("stories", "--db", str(db), "--json", "--since", "2030-01-01").stdout) == []
    )
    bad = run("stories", "--db", str(db), "--since", "March")
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_many_stories_with_reprints_and_a_bad_line(tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    rows = write_synthetic(data, 300, seed=2)
    with data.open("a", encoding="utf-8") as fh:
        fh.write('{"title": "no text here"}\n')
    db = str(tmp_path / "s.db")
    out = run("ingest", str(data), "--db", db, "--batch-size", "100")
    assert out.returncode == 1, "one line failed: partial"
    new, dup = (int(out.stdout.split()[k]) for k in (0, 2))
    assert new > 0 and dup > 0 and "1 failed" in out.stdout
    assert "skipped" in out.stderr
    stories = json.loads(run("stories", "--db", db, "--json", "--min-articles", "1").stdout)
    assert len(stories) >= 2
    assert sum(s["articles"] for s in stories) == new
    assert sum(s["reprints"] for s in stories) == dup
    gold_stories = {r["story_id"] for r in rows}
    assert len(stories) <= 3 * len(gold_stories)
    table = run("stories", "--db", db, "--min-articles", "1")
    ids = {s["id"] for s in stories}
    rows = [line for line in table.stdout.splitlines() if line.split(" ", 1)[0] in ids]
    assert table.returncode == 0 and len(rows) == len(stories)
    html = run("story", stories[0]["id"], "--db", db, "--format", "html")
    assert html.returncode == 0 and html.stdout.startswith("<!doctype html>")
    missing = run("story", "s-none", "--db", db)
    assert missing.returncode == 2 and "storyline stories" in missing.stderr


def test_out_of_order_input_is_clustered_again_unless_told_not_to(tmp_path: Path) -> None:
    data = tmp_path / "reversed.jsonl"
    rows = [a.to_dict() for a in generate(200, seed=3)][::-1]  # newest first
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    again = run("ingest", str(data), "--db", str(tmp_path / "a.db"), "--batch-size", "50")
    assert again.returncode == 0 and "clustered again in date order" in again.stdout
    kept = run(
        "ingest", str(data), "--db", str(tmp_path / "b.db"), "--batch-size", "50", "--no-reorder"
    )
    assert kept.returncode == 0 and "clustered again" not in kept.stdout


def test_cluster_batch_maps_every_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    rows = [
        {"id": r["id"], "text": r["text"], "title": r["title"], "date": r["date"]}
        for r in (a.to_dict() for a in generate(120, seed=4))
    ]
    lines = [json.dumps(r) for r in rows] + ["{not json", json.dumps({"id": "x"})]
    docs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out_path = tmp_path / "clusters.jsonl"
    out = run("cluster-batch", "--input", str(docs), "--output", str(out_path))
    assert out.returncode == 1, out.stderr
    assert "invalid JSON" in out.stderr and "needs a non-empty string 'text'" in out.stderr
    got = [json.loads(line) for line in out_path.read_text("utf-8").splitlines()]
    assert [g["id"] for g in got] == [r["id"] for r in rows]
    assert all(g["event"].startswith(g["story"]) for g in got)
    assert 1 < len({g["story"] for g in got}) < len(rows)


def final_state(db: Path) -> dict[str, object]:
    """Every row that an ingest decides (timestamps left out), and the index checkpoints."""
    queries = {
        "articles": "SELECT id, batch, text, removed FROM articles ORDER BY seq",
        "batches": "SELECT id, articles FROM batches ORDER BY id",
        "reprints": "SELECT article, canonical FROM reprints ORDER BY article",
        "stories": "SELECT id, label, keywords, first_seen, last_seen, size, reprints, version "
        "FROM stories ORDER BY id",
        "members": "SELECT article, story, event FROM story_articles ORDER BY article",
        "outlets": "SELECT story, outlet, articles FROM story_outlets ORDER BY story, outlet",
        "states": "SELECT name, batch, state FROM index_state ORDER BY name",
    }
    with sqlite3.connect(db) as con:
        state = {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    con.close()
    return state


def committed_batches(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            value = int(con.execute("SELECT count(*) FROM batches").fetchone()[0])
        con.close()
        return value
    except sqlite3.Error:
        return 0  # not created or not migrated yet


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def _processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = (entry / "stat").read_text()
        except (OSError, UnicodeDecodeError):
            continue
        if text in cmdline and ") Z " not in status:  # zombies are already dead
            found.append(int(entry.name))
    return found


def _wait_until(condition: Callable[[], bool], *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_sigkill_mid_ingest_loses_nothing_committed(tmp_path: Path) -> None:
    data = tmp_path / "big.jsonl"
    write_synthetic(data, 1500, seed=9)
    args = ("ingest", str(data), "--batch-size", "100")
    reference = tmp_path / "whole.db"
    assert run(*args, "--db", str(reference)).returncode == 0

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", *args, "--db", str(killed)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while committed_batches(killed) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    # Its forked prepare worker goes with it (engine/prepare.py), rather than wait forever.
    assert _wait_until(lambda: not _processes_mentioning(str(killed)), seconds=10)

    store = open_store(killed)
    try:
        counts = store.counts()
        assert 4 <= counts.batches < 15
        assert store.check() == [], "no orphan rows, no half-made story"
        assert counts.articles == sum(len(store.batch_articles(b)) for b in range(1, 16))
    finally:
        store.close()
    rerun = run(*args, "--db", str(killed))
    assert rerun.returncode == 0, rerun.stderr
    assert "already stored" in rerun.stdout and not rerun.stdout.startswith("0 new")
    assert final_state(killed) == final_state(reference)


def test_story_report_has_summary_timeline_and_comparison(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    story_dir = Path(__file__).resolve().parents[1] / "examples" / "kessel-dam"
    assert run("ingest", str(story_dir / "articles.jsonl"), "--db", db).returncode == 0
    story = json.loads(run("stories", "--json", "--db", db).stdout)[0]["id"]
    md = run("story", story, "--db", db, "--words", "80")
    assert md.returncode == 0, md.stderr
    for heading in ("## Summary", "## Timeline", "## Where outlets agree and disagree"):
        assert heading in md.stdout
    data = json.loads(run("story", story, "--db", db, "--format", "json").stdout)
    assert data["timeline"]["entries"] and data["facts"]["findings"]


def test_kept_indexes_give_the_same_stories_as_reopening_them(tmp_path: Path) -> None:
    """The server keeps its indexes open between posts and catches up on other writers' batches;
    the stored result must equal the one of writers that reload the indexes every time."""
    from storyline import engine
    from storyline.engine.indexes import open_indexes

    docs = [a.to_raw() for a in generate(240, seed=5)]
    parts = [docs[:80], docs[80:160], docs[160:]]
    member_rows = "SELECT article, story, event FROM story_articles ORDER BY article"

    reopened = open_store(tmp_path / "a.db")
    for part in parts:
        engine.ingest(part, store=reopened, batch_size=40)
    reopened.close()

    kept = open_store(tmp_path / "b.db")
    indexes = open_indexes(kept)
    engine.ingest(parts[0], store=kept, batch_size=40, indexes=indexes, checkpoint_at_end=False)
    engine.ingest(parts[1], store=kept, batch_size=40)  # another writer, fresh indexes
    engine.ingest(parts[2], store=kept, batch_size=40, indexes=indexes, checkpoint_at_end=False)
    assert indexes.batch == kept.last_batch()
    kept.close()

    with sqlite3.connect(tmp_path / "a.db") as a, sqlite3.connect(tmp_path / "b.db") as b:
        assert a.execute(member_rows).fetchall() == b.execute(member_rows).fetchall()
        reprints = "SELECT article, canonical FROM reprints ORDER BY article"
        assert a.execute(reprints).fetchall() == b.execute(reprints).fetchall()
    a.close()
    b.close()


def test_a_pipe_in_a_folder_is_reported_not_waited_for(tmp_path: Path) -> None:
    """A FIFO named like an article used to block ``ingest`` forever; read by name, it is read."""
    folder = tmp_path / "in"
    folder.mkdir()
    rows = write_synthetic(folder / "articles.jsonl", 3, seed=4)
    os.mkfifo(folder / "waiting.txt")
    db = str(tmp_path / "p.db")
    done = run("ingest", str(folder), "--db", db)
    assert done.returncode == 1, done.stderr
    assert f"{folder / 'waiting.txt'}: is a named pipe" in done.stderr
    assert open_store(db).counts().articles == len(rows)
    piped = tmp_path / "piped.txt"
    os.mkfifo(piped)
    reader = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "ingest", str(piped), "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    with open(piped, "w", encoding="utf-8") as pipe:
        pipe.write("Ferry crews strike in Ardmore\n\nFerry crews in Ardmore walked out on Monday ")
        pipe.write("over pay, the union said, stranding hundreds of commuters at the pier.\n")
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0 and "1 new" in out, err


def test_a_lone_surrogate_in_one_line_does_not_sink_the_file(tmp_path: Path) -> None:
    """JSON may spell a lone surrogate ("\\ud800"); one such line made the whole ingest fail
    with "surrogates not allowed" and nothing stored."""
    source = tmp_path / "in.jsonl"
    rows = write_synthetic(source, 4, seed=6)
    bad = json.dumps({"title": "Ferry strike \ud800", "text": rows[0]["text"] + " \udfff More."})
    source.write_text(source.read_text("utf-8") + bad + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    done = run("ingest", str(source), "--db", db)
    assert done.returncode == 0, done.stderr
    store = open_store(db)
    assert store.counts().articles == 5
    store.close()
    titles = [t for (t,) in sqlite3.connect(db).execute("SELECT title FROM articles")]
    assert "Ferry strike \ufffd" in titles, titles
