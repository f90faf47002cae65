"""What is new since a date: the engine function, the CLI forms and the API parameter.

The dam story is the bundled example (fictional, ours); the two reports are the air-campaign
fixture of test_timeline.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storyline.clean import clean_batch
from storyline.engine.updates import split_since, summarize_updates
from storyline.ingest import parse_record
from storyline.models import PARAGRAPH_SEPARATOR, Article, Budget, RawDocument, content_id
from storyline.summarizers.numbers import numbers_in, states_numbers

KESSEL = Path(__file__).resolve().parents[1] / "examples" / "kessel-dam" / "articles.jsonl"


def kessel() -> list[Article]:
    rows = [json.loads(line) for line in KESSEL.read_text(encoding="utf-8").splitlines()]
    raws = [parse_record(row, origin=f"kessel:{i}") for i, row in enumerate(rows)]
    return clean_batch([r for r in raws if isinstance(r, RawDocument)])


def report(index: int, published: str, sentences: list[str]) -> Article:
    text = PARAGRAPH_SEPARATOR.join(sentences)
    return Article(content_id(str(index), text), text, published=date.fromisoformat(published))


EARLIER = report(
    0,
    "2015-10-05",
    [
        "The defence ministry said its jets struck nine militant sites in the northern provinces.",
        "Russia began its air campaign on September 30, saying it would strike only militants.",
    ],
)
LATER = report(
    1,
    "2015-10-12",
    [
        "The defence ministry said its jets struck nine militant sites in the northern provinces.",
        "Bombers flew sixty-four sorties on Sunday, hitting training camps in four provinces.",
        "Aid groups said thousands of families had fled the villages around the river town.",
    ],
)


def test_only_what_later_articles_add_and_cited_to_them() -> None:
    update = summarize_updates([EARLIER], [LATER], budget=Budget(words=100))
    texts = [s.text for s in update.summary.sentences]
    assert texts and not any("nine militant sites" in t for t in texts)  # already known
    assert update.restated >= 1 and update.reason == ""
    for sentence in update.summary.sentences:
        assert {c.article_id for c in sentence.citations} == {LATER.id}


def test_nothing_new_says_so() -> None:
    update = summarize_updates([EARLIER, LATER], [LATER])
    assert not update.summary.sentences and "nothing" in update.reason
    empty = summarize_updates([EARLIER], [], since=date(2016, 1, 1))
    assert not empty.summary.sentences and "2016-01-01" in empty.reason


def test_split_since_counts_undated_articles_as_earlier() -> None:
    undated = Article("u", "An undated report about the campaign and its first week.")
    earlier, later = split_since([EARLIER, LATER, undated], date(2015, 10, 6))
    assert later == (LATER,) and set(earlier) == {EARLIER, undated}


def test_story_example_since_a_date_cites_later_articles_with_their_numbers() -> None:
    articles = kessel()
    earlier, later = split_since(articles, date(2025, 3, 14))
    assert earlier and later
    update = summarize_updates(earlier, later, since=date(2025, 3, 14))
    by_id = {a.id: a for a in articles}
    later_ids = {a.id for a in later}
    assert update.summary.sentences
    for sentence in update.summary.sentences:
        claim = numbers_in(sentence.text)
        for c in sentence.citations:
            assert c.article_id in later_ids
            assert states_numbers(claim, by_id[c.article_id].text[c.start : c.end])


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_summarize_since_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("---\ndate: 2015-10-05\n---\n" + EARLIER.text, encoding="utf-8")
    new.write_text("---\ndate: 2015-10-12\n---\n" + LATER.text, encoding="utf-8")
    done = run_cli("summarize", str(old), "--since-files", str(new))
    assert done.returncode == 0, done.stderr
    assert "What 1 later article adds to 1 earlier one" in done.stdout
    assert "sixty-four sorties" in done.stdout and "nine militant sites" not in done.stdout
    as_json = json.loads(
        run_cli("summarize", str(old), "--since-files", str(new), "--format", "json").stdout
    )
    assert as_json["sentences"] and as_json["restated_left_out"] >= 1


def test_api_story_since(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from storyline.web import ServerSettings, create_app

    with TestClient(create_app(ServerSettings(db=str(tmp_path / "web.db")))) as client:
        posted = client.post(
            "/api/articles",
            content=KESSEL.read_bytes(),
            headers={"content-type": "application/x-ndjson"},
        )
        assert posted.status_code == 201, posted.text
        story = client.get("/api/stories").json()["stories"][0]["id"]
        page = client.get(f"/api/stories/{story}", params={"since": "2025-03-14"}).json()
        new = page["new_since"]
        assert new["since"] == "2025-03-14" and new["sentences"] and page["summary"]
        assert client.get(f"/api/stories/{story}", params={"since": "March"}).status_code == 422
        assert "new_since" not in client.get(f"/api/stories/{story}").json()


def test_cli_story_since(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert run_cli("ingest", str(KESSEL), "--db", db).returncode == 0
    story = json.loads(run_cli("stories", "--db", db, "--json").stdout)[0]["id"]
    done = run_cli("story", story, "--db", db, "--since", "2025-03-14")
    assert done.returncode == 0, done.stderr
    # the page names its story: read or saved apart from the story page, it must say which
    head = f"# What is new since 2025-03-14 in story {story}\n\nStory {story}: Kessel dam"
    assert done.stdout.startswith(head) and "\n\nWhat 2 later articles add to" in done.stdout
    page = run_cli("story", story, "--db", db, "--since", "2025-03-14", "--format", "html")
    assert f"<h1>What is new since 2025-03-14 in story {story}</h1>" in page.stdout
    assert "<p>What 2 later articles add to 4 earlier ones" in page.stdout
    late = run_cli("story", story, "--db", db, "--since", "2030-01-01", "--format", "json")
    assert "2030-01-01" in json.loads(late.stdout)["reason"]
    assert json.loads(late.stdout)["story"]["id"] == story


def test_an_update_names_a_person_in_full_at_their_first_mention() -> None:
    later = report(
        2,
        "2015-10-12",
        [
            "The defence ministry said its jets struck nine militant sites, Colonel Ivan Petrov said.",
            "Petrov said bombers flew sixty-four sorties on Sunday against training camps.",
        ],
    )
    update = summarize_updates([EARLIER], [later], budget=Budget(words=100))
    texts = [s.text for s in update.summary.sentences]
    assert texts == [
        "Ivan Petrov said bombers flew sixty-four sorties on Sunday against training camps."
    ]
