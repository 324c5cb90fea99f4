"""The contract suite catches drift: run against a simulator drifting in each profile's way, it
fails and its report names the drifted operation. Run against a simulator it did not start, with
no --allow flags, it sends no write that the server carries out (the safety guard)."""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from simulator.app import Simulator
from simulator.core.clock import VirtualClock
from simulator.core.store import World
from simulator.drift import PROFILES

ROOT = Path(__file__).resolve().parent.parent


def run_suite(tmp_path: Path, *args: str, provider: str = "zapmail") -> tuple[subprocess.CompletedProcess, dict]:
    report_dir = tmp_path / "report"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACT_")}
    # only the plugins the contract suite uses (ours and Hypothesis's): loading every installed
    # one (schemathesis, faker, xdist...) was a third of each run's time
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    proc = subprocess.run([sys.executable, "-m", "pytest", "contract_tests", "-q", "-x", "-p", "no:cacheprovider",
                           "-p", "simulator.pytest_plugin", "-p", "_hypothesis_pytestplugin",
                           "--report-dir", str(report_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    path = report_dir / f"contract-report-{provider}.json"
    assert path.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc, json.loads(path.read_text())


def test_there_are_at_least_eight_realistic_profiles():
    assert len(PROFILES) >= 8
    kinds = {p.kind for p in PROFILES.values()}
    # renamed field, changed type, missing envelope key, wrong status, new required field,
    # changed enum, pagination shape, changed error body
    assert {"rename", "retype", "drop", "status", "require", "enum", "pagination", "error-body"} <= kinds


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_suite_reports_each_drift_profile(tmp_path, name):
    profile = PROFILES[name]
    proc, report = run_suite(tmp_path, "--sim-drift", name, "--provider", profile.provider, provider=profile.provider)
    assert proc.returncode != 0, f"the suite passed against drift {name!r}:\n{proc.stdout[-2000:]}"
    diverged = {r["operation"]: r for r in report["operations"] if r["result"] == "diverges"}
    assert diverged, f"{name}: the suite failed but reported no divergence:\n{proc.stdout[-2000:]}"
    if profile.operation is not None:
        assert profile.operation in diverged, (name, sorted(diverged))
        row = diverged[profile.operation]
    else:  # a provider-wide change: every reported divergence is of that kind
        row = next(iter(diverged.values()))
        assert all(r["status"] >= 400 for r in diverged.values()), diverged
    assert row["firstDifference"] and row["request"]["method"] and row["request"]["url"]
    # the terminal says what diverged and where, and the failure is that line, not a traceback
    # through the suite's plumbing
    assert f"{row['operation']} diverges at {row['firstDifference']}: " in proc.stdout, proc.stdout[-3000:]
    assert "diverge, " in proc.stdout and "Traceback" not in proc.stdout and "target.py" not in proc.stdout
    failure = proc.stdout.split("= FAILURES =")[1].split("contract ")[0]
    assert len(failure.strip().splitlines()) <= 6, failure


def test_without_drift_the_same_run_passes(tmp_path):
    proc, _ = run_suite(tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    for provider in ("zapmail", "litemail"):
        report = json.loads((tmp_path / "report" / f"contract-report-{provider}.json").read_text())
        assert report["summary"]["diverges"] == 0
        assert report["summary"]["not exercised"] == 0, [r for r in report["operations"] if r["result"] != "agrees"]
        markdown = (tmp_path / "report" / f"contract-report-{provider}.md").read_text()
        assert f"| {report['operations'][0]['operation']} |" in markdown


@pytest.mark.parametrize("provider", ["zapmail", "litemail"])
def test_default_run_against_a_server_sends_no_write(tmp_path, provider):
    """The guard: against a server it did not start and without --allow-writes/--allow-spend, the
    suite's only calls to write or spend operations are probes the server rejects."""
    plan = importlib.import_module(f"contract_tests.{provider}_plan")
    classes = {r.operation: r.kind for r in dialect_named(provider).table.routes}
    sim = Simulator(World(seed=3, clock=VirtualClock(frozen=True)))
    remote = sim.serve()
    try:
        account = sim.create_account(provider, **plan.SEED)
        sim.clear_journal()
        # the base URL a client uses: .../api for Zapmail, the server root for LiteMail (paths carry /v1)
        url = remote.url + {"zapmail": "/api", "litemail": ""}[provider]
        proc, report = run_suite(tmp_path, "--target-url", url, "--api-key", account.api_key,
                                 "--provider", provider, provider=provider)
        assert proc.returncode == 0, proc.stdout[-3000:]
        entries = sim.journal()
    finally:
        remote.close()
        sim.close()
    assert entries and all(e["routeId"] in classes for e in entries), "the suite sent nothing, or off the table"
    carried_out = [e for e in entries if classes[e["routeId"]] != "read" and e["status"] < 400]
    assert carried_out == [], carried_out
    # A probe is only safe where the body has a required field the probe leaves out: to any other
    # write or spend (no body, or no required field), even a rejected probe is one too many.
    from contract_tests.test_invalid_inputs import body_ops
    guarded = {op for op, _, required, _ in body_ops(provider) if required}
    unguarded = sorted({(e["method"], e["path"], e["routeId"]) for e in entries
                        if classes[e["routeId"]] != "read" and e["routeId"] not in guarded})
    assert unguarded == [], unguarded
    probed = {e["routeId"] for e in entries if classes[e["routeId"]] in ("write", "spend")}
    assert len(probed) >= 5, "the guard test must see rejected write probes, or it proves nothing"
    reads = {e["routeId"] for e in entries if classes[e["routeId"]] == "read" and e["status"] < 300}
    assert len(reads) >= 8
    rows = report["operations"]
    assert not [r for r in rows if r["result"] == "diverges"]
    assert any("allow-writes" in (r.get("detail") or "") for r in rows)


def test_drift_switch_on_the_control_plane():
    client = TestClient(Simulator(World(seed=5, clock=VirtualClock(frozen=True))).app)
    key = client.post("/_sim/accounts", json={"provider": "zapmail"}).json()["apiKey"]
    user = lambda: client.get("/api/v2/users", headers={"x-auth-zapmail": key}).json()["data"]  # noqa: E731
    assert "walletBalance" in user()
    r = client.post("/_sim/drift", json={"profile": "renamed-field"})
    assert r.status_code == 200 and r.json()["active"] == "renamed-field"
    assert "balance" in user() and "walletBalance" not in user()
    assert client.get("/_sim/drift").json()["active"] == "renamed-field"
    assert client.post("/_sim/drift", json={"profile": "no-such-drift"}).status_code == 400
    assert client.post("/_sim/drift", json={"profile": None}).json()["active"] is None
    assert "walletBalance" in user()


def test_cli_drift_flag_and_environment(monkeypatch):
    from simulator.cli import build_parser, make_simulator

    args = build_parser().parse_args(["serve", "--no-default-world", "--drift", "changed-enum"])
    sim, _ = make_simulator(args)
    assert sim.drift.active.name == "changed-enum"
    monkeypatch.setenv("MAILSIM_DRIFT", "wrong-status")
    sim, _ = make_simulator(build_parser().parse_args(["serve", "--no-default-world"]))
    assert sim.drift.active.name == "wrong-status"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--drift", "no-such-drift"])


def test_provider_openapi_documents_are_served_with_provenance_and_class():
    client = TestClient(Simulator(World(seed=5)).app)
    doc = client.get("/_sim/openapi/zapmail.json").json()
    ops = [e for methods in doc["paths"].values() for e in methods.values() if "x-alias-of" not in e]
    assert sorted(e["operationId"] for e in ops) == sorted(dialect_named("zapmail").table.operations())
    for entry in ops:
        assert entry["x-provenance"] in ("documented", "observed", "method-doc", "inferred")
        assert entry["x-operation-class"] in ("read", "write", "spend")
        assert "200" in entry["responses"] and "400" in entry["responses"]
    lite = client.get("/_sim/openapi/litemail.json").json()
    lite_ops = [e for methods in lite["paths"].values() for e in methods.values()]
    assert sorted(e["operationId"] for e in lite_ops) == sorted(dialect_named("litemail").table.operations())
    assert all(p.startswith("/v1/") for p in lite["paths"])
    for entry in lite_ops:
        assert entry["x-operation-class"] in ("read", "write", "spend")
        assert any(code.startswith("2") for code in entry["responses"]) and "400" in entry["responses"]
    assert client.get("/_sim/openapi/nope.json").status_code == 404


def dialect_named(provider: str):
    from simulator.providers import all_dialects

    return next(d for d in all_dialects() if d.name == provider)
