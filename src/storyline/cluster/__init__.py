"""Stories and the events inside them: a batch-order-independent, incremental lexical clusterer.

A **story is one happening and its follow-ups**: the 2019 shutdown's weeks of news are one story,
the January 2018 shutdown another, and two earthquakes in two countries are two stories however
alike their words. Articles arrive in batches. A batch is clustered as a whole (so the order of
articles inside it cannot matter), then each of its stories joins an existing one or starts anew:

1. **Events in the batch** (a story's developments). Average linkage over *shared-nearest-
   neighbour* similarity of the articles' tf-idf vectors with names and numbers weighted in
   (``features.py``). Raw cosine has no threshold that suits both dense and sparse events;
   counting shared neighbours adapts to local density. Articles more than ``window_days`` apart
   are never neighbours, nor are two whose link is under half an article's best one
   (``neighbour_ratio``): in a quiet fortnight two incidents of a kind would otherwise fill each
   other's neighbourhoods through the kind's words alone. Nor do two groups of full articles
   join when their *participants* differ (``name_conflict``, ``participants.NameEvidence``):
   each group's salient names (said by half its articles) are mostly names the other never
   says. Events small enough for shared neighbours to be blind inside them (two
   neighbourhoods) are also cut in two halves (``linkage.halves``) where those halves' names
   conflict: three reports of one shooting and three of another are two events.
2. **Stories in the batch.** Events merge by average linkage of their *articles* (computed from
   the events' feature sums, ``Groups.pair_sums``): names weighted in, the index's mean article
   (the *background*) taken out so that two articles are compared on what they share beyond
   what all news says. A merge also needs *relative closeness* from the first step: two events
   whose articles agree among themselves far more than across (an earthquake in Iran, another
   in Indonesia) stay two stories. Fragments of one long, broad happening are tighter inside
   than across too (agglomeration builds each from its most alike articles: Haiti's 2010 quake
   left this stage as 29 stories), so two groups of full articles on overlapping days that say
   the same salient names are one happening whatever their closeness (``name_agreement``,
   ``participants.SameHappening``). Groups of headlines are exempt (``closeness_min_words``):
   a few near-identical wordings are more cohesive than any two fragments of their story (the
   index match, step 3, vouches the same way). A lone article counts as
   ``lone_cohesion``, so two unrelated ones need a real link. Two groups of headlines must also
   link without their heaviest shared feature (``batch_evidence``, ``groups.HeadlineEvidence``):
   "Neil" alone does not join Neil Young's music player to Neil deGrasse Tyson's "Cosmos".
   An event of headlines enters this stage one headline at a time and is cut along the
   stories they fall in: shared neighbours of a few words mix stories, more so the more
   stories a batch holds, and a whole event merged as one would carry that mix on.
   Events further apart in time than ``window_days`` are never linked.
0. **What the index already knows** (``matching.placed``). Before a batch is clustered, each
   full article whose best index story passes every rule of step 3 on its own, and which links
   to it more than to any article of the batch, is pinned to that story: steps 1 and 2 cut
   events along the pins and never join two units pinned to two stories (``batch.Pinned``).
   A batch of an archive fed in pieces holds one or two reports per happening, too few for
   shared neighbours: two reports of two quakes would be one event; the index holds each
   quake's earlier coverage.
3. **Matching to the index** (``matching.py``). An event of the index keeps the *sum* of its
   articles' unit feature blocks (heaviest ``centroid_terms`` features only), so a batch story
   is matched to a story by the same article-level average link, relative closeness (each
   story keeps its cohesion; the bar is the two cohesions weighted by articles, since a
   batch's few near-identical reports are far tighter than their story) and the same window,
   without keeping any article: a story silent for longer than ``window_days`` is over. The
   link must also reach ``story_evidence`` without its heaviest shared feature: two stories
   of headlines that share one name and nothing else (two Google announcements, a festival
   and a talk given there) stay two (``groups.top_feature``). Each story keeps how many of its
   articles say each name (its most said ``events.NAMES_KEPT``), so a batch story and an
   index story of full articles within the window that say each other's salient names are
   one happening as in step 2 (``participants.index_agreement``): closeness and the
   one-feature test do not hold them apart, and such a story is the batch story's first
   choice, over a closer one and over the story one placed article was pinned to (a happening
   fed 100 a batch reaches the index a few days at a time, each part tighter inside than
   across). Its events then join the closest event of that story (``event_match_threshold``)
   or open new ones.
4. **Bounded state.** A story with no news for ``archive_days`` (and the least recently touched
   ones beyond ``max_active_events``) is archived: the index forgets it (the store keeps it, and
   new stories are numbered past its id). Before a match only what no article of the batch
   could join is forgotten (quiet for ``archive_days`` before the batch's oldest day), the
   rest after it. Matching cost, memory and the saved state stay flat
   however long the stream runs.
5. **Names** (``labels.py``): the label is the headline closest to the story's centroid among its
   best few so far and each new batch's, re-chosen as it grows, re-cased when shouted; keywords
   are the headlines' names and content words.

The batch runner (``storyline.runners``) feeds the same ``StoryIndex`` window by window, so
``cluster-batch``, ``ingest`` and ``batch`` share one definition of a story. Everything is
deterministic: articles are sorted by id before clustering, ties go to the lower id. Optional
embeddings (``embeddings.py``) add a second link between a batch's headlines in step 2: their
mean embedding cosine above ``headline_dense_floor`` (``linkage.DenseLink``), for headlines that
share no word with their story, fading between groups of more than ``headline_dense_group``
headlines; full articles are never embedded.
"""

from storyline.cluster.index import StoryIndex, cluster_batch
from storyline.cluster.linkage import average_linkage, relative_linkage, shared_neighbours
from storyline.cluster.settings import Assignment, ClusterSettings, Story, from_article
from storyline.cluster.state import state_features
from storyline.features import ClusterDoc

__all__ = [
    "Assignment",
    "ClusterDoc",
    "ClusterSettings",
    "Story",
    "StoryIndex",
    "average_linkage",
    "cluster_batch",
    "from_article",
    "relative_linkage",
    "shared_neighbours",
    "state_features",
]
