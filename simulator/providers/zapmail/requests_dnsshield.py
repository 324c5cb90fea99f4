"""Request models of the DNS Shield group (Tier C, observed): bodies as public client code and a
client's copy of the docs send them. The price list is the reference's: 3 USD per domain a
month, or a lifetime (LTD) plan, Starter 299 / Growth 999 / Pro 2999 USD; the slots each LTD plan
grants are ours."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field

from ...core.parsing import Query
from ...domain.domains import DOMAIN_STATUSES
from ...domain.service_plans import LTD, MONTHLY, Offer
from ...domain.shield import EXISTING
from ..bodies import Body, PageQuery
from ..fields import DomainName, Id, NonBlank, examples, integer, non_empty

MONTHLY_PRICE_PER_DOMAIN = 3  # USD a month (reference)
MAX_QUANTITY = 10_000  # ours: a bound on one purchase
MAX_DOMAINS = 1000  # ours: a bound on one call
LTD_PLANS = {o.name: o for o in (Offer("Starter", LTD, 100, 299), Offer("Growth", LTD, 500, 999),
                                 Offer("Pro", LTD, 2000, 2999))}
PLAN_TYPES = (LTD, MONTHLY, EXISTING)  # observed enum
DomainIds = Annotated[list[Id], Field(max_length=MAX_DOMAINS)]


def monthly(quantity: int) -> Offer:
    return Offer("Monthly", MONTHLY, quantity, MONTHLY_PRICE_PER_DOMAIN * quantity)


class EligibleDomainsQuery(PageQuery):
    """page and limit (a client marks both required; absent, they default as everywhere); filters
    as a client sends them: tagIds and mailboxIds comma-separated, status one domain status
    (absent: ACTIVE, the domains that can be protected)."""
    tagIds: Optional[str] = None
    contains: Optional[str] = None
    status: Optional[Literal[DOMAIN_STATUSES]] = None
    mailboxIds: Optional[str] = None


class AllocatedQuery(Query):
    subscriptionId: Annotated[Id, Field(json_schema_extra={"x-record-id": "uuid"})]


class AllocateDomains(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"domainIds": ["64e71b99-bc07-4b5d-90b6-6abc0120c08c"]})
    domainIds: non_empty(Id, most=MAX_DOMAINS)


class PurchaseShield(Body):
    """planType MONTHLY (quantity slots, at least one per named domain), LTD (planName) or
    EXISTING (the named domains take free slots of the workspace's plans); absent: MONTHLY
    (ours). Example: observed (client code)."""
    model_config = examples({"planType": "MONTHLY", "domainIds": ["<id>"]})
    planType: Optional[Literal[PLAN_TYPES]] = None
    planName: Optional[Literal[tuple(LTD_PLANS)]] = None
    quantity: Optional[integer(ge=1, le=MAX_QUANTITY)] = None
    domainNames: Optional[Annotated[list[DomainName], Field(max_length=MAX_DOMAINS)]] = None
    domainIds: Optional[DomainIds] = None


class UpgradeShield(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"subscriptionId": "3f9c2a7e-6d14-4b8a-9f2e-1c7d5e8b4a91", "newPlanName": "Growth"})
    subscriptionId: NonBlank
    newPlanName: Literal[tuple(LTD_PLANS)]


class CancelShield(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"subscriptionId": "3f9c2a7e-6d14-4b8a-9f2e-1c7d5e8b4a91"})
    subscriptionId: NonBlank
