"""Sentences and tokens.

Sentence splitting uses nupunkt (a Punkt model that ships inside the package: no download, ~0.1 ms a
paragraph); ``benchmarks/sentences.py`` compares it with blingfire on our own tricky cases. Tokens
follow
ROUGE's convention (lower-case alphanumeric runs) so that what the summarizer counts is what it is
scored on, and stems come from the original Porter algorithm, as in ROUGE-1.5.5.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from operator import itemgetter

import numpy as np
import nupunkt
import snowballstemmer

from storyline.models import PARAGRAPH_SEPARATOR, Article, Sentence

# A headline is short and does not end like a sentence; 15 words covers nearly every news headline
# (the text reader's title line, the cleaner's headline a record's text opens with).
HEADLINE_MAX_WORDS = 15
# Unicode's control characters (category Cc) less the whitespace ones (\t \n \v \f \r): what
# makes bytes binary rather than text (ingest.decoding), and what a report drops before printing
# article text (views.markdown.printable).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# What shows nothing yet changes what a reader sees or what a program compares: the control
# characters above (less those ``str.split`` takes for white space, \x1c-\x1f and \x85, which
# cleaning turns into spaces), bidirectional embeddings, overrides and isolates (an override
# shows a title's words backwards), soft hyphens ("\xadSyria" in a Crisis article), zero-width
# spaces, word joiners and byte-order marks. Cleaning drops them (:func:`visible`); the joiners
# that shape scripts and emoji (U+200C, U+200D) and the weak direction marks stay.
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
)
# Each byte kept if it is a lower-case ASCII letter or a digit, else a space (see _token_text).
_TOKEN_BYTES = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else 32 for b in range(256))
# A stop that may end a sentence: punctuation, closing quotes, white space, more text. Decimals
# ("3.5 percent") do not match, so they need no Punkt pass.
_MAYBE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")
# A certain boundary: a lower-case word of three letters or more, a full stop (and closing quotes),
# space, then a capital. "said. The" always ends a sentence; "U.S. Army" or "Gen. Lee" never match.
# Punkt itself misses some of these ("the report found. Indian victims ...").
_STOP_THEN_CAPITAL = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z])")
# The two for a paragraph whose only stop is the full stop (most are): a pattern that opens with
# one character is found by a tight scan, one that opens with a set tests every character against
# the set, which cost a fifth of sentence splitting.
_FULL_STOP_MAYBE_BREAK = re.compile(r"\.[\"'”’)\]]*\s+\S")
_FULL_STOP_THEN_CAPITAL = re.compile(r"\.[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z])")
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w.])[a-z]{3,}$")
# Lower-case abbreviations that such a word could be.
_LOWER_ABBREVIATIONS = frozenset(
    "approx est etc pct dept govt vol nos cf viz incl excl misc ref fig figs esp".split()
)
# A closing quote or bracket that nupunkt leaves at the start of the next sentence.
_LEADING_CLOSER = re.compile(r"^[\"'”’)\]]+\s*")
# A list item's marker opening a line ("- This guide ranks ...", "-- July 23, 2000: ..."): no
# part of the sentence a summary, a timeline or a story list shows.
LIST_MARKER = re.compile(r"^[-\u2013\u2014\u2022*\u00b7]+\s+")

# Our own list: function words that carry no topic. Kept short on purpose: numbers and words such as
# "said" stay, because they are part of the facts a news summary reports.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves s t don ll ve re d m o y mr mrs ms""".split()
)


class Stemmer:
    """Porter stems with a memo: news vocabulary repeats, so the cache makes stemming nearly free.

    The memo lives on the instance (pass one around), not in a module global that tests must reset.
    """

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("porter")
        self._memo: dict[str, str] = {}

    def many(self, words: Iterable[str]) -> tuple[str, ...]:
        memo = self._memo
        return tuple([memo.get(w) or self(w) for w in words])

    def __call__(self, word: str) -> str:
        stem = self._memo.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word) if len(word) > 3 else word
            self._memo[word] = stem
        return stem


class Lexicon:
    """Words to integer stem codes, memoised, plus which codes are stopwords.

    Summarizers work on codes: one dict lookup a token replaces stemming, interning and a stopword
    test. Codes are stable for the life of the instance (one per summarizer), so its memory grows
    with the vocabulary seen, which for news levels off at a few hundred thousand words.
    """

    def __init__(self, *, stopwords: frozenset[str] = STOPWORDS) -> None:
        self._stem = Stemmer()
        self._stop_stems = stopwords | {self._stem(w) for w in stopwords}
        self._word_codes: dict[str, bytes] = {}
        self._stem_codes: dict[str, int] = {}
        self._stop = np.zeros(1024, dtype=bool)

    def packed(self, words: Sequence[str]) -> bytes:
        """The stem codes of ``words`` in order, each a native int64 (``np.frombuffer(packed,
        dtype=np.int64)`` reads them). Packed, a sentence's codes join to a story's with one copy
        and numpy reads them without converting each of its ~700,000 Python ints (which cost
        more than looking the words up). One lookup a token (known words are the rule), all in
        C: ``itemgetter(*words)`` looks a sentence's up in one call (a map calling __getitem__
        cost a tenth more, a comprehension calling get(w) twice as much). A new word raises
        KeyError, which is rare enough to be cheaper than scanning for a None."""
        try:
            if len(words) > 1:  # itemgetter of one word gives its value, not a tuple of it
                return b"".join(itemgetter(*words)(self._word_codes))
            return b"".join(map(self._word_codes.__getitem__, words))
        except KeyError:
            known = self._word_codes
            return b"".join([known[w] if w in known else self._add(w) for w in words])

    def _add(self, word: str) -> bytes:
        stem = self._stem(word)
        code = self._stem_codes.get(stem)
        if code is None:
            code = self._stem_codes[stem] = len(self._stem_codes)
            if code >= len(self._stop):
                self._stop = np.concatenate([self._stop, np.zeros(len(self._stop), dtype=bool)])
            self._stop[code] = stem in self._stop_stems
        packed = self._word_codes[word] = np.int64(code).tobytes()
        return packed

    @property
    def size(self) -> int:
        return len(self._stem_codes)

    def stop_mask(self) -> np.ndarray:
        """Stopword flag per code (a view: valid until the next new word)."""
        return self._stop[: self.size]


def tokens(text: str) -> list[str]:
    """Lower-case alphanumeric tokens (runs of a-z and 0-9 after lower-casing), as ROUGE-1.5.5
    sees them."""
    return _token_text(text).split()


def _token_text(text: str) -> str:
    """``text`` lower-cased with every character that is not an ASCII letter or digit made a
    space, one character for one: its words are the tokens. Four passes in C (a non-ASCII
    character becomes "?", then a space) cost less than a regular expression's ``findall``."""
    return text.lower().encode("ascii", "replace").translate(_TOKEN_BYTES).decode("ascii")


def token_text(text: str) -> str | None:
    """:func:`_token_text` of a whole article, so that ``token_text(body)[a:b].split()`` is
    ``tokens(body[a:b])`` for every sentence span: the article is lower-cased and translated
    once, not sentence by sentence. None when lower-casing changes the text's length ("İ"
    becomes two characters): offsets would not line up, and each sentence is tokenized alone.
    (Lower-casing is otherwise one character for one and blind to context, but for a final
    sigma, which is a space either way.)"""
    plain = _token_text(text)
    return plain if len(plain) == len(text) else None


def content_stems(text: str, stem: Stemmer) -> list[str]:
    return [stem(t) for t in tokens(text) if t not in STOPWORDS]


# --- repairs on top of Punkt (benchmarks/sentences.py: 68/68 cases right, 63/68 without) ---
# Titles that never end a sentence: a split right after one is always wrong ("Lt." | "Col. Price"),
# also where a hyphen joins one to a name ("the Aoraki-Mt." | "Cook National Park").
_TITLE = re.compile(
    r"(?<![\w.'’])(?:Lt|Col|Gen|Maj|Sgt|Capt|Cmdr|Adm|Brig|Cpl|Gov|Sen|Rep|Dr|Prof|Rev|Hon|Pres|"
    r"Supt|Insp|Det|Fr|St|Mt)\.$"
)
_TITLE_CHARS = 5  # the longest title with its full stop: "Brig.", "Cmdr."
# "U.S.", "U.N." and "U.K." end a sentence as nouns, and a noun takes "the" ("returned to the
# U.S."); without it they modify what follows, so a split after one is wrong ("Chavez said he met
# Wednesday with U.S." | "Ambassador John Maisto", "the highest ranking official since former
# U.S." | "Secretary of State James Baker"). DUC 2006 and 2007: 26 such splits, none right.
_MODIFYING_INITIALS = re.compile(r"(?<![Tt]he)\sU\.[SNK]\.$")
_INITIALS_CHARS = 9  # " U.S." and the three letters before it
# A sentence does not start with a lower-case word ("pct." | "in the quarter."); "iPhone" does.
_LOWER_START = re.compile(r"[a-z]+\b(?![A-Z])")  # used with .match(text, pos)
# A bracketed sentence of three words or more ends inside one span ("...4 per cent.) Analysts");
# "(Kan.) Parent Educators" is a place, not a sentence, hence the word count.
_BRACKET_END = re.compile(r"\((?:[^()\s]+\s+){2,}[^()]*?[.!?][\"'”’]?\)\s+(?=[\"'“‘(]?[A-Z])")
# A clock time ends a sentence when a capital follows, unless a day, month, zone or "X time" does.
_CLOCK_END = re.compile(
    r"\b[ap]\.m\.\s+(?=[A-Z])(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s|[A-Z]{2,5}\b|"
    r"(?:Eastern|Pacific|Central|Mountain|Greenwich)\b|[A-Z][a-z]+\s+[Tt]ime\b)"
)
# ...but "the 7 p.m. Concorde" and "a 3 p.m. Symphony Hall matinee" name a thing: no break.
_ATTRIBUTIVE_TIME = re.compile(
    r"\b(?:the|a|an|this|that|his|her|its|their|our|every|each)\s+\d{1,2}(?:[:.]\d{2})?\s*$",
    re.IGNORECASE,
)


def _title_before(paragraph: str, start: int, end: int) -> bool:
    """Whether the span ends on a title ("Lt.") or on initials that modify the next word
    ("with U.S."): only its last few characters can hold one, so only they are searched (the
    lookbehind still sees the character before them). Both need a capital in the four
    characters before the stop: most spans end on a lower-case word ("said."), done without
    them (a tenth of sentence splitting searched for them)."""
    if paragraph[max(start, end - _TITLE_CHARS) : end - 1].islower():
        return False
    return (
        _TITLE.search(paragraph, max(start, end - _TITLE_CHARS), end) is not None
        or _MODIFYING_INITIALS.search(paragraph, max(start, end - _INITIALS_CHARS), end) is not None
    )


def _merge_false_breaks(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (
            ("a" <= paragraph[start] <= "z" and _LOWER_START.match(paragraph, start))
            or (paragraph[merged[-1][1] - 1] == "." and _title_before(paragraph, *merged[-1]))
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# A headline, caption or byline run into the lead with no stop between them ("Earthquake
# aftershocks hit Haiti orphanage A paediatrics nurse who works ...", "... Protesters on streets
# in Cairo The grievances were foreshadowed ...", "Malaysia Airlines jetliner A total of 34
# aircraft ..."): a capitalised article after a lower-case word, then a lower-case word, starts
# a sentence. "A" is also a letter that names things: not after a word that takes one as its
# name ("influenza A virus", "Plan A", "the A list") nor before a word that only a name takes
# ("from point A to point B", "Serie A in Italy", "Types A and B"). Timeline17's 50,468
# paragraphs: 325 such starts (its BBC and CNN pages' headlines and captions); DUC 2006 and 2007's
# 34,371: 1, wrong ("The Paris A line"); WikiRef's 14,519: 3, right.
# (The space first, then the look-behind: a look-behind tried at every position cost 7% of a
# DUC summary.)
_RUN_IN_LEAD = re.compile(r" (?<=[a-z]{3} )(?=(?:A|An|The) [a-z]{2,})")
# Whether a paragraph holds one at all (where _repair looks for hidden breaks): the same test
# written to start at the capital, which is rarer than a space (half the time of a search of
# _RUN_IN_LEAD, which is tried at every space).
_RUN_IN_LEAD_ANYWHERE = re.compile(r"(?:A(?<=[a-z]{3} A)n?|T(?<=[a-z]{3} T)he) [a-z]{2}")
_LETTER_NAMES = frozenset(
    """the type types influenza hepatitis vitamin plan class grade group category division section
    exhibit appendix part model series serie block building gate terminal hall round pool league
    strain subtype level list tier flight row wing ward zone phase stage option side track
    platform unit size cup letter schedule annex chapter article item note figure table box
    point from""".split()
)
_AFTER_A_NAME = frozenset("to into and or in of on at from with for is was".split())


def _run_in_leads(paragraph: str, start: int, end: int) -> list[int]:
    cuts = []
    for match in _RUN_IN_LEAD.finditer(paragraph, start, end):
        at = match.end()
        if paragraph.startswith("A ", at):
            word = paragraph[paragraph.rfind(" ", start, match.start()) + 1 : match.start()]
            following = paragraph[at + 2 :].split(" ", 1)[0]
            if word.lower() in _LETTER_NAMES or following in _AFTER_A_NAME:
                continue
        cuts.append(at)
    return cuts


def _missed_breaks(paragraph: str, start: int, end: int) -> list[int]:
    """Positions inside one span where a new sentence starts."""
    cuts = [m.end() for m in _BRACKET_END.finditer(paragraph, start, end)]
    cuts += _run_in_leads(paragraph, start, end)
    for match in _CLOCK_END.finditer(paragraph, start, end):
        if not _ATTRIBUTIVE_TIME.search(paragraph, start, match.start()):
            cuts.append(match.end())
    return sorted(cuts)


def _repair(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt's known misses on news text: splits after a title ("Lt." | "Col. Price") or before a
    lower-case word, and missed breaks after a bracketed sentence or a clock time."""
    # a bracket, a clock time or a run-in lead may hide a break: checked cheaply first
    hidden = (
        ")" in paragraph
        or ".m." in paragraph
        or _RUN_IN_LEAD_ANYWHERE.search(paragraph) is not None
    )
    if len(spans) < 2 and not hidden:
        return spans  # one sentence and nothing hiding a break: nothing to repair
    merged = _merge_false_breaks(paragraph, spans)
    if not hidden:  # the common case
        return merged
    out: list[tuple[int, int]] = []
    for start, end in merged:
        for cut in _missed_breaks(paragraph, start, end):
            out.append((start, len(paragraph[:cut].rstrip())))
            start = cut
        out.append((start, end))
    return out


def split_paragraph(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside one paragraph, whitespace trimmed.

    Clear boundaries (a full stop after a lower-case word, then a capital) are cut by one regex;
    only the stretches between them that still hold a possible boundary go through Punkt. News
    sentences mostly end on such words ("said.", "week."), so Punkt sees a fraction of the text.
    """
    if "!" in paragraph or "?" in paragraph or "…" in paragraph:
        stop_then_capital, maybe_break = _STOP_THEN_CAPITAL, _MAYBE_BREAK
    else:
        stop_then_capital, maybe_break = _FULL_STOP_THEN_CAPITAL, _FULL_STOP_MAYBE_BREAK
    spans: list[tuple[int, int]] = []
    start = 0
    for match in stop_then_capital.finditer(paragraph):
        stop = match.start()
        # The word ends at the stop (or, as "$" reads, before a newline there): "U.S. Army",
        # "W. Bush" and "1998. The" need no search.
        before = paragraph[stop - 1 : stop]
        if not ("a" <= before <= "z" or before == "\n"):
            continue
        word = _LOWER_WORD_BEFORE.search(paragraph, max(0, stop - 20), stop)
        if word is None or word.group() in _LOWER_ABBREVIATIONS:
            continue
        end = stop + len(match.group().rstrip())
        _punkt_spans(paragraph, start, end, spans, maybe_break=maybe_break)
        start = match.end()
    _punkt_spans(paragraph, start, len(paragraph), spans, maybe_break=maybe_break)
    return _repair(paragraph, spans)


def _punkt_spans(
    paragraph: str, lo: int, hi: int, spans: list[tuple[int, int]], *, maybe_break: re.Pattern[str]
) -> None:
    """Append the trimmed sentence spans of ``paragraph[lo:hi]``, asking Punkt only if needed
    (``maybe_break``: :data:`_MAYBE_BREAK`, or its full-stop form where that is the only stop).
    Most stretches hold one sentence and are trimmed in place, without a copy."""
    if not maybe_break.search(paragraph, lo, hi):
        while lo < hi and paragraph[lo].isspace():
            lo += 1
        while hi > lo and paragraph[hi - 1].isspace():
            hi -= 1
        if lo < hi:
            spans.append((lo, hi))
        return
    piece = paragraph[lo:hi]
    for a, b in nupunkt.sent_spans(piece):
        text = piece[a:b]
        start = lo + a + len(text) - len(text.lstrip())
        end = lo + b - (len(text) - len(text.rstrip()))
        if end <= start:
            continue
        # A lone closing quote split off the previous sentence belongs to it.
        closer = _LEADING_CLOSER.match(paragraph, start, end)
        if spans and closer and closer.end() - start <= 2:
            prev_start, _ = spans[-1]
            spans[-1] = (prev_start, start + len(paragraph[start : closer.end()].rstrip()))
            start = closer.end()
            if end <= start:
                continue
        spans.append((start, end))


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """All sentences of an article with character spans into ``article.text``."""
    return tuple(
        Sentence(
            article_id=article.id,
            start=start,
            end=end,
            text=article.text[start:end],
            position=position,
            paragraph=p_index,
        )
        for position, (start, end, p_index) in enumerate(sentence_spans(article.text))
    )


@functools.lru_cache(maxsize=512)
def sentence_spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, paragraph) of every sentence of a cleaned text. Memoised: one story page asks
    for its articles' sentences four times (summary, timeline, facts, claims)."""
    out: list[tuple[int, int, int]] = []
    offset = 0
    for p_index, paragraph in enumerate(text.split(PARAGRAPH_SEPARATOR)):
        out += [(offset + a, offset + b, p_index) for a, b in split_paragraph(paragraph)]
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return tuple(out)


def visible(text: str) -> str:
    """``text`` without its :data:`INVISIBLE` characters."""
    return INVISIBLE.sub("", text)


def locate(haystack: str, needle: str) -> tuple[int, int] | None:
    """Span of ``needle`` in ``haystack``, tolerating re-flowed white space (cleaning joins the
    hard-wrapped lines of a paragraph) and the invisible characters cleaning drops."""
    start = haystack.find(needle)
    if start >= 0:
        return start, start + len(needle)
    words = needle.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    match = pattern.search(haystack)
    if match:
        return match.start(), match.end()
    if not INVISIBLE.search(haystack):
        return None
    kept = [k for k, ch in enumerate(haystack) if not INVISIBLE.match(ch)]
    match = pattern.search("".join(haystack[k] for k in kept))
    return (kept[match.start()], kept[match.end() - 1] + 1) if match else None
