"""The control plane through raw HTTP, as a CI job or a non-Python client drives it."""
from __future__ import annotations

import orjson
import pytest
from starlette.testclient import TestClient

from simulator.app import Simulator

from .helpers import envelope, error

THIRD_PARTY_STATUS = 200
DEMO_KEY = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"
Z = {"x-auth-zapmail": DEMO_KEY}


@pytest.fixture
def sim():
    s = Simulator(default_world=True, freeze_clock=True, seed=11)
    yield s
    s.close()


@pytest.fixture
def http(sim):
    return TestClient(sim.app)


def new_key(http, **body) -> str:
    r = http.post("/_sim/accounts", json={"provider": "zapmail", "walletBalance": 100, **body})
    assert r.status_code == 201, r.text
    return r.json()["apiKey"]


def fail(resp, status: int, contains: str):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and contains.lower() in body["error"].lower(), body
    return body["error"]


# ---------------------------------------------------------------- reset

def test_reset_everything_restores_start_state_and_removes_new_accounts(http, sim):
    start = http.get("/_sim/snapshot").json()
    key = new_key(http)
    assert http.post("/api/v2/wallet/balance", headers=Z, json={"amount": 10}).status_code == 200
    http.post("/api/v2/domains/buy", headers=Z, json={"domains": [{"domainName": "reset-me.com"}], "useWallet": True})
    http.post("/_sim/clock", json={"advanceSeconds": 3600})
    http.post("/_sim/faults", json={"operation": "zapmail.v2.users.get", "action": {"status": 500}})
    r = http.post("/_sim/reset")
    assert r.status_code == 200
    # restored: the Zapmail demo account (requests reached it) and the LiteMail demo account (its
    # PENDING mailboxes went ACTIVE when the clock moved); removed: the account created here
    assert r.json() == {"accountsRestored": 2, "accountsRemoved": 1}
    assert http.get("/_sim/snapshot").json() == start
    assert http.get("/_sim/faults").json() == {"faults": []}
    assert http.get("/_sim/journal").json()["entries"] == []
    assert http.get("/api/v2/users", headers={"x-auth-zapmail": key}).status_code == 401
    assert http.get("/api/v2/users", headers=Z).status_code == 200


def test_reset_visits_only_touched_accounts(http, sim):
    for _ in range(50):
        new_key(http)
    assert http.post("/_sim/baseline").json() == {"accounts": len(sim.world.accounts)}
    start = len(sim.world.accounts)
    assert sim.world.touched == set()
    key = new_key(http)
    http.get("/api/v2/users", headers=Z)
    assert len(sim.world.touched) == 2  # the new account and the demo account, not the other 50+
    assert http.post("/_sim/reset").json() == {"accountsRestored": 1, "accountsRemoved": 1}
    assert len(http.get("/_sim/accounts").json()) == start
    assert http.get("/api/v2/users", headers={"x-auth-zapmail": key}).status_code == 401


def test_reset_one_account(http):
    before = http.get("/api/v2/wallet/balance", headers=Z).json()["walletBalance"]
    demo = next(a for a in http.get("/_sim/accounts?keys=true").json() if a["apiKey"] == DEMO_KEY)
    http.post("/api/v2/wallet/enable-auto-recharge", headers=Z, json={"enable": True})
    other = new_key(http)
    other_id = next(a["id"] for a in http.get("/_sim/accounts?keys=true").json() if a["apiKey"] == other)
    r = http.post(f"/_sim/accounts/{demo['id']}/reset")
    assert r.json() == {"accountId": demo["id"], "outcome": "restored"}
    got = http.get("/api/v2/wallet/balance", headers=Z).json()
    assert got["walletBalance"] == before and got["autoRechargeEnabled"] is False
    assert http.post(f"/_sim/accounts/{other_id}/reset").json() == {"accountId": other_id, "outcome": "removed"}
    fail(http.post(f"/_sim/accounts/{other_id}/reset"), 404, "no account")


# ---------------------------------------------------------------- snapshot

def test_snapshot_round_trip_is_lossless(http):
    key = new_key(http)
    h = {"x-auth-zapmail": key}
    http.post("/api/v2/domains/buy", headers=h, json={"domains": [{"domainName": "snap-a.com"}], "useWallet": True})
    http.post("/api/v2/domains/connect-domain", headers=h, json={"domainNames": ["snap-b.com"]})
    http.post("/api/v2/exports/accounts/third-party", headers=h,
              json={"email": "a@b.test", "password": "pw-123456", "app": "SMARTLEAD"})
    http.post("/api/v2/wallet/balance", headers=h, json={"amount": 25})  # a payment link
    first = http.get("/_sim/snapshot").content
    assert http.post("/_sim/reset").status_code == 200
    assert http.get("/_sim/snapshot").content != first
    r = http.post("/_sim/snapshot", content=first, headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["restored"] == "world"
    assert http.get("/_sim/snapshot").content == first


def test_behaviour_after_restore_is_identical(http):
    key = new_key(http)
    h = {"x-auth-zapmail": key}
    http.post("/api/v2/domains/buy", headers=h, json={"domains": [{"domainName": "same-a.com"}], "useWallet": True})
    snap = http.get("/_sim/snapshot").json()

    def script():
        http.post("/_sim/clock", json={"advanceSeconds": 301})
        dom = envelope(http.get("/api/v2/domains", headers=h))["domains"][0]
        http.post("/api/v2/mailboxes", headers=h, json={dom["id"]: [
            {"firstName": "A", "lastName": "B", "mailboxUsername": "ann", "domainName": "same-a.com"}]})
        http.post("/_sim/clock", json={"advanceSeconds": 600})
        return [http.get("/api/v2/mailboxes/list", headers=h).json(), http.get("/api/v2/domains", headers=h).json(),
                http.get("/api/v2/wallet/balance", headers=h).json()]

    once = script()
    assert http.post("/_sim/snapshot", json=snap).status_code == 200
    assert script() == once


def test_account_snapshot_restores_that_account_only(http):
    key = new_key(http)
    h = {"x-auth-zapmail": key}
    account_id = next(a["id"] for a in http.get("/_sim/accounts?keys=true").json() if a["apiKey"] == key)
    snap = http.get("/_sim/snapshot", params={"account": account_id}).json()
    assert snap["scope"] == "account" and snap["account"]["id"] == account_id
    http.post("/api/v2/wallet/balance", headers=h, json={"amount": 5})
    http.get("/api/v2/users", headers=Z)
    demo_before = http.get("/_sim/snapshot").json()["accounts"][0]
    r = http.post("/_sim/snapshot", json=snap)
    assert r.status_code == 200 and [a["id"] for a in r.json()["accounts"]] == [account_id]
    assert http.get("/_sim/snapshot", params={"account": account_id}).json() == snap
    assert http.get("/_sim/snapshot").json()["accounts"][0] == demo_before


@pytest.mark.parametrize("body, message", [
    ({}, "not a snapshot"),
    ({"format": "mailbox-simulator/snapshot-1", "scope": "galaxy"}, "scope"),
    ({"format": "mailbox-simulator/snapshot-1", "scope": "account", "account": {"$type": "Nope"}}, "unknown type"),
    ({"format": "mailbox-simulator/snapshot-1", "scope": "account", "account": {"$type": "Account", "id": "x"}},
     "cannot build Account"),
    ({"format": "mailbox-simulator/snapshot-1", "scope": "world", "accounts": []}, "lacks"),
    ([1, 2], "snapshot object"),
])
def test_bad_snapshots_are_400_and_change_nothing(http, body, message):
    before = http.get("/_sim/snapshot").content
    fail(http.post("/_sim/snapshot", json=body), 400, message)
    assert http.get("/_sim/snapshot").content == before
    fail(http.get("/_sim/snapshot", params={"account": "nobody"}), 404, "no account")


# ---------------------------------------------------------------- seed

FIXTURE = {"accounts": [{"provider": "zapmail", "email": "seeded@example.test", "walletBalance": 42,
                         "workspaces": [{"name": "Seeded", "domains": [
                             {"name": "seeded-one.com", "mailboxes": [
                                 {"firstName": "Sam", "lastName": "Seed", "username": "sam"}]}]}]}]}


def test_seed_new_account_from_document_and_file(tmp_path):
    sim = Simulator(default_world=True, freeze_clock=True, seed=11, fixtures_dir=str(tmp_path))
    http = TestClient(sim.app)
    r = http.post("/_sim/seed", json={"fixture": FIXTURE})
    assert r.status_code == 201
    [acct] = r.json()["accounts"]
    assert acct["email"] == "seeded@example.test" and acct["walletBalance"] == 42
    h = {"x-auth-zapmail": acct["apiKey"]}
    assert [d["domain"] for d in envelope(http.get("/api/v2/domains", headers=h))["domains"]] == ["seeded-one.com"]
    path = tmp_path / "world.json"
    path.write_bytes(orjson.dumps({"accounts": [{**FIXTURE["accounts"][0], "email": "file@example.test",
                                                 "workspaces": []}]}))
    r = http.post("/_sim/seed", json={"path": "world.json"})  # relative to the fixtures directory
    assert r.status_code == 201 and r.json()["accounts"][0]["email"] == "file@example.test"
    sim.close()


def test_seed_into_existing_account(http):
    key = new_key(http)
    account_id = next(a["id"] for a in http.get("/_sim/accounts?keys=true").json() if a["apiKey"] == key)
    entry = {"workspaces": [{"primary": True, "domains": [{"name": "into-existing.com"}]},
                            {"name": "Second", "domains": [{"name": "into-second.com"}]}]}
    r = http.post("/_sim/seed", json={"fixture": entry, "accountId": account_id})
    assert r.status_code == 200 and r.json()["accounts"][0]["id"] == account_id
    h = {"x-auth-zapmail": key}
    assert [d["domain"] for d in envelope(http.get("/api/v2/domains", headers=h))["domains"]] == ["into-existing.com"]
    workspaces = http.get("/api/v2/workspaces", headers=h).json()
    assert "Second" in str(workspaces)


@pytest.mark.parametrize("body, message", [
    ({}, "either fixture"),
    ({"fixture": FIXTURE, "path": "/x.json"}, "either fixture"),
    ({"path": "/definitely/not/here.json"}, "needs a fixtures directory"),
    ({"fixture": {"accounts": [{"provider": "nope"}]}}, "provider must be one of"),
    ({"fixture": {"accounts": "x"}}, "non-empty list"),
    ({"fixture": {"accounts": [{"provider": "zapmail", "workspaces": [{"domains": [{"nam": "x.com"}]}]}]}},
     "workspaces.0.domains.0.name is required"),
    ({"fixture": FIXTURE, "accountId": "nobody"}, "no account"),
    ({"fixtures": FIXTURE}, "unknown field fixtures"),
])
def test_bad_seeds_are_4xx_and_leave_no_half_account(http, body, message):
    before = len(http.get("/_sim/accounts").json())
    r = http.post("/_sim/seed", json=body)
    fail(r, 404 if message == "no account" else 400, message)
    assert len(http.get("/_sim/accounts").json()) == before


# ---------------------------------------------------------------- faults

def test_first_n_rule_fails_exactly_n_calls_then_lists_counts(http):
    r = http.post("/_sim/faults", json={"operation": "zapmail.v2.users.get", "action": {"status": 503},
                                        "trigger": {"firstN": 3}})
    assert r.status_code == 201
    rule = r.json()
    assert rule == {"id": rule["id"], "provider": "zapmail", "operation": "zapmail.v2.users.get", "account": None,
                    "action": {"status": 503}, "trigger": {"firstN": 3}, "matched": 0, "injected": 0}
    codes = [http.get("/api/v2/users", headers=Z).status_code for _ in range(6)]
    assert codes == [503, 503, 503, 200, 200, 200]
    assert http.post("/_sim/faults", json={"operation": "zapmail.v2.users.get",
                                           "action": {"status": 500}}).status_code == 201
    error(http.get("/api/v2/users", headers=Z), 500, "internal server error")
    listed = http.get("/_sim/faults").json()["faults"]
    assert [(f["matched"], f["injected"]) for f in listed] == [(7, 3), (1, 1)]
    assert http.delete(f"/_sim/faults/{rule['id']}").status_code == 204
    fail(http.delete(f"/_sim/faults/{rule['id']}"), 404, "no fault rule")
    assert http.delete("/_sim/faults").status_code == 204
    assert http.get("/_sim/faults").json() == {"faults": []}
    assert http.get("/api/v2/users", headers=Z).status_code == 200


def test_429_rule_answers_the_documented_body_and_retry_after(http):
    http.post("/_sim/faults", json={"operation": "zapmail.v2.domains.list", "action": {"status": 429, "retryAfter": 7}})
    r = http.get("/api/v2/domains", headers=Z)
    assert r.status_code == 429 and r.headers["retry-after"] == "7"
    assert r.json() == {"status": 429, "message": "Too many requests"}
    http.post("/_sim/faults", json={"operation": "zapmail.v2.users.get", "action": {"status": 429}})
    r = http.get("/api/v2/users", headers=Z)
    assert r.status_code == 429 and r.headers["retry-after"] == "1"


def test_every_nth_probability_and_account_scoped_rules(http):
    other = new_key(http)
    other_id = next(a["id"] for a in http.get("/_sim/accounts?keys=true").json() if a["apiKey"] == other)
    http.post("/_sim/faults", json={"operation": "zapmail.v2.wallet.get_balance", "account": other_id,
                                    "action": {"status": 500}, "trigger": {"everyNth": 2}})
    assert [http.get("/api/v2/wallet/balance", headers={"x-auth-zapmail": other}).status_code
            for _ in range(4)] == [200, 500, 200, 500]
    assert {http.get("/api/v2/wallet/balance", headers=Z).status_code for _ in range(4)} == {200}
    http.delete("/_sim/faults")

    def draw():
        http.delete("/_sim/faults")
        http.post("/_sim/faults", json={"provider": "zapmail", "action": {"status": 503},
                                        "trigger": {"probability": 0.5, "seed": 42}})
        return [http.get("/api/v2/users", headers=Z).status_code for _ in range(20)]

    first = draw()
    assert first == draw() and {200, 503} == set(first)


def test_faulted_calls_change_nothing_and_are_marked_in_the_journal(http):
    before = http.get("/api/v2/wallet/balance", headers=Z).json()["walletBalance"]
    http.post("/_sim/faults", json={"operation": "zapmail.v2.domains.buy", "action": {"status": 500},
                                    "trigger": {"firstN": 1}})
    buy = {"domains": [{"domainName": "faulted-buy.com"}], "useWallet": True}
    error(http.post("/api/v2/domains/buy", headers=Z, json=buy), 500)
    assert http.get("/api/v2/wallet/balance", headers=Z).json()["walletBalance"] == before
    assert http.post("/api/v2/domains/buy", headers=Z, json=buy).status_code == 200
    rows = http.get("/_sim/journal", params={"routeId": "zapmail.v2.domains.buy"}).json()["entries"]
    assert [(e["status"], e["fault"]) for e in rows] == [(500, {"ruleId": "fault-1", "action": "status"}), (200, None)]


def test_latency_fault_delays_the_answer(http):
    http.post("/_sim/faults", json={"operation": "zapmail.v2.users.get", "action": {"latencyMs": 150}})
    r = http.get("/api/v2/users", headers=Z)
    assert r.status_code == 200
    [entry] = http.get("/_sim/journal", params={"fault": "true"}).json()["entries"]
    assert entry["durationMs"] >= 150 and entry["fault"]["action"] == "latency" and entry["status"] == 200


@pytest.mark.parametrize("body, message", [
    ({"action": {}}, "needs a status"),
    ({"action": {"status": 200}}, "greater than or equal to 400"),
    ({"action": {"status": 500, "drop": "before"}}, "not both"),
    ({"action": {"drop": "sideways"}}, "action.drop"),
    ({"action": {"latencyMs": 5}, "trigger": {"firstN": 0}}, "trigger.firstN"),
    ({"action": {"status": 500}, "trigger": {"firstN": 1, "everyNth": 2}}, "one of"),
    ({"action": {"status": 500}, "trigger": {"probability": 2}}, "trigger.probability"),
    ({"operation": "zapmail.v2.nope", "action": {"status": 500}}, "unknown operation"),
    ({"provider": "nope", "action": {"status": 500}}, "provider must be one of"),
    ({"account": "nobody", "action": {"status": 500}}, "no account"),
    ({"action": {"status": 500}, "extra": 1}, "unknown field extra"),
    ({"action": {"status": "500"}}, "action.status"),
])
def test_bad_fault_rules_are_400(http, body, message):
    fail(http.post("/_sim/faults", json=body), 400, message)
    assert http.get("/_sim/faults").json() == {"faults": []}


# ---------------------------------------------------------------- journal

def test_journal_query_filters_and_never_stores_secrets(http, sim):
    key = new_key(http)
    h = {"x-auth-zapmail": key}
    r = http.post("/api/v2/exports/accounts/third-party", headers=h,
                  json={"email": "x@y.test", "password": "hunter2-secret", "app": "SMARTLEAD"})
    assert r.status_code == THIRD_PARTY_STATUS
    http.get("/api/v2/mailboxes/list", headers=h, params={"page": "1", "password": "p4ss", "apiKey": key})
    http.get("/api/v2/users", headers={"x-auth-zapmail": "wrong"})
    http.get("/api/v9/nothing", headers=h)
    http.post("/_sim/clock", json={"advanceSeconds": 100})
    http.get("/api/v2/users", headers=Z)
    everything = http.get("/_sim/journal").json()
    assert everything["total"] == 5 and everything["size"] == 10_000 and everything["recorded"] == 5
    assert key not in str(everything) and "hunter2" not in str(everything) and "p4ss" not in str(everything)
    listed = next(e for e in everything["entries"] if e["routeId"] == "zapmail.v2.mailbox.list")
    assert listed["query"] == {"page": "1", "password": "[REDACTED]", "apiKey": "[REDACTED]"}
    assert set(listed) == {"id", "time", "epochSeconds", "provider", "method", "path", "query", "routeId",
                           "accountId", "status", "durationMs", "fault", "rateLimited", "stub", "requestBody",
                           "responseBody"}
    assert (listed["stub"], listed["requestBody"], listed["responseBody"]) == (None, None, None)  # bodies are off

    def q(**params):
        return [(e["method"], e["path"], e["status"]) for e in http.get("/_sim/journal", params=params).json()["entries"]]

    assert q(status="401") == [("GET", "/api/v2/users", 401)]
    assert q(status="4xx") == [("GET", "/api/v2/users", 401), ("GET", "/api/v9/nothing", 404)]
    assert q(method="post") == [("POST", "/api/v2/exports/accounts/third-party", THIRD_PARTY_STATUS)]
    assert q(path="/api/v2/mail*") == [("GET", "/api/v2/mailboxes/list", 200)]
    account_id = listed["accountId"]
    assert len(q(account=account_id)) == 2  # the unknown path was never authenticated
    late = everything["entries"][-1]
    assert q(since=late["time"]) == [("GET", "/api/v2/users", 200)]
    assert q(until=str(late["epochSeconds"] - 1)) == q(afterId="0")[:4]
    assert q(afterId=str(late["id"] - 1)) == [("GET", "/api/v2/users", 200)]
    assert q(limit="2") == q()[-2:]
    assert http.delete("/_sim/journal").status_code == 204
    assert http.get("/_sim/journal").json()["entries"] == []


@pytest.mark.parametrize("params, message", [
    ({"stauts": "200"}, "unknown filter"), ({"status": "abc"}, "status must be"), ({"since": "yesterday"}, "since"),
    ({"limit": "0"}, "limit must be at least 1"), ({"fault": "maybe"}, "fault must be"), ({"afterId": "x"}, "integer"),
])
def test_bad_journal_queries_are_400(http, params, message):
    fail(http.get("/_sim/journal", params=params), 400, message)


def test_journal_is_a_bounded_ring_with_configurable_size(http):
    assert http.post("/_sim/journal/config", json={"size": 3}).json() == {"size": 3, "held": 0, "recorded": 0}
    for _ in range(5):
        http.get("/api/v2/users", headers=Z)
    page = http.get("/_sim/journal").json()
    assert [e["id"] for e in page["entries"]] == [3, 4, 5] and page["held"] == 3 and page["recorded"] == 5
    assert http.get("/_sim/journal/config").json() == {"size": 3, "held": 3, "recorded": 5}
    fail(http.post("/_sim/journal/config", json={"size": 0}), 400, "size")


def test_verify_counts_and_names_the_closest_call(http):
    for _ in range(2):
        http.get("/api/v2/users", headers=Z)
    http.get("/api/v2/domains", headers=Z)
    ok = http.post("/_sim/journal/verify", json={"routeId": "zapmail.v2.users.get", "exactly": 2}).json()
    assert ok["ok"] is True and ok["count"] == 2 and ok["expected"] == {"exactly": 2} and "closest" not in ok
    assert http.post("/_sim/journal/verify", json={"path": "/api/v2/*", "atLeast": 3}).json()["ok"] is True
    miss = http.post("/_sim/journal/verify", json={"method": "GET", "path": "/api/v2/domain", "exactly": 1}).json()
    assert miss["ok"] is False and miss["count"] == 0
    assert miss["closest"][0]["entry"]["path"] == "/api/v2/domains"
    assert miss["closest"][0]["differences"] == {"path": {"expected": "/api/v2/domain", "actual": "/api/v2/domains"}}
    assert "closest: GET /api/v2/domains -> 200" in miss["message"]
    too_many = http.post("/_sim/journal/verify", json={"routeId": "zapmail.v2.users.get", "atMost": 1}).json()
    assert too_many["ok"] is False and too_many["count"] == 2 and len(too_many["matches"]) == 2
    fail(http.post("/_sim/journal/verify", json={"routeId": "x"}), 400, "say how many")
    fail(http.post("/_sim/journal/verify", json={"exactly": -1}), 400, "exactly")


# ---------------------------------------------------------------- rate limits

def test_rate_limits_are_off_by_default_then_enforce_the_documented_numbers(http):
    got = http.get("/_sim/rate-limits").json()["providers"]["zapmail"]
    assert got == {"enabled": False, "limits": [
        {"id": "per-second", "limit": 5, "windowSeconds": 1.0, "operations": None},
        {"id": "per-minute", "limit": 20, "windowSeconds": 60.0, "operations": None},
        {"id": "domain-search", "limit": 10, "windowSeconds": 1800.0,
         "operations": ["zapmail.v2.domains.check_availability_bulk", "zapmail.v2.domains.search_available"]}]}
    assert {http.get("/api/v2/users", headers=Z).status_code for _ in range(8)} == {200}
    assert http.post("/_sim/rate-limits", json={"provider": "zapmail", "enabled": True}).json()["enabled"] is True
    codes = [http.get("/api/v2/users", headers=Z).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    r = http.get("/api/v2/users", headers=Z)
    assert r.json() == {"status": 429, "message": "Too many requests"} and r.headers["retry-after"] == "1"
    other = new_key(http)  # per key: another key has its own budget
    assert http.get("/api/v2/users", headers={"x-auth-zapmail": other}).status_code == 200
    http.post("/_sim/clock", json={"advanceSeconds": 1})
    assert http.get("/api/v2/users", headers=Z).status_code == 200
    limited = http.get("/_sim/journal", params={"status": "429"}).json()["entries"]
    assert {e["rateLimited"] for e in limited} == {"per-second"}


def test_domain_search_limit_is_shared_and_configurable(http):
    http.post("/_sim/rate-limits", json={"provider": "zapmail", "enabled": True,
                                         "limits": {"domain-search": 2, "per-second": 100, "per-minute": 100}})
    search = {"domainName": "brandnew"}
    assert http.post("/api/v2/domains/available", headers=Z, json=search).status_code == 200
    assert http.post("/api/v2/domains/available-bulk", headers=Z,
                     json={"domainNames": ["brandnew.com"]}).status_code == 200
    r = http.post("/api/v2/domains/available", headers=Z, json=search)
    assert r.status_code == 429 and r.headers["retry-after"] == "1800"
    assert http.get("/api/v2/users", headers=Z).status_code == 200
    fail(http.post("/_sim/rate-limits", json={"provider": "zapmail", "limits": {"per-hour": 3}}), 400, "unknown limit")
    fail(http.post("/_sim/rate-limits", json={"provider": "nope"}), 400, "provider must be one of")
    fail(http.post("/_sim/rate-limits", json={"provider": "zapmail", "limits": {"per-second": 0}}), 400,
         "at least 1")
    assert http.post("/_sim/reset").status_code == 200
    assert http.get("/_sim/rate-limits").json()["providers"]["zapmail"]["enabled"] is False


# ---------------------------------------------------------------- openapi and plumbing

def test_openapi_documents_every_control_operation(http, sim):
    doc = http.get("/_sim/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    served = {(m, r.path) for r in sim._starlette.routes if (r.path.startswith("/_sim") or r.path == "/")
              and r.name != "unmatched" for m in r.methods - {"HEAD"}}
    assert documented == served
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op["operationId"] and op["summary"] and op["responses"], (method, path)
    ref = doc["paths"]["/_sim/faults"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    fault_schema = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(fault_schema["properties"]) == {"provider", "operation", "account", "action", "trigger"}
    for ref in _refs(doc):
        assert ref.rsplit("/", 1)[1] in doc["components"]["schemas"], ref


def test_control_answers_match_the_shapes_the_document_declares(http):
    """The answers the Python helpers type (simulator/results.py) are the ones the document
    declares: real answers, with a fault fired, a stub applied and bodies kept, validate."""
    from jsonschema import Draft202012Validator

    doc = http.get("/_sim/openapi.json").json()

    def check(method: str, path: str, resp, status: int = 200):
        assert resp.status_code == status, resp.text
        schema = doc["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
        errors = list(Draft202012Validator({**schema, "components": doc["components"]}).iter_errors(resp.json()))
        assert not errors, (method, path, [e.message for e in errors[:3]])

    created = http.post("/_sim/accounts", json={"provider": "zapmail", "walletBalance": 5})
    check("post", "/_sim/accounts", created, 201)
    check("get", "/_sim/accounts", http.get("/_sim/accounts"))
    check("get", "/_sim/accounts", http.get("/_sim/accounts", params={"keys": "true"}))
    key = created.json()["apiKey"]
    fault = http.post("/_sim/faults", json={"operation": "zapmail.v2.users.get", "action": {"status": 503},
                                            "trigger": {"firstN": 1}})
    check("post", "/_sim/faults", fault, 201)
    stub = http.post("/_sim/stubs", json={"operation": "zapmail.v2.wallet.get_balance",
                                          "answer": {"body": {"data": {"balance": 1}}, "merge": True}})
    check("post", "/_sim/stubs", stub, 201)
    assert http.get("/api/v2/users", headers={"x-auth-zapmail": key}).status_code == 503
    http.get("/api/v2/users", headers={"x-auth-zapmail": key})
    http.get("/api/v2/wallet/balance", headers={"x-auth-zapmail": key})
    http.get("/api/v2/users")  # no key: no account on the entry
    check("get", "/_sim/faults", http.get("/_sim/faults"))
    check("get", "/_sim/stubs", http.get("/_sim/stubs"))
    journal = http.get("/_sim/journal")
    check("get", "/_sim/journal", journal)
    entries = journal.json()["entries"]
    assert any(e["fault"] for e in entries) and any(e["stub"] for e in entries)
    check("post", "/_sim/journal/verify", http.post("/_sim/journal/verify", json={"routeId": "zapmail.v2.users.get",
                                                                               "exactly": 2}))
    missed = http.post("/_sim/journal/verify", json={"routeId": "zapmail.v2.users.get", "exactly": 9})
    assert missed.json()["ok"] is False
    check("post", "/_sim/journal/verify", missed)
    check("post", "/_sim/reset", http.post("/_sim/reset"))


def _refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_providers_lists_base_urls_and_auth_headers(http, sim):
    rows = http.get("/_sim/providers").json()["providers"]
    assert [r["name"] for r in rows] == [d.name for d in sim.dialects]
    assert rows[0] == {"name": "zapmail", "prefix": "/api", "authHeader": "x-auth-zapmail", "basePath": "/api",
                       "baseUrl": "http://testserver/api"}
    lite = next(r for r in rows if r["name"] == "litemail")  # its paths carry /v1: the base is the root
    assert lite == {"name": "litemail", "prefix": "/v1", "authHeader": "x-api-key", "basePath": "",
                    "baseUrl": "http://testserver"}
    for row in rows:
        assert set(row) == {"name", "prefix", "authHeader", "basePath", "baseUrl"} and row["authHeader"]
        assert row["baseUrl"] == "http://testserver" + row["basePath"]


def test_malformed_control_bodies_are_400(http):
    for path in ("/_sim/faults", "/_sim/seed", "/_sim/journal/verify", "/_sim/rate-limits", "/_sim/snapshot",
                 "/_sim/clock", "/_sim/accounts"):
        fail(http.post(path, content=b"{nope", headers={"content-type": "application/json"}), 400, "malformed")
    fail(http.post("/_sim/faults", json=[1]), 400, "json object")


def test_reset_brings_back_accounts_deleted_since_start_in_their_place(http):
    start = http.get("/_sim/snapshot").json()
    without_first = {**start, "accounts": start["accounts"][1:]}
    assert http.post("/_sim/snapshot", json=without_first).status_code == 200
    assert http.get("/api/v2/users", headers=Z).status_code == 401
    http.post("/_sim/reset")
    assert http.get("/_sim/snapshot").json() == start
