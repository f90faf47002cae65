"""The bundled example story: cleaning removes exactly the noise planted in it, and nothing else.

``tests/fixtures/kessel-dam-noise.json`` lists, per file, every paragraph (or dateline lead) planted as noise.
The .txt files, ``articles.jsonl`` and the HTML page must agree with each other.
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storyline.clean import clean, clean_batch
from storyline.models import Article, RawDocument

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "kessel-dam"
TEXT = STORY / "text"
NOISE: dict[str, list[dict[str, str]]] = json.loads(
    (ROOT / "tests" / "fixtures" / "kessel-dam-noise.json").read_text("utf-8")
)
ROWS = [json.loads(line) for line in (STORY / "articles.jsonl").read_text("utf-8").splitlines()]


def read_txt(path: Path) -> RawDocument:
    """The plain-text format: headline, a blank line, then paragraphs separated by blank lines.

    A local helper so this test does not depend on the ingest readers being written alongside.
    """
    title, _, body = path.read_text("utf-8").partition("\n\n")
    return RawDocument(text=body.strip("\n"), origin=path.name, title=title.strip())


def from_jsonl(row: dict[str, str]) -> RawDocument:
    return RawDocument(
        text=row["text"],
        origin=f"{row['id']}.txt",
        title=row["title"],
        source=row["source"],
        url=row["url"],
        doc_key=row["id"],
    )


def planted(article: Article) -> Counter[tuple[str, str]]:
    assert article.origin is not None
    return Counter((n["kind"], n["text"]) for n in NOISE[article.origin])


def got(article: Article) -> Counter[tuple[str, str]]:
    return Counter((r.kind, r.text) for r in article.removed)


def test_txt_files_and_jsonl_agree() -> None:
    assert sorted(p.name for p in TEXT.glob("*.txt")) == sorted(f"{r['id']}.txt" for r in ROWS)
    assert sorted(NOISE) == sorted(f"{r['id']}.txt" for r in ROWS)
    for row in ROWS:
        raw = read_txt(TEXT / f"{row['id']}.txt")
        assert (raw.title, raw.text) == (row["title"], row["text"])
        assert set(row) == {"id", "title", "source", "date", "url", "text"}
        assert 250 <= len(row["text"].split()) <= 600


def test_noise_is_really_in_the_articles() -> None:
    for row in ROWS:
        for item in NOISE[f"{row['id']}.txt"]:
            assert item["text"] in row["text"], item


@pytest.mark.parametrize("with_sources", [True, False], ids=["jsonl", "txt"])
def test_clean_batch_removes_all_planted_noise_and_nothing_else(with_sources: bool) -> None:
    if with_sources:
        docs = [from_jsonl(row) for row in ROWS]
    else:  # the bare folder: no source, so the recurring footer is learned across the whole folder
        docs = [read_txt(TEXT / f"{row['id']}.txt") for row in ROWS]
    for article in clean_batch(docs):
        assert got(article) == planted(article), article.origin
        for removal in article.removed:
            assert removal.text not in article.text or removal.kind in {
                "duplicate",
                "near-duplicate",
            }


def test_datelines_become_metadata() -> None:
    datelines = {a.origin: a.dateline for a in clean_batch([from_jsonl(r) for r in ROWS])}
    assert datelines["01-northwind-2025-03-11.txt"] == "ARDMORE, Valdria (Northwind)"
    assert datelines["04-coastline-2025-03-13.txt"] == "Ardmore"
    assert sum(d is not None for d in datelines.values()) == 2


def test_the_outlet_footer_needs_the_batch() -> None:
    """clean() alone cannot know a line recurs; clean_batch() learns it from the Herald's pages."""
    herald = [from_jsonl(r) for r in ROWS if r["source"] == "The Valdria Herald"]
    assert len(herald) == 3
    alone = clean(herald[0])
    footer = NOISE[herald[0].origin][-1]["text"]
    assert footer in alone.text
    assert footer not in clean_batch(herald)[0].text


def test_the_story_carries_what_later_stages_need() -> None:
    """Changing numbers, a conflicting toll on one day, a misspelt place: present after cleaning."""
    by_id = {a.doc_key: a.text for a in clean_batch([from_jsonl(r) for r in ROWS])}
    same_day = [r for r in ROWS if r["date"] == "2025-03-13"]
    assert {r["source"] for r in same_day} == {"Radio Meridian", "Coastline Daily"}
    assert "At least 11 people were killed" in by_id["03-meridian-2025-03-13"]
    assert "At least 17 people have died" in by_id["04-coastline-2025-03-13"]
    assert "nine villages" in by_id["01-northwind-2025-03-11"]
    assert "53 people" in by_id["06-herald-2025-03-20"]
    assert "Eskerby" in by_id["04-coastline-2025-03-13"]  # Eskeby, misspelt by one outlet


class _Page(HTMLParser):
    """Collects the tags present and the paragraphs inside the article body."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.classes: set[str] = set()
        self.body: list[str] = []
        self._depth = 0
        self._in_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        cls = dict(attrs).get("class") or ""
        self.classes.update(cls.split())
        if cls == "article-body":
            self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1
        if self._depth and tag == "p":
            self._in_p = True
            self.body.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_p = False
        elif tag == "div" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self.body[-1] += data


def test_html_page_has_page_furniture_and_the_same_article() -> None:
    pages = list((STORY / "html").glob("*.html"))
    assert len(pages) == 1
    page = _Page()
    page.feed(pages[0].read_text("utf-8"))
    assert {"nav", "footer", "script", "figure", "figcaption", "article"} <= page.tags
    assert "share-bar" in page.classes
    row = next(r for r in ROWS if r["id"] == pages[0].stem)
    assert page.body == row["text"].split("\n\n")[1:]  # the caption sits in <figcaption>
