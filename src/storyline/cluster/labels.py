"""Story names a reader recognises: the headline most central to the story, well cased and
short, and keywords that are names and content words.

Labels are chosen, not written: among the headlines a story has seen (its ``label_candidates``
best so far plus the new batch's), the one whose words are closest to the story's centroid
*now* wins, so the label follows the story as it grows. A shouted headline ("CRASH
INVESTIGATORS LOOKING AT 767 TAIL SYSTEM") is re-cased rather than shown in capitals; a lead
line standing in for a missing headline is cut to its first sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from storyline.cluster.events import StoryState, lead_line, stack_rows, story_terms, top_words
from storyline.cluster.groups import Batch
from storyline.cluster.settings import Matrix
from storyline.features import Hasher, compact_columns, normalise_rows, text_rows
from storyline.text import STOPWORDS

LABEL_CHARS = 100  # longer headlines are cut at a word boundary
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.&-]*[A-Za-z]|[A-Za-z]")
# A keyword may hold digits among its letters ("H1N1", "G20", "F-16"), never only digits.
_KEYWORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.&-]*[A-Za-z0-9]|[A-Za-z]")
_LETTER = re.compile(r"[A-Za-z]")
_UPPER = re.compile(r"[A-Z]")
_SENTENCE = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z\"“])")
# Words that say a headline is news, not what the news is about.
_GENERIC = frozenset(
    """says said say new news update updated report reports reported latest live breaking
    watch video photos photo read more year years day days week weeks time first last one two
    three four five six seven eight nine ten dozen hundred hundreds thousand thousands million
    millions billion billions""".split()
)
# Short words a title-cased headline keeps in lower case (unless first).
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")
_MINOR = frozenset("a an and as at but by for in of on or the to vs via with from into".split())


def shouting(text: str) -> bool:
    """Mostly capitals: a headline set in caps, which reads as shouting in a list."""
    letters = len(_LETTER.findall(text))
    return letters >= 6 and len(_UPPER.findall(text)) > 0.7 * letters


def title_cased(text: str) -> bool:
    """Most longer words capitalised ("Congress Investigating GM Recall"): capitals then say
    nothing about which words are names."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _title_word(word: str, *, first: bool) -> str:
    bare = word.strip("\"'“”‘’()[]:;,.!?`")
    if not bare or any(c.isdigit() for c in bare):
        return word
    lower = bare.lower()
    if lower in _MINOR and not first:
        return word.replace(bare, lower)
    if len(bare) <= 3 and lower not in STOPWORDS and "." not in bare:
        return word  # an acronym (FBI, UN, NFL) stays in capitals
    if _INITIALS.fullmatch(bare):
        return word.upper()  # initials with dots (U.S., N.C., D.C.) too
    return word.replace(bare, bare[0] + bare[1:].lower())


def recase(headline: str, body: str) -> str:
    """A shouted headline in the case its own article writes each word: "NEW" is "New" where
    the body writes "new", "FBI" stays where it writes "FBI"; a word the body does not use is
    cased by rule (``_title_word``: three letters or fewer stay in capitals). Any other
    headline is returned as it is."""
    line = " ".join(headline.split())
    if not shouting(line):
        return headline
    capitals: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for word in _WORD.findall(body):
        (capitals if word.isupper() and len(word) > 1 else other)[word.lower()] += 1
    words = []
    for i, word in enumerate(line.split()):
        bare = word.strip("\"'“”‘’()[]:;,.!?`")
        lower = bare.lower()
        if bare and other[lower] > capitals[lower] and not any(c.isdigit() for c in bare):
            written = bare.capitalize() if i == 0 or lower not in _MINOR else lower
            words.append(word.replace(bare, written))
        else:
            words.append(_title_word(word, first=i == 0))
    return " ".join(words)


def tidy_headline(text: str, *, limit: int = LABEL_CHARS) -> str:
    """One line, re-cased if shouted, cut to ``limit`` characters at a word boundary."""
    line = " ".join(text.split())
    if shouting(line):
        line = " ".join(_title_word(w, first=i == 0) for i, w in enumerate(line.split()))
    if len(line) > limit:
        line = line[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–—") + "…"
    return line


def lead_headline(line: str) -> str:
    """A lead line standing in for a headline: its first sentence."""
    return _SENTENCE.split(" ".join(line.split()), maxsplit=1)[0]


def keyword_counts(headline: str) -> Counter[str]:
    """A headline's keywords, once each: names as written ("Leo Brandt", "FBI") and the other
    content words in lower case; no stop words, numbers or words that only say "news". In a
    shouted or title-cased headline capitals mark nothing, so every word counts as a word; a name
    with digits ("H1N1", "G20", "Su-25") is one word, kept as written."""
    found: Counter[str] = Counter()
    shouted = shouting(headline) or title_cased(headline)
    matches = [m for m in _KEYWORD.finditer(headline) if _LETTER.search(m.group())]
    run: list[str] = []
    for position, match in enumerate([*matches, None]):
        word = match.group() if match else ""
        if run and match and headline[matches[position - 1].end() : match.start()].strip():
            found[" ".join(run)] = 1  # punctuation ends a name: "Marrowby: Mayor Ada Venn"
            run = []
        lower = word.lower()
        named = any(c.isdigit() for c in word) and any(c.isupper() for c in word)
        capital = named or (
            bool(word)
            and word[0].isupper()
            and not shouted
            and position > 0
            and lower not in STOPWORDS
        )
        if capital:
            run.append(word)
            continue
        if run:
            found[" ".join(run)] = 1
            run = []
        if word and lower not in STOPWORDS and lower not in _GENERIC and len(lower) > 2:
            found[lower] = 1
    return found


def top_keywords(words: Counter[str], n: int) -> list[str]:
    """The ``n`` most frequent keywords, case variants counted as one ("Titanfall" and
    "titanfall") and shown in their most frequent form (a name's capitals on a tie); on a tie,
    names before words, then alphabetical."""
    totals: Counter[str] = Counter()
    forms: dict[str, tuple[int, bool, str]] = {}
    for word, count in words.items():
        key = word.lower()
        totals[key] += count
        form = (count, not word[:1].islower(), word)
        forms[key] = max(forms.get(key, form), form)
    shown = {key: forms[key][2] for key in totals}
    ranked = sorted(totals, key=lambda k: (-totals[k], shown[k][:1].islower(), shown[k]))
    return [shown[key] for key in ranked[:n]]


def relabel(
    batch: Batch,
    home: Sequence[StoryState],
    *,
    hasher: Hasher,
    term_df: npt.NDArray[np.int64],
    n_docs: int,
    candidates: int,
) -> None:
    """Each touched story's label (``home``: each article's story): of its best headlines so
    far and this batch's, the one closest to the story's centroid now, weighed by the index's
    ``term_df``; its ``candidates`` best are kept, and its keywords count the headlines'
    names and content words."""
    touched = sorted({id(s): s for s in home}.values(), key=lambda s: s.id)
    pools: dict[int, list[str]] = {id(s): list(s.candidates) for s in touched}
    for doc, story in zip(batch.docs, home, strict=True):
        headline = recase(doc.title or lead_headline(lead_line(doc.text)), doc.text)
        if not headline.strip():
            continue
        story.words.update(keyword_counts(headline))
        if headline not in pools[id(story)]:
            pools[id(story)].append(headline)
    texts = [h for s in touched for h in pools[id(s)]]
    if not texts:
        return
    rows = text_rows(texts, hasher, term_df, n_docs)
    centroids = normalise_rows(stack_rows([story_terms(s) for s in touched]))
    owner = np.repeat(np.arange(len(touched)), [len(pools[id(s)]) for s in touched])
    rows, mine = compact_columns(rows, centroids[owner])
    scores = np.asarray(rows.multiply(mine).sum(axis=1)).ravel()
    start = 0
    for story in touched:
        pool = pools[id(story)]
        ranked = _ranked(pool, scores[start : start + len(pool)])
        start += len(pool)
        story.candidates = ranked[:candidates]
        story.label = tidy_headline(story.candidates[0]) if story.candidates else ""
        if len(story.words) > 64:
            story.words = Counter(dict(top_words(story.words, 64)))


def _ranked(headlines: Sequence[str], scores: Matrix) -> list[str]:
    """Most central first; among equals the shorter, then the alphabetically first."""
    order = sorted(
        range(len(headlines)),
        key=lambda i: (-round(float(scores[i]), 9), len(headlines[i]), headlines[i]),
    )
    return [headlines[i] for i in order]
