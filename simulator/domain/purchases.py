"""Buying mailbox slots from the wallet: more slots on the workspace's subscription (add-ons),
or a new subscription. Both are paid at once from the wallet (auto recharge applies); the
answer is the paid invoice. Prices and plans are the dialect's catalogue."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..core.errors import Invalid
from . import subscriptions, wallet
from .accounts import Scope
from .models import PaymentLink, Subscription


@dataclass(frozen=True)
class Plan:
    name: str
    key: str
    quantity: int
    price: float  # for the whole billing cycle
    periods: int  # standard periods the cycle covers


def active_subscription(scope: Scope) -> Subscription:
    """The workspace's newest live subscription on the request's platform."""
    for sub in subscriptions.list_for(scope.owner, scope.workspace.id, scope.platform):
        if sub.status in subscriptions.LIVE_STATUSES and not sub.cancel_at_period_end:
            return sub
    raise Invalid(f"No active {scope.platform} subscription in this workspace; purchase a subscription first")


def buy_addon_slots(scope: Scope, quantity: int,
                    unit_price: Callable[[Subscription], float]) -> tuple[PaymentLink, Subscription]:
    """`quantity` more slots on the live subscription, at the per-slot price of its plan and cycle."""
    sub = active_subscription(scope)
    total = wallet.money(unit_price(sub) * quantity)
    link = wallet.pay_invoice(scope.world, scope.owner, scope.workspace.id, total, f"Add-on mailboxes: {quantity}",
                              {"subscription": sub.id, "quantity": quantity})
    sub.quantity += quantity
    return link, sub


def buy_subscription(scope: Scope, plan: Plan) -> tuple[PaymentLink, Subscription]:
    link = wallet.pay_invoice(scope.world, scope.owner, scope.workspace.id, plan.price, f"Subscription: {plan.name}",
                              {"plan": plan.key})
    world = scope.world
    start = scope.now
    sub = subscriptions.add_subscription(world, scope.owner, scope.workspace.id, scope.platform, plan=plan.name,
                                         plan_key=plan.key, price=plan.price, quantity=plan.quantity,
                                         period_start=start,
                                         period_end=start + world.settings["subscription_period_seconds"] * plan.periods)
    sub.periods = plan.periods
    return link, sub
