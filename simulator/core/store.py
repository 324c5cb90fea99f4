"""The world: accounts, their API keys, the clock and the id source, behind one lock.

Every API key is an account (a tenant); an account's resources live only inside it, so
isolation is structural: a request can only ever reach the account its key resolves to.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from .clock import VirtualClock
from .ids import IdSource
from .mailbox_table import MailboxTable
from .scheduler import settle

if TYPE_CHECKING:  # the resources an account holds; resolved by name when a snapshot is checked
    from ..domain.models import (Charge, CloudflareCredential, ConnectionRequest, DnsRecord, Domain, ExportJob,
                                 Mailbox, NameServerAssignment, PaymentLink, PlacementTest, Subscription, Tag,
                                 ThirdPartyAccount, Webhook, WebhookDelivery, Workspace)


@dataclass
class Account:
    id: str
    dialect: str  # which API dialect created it; used only by the dialects themselves
    email: str
    first_name: str
    last_name: str
    password: str
    created_at: float
    id_style: str = "uuid"  # "uuid" or "cuid": how ids of this account's resources look
    primary_workspace_id: str = ""
    wallet_balance: float = 0.0
    auto_recharge_enabled: bool = False
    auto_recharge_threshold: float = 20.0
    auto_recharge_amount: float = 50.0
    payment_method_saved: bool = False
    api_keys: list[str] = field(default_factory=list)
    # Typed so a snapshot or state file is checked against the same types it was written from.
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    domains: dict[str, Domain] = field(default_factory=dict)
    mailboxes: dict[str, Mailbox] = field(default_factory=MailboxTable)  # indexed: core/mailbox_table.py
    dns_records: dict[str, DnsRecord] = field(default_factory=dict)
    connection_requests: dict[str, ConnectionRequest] = field(default_factory=dict)
    third_party_accounts: dict[str, ThirdPartyAccount] = field(default_factory=dict)
    exports: dict[int, ExportJob] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    charges: list[Charge] = field(default_factory=list)
    ns_assignments: dict[str, NameServerAssignment] = field(default_factory=dict)
    payment_links: dict[str, PaymentLink] = field(default_factory=dict)
    next_export_id: int = 1
    events: list[tuple[float, int, str, str]] = field(default_factory=list)  # (due, seq, kind, ref), a heap
    event_seq: int = 0  # the next event's tie-breaking number: events due together run in order
    placement_tests: dict[str, PlacementTest] = field(default_factory=dict)
    cloudflare_credentials: dict[str, CloudflareCredential] = field(default_factory=dict)
    webhooks: dict[str, Webhook] = field(default_factory=dict)
    webhook_deliveries: dict[str, WebhookDelivery] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a decoded snapshot or a caller passes a plain dict: the table indexes it
        if type(self.mailboxes) is not MailboxTable:
            self.mailboxes = MailboxTable(self.mailboxes)


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
        from ..domain.settings import DEFAULT_SETTINGS  # durations and prices

        self.clock = clock or VirtualClock()
        self.ids = IdSource(seed, now=self.clock.now)
        self.lock = threading.RLock()
        # ids of accounts changed since the start state (requests, control plane, creation)
        self.touched: set[str] = set()
        self.accounts: dict[str, Account] = TrackedAccounts(self.touched)
        self.keys: dict[str, str] = {}
        self.payment_tokens: dict[str, str] = {}
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        # services of this world, never of the process: the webhook wire format of each dialect
        # the serving simulator speaks, and the deliverer sending its webhooks
        self.webhook_formats: dict[str, Any] = {}
        self.deliverer: Any = None

    def now(self) -> float:
        return self.clock.now()

    def account_for_key(self, key: Optional[str]) -> Optional[Account]:
        if not key:
            return None
        account_id = self.keys.get(key.strip())
        return self.accounts.get(account_id) if account_id else None

    def add_key(self, account: Account, key: Optional[str] = None) -> str:
        key = key or self.ids.uuid()
        if key in self.keys:
            raise ValueError("API key already in use")
        self.keys[key] = account.id
        account.api_keys.append(key)
        return key

    def touch(self, account_id: str) -> None:
        self.touched.add(account_id)

    def settle(self, account: Account) -> None:
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
