"""What the app needs from a provider dialect, and the per-request context handlers get."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .routing import RouteTable
from .store import Tenant, World


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON-able, or str/bytes with a media type
    media_type: str = "application/json"
    headers: dict = field(default_factory=dict)


@dataclass
class Call:
    """One request as a handler sees it: parsed, authenticated, already settled on the clock."""
    world: World
    account: Optional[Tenant]
    method: str
    path: str
    query: dict  # name -> last value
    headers: Any  # case-insensitive mapping
    body: Any  # the route's body model, validated; parsed JSON when the route declares none
    base: Any  # the request's base URL, a str or a function making it (read by few handlers: built when read)
    path_params: dict = field(default_factory=dict)
    raw_body: Any = None  # the parsed JSON as sent
    args: Any = None  # the route's query model, validated (None when it declares none)
    scope: Any = None  # set by the dialect (workspace, platform...)

    @property
    def base_url(self) -> str:
        """e.g. http://127.0.0.1:8080, to build links to the simulator's own pages."""
        if callable(self.base):
            self.base = self.base()
        return self.base


class Dialect:
    """A provider's wire dialect. Subclasses set name, prefix, table and auth_header, and render
    errors."""
    name: str
    prefix: str
    table: RouteTable
    auth_header: str = ""  # the header that carries the API key
    errors: dict = {}  # error status -> the shape of that error's body
    all_errors: bool = False  # a validation 400 lists every problem (else the first only)
    webhook_format: Any = None  # how this dialect says webhook events (domain.webhooks.WireFormat)

    def api_key(self, headers) -> Optional[str]:
        return headers.get(self.auth_header) if self.auth_header else None

    def too_many_requests(self, retry_after: int, message: Optional[str] = None) -> Reply:
        """The provider's 429, for rate limits and injected faults."""
        reply = self.error(429, message or "Too many requests")
        reply.headers["retry-after"] = str(retry_after)
        return reply

    def rate_limits(self) -> list:
        """The provider's documented limits (core.ratelimit.LimitRule), enforced when enabled."""
        return []

    def authenticate(self, world: World, headers) -> Tenant:  # raises Unauthorized
        raise NotImplementedError

    def identify(self, world: World, route, headers, body) -> Tenant:
        """The account a request acts for: by default the one its API key names. A dialect may
        let a route identify the caller another way (a login with credentials in the body)."""
        return self.authenticate(world, headers)

    def prepare(self, call: Call) -> None:
        """Resolve per-request scope (workspace, platform) once the account is known."""

    def error(self, status: int, message: str, errors: Optional[list] = None) -> Reply:
        raise NotImplementedError

    def account_defaults(self) -> dict:
        """What a new account of this dialect gets when the caller does not say (fixture format)."""
        return {}
