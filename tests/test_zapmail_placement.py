"""Zapmail placement tests (Tier C): plans and credits, running a test paid with credits or from
the wallet, orders and reports generated on the clock, the overall report, eligible mailboxes.
Driven over HTTP; answers compared with the reference (source named); refusals change nothing."""
from __future__ import annotations

import re

import pytest

from simulator.providers.zapmail.routes_placement import ROUTES

from .conftest import Harness
from .helpers import all_mailboxes, assign, assert_shape, buy_domain, envelope, error

DAY = 24 * 3600
P = "/v2/placement-tests"
# zapmail-v2-observed.yaml, zapmail.v2.placement.overall_report, 200 (reconstructed from a live read)
OBSERVED_OVERALL = {"totalTestRuns": 4, "totalEmails": 84, "successfulTestsCount": 4, "inProgressTestsCount": 0,
                    "failedTestsCount": 0, "successfulEmailsCount": 84, "inboxCount": 46, "inboxRate": "54.76%",
                    "spamCount": 8, "spamRate": "9.52%", "byProvider": []}
# zapmail-v2-observed.yaml, zapmail.v2.placement.available_slots, 200 (live values; the reference adds
# usedCredits, subscriptions and nextResetDate)
OBSERVED_CREDITS = {"totalAvailableCredits": 25, "monthlyCredits": 0, "ltdCredits": 25}
# zapmail-v2-observed.yaml, zapmail.v2.placement.subscriptions: the first eight keys of a live row
OBSERVED_SUBSCRIPTION_KEYS = ["billingCycle", "cancelledByUser", "couponApplied", "createdAt", "daysBeforePreCharged",
                              "deletedAt", "discountApplied", "discountId"]
# zapmail-v2-observed.yaml, zapmail.v2.placement.purchase, body example
OBSERVED_RUN = {"placementType": "ONE_TIME", "testName": "Fleet placement test", "mailboxIds": ["<id>"],
                "seedAccounts": ["google"]}
RATE = re.compile(r"^\d{1,3}\.\d\d%$")


def active_mailboxes(api, harness, name="placed.com", usernames=("ada", "bob")):
    d = buy_domain(api, harness, name)
    envelope(assign(api, d, list(usernames)))
    harness.advance(601)
    return d, [m["id"] for m in all_mailboxes(api) if m["domain"] == name]


def run(api, ids, kind="ONE_TIME", seeds=("google", "microsoft365"), name="Weekly check"):
    return api.post(f"{P}/purchase", json={"placementType": kind, "testName": name, "mailboxIds": list(ids),
                                           "seedAccounts": list(seeds)})


def wallet(api):
    return api.get("/v2/wallet/balance").json()["walletBalance"]


def credits(api):
    return envelope(api.get(f"{P}/available-slots"))


def orders(api):
    return envelope(api.get(f"{P}/orders"))["testGroups"]


def report(api, cart):
    return envelope(api.get(f"{P}/report", params={"cartOrderId": cart}))


# ---------------------------------------------------------------- shapes against the reference

def test_a_fresh_account_reads_the_observed_shapes(zap):
    overall = envelope(zap.get(f"{P}/overall-report"))
    assert_shape(overall, OBSERVED_OVERALL)
    assert overall == {**OBSERVED_OVERALL, **{k: 0 for k in OBSERVED_OVERALL if isinstance(OBSERVED_OVERALL[k], int)},
                       "inboxRate": "0.00%", "spamRate": "0.00%"}
    got = credits(zap)
    assert_shape(got, OBSERVED_CREDITS, exact=False)
    assert got == {"totalAvailableCredits": 0, "monthlyCredits": 0, "ltdCredits": 0, "usedCredits": 0,
                   "nextResetDate": None, "subscriptions": []}
    assert envelope(zap.get(f"{P}/subscriptions")) == []
    assert envelope(zap.get(f"{P}/orders")) == {"totalSearchedCount": 0, "currentPage": 1, "nextPage": 2,
                                                "totalPages": 0, "testGroups": []}


def test_the_observed_run_body_is_accepted_once_its_id_names_a_mailbox(harness, zap):
    _, ids = active_mailboxes(zap, harness)
    error(zap.post(f"{P}/purchase", json=OBSERVED_RUN), 404, "Mailbox not found")
    envelope(zap.post(f"{P}/purchase", json={**OBSERVED_RUN, "mailboxIds": ids[:1]}))


# ---------------------------------------------------------------- a ONE_TIME test, on the clock

def test_a_one_time_test_is_paid_from_the_wallet_and_its_report_appears_on_the_clock(harness, zap):
    _, ids = active_mailboxes(zap, harness)
    before = wallet(zap)
    group = envelope(run(zap, ids))
    assert wallet(zap) == pytest.approx(before - 2 * len(ids))  # 2 USD per mailbox (reference)
    assert group["status"] == "SCHEDULED" and group["placementType"] == "ONE_TIME"
    assert group["seedAccounts"] == ["google", "microsoft365"] and group["mailboxCount"] == 2
    assert group["totalEmails"] == 2 * 2 * 5  # mailboxes x seed providers x seed inboxes each
    assert orders(zap) == [group]
    pending = report(zap, group["cartOrderId"])
    assert pending["status"] == "SCHEDULED" and pending["byProvider"] == [] and pending["mailboxes"] == []
    harness.advance(599)
    assert report(zap, group["cartOrderId"])["status"] == "SCHEDULED"
    harness.advance(2)
    done = report(zap, group["cartOrderId"])
    assert done["status"] == "COMPLETED" and done["completedAt"]
    assert done["inboxCount"] + done["spamCount"] + done["missingCount"] == done["totalEmails"] == 20
    assert [p["provider"] for p in done["byProvider"]] == ["google", "microsoft365"]
    assert sum(p["inboxCount"] for p in done["byProvider"]) == done["inboxCount"]
    assert {m["mailboxId"] for m in done["mailboxes"]} == set(ids)
    assert all(RATE.match(r) for r in (done["inboxRate"], done["spamRate"], *[p["inboxRate"] for p in done["byProvider"]]))
    # the order list and the overall report agree with the report
    [row] = orders(zap)
    assert row == {k: done[k] for k in row}
    overall = envelope(zap.get(f"{P}/overall-report"))
    assert (overall["totalTestRuns"], overall["successfulTestsCount"], overall["successfulEmailsCount"],
            overall["inboxCount"], overall["spamCount"]) == (1, 1, 20, done["inboxCount"], done["spamCount"])
    assert overall["inboxRate"] == f"{100 * done['inboxCount'] / 20:.2f}%"


def _completed_report():
    h = Harness()
    z = h.account(walletBalance=500)
    _, ids = active_mailboxes(z, h)
    cart = envelope(run(z, ids))["cartOrderId"]
    h.advance(601)
    return report(z, cart)


def test_reports_are_deterministic():
    """Two worlds, same steps: the same ids and the same results (the clocks start at the real time,
    so the timestamps differ)."""
    first, second = ({k: v for k, v in r.items() if k not in ("createdAt", "completedAt")}
                     for r in (_completed_report(), _completed_report()))
    assert first == second and first["inboxCount"]


def test_a_test_whose_mailboxes_are_gone_fails(harness, zap):
    _, ids = active_mailboxes(zap, harness, usernames=("cy",))
    group = envelope(run(zap, ids))
    envelope(zap.post("/v2/mailboxes/remove-mailboxes-instantly", json={"mailboxIds": ids, "remove": True}))
    harness.advance(601)
    failed = report(zap, group["cartOrderId"])
    assert failed["status"] == "FAILED" and failed["failureReason"] and failed["mailboxes"] == []
    overall = envelope(zap.get(f"{P}/overall-report"))
    assert (overall["failedTestsCount"], overall["successfulTestsCount"], overall["successfulEmailsCount"]) == (1, 0, 0)


# ---------------------------------------------------------------- plans and credits

def test_a_monthly_plan_grants_credits_that_tests_spend_and_a_period_resets(harness, zap):
    _, ids = active_mailboxes(zap, harness)
    before = wallet(zap)
    plan = envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Starter"}))
    assert wallet(zap) == pytest.approx(before - 29)  # Starter 29 USD a month (reference)
    assert sorted(plan)[:8] == OBSERVED_SUBSCRIPTION_KEYS
    assert (plan["billingCycle"], plan["status"], plan["totalCredits"], plan["usedCredits"]) == ("MONTHLY", "ACTIVE", 25, 0)
    assert plan["invoiceLink"].endswith("/_sim/pay/" + plan["invoiceLink"].rsplit("/", 1)[1])
    assert envelope(zap.get(f"{P}/subscriptions")) == [plan]
    paid = wallet(zap)
    group = envelope(run(zap, ids, kind="MONTHLY"))
    assert group["placementType"] == "MONTHLY" and wallet(zap) == paid  # credits, not money
    c = credits(zap)
    assert (c["totalAvailableCredits"], c["monthlyCredits"], c["usedCredits"]) == (23, 23, 2)
    assert c["nextResetDate"] == plan["periodEnd"]
    assert c["subscriptions"] == [{"subscriptionId": plan["id"], "planName": "Starter", "billingCycle": "MONTHLY",
                                   "totalCredits": 25, "usedCredits": 2, "availableCredits": 23}]
    harness.advance(30 * DAY + 1)
    assert credits(zap)["totalAvailableCredits"] == 25


def test_lifetime_credits_do_not_reset_and_monthly_ones_go_first(harness, zap):
    _, ids = active_mailboxes(zap, harness)
    envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Starter LTD"}))
    envelope(run(zap, ids, kind="MONTHLY"))
    assert (credits(zap)["ltdCredits"], credits(zap)["monthlyCredits"]) == (23, 0)
    envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Starter"}))
    envelope(run(zap, ids, kind="MONTHLY"))
    assert (credits(zap)["ltdCredits"], credits(zap)["monthlyCredits"]) == (23, 23)
    harness.advance(30 * DAY + 1)
    assert (credits(zap)["ltdCredits"], credits(zap)["monthlyCredits"]) == (23, 25)


def test_without_credits_or_money_nothing_is_created_or_charged(harness, zap):
    _, ids = active_mailboxes(zap, harness)
    before = wallet(zap)
    error(run(zap, ids, kind="MONTHLY"), 400, "Insufficient placement test credits. Required: 2, Available: 0")
    poor = harness.account(walletBalance=0)
    error(run(poor, ["x"]), 400, "Insufficient wallet balance")
    error(poor.post(f"{P}/purchase-plan", json={"planName": "Pro"}), 400, "Insufficient wallet balance")
    assert orders(zap) == [] and wallet(zap) == before and envelope(poor.get(f"{P}/subscriptions")) == []


def test_cancel_ends_a_monthly_plan_with_its_period_and_can_be_reverted(harness, zap):
    plan = envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Growth"}))
    cancel = {"subscriptionId": plan["id"], "revertCancellation": False}
    row = envelope(zap.post(f"{P}/cancel-subscription", json=cancel))
    assert row["cancelledByUser"] and row["status"] == "ACTIVE"
    error(zap.post(f"{P}/cancel-subscription", json=cancel), 400, "already cancelled")
    assert not envelope(zap.post(f"{P}/cancel-subscription", json={**cancel, "revertCancellation": True}))["cancelledByUser"]
    envelope(zap.post(f"{P}/cancel-subscription", json=cancel))
    harness.advance(30 * DAY + 1)
    [ended] = envelope(zap.get(f"{P}/subscriptions"))
    assert ended["status"] == "CANCELLED" and ended["deletedAt"]
    assert credits(zap)["totalAvailableCredits"] == 0
    error(zap.post(f"{P}/cancel-subscription", json={**cancel, "revertCancellation": True}), 400, "already ended")


def test_a_lifetime_plan_cancelled_ends_at_once(zap):
    plan = envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Growth LTD"}))
    assert plan["periodEnd"] is None and plan["daysBeforePreCharged"] is None
    row = envelope(zap.post(f"{P}/cancel-subscription", json={"subscriptionId": plan["id"], "revertCancellation": False}))
    assert row["status"] == "CANCELLED" and credits(zap)["ltdCredits"] == 0


def test_plans_and_orders_belong_to_their_account(harness, zap):
    _, ids = active_mailboxes(zap, harness)
    plan = envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Starter"}))
    cart = envelope(run(zap, ids))["cartOrderId"]
    other = harness.account(walletBalance=100)
    error(other.get(f"{P}/report", params={"cartOrderId": cart}), 404, "Placement test order not found")
    error(other.post(f"{P}/cancel-subscription", json={"subscriptionId": plan["id"], "revertCancellation": False}),
          404, "Subscription not found")
    error(other.post(f"{P}/purchase", json={**OBSERVED_RUN, "mailboxIds": ids}), 404, "Mailbox not found")
    assert orders(other) == [] and credits(other)["totalAvailableCredits"] == 0


# ---------------------------------------------------------------- eligible mailboxes

def test_eligible_mailboxes_are_the_active_ones_of_the_platform_grouped_by_domain(harness, zap):
    d, ids = active_mailboxes(zap, harness)
    other = buy_domain(zap, harness, "later.com")
    envelope(assign(zap, other, ["dee"]))
    data = envelope(zap.post(f"{P}/eligible-mailboxes", params={"page": 1, "limit": 10}))
    assert data["totalSearchedCount"] == 1 and [g["domain"] for g in data["domains"]] == ["placed.com"]
    assert [m["id"] for m in data["domains"][0]["mailboxes"]] == ids
    assert {m["email"] for m in data["domains"][0]["mailboxes"]} == {"ada@placed.com", "bob@placed.com"}
    waiting = envelope(zap.post(f"{P}/eligible-mailboxes", params={"status": "IN_PROGRESS"}))
    assert [g["domain"] for g in waiting["domains"]] == ["later.com"]
    assert envelope(zap.post(f"{P}/eligible-mailboxes", headers={"x-service-provider": "MICROSOFT"}))["domains"] == []
    # a mailbox still being created cannot be tested
    [dee] = waiting["domains"][0]["mailboxes"]
    error(run(zap, [dee["id"]]), 400, "not active")


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("body,needle", [
    ({**OBSERVED_RUN, "placementType": "WEEKLY"}, "placementType"),
    ({**OBSERVED_RUN, "testName": "   "}, "testName"),
    ({**OBSERVED_RUN, "mailboxIds": []}, "mailboxIds"),
    ({**OBSERVED_RUN, "seedAccounts": ["yahoo"]}, "seedAccounts"),
    ({**OBSERVED_RUN, "seedAccounts": []}, "seedAccounts"),
    ({k: v for k, v in OBSERVED_RUN.items() if k != "testName"}, "testName"),
])
def test_bad_run_bodies_are_400_and_change_nothing(zap, body, needle):
    before = wallet(zap)
    error(zap.post(f"{P}/purchase", json=body), 400, needle)
    assert orders(zap) == [] and wallet(zap) == before


def test_bad_plan_names_pages_and_ids_are_400_or_404(zap):
    error(zap.post(f"{P}/purchase-plan", json={"planName": "Mega"}), 400, "planName")
    error(zap.post(f"{P}/purchase-plan", json={}), 400, "planName")
    error(zap.get(f"{P}/orders", params={"page": 0}), 400, "Invalid pagination parameters")
    error(zap.post(f"{P}/eligible-mailboxes", params={"status": "SOMETIMES"}), 400, "status")
    error(zap.get(f"{P}/report"), 400, "cartOrderId")
    error(zap.get(f"{P}/report", params={"cartOrderId": "no-such-order"}), 404, "Placement test order not found")
    error(zap.post(f"{P}/cancel-subscription", json={"subscriptionId": "nope", "revertCancellation": False}), 404,
          "Subscription not found")
    error(zap.post(f"{P}/cancel-subscription", json={"subscriptionId": "nope"}), 400, "revertCancellation")


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.operation)
def test_every_placement_route_needs_a_key(harness, route):
    error(harness.client.request(route.method, "/api" + route.path), 401, "x-auth-zapmail")
    error(harness.client.request(route.method, "/api" + route.path, headers={"x-auth-zapmail": "not-a-key"}), 401,
          "invalid api key")


def test_a_snapshot_restores_plans_orders_and_their_pending_reports(harness, zap):
    _, ids = active_mailboxes(zap, harness)
    envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Starter"}))
    cart = envelope(run(zap, ids, kind="MONTHLY"))["cartOrderId"]
    snap = harness.client.get("/_sim/snapshot").json()
    seen = (credits(zap), orders(zap), envelope(zap.get(f"{P}/subscriptions")))
    envelope(zap.post(f"{P}/purchase-plan", json={"planName": "Growth"}))
    envelope(run(zap, ids))
    assert harness.client.post("/_sim/snapshot", json=snap).status_code == 200
    assert (credits(zap), orders(zap), envelope(zap.get(f"{P}/subscriptions"))) == seen
    harness.advance(601)  # the restored test still finishes on the clock
    assert report(zap, cart)["status"] == "COMPLETED"


def check_declared(harness, routes):
    """Each route is listed by /_sim/routes as observed and published in the document with its
    body or query parameters (a group's routes: this module's, DNS Shield's and Zap Sites')."""
    listed = {(r["method"], r["path"]): r for r in harness.client.get("/_sim/routes").json() if r["provider"] == "zapmail"}
    doc = harness.client.get("/_sim/openapi/zapmail.json").json()
    for route in routes:
        assert listed[(route.method, "/api" + route.path)]["provenance"] == "observed"
        entry = doc["paths"][route.path][route.method.lower()]
        assert entry["x-provenance"] == "observed" and entry["operationId"] == route.operation
        if route.body is not None:
            assert entry["requestBody"]["content"]["application/json"]["schema"]
        if route.query is not None:
            assert {p["name"] for p in entry["parameters"] if p["in"] == "query"} == set(route.query.model_fields)


def test_every_placement_route_is_declared_with_its_input(harness):
    check_declared(harness, ROUTES)
