"""LiteMail wire shapes: the one source of every answer's keys and JSON types. The renderers
(render.py, render_features.py) build these TypedDicts through their constructors, the routes
declare them as their answers, the OpenAPI document publishes them, and in test runs every
served body is validated against them (pipeline.check_answer), so served and published cannot
differ.

Documented facts: the envelope {status, message, data} with status equal to the HTTP status, 201
on create, the Assign answer {created, mailboxes: [{id, username, fullName, status, domainId}]},
the Upgrade answer {id, oldPlan, newPlan, upgradedAt}, PENDING mailboxes. Everything else is
inferred (our design). Counts keyed by status are maps (dict[str, int]); every other object
has a fixed key set.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import ConfigDict, with_config
from typing_extensions import NotRequired, TypedDict

from .wire import MailboxStatus

CLOSED = ConfigDict(extra="forbid")


@with_config(CLOSED)
class Shape(TypedDict):
    """Every shape is closed (its subclasses inherit the config): a key not declared is a
    mismatch, not a silent extra."""


def _closed(name: str, keys: dict, extra: Optional[dict] = None) -> Any:
    shape = TypedDict(name, keys)  # type: ignore[operator]
    shape.__pydantic_config__ = ConfigDict(extra="forbid", json_schema_extra=extra) if extra else CLOSED
    return shape


DOCUMENTED = "Documented (litemail.yaml FACTS): this answer, as the example shows."
OURS = ("The envelope {status, message, data} is documented; this data shape is ours (inferred), "
        "following the equivalent Zapmail resource.")


def envelope(name: str, data: Any, status: int, example: Optional[dict] = None) -> Any:
    """An answer: the documented envelope around `data`; `example` only where the reference has
    the whole answer."""
    extra = {"description": DOCUMENTED, "examples": [example]} if example is not None else {"description": OURS}
    return _closed(name, {"status": Literal[status], "message": str, "data": data}, extra)


class FieldError(Shape):
    field: Optional[str]
    message: str


class ErrorBody(Shape):
    """Inferred (errors are undocumented): the envelope with data null; validation errors add
    errors [{field, message}]."""
    status: int
    message: str
    data: None
    errors: NotRequired[list[FieldError]]


class Pagination(Shape):
    page: int
    limit: int
    total: int
    totalPages: int


def page_of(name: str, key: str, row: Any) -> Any:
    return _closed(name, {key: list[row], "pagination": Pagination})




class User(Shape):
    id: str
    email: str
    firstName: Optional[str]
    lastName: Optional[str]
    fullName: str
    workspaceId: str
    walletBalance: float
    purchasedMailboxes: int
    assignedMailboxes: int
    createdAt: Optional[str]


class BillingRecord(Shape):
    id: str
    workspaceId: str
    firstName: Optional[str]
    lastName: Optional[str]
    company: Optional[str]
    addressLineOne: Optional[str]
    addressLineTwo: Optional[str]
    addressLineThree: Optional[str]
    city: Optional[str]
    state: Optional[str]
    country: Optional[str]
    postalCode: Optional[str]
    phoneCc: Optional[str]
    phone: Optional[str]
    languagePreference: Optional[str]


class Workspace(Shape):
    id: str
    name: str
    ownerId: str
    isPrimary: bool
    domainCount: int
    mailboxCount: int
    billingDetails: Optional[BillingRecord]
    createdAt: str
    updatedAt: str


class Invoice(Shape):
    id: str
    type: str
    amount: float
    currency: str
    status: str
    url: str
    createdAt: str
    paidAt: Optional[str]


class AssignedMailbox(Shape):
    """Exactly the documented row of Assign Mailboxes to Domain."""
    id: str
    username: str
    fullName: str
    status: MailboxStatus
    domainId: str


class Mailbox(AssignedMailbox):
    email: str
    firstName: str
    lastName: str
    domain: str
    platform: str
    password: Optional[str]
    appPassword: Optional[str]
    totpSecret: Optional[str]
    recoveryEmail: Optional[str]
    profilePicture: Optional[str]
    scheduledForRemoval: bool
    createdAt: str
    updatedAt: Optional[str]
    expiresAt: Optional[str]


class Assigned(Shape):
    created: int
    mailboxes: list[AssignedMailbox]


class AutoRechargeState(Shape):
    enabled: bool
    threshold: Optional[float]
    amount: Optional[float]


class Wallet(Shape):
    balance: float
    currency: str
    autoRecharge: AutoRechargeState
    paymentMethodSaved: bool


class WalletWithLink(Wallet):
    paymentLink: Optional[str]


class WalletCredit(Wallet):
    transactionId: str
    amount: float


class TopUpLink(Shape):
    paymentLink: str
    amount: float
    status: str


class Subscription(Shape):
    id: str
    plan: str
    status: str
    price: float
    mailboxQuantity: int
    platform: str
    currentPeriodStart: Optional[str]
    currentPeriodEnd: Optional[str]
    cancelAtPeriodEnd: bool
    invoiceUrl: Optional[str]
    createdAt: Optional[str]


class Upgraded(Shape):
    """Documented example: {id: sub_1, oldPlan: Basic, newPlan: Pro, upgradedAt}."""
    id: str
    oldPlan: str
    newPlan: str
    upgradedAt: str


class Domain(Shape):
    id: str
    domain: str
    status: str
    platform: Optional[str]
    origin: str
    workspaceId: str
    mailboxCount: int
    autoRenew: bool
    registeredAt: Optional[str]
    expiresAt: Optional[str]
    nameServers: list[str]
    dmarcEmail: Optional[str]
    forwardTo: Optional[str]
    forwardingEmail: Optional[str]
    catchAllEmail: Optional[str]
    dnsShieldEnabled: bool
    createdAt: str
    updatedAt: str


class DomainRef(Shape):
    id: str
    domain: str


class DomainsUpdated(Shape):
    updated: int
    domains: list[Domain]


class DnsCheck(Shape):
    domainId: str
    domain: str
    mx: bool
    spf: bool
    dkim: bool
    dmarc: bool
    ready: bool


class Availability(Shape):
    domain: str
    available: bool
    price: Any
    renewPrice: Any
    premium: bool


class Available(Shape):
    exactMatch: Optional[Availability]
    domains: list[Availability]


class Purchased(Shape):
    amount: float
    walletBalance: float
    invoiceUrl: str
    domains: list[Domain]


class PurchaseLink(Shape):
    paymentLink: str
    amount: float
    domains: list[str]


class NameServers(Shape):
    domain: str
    nameServers: list[str]


class Propagation(NameServers):
    propagated: bool


class Connection(Shape):
    id: str
    domain: str
    status: str
    domainId: Optional[str]
    currentNameServers: list[str]
    nextCheckAt: Optional[str]
    createdAt: str
    updatedAt: str


class Connecting(Shape):
    status: Literal["IN_PROGRESS", "COMPLETED"]
    requests: list[Connection]


class DnsRecordRow(Shape):
    id: str
    domainId: str
    host: str
    recordType: str
    value: str
    priority: Optional[int]
    createdAt: str
    updatedAt: str


class IdOnly(Shape):
    id: str


class ThirdPartyAccountRow(Shape):
    id: str
    app: str
    email: str
    url: Optional[str]
    createdAt: str
    updatedAt: str


class Export(Shape):
    id: int
    status: str
    apps: list[str]
    totalMailboxes: int
    mailboxIds: list[str]
    thirdPartyAccountId: Optional[str]
    csvLink: Optional[str]
    failureReason: Optional[str]
    createdAt: str
    updatedAt: str


class NewKey(Shape):
    apiKey: str
    name: Optional[str]
    userId: str
    createdAt: str


class Tag(Shape):
    id: str
    name: str
    color: Optional[str]
    domainCount: int
    mailboxCount: int
    domainIds: list[str]
    mailboxIds: list[str]
    createdAt: str
    updatedAt: str


class PlacementCounts(Shape):
    inbox: int
    spam: int
    missing: int
    total: int
    inboxRate: float


class ProviderCounts(PlacementCounts):
    provider: str


class PlacementMailbox(Shape):
    mailboxId: str
    email: Optional[str]
    providers: list[ProviderCounts]


class PlacementResults(Shape):
    overall: PlacementCounts
    providers: list[ProviderCounts]
    mailboxes: list[PlacementMailbox]


class PlacementTest(Shape):
    id: str
    name: Optional[str]
    status: str
    mailboxIds: list[str]
    providers: list[str]
    seedsPerProvider: int
    emailsSent: int
    results: Optional[PlacementResults]
    failureReason: Optional[str]
    createdAt: str
    startedAt: Optional[str]
    completedAt: Optional[str]
    updatedAt: str


class StatusCounts(Shape):
    total: int
    counts: dict[str, int]
    scheduledForRemoval: int


class DomainCounts(Shape):
    total: int
    counts: dict[str, int]


class SubscriptionCounts(Shape):
    active: int
    total: int


class Slots(Shape):
    purchased: int
    used: int
    available: int


class ExportCounts(Shape):
    total: int
    completed: int
    inProgress: int
    failed: int


class Overview(Shape):
    domains: DomainCounts
    mailboxes: StatusCounts
    walletBalance: float
    subscriptions: SubscriptionCounts
    slots: Slots
    exports: ExportCounts
    tags: int
    placementTests: int


class ExportRecord(Shape):
    id: int
    source: str
    apps: list[str]
    status: str
    mailboxCount: int
    mailboxIds: list[str]
    note: Optional[str]
    failureReason: Optional[str]
    createdAt: str
    updatedAt: str


class CloudflareCredentials(Shape):
    id: str
    label: Optional[str]
    email: Optional[str]
    accountId: Optional[str]
    apiToken: str
    zoneCount: int
    createdAt: str
    updatedAt: str


class Zone(Shape):
    name: str
    credentialsId: str
    status: Literal["active", "pending"]
    domainId: Optional[str]
    domainStatus: Optional[str]
    connection: Optional[Connection]


class CloudflareState(Shape):
    credentials: list[CloudflareCredentials]
    zones: list[Zone]


class CloudflareSaved(Shape):
    credentials: CloudflareCredentials
    connection: Optional[Connection]


class DeliveryAttempt(Shape):
    attempt: int
    at: Optional[str]
    statusCode: Optional[int]
    error: Optional[str]
    durationMs: float


class Delivery(Shape):
    id: str
    event: str
    eventId: str
    status: str
    createdAt: str
    lastStatusCode: Optional[int]
    attempts: list[DeliveryAttempt]


class DeliveryStats(Shape):
    total: int
    pending: int
    delivered: int
    failed: int


class Webhook(Shape):
    id: str
    url: str
    events: list[str]
    description: Optional[str]
    status: Literal["ACTIVE", "DISABLED"]
    secret: str
    createdAt: str
    updatedAt: str
    deliveryStats: DeliveryStats
    recentDeliveries: list[Delivery]


class WarmupDay(Shape):
    date: str
    sent: int
    inbox: int
    spam: int


class WarmupRow(Shape):
    mailboxId: str
    email: Optional[str]
    mailboxStatus: MailboxStatus
    warmupStatus: Literal["NOT_STARTED", "WARMING", "WARMED_UP"]
    warmupDays: int
    sent: int
    inbox: int
    spam: int
    inboxRate: float
    reputation: int
    daily: list[WarmupDay]


class WarmupSummary(Shape):
    mailboxes: int
    warmingUp: int
    warmedUp: int
    sent: int
    inbox: int
    spam: int
    inboxRate: float
    averageReputation: float


class WarmupReport(Shape):
    summary: WarmupSummary
    mailboxes: list[WarmupRow]
    pagination: Pagination


def ok(name: str, data: Any, example: Optional[dict] = None) -> dict:
    return {200: envelope(name, data, 200, example)}


def created(name: str, data: Any, example: Optional[dict] = None) -> dict:
    return {201: envelope(name, data, 201, example)}


# Documented answers (litemail.yaml FACTS), word for word.
ASSIGNED_EXAMPLE = {"status": 201, "message": "Mailboxes assigned successfully.", "data": {"created": 2, "mailboxes": [
    {"id": "mb_abc1", "username": "john", "fullName": "John Doe", "status": "PENDING",
     "domainId": "cmg9l788c0001la04ctg7t1j4"},
    {"id": "mb_abc2", "username": "jane", "fullName": "Jane Smith", "status": "PENDING",
     "domainId": "cmg9l788c0001la04ctg7t1j4"}]}}
UPGRADED_EXAMPLE = {"status": 200, "message": "Subscription upgraded successfully",
                    "data": {"id": "sub_1", "oldPlan": "Basic", "newPlan": "Pro", "upgradedAt": "2025-10-04T16:00:00Z"}}


ERRORS: dict[int, Any] = {s: ErrorBody for s in (400, 401, 403, 404, 405, 409, 413, 429)}
