"""What the control plane can do to a running simulator, as plain methods: reset, snapshot and
restore, seed, fault rules, the journal and rate limits. The admin routes and the in-process
helpers both go through here."""
from __future__ import annotations

import contextlib
import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .core.baseline import Baseline
from .core.errors import Invalid, NotFound
from .core.faults import Action, FaultBook, Rule, Trigger
from .core.journal import DEFAULT_SIZE, Journal
from .core.ratelimit import RateLimiter
from .core.snapshot import Snapshots, replace
from .core import stubs
from .core.store import World
from .domain.models import Account
from .domain import models, seeding, webhooks
from .domain.integrity import check_account
from .domain.settings import check_settings


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
        self.snapshots = Snapshots(entity_types(), models.Account, check_settings, check_account)
        self.baseline = Baseline()
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
        with self.atomically() as txn:
            before = list(self.world.accounts)
            if isinstance(doc, dict) and doc.get("scope") == "world":
                for account in self.world.accounts.values():
                    txn.keep(account)
            # hosts webhooks may reach are the operator's choice (command line), not a snapshot's
            allowed = self.world.settings.get("webhook_allowed_hosts")
            accounts = self.snapshots.restore(self.world, doc)
            self.world.settings["webhook_allowed_hosts"] = allowed
            for account in accounts:  # no API here could reach an account of another dialect
                if account.dialect not in self.dialects:
                    raise Invalid(f"account {account.id}: dialect must be one of {', '.join(sorted(self.dialects))}")
            for account_id in before:
                if doc.get("scope") == "world":
                    self.world.touch(account_id)
            for account in accounts:
                self.world.touch(account.id)
        # their queue entries did not survive the snapshot: PENDING deliveries go out again
        webhooks.deliverer_of(self.world).resume(self.world, accounts)
        return accounts

    def close(self) -> None:
        """The simulator is done: no more webhook attempts or retries for its world."""
        deliverer, self.world.deliverer = self.world.deliverer, None
        if deliverer is not None:
            deliverer.forget(self.world)
            deliverer.close()

    # ------------------------------------------------------------------ seeding

    @contextlib.contextmanager
    def atomically(self):
        """All or nothing: if the block raises, the world goes back to what it was (accounts
        added are removed, accounts it saved with `keep(account)` are put back, the id source,
        settings and the touched set rewind), so a refused control call changes nothing."""
        world = self.world
        with world.lock:
            txn = _Txn(self.snapshots, order=list(world.accounts), ids=world.ids.get_state(),
                       settings=copy.deepcopy(world.settings), touched=set(world.touched))
            try:
                yield txn
            except BaseException:
                txn.rollback(world)
                raise

    def create_account(self, provider: str, spec: dict) -> Account:
        dialect = self.dialects.get(provider)
        if dialect is None:
            raise Invalid(f"provider must be one of {', '.join(sorted(self.dialects))}")
        with self.atomically():
            return seeding.load_account(self.world, provider, spec, dialect.account_defaults())

    def seed(self, doc, account_id: Optional[str] = None, provider: Optional[str] = None) -> list[Account]:
        """Load fixture entries as new accounts, or (account_id) one entry into an existing
        account. All or nothing: a bad entry leaves the world as it was."""
        entries = _entries(doc)
        world = self.world
        with self.atomically() as txn:
            if account_id is not None:
                if len(entries) != 1:
                    raise Invalid("seeding into an existing account takes exactly one account entry")
                account = world.accounts.get(account_id)
                if account is None:
                    raise NotFound(f"No account {account_id}")
                txn.keep(account)
                world.touch(account.id)
                seeding.load_into_account(world, account, entries[0])
                return [account]
            loaded = []
            for i, spec in enumerate(entries):
                name = spec.get("provider") or provider
                dialect = self.dialects.get(name)
                if dialect is None:
                    raise Invalid(f"accounts[{i}]: provider must be one of {', '.join(sorted(self.dialects))}")
                loaded.append(seeding.load_account(world, dialect.name, spec, dialect.account_defaults()))
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


@dataclass
class _Txn:
    snapshots: Snapshots
    order: list
    ids: dict
    settings: dict
    touched: set
    saved: dict = field(default_factory=dict)  # account id -> its document before the call

    def keep(self, account: Account) -> None:
        """Save `account` so a rollback puts it back as it is now."""
        self.saved.setdefault(account.id, self.snapshots.account_doc(account))

    def rollback(self, world) -> None:
        for account_id in list(world.accounts):
            if account_id not in self.order:
                world.remove_account(account_id)
        for account_id, doc in self.saved.items():
            world.remove_account(account_id)
        if self.saved:
            for account_id in self.order:
                if account_id in self.saved:
                    replace(world, self.snapshots.account_from(self.saved[account_id]))
            kept = {a: world.accounts[a] for a in self.order if a in world.accounts}
            world.accounts.clear()  # back in their old order: listings compare equal
            world.accounts.update(kept)
        world.ids.set_state(self.ids)
        world.settings = self.settings
        world.touched.clear()
        world.touched.update(self.touched)
