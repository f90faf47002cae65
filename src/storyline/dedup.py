"""Wire copies: find articles that are reprints of an earlier article.

Outlets reprint one agency text with a new headline, a photo caption on top, their own sign-off
lines, a cut ending and a few copy-edits, while other outlets report the same event in their own
words. The first group must collapse into one canonical article; the second must not.

How: the body is normalised (lower-case word tokens; short lines, headlines and boilerplate-looking
lines such as "Click here to join ..." dropped), cut into word shingles, and summarised by MinHash.
LSH over the signature proposes candidates whose Jaccard similarity is plausibly high; each one is
then *verified* by containment of the shorter shingle set in the longer, which is what survives a
cut ending (a reprint that keeps 55% of the agency text has Jaccard 0.55 but containment ~1.0). The
bands are deliberately small (2 rows), and a second small signature covers only the lead, so that
low-Jaccard, high-containment pairs still become candidates; verification keeps precision.
``benchmarks/dedup.py`` set the defaults.

MinHash is our own numpy code rather than datasketch's: on the benchmark it is several times faster
(datasketch hashes every shingle with SHA-1 in Python) and its state is plain arrays, which a store
can persist without pickle.

Fingerprints (normalising, shingles, MinHash, containment) are made in ``storyline.fingerprints``;
this module keeps and matches them. The index is plain state passed in by the caller (no globals):
``DedupIndex.add`` for a stream, ``find_duplicates`` for one batch, ``to_state``/``from_state`` for
persistence.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from itertools import chain

import numpy as np
import numpy.typing as npt

from storyline.fingerprints import Fingerprint, Fingerprinter, containment, sorted_unique

log = logging.getLogger(__name__)

_STATE_VERSION = 3
# How often (in articles added) the index checks whether enough has left its window to compact.
_COMPACT_EVERY = 1024
# The pre-filter keeps a candidate unless its estimated containment is this many standard errors
# below the threshold less a margin; benchmarks/dedup.py loses no reprint to it.
_PREFILTER_SIGMAS = 2.0
_PREFILTER_MARGIN = 0.1


@dataclass(frozen=True)
class DedupSettings:
    """Knobs of the detector; defaults set by ``benchmarks/dedup.py`` (precision, recall >= 0.98).

    ``shingle``: words per shingle. 4 keeps two outlets' own wordings of the same facts apart while
    a copy-edit (one changed word) costs only 4 shingles.
    ``num_perm`` / ``band_rows``: MinHash size and LSH band height; 64 x 2 makes a pair with Jaccard
    0.3 a candidate with probability 0.95 (a reprint that keeps half the text has Jaccard ~0.5).
    ``threshold``: containment of the shorter shingle set in the longer needed to call a reprint.
    On the benchmark (5 seeds x 5,000 articles) copies of one text score 0.75 at the 0.1st
    percentile (minimum 0.60), other pairs from the same story 0.45 at the 99.9th (maximum 0.73:
    three-sentence briefs that share a quote and a stock phrasing with a longer article).
    ``min_line_words``: lines shorter than this are dropped as boilerplate (captions, sign-offs).
    ``lead_shingles`` / ``lead_perm``: a second, small MinHash over the first shingles only, banded
    like the first: a copy cut to a third of its source has Jaccard ~0.3 but the same lead.
    ``min_shingles``: below this a text is too short to call a copy of anything but its exact twin.
    ``bucket_cap``: an LSH bucket keeps only its newest this-many articles. Stock phrasings ("the
    ministry said in a statement") fill a few buckets with thousands of unrelated articles, and
    without a cap every lookup scans them, so the cost per article grows with the index. A real
    copy shares many bands with its source, so losing it from one crowded bucket does not hide it.
    ``window_days``: how far apart in publication days (back or forward from the article's own
    date) a copy and its source may be. Keyed on each article's own date, not on the newest date
    seen, so a backfill of old archives into a store holding newer articles, or a stream that
    arrives out of order, finds the same copies as one ingested in date order (issue 17.2).
    Agency copy is reprinted within days; a re-post of a years-old article is a new article.
    None compares every pair of dates.
    ``horizon``: which articles the index keeps in memory: those dated within ``window_days`` of
    some article among the last ``horizon`` added. A stream in date order thus keeps about one
    window of articles (memory and checkpoints stay bounded however long it runs), and a
    backfill keeps the dates it is working on. The days it lets go are remembered
    (``missing``): the engine re-reads their articles from the store when an article dated near
    them arrives, so an old straggler still meets its copies. 1,024 (one ingest batch) keeps a
    shuffled 20k-article corpus spanning five years whole (``benchmarks/order.py``) and, in date
    order, about 1.4 windows of the synthetic stream (``benchmarks/dedup.py``).
    """

    shingle: int = 4
    num_perm: int = 64
    band_rows: int = 2
    threshold: float = 0.6
    min_line_words: int = 8
    min_shingles: int = 5
    lead_shingles: int = 32
    lead_perm: int = 16
    seed: int = 1
    bucket_cap: int = 32
    window_days: int | None = 30
    horizon: int = 1024

    def __post_init__(self) -> None:
        if self.shingle < 1:
            raise ValueError(f"DedupSettings.shingle must be >= 1, got {self.shingle}.")
        for name in ("num_perm", "lead_perm"):
            value = getattr(self, name)
            if self.band_rows < 1 or value < 0 or value % self.band_rows:
                raise ValueError(
                    f"DedupSettings.{name} ({value}) must be a multiple of band_rows "
                    f"({self.band_rows}), e.g. num_perm=64, lead_perm=16, band_rows=2."
                )
        if self.num_perm < self.band_rows:
            raise ValueError("DedupSettings.num_perm must be at least band_rows.")
        if self.window_days is not None and self.window_days < 0:
            raise ValueError(f"DedupSettings.window_days must be >= 0, got {self.window_days}.")
        if self.horizon < 1:
            raise ValueError(f"DedupSettings.horizon must be >= 1, got {self.horizon}.")
        if self.bucket_cap < 1:
            raise ValueError(f"DedupSettings.bucket_cap must be >= 1, got {self.bucket_cap}.")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"DedupSettings.threshold must be in (0, 1], got {self.threshold}.")


# --------------------------------------------------------------------------------------------------
# The index.


class DedupIndex:
    """A growing index of article bodies that answers "which earlier article is this a copy of?".

    Every added article is kept (a later, more heavily cut copy may match only a copy), and each
    points to its canonical article: the first-added member of its group. With
    ``settings.window_days``, an article is matched only against articles published within that
    many days of its own date (an index over dates, whatever order they arrive in), and dates far
    from every recent addition leave the index (``settings.horizon``), so memory and checkpoints
    stay bounded however long the stream runs. State is numpy arrays plus lists of ids;
    ``to_state`` makes bytes that ``from_state`` reads back without pickle.
    """

    def __init__(self, *, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DedupSettings()
        width = self.settings.num_perm + self.settings.lead_perm
        self._fingerprint = Fingerprinter(self.settings)
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._canonical: list[str] = []  # canonical id of each entry (it may have left)
        self._shingles: list[npt.NDArray[np.uint32]] = []
        # Per-entry numbers in growable arrays: the pre-filter reads many rows at once.
        self._signatures = np.zeros((64, width), dtype=np.uint32)
        self._sizes = np.zeros(64, dtype=np.int64)
        self._days = np.zeros(64, dtype=np.int64)  # publication day (proleptic ordinal)
        self._newest = 0  # newest publication day seen (the day of an undated article)
        self._adds = 0  # articles added since the last compaction check
        self._clock = 0  # articles added in all
        self._touched: dict[int, int] = {}  # publication day -> clock of its last addition
        self._dropped: set[int] = set()  # days whose articles left the index (see ``missing``)
        self._pinned: frozenset[int] = frozenset()  # days kept whatever the horizon (``pin``)
        bands = width // self.settings.band_rows
        self._bands: list[dict[object, list[int]]] = [{} for _ in range(bands)]
        # A band's key: its rows packed in one integer when they fit in 64 bits (the default
        # two), which is cheaper to make and to hash than a slice of bytes; else the bytes.
        self._key_type = {1: np.uint32, 2: np.uint64}.get(self.settings.band_rows)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._position

    def canonical(self, article_id: str) -> str:
        """The canonical id of an indexed article (itself if it is not a copy)."""
        return self._canonical[self._position[article_id]]

    def promote(self, article_id: str, *, replacing: str | None = None) -> None:
        """Make an indexed article the canonical one of its group (or of the group of
        ``replacing``), in that group's canonical's place: a fuller text of the same page (a
        feed's teaser, then the page) replaces the one kept first (``engine.indexes``), and
        later copies must point to the one the store keeps."""
        old = self.canonical(replacing or article_id)
        self._canonical = [article_id if c == old else c for c in self._canonical]

    def shingles(self, text: str) -> npt.NDArray[np.uint32]:
        """The normalised shingle set of a text (sorted, unique), as the index sees it."""
        return self._fingerprint(text).shingles

    def query(self, text: str) -> str | None:
        """The canonical id that ``text`` would be a copy of, without adding it."""
        match = self._best_match(self._fingerprint(text), self._newest)
        return None if match is None else self._canonical[match]

    def add(
        self,
        article_id: str,
        text: str,
        *,
        published: date | None = None,
        fingerprint: Fingerprint | None = None,
        copy_of: str | None = None,
    ) -> str | None:
        """Index an article; return the canonical id it duplicates, or None if it is new.

        Adding an id twice changes nothing and answers as the first time did, so a stream that
        re-delivers an article is harmless (while it is in the index). An undated article counts
        as published on the newest day seen. ``fingerprint``, if given, must be ``text``'s under
        this index's settings (made ahead by a ``Fingerprinter``). ``copy_of`` records a decision
        made elsewhere (a loaded batch run): the article is that one's copy, or, if it is the
        article's own id, canonical, without matching.
        """
        if article_id in self._position:
            canonical = self.canonical(article_id)
            return None if canonical == article_id else canonical
        if fingerprint is None:
            fingerprint = self._fingerprint(text)
        day = self._newest if published is None else published.toordinal()
        self._newest = max(self._newest, day)
        self._clock += 1
        self._touched[day] = self._clock
        if copy_of is None:
            match = self._best_match(fingerprint, day)
            canonical = article_id if match is None else self._canonical[match]
        else:
            known = self._position.get(copy_of)
            canonical = copy_of if known is None else self._canonical[known]
        position = len(self._ids)
        self._ids.append(article_id)
        self._position[article_id] = position
        self._canonical.append(canonical)
        self._store(position, fingerprint, day)
        self._adds += 1
        if self._adds >= _COMPACT_EVERY:
            self._compact()
        return None if canonical == article_id else canonical

    def _store(self, position: int, fingerprint: Fingerprint, day: int) -> None:
        if position == len(self._sizes):
            grow = max(64, position)
            self._signatures = np.concatenate(
                [self._signatures, np.zeros((grow, self._signatures.shape[1]), np.uint32)]
            )
            self._sizes = np.concatenate([self._sizes, np.zeros(grow, np.int64)])
            self._days = np.concatenate([self._days, np.zeros(grow, np.int64)])
        self._shingles.append(fingerprint.shingles)
        self._signatures[position] = fingerprint.signature
        self._sizes[position] = len(fingerprint.shingles)
        self._days[position] = day
        self._bucket(position, fingerprint.signature)

    def _bucket(self, position: int, signature: npt.NDArray[np.uint32]) -> None:
        cap = self.settings.bucket_cap
        full = 2 * cap
        for table, key in zip(self._bands, self._band_keys(signature), strict=True):
            bucket = table.get(key)
            if bucket is None:  # a one-slot list: most buckets never get a second entry
                table[key] = [position]
            else:
                bucket.append(position)
                if len(bucket) >= full:  # trim in steps: a crowded bucket costs O(1) per add
                    del bucket[:-cap]

    def _near(self, days: npt.NDArray[np.int64], day: int) -> npt.NDArray[np.bool_]:
        """Which of ``days`` are within the window of ``day``."""
        window = self.settings.window_days
        if window is None:
            return np.ones(len(days), dtype=bool)
        near: npt.NDArray[np.bool_] = np.abs(days - day) <= window
        return near

    def _live(self, days: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Which of ``days`` are within the window of a day added in the last ``horizon`` adds
        (the days still in use); forgets the days of ``_touched`` that no longer are."""
        recent = self._clock - self.settings.horizon
        self._touched = {d: t for d, t in self._touched.items() if t > recent}
        window = self.settings.window_days
        if window is None:
            return np.ones(len(days), dtype=bool)
        live = np.array(sorted(self._pinned.union(self._touched)), dtype=np.int64)
        if len(live) == 0:
            return np.zeros(len(days), dtype=bool)
        # The nearest live day on either side decides.
        right = np.searchsorted(live, days).clip(max=len(live) - 1)
        left = (right - 1).clip(min=0)
        gap = np.minimum(np.abs(live[right] - days), np.abs(live[left] - days))
        kept: npt.NDArray[np.bool_] = gap <= window
        return kept

    def missing(self, days: Iterable[int]) -> list[int]:
        """The days within the window of ``days`` whose articles have left the index, sorted:
        the caller (the engine, which has the store) re-adds those days' articles with their
        recorded links (``add(..., copy_of=...)``) and calls ``restored``, so that an article
        dated far from the recent ones still meets every copy an in-order stream would meet."""
        if not self._dropped:
            return []
        dropped = np.array(sorted(self._dropped), dtype=np.int64)
        window = self.settings.window_days
        if window is None:
            return [int(d) for d in dropped]
        wanted: set[int] = set()
        for day in set(days):
            lo, hi = np.searchsorted(dropped, [day - window, day + window + 1])
            wanted.update(int(d) for d in dropped[lo:hi])
        return sorted(wanted)

    def pin(self, days: Iterable[int]) -> None:
        """Keep every article within the window of ``days`` until the next ``pin``, however
        many are added meanwhile: the engine pins a batch's days before re-reading what
        ``missing`` names, so that compacting in the middle of the batch cannot let go of what
        its later articles need."""
        self._pinned = frozenset(days)

    def restored(self, days: Iterable[int]) -> None:
        """Mark ``days`` as whole in the index again (their articles were re-added)."""
        self._dropped.difference_update(days)

    def _compact(self) -> None:
        """Drop the entries dated away from every recent addition, once they are a quarter of
        the index: the rebuild (lists, arrays and LSH tables) then costs O(1) per article added."""
        self._adds = 0
        n = len(self._ids)
        keep = np.flatnonzero(self._live(self._days[:n]))
        if n - len(keep) < max(n // 4, 1):
            return
        gone = np.ones(n, dtype=bool)
        gone[keep] = False
        self._dropped.update(int(d) for d in np.unique(self._days[:n][gone]))
        ids, canonical, shingles = self._ids, self._canonical, self._shingles
        signatures, sizes, days = self._signatures[keep], self._sizes[keep], self._days[keep]
        self._ids = [ids[k] for k in keep]
        self._canonical = [canonical[k] for k in keep]
        self._shingles = [shingles[k] for k in keep]
        self._position = {article_id: k for k, article_id in enumerate(self._ids)}
        room = max(64, 2 * len(keep))
        self._signatures = np.zeros((room, signatures.shape[1]), np.uint32)
        self._signatures[: len(keep)] = signatures
        self._sizes = np.zeros(room, np.int64)
        self._sizes[: len(keep)] = sizes
        self._days = np.zeros(room, np.int64)
        self._days[: len(keep)] = days
        self._rebuild_bands(len(keep))
        log.debug("dedup index: %d of %d articles left the index", n - len(keep), n)

    def _rebuild_bands(self, count: int) -> None:
        """The LSH tables of the first ``count`` entries, as ``_bucket`` in position order would
        make them, one table at a time: a band's keys for every entry come from one array view
        (one band at a time, so the keys held at once are one per entry, not one per band)."""
        cap = self.settings.bucket_cap
        full = 2 * cap
        rows = self.settings.band_rows
        signatures = self._signatures[:count]
        positions = list(range(count))  # one int object per entry, shared by its bands' lists
        self._bands = [{} for _ in self._bands]
        for band, table in enumerate(self._bands):
            block = signatures[:, band * rows : (band + 1) * rows]
            if self._key_type is not None:
                keys: list[object] = (
                    np.ascontiguousarray(block).view(self._key_type).ravel().tolist()
                )
            else:
                keys = [row.tobytes() for row in block]
            for position, key in zip(positions, keys, strict=True):
                bucket = table.get(key)
                if bucket is None:
                    table[key] = [position]
                else:
                    bucket.append(position)
                    if len(bucket) >= full:
                        del bucket[:-cap]

    def _band_keys(self, signature: npt.NDArray[np.uint32]) -> list[object]:
        if self._key_type is not None:
            keys: list[object] = np.ascontiguousarray(signature).view(self._key_type).tolist()
            return keys
        raw = signature.tobytes()
        step = 4 * self.settings.band_rows
        return [raw[i : i + step] for i in range(0, len(raw), step)]

    def _best_match(self, fingerprint: Fingerprint, day: int) -> int | None:
        """The indexed article within the window of ``day`` with the highest containment >=
        threshold (earliest on ties).

        Only one member of each group is verified (the likeliest first): they share a canonical id.
        """
        keys = self._band_keys(fingerprint.signature)
        cap = self.settings.bucket_cap
        buckets = [
            b[-cap:] for t, k in zip(self._bands, keys, strict=True) if (b := t.get(k)) is not None
        ]
        if not buckets:
            return None
        candidates = sorted_unique(np.fromiter(chain.from_iterable(buckets), dtype=np.int64))
        candidates = candidates[self._near(self._days[candidates], day)]
        best: int | None = None
        best_score = 0.0
        seen_groups: set[str] = set()
        for candidate in self._prefilter(candidates, fingerprint):
            group = self._canonical[candidate]
            if group in seen_groups:
                continue
            seen_groups.add(group)
            other = self._shingles[candidate]
            if not self._comparable(fingerprint.shingles, other):
                continue
            score = containment(fingerprint.shingles, other)
            if score >= self.settings.threshold and score > best_score:
                best, best_score = candidate, score
        return best

    def _prefilter(self, rows: npt.NDArray[np.int64], fingerprint: Fingerprint) -> list[int]:
        """Candidates whose estimated containment could pass, likeliest first (stable on ties).

        Common phrases make many weak candidates; the MinHash estimate of Jaccard J with the set
        sizes gives containment J(|A|+|B|) / ((1+J) min(|A|,|B|)) for the price of one vectorised
        comparison, so the exact check runs only where it could succeed. Unequal sizes amplify the
        estimate's noise (a 30-shingle brief against a 200-shingle article: sd ~0.3), so the floor
        is set in standard errors, not as a fixed margin.
        """
        whole = self.settings.num_perm
        size = len(fingerprint.shingles)
        equal = self._signatures[rows, :whole] == fingerprint.signature[:whole]
        jaccard = np.count_nonzero(equal, axis=1) / whole
        sizes = self._sizes[rows]
        smaller = np.maximum(np.minimum(sizes, size), 1)
        scale = (sizes + size) / smaller
        estimate = jaccard * scale / (1.0 + jaccard)
        # d(containment)/dJ = scale / (1+J)^2; J's standard error with J floored at 1/num_perm.
        floor_j = np.maximum(jaccard, 1.0 / whole)
        error = np.sqrt(floor_j * (1.0 - jaccard) / whole) * scale / (1.0 + jaccard) ** 2
        reach = estimate + _PREFILTER_SIGMAS * error
        keep = np.flatnonzero(reach >= self.settings.threshold - _PREFILTER_MARGIN)
        order = keep[np.argsort(-estimate[keep], kind="stable")]
        return [int(row) for row in rows[order]]

    def _comparable(self, a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> bool:
        """Tiny texts only match exactly: three shared shingles prove nothing."""
        if min(len(a), len(b)) >= self.settings.min_shingles:
            return True
        return bool(np.array_equal(a, b))

    # ----------------------------------------------------------------------------------------------
    # Persistence: plain arrays in an .npz, no pickle.

    def to_state(self) -> bytes:
        """The whole index as bytes (an uncompressed .npz of arrays; LSH tables are rebuilt)."""
        n = len(self._ids)
        lengths = np.array([len(s) for s in self._shingles], dtype=np.int64)
        reprints = {k: c for k, c in enumerate(self._canonical) if c != self._ids[k]}
        meta = {
            "version": _STATE_VERSION,
            "settings": asdict(self.settings),
            "ids": self._ids,
            "reprints": {str(k): c for k, c in reprints.items()},
            "newest": self._newest,
            "adds": self._adds,
            "clock": self._clock,
            "touched": sorted(self._touched.items()),
            "dropped": sorted(self._dropped),
            "pinned": sorted(self._pinned),
        }
        buffer = io.BytesIO()
        np.savez(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            lengths=lengths,
            shingles=(np.concatenate(self._shingles) if self._shingles else np.zeros(0, np.uint32)),
            signatures=self._signatures[:n],
            days=self._days[:n],
        )
        return buffer.getvalue()

    @classmethod
    def from_state(cls, state: bytes) -> DedupIndex:
        """Rebuild an index from ``to_state`` bytes: the very index that made them."""
        with np.load(io.BytesIO(state), allow_pickle=False) as arrays:
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            if meta.get("version") != _STATE_VERSION:
                raise ValueError(
                    f"DedupIndex state version {meta.get('version')} is not {_STATE_VERSION}; "
                    "rebuild the index from the articles."
                )
            # Version 3 states saved before the restored days were kept lack them: rebuilt too
            # (a KeyError here would stop every writer start), current ones load as they are.
            if missing := {"dropped", "pinned"} - meta.keys():
                raise ValueError(
                    f"DedupIndex state lacks {sorted(missing)}; rebuild the index from the "
                    "articles."
                )
            index = cls(settings=DedupSettings(**meta["settings"]))
            offsets = np.concatenate([[0], np.cumsum(arrays["lengths"])])
            flat = arrays["shingles"]
            signatures = arrays["signatures"]
            days = arrays["days"]
        reprints = meta["reprints"]
        for position, article_id in enumerate(meta["ids"]):
            index._ids.append(article_id)
            index._position[article_id] = position
            index._canonical.append(reprints.get(str(position), article_id))
            shingles = flat[offsets[position] : offsets[position + 1]].copy()
            fingerprint = Fingerprint(shingles, signatures[position].copy())
            index._store(position, fingerprint, int(days[position]))
        index._newest, index._adds = int(meta["newest"]), int(meta["adds"])
        index._clock = int(meta["clock"])
        index._touched = {int(d): int(t) for d, t in meta["touched"]}
        index._dropped = {int(d) for d in meta["dropped"]}
        index._pinned = frozenset(int(d) for d in meta["pinned"])
        log.debug("restored a dedup index of %d articles", len(index))
        return index


# --------------------------------------------------------------------------------------------------
# Batch.


def find_duplicates(
    items: Sequence[tuple[str, str]],
    *,
    dates: Mapping[str, date] | None = None,
    settings: DedupSettings | None = None,
) -> dict[str, str]:
    """Map every id in ``items`` (``(id, text)`` pairs) to its canonical id (itself if original).

    Canonical is the first copy: with ``dates``, the earliest date, ties broken by id, so the answer
    does not depend on the order of ``items``; without, the order given. Articles missing from
    ``dates`` sort after dated ones. With dates, ``settings.window_days`` applies.
    """
    order = list(items)
    if dates is not None:
        far = date.max
        order.sort(key=lambda item: (dates.get(item[0], far), item[0]))
    index = DedupIndex(settings=settings)
    found: dict[str, str] = {}
    for article_id, text in order:
        published = dates.get(article_id) if dates is not None else None
        found[article_id] = index.add(article_id, text, published=published) or article_id
    return {article_id: found[article_id] for article_id, _ in items}
