"""DNS Shield (Tier C): plans and their slots; protecting domains sets the domain's own
dnsShieldEnabled flag (the one Buy's enableDnsShield sets). Renderers of the group's answers
included."""
from __future__ import annotations

from ....core.errors import Invalid
from ....core.pagination import paginate, parse_page_args
from ....domain import service_plans, shield
from ....domain.models import ServicePlan
from .. import render, wire
from .. import requests_dnsshield as rq
from .. import responses_dnsshield as rs


def _csv(value):
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


# ---------------------------------------------------------------- renderers

def subscription(call, p: ServicePlan) -> rs.ShieldSubscription:
    return rs.ShieldSubscription(
        billingCycle=p.plan_type, cancelledByUser=p.cancel_at_period_end or p.status == "CANCELLED",
        couponApplied=False, createdAt=render.ts(p.created_at), id=p.id,
        invoiceLink=f"{call.base_url}/_sim/pay/{p.invoice_token}" if p.invoice_token else None, isFreeTrial=False,
        lookupKey="dns_shield_" + p.plan_name.lower().replace(" ", "_") + ("_ltd" if p.plan_type == "LTD" else ""),
        periodEnd=render.ts(p.period_end), planName=p.plan_name, planType=p.plan_type, status=p.status,
        totalSlots=p.units, updatedAt=render.ts(p.updated_at), usedSlots=len(shield.allocated(call.scope.owner, p)))


def _plans(call, live_only=False):
    return service_plans.plans_of(call.scope, shield.FEATURE, live_only=live_only)


def _free(call) -> int:
    return sum(shield.free_slots(call.scope.owner, p) for p in _plans(call, live_only=True))


def protected(call, plan, domains) -> rs.ShieldProtected:
    owner = call.scope.owner
    return rs.ShieldProtected(subscription=subscription(call, plan) if plan else None,
                        domains=[render.domain(owner, d) for d in domains], totalAvailableSlots=_free(call))


# ---------------------------------------------------------------- handlers

def eligible_domains(call):
    a = call.args
    rows = shield.eligible(call.scope, a.contains, [a.status] if a.status else None, _csv(a.tagIds), _csv(a.mailboxIds))
    page, limit = parse_page_args(a.page, a.limit)
    return wire.ok("Eligible domains fetched successfully",
                   rs.ShieldEligiblePage(**render.domains_page(call.scope.owner, paginate(rows, page, limit))))


def available_slots(call):
    owner = call.scope.owner
    rows = [rs.ShieldSlotsRow(subscriptionId=p.id, planName=p.plan_name, planType=p.plan_type, totalSlots=p.units,
                        usedSlots=len(shield.allocated(owner, p)), availableSlots=shield.free_slots(owner, p))
            for p in _plans(call, live_only=True)]
    return wire.ok("DNS Shield slots fetched successfully",
                   rs.ShieldSlots(totalAvailableSlots=sum(r["availableSlots"] for r in rows), subscriptions=rows))


def list_subscriptions(call):
    return wire.ok("DNS Shield subscriptions fetched successfully", [subscription(call, p) for p in _plans(call)])


def allocated_domains(call):
    plan = service_plans.find(call.scope, shield.FEATURE, call.args.subscriptionId.strip())
    domains = shield.allocated(call.scope.owner, plan)
    return wire.ok("Allocated domains fetched successfully", rs.ShieldAllocated(
        subscriptionId=plan.id, totalAllocated=len(domains),
        domains=[render.domain(call.scope.owner, d) for d in domains]))


def allocate_domains(call):
    domains = shield.allocate(call.scope, call.body.domainIds)
    return wire.ok("Domains allocated to DNS Shield successfully", protected(call, None, domains))


def purchase(call):
    body = call.body
    kind = body.planType or "MONTHLY"
    if kind == "MONTHLY":
        named = len(set(body.domainIds or [])) + len(set(body.domainNames or []))
        offer = rq.monthly(body.quantity or max(named, 1))  # without quantity, a slot per named domain
    elif kind == "LTD":
        if body.planName is None:
            raise Invalid("planName is required for an LTD plan: " + ", ".join(rq.LTD_PLANS), field="planName")
        offer = rq.LTD_PLANS[body.planName]
    else:
        offer = None
    plan, domains = shield.purchase(call.scope, offer, body.domainIds, body.domainNames)
    return wire.ok("DNS Shield purchased successfully", protected(call, plan, domains))


def upgrade_plan(call):
    body = call.body
    plan = service_plans.find(call.scope, shield.FEATURE, body.subscriptionId.strip())
    service_plans.upgrade(call.scope, plan, rq.LTD_PLANS[body.newPlanName], "newPlanName")
    return wire.ok("DNS Shield plan upgraded successfully", subscription(call, plan))


def cancel_subscription(call):
    plan = service_plans.find(call.scope, shield.FEATURE, call.body.subscriptionId.strip())
    service_plans.cancel(call.scope, plan)
    return wire.ok("DNS Shield subscription cancelled successfully", subscription(call, plan))
