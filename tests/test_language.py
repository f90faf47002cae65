"""Language detection: offline, stored with each article, and said on the story when not English."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from storyline import engine
from storyline.engine.languages import story_languages
from storyline.language import UNKNOWN, detect_language
from storyline.models import RawDocument
from storyline.store import open_store
from storyline.views.build import language_note

GERMAN = (
    "Der Stadtrat von Kessel hat am Dienstag beschlossen, den nördlichen Wellenbrecher neu zu "
    "bauen. Nach zwei stürmischen Wintern ist die äußere Mauer auf fast ganzer Länge gerissen. "
    "Die Ingenieure rechnen mit drei Sommern Bauzeit und Kosten von etwa vierzig Millionen Kronen."
)
ENGLISH = (
    "The harbour board in Kessel voted on Tuesday to rebuild the northern breakwater after two "
    "winters of storm damage left the outer wall cracked along most of its length."
)


def test_languages_are_told_apart_and_short_text_is_left_undetermined() -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"
    assert (
        detect_language("Le conseil municipal a voté mardi la reconstruction de la digue.") == "fr"
    )
    assert detect_language("OK") == UNKNOWN


def test_a_page_read_past_its_dateline_and_tokenised_text_are_english() -> None:
    """The detector is given the sample, not its default 80 characters (a dateline and an update
    stamp say nothing), and a space before punctuation ("Kessel , Valdria") is read without it."""
    head = (
        "[ Update 2:25 p.m. Kessel , 7:25 a.m. ET ] -- KESSEL , Valdria ( NWP ) -- 11.03.2025 -- "
    )
    stamped = head + ENGLISH.replace(",", " ,").replace(".", " .")
    assert detect_language(stamped) == "en"  # "und" when only the first 80 characters are read


def test_the_model_loads_with_the_network_blocked(tmp_path: Path) -> None:
    """In a fresh process whose sockets all fail and whose caches are empty, detection works:
    the model ships in the package and nothing is downloaded."""
    script = textwrap.dedent(
        f"""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from storyline.language import detect_language
        print(detect_language({GERMAN!r}))
        """
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(sys.path),
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "FTLANG_CACHE": str(tmp_path / "ftlang"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "de"


def test_ingest_stores_each_articles_language_and_the_story_says_what_is_english_only(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "lang.db")
    docs = [
        RawDocument(text=GERMAN, origin="de.txt", title="Wellenbrecher", source="Kurier"),
        RawDocument(text=ENGLISH, origin="en.txt", title="Breakwater", source="Gazette"),
    ]
    engine.ingest(docs, store=store, workers=0)
    stories = store.stories()
    languages: dict[str, int] = {}
    for story in stories:
        for lang, n in story_languages(store, story.id).items():
            languages[lang] = languages.get(lang, 0) + n
    assert languages == {"de": 1, "en": 1}
    german = next(s for s in stories if story_languages(store, s.id).get("de"))
    note = language_note(story_languages(store, german.id))
    assert note is not None and "in de" in note and "timeline dates" in note
    assert language_note({"en": 3}) is None
    # every renderer says it, not only the web page: the CLI's Markdown and JSON too
    from storyline import views

    page = engine.story(store, german.id)
    assert page.language_note == note
    assert f"_{views.markdown.md(note)}_" in views.render(page, "md")
    assert '"language_note"' in views.render(page, "json")
    english = next(s for s in stories if s.id != german.id)
    assert engine.story(store, english.id).language_note is None
    store.close()


def test_an_article_of_no_telling_language_is_not_said_to_be_foreign() -> None:
    """The detector's "und" (undetermined) is not another language: the note says so plainly."""
    note = language_note({"en": 24, "und": 1})
    assert note is not None and note.startswith("1 of 25 articles is in a language storyline")
    assert "not in English" not in note and "und" not in note.split(".")[0]
    both = language_note({"en": 5, "de": 2, "und": 1})
    assert both is not None and both.startswith("2 of 8 articles are not in English (2 in de).")
    assert "1 of 8 articles is in a language storyline could not tell." in both


def test_the_api_says_which_parts_are_english_only(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from storyline.web import ServerSettings, create_app

    with TestClient(create_app(ServerSettings(db=str(tmp_path / "w.db")))) as api:
        posted = api.post("/api/articles", json=[{"text": GERMAN, "title": "Wellenbrecher"}])
        assert posted.status_code == 201
        story = api.get("/api/stories?min_articles=1").json()["stories"][0]["id"]
        body = api.get(f"/api/stories/{story}/languages").json()
        assert body["languages"] == {"de": 1} and "English-only" in body["note"]
        assert api.get("/api/stories/nope/languages").status_code == 404


STORM_EN = (
    "A storm tore through the port of Kiel overnight into Monday and badly damaged the breakwater, "
    "the city administration said. Several boats in the harbour were torn from their moorings and "
    "pushed against the quay wall. Firefighters worked until the morning and no one was hurt. "
    "Repairs to the breakwater are expected to take several months, the Kiel harbour office said."
)
STORM_DE = (
    "Ein Sturm hat in der Nacht zum Montag den Wellenbrecher im Hafen von Kiel schwer beschädigt, "
    "teilte die Stadtverwaltung mit. Mehrere Boote im Hafen wurden losgerissen und gegen die "
    "Kaimauer gedrückt. Die Feuerwehr war bis zum Morgen im Einsatz, verletzt wurde niemand. "
    "Die Reparatur des Wellenbrechers wird nach Angaben des Kieler Hafenamts Monate dauern."
)
STORM_DE_2 = (
    "Nach dem schweren Sturm im Kieler Hafen hat die Stadtverwaltung am Montag erste Schäden am "
    "Wellenbrecher begutachtet. Mehrere losgerissene Boote lagen an der Kaimauer, die Feuerwehr "
    "sicherte den Hafen bis zum Morgen. Verletzt wurde niemand. Das Hafenamt in Kiel rechnet mit "
    "einer Reparatur des Wellenbrechers, die mehrere Monate dauern wird."
)


DAY = date(2026, 2, 2)


def test_articles_are_grouped_only_with_their_own_language(tmp_path: Path) -> None:
    """The same storm told in English and twice in German: two stories, one per language, though
    the English and German reports share names (Kiel) and the day."""
    from storyline.features import ClusterDoc, feature_language

    assert feature_language(ClusterDoc("a", STORM_EN)) is None
    assert feature_language(ClusterDoc("b", STORM_DE)) == "de"
    assert feature_language(ClusterDoc("c", "Kiel storm damage")) is None, "short: English space"
    docs = [
        RawDocument(
            text=STORM_EN,
            title="Storm damages Kiel breakwater",
            source="Coast News",
            origin="test",
            published=DAY,
        ),
        RawDocument(
            text=STORM_EN.replace("badly", "heavily"),
            title="Kiel breakwater hit by storm",
            source="Baltic Times",
            origin="test",
            published=DAY,
        ),
        RawDocument(
            text=STORM_DE,
            title="Sturm beschädigt Kieler Wellenbrecher",
            source="Kieler Blatt",
            origin="test",
            published=DAY,
        ),
        RawDocument(
            text=STORM_DE_2,
            title="Schäden am Wellenbrecher in Kiel",
            source="Nordzeitung",
            origin="test",
            published=DAY,
        ),
    ]
    store = open_store(tmp_path / "s.db")
    try:
        engine.ingest(docs, store=store)
        story_of = {
            a.source: s.id
            for s in store.stories()
            for a in store.articles([m.article_id for m in store.members(s.id)])
        }
    finally:
        store.close()
    assert story_of["Kieler Blatt"] == story_of["Nordzeitung"], story_of
    # the two English reports are one text copy-edited: one is the other's reprint (the fuller
    # is canonical), and the story holds whichever is
    english = {story_of[s] for s in ("Coast News", "Baltic Times") if s in story_of}
    assert english and story_of["Kieler Blatt"] not in english, story_of
