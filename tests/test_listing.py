"""The story list a reader scans (engine/listing.py): snippets, single-article stories collapsed,
the "updated since" marker, through the engine, the CLI, the HTTP API and the UI page.

Fixture articles are fictional and written here; the ranking table itself is tested on both
backends in tests/test_store.py."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from storyline import engine
from storyline.cluster.events import lead_line
from storyline.engine.listing import SNIPPET_CHARS, lead_sentence, parse_since, with_snippets
from storyline.models import Article, RawDocument
from storyline.store import Member, Store, StoryUpdate, open_store
from storyline.web import ServerSettings, create_app

LEAD = (
    "Ferry crews on the Harwick crossing walked out on Monday after the operator cut night "
    "shifts without talks, stranding about 900 passengers."
)
FERRY = f"""Passengers wait at Harwick pier. (Photo: Tidewater Post)

{LEAD} The union said the strike would last until Thursday.

Operator Saltmere Lines said it regretted the disruption and offered talks on Wednesday."""

FERRY_OWN_WORDS = """Hundreds of travellers were stuck at Harwick on Monday as ferry staff struck over cuts to night shifts.

The walkout, called by the crews' union, is planned to run until Thursday. Saltmere Lines, which runs the crossing, proposed talks for Wednesday and apologised to passengers."""

ORCHARD = """The Lindell orchard festival opened on Saturday with a record 41 apple varieties on show, the organisers said.

Growers from four valleys brought their fruit to the old market square for the three-day event."""


def docs(*, day: int = 3) -> list[RawDocument]:
    def doc(text: str, title: str, source: str, offset: int = 0) -> RawDocument:
        return RawDocument(
            text=text,
            origin=f"{source}.txt",
            title=title,
            source=source,
            published=date(2026, 4, day + offset),
        )

    return [
        doc(FERRY, "Harwick ferry crews strike over night shifts", "Tidewater Post"),
        doc(FERRY_OWN_WORDS, "Ferry strike strands Harwick travellers", "Coast Radio", 1),
        doc(ORCHARD, "Orchard festival opens in Lindell", "Valley Gazette"),
    ]


def article(key: str, title: str, text: str) -> Article:
    return Article(id=key, text=text, title=title, source="Tidewater Post")


# --- pure functions ----------------------------------------------------------------------------


def test_the_lead_sentence_skips_captions_and_stops_at_the_first_sentence() -> None:
    assert lead_sentence(article("a", "t", FERRY)) == LEAD
    long = "word " * 200 + "end."
    lead = lead_sentence(article("b", "t", long))
    assert len(lead) <= SNIPPET_CHARS and lead.endswith("…")
    assert lead_sentence(article("c", "t", "Short.\nAlso short.")) == ""


def test_the_lead_sentence_drops_a_list_marker() -> None:
    for marker in ("- ", "-- ", "\u2022 "):
        assert lead_sentence(article("a", "t", f"{marker}{LEAD}")) == LEAD, marker


def test_the_snippet_comes_from_the_label_article_or_a_new_storys_first() -> None:
    ferry = article("f", "Harwick ferry crews strike", FERRY)
    orchard = article("o", "Orchard festival opens", ORCHARD)
    members = [Member("o", "s1", "e1"), Member("f", "s1", "e2"), Member("o", "s2", "e3")]

    def update(story_id: str, label: str, size: int) -> StoryUpdate:
        return StoryUpdate(story_id, label, (), None, None, size)

    updates = [
        update("s1", "Harwick ferry crews strike", 5),  # the label's article is in the batch
        update("s2", "Something said long ago", 4),  # an older story: its snippet stays
        update("s3", "New but empty", 1),
    ]
    got = with_snippets(updates, members, [ferry, orchard], new=["s2", "s3"])
    assert [u.snippet for u in got] == [LEAD, lead_sentence(orchard), None]
    got = with_snippets(updates[1:2], members, [ferry, orchard])
    assert got[0].snippet is None


def test_a_shouted_headline_re_cased_as_the_label_still_gives_the_snippet() -> None:
    """The label is the headline re-cased ("HARWICK FERRY ..." -> "Harwick Ferry ...") or cut;
    its article is still the one the snippet comes from, not the story's first article."""
    orchard = article("o", "Orchard festival opens", ORCHARD)
    ferry = article("f", "HARWICK FERRY CREWS STRIKE OVER NIGHT SHIFTS AND PAY", FERRY)
    members = [Member("o", "s1", "e1"), Member("f", "s1", "e1")]
    for label in ("Harwick Ferry Crews Strike Over Night Shifts and Pay", "Harwick Ferry Crews…"):
        update = StoryUpdate("s1", label, (), None, None, 2)
        got = with_snippets([update], members, [orchard, ferry], new=["s1"])
        assert got[0].snippet == LEAD, label


def test_the_snippet_does_not_repeat_a_label_taken_from_the_first_line() -> None:
    """An article without a title is labelled by its first line; the snippet under the label
    is then the next sentence, not the same line again (whole, or as the label cut it)."""
    members = [Member("f", "s1", "e1")]
    second = "The union said the strike would last until Thursday."
    for text in (f"{LEAD}\n\n{second}", f"{LEAD} {second}"):
        ferry = article("f", "", text)
        for label in (lead_line(text), LEAD, LEAD[:60].rsplit(" ", 1)[0] + "…"):
            update = StoryUpdate("s1", label, (), None, None, 1)
            got = with_snippets([update], members, [ferry], new=["s1"])
            assert got[0].snippet == second, (text, label)
    titled = article("t", "Harwick ferry crews strike", f"{LEAD} {second}")
    update = StoryUpdate("s1", "Harwick ferry crews strike", (), None, None, 1)
    assert with_snippets([update], [Member("t", "s1", "e1")], [titled])[0].snippet == LEAD


def test_bad_list_options_say_what_is_expected() -> None:
    with open_store(":memory:") as store:
        with pytest.raises(ValueError, match="min_articles"):
            engine.list_stories(store, min_articles=0)
        with pytest.raises(ValueError, match="sort"):
            engine.list_stories(store, sort="popular")
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_since("last tuesday")
    assert parse_since("2026-04-03") == datetime(2026, 4, 3, tzinfo=timezone.utc)


# --- engine, CLI ------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[Path, Store]]:
    path = tmp_path / "list.db"
    store = open_store(path)
    engine.ingest(docs(), store=store, workers=0)
    yield path, store
    store.close()


def test_single_article_stories_are_collapsed_by_default(db: tuple[Path, Store]) -> None:
    _, store = db
    everything = engine.list_stories(store, min_articles=1)
    default = engine.list_stories(store)
    assert everything.total == default.total + 1
    (orchard,) = [s for s in everything.stories if s.id not in {d.id for d in default.stories}]
    assert orchard.articles + orchard.reprints == 1 and orchard.label.startswith("Orchard")
    ferry = next(s for s in default.stories if "erry" in s.label)
    assert ferry.outlet_count == 2 and ferry.snippet in (LEAD, FERRY_OWN_WORDS.split("\n")[0])


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_stories_command_collapses_marks_and_explains(db: tuple[Path, Store]) -> None:
    path, _ = db
    shown = cli("stories", "--db", str(path))
    assert shown.returncode == 0, shown.stderr
    assert "Orchard" not in shown.stdout and "of 2+ articles" in shown.stdout
    assert "Orchard" in cli("stories", "--db", str(path), "--min-articles", "1").stdout
    past = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    rows = json.loads(
        cli(
            "stories", "--db", str(path), "--json", "--min-articles=1", f"--updated-since={past}"
        ).stdout
    )
    assert len(rows) == 2 and all(r["updated"] for r in rows)
    assert all(r["snippet"] for r in rows)
    future = cli("stories", "--db", str(path), "--json", "--updated-since", "2999-01-01")
    assert not any(r["updated"] for r in json.loads(future.stdout))
    bad = cli("stories", "--db", str(path), "--min-articles", "0")
    assert bad.returncode == 2 and "at least 1" in bad.stderr
    # the count line names the filters; an empty list says which to ease, not "0 of 0 stories"
    one = cli("stories", "--db", str(path), "--min-articles", "1", "--sort", "most-covered")
    assert one.stdout.rstrip().endswith("2 of 2 stories")
    late = cli("stories", "--db", str(path), "--since", "2999-01-01")
    assert late.stdout == (
        "No story of 2+ articles seen since 2999-01-01; try --min-articles 1 or an earlier "
        "--since.\n"
    )
    big = cli("stories", "--db", str(path), "--min-articles", "50")
    assert big.stdout == "No story of 50+ articles; try --min-articles 1.\n"


# --- HTTP API and UI ---------------------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(db=str(tmp_path / "web.db")))) as c:
        yield c


def _post(client: TestClient, raw: list[RawDocument]) -> None:
    body = [
        {"text": d.text, "title": d.title, "source": d.source, "date": str(d.published)}
        for d in raw
    ]
    assert client.post("/api/articles", json=body).status_code == 201


def test_the_api_lists_marks_and_refuses_bad_times(client: TestClient) -> None:
    get = client.get
    _post(client, docs())
    listed = get("/api/stories").json()
    assert listed["total"] == 1 and listed["min_articles"] == 2
    assert listed["stories"][0]["snippet"] and "updated" not in listed["stories"][0]
    assert get("/api/stories", params={"min_articles": 1}).json()["total"] == 2
    marked = get("/api/stories", params={"min_articles": 1, "updated_since": "2000-01-01"})
    assert all(s["updated"] for s in marked.json()["stories"])
    bad = get("/api/stories", params={"updated_since": "yesterday"})
    assert bad.status_code == 400 and "ISO 8601" in bad.text
    assert get("/api/stories", params={"min_articles": 0}).status_code == 422


def test_an_empty_list_page_says_why(client: TestClient) -> None:
    """ "No stories yet" only for an empty store: a filter or a page past the end says so."""
    assert "No stories yet" in client.get("/").text
    _post(client, docs())
    big = client.get("/?min_articles=50").text
    assert "No story has 50 or more articles" in big and "No stories yet" not in big
    past = client.get("/?page=9").text
    assert "Page 9 is past the last page (1)" in past and "No stories yet" not in past
    covered = client.get("/?sort=most-covered&min_articles=1&page=1").text
    assert "← Newer" not in covered  # the previous page of this sort is more covered, not newer


def test_the_list_page_marks_what_changed_since_the_last_visit(client: TestClient) -> None:
    get = client.get
    _post(client, docs())
    first = get("/")
    assert first.status_code == 200 and "Harwick" in first.text and "Orchard" not in first.text
    assert "show single-article stories" in first.text
    assert "Orchard" in get("/?min_articles=1").text
    assert 'class="updated"' not in first.text, "no last visit yet: nothing is marked"
    assert "storyline_last_visit" in first.headers["set-cookie"]
    # The page set the cookie to this visit; a later article changes the ferry story only.
    time.sleep(1.1)  # changed_at has whole seconds
    later = RawDocument(
        text="Ferry crews on the Harwick crossing agreed on Wednesday to end their strike after "
        "Saltmere Lines restored the night shifts, the union said.",
        origin="later.txt",
        title="Harwick ferry strike ends",
        source="Coast Radio",
        published=date(2026, 4, 6),
    )
    _post(client, [later])
    again = get("/")
    assert again.text.count('class="updated"') == 1 and "updated since" in again.text
    assert 'class="updated"' not in get("/").text, "the last visit moved on"
    marked = get("/", params={"updated_since": "2000-01-01"}).text
    assert marked.count('class="updated"') == 1
