"""The contract suite catches drift: run against a simulator drifting in each profile's way, it
fails and its report names the drifted operation. Run against a simulator it did not start, with
no --allow flags, it sends no write that the server carries out (the safety guard)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.app import Simulator
from simulator.core.clock import VirtualClock
from simulator.core.store import World
from simulator.drift import PROFILES
from simulator.providers.zapmail.responses import CLASSES

ROOT = Path(__file__).resolve().parent.parent


def run_suite(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    report_dir = tmp_path / "report"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACT_")}
    proc = subprocess.run([sys.executable, "-m", "pytest", "contract_tests", "-q", "-x", "-p", "no:cacheprovider",
                           "--report-dir", str(report_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    path = report_dir / "contract-report-zapmail.json"
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
    proc, report = run_suite(tmp_path, "--sim-drift", name)
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
    assert "Divergence" in proc.stdout


def test_without_drift_the_same_run_passes(tmp_path):
    proc, report = run_suite(tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert report["summary"]["diverges"] == 0
    assert report["summary"]["not exercised"] == 0, [r for r in report["operations"] if r["result"] != "agrees"]
    markdown = (tmp_path / "report" / "contract-report-zapmail.md").read_text()
    assert "| zapmail.v2.users.get |" in markdown


def test_default_run_against_a_server_sends_no_write(tmp_path):
    """The guard: against a server it did not start and without --allow-writes/--allow-spend, the
    suite's only calls to write or spend operations are probes the server rejects."""
    from contract_tests.zapmail_plan import SEED

    sim = Simulator(World(seed=3, clock=VirtualClock(frozen=True)))
    remote = sim.serve()
    try:
        account = sim.create_account("zapmail", **SEED)
        sim.clear_journal()
        proc, report = run_suite(tmp_path, "--target-url", remote.base_url("zapmail"), "--api-key", account.api_key,
                                 "--provider", "zapmail")
        assert proc.returncode == 0, proc.stdout[-3000:]
        entries = sim.journal()
    finally:
        remote.close()
        sim.close()
    assert entries, "the suite sent nothing"
    carried_out = [e for e in entries if CLASSES.get(e["routeId"], "spend") != "read" and e["status"] < 400]
    assert carried_out == [], carried_out
    probed = {e["routeId"] for e in entries if CLASSES.get(e["routeId"]) in ("write", "spend")}
    assert probed, "the guard test must see rejected write probes, or it proves nothing"
    rows = {r["operation"]: r for r in report["operations"]}
    assert rows["zapmail.v2.workspaces.create"]["result"] != "diverges"
    assert any("allow-writes" in (r.get("detail") or "") for r in rows.values())


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
    ops = [e for methods in doc["paths"].values() for e in methods.values()]
    assert len(ops) == len(CLASSES) >= 45
    for entry in ops:
        assert entry["x-provenance"] in ("documented", "observed", "method-doc", "inferred")
        assert entry["x-operation-class"] in ("read", "write", "spend")
        assert "200" in entry["responses"] and "400" in entry["responses"]
    assert client.get("/_sim/openapi/litemail.json").status_code == 200
    assert client.get("/_sim/openapi/nope.json").status_code == 404
