"""Errors to responses: typed engine errors to status codes, as JSON for ``/api`` and as an HTML
page for the UI."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
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

    async def bad_query(request: Request, exc: Exception) -> Any:
        # A page's bad query string (a hand-edited "?page=0") gets a page in words; /api keeps
        # FastAPI's JSON detail, the contract clients read.
        assert isinstance(exc, RequestValidationError)
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        return ui.error_page(request, 422, _in_words(exc))

    async def writer_unavailable(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": f"Cannot ingest now: {exc}."}, status_code=503)

    app.add_exception_handler(BadInput, bad_input)
    # A plain ValueError from a stage is a bad value too (400), never a crash page.
    app.add_exception_handler(StorylineError, storyline_error)
    app.add_exception_handler(ValueError, storyline_error)
    app.add_exception_handler(WriterUnavailable, writer_unavailable)
    app.add_exception_handler(RequestValidationError, bad_query)


def _in_words(exc: RequestValidationError) -> str:
    """'page: Input should be greater than or equal to 1 (got '0').' for each bad parameter."""
    said = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        got = f" (got {error['input']!r})" if isinstance(error.get("input"), str) else ""
        said.append(f"{name}: {error.get('msg', 'not valid')}{got}.")
    return "This address has a bad value. " + " ".join(said)
