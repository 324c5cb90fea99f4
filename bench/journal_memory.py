"""Memory stays flat while the journal records 200,000 requests (default ring size), and what
the journal and fault matching cost per request, as ratios measured in one run.

    .venv/bin/python bench/journal_memory.py [--requests 200000] [--journal-bodies 4096]

With --journal-bodies the journal keeps each request's and response's body (cut at that many
bytes): memory must stay flat all the same once the ring is full.

Requests go straight into the ASGI app on one event loop (no HTTP client, no socket), so the
simulator's own cost is what is measured. RSS is read from /proc (Linux); tracemalloc is not
used because it would slow every allocation.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import os
import time

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from simulator.app import Simulator


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


async def call(app, path: str, key: str) -> int:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"page=1", "root_path": "",
             "headers": [(b"host", b"bench"), (b"x-auth-zapmail", key.encode())], "client": ("127.0.0.1", 1),
             "server": ("bench", 80)}
    status = 0

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def timed(app, path: str, key: str, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        await call(app, path, key)
    return (time.perf_counter() - started) / n * 1e6


async def main(requests: int, bodies: int) -> None:
    sim = Simulator(freeze_clock=True, journal_bodies=bodies)
    account = sim.create_account("zapmail", walletBalance=10)
    path = "/api/v2/wallet/balance"
    samples = []
    checkpoints = {requests // 10 * i for i in range(1, 11)}
    gc.collect()
    base = rss_mb()
    for i in range(1, requests + 1):
        await call(sim.app, path, account.api_key)
        if i in checkpoints:
            gc.collect()
            samples.append((i, rss_mb(), sim.control.journal.stats()["held"]))
    print(f"journal size {sim.control.journal.size}, bodies kept up to {bodies} bytes each; "
          f"RSS before {base:.1f} MB")
    print(f"{'requests':>9} {'RSS MB':>8} {'held':>7}")
    for i, mb, held in samples:
        print(f"{i:>9} {mb:>8.1f} {held:>7}")
    full = [mb for i, mb, held in samples if held == sim.control.journal.size]
    growth = full[-1] - full[0] if full else float("nan")
    print(f"growth once the ring is full ({samples[0][0] if full else '-'} -> {requests}): {growth:+.1f} MB")

    # Cost per request, ratios against a bare Starlette JSON endpoint, same loop, same run.
    async def ok(request):
        return JSONResponse({"ok": True})

    bare = Starlette(routes=[Route(path, ok)])
    n = 20_000
    t_bare = await timed(bare, path, account.api_key, n)
    t_sim = await timed(sim.app, path, account.api_key, n)
    other = sim.create_account("zapmail")
    for op in ("zapmail.v2.users.get", "zapmail.v2.domains.list", "zapmail.v2.domains.buy"):
        for _ in range(10):
            sim.add_fault(op, status=500)
    for _ in range(10):  # same operation, another account: matched against, never fired
        sim.add_fault("zapmail.v2.wallet.get_balance", status=500, account=other.id)
    t_faults = await timed(sim.app, path, account.api_key, n)
    sim.clear_faults()
    for _ in range(10):  # stubs on this operation that never match this request's query
        sim.add_stub("zapmail.v2.wallet.get_balance", status=500, match_query={"never": "1"})
    t_stubs = await timed(sim.app, path, account.api_key, n)
    sim.close()
    print(f"per request: bare Starlette {t_bare:.1f} us; simulator {t_sim:.1f} us ({t_sim / t_bare:.2f}x); "
          f"with 40 fault rules (10 on this operation, for another account) {t_faults:.1f} us ({t_faults / t_sim:.2f}x of no rules); "
          f"with 10 stub rules on this operation that do not match {t_stubs:.1f} us ({t_stubs / t_sim:.2f}x)")
    if full and growth > 5:
        raise SystemExit(f"memory grew {growth:.1f} MB after the journal ring filled")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--journal-bodies", type=int, default=0, metavar="BYTES")
    options = parser.parse_args()
    asyncio.run(main(options.requests, options.journal_bodies))
