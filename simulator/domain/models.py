"""The resources both providers share, in provider-neutral terms.

Attribute names are ours (snake_case); each dialect's renderer maps them to its wire names.
`platform` is the mailbox platform a resource lives on (GOOGLE or MICROSOFT), a property of
the mail service being emulated, not of the API that exposes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .mailbox_table import DnsTable, MailboxTable, NameTable

GOOGLE = "GOOGLE"
MICROSOFT = "MICROSOFT"
PLATFORMS = (GOOGLE, MICROSOFT)


@dataclass
class BillingDetails:
    id: str
    workspace_id: str
    user_id: str
    first_name: str
    last_name: str
    company: Optional[str] = None
    address_line_one: Optional[str] = None
    address_line_two: Optional[str] = None
    address_line_three: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    country: Optional[str] = None
    postal_code: Optional[str] = None
    phone_cc: Optional[str] = None
    phone: Optional[str] = None
    language_preference: Optional[str] = "en"


@dataclass
class Workspace:
    id: str
    name: str
    owner_id: str
    created_at: float
    updated_at: float
    billing: Optional[BillingDetails] = None
    # account id -> role (OWNER is implicit for owner_id); explicit sharing, set by fixtures.
    members: dict[str, str] = field(default_factory=dict)
    deleted_at: Optional[float] = None
    invitations: dict[str, Invitation] = field(default_factory=dict)
    # domainsc: whether domains bought into this workspace renew on their own (renewal settings)
    domain_auto_renew: bool = False


@dataclass
class Invitation:
    """An invitation to join a workspace in a role; it stays listed after it ends."""
    id: str
    workspace_id: str
    email: str
    role: str
    status: str  # PENDING | ACCEPTED | REJECTED | REVOKED
    invited_by: str  # the inviting account's id
    created_at: float
    updated_at: float


@dataclass
class Subscription:
    id: str
    external_id: str
    workspace_id: str
    platform: str
    plan: str
    plan_key: str
    price: float
    quantity: int
    status: str  # ACTIVE | CANCELLED | PAUSED | PAYMENT_PENDING
    period_start: float
    period_end: float
    created_at: float
    cancel_at_period_end: bool = False
    payment_failure_message: Optional[str] = None
    invoice_url: Optional[str] = None
    # slots of instantly removed mailboxes stay taken until the next renewal (docs).
    held_slots: int = 0
    periods: int = 1  # how many standard periods (settings: subscription_period_seconds) one renewal covers


@dataclass(slots=True)  # slots: a world holds 100,000s of these
class Domain:
    id: str
    workspace_id: str
    name: str
    status: str  # ACTIVE | INACTIVE | PENDING | IN_PROGRESS | EXPIRED
    platform: Optional[str]
    origin: str  # purchased | connected
    created_at: float
    updated_at: float
    registered_on: Optional[float] = None
    expire_on: Optional[float] = None
    years: int = 1
    price_paid: float = 0.0  # tierb: what its purchase charged, refunded if the registry refuses the name
    auto_renew: bool = False
    forward_to: Optional[str] = None
    forward_to_added: bool = False
    mask_forwarding: bool = False
    dmarc_email: Optional[str] = None
    dmarc_added: bool = False
    forwarding_email: Optional[str] = None
    catch_all_email: Optional[str] = None
    name_servers: list[str] = field(default_factory=list)
    dns_shield: bool = False
    client_id: Optional[str] = None
    client_app: Optional[str] = None
    is_warmed_up: bool = False
    tag_ids: list[str] = field(default_factory=list)
    admin_email: Optional[str] = None
    admin_password: Optional[str] = None
    admin_secret: Optional[str] = None


@dataclass(slots=True)  # slots: a world holds 100,000s of these
class Mailbox:
    id: str
    workspace_id: str
    domain_id: str
    platform: str
    username: str
    first_name: str
    last_name: str
    status: str  # IN_PROGRESS | ACTIVE | FAILED
    password: str
    app_password: Optional[str]
    secret: Optional[str]
    recovery_email: str
    created_at: float
    updated_at: float
    assigned_on: float
    expire_on: float
    profile_picture: Optional[str] = None
    scheduled_removal: bool = False
    removal_queued: bool = False
    is_warmed_up: bool = False
    tag_ids: list[str] = field(default_factory=list)
    activated_at: Optional[float] = None  # when it turned ACTIVE (warmup counts from here)
    retries: int = 0  # creation attempts after a failure (a retried `fail-` mailbox succeeds)


@dataclass(slots=True)  # slots: a world holds 100,000s of these
class DnsRecord:
    id: str
    domain_id: str
    host: str
    value: str
    record_type: str
    priority: Optional[int]
    upstream_id: str
    created_at: float
    updated_at: float


@dataclass
class ConnectionRequest:
    id: str
    workspace_id: str
    user_id: str
    domain_name: str
    platform: Optional[str]  # None until the domain takes a platform
    status: str
    created_at: float
    updated_at: float
    next_retry_on: Optional[float] = None
    current_name_servers: list[str] = field(default_factory=list)
    domain_id: Optional[str] = None
    deleted_at: Optional[float] = None


@dataclass
class ThirdPartyAccount:
    id: str
    workspace_id: str
    app: str
    email: str
    password: str
    created_at: float
    updated_at: float
    url: Optional[str] = None
    client_id: Optional[str] = None
    client_id_app_name: Optional[str] = None


@dataclass
class ExportJob:
    id: int
    workspace_id: str
    apps: list[str]
    mailbox_ids: list[str]
    status: str  # PENDING | IN_PROGRESS | COMPLETED | FAILED
    created_at: float
    updated_at: float
    third_party_account_id: Optional[str] = None
    failure_reason: Optional[str] = None
    csv_token: Optional[str] = None
    manual: bool = False  # a record of an export made elsewhere (export history), not a job
    note: Optional[str] = None


# tierb: a mailbox to be created when the clock reaches `due` (scheduled creation)
@dataclass
class ScheduledMailbox:
    id: str
    workspace_id: str
    domain_id: str
    platform: str
    due: float
    username: str
    first_name: str
    last_name: str
    created_at: float


@dataclass
class PaymentLink:
    token: str
    account_id: str
    workspace_id: str
    purpose: str  # wallet_topup | domain_purchase | payment_method | invoice
    amount: float
    created_at: float
    status: str = "open"  # open | paid | cancelled
    payload: dict[str, Any] = field(default_factory=dict)
    paid_at: Optional[float] = None


@dataclass
class Charge:
    id: str
    amount: float  # negative = money out of the wallet
    description: str
    created_at: float
    balance_after: float
    reference: Optional[str] = None


@dataclass
class Tag:
    id: str
    workspace_id: str
    name: str
    color: Optional[str]
    created_at: float
    updated_at: Optional[float] = None


@dataclass
class NameServerAssignment:
    domain_name: str
    workspace_id: str
    name_servers: list[str]
    issued_at: float
    mask_forwarding: bool = False


@dataclass
class PlacementTest:
    """An inbox-placement test: each tested mailbox sends to seed inboxes at several mailbox
    providers; results say where the messages landed (inbox, spam, missing) per provider."""
    id: str
    workspace_id: str
    name: str
    mailbox_ids: list[str]
    providers: list[str]
    seeds_per_provider: int
    status: str  # PENDING | RUNNING | COMPLETED | FAILED
    created_at: float
    updated_at: float
    started_at: Optional[float] = None
    completed_at: Optional[float] = None
    # provider -> {"inbox": n, "spam": n, "missing": n}; per mailbox: mailbox id -> the same map
    results: Optional[dict] = None
    mailbox_results: Optional[dict] = None
    failure_reason: Optional[str] = None


@dataclass
class CloudflareCredential:
    """Cloudflare credentials (an API token, optionally the account email and account id),
    used to create zones and records when connecting a domain."""
    id: str
    workspace_id: str
    api_token: str
    email: Optional[str]
    external_account_id: Optional[str]
    label: Optional[str]
    created_at: float
    updated_at: float
    zones: list[str] = field(default_factory=list)  # domain names connected with these credentials


@dataclass
class Webhook:
    id: str
    workspace_id: str
    url: str
    events: list[str]  # event names as the dialect spells them
    secret: str
    created_at: float
    updated_at: float
    description: Optional[str] = None
    active: bool = True
    failures: int = 0  # failed attempts since the last success (a format may disable the endpoint after some)


@dataclass
class WebhookDelivery:
    """One event sent to one webhook: the exact body and headers, and every attempt."""
    id: str
    webhook_id: str
    event: str
    event_id: str
    body: str  # the raw JSON text that is POSTed (and signed)
    headers: dict[str, str]
    status: str  # PENDING | DELIVERED | FAILED
    created_at: float
    # {"attempt": n, "at": virtual time, "statusCode": int | None, "error": str | None, "durationMs": float}
    attempts: list[dict] = field(default_factory=list)


# ---------------------------------------------------------------- issue 10: placement, dnsshield, zapsites

@dataclass
class ServicePlan:
    """A paid plan for a workspace feature other than mailboxes: inbox-placement credits
    (feature "placement") or domain-protection slots (feature "dns_shield"). A MONTHLY plan
    renews each period; an LTD (lifetime) plan never ends unless cancelled. `units` are the
    credits or slots it grants per period."""
    id: str
    workspace_id: str
    feature: str  # placement | dns_shield
    plan_name: str
    plan_type: str  # MONTHLY | LTD
    units: int
    price: float
    status: str  # ACTIVE | CANCELLED
    created_at: float
    updated_at: float
    period_start: float
    period_end: Optional[float]  # None: lifetime
    used: int = 0  # credits spent this period (placement)
    cancel_at_period_end: bool = False
    ended_at: Optional[float] = None
    invoice_token: Optional[str] = None
    allocated: list[str] = field(default_factory=list)  # domain ids holding a slot (dns_shield)


@dataclass
class PlacementOrder:
    """One purchase of a placement test: the test it runs and how it was paid (credits of the
    workspace's plans, or money from the wallet)."""
    id: str
    workspace_id: str
    test_id: str
    billing: str  # credits | wallet
    cost: float  # credits spent, or dollars charged
    created_at: float


@dataclass
class Site:
    """A generated landing site for a destination URL, deployable on domains of the workspace.
    GENERATING -> READY on the clock (again after a regeneration); a deploy goes DEPLOYING ->
    DEPLOYED on the clock."""
    id: str
    workspace_id: str
    name: str
    destination_url: str
    status: str  # GENERATING | READY | DEPLOYING | DEPLOYED
    created_at: float
    updated_at: float
    version: int = 1
    campaign_context: Optional[str] = None
    audience: list[str] = field(default_factory=list)
    cta_label: Optional[str] = None
    theme: Optional[str] = None
    notify_email: Optional[str] = None
    form_fields: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # regeneration notes, oldest first
    domain_ids: list[str] = field(default_factory=list)
    indexing: bool = False
    tracking: bool = False
    form_enabled: bool = False
    deployed_at: Optional[float] = None


# ---- onebox (issue 10, group "onebox"): what a client changed in a mailbox's inbox; the mail
# it received is generated (domain/onebox.py), never stored.
@dataclass
class MailLabel:
    id: str
    workspace_id: str
    mailbox_id: str
    name: str
    color: str
    created_at: float
    updated_at: float


@dataclass
class SentMail:
    """A message sent through the onebox: a new thread, or a reply in an existing one."""
    id: str
    workspace_id: str
    mailbox_id: str
    thread_id: str
    message_id: str  # the RFC 5322 Message-ID
    to: list[str]
    cc: list[str]
    bcc: list[str]
    subject: str
    body: str
    at: float
    in_reply_to: Optional[str] = None


# ---------------------------------------------------------------- domainsc

@dataclass
class QuickSetupDomain:
    """One domain of a quick setup: its mailboxes to create and how far it has come."""
    name: str
    status: str  # PENDING | DOMAIN_SUCCESS | DOMAIN_FAILED | MAILBOX_IN_PROGRESS | ... | COMPLETED
    mailboxes: list[dict]  # {"username", "first", "last"} as asked
    updated_at: float
    domain_id: Optional[str] = None
    mailbox_ids: list[str] = field(default_factory=list)
    export_id: Optional[int] = None
    failure_reason: Optional[str] = None


@dataclass
class QuickSetup:
    """One quick-setup call: domains bought, mailboxes created on them, optionally exported."""
    id: str
    workspace_id: str
    platform: str
    domains: list[QuickSetupDomain]
    export_app: Optional[str]
    slots_needed: int
    invoice_token: str
    created_at: float


@dataclass
class FinderJob:
    """An AI domain-finder run: the same keywords, TLDs and count poll it while it is fresh."""
    id: str
    key: str  # the normalised request it answers
    names: list[str]
    created_at: float


def _origin(d) -> Optional[str]:
    return d.get("origin") if isinstance(d, dict) else d.origin


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
    # The core sees an account only as a Tenant (core/store.py).
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    domains: dict[str, Domain] = field(default_factory=NameTable)  # indexed by name, as mailboxes by domain
    mailboxes: dict[str, Mailbox] = field(default_factory=MailboxTable)  # indexed: domain/mailbox_table.py
    dns_records: dict[str, DnsRecord] = field(default_factory=DnsTable)  # indexed by domain, as mailboxes
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
    # issue 10: placement, dnsshield, zapsites
    service_plans: dict[str, ServicePlan] = field(default_factory=dict)
    placement_orders: dict[str, PlacementOrder] = field(default_factory=dict)
    sites: dict[str, Site] = field(default_factory=dict)
    # onebox (issue 10)
    mail_labels: dict[str, MailLabel] = field(default_factory=dict)
    sent_mail: dict[str, SentMail] = field(default_factory=dict)
    # tierb: mailboxes waiting for their scheduled creation time
    scheduled_mailboxes: dict[str, ScheduledMailbox] = field(default_factory=dict)
    # domainsc: quick setups, AI domain finder jobs, pre-warmed domain subscriptions
    quick_setups: dict[str, QuickSetup] = field(default_factory=dict)
    finder_jobs: dict[str, FinderJob] = field(default_factory=dict)
    prewarmed_subscriptions: dict[str, Subscription] = field(default_factory=dict)
    # whether a pre-warmed domain was ever added: until then the mailbox list skips looking for
    # them among all the account's domains (a list page stays O(page))
    has_prewarmed: bool = False

    def __post_init__(self) -> None:
        # a decoded snapshot or a caller passes a plain dict: the table indexes it
        if type(self.domains) is not NameTable:
            self.domains = NameTable(self.domains)
        if type(self.mailboxes) is not MailboxTable:
            self.mailboxes = MailboxTable(self.mailboxes)
        if type(self.dns_records) is not DnsTable:
            self.dns_records = DnsTable(self.dns_records)
        self.has_prewarmed = self.has_prewarmed or any(_origin(d) == "prewarmed" for d in self.domains.values())
