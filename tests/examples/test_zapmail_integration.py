"""An example suite written the way a user writes one: the code under test is a small client of
the Zapmail API, and the tests use only the simulator's pytest fixtures."""
from __future__ import annotations

import httpx
import pytest

RETRYABLE = {429, 500, 502, 503, 504}


class Provisioner:
    """The integration under test: buys domains and mailboxes, retrying what the API asks to
    retry, honouring Retry-After."""

    def __init__(self, client: httpx.Client, sleep, max_attempts: int = 4):
        self.client, self.sleep, self.max_attempts = client, sleep, max_attempts

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        for attempt in range(1, self.max_attempts + 1):
            response = self.client.request(method, path, **kwargs)
            if response.status_code not in RETRYABLE or attempt == self.max_attempts:
                response.raise_for_status()
                return response
            self.sleep(int(response.headers.get("retry-after", "1")))
        raise AssertionError("unreachable")

    def buy(self, name: str) -> None:
        self.request("POST", "/v2/domains/buy", json={"domains": [{"domainName": name, "years": 1}],
                                                      "useWallet": True})

    def domain(self, name: str) -> dict:
        rows = self.request("GET", "/v2/domains", params={"contains": name}).json()["data"]["domains"]
        return next(d for d in rows if d["domain"] == name)

    def add_mailboxes(self, domain: dict, usernames: list[str]) -> None:
        self.request("POST", "/v2/mailboxes", json={domain["id"]: [
            {"firstName": u.title(), "lastName": "Example", "mailboxUsername": u, "domainName": domain["domain"]}
            for u in usernames]})

    def mailboxes(self) -> list[dict]:
        data = self.request("GET", "/v2/mailboxes/list", params={"limit": 100}).json()["data"]
        return [m for group in data["domains"] for m in group["mailboxes"]]


@pytest.fixture
def slept():
    return []


@pytest.fixture
def provisioner(zapmail_account, slept):
    return Provisioner(zapmail_account.client, sleep=slept.append)


def test_buying_survives_rate_limiting(simulator, provisioner, slept):
    simulator.add_fault("zapmail.v2.domains.buy", status=429, retry_after=2, first_n=2)
    provisioner.buy("example-outbound.com")
    assert slept == [2, 2]
    simulator.assert_called(3, route_id="zapmail.v2.domains.buy")
    assert provisioner.domain("example-outbound.com")["status"] == "PENDING"
    simulator.advance(300)  # registration takes 300 simulated seconds; no sleeping
    assert provisioner.domain("example-outbound.com")["status"] == "ACTIVE"


def test_mailboxes_activate_on_the_clock(simulator, provisioner):
    provisioner.buy("example-mail.com")
    simulator.advance(300)
    provisioner.add_mailboxes(provisioner.domain("example-mail.com"), ["ada", "grace"])
    assert {m["status"] for m in provisioner.mailboxes()} == {"IN_PROGRESS"}
    simulator.advance(600)
    assert {m["status"] for m in provisioner.mailboxes()} == {"ACTIVE"}


def test_gives_up_after_persistent_server_errors(simulator, provisioner, slept):
    simulator.add_fault("zapmail.v2.domains.buy", status=503)
    with pytest.raises(httpx.HTTPStatusError) as info:
        provisioner.buy("example-down.com")
    assert info.value.response.status_code == 503
    assert slept == [1, 1, 1]
    simulator.assert_called(4, route_id="zapmail.v2.domains.buy", status=503)


def test_a_dropped_connection_is_not_retried_blindly(simulator, provisioner):
    simulator.add_fault("zapmail.v2.domains.buy", drop="after", first_n=1)
    with pytest.raises(httpx.RemoteProtocolError):
        provisioner.buy("example-lost.com")
    # the purchase went through although the answer was lost: a retry must check first
    assert provisioner.domain("example-lost.com")["status"] == "PENDING"


def test_the_same_client_against_a_real_server(simulator_server, slept):
    account = simulator_server.create_account("zapmail", walletBalance=100)
    simulator_server.add_fault("zapmail.v2.domains.list", status=500, every_nth=2)
    with httpx.Client(base_url=account.base_url, headers=account.headers) as client:
        provisioner = Provisioner(client, sleep=slept.append)
        provisioner.buy("example-socket.com")
        assert provisioner.domain("example-socket.com")["status"] == "PENDING"
        assert provisioner.domain("example-socket.com")["status"] == "PENDING"
    assert slept == [1]
    simulator_server.assert_called(3, route_id="zapmail.v2.domains.list")
