"""RSS and Atom feeds (ingest/feeds.py): one document per item with its metadata, HTML reduced to
text, malformed and hostile feeds handled item by item. The feeds under fixtures/feeds are ours."""

from __future__ import annotations

import io
import json
import logging
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.cli import main
from storyline.ingest import format_for, read_file, read_paths, read_stdin, sniff_format
from storyline.ingest.feeds import fragment_text, parse_feed
from storyline.models import RawDocument, ReadError
from storyline.store import open_store
from test_ingest import _write

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"


def _items(name: str) -> list[RawDocument | ReadError]:
    return list(read_file(FEEDS / name))


def test_rss_items_carry_title_link_date_author_outlet_and_full_content() -> None:
    first, second, empty = _items("valdria-herald.rss")
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.title == "Kessel Dam spillway damaged as rain keeps falling"
    assert first.url == "https://valdriaherald.example/news/kessel-dam-spillway-damaged"
    assert first.published == date(2025, 3, 12)
    assert first.byline == "Mira Olsen"
    # the feed is "The Valdria Herald &#8211; News" (ISO-8859-1): decoded, then the outlet is the
    # part before the dash, as its pages name it
    assert first.source == "The Valdria Herald"
    assert first.doc_key == "vh-2025-0312-kessel"  # the guid
    assert first.origin.endswith("valdria-herald.rss#1")
    # content:encoded wins over the one-line description; its paragraphs are kept.
    paragraphs = first.text.split("\n\n")
    assert paragraphs[0].startswith("Engineers have found damage to the spillway")
    assert "café district" in paragraphs[1] and "“hour by hour”" in paragraphs[1]
    # An escaped-HTML description is text too; an item with no text is an error of its own.
    assert second.text.startswith("The weather service issued an amber warning")
    assert isinstance(empty, ReadError) and empty.origin.endswith("#3")
    assert "no text" in empty.problem


def test_markup_and_scripts_never_reach_the_text() -> None:
    for item in _items("valdria-herald.rss")[:2]:
        assert isinstance(item, RawDocument)
        for marker in ("<", "script", "document.cookie", "onerror", "evil.example"):
            assert marker not in item.text


def test_atom_entries_and_aggregator_sources() -> None:
    (entry,) = _items("coastline-daily.atom")
    assert isinstance(entry, RawDocument)
    assert (entry.source, entry.byline, entry.published) == (
        "Coastline Daily",
        "Jonas Brek",
        date(2025, 3, 13),  # published, not the later update
    )
    assert entry.text.count("\n\n") == 1 and "Tolvey and Hallin" in entry.text
    assert entry.url == "https://coastlinedaily.example/world/kessel-dam-collapse-17-dead-ardmore"
    first = _items("aggregator.rss")[0]
    assert isinstance(first, RawDocument)
    assert first.source == "Radio Meridian"  # the item's <source>, not the digest's title


def test_a_truncated_feed_keeps_the_items_before_the_break(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        items = _items("aggregator.rss")
    assert isinstance(items[0], RawDocument)
    assert all(isinstance(i, ReadError) for i in items[1:])
    assert "malformed feed" in caplog.text


def test_feeds_that_give_nothing_say_why(tmp_path: Path) -> None:
    (sitemap,) = _items("sitemap.xml")
    assert isinstance(sitemap, ReadError) and "not an RSS or Atom feed" in sitemap.problem
    (broken,) = list(read_file(_write(tmp_path, "cut.rss", "<rss><channel><item><title>x</ti")))
    assert isinstance(broken, ReadError) and "cut.rss" in broken.origin
    (binary,) = list(read_file(_write(tmp_path, "blob.rss", b"\x00\x01\x02binary")))
    assert isinstance(binary, ReadError) and "binary" in binary.problem


def test_entities_are_never_fetched_nor_expanded() -> None:
    (item,) = _items("entity.rss")
    assert isinstance(item, RawDocument)
    assert "root:" not in item.text  # /etc/passwd
    assert "lollol" not in item.text  # no entity expansion (billion laughs)


def test_feed_names_and_sniffing() -> None:
    assert {format_for(Path(n)) for n in ("a.rss", "b.atom", "c.xml")} == {"feed"}
    assert sniff_format('<?xml version="1.0"?>\n<rss version="2.0">') == "feed"
    assert sniff_format("<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff_format("<html><body>x</body></html>") == "html"
    piped = (FEEDS / "coastline-daily.atom").read_bytes()
    (doc,) = list(read_stdin(stream=io.BytesIO(piped)))
    assert isinstance(doc, RawDocument) and doc.origin == "<stdin>#1"


def test_fragment_text_breaks_blocks_and_skips_scripts() -> None:
    html = "<p>One &amp; two.</p><script>x()</script><ul><li>Three</li><li>Four</li></ul>Five"
    assert fragment_text(html) == "One & two.\n\nThree\n\nFour\n\nFive"


def test_feeds_in_a_folder_become_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = list(read_paths([FEEDS]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == 5
    db = tmp_path / "feeds.db"
    assert main(["ingest", str(FEEDS), "--db", str(db)]) == 1  # stored, some items skipped
    err = capsys.readouterr().err
    assert "sitemap.xml: is XML but not an RSS or Atom feed" in err
    with open_store(db) as store:
        assert store.counts().articles == 5
    assert main(["stories", "--db", str(db), "--json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    dam = max(stories, key=lambda s: s["articles"])
    assert dam["articles"] >= 3  # the dam items of three outlets are one story
    assert {"Coastline Daily", "Radio Meridian"} <= set(dam["outlets"])


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: f"<rss><channel><item>{t}</item></channel></rss>"),
        st.text(max_size=400).map(lambda t: f"<feed><entry><content>{t}"),
    )
)
def test_any_bytes_give_documents_or_errors_never_an_exception(data: bytes | str) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    for item in parse_feed(raw, origin="fuzz.rss"):
        assert isinstance(item, (RawDocument, ReadError))
        assert item.origin.startswith("fuzz.rss")
        if isinstance(item, RawDocument):
            assert item.text.strip()
