"""Builds the ASGI app: the control plane under /_sim/ and one dispatcher for every dialect's
route table."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from http import HTTPStatus
import os
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

import httpx
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route as StarletteRoute

from .core.dialect import Call, Dialect, Reply
from .core.errors import STATUS_BY_KIND, RateLimited, SimError
from .core.clock import VirtualClock
from .core.faults import Rule
from .core.journal import DEFAULT_SIZE as DEFAULT_JOURNAL_SIZE
from .core.store import Account, World
from .client import ControlAPI, RemoteSimulator
from .connection import DROP_KEY, DropAware
from .control import Control
from .drift import DriftSwitch
from .inprocess import IN_PROCESS_URL, AsyncInProcessTransport, InProcessTransport

if TYPE_CHECKING:
    from .server import ServerThread

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


class Simulator(ControlAPI):
    """The running simulator: a world, its dialects, the app serving them, and the control
    helpers (create accounts, move the clock, add faults, read the journal...) over an
    in-process client. As a context manager it closes that client (and any server) on exit."""

    url = IN_PROCESS_URL

    def __init__(self, world: Optional[World] = None, dialects: Optional[Iterable[Dialect]] = None, *,
                 fixtures: Iterable[Union[str, "os.PathLike[str]", dict[str, Any]]] = (),
                 default_world: bool = False, seed: Optional[int] = None,
                 clock_rate: float = 1.0, freeze_clock: bool = False, start_time: Optional[float] = None,
                 journal_size: int = DEFAULT_JOURNAL_SIZE, rate_limits: bool = False,
                 rate_limit_overrides: Optional[dict[str, dict[str, int]]] = None,
                 routes_override: Optional[dict[str, Any]] = None, webhook_allowed_hosts: Iterable[str] = ()) -> None:
        from .providers import all_dialects
        from .worldfile import default_world_path, load_document, load_file

        self.world = world or World(seed=seed, clock=VirtualClock(rate=clock_rate, frozen=freeze_clock,
                                                                 start=start_time))
        self.dialects: list[Dialect] = list(dialects) if dialects is not None else all_dialects(routes_override)
        self.control = Control(self.world, self.dialects, journal_size, rate_limits, rate_limit_overrides)
        self.drift = DriftSwitch()  # off unless --drift / POST /_sim/drift: the API changing on purpose
        self._starlette = self._build()
        self.app = DropAware(self._starlette)  # the ASGI app to serve
        self.loaded: list[Account] = []  # the accounts of the start state, in load order
        if default_world:
            self.loaded += load_file(self.world, default_world_path(), self.dialects)
        for item in fixtures:
            self.loaded += (load_document(self.world, item, self.dialects) if isinstance(item, dict)
                            else load_file(self.world, item, self.dialects))
        if webhook_allowed_hosts:
            self.world.settings["webhook_allowed_hosts"] = list(webhook_allowed_hosts)
        self.control.mark_start()
        self._transport: Optional[InProcessTransport] = None
        self._servers: list[ServerThread] = []
        ControlAPI.__init__(self)

    # ------------------------------------------------------------------ ASGI

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
        outcome = Outcome()
        route = None
        if dialect is None:
            outcome.reply = Reply(404, {"status": 404, "message": f"Cannot {request.method} {path}"})
        else:
            route, params = dialect.table.match(request.method, sub)
            if route is None:
                outcome.reply = dialect.error(404, f"Cannot {request.method} {path}")
            else:
                await self._run(dialect, route, params, request, outcome)
        outcome.reply = self.drift.transform(dialect, route, outcome.reply)
        elapsed = (time.perf_counter() - started) * 1000
        status = None if outcome.dropped else outcome.reply.status
        rule = outcome.rule
        self.control.journal.record(
            at=self.world.now(), provider=dialect.name if dialect else None, method=request.method, path=path,
            query=request.url.query, route=route.operation if route else None, account=outcome.account_id,
            status=status, duration_ms=elapsed,
            fault={"ruleId": rule.id, "action": rule.action.kind} if rule else None,
            rate_limit=outcome.limited)
        log.info("%s %s %s %.1fms account=%s", request.method, path, status if status else "dropped", elapsed,
                 outcome.account_id or "-")
        if outcome.dropped:
            request.scope[DROP_KEY].append(True)
            return Response(b"")
        return to_response(outcome.reply)

    async def _run(self, dialect: Dialect, route, params: dict, request: Request, outcome: "Outcome") -> None:
        world = self.world
        try:
            body = await read_json(request)
        except BadBody as exc:
            outcome.reply = dialect.error(exc.status, exc.message)
            return
        faults = self.control.faults
        if faults:  # no rules, no extra locking: the common case stays as cheap as before
            with world.lock:
                account = world.account_for_key(dialect.api_key(request.headers))
                if account is not None and account.dialect != dialect.name:
                    account = None
                outcome.account_id = account.id if account else None
                outcome.rule = faults.decide(dialect.name, route.operation, outcome.account_id)
            if outcome.rule is not None:
                action = outcome.rule.action
                if action.latency_ms:
                    await asyncio.sleep(action.latency_ms / 1000)
                if action.status is not None:
                    outcome.reply = fault_reply(dialect, action)
                    return
                if action.drop == "before":
                    outcome.dropped = True
                    return
        # One lock around authenticate -> settle -> handle: a request sees and leaves a
        # consistent world, so concurrent requests never interleave half-applied changes.
        with world.lock:
            try:
                account = dialect.identify(world, route, request.headers, body)
                outcome.account_id = account.id
                world.touch(account.id)
                # a login route may identify the caller without a key: count it against the account
                limited = self.control.limits[dialect.name].check(
                    (dialect.api_key(request.headers) or account.id).strip(), route.operation, world.now())
                if limited is not None:
                    outcome.limited = limited[0]
                    outcome.reply = dialect.too_many_requests(limited[1])
                    return
                world.settle(account)
                call = Call(world=world, account=account, method=request.method, path=request.url.path,
                            query=dict(request.query_params), headers=request.headers, body=body,
                            base_url=str(request.base_url).rstrip("/"), path_params=params)
                dialect.prepare(call)
                owner = getattr(call.scope, "owner", None)  # a shared workspace belongs to another account
                if owner is not None and owner is not account:
                    world.touch(owner.id)
                    world.settle(owner)  # its transitions are due for this caller too
                outcome.reply = self.drift.reject(dialect, route, body) or route.handler(call)
            except RateLimited as exc:  # a business limit: the provider's 429, with Retry-After
                outcome.reply = dialect.too_many_requests(exc.retry_after, exc.message)
            except SimError as exc:
                outcome.reply = dialect.error(STATUS_BY_KIND[exc.kind], exc.message, exc.errors)
            except Exception:  # a simulator bug: answer in the envelope, keep the traceback
                logging.getLogger("simulator").exception("unhandled error in %s", route.operation)
                outcome.reply = dialect.error(500, "Internal server error")
        if outcome.rule is not None and outcome.rule.action.drop == "after":
            outcome.dropped = True

    # ------------------------------------------------------------------ helpers' plumbing

    def _transport_for_clients(self) -> httpx.BaseTransport:
        if self._transport is None:
            self._transport = InProcessTransport(self.app)
        return self._transport

    def _async_transport_for_clients(self) -> httpx.AsyncBaseTransport:
        return AsyncInProcessTransport(self.app)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> "RemoteSimulator":
        """Serve this simulator over a real socket (a free port by default) until close();
        returns the same helpers, bound to the server's URL."""
        from .server import ServerThread

        server = ServerThread(self.app, host, port).start()
        self._servers.append(server)
        return RemoteSimulator(server.url, on_close=server.stop)

    def close(self) -> None:
        ControlAPI.close(self)
        self.control.close()  # this world's webhook retries stop with it
        for server in self._servers:
            server.stop()
        self._servers.clear()
        if self._transport is not None:
            self._transport.shutdown()
            self._transport = None


@dataclass
class Outcome:
    reply: Optional[Reply] = None
    account_id: Optional[str] = None
    rule: Optional[Rule] = None
    limited: Optional[str] = None
    dropped: bool = False


def fault_reply(dialect: Dialect, action) -> Reply:
    if action.status == 429:
        return dialect.too_many_requests(action.retry_after if action.retry_after is not None else 1, action.message)
    reply = dialect.error(action.status, action.message or _phrase(action.status))
    if action.retry_after is not None:
        reply.headers["retry-after"] = str(action.retry_after)
    return reply


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def create_app(world: Optional[World] = None):
    return Simulator(world).app


def json_dumps(value) -> bytes:
    return orjson.dumps(value)
