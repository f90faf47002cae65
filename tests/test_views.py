"""The presentation layer: one citation resolver, view models that round-trip, and renderers that
never crash on an empty part and never let article markup through."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from storyline import views
from storyline.compare import compare
from storyline.facts.models import LABELS
from storyline.models import Article, Citation, ReadError, Summary, SummarySentence
from storyline.store import SearchHit, StoredStory
from storyline.timeline import Timeline, TimelineEntry
from storyline.views.citations import Resolver
from storyline.views.data import from_data, to_data
from storyline.views.markdown import HEADINGS, md, printable

A = Article(
    id="a1",
    text="The dam gave way on Tuesday. Nine villages flooded.",
    title="Dam fails <script>alert(1)</script>",
    source="Northwind Press",
    url="javascript:alert(1)",
    published=date(2025, 3, 11),
)
B = Article(
    id="b2",
    text="Rescuers searched Ardmore. The dam gave way on Tuesday.",
    title="Rescue",
    source="Radio Meridian",
    url="https://radio.example/rescue",
    published=date(2025, 3, 12),
)
STORY = StoredStory(
    id="s1",
    label="Dam <b>fails</b>",
    keywords=("dam",),
    outlets=("Northwind Press", "Radio Meridian"),
    first_seen=date(2025, 3, 11),
    last_seen=date(2025, 3, 12),
    size=2,
    reprints=0,
    version=3,
)


def sentence(text: str, *cites: tuple[str, int, int]) -> SummarySentence:
    return SummarySentence(text, tuple(Citation(a, s, e) for a, s, e in cites))


SUMMARY = Summary(
    (
        sentence("Rescuers searched Ardmore.", ("b2", 0, 26)),
        sentence("The dam gave way on Tuesday.", ("a1", 0, 28), ("b2", 27, 55), ("gone", 0, 3)),
    ),
    method="storyline/1",
    settings={"words": 50},
)


def test_numbers_follow_first_use_across_summary_and_timeline() -> None:
    resolver = Resolver([A, B])
    summary = views.summary_view(SUMMARY, resolver)
    assert [[c.n for c in s.citations] for s in summary.sentences] == [[1], [2, 1]]
    day = TimelineEntry(date(2025, 3, 11), "day", (sentence("Nine villages.", ("a1", 29, 51)),))
    timeline = views.timeline_view(Timeline((day,)), resolver, [A, B])
    assert timeline.entries[0].sentences[0].citations[0].n == 2, "one numbering per page"
    quotes = [c.quote for s in summary.sentences for c in s.citations]
    assert quotes == ["Rescuers searched Ardmore.", A.text[:28], B.text[27:55]]
    assert [s.article_id for s in resolver.sources()] == ["b2", "a1"]


def test_a_list_marker_is_not_shown_as_part_of_a_sentence() -> None:
    """ "-- July 23, 2000: ..." (an agency's list of milestones) reads without its marker in a
    summary or timeline; the mark still quotes the span as written."""
    cited = Resolver([A]).sentence("-- Tuesday: the dam gave way.", (Citation("a1", 0, 28),))
    assert cited.text == "Tuesday: the dam gave way." and cited.citations[0].quote == A.text[:28]
    assert Resolver([A]).sentence("2-1 win.", ()).text == "2-1 win."


def test_a_citation_of_an_unknown_article_is_dropped_not_guessed() -> None:
    cited = Resolver([A]).sentence("x", (Citation("gone", 0, 3), Citation("a1", 0, 3)))
    assert [c.article_id for c in cited.citations] == ["a1"]


def test_input_offsets_point_into_the_input_text() -> None:
    raw = "Headline\n\nThe dam gave way\n on Tuesday. Nine villages flooded."
    cite = Resolver([A], input_texts={"a1": raw}).cite(Citation("a1", 0, 28))
    assert cite is not None and " ".join(raw[cite.start : cite.end].split()) == A.text[:28]


def story_view(timeline: Timeline) -> views.StoryView:
    return views.story_view(
        STORY,
        summary=SUMMARY,
        timeline=timeline,
        comparison=None,
        articles=[A, B],
        reprints=[],
    )


def test_an_empty_timeline_says_why_in_every_format() -> None:
    view = story_view(Timeline((), settings={"min_support": 2}))
    assert view.timeline.empty_reason and "at least 2" in view.timeline.empty_reason
    for fmt in views.FORMATS:
        text = views.render(view, fmt)
        assert "No date is mentioned" in text, fmt


def test_every_output_says_how_it_was_made() -> None:
    view = story_view(Timeline((), method="datewise"))
    data = json.loads(views.render(view, "json"))
    assert data["summary"]["made"] == {
        "stage": "summarize",
        "method": "storyline/1",
        "version": data["summary"]["made"]["version"],
        "settings": {"words": 50},
    }
    assert data["timeline"]["made"]["method"] == "datewise"
    assert "summarize by storyline/1" in views.render(view, "md")


def test_how_it_was_made_reads_as_settings_not_python() -> None:
    """An unset setting means the default and a nested group is a group of settings: neither is
    shown as Python ("None", "{'min_words': 8}") in Markdown or HTML; JSON keeps them as data."""
    view = story_view(
        Timeline((), method="datewise", settings={"max_dates": None, "units": {"min_words": 8}})
    )
    for fmt in ("md", "html"):
        text = views.render(view, fmt)
        assert "units.min_words=8" in text, fmt
        assert "None" not in text and "{'" not in text and "{&#39;" not in text, fmt
    made = json.loads(views.render(view, "json"))["timeline"]["made"]
    assert made["settings"] == {"max_dates": None, "units": {"min_words": 8}}


def test_a_contested_claim_is_shown_in_every_format() -> None:
    """A denial paired with the claim it answers is a finding like a disputed number: Markdown
    and HTML list it (with both sentences) as JSON and the web page do, on files and in a story."""
    said = Article(
        id="h1",
        text="The ferry sank off Brenn on Sunday. Survivors said the ferry had been carrying far "
        "more passengers than its licence allowed.",
        source="Harbour Gazette",
        published=date(2024, 6, 2),
    )
    denied = Article(
        id="c1",
        text="The operator spoke on Monday. Brenn Sealink denied that the ferry was carrying more "
        "passengers than its licence allowed, and said the crew had followed every rule.",
        source="Coast Radio",
        published=date(2024, 6, 3),
    )
    comparison = compare([said, denied])
    assert comparison.by_label("contested"), "the fixture must hold a contested claim"
    files = views.documents_view([said, denied], comparison=comparison)
    stored = views.story_view(
        STORY,
        summary=SUMMARY,
        timeline=Timeline(()),
        comparison=comparison,
        articles=[said, denied],
        reprints=[],
    )
    for view in (files, stored):
        for fmt in ("md", "html"):
            text = views.render(view, fmt)
            assert "Contested claims (1)" in text, (fmt, type(view).__name__)
            assert "Survivors (Harbour Gazette) vs Brenn Sealink (Coast Radio)" in text, fmt
            assert "Brenn Sealink denied that the ferry" in text, fmt


def test_every_label_of_a_finding_has_a_heading() -> None:
    """A label with no heading would be left out of Markdown and HTML without a word."""
    assert set(HEADINGS) == set(LABELS)


def test_a_one_article_story_reads_in_the_singular_with_its_days() -> None:
    """ "1 article, 0 reprints, 1 outlet", not "1 articles ... 1 outlets", and HTML's line under
    the title gives the story's id and days as Markdown's does."""
    one = replace(STORY, size=1, outlets=("Northwind Press",), last_seen=date(2025, 3, 11))
    view = views.story_view(
        one, summary=SUMMARY, timeline=Timeline(()), comparison=None, articles=[A], reprints=[]
    )
    for fmt in ("md", "html"):
        text = views.render(view, fmt)
        assert "story s1 · 1 article, 0 reprints, 1 outlet · 2025-03-11 · version 3" in text, fmt
        assert "Northwind Press: 1 article" in text and "1 articles" not in text, fmt


def test_articles_with_no_source_are_not_counted_as_outlets() -> None:
    """Each unnamed article is cited by where it was read, but the title does not claim that
    three unnamed articles come from three outlets."""
    unnamed = [replace(A, id=f"u{k}", source=None, origin=f"dam.jsonl:{k}") for k in (1, 2, 3)]
    title = views.documents_view(unnamed, summary=SUMMARY).title
    assert title == "Summary of 3 articles, no outlet named"
    title = views.documents_view([*unnamed, B], summary=SUMMARY).title
    assert title == "Summary of 4 articles from 1 outlet (3 with no outlet named)"
    assert views.documents_view([A, B], summary=SUMMARY).title == (
        "Summary of 2 articles from 2 outlets"
    )


def test_a_story_page_counts_unnamed_articles_in_one_row_not_as_outlets() -> None:
    """A stored story of unnamed articles says "no outlet named", and its outlets section gives
    them one row at the end rather than one outlet per file."""
    unnamed = [replace(A, id=f"u{k}", source=None, origin=f"dam.jsonl:{k}") for k in (1, 2)]
    none = replace(STORY, size=2, outlets=(), last_seen=date(2025, 3, 11))
    view = views.story_view(
        none, summary=SUMMARY, timeline=Timeline(()), comparison=None, articles=unnamed, reprints=[]
    )
    assert [(o.name, o.articles, o.first) for o in view.outlets] == [("", 2, False)]
    text = views.render(view, "md")
    assert "2 articles, 0 reprints, no outlet named" in text
    assert "- no outlet named: 2 articles" in text and "dam.jsonl:1: 1 article" not in text
    mixed = views.story_view(
        replace(STORY, outlets=("Northwind Press",)),
        summary=SUMMARY,
        timeline=Timeline(()),
        comparison=None,
        articles=[*unnamed, A],
        reprints=[],
    )
    assert [(o.name, o.articles) for o in mixed.outlets] == [("Northwind Press", 1), ("", 2)]
    assert "<li>no outlet named: 2 articles</li>" in views.render(mixed, "html")


def test_a_report_of_files_says_which_inputs_it_left_out() -> None:
    """A saved or forwarded report says it is partial, not only the terminal's stderr."""
    problem = ReadError("dam.jsonl:2", "is not valid JSON at column 2.")
    view = views.documents_view([A, B], errors=[problem], summary=SUMMARY)
    for fmt in ("md", "html"):
        text = views.render(view, fmt)
        assert "1 input could not be read and is left out" in text, fmt
        assert "Not read" in text and "dam.jsonl:2: is not valid JSON at column 2." in text, fmt
    assert "Not read" not in views.render(views.documents_view([A], summary=SUMMARY), "md")


def test_the_view_round_trips_through_its_json_data() -> None:
    day = TimelineEntry(date(2025, 3, 11), "day", (sentence("Nine.", ("a1", 29, 51)),), 1.5)
    view = story_view(Timeline((day,)))
    again = from_data(views.StoryView, json.loads(json.dumps(to_data(view))))
    assert again == view


def test_html_keeps_a_sentences_last_word_with_its_marks() -> None:
    """So the marks cannot wrap alone onto the next line after the full stop."""
    html = views.render(story_view(Timeline(())), "html")
    assert re.search(r'searched <span class="nw">Ardmore\.<sup><a href="#src1"', html)


def test_html_escapes_article_text_and_links_only_http() -> None:
    html = views.render(story_view(Timeline(())), "html")
    assert "<script>" not in html and "<b>fails" not in html and "&lt;b&gt;fails" in html
    assert 'href="javascript:' not in html and 'href="https://radio.example/rescue"' in html


def test_search_marks_query_words_and_keeps_other_brackets() -> None:
    hit = SearchHit("a1", "s1", "t", "o", None, "[1] the [dam] gave way near [Ardmore]", 1.0)
    view = views.hit_view(hit, "dam ardmore")
    assert [p.text for p in view.parts if p.mark] == ["dam", "Ardmore"]
    assert view.snippet == "[1] the dam gave way near Ardmore"


# --- the shape of the surfaces ------------------------------------------------------------------

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
SURFACES = [*sorted((SRC / "views").glob("*.py")), *sorted((SRC / "engine").glob("*.py"))]
SURFACES += [*sorted((SRC / "web").glob("*.py")), SRC / "cli.py", SRC / "console.py"]
SURFACES += [SRC / "__init__.py", SRC / "ingest" / "formats.py"]
QUOTING = re.compile(r"\.text\[[^\]]*start")


def test_citations_are_resolved_in_one_place() -> None:
    """A quote is cut from an article's text only by views.citations."""
    cutting = {p.relative_to(SRC).as_posix() for p in SURFACES if QUOTING.search(p.read_text())}
    assert cutting == {"views/citations.py"}


def test_every_surface_module_says_its_job() -> None:
    for path in SURFACES:
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8")))
        assert doc and len(doc.split()) >= 5, f"{path.name} needs a docstring that says its job"


def test_the_engine_facade_is_short_and_complete() -> None:
    from storyline import engine

    assert len(engine.__all__) <= 41  # 39 names, and the inbox's two (queue_post, post_receipt)
    assert all(hasattr(engine, name) for name in engine.__all__)
    wanted = {"open_store", "ingest", "stories", "story", "timeline", "compare", "search"}
    assert wanted | {"summarize", "StoryNotFound"} <= set(engine.__all__)


def web_imports() -> dict[str, set[str]]:
    """Imports between web/ modules, function-level ones included."""
    graph: dict[str, set[str]] = {}
    for path in sorted((SRC / "web").glob("*.py")):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("storyline.web."):
                    found.add(node.module.rsplit(".", 1)[1])
                elif node.module == "storyline.web":
                    found |= {a.name for a in node.names}
        graph[path.stem] = found - {path.stem}
    return graph


def test_web_has_no_import_cycle() -> None:
    graph = web_imports()
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, f"import cycle: {' -> '.join((*path, node))}"
        if node in done:
            return
        for nxt in graph.get(node, ()):
            visit(nxt, (*path, node))
        done.add(node)

    for module in graph:
        visit(module, ())
    assert "api" not in graph["ui"], "the UI renders views, it does not call the API"


def test_summarize_takes_texts_and_refuses_a_string_that_is_no_path() -> None:
    import storyline

    texts = [
        "Dam fails\n\nThe Kessel dam gave way on Tuesday and flooded nine villages on the Serin.",
        "Rescue\n\nRescue crews searched Ardmore on Tuesday night after the Kessel dam gave way.",
    ]
    report = storyline.summarize(texts=texts, words=30)
    assert len(report.articles) == 2 and report.summary.sentences
    with pytest.raises(FileNotFoundError, match="texts="):
        storyline.summarize(["The Kessel dam gave way on Tuesday."])
    with pytest.raises(TypeError):
        storyline.summarize(texts="one string, not a list")


def test_readers_api_and_batch_share_one_format_table() -> None:
    from storyline.ingest import format_for
    from storyline.ingest.formats import API, BATCH, FILES, format_for_media, format_of
    from storyline.runners.inputs import input_format

    for name in ("a.jsonl", "b.JSONL.GZ", "c.ndjson"):
        files, batch = format_of(name, reader=FILES), format_of(name, reader=BATCH)
        assert files is not None and batch is not None and files == batch
        assert format_for(Path(name)) == files.name == input_format(name)
    assert format_of("page.html", reader=API) == format_for_media("text/html; charset=utf-8")
    assert format_of("feed.rss", reader=FILES) == format_for_media("application/rss+xml")
    assert format_of("run.parquet", reader=FILES) is None and format_of("x.parquet", reader=BATCH)
    with pytest.raises(ValueError, match=r"\.parquet"):
        input_format("notes.txt")


def test_markdown_keeps_article_text_literal_and_links_only_http() -> None:
    """A saved report is often opened in a Markdown viewer that passes raw HTML and follows
    links: a hostile title or sentence must stay text there."""
    text = views.render(story_view(Timeline(())), "md")
    assert "<script>" not in text and "\\<script\\>" in text
    assert "](javascript:" not in text and "<javascript:" not in text
    assert "<https://radio.example/rescue>" in text
    assert md("[click](javascript:alert(1)) *now* `x` <b>") == (
        "\\[click\\](javascript:alert(1)) \\*now\\* \\`x\\` \\<b\\>"
    )
    # a sentence never opens a block of its own, nor spreads over lines
    assert md("# Breaking\n\n> quoted") == "\\# Breaking \\> quoted"
    assert md("1. first") == "1\\. first" and md("- item") == "\\- item"
    assert md("-5 degrees, 3.5% and AT&T") == "-5 degrees, 3.5% and AT&T"
    assert md("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def test_terminal_and_markdown_text_drop_control_characters() -> None:
    """An escape sequence in a hostile title would recolour, retitle or clear the reader's
    terminal when a report or the story list is printed."""
    title = "Evil \x1b[31mred\x1b[0m\x1b]0;pwned\x07 title\r\nsecond line"
    assert printable(title) == "Evil [31mred[0m]0;pwned title second line"
    assert "\x1b" not in md(title) and "\x07" not in md(title)
    hostile = replace(A, title=title, source="Out\x1b]0;x\x07let")
    view = views.story_view(
        STORY,
        summary=SUMMARY,
        timeline=Timeline(()),
        comparison=None,
        articles=[hostile, B],
        reprints=[],
    )
    text = views.render(view, "md")
    assert "\x1b" not in text and "\x07" not in text and "Evil \\[31mred" in text


def test_markdown_keeps_the_approximate_mark_readable() -> None:
    """ "~195 mph" is how a finding writes an approximate value: no backslash before it, while a
    tilde that could close strikethrough is escaped."""
    assert md("~195 mph (NYT) and (~5)") == "~195 mph (NYT) and (~5)"
    assert md("x~3 ~~struck~~") == "x\\~3 \\~\\~struck\\~\\~"
