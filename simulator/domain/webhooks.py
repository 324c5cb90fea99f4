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
import ipaddress
import itertools
import json
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

from ..core.errors import Invalid
from ..core.store import World
from .models import Account
from . import webhook_address
from .accounts import Scope
from .models import Webhook, WebhookDelivery
from .lookup import in_workspace

PENDING, DELIVERED, FAILED = "PENDING", "DELIVERED", "FAILED"
MAX_WEBHOOKS = 20
MAX_URL = 2000
KEEP_DELIVERIES = 500  # per account; the oldest finished ones are dropped beyond this

# Neutral event kinds the domain emits.
KINDS = ("mailbox.status", "mailbox.removed", "domain.status", "connection.status", "placement.status",
         "export.started", "export.completed", "export.failed", "subscription.status", "subscription.billing")


@dataclass(frozen=True)
class WireFormat:
    """How one API dialect says an event: the name of each kind it delivers (kinds left out are
    not delivered), the JSON body, and the headers that carry the signature and the ids."""
    events: dict[str, str]  # kind -> event name on the wire
    render: Callable[..., dict]  # (account, kind, event_name, event_id, obj, at, previous) -> JSON body
    signature_header: str
    signature_prefix: str  # e.g. "sha256=" before the hex digest
    event_header: str
    delivery_header: str
    secret_prefix: str = ""
    user_agent: str = "mailbox-simulator-webhooks"
    # the signature header's value from (secret, raw body, unix time of the attempt), for a
    # format that signs a time stamp with the body; without it, prefix + hex HMAC of the body
    signature: Optional[Callable[[str, bytes, int], str]] = None
    # names a client may subscribe to that nothing here emits (yet), and "family.*" patterns
    # that subscribe to every event of a family
    also_accepted: tuple[str, ...] = ()
    event_prefix: str = ""  # before the event id, e.g. "evt_"
    disable_after: Optional[int] = None  # consecutive failed attempts that disable the endpoint

    def accepted(self) -> list[str]:
        return sorted(set(self.events.values()) | set(self.also_accepted))

    def header_value(self, secret: str, raw: bytes, at: float) -> str:
        if self.signature is not None:
            return self.signature(secret, raw, int(at))
        return self.signature_prefix + sign(secret, raw)


def wire_format(world: World, account: Account) -> Optional[WireFormat]:
    """The format of the account's dialect, as the simulator serving this world installed it."""
    return world.webhook_formats.get(account.dialect)


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
    return in_workspace(scope, scope.owner.webhooks, webhook_id, field, "Webhook")


LOCAL_NAMES = ("localhost",)


def host_allowed(host: Optional[str], allowed=()) -> bool:
    """Whether the deliverer may POST to `host`. By default only this machine and its neighbours
    by bare name: loopback addresses, "localhost", and single-label names (a docker-compose
    service such as "app"), so a caller of a simulator bound to 0.0.0.0 cannot make it reach
    internal addresses (169.254.169.254, 10.x...). A world setting `webhook_allowed_hosts` (host
    names, or ["*"]) lets more through."""
    if not host:
        return False
    host = host.lower().rstrip(".")
    extra = [str(h).lower().rstrip(".") for h in (allowed or ())]
    if "*" in extra or host in extra:
        return True
    if host in LOCAL_NAMES:
        return True
    address = _address(host)
    if address is not None:
        return address.is_loopback
    # a single DNS label with a letter in it: 2852039166 or 0xa9fea9fe are addresses, caught above
    return "." not in host and ":" not in host and bool(re.fullmatch(r"[a-z0-9_-]*[a-z_][a-z0-9_-]*", host))


def _address(host: str):
    """The IP address `host` spells, in any form the resolver accepts (127.1, 0x7f000001, 2130706433)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def allowed_hosts(world: World) -> list:
    value = world.settings.get("webhook_allowed_hosts") or []
    return [value] if isinstance(value, str) else list(value)


def check_url(url, allowed=()) -> str:
    """http or https with a host the deliverer may reach (see host_allowed). Plain http is
    accepted (a local receiver in a test is the common case); the host is not resolved here."""
    if not isinstance(url, str) or not url.strip():
        raise Invalid("url must be a non-empty string", field="url")
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a bad port raises here rather than at send time
    except ValueError:
        raise Invalid("url must be an absolute http(s) URL", field="url") from None
    if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not host:
        raise Invalid("url must be an absolute http(s) URL", field="url")
    if not host_allowed(host, allowed):
        raise Invalid(f"url host {host} is not allowed: webhooks go to loopback addresses, localhost or a "
                      "single-label host name (a docker-compose service) unless the simulator allows more "
                      "hosts (setting webhook_allowed_hosts)", field="url")
    return url


def event_names(scope: Scope) -> list[str]:
    """The event names an endpoint of the account's wire format may subscribe to."""
    fmt = wire_format(scope.world, scope.owner)
    return fmt.accepted() if fmt else []


def unknown_events(scope: Scope, events) -> list:
    """The entries of `events` that are not names one may subscribe to."""
    names = set(event_names(scope))
    return [e for e in events if not isinstance(e, str) or e not in names]


def _chosen(scope: Scope, events: Optional[list], field: str) -> list[str]:
    names = event_names(scope)
    if events is None:
        return [n for n in names if not n.endswith(".*")]
    if not isinstance(events, list) or not events:
        raise Invalid(f"{field} must be a non-empty array", field=field)
    chosen: list[str] = []
    for i, e in enumerate(events):
        if not isinstance(e, str) or e not in names:
            raise Invalid(f"{field}[{i}] must be one of {', '.join(names)}", field=f"{field}[{i}]")
        if e not in chosen:
            chosen.append(e)
    return chosen


def _free_url(scope: Scope, url, keep: Optional[Webhook] = None) -> str:
    url = check_url(url, allowed_hosts(scope.world))
    if any(w.url == url and w is not keep for w in webhooks_of(scope)):
        raise Invalid("A webhook for this url is already registered", field="url")
    return url


def create(scope: Scope, url, events: Optional[list], description: Optional[str], field: str = "events") -> Webhook:
    """Register an endpoint for some event names of the account's wire format (all of them when
    `events` is None; `field` names them in errors). The signing secret is generated here;
    readers should show it once."""
    fmt = wire_format(scope.world, scope.owner)
    url = check_url(url, allowed_hosts(scope.world))
    chosen = _chosen(scope, events, field)
    if description is not None and (not isinstance(description, str) or len(description) > 500):
        raise Invalid("description must be a string of at most 500 characters", field="description")
    if len(webhooks_of(scope)) >= MAX_WEBHOOKS:
        raise Invalid(f"At most {MAX_WEBHOOKS} webhooks can be registered", field="url")
    _free_url(scope, url)
    world, now = scope.world, scope.now
    secret = (fmt.secret_prefix if fmt else "") + world.ids.token(32)
    w = Webhook(id=world.ids.new(scope.owner.id_style), workspace_id=scope.workspace.id, url=url, events=chosen,
                secret=secret, created_at=now, updated_at=now, description=description)
    scope.owner.webhooks[w.id] = w
    return w


def update(scope: Scope, webhook_id: str, *, url=None, events: Optional[list] = None, active: Optional[bool] = None,
           field: str = "events") -> Webhook:
    """Change an endpoint's url, events or whether it is delivered to (None: unchanged). A
    disabled endpoint gets no new deliveries; its pending ones wait (they resume if re-enabled)."""
    w = get_webhook(scope, webhook_id)
    new_url = _free_url(scope, url, keep=w) if url is not None else w.url
    chosen = _chosen(scope, events, field) if events is not None else w.events
    w.url, w.events = new_url, chosen
    if active is not None:
        w.active = active
        if active:
            w.failures = 0
            deliverer = deliverer_of(scope.world)
            for d in deliveries_of(scope.owner, w.id):
                if d.status == PENDING:
                    deliverer.enqueue(scope.world, scope.owner.id, d.id)
    w.updated_at = scope.now
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

def subscribed(w: Webhook, name: str) -> bool:
    """Whether the endpoint takes `name`: listed, or its family's pattern ("workspace.*") is."""
    return name in w.events or any(e.endswith(".*") and name.startswith(e[:-1]) for e in w.events)


def emit(world: World, account: Account, kind: str, obj: Any, at: Optional[float] = None,
         previous: Any = None) -> list[WebhookDelivery]:
    """Record `kind` happening to `obj` (a resource with a workspace_id) for every webhook of its
    workspace subscribed to it, and queue the deliveries. `previous` is what changed from (a
    status, a price), for formats that say so. Cheap when nobody listens."""
    if not account.webhooks:
        return []
    fmt = wire_format(world, account)
    name = fmt.events.get(kind) if fmt else None
    if name is None:
        return []
    targets = [w for w in account.webhooks.values()
               if w.active and w.workspace_id == getattr(obj, "workspace_id", None) and subscribed(w, name)]
    if not targets:
        return []
    at = world.now() if at is None else at
    event_id = fmt.event_prefix + world.ids.new(account.id_style)
    raw = json.dumps(fmt.render(account, kind, name, event_id, obj, at, previous), separators=(",", ":"),
                     ensure_ascii=False)
    out = []
    for w in sorted(targets, key=lambda w: w.created_at):
        delivery_id = world.ids.new(account.id_style)
        headers = {"Content-Type": "application/json", "User-Agent": fmt.user_agent,
                   fmt.event_header: name, fmt.delivery_header: delivery_id,
                   fmt.signature_header: fmt.header_value(w.secret, raw.encode(), at)}
        d = WebhookDelivery(id=delivery_id, webhook_id=w.id, event=name, event_id=event_id, body=raw,
                            headers=headers, status=PENDING, created_at=at)
        account.webhook_deliveries[d.id] = d
        out.append(d)
    _trim(account)
    deliverer = deliverer_of(world)
    for d in out:
        deliverer.enqueue(world, account.id, d.id)
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
                emit(world, account, kind, after, due, previous=status)
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
    the world lock except the short reads and writes of a delivery's record.

    A delivery is queued (or being attempted) at most once: queueing it again (a restore that
    brings it back PENDING) is a no-op while it is. A world whose simulator closed (`forget`) gets
    no further attempts or retries."""

    def __init__(self, workers: int = 4):
        self._cv = threading.Condition()
        self._heap: list = []
        self._seq = itertools.count()
        self._thread: Optional[threading.Thread] = None
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook-send")
        self._busy: set = set()  # (id(world), account id, delivery id) queued or being attempted
        self._stopped = False
        self._closed: set = set()  # id() of forgotten worlds (an id is only reused once the world is gone)

    def enqueue(self, world: World, account_id: str, delivery_id: str, delay: float = 0.0) -> None:
        self._push(world, account_id, delivery_id, delay, retry=False)

    def _push(self, world: World, account_id: str, delivery_id: str, delay: float, retry: bool) -> None:
        key = (id(world), account_id, delivery_id)
        with self._cv:
            if self._stopped:
                return
            if retry:
                if id(world) in self._closed:
                    self._busy.discard(key)
                    return
            else:
                if key in self._busy:
                    return
                self._closed.discard(id(world))  # a world queueing work is alive
            self._busy.add(key)
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq), world, account_id, delivery_id))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="webhook-deliverer", daemon=True)
                self._thread.start()
            self._cv.notify()

    def resume(self, world: World, accounts) -> int:
        """Queue every PENDING delivery of `accounts` (restored from a snapshot or a state file,
        whose queue entries did not survive); returns how many."""
        count = 0
        for account in accounts:
            for d in sorted(account.webhook_deliveries.values(), key=lambda d: d.created_at):
                if d.status == PENDING:
                    self.enqueue(world, account.id, d.id)
                    count += 1
        return count

    def forget(self, world: World) -> None:
        """Stop delivering for `world`: queued attempts and retries are dropped, attempts under
        way are not retried. The deliveries stay PENDING in the world's records."""
        with self._cv:
            self._closed.add(id(world))
            self._heap = [item for item in self._heap if item[2] is not world]
            heapq.heapify(self._heap)
            self._busy = {k for k in self._busy if k[0] != id(world)}
            self._cv.notify()

    def close(self) -> None:
        """No more attempts: the thread ends, the senders are released."""
        with self._cv:
            self._stopped = True
            self._heap.clear()
            self._busy.clear()
            self._cv.notify()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def queued(self, world: World) -> int:
        with self._cv:
            return sum(1 for item in self._heap if item[2] is world)

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._heap and not self._stopped:
                    self._cv.wait()
                if self._stopped:
                    return
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
        delay = None
        try:
            delay = self._send(world, account_id, delivery_id)
        finally:
            if delay is None:
                with self._cv:
                    self._busy.discard((id(world), account_id, delivery_id))
            else:
                self._push(world, account_id, delivery_id, delay, retry=True)

    def _send(self, world: World, account_id: str, delivery_id: str) -> Optional[float]:
        """One attempt; the delay before the next one, or None when the delivery is settled."""
        with world.lock:
            if id(world) in self._closed:
                return None
            found = _find(world, account_id, delivery_id)
            if found is None:
                return None
            account, d, w = found
            url, body = w.url, d.body.encode()
            fmt = wire_format(world, account)
            if fmt is not None and fmt.signature is not None:
                # a signature over a time stamp is made afresh for each attempt, so a retry
                # stays within a receiver's tolerance; the record shows what was last sent
                d.headers[fmt.signature_header] = fmt.header_value(w.secret, body, world.now())
            headers = dict(d.headers)
            timeout = float(world.settings.get("webhook_timeout_seconds", 5))
            # checked again at send time: the allowed hosts may have changed since registration
            allowed = allowed_hosts(world)
            refused = not host_allowed(_hostname(url), allowed)
        started = time.monotonic()
        code, error = None, None
        if refused:
            error = f"host {_hostname(url)} is not allowed (setting webhook_allowed_hosts)"
        else:
            import httpx  # here, not at start-up: most runs deliver no webhook

            try:
                url, extra = webhook_address.target(url, allowed)  # the resolved address, checked
                with httpx.Client(trust_env=False, timeout=timeout, follow_redirects=False) as client:
                    code = client.post(url, content=body, headers={**headers, **extra}).status_code
            except webhook_address.Refused as exc:
                refused, error = True, str(exc)
            except OSError as exc:  # the name does not resolve (yet): retried like a refused connection
                error = f"cannot resolve {_hostname(url)}: {exc}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            except Exception as exc:  # an unusable URL must not kill the sender
                error = f"{type(exc).__name__}: {exc}"
        elapsed = round((time.monotonic() - started) * 1000, 1)
        with world.lock:
            found = _find(world, account_id, delivery_id)
            if found is None:
                return None
            account, d, w = found
            world.touch(account.id)
            d.attempts.append({"attempt": len(d.attempts) + 1, "at": world.now(), "statusCode": code,
                               "error": error, "durationMs": elapsed})
            if code is not None and 200 <= code < 300:
                d.status, w.failures = DELIVERED, 0
                return None
            delays = list(world.settings.get("webhook_retry_delays_seconds", []))
            retry = None
            if refused or len(d.attempts) > len(delays):
                d.status = FAILED
            else:
                retry = float(delays[len(d.attempts) - 1])
            w.failures += 1
            fmt = wire_format(world, account)
            if fmt is not None and fmt.disable_after is not None and w.failures >= fmt.disable_after:
                w.active, w.updated_at = False, world.now()  # its pending deliveries wait for a re-enable
                return None
            return retry


def _hostname(url: str) -> Optional[str]:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _find(world: World, account_id: str, delivery_id: str):
    account = world.accounts.get(account_id)
    d = account.webhook_deliveries.get(delivery_id) if account else None
    if d is None or d.status != PENDING:
        return None
    w = account.webhooks.get(d.webhook_id)
    if w is None or not w.active:
        return None
    return account, d, w


def deliverer_of(world: World) -> Deliverer:
    """The world's deliverer: the simulator serving it installs one (and closes it with itself);
    a world used on its own gets one on first use."""
    if world.deliverer is None:
        world.deliverer = Deliverer()
    return world.deliverer
