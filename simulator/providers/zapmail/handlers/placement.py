"""placement tests (Tier C): plans and their credits, running a test (paid with credits or from
the wallet), orders and their reports (generated on the clock by domain/placement.py), the
overall report, the mailboxes a test can use. Renderers of the group's answers included."""
from __future__ import annotations

from typing import Optional

from ....core.pagination import paginate, parse_page_args
from ....domain import placement_orders as orders
from ....domain import service_plans
from ....domain.mailboxes import email_of
from ....domain.models import Account, PlacementOrder, PlacementTest, ServicePlan
from .. import render, wire
from .. import requests_placement as rq
from .. import responses_placement as rs

DAY = 24 * 3600
SEED_OF = {provider: seed for seed, provider in rq.SEEDS.items()}
# The domain's test states as the observed enum spells them: nothing between SCHEDULED and the end
STATUS = {"PENDING": "SCHEDULED", "RUNNING": "SCHEDULED", "COMPLETED": "COMPLETED", "FAILED": "FAILED"}


def rate(part: int, whole: int) -> str:
    """A share as the live answers print it: "54.76%" (of the messages of completed tests)."""
    return f"{100 * part / whole:.2f}%" if whole else "0.00%"


# ---------------------------------------------------------------- renderers

def subscription(call, p: ServicePlan) -> rs.PlacementSubscription:
    days = None if p.period_end is None else max(int((p.period_end - call.scope.now) // DAY), 0)
    return rs.PlacementSubscription(
        billingCycle=p.plan_type, cancelledByUser=p.cancel_at_period_end or p.status == "CANCELLED",
        couponApplied=False, createdAt=render.ts(p.created_at), daysBeforePreCharged=days, deletedAt=render.ts(p.ended_at),
        discountApplied=False, discountId=None, id=p.id,
        invoiceLink=f"{call.base_url}/_sim/pay/{p.invoice_token}" if p.invoice_token else None,
        periodEnd=render.ts(p.period_end), periodStart=render.ts(p.period_start), planName=p.plan_name,
        status=p.status, totalCredits=p.units, usedCredits=p.used)


def rates(provider: Optional[str], c: orders.Counts) -> rs.PlacementProviderRates:
    return rs.PlacementProviderRates(provider=SEED_OF[provider], totalEmails=c.emails, inboxCount=c.inbox,
                            inboxRate=rate(c.inbox, c.emails), spamCount=c.spam, spamRate=rate(c.spam, c.emails))


def test_group(o: PlacementOrder, t: PlacementTest) -> rs.PlacementTestGroup:
    c = orders.counts(t)
    return rs.PlacementTestGroup(id=t.id, cartOrderId=o.id, testName=t.name, status=STATUS[t.status],
                        placementType="MONTHLY" if o.billing == orders.CREDITS else "ONE_TIME",
                        seedAccounts=[SEED_OF[p] for p in t.providers], mailboxCount=len(t.mailbox_ids),
                        totalEmails=orders.emails(t), inboxCount=c.inbox, inboxRate=rate(c.inbox, c.emails),
                        spamCount=c.spam, spamRate=rate(c.spam, c.emails), createdAt=render.ts(t.created_at),
                        completedAt=render.ts(t.completed_at))


def report(account: Account, o: PlacementOrder, t: PlacementTest) -> rs.PlacementReport:
    done = t.status == "COMPLETED" and t.mailbox_results
    mailboxes = []
    for mailbox_id, per_provider in (t.mailbox_results or {}).items() if done else ():
        inbox, spam, missing = (sum(r[k] for r in per_provider.values()) for k in ("inbox", "spam", "missing"))
        m = account.mailboxes.get(mailbox_id)
        mailboxes.append(rs.PlacementMailboxResult(mailboxId=mailbox_id, email=email_of(account, m) if m else "",
                                          inboxCount=inbox, spamCount=spam, missingCount=missing,
                                          inboxRate=rate(inbox, inbox + spam + missing)))
    return rs.PlacementReport(**test_group(o, t), missingCount=orders.counts(t).missing, failureReason=t.failure_reason,
                     byProvider=[rates(p, orders.counts(t, p)) for p in t.providers] if done else [],
                     mailboxes=mailboxes)


# ---------------------------------------------------------------- handlers

def list_subscriptions(call):
    plans = service_plans.plans_of(call.scope, orders.FEATURE)
    return wire.ok("Placement test subscriptions fetched successfully", [subscription(call, p) for p in plans])


def available_slots(call):
    c = orders.credits(call.scope)
    rows = [rs.PlacementCreditsRow(subscriptionId=p.id, planName=p.plan_name, billingCycle=p.plan_type, totalCredits=p.units,
                          usedCredits=p.used, availableCredits=max(p.units - p.used, 0)) for p in c.plans]
    return wire.ok("Placement test credits fetched successfully", rs.PlacementCredits(
        totalAvailableCredits=c.available, monthlyCredits=c.monthly, ltdCredits=c.lifetime, usedCredits=c.used,
        nextResetDate=render.ts(service_plans.next_reset(c.plans)), subscriptions=rows))


def overall_report(call):
    o = orders.overall(call.scope)
    d = o.delivered
    return wire.ok("Placement test overall report fetched successfully", rs.PlacementOverallReport(
        totalTestRuns=o.runs, totalEmails=o.emails, successfulTestsCount=o.completed,
        inProgressTestsCount=o.in_progress, failedTestsCount=o.failed, successfulEmailsCount=d.emails,
        inboxCount=d.inbox, inboxRate=rate(d.inbox, d.emails), spamCount=d.spam, spamRate=rate(d.spam, d.emails),
        byProvider=[rates(p, c) for p, c in o.by_provider.items()]))


def _page(call, rows):
    page, limit = parse_page_args(call.args.page, call.args.limit)
    return paginate(rows, page, limit)


def list_orders(call):
    pg = _page(call, orders.orders_of(call.scope))
    return wire.ok("Placement test orders fetched successfully",
                   rs.PlacementOrdersPage(**render.page_fields(pg), testGroups=[test_group(o, t) for o, t in pg.items]))


def order_report(call):
    o, t = orders.get_order(call.scope, call.args.cartOrderId.strip())
    return wire.ok("Placement test report fetched successfully", report(call.scope.owner, o, t))


def eligible_mailboxes(call):
    owner = call.scope.owner
    pg = _page(call, orders.eligible(call.scope, call.args.status))
    groups = [rs.PlacementEligibleDomain(id=domain_id, domain=owner.domains[domain_id].name, mailboxes=[
        rs.PlacementEligibleMailbox(id=m.id, email=email_of(owner, m), username=m.username, firstName=m.first_name,
                           lastName=m.last_name, status=m.status) for m in boxes]) for domain_id, boxes in pg.items]
    return wire.ok("Eligible mailboxes fetched successfully", rs.PlacementEligiblePage(**render.page_fields(pg), domains=groups))


def run_test(call):
    body = call.body
    billing = orders.CREDITS if body.placementType == "MONTHLY" else orders.WALLET
    order = orders.run(call.scope, body.mailboxIds, body.testName, [rq.SEEDS[s] for s in body.seedAccounts],
                       billing, rq.ONE_TIME_PRICE_PER_MAILBOX)
    test = call.scope.owner.placement_tests[order.test_id]
    return wire.ok("Placement test purchased successfully", test_group(order, test))


def purchase_plan(call):
    plan = service_plans.buy(call.scope, orders.FEATURE, rq.PLANS[call.body.planName], "Placement test plan")
    return wire.ok("Placement test plan purchased successfully", subscription(call, plan))


def cancel_subscription(call):
    body = call.body
    plan = service_plans.find(call.scope, orders.FEATURE, body.subscriptionId.strip())
    service_plans.cancel(call.scope, plan, body.revertCancellation)
    message = ("Subscription cancellation reverted successfully" if body.revertCancellation
               else "Subscription cancelled successfully")
    return wire.ok(message, subscription(call, plan))
