"""Zapmail DNS Shield (Tier C): eligible domains, plans and their slots, allocation; protection
is the domain's own dnsShieldEnabled flag. Driven over HTTP; answers compared with the reference
(source named); refusals change nothing."""
from __future__ import annotations

import pytest

from simulator.providers.zapmail.routes_dnsshield import ROUTES

from .helpers import assign, buy_domain, envelope, error
from .test_zapmail_placement import check_declared

DAY = 24 * 3600
S = "/v2/dns-shield"
# zapmail-v2-observed.yaml, zapmail.v2.dns_shield.available_slots, 200 (reconstructed from a live read)
OBSERVED_SLOTS = {"totalAvailableSlots": 0, "subscriptions": []}
# zapmail-v2-observed.yaml, zapmail.v2.dns_shield.subscriptions: the first eight keys of a live row
OBSERVED_SUBSCRIPTION_KEYS = ["billingCycle", "cancelledByUser", "couponApplied", "createdAt", "id", "invoiceLink",
                              "isFreeTrial", "lookupKey"]
# zapmail-v2-observed.yaml, zapmail.v2.dns_shield.purchase, body example
OBSERVED_PURCHASE = {"planType": "MONTHLY", "domainIds": ["<id>"]}


def wallet(api):
    return api.get("/v2/wallet/balance").json()["walletBalance"]


def slots(api):
    return envelope(api.get(f"{S}/available-slots"))


def shielded(api):
    rows = envelope(api.get("/v2/domains", params={"limit": 100}))["domains"]
    return {d["domain"]: d["dnsShieldEnabled"] for d in rows}


def domains(api, harness, *names):
    return [buy_domain(api, harness, n) for n in names]


def test_a_fresh_account_reads_the_observed_shapes(zap):
    assert slots(zap) == OBSERVED_SLOTS
    assert envelope(zap.get(f"{S}/subscriptions")) == []  # live: "empty"


def test_eligible_domains_are_the_active_ones_of_the_platform_as_domain_rows(harness, zap):
    a, b = domains(zap, harness, "shield-a.com", "shield-b.com")
    zap.post("/v2/domains/buy", json={"domains": [{"domainName": "shield-pending.com"}], "useWallet": True})
    data = envelope(zap.get(f"{S}/eligible-domains", params={"page": 1, "limit": 1}))
    assert (data["totalSearchedCount"], data["totalPages"], data["nextPage"]) == (2, 2, 2)
    listed = {d["id"]: d for d in envelope(zap.get("/v2/domains", params={"limit": 100}))["domains"]}
    assert data["domains"] == [listed[a["id"]]]  # the rows of GET /v2/domains
    every = envelope(zap.get(f"{S}/eligible-domains", params={"limit": 10}))["domains"]
    assert [d["domain"] for d in every] == ["shield-a.com", "shield-b.com"]
    pending = envelope(zap.get(f"{S}/eligible-domains", params={"status": "PENDING"}))["domains"]
    assert [d["domain"] for d in pending] == ["shield-pending.com"]
    assert [d["domain"] for d in envelope(zap.get(f"{S}/eligible-domains", params={"contains": "-b"}))["domains"]] == \
        ["shield-b.com"]
    assert envelope(zap.get(f"{S}/eligible-domains", headers={"x-service-provider": "MICROSOFT"}))["domains"] == []
    tag = envelope(zap.post("/v2/domains/tags", json=[{"name": "Shielded"}]))["tagIds"][0]
    envelope(zap.post("/v2/domains/assign-tag", json={"tagIds": [tag], "domainIds": [b["id"]]}))
    assert [d["id"] for d in envelope(zap.get(f"{S}/eligible-domains", params={"tagIds": tag}))["domains"]] == [b["id"]]
    envelope(assign(zap, a, ["ada"]))
    box = envelope(zap.get("/v2/mailboxes/list"))["domains"][0]["mailboxes"][0]["id"]
    assert [d["id"] for d in envelope(zap.get(f"{S}/eligible-domains", params={"mailboxIds": box}))["domains"]] == \
        [a["id"]]


def test_a_monthly_plan_protects_its_domains_and_costs_three_dollars_a_domain(harness, zap):
    a, b = domains(zap, harness, "mon-a.com", "mon-b.com")
    before = wallet(zap)
    data = envelope(zap.post(f"{S}/purchase", json={**OBSERVED_PURCHASE, "domainIds": [a["id"], b["id"]]}))
    assert wallet(zap) == pytest.approx(before - 6)
    sub = data["subscription"]
    assert sorted(sub)[:8] == OBSERVED_SUBSCRIPTION_KEYS
    assert (sub["planType"], sub["totalSlots"], sub["usedSlots"], sub["status"]) == ("MONTHLY", 2, 2, "ACTIVE")
    assert [d["id"] for d in data["domains"]] == [a["id"], b["id"]] and data["totalAvailableSlots"] == 0
    assert all(d["dnsShieldEnabled"] for d in data["domains"])
    assert shielded(zap) == {"mon-a.com": True, "mon-b.com": True}
    assert envelope(zap.get(f"{S}/subscriptions")) == [sub]
    held = envelope(zap.get(f"{S}/allocated-domains", params={"subscriptionId": sub["id"]}))
    assert held["totalAllocated"] == 2 and [d["domain"] for d in held["domains"]] == ["mon-a.com", "mon-b.com"]


def test_free_slots_take_more_domains_until_none_is_left(harness, zap):
    a, b, c = domains(zap, harness, "slot-a.com", "slot-b.com", "slot-c.com")
    sub = envelope(zap.post(f"{S}/purchase", json={"planType": "MONTHLY", "quantity": 2, "domainIds": [a["id"]]}))
    assert sub["totalAvailableSlots"] == 1
    assert slots(zap)["subscriptions"] == [{"subscriptionId": sub["subscription"]["id"], "planName": "Monthly",
                                            "planType": "MONTHLY", "totalSlots": 2, "usedSlots": 1, "availableSlots": 1}]
    # already protected domains keep their slot: allocating a again costs nothing
    got = envelope(zap.post(f"{S}/allocate-domains", json={"domainIds": [a["id"], b["id"]]}))
    assert got["subscription"] is None and got["totalAvailableSlots"] == 0
    before = shielded(zap)
    error(zap.post(f"{S}/allocate-domains", json={"domainIds": [c["id"]]}), 400,
          "Insufficient DNS Shield slots. Required: 1, Available: 0")
    assert shielded(zap) == before and before["slot-c.com"] is False


def test_a_domain_bought_with_enable_dns_shield_is_protected_and_takes_a_slot_when_allocated(harness, zap):
    r = zap.post("/v2/domains/buy", json={"domains": [{"domainName": "bought-shielded.com"}], "useWallet": True,
                                          "enableDnsShield": True})
    assert r.status_code == 200, r.text
    harness.advance(301)
    assert shielded(zap)["bought-shielded.com"] is True  # Tier A's flag, the same one
    d = envelope(zap.get(f"{S}/eligible-domains"))["domains"][0]
    envelope(zap.post(f"{S}/purchase", json={"planType": "MONTHLY", "quantity": 1}))
    envelope(zap.post(f"{S}/allocate-domains", json={"domainIds": [d["id"]]}))
    assert slots(zap)["totalAvailableSlots"] == 0


def test_lifetime_plans_are_named_and_upgraded_for_the_difference(harness):
    rich = harness.account(walletBalance=5000)
    error(rich.post(f"{S}/purchase", json={"planType": "LTD"}), 400, "planName is required")
    before = wallet(rich)
    sub = envelope(rich.post(f"{S}/purchase", json={"planType": "LTD", "planName": "Starter"}))["subscription"]
    assert wallet(rich) == pytest.approx(before - 299) and sub["periodEnd"] is None
    assert (sub["billingCycle"], sub["totalSlots"], sub["lookupKey"]) == ("LTD", 100, "dns_shield_starter_ltd")
    up = {"subscriptionId": sub["id"], "newPlanName": "Growth"}
    row = envelope(rich.post(f"{S}/upgrade-plan", json=up))
    assert wallet(rich) == pytest.approx(before - 999) and (row["planName"], row["totalSlots"]) == ("Growth", 500)
    error(rich.post(f"{S}/upgrade-plan", json={**up, "newPlanName": "Starter"}), 400, "larger")
    monthly = envelope(rich.post(f"{S}/purchase", json={"planType": "MONTHLY", "quantity": 1}))["subscription"]
    error(rich.post(f"{S}/upgrade-plan", json={"subscriptionId": monthly["id"], "newPlanName": "Pro"}), 400,
          "A MONTHLY subscription can only move to another MONTHLY plan")
    poor = harness.account(walletBalance=300)
    small = envelope(poor.post(f"{S}/purchase", json={"planType": "LTD", "planName": "Starter"}))["subscription"]
    error(poor.post(f"{S}/upgrade-plan", json={"subscriptionId": small["id"], "newPlanName": "Pro"}), 400,
          "Insufficient wallet balance")
    assert envelope(poor.get(f"{S}/subscriptions"))[0]["planName"] == "Starter"


def test_existing_slots_protect_domains_without_a_charge(harness, zap):
    a, b = domains(zap, harness, "ex-a.com", "ex-b.com")
    envelope(zap.post(f"{S}/purchase", json={"planType": "MONTHLY", "quantity": 2}))
    before = wallet(zap)
    data = envelope(zap.post(f"{S}/purchase", json={"planType": "EXISTING", "domainNames": ["ex-b.com"]}))
    assert data["subscription"] is None and wallet(zap) == before and shielded(zap)["ex-b.com"] is True
    error(zap.post(f"{S}/purchase", json={"planType": "EXISTING"}), 400, "domainIds")


def test_cancelling_ends_protection_with_the_plan(harness, zap):
    a, b = domains(zap, harness, "can-a.com", "can-b.com")
    monthly = envelope(zap.post(f"{S}/purchase", json={"planType": "MONTHLY", "domainIds": [a["id"]]}))["subscription"]
    row = envelope(zap.post(f"{S}/cancel-subscription", json={"subscriptionId": monthly["id"]}))
    assert row["cancelledByUser"] and row["status"] == "ACTIVE" and shielded(zap)["can-a.com"] is True
    error(zap.post(f"{S}/cancel-subscription", json={"subscriptionId": monthly["id"]}), 400, "already cancelled")
    harness.advance(30 * DAY + 1)
    assert envelope(zap.get(f"{S}/subscriptions"))[0]["status"] == "CANCELLED"
    assert shielded(zap)["can-a.com"] is False and slots(zap) == OBSERVED_SLOTS
    rich = harness.account(walletBalance=1000)
    [c] = domains(rich, harness, "can-c.com")
    ltd = envelope(rich.post(f"{S}/purchase", json={"planType": "LTD", "planName": "Starter",
                                                     "domainIds": [c["id"]]}))["subscription"]
    assert shielded(rich)["can-c.com"] is True
    assert envelope(rich.post(f"{S}/cancel-subscription", json={"subscriptionId": ltd["id"]}))["status"] == "CANCELLED"
    assert shielded(rich)["can-c.com"] is False
    assert envelope(rich.get(f"{S}/allocated-domains", params={"subscriptionId": ltd["id"]}))["domains"] == []


def test_unknown_foreign_and_inactive_domains_are_refused_and_nothing_is_charged(harness, zap):
    [a] = domains(zap, harness, "own-a.com")
    other = harness.account(walletBalance=100)
    [theirs] = domains(other, harness, "theirs-a.com")
    zap.post("/v2/domains/buy", json={"domains": [{"domainName": "not-yet.com"}], "useWallet": True})
    pending = next(d for d in envelope(zap.get("/v2/domains", params={"status": "PENDING"}))["domains"])
    before = wallet(zap)
    error(zap.post(f"{S}/purchase", json={**OBSERVED_PURCHASE}), 404, "Domain not found")
    error(zap.post(f"{S}/purchase", json={"domainIds": [a["id"], theirs["id"]]}), 404, "Domain not found")
    error(zap.post(f"{S}/purchase", json={"domainNames": ["nobody.com"]}), 404, "Domain not found")
    error(zap.post(f"{S}/purchase", json={"domainIds": [pending["id"]]}), 400, "not eligible")
    error(zap.post(f"{S}/purchase", json={"planType": "MONTHLY", "quantity": 1, "domainIds": [a["id"]],
                                           "domainNames": ["not-yet.com"]}), 400, "not eligible")
    [b] = domains(zap, harness, "own-b.com")
    before = wallet(zap)
    error(zap.post(f"{S}/purchase", json={"quantity": 1, "domainIds": [a["id"], b["id"]]}), 400, "1 slots but 2 domains")
    assert wallet(zap) == before and envelope(zap.get(f"{S}/subscriptions")) == []
    sub = envelope(zap.post(f"{S}/purchase", json={"quantity": 1}))["subscription"]
    error(other.get(f"{S}/allocated-domains", params={"subscriptionId": sub["id"]}), 404, "Subscription not found")
    error(other.post(f"{S}/cancel-subscription", json={"subscriptionId": sub["id"]}), 404, "Subscription not found")


@pytest.mark.parametrize("body,needle", [
    ({"planType": "YEARLY"}, "planType"), ({"quantity": 0}, "quantity"), ({"quantity": "2"}, "quantity"),
    ({"planType": "LTD", "planName": "Mega"}, "planName"), ({"domainIds": "x"}, "domainIds"),
    ({"domainNames": ["no_dot"]}, "domainNames"),
])
def test_bad_purchase_bodies_are_400_and_charge_nothing(zap, body, needle):
    before = wallet(zap)
    error(zap.post(f"{S}/purchase", json=body), 400, needle)
    assert wallet(zap) == before and envelope(zap.get(f"{S}/subscriptions")) == []


def test_bad_queries_and_bodies_of_the_other_routes_are_400(zap):
    error(zap.get(f"{S}/allocated-domains"), 400, "subscriptionId")
    error(zap.get(f"{S}/allocated-domains", params={"subscriptionId": "nope"}), 404, "Subscription not found")
    error(zap.get(f"{S}/eligible-domains", params={"limit": 0}), 400, "Invalid pagination parameters")
    # a limit above the maximum is clamped, however many digits it has (Schemathesis sent one of 22)
    assert envelope(zap.get(f"{S}/eligible-domains", params={"limit": "1" + "0" * 21}))["currentPage"] == 1
    error(zap.get(f"{S}/eligible-domains", params={"status": "SOMETIMES"}), 400, "status")
    error(zap.post(f"{S}/allocate-domains", json={"domainIds": []}), 400, "domainIds")
    error(zap.post(f"{S}/allocate-domains", json={"domainIds": ["nope"]}), 404, "Domain not found")
    error(zap.post(f"{S}/upgrade-plan", json={"subscriptionId": "nope", "newPlanName": "Growth"}), 404, "not found")
    error(zap.post(f"{S}/upgrade-plan", json={"subscriptionId": "x"}), 400, "newPlanName")
    error(zap.post(f"{S}/cancel-subscription", json={}), 400, "subscriptionId")


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.operation)
def test_every_dns_shield_route_needs_a_key(harness, route):
    error(harness.client.request(route.method, "/api" + route.path), 401, "x-auth-zapmail")
    error(harness.client.request(route.method, "/api" + route.path, headers={"x-auth-zapmail": "not-a-key"}), 401,
          "invalid api key")


def test_a_snapshot_restores_plans_and_their_domains(harness, zap):
    [a] = domains(zap, harness, "snap-a.com")
    sub = envelope(zap.post(f"{S}/purchase", json={"planType": "MONTHLY", "quantity": 2, "domainIds": [a["id"]]}))
    snap = harness.client.get("/_sim/snapshot").json()
    envelope(zap.post(f"{S}/cancel-subscription", json={"subscriptionId": sub["subscription"]["id"]}))
    assert harness.client.post("/_sim/snapshot", json=snap).status_code == 200
    assert envelope(zap.get(f"{S}/subscriptions")) == [sub["subscription"]]
    assert shielded(zap)["snap-a.com"] is True and slots(zap)["totalAvailableSlots"] == 1


def test_every_dnsshield_route_is_declared_with_its_input(harness):
    check_declared(harness, ROUTES)
