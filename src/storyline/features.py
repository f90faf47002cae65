"""Lexical features for story and event clustering: content stems and entity-like tokens.

Two blocks per article, each L2-normalised on its own so that their mix is one interpretable knob:

* **terms**: Porter stems of content words, sublinear tf times smoothed idf. Title words count
  ``title_weight`` times, because a headline names what the article is about.
* **entities**: "entity-like" tokens that tell one event from another of the same kind: capitalised
  names (``e:tara_reid``, ``e:qeshm``) and numbers (``n:5.6``, ``n:2005``). Two earthquakes share
  "quake", "magnitude" and "killed"; they do not share "Qeshm" or "5.6".

An article's vector at a level is ``(terms + w * entities) / sqrt(1 + w**2)`` where ``w`` is that
level's entity weight. Keeping the blocks apart and the mix linear means a cluster's *sum* of block
vectors is enough to compute average-linkage similarity at any level later (see ``cluster.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.text import STOPWORDS, Stemmer, tokens

SparseVector = dict[str, float]

# A line that is only a web address (ECB+ and scraped text put the source URL first): it names the
# outlet's URL scheme, not the story, so it is dropped before any feature is taken.
_URL_LINE = re.compile(r"^\s*(?:https?\s*:|www\s*\.)|://|\b(?:com|org|net|html?|php)\s*/\s", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&.-]*[A-Za-z]|[A-Za-z]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”`'(\[|])\s*$")
# Capitalised words that start many sentences or name no particular thing.
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "when",
        "where",
        "who",
        "why",
        "how",
        "but",
        "and",
        "or",
        "if",
        "as",
        "at",
        "in",
        "on",
        "of",
        "for",
        "to",
        "by",
        "from",
        "with",
        "after",
        "before",
        "while",
        "update",
        "updated",
        "posted",
        "breaking",
        "news",
        "photo",
        "video",
        "read",
        "more",
        "said",
        "says",
        "also",
    ]
)


@dataclass(frozen=True)
class ClusterDoc:
    """What the clusterer needs from an article (``Article`` maps onto it with ``from_article``)."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class DocCounts:
    """Raw feature counts of one article, before any corpus statistics are applied."""

    terms: Mapping[str, float]
    entities: Mapping[str, float]


def body_lines(text: str) -> list[str]:
    """Lines of text without the lines that are only a URL."""
    return [line for line in text.splitlines() if line.strip() and not _URL_LINE.search(line)]


def _is_shouting(line: str) -> bool:
    """An all-capitals line (a shouted headline) makes every word look like a name."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 10 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def _name_runs(line: str) -> Iterable[tuple[str, bool]]:
    """Runs of capitalised words in one line, each with whether it starts a sentence."""
    run: list[str] = []
    run_at_start = False
    run_end = 0
    for match in _WORD.finditer(line):
        word = match.group().strip(".'’-")
        capital = word[:1].isupper() and word.lower() not in _NOT_NAMES
        if capital and run and line[run_end : match.start()].strip() == "":
            run.append(word)
        else:
            if run:
                yield " ".join(run), run_at_start
            run = [word] if capital else []
            run_at_start = bool(_SENTENCE_START.search(line[: match.start()]))
        run_end = match.end()
    if run:
        yield " ".join(run), run_at_start


def entity_counts(lines: Sequence[str]) -> Counter[str]:
    """Entity-like keys: capitalised names (``e:``) and numbers (``n:``).

    A single capitalised word that starts a sentence is kept only when the article also capitalises
    it elsewhere: "Police said ..." is not a name, "Lohan said ..." is.
    """
    names: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    for line in lines:
        for number in _NUMBER.findall(line):
            names["n:" + number.replace(",", "")] += 1
        if _is_shouting(line):
            continue
        for run, at_start in _name_runs(line):
            key = "e:" + run.lower().replace(" ", "_")
            if at_start and " " not in run:
                starts[key] += 1
            else:
                names[key] += 1
    for key, count in starts.items():
        if key in names:
            names[key] += count
    return names


def doc_counts(doc: ClusterDoc, stem: Stemmer, *, title_weight: float) -> DocCounts:
    """Term and entity counts of one article, title counted ``title_weight`` times."""
    lines = body_lines(doc.text)
    terms: Counter[str] = Counter()
    for line in lines:
        terms.update(stem(t) for t in tokens(line) if t not in STOPWORDS and not t.isdigit())
    entities = entity_counts(lines)
    term_weights: dict[str, float] = dict(terms)
    entity_weights: dict[str, float] = dict(entities)
    if doc.title:
        for key, count in Counter(stem(t) for t in tokens(doc.title) if t not in STOPWORDS).items():
            term_weights[key] = term_weights.get(key, 0.0) + title_weight * count
        for key, count in entity_counts([doc.title]).items():
            entity_weights[key] = entity_weights.get(key, 0.0) + title_weight * count
    return DocCounts(terms=term_weights, entities=entity_weights)


@dataclass(frozen=True)
class Block:
    """One feature block of many articles: L2-normalised tf-idf rows over ``vocabulary``."""

    vocabulary: tuple[str, ...]
    matrix: sparse.csr_matrix

    def row(self, index: int) -> SparseVector:
        start, end = self.matrix.indptr[index], self.matrix.indptr[index + 1]
        cols = self.matrix.indices[start:end]
        vals = self.matrix.data[start:end]
        return {self.vocabulary[c]: float(v) for c, v in zip(cols, vals, strict=True)}


def idf(df: int, n_docs: int) -> float:
    """Smoothed idf (as scikit-learn's): never zero, so a word in every article still counts a
    bit."""
    return math.log((1 + n_docs) / (1 + df)) + 1.0


def weigh_block(rows: Sequence[Mapping[str, float]], df: Mapping[str, int], n_docs: int) -> Block:
    """Sublinear tf times idf, rows L2-normalised; ``df`` and ``n_docs`` describe the corpus
    seen."""
    vocabulary = tuple(sorted({key for row in rows for key in row}))
    index = {key: i for i, key in enumerate(vocabulary)}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for row in rows:
        for key in sorted(row):
            indices.append(index[key])
            data.append(
                (1.0 + math.log(row[key])) * idf(df.get(key, 0), n_docs) if row[key] > 0 else 0.0
            )
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices), np.asarray(indptr)),
        shape=(len(rows), len(vocabulary)),
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    return Block(vocabulary=vocabulary, matrix=matrix)


def mixed_similarity(
    terms: sparse.csr_matrix, entities: sparse.csr_matrix, *, entity_weight: float
) -> npt.NDArray[np.float64]:
    """Cosine-like similarity of all pairs of rows with the entity block weighted
    ``entity_weight``."""
    w2 = entity_weight * entity_weight
    sim = (terms @ terms.T).toarray() + w2 * (entities @ entities.T).toarray()
    result: npt.NDArray[np.float64] = np.asarray(sim / (1.0 + w2), dtype=np.float64)
    return result
