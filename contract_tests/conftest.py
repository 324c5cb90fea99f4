"""The contract suite's target: the simulator in-process (default), or any server given by
--target-url/--api-key/--provider (or CONTRACT_TARGET_URL, CONTRACT_API_KEY, CONTRACT_PROVIDER).

Against a server it did not start, the suite is read-only unless told otherwise: writes need
--allow-writes (CONTRACT_ALLOW_WRITES=1), calls that may cost money need --allow-spend
(CONTRACT_ALLOW_SPEND=1). Against its own in-process simulator nothing is at stake, so it
exercises everything. The report goes to --report-dir (CONTRACT_REPORT_DIR, default
./contract-report).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import httpx
import pytest

from simulator.admin.guard import TOKEN_HEADER
from simulator.openapi import document

from .target import Target

PROVIDERS = ("zapmail", "litemail")
AUTH = {"zapmail": "x-auth-zapmail", "litemail": "x-api-key"}


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def pytest_addoption(parser):
    group = parser.getgroup("contract", "contract tests (simulator or real API)")
    group.addoption("--target-url", default=os.environ.get("CONTRACT_TARGET_URL"),
                    help="base URL a client would use (Zapmail: .../api; LiteMail: the server root); "
                         "default: the simulator, in-process")
    group.addoption("--api-key", default=os.environ.get("CONTRACT_API_KEY"), help="API key for --target-url")
    group.addoption("--provider", default=os.environ.get("CONTRACT_PROVIDER"), choices=PROVIDERS,
                    help="provider the target speaks (required with --target-url)")
    group.addoption("--allow-writes", action="store_true", default=_env_flag("CONTRACT_ALLOW_WRITES"),
                    help="against --target-url: also send calls that change state")
    group.addoption("--allow-spend", action="store_true", default=_env_flag("CONTRACT_ALLOW_SPEND"),
                    help="against --target-url: also send calls that may cost money")
    group.addoption("--report-dir", default=os.environ.get("CONTRACT_REPORT_DIR", "contract-report"),
                    help="where contract-report-<provider>.json/.md are written")
    group.addoption("--max-examples", type=int, default=int(os.environ.get("CONTRACT_MAX_EXAMPLES", "0") or 0),
                    help="Hypothesis examples per property (default 10 in-process, 3 against a server)")
    group.addoption("--control-token",
                    default=os.environ.get("CONTRACT_CONTROL_TOKEN") or os.environ.get("MAILSIM_CONTROL_TOKEN"),
                    help="the simulator's control token (its /_sim calls need it when the simulator was "
                         "started with one); in-process, the suite's simulator is started with it")
    group.addoption("--sim-drift", default=os.environ.get("CONTRACT_SIM_DRIFT"),
                    help="in-process only: start the simulator with this drift profile (to prove detection)")


def _providers(config) -> list[str]:
    if config.getoption("--target-url"):
        return [config.getoption("--provider")]
    chosen = config.getoption("--provider")
    if chosen:
        return [chosen]
    # In-process: every provider the simulator serves routes for.
    from simulator.providers import all_dialects
    served = {d.name for d in all_dialects() if d.table.routes}
    return [p for p in PROVIDERS if p in served]


def pytest_generate_tests(metafunc):
    if "provider" in metafunc.fixturenames:
        metafunc.parametrize("provider", _providers(metafunc.config), scope="session")


def pytest_collection_modifyitems(config, items):
    """A provider's own tests run only against that provider: a module names it in PROVIDER, an
    operation's parameters in `owner`. The other combinations are dropped, not skipped by the
    hundred."""
    keep, drop = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        provider = params.get("provider")
        wanted = params.get("owner", getattr(item.module, "PROVIDER", None))
        (drop if provider and wanted and provider != wanted else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


_TARGETS: list[Target] = []


def _in_process(provider: str, config, run_id: str) -> tuple[httpx.Client, callable]:
    from simulator.app import Simulator
    from simulator.core.clock import VirtualClock
    from simulator.core.store import World
    from simulator.inprocess import InProcessTransport

    from . import litemail_plan, zapmail_plan

    # test_webhook_register_list_delete registers an https://example.com URL (fine for a real API);
    # the simulator only sends webhooks to local hosts unless told otherwise
    token = config.getoption("--control-token")
    sim = Simulator(World(seed=11, clock=VirtualClock(frozen=True),
                          settings={"webhook_allowed_hosts": ["example.com"]}), control_token=token)
    drift = config.getoption("--sim-drift")
    if drift:
        sim.drift.set(drift)
    transport = InProcessTransport(sim.app)
    control = httpx.Client(transport=transport, base_url="http://simulator",
                           headers={TOKEN_HEADER: token} if token else None)
    seed = {"zapmail": zapmail_plan.SEED, "litemail": litemail_plan.SEED}[provider]
    r = control.post("/_sim/accounts", json={"provider": provider, **seed})
    assert r.status_code == 201, r.text
    key = r.json()["apiKey"]
    base = "http://simulator" + {"zapmail": "/api", "litemail": ""}[provider]
    client = httpx.Client(transport=transport, base_url=base, headers={AUTH[provider]: key}, timeout=30)

    def close():
        client.close()
        control.close()
        transport.shutdown()
    return client, close


@pytest.fixture(scope="session")
def target(provider, pytestconfig):
    url = pytestconfig.getoption("--target-url")
    run_id = secrets.token_hex(3)
    examples = pytestconfig.getoption("--max-examples")
    if url:
        key = pytestconfig.getoption("--api-key")
        if not key or not provider:
            pytest.exit("--target-url needs --api-key and --provider", returncode=4)
        client = httpx.Client(base_url=url.rstrip("/") + "/", headers={AUTH[provider]: key}, timeout=60)
        close = client.close
        t = Target(provider, client, document(provider), allow_writes=pytestconfig.getoption("--allow-writes"),
                   allow_spend=pytestconfig.getoption("--allow-spend"), started_here=False, label=url,
                   run_id=run_id, max_examples=examples or 3)
    else:
        client, close = _in_process(provider, pytestconfig, run_id)
        t = Target(provider, client, document(provider), allow_writes=True, allow_spend=True, started_here=True,
                   label="simulator (in-process)", run_id=run_id, max_examples=examples or 10)
    _TARGETS.append(t)
    yield t
    close()


def pytest_sessionfinish(session, exitstatus):
    directory = Path(session.config.getoption("--report-dir"))
    for t in _TARGETS:
        json_path, md_path = t.report.write(directory)
        session.config._contract_reports = getattr(session.config, "_contract_reports", []) + [str(md_path)]


def pytest_terminal_summary(terminalreporter, config):
    for path in getattr(config, "_contract_reports", []):
        terminalreporter.write_line(f"contract report: {path}")
