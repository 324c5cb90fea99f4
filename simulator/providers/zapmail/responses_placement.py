"""Answer shapes of the placement-test group. Observed (zapmail-v2-observed.yaml, live notes):
the overall report's keys and its rates as "54.76%" strings; the credits' totalAvailableCredits,
monthlyCredits and ltdCredits (usedCredits, subscriptions and nextResetDate from a client's
reference); data.testGroups on the orders; the first eight keys of a subscription row, in
alphabetical order (billingCycle ... discountId), so the row's other keys, ours, sort after them.
Everything else (a test group's and a report's keys) is ours."""
from __future__ import annotations

from typing import Literal, Optional

from typing_extensions import TypedDict

from .requests_placement import PLACEMENT_TYPES, SEEDS
from .responses import FORBID, MailboxStatus, PageFields

PlacementStatus = Literal["SCHEDULED", "COMPLETED", "FAILED"]  # observed enum (webhook fixture + client)
Seed = Literal[tuple(SEEDS)]


class PlacementSubscription(TypedDict):
    __pydantic_config__ = FORBID
    billingCycle: Literal["MONTHLY", "LTD"]
    cancelledByUser: bool
    couponApplied: bool
    createdAt: str
    daysBeforePreCharged: Optional[int]  # days until the next period's charge; null for LTD (ours)
    deletedAt: Optional[str]
    discountApplied: bool
    discountId: Optional[str]
    id: str
    invoiceLink: Optional[str]
    periodEnd: Optional[str]
    periodStart: str
    planName: str
    status: Literal["ACTIVE", "CANCELLED"]
    totalCredits: int
    usedCredits: int


class PlacementCreditsRow(TypedDict):
    __pydantic_config__ = FORBID
    subscriptionId: str
    planName: str
    billingCycle: Literal["MONTHLY", "LTD"]
    totalCredits: int
    usedCredits: int
    availableCredits: int


class PlacementCredits(TypedDict):
    __pydantic_config__ = FORBID
    totalAvailableCredits: int
    monthlyCredits: int
    ltdCredits: int
    usedCredits: int
    nextResetDate: Optional[str]
    subscriptions: list[PlacementCreditsRow]


class PlacementProviderRates(TypedDict):
    __pydantic_config__ = FORBID
    provider: Seed
    totalEmails: int
    inboxCount: int
    inboxRate: str
    spamCount: int
    spamRate: str


class PlacementOverallReport(TypedDict):
    __pydantic_config__ = FORBID
    totalTestRuns: int
    totalEmails: int
    successfulTestsCount: int
    inProgressTestsCount: int
    failedTestsCount: int
    successfulEmailsCount: int
    inboxCount: int
    inboxRate: str
    spamCount: int
    spamRate: str
    byProvider: list[PlacementProviderRates]


class PlacementTestGroup(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    cartOrderId: str
    testName: str
    status: PlacementStatus
    placementType: Literal[PLACEMENT_TYPES]
    seedAccounts: list[Seed]
    mailboxCount: int
    totalEmails: int
    inboxCount: int
    inboxRate: str
    spamCount: int
    spamRate: str
    createdAt: str
    completedAt: Optional[str]


class PlacementOrdersPage(PageFields):
    __pydantic_config__ = FORBID
    testGroups: list[PlacementTestGroup]


class PlacementMailboxResult(TypedDict):
    __pydantic_config__ = FORBID
    mailboxId: str
    email: str
    inboxCount: int
    spamCount: int
    missingCount: int
    inboxRate: str


class PlacementReport(PlacementTestGroup):
    """One order's test: its group row, where the messages landed per seed provider and per
    mailbox (empty until COMPLETED), and why it failed (FAILED only)."""
    __pydantic_config__ = FORBID
    missingCount: int
    failureReason: Optional[str]
    byProvider: list[PlacementProviderRates]
    mailboxes: list[PlacementMailboxResult]


class PlacementEligibleMailbox(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    email: str
    username: str
    firstName: str
    lastName: str
    status: MailboxStatus


class PlacementEligibleDomain(TypedDict):
    __pydantic_config__ = FORBID
    id: str
    domain: str
    mailboxes: list[PlacementEligibleMailbox]


class PlacementEligiblePage(PageFields):
    """data.domains, mailboxes grouped by domain (live); the rest ours."""
    __pydantic_config__ = FORBID
    domains: list[PlacementEligibleDomain]


# zapmail-v2-observed.yaml, zapmail.v2.placement.overall_report, 200 (reconstructed from a live read)
OVERALL_REPORT_EXAMPLE = {"status": 200, "message": "<not captured>", "data": {
    "totalTestRuns": 4, "totalEmails": 84, "successfulTestsCount": 4, "inProgressTestsCount": 0, "failedTestsCount": 0,
    "successfulEmailsCount": 84, "inboxCount": 46, "inboxRate": "54.76%", "spamCount": 8, "spamRate": "9.52%",
    "byProvider": []}}
