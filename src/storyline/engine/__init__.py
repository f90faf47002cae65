"""The facade the CLI, the HTTP API and the web UI call: every front end goes through here.

The engine is where I/O meets the pure stages: it reads, cleans, summarizes and reports per-file
problems without letting one bad article stop a batch, and it is the only code that touches a
store. It returns results (and, for a story page, the view model of ``storyline.views``); the
front ends pick a renderer. ``__all__`` below is the whole public surface:

- a store: ``open_store`` (a SQLite path or a ``postgresql://`` URL);
- files, no store: ``read``, ``read_texts``, ``summarize``, ``summarize_paths``,
  ``summarize_batch``, ``timeline_paths``, ``compare_paths``, ``cluster_lines``;
- following sources: ``fetch_urls``, ``follow_add``, ``follow_list``, ``follow_remove``,
  ``poll``, ``start_watcher``;
- a story store: ``ingest``, ``stories``, ``list_stories``, ``story``, ``story_report``,
  ``timeline``, ``compare``, ``search``, ``article_report``; what is new since a date:
  ``story_updates`` (a stored story), ``updates_paths`` (files); posts the writer could not
  take at once: ``queue_post``, ``post_receipt`` (the inbox, ``inbox``);
- large corpora: ``batch``, ``load_batch``; evaluation: ``rouge_folders``;
- errors: ``StorylineError`` and its kinds ``StoryNotFound``, ``ArticleNotFound``,
  ``InvalidRequest`` (all ``ValueError``s).

The modules split it by job: ``documents`` (files), ``ingest``, ``prepare`` and ``indexes``
(writing a store and its indexes), ``stories`` (reading one), ``codecs`` (the cached results' JSON),
``clustering`` (one-shot clustering), ``batch`` (large corpora), ``follow`` and ``watch``
(fetching and polling sources), ``writer``, ``writer_client`` and ``inbox`` (the single writer
process, its HTTP-side client, the posts it could not take at once), ``errors``.
"""

import importlib
from typing import TYPE_CHECKING, Any

from storyline.engine.batch import LoadReport, batch, load_batch
from storyline.engine.clustering import cluster_lines
from storyline.engine.documents import (
    ComparisonReport,
    SummaryReport,
    compare_paths,
    read,
    read_texts,
    rouge_folders,
    summarize,
    summarize_batch,
    summarize_paths,
    timeline_paths,
)
from storyline.engine.errors import (
    ArticleNotFound,
    InvalidRequest,
    StorylineError,
    StoryNotFound,
)
from storyline.engine.follow import (
    fetch_urls,
    follow_add,
    follow_list,
    follow_remove,
    poll,
)
from storyline.engine.inbox import post_receipt, queue_post
from storyline.engine.indexes import (
    CLUSTER_STATE,  # noqa: F401 - state names, for tests that read a store's saved indexes
    DEDUP_STATE,  # noqa: F401
)
from storyline.engine.ingest import IngestReport, ingest
from storyline.engine.listing import list_stories
from storyline.engine.stories import (
    ArticleReport,
    StoryReport,
    article_report,
    compare,
    search,
    stories,
    story,
    story_report,
    timeline,
)
from storyline.engine.watch import start_watcher
from storyline.store import open_store

if TYPE_CHECKING:
    from storyline.engine.updates import story_updates, updates_paths

# What is new since a date ranks sentences with the concept summarizer, whose import (scipy's
# sparse matrices) is a quarter of a second: it is imported when first asked for, so the commands
# that never call it (compare, timeline, summarize) do not pay it at start-up.
_LAZY = {"story_updates": "storyline.engine.updates", "updates_paths": "storyline.engine.updates"}


def __getattr__(name: str) -> Any:
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "ArticleNotFound",
    "ArticleReport",
    "ComparisonReport",
    "IngestReport",
    "InvalidRequest",
    "LoadReport",
    "StoryNotFound",
    "StoryReport",
    "StorylineError",
    "SummaryReport",
    "article_report",
    "batch",
    "cluster_lines",
    "compare",
    "compare_paths",
    "fetch_urls",
    "follow_add",
    "follow_list",
    "follow_remove",
    "ingest",
    "list_stories",
    "load_batch",
    "open_store",
    "poll",
    "post_receipt",
    "queue_post",
    "read",
    "read_texts",
    "rouge_folders",
    "search",
    "start_watcher",
    "stories",
    "story",
    "story_report",
    "story_updates",
    "summarize",
    "summarize_batch",
    "summarize_paths",
    "timeline",
    "timeline_paths",
    "updates_paths",
]
