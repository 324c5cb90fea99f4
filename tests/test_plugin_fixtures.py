"""Every control-plane operation through the pytest plugin's fixtures and helpers, in-process and
over a real server."""
from __future__ import annotations

import json

import httpx
import pytest

from simulator import SimulatorError

from simulator.worldfile import default_world_path

DEMO_KEY = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"
START_KEYS = [a["apiKey"] for a in json.loads(default_world_path().read_text())["accounts"]]


def test_each_test_starts_from_the_start_state(simulator):
    """Whatever an earlier test did (see the test below, which runs after this one in file order
    and before it when shuffled), the world, faults and journal are back at the start."""
    assert simulator.faults() == []
    assert simulator.journal() == []
    assert [a["apiKey"] for a in simulator.accounts(keys=True)] == START_KEYS and DEMO_KEY in START_KEYS
    assert simulator.rate_limits()["zapmail"]["enabled"] is False
    assert simulator.clock()["frozen"] is True


def test_a_test_that_dirties_everything(simulator, zapmail_account):
    simulator.add_fault("zapmail.v2.users.get", status=500)
    simulator.advance(3600)
    simulator.set_rate_limits(enabled=True)
    demo = simulator.client("zapmail", api_key=DEMO_KEY)
    assert demo.post("/v2/wallet/balance", json={"amount": 10}).status_code == 200
    assert len(simulator.accounts()) == len(START_KEYS) + 1


def test_after_the_dirty_test_everything_is_clean_again(simulator):
    test_each_test_starts_from_the_start_state(simulator)


def test_account_fixture_has_a_ready_client(simulator, zapmail_account):
    assert zapmail_account.provider == "zapmail"
    assert zapmail_account.base_url == simulator.base_url("zapmail") == "http://simulator/api"
    assert zapmail_account.headers == {"x-auth-zapmail": zapmail_account.api_key}
    r = zapmail_account.client.get("/v2/wallet/balance")
    assert r.status_code == 200 and r.json()["walletBalance"] == 500


def test_litemail_account_skips_until_the_dialect_exists(simulator, request):
    if "litemail" in simulator.providers:
        account = request.getfixturevalue("litemail_account")
        assert account.provider == "litemail"
        return
    with pytest.raises(pytest.skip.Exception, match="no dialect named 'litemail'"):
        request.getfixturevalue("litemail_account")


def test_clock_helpers(simulator, zapmail_account):
    start = simulator.clock()["epochSeconds"]
    assert simulator.advance(90)["epochSeconds"] == start + 90
    assert simulator.set_clock_rate(60)["rate"] == 60
    assert simulator.freeze(True)["frozen"] is True


def test_fault_helpers_first_n_and_remove(simulator, zapmail_account):
    rule = simulator.add_fault("zapmail.v2.users.get", status=503, first_n=2, account=zapmail_account)
    assert rule["account"] == zapmail_account.id and rule["trigger"] == {"firstN": 2}
    codes = [zapmail_account.client.get("/v2/users").status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    assert [(f["id"], f["injected"]) for f in simulator.faults()] == [(rule["id"], 2)]
    simulator.remove_fault(rule)
    assert simulator.faults() == []
    simulator.add_fault(provider="zapmail", status=500)
    simulator.clear_faults()
    assert simulator.faults() == []
    with pytest.raises(SimulatorError, match="unknown operation"):
        simulator.add_fault("zapmail.v2.users.gett", status=500)


def test_dropped_connection_is_an_httpx_error_in_process(simulator, zapmail_account):
    simulator.add_fault("zapmail.v2.users.get", drop="before", first_n=1)
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        zapmail_account.client.get("/v2/users")
    assert zapmail_account.client.get("/v2/users").status_code == 200
    [entry] = simulator.journal(fault=True)
    assert entry["status"] is None and entry["fault"]["action"] == "drop"


def test_drop_after_handling_applies_the_call_but_loses_the_answer(simulator, zapmail_account):
    simulator.add_fault("zapmail.v2.wallet.add_balance", drop="after")
    with pytest.raises(httpx.RemoteProtocolError):
        zapmail_account.client.post("/v2/wallet/balance", json={"amount": 10})
    assert simulator.verify(route_id="zapmail.v2.wallet.add_balance", exactly=1)["ok"] is True
    snap = zapmail_account.snapshot()
    assert len(snap["account"]["payment_links"]) == 1  # the link was created though the answer was lost


def test_latency_fault_trips_a_client_timeout(simulator, zapmail_account):
    simulator.add_fault("zapmail.v2.users.get", latency_ms=300, first_n=1)
    with pytest.raises(httpx.ReadTimeout):
        zapmail_account.client.get("/v2/users", timeout=0.05)
    assert zapmail_account.client.get("/v2/users", timeout=0.05).status_code == 200


def test_journal_and_verify_helpers(simulator, zapmail_account):
    zapmail_account.client.get("/v2/users")
    zapmail_account.client.get("/v2/domains")
    assert [e["routeId"] for e in simulator.journal(account=zapmail_account)] == \
        ["zapmail.v2.users.get", "zapmail.v2.domains.list"]
    assert simulator.assert_called(1, route_id="zapmail.v2.users.get")["count"] == 1
    simulator.assert_called(method="GET", path="/api/v2/*", at_least=2)
    with pytest.raises(AssertionError, match=r"closest: GET /api/v2/domains -> 200 \(differs in path\)"):
        simulator.assert_called(1, path="/api/v2/domain")
    simulator.clear_journal()
    assert simulator.journal() == []


def test_reset_snapshot_restore_helpers(simulator, zapmail_account):
    snap = simulator.snapshot()
    zapmail_account.client.post("/v2/wallet/balance", json={"amount": 10})
    assert simulator.snapshot() != snap
    simulator.restore(snap)
    assert json.dumps(simulator.snapshot()) == json.dumps(snap)
    assert zapmail_account.reset() == "removed"
    # a world restore replaced every account, so the demo accounts count as touched
    assert simulator.reset() == {"accountsRestored": len(START_KEYS), "accountsRemoved": 0}


def test_seed_helper_new_and_existing_account(simulator, zapmail_account):
    [seeded] = simulator.seed({"accounts": [{"provider": "zapmail", "email": "seed@example.test",
                                             "workspaces": [{"domains": [{"name": "plugin-seed.com"}]}]}]})
    domains = seeded.client.get("/v2/domains").json()["data"]["domains"]
    assert [d["domain"] for d in domains] == ["plugin-seed.com"]
    simulator.seed({"workspaces": [{"primary": True, "domains": [{"name": "plugin-into.com"}]}]},
                   account=zapmail_account)
    domains = zapmail_account.client.get("/v2/domains").json()["data"]["domains"]
    assert [d["domain"] for d in domains] == ["plugin-into.com"]


def test_rate_limit_helpers(simulator, zapmail_account):
    limits = simulator.set_rate_limits("zapmail", enabled=True, limits={"per-second": 2})
    assert limits["enabled"] is True and limits["limits"][0] == {"id": "per-second", "limit": 2,
                                                                  "windowSeconds": 1.0, "operations": None}
    codes = [zapmail_account.client.get("/v2/users").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_async_client_in_an_event_loop(simulator, zapmail_account):
    import asyncio

    async def go():
        async with zapmail_account.async_client() as client:
            return (await client.get("/v2/users")).status_code

    assert asyncio.run(go()) == 200


def test_server_fixture_serves_the_same_world_over_a_socket(simulator, simulator_server):
    assert simulator_server.url.startswith("http://127.0.0.1:")
    account = simulator_server.create_account("zapmail", walletBalance=7)
    assert account.base_url == simulator_server.url + "/api"
    assert account.client.get("/v2/wallet/balance").json()["walletBalance"] == 7
    assert any(a["id"] == account.id for a in simulator.accounts())
    simulator_server.add_fault("zapmail.v2.users.get", status=429, retry_after=3, first_n=1)
    r = httpx.get(account.base_url + "/v2/users", headers=account.headers)
    assert r.status_code == 429 and r.headers["retry-after"] == "3"
    assert r.json() == {"status": 429, "message": "Too many requests"}
    assert simulator_server.assert_called(1, route_id="zapmail.v2.users.get", fault=True)["count"] == 1


def test_dropped_connection_over_a_real_socket(simulator_server):
    account = simulator_server.create_account("zapmail")
    simulator_server.add_fault("zapmail.v2.users.get", drop="before", first_n=1)
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        httpx.get(account.base_url + "/v2/users", headers=account.headers)
    assert httpx.get(account.base_url + "/v2/users", headers=account.headers).status_code == 200


def test_python_api_outside_pytest():
    from simulator import Simulator

    with Simulator(freeze_clock=True) as sim:
        account = sim.create_account("zapmail", walletBalance=3)
        assert account.client.get("/v2/wallet/balance").json()["walletBalance"] == 3
        sim.add_fault("zapmail.v2.users.get", status=500, first_n=1)
        assert account.client.get("/v2/users").status_code == 500
        server = sim.serve()
        with httpx.Client(base_url=server.base_url("zapmail"), headers=account.headers) as c:
            assert c.get("/v2/users").status_code == 200
        sim.assert_called(2, route_id="zapmail.v2.users.get")
        server.close()
