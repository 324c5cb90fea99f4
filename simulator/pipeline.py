"""The provider request path as a list of small steps with one signature.

Each step takes the simulator and the exchange (one request on its way through) and either
does its part or settles the answer (`ex.reply`), which ends the walk. The steps before the
lock may wait (read the body, apply a fault's latency); the locked ones run as one critical
section, so a request sees and leaves a consistent world and concurrent requests never
interleave half-applied changes. Any SimError a step raises is rendered in the dialect's own
envelope; anything else is a simulator bug, answered as the provider's 500.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
from typing import Any, Optional

import orjson
from pydantic import TypeAdapter, ValidationError
from starlette.requests import ClientDisconnect

from .core import stubs
from .core.dialect import Call, Dialect, Reply
from .core.errors import STATUS_BY_KIND, Invalid, RateLimited, SimError
from .core.faults import Rule
from .core.parsing import validate, validate_query
from .core.routing import Route
from .domain.models import Account
from .front import query_args

MAX_BODY = 1024 * 1024


class Exchange:
    """One request on its way through the steps (a plain slotted class: one is made per request)."""

    __slots__ = ("request", "dialect", "route", "params", "path", "raw", "account", "account_id", "call", "reply",
                 "rule", "limited", "dropped", "stub")

    def __init__(self, request, dialect: Dialect, route: Route, params: dict, path: str) -> None:
        self.request = request  # the Starlette request
        self.dialect, self.route, self.params = dialect, route, params
        self.path = path  # the request's path, as url_path reads it
        self.raw: Any = None  # the parsed JSON body
        self.account: Optional[Account] = None
        self.account_id: Optional[str] = None
        self.call: Optional[Call] = None
        self.reply: Optional[Reply] = None
        self.rule: Optional[Rule] = None
        self.limited: Optional[str] = None
        self.dropped = False
        self.stub: Optional[Rule] = None  # a stubbed answer chosen for this call (core/stubs.py)


class BadBody(SimError):
    pass


class TooLarge(BadBody):
    kind = "too_large"


# ---------------------------------------------------------------- before the lock

# The steps before the lock may wait; one with nothing to wait for (no body to read, no fault
# rules) returns None instead of a coroutine to await, which keeps most requests from making one.

def read_body(sim, ex: Exchange):
    headers = ex.request.headers
    declared = headers.get("content-length")
    if declared is None and "transfer-encoding" not in headers:
        return None  # HTTP/1.1: a request with neither header has no body (a GET, mostly): nothing to wait for
    return _read_body(ex, declared)


async def _read_body(ex: Exchange, declared) -> None:
    request = ex.request
    limit_text = f"Request body too large (limit {MAX_BODY} bytes)"
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge(limit_text)
    # the ASGI messages read as Starlette's request.stream() reads them, without its generator
    receive, chunks, size = request.receive, [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise TooLarge(limit_text)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    request._stream_consumed = True
    raw = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if not raw.strip():
        return
    try:
        ex.raw = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadBody("Malformed JSON in request body") from None


def fault_gate(sim, ex: Exchange):
    if not sim.control.faults:  # no rules, no extra locking: the common case stays cheap
        return None
    return _fault_gate(sim, ex)


async def _fault_gate(sim, ex: Exchange) -> None:
    faults, world, dialect = sim.control.faults, sim.world, ex.dialect
    with world.lock:
        account = world.account_for_key(dialect.api_key(ex.request.headers))
        if account is not None and account.dialect != dialect.name:
            account = None
        ex.account_id = account.id if account else None
        ex.rule = faults.decide(dialect.name, ex.route.operation, ex.account_id)
    if ex.rule is None:
        return
    action = ex.rule.action
    if action.latency_ms:
        await asyncio.sleep(action.latency_ms / 1000)
    if action.status is not None:
        ex.reply = fault_reply(dialect, action)
    elif action.drop == "before":
        ex.dropped = True


# ---------------------------------------------------------------- under the lock

def authenticate(sim, ex: Exchange) -> None:
    account = ex.dialect.identify(sim.world, ex.route, ex.request.headers, ex.raw)
    ex.account, ex.account_id = account, account.id
    sim.world.touch(account.id)


def rate_limit(sim, ex: Exchange) -> None:
    limits = sim.control.limits[ex.dialect.name]
    if not limits.enabled:
        return
    # a login route may identify the caller without a key: count it against the account
    key = (ex.dialect.api_key(ex.request.headers) or ex.account.id).strip()
    limited = limits.check(key, ex.route.operation, sim.world.now())
    if limited is not None:
        ex.limited = limited[0]
        ex.reply = ex.dialect.too_many_requests(limited[1])


def settle(sim, ex: Exchange) -> None:
    sim.world.settle(ex.account)


def check_headers(sim, ex: Exchange) -> None:
    """A declared header with a fixed set of values takes exactly one of them when sent (the
    platform header: "GOOGLE or MICROSOFT, no leading space", support in the observed reference)."""
    headers = ex.request.headers
    for h in ex.route.headers:
        if h.enum:
            value = headers.get(h.name)
            if value is not None and value not in h.enum:
                raise Invalid(f"{h.name} must be one of {', '.join(h.enum)}", field=h.name)


def scope(sim, ex: Exchange) -> None:
    request = ex.request
    # Call's fields in order: world, account, method, path, query, headers, body, base, path_params, raw_body
    ex.call = call = Call(sim.world, ex.account, request.scope["method"], ex.path, query_args(request), request.headers,
                          ex.raw, lambda: str(request.base_url).rstrip("/"), ex.params, ex.raw)
    ex.dialect.prepare(call)
    owner = getattr(call.scope, "owner", None)  # a shared workspace belongs to another account
    if owner is not None and owner is not ex.account:
        sim.world.touch(owner.id)
        sim.world.settle(owner)  # its transitions are due for this caller too


def check_input(sim, ex: Exchange) -> None:
    """Query and body against the route's declared models: the handler gets typed values."""
    route, call, every = ex.route, ex.call, ex.dialect.all_errors
    if route.query is not None:
        call.args = validate_query(call.query, route.query, all_errors=every)
    if route.body is not None:
        call.body = validate(ex.raw, route.body, all_errors=every)


def handle(sim, ex: Exchange) -> None:
    # stubs come after faults, keys, limits and validation (the order core/stubs.py documents);
    # a replacing stub answers instead of the handler, a merging one after it
    ex.stub = stubs.decide(sim.control.stubs, ex.dialect.name, ex.route.operation, ex.account.id, ex.call)
    if ex.stub is None or ex.stub.action.merge:
        ex.reply = sim.drift.reject(ex.dialect, ex.route, ex.raw) or ex.route.handler(ex.call)


BEFORE_LOCK = (read_body, fault_gate)
LOCKED = (authenticate, rate_limit, settle, check_headers, scope, check_input, handle)
# MAILSIM_CHECK_ANSWERS=1 (the test suite sets it): every answer is checked against the shape its
# route (or its dialect, for errors) declares, and a mismatch is a loud 500, so the body served
# and the schema published cannot drift apart unnoticed. Off by default: it costs a validation.
CHECK_ANSWERS = os.environ.get("MAILSIM_CHECK_ANSWERS", "").strip().lower() in ("1", "true", "yes", "on")


class ShapeMismatch(Exception):
    pass


@functools.lru_cache(maxsize=None)
def _adapter(shape) -> TypeAdapter:
    return TypeAdapter(shape)


def check_answer(ex: Exchange) -> None:
    reply = ex.reply
    if reply is None or reply.media_type != "application/json" or ex.rule is not None or ex.stub is not None:
        return  # injected faults and stubs answer what their rule says
    shape = ex.route.answers.get(reply.status) or ex.dialect.errors.get(reply.status)
    if shape is None:
        raise ShapeMismatch(f"{ex.route.operation} answered {reply.status}, a status it does not declare")
    try:
        _adapter(shape).validate_python(reply.body, strict=False)
    except ValidationError as exc:
        raise ShapeMismatch(f"{ex.route.operation} answered {reply.status} with a body that does not match its "
                            f"declared shape: {exc}") from None


async def run(sim, ex: Exchange) -> None:
    try:
        for step in BEFORE_LOCK:
            waiting = step(sim, ex)
            if waiting is not None:
                await waiting
                if ex.reply is not None or ex.dropped:
                    return
        with sim.world.lock:
            for step in LOCKED:
                step(sim, ex)
                if ex.reply is not None:
                    break
    except Exception as exc:  # noqa: BLE001 - every failure becomes an answer in the envelope
        ex.reply = render_error(ex, exc)
    if ex.stub is not None:
        ex.reply = stubs.apply(ex.dialect, ex.stub, ex.reply)
    if CHECK_ANSWERS:
        try:
            check_answer(ex)
        except ShapeMismatch as exc:
            logging.getLogger("simulator").error("%s", exc)
            ex.reply = ex.dialect.error(500, str(exc)[:2000])
    if ex.rule is not None and ex.rule.action.drop == "after":
        ex.dropped = True


def render_error(ex: Exchange, exc: Exception) -> Reply:
    dialect = ex.dialect
    if isinstance(exc, RateLimited):  # a business limit: the provider's 429, with Retry-After
        return dialect.too_many_requests(exc.retry_after, exc.message)
    if isinstance(exc, SimError):
        return dialect.error(STATUS_BY_KIND[exc.kind], exc.message, exc.errors)
    # a simulator bug: answer in the envelope, keep the traceback
    logging.getLogger("simulator").exception("unhandled error in %s", ex.route.operation)
    return dialect.error(500, "Internal server error")


def fault_reply(dialect: Dialect, action) -> Reply:
    from http import HTTPStatus

    if action.status == 429:
        return dialect.too_many_requests(action.retry_after if action.retry_after is not None else 1, action.message)
    try:
        phrase = HTTPStatus(action.status).phrase
    except ValueError:
        phrase = "Error"
    reply = dialect.error(action.status, action.message or phrase)
    if action.retry_after is not None:
        reply.headers["retry-after"] = str(action.retry_after)
    return reply
