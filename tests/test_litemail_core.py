"""LiteMail, shared groups, through the HTTP surface: envelopes, documented bodies, errors, and
the flows buy -> assign -> PENDING -> ACTIVE, upgrade, removal at renewal, login for a key."""
from __future__ import annotations

import re

import pytest

from .conftest import LiteApi

CUID = re.compile(r"^c[0-9a-z]{24}$")
EMAIL, PASSWORD = "lite.owner@example.test", "Lite-pass-123"


class Lite(LiteApi):
    """A client bound to one LiteMail account: base path /v1, x-api-key."""

    def __init__(self, harness, key, account):
        super().__init__(harness.client, key, account, harness)


def new_lite(harness, **body) -> Lite:
    r = harness.client.post("/_sim/accounts", json={"provider": "litemail", **body})
    assert r.status_code == 201, r.text
    data = r.json()
    return Lite(harness, data["apiKey"], data)


@pytest.fixture
def lite(harness) -> Lite:
    return new_lite(harness, walletBalance=200, fixture={"email": EMAIL, "password": PASSWORD})


def ok(resp, status=200):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"status", "message", "data"}, body
    assert body["status"] == status and isinstance(body["message"], str) and body["message"]
    return body["data"]


def err(resp, status, fields=None):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["status"] == status and body["data"] is None and isinstance(body["message"], str)
    if status == 400:
        assert isinstance(body["errors"], list) and body["errors"]
        named = [e["field"] for e in body["errors"]]
        if fields is not None:
            assert named == fields, body
    return body


def paged(data, key, total):
    assert set(data) == {key, "pagination"}, data
    p = data["pagination"]
    assert set(p) == {"page", "limit", "total", "totalPages"} and p["total"] == total
    return data[key]


def buy(lite, name, harness=None):
    data = ok(lite.post("/domains/purchase", json={"domains": [{"domainName": name}]}), 201)
    [d] = data["domains"]
    assert d["domain"] == name and d["status"] == "PENDING" and CUID.match(d["id"])
    if harness is not None:
        harness.advance(301)
    return d


# ---------------------------------------------------------------- auth and envelopes

def test_auth_missing_bad_bearer_and_cross_provider(harness, lite):
    err(lite.get("/users", auth=False), 401)
    err(lite.get("/users", auth=False, headers={"x-api-key": "nope"}), 401)
    err(lite.get("/users", auth=False, headers={"authorization": "Bearer nope"}), 401)
    me = ok(lite.get("/users", auth=False, headers={"authorization": f"Bearer {lite.key}"}))
    assert me["id"] == lite.account["id"] and CUID.match(me["id"]) and me["email"] == EMAIL
    zap = harness.account()
    assert lite.get("/users", auth=False, headers={"x-api-key": zap.key}).status_code == 401
    assert zap.get("/v2/users", headers={"x-auth-zapmail": lite.key}).status_code == 401
    assert lite.get("/no-such-route").status_code == 404


def test_every_core_route_wants_a_key(harness):
    from simulator.providers.litemail.routes_core import ROUTES

    assert len(ROUTES) == 47
    for route in ROUTES:
        path = "/v1" + re.sub(r"\{\w+\}", "x", route.path)
        r = harness.client.request(route.method, path, json={})
        if route.operation == "litemail.apikeys.generate":
            assert r.status_code == 400  # a login: credentials, not a key
        else:
            assert r.status_code == 401, (route.operation, r.text)


def test_routes_match_the_reference_table():
    import yaml

    from . import reference

    ref = yaml.safe_load(reference.path("litemail.yaml").read_text())
    from simulator.providers.litemail.routes_core import ROUTES

    by_op = {e["id"]: e for e in ref["endpoints"]}
    for route in ROUTES:
        e = by_op[route.operation.removeprefix("litemail.")]
        assert (route.method, "/v1" + route.path, route.provenance) == (e["method"], e["path"], e["provenance"])


# ---------------------------------------------------------------- the documented flows

def test_buy_assign_documented_body_then_active_on_the_clock(harness, lite):
    d = buy(lite, "b2bforcelabs.com", harness)
    assert ok(lite.get(f"/domains/{d['id']}"))["status"] == "ACTIVE"
    body = {"mailboxes": [
        {"mailboxUsername": "john", "domain": "b2bforcelabs.com", "firstName": "John", "lastName": "Doe"},
        {"userName": "jane", "domain": "b2bforcelabs.com", "firstName": "Jane", "lastName": "Smith"}]}
    r = lite.post("/mailboxes/assign", json=body)
    assert r.status_code == 201
    doc = r.json()
    assert set(doc) == {"status", "message", "data"}
    assert doc["status"] == 201 and doc["message"] == "Mailboxes assigned successfully."
    assert set(doc["data"]) == {"created", "mailboxes"} and doc["data"]["created"] == 2
    rows = doc["data"]["mailboxes"]
    for row, (user, full) in zip(rows, [("john", "John Doe"), ("jane", "Jane Smith")]):
        assert set(row) == {"id", "username", "fullName", "status", "domainId"}
        assert row["username"] == user and row["fullName"] == full and row["status"] == "PENDING"
        assert row["domainId"] == d["id"] and CUID.match(row["id"])
    got = ok(lite.get(f"/mailboxes/{rows[0]['id']}"))
    assert got["status"] == "PENDING" and got["email"] == "john@b2bforcelabs.com" and got["appPassword"] is None
    listed = paged(ok(lite.get("/mailboxes", params={"status": "PENDING"})), "mailboxes", 2)
    assert {m["id"] for m in listed} == {r["id"] for r in rows}
    harness.advance(601)
    got = ok(lite.get(f"/mailboxes/{rows[0]['id']}"))
    assert got["status"] == "ACTIVE" and got["appPassword"]
    paged(ok(lite.get("/mailboxes", params={"status": "PENDING"})), "mailboxes", 0)


def test_assign_is_all_or_nothing_and_names_every_bad_field(harness, lite):
    buy(lite, "mine-lite.com", harness)
    other = new_lite(harness, walletBalance=100)
    buy(other, "theirs-lite.com", harness)
    good = {"mailboxUsername": "ok", "domain": "mine-lite.com", "firstName": "O", "lastName": "K"}
    for wrong in ("theirs-lite.com", "unknown-lite.com"):
        body = err(lite.post("/mailboxes/assign", json={"mailboxes": [
            good, {**good, "mailboxUsername": "x", "domain": wrong}]}), 400, ["mailboxes[1].domain"])
        assert wrong in body["message"]
    err(lite.post("/mailboxes/assign", json={"mailboxes": [
        {"domain": "mine-lite.com", "firstName": "", "lastName": "L"},
        {"mailboxUsername": "bad..name", "domain": "mine-lite.com", "firstName": "A"}]}), 400,
        ["mailboxes[0].firstName", "mailboxes[0].mailboxUsername", "mailboxes[1].lastName",
         "mailboxes[1].mailboxUsername"])
    # every missing field of the entry is named (the declared model checks them all at once)
    err(lite.post("/mailboxes/assign", json={"mailboxes": [{"mailboxUsername": "a"}]}), 400,
        ["mailboxes[0].domain", "mailboxes[0].firstName", "mailboxes[0].lastName"])
    err(lite.post("/mailboxes/assign", json={"mailboxes": []}), 400, ["mailboxes"])
    err(lite.post("/mailboxes/assign", json={}), 400, ["mailboxes"])
    paged(ok(lite.get("/mailboxes")), "mailboxes", 0)
    paged(ok(other.get("/mailboxes")), "mailboxes", 0)


def test_upgrade_documented_body(harness, lite):
    subs = paged(ok(lite.get("/subscriptions")), "subscriptions", 2)
    basic = next(s for s in subs if s["plan"] == "Basic")
    assert basic["id"].startswith("sub_")
    r = lite.put(f"/subscriptions/{basic['id']}/upgrade", json={"newPlan": "Pro"})
    doc = r.json()
    assert r.status_code == 200 and doc["status"] == 200 and doc["message"] == "Subscription upgraded successfully"
    assert set(doc["data"]) == {"id", "oldPlan", "newPlan", "upgradedAt"}
    assert doc["data"]["id"] == basic["id"] and doc["data"]["oldPlan"] == "Basic" and doc["data"]["newPlan"] == "Pro"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", doc["data"]["upgradedAt"])
    again = next(s for s in paged(ok(lite.get("/subscriptions")), "subscriptions", 2) if s["id"] == basic["id"])
    assert again["plan"] == "Pro" and again["mailboxQuantity"] == 50
    err(lite.put(f"/subscriptions/{basic['id']}/upgrade", json={"newPlan": "Gold"}), 400, ["newPlan"])
    err(lite.put(f"/subscriptions/{basic['id']}/upgrade", json={}), 400, ["newPlan"])
    err(lite.put("/subscriptions/sub_nope/upgrade", json={"newPlan": "Pro"}), 404)


def test_delete_mailbox_schedules_removal_at_renewal(harness, lite):
    buy(lite, "renewal-lite.com", harness)
    data = ok(lite.post("/mailboxes", json={"domain": "renewal-lite.com", "mailboxUsername": "bye",
                                             "firstName": "Bye", "lastName": "Bye"}), 201)
    assert data["status"] == "PENDING" and data["scheduledForRemoval"] is False
    gone = ok(lite.delete(f"/mailboxes/{data['id']}"))
    assert gone["id"] == data["id"] and gone["scheduledForRemoval"] is True
    assert [m["id"] for m in paged(ok(lite.get("/mailboxes")), "mailboxes", 1)] == [data["id"]]
    harness.advance(31 * 24 * 3600)
    paged(ok(lite.get("/mailboxes")), "mailboxes", 0)
    err(lite.get(f"/mailboxes/{data['id']}"), 404)
    err(lite.delete(f"/mailboxes/{data['id']}"), 404)


def test_api_key_login_issues_a_working_key(harness, lite):
    data = ok(lite.post("/api-keys", auth=False, json={"email": EMAIL.upper(), "password": PASSWORD}), 201)
    assert data["apiKey"].startswith("lm_") and data["userId"] == lite.account["id"]
    assert ok(lite.get("/users", auth=False, headers={"x-api-key": data["apiKey"]}))["id"] == lite.account["id"]
    err(lite.post("/api-keys", auth=False, json={"email": EMAIL, "password": "wrong"}), 401)
    err(lite.post("/api-keys", auth=False, json={"email": "nobody@x.test", "password": PASSWORD}), 401)
    err(lite.post("/api-keys", auth=False, json={"email": EMAIL}), 400, ["password"])
    zap = harness.account(fixture={"email": "z@x.test", "password": "Zap-pass-1"})
    err(lite.post("/api-keys", auth=False, json={"email": "z@x.test", "password": "Zap-pass-1"}), 401)
    assert zap.get("/v2/users").status_code == 200


def test_isolation_between_litemail_accounts(harness, lite):
    d = buy(lite, "private-lite.com", harness)
    other = new_lite(harness)
    err(other.get(f"/domains/{d['id']}"), 404)
    paged(ok(other.get("/domains")), "domains", 0)
    err(other.post("/mailboxes", json={"domainId": d["id"], "mailboxUsername": "a", "firstName": "A",
                                       "lastName": "B"}), 404)


# ---------------------------------------------------------------- the other groups

BILLING = {"firstName": "Ann", "lastName": "Lee", "addressLineOne": "1 Main St", "city": "Austin",
           "country": "US", "postalCode": "73301"}


def test_workspaces_and_billing(harness, lite):
    ws = ok(lite.post("/workspaces", json={"name": "Second", "billingDetails": BILLING}), 201)
    assert CUID.match(ws["id"]) and ws["name"] == "Second" and ws["billingDetails"]["city"] == "Austin"
    rows = paged(ok(lite.get("/workspaces", params={"limit": 1, "page": 2})), "workspaces", 2)
    assert [w["id"] for w in rows] == [ws["id"]]
    assert ok(lite.put(f"/workspaces/{ws['id']}", json={"name": "Renamed"}))["name"] == "Renamed"
    err(lite.put("/workspaces/nope", json={"name": "X"}), 404)
    err(lite.post("/workspaces", json={"name": 5}), 400, ["name", "billingDetails"])
    err(lite.post("/workspaces", json={"name": "Renamed", "billingDetails": BILLING}), 400, ["name"])
    err(lite.get("/workspaces", params={"page": "0"}), 400, ["page"])
    b = ok(lite.post("/billing", json={**BILLING, "company": "Acme"}), 201)
    assert b["company"] == "Acme" and b["postalCode"] == "73301"
    err(lite.post("/billing", json={"firstName": "A"}), 400,
        ["lastName", "addressLineOne", "city", "country", "postalCode"])


def test_wallet_payment_link_credit_and_invoices(harness, lite):
    assert ok(lite.get("/wallet/balance"))["balance"] == 200
    link = ok(lite.post("/wallet/balance", json={"amount": 50}), 201)["paymentLink"]
    token = link.rsplit("/", 1)[1]
    assert link.endswith(f"/_sim/pay/{token}")
    err(lite.post("/wallet/credit", json={"amount": 10}), 400)  # no saved card yet
    assert harness.client.post(f"/_sim/pay/{token}").status_code == 200
    assert ok(lite.get("/wallet/balance"))["balance"] == 250
    credited = ok(lite.post("/wallet/credit", json={"amount": 10}), 201)
    assert credited["balance"] == 260 and credited["amount"] == 10
    invoices = paged(ok(lite.get("/billing/invoices")), "invoices", 1)
    assert invoices[0]["id"] == token and invoices[0]["status"] == "PAID" and invoices[0]["amount"] == 50
    err(lite.post("/wallet/balance", json={"amount": -1}), 400, ["amount"])
    err(lite.post("/wallet/balance", json={"amount": "5"}), 400, ["amount"])
    data = ok(lite.post("/wallet/auto-recharge", json={"enable": True, "threshold": 30, "amount": 40}))
    assert data["autoRecharge"] == {"enabled": True, "threshold": 30, "amount": 40} and data["paymentLink"] is None


def test_purchase_needs_funds_and_payment_link_registers(harness):
    poor = new_lite(harness, walletBalance=5)
    err(poor.post("/domains/purchase", json={"domains": [{"domainName": "poor-lite.com"}]}), 400)
    paged(ok(poor.get("/domains")), "domains", 0)
    err(poor.post("/domains/purchase", json={"domains": [{"domainName": "not a name"}]}), 400,
        ["domains[0].domainName"])
    data = ok(poor.get("/domains/payment-link", params={"domains": "linked-lite.com,linked-lite.net"}))
    assert data["domains"] == ["linked-lite.com", "linked-lite.net"] and data["amount"] == 27.98
    token = data["paymentLink"].rsplit("/", 1)[1]
    assert harness.client.get(f"/_sim/pay/{token}").status_code == 200
    paged(ok(poor.get("/domains")), "domains", 0)
    assert harness.client.post(f"/_sim/pay/{token}").status_code == 200
    rows = paged(ok(poor.get("/domains")), "domains", 2)
    assert {r["status"] for r in rows} == {"PENDING"}
    harness.advance(301)
    assert {r["status"] for r in paged(ok(poor.get("/domains/assignable")), "domains", 2)} == {"ACTIVE"}
    err(poor.get("/domains/payment-link"), 400, ["domains"])
    avail = ok(poor.get("/domains/available", params={"domainName": "fresh-lite.com", "tlds": "com,net"}))
    assert avail["exactMatch"]["domain"] == "fresh-lite.com" and avail["exactMatch"]["available"] is True
    assert avail["domains"] and all(r["available"] for r in avail["domains"])
    err(poor.get("/domains/available", params={"domainName": "x", "tlds": "zz"}), 400, ["tlds"])


def test_domain_settings_dns_check_and_removal(harness, lite):
    d = buy(lite, "settings-lite.com", harness)
    data = ok(lite.post("/domains/dmarc", json={"domainIds": [d["id"]], "email": "dmarc@reports.test"}))
    assert data["updated"] == 1 and data["domains"][0]["dmarcEmail"] == "dmarc@reports.test"
    err(lite.post("/domains/dmarc", json={"domainIds": [d["id"]], "email": "nope"}), 400, ["email"])
    err(lite.post("/domains/dmarc", json={"domainIds": ["missing"], "email": "a@b.test"}), 404)
    assert ok(lite.post("/domains/forwarding", json={"domainIds": [d["id"]], "forwardTo": "https://x.test"})
              )["domains"][0]["forwardTo"] == "https://x.test"
    assert ok(lite.delete("/domains/forwarding", json={"domainIds": [d["id"]]}))["domains"][0]["forwardTo"] is None
    for path, key in (("/domains/email-forwarding", "forwardingEmail"), ("/domains/catch-all", "catchAllEmail")):
        assert ok(lite.post(path, json={"domainIds": [d["id"]], "email": "in@box.test"}))["domains"][0][key] == "in@box.test"
        assert ok(lite.delete(path, json={"domainIds": [d["id"]]}))["domains"][0][key] is None
    [check] = ok(lite.get("/domains/dns-check", params={"domainId": d["id"]}))
    assert check == {"domainId": d["id"], "domain": "settings-lite.com", "mx": True, "spf": True, "dkim": True,
                     "dmarc": True, "ready": True}
    err(lite.get("/domains/dns-check"), 400, ["domainId"])
    err(lite.delete(f"/domains/{d['id']}"), 400)  # purchased: the core's rule keeps it
    err(lite.get("/domains/nope"), 404)


def test_connect_name_servers_and_remove_unused(harness, lite):
    ns = ok(lite.get("/domains/name-servers", params={"domainName": "owned-lite.com"}))
    assert ns["domain"] == "owned-lite.com" and len(ns["nameServers"]) == 2
    assert ok(lite.get("/domains/name-servers/verify", params={"domainName": "owned-lite.com"}))["propagated"] is False
    err(lite.get("/domains/name-servers/verify", params={"domainName": "never-lite.com"}), 400, ["domainName"])
    data = ok(lite.post("/domains/connect", json={"domainNames": ["owned-lite.com"]}))
    assert data["status"] == "IN_PROGRESS" and data["requests"][0]["status"] == "PENDING"
    harness.advance(400)
    assert ok(lite.get("/domains/name-servers/verify", params={"domainName": "owned-lite.com"}))["propagated"] is True
    data = ok(lite.post("/domains/connect", json={"domainNames": ["owned-lite.com"]}))
    assert data["status"] == "COMPLETED" and data["requests"][0]["status"] == "SUCCESS"
    domain_id = data["requests"][0]["domainId"]
    assert ok(lite.get(f"/domains/{domain_id}"))["origin"] == "CONNECTED"
    err(lite.post("/domains/connect", json={"domainNames": []}), 400, ["domainNames"])
    assert ok(lite.delete(f"/domains/{domain_id}")) == {"id": domain_id, "domain": "owned-lite.com"}
    err(lite.get(f"/domains/{domain_id}"), 404)


def test_dns_crud(harness, lite):
    d = buy(lite, "dns-lite.com", harness)
    before = paged(ok(lite.get("/dns", params={"domainId": d["id"]})), "records", 4)
    rec = ok(lite.post("/dns", json={"domainId": d["id"], "host": "www", "value": "203.0.113.9", "recordType": "A"}), 201)
    assert rec["host"] == "www.dns-lite.com" and rec["recordType"] == "A" and CUID.match(rec["id"])
    paged(ok(lite.get("/dns", params={"domainId": d["id"]})), "records", len(before) + 1)
    err(lite.post("/dns", json={"domainId": d["id"], "host": "www", "value": "not-ip", "recordType": "A"}), 400,
        ["value"])
    err(lite.post("/dns", json={"domainId": d["id"]}), 400, ["host", "value", "recordType"])
    err(lite.post("/dns", json={"domainId": "nope", "host": "a", "value": "b", "recordType": "TXT"}), 404)
    assert ok(lite.put(f"/dns/{rec['id']}", json={"value": "203.0.113.10"}))["value"] == "203.0.113.10"
    err(lite.put(f"/dns/{rec['id']}", json={"recordType": "BOGUS"}), 400, ["recordType"])
    assert ok(lite.delete(f"/dns/{rec['id']}")) == {"id": rec["id"]}
    err(lite.delete(f"/dns/{rec['id']}"), 404)
    err(lite.get("/dns"), 400, ["domainId"])


def test_mailbox_update_and_errors(harness, lite):
    buy(lite, "upd-lite.com", harness)
    m = ok(lite.post("/mailboxes", json={"domain": "upd-lite.com", "userName": "amy", "firstName": "Amy",
                                          "lastName": "Pond"}), 201)
    up = ok(lite.put(f"/mailboxes/{m['id']}", json={"firstName": "Amelia", "username": "amelia"}))
    assert up["fullName"] == "Amelia Pond" and up["email"] == "amelia@upd-lite.com"
    err(lite.put(f"/mailboxes/{m['id']}", json={"username": "bad..x"}), 400, ["username"])
    err(lite.put(f"/mailboxes/{m['id']}", json={"firstName": 3}), 400, ["firstName"])
    err(lite.put("/mailboxes/nope", json={"firstName": "A"}), 404)
    err(lite.post("/mailboxes", json={"domain": "nope-lite.com", "mailboxUsername": "a", "firstName": "A",
                                      "lastName": "B"}), 400, ["domain"])
    err(lite.post("/mailboxes", json={"domain": "upd-lite.com", "mailboxUsername": "amelia", "firstName": "A",
                                      "lastName": "B"}), 400, ["mailboxUsername"])
    err(lite.get("/mailboxes", params={"status": "WRONG"}), 400, ["status"])


def test_exports_and_connect_inbox_are_recorded(harness, lite):
    buy(lite, "exp-lite.com", harness)
    ok(lite.post("/mailboxes/assign", json={"mailboxes": [
        {"mailboxUsername": "e1", "domain": "exp-lite.com", "firstName": "E", "lastName": "One"}]}), 201)
    err(lite.post("/connect-inbox", json={"platform": "INSTANTLY"}), 400)  # no Instantly account yet
    acc = ok(lite.post("/exports/third-party-accounts", json={"app": "INSTANTLY", "email": "me@inst.test",
                                                              "password": "pw-inst"}), 201)
    assert set(acc) == {"id", "app", "email", "url", "createdAt", "updatedAt"}
    err(lite.post("/exports/third-party-accounts", json={"app": "NOPE", "email": "a@b.test", "password": "p"}), 400,
        ["app"])
    up = ok(lite.put(f"/exports/third-party-accounts/{acc['id']}", json={"email": "new@inst.test"}))
    assert up["email"] == "new@inst.test" and up["id"] == acc["id"]
    err(lite.put("/exports/third-party-accounts/nope", json={"email": "x@y.test"}), 404)
    err(lite.post("/connect-inbox", json={"platform": "INSTANTLY"}), 400)  # mailbox still PENDING
    harness.advance(601)
    first = ok(lite.post("/connect-inbox", json={"platform": "INSTANTLY"}), 201)
    second = ok(lite.post("/exports/connect-inboxes", json={"app": "instantly"}), 201)
    third = ok(lite.post("/exports/mailboxes", json={"apps": ["MANUAL"]}), 201)
    assert first["apps"] == ["INSTANTLY"] and first["totalMailboxes"] == 1 and first["status"] == "PENDING"
    assert third["csvLink"].endswith(".csv")
    account = harness.world.accounts[lite.account["id"]]
    assert sorted(account.exports) == sorted([first["id"], second["id"], third["id"]])
    err(lite.post("/exports/mailboxes", json={"apps": ["NOPE"]}), 400, ["apps[0]"])
    err(lite.post("/connect-inbox", json={}), 400, ["platform"])


def test_cancel_subscription(harness, lite):
    sub = paged(ok(lite.get("/subscriptions")), "subscriptions", 2)[0]
    data = ok(lite.delete(f"/subscriptions/{sub['id']}"))
    assert data["id"] == sub["id"] and data["cancelAtPeriodEnd"] is True and data["status"] == "ACTIVE"
    err(lite.delete(f"/subscriptions/{sub['id']}"), 400)
    err(lite.delete("/subscriptions/sub_none"), 404)
    harness.advance(31 * 24 * 3600)
    again = next(s for s in paged(ok(lite.get("/subscriptions")), "subscriptions", 2) if s["id"] == sub["id"])
    assert again["status"] == "CANCELLED"


def test_default_world_has_the_litemail_demo_account():
    from simulator.app import Simulator
    from starlette.testclient import TestClient

    sim = Simulator(default_world=True)
    client = TestClient(sim.app)
    h = {"x-api-key": "lm_demo_7a1c9e2b4d6f8a0c"}
    me = ok(client.get("/v1/users", headers=h))
    assert CUID.match(me["id"]) and me["walletBalance"] > 0
    boxes = paged(ok(client.get("/v1/mailboxes", params={"limit": 100}, headers=h)), "mailboxes", 5)
    assert {m["status"] for m in boxes} == {"ACTIVE", "PENDING"}
    assert any(m["scheduledForRemoval"] for m in boxes)
    domains = paged(ok(client.get("/v1/domains", headers=h)), "domains", 4)
    assert {d["status"] for d in domains} == {"ACTIVE", "PENDING"}
