"""payments & wallet, subscriptions."""
from __future__ import annotations

from ....domain import subscriptions, wallet
from .. import render, requests, wire

# Plan keys: 'zap_mail_growth' is the docs' example; monthly prices and sizes from the
# Purchase subscription page.
PLANS = {
    "zap_mail_starter": {"plan": "Starter", "quantity": 10, "price": 39},
    "zap_mail_growth": {"plan": "Growth", "quantity": 30, "price": 99},
    "zap_mail_pro": {"plan": "Pro", "quantity": 100, "price": 299},
}


def pay_url(call, link) -> str:
    return f"{call.base_url}/_sim/pay/{link.token}"


def add_balance(call):
    body = requests.parse(call, requests.AddBalance)
    link = wallet.create_link(call.world, call.scope.owner, call.scope.workspace.id, "wallet_topup",
                              wallet.money(body.amount))
    return wire.flat({"message": "Checkout session created successfully", "paymentLink": pay_url(call, link)})


def get_balance(call):
    owner = call.scope.owner
    # Flat body (docs schema; infra-bot reads it at the top level, live).
    return wire.flat({
        "message": "Wallet balance fetched successfully",
        "walletBalance": wallet.money(owner.wallet_balance),
        "autoRechargeEnabled": owner.auto_recharge_enabled,
        "autoRechargeDetails": {"amount": wallet.money(owner.auto_recharge_amount),
                                "threshold": wallet.money(owner.auto_recharge_threshold)},
    })


def enable_auto_recharge(call):
    body = requests.parse(call, requests.AutoRecharge)
    link = wallet.set_auto_recharge(call.world, call.scope.owner, call.scope.workspace.id, body.enable,
                                    body.threshold, body.minimumRechargeAmount)
    if link is not None:
        return wire.flat({"message": "Add your payment method to enable auto-recharge", "paymentLink": pay_url(call, link)})
    return wire.flat({"message": "Auto recharge enabled successfully" if body.enable else "Auto recharge disabled successfully"})


def list_subscriptions(call):
    scope = call.scope
    rows = subscriptions.list_for(scope.owner, scope.workspace.id, scope.platform)
    status = call.query.get("status")
    if status:
        rows = [s for s in rows if s.status == status]
    return wire.ok("User subscriptions", [render.subscription(s, call.base_url) for s in rows])


def cancel_subscription(call):
    body = requests.parse(call, requests.CancelSubscription)
    sub = subscriptions.find(call.scope.owner, call.scope.workspace.id, body.subscriptionId.strip())
    subscriptions.cancel(call.world, sub, body.revertCancellation)
    message = "Subscription cancellation reverted successfully" if body.revertCancellation \
        else "Subscription will be cancelled at the end of the current period"
    return wire.ok(message, None)


def upgrade_subscription(call):
    body = requests.parse(call, requests.UpgradeSubscription)
    # The docs' table names uniquePlanKey, its example sends lookupKey: accept either.
    key = body.lookupKey or body.uniquePlanKey or ""
    sub = subscriptions.find(call.scope.owner, call.scope.workspace.id, body.subscriptionId.strip())
    subscriptions.upgrade(call.world, sub, key, PLANS)
    return wire.flat({})  # the docs example is an empty object
