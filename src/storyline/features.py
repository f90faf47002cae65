"""Lexical features for story and event clustering: content stems and entity-like tokens.

Two blocks per article, each L2-normalised on its own so that their mix is one interpretable knob:

* **terms**: Porter stems of content words, sublinear tf times smoothed idf. Title words count
  ``title_weight`` times, because a headline names what the article is about.
* **entities**: "entity-like" tokens that tell one event from another of the same kind: capitalised
  names (``e:tara_reid``, ``e:qeshm``) and numbers (``n:5.6``, ``n:2005``). Two earthquakes share
  "quake", "magnitude" and "killed"; they do not share "Qeshm" or "5.6".

Features are *hashed* into a fixed number of columns (``2**HASH_BITS``, CRC-32 of the key, stable
across processes) rather than kept in a growing vocabulary: the index's document frequencies are
then one fixed-size array, a batch is one scipy sparse matrix, and nothing in the state grows with
the vocabulary of a long stream. At 2**20 columns two of a news stream's ~100k stems collide rarely
enough not to move any benchmark number.

An article's vector at a level is ``(terms + w * entities) / sqrt(1 + w**2)`` where ``w`` is that
level's entity weight. Keeping the blocks apart and the mix linear means a cluster's *sum* of block
vectors is enough to compute centroid similarity at any level later (see ``storyline.cluster``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.text import STOPWORDS, Stemmer

HASH_BITS = 20
DIMENSIONS = 1 << HASH_BITS
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# A line that is only a web address (ECB+ and scraped text put the source URL first): it names the
# outlet's URL scheme, not the story, so it is dropped before any feature is taken.
_URL_LINE = re.compile(r"^\s*(?:https?\s*:|www\s*\.)|://|\b(?:com|org|net|html?|php)\s*/\s", re.I)
_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
# A run of capitalised words on one line ("Mayor Ada Venn", "Harbour City FC").
_CAPITAL_RUN = re.compile(r"[A-Z][A-Za-z'’&.-]*(?:[ \t]+[A-Z][A-Za-z'’&.-]*)*")
_NOT_UPPER = bytes(b for b in range(256) if not 65 <= b <= 90)  # all bytes but A-Z
_NOT_LETTER = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_SENTENCE_END = frozenset(".!?:;\"“”`'([|\n")
# Capitalised words that start many sentences or name no particular thing.
_NOT_NAMES = frozenset(
    """the a an he she it they we i you his her its their this that these those there here what
    when where who why how but and or if as at in on of for to by from with after before while
    update updated posted breaking news photo video read more said says also""".split()
)
_MEMO_LIMIT = 500_000  # words memoised per Hasher before the memo is cleared (bounds memory)


@dataclass(frozen=True)
class ClusterDoc:
    """What the clusterer needs from an article (``Article`` maps onto it with ``from_article``)."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    # ISO 639-1 code; None: detect it from the text (``feature_language``).
    language: str | None = None


# Shorter texts (headlines, teasers) stay in the English feature space: the detector is unsure on
# a few words, and a headline wrongly put in another language would never join its story.
LANGUAGE_MIN_CHARS = 200


def feature_language(doc: ClusterDoc) -> str | None:
    """The language whose own feature space ``doc``'s features go into, or None for English.

    Why a space per language: storyline's words, stems and names are English; an article in
    another language is grouped only with articles in its language (issue 15.4). Its term and
    entity columns are re-hashed with the language code, so every similarity between articles of
    two languages is zero in every path (a batch, the incremental index, the batch runners) with
    no extra rule, and the English columns and saved states stay as they were. Undetermined and
    short texts count as English."""
    from storyline.language import ENGLISH, UNKNOWN, detect_language

    language = doc.language
    if language is None:
        text = doc.text[:2000]
        if len(text) < LANGUAGE_MIN_CHARS:
            return None
        # Both halves must agree: a lone URL, a dateline or a quote in another language can
        # tip one sample (2 of ECB+'s 982 English articles were read as Spanish or German).
        half = len(text) // 2
        language = detect_language(text[:half])
        if detect_language(text[half:]) != language:
            return None
    return None if language in (ENGLISH, UNKNOWN) else language


def _in_language(columns: list[int], language: str | None) -> list[int]:
    if language is None:
        return columns
    return [column(f"{language}|{c}") for c in columns]


def column(key: str) -> int:
    """The hashed column of a feature key: CRC-32, so the same in every process and run."""
    return zlib.crc32(key.encode("utf-8")) & (DIMENSIONS - 1)


class Hasher:
    """Words to hashed stem columns, memoised: news repeats its words, so a lookup replaces
    stemming and hashing. Holds no corpus statistics; the memo is a cache only."""

    def __init__(self) -> None:
        self._stem = Stemmer()
        self._memo: dict[str, int] = {}

    def terms(self, text: str) -> list[int]:
        """The stem columns of the content words of ``text``, in order: lower-cased tokens
        without stop words and numbers. One pass over the tokens: a word the memo knows is one
        lookup, a stop word or number included (memoised as -1)."""
        memo = self._memo
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        out: list[int] = []
        for word in _TOKEN.findall(text.lower()):
            col = memo.get(word)
            if col is None:
                skip = word in STOPWORDS or word.isdigit()
                col = memo[word] = -1 if skip else column("t:" + self._stem(word))
            if col >= 0:
                out.append(col)
        return out


def body_lines(text: str) -> list[str]:
    """Lines of text without the lines that are only a URL."""
    return [line for line in text.splitlines() if line.strip() and not _is_url_line(line)]


def _is_url_line(line: str) -> bool:
    # ``_URL_LINE`` can only match a line with a "/" or one that starts with "http" or "www":
    # the cheap test spares most lines the regex, a third of this function's cost.
    if "/" not in line and line.lstrip()[:1] not in ("h", "H", "w", "W"):
        return False
    return _URL_LINE.search(line) is not None


def _is_shouting(line: str) -> bool:
    """An all-capitals line (a shouted headline) makes every word look like a name."""
    # Counted on the line's ASCII bytes (the letters counted are ASCII): ``bytes.translate``
    # deletes the rest in C, a tenth of the cost of two ``findall`` per line.
    raw = line.encode("ascii", "ignore")
    letters = len(raw.translate(None, _NOT_LETTER))
    return letters > 10 and len(raw.translate(None, _NOT_UPPER)) > 0.7 * letters


def _at_sentence_start(text: str, position: int) -> bool:
    j = position - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _runs(line: str) -> Iterable[tuple[str, bool]]:
    """Capitalised runs of one line, split at words that name nothing, with whether each starts a
    sentence."""
    for match in _CAPITAL_RUN.finditer(line):
        text = match.group()
        offset = match.start()
        if " " not in text and "\t" not in text:  # one word, the common case: no offsets to find
            clean = text.strip(".'’-")
            if clean and clean.lower() not in _NOT_NAMES:
                yield clean, _at_sentence_start(line, offset)
            continue
        words = text.split()
        run: list[str] = []
        run_start = offset
        for word in words:
            clean = word.strip(".'’-")
            if clean.lower() in _NOT_NAMES or not clean:
                if run:
                    yield " ".join(run), _at_sentence_start(line, run_start)
                run = []
            else:
                if not run:
                    run_start = line.index(word, offset)
                run.append(clean)
            offset = line.index(word, offset) + len(word)
        if run:
            yield " ".join(run), _at_sentence_start(line, run_start)


def entity_keys(lines: Sequence[str]) -> list[str]:
    """Entity-like keys, one per mention: capitalised names (``e:``) and numbers (``n:``).

    A single capitalised word that starts a sentence is kept only when the article also capitalises
    it elsewhere: "Police said ..." is not a name, "Lohan said ..." is.
    """
    keys: list[str] = []
    starts: list[str] = []
    for line in lines:
        keys.extend("n:" + n.replace(",", "") for n in _NUMBER.findall(line))
        if _is_shouting(line):
            continue
        for run, at_start in _runs(line):
            key = "e:" + run.lower().replace(" ", "_")
            (starts if at_start and " " not in run else keys).append(key)
    named = set(keys)
    keys.extend(key for key in starts if key in named)
    return keys


def entity_counts(lines: Sequence[str]) -> dict[str, int]:
    """Entity keys with their counts (for inspection and tests)."""
    counts: dict[str, int] = {}
    for key in entity_keys(lines):
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True)
class BatchCounts:
    """Raw (title-weighted) feature counts of a batch as hashed sparse rows, one per article."""

    terms: sparse.csr_matrix
    entities: sparse.csr_matrix


@dataclass(frozen=True)
class DocCounts:
    """One article's hashed feature columns and weights (repeats allowed, summed later).

    A pure function of the article, so it can be computed ahead, in another process.
    """

    terms: Ints
    term_weights: Floats
    entities: Ints
    entity_weights: Floats
    language: str | None = None  # feature_language: None for the English feature space


def doc_counts(doc: ClusterDoc, hasher: Hasher, *, title_weight: float) -> DocCounts:
    """Term and entity columns of one article, title counted ``title_weight`` times, in its
    language's feature space (``feature_language``)."""
    language = feature_language(doc)
    lines = body_lines(doc.text)
    terms = _in_language(hasher.terms("\n".join(lines)), language)
    keys = entity_keys(lines)
    entities = _in_language([column(k) for k in keys], language)
    t_weight = [1.0] * len(terms)
    e_weight = [1.0] * len(entities)
    if doc.title:
        title_terms = _in_language(hasher.terms(doc.title), language)
        title_keys = entity_keys([doc.title])
        terms += title_terms
        entities += _in_language([column(k) for k in title_keys], language)
        t_weight += [title_weight] * len(title_terms)
        e_weight += [title_weight] * len(title_keys)
    return DocCounts(
        np.asarray(terms, dtype=np.int64),
        np.asarray(t_weight, dtype=np.float64),
        np.asarray(entities, dtype=np.int64),
        np.asarray(e_weight, dtype=np.float64),
        language,
    )


def batch_counts(docs: Sequence[ClusterDoc], hasher: Hasher, *, title_weight: float) -> BatchCounts:
    """Term and entity counts of every article, title counted ``title_weight`` times."""
    return count_rows([doc_counts(d, hasher, title_weight=title_weight) for d in docs])


def count_rows(docs: Sequence[DocCounts]) -> BatchCounts:
    """The batch's count matrices, one row per article in the order given."""
    return BatchCounts(
        terms=_count_matrix([d.terms for d in docs], [d.term_weights for d in docs]),
        entities=_count_matrix([d.entities for d in docs], [d.entity_weights for d in docs]),
    )


def _count_matrix(rows: Sequence[Ints], weights: Sequence[Floats]) -> sparse.csr_matrix:
    """Sum weights per (row, column): a COO build that scipy collapses in C."""
    lengths = np.array([len(r) for r in rows], dtype=np.int64)
    row_ids = np.repeat(np.arange(len(rows)), lengths)
    cols = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    vals = np.concatenate(weights) if weights else np.zeros(0)
    matrix = sparse.csr_matrix(
        sparse.coo_matrix((vals, (row_ids, cols)), shape=(len(rows), DIMENSIONS))
    )
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


def document_frequency(counts: sparse.csr_matrix) -> Ints:
    """How many rows of ``counts`` hold each column (a dense array of ``DIMENSIONS``)."""
    df: Ints = np.bincount(counts.indices, minlength=DIMENSIONS).astype(np.int64)
    return df


def add_document_frequency(df: Ints, counts: sparse.csr_matrix) -> None:
    """``df += document_frequency(counts)``, touching only the columns ``counts`` uses: a batch
    of posts holds a few thousand of the 2^20, and a dense pass cost 4 ms a batch."""
    columns, n = np.unique(counts.indices, return_counts=True)
    df[columns] += n


def compact_columns(*matrices: sparse.csr_matrix) -> list[sparse.csr_matrix]:
    """The matrices over only the columns any of them uses, renumbered in order. Operations
    that build a pointer or an accumulator per column (a transpose, a product's scratch row)
    cost a millisecond each over 2^20 hashed columns, several times a batch; over the used
    columns every product, and its order of summation, is the same, so are the values."""
    rows = [m.tocsr() for m in matrices]
    used, inverse = np.unique(
        np.concatenate([m.indices[: m.nnz] for m in rows]), return_inverse=True
    )
    width, start, out = max(len(used), 1), 0, []
    for m in rows:
        columns = inverse[start : start + m.nnz]
        out.append(sparse.csr_matrix((m.data[: m.nnz], columns, m.indptr), (m.shape[0], width)))
        start += m.nnz
    return out


def row_products(a: sparse.csr_matrix, b: sparse.csr_matrix) -> Floats:
    """``a @ b.T`` as a dense array, over only the columns ``a`` uses (see ``compact_columns``):
    ``b``'s entries elsewhere meet zeros, and a batch's few rows against the index's thousands
    of events need not sort the index's columns. Each product sums the same terms in the same
    order (``a``'s), so the values are those of the full product."""
    a, b = a.tocsr(), b.tocsr()
    used, inverse = np.unique(a.indices[: a.nnz], return_inverse=True)
    if not len(used):
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.result_type(a.dtype, b.dtype))
    left = sparse.csr_matrix((a.data[: a.nnz], inverse, a.indptr), (a.shape[0], len(used)))
    if b is a:  # a batch against itself: every entry is in a used column
        same: Floats = (left @ left.T).toarray()
        return same
    columns = b.indices[: b.nnz]
    # Each column's place among ``used`` plus one, 0 for the others: a lookup beats a search.
    place = np.zeros(max(a.shape[1], b.shape[1]), dtype=np.int32)
    place[used] = np.arange(1, len(used) + 1, dtype=np.int32)
    found = place[columns]
    keep = found > 0
    kept = np.zeros(len(keep) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept[1:])
    at = found[keep] - 1
    right = sparse.csr_matrix((b.data[: b.nnz][keep], at, kept[b.indptr]), (b.shape[0], len(used)))
    result: Floats = (left @ right.T).toarray()
    return result


def summed_rows(member: sparse.csr_matrix, rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """``member @ rows`` (sums of groups of rows) computed over the columns ``rows`` uses and
    mapped back: a product over 2^20 hashed columns builds a scratch row that size, a
    millisecond each. The renumbering keeps the columns' order, so the result, down to the
    order of its entries, is the full product's."""
    rows = rows.tocsr()
    used, inverse = np.unique(rows.indices[: rows.nnz], return_inverse=True)
    narrow = sparse.csr_matrix(
        (rows.data[: rows.nnz], inverse, rows.indptr), (rows.shape[0], max(len(used), 1))
    )
    product = sparse.csr_matrix(member @ narrow)
    return sparse.csr_matrix(
        (product.data, used[product.indices], product.indptr),
        shape=(product.shape[0], rows.shape[1]),
    )


def tfidf_rows(counts: sparse.csr_matrix, df: Ints, n_docs: int) -> sparse.csr_matrix:
    """Sublinear tf times smoothed idf (scikit-learn's: never zero), rows L2-normalised."""
    matrix = counts.copy().astype(np.float64)
    positive = matrix.data > 0
    idf = np.log((1.0 + n_docs) / (1.0 + df[matrix.indices])) + 1.0
    matrix.data = np.where(positive, 1.0 + np.log(np.maximum(matrix.data, 1e-12)), 0.0) * idf
    return normalise_rows(matrix)


def normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    lengths = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    norms = np.sqrt(np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    out = matrix.copy()
    out.data = out.data / np.repeat(norms, lengths)
    return out


def mixed_similarity(
    terms: sparse.csr_matrix, entities: sparse.csr_matrix, *, entity_weight: float
) -> Floats:
    """Cosine of all pairs of unit rows with the entity block weighted ``entity_weight``."""
    w2 = entity_weight * entity_weight
    sim = row_products(terms, terms)
    if w2 > 0:
        sim = sim + w2 * row_products(entities, entities)
    result: Floats = np.asarray(sim / (1.0 + w2), dtype=np.float64)
    return result


def text_rows(texts: Sequence[str], hasher: Hasher, df: Ints, n_docs: int) -> sparse.csr_matrix:
    """Unit tf-idf term rows of short texts (headlines) by the given document frequencies: what
    a story's label candidates are scored by against its centroid."""
    rows = [np.asarray(hasher.terms(t), dtype=np.int64) for t in texts]
    counts = _count_matrix(rows, [np.ones(len(r)) for r in rows])
    return tfidf_rows(counts, df, n_docs)
