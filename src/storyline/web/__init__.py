"""storyline as a service: the HTTP API (``/api``) and the web UI, served by one ASGI app.

``create_app(ServerSettings(...))`` builds the app; ``serve(...)`` runs it under uvicorn (what
``storyline serve`` calls). Both front ends hold no logic: every route calls ``storyline.engine``.
Needs the ``server`` extra (FastAPI, uvicorn, Jinja2, python-multipart).
"""

from storyline.web.app import create_app, serve
from storyline.web.state import ServerSettings

__all__ = ["ServerSettings", "create_app", "serve"]
