"""Mailbox subscriptions: the slots mailboxes occupy, cancellation, upgrades and renewal.

A subscription belongs to a workspace and a platform. Slots purchased = the quantity of its
ACTIVE subscriptions; slots used = live mailboxes + slots of instantly removed mailboxes, which
stay taken until the next renewal (docs, Remove Mailboxes Instantly).
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from ..core import scheduler
from ..core.errors import Invalid, NotFound
from ..core.store import World
from .models import Account
from .models import Subscription
from . import webhooks

LIVE_STATUSES = ("ACTIVE",)


def add_subscription(world: World, account: Account, workspace_id: str, platform: str, *, plan: str,
                     plan_key: str, price: float, quantity: int, status: str = "ACTIVE",
                     period_start: Optional[float] = None, created_at: Optional[float] = None,
                     subscription_id: Optional[str] = None, external_id: Optional[str] = None,
                     period_end: Optional[float] = None) -> Subscription:
    now = world.now()
    start = now if period_start is None else period_start
    sub = Subscription(
        id=subscription_id or world.ids.new(account.id_style), external_id=external_id or "sub_" + world.ids.token(24),
        workspace_id=workspace_id, platform=platform, plan=plan, plan_key=plan_key, price=price, quantity=quantity,
        status=status, period_start=start,
        period_end=period_end if period_end is not None else start + world.settings["subscription_period_seconds"],
        created_at=created_at if created_at is not None else start,
        invoice_url=None,
    )
    sub.invoice_url = f"/_sim/invoices/{sub.external_id}"
    account.subscriptions[sub.id] = sub
    if status == "ACTIVE":
        scheduler.schedule(account, sub.period_end, "subscription.renew", sub.id)
    return sub


def purchased_slots(account: Account, workspace_id: str, platform: str) -> int:
    return slots(account, workspace_id, platform).purchased


def used_slots(account: Account, workspace_id: str, platform: str) -> int:
    return slots(account, workspace_id, platform).used


class Slots(NamedTuple):
    purchased: int
    used: int
    main: Optional[Subscription]  # the ACTIVE subscription with the most slots (the newest of equals)


def slots(account: Account, workspace_id: str, platform: str) -> Slots:
    """purchased_slots, used_slots and the main plan in one pass over the account's
    subscriptions: `/users` shows all three on every call."""
    purchased = held = 0
    main = None
    for s in account.subscriptions.values():
        if s.workspace_id != workspace_id or s.platform != platform:
            continue
        held += s.held_slots
        if s.status in LIVE_STATUSES:
            purchased += s.quantity
        if s.status == "ACTIVE" and (main is None or s.quantity > main.quantity
                                     or (s.quantity == main.quantity and s.created_at > main.created_at)):
            main = s
    return Slots(purchased, account.mailboxes.count(workspace_id, platform) + held, main)


def free_slots(account: Account, workspace_id: str, platform: str) -> int:
    """Purchased slots that neither mailboxes, held slots nor scheduled creations take (docs:
    scheduled mailboxes count against the quota Assign New Mailboxes checks)."""
    scheduled = sum(1 for s in account.scheduled_mailboxes.values()
                    if s.workspace_id == workspace_id and s.platform == platform)
    held = slots(account, workspace_id, platform)
    return held.purchased - held.used - scheduled


def hold_slots(account: Account, workspace_id: str, platform: str, count: int) -> None:
    for sub in account.subscriptions.values():
        if sub.workspace_id == workspace_id and sub.platform == platform and sub.status in LIVE_STATUSES:
            sub.held_slots += count
            return


def find(account: Account, workspace_id: str, subscription_id: str) -> Subscription:
    """Look a subscription up by its external id (sub_...), which is what the API takes; the
    internal id is accepted too."""
    for sub in account.subscriptions.values():
        if sub.workspace_id == workspace_id and subscription_id in (sub.external_id, sub.id):
            return sub
    raise NotFound("Subscription not found")


def list_for(account: Account, workspace_id: str, platform: Optional[str] = None) -> list[Subscription]:
    subs = [s for s in account.subscriptions.values() if s.workspace_id == workspace_id
            and (platform is None or s.platform == platform)]
    return sorted(subs, key=lambda s: s.created_at, reverse=True)


def cancel(world: World, sub: Subscription, revert: bool) -> Subscription:
    """Cancellation takes effect at the end of the paid period; revertCancellation undoes it
    while the period is still running."""
    if revert:
        if not sub.cancel_at_period_end and sub.status != "CANCELLED":
            raise Invalid("Subscription is not cancelled")
        if sub.status == "CANCELLED":
            raise Invalid("Subscription has already ended and cannot be reactivated")
        sub.cancel_at_period_end = False
        return sub
    if sub.status == "CANCELLED" or sub.cancel_at_period_end:
        raise Invalid("Subscription is already cancelled")
    sub.cancel_at_period_end = True
    return sub


def upgrade(world: World, sub: Subscription, plan_key: str, catalog: dict, field: str = "lookupKey",
            owner: Optional[Account] = None) -> Subscription:
    """`field` is the request field that named the plan, for error messages; subscribers of the
    `owner` account hear of the price change."""
    plan = catalog.get(plan_key)
    if plan is None:
        raise Invalid(f"Invalid plan key. Supported: {', '.join(sorted(catalog))}", field=field)
    if sub.status != "ACTIVE" or sub.cancel_at_period_end:
        raise Invalid("Only an active subscription that is not cancelled can be upgraded")
    if plan["quantity"] <= sub.quantity:
        raise Invalid("The new plan must include more mailboxes than the current one", field=field)
    previous = sub.price
    sub.plan, sub.plan_key, sub.price, sub.quantity = plan["plan"], plan_key, plan["price"], plan["quantity"]
    if owner is not None:
        webhooks.emit(world, owner, "subscription.billing", sub, previous=previous)
    return sub


@scheduler.handler("subscription.renew")
def _renew(world: World, account: Account, ref: str, due: float) -> None:
    from .mailboxes import delete_mailbox  # renewal drops what was scheduled for removal

    sub = account.subscriptions.get(ref)
    if sub is None or sub.status != "ACTIVE" or abs(sub.period_end - due) > 1e-6:
        return
    for mb in list(account.mailboxes.values()):
        if mb.workspace_id == sub.workspace_id and mb.platform == sub.platform and mb.scheduled_removal:
            delete_mailbox(account, mb, world, due)
    sub.held_slots = 0
    if sub.cancel_at_period_end:
        sub.status = "CANCELLED"
        webhooks.emit(world, account, "subscription.status", sub, due, previous="ACTIVE")
        return
    period = world.settings["subscription_period_seconds"] * sub.periods
    # Periods that ended long ago renew in one step (a clock advanced by a century must not
    # run one renewal per month): after the first renewal the later ones change nothing else.
    skipped = max(0, int((world.now() - sub.period_end) // period))
    sub.period_start = sub.period_end + skipped * period
    sub.period_end = sub.period_start + period
    # the mailboxes it pays for are paid up to the new period end
    for mb in account.mailboxes.values():
        if mb.workspace_id == sub.workspace_id and mb.platform == sub.platform:
            mb.expire_on = sub.period_end
    scheduler.schedule(account, sub.period_end, "subscription.renew", sub.id)
