"""Answer shapes of the renewal, quick setup, domain search and global search routes (Tier C).
Keys and JSON types from the observed reference's examples where it has one; where it has none,
the shape is ours and its docstring says so."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field
from typing_extensions import Annotated, TypedDict

from ...domain.models import PLATFORMS
from ...domain.quick_setup import STATUSES as QUICK_SETUP_STATUSES
from .responses import FORBID, AvailabilityWithRenewal, DomainStatus, Mailbox, MailboxStatus, PageFields

Platform = Literal[PLATFORMS]
SubscriptionStatus = Literal["ACTIVE", "CANCELLED", "PAUSED", "PAYMENT_PENDING"]


# ---------------------------------------------------------------- renewals and moves

class RenewalSettingsFields(TypedDict):
    __pydantic_config__ = FORBID
    autoRenew: bool


class RenewalSettings(TypedDict):
    """Ours: the answer was not observed; it echoes the workspace's settings."""
    __pydantic_config__ = FORBID
    domainRenewalSettings: RenewalSettingsFields


class AppWorkspace(TypedDict):
    """Ours: the live answer's shape was not captured. One workspace per third-party account of the
    app: where an export to that account lands."""
    __pydantic_config__ = FORBID
    id: str
    name: str
    accountId: str
    email: str


class AppWorkspaces(TypedDict):
    __pydantic_config__ = FORBID
    workspaces: list[AppWorkspace]


class RenewingDomain(TypedDict):
    """Row keys of a live answer (observed reference, renewal_soon)."""
    __pydantic_config__ = FORBID
    id: str
    domain: str
    status: DomainStatus
    registeredOn: Optional[str]
    expireOn: Optional[str]
    serviceProvider: Platform
    assignedMailboxesCount: int


class RenewingPage(PageFields):
    __pydantic_config__ = FORBID
    totalCount: int
    domains: list[RenewingDomain]


class RenewalPrice(TypedDict):
    """Live keys (observed reference, get_renewal_price); prices are numeric strings."""
    __pydantic_config__ = FORBID
    domainId: str
    domainName: str
    domainPrice: str
    isPremiumDomain: bool
    renewPrice: str
    status: DomainStatus


class RenewedDomain(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    domain: str
    expireOn: str


class Renewal(TypedDict):
    """The keys a client reference lists (paymentLink, domains, domainIds, useWallet), inside the
    envelope's data (where they sit was not said); the wallet pays at once, so paymentLink is the
    paid invoice; domains rows are ours."""
    __pydantic_config__ = FORBID
    paymentLink: Optional[str]
    domains: list[RenewedDomain]
    domainIds: list[str]
    useWallet: bool


# ---------------------------------------------------------------- quick setup

class QuickSetupStarted(TypedDict):
    """Support's description (observed reference): the batch, the slots bought, the paid invoice;
    inside the envelope's data (where they sit was not said)."""
    __pydantic_config__ = FORBID
    quickSetupBatchId: str
    slotsNeeded: int
    invoiceUrl: str


class QuickSetupMailbox(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    email: str
    status: MailboxStatus


class QuickSetupProgress(TypedDict):
    """Ours but for the statuses (support): one domain's progress through the setup."""
    __pydantic_config__ = FORBID
    quickSetupBatchId: str
    domain: str
    domainId: Optional[str]
    status: Literal[QUICK_SETUP_STATUSES]
    mailboxes: list[QuickSetupMailbox]
    exportApp: Optional[str]
    exportId: Optional[int]
    failureReason: Optional[str]
    createdAt: str
    updatedAt: str


# ---------------------------------------------------------------- domain search

class FinderRun(TypedDict):
    """The live job view (observed reference, ai_finder): rows are availability objects."""
    __pydantic_config__ = FORBID
    status: Literal["generating", "completed"]
    progress: Annotated[int, Field(ge=0, le=100)]
    totalDomains: int
    domains: list[AvailabilityWithRenewal]


class AgedMetrics(TypedDict):
    __pydantic_config__ = FORBID
    domainAuthority: int
    spamScore: int


class AgedDomain(TypedDict):
    """Row keys from a client reference (observed, aged_domains.list); price a numeric string as
    other domain prices."""
    __pydantic_config__ = FORBID
    domainName: str
    price: str
    qualityScore: int
    domainAgeYears: int
    metrics: AgedMetrics


class AgedDomains(TypedDict):
    __pydantic_config__ = FORBID
    domains: list[AgedDomain]


class DomainsBought(TypedDict):
    """Ours (the answer was not observed): the paid invoice and the new domains' ids."""
    __pydantic_config__ = FORBID
    invoiceLink: str
    domainIds: list[str]


class WarmPerson(TypedDict):
    __pydantic_config__ = FORBID
    firstName: str
    lastName: str


class WarmMailbox(TypedDict):
    __pydantic_config__ = FORBID
    mailbox: WarmPerson


class PrewarmedDomain(TypedDict):
    """Live row keys (observed reference, prewarmed.list)."""
    __pydantic_config__ = FORBID
    id: str
    domain: str
    isSold: bool
    price: str
    preWarmedUpMailboxes: list[WarmMailbox]


class PrewarmedPage(TypedDict):
    """Live keys: totals as `total` and `totalDomainsUnsold`, with the page counters."""
    __pydantic_config__ = FORBID
    domains: list[PrewarmedDomain]
    total: int
    totalDomainsUnsold: int
    currentPage: int
    nextPage: int
    totalPages: int


class PrewarmedCount(TypedDict):
    """Unsold pre-warmed mailboxes per platform (live values)."""
    __pydantic_config__ = FORBID
    google: int
    microsoft: int


class PrewarmedSubscription(TypedDict):
    """The row keys a live client reads (observed reference, prewarmed.subscriptions)."""
    __pydantic_config__ = FORBID
    plan: str
    price: float
    totalMailboxQuantity: int
    subscriptionStatus: SubscriptionStatus
    periodEnd: str


class PrewarmedSubscriptions(TypedDict):
    __pydantic_config__ = FORBID
    subscriptions: list[PrewarmedSubscription]
    total: int
    currentPage: int
    nextPage: int
    totalPages: int


# ---------------------------------------------------------------- global search

class FoundMailbox(Mailbox):
    """A mailbox row (credentials included: a client redacts them) with its workspace and platform
    (client reference); the exact shape was not captured."""
    __pydantic_config__ = FORBID
    workspaceId: str
    workspaceName: str
    serviceProvider: Platform


class FoundMailboxes(PageFields):
    __pydantic_config__ = FORBID
    mailboxes: list[FoundMailbox]
