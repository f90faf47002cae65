"""Parts of a page that are not the article, each running over several paragraphs: readers'
comments (from the first on), another story run on after the article (to the end), and a box of
links to other stories (its label and the teasers under it; the article resumes after it)."""

from __future__ import annotations

import re

from storyline.clean.headings import looks_like_subheading
from storyline.models import Removal

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


def _related_label(paragraph: str) -> bool:
    return len(paragraph) <= _RELATED_LABEL_CHARS and bool(_RELATED_LABEL.fullmatch(paragraph))


_TEASER = ("related", "link to another story under a related label")
_SECTIONS = {
    "other story": ("other story", "another story run on after the article"),
    "label": ("related", "label over links to other stories"),
    "list": _TEASER,
    "headline": _TEASER,
}


def next_section(state: str, paragraph: str, *, body: bool) -> str:
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
    if state in ("label", "headline") and looks_like_subheading(paragraph):
        return "headline"
    return ""


def section_removals(
    section: str, paragraph: str, index: int, kept: list[tuple[int, str]], *, opened: bool
) -> list[Removal]:
    """The removals for a paragraph in a ``next_section``; where another story begins (``opened``),
    the kept paragraph above it goes too (popped from ``kept``) when it is its headline."""
    out: list[Removal] = []
    if section == "other story" and opened and looks_like_subheading(kept[-1][1]):
        where, headline = kept.pop()
        out.append(Removal("other story", headline, "its headline", where))
    kind, reason = _SECTIONS[section]
    out.append(Removal(kind, paragraph, reason, index))
    return out


def opens_comments(paragraph: str) -> bool:
    """Whether readers' comments begin at this paragraph (they then run to the end)."""
    return "|" in paragraph and _COMMENT_MARK.search(paragraph) is not None
