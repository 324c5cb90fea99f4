"""Domain protection (DNS shield) plans: each plan grants slots, each slot protects one domain.
Protection is the domain's own `dns_shield` flag (the one a domain purchase can set): allocating
a domain to a slot sets it, and a plan that ends clears it on its domains (unless another live
plan holds them). A MONTHLY plan is sized by its quantity and priced per domain; an LTD plan is
one of the dialect's fixed sizes; allocating to existing plans costs nothing. Every domain is
checked and the slots counted before anything is bought or changed.
"""
from __future__ import annotations

from typing import Optional

from ..core.errors import Invalid, NotFound
from ..core.store import World
from . import service_plans
from .accounts import Scope
from .domains import by_name, domains_in_scope, get_domain
from .models import Account, Domain, ServicePlan

FEATURE = "dns_shield"
EXISTING = "EXISTING"  # no purchase: the domains take free slots of the workspace's plans


def eligible(scope: Scope, contains: Optional[str] = None, statuses: Optional[list[str]] = None,
             tag_ids: Optional[list[str]] = None, mailbox_ids: Optional[list[str]] = None) -> list[Domain]:
    """Domains of the request's platform that can be protected: ACTIVE ones, or those in
    `statuses`; protected ones stay listed (live: the eligible count equalled the ACTIVE count
    on an account whose plan had every slot in use)."""
    rows = domains_in_scope(scope, contains, statuses or ("ACTIVE",))
    if tag_ids:
        rows = [d for d in rows if set(tag_ids) & set(d.tag_ids)]
    if mailbox_ids:
        holding = {m.domain_id for i in mailbox_ids if (m := scope.owner.mailboxes.get(i)) is not None}
        rows = [d for d in rows if d.id in holding]
    return rows


def allocated(account: Account, plan: ServicePlan) -> list[Domain]:
    return [account.domains[i] for i in plan.allocated if i in account.domains]


def free_slots(account: Account, plan: ServicePlan) -> int:
    return max(plan.units - len(allocated(account, plan)), 0) if plan.status == "ACTIVE" else 0


def holder(account: Account, domain_id: str) -> Optional[ServicePlan]:
    return next((p for p in account.service_plans.values() if p.feature == FEATURE and p.status == "ACTIVE"
                 and domain_id in p.allocated), None)


def resolve(scope: Scope, domain_ids: Optional[list], domain_names: Optional[list]) -> list[Domain]:
    """The domains named by id or by name, once each; each must be of the workspace (404) and
    ACTIVE (400)."""
    found: dict[str, Domain] = {}
    for i, domain_id in enumerate(domain_ids or []):
        d = get_domain(scope, domain_id, f"domainIds[{i}]")
        found.setdefault(d.id, d)
    for i, name in enumerate(domain_names or []):
        d = by_name(scope, name)
        if d is None:
            raise NotFound(f"Domain not found: {name}", field=f"domainNames[{i}]")
        found.setdefault(d.id, d)
    for d in found.values():
        if d.status != "ACTIVE":
            raise Invalid(f"Domain {d.name} is not eligible for DNS Shield (status {d.status})", field="domainIds")
    return list(found.values())


def _unprotected(account: Account, domains: list[Domain]) -> list[Domain]:
    return [d for d in domains if holder(account, d.id) is None]


def _fit(account: Account, plans: list[ServicePlan], domains: list[Domain]) -> list[tuple[ServicePlan, Domain]]:
    """Which plan's free slot each domain takes (lifetime plans first, then oldest); refuses
    when the slots do not suffice."""
    plans = sorted(plans, key=lambda p: (p.plan_type != service_plans.LTD, p.created_at))
    free = {p.id: free_slots(account, p) for p in plans}
    have = sum(free.values())
    if have < len(domains):
        raise Invalid(f"Insufficient DNS Shield slots. Required: {len(domains)}, Available: {have}", field="domainIds")
    out, queue = [], list(domains)
    for p in plans:
        while free[p.id] and queue:
            out.append((p, queue.pop(0)))
            free[p.id] -= 1
    return out


def _protect(scope: Scope, placed: list[tuple[ServicePlan, Domain]]) -> None:
    for plan, d in placed:
        plan.allocated.append(d.id)
        d.dns_shield, d.updated_at = True, scope.now


def allocate(scope: Scope, domain_ids: Optional[list], domain_names: Optional[list] = None) -> list[Domain]:
    """Protect the domains with free slots of the workspace's live plans; domains already held
    by a plan stay where they are."""
    domains = resolve(scope, domain_ids, domain_names)
    todo = _unprotected(scope.owner, domains)
    _protect(scope, _fit(scope.owner, service_plans.plans_of(scope, FEATURE, live_only=True), todo))
    return domains


def purchase(scope: Scope, offer: Optional[service_plans.Offer], domain_ids: Optional[list],
             domain_names: Optional[list]) -> tuple[Optional[ServicePlan], list[Domain]]:
    """Buy `offer` (None: use existing slots) and protect the named domains with it."""
    domains = resolve(scope, domain_ids, domain_names)
    todo = _unprotected(scope.owner, domains)
    if offer is None:
        if not domains:
            raise Invalid("Name the domains to protect (domainIds or domainNames) when using existing slots",
                          field="domainIds")
        _protect(scope, _fit(scope.owner, service_plans.plans_of(scope, FEATURE, live_only=True), todo))
        return None, domains
    if offer.units < len(todo):
        raise Invalid(f"The plan has {offer.units} slots but {len(todo)} domains were named", field="domainIds")
    plan = service_plans.buy(scope, FEATURE, offer, "DNS Shield")
    _protect(scope, [(plan, d) for d in todo])
    return plan, domains


@service_plans.on_end(FEATURE)
def _release(world: World, account: Account, plan: ServicePlan, when: float) -> None:
    held, plan.allocated = plan.allocated, []
    for domain_id in held:
        d = account.domains.get(domain_id)
        if d is not None and holder(account, d.id) is None:
            d.dns_shield, d.updated_at = False, when
