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
import re
import secrets
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Callable

import httpx
import pytest

from simulator.admin.guard import TOKEN_HEADER
from simulator.openapi import document

from .report import AGREES, DIVERGES, NOT_EXERCISED
from .target import Divergence, Target

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


def _chosen(config) -> list[str]:
    if not hasattr(config, "_contract_providers"):
        config._contract_providers = _providers(config)
    return config._contract_providers


def pytest_configure(config):
    if config.getoption("--target-url") and not (config.getoption("--api-key") and config.getoption("--provider")):
        raise pytest.UsageError("--target-url needs --api-key and --provider")
    config._contract_targets = {}  # provider -> (Target, close)
    config.addinivalue_line("markers", "provider_cases(argnames, cases): parametrize a test over every chosen "
                                       "provider's own cases, cases(provider) -> list of tuples (id first)")


def pytest_ignore_collect(collection_path, config):
    """A module of one provider's tests (PROVIDER = "...") is not collected when that provider is
    not under test: its tests are never generated, rather than generated and deselected."""
    if collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        found = re.search(r'^PROVIDER = "(\w+)"', collection_path.read_text(), re.M)
        if found and found.group(1) not in _chosen(config):
            return True
    return None


def pytest_generate_tests(metafunc):
    """`provider` takes only the providers under test, and only the module's own; a test marked
    provider_cases gets each provider's own cases, never another provider's."""
    if "provider" not in metafunc.fixturenames:
        return
    own = getattr(metafunc.module, "PROVIDER", None)
    providers = [p for p in _chosen(metafunc.config) if own in (None, p)]
    marker = metafunc.definition.get_closest_marker("provider_cases")
    if marker is None:
        metafunc.parametrize("provider", providers, scope="session")
        return
    argnames, cases = marker.args
    rows = [(p, *case) for p in providers for case in cases(p)]
    metafunc.parametrize(["provider", *argnames.split(",")], rows, ids=[str(row[1]) for row in rows],
                         scope="session")


def _in_process(provider: str, config, run_id: str) -> tuple[httpx.Client, Callable[[], None]]:
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


def _open(provider: str, config) -> tuple[Target, Callable[[], None]]:
    url = config.getoption("--target-url")
    run_id = secrets.token_hex(3)
    examples = config.getoption("--max-examples")
    if url:
        client = httpx.Client(base_url=url.rstrip("/") + "/", headers={AUTH[provider]: config.getoption("--api-key")},
                              timeout=60)
        t = Target(provider, client, document(provider), allow_writes=config.getoption("--allow-writes"),
                   allow_spend=config.getoption("--allow-spend"), started_here=False, label=url,
                   run_id=run_id, max_examples=examples or 3, progress=_progress(config, provider))
        return t, client.close
    client, close = _in_process(provider, config, run_id)
    t = Target(provider, client, document(provider), allow_writes=True, allow_spend=True, started_here=True,
               label="simulator (in-process)", run_id=run_id, max_examples=examples or 10)
    return t, close


@pytest.fixture
def zapmail(provider):
    """For sequences only Zapmail has: the other provider's parametrisation skips them."""
    if provider != "zapmail":
        pytest.skip("Zapmail sequences")


@pytest.fixture
def target(provider, pytestconfig) -> Target:
    """The provider's target: opened once per run and kept until the run ends, however the tests
    of the two providers are ordered."""
    opened = pytestconfig._contract_targets
    if provider not in opened:
        opened[provider] = _open(provider, pytestconfig)
    return opened[provider][0]


def _progress(config, provider: str):
    """Lines written to the terminal while tests run (a run against a rate-limited API is long):
    pytest captures test output, so write past the capture."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    started = time.monotonic()

    def write(line: str) -> None:
        if reporter is None:
            return
        with capture.global_and_fixture_disabled() if capture else nullcontext():
            if reporter._tw.width_of_current_line:  # after a row of progress dots
                reporter.write("\n")
            reporter.write_line(f"contract {provider} [{time.monotonic() - started:5.0f} s] {line}")
    return write


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A divergence (or a failed consistency check) reads as what differs, not as a traceback
    through the suite's own plumbing."""
    outcome = yield
    report = outcome.get_result()
    info = call.excinfo
    if report.failed and info is not None and info.errisinstance(AssertionError):
        exc = info.value
        lines = str(exc).splitlines()[:12]
        notes = [n for n in getattr(exc, "__notes__", []) if n.strip()][:4]
        where = "" if isinstance(exc, Divergence) else f"\n({_test_line(info, item)})"
        report.longrepr = "\n".join(lines + notes) + where


def _test_line(info, item) -> str:
    for entry in reversed(info.traceback):
        if str(entry.path) == str(item.path):
            return f"{item.path.name}:{entry.lineno + 1}"
    return item.path.name


def pytest_sessionfinish(session, exitstatus):
    directory = Path(session.config.getoption("--report-dir"))
    reports = []
    for t, close in session.config._contract_targets.values():
        close()
        reports.append((t, str(t.report.write(directory)[1])))
    session.config._contract_reports = reports


def pytest_terminal_summary(terminalreporter, config):
    """Per provider: how many operations agree, diverge, or were not exercised, and the first
    divergence of each diverging operation."""
    for t, path in getattr(config, "_contract_reports", []):
        rows = t.report.rows()
        counts = {k: sum(1 for r in rows if r["result"] == k) for k in (AGREES, DIVERGES, NOT_EXERCISED)}
        terminalreporter.write_line(f"contract {t.provider} against {t.report.target}: {counts[AGREES]} agree, "
                                    f"{counts[DIVERGES]} diverge, {counts[NOT_EXERCISED]} not exercised")
        for r in rows:
            if r["result"] == DIVERGES:
                q = r["request"]
                terminalreporter.write_line(f"  {r['operation']} diverges at {r['firstDifference']}: {r['detail']} "
                                            f"({q['method']} {q['url']}, status {r['status']})")
        terminalreporter.write_line(f"contract report: {path}")
