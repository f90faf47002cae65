"""The extraction comparer (trafilatura + readability-lxml) and ``storyline extract``."""

from __future__ import annotations

import io
import json
import statistics
import sys
from pathlib import Path

import pytest
from benchmarks.extraction import DATA, bag_f1, pages, readability_lxml, trafilatura_defaults

from loopback_site import article_page
from storyline.cli import main
from storyline.ingest.htmldoc import (
    choose_body,
    extract_html,
    is_credit_line,
    merge_bodies,
    page_text,
    rebroken,
    title_without_site,
    trim_edges,
    without_author_bio,
    without_furniture,
)
from storyline.models import ReadError

FLOORS = json.loads(
    (Path(__file__).resolve().parents[1] / "benchmarks" / "floors.json").read_text()
)

BODY = [
    "The harbour board in Kessel voted on Tuesday to rebuild the northern breakwater after two "
    "winters of storm damage left the outer wall cracked along most of its length.",
    "Engineers told the board the work would take three summers and cost about 40 million "
    "crowns, most of it paid by the regional fund for coastal defence.",
    "Fishing crews, who lost a week of landings in the January storm, welcomed the vote but asked "
    "that one berth stay open throughout the works so boats can still unload at night.",
]


def test_merge_puts_missing_paragraphs_back_in_page_order() -> None:
    primary = ["Alpha paragraph one is here.", "Gamma paragraph three is here."]
    second = [
        "Alpha paragraph one is here.",
        "Beta paragraph two was dropped by the first extractor but is a real paragraph.",
        "Gamma paragraph three is here.",
        "Share this",  # too short to be trusted as body
    ]
    assert merge_bodies(primary, second) == [primary[0], second[1], primary[1]]
    assert merge_bodies(primary, []) == primary
    # inside the shared stretch a short list item comes back too; a label does not
    item, label = "- Berth four stays open at night", "Share this"
    assert merge_bodies(BODY, [BODY[0], item, label, *BODY[1:]]) == [BODY[0], item, *BODY[1:]]


def test_furniture_outside_the_agreed_stretch_is_trimmed() -> None:
    teaser = (
        "Long in the shadow of the capital, a harbour town three hours north is becoming the "
        "region's favourite winter escape, with new ferries and a restored old quarter."
    )
    teasers = ["Daily", "Dec 19, 2025", "Ferry Line Adds A Winter Route", teaser, "Sponsored"]
    lone = "Sign up for our newsletter today."
    kept = (
        "A longer closing paragraph that only the first extractor kept, about what the board "
        "will decide at its next meeting in the spring and how the fishing crews will be told "
        "of the berth plan, stays in the body."
    )
    standfirst = (
        "The outer wall of the northern breakwater cracked along most of its length after two "
        "stormy winters, engineers say."
    )
    bio = (
        "Mara Lind is the harbour correspondent of the Gazette and writes about ferries, fishing "
        "and the coast."
    )
    second = [*BODY, "Paragraph only the second extractor saw, after the shared stretch ends here."]
    # a block of labels with its teasers goes whole; a lone short line goes; long text stays
    assert trim_edges(["Home", *BODY, *teasers], second) == BODY
    assert trim_edges([lone, *BODY, kept, "Share this story with a friend"], second) == [
        *BODY,
        kept,
    ]
    # below the article a paragraph of one extractor's own needs as many words as one of the
    # other's put back there; above it, a standfirst of 15 words or more stays
    assert trim_edges([standfirst, *BODY, bio], second) == [standfirst, *BODY]
    assert trim_edges([lone, *BODY], []) == [lone, *BODY]  # nothing agreed: nothing trimmed
    # readability's own paragraphs are put back only inside the stretch both share
    assert merge_bodies(BODY, second) == BODY


def test_below_the_article_only_what_its_container_holds_stays() -> None:
    closing = (
        "The board meets again in the spring, when it will decide how the fishing crews are "
        "told of the berth plan and which contractor builds the first stretch of the new wall."
    )
    bio = (
        "Mara Lind is the harbour correspondent of the Gazette. She has covered ferries, fishing "
        "and the coast for twelve years, and before that reported on the regional parliament "
        "for the Morning Post and the national wire service."
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in [*BODY, closing])
    page = (
        "<html><head><title>Breakwater</title><script>var bio = 'Mara Lind';</script></head>"
        f"<body><article><div class='story'>{paragraphs}</div>"
        f"<div class='about'><p>{bio}</p></div></article></body></html>"
    )
    primary, second = [*BODY, closing, bio], BODY
    # the closing paragraph is in the story's container, the bio beside it
    assert trim_edges(primary, second, html=page) == [*BODY, closing]
    assert trim_edges(primary, second) == primary  # without the page, length alone decides
    # a stretch under half of the kept words is no measure of where the article ends
    assert bio in trim_edges(primary, BODY[:1], html=page)
    text = page_text(page)
    assert text is not None and "maralind" in text.text and "varbio" not in text.text
    declared = page_text(f'<?xml version="1.0" encoding="utf-8"?>\n{page}')
    assert declared is not None and declared.text == text.text


def test_readability_reads_no_author_or_newsletter_box() -> None:
    story = "".join(f"<p>{p}</p>" for p in BODY)
    box = "<div class='author-card'><p>Mara Lind writes about the coast.</p></div>"
    signup = "<section id='newsletter-signup'><p>Get the harbour news every morning.</p></section>"
    kept = without_furniture(f"<div><article>{story}{box}{signup}</article></div>")
    assert all(p in kept for p in BODY) and "Mara Lind" not in kept and "morning" not in kept
    # a name on the element that holds most of the text says nothing about it
    whole = f"<div><div class='post-author-layout'>{story}</div><p>Share</p></div>"
    assert all(p in without_furniture(whole) for p in BODY)


def test_readability_reads_no_figure_caption() -> None:
    # a caption naming no photographer or agency is not caught as a credit line
    caption = "Figure 2. The outer wall seen from the northern berth, where the cracks are widest."
    story = "".join(f"<p>{p}</p>" for p in BODY)
    figure = f"<figure><img src='wall.jpg'><figcaption>{caption}</figcaption></figure>"
    kept = without_furniture(f"<div><article>{story}{figure}</article></div>")
    assert all(p in kept for p in BODY) and "Figure 2" not in kept


def test_the_same_text_cut_differently_is_not_put_back_twice() -> None:
    # readability reads a table row without cell breaks ("summersCost"); trafilatura keeps the
    # row with its cells: the words are the same, so nothing is added
    row = ["Northern breakwater rebuilt over three summers", "Cost about forty million crowns"]
    primary = [BODY[0], f"| {row[0]} | {row[1]} |", BODY[1], BODY[2]]
    second = [BODY[0], "".join(row), BODY[1], BODY[2]]
    assert merge_bodies(primary, second) == primary


def test_one_paragraph_holding_the_other_reading_takes_its_paragraph_breaks() -> None:
    # a page set with <br> between paragraphs: trafilatura reads one block, readability three
    assert rebroken([" ".join(BODY)], BODY) == BODY
    assert rebroken([" ".join(BODY)], BODY[:1]) == [" ".join(BODY)]  # too little of it
    other = ["A ferry timetable for the winter months.", "Tickets are sold on board."]
    assert rebroken([" ".join(BODY)], other) == [" ".join(BODY)]  # another text
    assert rebroken(BODY, BODY[:2]) == BODY  # already in paragraphs


def test_a_label_both_keep_at_the_foot_does_not_stretch_the_body() -> None:
    # both extractors keep the "Share" button under the teasers of other stories; the agreed
    # stretch still ends at the last paragraph of the article, so the teasers go
    teasers = [
        "More from the coast",
        "Ferry operators on the western islands say a new timetable will cut crossings by a "
        "third from April, after a winter of cancellations and complaints from commuters.",
        "Lighthouse keepers' cottages on the cape are to be sold by auction next month, the "
        "council said, with the proceeds going to repair the coastal path.",
        "Share",
    ]
    assert trim_edges([*BODY, *teasers], [*BODY, "Share"]) == BODY


def test_caption_and_credit_lines_are_not_body() -> None:
    caption = "The cracked outer wall after the January storm. Photo by Ines Varga for the Gazette"
    assert is_credit_line(caption) and is_credit_line("Copyright © 2026 Harbour Gazette")
    assert is_credit_line("Crews at the northern berth. Jan Holm / Getty Images")
    assert not any(is_credit_line(p) for p in BODY)
    # an outlet's affiliate notice goes; a story about affiliate marketing keeps its sentences
    assert is_credit_line("This post contains affiliate links. Read our disclosure.")
    assert is_credit_line("Gazette editors pick every product. We may earn a commission.")
    assert not is_credit_line("Shops that add affiliate links to their posts saw sales rise.")
    # a paragraph of the story that names a photographer or an agency stays
    long_one = (
        "The board said the photographs taken by the harbour master in January showed cracks "
        "along most of the outer wall, and that engineers had confirmed what they showed in a "
        "survey paid for by the regional fund, as Reuters first reported on Monday."
    )
    assert not is_credit_line(long_one)
    # readability keeps a figure's caption; trafilatura does not; the body has none
    figure = f"<figure><img src='wall.jpg'><figcaption>{caption}</figcaption></figure>"
    html = article_page("Kessel votes to rebuild breakwater", BODY, site="Harbour Gazette")
    html = html.replace(f"<p>{BODY[1]}</p>", f"{figure}<p>{BODY[1]}</p>")
    assert figure in html
    page = extract_html(html, origin="figure.html")
    assert not isinstance(page, ReadError)
    assert page.document.text.split("\n\n") == BODY


def test_a_news_page_keeps_body_and_metadata_and_drops_navigation() -> None:
    html = article_page("Kessel votes to rebuild breakwater", BODY, site="Harbour Gazette")
    page = extract_html(html, origin="page.html", url="https://gazette.example/kessel")
    assert not isinstance(page, ReadError)
    doc = page.document
    assert doc.title == "Kessel votes to rebuild breakwater" and doc.source == "Harbour Gazette"
    assert doc.text.split("\n\n") == BODY
    assert "Subscribe" not in doc.text and "Sport" not in doc.text


def _titled(title: str, site: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{site}"></head><body><article>{body}</article>'
        "</body></html>"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Kessel votes to rebuild breakwater - Harbour Gazette",
        "Kessel votes to rebuild breakwater | harbour gazette",
        "Kessel votes to rebuild breakwater \u2014 Harbour Gazette",
    ],
)
def test_a_title_loses_its_own_site_name(title: str) -> None:
    """Citations name the outlet beside the title, so "Headline | Site" would say it twice."""
    page = extract_html(_titled(title, "Harbour Gazette"), origin="page.html")
    assert not isinstance(page, ReadError)
    assert page.document.title == "Kessel votes to rebuild breakwater"
    assert page.document.source == "Harbour Gazette"


def test_only_the_site_own_name_is_cut_from_a_title() -> None:
    site = "Harbour Gazette"
    assert (
        title_without_site(f"{site} | Kessel votes to rebuild", site) == "Kessel votes to rebuild"
    )
    for kept in ("Kessel votes to rebuild - Council", f"Breakwater | {site}", f"{site} - Kessel"):
        assert title_without_site(kept, site) == kept
    assert title_without_site("Kessel votes to rebuild - Council", None) == (
        "Kessel votes to rebuild - Council"
    )


def test_a_page_printing_its_text_twice_keeps_one_copy() -> None:
    html = article_page("Kessel votes to rebuild breakwater", BODY + BODY, site="Harbour Gazette")
    page = extract_html(html, origin="twice.html")
    assert not isinstance(page, ReadError)
    assert page.document.text.split("\n\n") == BODY


def test_readability_takes_over_when_trafilatura_finds_nothing() -> None:
    # A body of bare <div>s with <br> breaks and no <p>: one extractor or the other must cope.
    inner = "<br><br>".join(BODY * 3)
    html = f"<html><head><title>Breakwater</title></head><body><div id='story'>{inner}</div></body></html>"
    page = extract_html(html, origin="divs.html")
    assert not isinstance(page, ReadError)
    assert "northern breakwater" in page.document.text


def test_what_trafilatura_alone_found_joins_the_readability_fallback() -> None:
    # trafilatura read only the questions under the story; readability the story, not them
    faq = ["When will the works start?", "The first crews arrive in May."]
    story = [*BODY, *(p.replace("Kessel", "Kessel's harbour") for p in BODY)]
    body, extractor = choose_body(faq, story, html="")
    # sharing no paragraph, the two say nothing of where the questions stand: only what is kept
    assert sorted(body) == sorted([*story, *faq]) and extractor == "readability+trafilatura"
    assert choose_body([], story, html="") == (story, "readability")


def test_the_author_bio_goes_and_the_story_stays() -> None:
    bio = "Mara Lind is a reporter covering the coast for the Harbour Gazette since 2019."
    assert without_author_bio([*BODY, bio], "Mara Lind") == BODY
    assert without_author_bio([bio.replace("Mara Lind", "Mara"), *BODY], "Mara Lind") == BODY
    # the same name in the middle of the story, another verb, or another writer: kept
    middle = [BODY[0], bio, *BODY[1:], *BODY]
    assert without_author_bio(middle, "Mara Lind") == middle
    said = "Mara Lind said the vote came late."
    assert without_author_bio([*BODY, said], "Mara Lind") == [*BODY, said]
    assert without_author_bio([*BODY, bio], "Ines Varga") == [*BODY, bio]
    assert without_author_bio([*BODY, bio], None) == [*BODY, bio]


def test_pages_without_text_say_so() -> None:
    empty = extract_html("<html><body><script>app()</script></body></html>", origin="app.html")
    assert isinstance(empty, ReadError) and "app.html" in str(empty)
    assert isinstance(extract_html("   ", origin="blank.html"), ReadError)


def test_extract_prints_text_or_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "page.html"
    path.write_text(article_page("Kessel votes to rebuild breakwater", BODY), encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kessel votes to rebuild breakwater\n") and BODY[1] in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    assert main(["extract", "-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (
        data["title"] == "Kessel votes to rebuild breakwater" and data["site"] == "Harbour Gazette"
    )
    assert data["extractor"].startswith("trafilatura") and data["text"].startswith(BODY[0])
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    assert main(["extract", str(bad)]) == 2
    assert "bad.html" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("page", "says"),
    [
        ("missing.html", "missing.html: does not exist; check the path"),
        (".", ".: is a folder; `storyline extract` reads one saved HTML page"),
        (
            "https://news.example/a",
            "save it first, e.g. `curl -o page.html https://news.example/a`",
        ),
    ],
)
def test_extract_names_a_page_it_cannot_read(
    page: str,
    says: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """In words, not Python's "[Errno 2] No such file or directory"."""
    monkeypatch.chdir(tmp_path)
    assert main(["extract", page]) == 2
    err = capsys.readouterr().err
    assert says in err and "Errno" not in err, err


@pytest.mark.skipif(not DATA.is_dir(), reason="WCXB pages are not in ../shared/data")
def test_the_comparer_beats_both_extractors_on_wcxb_pages() -> None:
    """The first 30 WCXB pages (the full 400 are benchmarks/extraction.py's job)."""
    rows = []
    for _, html, gold in pages(30):
        page = extract_html(html, origin="wcxb")
        text = "" if isinstance(page, ReadError) else page.document.text
        rows.append(
            (
                bag_f1(text, gold),
                bag_f1(trafilatura_defaults(html), gold),
                bag_f1(readability_lxml(html), gold),
            )
        )
    ours, trafilatura, readability = (
        statistics.fmean(column) for column in zip(*rows, strict=True)
    )
    assert ours > max(trafilatura, readability)
    assert ours >= FLOORS["extraction"]["wcxb30"]


# With BODY, over the 150 words under which a paywalled page is only its teaser.
MORE = [
    "The board's chair said the first summer would go to the foundations of the outer "
    "wall, which divers found undercut in four places after the January storm.",
    "Residents of the harbour quarter, whose cellars flooded twice last winter, asked "
    "the board to publish the engineers' report in full before the works begin.",
    "A second vote, on whether to close the old ferry slip for the three summers, was put "
    "off until the spring meeting so that the ferry company can answer the board.",
]


def _page(body: str, *, title: str = "Harbour news") -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{body}</body></html>"
    )


def test_a_page_of_links_is_not_an_article() -> None:
    """A section front lists headlines, each a link; kept as an article its headline numbers
    ("Storm kills 14 ...") became facts set against the real reports."""
    links = "".join(
        f'<li><a href="/news/{i}">{h}</a></li>'
        for i, h in enumerate(
            [
                "Storm kills 14 along the northern coast as the breakwater gives way",
                "Harbour board votes to rebuild the breakwater over three summers",
                "Fishing crews ask for one berth to stay open during the works",
                "Regional fund to pay most of the 40 million crown repair bill",
            ]
        )
    )
    nav = '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
    result = extract_html(_page(f"{nav}<main><h1>World</h1><ul>{links}</ul></main>"), origin="w")
    assert isinstance(result, ReadError)
    assert "only links and headings" in result.problem and "section front" in result.problem
    # a menu and a close button alone: no sentence at all
    bare = extract_html(_page(f"{nav}<button>x</button>"), origin="m")
    assert isinstance(bare, ReadError) and "no article text" in bare.problem


def test_an_article_with_related_links_stays_an_article() -> None:
    related = "".join(f'<li><a href="/n/{i}">{p[:60]}</a></li>' for i, p in enumerate(BODY))
    html = article_page("Breakwater to be rebuilt", BODY).replace(
        "</article>", f"</article><section><h3>Related</h3><ul>{related}</ul></section>"
    )
    page = extract_html(html, origin="a")
    assert not isinstance(page, ReadError) and BODY[0] in page.document.text


def test_a_consent_wall_is_not_an_article() -> None:
    wall = (
        "<div><h1>Before you continue</h1><p>We and our 412 partners use cookies and other "
        "technologies to store and access information on your device and to measure ad "
        "performance. You can accept all, reject all or manage your choices at any time.</p>"
        "<p>Personalised advertising and content, advertising measurement. Store and/or access "
        "information on a device. Use precise geolocation data.</p><button>Accept all</button>"
        "</div>"
    )
    result = extract_html(_page(wall), origin="c")
    assert isinstance(result, ReadError) and "cookie-consent page" in result.problem
    # a story about consent walls is an article
    story = article_page(
        "Regulator fines site over its cookie wall",
        [
            *BODY,
            "The regulator said a wall that offers only 'accept all' and asks readers to manage "
            "your choices elsewhere breaks the rules; the site's 412 partners use cookies too.",
        ],
    )
    assert not isinstance(extract_html(story, origin="s"), ReadError)


def test_a_paywall_teaser_is_refused_and_a_paywall_notice_dropped() -> None:
    teaser = "The first officers reached the hall at 21:54, long before the teams, and what they"
    wall = (
        "<div><h2>Subscribe to continue reading</h2><p>This article is for subscribers only. "
        "Join today for unlimited access from just 1 crown a week.</p>"
        '<p>Already a subscriber? <a href="/login">Log in</a></p></div>'
    )
    cut = article_page("Inside the rescue", [teaser]).replace("</article>", f"{wall}</article>")
    result = extract_html(cut, origin="p")
    assert isinstance(result, ReadError) and "behind a paywall" in result.problem
    # the whole article in the page, the notice beside it: the notice goes, the text stays
    whole = article_page("Breakwater", BODY + MORE).replace("</article>", f"{wall}</article>")
    page = extract_html(whole, origin="w")
    assert not isinstance(page, ReadError)
    assert "subscribers only" not in page.document.text and BODY[2] in page.document.text


def test_what_the_reader_drops_is_recorded_and_reaches_the_article() -> None:
    """A caption, an affiliate notice, the author's bio and a paywall's notice the reader drops
    are kept as removals (paragraph READER), so the article's record of cuts holds them as it
    holds the cleaner's; they were dropped without a trace."""
    from storyline.clean import clean
    from storyline.models import READER

    bio = "Ines Varga is a reporter covering the harbour and the coast for the Gazette."
    notice = "This post contains affiliate links. Read our disclosure."
    paywall = "Already a subscriber? Log in to read on."
    caption = "The cracked outer wall after the January storm. Photo by Jan Holm for the Gazette"
    html = article_page("Kessel votes", [*BODY, *MORE, notice, paywall, bio])
    html = html.replace(
        "<meta property", '<meta name="author" content="Ines Varga"><meta property', 1
    ).replace(f"<p>{BODY[1]}</p>", f"<p>{caption}</p><p>{BODY[1]}</p>")
    page = extract_html(html, origin="cuts.html")
    assert not isinstance(page, ReadError)
    assert page.document.text.split("\n\n") == BODY + MORE
    cuts = {r.text: (r.kind, r.reason) for r in page.document.removed}
    assert cuts[caption][0] == "caption" and cuts[notice][0] == "boilerplate"
    assert cuts[bio] == ("boilerplate", "the author's bio")
    assert cuts[paywall] == ("boilerplate", "a paywall's notice")
    assert {r.paragraph for r in page.document.removed} == {READER}
    article = clean(page.document)
    assert {r.text for r in article.removed} >= set(cuts)
    assert page.to_dict()["removed"][0]["text"] in cuts
