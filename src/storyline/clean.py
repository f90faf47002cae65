"""Noise removal: take out what an outlet's page adds around the story, and record every cut.

A reader hands us the text it found; news pages pad it with photo captions, datelines, sign-off
lines ("Click here to join our channel"), notices about comments and accounts, stand-alone
subheadings, blocks a CMS printed twice, and lines one outlet puts under every article. Left in,
they become "sentences" that a summarizer can pick and cite. Each rule is deliberately narrow (short
paragraphs, anchored patterns) because cutting a real sentence is worse than leaving a caption in;
every cut is a :class:`~storyline.models.Removal`, so a user can audit what went and why.

The functions are pure: no I/O, no module state beyond compiled patterns."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.models import PARAGRAPH_SEPARATOR, Article, RawDocument, Removal, content_id
from storyline.text import HEADLINE_MAX_WORDS, STOPWORDS

__all__ = ["clean", "clean_batch", "find_recurring", "normalise", "split_paragraphs"]

log = logging.getLogger(__name__)

# Paragraphs at most this long (about 60 words) may be judged captions or boilerplate: real
# sign-offs and credits are short, so a long paragraph that happens to start with "Follow" or end in
# "(AP)" is left alone. Characters, not words, so the check costs nothing.
_SHORT_CHARS = 400
# Credits sit at the end of a caption; only this much of its tail is searched.
_TAIL_CHARS = 80
# Near-duplicate threshold on token-set Jaccard. 0.9 catches a block reprinted with a typo fixed or
# a number changed, and keeps a paragraph that repeats only one sentence of an earlier one.
_NEAR_DUPLICATE = 0.9
# Near-copies are looked up by their first and last this many characters (see _Seen).
_ANCHOR_CHARS = 40
# Near-duplicate checks need enough tokens to mean something ("He said." / "She said." is no copy).
_NEAR_MIN_TOKENS = 6
# An exact copy shorter than this is kept: "No." said twice by two people is not a reprint.
_EXACT_MIN_TOKENS = 3
# Subheadings: short, no final punctuation. 12 words covers "How the dam failed" and
# "Death toll rises as rescuers reach cut-off villages in the north".
_SUBHEADING_WORDS = 12
_SUBHEADING_CHARS = 90

# A figure standing on its own ("3,046", "58", "4.6"), not part of a name ("S80", "G-20").
_FIGURE = re.compile(r"(?<![\w.,-])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.,-])\d+(?:\.\d+)?(?![\w-])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_ALNUM = re.compile(r"[^\W_]")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A word of a place in capitals; later words may carry a lower-case elision or particle, as
# NYT datelines write them ("COEUR d'ALENE, Idaho _", "DAR es SALAAM _").
_CAPS_PLACE = (
    r"[A-Z][A-Z.'’\-]+(?:\s+(?:(?:[a-z]{1,2}['’])|(?:de|du|da|del|la|le|el|es|al|di)\s+)?"
    r"[A-Z][A-Z.'’\-]*)*"
)
_TITLE_PLACE = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2})?"
_DATE = rf"(?:,?\s*{_MONTH}\s+\d{{1,2}})?"
_AGENCY = r"\s*\([^()\n]{1,40}\)"
# "PINE RIDGE, S.D. (AP) --", "LONDON, June 3 (Reuters) -", "Ardmore, Valdria (Northwind) —"
_DATELINE_AGENCY = re.compile(
    rf"^(?P<dateline>(?:{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION}{_DATE}{_AGENCY}"
    # "(Reuters) - Cyprus will ...": a copy whose place was cut off keeps its agency
    r"|\((?:Reuters|AP|AFP|CNN|Xinhua|PTI|ANI|IANS|UPI|dpa|Bloomberg)\))\s*(?:--|[-—–_:])\s+"
)
# "LONDON _ Which new play", "HIGHLAND, Calif. _ A century": no agency, so demand an all-caps place
# and a dash that is not a plain hyphen ("US - China talks" is not a dateline).
_DATELINE_PLAIN = re.compile(rf"^(?P<dateline>{_CAPS_PLACE}{_REGION}{_DATE})\s*(?:--|[—–_])\s+")
# "LOS ANGELES: Michelle Obama ...", "NEW DELHI: The ...": a place in capitals and a colon, as
# Indian and Gulf outlets write it; not a label in capitals ("BREAKING:", "UPDATE:", "UK:").
_DATELINE_COLON = re.compile(rf"^(?P<dateline>{_CAPS_PLACE}{_REGION}{_DATE}):\s+(?=[A-Z0-9\"“‘'])")
_NOT_PLACES = frozenset(
    (
        *"""breaking update updated exclusive watch video videos photos photo live analysis
        opinion editorial note warning correction comment review interview explainer factbox
        timeline""".split(),
        "editor's note",
        "q&a",
    )
)
# "ON PRISONS: ...", "FOR THE RECORD: ...": a column's label, not a place.
_LABEL_OPENERS = frozenset("on in at for of from with by about to re".split())
# "Moscow:" or "New Delhi, June 3:" on a line of its own.
_DATELINE_LINE = re.compile(rf"^(?P<dateline>{_TITLE_PLACE}{_DATE})\s*:$")

# A page's time stamp: a weekday, a date with its year and a clock time ("Fri Apr 24, 2009 7:50 pm
# EDT", "Sunday 26 April 2009 10.40 BST", "Tuesday, September 30, 2008; 10:10 AM", "updated: Sun
# Jul 29 2012 08:01:00"). Prose names a day with its weekday, year and minute together only in a
# stamp.
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?"
_STAMP = re.compile(
    rf"\b{_WEEKDAY},?\s+(?:{_MONTH}\s+\d{{1,2}},?|\d{{1,2}}\s+{_MONTH})\s+(?:19|20)\d\d"
    r"\s*[,;|]?\s*\d{1,2}[:.]\d\d(?:[:.]\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}\b)?"
    r"\s*[|:,-]?\s+"
)
# A dateline after words run into the lead: a headline or a photo credit that the page printed
# on the same line ("Sarkozy Advocates Systemic Change After Crisis TOULON, France, Sept. 25 --",
# "(By Linda Davidson -- The Washington Post) OXFORD, Miss., Sept. 26 --", "... WASHINGTON
# (Reuters) -"). Off the start of the line a dateline needs its date or its agency.
_LATE_DATELINE = re.compile(
    rf"(?<=\s)(?P<dateline>{_CAPS_PLACE}{_REGION}(?:,?\s*{_MONTH}\s+\d{{1,2}}\s*(?:--|[—–])"
    r"|(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((?:Reuters|AP|AFP|Xinhua|Bloomberg)\)"
    r"\s*(?:--|[-—–]))\s+)"
)
# The head of a lead these may cut: about two headlines' worth.
_HEAD_CHARS = 300

_CREDIT_WORD = r"(?:photo(?:graph)?|image|picture|pic|file photo|video|illustration)s?"
# Patterns are joined into one alternation per anchor: one regex call per paragraph, not twenty.
_CAPTION_HEAD = re.compile(
    "|".join(
        (
            # "Photo: Getty Images", "Image credit: ...", "File photo: ..."
            rf"{_CREDIT_WORD}\s*(?:credit)?\s*[:/|]",
            r"(?:image|photo) credit\b",
            r"file photo\b",
            # A page's caption label: "Media caption ...", "Image copyright AFP"
            r"(?:media|image|video) (?:caption|copyright)\b",
        )
    ),
    re.IGNORECASE,
)
# Caption openings no body paragraph has, whatever the caption's length (agencies' file-photo
# captions run to three sentences): AP's "FILE - In this photo ...", an EPA or AFP picture's id
# ("epa05024691 French soldiers patrol ...").
_STRONG_CAPTION_HEAD = re.compile(r"FILE\s*[-–—]\s|(?:epa|afp)\d{5,}\s")
_STRONG_CAPTION_CHARS = 1200
_CAPTION_TAIL = re.compile(
    "(?:"
    + "|".join(
        (
            # "... (AFP Photo / Tom Lee)", "... (Photo: Jane Doe / Northwind Press)", "(File photo)"
            rf"\((?:[A-Z]{{2,}}\s+)?{_CREDIT_WORD}\b[^()]*\)",
            # "... Getty Images", "... (Reuters)", "... /AFP", "... (AP Photo/Jane Doe)"
            r"(?:getty images|shutterstock)\W*",
            r"\((?:reuters|ap|afp|epa|xinhua|ani|pti)\)",
            r"/\s*(?:reuters|ap|afp|epa|getty)\s*\)?",
            # "... New Democracy [GALLO/GETTY]", "... EPA/CHRISTOPHE PETIT" (a photographer
            # named in capitals after the agency)
            r"\[[^\[\]]{0,40}/\s*(?:getty|afp|reuters|ap|epa)\b[^\[\]]*\]",
            r"(?-i:\b(?:EPA|AFP|AP|REUTERS)\s*/\s*[A-Z][A-Z.'\- ]+)",
        )
    )
    + r")\s*$",
    re.IGNORECASE,
)
# Where people stand in a picture, as agencies' captions say it: "Ban Ki-moon (R) listens to
# Margaret Chan (C)", "Jane Doe (2nd L)". Two of them in a short paragraph make it a caption; one
# alone may be a party ("Rep. John Boehner (R)") or a trade mark.
_POSITION = re.compile(
    r"\((?:(?:\d(?:st|nd|rd|th)|second|third) (?:from )?)?(?:[LRC]|L-R|left|right|cent(?:er|re))\)"
)
# A short first line that ends with "Name Surname / Outlet" (no final stop): a caption whose credit
# has no keyword.
_TRAILING_CREDIT = re.compile(r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+)*\s*/\s*[A-Z][\w.'’&\- ]*\w$")

_BOILERPLATE = re.compile(
    "|".join(
        (
            r"track (?:the )?latest\b.*\blive on\b",
            r"click here\b",
            r"(?:follow|like) (?:us|@)",
            r"follow\b.{0,40}\bon (?:twitter|x|facebook|instagram|telegram|whatsapp|youtube)\b",
            r"follow (?:the |our )?(?:latest |live )?(?:tweets|updates|coverage|developments)\b",
            r"share (?:this|on|via)\b",
            r"subscribe (?:to|now|for|here|today)\b",
            r"sign up (?:for|to|now)\b",
            r"(?:join|get) (?:us|our)\b.{0,60}\b(?:channel|newsletter|alerts)\b",
            r"download (?:the|our)\b.{0,30}\bapp\b",
            r"(?:read more|also read|read also|see also|see related|related)\s*(?:[:\-—–|]|$)",
            # "Read more about the raids here.", "Read more at http://...", "See related: ..."
            r"(?:read|see|find out|learn) more\b.{0,120}\bhere\W*$",
            r"read more (?:at|on)\s+(?:https?://|www\.)",
            # "Curious what the deal means? Read my new post: Lenovo Was Right To Buy Motorola"
            r".{0,120}\bread (?:my|our) (?:new |latest |full |previous |earlier )?"
            r"(?:post|story|article|review|piece|column)\s*:",
            r"see related\b",
            # A media player's controls copied as text (BBC: "Jump media player", "Media player
            # help", "Out of media player. Press enter to return or tab to continue.")
            r"(?:play|jump) media\b|media player help\b|out of media player\b",
            r"\(?with inputs? from\b",
            r"(?:copyright|\(c\))\s|©",
            r"\((?:additional )?(?:reporting|writing|editing) by\b.*\)$",
            r"for use by (?:clients|subscribers)\b",
            r"\(?distributed by\b",
            r"(?:story continues below )?advertisement$",
            # A magazine's link to its gallery: "(See pictures of the Obamas in Europe.)"
            r"\((?:see|watch|read|photos?|video)\b[^()]{0,150}\)$",
            r"this (?:story|article) (?:was|has been)\b.{0,30}\b(?:published|appeared)\b",
            r"share your (?:own )?(?:photos|pictures|images|videos|stories|views)\b",
        )
    ),
    re.IGNORECASE,
)

# A wire service's note to the editors and clients who receive its copy, not to readers ("ATTENTION
# EDITORS: The following photos...", "... plans to move the following for clients of the ... News
# Service", "(To publish this article, it must be purchased ...)", "NEW AMERICA NEWS SERVICE").
# Matched at the paragraph's start whatever its length: such notes run long.
_SERVICE_NOTE = re.compile(
    r"(?:attention,? editors?\b|editors?:|\(?eds?:"
    r"|.{0,160}\b(?:move|moving|moved) the following\b.{0,80}\bclients\b"
    r"|(?:-0-\s*)?\(?to publish this (?:article|story)\b"
    r"|[a-z .&'-]{0,40}\bnews service$)",
    re.IGNORECASE,
)

# An outlet's appeal to its readers, wherever in a short paragraph it comes ("As the vote nears,
# we are asking readers to upload a photo to our Flickr group"); searched only when one of
# _APPEAL_WORDS is in the paragraph, since few are.
_APPEAL = re.compile(
    r"\b(?:we(?:'re| are) asking (?:our )?readers|send us your "
    r"(?:photos|pictures|images|videos|stories|views)|(?:to|in) our flickr group)\b",
    re.IGNORECASE,
)
_APPEAL_WORDS = ("readers", "send us", "flickr")

# A site's navigation: "ft.com > World > Europe" (searched only in a paragraph with ">" or "»"),
# or a short line ending "Subscribe Sign in" (only where the paragraph ends so).
_NAVIGATION = re.compile(r"(?:[^>»\d!?]{1,40}\s[>»]\s*){2,}")
_SIGN_IN = re.compile(r"[^.!?]{0,80}\b(?:sign in|log in)$", re.IGNORECASE)

# A site's notice about copying its text ("Please share this article with others using the link
# below, do not cut & paste the article. See our Ts&Cs and Copyright Policy ..."), wherever it
# starts; searched only when one of _NOTICE_WORDS is in the paragraph.
_NOTICE = re.compile(
    r"\bdo not (?:cut|copy) (?:&|and) paste\b|\bts&cs\b|\bcopyright policy\b"
    r"|\bbuy additional rights\b",
    re.IGNORECASE,
)
_NOTICE_WORDS = ("paste", "ts&cs", "copyright", "rights")
_NOTICE_CHARS = 800

# A site's notices to its readers about the page's own machinery: the comment box ("Your comments
# may be published ...", "Comments are not pre-screened ..."), accounts and their terms ("By
# clicking on sign up you agree with ... Privacy Policy", "Please create a screen name"), the
# edition picker, the media player ("To play this content JavaScript must be turned on"), the list
# of the site's most read stories and its affiliate links ("Purchases made through our links may
# earn us a commission"). Scraped pages keep them under many articles, and being repeated, they
# look central to a summarizer. Searched only when one of _SITE_WORDS is in the paragraph.
_SITE_NOTICE = re.compile(
    r"\byour comments (?:may|will|are)\b|\b(?:send us|edit) your comments\b"
    r"|\bcomments? (?:are|is|will be) (?:not )?(?:pre-?screened|moderated)\b"
    r"|\bwe welcome (?:your )?comments\b|\bviews expressed in (?:the )?comments\b"
    r"|\byou (?:agree|are consenting|consent)\b.{0,200}"
    r"\b(?:privacy policy|terms of (?:service|use))"
    r"|\b(?:privacy policy|terms of (?:service|use))\b.{0,200}\byou agree\b"
    r"|\bjavascript (?:must|needs to) be (?:turned on|enabled)\b"
    r"|\bmake this your default edition\b|\byou(?:'ve| have) selected the\b.{0,30}\bedition\b"
    r"|\b(?:create|choose|select) (?:a|your) screen name\b"
    r"|\bmost (?:popular|read|viewed|shared|e-?mailed) (?:stories|articles)\b"
    r"|\b(?:purchases|links?|buy|shop)\b.{0,80}\bearn (?:us )?(?:an? )?(?:small )?(?:affiliate )?"
    r"commission|\bwe (?:may )?(?:receive|earn|get) (?:an? )?(?:small )?(?:affiliate )?commission\b"
    r"|\bas an amazon associate\b",
    re.IGNORECASE,
)
_SITE_WORDS = (
    "comment",
    "privacy",
    "terms of",
    "javascript",
    "edition",
    "screen name",
    "most ",
    "commission",
    "amazon associate",
)

# Readers' comments under a page copied as text: each signed off with its time and the site's
# moderation links ("January 27, 2011 at 7:59 pm | Report abuse | Reply"). From the first of
# them on, the text is the readers', not the outlet's.
_COMMENT_MARK = re.compile(
    r"\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|\s*(?:report abuse|reply|flag)\b|\|\s*report abuse\s*\|",
    re.IGNORECASE,
)

# Another story run on after the article: a page (or its extractor) appends the next item of a
# news feed, announced as such ("In related news, analysts expect ...", "In other news, ..."). From
# there on the text is that other story's: its figures, dates and quotes would enter this article's
# summary, timeline and facts. "In other developments" and "Separately," stay: they carry on the
# same story (an earthquake's other damage, a crackdown's other arrests). A second agency dispatch
# with its own dateline is not cut: in wire digests (DUC's AP NewsBriefs) the story a reader
# followed is as often the third dispatch as the first, so a digest needs splitting, not cutting.
_OTHER_STORY = re.compile(
    r"(?:in (?:related|other|unrelated|separate) news|elsewhere in the news)\b", re.IGNORECASE
)
# A label over a list of links to other stories: "Related Coverage", "Related articles that may
# interest you", "More from Cornell on climate change:", "You may also be interested in the
# following articles:", "Recommended for you". Only the label and the teasers under it go (a run of
# headline-shaped lines, or of short list items): NYT pages put such a box in the middle of the
# story, which resumes after it. Not "Read more", a link's button under one teaser card, nor a
# label that ends a sentence ("More on that in a follow-up post."): both are read on the WCXB pages.
_RELATED_LABEL = re.compile(
    r"(?:related(?:\s+(?:coverage|articles?|stories|story|content|links?|reading|news|posts?|"
    r"videos?|topics?|in\s+\w+))?(?:\s+that may interest you)?"
    r"|more (?:from|on|in|about) [^.!?:]{1,60}"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)(?: the following \w+| these)?"
    r"|recommended(?: for you| reading| stories| articles)?|(?:further|suggested) reading"
    r"|read next|also read|see also|what to read next|don'?t miss"
    r"|most (?:read|popular|viewed|shared)(?: stories| articles)?|top stories"
    r"|(?:latest|more) (?:news|stories|headlines))\s*:?",
    re.IGNORECASE,
)
_RELATED_LABEL_CHARS = 80
# A teaser under such a label: a list item of at most this many words.
_TEASER_ITEM_WORDS = 30
_LIST_ITEM = re.compile(r"^[-–•*·]\s+")

_QUOTES = "\"'“”‘’«»`"
_FINAL_PUNCTUATION = ".!?…:;,)]" + _QUOTES


def normalise(paragraph: str) -> str:
    """The key under which two paragraphs count as the same: case and spacing folded."""
    return " ".join(paragraph.casefold().split())


def _blocks(text: str) -> list[str]:
    """Raw paragraph blocks (blank-line separated), empty ones dropped, inner newlines kept."""
    return [block for block in _BLANK_LINE.split(text) if not block.isspace() and block]


def _lines(block: str) -> list[str]:
    return [" ".join(line.split()) for line in block.splitlines() if line and not line.isspace()]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a raw text: blank lines separate, single newlines inside one are spaces.

    ``Removal.paragraph`` indexes into this list.
    """
    return [" ".join(block.split()) for block in _blocks(text)]


def _is_caption(paragraph: str, *, first: bool) -> bool:
    if len(paragraph) <= _STRONG_CAPTION_CHARS and _STRONG_CAPTION_HEAD.match(paragraph):
        return True
    if len(paragraph) > _SHORT_CHARS:
        return False
    if _CAPTION_HEAD.match(paragraph):
        return True
    if "(" in paragraph and len(_POSITION.findall(paragraph)) >= 2:
        return True
    tail = paragraph[-_TAIL_CHARS:]
    # Every credit pattern holds "(", "/" or "images"/"shutterstock": most paragraphs hold none of
    # those in their tail and skip the regex.
    if (
        "(" in tail
        or "/" in tail
        or "images" in tail.casefold()
        or "shutterstock" in tail.casefold()
    ) and _CAPTION_TAIL.search(tail):
        return True
    return (
        first
        and "/" in tail
        and len(paragraph.split()) <= 40
        and bool(_TRAILING_CREDIT.search(paragraph))
    )


def _is_boilerplate(paragraph: str, key: str) -> bool:
    if (
        len(paragraph) <= _NOTICE_CHARS
        and any(w in key for w in _NOTICE_WORDS)
        and _NOTICE.search(paragraph)
    ):
        return True
    if (
        len(paragraph) <= _NOTICE_CHARS
        and any(w in key for w in _SITE_WORDS)
        and _SITE_NOTICE.search(paragraph)
    ):
        return True
    if len(paragraph) > _SHORT_CHARS:
        return False
    if "all rights reserved" in key or _BOILERPLATE.match(paragraph):
        return True
    if (">" in paragraph or "»" in paragraph) and _NAVIGATION.match(paragraph):
        return True
    if key.endswith(("sign in", "log in")) and _SIGN_IN.match(paragraph):
        return True
    return any(w in key for w in _APPEAL_WORDS) and _APPEAL.search(paragraph) is not None


def _looks_like_subheading(paragraph: str) -> bool:
    """A short title-like line: starts like a heading, has no final punctuation, is not a quote."""
    if len(paragraph) > _SUBHEADING_CHARS or len(paragraph.split()) > _SUBHEADING_WORDS:
        return False
    if paragraph[0] in _QUOTES or paragraph[-1] in _FINAL_PUNCTUATION:
        return False
    # A heading does not end on "the" or "which": such a line is a paragraph its source cut short.
    if paragraph.rsplit(None, 1)[-1].casefold() in STOPWORDS:
        return False
    # Nor does it state figures: "Adapazari 3,046 dead, 6,884 injured", "At least 12,018" are a
    # fact box's rows. Years and a list's number do not count ("5. The Top 10 apps for 2025").
    body = _LIST_NUMBER.sub("", paragraph)
    figures = [f for f in _FIGURE.findall(body) if not _YEAR.fullmatch(f)]
    if len(figures) >= 2 or any("," in f for f in figures):
        return False
    return paragraph[0].isupper() or paragraph[0].isdigit()


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a or b else 1.0


@dataclass
class _Seen:
    """Kept paragraphs so far, indexed for the duplicate checks.

    A near-copy (a reprint with a typo fixed or a number changed) keeps its opening or its ending,
    so candidates are looked up by their first and last characters and only those get the
    token-set Jaccard test: a dict lookup per paragraph instead of comparing every pair. The
    trade-off: a copy edited both near its start and near its end is not caught.
    """

    exact: dict[str, int] = field(default_factory=dict)
    anchors: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))

    @staticmethod
    def _anchors(key: str) -> tuple[str, str]:
        return "<" + key[:_ANCHOR_CHARS], ">" + key[-_ANCHOR_CHARS:]

    def match(self, key: str) -> tuple[str, int] | None:
        words = key.count(" ") + 1
        if key in self.exact:
            return ("duplicate", self.exact[key]) if words >= _EXACT_MIN_TOKENS else None
        if words < _NEAR_MIN_TOKENS:
            return None
        bag: frozenset[str] | None = None
        for anchor in self._anchors(key):
            for index, other in self.anchors.get(anchor, ()):
                bag = bag or frozenset(key.split())
                if _jaccard(bag, frozenset(other.split())) >= _NEAR_DUPLICATE:
                    return "near-duplicate", index
        return None

    def add(self, index: int, key: str) -> None:
        self.exact.setdefault(key, index)
        for anchor in self._anchors(key):
            self.anchors[anchor].append((index, key))


def repeated(paragraphs: Sequence[str]) -> set[int]:
    """Positions of the paragraphs that repeat an earlier one, exactly or nearly, by the rules
    ``clean`` cuts copies with (the HTML reader drops a page's printed-twice blocks with it)."""
    seen = _Seen()
    copies: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        key = normalise(paragraph)
        if seen.match(key) is not None:
            copies.add(index)
        else:
            seen.add(index, key)
    return copies


def _take_dateline(lines: list[str], index: int) -> tuple[str | None, list[str], list[Removal]]:
    """Strip a dateline off the lead paragraph's lines: a line of its own, then an inline lead."""
    dateline: str | None = None
    removed: list[Removal] = []
    own = _DATELINE_LINE.match(lines[0])
    if own:
        dateline = own["dateline"]
        removed.append(Removal("dateline", lines[0], "place line before the story", index))
        lines = lines[1:]
        if not lines:
            return dateline, lines, removed
    text = " ".join(lines)
    head = _run_in_head(text)
    if head:
        removed.append(
            Removal("header", head.strip(), "headline or time stamp run into the lead", index)
        )
        text = text[len(head) :]
        lines = [text]
    inline = _DATELINE_AGENCY.match(text) or _DATELINE_PLAIN.match(text)
    if inline is None and (colon := _DATELINE_COLON.match(text)) is not None:
        place = colon["dateline"]
        label = place.casefold() in _NOT_PLACES or place.split()[0].casefold() in _LABEL_OPENERS
        inline = None if len(place) < 4 or label else colon
    if inline and len(text) > inline.end():
        dateline = dateline or inline["dateline"]
        removed.append(
            Removal("dateline", inline.group(0).strip(), "dateline lead, kept as metadata", index)
        )
        lines = [text[inline.end() :]]
    return dateline, lines, removed


def _headline_shaped(lines: list[str]) -> bool:
    """Whether a first paragraph is a headline ("New flu found in California") that a scraped
    record's text opens with, rather than the lead."""
    text = " ".join(lines)
    ending = text.rstrip("\"'”’»)")
    return (
        text[:1].isupper()
        and len(text.split()) <= HEADLINE_MAX_WORDS
        and not ending.endswith((".", "!", "?", ",", ";", ":", "-"))
    )


def _run_in_head(text: str) -> str:
    """The words a page printed before its lead on the lead's own line, through a time stamp or
    up to a dateline (a headline, a standfirst, a byline, a photo credit); "" when there are none.
    A wire lead that opens with its dateline is left to the dateline rules."""
    if _DATELINE_AGENCY.match(text) or _DATELINE_PLAIN.match(text):
        return ""
    end = 0
    stamp = _STAMP.search(text, 0, _HEAD_CHARS)
    if stamp:
        end = stamp.end()
    late = _LATE_DATELINE.search(text, end, end + _HEAD_CHARS)
    if late:
        end = late.start()
    # the lead itself must remain: a stamp at the end of a short paragraph is all there is
    return text[:end] if end and len(text) - end > 40 else ""


def _related_label(paragraph: str) -> bool:
    return len(paragraph) <= _RELATED_LABEL_CHARS and bool(_RELATED_LABEL.fullmatch(paragraph))


# Hard-wrapped text (lines cut at a width, as wire copy and e-mail are) has many lines that go on
# in lower case; at this share of them a block's lines are not judged one by one.
_WRAPPED_SHARE = 0.3


def _furniture_lines(block: str, index: int) -> tuple[list[str], list[Removal]]:
    """A block's lines without those that are a page's furniture on their own: a copied page
    often keeps a caption, a "Click here to follow our live blog" or a media player's controls
    ("Jump media player", "Media player help") on lines of the paragraph they sit under, with no
    blank line between. A line is judged alone only where it is one: it does not go on in lower
    case into the next line, and the block is not hard-wrapped prose."""
    if "\n" not in block.strip():  # most blocks are one line: nothing to judge apart
        return [block], []
    lines = _lines(block)
    if len(lines) < 2:
        return lines, []
    follow = lines[1:]
    if sum(1 for line in follow if line[0].islower()) >= _WRAPPED_SHARE * len(follow):
        return lines, []
    kept: list[str] = []
    removed: list[Removal] = []
    for position, line in enumerate(lines):
        goes_on = position + 1 < len(lines) and lines[position + 1][0].islower()
        if not goes_on and _is_caption(line, first=False):
            removed.append(Removal("caption", line, "photo caption or credit", index))
        elif not goes_on and _is_boilerplate(line, line.casefold()):
            removed.append(Removal("boilerplate", line, "site sign-off or notice", index))
        else:
            kept.append(line)
    return kept, removed


def _rule_removal(
    paragraph: str, key: str, index: int, *, first: bool, recurring: frozenset[str]
) -> Removal | None:
    """The removal a per-paragraph rule makes, if any (duplicates and subheadings need context)."""
    if not _ALNUM.search(paragraph):
        return Removal("empty", paragraph, "no letters or digits", index)
    if _is_caption(paragraph, first=first):
        return Removal("caption", paragraph, "photo caption or credit", index)
    if _is_boilerplate(paragraph, key):
        return Removal("boilerplate", paragraph, "site sign-off or notice", index)
    if _SERVICE_NOTE.match(paragraph):
        return Removal("boilerplate", paragraph, "a wire service's note to editors", index)
    if key in recurring:
        return Removal("boilerplate", paragraph, "recurs across articles of this source", index)
    return None


def _drop_subheadings(kept: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Removal]]:
    """Short unpunctuated lines between two body paragraphs; the lead and the last line stay."""
    out: list[tuple[int, str]] = []
    removed: list[Removal] = []
    for position, (index, paragraph) in enumerate(kept):
        inner = 0 < position < len(kept) - 1
        if inner and _looks_like_subheading(paragraph):
            removed.append(Removal("subheading", paragraph, "stand-alone heading line", index))
        else:
            out.append((index, paragraph))
    return out, removed


_TEASER = ("related", "link to another story under a related label")
_SECTIONS = {
    "other story": ("other story", "another story run on after the article"),
    "label": ("related", "label over links to other stories"),
    "list": _TEASER,
    "headline": _TEASER,
}


def _section(state: str, paragraph: str, *, body: bool) -> str:
    """Which part of a page a paragraph is in, given the part the one before it was in:
    "other story" (announced by ``_OTHER_STORY`` once the article's body has begun; it runs to
    the end), "label" (``_RELATED_LABEL``), a teaser under a label ("list": a short list item;
    "headline": a headline-shaped line, as the subheading test reads one, "Wiggle Room Emerges in
    Greece's Bailout DealJUNE 19, 2012"), or "" (the article's text). Teasers run in one shape: a
    heading after a list of teasers is the article's next section (WCXB page 0032)."""
    if state == "other story" or (body and _OTHER_STORY.match(paragraph)):
        return "other story"
    if _related_label(paragraph):
        return "label"
    short = len(paragraph.split()) <= _TEASER_ITEM_WORDS
    if state in ("label", "list") and short and _LIST_ITEM.match(paragraph):
        return "list"
    if state in ("label", "headline") and _looks_like_subheading(paragraph):
        return "headline"
    return ""


def _section_removals(
    section: str, paragraph: str, index: int, kept: list[tuple[int, str]], *, opened: bool
) -> list[Removal]:
    """The removals for a paragraph in a ``_section``; where another story begins (``opened``),
    the kept paragraph above it goes too (popped from ``kept``) when it is its headline."""
    out: list[Removal] = []
    if section == "other story" and opened and _looks_like_subheading(kept[-1][1]):
        where, headline = kept.pop()
        out.append(Removal("other story", headline, "its headline", where))
    kind, reason = _SECTIONS[section]
    out.append(Removal(kind, paragraph, reason, index))
    return out


def clean(doc: RawDocument, *, recurring: frozenset[str] = frozenset()) -> Article:
    """The article behind a raw document, with every cut recorded in ``Article.removed``.

    ``recurring`` holds normalised paragraphs (see :func:`find_recurring`) that this document's
    outlet prints under many articles; they are removed as boilerplate.
    """
    kept: list[tuple[int, str]] = []
    removed: list[Removal] = []
    seen = _Seen()
    dateline: str | None = None
    in_lead = True  # datelines are only looked for before the first body paragraph
    comments = False
    section = ""  # see _section
    for index, raw_block in enumerate(_blocks(doc.text)):
        lines, furniture = _furniture_lines(raw_block, index)
        removed.extend(furniture)
        if not lines:
            continue
        block = "\n".join(lines)
        paragraph = " ".join(block.split())
        key = paragraph.casefold()  # already whitespace-collapsed: this is normalise(paragraph)
        comments = comments or ("|" in paragraph and _COMMENT_MARK.search(paragraph) is not None)
        if comments:
            removed.append(Removal("comments", paragraph, "readers' comments", index))
            continue
        opened = section != "other story"
        section = _section(section, paragraph, body=bool(kept) and not in_lead)
        if section:
            removed.extend(_section_removals(section, paragraph, index, kept, opened=opened))
            continue
        rule = _rule_removal(paragraph, key, index, first=not kept, recurring=recurring)
        if rule is not None:
            removed.append(rule)
            continue
        if in_lead:
            found, lines, cut = _take_dateline(_lines(block), index)
            # a record's text that opens with its headline has its dateline on the next paragraph
            headline = not kept and not found and _headline_shaped(lines)
            dateline, in_lead = dateline or found, not lines or headline
            removed.extend(cut)
            if not lines:
                continue
            paragraph = " ".join(lines)
            key = paragraph.casefold()
        copy = seen.match(key)
        if copy is not None:
            kind, original = copy
            removed.append(Removal(kind, paragraph, f"repeats paragraph {original}", index))
            continue
        seen.add(index, key)
        kept.append((index, paragraph))
    kept, headings = _drop_subheadings(kept)
    removed.extend(headings)
    removed.sort(key=lambda r: r.paragraph)
    text = PARAGRAPH_SEPARATOR.join(p for _, p in kept)
    return Article(
        id=content_id(doc.source, doc.url, doc.title, text),
        text=text,
        title=doc.title,
        source=doc.source,
        url=doc.url,
        byline=doc.byline,
        published=doc.published,
        dateline=dateline,
        origin=doc.origin,
        doc_key=doc.doc_key,
        removed=tuple(removed),
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Containment of the smaller set in the larger (1.0: all of one article is in the other)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _distinct_stories(bodies: Iterable[frozenset[str]]) -> int:
    """How many of these articles are different stories rather than updates of one.

    An outlet that reprints one story three times (each update) repeats its paragraphs; that is
    content, not boilerplate, so versions sharing most of their body count once.
    """
    stories: list[frozenset[str]] = []
    for body in bodies:
        if all(_overlap(body, other) <= 0.5 for other in stories):
            stories.append(body)
    return len(stories)


def _recurring_in(articles: list[frozenset[str]], min_count: int, min_share: float) -> set[str]:
    counts = Counter(p for paragraphs in articles for p in paragraphs)
    needed = max(min_count, min_share * len(articles))
    candidates = {p for p, n in counts.items() if n >= needed and len(p) <= _SHORT_CHARS}
    # An article that is mostly shared lines is a version of another article, not a story with a
    # footer: its shared lines are content.
    versions = [a for a in articles if len(a & candidates) > len(a) / 2]
    out: set[str] = set()
    for candidate in candidates:
        if any(candidate in a for a in versions):
            continue
        bodies = (a - candidates for a in articles if candidate in a)
        if _distinct_stories(bodies) >= min_count:
            out.add(candidate)
    return out


def find_recurring(
    docs: Sequence[RawDocument], *, min_count: int = 3, min_share: float = 0.5
) -> frozenset[str]:
    """Normalised paragraphs that one source prints in many of its articles: its boilerplate.

    A paragraph qualifies when it appears in at least ``min_count`` articles of the same source, and
    in at least ``min_share`` of that source's articles, and those articles are different stories.
    Documents without a source are grouped together.
    """
    if min_count < 2:
        raise ValueError(
            f"min_count must be at least 2 (a line in one article does not recur), got {min_count}."
        )
    if not 0.0 < min_share <= 1.0:
        raise ValueError(
            f"min_share is a fraction of a source's articles in (0, 1], got {min_share}."
        )
    by_source: dict[str, list[frozenset[str]]] = defaultdict(list)
    for doc in docs:
        paragraphs = frozenset(normalise(p) for p in split_paragraphs(doc.text))
        by_source[doc.source or ""].append(paragraphs)
    out: set[str] = set()
    for source, articles in by_source.items():
        if len(articles) >= min_count:
            found = _recurring_in(articles, min_count, min_share)
            if found:
                log.debug("source %r: %d recurring paragraphs", source, len(found))
            out |= found
    return frozenset(out)


def clean_batch(
    docs: Sequence[RawDocument], *, min_count: int = 3, min_share: float = 0.5
) -> list[Article]:
    """Clean a batch, using the batch itself to learn each outlet's recurring lines."""
    recurring = find_recurring(docs, min_count=min_count, min_share=min_share)
    return [clean(doc, recurring=recurring) for doc in docs]
