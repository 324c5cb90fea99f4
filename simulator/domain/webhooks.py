"""Webhooks: registered endpoints, the outbox of events, and the deliverer that POSTs them.

The domain modules call `emit` when something a subscriber may care about happens (a mailbox
turns ACTIVE or is removed, a purchased domain turns ACTIVE, a connection request or a
placement test changes status). `emit` runs inside the world lock, during a request or while
the clock's due events are applied, so it only records: for every subscribed webhook of the
workspace it stores a delivery (the exact body and headers, signed) and hands its id to the
deliverer. The deliverer is a background thread: it sends outside the world lock, records each
attempt (status code or error) on the delivery, and retries with backoff.

How an event looks on the wire (event names, body, signature header) belongs to each API
dialect: a dialect registers a `WireFormat` under its name, and accounts of that dialect use it.
The deliverer never learns which API it speaks for.
"""
from __future__ import annotations

import hashlib
import heapq
import hmac
import itertools
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

import httpx

from ..core.errors import Invalid, NotFound
from ..core.store import Account, World
from .accounts import Scope
from .models import Webhook, WebhookDelivery

PENDING, DELIVERED, FAILED = "PENDING", "DELIVERED", "FAILED"
MAX_WEBHOOKS = 20
MAX_URL = 2000
KEEP_DELIVERIES = 500  # per account; the oldest finished ones are dropped beyond this

# Neutral event kinds the domain emits.
KINDS = ("mailbox.status", "mailbox.removed", "domain.status", "connection.status", "placement.status")


@dataclass(frozen=True)
class WireFormat:
    """How one API dialect says an event: the name of each kind it delivers (kinds left out are
    not delivered), the JSON body, and the headers that carry the signature and the ids."""
    events: dict[str, str]  # kind -> event name on the wire
    render: Callable[..., dict]  # (account, kind, event_name, event_id, obj, at) -> JSON body
    signature_header: str
    signature_prefix: str  # e.g. "sha256=" before the hex digest
    event_header: str
    delivery_header: str
    secret_prefix: str = ""
    user_agent: str = "mailbox-simulator-webhooks"


_FORMATS: dict[str, WireFormat] = {}


def register_format(dialect: str, fmt: WireFormat) -> None:
    _FORMATS[dialect] = fmt


def wire_format(account: Account) -> Optional[WireFormat]:
    return _FORMATS.get(account.dialect)


def sign(secret: str, raw: bytes) -> str:
    """Hex HMAC-SHA256 of the raw body with the endpoint's secret."""
    return hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def mask(secret: Optional[str], keep: int = 4) -> Optional[str]:
    """A stored secret as reads show it: every character but the last `keep` starred."""
    if secret is None:
        return None
    if len(secret) <= keep:
        return "*" * len(secret)
    return "*" * (len(secret) - keep) + secret[-keep:]


# ---------------------------------------------------------------- endpoints

def webhooks_of(scope: Scope) -> list[Webhook]:
    rows = [w for w in scope.owner.webhooks.values() if w.workspace_id == scope.workspace.id]
    return sorted(rows, key=lambda w: w.created_at)  # stable: creation order on ties


def get_webhook(scope: Scope, webhook_id: str, field: str = "webhookId") -> Webhook:
    w = scope.owner.webhooks.get(webhook_id) if isinstance(webhook_id, str) else None
    if w is None or w.workspace_id != scope.workspace.id:
        raise NotFound("Webhook not found", field=field)
    return w


def check_url(url) -> str:
    """http or https with a host. Plain http is accepted (a local receiver in a test is the
    common case); the host is not resolved here."""
    if not isinstance(url, str) or not url.strip():
        raise Invalid("url must be a non-empty string", field="url")
    url = url.strip()
    parts = urlsplit(url)
    if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid("url must be an absolute http(s) URL", field="url")
    return url


def create(scope: Scope, url, events: Optional[list], description: Optional[str]) -> Webhook:
    """Register an endpoint for some event names of the account's wire format (all of them when
    `events` is None). The signing secret is generated here; readers should show it once."""
    fmt = wire_format(scope.owner)
    names = sorted(set(fmt.events.values())) if fmt else []
    url = check_url(url)
    if events is None:
        chosen = names
    else:
        if not isinstance(events, list) or not events:
            raise Invalid("events must be a non-empty array", field="events")
        chosen = []
        for i, e in enumerate(events):
            if not isinstance(e, str) or e not in names:
                raise Invalid(f"events[{i}] must be one of {', '.join(names)}", field=f"events[{i}]")
            if e not in chosen:
                chosen.append(e)
    if description is not None and (not isinstance(description, str) or len(description) > 500):
        raise Invalid("description must be a string of at most 500 characters", field="description")
    mine = webhooks_of(scope)
    if len(mine) >= MAX_WEBHOOKS:
        raise Invalid(f"At most {MAX_WEBHOOKS} webhooks can be registered", field="url")
    if any(w.url == url for w in mine):
        raise Invalid("A webhook for this url is already registered", field="url")
    world, now = scope.world, scope.now
    secret = (fmt.secret_prefix if fmt else "") + world.ids.token(32)
    w = Webhook(id=world.ids.new(scope.owner.id_style), workspace_id=scope.workspace.id, url=url, events=chosen,
                secret=secret, created_at=now, updated_at=now, description=description)
    scope.owner.webhooks[w.id] = w
    return w


def delete(scope: Scope, webhook_id: str) -> Webhook:
    """Remove the endpoint; its undelivered events are dropped (recorded as FAILED)."""
    w = get_webhook(scope, webhook_id)
    del scope.owner.webhooks[w.id]
    for d in scope.owner.webhook_deliveries.values():
        if d.webhook_id == w.id and d.status == PENDING:
            d.status = FAILED
            d.attempts.append({"attempt": len(d.attempts) + 1, "at": scope.now, "statusCode": None,
                               "error": "webhook deleted", "durationMs": 0.0})
    return w


def deliveries_of(account: Account, webhook_id: str) -> list[WebhookDelivery]:
    rows = [d for d in account.webhook_deliveries.values() if d.webhook_id == webhook_id]
    return sorted(rows, key=lambda d: d.created_at)  # stable: creation order on ties


# ---------------------------------------------------------------- the outbox

def emit(world: World, account: Account, kind: str, obj: Any, at: Optional[float] = None) -> list[WebhookDelivery]:
    """Record `kind` happening to `obj` (a resource with a workspace_id) for every webhook of its
    workspace subscribed to it, and queue the deliveries. Cheap when nobody listens."""
    if not account.webhooks:
        return []
    fmt = wire_format(account)
    name = fmt.events.get(kind) if fmt else None
    if name is None:
        return []
    targets = [w for w in account.webhooks.values()
               if w.active and w.workspace_id == getattr(obj, "workspace_id", None) and name in w.events]
    if not targets:
        return []
    at = world.now() if at is None else at
    event_id = world.ids.new(account.id_style)
    raw = json.dumps(fmt.render(account, kind, name, event_id, obj, at), separators=(",", ":"), ensure_ascii=False)
    out = []
    for w in sorted(targets, key=lambda w: w.created_at):
        delivery_id = world.ids.new(account.id_style)
        headers = {"Content-Type": "application/json", "User-Agent": fmt.user_agent,
                   fmt.event_header: name, fmt.delivery_header: delivery_id,
                   fmt.signature_header: fmt.signature_prefix + sign(w.secret, raw.encode())}
        d = WebhookDelivery(id=delivery_id, webhook_id=w.id, event=name, event_id=event_id, body=raw,
                            headers=headers, status=PENDING, created_at=at)
        account.webhook_deliveries[d.id] = d
        out.append(d)
    _trim(account)
    for d in out:
        DELIVERER.enqueue(world, account.id, d.id)
    return out


def reports(kind: str, lookup: Callable[[Account, str], Any]):
    """Decorator for a scheduled-event handler (world, account, ref, due): emits `kind` when the
    status of the resource `lookup(account, ref)` differs after the handler ran."""
    def wrap(fn):
        def handler(world, account, ref, due):
            before = lookup(account, ref)
            status = getattr(before, "status", None)
            fn(world, account, ref, due)
            after = lookup(account, ref)
            if after is not None and after.status != status:
                emit(world, account, kind, after, due)
        handler.__name__, handler.__doc__, handler.__wrapped__ = fn.__name__, fn.__doc__, fn
        return handler
    return wrap


def _trim(account: Account) -> None:
    extra = len(account.webhook_deliveries) - KEEP_DELIVERIES
    if extra <= 0:
        return
    done = sorted((d for d in account.webhook_deliveries.values() if d.status != PENDING), key=lambda d: d.created_at)
    for d in done[:extra]:
        del account.webhook_deliveries[d.id]


# ---------------------------------------------------------------- the deliverer

class Deliverer:
    """One background thread that waits for due deliveries and hands each attempt to a small
    pool of senders, so a slow receiver does not hold up the others. Nothing here runs inside
    the world lock except the short reads and writes of a delivery's record."""

    def __init__(self, workers: int = 4):
        self._cv = threading.Condition()
        self._heap: list = []
        self._seq = itertools.count()
        self._thread: Optional[threading.Thread] = None
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook-send")

    def enqueue(self, world: World, account_id: str, delivery_id: str, delay: float = 0.0) -> None:
        with self._cv:
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq), world, account_id, delivery_id))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="webhook-deliverer", daemon=True)
                self._thread.start()
            self._cv.notify()

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._heap:
                    self._cv.wait()
                wait = self._heap[0][0] - time.monotonic()
                if wait > 0:
                    self._cv.wait(wait)
                    continue
                _, _, world, account_id, delivery_id = heapq.heappop(self._heap)
            try:
                self._pool.submit(self._attempt, world, account_id, delivery_id)
            except RuntimeError:  # the interpreter is shutting down
                return

    def _attempt(self, world: World, account_id: str, delivery_id: str) -> None:
        with world.lock:
            found = _find(world, account_id, delivery_id)
            if found is None:
                return
            account, d, w = found
            url, body, headers = w.url, d.body.encode(), dict(d.headers)
            timeout = float(world.settings.get("webhook_timeout_seconds", 5))
        started = time.monotonic()
        code, error = None, None
        try:
            with httpx.Client(trust_env=False, timeout=timeout, follow_redirects=False) as client:
                code = client.post(url, content=body, headers=headers).status_code
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        except Exception as exc:  # an unusable URL must not kill the sender
            error = f"{type(exc).__name__}: {exc}"
        elapsed = round((time.monotonic() - started) * 1000, 1)
        with world.lock:
            found = _find(world, account_id, delivery_id)
            if found is None:
                return
            account, d, _ = found
            world.touch(account.id)
            d.attempts.append({"attempt": len(d.attempts) + 1, "at": world.now(), "statusCode": code,
                               "error": error, "durationMs": elapsed})
            if code is not None and 200 <= code < 300:
                d.status = DELIVERED
                return
            delays = list(world.settings.get("webhook_retry_delays_seconds", []))
            if len(d.attempts) > len(delays):
                d.status = FAILED
                return
            delay = float(delays[len(d.attempts) - 1])
        self.enqueue(world, account_id, delivery_id, delay)


def _find(world: World, account_id: str, delivery_id: str):
    account = world.accounts.get(account_id)
    d = account.webhook_deliveries.get(delivery_id) if account else None
    if d is None or d.status != PENDING:
        return None
    w = account.webhooks.get(d.webhook_id)
    if w is None or not w.active:
        return None
    return account, d, w


DELIVERER = Deliverer()
