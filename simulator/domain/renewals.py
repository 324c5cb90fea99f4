"""Domain renewals and moves: which registrations are due, what renewing costs, renewing from the
wallet (the expiry moves a year on), auto renew per domain and per workspace, and moving domains
with their mailboxes to another workspace of the same account."""
from __future__ import annotations

from typing import Optional

from ..core.errors import Invalid, NotFound
from . import subscriptions, wallet
from .accounts import MANAGING_ROLES, Scope
from .domains import YEAR, domains_in_scope, get_domain, listed_under, mailbox_count, select, tld
from .models import Domain, PaymentLink, Workspace
from .settings import TLD_PRICES

# Domains expiring within two months are "renewing soon"; only those can be renewed (observed).
WINDOW = 61 * 24 * 3600
# Bought as aged or pre-warmed: their renewal is not the registrar's (excluded, observed).
SPECIAL_ORIGINS = ("aged", "prewarmed")


def registered_here(d: Domain) -> bool:
    """A registration the provider renews: bought through it, not connected from another registrar."""
    return d.origin != "connected" and d.expire_on is not None


def renewable(d: Domain) -> bool:
    return registered_here(d) and d.origin not in SPECIAL_ORIGINS


def due(scope: Scope, d: Domain) -> bool:
    return renewable(d) and d.expire_on <= scope.now + WINDOW


def renewing_soon(scope: Scope, contains: Optional[str], tag_ids: Optional[list]) -> list[Domain]:
    """The scope's domains whose registration ends within the window, soonest first."""
    tags = set(tag_ids or [])
    rows = [d for d in domains_in_scope(scope, contains) if due(scope, d) and (not tags or tags & set(d.tag_ids))]
    return sorted(rows, key=lambda d: (d.expire_on, d.name))


def renew_price(d: Domain) -> tuple[str, str]:
    """(registration price, renewal price) per year of the domain's TLD, as the API writes prices."""
    return TLD_PRICES.get(tld(d.name), ("NaN", "NaN"))


def targets(scope: Scope, domain_ids, contains, tag_ids) -> list[Domain]:
    """The domains a renewal call names: domainIds, or the contains/tagIds filters (the domain's
    usual selection); every one must be a registration the provider renews."""
    chosen = select(scope, domain_ids, contains, None, tag_ids)
    for d in chosen:
        if not renewable(d):
            raise Invalid(f"Domain {d.name} cannot be renewed here: it is a {d.origin} domain", field="domainIds")
    return chosen


def renew(scope: Scope, domain_ids, contains, tag_ids) -> tuple[PaymentLink, list[Domain]]:
    """Renew for one more year, paid from the wallet at once (wallet applied automatically,
    observed); only domains within the window. All or nothing."""
    chosen = targets(scope, domain_ids, contains, tag_ids)
    if not chosen:
        raise Invalid("No domains to renew", field="domainIds")
    for d in chosen:
        if not due(scope, d):
            raise Invalid(f"Domain {d.name} can be renewed only within two months of its expiry", field="domainIds")
    total = wallet.money(sum(float(renew_price(d)[1]) for d in chosen))
    link = wallet.pay_invoice(scope.world, scope.owner, scope.workspace.id, total,
                              "Domain renewal: " + ", ".join(d.name for d in chosen), {"domains": [d.id for d in chosen]})
    for d in chosen:
        d.expire_on += YEAR
        d.years += 1
        d.updated_at = scope.now
        if d.status == "EXPIRED":
            d.status = "ACTIVE"
    return link, chosen


def set_auto_renew(scope: Scope, domain_ids, contains, tag_ids, enabled: bool) -> list[Domain]:
    chosen = targets(scope, domain_ids, contains, tag_ids)
    for d in chosen:
        d.auto_renew, d.updated_at = enabled, scope.now
    return chosen


def set_workspace_default(scope: Scope, enabled: bool) -> Workspace:
    """Whether domains bought into the workspace from now on renew on their own (support: API
    purchases default to off unless the workspace says otherwise)."""
    scope.workspace.domain_auto_renew = enabled
    scope.workspace.updated_at = scope.now
    return scope.workspace


# ---------------------------------------------------------------- moves

def destination(scope: Scope, workspace_id: str) -> Workspace:
    """Another live workspace of the account that owns the scope's workspace, which the caller
    owns or administers."""
    ws = scope.owner.workspaces.get(workspace_id)
    if ws is None or ws.deleted_at is not None:
        raise NotFound("Workspace not found", field="workspaceId")
    if scope.account is not scope.owner and ws.members.get(scope.account.id) not in MANAGING_ROLES:
        raise NotFound("Workspace not found", field="workspaceId")
    if ws.id == scope.workspace.id:
        raise Invalid("The domains are already in this workspace", field="workspaceId")
    return ws


def move(scope: Scope, domain_ids: list, workspace_id: str) -> list[Domain]:
    """Domains move with their mailboxes, which take slots of the destination's subscriptions on
    their platform (checked for all before any moves); tags stay with the old workspace."""
    ws = destination(scope, workspace_id)
    chosen = [get_domain(scope, i, "domainIds") for i in dict.fromkeys(domain_ids)]
    owner = scope.owner
    need: dict[str, int] = {}
    for d in chosen:
        if not listed_under(d, scope.platform):
            raise Invalid(f"Domain {d.name} belongs to {d.platform}; send the {d.platform} platform", field="domainIds")
        if mailbox_count(owner, d.id):
            need[d.platform] = need.get(d.platform, 0) + mailbox_count(owner, d.id)
    for platform, count in need.items():
        free = subscriptions.purchased_slots(owner, ws.id, platform) - subscriptions.used_slots(owner, ws.id, platform)
        if count > free:
            raise Invalid(f"Not enough {platform} mailbox slots in the destination workspace: {count} needed, "
                          f"{max(free, 0)} available", field="workspaceId")
    for d in chosen:
        for m in list(owner.mailboxes.in_domain(d.id).values()):
            owner.mailboxes.pop(m.id)  # the table indexes by workspace: take it out and put it back
            m.workspace_id, m.tag_ids, m.updated_at = ws.id, [], scope.now
            owner.mailboxes[m.id] = m
        d.workspace_id, d.tag_ids, d.updated_at = ws.id, [], scope.now
    return chosen
