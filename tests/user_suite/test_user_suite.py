"""A user's own test suite, as it would sit in another project that installed the simulator:
it uses only the plugin's fixtures and the public, typed API. tests/test_user_suite.py runs it
with pytest (also with -n 2) and with mypy --strict; it is not collected by this repository's run."""
from __future__ import annotations

import asyncio

import httpx
import pytest

from simulator import FaultRule, JournalEntry, RemoteSimulator, SimAccount, Simulator, Verification


def buy(client: httpx.Client, name: str) -> int:
    """The code under test: buy a domain, retrying once on 429."""
    for _ in range(3):
        r = client.post("/v2/domains/buy", json={"domains": [{"domainName": name}], "useWallet": True})
        if r.status_code != 429:
            return r.status_code
    return 429


def test_zapmail_buy_survives_a_429(simulator: Simulator, zapmail_account: SimAccount) -> None:
    rule: FaultRule = simulator.add_fault("zapmail.v2.domains.buy", status=429, retry_after=1, first_n=1)
    assert rule["trigger"] == {"firstN": 1}
    assert buy(zapmail_account.client, "user-suite-shop.com") == 200
    check: Verification = simulator.assert_called(2, route_id="zapmail.v2.domains.buy")
    assert check["ok"] and check["count"] == 2
    domains = zapmail_account.client.get("/v2/domains").json()["data"]["domains"]
    assert domains[0]["status"] == "PENDING"
    simulator.advance(300)
    assert zapmail_account.client.get("/v2/domains").json()["data"]["domains"][0]["status"] == "ACTIVE"


def test_litemail_reads_on_its_base_url(simulator: Simulator, litemail_account: SimAccount) -> None:
    assert litemail_account.base_url == simulator.base_url("litemail")
    r = litemail_account.client.get("/v1/users")
    assert r.status_code == 200 and r.json()["status"] == 200
    entries: list[JournalEntry] = simulator.journal(route_id="litemail.users.get")
    assert [e["status"] for e in entries] == [200]


def test_each_test_starts_clean(simulator: Simulator) -> None:
    assert simulator.faults() == [] and simulator.journal() == []


def test_async_client_times_out_in_process(simulator: Simulator, zapmail_account: SimAccount) -> None:
    simulator.add_fault("zapmail.v2.users.get", latency_ms=2000)

    async def call() -> None:
        async with zapmail_account.async_client(timeout=0.2) as client:
            await client.get("/v2/users")

    with pytest.raises(httpx.ReadTimeout):
        asyncio.run(call())


def test_async_clients_are_closed_at_teardown(request: pytest.FixtureRequest) -> None:
    handed_out: list[httpx.AsyncClient] = []

    def closed_after_the_fixtures() -> None:  # runs after the simulator fixture's teardown
        assert handed_out and all(c.is_closed for c in handed_out)

    request.addfinalizer(closed_after_the_fixtures)
    account: SimAccount = request.getfixturevalue("zapmail_account")
    server: RemoteSimulator = request.getfixturevalue("simulator_server")
    remote_account = server.create_account("zapmail")
    handed_out += [account.async_client(), remote_account.async_client()]

    async def use() -> int:
        r = await handed_out[1].get("/v2/users")  # over the socket; the test never closes it
        return r.status_code

    assert asyncio.run(use()) == 200
    assert not any(c.is_closed for c in handed_out)


def test_server_fixture_over_a_socket(simulator_server: RemoteSimulator) -> None:
    account = simulator_server.create_account("zapmail", walletBalance=9)
    assert account.base_url.startswith("http://127.0.0.1:")
    with httpx.Client(base_url=account.base_url, headers=account.headers) as client:
        assert client.get("/v2/wallet/balance").json()["walletBalance"] == 9
