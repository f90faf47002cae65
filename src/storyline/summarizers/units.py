"""What every extractive method shares: candidate sentences, citations, budget and order.

A method only decides *which* sentences to take; how they are cited, trimmed to the budget and put
in a readable order is the same for all of them, so the benchmarks compare selection alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

import numpy as np
from scipy import sparse

from storyline.models import (
    PARAGRAPH_SEPARATOR,
    Article,
    Budget,
    Citation,
    Sentence,
    Summary,
    SummarySentence,
)
from storyline.summarizers import trim
from storyline.summarizers.names import write_names_in_full
from storyline.summarizers.numbers import numbers_in, states_numbers
from storyline.summarizers.quality import (
    Topic,
    chronology_entry,
    definite_reference,
    demonstrative_reference,
    fragment,
    opening_reference,
)
from storyline.text import Lexicon, sentence_spans, token_text, tokens

_CLOSERS = "\"'”’)"


class Story(NamedTuple):
    """Where a unit's sentence stands, for the test of a definite phrase its article introduced
    (:func:`definite_reference`): the article's text, the sentence's start and its predecessor's,
    and the story's :class:`Topic`."""

    body: str
    start: int
    previous: int  # the start of the sentence before it in the article, or ``start``
    topic: Topic


class Leaning:
    """Whether a unit's sentence leans on a sentence before it (it opens with a reference,
    :func:`opening_reference`, points back further in, :func:`demonstrative_reference`, or,
    given its ``story``, names by "the survey" a thing its article introduced before it,
    :func:`definite_reference`), read when first asked and kept: true as a bool is. A summary
    asks it of the few units it may choose and of those it chooses, not of every candidate, and
    reading every candidate cost a seventh of a DUC 2006 summary's time
    (benchmarks/summarization.py). ``far``: it leans on something its predecessor does not
    name (a survey introduced two sentences before), so that putting the predecessor before it
    does not help the reader."""

    __slots__ = ("_definite", "_far", "_story", "_text", "_value")

    def __init__(self, text: str, story: Story | None = None) -> None:
        self._text, self._story = text, story
        self._value: bool | None = None
        self._far = self._definite = False

    @property
    def known(self) -> bool:
        """Whether it was read already."""
        return self._value is not None

    @property
    def far(self) -> bool:
        return bool(self) and self._far

    @property
    def definite(self) -> bool:
        """Whether it leans only by a definite phrase (:func:`definite_reference`)."""
        return bool(self) and self._definite

    def of(self, text: str) -> Leaning:
        """The same sentence's leaning with its text changed (trimmed), read again when asked."""
        return Leaning(text, self._story)

    def __bool__(self) -> bool:
        if self._value is None:
            # the tokens build_units packed (token_text's slices are tokens()): made again for
            # the few units asked rather than kept for all
            text = self._text
            self._value = (
                opening_reference(text, words=tokens(text)) is not None
                or demonstrative_reference(text) is not None
                or self._unintroduced()
            )
        return self._value

    def _unintroduced(self) -> bool:
        """Whether the sentence names a thing its article introduced (:class:`Story`), and
        whether its predecessor leaves that thing unnamed (``far``)."""
        story = self._story
        if story is None:
            return False
        before = story.body[: story.start]
        if definite_reference(self._text, before=before, topic=story.topic) is None:
            return False
        previous = story.body[story.previous : story.start]
        self._far = (
            definite_reference(self._text, named=previous, before=before, topic=story.topic)
            is not None
        )
        self._definite = True
        return True

    def __repr__(self) -> str:
        return f"Leaning({bool(self)})"


class Unit(NamedTuple):
    """A candidate sentence with the features the selectors need.

    A NamedTuple rather than a frozen dataclass: a cluster makes hundreds of these, and building
    a frozen dataclass cost more than tokenizing the sentence.
    """

    sentence: Sentence
    doc: int  # index into the articles list
    words: int
    codes: bytes  # stem codes of all tokens in order, stopwords included (Lexicon.packed)
    dangling: Leaning  # leans on a sentence said before it (quality): true as a bool
    quoted: bool


@dataclass(frozen=True)
class UnitSettings:
    min_words: int = 8
    max_words: int = 60
    statements_only: bool = True  # drop questions, colons and cut-off text
    # With statements_only, keep the entries of a chronology box ("Oct. 8, 1998: A piece of the
    # rudder falls off"): a timeline's material, a summary's torn-out list item.
    chronology: bool = False
    # With statements_only, keep the sentences only quality.fragment's layout tests reject (a
    # caption run into the text, a transcript's label): a caller that weighs every statement as
    # evidence and quotes only whole ones sorts them out itself (timelines).
    layout_fragments: bool = False


# For input too short for any sentence to pass UnitSettings (one brief article, a few headlines):
# its statements of any length, else its sentences as they are (a headline list's lines, which
# end in no full stop), rather than an empty summary. A lead-in ("The key points:") is no
# statement: it is taken only where nothing else is.
ANY_LENGTH = UnitSettings(min_words=1, max_words=10_000)
ANY_SENTENCE = UnitSettings(min_words=1, max_words=10_000, statements_only=False)


def _quoted(text: str) -> bool:
    """Whether ``text`` holds a quotation mark (straight, curly, or PTB's `` and ''), tested
    without a generator: it runs on every candidate sentence."""
    return '"' in text or "“" in text or "”" in text or "``" in text or "''" in text


def _inside_quotation(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` of an article's ``text`` begins inside a quotation its
    paragraph opened before it: '"I'm going to try," Obama said. "But there's a measure of
    independence. I like to be a presence in my kids' school."' The middle sentences carry no
    quotation mark, and out of their paragraph nothing says who "I" is."""
    separator = text.rfind(PARAGRAPH_SEPARATOR, 0, start)
    before = text[0 if separator < 0 else separator + len(PARAGRAPH_SEPARATOR) : start]
    if not _quoted(before):
        return False
    return (
        before.count('"') % 2 == 1
        or before.count("“") > before.count("”")
        or before.count("``") > before.count("''")
    )


def build_units(
    articles: Sequence[Article],
    *,
    lexicon: Lexicon,
    settings: UnitSettings = UnitSettings(),
    topic: Topic | None = None,
) -> list[Unit]:
    """Split every article and keep the sentences that can stand in a summary. With the story's
    ``topic``, a unit that names by "the survey" a thing its article introduced leans on the
    sentences before it (:class:`Leaning`).

    It reads the memoised sentence spans and makes a Sentence only for a sentence it keeps, and
    each sentence is split into words once (for its length and the headline test). Tokens are
    read off the article's :func:`token_text`, made once: a sentence's are its span's words."""
    units: list[Unit] = []
    low, high, statements_only = settings.min_words, settings.max_words, settings.statements_only
    for doc, article in enumerate(articles):
        body = article.text
        plain = token_text(body)
        previous = 0
        for position, (start, end, paragraph) in enumerate(sentence_spans(body)):
            before, previous = previous, start
            text = body[start:end]
            words = text.split()  # as ROUGE's -l limit counts them: white space apart
            if not low <= len(words) <= high:
                continue
            if statements_only and (
                # questions, colons and cut-off text make poor summary sentences
                text.rstrip(_CLOSERS)[-1:] not in (".", "!")
                # a quotation's tail or middle, or a bare attribution, is no report
                or fragment(text, words=words, layout=not settings.layout_fragments)
                or _inside_quotation(body, start)
                or (not settings.chronology and chronology_entry(text))
            ):
                continue
            toks = tokens(text) if plain is None else plain[start:end].split()
            units.append(
                Unit(  # by position: keywords cost a NamedTuple half as much again
                    Sentence(article.id, start, end, text, position, paragraph),
                    doc,
                    len(words),
                    lexicon.packed(toks),
                    # dangling: read when asked
                    Leaning(text, None if topic is None else Story(body, start, before, topic)),
                    _quoted(text),
                )
            )
    return units


def summary_units(articles: Sequence[Article], *, lexicon: Lexicon) -> list[Unit]:
    """The units a summary chooses from: the sentences that pass ``UnitSettings``, else (input
    too short for them) its statements of any length (``ANY_LENGTH``), else every sentence as
    it is (``ANY_SENTENCE``); each without the days and places it cannot anchor
    (:func:`trimmed`), and read for a definite phrase whose thing its article introduced
    (:class:`Leaning`)."""
    topic = Topic(a.text for a in articles)
    for settings in (UnitSettings(), ANY_LENGTH, ANY_SENTENCE):
        units = build_units(articles, lexicon=lexicon, settings=settings, topic=topic)
        if units:
            return _trimmed_all(units, lexicon=lexicon)
    return []


_CODE_BYTES = np.dtype(np.int64).itemsize
_CODES = attrgetter("codes")


def _trimmed_all(units: list[Unit], *, lexicon: Lexicon) -> list[Unit]:
    """Each unit :func:`trimmed`, asked only of the units whose tokens hold a pair of words
    trimming drops ("on friday", "said here"; ``trim.DAYS``, ``trim.SAYING``), found for all
    units by a numpy test on their codes: a regular expression of every unit cost 3% of a
    summary's time. (A pair across two units only asks one more.)"""
    packed_units = list(map(_CODES, units))
    lengths = np.fromiter(map(len, packed_units), dtype=np.int64, count=len(units))
    flat = np.frombuffer(b"".join(packed_units), dtype=np.int64)
    # One flag byte a code, read with one gather (np.isin sorted the story's tokens: 4x the
    # cost): 1 "on", 2 a weekday, 4 a verb of saying, 8 what may follow one.
    groups = (["on"], trim.DAYS, trim.SAYING, trim.AFTER_SAYING)
    packed = [np.frombuffer(lexicon.packed(words), dtype=np.int64) for words in groups]
    kind = np.zeros(lexicon.size, dtype=np.uint8)  # sized after packing: it may add codes
    for bit, codes in enumerate(packed):
        kind[codes] |= 1 << bit
    flags = kind[flat]
    at = np.flatnonzero(flags[:-1] & 5)  # an "on" or a verb of saying: then what follows it
    first, second = flags[at], flags[at + 1]
    hits = at[((first & (second >> 1)) | ((first >> 2) & (second >> 3))) & 1 == 1]
    if not len(hits):
        return units
    ends = np.cumsum(lengths // _CODE_BYTES)
    for index in np.unique(np.searchsorted(ends, hits, side="right")).tolist():
        units[index] = trimmed(units[index], lexicon=lexicon)
    return units


def trimmed(unit: Unit, *, lexicon: Lexicon) -> Unit:
    """``unit`` with its sentence's text :func:`trim.without_deixis` ("the minister said Friday" ->
    "the minister said"): fewer words for the budget, none a reader cannot place. Its span is
    the whole sentence still, so its citation states the day. A quoted sentence is left as it is
    (a quotation is verbatim), as is one whose words do not change. Whether it leans on a
    sentence before it is asked again: a reference further in may now stand in the opening
    words ("A judge on Friday sentenced the man who ..." -> "A judge sentenced the man ...",
    which the reference test reads as leaning on a sentence before it, as it would in the
    article)."""
    text = unit.sentence.text
    if unit.quoted:
        return unit
    short = trim.without_deixis(text)
    if short == text:
        return unit
    s = unit.sentence
    return unit._replace(
        sentence=Sentence(s.article_id, s.start, s.end, short, s.position, s.paragraph),
        words=len(short.split()),
        codes=lexicon.packed(tokens(short)),
        dangling=unit.dangling.of(short),  # read again, when asked, of the trimmed text
    )


@dataclass(frozen=True)
class Encoded:
    """The units' stems as integer codes: one flat array plus the unit each token belongs to,
    and each unit's article and position in it.

    Built once per cluster so that concept and content matrices are numpy operations, not Python
    loops over every token (which were most of the run time).
    """

    flat: np.ndarray  # stem code per token, all units concatenated
    unit_of: np.ndarray  # unit index per token
    stop: np.ndarray  # bool per stem code: a stopword
    n_units: int
    doc: np.ndarray  # per unit: index into the articles list
    position: np.ndarray  # per unit: its sentence's position in the article

    @property
    def n_codes(self) -> int:
        return len(self.stop)


def encode(units: Sequence[Unit], *, lexicon: Lexicon) -> Encoded:
    packed = [u.codes for u in units]
    lengths = np.fromiter(map(len, packed), dtype=np.int64, count=len(units)) // _CODE_BYTES
    flat = np.frombuffer(b"".join(packed), dtype=np.int64)
    return Encoded(
        flat=flat,
        unit_of=np.repeat(np.arange(len(units)), lengths),
        stop=lexicon.stop_mask().copy(),
        n_units=len(units),
        doc=np.fromiter([u.doc for u in units], dtype=np.int64, count=len(units)),
        position=np.fromiter(
            [u.sentence.position for u in units], dtype=np.int64, count=len(units)
        ),
    )


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values: ``np.unique(values)`` by one plain sort (numpy 2's hash-based
    unique was the slowest step of a summary, and an argsort costs half as much again)."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


# incidence() sorts (code, unit) pairs as one integer, code x units + unit: the int64 range is far
# above a vocabulary's bigram codes (its size squared) times a story's sentences.
_MAX_KEY = np.iinfo(np.int64).max


def incidence(
    unit_of: np.ndarray, codes: np.ndarray, *, n_units: int
) -> tuple[np.ndarray, sparse.csc_matrix]:
    """Distinct codes and the binary unit x code matrix (columns in the order of the codes), in
    CSC form: what a column holds is read off it directly, and ``tocsr()`` gives the rows with
    their columns in order.

    One sort gives both: the distinct (code, unit) pairs, grouped by code, are the matrix's
    columns, each column's units in order."""
    rows = max(n_units, 1)
    if len(codes) and int(codes.max()) >= _MAX_KEY // rows - 1:
        raise OverflowError(f"codes up to {int(codes.max())} for {rows} units overflow int64")
    pairs = distinct(codes * rows + unit_of)
    code_of = pairs // rows
    first = np.empty(len(pairs), dtype=bool)
    first[:1] = True
    np.not_equal(code_of[1:], code_of[:-1], out=first[1:])
    concepts = code_of[first]
    width = max(len(concepts), 1)
    starts = np.full(width + 1, len(pairs), dtype=np.int64)
    starts[: len(concepts)] = np.flatnonzero(first)
    data = np.ones(len(pairs), dtype=np.float64)
    return concepts, sparse.csc_matrix((data, pairs % rows, starts), shape=(n_units, width))


def content_matrix(enc: Encoded) -> sparse.csr_matrix:
    """Rows: units; columns: content stems (binary, L2-normalised) — for support and redundancy."""
    keep = ~enc.stop[enc.flat] if enc.n_codes else np.zeros(0, dtype=bool)
    _, by_code = incidence(enc.unit_of[keep], enc.flat[keep], n_units=enc.n_units)
    matrix = by_code.tocsr()
    # Each row scaled in place: a binary row's norm is the root of its length. (A product with
    # a diagonal matrix gave the same values with each row's columns in reverse; every use is a
    # cosine of two such rows, a sum of equal terms, which no order changes.)
    lengths = np.diff(matrix.indptr)
    norms = np.sqrt(lengths.astype(np.float64))
    norms[norms == 0] = 1.0
    matrix.data = np.repeat(1.0 / norms, lengths)
    return matrix


def fits(total_words: int, total_sentences: int, unit: Unit, budget: Budget) -> bool:
    if budget.words is not None and total_words + unit.words > budget.words:
        return False
    return budget.sentences is None or total_sentences + 1 <= budget.sentences


def cite(
    chosen: Sequence[int],
    units: Sequence[Unit],
    articles: Sequence[Article],
    *,
    matrix: sparse.csr_matrix,
    threshold: float = 0.5,
    candidates: Sequence[int] | None = None,
) -> list[tuple[Citation, ...]]:
    """Citations for each chosen unit: itself, plus the closest sentence of every other article that
    says the same thing (content-word cosine >= ``threshold``; 0.5 was checked by hand on the
    examples: below it, sentences that merely share the topic start to qualify). ``candidates``
    limits which units may be cited (a timeline cites only sentences dated to the entry's day).
    A sentence with numbers cites another only if that one states them all and gives no other
    value for what they count: a citation must support the numbers a reader checks it for."""
    if not chosen:
        return []
    allowed = np.arange(len(units)) if candidates is None else np.asarray(candidates, dtype=int)
    others = matrix if candidates is None else matrix[allowed]  # all rows: no copy to take
    sims = (matrix[list(chosen)] @ others.T).toarray()
    out: list[tuple[Citation, ...]] = []
    for row, index in enumerate(chosen):
        own = units[index]
        claim = numbers_in(own.sentence.text)
        best: dict[int, tuple[float, int]] = {}
        for col in np.flatnonzero(sims[row] >= threshold).tolist():
            j = int(allowed[col])
            doc = units[j].doc
            if doc == own.doc:
                continue
            if claim and not states_numbers(claim, units[j].sentence.text):
                continue  # it says the same thing with other numbers, or without them
            score = float(sims[row, col])
            if doc not in best or score > best[doc][0]:
                best[doc] = (score, j)
        cites = [Citation(articles[own.doc].id, own.sentence.start, own.sentence.end, 1.0)]
        for _doc, (score, k) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
            s = units[k].sentence
            cites.append(Citation(articles[units[k].doc].id, s.start, s.end, round(score, 3)))
        out.append(tuple(cites))
    return out


def predecessors(doc: np.ndarray, position: np.ndarray) -> np.ndarray:
    """For each unit (its article ``doc`` and ``position`` there, as :class:`Encoded` holds
    them), the unit of the sentence just before it in its article, or -1: what a sentence that
    opens with "It" or "The unit" leans on."""
    if not len(doc):
        return np.zeros(0, dtype=np.int64)
    # (doc, position) as one number, with room for position -1 below each doc's first sentence
    key = doc * (int(position.max()) + 2) + position
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    # The last unit with the key before, as a dict built in order would keep it.
    at = np.maximum(np.searchsorted(ordered, key - 1, side="right") - 1, 0)
    return np.where(ordered[at] == key - 1, order[at], -1)


def lede(chosen: Sequence[int], units: Sequence[Unit], content: sparse.csr_matrix) -> int | None:
    """The chosen sentence that opens the summary as a news story opens: the one that shares
    most with the rest of the summary (cosine of its content row with the sum of the others'),
    taken among the sentences that open their own article where there are any (an article's
    first sentence is written to tell its news alone), and never one that leans on a sentence
    before it. None when fewer than two sentences could open."""
    could = [i for i in chosen if not units[i].dangling]
    if len(could) < 2:
        return None
    leads = [i for i in could if units[i].sentence.position == 0] or could
    # Read off the CSR arrays (scipy's row selections, sums and products cost a tenth of a
    # summary's choosing), each number summed in the order scipy sums it: the total column by
    # column in the order of the chosen rows, a row's dot with it one term after another, and
    # its dot with itself as scipy's row sum reduces it (np.add.reduceat).
    indptr, indices, data = content.indptr, content.indices, content.data
    total = np.bincount(
        np.concatenate([indices[indptr[i] : indptr[i + 1]] for i in chosen]),
        weights=np.concatenate([data[indptr[i] : indptr[i + 1]] for i in chosen]),
        minlength=content.shape[1],
    )
    # a row's cosine with the others: its dot with the total, less its dot with itself
    shared = np.zeros(len(leads))
    for k, i in enumerate(leads):
        a, b = indptr[i], indptr[i + 1]
        if a < b:
            row = data[a:b]
            own = np.add.reduceat(row * row, [0])[0]
            shared[k] = np.cumsum(row * total[indices[a:b]])[-1] - own
    return leads[int(np.argmax(shared))]


def reading_order(
    chosen: Sequence[int],
    units: Sequence[Unit],
    articles: Sequence[Article],
    *,
    content: sparse.csr_matrix | None = None,
) -> list[int]:
    """The :func:`lede` first (with ``content``, the units' content_matrix), then the rest in
    chronological order by article date and position in the article: a reader learns what the
    story is, then how it unfolded. A sentence that leans on a previous one never opens the
    summary and follows that one when it was chosen too."""

    def key(i: int) -> tuple[str, int, int]:
        unit = units[i]
        published = articles[unit.doc].published
        return (published.isoformat() if published else "", unit.sentence.position, unit.doc)

    ordered = sorted(chosen, key=key)
    opening = None if content is None else lede(chosen, units, content)
    if opening is not None:
        ordered.remove(opening)
        ordered.insert(0, opening)
    # A sentence chosen with its predecessor (it leans on it) follows it directly.
    place = {(units[i].doc, units[i].sentence.position): i for i in ordered}
    for i in [i for i in ordered if units[i].dangling]:
        before = place.get((units[i].doc, units[i].sentence.position - 1))
        if before is not None:
            ordered.remove(i)
            ordered.insert(ordered.index(before) + 1, i)
    for k, i in enumerate(ordered):
        if not units[i].dangling:
            if k:
                ordered.insert(0, ordered.pop(k))
            break
    return ordered


def make_summary(
    chosen: Sequence[int],
    units: Sequence[Unit],
    articles: Sequence[Article],
    *,
    content: sparse.csr_matrix,
    method: str,
    settings: dict[str, object],
    candidates: Sequence[int] | None = None,
    budget: Budget | None = None,
    order: Sequence[int] | None = None,
) -> Summary:
    """The chosen units in reading order, each cited (``content``: the units' content_matrix,
    which a method has often made already; ``candidates``: the units that may be cited, all by
    default). With ``budget``, a person's first mention that is a bare surname
    ("Barak has promised ...") is written in full ("Ehud Barak has promised ...") when the
    sentence's own article names them so before it and the words fit the budget: the sentence's
    own citation is then its span in that article, which states all of it but the given name.
    ``order``: :func:`reading_order` of ``chosen``, when the method has made it already."""
    ordered = (
        list(order)
        if order is not None
        else reading_order(chosen, units, articles, content=content)
    )
    citations = cite(ordered, units, articles, matrix=content, candidates=candidates)
    texts = [units[i].sentence.text for i in ordered]
    if budget is not None:
        used = sum(len(t.split()) for t in texts)
        texts = write_names_in_full(
            texts,
            [(articles[units[i].doc].text, units[i].sentence.start) for i in ordered],
            words_left=None if budget.words is None else budget.words - used,
        )
    sentences = tuple(
        SummarySentence(text, cites) for text, cites in zip(texts, citations, strict=True)
    )
    return Summary(sentences=sentences, method=method, settings=settings)
