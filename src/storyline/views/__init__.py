"""The presentation layer: results become view models, view models become Markdown, JSON or HTML.

The CLI, the HTTP API and the web UI all go through here. A citation is resolved once, by
``views.citations.Resolver``, when a view model is built; the renderers only lay the model out,
so nothing is rendered and parsed back, and every output says how it was made (``Made``).

>>> from storyline import views
>>> view = views.documents_view(articles, summary=summary)    # results -> view model
>>> text = views.render(view, "md")                           # view model -> text
"""

from __future__ import annotations

from storyline.views import data, html, markdown
from storyline.views.build import (
    PAGE_LIMITS,
    documents_view,
    facts_view,
    story_meta,
    story_view,
    summary_view,
    timeline_view,
)
from storyline.views.citations import Resolver
from storyline.views.listing import hit_view
from storyline.views.model import DocumentsView, Made, StoryView

__all__ = [
    "FORMATS",
    "PAGE_LIMITS",
    "DocumentsView",
    "Made",
    "Resolver",
    "StoryView",
    "documents_view",
    "facts_view",
    "hit_view",
    "render",
    "story_meta",
    "story_view",
    "summary_view",
    "timeline_view",
]

FORMATS = ("md", "json", "html")


def render(view: StoryView | DocumentsView, fmt: str) -> str:
    """``view`` as ``md``, ``json`` or ``html`` text."""
    if fmt == "json":
        return data.to_json(view)
    if fmt == "md":
        return markdown.story(view) if isinstance(view, StoryView) else markdown.documents(view)
    if fmt == "html":
        return html.story(view) if isinstance(view, StoryView) else html.documents(view)
    raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
