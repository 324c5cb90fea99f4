"""The world as a JSON document, and back.

A snapshot holds everything behaviour depends on: every account with all its collections, keys,
payment links and scheduled events, the id source (so the same requests get the same ids after a
restore), the clock and the settings. Key and payment-token indexes are rebuilt from the
accounts, which own them.
"""
from __future__ import annotations

import copy
import dataclasses
import math
from typing import Any, Callable, Iterable

from . import scheduler
from .bulk import paused_gc
from .clock import check_epoch, check_rate
from .errors import Conflict, Invalid, NotFound
from .serialize import Codec
from .store import Tenant, World

FORMAT = "mailbox-simulator/snapshot-1"


class Snapshots:
    """The domain says what an account is (`account_type`, among `entity_types`), what its
    settings must hold and what its account must satisfy beyond types (`check_settings`,
    `check_account`, each raising Invalid); the core only encodes, decodes and installs."""

    def __init__(self, entity_types: Iterable[type], account_type: type,
                 check_settings: Callable[[dict], dict] = lambda s: s,
                 check_account: Callable[[Any, str], None] = lambda account, where: None):
        self.account_type = account_type
        self.codec = Codec(list(dict.fromkeys([account_type, *entity_types])))
        self.check_settings = check_settings  # raises Invalid for settings the world cannot run on
        self.check_account = check_account

    # ------------------------------------------------------------------ export

    def account_doc(self, account: Tenant) -> dict:
        return self.codec.encode(account)

    def export_world(self, world: World) -> dict:
        with world.lock:
            return {"format": FORMAT, "scope": "world", "clock": clock_state(world),
                    "ids": world.ids.get_state(), "settings": self.codec.encode(world.settings),
                    "accounts": [self.account_doc(a) for a in world.accounts.values()]}

    def export_account(self, world: World, account_id: str) -> dict:
        with world.lock:
            account = world.accounts.get(account_id)
            if account is None:
                raise NotFound(f"No account {account_id}")
            return {"format": FORMAT, "scope": "account", "account": self.account_doc(account)}

    # ------------------------------------------------------------------ import

    def account_from(self, doc, where: str = "account") -> Tenant:
        try:
            with paused_gc():
                account = self.codec.decode(doc, where)
        except ValueError as exc:
            raise Invalid(str(exc)) from None
        name = self.account_type.__name__
        if not isinstance(account, self.account_type):
            raise Invalid(f"{where} must be an {name} object ({{\"$type\": \"{name}\", ...}})")
        self.check_account(account, where)
        check_numbers(account, where)
        return account

    def restore(self, world: World, doc) -> list[Tenant]:
        """Restore a world or an account snapshot; everything is decoded and checked before
        the world changes, so a bad document leaves it as it was."""
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise Invalid(f"not a snapshot: expected \"format\": \"{FORMAT}\"")
        scope = doc.get("scope")
        if scope == "account":
            return [self._restore_account(world, self.account_from(doc.get("account")))]
        if scope != "world":
            raise Invalid("snapshot scope must be \"world\" or \"account\"")
        for name in ("clock", "ids", "settings", "accounts"):
            if name not in doc:
                raise Invalid(f"world snapshot lacks {name!r}")
        if not isinstance(doc["accounts"], list):
            raise Invalid("accounts must be a list")
        accounts = [self.account_from(a, f"accounts[{i}]") for i, a in enumerate(doc["accounts"])]
        _check_unique(accounts)
        clock = _clock_args(doc["clock"])
        try:
            settings = self.codec.decode(doc["settings"], "settings")
        except ValueError as exc:
            raise Invalid(str(exc)) from None
        if not isinstance(settings, dict) or not isinstance(doc["ids"], dict):
            raise Invalid("settings and ids must be objects")
        settings = self.check_settings(settings)
        with world.lock:
            saved_ids = world.ids.get_state()
            try:
                world.ids.set_state(doc["ids"])
            except (KeyError, TypeError, ValueError, OverflowError) as exc:
                world.ids.set_state(saved_ids)
                raise Invalid(f"ids: {exc}") from None
            for account_id in list(world.accounts):
                world.remove_account(account_id)
            for account in accounts:
                install(world, account)
            world.clock.restore(*clock)
            world.settings = settings
        return accounts

    def _restore_account(self, world: World, account: Tenant) -> Tenant:
        with world.lock:
            replace(world, account)
        return account


def clock_state(world: World) -> dict:
    state = world.clock.state()
    return {"epochSeconds": state["epochSeconds"], "frozen": state["frozen"], "rate": state["rate"]}


def _clock_args(clock) -> tuple[float, bool, float]:
    if not isinstance(clock, dict):
        raise Invalid("clock must be an object")
    try:
        epoch, frozen, rate = clock["epochSeconds"], clock["frozen"], clock["rate"]
    except KeyError as exc:
        raise Invalid(f"clock lacks {exc}") from None
    if not isinstance(frozen, bool):
        raise Invalid("clock.frozen must be a boolean")
    return check_epoch(epoch, "clock.epochSeconds"), frozen, check_rate(rate, "clock.rate")


# Any number an account holds (times, money, counts) lies in this range, so it encodes as JSON and
# reads as a date (times past year 9999, such as the end of a period that started in December
# 9999, read as its last moment).
NUMBER_RANGE = (-1e10, 1e12)


def check_numbers(value: Any, where: str) -> None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, (int, float)):
        if not (math.isfinite(value) and NUMBER_RANGE[0] <= value <= NUMBER_RANGE[1]):
            raise Invalid(f"{where}: {value!r} is out of range ({NUMBER_RANGE[0]:.0f} to {NUMBER_RANGE[1]:.0f})")
        return
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            check_numbers(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, dict):
        for k, v in value.items():
            check_numbers(k, where)
            check_numbers(v, f"{where}[{k!r}]")
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, v in enumerate(value):
            check_numbers(v, f"{where}[{i}]")


def _check_unique(accounts: list[Tenant]) -> None:
    ids, keys = set(), set()
    for a in accounts:
        if a.id in ids:
            raise Invalid(f"account {a.id} appears twice")
        ids.add(a.id)
        for key in a.api_keys:
            if key in keys:
                raise Invalid("an API key belongs to two accounts")
            keys.add(key)


def install(world: World, account: Tenant) -> None:
    """Add a decoded account with its keys and payment tokens (the caller made room for it)."""
    world.accounts[account.id] = account
    for key in account.api_keys:
        world.keys[key] = account.id
    for token in account.payment_links:
        world.payment_tokens[token] = account.id
    if account.events:
        scheduler.ensure_seq_above(account, max(e[1] for e in account.events))


def replace(world: World, account: Tenant) -> None:
    """Put `account` in place of the account with its id (keeping its place in the listing), or
    add it, refusing keys that another account holds."""
    for key in account.api_keys:
        owner = world.keys.get(key)
        if owner is not None and owner != account.id:
            raise Conflict(f"an API key of account {account.id} belongs to account {owner}")
    current = world.accounts.get(account.id)
    if current is not None:
        for key in current.api_keys:
            world.keys.pop(key, None)
        for token in current.payment_links:
            world.payment_tokens.pop(token, None)
    install(world, account)


def settings_copy(settings: dict) -> dict:
    return copy.deepcopy(settings)
