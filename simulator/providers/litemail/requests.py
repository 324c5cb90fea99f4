"""LiteMail request models: each body's and query string's JSON types and every rule the server
enforces on one field's shape (non-empty, lengths, ranges, enums, formats), so the published
document states them and a request breaking one is refused before its handler runs.

Only Assign Mailboxes to Domain and Upgrade Subscription have documented bodies (litemail.yaml
FACTS); every other body is inferred (ours), named as the equivalent Zapmail body names its
fields unless a documented LiteMail fact says otherwise. Rules that need state (existence,
names taken, limits per domain, money) are the domain's. A failed parse answers 400 with
`errors: [{field, message}]` naming every bad field.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import AliasChoices, BeforeValidator, ConfigDict, Field

from ...core.parsing import Query, validate
from ...domain import connections, dns, exports, placement, wallet, warmup
from ...domain.domains import DOMAIN_STATUSES, MAX_CART, MAX_YEARS
from ...domain.settings import TLD_PRICES
from .. import bodies
from ..bodies import BillingFields, Body, PageQuery
from ..fields import (LABEL, NOT_SPACE, SPACE, SPACES, DomainName, Email, FilterId, ForwardTarget, Matches, NonBlank,
                      PersonName, PictureChange, Username, examples, non_empty)
from .wire import MailboxStatus


def text(most: Optional[int] = None) -> Any:
    """A string that is not blank, of at most `most` characters."""
    return Annotated[NonBlank, Field(max_length=most)]


# a login at another service: only an @ is required there
LooseEmail = Annotated[str, Field(max_length=254), Matches("@", "must be a valid email address")]


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


_NAME = rf"(?:{LABEL}\.)+[A-Za-z]{{1,63}}\.?"
_TLD = "(?:" + "|".join(_any_case(t) for t in TLD_PRICES) + ")"
_BUYABLE = rf"(?:{LABEL}\.)+{_TLD}\.?"  # a name under a TLD the simulator sells
BuyableName = Annotated[str, Field(max_length=253), Matches(rf"^{SPACE}*{_BUYABLE}{SPACE}*$",
                                                            "must be a domain name under a TLD we sell: "
                                                            + ", ".join(TLD_PRICES))]


def parse(call, model: type[Body]) -> Body:
    # the route's declared body arrives already validated
    if isinstance(call.body, model):
        return call.body
    return validate(call.body, model, all_errors=True)


# ---------------------------------------------------------------- workspaces, billing, api keys

class Billing(BillingFields):
    """Inferred (ours): Zapmail's billing fields and required set (its example is Zapmail's)."""
WorkspaceName = text(100)


class CreateWorkspace(Body):
    """Inferred (ours): Zapmail's Create new workspace body."""
    model_config = examples({"name": "Outbound team", "billingDetails": {
        "firstName": "Ada", "lastName": "Lovelace", "addressLineOne": "1 Main Street", "city": "London",
        "country": "GB", "postalCode": "N1 9GU"}})
    name: WorkspaceName
    billingDetails: Billing  # required, as Zapmail's Create new workspace (inferred)


class UpdateWorkspace(Body):
    """Inferred (ours)."""
    model_config = examples({"name": "Outbound team EU"})
    name: WorkspaceName


class Login(Body):
    """Inferred (ours): log in with the account's email and password. Not checked for shape:
    any wrong pair is the same 401."""
    model_config = examples({"email": "owner@example.com", "password": "s3cret-Pass", "name": "CI key"})
    email: str
    password: str
    name: Optional[str] = None  # a label for the key (ours)


# ---------------------------------------------------------------- mailboxes

# mailboxUsername, or the legacy userName (documented on Assign); errors name mailboxUsername
# when neither is sent.
USERNAME_ALIASES = AliasChoices("mailboxUsername", "userName")


class AssignItem(Body):
    """Documented: domain (by name), mailboxUsername or the legacy userName, firstName, lastName."""
    domain: text(253)
    firstName: PersonName
    lastName: PersonName
    mailboxUsername: Username = Field(validation_alias=USERNAME_ALIASES)


class AssignMailboxes(Body):
    """Documented (litemail.yaml FACTS, Assign Mailboxes to Domain): request and example."""
    model_config = examples({"mailboxes": [
        {"mailboxUsername": "john", "domain": "b2bforcelabs.com", "firstName": "John", "lastName": "Doe"},
        {"mailboxUsername": "jane", "domain": "b2bforcelabs.com", "firstName": "Jane", "lastName": "Smith"}]})
    mailboxes: non_empty(AssignItem)


class CreateMailbox(Body):
    """Inferred (ours): one mailbox; the domain by id (domainId) or by name (domain), as Assign
    names it; the username as mailboxUsername, userName or username."""
    model_config = examples({"domain": "b2bforcelabs.com", "mailboxUsername": "john", "firstName": "John",
                             "lastName": "Doe"}, json_schema_extra={"x-requires-one-of": ["domainId", "domain"]})
    domainId: Optional[text()] = None
    domain: Optional[text(253)] = None
    firstName: PersonName
    lastName: PersonName
    mailboxUsername: Username = Field(validation_alias=AliasChoices("mailboxUsername", "userName", "username"))


MAILBOX_CHANGES = ("firstName", "lastName", "username", "mailboxUsername", "profilePicture", "removeProfilePicture")


class UpdateMailbox(Body):
    """Inferred (ours): at least one of the fields (none may be null); username and
    mailboxUsername are one field."""
    model_config = examples({"firstName": "Johnny", "username": "johnny"},
                            json_schema_extra={"anyOf": [{"required": [f]} for f in MAILBOX_CHANGES]})
    firstName: PersonName = None
    lastName: PersonName = None
    username: Username = None
    mailboxUsername: Username = None
    profilePicture: PictureChange = None  # "" clears it, as the domain takes it
    removeProfilePicture: bool = None


# ---------------------------------------------------------------- wallet and subscriptions

Money = Annotated[float, Field(gt=0, le=wallet.MAX_TOP_UP)]


class Amount(Body):
    """Inferred (ours): an amount in USD."""
    model_config = examples({"amount": 50})
    amount: Money


class AutoRecharge(Body):
    """Inferred (ours): threshold and recharge amount in USD."""
    model_config = examples({"enable": True, "threshold": 20, "amount": 50})
    enable: bool = True
    threshold: Optional[Annotated[float, Field(ge=0, le=wallet.MAX_TOP_UP)]] = None
    amount: Optional[Money] = None  # LiteMail name (ours); Zapmail's minimumRechargeAmount accepted
    minimumRechargeAmount: Optional[Money] = None


# Plans: Basic and Pro are the documented upgrade example's names; sizes, prices and the
# Enterprise plan are ours (inferred).
PLANS = {
    "Basic": {"plan": "Basic", "quantity": 10, "price": 39},
    "Pro": {"plan": "Pro", "quantity": 50, "price": 149},
    "Enterprise": {"plan": "Enterprise", "quantity": 200, "price": 499},
}


class Upgrade(Body):
    """Documented (litemail.yaml FACTS, Upgrade Subscription): {newPlan}, example included."""
    model_config = examples({"newPlan": "Pro"})
    newPlan: Literal[tuple(PLANS)]


# ---------------------------------------------------------------- exports

# Sending platforms a LiteMail export can target: not documented; the common cold-email tools
# (ours, inferred), plus MANUAL for a CSV file.
APPS = ("INSTANTLY", "SMARTLEAD", "REPLY_IO", "LEMLIST", "EMAILBISON", "REACHINBOX", "QUICKMAIL", "SNOV",
        "APOLLO", "PIPL", "SALESFORGE", "WOODPECKER")
EXPORT_APPS = APPS + (exports.MANUAL,)


def _app(value):
    return value.strip().upper() if isinstance(value, str) else value


# a platform in any case, surrounding blanks ignored (ours)
Platform = Annotated[Literal[APPS], BeforeValidator(_app)]


class ExportMailboxes(bodies.ExportMailboxes):
    """Inferred (ours): Zapmail's export body; LiteMail's own list of apps."""
    model_config = examples({"apps": ["INSTANTLY"], "ids": ["cmghw714w0004p2i04b8j0m51"]})
    apps: non_empty(Literal[EXPORT_APPS])


class ConnectInboxes(Body):
    """Inferred (ours): connect inboxes to a platform, an export to one app. `platform` (ours;
    `app` accepted); every ACTIVE mailbox when mailboxIds is left out."""
    model_config = examples({"platform": "INSTANTLY", "mailboxIds": ["cmghw714w0004p2i04b8j0m51"]},
                            json_schema_extra={"x-requires-one-of": ["platform", "app"],
                                               "anyOf": [{"required": ["platform"]}, {"required": ["app"]}]})
    platform: Platform = None
    app: Platform = None
    mailboxIds: Optional[Annotated[list[str], Field(max_length=exports.MAX_EXPORT_IDS)]] = None
    thirdPartyAccountId: Optional[str] = None


class ThirdPartyAccount(Body):
    """Inferred (ours): Zapmail's third-party account body."""
    model_config = examples({"app": "INSTANTLY", "email": "ops@example.com", "password": "instantly-Pass1"})
    app: Literal[APPS]
    email: LooseEmail
    password: text()
    url: Optional[text()] = None
    clientId: Optional[text()] = None
    clientIdAppName: Optional[text()] = None


class ThirdPartyUpdate(Body):
    """Inferred (ours)."""
    model_config = examples({"password": "new-instantly-Pass2"})
    app: Optional[Literal[APPS]] = None
    email: Optional[LooseEmail] = None
    password: Optional[text()] = None


# ---------------------------------------------------------------- domains

# The domain's selection rule (domains.select), stated for the document: non-empty domainIds, or
# at least one filter that filters (a non-blank contains, a status, non-empty tagIds).
SELECTION = {"anyOf": [{"required": ["domainIds"], "properties": {"domainIds": {"type": "array", "minItems": 1}}},
                       {"required": ["contains"], "properties": {"contains": {"type": "string", "pattern": NOT_SPACE}}},
                       {"required": ["status"], "properties": {"status": {"type": ["string", "array"],
                                                                          "minLength": 1, "minItems": 1}}},
                       {"required": ["tagIds"], "properties": {"tagIds": {"type": "array", "minItems": 1}}}]}


class DomainTargets(bodies.DomainFilter):
    """Inferred (ours): bulk domain settings select domains as Zapmail does: domainIds, or
    filters (contains, status, tagIds)."""
    model_config = examples({"domainIds": ["cmg9l788c0001la04ctg7t1j4"]}, json_schema_extra=SELECTION)
    status: Optional[Union[list[Literal[DOMAIN_STATUSES]], Literal[DOMAIN_STATUSES], Literal[""]]] = None


class Dmarc(DomainTargets):
    """Inferred (ours): where DMARC reports go."""
    model_config = examples({"domainIds": ["cmg9l788c0001la04ctg7t1j4"], "email": "dmarc@example.com"},
                            json_schema_extra=SELECTION)
    email: Email


class Forwarding(DomainTargets):
    """Inferred (ours): a domain or URL the domains forward to."""
    model_config = examples({"domainIds": ["cmg9l788c0001la04ctg7t1j4"], "forwardTo": "https://example.com"},
                            json_schema_extra=SELECTION)
    forwardTo: ForwardTarget


class EmailTarget(DomainTargets):
    """Inferred (ours): the address mail is forwarded or caught to."""
    model_config = examples({"domainIds": ["cmg9l788c0001la04ctg7t1j4"], "email": "inbox@example.com"},
                            json_schema_extra=SELECTION)
    email: Email


class CartItem(Body):
    domainName: BuyableName
    years: Optional[Annotated[int, Field(ge=1, le=MAX_YEARS)]] = None


class Purchase(Body):
    """Inferred (ours): domains [{domainName, years?}] (the cart format of the core, as Zapmail's
    Buy), paid from the wallet."""
    model_config = examples({"domains": [{"domainName": "b2bforcelabs.com", "years": 1}], "enableDnsShield": False})
    domains: non_empty(CartItem, most=MAX_CART)
    enableDnsShield: bool = False


class Connect(Body):
    """Inferred (ours): the names of domains the user registered elsewhere."""
    model_config = examples({"domainNames": ["b2bforcelabs.com"]})
    domainNames: non_empty(DomainName, most=connections.MAX_NAMES)


# ---------------------------------------------------------------- dns

def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


RecordType = Annotated[Literal[dns.RECORD_TYPES], BeforeValidator(_upper)]  # any case (ours)
Priority = Annotated[int, Field(ge=0, le=65535)]


class DnsRecord(Body):
    """Documented route (Add DNS Record); the body's fields are ours (inferred)."""
    model_config = examples({"domainId": "cmg9l788c0001la04ctg7t1j4", "host": "@", "value": "mail.example.com",
                             "recordType": "MX", "priority": 10})
    domainId: text()
    host: text()
    value: text()
    recordType: RecordType
    priority: Optional[Priority] = None


class DnsUpdate(Body):
    """Inferred (ours): any of the fields."""
    model_config = examples({"value": "mail2.example.com", "priority": 20})
    host: Optional[text()] = None
    value: Optional[text()] = None
    recordType: Optional[RecordType] = None
    priority: Optional[Priority] = None


def validate_login(body) -> Login:
    return validate(body, Login, all_errors=True)


# ---------------------------------------------------------------- query strings

class MailboxesQuery(PageQuery):
    # status in LiteMail's words, any case (ours)
    status: Annotated[Optional[MailboxStatus], BeforeValidator(_upper)] = None
    domainId: FilterId = None
    search: Optional[str] = Field(None, description="part of the address or of the name")
    contains: Optional[str] = Field(None, description="same as search, the name Zapmail's lists use")
    tagId: FilterId = Field(None, description="mailboxes carrying the tag, or on a domain carrying it")


class DomainsQuery(PageQuery):
    status: Annotated[Optional[Literal[DOMAIN_STATUSES]], BeforeValidator(_upper)] = None
    search: Optional[str] = Field(None, description="part of the name")
    contains: Optional[str] = Field(None, description="same as search")
    tagId: FilterId = Field(None, description="domains carrying the tag")


class SearchQuery(PageQuery):
    search: Optional[str] = Field(None, description="part of the name")
    contains: Optional[str] = Field(None, description="same as search")


class SubscriptionsQuery(PageQuery):
    status: Optional[str] = Field(None, description="only subscriptions in this status (any case)")


class PlacementQuery(PageQuery):
    status: Optional[Literal[placement.STATUSES]] = None


class ExportHistoryQuery(PageQuery):
    status: Optional[Literal[exports.EXPORT_STATUSES]] = None


class WarmupQuery(PageQuery):
    mailboxId: FilterId = None
    domainId: FilterId = None
    tagId: FilterId = None
    days: Optional[int] = Field(None, ge=1, le=warmup.MAX_HISTORY_DAYS, description="days of daily numbers (default 7)")


class DnsListQuery(PageQuery):
    domainId: text()


class DnsCheckQuery(Query):
    model_config = ConfigDict(json_schema_extra={"x-requires-one-of": ["domainId", "domainIds"]})
    domainId: Optional[str] = None
    domainIds: Optional[str] = Field(None, description="several ids, comma-separated")


class DomainNameQuery(Query):
    domainName: DomainName


class NameServersQuery(DomainNameQuery):
    maskForwarding: Optional[bool] = None


# a label to search around, or a full name (whose label is searched and which is looked up exactly)
SearchName = Annotated[str, Field(max_length=253), Matches(rf"^{SPACE}*(?:{LABEL}|{_NAME}){SPACE}*$",
                                                           "must be a name such as acme or acme.com")]
# comma-separated, blanks between commas ignored
TldList = Annotated[str, Matches(rf"^[{SPACES},]*(?:{_TLD}(?:{SPACE}*,[{SPACES},]*{_TLD})*)?[{SPACES},]*$",
                                 "must be TLDs we sell, comma-separated: " + ", ".join(TLD_PRICES))]
NameList = Annotated[str, Matches(rf"^[{SPACES},]*{_BUYABLE}(?:{SPACE}*,[{SPACES},]*{_BUYABLE})*[{SPACES},]*$",
                                  "must be domain names under TLDs we sell, comma-separated")]


class AvailableQuery(Query):
    domainName: SearchName
    tlds: Optional[TldList] = Field(None, description="comma-separated, e.g. com,net")


class PaymentLinkQuery(Query):
    domains: NameList = Field(description="names to buy, comma-separated")
    years: Optional[int] = Field(None, ge=1, le=MAX_YEARS)
    enableDnsShield: Optional[bool] = None
