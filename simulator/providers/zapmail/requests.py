"""Request models: every rule the server enforces on one field's shape (types, non-empty, formats,
enums, ranges) is declared here, so the document states it and it is checked before the handler
runs, with a 400 that names the field. Rules that need state (existence, uniqueness, limits
counted with what exists, money) are the domain's; routes.py names them (state_rules)."""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import ConfigDict, Field, RootModel

from ...core.parsing import Query, Says, validate
from ...domain.connections import MAX_NAMES as MAX_CONNECT
from ...domain.connections import STATUSES as CONNECTION_STATUSES
from ...domain.dns import MAX_RECORDS_PER_CALL, MAX_VALUE, RECORD_TYPES
from ...domain.domains import DOMAIN_STATUSES, MAX_CART, MAX_YEARS, TLD_PRICES
from ...domain.exports import MANUAL
from ...domain.tags import MAX_NAME as MAX_TAG_NAME
from ...domain.tags import MAX_TAGS
from ...domain.tags import MAX_TARGETS as MAX_TAG_TARGETS
from ...domain.team import ASSIGNABLE_ROLES, INVITATION_STATUSES
from ...domain.wallet import MAX_TOP_UP
# the shared bodies are this dialect's too (routes.py names them from here)
from ..bodies import SELECTS, BillingFields, Body, Dmarc, DomainFilter, EmailTarget, Forwarding, PageQuery  # noqa: F401
from ..bodies import ExportMailboxes as SharedExport
from ..updates import changes
from ..fields import (LABEL, SPACE, DomainName, Email, Id, Matches, NameChange, NonBlank, OneOf, PersonName,
                      PICTURE_PATTERN, Username, UsernameChange, examples, integer, non_blank, non_empty, or_empty)

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
    required (docs Body Params). Example: the docs' (Create new workspace)."""
    model_config = examples({"company": "Tech Solutions Ltd.", "firstName": "John", "lastName": "Doe",
                             "addressLineOne": "1234 Elm Street", "addressLineTwo": "Apt 567", "addressLineThree": None,
                             "city": "San Francisco", "state": "California", "country": "USA", "postalCode": "94107",
                             "phoneCc": "+1", "phone": "4151234567", "languagePreference": "en"})
    company: NonBlank
    state: NonBlank
    phoneCc: NonBlank
    phone: NonBlank
    languagePreference: NonBlank


WorkspaceName = non_blank(100)


class CreateWorkspace(Body):
    """Example: the docs'."""
    model_config = examples({"name": "New Workspace", "billingDetails": {
        "company": "Tech Solutions Ltd.", "firstName": "John", "lastName": "Doe", "addressLineOne": "1234 Elm Street",
        "addressLineTwo": "Apt 567", "addressLineThree": None, "city": "San Francisco", "state": "California",
        "country": "USA", "postalCode": "94107", "phoneCc": "+1", "phone": "4151234567", "languagePreference": "en"}})
    name: WorkspaceName
    billingDetails: WorkspaceBilling


class UpdateWorkspace(Body):
    """Example: the docs'."""
    model_config = examples({"id": "b9085239-6bb1-479b-8a30-271f7d6f904e", "name": "New Workspace"})
    id: NonBlank
    name: WorkspaceName


# ---------------------------------------------------------------- workspace team

Role = Annotated[str, OneOf(ASSIGNABLE_ROLES, "role must be one of " + ", ".join(ASSIGNABLE_ROLES))]


class MembersQuery(PageQuery):
    """page and limit (the docs mark both required; absent, they default as everywhere)."""


class MemberIdQuery(Query):
    """The member by memberId, in the query (docs: Update user role, Revoke User Access)."""
    memberId: Id


class UpdateRole(Body):
    """Example: the docs' (Update user role). OWNER cannot be assigned."""
    model_config = examples({"role": "ADMIN"})
    role: Role


class Invite(Body):
    """email, role and workspaceId (the fields a public client sends); without workspaceId, the
    request's workspace. Example: ours (the reference shows none)."""
    model_config = examples({"email": "teammate@example.com", "role": "EDITOR"})
    email: Email
    role: Role
    workspaceId: Optional[NonBlank] = None


class InvitationsQuery(PageQuery):
    status: Optional[Literal[INVITATION_STATUSES]] = None


class InvitationIdQuery(Query):
    """The invitation by invitationId, in the query (docs: Revoke invitation)."""
    invitationId: Id


# ---------------------------------------------------------------- domain tags

TagColor = Annotated[str, Matches(rf"^{SPACE}*#(?:[0-9A-Fa-f]{{3}}|[0-9A-Fa-f]{{6}}){SPACE}*$",
                                  "must be a hex colour such as #FF5733")]
TagIds = Annotated[list[Id], Field(min_length=1, max_length=MAX_TAG_TARGETS)]
DomainIds = Annotated[list[Id], Field(min_length=1, max_length=MAX_TAG_TARGETS)]


class TagSpec(Body):
    name: non_blank(MAX_TAG_NAME)
    tagColor: Optional[TagColor] = None


class CreateTags(RootModel[Annotated[list[TagSpec], Field(min_length=1, max_length=MAX_TAGS)]]):
    """A bare array of tags (docs). Example: the docs'."""
    model_config = ConfigDict(strict=True, **examples([{"name": "Production", "tagColor": "#FF5733"}]))


class AssignTags(Body):
    """Every tag on every domain. Example: the docs' (the part the stored copy shows in full)."""
    model_config = examples({"tagIds": ["tag-uuid-1", "tag-uuid-2"], "domainIds": ["domain-uuid-1"]})
    tagIds: TagIds
    domainIds: DomainIds


class DeleteTag(Body):
    """Example: the docs'."""
    model_config = examples({"tagId": "uuid-1"})
    tagId: Id


class RemoveTags(Body):
    """The tags (absent or empty: all of them) taken off domains named by domainIds or matching
    contains/status. Example: ours (the reference has none)."""
    model_config = examples({"tagIds": ["tag-uuid-1"], "domainIds": ["domain-uuid-1"]},
                            json_schema_extra={"anyOf": SELECTS[:3]})
    tagIds: Optional[Annotated[list[Id], Field(max_length=MAX_TAG_TARGETS)]] = None
    domainIds: Optional[DomainIds] = None
    contains: Optional[str] = None
    status: Optional[Union[list[Literal[DOMAIN_STATUSES]], Literal[DOMAIN_STATUSES], Literal[""]]] = None


# ---------------------------------------------------------------- mailboxes

class MailboxSpec(Body):
    """One mailbox to create on the domain its key names; domainName must be that domain's name."""
    firstName: PersonName
    lastName: PersonName
    mailboxUsername: Username
    domainName: DomainName


class AssignMailboxes(RootModel[Annotated[dict[Id, non_empty(MailboxSpec)], Field(min_length=1)]]):
    """Keys are domain ids, each with the mailboxes to create on it (docs). Example: the docs'."""
    model_config = ConfigDict(strict=True, **examples({"64e71b99-bc07-4b5d-90b6-6abc0120c08c": [
        {"firstName": "Jaspreet", "lastName": "Singh", "mailboxUsername": "jaspreet", "domainName": "azhaz.com"}]}))


class MailboxChange(Body):
    """One change: its target is a mailbox (mailboxId, or userId as its alias) or every mailbox of a
    domain (domainId); an empty or absent field keeps its current value (docs). With
    removeProfilePicture true, profilePicture is ignored, not checked (docs, Update mailbox)."""
    model_config, _names_a_change = changes(
        ("mailboxId", "domainId", "userId"), ("firstName", "lastName", "username", "profilePicture", "removeProfilePicture"),
        {"anyOf": [{"required": ["mailboxId"]}, {"required": ["domainId"]}, {"required": ["userId"]}]},
        {"anyOf": [{"required": ["removeProfilePicture"], "properties": {"removeProfilePicture": {"const": True}}},
                   {"properties": {"profilePicture": {"pattern": or_empty(PICTURE_PATTERN)}}}]})
    mailboxId: Id = None
    domainId: Id = None
    userId: Id = None
    firstName: Optional[NameChange] = None
    lastName: Optional[NameChange] = None
    username: Optional[UsernameChange] = None
    profilePicture: Optional[str] = None  # a URL or path (the domain's rule; the schema's allOf states it)
    removeProfilePicture: Optional[bool] = None


class UpdateMailboxes(Body):
    """Example: the docs'."""
    model_config = examples({"mailboxData": [
        {"userId": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "firstName": "Alice", "lastName": "Johnson",
         "username": "alice.johnson", "removeProfilePicture": True},
        {"mailboxId": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "firstName": "Bob", "lastName": "Wilson"},
        {"domainId": "6ba7b811-9dad-11d1-80b4-00c04fd430c8", "firstName": "Charlie", "lastName": "Brown",
         "profilePicture": "https://cdn.example.com/charlie.jpg"}]})
    mailboxData: non_empty(MailboxChange)


_SEVEN_IDS = ["8c710a22-745f-441b-a225-8cd1f8c8f2b1", "620b128a-bf3c-4219-a326-404983140fdd",
              "7dff34a9-fbe5-47dd-8864-4aa13fcf85e1", "6dc1cd71-a91d-4afc-ab56-48a7e9b22b75",
              "bf4c4a42-b700-4fe9-aa09-57f2dbd8d5c8", "e1389587-a124-4a14-a535-026f3f0854c9",
              "53bdd3fa-cb18-47f5-bb70-ec8adb97779d"]


MAX_RETRY_DOMAINS = 1000  # ours: a bound on one call


class RetryFailed(Body):
    """Example: the docs'."""
    model_config = examples({"domainIds": ["<domain-uuid-1>", "<domain-uuid-2>"]})
    domainIds: Annotated[list[Id], Field(min_length=1, max_length=MAX_RETRY_DOMAINS)]


class ScheduledRemoval(Body):
    """An empty mailboxIds means every active mailbox (docs). Example: the docs'."""
    model_config = examples({"mailboxIds": _SEVEN_IDS, "remove": True})
    mailboxIds: Optional[list[Id]] = None
    remove: bool


class RemoveInstantly(Body):
    """Example: the docs'."""
    model_config = examples({"mailboxIds": _SEVEN_IDS, "remove": True})
    mailboxIds: non_empty(Id)
    # the docs' example sends true; false would ask for nothing
    remove: Annotated[Optional[Literal[True]], Says("remove must be true to remove mailboxes")] = None


# ---------------------------------------------------------------- wallet and subscriptions

class AddBalance(Body):
    """Example: the docs'."""
    model_config = examples({"amount": 100.0})
    amount: Money


class AutoRecharge(Body):
    """Example: the docs'."""
    model_config = examples({"enable": True, "threshold": 25, "minimumRechargeAmount": 100})
    enable: bool
    threshold: Optional[Annotated[float, Field(ge=0)]] = None
    minimumRechargeAmount: Optional[Money] = None


class CancelSubscription(Body):
    """Example: observed (client code)."""
    model_config = examples({"subscriptionId": "<id>", "revertCancellation": False})
    subscriptionId: NonBlank
    revertCancellation: bool


# Plan keys: 'zap_mail_growth' is the docs' example; monthly prices and sizes from the
# Purchase subscription page.
PLANS = {
    "zap_mail_starter": {"plan": "Starter", "quantity": 10, "price": 39},
    "zap_mail_growth": {"plan": "Growth", "quantity": 30, "price": 99},
    "zap_mail_pro": {"plan": "Pro", "quantity": 100, "price": 299},
}
# Purchase subscription: (slots, price per billing cycle) per plan, the same for both platforms
# (docs' plan table); a cycle covers 1, 3 or 12 standard periods.
CYCLES = {"MONTHLY": 1, "QUARTERLY": 3, "YEARLY": 12}
SUBSCRIPTION_PLANS = {"Starter": (10, {"MONTHLY": 39, "QUARTERLY": 105, "YEARLY": 390}),
                      "Growth": (30, {"MONTHLY": 99, "QUARTERLY": 270, "YEARLY": 990}),
                      "Pro": (100, {"MONTHLY": 299, "QUARTERLY": 810, "YEARLY": 3000})}
# Purchase add on mailboxes: the price of one slot per plan and cycle (docs).
ADDON_PRICES = {"Starter": {"MONTHLY": 3.50, "QUARTERLY": 9.75, "YEARLY": 39.00},
                "Growth": {"MONTHLY": 3.25, "QUARTERLY": 9.00, "YEARLY": 33.00},
                "Pro": {"MONTHLY": 3.00, "QUARTERLY": 8.10, "YEARLY": 30.00}}
MAX_ADDON = 1000  # ours: a bound on one purchase


class AddonQuery(Query):
    """quantity, in the query, no body (docs and a live client)."""
    quantity: Annotated[int, Field(ge=1, le=MAX_ADDON)]


class PurchaseQuery(Query):
    """planName and billingCycle in the query, no body (a public client); the cycle defaults to MONTHLY."""
    planName: Literal[tuple(SUBSCRIPTION_PLANS)]
    billingCycle: Optional[Literal[tuple(CYCLES)]] = None


PlanKey = Annotated[str, OneOf((*PLANS, ""), "Invalid plan key. Supported: " + ", ".join(sorted(PLANS)))]


class UpgradeSubscription(Body):
    """The plan is named by lookupKey or uniquePlanKey (the docs' table names one, its example the
    other; "" names none). Example: the docs' (its parameter table's: the page's own example sends an
    empty lookupKey)."""
    model_config = examples({"uniquePlanKey": "zap_mail_growth", "subscriptionId": "sub_123456789"}, json_schema_extra={
        "anyOf": [{"required": [k], "properties": {k: {"type": "string", "enum": list(PLANS)}}}
                  for k in ("lookupKey", "uniquePlanKey")]})
    subscriptionId: NonBlank
    lookupKey: Optional[PlanKey] = None
    uniquePlanKey: Optional[PlanKey] = None


# ---------------------------------------------------------------- exports

class ExportMailboxes(SharedExport):
    """The shared body, its apps narrowed to Zapmail's list. Example: the docs' (the shared model's)."""
    apps: non_empty(ExportApp)


class ThirdPartyAccountBody(Body):
    """Example: the docs' (its EmailBison one: the page's first example names an app, MAILAPP, that no
    list has)."""
    model_config = examples({"email": "user@example.com", "password": "securepassword", "app": "EMAILBISON",
                             "url": "https://app.emailbison.com",
                             "clientId": "1234567890-abcdefg.apps.googleusercontent.com",
                             "clientIdAppName": "Email Bison OAuth App"})
    email: Email
    password: NonBlank
    app: App
    url: Optional[NonBlank] = None
    clientId: Optional[NonBlank] = None
    clientIdAppName: Optional[NonBlank] = None
    accountId: Optional[NonBlank] = None


_TARGETS = {"anyOf": [{"required": ["accountId"], "properties": {"accountId": {"type": "string"}}},
                      {"required": ["app"], "properties": {"app": {"type": "string"}}}]}


class UpdateThirdPartyAccount(ThirdPartyAccountBody):
    """Update finds the account by accountId, else by app: with accountId, app may be left out
    (the domain's rule, v3 docs); omitted fields keep their values. Example: the docs'."""
    model_config, _names_a_change = changes(("accountId", "app"), ("email", "password", "url", "clientId", "clientIdAppName"),
                                            _TARGETS)
    model_config.update(examples({"email": "user@example.com", "password": "newsecurepassword", "app": "INSTANTLY",
                                  "accountId": "3f9c2a7e-6d14-4b8a-9f2e-1c7d5e8b4a91"},
                                 json_schema_extra=model_config["json_schema_extra"]))
    email: Optional[Email] = None
    password: Optional[NonBlank] = None
    app: Optional[App] = None


# ---------------------------------------------------------------- domains

class ClientId(Body):
    """Example: observed (client code)."""
    model_config = examples({"domainIds": ["dom-1"], "clientId": "client", "app": "App"})
    domainIds: non_empty(Id)
    clientId: NonBlank
    app: NonBlank


class RemoveDomains(Body):
    """Example: the docs'."""
    model_config = examples({"ids": ["64e71b99-bc07-4b5d-90b6-6abc0120c08c"]})
    ids: non_empty(Id)


class CartItem(Body):
    domainName: DomainName
    years: integer(ge=1, le=MAX_YEARS) = 1


class BuyDomains(Body):
    """Example: the docs'."""
    model_config = examples({"domains": [{"domainName": "example.com", "years": 1}, {"domainName": "example.io", "years": 1}],
                             "useWallet": True, "enableDnsShield": True})
    domains: non_empty(CartItem, most=MAX_CART)
    useWallet: bool = False
    enableDnsShield: bool = False


Tld = Annotated[str, OneOf(tuple(TLD_PRICES), "unsupported TLD {value!r}. Supported: " + ", ".join(TLD_PRICES))]
# A search names a label, or a name whose first label is searched
SearchName = Annotated[str, Matches(rf"^{SPACE}*{LABEL}(?:\.|{SPACE}*$)", "invalid domain name: {value!r}")]


class SearchAvailable(Body):
    """Example: observed (client code)."""
    model_config = examples({"domainName": "ledgerpipeline", "tlds": ["com"], "years": 1})
    domainName: SearchName
    tlds: Optional[list[Tld]] = None
    years: Optional[integer(ge=1, le=MAX_YEARS)] = None


class AvailableBulk(Body):
    """Example: observed (client code)."""
    model_config = examples({"domainNames": ["google.com", "qzvxwmpldkrt7742.com", "streamintake.com"]})
    domainNames: non_empty(DomainName, most=20)


class NameServers(Body):
    """Example: the docs' (Verify Name Server Propagation)."""
    model_config = examples({"domainName": "yourdomain.com"})
    domainName: DomainName
    maskForwarding: Optional[bool] = None


class ConnectDomain(Body):
    """The new form sends domainNames; the deprecated one domainName (+ nameServers). Example: the docs'."""
    model_config = examples({"domainName": "yourdomain.com"})
    domainNames: Optional[non_empty(DomainName, most=MAX_CONNECT)] = None
    domainName: Optional[DomainName] = None
    nameServers: Optional[str] = None


ConnectionStatus = Literal[CONNECTION_STATUSES]


class RemoveConnectionRequests(Body):
    """Requests named by domainNames or by status (at least one). Example: ours (the reference has
    none)."""
    model_config = examples({"domainNames": ["example.com"]}, {"status": ["FAILED"]}, json_schema_extra={"anyOf": [
        {"required": ["domainNames"], "properties": {"domainNames": {"type": "array", "minItems": 1}}},
        {"required": ["status"], "properties": {"status": {"anyOf": [{"type": "array", "minItems": 1},
                                                                     {"type": "string", "minLength": 1}]}}}]})
    domainNames: Optional[Annotated[list[DomainName], Field(max_length=MAX_CONNECT)]] = None  # [] names none
    cloudflareCredentialsId: Optional[str] = None
    status: Optional[Union[list[ConnectionStatus], ConnectionStatus, Literal[""]]] = None
    contains: Optional[str] = None


class CheckDns(Body):
    """Example: the docs'."""
    model_config = examples({"domainIds": ["domainId1", "domainId2"]})
    domainIds: non_empty(Id)


# ---------------------------------------------------------------- dns

def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


# A record type, any case, surrounding spaces forgiven (the domain normalises it).
RecordType = Annotated[str, Matches(rf"^{SPACE}*(?:{'|'.join(_any_case(t) for t in RECORD_TYPES)}){SPACE}*$",
                                    "must be one of " + ", ".join(RECORD_TYPES))]
RecordValue = non_blank(MAX_VALUE)
Priority = integer(ge=0, le=65535)


class DnsRecordIn(Body):
    """One record to add; host relative to the domain or absolute (as reads show it)."""
    host: NonBlank
    value: RecordValue
    recordType: RecordType
    priority: Optional[Priority] = None


class AddDns(Body):
    """Example: the docs'."""
    model_config = examples({"assignedDomainId": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "records": [
        {"host": "@", "value": "203.0.113.1", "recordType": "A"}, {"host": "blog", "value": "example.com", "recordType": "CNAME"},
        {"host": "_dmarc", "value": "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com", "recordType": "TXT"},
        {"host": "@", "value": "2001:db8::1", "recordType": "AAAA"}]})
    assignedDomainId: Id
    records: non_empty(DnsRecordIn, most=MAX_RECORDS_PER_CALL)


class UpdateDns(Body):
    """Example: observed (client code)."""
    model_config, _names_a_change = changes(("assignedDomainId", "dnsRecordId", "zoneId"),
                                            ("host", "value", "recordType", "priority"))
    model_config.update(examples({"assignedDomainId": "g-d", "dnsRecordId": "r1", "host": "track",
                                  "value": "track.warmbly.com", "recordType": "CNAME"},
                                 json_schema_extra=model_config["json_schema_extra"]))
    assignedDomainId: Id
    dnsRecordId: Id
    host: Optional[NonBlank] = None
    value: Optional[RecordValue] = None
    recordType: Optional[RecordType] = None
    priority: Optional[Priority] = None
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
    id: Annotated[Id, Field(json_schema_extra={"x-record-id": "uuid"})]


class AuthenticatorQuery(Query):
    """One mailbox's code by mailboxId, or the domain admin's by domainId."""
    model_config = ConfigDict(json_schema_extra={"x-requires-one-of": ["mailboxId", "domainId"]})
    mailboxId: Optional[Id] = None
    domainId: Optional[Id] = None


class HealthQuery(Query):
    """One domain by domainId; without it (or empty), every domain of the workspace (grantry:
    optional)."""
    domainId: Optional[str] = Field(None, description="a domain id; empty or absent: every domain of the workspace")


class AppQuery(Query):
    app: App


class ExportStatusQuery(Query):
    # export ids are integers: a non-integer is a 400, not an unknown id
    exportId: Annotated[str, Field(json_schema_extra={"x-record-id": "integer"}),
                        Matches(rf"^{SPACE}*[0-9]+{SPACE}*$", "must be an integer")]


class SubscriptionsQuery(Query):
    status: Optional[str] = None


class DeleteDnsQuery(Query):
    id: Id
    assignedDomainId: Id
