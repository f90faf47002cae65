"""HTML pages to a RawDocument by two extractors compared (pure: a string in, a document out).

trafilatura finds the article body among menus, ads and comments, and reads the metadata (title,
author, site name, canonical URL; the date through htmldate). readability-lxml is a second,
independent voice for the body (news-please's idea: several extractors, a comparer picks): the
paragraphs it finds that trafilatura dropped are put back in page order, what trafilatura alone
keeps around the stretch both agree on is trimmed when it looks like page furniture (teaser lists,
labels, author bios and calls to action below the story; below it, whatever the page element
holding that stretch does not hold), captions, credit lines, site notices (affiliate links) and
the author's bio go, and readability replaces trafilatura when trafilatura returns too little
(keeping what trafilatura alone found). On the WCXB pages this
beats either alone, also on the pages where readability beats trafilatura, as it does on news
pages (``benchmarks/extraction.py``). Both are imported inside functions:
importing them costs about 0.3 s, which a run over JSONL or text files should not pay.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from storyline.clean import repeated
from storyline.clean.furniture import is_site_notice
from storyline.ingest.pagekind import (
    BEHIND_PAYWALL,
    not_an_article,
    paragraph_key,
    parse_page,
    paywall_markup,
    paywall_notices,
    word_count,
)
from storyline.ingest.records import parse_date
from storyline.models import PARAGRAPH_SEPARATOR, PARTIAL, READER, RawDocument, ReadError, Removal

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# htmldate: prefer the first-published date over "updated" stamps, which would move a story's
# events on the timeline to the day of the last typo fix.
_DATE_PARAMS = {"original_date": True, "extensive_search": True}
_NON_WORD = re.compile(r"[\W_]+")
# A picture's caption or credit line: readability keeps figure captions, trafilatura leaves them
# out, and so do most bodies a reader wants ("Jane Doe / Getty Images", "Photo by ...").
_CREDIT = re.compile(
    r"getty\s*images|shutterstock|istock|\breuters\b|associated press|\bap photo|\bafp\b"
    r"|(?:photo(?:graph)?s?|image|picture)\s*(?:by|:|credit)|^credits?\s*:|courtesy of|©",
    re.IGNORECASE,
)
# The author's bio ("Jane Doe is a reporter covering...", "Joe founded ..."): a paragraph that
# opens with the byline's name (the full name or, for a personal name of two or three
# capitalised words, its first word) and a verb that introduces a person, standing first or among
# the last ``BIO_TAIL`` paragraphs, under ``MAX_BIO_WORDS``. A story's own closing paragraph
# rarely introduces its writer. WCXB 0.9634 -> 0.9641: odd 0.9689 -> 0.9699, even 0.9579 ->
# 0.9582 (9 pages gain up to 0.08; 2 lose, where the benchmark keeps the bio or the byline is
# the name of the article's subject). The tail was set on the odd pages (2-5 alike); the even
# pages alone pick anything from 1 to 5.
_BIO_VERB = (
    r"(?:(?:is|was)\s+(?:a|an|the)\b|has\s+(?:been|written|worked|covered)\b"
    r"|started\b|founded\b|writes\b|covers\b|joined\b)"
)
_NAME_WORD = re.compile(r"[A-Z][\w.'\u2019-]*")
BIO_TAIL = 3
MAX_BIO_WORDS = 150
# The comparer's constants, set on the 400 WCXB dev pages (benchmarks/extraction.py):
# readability replaces trafilatura when trafilatura keeps under a fifth of its words.
MIN_FALLBACK_WORDS = 50
FALLBACK_SHARE = 0.2
# Outside the stretch both extractors agree on (before its first shared paragraph or after its
# last), what one extractor alone keeps is mostly page furniture. On the WCXB pages: blocks of
# trafilatura's own where 40%+ of the paragraphs are labels under 5 words ("Daily", "Dec 19,
# 2025", "Sponsored Content": teaser lists of other articles) are 9% article text; its lone
# paragraphs there under 15 words, about 30%. Both are dropped (0.9478 -> 0.9520 F1, both halves
# gaining). readability's own paragraphs there are put back only from 30 words (88% article text:
# the rest of a body trafilatura cut short; shorter ones, about half: 0.9555 -> 0.9560).
# Below the article the same 30-word bar holds for trafilatura's own paragraphs (what follows a
# news story is author bios, "book a demo" and donation pleas, disclaimers, teasers of other
# stories: 0.9578 -> 0.9582, odd +0.0003, even +0.0007; on the pages where readability beats
# trafilatura, 0.9638 -> 0.9660). Above it the lower bar stays: a standfirst of 15-30 words is
# article text (20-30 there move F1 by under 0.0001). Checked across halves: a bar below the
# article set on the odd pages alone (35) gains on the even ones (+0.0006); one set on the even
# pages alone (50) loses on the odd ones (-0.0002), so the shared 30 is kept.
# Labels were "under 5 words" until the rules below and in ``_shared`` leaned on them too; set
# again then on each half alone, both halves pick "under 4" (WCXB 0.9588 -> 0.9593: odd 0.9654
# -> 0.9659, even 0.9521 -> 0.9527; readability-favoured pages 0.9679 -> 0.9682).
LABEL_WORDS = 4
# Inside the agreed stretch readability's own paragraphs are put back unless they are labels.
# The bar was 10 words while the same text cut differently (table rows read without cell breaks)
# came back as "new" paragraphs; since those are recognised, shorter ones are mostly body (list
# items, short paragraphs): 10 -> 5 words, WCXB 0.9582 -> 0.9588 (odd +0.0009, even +0.0002;
# readability-favoured pages 0.9660 -> 0.9679). Across halves: the odd pages alone pick 1 word
# (even pages -0.0001), the even ones 4 (odd pages +0.0011); the label bar is used.
MIN_EXTRA_WORDS = LABEL_WORDS
TEASER_SHARE = 0.4
MIN_EDGE_WORDS = 15
MIN_OUTSIDE_EXTRA_WORDS = 30
# Caption and credit lines ("... Photo by Jane Doe", "Copyright (c) 2025 ...") go wherever they
# are: readability keeps figure captions, trafilatura some credits. Under 40 words (a longer
# paragraph naming Reuters or a photo is body): WCXB 0.9593 -> 0.9600 (odd 0.9659 -> 0.9663,
# even 0.9527 -> 0.9536; readability-favoured pages 0.9682 -> 0.9688). The odd pages alone pick
# 40 (even pages +0.0009), the even pages alone 60 (odd pages +0.0004); every bar from 10 to 60
# gains on both halves.
MAX_CREDIT_WORDS = 40
# Below the article, a paragraph of trafilatura's own stays only when the page element that holds
# the agreed stretch (the smallest one holding its first and last paragraph) holds it too: what
# follows a story outside its container is an author bio, a disclaimer, teasers of other stories
# with their excerpts, "book a demo". Applied when the agreed stretch is at least half of
# trafilatura's words; below that the stretch is a table or a list readability happened to agree
# on, and its container is not the article's. WCXB 0.9602 -> 0.9615: odd 0.9663 -> 0.9669, even
# 0.9539 -> 0.9560; readability-favoured pages 0.9691 -> 0.9720; no page loses more than 0.001.
# The share was set on the odd pages (0.4-0.55 alike there: 0.9666-0.9669) and holds on the even
# ones (0.3-0.55: 0.9560); with no share at all, two pages whose stretch is a table lose 0.4-0.6.
MIN_AGREED_SHARE = 0.5
# Class and id names of page furniture, trafilatura's own for it (its OVERALL_DISCARD_XPATH: the
# author box, newsletter and syndication boxes, the sidebar, banners, breadcrumbs, buttons), taken
# out of readability's body too. WCXB 0.9615 -> 0.9623: odd 0.9669 -> 0.9675, even 0.9560 ->
# 0.9569; readability-favoured pages 0.9720 -> 0.9727; no page loses more than 0.003. trafilatura's
# groups of names were tried one by one, and those kept gain on both halves (odd / even: author
# and byline +0.0005 / +0.0006, newsletter 0 / +0.0002, chrome +0.0002 / +0.0001). Navigation
# (-0.0041 on the odd pages), meta (-0.0027 / -0.0012), misc (-0.0021 odd) and embed (-0.0011
# odd) lose; share, tags, consent, ads, footer and related move neither half by 0.0003.
# Figure captions (<figcaption>) go too: WCXB 0.9623 -> 0.9630, odd 0.9675 -> 0.9680, even
# 0.9570 -> 0.9579 (30 pages gain, up to 0.07; 8 lose, one 0.04: figures whose captions the
# benchmark counts). Class names with "caption" as well gain less on the even pages (+0.0005).
_FURNITURE = re.compile(
    r"author|byline|newsletter|syndication|sidebar|banner|bread-?crumb|button", re.IGNORECASE
)
# Bounds on pages built to stall the extractors (a 5 MB page is under the fetch cap): lxml's
# parser compares each attribute of a tag with every one before it, so one tag of 20,000
# attributes (170 KB) cost 17 s over the seven parses of an extraction, and 600,000 would take
# hours; trafilatura's cost grows faster than the number of elements (64,000 paragraphs: 35 s).
# On the 400 WCXB pages the most start tags in a page are 4,592, and cutting every tag to its
# first 64 attributes (class and id come first) changes 23 pages' markup and no page's extracted
# text or metadata; so tags keep 64 attributes. The extractors then cost about 45 us per
# attribute and grow faster than the elements: a page of more than 25,000 elements or 100,000
# attributes (WCXB: at most 4,592 and 11,101) is refused; at those bounds a page takes ~5 s.
MAX_ATTRIBUTES = 64
MAX_ELEMENTS = 25_000
MAX_PAGE_ATTRIBUTES = 100_000
_START_TAG = re.compile(r"<[A-Za-z]")
# A start tag as an HTML parser reads it: a quote opens a value only after "=" (a stray quote is
# a character), and a quoted value may hold < and >. Possessive, one alternative per first
# character: the scan never backtracks, so hostile markup costs linear time (2.2 s over WCXB's
# 92 MB).
_TAG = re.compile(r"""<([A-Za-z][^\s/<>]*)((?:[^<>="']++|=\s*+(?:"[^"]*+"|'[^']*+')?|["'])*+)>""")
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?""")
# Elements whose text a reader never sees as the page's text.
_UNSEEN = frozenset(("head", "script", "style", "noscript", "template"))


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, looked for in its first bytes."""
    match = _META_CHARSET.search(head[:4096])
    return match[1].decode("ascii") if match else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


# A page's <title> often carries its site's name after a separator ("Storm closes port | Harbour
# Gazette") or, with a bar, before it. Citations and story labels name the outlet already. Cut only
# when the name is the page's own site name and at least two words are left: on the WCXB pages
# titles equal to the benchmark's headline go from 212 to 278 of 400 (100 -> 136 and 112 -> 142
# on each half), none made worse.
_SEPARATOR = r"\s+[|\-\u2013\u2014\u2022\u00b7\u00bb]+\s+"


def title_without_site(title: str | None, site: str | None) -> str | None:
    if not title or not site:
        return title
    name = re.escape(site)
    after = re.search(_SEPARATOR + name + r"\s*$", title, re.IGNORECASE)
    if after is not None and len(title[: after.start()].split()) >= 2:
        return title[: after.start()]
    before = re.match(name + r"\s+\|\s+", title, re.IGNORECASE)
    if before is not None and len(title[before.end() :].split()) >= 2:
        return title[before.end() :]
    return title


def _trafilatura(html: str, url: str | None) -> dict[str, object]:
    """trafilatura's fields (text, title, author, date, sitename, url); raises on hostile markup."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,  # WCXB: +0.011 F1 (figures in tables are article content)
        favor_recall=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if isinstance(doc, dict):
        return doc
    return doc.as_dict() if doc is not None else {}


def _checked_date(value: object, html: str, url: str | None) -> object:
    """The date trafilatura found, unless it is a bare year read as 1 January.

    htmldate's extensive search, when a page declares no date, reads a year in its text (a
    copyright line "(c) 2025", "since 2000") as that year's 1 January. On the WCXB pages 22 dates
    come out as 1 January and none is right (21 pages have no date, 2 another one); a loopback
    article of 2015 was dated 2025-01-01 by its footer. Such a date stands only when the
    metadata alone (no extensive search) gives it too: an article really published on
    1 January says so in its metadata."""
    if not isinstance(value, str) or not value.endswith("-01-01"):
        return value
    from htmldate import find_date

    plain = find_date(html, url=url, original_date=True, extensive_search=False)
    return value if plain == value else None


def _readability(html: str) -> tuple[list[str], str | None]:
    """readability-lxml's paragraphs and title; nothing when it fails (it is the second voice)."""
    from readability import Document

    from storyline.ingest.feeds import fragment_text

    try:
        document = Document(html)
        body = fragment_text(without_furniture(document.summary(html_partial=True)))
        title = document.short_title()
    except Exception:  # readability raises bare exceptions on unusual markup
        logger.debug("readability failed", exc_info=True)
        return [], None
    return _paragraphs(body), _clean(title)


def without_furniture(fragment: str) -> str:
    """readability's body without the elements whose class or id names them as furniture
    (``_FURNITURE``) and without figure captions, unless one holds half the text or more (then
    the name says little).

    readability scores blocks by their text and links and keeps an author's box or a newsletter
    box that sits inside the story's container; trafilatura drops them by these names, so its
    voice and readability's would disagree there, and readability's would be put back. The same
    holds for ``<figcaption>``: trafilatura leaves captions out, readability keeps them, and the
    long ones (over ``MAX_CREDIT_WORDS`` or naming no credit) came back as article text."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(fragment)
    except (etree.LxmlError, ValueError):
        return fragment
    total = len(root.text_content())
    named = [
        element
        for element in root.iterdescendants()
        if element.tag == "figcaption"
        or (
            isinstance(element.tag, str)
            and _FURNITURE.search(f"{element.get('class', '')} {element.get('id', '')}")
        )
    ]
    for element in named:  # one inside another dropped already goes with it, harmlessly
        if len(element.text_content()) < total / 2:
            element.drop_tree()
    return str(lxml_html.tostring(root, encoding="unicode"))


def _paragraphs(text: str) -> list[str]:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [line for line in lines if line]


def _letters(text: str) -> str:
    """``text`` with nothing but its letters and digits, to find the same words split
    differently ("requirementsMay" where the other extractor read "requirements | May")."""
    return _NON_WORD.sub("", text.casefold())


def _shared(paragraphs: list[str], other: list[str]) -> list[int]:
    """Positions of the ``paragraphs`` whose words ``other`` holds too, as a run of whole words
    (a paragraph may be part of a longer one there).

    Labels (under ``LABEL_WORDS`` words: "Share", "Australia", a date) are left out unless
    nothing else is shared: both extractors keep them in menus and footers too, and one shared
    label at the foot of a page stretched the "agreed" body over everything above it (WCXB
    0.9573 -> 0.9578, odd and even pages both gaining).
    """
    joined = f" {' '.join(paragraph_key(p) for p in other)} "
    shared = [
        i for i, p in enumerate(paragraphs) if (key := paragraph_key(p)) and f" {key} " in joined
    ]
    return [i for i in shared if len(paragraphs[i].split()) >= LABEL_WORDS] or shared


@dataclass(frozen=True)
class PageText:
    """A page's visible text as letters and digits only (``_letters``), with the stretch of it
    each element holds: where in the page's structure a paragraph an extractor kept sits."""

    text: str
    spans: tuple[tuple[int, int], ...]  # [start, end) in ``text``, one per element

    def container(self, first: str, last: str) -> tuple[int, int] | None:
        """The stretch of the smallest element holding paragraph ``first`` and, after it,
        ``last``; None when either is not in the page's text as it stands."""
        start = self.text.find(_letters(first))
        end = self.text.find(_letters(last), max(0, start))
        if start < 0 or end < 0:
            return None
        end += len(_letters(last))
        holding = (span for span in self.spans if span[0] <= start and span[1] >= end)
        return min(holding, key=lambda span: span[1] - span[0], default=None)

    def holds(self, span: tuple[int, int], paragraph: str) -> bool:
        letters = _letters(paragraph)
        return bool(letters) and self.text.find(letters, *span) >= 0


def page_text(html: str) -> PageText | None:
    """The page's ``PageText``; None when lxml cannot read the markup."""
    from lxml import etree

    root = parse_page(html)
    if root is None:
        return None
    parts: list[str] = []
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    size = unseen = 0  # unseen: how deep inside a script, a style, ... the walk is

    def read(text: str | None) -> None:
        nonlocal size
        letters = _letters(text or "")
        parts.append(letters)
        size += len(letters)

    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):
            if not unseen:
                read(element.tail)
        elif event == "start":
            if unseen or element.tag in _UNSEEN:
                unseen += 1
            else:
                starts.append(size)
                read(element.text)
        else:
            if unseen:
                unseen -= 1
            else:
                spans.append((starts.pop(), size))
            if not unseen and element is not root:
                read(element.tail)
    return PageText("".join(parts), tuple(spans))


def trim_edges(primary: list[str], second: list[str], *, html: str | None = None) -> list[str]:
    """``primary`` without its own paragraphs outside the stretch it shares with ``second``
    that look like page furniture: a whole block (before the first or after the last shared
    paragraph) when ``TEASER_SHARE`` of its paragraphs are labels, else the short ones
    (under ``MIN_EDGE_WORDS`` above the article, ``MIN_OUTSIDE_EXTRA_WORDS`` below it), and
    below it those the page element holding the stretch does not hold (``outside_article``)."""
    shared = _shared(primary, second)
    if not shared:
        return primary
    agreed = set(shared)
    drop: set[int] = set()
    for block, least in (
        (range(shared[0]), MIN_EDGE_WORDS),
        (range(shared[-1] + 1, len(primary)), MIN_OUTSIDE_EXTRA_WORDS),
    ):
        own = {
            i: n for i in block if i not in agreed and (n := len(paragraph_key(primary[i]).split()))
        }
        labels = sum(words < LABEL_WORDS for words in own.values())
        if own and labels >= TEASER_SHARE * len(own):
            drop.update(own)
        else:
            drop.update(i for i, words in own.items() if words < least)
    settled = agreed | drop  # once: per paragraph it made a 200k-paragraph page quadratic
    below = [i for i in range(shared[-1] + 1, len(primary)) if i not in settled]
    if html is not None and below:
        drop.update(outside_article(primary, shared, below, html))
    return [p for i, p in enumerate(primary) if i not in drop]


def outside_article(primary: list[str], shared: list[int], below: list[int], html: str) -> set[int]:
    """Which of the paragraphs ``below`` the agreed stretch (positions ``shared`` in
    ``primary``) the page element holding that stretch does not hold (``MIN_AGREED_SHARE``).

    Why the element: a story's own closing paragraphs sit in its container; the author bio,
    the disclaimer and the teasers with excerpts that follow it sit beside it. Parsing the page
    again costs about 12 ms, paid only on pages where trafilatura kept something below."""
    if word_count([primary[i] for i in shared]) < MIN_AGREED_SHARE * word_count(primary):
        return set()
    page = page_text(html)
    span = None if page is None else page.container(primary[shared[0]], primary[shared[-1]])
    if page is None or span is None:
        return set()
    return {i for i in below if not page.holds(span, primary[i])}


def merge_bodies(primary: list[str], second: list[str]) -> list[str]:
    """``primary`` plus the paragraphs of ``second`` it lacks (``MIN_EXTRA_WORDS`` or longer
    inside the stretch the two share, ``MIN_OUTSIDE_EXTRA_WORDS`` outside it), each placed after
    the last paragraph both share, so the result reads in page order.

    Why: trafilatura is the more precise of the two, but on a third of the WCXB pages where
    readability scores higher it has dropped whole stretches of the body (a section after a
    table or a pull quote); readability's extra paragraphs put them back. A paragraph whose
    letters ``primary`` already holds (the same text cut differently) is not added again: WCXB
    0.9563 -> 0.9573, odd and even pages both gaining, and no constant to set.
    """
    keys = [paragraph_key(p) for p in primary]
    joined = " ".join(keys)
    letters = _letters(" ".join(primary))
    shared = _shared(second, primary)
    merged = list(primary)
    anchor = 0  # insert position in ``merged``
    for position, paragraph in enumerate(second):
        key = paragraph_key(paragraph)
        if not key:
            continue
        if key in joined:
            where = next((i for i, k in enumerate(keys) if key in k), None)
            anchor = anchor if where is None else where + 1
        elif _letters(paragraph) in letters:
            continue  # the same text cut differently: a table row read without cell breaks
        elif len(key.split()) >= (
            MIN_EXTRA_WORDS
            if not shared or shared[0] < position < shared[-1]  # sharing nothing: no edges known
            else MIN_OUTSIDE_EXTRA_WORDS
        ):
            merged.insert(anchor, paragraph)
            keys.insert(anchor, "")
            anchor += 1
    return merged


def rebroken(primary: list[str], second: list[str]) -> list[str]:
    """readability's paragraphs when trafilatura read the whole body as one paragraph that holds
    nearly all of them (a page whose text is separated by ``<br>``, not ``<p>``), else
    ``primary``. One paragraph of a thousand words defeats the cleaner, which works paragraph by
    paragraph (captions, sign-offs, datelines, a paragraph printed twice)."""
    if len(primary) != 1 or len(second) < 2:
        return primary
    held = word_count([second[i] for i in _shared(second, primary)])
    if held < 0.9 * word_count(second) or word_count(second) < 0.8 * word_count(primary):
        return primary  # readability read other text, or much less of it
    return second


def choose_body(primary: list[str], second: list[str], html: str) -> tuple[list[str], str]:
    """The body to keep and which extractor(s) made it."""
    primary = rebroken(primary, second)
    found, kept = word_count(second), word_count(primary)
    if found >= MIN_FALLBACK_WORDS and kept < FALLBACK_SHARE * found:
        # trafilatura found (almost) nothing of the body, but what it found may be a part
        # readability missed (a FAQ after the story): put that back the same way
        merged = merge_bodies(second, primary)
        return merged, "readability" if merged == second else "readability+trafilatura"
    # a second voice that found little (a teaser, a failed read, the code blocks of a tutorial)
    # is no measure of what is furniture: the same share the other way round as above
    trusted = found >= MIN_FALLBACK_WORDS and found >= FALLBACK_SHARE * kept
    body = trim_edges(primary, second, html=html) if trusted else primary
    merged = merge_bodies(body, second)
    return merged, "trafilatura" if merged == body else "trafilatura+readability"


def is_credit_line(paragraph: str) -> bool:
    """A picture's caption with its credit, a copyright line or a site's notice (its affiliate
    links, comments, the media player: ``is_site_notice``), not the article's text.

    The cleaner drops such notices too, but the reader's own output (``storyline extract``,
    the extraction benchmark) should not hold them. Site notices under ``MAX_CREDIT_WORDS``:
    WCXB 0.9632 -> 0.9634, odd 0.9684 -> 0.9689, even +0.00003 (13 affiliate notices on 13
    pages dropped, none in the benchmark's text; no page loses)."""
    if len(paragraph.split()) >= MAX_CREDIT_WORDS:
        return False
    return _CREDIT.search(paragraph) is not None or is_site_notice(paragraph)


def without_author_bio(body: list[str], author: str | None) -> list[str]:
    """``body`` without the paragraph, first or among the last ``BIO_TAIL``, that introduces
    its ``author`` (see ``_BIO_VERB``): the outlet's note on its writer, not the story."""
    names: set[str] = set()
    for part in re.split(r"[;,]| and ", author or ""):
        words = part.split()
        if 2 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(word) for word in words):
            names.update((" ".join(words), words[0]))
    if not names:
        return body
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    bio = re.compile(rf"^\(?(?:{alternatives})\s+{_BIO_VERB}")
    edges = {0, *range(len(body) - BIO_TAIL, len(body))}
    return [
        paragraph
        for i, paragraph in enumerate(body)
        if i not in edges
        or len(paragraph.split()) >= MAX_BIO_WORDS
        or bio.search(paragraph) is None
    ]


class TooComplex(ValueError):
    """More markup than an article page has (``MAX_ELEMENTS``, ``MAX_PAGE_ATTRIBUTES``)."""


def bounded_markup(html: str) -> str:
    """``html`` with every start tag cut to its first ``MAX_ATTRIBUTES`` attributes.

    Raises ``TooComplex`` for a page over ``MAX_ELEMENTS`` elements or ``MAX_PAGE_ATTRIBUTES``
    attributes: extracting it would stall the pages after it.
    """
    elements = len(_START_TAG.findall(html))
    if elements > MAX_ELEMENTS:
        raise TooComplex(f"has {elements:,} HTML elements (the limit is {MAX_ELEMENTS:,})")
    total = 0

    def trim(match: re.Match[str]) -> str:
        nonlocal total
        if len(match.group(2)) < 3:  # no attribute, or one of a letter
            total += 1
            return match.group(0)
        attributes = _ATTRIBUTE.findall(match.group(2))
        total += len(attributes)
        if len(attributes) <= MAX_ATTRIBUTES:
            return match.group(0)
        return f"<{match.group(1)} {' '.join(attributes[:MAX_ATTRIBUTES])}>"

    bounded = _TAG.sub(trim, html)
    if total > MAX_PAGE_ATTRIBUTES:
        raise TooComplex(f"has {total:,} HTML attributes (the limit is {MAX_PAGE_ATTRIBUTES:,})")
    if _too_deep(bounded):
        raise TooComplex(
            "nests its elements more than 255 deep, where lxml (which both extractors use) "
            "stops reading, so its article text would be lost and the page's menus kept instead"
        )
    return bounded


def _too_deep(html: str) -> bool:
    """Whether lxml stops reading ``html`` at its depth limit. Without this a page nested 300
    deep gave the article "Home / World / Sport", its navigation. One more parse, about 2% of
    an extraction; no WCXB page reaches the limit."""
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        return False  # the extractors report what they cannot parse
    return any("Excessive depth" in error.message for error in parser.error_log)


def _without_notices(body: list[str], *, author: str | None) -> tuple[list[str], list[Removal]]:
    """``body`` without what the reader drops as not the article, and those cuts recorded
    (paragraph ``READER``): captions, credit lines and site notices, the author's bio, a second
    copy of a paragraph, a paywall's notices."""
    removed: list[Removal] = []
    kept: list[str] = []
    for p in body:
        if is_credit_line(p):
            kind = "caption" if _CREDIT.search(p) else "boilerplate"
            removed.append(Removal(kind, p, "caption, credit line or site notice", READER))
        else:
            kept.append(p)
    body = without_author_bio(kept, author)
    bio = set(kept) - set(body)
    removed += [Removal("boilerplate", p, "the author's bio", READER) for p in kept if p in bio]
    # A page that prints its text twice (a mobile and a desktop copy, a repeated pull quote)
    # keeps one copy: WCXB 0.9520 -> 0.9555 F1; the cleaner would cut them anyway.
    copies = repeated(body)
    notices = set(paywall_notices(body))
    removed += [Removal("duplicate", body[i], "printed twice on the page", READER) for i in copies]
    removed += [Removal("boilerplate", body[i], PAYWALL_NOTICE, READER) for i in notices]
    return [p for i, p in enumerate(body) if i not in copies and i not in notices], removed


PAYWALL_NOTICE = "a paywall's notice"


def extract_html(html: str, *, origin: str, url: str | None = None) -> ExtractedPage | ReadError:
    """Main text and metadata of one page, by two extractors compared (see the module doc)."""
    if not html.strip():
        return ReadError(origin, "contains only whitespace; there is no HTML to read.")
    try:
        html = bounded_markup(html)
    except TooComplex as err:
        return ReadError(
            origin,
            f"{err}: more markup than an article page has, so it was not extracted (it would "
            "stall the pages after it). Save the article's own part of the page, or give its "
            "text as a .txt file.",
        )
    try:
        fields = _trafilatura(html, url)
    except Exception as err:  # trafilatura/lxml raise many types on hostile markup
        logger.debug("trafilatura failed on %s", origin, exc_info=True)
        return ReadError(origin, f"could not be parsed as HTML ({type(err).__name__}: {err}).")
    text = fields.get("text")
    primary = _paragraphs(text) if isinstance(text, str) else []
    second, second_title = _readability(html)
    body, extractor = choose_body(primary, second, html)
    body, removed = _without_notices(body, author=_clean(fields.get("author")))
    if not body:
        return ReadError(
            origin,
            "has no article text that could be extracted from its HTML (it may be a page built "
            "by JavaScript, a redirect or a login wall); save the rendered article, or give its "
            "text as a .txt file.",
        )
    notice = next((r.text for r in removed if r.reason == PAYWALL_NOTICE), None)
    paywall = f"the page shows a paywall's notice: “{notice}”" if notice else paywall_markup(html)
    if (why := not_an_article(body, html, paywalled=paywall is not None)) is not None:
        return ReadError(origin, f"{why}.")
    if paywall is not None:  # kept, but said to be partial wherever the article is shown
        removed.append(Removal(PARTIAL, paywall, BEHIND_PAYWALL, READER))
    source = _clean(fields.get("sitename"))
    title = title_without_site(_clean(fields.get("title")) or second_title, source)
    # trafilatura keeps the <h1> in the body; the title field already holds it.
    if title and len(body) > 1 and body[0].casefold() == title.casefold():
        body = body[1:]
    document = RawDocument(
        text=PARAGRAPH_SEPARATOR.join(body),
        origin=origin,
        title=title,
        source=source,
        url=_clean(fields.get("url")) or url,
        byline=_clean(fields.get("author")),
        published=parse_date(_checked_date(fields.get("date"), html, url)),
        removed=tuple(removed),
    )
    return ExtractedPage(document, extractor)


def parse_html(html: str, *, origin: str, url: str | None = None) -> RawDocument | ReadError:
    """Main text and metadata of one page; scripts, styles, navigation and comments are left out.

    ``url`` is where the page came from, if known; the page's own canonical URL wins.
    """
    page = extract_html(html, origin=origin, url=url)
    return page if isinstance(page, ReadError) else page.document


@dataclass(frozen=True)
class ExtractedPage:
    """What ``storyline extract`` shows: the document kept from a page, and how it was made."""

    document: RawDocument
    extractor: str  # which extractor's body was kept

    def to_dict(self) -> dict[str, object]:
        d = self.document
        return {
            "title": d.title,
            "author": d.byline,
            "date": d.published.isoformat() if d.published else None,
            "site": d.source,
            "url": d.url,
            "extractor": self.extractor,
            "text": d.text,
            # what the reader dropped as not the article, to audit (captions, notices, a bio)
            "removed": [{"kind": r.kind, "text": r.text, "reason": r.reason} for r in d.removed],
        }


def extract_page(data: bytes, *, origin: str, url: str | None = None) -> ExtractedPage | str:
    """Decode and extract a saved page; a problem comes back as a message naming ``origin``."""
    from storyline.ingest.decoding import decode_bytes

    text = decode_bytes(data, origin=origin, declared=declared_charset(data))
    if isinstance(text, ReadError):
        return str(text)
    page = extract_html(text, origin=origin, url=url)
    return str(page) if isinstance(page, ReadError) else page
