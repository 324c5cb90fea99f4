"""Builds the ASGI app: the control plane under /_sim/ and one dispatcher for every dialect's
route table."""
from __future__ import annotations

import time
import os
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route as StarletteRoute

from . import pipeline
from .core.dialect import Dialect, Reply
from .core.clock import VirtualClock
from .core.journal import DEFAULT_SIZE as DEFAULT_JOURNAL_SIZE
from .core.store import World
from .domain.models import Account
from .client import ControlAPI, RemoteSimulator
from .connection import DROP_KEY, DropAware
from .control import Control
from .drift import DriftSwitch
from .front import ProviderFront, url_path, url_query
from .envelope import EMPTY, Answer, encode_reply
from .logs import AccessLog
from .admin.guard import ControlGuard
from .client import IN_PROCESS_URL

if TYPE_CHECKING:
    import httpx

    from .inprocess import InProcessTransport
    from .server import ServerThread

ACCESS = AccessLog("simulator.access")
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


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
                 routes_override: Optional[dict[str, Any]] = None, webhook_allowed_hosts: Iterable[str] = (),
                 control_token: Optional[str] = None, control_hosts: Iterable[str] = (),
                 fixtures_dir: Optional[str] = None, journal_bodies: int = 0) -> None:
        from .providers import all_dialects
        from .worldfile import default_world_path, load_document, load_file

        self.world = world or World(seed=seed, clock=VirtualClock(rate=clock_rate, frozen=freeze_clock,
                                                                 start=start_time))
        self.dialects: list[Dialect] = list(dialects) if dialects is not None else all_dialects(routes_override)
        self.world.webhook_formats.update({d.name: d.webhook_format for d in self.dialects if d.webhook_format})
        self.control = Control(self.world, self.dialects, journal_size, rate_limits, rate_limit_overrides,
                               journal_bodies)
        self.drift = DriftSwitch()  # off unless --drift / POST /_sim/drift: the API changing on purpose
        self.guard = ControlGuard.build(control_token, control_hosts, fixtures_dir)
        self.control_token = self.guard.token  # the helpers below send it
        self._starlette = self._build()
        # the ASGI app to serve: provider requests go straight to the dispatcher, the rest to Starlette
        self.app = ProviderFront(DropAware(self._starlette), self, ALL_METHODS)
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
            prefix = d.prefix
            if path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/"):
                return d, path[len(prefix):] or "/"
        return None, path

    def _build(self) -> Starlette:
        from .admin.routes import admin_routes, fallback

        routes = admin_routes(self) + [StarletteRoute("/{path:path}", self.dispatch, methods=ALL_METHODS)]
        app = Starlette(routes=routes)
        app.router.default = fallback(self, routes)  # paths no pattern takes (control characters)
        return app

    async def dispatch(self, request: Request) -> Answer:
        started = time.perf_counter()
        method = request.scope["method"]
        path = url_path(request)
        dialect, sub = self.dialect_for(path)
        ex = None
        route = None
        if dialect is None:
            reply = Reply(404, {"status": 404, "message": f"Cannot {method} {_printable(path)}"})
        else:
            route, params = dialect.table.match(method, sub)
            if route is None:
                reply = not_routed(dialect, method, path, dialect.table.allowed(sub))
            else:
                ex = pipeline.Exchange(request, dialect, route, params, path)
                await pipeline.run(self, ex)
                reply = ex.reply
        reply = self.drift.transform(dialect, route, reply)
        dropped = ex is not None and ex.dropped
        # encoded before the journal is written: it records the status actually sent
        response = None if dropped else encode_reply(dialect, reply)
        elapsed = (time.perf_counter() - started) * 1000
        status = None if response is None else response.status_code
        rule = ex.rule if ex else None
        account_id = ex.account_id if ex else None
        self.control.journal.record(
            self.world.now(), dialect.name if dialect else None, method, path, url_query(request),
            route.operation if route else None, account_id, status, elapsed,
            {"ruleId": rule.id, "action": rule.action.kind} if rule else None, ex.limited if ex else None,
            ex.stub if ex else None, ex.raw if ex else None, None if status is None else reply)
        ACCESS.request(method, _printable(path), status, elapsed, account_id)
        if dropped:
            request.scope[DROP_KEY].append(True)
            return EMPTY
        return response

    # ------------------------------------------------------------------ helpers' plumbing

    def _transport_for_clients(self) -> httpx.BaseTransport:
        if self._transport is None:
            from .inprocess import InProcessTransport

            self._transport = InProcessTransport(self.app)
        return self._transport

    def _async_transport_for_clients(self) -> httpx.AsyncBaseTransport:
        from .inprocess import AsyncInProcessTransport

        return AsyncInProcessTransport(self.app)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> "RemoteSimulator":
        """Serve this simulator over a real socket (a free port by default) until close();
        returns the same helpers, bound to the server's URL."""
        from .server import ServerThread

        server = ServerThread(self.app, host, port).start()
        self._servers.append(server)
        return RemoteSimulator(server.url, on_close=server.stop, control_token=self.control_token)

    def close(self) -> None:
        ControlAPI.close(self)
        self.control.close()  # this world's webhook retries stop with it
        for server in self._servers:
            server.stop()
        self._servers.clear()
        if self._transport is not None:
            self._transport.shutdown()
            self._transport = None


def not_routed(dialect: Dialect, method: str, path: str, allowed: list[str]) -> Reply:
    """A known path asked with another method is a 405 naming the methods it takes (Allow); an
    unknown path is a 404. Both in the provider's envelope."""
    if allowed:
        reply = dialect.error(405, f"Cannot {method} {_printable(path)}: allowed methods are {', '.join(allowed)}")
        reply.headers["allow"] = ", ".join(allowed)
        return reply
    return dialect.error(404, f"Cannot {method} {_printable(path)}")


def _printable(path: str) -> str:
    """A path as a message or a log line may show it: control characters escaped, so a request
    cannot forge a log line or break a client's JSON reader."""
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else f"%{ord(c):02X}" for c in path)


def create_app(world: Optional[World] = None):
    return Simulator(world).app


def json_dumps(value) -> bytes:
    return orjson.dumps(value)
