"""Quick setup: one call buys domains, creates mailboxes on them and optionally exports them.

Wallet only: the cost (the domains, plus the mailbox slots the workspace lacks) is computed and
checked up front, then paid at once (support, observed reference). Each domain then walks the
documented statuses on the clock: PENDING (registering) -> DOMAIN_SUCCESS -> MAILBOX_IN_PROGRESS
-> MAILBOX_SUCCESS -> [EXPORT_IN_PROGRESS ->] COMPLETED, or stops at DOMAIN_FAILED,
MAILBOX_FAILED or EXPORT_FAILED. The steps are the domain purchase, mailbox creation and export
the other calls use; each step waits for the one before it to be done.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from ..core import scheduler
from ..core.errors import Invalid, NotFound, SimError
from ..core.store import World
from . import domains, exports, mailboxes, purchases, subscriptions, wallet
from .accounts import Scope
from .models import Account, PaymentLink, QuickSetup, QuickSetupDomain, Subscription

STATUSES = ("PENDING", "DOMAIN_SUCCESS", "DOMAIN_FAILED", "MAILBOX_IN_PROGRESS", "MAILBOX_FAILED",
            "MAILBOX_SUCCESS", "EXPORT_IN_PROGRESS", "EXPORT_FAILED", "COMPLETED")
# the pause between one step's end and the next step's start (ours): each status is seen a while
STEP_SECONDS = 30


@dataclass(frozen=True)
class Spec:
    """One mailbox to create, as asked."""
    username: object
    first_name: object
    last_name: object


def _check_mailboxes(scope: Scope, names: list[str], wanted: dict[str, list[Spec]]) -> dict[str, list[dict]]:
    limit = scope.world.settings["mailboxes_per_domain"]
    out: dict[str, list[dict]] = {n: [] for n in names}
    for key, specs in wanted.items():
        name = key.strip().lower().rstrip(".")
        if name not in out:
            raise Invalid(f"mailboxes.{key}: the domain is not among the domains to buy", field=f"mailboxes.{key}")
        if len(out[name]) + len(specs) > limit:
            raise Invalid(f"A domain can have at most {limit} mailboxes; {len(specs)} were requested for {name}",
                          field=f"mailboxes.{key}")
        for i, s in enumerate(specs):
            where = f"mailboxes.{key}[{i}]"
            row = {"username": mailboxes.check_username(s.username, f"{where}.username"),
                   "first": mailboxes.check_person_name(s.first_name, f"{where}.firstName"),
                   "last": mailboxes.check_person_name(s.last_name, f"{where}.lastName")}
            if any(r["username"] == row["username"] for r in out[name]):
                raise Invalid(f"Mailbox {row['username']}@{name} is asked for twice", field=f"{where}.username")
            out[name].append(row)
    return out


def _check_export(scope: Scope, app: Optional[str], apps: tuple[str, ...]) -> Optional[str]:
    if app is None:
        return None
    exports.check_app(app, apps, "exportApp")
    linked = exports.accounts_of(scope, app)
    if app != exports.MANUAL and len(linked) != 1:
        raise Invalid(f"Quick setup exports to {app} need exactly one {app} account in this workspace "
                      f"({len(linked)} found)", field="exportApp")
    return app


def start(scope: Scope, names: list, wanted: dict[str, list[Spec]], export_app: Optional[str], dns_shield: bool,
          apps: tuple[str, ...], slot_price: Callable[[Subscription], float]) -> tuple[QuickSetup, PaymentLink]:
    """Check everything, pay once from the wallet, buy and register the domains, add the missing
    slots to the live subscription; the mailboxes and export follow on the clock."""
    cart = domains.check_cart(scope, [{"domainName": n, "years": 1} for n in names])
    specs = _check_mailboxes(scope, [n for n, _, _ in cart], wanted)
    if scope.workspace.billing is None:
        raise Invalid("Add billing details to the workspace before a quick setup")
    sub = purchases.active_subscription(scope)
    app = _check_export(scope, export_app, apps)
    owner, ws_id, platform = scope.owner, scope.workspace.id, scope.platform
    free = subscriptions.purchased_slots(owner, ws_id, platform) - subscriptions.used_slots(owner, ws_id, platform)
    slots = max(0, sum(len(v) for v in specs.values()) - max(free, 0))
    total = wallet.money(sum(price for _, _, price in cart) + slots * slot_price(sub))
    link = wallet.pay_invoice(scope.world, owner, ws_id, total,
                              "Quick setup: " + ", ".join(n for n, _, _ in cart) + (f" + {slots} mailbox slots" if slots else ""),
                              {"quickSetup": True})
    sub.quantity += slots
    made = {d.name: d for d in domains.register(scope.world, owner, ws_id, cart, platform,
                                                dns_shield)}
    now = scope.now
    setup = QuickSetup(id=scope.world.ids.new(owner.id_style), workspace_id=ws_id, platform=platform,
                       export_app=app, slots_needed=slots, invoice_token=link.token, created_at=now,
                       domains=[QuickSetupDomain(name=n, status="PENDING", mailboxes=specs[n], updated_at=now,
                                                 domain_id=made[n].id) for n, _, _ in cart])
    owner.quick_setups[setup.id] = setup
    due = now + scope.world.settings["domain_registration_seconds"]
    for i in range(len(setup.domains)):
        # scheduled after the registrations due at the same time, so it runs after them
        scheduler.schedule(owner, due, "quick_setup.step", f"{setup.id}:{i}")
    return setup, link


def progress(scope: Scope, name: str) -> tuple[QuickSetup, QuickSetupDomain]:
    """The latest quick setup of the workspace that bought this domain."""
    wanted = name.strip().lower().rstrip(".")
    found = None
    for setup in scope.owner.quick_setups.values():
        if setup.workspace_id == scope.workspace.id:
            for qd in setup.domains:
                if qd.name == wanted and (found is None or setup.created_at >= found[0].created_at):
                    found = (setup, qd)
    if found is None:
        raise NotFound(f"No quick setup found for {wanted}", field="domain")
    return found


# ---------------------------------------------------------------- the steps, on the clock

def _set(qd: QuickSetupDomain, status: str, at: float, reason: Optional[str] = None) -> None:
    qd.status, qd.updated_at = status, at
    if reason is not None:
        qd.failure_reason = reason


def _scope(world: World, account: Account, setup: QuickSetup) -> Scope:
    return Scope(world=world, account=account, owner=account, workspace=account.workspaces[setup.workspace_id],
                 platform=setup.platform, platform_explicit=True)


@scheduler.handler("quick_setup.step")
def _step(world: World, account: Account, ref: str, due: float) -> None:
    setup_id, _, index = ref.partition(":")
    setup = account.quick_setups.get(setup_id)
    if setup is None:
        return
    qd = setup.domains[int(index)]
    again = STEP_SECONDS
    d = account.domains.get(qd.domain_id or "")
    if qd.status == "PENDING":
        if d is not None and d.status == "PENDING":
            again = STEP_SECONDS  # registration still running
        elif d is None or d.status != "ACTIVE":
            return _set(qd, "DOMAIN_FAILED", due, "The domain could not be registered")
        else:
            _set(qd, "DOMAIN_SUCCESS", due)
    elif qd.status == "DOMAIN_SUCCESS":
        if d is None:
            return _set(qd, "MAILBOX_FAILED", due, "The domain was removed")
        taken = {m.username for m in account.mailboxes.in_domain(d.id).values()}
        for spec in qd.mailboxes:
            if spec["username"] not in taken:
                m = mailboxes.create_mailbox(world, account, d, setup.platform, first=spec["first"], last=spec["last"],
                                             username=spec["username"], created_at=due)
                qd.mailbox_ids.append(m.id)
        _set(qd, "MAILBOX_IN_PROGRESS", due)
        again = world.settings["mailbox_activation_seconds"][setup.platform]
    elif qd.status == "MAILBOX_IN_PROGRESS":
        states = [account.mailboxes[i].status if i in account.mailboxes else "FAILED" for i in qd.mailbox_ids]
        if "FAILED" in states:
            return _set(qd, "MAILBOX_FAILED", due, "Some mailboxes could not be created")
        if "IN_PROGRESS" not in states:
            _set(qd, "MAILBOX_SUCCESS", due)
    elif qd.status == "MAILBOX_SUCCESS":
        if setup.export_app is None or not qd.mailbox_ids:
            return _set(qd, "COMPLETED", due)
        try:
            job = exports.start_export(_scope(world, account, setup), {"apps": [setup.export_app], "ids": qd.mailbox_ids},
                                       (setup.export_app,))
        except SimError as exc:
            return _set(qd, "EXPORT_FAILED", due, exc.message)
        qd.export_id = job.id
        _set(qd, "EXPORT_IN_PROGRESS", due)
        again = world.settings["export_finish_seconds"]
    elif qd.status == "EXPORT_IN_PROGRESS":
        job = account.exports.get(qd.export_id)
        if job is None or job.status == "FAILED":
            return _set(qd, "EXPORT_FAILED", due, job.failure_reason if job else "The export was removed")
        if job.status == "COMPLETED":
            return _set(qd, "COMPLETED", due)
    else:
        return  # an end state
    scheduler.schedule(account, due + again, "quick_setup.step", ref)
