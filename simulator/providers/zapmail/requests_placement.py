"""Request models of the placement-test group (Tier C, observed): the run body as public client
code sends it (placementType, testName, mailboxIds, seedAccounts), the plan's name, paging and
the order id. The price list is here, as the reference gives it: a ONE_TIME test costs 2 USD per
mailbox; plans cost Starter 29 ... Pro 199 USD a month, or 99 / 299 / 999 USD for life (LTD)."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field

from ...core.parsing import Query
from ...domain import placement
from ...domain.mailboxes import MAILBOX_STATUSES
from ...domain.service_plans import LTD, MONTHLY, Offer
from ..bodies import Body, PageQuery
from ..fields import Id, examples, non_blank, non_empty

ONE_TIME_PRICE_PER_MAILBOX = 2  # USD (reference: "ONE_TIME (2 USD per mailbox)")
# placementType: MONTHLY draws on plan credits, ONE_TIME pays from the wallet (reference)
PLACEMENT_TYPES = ("MONTHLY", "ONE_TIME")
# seed accounts by the names clients send ("google"/"microsoft365" are the documented values,
# infra-bot) -> the mailbox provider the domain's placement tests send to
SEEDS = {"google": "GOOGLE", "microsoft365": "MICROSOFT"}
# Plans: prices from the reference (Growth's monthly price is ours, between the two given);
# the credits each grants (one per tested mailbox, per month or for life) are ours.
PLANS = {o.name: o for o in (
    Offer("Starter", MONTHLY, 25, 29), Offer("Growth", MONTHLY, 100, 79), Offer("Pro", MONTHLY, 300, 199),
    Offer("Starter LTD", LTD, 25, 99), Offer("Growth LTD", LTD, 100, 299), Offer("Pro LTD", LTD, 300, 999))}


class RunPlacementTest(Body):
    """Example: observed (client code)."""
    model_config = examples({"placementType": "ONE_TIME", "testName": "Fleet placement test", "mailboxIds": ["<id>"],
                             "seedAccounts": ["google"]})
    placementType: Literal[PLACEMENT_TYPES]
    testName: non_blank(placement.MAX_NAME)
    mailboxIds: non_empty(Id, most=placement.MAX_MAILBOXES)
    seedAccounts: non_empty(Literal[tuple(SEEDS)], most=len(SEEDS))


class PlacementPlan(Body):
    """Example: ours (the reference has none)."""
    model_config = examples({"planName": "Starter"})
    planName: Literal[tuple(PLANS)]


class OrdersQuery(PageQuery):
    """page and limit (a client sends both)."""


class EligibleQuery(PageQuery):
    """page and limit (a client marks both required; absent, they default as everywhere), and a
    mailbox status (absent: ACTIVE, the mailboxes a test can send from)."""
    status: Optional[Literal[MAILBOX_STATUSES]] = None


class ReportQuery(Query):
    """The order whose report is read, by its cartOrderId (as orders list it)."""
    cartOrderId: Annotated[Id, Field(json_schema_extra={"x-record-id": "uuid"})]
