"""Zapmail v2 answer shapes. Each route (routes.py) declares the shape of its answers with
these; the OpenAPI document (simulator/openapi.py) is generated from the routes, and the
contract suite checks every answer of the simulator or the real API against that document.

Keys and JSON types follow the reference examples the renderers (render.py) were built from:
exact key sets (extra keys are a divergence), counts that the docs show as strings stay strings,
timestamps are ISO strings. `NotRequired` marks a key that some answers carry and others leave out.
"""
from __future__ import annotations

import types
from typing import Any, Literal, Optional

from pydantic import ConfigDict, Field
from typing_extensions import Annotated, NotRequired, TypedDict

from ...domain.connections import STATUSES as CONNECTION_STATUSES
from ...domain.dns import RECORD_TYPES
from ...domain.domains import DOMAIN_STATUSES
from ...domain.exports import EXPORT_STATUSES
from ...domain.mailboxes import MAILBOX_STATUSES
from ...domain.team import ASSIGNABLE_ROLES, INVITATION_STATUSES

# Every shape is a TypedDict: the renderers (render.py) build the answer through its constructor,
# so the body served is of the very type the document publishes. Extra keys are a divergence.
FORBID = ConfigDict(extra="forbid")


def envelope(name: str, data: Any, status: type = int, examples: Optional[list] = None) -> type:
    """{status, message, data}: status mirrors the HTTP status (every v2 docs example)."""
    shape = TypedDict(name, {"status": status, "message": str, "data": data})
    shape.__pydantic_config__ = ConfigDict(extra="forbid", **({"json_schema_extra": {"examples": examples}}
                                                              if examples else {}))
    return shape


def with_examples(shape: type, examples: list) -> type:
    """`shape` (a TypedDict) with examples for the document: one operation's, where the shape is
    shared by several."""
    config = ConfigDict(extra="forbid", json_schema_extra={"examples": examples})
    return types.new_class(shape.__name__, (shape,), exec_body=lambda ns: ns.update(__pydantic_config__=config))


class ErrorBody(TypedDict):
    """{status, message, errorId} (observed fixtures; errorId 8 hex, the v3 docs show a UUID)."""
    __pydantic_config__ = FORBID
    status: int
    message: str
    errorId: Annotated[str, Field(min_length=1)]


class RateLimited(TypedDict):
    """The root page's 429 body has no errorId."""
    __pydantic_config__ = FORBID
    status: Literal[429]
    message: str


# ---------------------------------------------------------------- users and workspaces

class User(TypedDict):
    __pydantic_config__ = FORBID
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


class Billing(TypedDict):
    __pydantic_config__ = FORBID
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


class WorkspaceCounts(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    name: str
    domainCountGoogle: str  # counts are strings (live, coldstack; docs example)
    domainCountMicrosoft: str
    totalMailboxesPurchasedGoogle: str
    totalMailboxesPurchasedMicrosoft: str
    domainCount: str
    mailboxCount: str
    billingDetails: Optional[Billing]


class PageFields(TypedDict):
    __pydantic_config__ = FORBID
    totalSearchedCount: int
    currentPage: int
    nextPage: int
    totalPages: int


class WorkspacesPage(PageFields):
    __pydantic_config__ = FORBID
    totalWorkspacesCount: int
    totalDomainsCountGoogle: int
    totalDomainsCountMicrosoft: int
    totalPurchasedMailboxesCountGoogle: int
    totalPurchasedMailboxesCountMicrosoft: int
    currentWorkspace: WorkspaceCounts
    workspaces: list[WorkspaceCounts]


class Member(TypedDict):
    """Ours: the docs name no member field (only the list's totalSearchedCount); the owner is not
    listed (v3 Team Management)."""
    __pydantic_config__ = FORBID
    id: str  # the member's account id: memberId in Update user role and Revoke User Access
    email: str
    firstName: str
    lastName: str
    role: Literal[ASSIGNABLE_ROLES]


class MembersPage(PageFields):
    __pydantic_config__ = FORBID
    members: list[Member]


class Invitation(TypedDict):
    """Ours, but for the four states the docs' summary names (spelled as Zapmail's other enums)."""
    __pydantic_config__ = FORBID
    id: str
    workspaceId: str
    email: str
    role: Literal[ASSIGNABLE_ROLES]
    status: Literal[INVITATION_STATUSES]
    invitedBy: str
    createdAt: str
    updatedAt: str


class InvitationsPage(PageFields):
    __pydantic_config__ = FORBID
    invitations: list[Invitation]


class WorkspaceRecord(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    name: str
    userId: str
    createdAt: str
    updatedAt: str
    deletedAt: Optional[str]


# ---------------------------------------------------------------- mailboxes

MailboxStatus = Literal[MAILBOX_STATUSES]
DomainStatus = Literal[DOMAIN_STATUSES]


class Mailbox(TypedDict):
    __pydantic_config__ = FORBID
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


class AdminDetails(TypedDict):
    __pydantic_config__ = FORBID
    domainId: str
    email: str
    newPassword: Optional[str]
    secret: Optional[str]
    recoveryEmail: str


class MailboxGroup(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    domain: str
    status: DomainStatus
    adminDetails: Optional[AdminDetails]
    mailboxes: list[Mailbox]


class MailboxesPage(PageFields):
    __pydantic_config__ = FORBID
    purchasedMailboxes: int
    totalAssignedMailboxes: int
    totalAssignedPreWarmedUpMailboxes: int
    totalActiveMailboxes: int
    totalActivePreWarmedUpMailboxes: int
    availableMailboxes: int
    scheduledMailboxes: int
    domains: list[MailboxGroup]


class MailboxOne(TypedDict):
    __pydantic_config__ = FORBID
    mailbox: Mailbox


class MailboxUpdateRow(TypedDict):
    __pydantic_config__ = FORBID
    mailboxId: str
    profileUrl: str
    failureDetails: list[Any]


class AuthenticatorCode(TypedDict):
    __pydantic_config__ = FORBID
    code: str
    expiresIn: int


class Queued(TypedDict):
    __pydantic_config__ = FORBID
    totalMailboxesQueued: int


class MessageAndNullData(TypedDict):
    """Remove mailboxes on next renewal: {message, data} with no status (docs example)."""
    __pydantic_config__ = FORBID
    message: str
    data: None


# ---------------------------------------------------------------- money

class PaymentLink(TypedDict):
    __pydantic_config__ = FORBID
    message: str
    paymentLink: str


class AutoRechargeDetails(TypedDict):
    __pydantic_config__ = FORBID
    amount: Optional[float]
    threshold: Optional[float]


class WalletBalance(TypedDict):
    __pydantic_config__ = FORBID
    message: str
    walletBalance: float
    autoRechargeEnabled: bool
    autoRechargeDetails: AutoRechargeDetails


class AutoRechargeAnswer(TypedDict):
    __pydantic_config__ = FORBID
    message: str
    paymentLink: NotRequired[str]  # only when a payment method must be added first


class Subscription(TypedDict):
    __pydantic_config__ = FORBID
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


class EmptyObject(TypedDict):
    """Upgrade existing subscription answers {} (docs example)."""
    __pydantic_config__ = FORBID


# ---------------------------------------------------------------- exports

class ExportStarted(TypedDict):
    __pydantic_config__ = FORBID
    exportId: int  # export ids are integers (Get Export Status takes ?exportId=<integer>)
    status: Literal[EXPORT_STATUSES]


class ExportStatus(TypedDict):
    __pydantic_config__ = FORBID
    export_id: int  # snake_case, as the docs schema and clients have it
    status: Literal[EXPORT_STATUSES]
    failure_reason: Optional[str]
    # Ours, kept because the MANUAL flow needs it: where the CSV is delivered is not documented.
    csv_link: NotRequired[Annotated[str, Field(description="ours (no source shows it): the CSV of a MANUAL export")]]


class ThirdPartyAccount(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    email: str
    appName: str


class ThirdPartyAccounts(TypedDict):
    __pydantic_config__ = FORBID
    accounts: list[ThirdPartyAccount]


# ---------------------------------------------------------------- domains

class DomainTag(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    name: str


class DomainMailbox(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    username: str
    domain: str
    firstName: str
    lastName: str
    status: MailboxStatus
    createdAt: str


class AssignableDomain(TypedDict):
    __pydantic_config__ = FORBID
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
    __pydantic_config__ = FORBID
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
    __pydantic_config__ = FORBID
    domains: list[Domain]


class AssignablePage(PageFields):
    __pydantic_config__ = FORBID
    domains: list[AssignableDomain]


class IssuedNameServers(TypedDict):
    __pydantic_config__ = FORBID
    nameServers: str  # one comma-separated string (docs example)


class NameServersVerified(TypedDict):
    __pydantic_config__ = FORBID
    domainName: str
    propagated: bool
    nameServers: list[str]


class ConnectState(TypedDict):
    __pydantic_config__ = FORBID
    status: Literal[CONNECTION_STATUSES]
    dnsManagedBy: str


class ConnectProgress(TypedDict):
    __pydantic_config__ = FORBID
    status: Literal["IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"]
    domains: dict[str, ConnectState]


class DnsCheck(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    domain: str
    mxRecords: bool
    spfRecord: bool
    dkimRecords: bool
    dmarcRecords: bool


class HealthScore(TypedDict):
    """The live shape (observed reference, zapmail.v2.domains.health_score, infra-bot 2026-09-28);
    the spec-copy shape {domain, averageScore, isAbused} conflicts with it and loses (live wins)."""
    __pydantic_config__ = FORBID
    score: Annotated[int, Field(ge=0, le=100)]
    label: Literal["healthy", "critical"]
    reasons: list[str]
    recommendedActions: list[str]
    error: NotRequired[str]  # only on a domain that cannot be scored ("No mailboxes assigned", live)


class Removed(TypedDict):
    __pydantic_config__ = FORBID
    removedCount: int


class Availability(TypedDict):
    __pydantic_config__ = FORBID
    domainName: str
    status: Literal["AVAILABLE", "UNAVAILABLE"]
    isPremiumDomain: bool
    domainPrice: str  # "12.99": a string (live, observed reference)


class AvailabilityWithRenewal(Availability):
    __pydantic_config__ = FORBID
    renewPrice: str


class Suggestions(TypedDict):
    __pydantic_config__ = FORBID
    exactMatch: None  # null in every live call
    availableDomains: list[Availability]


class BulkAvailability(TypedDict):
    __pydantic_config__ = FORBID
    domains: list[AvailabilityWithRenewal]
    total: int
    available: int
    unavailable: int


class Purchase(TypedDict):
    """Flat: {message, paymentLink}, or {message, invoiceLink} when paid from the wallet."""
    __pydantic_config__ = FORBID
    message: str
    paymentLink: NotRequired[str]
    invoiceLink: NotRequired[str]


class ConnectionRequestMeta(TypedDict):
    __pydantic_config__ = FORBID
    currentNameServers: list[str]


class ConnectionRequest(TypedDict):
    __pydantic_config__ = FORBID
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
    __pydantic_config__ = FORBID
    totalCount: int
    data: list[ConnectionRequest]


# ---------------------------------------------------------------- dns

class CloudflareRecord(TypedDict):
    __pydantic_config__ = FORBID
    id: Optional[str]
    name: str
    type: Literal[RECORD_TYPES]
    content: str


class DnsRecord(TypedDict):
    __pydantic_config__ = FORBID
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


class Tag(TypedDict):
    """Live keys (infra-bot): id, name, tagColor."""
    __pydantic_config__ = FORBID
    id: str
    name: str
    tagColor: Optional[str]  # null for a tag created without a colour (ours: the docs make it optional)


class TagsCreated(TypedDict):
    """data.tagIds (a live client reads the first) and data.domainTagsCreated (reference)."""
    __pydantic_config__ = FORBID
    tagIds: list[str]
    domainTagsCreated: list[Tag]


class DnsRecords(TypedDict):
    __pydantic_config__ = FORBID
    records: list[DnsRecord]
    disabledRecords: list[DnsRecord]
    domainDnsRecords: list[DnsRecord]  # same rows as records, the name a live summary used


# ---------------------------------------------------------------- answers routes declare

NULL = envelope("NullData", None)


def ok(name: str, data: Any) -> dict:
    return {200: envelope(name, data)}


# Every error a route can answer, in the error envelope (405: a known path asked with another
# method; 413: body over the size limit; 422: a null filter value, live on Domains renewing soon).
ERRORS: dict[int, type] = {400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody,
                                       405: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody, 429: RateLimited}
