"""The presentation layer: results become view models, view models become Markdown, JSON or HTML.

The CLI, the HTTP API and the web UI all go through here. A citation is resolved once, by
``views.citations.Resolver``, when a view model is built; the renderers only lay the model out,
so nothing is rendered and parsed back, and every output says how it was made (``Made``).

>>> from storyline import views
>>> view = views.documents_view(articles, summary=summary)    # results -> view model
>>> text = views.render(view, "md")                           # view model -> text
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.registry import REPORT_FORMATS
from storyline.views import data, html, markdown
from storyline.views.build import (
    PAGE_LIMITS,
    documents_view,
    facts_view,
    story_meta,
    story_view,
    summary_view,
    timeline_view,
    update_view,
)
from storyline.views.citations import Resolver
from storyline.views.listing import (
    hit_view,
    hits_table,
    listed_data,
    more_hits,
    stories_table,
    update_data,
)
from storyline.views.model import DocumentsView, Made, StoryView

if TYPE_CHECKING:
    from storyline.engine.updates import UpdateReport
    from storyline.facts.models import Comparison
    from storyline.models import Article, RawDocument, ReadError

__all__ = [
    "FORMATS",
    "PAGE_LIMITS",
    "DocumentsView",
    "Made",
    "Resolver",
    "StoryView",
    "documents_view",
    "facts_json",
    "facts_view",
    "hit_view",
    "hits_table",
    "listed_data",
    "more_hits",
    "render",
    "render_update",
    "stories_table",
    "story_meta",
    "story_view",
    "summary_view",
    "timeline_view",
    "update_data",
    "update_view",
]

FORMATS = REPORT_FORMATS  # the registry names them, for the CLI's --format choices


def render(view: StoryView | DocumentsView, fmt: str) -> str:
    """``view`` as ``md``, ``json`` or ``html`` text."""
    if fmt == "json":
        return data.to_json(view)
    if fmt == "md":
        return markdown.story(view) if isinstance(view, StoryView) else markdown.documents(view)
    if fmt == "html":
        return html.story(view) if isinstance(view, StoryView) else html.documents(view)
    raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")


def render_update(update: UpdateReport, fmt: str) -> str:
    """What later articles add to a story (``story --since``, ``summarize --since-files``): what
    it compares, then the summary as usual; JSON has its own contract (``update_data``)."""
    if fmt == "json":
        return json.dumps(update_data(update), ensure_ascii=False, indent=2) + "\n"
    return render(update_view(update), fmt)


def facts_json(
    comparison: Comparison,
    articles: Sequence[Article],
    *,
    raws: Sequence[RawDocument] | None = None,
    errors: Sequence[ReadError] = (),
) -> str:
    """``compare --format json``: the facts contract that scorers and tools read. ``documents``
    lists each input by position; every fact gives ``doc`` and ``start``/``end`` into that
    input's own text (``raws``, as read) or, for a stored story, into ``Article.text``; findings
    keep their facts. Built by ``storyline.facts.views.comparison_data``, stamped with ``made``."""
    from storyline.facts.views import comparison_data

    body = comparison_data(comparison, articles, raws=raws)
    head = {
        "made": data.to_data(facts_view(comparison, Resolver(articles)).made),
        "errors": [str(e) for e in errors],
    }
    return json.dumps({**head, **body}, ensure_ascii=False, indent=2, default=str) + "\n"
