"""Slow clients against a real uvicorn server running storyline's app with its own protocol:
a half-sent request head is dropped, a body that never finishes is answered 408, and readers
are served meanwhile. The deadlines are shortened for the test; the rules are the shipped ones.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi")
import uvicorn

from storyline.web import ServerSettings, create_app, deadlines
from storyline.web import app as web_app
from test_web_api import free_port


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(deadlines, "HEAD_SECONDS", 1.0)
    monkeypatch.setattr(web_app, "BODY_SECONDS", 1.5)
    app = create_app(ServerSettings(db=str(tmp_path / "slow.db")))
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http=deadlines.TimelyProtocol
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield port
    running.should_exit = True
    thread.join(timeout=20)


def _closed(sock: socket.socket, *, within: float) -> bytes | None:
    """What the server sent before closing ``sock`` within ``within`` s; None if still open."""
    sock.settimeout(within)
    got = b""
    try:
        while chunk := sock.recv(4096):
            got += chunk
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return got


def test_half_sent_heads_are_dropped_and_readers_still_served(server: int) -> None:
    held = []
    for _ in range(50):
        s = socket.create_connection(("127.0.0.1", server))
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never the blank line
        held.append(s)
    answered = httpx.get(f"http://127.0.0.1:{server}/api/health", timeout=5)
    assert answered.status_code == 200
    assert all(_closed(s, within=4.0) is not None for s in held), "every half head dropped"
    for s in held:
        s.close()


def test_a_kept_alive_connection_gets_the_same_deadline_for_its_next_head(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        s.settimeout(5)
        assert s.recv(4096).startswith(b"HTTP/1.1 200")
        s.sendall(b"GET /api/health HTTP/1.1\r\n")  # the next head, never finished
        assert _closed(s, within=4.0) is not None


def test_a_slow_request_is_not_cut_once_its_head_arrived(server: int) -> None:
    """The head deadline is for the head: a request being answered is left alone."""
    with httpx.Client(base_url=f"http://127.0.0.1:{server}", timeout=10) as http:
        for _ in range(3):
            assert http.get("/api/health").status_code == 200
            time.sleep(1.2)  # past HEAD_SECONDS between requests: a new connection is made


def test_a_body_that_never_finishes_gets_408_and_stores_nothing(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(
            b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n[{"
        )
        started = time.monotonic()
        reply = _closed(s, within=6.0)
        assert reply is not None and reply.startswith(b"HTTP/1.1 408"), reply
        assert b"content-security-policy" in reply.lower()
        assert time.monotonic() - started < 5
    health = httpx.get(f"http://127.0.0.1:{server}/api/health", timeout=5).json()
    assert health["articles"] == 0
