"""Buying inbox-placement tests: an order runs one placement test (placement.py: on the clock,
deterministic results) and is paid with credits of the workspace's placement plans (one credit
per tested mailbox; this period's MONTHLY credits first, then lifetime ones) or from the wallet
(a price per tested mailbox, the dialect's). Nothing is created or charged unless the order can
be paid and every mailbox can be tested.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..core.errors import Invalid, NotFound
from . import placement, service_plans, wallet
from .accounts import Scope
from .lookup import in_workspace
from .mailboxes import mailboxes_in_scope
from .models import Mailbox, PlacementOrder, PlacementTest, ServicePlan

FEATURE = "placement"
CREDITS, WALLET = "credits", "wallet"


@dataclass(frozen=True)
class Credits:
    monthly: int  # left this period on MONTHLY plans
    lifetime: int  # left on LTD plans
    used: int  # spent (this period on MONTHLY plans, ever on LTD ones)
    plans: list[ServicePlan]

    @property
    def available(self) -> int:
        return self.monthly + self.lifetime


def credits(scope: Scope) -> Credits:
    plans = service_plans.plans_of(scope, FEATURE, live_only=True)
    left = {t: sum(max(p.units - p.used, 0) for p in plans if p.plan_type == t) for t in service_plans.PLAN_TYPES}
    return Credits(monthly=left[service_plans.MONTHLY], lifetime=left[service_plans.LTD],
                   used=sum(p.used for p in plans), plans=plans)


def _spend_credits(scope: Scope, count: int) -> None:
    # MONTHLY credits lapse at the period's end: they go first, the plan ending soonest first
    plans = sorted(credits(scope).plans, key=lambda p: (p.period_end is None, p.period_end or 0, p.created_at))
    for p in plans:
        take = min(max(p.units - p.used, 0), count)
        p.used += take
        count -= take
        if not count:
            return


def run(scope: Scope, mailbox_ids: list, name: str, providers: list[str], billing: str,
        price_per_mailbox: float) -> PlacementOrder:
    wanted = len({i for i in mailbox_ids if isinstance(i, str)})
    if billing == CREDITS:
        have = credits(scope).available
        if have < wanted:
            raise Invalid(f"Insufficient placement test credits. Required: {wanted}, Available: {have}")
    else:
        wallet.ensure_funds(scope.world, scope.owner, price_per_mailbox * wanted)
    test = placement.create(scope, mailbox_ids, name, providers)  # refuses unknown or inactive mailboxes
    count = len(test.mailbox_ids)
    if billing == CREDITS:
        _spend_credits(scope, count)
        cost = float(count)
    else:
        cost = wallet.money(price_per_mailbox * count)
        wallet.debit(scope.world, scope.owner, cost, f"Placement test: {test.name}", test.id)
    world, owner = scope.world, scope.owner
    order = PlacementOrder(id=world.ids.new(owner.id_style), workspace_id=scope.workspace.id, test_id=test.id,
                           billing=billing, cost=cost, created_at=scope.now)
    owner.placement_orders[order.id] = order
    return order


def orders_of(scope: Scope) -> list[tuple[PlacementOrder, PlacementTest]]:
    """The workspace's orders with their tests, newest first."""
    owner = scope.owner
    rows = [(o, owner.placement_tests[o.test_id]) for o in owner.placement_orders.values()
            if o.workspace_id == scope.workspace.id and o.test_id in owner.placement_tests]
    return sorted(rows, key=lambda r: r[0].created_at, reverse=True)


def get_order(scope: Scope, order_id, field: str = "cartOrderId") -> tuple[PlacementOrder, PlacementTest]:
    order = in_workspace(scope, scope.owner.placement_orders, order_id, field, "Placement test order")
    test = scope.owner.placement_tests.get(order.test_id)
    if test is None:
        raise NotFound("Placement test order not found", field=field)
    return order, test


def emails(t: PlacementTest) -> int:
    """Messages a test sends: one per tested mailbox, seed inbox and provider."""
    return len(t.mailbox_ids) * len(t.providers) * t.seeds_per_provider


@dataclass(frozen=True)
class Counts:
    emails: int
    inbox: int
    spam: int
    missing: int


def counts(t: PlacementTest, provider: Optional[str] = None) -> Counts:
    """Where a completed test's messages landed (all providers, or one); zeros before then."""
    if t.status != "COMPLETED" or not t.results:
        return Counts(0, 0, 0, 0)
    rows = [r for p, r in t.results.items() if provider in (None, p)]
    inbox, spam, missing = (sum(r[k] for r in rows) for k in ("inbox", "spam", "missing"))
    return Counts(inbox + spam + missing, inbox, spam, missing)


@dataclass(frozen=True)
class Overall:
    runs: int
    emails: int
    completed: int
    in_progress: int
    failed: int
    delivered: Counts  # over completed tests
    by_provider: dict  # provider -> Counts, over completed tests


def overall(scope: Scope) -> Overall:
    tests = [t for _, t in orders_of(scope)]
    done = [t for t in tests if t.status == "COMPLETED"]

    def total(provider=None) -> Counts:
        parts = [counts(t, provider) for t in done]
        return Counts(*(sum(getattr(c, k) for c in parts) for k in ("emails", "inbox", "spam", "missing")))

    providers = [p for p in placement.PROVIDERS if any(p in t.providers for t in done)]
    return Overall(runs=len(tests), emails=sum(emails(t) for t in tests), completed=len(done),
                   in_progress=sum(1 for t in tests if t.status in ("PENDING", "RUNNING")),
                   failed=sum(1 for t in tests if t.status == "FAILED"), delivered=total(),
                   by_provider={p: total(p) for p in providers})


def eligible(scope: Scope, status: Optional[str]) -> list[tuple[str, list[Mailbox]]]:
    """Mailboxes of the request's platform that a test can send from (ACTIVE), or those in
    `status`, grouped by domain id in the order the domains' first mailboxes were created."""
    wanted = status or "ACTIVE"
    groups: dict[str, list[Mailbox]] = {}
    for m in mailboxes_in_scope(scope):
        if m.status == wanted:
            groups.setdefault(m.domain_id, []).append(m)
    return list(groups.items())
