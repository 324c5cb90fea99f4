"""Shared fixtures: a fresh in-process simulator per test, driven over HTTP with httpx (the
Starlette test client), exactly as a client would."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from simulator.app import Simulator
from simulator.core.clock import VirtualClock
from simulator.core.store import World


class ProviderClient:
    """A client bound to one account of one provider: its base path and its key header."""
    prefix = ""
    auth_header = ""

    def __init__(self, client: TestClient, key: str, account: dict, harness=None):
        self.client, self.key, self.account, self.harness = client, key, account, harness

    def headers(self, extra=None, auth=True):
        return {**({self.auth_header: self.key} if auth else {}), **(extra or {})}

    def request(self, method, path, *, json=None, params=None, headers=None, content=None, auth=True):
        return self.client.request(method, self.prefix + path, json=json, params=params, content=content,
                                   headers=self.headers(headers, auth))

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


class Api(ProviderClient):
    """Zapmail: base path /api, key in x-auth-zapmail."""
    prefix, auth_header = "/api", "x-auth-zapmail"


class LiteApi(ProviderClient):
    """LiteMail: base path /v1, key in x-api-key."""
    prefix, auth_header = "/v1", "x-api-key"


class Harness:
    def __init__(self):
        self.world = World(seed=7, clock=VirtualClock(frozen=True))
        self.sim = Simulator(self.world)
        self.client = TestClient(self.sim.app)

    def account(self, **body) -> Api:
        r = self.client.post("/_sim/accounts", json={"provider": "zapmail", **body})
        assert r.status_code == 201, r.text
        data = r.json()
        return Api(self.client, data["apiKey"], data)

    def advance(self, seconds: float) -> None:
        r = self.client.post("/_sim/clock", json={"advanceSeconds": seconds})
        assert r.status_code == 200, r.text


@pytest.fixture
def harness() -> Harness:
    return Harness()


@pytest.fixture
def zap(harness) -> Api:
    """A fresh Zapmail account with $500 in its wallet and the default subscriptions
    (Growth: 30 Google slots, Starter: 10 Microsoft slots)."""
    return harness.account(walletBalance=500)


# Lines a test wants shown at the end of the run (e.g. the Docker image size), even under -q.
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter):
    for line in SUMMARY:
        terminalreporter.write_line(line)


SLOW_VARIABLE = "MAILSIM_SLOW_TESTS"


def pytest_configure(config):
    config.addinivalue_line("markers", f"slow: seconds-long checks (crash and restart of a served simulator); "
                                       f"run with {SLOW_VARIABLE}=1 (.ci/run sets it) or -m slow")


def pytest_collection_modifyitems(config, items):
    import os

    if os.environ.get(SLOW_VARIABLE) == "1" or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason=f"slow: set {SLOW_VARIABLE}=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
