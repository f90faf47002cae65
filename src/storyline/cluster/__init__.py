"""Stories and the events inside them: a batch-order-independent, incremental lexical clusterer.

Articles arrive in batches. A batch is clustered as a whole (so the order of articles inside it
cannot matter), then each of its groups joins an existing story or starts a new one:

1. **Events in the batch.** Average linkage over *shared-nearest-neighbour* similarity of the
   articles' tf-idf vectors with entity-like tokens weighted up (``features.py``). Raw cosine has
   no threshold that suits both dense and sparse events; counting shared neighbours adapts to local
   density (ECB+ event B-cubed F1 0.87 with the best raw-cosine cut, 0.94 with shared neighbours).
2. **Stories in the batch.** Events are merged by average linkage over the cosine of their
   *centroids* with names down-weighted (``topic_entity_weight``): a story is "what kind of thing
   happened, to whom, roughly where". Centroids beat the mean of article pairs here (ECB+ topic
   F1 0.90 against 0.89): an event's centroid keeps its shared vocabulary and averages out what each
   article adds of its own. The mean article of the index (the *background*) is subtracted from
   every centroid first, so two events are compared on their distinctive vocabulary: otherwise big
   events look alike through what all news says (WikiRef220 story F1 0.57 -> 0.91, UCI headlines
   0.70 -> 0.73, ECB+ topics 0.90 -> 0.91 at the re-set ``topic_threshold``). Two groups merge
   only when their link is at least half of the tighter group's own mean link
   (``relative_linkage``): two earthquakes, each told by a tight group of events, are linked more
   loosely than each holds together and stay two stories (ECB+ topics 0.91 -> 0.93). And once a
   story has two or more events, the names most of its articles mention are its anchors: an
   event of its kind that names other things and none of them is another story (an earthquake
   elsewhere; ``names.py``; ECB+ topics 0.93 -> 0.954).
3. **Matching to the index.** An event of the index keeps the *sum* of its articles' unit feature
   blocks (heaviest ``centroid_terms`` features only), so a batch group is matched to a story or an
   event by centroid cosine without keeping any article. A story whose last article is more than
   ``quiet_days`` older than the batch is *quiet*: a newcomer joins it only when strongly
   continuing (``continue_threshold``). Each story keeps its cohesion (the mean link between its
   events as they joined), so the relative closeness of step 2 holds across batches too:
   synthetic stream story F1 0.76 -> 0.85 (5,000 articles in batches of 500); UCI headlines in
   time order 0.798 -> 0.815 (0.822 with neither closeness rule). The name anchors hold here
   too: index events keep how many of their articles name each name.
4. **Bounded state.** A story with no news for ``archive_days`` (and the least recently touched ones
   beyond ``max_active_events``) is archived: the index forgets it (the store keeps it, and new
   stories are numbered past its id). Matching cost, memory and the saved state therefore stay
   flat however long the stream runs (100k synthetic articles: 1.75 MB of state -> see
   BENCHMARKS.md "cluster-speed").

Everything is deterministic: articles are sorted by id before clustering, ties go to the lower id.
Optional embeddings (``embeddings.py``) add a dense centroid per event used at the story level.
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
