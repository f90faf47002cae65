"""The facade the CLI, the HTTP API and the web UI call: every front end goes through here.

The engine is where I/O meets the pure stages: it reads, cleans, summarizes and reports per-file
problems without letting one bad article stop a batch. It is split by what it works on: files
(``documents``), ingest into a story store and its indexes (``ingest``, with ``prepare`` for the
work done ahead in a second process), the stored stories (``stories``) and large corpora
(``batch``); everything is
re-exported here, so callers write ``engine.ingest(...)`` whatever module holds it.
"""

from storyline.engine.batch import *  # noqa: F403 - the facade re-exports every public name
from storyline.engine.documents import *  # noqa: F403
from storyline.engine.ingest import *  # noqa: F403
from storyline.engine.stories import *  # noqa: F403
from storyline.engine.updates import *  # noqa: F403
