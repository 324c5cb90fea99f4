"""What the one declaration per operation costs on the request path, as ratios in one run: the
central validation of query and body (always on), and the check of every answer against its
declared shape (MAILSIM_CHECK_ANSWERS, on in the project's own tests, off for users), against a
bare Starlette endpoint and against the simulator's own time per request.

    .venv/bin/python bench/declaration_cost.py [--requests 5000]

Requests go straight into the ASGI app on one event loop (no client, no socket).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import orjson
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from simulator import pipeline
from simulator.app import Simulator
from simulator.core.parsing import validate, validate_query
from simulator.providers import all_dialects

BILLING = {"firstName": "Ada", "lastName": "Lovelace", "addressLineOne": "1 Main St", "city": "York",
           "country": "GB", "postalCode": "YO1 7HH"}
CASES = [  # (operation, method, path, query, body)
    ("zapmail.v2.users.get", "GET", "/api/v2/users", "", None),
    ("zapmail.v2.domains.list", "GET", "/api/v2/domains", "page=1&limit=10&status=ACTIVE", None),
    ("zapmail.v2.billing.update", "PUT", "/api/v2/billing", "", BILLING),
]


async def call(app, method: str, path: str, query: str, body, key: str) -> int:
    raw = orjson.dumps(body) if body is not None else b""
    headers = [(b"host", b"bench"), (b"x-auth-zapmail", key.encode())]
    if raw:
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 1), "server": ("bench", 80)}
    status = 0

    async def receive():
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def per_request(app, case, key: str, n: int) -> float:
    _, method, path, query, body = case
    assert await call(app, method, path, query, body, key) < 300
    started = time.perf_counter()
    for _ in range(n):
        await call(app, method, path, query, body, key)
    return (time.perf_counter() - started) / n * 1e6


def validation_only(route, query: str, body, n: int) -> float:
    params = dict(pair.split("=", 1) for pair in query.split("&") if pair)
    started = time.perf_counter()
    for _ in range(n):
        if route.query is not None:
            validate_query(params, route.query)
        if route.body is not None:
            validate(body, route.body)
    return (time.perf_counter() - started) / n * 1e6


async def main(n: int, rounds_count: int = 5) -> None:
    sim = Simulator(freeze_clock=True, default_world=True)
    account = sim.create_account("zapmail", walletBalance=10)
    table = next(d for d in all_dialects() if d.name == "zapmail").table

    async def ok(request):
        return JSONResponse({"ok": True})

    bare = Starlette(routes=[Route(path, ok, methods=[method]) for _, method, path, _, _ in CASES])
    print(f"{'operation':<28} {'bare us':>8} {'sim us':>8} {'x bare':>7} {'validate us':>11} {'share':>6} "
          f"{'+check us':>9} {'x sim':>6}")
    for case in CASES:
        op, method, path, query, body = case
        rounds = []
        for _ in range(rounds_count):  # interleaved, medians: the machine is noisy
            t_bare = await per_request(bare, case, account.api_key, n)
            pipeline.CHECK_ANSWERS = False
            t_sim = await per_request(sim.app, case, account.api_key, n)
            pipeline.CHECK_ANSWERS = True
            t_checked = await per_request(sim.app, case, account.api_key, n)
            pipeline.CHECK_ANSWERS = False
            rounds.append((t_bare, t_sim, t_checked, validation_only(table.route(op), query, body, n)))
        t_bare, t_sim, t_checked, t_valid = (statistics.median(r[i] for r in rounds) for i in range(4))
        print(f"{op:<28} {t_bare:>8.1f} {t_sim:>8.1f} {t_sim / t_bare:>6.2f}x {t_valid:>11.1f} "
              f"{t_valid / t_sim:>5.1%} {t_checked:>9.1f} {t_checked / t_sim:>5.2f}x")
    sim.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="per operation and round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.rounds))
