"""Request models: the JSON types each body must have. Business rules (limits, existence,
username rules) are checked by the domain; these reject wrong shapes and types first, with a
400 that names the field."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import ConfigDict, Field

from ...core.parsing import Query, Says, validate
from ...domain.connections import STATUSES as CONNECTION_STATUSES
from ...domain.domains import DOMAIN_STATUSES, MAX_CART, MAX_YEARS, TLD_PRICES
from ...domain.exports import MANUAL
from ...domain.wallet import MAX_TOP_UP
from ..bodies import BillingFields, Body, PageQuery, Dmarc, DomainFilter, EmailTarget, Forwarding  # noqa: F401
from ..bodies import ExportMailboxes as SharedExport
from ...domain.connections import MAX_NAMES as MAX_CONNECT
from ..fields import LABEL, DomainName, Email, Id, Matches, NonBlank, OneOf, non_empty

# Sending tools accepted as targets: the docs' list plus the apps seen in client code
# (observed reference); MANUAL exports a CSV.
APPS = ("REACHINBOX", "INSTANTLY", "SMARTLEAD", "REPLY_IO", "QUICKMAIL", "EMELIA", "EMAILBISON", "FIRSTQUADRANT",
        "WARMY", "SUPERAGI", "LEMLIST", "PIPL", "LUELLA", "MASTER_INBOX", "SAILE", "SNOV", "RECRUITERFLOW",
        "MAILTOASTER", "MANYREACH", "COLDSTATS", "BRANDJET", "HOTHAWK", "MAILIVERY", "EMAILGUARD", "UNIPILE",
        "APOLLO", "TRULYINBOX", "VENTA")
EXPORT_APPS = APPS + (MANUAL,)
App = Annotated[str, OneOf(APPS, "Invalid app parameter. Supported apps: " + ", ".join(APPS))]
ExportApp = Annotated[str, OneOf(EXPORT_APPS, "Invalid app parameter. Supported apps: " + ", ".join(EXPORT_APPS))]
Money = Annotated[float, Field(gt=0, le=MAX_TOP_UP)]


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
    company: NonBlank
    state: NonBlank
    phoneCc: NonBlank
    phone: NonBlank
    languagePreference: NonBlank


WorkspaceName = Annotated[NonBlank, Field(max_length=100)]


class CreateWorkspace(Body):
    name: WorkspaceName
    billingDetails: WorkspaceBilling


class UpdateWorkspace(Body):
    id: NonBlank
    name: WorkspaceName


# ---------------------------------------------------------------- mailboxes

class UpdateMailboxes(Body):
    mailboxData: list[Any]


class ScheduledRemoval(Body):
    """An empty mailboxIds means every active mailbox (docs)."""
    mailboxIds: Optional[list[Id]] = None
    remove: bool


class RemoveInstantly(Body):
    mailboxIds: non_empty(Id)
    # the docs' example sends true; false would ask for nothing
    remove: Annotated[Optional[Literal[True]], Says("remove must be true to remove mailboxes")] = None


# ---------------------------------------------------------------- wallet and subscriptions

class AddBalance(Body):
    amount: Money


class AutoRecharge(Body):
    enable: bool
    threshold: Optional[Annotated[float, Field(ge=0)]] = None
    minimumRechargeAmount: Optional[Money] = None


class CancelSubscription(Body):
    subscriptionId: NonBlank
    revertCancellation: bool


class UpgradeSubscription(Body):
    subscriptionId: NonBlank
    lookupKey: Optional[str] = None
    uniquePlanKey: Optional[str] = None


# ---------------------------------------------------------------- exports

class ExportMailboxes(SharedExport):
    """The shared body, its apps narrowed to Zapmail's list."""
    apps: non_empty(ExportApp)


class ThirdPartyAccountBody(Body):
    email: Email
    password: NonBlank
    app: App
    url: Optional[NonBlank] = None
    clientId: Optional[NonBlank] = None
    clientIdAppName: Optional[NonBlank] = None
    accountId: Optional[NonBlank] = None


class UpdateThirdPartyAccount(ThirdPartyAccountBody):
    """Update finds the account by accountId, else by app: with accountId, app may be left out
    (the domain's rule, v3 docs); omitted fields keep their values."""
    email: Optional[Email] = None
    password: Optional[NonBlank] = None
    app: Optional[App] = None


# ---------------------------------------------------------------- domains

class ClientId(Body):
    domainIds: non_empty(Id)
    clientId: NonBlank
    app: NonBlank


class RemoveDomains(Body):
    ids: non_empty(Id)


class CartItem(Body):
    domainName: DomainName
    years: Annotated[int, Field(ge=1, le=MAX_YEARS)] = 1


class BuyDomains(Body):
    domains: non_empty(CartItem, most=MAX_CART)
    useWallet: bool = False
    enableDnsShield: bool = False


Tld = Annotated[str, OneOf(tuple(TLD_PRICES), "unsupported TLD {value!r}. Supported: " + ", ".join(TLD_PRICES))]
# A search names a label, or a name whose first label is searched
SearchName = Annotated[str, Matches(rf"^\s*{LABEL}(?:\.|\s*$)", "invalid domain name: {value!r}")]


class SearchAvailable(Body):
    domainName: SearchName
    tlds: Optional[list[Tld]] = None
    years: Optional[Annotated[int, Field(ge=1, le=MAX_YEARS)]] = None


class AvailableBulk(Body):
    domainNames: non_empty(DomainName, most=20)


class NameServers(Body):
    domainName: DomainName
    maskForwarding: Optional[bool] = None


class ConnectDomain(Body):
    """The new form sends domainNames; the deprecated one domainName (+ nameServers)."""
    domainNames: Optional[non_empty(DomainName, most=MAX_CONNECT)] = None
    domainName: Optional[DomainName] = None
    nameServers: Optional[str] = None


class RemoveConnectionRequests(Body):
    domainNames: Optional[list[Any]] = None
    cloudflareCredentialsId: Optional[str] = None
    status: Optional[Union[list[str], str]] = None
    contains: Optional[str] = None


class CheckDns(Body):
    domainIds: non_empty(Id)


# ---------------------------------------------------------------- dns

class AddDns(Body):
    assignedDomainId: Id
    records: non_empty(Any)


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
    app: App


class ExportStatusQuery(Query):
    # export ids are integers: a non-integer is a 400, not an unknown id
    exportId: Annotated[str, Field(json_schema_extra={"x-record-id": "integer"}),
                        Matches(r"^\s*[0-9]+\s*$", "must be an integer")]


class SubscriptionsQuery(Query):
    status: Optional[str] = None


class DeleteDnsQuery(Query):
    id: str
    assignedDomainId: str
