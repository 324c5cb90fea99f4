"""LiteMail request models: the JSON types each body must have.

Only Assign Mailboxes to Domain has a documented body (litemail.yaml FACTS); every other body is
inferred, named as the equivalent Zapmail body names its fields unless a documented LiteMail
fact says otherwise. Business rules (existence, username rules, limits) are the domain's.
A failed parse answers 400 with `errors: [{field, message}]` naming every bad field.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, ConfigDict, Field

from ...core.parsing import Query, validate
from ...domain.domains import DOMAIN_STATUSES
from ..bodies import BillingFields, Body, PageQuery, Dmarc, DomainFilter, EmailTarget, ExportMailboxes, Forwarding  # noqa: F401


def parse(call, model: type[Body]) -> Body:
    # the route's declared body arrives already validated
    if isinstance(call.body, model):
        return call.body
    return validate(call.body, model, all_errors=True)


# ---------------------------------------------------------------- workspaces, billing, api keys

# Inferred: Zapmail's billing fields and required set.
Billing = BillingFields


class CreateWorkspace(Body):
    name: str
    billingDetails: Billing  # required, as Zapmail's Create new workspace (inferred)


class UpdateWorkspace(Body):
    name: str


class Login(Body):
    email: str
    password: str
    name: Optional[str] = None  # a label for the key (ours)


# ---------------------------------------------------------------- mailboxes

class AssignItem(Body):
    """Documented: domain (by name), mailboxUsername or the legacy userName, firstName, lastName."""
    domain: str
    mailboxUsername: Optional[str] = None
    userName: Optional[str] = None
    firstName: Any = None  # checked by the domain, so every entry's problems are reported together
    lastName: Any = None


class AssignMailboxes(Body):
    mailboxes: list[AssignItem]


class CreateMailbox(Body):
    """Inferred: one mailbox; the domain by id (domainId) or by name (domain), as Assign names it."""
    domainId: Optional[str] = None
    domain: Optional[str] = None
    mailboxUsername: Optional[str] = None
    userName: Optional[str] = None
    username: Optional[str] = None
    firstName: Any = None
    lastName: Any = None


class UpdateMailbox(Body):
    firstName: Optional[str] = None
    lastName: Optional[str] = None
    username: Optional[str] = None
    mailboxUsername: Optional[str] = None
    profilePicture: Optional[str] = None
    removeProfilePicture: Optional[bool] = None


# ---------------------------------------------------------------- wallet and subscriptions

class Amount(Body):
    amount: float


class AutoRecharge(Body):
    enable: bool = True
    threshold: Optional[float] = None
    amount: Optional[float] = None  # LiteMail name (ours); Zapmail's minimumRechargeAmount accepted
    minimumRechargeAmount: Optional[float] = None


class Upgrade(Body):
    newPlan: str  # documented


# ---------------------------------------------------------------- exports

class ConnectInboxes(Body):
    """Connect inboxes to a platform: an export to one app. `platform` (ours; `app` accepted)."""
    platform: Optional[str] = None
    app: Optional[str] = None
    mailboxIds: Optional[list[str]] = None
    thirdPartyAccountId: Optional[str] = None


class ThirdPartyAccount(Body):
    app: str
    email: str
    password: str
    url: Optional[str] = None
    clientId: Optional[str] = None
    clientIdAppName: Optional[str] = None


class ThirdPartyUpdate(Body):
    app: Optional[str] = None
    email: Optional[str] = None
    password: Optional[str] = None


# ---------------------------------------------------------------- domains

# Bulk domain settings select domains as Zapmail does: domainIds, or filters.
DomainTargets = DomainFilter


class Purchase(Body):
    """domains: [{domainName, years?}] (the cart format of the core, as Zapmail's Buy)."""
    domains: list[Any]
    enableDnsShield: bool = False


class Connect(Body):
    domainNames: list[Any]


# ---------------------------------------------------------------- dns

class DnsRecord(Body):
    domainId: str
    host: str
    value: str
    recordType: str
    priority: Optional[int] = None


class DnsUpdate(Body):
    host: Optional[str] = None
    value: Optional[str] = None
    recordType: Optional[str] = None
    priority: Optional[int] = None


def validate_login(body) -> Login:
    return validate(body, Login, all_errors=True)


# ---------------------------------------------------------------- query strings

def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


class MailboxesQuery(PageQuery):
    # status in LiteMail's words, any case (ours)
    status: Annotated[Optional[Literal["PENDING", "ACTIVE", "FAILED"]], BeforeValidator(_upper)] = None
    domainId: Optional[str] = None
    search: Optional[str] = None
    contains: Optional[str] = None  # same as search, the name Zapmail's lists use
    tagId: Optional[str] = None


class DomainsQuery(PageQuery):
    status: Annotated[Optional[Literal[DOMAIN_STATUSES]], BeforeValidator(_upper)] = None
    search: Optional[str] = None
    contains: Optional[str] = None
    tagId: Optional[str] = None


class SearchQuery(PageQuery):
    search: Optional[str] = None
    contains: Optional[str] = None


class StatusQuery(PageQuery):
    status: Optional[str] = None


class WarmupQuery(PageQuery):
    mailboxId: Optional[str] = None
    domainId: Optional[str] = None
    tagId: Optional[str] = None
    days: Optional[int] = Field(None, ge=1, le=90)


class DnsListQuery(PageQuery):
    domainId: str


class DnsCheckQuery(Query):
    model_config = ConfigDict(json_schema_extra={"x-requires-one-of": ["domainId", "domainIds"]})
    domainId: Optional[str] = None
    domainIds: Optional[str] = Field(None, description="several ids, comma-separated")


class DomainNameQuery(Query):
    domainName: str
    maskForwarding: Optional[bool] = None


class AvailableQuery(Query):
    domainName: str
    tlds: Optional[str] = Field(None, description="comma-separated, e.g. com,net")


class PaymentLinkQuery(Query):
    domains: str = Field(description="names to buy, comma-separated")
    years: Optional[int] = Field(None, ge=1, le=10)
    enableDnsShield: Optional[bool] = None
