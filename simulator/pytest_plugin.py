"""pytest fixtures for testing an integration against the simulator (registered through the
`pytest11` entry point: installing the package is enough).

- `simulator`: an in-process simulator (ASGI, no socket) with base URLs, httpx clients and the
  control helpers. One per worker process, reset to its start state before every test: a reset
  costs what the previous test touched, so a fresh world per test is nearly free.
- `simulator_server`: the same simulator served on a free loopback port, for clients that need
  a URL; the same helpers, over HTTP.
- `zapmail_account`, `litemail_account`: a fresh, isolated account per test.
- `simulator_stub`: `simulator_stub(operation, status=..., body=..., merge=...)` makes one
  operation answer what the test needs (see ControlAPI.add_stub); the test's reset removes it.

Each pytest-xdist worker is its own process with its own simulator (and its own port), so
workers share nothing.

ini options: simulator_default_world (bool, default true), simulator_seed (default 2026),
simulator_journal_size (default 10000), simulator_fixtures (extra fixture files, one a line),
simulator_wallet_balance (of the account fixtures, default 500), simulator_control_token (the
token every control-plane call must carry; default MAILSIM_CONTROL_TOKEN, or none).
"""
from __future__ import annotations

import pytest

LITEMAIL_MISSING = ("LiteMail is not served by this simulator yet: no dialect named 'litemail' is "
                    "registered in simulator.providers.all_dialects()")


def pytest_addoption(parser):
    parser.addini("simulator_default_world", "load the simulator's embedded demo world (default true)",
                  type="bool", default=True)
    parser.addini("simulator_seed", "seed of the simulator's generated ids (default 2026)", default="2026")
    parser.addini("simulator_journal_size", "calls kept in the simulator's journal (default 10000)",
                  default="10000")
    parser.addini("simulator_fixtures", "fixture files loaded into the simulator's start state", type="paths",
                  default=[])
    parser.addini("simulator_control_token", "token the control plane requires (default: MAILSIM_CONTROL_TOKEN)",
                  default="")
    parser.addini("simulator_wallet_balance", "wallet balance of zapmail_account / litemail_account (default 500)",
                  default="500")


@pytest.fixture(scope="session")
def _simulator_engine(pytestconfig):
    from simulator.admin.guard import env_token
    from simulator.app import Simulator

    # Frozen clock: asynchronous transitions happen when a test advances time, never by accident.
    sim = Simulator(default_world=pytestconfig.getini("simulator_default_world"),
                    fixtures=[str(p) for p in pytestconfig.getini("simulator_fixtures")],
                    seed=int(pytestconfig.getini("simulator_seed")), freeze_clock=True,
                    journal_size=int(pytestconfig.getini("simulator_journal_size")),
                    control_token=pytestconfig.getini("simulator_control_token") or env_token())
    yield sim
    sim.close()


@pytest.fixture(scope="session")
def _simulator_http(_simulator_engine):
    from simulator.server import ServerThread

    server = ServerThread(_simulator_engine.app).start()
    yield server
    server.stop()


@pytest.fixture
def simulator(_simulator_engine):
    """The in-process simulator, at its start state: accounts as loaded at start, clock frozen at
    the start time, no fault rules, an empty journal, rate limits off."""
    _simulator_engine.reset()
    yield _simulator_engine
    _simulator_engine.close_clients()


@pytest.fixture
def simulator_server(simulator, _simulator_http):
    """The same simulator over a real socket: `.url`, `.base_url(provider)`, and the helpers."""
    from simulator.client import RemoteSimulator

    remote = RemoteSimulator(_simulator_http.url, control_token=simulator.control_token)
    yield remote
    remote.close()


def _balance(config) -> float:
    return float(config.getini("simulator_wallet_balance"))


@pytest.fixture
def zapmail_account(simulator, pytestconfig):
    """A fresh Zapmail account (default subscriptions, a funded wallet) with a ready client."""
    return simulator.create_account("zapmail", walletBalance=_balance(pytestconfig))


@pytest.fixture
def litemail_account(simulator, pytestconfig):
    """A fresh LiteMail account with a ready client; skipped until the LiteMail dialect exists."""
    if "litemail" not in simulator.providers:
        pytest.skip(LITEMAIL_MISSING)
    return simulator.create_account("litemail", walletBalance=_balance(pytestconfig))


@pytest.fixture
def simulator_stub(simulator):
    """Add a stub rule for this test: simulator_stub("zapmail.v2.wallet.get_balance",
    body={"walletBalance": 0}, merge=True). Every rule is gone at the next test's reset; the
    fixture removes them at teardown too, for a simulator shared with other fixtures."""
    added = []

    def add(operation: str, **answer):
        rule = simulator.add_stub(operation, **answer)
        added.append(rule)
        return rule

    yield add
    remaining = {r["id"] for r in simulator.stubs()}
    for rule in added:
        if rule["id"] in remaining:
            simulator.remove_stub(rule)
