"""Answer shapes of the DNS Shield group. Observed (zapmail-v2-observed.yaml, live notes): the
slots' totalAvailableSlots and subscriptions; the first eight keys of a subscription row in
alphabetical order (billingCycle ... lookupKey), so the row's other keys, ours, sort after them;
eligible domains paged as data.domains. Domain rows are GET /v2/domains' rows; the rest is ours."""
from __future__ import annotations

from typing import Literal, Optional

from typing_extensions import TypedDict

from .responses import FORBID, Domain, PageFields

PlanType = Literal["MONTHLY", "LTD"]


class ShieldSubscription(TypedDict):
    __pydantic_config__ = FORBID
    billingCycle: PlanType
    cancelledByUser: bool
    couponApplied: bool
    createdAt: str
    id: str
    invoiceLink: Optional[str]
    isFreeTrial: bool
    lookupKey: str
    periodEnd: Optional[str]
    planName: str
    planType: PlanType
    status: Literal["ACTIVE", "CANCELLED"]
    totalSlots: int
    updatedAt: str
    usedSlots: int


class ShieldSlotsRow(TypedDict):
    __pydantic_config__ = FORBID
    subscriptionId: str
    planName: str
    planType: PlanType
    totalSlots: int
    usedSlots: int
    availableSlots: int


class ShieldSlots(TypedDict):
    __pydantic_config__ = FORBID
    totalAvailableSlots: int
    subscriptions: list[ShieldSlotsRow]


class ShieldEligiblePage(PageFields):
    __pydantic_config__ = FORBID
    domains: list[Domain]


class ShieldAllocated(TypedDict):
    __pydantic_config__ = FORBID
    subscriptionId: str
    totalAllocated: int
    domains: list[Domain]


class ShieldProtected(TypedDict):
    """Allocate and purchase: the named domains (now protected), the plan bought (purchase; null
    when existing slots were used) and the free slots left."""
    __pydantic_config__ = FORBID
    subscription: Optional[ShieldSubscription]
    domains: list[Domain]
    totalAvailableSlots: int


# zapmail-v2-observed.yaml, zapmail.v2.dns_shield.available_slots, 200 (reconstructed from a live read)
SLOTS_EXAMPLE = {"status": 200, "message": "<not captured>", "data": {"totalAvailableSlots": 0, "subscriptions": []}}
