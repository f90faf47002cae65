"""Unit tests for storyline.clean: each rule, and the near-misses each rule must leave alone."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from storyline.clean import clean, clean_batch, find_recurring, normalise, split_paragraphs
from storyline.models import Article, RawDocument, content_id
from storyline.text import locate

BODY = [
    "Floodwaters cut off nine villages in the north of the province on Tuesday, officials said.",
    "At least two people died, the interior ministry said in a statement issued late on Monday.",
    "The ministry said 25 boats had been deployed along a 40-kilometre stretch of the river.",
]


def doc(*paragraphs: str, source: str | None = "Test Wire", **meta: object) -> RawDocument:
    return RawDocument(text="\n\n".join(paragraphs), origin="test.txt", source=source, **meta)  # type: ignore[arg-type]


def removed(article: Article) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in article.removed]


# --- paragraphs and metadata -------------------------------------------------------------------


def test_split_paragraphs_joins_single_newlines_and_skips_blank_runs() -> None:
    text = "First line\nof one paragraph.\n\n\n  \nSecond   paragraph.\r\n\r\nThird."
    assert split_paragraphs(text) == ["First line of one paragraph.", "Second paragraph.", "Third."]


def test_clean_article_keeps_metadata_and_hashes_cleaned_text() -> None:
    raw = doc(
        *BODY,
        title="Floods",
        url="https://example.test/a",
        byline="A. Writer",
        published=date(2025, 3, 11),
        doc_key="k1",
    )
    article = clean(raw)
    assert article.text == "\n\n".join(BODY)
    assert article.removed == ()
    assert (article.title, article.source, article.url, article.byline) == (
        "Floods",
        "Test Wire",
        "https://example.test/a",
        "A. Writer",
    )
    assert (article.published, article.origin, article.doc_key) == (
        date(2025, 3, 11),
        "test.txt",
        "k1",
    )
    assert article.id == content_id("Test Wire", "https://example.test/a", "Floods", article.text)


def test_removal_paragraph_indexes_the_raw_paragraph_list() -> None:
    article = clean(doc(BODY[0], "Share this article", BODY[1], BODY[2]))
    assert [(r.kind, r.paragraph) for r in article.removed] == [("boilerplate", 1)]
    assert split_paragraphs(doc(BODY[0], "Share this article").text)[1] == "Share this article"


# --- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "dateline"),
    [
        ("WASHINGTON (Reuters) -", "WASHINGTON (Reuters)"),
        ("PINE RIDGE, S.D. (AP) --", "PINE RIDGE, S.D. (AP)"),
        ("LONDON, June 3 (Reuters) -", "LONDON, June 3 (Reuters)"),
        ("BEIJING, September 16 (Xinhua) --", "BEIJING, September 16 (Xinhua)"),
        ("HIGHLAND, Calif. _", "HIGHLAND, Calif."),
        ("COEUR d'ALENE, Idaho _", "COEUR d'ALENE, Idaho"),
        ("DAR es SALAAM, Tanzania _", "DAR es SALAAM, Tanzania"),
        ("ARDMORE, Valdria (Northwind) —", "ARDMORE, Valdria (Northwind)"),
        ("NEW TOLVEY:", "NEW TOLVEY"),
        ("(Reuters) -", "(Reuters)"),
        # tokenised text puts a space before the comma
        ("Ardmore , Valdria ( Northwind ) -", "Ardmore , Valdria ( Northwind )"),
    ],
)
def test_inline_dateline_is_stripped_and_kept_as_metadata(lead: str, dateline: str) -> None:
    article = clean(doc(f"{lead} {BODY[0]}", BODY[1]))
    assert article.paragraphs[0] == BODY[0]
    assert article.dateline == dateline
    assert removed(article) == [("dateline", lead)]


def test_dateline_on_a_line_of_its_own() -> None:
    for text in ("Moscow:\n\n" + BODY[0], "New Delhi:\n" + BODY[0]):
        article = clean(RawDocument(text=text, origin="t"))
        assert article.text == BODY[0]
        assert article.dateline in {"Moscow", "New Delhi"}
        assert [r.kind for r in article.removed] == ["dateline"]


def test_a_dateline_after_the_headline_a_record_opens_with() -> None:
    # a scraped record's text often opens with its headline; the lead after it keeps its dateline
    article = clean(
        doc("Kessel dam gives way after three days of rain", f"TOLVEY (Reuters) - {BODY[0]}")
    )
    assert article.paragraphs[1] == BODY[0]
    assert article.dateline == "TOLVEY (Reuters)"
    # a first paragraph that is a sentence is the lead: nothing after it is a dateline
    later = "WASHINGTON (AP) -- A second story in a digest starts here and stays."
    assert clean(doc("The dam gave way at dawn, the operator said.", later)).removed == ()


def test_a_title_case_dateline_with_its_agency_after_a_run_in_headline() -> None:
    # a page's headline and caption run into a lead whose dateline is in title case
    head = "Crowds fill the square as the mayor speaks Some stayed all night in the rain "
    article = clean(doc(f"{head}Tolvey , Valdria (CNN) -- {BODY[0]}", BODY[1]))
    assert article.paragraphs[0] == BODY[0]
    assert article.dateline == "Tolvey , Valdria (CNN)"


def test_dateline_only_at_the_lead() -> None:
    later = "WASHINGTON (AP) -- A second story in a digest starts here and stays."
    article = clean(doc(*BODY, later))
    assert article.removed == ()
    assert article.dateline is None


def test_dateline_near_misses_stay() -> None:
    for lead in (
        "US - China talks resumed on Monday after a pause of three months, officials said.",
        "NATO allies met in Brussels on Tuesday to discuss the air campaign.",
        "Warning: the road to Tolvey remains closed to all traffic until further notice.",
        "BREAKING: The Kessel dam gave way at dawn, the operator said on Tuesday morning.",
        "UK: The government will publish its flood review next week, a minister said today.",
    ):
        assert clean(doc(lead, *BODY)).removed == ()


@pytest.mark.parametrize(
    ("head", "dateline"),
    [
        # a place and a page's time stamp before the wire dateline
        ("TOLVEY | Wed Mar 5, 2025 7:50 pm EDT TOLVEY (Reuters) -", "TOLVEY (Reuters)"),
        # a headline and standfirst, then the stamp
        ("Floods cut off the north Nine villages isolated Wednesday 5 March 2025 10.40 GMT", None),
        ("Wednesday, March 5, 2025; 10:10 AM", None),
        ("updated: Wed Mar 5 2025 08:01:00", None),
        # a headline or a photo credit before a dated dateline
        (
            "Floods Isolate Northern Villages KESSEL, Valdria, March 5 --",
            "KESSEL, Valdria, March 5",
        ),
        (
            "(By Jane Doe -- Northwind Press) KESSEL, Valdria, March 5 --",
            "KESSEL, Valdria, March 5",
        ),
    ],
)
def test_words_run_into_the_lead_before_a_stamp_or_dateline_go(
    head: str, dateline: str | None
) -> None:
    article = clean(doc(f"{head} {BODY[0]}", BODY[1]))
    assert article.paragraphs[0] == BODY[0]
    assert article.dateline == dateline
    assert removed(article)[0][0] == "header"


def test_run_in_head_near_misses_stay() -> None:
    for lead in (
        # a day with its weekday, year and hour in prose has no clock-time form
        "The talks that began on Wednesday, March 5, 2025 at dawn ended without a deal.",
        # capitals and a date with a dash inside a sentence, not after a head
        "Officials said the NATO envoys met in Kessel -- March 5 was the first day of talks.",
        # a stamp with nothing after it is all the paragraph is
        "Posted Wednesday 5 March 2025 10.40 GMT",
    ):
        assert clean(doc(lead, *BODY)).paragraphs[0] == lead


# --- captions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Rescue teams ferry residents from flooded streets. (Photo: Jane Doe / Northwind Press)",
        "Soldiers fill sandbags near the dam on Tuesday. (AFP Photo / Tom Lee)",
        "A man wades through water in the lower town. (Reuters)",
        "Photo: Getty Images",
        "Image credit: Valdria Herald",
        "File photo of the Kessel Dam spillway.",
        "The swollen river at dawn. Jane Doe/Getty Images",
        "Mayor Ada Venn (R) listens to engineer Tom Lee (C) at the dam's spillway, March 5, 2025.",
    ],
)
def test_captions_and_credits_are_removed(caption: str) -> None:
    article = clean(doc(caption, *BODY))
    assert removed(article) == [("caption", caption)]
    assert article.text == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "caption",
    [
        # An agency's file-photo caption runs long; its opening says what it is.
        "FILE - In this photo taken on Friday, March 7, 2024, volunteers stack sandbags along the "
        "river in the lower town of Kessel. The dam's operator said on Monday that the spillway "
        "had been inspected twice since the spring floods and that no crack had been found, and "
        "the regional council said repairs to the access road would start within the month, "
        "weather permitting, with a second inspection planned for the autumn before the rains.",
        "epa01234567 Soldiers patrol the dam's crest in Kessel, Valdria, 12 March 2024. The "
        "province declared an emergency after the river rose two metres overnight. EPA/JANE DOE",
        "Media caption The mayor thanked the volunteers who stacked sandbags through the night",
        "Crowds on the bridge at dawn [NORTHWIND/GETTY]",
    ],
)
def test_agency_and_page_captions_are_removed(caption: str) -> None:
    article = clean(doc(*BODY, caption))
    assert removed(article) == [("caption", caption)]


def test_furniture_lines_under_a_paragraph_go_and_the_paragraph_stays() -> None:
    # A page copied as text, its player's controls and a caption on lines of the paragraph.
    block = (
        "The mayor said the town would rebuild the bridge by the summer.\n"
        "Jump media player\nMedia player help\n"
        "Out of media player. Press enter to return or tab to continue.\n"
        "Media caption Volunteers worked through the night"
    )
    article = clean(doc(*BODY, block))
    assert (
        article.paragraphs[-1] == "The mayor said the town would rebuild the bridge by the summer."
    )
    assert [kind for kind, _ in removed(article)] == ["boilerplate"] * 3 + ["caption"]
    # Hard-wrapped prose is judged as one paragraph, whatever its lines begin with.
    wrapped = (
        "The council said the volunteers who answered its appeal\n"
        "were thanked on Tuesday; photo credit for the exhibition went\n"
        "to the town's archive, which lent its pictures."
    )
    assert clean(doc(*BODY, wrapped)).removed == ()


def test_short_first_line_ending_with_a_credit() -> None:
    caption = "Volunteers clear mud from a street. Tomas Orlen/Valdria Herald"
    assert removed(clean(doc(caption, *BODY))) == [("caption", caption)]
    # The same shape deep in the body, or a sentence ending in a slash pair, is not a caption.
    car = "The first car to carry the year 2000 on its papers is the new Dodge/Plymouth Neon."
    assert clean(doc(car, *BODY)).removed == ()


def test_long_paragraph_ending_in_agency_tag_is_not_a_caption() -> None:
    long_paragraph = " ".join(BODY * 4) + " (AP)"
    assert clean(doc(long_paragraph, *BODY)).removed == ()


# --- boilerplate -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Track latest news live on Coastline Daily",
        "Click here to join our channel on WhatsApp for breaking news updates.",
        "Follow us on X @RadioMeridian for live updates.",
        "Follow the latest tweets from our correspondents in Ardmore.",
        "Share this article on Facebook, X or WhatsApp",
        "Subscribe to our morning briefing for the latest news.",
        "Read more: Kessel Dam spillway damaged as rain keeps falling",
        "(With inputs from agencies)",
        "Copyright 2025 Northwind Press",
        "© 2025 Valdria Herald. All rights reserved.",
        "(Reporting by Ana Berg; Editing by Tom Lee)",
        "Additional reporting by Ana Berg; editing by Tom Lee.",
        "Reporting by Ana Berg in Kessel, Writing by Tom Lee; Editing by Jo Park",
        "Additional reporting by Ana Berg in Kessel and Tom Lee in Ardmore",
        "Editing by Tom Lee.",
        "For Use By Clients of the New York Times News Service",
        "Share your images and videos of the flood.",
        "As the vote nears on Sunday, we are asking readers to upload a photo to our Flickr group.",
        "Were you caught in the flood? Send us your photos and videos.",
        "Read more about the dam's history here.",
        "Read more at https://example.test/kessel-dam-history#more",
        "See related: Kessel Dam spillway damaged | Rain keeps falling",
        "Jump media player",
        "(See the mayor's statement on the flood in full.)",
        "coastline.example > News > Valdria",
        "Valdria Herald Subscribe Sign in",
        "©NPA",
        "Quality journalism costs money. Please share this article using the link below; do not "
        "cut & paste the article. See our Ts&Cs and Copyright Policy for more detail.",
        "Your comments may be published on the Valdria Herald's radio and web pages.",
        "Comments are not pre-screened before they appear under the story.",
        "We welcome comments that add to the story with facts, links and first-hand accounts.",
        "Views expressed in the comments are not those of Coastline Daily.",
        "By clicking on Register you agree with the Herald's Terms of Service and Privacy Policy.",
        "Please create a screen name.",
        "To watch this report JavaScript must be enabled in your browser.",
        "Can not play media.",
        "A version of this article appeared in print on March 21, 2025, on page A12.",
        "A version of this op-ed appeared in the print edition of The Valdria Herald on May 13.",
        "Flood barriers hold on the Serin Cannot play media.",
        "Sorry, this media is not available in your territory.",
        "Media playback is unsupported on your device",
        "Your browser does not support the video tag.",
        "Would you like to make this your default edition?",
        "You've selected the Valdria edition.",
        "The five most popular stories on valdriaherald.example in the past 24 hours.",
        "Purchases made through our links may earn us a commission.",
        "This post contains affiliate links. Read my full disclosure.",
        "If you buy through affiliate links, I may earn commissions at no cost to you.",
        "Curious what the ruling means for the dam? Read my new post: Why Kessel Dam Failed",
    ],
)
def test_sign_offs_are_removed(line: str) -> None:
    article = clean(doc(*BODY, line))
    assert removed(article) == [("boilerplate", line)]


def test_reporting_by_in_a_sentence_is_article_text() -> None:
    line = "Reporting by the Herald's flood desk showed the spillway had cracked twice before."
    assert removed(clean(doc(*BODY, line))) == []


@pytest.mark.parametrize(
    "note",
    [
        "ATTENTION EDITORS: The following photos are part of tonight's Harbour Wire photo package, "
        "moving Tuesday. Photo clients receive them automatically or may download them from the "
        "service's site; questions go to the photo desk at the number below, any time of day.",
        "The Marrowby Courier plans to move the following for clients of the Harbour Wire for "
        "editions of Friday and thereafter.",
        "-0- (To publish this article, it must be purchased from Harbour Wire Syndicate sales.)",
        "HARBOUR WIRE NEWS SERVICE",
        "Eds: Updates with the minister's statement in paragraph 4.",
    ],
)
def test_notes_to_editors_are_removed(note: str) -> None:
    article = clean(doc(*BODY, note))
    assert [(r.kind, r.reason) for r in article.removed] == [
        ("boilerplate", "a wire service's note to editors")
    ]


def test_readers_comments_under_a_copied_page_are_removed() -> None:
    comments = [
        "Will they ever rebuild the dam? March 3, 2025 at 7:59 pm | Report abuse | Reply",
        "The same happened in 1998 and nobody learned anything.",
        "March 3, 2025 at 10:04 pm | Report abuse | Totally agree with the first comment.",
    ]
    article = clean(doc(*BODY, *comments))
    assert article.text.split("\n\n") == BODY
    assert [r.kind for r in article.removed] == ["comments"] * 3


def test_a_time_and_a_bar_in_the_body_are_not_comments() -> None:
    body = [*BODY, "Sirens sounded at 7:59 pm | the river peaked an hour later, officials said."]
    assert clean(doc(*body)).text.split("\n\n") == body


def test_boilerplate_near_misses_stay() -> None:
    for paragraph in (
        "Residents who subscribe to the alert service received a warning at 3 am.",
        "Readers can share their photographs of the flood with the newsroom, the editor said.",
        "The copyright dispute over the dam's design was settled in 2004.",
        "Editors at the Valdria Herald said the dam story would move to the front page.",
        "The state news service said 40 homes were flooded.",
        "Read more than 200 letters from residents, the council urged its members.",
        "Pressure in the pipe rose > 40 bar and then > 50 bar before the valve failed.",
        "Residents who could not log in to the council's site were sent letters.",
        "Senator Ada Venn (R) said the dam would be rebuilt by 2027.",
        "The council said it welcomed comments from residents on the dam's repair plan.",
        "Engineers will follow the latest updates from the river gauges, the mayor said.",
        "The minister declined to comment on the inquiry's terms of reference.",
        "Its privacy policy was changed after the leak, the company said.",
        "The Herald's weekend edition sold out in Ardmore.",
        "The flood was the most read story of the year, the editor said.",
        "Agents earn a commission of 3 percent on every house sold in Ardmore, the council said.",
        "The election commission said 40 polling stations were flooded.",
        "Shops that add affiliate links to their posts saw sales rise, the survey found.",
        "Brokers could earn triple points on every booking, the airline said.",
        "Agents may earn a commission of 3 percent on every house sold, the council said.",
        "Creators can tag products or use affiliate links in captions, the platform said.",
    ):
        assert clean(doc(*BODY, paragraph)).removed == ()


def test_recurring_paragraphs_are_removed_only_when_given() -> None:
    footer = "The Valdria Herald is funded by its readers. Support independent reporting."
    raw = doc(*BODY, footer)
    assert clean(raw).removed == ()
    article = clean(raw, recurring=frozenset({normalise(footer)}))
    assert removed(article) == [("boilerplate", footer)]
    assert article.removed[0].reason == "recurs across articles of this source"


# --- duplicates --------------------------------------------------------------------------------


def test_block_printed_twice_keeps_the_first_copy() -> None:
    article = clean(doc(*BODY, *BODY))
    assert article.text == "\n\n".join(BODY)
    assert [r.kind for r in article.removed] == ["duplicate"] * 3
    assert [r.reason for r in article.removed] == [f"repeats paragraph {i}" for i in range(3)]


def test_near_duplicate_with_a_typo_is_removed() -> None:
    reprint = BODY[2] + " Helicopters would join the effort once low cloud lifted, it said."
    typo = reprint.replace("deployed", "deploued")
    article = clean(doc(BODY[0], reprint, BODY[1], typo))
    assert removed(article) == [("near-duplicate", typo)]
    assert article.removed[0].reason == "repeats paragraph 1"


def test_short_paragraph_with_one_word_changed_stays() -> None:
    """Below 0.9 token Jaccard: in a 15-word paragraph one changed word is a different sentence."""
    changed = BODY[2].replace("25 boats", "30 boats")
    assert clean(doc(*BODY, changed)).removed == ()


def test_partial_repeat_and_short_repeat_stay() -> None:
    partial = BODY[1] + " Two more bodies were found near Brannock on Wednesday morning."
    assert clean(doc(*BODY, partial)).removed == ()
    # A two-word reply said twice is not a reprint.
    assert clean(doc(BODY[0], "“No.”", BODY[1], "“No.”", BODY[2])).removed == ()


def test_paragraphs_sharing_an_opening_but_differing_stay() -> None:
    other = "At least two people died, the interior ministry said, but locals dispute the figure."
    assert clean(doc(*BODY, other)).removed == ()


# --- other stories and links to them ----------------------------------------------------------

OTHER_STORY = [
    "Harbour board plans record spending",
    "In related news, the harbour board expects to spend 40 million on new cranes next year.",
    "The board's chair said 12 berths would be rebuilt by 2027.",
]


def test_another_story_run_on_after_the_article_goes_with_its_headline() -> None:
    article = clean(doc(*BODY, *OTHER_STORY))
    assert article.text == "\n\n".join(BODY)
    assert [r.kind for r in article.removed] == ["other story"] * 3
    assert [r.paragraph for r in article.removed] == [3, 4, 5]


@pytest.mark.parametrize(
    "opening",
    [
        "In other news, a ferry ran aground near Ardmore.",
        "In separate news, the port reopened.",
        "Elsewhere in the news: rail strike ends.",
    ],
)
def test_other_announced_stories_go(opening: str) -> None:
    article = clean(doc(*BODY, opening, "Nobody was hurt in the grounding, the coastguard said."))
    assert article.text == "\n\n".join(BODY)


def test_the_same_story_going_on_stays() -> None:
    for paragraph in (
        "In other developments, four bridges were closed along the river.",
        "Separately, police said two men had been arrested for looting.",
    ):
        assert clean(doc(*BODY, paragraph)).removed == (), paragraph
    # No body yet: a record that opens this way is the story itself.
    assert clean(doc(OTHER_STORY[1], *BODY)).removed == ()


def test_a_related_box_goes_and_the_article_resumes_after_it() -> None:
    box = ("Related Coverage", "Dam Inspectors Warned of Cracks Last YearMARCH 3, 2025")
    article = clean(doc(BODY[0], *box, BODY[1], BODY[2]))
    assert article.text == "\n\n".join(BODY)
    assert removed(article) == [("related", box[0]), ("related", box[1])]


def test_a_list_of_links_under_a_label_goes() -> None:
    box = (
        "You may also be interested in the following articles:",
        "- Who pays for the new spillway? The board's answer",
        "- Ten years of floods on the Kessel, in maps",
    )
    article = clean(doc(*BODY, *box))
    assert article.text == "\n\n".join(BODY)
    assert [r.kind for r in article.removed] == ["related"] * 3


def test_related_near_misses_stay() -> None:
    # A heading after a list of teasers is the article's next section.
    box = ("Also read", "- Who pays for the new spillway?")
    heading = "What the engineers found"
    article = clean(doc(BODY[0], *box, heading, BODY[1], BODY[2]))
    assert [r.kind for r in article.removed] == ["related", "related", "subheading"]
    # A sentence is not a label.
    sentence = "More on that in a follow-up report on the dam."
    assert clean(doc(BODY[0], sentence, BODY[1])).removed == ()
    # A teaser card's "Read More" button opens no list.
    card = clean(doc(BODY[0], "Read More", "Rebuilding the Kessel Dam", BODY[1], BODY[2]))
    assert ("related", "Rebuilding the Kessel Dam") not in removed(card)


# --- subheadings and empty paragraphs ----------------------------------------------------------


def test_stand_alone_subheading_between_paragraphs() -> None:
    article = clean(doc(BODY[0], "A warning from 2019", BODY[1], BODY[2]))
    assert removed(article) == [("subheading", "A warning from 2019")]


def test_subheading_near_misses_stay() -> None:
    for paragraph in (
        "Nobody was hurt.",  # a short real sentence
        "“We could hear the river but we could not see it.”",  # a quote
        "“They knew,” said Marta Lind.",
        "The data above are from the water authority, which",  # a paragraph cut short
    ):
        assert clean(doc(BODY[0], paragraph, BODY[1])).removed == (), paragraph
    # A short first or last line is not "between paragraphs".
    assert clean(doc("Breaking news", *BODY, "Updated at 9 am")).removed == ()


def test_a_fact_box_row_stating_figures_is_not_a_subheading() -> None:
    rows = ("At least 12,018", "Izmit 4,179 dead, 10,759 injured", "Bolu 226 dead, 59 injured")
    for row in rows:
        assert clean(doc(BODY[0], row, BODY[1])).removed == (), row
    # A heading may hold a year, a list number or one small figure.
    for heading in ("5. The Top 10 apps for 2025", "Three lessons from 2019"):
        assert removed(clean(doc(BODY[0], heading, BODY[1]))) == [("subheading", heading)]


def test_empty_paragraphs_are_recorded() -> None:
    article = clean(doc(BODY[0], "------", BODY[1]))
    assert removed(article) == [("empty", "------")]


# --- recurring lines across a batch ------------------------------------------------------------

FOOTER = "The Valdria Herald is funded by its readers. Support independent reporting."
STORIES = [
    [
        "Engineers found damage to the spillway of the Kessel Dam on Wednesday.",
        "The authority said the main wall was sound and the spillway could be repaired.",
    ],
    [
        "The death toll from the floods rose to 21 on Saturday, police said.",
        "Six people remain missing, most of them from Tolvey and Hallin.",
    ],
    [
        "Rescue crews brought 53 people out of flooded homes in the past 24 hours.",
        "The town council said 1,200 buildings had been damaged in Ardmore.",
    ],
]


def test_find_recurring_learns_an_outlets_footer() -> None:
    docs = [doc(*story, FOOTER, source="The Valdria Herald") for story in STORIES]
    docs.append(doc(*BODY, source="Other Outlet"))
    assert find_recurring(docs) == frozenset({normalise(FOOTER)})
    articles = clean_batch(docs)
    assert [removed(a) for a in articles[:3]] == [[("boilerplate", FOOTER)]] * 3
    assert articles[3].removed == ()


def test_find_recurring_needs_enough_articles_of_one_source() -> None:
    docs = [doc(*story, FOOTER, source=f"Outlet {i}") for i, story in enumerate(STORIES)]
    assert find_recurring(docs) == frozenset()
    two = [doc(*story, FOOTER, source="Herald") for story in STORIES[:2]]
    assert find_recurring(two) == frozenset()
    assert find_recurring(two, min_count=2) == frozenset({normalise(FOOTER)})


def test_updates_of_one_story_are_not_boilerplate() -> None:
    """Three versions of one wire story repeat its paragraphs: that is content, not a footer."""
    versions = [
        doc(*BODY[: 2 + i % 2], f"Update {i}: the river is still rising.") for i in range(3)
    ]
    assert find_recurring(versions) == frozenset()


def test_find_recurring_validates_its_options() -> None:
    with pytest.raises(ValueError, match="min_count"):
        find_recurring([], min_count=1)
    with pytest.raises(ValueError, match="min_share"):
        find_recurring([], min_share=0.0)


# --- real data: DUC 2006 -----------------------------------------------------------------------


def _data_root() -> Path:
    override = os.environ.get("STORYLINE_DATA")
    return (
        Path(override)
        if override
        else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )


def _duc_documents(cluster: Path) -> list[RawDocument]:
    """DUC's SGML: <P> blocks inside <TEXT>; the source is the DOCNO's agency prefix."""
    docs = []
    for path in sorted(cluster.iterdir()):
        sgml = path.read_text(encoding="latin-1")
        body = re.search(r"<TEXT>(.*?)</TEXT>", sgml, re.S)
        docno = re.search(r"<DOCNO>\s*([A-Z]+)", sgml)
        if body is None or docno is None:
            continue
        paragraphs = re.findall(r"<P>(.*?)</P>", body.group(1), re.S) or [body.group(1)]
        text = "\n\n".join(p.strip() for p in paragraphs)
        docs.append(RawDocument(text=text, origin=str(path), source=docno.group(1)))
    return docs


def test_duc2006_removes_datelines_and_little_else() -> None:
    root = _data_root() / "duc2006" / "duc2006_docs"
    if not root.is_dir():
        pytest.skip(f"DUC 2006 not found at {root} (set STORYLINE_DATA)")
    clusters = sorted(p for p in root.iterdir() if p.is_dir())[:10]
    paragraphs = datelines = other = 0
    docs = 0
    for cluster in clusters:
        for article, raw in zip(
            clean_batch(raw_docs := _duc_documents(cluster)), raw_docs, strict=True
        ):
            docs += 1
            paragraphs += len(split_paragraphs(raw.text))
            datelines += article.dateline is not None
            for removal in article.removed:
                if removal.kind == "dateline":
                    continue
                other += 1
                # Only copies may be long: every other rule is for short lines.
                assert removal.kind == "duplicate" or len(removal.text.split()) <= 60, removal
    assert datelines / docs > 0.6  # APW and Xinhua always carry one; some NYT features do not
    assert other / paragraphs < 0.04


def test_characters_that_show_nothing_are_dropped_from_text_title_and_outlet() -> None:
    """A right-to-left override shows a headline's words backwards and a soft hyphen splits a
    place name ("\\xadSyria" in a real report): cleaning drops them, and spans found in the
    cleaned text still point into the input that holds them."""
    raw = (
        "Officers called it spillover from \xadSyria\u2019s war on Tuesday.\u200b\n\n"
        "\u202eThe border crossing\u202c stayed closed for a second day, officials said."
    )
    doc = RawDocument(
        text=raw, origin="a.txt", title="Border \u202eclosed\u202c", source="\ufeffHerald"
    )
    article = clean(doc)
    assert article.text == (
        "Officers called it spillover from Syria\u2019s war on Tuesday.\n\n"
        "The border crossing stayed closed for a second day, officials said."
    )
    assert (article.title, article.source) == ("Border closed", "Herald")
    start, end = locate(raw, "from Syria\u2019s war")
    assert raw[start:end] == "from \xadSyria\u2019s war"
    assert split_paragraphs(raw)[1].startswith("The border crossing")


def test_joiners_that_shape_scripts_and_emoji_stay() -> None:
    text = "A family \U0001f468\u200d\U0001f469\u200d\U0001f467 and the word \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 stay whole in this long paragraph."
    assert clean(RawDocument(text=text, origin="b.txt")).text == text
