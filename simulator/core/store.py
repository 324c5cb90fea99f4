"""The world: accounts, their API keys, the clock and the id source, behind one lock.

Every API key is an account (a tenant); an account's resources live only inside it, so
isolation is structural: a request can only ever reach the account its key resolves to.
"""
from __future__ import annotations

import threading
from typing import Any, Optional, Protocol

from .clock import VirtualClock
from .ids import IdSource
from .scheduler import settle


class Tenant(Protocol):
    """What the core needs of an account (the domain's Account, simulator/domain/models.py, owns
    its resources): its id, its keys, its payment tokens and its scheduled events."""
    id: str
    dialect: str  # which API dialect created it; used only by the dialects themselves
    api_keys: list[str]
    payment_links: dict[str, Any]
    events: list[tuple[float, int, str, str]]
    event_seq: int


# The domain's default settings (durations, prices), registered by simulator/domain when it is
# imported: the core neither lists the domain's resources nor imports its settings.
DEFAULT_SETTINGS: dict[str, Any] = {}


class TrackedAccounts(dict):
    """The accounts map, noting every id added or removed, so a reset visits only those."""

    def __init__(self, touched: set):
        super().__init__()
        self.touched = touched

    def __setitem__(self, key, value):
        self.touched.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self.touched.add(key)
        super().__delitem__(key)

    def pop(self, key, *default):
        self.touched.add(key)
        return super().pop(key, *default)


class World:
    def __init__(self, seed: Optional[int] = None, clock: Optional[VirtualClock] = None,
                 settings: Optional[dict[str, Any]] = None):
        self.clock = clock or VirtualClock()
        self.ids = IdSource(seed, now=self.clock.now)
        self.lock = threading.RLock()
        # ids of accounts changed since the start state (requests, control plane, creation)
        self.touched: set[str] = set()
        self.accounts: dict[str, Tenant] = TrackedAccounts(self.touched)
        self.keys: dict[str, str] = {}
        self.payment_tokens: dict[str, str] = {}
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        # services of this world, never of the process: the webhook wire format of each dialect
        # the serving simulator speaks, and the deliverer sending its webhooks
        self.webhook_formats: dict[str, Any] = {}
        self.deliverer: Any = None

    def now(self) -> float:
        return self.clock.now()

    def account_for_key(self, key: Optional[str]) -> Optional[Tenant]:
        if not key:
            return None
        account_id = self.keys.get(key.strip())
        return self.accounts.get(account_id) if account_id else None

    def add_key(self, account: Tenant, key: Optional[str] = None) -> str:
        key = key or self.ids.uuid()
        if key in self.keys:
            raise ValueError("API key already in use")
        self.keys[key] = account.id
        account.api_keys.append(key)
        return key

    def touch(self, account_id: str) -> None:
        self.touched.add(account_id)

    def settle(self, account: Tenant) -> None:
        settle(self, account, self.now())

    def settle_all(self) -> None:
        """Apply every due transition in every account (after the clock moves, so webhooks of
        status changes go out without waiting for the account's next request). Only accounts
        whose events ran are marked touched, so a reset still visits just those."""
        now = self.now()
        with self.lock:
            for account in list(self.accounts.values()):
                if account.events and account.events[0][0] <= now and settle(self, account, now):
                    self.touch(account.id)

    def remove_account(self, account_id: str) -> None:
        account = self.accounts.pop(account_id, None)
        if account is None:
            return
        for key in account.api_keys:
            self.keys.pop(key, None)
        for token in account.payment_links:
            self.payment_tokens.pop(token, None)
