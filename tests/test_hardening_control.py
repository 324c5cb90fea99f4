"""Issue 12's findings on the control plane, each sent as its repro: a clear 4xx naming the field
(or the documented behaviour), the server still answering, and a refused call leaving the world
exactly as it was (snapshot before == snapshot after, id source included)."""
from __future__ import annotations

import copy

import pytest
from starlette.testclient import TestClient

from simulator.app import Simulator
from simulator.core.clock import MAX_EPOCH

ZAP_KEY = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"
LITE_KEY = "lm_demo_7a1c9e2b4d6f8a0c"
Z = {"x-auth-zapmail": ZAP_KEY}
L = {"x-api-key": LITE_KEY}
YEAR = 365 * 24 * 3600


@pytest.fixture
def sim():
    s = Simulator(default_world=True, freeze_clock=True, seed=5)
    yield s
    s.close()


@pytest.fixture
def http(sim):
    return TestClient(sim.app)


def snapshot(http) -> dict:
    r = http.get("/_sim/snapshot")
    assert r.status_code == 200, r.text
    return r.json()


def refused(resp, status: int, *words: str) -> str:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert set(body) == {"error"}, body
    for word in words:
        assert word.lower() in body["error"].lower(), body
    return body["error"]


def still_serving(http) -> None:
    assert http.get("/_sim/health").json()["status"] == "ok"
    assert http.get("/api/v2/users", headers=Z).status_code == 200
    assert http.get("/v1/users", headers=L).status_code == 200
    assert http.get("/_sim/accounts").status_code == 200


# ---------------------------------------------------------------- the clock

@pytest.mark.parametrize("body, field, limit", [
    ({"advanceSeconds": 1e15}, "advanceSeconds", "252455615999"),
    ({"advanceSeconds": 1e308}, "advanceSeconds", "252455615999"),
    ({"advanceSeconds": 10 ** 30}, "advanceSeconds", "252455615999"),
    ({"rate": 1e308}, "rate", "1000000"),
    ({"rate": 1e308, "freeze": False}, "rate", "1000000"),
    ({"advanceSeconds": -1}, "advanceSeconds", "0"),
])
def test_out_of_range_clock_changes_are_400_and_move_nothing(http, body, field, limit):
    before = snapshot(http)
    refused(http.post("/_sim/clock", json=body), 400, field, limit)
    assert snapshot(http) == before
    still_serving(http)


def test_advancing_past_year_9999_is_refused_before_anything_moves(http):
    before = snapshot(http)
    # within the static bound, but beyond year 9999 from now: refused, the clock stays, no 500 later
    error = refused(http.post("/_sim/clock", json={"advanceSeconds": 2.52e11, "freeze": False}), 400,
                    "advanceSeconds", "year 10000")
    assert "at most" in error
    assert snapshot(http) == before
    assert http.get("/_sim/clock").json()["frozen"] is True  # the freeze part did not apply either
    still_serving(http)


def test_the_clock_can_reach_year_9999_and_stops_there(http):
    room = MAX_EPOCH - http.get("/_sim/clock").json()["epochSeconds"]
    r = http.post("/_sim/clock", json={"advanceSeconds": room})
    assert r.status_code == 200 and r.json()["now"].startswith("9999-12-31T23:59:59")
    still_serving(http)
    refused(http.post("/_sim/clock", json={"advanceSeconds": 1}), 400, "advanceSeconds")


def test_a_fast_clock_left_running_stops_at_year_9999(sim, http):
    assert http.post("/_sim/clock", json={"advanceSeconds": MAX_EPOCH - 10 - sim.world.now()}).status_code == 200
    assert http.post("/_sim/clock", json={"rate": 1_000_000, "freeze": False}).status_code == 200
    import time
    time.sleep(0.05)  # 50,000 simulated seconds: past the end if nothing held it
    assert http.get("/_sim/clock").json()["epochSeconds"] == MAX_EPOCH
    still_serving(http)


def test_advancing_a_century_renews_each_subscription_once_not_per_month(http):
    start = http.get("/_sim/clock").json()["epochSeconds"]
    r = http.post("/_sim/clock", json={"advanceSeconds": 100 * YEAR})
    assert r.status_code == 200
    now = start + 100 * YEAR
    for account in snapshot(http)["accounts"]:
        renewals = [e["$tuple"] for e in account["events"] if e["$tuple"][2] == "subscription.renew"]
        subs = [s for s in account["subscriptions"].values() if s["status"] == "ACTIVE"]
        assert len(renewals) == len(subs)  # one pending renewal each: the missed ones were not queued
        for sub in subs:
            assert sub["period_start"] <= now < sub["period_end"]
    still_serving(http)


def test_reads_after_the_clock_moved_to_year_9999_are_bounded_work(sim, http, monkeypatch):
    """Warmup analytics summed one hashed value per day since activation: a century ahead took
    24 s a request, year 9999 would have taken most of an hour."""
    from simulator.domain import warmup

    assert http.post("/_sim/clock", json={"advanceSeconds": MAX_EPOCH - sim.world.now()}).status_code == 200
    calls = []
    real = warmup.unit
    monkeypatch.setattr(warmup, "unit", lambda *parts: calls.append(parts) or real(*parts))
    r = http.get("/v1/mailboxes/warmup-analytics", headers=L)
    assert r.status_code == 200
    mailboxes = [m for a in sim.world.accounts.values() if a.dialect == "litemail" for m in a.mailboxes.values()]
    # a few hashes a day over at most a year, a cycle and the history shown, per mailbox: not
    # ~10 per day of the 8,000 years since (over 10^8 for these mailboxes)
    assert calls and len(calls) <= len(mailboxes) * 20 * (warmup.EXACT_DAYS + warmup.PLATEAU_CYCLE + 100)
    assert "9999-12-31" in r.text  # today's row is there
    still_serving(http)


# ---------------------------------------------------------------- restoring snapshots

def test_a_snapshot_with_an_out_of_range_clock_is_refused(http):
    before = snapshot(http)
    doc = copy.deepcopy(before)
    doc["clock"]["epochSeconds"] = 1e300
    refused(http.post("/_sim/snapshot", json=doc), 400, "clock.epochSeconds", "year 9999")
    assert snapshot(http) == before
    still_serving(http)


@pytest.mark.parametrize("field, value, words", [
    ("events", [["x"]], ["accounts[0].events"]),
    ("events", [{"$tuple": [1e9, 1, "no.such.kind", "x"]}], ["no scheduled event kind"]),
    ("wallet_balance", "lots", ["wallet_balance", "float"]),
    ("wallet_balance", 1e300, ["out of range"]),
    ("domains", "x", ["accounts[0].domains"]),
    ("mailboxes", [1, 2, 3], ["accounts[0].mailboxes"]),
    ("api_keys", [None], ["api_keys"]),
    ("primary_workspace_id", "nowhere", ["primary_workspace_id"]),
    ("created_at", 1e300, ["out of range"]),
    ("dialect", "nope", ["dialect must be one of"]),
])
def test_a_snapshot_with_wrong_typed_values_is_refused_whole(http, field, value, words):
    before = snapshot(http)
    doc = copy.deepcopy(before)
    doc["accounts"][0][field] = value
    refused(http.post("/_sim/snapshot", json=doc), 400, *words)
    assert snapshot(http) == before  # nothing half-restored: both demo accounts are still there
    still_serving(http)


@pytest.mark.parametrize("settings, words", [
    ({}, ["settings", "missing"]),
    ({"subscription_period_seconds": 0}, ["subscription_period_seconds"]),
    ({"webhook_retry_delays_seconds": "soon"}, ["webhook_retry_delays_seconds"]),
    ({"surprise": 1}, ["unknown surprise"]),
])
def test_a_snapshot_with_bad_settings_is_refused(http, settings, words):
    before = snapshot(http)
    doc = copy.deepcopy(before)
    doc["settings"] = settings if settings == {} else {**doc["settings"], **settings}
    refused(http.post("/_sim/snapshot", json=doc), 400, *words)
    assert snapshot(http) == before
    still_serving(http)


def test_an_account_snapshot_with_a_mailbox_of_a_missing_domain_is_refused(http):
    before = snapshot(http)
    account = copy.deepcopy(before["accounts"][0])
    mailbox = next(iter(account["mailboxes"].values()))
    mailbox["domain_id"] = "gone"
    r = http.post("/_sim/snapshot", json={"format": before["format"], "scope": "account", "account": account})
    refused(r, 400, "domain gone")
    assert snapshot(http) == before


def test_a_restore_cannot_widen_the_webhook_hosts(http):
    before = snapshot(http)
    doc = copy.deepcopy(before)
    doc["settings"]["webhook_allowed_hosts"] = ["*"]
    assert http.post("/_sim/snapshot", json=doc).status_code == 200
    assert snapshot(http)["settings"]["webhook_allowed_hosts"] == before["settings"]["webhook_allowed_hosts"] == []
    r = http.post("/v1/webhooks", headers=L, json={"url": "https://internal.example.org/hook"})
    assert r.status_code == 400 and "not allowed" in r.json()["message"]


# ---------------------------------------------------------------- creating accounts and seeding

def test_an_account_with_a_huge_balance_is_refused_and_not_created(http, tmp_path):
    before = snapshot(http)
    refused(http.post("/_sim/accounts", json={"provider": "zapmail", "walletBalance": 1e20}), 400,
            "walletBalance", "1000000000")
    assert snapshot(http) == before
    still_serving(http)


def test_an_account_with_a_key_in_use_is_refused_without_a_ghost(http):
    before = snapshot(http)
    for _ in range(3):
        refused(http.post("/_sim/accounts", json={"provider": "zapmail", "apiKey": ZAP_KEY}), 409, "already in use")
    assert snapshot(http) == before  # no keyless account left behind, ids unmoved
    still_serving(http)


@pytest.mark.parametrize("fixture, words", [
    ({"provider": "zapmail", "walletBalance": -5}, ["walletBalance", "greater than or equal to 0"]),
    ({"provider": "zapmail", "workspaces": [{"subscriptions": [{"plan": "P", "quantity": -3}]}]},
     ["workspaces.0.subscriptions.0.quantity"]),
    ({"provider": "zapmail", "workspaces": [{"domains": [{"name": "num-status.com", "status": 5}]}]},
     ["workspaces.0.domains.0.status"]),
    ({"accounts": [{"provider": "zapmail", "email": "first@example.test"},
                   {"provider": "zapmail", "apiKey": ZAP_KEY}]}, ["already in use"]),
    ({"accounts": [{"provider": "zapmail", "workspaces": [{"domains": [{"name": "fine.com"}]}]},
                   {"provider": "zapmail", "workspaces": [{"domains": [{"name": "bad name!"}]}]}]}, ["domain"]),
])
def test_a_refused_seed_changes_nothing_and_keeps_the_id_counter(http, fixture, words):
    before = snapshot(http)
    r = http.post("/_sim/seed", json={"fixture": fixture})
    assert r.status_code in (400, 409), r.text
    refused(r, r.status_code, *words)
    after = snapshot(http)
    assert after["ids"] == before["ids"]
    assert after == before
    # the next account gets the id it would have got had the refused seed never been sent
    fresh = Simulator(default_world=True, freeze_clock=True, seed=5)
    try:
        expected = TestClient(fresh.app).post("/_sim/accounts", json={"provider": "zapmail"}).json()["id"]
    finally:
        fresh.close()
    assert http.post("/_sim/accounts", json={"provider": "zapmail"}).json()["id"] == expected


def test_a_refused_seed_into_an_account_puts_it_back(http):
    before = snapshot(http)
    account_id = before["accounts"][0]["id"]
    entry = {"workspaces": [{"name": "Extra", "domains": [{"name": "ok-one.com"}, {"name": "x", "years": 99}]}]}
    refused(http.post("/_sim/seed", json={"fixture": entry, "accountId": account_id}), 400, "years")
    assert snapshot(http) == before


# ---------------------------------------------------------------- a web page cannot drive it

def test_json_sent_as_text_plain_is_refused(http):
    before = snapshot(http)
    r = http.post("/_sim/accounts", content=b'{"provider": "zapmail"}', headers={"content-type": "text/plain"})
    refused(r, 415, "application/json")
    r = http.post("/_sim/clock", content=b'{"advanceSeconds": 600}')  # no content type at all
    refused(r, 415, "application/json")
    assert snapshot(http) == before


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:9999", "file://"])
def test_a_foreign_origin_is_refused(http, origin):
    before = snapshot(http)
    r = http.post("/_sim/accounts", json={"provider": "zapmail"}, headers={"origin": origin})
    refused(r, 403, "cross-origin")
    refused(http.get("/_sim/snapshot", headers={"origin": origin}), 403)
    assert snapshot(http) == before


def test_the_simulators_own_origin_is_accepted(http):
    r = http.post("/_sim/accounts", json={"provider": "zapmail"}, headers={"origin": "http://testserver"})
    assert r.status_code == 201


@pytest.mark.parametrize("host", ["evil.example", "rebind.attacker.test:8080", "localhost.evil.example"])
def test_a_host_name_a_page_could_rebind_is_refused(http, host):
    before = snapshot(http)
    refused(http.post("/_sim/accounts", json={"provider": "zapmail"}, headers={"host": host}), 403, "host")
    refused(http.get("/_sim/snapshot", headers={"host": host}), 403, "host")
    assert snapshot(http) == before


@pytest.mark.parametrize("host", ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "simulator:8080", "10.0.0.7"])
def test_local_hosts_and_compose_names_are_accepted(http, host):
    assert http.get("/_sim/health", headers={"host": host}).status_code == 200


def test_a_configured_host_name_is_accepted():
    sim = Simulator(control_hosts=["sim.internal.test"])
    try:
        http = TestClient(sim.app)
        assert http.get("/_sim/health", headers={"host": "sim.internal.test:8080"}).status_code == 200
        refused(http.get("/_sim/health", headers={"host": "other.internal.test"}), 403)
    finally:
        sim.close()


def test_the_control_token_is_required_on_every_control_call_when_set():
    sim = Simulator(default_world=True, control_token="s3cret-token")
    try:
        http = TestClient(sim.app)
        for method, path in [("GET", "/_sim/health"), ("GET", "/_sim/accounts"), ("GET", "/_sim/snapshot"),
                             ("POST", "/_sim/reset"), ("GET", "/_sim/openapi.json"), ("GET", "/_sim/nowhere"),
                             ("DELETE", "/_sim/journal")]:
            refused(http.request(method, path), 401, "control token")
            refused(http.request(method, path, headers={"x-control-token": "wrong"}), 401)
        assert http.get("/_sim/health", headers={"x-control-token": "s3cret-token"}).status_code == 200
        assert http.get("/_sim/health", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
        # the provider APIs are not affected, and the helpers carry the token themselves
        assert http.get("/api/v2/users", headers=Z).status_code == 200
        account = sim.create_account("zapmail")
        assert account.client.get("/v2/users").status_code == 200
        sim.advance(60)
        assert sim.snapshot()["format"]
    finally:
        sim.close()


def test_pages_behind_payment_links_need_no_control_token():
    sim = Simulator(default_world=True, control_token="s3cret-token")
    try:
        http = TestClient(sim.app)
        r = http.post("/api/v2/wallet/balance", headers=Z, json={"amount": 25})
        link = r.json()["data"]["url"] if "url" in r.json().get("data", {}) else None
        token = next(iter(sim.world.payment_tokens))
        page = http.get(f"/_sim/pay/{token}")
        assert page.status_code == 200 and "Checkout" in page.text, (link, page.text)
    finally:
        sim.close()


def test_a_server_helper_reads_the_token_from_the_environment(monkeypatch):
    from simulator.client import RemoteSimulator

    sim = Simulator(control_token="env-token-123")
    try:
        server = sim.serve()
        monkeypatch.setenv("MAILSIM_CONTROL_TOKEN", "env-token-123")
        remote = RemoteSimulator(server.url)
        assert remote.clock()["frozen"] is False
        remote.close()
        monkeypatch.delenv("MAILSIM_CONTROL_TOKEN")
        with pytest.raises(AssertionError, match="401"):
            RemoteSimulator(server.url).clock()
        server.close()
    finally:
        sim.close()


def test_keys_are_listed_only_when_asked_for(http):
    listing = http.get("/_sim/accounts").json()
    assert listing and all(set(a) == {"id", "provider", "email", "workspaceId", "walletBalance"} for a in listing)
    assert ZAP_KEY not in http.get("/_sim/accounts").text
    with_keys = http.get("/_sim/accounts?keys=true").json()
    assert [a["apiKey"] for a in with_keys] == [ZAP_KEY, LITE_KEY]
    refused(http.get("/_sim/accounts?keys=maybe"), 400, "keys")


def test_fixture_paths_are_confined_to_the_fixtures_directory(tmp_path):
    inside = tmp_path / "fixtures"
    inside.mkdir()
    (inside / "one.json").write_text('{"accounts": [{"provider": "zapmail", "email": "file@example.test"}]}')
    secret = tmp_path / "secret.json"
    secret.write_text('{"accounts": []}')
    sim = Simulator(fixtures_dir=str(inside))
    try:
        http = TestClient(sim.app)
        assert http.post("/_sim/seed", json={"path": "one.json"}).status_code == 201
        outside = [str(secret), "../secret.json", "/etc/passwd", "../../../../etc/passwd"]
        missing = [str(tmp_path / "nothing.json"), "../nothing.json", "/etc/no-such-file"]
        messages = {refused(http.post("/_sim/seed", json={"path": p}), 400) for p in outside + missing}
        # one answer for existing and missing files outside: no probing the disk through it
        assert messages == {"path must name a file inside the fixtures directory"}
        refused(http.post("/_sim/seed", json={"path": "absent.json"}), 400, "no fixture file absent.json")
    finally:
        sim.close()
    bare = Simulator()
    try:
        refused(TestClient(bare.app).post("/_sim/seed", json={"path": "one.json"}), 400, "fixtures directory")
    finally:
        bare.close()


# ---------------------------------------------------------------- every answer in an envelope

@pytest.mark.parametrize("path, headers", [("/v1/domains", L), ("/api/v2/domains", Z)])
@pytest.mark.parametrize("page", ["18446744073709551616", "9" * 400, "1000000001"])
def test_a_huge_page_number_is_a_400_in_the_envelope_and_journalled_as_sent(http, path, headers, page):
    r = http.get(f"{path}?page={page}", headers=headers)
    assert r.status_code == 400 and r.headers["content-type"] == "application/json"
    assert r.json()["status"] == 400 and r.json()["message"] == "Invalid pagination parameters"
    [entry] = http.get("/_sim/journal", params={"path": path}).json()["entries"]
    assert entry["status"] == 400


def test_an_answer_that_cannot_be_encoded_is_a_500_in_the_envelope_and_journalled_as_500(sim, http, monkeypatch):
    from simulator.core.dialect import Reply

    # a reply no JSON encoder takes (as a 20-digit page number once was), whatever produced it
    monkeypatch.setattr(sim.drift, "transform", lambda dialect, route, reply: Reply(
        200, {"status": 200, "data": {"n": 2 ** 70}}) if route and route.operation == "litemail.users.get" else reply)
    r = http.get("/v1/users", headers=L)
    assert r.status_code == 500 and r.headers["content-type"] == "application/json"
    assert r.json()["status"] == 500 and r.json()["data"] is None
    [entry] = http.get("/_sim/journal", params={"routeId": "litemail.users.get"}).json()["entries"]
    assert entry["status"] == 500


@pytest.mark.parametrize("method, path, status", [
    ("POST", "/_sim/health", 405), ("DELETE", "/_sim/accounts", 405), ("PUT", "/_sim/clock", 405),
    ("GET", "/_sim/no-such-thing", 404), ("GET", "/_sim/accounts%00", 404), ("GET", "/_sim/%0d%0aX:%20y", 404),
    ("POST", "/_sim/accounts/%00%1b/reset", 404), ("GET", "/_sim/accounts/%00/reset", 405),
])
def test_unknown_control_paths_and_methods_answer_in_the_control_envelope(http, method, path, status):
    r = http.request(method, path)
    refused(r, status)
    if status == 405:
        assert r.headers["allow"]


def test_journal_numbers_out_of_range_are_400(http):
    refused(http.get("/_sim/journal?afterId=18446744073709551616"), 400, "afterId")
    refused(http.get("/_sim/journal?limit=" + "9" * 100), 400, "limit")
    refused(http.post("/_sim/journal/verify", json={"afterId": 2 ** 63, "exactly": 1}), 400, "afterId")
    refused(http.post("/_sim/faults", json={"action": {"status": 500}, "trigger": {"firstN": 2 ** 63}}), 400, "firstN")
    assert http.get("/_sim/faults").json() == {"faults": []}


# ---------------------------------------------------------------- the token in the plugin and the contract suite

TOKEN_SUITE = '''
import httpx


def test_the_plugin_carries_the_token(simulator, simulator_server, zapmail_account):
    assert simulator.control_token == "plugin-token-1"
    assert zapmail_account.client.get("/v2/users").status_code == 200
    simulator.advance(60)
    assert simulator_server.clock()["frozen"] is True
    assert httpx.get(simulator_server.url + "/_sim/health").status_code == 401
    assert httpx.get(simulator_server.url + "/_sim/health",
                     headers={"x-control-token": "plugin-token-1"}).status_code == 200
'''


def test_the_pytest_plugin_starts_its_simulator_with_the_token_and_sends_it(tmp_path):
    import os
    import subprocess
    import sys

    (tmp_path / "test_token.py").write_text(TOKEN_SUITE)
    env = {k: v for k, v in os.environ.items() if k != "MAILSIM_CONTROL_TOKEN"}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "-o", "simulator_control_token=plugin-token-1", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout + proc.stderr


def test_the_contract_suite_starts_and_drives_its_simulator_with_the_token(monkeypatch):
    import types

    import contract_tests.conftest as contract_conftest
    import simulator.app as app

    made = []
    real_init = app.Simulator.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        made.append(self)
    monkeypatch.setattr(app.Simulator, "__init__", spy)
    options = {"--control-token": "contract-token-7", "--sim-drift": None}
    client, close = contract_conftest._in_process("zapmail", types.SimpleNamespace(getoption=options.get), "r1")
    try:
        # its account was created through the guarded control plane, so the token went with it
        assert client.get("v2/users").status_code == 200
        [sim] = made
        assert sim.guard.token == "contract-token-7"
        assert TestClient(sim.app).post("/_sim/accounts", json={"provider": "zapmail"}).status_code == 401
    finally:
        close()
