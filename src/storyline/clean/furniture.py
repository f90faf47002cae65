"""A page's furniture: photo captions and credits, sign-offs and site notices, wire services'
notes to editors, and lines an outlet prints under many articles.

Each test judges one short paragraph (or a line of one) on its own; a long paragraph is left alone
whatever its first words, because cutting a real sentence is worse than leaving a caption in."""

from __future__ import annotations

import re

from storyline.clean.paragraphs import block_lines
from storyline.models import Removal

# Paragraphs at most this long (about 60 words) may be judged captions or boilerplate: real
# sign-offs and credits are short, so a long paragraph that happens to start with "Follow" or end in
# "(AP)" is left alone. Characters, not words, so the check costs nothing.
SHORT_CHARS = 400
# Credits sit at the end of a caption; only this much of its tail is searched.
_TAIL_CHARS = 80

_ALNUM = re.compile(r"[^\W_]")

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
            # the same sign-off without brackets, as web pages print it under the story:
            # "Additional reporting by Jane Doe; editing by John Roe.", "Reporting by Jane Doe;
            # Editing by John Roe", "Writing by Jane Doe". A summary cited one such line to five
            # articles of a loopback site; "additional" or a second role or a bare name marks
            # it, so "Reporting by the paper's staff showed ..." stays.
            r"additional (?:reporting|writing|research)\b.{0,20}\bby\b",
            r"(?:reporting|writing|editing|research) by\b[^.]{0,120}?[;,]\s*(?:and )?"
            r"(?:additional )?(?:reporting|writing|editing|research) by\b",
            r"(?:reporting|writing|editing) by(?:\s+[A-Z][\w.'’-]*){1,3}\.?$",
            r"for use by (?:clients|subscribers)\b",
            r"\(?distributed by\b",
            r"(?:story continues below )?advertisement$",
            # A magazine's link to its gallery: "(See pictures of the Obamas in Europe.)"
            r"\((?:see|watch|read|photos?|video)\b[^()]{0,150}\)$",
            r"this (?:story|article) (?:was|has been)\b.{0,30}\b(?:published|appeared)\b",
            # a paper's print note: "A version of this article appeared in print on March 21,
            # 2011, on page A12 of the New York edition.", "... in the print edition of ..."
            r"a version of this (?:[\w-]+ ){1,3}?"  # article, op-ed, news analysis, letter
            r"(?:appeared|appears|was published|ran) (?:in print|in the print edition)\b",
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
# edition picker, the media player ("To play this content JavaScript must be turned on", "Can not
# play media.", "Sorry, this media is not available in your territory.", "Media playback is
# unsupported on your device", "Your browser does not support the video tag"), the list
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
    r"|\b(?:can ?not|cannot|can't|unable to) play (?:this )?(?:media|video)\b"
    r"|\bthis (?:media|video|content|clip) is (?:not |un)available in your "
    r"(?:territory|country|region|location)\b|\bmedia playback is (?:not supported|unsupported)\b"
    r"|\byour (?:browser|device) does not support (?:the )?(?:video|audio|html5|this)\b"
    r"|\bmake this your default edition\b|\byou(?:'ve| have) selected the\b.{0,30}\bedition\b"
    r"|\b(?:create|choose|select) (?:a|your) screen name\b"
    r"|\bmost (?:popular|read|viewed|shared|e-?mailed) (?:stories|articles)\b"
    r"|\b(?:purchases|links?|buy|shop)\b.{0,80}\bearn (?:us )?(?:an? )?(?:small )?(?:affiliate )?"
    r"commission|\bwe (?:may )?(?:receive|earn|get) (?:an? )?(?:small )?(?:affiliate )?commission\b"
    r"|\bas an amazon associate\b"
    # the outlet's own disclosure, in the first person or about its posts ("This post contains
    # affiliate links", "We also use affiliate links", "I may earn commissions", "we may include
    # paid promotion"): an article's "you can use affiliate links in captions" or "agents may
    # earn a commission" stays (WCXB reader: 13 lines dropped, none article text)
    r"|\b(?:posts?|articles?|pages?|story|stories) (?:may )?contains? (?:some )?affiliate links\b"
    r"|\b(?:we|i) (?:\w+ ){0,2}use (?:some )?affiliate links\b"
    r"|\b(?:we|i) (?:may|might) earn\b.{0,30}\bcommissions?\b"
    r"|\b(?:we|i) (?:may )?include paid promotion\b",
    re.IGNORECASE,
)
_SITE_WORDS = (
    "comment",
    "privacy",
    "terms of",
    "javascript",
    "play media",
    "play video",
    "play this",
    "available in your",
    "playback",
    "does not support",
    "edition",
    "screen name",
    "most ",
    "commission",
    "amazon associate",
    "affiliate",
    "paid promotion",
)


def _is_caption(paragraph: str, *, first: bool) -> bool:
    if len(paragraph) <= _STRONG_CAPTION_CHARS and _STRONG_CAPTION_HEAD.match(paragraph):
        return True
    if len(paragraph) > SHORT_CHARS:
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


def is_site_notice(paragraph: str) -> bool:
    """A site's notice about comments, accounts, the media player or its affiliate links
    (``_SITE_NOTICE``); the HTML reader drops the short ones from a page's body too."""
    key = paragraph.casefold()
    return (
        len(paragraph) <= _NOTICE_CHARS
        and any(w in key for w in _SITE_WORDS)
        and _SITE_NOTICE.search(paragraph) is not None
    )


def _is_boilerplate(paragraph: str, key: str) -> bool:
    if (
        len(paragraph) <= _NOTICE_CHARS
        and any(w in key for w in _NOTICE_WORDS)
        and _NOTICE.search(paragraph)
    ):
        return True
    if is_site_notice(paragraph):
        return True
    if len(paragraph) > SHORT_CHARS:
        return False
    if "all rights reserved" in key or _BOILERPLATE.match(paragraph):
        return True
    if (">" in paragraph or "»" in paragraph) and _NAVIGATION.match(paragraph):
        return True
    if key.endswith(("sign in", "log in")) and _SIGN_IN.match(paragraph):
        return True
    return any(w in key for w in _APPEAL_WORDS) and _APPEAL.search(paragraph) is not None


# Hard-wrapped text (lines cut at a width, as wire copy and e-mail are) has many lines that go on
# in lower case; at this share of them a block's lines are not judged one by one.
_WRAPPED_SHARE = 0.3


def furniture_lines(block: str, index: int) -> tuple[list[str], list[Removal]]:
    """A block's lines without those that are a page's furniture on their own: a copied page
    often keeps a caption, a "Click here to follow our live blog" or a media player's controls
    ("Jump media player", "Media player help") on lines of the paragraph they sit under, with no
    blank line between. A line is judged alone only where it is one: it does not go on in lower
    case into the next line, and the block is not hard-wrapped prose."""
    if "\n" not in block.strip():  # most blocks are one line: nothing to judge apart
        return [block], []
    lines = block_lines(block)
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


def rule_removal(
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
