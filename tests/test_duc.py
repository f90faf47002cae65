"""DUC loaders: parsing on fictional SGML written for these tests, then the real sets when present."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from storyline.evaluation.duc import (
    data_dir,
    load_duc2006,
    load_duc2006_peer,
    load_duc2007,
    official_rouge,
    parse_document,
    parse_pyramid_summaries,
)

TAGGED = """
<DOC>
<DOCNO> APW20010203.0042 </DOCNO>
<DATE_TIME> 2001-02-03 10:15:00 </DATE_TIME>
<BODY>
<HEADLINE> Lighthouse Keeper Retires After 40 Years </HEADLINE>
<TEXT>
<P>
\tHARBOR POINT, Maine (AP) -- The last keeper of the Harbor Point\x20\x20
light switched off his lamp on Saturday, ending a family tradition\x20
of four generations.\x20
</P>
<P>
\t``It was time,'' he said of the move, which Smith &AMP; Sons &QL;
will film.
</P>
</TEXT>
</BODY>
</DOC>
"""

UNTAGGED = """
<DOC>
<DOCNO> NYT19991231.0007 </DOCNO>
<DATE_TIME> 12/31/1999 23:59:00 </DATE_TIME>
<BODY>
<HEADLINE>
&HT;
</HEADLINE>
 &HT;    Town Counts Down Quietly
 &HT;    By Jane Roe
<TEXT>
\t   RIVERTON _ The town clock was wound by hand
for the last time this century.
\t   Nobody came to watch.
</TEXT>
</BODY>
</DOC>
"""

PYRAMID = """<?xml version="1.0"?>
<pyramid>
 <text>
  <line>#2</line>
  <line>-----------------</line>
  <line> D0799.M.250.Q.A</line>
  <line>-----------------</line>
  <line></line>
  <line>The mill closed in May.</line>
  <line>Workers protested &quot;loudly&quot;.</line>
  <line>-----------------</line>
  <line> D0799.M.250.Q.B</line>
  <line>-----------------</line>
  <line>A mill shut down.</line>
 </text>
</pyramid>
"""


def test_tagged_paragraphs_are_rejoined_and_codes_dropped() -> None:
    doc = parse_document(TAGGED, origin="fixture")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("HARBOR POINT, Maine (AP) -- The last keeper")
    assert paragraphs[0].endswith("ending a family tradition of four generations.")
    assert paragraphs[1] == "``It was time,'' he said of the move, which Smith & Sons will film."
    assert doc.title == "Lighthouse Keeper Retires After 40 Years"
    assert (doc.source, doc.doc_key, doc.published) == ("APW", "APW20010203.0042", date(2001, 2, 3))


def test_untagged_text_splits_on_indentation_and_headline_falls_back() -> None:
    doc = parse_document(UNTAGGED, origin="fixture")
    assert doc.text.split("\n\n") == [
        "RIVERTON _ The town clock was wound by hand for the last time this century.",
        "Nobody came to watch.",
    ]
    assert doc.title == "Town Counts Down Quietly"
    assert doc.byline == "Jane Roe"
    assert doc.published == date(1999, 12, 31)


def test_document_without_text_is_an_error() -> None:
    with pytest.raises(ValueError, match="no <TEXT>"):
        parse_document("<DOC><DOCNO> X1 </DOCNO></DOC>", origin="bad.sgml")


def test_pyramid_summaries_by_assessor() -> None:
    summaries = parse_pyramid_summaries(PYRAMID)
    assert summaries == {
        "A": 'The mill closed in May.\nWorkers protested "loudly".',
        "B": "A mill shut down.",
    }


def test_data_dir_honours_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DATA", "/somewhere/else")
    assert data_dir() == Path("/somewhere/else")
    monkeypatch.delenv("STORYLINE_DATA")
    assert data_dir().parts[-2:] == ("shared", "data")


def _data() -> Path:
    override = os.environ.get("STORYLINE_DATA")
    return (
        Path(override)
        if override
        else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )


needs_duc2006 = pytest.mark.skipif(
    not (_data() / "duc2006" / "duc2006_docs").is_dir(), reason="DUC 2006 data not present"
)
needs_duc2007 = pytest.mark.skipif(
    not (_data() / "duc2007" / "duc2007_testdocs").is_dir(), reason="DUC 2007 data not present"
)


@needs_duc2006
def test_duc2006_has_50_topics_of_25_articles_and_4_references() -> None:
    topics = load_duc2006()
    assert len(topics) == 50
    assert all(len(t.documents) == 25 and len(t.references) == 4 for t in topics)
    docs = [d for t in topics for d in t.documents]
    assert {d.source for d in docs} == {"APW", "NYT", "XIE"}
    assert all(d.text and d.published for d in docs)
    # Paragraphs are single lines: hard wraps are gone.
    assert not any("\n" in p for d in docs[:50] for p in d.text.split("\n\n"))
    assert all(len(r.split()) <= 300 for t in topics for r in t.references)


@needs_duc2006
def test_duc2006_peers_and_official_scores() -> None:
    best = load_duc2006_peer("24")
    assert len(best) == 50 and all(best.values())
    assert official_rouge("rouge2.jk.m.avg")["24"] == pytest.approx(0.09505)


@needs_duc2007
def test_duc2007_has_23_topics_with_human_summaries() -> None:
    topics = load_duc2007()
    assert len(topics) == 23
    assert all(len(t.documents) == 25 and len(t.references) == 4 for t in topics)
    assert all(100 < len(r.split()) <= 300 for t in topics for r in t.references)
    assert len(load_duc2007(with_references_only=False)) == 45


@needs_duc2006
def test_duc2006_summaries_stand_alone_and_cite_what_states_their_numbers() -> None:
    # The full counts (DUC 2006/2007, the facts dev set, two budgets) are
    # benchmarks/summary_checks.py; this keeps the DUC 2006 ones at their targets.
    from benchmarks.summary_checks import check

    from storyline.clean import clean_batch
    from storyline.models import Budget
    from storyline.registry import summarizers

    method = summarizers.create("storyline")
    clusters = [clean_batch(t.documents) for t in load_duc2006()]
    summaries = [method.summarize(c, budget=Budget(words=250)) for c in clusters]
    counts = check(summaries, clusters)
    assert counts["not_standalone"] == 0, counts["examples"]
    assert counts["citations_stating_numbers"] == counts["citations_of_those"]
