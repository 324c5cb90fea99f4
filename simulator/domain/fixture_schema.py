"""The fixture format (fixtures/default_world.json, POST /_sim/seed, POST /_sim/accounts
`fixture`) as typed models: an entry is checked whole before any of it is loaded, so a wrong type,
a negative amount or an unknown status is a 400 naming the field, never a half-loaded account or
a later 500. Unknown fields are errors: a typo must not silently load nothing."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, ValidationError

from ..core.errors import Invalid
from ..core.validate import explain
from .wallet import MAX_BALANCE

Num = StrictInt | StrictFloat
Days = Field(None, ge=0, le=36_500, description="days before now")  # the clock starts after year 2000
Platform = Literal["GOOGLE", "MICROSOFT"]
MAX_QUANTITY = 100_000
# an absolute time a fixture pins (a copy of a real account does): ISO 8601, or epoch seconds
When = Optional[StrictStr | StrictInt | StrictFloat]
Ids = list[StrictStr]


class Part(BaseModel):
    # built on first use: a server that loads no fixture (or a pickled start state) never needs them
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Mailbox(Part):
    id: Optional[StrictStr] = None
    username: StrictStr
    firstName: StrictStr
    lastName: StrictStr
    platform: Optional[Platform] = None
    status: Literal["IN_PROGRESS", "ACTIVE", "FAILED"] = "ACTIVE"
    scheduledRemoval: StrictBool = False
    daysAgo: Optional[Num] = Days
    # pinned by a copy of a real account (seeding.EXACT_MAILBOX)
    createdAt: When = None
    updatedAt: When = None
    assignedOn: When = None
    expireOn: When = None
    activatedAt: When = None
    password: Optional[StrictStr] = None
    appPassword: Optional[StrictStr] = None
    secret: Optional[StrictStr] = None
    recoveryEmail: Optional[StrictStr] = None
    isWarmedUp: Optional[StrictBool] = None
    profilePicture: Optional[StrictStr] = None
    tagIds: Optional[Ids] = None


class DnsRecord(Part):
    id: Optional[StrictStr] = None
    upstreamId: Optional[StrictStr] = None
    createdAt: When = None
    updatedAt: When = None
    host: StrictStr
    value: StrictStr
    recordType: StrictStr
    priority: Optional[StrictInt] = Field(None, ge=0, le=65_535)


class Domain(Part):
    id: Optional[StrictStr] = None
    name: StrictStr
    status: Literal["ACTIVE", "INACTIVE", "PENDING", "IN_PROGRESS", "EXPIRED"] = "ACTIVE"
    platform: Optional[Platform] = None
    origin: Literal["purchased", "connected"] = "purchased"
    years: StrictInt = Field(1, ge=1, le=10)
    forwardTo: Optional[StrictStr] = None
    dmarcEmail: Optional[StrictStr] = None
    forwardingEmail: Optional[StrictStr] = None
    catchAllEmail: Optional[StrictStr] = None
    autoRenew: StrictBool = False
    daysAgo: Optional[Num] = Days
    # pinned by a copy of a real account (seeding.EXACT_DOMAIN)
    createdAt: When = None
    updatedAt: When = None
    registeredOn: When = None
    expireOn: When = None
    nameServers: Optional[Ids] = None
    dnsShieldEnabled: Optional[StrictBool] = None
    isWarmedUp: Optional[StrictBool] = None
    maskForwarding: Optional[StrictBool] = None
    forwardToAdded: Optional[StrictBool] = None
    dmarcAdded: Optional[StrictBool] = None
    adminEmail: Optional[StrictStr] = None
    adminPassword: Optional[StrictStr] = None
    adminSecret: Optional[StrictStr] = None
    tagIds: Optional[Ids] = None
    clientId: Optional[StrictStr] = None
    clientApp: Optional[StrictStr] = None
    replaceDnsRecords: StrictBool = False
    mailboxes: list[Mailbox] = Field(default_factory=list, max_length=1000)
    dnsRecords: list[DnsRecord] = Field(default_factory=list, max_length=1000)


class Subscription(Part):
    plan: StrictStr
    planKey: Optional[StrictStr] = None
    platform: Platform = "GOOGLE"
    price: Num = Field(0, ge=0, le=MAX_BALANCE)
    quantity: StrictInt = Field(ge=0, le=MAX_QUANTITY)
    status: Literal["ACTIVE", "CANCELLED", "PAUSED", "PAYMENT_PENDING"] = "ACTIVE"
    daysAgo: Optional[Num] = Days
    periodStartedDaysAgo: Optional[Num] = Days
    # pinned by a copy of a real account
    id: Optional[StrictStr] = None
    externalId: Optional[StrictStr] = None
    createdAt: When = None
    periodStart: When = None
    periodEnd: When = None
    cancelAtPeriodEnd: Optional[StrictBool] = None
    paymentFailureMessage: Optional[StrictStr] = None


class Member(Part):
    accountId: StrictStr
    role: Literal["OWNER", "ADMIN", "EDITOR", "VIEWER"] = "VIEWER"


class ThirdPartyAccount(Part):
    id: Optional[StrictStr] = None
    app: StrictStr
    email: StrictStr
    password: Optional[StrictStr] = None
    createdAt: When = None
    updatedAt: When = None


class ConnectionRequest(Part):
    domainName: StrictStr
    platform: Optional[Platform] = None
    # a request copied as it stands (with its id)
    id: Optional[StrictStr] = None
    userId: Optional[StrictStr] = None
    status: Optional[StrictStr] = None
    createdAt: When = None
    updatedAt: When = None
    nextRetryOn: When = None
    deletedAt: When = None
    currentNameServers: Optional[Ids] = None


class Tag(Part):
    id: Optional[StrictStr] = None
    name: StrictStr
    color: Optional[StrictStr] = None
    createdAt: When = None
    updatedAt: When = None
    daysAgo: Optional[Num] = Days


class Billing(Part):
    id: Optional[StrictStr] = None
    firstName: Optional[StrictStr] = None
    lastName: Optional[StrictStr] = None
    company: Optional[StrictStr] = None
    addressLineOne: Optional[StrictStr] = None
    addressLineTwo: Optional[StrictStr] = None
    addressLineThree: Optional[StrictStr] = None
    city: Optional[StrictStr] = None
    state: Optional[StrictStr] = None
    country: Optional[StrictStr] = None
    postalCode: Optional[StrictStr] = None
    phoneCc: Optional[StrictStr] = None
    phone: Optional[StrictStr] = None
    languagePreference: Optional[StrictStr] = None


class Workspace(Part):
    id: Optional[StrictStr] = None
    name: Optional[StrictStr] = None
    primary: StrictBool = False
    createdAt: When = None
    updatedAt: When = None
    billingDetails: Optional[Billing] = None
    tags: list[Tag] = Field(default_factory=list, max_length=1000)
    members: list[Member] = Field(default_factory=list)
    subscriptions: list[Subscription] = Field(default_factory=list, max_length=100)
    domains: list[Domain] = Field(default_factory=list, max_length=10_000)
    connectionRequests: list[ConnectionRequest] = Field(default_factory=list, max_length=1000)
    thirdPartyAccounts: list[ThirdPartyAccount] = Field(default_factory=list, max_length=1000)


class Account(Part):
    provider: Optional[StrictStr] = None
    id: Optional[StrictStr] = Field(None, min_length=1)
    email: Optional[StrictStr] = None
    firstName: Optional[StrictStr] = None
    lastName: Optional[StrictStr] = None
    password: Optional[StrictStr] = None
    apiKey: Optional[StrictStr] = Field(None, min_length=1)
    apiKeys: list[StrictStr] = Field(default_factory=list, max_length=100)
    idStyle: Literal["uuid", "cuid"] = "uuid"
    walletBalance: Num = Field(0, ge=0, le=MAX_BALANCE)
    daysAgo: Optional[Num] = Days
    createdAt: When = None
    autoRechargeEnabled: Optional[StrictBool] = None
    autoRechargeThreshold: Optional[Num] = Field(None, ge=0, le=MAX_BALANCE)
    autoRechargeAmount: Optional[Num] = Field(None, ge=0, le=MAX_BALANCE)
    paymentMethodSaved: Optional[StrictBool] = None
    workspaces: list[Workspace] = Field(default_factory=list, max_length=100)


def check_entry(spec, where: str = "fixture") -> None:
    """Raise Invalid naming the first fields that do not fit the fixture format."""
    if not isinstance(spec, dict):
        raise Invalid(f"{where}: an account fixture must be an object")
    try:
        Account.model_validate(spec)
    except ValidationError as exc:
        raise Invalid(f"{where}: {explain(exc)}") from None

