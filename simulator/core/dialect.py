"""What the app needs from a provider dialect, and the per-request context handlers get."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .routing import RouteTable
from .store import Account, World


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
    account: Optional[Account]
    method: str
    path: str
    query: dict  # name -> last value
    headers: Any  # case-insensitive mapping
    body: Any  # parsed JSON (None when there is no body)
    base_url: str  # e.g. http://127.0.0.1:8080, to build links to the simulator's own pages
    path_params: dict = field(default_factory=dict)
    scope: Any = None  # set by the dialect (workspace, platform...)


class Dialect:
    """A provider's wire dialect. Subclasses set name, prefix and table, and render errors."""
    name: str
    prefix: str
    table: RouteTable

    def authenticate(self, world: World, headers) -> Account:  # raises Unauthorized
        raise NotImplementedError

    def prepare(self, call: Call) -> None:
        """Resolve per-request scope (workspace, platform) once the account is known."""

    def error(self, status: int, message: str, errors: Optional[list] = None) -> Reply:
        raise NotImplementedError

    def account_defaults(self) -> dict:
        """What a new account of this dialect gets when the caller does not say (fixture format)."""
        return {}
