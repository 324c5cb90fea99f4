"""Zapmail Tier C: domain search beyond availability (the AI domain finder, aged and pre-warmed
domains, pre-warmed plans), the bulk availability limit, and the global mailbox search. Driven over
HTTP; answers compared with the observed reference (operation named); offers are the same for the
same world seed; purchases spend the wallet and put the domains in the workspace."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from simulator.app import Simulator
from simulator.core.clock import VirtualClock
from simulator.core.store import World
from simulator.providers.zapmail.routes import DOMAIN_SEARCH, TABLE

from .conftest import Api
from .helpers import all_mailboxes, assert_shape, assign, buy_domain, domain_row, envelope, error, wallet
from .observed import example

FINDER = {"keywords": ["data", "ingest", "pipeline"], "tlds": ["com"], "desiredCount": 10}
ROUTES = [("POST", "/v2/domains/ai-finder"), ("GET", "/v2/aged-domains/available-domains"),
          ("POST", "/v2/aged-domains/purchase"), ("GET", "/v2/prewarmed-domains/get-domains"),
          ("POST", "/v2/prewarmed-domains/purchase"), ("POST", "/v2/prewarmed-domains/assign"),
          ("GET", "/v2/prewarmed-domains/count"), ("GET", "/v2/prewarmed-domains/subscriptions"),
          ("GET", "/v2/global/mailbox-domain-search")]




def fresh(seed: int) -> Api:
    """A first account of a new world with this seed."""
    client = TestClient(Simulator(World(seed=seed, clock=VirtualClock(frozen=True))).app)
    data = client.post("/_sim/accounts", json={"provider": "zapmail", "walletBalance": 500}).json()
    return Api(client, data["apiKey"], data)


@pytest.mark.parametrize("method,path", ROUTES)
def test_every_route_needs_a_key(harness, method, path):
    error(harness.client.request(method, "/api" + path), 401, "x-auth-zapmail")
    error(harness.client.request(method, "/api" + path, headers={"x-auth-zapmail": "nope"}), 401, "invalid api key")


# ---------------------------------------------------------------- AI finder

def test_the_finder_polls_until_completed_on_the_clock(harness, zap):
    first = envelope(zap.post("/v2/domains/ai-finder", json=FINDER))
    assert (first["status"], first["progress"], first["domains"]) == ("generating", 0, [])
    harness.advance(10)
    half = envelope(zap.post("/v2/domains/ai-finder", json={**FINDER, "keywords": ["pipeline", "data", "ingest"]}))
    assert half["status"] == "generating" and half["progress"] == 50 and half["domains"]
    harness.advance(10)
    done = envelope(zap.post("/v2/domains/ai-finder", json=FINDER))
    # zapmail-v2-observed.yaml, zapmail.v2.domains.ai_finder, 200 (row verbatim from a live docstring)
    assert_shape(done, example("zapmail.v2.domains.ai_finder")["data"])
    assert (done["status"], done["progress"]) == ("completed", 100)
    assert 1 <= done["totalDomains"] == len(done["domains"]) < FINDER["desiredCount"]  # fewer than asked (live)
    assert done["domains"][:len(half["domains"])] == half["domains"]  # the same batch, growing
    for row in done["domains"]:
        assert row["domainName"].endswith(".com") and row["status"] in ("AVAILABLE", "UNAVAILABLE")
        assert any(k in row["domainName"] for k in FINDER["keywords"])
    # the batch is cached for 5 minutes, then a new run starts
    harness.advance(200)
    assert envelope(zap.post("/v2/domains/ai-finder", json=FINDER)) == done
    harness.advance(120)
    assert envelope(zap.post("/v2/domains/ai-finder", json=FINDER))["progress"] == 0


def test_finder_names_follow_the_seed_and_show_availability(harness):
    def names(api):
        api.post("/v2/domains/ai-finder", json=FINDER)
        api.client.post("/_sim/clock", json={"advanceSeconds": 30})
        return [r["domainName"] for r in envelope(api.post("/v2/domains/ai-finder", json=FINDER))["domains"]]

    assert names(fresh(11)) == names(fresh(11))
    assert names(fresh(11)) != names(fresh(12))
    api = harness.account(walletBalance=500)
    got = names(api)
    buy_domain(api, harness, got[0])  # the account's own name is not available to it
    harness.advance(400)
    rows = envelope(api.post("/v2/domains/ai-finder", json=FINDER))["domains"]
    harness.advance(30)
    rows = envelope(api.post("/v2/domains/ai-finder", json=FINDER))["domains"]
    assert next(r for r in rows if r["domainName"] == got[0])["status"] == "UNAVAILABLE"


def test_the_finder_may_suggest_tlds_zapmail_does_not_register(harness, zap):
    zap.post("/v2/domains/ai-finder", json={**FINDER, "tlds": ["io"]})
    harness.advance(30)
    rows = envelope(zap.post("/v2/domains/ai-finder", json={**FINDER, "tlds": ["io"]}))["domains"]
    assert rows and all(r["domainName"].endswith(".io") and r["domainPrice"] == "NaN" for r in rows)


@pytest.mark.parametrize("body,needle", [({}, "keywords"), ({**FINDER, "keywords": []}, "keywords"),
                                         ({**FINDER, "tlds": []}, "tlds"), ({**FINDER, "tlds": ["c0m!"]}, "tlds"),
                                         ({**FINDER, "desiredCount": 0}, "desiredCount"),
                                         ({**FINDER, "desiredCount": "10"}, "desiredCount")])
def test_finder_body_is_validated(zap, body, needle):
    error(zap.post("/v2/domains/ai-finder", json=body), 400, needle)


def test_rate_groups_follow_support(harness):
    # support (observed reference): available and available-bulk share the domain-search limit; the
    # AI finder counts against the general limit only
    group = TABLE.group(DOMAIN_SEARCH)
    assert "zapmail.v2.domains.ai_finder" not in group
    assert {"zapmail.v2.domains.search_available", "zapmail.v2.domains.check_availability_bulk"} <= group


def test_bulk_availability_takes_at_most_20_names(zap):
    # zapmail-v2-observed.yaml, zapmail.v2.domains.check_availability_bulk: "Max 20 names"
    names = [f"bulkname{i}.com" for i in range(21)]
    error(zap.post("/v2/domains/available-bulk", json={"domainNames": names}), 400, "domainNames")
    data = envelope(zap.post("/v2/domains/available-bulk", json={"domainNames": names[:20]}))
    assert data["total"] == 20 == len(data["domains"])


# ---------------------------------------------------------------- aged domains

def test_aged_domains_in_the_reference_shape_and_per_seed(zap):
    data = envelope(zap.get("/v2/aged-domains/available-domains", params={"page": "1", "limit": "5"}))
    # zapmail-v2-observed.yaml, zapmail.v2.aged_domains.list, 200: row keys (its values are placeholders)
    ref = example("zapmail.v2.aged_domains.list")["data"]
    assert len(data["domains"]) == 5
    for row in data["domains"]:
        assert set(row) == set(ref["domains"][0]) and set(row["metrics"]) == set(ref["domains"][0]["metrics"])
        assert float(row["price"]) > 0 and isinstance(row["qualityScore"], int) and row["domainAgeYears"] >= 3
    assert fresh(5).get("/v2/aged-domains/available-domains").json() == \
        fresh(5).get("/v2/aged-domains/available-domains").json()
    assert fresh(5).get("/v2/aged-domains/available-domains").json() != \
        fresh(6).get("/v2/aged-domains/available-domains").json()


def test_buying_an_aged_domain_spends_the_wallet_and_registers_it(harness, zap):
    listed = envelope(zap.get("/v2/aged-domains/available-domains", params={"limit": 100}))["domains"]
    offer = min(listed, key=lambda o: float(o["price"]))
    data = envelope(zap.post("/v2/aged-domains/purchase", json={"domains": [offer["domainName"]]},
                             headers={"x-service-provider": "GOOGLE"}))
    assert data["invoiceLink"] and len(data["domainIds"]) == 1
    assert wallet(zap) == round(500 - float(offer["price"]), 2)
    row = domain_row(zap, offer["domainName"])
    assert row["id"] == data["domainIds"][0] and row["status"] == "PENDING"
    harness.advance(301)
    row = domain_row(zap, offer["domainName"])
    assert row["status"] == "ACTIVE"
    assert row["expireOn"] > row["registeredOn"] and row["registeredOn"][:4] < row["createdAt"][:4]  # aged
    after = envelope(zap.get("/v2/aged-domains/available-domains", params={"limit": 100}))["domains"]
    assert offer["domainName"] not in [o["domainName"] for o in after] and len(after) == len(listed) - 1
    # aged domains are not renewed through the renewal calls (observed)
    error(zap.post("/v2/domains/update-auto-renew", json={"domainIds": [row["id"]], "autoRenew": True}), 400)


def test_aged_purchase_refusals_change_nothing(harness):
    poor = harness.account(walletBalance=5)
    listed = envelope(poor.get("/v2/aged-domains/available-domains", params={"limit": 100}))["domains"]
    error(poor.post("/v2/aged-domains/purchase", json={"domains": [listed[0]["domainName"]]}), 400,
          "Insufficient wallet balance")
    error(poor.post("/v2/aged-domains/purchase", json={"domains": ["not-an-offer.com"]}), 404, "not available")
    error(poor.post("/v2/aged-domains/purchase", json={"domains": []}), 400, "domains")
    error(poor.post("/v2/aged-domains/purchase", json={"domains": ["x.com"] * 51}), 400, "domains")
    assert wallet(poor) == 5 and envelope(poor.get("/v2/domains"))["domains"] == []


# ---------------------------------------------------------------- pre-warmed domains

def test_prewarmed_list_and_count_in_the_reference_shape(zap):
    data = envelope(zap.get("/v2/prewarmed-domains/get-domains", params={"page": 1, "limit": 5}))
    # zapmail-v2-observed.yaml, zapmail.v2.prewarmed.list, 200 (live key list)
    assert_shape(data, example("zapmail.v2.prewarmed.list")["data"])
    assert len(data["domains"]) == 5 and data["total"] == data["totalDomainsUnsold"]
    assert data["totalPages"] == -(-data["total"] // 5) and (data["currentPage"], data["nextPage"]) == (1, 2)
    count = envelope(zap.get("/v2/prewarmed-domains/count"))
    # zapmail-v2-observed.yaml, zapmail.v2.prewarmed.count, 200 (live values)
    assert_shape(count, example("zapmail.v2.prewarmed.count")["data"])
    every = envelope(zap.get("/v2/prewarmed-domains/get-domains", params={"limit": 1000}))["domains"]
    assert count["google"] == sum(len(d["preWarmedUpMailboxes"]) for d in every)
    ms = envelope(zap.get("/v2/prewarmed-domains/get-domains", params={"limit": 1000},
                          headers={"x-service-provider": "MICROSOFT"}))["domains"]
    assert count["microsoft"] == sum(len(d["preWarmedUpMailboxes"]) for d in ms) and not {
        d["id"] for d in ms} & {d["id"] for d in every}
    assert fresh(5).get("/v2/prewarmed-domains/get-domains").json() == \
        fresh(5).get("/v2/prewarmed-domains/get-domains").json()


def test_assigning_a_prewarmed_domain_brings_its_warm_mailboxes(harness, zap):
    before = envelope(zap.get("/v2/prewarmed-domains/count"))
    offer = envelope(zap.get("/v2/prewarmed-domains/get-domains", params={"page": 1, "limit": 1}))["domains"][0]
    data = envelope(zap.post("/v2/prewarmed-domains/assign", json={"domainIds": [offer["id"]]}))
    assert data["invoiceLink"] and len(data["domainIds"]) == 1
    assert wallet(zap) == round(500 - float(offer["price"]), 2)
    row = domain_row(zap, offer["domain"])
    assert row["status"] == "ACTIVE" and row["isWarmedUp"] is True and row["id"] == data["domainIds"][0]
    boxes = [m for m in all_mailboxes(zap) if m["domain"] == offer["domain"]]
    people = [p["mailbox"] for p in offer["preWarmedUpMailboxes"]]
    assert sorted((m["firstName"], m["lastName"]) for m in boxes) == sorted((p["firstName"], p["lastName"]) for p in people)
    assert all(m["status"] == "ACTIVE" and m["isWarmedUp"] and m["appPassword"] for m in boxes)
    assert envelope(zap.get("/v2/prewarmed-domains/count"))["google"] == before["google"] - len(people)
    page = envelope(zap.get("/v2/mailboxes/list"))
    assert page["totalAssignedPreWarmedUpMailboxes"] == page["totalActivePreWarmedUpMailboxes"] == len(people)
    listed = envelope(zap.get("/v2/prewarmed-domains/get-domains", params={"limit": 1000}))
    mine = next(d for d in listed["domains"] if d["id"] == offer["id"])
    assert mine["isSold"] is True and listed["totalDomainsUnsold"] == listed["total"] - 1
    error(zap.post("/v2/prewarmed-domains/assign", json={"domainIds": [offer["id"]]}), 400, "already sold")
    assert wallet(zap) == round(500 - float(offer["price"]), 2)


def test_prewarmed_assign_refusals(harness, zap):
    error(zap.post("/v2/prewarmed-domains/assign", json={"domainIds": ["nope"]}), 404)
    google = envelope(zap.get("/v2/prewarmed-domains/get-domains", params={"limit": 1}))["domains"][0]
    error(zap.post("/v2/prewarmed-domains/assign", json={"domainIds": [google["id"]]},
                   headers={"x-service-provider": "MICROSOFT"}), 404)
    poor = harness.account(walletBalance=1)
    offer = envelope(poor.get("/v2/prewarmed-domains/get-domains", params={"limit": 1}))["domains"][0]
    error(poor.post("/v2/prewarmed-domains/assign", json={"domainIds": [offer["id"]]}), 400,
          "Insufficient wallet balance")
    assert envelope(poor.get("/v2/domains"))["domains"] == [] and wallet(poor) == 1
    error(zap.post("/v2/prewarmed-domains/assign", json={}), 400, "domainIds")


def test_prewarmed_plans_are_bought_and_listed(harness, zap):
    assert envelope(zap.get("/v2/prewarmed-domains/subscriptions"))["subscriptions"] == []
    r = zap.post("/v2/prewarmed-domains/purchase", params={"planType": "growth"})
    assert r.status_code == 200 and set(r.json()) == {"message", "paymentLink"}
    assert wallet(zap) == 500 - 105
    data = envelope(zap.get("/v2/prewarmed-domains/subscriptions", params={"status": "ACTIVE"}))
    # zapmail-v2-observed.yaml, zapmail.v2.prewarmed.subscriptions, 200 (live notes)
    ref = example("zapmail.v2.prewarmed.subscriptions")["data"]
    assert_shape(data, ref)
    [row] = data["subscriptions"]
    assert {k: row[k] for k in ("plan", "price", "totalMailboxQuantity", "subscriptionStatus")} == \
        {k: ref["subscriptions"][0][k] for k in ("plan", "price", "totalMailboxQuantity", "subscriptionStatus")}
    assert envelope(zap.get("/v2/prewarmed-domains/subscriptions", params={"status": "CANCELLED"}))["total"] == 0
    # a pre-warmed plan is not a mailbox subscription
    assert len(envelope(zap.get("/v2/subscriptions"))) == 1


def test_prewarmed_plan_refusals(harness):
    poor = harness.account(walletBalance=50)
    error(poor.post("/v2/prewarmed-domains/purchase", params={"planType": "pro"}), 400,
          "Insufficient wallet balance. Required: $339.00, Available: $50.00")
    error(poor.post("/v2/prewarmed-domains/purchase"), 400, "planType")
    error(poor.post("/v2/prewarmed-domains/purchase", params={"planType": "platinum"}), 400, "planType")
    error(poor.get("/v2/prewarmed-domains/subscriptions", params={"status": "SOMETHING"}), 400, "status")
    assert wallet(poor) == 50


# ---------------------------------------------------------------- global search

def test_global_search_spans_workspaces_and_platforms_of_the_caller_only(harness, zap):
    d = buy_domain(zap, harness, "searchone.com")
    envelope(assign(zap, d, ["ada", "bob"]))
    other = envelope(zap.post("/v2/workspaces", json={"name": "Side", "billingDetails": {
        "company": "X", "firstName": "A", "lastName": "B", "addressLineOne": "1", "city": "c", "state": "s",
        "country": "GB", "postalCode": "1", "phoneCc": "+1", "phone": "1", "languagePreference": "en"}}))["id"]
    m = buy_domain(zap, harness, "searchtwo.com", platform="MICROSOFT")
    envelope(assign(zap, m, ["cy"], platform="MICROSOFT"))
    stranger = harness.account(walletBalance=100)
    s = buy_domain(stranger, harness, "searchthree.com")
    envelope(assign(stranger, s, ["ada"]))
    data = envelope(zap.get("/v2/global/mailbox-domain-search", params={"contains": "search", "page": 1, "limit": 10}))
    assert sorted(r["email"] for r in data["mailboxes"]) == ["ada@searchone.com", "bob@searchone.com",
                                                              "cy@searchtwo.com"]
    assert data["totalSearchedCount"] == 3 and data["totalPages"] == 1
    row = next(r for r in data["mailboxes"] if r["email"] == "cy@searchtwo.com")
    assert row["serviceProvider"] == "MICROSOFT" and row["workspaceId"] == zap.account["workspaceId"]
    assert {"password", "appPassword", "secret"} <= set(row) and row["workspaceName"]
    assert [r["email"] for r in envelope(zap.get("/v2/global/mailbox-domain-search",
                                                 params={"contains": "ADA@"}))["mailboxes"]] == ["ada@searchone.com"]
    page2 = envelope(zap.get("/v2/global/mailbox-domain-search", params={"contains": "search", "page": 2, "limit": 2}))
    assert len(page2["mailboxes"]) == 1 and page2["totalPages"] == 2
    assert other  # a second workspace changes nothing for its empty self
    error(zap.get("/v2/global/mailbox-domain-search", params={"page": 0}), 400)


def test_a_huge_limit_is_clamped_not_refused(zap):
    # Schemathesis: the document sets no maximum on limit, so a 21-digit one is valid (clamped to 1000)
    for path in ("/v2/global/mailbox-domain-search", "/v2/prewarmed-domains/get-domains",
                 "/v2/aged-domains/available-domains", "/v2/workspaces/members"):
        assert zap.get(path, params={"limit": "1" + "0" * 20}).status_code == 200, path
    error(zap.get("/v2/global/mailbox-domain-search", params={"limit": "0"}), 400, "Invalid pagination parameters")
