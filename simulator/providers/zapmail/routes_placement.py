"""Zapmail placement tests (Tier C of the reference: paths from public client code, several read
live). A test runs on the clock: SCHEDULED, then COMPLETED with its report (or FAILED)."""
from __future__ import annotations

from ...core.routing import READ, SPEND, WRITE, Paging
from . import requests as rq_shared
from . import requests_placement as rq
from . import responses_placement as rs
from .declare import O, ok, r
from .handlers import placement

Z = "zapmail.v2.placement."

ROUTES = [
    r("GET", "/v2/placement-tests/subscriptions", placement.list_subscriptions, Z + "subscriptions",
      "Placement test subscriptions", provenance=O, kind=READ,
      ok=ok("PlacementSubscriptionsAnswer", list[rs.PlacementSubscription]),
      notes=("a list (live); its first eight keys are the live ones, the rest (id, invoiceLink, period, "
             "planName, status, credits) ours")),
    r("GET", "/v2/placement-tests/overall-report", placement.overall_report, Z + "overall_report",
      "Placement test overall report", provenance=O, kind=READ, ok=ok("PlacementOverallAnswer", rs.PlacementOverallReport),
      examples={200: rs.OVERALL_REPORT_EXAMPLE},
      notes=("keys and rate strings live; rates are shares of the messages of completed tests (as the live "
             "numbers work out); byProvider rows (one per seed provider) ours")),
    r("GET", "/v2/placement-tests/orders", placement.list_orders, Z + "orders", "Placement test orders",
      provenance=O, kind=READ, ok=ok("PlacementOrdersAnswer", rs.PlacementOrdersPage), query=rq.OrdersQuery,
      paging=Paging("testGroups"),
      notes="data.testGroups (live), newest first; a group's keys and the paging counters ours"),
    r("GET", "/v2/placement-tests/report", placement.order_report, Z + "report", "Placement test order report",
      provenance=O, kind=READ, ok=ok("PlacementReportAnswer", rs.PlacementReport), query=rq.ReportQuery,
      notes="cartOrderId as a client sends it; the answer is ours (not observed); results appear once COMPLETED",
      state="cartOrderId must name an order of the workspace (404)."),
    r("POST", "/v2/placement-tests/eligible-mailboxes", placement.eligible_mailboxes, Z + "eligible_mailboxes",
      "Eligible mailboxes for placement test", provenance=O, kind=READ,
      ok=ok("PlacementEligibleAnswer", rs.PlacementEligiblePage), query=rq.EligibleQuery, paging=Paging("domains"),
      notes=("a POST with paging in the query and no body (client); data.domains groups mailboxes by domain "
             "(live); the mailbox rows and the default status (ACTIVE) ours")),
    r("GET", "/v2/placement-tests/available-slots", placement.available_slots, Z + "available_slots",
      "Placement test credits", provenance=O, kind=READ, ok=ok("PlacementCreditsAnswer", rs.PlacementCredits),
      notes=("totalAvailableCredits, monthlyCredits, ltdCredits live; usedCredits, subscriptions, nextResetDate "
             "from a client's reference; the subscription rows ours")),
    r("POST", "/v2/placement-tests/purchase", placement.run_test, Z + "purchase", "Run placement test",
      provenance=O, kind=SPEND, ok=ok("PlacementRunAnswer", rs.PlacementTestGroup), body=rq.RunPlacementTest,
      notes=("body from client code; ONE_TIME costs 2 USD per mailbox from the wallet, MONTHLY one plan credit "
             "per mailbox (reference); the answer (the order's test group) ours"),
      state=("every mailboxId must name a mailbox of the workspace (404) that is ACTIVE (400); MONTHLY needs a "
             "credit per mailbox (400 Insufficient placement test credits), ONE_TIME 2 USD per mailbox in the "
             "wallet (400 Insufficient wallet balance).")),
    r("POST", "/v2/placement-tests/purchase-plan", placement.purchase_plan, Z + "purchase_plan",
      "Purchase placement test plan", provenance=O, kind=SPEND,
      ok=ok("PlacementPlanAnswer", rs.PlacementSubscription), body=rq.PlacementPlan,
      notes=("paid from the wallet; prices from a client's reference; plan names for the lifetime (LTD) "
             "plans, the credits each grants and the answer ours"),
      state="the wallet (or auto recharge) must cover the plan's price (400 Insufficient wallet balance)."),
    r("POST", "/v2/placement-tests/cancel-subscription", placement.cancel_subscription, Z + "cancel_subscription",
      "Cancel placement test subscription", provenance=O, kind=WRITE,
      ok=ok("PlacementCancelAnswer", rs.PlacementSubscription), body=rq_shared.CancelSubscription,
      notes=("body from client code; a MONTHLY plan ends with its period (revertCancellation undoes that), an "
             "LTD plan at once (ours); the answer ours"),
      state="subscriptionId must name a placement plan of the workspace (404), in the state the call changes (400)."),
]
