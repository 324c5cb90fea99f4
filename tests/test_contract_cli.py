"""`mailbox-simulator contract` against a served simulator with its rate limits on, as a user
runs it: a progress line per group of operations and for every Retry-After it waits out, a summary
of agree / diverge / not exercised with the first divergence of each, no other provider's tests
generated (so nothing deselected), and a divergence reported as one short failure."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.app import Simulator

SCRIPT = Path(sys.executable).with_name("mailbox-simulator")
DEMO_KEY = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"


@pytest.fixture
def served():
    # a running clock: the rate-limit windows pass in simulated time
    sim = Simulator(default_world=True, seed=4)
    remote = sim.serve()
    sim.set_rate_limits("zapmail", enabled=True, limits={"per-second": 12, "per-minute": 100_000})
    sim.clear_journal()
    yield sim, remote
    remote.close()
    sim.close()


def contract(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACT_")}
    return subprocess.run([str(SCRIPT), "contract", *argv], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


def test_a_rate_limited_run_shows_progress_waits_and_a_summary(served, tmp_path):
    sim, remote = served
    out = contract("--target-url", remote.url + "/api", "--api-key", DEMO_KEY, "--provider", "zapmail",
                   "--report-dir", str(tmp_path / "report"), "test_reads.py", cwd=tmp_path)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    text = out.stdout
    groups = re.findall(r"^contract zapmail \[\s*\d+ s\] (\w+): \d+ calls so far, 0 diverging operations$", text, re.M)
    assert len(groups) == len(set(groups)) >= 4, text  # one line per group the run reached
    waits = re.findall(r"^contract zapmail \[\s*\d+ s\] waiting (\d+) s for Retry-After \(zapmail\.v2\.[\w.]+\)$",
                       text, re.M)
    limited = [e for e in sim.journal(status=429) if e["rateLimited"]]
    assert waits and limited and len(waits) == len(limited), (waits, len(limited))
    summary = re.search(rf"^contract zapmail against {re.escape(remote.url)}/api: (\d+) agree, 0 diverge, "
                        rf"(\d+) not exercised$", text, re.M)
    assert summary and int(summary.group(1)) >= 10, text
    assert "deselected" not in text and "litemail" not in text
    assert (tmp_path / "report" / "contract-report-zapmail.md").exists()


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("MAILSIM_TEST_IMAGE") != "1",
                    reason="a second served run; with MAILSIM_TEST_IMAGE=1 (tests/test_contract_drift.py checks "
                           "the short failure in-process)")
def test_a_divergence_is_a_short_failure_and_named_in_the_summary(served, tmp_path):
    sim, remote = served
    sim.set_rate_limits("zapmail", enabled=False)
    remote._call("POST", "/_sim/drift", json={"profile": "renamed-field"})
    out = contract("--target-url", remote.url + "/api", "--api-key", DEMO_KEY, "--provider", "zapmail",
                   "--report-dir", str(tmp_path / "report"), "test_reads.py::test_plain_read_matches_its_documented_shape",
                   cwd=tmp_path)
    assert out.returncode == 1, out.stdout[-3000:]
    line = re.search(r"^  (zapmail\.v2\.[\w.]+) diverges at (\$[\w.\[\]]*): (.+) \(GET /v2/\S+, status 200\)$",
                     out.stdout, re.M)
    assert line, out.stdout
    assert re.search(r"^contract zapmail against .*: \d+ agree, [1-9]\d* diverge, \d+ not exercised$", out.stdout, re.M)
    failures = out.stdout.split("= FAILURES =")[1].split("\ncontract zapmail against")[0]
    for block in re.split(r"^_+ .* _+$", failures, flags=re.M)[1:]:
        assert len(block.strip().splitlines()) == 1, block  # the divergence, not a traceback
    assert "Traceback" not in out.stdout and "target.py" not in out.stdout


def test_target_url_without_a_key_or_provider_is_a_usage_error(tmp_path):
    out = contract("--target-url", "http://127.0.0.1:9/api", cwd=tmp_path)
    assert out.returncode == 4 and "--target-url needs --api-key and --provider" in out.stderr + out.stdout


def test_help_lists_the_suite_options():
    out = contract("--help", cwd=Path.cwd())
    assert out.returncode == 0
    for option in ("--target-url", "--api-key", "--provider", "--allow-writes", "--allow-spend", "--report-dir"):
        assert option in out.stdout
    assert len(out.stdout.splitlines()) < 40
