"""The incremental story index: each batch is clustered into events and stories, which then join
the index's stories or start new ones (see the package docstring).

This module holds the index's state (document frequencies, the background term mass, the
active stories and their ids) and the order of the steps over it; each step lives with its
concern: the batch's stories around the index's pins in ``batch``, the match in ``matching``,
cohesion and feature sums in ``events``, labels in ``labels``, archiving in ``archive``, the
bytes for a store in ``state``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster import matching
from storyline.cluster.archive import to_archive
from storyline.cluster.batch import Stories, batch_names, stories_around
from storyline.cluster.events import (
    EventState,
    StoryState,
    add_cohesion,
    add_doc,
    add_names,
    add_sums,
    adopt_cohesion,
    batch_day,
    newest_day,
    next_event_id,
)
from storyline.cluster.groups import Background, Batch, Groups, headline_vectors, sum_groups
from storyline.cluster.labels import relabel, top_keywords
from storyline.cluster.linkage import check_ids
from storyline.cluster.settings import LEXICAL, Assignment, ClusterSettings, Story
from storyline.cluster.state import dump_state, load_state
from storyline.embeddings import Embedder
from storyline.features import (
    DIMENSIONS,
    ClusterDoc,
    DocCounts,
    Hasher,
    add_document_frequency,
    count_rows,
    doc_counts,
    tfidf_rows,
)

_OWN_ID = re.compile(r"s(\d+)")  # the ids this index gives its stories: s00001, s00002, ...


class StoryIndex:
    """Stories seen so far. ``add_batch`` assigns a batch and updates the index in place.

    The index is the state the stage needs (hashed document frequencies, per-event feature sums,
    story metadata). ``to_bytes``/``from_bytes`` give a compact binary form for a store. An optional
    ``embedder`` (see ``storyline.embeddings``) adds a dense link between a batch's headlines
    (``ClusterSettings.headline_dense``).
    """

    def __init__(
        self, settings: ClusterSettings | None = None, *, embedder: Embedder | None = None
    ) -> None:
        self.settings = settings or ClusterSettings()
        self.embedder = embedder
        self.n_docs = 0
        self.term_df = np.zeros(DIMENSIONS, dtype=np.int64)
        self.entity_df = np.zeros(DIMENSIONS, dtype=np.int64)
        self.term_mass = np.zeros(DIMENSIONS, dtype=np.float64)  # sum of all unit term rows
        self.mass_docs = 0  # articles in term_mass (n_docs may be seeded from a corpus)
        self._mass_sq = 0.0  # its squared norm, kept up to date
        # The stories that can still grow, in order of creation. An archived story is forgotten
        # (the store keeps it), so the state is bounded by the active stories, not the stream.
        self._live: list[StoryState] = []
        self._by_id: dict[str, StoryState] = {}
        # Archived by the last batch: still viewable until the next one, so that the caller can
        # write every story that batch touched (an old article's story is archived at once).
        self._leaving: dict[str, StoryState] = {}
        self._next_story = 0  # the number of the last story opened or reserved: s00042 is 42
        self._batches = 0
        self._hasher = Hasher()

    @property
    def features(self) -> str:
        """Which features decide: "lexical", or "lexical+<model>" with embeddings."""
        return LEXICAL if self.embedder is None else f"{LEXICAL}+{self.embedder.name}"

    # public API ----------------------------------------------------------------------------------

    def add_batch(
        self,
        docs: Sequence[ClusterDoc],
        *,
        counts: Mapping[str, DocCounts] | None = None,
        vectors: Mapping[str, npt.NDArray[np.float32]] | None = None,
    ) -> list[Assignment]:
        """Assign every article of ``docs`` to a story and an event; order inside ``docs`` is
        moot. ``counts`` and ``vectors`` may carry each article's ``doc_counts`` (with this
        index's ``title_weight``) and embedding (by this index's embedder) computed ahead, by
        id; missing ones are computed here."""
        check_ids(docs)
        if not docs:
            return []
        self._batches += 1
        self._leaving = {}
        # Before matching, only what no article of the batch could join: quiet for
        # ``archive_days`` before its *oldest* day (beyond every article's window). By the newest
        # day, a batch whose days span a gap (the last days of one month's coverage and the
        # first of a later month's, as ``ingest`` cuts an archive) forgot the stories of its
        # own older articles before they were matched (Timeline17 at 100 a batch: Haiti's last
        # nine days met no Haiti story).
        self._archive(batch_day(docs))
        batch = self._vectorise(docs, counts or {}, vectors or {})
        self._add_mass(batch.terms)
        articles = sum_groups(batch, list(range(len(batch.docs))), len(batch.docs))
        view = self._view_of(articles)
        settings, entity_df, n_docs = self.settings, self.entity_df, self.n_docs
        # The batch's names, read against the index's frequencies: the placement and the
        # match ask them (``placed``, ``join``).
        names = batch_names(batch, settings, entity_df=entity_df, n_docs=n_docs)
        placed = {} if view is None else matching.placed(view, articles, names, settings=settings)
        stories = stories_around(
            batch,
            articles,
            placed,
            settings=settings,
            entity_df=entity_df,
            n_docs=n_docs,
            background=self._background(),
        )
        targets, links = matching.join(view, batch, stories, names, settings=settings)
        by_doc, homes = self._fold_in(batch, stories, targets)
        add_cohesion(homes, stories.inner, links)
        self._archive(newest_day(batch.docs))  # and after: the event cap counts this batch
        return [by_doc[doc.id] for doc in docs]

    def adopt(self, docs: Sequence[ClusterDoc], assigned: Mapping[str, tuple[str, str]]) -> None:
        """Fold in articles whose story and event were decided elsewhere (a batch run loaded
        into a store): ``assigned`` maps each doc id to its (story id, event id). Stories and
        events are made with those ids, or grown if the index has them, with no clustering; later
        batches then join them as they would join the index's own. Archiving applies as usual."""
        check_ids(docs)
        missing = [d.id for d in docs if d.id not in assigned]
        if missing:
            raise ValueError(f"adopt: no story given for {missing[:3]} ({len(missing)} in all).")
        if not docs:
            return
        self._batches += 1
        self._leaving = {}
        batch = self._vectorise(docs, {}, {})
        self._add_mass(batch.terms)
        keys = [assigned[d.id] for d in batch.docs]
        number: dict[tuple[str, str], int] = {}
        event_of = [number.setdefault(key, len(number)) for key in keys]
        sums = sum_groups(batch, event_of, len(number))
        chosen: list[EventState] = []
        for story_id, event_id in number:
            story = self._by_id.get(story_id)
            if story is None:
                story = self._by_id[story_id] = StoryState(id=story_id)
                self._live.append(story)
                self.reserve([story_id])
            event = next((e for e in story.events if e.id == event_id), None)
            if event is None:
                event = EventState(id=event_id, story=story)
                story.events.append(event)
            chosen.append(event)
        adopt_cohesion(
            sums,
            [chosen[g].story for g in range(len(chosen))],
            entity_weight=self.settings.story_entity_weight,
            background=self._background(),
        )
        for g, event in enumerate(chosen):
            add_sums(event, sums, g, self.settings.centroid_terms)
        bounds, columns = batch.entities.indptr, batch.entities.indices
        for i, (doc, g) in enumerate(zip(batch.docs, event_of, strict=True)):
            add_doc(chosen[g].story, doc, self._batches)
            add_names(chosen[g].story, columns[bounds[i] : bounds[i + 1]])
            chosen[g].size += 1
        self._relabel(batch, [chosen[g].story for g in event_of])
        self._archive(newest_day(batch.docs))

    def stories(self, ids: Iterable[str] | None = None) -> list[Story]:
        """Views of the active stories, or of those with these ``ids`` in the order given: a
        batch's own stories cost the same however many the index has seen. Unknown ids are
        skipped, and so are stories archived before the last batch: the store shows those."""
        if ids is None:
            return [self._view(story) for story in self._live]
        known = [self._by_id.get(i) or self._leaving.get(i) for i in ids]
        return [self._view(story) for story in known if story is not None]

    def reserve(self, ids: Iterable[str]) -> None:
        """Story ids that exist elsewhere (a store's older stories, a loaded run's): new stories
        are numbered past every one of this index's own form (``s00042``), so an id is never
        given twice, even after the index has forgotten the story that had it."""
        for story_id in ids:
            match = _OWN_ID.fullmatch(story_id)
            if match:
                self._next_story = max(self._next_story, int(match.group(1)))

    def rename(self, ids: Mapping[str, str]) -> None:
        """Give stories other ids (old -> new, all at once; their events' ids follow), as when
        a re-run hands a story the id of the stored story it mostly is. A new id must not be
        one this index still uses for another story; new stories are numbered past every one."""
        stories = [*self._live, *self._leaving.values()]
        kept = {s.id for s in stories if s.id not in ids}
        clash = kept & set(ids.values())
        if clash or len(set(ids.values())) < len(ids):
            raise ValueError(f"rename: ids given twice or still in use: {sorted(clash)[:3]}")
        for story in stories:
            new = ids.get(story.id)
            if new is not None:
                for event in story.events:
                    event.id = new + event.id[len(story.id) :]
                story.id = new
        self._by_id = {s.id: s for s in self._live}
        self._leaving = {s.id: s for s in self._leaving.values()}
        self.reserve(ids.values())

    def new_id(self) -> str:
        """A story id this index has never given nor been told of (``reserve``)."""
        self._next_story += 1
        return f"s{self._next_story:05d}"

    @property
    def newest(self) -> date | None:
        """The latest publication day of the active stories: how far the index has come."""
        return max((s.last_seen for s in self._live if s.last_seen is not None), default=None)

    def to_bytes(self) -> bytes:
        """The state as compressed numpy arrays plus a JSON header: about 1 kB per active event."""
        return dump_state(self)

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        settings: ClusterSettings | None = None,
        *,
        embedder: Embedder | None = None,
    ) -> StoryIndex:
        return load_state(cls(settings, embedder=embedder), data)

    # steps ---------------------------------------------------------------------------------------

    def _vectorise(
        self,
        docs: Sequence[ClusterDoc],
        ahead: Mapping[str, DocCounts],
        vectors_ahead: Mapping[str, npt.NDArray[np.float32]],
    ) -> Batch:
        ordered = tuple(sorted(docs, key=lambda d: d.id))
        weight = self.settings.title_weight
        rows = [
            ahead.get(d.id) or doc_counts(d, self._hasher, title_weight=weight) for d in ordered
        ]
        counts = count_rows(rows)
        add_document_frequency(self.term_df, counts.terms)
        add_document_frequency(self.entity_df, counts.entities)
        self.n_docs += len(ordered)
        vectors = None
        if self.embedder is not None:
            floor = self.settings.closeness_min_words
            vectors = headline_vectors(
                ordered, rows, vectors_ahead, embedder=self.embedder, min_words=floor
            )
        return Batch(
            ordered,
            tfidf_rows(counts.terms, self.term_df, self.n_docs),
            tfidf_rows(counts.entities, self.entity_df, self.n_docs),
            vectors,
        )

    def _add_mass(self, terms: sparse.csr_matrix) -> None:
        """Add a batch's unit term rows to the background sum, touching only their columns."""
        cols, where = np.unique(terms.indices, return_inverse=True)
        old = self.term_mass[cols]
        new = old + np.bincount(where, weights=np.asarray(terms.data, dtype=np.float64))
        self.term_mass[cols] = new
        self._mass_sq += float(new @ new - old @ old)
        self.mass_docs += terms.shape[0]

    def _background(self) -> Background:
        """The mean unit term row of every article seen (what news says whatever the story),
        shrunk towards zero while few articles are in: ``background_prior`` pseudo-articles."""
        scale = 1.0 / (self.mass_docs + self.settings.background_prior)
        return Background(self.term_mass, scale, self._mass_sq * scale * scale)

    def _active_events(self) -> list[EventState]:
        """Every event of the active stories that has its sums (all do once a batch is in)."""
        return [e for s in self._live for e in s.events if e.terms is not None]

    def _view_of(self, articles: Groups) -> matching.IndexView | None:
        """The index's active stories and the batch's articles' links to them, or None."""
        active = self._active_events()
        if not active:
            return None
        return matching.IndexView.of(
            active, articles, settings=self.settings, background=self._background()
        )

    def _fold_in(
        self,
        batch: Batch,
        stories: Stories,
        targets: Sequence[EventState | StoryState | None],
    ) -> tuple[dict[str, Assignment], dict[int, StoryState]]:
        """Add each batch event's sums to its target event (opened as needed), then the docs'
        metadata to their stories."""
        event_of, batch_story, sums = stories.event_of, stories.story_of, stories.sums
        story_of_new: dict[int, StoryState] = {}
        chosen: list[EventState] = []
        for e, target in enumerate(targets):
            if isinstance(target, EventState):
                event = target
            else:
                story = target or story_of_new.get(batch_story[e]) or self._open_story()
                story_of_new.setdefault(batch_story[e], story)
                event = EventState(id=next_event_id(story), story=story)
                story.events.append(event)
            add_sums(event, sums, e, self.settings.centroid_terms)
            chosen.append(event)
        result: dict[str, Assignment] = {}
        bounds, columns = batch.entities.indptr, batch.entities.indices
        for i, doc in enumerate(batch.docs):
            event = chosen[event_of[i]]
            add_doc(event.story, doc, self._batches)
            add_names(event.story, columns[bounds[i] : bounds[i + 1]])
            event.size += 1
            result[doc.id] = Assignment(doc.id, event.story.id, event.id, self.features)
        self._relabel(batch, [chosen[g].story for g in event_of])
        homes = {batch_story[e]: event.story for e, event in enumerate(chosen)}
        return result, homes

    def _relabel(self, batch: Batch, home: Sequence[StoryState]) -> None:
        """Re-choose the label of each story the batch touched (``labels.relabel``)."""
        relabel(
            batch,
            home,
            hasher=self._hasher,
            term_df=self.term_df,
            n_docs=self.n_docs,
            candidates=self.settings.label_candidates,
        )

    def _archive(self, newest: date | None) -> None:
        """Forget the stories ``archive.to_archive`` names; they stay viewable until the next
        batch (``stories``)."""
        archived = to_archive(self._live, newest, self.settings)
        if archived:
            self._live = [s for s in self._live if s.id not in archived]
            for story_id in archived:
                self._leaving[story_id] = self._by_id.pop(story_id)

    def _open_story(self) -> StoryState:
        story = StoryState(id=self.new_id())
        self._by_id[story.id] = story
        self._live.append(story)
        return story

    def _view(self, story: StoryState) -> Story:
        keywords = tuple(top_keywords(story.words, self.settings.keywords))
        outlets = tuple(o for o, _ in sorted(story.outlets.items(), key=lambda kv: (-kv[1], kv[0])))
        return Story(
            id=story.id,
            label=story.label or " ".join(keywords[:4]),
            keywords=keywords,
            outlets=outlets,
            first_seen=story.first_seen,
            last_seen=story.last_seen,
            size=story.size,
            events=tuple(e.id for e in story.events),
        )


def cluster_batch(
    docs: Sequence[ClusterDoc],
    *,
    settings: ClusterSettings | None = None,
    embedder: Embedder | None = None,
) -> list[Assignment]:
    """Cluster one collection into stories and events, from scratch (an empty ``StoryIndex``)."""
    return StoryIndex(settings, embedder=embedder).add_batch(docs)
