"""Builds the ASGI app: the control plane under /_sim/ and one dispatcher for every dialect's
route table."""
from __future__ import annotations

import logging
import time
from typing import Iterable, Optional

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route as StarletteRoute

from .core.dialect import Call, Dialect, Reply
from .core.errors import STATUS_BY_KIND, SimError
from .core.store import World

log = logging.getLogger("simulator.access")
MAX_BODY = 1024 * 1024
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


class BadBody(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


def to_response(reply: Reply) -> Response:
    if reply.media_type == "application/json":
        content = orjson.dumps(reply.body)
    else:
        content = reply.body
    return Response(content, status_code=reply.status, media_type=reply.media_type, headers=reply.headers)


async def read_json(request: Request):
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise BadBody(413, f"Request body too large (limit {MAX_BODY} bytes)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise BadBody(413, f"Request body too large (limit {MAX_BODY} bytes)")
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadBody(400, "Malformed JSON in request body") from None


class Simulator:
    """The running simulator: a world, its dialects, and the app serving them."""

    def __init__(self, world: Optional[World] = None, dialects: Optional[Iterable[Dialect]] = None):
        from .providers import all_dialects

        self.world = world or World()
        self.dialects: list[Dialect] = list(dialects) if dialects is not None else all_dialects()
        self.app = self._build()

    def dialect_for(self, path: str) -> tuple[Optional[Dialect], str]:
        for d in self.dialects:
            if path == d.prefix or path.startswith(d.prefix + "/"):
                return d, path[len(d.prefix):] or "/"
        return None, path

    def _build(self) -> Starlette:
        from .admin.routes import admin_routes

        routes = admin_routes(self) + [StarletteRoute("/{path:path}", self.dispatch, methods=ALL_METHODS)]
        return Starlette(routes=routes)

    async def dispatch(self, request: Request) -> Response:
        started = time.perf_counter()
        path = request.url.path
        dialect, sub = self.dialect_for(path)
        account_id = "-"
        if dialect is None:
            reply = Reply(404, {"status": 404, "message": f"Cannot {request.method} {path}"})
        else:
            route, params = dialect.table.match(request.method, sub)
            if route is None:
                reply = dialect.error(404, f"Cannot {request.method} {path}")
            else:
                reply, account_id = await self._run(dialect, route, params, request)
        log.info("%s %s %d %.1fms account=%s", request.method, path, reply.status,
                 (time.perf_counter() - started) * 1000, account_id)
        return to_response(reply)

    async def _run(self, dialect: Dialect, route, params: dict, request: Request) -> tuple[Reply, str]:
        world = self.world
        try:
            body = await read_json(request)
        except BadBody as exc:
            return dialect.error(exc.status, exc.message), "-"
        account_id = "-"
        # One lock around authenticate -> settle -> handle: a request sees and leaves a
        # consistent world, so concurrent requests never interleave half-applied changes.
        with world.lock:
            try:
                account = dialect.authenticate(world, request.headers)
                account_id = account.id
                world.settle(account)
                call = Call(world=world, account=account, method=request.method, path=request.url.path,
                            query=dict(request.query_params), headers=request.headers, body=body,
                            base_url=str(request.base_url).rstrip("/"), path_params=params)
                dialect.prepare(call)
                reply = route.handler(call)
            except SimError as exc:
                reply = dialect.error(STATUS_BY_KIND[exc.kind], exc.message, exc.errors)
            except Exception:  # a simulator bug: answer in the envelope, keep the traceback
                logging.getLogger("simulator").exception("unhandled error in %s", route.operation)
                reply = dialect.error(500, "Internal server error")
        return reply, account_id


def create_app(world: Optional[World] = None) -> Starlette:
    return Simulator(world).app


def json_dumps(value) -> bytes:
    return orjson.dumps(value)
