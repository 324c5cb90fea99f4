"""Paid plans for workspace features other than mailboxes (inbox-placement credits, domain
protection slots): bought from the wallet at once (the answer is the paid invoice), cancelled
at the end of the period or reverted before it, renewed on the clock, upgraded for the price
difference. What a plan grants is the feature module's business (placement_orders, shield);
the price list is the dialect's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from ..core import scheduler
from ..core.errors import Invalid, NotFound
from ..core.store import World
from . import wallet
from .accounts import Scope
from .lookup import in_workspace
from .models import Account, ServicePlan

MONTHLY, LTD = "MONTHLY", "LTD"
PLAN_TYPES = (MONTHLY, LTD)
STATUSES = ("ACTIVE", "CANCELLED")

# feature -> what ending a plan does (a shield plan's domains lose protection); modules register theirs
_ON_END: dict[str, Callable[[World, Account, ServicePlan, float], None]] = {}


def on_end(feature: str):
    def register(fn):
        _ON_END[feature] = fn
        return fn
    return register


@dataclass(frozen=True)
class Offer:
    """One plan of a price list: its name, MONTHLY or LTD, the units it grants per period and
    its price (per period for MONTHLY, once for LTD)."""
    name: str
    plan_type: str
    units: int
    price: float


def buy(scope: Scope, feature: str, offer: Offer, what: str) -> ServicePlan:
    world, owner, now = scope.world, scope.owner, scope.now
    link = wallet.pay_invoice(world, owner, scope.workspace.id, offer.price, f"{what}: {offer.name}",
                              {"feature": feature, "plan": offer.name})
    period = world.settings["subscription_period_seconds"]
    plan = ServicePlan(id=world.ids.new(owner.id_style), workspace_id=scope.workspace.id, feature=feature,
                       plan_name=offer.name, plan_type=offer.plan_type, units=offer.units, price=wallet.money(offer.price),
                       status="ACTIVE", created_at=now, updated_at=now, period_start=now,
                       period_end=now + period if offer.plan_type == MONTHLY else None, invoice_token=link.token)
    owner.service_plans[plan.id] = plan
    if plan.period_end is not None:
        scheduler.schedule(owner, plan.period_end, "service_plan.renew", plan.id)
    return plan


def plans_of(scope: Scope, feature: str, live_only: bool = False) -> list[ServicePlan]:
    """The workspace's plans of one feature, newest first."""
    rows = [p for p in scope.owner.service_plans.values() if p.workspace_id == scope.workspace.id
            and p.feature == feature and (not live_only or p.status == "ACTIVE")]
    return sorted(rows, key=lambda p: p.created_at, reverse=True)


def find(scope: Scope, feature: str, plan_id, field: str = "subscriptionId") -> ServicePlan:
    plan = in_workspace(scope, scope.owner.service_plans, plan_id, field, "Subscription")
    if plan.feature != feature:
        raise NotFound("Subscription not found", field=field)
    return plan


def cancel(scope: Scope, plan: ServicePlan, revert: bool = False) -> ServicePlan:
    """A MONTHLY plan is cancelled at the end of its period (revert undoes that while the period
    runs); an LTD plan has no period, so it ends at once."""
    if revert:
        if plan.status != "ACTIVE":
            raise Invalid("Subscription has already ended and cannot be reactivated")
        if not plan.cancel_at_period_end:
            raise Invalid("Subscription is not cancelled")
        plan.cancel_at_period_end, plan.updated_at = False, scope.now
        return plan
    if plan.status != "ACTIVE" or plan.cancel_at_period_end:
        raise Invalid("Subscription is already cancelled")
    plan.updated_at = scope.now
    if plan.period_end is None:
        end(scope.world, scope.owner, plan, scope.now)
    else:
        plan.cancel_at_period_end = True
    return plan


def upgrade(scope: Scope, plan: ServicePlan, offer: Offer, field: str) -> ServicePlan:
    """A live plan moves to a larger one of the same type; the wallet pays the difference."""
    if plan.status != "ACTIVE" or plan.cancel_at_period_end:
        raise Invalid("Only an active subscription that is not cancelled can be upgraded")
    if offer.plan_type != plan.plan_type:
        raise Invalid(f"A {plan.plan_type} subscription can only move to another {plan.plan_type} plan", field=field)
    if offer.units <= plan.units:
        raise Invalid("The new plan must be larger than the current one", field=field)
    difference = wallet.money(max(offer.price - plan.price, 0))
    if difference:
        wallet.pay_invoice(scope.world, scope.owner, scope.workspace.id, difference, f"Plan upgrade: {offer.name}",
                           {"feature": plan.feature, "plan": offer.name, "upgrade": plan.id})
    plan.plan_name, plan.units, plan.price, plan.updated_at = offer.name, offer.units, wallet.money(offer.price), scope.now
    return plan


def end(world: World, account: Account, plan: ServicePlan, when: float) -> None:
    plan.status, plan.ended_at, plan.updated_at = "CANCELLED", when, when
    hook = _ON_END.get(plan.feature)
    if hook is not None:
        hook(world, account, plan, when)


def next_reset(plans: list[ServicePlan]) -> Optional[float]:
    ends = [p.period_end for p in plans if p.status == "ACTIVE" and p.period_end is not None]
    return min(ends) if ends else None


@scheduler.handler("service_plan.renew")
def _renew(world: World, account: Account, ref: str, due: float) -> None:
    plan = account.service_plans.get(ref)
    if plan is None or plan.status != "ACTIVE" or plan.period_end is None or abs(plan.period_end - due) > 1e-6:
        return
    if plan.cancel_at_period_end:
        end(world, account, plan, due)
        return
    # as mailbox subscriptions do, a renewal starts the next period (the simulator charges only
    # purchases); periods long past renew in one step
    period = world.settings["subscription_period_seconds"]
    skipped = max(0, int((world.now() - plan.period_end) // period))
    plan.period_start = plan.period_end + skipped * period
    plan.period_end = plan.period_start + period
    plan.used, plan.updated_at = 0, due
    scheduler.schedule(account, plan.period_end, "service_plan.renew", plan.id)
