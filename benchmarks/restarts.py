"""Stops and crashes of ``storyline serve`` while articles stream in (engine/writer.py).

1. Stops: ``--stops`` times, start ``storyline serve`` on one store, post batches from a client
   thread, and send SIGTERM to the server after a random 0.5-2 s of ingest. Each stop must end
   with the writer's final checkpoint (dedup and story state saved at the store's last batch) and
   no writer folder left in the server's TMPDIR.
2. Kills: on a store of ``--base`` articles, post ``--posts`` batches of ``--batch`` articles
   through one server, one after another as a feed would, and SIGKILL the writer process every
   ``--kill-every`` posts. Reported: every post's latency (p50/p99/max), the first post after each
   kill (the restart pause), and how many batches the new writer had to replay (the store's last
   batch less its checkpoint's at the kill): what "checkpoints often" buys.
3. Behind: a store 200 posted batches behind its checkpoint (see ``behind``), a server started
   on it and posted to at once: while the new writer replays, posts are queued in the inbox
   and answered 202 (engine/inbox.py). Reported: how fast each post is answered, and how long
   until every post is ingested (its receipt says done).

Loopback only, every loop bounded in count and time.

    python -m benchmarks.restarts                     # 20 stops, 200 posts with 5 kills
    python -m benchmarks.restarts --stops 3 --posts 40  # quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.load import start_server
from benchmarks.synth import generate

RESULTS = Path(__file__).resolve().parent / "results" / "restarts.json"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def writer_pid(server: subprocess.Popen[bytes]) -> int:
    """The writer process: the server's child running ``storyline.engine.writer``."""
    tasks = Path(f"/proc/{server.pid}/task").iterdir()  # a restart is spawned by another thread
    for pid in [p for task in tasks for p in (task / "children").read_text().split()]:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"storyline.engine.writer" in cmdline:
            return int(pid)
    raise RuntimeError("no writer process under the server")


def checkpoint_lag(db: Path) -> tuple[int, int, int]:
    """(dedup state's batch, story state's batch, last batch) of the store."""
    from storyline import engine
    from storyline.store import open_store

    with open_store(db) as store:
        dedup = store.load_state(engine.DEDUP_STATE)
        stories = store.load_state(engine.CLUSTER_STATE)
        return (dedup.batch if dedup else 0, stories.batch if stories else 0, store.last_batch())


def _post(url: str, docs: list[dict[str, Any]]) -> tuple[float, int]:
    seconds, status, _ = _post_receipt(url, docs)
    return seconds, status


def _post_receipt(url: str, docs: list[dict[str, Any]]) -> tuple[float, int, int | None]:
    """(seconds to the answer, status, the inbox receipt of a 202)."""
    body = "".join(json.dumps(d) + "\n" for d in docs)
    began = time.perf_counter()
    try:
        response = httpx.post(
            f"{url}/api/articles",
            content=body,
            headers={"content-type": "application/x-ndjson"},
            timeout=120,
        )
        status = response.status_code
        receipt = response.json()["receipt"] if status == 202 else None
    except httpx.TransportError:
        status, receipt = 0, None  # the server went away mid-request (a stop)
    return time.perf_counter() - began, status, receipt


def _settled(url: str, receipts: list[int], *, seconds: float = 120.0) -> bool:
    """Wait until every receipt is settled (done or failed); False if one is still queued."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        states = [httpx.get(f"{url}/api/posts/{r}", timeout=30).json()["state"] for r in receipts]
        if "queued" not in states:
            return True
        time.sleep(0.02)
    return False


def _docs(n: int, seed: int) -> list[dict[str, Any]]:
    return [
        {"text": a.text, "title": a.title, "source": a.source, "date": str(a.published)}
        for a in generate(n, seed=seed)
    ]


def stops(tmp: Path, *, count: int, batch: int) -> dict[str, Any]:
    db = tmp / "stops.db"
    folders = tmp / "stops-tmp"
    folders.mkdir()
    rng = random.Random(7)
    finals = left = 0
    seconds: list[float] = []
    for k in range(count):
        server, url = start_server(db, tmp=folders, wait=120.0)
        docs = _docs(batch * 60, seed=1000 + k)
        done = threading.Event()

        def feed(
            url: str = url, docs: list[dict[str, Any]] = docs, done: threading.Event = done
        ) -> None:
            for j in range(0, len(docs), batch):
                if done.is_set() or _post(url, docs[j : j + batch])[1] == 0:
                    return

        poster = threading.Thread(target=feed, daemon=True)
        poster.start()
        time.sleep(rng.uniform(0.5, 2.0))
        began = time.perf_counter()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=180)
        seconds.append(time.perf_counter() - began)
        done.set()
        poster.join(timeout=120)
        dedup, stories, last = checkpoint_lag(db)
        finals += dedup == stories == last
        left += sum(1 for p in folders.iterdir() if p.name.startswith("storyline-writer-"))
    return {"stops": count, "final_checkpoints": finals, "folders_left": left,
            "stop_seconds_median": round(_percentile(seconds, 0.5), 2),
            "stop_seconds_max": round(max(seconds), 2),
            "batches": checkpoint_lag(db)[2]}  # fmt: skip


def kills(tmp: Path, *, base: int, posts: int, batch: int, every: int) -> dict[str, Any]:
    from storyline import engine
    from storyline.store import open_store

    db = tmp / "kills.db"
    with open_store(db) as store:
        engine.ingest([a.to_raw() for a in generate(base, seed=21)], store=store)
    server, url = start_server(db, tmp=tmp, wait=120.0)
    latencies: list[float] = []
    after_kill: list[float] = []
    behind: list[int] = []
    statuses: dict[int, int] = {}
    receipts: list[int] = []
    docs = _docs(posts * batch, seed=99)
    try:
        for k in range(posts):
            killed = k > 0 and k % every == 0
            if killed:
                dedup, _, last = checkpoint_lag(db)
                behind.append(last - dedup)
                os.kill(writer_pid(server), signal.SIGKILL)
            seconds, status, receipt = _post_receipt(url, docs[k * batch : (k + 1) * batch])
            latencies.append(seconds)
            statuses[status] = statuses.get(status, 0) + 1
            receipts += [receipt] if receipt is not None else []
            if killed:
                after_kill.append(seconds)
        queued_settled = _settled(url, receipts)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=180)
    return {"base_articles": base, "posts": posts, "batch": batch, "kills": len(after_kill),
            "statuses": statuses, "p50": round(_percentile(latencies, 0.5), 3),
            "p99": round(_percentile(latencies, 0.99), 3), "max": round(max(latencies), 3),
            "after_kill": [round(s, 2) for s in after_kill],
            "behind_at_kill": behind, "batches": checkpoint_lag(db)[2],
            "queued": len(receipts), "queued_settled": queued_settled}  # fmt: skip


def behind_store(db: Path, *, base: int, batches: int, batch: int, seed: int) -> None:
    """A store of ``base`` checkpointed articles, then ``batches`` posted batches of ``batch``
    that its checkpoint does not hold: a writer opening it replays them."""
    from storyline import engine
    from storyline.engine.indexes import open_indexes
    from storyline.store import open_store

    docs = [a.to_raw() for a in generate(base + batches * batch, seed=seed)]
    with open_store(db) as store:
        engine.ingest(docs[:base], store=store)
        indexes = open_indexes(store)
        for k in range(batches):
            part = docs[base + k * batch : base + (k + 1) * batch]
            engine.ingest(part, store=store, indexes=indexes, workers=0, checkpoint_at_end=False,
                          checkpoint_seconds=1e9)  # fmt: skip


def behind(tmp: Path, *, base: int, batches: int, batch: int, posts: int) -> dict[str, Any]:
    """A store ``batches`` posted batches behind its checkpoint (what a writer that never
    checkpointed left; ours checkpoints about every second, so only a killed CLI ingest or an
    older version leaves this), then a server and ``posts`` posts at once: the first one waits
    for the replay."""
    db = tmp / "behind.db"
    behind_store(db, base=base, batches=batches, batch=batch, seed=31)
    dedup, _, last = checkpoint_lag(db)
    server, url = start_server(db, tmp=tmp, wait=120.0)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    receipts: list[int] = []
    try:
        new = _docs(posts * batch, seed=77)
        began = time.perf_counter()
        for k in range(posts):
            seconds, status, receipt = _post_receipt(url, new[k * batch : (k + 1) * batch])
            latencies.append(seconds)
            statuses[status] = statuses.get(status, 0) + 1
            receipts += [receipt] if receipt is not None else []
        settled = _settled(url, receipts)
        ingested = time.perf_counter() - began
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=180)
    return {"behind": last - dedup, "batch": batch, "posts": posts, "statuses": statuses,
            "first": round(latencies[0], 2), "p50": round(_percentile(latencies, 0.5), 3),
            "p99": round(_percentile(latencies, 0.99), 3), "max": round(max(latencies), 3),
            "all_ingested": round(ingested, 2) if settled else None}  # fmt: skip


def table(r: dict[str, Any]) -> str:
    s, k, b = r["stops"], r["kills"], r["behind"]
    return "\n".join(
        [
            "| stops of serve (SIGTERM during ingest) | final checkpoints | writer folders left "
            "| stop time median / max |",
            "|---|---|---|---|",
            f"| {s['stops']} | {s['final_checkpoints']} | {s['folders_left']} "
            f"| {s['stop_seconds_median']} s / {s['stop_seconds_max']} s |",
            "",
            "| writer kills (SIGKILL) | posts | post p50 / p99 / max | first post after each kill "
            "| batches behind the checkpoint at each kill | statuses |",
            "|---|---|---|---|---|---|",
            f"| {k['kills']} ({k['base_articles']} articles + {k['posts']} posts of "
            f"{k['batch']}) | {k['posts']} | {k['p50']} / {k['p99']} / {k['max']} s "
            f"| {', '.join(f'{x} s' for x in k['after_kill'])} "
            f"| {', '.join(map(str, k['behind_at_kill']))} | {k['statuses']} |",
            "",
            "| store behind its checkpoint | posts: first answer | p50 / p99 / max | statuses "
            "| all posts ingested after |",
            "|---|---|---|---|---|",
            f"| {b['behind']} batches of {b['batch']} | {b['first']} s "
            f"| {b['p50']} / {b['p99']} / {b['max']} s ({b['posts']} posts) | {b['statuses']} "
            f"| {b['all_ingested']} s |",
            "",
            f"Load average at the end: {r['load_average']} (other jobs shared the machine).",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stops", type=int, default=20)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--batch", type=int, default=20, help="articles per post")
    parser.add_argument("--kill-every", type=int, default=40)
    parser.add_argument("--base", type=int, default=2000, help="articles stored before the kills")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-restarts-") as name:
        tmp = Path(name)
        result = {
            "stops": stops(tmp, count=args.stops, batch=args.batch),
            "kills": kills(
                tmp, base=args.base, posts=args.posts, batch=args.batch, every=args.kill_every
            ),
            "behind": behind(tmp, base=args.base, batches=200, batch=args.batch, posts=20),
            "load_average": round(os.getloadavg()[0], 1),
        }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
