"""Errors to responses: typed engine errors to status codes, as JSON for ``/api`` and as an HTML
page for the UI."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from storyline.engine import StorylineError
from storyline.engine.errors import NotFound
from storyline.engine.writer_client import WriterUnavailable
from storyline.web import ui
from storyline.web.bodies import BadInput


def status_of(exc: Exception) -> int:
    """404 for something asked for by id that is not there, 400 for any other bad request."""
    return 404 if isinstance(exc, NotFound) else 400


def install_error_handlers(app: FastAPI) -> None:
    async def bad_input(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BadInput)
        return JSONResponse({"detail": exc.errors}, status_code=exc.status)

    async def storyline_error(request: Request, exc: Exception) -> Any:
        status = status_of(exc)
        if not request.url.path.startswith("/api/"):
            return ui.error_page(request, status, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=status)

    async def writer_unavailable(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": f"Cannot ingest now: {exc}."}, status_code=503)

    app.add_exception_handler(BadInput, bad_input)
    # A plain ValueError from a stage is a bad value too (400), never a crash page.
    app.add_exception_handler(StorylineError, storyline_error)
    app.add_exception_handler(ValueError, storyline_error)
    app.add_exception_handler(WriterUnavailable, writer_unavailable)
