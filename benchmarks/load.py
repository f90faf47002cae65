"""Load on ``storyline serve`` over loopback: story pages per second, latency, and ingest while
readers run, against a store of 10,000+ synthetic articles (``benchmarks/synth.py``).

1. Build the store with ``engine.ingest`` (not timed against the server).
2. Start ``storyline serve --workers 2`` (two cores) in a subprocess; open every story page once
   (cold: summary, timeline and facts are computed and cached; the time is reported).
3. Read phase: a second process (wrk when installed, else an asyncio httpx client) requests the
   HTML story pages in turn for ``--seconds``; requests/s, p50/p99 latency, non-2xx count.
4. Mixed phase: this process posts new articles (``--post-batch`` per request) while the client
   process keeps reading; ingest articles/s, reader latency, 5xx count. The article count after
   must equal the count before plus what the posts reported as stored: nothing lost.

Loopback only, every loop bounded in count and time.

    python -m benchmarks.load                      # 10,000 articles, 10 s per phase
    python -m benchmarks.load --articles 2000 --seconds 3  # quick look
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.synth import generate

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results" / "load.json"
WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(db: Path, n: int) -> dict[str, Any]:
    from storyline import engine
    from storyline.store import open_store

    docs = [a.to_raw() for a in generate(n, seed=21)]
    store = open_store(db)
    began = time.perf_counter()
    report = engine.ingest(docs, store=store)
    counts = store.counts()
    store.close()
    return {"seconds": round(time.perf_counter() - began, 1), "new": report.new,
            "duplicates": report.duplicates, "articles": counts.articles,
            "stories": counts.stories}  # fmt: skip


def start_server(
    db: Path, *, workers: int = 1, tmp: Path | None = None, wait: float = 60.0
) -> tuple[subprocess.Popen[bytes], str]:
    """``storyline serve`` on a free loopback port, once it answers ``/api/health``; ``tmp``
    gives it its own TMPDIR (to count the folders a stop leaves behind)."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
    command = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--workers", str(workers)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"storyline serve did not start within {wait:.0f} s")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


# --- the load generator (runs in its own process) ------------------------------------------------


async def _client(
    base: str, paths: list[str], *, seconds: float, concurrency: int
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:

        async def worker(offset: int) -> None:
            k = offset
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                try:
                    code = str((await http.get(paths[k % len(paths)])).status_code)
                except httpx.HTTPError as exc:
                    code = type(exc).__name__
                latencies.append(time.perf_counter() - began)
                statuses[code] = statuses.get(code, 0) + 1
                k += concurrency

        began = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(concurrency)))
        elapsed = time.perf_counter() - began
    return _summary(latencies, statuses, elapsed, tool="httpx")


def _summary(
    latencies: list[float], statuses: dict[str, int], elapsed: float, *, tool: str
) -> dict[str, Any]:
    return {
        "tool": tool,
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * _percentile(latencies, 0.50), 1),
        "p99_ms": round(1000 * _percentile(latencies, 0.99), 1),
        "statuses": statuses,
    }


def client_main(args: argparse.Namespace) -> None:
    paths = Path(args.paths).read_text("utf-8").split()
    result = asyncio.run(
        _client(args.base, paths, seconds=args.seconds, concurrency=args.concurrency)
    )
    print(json.dumps(result))


def run_client(
    base: str, paths_file: Path, *, seconds: float, concurrency: int
) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "benchmarks.load", "client", "--base", base,
               "--paths", str(paths_file), "--seconds", str(seconds),
               "--concurrency", str(concurrency)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def run_wrk(base: str, paths_file: Path, *, seconds: float, concurrency: int) -> dict[str, Any]:
    """wrk with a Lua script that rotates over the story pages; its latency histogram gives p99."""
    script = paths_file.with_suffix(".lua")
    script.write_text(WRK_SCRIPT % paths_file, "utf-8")
    command = ["wrk", "-t2", f"-c{concurrency}", f"-d{int(seconds)}s", "--latency",
               "-s", str(script), base]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    return _parse_wrk(out)


def _parse_wrk(out: str) -> dict[str, Any]:
    def ms(text: str) -> float:
        for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
            if text.endswith(unit):
                return round(float(text[: -len(unit)]) * scale, 1)
        return float(text)

    found: dict[str, Any] = {"tool": "wrk", "statuses": {}}
    for line in out.splitlines():
        words = line.split()
        if len(words) == 2 and words[0] in ("50%", "99%"):
            found[f"p{words[0][:-1]}_ms"] = ms(words[1])
        elif line.strip().startswith("Requests/sec:"):
            found["rps"] = float(words[1])
        elif "requests in" in line:
            found["requests"] = int(words[0])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            found["statuses"]["non-2xx"] = int(words[-1])
        elif "Socket errors" in line:
            found["socket_errors"] = line.strip()
    return found


# --- phases -------------------------------------------------------------------------------------


def warm(base: str, story_ids: list[str]) -> dict[str, Any]:
    began = time.perf_counter()
    slowest = 0.0
    for story in story_ids:
        start = time.perf_counter()
        response = httpx.get(f"{base}/stories/{story}", timeout=600)
        response.raise_for_status()
        slowest = max(slowest, time.perf_counter() - start)
    return {"stories": len(story_ids), "seconds": round(time.perf_counter() - began, 1),
            "slowest_page_s": round(slowest, 2)}  # fmt: skip


def mixed(base: str, paths_file: Path, *, n: int, extra: int, batch: int, seconds: float,
          concurrency: int) -> dict[str, Any]:  # fmt: skip
    """Post ``extra`` new articles while the client process reads; bounded by count and time."""
    before = httpx.get(f"{base}/api/health").json()["articles"]
    docs = [a.to_dict() for a in generate(n + extra, seed=21)][n:]
    reader = run_client(base, paths_file, seconds=seconds, concurrency=concurrency)
    stored = posted = 0
    statuses: dict[str, int] = {}
    began = time.perf_counter()
    for k in range(0, len(docs), batch):
        if time.perf_counter() - began > seconds:
            break
        response = httpx.post(f"{base}/api/articles", json=docs[k : k + batch], timeout=120)
        statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
        if response.status_code < 300:
            body = response.json()
            stored += body["new"] + body["duplicates"]
            posted += body["received"]
    elapsed = time.perf_counter() - began
    out, _ = reader.communicate(timeout=seconds + 120)
    after = httpx.get(f"{base}/api/health").json()["articles"]
    return {
        "ingest": {"posted": posted, "seconds": round(elapsed, 2),
                   "articles_per_s": round(posted / elapsed, 1), "statuses": statuses},
        "readers": json.loads(out),
        "articles_before": before, "stored_by_posts": stored, "articles_after": after,
        "lost": before + stored - after,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="mode")
    client = sub.add_parser("client", help="(internal) the load generator process")
    client.add_argument("--base", required=True)
    client.add_argument("--paths", required=True)
    client.add_argument("--seconds", type=float, default=10)
    client.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--post-batch", type=int, default=500)
    parser.add_argument(
        "--extra", type=int, default=6000, help="articles posted in phase 4 at most"
    )
    parser.add_argument("--mixed-seconds", type=float, default=20.0, help="length of phase 4")
    args = parser.parse_args(argv)
    if args.mode == "client":
        client_main(args)
        return
    with tempfile.TemporaryDirectory(prefix="storyline-load-") as tmp:
        results = run(Path(tmp), args)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(table(results))


def run(tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    db = tmp / "load.db"
    built = build_store(db, args.articles)
    process, base = start_server(db, workers=args.workers)
    try:
        stories = httpx.get(f"{base}/api/stories", params={"limit": 500}).json()["stories"]
        ids = [s["id"] for s in stories]
        paths_file = tmp / "paths.txt"
        paths_file.write_text("\n".join(f"/stories/{i}" for i in ids) + "\n", "utf-8")
        cold = warm(base, ids)
        if shutil.which("wrk"):
            read = run_wrk(base, paths_file, seconds=args.seconds, concurrency=args.concurrency)
        else:
            reader = run_client(
                base, paths_file, seconds=args.seconds, concurrency=args.concurrency
            )
            read = json.loads(reader.communicate(timeout=args.seconds + 120)[0])
        both = mixed(base, paths_file, n=args.articles, extra=args.extra, batch=args.post_batch,
                     seconds=args.mixed_seconds, concurrency=4)  # fmt: skip
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"store": built, "workers": args.workers, "concurrency": args.concurrency,
            "cold_pages": cold, "read": read, "mixed": both,
            "command": "python -m benchmarks.load " + " ".join(sys.argv[1:])}  # fmt: skip


def table(r: dict[str, Any]) -> str:
    read, mixed_ = r["read"], r["mixed"]
    fivexx = sum(v for k, v in mixed_["readers"]["statuses"].items() if k.startswith("5"))
    rows = [
        ("store", f"{r['store']['articles']} articles, {r['store']['stories']} stories"),
        ("cold story pages", f"{r['cold_pages']['stories']} in {r['cold_pages']['seconds']} s "
                             f"(slowest {r['cold_pages']['slowest_page_s']} s)"),
        (f"story pages ({read['tool']}, c={r['concurrency']})",
         f"{read.get('rps')} req/s, p50 {read.get('p50_ms')} ms, p99 {read.get('p99_ms')} ms, "
         f"non-2xx {read['statuses'].get('non-2xx', 0)}"),
        ("ingest while reading", f"{mixed_['ingest']['articles_per_s']} articles/s "
                                 f"({mixed_['ingest']['posted']} posted)"),
        ("readers during ingest", f"{mixed_['readers']['rps']} req/s, p99 "
                                  f"{mixed_['readers']['p99_ms']} ms, 5xx {fivexx}"),
        ("lost articles", str(mixed_["lost"])),
    ]  # fmt: skip
    lines = ["| measure | result |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
