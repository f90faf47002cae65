"""Story labels and keywords (``storyline.cluster.labels``), on fictional headlines."""

from __future__ import annotations

from datetime import date

from storyline.cluster import ClusterDoc, StoryIndex
from storyline.cluster.labels import (
    keyword_counts,
    recase,
    shouting,
    tidy_headline,
    top_keywords,
)
from storyline.text import STOPWORDS


def test_shouted_headlines_are_recased_and_long_ones_cut() -> None:
    assert shouting("CRASH INVESTIGATORS LOOKING AT 767 TAIL SYSTEM")
    assert not shouting("FBI director named")
    assert (
        tidy_headline("CRASH INVESTIGATORS LOOKING AT 767 TAIL SYSTEM")
        == "Crash Investigators Looking at 767 Tail System"
    )
    assert tidy_headline("THE FBI AND THE UN MEET IN OSLO") == "The FBI and the UN Meet in Oslo"
    assert (
        tidy_headline("BLAST AT N.C. CLINIC; U.S. SEEKS LINK")
        == "Blast at N.C. Clinic; U.S. Seeks Link"
    )
    assert tidy_headline("Mayor Ada Venn opens  the\nbridge") == "Mayor Ada Venn opens the bridge"
    long = "Marrowby " * 30
    cut = tidy_headline(long, limit=40)
    assert len(cut) <= 40 and cut.endswith("…") and "  " not in cut


def test_a_shouted_headline_takes_the_case_its_article_writes() -> None:
    body = "Marrowby will raise pay for new nurses, the NHS trust said. New pay starts in May."
    assert recase("NHS TRUST TO RAISE NEW PAY IN MARROWBY", body) == (
        "NHS Trust to Raise New Pay in Marrowby"
    )  # its article writes "new", "pay" and "trust" as words, and "NHS" in capitals
    assert recase("NHS TRUST TO RAISE PAY", "") == "NHS Trust to Raise PAY"  # no body: the rule
    assert recase("Pay rises at the NHS", body) == "Pay rises at the NHS"  # not shouted: as is
    index = StoryIndex()
    docs = [
        ClusterDoc(f"p{i}", body + f" Ward {i} opens.", title="NEW PAY FOR MARROWBY NURSES",
                   published=date(2025, 3, 1))
        for i in range(2)
    ]  # fmt: skip
    (story,) = {a.story for a in index.add_batch(docs)}
    assert index.stories([story])[0].label == "New Pay for Marrowby Nurses"


def test_keywords_are_names_and_content_words_without_stop_words() -> None:
    found = keyword_counts("Flood in Marrowby: Mayor Ada Venn says the Ost rose for two days")
    assert "Mayor Ada Venn" in found and "Marrowby" in found and "Ost" in found
    assert "flood" in found and "rose" in found
    assert not {"the", "for", "in", "says", "two", "days"} & set(found)
    assert not {k.lower() for k in found} & {"the", "and", "for"}
    shouted = keyword_counts("FLOOD HITS MARROWBY AS THE OST RISES")
    assert set(shouted) == {"flood", "hits", "marrowby", "ost", "rises"}
    named = keyword_counts("Ost fever: X9N2 strain reaches Marrowby as nine G20 envoys meet")
    assert {"X9N2", "G20", "Marrowby", "strain"} <= set(named)
    assert not {"X", "N", "nine", "9"} & set(named)
    assert "Su-25" in keyword_counts("Su-25 jets strike Marrowby depots")
    words = keyword_counts("Marrowby flood") + keyword_counts("Marrowby rescue")
    assert top_keywords(words, 2)[0] == "marrowby"
    assert all(w.lower() not in STOPWORDS for w in words)


FLOOD = [
    "The river Ost burst its banks in Marrowby, flooding 300 homes; Mayor Ada Venn sent boats.",
    "Floodwater covered Marrowby after the Ost rose; Ada Venn asked the mill district to leave.",
    "In Marrowby 300 homes were flooded by the Ost, Mayor Ada Venn said; boats carried families.",
    "Boats worked all night in Marrowby as the Ost flood reached 300 homes, Ada Venn said.",
]


def test_label_is_the_most_central_headline_and_follows_the_story() -> None:
    index = StoryIndex()
    titles = ["LOCAL NEWS ROUNDUP", "RIVER FLOODS 300 MARROWBY HOMES", "Weather"]
    first = [
        ClusterDoc(f"a{i}", FLOOD[i], title=titles[i], published=date(2025, 3, 1)) for i in range(3)
    ]
    (story,) = {a.story for a in index.add_batch(first)}
    (view,) = index.stories([story])
    assert view.label == "River Floods 300 Marrowby Homes"  # central, and not in capitals
    assert "marrowby" in view.keywords and "news" not in view.keywords
    assert not set(view.keywords) & STOPWORDS
    more = [
        ClusterDoc(
            "a3",
            FLOOD[3],
            title="Marrowby flood: Ost reaches 300 homes, boats out, Ada Venn says",
            published=date(2025, 3, 2),
        )
    ]
    assert {a.story for a in index.add_batch(more)} == {story}
    (grown,) = index.stories([story])
    assert grown.label  # chosen again among the old best and the new headline
    assert grown.label in {
        "River Floods 300 Marrowby Homes",
        "Marrowby flood: Ost reaches 300 homes, boats out, Ada Venn says",
    }
    restored = StoryIndex.from_bytes(index.to_bytes())
    assert restored.stories([story]) == index.stories([story])


def test_title_cased_headlines_name_nothing_and_case_variants_are_one_keyword() -> None:
    found = keyword_counts("Russians To Cut Submarine Open, Deny Probe")
    assert set(found) == {"russians", "cut", "submarine", "open", "deny", "probe"}
    words = keyword_counts("Titanfall Launches On Xbox One Today") + keyword_counts(
        "Reviewers like Titanfall, the new game on the Xbox One"
    )
    top = top_keywords(words, 3)
    assert top[0] == "Titanfall" and "titanfall" not in top
