"""Request models: the JSON types each body must have. Business rules (limits, existence,
username rules) are checked by the domain; these reject wrong shapes and types first, with a
400 that names the field."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import ConfigDict, Field

from ...core.parsing import Query, validate
from ...domain.connections import STATUSES as CONNECTION_STATUSES
from ...domain.domains import DOMAIN_STATUSES
from ..bodies import BillingFields, Body, PageQuery, Dmarc, DomainFilter, EmailTarget, ExportMailboxes, Forwarding  # noqa: F401


def parse(call, model: type[Body]) -> Body:
    # Zapmail reports one problem per answer: the first. The route's declared body arrives
    # already validated.
    if isinstance(call.body, model):
        return call.body
    return validate(call.body, model)


# ---------------------------------------------------------------- workspaces and billing

class WorkspaceBilling(BillingFields):
    """Create new workspace marks every billing field but the address lines two and three as
    required (docs Body Params)."""
    company: str
    state: str
    phoneCc: str
    phone: str
    languagePreference: str


class CreateWorkspace(Body):
    name: str
    billingDetails: WorkspaceBilling


class UpdateWorkspace(Body):
    id: str
    name: str


# ---------------------------------------------------------------- mailboxes

class UpdateMailboxes(Body):
    mailboxData: list[Any]


class ScheduledRemoval(Body):
    mailboxIds: Optional[list[str]] = None
    remove: bool


class RemoveInstantly(Body):
    mailboxIds: list[str]
    remove: Optional[bool] = None


# ---------------------------------------------------------------- wallet and subscriptions

class AddBalance(Body):
    amount: float


class AutoRecharge(Body):
    enable: bool
    threshold: Optional[float] = None
    minimumRechargeAmount: Optional[float] = None


class CancelSubscription(Body):
    subscriptionId: str
    revertCancellation: bool


class UpgradeSubscription(Body):
    subscriptionId: str
    lookupKey: Optional[str] = None
    uniquePlanKey: Optional[str] = None


# ---------------------------------------------------------------- exports

class ThirdPartyAccountBody(Body):
    email: Optional[str] = None
    password: Optional[str] = None
    app: str
    url: Optional[str] = None
    clientId: Optional[str] = None
    clientIdAppName: Optional[str] = None
    accountId: Optional[str] = None


class UpdateThirdPartyAccount(ThirdPartyAccountBody):
    """Update finds the account by accountId, else by app: with accountId, app may be left out
    (the domain's rule, v3 docs)."""
    app: Optional[str] = None


# ---------------------------------------------------------------- domains

class ClientId(Body):
    domainIds: list[str]
    clientId: str
    app: str


class RemoveDomains(Body):
    ids: list[str]


class BuyDomains(Body):
    domains: list[Any]
    useWallet: bool = False
    enableDnsShield: bool = False


class SearchAvailable(Body):
    domainName: str
    tlds: Optional[list[str]] = None
    years: Optional[int] = None


class AvailableBulk(Body):
    domainNames: list[str]


class NameServers(Body):
    domainName: str
    maskForwarding: Optional[bool] = None


class ConnectDomain(Body):
    domainNames: Optional[list[Any]] = None
    domainName: Optional[str] = None
    nameServers: Optional[str] = None


class RemoveConnectionRequests(Body):
    domainNames: Optional[list[Any]] = None
    cloudflareCredentialsId: Optional[str] = None
    status: Optional[Union[list[str], str]] = None
    contains: Optional[str] = None


class CheckDns(Body):
    domainIds: list[str]


# ---------------------------------------------------------------- dns

class AddDns(Body):
    assignedDomainId: str
    records: list[Any]


class UpdateDns(Body):
    assignedDomainId: str
    dnsRecordId: str
    host: Optional[str] = None
    value: Optional[str] = None
    recordType: Optional[str] = None
    priority: Optional[int] = None
    zoneId: Optional[str] = None


# ---------------------------------------------------------------- query strings



class WorkspacesQuery(PageQuery):
    contains: Optional[str] = None
    search: Optional[str] = None


class ContainsQuery(PageQuery):
    contains: Optional[str] = None


class DomainsQuery(ContainsQuery):
    status: Optional[Literal[DOMAIN_STATUSES]] = None


class ConnectionRequestsQuery(ContainsQuery):
    status: Optional[Literal[CONNECTION_STATUSES]] = None


class ByIdQuery(Query):
    id: Annotated[str, Field(json_schema_extra={"x-record-id": "uuid"})]


class AuthenticatorQuery(Query):
    """One mailbox's code by mailboxId, or the domain admin's by domainId."""
    model_config = ConfigDict(json_schema_extra={"x-requires-one-of": ["mailboxId", "domainId"]})
    mailboxId: Optional[str] = None
    domainId: Optional[str] = None


class AppQuery(Query):
    app: str


class ExportStatusQuery(Query):
    # export ids are integers: a non-integer is a 400, not an unknown id
    exportId: Annotated[str, Field(json_schema_extra={"x-record-id": "integer"})]


class SubscriptionsQuery(Query):
    status: Optional[str] = None


class DeleteDnsQuery(Query):
    id: str
    assignedDomainId: str
