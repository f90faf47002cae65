"""How a page was laid out or a broadcast spoken: a transcript's or a box's label, a caption or
headline run into a sentence, the writer or a host speaking. Such a sentence cannot be quoted,
but still says which day it is about (timelines weigh it as evidence)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.summarizers.quality.reading import QUOTED

# Short words that prose writes in lower case and headlines, titles and page furniture
# capitalise: two of them capitalised in a sentence's first words (its first word aside, quoted
# words aside) mark a headline run into the sentence after it ("Bush Calls Bailout Vital to
# Economy, Will Meet With McCain and Obama President Bush said yesterday ...") or a page's label
# ("Subscribe to Over To You"). Of Timeline17's 51,107 sentences 51 have them, most such
# furniture; of DUC 2006's 34,855 one, a book's title.
_TITLE_WORDS = frozenset(
    """With That After To For Of On In As At By From Into Over Amid Against Will Is Are Was Be
    And Or But Than Up About Without Under""".split()
)
_TITLE_SPAN = 15
# Where any of _TITLE_WORDS starts in a text. Each is a capital and lower-case letters, so two
# places never overlap and ``findall`` finds every one: fewer than two, and no two words can be.
_TITLE_WORD_ANYWHERE = re.compile("|".join(sorted(_TITLE_WORDS, key=len, reverse=True)))


def title_run(text: str, words: Sequence[str] | None = None) -> bool:
    """Whether ``text`` opens with words in a headline's capitals (see _TITLE_WORDS). It runs on
    every candidate sentence: a text that holds no two of the words anywhere is done with one
    regular expression (most are), ``words`` (``text.split()``, when already made) serve unless
    a quotation must be cut out first, and the count stops at two."""
    if len(_TITLE_WORD_ANYWHERE.findall(text)) < 2:
        return False
    if '"' in text or "“" in text or "``" in text:
        words = QUOTED.sub(" ", text).split(None, _TITLE_SPAN + 1)
    elif words is None:
        words = text.split(None, _TITLE_SPAN + 1)
    found = 0
    for word in words[1 : _TITLE_SPAN + 1]:
        if word.strip(",:;") in _TITLE_WORDS:
            found += 1
            if found == 2:
                return True
    return False


# A speaker's label in a transcript ("KURTZ : Now, I don't know ...", "U.S. PRESIDENT BARACK
# OBAMA : When President Mubarak addressed ...") or a listing's heading ("STAR WARS: EPISODE I _
# THE PHANTOM MENACE: Science fiction."): words in capitals only, then a colon. A list's item
# label ("Two : They want to change the constitution.") is a number word and a colon. Either
# is a line of a transcript or a box, not a report.
_LABEL_SPAN = 60
_NUMBER_LABEL = re.compile(
    r"^\W*(?:one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|"
    r"last|finally)\s*:",
    re.IGNORECASE,
)


def label(text: str) -> bool:
    """Whether ``text`` opens with a speaker's or a heading's label: see _LABEL_SPAN."""
    colon = text.find(":", 0, _LABEL_SPAN)
    if colon <= 0:
        return False
    head = text[:colon]
    if not any(c.islower() for c in head) and sum(c.isupper() for c in head) >= 2:
        return True
    return _NUMBER_LABEL.match(text) is not None


# A caption or a headline that lost its full stop runs into the sentence after it ("Rescuers pull
# a child from the rubble of the Haiti earthquake There are mounting security concerns ...",
# "Police fire gun shots to disperse looters in Port-au-Prince More than 2,000 US Marines ..."):
# a word that only a sentence's start capitalises (a determiner, a pronoun, a round number) stands
# capitalised after a word, with no punctuation between, and a lower-case word follows it (a
# title it opened would go on in capitals: "in The Hague", "read The New York Times").
_STARTER_RUN_IN = re.compile(
    r"[a-z0-9]\s+(?:The|There|It|He|She|They|We|This|These|Those|Hundreds|Thousands|Dozens|"
    r"Tens|Millions|Many|Some|Several|Most)\s+[a-z]|[a-z]\s+More\s+than\b"
)
# The writer or a broadcast's host speaking ("Thank you so much for joining us.", "While we're
# still on the point of the hardware design, ...", "In and around this year's transfer gossip,
# you may have noticed ..."): a first- or second-person pronoun outside quotation marks is
# nobody the reader of a summary was given. "I" counts before a lower-case word and after a
# lower-case word or a comma ("World War I veterans" is a name).
_VOICE = re.compile(r"(?<![\w'’.-])(?:[Ww]e|us|[Oo]urs?|[Yy]ou|[Yy]ours?|me|[Mm]y)(?![\w-])")
_LET = re.compile(r"\b[Ll]et(?:\s*'s|\s+us)\b")
_FIRST_PERSON_I = re.compile(r"(?:^|(?<= ))I(?=(?:'[a-z]+)?\s+[a-z])")


_STARTERS = frozenset(
    """The There It He She They We This These Those Hundreds Thousands Dozens Tens Millions More
    Many Some Several Most""".split()
)
# The forms in which the pronouns of _VOICE stand between white space: a sentence holding none
# (most) is done with one set operation on its words.
_VOICE_FORMS = frozenset(
    word + mark
    for lower in """we us our ours you your yours me my I I'm I've I'd I'll we're we've we'd
    we'll you're you've you'd you'll""".split()
    for word in {lower, lower[0].upper() + lower[1:]} - {"Us", "Me"}
    for mark in ("", ",", ".", ";", ":", "?", "!", ")", "''", '"', "”", "’")
)


# Every word that title_run, _starter_run_in or writers_voice looks for, as white space
# leaves it (a title word with the marks title_run strips).
_MARKED_WORDS = (
    _STARTERS
    | _VOICE_FORMS
    | {"let", "let's"}
    | {
        before + word + after
        for word in _TITLE_WORDS
        for before in ("", ",", ":", ";")
        for after in ("", ",", ":", ";")
    }
)

# A first word that the writer's voice needs: "Let's ...", "You can still charge ...", "We are
# living through ..." (one that other tests need is capitalised by its place, not marked).
_OPENING_MARKS = frozenset({"Let", "Let's"} | {w for w in _VOICE_FORMS if w[:1].isupper()})


def _starter_run_in(text: str, words: Sequence[str]) -> bool:
    """Whether a caption or headline runs into ``text``'s sentence (_STARTER_RUN_IN), quoted
    titles aside ("``Varicella Vaccine: Is It a Travel Immunization?''"). ``words``:
    ``text.split()``; a text with none of _STARTERS after its first word is done with them."""
    if _STARTERS.isdisjoint(words[1:]) or _STARTER_RUN_IN.search(text) is None:
        return False
    if '"' in text or "“" in text or "``" in text:
        return _STARTER_RUN_IN.search(QUOTED.sub(" ", text)) is not None
    return True


def writers_voice(text: str, *, words: Sequence[str] | None = None) -> bool:
    """Whether ``text`` speaks in the first or second person outside quotation marks.
    ``words``: ``text.split()``, when already made."""
    words = text.split() if words is None else words
    if _LET.search(text) is not None:
        return True  # "Let 's go now live to Cairo", "Now let's go to Wolf in Washington"
    if _VOICE_FORMS.isdisjoint(words):
        return False  # the common case
    if '"' in text or "“" in text or "``" in text:
        text = QUOTED.sub(" ", text)
    if _VOICE.search(text) is not None:
        return True
    for found in _FIRST_PERSON_I.finditer(text):
        before = text[: found.start()].split()
        # "War I veterans": a name's numeral; "Frankly, I think", "Sometimes I wonder": the
        # writer (a first word is capitalised by its place)
        if len(before) < 2 or not before[-1][:1].isupper() or not before[-1][-1].isalnum():
            return True
    return False


def layout_fragment(text: str, words: Sequence[str]) -> str | None:
    """Why the way a page was laid out or spoken makes ``text`` no whole report: "unbalanced
    bracket" (a treebank ")" with no "(" before it), "label" (a transcript's speaker), "headline
    run-in" (a caption or headline run into the sentence), "writer's voice"; or None. ``words``:
    ``text.split()``. Such a sentence cannot be quoted, but still says which day it is about
    (a timeline weighs it as evidence: ``DatedUnits.unquotable``)."""
    if "-RRB-" in text and "-LRB-" not in text[: text.find("-RRB-")]:  # Penn Treebank's ")"
        return "unbalanced bracket"
    if ":" in text and label(text):
        return "label"
    # one set operation on the words after the first finds the sentences (few) that the tests
    # of capitals and of the writer's voice need (a first word is capitalised by its place, and
    # one of the first person is an opening reference)
    # (all the words first: most sentences hold none, and a slice of them is a copy)
    if (words and words[0] in _OPENING_MARKS) or (
        not _MARKED_WORDS.isdisjoint(words) and not _MARKED_WORDS.isdisjoint(words[1:])
    ):
        if title_run(text, words) or _starter_run_in(text, words):
            return "headline run-in"
        if writers_voice(text, words=words):
            return "writer's voice"
    return None
