"""payments & wallet, subscriptions."""
from __future__ import annotations

from ....domain import purchases, subscriptions, wallet
from .. import render, requests, wire



def pay_url(call, link) -> str:
    return f"{call.base_url}/_sim/pay/{link.token}"


def add_balance(call):
    body = requests.parse(call, requests.AddBalance)
    link = wallet.create_link(call.world, call.scope.owner, call.scope.workspace.id, "wallet_topup",
                              wallet.money(body.amount))
    return wire.flat(render.payment_link("Checkout session created successfully", pay_url(call, link)))


def get_balance(call):
    return wire.flat(render.wallet_balance(call.scope.owner))


def enable_auto_recharge(call):
    body = requests.parse(call, requests.AutoRecharge)
    link = wallet.set_auto_recharge(call.world, call.scope.owner, call.scope.workspace.id, body.enable,
                                    body.threshold, body.minimumRechargeAmount)
    if link is not None:
        return wire.flat(render.auto_recharge("Add your payment method to enable auto-recharge", pay_url(call, link)))
    return wire.flat(render.auto_recharge("Auto recharge enabled successfully" if body.enable
                                          else "Auto recharge disabled successfully"))


def list_subscriptions(call):
    scope = call.scope
    rows = subscriptions.list_for(scope.owner, scope.workspace.id, scope.platform)
    status = call.args.status
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
    subscriptions.upgrade(call.world, sub, key, requests.PLANS, owner=call.scope.owner)
    return wire.flat(render.empty())


def addon_price(sub) -> float:
    cycle = next((c for c, n in requests.CYCLES.items() if n == sub.periods), "MONTHLY")
    prices = requests.ADDON_PRICES.get(sub.plan, requests.ADDON_PRICES["Starter"])  # a plan not sold: the dearest
    return prices[cycle]


def buy_addon_mailboxes(call):
    link, _ = purchases.buy_addon_slots(call.scope, call.args.quantity, addon_price)
    url = pay_url(call, link)
    # the docs' message embeds the invoice URL
    return wire.flat(render.payment_link(f"Mailbox purchase is processed successfully and invoice is created. {url}", url))


def purchase_subscription(call):
    cycle = call.args.billingCycle or "MONTHLY"
    quantity, prices = requests.SUBSCRIPTION_PLANS[call.args.planName]
    plan = purchases.Plan(name=call.args.planName, key=f"zap_mail_{call.args.planName.lower()}", quantity=quantity,
                          price=prices[cycle], periods=requests.CYCLES[cycle])
    link, _ = purchases.buy_subscription(call.scope, plan)
    return wire.flat(render.payment_link("Subscription purchased successfully", pay_url(call, link)))
