"""payment & wallet, subscriptions."""
from __future__ import annotations

from ....domain import subscriptions, wallet
from .. import render, requests, wire
from ..requests import PLANS
from .common import listing, path_id


def get_balance(call):
    return wire.ok("Wallet balance fetched successfully", render.wallet(call.scope.owner))


def add_balance(call):
    """method-doc notes: answers a payment link; the wallet is credited once it is paid."""
    body = requests.parse(call, requests.Amount)
    amount = wallet.validate_amount(body.amount)
    link = wallet.create_link(call.world, call.scope.owner, call.scope.workspace.id, "wallet_topup", amount)
    return wire.created("Payment link created successfully", render.top_up(link, call.base_url))


def add_credit(call):
    """Inferred (v3 tree): credits the wallet at once from the card saved by an earlier paid
    link; without one -> 400."""
    body = requests.parse(call, requests.Amount)
    amount = wallet.validate_amount(body.amount)
    charge = wallet.charge_saved_card(call.world, call.scope.owner, amount)
    return wire.created("Credit added to wallet successfully", render.wallet_credit(call.scope.owner, charge))


def auto_recharge(call):
    """enable=false turns it off; with a saved card it is on at once; without one the answer
    carries a payment link to save a card (the core's rule, as Zapmail's)."""
    body = requests.parse(call, requests.AutoRecharge)
    amount = body.amount if body.amount is not None else body.minimumRechargeAmount
    link = wallet.set_auto_recharge(call.world, call.scope.owner, call.scope.workspace.id, body.enable,
                                    body.threshold, amount)
    data = render.wallet_with_link(call.scope.owner, link, call.base_url)
    if link is not None:
        return wire.ok("Add a payment method to enable auto recharge", data)
    return wire.ok("Auto recharge enabled successfully" if body.enable else "Auto recharge disabled successfully",
                   data)


def list_subscriptions(call):
    """Documented route; the list shape is the one LiteMail list shape (ours), newest first,
    optional ?status=."""
    scope = call.scope
    rows = subscriptions.list_for(scope.owner, scope.workspace.id)
    status = (call.args.status or "").strip().upper()
    if status:
        rows = [s for s in rows if s.status == status]
    return listing(call, "Subscriptions fetched successfully", "subscriptions", rows,
                   lambda s: render.subscription(s, call.base_url))


def _subscription(call):
    return subscriptions.find(call.scope.owner, call.scope.workspace.id, path_id(call, "subscriptionId"))


def cancel_subscription(call):
    """Cancels at the end of the paid period (the core's rule)."""
    sub = subscriptions.cancel(call.world, _subscription(call), False)
    return wire.ok("Subscription will be cancelled at the end of the current period",
                   render.subscription(sub, call.base_url))


def upgrade_subscription(call):
    body = requests.parse(call, requests.Upgrade)
    sub = _subscription(call)
    old = sub.plan
    subscriptions.upgrade(call.world, sub, body.newPlan, PLANS, field="newPlan", owner=call.scope.owner)
    # Documented: the message without a full stop.
    return wire.ok("Subscription upgraded successfully", render.upgraded(sub, old, call.world.now()))
