"""The incremental story index: each batch is clustered into events and stories, which then join
the index's stories or start new ones (see the package docstring)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster import matching
from storyline.cluster.events import (
    EventState,
    StoryState,
    add_doc,
    add_names,
    add_sums,
    batch_day,
    index_groups,
    lead_line,
    newest_day,
    next_event_id,
    stack_rows,
    story_terms,
    top_words,
)
from storyline.cluster.groups import (
    Background,
    Batch,
    Groups,
    batch_events,
    batch_stories,
    combine,
    strays,
    sum_groups,
)
from storyline.cluster.labels import (
    keyword_counts,
    lead_headline,
    recase,
    tidy_headline,
    top_keywords,
)
from storyline.cluster.linkage import Inner, check_ids
from storyline.cluster.participants import NameEvidence, SameHappening, index_agreement
from storyline.cluster.settings import LEXICAL, Assignment, ClusterSettings, Matrix, Story
from storyline.cluster.state import dump_state, load_state
from storyline.embeddings import Embedder, article_text
from storyline.features import (
    DIMENSIONS,
    ClusterDoc,
    DocCounts,
    Hasher,
    add_document_frequency,
    compact_columns,
    count_rows,
    doc_counts,
    normalise_rows,
    text_rows,
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
        placed = {} if view is None else matching.placed(view, articles, settings=self.settings)
        event_of, sums, story_of, inner, forced = self._stories_around(batch, articles, placed)
        targets, links = self._match(view, batch, sums, event_of, story_of, inner, forced)
        by_doc, homes = self._fold_in(batch, event_of, story_of, sums, targets)
        self._add_cohesion(homes, inner, links)
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
        self._adopt_cohesion(sums, [chosen[g].story for g in range(len(chosen))])
        for g, event in enumerate(chosen):
            add_sums(event, sums, g, self.settings.centroid_terms)
        bounds, columns = batch.entities.indptr, batch.entities.indices
        for i, (doc, g) in enumerate(zip(batch.docs, event_of, strict=True)):
            add_doc(chosen[g].story, doc, self._batches)
            add_names(chosen[g].story, columns[bounds[i] : bounds[i + 1]])
            chosen[g].size += 1
        self._relabel(batch, [chosen[g].story for g in event_of])
        self._archive(newest_day(batch.docs))

    def _adopt_cohesion(self, sums: Groups, owner: Sequence[StoryState]) -> None:
        """Grow the cohesion of adopted stories (``owner``: each group's story) as a batch that
        joined them would: their new articles' links among themselves and to the story's
        articles so far. The match holds a newcomer to it (``matching.closeness_need``), so an
        adopted story is judged as one the index made itself."""
        stories = sorted({id(s): s for s in owner}.values(), key=lambda s: s.id)
        slot = {id(s): k for k, s in enumerate(stories)}
        mine = combine(sums, [slot[id(s)] for s in owner], len(stories))
        weight, background = self.settings.story_entity_weight, self._background()
        inner = mine.inner(entity_weight=weight, background=background)
        # The events that hold articles adopted before, all in one product.
        known = [(k, e) for k, s in enumerate(stories) for e in s.events if e.terms is not None]
        cross, pairs = np.zeros(len(stories)), np.zeros(len(stories))
        if known:
            theirs = index_groups([e for _, e in known])
            links = mine.pair_sums(theirs, entity_weight=weight, background=background)
            for column, (k, _) in enumerate(known):
                cross[k] += links[k, column]
                pairs[k] += mine.sizes[k] * theirs.sizes[column]
        for k, story in enumerate(stories):
            story.inner += float(inner.sums[k] + cross[k])
            story.pairs += float(inner.pairs[k] + pairs[k])

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
            vectors = self._headline_vectors(ordered, rows, vectors_ahead)
        return Batch(
            ordered,
            tfidf_rows(counts.terms, self.term_df, self.n_docs),
            tfidf_rows(counts.entities, self.entity_df, self.n_docs),
            vectors,
        )

    def _headline_vectors(
        self,
        ordered: Sequence[ClusterDoc],
        rows: Sequence[DocCounts],
        ahead: Mapping[str, npt.NDArray[np.float32]],
    ) -> npt.NDArray[np.float32] | None:
        """Each headline's embedding (an article under ``closeness_min_words`` words, the
        story stage's test for headlines), zeros for full articles: their words decide, so
        they are never embedded here (those given ``ahead`` are ignored). None for a batch
        without headlines.

        The embedding models are English: another language's headline keeps only its own
        language's lexical features (``features.feature_language``), so no cross-language
        link either."""
        assert self.embedder is not None
        floor = self.settings.closeness_min_words
        short = [
            k
            for k, (doc, row) in enumerate(zip(ordered, rows, strict=True))
            if row.language is None and words_of(doc) < floor
        ]
        if not short:
            return None
        missing = [ordered[k] for k in short if ordered[k].id not in ahead]
        made = self.embedder.embed([article_text(d.title, d.text) for d in missing])
        found = {**ahead, **{d.id: row for d, row in zip(missing, made, strict=True)}}
        rows_of = np.stack([found[ordered[k].id] for k in short]).astype(np.float32)
        vectors = np.zeros((len(ordered), rows_of.shape[1]), dtype=np.float32)
        vectors[short] = rows_of
        return vectors

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

    def _batch_stories(
        self, batch: Batch, events: Sequence[int], pins: Sequence[int], articles: Groups
    ) -> tuple[list[int], Groups, list[int], Inner, dict[int, int]]:
        """The batch's stories, and its events cut along them: each article's event, the
        events' sums, each event's story and the stories' cohesion.

        Full articles enter the story stage as their events: shared neighbours group them
        well. An event of headlines (its articles average fewer than ``closeness_min_words``
        words, as the story stage tells groups of headlines) enters one headline at a time,
        and its event is then the part of it that lies in each story. Shared neighbours of a
        few words are unreliable, the more so the more stories a batch mixes: all at once on
        UCI headlines, one event in five held headlines of two Google News stories (events'
        B-cubed precision 0.82), and the story stage, which merges whole events, could only
        carry such a bridge on. So the grouping of headlines depended on how many stories a
        batch held (BENCHMARKS.md, ecbplus). A full article that its event's other articles
        hardly link to (``groups.strays``, ``stray_ratio``) enters on its own too."""
        words = batch.words()
        per_event = np.bincount(events, weights=words) / np.bincount(events)
        # Headlines, and full articles their event hardly links to, enter one at a time.
        alone = per_event[np.asarray(events)] < self.settings.closeness_min_words
        alone |= strays(
            articles,
            events,
            alone,
            ratio=self.settings.stray_ratio,
            entity_weight=self.settings.story_entity_weight,
            background=self._background(),
        )
        number: dict[tuple[int, int], int] = {}
        units = [
            number.setdefault((-1, i) if alone[i] else (e, -1), len(number))
            for i, e in enumerate(events)
        ]
        unit_pin = [-1] * len(number)
        for u, pin in zip(units, pins, strict=True):
            unit_pin[u] = max(unit_pin[u], pin)
        unit_sums = sum_groups(batch, units, len(number))
        unit_story, inner = batch_stories(
            unit_sums,
            self.settings,
            background=self._background(),
            pins=unit_pin,
            same=self._same_happening(batch, units, unit_sums),
        )
        cut: dict[tuple[int, int], int] = {}
        event_of = [
            cut.setdefault((e, unit_story[u]), len(cut)) for e, u in zip(events, units, strict=True)
        ]
        story_of = [story for _, story in cut]
        pinned = {unit_story[u]: p for u, p in enumerate(unit_pin) if p >= 0}
        return event_of, sum_groups(batch, event_of, len(cut)), story_of, inner, pinned

    def _names(self, batch: Batch) -> NameEvidence:
        """The batch's salient names, read against the index's name frequencies: what the
        story stage and the index match both ask of two groups."""
        settings = self.settings
        return NameEvidence(
            batch.entities,
            batch.words(),
            conflict=settings.name_conflict,
            min_words=settings.closeness_min_words,
            entity_df=self.entity_df,
            n_docs=self.n_docs,
        )

    def _same_happening(
        self, batch: Batch, units: Sequence[int], sums: Groups
    ) -> SameHappening | None:
        """What vouches for two of the batch's units (``units``: each article's) as one
        happening in the story stage: the same salient names on overlapping days."""
        settings = self.settings
        if settings.name_agreement < 0:
            return None
        members: list[list[int]] = [[] for _ in range(len(sums.sizes))]
        for article, unit in enumerate(units):
            members[unit].append(article)
        names = self._names(batch)
        return SameHappening(
            names, members, sums.first, sums.last, agreement=settings.name_agreement
        )

    def _stories_around(
        self, batch: Batch, articles: Groups, placed: Mapping[int, StoryState]
    ) -> tuple[list[int], Groups, list[int], Inner, dict[int, StoryState]]:
        """The batch's events and stories with the articles the index placed (``_placed``)
        pinned to their index stories: an event is cut along its pins (the articles pinned to
        one story, and those pinned to none), the story stage joins no two units pinned to two
        index stories (``groups.Pinned``), and a batch story that holds a pinned article joins
        that index story (``forced``)."""
        homes = sorted({id(s): s for s in placed.values()}.values(), key=lambda s: s.id)
        home_no = {id(s): k for k, s in enumerate(homes)}
        pins = [home_no[id(placed[i])] if i in placed else -1 for i in range(len(batch.docs))]
        found = batch_events(
            batch, self.settings, entity_df=self.entity_df, n_docs=self.n_docs, articles=articles
        )
        cut: dict[tuple[int, int], int] = {}
        events = [cut.setdefault(key, len(cut)) for key in zip(found, pins, strict=True)]
        event_of, sums, story_of, inner, pinned = self._batch_stories(batch, events, pins, articles)
        return event_of, sums, story_of, inner, {s: homes[p] for s, p in pinned.items()}

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

    def _match(
        self,
        view: matching.IndexView | None,
        batch: Batch,
        sums: Groups,
        event_of: Sequence[int],
        story_of: Sequence[int],
        inner: Inner,
        forced: Mapping[int, StoryState],
    ) -> tuple[list[EventState | StoryState | None], dict[int, tuple[float, float]]]:
        """For each batch event: an index event to join, else an index story to join, else None;
        and for each batch story that joins an index story, the sum and number of the
        similarities between their events (for the cohesion of the joined story).

        A batch story joins the index story it is most similar to (average link over their
        articles, as in the batch) when the same rules as inside a batch allow it: at least
        ``story_threshold``, at least ``relative_closeness`` times the cohesion of the tighter
        of the two, no more than ``window_days`` between their dated spans (a story silent
        longer is over) and ``story_evidence`` (``matching.story_links``); a batch story that
        holds an article the index placed joins that article's story (``forced``), unless the
        whole batch story passes every rule for another index story and links to it closer:
        one article's placement must not carry a group that says otherwise (Timeline17, Haiti
        at 100 a batch: 60 reports of its second week, at 0.076 to the quake's story, followed
        one article to a story of four they linked to at 0.041; 35% -> 63% in one story with
        the name rule below). A batch story and an index story that say the same salient
        names are not held to their closeness (``participants.index_agreement``). Each of its
        events then joins the most similar event of that story above ``event_match_threshold``.
        """
        settings = self.settings
        if view is None:
            return [None] * len(story_of), {}
        links = matching.story_links(
            view,
            sums,
            story_of,
            inner,
            rows=None,
            member=event_of,
            settings=settings,
            same=self._index_agreement(view, batch, event_of, story_of),
        )
        story_sims, best_story, owners = links.sims, links.best, view.owners
        for s, home in forced.items():
            j = owners.index(home)
            mine = int(best_story[s])
            closer = story_sims[s, mine] > max(story_sims[s, j], 0.0)
            if story_sims[s, mine] >= 0 and (closer or links.named[s, mine] > links.named[s, j]):
                continue  # the whole story belongs elsewhere, by every rule
            best_story[s] = j
            story_sims[s, j] = max(story_sims[s, j], 0.0)
        active, index_events, event_owner = view.active, view.events, view.event_owner
        event_sims = sums.cosine(index_events, entity_weight=settings.event_entity_weight)
        owner_of = np.asarray(event_owner)
        targets: list[EventState | StoryState | None] = []
        for e, s in enumerate(story_of):
            j = int(best_story[s])
            if story_sims[s, j] < 0:
                targets.append(None)
                continue
            row = np.where(owner_of == j, event_sims[e], -1.0)
            k = int(np.argmax(row))
            targets.append(active[k] if row[k] >= settings.event_match_threshold else owners[j])
        joined = {
            s: (float(links.sums[s, j]), float(links.counts[s, j]))
            for s, j in enumerate(int(j) for j in best_story)
            if story_sims[s, j] >= 0
        }
        return targets, joined

    def _index_agreement(
        self,
        view: matching.IndexView,
        batch: Batch,
        event_of: Sequence[int],
        story_of: Sequence[int],
    ) -> Callable[[list[tuple[int, int]]], list[bool]] | None:
        """What vouches for a batch story and an index story as one happening at the match:
        the same salient names (``participants.index_agreement``), or None with the rule off."""
        settings = self.settings
        if settings.name_agreement < 0:
            return None
        members: list[list[int]] = [[] for _ in range(max(story_of) + 1)]
        for article, event in enumerate(event_of):
            members[story_of[event]].append(article)
        names = self._names(batch)
        floor = settings.closeness_min_words
        stories = [(s.names, s.size, s.long(floor)) for s in view.owners]
        # As in the batch, undated groups are never vouched for: only the words decide there.
        dated = [any(batch.docs[i].published is not None for i in m) for m in members]

        def same(pairs: list[tuple[int, int]]) -> list[bool]:
            kept = [(s, j) for s, j in pairs if dated[s] and view.owners[j].last_seen is not None]
            found = dict(
                zip(
                    kept,
                    index_agreement(
                        names, members, stories, kept, agreement=settings.name_agreement
                    ),
                    strict=True,
                )
            )
            return [found.get(pair, False) for pair in pairs]

        return same

    @staticmethod
    def _add_cohesion(
        homes: Mapping[int, StoryState], inner: Inner, links: Mapping[int, tuple[float, float]]
    ) -> None:
        """Fold each batch story's inner links, and its links to the index story it joined, into
        the cohesion of the story it is now part of."""
        for s, story in homes.items():
            cross, pairs = links.get(s, (0.0, 0.0))
            story.inner += float(inner.sums[s]) + cross
            story.pairs += float(inner.pairs[s]) + pairs

    def _fold_in(
        self,
        batch: Batch,
        event_of: Sequence[int],
        batch_story: Sequence[int],
        sums: Groups,
        targets: Sequence[EventState | StoryState | None],
    ) -> tuple[dict[str, Assignment], dict[int, StoryState]]:
        """Add each batch event's sums to its target event (opened as needed), then the docs'
        metadata to their stories."""
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
        """Each touched story's label: of its best headlines so far and this batch's, the one
        closest to the story's centroid now (``labels``); its keywords count the headlines'
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
        rows = text_rows(texts, self._hasher, self.term_df, self.n_docs)
        centroids = normalise_rows(stack_rows([story_terms(s) for s in touched]))
        owner = np.repeat(np.arange(len(touched)), [len(pools[id(s)]) for s in touched])
        rows, mine = compact_columns(rows, centroids[owner])
        scores = np.asarray(rows.multiply(mine).sum(axis=1)).ravel()
        start = 0
        for story in touched:
            pool = pools[id(story)]
            ranked = _ranked(pool, scores[start : start + len(pool)])
            start += len(pool)
            story.candidates = ranked[: self.settings.label_candidates]
            story.label = tidy_headline(story.candidates[0]) if story.candidates else ""
            if len(story.words) > 64:
                story.words = Counter(dict(top_words(story.words, 64)))

    def _archive(self, newest: date | None) -> None:
        """Forget stories quiet for ``archive_days`` and the least recently touched ones beyond
        ``max_active_events``: matching cost, memory and the saved state stay flat however long
        the stream runs (the store keeps every story)."""
        settings = self.settings
        archived: set[str] = set()
        if newest is not None:
            horizon = newest - timedelta(days=settings.archive_days)
            archived.update(
                s.id for s in self._live if s.last_seen is not None and s.last_seen < horizon
            )
        budget = settings.max_active_events
        for story in sorted(self._live, key=lambda s: (-s.touched, s.id)):
            if story.id not in archived:
                budget -= len(story.events)
                if budget < 0:
                    archived.add(story.id)
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


def words_of(doc: ClusterDoc) -> int:
    """Words of an article's title and text, counted as ``Batch.words`` counts them (under
    ``closeness_min_words`` an article is a headline)."""
    return len(doc.text.split()) + len((doc.title or "").split())


def _ranked(headlines: Sequence[str], scores: Matrix) -> list[str]:
    """Most central first; among equals the shorter, then the alphabetically first."""
    order = sorted(
        range(len(headlines)),
        key=lambda i: (-round(float(scores[i]), 9), len(headlines[i]), headlines[i]),
    )
    return [headlines[i] for i in order]


def cluster_batch(
    docs: Sequence[ClusterDoc],
    *,
    settings: ClusterSettings | None = None,
    embedder: Embedder | None = None,
) -> list[Assignment]:
    """Cluster one collection into stories and events, from scratch (an empty ``StoryIndex``)."""
    return StoryIndex(settings, embedder=embedder).add_batch(docs)
