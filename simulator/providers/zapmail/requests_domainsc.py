"""Request models of the renewal, quick setup, domain search (AI finder, aged and pre-warmed
domains) and global search routes (Tier C): each field's rules, so the document states them."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import ConfigDict, Field, model_validator

from ...core.errors import Unprocessable
from ...core.parsing import Query, Says
from ...domain.domains import MAX_CART
from ...domain.models import PLATFORMS
from ..bodies import SELECTS, Body, PageQuery
from ..fields import SPACE, DomainName, Id, Matches, OneOf, PersonName, Username, examples, integer, non_blank, non_empty
from .requests import ExportApp

# ---------------------------------------------------------------- renewals and moves

MAX_IDS = 1000  # ours: a bound on one call


class RenewalSettingsChange(Body):
    autoRenew: bool


class UpdateRenewalSettings(Body):
    """domainRenewalSettings' inner fields were not captured: autoRenew is ours (support: API purchases
    renew only when the workspace default says so). Example: ours (the reference has none)."""
    model_config = examples({"domainRenewalSettings": {"autoRenew": True}})
    domainRenewalSettings: RenewalSettingsChange


# Supported apps of Fetch workspaces by app: the live 400 lists these (cut off after "MAST...";
# MASTER_INBOX is the only app of the export list that starts so). SMARTLEAD is not one (live, docs).
FETCH_APPS = ("INSTANTLY", "QUICKMAIL", "SUPERAGI", "REACHINBOX", "MANYREACH", "MASTER_INBOX")
FETCH_APPS_TEXT = "Invalid app parameter. Supported apps: " + ", ".join(FETCH_APPS)


class FetchWorkspacesQuery(Query):
    app: Annotated[str, OneOf(FETCH_APPS, FETCH_APPS_TEXT), Says(FETCH_APPS_TEXT)]
    accountId: Optional[Annotated[str, Field(min_length=1)]] = None


class RemoveForwarding(Body):
    """A single domainId, not an array. Example: observed (client fixture)."""
    model_config = examples({"domainId": "ms-d"})
    domainId: Id


IdList = Annotated[list[Id], Field(max_length=MAX_IDS)]


class Filters(Body):
    """The renewal calls' optional filters may be left out, not sent as null: live,
    {"contains": null, "tagIds": null} is a 422 "Invalid value" (infra-bot, Domains renewing soon;
    the other renewal calls take the same filters and are held to the same rule)."""
    contains: str = None
    tagIds: IdList = None

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data):
        if isinstance(data, dict):
            for name in ("contains", "tagIds", "domainIds"):
                field = cls.model_fields.get(name)
                if field is not None and name in data and data[name] is None and not field.is_required():
                    # not a ValueError: it reaches the pipeline as its own status, not as a 400
                    raise Unprocessable("Invalid value", field=name)
        return data


# the domain's selection rule, stated: domainIds, or a filter (contains, tagIds)
SELECTED = {"anyOf": [SELECTS[0], SELECTS[1], SELECTS[3]]}


class RenewalFilter(Filters):
    """Optional filters; a null is refused (live). Example: observed (client code sends {})."""
    model_config = examples({})


class GetRenewalPrice(Filters):
    """The domains by id, or (with an empty list) by contains/tagIds. Example: observed."""
    model_config = examples({"domainIds": ["<id>"]}, json_schema_extra=SELECTED)
    domainIds: IdList


class Renew(Filters):
    """The domains by id or by contains/tagIds. Example: observed."""
    model_config = examples({"domainIds": ["<id>"]}, json_schema_extra=SELECTED)
    domainIds: IdList = None


class UpdateAutoRenew(Filters):
    """Example: observed."""
    model_config = examples({"domainIds": ["<id>"], "autoRenew": True}, json_schema_extra=SELECTED)
    domainIds: IdList
    autoRenew: bool


class MoveWorkspace(Body):
    """workspaceId is the destination; serviceProvider may travel in the body (a client reference
    and fixture). Example: observed (client test fixture)."""
    model_config = examples({"serviceProvider": "GOOGLE", "domainIds": ["dom-1"], "workspaceId": "ws-2"})
    domainIds: non_empty(Id, most=MAX_IDS)
    workspaceId: Id
    serviceProvider: Optional[Literal[PLATFORMS]] = None


# ---------------------------------------------------------------- quick setup

class QuickDomain(Body):
    domainName: DomainName


class QuickMailbox(Body):
    """username (one client) or mailboxUsername (another client's fixture): either is taken."""
    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["username"]}, {"required": ["mailboxUsername"]}]})
    username: Optional[Username] = None
    mailboxUsername: Optional[Username] = None
    firstName: PersonName
    lastName: PersonName


class QuickSetup(Body):
    """mailboxes is keyed by a domainName of `domains`. Example: observed (client code)."""
    model_config = examples({"domains": [{"domainName": "example.com"}], "mailboxes": {"example.com": [
        {"username": "ada", "firstName": "Ada", "lastName": "Lovelace"}]}, "exportApp": "SMARTLEAD",
        "enableDnsShield": False})
    domains: non_empty(QuickDomain, most=MAX_CART)
    mailboxes: dict[str, Annotated[list[QuickMailbox], Field(max_length=100)]]
    exportApp: Optional[ExportApp] = None
    enableDnsShield: bool = False


class QuickSetupQuery(Query):
    domain: DomainName


# ---------------------------------------------------------------- domain search

# A TLD to try: the finder may suggest ones Zapmail does not register (.io, .co: observed).
FinderTld = Annotated[str, Matches(rf"^{SPACE}*\.?[A-Za-z]{{2,24}}{SPACE}*$", "must be a TLD such as com")]


class AiFinder(Body):
    """3-6 specific keywords work best (client notes). Example: observed (client code)."""
    model_config = examples({"keywords": ["data", "ingest", "pipeline"], "tlds": ["com"], "desiredCount": 10})
    keywords: non_empty(non_blank(50), most=10)
    tlds: non_empty(FinderTld, most=10)
    desiredCount: integer(ge=1, le=50)


class AgedPurchase(Body):
    """Names of the aged-domain list, at most 50 (client reference). Example: ours (the reference has
    none)."""
    model_config = examples({"domains": ["harborpartners.com"]})
    domains: non_empty(DomainName, most=50)


class PrewarmedQuery(PageQuery):
    """page and limit (a client marks them required; absent, they default as everywhere)."""
    contains: Optional[str] = None


# Pre-warmed plans: (name, price, mailboxes). Starter's and Pro's prices from a client reference
# ("Starter 39 ... Pro 339"), Growth Addon's price and size from a live row; the other sizes ours.
PREWARMED_PLANS = {"starter": ("Starter Addon", 39, 5), "growth": ("Growth Addon", 105, 15),
                   "pro": ("Pro Addon", 339, 50)}


class PrewarmedPlanQuery(Query):
    planType: Literal[tuple(PREWARMED_PLANS)]


class PrewarmedAssign(Body):
    """Ids from Get pre-warmed domains. Example: ours (the reference has none)."""
    model_config = examples({"domainIds": ["3f9c2a7e-6d14-4b8a-9f2e-1c7d5e8b4a91"]})
    domainIds: non_empty(Id, most=50)


class PrewarmedSubscriptionsQuery(PageQuery):
    status: Optional[Literal["ACTIVE", "CANCELLED", "PAUSED", "PAYMENT_PENDING"]] = None


# ---------------------------------------------------------------- global search

class GlobalSearchQuery(PageQuery):
    """page and limit (a client marks them required, defaulting 1 and 10); contains: part of an
    address or domain."""
    contains: Optional[str] = None
