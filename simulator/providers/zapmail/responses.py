"""Zapmail v2 answer shapes. Each route (routes.py) declares the shape of its answers with
these; the OpenAPI document (simulator/openapi.py) is generated from the routes, and the
contract suite checks every answer of the simulator or the real API against that document.

Keys and JSON types follow the reference examples the renderers (render.py) were built from:
exact key sets (extra keys are a divergence), counts that the docs show as strings stay strings,
timestamps are ISO strings. `Absent` marks a key that some answers carry and others leave out.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from ...domain.connections import STATUSES as CONNECTION_STATUSES
from ...domain.dns import RECORD_TYPES
from ...domain.domains import DOMAIN_STATUSES
from ...domain.exports import EXPORT_STATUSES
from ...domain.mailboxes import MAILBOX_STATUSES

Absent: Any = None  # default of a key that may be left out (str = Absent: not required, never null)


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


def envelope(name: str, data: Any, status: type = int) -> type[BaseModel]:
    """{status, message, data}: status mirrors the HTTP status (every v2 docs example)."""
    return create_model(name, __base__=Shape, status=(status, ...), message=(str, ...), data=(data, ...))


class ErrorBody(Shape):
    """{status, message, errorId} (observed fixtures; errorId 8 hex, the v3 docs show a UUID)."""
    status: int
    message: str
    errorId: str = Field(min_length=1)


class RateLimited(Shape):
    """The root page's 429 body has no errorId."""
    status: Literal[429]
    message: str


# ---------------------------------------------------------------- users and workspaces

class User(Shape):
    id: str
    email: str
    firstName: Optional[str]
    lastName: Optional[str]
    activePlan: Optional[str]
    planEndsOn: Optional[str]
    purchasedMailboxes: int
    assignedMailboxes: int
    userCreatedAt: Optional[str]
    walletBalance: float


class Billing(Shape):
    id: str
    userId: str
    firstName: str
    lastName: str
    workspaceId: str
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


class WorkspaceCounts(Shape):
    id: str
    name: str
    domainCountGoogle: str  # counts are strings (live, coldstack; docs example)
    domainCountMicrosoft: str
    totalMailboxesPurchasedGoogle: str
    totalMailboxesPurchasedMicrosoft: str
    domainCount: str
    mailboxCount: str
    billingDetails: Optional[Billing]


class PageFields(Shape):
    totalSearchedCount: int
    currentPage: int
    nextPage: int
    totalPages: int


class WorkspacesPage(PageFields):
    totalWorkspacesCount: int
    totalDomainsCountGoogle: int
    totalDomainsCountMicrosoft: int
    totalPurchasedMailboxesCountGoogle: int
    totalPurchasedMailboxesCountMicrosoft: int
    currentWorkspace: WorkspaceCounts
    workspaces: list[WorkspaceCounts]


class WorkspaceRecord(Shape):
    id: str
    name: str
    userId: str
    createdAt: str
    updatedAt: str
    deletedAt: Optional[str]


# ---------------------------------------------------------------- mailboxes

MailboxStatus = Literal[MAILBOX_STATUSES]
DomainStatus = Literal[DOMAIN_STATUSES]


class Mailbox(Shape):
    id: str
    username: str
    email: str
    firstName: str
    lastName: str
    password: Optional[str]
    appPassword: Optional[str]
    secret: Optional[str]
    recoveryEmail: Optional[str]
    status: MailboxStatus
    profilePicture: Optional[str]
    domain: str
    domainId: str
    assignedOn: Optional[str]
    expireOn: Optional[str]
    createdAt: str
    isWarmedUp: bool


class AdminDetails(Shape):
    domainId: str
    email: str
    newPassword: Optional[str]
    secret: Optional[str]
    recoveryEmail: str


class MailboxGroup(Shape):
    id: str
    domain: str
    status: DomainStatus
    adminDetails: Optional[AdminDetails]
    mailboxes: list[Mailbox]


class MailboxesPage(PageFields):
    purchasedMailboxes: int
    totalAssignedMailboxes: int
    totalAssignedPreWarmedUpMailboxes: int
    totalActiveMailboxes: int
    totalActivePreWarmedUpMailboxes: int
    availableMailboxes: int
    scheduledMailboxes: int
    domains: list[MailboxGroup]


class MailboxOne(Shape):
    mailbox: Mailbox


class MailboxUpdateRow(Shape):
    mailboxId: str
    profileUrl: str
    failureDetails: list[Any]


class AuthenticatorCode(Shape):
    code: str
    expiresIn: int


class Queued(Shape):
    totalMailboxesQueued: int


class MessageAndNullData(Shape):
    """Remove mailboxes on next renewal: {message, data} with no status (docs example)."""
    message: str
    data: None


# ---------------------------------------------------------------- money

class PaymentLink(Shape):
    message: str
    paymentLink: str


class AutoRechargeDetails(Shape):
    amount: Optional[float]
    threshold: Optional[float]


class WalletBalance(Shape):
    message: str
    walletBalance: float
    autoRechargeEnabled: bool
    autoRechargeDetails: AutoRechargeDetails


class AutoRechargeAnswer(Shape):
    message: str
    paymentLink: str = Absent  # only when a payment method must be added first


class Subscription(Shape):
    id: str
    subscriptionId: Optional[str]
    subscriptionStatus: Literal["ACTIVE", "CANCELLED", "PAUSED", "PAYMENT_PENDING"]
    plan: str
    price: float
    totalMailboxQuantity: int
    periodStart: Optional[str]
    periodEnd: Optional[str]
    subscriptionCreationDate: Optional[str]
    planUpgradeCancelPossible: bool
    paymentFailureMessage: Optional[str]
    invoiceDetails: Optional[str]
    cancelAtPeriodEnd: bool


class EmptyObject(Shape):
    """Upgrade existing subscription answers {} (docs example)."""


# ---------------------------------------------------------------- exports

class ExportStarted(Shape):
    exportId: int  # export ids are integers (Get Export Status takes ?exportId=<integer>)
    status: Literal[EXPORT_STATUSES]
    totalMailboxes: int
    csvLink: Optional[str]


class ExportStatus(Shape):
    export_id: int  # snake_case, as the docs schema and clients have it
    status: Literal[EXPORT_STATUSES]
    failure_reason: Optional[str]
    csv_link: Optional[str]


class ThirdPartyAccount(Shape):
    id: str
    email: str
    appName: str
    createdAt: str


class ThirdPartyAccounts(Shape):
    accounts: list[ThirdPartyAccount]


# ---------------------------------------------------------------- domains

class DomainTag(Shape):
    id: str
    name: str


class DomainMailbox(Shape):
    id: str
    username: str
    domain: str
    firstName: str
    lastName: str
    status: MailboxStatus
    createdAt: str


class AssignableDomain(Shape):
    id: str
    workspaceId: str
    domain: str
    status: DomainStatus
    createdAt: str
    updatedAt: str
    forwardTo: Optional[str]
    forwardToAddedOnReseller: bool
    dmarcEmail: Optional[str]
    dmarcEmailAddedToReseller: bool
    assignedMailboxesCount: str  # a string (docs example "0", live fixture "3")
    mailboxes: list[DomainMailbox]


class Domain(AssignableDomain):
    registeredOn: Optional[str]
    expireOn: Optional[str]
    autoRenew: bool
    maskForwarding: bool
    forwardingEmail: Optional[str]
    forwardingEmailAdded: bool
    catchAllEmail: Optional[str]
    catchAllEmailAdded: bool
    nameServers: list[str]
    dnsShieldEnabled: bool
    isWarmedUp: bool
    tags: list[DomainTag]


class DomainsPage(PageFields):
    domains: list[Domain]


class AssignablePage(PageFields):
    domains: list[AssignableDomain]


class IssuedNameServers(Shape):
    nameServers: str  # one comma-separated string (docs example)


class NameServersVerified(Shape):
    domainName: str
    propagated: bool
    nameServers: list[str]


class ConnectState(Shape):
    status: Literal[CONNECTION_STATUSES]
    dnsManagedBy: str


class ConnectProgress(Shape):
    status: Literal["IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"]
    domains: dict[str, ConnectState]


class DnsCheck(Shape):
    id: str
    domain: str
    mxRecords: bool
    spfRecord: bool
    dkimRecords: bool
    dmarcRecords: bool


class Removed(Shape):
    removedCount: int


class Availability(Shape):
    domainName: str
    status: Literal["AVAILABLE", "UNAVAILABLE"]
    isPremiumDomain: bool
    domainPrice: str  # "12.99": a string (live, observed reference)


class AvailabilityWithRenewal(Availability):
    renewPrice: str


class Suggestions(Shape):
    exactMatch: None  # null in every live call
    availableDomains: list[Availability]


class BulkAvailability(Shape):
    domains: list[AvailabilityWithRenewal]
    total: int
    available: int
    unavailable: int


class Purchase(Shape):
    """Flat: {message, paymentLink}, or {message, invoiceLink} when paid from the wallet."""
    message: str
    paymentLink: str = Absent
    invoiceLink: str = Absent


class ConnectionRequestMeta(Shape):
    currentNameServers: list[str]


class ConnectionRequest(Shape):
    id: str
    domainName: str
    userId: str
    workspaceId: str
    serviceProvider: str
    dnsManagedBy: str
    status: Literal[CONNECTION_STATUSES]
    metadata: ConnectionRequestMeta
    nextRetryOn: Optional[str]
    createdAt: str
    updatedAt: str
    deletedAt: Optional[str]


class ConnectionRequestsPage(PageFields):
    totalCount: int
    data: list[ConnectionRequest]


# ---------------------------------------------------------------- dns

class CloudflareRecord(Shape):
    id: Optional[str]
    name: str
    type: Literal[RECORD_TYPES]
    content: str


class DnsRecord(Shape):
    id: str
    value: str
    host: str
    recordType: Literal[RECORD_TYPES]
    assignedDomainId: str
    cdfRecordId: Optional[str]
    cdfResponse: CloudflareRecord
    priority: Optional[int]
    createdAt: str
    updatedAt: str


class DnsRecords(Shape):
    records: list[DnsRecord]
    disabledRecords: list[DnsRecord]
    domainDnsRecords: list[DnsRecord]  # same rows as records, the name a live summary used


# ---------------------------------------------------------------- answers routes declare

NULL = envelope("NullData", None)


def ok(name: str, data: Any) -> dict:
    return {200: envelope(name, data)}


# Every error a route can answer, in the error envelope (405: a known path asked with another
# method; 413: body over the size limit).
ERRORS: dict[int, type[BaseModel]] = {400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody,
                                       405: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: RateLimited}
