"""The plugin under pytest-xdist: two workers, each with its own simulator and port, no state
shared. A user-style suite runs in a subprocess with -n 2."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("xdist")

HERE = Path(__file__).resolve().parent

ISOLATION_SUITE = '''
import json
import os
import pytest
from simulator.worldfile import default_world_path

DEMO_KEY = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"
START_KEYS = [a["apiKey"] for a in json.loads(default_world_path().read_text())["accounts"]]


@pytest.mark.parametrize("n", range(12))
def test_each_test_sees_a_clean_world_and_dirties_it(simulator, simulator_server, zapmail_account, n, tmp_path_factory):
    assert simulator.faults() == []
    assert [e["accountId"] for e in simulator.journal()] == []
    assert [a["apiKey"] for a in simulator.accounts(keys=True)] == START_KEYS + [zapmail_account.api_key]
    demo = simulator.client("zapmail", api_key=DEMO_KEY)
    balance = demo.get("/v2/wallet/balance").json()["walletBalance"]
    assert balance == 250
    demo.post("/v2/domains/buy", json={"domains": [{"domainName": f"xdist-{n}.com"}], "useWallet": True})
    assert demo.get("/v2/wallet/balance").json()["walletBalance"] < balance
    simulator.add_fault("zapmail.v2.users.get", status=500)
    simulator.advance(3600)
    out = os.environ["RESULTS"]
    with open(out, "a") as f:
        f.write(f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')} {simulator_server.url} {id(simulator)}\\n")
'''


def test_user_suite_runs_isolated_under_two_workers(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_isolation.py").write_text(ISOLATION_SUITE)
    shutil.copy(HERE / "examples" / "test_zapmail_integration.py", suite)
    shutil.copy(HERE / "examples" / "test_litemail_integration.py", suite)
    results = tmp_path / "results.txt"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "-p", "no:cacheprovider", "-q", "-rs",
                           str(suite)], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "RESULTS": str(results)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    passed = int(re.search(r"(\d+) passed", proc.stdout).group(1))
    skipped = int(m.group(1)) if (m := re.search(r"(\d+) skipped", proc.stdout)) else 0
    assert passed >= 17 and passed + skipped == 20, proc.stdout  # 12 + 5 Zapmail + 3 LiteMail (may skip)
    rows = [line.split() for line in results.read_text().splitlines()]
    assert len(rows) == 12
    workers = {worker for worker, _, _ in rows}
    assert workers == {"gw0", "gw1"}
    urls = {worker: {url for w, url, _ in rows if w == worker} for worker in workers}
    assert all(len(u) == 1 for u in urls.values()) and urls["gw0"] != urls["gw1"]
