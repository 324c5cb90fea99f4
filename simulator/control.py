"""What the control plane can do to a running simulator, as plain methods: reset, snapshot and
restore, seed, fault rules, the journal and rate limits. The admin routes and the in-process
helpers both go through here."""
from __future__ import annotations

import dataclasses
from typing import Iterable, Optional

from .core.baseline import Baseline
from .core.errors import Invalid, NotFound
from .core.faults import Action, FaultBook, Rule, Trigger
from .core.journal import DEFAULT_SIZE, Journal
from .core.ratelimit import RateLimiter
from .core.snapshot import Snapshots
from .core import stubs
from .core.store import Account, World
from .domain import models, seeding, webhooks


def entity_types() -> list[type]:
    return [obj for obj in vars(models).values() if isinstance(obj, type) and dataclasses.is_dataclass(obj)]


class Control:
    def __init__(self, world: World, dialects: Iterable, journal_size: int = DEFAULT_SIZE,
                 rate_limits: bool = False, rate_limit_overrides: Optional[dict] = None, journal_bodies: int = 0):
        self.world = world
        self.dialects = {d.name: d for d in dialects}
        self.journal = Journal(journal_size, journal_bodies)
        self.faults = FaultBook()
        self.stubs = stubs.new_book()
        self.snapshots = Snapshots(entity_types())
        self.baseline = Baseline(self.snapshots)
        self.limits = {name: RateLimiter(d.rate_limits(), enabled=rate_limits) for name, d in self.dialects.items()}
        for provider, limits in (rate_limit_overrides or {}).items():
            self.limiter(provider).configure(limits=limits)
        self._journal_size = journal_size
        self._limit_start: dict = {}

    def mark_start(self) -> int:
        """The current world (and rate-limit settings) become what a reset returns to."""
        self._limit_start = {name: (lim.enabled, {r.id: r.limit for r in lim.rules.values()})
                             for name, lim in self.limits.items()}
        return self.baseline.capture(self.world)

    # ------------------------------------------------------------------ reset

    def reset_all(self) -> dict:
        outcome = self.baseline.reset_all(self.world)
        self.faults.clear()
        self.stubs.clear()
        self.journal.clear()
        if self.journal.size != self._journal_size:
            self.journal.resize(self._journal_size)
        for name, (enabled, limits) in self._limit_start.items():
            self.limits[name].configure(enabled, limits)
        return outcome

    def reset_account(self, account_id: str) -> str:
        outcome = self.baseline.reset_account(self.world, account_id)
        for limiter in self.limits.values():
            limiter.configure()  # windows are keyed by API key; forget them rather than guess which
        return outcome

    # ------------------------------------------------------------------ snapshots

    def export(self, account_id: Optional[str] = None) -> dict:
        if account_id is None:
            return self.snapshots.export_world(self.world)
        return self.snapshots.export_account(self.world, account_id)

    def restore(self, doc) -> list[Account]:
        with self.world.lock:
            before = list(self.world.accounts)
            accounts = self.snapshots.restore(self.world, doc)
            for account_id in before:
                if doc.get("scope") == "world":
                    self.world.touch(account_id)
            for account in accounts:
                self.world.touch(account.id)
        # their queue entries did not survive the snapshot: PENDING deliveries go out again
        webhooks.DELIVERER.resume(self.world, accounts)
        return accounts

    def close(self) -> None:
        """The simulator is done: no more webhook attempts or retries for its world."""
        webhooks.DELIVERER.forget(self.world)

    # ------------------------------------------------------------------ seeding

    def seed(self, doc, account_id: Optional[str] = None, provider: Optional[str] = None) -> list[Account]:
        """Load fixture entries as new accounts, or (account_id) one entry into an existing
        account. All or nothing: a bad entry leaves the world as it was."""
        entries = _entries(doc)
        world = self.world
        with world.lock:
            if account_id is not None:
                if len(entries) != 1:
                    raise Invalid("seeding into an existing account takes exactly one account entry")
                account = world.accounts.get(account_id)
                if account is None:
                    raise NotFound(f"No account {account_id}")
                saved = self.snapshots.account_doc(account)
                world.touch(account.id)
                try:
                    seeding.load_into_account(world, account, entries[0])
                except Exception:
                    world.remove_account(account.id)
                    from .core.snapshot import install
                    install(world, self.snapshots.account_from(saved))
                    raise
                return [account]
            loaded = []
            try:
                for i, spec in enumerate(entries):
                    name = spec.get("provider") or provider
                    dialect = self.dialects.get(name)
                    if dialect is None:
                        raise Invalid(f"accounts[{i}]: provider must be one of {', '.join(sorted(self.dialects))}")
                    loaded.append(seeding.load_account(world, dialect.name, spec, dialect.account_defaults()))
            except Exception:
                for account in loaded:
                    world.remove_account(account.id)
                raise
            return loaded

    # ------------------------------------------------------------------ faults

    def add_fault(self, provider: Optional[str], operation: Optional[str], account: Optional[str],
                  action: Action, trigger: Trigger) -> Rule:
        return self.faults.add(self._target(provider, operation, account), operation, account, action, trigger)

    def add_stub(self, provider: Optional[str], operation: Optional[str], account: Optional[str],
                 answer: stubs.Answer, trigger: Trigger, body_match=None, query_match=None) -> Rule:
        return self.stubs.add(self._target(provider, operation, account), operation, account, answer, trigger,
                              body_match=body_match, query_match=query_match)

    def _target(self, provider: Optional[str], operation: Optional[str], account: Optional[str]) -> Optional[str]:
        """The provider a rule applies to, once provider, operation and account are checked."""
        if provider is not None and provider not in self.dialects:
            raise Invalid(f"provider must be one of {', '.join(sorted(self.dialects))}")
        if operation is not None:
            owner = next((d.name for d in self.dialects.values() if operation in d.table.operations()), None)
            if owner is None or (provider is not None and owner != provider):
                raise Invalid(f"unknown operation {operation!r}"
                              + (f" for {provider}" if provider else "") + "; GET /_sim/routes lists them")
            provider = owner
        if account is not None and account not in self.world.accounts:
            raise Invalid(f"no account {account}")
        return provider

    # ------------------------------------------------------------------ rate limits

    def limiter(self, provider: str) -> RateLimiter:
        limiter = self.limits.get(provider)
        if limiter is None:
            raise Invalid(f"provider must be one of {', '.join(sorted(self.limits))}")
        return limiter


def _entries(doc) -> list[dict]:
    if not isinstance(doc, dict):
        raise Invalid("fixture must be an object: {\"accounts\": [...]} or one account entry")
    if "accounts" in doc:
        entries = doc["accounts"]
        if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
            raise Invalid("fixture accounts must be a non-empty list of objects")
        return entries
    return [doc]
